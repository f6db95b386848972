/* test_text.c: encoding detection and the string helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "text.h"

static void test_cp1252_decided_by_first_non_ascii(void **state)
{
    (void)state;
    struct text_decoder d = {0};
    char out[64];
    assert_int_equal(text_decode(&d, "abc", 3, out), 3);
    assert_int_equal(d.encoding, TEXT_ASCII);
    /* "Mörlenbach" in Windows-1252, and the euro sign 0x80 */
    assert_int_equal(text_decode(&d, "M\xF6rlenbach \x80", 12, out), 15);
    assert_string_equal(out, "M\xC3\xB6rlenbach \xE2\x82\xAC");
    assert_int_equal(d.encoding, TEXT_CP1252);
    /* Multi-byte UTF-8 in such a file is a mix of encodings, never read
     * as "Ã¤": the caller makes it a fehler. */
    assert_int_equal(text_decode(&d, "\xC3\xA4", 2, out), TEXT_DECODE_MIXED);
}

static void test_cp1252_undefined_byte(void **state)
{
    (void)state;
    struct text_decoder d = {.encoding = TEXT_CP1252};
    char out[16];
    assert_int_equal(text_decode(&d, "a\x81", 2, out), -1);
}

static void test_utf8_then_invalid_is_mixed(void **state)
{
    (void)state;
    struct text_decoder d = {0};
    char out[64];
    assert_int_equal(text_decode(&d, "M\xC3\xB6rlenbach", 11, out), 11);
    assert_int_equal(d.encoding, TEXT_UTF8);
    assert_int_equal(text_decode(&d, "M\xF6rlenbach", 10, out), TEXT_DECODE_MIXED);
}

static void test_bom_means_utf8(void **state)
{
    (void)state;
    struct text_decoder d = {.bom = true};
    char out[16];
    assert_int_equal(text_decode(&d, "\xF6", 1, out), TEXT_DECODE_MIXED);
}

static void test_utf8_validity(void **state)
{
    (void)state;
    assert_true(text_utf8_valid("\xE2\x82\xAC", 3));
    assert_false(text_utf8_valid("\xC0\xAF", 2));          /* overlong */
    assert_false(text_utf8_valid("\xED\xA0\x80", 3));      /* surrogate */
    assert_false(text_utf8_valid("\xE2\x82", 2));          /* truncated */
    assert_true(text_utf8_valid("\xF0\x9F\x98\x80", 4));
    assert_false(text_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
}

static void test_trim_and_compare(void **state)
{
    (void)state;
    char s[] = " \t\xC2\xA0 Birkenau \xC2\xA0";
    assert_string_equal(text_trim(s), "Birkenau");
    assert_true(text_equal_nocase("Projekt_ID", "projekt_id"));
    assert_true(text_equal_nocase("ORDNUNGSBEH\xC3\x96RDENBEZIRKE", "ordnungsbeh\xC3\xB6rdenbezirke"));
    assert_false(text_equal_nocase("ags", "ags2"));
}

static void test_escape(void **state)
{
    (void)state;
    char out[64];
    text_escape("a\tb\nc\x01", out, sizeof out, 60);
    assert_string_equal(out, "a\\tb\\nc\\x01");
    text_escape("M\xC3\xB6rlenbach", out, sizeof out, 2);
    assert_string_equal(out, "M\xC3\xB6\xE2\x80\xA6"); /* whole characters only */
    text_escape("M\xF6rlenbach", out, sizeof out, 60); /* not UTF-8: shown as its byte */
    assert_string_equal(out, "M\\xF6rlenbach");
}

/* Excel's cell limit counts UTF-16 units: U+1F600 is two, ö and € one. */
static void test_utf16_units(void **state)
{
    (void)state;
    assert_int_equal(text_utf16_units(""), 0);
    assert_int_equal(text_utf16_units("M\xC3\xB6rlenbach \xE2\x82\xAC"), 12);
    assert_int_equal(text_utf16_units("a\xF0\x9F\x98\x80" "b"), 4);
    /* Characters (code points) count an emoji once, the units twice. */
    assert_int_equal(text_chars(""), 0);
    assert_int_equal(text_chars("M\xC3\xB6rlenbach \xE2\x82\xAC"), 12);
    assert_int_equal(text_chars("a\xF0\x9F\x98\x80" "b"), 3);
    /* A cut never splits a character: "a😀b" at 2 units keeps "a" (1 byte),
     * at 3 "a😀" (5 bytes); "ö" at 0 keeps nothing. */
    const char *s = "a\xF0\x9F\x98\x80" "b";
    assert_int_equal(text_utf16_prefix(s, 0), 0);
    assert_int_equal(text_utf16_prefix(s, 1), 1);
    assert_int_equal(text_utf16_prefix(s, 2), 1);
    assert_int_equal(text_utf16_prefix(s, 3), 5);
    assert_int_equal(text_utf16_prefix(s, 4), 6);
    assert_int_equal(text_utf16_prefix(s, 99), 6);
    assert_int_equal(text_utf16_prefix("\xC3\xB6", 0), 0);
    assert_int_equal(text_utf16_prefix("\xC3\xB6x", 1), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cp1252_decided_by_first_non_ascii),
        cmocka_unit_test(test_cp1252_undefined_byte),
        cmocka_unit_test(test_utf8_then_invalid_is_mixed),
        cmocka_unit_test(test_bom_means_utf8),
        cmocka_unit_test(test_utf8_validity),
        cmocka_unit_test(test_trim_and_compare),
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_utf16_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
