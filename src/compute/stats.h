/* stats.h: the statistics, computed with the GNU Scientific Library.
 *
 * Pure functions: numbers in, numbers out, no I/O. A statistic that is not
 * defined for the input (the mean of nothing, the standard deviation of one
 * value, the correlation of a constant) is NaN; the renderers write NaN as
 * an empty cell on purpose, never as 0. Call stats_init() once before use. */
#ifndef IKZ_STATS_H
#define IKZ_STATS_H

#include <stddef.h>

#include "status.h"

/* Turns off GSL's default error handler, which would abort(). */
void stats_init(void);

struct summary {
    size_t n;
    double mean;
    double median;
    double sd;      /* sample standard deviation (n - 1); NaN for n < 2 */
    double q1, q3;  /* quantiles 0.25 and 0.75, linear interpolation (GSL) */
    double min, max;
};

/* Summarises values[0..n). Sorts values in place (that is the precondition
 * GSL's median and quantiles need). All fields NaN when n == 0. */
void stats_summary(double *values, size_t n, struct summary *out);

/* Spearman's rank correlation of x and y (n pairs; ties get mean ranks).
 * work needs 2 * n doubles. NaN for n < 2 or a constant variable. */
double stats_spearman(const double *x, const double *y, size_t n, double *work);

/* Counts how many of values[0..n) fall on each whole number 0..nbins-1
 * (a GSL histogram with unit bins centred on the integers); values outside
 * are not counted. counts needs nbins entries. Returns IKZ_OK, or
 * IKZ_ERR_OSERR if GSL could not allocate the histogram. */
enum ikz_status stats_histogram(const double *values, size_t n, size_t nbins, size_t *counts);

#endif
