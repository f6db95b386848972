/* main.c: the command line of ikz-report. It turns options and job files
 * into report_options and returns the pipeline's status as the exit code;
 * everything else lives in the pipeline modules. */
#define _GNU_SOURCE /* getopt_long */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stddef.h>
#include <signal.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvfile.h"
#include "deliver.h"
#include "job.h"
#include "log.h"
#include "manifest.h"
#include "owner.h"
#include "report.h"

static const char _usage_main[] =
    "Usage: ikz-report run [--job FILE] [options]      compute and publish the report\n"
    "       ikz-report validate [--job FILE] [options] check the exports, write nothing\n"
    "       ikz-report projekttext --projekt ID [options]  print one project's paragraph\n"
    "       ikz-report verify OUTPUT/YYYY              check a published report\n"
    "       ikz-report einliefern --eingang DIR --von SRC [--datum DATE] [--ersetzen]\n"
    "                                                  deliver an export into the drop, sealed\n"
    "       ikz-report --version | -h | --help | help [COMMAND] | COMMAND --help\n"
    "\n"
    "Exit codes: 0 done, 64 usage, 65 data errors (nothing published) or a changed\n"
    "report (verify), 66 input missing, 73 cannot create output, 74 I/O error,\n"
    "75 another run holds the output directory, 77 root on another user's output\n"
    "directory (run it as that user), 78 template or job file error.\n"
    "See ikz-report(1).\n";

static const char _usage_run[] =
    "Usage: ikz-report run [--job FILE] [options]\n"
    "       ikz-report validate [--job FILE] [options]\n"
    "       ikz-report projekttext --projekt ID [--job FILE] [options]\n"
    "\n"
    "run computes the IKZ key figures from the exports and publishes the report in\n"
    "OUTPUT/YYYY (YYYY: the Stichtag's year); validate only reads and checks them;\n"
    "projekttext prints the press paragraph of one project funded at the Stichtag.\n"
    "Options override the job file's keys of the same name.\n"
    "\n"
    "  --job FILE             job file (INI, section [job]; see ikz-report(1))\n"
    "  --input DIR            export directory (projekte.csv, beteiligungen.csv, the register);\n"
    "                         'DIR/*' (quoted): a drop, its newest complete delivery is read;\n"
    "                         overrides the job's input\n"
    "  --output DIR           output directory (run)\n"
    "  --year YYYY            Stichtag YYYY-12-31\n"
    "  --stichtag DATE        Stichtag (YYYY-MM-DD or DD.MM.YYYY); default: the delivery's date\n"
    "                         for a drop, else today\n"
    "  --ozg-seit DATE        OZG cooperations approved from DATE on; default 2021-01-01\n"
    "  --csv-dialect NAME     excel-de (default) or rfc4180\n"
    "  --register FILE|DIR    register of Kommunen (GV100AD, GV-ISys CSV or kommunen.csv), or a\n"
    "                         directory of GV100AD_DDMMYY.txt (the newest up to the Stichtag);\n"
    "                         default: the input directory, searched the same way\n"
    "  --templates DIR        German texts and task areas; default " IKZ_TEMPLATES_DIR "\n"
    "  --gebietsstand TEXT    the register's Gebietsstand, for the Erläuterungen\n"
    "  --land NN              the report's Land (two digits, 06 Hessen) or alle; default: templates\n"
    "  --gebietsaenderungen FILE  territorial changes; default INPUT/gebietsaenderungen.csv if there\n"
    "  --max-fehler N         publish with up to N rows or amounts left out for errors; default 0\n"
    "  --siegel MODE          pflicht: only a delivery sealed by its SHA256SUMS (the default\n"
    "                         for a job's drop DIR/*); wenn-vorhanden: checked when there\n"
    "  --max-alter-tage N     run from a drop: exit 66 when the newest delivery is older; default 3\n"
    "  --warn-alter-tage N    run from a drop: a warning when it is older; default 1\n"
    "  --max-rueckgang-prozent N  nightly run: exit 65 when projects or participations fell by\n"
    "                         more than N percent against the last report; default 10, 0: off\n"
    "  --rueckgang-erlauben   run: accept such a fall this once\n"
    "  --aufbewahrung-tage N  run from a drop: remove complete deliveries older; default 400, 0: keep\n"
    "  --projekttexte IDS     run: also write presse/projekt-ID.txt for these projects\n"
    "  --projekt ID           projekttext: the project\n"
    "  --befunde FILE         validate: write every finding as CSV to FILE (- for stdout)\n"
    "  --log-file FILE        also append the log lines to FILE\n"
    "  --max-field-bytes N    longest field read; default 1048576\n"
    "  --max-columns N        most fields in a record; default 1000\n"
    "  --quiet, --verbose     fewer or more log lines\n"
    "  -h, --help             this text\n";

/* Where an option's value came from: the command line (a usage error,
 * 64) or the job file (a configuration error with file and line, 78). */
struct _source {
    const char *const *cli;
    const struct job *job;
    const char *job_path;
};

/* Prints "ikz-report: what: 'value'" and the hint; value may be NULL. */
static int _usage_error(const char *what, const char *value)
{
    if (value)
        fprintf(stderr, "ikz-report: %s: '%s'\nTry 'ikz-report --help'.\n", what, value);
    else
        fprintf(stderr, "ikz-report: %s\nTry 'ikz-report --help'.\n", what);
    return IKZ_ERR_USAGE;
}

static int _print(const char *text)
{
    fputs(text, stdout);
    return fflush(stdout) == 0 ? 0 : IKZ_ERR_IO;
}

static ikz_date _today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* A bad value of key k: from the command line a usage error, from the job
 * file "FILE:LINE: key: what 'value'" and 78. */
static int _value_error(const struct _source *src, enum job_key k, const char *what, const char *value)
{
    if (src->cli[k] || !src->job_path)
        return _usage_error(what, value);
    const char *msg = strncmp(what, "--", 2) == 0 && strchr(what, ' ') ? strchr(what, ' ') + 1 : what;
    fprintf(stderr, "ikz-report: %s:%ld: %s: %s '%s'\n", src->job_path, src->job->line[k], job_key_name(k), msg,
            value);
    return IKZ_ERR_CONFIG;
}

/* A required key that neither the command line nor the job file gives:
 * without a job file a usage error (64); with one, the job file lacks it
 * (78, like any other fault of the file). */
static int _missing(const char *job_path, const char *key, const char *usage)
{
    if (!job_path)
        return _usage_error(usage, NULL);
    fprintf(stderr, "ikz-report: %s: %s: missing; the job file must name it (or give --%s on the command line)\n",
            job_path, key, key);
    return IKZ_ERR_CONFIG;
}

/* The Stichtag from --year, --stichtag or the job file's stichtag, and
 * where it came from. None given: the delivery's date for a drop (known
 * only once it is chosen), else today. */
static int _stichtag(const char *year, const struct _source *src, bool drop, ikz_date today, ikz_date *out,
                     enum stichtag_source *source)
{
    const char *stichtag = src->cli[JOB_STICHTAG];
    *source = STICHTAG_GIVEN;
    if (year && stichtag)
        return _usage_error("--year and --stichtag exclude each other", NULL);
    if (year) {
        char *end;
        long y = strtol(year, &end, 10);
        if (*end || end == year || y < 1000 || y > 9999)
            return _usage_error("--year: expected a year such as 2024", year);
        *out = date_make((int)y, 12, 31);
        return 0;
    }
    const char *s = stichtag ? stichtag : src->job->value[JOB_STICHTAG];
    if (!s && drop) {
        *source = STICHTAG_DELIVERY;
        *out = today; /* until the delivery is chosen */
    } else if (!s || strcmp(s, "heute") == 0) {
        *source = STICHTAG_TODAY;
        *out = today;
    } else if (strcmp(s, "vorjahr") == 0) {
        *out = date_make(date_year(today) - 1, 12, 31);
    } else if (!date_parse(s, out)) {
        return _value_error(src, JOB_STICHTAG, "--stichtag: not a date", s);
    }
    return 0;
}

/* A whole number >= min in *out; false if s is none. */
static bool _count(const char *s, long min, size_t *out)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (*end || end == s || n < min || errno)
        return false;
    *out = (size_t)n;
    return true;
}

/* Prints argv as a shell would need it typed: words of plain characters
 * as they are, anything else in single quotes. */
static void _print_command(FILE *out, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        bool plain = *a && strspn(a, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./=:@%+,-") == strlen(a);
        if (plain) {
            fprintf(out, " %s", a);
            continue;
        }
        fputs(" '", out);
        for (; *a; a++)
            if (*a == '\'')
                fputs("'\\''", out);
            else
                fputc(*a, out);
        fputc('\'', out);
    }
}

/* Root on another user's output directory (owner.h): 77 and the command
 * to type instead, this very command line run as that user. */
static int _refuse_root(const char *output_dir, int argc, char **argv)
{
    char owner[256];
    struct ikz_error err = {0};
    if (owner_check(output_dir, owner, sizeof owner, &err) == IKZ_OK)
        return 0;
    fprintf(stderr, "ikz-report: %s\nikz-report: run it as %s: runuser -u %s -- ikz-report", err.message, owner, owner);
    _print_command(stderr, argc, argv);
    fputc('\n', stderr);
    return err.status;
}

enum mode { MODE_RUN, MODE_VALIDATE, MODE_PROJEKTTEXT };

/* run, validate and projekttext share their options. */
static int _run(int argc, char **argv, enum mode mode)
{
    bool validate = mode != MODE_RUN;
    enum { OPT_JOB = 256, OPT_YEAR, OPT_QUIET, OPT_VERBOSE, OPT_HELP, OPT_PROJEKT, OPT_BEFUNDE, OPT_RUECKGANG };
    static const struct option options[] = {
        {"job", required_argument, NULL, OPT_JOB},
        {"input", required_argument, NULL, JOB_INPUT},
        {"output", required_argument, NULL, JOB_OUTPUT},
        {"register", required_argument, NULL, JOB_REGISTER},
        {"year", required_argument, NULL, OPT_YEAR},
        {"stichtag", required_argument, NULL, JOB_STICHTAG},
        {"ozg-seit", required_argument, NULL, JOB_OZG_SEIT},
        {"csv-dialect", required_argument, NULL, JOB_CSV_DIALECT},
        {"templates", required_argument, NULL, JOB_TEMPLATES},
        {"max-fehler", required_argument, NULL, JOB_MAX_FEHLER},
        {"log-file", required_argument, NULL, JOB_LOG_FILE},
        {"gebietsstand", required_argument, NULL, JOB_GEBIETSSTAND},
        {"max-field-bytes", required_argument, NULL, JOB_MAX_FIELD_BYTES},
        {"max-columns", required_argument, NULL, JOB_MAX_COLUMNS},
        {"land", required_argument, NULL, JOB_LAND},
        {"gebietsaenderungen", required_argument, NULL, JOB_GEBIETSAENDERUNGEN},
        {"projekttexte", required_argument, NULL, JOB_PROJEKTTEXTE},
        {"siegel", required_argument, NULL, JOB_SIEGEL},
        {"max-alter-tage", required_argument, NULL, JOB_MAX_ALTER_TAGE},
        {"warn-alter-tage", required_argument, NULL, JOB_WARN_ALTER_TAGE},
        {"max-rueckgang-prozent", required_argument, NULL, JOB_MAX_RUECKGANG_PROZENT},
        {"aufbewahrung-tage", required_argument, NULL, JOB_AUFBEWAHRUNG_TAGE},
        {"rueckgang-erlauben", no_argument, NULL, OPT_RUECKGANG},
        {"projekt", required_argument, NULL, OPT_PROJEKT},
        {"befunde", required_argument, NULL, OPT_BEFUNDE},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"help", no_argument, NULL, OPT_HELP},
        {NULL, 0, NULL, 0}};
    const char *cli[JOB__COUNT] = {0};
    const char *job_path = NULL, *year = NULL, *projekt = NULL, *befunde = NULL;
    bool quiet = false, verbose = false, rueckgang_erlauben = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c >= 0 && c < JOB__COUNT)
            cli[c] = optarg;
        else if (c == OPT_JOB)
            job_path = optarg;
        else if (c == OPT_YEAR)
            year = optarg;
        else if (c == OPT_PROJEKT && mode == MODE_PROJEKTTEXT)
            projekt = optarg;
        else if (c == OPT_BEFUNDE && mode == MODE_VALIDATE)
            befunde = optarg;
        else if (c == OPT_RUECKGANG)
            rueckgang_erlauben = true;
        else if (c == OPT_QUIET)
            log_set_level(LOG_LEVEL_WARN), quiet = true;
        else if (c == OPT_VERBOSE)
            log_set_level(LOG_LEVEL_DEBUG), verbose = true;
        else if (c == OPT_HELP || c == 'h')
            return _print(_usage_run);
        else
            return _usage_error("unknown option or missing value", argv[optind - 1]);
    }
    if (quiet && verbose) /* whichever came last would win, silently */
        return _usage_error("--quiet and --verbose exclude each other", NULL);
    if (optind < argc) {
        /* --input DIR/ * unquoted: the shell made the deliveries arguments. */
        const char *in = cli[JOB_INPUT], *slash = in ? strrchr(in, '/') : NULL;
        if (slash && strncmp(argv[optind], in, (size_t)(slash - in + 1)) == 0)
            return _usage_error("unexpected argument (a drop is --input 'DIR/*', quoted so that the shell does "
                                "not expand it)",
                                argv[optind]);
        return _usage_error("unexpected argument", argv[optind]);
    }

    struct job job = {0};
    if (job_path) {
        struct ikz_error err = {0};
        enum ikz_status st = job_load(job_path, &job, &err);
        if (st != IKZ_OK) {
            fprintf(stderr, "ikz-report: %s\n", err.message);
            return st;
        }
    }
    const char *v[JOB__COUNT];
    for (int k = 0; k < JOB__COUNT; k++)
        v[k] = cli[k] ? cli[k] : job.value[k];

    /* A drop DIR/ * from --input, as from the job's input; --input wins. */
    char *cli_drop = NULL;
    if (cli[JOB_INPUT]) {
        struct ikz_error err = {0};
        enum ikz_status st = job_drop(cli[JOB_INPUT], "--input", &cli_drop, &err);
        if (st != IKZ_OK) {
            fprintf(stderr, "ikz-report: %s\n", err.message);
            job_free(&job);
            return st;
        }
        if (cli_drop)
            v[JOB_INPUT] = cli_drop;
    }
    bool drop = cli[JOB_INPUT] ? cli_drop != NULL : job.input_is_drop;
    int rc = 0;
    struct report_options opt = {
        .input_dir = drop ? NULL : v[JOB_INPUT],
        .drop_dir = drop ? v[JOB_INPUT] : NULL,
        .seal = drop ? SEAL_REQUIRED : SEAL_IF_PRESENT,
        .today = _today(),
        .max_alter_tage = REPORT_DEFAULT_MAX_ALTER_TAGE,
        .warn_alter_tage = REPORT_DEFAULT_WARN_ALTER_TAGE,
        .max_rueckgang_prozent = REPORT_DEFAULT_MAX_RUECKGANG_PROZENT,
        .rueckgang_erlauben = rueckgang_erlauben,
        .aufbewahrung_tage = REPORT_DEFAULT_AUFBEWAHRUNG_TAGE,
        .output_dir = v[JOB_OUTPUT],
        .register_path = v[JOB_REGISTER],
        .templates_dir = v[JOB_TEMPLATES] ? v[JOB_TEMPLATES] : IKZ_TEMPLATES_DIR, /* the package's: /etc/ikz-report/templates */
        .job_path = job_path,
        .ozg_seit = REPORT_DEFAULT_OZG_SEIT,
        .dialect = CSV_DIALECT_EXCEL_DE,
        .gebietsstand = v[JOB_GEBIETSSTAND],
        .land = v[JOB_LAND],
        .changes_path = v[JOB_GEBIETSAENDERUNGEN],
        .projekttexte = v[JOB_PROJEKTTEXTE],
        .projekt = projekt,
        .befunde_path = befunde,
        .print_hinweise = verbose,
    };
    const struct _source src = {cli, &job, job_path};
    if (v[JOB_OZG_SEIT] && !date_parse(v[JOB_OZG_SEIT], &opt.ozg_seit))
        rc = _value_error(&src, JOB_OZG_SEIT, "--ozg-seit: not a date", v[JOB_OZG_SEIT]);
    else if (v[JOB_CSV_DIALECT] && !csv_dialect_parse(v[JOB_CSV_DIALECT], &opt.dialect))
        rc = _value_error(&src, JOB_CSV_DIALECT, "--csv-dialect: expected excel-de or rfc4180", v[JOB_CSV_DIALECT]);
    else if (!opt.input_dir && !opt.drop_dir)
        rc = _missing(job_path, "input", "--input DIR is required (or a job file with input)");
    else if (mode == MODE_PROJEKTTEXT && (!projekt || !*projekt))
        rc = _usage_error("projekttext needs --projekt ID", NULL);
    else if (!validate && !opt.output_dir)
        rc = _missing(job_path, "output", "--output DIR is required (or a job file with output)");
    else
        rc = _stichtag(year, &src, drop, opt.today, &opt.stichtag, &opt.stichtag_source);
    if (rc == 0 && v[JOB_SIEGEL]) {
        if (strcmp(v[JOB_SIEGEL], "pflicht") == 0)
            opt.seal = SEAL_REQUIRED;
        else if (strcmp(v[JOB_SIEGEL], "wenn-vorhanden") == 0)
            opt.seal = SEAL_IF_PRESENT;
        else
            rc = _value_error(&src, JOB_SIEGEL, "--siegel: expected pflicht or wenn-vorhanden", v[JOB_SIEGEL]);
    }
    /* The delivery keys: whole numbers of days or percent, 0 switches off. */
    static const struct {
        enum job_key key;
        size_t offset;
        const char *what;
    } days[] = {
        {JOB_MAX_ALTER_TAGE, offsetof(struct report_options, max_alter_tage), "--max-alter-tage: expected a whole number from 0"},
        {JOB_WARN_ALTER_TAGE, offsetof(struct report_options, warn_alter_tage), "--warn-alter-tage: expected a whole number from 0"},
        {JOB_MAX_RUECKGANG_PROZENT, offsetof(struct report_options, max_rueckgang_prozent),
         "--max-rueckgang-prozent: expected a whole number from 0 to 100"},
        {JOB_AUFBEWAHRUNG_TAGE, offsetof(struct report_options, aufbewahrung_tage), "--aufbewahrung-tage: expected a whole number from 0"},
    };
    for (size_t i = 0; rc == 0 && i < sizeof days / sizeof days[0]; i++) {
        size_t *field = (size_t *)((char *)&opt + days[i].offset);
        const char *val = v[days[i].key];
        if (val && (!_count(val, 0, field) || (days[i].key == JOB_MAX_RUECKGANG_PROZENT && *field > 100)))
            rc = _value_error(&src, days[i].key, days[i].what, val);
    }
    if (rc == 0 && v[JOB_LAND] && !report_land_valid(v[JOB_LAND]))
        rc = _value_error(&src, JOB_LAND, "--land: expected a Land key 01 to 16, or alle", v[JOB_LAND]);
    if (rc == 0 && v[JOB_MAX_FEHLER] && !_count(v[JOB_MAX_FEHLER], 0, &opt.max_fehler))
        rc = _value_error(&src, JOB_MAX_FEHLER, "--max-fehler: expected a whole number from 0", v[JOB_MAX_FEHLER]);
    opt.limits = CSVFILE_DEFAULT_LIMITS;
    if (rc == 0 && v[JOB_MAX_FIELD_BYTES] && !_count(v[JOB_MAX_FIELD_BYTES], 1, &opt.limits.max_field_bytes))
        rc = _value_error(&src, JOB_MAX_FIELD_BYTES, "--max-field-bytes: expected a whole number from 1",
                          v[JOB_MAX_FIELD_BYTES]);
    if (rc == 0 && v[JOB_MAX_COLUMNS] && !_count(v[JOB_MAX_COLUMNS], 1, &opt.limits.max_columns))
        rc = _value_error(&src, JOB_MAX_COLUMNS, "--max-columns: expected a whole number from 1", v[JOB_MAX_COLUMNS]);
    /* Root on another user's output is refused before anything is
     * written, the log file included. */
    if (rc == 0 && mode == MODE_RUN)
        rc = _refuse_root(opt.output_dir, argc, argv);
    /* A log file that cannot be opened must not cost the report: warn and
     * go on with stderr, which cron mails anyway. */
    if (rc == 0 && v[JOB_LOG_FILE] && log_open_file(v[JOB_LOG_FILE]) != IKZ_OK)
        log_warn("cannot open log file %s: %s; logging to stderr only", v[JOB_LOG_FILE], strerror(errno));
    if (rc == 0)
        rc = mode == MODE_RUN ? report_run(&opt) : mode == MODE_VALIDATE ? report_validate(&opt) : report_projekttext(&opt);
    if (rc != 0 && rc != IKZ_ERR_USAGE && rc != IKZ_ERR_NOPERM)
        log_error("exit %d: %s", rc, ikz_strerror((enum ikz_status)rc));
    job_free(&job);
    free(cli_drop);
    return rc;
}

static int _verify(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--help") == 0)
        return _print("Usage: ikz-report verify OUTPUT/YYYY\n"
                      "Recomputes the SHA-256 of every file of a published report, compares them\n"
                      "with its manifest.json, and names the exports the report was made from.\n"
                      "Exit 0 intact, 65 changed, missing or added files, 66 no manifest.\n");
    if (argc != 2)
        return _usage_error("verify needs one report directory, e.g. OUTPUT/2024", NULL);
    struct ikz_error err = {0};
    enum ikz_status st = manifest_verify(argv[1], stdout, &err);
    if (err.status != IKZ_OK)
        log_error("%s", err.message);
    return st;
}

static const char _usage_einliefern[] =
    "Usage: ikz-report einliefern --eingang DIR --von SRC [--datum YYYY-MM-DD] [--ersetzen]\n"
    "       ikz-report einliefern --job FILE --von SRC [...]\n"
    "\n"
    "Delivers the export in SRC into the drop DIR as DIR/YYYY-MM-DD, all at once: copies\n"
    "every file of SRC (not subdirectories, dotfiles or SRC's own SHA256SUMS) into a\n"
    "hidden directory in DIR, syncs them, seals them with SHA256SUMS (sha256sum -c\n"
    "accepts it), and renames the directory. Files are made 0640, the directory 0750.\n"
    "\n"
    "  --eingang DIR        the drop (the package's: /var/lib/ikz-report/eingang)\n"
    "  --job FILE           the drop is DIR of the job file's input = DIR/*\n"
    "  --von SRC            the export: projekte.csv, beteiligungen.csv and what else it has\n"
    "  --datum YYYY-MM-DD   the delivery's name; default: today\n"
    "  --ersetzen           replace a delivery of that date (in one step)\n"
    "  --quiet              no line on success\n"
    "  -h, --help           this text\n"
    "\n"
    "Exit 0 delivered, 64 usage, 65 a file name with a newline or backslash, 66 SRC\n"
    "missing, unreadable or without projekte.csv or beteiligungen.csv, 73 the drop\n"
    "cannot be written to or DIR/DATE exists (without --ersetzen), 74 I/O error.\n";

/* einliefern: the thin command line of deliver.h. */
static int _einliefern(int argc, char **argv)
{
    enum { OPT_EINGANG = 256, OPT_VON, OPT_DATUM, OPT_ERSETZEN, OPT_JOB, OPT_QUIET, OPT_HELP };
    static const struct option options[] = {
        {"eingang", required_argument, NULL, OPT_EINGANG}, {"von", required_argument, NULL, OPT_VON},
        {"datum", required_argument, NULL, OPT_DATUM},     {"ersetzen", no_argument, NULL, OPT_ERSETZEN},
        {"job", required_argument, NULL, OPT_JOB},         {"quiet", no_argument, NULL, OPT_QUIET},
        {"help", no_argument, NULL, OPT_HELP},             {NULL, 0, NULL, 0}};
    const char *drop = NULL, *source = NULL, *datum = NULL, *job_path = NULL;
    bool replace = false;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        if (c == OPT_EINGANG)
            drop = optarg;
        else if (c == OPT_VON)
            source = optarg;
        else if (c == OPT_DATUM)
            datum = optarg;
        else if (c == OPT_ERSETZEN)
            replace = true;
        else if (c == OPT_JOB)
            job_path = optarg;
        else if (c == OPT_QUIET)
            log_set_level(LOG_LEVEL_WARN);
        else if (c == OPT_HELP || c == 'h')
            return _print(_usage_einliefern);
        else
            return _usage_error("unknown option or missing value", argv[optind - 1]);
    }
    if (optind < argc)
        return _usage_error("unexpected argument", argv[optind]);
    if (!source)
        return _usage_error("einliefern needs --von SRC", NULL);
    if (!drop && !job_path)
        return _usage_error("einliefern needs --eingang DIR (or --job FILE)", NULL);
    /* Only the form the job reads: DD.MM.YYYY would make a name it skips. */
    ikz_date date;
    if (datum && (strlen(datum) != 10 || datum[4] != '-' || !date_parse(datum, &date)))
        return _usage_error("--datum: expected a date YYYY-MM-DD", datum);
    char name[11];
    date_format_iso(datum ? date : _today(), name);

    struct job job = {0};
    if (!drop) { /* the drop of the job file's input = DIR/ * */
        struct ikz_error jerr = {0};
        enum ikz_status st = job_load(job_path, &job, &jerr);
        if (st != IKZ_OK) {
            fprintf(stderr, "ikz-report: %s\n", jerr.message);
            return st;
        }
        if (!job.input_is_drop) {
            fprintf(stderr, "ikz-report: %s:%ld: input: not a drop (DIR/*): '%s'\n", job_path,
                    job.line[JOB_INPUT], job.value[JOB_INPUT] ? job.value[JOB_INPUT] : "");
            job_free(&job);
            return IKZ_ERR_CONFIG;
        }
        drop = job.value[JOB_INPUT];
    }
    struct deliver_options opt = {.drop_dir = drop, .source_dir = source, .date = name, .replace = replace};
    struct deliver_result res;
    struct ikz_error err = {0};
    enum ikz_status st = deliver_export(&opt, &res, &err);
    if (st != IKZ_OK) {
        fprintf(stderr, "ikz-report: %s\n", err.message);
    } else {
        if (res.skipped)
            log_info("%s: %zu entries not delivered (subdirectories, dotfiles, %s)", source, res.skipped,
                     DELIVER_SEAL);
        log_info("delivered %zu files (%lld bytes) from %s as %s/%s, sealed with %s%s", res.files, res.bytes,
                 source, drop, name, DELIVER_SEAL, res.replaced ? "; the previous delivery is replaced" : "");
        if (res.warning.status != IKZ_OK)
            log_warn("%s", res.warning.message);
    }
    job_free(&job);
    return st;
}

int main(int argc, char **argv)
{
    /* Past a file-size limit a write should fail (exit 74, nothing
     * published), not kill the process. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("ikz-report %s\n", IKZ_VERSION);
        return fflush(stdout) == 0 ? 0 : IKZ_ERR_IO;
    }
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
        return _print(_usage_main);
    if (argc >= 2 && strcmp(argv[1], "help") == 0) { /* help, or help COMMAND */
        if (argc == 2)
            return _print(_usage_main);
        if (strcmp(argv[2], "run") == 0 || strcmp(argv[2], "validate") == 0 || strcmp(argv[2], "projekttext") == 0)
            return _print(_usage_run);
        if (strcmp(argv[2], "verify") == 0)
            return _verify(2, (char *[]){argv[0], "--help", NULL});
        if (strcmp(argv[2], "einliefern") == 0)
            return _print(_usage_einliefern);
        return _usage_error("unknown command", argv[2]);
    }
    if (argc >= 2 && strcmp(argv[1], "run") == 0)
        return _run(argc - 1, argv + 1, MODE_RUN);
    if (argc >= 2 && strcmp(argv[1], "validate") == 0)
        return _run(argc - 1, argv + 1, MODE_VALIDATE);
    if (argc >= 2 && strcmp(argv[1], "projekttext") == 0)
        return _run(argc - 1, argv + 1, MODE_PROJEKTTEXT);
    if (argc >= 2 && strcmp(argv[1], "verify") == 0)
        return _verify(argc - 1, argv + 1);
    if (argc >= 2 && strcmp(argv[1], "einliefern") == 0)
        return _einliefern(argc - 1, argv + 1);
    return argc < 2 ? _usage_error("a command is required", NULL) : _usage_error("unknown command", argv[1]);
}
