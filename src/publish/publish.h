/* publish.h: writing a report so that nobody ever sees half of it.
 *
 * A report is written into a fresh directory OUTPUT/.tmp-YYYY-XXXXXX beside
 * the target. Only when every file is written and synced does
 * publish_commit() put it in place of OUTPUT/YYYY in one step
 * (renameat2 with RENAME_EXCHANGE when a previous report exists, rename
 * otherwise), then remove the previous one. At every instant OUTPUT/YYYY
 * holds either the complete previous report or the complete new one.
 * Only a previous report is replaced: whatever else is at OUTPUT/YYYY (a
 * file, a link, another program's directory) is left as it is, and the
 * run publishes nothing (IKZ_ERR_CANTCREAT, naming it).
 * Files are created with O_EXCL | O_NOFOLLOW: a planted symlink is never
 * followed. Every function that can fail says why in its struct ikz_error
 * (each writing thread passes its own); none prints. */
#ifndef IKZ_PUBLISH_H
#define IKZ_PUBLISH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

/* One run per output directory: an fcntl write lock on OUTPUT/.lock. The
 * kernel drops it when the process ends in any way (kill -9 included), so
 * a lock can never be left behind. */
struct output_lock {
    int fd;
    size_t leftovers_removed; /* .tmp-* directories of killed runs removed */
    bool pid_written;         /* false: the lock holds, but OUTPUT/.lock names no pid */
};

/* Creates OUTPUT if missing and takes its lock. IKZ_ERR_TEMPFAIL, touching
 * nothing, when another run holds it (the message names its pid). With the
 * lock held, removes what killed runs left behind (.tmp-* directories). */
enum ikz_status publish_lock(const char *output_dir, struct output_lock *lock, struct ikz_error *err);
void publish_unlock(struct output_lock *lock);

/* Replaces OUTPUT/name atomically with data (temporary file, fsync,
 * rename): the findings of a run that publishes no report. */
enum ikz_status publish_file(const char *output_dir, const char *name, const char *data, size_t len,
                             struct ikz_error *err);

/* Removes OUTPUT/name if it exists (a stale file of an earlier run). */
enum ikz_status publish_remove(const char *output_dir, const char *name, struct ikz_error *err);

/* Whether the directory dir is a report this job published; publish.c
 * leaves what that means to the caller (the manifest's reader). */
typedef bool (*publish_is_report_fn)(const char *dir);

struct publication {
    publish_is_report_fn is_report;
    char *output_dir; /* OUTPUT */
    char *final_dir;  /* OUTPUT/YYYY */
    char *tmp_dir;    /* OUTPUT/.tmp-YYYY-XXXXXX */
    char *tmp_name;   /* .tmp-YYYY-XXXXXX */
    char *year_name;  /* YYYY */
    bool not_durable; /* after publish_commit(): the swap is in place but the directory could not be synced */
};

/* Creates OUTPUT (if missing) and the temporary directory, after making
 * sure OUTPUT/YYYY is absent or a directory is_report (not NULL) accepts;
 * publish_commit() makes sure again before the swap. */
enum ikz_status publish_begin(const char *output_dir, int year, publish_is_report_fn is_report,
                              struct publication *pub, struct ikz_error *err);

/* Creates relpath (one level of subdirectory allowed, made on demand) in
 * the temporary directory for writing. */
enum ikz_status publish_create(const struct publication *pub, const char *relpath, FILE **fp, struct ikz_error *err);

/* Flushes and closes a file from publish_create(); publish_commit() makes
 * it durable together with every other file of the publication. */
enum ikz_status publish_finish(const struct publication *pub, const char *relpath, FILE *fp, struct ikz_error *err);

/* The path of relpath in the temporary directory, for writers that open
 * the file themselves (libxlsxwriter); malloc'd, caller frees. */
char *publish_path(const struct publication *pub, const char *relpath);

/* Puts the report in place; the publication is released either way. */
enum ikz_status publish_commit(struct publication *pub, struct ikz_error *err);

/* Removes the temporary directory and releases the publication. */
void publish_abort(struct publication *pub);

#endif
