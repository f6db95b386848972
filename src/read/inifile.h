/* inifile.h: INI files (texte.ini, job files) read with inih.
 *
 * inih stays inside inifile.c; texts.c and job.c see entries only. A key
 * given twice in the same section is an error here, for every INI file the
 * job reads: silently taking the last value hides a typo. */
#ifndef IKZ_INIFILE_H
#define IKZ_INIFILE_H

#include <stdbool.h>

#include "status.h"

/* Called for each entry with the line it stands on; returns true to go
 * on, false to stop (the caller says why in its own context). */
typedef bool (*inifile_entry_fn)(void *ctx, const char *section, const char *key, const char *value, long line);

/* Reads path. IKZ_OK; IKZ_ERR_NOINPUT when it cannot be read; IKZ_ERR_CONFIG
 * with *line set to the line of a syntax error, of a key given twice (then
 * *duplicate is true) or of an entry fn refused. */
enum ikz_status inifile_parse(const char *path, inifile_entry_fn fn, void *ctx, long *line, bool *duplicate);

#endif
