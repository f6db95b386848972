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
    long too_long; /* the first line longer than inih's buffer, or 0 */
    char **seen; /* "section\nkey" of every entry so far */
    size_t n, cap;
    long duplicate; /* the line of the first key given twice, or 0 */
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
            if (!p->duplicate)
                p->duplicate = p->line;
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
    if (!s)
        return NULL;
    p->line++;
    /* inih reads at most num - 1 bytes of a line and would take the rest
     * as a line of its own: a title cut short, and its tail, if it holds
     * '=' or ':', an entry nobody wrote. Such a line ends the parse here
     * (NULL is end of file to inih); inifile_parse reports it. */
    size_t len = strlen(s);
    if (len == (size_t)num - 1 && s[len - 1] != '\n') {
        /* Exactly num - 1 bytes and then the line end: it is read here,
         * so that it does not count as a line of its own. */
        int c = getc(p->fp);
        if (c == '\r') {
            int d = getc(p->fp);
            if (d != '\n' && d != EOF)
                ungetc(d, p->fp); /* a line ended by CR alone */
        } else if (c != '\n' && c != EOF) {
            p->too_long = p->line;
            return NULL;
        }
    }
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
    /* The error reported is the first one inih met; it is a duplicate
     * only if that is where the first duplicate stood. */
    *duplicate = false;
    if (rc == 0 && p.too_long) {
        *line = p.too_long;
        return IKZ_ERR_CONFIG;
    }
    *line = rc > 0 ? rc : 0;
    *duplicate = rc > 0 && p.duplicate == rc;
    return rc == 0 ? IKZ_OK : rc < 0 ? IKZ_ERR_NOINPUT : IKZ_ERR_CONFIG;
}
