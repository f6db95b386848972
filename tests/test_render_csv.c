/* test_render_csv.c: the two CSV dialects byte for byte, and formula
 * neutralisation. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render_csv.h"

static const struct table_column COLS[] = {
    {"name", COLUMN_TEXT, false, NULL}, {"n", COLUMN_COUNT, false, NULL}, {"mittel", COLUMN_DECIMAL, false, NULL},
    {"betrag", COLUMN_MONEY, false, NULL}, {"tag", COLUMN_DATE, false, NULL}};

static char *_render(const struct table *t, enum csv_dialect d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    assert_non_null(fp);
    assert_int_equal(render_csv(t, d, fp), IKZ_OK);
    assert_int_equal(fclose(fp), 0);
    return buf;
}

static void _fill(struct table *t)
{
    table_init(t, "probe", COLS, 5);
    struct cell *r = table_add_row(t);
    cell_text(&r[0], "Bensheim, Stadt; \"Mitte\"");
    cell_int(&r[1], 1234567);
    cell_real(&r[2], 5.4401805869);
    cell_money(&r[3], 8600050);
    cell_date(&r[4], 20241231);
    r = table_add_row(t);
    cell_text(&r[0], "=HYPERLINK(\"http://x\")");
    cell_int(&r[1], -3);
    cell_real(&r[2], NAN);
    cell_money(&r[3], INT64_MIN);
    cell_date(&r[4], 0);
    r = table_add_row(t);
    cell_text(&r[0], "@SUM(A1)");
    cell_int(&r[1], 0);
    cell_real(&r[2], 30.0);
    cell_money(&r[3], -150025);
    cell_date(&r[4], 20040101);
    r = table_add_row(t);
    cell_text(&r[0], "\tTab");
    cell_real(&r[2], -0.0000001);
    r = table_add_row(t);
    cell_text(&r[0], "+49 6201");
    cell_text(&r[1], "-");
}

static void test_excel_de(void **state)
{
    (void)state;
    struct table t;
    _fill(&t);
    char *out = _render(&t, CSV_DIALECT_EXCEL_DE);
    assert_string_equal(out, "\xEF\xBB\xBFname;n;mittel;betrag;tag\r\n"
                             "\"Bensheim, Stadt; \"\"Mitte\"\"\";1234567;5,440181;86000,50;31.12.2024\r\n"
                             "\"'=HYPERLINK(\"\"http://x\"\")\";-3;;;\r\n"
                             "'@SUM(A1);0;30;-1500,25;01.01.2004\r\n"
                             "\"'\tTab\";;0;;\r\n"
                             "'+49 6201;'-;;;\r\n");
    free(out);
    table_free(&t);
}

static void test_rfc4180(void **state)
{
    (void)state;
    struct table t;
    _fill(&t);
    char *out = _render(&t, CSV_DIALECT_RFC4180);
    assert_string_equal(out, "name,n,mittel,betrag,tag\n"
                             "\"Bensheim, Stadt; \"\"Mitte\"\"\",1234567,5.440181,86000.50,2024-12-31\n"
                             "\"'=HYPERLINK(\"\"http://x\"\")\",-3,,,\n"
                             "'@SUM(A1),0,30,-1500.25,2004-01-01\n"
                             "\"'\tTab\",,0,,\n"
                             "'+49 6201,'-,,,\n");
    free(out);
    table_free(&t);
}

static void test_dialect_names(void **state)
{
    (void)state;
    enum csv_dialect d;
    assert_true(csv_dialect_parse("excel-de", &d));
    assert_int_equal(d, CSV_DIALECT_EXCEL_DE);
    assert_true(csv_dialect_parse("rfc4180", &d));
    assert_int_equal(d, CSV_DIALECT_RFC4180);
    assert_false(csv_dialect_parse("excel", &d));
}

static void test_write_error(void **state)
{
    (void)state;
    struct table t;
    _fill(&t);
    FILE *fp = fopen("/dev/full", "w");
    if (!fp)
        skip();
    setvbuf(fp, NULL, _IONBF, 0);
    assert_int_equal(render_csv(&t, CSV_DIALECT_EXCEL_DE, fp), IKZ_ERR_IO);
    fclose(fp);
    table_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excel_de),
        cmocka_unit_test(test_rfc4180),
        cmocka_unit_test(test_dialect_names),
        cmocka_unit_test(test_write_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
