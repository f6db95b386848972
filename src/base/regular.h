/* regular.h: opening a file the job reads, only if it is a regular file.
 *
 * A FIFO given as a template or job file would block the run while it
 * holds the output lock, so that every later night exits 75; a device
 * would never end. Every file the job opens for reading goes through here
 * or makes the same check (csvfile.c, gv100ad.c, digest.c). */
#ifndef IKZ_REGULAR_H
#define IKZ_REGULAR_H

#include <stdio.h>

/* Opens path for reading if it is a regular file; NULL otherwise, with a
 * static English reason in *why ("not a regular file (a FIFO)", or
 * strerror's). Never blocks on a FIFO. */
FILE *regular_fopen(const char *path, const char **why);

#endif
