/* report_compute.c: the computing stage of a run, see run.h: the figures
 * at the Stichtag and one year earlier (on two cores), the fall guard
 * against the last report, and the press texts. */
#include "run.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "findings_table.h"
#include "log.h"
#include "manifest.h"
#include "render_text.h"
#include "testhook.h"
#include "values.h"

/* One year's figures: the counts and sums at stichtag, then the tables.
 * The two years read the same exports and write only their own output, so
 * the year before is computed on the second core (the exports, register
 * and labels are not changed after reading; compute/ keeps no state). */
struct _year {
    const struct run *r;
    ikz_date stichtag, ozg_seit;
    bool key_figures_only;
    struct aggregate *agg;
    struct figures *fig;
    enum ikz_status st;
};

static void *_compute_year(void *arg)
{
    struct _year *y = arg;
    const struct run *r = y->r;
    y->st = aggregate_compute(&r->reg, &r->areas, &r->ex, y->stichtag, y->ozg_seit, y->agg);
    if (y->st == IKZ_OK) {
        struct figures_input in = {&r->reg, &r->areas, &r->ex, y->agg, &r->labels, y->key_figures_only};
        y->st = figures_build(&in, y->fig);
    }
    return NULL;
}

/* The nightly run's guard against a delivery that shrank: against the
 * newest report already published with an earlier Stichtag, neither
 * funded projects nor participations may fall by more than
 * max-rueckgang-prozent (docs/operations.md). */
static enum ikz_status _check_fall(struct run *r, const struct report_options *opt)
{
    struct published_report *pub = NULL;
    size_t n = 0;
    struct ikz_error err = {0};
    if (manifest_published(opt->output_dir, &pub, &n, &err) != IKZ_OK) {
        log_warn("%s; not compared with the last report", err.message);
        return IKZ_OK;
    }
    const struct published_report *last = NULL;
    for (size_t k = 0; k < n; k++)
        if (pub[k].stichtag < opt->stichtag && (!last || pub[k].stichtag > last->stichtag))
            last = &pub[k];
    enum ikz_status st = IKZ_OK;
    if (last) {
        snprintf(r->fall_display, sizeof r->fall_display, "%s/manifest.json", last->year);
        char day[11];
        date_format_de(last->stichtag, day);
        const struct {
            const char *key;
            long long before, now;
        } counts[] = {{"projekte_gefoerdert", last->projekte_gefoerdert, (long long)r->agg.projekte_aktiv},
                      {"beteiligungen", last->beteiligungen, (long long)r->agg.beteiligungen}};
        for (size_t i = 0; i < 2; i++) {
            long long before = counts[i].before, now = counts[i].now;
            if (before < 0) {
                log_info("%s/%s names no %s; not compared", opt->output_dir, r->fall_display, counts[i].key);
                continue;
            }
            if ((before - now) * 100 <= (long long)opt->max_rueckgang_prozent * before)
                continue;
            if (opt->rueckgang_erlauben) {
                log_warn("%s fell from %lld (report of %s) to %lld; accepted (--rueckgang-erlauben)", counts[i].key,
                         before, day, now);
                continue;
            }
            char value[32];
            snprintf(value, sizeof value, "%lld", now);
            findings_add(&r->findings, FINDING_LIEFERUNG_RUECKGANG, r->fall_display, 0, counts[i].key, value,
                         "%lld im Bericht zum %s, jetzt %lld; erlaubt sind %zu Prozent weniger "
                         "(max_rueckgang_prozent); --rueckgang-erlauben nimmt den Rückgang einmal an",
                         before, day, now, opt->max_rueckgang_prozent);
            log_error("%s fell from %lld in %s/%s (Stichtag %s) to %lld, by more than %zu %%; nothing published",
                      counts[i].key, before, opt->output_dir, r->fall_display, day, now, opt->max_rueckgang_prozent);
            st = IKZ_ERR_DATA;
        }
    }
    free(pub);
    return st;
}

/* The figures at the Stichtag and one year earlier, and the press text:
 * everything that can still fail before anything is written. */
enum ikz_status run_compute(struct run *r, const struct report_options *opt)
{
    struct _year now = {r, opt->stichtag, opt->ozg_seit, false, &r->agg, &r->fig, IKZ_OK};
    struct _year before = {r, date_minus_year(opt->stichtag), opt->ozg_seit, true, &r->agg_before, &r->fig_before,
                           IKZ_OK};
    pthread_t thread;
    bool threaded = !testhook_serial() && pthread_create(&thread, NULL, _compute_year, &before) == 0;
    _compute_year(&now);
    if (threaded)
        pthread_join(thread, NULL);
    else
        _compute_year(&before);
    /* Whichever finished first, the Stichtag's failure is the one told. */
    enum ikz_status st = now.st != IKZ_OK ? now.st : before.st;
    if (st == IKZ_OK && r->fall_guard && opt->max_rueckgang_prozent)
        st = _check_fall(r, opt);
    if (st == IKZ_OK) /* before the Prüfbericht is made: it lists these hinweise */
        check_cell_lengths(r->fig.table, TABLE__COUNT, &r->findings);
    if (st == IKZ_OK) { /* the values every press paragraph has, once for the run */
        bool aktuell = opt->stichtag_source != STICHTAG_GIVEN || opt->stichtag == opt->today;
        render_text_common(r->land, aktuell, &r->common);
        st = run_paragraphs(r, opt);
    }
    if (st == IKZ_OK)
        st = findings_table(&r->findings, &r->pruefbericht);
    /* Every text of the workbook, judged before anything is written; a
     * finding here stops the run (78), so the Prüfbericht made just before
     * is never published without it. */
    if (st == IKZ_OK)
        st = xlsx_texts_resolve(&r->texts, &r->fig, &r->fig_before, &r->pruefbericht, &r->xlsx_texts, &r->findings);
    if (st == IKZ_OK) {
        char missing[RENDER_MISSING_MAX];
        st = run_paragraph(r, r->press_template, r->path_press, NULL, &r->press_text, missing);
        if (st == IKZ_ERR_DATA)
            st = run_paragraph_lacks(r, r->path_press, missing, "Land");
    }
    return st;
}

