/* report.c: the pipeline of one run, see report.h. */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "check.h"
#include "exports.h"
#include "figures.h"
#include "findings.h"
#include "labels.h"
#include "log.h"
#include "publish.h"
#include "register.h"
#include "render_text.h"
#include "render_xlsx.h"
#include "stats.h"
#include "taskareas.h"
#include "texts.h"

/* How many findings are kept in memory; the rest are only counted. */
#define FINDINGS_KEPT 100000

/* Everything one run holds, so that one function can free it. */
struct run {
    char *path_register, *path_projekte, *path_beteiligungen, *path_areas, *path_labels, *path_texts, *path_press;
    struct findings findings;
    struct task_areas areas;
    struct labels labels;
    struct texts texts;
    char *press_template;
    struct kommune_register reg;
    struct exports ex;
    struct aggregate agg, agg_before;
    struct figures fig, fig_before; /* at the Stichtag and one year earlier */
    char *press_text;
};

static char *_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void _run_free(struct run *r)
{
    free(r->press_text);
    figures_free(&r->fig);
    figures_free(&r->fig_before);
    aggregate_free(&r->agg);
    aggregate_free(&r->agg_before);
    texts_free(&r->texts);
    free(r->press_template);
    free(r->path_texts);
    free(r->path_press);
    exports_free(&r->ex);
    register_free(&r->reg);
    labels_free(&r->labels);
    taskareas_free(&r->areas);
    findings_free(&r->findings);
    free(r->path_register);
    free(r->path_projekte);
    free(r->path_beteiligungen);
    free(r->path_areas);
    free(r->path_labels);
}

/* Reads a whole (small) template file into a malloc'd string. */
static enum ikz_status _read_template(const char *path, char **out, struct findings *findings)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem) {
        if (fp)
            fclose(fp);
        return IKZ_ERR_OSERR;
    }
    int c;
    while (fp && (c = getc(fp)) != EOF)
        putc(c, mem);
    bool failed = !fp || ferror(fp);
    if (fp)
        fclose(fp);
    fclose(mem);
    if (failed) {
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, path, 0, NULL, NULL, "Datei nicht lesbar");
        free(buf);
        return IKZ_ERR_CONFIG;
    }
    *out = buf;
    return IKZ_OK;
}

static enum ikz_status _load_templates(struct run *r)
{
    enum ikz_status st = taskareas_load(r->path_areas, r->path_areas, &r->areas, &r->findings);
    if (st == IKZ_OK)
        st = labels_load(r->path_labels, r->path_labels, &r->labels, &r->findings);
    if (st == IKZ_OK)
        st = figures_check_labels(&r->labels, r->path_labels, &r->findings);
    if (st == IKZ_OK)
        st = texts_load(r->path_texts, r->path_texts, &r->texts, &r->findings);
    if (st == IKZ_OK)
        st = _read_template(r->path_press, &r->press_template, &r->findings);
    return st;
}

/* Reads the three exports. Stops at the first file that is missing; reads
 * on past data errors so one run reports as much as it can. */
static enum ikz_status _load_exports(struct run *r)
{
    enum ikz_status st_reg = register_load(r->path_register, r->path_register, &r->reg, &r->findings);
    if (st_reg != IKZ_OK && st_reg != IKZ_ERR_DATA)
        return st_reg;
    log_info("%s: %zu Kommunen (%zu Gemeinden, %zu Kreise), %s format", r->path_register, r->reg.n,
             r->reg.n_gemeinden, r->reg.n_kreis_kommunen, r->reg.format == REGISTER_GVISYS ? "GV-ISys" : "native");

    enum ikz_status st_proj = exports_load_projekte(r->path_projekte, r->path_projekte, &r->areas, &r->ex, &r->findings);
    if (st_proj != IKZ_OK && st_proj != IKZ_ERR_DATA)
        return st_proj;
    log_info("%s: %zu rows", r->path_projekte, r->ex.rows_projekte);

    if (st_reg != IKZ_OK) {
        /* Against a register with errors every participation would be
         * suspect; fix the register first. */
        log_warn("%s not read: the register has errors", r->path_beteiligungen);
        return IKZ_ERR_DATA;
    }
    enum ikz_status st_bet =
        exports_load_beteiligungen(r->path_beteiligungen, r->path_beteiligungen, &r->reg, &r->ex, &r->findings);
    if (st_bet != IKZ_OK && st_bet != IKZ_ERR_DATA)
        return st_bet;
    log_info("%s: %zu rows, %zu distinct participations", r->path_beteiligungen, r->ex.rows_beteiligungen,
             r->ex.n_beteiligungen);
    check_projects(&r->ex, r->path_projekte, &r->findings);
    return st_proj != IKZ_OK ? st_proj : st_bet;
}

static enum ikz_status _write_csvs(const struct report_options *opt, const struct figures *fig,
                                   struct publication *pub)
{
    for (size_t i = 0; i < TABLE__COUNT; i++) {
        const struct table *t = &fig->table[i];
        if (t->workbook_only)
            continue;
        char rel[64];
        snprintf(rel, sizeof rel, "csv/%s.csv", t->name);
        FILE *fp;
        enum ikz_status st = publish_create(pub, rel, &fp);
        if (st != IKZ_OK)
            return st;
        if (render_csv(t, opt->dialect, fp) != 0) {
            publish_finish(pub, rel, fp);
            log_error("cannot write %s in %s", rel, pub->tmp_dir);
            return IKZ_ERR_IO;
        }
        st = publish_finish(pub, rel, fp);
        if (st != IKZ_OK)
            return st;
    }
    return IKZ_OK;
}

static enum ikz_status _write_press_text(const struct run *r, struct publication *pub)
{
    FILE *fp;
    enum ikz_status st = publish_create(pub, "pressetext.txt", &fp);
    if (st != IKZ_OK)
        return st;
    if (fputs(r->press_text, fp) == EOF) {
        publish_finish(pub, "pressetext.txt", fp);
        return IKZ_ERR_IO;
    }
    return publish_finish(pub, "pressetext.txt", fp);
}

static enum ikz_status _write_workbook(const struct report_options *opt, struct run *r, struct publication *pub)
{
    char rel[64];
    snprintf(rel, sizeof rel, "ikz-bericht-%04d.xlsx", date_year(opt->stichtag));
    char *path = publish_path(pub, rel);
    if (!path)
        return IKZ_ERR_OSERR;
    const struct xlsx_source sources[] = {
        {"projekte", r->path_projekte, r->ex.rows_projekte},
        {"beteiligungen", r->path_beteiligungen, r->ex.rows_beteiligungen},
        {"register", r->path_register, r->reg.rows},
    };
    struct xlsx_input in = {
        .now = &r->fig,
        .before = &r->fig_before,
        .findings = &r->findings,
        .labels = &r->labels,
        .texts = &r->texts,
        .source = sources,
        .n_source = sizeof sources / sizeof sources[0],
        .register_format = r->reg.format == REGISTER_GVISYS ? "GV-ISys" : "nativ",
        .gebietsstand = opt->gebietsstand,
        .version = IKZ_VERSION,
    };
    enum ikz_status st = render_xlsx(path, pub->tmp_dir, &in, &r->findings);
    free(path);
    if (st == IKZ_OK)
        st = publish_sync(pub, rel);
    return st;
}

static enum ikz_status _publish(const struct report_options *opt, struct run *r)
{
    struct publication pub;
    enum ikz_status st = publish_begin(opt->output_dir, date_year(opt->stichtag), &pub);
    if (st != IKZ_OK)
        return st;
    st = _write_csvs(opt, &r->fig, &pub);
    if (st == IKZ_OK)
        st = _write_workbook(opt, r, &pub);
    if (st == IKZ_OK)
        st = _write_press_text(r, &pub);
    if (st != IKZ_OK) {
        publish_abort(&pub);
        return st;
    }
    char *final_dir = strdup(pub.final_dir);
    st = publish_commit(&pub);
    if (st == IKZ_OK)
        log_info("published %s", final_dir ? final_dir : "report");
    free(final_dir);
    return st;
}

enum ikz_status report_run(const struct report_options *opt)
{
    struct run r;
    memset(&r, 0, sizeof r);
    stats_init();
    findings_init(&r.findings, FINDINGS_KEPT);
    r.path_register = opt->register_path ? strdup(opt->register_path) : _path(opt->input_dir, "kommunen.csv");
    r.path_projekte = _path(opt->input_dir, "projekte.csv");
    r.path_beteiligungen = _path(opt->input_dir, "beteiligungen.csv");
    r.path_areas = _path(opt->templates_dir, "aufgabenbereiche.csv");
    r.path_labels = _path(opt->templates_dir, "kennzahlen.csv");
    r.path_texts = _path(opt->templates_dir, "texte.ini");
    r.path_press = _path(opt->templates_dir, "pressetext.txt");
    if (!r.path_register || !r.path_projekte || !r.path_beteiligungen || !r.path_areas || !r.path_labels ||
        !r.path_texts || !r.path_press) {
        _run_free(&r);
        return IKZ_ERR_OSERR;
    }

    char day[11];
    date_format_iso(opt->stichtag, day);
    log_info("report at Stichtag %s from %s", day, opt->input_dir);

    enum ikz_status st = _load_templates(&r);
    if (st == IKZ_OK)
        st = _load_exports(&r);
    if (st == IKZ_OK && r.findings.errors > 0)
        st = IKZ_ERR_DATA;
    if (st == IKZ_ERR_DATA)
        log_error("the exports have errors; nothing published");

    /* The same computation at the Stichtag and one year earlier. */
    if (st == IKZ_OK)
        st = aggregate_compute(&r.reg, &r.areas, &r.ex, opt->stichtag, opt->ozg_seit, &r.agg);
    if (st == IKZ_OK)
        st = aggregate_compute(&r.reg, &r.areas, &r.ex, date_minus_year(opt->stichtag), opt->ozg_seit, &r.agg_before);
    if (st == IKZ_OK) {
        struct figures_input in = {&r.reg, &r.areas, &r.ex, &r.agg, &r.labels};
        st = figures_build(&in, &r.fig);
    }
    if (st == IKZ_OK) {
        struct figures_input in = {&r.reg, &r.areas, &r.ex, &r.agg_before, &r.labels};
        st = figures_build(&in, &r.fig_before);
    }
    /* The press text before anything is written: a template error stops
     * the run with nothing touched. */
    if (st == IKZ_OK) {
        struct text_values values = {&r.fig, &r.fig_before};
        st = render_text(r.press_template, r.path_press, 1, &values, &r.press_text, &r.findings);
    }
    if (st == IKZ_OK)
        st = _publish(opt, &r);
    if (r.findings.total > 0) {
        findings_print(&r.findings, stderr, REPORT_FINDINGS_SHOWN);
        log_info("%zu findings: %zu fehler, %zu hinweise", r.findings.total, r.findings.errors,
                 r.findings.total - r.findings.errors);
    }
    _run_free(&r);
    return st;
}
