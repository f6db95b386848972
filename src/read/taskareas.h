/* taskareas.h: the controlled list of task areas (Aufgabenbereiche).
 *
 * The ministry keeps the list in templates/aufgabenbereiche.csv (columns
 * code and bezeichnung) and may extend it without a rebuild. A project
 * names its area by code or by label, case-insensitively. The area with the
 * code OZG is the one the OZG figures are about. */
#ifndef IKZ_TASKAREAS_H
#define IKZ_TASKAREAS_H

#include <stddef.h>

#include "csvfile.h"
#include "findings.h"
#include "status.h"

#define TASKAREA_OZG_CODE "OZG"

struct task_area {
    char *code;  /* owned */
    char *label; /* owned */
};

struct task_areas {
    struct task_area *item;
    size_t n;
    long ozg; /* index of the OZG area, or -1 if the list has none */
};

/* Loads the list; problems become findings, and the status is
 * IKZ_ERR_CONFIG for a list that is unreadable, empty or has a code twice. */
enum ikz_status taskareas_load(const char *path, const char *display, const struct csvfile_options *opt,
                               struct task_areas *out,
                               struct findings *findings);

/* Index of the area named by code or label (blanks around ignored by the
 * reader), or -1. */
long taskareas_find(const struct task_areas *areas, const char *name);

void taskareas_free(struct task_areas *areas);

#endif
