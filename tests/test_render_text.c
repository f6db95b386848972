/* test_render_text.c: German number forms and the placeholder engine of
 * the press text, on key figures set by hand. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

#include "numfmt.h"
#include "render_text.h"

static void test_numfmt(void **state)
{
    (void)state;
    char b[64];
    numfmt_int(2410, b, sizeof b);
    assert_string_equal(b, "2.410");
    numfmt_int(-1234567, b, sizeof b);
    assert_string_equal(b, "-1.234.567");
    numfmt_int(999, b, sizeof b);
    assert_string_equal(b, "999");
    numfmt_real(5.440181, 1, b, sizeof b);
    assert_string_equal(b, "5,4");
    numfmt_real(2.25, 1, b, sizeof b);
    assert_string_equal(b, "2,3"); /* half away from zero */
    numfmt_real(-0.04, 1, b, sizeof b);
    assert_string_equal(b, "0,0");
    numfmt_real(1234.5, 0, b, sizeof b);
    assert_string_equal(b, "1.235");
    numfmt_real(29.9999, 0, b, sizeof b);
    assert_string_equal(b, "30");
    numfmt_euro(8600050, b, sizeof b);
    assert_string_equal(b, "86.001");
    numfmt_euro_rounded(8600000, b, sizeof b);
    assert_string_equal(b, "86.000");
    numfmt_euro_rounded(8649999, b, sizeof b);
    assert_string_equal(b, "86.000");
    numfmt_euro_rounded(8650000, b, sizeof b);
    assert_string_equal(b, "87.000");
    numfmt_euro_rounded(123449, b, sizeof b); /* 1,234.49 EUR: to 100 */
    assert_string_equal(b, "1.200");
    numfmt_euro_rounded(3462328700, b, sizeof b);
    assert_string_equal(b, "34,6 Millionen");
    numfmt_euro_rounded(100000000, b, sizeof b);
    assert_string_equal(b, "1,0 Millionen");
    numfmt_euro_rounded(99950000, b, sizeof b); /* 999,500 EUR rounds to a million: the unit follows */
    assert_string_equal(b, "1,0 Millionen");
    numfmt_euro_rounded(4000, b, sizeof b); /* 40 EUR: not "0" */
    assert_string_equal(b, "40");
    numfmt_euro_rounded(749, b, sizeof b); /* 7.49 EUR: whole euros */
    assert_string_equal(b, "7");
    numfmt_euro_rounded(-8600000, b, sizeof b);
    assert_string_equal(b, "\xE2\x88\x92" "86.000");
}

/* Two tiny kennzahlen tables: now and one year earlier. */
static const struct table_column COLS[] = {
    {"kennzahl", COLUMN_CODE, false, NULL}, {"bezeichnung", COLUMN_TEXT, false, NULL}, {"wert", COLUMN_MIXED, false, NULL}};

static void _row(struct table *t, const char *key, struct cell v)
{
    struct cell *r = table_add_row(t);
    cell_text(&r[0], key);
    cell_text(&r[1], key);
    r[2] = v;
}

static void _figures(struct figures *f, int64_t projekte, double mittel, int64_t einsparung, ikz_date tag)
{
    memset(f, 0, sizeof *f);
    struct table *t = &f->table[TABLE_KENNZAHLEN];
    table_init(t, "kennzahlen", COLS, 3);
    struct cell c;
    cell_date(&c, tag);
    _row(t, "stichtag", c);
    cell_int(&c, projekte);
    _row(t, "projekte_gefoerdert", c);
    cell_real(&c, mittel);
    _row(t, "projekte_je_kommune_mittelwert", c);
    cell_money(&c, einsparung);
    _row(t, "einsparung_eur_jahr", c);
    cell_real(&c, NAN);
    _row(t, "korrelation_einwohner_projekte_spearman", c);
    cell_date(&c, 20210101);
    _row(t, "ozg_seit", c);
}

static char *_render(const char *tpl, struct findings *f, enum ikz_status expected)
{
    struct figures now, before;
    _figures(&now, 514, 5.440181, 8600000, 20241231);
    _figures(&before, 467, 5.0, 8000000, 20231231);
    struct text_values v = {.now = &now, .before = &before};
    char *out = NULL;
    findings_init(f, 10);
    assert_int_equal(render_text(tpl, "pressetext.txt", 1, &v, &out, f), expected);
    figures_free(&now);
    figures_free(&before);
    return out;
}

static void test_placeholders(void **state)
{
    (void)state;
    struct findings f;
    char *out = _render("# Kommentar {gibt_es_nicht}\n"
                        "{projekte_gefoerdert} Projekte ({projekte_gefoerdert.diff}, {projekte_gefoerdert.diff_prozent} %), "
                        "vorher {projekte_gefoerdert.vorjahr}; je Kommune {projekte_je_kommune_mittelwert} "
                        "({projekte_je_kommune_mittelwert.diff}); rund {einsparung_eur_jahr:rund} Euro "
                        "({einsparung_eur_jahr.diff}); seit dem {ozg_seit:lang}, {stichtag:jahr}, "
                        "{stichtag.vorjahr}; r = {korrelation_einwohner_projekte_spearman} {{wörtlich}}\n",
                        &f, IKZ_OK);
    assert_string_equal(out, "514 Projekte (+47, +10,1 %), vorher 467; je Kommune 5,4 (+0,4); rund 86.000 Euro "
                             "(+6.000); seit dem 1. Januar 2021, 2024, 31.12.2023; r = k. A. {wörtlich}\n");
    free(out);
    findings_free(&f);
}

/* Words for one and for up to twelve, and the number's own agreement. */
static void test_press_style(void **state)
{
    (void)state;
    struct findings f;
    char *out = _render("{projekte_je_kommune_mittelwert:wort}, {projekte_gefoerdert:wort}, "
                        "{projekte_gefoerdert.vorjahr:wort}; {projekte_gefoerdert} "
                        "{projekte_gefoerdert?gefördertes Projekt|geförderte Projekte}\n",
                        &f, IKZ_OK);
    assert_string_equal(out, "fünf, 514, 467; 514 geförderte Projekte\n");
    free(out);
    findings_free(&f);
    /* One project: the singular, and "eins". */
    struct figures one;
    _figures(&one, 1, 1.0, 100, 20241231);
    struct text_values v = {.now = &one};
    findings_init(&f, 10);
    assert_int_equal(render_text("{projekte_gefoerdert:wort} {projekte_gefoerdert?gefördertes Projekt|geförderte Projekte}",
                                 "p", 1, &v, &out, &f),
                     IKZ_OK);
    assert_string_equal(out, "eins gefördertes Projekt");
    free(out);
    figures_free(&one);
    findings_free(&f);
}

/* The third form (0 or no value), placeholders inside forms, values of the
 * text's own, a value that rounds to nothing, and "seit Anfang 2021". */
static void test_forms_and_minimum(void **state)
{
    (void)state;
    struct figures now;
    _figures(&now, 0, 0.3, MONEY_NONE, 20241231);
    struct text_value extra[3];
    extra[0].key = "partner";
    cell_text(&extra[0].value, "Mörlenbach und Gorxheimertal");
    extra[1].key = "partner_anzahl";
    cell_int(&extra[1].value, 2);
    extra[2].key = "effizienz";
    cell_real(&extra[2].value, 0.04);
    struct text_values v = {.now = &now, .extra = extra, .n_extra = 3};
    struct findings f;
    findings_init(&f, 10);
    char *out = NULL;
    assert_int_equal(render_text("{projekte_gefoerdert?Ein Projekt|{projekte_gefoerdert} Projekte|Kein Projekt}; "
                                 "{einsparung_eur_jahr?|Einsparung {einsparung_eur_jahr:rund} Euro|Keine Angabe}; "
                                 "{partner_anzahl?Partnerin|Partnerinnen} {partner}; "
                                 "{partner_anzahl?eine Partnerin|{partner_anzahl:wort} Partnerinnen ({partner})|keine}; "
                                 "{projekte_je_kommune_mittelwert:ganz} und {projekte_je_kommune_mittelwert} und "
                                 "{effizienz} Prozent; seit {ozg_seit:anfang}, seit {stichtag:anfang}",
                                 "p", 1, &v, &out, &f),
                     IKZ_OK);
    assert_string_equal(out, "Kein Projekt; Keine Angabe; Partnerinnen Mörlenbach und Gorxheimertal; "
                             "zwei Partnerinnen (Mörlenbach und Gorxheimertal); weniger als 1 und 0,3 und "
                             "weniger als 0,1 Prozent; seit Anfang 2021, seit 31. Dezember 2024");
    free(out);
    findings_free(&f);
    /* A long text value (an enumeration of many names) is written whole. */
    char *names = malloc(4001);
    assert_non_null(names);
    memset(names, 'x', 4000);
    names[4000] = '\0';
    cell_text(&extra[0].value, names);
    findings_init(&f, 10);
    assert_int_equal(render_text("[{partner}]", "p", 1, &v, &out, &f), IKZ_OK);
    assert_int_equal(strlen(out), 4002);
    free(out);
    free(names);
    findings_free(&f);
    cell_text(&extra[0].value, "Mörlenbach und Gorxheimertal");
    /* Four forms, a form without bar, and a year-earlier value of the
     * text's own are errors that name the placeholder. */
    findings_init(&f, 10);
    assert_int_equal(render_text("{partner_anzahl?a|b|c|d} {partner_anzahl?a} {partner.vorjahr} {partner:ganz}",
                                 "p", 7, &v, &out, &f),
                     IKZ_ERR_CONFIG);
    assert_int_equal(f.total, 4);
    fixture_assert_finding(&f, 0, "p:7: Vorlage in templates/ fehlerhaft 'partner_anzahl?a|b|c|d' (Einzahl|Mehrzahl "
                                  "oder Einzahl|Mehrzahl|Keine erwartet) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 1, "p:7: Vorlage in templates/ fehlerhaft 'partner_anzahl?a' (Einzahl|Mehrzahl "
                                  "oder Einzahl|Mehrzahl|Keine erwartet) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 2, "p:7: Vorlage in templates/ fehlerhaft 'partner.vorjahr' (Vorjahr und Veränderung "
                                  "gibt es nur für Kennzahlen) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 3, "p:7: Vorlage in templates/ fehlerhaft 'partner:ganz' (Format passt nicht zum Wert) "
                                  "[VORLAGE_FEHLERHAFT]");
    findings_free(&f);
    figures_free(&now);
}

static void test_template_errors(void **state)
{
    (void)state;
    struct findings f;
    char *out = _render("# Kopf\nZeile zwei {projekte}\n{stichtag.diff} {stichtag:rund} {projekte_gefoerdert.x}\n{offen",
                        &f, IKZ_ERR_CONFIG);
    assert_null(out);
    assert_int_equal(f.total, 5);
    fixture_assert_finding(&f, 0, "pressetext.txt:2: Vorlage in templates/ fehlerhaft 'projekte' (unbekannter Platzhalter) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 1, "pressetext.txt:3: Vorlage in templates/ fehlerhaft 'stichtag.diff' (keine Veränderung für ein Datum) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 2, "pressetext.txt:3: Vorlage in templates/ fehlerhaft 'stichtag:rund' (Format passt nicht zum Wert) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 3, "pressetext.txt:3: Vorlage in templates/ fehlerhaft 'projekte_gefoerdert.x' (unbekannte Variante (vorjahr, diff, diff_prozent)) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 4, "pressetext.txt:4: Vorlage in templates/ fehlerhaft '{' (Platzhalter ohne schließende Klammer) [VORLAGE_FEHLERHAFT]");
    findings_free(&f);
}

static void test_change(void **state)
{
    (void)state;
    struct cell now, before, diff, pct;
    cell_int(&now, 10);
    cell_int(&before, 0);
    figures_change(&now, &before, &diff, &pct);
    assert_int_equal(diff.kind, CELL_INT);
    assert_int_equal(diff.v.i, 10);
    assert_int_equal(pct.kind, CELL_UNDEFINED); /* against 0 */
    cell_date(&now, 20241231);
    cell_date(&before, 20231231);
    figures_change(&now, &before, &diff, &pct);
    assert_int_equal(diff.kind, CELL_UNDEFINED);
    cell_money(&now, 150);
    cell_money(&before, 100);
    figures_change(&now, &before, &diff, &pct);
    assert_int_equal(diff.kind, CELL_MONEY);
    assert_int_equal(diff.v.cents, 50);
    assert_true(fabs(pct.v.r - 50.0) < 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numfmt),
        cmocka_unit_test(test_placeholders),
        cmocka_unit_test(test_press_style),
        cmocka_unit_test(test_forms_and_minimum),
        cmocka_unit_test(test_template_errors),
        cmocka_unit_test(test_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
