/* manifest.h: the audit trail of a published report, OUTPUT/YYYY/manifest.json.
 *
 * It names the program version, the Stichtag, the OZG start date, the job
 * file, every input file (name, size, rows, SHA-256) and every output file
 * (name, size, SHA-256), and counts the findings, so that anyone can later
 * prove which exports a published number came from. It holds no wall-clock
 * time: the same exports give the same manifest. cJSON stays in manifest.c. */
#ifndef IKZ_MANIFEST_H
#define IKZ_MANIFEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "findings.h"
#include "input_file.h"
#include "publish.h"
#include "status.h"
#include "values.h"

struct manifest_input {
    const char *role; /* register, projekte, beteiligungen */
    const char *path; /* as given; the manifest keeps the file name */
    const struct input_file_info *info;
};

struct manifest_info {
    const char *version;
    ikz_date stichtag, ozg_seit;
    const char *job_path; /* NULL: no job file */
    ikz_date gebietsstand; /* the register's; 0: not known */
    const char *input_dir;  /* the export directory; its last component is recorded */
    const struct manifest_input *input;
    size_t n_input;
    const struct findings *findings;
    size_t rejected_rows;
    size_t missing_amounts;
    size_t presse_kreise, presse_projekte; /* paragraphs in presse/: per Kreis, per project */
    /* The delivery the exports came from (docs/inputs.md): its directory's
     * name, its date and the SHA-256 of its SHA256SUMS; name NULL: the
     * exports were not a sealed delivery. */
    const char *lieferung_name;
    ikz_date lieferung_datum;
    const char *lieferung_siegel;
    /* The two counts the next night's fall guard compares with. */
    long long projekte_gefoerdert, beteiligungen;
};

/* What a published report says of itself, for the nightly run's guards:
 * read from OUTPUT/YYYY/manifest.json. */
struct published_report {
    char year[5];             /* the directory's name */
    ikz_date stichtag;
    char lieferung[64];       /* the delivery's directory name, "" if none */
    long long projekte_gefoerdert, beteiligungen; /* -1: the manifest predates them */
};

/* The reports published in output_dir (its directories YYYY holding a
 * readable manifest.json), in no particular order. A directory whose
 * manifest cannot be read is not a published report and is left out. */
enum ikz_status manifest_published(const char *output_dir, struct published_report **out, size_t *n,
                                   struct ikz_error *err);

/* True if dir holds a manifest.json of ikz-report (a regular file, not a
 * link, whose "program" is ikz-report): a report this job published, which
 * the next run of its year may replace (publish_begin's is_report). */
bool manifest_is_report(const char *dir);

/* Hashes the outputs (relative paths in the publication) and writes
 * manifest.json beside them; why it failed goes to err. */
enum ikz_status manifest_write(struct publication *pub, const char *const *outputs, size_t n_outputs,
                               const struct manifest_info *m, struct ikz_error *err);

/* The i-th file every report of that year holds besides manifest.json
 * and the paragraphs of presse/ (csv/TABLE.csv for each table with a CSV,
 * pruefbericht.csv, pressetext.txt, ikz-bericht-YYYY.xlsx), or NULL past
 * the last: what verify insists on. The name is static or in buf (size
 * bytes, 64 are enough). */
const char *manifest_report_file(size_t i, int year, char *buf, size_t size);

/* Checks a published report against its manifest and writes one line per
 * file and the inputs it was made from to out. IKZ_OK if intact,
 * IKZ_ERR_DATA if a file changed, is missing or was added, IKZ_ERR_NOINPUT
 * (why in err) if there is no readable manifest. */
enum ikz_status manifest_verify(const char *report_dir, FILE *out, struct ikz_error *err);

#endif
