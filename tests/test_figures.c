/* test_figures.c: every key figure and summary table on a small export
 * whose answers are worked out by hand below.
 *
 * Register: Landkreis Bergstraße 06431 with A (1,000 Einwohner), B (6,000,
 * Stadt), C (12,000); kreisfreie Stadt D 06411000 (150,000). Stichtag
 * 2024-12-31, OZG from 2021-01-01. Projects:
 *   P1 OZG       2022-01-01            A* B C    75,000  costs 100,000 saves 30,000
 *   P2 DIGITAL   2019-05-05            A* Kreis  50,000  costs 200,000 saves 20,000
 *   P3 FEUERWEHR 2015-01-01 rev. 2020-06-30  A* D   (revoked: not active)
 *   P4 OZG       2020-12-31            B* D      50,000  (OZG area, before ozg_seit)
 *   P5 BAU       2025-01-01            A* B     (after the Stichtag)
 *   P6 STANDESAMT 2024-12-31 rev. 2025-02-01 C* D  50,000 costs 50,000 (active on S)
 *   P7 SONSTIGE  2010-03-03            A* B D    75,000  saves 5,000
 * Active: P1 P2 P4 P6 P7. c_k: A 3, B 3, C 2, D 3, Kreis 1 -> 12 participations.
 *   sorted 1 2 3 3 3: mean 2.4, median 3, sd sqrt(3.2/4) = 0.894427191,
 *   q1 (index 1) 2, q3 (index 3) 3, max 3.
 * n_p: 3 2 2 2 3: mean 2.4, median 2, sd sqrt(1.2/4) = 0.547722558, min 2, max 3.
 * Money: grants 300,000. Costs, savings and efficiency share one basis,
 *   the projects reporting both (P1, P2; not P6 with costs only, not P7
 *   with savings only): costs 300,000, savings 50,000, efficiency
 *   16.666667 %; 2 projects with, 3 without.
 * Spearman over the Gemeinden (Einwohner A<B<C<D, c 3 3 2 3): ranks x 1 2 3 4,
 *   y 3 3 1 3 -> r = -1 / sqrt(5 * 3) = -0.258198890. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "german.h"
#include "press_values.h"
#include "render_csv.h"
#include "world.h"

static const char REGISTER[] =
    "ags;name;art;einwohner\n06431;Bergstraße;Landkreis;\n06431001;A;Gemeinde;1000\n"
    "06431002;B;Stadt;6000\n06431003;C;Gemeinde;12000\n06411000;D;kreisfreie Stadt;150000\n";

static const char PROJEKTE[] =
    "projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;ausgangskosten_eur_jahr;"
    "einsparung_eur_jahr\n"
    "P1;Gemeinsamer OZG-Manager;OZG;2022-01-01;;75000;100000;30000\n"
    "P2;IT;DIGITAL;2019-05-05;;50000;200000;20000\n"
    "P3;Feuerwehr;FEUERWEHR;2015-01-01;2020-06-30;50000;;\n"
    "P4;OZG alt;OZG;2020-12-31;;50000;;\n"
    "P5;Bau;BAU;2025-01-01;;50000;;\n"
    "P6;Standesamt;STANDESAMT;2024-12-31;2025-02-01;50000;50000;\n"
    "P7;Tourismus;SONSTIGE;2010-03-03;;75000;;5000\n";

static const char BETEILIGUNGEN[] =
    "projekt_id;ags;rolle\nP1;06431001;federfuehrend\nP1;06431002;beteiligt\n"
    "P1;06431003;beteiligt\nP2;06431001;federfuehrend\nP2;06431;beteiligt\n"
    "P3;06431001;federfuehrend\nP3;06411000;beteiligt\nP4;06431002;federfuehrend\n"
    "P4;06411000;beteiligt\nP5;06431001;federfuehrend\nP5;06431002;beteiligt\n"
    "P6;06431003;federfuehrend\nP6;06411000;beteiligt\nP7;06431001;federfuehrend\n"
    "P7;06431002;beteiligt\nP7;06411000;beteiligt\n";

static int _setup(void **state)
{
    *state = world_new(REGISTER, PROJEKTE, BETEILIGUNGEN, 20241231, 20210101);
    return 0;
}

static int _teardown(void **state)
{
    world_free(*state);
    return 0;
}

static void _int(const struct figures *f, const char *key, long long expected)
{
    const struct cell *c = figures_key(f, key);
    if (!c || c->kind != CELL_INT || c->v.i != expected)
        fail_msg("%s: expected %lld, got kind %d value %lld", key, expected, c ? (int)c->kind : -1,
                 c ? (long long)c->v.i : 0);
}

static void _real(const struct figures *f, const char *key, double expected)
{
    const struct cell *c = figures_key(f, key);
    if (!c || c->kind != CELL_REAL || fabs(c->v.r - expected) > 1e-9)
        fail_msg("%s: expected %.9f, got kind %d value %.9f", key, expected, c ? (int)c->kind : -1,
                 c ? c->v.r : 0.0);
}

static void _money(const struct figures *f, const char *key, long long cents)
{
    const struct cell *c = figures_key(f, key);
    if (!c || c->kind != CELL_MONEY || c->v.cents != cents)
        fail_msg("%s: expected %lld cents", key, cents);
}

static void test_key_figures(void **state)
{
    const struct figures *f = &((struct world *)*state)->fig;
    assert_int_equal(figures_key(f, "stichtag")->v.date, 20241231);
    assert_int_equal(figures_key(f, "ozg_seit")->v.date, 20210101);
    _int(f, "kommunen_gesamt", 5);
    _int(f, "gemeinden_gesamt", 4);
    _int(f, "kreise_gesamt", 1);
    _int(f, "projekte_gefoerdert", 5);
    _int(f, "beteiligungen", 12);
    _int(f, "beteiligungen_anderes_land", 0);
    _int(f, "beteiligungen_umgeschluesselt", 0); /* no change list in this fixture */
    _int(f, "kommunen_beteiligt", 5);
    _int(f, "gemeinden_beteiligt", 4);
    _int(f, "kreise_beteiligt", 1);
    _real(f, "anteil_kommunen_beteiligt_prozent", 100.0);
    _real(f, "projekte_je_kommune_mittelwert", 2.4);
    _real(f, "projekte_je_kommune_median", 3.0);
    _real(f, "projekte_je_kommune_stdabw", sqrt(0.8));
    _real(f, "projekte_je_kommune_q1", 2.0);
    _real(f, "projekte_je_kommune_q3", 3.0);
    _int(f, "projekte_je_kommune_max", 3);
    _real(f, "beteiligte_je_projekt_mittelwert", 2.4);
    _real(f, "beteiligte_je_projekt_median", 2.0);
    _real(f, "beteiligte_je_projekt_stdabw", sqrt(0.3));
    _int(f, "beteiligte_je_projekt_min", 2);
    _int(f, "beteiligte_je_projekt_max", 3);
    _int(f, "ozg_kooperationen", 1);
    _int(f, "ozg_gemeinden", 3);
    _int(f, "ozg_kommunen", 3);
    _money(f, "foerdersumme_eur", 30000000);
    _int(f, "projekte_mit_einsparungsangabe", 2);
    _int(f, "projekte_ohne_einsparungsangabe", 3);
    _money(f, "ausgangskosten_eur_jahr", 30000000);
    _money(f, "einsparung_eur_jahr", 5000000);
    _real(f, "effizienzgewinn_prozent", 100.0 / 6.0);
    _real(f, "korrelation_einwohner_projekte_spearman", -1.0 / sqrt(15.0));
    assert_null(figures_key(f, "gibt_es_nicht"));
    assert_int_equal(f->table[TABLE_KENNZAHLEN].nrows, figures_key_count());
    const struct table *k = &f->table[TABLE_KENNZAHLEN];
    size_t r = 0;
    while (r < k->nrows && strcmp(table_at(k, r, 0)->v.text, "projekte_gefoerdert") != 0)
        r++;
    assert_true(r < k->nrows);
    assert_int_equal(table_column_index(k, "kennzahl"), 0);
    assert_int_equal(table_column_index(k, "bezeichnung"), 1);
    assert_int_equal(table_column_index(k, "wert"), 2);
    assert_int_equal(k->ncols, 3);
    assert_string_equal(table_at(k, r, 1)->v.text, "Geförderte Projekte");
    assert_int_equal(table_at(k, r, 2)->v.i, 5);
    /* A CSV register states no Gebietsstand: unknown, not a date. */
    assert_int_equal(figures_key(f, "gebietsstand")->kind, CELL_UNKNOWN);
}

/* A whole table as rfc4180 CSV text, for exact comparison. */
static char *_csv(const struct table *t)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(render_csv(t, CSV_DIALECT_RFC4180, fp), IKZ_OK);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void _table(const struct figures *f, enum figures_table which, const char *expected)
{
    char *got = _csv(&f->table[which]);
    assert_string_equal(got, expected);
    free(got);
}

static void test_tables(void **state)
{
    const struct figures *f = &((struct world *)*state)->fig;
    _table(f, TABLE_KOMMUNEN,
           "ags,name,art,kreis,kreis_name,einwohner,projekte,federfuehrend,ozg_projekte\n"
           "06411000,D,kreisfreie Stadt,06411,D,150000,3,0,0\n"
           "06431,Bergstraße,Landkreis,06431,Bergstraße,19000,1,0,0\n"
           "06431001,A,Gemeinde,06431,Bergstraße,1000,3,3,1\n"
           "06431002,B,Stadt,06431,Bergstraße,6000,3,1,1\n"
           "06431003,C,Gemeinde,06431,Bergstraße,12000,2,1,1\n");
    _table(f, TABLE_KREISE,
           "kreis,name,art,kommunen,kommunen_beteiligt,beteiligungen,projekte,projekte_je_kommune,ozg_kooperationen\n"
           "06411,D,kreisfreie Stadt,1,1,3,3,3,0\n"
           "06431,Bergstraße,Landkreis,4,4,9,5,2.25,1\n");
    _table(f, TABLE_GROESSENKLASSEN,
           "klasse,von,bis,gemeinden,gemeinden_beteiligt,projekte_je_gemeinde_mittelwert,projekte_je_gemeinde_median\n"
           "unter 5.000,0,5000,1,1,3,3\n"
           "5.000 bis unter 10.000,5000,10000,1,1,3,3\n"
           "10.000 bis unter 20.000,10000,20000,1,1,2,2\n"
           "20.000 bis unter 50.000,20000,50000,0,0,,\n"
           "50.000 bis unter 100.000,50000,100000,0,0,,\n"
           "100.000 und mehr,100000,,1,1,3,3\n");
    _table(f, TABLE_OZG,
           "projekt_id,titel,bewilligt_am,federfuehrung_ags,federfuehrung_name,beteiligte,beteiligte_namen,"
           "einsparung_eur_jahr,effizienzgewinn_prozent\n"
           "P1,Gemeinsamer OZG-Manager,2022-01-01,06431001,A,3,A; B; C,30000.00,30\n");
    char *areas = _csv(&f->table[TABLE_AUFGABENBEREICHE]);
    assert_non_null(strstr(areas, "\nOZG,2,5,125000.00,1,30000.00,30\n"));
    assert_non_null(strstr(areas, "\nDIGITAL,1,2,50000.00,1,20000.00,10\n"));
    assert_non_null(strstr(areas, "\nSTANDESAMT,1,2,50000.00,0,,\n"));
    assert_non_null(strstr(areas, "\nFEUERWEHR,0,0,0.00,0,0.00,\n"));
    assert_non_null(strstr(areas, "\nSONSTIGE,1,3,75000.00,0,,\n"));
    free(areas);
    /* The CSV leaves both empty; the cells tell unknown ('.': STANDESAMT
     * reports no savings) from not meaningful ('x': FEUERWEHR has no
     * project) and from nothing (0: FEUERWEHR's savings). */
    const struct table *ar = &f->table[TABLE_AUFGABENBEREICHE];
    long c_spar = table_column_index(ar, "einsparung_eur_jahr"), c_eff = table_column_index(ar, "effizienzgewinn_prozent");
    for (size_t r = 0; r < ar->nrows; r++) {
        const char *code = table_at(ar, r, 0)->v.text;
        if (strcmp(code, "STANDESAMT") == 0 || strcmp(code, "SONSTIGE") == 0) {
            assert_int_equal(table_at(ar, r, (size_t)c_spar)->kind, CELL_UNKNOWN);
            assert_int_equal(table_at(ar, r, (size_t)c_eff)->kind, CELL_UNKNOWN);
        } else if (strcmp(code, "FEUERWEHR") == 0) {
            assert_int_equal(table_at(ar, r, (size_t)c_spar)->kind, CELL_MONEY);
            assert_int_equal(table_at(ar, r, (size_t)c_eff)->kind, CELL_UNDEFINED);
        }
    }
    char *years = _csv(&f->table[TABLE_ZEITREIHE]);
    assert_true(strncmp(years, "jahr,neu_bewilligt,widerrufen,bestand,ozg_neu\n2010,1,0,1,0\n", 58) == 0);
    assert_non_null(strstr(years, "\n2015,1,0,2,0\n"));
    assert_non_null(strstr(years, "\n2019,1,0,3,0\n"));
    assert_non_null(strstr(years, "\n2020,1,1,3,0\n"));
    assert_non_null(strstr(years, "\n2022,1,0,4,1\n"));
    assert_non_null(strstr(years, "\n2024,1,0,5,0\n"));
    assert_int_equal(f->table[TABLE_ZEITREIHE].nrows, 15);
    free(years);
    _table(f, TABLE_VERTEILUNG, "projekte,kommunen\n0,0\n1,1\n2,1\n3,3\n");
}

/* The same exports a year earlier: P6 (approved on 2024-12-31) and P1's
 * year do not change, but the Stichtag's own year is the last row. */
static void test_previous_year(void **state)
{
    struct world *w = *state;
    struct aggregate agg;
    struct figures fig;
    assert_int_equal(aggregate_compute(&w->reg, &w->areas, &w->ex, 20231231, 20210101, &agg), IKZ_OK);
    struct figures_input in = {&w->reg, &w->areas, &w->ex, &agg, &w->labels, false};
    assert_int_equal(figures_build(&in, &fig), IKZ_OK);
    _int(&fig, "projekte_gefoerdert", 4);
    _int(&fig, "beteiligungen", 10);
    assert_int_equal(fig.table[TABLE_ZEITREIHE].nrows, 14);
    figures_free(&fig);
    aggregate_free(&agg);
}

/* At 2015-12-31 only P3 (no amounts) and P7 (savings only) are active:
 * no project reports both amounts, so costs, savings and the efficiency
 * gain are unknown ('.'), neither 0 nor 'x'; the grants are known. */
static void test_no_savings_reported(void **state)
{
    struct world *w = *state;
    struct aggregate agg;
    struct figures fig;
    assert_int_equal(aggregate_compute(&w->reg, &w->areas, &w->ex, 20151231, 20210101, &agg), IKZ_OK);
    struct figures_input in = {&w->reg, &w->areas, &w->ex, &agg, &w->labels, false};
    assert_int_equal(figures_build(&in, &fig), IKZ_OK);
    _int(&fig, "projekte_gefoerdert", 2);
    _int(&fig, "projekte_mit_einsparungsangabe", 0);
    _int(&fig, "projekte_ohne_einsparungsangabe", 2);
    _money(&fig, "foerdersumme_eur", 12500000);
    assert_int_equal(figures_key(&fig, "ausgangskosten_eur_jahr")->kind, CELL_UNKNOWN);
    assert_int_equal(figures_key(&fig, "einsparung_eur_jahr")->kind, CELL_UNKNOWN);
    assert_int_equal(figures_key(&fig, "effizienzgewinn_prozent")->kind, CELL_UNKNOWN);
    /* A change against an unknown value is unknown too. */
    struct cell diff, pct;
    figures_change(figures_key(&w->fig, "einsparung_eur_jahr"), figures_key(&fig, "einsparung_eur_jahr"), &diff, &pct);
    assert_int_equal(diff.kind, CELL_UNKNOWN);
    assert_int_equal(pct.kind, CELL_UNKNOWN);
    figures_free(&fig);
    aggregate_free(&agg);
}

/* The value called key of a paragraph. */
static const struct cell *_pv(const struct press_values *pv, const char *key)
{
    for (size_t i = 0; i < pv->n; i++)
        if (strcmp(pv->v[i].key, key) == 0)
            return &pv->v[i].value;
    fail_msg("no value %s", key);
    return NULL;
}

/* A list of Kommunen of a paragraph's values, in kasus (german.h). */
static char *_pv_list(const struct press_values *pv, const char *key, enum kasus kasus)
{
    for (size_t i = 0; i < pv->n; i++)
        if (strcmp(pv->v[i].key, key) == 0) {
            assert_non_null(pv->v[i].kommunen);
            assert_int_equal(pv->v[i].value.v.i, (int64_t)pv->v[i].n_kommunen);
            char *buf = NULL;
            size_t len = 0;
            FILE *fp = open_memstream(&buf, &len);
            assert_non_null(fp);
            assert_true(german_kommunen(fp, pv->v[i].kommunen, pv->v[i].n_kommunen, kasus, false));
            assert_int_equal(fclose(fp), 0);
            return buf;
        }
    fail_msg("no list %s", key);
    return NULL;
}

static void _assert_list(const struct press_values *pv, const char *key, enum kasus kasus, const char *want)
{
    char *got = _pv_list(pv, key, kasus);
    assert_string_equal(got, want);
    free(got);
}

/* A Kreis's paragraph states its row of kreise.csv; its largest
 * cooperation is P7 (3 participants, approved 2010), not P1 (3, 2022): on
 * a tie the earlier approval. A project's people come leads first, in the
 * export's order, as newspapers name them. */
static void test_press_values(void **state)
{
    struct world *w = *state;
    struct figures_input in = {&w->reg, &w->areas, &w->ex, &w->agg, &w->labels, false};
    size_t k = 0;
    while (k < w->reg.n_kreise && strcmp(w->reg.kreis[k].key, "06431") != 0)
        k++;
    assert_true(k < w->reg.n_kreise);
    struct press_values pv;
    assert_int_equal(press_values_kreis(&in, k, &pv), IKZ_OK);
    assert_string_equal(_pv(&pv, "kreis_name")->v.text, "Landkreis Bergstraße");
    assert_int_equal(_pv(&pv, "kreis_kommunen")->v.i, 4);
    assert_int_equal(_pv(&pv, "kreis_kommunen_beteiligt")->v.i, 4);
    assert_int_equal(_pv(&pv, "kreis_kommunen_nicht_beteiligt")->v.i, 0);
    assert_int_equal(_pv(&pv, "kreis_beteiligungen")->v.i, 9);
    assert_int_equal(_pv(&pv, "kreis_projekte")->v.i, 5);
    assert_int_equal(_pv(&pv, "kreis_ozg_kooperationen")->v.i, 1);
    assert_string_equal(_pv(&pv, "kreis_groesste_id")->v.text, "P7");
    _assert_list(&pv, "kreis", KASUS_NOM, "der Landkreis Bergstraße");
    _assert_list(&pv, "kreis_groesste_beteiligte", KASUS_NAME, "A, B und D");
    _assert_list(&pv, "kreis_groesste_beteiligte", KASUS_NOM, "die Gemeinde A sowie die Städte B und D");
    _assert_list(&pv, "kreis_groesste_federfuehrung", KASUS_GEN, "der Gemeinde A");
    press_values_free(&pv);

    long p = press_find_projekt(&w->ex, "P2");
    assert_true(p >= 0);
    assert_int_equal(press_values_projekt(&in, (size_t)p, &pv), IKZ_OK);
    _assert_list(&pv, "projekt_beteiligte", KASUS_NAME, "A und Landkreis Bergstraße");
    _assert_list(&pv, "projekt_beteiligte", KASUS_NOM, "die Gemeinde A und der Landkreis Bergstraße");
    _assert_list(&pv, "projekt_federfuehrung", KASUS_NOM, "die Gemeinde A");
    _assert_list(&pv, "projekt_partner", KASUS_DAT, "dem Landkreis Bergstraße");
    assert_int_equal(_pv(&pv, "projekt_partner_anzahl")->v.i, 1);
    assert_int_equal(_pv(&pv, "projekt_mit_einsparungsangabe")->v.i, 1);
    assert_int_equal(_pv(&pv, "projekt_einsparung_eur_jahr")->v.cents, 2000000);
    assert_true(fabs(_pv(&pv, "projekt_effizienzgewinn_prozent")->v.r - 10.0) < 1e-9);
    press_values_free(&pv);
    /* P7 reports savings without costs: no savings in its paragraph. */
    assert_int_equal(press_values_projekt(&in, (size_t)press_find_projekt(&w->ex, "P7"), &pv), IKZ_OK);
    assert_int_equal(_pv(&pv, "projekt_mit_einsparungsangabe")->v.i, 0);
    assert_int_equal(_pv(&pv, "projekt_einsparung_eur_jahr")->kind, CELL_UNKNOWN);
    assert_int_equal(_pv(&pv, "projekt_effizienzgewinn_prozent")->kind, CELL_UNKNOWN);
    press_values_free(&pv);
    assert_int_equal(press_find_projekt(&w->ex, "P9"), -1);
}

/* No active project: statistics over projects are undefined, not zero. */
static void test_nothing_active(void **state)
{
    struct world *w = *state;
    struct aggregate agg;
    struct figures fig;
    assert_int_equal(aggregate_compute(&w->reg, &w->areas, &w->ex, 20000101, 20210101, &agg), IKZ_OK);
    struct figures_input in = {&w->reg, &w->areas, &w->ex, &agg, &w->labels, false};
    assert_int_equal(figures_build(&in, &fig), IKZ_OK);
    _int(&fig, "projekte_gefoerdert", 0);
    _real(&fig, "projekte_je_kommune_mittelwert", 0.0);
    assert_int_equal(figures_key(&fig, "beteiligte_je_projekt_mittelwert")->kind, CELL_UNDEFINED);
    assert_int_equal(figures_key(&fig, "beteiligte_je_projekt_max")->kind, CELL_UNDEFINED);
    assert_int_equal(figures_key(&fig, "effizienzgewinn_prozent")->kind, CELL_UNDEFINED);
    assert_int_equal(figures_key(&fig, "korrelation_einwohner_projekte_spearman")->kind, CELL_UNDEFINED);
    assert_int_equal(fig.table[TABLE_ZEITREIHE].nrows, 0);
    assert_int_equal(fig.table[TABLE_OZG].nrows, 0);
    assert_int_equal(fig.table[TABLE_VERTEILUNG].nrows, 1); /* all 5 Kommunen have 0 */
    assert_int_equal(table_at(&fig.table[TABLE_VERTEILUNG], 0, 1)->v.i, 5);
    figures_free(&fig);
    aggregate_free(&agg);
}

/* An earlier OZG start date makes P4 an OZG cooperation too. */
static void test_ozg_seit(void **state)
{
    struct world *w = *state;
    struct aggregate agg;
    assert_int_equal(aggregate_compute(&w->reg, &w->areas, &w->ex, 20241231, 20201231, &agg), IKZ_OK);
    assert_int_equal(agg.ozg_kooperationen, 2);
    assert_int_equal(agg.ozg_gemeinden, 4);
    assert_int_equal(agg.ozg_kommunen, 4);
    aggregate_free(&agg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_key_figures, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_tables, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_previous_year, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_nothing_active, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_no_savings_reported, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_press_values, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_ozg_seit, _setup, _teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
