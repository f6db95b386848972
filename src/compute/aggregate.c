/* aggregate.c: counts and sums at one Stichtag, see aggregate.h. */
#include "aggregate.h"

#include <stdlib.h>
#include <string.h>

bool aggregate_is_active(const struct projekt *p, ikz_date s)
{
    return projekt_funded(p, s);
}

bool aggregate_in_report(const struct projekt *p)
{
    /* Its participations in the report's Land; the partners of other
     * Länder are only counted (outside). A project without any known
     * participant (left usable when it is not funded at the Stichtag or a
     * year before) is the funding database's own, as it always was. */
    return p->count > 0 || p->outside == 0;
}

/* *sum += v, false if that would overflow. The readers bound each amount
 * (MONEY_MAX_CENTS), so this cannot fail for any export that fits in
 * memory; it is checked all the same, never trusted. */
static bool _add(int64_t *sum, int64_t v) { return !__builtin_add_overflow(*sum, v, sum); }

static bool _add_money(struct money_sum *m, const struct projekt *p)
{
    bool ok = true;
    if (p->foerder_cents != MONEY_NONE)
        ok &= _add(&m->foerder, p->foerder_cents);
    else
        m->n_foerder_fehlt++;
    if (p->kosten_cents != MONEY_NONE && p->einsparung_cents != MONEY_NONE) {
        ok &= _add(&m->kosten, p->kosten_cents);
        ok &= _add(&m->einsparung, p->einsparung_cents);
        m->n_angabe++;
    }
    return ok;
}

/* The time series: approvals, revocations and OZG approvals per year, and
 * the stock at each year's end (at S in S's own year). */
static enum ikz_status _years(const struct exports *ex, const struct aggregate *agg, struct year_agg **out,
                              size_t *n_out, long ozg_area)
{
    int first = 0, last = date_year(agg->stichtag);
    for (size_t i = 0; i < ex->n_projekte; i++) {
        const struct projekt *p = &ex->projekt[i];
        if (p->usable && aggregate_in_report(p) && p->bewilligt <= agg->stichtag &&
            (first == 0 || date_year(p->bewilligt) < first))
            first = date_year(p->bewilligt);
    }
    *out = NULL;
    *n_out = 0;
    if (first == 0)
        return IKZ_OK;
    size_t n = (size_t)(last - first + 1);
    struct year_agg *y = calloc(n, sizeof *y);
    if (!y)
        return IKZ_ERR_OSERR;
    for (size_t j = 0; j < n; j++)
        y[j].jahr = first + (int)j;
    for (size_t i = 0; i < ex->n_projekte; i++) {
        const struct projekt *p = &ex->projekt[i];
        if (!p->usable || !aggregate_in_report(p) || p->bewilligt > agg->stichtag)
            continue;
        size_t j = (size_t)(date_year(p->bewilligt) - first);
        y[j].neu_bewilligt++;
        if ((long)p->area == ozg_area && p->bewilligt >= agg->ozg_seit)
            y[j].ozg_neu++;
        if (p->widerrufen && p->widerrufen <= agg->stichtag)
            y[date_year(p->widerrufen) - first].widerrufen++;
        /* Active from its approval year until the year before revocation. */
        int until = p->widerrufen && p->widerrufen <= agg->stichtag ? date_year(p->widerrufen) - 1 : last;
        for (int yr = date_year(p->bewilligt); yr <= until; yr++)
            y[yr - first].bestand++;
    }
    *out = y;
    *n_out = n;
    return IKZ_OK;
}

enum ikz_status aggregate_compute(const struct kommune_register *reg, const struct task_areas *areas,
                                  const struct exports *ex, ikz_date stichtag, ikz_date ozg_seit,
                                  struct aggregate *out)
{
    memset(out, 0, sizeof *out);
    out->stichtag = stichtag;
    out->ozg_seit = ozg_seit;
    size_t nk = reg->n ? reg->n : 1, np = ex->n_projekte ? ex->n_projekte : 1;
    out->projekte = calloc(nk, sizeof *out->projekte);
    out->federfuehrend = calloc(nk, sizeof *out->federfuehrend);
    out->ozg_projekte = calloc(nk, sizeof *out->ozg_projekte);
    out->beteiligte = calloc(np, sizeof *out->beteiligte);
    out->flags = calloc(np, 1);
    out->kreis = calloc(reg->n_kreise ? reg->n_kreise : 1, sizeof *out->kreis);
    out->area = calloc(areas->n ? areas->n : 1, sizeof *out->area);
    /* Stamps: the last project counted for a Kreis / an OZG Kommune, so that
     * distinct counts need no set. */
    uint32_t *kreis_stamp = malloc((reg->n_kreise ? reg->n_kreise : 1) * sizeof *kreis_stamp);
    if (!out->projekte || !out->federfuehrend || !out->ozg_projekte || !out->beteiligte || !out->flags ||
        !out->kreis || !out->area || !kreis_stamp) {
        free(kreis_stamp);
        aggregate_free(out);
        return IKZ_ERR_OSERR;
    }
    for (size_t i = 0; i < reg->n_kreise; i++) {
        kreis_stamp[i] = UINT32_MAX;
        out->kreis[i].groesste = UINT32_MAX;
    }

    for (size_t i = 0; i < ex->n_projekte; i++) {
        const struct projekt *p = &ex->projekt[i];
        if (!aggregate_is_active(p, stichtag) || !aggregate_in_report(p))
            continue;
        bool ozg = (long)p->area == areas->ozg && p->bewilligt >= ozg_seit;
        out->flags[i] = (uint8_t)(AGG_ACTIVE | (ozg ? AGG_OZG : 0));
        out->beteiligte[i] = p->count;
        out->projekte_aktiv++;
        out->ozg_kooperationen += ozg;
        out->beteiligungen += p->count;
        out->beteiligungen_anderes_land += p->outside;
        struct area_agg *a = &out->area[p->area];
        a->projekte++;
        a->beteiligungen += p->count;
        if (!_add_money(&out->money, p) || !_add_money(&a->money, p)) {
            free(kreis_stamp);
            aggregate_free(out);
            return IKZ_ERR_SOFTWARE; /* a sum beyond int64_t: the amount bound failed */
        }
        for (uint32_t j = 0; j < p->count; j++) {
            const struct beteiligung *b = &ex->beteiligung[p->first + j];
            out->projekte[b->kommune]++;
            out->federfuehrend[b->kommune] += b->lead;
            out->beteiligungen_umgeschluesselt += b->rekeyed;
            out->ozg_projekte[b->kommune] += ozg;
            uint32_t kr = reg->kommune[b->kommune].kreis;
            out->kreis[kr].beteiligungen++;
            if (kreis_stamp[kr] != (uint32_t)i) {
                struct kreis_agg *ka = &out->kreis[kr];
                kreis_stamp[kr] = (uint32_t)i;
                ka->projekte++;
                ka->ozg_kooperationen += ozg;
                /* Projects come in id order: on a tie the earlier id stays. */
                const struct projekt *g = ka->groesste == UINT32_MAX ? NULL : &ex->projekt[ka->groesste];
                if (!g || p->count > g->count || (p->count == g->count && p->bewilligt < g->bewilligt))
                    ka->groesste = (uint32_t)i;
            }
        }
    }
    free(kreis_stamp);

    for (size_t k = 0; k < reg->n; k++) {
        bool kreis = kommune_art_is_kreis(reg->kommune[k].art);
        if (out->projekte[k]) {
            out->kommunen_beteiligt++;
            out->kreis[reg->kommune[k].kreis].kommunen_beteiligt++;
            if (kreis)
                out->kreise_beteiligt++;
            else
                out->gemeinden_beteiligt++;
        }
        if (out->ozg_projekte[k]) {
            out->ozg_kommunen++;
            if (!kreis)
                out->ozg_gemeinden++;
        }
    }
    enum ikz_status st = _years(ex, out, &out->jahr, &out->n_jahre, areas->ozg);
    if (st != IKZ_OK)
        aggregate_free(out);
    return st;
}

void aggregate_free(struct aggregate *agg)
{
    free(agg->projekte);
    free(agg->federfuehrend);
    free(agg->ozg_projekte);
    free(agg->beteiligte);
    free(agg->flags);
    free(agg->kreis);
    free(agg->area);
    free(agg->jahr);
    memset(agg, 0, sizeof *agg);
}
