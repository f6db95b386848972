/* aggregate.h: counting the exports at one Stichtag.
 *
 * At Stichtag S a project is active if bewilligt_am <= S and it was not
 * revoked on or before S. Only active projects count; a participation is a
 * distinct (active project, Kommune) pair. An OZG cooperation is an active
 * project of the OZG area approved on or after ozg_seit. This module only
 * counts and sums (integers and cents); stats.c and figures.c turn the
 * counts into statistics. The same exports can be aggregated at several
 * Stichtage (the previous-year column of the workbook). */
#ifndef IKZ_AGGREGATE_H
#define IKZ_AGGREGATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "areas.h"
#include "kommunen.h"
#include "projects.h"
#include "status.h"
#include "values.h"

/* Money of a set of projects. Costs, savings and the efficiency gain have
 * one basis: the projects that report both yearly amounts (n_angabe), so
 * that savings / costs is the efficiency gain a reader can recompute. A
 * grant missing after an item-level error is left out of foerder and
 * counted in n_foerder_fehlt. */
struct money_sum {
    int64_t foerder;
    int64_t kosten, einsparung; /* over the n_angabe projects */
    uint32_t n_angabe, n_foerder_fehlt;
};

struct area_agg {
    uint32_t projekte, beteiligungen;
    struct money_sum money;
};

struct kreis_agg {
    uint32_t kommunen_beteiligt, beteiligungen, projekte;
    uint32_t ozg_kooperationen; /* OZG cooperations with a Kommune of the Kreis */
    uint32_t groesste;          /* its largest project (most participants, then
                                 * earliest approval, then id); UINT32_MAX: none */
};

struct year_agg {
    int jahr;
    uint32_t neu_bewilligt, widerrufen, bestand, ozg_neu;
};

struct aggregate {
    ikz_date stichtag, ozg_seit;

    /* per Kommune (register order) */
    uint32_t *projekte;      /* c_k */
    uint32_t *federfuehrend;
    uint32_t *ozg_projekte;

    /* per project (exports order); 0 for projects not active */
    uint32_t *beteiligte;    /* n_p */
    uint8_t *flags;          /* AGG_ACTIVE, AGG_OZG */

    /* per Kreis and per task area */
    struct kreis_agg *kreis;
    struct area_agg *area;

    struct year_agg *jahr;   /* from the first approval's year to S's year */
    size_t n_jahre;

    size_t projekte_aktiv, beteiligungen;
    size_t beteiligungen_anderes_land; /* partners of another Land, not counted in beteiligungen */
    size_t beteiligungen_umgeschluesselt; /* participations named only by an old key */
    size_t kommunen_beteiligt, gemeinden_beteiligt, kreise_beteiligt;
    size_t ozg_kooperationen, ozg_gemeinden, ozg_kommunen;
    struct money_sum money;
};

#define AGG_ACTIVE 1u
#define AGG_OZG 2u

/* True if project p counts at Stichtag s: projekt_funded(), which the
 * reader uses too, so that there is one definition. */
bool aggregate_is_active(const struct projekt *p, ikz_date s);

/* True if project p is one of the report's Land: at least one of its
 * participants is a Kommune of that Land, or it has no known participant
 * at all. A project whose partners are all of other Länder is not counted
 * at all (docs/definitions.md); with every Land in the report, each usable
 * project is. */
bool aggregate_in_report(const struct projekt *p);

enum ikz_status aggregate_compute(const struct kommune_register *reg, const struct task_areas *areas,
                                  const struct exports *ex, ikz_date stichtag, ikz_date ozg_seit,
                                  struct aggregate *out);

void aggregate_free(struct aggregate *agg);

#endif
