/* gv100ad_from_csv.c: writes a GV-ISys CSV extract as a GV100AD file in
 * ISO-8859-1 with CRLF, as Destatis published it in older years, with the
 * Gebietsstand given: the tests' register of another Gebietsstand.
 * Usage: gv100ad-from-csv GV-ISYS.csv YYYYMMDD OUT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"

struct out {
    FILE *fp;
    const char *stand;
};

/* Writes s in ISO-8859-1, padded to chars characters. */
static void _put(FILE *fp, const char *s, size_t chars)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n < chars; p++, n++) {
        if ((*p & 0xE0) == 0xC0 && p[1]) { /* two-byte UTF-8: U+0080..U+07FF, Latin-1 up to U+00FF */
            unsigned cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
            fputc(cp <= 0xFF ? (int)cp : '?', fp);
            p++;
        } else {
            fputc(*p, fp);
        }
    }
    for (; n < chars; n++)
        fputc(' ', fp);
}

static void _digits(FILE *fp, const char *s, size_t width)
{
    char buf[32];
    size_t o = 0;
    for (const char *p = s ? s : ""; *p && o < sizeof buf - 1; p++)
        if (*p >= '0' && *p <= '9')
            buf[o++] = *p;
    buf[o] = '\0';
    if (!o) {
        _put(fp, "", width);
        return;
    }
    for (size_t i = o; i < width; i++)
        fputc('0', fp);
    fputs(buf, fp);
}

static enum ikz_status _row(void *ctx, const struct csv_record *rec)
{
    struct out *o = ctx;
    const char *const *f = rec->field;
    const char *satz = f[0];
    bool is60 = strcmp(satz, "60") == 0;
    _put(o->fp, satz, 2);
    _put(o->fp, o->stand, 8);
    _digits(o->fp, f[1], 2); /* land */
    if (strcmp(satz, "10") == 0) {
        _put(o->fp, "", 10);
    } else {
        _put(o->fp, f[2] && *f[2] ? f[2] : "0", 1); /* rb */
        if (strcmp(satz, "20") == 0)
            _put(o->fp, "", 9);
        else {
            _digits(o->fp, f[3], 2); /* kreis */
            if (is60 || strcmp(satz, "50") == 0)
                _digits(o->fp, f[4], 3);
            else
                _put(o->fp, "", 3);
            _put(o->fp, "", 4); /* Gemeindeverband */
        }
    }
    _put(o->fp, f[5], 50);       /* name */
    _put(o->fp, "", 50);         /* seat */
    _put(o->fp, f[6], 2);        /* Textkennzeichen */
    _put(o->fp, "", 4);
    _put(o->fp, "", 11);         /* area */
    if (is60)
        _digits(o->fp, f[7], 11); /* population */
    else
        _put(o->fp, "", 11);
    _put(o->fp, "", 70);
    fputs("\r\n", o->fp);
    return IKZ_OK;
}

int main(int argc, char **argv)
{
    if (argc != 4 || strlen(argv[2]) != 8) {
        fprintf(stderr, "usage: gv100ad-from-csv GV-ISYS.csv YYYYMMDD OUT\n");
        return 64;
    }
    struct findings f;
    findings_init(&f, 10);
    struct csvfile *cf;
    if (csvfile_open(argv[1], argv[1], NULL, &f, &cf) != IKZ_OK)
        return 66;
    static const char *const names[] = {"satzart", "land", "rb", "kreis", "gemeinde", "gemeindename",
                                        "textkennzeichen", "bevoelkerung"};
    static const bool required[] = {true, true, true, true, true, true, true, true};
    struct out o = {fopen(argv[3], "wb"), argv[2]};
    int rc = o.fp && csvfile_bind(cf, names, required, 8) == IKZ_OK && csvfile_each(cf, _row, &o) == IKZ_OK ? 0 : 1;
    csvfile_close(cf);
    if (o.fp && fclose(o.fp) != 0)
        rc = 1;
    findings_free(&f);
    return rc;
}
