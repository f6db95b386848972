/* check.c: cross-file checks of projects and participations, see check.h. */
#include "check.h"

#include <stdio.h>

#include "text.h"

void check_projects(struct exports *ex, ikz_date stichtag, const char *projects_display, struct findings *findings)
{
    ikz_date year_before = stichtag ? date_minus_year(stichtag) : 0;
    for (size_t i = 0; i < ex->n_projekte; i++) {
        struct projekt *p = &ex->projekt[i];
        if (!p->usable)
            continue;
        bool in_report = !stichtag || projekt_funded(p, stichtag) || projekt_funded(p, year_before);
        /* Partners of another Land are not counted, but they cooperate:
         * a Hessian Gemeinde with one from Bavaria is a cooperation. */
        uint32_t partners = p->count + p->outside;
        if (partners < 2 && in_report) {
            findings_add(findings, partners == 0 ? FINDING_PROJEKT_OHNE_BETEILIGTE : FINDING_PROJEKT_EIN_BETEILIGTER,
                         projects_display, p->line, "projekt_id", p->id, NULL);
            p->usable = false;
            ex->rejected_projekte++;
            continue;
        }
        if (p->count == 0)
            continue;
        unsigned leads = 0;
        for (uint32_t j = 0; j < p->count; j++)
            leads += ex->beteiligung[p->first + j].lead;
        if (leads == 0)
            findings_add(findings, FINDING_FEDERFUEHRUNG_FEHLT, projects_display, p->line, "projekt_id", p->id, NULL);
        else if (leads > 1)
            findings_add(findings, FINDING_FEDERFUEHRUNG_MEHRFACH, projects_display, p->line, "projekt_id", p->id,
                         "%u federführende", leads);
    }
}

void check_cell_lengths(const struct table *tables, size_t n, struct findings *findings)
{
    for (size_t i = 0; i < n; i++) {
        const struct table *t = &tables[i];
        char file[64];
        snprintf(file, sizeof file, "csv/%s.csv", t->name);
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++) {
                const struct cell *cell = table_at(t, r, c);
                size_t k;
                if (cell->kind == CELL_TEXT && (k = text_utf16_units(cell->v.text)) > CHECK_CELL_MAX_CHARS)
                    findings_add(findings, FINDING_ZELLE_GEKUERZT, t->name, (long)r + 2, t->column[c].name, NULL,
                                 "%zu Zeichen; im Arbeitsblatt nach %d gekürzt, in %s vollständig", k,
                                 CHECK_CELL_MAX_CHARS, file);
            }
    }
}
