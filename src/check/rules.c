/* rules.c: the judgements of rules.h. */
#include "rules.h"

#include <stdio.h>
#include <string.h>

#include "rekey.h"
#include "text.h"

static bool _fail(struct rule_result *why, enum finding_code code)
{
    why->code = code;
    why->hint[0] = '\0';
    return false;
}

bool rule_present(const char *v, struct rule_result *why)
{
    return (v && *v) || _fail(why, FINDING_PFLICHTFELD_LEER);
}

bool rule_amount(const char *v, bool required, int64_t *cents, struct rule_result *why)
{
    *cents = MONEY_NONE;
    if (!v || !*v)
        return !required || _fail(why, FINDING_PFLICHTFELD_LEER);
    if (!money_parse(v, cents)) {
        _fail(why, FINDING_BETRAG_UNGUELTIG);
        if (money_ambiguous(v))
            snprintf(why->hint, sizeof why->hint, "mehrdeutig: Tausenderpunkt oder Dezimalstellen nach führender 0?");
        return false;
    }
    if (*cents < 0)
        return _fail(why, FINDING_BETRAG_NEGATIV);
    if (*cents > MONEY_MAX_CENTS)
        return _fail(why, FINDING_BETRAG_ZU_GROSS);
    return true;
}

bool rule_date(const char *v, bool required, ikz_date *out, struct rule_result *why)
{
    *out = 0;
    if (!v || !*v)
        return !required || _fail(why, FINDING_PFLICHTFELD_LEER);
    return date_parse(v, out) || _fail(why, FINDING_DATUM_UNGUELTIG);
}

bool rule_task_area(const struct task_areas *areas, const char *code, long *index, struct rule_result *why)
{
    *index = taskareas_find(areas, code ? code : "");
    return *index >= 0 || _fail(why, FINDING_AUFGABENBEREICH_UNBEKANNT);
}

bool rule_revocation(ikz_date bewilligt, ikz_date widerrufen, struct rule_result *why)
{
    return !bewilligt || !widerrufen || widerrufen >= bewilligt || _fail(why, FINDING_WIDERRUF_VOR_BEWILLIGUNG);
}

bool rule_savings(int64_t kosten_cents, int64_t einsparung_cents, struct rule_result *why)
{
    return kosten_cents == MONEY_NONE || einsparung_cents == MONEY_NONE || einsparung_cents <= kosten_cents ||
           _fail(why, FINDING_EINSPARUNG_UEBER_KOSTEN);
}

bool rule_role(const char *v, bool *lead, struct rule_result *why)
{
    *lead = false;
    if (v && (strcmp(v, "federfuehrend") == 0 || text_equal_nocase(v, "federfuehrend") ||
              text_equal_nocase(v, "federführend"))) {
        *lead = true;
        return true;
    }
    return (v && (strcmp(v, "beteiligt") == 0 || text_equal_nocase(v, "beteiligt"))) ||
           _fail(why, FINDING_ROLLE_UNGUELTIG);
}

/* Says what an unknown AGS was probably meant to be. */
static void _ags_hint(const struct kommune_register *reg, const char *ags, char *hint, size_t n)
{
    size_t len = strlen(ags);
    char try[10];
    hint[0] = '\0';
    if (len == 8 && digits_exact(ags, 8) && strcmp(ags + 5, "000") == 0) {
        memcpy(try, ags, 5);
        try[5] = '\0';
        long k = register_find(reg, try);
        if (k >= 0 && kommune_art_is_kreis(reg->kommune[k].art))
            snprintf(hint, n, "ein Kreis hat 5 Ziffern: gemeint ist wohl %s %s", try, reg->kommune[k].name);
    } else if (len == 5 && digits_exact(ags, 5)) {
        memcpy(try, ags, 5);
        memcpy(try + 5, "000", 4);
        long k = register_find(reg, try);
        if (k >= 0)
            snprintf(hint, n, "eine kreisfreie Stadt hat 8 Ziffern: gemeint ist wohl %s %s", try, reg->kommune[k].name);
    } else if ((len == 7 || len == 4) && digits_exact(ags, len)) {
        try[0] = '0';
        memcpy(try + 1, ags, len + 1);
        long k = register_find(reg, try);
        if (k >= 0)
            snprintf(hint, n, "führende Null verloren (Excel?): gemeint ist wohl %s %s", try, reg->kommune[k].name);
    }
}

/* Names a merger after the Gebietsstand: its art and date, every key that
 * went into its successor on that day, and the Gebietsstand. */
static void _merger_hint(const struct kommune_register *reg, const struct gebietsaenderung *ch, char *hint, size_t n)
{
    char day[11], stand[11];
    date_format_de(ch->wirksam_ab, day);
    date_format_de(reg->changes_at, stand);
    int used = snprintf(hint, n, "%s zum %s aus", gebietsaenderung_art_name(ch->art), day);
    const struct gebietsaenderungen *c = reg->changes;
    const char *sep = " ";
    for (size_t i = 0; i < c->n && used >= 0 && (size_t)used < n; i++)
        if (c->item[i].wirksam_ab == ch->wirksam_ab && strcmp(c->item[i].neu, ch->neu) == 0) {
            used += snprintf(hint + used, n - (size_t)used, "%s%s", sep, c->item[i].alt);
            sep = ", ";
        }
    if (used >= 0 && (size_t)used < n)
        snprintf(hint + used, n - (size_t)used, "; Gebietsstand %s", stand);
}

bool rule_ags_known(const struct kommune_register *reg, const char *ags, struct ags_match *m, struct rule_result *why)
{
    m->outside = -1;
    m->via = NULL;
    m->kommune = register_find(reg, ags);
    if (m->kommune >= 0)
        return true;
    const char *now = ags;
    if (rekey_resolve(reg, ags, &m->kommune, &m->via)) {
        now = m->via->neu;
        if (m->kommune >= 0) {
            char day[11];
            date_format_de(m->via->wirksam_ab, day);
            _fail(why, FINDING_AGS_UMGESCHLUESSELT);
            snprintf(why->hint, sizeof why->hint, "%s; jetzt %s %s, %s zum %s", m->via->name_alt, now,
                     reg->kommune[m->kommune].name, gebietsaenderung_art_name(m->via->art), day);
            return false;
        }
    }
    const struct kommune_outside *o = register_find_outside(reg, now);
    if (o) {
        m->outside = o - reg->outside;
        _fail(why, FINDING_BETEILIGUNG_ANDERES_LAND);
        snprintf(why->hint, sizeof why->hint, "%s, Land %.2s", o->name, o->ags);
        return false;
    }
    const struct gebietsaenderung *ch;
    switch (rekey_resolve_back(reg, ags, &m->kommune, &ch)) {
    case REKEY_BACK_KOMMUNE: {
        char day[11];
        date_format_de(ch->wirksam_ab, day);
        _fail(why, FINDING_AGS_ZURUECKGESCHLUESSELT);
        snprintf(why->hint, sizeof why->hint, "Schlüsseländerung von %s zu %s zum %s; gezählt bei %s %s", ch->alt,
                 ch->neu, day, reg->kommune[m->kommune].ags, reg->kommune[m->kommune].name);
        return false;
    }
    case REKEY_BACK_MERGER:
        _fail(why, FINDING_AGS_NACH_GEBIETSSTAND);
        _merger_hint(reg, ch, why->hint, sizeof why->hint);
        return false;
    case REKEY_BACK_NONE:
        break;
    }
    _fail(why, FINDING_AGS_UNBEKANNT);
    _ags_hint(reg, ags, why->hint, sizeof why->hint);
    return false;
}

bool rule_einwohner(const char *v, int64_t *out, struct rule_result *why)
{
    return (v && count_parse(v, out)) || _fail(why, FINDING_EINWOHNER_UNGUELTIG);
}
