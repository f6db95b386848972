/* test_register.c: both register formats, the real Hessen extract, and the
 * register checks. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "register.h"

static enum ikz_status _load(const char *content, struct kommune_register *reg, struct findings *f)
{
    char *dir = fixture_dir();
    char *path = fixture_write(dir, "kommunen.csv", content, (size_t)-1);
    findings_init(f, 100);
    enum ikz_status st = register_load(path, "kommunen.csv", NULL, NULL, reg, f);
    free(path);
    fixture_remove(dir);
    return st;
}

static const struct kommune *_get(const struct kommune_register *reg, const char *ags)
{
    long i = register_find(reg, ags);
    assert_true(i >= 0);
    return &reg->kommune[i];
}

static void test_hessen_reference_file(void **state)
{
    (void)state;
    struct kommune_register reg;
    struct findings f;
    findings_init(&f, 10);
    assert_int_equal(register_load(IKZ_SOURCE_DIR "/tests/gv-isys-auszug-hessen.csv", "kommunen.csv", NULL, NULL, &reg, &f), IKZ_OK);
    assert_int_equal(f.total, 0);
    assert_int_equal(reg.format, REGISTER_GVISYS);
    assert_int_equal(reg.n, 443);
    assert_int_equal(reg.n_gemeinden, 422);
    assert_int_equal(reg.n_kreis_kommunen, 21);
    assert_int_equal(reg.n_kreise, 26); /* 21 Landkreise + 5 kreisfreie Städte */
    const struct kommune *ffm = _get(&reg, "06412000");
    assert_string_equal(ffm->name, "Frankfurt am Main, Stadt");
    assert_int_equal(ffm->art, ART_KREISFREIE_STADT);
    assert_int_equal(ffm->einwohner, 763380);
    const struct kommune *birkenau = _get(&reg, "06431004");
    assert_int_equal(birkenau->einwohner, 9873);
    assert_int_equal(birkenau->art, ART_GEMEINDE);
    assert_string_equal(reg.kreis[birkenau->kreis].key, "06431");
    assert_string_equal(reg.kreis[birkenau->kreis].name, "Bergstraße");
    assert_int_equal(_get(&reg, "06431002")->art, ART_STADT);
    const struct kommune *bergstrasse = _get(&reg, "06431");
    assert_int_equal(bergstrasse->art, ART_LANDKREIS);
    /* The Kreis's Einwohner are the sum of its 22 Gemeinden's. */
    int64_t sum = 0;
    size_t n = 0;
    for (size_t i = 0; i < reg.n; i++)
        if (strncmp(reg.kommune[i].ags, "06431", 5) == 0 && strlen(reg.kommune[i].ags) == 8) {
            sum += reg.kommune[i].einwohner;
            n++;
        }
    assert_int_equal(n, 22);
    assert_int_equal(bergstrasse->einwohner, sum);
    assert_int_equal(reg.kreis[bergstrasse->kreis].kommunen, 23);
    register_free(&reg);
    findings_free(&f);
}

/* The same layout for another Land: no Regierungsbezirk (rb 0), a
 * Regionalverband, a Markt, a Stadtkreis, gemeindefreie Gebiete of both
 * kinds, leading zeros lost by Excel, and a comma inside a quoted name. */
static const char *const OTHER_LAND =
    "satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,flaeche,bevoelkerung,maennlich,weiblich,jekm2,"
    "postleitzahl,laengengrad,breitengrad,schluessel,bezeichnung,verstaedterungschluessel,verstaedterungbezeichnung\n"
    "10,,10,,,,,Saarland,,,,,,,,,,,,\n"
    "40,45,10,0,41,,,\"Regionalverband Saarbrücken\",,,,,,,,,,,,\n"
    "50,50,10,0,41,0100,,\"Saarbrücken, Landeshauptstadt\",,,,,,,,,,,,\n"
    "60,63,10,0,41,0100,100,\"Saarbrücken, Landeshauptstadt\", 167.52, 180 374, 88 522, 91 852, 1 077,66111,\"6,996\",\"49,234\",,,01,dicht\n"
    "60,60,10,0,41,0111,111,Markt Beispiel, 10.00,  1 200,,,,,,,,,,\n"
    "40,42,8,2,21,,,Stadtkreis Karlsruhe,,,,,,,,,,,,\n"
    "60,62,8,2,21,0000,0,\"Karlsruhe, Stadt\", 173.46, 308 436,,,,,,,,,,\n"
    "40,43,9,1,72,,,Kreis Muster,,,,,,,,,,,,\n"
    "40,44,1,,51,,,Kreis ohne Bezirk,,,,,,,,,,,,\n"
    "60,64,1,,51,0011,11,Ohnebezirk, 5.00, 900,,,,,,,,,,\n"
    "60,67,9,1,72,0113,113,\"Musterstadt, Große Kreisstadt\", 5.00, 20 000,,,,,,,,,,\n"
    "60,65,9,1,72,0451,451,Forst bewohnt, 5.00, 12,,,,,,,,,,\n"
    "60,66,9,1,72,0452,452,Forst unbewohnt, 5.00, 0,,,,,,,,,,\n";

static void test_gvisys_other_land(void **state)
{
    (void)state;
    struct kommune_register reg;
    struct findings f;
    assert_int_equal(_load(OTHER_LAND, &reg, &f), IKZ_OK);
    assert_int_equal(f.total, 0);
    assert_int_equal(reg.n, 8);
    assert_int_equal(reg.n_gemeinden, 5);
    assert_int_equal(reg.n_kreis_kommunen, 3);
    assert_int_equal(_get(&reg, "01051011")->einwohner, 900); /* an empty rb reads as 0 */
    assert_int_equal(_get(&reg, "01051")->einwohner, 900);
    assert_int_equal(_get(&reg, "10041")->art, ART_REGIONALVERBAND);
    assert_int_equal(_get(&reg, "10041")->einwohner, 181574);
    assert_int_equal(_get(&reg, "10041111")->art, ART_MARKT);
    const struct kommune *ka = _get(&reg, "08221000");
    assert_int_equal(ka->art, ART_STADTKREIS);
    assert_string_equal(reg.kreis[ka->kreis].name, "Stadtkreis Karlsruhe");
    assert_int_equal(reg.kreis[ka->kreis].kommunen, 1);
    assert_int_equal(_get(&reg, "09172113")->art, ART_GROSSE_KREISSTADT);
    assert_int_equal(_get(&reg, "09172")->art, ART_KREIS);
    assert_int_equal(register_find(&reg, "09172451"), -1);
    assert_int_equal(register_find(&reg, "09172452"), -1);
    register_free(&reg);
    findings_free(&f);
}

static void test_native(void **state)
{
    (void)state;
    struct kommune_register reg;
    struct findings f;
    const char *csv = "AGS;Name;Art;Einwohner\r\n"
                      "06431004;Birkenau;Gemeinde;9.873\r\n"
                      "06431;Kreis Bergstraße;landkreis;999\r\n"
                      "06431002;Bensheim;Stadt; 40 756\r\n"
                      "06411000;Darmstadt;Kreisfreie Stadt;159878\r\n";
    assert_int_equal(_load(csv, &reg, &f), IKZ_OK);
    assert_int_equal(reg.format, REGISTER_NATIVE);
    assert_int_equal(reg.n, 4);
    assert_string_equal(reg.kommune[0].ags, "06411000");
    assert_string_equal(reg.kommune[1].ags, "06431");
    assert_int_equal(reg.kommune[1].einwohner, 9873 + 40756);
    assert_int_equal(reg.n_kreise, 2);
    assert_string_equal(reg.kreis[0].name, "Darmstadt");
    assert_int_equal(reg.kreis[0].art, ART_KREISFREIE_STADT);
    assert_int_equal(reg.kreis[1].kommunen, 3);
    register_free(&reg);
    findings_free(&f);
}

static void test_native_errors(void **state)
{
    (void)state;
    struct kommune_register reg;
    struct findings f;
    const char *csv = "ags;name;art;einwohner\n"
                      "06431;Bergstraße;Landkreis;\n"
                      "6431004;Birkenau;Gemeinde;9873\n"
                      "06431008;Gorxheimertal;Dorf;3900\n"
                      "06431017;Mörlenbach;Gemeinde;viele\n"
                      "06431001;Abtsteinach;Gemeinde;2431\n"
                      "06431001;Abtsteinach;Gemeinde;2431\n"
                      "06432001;Alsbach;Gemeinde;9000\n";
    assert_int_equal(_load(csv, &reg, &f), IKZ_ERR_DATA);
    assert_int_equal(f.errors, 5);
    fixture_assert_finding(&f, 0, "kommunen.csv:3: column 'ags': Gemeindeschlüssel im Verzeichnis ungültig (8 Ziffern für "
                           "Gemeinden, 5 für Kreise) '6431004' (Gemeinde braucht 8 Ziffern) [REGISTER_AGS_UNGUELTIG]");
    fixture_assert_finding(&f, 1, "kommunen.csv:4: column 'art': Art der Kommune unbekannt (Gemeinde, Stadt, kreisfreie Stadt, "
                           "Landkreis) 'Dorf' [REGISTER_ART_UNGUELTIG]");
    fixture_assert_finding(&f, 2, "kommunen.csv:5: column 'einwohner': Einwohnerzahl ist keine ganze Zahl ab 0 'viele' "
                           "[EINWOHNER_UNGUELTIG]");
    fixture_assert_finding(&f, 3, "kommunen.csv:7: column 'ags': Gemeindeschlüssel steht mehrfach im Verzeichnis '06431001' "
                           "[REGISTER_AGS_DOPPELT]");
    fixture_assert_finding(&f, 4, "kommunen.csv:8: column 'ags': Kreis der Gemeinde fehlt im Verzeichnis '06432001' (kein "
                           "Landkreis 06432 im Verzeichnis) [REGISTER_KREIS_FEHLT]");
    register_free(&reg);
    findings_free(&f);
}

static void test_register_without_kommunen(void **state)
{
    (void)state;
    struct kommune_register reg;
    struct findings f;
    assert_int_equal(_load("ags;name;art;einwohner\n", &reg, &f), IKZ_ERR_DATA);
    fixture_assert_finding(&f, 0, "kommunen.csv: Gemeindeverzeichnis enthält keine Kommune [REGISTER_LEER]");
    register_free(&reg);
    findings_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hessen_reference_file),
        cmocka_unit_test(test_gvisys_other_land),
        cmocka_unit_test(test_native),
        cmocka_unit_test(test_native_errors),
        cmocka_unit_test(test_register_without_kommunen),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
