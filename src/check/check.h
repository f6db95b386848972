/* check.h: checks that need projects and participations together.
 *
 * The readers check each row on its own; this module checks each project
 * against its participations (none, only one, no or several leads). These
 * findings are hinweise: the project still counts, but someone should look. */
#ifndef IKZ_CHECK_H
#define IKZ_CHECK_H

#include "exports.h"
#include "findings.h"

/* Adds the findings; projects_display names projekte.csv in them. */
void check_projects(const struct exports *ex, const char *projects_display, struct findings *findings);

#endif
