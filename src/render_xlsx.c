/* render_xlsx.c: the workbook, written with libxlsxwriter; see
 * render_xlsx.h. Tables are laid out as statistical offices publish them:
 * a one-line title in A1, one bold header row with an autofilter and the
 * panes frozen below it, no merged cells, real numbers with number
 * formats, column widths computed (libxlsxwriter 1.1.4 has no autofit),
 * landscape pages one page wide with the header repeated. */
#include "render_xlsx.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "log.h"
#include "numfmt.h"
#include "render_text.h"
#include "testhook.h"
#include "xlsx_verify.h"

#define MAX_COLS 16
#define TITLE_ROW 0
#define HEADER_ROW 1
#define FIRST_DATA_ROW 2
#define MAX_SHEETS 32

struct _book {
    lxw_workbook *wb;
    const struct xlsx_input *in;
    struct findings *template_findings;
    struct text_values values;
    char **owned; /* rendered texts; libxlsxwriter may keep pointers until close */
    size_t n_owned, cap_owned;
    lxw_error err; /* the first libxlsxwriter error */
    bool bad_template;
    lxw_format *title, *header, *text, *wrap, *count, *year, *dec[4], *money, *date, *symbol;
    const char *symbol_x; /* the symbol for "not defined", from the template */
    unsigned last_row[MAX_SHEETS]; /* per sheet, for reading the file back */
    size_t n_sheets;
    char footer[512];
};

/* ---------------------------------------------------------------------- */
/* Texts and errors                                                        */

static const char *_own(struct _book *b, char *s)
{
    if (!s)
        return "";
    if (b->n_owned == b->cap_owned) {
        size_t cap = b->cap_owned ? 2 * b->cap_owned : 64;
        char **o = realloc(b->owned, cap * sizeof *o);
        if (!o) {
            free(s);
            return "";
        }
        b->owned = o;
        b->cap_owned = cap;
    }
    b->owned[b->n_owned++] = s;
    return s;
}

/* The text [section] key of texte.ini with its placeholders filled in. */
static const char *_text(struct _book *b, const char *section, const char *key)
{
    const char *tpl = texts_require(b->in->texts, section, key);
    char *out = NULL;
    if (render_text(tpl, b->in->texts->display, 0, &b->values, &out, b->template_findings) != IKZ_OK) {
        b->bad_template = true;
        return "";
    }
    return _own(b, out);
}

/* The heading of a table's column: [spalten] table.column, else column. */
static const char *_heading(struct _book *b, const struct table *t, size_t c)
{
    char key[96];
    snprintf(key, sizeof key, "%s.%s", t->name, t->column[c].name);
    if (texts_get(b->in->texts, "spalten", key))
        return _text(b, "spalten", key);
    return _text(b, "spalten", t->column[c].name);
}

static void _check(struct _book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

/* Notes that the current sheet has a row `row`. */
static void _wrote(struct _book *b, lxw_row_t row)
{
    if (b->n_sheets > 0 && row > b->last_row[b->n_sheets - 1])
        b->last_row[b->n_sheets - 1] = row;
}

static void _string(struct _book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                    lxw_format *fmt)
{
    _check(b, worksheet_write_string(ws, row, col, text, fmt));
    _wrote(b, row);
}

/* ---------------------------------------------------------------------- */
/* Formats and widths                                                      */

static lxw_format *_format(struct _book *b, const char *num_format)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static void _formats(struct _book *b)
{
    b->title = _format(b, NULL);
    format_set_bold(b->title);
    format_set_font_size(b->title, 12);
    b->header = _format(b, NULL);
    format_set_bold(b->header);
    format_set_text_wrap(b->header);
    format_set_align(b->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(b->header, LXW_BORDER_THIN);
    b->text = _format(b, "@");
    b->wrap = _format(b, "@");
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    b->count = _format(b, "#,##0");
    b->year = _format(b, "0");
    b->dec[0] = _format(b, "#,##0");
    b->dec[1] = _format(b, "#,##0.0");
    b->dec[2] = _format(b, "#,##0.00");
    b->dec[3] = _format(b, "#,##0.000");
    b->money = _format(b, "#,##0 \"€\"");
    b->date = _format(b, "dd.mm.yyyy");
    b->symbol = _format(b, NULL);
    format_set_align(b->symbol, LXW_ALIGN_RIGHT);
}

/* Characters a person sees (UTF-8 code points). */
static size_t _chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static void _note(double *width, size_t col, size_t chars)
{
    if (col < MAX_COLS && (double)chars > width[col])
        width[col] = (double)chars;
}

/* Widths from content: a little air, at least 6, long texts capped (they
 * wrap or spill into the print margin rather than make a sheet unusable).
 * The header row gets the height its wrapped headings need, since not
 * every program grows a row for wrapped text by itself; in constant-memory
 * mode that must happen before any row below it is written, so the widths
 * are known before the data (measured, or a first pass over the table). */
static void _set_widths(lxw_worksheet *ws, const char *const *headings, const double *width, size_t ncols,
                        double cap)
{
    size_t lines = 1;
    for (size_t c = 0; c < ncols && c < MAX_COLS; c++) {
        double w = width[c] + 2.0;
        if (w < 6.0)
            w = 6.0;
        if (w > cap)
            w = cap;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        if (headings) {
            size_t per_line = (size_t)(w - 1.0), n = _chars(headings[c]);
            size_t need = per_line ? (n + per_line - 1) / per_line : 1;
            if (need > lines)
                lines = need;
        }
    }
    if (lines > 1)
        worksheet_set_row(ws, HEADER_ROW, 15.0 * (double)lines, NULL);
}

/* ---------------------------------------------------------------------- */
/* Cells                                                                   */

/* The characters a cell shows, for the column width. */
static size_t _cell_chars(const struct cell *c)
{
    char buf[64];
    switch (c->kind) {
    case CELL_EMPTY:
    case CELL_UNSET: return 0;
    case CELL_UNDEFINED: return 1;
    case CELL_TEXT: return _chars(c->v.text);
    case CELL_INT: numfmt_int(c->v.i, buf, sizeof buf); return strlen(buf);
    case CELL_REAL: numfmt_real(c->v.r, c->decimals > 3 ? 3 : c->decimals, buf, sizeof buf); return strlen(buf);
    case CELL_MONEY: numfmt_euro(c->v.cents, buf, sizeof buf); return strlen(buf) + 2;
    case CELL_DATE: return 10;
    }
    return 0;
}

static double _excel_date(ikz_date d) { return (double)(date_to_days(d) + 25569); /* days since 1899-12-30 */ }

/* The widths of a table's columns, from its headings and cells. */
static void _measure(const struct table *t, const char *const *headings, double *width)
{
    for (size_t c = 0; c < t->ncols && c < MAX_COLS; c++) {
        size_t n = _chars(headings[c]);
        _note(width, c, n < 24 ? n : 24);
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols && c < MAX_COLS; c++)
            _note(width, c, _cell_chars(table_at(t, r, c)));
}

/* Writes a typed cell as a real number, a date, a string or the symbol x,
 * and notes its width (width may be NULL when it was measured before). */
static void _cell(struct _book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c,
                  enum column_format fmt, double *width)
{
    if (width)
        _note(width, col, _cell_chars(c));
    if (c->kind != CELL_EMPTY)
        _wrote(b, row);
    switch (c->kind) {
    case CELL_EMPTY:
    case CELL_UNSET:
        return;
    case CELL_UNDEFINED:
        _string(b, ws, row, col, b->symbol_x, b->symbol);
        return;
    case CELL_TEXT:
        /* Always a string: a title like =HYPERLINK(...) stays text. */
        _string(b, ws, row, col, c->v.text, b->text);
        return;
    case CELL_INT:
        _check(b, worksheet_write_number(ws, row, col, (double)c->v.i, fmt == COLUMN_CODE ? b->year : b->count));
        return;
    case CELL_REAL:
        _check(b, worksheet_write_number(ws, row, col, c->v.r, b->dec[c->decimals > 3 ? 3 : c->decimals]));
        return;
    case CELL_MONEY:
        _check(b, worksheet_write_number(ws, row, col, (double)c->v.cents / 100.0, b->money));
        return;
    case CELL_DATE:
        _check(b, worksheet_write_number(ws, row, col, _excel_date(c->v.date), b->date));
        return;
    }
}

/* ---------------------------------------------------------------------- */
/* Sheets                                                                  */

/* Adds a sheet with its title in A1 and the print setup. */
static lxw_worksheet *_sheet(struct _book *b, const char *key)
{
    lxw_worksheet *ws = b->n_sheets < MAX_SHEETS ? workbook_add_worksheet(b->wb, _text(b, "blaetter", key)) : NULL;
    if (!ws) {
        _check(b, LXW_ERROR_SHEETNAME_ALREADY_USED); /* or an invalid name */
        return NULL;
    }
    _string(b, ws, TITLE_ROW, 0, _text(b, "titel", key), b->title);
    b->last_row[b->n_sheets++] = TITLE_ROW;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_fit_to_pages(ws, 1, 0);
    _check(b, worksheet_repeat_rows(ws, HEADER_ROW, HEADER_ROW));
    _check(b, worksheet_set_footer(ws, b->footer));
    return ws;
}

/* The header row, its autofilter over nrows data rows, and frozen panes. */
static void _header(struct _book *b, lxw_worksheet *ws, const char *const *headings, size_t ncols, size_t nrows,
                    double *width)
{
    for (size_t c = 0; c < ncols; c++) {
        _string(b, ws, HEADER_ROW, (lxw_col_t)c, headings[c], b->header);
        /* Long headings wrap; up to 24 characters they set the width. */
        size_t n = _chars(headings[c]);
        if (width)
            _note(width, c, n < 24 ? n : 24);
    }
    _check(b, worksheet_autofilter(ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + nrows), (lxw_col_t)(ncols - 1)));
    worksheet_freeze_panes(ws, FIRST_DATA_ROW, 0);
}

static size_t _col(const struct table *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->column[c].name, name) == 0)
            return c;
    return 0;
}

/* Adds a sheet named after key, or "NAME (part)" for the parts after the
 * first of a table too long for one sheet. */
static lxw_worksheet *_sheet_part(struct _book *b, const char *key, size_t part)
{
    if (part == 0)
        return _sheet(b, key);
    char name[64];
    snprintf(name, sizeof name, "%.24s (%zu)", _text(b, "blaetter", key), part + 1);
    lxw_worksheet *ws = b->n_sheets < MAX_SHEETS ? workbook_add_worksheet(b->wb, name) : NULL;
    if (!ws) {
        log_error("table %s needs more sheets than a workbook of this report may have", key);
        _check(b, LXW_ERROR_SHEETNAME_ALREADY_USED);
        return NULL;
    }
    _string(b, ws, TITLE_ROW, 0, _text(b, "titel", key), b->title);
    b->last_row[b->n_sheets++] = TITLE_ROW;
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    _check(b, worksheet_repeat_rows(ws, HEADER_ROW, HEADER_ROW));
    _check(b, worksheet_set_footer(ws, b->footer));
    return ws;
}

/* A sheet holding one table of the CSV summaries (all its columns). A
 * table longer than a sheet (Excel: 1,048,576 rows) goes on in sheets
 * "NAME (2)", "NAME (3)", each with the title and the header; the first
 * sheet is returned, for the chart. */
static lxw_worksheet *_table_sheet(struct _book *b, const char *key, const struct table *t)
{
    size_t per_sheet = (size_t)testhook_sheet_rows() - FIRST_DATA_ROW;
    double width[MAX_COLS] = {0};
    const char *headings[MAX_COLS];
    for (size_t c = 0; c < t->ncols && c < MAX_COLS; c++)
        headings[c] = _heading(b, t, c);
    _measure(t, headings, width);
    lxw_worksheet *first = NULL;
    size_t parts = t->nrows == 0 ? 1 : (t->nrows + per_sheet - 1) / per_sheet;
    for (size_t part = 0; part < parts; part++) {
        size_t from = part * per_sheet, to = from + per_sheet < t->nrows ? from + per_sheet : t->nrows;
        lxw_worksheet *ws = _sheet_part(b, key, part);
        if (!ws)
            return first;
        if (!first)
            first = ws;
        _set_widths(ws, headings, width, t->ncols, 60.0);
        _header(b, ws, headings, t->ncols, to - from, NULL);
        for (size_t r = from; r < to; r++)
            for (size_t c = 0; c < t->ncols; c++)
                _cell(b, ws, (lxw_row_t)(FIRST_DATA_ROW + r - from), (lxw_col_t)c, table_at(t, r, c),
                      t->column[c].format, NULL);
    }
    if (parts > 1)
        log_info("table %s: %zu rows on %zu sheets (a sheet holds %zu)", t->name, t->nrows, parts, per_sheet);
    return first;
}

/* The first row below a table of nrows data rows, after one empty row:
 * charts go there, so that printing one page wide keeps the table legible. */
static lxw_row_t _below(size_t nrows) { return (lxw_row_t)(FIRST_DATA_ROW + nrows + 1); }

/* Inserts a chart of one series (categories and values are columns of the
 * table on sheet `sheet`) with title, axis titles and alternative text. */
static lxw_chart *_chart(struct _book *b, lxw_worksheet *ws, uint8_t type, const char *sheet, const char *key,
                         size_t nrows, size_t cat_col, size_t val_col, lxw_row_t at_row, lxw_col_t at_col,
                         double y_scale)
{
    if (nrows == 0)
        return NULL;
    char k[64];
    lxw_chart *chart = workbook_add_chart(b->wb, type);
    lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
    lxw_row_t last = (lxw_row_t)(FIRST_DATA_ROW + nrows - 1);
    chart_series_set_categories(s, sheet, FIRST_DATA_ROW, (lxw_col_t)cat_col, last, (lxw_col_t)cat_col);
    chart_series_set_values(s, sheet, FIRST_DATA_ROW, (lxw_col_t)val_col, last, (lxw_col_t)val_col);
    chart_series_set_name_range(s, sheet, HEADER_ROW, (lxw_col_t)val_col);
    snprintf(k, sizeof k, "%s_titel", key);
    chart_title_set_name(chart, _text(b, "diagramme", k));
    /* In a bar chart libxlsxwriter's x axis is the horizontal value axis:
     * the category title goes to the y axis there. */
    bool bar = type == LXW_CHART_BAR;
    snprintf(k, sizeof k, "%s_x", key);
    chart_axis_set_name(bar ? chart->y_axis : chart->x_axis, _text(b, "diagramme", k));
    snprintf(k, sizeof k, "%s_y", key);
    chart_axis_set_name(bar ? chart->x_axis : chart->y_axis, _text(b, "diagramme", k));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE); /* one series: the title says it */
    if (bar)
        chart_axis_set_reverse(chart->y_axis); /* categories top-down, in the table's order */
    snprintf(k, sizeof k, "%s_alt", key);
    lxw_chart_options opt = {.x_scale = 1.6, .y_scale = y_scale, .description = (char *)_text(b, "diagramme", k)};
    _check(b, worksheet_insert_chart_opt(ws, at_row, at_col, chart, &opt));
    return chart;
}

static void _uebersicht(struct _book *b)
{
    lxw_worksheet *ws = _sheet(b, "uebersicht");
    if (!ws)
        return;
    const struct table *now = &b->in->now->table[TABLE_KENNZAHLEN];
    const char *headings[5] = {_text(b, "uebersicht", "kennzahl"), _text(b, "uebersicht", "wert"),
                               _text(b, "uebersicht", "vorjahr"), _text(b, "uebersicht", "diff"),
                               _text(b, "uebersicht", "diff_prozent")};
    /* Label, now, a year earlier, change, change in per cent: built first,
     * so the widths are known before the rows stream out. */
    struct cell *rows = calloc(now->nrows ? now->nrows * 5 : 1, sizeof *rows);
    if (!rows) {
        _check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    double width[MAX_COLS] = {0};
    for (size_t c = 0; c < 5; c++)
        _note(width, c, _chars(headings[c]) < 24 ? _chars(headings[c]) : 24);
    for (size_t r = 0; r < now->nrows; r++) {
        struct cell *row = &rows[r * 5];
        const char *key = table_at(now, r, 0)->v.text;
        const struct cell *before = figures_key(b->in->before, key);
        row[0] = *table_at(now, r, 1);
        row[1] = *table_at(now, r, 2);
        if (before)
            row[2] = *before;
        figures_change(&row[1], before, &row[3], &row[4]);
        if (!figures_key_relative(key))
            cell_real(&row[4], NAN); /* a share or a coefficient changes in points, not per cent */
        for (size_t c = 0; c < 5; c++)
            _note(width, c, _cell_chars(&row[c]));
    }
    _set_widths(ws, headings, width, 5, 70.0);
    _header(b, ws, headings, 5, now->nrows, NULL);
    for (size_t r = 0; r < now->nrows; r++)
        for (size_t c = 0; c < 5; c++)
            _cell(b, ws, (lxw_row_t)(FIRST_DATA_ROW + r), (lxw_col_t)c, &rows[r * 5 + c],
                  c == 0 ? COLUMN_TEXT : COLUMN_MIXED, NULL);
    free(rows);
}

/* The histogram, and beside it (after one empty column) its summary, written
 * row by row as constant-memory mode needs. */
static void _verteilung(struct _book *b)
{
    const struct table *t = &b->in->now->table[TABLE_VERTEILUNG];
    lxw_worksheet *ws = _sheet(b, "verteilung");
    if (!ws)
        return;
    const struct summary *s = &b->in->now->projekte_je_kommune;
    static const char *const keys[] = {"mittelwert", "median", "q1", "q3", "stdabw", "anzahl"};
    const size_t n_stats = sizeof keys / sizeof keys[0];
    double values[] = {s->mean, s->median, s->q1, s->q3, s->sd, (double)s->n};
    struct cell stat[6];
    for (size_t i = 0; i < n_stats; i++) {
        if (i == 5)
            cell_int(&stat[i], (int64_t)s->n);
        else
            cell_real_shown(&stat[i], values[i], 2);
    }
    const lxw_col_t c0 = 3;
    const char *headings[MAX_COLS] = {_heading(b, t, 0), _heading(b, t, 1), "", _text(b, "verteilung", "kennzahl"),
                                      _text(b, "verteilung", "wert")};
    double width[MAX_COLS] = {0};
    _measure(t, headings, width);
    for (size_t i = 0; i < n_stats; i++) {
        _note(width, c0, _chars(_text(b, "verteilung", keys[i])));
        _note(width, c0 + 1, _cell_chars(&stat[i]));
    }
    _note(width, c0, _chars(headings[c0]));
    _note(width, c0 + 1, _chars(headings[c0 + 1]));
    _set_widths(ws, headings, width, 5, 40.0);
    _header(b, ws, headings, 2, t->nrows, NULL);
    _string(b, ws, HEADER_ROW, c0, headings[c0], b->header);
    _string(b, ws, HEADER_ROW, c0 + 1, headings[c0 + 1], b->header);
    size_t rows = t->nrows > n_stats ? t->nrows : n_stats;
    for (size_t r = 0; r < rows; r++) {
        lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + r);
        for (size_t c = 0; r < t->nrows && c < t->ncols; c++)
            _cell(b, ws, row, (lxw_col_t)c, table_at(t, r, c), t->column[c].format, NULL);
        if (r < n_stats) {
            _string(b, ws, row, c0, _text(b, "verteilung", keys[r]), b->text);
            _cell(b, ws, row, c0 + 1, &stat[r], COLUMN_DECIMAL, NULL);
        }
    }
    _chart(b, ws, LXW_CHART_COLUMN, _text(b, "blaetter", "verteilung"), "verteilung", t->nrows, 0, 1, _below(rows),
           0, 1.2);
}

static void _pruefbericht(struct _book *b)
{
    const struct table *t = b->in->pruefbericht;
    lxw_worksheet *ws = _table_sheet(b, "pruefbericht", t);
    if (!ws || b->in->findings_not_listed == 0)
        return;
    /* Findings beyond those kept in memory are counted below the table. */
    lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + t->nrows);
    _string(b, ws, row, 0, _text(b, "pruefbericht", "weitere"), b->text);
    _check(b, worksheet_write_number(ws, row, 1, (double)b->in->findings_not_listed, b->count));
    _wrote(b, row);
}

#define EXPLAIN_TERM_WIDTH 40.0
#define EXPLAIN_TEXT_WIDTH 100.0

/* One row of the Erläuterungen: area, term, explanation; as high as its
 * wrapped text needs. */
static void _explain(struct _book *b, lxw_worksheet *ws, size_t *row, const char *area, const char *term,
                     const char *text, double *width)
{
    lxw_row_t r = (lxw_row_t)(FIRST_DATA_ROW + (*row)++);
    size_t per_term = (size_t)EXPLAIN_TERM_WIDTH - 1, per_text = (size_t)EXPLAIN_TEXT_WIDTH - 8;
    size_t lines = (_chars(text) + per_text - 1) / per_text, term_lines = (_chars(term) + per_term - 1) / per_term;
    if (term_lines > lines)
        lines = term_lines;
    if (lines > 1)
        worksheet_set_row(ws, r, 15.0 * (double)lines, NULL);
    _string(b, ws, r, 0, area, b->wrap);
    _string(b, ws, r, 1, term, b->wrap);
    _string(b, ws, r, 2, text, b->wrap);
    _note(width, 0, _chars(area));
    _note(width, 1, _chars(term));
}

static void _erlaeuterungen(struct _book *b)
{
    lxw_worksheet *ws = _sheet(b, "erlaeuterungen");
    if (!ws)
        return;
    const struct table *k = &b->in->now->table[TABLE_KENNZAHLEN];
    const char *headings[3] = {_text(b, "erlaeuterungen", "bereich"), _text(b, "erlaeuterungen", "begriff"),
                               _text(b, "erlaeuterungen", "erlaeuterung")};
    size_t n_rows = k->nrows + 1 + b->in->n_source + (b->in->rejected_rows > 0) + 5 + 2;
    double width[MAX_COLS] = {0};
    _header(b, ws, headings, 3, n_rows, width);
    size_t row = 0;
    const char *area = _text(b, "erlaeuterungen", "kennzahl");
    for (size_t r = 0; r < k->nrows; r++) {
        const char *key = table_at(k, r, 0)->v.text;
        _explain(b, ws, &row, area, table_at(k, r, 1)->v.text, labels_definition(b->in->labels, key), width);
    }
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "vorjahr"), _text(b, "erlaeuterungen", "vorjahr_text"),
             width);

    area = _text(b, "erlaeuterungen", "quelle");
    const char *zeilen = _text(b, "erlaeuterungen", "zeilen");
    char buf[1024], num[32];
    for (size_t i = 0; i < b->in->n_source; i++) {
        const struct xlsx_source *s = &b->in->source[i];
        numfmt_int((int64_t)s->rows, num, sizeof num);
        bool reg = strcmp(s->label_key, "register") == 0;
        /* The file's name without its directory: the same exports give the
         * same workbook wherever they lie. */
        const char *base = strrchr(s->file, '/') ? strrchr(s->file, '/') + 1 : s->file;
        snprintf(buf, sizeof buf, "%s%s%s%s: %s %s", base, reg ? " (" : "", reg ? b->in->register_format : "",
                 reg ? ")" : "", num, zeilen);
        _explain(b, ws, &row, area, _text(b, "erlaeuterungen", s->label_key), buf, width);
    }
    if (b->in->rejected_rows > 0) {
        char text[512];
        snprintf(text, sizeof text, "%zu %s", b->in->rejected_rows, _text(b, "erlaeuterungen", "ausgeschlossen_text"));
        _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "ausgeschlossen"), text, width);
    }
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "gebietsstand"),
             b->in->gebietsstand ? b->in->gebietsstand : _text(b, "erlaeuterungen", "gebietsstand_fehlt"), width);
    char day[11];
    date_format_de(figures_key(b->in->now, "stichtag")->v.date, day);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "stichtag"), day, width);
    date_format_de(figures_key(b->in->now, "ozg_seit")->v.date, day);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "ozg_seit"), day, width);
    snprintf(buf, sizeof buf, "ikz-report %s", b->in->version);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "version"), buf, width);

    area = _text(b, "erlaeuterungen", "zeichen");
    _explain(b, ws, &row, area, _text(b, "bericht", "symbol_x"), _text(b, "erlaeuterungen", "x"), width);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "leer"), _text(b, "erlaeuterungen", "leer_text"), width);
    _set_widths(ws, headings, width, 2, EXPLAIN_TERM_WIDTH);
    worksheet_set_column(ws, 2, 2, EXPLAIN_TEXT_WIDTH, NULL);
}

/* ---------------------------------------------------------------------- */
/* The workbook                                                            */

/* Doubles every & of s into out: & starts a code in Excel's header texts. */
static void _escape_amp(const char *s, char *out, size_t outsz)
{
    size_t o = 0;
    for (; *s && o + 2 < outsz; s++) {
        out[o++] = *s;
        if (*s == '&')
            out[o++] = '&';
    }
    out[o] = '\0';
}

static void _sheets(struct _book *b)
{
    const struct figures *f = b->in->now;
    _uebersicht(b);
    _table_sheet(b, "kommunen", &f->table[TABLE_KOMMUNEN]);

    const struct table *t = &f->table[TABLE_KREISE];
    lxw_worksheet *ws = _table_sheet(b, "kreise", t);
    if (ws)
        _chart(b, ws, LXW_CHART_BAR, _text(b, "blaetter", "kreise"), "kreise", t->nrows, _col(t, "name"),
               _col(t, "projekte_je_kommune"), _below(t->nrows), 0, 2.6);

    t = &f->table[TABLE_AUFGABENBEREICHE];
    ws = _table_sheet(b, "aufgabenbereiche", t);
    if (ws)
        _chart(b, ws, LXW_CHART_BAR, _text(b, "blaetter", "aufgabenbereiche"), "aufgabenbereiche", t->nrows,
               _col(t, "bezeichnung"), _col(t, "projekte"), _below(t->nrows), 0, 2.2);

    t = &f->table[TABLE_ZEITREIHE];
    ws = _table_sheet(b, "zeitreihe", t);
    if (ws) { /* approvals per year, and the stock below as a line */
        const char *sheet = _text(b, "blaetter", "zeitreihe");
        _chart(b, ws, LXW_CHART_COLUMN, sheet, "zeitreihe", t->nrows, _col(t, "jahr"), _col(t, "neu_bewilligt"),
               _below(t->nrows), 0, 1.4);
        _chart(b, ws, LXW_CHART_LINE, sheet, "bestand", t->nrows, _col(t, "jahr"), _col(t, "bestand"),
               _below(t->nrows) + 23, 0, 1.4);
    }
    _table_sheet(b, "groessenklassen", &f->table[TABLE_GROESSENKLASSEN]);
    _table_sheet(b, "ozg", &f->table[TABLE_OZG]);
    _verteilung(b);
    _pruefbericht(b);
    _erlaeuterungen(b);
}

enum ikz_status render_xlsx(const char *path, const char *tmpdir, const struct xlsx_input *in,
                            struct findings *template_findings)
{
    struct _book b = {.in = in, .template_findings = template_findings, .values = {in->now, in->before}};
    /* Rows stream to temporary files as they are written, strings inline:
     * memory stays flat however long a table is. Rows must then be written
     * in order, which every sheet below does. */
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir};
    b.wb = workbook_new_opt(path, &options);
    if (!b.wb) {
        log_error("cannot create workbook %s", path);
        return IKZ_ERR_CANTCREAT;
    }
    _formats(&b);
    b.symbol_x = _text(&b, "bericht", "symbol_x");
    char fusszeile[256], seite[64], von[64];
    _escape_amp(_text(&b, "bericht", "fusszeile"), fusszeile, sizeof fusszeile);
    _escape_amp(_text(&b, "bericht", "seite"), seite, sizeof seite);
    _escape_amp(_text(&b, "bericht", "von"), von, sizeof von);
    snprintf(b.footer, sizeof b.footer, "&L&A&C%s&R%s &P %s &N", fusszeile, seite, von);

    /* The creation date is the Stichtag: the same inputs give the same bytes. */
    lxw_doc_properties props = {
        .title = (char *)_text(&b, "bericht", "dokument_titel"),
        .subject = (char *)_text(&b, "bericht", "thema"),
        .author = (char *)_text(&b, "bericht", "autor"),
        .keywords = (char *)_text(&b, "bericht", "schlagwoerter"),
        .created = (time_t)date_to_days(figures_key(in->now, "stichtag")->v.date) * 86400,
    };
    _check(&b, workbook_set_properties(b.wb, &props));
    _sheets(&b);

    lxw_error close_err = workbook_close(b.wb); /* this is where the file is written */
    for (size_t i = 0; i < b.n_owned; i++)
        free(b.owned[i]);
    free(b.owned);
    if (b.bad_template || in->texts->missing)
        return IKZ_ERR_CONFIG;
    if (b.err != LXW_NO_ERROR || close_err != LXW_NO_ERROR) {
        log_error("cannot write workbook %s: %s", path, lxw_strerror(b.err != LXW_NO_ERROR ? b.err : close_err));
        return IKZ_ERR_IO;
    }
    /* libxlsxwriter does not check every write: read the file back. */
    return xlsx_verify(path, b.last_row, b.n_sheets) == 0 ? IKZ_OK : IKZ_ERR_IO;
}
