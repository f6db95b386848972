/* render_csv.c: the CSV renderer, see render_csv.h. */
#include "render_csv.h"

#include <csv.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

bool csv_dialect_parse(const char *name, enum csv_dialect *out)
{
    if (strcmp(name, "excel-de") == 0)
        *out = CSV_DIALECT_EXCEL_DE;
    else if (strcmp(name, "rfc4180") == 0)
        *out = CSV_DIALECT_RFC4180;
    else
        return false;
    return true;
}

/* A real with up to six decimals, trailing zeros dropped: 5.440181, 30. */
static void _real(double v, char decimal, char *out, size_t outsz)
{
    snprintf(out, outsz, "%.6f", v);
    char *dot = strchr(out, '.');
    if (dot) {
        char *end = out + strlen(out);
        while (end > dot + 1 && end[-1] == '0')
            *--end = '\0';
        if (end == dot + 1)
            *dot = '\0';
        else
            *dot = decimal;
    }
    if (strcmp(out, "-0") == 0)
        strcpy(out, "0");
}

void render_csv_cell(const struct cell *c, enum csv_dialect dialect, char *out, size_t outsz)
{
    bool de = dialect == CSV_DIALECT_EXCEL_DE;
    char buf[32];
    switch (c->kind) {
    case CELL_EMPTY:
    case CELL_UNSET:
    case CELL_UNKNOWN:
    case CELL_UNDEFINED: out[0] = '\0'; break; /* a CSV holds numbers: no symbols */
    case CELL_TEXT: snprintf(out, outsz, "%s", c->v.text); break;
    case CELL_INT: snprintf(out, outsz, "%" PRId64, c->v.i); break;
    case CELL_REAL: _real(c->v.r, de ? ',' : '.', out, outsz); break;
    case CELL_MONEY:
        money_format(c->v.cents, de ? ',' : '.', buf);
        snprintf(out, outsz, "%s", buf);
        break;
    case CELL_DATE:
        if (de)
            date_format_de(c->v.date, buf);
        else
            date_format_iso(c->v.date, buf);
        snprintf(out, outsz, "%s", buf);
        break;
    }
}

/* Writes a text field: neutralised if a spreadsheet would take it for a
 * formula, quoted (by libcsv) only if it must be. */
static int _text(const char *s, char delim, FILE *fp)
{
    static const char formula_start[] = "=+-@\t\r";
    size_t len = strlen(s);
    bool formula = len > 0 && strchr(formula_start, s[0]) != NULL;
    bool quote = formula && (s[0] == '\t' || s[0] == '\r');
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
    if (len > 0 && (s[0] == ' ' || s[len - 1] == ' '))
        quote = true;
    if (!quote)
        return (formula && fputc('\'', fp) == EOF) || fwrite(s, 1, len, fp) != len ? -1 : 0;
    if (!formula)
        return csv_fwrite(fp, s, len);
    /* libcsv quotes whole fields, so the apostrophe goes into the field. */
    char small[256];
    char *buf = len + 2 <= sizeof small ? small : malloc(len + 2);
    if (!buf)
        return -1;
    buf[0] = '\'';
    memcpy(buf + 1, s, len + 1);
    int rc = csv_fwrite(fp, buf, len + 1);
    if (buf != small)
        free(buf);
    return rc;
}

/* The rows, 0 or -1 on a write error. */
static int _render(const struct table *t, enum csv_dialect dialect, FILE *fp)
{
    bool de = dialect == CSV_DIALECT_EXCEL_DE;
    char delim = de ? ';' : ',';
    const char *eol = de ? "\r\n" : "\n";
    if (de && fputs("\xEF\xBB\xBF", fp) == EOF)
        return -1;
    bool first = true;
    for (size_t c = 0; c < t->ncols; c++) {
        if (t->column[c].workbook_only)
            continue;
        if ((!first && fputc(delim, fp) == EOF) || _text(t->column[c].name, delim, fp) != 0)
            return -1;
        first = false;
    }
    if (fputs(eol, fp) == EOF)
        return -1;
    char buf[64];
    for (size_t r = 0; r < t->nrows; r++) {
        first = true;
        for (size_t c = 0; c < t->ncols; c++) {
            const struct cell *cell = table_at(t, r, c);
            if (t->column[c].workbook_only)
                continue;
            if (!first && fputc(delim, fp) == EOF)
                return -1;
            first = false;
            int rc;
            if (cell->kind == CELL_TEXT) {
                rc = _text(cell->v.text, delim, fp);
            } else {
                render_csv_cell(cell, dialect, buf, sizeof buf);
                /* A decimal comma in the `,` dialect cannot happen; in the
                 * `;` dialect it needs no quotes. */
                rc = fputs(buf, fp) == EOF ? -1 : 0;
            }
            if (rc != 0)
                return -1;
        }
        if (fputs(eol, fp) == EOF)
            return -1;
    }
    return ferror(fp) ? -1 : 0;
}

enum ikz_status render_csv(const struct table *t, enum csv_dialect dialect, FILE *fp)
{
    return _render(t, dialect, fp) == 0 ? IKZ_OK : IKZ_ERR_IO;
}
