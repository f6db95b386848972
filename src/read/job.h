/* job.h: job files (INI, read with inih): the operator's everyday runs.
 *
 * A job file has one section [job] with the keys input, register, output,
 * stichtag, ozg-seit, csv-dialect, templates, max-fehler, log-file,
 * gebietsstand, max-field-bytes, max-columns, land, gebietsaenderungen,
 * the long options of `ikz-report run` without the dashes.
 * projekttexte, siegel, max-alter-tage, warn-alter-tage,
 * max-rueckgang-prozent and aufbewahrung-tage (a key may be written with
 * '_' for '-': max_alter_tage). Relative paths are relative to the job
 * file's directory. input may end in "/" "*" (a slash and a star): DIR is
 * then a drop of deliveries DIR/YYYY-MM-DD/, and the report chooses the
 * newest complete one (delivery.h). stichtag is "heute", "vorjahr" (31
 * December of last year) or a date. Options given on the command line win. */
#ifndef IKZ_JOB_H
#define IKZ_JOB_H

#include <stdbool.h>

#include "status.h"

enum job_key {
    JOB_INPUT,
    JOB_REGISTER,
    JOB_OUTPUT,
    JOB_STICHTAG,
    JOB_OZG_SEIT,
    JOB_CSV_DIALECT,
    JOB_TEMPLATES,
    JOB_MAX_FEHLER,
    JOB_LOG_FILE,
    JOB_GEBIETSSTAND,
    JOB_MAX_FIELD_BYTES,
    JOB_MAX_COLUMNS,
    JOB_LAND,
    JOB_GEBIETSAENDERUNGEN,
    JOB_PROJEKTTEXTE,
    JOB_SIEGEL,
    JOB_MAX_ALTER_TAGE,
    JOB_WARN_ALTER_TAGE,
    JOB_MAX_RUECKGANG_PROZENT,
    JOB_AUFBEWAHRUNG_TAGE,
    JOB__COUNT
};

struct job {
    char *value[JOB__COUNT]; /* owned; NULL when the file does not set it */
    long line[JOB__COUNT];   /* the line that set it */
    bool input_is_drop;      /* input was DIR/ *: value[JOB_INPUT] is DIR, the drop of deliveries */
};

/* An input value "DIR/" "*" (a job's input, or --input): the drop DIR,
 * newly allocated in *dir (the caller frees it); *dir NULL when value is
 * no drop. IKZ_ERR_NOINPUT with "WHAT: cannot read DIR: reason" in err
 * when DIR is no directory that can be read. */
enum ikz_status job_drop(const char *value, const char *what, char **dir, struct ikz_error *err);

/* The key's name in the file ("csv-dialect"); static. */
const char *job_key_name(enum job_key key);

/* Reads path into job. Errors give IKZ_ERR_CONFIG with "FILE:LINE: what"
 * in err (IKZ_ERR_NOINPUT if the file cannot be read); a key given twice
 * is one. */
enum ikz_status job_load(const char *path, struct job *job, struct ikz_error *err);

void job_free(struct job *job);

#endif
