/* inifile.c: the one place that calls inih, see inifile.h. */
#include "inifile.h"

#include "regular.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct _parse {
    inifile_entry_fn fn;
    void *ctx;
    FILE *fp;
    long line; /* of the line inih read last */
    char **seen; /* "section\nkey" of every entry so far */
    size_t n, cap;
    bool duplicate;
};

static bool _remember(struct _parse *p, const char *section, const char *key)
{
    size_t len = strlen(section) + strlen(key) + 2;
    char *k = malloc(len);
    if (!k)
        return false;
    strcpy(k, section);
    strcat(k, "\n");
    strcat(k, key);
    for (size_t i = 0; i < p->n; i++)
        if (strcmp(p->seen[i], k) == 0) {
            free(k);
            p->duplicate = true;
            return false;
        }
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        char **s = realloc(p->seen, cap * sizeof *s);
        if (!s) {
            free(k);
            return false;
        }
        p->seen = s;
        p->cap = cap;
    }
    p->seen[p->n++] = k;
    return true;
}

static int _on_entry(void *user, const char *section, const char *name, const char *value)
{
    struct _parse *p = user;
    return _remember(p, section, name) && p->fn(p->ctx, section, name, value, p->line);
}

/* inih's line reader, counting lines: inih calls the handler for a line
 * right after reading it, so p->line is that entry's line. */
static char *_read_line(char *str, int num, void *stream)
{
    struct _parse *p = stream;
    char *s = fgets(str, num, p->fp);
    if (s)
        p->line++;
    return s;
}

enum ikz_status inifile_parse(const char *path, inifile_entry_fn fn, void *ctx, long *line, bool *duplicate)
{
    struct _parse p = {.fn = fn, .ctx = ctx};
    const char *why;
    p.fp = regular_fopen(path, &why);
    if (!p.fp) {
        *line = 0;
        *duplicate = false;
        return IKZ_ERR_NOINPUT;
    }
    int rc = ini_parse_stream(_read_line, &p, _on_entry, &p);
    fclose(p.fp);
    for (size_t i = 0; i < p.n; i++)
        free(p.seen[i]);
    free(p.seen);
    *line = rc > 0 ? rc : 0;
    *duplicate = p.duplicate;
    return rc == 0 ? IKZ_OK : rc < 0 ? IKZ_ERR_NOINPUT : IKZ_ERR_CONFIG;
}
