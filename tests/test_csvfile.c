/* test_csvfile.c: the export reader, trait by trait. Each test reads a
 * small file and compares every record (with its line number) as text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csvfile.h"
#include "fixture.h"

/* Records as "line:a|b|c\n", absent columns as "<absent>"; a rejected
 * record (its finding made) as "!line:...". */
struct collected {
    char text[4096];
    size_t n;
};

static enum ikz_status _collect(void *ctx, const struct csv_record *rec)
{
    struct collected *c = ctx;
    size_t len = strlen(c->text);
    len += (size_t)snprintf(c->text + len, sizeof c->text - len, "%s%ld:", rec->rejected ? "!" : "", rec->line);
    for (size_t i = 0; i < 3; i++)
        len += (size_t)snprintf(c->text + len, sizeof c->text - len, "%s%s", i ? "|" : "",
                                rec->field[i] ? rec->field[i] : "<absent>");
    snprintf(c->text + len, sizeof c->text - len, "\n");
    c->n++;
    return IKZ_OK;
}

static const char *const NAMES[] = {"projekt_id", "ags", "rolle"};
static const bool REQUIRED[] = {true, true, false};

/* Reads content as a file and returns the status; records land in out,
 * findings in f (initialised here), file info in info. */
static enum ikz_status _read(const char *content, size_t len, struct collected *out, struct findings *f,
                             struct input_file_info *info)
{
    char *dir = fixture_dir();
    char *path = fixture_write(dir, "b.csv", content, len);
    memset(out, 0, sizeof *out);
    findings_init(f, 100);
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, "b.csv", NULL, f, &cf);
    if (st == IKZ_OK) {
        st = csvfile_bind(cf, NAMES, REQUIRED, 3);
        if (st == IKZ_OK)
            st = csvfile_each(cf, _collect, out);
        if (info)
            csvfile_get_info(cf, info);
        csvfile_close(cf);
    }
    free(path);
    fixture_remove(dir);
    return st;
}

static void test_semicolon_bom_crlf_quotes(void **state)
{
    (void)state;
    const char *csv = "\xEF\xBB\xBFprojekt_id;ags;rolle\r\n"
                      "P1;06431004;federfuehrend\r\n"
                      "\"P;2\";\"06431\"\"017\";\"zwei\r\nZeilen\"\r\n"
                      "P3;06431008;beteiligt\r\n";
    struct collected c;
    struct findings f;
    struct input_file_info info;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, &info), IKZ_OK);
    assert_string_equal(c.text, "2:P1|06431004|federfuehrend\n"
                                "3:P;2|06431\"017|zwei\r\nZeilen\n"
                                "5:P3|06431008|beteiligt\n");
    assert_int_equal(info.delimiter, ';');
    assert_true(info.bom);
    assert_int_equal(info.rows, 3);
    assert_int_equal(f.total, 0);
    findings_free(&f);
}

static void test_comma_any_order_extra_columns(void **state)
{
    (void)state;
    const char *csv = "Rolle,Bemerkung,AGS, Projekt_ID \n"
                      "beteiligt,\"a, b\",06431004,P1\n"
                      "\n"
                      "federfuehrend,,06431,P2";
    struct collected c;
    struct findings f;
    struct input_file_info info;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, &info), IKZ_OK);
    assert_string_equal(c.text, "2:P1|06431004|beteiligt\n4:P2|06431|federfuehrend\n");
    assert_int_equal(info.delimiter, ',');
    assert_false(info.bom);
    findings_free(&f);
}

static void test_tab_and_optional_column(void **state)
{
    (void)state;
    const char *csv = "projekt_id\tags\nP1\t06431004\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    assert_string_equal(c.text, "2:P1|06431004|<absent>\n");
    findings_free(&f);
}

static void test_windows_1252(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\r\nP1;06431017;M\xF6rlenbach \x80\r\n";
    struct collected c;
    struct findings f;
    struct input_file_info info;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, &info), IKZ_OK);
    assert_string_equal(c.text, "2:P1|06431017|M\xC3\xB6rlenbach \xE2\x82\xAC\n");
    assert_int_equal(info.encoding, TEXT_CP1252);
    findings_free(&f);
}

static void test_mixed_encoding_is_a_finding(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\nP1;1;M\xC3\xB6rlenbach\nP2;2;M\xF6rlenbach\nP3;3;x\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    assert_string_equal(c.text, "2:P1|1|M\xC3\xB6rlenbach\n!3:P2|2|<absent>\n4:P3|3|x\n");
    assert_int_equal(f.total, 1);
    fixture_assert_finding(&f, 0,
                    "b.csv:3: Zeichenkodierung der Datei uneinheitlich oder ungültig; sie ist nicht verlässlich "
                    "lesbar 'M\\xF6rlenbach' (die Datei ist bis Zeile 2 UTF-8, diese Zeile nicht) [DATEI_KODIERUNG]");
    findings_free(&f);
}

/* Characters XML forbids become U+FFFD, with one hinweis per field. */
static void test_non_xml_replaced(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\nP1;a\x01" "b\x1F;x\xEF\xBF\xBEy\xEF\xBF\xBF\nP2;\t2;ok\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    assert_string_equal(c.text, "2:P1|a\xEF\xBF\xBD" "b\xEF\xBF\xBD|x\xEF\xBF\xBDy\xEF\xBF\xBD\n3:P2|2|ok\n");
    assert_int_equal(f.total, 2);
    fixture_assert_finding(&f, 0,
                    "b.csv:2: column 'ags': Steuerzeichen oder Nicht-Zeichen (in XML und Excel nicht erlaubt) durch "
                    "das Ersatzzeichen U+FFFD ersetzt (2 Zeichen durch U+FFFD ersetzt) [ZEICHEN_ERSETZT]");
    fixture_assert_finding(&f, 1,
                    "b.csv:2: column 'rolle': Steuerzeichen oder Nicht-Zeichen (in XML und Excel nicht erlaubt) durch "
                    "das Ersatzzeichen U+FFFD ersetzt (2 Zeichen durch U+FFFD ersetzt) [ZEICHEN_ERSETZT]");
    findings_free(&f);
}

/* Windows-1252 first, UTF-8 later: a mix, never "MÃ¶rlenbach". */
static void test_cp1252_then_utf8_is_mixed(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\nP1;1;x\nP2;2;M\xF6rlenbach\nP3;3;x\nP4;4;M\xC3\xB6rlenbach\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    assert_int_equal(f.total, 1);
    fixture_assert_finding(&f, 0,
                    "b.csv:5: Zeichenkodierung der Datei uneinheitlich oder ungültig; sie ist nicht verlässlich "
                    "lesbar 'M\xC3\xB6rlenbach' (die Datei ist bis Zeile 3 Windows-1252, diese Zeile UTF-8) "
                    "[DATEI_KODIERUNG]");
    findings_free(&f);
}

static void test_missing_column(void **state)
{
    (void)state;
    struct collected c;
    struct findings f;
    assert_int_equal(_read("projekt_id;rolle\nP1;x\n", (size_t)-1, &c, &f, NULL), IKZ_ERR_DATA);
    assert_int_equal(f.errors, 1);
    fixture_assert_finding(&f, 0,
                    "b.csv:1: column 'ags': Pflichtspalte fehlt in der Kopfzeile (Kopfzeile: projekt_id,rolle) "
                    "[SPALTE_FEHLT]");
    findings_free(&f);
}

static void test_field_count(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\nP1;1;a;\nP2;2\nP3;3;c;x\nP4;4;d\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    /* Even an empty extra field: it is what an unquoted delimiter leaves. */
    assert_string_equal(c.text, "!2:P1|1|a\n!3:P2|2|<absent>\n!4:P3|3|c\n5:P4|4|d\n");
    assert_int_equal(f.errors, 3);
    fixture_assert_finding(&f, 0, "b.csv:2: Zeile hat eine andere Anzahl Felder als die Kopfzeile (mehr Felder als die Kopfzeile) [FELDANZAHL]");
    fixture_assert_finding(&f, 1, "b.csv:3: Zeile hat eine andere Anzahl Felder als die Kopfzeile (2 statt 3 Felder) [FELDANZAHL]");
    fixture_assert_finding(&f, 2, "b.csv:4: Zeile hat eine andere Anzahl Felder als die Kopfzeile (mehr Felder als die Kopfzeile) [FELDANZAHL]");
    findings_free(&f);
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\nP1;1;a\nP2;\"2;b\nP3;3;c\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    assert_string_equal(c.text, "2:P1|1|a\n");
    assert_int_equal(f.errors, 1);
    fixture_assert_finding(&f, 0, "b.csv:3: CSV-Syntax fehlerhaft (Anführungszeichen am Dateiende nicht geschlossen) [CSV_SYNTAX]");
    findings_free(&f);
}

static void test_empty_file(void **state)
{
    (void)state;
    struct collected c;
    struct findings f;
    assert_int_equal(_read("", 0, &c, &f, NULL), IKZ_ERR_DATA);
    fixture_assert_finding(&f, 0, "b.csv: Datei ist leer oder hat keine Kopfzeile [DATEI_LEER]");
    findings_free(&f);
    assert_int_equal(_read("\xEF\xBB\xBF\r\n\r\n", (size_t)-1, &c, &f, NULL), IKZ_ERR_DATA);
    assert_int_equal(f.by_code[FINDING_DATEI_LEER], 1);
    findings_free(&f);
}

static void test_nul_byte(void **state)
{
    (void)state;
    const char csv[] = "projekt_id;ags;rolle\nP1;0\0" "1;a\nP2;2;b\n";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, sizeof csv - 1, &c, &f, NULL), IKZ_OK);
    assert_string_equal(c.text, "!2:P1|<absent>|a\n3:P2|2|b\n");
    fixture_assert_finding(&f, 0, "b.csv:2: Zeichenkodierung ungültig (Datei mischt UTF-8 mit anderen Bytes oder enthält "
                           "Steuerzeichen) (NUL-Byte im Feld) [KODIERUNG]");
    findings_free(&f);
}

static void test_cr_only_and_mixed_line_ends(void **state)
{
    (void)state;
    const char *csv = "projekt_id;ags;rolle\rP1;1;a\r\nP2;2;b\nP3;3;c\r";
    struct collected c;
    struct findings f;
    assert_int_equal(_read(csv, (size_t)-1, &c, &f, NULL), IKZ_OK);
    assert_string_equal(c.text, "2:P1|1|a\n3:P2|2|b\n4:P3|3|c\n");
    findings_free(&f);
}

/* Record i starts at line 2 + i + the quoted line breaks before it. */
struct line_check {
    long expected_line;
    size_t i;
    int bad;
};

static enum ikz_status _check_line(void *ctx, const struct csv_record *rec)
{
    struct line_check *st = ctx;
    char id[32];
    snprintf(id, sizeof id, "P%zu", st->i);
    if (rec->line != st->expected_line || strcmp(rec->field[0], id) != 0)
        st->bad++;
    st->expected_line += st->i % 1000 == 7 ? 2 : 1;
    st->i++;
    return IKZ_OK;
}

static void test_line_numbers_across_chunks(void **state)
{
    (void)state;
    /* Over one 1 MiB chunk, with a CRLF and a quoted line break where the
     * chunks meet, the line numbers must still be exact. */
    size_t rows = 40000;
    char *big = malloc(rows * 40 + 64);
    size_t o = (size_t)sprintf(big, "projekt_id;ags;rolle\r\n");
    for (size_t i = 0; i < rows; i++)
        o += (size_t)sprintf(big + o, i % 1000 == 7 ? "P%zu;\"a\r\nb\";x\r\n" : "P%zu;0643100%zu;beteiligt\r\n", i,
                             i % 10);
    char *dir = fixture_dir();
    char *path = fixture_write(dir, "big.csv", big, o);
    struct findings f;
    findings_init(&f, 10);
    struct csvfile *cf;
    assert_int_equal(csvfile_open(path, "big.csv", NULL, &f, &cf), IKZ_OK);
    assert_int_equal(csvfile_bind(cf, NAMES, REQUIRED, 3), IKZ_OK);
    struct line_check st = {2, 0, 0};
    assert_int_equal(csvfile_each(cf, _check_line, &st), IKZ_OK);
    assert_int_equal(st.i, rows);
    assert_int_equal(st.bad, 0);
    assert_int_equal(f.total, 0);
    csvfile_close(cf);
    findings_free(&f);
    free(path);
    fixture_remove(dir);
    free(big);
}

static void test_field_limit(void **state)
{
    (void)state;
    struct csvfile_options lim = {.limits = {.max_field_bytes = 16, .max_columns = 10}};
    char *dir = fixture_dir();
    char *path = fixture_write(dir, "l.csv", "projekt_id;ags;rolle\nP1;1;a\nP2;12345678901234567890;b\n", (size_t)-1);
    struct findings f;
    findings_init(&f, 10);
    struct csvfile *cf;
    assert_int_equal(csvfile_open(path, "l.csv", &lim, &f, &cf), IKZ_OK);
    assert_int_equal(csvfile_bind(cf, NAMES, REQUIRED, 3), IKZ_OK);
    struct collected c = {0};
    assert_int_equal(csvfile_each(cf, _collect, &c), IKZ_ERR_DATA);
    assert_string_equal(c.text, "2:P1|1|a\n");
    char line[256];
    finding_format(&f.item[0], line, sizeof line);
    assert_string_equal(line, "l.csv:3: CSV-Syntax fehlerhaft (Feld länger als 16 Bytes) [CSV_SYNTAX]");
    csvfile_close(cf);
    findings_free(&f);
    free(path);
    fixture_remove(dir);
}

/* Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF; and
 * big-endian, and a file cut inside a character. */
static void test_utf16(void **state)
{
    (void)state;
    const char *text = "projekt_id\tags\trolle\r\nP1\t06431017\tM\xC3\xB6rlenbach \xE2\x82\xAC\r\n\"P2\"\t2\tb\r\n";
    char le[512], be[512];
    size_t n = 0;
    le[n] = '\xFF', be[n] = '\xFE', n++;
    le[n] = '\xFE', be[n] = '\xFF', n++;
    /* Every character here is below U+FFFF: two bytes each. */
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        unsigned cp = *p++;
        if (cp >= 0xE0) {
            cp = (cp & 0x0F) << 12 | (unsigned)(p[0] & 0x3F) << 6 | (p[1] & 0x3F);
            p += 2;
        } else if (cp >= 0xC0) {
            cp = (cp & 0x1F) << 6 | (p[0] & 0x3F);
            p += 1;
        }
        le[n] = (char)(cp & 0xFF), be[n] = (char)(cp >> 8), n++;
        le[n] = (char)(cp >> 8), be[n] = (char)(cp & 0xFF), n++;
    }
    struct collected c;
    struct findings f;
    struct input_file_info info;
    assert_int_equal(_read(le, n, &c, &f, &info), IKZ_OK);
    assert_string_equal(c.text, "2:P1|06431017|M\xC3\xB6rlenbach \xE2\x82\xAC\n3:P2|2|b\n");
    assert_true(info.utf16);
    assert_int_equal(info.delimiter, '\t');
    assert_int_equal(info.bytes, n);
    assert_int_equal(f.total, 0);
    findings_free(&f);
    assert_int_equal(_read(be, n, &c, &f, &info), IKZ_OK);
    assert_string_equal(c.text, "2:P1|06431017|M\xC3\xB6rlenbach \xE2\x82\xAC\n3:P2|2|b\n");
    findings_free(&f);
    /* Cut inside the last character: a finding, not a guess. */
    assert_int_equal(_read(le, n - 1, &c, &f, &info), IKZ_OK);
    assert_int_equal(f.by_code[FINDING_DATEI_KODIERUNG], 1);
    findings_free(&f);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct findings f;
    findings_init(&f, 10);
    struct csvfile *cf;
    assert_int_equal(csvfile_open("/nonexistent/x.csv", "x.csv", NULL, &f, &cf), IKZ_ERR_NOINPUT);
    assert_null(cf);
    findings_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semicolon_bom_crlf_quotes),
        cmocka_unit_test(test_comma_any_order_extra_columns),
        cmocka_unit_test(test_tab_and_optional_column),
        cmocka_unit_test(test_windows_1252),
        cmocka_unit_test(test_mixed_encoding_is_a_finding),
        cmocka_unit_test(test_cp1252_then_utf8_is_mixed),
        cmocka_unit_test(test_non_xml_replaced),
        cmocka_unit_test(test_missing_column),
        cmocka_unit_test(test_field_count),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_cr_only_and_mixed_line_ends),
        cmocka_unit_test(test_line_numbers_across_chunks),
        cmocka_unit_test(test_field_limit),
        cmocka_unit_test(test_utf16),
        cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
