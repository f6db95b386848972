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

#include "numfmt.h"
#include "check.h"
#include "render_text.h"
#include "text.h"
#include "testhook.h"
#include "xlsx_verify.h"

#define TITLE_ROW 0
#define HEADER_ROW 1
#define FIRST_DATA_ROW 2
#define MAX_SHEETS 32

struct _book {
    lxw_workbook *wb;
    const struct xlsx_input *in;
    struct findings *template_findings; /* this thread's own list */
    lxw_error err; /* the first libxlsxwriter error */
    struct ikz_error *error; /* the first failure in words */
    bool bad_template;
    lxw_format *title, *header, *text, *wrap, *count, *year, *dec[4], *money, *date, *symbol;
    const char *symbol_x;     /* the symbol for "not meaningful", from the template */
    const char *symbol_punkt; /* the symbol for "unknown", from the template */
    lxw_worksheet *sheet[MAX_SHEETS];          /* in the order added */
    struct xlsx_expect expect[MAX_SHEETS];     /* what each holds, for reading the file back */
    size_t n_sheets;
    char footer[2048];
};

/* ---------------------------------------------------------------------- */
/* Texts and errors                                                        */

/* Why the resolved [blaetter] text i cannot name a sheet, or NULL: Excel
 * allows 31 characters, none of []:*?/\\, no apostrophe at either end,
 * and one name once (case-insensitive). "NAME (2)" of a long table cuts
 * the name to 24 characters itself. */
static const char *_sheet_name_fault(const struct xlsx_texts *x, size_t i)
{
    const char *name = x->value[i];
    size_t chars = 0;
    for (const char *p = name; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    if (chars == 0)
        return "ein Blattname darf nicht leer sein";
    if (chars > 31)
        return "ein Blattname hat höchstens 31 Zeichen";
    if (strpbrk(name, "[]:*?/\\"))
        return "ein Blattname enthält keines der Zeichen [ ] : * ? / \\";
    if (name[0] == '\'' || name[strlen(name) - 1] == '\'')
        return "ein Blattname beginnt und endet nicht mit einem Apostroph";
    for (size_t j = 0; j < i; j++)
        if (strcmp(x->source->section[j], "blaetter") == 0 && x->value[j] && text_equal_nocase(x->value[j], name))
            return "zwei Blätter tragen denselben Namen";
    return NULL;
}

static enum ikz_status _require_texts(const struct xlsx_texts *x, const struct figures *now,
                                      const struct table *pruefbericht, struct findings *findings);

enum ikz_status xlsx_texts_resolve(const struct texts *t, const struct figures *now, const struct figures *before,
                                   const struct table *pruefbericht, struct xlsx_texts *out,
                                   struct findings *findings)
{
    out->source = t;
    out->value = calloc(t->n ? t->n : 1, sizeof *out->value);
    if (!out->value)
        return IKZ_ERR_OSERR;
    struct text_values values = {.now = now, .before = before};
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < t->n; i++) {
        enum ikz_status one = render_text(t->value[i], t->display, t->line[i], &values, &out->value[i], findings);
        if (one != IKZ_OK && st == IKZ_OK)
            st = one; /* go on: one run names every broken text */
        const char *why = one == IKZ_OK && strcmp(t->section[i], "blaetter") == 0 ? _sheet_name_fault(out, i) : NULL;
        if (why) {
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, t->display, t->line[i], NULL, out->value[i],
                         "[blaetter] %s: %s", t->key[i], why);
            st = IKZ_ERR_CONFIG;
        }
    }
    if (st == IKZ_OK)
        st = _require_texts(out, now, pruefbericht, findings);
    return st;
}

void xlsx_texts_free(struct xlsx_texts *x)
{
    for (size_t i = 0; x->value && i < x->source->n; i++)
        free(x->value[i]);
    free(x->value);
    x->value = NULL;
}

/* The resolved text [section] key, or NULL. */
static const char *_find_text(const struct _book *b, const char *section, const char *key)
{
    const struct texts *t = b->in->texts->source;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->section[i], section) == 0 && strcmp(t->key[i], key) == 0)
            return b->in->texts->value[i];
    return NULL;
}

/* The text [section] key of texte.ini with its placeholders filled in, or
 * "" after a finding that names the missing key. */
static const char *_text(struct _book *b, const char *section, const char *key)
{
    const char *v = _find_text(b, section, key);
    if (v)
        return v;
    findings_add(b->template_findings, FINDING_VORLAGE_FEHLERHAFT, b->in->texts->source->display, 0, NULL, NULL,
                 "Text [%s] %s fehlt", section, key);
    b->bad_template = true;
    return "";
}

/* The heading of a table's column: [spalten] table.column, else column. */
static const char *_heading(struct _book *b, const struct table *t, size_t c)
{
    char key[96];
    snprintf(key, sizeof key, "%s.%s", t->name, t->column[c].name);
    if (_find_text(b, "spalten", key))
        return _text(b, "spalten", key);
    return _text(b, "spalten", t->column[c].name);
}

static void _check(struct _book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

/* Notes a row of ws written with a cell (cells 1) or only a height
 * (cells 0): the read-back expects every cell and the last row. */
static void _rows_written(struct _book *b, lxw_worksheet *ws, lxw_row_t row, size_t cells)
{
    for (size_t i = b->n_sheets; i-- > 0;)
        if (b->sheet[i] == ws) {
            b->expect[i].cells += cells;
            if (row > b->expect[i].last_row)
                b->expect[i].last_row = row;
            return;
        }
}

static void _wrote(struct _book *b, lxw_worksheet *ws, lxw_row_t row) { _rows_written(b, ws, row, 1); }

static void _number(struct _book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt)
{
    _check(b, worksheet_write_number(ws, row, col, v, fmt));
    _wrote(b, ws, row);
}

static bool _hex4(const char *s)
{
    for (int i = 0; i < 4; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

/* OOXML reads "_xHHHH_" in a string as the character U+HHHH, so a name
 * that contains such text literally would change. Its underscore is
 * written as "_x005F_" (the OOXML escape of "_"); NULL when nothing needs
 * escaping, else a malloc'd copy. */
static char *_escape_ooxml(const char *text)
{
    size_t n = 0;
    for (const char *p = strstr(text, "_x"); p; p = strstr(p + 1, "_x"))
        n += _hex4(p + 2) && p[6] == '_';
    if (n == 0)
        return NULL;
    char *out = malloc(strlen(text) + 6 * n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (const char *p = text; *p; p++) {
        if (p[0] == '_' && p[1] == 'x' && _hex4(p + 2) && p[6] == '_') {
            memcpy(out + o, "_x005F", 6);
            o += 6;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
    return out;
}

/* A copy of text cut to what a cell holds, with a visible mark, or NULL
 * when it fits (check_cell_lengths made the hinweis beforehand). Both
 * count UTF-16 units, as Excel does: counting code points let 30 emoji
 * make a cell of 32,780 units. The cut falls between characters, never
 * inside a surrogate pair. */
static char *_cut(const char *text)
{
    static const char mark[] = " [\xE2\x80\xA6]"; /* " […]": 4 units */
    if (text_utf16_units(text) <= CHECK_CELL_MAX_CHARS)
        return NULL;
    size_t keep = text_utf16_prefix(text, CHECK_CELL_MAX_CHARS - 4);
    char *out = malloc(keep + sizeof mark);
    if (out) {
        memcpy(out, text, keep);
        memcpy(out + keep, mark, sizeof mark);
    }
    return out;
}

static void _string(struct _book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                    lxw_format *fmt)
{
    char *cut = _cut(text);
    if (cut)
        text = cut;
    char *escaped = strstr(text, "_x") ? _escape_ooxml(text) : NULL;
    _check(b, worksheet_write_string(ws, row, col, escaped ? escaped : text, fmt));
    free(escaped); /* libxlsxwriter keeps its own copy of a string */
    free(cut);
    _wrote(b, ws, row);
}

/* ---------------------------------------------------------------------- */
/* Formats and widths                                                      */

/* A new format, or NULL (with the error noted) when libxlsxwriter is out
 * of memory; _formats() then stops before any format is used. */
static lxw_format *_format(struct _book *b, const char *num_format)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f)
        _check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static bool _formats(struct _book *b)
{
    if (!(b->title = _format(b, NULL)) || !(b->header = _format(b, NULL)) || !(b->wrap = _format(b, "@")) ||
        !(b->symbol = _format(b, NULL)))
        return false;
    format_set_bold(b->title);
    format_set_font_size(b->title, 12);
    format_set_bold(b->header);
    format_set_text_wrap(b->header);
    format_set_align(b->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bottom(b->header, LXW_BORDER_THIN);
    format_set_text_wrap(b->wrap);
    format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_align(b->symbol, LXW_ALIGN_RIGHT);
    /* The rest only carry a number format: NULL is noted and harmless. */
    b->text = _format(b, "@");
    /* The Zeichenerklärung of official tables: a value of exactly 0 is
     * shown as '–' (nothing), through the format's third section, so the
     * cell stays a number that sums; 0.03 with one decimal still shows
     * '0,0'. Negative numbers carry the minus sign U+2212. */
#define ZEICHEN(f) f ";\"\xE2\x88\x92\"" f ";\"\xE2\x80\x93\""
    b->count = _format(b, ZEICHEN("#,##0"));
    b->year = _format(b, "0");
    b->dec[0] = _format(b, ZEICHEN("#,##0"));
    b->dec[1] = _format(b, ZEICHEN("#,##0.0"));
    b->dec[2] = _format(b, ZEICHEN("#,##0.00"));
    b->dec[3] = _format(b, ZEICHEN("#,##0.000"));
    b->money = _format(b, ZEICHEN("#,##0 \"€\""));
#undef ZEICHEN
    b->date = _format(b, "dd.mm.yyyy");
    return b->err == LXW_NO_ERROR;
}

/* Characters a person sees (UTF-8 code points). */
static size_t _chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* width has an entry for every column the caller writes. */
static void _note(double *width, size_t col, size_t chars)
{
    if ((double)chars > width[col])
        width[col] = (double)chars;
}

/* What the charts' page layout needs to know of a table: its width and
 * the lines of its header row, which is repeated on every printed page. */
struct table_size {
    double width_px;
    size_t ncols;
    size_t header_lines;
};

/* A column of width characters in pixels, as Excel and libxlsxwriter
 * count them (Calibri 11: 7 pixels a digit, 5 of padding); LibreOffice
 * converts a column's width with the same factor whatever its fonts. */
static double _column_px(double width) { return width < 1.0 ? floor(width * 12.0 + 0.5) : floor(width * 7.0 + 0.5) + 5.0; }

/* Widths from content: a little air, at least 6, long texts capped (they
 * wrap or spill into the print margin rather than make a sheet unusable).
 * The header row gets the height its wrapped headings need, since not
 * every program grows a row for wrapped text by itself; in constant-memory
 * mode that must happen before any row below it is written, so the widths
 * are known before the data (measured, or a first pass over the table). */
static struct table_size _set_widths(lxw_worksheet *ws, const char *const *headings, const double *width,
                                     size_t ncols, double cap)
{
    size_t lines = 1;
    double px = 0;
    for (size_t c = 0; c < ncols; c++) {
        double w = width[c] + 2.0;
        if (w < 6.0)
            w = 6.0;
        if (w > cap)
            w = cap;
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
        px += _column_px(w);
        if (headings) {
            size_t per_line = (size_t)(w - 1.0), n = _chars(headings[c]);
            size_t need = per_line ? (n + per_line - 1) / per_line : 1;
            if (need > lines)
                lines = need;
        }
    }
    if (lines > 1)
        worksheet_set_row(ws, HEADER_ROW, 15.0 * (double)lines, NULL);
    return (struct table_size){px, ncols, lines};
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
    case CELL_UNKNOWN:
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
    for (size_t c = 0; c < t->ncols; c++) {
        size_t n = _chars(headings[c]);
        _note(width, c, n < 24 ? n : 24);
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            _note(width, c, _cell_chars(table_at(t, r, c)));
}

/* Writes a typed cell as a real number, a date, a string or a symbol,
 * and notes its width (width may be NULL when it was measured before). */
static void _cell(struct _book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c,
                  enum column_format fmt, double *width)
{
    if (width)
        _note(width, col, _cell_chars(c));
    switch (c->kind) {
    case CELL_EMPTY:
    case CELL_UNSET:
        return;
    case CELL_UNKNOWN:
        _string(b, ws, row, col, b->symbol_punkt, b->symbol);
        return;
    case CELL_UNDEFINED:
        _string(b, ws, row, col, b->symbol_x, b->symbol);
        return;
    case CELL_TEXT:
        /* Always a string: a title like =HYPERLINK(...) stays text. */
        _string(b, ws, row, col, c->v.text, b->text);
        return;
    case CELL_INT:
        _number(b, ws, row, col, (double)c->v.i, fmt == COLUMN_CODE ? b->year : b->count);
        return;
    case CELL_REAL:
        _number(b, ws, row, col, c->v.r, b->dec[c->decimals > 3 ? 3 : c->decimals]);
        return;
    case CELL_MONEY:
        _number(b, ws, row, col, (double)c->v.cents / 100.0, b->money);
        return;
    case CELL_DATE:
        _number(b, ws, row, col, _excel_date(c->v.date), b->date);
        return;
    }
}

/* ---------------------------------------------------------------------- */
/* The printed page                                                        */

/* A press office prints the workbook, and a chart cut by a page break is
 * useless on paper. So a sheet's charts follow its table on pages of
 * their own: a manual page break before the first, each chart as high as
 * its share of such a page, the next chart on the same page while it
 * fits, else after another break. Everything is derived from the page,
 * the margins, the table's length, width and header row; nothing from
 * the sample.
 *
 * A sheet prints one page wide, so a table wider than the page is shrunk,
 * and its charts with it. The layout reckons with that scale, computed
 * from the column widths as Excel and LibreOffice compute it (both round
 * it down), and makes the chart as wide as the printed page, never wider
 * than the table: the chart itself never shrinks the sheet.
 *
 * A chart is anchored to cells, and a program sizes it by the rows and
 * columns it spans. So the rows below a table get a height of their own
 * (LibreOffice replaces the default height of a row by its font's, and a
 * chart would grow or shrink with it), and the columns a chart spans
 * beyond its table a width of their own (LibreOffice's default width is
 * not Excel's). In constant-memory mode libxlsxwriter
 * has forgotten the rows' heights when it anchors the charts at the end:
 * it counts default rows. So a chart is given to it in default rows, from
 * a little below the top of its first row to as far into its last: it
 * spans exactly its rows, whatever their height. */
#define PAGE_WIDTH_IN (297.0 / 25.4) /* A4 landscape */
#define PAGE_HEIGHT_IN (210.0 / 25.4)
#define MARGIN_SIDE_IN 0.7 /* libxlsxwriter's defaults, set on every sheet because the layout counts on them */
#define MARGIN_TOP_IN 0.75 /* and bottom; the footer lies inside the bottom margin */
#define PX_PER_IN 96.0     /* the pixel of chart sizes and row heights */
#define ROW_PX 20.0        /* a row of the default height, 15 pt */
#define CHART_ROW_PT 18.0  /* a row beside a chart: not the default 15 pt, so written as a custom height */
#define CHART_ROW_PX (CHART_ROW_PT * 4.0 / 3.0)
#define COLUMN_WIDTH 10.0  /* beside a chart: not the default 8.43, so written as a custom width */
/* A tenth of the page is left free: a program may grow the header row to
 * its own font (LibreOffice does for one-line headings), and no chart may
 * end exactly at the page's edge. */
#define PAGE_RESERVE 0.9
#define CHART_AIR_PX 5.0   /* above and below a chart, inside its first and last row */
#define CHART_MIN_ROWS 8   /* a chart never gets fewer rows, whatever the header */
#define MAX_CHARTS 2

/* ---------------------------------------------------------------------- */
/* Sheets                                                                  */

/* A sheet is one row of _sheets below: its key (the [blaetter] name and
 * the [titel] line of texte.ini), the table it shows, the function that
 * writes it and up to two charts of its columns. */
struct chart_def {
    uint8_t type;         /* LXW_CHART_*; 0: no chart */
    const char *key;      /* [diagramme] KEY_titel, KEY_x, KEY_y, KEY_alt */
    const char *category; /* column names in the sheet's table */
    const char *value;
    double page_share;    /* of a printed page's height (0 < share <= 1); see _chart_layout */
};

#define NO_TABLE (-1)
#define FINDINGS_TABLE (-2) /* the Prüfbericht: findings, not figures */

struct sheet_def {
    const char *key;
    int table; /* enum figures_table, NO_TABLE or FINDINGS_TABLE */
    void (*write)(struct _book *b, const struct sheet_def *s, const struct table *t);
    struct chart_def chart[MAX_CHARTS];
};

/* Adds a sheet named after key, or "NAME (part)" for the parts after the
 * first of a table too long for one sheet, with the title in A1 and the
 * print setup. */
static lxw_worksheet *_sheet_part(struct _book *b, const char *key, size_t part)
{
    char name[64];
    if (part > 0)
        snprintf(name, sizeof name, "%.24s (%zu)", _text(b, "blaetter", key), part + 1);
    const char *sheet_name = part > 0 ? name : _text(b, "blaetter", key);
    lxw_worksheet *ws = b->n_sheets < MAX_SHEETS ? workbook_add_worksheet(b->wb, sheet_name) : NULL;
    if (!ws) {
        if (b->n_sheets >= MAX_SHEETS)
            ikz_fail(b->error, IKZ_ERR_SOFTWARE, "sheet %s: a workbook of this report holds at most %d sheets",
                     sheet_name, MAX_SHEETS);
        _check(b, LXW_ERROR_SHEETNAME_ALREADY_USED); /* or an invalid name */
        return NULL;
    }
    b->sheet[b->n_sheets++] = ws;
    _string(b, ws, TITLE_ROW, 0, _text(b, "titel", key), b->title);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, MARGIN_SIDE_IN, MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_TOP_IN);
    worksheet_fit_to_pages(ws, 1, 0);
    _check(b, worksheet_repeat_rows(ws, HEADER_ROW, HEADER_ROW));
    _check(b, worksheet_set_footer(ws, b->footer));
    return ws;
}

static lxw_worksheet *_sheet(struct _book *b, const char *key) { return _sheet_part(b, key, 0); }

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

/* The first row below a table of nrows data rows: its charts' pages start
 * there. */
static lxw_row_t _below(size_t nrows) { return (lxw_row_t)(FIRST_DATA_ROW + nrows); }

/* Where a chart goes: its first row, its rows and its width in pixels. */
struct chart_place {
    lxw_row_t row;
    size_t rows;
    double width_px;
};

/* Places the n charts of shares share[] on pages after the table that ends
 * before row first. Writes place[], and breaks[] (the rows that start a
 * page, 0-terminated, room for n + 1). */
static void _chart_layout(const double *share, size_t n, lxw_row_t first, struct table_size table,
                          struct chart_place *place, lxw_row_t *breaks)
{
    double body_w = (PAGE_WIDTH_IN - 2 * MARGIN_SIDE_IN) * PX_PER_IN;
    double body_h = (PAGE_HEIGHT_IN - 2 * MARGIN_TOP_IN) * PX_PER_IN;
    double scale = table.width_px > body_w ? body_w / table.width_px : 1.0;
    /* At scale s a page holds 1/s of the sheet's pixels. */
    double free_px = body_h * PAGE_RESERVE / scale - ROW_PX * (double)table.header_lines;
    size_t page_rows = free_px > CHART_ROW_PX * CHART_MIN_ROWS ? (size_t)(free_px / CHART_ROW_PX) : CHART_MIN_ROWS;
    size_t used = page_rows, n_breaks = 0; /* the first chart starts a page */
    lxw_row_t row = first;
    for (size_t i = 0; i < n; i++) {
        size_t rows = (size_t)(share[i] * (double)page_rows);
        if (rows < CHART_MIN_ROWS)
            rows = CHART_MIN_ROWS;
        if (rows > page_rows)
            rows = page_rows;
        if (used + rows > page_rows) {
            breaks[n_breaks++] = row;
            used = 0;
        }
        place[i].row = row;
        place[i].rows = rows;
        place[i].width_px = body_w * PAGE_RESERVE / scale;
        row += (lxw_row_t)rows;
        used += rows;
    }
    breaks[n_breaks] = 0;
}

/* Inserts a chart of one series (categories and values are columns of
 * table t on the sheet named sheet) with title, axis titles and
 * alternative text. */
static void _chart(struct _book *b, lxw_worksheet *ws, const char *sheet, const struct chart_def *def,
                   const struct table *t, const struct chart_place *at)
{
    long cat_col = table_column_index(t, def->category), val_col = table_column_index(t, def->value);
    if (cat_col < 0 || val_col < 0) { /* render_xlsx_check_layout() makes this unreachable */
        ikz_fail(b->error, IKZ_ERR_SOFTWARE, "chart %s: table %s has no column %s", def->key, t->name,
                 cat_col < 0 ? def->category : def->value);
        _check(b, LXW_ERROR_PARAMETER_VALIDATION);
        return;
    }
    char k[64];
    lxw_chart *chart = workbook_add_chart(b->wb, def->type);
    lxw_chart_series *s = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!s) {
        _check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t last = (lxw_row_t)(FIRST_DATA_ROW + t->nrows - 1);
    chart_series_set_categories(s, sheet, FIRST_DATA_ROW, (lxw_col_t)cat_col, last, (lxw_col_t)cat_col);
    chart_series_set_values(s, sheet, FIRST_DATA_ROW, (lxw_col_t)val_col, last, (lxw_col_t)val_col);
    chart_series_set_name_range(s, sheet, HEADER_ROW, (lxw_col_t)val_col);
    snprintf(k, sizeof k, "%s_titel", def->key);
    chart_title_set_name(chart, _text(b, "diagramme", k));
    /* In a bar chart libxlsxwriter's x axis is the horizontal value axis:
     * the category title goes to the y axis there. */
    bool bar = def->type == LXW_CHART_BAR;
    snprintf(k, sizeof k, "%s_x", def->key);
    chart_axis_set_name(bar ? chart->y_axis : chart->x_axis, _text(b, "diagramme", k));
    snprintf(k, sizeof k, "%s_y", def->key);
    chart_axis_set_name(bar ? chart->x_axis : chart->y_axis, _text(b, "diagramme", k));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE); /* one series: the title says it */
    if (bar)
        chart_axis_set_reverse(chart->y_axis); /* categories top-down, in the table's order */
    snprintf(k, sizeof k, "%s_alt", def->key);
    /* libxlsxwriter's chart is 480 x 288 pixels before scaling; its height
     * is counted in default rows (see "The printed page"). */
    lxw_chart_options opt = {.y_offset = (uint32_t)CHART_AIR_PX,
                             .x_scale = at->width_px / 480.0,
                             .y_scale = ROW_PX * (double)(at->rows - 1) / 288.0,
                             .description = (char *)_text(b, "diagramme", k)};
    _check(b, worksheet_insert_chart_opt(ws, at->row, 0, chart, &opt));
}

/* The sheet's charts on their pages after the table that ends before row
 * first. A table without rows has no chart. */
static void _charts(struct _book *b, lxw_worksheet *ws, const struct sheet_def *s, const struct table *t,
                    lxw_row_t first, struct table_size table)
{
    const struct chart_def *def[MAX_CHARTS];
    double share[MAX_CHARTS];
    size_t n = 0;
    for (size_t i = 0; i < MAX_CHARTS && t->nrows > 0; i++)
        if (s->chart[i].type) {
            def[n] = &s->chart[i];
            share[n++] = s->chart[i].page_share;
        }
    if (n == 0)
        return;
    struct chart_place place[MAX_CHARTS];
    lxw_row_t breaks[MAX_CHARTS + 1];
    _chart_layout(share, n, first, table, place, breaks);
    _check(b, worksheet_set_h_pagebreaks(ws, breaks));
    lxw_row_t last = place[n - 1].row + (lxw_row_t)place[n - 1].rows - 1;
    for (lxw_row_t r = first; r <= last; r++)
        _check(b, worksheet_set_row(ws, r, CHART_ROW_PT, NULL));
    _rows_written(b, ws, last, 0);
    double beyond = place[0].width_px - table.width_px; /* every chart is as wide */
    if (beyond > 0) {
        lxw_col_t more = (lxw_col_t)ceil(beyond / _column_px(COLUMN_WIDTH));
        _check(b, worksheet_set_column(ws, (lxw_col_t)table.ncols, (lxw_col_t)(table.ncols + more - 1), COLUMN_WIDTH,
                                       NULL));
    }
    for (size_t i = 0; i < n; i++)
        _chart(b, ws, _text(b, "blaetter", s->key), def[i], t, &place[i]);
}

/* A sheet holding one table (all its columns) and its charts below. A
 * table longer than a sheet (Excel: 1,048,576 rows) goes on in sheets
 * "NAME (2)", "NAME (3)", each with the title and the header; the charts
 * stay on the first. */
static lxw_worksheet *_table_sheet_first(struct _book *b, const struct sheet_def *s, const struct table *t)
{
    size_t per_sheet = (size_t)testhook_sheet_rows() - FIRST_DATA_ROW;
    double *width = calloc(t->ncols ? t->ncols : 1, sizeof *width);
    const char **headings = calloc(t->ncols ? t->ncols : 1, sizeof *headings);
    if (!width || !headings) {
        _check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        free(width);
        free(headings);
        return NULL;
    }
    for (size_t c = 0; c < t->ncols; c++)
        headings[c] = _heading(b, t, c);
    _measure(t, headings, width);
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
        size = _set_widths(ws, headings, width, t->ncols, 60.0);
        _header(b, ws, headings, t->ncols, to - from, NULL);
        for (size_t r = from; r < to; r++)
            for (size_t c = 0; c < t->ncols; c++)
                _cell(b, ws, (lxw_row_t)(FIRST_DATA_ROW + r - from), (lxw_col_t)c, table_at(t, r, c),
                      t->column[c].format, NULL);
    }
    free(width);
    free(headings);
    if (first)
        _charts(b, first, s, t, _below(t->nrows < per_sheet ? t->nrows : per_sheet), size);
    return first;
}

static void _table_sheet(struct _book *b, const struct sheet_def *s, const struct table *t)
{
    _table_sheet_first(b, s, t);
}

static void _uebersicht(struct _book *b, const struct sheet_def *s, const struct table *now)
{
    lxw_worksheet *ws = _sheet(b, s->key);
    if (!ws)
        return;
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
    double width[5] = {0};
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
static void _verteilung(struct _book *b, const struct sheet_def *sd, const struct table *t)
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
    const char *headings[5] = {_heading(b, t, 0), _heading(b, t, 1), "", _text(b, "verteilung", "kennzahl"),
                               _text(b, "verteilung", "wert")};
    double width[5] = {0};
    _measure(t, headings, width);
    for (size_t i = 0; i < n_stats; i++) {
        _note(width, c0, _chars(_text(b, "verteilung", keys[i])));
        _note(width, c0 + 1, _cell_chars(&stat[i]));
    }
    _note(width, c0, _chars(headings[c0]));
    _note(width, c0 + 1, _chars(headings[c0 + 1]));
    struct table_size size = _set_widths(ws, headings, width, 5, 40.0);
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
    _charts(b, ws, sd, t, _below(rows), size);
}

static void _pruefbericht(struct _book *b, const struct sheet_def *s, const struct table *t)
{
    lxw_worksheet *ws = _table_sheet_first(b, s, t);
    if (!ws || b->in->findings_not_listed == 0)
        return;
    /* Findings beyond those kept in memory are counted below the table. */
    lxw_row_t row = (lxw_row_t)(FIRST_DATA_ROW + t->nrows);
    _string(b, ws, row, 0, _text(b, "pruefbericht", "weitere"), b->text);
    _number(b, ws, row, 1, (double)b->in->findings_not_listed, b->count);
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

static void _erlaeuterungen(struct _book *b, const struct sheet_def *sd, const struct table *k)
{
    lxw_worksheet *ws = _sheet(b, sd->key);
    if (!ws)
        return;
    const char *headings[3] = {_text(b, "erlaeuterungen", "bereich"), _text(b, "erlaeuterungen", "begriff"),
                               _text(b, "erlaeuterungen", "erlaeuterung")};
    size_t n_rows = k->nrows + 1 + b->in->n_source + (b->in->rejected_rows > 0) + (b->in->missing_amounts > 0) + 5 + 2 + 5;
    double width[3] = {0};
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
    if (b->in->missing_amounts > 0) {
        char text[512];
        snprintf(text, sizeof text, "%zu %s", b->in->missing_amounts, _text(b, "erlaeuterungen", "einzelangaben_text"));
        _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "einzelangaben"), text, width);
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

    /* A double-clicked CSV loses the keys' leading zeros in Excel and
     * LibreOffice; the workbook keeps them. */
    area = _text(b, "erlaeuterungen", "dateien");
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "csv"), _text(b, "erlaeuterungen", "csv_text"), width);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "arbeitsmappe"),
             _text(b, "erlaeuterungen", "arbeitsmappe_text"), width);

    area = _text(b, "erlaeuterungen", "zeichen");
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "strich"), _text(b, "erlaeuterungen", "strich_text"),
             width);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "null"), _text(b, "erlaeuterungen", "null_text"), width);
    _explain(b, ws, &row, area, _text(b, "bericht", "symbol_punkt"), _text(b, "erlaeuterungen", "punkt"), width);
    _explain(b, ws, &row, area, _text(b, "bericht", "symbol_x"), _text(b, "erlaeuterungen", "x"), width);
    _explain(b, ws, &row, area, _text(b, "erlaeuterungen", "leer"), _text(b, "erlaeuterungen", "leer_text"), width);
    _set_widths(ws, headings, width, 2, EXPLAIN_TERM_WIDTH);
    worksheet_set_column(ws, 2, 2, EXPLAIN_TEXT_WIDTH, NULL);
}

/* ---------------------------------------------------------------------- */
/* The workbook                                                            */

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

/* The sheets' footer: the sheet's name left, fusszeile centred, "Seite N
 * von M" right. False if it is longer than Excel's 255 characters (codes
 * and doubled & included; *chars says how long) or than out. */
static bool _footer(const char *fusszeile, const char *seite, const char *von, char *out, size_t outsz,
                    size_t *chars)
{
    char f[1024], s[256], v[256];
    bool fits = _escape_amp(fusszeile ? fusszeile : "", f, sizeof f) & _escape_amp(seite ? seite : "", s, sizeof s) &
                _escape_amp(von ? von : "", v, sizeof v);
    int len = snprintf(out, outsz, "&L&A&C%s&R%s &P %s &N", f, s, v);
    *chars = 0;
    for (const char *p = out; *p; p++)
        *chars += ((unsigned char)*p & 0xC0) != 0x80;
    return fits && len >= 0 && (size_t)len < outsz && *chars <= 255;
}

/* The sheets in order. Adding one is a row here, its texts in texte.ini
 * ([blaetter], [titel], [diagramme] for a chart) and, for a new table,
 * its row in figures.c. */
static const struct sheet_def _sheets[] = {
    {"uebersicht", TABLE_KENNZAHLEN, _uebersicht, {{0}}},
    {"kommunen", TABLE_KOMMUNEN, _table_sheet, {{0}}},
    {"kreise", TABLE_KREISE, _table_sheet, {{LXW_CHART_BAR, "kreise", "name", "projekte_je_kommune", 1.0}}},
    {"aufgabenbereiche", TABLE_AUFGABENBEREICHE, _table_sheet,
     {{LXW_CHART_BAR, "aufgabenbereiche", "bezeichnung", "projekte", 1.0}}},
    /* approvals per year, and the stock below as a line, on one page */
    {"zeitreihe", TABLE_ZEITREIHE, _table_sheet,
     {{LXW_CHART_COLUMN, "zeitreihe", "jahr", "neu_bewilligt", 0.5},
      {LXW_CHART_LINE, "bestand", "jahr", "bestand", 0.5}}},
    {"groessenklassen", TABLE_GROESSENKLASSEN, _table_sheet, {{0}}},
    {"ozg", TABLE_OZG, _table_sheet, {{0}}},
    {"verteilung", TABLE_VERTEILUNG, _verteilung, {{LXW_CHART_COLUMN, "verteilung", "projekte", "kommunen", 1.0}}},
    {"pruefbericht", FINDINGS_TABLE, _pruefbericht, {{0}}},
    {"erlaeuterungen", TABLE_KENNZAHLEN, _erlaeuterungen, {{0}}},
};
#define N_SHEETS (sizeof _sheets / sizeof _sheets[0])

/* The texts the workbook asks for by a fixed name (the sheets' own follow
 * from _sheets). A lookup added to the writers is a line here, or
 * tests/templates.sh's check of this list fails. */
static const struct {
    const char *section, *key;
} _fixed_texts[] = {
    {"bericht", "dokument_titel"}, {"bericht", "thema"}, {"bericht", "autor"}, {"bericht", "schlagwoerter"},
    {"bericht", "fusszeile"}, {"bericht", "seite"}, {"bericht", "von"}, {"bericht", "symbol_x"},
    {"bericht", "symbol_punkt"},
    {"uebersicht", "kennzahl"}, {"uebersicht", "wert"}, {"uebersicht", "vorjahr"}, {"uebersicht", "diff"},
    {"uebersicht", "diff_prozent"},
    {"verteilung", "kennzahl"}, {"verteilung", "wert"}, {"verteilung", "mittelwert"}, {"verteilung", "median"},
    {"verteilung", "q1"}, {"verteilung", "q3"}, {"verteilung", "stdabw"}, {"verteilung", "anzahl"},
    {"pruefbericht", "weitere"},
    {"erlaeuterungen", "bereich"}, {"erlaeuterungen", "begriff"}, {"erlaeuterungen", "erlaeuterung"},
    {"erlaeuterungen", "kennzahl"}, {"erlaeuterungen", "vorjahr"}, {"erlaeuterungen", "vorjahr_text"},
    {"erlaeuterungen", "quelle"}, {"erlaeuterungen", "zeilen"}, {"erlaeuterungen", "projekte"},
    {"erlaeuterungen", "beteiligungen"}, {"erlaeuterungen", "register"}, {"erlaeuterungen", "gebietsaenderungen"},
    {"erlaeuterungen", "ausgeschlossen"}, {"erlaeuterungen", "ausgeschlossen_text"},
    {"erlaeuterungen", "einzelangaben"}, {"erlaeuterungen", "einzelangaben_text"},
    {"erlaeuterungen", "gebietsstand"}, {"erlaeuterungen", "gebietsstand_fehlt"}, {"erlaeuterungen", "stichtag"},
    {"erlaeuterungen", "ozg_seit"}, {"erlaeuterungen", "version"}, {"erlaeuterungen", "dateien"},
    {"erlaeuterungen", "csv"}, {"erlaeuterungen", "csv_text"}, {"erlaeuterungen", "arbeitsmappe"},
    {"erlaeuterungen", "arbeitsmappe_text"}, {"erlaeuterungen", "zeichen"}, {"erlaeuterungen", "strich"},
    {"erlaeuterungen", "strich_text"}, {"erlaeuterungen", "null"}, {"erlaeuterungen", "null_text"},
    {"erlaeuterungen", "punkt"}, {"erlaeuterungen", "x"}, {"erlaeuterungen", "leer"},
    {"erlaeuterungen", "leer_text"},
};

static const char *_resolved(const struct xlsx_texts *x, const char *section, const char *key)
{
    for (size_t i = 0; i < x->source->n; i++)
        if (strcmp(x->source->section[i], section) == 0 && strcmp(x->source->key[i], key) == 0)
            return x->value[i];
    return NULL;
}

static bool _require(const struct xlsx_texts *x, const char *section, const char *key, struct findings *findings)
{
    if (_resolved(x, section, key))
        return true;
    findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, x->source->display, 0, NULL, NULL, "Text [%s] %s fehlt",
                 section, key);
    return false;
}

static enum ikz_status _require_texts(const struct xlsx_texts *x, const struct figures *now,
                                      const struct table *pruefbericht, struct findings *findings)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof _fixed_texts / sizeof _fixed_texts[0]; i++)
        ok &= _require(x, _fixed_texts[i].section, _fixed_texts[i].key, findings);
    for (size_t i = 0; i < N_SHEETS; i++) {
        const struct sheet_def *s = &_sheets[i];
        ok &= _require(x, "blaetter", s->key, findings);
        ok &= _require(x, "titel", s->key, findings);
        for (size_t c = 0; c < MAX_CHARTS; c++) {
            static const char *const parts[] = {"titel", "x", "y", "alt"};
            for (size_t p = 0; s->chart[c].type && p < sizeof parts / sizeof parts[0]; p++) {
                char k[64];
                snprintf(k, sizeof k, "%s_%s", s->chart[c].key, parts[p]);
                ok &= _require(x, "diagramme", k, findings);
            }
        }
        const struct table *t = s->table == FINDINGS_TABLE ? pruefbericht
                                : s->table >= 0 && s->table < TABLE__COUNT ? &now->table[s->table]
                                                                            : NULL;
        /* The headings of a sheet that shows its table as columns: every
         * column, [spalten] TABLE.COLUMN or else [spalten] COLUMN. The
         * Übersicht and the Erläuterungen have headings of their own. */
        if (s->write == _uebersicht || s->write == _erlaeuterungen)
            t = NULL;
        for (size_t c = 0; t && c < t->ncols; c++) {
            char k[96];
            snprintf(k, sizeof k, "%s.%s", t->name, t->column[c].name);
            if (_resolved(x, "spalten", k) || _resolved(x, "spalten", t->column[c].name))
                continue;
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, x->source->display, 0, NULL, NULL,
                         "Text [spalten] %s (oder %s) fehlt", t->column[c].name, k);
            ok = false;
        }
    }
    if (!ok)
        return IKZ_ERR_CONFIG;
    /* Excel's footer holds 255 characters, its codes (&A, &P, a doubled &)
     * included; libxlsxwriter refuses a longer one. */
    char footer[sizeof ((struct _book *)0)->footer];
    size_t chars = 0;
    if (!_footer(_resolved(x, "bericht", "fusszeile"), _resolved(x, "bericht", "seite"), _resolved(x, "bericht", "von"),
                 footer, sizeof footer, &chars)) {
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, x->source->display, 0, NULL, NULL,
                     "[bericht] fusszeile, seite und von: die Fußzeile hat mit Blattname und Seitenzahlen "
                     "höchstens 255 Zeichen, ein & zählt doppelt (hier %zu)", chars);
        return IKZ_ERR_CONFIG;
    }
    return IKZ_OK;
}
_Static_assert(N_SHEETS <= MAX_SHEETS, "MAX_SHEETS too small for _sheets");

static const struct table *_sheet_table(const struct xlsx_input *in, const struct sheet_def *s)
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
        const struct table *t = _sheet_table(in, s);
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

static void _write_sheets(struct _book *b)
{
    for (size_t i = 0; i < N_SHEETS && b->err == LXW_NO_ERROR; i++)
        _sheets[i].write(b, &_sheets[i], _sheet_table(b->in, &_sheets[i]));
}

enum ikz_status render_xlsx(const char *path, const char *tmpdir, const struct xlsx_input *in,
                            struct findings *template_findings, struct ikz_error *err)
{
    enum ikz_status st = render_xlsx_check_layout(in, err);
    if (st != IKZ_OK)
        return st;
    struct _book b = {.in = in, .template_findings = template_findings, .error = err};
    /* Rows stream to temporary files as they are written, strings inline:
     * memory stays flat however long a table is. Rows must then be written
     * in order, which every sheet below does. */
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir};
    b.wb = workbook_new_opt(path, &options);
    if (!b.wb)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create workbook %s", path);
    if (!_formats(&b)) {
        workbook_close(b.wb);
        return ikz_fail(err, IKZ_ERR_OSERR, "cannot write workbook %s: %s", path, lxw_strerror(b.err));
    }
    b.symbol_x = _text(&b, "bericht", "symbol_x");
    b.symbol_punkt = _text(&b, "bericht", "symbol_punkt");
    size_t chars;
    if (!_footer(_text(&b, "bericht", "fusszeile"), _text(&b, "bericht", "seite"), _text(&b, "bericht", "von"),
                 b.footer, sizeof b.footer, &chars)) { /* xlsx_texts_resolve() refused it before */
        workbook_close(b.wb);
        return ikz_fail(err, IKZ_ERR_SOFTWARE, "the footer was not checked before the workbook was written");
    }

    /* The creation date is the Stichtag: the same inputs give the same bytes. */
    lxw_doc_properties props = {
        .title = (char *)_text(&b, "bericht", "dokument_titel"),
        .subject = (char *)_text(&b, "bericht", "thema"),
        .author = (char *)_text(&b, "bericht", "autor"),
        .keywords = (char *)_text(&b, "bericht", "schlagwoerter"),
        .created = (time_t)date_to_days(figures_key(in->now, "stichtag")->v.date) * 86400,
    };
    _check(&b, workbook_set_properties(b.wb, &props));
    _write_sheets(&b);

    lxw_error close_err = workbook_close(b.wb); /* this is where the file is written */
    if (b.bad_template)
        return IKZ_ERR_CONFIG;
    if (err && err->status != IKZ_OK) /* a sheet's own failure, said in words */
        return err->status;
    if (b.err != LXW_NO_ERROR || close_err != LXW_NO_ERROR)
        return ikz_fail(err, IKZ_ERR_IO, "cannot write workbook %s: %s", path,
                        lxw_strerror(b.err != LXW_NO_ERROR ? b.err : close_err));
    /* libxlsxwriter does not check every write: read the file back. */
    return xlsx_verify(path, b.expect, b.n_sheets, err);
}
