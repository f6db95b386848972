/* test_rules.c: the judgements of check/rules.h as a table of cases:
 * the value as read, whether it is valid, the finding code if not, and
 * the value it yields. Each edge of docs/findings.md is a row.
 * tests/findings_coverage.sh checks that every code a rule gives is named
 * here or in tests/bad-input/, and every rule has a mutation. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "gebietsaenderungen.h"
#include "rekey.h"
#include "register.h"
#include "rules.h"
#include "taskareas.h"

static void test_present(void **state)
{
    (void)state;
    struct rule_result why = {0};
    assert_true(rule_present("P1", &why));
    assert_true(rule_present(" ", &why)); /* the reader trims; the rule takes what it is given */
    assert_false(rule_present("", &why));
    assert_int_equal(why.code, FINDING_PFLICHTFELD_LEER);
    why.code = 0;
    assert_false(rule_present(NULL, &why)); /* an absent column */
    assert_int_equal(why.code, FINDING_PFLICHTFELD_LEER);
}

static void test_amount(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        bool required, ok;
        enum finding_code code;
        int64_t cents;
    } cases[] = {
        {"86.000", true, true, 0, 8600000},
        {"12,5", true, true, 0, 1250},
        {"0", true, true, 0, 0},
        {"", false, true, 0, MONEY_NONE},
        {"", true, false, FINDING_PFLICHTFELD_LEER, MONEY_NONE},
        {NULL, true, false, FINDING_PFLICHTFELD_LEER, MONEY_NONE},
        {"zwölf", true, false, FINDING_BETRAG_UNGUELTIG, 0},
        {"12,345", true, true, 0, 1234500}, /* one separator and three digits: grouping */
        {"12,3456", true, false, FINDING_BETRAG_UNGUELTIG, 0},
        {"0,050", true, false, FINDING_BETRAG_UNGUELTIG, 0}, /* 5 cents or 50 euros: a finding, no guess */
        {"0.500", true, false, FINDING_BETRAG_UNGUELTIG, 0},
        {"0,05", true, true, 0, 5},
        {"0.5", true, true, 0, 50},
        {"-1", true, false, FINDING_BETRAG_NEGATIV, 0},
        {"-0,01", true, false, FINDING_BETRAG_NEGATIV, 0},
        {"1.000.000.000,00", true, true, 0, MONEY_MAX_CENTS}, /* the bound itself */
        {"1.000.000.000,01", true, false, FINDING_BETRAG_ZU_GROSS, 0},
        {"90.000.000.000.000.000", true, false, FINDING_BETRAG_ZU_GROSS, 0}, /* two of these overflowed a sum */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t cents;
        struct rule_result why = {0};
        bool ok = rule_amount(cases[i].v, cases[i].required, &cents, &why);
        if (ok != cases[i].ok || (!ok && why.code != cases[i].code) || (ok && cents != cases[i].cents))
            fail_msg("amount '%s': ok %d code %d cents %lld", cases[i].v ? cases[i].v : "(null)", ok, why.code,
                     (long long)cents);
    }
}

static void test_date(void **state)
{
    (void)state;
    ikz_date d;
    struct rule_result why;
    assert_true(rule_date("2024-12-31", true, &d, &why));
    assert_int_equal(d, 20241231);
    assert_true(rule_date("31.12.2024", true, &d, &why));
    assert_int_equal(d, 20241231);
    assert_true(rule_date("", false, &d, &why));
    assert_int_equal(d, 0);
    assert_false(rule_date("", true, &d, &why));
    assert_int_equal(why.code, FINDING_PFLICHTFELD_LEER);
    assert_false(rule_date("2024-02-30", true, &d, &why));
    assert_int_equal(why.code, FINDING_DATUM_UNGUELTIG);
}

/* Revoked on the day of approval is valid, the day before is not;
 * savings equal to the costs are valid, a cent more is not. */
static void test_cross_field(void **state)
{
    (void)state;
    struct rule_result why;
    assert_true(rule_revocation(20230101, 20230101, &why));
    assert_false(rule_revocation(20230101, 20221231, &why));
    assert_int_equal(why.code, FINDING_WIDERRUF_VOR_BEWILLIGUNG);
    assert_true(rule_revocation(20230101, 0, &why));
    assert_true(rule_savings(10000, 10000, &why));
    assert_false(rule_savings(10000, 10001, &why));
    assert_int_equal(why.code, FINDING_EINSPARUNG_UEBER_KOSTEN);
    assert_true(rule_savings(MONEY_NONE, 10001, &why));
    assert_true(rule_savings(10000, MONEY_NONE, &why));
}

static void test_role(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        bool ok, lead;
    } cases[] = {
        {"federfuehrend", true, true}, {"Federführend", true, true}, {"FEDERFUEHREND", true, true},
        {"beteiligt", true, false},    {"Beteiligt", true, false},   {"lead", false, false},
        {"", false, false},            {NULL, false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool lead;
        struct rule_result why = {0};
        bool ok = rule_role(cases[i].v, &lead, &why);
        if (ok != cases[i].ok || lead != cases[i].lead || (!ok && why.code != FINDING_ROLLE_UNGUELTIG))
            fail_msg("role '%s': ok %d lead %d", cases[i].v ? cases[i].v : "(null)", ok, lead);
    }
}

static void test_einwohner(void **state)
{
    (void)state;
    int64_t n;
    struct rule_result why;
    assert_true(rule_einwohner("9873", &n, &why));
    assert_int_equal(n, 9873);
    assert_true(rule_einwohner("0", &n, &why));
    assert_false(rule_einwohner("-5", &n, &why));
    assert_int_equal(why.code, FINDING_EINWOHNER_UNGUELTIG);
    assert_false(rule_einwohner(NULL, &n, &why));
}

/* By code or by label, in any case; anything else is unknown. */
static void test_task_area(void **state)
{
    (void)state;
    char *dir = fixture_dir();
    char *path = fixture_write(dir, "aufgabenbereiche.csv", "code;bezeichnung\nOZG;Onlinezugang\nBAUHOF;Bauhof\n",
                               (size_t)-1);
    struct findings f;
    findings_init(&f, 10);
    struct task_areas areas;
    assert_int_equal(taskareas_load(path, "aufgabenbereiche.csv", NULL, &areas, &f), IKZ_OK);
    static const struct {
        const char *v;
        long index; /* -1: AUFGABENBEREICH_UNBEKANNT */
    } cases[] = {{"OZG", 0}, {"ozg", 0}, {"Bauhof", 1}, {"BAUHOF", 1}, {"Standesamt", -1}, {"", -1}, {NULL, -1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        long index;
        struct rule_result why = {0};
        bool ok = rule_task_area(&areas, cases[i].v, &index, &why);
        if (ok != (cases[i].index >= 0) || index != cases[i].index ||
            (!ok && why.code != FINDING_AUFGABENBEREICH_UNBEKANNT))
            fail_msg("task area '%s': ok %d index %ld code %d", cases[i].v ? cases[i].v : "(null)", ok, index,
                     why.code);
    }
    taskareas_free(&areas);
    findings_free(&f);
    free(path);
    fixture_remove(dir);
}

/* Where a participation's key leads, against a register of Gebietsstand
 * 31.12.2023 and a change list with changes before and after it: every
 * verdict of rule_ags_known, the Kommune it counts at and the hint. */
static void test_ags_known(void **state)
{
    (void)state;
    char *dir = fixture_dir();
    char *reg_path = fixture_write(dir, "kommunen.csv",
                                   "ags;name;art;einwohner\n"
                                   "06635;Waldeck-Frankenberg;Landkreis;\n"
                                   "06635001;Allendorf (Eder);Gemeinde;7739\n"
                                   "06635002;Battenberg (Eder);Stadt;5300\n"
                                   "07315000;Mainz;kreisfreie Stadt;220000\n",
                                   (size_t)-1);
    char *changes_path = fixture_write(dir, "gebietsaenderungen.csv",
                                       "wirksam_ab;ags_alt;name_alt;ags_neu;name_neu;art\n"
                                       "01.01.2023;06635005;Bromskirchen;06635001;Allendorf (Eder);Eingliederung\n"
                                       "2022-01-01;06635088;Grenzort;07315000;Mainz;Eingliederung\n"
                                       "2024-01-01;06635002;Battenberg (Eder);06635905;Battenberg (Eder);"
                                       "Schlüsseländerung\n"
                                       "2024-01-01;06635001;Allendorf (Eder);06635800;Edertal;Zusammenschluss\n",
                                       (size_t)-1);
    struct findings f;
    findings_init(&f, 10);
    struct kommune_register reg;
    struct gebietsaenderungen changes;
    assert_int_equal(register_load(reg_path, "kommunen.csv", NULL, "06", &reg, &f), IKZ_OK);
    assert_int_equal(gebietsaenderungen_load(changes_path, "gebietsaenderungen.csv", NULL, &changes, &f), IKZ_OK);
    assert_int_equal(rekey_attach(&reg, &changes, 20231231, &f), IKZ_OK);
    assert_int_equal(f.total, 0);

    static const struct {
        const char *ags;
        enum finding_code code; /* FINDING__COUNT: valid */
        const char *counted_at; /* the Kommune m.kommune names, or NULL */
        const char *hint;
    } cases[] = {
        {"06635001", FINDING__COUNT, "06635001", NULL},
        {"06635", FINDING__COUNT, "06635", NULL},
        {"06635005", FINDING_AGS_UMGESCHLUESSELT, "06635001",
         "Bromskirchen; jetzt 06635001 Allendorf (Eder), Eingliederung zum 01.01.2023"},
        {"07315000", FINDING_BETEILIGUNG_ANDERES_LAND, NULL, "Mainz, Land 07"},
        {"06635088", FINDING_BETEILIGUNG_ANDERES_LAND, NULL, "Mainz, Land 07"},
        {"06635905", FINDING_AGS_ZURUECKGESCHLUESSELT, "06635002",
         "Schlüsseländerung von 06635002 zu 06635905 zum 01.01.2024; gezählt bei 06635002 Battenberg (Eder)"},
        {"06635800", FINDING_AGS_NACH_GEBIETSSTAND, NULL,
         "Zusammenschluss zum 01.01.2024 aus 06635001; Gebietsstand 31.12.2023"},
        {"6635002", FINDING_AGS_UNBEKANNT, NULL,
         "führende Null verloren (Excel?): gemeint ist wohl 06635002 Battenberg (Eder)"},
        {"06635000", FINDING_AGS_UNBEKANNT, NULL, "ein Kreis hat 5 Ziffern: gemeint ist wohl 06635 Waldeck-Frankenberg"},
        {"06635999", FINDING_AGS_UNBEKANNT, NULL, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ags_match m;
        struct rule_result why = {.code = FINDING__COUNT};
        bool ok = rule_ags_known(&reg, cases[i].ags, &m, &why);
        const char *at = m.kommune >= 0 ? reg.kommune[m.kommune].ags : NULL;
        bool at_ok = cases[i].counted_at ? at && strcmp(at, cases[i].counted_at) == 0 : !at;
        if (ok != (cases[i].code == FINDING__COUNT) || why.code != cases[i].code || !at_ok ||
            (cases[i].hint && strcmp(why.hint, cases[i].hint) != 0))
            fail_msg("ags '%s': ok %d code %d counted at %s hint '%s'", cases[i].ags, ok, why.code, at ? at : "-",
                     ok ? "" : why.hint);
        if (cases[i].code == FINDING_BETEILIGUNG_ANDERES_LAND && m.outside < 0)
            fail_msg("ags '%s': no Kommune of another Land", cases[i].ags);
    }
    gebietsaenderungen_free(&changes);
    register_free(&reg);
    findings_free(&f);
    free(reg_path);
    free(changes_path);
    fixture_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_present),  cmocka_unit_test(test_amount),    cmocka_unit_test(test_date),
        cmocka_unit_test(test_cross_field), cmocka_unit_test(test_role),   cmocka_unit_test(test_einwohner),
        cmocka_unit_test(test_task_area), cmocka_unit_test(test_ags_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
