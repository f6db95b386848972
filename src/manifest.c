/* manifest.c: writes and verifies manifest.json with cJSON, see manifest.h. */
#define _GNU_SOURCE /* nftw */
#include "manifest.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "log.h"

#define MANIFEST_NAME "manifest.json"

static const char *_base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* A string member, or "?" when the manifest lacks it. */
static const char *_str(const cJSON *o, const char *key)
{
    const char *s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, key));
    return s ? s : "?";
}

static cJSON *_file_entry(const char *name, long long size, const char *sha256)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "name", name);
    cJSON_AddNumberToObject(o, "size", (double)size);
    cJSON_AddStringToObject(o, "sha256", sha256);
    return o;
}

enum ikz_status manifest_write(struct publication *pub, const char *const *outputs, size_t n_outputs,
                               const struct manifest_info *m)
{
    cJSON *root = cJSON_CreateObject();
    if (!root)
        return IKZ_ERR_OSERR;
    char day[11];
    cJSON_AddStringToObject(root, "program", "ikz-report");
    cJSON_AddStringToObject(root, "version", m->version);
    date_format_iso(m->stichtag, day);
    cJSON_AddStringToObject(root, "stichtag", day);
    date_format_iso(m->ozg_seit, day);
    cJSON_AddStringToObject(root, "ozg_seit", day);

    enum ikz_status st = IKZ_OK;
    if (m->job_path) {
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        if (digest_file(m->job_path, hex, &size) != 0) {
            log_error("cannot read job file %s: %s", m->job_path, strerror(errno));
            st = IKZ_ERR_IO;
        }
        cJSON_AddItemToObject(root, "job", _file_entry(_base(m->job_path), size, hex));
    } else {
        cJSON_AddNullToObject(root, "job");
    }

    cJSON *inputs = cJSON_AddArrayToObject(root, "inputs");
    for (size_t i = 0; i < m->n_input; i++) {
        const struct manifest_input *in = &m->input[i];
        cJSON *o = _file_entry(_base(in->path), (long long)in->info->bytes, in->info->sha256);
        cJSON_AddStringToObject(o, "role", in->role);
        cJSON_AddNumberToObject(o, "rows", (double)in->info->rows);
        cJSON_AddItemToArray(inputs, o);
    }

    cJSON *outs = cJSON_AddArrayToObject(root, "outputs");
    for (size_t i = 0; i < n_outputs && st == IKZ_OK; i++) {
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        char *path = publish_path(pub, outputs[i]);
        if (!path || digest_file(path, hex, &size) != 0) {
            log_error("cannot read back %s: %s", path ? path : outputs[i], strerror(errno));
            st = IKZ_ERR_IO;
        } else {
            cJSON_AddItemToArray(outs, _file_entry(outputs[i], size, hex));
        }
        free(path);
    }

    const struct findings *f = m->findings;
    cJSON *fo = cJSON_AddObjectToObject(root, "findings");
    cJSON_AddNumberToObject(fo, "total", (double)f->total);
    cJSON_AddNumberToObject(fo, "fehler", (double)f->errors);
    cJSON_AddNumberToObject(fo, "hinweis", (double)(f->total - f->errors));
    cJSON_AddNumberToObject(fo, "rejected_rows", (double)m->rejected_rows);
    cJSON *by = cJSON_AddObjectToObject(fo, "by_code");
    for (int c = 0; c < FINDING__COUNT; c++)
        if (f->by_code[c])
            cJSON_AddNumberToObject(by, finding_code_name((enum finding_code)c), (double)f->by_code[c]);

    char *text = st == IKZ_OK ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (st != IKZ_OK)
        return st;
    if (!text)
        return IKZ_ERR_OSERR;
    FILE *fp;
    st = publish_create(pub, MANIFEST_NAME, &fp);
    if (st == IKZ_OK) {
        bool ok = fputs(text, fp) != EOF && fputc('\n', fp) != EOF;
        st = publish_finish(pub, MANIFEST_NAME, fp);
        if (st == IKZ_OK && !ok)
            st = IKZ_ERR_IO;
    }
    free(text);
    return st;
}

/* ---------------------------------------------------------------------- */
/* verify                                                                  */

static char *_slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int c;
    while (mem && (c = getc(fp)) != EOF)
        putc(c, mem);
    fclose(fp);
    if (mem)
        fclose(mem);
    return buf;
}

/* Files found in the report directory, for the "extra" check. */
static const char *_walk_root;
static char **_found;
static size_t _n_found;

static int _collect(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag != FTW_F && flag != FTW_SL)
        return 0;
    const char *rel = path + strlen(_walk_root) + 1;
    char **f = realloc(_found, (_n_found + 1) * sizeof *f);
    if (!f)
        return -1;
    _found = f;
    _found[_n_found] = strdup(rel);
    if (_found[_n_found])
        _n_found++;
    return 0;
}

enum ikz_status manifest_verify(const char *report_dir)
{
    size_t n = strlen(report_dir) + sizeof MANIFEST_NAME + 1;
    char *mpath = malloc(n);
    if (!mpath)
        return IKZ_ERR_OSERR;
    snprintf(mpath, n, "%s/%s", report_dir, MANIFEST_NAME);
    char *text = _slurp(mpath);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    cJSON *outs = cJSON_GetObjectItemCaseSensitive(root, "outputs");
    if (!cJSON_IsArray(outs)) {
        log_error("%s: no readable manifest", mpath);
        cJSON_Delete(root);
        free(mpath);
        return IKZ_ERR_NOINPUT;
    }
    free(mpath);

    size_t problems = 0, files = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, outs)
    {
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
        const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "sha256"));
        double want_size = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "size"));
        if (!name || !want || strstr(name, "..")) {
            printf("BROKEN  manifest entry\n");
            problems++;
            continue;
        }
        files++;
        size_t len = strlen(report_dir) + strlen(name) + 2;
        char *path = malloc(len);
        snprintf(path, len, "%s/%s", report_dir, name);
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        if (digest_file(path, hex, &size) != 0) {
            printf("MISSING %s\n", name);
            problems++;
        } else if (strcmp(hex, want) != 0 || (double)size != want_size) {
            printf("CHANGED %s (sha256 %s, manifest %s)\n", name, hex, want);
            problems++;
        } else {
            printf("ok      %s\n", name);
        }
        free(path);
    }
    /* Anything in the directory the manifest does not name was added. */
    _walk_root = report_dir;
    nftw(report_dir, _collect, 16, FTW_PHYS);
    for (size_t i = 0; i < _n_found; i++) {
        bool known = strcmp(_found[i], MANIFEST_NAME) == 0;
        cJSON_ArrayForEach(o, outs)
        {
            const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
            if (name && strcmp(name, _found[i]) == 0)
                known = true;
        }
        if (!known) {
            printf("EXTRA   %s\n", _found[i]);
            problems++;
        }
        free(_found[i]);
    }
    free(_found);
    _found = NULL;
    _n_found = 0;

    const cJSON *in;
    cJSON_ArrayForEach(in, cJSON_GetObjectItemCaseSensitive(root, "inputs"))
    {
        printf("input   %s %s: %.0f bytes, %.0f rows, sha256 %s\n", _str(in, "role"), _str(in, "name"),
               cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(in, "size")),
               cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(in, "rows")), _str(in, "sha256"));
    }
    printf("%s: %s; %zu files, Stichtag %s, made by ikz-report %s\n", report_dir,
           problems ? "NOT intact" : "intact", files, _str(root, "stichtag"), _str(root, "version"));
    cJSON_Delete(root);
    if (fflush(stdout) != 0)
        return IKZ_ERR_IO;
    return problems ? IKZ_ERR_DATA : IKZ_OK;
}
