/* gv100ad.c: reads GV100AD fixed-width records, see gv100ad.h. */
#include "gv100ad.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "text.h"

/* The last position a Satzart's fields reach: a shorter record lacks a
 * field the job reads. */
static size_t _needed(int satzart)
{
    switch (satzart) {
    case 60: return 150; /* population */
    case 40: return 124; /* Textkennzeichen */
    default: return 72;  /* name */
    }
}

/* Copies characters [from, to] (1-based, inclusive) of a line whose
 * character starts are at[0..n) into out, blanks at the end removed. */
static void _field(const char *s, const size_t *at, size_t n, size_t len, size_t from, size_t to, char *out,
                   size_t outsz)
{
    out[0] = '\0';
    if (from > n)
        return;
    size_t b = at[from - 1], e = to < n ? at[to] : len;
    size_t k = e - b < outsz - 1 ? e - b : outsz - 1;
    memcpy(out, s + b, k);
    out[k] = '\0';
    while (k > 0 && out[k - 1] == ' ')
        out[--k] = '\0';
}

bool gv100ad_detect(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st;
    char head[22];
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && read(fd, head, sizeof head) == (ssize_t)sizeof head;
    close(fd);
    if (!ok || head[1] != '0' || head[0] < '1' || head[0] > '6')
        return false;
    for (size_t i = 2; i < 10; i++)
        if (head[i] < '0' || head[i] > '9')
            return false;
    for (size_t i = 0; i < sizeof head; i++)
        if (head[i] == ';' || head[i] == ',' || head[i] == '\t' || head[i] == '\n')
            return false;
    return true;
}

/* A Gebietsstand YYYYMMDD, or 0 when it is no date. */
static ikz_date _date(const char *s)
{
    ikz_date d;
    char iso[11];
    if (!digits_exact(s, 8))
        return 0;
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    return date_parse(iso, &d) ? d : 0;
}

struct _reader {
    const char *display;
    struct findings *findings;
    enum text_encoding encoding; /* TEXT_ASCII until a line decides */
    ikz_date gebietsstand;
    long gebietsstand_line;
    char *utf8;                  /* the line as UTF-8 */
    size_t utf8_cap;
    size_t *at;                  /* byte offset of each character */
    size_t at_cap;
    bool oom;
};

/* Decodes a line into r->utf8 and the character offsets; false after a
 * finding when the line's bytes do not fit the file's encoding. */
static bool _decode(struct _reader *r, const char *line, size_t len, long lineno, size_t *nchars, size_t *nbytes)
{
    bool ascii = true;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)line[i] < 0x80;
    if (!ascii && r->encoding == TEXT_ASCII)
        r->encoding = text_utf8_valid(line, len) ? TEXT_UTF8 : TEXT_CP1252;
    bool latin1 = !ascii && r->encoding == TEXT_CP1252;
    if (!ascii && r->encoding == TEXT_UTF8 && !text_utf8_valid(line, len)) {
        findings_add(r->findings, FINDING_KODIERUNG, r->display, lineno, NULL, NULL,
                     "die Datei ist bis hier UTF-8, diese Zeile nicht");
        return false;
    }
    size_t need = 2 * len + 1;
    if (need > r->utf8_cap) {
        char *u = realloc(r->utf8, need);
        size_t *a = realloc(r->at, need * sizeof *a);
        if (u)
            r->utf8 = u;
        if (a)
            r->at = a;
        if (!u || !a) {
            r->oom = true;
            return false;
        }
        r->utf8_cap = need;
    }
    size_t o = 0, n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (latin1) { /* ISO-8859-1: each byte is its code point */
            r->at[n++] = o;
            if (c < 0x80) {
                r->utf8[o++] = (char)c;
            } else {
                r->utf8[o++] = (char)(0xC0 | (c >> 6));
                r->utf8[o++] = (char)(0x80 | (c & 0x3F));
            }
        } else {
            if ((c & 0xC0) != 0x80)
                r->at[n++] = o;
            r->utf8[o++] = (char)c;
        }
    }
    r->utf8[o] = '\0';
    *nchars = n;
    *nbytes = o;
    return true;
}

/* Cuts one record into fields and judges its form; 0, or fn's status. */
static enum ikz_status _record(struct _reader *r, const char *line, size_t len, long lineno, gv100ad_record_fn fn, void *ctx)
{
    size_t n, bytes;
    if (!_decode(r, line, len, lineno, &n, &bytes))
        return r->oom ? IKZ_ERR_OSERR : IKZ_OK;
    const char *s = r->utf8;
    /* Blanks after the record's 220 positions (a DOS tool's padding) are
     * no part of it. */
    while (n > GV100AD_RECORD_CHARS && (s[r->at[n - 1]] == ' ' || s[r->at[n - 1]] == '\t'))
        bytes = r->at[--n];
    char satz[3], stand[9], land[3], rb[2], kreis[3], gemeinde[4], name[256], tk[3], bev[16];
    _field(s, r->at, n, bytes, 1, 2, satz, sizeof satz);
    int satzart = digits_exact(satz, 2) ? atoi(satz) : -1;
    if (satzart < 10 || satzart > 60 || satzart % 10 != 0) {
        findings_add(r->findings, FINDING_REGISTER_SATZ_UNGUELTIG, r->display, lineno, "satzart (Stellen 1-2)", satz,
                     "erwartet 10, 20, 30, 40, 50 oder 60");
        return IKZ_OK;
    }
    if (n > GV100AD_RECORD_CHARS || n < _needed(satzart)) {
        char detail[96];
        snprintf(detail, sizeof detail, "%zu Zeichen, erwartet %s %d", n, n > GV100AD_RECORD_CHARS ? "höchstens" : "mindestens",
                 n > GV100AD_RECORD_CHARS ? GV100AD_RECORD_CHARS : (int)_needed(satzart));
        findings_add(r->findings, FINDING_REGISTER_SATZ_UNGUELTIG, r->display, lineno, "satzlaenge", NULL, "%s", detail);
        return IKZ_OK;
    }
    _field(s, r->at, n, bytes, 3, 10, stand, sizeof stand);
    ikz_date d = _date(stand);
    if (!d) {
        findings_add(r->findings, FINDING_REGISTER_GEBIETSSTAND, r->display, lineno, "gebietsstand (Stellen 3-10)",
                     stand, "erwartet JJJJMMTT");
        return IKZ_OK;
    }
    if (!r->gebietsstand) {
        r->gebietsstand = d;
        r->gebietsstand_line = lineno;
    } else if (d != r->gebietsstand) {
        findings_add(r->findings, FINDING_REGISTER_GEBIETSSTAND, r->display, lineno, "gebietsstand (Stellen 3-10)",
                     stand, "Zeile %ld hat %08d", r->gebietsstand_line, (int)r->gebietsstand);
        return IKZ_OK;
    }
    _field(s, r->at, n, bytes, 11, 12, land, sizeof land);
    _field(s, r->at, n, bytes, 13, 13, rb, sizeof rb);
    _field(s, r->at, n, bytes, 14, 15, kreis, sizeof kreis);
    _field(s, r->at, n, bytes, 16, 18, gemeinde, sizeof gemeinde);
    _field(s, r->at, n, bytes, 23, 72, name, sizeof name);
    if (!text_xml_safe(name, strlen(name))) {
        /* The name goes into the workbook's XML, which cannot hold it. */
        findings_add(r->findings, FINDING_KODIERUNG, r->display, lineno, "name (Stellen 23-72)", NULL,
                     "ein Steuerzeichen, U+FFFE oder U+FFFF im Namen");
        return IKZ_OK;
    }
    _field(s, r->at, n, bytes, 123, 124, tk, sizeof tk);
    _field(s, r->at, n, bytes, 140, 150, bev, sizeof bev);
    struct gv_record rec = {satzart, land, rb, kreis, gemeinde, name, tk, bev, lineno};
    return fn(ctx, &rec);
}

enum ikz_status gv100ad_read(const char *path, const char *display, gv100ad_record_fn fn, void *ctx,
                             ikz_date *gebietsstand, struct input_file_info *info, struct findings *findings,
                             struct ikz_error *err)
{
    memset(info, 0, sizeof *info);
    *gebietsstand = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        int e = fd < 0 ? errno : 0;
        if (fd >= 0)
            close(fd);
        return ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: %s", path, e ? strerror(e) : "not a regular file");
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FILE *fp = fdopen(fd, "rb");
    struct digest *dg = digest_new();
    if (!fp || !dg) {
        if (fp)
            fclose(fp);
        else
            close(fd);
        digest_free(dg);
        return IKZ_ERR_OSERR;
    }
    struct _reader r = {.display = display, .findings = findings, .encoding = TEXT_ASCII};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0, blank_from = 0; /* the first of the blank lines just read, or 0 */
    enum ikz_status stop = IKZ_OK;
    while (!stop && (got = getline(&line, &cap, fp)) > 0) {
        digest_update(dg, line, (size_t)got);
        info->bytes += (uint64_t)got;
        lineno++;
        size_t len = (size_t)got;
        if (len && line[len - 1] == '\n')
            len--;
        if (len && line[len - 1] == '\r')
            len--;
        /* Empty lines, blanks or a DOS end-of-file mark (^Z) at the end of
         * the file are what Destatis files and DOS tools leave there; only
         * when something follows are they records, and each a finding. (A
         * NUL stops strspn: such a line is never blank.) */
        if (strspn(line, " \t\x1A") >= len) {
            if (!blank_from)
                blank_from = lineno;
            continue;
        }
        for (long b = blank_from; b && b < lineno && !stop; b++) {
            info->rows++;
            stop = _record(&r, "", 0, b, fn, ctx);
        }
        blank_from = 0;
        if (stop)
            break;
        if (memchr(line, '\0', len)) {
            findings_add(findings, FINDING_KODIERUNG, display, lineno, NULL, NULL, "NUL-Byte im Satz");
            continue;
        }
        info->rows++;
        stop = _record(&r, line, len, lineno, fn, ctx);
    }
    bool failed = ferror(fp) != 0;
    free(line);
    fclose(fp);
    free(r.utf8);
    free(r.at);
    digest_final(dg, info->sha256);
    digest_free(dg);
    info->encoding = r.encoding;
    if (failed)
        return ikz_fail(err, IKZ_ERR_IO, "cannot read %s: %s", display, strerror(errno));
    if (stop)
        return stop;
    if (info->rows == 0)
        findings_add(findings, FINDING_DATEI_LEER, display, 0, NULL, NULL, "keine Sätze");
    *gebietsstand = r.gebietsstand;
    return IKZ_OK;
}
