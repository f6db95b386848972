/* figures.c: key figures and summary tables as data, see figures.h and
 * docs/definitions.md for what each number means.
 *
 * Three tables drive everything, in the manner of GNU datamash's operation
 * table: _key_figures (one row per key figure, with the function that
 * computes it from the aggregates), the column lists (one descriptor per
 * column, with the function that fills its cell) and _tables (one row per
 * output table). figures_build() only walks them. */
#include "figures.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* What the fill functions see                                             */

/* Size classes of Gemeinden by Einwohner: [von, bis), the last open. */
static const struct {
    int64_t von, bis; /* bis 0: no upper bound */
    const char *label;
} _size_classes[] = {
    {0, 5000, "unter 5.000"},
    {5000, 10000, "5.000 bis unter 10.000"},
    {10000, 20000, "10.000 bis unter 20.000"},
    {20000, 50000, "20.000 bis unter 50.000"},
    {50000, 100000, "50.000 bis unter 100.000"},
    {100000, 0, "100.000 und mehr"},
};
#define N_CLASSES (sizeof _size_classes / sizeof _size_classes[0])

/* The inputs and everything a table's prepare step worked out before its
 * rows are filled. Each fill function reads it and writes one cell. */
struct table_source {
    const struct figures_input *in;
    struct table *table; /* the table being filled, for its own strings */
    /* key figures */
    struct summary je_kommune, je_projekt;
    double spearman;
    /* groessenklassen */
    struct summary klasse[N_CLASSES];
    size_t klasse_beteiligt[N_CLASSES];
    /* ozg: project indices in order, and their joined names */
    size_t *ozg;
    size_t n_ozg;
    const char **ozg_lead_ags, **ozg_lead_names, **ozg_names;
    /* verteilung */
    size_t *verteilung;
    size_t n_verteilung;
};

/* 100 * part / whole, NaN when whole is 0. */
static double _percent(int64_t part, int64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : NAN;
}

/* A sum over the projects that report its amount: unknown ('.') when
 * there are projects but none reports, 0 ('–') when there are none. */
static void _reported_sum(struct cell *c, int64_t cents, size_t reporting, size_t projects)
{
    if (reporting == 0 && projects > 0)
        cell_unknown(c);
    else
        cell_money(c, cents);
}

/* Savings / costs over the projects that report both: unknown when there
 * are projects but none reports both; not meaningful ('x') without
 * projects or when the reported costs are 0. */
static void _efficiency(struct cell *c, const struct money_sum *m, size_t projects)
{
    if (m->n_angabe == 0 && projects > 0)
        cell_unknown(c);
    else
        cell_real(c, _percent(m->einsparung, m->kosten));
}

/* ---------------------------------------------------------------------- */
/* The key figures                                                         */

#define KEY(name) static void _k_##name(const struct table_source *s, struct cell *c)

#define AGG (s->in->agg)
#define REG (s->in->reg)
KEY(stichtag) { cell_date(c, AGG->stichtag); }
KEY(gebietsstand) { cell_date(c, REG->gebietsstand); }
KEY(kommunen_gesamt) { cell_int(c, (int64_t)REG->n); }
KEY(gemeinden_gesamt) { cell_int(c, (int64_t)REG->n_gemeinden); }
KEY(kreise_gesamt) { cell_int(c, (int64_t)REG->n_kreis_kommunen); }
KEY(projekte_gefoerdert) { cell_int(c, (int64_t)AGG->projekte_aktiv); }
KEY(beteiligungen) { cell_int(c, (int64_t)AGG->beteiligungen); }
KEY(beteiligungen_anderes_land) { cell_int(c, (int64_t)AGG->beteiligungen_anderes_land); }
KEY(beteiligungen_umgeschluesselt) { cell_int(c, (int64_t)AGG->beteiligungen_umgeschluesselt); }
KEY(kommunen_beteiligt) { cell_int(c, (int64_t)AGG->kommunen_beteiligt); }
KEY(gemeinden_beteiligt) { cell_int(c, (int64_t)AGG->gemeinden_beteiligt); }
KEY(kreise_beteiligt) { cell_int(c, (int64_t)AGG->kreise_beteiligt); }
KEY(anteil_beteiligt) { cell_real(c, _percent((int64_t)AGG->kommunen_beteiligt, (int64_t)REG->n)); }
KEY(je_kommune_mean) { cell_real(c, s->je_kommune.mean); }
KEY(je_kommune_median) { cell_real(c, s->je_kommune.median); }
KEY(je_kommune_sd) { cell_real(c, s->je_kommune.sd); }
KEY(je_kommune_q1) { cell_real(c, s->je_kommune.q1); }
KEY(je_kommune_q3) { cell_real(c, s->je_kommune.q3); }
KEY(je_kommune_max) { cell_whole(c, s->je_kommune.max); }
KEY(je_projekt_mean) { cell_real(c, s->je_projekt.mean); }
KEY(je_projekt_median) { cell_real(c, s->je_projekt.median); }
KEY(je_projekt_sd) { cell_real(c, s->je_projekt.sd); }
KEY(je_projekt_min) { cell_whole(c, s->je_projekt.min); }
KEY(je_projekt_max) { cell_whole(c, s->je_projekt.max); }
KEY(ozg_seit) { cell_date(c, AGG->ozg_seit); }
KEY(ozg_kooperationen) { cell_int(c, (int64_t)AGG->ozg_kooperationen); }
KEY(ozg_gemeinden) { cell_int(c, (int64_t)AGG->ozg_gemeinden); }
KEY(ozg_kommunen) { cell_int(c, (int64_t)AGG->ozg_kommunen); }
KEY(foerdersumme)
{
    _reported_sum(c, AGG->money.foerder, AGG->projekte_aktiv - AGG->money.n_foerder_fehlt, AGG->projekte_aktiv);
}
KEY(mit_einsparungsangabe) { cell_int(c, (int64_t)AGG->money.n_angabe); }
KEY(ohne_einsparungsangabe) { cell_int(c, (int64_t)(AGG->projekte_aktiv - AGG->money.n_angabe)); }
KEY(ausgangskosten) { _reported_sum(c, AGG->money.kosten, AGG->money.n_angabe, AGG->projekte_aktiv); }
KEY(einsparung) { _reported_sum(c, AGG->money.einsparung, AGG->money.n_angabe, AGG->projekte_aktiv); }
KEY(effizienzgewinn) { _efficiency(c, &AGG->money, AGG->projekte_aktiv); }
KEY(spearman) { cell_real(c, s->spearman); }

/* kind: what the value is (a date, a count, money, a real number);
 * decimals: what a person sees in the workbook (CSV keeps six);
 * relative: a change in per cent means something (not for dates, shares
 * in per cent and coefficients, whose change is a difference in points). */
static const struct key_figure {
    const char *key;
    enum cell_kind kind;
    unsigned decimals;
    bool relative;
    void (*compute)(const struct table_source *s, struct cell *c);
} _key_figures[] = {
    {"stichtag", CELL_DATE, 0, false, _k_stichtag},
    {"gebietsstand", CELL_DATE, 0, false, _k_gebietsstand},
    {"kommunen_gesamt", CELL_INT, 0, true, _k_kommunen_gesamt},
    {"gemeinden_gesamt", CELL_INT, 0, true, _k_gemeinden_gesamt},
    {"kreise_gesamt", CELL_INT, 0, true, _k_kreise_gesamt},
    {"projekte_gefoerdert", CELL_INT, 0, true, _k_projekte_gefoerdert},
    {"beteiligungen", CELL_INT, 0, true, _k_beteiligungen},
    {"beteiligungen_anderes_land", CELL_INT, 0, true, _k_beteiligungen_anderes_land},
    {"beteiligungen_umgeschluesselt", CELL_INT, 0, true, _k_beteiligungen_umgeschluesselt},
    {"kommunen_beteiligt", CELL_INT, 0, true, _k_kommunen_beteiligt},
    {"gemeinden_beteiligt", CELL_INT, 0, true, _k_gemeinden_beteiligt},
    {"kreise_beteiligt", CELL_INT, 0, true, _k_kreise_beteiligt},
    {"anteil_kommunen_beteiligt_prozent", CELL_REAL, 1, false, _k_anteil_beteiligt},
    {"projekte_je_kommune_mittelwert", CELL_REAL, 1, true, _k_je_kommune_mean},
    {"projekte_je_kommune_median", CELL_REAL, 1, true, _k_je_kommune_median},
    {"projekte_je_kommune_stdabw", CELL_REAL, 1, true, _k_je_kommune_sd},
    {"projekte_je_kommune_q1", CELL_REAL, 1, true, _k_je_kommune_q1},
    {"projekte_je_kommune_q3", CELL_REAL, 1, true, _k_je_kommune_q3},
    {"projekte_je_kommune_max", CELL_INT, 0, true, _k_je_kommune_max},
    {"beteiligte_je_projekt_mittelwert", CELL_REAL, 1, true, _k_je_projekt_mean},
    {"beteiligte_je_projekt_median", CELL_REAL, 1, true, _k_je_projekt_median},
    {"beteiligte_je_projekt_stdabw", CELL_REAL, 1, true, _k_je_projekt_sd},
    {"beteiligte_je_projekt_min", CELL_INT, 0, true, _k_je_projekt_min},
    {"beteiligte_je_projekt_max", CELL_INT, 0, true, _k_je_projekt_max},
    {"ozg_seit", CELL_DATE, 0, false, _k_ozg_seit},
    {"ozg_kooperationen", CELL_INT, 0, true, _k_ozg_kooperationen},
    {"ozg_gemeinden", CELL_INT, 0, true, _k_ozg_gemeinden},
    {"ozg_kommunen", CELL_INT, 0, true, _k_ozg_kommunen},
    {"foerdersumme_eur", CELL_MONEY, 0, true, _k_foerdersumme},
    {"projekte_mit_einsparungsangabe", CELL_INT, 0, true, _k_mit_einsparungsangabe},
    {"projekte_ohne_einsparungsangabe", CELL_INT, 0, true, _k_ohne_einsparungsangabe},
    {"ausgangskosten_eur_jahr", CELL_MONEY, 0, true, _k_ausgangskosten},
    {"einsparung_eur_jahr", CELL_MONEY, 0, true, _k_einsparung},
    {"effizienzgewinn_prozent", CELL_REAL, 1, false, _k_effizienzgewinn},
    {"korrelation_einwohner_projekte_spearman", CELL_REAL, 2, false, _k_spearman},
};
#define N_KEYS (sizeof _key_figures / sizeof _key_figures[0])
#undef KEY
#undef AGG
#undef REG
#define AGG (S->in->agg)
#define REG (S->in->reg)

static const struct key_figure *_key_figure(const char *key)
{
    for (size_t i = 0; i < N_KEYS; i++)
        if (strcmp(_key_figures[i].key, key) == 0)
            return &_key_figures[i];
    return NULL;
}

size_t figures_key_count(void) { return N_KEYS; }

const char *figures_key_name(size_t i) { return i < N_KEYS ? _key_figures[i].key : NULL; }

bool figures_key_relative(const char *key)
{
    const struct key_figure *k = _key_figure(key);
    return k && k->relative;
}

enum ikz_status figures_check_labels(const struct labels *labels, const char *display, struct findings *findings)
{
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < N_KEYS; i++)
        if (!labels_label(labels, _key_figures[i].key)) {
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, 0, "kennzahl", _key_figures[i].key,
                         "Bezeichnung der Kennzahl fehlt");
            st = IKZ_ERR_CONFIG;
        }
    return st;
}

/* The statistics the key figures share: c_k over every Kommune, n_p over
 * every active project, Spearman over the Gemeinden (Einwohner against
 * c_k). GSL sorts in place, so each gets its own copy. */
static enum ikz_status _prepare_kennzahlen(struct table_source *s)
{
    const struct kommune_register *reg = s->in->reg;
    const struct aggregate *agg = s->in->agg;
    size_t nk = reg->n, np = agg->projekte_aktiv;
    /* One buffer for the values, then x, y and GSL's 2n work for Spearman. */
    double *v = malloc(((nk > np ? nk : np) * 4 + 1) * sizeof *v);
    if (!v)
        return IKZ_ERR_OSERR;
    for (size_t k = 0; k < nk; k++)
        v[k] = agg->projekte[k];
    stats_summary(v, nk, &s->je_kommune);
    size_t m = 0;
    for (size_t i = 0; i < s->in->ex->n_projekte; i++)
        if (agg->flags[i] & AGG_ACTIVE)
            v[m++] = agg->beteiligte[i];
    stats_summary(v, m, &s->je_projekt);
    double *x = v, *y = v + nk, *work = v + 2 * nk;
    size_t g = 0;
    for (size_t k = 0; k < nk; k++)
        if (!kommune_art_is_kreis(reg->kommune[k].art)) {
            x[g] = (double)reg->kommune[k].einwohner;
            y[g++] = agg->projekte[k];
        }
    s->spearman = stats_spearman(x, y, g, work);
    free(v);
    return IKZ_OK;
}

/* A fill function: the cell c of row r, from the table source. */
#define FILL(name) static void _f_##name(const void *source, size_t r, struct cell *c)
#define S ((const struct table_source *)source)

FILL(key) { (void)source; cell_text(c, _key_figures[r].key); }
FILL(key_label) { cell_text(c, labels_label(S->in->labels, _key_figures[r].key)); }
FILL(key_value)
{
    const struct key_figure *k = &_key_figures[r];
    k->compute(S, c);
    if (c->kind == CELL_REAL)
        c->decimals = (unsigned char)k->decimals;
    /* A value of another kind than declared is a programming error: the
     * cell stays unset and figures_build() fails. */
    if (c->kind != k->kind && c->kind != CELL_UNDEFINED && c->kind != CELL_UNKNOWN)
        c->kind = CELL_UNSET;
}
static size_t _rows_kennzahlen(const struct table_source *s) { (void)s; return N_KEYS; }

static const struct table_column _kennzahlen_cols[] = {
    {"kennzahl", COLUMN_CODE, false, _f_key},
    {"bezeichnung", COLUMN_TEXT, false, _f_key_label},
    {"wert", COLUMN_MIXED, false, _f_key_value},
};

/* ---------------------------------------------------------------------- */
/* kommunen: one row per Kommune of the register                           */

#define KOMMUNE (&REG->kommune[r])
#define KREIS_OF_KOMMUNE (&REG->kreis[REG->kommune[r].kreis])

FILL(ko_ags) { cell_text(c, KOMMUNE->ags); }
FILL(ko_name) { cell_text(c, KOMMUNE->name); }
FILL(ko_art) { cell_text(c, kommune_art_name(KOMMUNE->art)); }
FILL(ko_kreis) { cell_text(c, KREIS_OF_KOMMUNE->key); }
FILL(ko_kreis_name) { cell_text(c, KREIS_OF_KOMMUNE->name); }
FILL(ko_einwohner) { cell_int(c, KOMMUNE->einwohner); }
FILL(ko_projekte) { cell_int(c, AGG->projekte[r]); }
FILL(ko_federfuehrend) { cell_int(c, AGG->federfuehrend[r]); }
FILL(ko_ozg_projekte) { cell_int(c, AGG->ozg_projekte[r]); }
static size_t _rows_kommunen(const struct table_source *s) { return s->in->reg->n; }

static const struct table_column _kommunen_cols[] = {
    {"ags", COLUMN_CODE, false, _f_ko_ags},
    {"name", COLUMN_TEXT, false, _f_ko_name},
    {"art", COLUMN_TEXT, false, _f_ko_art},
    {"kreis", COLUMN_CODE, false, _f_ko_kreis},
    {"kreis_name", COLUMN_TEXT, false, _f_ko_kreis_name},
    {"einwohner", COLUMN_COUNT, false, _f_ko_einwohner},
    {"projekte", COLUMN_COUNT, false, _f_ko_projekte},
    {"federfuehrend", COLUMN_COUNT, false, _f_ko_federfuehrend},
    {"ozg_projekte", COLUMN_COUNT, false, _f_ko_ozg_projekte},
};

/* ---------------------------------------------------------------------- */
/* kreise: one row per Kreis (kreisfreie Städte are their own Kreis)       */

#define KREIS (&REG->kreis[r])
#define KREIS_AGG (&AGG->kreis[r])

FILL(kr_key) { cell_text(c, KREIS->key); }
FILL(kr_name) { cell_text(c, KREIS->name); }
FILL(kr_art) { cell_text(c, kommune_art_name(KREIS->art)); }
FILL(kr_kommunen) { cell_int(c, KREIS->kommunen); }
FILL(kr_kommunen_beteiligt) { cell_int(c, KREIS_AGG->kommunen_beteiligt); }
FILL(kr_beteiligungen) { cell_int(c, KREIS_AGG->beteiligungen); }
FILL(kr_projekte) { cell_int(c, KREIS_AGG->projekte); }
FILL(kr_ozg) { cell_int(c, KREIS_AGG->ozg_kooperationen); }
FILL(kr_je_kommune)
{
    cell_real(c, KREIS->kommunen ? (double)KREIS_AGG->beteiligungen / KREIS->kommunen : NAN);
}
static size_t _rows_kreise(const struct table_source *s) { return s->in->reg->n_kreise; }

static const struct table_column _kreise_cols[] = {
    {"kreis", COLUMN_CODE, false, _f_kr_key},
    {"name", COLUMN_TEXT, false, _f_kr_name},
    {"art", COLUMN_TEXT, false, _f_kr_art},
    {"kommunen", COLUMN_COUNT, false, _f_kr_kommunen},
    {"kommunen_beteiligt", COLUMN_COUNT, false, _f_kr_kommunen_beteiligt},
    {"beteiligungen", COLUMN_COUNT, false, _f_kr_beteiligungen},
    {"projekte", COLUMN_COUNT, false, _f_kr_projekte},
    {"projekte_je_kommune", COLUMN_DECIMAL, false, _f_kr_je_kommune},
    {"ozg_kooperationen", COLUMN_COUNT, false, _f_kr_ozg},
};

/* ---------------------------------------------------------------------- */
/* aufgabenbereiche: one row per task area of the controlled list          */

#define AREA (&S->in->areas->item[r])
#define AREA_AGG (&AGG->area[r])

FILL(ar_code) { cell_text(c, AREA->code); }
FILL(ar_label) { cell_text(c, AREA->label); }
FILL(ar_projekte) { cell_int(c, AREA_AGG->projekte); }
FILL(ar_beteiligungen) { cell_int(c, AREA_AGG->beteiligungen); }
FILL(ar_foerder)
{
    _reported_sum(c, AREA_AGG->money.foerder, AREA_AGG->projekte - AREA_AGG->money.n_foerder_fehlt,
                  AREA_AGG->projekte);
}
FILL(ar_angabe) { cell_int(c, AREA_AGG->money.n_angabe); }
FILL(ar_einsparung) { _reported_sum(c, AREA_AGG->money.einsparung, AREA_AGG->money.n_angabe, AREA_AGG->projekte); }
FILL(ar_effizienz) { _efficiency(c, &AREA_AGG->money, AREA_AGG->projekte); }
static size_t _rows_areas(const struct table_source *s) { return s->in->areas->n; }

static const struct table_column _areas_cols[] = {
    {"aufgabenbereich", COLUMN_CODE, false, _f_ar_code},
    {"bezeichnung", COLUMN_TEXT, true, _f_ar_label},
    {"projekte", COLUMN_COUNT, false, _f_ar_projekte},
    {"beteiligungen", COLUMN_COUNT, false, _f_ar_beteiligungen},
    {"foerderbetrag_eur", COLUMN_MONEY, false, _f_ar_foerder},
    {"projekte_mit_einsparungsangabe", COLUMN_COUNT, false, _f_ar_angabe},
    {"einsparung_eur_jahr", COLUMN_MONEY, false, _f_ar_einsparung},
    {"effizienzgewinn_prozent", COLUMN_PERCENT, false, _f_ar_effizienz},
};

/* ---------------------------------------------------------------------- */
/* zeitreihe: one row per year from the first approval to the Stichtag     */

#define YEAR (&AGG->jahr[r])

FILL(yr_jahr) { cell_int(c, YEAR->jahr); }
FILL(yr_neu) { cell_int(c, YEAR->neu_bewilligt); }
FILL(yr_widerrufen) { cell_int(c, YEAR->widerrufen); }
FILL(yr_bestand) { cell_int(c, YEAR->bestand); }
FILL(yr_ozg_neu) { cell_int(c, YEAR->ozg_neu); }
static size_t _rows_zeitreihe(const struct table_source *s) { return s->in->agg->n_jahre; }

static const struct table_column _zeitreihe_cols[] = {
    {"jahr", COLUMN_CODE, false, _f_yr_jahr},
    {"neu_bewilligt", COLUMN_COUNT, false, _f_yr_neu},
    {"widerrufen", COLUMN_COUNT, false, _f_yr_widerrufen},
    {"bestand", COLUMN_COUNT, false, _f_yr_bestand},
    {"ozg_neu", COLUMN_COUNT, false, _f_yr_ozg_neu},
};

/* ---------------------------------------------------------------------- */
/* groessenklassen: one row per size class of Gemeinden                    */

/* A Gemeinde (never a Kreis) with e Einwohner is in class i if
 * von <= e < bis. */
static bool _in_class(size_t i, int64_t einwohner)
{
    return einwohner >= _size_classes[i].von && (!_size_classes[i].bis || einwohner < _size_classes[i].bis);
}

static enum ikz_status _prepare_klassen(struct table_source *s)
{
    const struct kommune_register *reg = s->in->reg;
    double *v = malloc((reg->n ? reg->n : 1) * sizeof *v);
    if (!v)
        return IKZ_ERR_OSERR;
    for (size_t i = 0; i < N_CLASSES; i++) {
        size_t n = 0, beteiligt = 0;
        for (size_t k = 0; k < reg->n; k++) {
            const struct kommune *ko = &reg->kommune[k];
            if (kommune_art_is_kreis(ko->art) || !_in_class(i, ko->einwohner))
                continue;
            v[n++] = s->in->agg->projekte[k];
            beteiligt += s->in->agg->projekte[k] > 0;
        }
        stats_summary(v, n, &s->klasse[i]);
        s->klasse_beteiligt[i] = beteiligt;
    }
    free(v);
    return IKZ_OK;
}

FILL(kl_label) { (void)source; cell_text(c, _size_classes[r].label); }
FILL(kl_von) { (void)source; cell_int(c, _size_classes[r].von); }
FILL(kl_bis)
{
    (void)source;
    if (_size_classes[r].bis)
        cell_int(c, _size_classes[r].bis);
    else
        cell_empty(c); /* no upper bound */
}
FILL(kl_gemeinden) { cell_int(c, (int64_t)S->klasse[r].n); }
FILL(kl_beteiligt) { cell_int(c, (int64_t)S->klasse_beteiligt[r]); }
FILL(kl_mean) { cell_real(c, S->klasse[r].mean); }
FILL(kl_median) { cell_real(c, S->klasse[r].median); }
static size_t _rows_klassen(const struct table_source *s) { (void)s; return N_CLASSES; }

static const struct table_column _klassen_cols[] = {
    {"klasse", COLUMN_TEXT, false, _f_kl_label},
    {"von", COLUMN_COUNT, false, _f_kl_von},
    {"bis", COLUMN_COUNT, false, _f_kl_bis},
    {"gemeinden", COLUMN_COUNT, false, _f_kl_gemeinden},
    {"gemeinden_beteiligt", COLUMN_COUNT, false, _f_kl_beteiligt},
    {"projekte_je_gemeinde_mittelwert", COLUMN_DECIMAL, false, _f_kl_mean},
    {"projekte_je_gemeinde_median", COLUMN_DECIMAL, false, _f_kl_median},
};

/* ---------------------------------------------------------------------- */
/* ozg: one row per OZG cooperation, in order of approval, then id         */

/* What the order needs, copied, so that qsort needs no context. */
struct _ozg_key {
    ikz_date bewilligt;
    const char *id;
    size_t index;
};

static int _cmp_ozg(const void *a, const void *b)
{
    const struct _ozg_key *x = a, *y = b;
    if (x->bewilligt != y->bewilligt)
        return x->bewilligt < y->bewilligt ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* At most this many names in a list: memory stays bounded by projects
 * and Kommunen, not by the length of names, and the cut is visible. */
#define JOIN_MAX_NAMES 100

/* Joins the names (or AGS) of a project's participants: leads first; past
 * JOIN_MAX_NAMES, "(und N weitere)". */
static const char *_join(struct table *t, const struct figures_input *in, const struct projekt *p, bool leads_only,
                         bool ags)
{
    size_t cap = 64, len = 0, names = 0, more = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    buf[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t j = 0; j < p->count; j++) {
            const struct beteiligung *b = &in->ex->beteiligung[p->first + j];
            if ((pass == 0) != (b->lead != 0) || (leads_only && !b->lead))
                continue;
            if (names++ >= JOIN_MAX_NAMES) {
                more++;
                continue;
            }
            const struct kommune *ko = &in->reg->kommune[b->kommune];
            const char *s = ags ? ko->ags : ko->name;
            size_t need = len + strlen(s) + 3;
            if (need > cap) {
                while (cap < need)
                    cap *= 2;
                char *nb = realloc(buf, cap);
                if (!nb) {
                    free(buf);
                    return NULL;
                }
                buf = nb;
            }
            len += (size_t)sprintf(buf + len, "%s%s", len ? "; " : "", s);
        }
    }
    if (more) {
        char tail[48];
        snprintf(tail, sizeof tail, " (und %zu weitere)", more);
        char *nb = realloc(buf, len + strlen(tail) + 1);
        if (!nb) {
            free(buf);
            return NULL;
        }
        buf = nb;
        strcpy(buf + len, tail);
    }
    const char *out = table_strdup(t, buf);
    free(buf);
    return out;
}

static enum ikz_status _prepare_ozg(struct table_source *s)
{
    const struct exports *ex = s->in->ex;
    size_t n = s->in->agg->ozg_kooperationen, m = 0;
    struct _ozg_key *key = malloc((n ? n : 1) * sizeof *key);
    s->ozg = malloc((n ? n : 1) * sizeof *s->ozg);
    s->ozg_lead_ags = malloc((n ? n : 1) * sizeof *s->ozg_lead_ags);
    s->ozg_lead_names = malloc((n ? n : 1) * sizeof *s->ozg_lead_names);
    s->ozg_names = malloc((n ? n : 1) * sizeof *s->ozg_names);
    if (!key || !s->ozg || !s->ozg_lead_ags || !s->ozg_lead_names || !s->ozg_names) {
        free(key);
        return IKZ_ERR_OSERR;
    }
    for (size_t i = 0; i < ex->n_projekte && m < n; i++)
        if (s->in->agg->flags[i] & AGG_OZG)
            key[m++] = (struct _ozg_key){ex->projekt[i].bewilligt, ex->projekt[i].id, i};
    if (m > 0)
        qsort(key, m, sizeof *key, _cmp_ozg);
    enum ikz_status st = IKZ_OK;
    for (size_t j = 0; j < m; j++) {
        const struct projekt *p = &ex->projekt[key[j].index];
        s->ozg[j] = key[j].index;
        s->ozg_lead_ags[j] = _join(s->table, s->in, p, true, true);
        s->ozg_lead_names[j] = _join(s->table, s->in, p, true, false);
        s->ozg_names[j] = _join(s->table, s->in, p, false, false);
        if (!s->ozg_lead_ags[j] || !s->ozg_lead_names[j] || !s->ozg_names[j])
            st = IKZ_ERR_OSERR;
    }
    s->n_ozg = m;
    free(key);
    return st;
}

#define OZG_PROJEKT (&S->in->ex->projekt[S->ozg[r]])

FILL(oz_id) { cell_text(c, OZG_PROJEKT->id); }
FILL(oz_titel) { cell_text(c, S->in->ex->detail[S->ozg[r]].titel); }
FILL(oz_bewilligt) { cell_date(c, OZG_PROJEKT->bewilligt); }
FILL(oz_lead_ags) { cell_text(c, *S->ozg_lead_ags[r] ? S->ozg_lead_ags[r] : NULL); }
FILL(oz_lead_names) { cell_text(c, *S->ozg_lead_names[r] ? S->ozg_lead_names[r] : NULL); }
FILL(oz_beteiligte) { cell_int(c, OZG_PROJEKT->count); }
FILL(oz_names) { cell_text(c, S->ozg_names[r]); }
FILL(oz_einsparung) { cell_money(c, OZG_PROJEKT->einsparung_cents); }
FILL(oz_effizienz)
{
    const struct projekt *p = OZG_PROJEKT;
    if (p->kosten_cents != MONEY_NONE && p->einsparung_cents != MONEY_NONE)
        cell_real(c, _percent(p->einsparung_cents, p->kosten_cents)); /* costs 0: 'x' */
    else
        cell_unknown(c); /* not reported */
}
static size_t _rows_ozg(const struct table_source *s) { return s->n_ozg; }

static const struct table_column _ozg_cols[] = {
    {"projekt_id", COLUMN_CODE, false, _f_oz_id},
    {"titel", COLUMN_TEXT, false, _f_oz_titel},
    {"bewilligt_am", COLUMN_DATE, false, _f_oz_bewilligt},
    {"federfuehrung_ags", COLUMN_CODE, false, _f_oz_lead_ags},
    {"federfuehrung_name", COLUMN_TEXT, false, _f_oz_lead_names},
    {"beteiligte", COLUMN_COUNT, false, _f_oz_beteiligte},
    {"beteiligte_namen", COLUMN_TEXT, false, _f_oz_names},
    {"einsparung_eur_jahr", COLUMN_MONEY, false, _f_oz_einsparung},
    {"effizienzgewinn_prozent", COLUMN_PERCENT, false, _f_oz_effizienz},
};

/* ---------------------------------------------------------------------- */
/* verteilung (workbook only): how many Kommunen have 0, 1, 2, ... projects */

static enum ikz_status _prepare_verteilung(struct table_source *s)
{
    size_t n = s->in->reg->n, max = 0;
    for (size_t k = 0; k < n; k++)
        if (s->in->agg->projekte[k] > max)
            max = s->in->agg->projekte[k];
    double *v = calloc(n ? n : 1, sizeof *v);
    s->verteilung = malloc((max + 1) * sizeof *s->verteilung);
    enum ikz_status st = v && s->verteilung ? IKZ_OK : IKZ_ERR_OSERR;
    for (size_t k = 0; st == IKZ_OK && k < n; k++)
        v[k] = s->in->agg->projekte[k];
    if (st == IKZ_OK)
        st = stats_histogram(v, n, max + 1, s->verteilung);
    s->n_verteilung = st == IKZ_OK && n > 0 ? max + 1 : 0;
    free(v);
    return st;
}

FILL(vt_projekte) { (void)source; cell_int(c, (int64_t)r); }
FILL(vt_kommunen) { cell_int(c, (int64_t)S->verteilung[r]); }
static size_t _rows_verteilung(const struct table_source *s) { return s->n_verteilung; }

static const struct table_column _verteilung_cols[] = {
    {"projekte", COLUMN_COUNT, false, _f_vt_projekte},
    {"kommunen", COLUMN_COUNT, false, _f_vt_kommunen},
};

#undef FILL

/* ---------------------------------------------------------------------- */
/* The tables                                                              */

#define COLS(a) a, sizeof a / sizeof a[0]

/* One row per output table, in the order of enum figures_table. prepare
 * (optional) works out what the fills share; rows says how many rows. */
static const struct table_def {
    enum figures_table id;
    const char *name; /* file stem and key of its texts */
    bool workbook_only;
    const struct table_column *column;
    size_t ncols;
    enum ikz_status (*prepare)(struct table_source *s);
    size_t (*rows)(const struct table_source *s);
} _tables[] = {
    {TABLE_KENNZAHLEN, "kennzahlen", false, COLS(_kennzahlen_cols), _prepare_kennzahlen, _rows_kennzahlen},
    {TABLE_KOMMUNEN, "kommunen", false, COLS(_kommunen_cols), NULL, _rows_kommunen},
    {TABLE_KREISE, "kreise", false, COLS(_kreise_cols), NULL, _rows_kreise},
    {TABLE_AUFGABENBEREICHE, "aufgabenbereiche", false, COLS(_areas_cols), NULL, _rows_areas},
    {TABLE_ZEITREIHE, "zeitreihe", false, COLS(_zeitreihe_cols), NULL, _rows_zeitreihe},
    {TABLE_GROESSENKLASSEN, "groessenklassen", false, COLS(_klassen_cols), _prepare_klassen, _rows_klassen},
    {TABLE_OZG, "ozg", false, COLS(_ozg_cols), _prepare_ozg, _rows_ozg},
    {TABLE_VERTEILUNG, "verteilung", true, COLS(_verteilung_cols), _prepare_verteilung, _rows_verteilung},
};
_Static_assert(sizeof _tables / sizeof _tables[0] == TABLE__COUNT, "one row in _tables per enum figures_table");

const char *figures_table_name(enum figures_table t) { return _tables[t].name; }

bool figures_table_workbook_only(enum figures_table t) { return _tables[t].workbook_only; }

enum ikz_status figures_build(const struct figures_input *in, struct figures *out)
{
    memset(out, 0, sizeof *out);
    struct table_source src = {.in = in};
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < TABLE__COUNT; i++) {
        const struct table_def *def = &_tables[i];
        struct table *t = &out->table[def->id];
        table_init(t, def->name, def->column, def->ncols);
        t->workbook_only = def->workbook_only;
        /* The year before: only its key figures are shown. */
        if (st != IKZ_OK || (in->key_figures_only && def->id != TABLE_KENNZAHLEN))
            continue;
        src.table = t;
        if (def->prepare)
            st = def->prepare(&src);
        if (st == IKZ_OK)
            st = table_fill(t, &src, def->rows(&src));
    }
    out->projekte_je_kommune = src.je_kommune;
    free(src.ozg);
    free(src.ozg_lead_ags);
    free(src.ozg_lead_names);
    free(src.ozg_names);
    free(src.verteilung);
    if (st != IKZ_OK)
        figures_free(out);
    return st;
}

void figures_free(struct figures *f)
{
    for (size_t i = 0; i < TABLE__COUNT; i++)
        table_free(&f->table[i]);
}

const struct cell *figures_key(const struct figures *f, const char *key)
{
    const struct table *t = &f->table[TABLE_KENNZAHLEN];
    for (size_t r = 0; r < t->nrows; r++)
        if (strcmp(table_at(t, r, 0)->v.text, key) == 0)
            return table_at(t, r, 2);
    return NULL;
}

/* A cell's number, or NaN when it holds none. */
static double _number(const struct cell *c)
{
    switch (c->kind) {
    case CELL_INT: return (double)c->v.i;
    case CELL_REAL: return c->v.r;
    case CELL_MONEY: return (double)c->v.cents / 100.0;
    default: return NAN;
    }
}

void figures_change(const struct cell *now, const struct cell *before, struct cell *diff, struct cell *pct)
{
    cell_real(diff, NAN);
    cell_real(pct, NAN);
    if (!before)
        return;
    if (now->kind == CELL_UNKNOWN || before->kind == CELL_UNKNOWN) { /* unknown, not meaningless */
        cell_unknown(diff);
        cell_unknown(pct);
        return;
    }
    double a = _number(now), b = _number(before);
    if (isnan(a) || isnan(b))
        return;
    if (now->kind == CELL_INT && before->kind == CELL_INT)
        cell_int(diff, now->v.i - before->v.i);
    else if (now->kind == CELL_MONEY && before->kind == CELL_MONEY)
        cell_money(diff, now->v.cents - before->v.cents);
    else
        cell_real_shown(diff, a - b, now->kind == CELL_REAL ? now->decimals : 1);
    if (b != 0)
        cell_real(pct, 100.0 * (a - b) / b);
}
