/* test_german.c: Kommunen as the press office names them (german.c):
 * every kind of the register in the four cases and with "in", names that
 * carry their own kind word, the city states, lists of one kind, mixed
 * lists, more than fifty names; and the Länder. The expected strings are
 * worked by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "german.h"

static struct kommune _k(const char *ags, const char *name, enum kommune_art art)
{
    struct kommune k = {.art = art};
    snprintf(k.ags, sizeof k.ags, "%s", ags);
    k.name = (char *)name;
    return k;
}

/* The phrase of list[0..n) in kasus. */
static char *_say(const struct kommune *list, size_t n, enum kasus kasus, bool capital)
{
    const struct kommune **p = malloc((n ? n : 1) * sizeof *p);
    assert_non_null(p);
    for (size_t i = 0; i < n; i++)
        p[i] = &list[i];
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_true(german_kommunen(fp, p, n, kasus, capital));
    assert_int_equal(fclose(fp), 0);
    free(p);
    return buf;
}

static void _expect(const struct kommune *list, size_t n, enum kasus kasus, const char *want)
{
    char *got = _say(list, n, kasus, false);
    assert_string_equal(got, want);
    free(got);
}

/* One Kommune in nom, gen, dat, akk and "in". */
static void _cases(struct kommune k, const char *nom, const char *gen, const char *dat, const char *akk, const char *in)
{
    _expect(&k, 1, KASUS_NOM, nom);
    _expect(&k, 1, KASUS_GEN, gen);
    _expect(&k, 1, KASUS_DAT, dat);
    _expect(&k, 1, KASUS_AKK, akk);
    _expect(&k, 1, KASUS_IN, in);
}

static void test_every_kind(void **state)
{
    (void)state;
    _cases(_k("06431004", "Birkenau", ART_GEMEINDE), "die Gemeinde Birkenau", "der Gemeinde Birkenau",
           "der Gemeinde Birkenau", "die Gemeinde Birkenau", "in der Gemeinde Birkenau");
    _cases(_k("06431001", "Bensheim, Stadt", ART_STADT), "die Stadt Bensheim", "der Stadt Bensheim",
           "der Stadt Bensheim", "die Stadt Bensheim", "in der Stadt Bensheim");
    _cases(_k("06412000", "Frankfurt am Main, Stadt", ART_KREISFREIE_STADT), "die Stadt Frankfurt am Main",
           "der Stadt Frankfurt am Main", "der Stadt Frankfurt am Main", "die Stadt Frankfurt am Main",
           "in der Stadt Frankfurt am Main");
    _cases(_k("08111000", "Stuttgart, Landeshauptstadt", ART_STADTKREIS), "die Stadt Stuttgart",
           "der Stadt Stuttgart", "der Stadt Stuttgart", "die Stadt Stuttgart", "in der Stadt Stuttgart");
    _cases(_k("09180117", "Garmisch-Partenkirchen, M", ART_MARKT), "der Markt Garmisch-Partenkirchen",
           "des Marktes Garmisch-Partenkirchen", "dem Markt Garmisch-Partenkirchen", "den Markt Garmisch-Partenkirchen",
           "im Markt Garmisch-Partenkirchen");
    _cases(_k("06431", "Bergstraße", ART_LANDKREIS), "der Landkreis Bergstraße", "des Landkreises Bergstraße",
           "dem Landkreis Bergstraße", "den Landkreis Bergstraße", "im Landkreis Bergstraße");
    _cases(_k("05566", "Steinfurt", ART_KREIS), "der Kreis Steinfurt", "des Kreises Steinfurt", "dem Kreis Steinfurt",
           "den Kreis Steinfurt", "im Kreis Steinfurt");
    _cases(_k("10041", "Regionalverband Saarbrücken", ART_REGIONALVERBAND), "der Regionalverband Saarbrücken",
           "des Regionalverbands Saarbrücken", "dem Regionalverband Saarbrücken", "den Regionalverband Saarbrücken",
           "im Regionalverband Saarbrücken");
    _cases(_k("05334", "Städteregion Aachen", ART_KREIS), "die Städteregion Aachen", "der Städteregion Aachen",
           "der Städteregion Aachen", "die Städteregion Aachen", "in der Städteregion Aachen");
    _cases(_k("03241", "Region Hannover", ART_LANDKREIS), "die Region Hannover", "der Region Hannover",
           "der Region Hannover", "die Region Hannover", "in der Region Hannover");
    /* A kind word is never doubled; names that carry their own keep it. */
    _cases(_k("13072", "Landkreis Rostock", ART_LANDKREIS), "der Landkreis Rostock", "des Landkreises Rostock",
           "dem Landkreis Rostock", "den Landkreis Rostock", "im Landkreis Rostock");
    _cases(_k("06440", "Wetteraukreis", ART_LANDKREIS), "der Wetteraukreis", "des Wetteraukreises",
           "dem Wetteraukreis", "den Wetteraukreis", "im Wetteraukreis");
    _cases(_k("06435", "Main-Kinzig-Kreis", ART_LANDKREIS), "der Main-Kinzig-Kreis", "des Main-Kinzig-Kreises",
           "dem Main-Kinzig-Kreis", "den Main-Kinzig-Kreis", "im Main-Kinzig-Kreis");
    _cases(_k("05382", "Rhein-Sieg-Kreis", ART_KREIS), "der Rhein-Sieg-Kreis", "des Rhein-Sieg-Kreises",
           "dem Rhein-Sieg-Kreis", "den Rhein-Sieg-Kreis", "im Rhein-Sieg-Kreis");
    /* The city states: the one Gemeinde is the Land. */
    _cases(_k("11000000", "Berlin, Stadt", ART_KREISFREIE_STADT), "das Land Berlin", "des Landes Berlin",
           "dem Land Berlin", "das Land Berlin", "im Land Berlin");
    _cases(_k("02000000", "Hamburg, Freie und Hansestadt", ART_KREISFREIE_STADT),
           "die Freie und Hansestadt Hamburg", "der Freien und Hansestadt Hamburg", "der Freien und Hansestadt Hamburg",
           "die Freie und Hansestadt Hamburg", "in der Freien und Hansestadt Hamburg");
    _cases(_k("04011000", "Bremen, Stadt", ART_KREISFREIE_STADT), "die Stadt Bremen", "der Stadt Bremen",
           "der Stadt Bremen", "die Stadt Bremen", "in der Stadt Bremen");
    /* Capitalised at the start of a sentence. */
    struct kommune lk = _k("06431", "Bergstraße", ART_LANDKREIS);
    char *s = _say(&lk, 1, KASUS_NOM, true);
    assert_string_equal(s, "Der Landkreis Bergstraße");
    free(s);
    s = _say(&lk, 1, KASUS_IN, true);
    assert_string_equal(s, "Im Landkreis Bergstraße");
    free(s);
}

static void test_lists(void **state)
{
    (void)state;
    struct kommune three[] = {_k("06431004", "Birkenau", ART_GEMEINDE), _k("06431016", "Mörlenbach", ART_GEMEINDE),
                              _k("06431008", "Gorxheimertal", ART_GEMEINDE)};
    _expect(three, 3, KASUS_NOM, "die Gemeinden Birkenau, Mörlenbach und Gorxheimertal");
    _expect(three, 3, KASUS_GEN, "der Gemeinden Birkenau, Mörlenbach und Gorxheimertal");
    _expect(three, 3, KASUS_DAT, "den Gemeinden Birkenau, Mörlenbach und Gorxheimertal");
    _expect(three, 3, KASUS_IN, "in den Gemeinden Birkenau, Mörlenbach und Gorxheimertal");
    _expect(three, 2, KASUS_AKK, "die Gemeinden Birkenau und Mörlenbach");
    _expect(three, 0, KASUS_NOM, "");
    struct kommune mixed[] = {_k("06431004", "Birkenau", ART_GEMEINDE), _k("08226096", "Weinheim, Stadt", ART_GROSSE_KREISSTADT),
                              _k("06431016", "Mörlenbach", ART_GEMEINDE), _k("06431", "Bergstraße", ART_LANDKREIS)};
    _expect(mixed, 4, KASUS_NOM,
            "die Gemeinden Birkenau und Mörlenbach, die Stadt Weinheim sowie der Landkreis Bergstraße");
    _expect(mixed, 4, KASUS_DAT,
            "den Gemeinden Birkenau und Mörlenbach, der Stadt Weinheim sowie dem Landkreis Bergstraße");
    _expect(mixed, 4, KASUS_NAME, "Birkenau, Weinheim, Mörlenbach und Landkreis Bergstraße");
    struct kommune neuberg[] = {_k("06435020", "Neuberg", ART_GEMEINDE), _k("06435010", "Erlensee, Stadt", ART_STADT),
                                _k("06435", "Main-Kinzig-Kreis", ART_LANDKREIS)};
    _expect(neuberg, 3, KASUS_NOM, "die Gemeinde Neuberg, die Stadt Erlensee und der Main-Kinzig-Kreis");
    _expect(neuberg + 1, 2, KASUS_NOM, "die Stadt Erlensee und der Main-Kinzig-Kreis");
    _expect(neuberg, 3, KASUS_GEN, "der Gemeinde Neuberg, der Stadt Erlensee und des Main-Kinzig-Kreises");
    struct kommune kreise[] = {_k("06431", "Bergstraße", ART_LANDKREIS), _k("06432", "Darmstadt-Dieburg", ART_LANDKREIS),
                               _k("06440", "Wetteraukreis", ART_LANDKREIS)};
    _expect(kreise, 2, KASUS_NOM, "die Landkreise Bergstraße und Darmstadt-Dieburg");
    _expect(kreise, 2, KASUS_DAT, "den Landkreisen Bergstraße und Darmstadt-Dieburg");
    char *s = _say(kreise + 1, 2, KASUS_NOM, true);
    assert_string_equal(s, "Der Landkreis Darmstadt-Dieburg und der Wetteraukreis");
    free(s);
    _expect(kreise, 3, KASUS_NOM, "die Landkreise Bergstraße und Darmstadt-Dieburg sowie der Wetteraukreis");
}

/* More than fifty: the first fifty by name, the rest counted. */
static void test_many(void **state)
{
    (void)state;
    enum { N = 54 };
    struct kommune many[N];
    char names[N][8];
    for (int i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "G%d", i + 1);
        many[i] = _k("06431001", names[i], ART_GEMEINDE);
    }
    char *s = _say(many, N, KASUS_NOM, false);
    assert_non_null(strstr(s, "die Gemeinden G1, G2, "));
    assert_non_null(strstr(s, ", G49, G50 und vier weitere Kommunen"));
    assert_null(strstr(s, "G51"));
    free(s);
    s = _say(many, N, KASUS_DAT, false);
    assert_non_null(strstr(s, "G50 und vier weiteren Kommunen"));
    free(s);
    s = _say(many, 51, KASUS_NOM, false);
    assert_non_null(strstr(s, "G50 und eine weitere Kommune"));
    free(s);
    s = _say(many, 50, KASUS_NOM, false);
    assert_non_null(strstr(s, "G49 und G50"));
    free(s);
    many[0] = _k("06431", "Bergstraße", ART_LANDKREIS);
    s = _say(many, N, KASUS_GEN, false);
    assert_non_null(strstr(s, "des Landkreises Bergstraße, der Gemeinden G2, "));
    assert_non_null(strstr(s, ", G49 und G50 sowie vier weiterer Kommunen"));
    free(s);
    s = _say(many, N, KASUS_NAME, false);
    assert_non_null(strstr(s, "Landkreis Bergstraße, G2, "));
    assert_non_null(strstr(s, "G50 und vier weitere Kommunen"));
    free(s);
}

static void test_words_and_laender(void **state)
{
    (void)state;
    assert_string_equal(german_number_word(0), "null");
    assert_string_equal(german_number_word(1), "eins");
    assert_string_equal(german_number_word(12), "zwölf");
    assert_null(german_number_word(13));
    assert_null(german_number_word(-1));
    assert_string_equal(german_month(2), "Februar");
    assert_string_equal(german_month(12), "Dezember");
    assert_string_equal(german_land("06").name, "Hessen");
    assert_string_equal(german_land("06").adjektiv_en, "hessischen");
    assert_string_equal(german_land("09").adjektiv_en, "bayerischen");
    assert_string_equal(german_land("03").adjektiv_en, "niedersächsischen");
    assert_string_equal(german_land("10").adjektiv_en, "saarländischen");
    assert_string_equal(german_land("11").adjektiv_en, "Berliner");
    assert_string_equal(german_land("16").name, "Thüringen");
    assert_string_equal(german_land(NULL).name, "Deutschland");
    assert_null(german_land(NULL).adjektiv_en);
    assert_string_equal(german_land("17").name, "Deutschland");
    assert_int_equal(kommune_name_length("Bensheim, Stadt"), 8);
    assert_int_equal(kommune_name_length("Birkenau"), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind),
        cmocka_unit_test(test_lists),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_words_and_laender),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
