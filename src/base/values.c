/* values.c: dates and amounts, see values.h. */
#include "values.h"

#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------------- */
/* Dates                                                                   */

static bool _leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int _days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && _leap(y) ? 29 : days[m - 1];
}

bool date_valid(int year, int month, int day)
{
    return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= _days_in_month(year, month);
}

ikz_date date_make(int year, int month, int day) { return year * 10000 + month * 100 + day; }

/* Reads exactly between min and max digits at *p; advances *p. */
static bool _digits(const char **p, int min, int max, int *out)
{
    int v = 0, n = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *out = v;
    return n >= min;
}

bool date_parse(const char *s, ikz_date *out)
{
    int y, m, d;
    const char *p = s;
    if (strlen(s) >= 10 && s[4] == '-') {
        if (!_digits(&p, 4, 4, &y) || *p++ != '-' || !_digits(&p, 2, 2, &m) || *p++ != '-' ||
            !_digits(&p, 2, 2, &d))
            return false;
    } else {
        if (!_digits(&p, 1, 2, &d) || *p++ != '.' || !_digits(&p, 1, 2, &m) || *p++ != '.' ||
            !_digits(&p, 4, 4, &y))
            return false;
    }
    if (*p != '\0' || !date_valid(y, m, d))
        return false;
    *out = date_make(y, m, d);
    return true;
}

ikz_date date_minus_year(ikz_date d)
{
    int y = d / 10000 - 1, m = d / 100 % 100, day = d % 100;
    if (m == 2 && day == 29 && !_leap(y))
        day = 28;
    return date_make(y, m, day);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long date_to_days(ikz_date d)
{
    long y = d / 10000, m = d / 100 % 100, day = d % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

ikz_date date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    return date_make((int)(y + (m <= 2)), (int)m, (int)d);
}

/* Unsigned parts keep the compiler sure that each fits its width. */
void date_format_iso(ikz_date d, char out[11])
{
    unsigned u = (unsigned)d;
    snprintf(out, 11, "%04u-%02u-%02u", u / 10000 % 10000, u / 100 % 100, u % 100);
}

void date_format_de(ikz_date d, char out[11])
{
    unsigned u = (unsigned)d;
    snprintf(out, 11, "%02u.%02u.%04u", u % 100, u / 100 % 100, u / 10000 % 10000);
}

/* ---------------------------------------------------------------------- */
/* Amounts                                                                 */

/* Length of a blank at s (space, tab, U+00A0, U+202F, U+2009), else 0. */
static size_t _blank_len(const unsigned char *s)
{
    if (s[0] == ' ' || s[0] == '\t')
        return 1;
    if (s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xAF || s[2] == 0x89))
        return 3;
    return 0;
}

#define MAX_GROUPS 16

static void _rstrip_blanks(char *buf, size_t *len)
{
    for (;;) {
        if (*len >= 1 && (buf[*len - 1] == ' ' || buf[*len - 1] == '\t'))
            *len -= 1;
        else if (*len >= 2 && _blank_len((const unsigned char *)buf + *len - 2) == 2)
            *len -= 2;
        else if (*len >= 3 && _blank_len((const unsigned char *)buf + *len - 3) == 3)
            *len -= 3;
        else
            break;
        buf[*len] = '\0';
    }
}

/* money_parse and money_ambiguous: *ambiguous is set when the amount is
 * rejected for a leading 0 before a three-digit `.`/`,` group. */
static bool _money_parse(const char *s, int64_t *cents, bool *ambiguous)
{
    *ambiguous = false;
    /* Strip surrounding blanks and a currency suffix, then tokenise into
     * digit groups and the separators between them. */
    char buf[64];
    size_t len = strlen(s);
    if (len >= sizeof buf)
        return false;
    memcpy(buf, s, len + 1);
    _rstrip_blanks(buf, &len);
    if (len >= 3 && (strcmp(buf + len - 3, "EUR") == 0 || strcmp(buf + len - 3, "\xE2\x82\xAC") == 0)) {
        buf[len -= 3] = '\0';
        _rstrip_blanks(buf, &len);
    }
    const unsigned char *p = (const unsigned char *)buf;
    size_t k;
    while ((k = _blank_len(p)) > 0)
        p += k;
    bool negative = false;
    if (*p == '-' || *p == '+') {
        negative = *p == '-';
        p++;
    }

    const char *group[MAX_GROUPS];
    size_t glen[MAX_GROUPS];
    char sep[MAX_GROUPS]; /* sep[i] stands before group[i]; ' ' for any blank */
    size_t ng = 0;
    char pending = 0;
    while (*p) {
        if (*p >= '0' && *p <= '9') {
            if (ng == MAX_GROUPS)
                return false;
            size_t n = 0;
            while (p[n] >= '0' && p[n] <= '9')
                n++;
            group[ng] = (const char *)p;
            glen[ng] = n;
            sep[ng++] = pending;
            p += n;
            pending = 0;
            continue;
        }
        char this_sep;
        if (*p == '.' || *p == ',') {
            this_sep = (char)*p++;
        } else if ((k = _blank_len(p)) > 0) {
            this_sep = ' ';
            p += k;
        } else {
            return false;
        }
        if (ng == 0 || pending)
            return false; /* a separator first, or two in a row */
        pending = this_sep;
    }
    if (ng == 0 || pending)
        return false;

    /* 0,050 is 5 cents to an English writer's three decimals and 50 euros
     * to a German's thousands point; 0.500 and 00.500 the same. Nobody
     * groups a number whose leading group is 0 (or starts with 0), so such
     * a group before three digits is a finding, not a guess. 0,05 and 0.5
     * have no thousands reading and stay decimals; 0,000 and 0.000,00 are
     * 0 whichever way they are read. */
    bool all_zero = true;
    for (size_t i = 0; i < ng && all_zero; i++)
        for (size_t j = 0; j < glen[i] && all_zero; j++)
            all_zero = group[i][j] == '0';
    if (all_zero && ng <= 3) {
        *cents = 0;
        return true;
    }
    if (ng > 1 && group[0][0] == '0' && (sep[1] == '.' || sep[1] == ',') && glen[1] == 3) {
        *ambiguous = true;
        return false;
    }

    /* Which separator, if any, is the decimal one? */
    size_t int_groups = ng; /* groups before the decimal separator */
    char last = ng > 1 ? sep[ng - 1] : 0;
    if (last == '.' || last == ',') {
        bool same_before = false, other_before = false;
        for (size_t i = 1; i + 1 < ng; i++) {
            if (sep[i] == last)
                same_before = true;
            else if (sep[i] == '.' || sep[i] == ',')
                other_before = true;
        }
        if (glen[ng - 1] != 3 || other_before)
            int_groups = ng - 1;
        else if (!same_before && glen[0] > 3)
            int_groups = ng - 1; /* 86000.500: a decimal with three digits */
    }
    /* Grouping: one separator kind, first group 1..3 digits, then threes. */
    char grouping = int_groups > 1 ? sep[1] : 0;
    for (size_t i = 1; i < int_groups; i++)
        if (sep[i] != grouping || glen[i] != 3 || glen[0] > 3 || glen[0] == 0 || group[0][0] == '0')
            return false; /* group[0][0]: "0 500", a blank after a leading 0 */
    if (int_groups < ng && grouping == sep[ng - 1])
        return false;

    int64_t euros = 0;
    for (size_t i = 0; i < int_groups; i++)
        for (size_t j = 0; j < glen[i]; j++) {
            if (euros > (INT64_MAX / 100 - 9) / 10)
                return false;
            euros = euros * 10 + (group[i][j] - '0');
        }
    int64_t frac = 0;
    if (int_groups < ng) {
        const char *d = group[ng - 1];
        size_t n = glen[ng - 1];
        for (size_t j = 2; j < n; j++)
            if (d[j] != '0')
                return false; /* fractions of a cent */
        frac = (d[0] - '0') * 10 + (n > 1 ? d[1] - '0' : 0);
    }
    int64_t v = euros * 100 + frac;
    *cents = negative ? -v : v;
    return true;
}

bool money_parse(const char *s, int64_t *cents)
{
    bool ambiguous;
    return _money_parse(s, cents, &ambiguous);
}

bool money_ambiguous(const char *s)
{
    int64_t cents;
    bool ambiguous;
    return !_money_parse(s, &cents, &ambiguous) && ambiguous;
}

bool count_parse(const char *s, int64_t *out)
{
    int64_t cents;
    if (!money_parse(s, &cents) || cents % 100 != 0 || cents < 0)
        return false;
    *out = cents / 100;
    return true;
}

void money_format(int64_t cents, char sep, char out[32])
{
    uint64_t a = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    snprintf(out, 32, "%s%llu%c%02llu", cents < 0 ? "-" : "", (unsigned long long)(a / 100), sep,
             (unsigned long long)(a % 100));
}

bool digits_exact(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return s[n] == '\0';
}
