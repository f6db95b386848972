/* text.h: character encodings and small string helpers for the readers.
 *
 * Exports arrive as UTF-8 (with or without BOM) or as Windows-1252 when
 * somebody saved them from Excel. The decoder decides per file, while the
 * file streams past: as long as only ASCII has been seen both readings are
 * identical, the first non-ASCII byte settles it. A file that proved to be
 * UTF-8 and later holds an invalid sequence is mixed and is rejected, since
 * neither reading of it is right. */
#ifndef IKZ_TEXT_H
#define IKZ_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum text_encoding {
    TEXT_ASCII,   /* nothing but ASCII seen yet */
    TEXT_UTF8,
    TEXT_CP1252
};

struct text_decoder {
    enum text_encoding encoding;
    bool bom; /* the file began with a UTF-8 byte-order mark */
};

/* A static name such as "UTF-8"; do not free. */
const char *text_encoding_name(enum text_encoding encoding);

/* Decodes len bytes of one field into UTF-8 at out, which must hold at least
 * 3 * len + 1 bytes (a Windows-1252 byte becomes at most 3 UTF-8 bytes), and
 * NUL-terminates it. Returns the number of bytes written, TEXT_DECODE_NUL
 * when the field holds a NUL byte, TEXT_DECODE_MIXED when it is in the
 * other encoding than the file's fields before it (invalid UTF-8 after
 * valid UTF-8, or valid multi-byte UTF-8 after Windows-1252), or -1 for a
 * byte Windows-1252 leaves undefined. */
#define TEXT_DECODE_NUL (-2)
/* The field is well-formed UTF-8 with non-ASCII characters in a file read
 * as Windows-1252 so far, or the reverse: the file mixes encodings. */
#define TEXT_DECODE_MIXED (-3)
long text_decode(struct text_decoder *dec, const char *in, size_t len, char *out);

/* True if s is well-formed UTF-8 (no overlongs, no surrogates). */
bool text_utf8_valid(const char *s, size_t len);

/* True if s is well-formed UTF-8 and holds only characters XML 1.0 allows
 * (no C0 control but tab, line feed and carriage return; no U+FFFE or
 * U+FFFF): text that goes into the workbook's XML. */
bool text_xml_safe(const char *s, size_t len);

/* The characters of UTF-8 text s: its code points, as a person (and
 * libxlsxwriter's limits) count them. */
size_t text_chars(const char *s);

/* The length of UTF-8 text s as Excel counts a cell's characters: in
 * UTF-16 code units, so a character above U+FFFF (4 UTF-8 bytes, a
 * surrogate pair) is two. s must be well-formed UTF-8. */
size_t text_utf16_units(const char *s);

/* The byte length of the longest start of s that holds at most max_units
 * UTF-16 units; it ends between two characters, never inside a UTF-8
 * sequence or a surrogate pair. */
size_t text_utf16_prefix(const char *s, size_t max_units);

/* Strips blanks (space, tab, no-break space U+00A0) from both ends in place
 * and returns s. */
char *text_trim(char *s);

/* The same for a string of known length len; returns the new length. */
size_t text_trim_n(char *s, size_t len);

/* Case-insensitive equality for ASCII and the German capitals Ä, Ö, Ü. */
bool text_equal_nocase(const char *a, const char *b);

/* "dir/name", malloc'd (caller frees); NULL when out of memory. */
char *text_path_join(const char *dir, const char *name);

/* Writes s for a message into out (size outsz): control characters and
 * bytes that are not UTF-8 as \n, \t, \xHH, and cut after max_chars
 * bytes with "…". The result is always valid UTF-8. */
void text_escape(const char *s, char *out, size_t outsz, size_t max_chars);

#endif
