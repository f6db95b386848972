/* projekte.c: reads projekte.csv, see exports.h. */
#include "exports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "export_report.h"
#include "rules.h"

/* ---------------------------------------------------------------------- */
/* Columns as data                                                         */

/* Each export's columns are a table: the header name, whether the header
 * must have it, and the judge that checks the cell with a rule of
 * check/rules.h and keeps what it says. The table's order is the order in
 * which a row's cells are judged, so a judge may read what an earlier one
 * kept (revocation after approval, savings after costs). A judge returns
 * false with why set for a fehler; it may return true with why.code set
 * for a hinweis; a reader reports either with file, line and column. */

/* ---------------------------------------------------------------------- */
/* projekte.csv                                                            */

struct _projekte_load {
    struct exports *ex;
    size_t cap;
    const struct task_areas *areas;
    struct findings *findings;
    const char *display;
};

/* One row of projekte.csv while its cells are judged. */
struct _projekt_cells {
    const struct _projekte_load *ld;
    const struct csv_record *rec;
    struct projekt p;        /* the hot record */
    struct projekt_detail d; /* the rarely read fields; strings still point into rec */
    const char *id;          /* the projekt_id cell */
};

/* What a fehler in a column does to its row: docs/findings.md, "What a
 * fehler leaves out". */
enum _on_fehler {
    FEHLER_DROPS_ROW,   /* the key: the row is not kept, and nothing else of it is judged */
    FEHLER_REJECTS_ROW, /* decides whether and where the project counts: kept, but unusable */
    FEHLER_ITEM,        /* an amount: only it is missing (the judge left it MONEY_NONE); the project counts */
};

struct _projekt_column {
    const char *name;
    bool required; /* the header must have it; an optional column absent reads as empty */
    enum _on_fehler fehler;
    bool (*judge)(struct _projekt_cells *row, const char *cell, struct rule_result *why);
};

static const char *_projekt_cell(const struct _projekt_cells *row, const char *name);

static bool _p_id(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    row->id = cell;
    return rule_present(cell, why);
}

/* Kept only for a usable project of the OZG area (_add_projekt). */
static bool _p_titel(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    (void)why;
    row->d.titel = cell ? cell : "";
    return true;
}

static bool _p_area(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    long a;
    bool ok = rule_task_area(row->ld->areas, cell, &a, why);
    row->p.area = a < 0 ? 0 : (uint16_t)a;
    return ok;
}

static bool _p_bewilligt(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    return rule_date(cell, true, &row->p.bewilligt, why);
}

/* A date, and not before the approval (which the hint names). */
static bool _p_widerrufen(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    if (!rule_date(cell, false, &row->p.widerrufen, why))
        return false;
    if (rule_revocation(row->p.bewilligt, row->p.widerrufen, why))
        return true;
    snprintf(why->hint, sizeof why->hint, "bewilligt am %s", _projekt_cell(row, "bewilligt_am"));
    return false;
}

/* An amount with a fehler is missing, whatever its parse left behind. */
static bool _amount(const char *cell, bool required, int64_t *cents, struct rule_result *why)
{
    return rule_amount(cell, required, cents, why) || (*cents = MONEY_NONE, false);
}

static bool _p_foerder(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    return _amount(cell, true, &row->p.foerder_cents, why);
}

static bool _p_kosten(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    return _amount(cell, false, &row->p.kosten_cents, why);
}

/* An amount, and not above the costs (which the hint names). Either of
 * the two may be wrong, so both go: the costs here, the savings by
 * FEHLER_ITEM. */
static bool _p_einsparung(struct _projekt_cells *row, const char *cell, struct rule_result *why)
{
    if (!_amount(cell, false, &row->p.einsparung_cents, why))
        return false;
    if (rule_savings(row->p.kosten_cents, row->p.einsparung_cents, why))
        return true;
    snprintf(why->hint, sizeof why->hint, "Ausgangskosten %s", _projekt_cell(row, "ausgangskosten_eur_jahr"));
    row->p.kosten_cents = row->p.einsparung_cents = MONEY_NONE;
    row->p.missing++;
    return false;
}

/* projekte.csv's columns (docs/inputs.md). Found by header name in any
 * order; judged in this order. widerrufen_am and the two yearly amounts
 * are optional: an export without them has no revocations and no savings
 * figures. */
static const struct _projekt_column _projekt_columns[] = {
    {"projekt_id", true, FEHLER_DROPS_ROW, _p_id},
    {"titel", true, FEHLER_REJECTS_ROW, _p_titel}, /* never fails */
    {"aufgabenbereich", true, FEHLER_REJECTS_ROW, _p_area},
    {"bewilligt_am", true, FEHLER_REJECTS_ROW, _p_bewilligt},
    {"widerrufen_am", false, FEHLER_REJECTS_ROW, _p_widerrufen},
    {"foerderbetrag_eur", true, FEHLER_ITEM, _p_foerder},
    {"ausgangskosten_eur_jahr", false, FEHLER_ITEM, _p_kosten},
    {"einsparung_eur_jahr", false, FEHLER_ITEM, _p_einsparung},
};
#define N_PROJEKT_COLUMNS (sizeof _projekt_columns / sizeof _projekt_columns[0])

/* The cell of the column with that name ("" if absent), for a hint. */
static const char *_projekt_cell(const struct _projekt_cells *row, const char *name)
{
    for (size_t i = 0; i < N_PROJEKT_COLUMNS; i++)
        if (strcmp(_projekt_columns[i].name, name) == 0)
            return row->rec->field[i] ? row->rec->field[i] : "";
    return "";
}

/* Appends p and its detail d with copies of id and d's title (NULL: no
 * title kept). Until the projects are sorted, p.first holds its place
 * in file order, so that the details can follow (_sort_projekte). */
static enum ikz_status _add_projekt(struct _projekte_load *ld, const struct projekt *p, const struct projekt_detail *d,
                        const char *id)
{
    struct exports *ex = ld->ex;
    if (ex->n_projekte >= UINT32_MAX - 1) /* p.first holds the place; UINT32_MAX marks it done */
        return IKZ_ERR_OSERR;
    if (ex->n_projekte == ld->cap) {
        size_t cap = ld->cap ? 2 * ld->cap : 1024;
        struct projekt *np = realloc(ex->projekt, cap * sizeof *np);
        if (np)
            ex->projekt = np;
        struct projekt_detail *nd = realloc(ex->detail, cap * sizeof *nd);
        if (nd)
            ex->detail = nd;
        if (!np || !nd)
            return IKZ_ERR_OSERR;
        ld->cap = cap;
    }
    struct projekt *q = &ex->projekt[ex->n_projekte];
    struct projekt_detail *qd = &ex->detail[ex->n_projekte];
    *q = *p;
    q->first = (uint32_t)ex->n_projekte;
    q->id = exports_keep(ex, id);
    qd->titel = d->titel ? exports_keep(ex, d->titel) : NULL;
    if (!q->id || (d->titel && !qd->titel))
        return IKZ_ERR_OSERR;
    ex->n_projekte++;
    return IKZ_OK;
}

static enum ikz_status _projekt_row(void *ctx, const struct csv_record *rec)
{
    struct _projekte_load *ld = ctx;
    struct _projekt_cells row = {.ld = ld, .rec = rec, .p = {.line = (uint32_t)rec->line, .usable = true}};
    if (rec->rejected) {
        /* The reader made the finding; keep the id as an unusable project
         * so that its participations are not reported a second time. */
        const char *id = _projekt_cell(&row, "projekt_id");
        row.p.usable = false;
        return *id ? _add_projekt(ld, &row.p, &(struct projekt_detail){NULL}, id) : IKZ_OK;
    }
    /* Every column is judged, so one pass finds every problem of the row. */
    for (size_t i = 0; i < N_PROJEKT_COLUMNS; i++) {
        const struct _projekt_column *c = &_projekt_columns[i];
        struct rule_result why;
        why.code = FINDING__COUNT; /* the hint is written only with a code */
        bool ok = c->judge(&row, rec->field[i], &why);
        if (why.code != FINDING__COUNT)
            export_report(ld->findings, ld->display, rec->line, c->name, rec->field[i], &why);
        if (ok)
            continue;
        switch (c->fehler) {
        case FEHLER_DROPS_ROW:
            ld->ex->rejected_projekte++;
            return IKZ_OK;
        case FEHLER_REJECTS_ROW:
            row.p.usable = false;
            break;
        case FEHLER_ITEM:
            row.p.missing++;
            break;
        }
    }
    ld->ex->rejected_projekte += !row.p.usable;
    if (!row.p.usable || (long)row.p.area != ld->areas->ozg)
        row.d.titel = NULL; /* titles are held only for the OZG table */
    return _add_projekt(ld, &row.p, &row.d, row.id);
}

static int _cmp_projekt(const void *a, const void *b)
{
    const struct projekt *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* Sorts the projects by id for lookups; each detail follows its project
 * in place (a permutation's cycles, no second array), led by p.first,
 * which holds the project's place in file order until the participations
 * set it. */
static void _sort_projekte(struct exports *ex)
{
    if (ex->n_projekte == 0) /* qsort must not see a NULL array */
        return;
    qsort(ex->projekt, ex->n_projekte, sizeof *ex->projekt, _cmp_projekt);
    for (size_t i = 0; i < ex->n_projekte; i++) {
        if (ex->projekt[i].first == UINT32_MAX)
            continue; /* moved with an earlier cycle */
        struct projekt_detail held = ex->detail[i];
        for (size_t j = i;;) {
            size_t from = ex->projekt[j].first;
            ex->projekt[j].first = UINT32_MAX;
            if (from == i) {
                ex->detail[j] = held;
                break;
            }
            ex->detail[j] = ex->detail[from];
            j = from;
        }
    }
    for (size_t i = 0; i < ex->n_projekte; i++)
        ex->projekt[i].first = 0;
}

enum ikz_status exports_load_projekte(const char *path, const char *display, const struct csvfile_options *opt, const struct task_areas *areas,
                                      struct exports *out, struct findings *findings)
{
    memset(out, 0, sizeof *out);
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, display, opt, findings, &cf);
    if (st != IKZ_OK)
        return st;
    const char *names[N_PROJEKT_COLUMNS]; /* borrowed by cf until it is closed */
    bool required[N_PROJEKT_COLUMNS];
    for (size_t i = 0; i < N_PROJEKT_COLUMNS; i++) {
        names[i] = _projekt_columns[i].name;
        required[i] = _projekt_columns[i].required;
    }
    struct _projekte_load ld = {.ex = out, .areas = areas, .findings = findings, .display = display};
    size_t errors_before = findings->errors;
    st = csvfile_bind(cf, names, required, N_PROJEKT_COLUMNS);
    if (st == IKZ_OK)
        st = csvfile_each(cf, _projekt_row, &ld);
    csvfile_get_info(cf, &out->file_projekte);
    csvfile_close(cf);
    if (st != IKZ_OK)
        return st;
    if (out->file_projekte.rows == 0) /* a failed export, not a programme without projects */
        findings_add(findings, FINDING_DATEI_LEER, display, 0, NULL, NULL, "nur die Kopfzeile, keine Projekte");

    /* A repeated id keeps its first row (by line); the later ones become
     * findings and unusable. */
    _sort_projekte(out);
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

