/* projects.h: the projects and their participations as the run holds
 * them.
 *
 * read/exports.h fills struct exports from projekte.csv and
 * beteiligungen.csv, joined to the register (a participation names its
 * Kommune by index); check/check.h judges each project against its
 * participations and compute/ counts them. So the records, the one
 * definition of "funded at a date" and the lookup by id live below all of
 * them. Memory grows with the number of projects and a few bytes per
 * participation: titles are kept only for the projects the OZG table
 * lists. */
#ifndef IKZ_PROJECTS_H
#define IKZ_PROJECTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input_file.h"
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

/* Strings kept for the whole run, in blocks that never move
 * (exports_keep). */
struct string_block;

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
    struct input_file_info file_projekte, file_beteiligungen; /* rows, bytes, SHA-256 as read */
    size_t rejected_projekte;      /* rows of projekte.csv left out for a fehler */
    size_t rejected_beteiligungen; /* rows of beteiligungen.csv left out for a fehler */
    size_t missing_amounts;        /* amounts left out for a fehler; their projects count */
};

/* Copies s into ex's string blocks, which live until exports_free();
 * the copy never moves. NULL when out of memory. */
const char *exports_keep(struct exports *ex, const char *s);

/* Index of the project with that id, or -1. */
long exports_find_projekt(const struct exports *ex, const char *id);

/* Frees the records, the details and the string blocks, and zeroes ex. */
void exports_free(struct exports *ex);

#endif
