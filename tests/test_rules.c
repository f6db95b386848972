/* test_rules.c: the judgements of check/rules.h as a table of cases:
 * the value as read, whether it is valid, the finding code if not, and
 * the value it yields. Each edge of docs/findings.md is a row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rules.h"

static void test_amount(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        bool required, ok;
        enum finding_code code;
        int64_t cents;
    } cases[] = {
        {"86.000", true, true, 0, 8600000},
        {"12,5", true, true, 0, 1250},
        {"0", true, true, 0, 0},
        {"", false, true, 0, MONEY_NONE},
        {"", true, false, FINDING_PFLICHTFELD_LEER, MONEY_NONE},
        {NULL, true, false, FINDING_PFLICHTFELD_LEER, MONEY_NONE},
        {"zwölf", true, false, FINDING_BETRAG_UNGUELTIG, 0},
        {"12,345", true, true, 0, 1234500}, /* one separator and three digits: grouping */
        {"12,3456", true, false, FINDING_BETRAG_UNGUELTIG, 0},
        {"0,050", true, false, FINDING_BETRAG_UNGUELTIG, 0}, /* 5 cents or 50 euros: a finding, no guess */
        {"0.500", true, false, FINDING_BETRAG_UNGUELTIG, 0},
        {"0,05", true, true, 0, 5},
        {"0.5", true, true, 0, 50},
        {"-1", true, false, FINDING_BETRAG_NEGATIV, 0},
        {"-0,01", true, false, FINDING_BETRAG_NEGATIV, 0},
        {"1.000.000.000,00", true, true, 0, MONEY_MAX_CENTS}, /* the bound itself */
        {"1.000.000.000,01", true, false, FINDING_BETRAG_ZU_GROSS, 0},
        {"90.000.000.000.000.000", true, false, FINDING_BETRAG_ZU_GROSS, 0}, /* two of these overflowed a sum */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t cents;
        struct rule_result why = {0};
        bool ok = rule_amount(cases[i].v, cases[i].required, &cents, &why);
        if (ok != cases[i].ok || (!ok && why.code != cases[i].code) || (ok && cents != cases[i].cents))
            fail_msg("amount '%s': ok %d code %d cents %lld", cases[i].v ? cases[i].v : "(null)", ok, why.code,
                     (long long)cents);
    }
}

static void test_date(void **state)
{
    (void)state;
    ikz_date d;
    struct rule_result why;
    assert_true(rule_date("2024-12-31", true, &d, &why));
    assert_int_equal(d, 20241231);
    assert_true(rule_date("31.12.2024", true, &d, &why));
    assert_int_equal(d, 20241231);
    assert_true(rule_date("", false, &d, &why));
    assert_int_equal(d, 0);
    assert_false(rule_date("", true, &d, &why));
    assert_int_equal(why.code, FINDING_PFLICHTFELD_LEER);
    assert_false(rule_date("2024-02-30", true, &d, &why));
    assert_int_equal(why.code, FINDING_DATUM_UNGUELTIG);
}

/* Revoked on the day of approval is valid, the day before is not;
 * savings equal to the costs are valid, a cent more is not. */
static void test_cross_field(void **state)
{
    (void)state;
    struct rule_result why;
    assert_true(rule_revocation(20230101, 20230101, &why));
    assert_false(rule_revocation(20230101, 20221231, &why));
    assert_int_equal(why.code, FINDING_WIDERRUF_VOR_BEWILLIGUNG);
    assert_true(rule_revocation(20230101, 0, &why));
    assert_true(rule_savings(10000, 10000, &why));
    assert_false(rule_savings(10000, 10001, &why));
    assert_int_equal(why.code, FINDING_EINSPARUNG_UEBER_KOSTEN);
    assert_true(rule_savings(MONEY_NONE, 10001, &why));
    assert_true(rule_savings(10000, MONEY_NONE, &why));
}

static void test_role(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        bool ok, lead;
    } cases[] = {
        {"federfuehrend", true, true}, {"Federführend", true, true}, {"FEDERFUEHREND", true, true},
        {"beteiligt", true, false},    {"Beteiligt", true, false},   {"lead", false, false},
        {"", false, false},            {NULL, false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool lead;
        struct rule_result why = {0};
        bool ok = rule_role(cases[i].v, &lead, &why);
        if (ok != cases[i].ok || lead != cases[i].lead || (!ok && why.code != FINDING_ROLLE_UNGUELTIG))
            fail_msg("role '%s': ok %d lead %d", cases[i].v ? cases[i].v : "(null)", ok, lead);
    }
}

static void test_einwohner(void **state)
{
    (void)state;
    int64_t n;
    struct rule_result why;
    assert_true(rule_einwohner("9873", &n, &why));
    assert_int_equal(n, 9873);
    assert_true(rule_einwohner("0", &n, &why));
    assert_false(rule_einwohner("-5", &n, &why));
    assert_int_equal(why.code, FINDING_EINWOHNER_UNGUELTIG);
    assert_false(rule_einwohner(NULL, &n, &why));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount), cmocka_unit_test(test_date), cmocka_unit_test(test_cross_field),
        cmocka_unit_test(test_role),   cmocka_unit_test(test_einwohner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
