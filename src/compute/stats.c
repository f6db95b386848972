/* stats.c: GSL behind the pure interface of stats.h. */
#include "stats.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_histogram.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>

void stats_init(void) { gsl_set_error_handler_off(); }

void stats_summary(double *values, size_t n, struct summary *out)
{
    out->n = n;
    out->mean = out->median = out->sd = out->q1 = out->q3 = out->min = out->max = NAN;
    if (n == 0)
        return;
    gsl_sort(values, 1, n);
    out->mean = gsl_stats_mean(values, 1, n);
    out->median = gsl_stats_median_from_sorted_data(values, 1, n);
    out->q1 = gsl_stats_quantile_from_sorted_data(values, 1, n, 0.25);
    out->q3 = gsl_stats_quantile_from_sorted_data(values, 1, n, 0.75);
    out->min = values[0];
    out->max = values[n - 1];
    if (n >= 2)
        out->sd = gsl_stats_sd_m(values, 1, n, out->mean);
}

double stats_spearman(const double *x, const double *y, size_t n, double *work)
{
    if (n < 2)
        return NAN;
    double r = gsl_stats_spearman(x, 1, y, 1, n, work);
    return isfinite(r) ? r : NAN;
}

enum ikz_status stats_histogram(const double *values, size_t n, size_t nbins, size_t *counts)
{
    gsl_histogram *h = gsl_histogram_alloc(nbins);
    if (!h)
        return IKZ_ERR_OSERR;
    gsl_histogram_set_ranges_uniform(h, -0.5, (double)nbins - 0.5);
    for (size_t i = 0; i < n; i++)
        gsl_histogram_increment(h, values[i]); /* out of range: ignored (error handler is off) */
    for (size_t b = 0; b < nbins; b++)
        counts[b] = (size_t)gsl_histogram_get(h, b);
    gsl_histogram_free(h);
    return IKZ_OK;
}
