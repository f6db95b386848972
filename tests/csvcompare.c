/* csvcompare.c: compares what a spreadsheet program read from the workbook
 * (one sheet exported as CSV) with the job's own CSV of the same table.
 *
 * Usage: csvcompare SHEET.csv OURS.csv SKIP_SHEET SKIP_OURS SHEET_COLS OURS_COLS
 * SKIP_* are leading rows to skip (title, header); *_COLS are comma lists of
 * 0-based columns to compare pairwise, or "all". Numbers are equal within
 * 1e-6 (relative); a date m/d/yyyy equals yyyy-mm-dd; an empty field of
 * ours may be empty or the symbol x in the sheet; a text of ours that was
 * neutralised with a leading ' equals the sheet's text without it.
 * Prints every difference; exit 0 if none, 1 otherwise, 2 on usage. */
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rows {
    char ***field;
    size_t *n;
    size_t nrows, cap;
    char **cur;
    size_t ncur;
};

static void _field(void *s, size_t len, void *data)
{
    struct rows *r = data;
    r->cur = realloc(r->cur, (r->ncur + 1) * sizeof *r->cur);
    r->cur[r->ncur] = malloc(len + 1);
    memcpy(r->cur[r->ncur], s ? s : "", len);
    r->cur[r->ncur++][len] = '\0';
}

static void _row(int c, void *data)
{
    (void)c;
    struct rows *r = data;
    if (r->nrows == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->field = realloc(r->field, r->cap * sizeof *r->field);
        r->n = realloc(r->n, r->cap * sizeof *r->n);
    }
    r->field[r->nrows] = r->cur;
    r->n[r->nrows++] = r->ncur;
    r->cur = NULL;
    r->ncur = 0;
}

static int _read(const char *path, struct rows *r)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    struct csv_parser p;
    csv_init(&p, CSV_APPEND_NULL);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) {
        size_t skip = 0;
        if (r->nrows == 0 && r->ncur == 0 && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            skip = 3;
        csv_parse(&p, buf + skip, n - skip, _field, _row, r);
    }
    csv_fini(&p, _field, _row, r);
    csv_free(&p);
    fclose(fp);
    return 0;
}

static void _free(struct rows *r)
{
    for (size_t i = 0; i < r->nrows; i++) {
        for (size_t j = 0; j < r->n[i]; j++)
            free(r->field[i][j]);
        free(r->field[i]);
    }
    for (size_t j = 0; j < r->ncur; j++)
        free(r->cur[j]);
    free(r->cur);
    free(r->field);
    free(r->n);
}

static size_t _cols(const char *spec, size_t ncols, size_t *out)
{
    if (strcmp(spec, "all") == 0) {
        for (size_t i = 0; i < ncols; i++)
            out[i] = i;
        return ncols;
    }
    size_t n = 0;
    for (const char *p = spec; *p; p++) {
        out[n++] = (size_t)strtoul(p, (char **)&p, 10);
        if (!*p)
            break;
    }
    return n;
}

static int _number(const char *s, double *v)
{
    char *end;
    if (!*s)
        return 0;
    *v = strtod(s, &end);
    return *end == '\0';
}

static int _same(const char *sheet, const char *ours)
{
    double a, b;
    int m, d, y;
    char iso[16];
    if (strcmp(sheet, ours) == 0)
        return 1;
    if (!*ours) /* the CSV leaves unknown ('.') and not meaningful ('x') empty */
        return strcmp(sheet, "x") == 0 || strcmp(sheet, ".") == 0;
    if (ours[0] == '\'' && strcmp(sheet, ours + 1) == 0)
        return 1;
    if (sscanf(sheet, "%d/%d/%d", &m, &d, &y) == 3 && strlen(sheet) == 10) {
        snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
        return strcmp(iso, ours) == 0;
    }
    if (_number(sheet, &a) && _number(ours, &b))
        return fabs(a - b) <= 1e-6 * fmax(1.0, fmax(fabs(a), fabs(b)));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: csvcompare SHEET.csv OURS.csv SKIP_SHEET SKIP_OURS SHEET_COLS OURS_COLS\n");
        return 2;
    }
    struct rows sheet = {0}, ours = {0};
    if (_read(argv[1], &sheet) != 0 || _read(argv[2], &ours) != 0) {
        fprintf(stderr, "csvcompare: cannot read %s or %s\n", argv[1], argv[2]);
        return 2;
    }
    size_t skip_s = (size_t)atoi(argv[3]), skip_o = (size_t)atoi(argv[4]);
    size_t rows_s = sheet.nrows - skip_s, rows_o = ours.nrows - skip_o;
    int bad = 0;
    if (rows_s != rows_o) {
        fprintf(stderr, "%s: %zu data rows, %s: %zu\n", argv[1], rows_s, argv[2], rows_o);
        bad = 1;
    }
    size_t cs[64], co[64];
    for (size_t r = 0; r < rows_s && r < rows_o && bad < 20; r++) {
        size_t i = skip_s + r, j = skip_o + r;
        size_t ns = _cols(argv[5], sheet.n[i], cs), no = _cols(argv[6], ours.n[j], co);
        if (ns != no) {
            fprintf(stderr, "row %zu: %zu columns in the sheet, %zu in ours\n", r + 1, ns, no);
            bad++;
            continue;
        }
        for (size_t c = 0; c < ns; c++) {
            const char *a = cs[c] < sheet.n[i] ? sheet.field[i][cs[c]] : "";
            const char *b = co[c] < ours.n[j] ? ours.field[j][co[c]] : "";
            if (!_same(a, b)) {
                fprintf(stderr, "row %zu, column %zu: sheet '%s', ours '%s'\n", r + 1, c + 1, a, b);
                bad++;
            }
        }
    }
    if (!bad)
        printf("%zu rows equal\n", rows_o);
    _free(&sheet);
    _free(&ours);
    return bad ? 1 : 0;
}
