/* test_stats.c: the GSL statistics on their own: odd and even n, no value,
 * one value, ties; every expected value worked out by hand. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>

#include <cmocka.h>

#include "stats.h"

#define NEAR(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void test_empty(void **state)
{
    (void)state;
    struct summary s;
    stats_summary(NULL, 0, &s);
    assert_int_equal(s.n, 0);
    assert_true(isnan(s.mean) && isnan(s.median) && isnan(s.sd) && isnan(s.q1) && isnan(s.q3) && isnan(s.min) &&
                isnan(s.max));
}

static void test_one_value(void **state)
{
    (void)state;
    double v[] = {7};
    struct summary s;
    stats_summary(v, 1, &s);
    NEAR(s.mean, 7);
    NEAR(s.median, 7);
    NEAR(s.q1, 7);
    NEAR(s.q3, 7);
    NEAR(s.min, 7);
    NEAR(s.max, 7);
    assert_true(isnan(s.sd)); /* n - 1 = 0: not defined, not 0 */
}

static void test_odd(void **state)
{
    (void)state;
    double v[] = {100, 3, 1, 4, 2}; /* sorted 1 2 3 4 100 */
    struct summary s;
    stats_summary(v, 5, &s);
    NEAR(s.mean, 22);
    NEAR(s.median, 3);
    NEAR(s.q1, 2); /* (n - 1) * 0.25 = 1: the second value */
    NEAR(s.q3, 4);
    NEAR(s.min, 1);
    NEAR(s.max, 100);
    /* deviations -21 -20 -19 -18 78: squares 441 400 361 324 6084 = 7610 */
    NEAR(s.sd, sqrt(7610.0 / 4));
    NEAR(v[0], 1); /* sorted in place, as documented */
}

static void test_even(void **state)
{
    (void)state;
    double v[] = {4, 1, 3, 2};
    struct summary s;
    stats_summary(v, 4, &s);
    NEAR(s.mean, 2.5);
    NEAR(s.median, 2.5);
    NEAR(s.q1, 1.75); /* position 0.75 between 1 and 2 */
    NEAR(s.q3, 3.25); /* position 2.25 between 3 and 4 */
    NEAR(s.sd, sqrt(5.0 / 3));
}

static void test_spearman(void **state)
{
    (void)state;
    double work[16];
    double x[] = {1, 2, 3, 4}, up[] = {10, 20, 30, 40}, down[] = {9, 8, 7, 1}, flat[] = {5, 5, 5, 5};
    NEAR(stats_spearman(x, up, 4, work), 1);
    NEAR(stats_spearman(x, down, 4, work), -1);
    assert_true(isnan(stats_spearman(x, flat, 4, work)));
    assert_true(isnan(stats_spearman(x, up, 1, work)));
    /* Ties get their mean rank: y = 3 3 2 3 has ranks 3 3 1 3;
     * r = -1 / sqrt(5 * 3). */
    double y[] = {3, 3, 2, 3};
    NEAR(stats_spearman(x, y, 4, work), -1 / sqrt(15.0));
}

static void test_histogram(void **state)
{
    (void)state;
    double v[] = {0, 1, 1, 3, 5};
    size_t counts[4];
    assert_int_equal(stats_histogram(v, 5, 4, counts), 0);
    assert_int_equal(counts[0], 1);
    assert_int_equal(counts[1], 2);
    assert_int_equal(counts[2], 0);
    assert_int_equal(counts[3], 1); /* 5 is outside 0..3 and not counted */
}

int main(void)
{
    stats_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),   cmocka_unit_test(test_one_value), cmocka_unit_test(test_odd),
        cmocka_unit_test(test_even),    cmocka_unit_test(test_spearman),  cmocka_unit_test(test_histogram),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
