/* check.h: checks that need projects and participations together.
 *
 * The readers check each row on its own; this module checks each project
 * against its participations (none, only one, no or several leads). These
 * findings are hinweise: the project still counts, but someone should look. */
#ifndef IKZ_CHECK_H
#define IKZ_CHECK_H

#include "exports.h"
#include "findings.h"
#include "table.h"

/* Adds the findings; projects_display names projekte.csv in them. */
void check_projects(const struct exports *ex, const char *projects_display, struct findings *findings);

/* The most characters a workbook cell holds (Excel's limit). */
#define CHECK_CELL_MAX_CHARS 32767

/* A hinweis ZELLE_GEKUERZT for every text cell of the tables longer than
 * a workbook cell holds: the workbook shows it cut, with a mark; the CSV
 * keeps it whole. Named by the table's CSV file, its row (the header is
 * line 1) and column. */
void check_cell_lengths(const struct table *tables, size_t n, struct findings *findings);

#endif
