/* delivery.c: seals and the drop, see delivery.h. A seal lists a few
 * files, so plain scans suffice. */
#define _GNU_SOURCE /* strndup, dirent */
#include "delivery.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "regular.h"
#include "text.h"

/* Largest seal read: thousands of lines, far more than any delivery. */
#define SEAL_MAX_BYTES (1 << 20)

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static enum ikz_status _problem(struct delivery_problem *why, const char *file, long line, const char *fmt, ...)
{
    if (why) {
        snprintf(why->file, sizeof why->file, "%s", file);
        why->line = line;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why->text, sizeof why->text, fmt, ap);
        va_end(ap);
    }
    return IKZ_ERR_DATA;
}

void seal_free(struct seal *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->entry[i].name);
    free(s->entry);
    memset(s, 0, sizeof *s);
}

const struct seal_entry *seal_find(const struct seal *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->entry[i].name, name) == 0)
            return &s->entry[i];
    return NULL;
}

/* sha256sum writes a name holding a backslash or a line break as "\" at
 * the start of the line and the name with "\\" and "\n"; undone in place.
 * False for any other escape. */
static bool _unescape(char *name)
{
    char *o = name;
    for (const char *i = name; *i; i++) {
        if (*i != '\\') {
            *o++ = *i;
            continue;
        }
        if (i[1] == '\\')
            *o++ = '\\';
        else if (i[1] == 'n')
            *o++ = '\n';
        else
            return false;
        i++;
    }
    *o = '\0';
    return true;
}

/* One line without its line end: "HASH  NAME" or "HASH *NAME". */
static enum ikz_status _parse_line(char *line, long lineno, struct seal *out, struct delivery_problem *why)
{
    bool escaped = line[0] == '\\';
    char *p = line + escaped;
    size_t hex = 0;
    while (isxdigit((unsigned char)p[hex]))
        hex++;
    if (hex != DIGEST_HEX_LEN || p[hex] != ' ' || (p[hex + 1] != ' ' && p[hex + 1] != '*') || p[hex + 2] == '\0')
        return _problem(why, SEAL_NAME, lineno,
                        "keine Zeile im Format von sha256sum (64 Hexziffern, zwei Leerzeichen, Dateiname) '%.200s'", line);
    char *name = p + hex + 2;
    if (escaped && !_unescape(name))
        return _problem(why, SEAL_NAME, lineno, "ungültige Maskierung im Dateinamen '%.80s'", name);
    if (strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, SEAL_NAME) == 0)
        return _problem(why, SEAL_NAME, lineno, "Dateiname muss eine Datei der Lieferung selbst sein '%.80s'", name);
    const struct seal_entry *dup = seal_find(out, name);
    if (dup)
        return _problem(why, SEAL_NAME, lineno, "Datei schon in Zeile %ld aufgeführt '%.80s'", dup->line, name);
    struct seal_entry *e = realloc(out->entry, (out->n + 1) * sizeof *e);
    if (!e)
        return IKZ_ERR_OSERR;
    out->entry = e;
    e = &out->entry[out->n];
    e->name = strdup(name);
    if (!e->name)
        return IKZ_ERR_OSERR;
    for (size_t i = 0; i < DIGEST_HEX_LEN; i++)
        e->sha256[i] = (char)tolower((unsigned char)p[i]);
    e->sha256[DIGEST_HEX_LEN] = '\0';
    e->line = lineno;
    out->n++;
    return IKZ_OK;
}

enum ikz_status seal_parse(const char *text, size_t len, struct seal *out, struct delivery_problem *why)
{
    memset(out, 0, sizeof *out);
    if (memchr(text, '\0', len)) {
        seal_free(out);
        return _problem(why, SEAL_NAME, 0, "enthält ein NUL-Byte: keine Prüfsummenliste");
    }
    enum ikz_status st = IKZ_OK;
    long lineno = 0;
    for (size_t pos = 0; st == IKZ_OK && pos < len;) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - text) : len;
        size_t n = end - pos;
        lineno++;
        if (n > 0 && text[pos + n - 1] == '\r')
            n--;
        if (n > 0) { /* an empty line (a trailing blank one) lists nothing */
            char *line = strndup(text + pos, n);
            st = line ? _parse_line(line, lineno, out, why) : IKZ_ERR_OSERR;
            free(line);
        }
        pos = end + 1;
    }
    if (st == IKZ_OK && out->n == 0)
        st = _problem(why, SEAL_NAME, 0, "Prüfsummenliste ist leer");
    if (st != IKZ_OK)
        seal_free(out);
    return st;
}

enum ikz_status seal_load(const char *dir, struct seal *out, struct delivery_problem *why)
{
    memset(out, 0, sizeof *out);
    char *path = text_path_join(dir, SEAL_NAME);
    if (!path)
        return IKZ_ERR_OSERR;
    struct stat sb;
    if (lstat(path, &sb) != 0 && errno == ENOENT) {
        free(path);
        _problem(why, SEAL_NAME, 0, "fehlt: die Lieferung ist nicht versiegelt (noch in Arbeit?)");
        return IKZ_ERR_NOINPUT;
    }
    const char *reason = NULL;
    FILE *fp = regular_fopen(path, &reason);
    free(path);
    if (!fp)
        return _problem(why, SEAL_NAME, 0, "nicht lesbar: %s", reason);
    char *buf = malloc(SEAL_MAX_BYTES + 1);
    size_t len = buf ? fread(buf, 1, SEAL_MAX_BYTES + 1, fp) : 0;
    bool failed = !buf || ferror(fp);
    fclose(fp);
    enum ikz_status st;
    if (failed)
        st = buf ? _problem(why, SEAL_NAME, 0, "nicht lesbar: Lesefehler") : IKZ_ERR_OSERR;
    else if (len > SEAL_MAX_BYTES)
        st = _problem(why, SEAL_NAME, 0, "größer als %d Bytes: keine Prüfsummenliste", SEAL_MAX_BYTES);
    else
        st = seal_parse(buf, len, out, why);
    if (st == IKZ_OK) {
        /* The seal's own hash names the delivery in the manifest: of the
         * very bytes parsed, not of a second read. */
        struct digest *d = digest_new();
        if (!d) {
            seal_free(out);
            st = IKZ_ERR_OSERR;
        } else {
            digest_update(d, buf, len);
            digest_final(d, out->sha256);
            digest_free(d);
        }
    }
    free(buf);
    return st;
}

enum ikz_status seal_check_listing(const struct seal *s, const char *dir, struct delivery_problem *why)
{
    DIR *d = opendir(dir);
    if (!d)
        return _problem(why, dir, 0, "Verzeichnis nicht lesbar: %s", strerror(errno));
    enum ikz_status st = IKZ_OK;
    struct dirent *e;
    while (st == IKZ_OK && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || strcmp(e->d_name, SEAL_NAME) == 0)
            continue;
        if (!seal_find(s, e->d_name))
            st = _problem(why, e->d_name, 0, "nicht in %s aufgeführt: die Lieferung ist nicht vollständig versiegelt",
                          SEAL_NAME);
    }
    closedir(d);
    for (size_t i = 0; st == IKZ_OK && i < s->n; i++) {
        char *path = text_path_join(dir, s->entry[i].name);
        struct stat sb;
        if (!path)
            return IKZ_ERR_OSERR;
        if (lstat(path, &sb) != 0)
            st = _problem(why, SEAL_NAME, s->entry[i].line, "aufgeführte Datei fehlt '%s'", s->entry[i].name);
        else if (!S_ISREG(sb.st_mode))
            st = _problem(why, SEAL_NAME, s->entry[i].line, "aufgeführte Datei ist keine reguläre Datei '%s'",
                          s->entry[i].name);
        free(path);
    }
    return st;
}

bool seal_matches(const struct seal *s, const char *name, const char *sha256, struct delivery_problem *why)
{
    const struct seal_entry *e = seal_find(s, name);
    if (!e) {
        _problem(why, name, 0, "nicht in %s aufgeführt", SEAL_NAME);
        return false;
    }
    if (strcmp(e->sha256, sha256) == 0)
        return true;
    _problem(why, SEAL_NAME, e->line, "SHA-256 von %s stimmt nicht (unvollständig kopiert oder geändert?): erwartet %.12s…, gelesen %.12s…",
             name, e->sha256, sha256);
    return false;
}

enum ikz_status seal_check_hashes(const struct seal *s, const char *dir, bool (*read_by_job)(const char *name, void *ctx),
                                  void *ctx, struct delivery_problem *why)
{
    for (size_t i = 0; i < s->n; i++) {
        const struct seal_entry *e = &s->entry[i];
        if (read_by_job && read_by_job(e->name, ctx))
            continue;
        char *path = text_path_join(dir, e->name);
        if (!path)
            return IKZ_ERR_OSERR;
        char hex[DIGEST_HEX_LEN + 1];
        long long size;
        enum ikz_status st = digest_file(path, hex, &size);
        int saved = errno;
        free(path);
        if (st == IKZ_ERR_OSERR)
            return st;
        if (st != IKZ_OK)
            return _problem(why, SEAL_NAME, e->line, "aufgeführte Datei nicht lesbar (%s) '%s'", strerror(saved),
                            e->name);
        if (!seal_matches(s, e->name, hex, why))
            return IKZ_ERR_DATA;
    }
    return IKZ_OK;
}

static int _newest_first(const void *a, const void *b)
{
    const struct drop_entry *x = a, *y = b;
    if ((x->date != 0) != (y->date != 0))
        return x->date ? -1 : 1; /* deliveries before foreign entries */
    if (x->date != y->date)
        return x->date > y->date ? -1 : 1;
    return strcmp(x->name, y->name);
}

enum ikz_status drop_list(const char *drop, struct drop_entry **out, size_t *n, struct ikz_error *err)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(drop);
    if (!d)
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read the drop %s: %s", drop, strerror(errno));
    struct drop_entry *list = NULL;
    size_t cap = 0;
    struct dirent *e;
    enum ikz_status st = IKZ_OK;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 16;
            struct drop_entry *grown = realloc(list, cap * sizeof *grown);
            if (!grown) {
                st = IKZ_ERR_OSERR;
                break;
            }
            list = grown;
        }
        struct drop_entry *de = &list[*n];
        snprintf(de->name, sizeof de->name, "%s", e->d_name);
        de->date = 0;
        ikz_date day;
        struct stat sb;
        /* Only YYYY-MM-DD: a German 03.12.2026 would sort wrongly. */
        if (strlen(e->d_name) == 10 && e->d_name[4] == '-' && e->d_name[7] == '-' && date_parse(e->d_name, &day) &&
            fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(sb.st_mode))
            de->date = day;
        (*n)++;
    }
    closedir(d);
    if (st != IKZ_OK) {
        free(list);
        *n = 0;
        return ikz_fail(err, st, "out of memory listing %s", drop);
    }
    if (list)
        qsort(list, *n, sizeof *list, _newest_first);
    *out = list;
    return IKZ_OK;
}
