/* check.c: cross-file checks of projects and participations, see check.h. */
#include "check.h"

void check_projects(const struct exports *ex, const char *projects_display, struct findings *findings)
{
    for (size_t i = 0; i < ex->n_projekte; i++) {
        const struct projekt *p = &ex->projekt[i];
        if (!p->usable)
            continue;
        if (p->count == 0)
            findings_add(findings, FINDING_PROJEKT_OHNE_BETEILIGTE, projects_display, p->line, "projekt_id", p->id, NULL);
        else if (p->count == 1)
            findings_add(findings, FINDING_PROJEKT_EIN_BETEILIGTER, projects_display, p->line, "projekt_id", p->id, NULL);
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
