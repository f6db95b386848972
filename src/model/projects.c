/* projects.c: the projects' string blocks, the definition of funded, the
 * lookup by id and the free, see projects.h. Reading the exports is
 * read/projekte.c's and read/beteiligungen.c's. */
#include "projects.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* String blocks                                                           */

/* One malloc per project id would cost more than the id itself; blocks of
 * 1 MiB cost a pointer each and never move, so the projects may point in. */
#define STRING_BLOCK (1u << 20)

struct string_block {
    struct string_block *next;
    size_t used, size;
    char data[];
};

const char *exports_keep(struct exports *ex, const char *s)
{
    size_t len = strlen(s) + 1;
    struct string_block *b = ex->strings;
    if (!b || b->used + len > b->size) {
        size_t size = len > STRING_BLOCK ? len : STRING_BLOCK;
        struct string_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->size = size;
        ex->strings = b = nb;
    }
    char *out = b->data + b->used;
    memcpy(out, s, len);
    b->used += len;
    return out;
}

/* ---------------------------------------------------------------------- */
/* Projects                                                                */

bool projekt_funded(const struct projekt *p, ikz_date d)
{
    return p->usable && p->bewilligt <= d && !(p->widerrufen && p->widerrufen <= d);
}

static int _cmp_id(const void *key, const void *elem)
{
    return strcmp(key, ((const struct projekt *)elem)->id);
}

long exports_find_projekt(const struct exports *ex, const char *id)
{
    /* Duplicates sit next to each other; bsearch may hit any of them, the
     * first one is the one that counts. */
    if (ex->n_projekte == 0)
        return -1;
    const struct projekt *p = bsearch(id, ex->projekt, ex->n_projekte, sizeof *ex->projekt, _cmp_id);
    if (!p)
        return -1;
    while (p > ex->projekt && strcmp(p[-1].id, id) == 0)
        p--;
    return p - ex->projekt;
}

void exports_free(struct exports *ex)
{
    for (struct string_block *b = ex->strings, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(ex->projekt);
    free(ex->detail);
    free(ex->beteiligung);
    memset(ex, 0, sizeof *ex);
}
