/* findings_table.c: findings as a typed table, see findings_table.h. */
#include "findings_table.h"

#include <stdio.h>
#include <stdlib.h>

/* The findings and each one's message with its detail, joined once. */
struct _source {
    const struct findings *f;
    const char **message;
};

#define FINDING (&((const struct _source *)source)->f->item[r])

static void _datei(const void *source, size_t r, struct cell *c) { cell_text(c, FINDING->file); }
static void _zeile(const void *source, size_t r, struct cell *c)
{
    if (FINDING->line > 0)
        cell_int(c, FINDING->line);
    else
        cell_empty(c); /* the whole file */
}
static void _spalte(const void *source, size_t r, struct cell *c) { cell_text(c, FINDING->column); }
static void _wert(const void *source, size_t r, struct cell *c) { cell_text(c, FINDING->value); }
static void _code(const void *source, size_t r, struct cell *c) { cell_text(c, finding_code_name(FINDING->code)); }
static void _schwere(const void *source, size_t r, struct cell *c)
{
    cell_text(c, finding_severity_name(finding_severity(FINDING->code)));
}
static void _meldung(const void *source, size_t r, struct cell *c)
{
    cell_text(c, ((const struct _source *)source)->message[r]);
}

static const struct table_column _columns[] = {
    {"datei", COLUMN_TEXT, false, _datei},   {"zeile", COLUMN_CODE, false, _zeile},
    {"spalte", COLUMN_TEXT, false, _spalte}, {"wert", COLUMN_TEXT, false, _wert},
    {"code", COLUMN_CODE, false, _code},     {"schwere", COLUMN_TEXT, false, _schwere},
    {"meldung", COLUMN_TEXT, false, _meldung}};

enum ikz_status findings_table(const struct findings *f, struct table *t)
{
    table_init(t, "pruefbericht", _columns, sizeof _columns / sizeof _columns[0]);
    struct _source src = {f, malloc((f->n ? f->n : 1) * sizeof *src.message)};
    if (!src.message)
        return IKZ_ERR_OSERR;
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < f->n && st == IKZ_OK; i++) {
        const struct finding *fi = &f->item[i];
        char message[768];
        snprintf(message, sizeof message, "%s%s%s%s", finding_message(fi->code), fi->detail ? " (" : "",
                 fi->detail ? fi->detail : "", fi->detail ? ")" : "");
        src.message[i] = table_strdup(t, message);
        if (!src.message[i])
            st = IKZ_ERR_OSERR;
    }
    if (st == IKZ_OK)
        st = table_fill(t, &src, f->n);
    free(src.message);
    return st;
}
