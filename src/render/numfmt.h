/* numfmt.h: numbers written for German readers (press text, widths).
 *
 * 2.410 with a thousands dot, 5,4 with a decimal comma, money in whole
 * euros. Pure functions, independent of the process locale. */
#ifndef IKZ_NUMFMT_H
#define IKZ_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* "2.410", "-3"; out needs 32 bytes. */
void numfmt_int(int64_t v, char *out, size_t outsz);

/* v rounded to `decimals` places (half away from zero), German form with
 * thousands dots: "5,4", "1.234,5"; "-0" is written "0". */
void numfmt_real(double v, int decimals, char *out, size_t outsz);

/* Cents as whole euros, rounded half away from zero: "86.000". */
void numfmt_euro(int64_t cents, char *out, size_t outsz);

/* Money rounded for prose (docs/definitions.md): below 10 EUR whole euros,
 * below 1,000 to 10, below 10,000 to 100, below a million to 1,000
 * ("86.000"), and what rounds to a million or more to a tenth of a million
 * with the word ("34,6 Millionen", "1,0 Millionen" for 999.500). A
 * negative amount has the minus sign U+2212. */
void numfmt_euro_rounded(int64_t cents, char *out, size_t outsz);

#endif
