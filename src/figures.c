/* figures.c: key figures and summary tables, see figures.h and
 * docs/definitions.md for what each number means. */
#include "figures.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* The key figures as data                                                 */

struct key_figures {
    ikz_date stichtag, ozg_seit;
    int64_t kommunen_gesamt, gemeinden_gesamt, kreise_gesamt;
    int64_t projekte_gefoerdert, beteiligungen;
    int64_t kommunen_beteiligt, gemeinden_beteiligt, kreise_beteiligt;
    double anteil_beteiligt;
    struct summary je_kommune, je_projekt;
    int64_t ozg_kooperationen, ozg_gemeinden, ozg_kommunen;
    int64_t foerdersumme, ausgangskosten, einsparung; /* cents */
    double effizienzgewinn, spearman;
};

enum key_kind {
    KEY_DATE,    /* ikz_date field */
    KEY_COUNT,   /* int64_t field */
    KEY_REAL,    /* double field, NaN when undefined */
    KEY_REAL_INT,/* double field holding a whole number (min, max) */
    KEY_MONEY    /* int64_t cents field */
};

#define KF(field) offsetof(struct key_figures, field), 1
/* shown: the decimals a person sees in the workbook (CSV keeps six). */
static const struct {
    const char *key;
    enum key_kind kind;
    size_t offset;
    unsigned shown;
} _keys[] = {
    {"stichtag", KEY_DATE, KF(stichtag)},
    {"kommunen_gesamt", KEY_COUNT, KF(kommunen_gesamt)},
    {"gemeinden_gesamt", KEY_COUNT, KF(gemeinden_gesamt)},
    {"kreise_gesamt", KEY_COUNT, KF(kreise_gesamt)},
    {"projekte_gefoerdert", KEY_COUNT, KF(projekte_gefoerdert)},
    {"beteiligungen", KEY_COUNT, KF(beteiligungen)},
    {"kommunen_beteiligt", KEY_COUNT, KF(kommunen_beteiligt)},
    {"gemeinden_beteiligt", KEY_COUNT, KF(gemeinden_beteiligt)},
    {"kreise_beteiligt", KEY_COUNT, KF(kreise_beteiligt)},
    {"anteil_kommunen_beteiligt_prozent", KEY_REAL, KF(anteil_beteiligt)},
    {"projekte_je_kommune_mittelwert", KEY_REAL, KF(je_kommune.mean)},
    {"projekte_je_kommune_median", KEY_REAL, KF(je_kommune.median)},
    {"projekte_je_kommune_stdabw", KEY_REAL, KF(je_kommune.sd)},
    {"projekte_je_kommune_q1", KEY_REAL, KF(je_kommune.q1)},
    {"projekte_je_kommune_q3", KEY_REAL, KF(je_kommune.q3)},
    {"projekte_je_kommune_max", KEY_REAL_INT, KF(je_kommune.max)},
    {"beteiligte_je_projekt_mittelwert", KEY_REAL, KF(je_projekt.mean)},
    {"beteiligte_je_projekt_median", KEY_REAL, KF(je_projekt.median)},
    {"beteiligte_je_projekt_stdabw", KEY_REAL, KF(je_projekt.sd)},
    {"beteiligte_je_projekt_min", KEY_REAL_INT, KF(je_projekt.min)},
    {"beteiligte_je_projekt_max", KEY_REAL_INT, KF(je_projekt.max)},
    {"ozg_seit", KEY_DATE, KF(ozg_seit)},
    {"ozg_kooperationen", KEY_COUNT, KF(ozg_kooperationen)},
    {"ozg_gemeinden", KEY_COUNT, KF(ozg_gemeinden)},
    {"ozg_kommunen", KEY_COUNT, KF(ozg_kommunen)},
    {"foerdersumme_eur", KEY_MONEY, KF(foerdersumme)},
    {"ausgangskosten_eur_jahr", KEY_MONEY, KF(ausgangskosten)},
    {"einsparung_eur_jahr", KEY_MONEY, KF(einsparung)},
    {"effizienzgewinn_prozent", KEY_REAL, KF(effizienzgewinn)},
    {"korrelation_einwohner_projekte_spearman", KEY_REAL, offsetof(struct key_figures, spearman), 2},
};
#undef KF
#define N_KEYS (sizeof _keys / sizeof _keys[0])

bool figures_key_relative(const char *key)
{
    static const char *const absolute_only[] = {"stichtag", "ozg_seit", "anteil_kommunen_beteiligt_prozent",
                                                "effizienzgewinn_prozent", "korrelation_einwohner_projekte_spearman"};
    for (size_t i = 0; i < sizeof absolute_only / sizeof absolute_only[0]; i++)
        if (strcmp(key, absolute_only[i]) == 0)
            return false;
    return true;
}

const char *const *figures_keys(size_t *n)
{
    static const char *names[N_KEYS];
    for (size_t i = 0; i < N_KEYS; i++)
        names[i] = _keys[i].key;
    *n = N_KEYS;
    return names;
}

enum ikz_status figures_check_labels(const struct labels *labels, const char *display, struct findings *findings)
{
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < N_KEYS; i++)
        if (!labels_label(labels, _keys[i].key)) {
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, display, 0, "kennzahl", _keys[i].key,
                         "Bezeichnung der Kennzahl fehlt");
            st = IKZ_ERR_CONFIG;
        }
    return st;
}

static void _key_cell(const struct key_figures *kf, size_t i, struct cell *c)
{
    const char *field = (const char *)kf + _keys[i].offset;
    switch (_keys[i].kind) {
    case KEY_DATE: cell_date(c, *(const ikz_date *)(const void *)field); break;
    case KEY_COUNT: cell_int(c, *(const int64_t *)(const void *)field); break;
    case KEY_MONEY: cell_money(c, *(const int64_t *)(const void *)field); break;
    case KEY_REAL: cell_real_shown(c, *(const double *)(const void *)field, _keys[i].shown); break;
    case KEY_REAL_INT: {
        double v = *(const double *)(const void *)field;
        if (isnan(v))
            cell_real(c, v);
        else
            cell_int(c, (int64_t)v);
        break;
    }
    }
}

/* ---------------------------------------------------------------------- */
/* Table layouts                                                           */

static const struct table_column _kennzahlen_cols[] = {
    {"kennzahl", COLUMN_CODE, false}, {"bezeichnung", COLUMN_TEXT, false}, {"wert", COLUMN_MIXED, false}};
static const struct table_column _kommunen_cols[] = {
    {"ags", COLUMN_CODE, false}, {"name", COLUMN_TEXT, false}, {"art", COLUMN_TEXT, false},
    {"kreis", COLUMN_CODE, false}, {"kreis_name", COLUMN_TEXT, false}, {"einwohner", COLUMN_COUNT, false},
    {"projekte", COLUMN_COUNT, false}, {"federfuehrend", COLUMN_COUNT, false}, {"ozg_projekte", COLUMN_COUNT, false}};
static const struct table_column _kreise_cols[] = {
    {"kreis", COLUMN_CODE, false}, {"name", COLUMN_TEXT, false}, {"art", COLUMN_TEXT, false},
    {"kommunen", COLUMN_COUNT, false}, {"kommunen_beteiligt", COLUMN_COUNT, false}, {"beteiligungen", COLUMN_COUNT, false},
    {"projekte", COLUMN_COUNT, false}, {"projekte_je_kommune", COLUMN_DECIMAL, false}};
static const struct table_column _areas_cols[] = {
    {"aufgabenbereich", COLUMN_CODE, false}, {"bezeichnung", COLUMN_TEXT, true}, {"projekte", COLUMN_COUNT, false}, {"beteiligungen", COLUMN_COUNT, false},
    {"foerderbetrag_eur", COLUMN_MONEY, false}, {"einsparung_eur_jahr", COLUMN_MONEY, false},
    {"effizienzgewinn_prozent", COLUMN_PERCENT, false}};
static const struct table_column _zeitreihe_cols[] = {
    {"jahr", COLUMN_CODE, false}, {"neu_bewilligt", COLUMN_COUNT, false}, {"widerrufen", COLUMN_COUNT, false},
    {"bestand", COLUMN_COUNT, false}, {"ozg_neu", COLUMN_COUNT, false}};
static const struct table_column _klassen_cols[] = {
    {"klasse", COLUMN_TEXT, false}, {"von", COLUMN_COUNT, false}, {"bis", COLUMN_COUNT, false},
    {"gemeinden", COLUMN_COUNT, false}, {"gemeinden_beteiligt", COLUMN_COUNT, false},
    {"projekte_je_gemeinde_mittelwert", COLUMN_DECIMAL, false}, {"projekte_je_gemeinde_median", COLUMN_DECIMAL, false}};
static const struct table_column _ozg_cols[] = {
    {"projekt_id", COLUMN_CODE, false}, {"titel", COLUMN_TEXT, false}, {"bewilligt_am", COLUMN_DATE, false},
    {"federfuehrung_ags", COLUMN_CODE, false}, {"federfuehrung_name", COLUMN_TEXT, false}, {"beteiligte", COLUMN_COUNT, false},
    {"beteiligte_namen", COLUMN_TEXT, false}, {"einsparung_eur_jahr", COLUMN_MONEY, false},
    {"effizienzgewinn_prozent", COLUMN_PERCENT, false}};

static const struct table_column _verteilung_cols[] = {{"projekte", COLUMN_COUNT, false}, {"kommunen", COLUMN_COUNT, false}};

#define COLS(a) a, sizeof a / sizeof a[0]

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

/* 100 * part / whole, NaN when whole is 0. */
static double _percent(int64_t part, int64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : NAN;
}

/* ---------------------------------------------------------------------- */
/* Building                                                                */

static enum ikz_status _kennzahlen(const struct figures_input *in, struct figures *f)
{
    const struct kommune_register *reg = in->reg;
    const struct aggregate *agg = in->agg;
    struct key_figures kf = {0};
    kf.stichtag = agg->stichtag;
    kf.ozg_seit = agg->ozg_seit;
    kf.kommunen_gesamt = (int64_t)reg->n;
    kf.gemeinden_gesamt = (int64_t)reg->n_gemeinden;
    kf.kreise_gesamt = (int64_t)reg->n_kreis_kommunen;
    kf.projekte_gefoerdert = (int64_t)agg->projekte_aktiv;
    kf.beteiligungen = (int64_t)agg->beteiligungen;
    kf.kommunen_beteiligt = (int64_t)agg->kommunen_beteiligt;
    kf.gemeinden_beteiligt = (int64_t)agg->gemeinden_beteiligt;
    kf.kreise_beteiligt = (int64_t)agg->kreise_beteiligt;
    kf.anteil_beteiligt = _percent(kf.kommunen_beteiligt, kf.kommunen_gesamt);
    kf.ozg_kooperationen = (int64_t)agg->ozg_kooperationen;
    kf.ozg_gemeinden = (int64_t)agg->ozg_gemeinden;
    kf.ozg_kommunen = (int64_t)agg->ozg_kommunen;
    kf.foerdersumme = agg->money.foerder;
    kf.ausgangskosten = agg->money.kosten;
    kf.einsparung = agg->money.einsparung;
    kf.effizienzgewinn = _percent(agg->money.eff_einsparung, agg->money.eff_kosten);

    /* c_k over every Kommune, n_p over every active project. */
    size_t nk = reg->n, np = agg->projekte_aktiv;
    /* One buffer for the values, then x, y and GSL's 2n work for Spearman. */
    double *v = malloc(((nk > np ? nk : np) * 4 + 1) * sizeof *v);
    if (!v)
        return IKZ_ERR_OSERR;
    for (size_t k = 0; k < nk; k++)
        v[k] = agg->projekte[k];
    stats_summary(v, nk, &kf.je_kommune);
    size_t m = 0;
    for (size_t i = 0; i < in->ex->n_projekte; i++)
        if (agg->flags[i] & AGG_ACTIVE)
            v[m++] = agg->beteiligte[i];
    stats_summary(v, m, &kf.je_projekt);

    /* Spearman over the Gemeinden: Einwohner against c_k. */
    double *x = v, *y = v + nk, *work = v + 2 * nk;
    size_t g = 0;
    for (size_t k = 0; k < nk; k++)
        if (!kommune_art_is_kreis(reg->kommune[k].art)) {
            x[g] = (double)reg->kommune[k].einwohner;
            y[g++] = agg->projekte[k];
        }
    kf.spearman = stats_spearman(x, y, g, work);
    free(v);
    f->projekte_je_kommune = kf.je_kommune;
    f->beteiligte_je_projekt = kf.je_projekt;

    struct table *t = &f->table[TABLE_KENNZAHLEN];
    for (size_t i = 0; i < N_KEYS; i++) {
        struct cell *row = table_add_row(t);
        if (!row)
            return IKZ_ERR_OSERR;
        cell_text(&row[0], _keys[i].key);
        cell_text(&row[1], labels_label(in->labels, _keys[i].key));
        _key_cell(&kf, i, &row[2]);
    }
    return IKZ_OK;
}

static enum ikz_status _kommunen(const struct figures_input *in, struct table *t)
{
    const struct kommune_register *reg = in->reg;
    for (size_t k = 0; k < reg->n; k++) {
        const struct kommune *ko = &reg->kommune[k];
        const struct kreis *kr = &reg->kreis[ko->kreis];
        struct cell *row = table_add_row(t);
        if (!row)
            return IKZ_ERR_OSERR;
        cell_text(&row[0], ko->ags);
        cell_text(&row[1], ko->name);
        cell_text(&row[2], kommune_art_name(ko->art));
        cell_text(&row[3], kr->key);
        cell_text(&row[4], kr->name);
        cell_int(&row[5], ko->einwohner);
        cell_int(&row[6], in->agg->projekte[k]);
        cell_int(&row[7], in->agg->federfuehrend[k]);
        cell_int(&row[8], in->agg->ozg_projekte[k]);
    }
    return IKZ_OK;
}

static enum ikz_status _kreise(const struct figures_input *in, struct table *t)
{
    const struct kommune_register *reg = in->reg;
    for (size_t i = 0; i < reg->n_kreise; i++) {
        const struct kreis *kr = &reg->kreis[i];
        const struct kreis_agg *a = &in->agg->kreis[i];
        struct cell *row = table_add_row(t);
        if (!row)
            return IKZ_ERR_OSERR;
        cell_text(&row[0], kr->key);
        cell_text(&row[1], kr->name);
        cell_text(&row[2], kommune_art_name(kr->art));
        cell_int(&row[3], kr->kommunen);
        cell_int(&row[4], a->kommunen_beteiligt);
        cell_int(&row[5], a->beteiligungen);
        cell_int(&row[6], a->projekte);
        cell_real(&row[7], kr->kommunen ? (double)a->beteiligungen / kr->kommunen : NAN);
    }
    return IKZ_OK;
}

static enum ikz_status _areas(const struct figures_input *in, struct table *t)
{
    for (size_t i = 0; i < in->areas->n; i++) {
        const struct area_agg *a = &in->agg->area[i];
        struct cell *row = table_add_row(t);
        if (!row)
            return IKZ_ERR_OSERR;
        cell_text(&row[0], in->areas->item[i].code);
        cell_text(&row[1], in->areas->item[i].label);
        cell_int(&row[2], a->projekte);
        cell_int(&row[3], a->beteiligungen);
        cell_money(&row[4], a->money.foerder);
        cell_money(&row[5], a->money.einsparung);
        cell_real(&row[6], _percent(a->money.eff_einsparung, a->money.eff_kosten));
    }
    return IKZ_OK;
}

static enum ikz_status _zeitreihe(const struct figures_input *in, struct table *t)
{
    for (size_t j = 0; j < in->agg->n_jahre; j++) {
        const struct year_agg *y = &in->agg->jahr[j];
        struct cell *row = table_add_row(t);
        if (!row)
            return IKZ_ERR_OSERR;
        cell_int(&row[0], y->jahr);
        cell_int(&row[1], y->neu_bewilligt);
        cell_int(&row[2], y->widerrufen);
        cell_int(&row[3], y->bestand);
        cell_int(&row[4], y->ozg_neu);
    }
    return IKZ_OK;
}

static enum ikz_status _klassen(const struct figures_input *in, struct table *t)
{
    const struct kommune_register *reg = in->reg;
    double *v = malloc((reg->n ? reg->n : 1) * sizeof *v);
    if (!v)
        return IKZ_ERR_OSERR;
    for (size_t c = 0; c < sizeof _size_classes / sizeof _size_classes[0]; c++) {
        size_t n = 0, beteiligt = 0;
        for (size_t k = 0; k < reg->n; k++) {
            const struct kommune *ko = &reg->kommune[k];
            if (kommune_art_is_kreis(ko->art) || ko->einwohner < _size_classes[c].von ||
                (_size_classes[c].bis && ko->einwohner >= _size_classes[c].bis))
                continue;
            v[n++] = in->agg->projekte[k];
            beteiligt += in->agg->projekte[k] > 0;
        }
        struct summary s;
        stats_summary(v, n, &s);
        struct cell *row = table_add_row(t);
        if (!row) {
            free(v);
            return IKZ_ERR_OSERR;
        }
        cell_text(&row[0], _size_classes[c].label);
        cell_int(&row[1], _size_classes[c].von);
        if (_size_classes[c].bis)
            cell_int(&row[2], _size_classes[c].bis);
        cell_int(&row[3], (int64_t)n);
        cell_int(&row[4], (int64_t)beteiligt);
        cell_real(&row[5], s.mean);
        cell_real(&row[6], s.median);
    }
    free(v);
    return IKZ_OK;
}

/* OZG cooperations in order of approval, then id. */
static const struct exports *_sort_ex; /* qsort has no context argument */

static int _cmp_ozg(const void *a, const void *b)
{
    const struct projekt *x = &_sort_ex->projekt[*(const size_t *)a], *y = &_sort_ex->projekt[*(const size_t *)b];
    if (x->bewilligt != y->bewilligt)
        return x->bewilligt < y->bewilligt ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Joins the names (or AGS) of a project's participants: leads first. */
static const char *_join(struct table *t, const struct figures_input *in, const struct projekt *p, bool leads_only,
                         bool ags)
{
    size_t cap = 64, len = 0;
    char *buf = malloc(cap);
    if (!buf)
        return NULL;
    buf[0] = '\0';
    for (int pass = 0; pass < 2; pass++) {
        for (uint32_t j = 0; j < p->count; j++) {
            const struct beteiligung *b = &in->ex->beteiligung[p->first + j];
            if ((pass == 0) != (b->lead != 0) || (leads_only && !b->lead))
                continue;
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
    const char *out = table_strdup(t, buf);
    free(buf);
    return out;
}

static enum ikz_status _ozg(const struct figures_input *in, struct table *t)
{
    const struct exports *ex = in->ex;
    size_t n = in->agg->ozg_kooperationen, m = 0;
    size_t *idx = malloc((n ? n : 1) * sizeof *idx);
    if (!idx)
        return IKZ_ERR_OSERR;
    for (size_t i = 0; i < ex->n_projekte; i++)
        if (in->agg->flags[i] & AGG_OZG)
            idx[m++] = i;
    _sort_ex = ex;
    if (m > 0)
        qsort(idx, m, sizeof *idx, _cmp_ozg);
    enum ikz_status st = IKZ_OK;
    for (size_t j = 0; j < m && st == IKZ_OK; j++) {
        const struct projekt *p = &ex->projekt[idx[j]];
        struct cell *row = table_add_row(t);
        const char *lead_ags = _join(t, in, p, true, true), *lead_names = _join(t, in, p, true, false),
                   *names = _join(t, in, p, false, false);
        if (!row || !lead_ags || !lead_names || !names) {
            st = IKZ_ERR_OSERR;
            break;
        }
        cell_text(&row[0], p->id);
        cell_text(&row[1], p->titel);
        cell_date(&row[2], p->bewilligt);
        cell_text(&row[3], *lead_ags ? lead_ags : NULL);
        cell_text(&row[4], *lead_names ? lead_names : NULL);
        cell_int(&row[5], p->count);
        cell_text(&row[6], names);
        cell_money(&row[7], p->einsparung_cents);
        if (p->kosten_cents != MONEY_NONE && p->einsparung_cents != MONEY_NONE)
            cell_real(&row[8], _percent(p->einsparung_cents, p->kosten_cents));
    }
    free(idx);
    return st;
}

/* How many Kommunen have 0, 1, 2, ... projects (GSL histogram). */
static enum ikz_status _verteilung(const struct figures_input *in, struct table *t)
{
    size_t n = in->reg->n, max = 0;
    for (size_t k = 0; k < n; k++)
        if (in->agg->projekte[k] > max)
            max = in->agg->projekte[k];
    double *v = malloc((n ? n : 1) * sizeof *v);
    size_t *counts = malloc((max + 1) * sizeof *counts);
    enum ikz_status st = v && counts ? IKZ_OK : IKZ_ERR_OSERR;
    for (size_t k = 0; st == IKZ_OK && k < n; k++)
        v[k] = in->agg->projekte[k];
    if (st == IKZ_OK && stats_histogram(v, n, max + 1, counts) != 0)
        st = IKZ_ERR_OSERR;
    for (size_t b = 0; st == IKZ_OK && n > 0 && b <= max; b++) {
        struct cell *row = table_add_row(t);
        if (!row) {
            st = IKZ_ERR_OSERR;
            break;
        }
        cell_int(&row[0], (int64_t)b);
        cell_int(&row[1], (int64_t)counts[b]);
    }
    free(v);
    free(counts);
    return st;
}

enum ikz_status figures_build(const struct figures_input *in, struct figures *out)
{
    memset(out, 0, sizeof *out);
    table_init(&out->table[TABLE_KENNZAHLEN], "kennzahlen", COLS(_kennzahlen_cols));
    table_init(&out->table[TABLE_KOMMUNEN], "kommunen", COLS(_kommunen_cols));
    table_init(&out->table[TABLE_KREISE], "kreise", COLS(_kreise_cols));
    table_init(&out->table[TABLE_AUFGABENBEREICHE], "aufgabenbereiche", COLS(_areas_cols));
    table_init(&out->table[TABLE_ZEITREIHE], "zeitreihe", COLS(_zeitreihe_cols));
    table_init(&out->table[TABLE_GROESSENKLASSEN], "groessenklassen", COLS(_klassen_cols));
    table_init(&out->table[TABLE_OZG], "ozg", COLS(_ozg_cols));
    table_init(&out->table[TABLE_VERTEILUNG], "verteilung", COLS(_verteilung_cols));
    out->table[TABLE_VERTEILUNG].workbook_only = true;

    enum ikz_status st = _kennzahlen(in, out);
    if (in->key_figures_only)
        return st;
    if (st == IKZ_OK)
        st = _kommunen(in, &out->table[TABLE_KOMMUNEN]);
    if (st == IKZ_OK)
        st = _kreise(in, &out->table[TABLE_KREISE]);
    if (st == IKZ_OK)
        st = _areas(in, &out->table[TABLE_AUFGABENBEREICHE]);
    if (st == IKZ_OK)
        st = _zeitreihe(in, &out->table[TABLE_ZEITREIHE]);
    if (st == IKZ_OK)
        st = _klassen(in, &out->table[TABLE_GROESSENKLASSEN]);
    if (st == IKZ_OK)
        st = _ozg(in, &out->table[TABLE_OZG]);
    if (st == IKZ_OK)
        st = _verteilung(in, &out->table[TABLE_VERTEILUNG]);
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
