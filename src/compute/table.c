/* table.c: storage for the typed tables of table.h. */
#include "table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void table_init(struct table *t, const char *name, const struct table_column *columns, size_t ncols)
{
    memset(t, 0, sizeof *t);
    t->name = name;
    t->column = columns;
    t->ncols = ncols;
}

void table_free(struct table *t)
{
    for (size_t i = 0; i < t->n_owned; i++)
        free(t->owned[i]);
    free(t->owned);
    free(t->cell);
    memset(t, 0, sizeof *t);
}

struct cell *table_add_row(struct table *t)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        struct cell *c = realloc(t->cell, cap * t->ncols * sizeof *c);
        if (!c)
            return NULL;
        t->cell = c;
        t->cap = cap;
    }
    struct cell *row = &t->cell[t->nrows++ * t->ncols];
    memset(row, 0, t->ncols * sizeof *row);
    return row;
}

const char *table_strdup(struct table *t, const char *s)
{
    if (t->n_owned == t->cap_owned) {
        size_t cap = t->cap_owned ? 2 * t->cap_owned : 16;
        char **o = realloc(t->owned, cap * sizeof *o);
        if (!o)
            return NULL;
        t->owned = o;
        t->cap_owned = cap;
    }
    char *copy = strdup(s);
    if (copy)
        t->owned[t->n_owned++] = copy;
    return copy;
}

void cell_text(struct cell *c, const char *s)
{
    c->kind = s ? CELL_TEXT : CELL_EMPTY;
    c->v.text = s;
}

enum ikz_status table_fill(struct table *t, const void *source, size_t rows)
{
    for (size_t r = 0; r < rows; r++) {
        struct cell *row = table_add_row(t);
        if (!row)
            return IKZ_ERR_OSERR;
        for (size_t c = 0; c < t->ncols; c++) {
            row[c].kind = CELL_UNSET;
            t->column[c].fill(source, r, &row[c]);
            if (row[c].kind == CELL_UNSET)
                return IKZ_ERR_SOFTWARE;
        }
    }
    return IKZ_OK;
}

long table_column_index(const struct table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->column[c].name, name) == 0)
            return (long)c;
    return -1;
}

void cell_empty(struct cell *c)
{
    c->kind = CELL_EMPTY;
    c->v.i = 0;
}

void cell_unknown(struct cell *c)
{
    c->kind = CELL_UNKNOWN;
    c->v.i = 0;
}

void cell_whole(struct cell *c, double v)
{
    if (isnan(v))
        cell_real(c, v);
    else
        cell_int(c, (int64_t)v);
}

void cell_int(struct cell *c, int64_t v)
{
    c->kind = CELL_INT;
    c->v.i = v;
}

void cell_real_shown(struct cell *c, double v, unsigned decimals)
{
    c->kind = isnan(v) ? CELL_UNDEFINED : CELL_REAL;
    c->decimals = (unsigned char)decimals;
    c->v.r = v;
}

void cell_real(struct cell *c, double v) { cell_real_shown(c, v, 1); }

void cell_money(struct cell *c, int64_t cents)
{
    c->kind = cents == MONEY_NONE ? CELL_UNKNOWN : CELL_MONEY;
    c->v.cents = cents;
}

void cell_date(struct cell *c, ikz_date d)
{
    c->kind = d ? CELL_DATE : CELL_UNKNOWN;
    c->v.date = d;
}
