/* figures.h: from the counts of one Stichtag to the published tables.
 *
 * figures_build() computes the key figures (kennzahlen) and the summary
 * tables of docs/definitions.md with stats.c, and fills one struct table per
 * output. Everything is data in figures.c: a key figure is one row of
 * _key_figures (key, kind, decimals, whether a change in per cent makes
 * sense, the function computing it), a column is one descriptor with its
 * fill function, a table is one row of _tables. docs/architecture.md shows
 * how to add each. */
#ifndef IKZ_FIGURES_H
#define IKZ_FIGURES_H

#include "aggregate.h"
#include "areas.h"
#include "findings.h"
#include "kommunen.h"
#include "labels.h"
#include "projects.h"
#include "stats.h"
#include "status.h"
#include "table.h"

enum figures_table {
    TABLE_KENNZAHLEN,
    TABLE_KOMMUNEN,
    TABLE_KREISE,
    TABLE_AUFGABENBEREICHE,
    TABLE_ZEITREIHE,
    TABLE_GROESSENKLASSEN,
    TABLE_OZG,
    TABLE_VERTEILUNG, /* workbook only: Kommunen by number of projects */
    TABLE__COUNT
};

struct figures_input {
    const struct kommune_register *reg;
    const struct task_areas *areas;
    const struct exports *ex;
    const struct aggregate *agg;
    const struct labels *labels; /* German labels of the key figures */
    bool key_figures_only;       /* the year before: only its key figures are shown */
};

struct figures {
    struct table table[TABLE__COUNT];
    struct summary projekte_je_kommune; /* over all Kommunen, zeros included */
};

enum ikz_status figures_build(const struct figures_input *in, struct figures *out);
void figures_free(struct figures *f);

/* The value of a key figure by key (stichtag, projekte_gefoerdert, ...), or
 * NULL for an unknown key. Borrowed from f. */
const struct cell *figures_key(const struct figures *f, const char *key);

/* The change from before to now, for the previous-year columns and the
 * press text: diff has now's kind (count, money or real), pct is
 * 100 * (now - before) / before with one decimal shown. Both are
 * CELL_UNDEFINED where no change is defined: a date, a missing or undefined
 * value, before NULL, or pct against a before of 0. */
void figures_change(const struct cell *now, const struct cell *before, struct cell *diff, struct cell *pct);

/* False for key figures whose change in per cent means nothing (shares
 * in per cent, the correlation coefficient, dates): their change is the
 * difference in points. */
bool figures_key_relative(const char *key);

/* The number of key figures, and the key of the i-th (static; NULL past
 * the end): the tests count them from here, never from a literal. */
size_t figures_key_count(void);

/* A table's file stem ("kommunen") and whether it is in the workbook only
 * (no CSV): what a report holds, for verify. Static. */
const char *figures_table_name(enum figures_table t);
bool figures_table_workbook_only(enum figures_table t);
const char *figures_key_name(size_t i);

/* Adds a VORLAGE_FEHLERHAFT finding for every key figure without a label
 * in labels; returns IKZ_ERR_CONFIG if there was one. */
enum ikz_status figures_check_labels(const struct labels *labels, const char *display, struct findings *findings);

#endif
