/* delivery.h: the drop, its deliveries and their seals (docs/inputs.md,
 * "Lieferungen").
 *
 * The funding database's exporter delivers a directory DROP/YYYY-MM-DD/,
 * named for the date of the export, and seals it last with SHA256SUMS in
 * the format sha256sum writes ("HASH  NAME", or "HASH *NAME" for binary
 * mode). A delivery is complete when its seal lists every other file of
 * the directory, every listed file is there, and every hash matches. This
 * module reads seals, lists the drop and judges a delivery's listing; the
 * files the job reads anyway are compared by the caller from that same
 * read (input_file_info.sha256), so the large exports are hashed once. It
 * never prints: why a delivery is not complete comes back as German text
 * for the warning line and the Prüfbericht. */
#ifndef IKZ_DELIVERY_H
#define IKZ_DELIVERY_H

#include <stdbool.h>
#include <stddef.h>

#include "digest.h"
#include "status.h"
#include "values.h"

#define SEAL_NAME "SHA256SUMS"

struct seal_entry {
    char *name;                      /* as listed, owned */
    char sha256[DIGEST_HEX_LEN + 1]; /* lowercase hex */
    long line;                       /* in SHA256SUMS */
};

struct seal {
    struct seal_entry *entry; /* in the order listed */
    size_t n;
    char sha256[DIGEST_HEX_LEN + 1]; /* of SHA256SUMS itself, for the manifest */
};

/* Why a delivery or its seal is not complete: the file concerned
 * ("SHA256SUMS" or a listed name), the seal's line (0: none) and German
 * text, "was fehlt, Wert". */
struct delivery_problem {
    char file[256];
    long line;
    char text[320];
};

/* Parses a seal's text. IKZ_ERR_DATA with the problem for an empty seal,
 * a malformed line, a name listed twice or a path in a name. CR before
 * LF is accepted (a seal written on Windows). */
enum ikz_status seal_parse(const char *text, size_t len, struct seal *out, struct delivery_problem *why);

/* Reads and parses DIR/SHA256SUMS. IKZ_ERR_NOINPUT: there is none;
 * IKZ_ERR_DATA: not a regular file, unreadable or malformed. */
enum ikz_status seal_load(const char *dir, struct seal *out, struct delivery_problem *why);

/* The entry for name, or NULL when the seal does not list it. */
const struct seal_entry *seal_find(const struct seal *s, const char *name);

/* Compares dir with the seal: every listed name is a regular file, and dir
 * holds nothing else but the seal (no unlisted file, no subdirectory).
 * IKZ_ERR_DATA with the first problem found. Hashes nothing. */
enum ikz_status seal_check_listing(const struct seal *s, const char *dir, struct delivery_problem *why);

/* Hashes every listed file of dir for which read_by_job(name, ctx) is
 * false (NULL: every file) and compares it with the seal. IKZ_ERR_DATA
 * with the problem at the first mismatch or unreadable file. */
enum ikz_status seal_check_hashes(const struct seal *s, const char *dir, bool (*read_by_job)(const char *name, void *ctx),
                                  void *ctx, struct delivery_problem *why);

/* Compares one hash the caller computed while reading name. */
bool seal_matches(const struct seal *s, const char *name, const char *sha256, struct delivery_problem *why);

void seal_free(struct seal *s);

/* An entry of the drop. Entries whose name starts with '.' are left out:
 * they are deliveries still being written (ikz-report einliefern writes
 * into .einliefern-*). */
struct drop_entry {
    char name[256];
    ikz_date date; /* the name as a date YYYY-MM-DD and a directory; 0: a foreign entry */
};

/* Lists the drop, deliveries newest first, then the foreign entries by
 * name. IKZ_ERR_NOINPUT (why in err) when the drop cannot be read. */
enum ikz_status drop_list(const char *drop, struct drop_entry **out, size_t *n, struct ikz_error *err);

#endif
