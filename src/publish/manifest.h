/* manifest.h: the audit trail of a published report, OUTPUT/YYYY/manifest.json.
 *
 * It names the program version, the Stichtag, the OZG start date, the job
 * file, every input file (name, size, rows, SHA-256) and every output file
 * (name, size, SHA-256), and counts the findings, so that anyone can later
 * prove which exports a published number came from. It holds no wall-clock
 * time: the same exports give the same manifest. cJSON stays in manifest.c. */
#ifndef IKZ_MANIFEST_H
#define IKZ_MANIFEST_H

#include <stddef.h>
#include <stdio.h>

#include "csvfile.h"
#include "findings.h"
#include "publish.h"
#include "status.h"
#include "values.h"

struct manifest_input {
    const char *role; /* register, projekte, beteiligungen */
    const char *path; /* as given; the manifest keeps the file name */
    const struct csvfile_info *info;
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
};

/* Hashes the outputs (relative paths in the publication) and writes
 * manifest.json beside them; why it failed goes to err. */
enum ikz_status manifest_write(struct publication *pub, const char *const *outputs, size_t n_outputs,
                               const struct manifest_info *m, struct ikz_error *err);

/* Checks a published report against its manifest and writes one line per
 * file and the inputs it was made from to out. IKZ_OK if intact,
 * IKZ_ERR_DATA if a file changed, is missing or was added, IKZ_ERR_NOINPUT
 * (why in err) if there is no readable manifest. */
enum ikz_status manifest_verify(const char *report_dir, FILE *out, struct ikz_error *err);

#endif
