/* exports.h: the funding database's exports, projekte.csv and
 * beteiligungen.csv, read and joined to the register.
 *
 * A row that cannot be used becomes a finding and is left out; the report
 * module decides whether a run with such findings may publish. What is
 * read becomes struct exports (model/projects.h, with the definition of
 * funded, the lookup by id and the free); this module reads it. */
#ifndef IKZ_EXPORTS_H
#define IKZ_EXPORTS_H

#include <stddef.h>
#include <stdint.h>

#include "csvfile.h"
#include "findings.h"
#include "projects.h"
#include "register.h"
#include "status.h"
#include "taskareas.h"
#include "values.h"

/* A participation's kommune with this bit set is a Kommune of another
 * Land (the rest: its index in the register's outside list) while the
 * rows are grouped; such rows never reach exports.beteiligung. */
#define BETEILIGUNG_OUTSIDE 0x80000000u

/* Reads projekte.csv. IKZ_ERR_DATA if any row had an error finding. */
enum ikz_status exports_load_projekte(const char *path, const char *display, const struct csvfile_options *opt, const struct task_areas *areas,
                                      struct exports *out, struct findings *findings);

/* Reads beteiligungen.csv against the projects already loaded and the
 * register; merges duplicated (project, Kommune) pairs with a finding.
 * The same as exports_read_beteiligungen() then exports_resolve_beteiligungen(). */
enum ikz_status exports_load_beteiligungen(const char *path, const char *display, const struct csvfile_options *opt,
                                           const struct kommune_register *reg, ikz_date stichtag, struct exports *ex,
                                           struct findings *findings);

/* beteiligungen.csv as read, before its project ids are resolved: so that
 * it can be read while projekte.csv is read on another core. A project id
 * is kept once per run of rows with the same id (exports group them). */
struct beteiligungen_raw {
    struct beteiligung_row *row; /* opaque to callers */
    size_t n, cap;
    char *ids;                   /* the runs' project ids, NUL-terminated, one after the other */
    size_t ids_len, ids_cap;
    uint32_t *run;               /* offset of each run's id in ids */
    size_t n_runs, cap_runs;
    struct input_file_info file;
    size_t rejected;             /* rows rejected while reading */
    struct ags_pending *pending; /* rows whose key the register cannot place yet; opaque */
    size_t n_pending, cap_pending;
};

/* Reads the rows and checks role and AGS; needs only the register. A key
 * the register knows, or that the changes in force lead to, is judged
 * here; any other key waits for exports_resolve_beteiligungen(), which
 * knows the row's project. */
enum ikz_status exports_read_beteiligungen(const char *path, const char *display, const struct csvfile_options *opt,
                                           const struct kommune_register *reg, struct beteiligungen_raw *raw,
                                           struct findings *findings);

/* Resolves the project ids against ex's projects, judges the keys left
 * waiting, groups the rows by project and frees raw. Findings for unknown
 * projects and keys go to findings. A waiting key of a usable project
 * funded neither at stichtag nor a year before is not judged: the report
 * does not count that project, and the key may be one only a later
 * Gebietsstand knows (a rerun for an earlier year). Such a row counts at
 * the Kommune that Schlüsseländerungen lead back to, else not at all,
 * with one AGS_NICHT_GEPRUEFT hinweis per key. stichtag 0 judges every
 * key (no report date is known). */
enum ikz_status exports_resolve_beteiligungen(struct beteiligungen_raw *raw, const char *display,
                                              const struct kommune_register *reg, ikz_date stichtag,
                                              struct exports *ex, struct findings *findings);

void exports_raw_free(struct beteiligungen_raw *raw);

#endif
