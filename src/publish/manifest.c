/* manifest.c: writes and verifies manifest.json with cJSON, see manifest.h. */
#include "manifest.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <unistd.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"
#include "figures.h"

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
                               const struct manifest_info *m, struct ikz_error *err)
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
    /* The export directory by name, never by path: with input = DIR/ * in
     * a job it says which night's exports the report is made from. */
    if (m->input_dir) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", m->input_dir);
        size_t n = strlen(dir);
        while (n > 1 && dir[n - 1] == '/')
            dir[--n] = '\0';
        cJSON_AddStringToObject(root, "input_dir", _base(dir));
    }
    if (m->gebietsstand) {
        date_format_iso(m->gebietsstand, day);
        cJSON_AddStringToObject(root, "gebietsstand", day);
    } else {
        cJSON_AddNullToObject(root, "gebietsstand");
    }

    if (m->lieferung_name) {
        cJSON *l = cJSON_AddObjectToObject(root, "lieferung");
        cJSON_AddStringToObject(l, "name", m->lieferung_name);
        if (m->lieferung_datum) {
            date_format_iso(m->lieferung_datum, day);
            cJSON_AddStringToObject(l, "datum", day);
        } else { /* a plain directory not named by a date */
            cJSON_AddNullToObject(l, "datum");
        }
        cJSON_AddStringToObject(l, "sha256sums", m->lieferung_siegel);
    } else {
        cJSON_AddNullToObject(root, "lieferung");
    }
    cJSON *kz = cJSON_AddObjectToObject(root, "kennzahlen");
    cJSON_AddNumberToObject(kz, "projekte_gefoerdert", (double)m->projekte_gefoerdert);
    cJSON_AddNumberToObject(kz, "beteiligungen", (double)m->beteiligungen);

    enum ikz_status st = IKZ_OK;
    if (m->job_path) {
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        if (digest_file(m->job_path, hex, &size) != IKZ_OK)
            st = ikz_fail(err, IKZ_ERR_IO, "cannot read job file %s: %s", m->job_path, strerror(errno));
        else
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

    /* How many regional and project paragraphs the report holds: verify
     * needs the number, as their names depend on the register and the job. */
    cJSON *presse = cJSON_AddObjectToObject(root, "presse");
    cJSON_AddNumberToObject(presse, "kreise", (double)m->presse_kreise);
    cJSON_AddNumberToObject(presse, "projekte", (double)m->presse_projekte);

    cJSON *outs = cJSON_AddArrayToObject(root, "outputs");
    for (size_t i = 0; i < n_outputs && st == IKZ_OK; i++) {
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        char *path = publish_path(pub, outputs[i]);
        if (!path || digest_file(path, hex, &size) != IKZ_OK) {
            st = ikz_fail(err, IKZ_ERR_IO, "cannot read back %s: %s", path ? path : outputs[i], strerror(errno));
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
    cJSON_AddNumberToObject(fo, "missing_amounts", (double)m->missing_amounts);
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
    st = publish_create(pub, MANIFEST_NAME, &fp, err);
    if (st == IKZ_OK) {
        bool ok = fputs(text, fp) != EOF && fputc('\n', fp) != EOF;
        st = publish_finish(pub, MANIFEST_NAME, fp, err);
        if (st == IKZ_OK && !ok)
            st = ikz_fail(err, IKZ_ERR_IO, "cannot write %s/%s", pub->tmp_dir, MANIFEST_NAME);
    }
    free(text);
    return st;
}

/* ---------------------------------------------------------------------- */
/* verify                                                                  */

#define MANIFEST_MAX (1 << 20) /* a manifest is a few KB; more is not one */

/* The manifest's text, read as a regular file without following a link
 * and bounded; NULL (why in *why) otherwise. */
static char *_slurp(const char *path, const char **why)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        *why = "cannot be opened (missing, or a link)";
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size > MANIFEST_MAX) {
        *why = S_ISREG(st.st_mode) ? "is larger than a manifest can be" : "is not a regular file";
        close(fd);
        return NULL;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t len = 0;
    ssize_t n = 1;
    while (buf && len < (size_t)st.st_size && (n = read(fd, buf + len, (size_t)st.st_size - len)) > 0)
        len += (size_t)n;
    close(fd);
    if (!buf || n < 0) {
        *why = "cannot be read";
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    return buf;
}

/* The manifest at path as JSON, or NULL when it cannot be read or is no
 * JSON: for the places that only look a report up (is it ours, which
 * Stichtag), where either means "not a report of this job". */
static cJSON *_parse_loosely(const char *path)
{
    const char *why;
    char *text = _slurp(path, &why);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    return root;
}

bool manifest_is_report(const char *dir)
{
    size_t n = strlen(dir) + sizeof MANIFEST_NAME + 1;
    char *path = malloc(n);
    if (!path)
        return false;
    snprintf(path, n, "%s/%s", dir, MANIFEST_NAME);
    cJSON *root = _parse_loosely(path);
    free(path);
    const char *program = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "program"));
    bool ours = program && strcmp(program, "ikz-report") == 0;
    cJSON_Delete(root);
    return ours;
}

enum presse_kind { NOT_PRESSE, PRESSE_KREIS, PRESSE_PROJEKT };

/* presse/kreis-KKKKK.txt or presse/projekt-ID.txt (ID of letters, digits,
 * '-', '_' and '.'), or neither. */
static enum presse_kind _presse(const char *name)
{
    const char *rest;
    size_t n;
    if (strncmp(name, "presse/kreis-", 13) == 0) {
        rest = name + 13;
        return strspn(rest, "0123456789") == 5 && strcmp(rest + 5, ".txt") == 0 ? PRESSE_KREIS : NOT_PRESSE;
    }
    if (strncmp(name, "presse/projekt-", 15) != 0)
        return NOT_PRESSE;
    rest = name + 15;
    n = strspn(rest, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.");
    return n > 4 && rest[0] != '.' && rest[n] == '\0' && strcmp(rest + n - 4, ".txt") == 0 ? PRESSE_PROJEKT
                                                                                       : NOT_PRESSE;
}

const char *manifest_report_file(size_t i, int year, char *buf, size_t size)
{
    for (size_t t = 0; t < TABLE__COUNT; t++) {
        if (figures_table_workbook_only((enum figures_table)t))
            continue;
        if (i-- == 0) {
            snprintf(buf, size, "csv/%s.csv", figures_table_name((enum figures_table)t));
            return buf;
        }
    }
    switch (i) {
    case 0:
        return "pruefbericht.csv";
    case 1:
        return "pressetext.txt";
    case 2:
        snprintf(buf, size, "ikz-bericht-%04d.xlsx", year);
        return buf;
    default:
        return NULL;
    }
}

/* Whether name is a file a report of that year holds: one of
 * manifest_report_file()'s, or a paragraph of presse/. */
static bool _expected(const char *name, int year)
{
    char buf[64];
    const char *want;
    for (size_t i = 0; (want = manifest_report_file(i, year, buf, sizeof buf)); i++)
        if (strcmp(name, want) == 0)
            return true;
    return _presse(name) != NOT_PRESSE;
}

/* How many files a report holds (besides the manifest and presse/). */
static size_t _n_expected(void)
{
    char buf[64];
    size_t n = 0;
    while (manifest_report_file(n, 0, buf, sizeof buf))
        n++;
    return n;
}

/* The entries found in a report directory, relative to it: files,
 * links and other entries by name, directories as "name/". kind says
 * what an entry is, for the line that names one the manifest lacks. */
enum _entry_kind { ENTRY_FILE, ENTRY_DIRECTORY, ENTRY_LINK, ENTRY_OTHER };

struct _found {
    char **name;
    enum _entry_kind *kind;
    size_t n, cap;
};

static bool _found_add(struct _found *f, const char *name, enum _entry_kind kind)
{
    if (f->n == f->cap) {
        size_t cap = f->cap ? 2 * f->cap : 16;
        char **n = realloc(f->name, cap * sizeof *n);
        if (n)
            f->name = n;
        enum _entry_kind *k = realloc(f->kind, cap * sizeof *k);
        if (k)
            f->kind = k;
        if (!n || !k)
            return false;
        f->cap = cap;
    }
    f->kind[f->n] = kind;
    return (f->name[f->n] = strdup(name)) != NULL && ++f->n;
}

/* Collects every entry below root/rel, links not followed: a directory
 * too, as "name/", since an empty one holds no file to name it and is
 * still not the report's; a report is one level deep (csv/, presse/). */
static bool _walk(const char *root, const char *rel, struct _found *f, int depth)
{
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *dir = opendir(path);
    if (!dir)
        return false;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char sub[1024], full[4096];
        snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        snprintf(full, sizeof full, "%s/%s", root, sub);
        struct stat st;
        if (lstat(full, &st) != 0) {
            ok = _found_add(f, sub, ENTRY_OTHER);
        } else if (S_ISDIR(st.st_mode)) {
            char slashed[1026];
            snprintf(slashed, sizeof slashed, "%s/", sub);
            ok = _found_add(f, slashed, ENTRY_DIRECTORY) && (depth >= 4 || _walk(root, sub, f, depth + 1));
        } else {
            ok = _found_add(f, sub, S_ISREG(st.st_mode) ? ENTRY_FILE : S_ISLNK(st.st_mode) ? ENTRY_LINK : ENTRY_OTHER);
        }
    }
    closedir(dir);
    return ok;
}

enum ikz_status manifest_verify(const char *report_dir, FILE *out, struct ikz_error *err)
{
    size_t n = strlen(report_dir) + sizeof MANIFEST_NAME + 1;
    char *mpath = malloc(n);
    if (!mpath)
        return IKZ_ERR_OSERR;
    snprintf(mpath, n, "%s/%s", report_dir, MANIFEST_NAME);
    const char *why = NULL;
    char *text = _slurp(mpath, &why);
    if (!text) {
        ikz_fail(err, IKZ_ERR_NOINPUT, "%s %s", mpath, why);
        free(mpath);
        return IKZ_ERR_NOINPUT;
    }
    /* The whole text must be one JSON value: trailing bytes are not ours. */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
    free(text);
    cJSON *outs = cJSON_GetObjectItemCaseSensitive(root, "outputs");
    const char *stichtag = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "stichtag"));
    ikz_date day = 0;
    if (!cJSON_IsArray(outs) || !stichtag || !date_parse(stichtag, &day)) {
        ikz_fail(err, IKZ_ERR_DATA, "%s is not a valid manifest (malformed JSON, trailing bytes, or no outputs)",
                 mpath);
        cJSON_Delete(root);
        free(mpath);
        return IKZ_ERR_DATA;
    }
    free(mpath);
    int year = date_year(day);

    size_t problems = 0, files = 0, presse_found[3] = {0};
    const cJSON *presse = cJSON_GetObjectItemCaseSensitive(root, "presse");
    double presse_want[3] = {0, cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(presse, "kreise")),
                             cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(presse, "projekte"))};
    const cJSON *o;
    cJSON_ArrayForEach(o, outs)
    {
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
        const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "sha256"));
        double want_size = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(o, "size"));
        if (!name || !want || strstr(name, "..")) {
            fprintf(out, "BROKEN  manifest entry\n");
            problems++;
            continue;
        }
        if (!_expected(name, year)) {
            fprintf(out, "FOREIGN %s (no file of a report)\n", name);
            problems++;
            continue;
        }
        enum presse_kind pk = _presse(name);
        files += pk == NOT_PRESSE;
        presse_found[pk]++;
        size_t len = strlen(report_dir) + strlen(name) + 2;
        char *path = malloc(len);
        if (!path) {
            cJSON_Delete(root);
            return ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
        }
        snprintf(path, len, "%s/%s", report_dir, name);
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        if (digest_file(path, hex, &size) != IKZ_OK) {
            fprintf(out, "MISSING %s (or not a regular file)\n", name);
            problems++;
        } else if (strcmp(hex, want) != 0 || (double)size != want_size) {
            fprintf(out, "CHANGED %s (sha256 %s, manifest %s)\n", name, hex, want);
            problems++;
        } else {
            fprintf(out, "ok      %s\n", name);
        }
        free(path);
    }
    /* Anything in the directory the manifest does not name was added. */
    struct _found found = {0};
    if (!_walk(report_dir, "", &found, 0)) {
        fprintf(out, "UNREADABLE %s\n", report_dir);
        problems++;
    }
    static const char *const kind_name[] = {"", " (a directory)", " (a symbolic link)", " (not a regular file)"};
    for (size_t i = 0; i < found.n; i++) {
        /* A directory is the report's when a file the manifest lists lies
         * in it ("csv/"), anything else when the manifest lists it. */
        const char *f = found.name[i];
        size_t len = strlen(f);
        bool dir = found.kind[i] == ENTRY_DIRECTORY;
        bool known = strcmp(f, MANIFEST_NAME) == 0;
        cJSON_ArrayForEach(o, outs)
        {
            const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, "name"));
            if (name && (dir ? strncmp(name, f, len) == 0 : strcmp(name, f) == 0))
                known = true;
        }
        if (!known) {
            fprintf(out, "EXTRA   %s%s\n", f, kind_name[found.kind[i]]);
            problems++;
        }
        free(found.name[i]);
    }
    free(found.name);
    free(found.kind);

    const cJSON *in;
    cJSON_ArrayForEach(in, cJSON_GetObjectItemCaseSensitive(root, "inputs"))
    {
        double rows = cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(in, "rows"));
        fprintf(out, "input   %s %s: %.0f bytes, %.0f row%s, sha256 %s\n", _str(in, "role"), _str(in, "name"),
               cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(in, "size")), rows, rows == 1 ? "" : "s",
               _str(in, "sha256"));
    }
    const cJSON *lief = cJSON_GetObjectItemCaseSensitive(root, "lieferung");
    if (cJSON_IsObject(lief))
        fprintf(out, "delivery %s of %s, SHA256SUMS sha256 %s\n", _str(lief, "name"), _str(lief, "datum"),
                _str(lief, "sha256sums"));
    else
        fprintf(out, "delivery none (exports not from a sealed delivery)\n");
    /* A file removed together with its manifest entry: the set of files
     * is fixed by what a report holds, not by the manifest alone. */
    if (files != _n_expected()) {
        fprintf(out, "MISSING the manifest names %zu files, a report holds %zu\n", files, _n_expected());
        problems++;
    }
    /* The paragraphs' number is the manifest's word (a manifest without it
     * is not this version's): it must agree with what it lists. */
    for (int k = PRESSE_KREIS; k <= PRESSE_PROJEKT; k++)
        if (isnan(presse_want[k]) || (double)presse_found[k] != presse_want[k]) {
            fprintf(out, "MISSING the manifest names %zu %s paragraphs in presse/, and says %.0f\n",
                    presse_found[k], k == PRESSE_KREIS ? "Kreis" : "project", presse_want[k]);
            problems++;
        }
    files += presse_found[PRESSE_KREIS] + presse_found[PRESSE_PROJEKT];
    fprintf(out, "%s: %s; %zu files, Stichtag %s, made by ikz-report %s\n", report_dir,
           problems ? "NOT intact" : "intact", files, _str(root, "stichtag"), _str(root, "version"));
    cJSON_Delete(root);
    if (fflush(out) != 0)
        return ikz_fail(err, IKZ_ERR_IO, "cannot write the verification: %s", strerror(errno));
    return problems ? IKZ_ERR_DATA : IKZ_OK;
}

/* ---------------------------------------------------------------------- */
/* Published reports, for the nightly run's guards                         */

static long long _count_or_none(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsNumber(v) && v->valuedouble >= 0 ? (long long)v->valuedouble : -1;
}

enum ikz_status manifest_published(const char *output_dir, struct published_report **out, size_t *n,
                                   struct ikz_error *err)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(output_dir);
    if (!d)
        return errno == ENOENT ? IKZ_OK : ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: %s", output_dir, strerror(errno));
    struct published_report *list = NULL;
    size_t cap = 0;
    enum ikz_status st = IKZ_OK;
    struct dirent *e;
    while (st == IKZ_OK && (e = readdir(d)) != NULL) {
        if (strlen(e->d_name) != 4 || !digits_exact(e->d_name, 4))
            continue;
        size_t len = strlen(output_dir) + sizeof "/YYYY/" MANIFEST_NAME;
        char *path = malloc(len);
        if (!path) {
            st = ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
            break;
        }
        snprintf(path, len, "%s/%s/%s", output_dir, e->d_name, MANIFEST_NAME);
        cJSON *root = _parse_loosely(path);
        free(path);
        const char *stichtag = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(root, "stichtag"));
        ikz_date day;
        if (stichtag && date_parse(stichtag, &day)) {
            if (*n == cap) {
                cap = cap ? 2 * cap : 8;
                struct published_report *grown = realloc(list, cap * sizeof *grown);
                if (!grown) {
                    cJSON_Delete(root);
                    st = ikz_fail(err, IKZ_ERR_OSERR, "out of memory");
                    break;
                }
                list = grown;
            }
            struct published_report *p = &list[(*n)++];
            memset(p, 0, sizeof *p);
            memcpy(p->year, e->d_name, 4); /* four digits, checked above */
            p->year[4] = '\0';
            p->stichtag = day;
            const cJSON *lief = cJSON_GetObjectItemCaseSensitive(root, "lieferung");
            const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(lief, "name"));
            snprintf(p->lieferung, sizeof p->lieferung, "%s", name ? name : "");
            const cJSON *kz = cJSON_GetObjectItemCaseSensitive(root, "kennzahlen");
            p->projekte_gefoerdert = _count_or_none(kz, "projekte_gefoerdert");
            p->beteiligungen = _count_or_none(kz, "beteiligungen");
        }
        cJSON_Delete(root);
    }
    closedir(d);
    if (st != IKZ_OK) {
        free(list);
        *n = 0;
        return st;
    }
    *out = list;
    return IKZ_OK;
}
