/* run.h: one report's state and the stages that fill it, shared by the
 * files of the pipeline: report.c keeps the order of the stages (its table
 * of contents), report_read.c reads and checks, report_compute.c computes,
 * report_press.c assembles the press paragraphs, report_write.c writes and
 * publishes. Internal to those files; report.h is the interface. */
#ifndef IKZ_RUN_H
#define IKZ_RUN_H

#include <stdbool.h>
#include <stddef.h>

#include "aggregate.h"
#include "exports.h"
#include "figures.h"
#include "findings.h"
#include "gebietsaenderungen.h"
#include "labels.h"
#include "press_values.h"
#include "register.h"
#include "render_text.h"
#include "render_xlsx.h"
#include "report.h"
#include "report_delivery.h"
#include "table.h"
#include "taskareas.h"
#include "texts.h"

/* How many findings are kept in memory; the rest are only counted. */
#define FINDINGS_KEPT 100000

/* Everything one run holds, so that one function can free it. */
struct paragraph;

struct run {
    char *path_register, *path_projekte, *path_beteiligungen;
    char *path_changes; /* NULL: no change list */
    char *path_areas, *path_labels, *path_texts, *path_press;
    struct findings findings;
    size_t register_errors; /* fehler in the register: they always stop the run */
    const char *land;       /* the report's Land ("06"), or NULL for every Land */
    struct task_areas areas;
    struct labels labels;
    struct texts texts;
    char *press_template;
    struct gebietsaenderungen changes;
    struct kommune_register reg;
    struct exports ex;
    struct aggregate agg, agg_before;
    struct figures fig, fig_before; /* at the Stichtag and one year earlier */
    struct table pruefbericht;
    struct xlsx_texts xlsx_texts; /* the workbook's texts, resolved before it is written */
    struct text_common common; /* the values every press paragraph has, made once (run_compute) */
    char *press_text;
    char *path_kreistext, *path_projekttext;
    char *kreis_template, *projekt_template;
    struct paragraph *presse; /* presse/: one per Kreis, then the projects asked for */
    size_t n_presse;
    const struct delivery_choice *delivery; /* the input and its seal */
    bool seal_broken;        /* the exports as read do not match their seal */
    struct delivery_problem seal_problem;
    bool fall_guard;         /* a nightly run: compare with the last report */
    char fall_display[32];   /* "2026/manifest.json", for the finding */
};

/* One file of presse/: its name in the report and its text. */
struct paragraph {
    char rel[96];
    char *text;
    long projekt; /* the project of a project paragraph, else -1 */
};

/* Reading and checking (report_read.c). */

/* How findings name an input: its file name (borrowed from path). */
const char *run_display(const char *path);

/* Reads the templates, the register, the change list and the exports of
 * opt->input_dir and checks them; IKZ_ERR_DATA when the findings stop the
 * run (docs/findings.md). */
enum ikz_status run_read_and_check(struct run *r, const struct report_options *opt);

/* The rows left out for a fehler, in both exports. */
size_t run_rejected_rows(const struct run *r);

/* The findings on stderr: the fehler always, the hinweise when asked. */
enum ikz_status run_print_findings(const struct run *r, bool with_hinweise);

/* Computing (report_compute.c): the figures at the Stichtag and one year
 * earlier, and the press texts, before anything is written. */
enum ikz_status run_compute(struct run *r, const struct report_options *opt);

/* The press paragraphs (report_press.c). run_paragraph renders one from
 * tpl with pv's values (NULL: the Land's); a placeholder printed without a
 * value is IKZ_ERR_DATA, named in missing (RENDER_MISSING_MAX bytes). */
enum ikz_status run_paragraph(struct run *r, const char *tpl, const char *path,
                              const struct press_values *pv, char **out, char *missing);
/* A Land or Kreis paragraph without a form for its case: a template error. */
enum ikz_status run_paragraph_lacks(struct run *r, const char *path, const char *missing, const char *whose);
/* The regional editions and the paragraphs of the projects asked for. */
enum ikz_status run_paragraphs(struct run *r, const struct report_options *opt);

/* Writing (report_write.c). */

/* Writes the report into a temporary directory, its manifest, and swaps
 * it into OUTPUT/YYYY. */
enum ikz_status run_publish(struct run *r, const struct report_options *opt);
/* A run that publishes nothing: its findings to OUTPUT/pruefbericht-YYYY.csv. */
void run_write_failed_findings(struct run *r, const struct report_options *opt);
/* validate --befunde FILE: every finding as CSV to FILE ("-": stdout). */
enum ikz_status run_write_all_findings(struct run *r, const struct report_options *opt);

#endif
