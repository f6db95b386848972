/* job.c: reads job files (inifile.c), see job.h. */
#define _GNU_SOURCE /* strdup, dirent */
#include "job.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "inifile.h"
#include "values.h"

static const char *const _names[JOB__COUNT] = {
    [JOB_INPUT] = "input",           [JOB_REGISTER] = "register",      [JOB_OUTPUT] = "output",
    [JOB_STICHTAG] = "stichtag",     [JOB_OZG_SEIT] = "ozg-seit",      [JOB_CSV_DIALECT] = "csv-dialect",
    [JOB_TEMPLATES] = "templates",   [JOB_MAX_FEHLER] = "max-fehler",  [JOB_LOG_FILE] = "log-file",
    [JOB_GEBIETSSTAND] = "gebietsstand", [JOB_MAX_FIELD_BYTES] = "max-field-bytes",
    [JOB_MAX_COLUMNS] = "max-columns",       [JOB_LAND] = "land",
    [JOB_GEBIETSAENDERUNGEN] = "gebietsaenderungen",
    [JOB_PROJEKTTEXTE] = "projekttexte",
};

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
        if (strcmp(name, _names[k]) != 0)
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

/* Replaces "DIR/" "*" by the greatest subdirectory name in DIR. */
static enum ikz_status _newest(struct job *job, const char *path, struct ikz_error *err)
{
    char *v = job->value[JOB_INPUT];
    size_t len = v ? strlen(v) : 0;
    if (len < 2 || strcmp(v + len - 2, "/*") != 0)
        return IKZ_OK;
    v[len - 2] = '\0';
    DIR *dir = opendir(v);
    if (!dir)
        return ikz_fail(err, IKZ_ERR_NOINPUT, "%s: input: cannot read %s: %s", path, v, strerror(errno));
    char *best = NULL;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        /* Only directories named by a date (2026-11-24): "archiv" or
         * "kaputt" would otherwise win by name. */
        ikz_date d;
        if (strlen(e->d_name) != 10 || e->d_name[4] != '-' || !date_parse(e->d_name, &d))
            continue;
        size_t n = strlen(v) + strlen(e->d_name) + 2;
        char *cand = malloc(n);
        struct stat st;
        if (!cand)
            break;
        snprintf(cand, n, "%s/%s", v, e->d_name);
        if (stat(cand, &st) == 0 && S_ISDIR(st.st_mode) && (!best || strcmp(cand, best) > 0)) {
            free(best);
            best = cand;
        } else {
            free(cand);
        }
    }
    closedir(dir);
    if (!best) { /* nothing delivered yet: the caller decides (main.c) */
        job->input_empty = true;
        return IKZ_OK;
    }
    job->input_chosen = true;
    free(job->value[JOB_INPUT]);
    job->value[JOB_INPUT] = best;
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
    st = _newest(job, path, err);
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
