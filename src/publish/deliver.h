/* deliver.h: the exporter's side of the drop (`ikz-report einliefern`):
 * putting an export into DROP/YYYY-MM-DD so that the job never sees half
 * of it.
 *
 * The files are copied into a dot-directory beside the target
 * (DROP/.einliefern-YYYY-MM-DD-XXXXXX, which the job never considers: it
 * reads only names YYYY-MM-DD), hashed in the same pass, synced, sealed
 * with SHA256SUMS in the form `sha256sum` writes, and the directory is
 * then renamed to YYYY-MM-DD in one step. An existing delivery of that
 * date is replaced only when asked, by swapping the two (renameat2 with
 * RENAME_EXCHANGE), so the dated name holds the complete old delivery or
 * the complete new one at every instant. On any failure the temporary
 * directory is removed. Files are made 0640 and the directory 0750 (with
 * the drop's setgid bit, which gives them the drop's group), whatever the
 * umask: the job runs as another user of that group. Nothing here prints;
 * the caller (main.c) logs. */
#ifndef IKZ_DELIVER_H
#define IKZ_DELIVER_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

/* The seal's name, as the job and `sha256sum -c` know it. */
#define DELIVER_SEAL "SHA256SUMS"

struct deliver_options {
    const char *drop_dir;   /* DROP: must exist; it is never created here */
    const char *source_dir; /* SRC: the export's files */
    const char *date;       /* "YYYY-MM-DD", the delivery's name; the caller checks it */
    bool replace;           /* --ersetzen: replace a delivery of that date */
};

struct deliver_result {
    size_t files;                /* files copied, the seal not counted */
    long long bytes;             /* their bytes */
    size_t skipped;              /* subdirectories, dotfiles and SRC's own SHA256SUMS, not copied */
    bool replaced;               /* a delivery of that date was replaced */
    struct ikz_error warning;    /* status IKZ_OK if none; else delivered, but see the message */
};

/* Delivers opt->source_dir into opt->drop_dir/opt->date as described
 * above. Copies every regular file (or link to one) directly in SRC whose
 * name does not start with "."; subdirectories, dotfiles and a
 * SHA256SUMS of SRC (the seal is made from the bytes copied) are skipped.
 * Returns IKZ_OK (delivered; result->warning may hold a note, e.g. a
 * replaced delivery that could not be removed);
 * IKZ_ERR_NOINPUT: SRC cannot be read, lacks projekte.csv or
 * beteiligungen.csv, or holds a name that is neither a regular file nor a
 * directory, or a file cannot be opened;
 * IKZ_ERR_DATA: a file's name holds a newline or a backslash (sha256sum
 * would escape it, and the job's reader does not unescape);
 * IKZ_ERR_CANTCREAT: DROP cannot be written to, or DROP/DATE exists and
 * replace is false;
 * IKZ_ERR_IO: reading, writing or syncing failed;
 * IKZ_ERR_OSERR: out of memory.
 * Nothing under DROP changes on failure (but see IKZ_ERR_IO in deliver.c:
 * a drop directory that cannot be synced after the rename). */
enum ikz_status deliver_export(const struct deliver_options *opt, struct deliver_result *result,
                               struct ikz_error *err);

#endif
