/* gebietsaenderungen.h: the change list of territorial changes.
 *
 * gebietsaenderungen.csv says which Gemeinde or Kreis key gave way to
 * which, from when: `wirksam_ab;ags_alt;name_alt;ags_neu;name_neu;art`,
 * read with the same CSV rules as the exports (csvfile.h). The funding
 * database keeps the keys it was given; check/rekey.c follows them
 * through this list to the Kommune of the register's Gebietsstand. The
 * ministry keeps the list (templates/gebietsaenderungen-hessen.csv). */
#ifndef IKZ_GEBIETSAENDERUNGEN_H
#define IKZ_GEBIETSAENDERUNGEN_H

#include <stddef.h>

#include "csvfile.h"
#include "findings.h"
#include "status.h"
#include "values.h"

enum change_art {
    CHANGE_EINGLIEDERUNG,      /* incorporated into another Gemeinde, which keeps its key */
    CHANGE_ZUSAMMENSCHLUSS,    /* merged into a new Gemeinde */
    CHANGE_SCHLUESSELAENDERUNG /* a new key for the same territory */
};

struct gebietsaenderung {
    ikz_date wirksam_ab;
    char alt[9], neu[9]; /* 8-digit Gemeinde or 5-digit Kreis keys, both of one kind */
    char *name_alt, *name_neu; /* owned; "" when not given */
    enum change_art art;
    long line;
};

struct gebietsaenderungen {
    struct gebietsaenderung *item;
    size_t n;
    const char *display; /* borrowed: the file's name in findings */
    struct csvfile_info file;
};

/* Reads the list. A bad date, key or art is a GEBIETSAENDERUNG_FEHLERHAFT
 * finding naming file and line, and IKZ_ERR_CONFIG: the list is the
 * ministry's configuration, not an export. IKZ_ERR_NOINPUT when it cannot
 * be read. */
enum ikz_status gebietsaenderungen_load(const char *path, const char *display, const struct csvfile_options *opt,
                                       struct gebietsaenderungen *out, struct findings *findings);

/* "Eingliederung", "Zusammenschluss" or "Schlüsseländerung"; static. */
const char *gebietsaenderung_art_name(enum change_art art);

void gebietsaenderungen_free(struct gebietsaenderungen *c);

#endif
