/* export_report.h: how the readers of the two exports (projekte.c,
 * beteiligungen.c) turn a judge's verdict into a finding. Their columns are
 * tables (see projekte.c): each cell is judged by a rule of check/rules.h,
 * and the reader, which knows file, line and column, reports what the rule
 * said. Internal to read/. */
#ifndef IKZ_EXPORT_REPORT_H
#define IKZ_EXPORT_REPORT_H

#include "findings.h"
#include "rules.h"

/* Adds the finding a judge gave for a cell: the cell as found (none for
 * an empty required one) and the judge's hint. */
static inline void export_report(struct findings *findings, const char *display, long line, const char *column,
                                 const char *cell, const struct rule_result *why)
{
    findings_add(findings, why->code, display, line, column,
                 why->code == FINDING_PFLICHTFELD_LEER ? NULL : cell ? cell : "", *why->hint ? "%s" : NULL, why->hint);
}

#endif
