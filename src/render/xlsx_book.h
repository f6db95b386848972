/* xlsx_book.h: the workbook while it is being written, shared by the files
 * of the workbook module that use libxlsxwriter: render_xlsx.c (the book:
 * its texts, cells, formats and column widths, and render_xlsx() itself),
 * xlsx_sheets.c (the sheets) and xlsx_charts.c (the printed page and the
 * charts on it). Callers use render_xlsx.h; libxlsxwriter's types appear
 * in these four files only (tests/layering.sh). Every helper notes the
 * first libxlsxwriter error in the book and goes on, so a sheet writer
 * checks nothing itself: render_xlsx() reports the first failure. */
#ifndef IKZ_XLSX_BOOK_H
#define IKZ_XLSX_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <xlsxwriter.h>

#include "render_xlsx.h"
#include "table.h"
#include "xlsx_sheets.h"
#include "xlsx_verify.h"

#define TITLE_ROW 0
#define HEADER_ROW 1
#define FIRST_DATA_ROW 2
#define MAX_SHEETS 32

struct xlsx_book {
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
    char footer[XLSX_FOOTER_SIZE];
};

/* What the charts' page layout needs to know of a table: its width and
 * the lines of its header row, which is repeated on every printed page. */
struct table_size {
    double width_px;
    size_t ncols;
    size_t header_lines;
};

/* ---------------------------------------------------------------------- */
/* render_xlsx.c: texts                                                    */

/* The text [section] key of texte.ini with its placeholders filled in, or
 * "" after a finding that names the missing key (the book's, not to free). */
const char *book_text(struct xlsx_book *b, const char *section, const char *key);

/* The heading of a table's column: [spalten] table.column, else column. */
const char *book_heading(struct xlsx_book *b, const struct table *t, size_t c);

/* ---------------------------------------------------------------------- */
/* render_xlsx.c: cells                                                    */

/* Keeps e if it is the book's first libxlsxwriter error. */
void book_check(struct xlsx_book *b, lxw_error e);

/* Notes a row of ws written with a cell (cells 1) or only a height
 * (cells 0): the read-back expects every cell and the last row. */
void book_rows_written(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, size_t cells);

void book_number(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, double v, lxw_format *fmt);

/* A string as the cell holds it: cut to Excel's length with a mark, and
 * text that OOXML would read as an escape kept literal. */
void book_string(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *text,
                 lxw_format *fmt);

/* Writes a typed cell as a real number, a date, a string or a symbol,
 * and notes its width (width may be NULL when it was measured before). */
void book_cell(struct xlsx_book *b, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const struct cell *c,
               enum column_format fmt, double *width);

/* ---------------------------------------------------------------------- */
/* render_xlsx.c: column widths                                            */

/* Widens column col of width to chars; width has an entry for every
 * column the caller writes. */
void book_note_width(double *width, size_t col, size_t chars);

/* The characters a cell shows, for the column width. */
size_t book_cell_chars(const struct cell *c);

/* The widths of a table's columns, from its headings and cells. */
void book_measure(const struct table *t, const char *const *headings, double *width);

/* A column of width characters in pixels, as Excel counts them. */
double book_column_px(double width);

/* Sets ncols columns of ws from width (plus air, capped at cap) and the
 * header row's height for headings (NULL: one line). */
struct table_size book_set_widths(lxw_worksheet *ws, const char *const *headings, const double *width, size_t ncols,
                                  double cap);

/* ---------------------------------------------------------------------- */
/* xlsx_charts.c: the printed page                                         */

/* A4 landscape, the margins and one page wide: what the charts' layout
 * counts on, set on every sheet. */
void xlsx_page_setup(lxw_worksheet *ws);

/* The charts of sheet s (its table t) on pages of their own after the
 * table that ends before row first. A table without rows has no chart. */
void xlsx_charts(struct xlsx_book *b, lxw_worksheet *ws, const struct sheet_def *s, const struct table *t,
                 lxw_row_t first, struct table_size table);

#endif
