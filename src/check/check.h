/* check.h: checks that need projects and participations together.
 *
 * The readers check each row on its own; this module checks each project
 * against its participations. A project with fewer than two participants
 * (of any Land) is no cooperation: a fehler that rejects the project, so
 * that it counts nowhere (docs/definitions.md). No or several leads are
 * hinweise: the project still counts, but someone should look. */
#ifndef IKZ_CHECK_H
#define IKZ_CHECK_H

#include "findings.h"
#include "projects.h"
#include "table.h"

/* Adds the findings and marks a project with fewer than two participants
 * unusable (counted in ex->rejected_projekte); projects_display names
 * projekte.csv in them. The participants are counted only for projects
 * funded at stichtag or a year before (0: every project): a project the
 * report does not count may name keys only a later Gebietsstand knows,
 * which a rerun for an earlier year does not place. */
void check_projects(struct exports *ex, ikz_date stichtag, const char *projects_display, struct findings *findings);

/* The most characters a workbook cell holds (Excel's limit), counted as
 * Excel counts them: in UTF-16 units, a character above U+FFFF two. */
#define CHECK_CELL_MAX_CHARS 32767

/* A hinweis ZELLE_GEKUERZT for every text cell of the tables longer than
 * a workbook cell holds: the workbook shows it cut, with a mark; the CSV
 * keeps it whole. Named by the table's CSV file, its row (the header is
 * line 1) and column. */
void check_cell_lengths(const struct table *tables, size_t n, struct findings *findings);

#endif
