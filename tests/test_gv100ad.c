/* test_gv100ad.c: the GV100AD reader. Records are built here field by
 * field and padded by characters, as Destatis does: UTF-8 with umlauts and
 * Sorbian names (bytes are not characters), ISO-8859-1, CRLF, records too
 * short or too long, a bad or a changing Gebietsstand, another Land. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "register.h"

/* Appends s to out, padded with blanks to `chars` characters (UTF-8). */
static void _pad(char *out, const char *s, size_t chars)
{
    size_t n = 0;
    for (const char *p = s; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    strcat(out, s);
    for (; n < chars; n++)
        strcat(out, " ");
}

/* One record of 220 characters, without its line end. */
static void _record(char *out, const char *satz, const char *stand, const char *key, const char *name,
                    const char *tk, const char *bev)
{
    out[0] = '\0';
    _pad(out, satz, 2);
    _pad(out, stand, 8);
    _pad(out, key, 12); /* land rb kreis gemeinde verband: positions 11-22 */
    _pad(out, name, 50);
    _pad(out, "", 50);  /* seat: 73-122 */
    _pad(out, tk, 2);   /* 123-124 */
    _pad(out, "", 4);   /* 125-128 */
    _pad(out, bev[0] ? "00000000100" : "", 11); /* area 129-139 */
    _pad(out, bev, 11); /* 140-150 */
    _pad(out, "", 70);  /* the rest, to 220 */
}

struct file {
    char buf[16384];
};

static void _add(struct file *f, const char *satz, const char *stand, const char *key, const char *name,
                 const char *tk, const char *bev, const char *eol)
{
    char r[1024];
    _record(r, satz, stand, key, name, tk, bev);
    strcat(f->buf, r);
    strcat(f->buf, eol);
}

/* A small Germany at 30.11.2023: Hessen's Kreis Bergstraße with Birkenau
 * and Mörlenbach, a kreisfreie Stadt, and Brandenburg's Cottbus. */
static void _germany(struct file *f, const char *eol)
{
    f->buf[0] = '\0';
    _add(f, "10", "20231130", "06", "Hessen", "", "", eol);
    _add(f, "40", "20231130", "06411", "Darmstadt, Wissenschaftsstadt", "41", "", eol);
    _add(f, "60", "20231130", "064110000000", "Darmstadt, Wissenschaftsstadt", "61", "00000162243", eol);
    _add(f, "40", "20231130", "06431", "Bergstraße", "44", "", eol);
    _add(f, "50", "20231130", "064310040000", "Birkenau", "50", "", eol);
    _add(f, "60", "20231130", "064310040000", "Birkenau", "64", "00000009926", eol);
    _add(f, "60", "20231130", "064310170000", "Mörlenbach", "64", "00000010312", eol);
    _add(f, "60", "20231130", "064319990000", "Gemeindefreies Gebiet", "66", "00000000000", eol);
    _add(f, "60", "20231130", "064319980000", "Gemeindefreies Gebiet, bewohnt", "65", "00000000764", eol);
    _add(f, "40", "20231130", "12052", "Cottbus/Chóśebuz, Stadt", "41", "", eol);
    _add(f, "60", "20231130", "120520000000", "Cottbus/Chóśebuz, Stadt", "61", "00000098693", eol);
}

static void _load(const char *content, size_t len, const char *land, struct kommune_register *reg,
                  struct findings *f, enum ikz_status expected)
{
    char *dir = fixture_dir();
    char *path = fixture_write(dir, "GV100AD_301123.txt", content, len);
    assert_int_equal(register_load(path, "GV100AD_301123.txt", NULL, land, reg, f), expected);
    free(path);
    fixture_remove(dir);
}

static void test_utf8(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\n");
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, NULL, &reg, &fi, IKZ_OK);
    assert_int_equal(fi.total, 0);
    assert_int_equal(reg.format, REGISTER_GV100AD);
    assert_int_equal(reg.gebietsstand, 20231130);
    assert_int_equal(reg.n, 5); /* Darmstadt, Bergstraße, Birkenau, Mörlenbach, Cottbus */
    assert_int_equal(reg.n_gemeinden, 4);
    assert_int_equal(reg.n_kreis_kommunen, 1);
    long k = register_find(&reg, "06431017");
    assert_true(k >= 0);
    assert_string_equal(reg.kommune[k].name, "Mörlenbach");
    assert_int_equal(reg.kommune[k].einwohner, 10312);
    k = register_find(&reg, "12052000");
    assert_true(k >= 0);
    assert_string_equal(reg.kommune[k].name, "Cottbus/Chóśebuz, Stadt");
    assert_int_equal(reg.kommune[k].einwohner, 98693); /* found by characters, not bytes */
    /* The Kreis: its Gemeinden and its inhabited gemeindefreies Gebiet. */
    assert_int_equal(reg.kommune[register_find(&reg, "06431")].einwohner, 9926 + 10312 + 764);
    assert_int_equal(register_find(&reg, "06431998"), -1); /* no Kommune */
    assert_int_equal(reg.file.rows, 11);
    register_free(&reg);
    findings_free(&fi);
}

/* The same file in ISO-8859-1 with CRLF (an older .ASC), for Hessen only. */
static void test_latin1_crlf_land(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\r\n");
    /* Cottbus's ś has no ISO-8859-1 form: leave Brandenburg out. */
    char *cut = strstr(f.buf, "4020231130" "12052");
    assert_non_null(cut);
    *cut = '\0';
    static char latin1[16384];
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)f.buf; *p; p++) {
        if (*p == 0xC3) { /* ö and ß are C3 xx in UTF-8, xx + 0x40 in ISO-8859-1 */
            latin1[o++] = (char)(p[1] + 0x40);
            p++;
        } else {
            latin1[o++] = (char)*p;
        }
    }
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(latin1, o, "06", &reg, &fi, IKZ_OK);
    assert_int_equal(fi.total, 0);
    assert_int_equal(reg.file.encoding, TEXT_CP1252);
    assert_int_equal(reg.n, 4);
    assert_string_equal(reg.kommune[register_find(&reg, "06431017")].name, "Mörlenbach");
    assert_string_equal(reg.kommune[register_find(&reg, "06431")].name, "Bergstraße");
    assert_int_equal(reg.kommune[register_find(&reg, "06431017")].einwohner, 10312);
    register_free(&reg);
    findings_free(&fi);
}

/* Only the report's Land is the report's; the others are known apart. */
static void test_land(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\n");
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, "06", &reg, &fi, IKZ_OK);
    assert_int_equal(reg.n, 4);
    assert_int_equal(reg.n_outside, 1);
    assert_int_equal(register_find(&reg, "12052000"), -1);
    assert_non_null(register_find_outside(&reg, "12052000"));
    register_free(&reg);
    findings_free(&fi);
}

static void test_malformed(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\n");
    char rec[1024];
    _record(rec, "60", "20231130", "064310080000", "Gorxheimertal", "64", "00000003900");
    rec[140] = '\0'; /* too short for the population */
    strcat(f.buf, rec);
    strcat(f.buf, "\n");
    _record(rec, "60", "20231130", "064310090000", "Grasellenbach", "64", "00000003900");
    strcat(f.buf, rec);
    strcat(f.buf, "xx\n"); /* 222 characters */
    _record(rec, "60", "20231131", "064310100000", "Groß-Rohrheim", "63", "00000003900");
    strcat(f.buf, rec);
    strcat(f.buf, "\n");
    _record(rec, "60", "20231201", "064310110000", "Heppenheim", "63", "00000025000");
    strcat(f.buf, rec);
    strcat(f.buf, "\n");
    _record(rec, "70", "20231130", "064310120000", "Irgendwas", "64", "00000025000");
    strcat(f.buf, rec);
    strcat(f.buf, "\n");
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, NULL, &reg, &fi, IKZ_ERR_DATA);
    fixture_assert_finding(&fi, 0, "GV100AD_301123.txt:12: column 'satzlaenge': Satz des Gemeindeverzeichnisses (GV100AD) "
                            "ungültig: Satzart oder Länge stimmt nicht (140 Zeichen, erwartet mindestens 150) "
                            "[REGISTER_SATZ_UNGUELTIG]");
    fixture_assert_finding(&fi, 1, "GV100AD_301123.txt:13: column 'satzlaenge': Satz des Gemeindeverzeichnisses (GV100AD) "
                            "ungültig: Satzart oder Länge stimmt nicht (222 Zeichen, erwartet höchstens 220) "
                            "[REGISTER_SATZ_UNGUELTIG]");
    fixture_assert_finding(&fi, 2, "GV100AD_301123.txt:14: column 'gebietsstand (Stellen 3-10)': Gebietsstand des "
                            "Gemeindeverzeichnisses ungültig, nicht in allen Sätzen gleich oder ein anderer als im Dateinamen '20231131' (erwartet "
                            "JJJJMMTT) [REGISTER_GEBIETSSTAND]");
    fixture_assert_finding(&fi, 3, "GV100AD_301123.txt:15: column 'gebietsstand (Stellen 3-10)': Gebietsstand des "
                            "Gemeindeverzeichnisses ungültig, nicht in allen Sätzen gleich oder ein anderer als im Dateinamen '20231201' (Zeile 1 "
                            "hat 20231130) [REGISTER_GEBIETSSTAND]");
    fixture_assert_finding(&fi, 4, "GV100AD_301123.txt:16: column 'satzart (Stellen 1-2)': Satz des Gemeindeverzeichnisses "
                            "(GV100AD) ungültig: Satzart oder Länge stimmt nicht '70' (erwartet 10, 20, 30, 40, 50 "
                            "oder 60) [REGISTER_SATZ_UNGUELTIG]");
    assert_int_equal(fi.total, 5);
    register_free(&reg);
    findings_free(&fi);
}

/* What Destatis files and DOS tools leave at the end: blanks after the
 * 220 positions, empty lines, a ^Z. Tolerated at the end; an empty line
 * with a record after it is a record (and a finding). */
static void test_dos_endings(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\r\n");
    size_t at = strlen(f.buf) - 2;
    memmove(f.buf + at + 3, f.buf + at, 3); /* "   " after the last record's 220 characters */
    memcpy(f.buf + at, "   ", 3);
    strcat(f.buf, "\r\n  \r\n\x1A");
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, NULL, &reg, &fi, IKZ_OK);
    assert_int_equal(fi.total, 0);
    assert_int_equal(reg.n, 5);
    assert_int_equal(reg.file.rows, 11);
    register_free(&reg);
    findings_free(&fi);

    _germany(&f, "\n");
    char rec[1024];
    strcat(f.buf, "\n");
    _record(rec, "60", "20231130", "064310080000", "Gorxheimertal", "64", "00000003900");
    strcat(f.buf, rec);
    strcat(f.buf, "\n");
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, NULL, &reg, &fi, IKZ_ERR_DATA);
    assert_int_equal(fi.total, 1);
    fixture_assert_finding(&fi, 0, "GV100AD_301123.txt:12: column 'satzart (Stellen 1-2)': Satz des Gemeindeverzeichnisses "
                            "(GV100AD) ungültig: Satzart oder Länge stimmt nicht '' (erwartet 10, 20, 30, 40, 50 oder 60) "
                            "[REGISTER_SATZ_UNGUELTIG]");
    register_free(&reg);
    findings_free(&fi);
}

/* A name the workbook's XML cannot hold (U+FFFE, a control) is a fehler
 * naming the line, not a workbook that fails when read back. */
static void test_name_not_xml(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\n");
    _add(&f, "60", "20231130", "064310080000", "Gorx\xEF\xBF\xBEheimertal", "64", "00000003900", "\n");
    _add(&f, "60", "20231130", "064310090000", "Grasellen\x01" "bach", "64", "00000003900", "\n");
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, NULL, &reg, &fi, IKZ_ERR_DATA);
    assert_int_equal(fi.total, 2);
    fixture_assert_finding(&fi, 0, "GV100AD_301123.txt:12: column 'name (Stellen 23-72)': Zeichenkodierung ungültig (Datei "
                            "mischt UTF-8 mit anderen Bytes oder enthält Steuerzeichen) (ein Steuerzeichen, U+FFFE oder "
                            "U+FFFF im Namen) [KODIERUNG]");
    fixture_assert_finding(&fi, 1, "GV100AD_301123.txt:13: column 'name (Stellen 23-72)': Zeichenkodierung ungültig (Datei "
                            "mischt UTF-8 mit anderen Bytes oder enthält Steuerzeichen) (ein Steuerzeichen, U+FFFE oder "
                            "U+FFFF im Namen) [KODIERUNG]");
    register_free(&reg);
    findings_free(&fi);
}

/* A Kommune's record (Satzart 40 or 60) with positions 23-72 blank is a
 * fehler naming file, line and column: a Kommune without a name would be
 * an empty row of the workbook and the press text. An unbewohntes
 * gemeindefreies Gebiet (66) is no Kommune, its name is not read. The
 * GV-ISys CSV goes through the same rule (issue 21). */
static void test_blank_name(void **state)
{
    (void)state;
    static struct file f;
    _germany(&f, "\n");
    _add(&f, "60", "20231130", "064310080000", "", "64", "00000003900", "\n");
    _add(&f, "40", "20231130", "06432", "", "44", "", "\n");
    _add(&f, "40", "20231130", "06412", "", "41", "", "\n");
    _add(&f, "60", "20231130", "064320010000", "    ", "63", "00000009000", "\n");
    _add(&f, "60", "20231130", "064319970000", "", "66", "00000000000", "\n");
    struct kommune_register reg;
    struct findings fi;
    findings_init(&fi, 10);
    _load(f.buf, (size_t)-1, NULL, &reg, &fi, IKZ_ERR_DATA); /* exit 65 */
    fixture_assert_finding(&fi, 0, "GV100AD_301123.txt:12: column 'name (Stellen 23-72)': Pflichtfeld ist leer "
                            "(Kommune 06431008 ohne Namen) [PFLICHTFELD_LEER]");
    fixture_assert_finding(&fi, 1, "GV100AD_301123.txt:13: column 'name (Stellen 23-72)': Pflichtfeld ist leer "
                            "(Kommune 06432 ohne Namen) [PFLICHTFELD_LEER]");
    fixture_assert_finding(&fi, 2, "GV100AD_301123.txt:14: column 'name (Stellen 23-72)': Pflichtfeld ist leer "
                            "(Kommune 06412 ohne Namen) [PFLICHTFELD_LEER]");
    fixture_assert_finding(&fi, 3, "GV100AD_301123.txt:15: column 'name (Stellen 23-72)': Pflichtfeld ist leer "
                            "(Kommune 06432001 ohne Namen) [PFLICHTFELD_LEER]");
    assert_int_equal(fi.total, 4);
    assert_int_equal(fi.errors, 4);
    register_free(&reg);
    findings_free(&fi);

    char *dir = fixture_dir();
    char *path = fixture_write(dir, "kommunen.csv",
                               "satzart,textkennzeichen,land,rb,kreis,vb,gemeinde,gemeindename,bevoelkerung\n"
                               "40,44,06,4,31,,,Bergstraße,\n"
                               "60,64,06,4,31,0004,004,Birkenau,9926\n"
                               "60,64,06,4,31,0017,017, ,10312\n",
                               (size_t)-1);
    findings_init(&fi, 10);
    assert_int_equal(register_load(path, "kommunen.csv", NULL, NULL, &reg, &fi), IKZ_ERR_DATA);
    assert_int_equal(fi.total, 1);
    fixture_assert_finding(&fi, 0, "kommunen.csv:4: column 'gemeindename': Pflichtfeld ist leer (Kommune 06431017 ohne "
                            "Namen) [PFLICHTFELD_LEER]");
    register_free(&reg);
    findings_free(&fi);
    free(path);
    fixture_remove(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_latin1_crlf_land),
        cmocka_unit_test(test_land),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_dos_endings),
        cmocka_unit_test(test_name_not_xml),
        cmocka_unit_test(test_blank_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
