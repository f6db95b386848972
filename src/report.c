/* report.c: the pipeline of one run, see report.h.
 *
 * Order matters for the promises of docs/operations.md: the lock first (a
 * second run touches nothing), then everything that can fail for data or
 * template reasons (reading, checking, computing, the press text) before a
 * single file is written, then the report in a temporary directory, its
 * manifest, and only then the one-step swap into OUTPUT/YYYY. */
#include "report.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aggregate.h"
#include "check.h"
#include "exports.h"
#include "figures.h"
#include "findings.h"
#include "findings_table.h"
#include "labels.h"
#include "log.h"
#include "manifest.h"
#include "press_values.h"
#include "publish.h"
#include "register.h"
#include "register_choice.h"
#include "regular.h"
#include "rekey.h"
#include "report_delivery.h"
#include "render_text.h"
#include "render_xlsx.h"
#include "stats.h"
#include "taskareas.h"
#include "testhook.h"
#include "text.h"
#include "texts.h"

/* How many findings are kept in memory; the rest are only counted. */
#define FINDINGS_KEPT 100000

/* Everything one run holds, so that one function can free it. */
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
};

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
/* Reading and checking                                                    */

/* How findings name an input: its file name. The published Prüfbericht
 * must not depend on where the exports lie, nor show a server's paths;
 * the log names the input directory once. Borrowed from path. */
static const char *_display(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Reads a whole (small) template file into a malloc'd string. */
static enum ikz_status _read_template(const char *path, char **out, struct findings *findings)
{
    const char *why = NULL;
    FILE *fp = regular_fopen(path, &why);
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
    /* A press text goes to people as UTF-8: a template saved as Latin-1
     * would publish mixed encodings, an empty one an empty text. A BOM, as
     * Windows editors write it, is no part of the text. */
    size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    memmove(buf, buf + skip, len - skip + 1);
    len -= skip;
    long lineno = 1;
    bool blank = true;
    for (size_t at = 0; at < len;) {
        size_t end = at;
        while (end < len && buf[end] != '\n')
            end++;
        if (!text_xml_safe(buf + at, end - at)) {
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, path, lineno, NULL, NULL,
                         "kein gültiges UTF-8 oder ein Steuerzeichen, U+FFFE oder U+FFFF (die Datei muss UTF-8 sein)");
            free(buf);
            return IKZ_ERR_CONFIG;
        }
        blank = blank && strspn(buf + at, " \t\r\n") >= end - at;
        at = end + 1;
        lineno++;
    }
    if (blank) {
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, path, 0, NULL, NULL, "die Vorlage ist leer");
        free(buf);
        return IKZ_ERR_CONFIG;
    }
    *out = buf;
    return IKZ_OK;
}

bool report_land_valid(const char *land)
{
    if (strcmp(land, "alle") == 0)
        return true;
    return strlen(land) == 2 && land[0] >= '0' && land[0] <= '1' && land[1] >= '0' && land[1] <= '9' &&
           strcmp(land, "00") != 0 && strcmp(land, "16") <= 0;
}

/* The report's Land: --land or the job's, else the templates' [bericht]
 * land (the ministry's own Land). */
static enum ikz_status _choose_land(struct run *r, const struct report_options *opt)
{
    const char *land = opt->land ? opt->land : texts_get(&r->texts, "bericht", "land");
    if (!land || !report_land_valid(land)) {
        findings_add(&r->findings, FINDING_VORLAGE_FEHLERHAFT, r->path_texts, 0, NULL, land,
                     "[bericht] land muss ein Landesschlüssel 01 bis 16 oder alle sein");
        return IKZ_ERR_CONFIG;
    }
    r->land = strcmp(land, "alle") == 0 ? NULL : land;
    return IKZ_OK;
}

static enum ikz_status _load_templates(struct run *r, const struct report_options *opt)
{
    /* A list that cannot be opened (missing, a FIFO, a device, a
     * directory) is named in the log, as an export would be. */
    struct ikz_error err = {0};
    struct csvfile_options topt = {CSVFILE_DEFAULT_LIMITS, NULL, &err}; /* the exports' limits are not the templates' */
    enum ikz_status st = taskareas_load(r->path_areas, r->path_areas, &topt, &r->areas, &r->findings);
    if (st == IKZ_OK)
        st = labels_load(r->path_labels, r->path_labels, &topt, &r->labels, &r->findings);
    if (err.status != IKZ_OK)
        log_error("%s", err.message);
    if (st == IKZ_OK)
        st = figures_check_labels(&r->labels, r->path_labels, &r->findings);
    if (st == IKZ_OK)
        st = texts_load(r->path_texts, r->path_texts, &r->texts, &r->findings);
    if (st == IKZ_OK)
        st = _read_template(r->path_press, &r->press_template, &r->findings);
    if (st == IKZ_OK)
        st = _read_template(r->path_kreistext, &r->kreis_template, &r->findings);
    if (st == IKZ_OK)
        st = _read_template(r->path_projekttext, &r->projekt_template, &r->findings);
    if (st == IKZ_OK)
        st = _choose_land(r, opt);
    return st;
}

static void _progress(const char *display, size_t rows) { log_progress("%s: %zu rows read", display, rows); }

/* What the two reading threads produce. Each has its own findings, error
 * and reading options, merged afterwards in a fixed order, so the output
 * does not depend on timing. A thread reads the run's paths and templates
 * (const) and writes only its own members: thread one reg_out, raw,
 * f_reg, f_bet, err_one; thread two ex_out, f_proj, err_two. */
struct _readers {
    const struct run *r;
    struct kommune_register *reg_out; /* thread one */
    struct exports *ex_out;           /* thread two */
    struct findings f_reg, f_proj, f_bet;
    struct beteiligungen_raw raw;
    enum ikz_status st_reg, st_proj, st_bet;
    struct ikz_error err_one, err_two;
    struct csvfile_options opt_one, opt_two;
    ikz_date stichtag; /* the changes apply at the register's Gebietsstand, else at the Stichtag */
    ikz_date declared_stand; /* --gebietsstand, if it is a date */
    ikz_date named_stand;    /* the Gebietsstand a GV100AD_DDMMYY name gives, or 0 */
    bool named_after;        /* the archive had none older: already a hinweis */
};

/* A GV100AD's records carry its Gebietsstand: it must be the one its name
 * gives (a file renamed or mislabelled would put the wrong map under the
 * right name: a fehler), and one after the Stichtag is said (a hinweis:
 * recomputing a past year on a later map is legitimate, but never silent). */
static void _judge_stand(struct _readers *rd, const char *display)
{
    ikz_date own = rd->reg_out->gebietsstand;
    char own_de[11], other[11];
    if (!own)
        return;
    date_format_de(own, own_de);
    if (rd->named_stand && own != rd->named_stand) {
        char digits[9];
        snprintf(digits, sizeof digits, "%08d", (int)own);
        date_format_de(rd->named_stand, other);
        findings_add(&rd->f_reg, FINDING_REGISTER_GEBIETSSTAND, display, 0, "gebietsstand (Stellen 3-10)", digits,
                     "der Dateiname nennt den %s, die Sätze den %s", other, own_de);
        rd->st_reg = IKZ_ERR_DATA;
    } else if (own > rd->stichtag && !rd->named_after) {
        date_format_de(rd->stichtag, other);
        findings_add(&rd->f_reg, FINDING_REGISTER_NACH_STICHTAG, display, 0, NULL, NULL,
                     "Gebietsstand %s, Stichtag %s: dieses Verzeichnis wurde angegeben", own_de, other);
    }
}

/* Thread one: the register, then beteiligungen.csv (which needs the
 * register to check an AGS, but not the projects: those are resolved
 * after both threads are done). */
static void *_read_register_and_participations(void *arg)
{
    struct _readers *rd = arg;
    const struct run *r = rd->r;
    rd->st_reg = register_load(r->path_register, _display(r->path_register), &rd->opt_one, r->land, rd->reg_out, &rd->f_reg);
    rd->st_bet = IKZ_ERR_DATA;
    if (rd->st_reg == IKZ_OK)
        _judge_stand(rd, _display(r->path_register));
    if (rd->st_reg == IKZ_OK) {
        /* A register without its own Gebietsstand takes one given as a
         * date (--gebietsstand); the changes then apply at it, or at the
         * Stichtag when none is known. */
        if (!rd->reg_out->gebietsstand)
            rd->reg_out->gebietsstand = rd->declared_stand;
        ikz_date at = rd->reg_out->gebietsstand ? rd->reg_out->gebietsstand : rd->stichtag;
        rd->st_reg = rekey_attach(rd->reg_out, &r->changes, at, &rd->f_reg);
    }
    if (rd->st_reg == IKZ_OK)
        rd->st_bet = exports_read_beteiligungen(r->path_beteiligungen, _display(r->path_beteiligungen), &rd->opt_one,
                                                rd->reg_out, &rd->raw, &rd->f_bet);
    return NULL;
}

/* Thread two: projekte.csv. */
static void *_read_projects(void *arg)
{
    struct _readers *rd = arg;
    const struct run *r = rd->r;
    rd->st_proj = exports_load_projekte(r->path_projekte, _display(r->path_projekte), &rd->opt_two, &r->areas, rd->ex_out,
                                        &rd->f_proj);
    return NULL;
}

/* Reads the three exports, the two large ones at the same time on two
 * cores, and checks them. Stops at a file that is missing; reads on past
 * data errors so one run reports all it can. */
static enum ikz_status _load_exports(struct run *r, const struct report_options *opt)
{
    /* The register of the Stichtag's year from a file or an archive. */
    struct register_choice choice;
    struct ikz_error cerr = {0};
    enum ikz_status cst = register_choose(opt->register_path ? opt->register_path : opt->input_dir, opt->stichtag,
                                          &choice, &cerr);
    if (cst != IKZ_OK) {
        log_error("%s", cerr.message);
        return cst;
    }
    r->path_register = choice.path; /* owned by the run from here */
    if (choice.candidates > 1) {
        char day[11];
        date_format_iso(choice.named_stand, day);
        log_info("register %s (Gebietsstand %s) chosen from %zu", r->path_register, day, choice.candidates);
    }
    if (choice.after_stichtag) {
        char stand[11], stichtag[11];
        date_format_de(choice.named_stand, stand);
        date_format_de(opt->stichtag, stichtag);
        findings_add(&r->findings, FINDING_REGISTER_NACH_STICHTAG, _display(r->path_register), 0, NULL, NULL,
                     "Gebietsstand %s, Stichtag %s: es gibt kein älteres Verzeichnis", stand, stichtag);
    }
    if (r->path_changes) {
        struct ikz_error err = {0};
        struct csvfile_options copt = {opt->limits, NULL, &err};
        enum ikz_status st = gebietsaenderungen_load(r->path_changes, _display(r->path_changes), &copt, &r->changes, &r->findings);
        if (err.status != IKZ_OK)
            log_error("%s", err.message);
        if (st != IKZ_OK)
            return st;
        log_info("%s: %zu territorial changes", r->path_changes, r->changes.n);
    }
    struct _readers rd = {.r = r, .reg_out = &r->reg, .ex_out = &r->ex, .stichtag = opt->stichtag,
                          .named_stand = choice.named_stand, .named_after = choice.after_stichtag};
    if (opt->gebietsstand && !date_parse(opt->gebietsstand, &rd.declared_stand))
        rd.declared_stand = 0;
    rd.opt_one = (struct csvfile_options){opt->limits, _progress, &rd.err_one};
    rd.opt_two = (struct csvfile_options){opt->limits, _progress, &rd.err_two};
    findings_init(&rd.f_reg, FINDINGS_KEPT);
    findings_init(&rd.f_proj, FINDINGS_KEPT);
    findings_init(&rd.f_bet, FINDINGS_KEPT);
    pthread_t thread;
    bool threaded = !testhook_serial() && pthread_create(&thread, NULL, _read_register_and_participations, &rd) == 0;
    if (!threaded)
        _read_register_and_participations(&rd);
    _read_projects(&rd);
    if (threaded)
        pthread_join(thread, NULL);

    if (rd.err_one.status != IKZ_OK)
        log_error("%s", rd.err_one.message);
    if (rd.err_two.status != IKZ_OK)
        log_error("%s", rd.err_two.message);
    r->register_errors = rd.f_reg.errors;
    findings_move(&r->findings, &rd.f_reg);
    findings_move(&r->findings, &rd.f_proj);
    size_t bet_start = r->findings.n;
    findings_move(&r->findings, &rd.f_bet);
    enum ikz_status st = IKZ_OK;
    if (rd.st_reg != IKZ_OK && rd.st_reg != IKZ_ERR_DATA)
        st = rd.st_reg;
    else if (rd.st_proj != IKZ_OK && rd.st_proj != IKZ_ERR_DATA)
        st = rd.st_proj;
    if (st == IKZ_OK) {
        log_info("%s: %zu Kommunen (%zu Gemeinden, %zu Kreise) of Land %s, %s format", r->path_register, r->reg.n,
                 r->reg.n_gemeinden, r->reg.n_kreis_kommunen, r->land ? r->land : "alle",
                 register_format_name(r->reg.format));
        log_info("%s: %zu rows", r->path_projekte, r->ex.file_projekte.rows);
        const struct csvfile_info *files[] = {&r->reg.file, &r->ex.file_projekte, &rd.raw.file};
        const char *paths[] = {r->path_register, r->path_projekte, r->path_beteiligungen};
        for (size_t i = 0; i < 3; i++)
            if (files[i]->encoding == TEXT_CP1252) /* GV100AD's older files are ISO-8859-1 */
                log_info("%s: not valid UTF-8, read as %s", paths[i],
                         i == 0 && r->reg.format == REGISTER_GV100AD ? "ISO-8859-1" : "Windows-1252");
        if (rd.st_reg != IKZ_OK) {
            /* Against a register with errors every participation would be
             * suspect; fix the register first. */
            log_warn("%s not read: the register has errors", r->path_beteiligungen);
            st = IKZ_ERR_DATA;
        } else if (rd.st_bet != IKZ_OK && rd.st_bet != IKZ_ERR_DATA) {
            st = rd.st_bet;
        }
    }
    if (st == IKZ_OK) {
        st = exports_resolve_beteiligungen(&rd.raw, _display(r->path_beteiligungen), &r->reg, opt->stichtag, &r->ex,
                                           &r->findings);
        /* The file's findings in the order of its lines. */
        findings_sort_from(&r->findings, bet_start);
        log_info("%s: %zu rows, %zu distinct participations", r->path_beteiligungen, r->ex.file_beteiligungen.rows,
                 r->ex.n_beteiligungen);
    }
    exports_raw_free(&rd.raw);
    findings_free(&rd.f_reg);
    findings_free(&rd.f_proj);
    findings_free(&rd.f_bet);
    if (st == IKZ_OK)
        check_projects(&r->ex, opt->stichtag, _display(r->path_projekte), &r->findings);
    return st;
}

static size_t _rejected_rows(const struct run *r)
{
    return r->ex.file_projekte.rejected + r->ex.rejected_projekte + r->ex.file_beteiligungen.rejected +
           r->ex.rejected_beteiligungen;
}

/* The policy of docs/findings.md: findings that make a whole file unusable
 * (and any in the register) always stop the run; rows with a fehler may be
 * left out up to max_fehler. */
static enum ikz_status _judge(const struct run *r, size_t max_fehler)
{
    const struct findings *f = &r->findings;
    size_t fatal = r->register_errors + f->by_code[FINDING_DATEI_LEER] + f->by_code[FINDING_SPALTE_FEHLT] +
                   f->by_code[FINDING_CSV_SYNTAX] + f->by_code[FINDING_DATEI_KODIERUNG] +
                   f->by_code[FINDING_SPALTE_DOPPELT] + f->by_code[FINDING_LIEFERUNG_UNVOLLSTAENDIG];
    size_t rejected = _rejected_rows(r);
    if (f->errors == 0)
        return IKZ_OK;
    if (fatal > 0) {
        log_error("the exports have errors that make a file unusable; nothing published");
        return IKZ_ERR_DATA;
    }
    /* An amount with an error leaves only itself out (docs/findings.md),
     * but it is an error all the same and counts against the limit. */
    size_t amounts = r->ex.missing_amounts;
    if (rejected + amounts > max_fehler) {
        log_error("%zu rows and %zu amounts have errors, %zu allowed (--max-fehler); nothing published", rejected,
                  amounts, max_fehler);
        return IKZ_ERR_DATA;
    }
    log_warn("%zu rows and %zu amounts with errors are left out (--max-fehler %zu); see the Prüfbericht", rejected,
             amounts, max_fehler);
    return IKZ_OK;
}

/* The files of the delivery the job read, whose hashes come from that read. */
struct _read_files {
    const char *dir;
    const char *path[4];
    const struct csvfile_info *info[4];
};

/* True if name is a file of the delivery that the job read whole. */
static bool _read_by_job(const char *name, void *ctx)
{
    const struct _read_files *rf = ctx;
    for (size_t i = 0; i < 4; i++) {
        if (!rf->path[i] || !rf->info[i]->sha256[0] || strcmp(_display(rf->path[i]), name) != 0)
            continue;
        char *in_dir = text_path_join(rf->dir, name);
        bool same = in_dir && strcmp(in_dir, rf->path[i]) == 0;
        free(in_dir);
        if (same)
            return true;
    }
    return false;
}

/* Compares the delivery with its seal, the files the job read by the
 * hashes of that read (a file still being copied while it was read shows
 * here), the rest hashed now. A mismatch is a fehler that stops the run;
 * from a drop, report_run then tries the delivery before. */
static enum ikz_status _verify_seal(struct run *r)
{
    const struct delivery_choice *dc = r->delivery;
    if (!dc || (!dc->sealed && !dc->seal_unreadable))
        return IKZ_OK;
    struct delivery_problem why = dc->problem;
    bool ok = !dc->seal_unreadable;
    if (ok && !dc->chosen) /* a plain directory: its listing is not checked yet */
        ok = seal_check_listing(&dc->seal, dc->dir, &why) == IKZ_OK;
    struct _read_files rf = {dc->dir,
                             {r->path_register, r->path_projekte, r->path_beteiligungen, r->path_changes},
                             {&r->reg.file, &r->ex.file_projekte, &r->ex.file_beteiligungen, &r->changes.file}};
    for (size_t i = 0; ok && i < 4; i++)
        if (rf.path[i] && _read_by_job(_display(rf.path[i]), &rf))
            ok = seal_matches(&dc->seal, _display(rf.path[i]), rf.info[i]->sha256, &why);
    if (ok) {
        enum ikz_status st = seal_check_hashes(&dc->seal, dc->dir, _read_by_job, &rf, &why);
        if (st == IKZ_ERR_OSERR)
            return st;
        ok = st == IKZ_OK;
    }
    if (ok)
        return IKZ_OK;
    r->seal_broken = true;
    r->seal_problem = why;
    /* The rows' findings describe a file that is not the one sealed: only
     * the seal's finding stands. */
    findings_free(&r->findings);
    findings_init(&r->findings, FINDINGS_KEPT);
    r->register_errors = 0;
    findings_add(&r->findings, FINDING_LIEFERUNG_UNVOLLSTAENDIG, r->seal_problem.file, why.line, NULL, NULL, "%s",
                 why.text);
    return IKZ_ERR_DATA;
}

static enum ikz_status _read_and_check(struct run *r, const struct report_options *opt)
{
    char day[11];
    date_format_iso(opt->stichtag, day);
    log_info("report at Stichtag %s from %s", day, opt->input_dir);
    enum ikz_status st = _load_templates(r, opt);
    if (st == IKZ_OK)
        st = _load_exports(r, opt);
    /* Before any judgement of the rows: a file cut short by a copy still
     * under way shows as broken rows, but its cause is the delivery. */
    if (st == IKZ_OK || st == IKZ_ERR_DATA) {
        enum ikz_status sealed = _verify_seal(r);
        if (sealed != IKZ_OK && !(r->seal_broken && r->delivery->chosen))
            log_error("%s does not match its %s; nothing published", opt->input_dir, SEAL_NAME);
        if (sealed != IKZ_OK)
            return sealed; /* the rows' findings are the seal's consequence */
    }
    if (st == IKZ_OK || st == IKZ_ERR_DATA) {
        enum ikz_status judged = _judge(r, opt->max_fehler);
        if (st == IKZ_OK)
            st = judged;
    }
    return st;
}

/* The findings on stderr: the fehler always, the hinweise when asked
 * (validate, --verbose). A nightly run's hinweise are in the Prüfbericht;
 * printing them would make cron mail every night. */
static void _print_findings(const struct run *r, bool with_hinweise)
{
    if (r->findings.total == 0)
        return;
    findings_print(&r->findings, stderr, REPORT_FINDINGS_SHOWN, with_hinweise);
    log_info("%zu findings: %zu errors (fehler), %zu notices (hinweise)", r->findings.total, r->findings.errors,
             r->findings.total - r->findings.errors);
}

/* ---------------------------------------------------------------------- */
/* Computing                                                               */

/* Renders one press paragraph from tpl with a project's or a Kreis's
 * values (pv, or NULL for the Land's) beside the key figures and the
 * Land's words. Running text never prints "k. A.": a placeholder the
 * paragraph prints without a value is IKZ_ERR_DATA and named in missing
 * (RENDER_MISSING_MAX bytes). */
static enum ikz_status _paragraph(struct run *r, const struct report_options *opt, const char *tpl, const char *path,
                                  const struct press_values *pv, char **out, char *missing)
{
    struct text_common common;
    bool aktuell = opt->stichtag_source != STICHTAG_GIVEN || opt->stichtag == opt->today;
    render_text_common(r->land, aktuell, &common);
    struct text_values values = {.now = &r->fig,
                                 .before = &r->fig_before,
                                 .extra = pv ? pv->v : NULL,
                                 .n_extra = pv ? pv->n : 0,
                                 .common = common.v,
                                 .n_common = TEXT_COMMON_VALUES,
                                 .strict = true,
                                 .missing = missing};
    missing[0] = '\0';
    return render_text(tpl, path, 1, &values, out, &r->findings);
}

/* A Land or Kreis paragraph that prints a value it does not have: the
 * template lacks the form for that case (docs/workbook.md), a template
 * error. */
static enum ikz_status _paragraph_lacks(struct run *r, const char *path, const char *missing, const char *whose)
{
    findings_add(&r->findings, FINDING_VORLAGE_FEHLERHAFT, _display(path), 0, NULL, missing,
                 "%s: kein Wert für {%s}; die Vorlage braucht für diesen Fall eine Form {…?…|…|…}", whose, missing);
    return IKZ_ERR_CONFIG;
}

static enum ikz_status _add_paragraph(struct run *r, const char *rel, char *text)
{
    struct paragraph *p = realloc(r->presse, (r->n_presse + 1) * sizeof *p);
    if (!p) {
        free(text);
        return IKZ_ERR_OSERR;
    }
    r->presse = p;
    snprintf(p[r->n_presse].rel, sizeof p->rel, "%s", rel);
    p[r->n_presse++].text = text;
    return IKZ_OK;
}

/* A project id as part of a file name: letters, digits, '-', '_' and '.'
 * stay, anything else becomes '_'. */
static void _file_id(const char *id, char *out, size_t outsz)
{
    size_t o = 0;
    for (; *id && o + 1 < outsz; id++, o++) {
        bool keep = isalnum((unsigned char)*id) || *id == '-' || *id == '_' || (*id == '.' && o > 0);
        out[o] = keep ? *id : '_';
    }
    out[o] = '\0';
}

/* The regional editions, one per Kreis and kreisfreie Stadt, and the
 * paragraphs of the projects the job asks for. A project that is not
 * funded at the Stichtag (a rerun for an earlier year) gets no paragraph
 * and a hinweis, not a failed night. */
static enum ikz_status _paragraphs(struct run *r, const struct report_options *opt)
{
    struct figures_input in = {&r->reg, &r->areas, &r->ex, &r->agg, &r->labels, false};
    enum ikz_status st = IKZ_OK;
    for (size_t k = 0; st == IKZ_OK && k < r->reg.n_kreise; k++) {
        struct press_values pv;
        char *text = NULL, rel[96];
        char missing[RENDER_MISSING_MAX];
        st = press_values_kreis(&in, k, &pv);
        if (st == IKZ_OK)
            st = _paragraph(r, opt, r->kreis_template, r->path_kreistext, &pv, &text, missing);
        if (st == IKZ_ERR_DATA)
            st = _paragraph_lacks(r, r->path_kreistext, missing, r->reg.kreis[k].key);
        press_values_free(&pv);
        snprintf(rel, sizeof rel, "presse/kreis-%s.txt", r->reg.kreis[k].key);
        if (st == IKZ_OK)
            st = _add_paragraph(r, rel, text);
    }
    const char *list = opt->projekttexte ? opt->projekttexte : "";
    while (st == IKZ_OK && *list) {
        size_t skip = strspn(list, ", \t"), len = strcspn(list + skip, ", \t");
        char id[256];
        snprintf(id, sizeof id, "%.*s", (int)(len < sizeof id ? len : sizeof id - 1), list + skip);
        list += skip + len;
        if (!*id)
            continue;
        long i = press_find_projekt(&r->ex, id);
        if (i < 0 || !aggregate_is_active(&r->ex.projekt[i], opt->stichtag) || !aggregate_in_report(&r->ex.projekt[i])) {
            findings_add(&r->findings, FINDING_PROJEKTTEXT_OHNE_PROJEKT, opt->job_path ? _display(opt->job_path) : "Kommandozeile",
                         0, "projekttexte", id, NULL);
            continue;
        }
        struct press_values pv;
        char *text = NULL, rel[96], safe[64], missing[RENDER_MISSING_MAX];
        st = press_values_projekt(&in, (size_t)i, &pv);
        if (st == IKZ_OK)
            st = _paragraph(r, opt, r->projekt_template, r->path_projekttext, &pv, &text, missing);
        press_values_free(&pv);
        if (st == IKZ_ERR_DATA) { /* the project lacks what its paragraph says: no paragraph, a hinweis */
            findings_add(&r->findings, FINDING_PROJEKTTEXT_UNVOLLSTAENDIG,
                         opt->job_path ? _display(opt->job_path) : "Kommandozeile", 0, "projekttexte", id,
                         "kein Wert für {%s}", missing);
            st = IKZ_OK;
            continue;
        }
        _file_id(id, safe, sizeof safe);
        snprintf(rel, sizeof rel, "presse/projekt-%s.txt", safe);
        for (size_t j = 0; st == IKZ_OK && j < r->n_presse; j++)
            if (strcmp(r->presse[j].rel, rel) == 0) { /* asked twice, or two ids that look alike */
                free(text);
                text = NULL;
            }
        if (st == IKZ_OK && text)
            st = _add_paragraph(r, rel, text);
    }
    return st;
}

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
static enum ikz_status _compute(struct run *r, const struct report_options *opt)
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
    if (st == IKZ_OK)
        st = _paragraphs(r, opt);
    if (st == IKZ_OK)
        st = xlsx_texts_resolve(&r->texts, &r->fig, &r->fig_before, &r->xlsx_texts, &r->findings);
    if (st == IKZ_OK)
        st = findings_table(&r->findings, &r->pruefbericht);
    if (st == IKZ_OK) {
        char missing[RENDER_MISSING_MAX];
        st = _paragraph(r, opt, r->press_template, r->path_press, NULL, &r->press_text, missing);
        if (st == IKZ_ERR_DATA)
            st = _paragraph_lacks(r, r->path_press, missing, "Land");
    }
    return st;
}

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
static enum ikz_status _write_file(struct outputs *o, struct publication *pub, const char *rel,
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

static enum ikz_status _write_csv(struct outputs *o, struct publication *pub, const char *rel, const struct table *t,
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
        .rejected_rows = _rejected_rows(r),
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

static enum ikz_status _write_workbook(struct run *r, const struct report_options *opt, struct publication *pub,
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
        .rejected_rows = _rejected_rows(r),
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
        m.lieferung_name = dc->chosen ? dc->chosen->name : _display(name);
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
    struct publication *pub;        /* shared: only publish_create/finish with distinct names */
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

static enum ikz_status _publish(struct run *r, const struct report_options *opt)
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
static void _write_failed_findings(struct run *r, const struct report_options *opt)
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
        st = _read_and_check(r, o);
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
        st = _compute(&r, &o);
    log_debug("computed: %.3f s", log_elapsed());
    if (st == IKZ_OK)
        st = _publish(&r, &o);
    log_debug("published: %.3f s", log_elapsed());
    _print_findings(&r, o.print_hinweise);
    char name[64];
    snprintf(name, sizeof name, "pruefbericht-%04d.csv", date_year(o.stichtag));
    if (st == IKZ_ERR_DATA)
        _write_failed_findings(&r, &o);
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

/* validate --befunde FILE: every finding as the Prüfbericht's CSV, to FILE
 * or (for "-") to stdout. */
static enum ikz_status _write_all_findings(struct run *r, const struct report_options *opt)
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
        st = _compute(r, o);
    return st;
}

/* The workbook's texts (sheet names, headings, chart titles) are looked
 * up while it is written. So that validate finds every template error run
 * would, it writes the workbook into a private directory of its own under
 * TMPDIR (else /tmp) and removes it: nothing of it is left or published. */
static enum ikz_status _dry_workbook(struct run *r, const struct report_options *opt)
{
    const char *base = getenv("TMPDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/ikz-validate-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(dir)) {
        log_error("cannot create a scratch directory in %s to check the workbook: %s", base && *base ? base : "/tmp",
                  strerror(errno));
        return IKZ_ERR_CANTCREAT;
    }
    char *path = text_path_join(dir, "ikz-bericht.xlsx");
    struct ikz_error err = {0};
    enum ikz_status st = path ? _render_workbook(r, opt, path, dir, &r->findings, &err) : IKZ_ERR_OSERR;
    if (path)
        unlink(path);
    free(path);
    rmdir(dir);
    if (err.status != IKZ_OK && st != IKZ_ERR_CONFIG)
        log_error("checking the workbook: %s", err.message);
    return st;
}

enum ikz_status report_validate(const struct report_options *opt_in)
{
    struct run r;
    struct delivery_choice dc;
    struct report_options o;
    const struct report_options *opt = &o;
    enum ikz_status st = _read_and_compute(&r, &dc, opt_in, &o);
    if (st == IKZ_OK)
        st = _dry_workbook(&r, opt);
    _print_findings(&r, true);
    if (opt->befunde_path) { /* every finding, not only the first REPORT_FINDINGS_SHOWN */
        enum ikz_status written = _write_all_findings(&r, opt);
        if (written != IKZ_OK && (st == IKZ_OK || st == IKZ_ERR_DATA))
            st = written;
    }
    if (st == IKZ_OK)
        printf("%s: %zu Kommunen, %zu projects, %zu participations; %zu findings (%zu errors)\n", opt->input_dir,
               r.reg.n, r.ex.n_projekte, r.ex.n_beteiligungen, r.findings.total, r.findings.errors);
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
    _print_findings(&r, opt->print_hinweise);
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
            st = _paragraph(&r, opt, r.projekt_template, r.path_projekttext, &pv, &text, missing);
        press_values_free(&pv);
        if (st == IKZ_ERR_DATA)
            log_error("project %s: its paragraph needs {%s}, which has no value", opt->projekt, missing);
        if (st == IKZ_OK && (fputs(text, stdout) == EOF || fflush(stdout) != 0))
            st = IKZ_ERR_IO;
        if (st == IKZ_ERR_CONFIG)
            _print_findings(&r, false);
        free(text);
    }
    _run_free(&r);
    delivery_end(&dc);
    return st;
}
