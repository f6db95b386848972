/* test_boundaries.c: every boundary docs/definitions.md defines, one
 * fixture each side of it, so that flipping a < and a <= fails a test.
 *
 * Stichtag S = 2024-12-31, ozg_seit = 2021-01-01. Projects:
 *   B1 OZG       approved 2021-01-01 (= ozg_seit)        -> active, OZG
 *   B2 OZG       approved 2020-12-31 (ozg_seit - 1 day)  -> active, not OZG
 *   B3 DIGITAL   approved 2024-12-31 (= S)               -> active
 *   B4 DIGITAL   approved 2025-01-01 (S + 1 day)         -> not active
 *   B5 DIGITAL   approved 2019-01-01, revoked 2024-12-31 (= S) -> not active
 *   B6 DIGITAL   approved 2019-01-01, revoked 2025-01-01 (S + 1 day) -> active
 * Gemeinden by Einwohner at the size-class edges: 4,999 | 5,000 | 9,999 |
 * 10,000 | 99,999 | 100,000, classes [von, bis). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "render_csv.h"
#include "world.h"

static const char REGISTER[] =
    "ags;name;art;einwohner\n06431;Kreis;Landkreis;\n"
    "06431001;G1;Gemeinde;4999\n06431002;G2;Gemeinde;5000\n06431003;G3;Gemeinde;9999\n"
    "06431004;G4;Gemeinde;10000\n06431005;G5;Stadt;99999\n06431006;G6;Stadt;100000\n";

static const char PROJEKTE[] =
    "projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;ausgangskosten_eur_jahr;"
    "einsparung_eur_jahr\n"
    "B1;OZG am Stichtag der OZG-Zählung;OZG;2021-01-01;;100;;\n"
    "B2;OZG einen Tag davor;OZG;2020-12-31;;200;;\n"
    "B3;Bewilligt am Stichtag;DIGITAL;2024-12-31;;400;;\n"
    "B4;Bewilligt danach;DIGITAL;2025-01-01;;800;;\n"
    "B5;Widerrufen am Stichtag;DIGITAL;2019-01-01;2024-12-31;1600;;\n"
    "B6;Widerrufen danach;DIGITAL;2019-01-01;2025-01-01;3200;;\n";

static const char BETEILIGUNGEN[] =
    "projekt_id;ags;rolle\n"
    "B1;06431001;federfuehrend\nB1;06431002;beteiligt\n"
    "B2;06431003;federfuehrend\nB2;06431004;beteiligt\n"
    "B3;06431005;federfuehrend\nB3;06431006;beteiligt\n"
    "B4;06431001;federfuehrend\nB4;06431006;beteiligt\n"
    "B5;06431002;federfuehrend\nB5;06431003;beteiligt\n"
    "B6;06431004;federfuehrend\nB6;06431005;beteiligt\n";

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

static bool _active(const struct world *w, const char *id)
{
    long i = exports_find_projekt(&w->ex, id);
    assert_true(i >= 0);
    return (w->agg.flags[i] & AGG_ACTIVE) != 0;
}

static bool _ozg(const struct world *w, const char *id)
{
    long i = exports_find_projekt(&w->ex, id);
    assert_true(i >= 0);
    return (w->agg.flags[i] & AGG_OZG) != 0;
}

/* Approved on S counts, the day after does not; revoked on S does not
 * count, revoked the day after still does. */
static void test_stichtag(void **state)
{
    const struct world *w = *state;
    assert_true(_active(w, "B3"));
    assert_false(_active(w, "B4"));
    assert_false(_active(w, "B5"));
    assert_true(_active(w, "B6"));
    assert_int_equal(w->agg.projekte_aktiv, 4); /* B1 B2 B3 B6 */
    assert_int_equal(w->agg.beteiligungen, 8);
    assert_int_equal(w->agg.money.foerder, (100 + 200 + 400 + 3200) * 100);
}

/* Approved on ozg_seit is an OZG cooperation, the day before is not. */
static void test_ozg_seit(void **state)
{
    const struct world *w = *state;
    assert_true(_ozg(w, "B1"));
    assert_false(_ozg(w, "B2"));
    assert_int_equal(w->agg.ozg_kooperationen, 1);
    assert_int_equal(w->agg.ozg_gemeinden, 2);
}

/* The time series: B5's revocation on S falls in 2024, and the stock at
 * the end of 2024 no longer has it; OZG approvals per year start on
 * ozg_seit. */
static void test_zeitreihe(void **state)
{
    const struct world *w = *state;
    const struct year_agg *last = &w->agg.jahr[w->agg.n_jahre - 1];
    assert_int_equal(last->jahr, 2024);
    assert_int_equal(last->widerrufen, 1);
    assert_int_equal(last->bestand, 4);
    assert_int_equal(w->agg.jahr[0].jahr, 2019);
    assert_int_equal(w->agg.jahr[0].bestand, 2);
    /* OZG approvals: B2 (2020-12-31) is before ozg_seit, B1 on it. */
    assert_int_equal(w->agg.jahr[1].jahr, 2020);
    assert_int_equal(w->agg.jahr[1].ozg_neu, 0);
    assert_int_equal(w->agg.jahr[2].jahr, 2021);
    assert_int_equal(w->agg.jahr[2].ozg_neu, 1);
}

/* [von, bis): 5,000 is in the second class, 100,000 in the last. */
static void test_size_classes(void **state)
{
    const struct world *w = *state;
    const struct table *t = &w->fig.table[TABLE_GROESSENKLASSEN];
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_int_equal(render_csv(t, CSV_DIALECT_RFC4180, fp), IKZ_OK);
    fclose(fp);
    assert_string_equal(buf,
                        "klasse,von,bis,gemeinden,gemeinden_beteiligt,projekte_je_gemeinde_mittelwert,"
                        "projekte_je_gemeinde_median\n"
                        "unter 5.000,0,5000,1,1,1,1\n"
                        "5.000 bis unter 10.000,5000,10000,2,2,1,1\n"
                        "10.000 bis unter 20.000,10000,20000,1,1,2,2\n"
                        "20.000 bis unter 50.000,20000,50000,0,0,,\n"
                        "50.000 bis unter 100.000,50000,100000,1,1,2,2\n"
                        "100.000 und mehr,100000,,1,1,1,1\n");
    free(buf);
}

/* Every table fills exactly its declared columns: each row has ncols
 * cells and none is left unset; the key figures are as many as the table
 * of key figures says. */
static void test_tables_filled(void **state)
{
    const struct world *w = *state;
    for (size_t i = 0; i < TABLE__COUNT; i++) {
        const struct table *t = &w->fig.table[i];
        assert_true(t->ncols > 0);
        for (size_t c = 0; c < t->ncols; c++) {
            assert_non_null(t->column[c].fill);
            for (size_t d = 0; d < c; d++)
                assert_string_not_equal(t->column[c].name, t->column[d].name);
        }
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++)
                assert_int_not_equal(table_at(t, r, c)->kind, CELL_UNSET);
    }
    assert_int_equal(w->fig.table[TABLE_KENNZAHLEN].nrows, figures_key_count());
    for (size_t i = 0; i < figures_key_count(); i++)
        assert_string_equal(table_at(&w->fig.table[TABLE_KENNZAHLEN], i, 0)->v.text, figures_key_name(i));
    assert_null(figures_key_name(figures_key_count()));
}

/* A list of names past 100 is cut visibly: memory grows with projects and
 * Kommunen, not with the length of names. */
static void test_names_capped(void **state)
{
    (void)state;
    static char reg[16384], proj[1024], bet[16384];
    size_t r = (size_t)snprintf(reg, sizeof reg, "ags;name;art;einwohner\n06431;Kreis;Landkreis;\n");
    size_t b = (size_t)snprintf(bet, sizeof bet, "projekt_id;ags;rolle\n");
    for (int i = 1; i <= 105; i++) {
        r += (size_t)snprintf(reg + r, sizeof reg - r, "06431%03d;G%d;Gemeinde;1000\n", i, i);
        b += (size_t)snprintf(bet + b, sizeof bet - b, "O1;06431%03d;%s\n", i, i == 1 ? "federfuehrend" : "beteiligt");
    }
    snprintf(proj, sizeof proj, "projekt_id;titel;aufgabenbereich;bewilligt_am;foerderbetrag_eur\n"
                                "O1;Alle;OZG;2022-01-01;1000\n");
    struct world *w = world_new(reg, proj, bet, 20241231, 20210101);
    const struct table *t = &w->fig.table[TABLE_OZG];
    assert_int_equal(t->nrows, 1);
    const char *names = table_at(t, 0, (size_t)table_column_index(t, "beteiligte_namen"))->v.text;
    assert_int_equal(strncmp(names, "G1; G2; G3; ", 12), 0); /* the lead first, then by key */
    size_t n = strlen(names);
    assert_string_equal(names + n - strlen("; G100 (und 5 weitere)"), "; G100 (und 5 weitere)");
    assert_int_equal(table_at(t, 0, (size_t)table_column_index(t, "beteiligte"))->v.i, 105);
    world_free(w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stichtag, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_ozg_seit, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_zeitreihe, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_size_classes, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_tables_filled, _setup, _teardown),
        cmocka_unit_test(test_names_capped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
