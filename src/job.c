/* job.c: reads job files with inih, see job.h. */
#define _GNU_SOURCE /* strdup, dirent */
#include "job.h"

#include <dirent.h>
#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"

static const char *const _names[JOB__COUNT] = {
    [JOB_INPUT] = "input",           [JOB_REGISTER] = "register",      [JOB_OUTPUT] = "output",
    [JOB_STICHTAG] = "stichtag",     [JOB_OZG_SEIT] = "ozg-seit",      [JOB_CSV_DIALECT] = "csv-dialect",
    [JOB_TEMPLATES] = "templates",   [JOB_MAX_FEHLER] = "max-fehler",  [JOB_LOG_FILE] = "log-file",
    [JOB_GEBIETSSTAND] = "gebietsstand", [JOB_MAX_FIELD_BYTES] = "max-field-bytes",
    [JOB_MAX_COLUMNS] = "max-columns",
};

/* Keys whose values are paths, relative to the job file. */
static bool _is_path(enum job_key k)
{
    return k == JOB_INPUT || k == JOB_REGISTER || k == JOB_OUTPUT || k == JOB_TEMPLATES || k == JOB_LOG_FILE;
}

const char *job_key_name(enum job_key key) { return _names[key]; }

struct _load {
    struct job *job;
    const char *path;
    char *dir;      /* the job file's directory, with a trailing slash, or "" */
    char error[256];
};

static int _on_entry(void *user, const char *section, const char *name, const char *value)
{
    struct _load *ld = user;
    if (strcmp(section, "job") != 0) {
        snprintf(ld->error, sizeof ld->error, "section [%s] unknown, expected [job]", section);
        return 0;
    }
    for (int k = 0; k < JOB__COUNT; k++) {
        if (strcmp(name, _names[k]) != 0)
            continue;
        free(ld->job->value[k]);
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
    return 0;
}

/* Replaces "DIR/" "*" by the greatest subdirectory name in DIR. */
static enum ikz_status _newest(struct job *job, const char *path)
{
    char *v = job->value[JOB_INPUT];
    size_t len = v ? strlen(v) : 0;
    if (len < 2 || strcmp(v + len - 2, "/*") != 0)
        return IKZ_OK;
    v[len - 2] = '\0';
    DIR *dir = opendir(v);
    if (!dir) {
        fprintf(stderr, "ikz-report: %s: input: cannot read %s: %s\n", path, v, strerror(errno));
        return IKZ_ERR_NOINPUT;
    }
    char *best = NULL;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.')
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
    if (!best) {
        fprintf(stderr, "ikz-report: %s: input: no export directory in %s\n", path, v);
        return IKZ_ERR_NOINPUT;
    }
    log_info("newest export directory: %s", best);
    free(job->value[JOB_INPUT]);
    job->value[JOB_INPUT] = best;
    return IKZ_OK;
}

enum ikz_status job_load(const char *path, struct job *job)
{
    memset(job, 0, sizeof *job);
    struct _load ld = {.job = job, .path = path};
    const char *slash = strrchr(path, '/');
    ld.dir = slash ? strndup(path, (size_t)(slash - path + 1)) : strdup("");
    if (!ld.dir)
        return IKZ_ERR_OSERR;
    int rc = ini_parse(path, _on_entry, &ld);
    free(ld.dir);
    if (rc < 0) {
        fprintf(stderr, "ikz-report: %s: cannot read the job file\n", path);
        job_free(job);
        return IKZ_ERR_NOINPUT;
    }
    if (rc > 0) {
        fprintf(stderr, "ikz-report: %s:%d: %s\n", path, rc,
                *ld.error ? ld.error : "not a valid INI line (key = value, at most 199 bytes)");
        job_free(job);
        return IKZ_ERR_CONFIG;
    }
    enum ikz_status st = _newest(job, path);
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
