/* rekey.c: see rekey.h. A list holds dozens of changes in practice, but
 * a national history or a long chain of Eingliederungen must not make the
 * run quadratic: the changes are sorted once by ags_alt and by ags_neu, so
 * each step of a chain is a binary search, and the end of every chain at
 * the Gebietsstand is worked out once, each change visited once. */
#include "rekey.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE SIZE_MAX         /* no change */
#define CYCLE (SIZE_MAX - 1)  /* the chain runs in a circle */
#define WORKING (SIZE_MAX - 2) /* on the chain being worked out */

struct _sort_key {
    const char *key;
    ikz_date date;
    size_t idx;
};

static int _cmp_sort_key(const void *a, const void *b)
{
    const struct _sort_key *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    if (x->date != y->date)
        return x->date < y->date ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The changes' indices ordered by ags_alt (by_neu: ags_neu), date, line
 * order; NULL when out of memory. */
static size_t *_sorted(const struct gebietsaenderungen *c, bool by_neu)
{
    struct _sort_key *k = malloc((c->n ? c->n : 1) * sizeof *k);
    size_t *order = malloc((c->n ? c->n : 1) * sizeof *order);
    if (!k || !order) {
        free(k);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++)
        k[i] = (struct _sort_key){by_neu ? c->item[i].neu : c->item[i].alt, c->item[i].wirksam_ab, i};
    qsort(k, c->n, sizeof *k, _cmp_sort_key);
    for (size_t i = 0; i < c->n; i++)
        order[i] = k[i].idx;
    free(k);
    return order;
}

/* In order (by ags_alt or ags_neu, then date): the first position whose
 * (key, date) is after (key, date) when after, else not before it. */
static size_t _bound(const struct gebietsaenderungen *c, const size_t *order, bool by_neu, const char *key,
                     ikz_date date, bool after)
{
    size_t lo = 0, hi = c->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct gebietsaenderung *g = &c->item[order[mid]];
        int cmp = strcmp(by_neu ? g->neu : g->alt, key);
        if (cmp == 0)
            cmp = g->wirksam_ab < date ? -1 : g->wirksam_ab > date;
        if (cmp < 0 || (after && cmp == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The change that retired key by date at (the latest, if the key was
 * retired more than once; of two on that day the one listed first), as
 * an index, or NONE. */
static size_t _next(const struct gebietsaenderungen *c, const size_t *by_alt, const char *key, ikz_date at)
{
    size_t p = _bound(c, by_alt, false, key, at, true);
    if (p == 0 || strcmp(c->item[by_alt[p - 1]].alt, key) != 0)
        return NONE;
    return by_alt[_bound(c, by_alt, false, key, c->item[by_alt[p - 1]].wirksam_ab, false)];
}

/* Per change, the last change of the chain that starts with it at date
 * at (itself when nothing retired its ags_neu by then), or CYCLE. Each
 * change is visited once: a walk stops at the first change whose end is
 * known. NULL when out of memory. */
static size_t *_chain_ends(const struct gebietsaenderungen *c, const size_t *by_alt, ikz_date at)
{
    size_t *end = malloc((c->n ? c->n : 1) * sizeof *end);
    size_t *path = malloc((c->n ? c->n : 1) * sizeof *path);
    if (!end || !path) {
        free(end);
        free(path);
        return NULL;
    }
    for (size_t i = 0; i < c->n; i++)
        end[i] = NONE;
    for (size_t i = 0; i < c->n; i++) {
        size_t len = 0, e = i, found;
        for (;;) {
            if (end[e] == WORKING) {
                found = CYCLE;
                break;
            }
            if (end[e] != NONE) {
                found = end[e];
                break;
            }
            end[e] = WORKING;
            path[len++] = e;
            size_t next = _next(c, by_alt, c->item[e].neu, at);
            if (next == NONE) {
                found = e;
                break;
            }
            e = next;
        }
        while (len)
            end[path[--len]] = found;
    }
    free(path);
    return end;
}

/* Follows key through the changes at the date end was worked out for:
 * the last change applied (NONE: none applies; CYCLE). */
static size_t _follow(const struct gebietsaenderungen *c, const size_t *by_alt, const size_t *end, const char *key,
                      ikz_date at)
{
    size_t first = _next(c, by_alt, key, at);
    return first == NONE ? NONE : end[first];
}

#define ALL_DATES 99991231 /* for the checks that hold whatever the Gebietsstand */

static void _cycle_finding(const struct gebietsaenderungen *changes, const struct gebietsaenderung *ci,
                           struct findings *findings)
{
    findings_add(findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, changes->display, ci->line, "ags_alt", ci->alt,
                 "Kreislauf: die Kette der Änderungen führt zu %s zurück", ci->alt);
}

enum ikz_status rekey_attach(struct kommune_register *reg, const struct gebietsaenderungen *changes, ikz_date at,
                             struct findings *findings)
{
    free(reg->changes_by_alt);
    free(reg->changes_by_neu);
    free(reg->chain_end);
    reg->changes = NULL;
    reg->changes_by_alt = _sorted(changes, false);
    reg->changes_by_neu = _sorted(changes, true);
    size_t *end_all = reg->changes_by_alt ? _chain_ends(changes, reg->changes_by_alt, ALL_DATES) : NULL;
    reg->chain_end = reg->changes_by_alt ? _chain_ends(changes, reg->changes_by_alt, at) : NULL;
    /* Per change, the first change of its ags_alt and day whose ags_neu
     * differs from the first's (NONE if all agree): with it, naming the
     * earliest other successor of each change takes one look. */
    size_t *differs = malloc((changes->n ? changes->n : 1) * sizeof *differs);
    if (!reg->changes_by_neu || !end_all || !reg->chain_end || !differs) {
        free(end_all);
        free(differs);
        return IKZ_ERR_OSERR;
    }
    const size_t *by_alt = reg->changes_by_alt;
    for (size_t p = 0; p < changes->n;) {
        size_t q = p + 1, d = NONE;
        const struct gebietsaenderung *first = &changes->item[by_alt[p]];
        for (; q < changes->n; q++) {
            const struct gebietsaenderung *g = &changes->item[by_alt[q]];
            if (strcmp(g->alt, first->alt) != 0 || g->wirksam_ab != first->wirksam_ab)
                break;
            if (d == NONE && strcmp(g->neu, first->neu) != 0)
                d = by_alt[q];
        }
        for (size_t k = p; k < q; k++)
            differs[by_alt[k]] = strcmp(changes->item[by_alt[k]].neu, first->neu) != 0 ? by_alt[p] : d;
        p = q;
    }

    size_t errors_before = findings->errors;
    for (size_t i = 0; i < changes->n; i++) {
        const struct gebietsaenderung *ci = &changes->item[i];
        if (differs[i] != NONE && differs[i] < i) {
            const struct gebietsaenderung *cj = &changes->item[differs[i]];
            findings_add(findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, changes->display, ci->line, "ags_neu",
                         ci->neu, "%s hat zum selben Tag schon die Nachfolgerin %s (Zeile %ld)", ci->alt, cj->neu,
                         cj->line);
        }
        if (_follow(changes, by_alt, end_all, ci->alt, ALL_DATES) == CYCLE) {
            _cycle_finding(changes, ci, findings);
            continue;
        }
        if (ci->wirksam_ab > at)
            continue; /* not in force at this Gebietsstand: its successor need not exist */
        /* Two changes that undo each other before the Gebietsstand, with a
         * later change beside them, run in a circle only at it. */
        size_t last = _follow(changes, by_alt, reg->chain_end, ci->alt, at);
        if (last == CYCLE) {
            _cycle_finding(changes, ci, findings);
            continue;
        }
        const char *now = changes->item[last].neu;
        if (register_find(reg, now) < 0 && !register_find_outside(reg, now)) {
            char day[11];
            date_format_de(at, day);
            findings_add(findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, changes->display, ci->line, "ags_neu",
                         ci->neu, "die Kette endet bei %s, das im Gemeindeverzeichnis zum %s fehlt", now, day);
        }
    }
    free(end_all);
    free(differs);
    if (findings->errors > errors_before)
        return IKZ_ERR_CONFIG;
    reg->changes = changes;
    reg->changes_at = at;
    return IKZ_OK;
}

bool rekey_resolve(const struct kommune_register *reg, const char *ags, long *kommune,
                   const struct gebietsaenderung **last)
{
    *kommune = -1;
    *last = NULL;
    if (!reg->changes)
        return false;
    size_t e = _follow(reg->changes, reg->changes_by_alt, reg->chain_end, ags, reg->changes_at);
    if (e == NONE || e == CYCLE)
        return false;
    *last = &reg->changes->item[e];
    *kommune = register_find(reg, (*last)->neu);
    return *kommune >= 0 || register_find_outside(reg, (*last)->neu);
}

enum rekey_back rekey_resolve_back(const struct kommune_register *reg, const char *ags, long *kommune,
                                   const struct gebietsaenderung **change)
{
    *kommune = -1;
    *change = NULL;
    const struct gebietsaenderungen *c = reg->changes;
    if (!c)
        return REKEY_BACK_NONE;
    const char *key = ags;
    ikz_date until = ALL_DATES; /* going back in time: each step no later than the one before */
    /* More steps than changes would be a cycle; rekey_attach rejects those,
     * the bound keeps this loop finite all the same. */
    for (size_t steps = 0; steps <= c->n; steps++) {
        /* The latest day, after the Gebietsstand and no later than until,
         * on which changes led into key: positions [from, to) of by_neu. */
        size_t to = _bound(c, reg->changes_by_neu, true, key, until, true);
        const struct gebietsaenderung *into = NULL;
        size_t on_that_day = 0;
        if (to > 0) {
            const struct gebietsaenderung *latest = &c->item[reg->changes_by_neu[to - 1]];
            if (strcmp(latest->neu, key) == 0 && latest->wirksam_ab > reg->changes_at) {
                size_t from = _bound(c, reg->changes_by_neu, true, key, latest->wirksam_ab, false);
                on_that_day = to - from;
                into = &c->item[reg->changes_by_neu[from]];
                for (size_t k = from + 1; k < to; k++)
                    if (c->item[reg->changes_by_neu[k]].art != CHANGE_SCHLUESSELAENDERUNG)
                        into = &c->item[reg->changes_by_neu[k]]; /* name the merger, not a key change beside it */
            }
        }
        if (!into)
            return REKEY_BACK_NONE;
        *change = into;
        /* A territory made of several cannot be given back to one of them. */
        if (into->art != CHANGE_SCHLUESSELAENDERUNG || on_that_day > 1)
            return REKEY_BACK_MERGER;
        *kommune = register_find(reg, into->alt);
        if (*kommune >= 0)
            return REKEY_BACK_KOMMUNE;
        key = into->alt;
        until = into->wirksam_ab;
    }
    *change = NULL;
    return REKEY_BACK_NONE;
}
