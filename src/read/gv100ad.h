/* gv100ad.h: the municipality register as Destatis publishes it, GV100AD.
 *
 * One fixed-width record per line, 220 characters: Satzart (10 Land, 20
 * Regierungsbezirk, 30 Region, 40 Kreis, 50 Gemeindeverband, 60 Gemeinde),
 * the Gebietsstand, the key, the name, the Textkennzeichen, population.
 * Positions count characters, not bytes: current files are UTF-8, older
 * ones (.ASC) ISO-8859-1, either with LF or CRLF (docs/inputs.md). This
 * module only cuts records into fields; register.c decides which records
 * are Kommunen, with the same rules as for the GV-ISys CSV. */
#ifndef IKZ_GV100AD_H
#define IKZ_GV100AD_H

#include <stdbool.h>

#include "csvfile.h"
#include "findings.h"
#include "status.h"
#include "values.h"

#define GV100AD_RECORD_CHARS 220

/* One record, its fields as text (UTF-8, blanks at the end removed). */
struct gv_record {
    int satzart;             /* 10, 20, 30, 40, 50 or 60 */
    const char *land;        /* positions 11-12 */
    const char *rb;          /* 13 */
    const char *kreis;       /* 14-15 */
    const char *gemeinde;    /* 16-18 */
    const char *name;        /* 23-72 */
    const char *tk;          /* Textkennzeichen, 123-124 */
    const char *bevoelkerung;/* 140-150, full persons */
    long line;
};

/* IKZ_OK to go on, or a status to stop with. */
typedef enum ikz_status (*gv100ad_record_fn)(void *ctx, const struct gv_record *rec);

/* True if the file's first line looks like a GV100AD record: a Satzart and
 * a Gebietsstand of digits, no CSV delimiter among the first 22 bytes. */
bool gv100ad_detect(const char *path);

/* Reads every record and calls fn for each well-formed one. Malformed
 * records (length, Satzart, Gebietsstand, encoding) become findings with
 * file, line and the field's positions. *gebietsstand is the records'
 * Gebietsstand (all must agree); info gets bytes, records and SHA-256.
 * IKZ_ERR_NOINPUT (why in err) when the file cannot be read. */
enum ikz_status gv100ad_read(const char *path, const char *display, gv100ad_record_fn fn, void *ctx,
                             ikz_date *gebietsstand, struct input_file_info *info, struct findings *findings,
                             struct ikz_error *err);

#endif
