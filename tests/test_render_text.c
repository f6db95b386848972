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
                        "({projekte_je_kommune_mittelwert.diff}); {einsparung_eur_jahr:rund} Euro "
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
    memset(extra, 0, sizeof extra); /* no list of Kommunen among them */
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

/* What a press office writes in the edge cases: "seit dem", "unverändert",
 * "knapp 100", "weniger als 1 Euro", a mean that rounds to one in the
 * singular, "??", and strict running text that never prints "k. A.". */
static void test_press_edges(void **state)
{
    (void)state;
    struct figures now, before;
    _figures(&now, 514, 1.2, 5, 20241231);
    _figures(&before, 514, 1.0, 0, 20231231);
    struct text_value extra[4];
    memset(extra, 0, sizeof extra);
    extra[0].key = "effizienz";
    cell_real(&extra[0].value, 99.999);
    extra[1].key = "beinahe";
    cell_real(&extra[1].value, 99.4);
    extra[2].key = "leer";
    cell_unknown(&extra[2].value);
    extra[3].key = "beginn";
    cell_date(&extra[3].value, 20240229);
    struct text_common common;
    render_text_common("09", false, &common);
    char missing[RENDER_MISSING_MAX] = "";
    struct text_values v = {.now = &now, .before = &before, .extra = extra, .n_extra = 4, .common = common.v,
                            .n_common = TEXT_COMMON_VALUES, .strict = true, .missing = missing};
    struct findings f;
    findings_init(&f, 10);
    char *out = NULL;
    assert_int_equal(render_text("{beginn:Seit} / {ozg_seit:seit} / {beginn:lang}; "
                                 "{projekte_gefoerdert.diff_prozent:prozent}; {effizienz:ganz} / {beinahe:ganz}; "
                                 "{einsparung_eur_jahr:rund}; {einsparung_eur_jahr.vorjahr??etwas|nichts}; "
                                 "an {projekte_je_kommune_mittelwert?einem Projekt|{projekte_je_kommune_mittelwert:wort} Projekten}; "
                                 "{leer??{leer}|ohne}; {land_kommunen}, {land_in}, {aktuell?jetzt|damals}",
                                 "p", 1, &v, &out, &f),
                     IKZ_OK);
    assert_string_equal(out, "Seit dem 29. Februar 2024 / seit Anfang 2021 / 29. Februar 2024; unverändert; "
                             "knapp 100 / 99; weniger als 1; nichts; an einem Projekt; ohne; "
                             "bayerischen Kommunen, in Bayern, damals");
    free(out);
    assert_int_equal(f.total, 0);
    /* A value printed without one: no text, no finding, the placeholder named. */
    assert_int_equal(render_text("Effizienz {leer:ganz} Prozent", "p", 1, &v, &out, &f), IKZ_ERR_DATA);
    assert_string_equal(missing, "leer:ganz");
    assert_int_equal(f.total, 0);
    /* Outside running text (the workbook's titles) it still reads "k. A.". */
    v.strict = false;
    assert_int_equal(render_text("{leer}", "p", 1, &v, &out, &f), IKZ_OK);
    assert_string_equal(out, "k. A.");
    free(out);
    render_text_common(NULL, true, &common);
    assert_int_equal(render_text("{land_kommunen}; {land_name}; {land_adjektiv??{land_adjektiv}|ohne Adjektiv}",
                                 "p", 1, &v, &out, &f),
                     IKZ_OK);
    assert_string_equal(out, "Kommunen in Deutschland; Deutschland; ohne Adjektiv");
    free(out);
    render_text_common("10", true, &common);
    assert_int_equal(render_text("{land_in}", "p", 1, &v, &out, &f), IKZ_OK);
    assert_string_equal(out, "im Saarland");
    free(out);
    findings_free(&f);
    figures_free(&now);
    figures_free(&before);
}

/* Kommunen in the case the placeholder names, agreeing forms by their
 * number, and the errors of a case on a number or a format on Kommunen. */
static void test_kommunen(void **state)
{
    (void)state;
    struct figures now;
    _figures(&now, 1, 1.0, 0, 20241231);
    struct kommune k[3] = {{.ags = "06431004", .name = (char *)"Birkenau", .art = ART_GEMEINDE},
                           {.ags = "06431", .name = (char *)"Bergstraße", .art = ART_LANDKREIS},
                           {.ags = "06440", .name = (char *)"Wetteraukreis", .art = ART_LANDKREIS}};
    const struct kommune *all[3] = {&k[0], &k[1], &k[2]}, *lead[1] = {&k[1]};
    struct text_value extra[3];
    memset(extra, 0, sizeof extra);
    extra[0].key = "alle";
    cell_int(&extra[0].value, 3);
    extra[0].kommunen = all;
    extra[0].n_kommunen = 3;
    extra[1].key = "lead";
    cell_int(&extra[1].value, 1);
    extra[1].kommunen = lead;
    extra[1].n_kommunen = 1;
    extra[2].key = "keiner";
    cell_int(&extra[2].value, 0);
    extra[2].kommunen = all;
    extra[2].n_kommunen = 0;
    char missing[RENDER_MISSING_MAX] = "";
    struct text_values v = {.now = &now, .extra = extra, .n_extra = 3, .strict = true, .missing = missing};
    struct findings f;
    findings_init(&f, 10);
    char *out = NULL;
    assert_int_equal(render_text("{alle:Nom} {alle?arbeitet|arbeiten} zusammen, unter Federführung {lead:gen}; "
                                 "{lead:Nom} {lead?arbeitet|arbeiten}; {lead:In}; {alle}; {keiner?a|b|niemand}",
                                 "p", 1, &v, &out, &f),
                     IKZ_OK);
    assert_string_equal(out, "Die Gemeinde Birkenau, der Landkreis Bergstraße und der Wetteraukreis arbeiten "
                             "zusammen, unter Federführung des Landkreises Bergstraße; Der Landkreis Bergstraße "
                             "arbeitet; Im Landkreis Bergstraße; Birkenau, Landkreis Bergstraße und Wetteraukreis; "
                             "niemand");
    free(out);
    assert_int_equal(render_text("{keiner:nom} unterstützen", "p", 1, &v, &out, &f), IKZ_ERR_DATA);
    assert_string_equal(missing, "keiner:nom");
    assert_int_equal(render_text("{alle:ganz} {projekte_gefoerdert:dat} {alle.vorjahr}", "p", 4, &v, &out, &f),
                     IKZ_ERR_CONFIG);
    assert_int_equal(f.total, 3);
    fixture_assert_finding(&f, 0, "p:4: Vorlage in templates/ fehlerhaft 'alle:ganz' (Kommunen haben einen Fall "
                                  "(nom, gen, dat, akk, in) oder kein Format) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 1, "p:4: Vorlage in templates/ fehlerhaft 'projekte_gefoerdert:dat' (einen Fall "
                                  "haben nur Kommunen) [VORLAGE_FEHLERHAFT]");
    fixture_assert_finding(&f, 2, "p:4: Vorlage in templates/ fehlerhaft 'alle.vorjahr' (Vorjahr und Veränderung "
                                  "gibt es nur für Kennzahlen) [VORLAGE_FEHLERHAFT]");
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
        cmocka_unit_test(test_press_edges),
        cmocka_unit_test(test_kommunen),
        cmocka_unit_test(test_template_errors),
        cmocka_unit_test(test_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
