/* main.c: the command line of ikz-report. It parses options into a
 * report_options and returns report_run()'s status as the exit code;
 * everything else lives in the pipeline modules. */
#define _GNU_SOURCE /* getopt_long */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "report.h"

static void _usage(FILE *fp)
{
    fputs("Usage: ikz-report run --input DIR --output DIR [options]\n"
          "       ikz-report --version | --help\n"
          "\n"
          "Computes the IKZ key figures from the funding exports in DIR and\n"
          "publishes them in OUTPUT/YYYY (YYYY: the Stichtag's year).\n"
          "\n"
          "Options of run:\n"
          "  --input DIR            export directory (projekte.csv, beteiligungen.csv, kommunen.csv)\n"
          "  --output DIR           output directory\n"
          "  --year YYYY            Stichtag YYYY-12-31\n"
          "  --stichtag DATE        Stichtag (YYYY-MM-DD or DD.MM.YYYY); default: today\n"
          "  --ozg-seit DATE        OZG cooperations approved from DATE on; default 2021-01-01\n"
          "  --csv-dialect NAME     excel-de (default) or rfc4180\n"
          "  --register FILE        register of Kommunen; default INPUT/kommunen.csv\n"
          "  --templates DIR        German texts and task areas; default " IKZ_TEMPLATES_DIR "\n"
          "  --gebietsstand TEXT    the register's Gebietsstand, for the workbook's Erläuterungen\n"
          "  --quiet, --verbose     fewer or more log lines\n"
          "\n"
          "Exit codes: 0 published, 64 usage, 65 data errors (nothing published),\n"
          "66 input missing, 73 cannot create output, 74 I/O error, 78 template error.\n",
          fp);
}

/* Prints "ikz-report: what: 'value'" and the hint; value may be NULL. */
static int _usage_error(const char *what, const char *value)
{
    if (value)
        fprintf(stderr, "ikz-report: %s: '%s'\nTry 'ikz-report --help'.\n", what, value);
    else
        fprintf(stderr, "ikz-report: %s\nTry 'ikz-report --help'.\n", what);
    return IKZ_ERR_USAGE;
}

static ikz_date _today(void)
{
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    return date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

static int _run(int argc, char **argv)
{
    enum { OPT_INPUT = 256, OPT_OUTPUT, OPT_YEAR, OPT_STICHTAG, OPT_OZG, OPT_DIALECT, OPT_REGISTER,
           OPT_TEMPLATES, OPT_GEBIETSSTAND, OPT_QUIET, OPT_VERBOSE, OPT_HELP };
    static const struct option options[] = {
        {"input", required_argument, NULL, OPT_INPUT},     {"output", required_argument, NULL, OPT_OUTPUT},
        {"year", required_argument, NULL, OPT_YEAR},       {"stichtag", required_argument, NULL, OPT_STICHTAG},
        {"ozg-seit", required_argument, NULL, OPT_OZG},    {"csv-dialect", required_argument, NULL, OPT_DIALECT},
        {"register", required_argument, NULL, OPT_REGISTER},
        {"templates", required_argument, NULL, OPT_TEMPLATES},
        {"gebietsstand", required_argument, NULL, OPT_GEBIETSSTAND},
        {"quiet", no_argument, NULL, OPT_QUIET},           {"verbose", no_argument, NULL, OPT_VERBOSE},
        {"help", no_argument, NULL, OPT_HELP},             {NULL, 0, NULL, 0}};
    struct report_options opt = {.templates_dir = IKZ_TEMPLATES_DIR, .ozg_seit = REPORT_DEFAULT_OZG_SEIT,
                                 .dialect = CSV_DIALECT_EXCEL_DE};
    const char *year = NULL, *stichtag = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", options, NULL)) != -1) {
        switch (c) {
        case OPT_INPUT: opt.input_dir = optarg; break;
        case OPT_OUTPUT: opt.output_dir = optarg; break;
        case OPT_YEAR: year = optarg; break;
        case OPT_STICHTAG: stichtag = optarg; break;
        case OPT_OZG:
            if (!date_parse(optarg, &opt.ozg_seit))
                return _usage_error("--ozg-seit: not a date", optarg);
            break;
        case OPT_DIALECT:
            if (!csv_dialect_parse(optarg, &opt.dialect))
                return _usage_error("--csv-dialect: expected excel-de or rfc4180", optarg);
            break;
        case OPT_REGISTER: opt.register_path = optarg; break;
        case OPT_TEMPLATES: opt.templates_dir = optarg; break;
        case OPT_GEBIETSSTAND: opt.gebietsstand = optarg; break;
        case OPT_QUIET: log_set_level(LOG_LEVEL_WARN); break;
        case OPT_VERBOSE: log_set_level(LOG_LEVEL_DEBUG); break;
        case OPT_HELP: _usage(stdout); return fflush(stdout) == 0 ? 0 : IKZ_ERR_IO;
        default: return _usage_error("unknown option or missing value", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return _usage_error("unexpected argument", argv[optind]);
    if (!opt.input_dir)
        return _usage_error("--input DIR is required", NULL);
    if (!opt.output_dir)
        return _usage_error("--output DIR is required", NULL);
    if (year && stichtag)
        return _usage_error("--year and --stichtag exclude each other", NULL);
    if (year) {
        char *end;
        long y = strtol(year, &end, 10);
        if (*end || end == year || y < 1000 || y > 9999)
            return _usage_error("--year: expected a year such as 2024", year);
        opt.stichtag = date_make((int)y, 12, 31);
    } else if (stichtag) {
        if (!date_parse(stichtag, &opt.stichtag))
            return _usage_error("--stichtag: not a date", stichtag);
    } else {
        opt.stichtag = _today();
    }
    return report_run(&opt);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("ikz-report %s\n", IKZ_VERSION);
        return fflush(stdout) == 0 ? 0 : IKZ_ERR_IO;
    }
    if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
        _usage(stdout);
        return fflush(stdout) == 0 ? 0 : IKZ_ERR_IO;
    }
    if (argc >= 2 && strcmp(argv[1], "run") == 0)
        return _run(argc - 1, argv + 1);
    return argc < 2 ? _usage_error("a command is required", NULL) : _usage_error("unknown command", argv[1]);
}
