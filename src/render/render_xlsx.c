/* render_xlsx.c: the workbook as a whole, written with libxlsxwriter; see
 * render_xlsx.h. The book (xlsx_book.h) holds its formats, the sheets
 * added so far and the first error; this file writes its cells (every
 * string, number and symbol passes through here), computes the column
 * widths (libxlsxwriter 1.1.4 has no autofit) and runs render_xlsx():
 * the formats, the document's properties, then each sheet of the table in
 * xlsx_sheets.c, then the file read back. The sheets are laid out as
 * statistical offices publish tables: a one-line title in A1, one bold
 * header row with an autofilter and the panes frozen below it, no merged
 * cells, real numbers with number formats, landscape pages one page wide
 * with the header repeated. */
#include "render_xlsx.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "numfmt.h"
#include "check.h"
#include "text.h"
#include "xlsx_book.h"
#include "xlsx_verify.h"

/* ---------------------------------------------------------------------- */
/* Texts and errors                                                        */

/* The text [section] key of texte.ini with its placeholders filled in, or
 * "" after a finding that names the missing key. */
const char *book_text(struct xlsx_book *b, const char *section, const char *key)
{
    const char *v = xlsx_texts_get(b->in->texts, section, key);
    if (v)
        return v;
    findings_add(b->template_findings, FINDING_VORLAGE_FEHLERHAFT, b->in->texts->source->display, 0, NULL, NULL,
                 "Text [%s] %s fehlt", section, key);
    b->bad_template = true;
    return "";
}

/* The heading of a table's column: [spalten] table.column, else column. */
const char *book_heading(struct xlsx_book *b, const struct table *t, size_t c)
{
    const char *v = xlsx_texts_heading(b->in->texts, t, c);
    return v ? v : book_text(b, "spalten", t->column[c].name); /* the finding, if it was missed */
}

void book_check(struct xlsx_book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->err == LXW_NO_ERROR)
        b->err = e;
}

/* Notes a row of ws written with a cell (cells 1) or only a height
 * (cells 0): the read-back expects every cell and the last row. */
void book_rows_written(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, size_t cells)
{
    for (size_t i = b->n_sheets; i-- > 0;)
        if (b->sheet[i] == ws) {
            b->expect[i].cells += cells;
            if (row > b->expect[i].last_row)
                b->expect[i].last_row = row;
            return;
        }
}

static void _wrote(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row) { book_rows_written(b, ws, row, 1); }

void book_number(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt)
{
    book_check(b, worksheet_write_number(ws, row, col, v, fmt));
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
 * escaping (or, with *oom set, when memory ran out), else a malloc'd copy. */
static char *_escape_ooxml(const char *text, bool *oom)
{
    size_t n = 0;
    for (const char *p = strstr(text, "_x"); p; p = strstr(p + 1, "_x"))
        n += _hex4(p + 2) && p[6] == '_';
    if (n == 0)
        return NULL;
    char *out = malloc(strlen(text) + 6 * n + 1);
    if (!out) {
        *oom = true;
        return NULL;
    }
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

/* A copy of text cut to what a cell holds, with a visible mark (*oom set
 * when memory ran out), or NULL
 * when it fits (check_cell_lengths made the hinweis beforehand). Both
 * count UTF-16 units, as Excel does: counting code points let 30 emoji
 * make a cell of 32,780 units. The cut falls between characters, never
 * inside a surrogate pair. */
static char *_cut(const char *text, size_t limit, bool *oom)
{
    static const char mark[] = " [\xE2\x80\xA6]"; /* " […]": 4 units */
    if (text_utf16_units(text) <= limit)
        return NULL;
    size_t keep = text_utf16_prefix(text, limit - 4);
    char *out = malloc(keep + sizeof mark);
    if (out) {
        memcpy(out, text, keep);
        memcpy(out + keep, mark, sizeof mark);
    } else {
        *oom = true;
    }
    return out;
}

void book_string(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                 lxw_format *fmt)
{
    /* libxlsxwriter refuses a string of more than 32,767 characters as it
     * is written, escapes included; "_xHHHH_" written as "_x005F_xHHHH_" is
     * read back as the 7 characters it was. So a text with escapes is cut
     * shorter by what they add. */
    size_t limit = CHECK_CELL_MAX_CHARS;
    char *cut, *escaped;
    bool oom = false;
    for (;;) {
        cut = _cut(text, limit, &oom);
        const char *t = cut ? cut : text;
        escaped = !oom && strstr(t, "_x") ? _escape_ooxml(t, &oom) : NULL;
        size_t written = text_chars(escaped ? escaped : t);
        if (oom || written <= CHECK_CELL_MAX_CHARS || limit <= 64)
            break;
        limit -= written - CHECK_CELL_MAX_CHARS;
        free(escaped);
        free(cut);
    }
    if (oom) { /* never a text written uncut or unescaped */
        free(escaped);
        free(cut);
        book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    if (cut)
        text = cut;
    book_check(b, worksheet_write_string(ws, row, col, escaped ? escaped : text, fmt));
    free(escaped); /* libxlsxwriter keeps its own copy of a string */
    free(cut);
    _wrote(b, ws, row);
}

/* ---------------------------------------------------------------------- */
/* Formats and widths                                                      */

/* A new format, or NULL (with the error noted) when libxlsxwriter is out
 * of memory; _formats() then stops before any format is used. */
static lxw_format *_format(struct xlsx_book *b, const char *num_format)
{
    lxw_format *f = workbook_add_format(b->wb);
    if (!f)
        book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
    else if (num_format)
        format_set_num_format(f, num_format);
    return f;
}

static bool _formats(struct xlsx_book *b)
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


/* width has an entry for every column the caller writes. */
void book_note_width(double *width, size_t col, size_t chars)
{
    if ((double)chars > width[col])
        width[col] = (double)chars;
}

/* A column of width characters in pixels, as Excel and libxlsxwriter
 * count them (Calibri 11: 7 pixels a digit, 5 of padding); LibreOffice
 * converts a column's width with the same factor whatever its fonts. */
double book_column_px(double width) { return width < 1.0 ? floor(width * 12.0 + 0.5) : floor(width * 7.0 + 0.5) + 5.0; }

/* Widths from content: a little air, at least 6, long texts capped (they
 * wrap or spill into the print margin rather than make a sheet unusable).
 * The header row gets the height its wrapped headings need, since not
 * every program grows a row for wrapped text by itself; in constant-memory
 * mode that must happen before any row below it is written, so the widths
 * are known before the data (measured, or a first pass over the table). */
struct table_size book_set_widths(lxw_worksheet *ws, const char *const *headings, const double *width,
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
        px += book_column_px(w);
        if (headings) {
            size_t per_line = (size_t)(w - 1.0), n = text_chars(headings[c]);
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
size_t book_cell_chars(const struct cell *c)
{
    char buf[64];
    switch (c->kind) {
    case CELL_EMPTY:
    case CELL_UNSET: return 0;
    case CELL_UNKNOWN:
    case CELL_UNDEFINED: return 1;
    case CELL_TEXT: return text_chars(c->v.text);
    case CELL_INT: numfmt_int(c->v.i, buf, sizeof buf); return strlen(buf);
    case CELL_REAL: numfmt_real(c->v.r, c->decimals > 3 ? 3 : c->decimals, buf, sizeof buf); return strlen(buf);
    case CELL_MONEY: numfmt_euro(c->v.cents, buf, sizeof buf); return strlen(buf) + 2;
    case CELL_DATE: return 10;
    }
    return 0;
}

static double _excel_date(ikz_date d) { return (double)(date_to_days(d) + 25569); /* days since 1899-12-30 */ }

/* The widths of a table's columns, from its headings and cells. */
void book_measure(const struct table *t, const char *const *headings, double *width)
{
    for (size_t c = 0; c < t->ncols; c++) {
        size_t n = text_chars(headings[c]);
        book_note_width(width, c, n < 24 ? n : 24);
    }
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t c = 0; c < t->ncols; c++)
            book_note_width(width, c, book_cell_chars(table_at(t, r, c)));
}

/* Writes a typed cell as a real number, a date, a string or a symbol,
 * and notes its width (width may be NULL when it was measured before). */
void book_cell(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c,
               enum column_format fmt, double *width)
{
    if (width)
        book_note_width(width, col, book_cell_chars(c));
    switch (c->kind) {
    case CELL_EMPTY:
    case CELL_UNSET:
        return;
    case CELL_UNKNOWN:
        book_string(b, ws, row, col, b->symbol_punkt, b->symbol);
        return;
    case CELL_UNDEFINED:
        book_string(b, ws, row, col, b->symbol_x, b->symbol);
        return;
    case CELL_TEXT:
        /* Always a string: a title like =HYPERLINK(...) stays text. */
        book_string(b, ws, row, col, c->v.text, b->text);
        return;
    case CELL_INT:
        book_number(b, ws, row, col, (double)c->v.i, fmt == COLUMN_CODE ? b->year : b->count);
        return;
    case CELL_REAL:
        book_number(b, ws, row, col, c->v.r, b->dec[c->decimals > 3 ? 3 : c->decimals]);
        return;
    case CELL_MONEY:
        book_number(b, ws, row, col, (double)c->v.cents / 100.0, b->money);
        return;
    case CELL_DATE:
        book_number(b, ws, row, col, _excel_date(c->v.date), b->date);
        return;
    }
}

/* ---------------------------------------------------------------------- */
/* The workbook                                                            */

static void _write_sheets(struct xlsx_book *b)
{
    const struct sheet_def *s;
    for (size_t i = 0; (s = xlsx_sheet(i)) && b->err == LXW_NO_ERROR; i++)
        s->write(b, s, xlsx_sheet_table(b->in, s));
}

enum ikz_status render_xlsx(const char *path, const char *tmpdir, const struct xlsx_input *in,
                            struct findings *template_findings, struct ikz_error *err)
{
    enum ikz_status st = render_xlsx_check_layout(in, err);
    if (st != IKZ_OK)
        return st;
    struct xlsx_book b = {.in = in, .template_findings = template_findings, .error = err};
    /* Rows stream to temporary files as they are written, strings inline:
     * memory stays flat however long a table is. Rows must then be written
     * in order, which every sheet writer (xlsx_sheets.c) does. */
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = (char *)tmpdir};
    b.wb = workbook_new_opt(path, &options);
    if (!b.wb)
        return ikz_fail(err, IKZ_ERR_CANTCREAT, "cannot create workbook %s", path);
    if (!_formats(&b)) {
        workbook_close(b.wb);
        return ikz_fail(err, IKZ_ERR_OSERR, "cannot write workbook %s: %s", path, lxw_strerror(b.err));
    }
    b.symbol_x = book_text(&b, "bericht", "symbol_x");
    b.symbol_punkt = book_text(&b, "bericht", "symbol_punkt");
    size_t chars;
    if (!xlsx_footer(book_text(&b, "bericht", "fusszeile"), book_text(&b, "bericht", "seite"),
                     book_text(&b, "bericht", "von"), b.footer, sizeof b.footer,
                     &chars)) { /* xlsx_texts_resolve() refused it before */
        workbook_close(b.wb);
        return ikz_fail(err, IKZ_ERR_SOFTWARE, "the footer was not checked before the workbook was written");
    }

    /* The creation date is the Stichtag: the same inputs give the same bytes. */
    lxw_doc_properties props = {
        .title = (char *)book_text(&b, "bericht", "dokument_titel"),
        .subject = (char *)book_text(&b, "bericht", "thema"),
        .author = (char *)book_text(&b, "bericht", "autor"),
        .keywords = (char *)book_text(&b, "bericht", "schlagwoerter"),
        .created = (time_t)date_to_days(figures_key(in->now, "stichtag")->v.date) * 86400,
    };
    book_check(&b, workbook_set_properties(b.wb, &props));
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
