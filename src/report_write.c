/* report_write.c: the writing stage of a run, see run.h: the workbook on
 * this thread while the CSV files and press texts are written on the
 * second, the manifest, and the swap into OUTPUT/YYYY; also what validate
 * writes (every finding, the workbook into a scratch directory). */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "findings_table.h"
#include "log.h"
#include "manifest.h"
#include "testhook.h"
#include "text.h"
#include "values.h"

/* ---------------------------------------------------------------------- */
/* Writing                                                                 */

/* The files one writer wrote, for the manifest. The CSV writer and the
 * workbook writer each keep their own list, joined in a fixed order. */
struct outputs {
    char (*name)[96];
    size_t n, cap;
};

static enum ikz_status _output(struct outputs *o, const char *rel, struct ikz_error *err)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? 2 * o->cap : 32;
        char(*n)[96] = realloc(o->name, cap * sizeof *n);
        if (!n)
            return ikz_fail(err, IKZ_ERR_OSERR, "%s: out of memory", rel);
        o->name = n;
        o->cap = cap;
    }
    snprintf(o->name[o->n++], sizeof o->name[0], "%s", rel);
    return IKZ_OK;
}

/* Creates rel in the publication, lets write fill it (a status), syncs
 * it and notes it for the manifest. */
static enum ikz_status _write_file(struct outputs *o, const struct publication *pub, const char *rel,
                                   enum ikz_status (*write)(FILE *fp, const void *arg), const void *arg,
                                   struct ikz_error *err)
{
    FILE *fp;
    enum ikz_status st = publish_create(pub, rel, &fp, err);
    if (st != IKZ_OK)
        return st;
    enum ikz_status written = write(fp, arg);
    st = publish_finish(pub, rel, fp, err);
    if (st == IKZ_OK && written != IKZ_OK)
        st = ikz_fail(err, written, "cannot write %s/%s", pub->tmp_dir, rel);
    if (st == IKZ_OK)
        st = _output(o, rel, err);
    return st;
}

static enum ikz_status _put_text(FILE *fp, const void *text) { return fputs(text, fp) == EOF ? IKZ_ERR_IO : IKZ_OK; }

struct _csv_job {
    const struct table *table;
    enum csv_dialect dialect;
};

static enum ikz_status _put_csv(FILE *fp, const void *arg)
{
    const struct _csv_job *job = arg;
    return render_csv(job->table, job->dialect, fp);
}

static enum ikz_status _write_csv(struct outputs *o, const struct publication *pub, const char *rel, const struct table *t,
                                  enum csv_dialect dialect, struct ikz_error *err)
{
    struct _csv_job job = {t, dialect};
    return _write_file(o, pub, rel, _put_csv, &job, err);
}

/* Writes the workbook to path (libxlsxwriter's scratch files in tmpdir). */
static enum ikz_status _render_workbook(struct run *r, const struct report_options *opt, const char *path,
                                        const char *tmpdir, struct findings *template_findings, struct ikz_error *err)
{
    const struct xlsx_source sources[] = {
        {"projekte", r->path_projekte, r->ex.file_projekte.rows},
        {"beteiligungen", r->path_beteiligungen, r->ex.file_beteiligungen.rows},
        {"register", r->path_register, r->reg.file.rows},
        {"gebietsaenderungen", r->path_changes, r->changes.file.rows},
    };
    /* The Gebietsstand as the register states it, else as given. */
    char gebietsstand[64];
    if (r->reg.gebietsstand)
        date_format_de(r->reg.gebietsstand, gebietsstand);
    else
        snprintf(gebietsstand, sizeof gebietsstand, "%s", opt->gebietsstand ? opt->gebietsstand : "");
    struct xlsx_input in = {
        .now = &r->fig,
        .before = &r->fig_before,
        .pruefbericht = &r->pruefbericht,
        .findings_not_listed = r->findings.total - r->findings.n,
        .rejected_rows = run_rejected_rows(r),
        .missing_amounts = r->ex.missing_amounts,
        .labels = &r->labels,
        .texts = &r->xlsx_texts,
        .source = sources,
        .n_source = sizeof sources / sizeof sources[0] - (r->path_changes == NULL),
        .register_format = register_format_name(r->reg.format),
        .gebietsstand = *gebietsstand ? gebietsstand : NULL,
        .version = IKZ_VERSION,
    };
    return render_xlsx(path, tmpdir, &in, template_findings, err);
}

static enum ikz_status _write_workbook(struct run *r, const struct report_options *opt, const struct publication *pub,
                                       struct outputs *o, struct findings *template_findings, struct ikz_error *err)
{
    char rel[64];
    snprintf(rel, sizeof rel, "ikz-bericht-%04d.xlsx", date_year(opt->stichtag));
    char *path = publish_path(pub, rel);
    if (!path)
        return IKZ_ERR_OSERR;
    enum ikz_status st = _render_workbook(r, opt, path, pub->tmp_dir, template_findings, err);
    free(path);
    if (st == IKZ_OK)
        st = _output(o, rel, err);
    return st;
}

static enum ikz_status _write_manifest(struct run *r, const struct report_options *opt, struct publication *pub,
                                       const char *const *outputs, size_t n_outputs, struct ikz_error *err)
{
    const struct manifest_input inputs[] = {
        {"register", r->path_register, &r->reg.file},
        {"projekte", r->path_projekte, &r->ex.file_projekte},
        {"beteiligungen", r->path_beteiligungen, &r->ex.file_beteiligungen},
        {"gebietsaenderungen", r->path_changes, &r->changes.file},
    };
    struct manifest_info m = {
        .version = IKZ_VERSION,
        .stichtag = opt->stichtag,
        .ozg_seit = opt->ozg_seit,
        .job_path = opt->job_path,
        .input = inputs,
        .n_input = sizeof inputs / sizeof inputs[0] - (r->path_changes == NULL),
        .gebietsstand = r->reg.gebietsstand,
        .input_dir = opt->input_dir,
        .findings = &r->findings,
        .rejected_rows = run_rejected_rows(r),
        .missing_amounts = r->ex.missing_amounts,
        .presse_kreise = r->reg.n_kreise,
        .presse_projekte = r->n_presse - r->reg.n_kreise,
        .projekte_gefoerdert = (long long)r->agg.projekte_aktiv,
        .beteiligungen = (long long)r->agg.beteiligungen,
    };
    const struct delivery_choice *dc = r->delivery;
    char name[256];
    if (dc && dc->sealed) {
        snprintf(name, sizeof name, "%s", dc->dir);
        for (size_t n = strlen(name); n > 1 && name[n - 1] == '/';)
            name[--n] = '\0';
        m.lieferung_name = dc->chosen ? dc->chosen->name : run_display(name);
        m.lieferung_siegel = dc->seal.sha256;
        if (dc->chosen)
            m.lieferung_datum = dc->chosen->date;
        else if (!date_parse(m.lieferung_name, &m.lieferung_datum) || strlen(m.lieferung_name) != 10)
            m.lieferung_datum = 0;
    }
    return manifest_write(pub, outputs, n_outputs, &m, err);
}

/* The CSV files and the press text: written on the second core while
 * libxlsxwriter, which is single-threaded, writes the workbook. The
 * thread's contract is in the types: it reads const tables, a const press
 * text and the publication's paths, and writes only into its own files,
 * out, st and err. The workbook thread never touches those; both create
 * files in the same directory under different names. */
struct _text_writer {
    const struct table *tables;     /* the figures' tables, TABLE__COUNT of them */
    const struct table *pruefbericht;
    const char *press_text;
    const struct paragraph *presse; /* presse/ */
    size_t n_presse;
    enum csv_dialect dialect;
    const struct publication *pub;  /* shared, read only: publish_create/finish with distinct names */
    struct outputs out;             /* this thread's */
    enum ikz_status st;             /* this thread's */
    struct ikz_error err;           /* this thread's */
};

static void *_write_texts(void *arg)
{
    struct _text_writer *w = arg;
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; st == IKZ_OK && i < TABLE__COUNT; i++) {
        const struct table *t = &w->tables[i];
        char rel[64];
        snprintf(rel, sizeof rel, "csv/%s.csv", t->name);
        if (!t->workbook_only)
            st = _write_csv(&w->out, w->pub, rel, t, w->dialect, &w->err);
    }
    if (st == IKZ_OK)
        st = _write_csv(&w->out, w->pub, "pruefbericht.csv", w->pruefbericht, w->dialect, &w->err);
    if (st == IKZ_OK)
        st = _write_file(&w->out, w->pub, "pressetext.txt", _put_text, w->press_text, &w->err);
    for (size_t i = 0; st == IKZ_OK && i < w->n_presse; i++)
        st = _write_file(&w->out, w->pub, w->presse[i].rel, _put_text, w->presse[i].text, &w->err);
    if (st == IKZ_OK)
        testhook_pause("csv");
    w->st = st;
    return NULL;
}

enum ikz_status run_publish(struct run *r, const struct report_options *opt)
{
    struct publication pub;
    struct ikz_error err = {0};
    enum ikz_status st = publish_begin(opt->output_dir, date_year(opt->stichtag), manifest_is_report, &pub, &err);
    if (st != IKZ_OK) {
        log_error("%s", err.message);
        return st;
    }
    struct _text_writer texts = {.tables = r->fig.table, .pruefbericht = &r->pruefbericht,
                                 .press_text = r->press_text, .presse = r->presse, .n_presse = r->n_presse,
                                 .dialect = opt->dialect, .pub = &pub};
    struct outputs book = {0};
    struct findings book_findings; /* the workbook writer's own, merged after the join */
    findings_init(&book_findings, FINDINGS_KEPT);
    pthread_t thread;
    bool threaded = !testhook_serial() && pthread_create(&thread, NULL, _write_texts, &texts) == 0;
    if (!threaded)
        _write_texts(&texts);
    st = _write_workbook(r, opt, &pub, &book, &book_findings, &err);
    log_debug("workbook written: %.3f s", log_elapsed());
    if (threaded)
        pthread_join(thread, NULL);
    findings_move(&r->findings, &book_findings);
    findings_free(&book_findings);
    log_debug("CSV and press text written");
    if (texts.err.status != IKZ_OK)
        log_error("%s", texts.err.message);
    if (st == IKZ_OK)
        st = texts.st;
    if (st == IKZ_OK) {
        testhook_pause("workbook");
        /* The manifest lists the outputs in one order, whichever finished first. */
        size_t n = 0;
        const char **outputs = malloc((texts.out.n + book.n + 1) * sizeof *outputs);
        if (!outputs)
            st = ikz_fail(&err, IKZ_ERR_OSERR, "out of memory");
        for (size_t i = 0; outputs && i < texts.out.n; i++)
            outputs[n++] = texts.out.name[i];
        for (size_t i = 0; outputs && i < book.n; i++)
            outputs[n++] = book.name[i];
        testhook_pause("manifest");
        if (outputs)
            st = _write_manifest(r, opt, &pub, outputs, n, &err);
        free(outputs);
    }
    free(texts.out.name);
    free(book.name);
    if (st == IKZ_OK) {
        testhook_pause("commit");
        char final_dir[4096];
        snprintf(final_dir, sizeof final_dir, "%s", pub.final_dir);
        st = publish_commit(&pub, &err);
        if (st == IKZ_OK)
            log_info("published %s", final_dir);
        if (st == IKZ_OK && pub.not_durable)
            log_warn("published %s, but %s could not be synced: a crash could bring back the previous report",
                     final_dir, opt->output_dir);
    } else if (pub.tmp_dir) {
        publish_abort(&pub);
    }
    if (err.status != IKZ_OK)
        log_error("%s", err.message);
    return st;
}

/* For a run that publishes nothing: the findings still go to a file
 * beside the reports, OUTPUT/pruefbericht-YYYY.csv, and the log says where. */
void run_write_failed_findings(struct run *r, const struct report_options *opt)
{
    if (r->findings.total == 0 || (r->pruefbericht.ncols == 0 && findings_table(&r->findings, &r->pruefbericht) != IKZ_OK))
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return;
    enum ikz_status rc = render_csv(&r->pruefbericht, opt->dialect, mem);
    fclose(mem);
    char name[64];
    snprintf(name, sizeof name, "pruefbericht-%04d.csv", date_year(opt->stichtag));
    struct ikz_error err = {0};
    if (rc == IKZ_OK && publish_file(opt->output_dir, name, buf, len, &err) == IKZ_OK)
        log_error("nothing published; the findings are in %s/%s", opt->output_dir, name);
    else if (err.status != IKZ_OK)
        log_error("%s", err.message);
    free(buf);
}

/* validate --befunde FILE: every finding as the Prüfbericht's CSV, to FILE
 * or (for "-") to stdout. */
enum ikz_status run_write_all_findings(struct run *r, const struct report_options *opt)
{
    if (r->pruefbericht.ncols == 0 && findings_table(&r->findings, &r->pruefbericht) != IKZ_OK)
        return IKZ_ERR_OSERR;
    bool to_stdout = strcmp(opt->befunde_path, "-") == 0;
    FILE *fp = to_stdout ? stdout : fopen(opt->befunde_path, "w");
    if (!fp) {
        log_error("cannot write %s: %s", opt->befunde_path, strerror(errno));
        return IKZ_ERR_CANTCREAT;
    }
    enum ikz_status st = render_csv(&r->pruefbericht, opt->dialect, fp);
    if (fflush(fp) != 0 || ferror(fp))
        st = IKZ_ERR_IO;
    if (!to_stdout && fclose(fp) != 0)
        st = IKZ_ERR_IO;
    if (st != IKZ_OK)
        log_error("cannot write %s", opt->befunde_path);
    else if (!to_stdout)
        log_info("%zu findings written to %s", r->findings.total, opt->befunde_path);
    return st;
}

