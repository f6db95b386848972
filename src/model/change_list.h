/* change_list.h: the list of territorial changes as the run holds it.
 *
 * Which Gemeinde or Kreis key gave way to which, from when, and how (an
 * Eingliederung, a Zusammenschluss, a Schlüsseländerung).
 * read/gebietsaenderungen.h fills it from gebietsaenderungen.csv;
 * check/rekey.h checks it against the register, attaches it to the
 * register and follows a key through it; so it lives below both. */
#ifndef IKZ_CHANGE_LIST_H
#define IKZ_CHANGE_LIST_H

#include <stddef.h>

#include "input_file.h"
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
    struct input_file_info file;
};

/* "Eingliederung", "Zusammenschluss" or "Schlüsseländerung"; static. */
const char *gebietsaenderung_art_name(enum change_art art);

/* Frees the items and their names and zeroes c. */
void gebietsaenderungen_free(struct gebietsaenderungen *c);

#endif
