/* exports.h: the funding database's exports, projekte.csv and
 * beteiligungen.csv, read and joined to the register.
 *
 * A row that cannot be used becomes a finding and is left out; the report
 * module decides whether a run with such findings may publish. Memory grows
 * with the number of projects and a few bytes per participation: titles are
 * kept only for the projects the OZG table lists. */
#ifndef IKZ_EXPORTS_H
#define IKZ_EXPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvfile.h"
#include "findings.h"
#include "register.h"
#include "status.h"
#include "taskareas.h"
#include "values.h"

/* The hot record: what counting reads for every project. 56 bytes: two
 * million projects must fit beside ten million participations
 * (docs/performance.md). Its fields are the ones the counting loops read;
 * a new input column's field goes into struct projekt_detail, so that it
 * neither grows this record nor moves the benchmark. */
struct projekt {
    const char *id;       /* in the exports' string blocks */
    int64_t foerder_cents;
    int64_t kosten_cents;     /* ausgangskosten_eur_jahr, or MONEY_NONE */
    int64_t einsparung_cents; /* einsparung_eur_jahr, or MONEY_NONE */
    ikz_date bewilligt;
    ikz_date widerrufen;  /* 0: not revoked */
    uint32_t line : 30;   /* in projekte.csv (as beteiligung.line) */
    uint32_t missing : 2; /* amounts made missing by an item-level error */
    uint32_t first;       /* its participations: beteiligung[first .. first + count) */
    uint32_t count;
    uint16_t area;        /* index into task_areas */
    uint8_t outside;      /* distinct partners of another Land (not counted), at most 255 */
    bool usable;          /* false: rejected by a finding; its participations are dropped quietly */
};

/* The fields of a project that only a table or a paragraph naming it
 * reads, beside the hot record: exports.detail[i] belongs to
 * exports.projekt[i]. One pointer per project, for the OZG table's title. */
struct projekt_detail {
    const char *titel; /* in the exports' string blocks; only for projects of the OZG area, else NULL */
};
_Static_assert(sizeof(struct projekt) == 56, "struct projekt must stay 56 bytes: a new column goes into struct projekt_detail");

/* True if p is funded at date d: usable, approved on or before d and not
 * revoked by d (one approved on d is funded, one revoked on d is not).
 * The one definition of "active" (docs/definitions.md): the aggregation
 * counts by it, and the reader judges a participation's key only for a
 * project it makes part of the report. */
bool projekt_funded(const struct projekt *p, ikz_date d);

/* Strings kept for the whole run, in blocks that never move. */
struct string_block;

/* A participation's kommune with this bit set is a Kommune of another
 * Land (the rest: its index in the register's outside list) while the
 * rows are grouped; such rows never reach exports.beteiligung. */
#define BETEILIGUNG_OUTSIDE 0x80000000u

struct beteiligung {
    uint32_t kommune;     /* index into the register */
    uint32_t line : 30;   /* in beteiligungen.csv */
    uint32_t lead : 1;    /* rolle federfuehrend */
    uint32_t rekeyed : 1; /* named by an old key, counted at its successor */
};

struct exports {
    struct string_block *strings; /* the projects' ids and titles */
    struct projekt *projekt; /* sorted by id */
    struct projekt_detail *detail; /* detail[i] is projekt[i]'s */
    size_t n_projekte;
    struct beteiligung *beteiligung; /* grouped by project, each group sorted by Kommune, distinct */
    size_t n_beteiligungen;
    struct csvfile_info file_projekte, file_beteiligungen; /* rows, bytes, SHA-256 as read */
    size_t rejected_projekte;      /* rows of projekte.csv left out for a fehler */
    size_t rejected_beteiligungen; /* rows of beteiligungen.csv left out for a fehler */
    size_t missing_amounts;        /* amounts left out for a fehler; their projects count */
};

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
    struct csvfile_info file;
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

/* Index of the project with that id, or -1. */
long exports_find_projekt(const struct exports *ex, const char *id);

void exports_free(struct exports *ex);

#endif
