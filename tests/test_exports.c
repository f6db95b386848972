/* test_exports.c: projekte.csv and beteiligungen.csv, their row checks and
 * the checks across both files. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"
#include "exports.h"
#include "fixture.h"

static const char *const REGISTER = "ags;name;art;einwohner\n"
                                    "06411000;Darmstadt;kreisfreie Stadt;159878\n"
                                    "06431;Bergstraße;Landkreis;\n"
                                    "06431004;Birkenau;Gemeinde;9873\n"
                                    "06431008;Gorxheimertal;Gemeinde;3900\n"
                                    "06431017;Mörlenbach;Gemeinde;10000\n";

static const char *const PROJEKT_HEADER = "projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;"
                                          "foerderbetrag_eur;ausgangskosten_eur_jahr;einsparung_eur_jahr\n";

struct world {
    char *dir;
    struct task_areas areas;
    struct kommune_register reg;
    struct exports ex;
    struct findings f;
};

static int _setup(void **state)
{
    struct world *w = calloc(1, sizeof *w);
    w->dir = fixture_dir();
    findings_init(&w->f, 100);
    char *areas = fixture_write(w->dir, "areas.csv", "code;bezeichnung\nOZG;Onlinezugangsgesetz (OZG)\n"
                                "ORDNUNG;Ordnungswesen und Ordnungsbehördenbezirke\nBAU;Bauverwaltung\n", (size_t)-1);
    char *reg = fixture_write(w->dir, "kommunen.csv", REGISTER, (size_t)-1);
    assert_int_equal(taskareas_load(areas, "areas.csv", NULL, &w->areas, &w->f), IKZ_OK);
    assert_int_equal(register_load(reg, "kommunen.csv", NULL, NULL, &w->reg, &w->f), IKZ_OK);
    free(areas);
    free(reg);
    *state = w;
    return 0;
}

static int _teardown(void **state)
{
    struct world *w = *state;
    exports_free(&w->ex);
    register_free(&w->reg);
    taskareas_free(&w->areas);
    findings_free(&w->f);
    fixture_remove(w->dir);
    free(w);
    return 0;
}

static enum ikz_status _projekte(struct world *w, const char *rows)
{
    size_t n = strlen(PROJEKT_HEADER) + strlen(rows) + 1;
    char *content = malloc(n);
    snprintf(content, n, "%s%s", PROJEKT_HEADER, rows);
    char *path = fixture_write(w->dir, "projekte.csv", content, (size_t)-1);
    enum ikz_status st = exports_load_projekte(path, "projekte.csv", NULL, &w->areas, &w->ex, &w->f);
    free(content);
    free(path);
    return st;
}

static enum ikz_status _beteiligungen(struct world *w, const char *content)
{
    char *path = fixture_write(w->dir, "beteiligungen.csv", content, (size_t)-1);
    enum ikz_status st = exports_load_beteiligungen(path, "beteiligungen.csv", NULL, &w->reg, 0, &w->ex, &w->f);
    free(path);
    return st;
}

static void test_projects_read(void **state)
{
    struct world *w = *state;
    assert_int_equal(_projekte(w, "P2;Ordnungsbezirk;  ordnungswesen und ordnungsbehördenbezirke ;1.2.2019;"
                                  "31.12.2020;50.000,00;200 000;20000,5\n"
                                  "P1;\"=HYPERLINK(\"\"x\"\")\";ozg;2022-01-01;;75000;;\n"),
                     IKZ_OK);
    assert_int_equal(w->f.total, 0);
    assert_int_equal(w->ex.n_projekte, 2);
    const struct projekt *p1 = &w->ex.projekt[0], *p2 = &w->ex.projekt[1];
    assert_string_equal(p1->id, "P1");
    assert_string_equal(w->ex.detail[0].titel, "=HYPERLINK(\"x\")"); /* OZG titles are kept */
    assert_int_equal(p1->bewilligt, 20220101);
    assert_int_equal(p1->widerrufen, 0);
    assert_int_equal(p1->foerder_cents, 7500000);
    assert_true(p1->kosten_cents == MONEY_NONE);
    assert_int_equal(p1->line, 3);
    assert_string_equal(p2->id, "P2");
    assert_null(w->ex.detail[1].titel); /* other titles are not held in memory */
    assert_int_equal(p2->area, 1);
    assert_int_equal(p2->widerrufen, 20201231);
    assert_int_equal(p2->kosten_cents, 20000000);
    assert_int_equal(p2->einsparung_cents, 2000050);
}

static void test_optional_columns(void **state)
{
    struct world *w = *state;
    char *path = fixture_write(w->dir, "projekte.csv", "aufgabenbereich,projekt_id,foerderbetrag_eur,bewilligt_am,titel\n"
                                                     "OZG,P1,75000,2022-01-01,a\n", (size_t)-1);
    assert_int_equal(exports_load_projekte(path, "projekte.csv", NULL, &w->areas, &w->ex, &w->f), IKZ_OK);
    assert_int_equal(w->f.total, 0);
    assert_int_equal(w->ex.projekt[0].widerrufen, 0);
    assert_true(w->ex.projekt[0].kosten_cents == MONEY_NONE && w->ex.projekt[0].einsparung_cents == MONEY_NONE);
    free(path);
}

static void test_project_errors(void **state)
{
    struct world *w = *state;
    assert_int_equal(_projekte(w, "P1;a;OZG;31.02.2023;;50000;;\n"
                                  "P2;b;OZG;2023-13-01;;50000;;\n"
                                  "P3;c;Kultur;2023-01-01;;50000;;\n"
                                  "P4;d;BAU;2023-05-01;2023-04-30;50000;;\n"
                                  "P5;e;BAU;2023-05-01;;-5;;\n"
                                  "P6;f;BAU;2023-05-01;;50 Tsd;;\n"
                                  "P7;g;BAU;2023-05-01;;50000;1000;2000\n"
                                  "P1;h;BAU;2023-05-01;;50000;;\n"
                                  ";i;BAU;2023-05-01;;50000;;\n"
                                  "P8;j;BAU;;;;;\n"),
                     IKZ_ERR_DATA);
    fixture_assert_finding(&w->f, 0, "projekte.csv:2: column 'bewilligt_am': Datum ungültig (erwartet JJJJ-MM-TT oder "
                              "TT.MM.JJJJ) '31.02.2023' [DATUM_UNGUELTIG]");
    fixture_assert_finding(&w->f, 1, "projekte.csv:3: column 'bewilligt_am': Datum ungültig (erwartet JJJJ-MM-TT oder "
                              "TT.MM.JJJJ) '2023-13-01' [DATUM_UNGUELTIG]");
    fixture_assert_finding(&w->f, 2, "projekte.csv:4: column 'aufgabenbereich': Aufgabenbereich steht nicht in der Liste "
                              "templates/aufgabenbereiche.csv 'Kultur' [AUFGABENBEREICH_UNBEKANNT]");
    fixture_assert_finding(&w->f, 3, "projekte.csv:5: column 'widerrufen_am': Widerruf liegt vor der Bewilligung "
                              "'2023-04-30' (bewilligt am 2023-05-01) [WIDERRUF_VOR_BEWILLIGUNG]");
    fixture_assert_finding(&w->f, 4, "projekte.csv:6: column 'foerderbetrag_eur': Betrag ist negativ '-5' [BETRAG_NEGATIV]");
    fixture_assert_finding(&w->f, 5, "projekte.csv:7: column 'foerderbetrag_eur': Betrag ist keine Zahl (z. B. 86000, "
                              "86000.50, 86.000,50) '50 Tsd' [BETRAG_UNGUELTIG]");
    fixture_assert_finding(&w->f, 6, "projekte.csv:8: column 'einsparung_eur_jahr': Einsparung ist größer als die "
                              "Ausgangskosten '2000' (Ausgangskosten 1000) [EINSPARUNG_UEBER_KOSTEN]");
    fixture_assert_finding(&w->f, 7, "projekte.csv:10: column 'projekt_id': Pflichtfeld ist leer [PFLICHTFELD_LEER]");
    fixture_assert_finding(&w->f, 8, "projekte.csv:11: column 'bewilligt_am': Pflichtfeld ist leer [PFLICHTFELD_LEER]");
    fixture_assert_finding(&w->f, 9, "projekte.csv:11: column 'foerderbetrag_eur': Pflichtfeld ist leer [PFLICHTFELD_LEER]");
    fixture_assert_finding(&w->f, 10, "projekte.csv:9: column 'projekt_id': projekt_id kommt mehrfach vor 'P1' (zuerst in "
                               "Zeile 2) [PROJEKT_DOPPELT]");
    assert_int_equal(w->f.total, 11);
    /* Dates, keys and task areas reject the row; an amount with an error
     * is only missing (docs/findings.md): P5, P6 and P7 still count. */
    static const struct {
        const char *id;
        bool usable;
        int64_t foerder, kosten, einsparung;
    } expect[] = {{"P2", false, 5000000, MONEY_NONE, MONEY_NONE},
                  {"P3", false, 5000000, MONEY_NONE, MONEY_NONE},
                  {"P4", false, 5000000, MONEY_NONE, MONEY_NONE},
                  {"P5", true, MONEY_NONE, MONEY_NONE, MONEY_NONE},
                  {"P6", true, MONEY_NONE, MONEY_NONE, MONEY_NONE},
                  {"P7", true, 5000000, MONEY_NONE, MONEY_NONE},
                  {"P8", false, MONEY_NONE, MONEY_NONE, MONEY_NONE}};
    for (size_t i = 0; i < sizeof expect / sizeof expect[0]; i++) {
        const struct projekt *p = NULL;
        for (size_t j = 0; j < w->ex.n_projekte && !p; j++)
            if (strcmp(w->ex.projekt[j].id, expect[i].id) == 0)
                p = &w->ex.projekt[j];
        assert_non_null(p);
        assert_int_equal(p->usable, expect[i].usable);
        assert_int_equal(p->foerder_cents, expect[i].foerder);
        assert_int_equal(p->kosten_cents, expect[i].kosten);
        assert_int_equal(p->einsparung_cents, expect[i].einsparung);
    }
    assert_int_equal(w->ex.missing_amounts, 4); /* P5's and P6's grants, P7's two amounts */
    assert_int_equal(w->ex.rejected_projekte, 7); /* P1 twice, P2, P3, P4, P8, and the row without id */
}

static void test_participations(void **state)
{
    struct world *w = *state;
    assert_int_equal(_projekte(w, "P1;a;OZG;2023-01-01;;75000;;\nP2;b;BAU;2023-01-01;;50000;;\n"
                                  "P3;c;BAU;2023-01-01;;50000;;\nP4;d;BAU;2023-01-01;;50000;;\n"),
                     IKZ_OK);
    assert_int_equal(_beteiligungen(w, "projekt_id,ags,rolle\n"
                                       "P1,06431017,beteiligt\n"
                                       "P1,06431004,Federführend\n"
                                       "P1,06431008,beteiligt\n"
                                       "P1,06431017,federfuehrend\n"
                                       "P2,06431,federfuehrend\n"
                                       "P2,06431004,federfuehrend\n"
                                       "P3,06431008,beteiligt\n"),
                     IKZ_OK);
    const struct exports *ex = &w->ex;
    assert_int_equal(ex->n_beteiligungen, 6);
    assert_int_equal(ex->projekt[0].count, 3);
    /* Grouped by project, sorted by Kommune (register order). */
    assert_string_equal(w->reg.kommune[ex->beteiligung[0].kommune].ags, "06431004");
    assert_int_equal(ex->beteiligung[0].lead, 1);
    assert_string_equal(w->reg.kommune[ex->beteiligung[2].kommune].ags, "06431017");
    assert_int_equal(ex->beteiligung[2].lead, 1); /* merged from line 5 */
    fixture_assert_finding(&w->f, 0, "beteiligungen.csv:5: column 'ags': Kommune ist an diesem Projekt mehrfach "
                              "eingetragen; sie wird einmal gezählt '06431017' (projekt_id P1, zuerst in Zeile 2) "
                              "[BETEILIGUNG_DOPPELT]");
    check_projects(&w->ex, 0, "projekte.csv", &w->f);
    fixture_assert_finding(&w->f, 1, "projekte.csv:2: column 'projekt_id': Projekt hat mehrere federführende Kommunen 'P1' "
                              "(2 federführende) [FEDERFUEHRUNG_MEHRFACH]");
    fixture_assert_finding(&w->f, 2, "projekte.csv:3: column 'projekt_id': Projekt hat mehrere federführende Kommunen 'P2' "
                              "(2 federführende) [FEDERFUEHRUNG_MEHRFACH]");
    /* Fewer than two participants: no cooperation, a fehler that rejects
     * the project (and so no hinweis about its lead). */
    fixture_assert_finding(&w->f, 3, "projekte.csv:4: column 'projekt_id': Projekt hat nur eine beteiligte Kommune; "
                              "Zusammenarbeit braucht mindestens zwei 'P3' [PROJEKT_EIN_BETEILIGTER]");
    fixture_assert_finding(&w->f, 4, "projekte.csv:5: column 'projekt_id': Projekt hat keine Beteiligten in "
                              "beteiligungen.csv; eine Zusammenarbeit braucht mindestens zwei Kommunen 'P4' "
                              "[PROJEKT_OHNE_BETEILIGTE]");
    assert_int_equal(w->f.n, 5);
    assert_int_equal(w->f.errors, 2);
    assert_int_equal(ex->rejected_projekte, 2);
    assert_true(ex->projekt[0].usable && ex->projekt[1].usable);
    assert_false(ex->projekt[2].usable || ex->projekt[3].usable);
}

/* A register of two Länder read for Hessen: the Rhineland-Palatinate
 * partner is a hinweis, not a participation, counted once per project. */
static void test_other_land(void **state)
{
    struct world *w = *state;
    register_free(&w->reg);
    char *reg = fixture_write(w->dir, "zwei-laender.csv",
                              "ags;name;art;einwohner\n"
                              "06431;Bergstraße;Landkreis;\n06431004;Birkenau;Gemeinde;9873\n"
                              "06431017;Mörlenbach;Gemeinde;10000\n"
                              "07315000;Mainz;kreisfreie Stadt;220000\n",
                              (size_t)-1);
    assert_int_equal(register_load(reg, "zwei-laender.csv", NULL, "06", &w->reg, &w->f), IKZ_OK);
    free(reg);
    assert_int_equal(w->reg.n, 3);
    assert_int_equal(w->reg.n_outside, 1);
    assert_int_equal(_projekte(w, "P1;a;OZG;2023-01-01;;75000;;\n"), IKZ_OK);
    assert_int_equal(_beteiligungen(w, "projekt_id;ags;rolle\n"
                                       "P1;06431004;federfuehrend\n"
                                       "P1;07315000;beteiligt\n"
                                       "P1;06431017;beteiligt\n"
                                       "P1;07315000;beteiligt\n"),
                     IKZ_OK);
    assert_int_equal(w->ex.n_beteiligungen, 2);
    assert_int_equal(w->ex.projekt[0].count, 2);
    assert_int_equal(w->ex.projekt[0].outside, 1);
    fixture_assert_finding(&w->f, 0, "beteiligungen.csv:3: column 'ags': Kommune eines anderen Landes; die Beteiligung "
                              "wird nicht gezählt '07315000' (Mainz, Land 07) [BETEILIGUNG_ANDERES_LAND]");
    fixture_assert_finding(&w->f, 1, "beteiligungen.csv:5: column 'ags': Kommune eines anderen Landes; die Beteiligung "
                              "wird nicht gezählt '07315000' (Mainz, Land 07) [BETEILIGUNG_ANDERES_LAND]");
    assert_int_equal(w->f.errors, 0);
}

/* A Hessian Gemeinde with one partner of another Land is a cooperation:
 * participants count across Länder, so no PROJEKT_EIN_BETEILIGTER. */
static void test_partner_of_other_land_makes_two(void **state)
{
    struct world *w = *state;
    register_free(&w->reg);
    char *reg = fixture_write(w->dir, "zwei-laender.csv",
                              "ags;name;art;einwohner\n"
                              "06431;Bergstraße;Landkreis;\n06431004;Birkenau;Gemeinde;9873\n"
                              "07315000;Mainz;kreisfreie Stadt;220000\n",
                              (size_t)-1);
    assert_int_equal(register_load(reg, "zwei-laender.csv", NULL, "06", &w->reg, &w->f), IKZ_OK);
    free(reg);
    assert_int_equal(_projekte(w, "P1;a;OZG;2023-01-01;;75000;;\n"), IKZ_OK);
    assert_int_equal(_beteiligungen(w, "projekt_id;ags;rolle\n"
                                       "P1;06431004;federfuehrend\n"
                                       "P1;07315000;beteiligt\n"),
                     IKZ_OK);
    check_projects(&w->ex, 0, "projekte.csv", &w->f);
    assert_int_equal(w->f.total, 1); /* BETEILIGUNG_ANDERES_LAND only */
    assert_int_equal(w->f.errors, 0);
    assert_true(w->ex.projekt[0].usable);
    assert_int_equal(w->ex.rejected_projekte, 0);
}

/* The participants are counted for the projects of the report only: one
 * approved after the Stichtag (a rerun for an earlier year) may name a
 * key the older register cannot place, so its count says nothing yet. */
static void test_one_participant_outside_the_report(void **state)
{
    struct world *w = *state;
    assert_int_equal(_projekte(w, "P1;a;OZG;2023-01-01;;75000;;\n"), IKZ_OK);
    assert_int_equal(_beteiligungen(w, "projekt_id;ags;rolle\nP1;06431004;federfuehrend\n"), IKZ_OK);
    check_projects(&w->ex, 20211231, "projekte.csv", &w->f); /* neither at S nor a year before */
    assert_int_equal(w->f.total, 0);
    assert_true(w->ex.projekt[0].usable);
    check_projects(&w->ex, 20231231, "projekte.csv", &w->f);
    assert_int_equal(w->f.errors, 1);
    fixture_assert_finding(&w->f, 0, "projekte.csv:2: column 'projekt_id': Projekt hat nur eine beteiligte Kommune; "
                              "Zusammenarbeit braucht mindestens zwei 'P1' [PROJEKT_EIN_BETEILIGTER]");
    assert_false(w->ex.projekt[0].usable);
}

static void test_participation_errors(void **state)
{
    struct world *w = *state;
    assert_int_equal(_projekte(w, "P1;a;OZG;2023-01-01;;75000;;\n"), IKZ_OK);
    assert_int_equal(_beteiligungen(w, "projekt_id;ags;rolle\n"
                                       "P1;06431000;beteiligt\n"
                                       "P1;6431004;beteiligt\n"
                                       "P1;99999999;beteiligt\n"
                                       "P9;06431004;beteiligt\n"
                                       "P1;06431008;Chef\n"
                                       "P1;06411;beteiligt\n"),
                     IKZ_ERR_DATA);
    fixture_assert_finding(&w->f, 0, "beteiligungen.csv:2: column 'ags': Gemeindeschlüssel ist keine Kommune des "
                              "Gemeindeverzeichnisses '06431000' (ein Kreis hat 5 Ziffern: gemeint ist wohl 06431 "
                              "Bergstraße) [AGS_UNBEKANNT]");
    fixture_assert_finding(&w->f, 1, "beteiligungen.csv:3: column 'ags': Gemeindeschlüssel ist keine Kommune des "
                              "Gemeindeverzeichnisses '6431004' (führende Null verloren (Excel?): gemeint ist wohl "
                              "06431004 Birkenau) [AGS_UNBEKANNT]");
    fixture_assert_finding(&w->f, 2, "beteiligungen.csv:4: column 'ags': Gemeindeschlüssel ist keine Kommune des "
                              "Gemeindeverzeichnisses '99999999' [AGS_UNBEKANNT]");
    fixture_assert_finding(&w->f, 3, "beteiligungen.csv:5: column 'projekt_id': Beteiligung an einem Projekt, das in "
                              "projekte.csv fehlt 'P9' [PROJEKT_UNBEKANNT]");
    fixture_assert_finding(&w->f, 4, "beteiligungen.csv:6: column 'rolle': Rolle ungültig (erwartet federfuehrend oder "
                              "beteiligt) 'Chef' [ROLLE_UNGUELTIG]");
    fixture_assert_finding(&w->f, 5, "beteiligungen.csv:7: column 'ags': Gemeindeschlüssel ist keine Kommune des "
                              "Gemeindeverzeichnisses '06411' (eine kreisfreie Stadt hat 8 Ziffern: gemeint ist wohl "
                              "06411000 Darmstadt) [AGS_UNBEKANNT]");
    assert_int_equal(w->f.total, 6);
    assert_int_equal(w->ex.n_beteiligungen, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_projects_read, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_optional_columns, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_project_errors, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_participations, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_participation_errors, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_other_land, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_partner_of_other_land_makes_two, _setup, _teardown),
        cmocka_unit_test_setup_teardown(test_one_participant_outside_the_report, _setup, _teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
