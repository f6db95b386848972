/* findings_table.h: the findings as a table, for pruefbericht.csv and the
 * workbook's Prüfbericht sheet (one computation, two renderings). */
#ifndef IKZ_FINDINGS_TABLE_H
#define IKZ_FINDINGS_TABLE_H

#include "findings.h"
#include "status.h"
#include "table.h"

/* Fills t (initialised here, named "pruefbericht") with one row per stored
 * finding: datei, zeile, spalte, wert, code, schwere, meldung. Strings are
 * borrowed from f or owned by t; f must outlive t. */
enum ikz_status findings_table(const struct findings *f, struct table *t);

#endif
