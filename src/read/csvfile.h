/* csvfile.h: reading one export file with libcsv.
 *
 * The exports come from a database, from GV-ISys and from people with Excel,
 * so the reader accepts what they produce: `;`, `,` or tab (detected from
 * the header line), UTF-8 with or without BOM or Windows-1252 (see text.h),
 * UTF-16 with a byte-order mark (Excel's "Unicode text", converted with
 * iconv as it streams),
 * CRLF or LF, RFC 4180 quoting with delimiters, quotes and line breaks in
 * quoted fields. Columns are found by header name, case-insensitively, in
 * any order; other columns are skipped without being copied.
 *
 * libcsv knows no line numbers, so the reader feeds it one physical line at
 * a time and remembers where each record began: that is the line a person
 * finds in an editor, also when a quoted field spans lines.
 *
 * Usage: csvfile_open(), csvfile_bind() the columns wanted, csvfile_each()
 * with a row callback, csvfile_close(). Problems become findings. */
#ifndef IKZ_CSVFILE_H
#define IKZ_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "findings.h"
#include "input_file.h"
#include "status.h"
#include "text.h"

struct csvfile;

/* One data record, in the order of the names given to csvfile_bind(). */
struct csv_record {
    long line;          /* physical line where the record starts */
    bool rejected;      /* a finding was made for it; fields may be NULL */
    const char *const *field; /* decoded UTF-8, trimmed; NULL: column absent */
};

/* IKZ_OK to go on, or a status to stop reading with. */
typedef enum ikz_status (*csvfile_row_fn)(void *ctx, const struct csv_record *rec);

/* Limits that keep a hostile file from taking the machine. */
struct csvfile_limits {
    size_t max_field_bytes; /* longest field */
    size_t max_columns;     /* most fields in a record */
};
extern const struct csvfile_limits CSVFILE_DEFAULT_LIMITS;

/* How one file is read: the run's --max-field-bytes and --max-columns,
 * whom to tell about progress, and where to say why a file could not be
 * read. Each reading thread has its own (no process-wide settings). */
struct csvfile_options {
    struct csvfile_limits limits;
    /* Called every 65,536 rows (NULL: never); the caller decides whether
     * a person should see it. */
    void (*progress)(const char *display, size_t rows);
    struct ikz_error *error; /* NULL: the reason is not kept */
    /* A template (kennzahlen.csv, aufgabenbereiche.csv): a character XML
     * forbids is a fehler of the template (VORLAGE_FEHLERHAFT), not a
     * hinweis with the character replaced, as it is in an export. */
    bool template_chars;
};

/* Opens path and reads its header line. display is the name used in
 * findings (borrowed: it must outlive the csvfile and the findings); opt
 * NULL means the default limits. Returns IKZ_ERR_NOINPUT when the file
 * cannot be opened (why in opt->error), IKZ_ERR_DATA when it has no header
 * (a finding says so). */
enum ikz_status csvfile_open(const char *path, const char *display, const struct csvfile_options *opt,
                             struct findings *findings, struct csvfile **out);

/* True if the header has a column of that name (case-insensitive). */
bool csvfile_has_column(const struct csvfile *cf, const char *name);

/* Chooses the columns the rows will carry, by name. Each name with
 * required[i] true must be in the header, else a SPALTE_FEHLT finding names
 * it and the header found, and IKZ_ERR_DATA is returned. */
enum ikz_status csvfile_bind(struct csvfile *cf, const char *const *names, const bool *required, size_t n);

/* Reads every data record and calls fn for each. A record with a syntax or
 * encoding problem has had its finding made and comes with rejected set
 * and only the fields that could be read: a loader may note its key (so
 * that one error is reported once) but must not use it otherwise. Returns IKZ_OK,
 * IKZ_ERR_IO on a read error, or the first non-zero value fn returned. */
enum ikz_status csvfile_each(struct csvfile *cf, csvfile_row_fn fn, void *ctx);

/* What was read of the file (model/input_file.h); its sha256 once
 * csvfile_each() has finished. */
void csvfile_get_info(const struct csvfile *cf, struct input_file_info *info);

void csvfile_close(struct csvfile *cf);

#endif
