/* values.h: parsing and formatting the values found in the exports.
 *
 * Dates are kept as an int32 yyyymmdd (20241231): it compares like a date,
 * prints without a calendar library and needs no time zone. Money is kept
 * as int64 cents, never as floating point. All functions are pure. */
#ifndef IKZ_VALUES_H
#define IKZ_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t ikz_date; /* yyyymmdd; 0 means none */

/* Parses YYYY-MM-DD or D.M.YYYY / DD.MM.YYYY (years 1000..9999) into *out.
 * False unless the date exists in the Gregorian calendar. */
bool date_parse(const char *s, ikz_date *out);
bool date_valid(int year, int month, int day);
ikz_date date_make(int year, int month, int day);
static inline int date_year(ikz_date d) { return d / 10000; }

/* The same day one year earlier; 29 February becomes 28 February. */
ikz_date date_minus_year(ikz_date d);

/* Days since 1970-01-01 (may be negative) and back. */
long date_to_days(ikz_date d);
ikz_date date_from_days(long days);

/* "2024-12-31" and "31.12.2024"; out needs 11 bytes. */
void date_format_iso(ikz_date d, char out[11]);
void date_format_de(ikz_date d, char out[11]);

/* Parses an amount in euros into cents. Accepts an optional sign, blanks
 * (also no-break spaces) and `.`, `,` as grouping or decimal separators:
 * 86000, 86000.50, 86.000,50, 86,000.50, 86 000, 1.234.567; a trailing
 * "€" or "EUR" is allowed. A single separator followed by exactly three
 * digits is grouping (money has at most two decimals): 86.000 is 86000.
 * More than two decimals are accepted only when the extra digits are 0.
 * A leading group that is 0 or starts with 0 is no thousands group:
 * before a `.` or `,` and three digits (0,050 0.500 00.500 0.000.500) it
 * could be either reading, so it is false, not a guess (money_ambiguous);
 * 0,05 and 0.5 are decimals as before.
 * False for anything else, including an empty string. */
bool money_parse(const char *s, int64_t *cents);

/* True if money_parse rejects s because a leading group starting with 0
 * stands before a `.`/`,` group of three digits: a thousands and a decimal
 * reading would both fit, for the finding's hint. */
bool money_ambiguous(const char *s);

#define MONEY_NONE INT64_MIN /* an amount not given */

/* The largest amount an export may give: one billion euros. IKZ grants are
 * tens of thousands; the bound keeps every sum exact, since 92 million
 * projects at the bound still fit in int64_t cents. */
#define MONEY_MAX_CENTS INT64_C(100000000000)

/* Parses a whole number written like an amount (" 9 873", "9.873"). */
bool count_parse(const char *s, int64_t *out);

/* Formats cents as "86000.50" (sep '.') or "86000,50" (sep ','), no grouping;
 * out needs 32 bytes. */
void money_format(int64_t cents, char sep, char out[32]);

/* True if s is exactly n ASCII digits. */
bool digits_exact(const char *s, size_t n);

#endif
