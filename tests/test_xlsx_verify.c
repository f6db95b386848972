/* test_xlsx_verify.c: the workbook read-back on zips made here with
 * minizip: a sound one passes; a part cut short, a sheet with rows lost, a
 * missing sheet and a file that is no zip each fail with their message.
 * The read-back runs on two workers (one reads the largest part, the other
 * the rest), so every failure is checked with both workers and with one
 * (IKZ_TEST_SERIAL): the message must be the same, the first bad part in
 * zip order, whichever worker reached its part first. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <minizip/zip.h>

#include "xlsx_verify.h"

struct part {
    const char *name;
    char *text;
};

/* A sheet of rows x 2 cells; cut > 0 cuts it to that many bytes. */
static char *_sheet(unsigned rows, size_t cut)
{
    size_t cap = 128 + (size_t)rows * 96, len = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    len += (size_t)snprintf(s + len, cap - len, "<?xml version=\"1.0\"?>\n<worksheet><sheetData>");
    for (unsigned r = 1; r <= rows; r++)
        len += (size_t)snprintf(s + len, cap - len, "<row r=\"%u\"><c r=\"A%u\"><v>%u</v></c><c r=\"B%u\"/></row>\n",
                                r, r, r, r);
    snprintf(s + len, cap - len, "</sheetData></worksheet>");
    if (cut)
        s[cut] = '\0';
    return s;
}

static char *_dup(const char *s)
{
    char *d = strdup(s);
    assert_non_null(d);
    return d;
}

/* Writes the parts, in this order, into a zip; returns its path. */
static const char *_zip(struct part *parts, size_t n)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/test_xlsx_verify_%ld.xlsx", (long)getpid());
    zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_fileinfo zi = {0};
        assert_int_equal(zipOpenNewFileInZip64(z, parts[i].name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED,
                                               Z_DEFAULT_COMPRESSION, 0),
                         ZIP_OK);
        assert_int_equal(zipWriteInFileInZip(z, parts[i].text, (unsigned)strlen(parts[i].text)), ZIP_OK);
        assert_int_equal(zipCloseFileInZip(z), ZIP_OK);
        free(parts[i].text);
    }
    assert_int_equal(zipClose(z, NULL), ZIP_OK);
    return path;
}

/* Verifies with two workers and with one; both must give st and, on a
 * failure, the same message, which is returned (static). */
static const char *_verify_both(const char *path, const struct xlsx_expect *x, size_t n, enum ikz_status want)
{
    static char first[512];
    struct ikz_error err = {0};
    unsetenv("IKZ_TEST_SERIAL");
    assert_int_equal(xlsx_verify(path, x, n, &err), want);
    snprintf(first, sizeof first, "%s", err.message);
    struct ikz_error err1 = {0};
    setenv("IKZ_TEST_SERIAL", "1", 1);
    assert_int_equal(xlsx_verify(path, x, n, &err1), want);
    unsetenv("IKZ_TEST_SERIAL");
    assert_string_equal(err1.message, first);
    unlink(path);
    return first;
}

/* sheet1 is the large one (a worker of its own), sheet2 and the rest the
 * other worker's. */
static const struct xlsx_expect two_sheets[] = {{2 * 3000, 2999}, {2 * 2, 1}};

static void test_sound(void **state)
{
    (void)state;
    struct part p[] = {{"[Content_Types].xml", _dup("<Types/>")},
                       {"xl/worksheets/sheet1.xml", _sheet(3000, 0)},
                       {"xl/worksheets/sheet2.xml", _sheet(2, 0)},
                       {"docProps/app.xml", _dup("<Properties/>")}};
    _verify_both(_zip(p, 4), two_sheets, 2, IKZ_OK);
}

static void test_small_part_cut_after_large(void **state)
{
    (void)state;
    struct part p[] = {{"xl/worksheets/sheet1.xml", _sheet(3000, 0)},
                       {"xl/worksheets/sheet2.xml", _sheet(2, 0)},
                       {"docProps/app.xml", _dup("<Properties>\n<Pages>")}};
    const char *path = _zip(p, 3);
    char want[256];
    snprintf(want, sizeof want, "%s: part docProps/app.xml is not well-formed XML (line 2): it was cut short", path);
    assert_string_equal(_verify_both(path, two_sheets, 2, IKZ_ERR_IO), want);
}

/* Both workers fail: the large part first in zip order is the one told,
 * though the other worker fails after a few bytes and the large part's
 * worker only after reading most of it. */
static void test_first_bad_part_in_zip_order_large_first(void **state)
{
    (void)state;
    struct part p[] = {{"xl/worksheets/sheet1.xml", _sheet(3000, 150000)},
                       {"xl/worksheets/sheet2.xml", _sheet(2, 90)}};
    const char *path = _zip(p, 2);
    char want[256];
    snprintf(want, sizeof want,
             "%s: part xl/worksheets/sheet1.xml is not well-formed XML (line 2452): it was cut short", path);
    assert_string_equal(_verify_both(path, two_sheets, 2, IKZ_ERR_IO), want);
}

static void test_first_bad_part_in_zip_order_small_first(void **state)
{
    (void)state;
    struct part p[] = {{"xl/worksheets/sheet2.xml", _sheet(2, 90)},
                       {"xl/worksheets/sheet1.xml", _sheet(3000, 150000)}};
    const char *path = _zip(p, 2);
    char want[256];
    snprintf(want, sizeof want, "%s: part xl/worksheets/sheet2.xml is not well-formed XML (line 2): it was cut short",
             path);
    assert_string_equal(_verify_both(path, two_sheets, 2, IKZ_ERR_IO), want);
}

/* Well-formed, but rows are missing: the count tells. */
static void test_rows_lost(void **state)
{
    (void)state;
    struct part p[] = {{"xl/worksheets/sheet1.xml", _sheet(2999, 0)},
                       {"xl/worksheets/sheet2.xml", _sheet(2, 0)}};
    const char *path = _zip(p, 2);
    char want[256];
    snprintf(want, sizeof want,
             "%s: xl/worksheets/sheet1.xml holds 5998 cells up to row 2999, 6000 cells up to row 3000 were written: "
             "rows were lost while writing",
             path);
    assert_string_equal(_verify_both(path, two_sheets, 2, IKZ_ERR_IO), want);
}

static void test_sheet_missing(void **state)
{
    (void)state;
    struct part p[] = {{"xl/worksheets/sheet1.xml", _sheet(3000, 0)}};
    const char *path = _zip(p, 1);
    char want[256];
    snprintf(want, sizeof want, "%s: 1 of 2 sheets found after writing", path);
    assert_string_equal(_verify_both(path, two_sheets, 2, IKZ_ERR_IO), want);
}

static void test_not_a_zip(void **state)
{
    (void)state;
    const char *path = "/tmp/test_xlsx_verify_not_a_zip.xlsx";
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("PK not really\n", fp);
    fclose(fp);
    char want[256];
    snprintf(want, sizeof want, "%s: not a readable workbook after writing", path);
    assert_string_equal(_verify_both(path, two_sheets, 2, IKZ_ERR_IO), want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sound),
        cmocka_unit_test(test_small_part_cut_after_large),
        cmocka_unit_test(test_first_bad_part_in_zip_order_large_first),
        cmocka_unit_test(test_first_bad_part_in_zip_order_small_first),
        cmocka_unit_test(test_rows_lost),
        cmocka_unit_test(test_sheet_missing),
        cmocka_unit_test(test_not_a_zip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
