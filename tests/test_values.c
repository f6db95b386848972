/* test_values.c: dates and amounts as the exports write them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "values.h"

static void test_date_formats(void **state)
{
    (void)state;
    ikz_date d;
    assert_true(date_parse("2024-12-31", &d));
    assert_int_equal(d, 20241231);
    assert_true(date_parse("31.12.2024", &d));
    assert_int_equal(d, 20241231);
    assert_true(date_parse("1.2.2023", &d));
    assert_int_equal(d, 20230201);
    assert_true(date_parse("29.02.2024", &d));
    assert_int_equal(d, 20240229);
}

static void test_date_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {"31.02.2023", "2023-13-01", "29.02.2023", "2023-02-30", "",
                                      "2023-1-01", "31.12.24", "2024-12-31x", "heute", "00.01.2024",
                                      "2024/12/31", "31-12-2024"};
    ikz_date d;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(date_parse(bad[i], &d));
}

static void test_date_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(date_minus_year(20241231), 20231231);
    assert_int_equal(date_minus_year(20240229), 20230228);
    assert_int_equal(date_to_days(19700101), 0);
    assert_int_equal(date_to_days(20241231), 20088);
    assert_int_equal(date_from_days(20088), 20241231);
    assert_int_equal(date_from_days(-1), 19691231);
    char buf[11];
    date_format_iso(20240301, buf);
    assert_string_equal(buf, "2024-03-01");
    date_format_de(20240301, buf);
    assert_string_equal(buf, "01.03.2024");
}

static void test_money_forms(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int64_t cents;
    } ok[] = {
        {"86000", 8600000},       {"86000.50", 8600050},     {"86.000,50", 8600050},
        {"86 000", 8600000},      {"86,000.50", 8600050},    {"1.234.567", 123456700},
        {"1 234 567,8", 123456780}, {"0,5", 50},             {"86000,5", 8600050},
        {"86.000", 8600000},      {"86,000", 8600000},       {"86000.500", 8600050},
        {" 86000 ", 8600000},     {"86000 EUR", 8600000},    {"86.000,00 \xE2\x82\xAC", 8600000},
        {"86\xC2\xA0" "000", 8600000}, {"-1.500,25", -150025}, {"+12", 1200},
        {"0", 0},                 {"286666,67", 28666667},   {"1.5", 150},
        /* What German and English writers mean, around a leading 0 (issue 21). */
        {"1.000,50", 100050},     {"0,05", 5},               {"0.5", 50},
        {"12.345.678,90", 1234567890}, {"0,50", 50},          {"0.05", 5},
        {"00,5", 50},             {"0", 0},                  {"1.050.000", 105000000},
        /* only zeros: 0 whichever way they are read */
        {"0,000", 0},             {"0.000", 0},              {"0.000,00", 0},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int64_t c = -999;
        if (!money_parse(ok[i].in, &c))
            fail_msg("rejected '%s'", ok[i].in);
        if (c != ok[i].cents)
            fail_msg("'%s' gave %lld cents, expected %lld", ok[i].in, (long long)c, (long long)ok[i].cents);
    }
}

static void test_money_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "abc", "86.000.50,1,2", "1,2,3.4.5", "86000.505", "12.5.2023",
                                      "1.23.456", "86 00", ",5", "5,", "1e5", "--5", "86000,-",
                                      "1.234,567.8", "12 345.678,9x", "1.2345",
                                      /* a leading group of 0, or starting with 0, is no thousands group */
                                      "0,050", "0.500", "00.500", "0.000.500", "0.000,50", "-0,050", "01.000",
                                      "0000.500", "0 500"};
    int64_t c;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (money_parse(bad[i], &c))
            fail_msg("accepted '%s' as %lld", bad[i], (long long)c);
}

/* A leading group starting with 0 before a `.`/`,` group of three digits
 * is both a decimal and a thousands reading; money_ambiguous says so, for
 * the hint. Other invalid amounts are not ambiguous, valid ones neither. */
static void test_money_ambiguous(void **state)
{
    (void)state;
    static const char *const ambiguous[] = {"0,050", "0.500", "00.500", "0.000.500", "0.000,50", "01.000", "0000.500"};
    for (size_t i = 0; i < sizeof ambiguous / sizeof ambiguous[0]; i++)
        if (!money_ambiguous(ambiguous[i]))
            fail_msg("'%s' not ambiguous", ambiguous[i]);
    static const char *const plain[] = {"0 500", "abc", "0,05", "1.000", "86000.500", "1.2345", ""};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        if (money_ambiguous(plain[i]))
            fail_msg("'%s' called ambiguous", plain[i]);
}

static void test_count_and_format(void **state)
{
    (void)state;
    int64_t n;
    assert_true(count_parse(" 9 873", &n));
    assert_int_equal(n, 9873);
    assert_true(count_parse("763 380", &n));
    assert_int_equal(n, 763380);
    assert_false(count_parse("9,5", &n));
    assert_false(count_parse("-3", &n));
    char buf[32];
    money_format(8600050, ',', buf);
    assert_string_equal(buf, "86000,50");
    money_format(-5, '.', buf);
    assert_string_equal(buf, "-0.05");
    assert_true(digits_exact("06431", 5));
    assert_false(digits_exact("0643a", 5));
    assert_false(digits_exact("064310", 5));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_formats),    cmocka_unit_test(test_date_invalid),
        cmocka_unit_test(test_date_arithmetic), cmocka_unit_test(test_money_forms),
        cmocka_unit_test(test_money_invalid),   cmocka_unit_test(test_money_ambiguous),   cmocka_unit_test(test_count_and_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
