/* job.c: reads job files (inifile.c), see job.h. */
#define _GNU_SOURCE /* strdup, dirent */
#include "job.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inifile.h"

static const char *const _names[JOB__COUNT] = {
    [JOB_INPUT] = "input",           [JOB_REGISTER] = "register",      [JOB_OUTPUT] = "output",
    [JOB_STICHTAG] = "stichtag",     [JOB_OZG_SEIT] = "ozg-seit",      [JOB_CSV_DIALECT] = "csv-dialect",
    [JOB_TEMPLATES] = "templates",   [JOB_MAX_FEHLER] = "max-fehler",  [JOB_LOG_FILE] = "log-file",
    [JOB_GEBIETSSTAND] = "gebietsstand", [JOB_MAX_FIELD_BYTES] = "max-field-bytes",
    [JOB_MAX_COLUMNS] = "max-columns",       [JOB_LAND] = "land",
    [JOB_GEBIETSAENDERUNGEN] = "gebietsaenderungen",
    [JOB_PROJEKTTEXTE] = "projekttexte", [JOB_SIEGEL] = "siegel",
    [JOB_MAX_ALTER_TAGE] = "max-alter-tage", [JOB_WARN_ALTER_TAGE] = "warn-alter-tage",
    [JOB_MAX_RUECKGANG_PROZENT] = "max-rueckgang-prozent", [JOB_AUFBEWAHRUNG_TAGE] = "aufbewahrung-tage",
};

/* A key's name with '_' read as '-': the delivery keys are spelt both
 * ways in the ministry's papers (max_alter_tage). */
static bool _same_key(const char *written, const char *name)
{
    for (; *written && *name; written++, name++)
        if (*written != *name && !(*written == '_' && *name == '-'))
            return false;
    return *written == *name;
}

/* Keys whose values are paths, relative to the job file. */
static bool _is_path(enum job_key k)
{
    return k == JOB_INPUT || k == JOB_REGISTER || k == JOB_OUTPUT || k == JOB_TEMPLATES || k == JOB_LOG_FILE ||
           k == JOB_GEBIETSAENDERUNGEN;
}

const char *job_key_name(enum job_key key) { return _names[key]; }

struct _load {
    struct job *job;
    const char *path;
    char *dir;      /* the job file's directory, with a trailing slash, or "" */
    char error[256];
};

static bool _on_entry(void *user, const char *section, const char *name, const char *value, long line)
{
    struct _load *ld = user;
    if (strcmp(section, "job") != 0) {
        snprintf(ld->error, sizeof ld->error, "section [%s] unknown, expected [job]", section);
        return false;
    }
    for (int k = 0; k < JOB__COUNT; k++) {
        if (!_same_key(name, _names[k]))
            continue;
        free(ld->job->value[k]);
        ld->job->line[k] = line;
        if (_is_path((enum job_key)k) && value[0] != '/' && value[0] != '\0') {
            size_t n = strlen(ld->dir) + strlen(value) + 1;
            ld->job->value[k] = malloc(n);
            if (ld->job->value[k])
                snprintf(ld->job->value[k], n, "%s%s", ld->dir, value);
        } else {
            ld->job->value[k] = strdup(value);
        }
        return ld->job->value[k] != NULL;
    }
    snprintf(ld->error, sizeof ld->error, "unknown key '%s'", name);
    return false;
}

enum ikz_status job_drop(const char *value, const char *what, char **dir, struct ikz_error *err)
{
    *dir = NULL;
    size_t len = value ? strlen(value) : 0;
    if (len < 2 || strcmp(value + len - 2, "/*") != 0)
        return IKZ_OK;
    char *d = strndup(value, len - 2);
    if (!d)
        return IKZ_ERR_OSERR;
    struct stat st;
    int e = stat(d, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
    if (e) {
        ikz_fail(err, IKZ_ERR_NOINPUT, "%s: cannot read %s: %s", what, d, strerror(e));
        free(d);
        return IKZ_ERR_NOINPUT;
    }
    *dir = d;
    return IKZ_OK;
}

/* "DIR/" "*": the drop DIR, whose deliveries the report chooses from. */
static enum ikz_status _drop(struct job *job, const char *path, struct ikz_error *err)
{
    char what[4096];
    snprintf(what, sizeof what, "%s: input", path);
    char *dir;
    enum ikz_status st = job_drop(job->value[JOB_INPUT], what, &dir, err);
    if (st != IKZ_OK || !dir)
        return st;
    free(job->value[JOB_INPUT]);
    job->value[JOB_INPUT] = dir;
    job->input_is_drop = true;
    return IKZ_OK;
}

enum ikz_status job_load(const char *path, struct job *job, struct ikz_error *err)
{
    memset(job, 0, sizeof *job);
    struct _load ld = {.job = job, .path = path};
    const char *slash = strrchr(path, '/');
    ld.dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup("");
    if (!ld.dir)
        return IKZ_ERR_OSERR;
    long line;
    bool duplicate;
    enum ikz_status st = inifile_parse(path, _on_entry, &ld, &line, &duplicate);
    free(ld.dir);
    if (st == IKZ_ERR_NOINPUT) {
        job_free(job);
        return ikz_fail(err, st, "%s: cannot read the job file", path);
    }
    if (st != IKZ_OK) {
        job_free(job);
        return ikz_fail(err, st, "%s:%ld: %s", path, line,
                        duplicate   ? "key given twice"
                        : *ld.error ? ld.error
                                    : "not a valid INI line (key = value, at most 199 bytes)");
    }
    st = _drop(job, path, err);
    if (st != IKZ_OK)
        job_free(job);
    return st;
}

void job_free(struct job *job)
{
    for (int k = 0; k < JOB__COUNT; k++)
        free(job->value[k]);
    memset(job, 0, sizeof *job);
}
