/* xlsx_charts.c: the printed page of every sheet and the charts placed on
 * its pages, below their table; see xlsx_book.h. The sheets' table
 * (xlsx_sheets.c) says which charts a sheet has and how much of a page
 * each takes; this file sets up the page, computes where each chart goes
 * from the page, the margins and the table, and inserts it. */
#include "xlsx_book.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <xlsxwriter.h>

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

void xlsx_page_setup(lxw_worksheet *ws)
{
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9); /* A4 */
    worksheet_set_margins(ws, MARGIN_SIDE_IN, MARGIN_SIDE_IN, MARGIN_TOP_IN, MARGIN_TOP_IN);
    worksheet_fit_to_pages(ws, 1, 0);
}

/* ---------------------------------------------------------------------- */
/* The charts                                                              */

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
static void _chart(struct xlsx_book *b, lxw_worksheet *ws, const char *sheet, const struct chart_def *def,
                   const struct table *t, const struct chart_place *at)
{
    long cat_col = table_column_index(t, def->category), val_col = table_column_index(t, def->value);
    if (cat_col < 0 || val_col < 0) { /* render_xlsx_check_layout() makes this unreachable */
        ikz_fail(b->error, IKZ_ERR_SOFTWARE, "chart %s: table %s has no column %s", def->key, t->name,
                 cat_col < 0 ? def->category : def->value);
        book_check(b, LXW_ERROR_PARAMETER_VALIDATION);
        return;
    }
    char k[64];
    lxw_chart *chart = workbook_add_chart(b->wb, def->type);
    lxw_chart_series *s = chart ? chart_add_series(chart, NULL, NULL) : NULL;
    if (!s) {
        book_check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t last = (lxw_row_t)(FIRST_DATA_ROW + t->nrows - 1);
    chart_series_set_categories(s, sheet, FIRST_DATA_ROW, (lxw_col_t)cat_col, last, (lxw_col_t)cat_col);
    chart_series_set_values(s, sheet, FIRST_DATA_ROW, (lxw_col_t)val_col, last, (lxw_col_t)val_col);
    chart_series_set_name_range(s, sheet, HEADER_ROW, (lxw_col_t)val_col);
    snprintf(k, sizeof k, "%s_titel", def->key);
    chart_title_set_name(chart, book_text(b, "diagramme", k));
    /* In a bar chart libxlsxwriter's x axis is the horizontal value axis:
     * the category title goes to the y axis there. */
    bool bar = def->type == LXW_CHART_BAR;
    snprintf(k, sizeof k, "%s_x", def->key);
    chart_axis_set_name(bar ? chart->y_axis : chart->x_axis, book_text(b, "diagramme", k));
    snprintf(k, sizeof k, "%s_y", def->key);
    chart_axis_set_name(bar ? chart->x_axis : chart->y_axis, book_text(b, "diagramme", k));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE); /* one series: the title says it */
    if (bar)
        chart_axis_set_reverse(chart->y_axis); /* categories top-down, in the table's order */
    snprintf(k, sizeof k, "%s_alt", def->key);
    /* libxlsxwriter's chart is 480 x 288 pixels before scaling; its height
     * is counted in default rows (see "The printed page"). */
    lxw_chart_options opt = {.y_offset = (uint32_t)CHART_AIR_PX,
                             .x_scale = at->width_px / 480.0,
                             .y_scale = ROW_PX * (double)(at->rows - 1) / 288.0,
                             .description = (char *)book_text(b, "diagramme", k)};
    book_check(b, worksheet_insert_chart_opt(ws, at->row, 0, chart, &opt));
}

void xlsx_charts(struct xlsx_book *b, lxw_worksheet *ws, const struct sheet_def *s, const struct table *t,
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
    book_check(b, worksheet_set_h_pagebreaks(ws, breaks));
    lxw_row_t last = place[n - 1].row + (lxw_row_t)place[n - 1].rows - 1;
    for (lxw_row_t r = first; r <= last; r++)
        book_check(b, worksheet_set_row(ws, r, CHART_ROW_PT, NULL));
    book_rows_written(b, ws, last, 0);
    double beyond = place[0].width_px - table.width_px; /* every chart is as wide */
    if (beyond > 0) {
        lxw_col_t more = (lxw_col_t)ceil(beyond / book_column_px(COLUMN_WIDTH));
        book_check(b, worksheet_set_column(ws, (lxw_col_t)table.ncols, (lxw_col_t)(table.ncols + more - 1),
                                           COLUMN_WIDTH, NULL));
    }
    for (size_t i = 0; i < n; i++)
        _chart(b, ws, book_text(b, "blaetter", s->key), def[i], t, &place[i]);
}
