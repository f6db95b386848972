/* report.c: the pipeline of one run, see report.h.
 *
 * Order matters for the promises of docs/operations.md: the lock first (a
 * second run touches nothing), then everything that can fail for data or
 * template reasons (reading, checking, computing, the press text) before a
 * single file is written, then the report in a temporary directory, its
 * manifest, and only then the one-step swap into OUTPUT/YYYY. */
#include "run.h"

#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "manifest.h"
#include "render_text.h"
#include "stats.h"
#include "testhook.h"
#include "text.h"
#include "values.h"

static enum ikz_status _run_init(struct run *r, const struct report_options *opt, const struct delivery_choice *dc)
{
    memset(r, 0, sizeof *r);
    r->delivery = dc;
    stats_init();
    findings_init(&r->findings, FINDINGS_KEPT);
    r->path_projekte = text_path_join(opt->input_dir, "projekte.csv");
    r->path_beteiligungen = text_path_join(opt->input_dir, "beteiligungen.csv");
    if (opt->changes_path) {
        r->path_changes = strdup(opt->changes_path);
    } else { /* the input directory's list, if it has one */
        r->path_changes = text_path_join(opt->input_dir, "gebietsaenderungen.csv");
        if (r->path_changes && access(r->path_changes, F_OK) != 0) {
            free(r->path_changes);
            r->path_changes = NULL;
        }
    }
    r->path_areas = text_path_join(opt->templates_dir, "aufgabenbereiche.csv");
    r->path_labels = text_path_join(opt->templates_dir, "kennzahlen.csv");
    r->path_texts = text_path_join(opt->templates_dir, "texte.ini");
    r->path_press = text_path_join(opt->templates_dir, "pressetext.txt");
    r->path_kreistext = text_path_join(opt->templates_dir, "kreistext.txt");
    r->path_projekttext = text_path_join(opt->templates_dir, "projekttext.txt");
    bool ok = r->path_projekte && r->path_beteiligungen && r->path_areas && r->path_labels &&
              r->path_texts && r->path_press && r->path_kreistext && r->path_projekttext;
    return ok ? IKZ_OK : IKZ_ERR_OSERR;
}

static void _run_free(struct run *r)
{
    for (size_t i = 0; i < r->n_presse; i++)
        free(r->presse[i].text);
    free(r->presse);
    free(r->kreis_template);
    free(r->projekt_template);
    free(r->path_kreistext);
    free(r->path_projekttext);
    free(r->press_text);
    xlsx_texts_free(&r->xlsx_texts);
    table_free(&r->pruefbericht);
    figures_free(&r->fig);
    figures_free(&r->fig_before);
    aggregate_free(&r->agg);
    aggregate_free(&r->agg_before);
    exports_free(&r->ex);
    register_free(&r->reg);
    gebietsaenderungen_free(&r->changes);
    free(r->path_changes);
    texts_free(&r->texts);
    free(r->press_template);
    labels_free(&r->labels);
    taskareas_free(&r->areas);
    findings_free(&r->findings);
    free(r->path_register);
    free(r->path_projekte);
    free(r->path_beteiligungen);
    free(r->path_areas);
    free(r->path_labels);
    free(r->path_texts);
    free(r->path_press);
}

/* ---------------------------------------------------------------------- */
/* The two entry points                                                    */

/* Reads and checks the exports of the input: a plain directory, or the
 * newest complete delivery of the drop, trying the one before when a
 * delivery fails its seal while it is read. *o is opt with the input
 * chosen and, for a drop without a given Stichtag, the delivery's date
 * as the Stichtag. nightly: also the freshness check. IKZ_ERR_NOINPUT,
 * unlogged, when the drop holds no complete delivery: *none says so. */
static enum ikz_status _read_input(struct run *r, struct delivery_choice *dc, const struct report_options *opt,
                                   struct report_options *o, bool nightly, bool *none)
{
    *none = false;
    *o = *opt;
    memset(r, 0, sizeof *r);
    for (;;) {
        enum ikz_status st = delivery_next(dc);
        if (st == IKZ_ERR_NOINPUT && opt->drop_dir)
            *none = true;
        if (st != IKZ_OK)
            return st;
        o->input_dir = dc->dir;
        if (dc->chosen && opt->stichtag_source == STICHTAG_DELIVERY)
            o->stichtag = dc->chosen->date;
        if (nightly && opt->stichtag_source != STICHTAG_GIVEN && (st = delivery_fresh(dc)) != IKZ_OK)
            return st;
        st = _run_init(r, o, dc);
        if (st != IKZ_OK)
            return st;
        r->fall_guard = nightly && opt->stichtag_source != STICHTAG_GIVEN;
        st = run_read_and_check(r, o);
        if (!(r->seal_broken && dc->chosen)) {
            delivery_add_findings(dc, &r->findings);
            return st;
        }
        delivery_skip(dc, &r->seal_problem);
        _run_free(r);
        memset(r, 0, sizeof *r);
    }
}

/* No complete delivery in the drop. Before the first report (a fresh
 * installation) a nightly run has nothing to do; once a report exists,
 * the exports have stopped coming: 66, and OnFailure says so. */
static enum ikz_status _no_delivery(const struct report_options *opt, bool nightly)
{
    struct published_report *pub = NULL;
    size_t n = 0;
    struct ikz_error err = {0};
    enum ikz_status st = nightly ? manifest_published(opt->output_dir, &pub, &n, &err) : IKZ_OK;
    free(pub);
    if (nightly && st == IKZ_OK && n == 0) {
        log_info("no complete delivery in %s yet (a directory YYYY-MM-DD sealed by %s); nothing to do", opt->drop_dir,
                 SEAL_NAME);
        return IKZ_OK;
    }
    if (st != IKZ_OK)
        log_error("%s", err.message);
    log_error("no complete delivery in %s (a directory YYYY-MM-DD sealed by %s); nothing published", opt->drop_dir,
              SEAL_NAME);
    return IKZ_ERR_NOINPUT;
}

enum ikz_status report_run(const struct report_options *opt)
{
    struct output_lock lock;
    struct ikz_error err = {0};
    enum ikz_status st = publish_lock(opt->output_dir, &lock, &err);
    if (st != IKZ_OK) {
        log_error("%s", err.message);
        return st;
    }
    if (lock.leftovers_removed)
        log_info("removed %zu directories left in %s by interrupted runs", lock.leftovers_removed, opt->output_dir);
    if (!lock.pid_written)
        log_warn("cannot write the pid to %s/.lock", opt->output_dir);
    testhook_pause("locked");
    struct delivery_choice dc;
    st = delivery_begin(&dc, opt);
    struct run r;
    struct report_options o = *opt;
    bool none = false;
    memset(&r, 0, sizeof r);
    log_elapsed();
    if (st == IKZ_OK)
        st = _read_input(&r, &dc, opt, &o, true, &none);
    log_debug("read and checked: %.3f s", log_elapsed());
    if (none) {
        st = _no_delivery(opt, true);
        _run_free(&r);
        delivery_end(&dc);
        publish_unlock(&lock);
        return st;
    }
    if (st == IKZ_OK)
        st = run_compute(&r, &o);
    log_debug("computed: %.3f s", log_elapsed());
    if (st == IKZ_OK)
        st = run_publish(&r, &o);
    log_debug("published: %.3f s", log_elapsed());
    /* The findings are in the Prüfbericht (or the file beside the reports)
     * too; stderr that cannot be written costs the run nothing more. */
    if (run_print_findings(&r, o.print_hinweise) != IKZ_OK)
        log_warn("cannot print the findings to stderr: %s", strerror(errno));
    char name[64];
    snprintf(name, sizeof name, "pruefbericht-%04d.csv", date_year(o.stichtag));
    if (st == IKZ_ERR_DATA)
        run_write_failed_findings(&r, &o);
    else if (st == IKZ_OK)
        /* a failure's findings of an earlier night */
        if (publish_remove(o.output_dir, name, &err) != IKZ_OK && err.status != IKZ_OK)
            log_warn("%s", err.message);
    /* Old deliveries go only after a nightly report named the newest. */
    if (st == IKZ_OK && opt->stichtag_source != STICHTAG_GIVEN)
        delivery_retain(&dc, o.output_dir);
    _run_free(&r);
    delivery_end(&dc);
    publish_unlock(&lock);
    return st;
}

/* Everything but writing, for validate and projekttext: the findings that
 * only computing the figures and texts can make (a cell too long for the
 * workbook, a broken template) are theirs too. They read the delivery a
 * run would, without a run's nightly guards. */
static enum ikz_status _read_and_compute(struct run *r, struct delivery_choice *dc, const struct report_options *opt,
                                         struct report_options *o)
{
    bool none = false;
    enum ikz_status st = delivery_begin(dc, opt);
    memset(r, 0, sizeof *r);
    *o = *opt;
    if (st == IKZ_OK)
        st = _read_input(r, dc, opt, o, false, &none);
    if (none)
        st = _no_delivery(opt, false);
    if (st == IKZ_OK)
        st = run_compute(r, o);
    return st;
}

enum ikz_status report_validate(const struct report_options *opt_in)
{
    struct run r;
    struct delivery_choice dc;
    struct report_options o;
    const struct report_options *opt = &o;
    enum ikz_status st = _read_and_compute(&r, &dc, opt_in, &o);
    /* validate's findings on stderr are what it is run for. */
    if (run_print_findings(&r, true) != IKZ_OK && st == IKZ_OK)
        st = IKZ_ERR_IO;
    if (opt->befunde_path) { /* every finding, not only the first REPORT_FINDINGS_SHOWN */
        enum ikz_status written = run_write_all_findings(&r, opt);
        if (written != IKZ_OK && (st == IKZ_OK || st == IKZ_ERR_DATA))
            st = written;
    }
    if (st == IKZ_OK)
        printf("%s: %zu Kommune%s, %zu project%s, %zu participation%s; %zu finding%s (%zu error%s)\n", opt->input_dir,
               r.reg.n, r.reg.n == 1 ? "" : "n", r.ex.n_projekte, r.ex.n_projekte == 1 ? "" : "s", r.ex.n_beteiligungen,
               r.ex.n_beteiligungen == 1 ? "" : "s", r.findings.total, r.findings.total == 1 ? "" : "s",
               r.findings.errors, r.findings.errors == 1 ? "" : "s");
    _run_free(&r);
    delivery_end(&dc);
    return st;
}

enum ikz_status report_projekttext(const struct report_options *opt_in)
{
    struct run r;
    struct delivery_choice dc;
    struct report_options o;
    const struct report_options *opt = &o;
    enum ikz_status st = _read_and_compute(&r, &dc, opt_in, &o);
    if (run_print_findings(&r, opt->print_hinweise) != IKZ_OK && st == IKZ_OK)
        st = IKZ_ERR_IO;
    long i = st == IKZ_OK ? press_find_projekt(&r.ex, opt->projekt) : -1;
    char day[11], when[11];
    date_format_de(opt->stichtag, day);
    if (st == IKZ_OK && i < 0) {
        log_error("%s: no project %s", r.path_projekte, opt->projekt);
        st = IKZ_ERR_DATA;
    } else if (st == IKZ_OK && !r.ex.projekt[i].usable) {
        log_error("%s: project %s is not usable (see the findings above)", r.path_projekte, opt->projekt);
        st = IKZ_ERR_DATA;
    } else if (st == IKZ_OK && !aggregate_is_active(&r.ex.projekt[i], opt->stichtag)) {
        const struct projekt *p = &r.ex.projekt[i];
        bool later = p->bewilligt > opt->stichtag;
        date_format_de(later ? p->bewilligt : p->widerrufen, when);
        log_error("project %s is not funded on %s: %s on %s", opt->projekt, day, later ? "approved" : "revoked", when);
        st = IKZ_ERR_DATA;
    } else if (st == IKZ_OK && !aggregate_in_report(&r.ex.projekt[i])) {
        log_error("project %s has no participant in Land %s (--land)", opt->projekt, r.land ? r.land : "alle");
        st = IKZ_ERR_DATA;
    }
    if (st == IKZ_OK) {
        struct figures_input in = {&r.reg, &r.areas, &r.ex, &r.agg, &r.labels, false};
        struct press_values pv;
        char *text = NULL, missing[RENDER_MISSING_MAX];
        st = press_values_projekt(&in, (size_t)i, &pv);
        if (st == IKZ_OK)
            st = run_paragraph(&r, r.projekt_template, r.path_projekttext, &pv, &text, missing);
        press_values_free(&pv);
        if (st == IKZ_ERR_DATA)
            log_error("project %s: its paragraph needs {%s}, which has no value", opt->projekt, missing);
        if (st == IKZ_OK && (fputs(text, stdout) == EOF || fflush(stdout) != 0))
            st = IKZ_ERR_IO;
        if (st == IKZ_ERR_CONFIG)
            (void)run_print_findings(&r, false); /* 78 says more than a failed stderr would */
        free(text);
    }
    _run_free(&r);
    delivery_end(&dc);
    return st;
}
