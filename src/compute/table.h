/* table.h: a typed table, the one form every summary takes.
 *
 * figures.c fills tables; each renderer (CSV now, the workbook and the
 * press text later) only formats them. So every number reaches every
 * output from the same computation. A cell knows its kind (count, real,
 * money, date, text, empty, unknown, not meaningful); a column knows how a person wants to see it. */
#ifndef IKZ_TABLE_H
#define IKZ_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "status.h"
#include "values.h"

enum cell_kind {
    CELL_EMPTY,     /* nothing to show: no text, no upper bound of a class */
    CELL_UNKNOWN,   /* a value exists but is not known: not reported ('.') */
    CELL_UNDEFINED, /* not meaningful: the mean of nothing, a change against 0 ('x') */
    CELL_TEXT,
    CELL_INT,
    CELL_REAL,  /* NaN becomes CELL_UNDEFINED in cell_real() */
    CELL_MONEY, /* cents */
    CELL_DATE,
    CELL_UNSET  /* not yet filled: never in a finished table (figures.c checks) */
};

struct cell {
    enum cell_kind kind;
    unsigned char decimals; /* CELL_REAL: decimals a person is shown (workbook) */
    union {
        const char *text; /* borrowed, or owned by the table (table_strdup) */
        int64_t i;
        double r;
        int64_t cents;
        ikz_date date;
    } v;
};

enum column_format {
    COLUMN_TEXT,
    COLUMN_CODE,    /* a key such as an AGS: text, never a number */
    COLUMN_COUNT,   /* whole numbers */
    COLUMN_DECIMAL, /* means and ratios */
    COLUMN_PERCENT, /* a per-cent value, 30 for 30 % */
    COLUMN_MONEY,
    COLUMN_DATE,
    COLUMN_MIXED    /* each cell by its kind (the key figures' value) */
};

/* One column: what it is called, how it is shown, and the function that
 * fills its cell in row r from the source its module fills the table from
 * (figures.c, findings_table.c). Renderers use only name, format and
 * workbook_only. */
struct table_column {
    const char *name; /* the CSV header; also the key of its German heading */
    enum column_format format;
    bool workbook_only; /* a help for readers (a label beside a code), not in the CSV */
    void (*fill)(const void *source, size_t r, struct cell *out);
};

struct table {
    const char *name; /* file stem: kennzahlen, kommunen, ... */
    bool workbook_only; /* shown in the workbook, no CSV of its own */
    const struct table_column *column;
    size_t ncols;
    struct cell *cell; /* row-major, nrows * ncols */
    size_t nrows, cap;
    char **owned;      /* strings the table frees */
    size_t n_owned, cap_owned;
};

void table_init(struct table *t, const char *name, const struct table_column *columns, size_t ncols);
void table_free(struct table *t);

/* Appends an empty row and returns its cells, or NULL when out of memory. */
struct cell *table_add_row(struct table *t);
static inline const struct cell *table_at(const struct table *t, size_t row, size_t col)
{
    return &t->cell[row * t->ncols + col];
}

/* The index of the column called name, or -1 when the table has none. */
long table_column_index(const struct table *t, const char *name);

/* Appends rows rows filled column by column from source. A fill that
 * leaves its cell CELL_UNSET is a programming error: IKZ_ERR_SOFTWARE, never
 * a silent blank. IKZ_ERR_OSERR when out of memory. */
enum ikz_status table_fill(struct table *t, const void *source, size_t rows);

/* Copies s into the table's own storage; NULL when out of memory. */
const char *table_strdup(struct table *t, const char *s);

void cell_text(struct cell *c, const char *s);
void cell_empty(struct cell *c); /* nothing to show (no upper bound) */
void cell_unknown(struct cell *c); /* not reported, not known */
void cell_int(struct cell *c, int64_t v);
void cell_whole(struct cell *c, double v); /* a whole number held as a double; NaN becomes CELL_UNDEFINED */
void cell_real(struct cell *c, double v); /* one decimal shown; NaN becomes CELL_UNDEFINED */
void cell_real_shown(struct cell *c, double v, unsigned decimals);
void cell_money(struct cell *c, int64_t cents); /* MONEY_NONE (not reported) becomes CELL_UNKNOWN */
void cell_date(struct cell *c, ikz_date d);     /* 0 (not known) becomes CELL_UNKNOWN */

#endif
