/* render_xlsx.h: the ministry's workbook ikz-bericht-YYYY.xlsx.
 *
 * Sheets: Übersicht (key figures now, a year earlier, change), the tables
 * of the CSV summaries, Verteilung (histogram of projects per Kommune),
 * Prüfbericht (findings) and Erläuterungen (definitions, sources, legend).
 * Every number comes from the same tables as the CSVs; every German text
 * from templates/. libxlsxwriter stays inside this module (render_xlsx.c,
 * xlsx_sheets.c, xlsx_charts.c and their xlsx_book.h). The file is
 * byte-identical for the same inputs: its creation date is the Stichtag. */
#ifndef IKZ_RENDER_XLSX_H
#define IKZ_RENDER_XLSX_H

#include <stddef.h>

#include "figures.h"
#include "findings.h"
#include "labels.h"
#include "status.h"
#include "texts.h"

/* Where the figures come from, for the Erläuterungen. */
struct xlsx_source {
    const char *label_key; /* key in [erlaeuterungen]: projekte, beteiligungen, register */
    const char *file;      /* file name as given */
    size_t rows;           /* data rows read */
};

/* Every text of texte.ini with its placeholders filled in, resolved on
 * the main thread before the workbook is written: the writer only reads
 * them. value[i] belongs to entry i of source. */
struct xlsx_texts {
    const struct texts *source; /* sections, keys, the file's name */
    char **value;               /* owned */
};

/* Resolves every text against the figures now and a year before, and
 * checks that every text the workbook will ask for is there: the fixed
 * ones, each sheet's name, title and charts' texts, and a heading for each
 * column of its table (pruefbericht: the findings' table). This is the one
 * place a template's texts are judged; run, validate and projekttext all
 * pass through it before anything is written. Broken placeholders, bad
 * sheet names, a missing text and a footer Excel cannot hold become
 * findings naming file, section and key (all of them, not only the first)
 * and IKZ_ERR_CONFIG. xlsx_texts_free() frees out either way. */
enum ikz_status xlsx_texts_resolve(const struct texts *t, const struct figures *now, const struct figures *before,
                                   const struct table *pruefbericht, struct xlsx_texts *out,
                                   struct findings *findings);
void xlsx_texts_free(struct xlsx_texts *x);

/* The resolved text [section] key, or NULL. */
const char *xlsx_texts_get(const struct xlsx_texts *x, const char *section, const char *key);

/* The resolved heading of column c of table t: [spalten] TABLE.COLUMN,
 * else [spalten] COLUMN; NULL if neither is there. */
const char *xlsx_texts_heading(const struct xlsx_texts *x, const struct table *t, size_t c);

struct xlsx_input {
    const struct figures *now;
    const struct figures *before;   /* the same computation one year earlier */
    const struct table *pruefbericht; /* the findings as a table (findings_table.h) */
    size_t findings_not_listed;     /* findings beyond those kept, only counted */
    size_t rejected_rows;           /* rows left out for a fehler (--max-fehler) */
    size_t missing_amounts;         /* amounts left out for a fehler; their projects count */
    const struct labels *labels;    /* labels and definitions of the key figures */
    const struct xlsx_texts *texts; /* templates/texte.ini, resolved */
    const struct xlsx_source *source;
    size_t n_source;
    const char *register_format;    /* "GV-ISys" or "nativ" */
    const char *gebietsstand;       /* NULL: not given */
    const char *version;
};

/* Writes the workbook to path, with libxlsxwriter's temporary files in
 * tmpdir. IKZ_ERR_CONFIG (with findings in template_findings, the writer's
 * own list) for a text missing from the templates; IKZ_ERR_IO (what failed in err) when writing
 * fails. The sheets are the rows of a table in xlsx_sheets.c. */
enum ikz_status render_xlsx(const char *path, const char *tmpdir, const struct xlsx_input *in,
                            struct findings *template_findings, struct ikz_error *err);

/* IKZ_ERR_SOFTWARE (and why, in err) when a sheet names a table or a chart
 * names a column that in's tables lack: a renamed column is an error,
 * never a chart of column A. render_xlsx() checks this first. */
enum ikz_status render_xlsx_check_layout(const struct xlsx_input *in, struct ikz_error *err);

/* The number of sheets (before long tables are split), the i-th sheet's
 * key (its name is [blaetter] KEY of texte.ini; static, NULL past the end)
 * and how many charts it holds (0 past the end); for the tests, which
 * never count sheets or charts by hand (tests/list_outputs.c). */
size_t render_xlsx_sheet_count(void);
const char *render_xlsx_sheet_key(size_t i);
size_t render_xlsx_sheet_charts(size_t i);

#endif
