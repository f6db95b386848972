/* exports.c: reads projekte.csv and beteiligungen.csv, see exports.h. */
#include "exports.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "rules.h"
#include "text.h"

/* ---------------------------------------------------------------------- */
/* String blocks                                                           */

/* One malloc per project id would cost more than the id itself; blocks of
 * 1 MiB cost a pointer each and never move, so the projects may point in. */
#define STRING_BLOCK (1u << 20)

struct string_block {
    struct string_block *next;
    size_t used, size;
    char data[];
};

static const char *_keep(struct exports *ex, const char *s)
{
    size_t len = strlen(s) + 1;
    struct string_block *b = ex->strings;
    if (!b || b->used + len > b->size) {
        size_t size = len > STRING_BLOCK ? len : STRING_BLOCK;
        struct string_block *nb = malloc(sizeof *nb + size);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->size = size;
        ex->strings = b = nb;
    }
    char *out = b->data + b->used;
    memcpy(out, s, len);
    b->used += len;
    return out;
}

/* ---------------------------------------------------------------------- */
/* projekte.csv                                                            */

enum { P_ID, P_TITEL, P_AREA, P_BEWILLIGT, P_WIDERRUFEN, P_FOERDER, P_KOSTEN, P_EINSPARUNG, P__COUNT };
static const char *const _projekt_columns[P__COUNT] = {
    "projekt_id", "titel", "aufgabenbereich", "bewilligt_am", "widerrufen_am",
    "foerderbetrag_eur", "ausgangskosten_eur_jahr", "einsparung_eur_jahr"};

struct _projekte_load {
    struct exports *ex;
    size_t cap;
    const struct task_areas *areas;
    struct findings *findings;
    const char *display;
};

/* Reports the finding a rule gave for column col of rec; value is what
 * the cell held, detail a printf format for more (the rule's hint if NULL). */
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
static bool _report(struct findings *findings, const char *display, const struct csv_record *rec, const char *column,
                    const struct rule_result *why, const char *detail, ...)
{
    const char *value = NULL;
    for (size_t i = 0; i < P__COUNT && !value; i++)
        if (strcmp(column, _projekt_columns[i]) == 0)
            value = rec->field[i];
    char text[256] = "";
    if (detail) {
        va_list ap;
        va_start(ap, detail);
        vsnprintf(text, sizeof text, detail, ap);
        va_end(ap);
    } else {
        snprintf(text, sizeof text, "%s", why->hint);
    }
    findings_add(findings, why->code, display, rec->line, column, why->code == FINDING_PFLICHTFELD_LEER ? NULL : value,
                 *text ? "%s" : NULL, text);
    return false;
}

/* One column judged by a rule; reports and returns false if it fails. */
#define JUDGE(ld, rec, col, rule_call)                                                                             \
    ((rule_call) || _report((ld)->findings, (ld)->display, (rec), _projekt_columns[col], &why, NULL))

/* Appends p with copies of id and titel (NULL: no title kept). */
static int _add_projekt(struct _projekte_load *ld, const struct projekt *p, const char *id, const char *titel)
{
    struct exports *ex = ld->ex;
    if (ex->n_projekte == ld->cap) {
        size_t cap = ld->cap ? 2 * ld->cap : 1024;
        struct projekt *np = realloc(ex->projekt, cap * sizeof *np);
        if (!np)
            return IKZ_ERR_OSERR;
        ex->projekt = np;
        ld->cap = cap;
    }
    struct projekt *q = &ex->projekt[ex->n_projekte];
    *q = *p;
    q->id = _keep(ex, id);
    q->titel = titel ? _keep(ex, titel) : NULL;
    if (!q->id || (titel && !q->titel))
        return IKZ_ERR_OSERR;
    ex->n_projekte++;
    return 0;
}

static int _projekt_row(void *ctx, const struct csv_record *rec)
{
    struct _projekte_load *ld = ctx;
    struct exports *ex = ld->ex;
    const char *id = rec->field[P_ID];
    if (rec->rejected) {
        /* The reader made the finding; keep the id as an unusable project
         * so that its participations are not reported a second time. */
        return id && *id ? _add_projekt(ld, &(struct projekt){.line = (uint32_t)rec->line, .usable = false}, id, NULL)
                         : 0;
    }
    struct rule_result why;
    if (!JUDGE(ld, rec, P_ID, rule_present(id, &why))) {
        ex->rejected_projekte++;
        return 0;
    }
    struct projekt p = {.line = (uint32_t)rec->line, .usable = true};
    long a;
    p.usable &= JUDGE(ld, rec, P_AREA, rule_task_area(ld->areas, rec->field[P_AREA], &a, &why));
    p.area = a < 0 ? 0 : (uint16_t)a;
    /* Every column is judged, so one pass finds every problem of the row. */
    p.usable &= JUDGE(ld, rec, P_BEWILLIGT, rule_date(rec->field[P_BEWILLIGT], true, &p.bewilligt, &why));
    p.usable &= JUDGE(ld, rec, P_WIDERRUFEN, rule_date(rec->field[P_WIDERRUFEN], false, &p.widerrufen, &why));
    if (!rule_revocation(p.bewilligt, p.widerrufen, &why))
        p.usable = _report(ld->findings, ld->display, rec, "widerrufen_am", &why, "bewilligt am %s",
                           rec->field[P_BEWILLIGT]);
    /* An amount with an error is an item-level error: the amount becomes
     * missing (its finding is a fehler all the same, so only --max-fehler
     * lets the run go on), and the project still counts. Dates, keys and
     * task areas decide whether and where a project counts: they reject
     * the row. */
    struct {
        int col;
        bool required;
        int64_t *cents;
    } amount[] = {{P_FOERDER, true, &p.foerder_cents},
                  {P_KOSTEN, false, &p.kosten_cents},
                  {P_EINSPARUNG, false, &p.einsparung_cents}};
    for (size_t i = 0; i < sizeof amount / sizeof amount[0]; i++)
        if (!JUDGE(ld, rec, amount[i].col, rule_amount(rec->field[amount[i].col], amount[i].required,
                                                       amount[i].cents, &why))) {
            *amount[i].cents = MONEY_NONE;
            p.missing++;
        }
    /* Savings above costs: either may be wrong, so both go. */
    if (!rule_savings(p.kosten_cents, p.einsparung_cents, &why)) {
        _report(ld->findings, ld->display, rec, "einsparung_eur_jahr", &why, "Ausgangskosten %s",
                rec->field[P_KOSTEN]);
        p.missing = (uint32_t)(p.missing + (p.kosten_cents != MONEY_NONE) + (p.einsparung_cents != MONEY_NONE)) & 3u;
        p.kosten_cents = p.einsparung_cents = MONEY_NONE;
    }

    ex->rejected_projekte += !p.usable;
    bool keep_title = p.usable && (long)p.area == ld->areas->ozg;
    return _add_projekt(ld, &p, id, keep_title ? (rec->field[P_TITEL] ? rec->field[P_TITEL] : "") : NULL);
}

static int _cmp_projekt(const void *a, const void *b)
{
    const struct projekt *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

enum ikz_status exports_load_projekte(const char *path, const char *display, const struct csvfile_options *opt, const struct task_areas *areas,
                                      struct exports *out, struct findings *findings)
{
    memset(out, 0, sizeof *out);
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, display, opt, findings, &cf);
    if (st != IKZ_OK)
        return st;
    /* widerrufen_am and the two yearly amounts are optional columns too:
     * an export without them has no revocations and no savings figures. */
    static const bool required[P__COUNT] = {true, true, true, true, false, true, false, false};
    struct _projekte_load ld = {.ex = out, .areas = areas, .findings = findings, .display = display};
    size_t errors_before = findings->errors;
    st = csvfile_bind(cf, _projekt_columns, required, P__COUNT);
    if (st == IKZ_OK)
        st = csvfile_each(cf, _projekt_row, &ld);
    csvfile_get_info(cf, &out->file_projekte);
    csvfile_close(cf);
    if (st != IKZ_OK)
        return st;
    if (out->file_projekte.rows == 0) /* a failed export, not a programme without projects */
        findings_add(findings, FINDING_DATEI_LEER, display, 0, NULL, NULL, "nur die Kopfzeile, keine Projekte");

    /* Sorted by id for lookups; a repeated id keeps its first row (by line)
     * and the later ones become findings and unusable. */
    if (out->n_projekte > 0) /* qsort and bsearch must not see a NULL array */
        qsort(out->projekt, out->n_projekte, sizeof *out->projekt, _cmp_projekt);
    for (size_t i = 1; i < out->n_projekte; i++) {
        struct projekt *p = &out->projekt[i];
        if (strcmp(p->id, out->projekt[i - 1].id) == 0) {
            findings_add(findings, FINDING_PROJEKT_DOPPELT, display, (long)p->line, "projekt_id", p->id,
                         "zuerst in Zeile %lu", (unsigned long)out->projekt[i - 1].line);
            out->rejected_projekte += p->usable;
            p->usable = false;
        }
    }
    for (size_t i = 0; i < out->n_projekte; i++)
        out->missing_amounts += out->projekt[i].usable ? out->projekt[i].missing : 0;
    return findings->errors > errors_before ? IKZ_ERR_DATA : IKZ_OK;
}

bool projekt_funded(const struct projekt *p, ikz_date d)
{
    return p->usable && p->bewilligt <= d && !(p->widerrufen && p->widerrufen <= d);
}

static int _cmp_id(const void *key, const void *elem)
{
    return strcmp(key, ((const struct projekt *)elem)->id);
}

long exports_find_projekt(const struct exports *ex, const char *id)
{
    /* Duplicates sit next to each other; bsearch may hit any of them, the
     * first one is the one that counts. */
    if (ex->n_projekte == 0)
        return -1;
    const struct projekt *p = bsearch(id, ex->projekt, ex->n_projekte, sizeof *ex->projekt, _cmp_id);
    if (!p)
        return -1;
    while (p > ex->projekt && strcmp(p[-1].id, id) == 0)
        p--;
    return p - ex->projekt;
}

/* ---------------------------------------------------------------------- */
/* beteiligungen.csv                                                       */

enum { B_ID, B_AGS, B_ROLLE, B__COUNT };

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

static int _bet_row(void *ctx, const struct csv_record *rec)
{
    struct _bet_load *ld = ctx;
    struct beteiligungen_raw *raw = ld->raw;
    const char *id = rec->field[B_ID], *ags = rec->field[B_AGS], *rolle = rec->field[B_ROLLE];
    bool ok = !rec->rejected; /* the reader made that finding */

    long k = -1;
    bool lead = false, rekeyed = false, waiting = false;
    struct ags_match m;
    struct rule_result why;
    if (!rec->rejected) {
        if (!rule_present(id, &why)) {
            findings_add(ld->findings, why.code, ld->display, rec->line, "projekt_id", NULL, NULL);
            ok = false;
        }
        if (!rule_present(ags, &why)) {
            findings_add(ld->findings, why.code, ld->display, rec->line, "ags", NULL, NULL);
            ok = false;
        } else if (rule_ags_known(ld->reg, ags, &m, &why)) {
            k = m.kommune;
        } else if (id && *id &&
                   (why.code == FINDING_AGS_UNBEKANNT || why.code == FINDING_AGS_ZURUECKGESCHLUESSELT ||
                    why.code == FINDING_AGS_NACH_GEBIETSSTAND)) {
            /* Judged once the project is known: a project the report does
             * not count may name a key only a later Gebietsstand knows. */
            waiting = true;
        } else {
            findings_add(ld->findings, why.code, ld->display, rec->line, "ags", ags, *why.hint ? "%s" : NULL,
                         why.hint);
            if (why.code == FINDING_AGS_UMGESCHLUESSELT) /* a hinweis: counted at the successor */
                k = m.kommune, rekeyed = true;
            else if (why.code == FINDING_BETEILIGUNG_ANDERES_LAND) /* a hinweis: kept apart, not counted */
                k = (long)(BETEILIGUNG_OUTSIDE | (uint32_t)m.outside);
            else
                ok = false;
        }
        if (!rule_role(rolle, &lead, &why)) {
            findings_add(ld->findings, why.code, ld->display, rec->line, "rolle", rolle ? rolle : "", NULL);
            ok = false;
        }
    }
    if (!ok && !rec->rejected)
        raw->rejected++;
    if (!id || !*id)
        return 0;
    if (raw->n == raw->cap) {
        size_t cap = raw->cap ? 2 * raw->cap : 4096;
        struct beteiligung_row *r = realloc(raw->row, cap * sizeof *r);
        if (!r)
            return IKZ_ERR_OSERR;
        raw->row = r;
        raw->cap = cap;
    }
    struct beteiligung_row *r = &raw->row[raw->n];
    if (_run_of(raw, id, &r->run) != 0)
        return IKZ_ERR_OSERR;
    if (waiting && _wait(raw, ags) != 0)
        return IKZ_ERR_OSERR;
    r->b.kommune = !ok ? UINT32_MAX : waiting ? KOMMUNE_WAITING : (uint32_t)k;
    r->b.line = (uint32_t)(rec->line & 0x3FFFFFFF);
    r->b.rekeyed = rekeyed;
    r->b.lead = lead;
    raw->n++;
    return 0;
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
    static const char *const names[B__COUNT] = {"projekt_id", "ags", "rolle"};
    static const bool required[B__COUNT] = {true, true, true};
    struct _bet_load ld = {.raw = raw, .reg = reg, .findings = findings, .display = display};
    st = csvfile_bind(cf, names, required, B__COUNT);
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

void exports_free(struct exports *ex)
{
    for (struct string_block *b = ex->strings, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(ex->projekt);
    free(ex->beteiligung);
    memset(ex, 0, sizeof *ex);
}
