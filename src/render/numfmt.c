/* numfmt.c: German number forms, see numfmt.h. */
#include "numfmt.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Inserts a dot every three digits into the digit string s (no sign). */
static void _group(const char *digits, char *out, size_t outsz)
{
    size_t n = strlen(digits), o = 0;
    for (size_t i = 0; i < n && o + 2 < outsz; i++) {
        out[o++] = digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            out[o++] = '.';
    }
    out[o] = '\0';
}

void numfmt_int(int64_t v, char *out, size_t outsz)
{
    char digits[32], grouped[48];
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)a);
    _group(digits, grouped, sizeof grouped);
    snprintf(out, outsz, "%s%s", v < 0 ? "-" : "", grouped);
}

void numfmt_real(double v, int decimals, char *out, size_t outsz)
{
    double scale = pow(10.0, decimals);
    double r = round(fabs(v) * scale); /* round() is half away from zero */
    bool negative = v < 0 && r > 0;
    double whole = floor(r / scale);
    char digits[64], grouped[96];
    snprintf(digits, sizeof digits, "%.0f", whole);
    _group(digits, grouped, sizeof grouped);
    if (decimals > 0) {
        char frac[32];
        snprintf(frac, sizeof frac, "%0*.0f", decimals, r - whole * scale);
        snprintf(out, outsz, "%s%s,%s", negative ? "-" : "", grouped, frac);
    } else {
        snprintf(out, outsz, "%s%s", negative ? "-" : "", grouped);
    }
}

void numfmt_euro(int64_t cents, char *out, size_t outsz)
{
    int64_t euros = cents >= 0 ? (cents + 50) / 100 : -((-cents + 50) / 100);
    numfmt_int(euros, out, outsz);
}

void numfmt_euro_rounded(int64_t cents, char *out, size_t outsz)
{
    int64_t a = cents < 0 ? -cents : cents;
    const char *sign = cents < 0 ? "\xE2\x88\x92" : ""; /* U+2212, the minus sign of print */
    char buf[48];
    /* Round first, then choose the unit: 999,500 EUR rounds to a million
     * and is "1,0 Millionen", never "1.000.000". Below 10 EUR whole euros,
     * below 1,000 to 10, below 10,000 to 100, below a million to 1,000:
     * a small amount never rounds to nothing. (In cents.) */
    int64_t step = a < 1000 ? 100 : a < 100000 ? 1000 : a < 1000000 ? 10000 : 100000;
    int64_t rounded = (a + step / 2) / step * step;
    if (rounded >= 100000000) { /* from 1,000,000 EUR (100,000,000 cents) on */
        numfmt_real((double)a / 1e8, 1, buf, sizeof buf);
        snprintf(out, outsz, "%s%s Millionen", sign, buf);
        return;
    }
    numfmt_euro(rounded, buf, sizeof buf);
    snprintf(out, outsz, "%s%s", sign, buf);
}
