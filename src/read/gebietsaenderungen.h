/* gebietsaenderungen.h: the change list of territorial changes.
 *
 * gebietsaenderungen.csv says which Gemeinde or Kreis key gave way to
 * which, from when: `wirksam_ab;ags_alt;name_alt;ags_neu;name_neu;art`,
 * read with the same CSV rules as the exports (csvfile.h). The funding
 * database keeps the keys it was given; check/rekey.c follows them
 * through this list to the Kommune of the register's Gebietsstand. The
 * ministry keeps the list (templates/gebietsaenderungen-hessen.csv). The
 * list as held, with its names and free, is model/change_list.h. */
#ifndef IKZ_GEBIETSAENDERUNGEN_H
#define IKZ_GEBIETSAENDERUNGEN_H

#include "change_list.h"
#include "csvfile.h"
#include "findings.h"
#include "status.h"

/* Reads the list. A bad date, key or art is a GEBIETSAENDERUNG_FEHLERHAFT
 * finding naming file and line, and IKZ_ERR_CONFIG: the list is the
 * ministry's configuration, not an export. IKZ_ERR_NOINPUT when it cannot
 * be read. */
enum ikz_status gebietsaenderungen_load(const char *path, const char *display, const struct csvfile_options *opt,
                                       struct gebietsaenderungen *out, struct findings *findings);

#endif
