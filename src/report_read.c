/* report_read.c: the reading and checking stage of a run, see run.h: the
 * templates, the register and the exports on two threads, the seal, and the
 * judgement of the findings (docs/findings.md). */
#include "run.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "log.h"
#include "register_choice.h"
#include "regular.h"
#include "rekey.h"
#include "testhook.h"
#include "text.h"
#include "values.h"

/* ---------------------------------------------------------------------- */
/* Reading and checking                                                    */

/* How findings name an input: its file name. The published Prüfbericht
 * must not depend on where the exports lie, nor show a server's paths;
 * the log names the input directory once. Borrowed from path. */
/* The English plural's "s" for a count in a log line. */
static const char *_s(size_t n) { return n == 1 ? "" : "s"; }

const char *run_display(const char *path)
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
    bool copied = true;
    while (fp && copied && (c = getc(fp)) != EOF)
        copied = putc(c, mem) != EOF;
    bool failed = !fp || ferror(fp);
    if (fp)
        fclose(fp);
    copied = fclose(mem) == 0 && copied;
    if (!copied) { /* out of memory: never a template cut short */
        free(buf);
        return IKZ_ERR_OSERR;
    }
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
                         "%s", TEXTS_NOT_XML_SAFE);
            free(buf);
            return IKZ_ERR_CONFIG;
        }
        /* A line starting with # is a comment (render_text): no text. */
        blank = blank && (buf[at] == '#' || strspn(buf + at, " \t\r\n") >= end - at);
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
    struct csvfile_options topt = {CSVFILE_DEFAULT_LIMITS, NULL, &err, true}; /* the exports' limits are not the templates' */
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
    rd->st_reg = register_load(r->path_register, run_display(r->path_register), &rd->opt_one, r->land, rd->reg_out, &rd->f_reg);
    rd->st_bet = IKZ_ERR_DATA;
    if (rd->st_reg == IKZ_OK)
        _judge_stand(rd, run_display(r->path_register));
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
        rd->st_bet = exports_read_beteiligungen(r->path_beteiligungen, run_display(r->path_beteiligungen), &rd->opt_one,
                                                rd->reg_out, &rd->raw, &rd->f_bet);
    return NULL;
}

/* Thread two: projekte.csv. */
static void *_read_projects(void *arg)
{
    struct _readers *rd = arg;
    const struct run *r = rd->r;
    rd->st_proj = exports_load_projekte(r->path_projekte, run_display(r->path_projekte), &rd->opt_two, &r->areas, rd->ex_out,
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
        findings_add(&r->findings, FINDING_REGISTER_NACH_STICHTAG, run_display(r->path_register), 0, NULL, NULL,
                     "Gebietsstand %s, Stichtag %s: es gibt kein älteres Verzeichnis", stand, stichtag);
    }
    if (r->path_changes) {
        struct ikz_error err = {0};
        struct csvfile_options copt = {opt->limits, NULL, &err, false};
        enum ikz_status st = gebietsaenderungen_load(r->path_changes, run_display(r->path_changes), &copt, &r->changes, &r->findings);
        if (err.status != IKZ_OK)
            log_error("%s", err.message);
        if (st != IKZ_OK)
            return st;
        log_info("%s: %zu territorial change%s", r->path_changes, r->changes.n, _s(r->changes.n));
    }
    struct _readers rd = {.r = r, .reg_out = &r->reg, .ex_out = &r->ex, .stichtag = opt->stichtag,
                          .named_stand = choice.named_stand, .named_after = choice.after_stichtag};
    if (opt->gebietsstand && !date_parse(opt->gebietsstand, &rd.declared_stand))
        rd.declared_stand = 0;
    rd.opt_one = (struct csvfile_options){opt->limits, _progress, &rd.err_one, false};
    rd.opt_two = (struct csvfile_options){opt->limits, _progress, &rd.err_two, false};
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
        char land[16];
        snprintf(land, sizeof land, "%s%s", r->land ? "Land " : "every Land", r->land ? r->land : "");
        log_info("%s: %zu Kommune%s (%zu Gemeinde%s, %zu Kreis%s) of %s, %s%s", r->path_register, r->reg.n,
                 r->reg.n == 1 ? "" : "n", r->reg.n_gemeinden, r->reg.n_gemeinden == 1 ? "" : "n",
                 r->reg.n_kreis_kommunen, r->reg.n_kreis_kommunen == 1 ? "" : "e", land,
                 r->reg.format == REGISTER_NATIVE ? "the job's own CSV" : register_format_name(r->reg.format),
                 " format");
        log_info("%s: %zu row%s", r->path_projekte, r->ex.file_projekte.rows, _s(r->ex.file_projekte.rows));
        const struct input_file_info *files[] = {&r->reg.file, &r->ex.file_projekte, &rd.raw.file};
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
        st = exports_resolve_beteiligungen(&rd.raw, run_display(r->path_beteiligungen), &r->reg, opt->stichtag, &r->ex,
                                           &r->findings);
        /* The file's findings in the order of its lines. */
        findings_sort_from(&r->findings, bet_start);
        log_info("%s: %zu row%s, %zu distinct participation%s", r->path_beteiligungen, r->ex.file_beteiligungen.rows,
                 _s(r->ex.file_beteiligungen.rows), r->ex.n_beteiligungen, _s(r->ex.n_beteiligungen));
    }
    exports_raw_free(&rd.raw);
    findings_free(&rd.f_reg);
    findings_free(&rd.f_proj);
    findings_free(&rd.f_bet);
    if (st == IKZ_OK)
        check_projects(&r->ex, opt->stichtag, run_display(r->path_projekte), &r->findings);
    return st;
}

size_t run_rejected_rows(const struct run *r)
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
    size_t rejected = run_rejected_rows(r);
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
    const struct input_file_info *info[4];
};

/* True if name is a file of the delivery that the job read whole. */
static bool _read_by_job(const char *name, void *ctx)
{
    const struct _read_files *rf = ctx;
    for (size_t i = 0; i < 4; i++) {
        if (!rf->path[i] || !rf->info[i]->sha256[0] || strcmp(run_display(rf->path[i]), name) != 0)
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
        if (rf.path[i] && _read_by_job(run_display(rf.path[i]), &rf))
            ok = seal_matches(&dc->seal, run_display(rf.path[i]), rf.info[i]->sha256, &why);
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

enum ikz_status run_read_and_check(struct run *r, const struct report_options *opt)
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
enum ikz_status run_print_findings(const struct run *r, bool with_hinweise)
{
    if (r->findings.total == 0)
        return IKZ_OK;
    enum ikz_status st = findings_print(&r->findings, stderr, REPORT_FINDINGS_SHOWN, with_hinweise);
    size_t notices = r->findings.total - r->findings.errors;
    log_info("%zu finding%s: %zu error%s (fehler), %zu notice%s (hinweise)", r->findings.total, _s(r->findings.total),
             r->findings.errors, _s(r->findings.errors), notices, _s(notices));
    return st;
}

