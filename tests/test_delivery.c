/* test_delivery.c: the seal of a delivery (SHA256SUMS) and the drop:
 * both line forms of sha256sum, a name with a space or a backslash, CRLF,
 * listed, unlisted and missing files, a hash mismatch, malformed lines,
 * an empty seal, a seal that is a directory, and the drop's order. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "delivery.h"
#include "fixture.h"

/* SHA-256 of "a\n" and of "b\n", as sha256sum prints them. */
#define HASH_A "87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7"
#define HASH_B "0263829989b6fd954f72baaf2fc64bc2e2f01d692d4de72986ea808f6e99813f"

static char *_delivery(void)
{
    char *dir = fixture_dir();
    free(fixture_write(dir, "projekte.csv", "a\n", (size_t)-1));
    free(fixture_write(dir, "beteiligungen.csv", "b\n", (size_t)-1));
    return dir;
}

static void _seal(const char *dir, const char *text) { free(fixture_write(dir, SEAL_NAME, text, (size_t)-1)); }

static void test_both_line_forms(void **state)
{
    (void)state;
    struct seal s;
    struct delivery_problem why;
    const char text[] = HASH_A "  projekte.csv\n" HASH_B " *beteiligungen.csv\n";
    assert_int_equal(seal_parse(text, strlen(text), &s, &why), IKZ_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.entry[0].name, "projekte.csv");
    assert_string_equal(s.entry[0].sha256, HASH_A);
    assert_int_equal(s.entry[0].line, 1);
    assert_string_equal(s.entry[1].name, "beteiligungen.csv");
    assert_int_equal(s.entry[1].line, 2);
    assert_non_null(seal_find(&s, "beteiligungen.csv"));
    assert_null(seal_find(&s, "kommunen.csv"));
    seal_free(&s);
}

/* CRLF (a seal written on Windows), upper-case hex, a name with blanks
 * and sha256sum's escaped form for a backslash. */
static void test_crlf_space_escape(void **state)
{
    (void)state;
    struct seal s;
    struct delivery_problem why;
    const char text[] = "87428FC522803D31065E7BCE3CF03FE475096631E5E07BBD7A0FDE60C4CF25C7  export mit Leerzeichen.csv\r\n"
                        "\\" HASH_B "  a\\\\b.csv\r\n";
    assert_int_equal(seal_parse(text, strlen(text), &s, &why), IKZ_OK);
    assert_int_equal(s.n, 2);
    assert_string_equal(s.entry[0].name, "export mit Leerzeichen.csv");
    assert_string_equal(s.entry[0].sha256, HASH_A);
    assert_string_equal(s.entry[1].name, "a\\b.csv");
    seal_free(&s);
}

static void _assert_malformed(const char *text, long line, const char *expected)
{
    struct seal s;
    struct delivery_problem why = {{0}, 0, {0}};
    assert_int_equal(seal_parse(text, strlen(text), &s, &why), IKZ_ERR_DATA);
    assert_int_equal(why.line, line);
    assert_string_equal(why.file, SEAL_NAME);
    assert_string_equal(why.text, expected);
    assert_int_equal(s.n, 0);
}

static void test_malformed(void **state)
{
    (void)state;
    _assert_malformed(HASH_A "  projekte.csv\n" HASH_B " beteiligungen.csv\n", 2,
                      "keine Zeile im Format von sha256sum (64 Hexziffern, zwei Leerzeichen, Dateiname) '" HASH_B
                      " beteiligungen.csv'");
    _assert_malformed("8742  projekte.csv\n", 1,
                      "keine Zeile im Format von sha256sum (64 Hexziffern, zwei Leerzeichen, Dateiname) '8742  "
                      "projekte.csv'");
    _assert_malformed(HASH_A "  \n", 1,
                      "keine Zeile im Format von sha256sum (64 Hexziffern, zwei Leerzeichen, Dateiname) '" HASH_A
                      "  '");
    _assert_malformed(HASH_A "  ../projekte.csv\n", 1,
                      "Dateiname muss eine Datei der Lieferung selbst sein '../projekte.csv'");
    _assert_malformed(HASH_A "  projekte.csv\n" HASH_B "  projekte.csv\n", 2,
                      "Datei schon in Zeile 1 aufgeführt 'projekte.csv'");
    _assert_malformed("", 0, "Prüfsummenliste ist leer");
    _assert_malformed("\n\r\n", 0, "Prüfsummenliste ist leer");
}

static void test_complete(void **state)
{
    (void)state;
    char *dir = _delivery();
    _seal(dir, HASH_A "  projekte.csv\n" HASH_B "  beteiligungen.csv\n");
    struct seal s;
    struct delivery_problem why;
    assert_int_equal(seal_load(dir, &s, &why), IKZ_OK);
    assert_int_equal(seal_check_listing(&s, dir, &why), IKZ_OK);
    assert_int_equal(seal_check_hashes(&s, dir, NULL, NULL, &why), IKZ_OK);
    /* The seal's own hash names the delivery in the manifest (sha256sum SHA256SUMS). */
    assert_string_equal(s.sha256, "28ad8d6069283f1e855527fd62e38428cedd0f804c312ce6923e091439dc1181");
    seal_free(&s);
    fixture_remove(dir);
}

static void test_unlisted_and_missing(void **state)
{
    (void)state;
    char *dir = _delivery();
    struct seal s;
    struct delivery_problem why;
    /* beteiligungen.csv is there but not listed. */
    _seal(dir, HASH_A "  projekte.csv\n");
    assert_int_equal(seal_load(dir, &s, &why), IKZ_OK);
    assert_int_equal(seal_check_listing(&s, dir, &why), IKZ_ERR_DATA);
    assert_string_equal(why.file, "beteiligungen.csv");
    assert_int_equal(why.line, 0);
    assert_string_equal(why.text, "nicht in SHA256SUMS aufgeführt: die Lieferung ist nicht vollständig versiegelt");
    seal_free(&s);
    /* kommunen.csv is listed but not there. */
    _seal(dir, HASH_A "  projekte.csv\n" HASH_B "  beteiligungen.csv\n" HASH_B "  kommunen.csv\n");
    assert_int_equal(seal_load(dir, &s, &why), IKZ_OK);
    assert_int_equal(seal_check_listing(&s, dir, &why), IKZ_ERR_DATA);
    assert_string_equal(why.file, SEAL_NAME);
    assert_int_equal(why.line, 3);
    assert_string_equal(why.text, "aufgeführte Datei fehlt 'kommunen.csv'");
    seal_free(&s);
    /* A subdirectory is no file of a delivery. */
    _seal(dir, HASH_A "  projekte.csv\n" HASH_B "  beteiligungen.csv\n");
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/archiv", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(seal_load(dir, &s, &why), IKZ_OK);
    assert_int_equal(seal_check_listing(&s, dir, &why), IKZ_ERR_DATA);
    assert_string_equal(why.file, "archiv");
    seal_free(&s);
    fixture_remove(dir);
}

static void test_mismatch(void **state)
{
    (void)state;
    char *dir = _delivery();
    /* The hashes swapped: projekte.csv was cut or changed after sealing. */
    _seal(dir, HASH_B "  projekte.csv\n" HASH_A "  beteiligungen.csv\n");
    struct seal s;
    struct delivery_problem why;
    assert_int_equal(seal_load(dir, &s, &why), IKZ_OK);
    assert_int_equal(seal_check_listing(&s, dir, &why), IKZ_OK);
    assert_int_equal(seal_check_hashes(&s, dir, NULL, NULL, &why), IKZ_ERR_DATA);
    assert_string_equal(why.file, SEAL_NAME);
    assert_int_equal(why.line, 1);
    assert_string_equal(why.text, "SHA-256 von projekte.csv stimmt nicht (unvollständig kopiert oder geändert?): "
                                  "erwartet 0263829989b6…, gelesen 87428fc52280…");
    /* The caller's own hash of a file it read, compared the same way. */
    assert_true(seal_matches(&s, "beteiligungen.csv", HASH_A, &why));
    assert_false(seal_matches(&s, "beteiligungen.csv", HASH_B, &why));
    assert_int_equal(why.line, 2);
    seal_free(&s);
    fixture_remove(dir);
}

static void test_seal_missing_empty_directory(void **state)
{
    (void)state;
    char *dir = _delivery();
    struct seal s;
    struct delivery_problem why;
    assert_int_equal(seal_load(dir, &s, &why), IKZ_ERR_NOINPUT);
    assert_string_equal(why.text, "fehlt: die Lieferung ist nicht versiegelt (noch in Arbeit?)");
    _seal(dir, "");
    assert_int_equal(seal_load(dir, &s, &why), IKZ_ERR_DATA);
    assert_string_equal(why.text, "Prüfsummenliste ist leer");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, SEAL_NAME);
    assert_int_equal(remove(path), 0);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(seal_load(dir, &s, &why), IKZ_ERR_DATA);
    assert_string_equal(why.text, "nicht lesbar: not a regular file (a directory)");
    fixture_remove(dir);
}

static void test_drop_order(void **state)
{
    (void)state;
    char *drop = fixture_dir();
    const char *dirs[] = {"2026-11-30", "2026-12-02", "archiv", "2026-12-01", ".einliefern-2026-12-03-1", "03.12.2026"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", drop, dirs[i]);
        assert_int_equal(mkdir(p, 0700), 0);
    }
    free(fixture_write(drop, "2026-12-05", "a file, not a delivery\n", (size_t)-1));
    struct drop_entry *e;
    size_t n;
    struct ikz_error err = {0};
    assert_int_equal(drop_list(drop, &e, &n, &err), IKZ_OK);
    assert_int_equal(n, 6); /* the dot-directory is a delivery being written */
    assert_string_equal(e[0].name, "2026-12-02");
    assert_int_equal(e[0].date, 20261202);
    assert_string_equal(e[1].name, "2026-12-01");
    assert_string_equal(e[2].name, "2026-11-30");
    assert_string_equal(e[3].name, "03.12.2026");
    assert_int_equal(e[3].date, 0);
    assert_string_equal(e[4].name, "2026-12-05");
    assert_int_equal(e[4].date, 0);
    assert_string_equal(e[5].name, "archiv");
    free(e);
    fixture_remove(drop);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_both_line_forms),
        cmocka_unit_test(test_crlf_space_escape),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_complete),
        cmocka_unit_test(test_unlisted_and_missing),
        cmocka_unit_test(test_mismatch),
        cmocka_unit_test(test_seal_missing_empty_directory),
        cmocka_unit_test(test_drop_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
