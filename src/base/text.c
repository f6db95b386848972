/* text.c: encoding detection and conversion, and small string helpers,
 * see text.h. */
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Windows-1252 0x80..0x9F as Unicode code points; 0 marks the five bytes
 * the code page leaves undefined. 0xA0..0xFF equal Latin-1. */
static const unsigned short _cp1252_high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

const char *text_encoding_name(enum text_encoding encoding)
{
    switch (encoding) {
    case TEXT_ASCII: return "ASCII";
    case TEXT_UTF8: return "UTF-8";
    case TEXT_CP1252: return "Windows-1252";
    }
    return "?";
}

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), or 0. */
static size_t _utf8_seq(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* no overlongs */
        if (c == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90;
        if (c == 0xF4)
            hi = 0x8F;
    } else {
        return 0;
    }
    if (n < len || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    return len;
}

bool text_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t k = _utf8_seq(p + i, len - i);
        if (k == 0)
            return false;
        i += k;
    }
    return true;
}

bool text_xml_safe(const char *s, size_t len)
{
    if (!text_utf8_valid(s, len))
        return false;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
            return false;
        if (p[i] == 0xEF && i + 2 < len && p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF))
            return false; /* U+FFFE, U+FFFF */
    }
    return true;
}

static size_t _put_utf8(unsigned cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

static long _from_cp1252(const unsigned char *in, size_t len, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned cp = in[i];
        if (cp >= 0x80 && cp < 0xA0) {
            cp = _cp1252_high[cp - 0x80];
            if (cp == 0)
                return -1;
        }
        o += _put_utf8(cp, out + o);
    }
    out[o] = '\0';
    return (long)o;
}

long text_decode(struct text_decoder *dec, const char *in, size_t len, char *out)
{
    const unsigned char *p = (const unsigned char *)in;
    size_t i = 0;
    /* One pass finds both what needs decoding and a NUL byte. */
    while (i < len && p[i] < 0x80 && p[i] != 0)
        i++;
    if (i < len && p[i] == 0)
        return TEXT_DECODE_NUL;
    if (i < len && memchr(p + i, 0, len - i))
        return TEXT_DECODE_NUL;
    if (i < len) { /* the field has non-ASCII bytes */
        if (dec->encoding == TEXT_ASCII)
            dec->encoding = (dec->bom || text_utf8_valid(in + i, len - i)) ? TEXT_UTF8 : TEXT_CP1252;
        if (dec->encoding == TEXT_CP1252) {
            /* Windows-1252 text almost never forms multi-byte UTF-8 (a lead
             * byte C2..F4 followed by continuation bytes): if a field does,
             * the file mixes encodings and would show "MÃ¶rlenbach". */
            if (text_utf8_valid(in + i, len - i))
                return TEXT_DECODE_MIXED;
            return _from_cp1252(p, len, out);
        }
        if (!text_utf8_valid(in + i, len - i))
            return TEXT_DECODE_MIXED;
    }
    memcpy(out, in, len);
    out[len] = '\0';
    return (long)len;
}

static size_t _blank_prefix(const char *s)
{
    if (*s == ' ' || *s == '\t')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

size_t text_trim_n(char *s, size_t len)
{
    size_t start = 0, k;
    while (start < len && (k = _blank_prefix(s + start)) > 0)
        start += k;
    if (start > 0) {
        memmove(s, s + start, len - start + 1);
        len -= start;
    }
    while (len > 0) {
        if (s[len - 1] == ' ' || s[len - 1] == '\t')
            len--;
        else if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
            len -= 2;
        else
            break;
    }
    s[len] = '\0';
    return len;
}

char *text_trim(char *s)
{
    text_trim_n(s, strlen(s));
    return s;
}

/* Folds ASCII A-Z and the Latin-1 capitals (U+00C0..U+00DE but for the
 * multiplication sign, so Ä Ö Ü) to lower case; enough for German labels. */
static unsigned _fold(const unsigned char **p)
{
    unsigned c = **p;
    (*p)++;
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c == 0xC3 && **p >= 0x80 && **p <= 0x9E && **p != 0x97) {
        unsigned next = *(*p)++;
        return 0xC300 | (next + 0x20);
    }
    if (c == 0xC3 && **p) {
        unsigned next = *(*p)++;
        return 0xC300 | next;
    }
    return c;
}

bool text_equal_nocase(const char *a, const char *b)
{
    const unsigned char *pa = (const unsigned char *)a, *pb = (const unsigned char *)b;
    for (;;) {
        unsigned ca = _fold(&pa), cb = _fold(&pb);
        if (ca != cb)
            return false;
        if (ca == 0)
            return true;
    }
}

/* UTF-16 units of the character whose UTF-8 lead byte is c: a
 * continuation byte adds nothing, a 4-byte lead a surrogate pair. */
static size_t _utf16_units(unsigned char c) { return (c & 0xC0) == 0x80 ? 0 : c >= 0xF0 ? 2 : 1; }

size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

size_t text_utf16_units(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += _utf16_units((unsigned char)*s);
    return n;
}

size_t text_utf16_prefix(const char *s, size_t max_units)
{
    size_t n = 0, i = 0;
    for (; s[i]; i++) {
        size_t u = _utf16_units((unsigned char)s[i]);
        if (u && n + u > max_units)
            break; /* s[i] starts a character that no longer fits */
        n += u;
    }
    return i;
}

void text_escape(const char *s, char *out, size_t outsz, size_t max_chars)
{
    size_t o = 0, i = 0;
    if (outsz == 0)
        return;
    for (; s[i] && i < max_chars; i++) {
        unsigned char c = (unsigned char)s[i];
        char tmp[8];
        const char *piece = tmp;
        size_t seq = c >= 0x80 ? _utf8_seq((const unsigned char *)s + i, strnlen(s + i, 4)) : 1;
        if (seq > 1) { /* a whole, valid UTF-8 character */
            if (o + seq + 1 >= outsz)
                break;
            memcpy(out + o, s + i, seq);
            o += seq;
            i += seq - 1;
            continue;
        }
        if (c >= 0x80) /* not UTF-8: shown as its byte, so messages stay valid UTF-8 */
            snprintf(tmp, sizeof tmp, "\\x%02X", c);
        else if (c == '\n')
            piece = "\\n";
        else if (c == '\r')
            piece = "\\r";
        else if (c == '\t')
            piece = "\\t";
        else if (c < 0x20 || c == 0x7F)
            snprintf(tmp, sizeof tmp, "\\x%02X", c);
        else {
            tmp[0] = (char)c;
            tmp[1] = '\0';
        }
        size_t k = strlen(piece);
        if (o + k + 1 >= outsz)
            break;
        memcpy(out + o, piece, k);
        o += k;
    }
    if (s[i] && o + 4 < outsz) { /* whole characters were copied: no half sequence */
        memcpy(out + o, "\xE2\x80\xA6", 3);
        o += 3;
    }
    out[o] = '\0';
}

char *text_path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}
