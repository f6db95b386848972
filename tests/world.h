/* world.h: a small world for the figure tests: the templates' task areas
 * and labels, a register and the two exports given as text, aggregated at
 * one Stichtag, and the figures built from them. */
#ifndef IKZ_TEST_WORLD_H
#define IKZ_TEST_WORLD_H

#include "aggregate.h"
#include "figures.h"
#include "labels.h"

struct world {
    char *dir;
    struct findings f;
    struct task_areas areas;
    struct labels labels;
    struct kommune_register reg;
    struct exports ex;
    struct aggregate agg;
    struct figures fig;
};

/* Writes the three files, loads and aggregates them at stichtag with
 * ozg_seit and builds the figures. Fails the test on any error, and on any
 * finding at all: a world is valid input. */
struct world *world_new(const char *kommunen, const char *projekte, const char *beteiligungen, ikz_date stichtag,
                        ikz_date ozg_seit);

void world_free(struct world *w);

#endif
