/* xlsx_sheets.c: the workbook's sheets. The table _sheets below is the
 * list of them, one row each (xlsx_sheets.h); the rest of the file is the
 * functions its rows name: the table sheet, which shows one of the
 * figures' tables and any length of it, and the four sheets laid out by
 * hand (Übersicht, Verteilung, Prüfbericht, Erläuterungen), with what
 * every sheet has (its title, print setup, footer and header row). Cells
 * and widths are the book's (render_xlsx.c), charts xlsx_charts.c's. */
#include "xlsx_sheets.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "numfmt.h"
#include "testhook.h"
#include "text.h"
#include "xlsx_book.h"

/* ---------------------------------------------------------------------- */
/* The sheets                                                              */

static void _uebersicht(struct xlsx_book *b, const struct sheet_def *s, const struct table *now);
static void _table_sheet(struct xlsx_book *b, const struct sheet_def *s, const struct table *t);
static void _verteilung(struct xlsx_book *b, const struct sheet_def *sd, const struct table *t);
static void _pruefbericht(struct xlsx_book *b, const struct sheet_def *s, const struct table *t);
static void _erlaeuterungen(struct xlsx_book *b, const struct sheet_def *sd, const struct table *k);

/* The sheets in order. Adding one is a row here, its texts in texte.ini
 * ([blaetter], [titel], [diagramme] for a chart, [spalten] for its
 * table's columns) and, for a new table, its row in figures.c. */
static const struct sheet_def _sheets[] = {
    {"uebersicht", TABLE_KENNZAHLEN, _uebersicht, HEADINGS_OWN, {{0}}},
    {"kommunen", TABLE_KOMMUNEN, _table_sheet, HEADINGS_OF_COLUMNS, {{0}}},
    {"kreise", TABLE_KREISE, _table_sheet, HEADINGS_OF_COLUMNS,
     {{LXW_CHART_BAR, "kreise", "name", "projekte_je_kommune", 1.0}}},
    {"aufgabenbereiche", TABLE_AUFGABENBEREICHE, _table_sheet, HEADINGS_OF_COLUMNS,
     {{LXW_CHART_BAR, "aufgabenbereiche", "bezeichnung", "projekte", 1.0}}},
    /* approvals per year, and the stock below as a line, on one page */
    {"zeitreihe", TABLE_ZEITREIHE, _table_sheet, HEADINGS_OF_COLUMNS,
     {{LXW_CHART_COLUMN, "zeitreihe", "jahr", "neu_bewilligt", 0.5},
      {LXW_CHART_LINE, "bestand", "jahr", "bestand", 0.5}}},
    {"groessenklassen", TABLE_GROESSENKLASSEN, _table_sheet, HEADINGS_OF_COLUMNS, {{0}}},
    {"ozg", TABLE_OZG, _table_sheet, HEADINGS_OF_COLUMNS, {{0}}},
    {"verteilung", TABLE_VERTEILUNG, _verteilung, HEADINGS_OF_COLUMNS,
     {{LXW_CHART_COLUMN, "verteilung", "projekte", "kommunen", 1.0}}},
    {"pruefbericht", FINDINGS_TABLE, _pruefbericht, HEADINGS_OF_COLUMNS, {{0}}},
    {"erlaeuterungen", TABLE_KENNZAHLEN, _erlaeuterungen, HEADINGS_OWN, {{0}}},
};
#define N_SHEETS (sizeof _sheets / sizeof _sheets[0])
_Static_assert(N_SHEETS <= MAX_SHEETS, "MAX_SHEETS too small for _sheets");

const struct sheet_def *xlsx_sheet(size_t i) { return i < N_SHEETS ? &_sheets[i] : NULL; }

const struct table *xlsx_sheet_table(const struct xlsx_input *in, const struct sheet_def *s)
{
    if (s->table == FINDINGS_TABLE)
        return in->pruefbericht;
    return s->table >= 0 && s->table < TABLE__COUNT ? &in->now->table[s->table] : NULL;
}

size_t render_xlsx_sheet_count(void) { return N_SHEETS; }

const char *render_xlsx_sheet_key(size_t i) { return i < N_SHEETS ? _sheets[i].key : NULL; }

size_t render_xlsx_sheet_charts(size_t i)
{
    size_t n = 0;
    for (size_t c = 0; i < N_SHEETS && c < MAX_CHARTS; c++)
        n += _sheets[i].chart[c].type != 0;
    return n;
}

enum ikz_status render_xlsx_check_layout(const struct xlsx_input *in, struct ikz_error *err)
{
    for (size_t i = 0; i < N_SHEETS; i++) {
        const struct sheet_def *s = &_sheets[i];
        const struct table *t = xlsx_sheet_table(in, s);
        if (s->table != NO_TABLE && !t)
            return ikz_fail(err, IKZ_ERR_SOFTWARE, "sheet %s: no table %d", s->key, s->table);
        for (size_t c = 0; c < sizeof s->chart / sizeof s->chart[0]; c++) {
            const struct chart_def *ch = &s->chart[c];
            if (!ch->type)
                continue;
            if (!t || table_column_index(t, ch->category) < 0 || table_column_index(t, ch->value) < 0)
                return ikz_fail(err, IKZ_ERR_SOFTWARE, "sheet %s: chart %s names a column its table %s lacks (%s, %s)",
                                s->key, ch->key, t ? t->name : "-", ch->category, ch->value);
        }
    }
    return IKZ_OK;
}

/* ---------------------------------------------------------------------- */
/* What every sheet has                                                    */

/* Adds a sheet named after key, or "NAME (part)" for the parts after the
 * first of a table too long for one sheet, with the title in A1 and the
 * print setup. */
static lxw_worksheet *_sheet_part(struct xlsx_book *b, const char *key, size_t part)
{
    char name[64];
    if (part > 0)
        snprintf(name, sizeof name, "%.24s (%zu)", book_text(b, "blaetter", key), part + 1);
    const char *sheet_name = part > 0 ? name : book_text(b, "blaetter", key);
    lxw_worksheet *ws = b->n_sheets < MAX_SHEETS ? workbook_add_worksheet(b->wb, sheet_name) : NULL;
    if (!ws) {
        if (b->n_sheets >= MAX_SHEETS)
            ikz_fail(b->error, IKZ_ERR_SOFTWARE, "sheet %s: a workbook of this report holds at most %d sheets",
                     sheet_name, MAX_SHEETS);
        book_check(b, LXW_ERROR_SHEETNAME_ALREADY_USED); /* or an invalid name */
        return NULL;
    }
    b->sheet[b->n_sheets++] = ws;
    book_string(b, ws, TITLE_ROW, 0, book_text(b, "titel", key), b->title);
    xlsx_page_setup(ws);
    book_check(b, worksheet_repeat_rows(ws, HEADER_ROW, HEADER_ROW));
    book_check(b, worksheet_set_footer(ws, b->footer));
    return ws;
}

static lxw_worksheet *_sheet(struct xlsx_book *b, const char *key) { return _sheet_part(b, key, 0); }

/* The header row, its autofilter over nrows data rows, and frozen panes. */
static void _header(struct xlsx_book *b, lxw_worksheet *ws, const char *const *headings, size_t ncols, size_t nrows,
                    double *width)
{
    for (size_t c = 0; c < ncols; c++) {
        book_string(b, ws, HEADER_ROW, (lxw_col_t)c, headings[c], b->header);
        /* Long headings wrap; up to 24 characters they set the width. */
        size_t n = text_chars(headings[c]);
        if (width)
            book_note_width(width, c, n < 24 ? n : 24);
    }
    book_check(b, worksheet_autofilter(ws, HEADER_ROW, 0, (lxw_row_t)(HEADER_ROW + nrows), (lxw_col_t)(ncols - 1)));
    worksheet_freeze_panes(ws, FIRST_DATA_ROW, 0);
}

/* The first row below a table of nrows data rows: its charts' pages start
 * there. */
static lxw_row_t _below(size_t nrows) { return (lxw_row_t)(FIRST_DATA_ROW + nrows); }

/* ---------------------------------------------------------------------- */
/* The sheet writers                                                       */

/* A sheet holding one table (all its columns) and its charts below. A
 * table longer than a sheet (Excel: 1,048,576 rows) goes on in sheets
 * "NAME (2)", "NAME (3)", each with the title and the header; the charts
 * stay on the first. */
static lxw_worksheet *_table_sheet_first(struct xlsx_book *b, const struct sheet_def *s, const struct table *t)
{
    size_t per_sheet = (size_t)testhook_sheet_rows() - FIRST_DATA_ROW;
    double *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    const char **headings = calloc(t->ncols ? t->ncols : 1, sizeof *headings);
    if (!width || !headings) {
        book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(width);
        free(headings);
        return NULL;
    }
    for (size_t c = 0; c < t->ncols; c++)
        headings[c] = book_heading(b, t, c);
    book_measure(t, headings, width);
    lxw_worksheet *first = NULL;
    struct table_size size = {0, 0, 1};
    size_t parts = t->nrows == 0 ? 1 : (t->nrows + per_sheet - 1) / per_sheet;
    for (size_t part = 0; part < parts; part++) {
        size_t from = part * per_sheet, to = from + per_sheet < t->nrows ? from + per_sheet : t->nrows;
        lxw_worksheet *ws = _sheet_part(b, s->key, part);
        if (!ws)
            break;
        if (!first)
            first = ws;
        size = book_set_widths(ws, headings, width, t->ncols, 60.0);
        _header(b, ws, headings, t->ncols, to - from, NULL);
        for (size_t r = from; r < to; r++)
            for (size_t c = 0; c < t->ncols; c++)
                book_cell(b, ws, (lxw_row_t)(FIRST_DATA_ROW + r - from), (lxw_col_t)c, table_at(t, r, c),
                          t->column[c].format, NULL);
    }
    free(width);
    free(headings);
    if (first)
        xlsx_charts(b, first, s, t, _below(t->nrows < per_sheet ? t->nrows : per_sheet), size);
    return first;
}

static void _table_sheet(struct xlsx_book *b, const struct sheet_def *s, const struct table *t)
{
    _table_sheet_first(b, s, t);
}

static void _uebersicht(struct xlsx_book *b, const struct sheet_def *s, const struct table *now)
{
    lxw_worksheet *ws = _sheet(b, s->key);
    if (!ws)
        return;
    const char *headings[5] = {book_text(b, "uebersicht", "kennzahl"), book_text(b, "uebersicht", "wert"),
                               book_text(b, "uebersicht", "vorjahr"), book_text(b, "uebersicht", "diff"),
                               book_text(b, "uebersicht", "diff_prozent")};
    /* Label, now, a year earlier, change, change in per cent: built first,
     * so the widths are known before the rows stream out. */
    struct cell *rows = calloc(now->nrows ? now->nrows * 5 : 1, sizeof *rows);
    if (!rows) {
        book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    double width[5] = {0};
    for (size_t c = 0; c < 5; c++)
        book_note_width(width, c, text_chars(headings[c]) < 24 ? text_chars(headings[c]) : 24);
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
            book_note_width(width, c, book_cell_chars(&row[c]));
    }
    book_set_widths(ws, headings, width, 5, 70.0);
    _header(b, ws, headings, 5, now->nrows, NULL);
    for (size_t r = 0; r < now->nrows; r++)
        for (size_t c = 0; c < 5; c++)
            book_cell(b, ws, (lxw_row_t)(FIRST_DATA_ROW + r), (lxw_col_t)c, &rows[r * 5 + c],
                      c == 0 ? COLUMN_TEXT : COLUMN_MIXED, NULL);
    free(rows);
}

/* The histogram, and beside it (after one empty column) its summary, written
 * row by row as constant-memory mode needs. */
static void _verteilung(struct xlsx_book *b, const struct sheet_def *sd, const struct table *t)
{
    lxw_worksheet *ws = _sheet(b, sd->key);
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
    const char *headings[5] = {book_heading(b, t, 0), book_heading(b, t, 1), "", book_text(b, "verteilung", "kennzahl"),
                               book_text(b, "verteilung", "wert")};
    double width[5] = {0};
    book_measure(t, headings, width);
    for (size_t i = 0; i < n_stats; i++) {
        book_note_width(width, c0, text_chars(book_text(b, "verteilung", keys[i])));
        book_note_width(width, c0 + 1, book_cell_chars(&stat[i]));
    }
    book_note_width(width, c0, text_chars(headings[c0]));
    book_note_width(width, c0 + 1, text_chars(headings[c0 + 1]));
    struct table_size size = book_set_widths(ws, headings, width, 5, 40.0);
    _header(b, ws, headings, 2, t->nrows, NULL);
    book_string(b, ws, HEADER_ROW, c0, headings[c0], b->header);
    book_string(b, ws, HEADER_ROW, c0 + 1, headings[c0 + 1], b->header);
    size_t rows = t->nrows > n_stats ? t->nrows : n_stats;
    for (size_t r = 0; r < rows; r++) {
        lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + r);
        for (size_t c = 0; r < t->nrows && c < t->ncols; c++)
            book_cell(b, ws, row, (lxw_col_t)c, table_at(t, r, c), t->column[c].format, NULL);
        if (r < n_stats) {
            book_string(b, ws, row, c0, book_text(b, "verteilung", keys[r]), b->text);
            book_cell(b, ws, row, c0 + 1, &stat[r], COLUMN_DECIMAL, NULL);
        }
    }
    xlsx_charts(b, ws, sd, t, _below(rows), size);
}

static void _pruefbericht(struct xlsx_book *b, const struct sheet_def *s, const struct table *t)
{
    lxw_worksheet *ws = _table_sheet_first(b, s, t);
    if (!ws || b->in->findings_not_listed == 0)
        return;
    /* Findings beyond those kept in memory are counted below the table. */
    lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + t->nrows);
    book_string(b, ws, row, 0, book_text(b, "pruefbericht", "weitere"), b->text);
    book_number(b, ws, row, 1, (double)b->in->findings_not_listed, b->count);
}

#define EXPLAIN_TERM_WIDTH 40.0
#define EXPLAIN_TEXT_WIDTH 100.0

/* One row of the Erläuterungen: area, term, explanation; as high as its
 * wrapped text needs. */
static void _explain(struct xlsx_book *b, lxw_worksheet *ws, size_t *row, const char *area, const char *term,
                     const char *text, double *width)
{
    lxw_row_t r = (lxw_row_t)(FIRST_DATA_ROW + (*row)++);
    size_t per_term = (size_t)EXPLAIN_TERM_WIDTH - 1, per_text = (size_t)EXPLAIN_TEXT_WIDTH - 8;
    size_t lines = (text_chars(text) + per_text - 1) / per_text;
    size_t term_lines = (text_chars(term) + per_term - 1) / per_term;
    if (term_lines > lines)
        lines = term_lines;
    if (lines > 1)
        worksheet_set_row(ws, r, 15.0 * (double)lines, NULL);
    book_string(b, ws, r, 0, area, b->wrap);
    book_string(b, ws, r, 1, term, b->wrap);
    book_string(b, ws, r, 2, text, b->wrap);
    book_note_width(width, 0, text_chars(area));
    book_note_width(width, 1, text_chars(term));
}

static void _erlaeuterungen(struct xlsx_book *b, const struct sheet_def *sd, const struct table *k)
{
    lxw_worksheet *ws = _sheet(b, sd->key);
    if (!ws)
        return;
    const char *headings[3] = {book_text(b, "erlaeuterungen", "bereich"), book_text(b, "erlaeuterungen", "begriff"),
                               book_text(b, "erlaeuterungen", "erlaeuterung")};
    size_t n_rows = k->nrows + 1 + b->in->n_source + (b->in->rejected_rows > 0) + (b->in->missing_amounts > 0) + 5 + 2 + 5;
    double width[3] = {0};
    _header(b, ws, headings, 3, n_rows, width);
    size_t row = 0;
    const char *area = book_text(b, "erlaeuterungen", "kennzahl");
    for (size_t r = 0; r < k->nrows; r++) {
        const char *key = table_at(k, r, 0)->v.text;
        _explain(b, ws, &row, area, table_at(k, r, 1)->v.text, labels_definition(b->in->labels, key), width);
    }
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "vorjahr"),
             book_text(b, "erlaeuterungen", "vorjahr_text"), width);

    area = book_text(b, "erlaeuterungen", "quelle");
    const char *zeilen = book_text(b, "erlaeuterungen", "zeilen");
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
        _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", s->label_key), buf, width);
    }
    if (b->in->rejected_rows > 0) {
        char text[512];
        snprintf(text, sizeof text, "%zu %s", b->in->rejected_rows,
                 book_text(b, "erlaeuterungen", "ausgeschlossen_text"));
        _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "ausgeschlossen"), text, width);
    }
    if (b->in->missing_amounts > 0) {
        char text[512];
        snprintf(text, sizeof text, "%zu %s", b->in->missing_amounts,
                 book_text(b, "erlaeuterungen", "einzelangaben_text"));
        _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "einzelangaben"), text, width);
    }
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "gebietsstand"),
             b->in->gebietsstand ? b->in->gebietsstand : book_text(b, "erlaeuterungen", "gebietsstand_fehlt"), width);
    char day[11];
    date_format_de(figures_key(b->in->now, "stichtag")->v.date, day);
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "stichtag"), day, width);
    date_format_de(figures_key(b->in->now, "ozg_seit")->v.date, day);
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "ozg_seit"), day, width);
    snprintf(buf, sizeof buf, "ikz-report %s", b->in->version);
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "version"), buf, width);

    /* A double-clicked CSV loses the keys' leading zeros in Excel and
     * LibreOffice; the workbook keeps them. */
    area = book_text(b, "erlaeuterungen", "dateien");
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "csv"), book_text(b, "erlaeuterungen", "csv_text"),
             width);
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "arbeitsmappe"),
             book_text(b, "erlaeuterungen", "arbeitsmappe_text"), width);

    area = book_text(b, "erlaeuterungen", "zeichen");
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "strich"), book_text(b, "erlaeuterungen", "strich_text"),
             width);
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "null"), book_text(b, "erlaeuterungen", "null_text"),
             width);
    _explain(b, ws, &row, area, book_text(b, "bericht", "symbol_punkt"), book_text(b, "erlaeuterungen", "punkt"),
             width);
    _explain(b, ws, &row, area, book_text(b, "bericht", "symbol_x"), book_text(b, "erlaeuterungen", "x"), width);
    _explain(b, ws, &row, area, book_text(b, "erlaeuterungen", "leer"), book_text(b, "erlaeuterungen", "leer_text"),
             width);
    book_set_widths(ws, headings, width, 2, EXPLAIN_TERM_WIDTH);
    worksheet_set_column(ws, 2, 2, EXPLAIN_TEXT_WIDTH, NULL);
}

/* ---------------------------------------------------------------------- */
/* The footer                                                              */

/* Doubles every & of s into out: & starts a code in Excel's header texts. */
static bool _escape_amp(const char *s, char *out, size_t outsz)
{
    size_t o = 0;
    for (; *s && o + 2 < outsz; s++) {
        out[o++] = *s;
        if (*s == '&')
            out[o++] = '&';
    }
    out[o] = '\0';
    return !*s;
}

bool xlsx_footer(const char *fusszeile, const char *seite, const char *von, char *out, size_t outsz,
                 size_t *chars)
{
    char f[1024], s[256], v[256];
    /* All three escaped, whether or not one is too long. */
    bool fits_f = _escape_amp(fusszeile ? fusszeile : "", f, sizeof f);
    bool fits_s = _escape_amp(seite ? seite : "", s, sizeof s);
    bool fits_v = _escape_amp(von ? von : "", v, sizeof v);
    bool fits = fits_f && fits_s && fits_v;
    int len = snprintf(out, outsz, "&L&A&C%s&R%s &P %s &N", f, s, v);
    *chars = text_chars(out);
    return fits && len >= 0 && (size_t)len < outsz && *chars <= 255;
}
