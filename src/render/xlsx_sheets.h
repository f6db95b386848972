/* xlsx_sheets.h: the workbook's sheets as data, shared inside the workbook
 * module (callers use render_xlsx.h). A sheet is one row of the table in
 * xlsx_sheets.c: its key (the [blaetter] name and the [titel] line of
 * texte.ini), the table it shows, the function that writes it, whose
 * headings it shows and up to two charts of its columns. This header needs
 * no libxlsxwriter, so that xlsx_texts.c can judge every sheet's texts
 * before a workbook exists: a chart's type is libxlsxwriter's number, and
 * a writer's book is only named here (xlsx_book.h). */
#ifndef IKZ_XLSX_SHEETS_H
#define IKZ_XLSX_SHEETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render_xlsx.h"

#define MAX_CHARTS 2
#define NO_TABLE (-1)
#define FINDINGS_TABLE (-2) /* the Prüfbericht: findings, not figures */
#define XLSX_FOOTER_SIZE 2048 /* bytes: room for Excel's 255 characters of up to 4 bytes each */

struct xlsx_book;

struct chart_def {
    uint8_t type;         /* LXW_CHART_*; 0: no chart */
    const char *key;      /* [diagramme] KEY_titel, KEY_x, KEY_y, KEY_alt */
    const char *category; /* column names in the sheet's table */
    const char *value;
    double page_share;    /* of a printed page's height (0 < share <= 1); see xlsx_charts.c */
};

/* Whose headings a sheet shows. xlsx_texts_resolve() requires a [spalten]
 * heading for every column of the table of a sheet with HEADINGS_OF_COLUMNS;
 * a sheet with HEADINGS_OWN (the Übersicht, the Erläuterungen) looks its
 * headings up by fixed names instead. */
enum sheet_headings { HEADINGS_OF_COLUMNS, HEADINGS_OWN };

struct sheet_def {
    const char *key;
    int table; /* enum figures_table, NO_TABLE or FINDINGS_TABLE */
    void (*write)(struct xlsx_book *b, const struct sheet_def *s, const struct table *t);
    enum sheet_headings headings;
    struct chart_def chart[MAX_CHARTS];
};

/* The i-th sheet in the workbook's order, NULL after the last (static, do
 * not free); render_xlsx_sheet_count() says how many. */
const struct sheet_def *xlsx_sheet(size_t i);

/* The table sheet s shows: one of in->now's, the Prüfbericht, or NULL
 * (NO_TABLE, or a number in's figures lack). */
const struct table *xlsx_sheet_table(const struct xlsx_input *in, const struct sheet_def *s);

/* The sheets' footer into out: the sheet's name left, fusszeile centred,
 * "Seite N von M" right (NULL texts count as empty). False if it is longer
 * than Excel's 255 characters (codes and doubled & included; *chars says
 * how long) or than out. */
bool xlsx_footer(const char *fusszeile, const char *seite, const char *von, char *out, size_t outsz,
                 size_t *chars);

#endif
