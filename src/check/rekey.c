/* rekey.c: see rekey.h. The list holds dozens of changes, and only keys
 * the register lacks are looked up, so plain scans suffice. */
#include "rekey.h"

#include <string.h>

/* The change that retired key by date at (the latest, if the key was
 * retired more than once), or NULL. */
static const struct gebietsaenderung *_next(const struct gebietsaenderungen *c, const char *key, ikz_date at)
{
    const struct gebietsaenderung *best = NULL;
    for (size_t i = 0; i < c->n; i++)
        if (c->item[i].wirksam_ab <= at && strcmp(c->item[i].alt, key) == 0 &&
            (!best || c->item[i].wirksam_ab > best->wirksam_ab))
            best = &c->item[i];
    return best;
}

/* Follows key through the changes in force at at. Returns the number of
 * steps, or -1 for a cycle (more steps than changes); *last the last one. */
static long _follow(const struct gebietsaenderungen *c, const char *key, ikz_date at,
                    const struct gebietsaenderung **last)
{
    *last = NULL;
    long steps = 0;
    const struct gebietsaenderung *ch;
    while ((ch = _next(c, *last ? (*last)->neu : key, at)) != NULL) {
        *last = ch;
        if ((size_t)++steps > c->n)
            return -1;
    }
    return steps;
}

#define ALL_DATES 99991231 /* for the checks that hold whatever the Gebietsstand */

enum ikz_status rekey_attach(struct kommune_register *reg, const struct gebietsaenderungen *changes, ikz_date at,
                             struct findings *findings)
{
    size_t errors_before = findings->errors;
    for (size_t i = 0; i < changes->n; i++) {
        const struct gebietsaenderung *ci = &changes->item[i];
        for (size_t j = 0; j < i; j++) {
            const struct gebietsaenderung *cj = &changes->item[j];
            if (strcmp(ci->alt, cj->alt) == 0 && ci->wirksam_ab == cj->wirksam_ab && strcmp(ci->neu, cj->neu) != 0)
                findings_add(findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, changes->display, ci->line, "ags_neu",
                             ci->neu, "%s hat zum selben Tag schon die Nachfolgerin %s (Zeile %ld)", ci->alt, cj->neu,
                             cj->line);
        }
        const struct gebietsaenderung *last;
        if (_follow(changes, ci->alt, ALL_DATES, &last) < 0) {
            findings_add(findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, changes->display, ci->line, "ags_alt",
                         ci->alt, "Kreislauf: die Kette der Änderungen führt zu %s zurück", ci->alt);
            continue;
        }
        if (ci->wirksam_ab > at)
            continue; /* not in force at this Gebietsstand: its successor need not exist */
        _follow(changes, ci->alt, at, &last);
        if (register_find(reg, last->neu) < 0 && !register_find_outside(reg, last->neu)) {
            char day[11];
            date_format_de(at, day);
            findings_add(findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, changes->display, ci->line, "ags_neu",
                         ci->neu, "die Kette endet bei %s, das im Gemeindeverzeichnis zum %s fehlt", last->neu, day);
        }
    }
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
    if (!reg->changes || _follow(reg->changes, ags, reg->changes_at, last) <= 0)
        return false;
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
        const struct gebietsaenderung *into = NULL;
        size_t on_that_day = 0;
        for (size_t i = 0; i < c->n; i++) {
            const struct gebietsaenderung *ci = &c->item[i];
            if (ci->wirksam_ab <= reg->changes_at || ci->wirksam_ab > until || strcmp(ci->neu, key) != 0)
                continue;
            if (!into || ci->wirksam_ab > into->wirksam_ab) {
                into = ci;
                on_that_day = 1;
            } else if (ci->wirksam_ab == into->wirksam_ab) {
                on_that_day++;
                if (ci->art != CHANGE_SCHLUESSELAENDERUNG)
                    into = ci; /* name the merger, not a key change beside it */
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
