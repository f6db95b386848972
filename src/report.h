/* report.h: one run of the pipeline, read -> check -> aggregate ->
 * statistics -> render -> publish.
 *
 * report_run() is what `ikz-report run` does, report_validate() what
 * `ikz-report validate` does and report_projekttext() what `ikz-report
 * projekttext` does; both return the exit status and never exit
 * themselves. A run either publishes the complete report in OUTPUT/YYYY or
 * changes nothing there. */
#ifndef IKZ_REPORT_H
#define IKZ_REPORT_H

#include <stddef.h>

#include "csvfile.h"
#include "render_csv.h"
#include "status.h"
#include "values.h"

/* Whether the export directory must be a sealed delivery (docs/inputs.md,
 * "Lieferungen"): the job key siegel. */
enum seal_policy {
    SEAL_REQUIRED, /* pflicht: no SHA256SUMS, no report (the drop's default) */
    SEAL_IF_PRESENT /* wenn-vorhanden: checked when there (a plain --input DIR's default) */
};

/* Where the Stichtag came from: a rerun's is given, a nightly run's is
 * the delivery's date or today. */
enum stichtag_source {
    STICHTAG_GIVEN,    /* --year, --stichtag, stichtag = DATE or vorjahr: a rerun */
    STICHTAG_DELIVERY, /* none given, exports from a drop: the delivery's date */
    STICHTAG_TODAY     /* none given (or heute) and a plain directory */
};

struct report_options {
    const char *input_dir;     /* holds projekte.csv, beteiligungen.csv, kommunen.csv; NULL: chosen from drop_dir */
    const char *drop_dir;      /* input = DIR/ * of a job: the newest complete delivery in DIR is the input */
    enum seal_policy seal;
    enum stichtag_source stichtag_source;
    ikz_date today;            /* the day the run started, local time */
    size_t max_alter_tage;     /* run from a drop: exit 66 when the newest delivery is older (0: never) */
    size_t warn_alter_tage;    /* ... and a warning when it is older than this */
    size_t max_rueckgang_prozent; /* nightly run: exit 65 when a count fell by more (0: never) */
    bool rueckgang_erlauben;   /* --rueckgang-erlauben: accept such a fall once */
    size_t aufbewahrung_tage;  /* run from a drop: remove complete deliveries older than this (0: keep all) */
    const char *output_dir;    /* the report goes to OUTPUT/YYYY */
    const char *register_path; /* NULL: INPUT/kommunen.csv */
    const char *templates_dir; /* German texts and the task areas */
    const char *job_path;      /* the job file, for the manifest; NULL: none */
    ikz_date stichtag;
    ikz_date ozg_seit;
    enum csv_dialect dialect;
    const char *gebietsstand;  /* the register's Gebietsstand for the Erläuterungen; NULL: not given */
    size_t max_fehler;         /* rows with a fehler that may be left out (default 0) */
    struct csvfile_limits limits; /* --max-field-bytes, --max-columns */
    const char *land;          /* the report's Land, "06", or "alle"; NULL: [bericht] land of texte.ini */
    bool print_hinweise;       /* run: also print the hinweise on stderr (--verbose) */
    const char *changes_path;  /* territorial changes; NULL: INPUT/gebietsaenderungen.csv if it exists */
    const char *projekttexte;  /* run: project ids (comma or blank separated) whose paragraphs go to presse/ */
    const char *projekt;       /* projekttext: the one project whose paragraph is printed */
    const char *befunde_path;  /* validate: every finding as CSV to this file ("-": stdout) */
};

/* True for a Land key 01..16 or "alle". */
bool report_land_valid(const char *land);

/* The defaults of the delivery keys (docs/operations.md). */
#define REPORT_DEFAULT_MAX_ALTER_TAGE 3
#define REPORT_DEFAULT_WARN_ALTER_TAGE 1
#define REPORT_DEFAULT_MAX_RUECKGANG_PROZENT 10
#define REPORT_DEFAULT_AUFBEWAHRUNG_TAGE 400

/* Default OZG start date: the Online Access Act cooperations from 2021 on. */
#define REPORT_DEFAULT_OZG_SEIT 20210101

/* At most this many findings go to stderr; the rest are counted. */
#define REPORT_FINDINGS_SHOWN 20

enum ikz_status report_run(const struct report_options *opt);

/* Reads and checks the exports, prints the findings, writes nothing.
 * IKZ_OK when there is no fehler, IKZ_ERR_DATA otherwise. */
enum ikz_status report_validate(const struct report_options *opt);

/* Computes like validate and prints the paragraph of project opt->projekt
 * (templates/projekttext.txt) on stdout. IKZ_ERR_DATA, with a message,
 * when the project is not in the exports or not funded at the Stichtag. */
enum ikz_status report_projekttext(const struct report_options *opt);

#endif
