/* taskareas.h: reading the controlled list of task areas
 * (Aufgabenbereiche).
 *
 * The ministry keeps the list in templates/aufgabenbereiche.csv (columns
 * code and bezeichnung) and may extend it without a rebuild. A project
 * names its area by code or by label, case-insensitively. The area with the
 * code OZG is the one the OZG figures are about. The list as held, with
 * its lookup and free, is model/areas.h. */
#ifndef IKZ_TASKAREAS_H
#define IKZ_TASKAREAS_H

#include "areas.h"
#include "csvfile.h"
#include "findings.h"
#include "status.h"

/* Loads the list; problems become findings, and the status is
 * IKZ_ERR_CONFIG for a list that is unreadable, empty or has a code twice. */
enum ikz_status taskareas_load(const char *path, const char *display, const struct csvfile_options *opt,
                               struct task_areas *out,
                               struct findings *findings);

#endif
