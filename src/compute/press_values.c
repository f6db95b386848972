/* press_values.c: the values of a project's or a Kreis's paragraph, see
 * press_values.h. */
#include "press_values.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"
#include "text.h"

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
    int len = (int)kommune_name_length(k->name);
    bool says_kreis = strstr(k->name, "kreis") || strstr(k->name, "Kreis") || strstr(k->name, "Region") ||
                      strstr(k->name, "verband");
    if (kommune_art_is_kreis(k->art) && !says_kreis)
        snprintf(out, outsz, "%s %.*s", kommune_art_name(k->art), len, k->name);
    else
        snprintf(out, outsz, "%.*s", len, k->name);
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

/* The Kommunen idx[0..n) as a list value: the text names them in the
 * case it asks for (german.h). false when out of memory. */
static bool _list(struct press_values *pv, const char *key, const struct kommune_register *reg, const uint32_t *idx,
                  size_t n)
{
    const struct kommune **list = malloc((n ? n : 1) * sizeof *list);
    if (!list)
        return false;
    for (size_t i = 0; i < n; i++)
        list[i] = &reg->kommune[idx[i]];
    if (pv->n_lists == PRESS_OWNED_MAX) {
        free(list);
        pv->full = true;
        return true;
    }
    pv->lists[pv->n_lists++] = list;
    struct text_value *v = _add(pv, key);
    cell_int(&v->value, (int64_t)n);
    v->kommunen = list;
    v->n_kommunen = n;
    return true;
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
 * all participants, the leads, the partners; each as a list and a count. */
enum { PEOPLE_KEYS = 6 };

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
    if (all) {
        memcpy(all, lead, n_lead * sizeof *all);
        memcpy(all + n_lead, other, n_other * sizeof *all);
    }
    if (all && _list(pv, keys[0], in->reg, all, n_lead + n_other) && _list(pv, keys[2], in->reg, lead, n_lead) &&
        _list(pv, keys[4], in->reg, other, n_other)) {
        _int(pv, keys[1], (int64_t)(n_lead + n_other));
        _int(pv, keys[3], (int64_t)n_lead);
        _int(pv, keys[5], (int64_t)n_other);
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
        "projekt_beteiligte", "projekt_beteiligte_anzahl", "projekt_federfuehrung",
        "projekt_federfuehrung_anzahl", "projekt_partner", "projekt_partner_anzahl"};
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
    uint32_t self = kr->kommune;
    if (!_list(out, "kreis", in->reg, &self, 1))
        return _done(out, IKZ_ERR_OSERR);
    _text(out, "kreis_art", kommune_art_name(kr->art));
    _int(out, "kreis_kommunen", kr->kommunen);
    _int(out, "kreis_kommunen_beteiligt", ka->kommunen_beteiligt);
    _int(out, "kreis_kommunen_nicht_beteiligt", (int64_t)kr->kommunen - ka->kommunen_beteiligt);
    _int(out, "kreis_beteiligungen", ka->beteiligungen);
    _int(out, "kreis_projekte", ka->projekte);
    _int(out, "kreis_ozg_kooperationen", ka->ozg_kooperationen);
    static const char *const people[PEOPLE_KEYS] = {
        "kreis_groesste_beteiligte",    "kreis_groesste_beteiligte_anzahl", "kreis_groesste_federfuehrung",
        "kreis_groesste_federfuehrung_anzahl", "kreis_groesste_partner", "kreis_groesste_partner_anzahl"};
    if (ka->groesste == UINT32_MAX) { /* no project: every value is empty, every list and count 0 */
        cell_empty(&_add(out, "kreis_groesste_id")->value);
        cell_empty(&_add(out, "kreis_groesste_aufgabenbereich")->value);
        for (size_t i = 0; i < PEOPLE_KEYS; i += 2) {
            if (!_list(out, people[i], in->reg, NULL, 0))
                return _done(out, IKZ_ERR_OSERR);
            _int(out, people[i + 1], 0);
        }
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
    for (size_t i = 0; i < pv->n_lists; i++)
        free((void *)pv->lists[i]);
    memset(pv, 0, sizeof *pv);
}
