/* register_choice.h: which register file a report uses.
 *
 * --register names a file or a directory; without it the input directory
 * is searched. A directory is an archive of registers: GV100AD_DDMMYY.txt
 * files as Destatis names them (older ones .ASC), the Gebietsstand in the
 * name, and perhaps one kommunen.csv. For a Stichtag the register with the
 * latest Gebietsstand on or before it is used, so that a rerun for a past
 * year describes that year; if none is that old, the oldest, with a
 * hinweis. kommunen.csv, whose Gebietsstand its name does not say, is
 * used only when the directory holds no GV100AD file. */
#ifndef IKZ_REGISTER_CHOICE_H
#define IKZ_REGISTER_CHOICE_H

#include <stdbool.h>

#include "status.h"
#include "values.h"

struct register_choice {
    char *path;            /* owned: the file to read */
    ikz_date named_stand;  /* the Gebietsstand its name says, or 0 */
    bool after_stichtag;   /* every register of the directory is younger than the Stichtag */
    size_t candidates;     /* registers found in the directory (1 for a file) */
};

/* Chooses for stichtag. IKZ_ERR_NOINPUT (why in err) when path is neither
 * a file nor a directory holding a register. */
enum ikz_status register_choose(const char *path, ikz_date stichtag, struct register_choice *out,
                                struct ikz_error *err);

/* The Gebietsstand in a name GV100AD_DDMMYY.txt (or .ASC), or 0. */
ikz_date register_name_stand(const char *name);

void register_choice_free(struct register_choice *c);

#endif
