/* beteiligungen.c: reads beteiligungen.csv and resolves its participations
 * against the register and the projects, see exports.h. */
#include "exports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "export_report.h"
#include "rules.h"

/* ---------------------------------------------------------------------- */
/* beteiligungen.csv                                                       */

/* A participation as read: its run (project id) and what it says. A row
 * rejected while reading keeps kommune UINT32_MAX, so that an unknown
 * project is still reported for it but the row is never counted. */
struct beteiligung_row {
    uint32_t run;
    struct beteiligung b;
};

/* A row's kommune while its key waits for its project to be known. */
#define KOMMUNE_WAITING (UINT32_MAX - 1)

/* A row whose key the register cannot place by itself: unknown, or one
 * that only a change after the Gebietsstand created. Whether that is a
 * fehler depends on the row's project (exports_resolve_beteiligungen).
 * Rare in a good export, so the key is kept as its own copy. */
struct ags_pending {
    size_t row;   /* index into raw->row */
    char *ags;    /* owned */
    bool unplaced; /* not judged, and counted nowhere: for the one hinweis per key */
};

static int _wait(struct beteiligungen_raw *raw, const char *ags)
{
    if (raw->n_pending == raw->cap_pending) {
        size_t cap = raw->cap_pending ? 2 * raw->cap_pending : 64;
        struct ags_pending *np = realloc(raw->pending, cap * sizeof *np);
        if (!np)
            return IKZ_ERR_OSERR;
        raw->pending = np;
        raw->cap_pending = cap;
    }
    struct ags_pending *e = &raw->pending[raw->n_pending];
    e->row = raw->n;
    e->unplaced = false;
    e->ags = strdup(ags);
    if (!e->ags)
        return IKZ_ERR_OSERR;
    raw->n_pending++;
    return 0;
}

struct _bet_load {
    struct beteiligungen_raw *raw;
    const struct kommune_register *reg;
    struct findings *findings;
    const char *display;
};

/* The run for id: the last one if it has the same id, else a new one. */
static int _run_of(struct beteiligungen_raw *raw, const char *id, uint32_t *out)
{
    if (raw->n_runs > 0 && strcmp(raw->ids + raw->run[raw->n_runs - 1], id) == 0) {
        *out = (uint32_t)(raw->n_runs - 1);
        return 0;
    }
    size_t len = strlen(id) + 1;
    if (raw->ids_len + len > raw->ids_cap) {
        size_t cap = raw->ids_cap ? 2 * raw->ids_cap : 1 << 16;
        while (cap < raw->ids_len + len)
            cap *= 2;
        char *ids = realloc(raw->ids, cap);
        if (!ids)
            return IKZ_ERR_OSERR;
        raw->ids = ids;
        raw->ids_cap = cap;
    }
    if (raw->n_runs == raw->cap_runs) {
        size_t cap = raw->cap_runs ? 2 * raw->cap_runs : 4096;
        uint32_t *run = realloc(raw->run, cap * sizeof *run);
        if (!run)
            return IKZ_ERR_OSERR;
        raw->run = run;
        raw->cap_runs = cap;
    }
    if (raw->ids_len > UINT32_MAX - len || raw->n_runs >= UINT32_MAX)
        return IKZ_ERR_OSERR;
    memcpy(raw->ids + raw->ids_len, id, len);
    raw->run[raw->n_runs] = (uint32_t)raw->ids_len;
    raw->ids_len += len;
    *out = (uint32_t)raw->n_runs++;
    return 0;
}

/* One row of beteiligungen.csv while its cells are judged. */
struct _bet_cells {
    const struct _bet_load *ld;
    const char *id, *ags; /* the cells */
    long kommune;         /* index in the register, or BETEILIGUNG_OUTSIDE with another Land's index; -1: none */
    bool lead, rekeyed, waiting;
};

/* A fehler in any column of a participation leaves that row out
 * (docs/findings.md); all its columns are judged all the same. */
struct _bet_column {
    const char *name;
    bool required;
    bool (*judge)(struct _bet_cells *row, const char *cell, struct rule_result *why);
};

static bool _b_id(struct _bet_cells *row, const char *cell, struct rule_result *why)
{
    row->id = cell;
    return rule_present(cell, why);
}

/* A Kommune of the register; or, each a hinweis, a key the changes lead
 * to one (counted there) or another Land's Kommune (kept apart, not
 * counted); or a key judged once its project is known, since a project
 * the report does not count may name a key only a later Gebietsstand
 * knows (exports_resolve_beteiligungen). Reads the projekt_id judged
 * before it. */
static bool _b_ags(struct _bet_cells *row, const char *cell, struct rule_result *why)
{
    struct ags_match m;
    row->ags = cell;
    if (!rule_present(cell, why))
        return false;
    if (rule_ags_known(row->ld->reg, cell, &m, why)) {
        row->kommune = m.kommune;
        return true;
    }
    switch (why->code) {
    case FINDING_AGS_UMGESCHLUESSELT:
        row->kommune = m.kommune;
        row->rekeyed = true;
        return true;
    case FINDING_BETEILIGUNG_ANDERES_LAND:
        row->kommune = (long)(BETEILIGUNG_OUTSIDE | (uint32_t)m.outside);
        return true;
    case FINDING_AGS_UNBEKANNT:
    case FINDING_AGS_ZURUECKGESCHLUESSELT:
    case FINDING_AGS_NACH_GEBIETSSTAND:
        if (!row->id || !*row->id)
            return false; /* no project to wait for */
        row->waiting = true;
        why->code = FINDING__COUNT; /* nothing to report yet */
        return true;
    default:
        return false;
    }
}

static bool _b_rolle(struct _bet_cells *row, const char *cell, struct rule_result *why)
{
    return rule_role(cell, &row->lead, why);
}

/* beteiligungen.csv's columns (docs/inputs.md), judged in this order. */
static const struct _bet_column _bet_columns[] = {
    {"projekt_id", true, _b_id},
    {"ags", true, _b_ags},
    {"rolle", true, _b_rolle},
};
#define N_BET_COLUMNS (sizeof _bet_columns / sizeof _bet_columns[0])

static enum ikz_status _bet_row(void *ctx, const struct csv_record *rec)
{
    struct _bet_load *ld = ctx;
    struct beteiligungen_raw *raw = ld->raw;
    struct _bet_cells row = {.ld = ld, .kommune = -1};
    bool ok = !rec->rejected; /* the reader made that finding */
    if (ok) {
        for (size_t i = 0; i < N_BET_COLUMNS; i++) {
            struct rule_result why;
            why.code = FINDING__COUNT; /* the hint is written only with a code */
            ok &= _bet_columns[i].judge(&row, rec->field[i], &why);
            if (why.code != FINDING__COUNT)
                export_report(ld->findings, ld->display, rec->line, _bet_columns[i].name, rec->field[i], &why);
        }
        raw->rejected += !ok;
    } else {
        for (size_t i = 0; i < N_BET_COLUMNS && !row.id; i++)
            if (strcmp(_bet_columns[i].name, "projekt_id") == 0)
                row.id = rec->field[i];
    }
    if (!row.id || !*row.id)
        return IKZ_OK;
    if (raw->n == raw->cap) {
        size_t cap = raw->cap ? 2 * raw->cap : 4096;
        struct beteiligung_row *r = realloc(raw->row, cap * sizeof *r);
        if (!r)
            return IKZ_ERR_OSERR;
        raw->row = r;
        raw->cap = cap;
    }
    struct beteiligung_row *r = &raw->row[raw->n];
    if (_run_of(raw, row.id, &r->run) != 0)
        return IKZ_ERR_OSERR;
    if (row.waiting && _wait(raw, row.ags) != 0) /* judged later even when another column failed */
        return IKZ_ERR_OSERR;
    r->b.kommune = !ok ? UINT32_MAX : row.waiting ? KOMMUNE_WAITING : (uint32_t)row.kommune;
    r->b.line = (uint32_t)(rec->line & 0x3FFFFFFF);
    r->b.rekeyed = row.rekeyed;
    r->b.lead = row.lead;
    raw->n++;
    return IKZ_OK;
}

enum ikz_status exports_read_beteiligungen(const char *path, const char *display, const struct csvfile_options *opt,
                                           const struct kommune_register *reg, struct beteiligungen_raw *raw,
                                           struct findings *findings)
{
    memset(raw, 0, sizeof *raw);
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, display, opt, findings, &cf);
    if (st != IKZ_OK)
        return st;
    const char *names[N_BET_COLUMNS]; /* borrowed by cf until it is closed */
    bool required[N_BET_COLUMNS];
    for (size_t i = 0; i < N_BET_COLUMNS; i++) {
        names[i] = _bet_columns[i].name;
        required[i] = _bet_columns[i].required;
    }
    struct _bet_load ld = {.raw = raw, .reg = reg, .findings = findings, .display = display};
    st = csvfile_bind(cf, names, required, N_BET_COLUMNS);
    if (st == IKZ_OK)
        st = csvfile_each(cf, _bet_row, &ld);
    csvfile_get_info(cf, &raw->file);
    csvfile_close(cf);
    if (st == IKZ_OK && raw->file.rows == 0)
        findings_add(findings, FINDING_DATEI_LEER, display, 0, NULL, NULL, "nur die Kopfzeile, keine Beteiligungen");
    return st;
}

/* Groups the participations by project (a counting sort, linear in their
 * number), orders each group by Kommune and merges repeated pairs. The
 * rows' run fields hold their project index by now, or UINT32_MAX for a
 * row that does not count. */
static enum ikz_status _group(struct beteiligungen_raw *raw, const char *display, const struct kommune_register *reg,
                              struct exports *ex, struct findings *findings)
{
    size_t n = 0;
    for (size_t i = 0; i < raw->n; i++)
        n += raw->row[i].run != UINT32_MAX;
    struct beteiligung *b = malloc((n ? n : 1) * sizeof *b);
    if (!b)
        return IKZ_ERR_OSERR;
    for (size_t i = 0; i < ex->n_projekte; i++)
        ex->projekt[i].count = 0;
    for (size_t i = 0; i < raw->n; i++)
        if (raw->row[i].run != UINT32_MAX)
            ex->projekt[raw->row[i].run].count++;
    uint32_t next = 0;
    for (size_t i = 0; i < ex->n_projekte; i++) {
        ex->projekt[i].first = next;
        next += ex->projekt[i].count;
        ex->projekt[i].count = 0;
    }
    for (size_t i = 0; i < raw->n; i++) {
        if (raw->row[i].run == UINT32_MAX)
            continue;
        struct projekt *p = &ex->projekt[raw->row[i].run];
        b[p->first + p->count++] = raw->row[i].b;
    }

    size_t out = 0;
    for (size_t i = 0; i < ex->n_projekte; i++) {
        struct projekt *p = &ex->projekt[i];
        struct beteiligung *g = b + p->first;
        /* Insertion sort: groups are small, and it keeps equal Kommunen in
         * file order so the finding names the later line. */
        for (uint32_t j = 1; j < p->count; j++) {
            struct beteiligung x = g[j];
            uint32_t m = j;
            while (m > 0 && g[m - 1].kommune > x.kommune) {
                g[m] = g[m - 1];
                m--;
            }
            g[m] = x;
        }
        uint32_t first = (uint32_t)out;
        uint32_t in_group = p->count;
        p->outside = 0;
        for (uint32_t j = 0; j < in_group; j++) {
            if (g[j].kommune & BETEILIGUNG_OUTSIDE) {
                /* Another Land's partner: counted once per project, kept
                 * out of the participations (they sort last). */
                if ((j == 0 || g[j - 1].kommune != g[j].kommune) && p->outside < UINT8_MAX)
                    p->outside++;
                continue;
            }
            if (out > first && b[out - 1].kommune == g[j].kommune) {
                /* A predecessor named beside its successor is one Kommune
                 * now: counted once, and the re-keying's own hinweis says
                 * why. The pair is re-keyed only if no row named it by the
                 * key of the register. */
                if (!b[out - 1].rekeyed && !g[j].rekeyed)
                    findings_add(findings, FINDING_BETEILIGUNG_DOPPELT, display, (long)g[j].line, "ags",
                                 reg->kommune[g[j].kommune].ags, "projekt_id %s, zuerst in Zeile %lu", p->id,
                                 (unsigned long)b[out - 1].line);
                b[out - 1].lead |= g[j].lead;
                b[out - 1].rekeyed &= g[j].rekeyed;
                continue;
            }
            b[out++] = g[j];
        }
        p->first = first;
        p->count = (uint32_t)out - first;
    }
    ex->beteiligung = b;
    ex->n_beteiligungen = out;
    return IKZ_OK;
}

static int _cmp_pending(const void *a, const void *b)
{
    const struct ags_pending *x = *(const struct ags_pending *const *)a, *y = *(const struct ags_pending *const *)b;
    int c = strcmp(x->ags, y->ags);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* One AGS_NICHT_GEPRUEFT per key of the rows left unplaced, at its first
 * line: a rerun for an earlier year may meet many rows of later projects
 * with the same later key, and one line says it all. */
static enum ikz_status _not_judged(const struct beteiligungen_raw *raw, const char *display,
                                   const struct kommune_register *reg, struct findings *findings)
{
    size_t n = 0;
    for (size_t i = 0; i < raw->n_pending; i++)
        n += raw->pending[i].unplaced;
    if (n == 0)
        return IKZ_OK;
    const struct ags_pending **v = malloc(n * sizeof *v);
    if (!v)
        return IKZ_ERR_OSERR;
    n = 0;
    for (size_t i = 0; i < raw->n_pending; i++)
        if (raw->pending[i].unplaced)
            v[n++] = &raw->pending[i];
    qsort(v, n, sizeof *v, _cmp_pending);
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && strcmp(v[j]->ags, v[i]->ags) == 0;)
            j++;
        const struct beteiligung_row *row = &raw->row[v[i]->row];
        struct ags_match m;
        struct rule_result why;
        rule_ags_known(reg, v[i]->ags, &m, &why);
        char rows[64] = "";
        if (j - i > 1)
            snprintf(rows, sizeof rows, "; %zu Zeilen mit diesem Schlüssel", j - i);
        findings_add(findings, FINDING_AGS_NICHT_GEPRUEFT, display, (long)row->b.line, "ags", v[i]->ags,
                     "projekt_id %s%s%s%s", raw->ids + raw->run[row->run], rows, *why.hint ? "; " : "", why.hint);
    }
    free(v);
    return IKZ_OK;
}

/* Judges the keys left waiting, now that each row's project (proj_of_run)
 * is known: see exports_resolve_beteiligungen(). */
static void _judge_waiting(struct beteiligungen_raw *raw, const uint32_t *proj_of_run, const char *display,
                           const struct kommune_register *reg, ikz_date stichtag, struct exports *ex,
                           struct findings *findings)
{
    ikz_date year_before = stichtag ? date_minus_year(stichtag) : 0;
    for (size_t i = 0; i < raw->n_pending; i++) {
        struct ags_pending *e = &raw->pending[i];
        struct beteiligung_row *row = &raw->row[e->row];
        uint32_t p = proj_of_run[row->run];
        /* An unknown or rejected project has its own fehler; its key is
         * judged as ever, so that one run reports all it can. */
        bool judged = stichtag == 0 || p == UINT32_MAX || !ex->projekt[p].usable ||
                      projekt_funded(&ex->projekt[p], stichtag) || projekt_funded(&ex->projekt[p], year_before);
        bool waiting = row->b.kommune == KOMMUNE_WAITING;
        struct ags_match m;
        struct rule_result why;
        rule_ags_known(reg, e->ags, &m, &why);
        bool placed = why.code == FINDING_AGS_ZURUECKGESCHLUESSELT;
        if (judged)
            findings_add(findings, why.code, display, (long)row->b.line, "ags", e->ags, *why.hint ? "%s" : NULL,
                         why.hint);
        if (!waiting)
            continue; /* rejected for another fehler already */
        row->b.kommune = placed ? (uint32_t)m.kommune : UINT32_MAX;
        if (!placed && judged)
            ex->rejected_beteiligungen++;
        e->unplaced = !placed && !judged;
    }
}

enum ikz_status exports_resolve_beteiligungen(struct beteiligungen_raw *raw, const char *display,
                                              const struct kommune_register *reg, ikz_date stichtag,
                                              struct exports *ex, struct findings *findings)
{
    ex->file_beteiligungen = raw->file;
    ex->rejected_beteiligungen = raw->rejected;
    /* One lookup per run of rows, not per row. */
    uint32_t *proj_of_run = malloc((raw->n_runs ? raw->n_runs : 1) * sizeof *proj_of_run);
    if (!proj_of_run) {
        exports_raw_free(raw);
        return IKZ_ERR_OSERR;
    }
    /* Exports list participations in the order of their projects, so a
     * cursor walking forward through the sorted projects finds nearly every
     * run in a step or two; anything else falls back to a binary search. */
    size_t cursor = 0;
    for (size_t r = 0; r < raw->n_runs; r++) {
        const char *id = raw->ids + raw->run[r];
        long p = -1;
        for (size_t step = 0; step < 4 && cursor + step < ex->n_projekte; step++) {
            int c = strcmp(ex->projekt[cursor + step].id, id);
            if (c == 0)
                p = (long)(cursor + step);
            if (c >= 0)
                break;
        }
        if (p < 0)
            p = exports_find_projekt(ex, id);
        else
            while (p > 0 && strcmp(ex->projekt[p - 1].id, id) == 0) /* the first of duplicates counts */
                p--;
        if (p >= 0)
            cursor = (size_t)p + 1;
        proj_of_run[r] = p < 0 ? UINT32_MAX : (uint32_t)p;
    }
    _judge_waiting(raw, proj_of_run, display, reg, stichtag, ex, findings);
    if (_not_judged(raw, display, reg, findings) != IKZ_OK) {
        free(proj_of_run);
        exports_raw_free(raw);
        return IKZ_ERR_OSERR;
    }
    /* Each row's run becomes its project index (or UINT32_MAX): in place,
     * as ten million rows leave no room for a second array. */
    for (size_t i = 0; i < raw->n; i++) {
        struct beteiligung_row *row = &raw->row[i];
        uint32_t p = proj_of_run[row->run];
        if (p == UINT32_MAX) {
            findings_add(findings, FINDING_PROJEKT_UNBEKANNT, display, (long)row->b.line, "projekt_id",
                         raw->ids + raw->run[row->run], NULL);
            ex->rejected_beteiligungen += row->b.kommune != UINT32_MAX;
        }
        /* A row of a rejected project is dropped: its finding is made. */
        row->run = p != UINT32_MAX && row->b.kommune != UINT32_MAX && ex->projekt[p].usable ? p : UINT32_MAX;
    }
    free(proj_of_run);
    enum ikz_status st = _group(raw, display, reg, ex, findings);
    exports_raw_free(raw);
    return st;
}

void exports_raw_free(struct beteiligungen_raw *raw)
{
    free(raw->row);
    free(raw->ids);
    free(raw->run);
    for (size_t i = 0; i < raw->n_pending; i++)
        free(raw->pending[i].ags);
    free(raw->pending);
    memset(raw, 0, sizeof *raw);
}

enum ikz_status exports_load_beteiligungen(const char *path, const char *display, const struct csvfile_options *opt,
                                           const struct kommune_register *reg, ikz_date stichtag, struct exports *ex,
                                           struct findings *findings)
{
    struct beteiligungen_raw raw;
    size_t errors_before = findings->errors, start = findings->n;
    enum ikz_status st = exports_read_beteiligungen(path, display, opt, reg, &raw, findings);
    if (st != IKZ_OK) {
        exports_raw_free(&raw);
        return st;
    }
    st = exports_resolve_beteiligungen(&raw, display, reg, stichtag, ex, findings);
    /* The file's findings in the order of its lines, as a person reads them. */
    findings_sort_from(findings, start);
    if (st == IKZ_OK && findings->errors > errors_before)
        st = IKZ_ERR_DATA;
    return st;
}
