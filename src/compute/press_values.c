/* press_values.c: the values of a project's or a Kreis's paragraph, see
 * press_values.h. */
#include "press_values.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "text.h"

/* Names beyond this many are counted: "… und 12 weitere". */
#define ENUM_MAX_NAMES 50

long press_find_projekt(const struct exports *ex, const char *id)
{
    /* Projects are sorted by id; a repeated id keeps its first row usable. */
    size_t lo = 0, hi = ex->n_projekte;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ex->projekt[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ex->n_projekte && strcmp(ex->projekt[lo].id, id) == 0 ? (long)lo : -1;
}

void press_name(const struct kommune *k, char *out, size_t outsz)
{
    const char *comma = strstr(k->name, ", ");
    int len = comma ? (int)(comma - k->name) : (int)strlen(k->name);
    bool says_kreis = strstr(k->name, "kreis") || strstr(k->name, "Kreis") || strstr(k->name, "Region") ||
                      strstr(k->name, "verband");
    if (kommune_art_is_kreis(k->art) && !says_kreis)
        snprintf(out, outsz, "%s %.*s", kommune_art_name(k->art), len, k->name);
    else
        snprintf(out, outsz, "%.*s", len, k->name);
}

/* What a group of Kommunen is called, in number: "Gemeinde(n)",
 * "Stadt/Städte", "Landkreis(e)", or "Kommune(n)" when they are mixed. */
static const char *_kind_word(const struct kommune_register *reg, const uint32_t *idx, size_t n)
{
    enum { GEMEINDE = 1, STADT = 2, KREIS = 4 } seen = 0;
    for (size_t i = 0; i < n; i++) {
        enum kommune_art a = reg->kommune[idx[i]].art;
        seen |= kommune_art_is_kreis(a) ? KREIS : (a == ART_GEMEINDE || a == ART_MARKT) ? GEMEINDE : STADT;
    }
    bool one = n == 1;
    switch (seen) {
    case GEMEINDE: return one ? "Gemeinde" : "Gemeinden";
    case STADT: return one ? "Stadt" : "Städte";
    case KREIS: return one ? "Landkreis" : "Landkreise";
    default: return one ? "Kommune" : "Kommunen";
    }
}

static struct text_value *_add(struct press_values *pv, const char *key)
{
    pv->full |= pv->n == PRESS_VALUES_MAX;
    struct text_value *v = pv->full ? &pv->spare : &pv->v[pv->n++];
    v->key = key;
    return v;
}

static void _int(struct press_values *pv, const char *key, int64_t n) { cell_int(&_add(pv, key)->value, n); }

static void _text(struct press_values *pv, const char *key, const char *s)
{
    cell_text(&_add(pv, key)->value, s && *s ? s : NULL);
}

/* "A", "A und B", "A, B und C": the Kommunen idx[0..n) by their press
 * names. NULL when out of memory. */
static char *_enumerate(struct press_values *pv, const struct kommune_register *reg, const uint32_t *idx, size_t n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return NULL;
    size_t shown = n > ENUM_MAX_NAMES ? ENUM_MAX_NAMES : n;
    for (size_t i = 0; i < shown; i++) {
        char name[256];
        press_name(&reg->kommune[idx[i]], name, sizeof name);
        const char *sep = i == 0 ? "" : (i + 1 == shown && shown == n) ? " und " : ", ";
        fprintf(fp, "%s%s", sep, name);
    }
    if (shown < n)
        fprintf(fp, " und %zu weitere", n - shown);
    if (fclose(fp) != 0) {
        free(buf);
        return NULL;
    }
    if (pv->n_owned == PRESS_OWNED_MAX) {
        static char none[1];
        free(buf);
        pv->full = true;
        return none;
    }
    pv->owned[pv->n_owned++] = buf;
    return buf;
}

static int _by_line(const void *a, const void *b)
{
    const struct beteiligung *x = *(const struct beteiligung *const *)a, *y = *(const struct beteiligung *const *)b;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The project's participants in the order of the export, the leads
 * first: lead[0..*n_lead) and other[0..*n_other). */
static enum ikz_status _participants(const struct exports *ex, const struct projekt *p, uint32_t **lead,
                                     size_t *n_lead, uint32_t **other, size_t *n_other)
{
    const struct beteiligung **b = malloc((p->count ? p->count : 1) * sizeof *b);
    *lead = malloc((p->count ? p->count : 1) * sizeof **lead);
    *other = malloc((p->count ? p->count : 1) * sizeof **other);
    if (!b || !*lead || !*other) {
        free(b);
        return IKZ_ERR_OSERR;
    }
    for (uint32_t j = 0; j < p->count; j++)
        b[j] = &ex->beteiligung[p->first + j];
    qsort(b, p->count, sizeof *b, _by_line);
    *n_lead = *n_other = 0;
    for (uint32_t j = 0; j < p->count; j++) {
        if (b[j]->lead)
            (*lead)[(*n_lead)++] = b[j]->kommune;
        else
            (*other)[(*n_other)++] = b[j]->kommune;
    }
    free(b);
    return IKZ_OK;
}

/* The keys of a project's people, in the order _project_people sets them:
 * all participants, the leads, the partners; each as names, count, kind. */
enum { PEOPLE_KEYS = 9 };

static enum ikz_status _project_people(struct press_values *pv, const struct figures_input *in,
                                       const struct projekt *p, const char *const keys[PEOPLE_KEYS])
{
    uint32_t *lead, *other;
    size_t n_lead, n_other;
    enum ikz_status st = _participants(in->ex, p, &lead, &n_lead, &other, &n_other);
    if (st != IKZ_OK) {
        free(lead);
        free(other);
        return st;
    }
    uint32_t *all = malloc((n_lead + n_other + 1) * sizeof *all);
    char *all_names = NULL, *lead_names = NULL, *other_names = NULL;
    if (all) {
        memcpy(all, lead, n_lead * sizeof *all);
        memcpy(all + n_lead, other, n_other * sizeof *all);
        all_names = _enumerate(pv, in->reg, all, n_lead + n_other);
        lead_names = _enumerate(pv, in->reg, lead, n_lead);
        other_names = _enumerate(pv, in->reg, other, n_other);
    }
    if (all_names && lead_names && other_names) {
        _text(pv, keys[0], all_names);
        _int(pv, keys[1], (int64_t)(n_lead + n_other));
        _text(pv, keys[2], n_lead + n_other ? _kind_word(in->reg, all, n_lead + n_other) : NULL);
        _text(pv, keys[3], lead_names);
        _int(pv, keys[4], (int64_t)n_lead);
        _text(pv, keys[5], n_lead ? _kind_word(in->reg, lead, n_lead) : NULL);
        _text(pv, keys[6], other_names);
        _int(pv, keys[7], (int64_t)n_other);
        _text(pv, keys[8], n_other ? _kind_word(in->reg, other, n_other) : NULL);
    } else {
        st = IKZ_ERR_OSERR;
    }
    free(all);
    free(lead);
    free(other);
    return st;
}

/* The end of a paragraph's values: values beyond the bounds are a
 * programming error, reported, never written past the arrays. */
static enum ikz_status _done(struct press_values *pv, enum ikz_status st)
{
    if (st == IKZ_OK && pv->full)
        st = IKZ_ERR_SOFTWARE;
    if (st != IKZ_OK)
        press_values_free(pv);
    return st;
}

enum ikz_status press_values_projekt(const struct figures_input *in, size_t i, struct press_values *out)
{
    memset(out, 0, sizeof *out);
    const struct projekt *p = &in->ex->projekt[i];
    static const char *const people[PEOPLE_KEYS] = {
        "projekt_beteiligte",        "projekt_beteiligte_anzahl",    "projekt_beteiligte_art",
        "projekt_federfuehrung",     "projekt_federfuehrung_anzahl", "projekt_federfuehrung_art",
        "projekt_partner",           "projekt_partner_anzahl",       "projekt_partner_art"};
    _text(out, "projekt_id", p->id);
    _text(out, "projekt_aufgabenbereich", in->areas->item[p->area].label);
    _text(out, "projekt_aufgabenbereich_code", in->areas->item[p->area].code);
    cell_date(&_add(out, "projekt_bewilligt_am")->value, p->bewilligt);
    cell_money(&_add(out, "projekt_foerderbetrag_eur")->value, p->foerder_cents);
    bool both = p->kosten_cents != MONEY_NONE && p->einsparung_cents != MONEY_NONE;
    _int(out, "projekt_mit_einsparungsangabe", both);
    cell_money(&_add(out, "projekt_ausgangskosten_eur_jahr")->value, both ? p->kosten_cents : MONEY_NONE);
    cell_money(&_add(out, "projekt_einsparung_eur_jahr")->value, both ? p->einsparung_cents : MONEY_NONE);
    struct cell *eff = &_add(out, "projekt_effizienzgewinn_prozent")->value;
    if (!both)
        cell_unknown(eff);
    else
        cell_real(eff, p->kosten_cents ? 100.0 * (double)p->einsparung_cents / (double)p->kosten_cents : NAN);
    return _done(out, _project_people(out, in, p, people));
}

enum ikz_status press_values_kreis(const struct figures_input *in, size_t k, struct press_values *out)
{
    memset(out, 0, sizeof *out);
    const struct kreis *kr = &in->reg->kreis[k];
    const struct kreis_agg *ka = &in->agg->kreis[k];
    char name[256];
    press_name(&in->reg->kommune[kr->kommune], name, sizeof name);
    char *owned = strdup(name);
    if (!owned)
        return IKZ_ERR_OSERR;
    out->owned[out->n_owned++] = owned; /* the first: always room */
    _text(out, "kreis_schluessel", kr->key);
    _text(out, "kreis_name", owned);
    _text(out, "kreis_art", kommune_art_name(kr->art));
    _int(out, "kreis_kommunen", kr->kommunen);
    _int(out, "kreis_kommunen_beteiligt", ka->kommunen_beteiligt);
    _int(out, "kreis_kommunen_nicht_beteiligt", (int64_t)kr->kommunen - ka->kommunen_beteiligt);
    _int(out, "kreis_beteiligungen", ka->beteiligungen);
    _int(out, "kreis_projekte", ka->projekte);
    _int(out, "kreis_ozg_kooperationen", ka->ozg_kooperationen);
    static const char *const people[PEOPLE_KEYS] = {
        "kreis_groesste_beteiligte",    "kreis_groesste_beteiligte_anzahl",    "kreis_groesste_beteiligte_art",
        "kreis_groesste_federfuehrung", "kreis_groesste_federfuehrung_anzahl", "kreis_groesste_federfuehrung_art",
        "kreis_groesste_partner",       "kreis_groesste_partner_anzahl",       "kreis_groesste_partner_art"};
    if (ka->groesste == UINT32_MAX) { /* no project: every value is empty, every count 0 */
        cell_empty(&_add(out, "kreis_groesste_id")->value);
        cell_empty(&_add(out, "kreis_groesste_aufgabenbereich")->value);
        for (size_t i = 0; i < PEOPLE_KEYS; i++)
            if (i % 3 == 1)
                _int(out, people[i], 0);
            else
                cell_empty(&_add(out, people[i])->value);
        return _done(out, IKZ_OK);
    }
    const struct projekt *p = &in->ex->projekt[ka->groesste];
    _text(out, "kreis_groesste_id", p->id);
    _text(out, "kreis_groesste_aufgabenbereich", in->areas->item[p->area].label);
    return _done(out, _project_people(out, in, p, people));
}

void press_values_free(struct press_values *pv)
{
    for (size_t i = 0; i < pv->n_owned; i++)
        free(pv->owned[i]);
    memset(pv, 0, sizeof *pv);
}
