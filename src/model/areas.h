/* areas.h: the controlled list of task areas (Aufgabenbereiche) as the
 * run holds it, and its lookup.
 *
 * read/taskareas.h fills it from templates/aufgabenbereiche.csv;
 * check/rules.h judges a project's area against it and compute/ counts by
 * it. A project names its area by code or by label, case-insensitively.
 * The area with the code OZG is the one the OZG figures are about. */
#ifndef IKZ_AREAS_H
#define IKZ_AREAS_H

#include <stddef.h>

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

/* Index of the area named by code or label (blanks around ignored by the
 * reader), or -1. */
long taskareas_find(const struct task_areas *areas, const char *name);

/* Frees the areas' codes and labels and zeroes areas. */
void taskareas_free(struct task_areas *areas);

#endif
