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
