/* csvfile.c: the libcsv-based export reader described in csvfile.h. */
#include "csvfile.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"

#define CHUNK_SIZE (1u << 20)

/* 1 MiB: no export field is longer; 1,000 columns: no export is wider. */
#define DEFAULT_LIMITS {.max_field_bytes = 1u << 20, .max_columns = 1000}

const struct csvfile_limits CSVFILE_DEFAULT_LIMITS = DEFAULT_LIMITS;


struct csvfile {
    FILE *fp;
    const char *display;
    struct findings *findings;
    struct csvfile_limits limits;
    void (*progress)(const char *display, size_t rows);
    struct ikz_error *error;
    struct csv_parser parser;
    struct text_decoder dec;
    struct input_file_info info;
    struct digest *digest; /* of the file's bytes, for the manifest */

    char *chunk;           /* bytes read but not yet fed */
    size_t chunk_len, chunk_pos;
    bool eof, finished;

    /* A UTF-16 file (Excel's "Unicode text") is converted to UTF-8 chunk by
     * chunk; raw holds what is read but not yet converted. */
    iconv_t utf16;
    char *raw;
    size_t raw_len;
    bool utf16_bad;
    const char *const *slot_name; /* the bound columns' names (borrowed from csvfile_bind's caller) */
    bool mixed_reported;   /* a DATEI_KODIERUNG finding was made */
    long decided_line;     /* the record whose field decided the encoding */

    long line;             /* physical line now being fed (1-based) */
    long rec_start;        /* where the record in progress began */
    bool in_record;
    bool prev_cr;          /* the last byte fed was a CR (CRLF may straddle chunks) */

    bool header_done;
    char **header;
    size_t n_header;

    int *slot_of;          /* header column -> bound slot, or -1 */
    size_t n_slots;
    size_t *slot_off;      /* offset of each bound field in rec_buf, or SIZE_MAX */
    const char **slot_ptr;

    char *rec_buf;         /* decoded bound fields of the record in progress */
    size_t rec_len, rec_cap;
    size_t field_index;
    bool rec_bad;          /* a finding was made; the record is not passed on */
    bool oom;

    csvfile_row_fn fn;
    bool template_chars;   /* see csvfile_options */
    void *ctx;
    enum ikz_status stop;  /* not IKZ_OK once fn asked to stop */
};

/* libcsv's realloc hook has no context argument, so the field limit of the
 * file being parsed travels in a thread-local. Refusing to grow makes
 * csv_parse() fail with CSV_ENOMEM, which the reader reports as a finding. */
static _Thread_local size_t _field_limit;

static void *_limited_realloc(void *p, size_t size)
{
    if (size > _field_limit + 1)
        return NULL;
    return realloc(p, size);
}

/* ---------------------------------------------------------------------- */
/* Callbacks from libcsv                                                   */

static bool _reserve(struct csvfile *cf, size_t need)
{
    if (cf->rec_len + need <= cf->rec_cap)
        return true;
    size_t cap = cf->rec_cap ? cf->rec_cap : 256;
    while (cap < cf->rec_len + need)
        cap *= 2;
    char *p = realloc(cf->rec_buf, cap);
    if (!p) {
        cf->oom = true;
        return false;
    }
    cf->rec_buf = p;
    cf->rec_cap = cap;
    return true;
}

static void _flag(struct csvfile *cf, enum finding_code code, const char *value, const char *detail)
{
    if (!cf->rec_bad)
        findings_add(cf->findings, code, cf->display, cf->rec_start, NULL, value, detail ? "%s" : NULL, detail);
    cf->rec_bad = true;
}

/* Replaces in place (s holds 3 * its length + 1 bytes) every character
 * XML 1.0 forbids, so that a published workbook stays readable: C0
 * controls but tab, line feed and carriage return, DEL's C1 neighbours are
 * allowed, U+FFFE and U+FFFF. Each becomes U+FFFD, and one hinweis per
 * field names file, line and column. Returns the new length. */
static long _replace_non_xml(struct csvfile *cf, int slot, char *s, size_t len)
{
    size_t controls = 0, nonchars = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        controls += c < 0x20 && c != '\t' && c != '\n' && c != '\r';
        nonchars += c == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBF &&
                    ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF);
    }
    if (controls + nonchars == 0)
        return (long)len;
    /* A control (one byte) grows into U+FFFD (three); U+FFFE/U+FFFF are
     * three bytes already. Backwards, so that nothing still to be read is
     * overwritten. */
    size_t out = len + 2 * controls;
    s[out] = '\0';
    for (size_t i = len; i-- > 0;) {
        unsigned char c = (unsigned char)s[i];
        bool control = c < 0x20 && c != '\t' && c != '\n' && c != '\r';
        bool nonchar = (c == 0xBE || c == 0xBF) && i >= 2 && (unsigned char)s[i - 2] == 0xEF &&
                       (unsigned char)s[i - 1] == 0xBF;
        if (control || nonchar) {
            out -= 3;
            memcpy(s + out, "\xEF\xBF\xBD", 3); /* U+FFFD */
            if (nonchar)
                i -= 2;
        } else {
            s[--out] = (char)c;
        }
    }
    if (cf->template_chars) {
        findings_add(cf->findings, FINDING_VORLAGE_FEHLERHAFT, cf->display, cf->rec_start, cf->slot_name[slot], NULL,
                     "%zu Steuerzeichen, U+FFFE oder U+FFFF", controls + nonchars);
        return (long)(len + 2 * controls);
    }
    findings_add(cf->findings, FINDING_ZEICHEN_ERSETZT, cf->display, cf->rec_start, cf->slot_name[slot], NULL,
                 "%zu Zeichen durch U+FFFD ersetzt", controls + nonchars);
    return (long)(len + 2 * controls);
}

static void _on_field(void *s, size_t len, void *data)
{
    struct csvfile *cf = data;
    size_t idx = cf->field_index++;
    const char *field = s ? s : "";

    if (idx == cf->limits.max_columns) {
        char detail[96];
        snprintf(detail, sizeof detail, "mehr als %zu Spalten", cf->limits.max_columns);
        _flag(cf, FINDING_FELDANZAHL, NULL, detail);
    }
    if (idx >= cf->limits.max_columns || (cf->rec_bad && !cf->header_done))
        return;

    if (!cf->header_done) {
        /* Header: keep every name, decoded and trimmed. */
        char **h = realloc(cf->header, (cf->n_header + 1) * sizeof *h);
        char *name = malloc(3 * len + 1);
        if (!h || !name) {
            free(name);
            if (h)
                cf->header = h;
            cf->oom = true;
            return;
        }
        cf->header = h;
        if (text_decode(&cf->dec, field, len, name) < 0)
            name[0] = '\0';
        cf->header[cf->n_header++] = text_trim(name);
        return;
    }

    if (idx >= cf->n_header) {
        /* Even an empty extra field: an unquoted delimiter in a text shifts
         * the columns and leaves exactly that. (Excel pads the header too,
         * so a padded export still matches.) */
        _flag(cf, FINDING_FELDANZAHL, NULL, "mehr Felder als die Kopfzeile");
        return;
    }
    int slot = cf->slot_of ? cf->slot_of[idx] : -1;
    if (slot < 0) {
        if (memchr(field, '\0', len)) /* bound fields are checked while decoding */
            _flag(cf, FINDING_KODIERUNG, NULL, "NUL-Byte im Feld");
        return;
    }
    if (!_reserve(cf, 3 * len + 1))
        return;
    long n = text_decode(&cf->dec, field, len, cf->rec_buf + cf->rec_len);
    if (n == TEXT_DECODE_NUL) {
        _flag(cf, FINDING_KODIERUNG, NULL, "NUL-Byte im Feld");
        return;
    }
    if (n == TEXT_DECODE_MIXED) {
        /* One finding for the file, naming the first line where the
         * encodings disagree; it stops the run (a file-level fehler). */
        if (!cf->mixed_reported) {
            char detail[128];
            if (!cf->decided_line) /* decided before any field: by a UTF-8 byte-order mark */
                snprintf(detail, sizeof detail, "die Datei beginnt mit der Byte-Order-Mark von UTF-8, diese Zeile ist nicht UTF-8");
            else
                snprintf(detail, sizeof detail, "die Datei ist bis Zeile %ld %s, diese Zeile %s", cf->decided_line,
                         text_encoding_name(cf->dec.encoding), cf->dec.encoding == TEXT_UTF8 ? "nicht" : "UTF-8");
            _flag(cf, FINDING_DATEI_KODIERUNG, field, detail);
            cf->mixed_reported = true;
        } else {
            cf->rec_bad = true;
        }
        return;
    }
    if (n < 0) {
        _flag(cf, FINDING_KODIERUNG, field, "in Windows-1252 nicht belegtes Byte");
        return;
    }
    if (!cf->decided_line && cf->dec.encoding != TEXT_ASCII)
        cf->decided_line = cf->rec_start;
    n = _replace_non_xml(cf, slot, cf->rec_buf + cf->rec_len, (size_t)n);
    size_t kept = text_trim_n(cf->rec_buf + cf->rec_len, (size_t)n);
    cf->slot_off[slot] = cf->rec_len;
    cf->rec_len += kept + 1;
}

static void _end_record(struct csvfile *cf)
{
    cf->in_record = false;
    cf->field_index = 0;
    cf->rec_len = 0;
    cf->rec_bad = false;
    for (size_t i = 0; i < cf->n_slots; i++)
        cf->slot_off[i] = SIZE_MAX;
}

static void _on_record(int c, void *data)
{
    struct csvfile *cf = data;
    (void)c;
    if (!cf->header_done) {
        cf->header_done = true;
        _end_record(cf);
        return;
    }
    if ((++cf->info.rows & 0xFFFF) == 0 && cf->progress)
        cf->progress(cf->display, cf->info.rows);
    if (cf->field_index < cf->n_header && !cf->rec_bad) {
        char detail[96];
        snprintf(detail, sizeof detail, "%zu statt %zu Felder", cf->field_index, cf->n_header);
        _flag(cf, FINDING_FELDANZAHL, NULL, detail);
    }
    if (cf->rec_bad)
        cf->info.rejected++;
    if (!cf->stop && cf->fn) {
        for (size_t i = 0; i < cf->n_slots; i++)
            cf->slot_ptr[i] = cf->slot_off[i] == SIZE_MAX ? NULL : cf->rec_buf + cf->slot_off[i];
        struct csv_record rec = {.line = cf->rec_start, .rejected = cf->rec_bad, .field = cf->slot_ptr};
        cf->stop = cf->fn(cf->ctx, &rec);
    }
    _end_record(cf);
}

/* ---------------------------------------------------------------------- */
/* Feeding libcsv one physical line at a time                              */

static bool _blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return false;
    return true;
}

/* Feeds one piece of at most one physical line (its break included). */
static bool _feed_line(struct csvfile *cf, const char *s, size_t n)
{
    if (!cf->in_record && !_blank(s, n)) {
        cf->in_record = true;
        cf->rec_start = cf->line;
    }
    if (csv_parse(&cf->parser, s, n, _on_field, _on_record, cf) != n) {
        int err = csv_error(&cf->parser);
        if (err == CSV_ENOMEM && !cf->oom) {
            char detail[96];
            snprintf(detail, sizeof detail, "Feld länger als %zu Bytes", cf->limits.max_field_bytes);
            findings_add(cf->findings, FINDING_CSV_SYNTAX, cf->display, cf->rec_start, NULL, NULL, "%s", detail);
        } else {
            findings_add(cf->findings, FINDING_CSV_SYNTAX, cf->display, cf->rec_start, NULL, NULL, "%s",
                         csv_strerror(err));
        }
        return false;
    }
    return !cf->oom;
}

/* Splits buf into physical lines (LF, CRLF or a lone CR, as libcsv sees
 * them) and feeds them; stops after the header when only it is wanted. */
static bool _feed(struct csvfile *cf, bool header_only)
{
    while (cf->chunk_pos < cf->chunk_len) {
        const char *s = cf->chunk + cf->chunk_pos;
        size_t avail = cf->chunk_len - cf->chunk_pos, n = 0;
        bool brk = false;
        if (cf->prev_cr && s[0] == '\n') { /* second half of a CRLF split by the chunk */
            n = 1;
            cf->prev_cr = false;
            if (!_feed_line(cf, s, n))
                return false;
            cf->chunk_pos += n;
            continue;
        }
        while (n < avail && s[n] != '\n' && s[n] != '\r')
            n++;
        if (n < avail) {
            brk = true;
            if (s[n] == '\r' && n + 1 < avail && s[n + 1] == '\n')
                n += 2;
            else {
                cf->prev_cr = s[n] == '\r';
                n += 1;
            }
        }
        if (!_feed_line(cf, s, n))
            return false;
        cf->chunk_pos += n;
        if (brk)
            cf->line++;
        if (header_only && cf->header_done)
            return true;
        if (cf->stop)
            return true;
    }
    return true;
}

/* Converts raw UTF-16 into the chunk; keeps an incomplete character for
 * the next call. False when nothing could be converted. */
static bool _convert(struct csvfile *cf)
{
    char *in = cf->raw, *out = cf->chunk;
    size_t inleft = cf->raw_len, outleft = CHUNK_SIZE;
    /* A full chunk stops iconv with E2BIG: the rest waits in raw. */
    int err = iconv(cf->utf16, &in, &inleft, &out, &outleft) == (size_t)-1 ? errno : 0;
    if (err == EILSEQ || (err == EINVAL && cf->eof)) {
        cf->utf16_bad = true; /* not UTF-16, or it ends inside a character; csvfile_each says so */
        inleft = 0;
        cf->eof = true;
    }
    memmove(cf->raw, in, inleft);
    cf->raw_len = inleft;
    cf->chunk_len = (size_t)(out - cf->chunk);
    cf->chunk_pos = 0;
    return cf->chunk_len > 0;
}

/* Refills the chunk; false at end of file or on error (ferror tells). */
static bool _refill(struct csvfile *cf)
{
    if (cf->eof && (!cf->raw || cf->raw_len == 0))
        return false;
    if (cf->raw) {
        size_t want = CHUNK_SIZE - cf->raw_len, n = cf->eof ? 0 : fread(cf->raw + cf->raw_len, 1, want, cf->fp);
        cf->info.bytes += n;
        digest_update(cf->digest, cf->raw + cf->raw_len, n);
        cf->raw_len += n;
        if (n < want)
            cf->eof = true;
        return _convert(cf);
    }
    cf->chunk_len = fread(cf->chunk, 1, CHUNK_SIZE, cf->fp);
    cf->chunk_pos = 0;
    cf->info.bytes += cf->chunk_len;
    digest_update(cf->digest, cf->chunk, cf->chunk_len);
    if (cf->chunk_len < CHUNK_SIZE)
        cf->eof = true;
    return cf->chunk_len > 0;
}

/* The delimiter is the most frequent of ; , TAB outside quotes in the first
 * line; a file with none of them has one column, and `;` is as good as any. */
static char _detect_delimiter(const char *s, size_t n)
{
    size_t semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (!quoted && s[i] == ';')
            semi++;
        else if (!quoted && s[i] == ',')
            comma++;
        else if (!quoted && s[i] == '\t')
            tab++;
    }
    if (comma > semi && comma >= tab)
        return ',';
    if (tab > semi && tab > comma)
        return '\t';
    return ';';
}

/* Ends the parse. Quoting is read leniently (a stray quote inside an
 * unquoted field is kept as text, as Excel does), but a quoted field still
 * open at the end of the file has swallowed the rest of it: strict mode for
 * csv_fini() alone turns that into an error instead of a record. */
static int _fini(struct csvfile *cf)
{
    csv_set_opts(&cf->parser, (unsigned char)(csv_get_opts(&cf->parser) | CSV_STRICT));
    return csv_fini(&cf->parser, _on_field, _on_record, cf);
}

static int _is_space_not_tab(unsigned char c) { return c == ' '; }

/* ---------------------------------------------------------------------- */
/* Public functions                                                        */

enum ikz_status csvfile_open(const char *path, const char *display, const struct csvfile_options *opt,
                             struct findings *findings, struct csvfile **out)
{
    *out = NULL;
    struct csvfile *cf = calloc(1, sizeof *cf);
    if (!cf)
        return IKZ_ERR_OSERR;
    cf->display = display;
    cf->findings = findings;
    cf->limits = opt ? opt->limits : CSVFILE_DEFAULT_LIMITS;
    cf->progress = opt ? opt->progress : NULL;
    cf->template_chars = opt && opt->template_chars;
    struct ikz_error *err = cf->error = opt ? opt->error : NULL;
    cf->line = 1;
    cf->utf16 = (iconv_t)-1;
    cf->chunk = malloc(CHUNK_SIZE);
    cf->digest = digest_new();
    if (!cf->chunk || !cf->digest || csv_init(&cf->parser, CSV_APPEND_NULL | CSV_STRICT_FINI) != 0) {
        free(cf->chunk);
        digest_free(cf->digest);
        free(cf);
        return IKZ_ERR_OSERR;
    }
    csv_set_realloc_func(&cf->parser, _limited_realloc);
    csv_set_blk_size(&cf->parser, 4096);
    _field_limit = cf->limits.max_field_bytes;

    /* Only a regular file is an export. O_NONBLOCK keeps open() from
     * waiting forever on a FIFO; a device (/dev/zero behind a symlink) or a
     * directory is refused before a byte is read. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        ikz_fail(err, IKZ_ERR_NOINPUT, "cannot open %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        csvfile_close(cf);
        return IKZ_ERR_NOINPUT;
    }
    if (!S_ISREG(st.st_mode)) {
        ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: not a regular file (%s)", path,
                 S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO" : "a device or socket");
        close(fd);
        csvfile_close(cf);
        return IKZ_ERR_NOINPUT;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    cf->fp = fdopen(fd, "rb");
    if (!cf->fp) {
        close(fd);
        csvfile_close(cf);
        return IKZ_ERR_OSERR;
    }
    if (!_refill(cf) && ferror(cf->fp)) {
        ikz_fail(err, IKZ_ERR_NOINPUT, "cannot read %s: %s", path, strerror(errno));
        csvfile_close(cf);
        return IKZ_ERR_NOINPUT;
    }
    if (cf->chunk_len >= 3 && memcmp(cf->chunk, "\xEF\xBB\xBF", 3) == 0) {
        cf->chunk_pos = 3;
        cf->dec.bom = true;
        cf->info.bom = true;
    } else if (cf->chunk_len >= 2 && (memcmp(cf->chunk, "\xFF\xFE", 2) == 0 || memcmp(cf->chunk, "\xFE\xFF", 2) == 0)) {
        /* UTF-16 with its byte-order mark: from here on the reader sees the
         * file as UTF-8 (the manifest's hash stays over the file's bytes). */
        cf->utf16 = iconv_open("UTF-8", cf->chunk[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE");
        cf->raw = malloc(CHUNK_SIZE);
        if (cf->utf16 == (iconv_t)-1 || !cf->raw) {
            csvfile_close(cf);
            return IKZ_ERR_OSERR;
        }
        cf->raw_len = cf->chunk_len - 2;
        memcpy(cf->raw, cf->chunk + 2, cf->raw_len);
        cf->dec.bom = true;
        cf->info.bom = true;
        cf->info.utf16 = true;
        _convert(cf);
    }
    cf->info.delimiter = _detect_delimiter(cf->chunk + cf->chunk_pos, cf->chunk_len - cf->chunk_pos);
    csv_set_delim(&cf->parser, (unsigned char)cf->info.delimiter);
    /* A tab must stay a delimiter, not leading white space. (Only then a
     * callback: libcsv calls it for every byte.) */
    if (cf->info.delimiter == '\t')
        csv_set_space_func(&cf->parser, _is_space_not_tab);

    while (!cf->header_done) {
        if (!_feed(cf, true))
            break;
        if (cf->header_done || !_refill(cf))
            break;
    }
    if (!cf->header_done && cf->in_record && _fini(cf) != 0)
        findings_add(findings, FINDING_CSV_SYNTAX, display, cf->rec_start, NULL, NULL, "Anführungszeichen nicht geschlossen");
    if (cf->oom) {
        csvfile_close(cf);
        return IKZ_ERR_OSERR;
    }
    if (!cf->header_done || cf->n_header == 0) {
        findings_add(findings, FINDING_DATEI_LEER, display, 0, NULL, NULL, NULL);
        csvfile_close(cf);
        return IKZ_ERR_DATA;
    }
    *out = cf;
    return IKZ_OK;
}

static long _find_column(const struct csvfile *cf, const char *name)
{
    for (size_t i = 0; i < cf->n_header; i++)
        if (text_equal_nocase(cf->header[i], name))
            return (long)i;
    return -1;
}

bool csvfile_has_column(const struct csvfile *cf, const char *name) { return _find_column(cf, name) >= 0; }

enum ikz_status csvfile_bind(struct csvfile *cf, const char *const *names, const bool *required, size_t n)
{
    free(cf->slot_of);
    free(cf->slot_off);
    free(cf->slot_ptr);
    cf->slot_of = malloc(cf->n_header * sizeof *cf->slot_of);
    cf->slot_off = malloc((n ? n : 1) * sizeof *cf->slot_off);
    cf->slot_ptr = malloc((n ? n : 1) * sizeof *cf->slot_ptr);
    if (!cf->slot_of || !cf->slot_off || !cf->slot_ptr)
        return IKZ_ERR_OSERR;
    cf->n_slots = n;
    cf->slot_name = names;
    for (size_t i = 0; i < cf->n_header; i++)
        cf->slot_of[i] = -1;
    for (size_t i = 0; i < n; i++)
        cf->slot_off[i] = SIZE_MAX;

    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < n; i++) {
        long col = _find_column(cf, names[i]);
        long again = -1;
        for (size_t k = col >= 0 ? (size_t)col + 1 : cf->n_header; k < cf->n_header && again < 0; k++)
            if (text_equal_nocase(cf->header[k], names[i]))
                again = (long)k;
        if (again >= 0) {
            /* Which of two columns is meant? Taking the first silently
             * could publish the wrong figures. */
            findings_add(cf->findings, FINDING_SPALTE_DOPPELT, cf->display, 1, names[i], NULL,
                         "Spalten %ld und %ld", col + 1, again + 1);
            st = IKZ_ERR_DATA;
        } else if (col >= 0 && cf->slot_of[col] < 0) {
            cf->slot_of[col] = (int)i;
        } else if (col < 0 && required[i]) {
            char found[512];
            size_t o = 0;
            found[0] = '\0';
            for (size_t k = 0; k < cf->n_header && o + 1 < sizeof found; k++) {
                int w = snprintf(found + o, sizeof found - o, "%s%s", k ? "," : "", cf->header[k]);
                if (w < 0)
                    break;
                o += (size_t)w;
            }
            findings_add(cf->findings, FINDING_SPALTE_FEHLT, cf->display, 1, names[i], NULL, "Kopfzeile: %s", found);
            st = IKZ_ERR_DATA;
        }
    }
    return st;
}

enum ikz_status csvfile_each(struct csvfile *cf, csvfile_row_fn fn, void *ctx)
{
    cf->fn = fn;
    cf->ctx = ctx;
    _field_limit = cf->limits.max_field_bytes;
    bool ok = true;
    do {
        ok = _feed(cf, false);
    } while (ok && !cf->stop && _refill(cf));
    if (ferror(cf->fp))
        return ikz_fail(cf->error, IKZ_ERR_IO, "cannot read %s: %s", cf->display, strerror(errno));
    if (cf->utf16_bad)
        findings_add(cf->findings, FINDING_DATEI_KODIERUNG, cf->display, cf->line, NULL, NULL,
                     "UTF-16-Datei mit einem ungültigen Zeichen; der Rest der Datei ist nicht gelesen");
    if (ok && !cf->stop && !cf->finished) {
        cf->finished = true;
        if (_fini(cf) != 0)
            findings_add(cf->findings, FINDING_CSV_SYNTAX, cf->display, cf->rec_start, NULL, NULL,
                         "Anführungszeichen am Dateiende nicht geschlossen");
    }
    if (cf->oom)
        return IKZ_ERR_OSERR;
    if (!ok)
        return IKZ_ERR_DATA; /* libcsv gave up; the finding says where */
    if (cf->stop)
        return cf->stop;
    digest_final(cf->digest, cf->info.sha256);
    return IKZ_OK;
}

void csvfile_get_info(const struct csvfile *cf, struct input_file_info *info)
{
    *info = cf->info;
    info->encoding = cf->dec.encoding;
}

void csvfile_close(struct csvfile *cf)
{
    if (!cf)
        return;
    if (cf->fp)
        fclose(cf->fp);
    csv_free(&cf->parser);
    for (size_t i = 0; i < cf->n_header; i++)
        free(cf->header[i]);
    free(cf->header);
    free(cf->slot_of);
    free(cf->slot_off);
    free(cf->slot_ptr);
    free(cf->rec_buf);
    free(cf->chunk);
    free(cf->raw);
    if (cf->utf16 != (iconv_t)-1)
        iconv_close(cf->utf16);
    digest_free(cf->digest);
    free(cf);
}
