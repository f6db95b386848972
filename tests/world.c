/* world.c: see world.h. */
#include "world.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>

#include <cmocka.h>

#include "exports.h"
#include "fixture.h"
#include "register.h"
#include "taskareas.h"

struct world *world_new(const char *kommunen, const char *projekte, const char *beteiligungen, ikz_date stichtag,
                        ikz_date ozg_seit)
{
    struct world *w = calloc(1, sizeof *w);
    assert_non_null(w);
    w->dir = fixture_dir();
    findings_init(&w->f, 100);
    assert_int_equal(taskareas_load(IKZ_SOURCE_DIR "/templates/aufgabenbereiche.csv", "a", NULL, &w->areas, &w->f), IKZ_OK);
    assert_int_equal(labels_load(IKZ_SOURCE_DIR "/templates/kennzahlen.csv", "k", NULL, &w->labels, &w->f), IKZ_OK);
    char *reg = fixture_write(w->dir, "kommunen.csv", kommunen, (size_t)-1);
    char *proj = fixture_write(w->dir, "projekte.csv", projekte, (size_t)-1);
    char *bet = fixture_write(w->dir, "beteiligungen.csv", beteiligungen, (size_t)-1);
    assert_int_equal(register_load(reg, "kommunen.csv", NULL, NULL, &w->reg, &w->f), IKZ_OK);
    assert_int_equal(exports_load_projekte(proj, "projekte.csv", NULL, &w->areas, &w->ex, &w->f), IKZ_OK);
    assert_int_equal(exports_load_beteiligungen(bet, "beteiligungen.csv", NULL, &w->reg, stichtag, &w->ex, &w->f), IKZ_OK);
    assert_int_equal(w->f.total, 0);
    free(reg);
    free(proj);
    free(bet);
    stats_init();
    assert_int_equal(aggregate_compute(&w->reg, &w->areas, &w->ex, stichtag, ozg_seit, &w->agg), IKZ_OK);
    struct figures_input in = {&w->reg, &w->areas, &w->ex, &w->agg, &w->labels, false};
    assert_int_equal(figures_build(&in, &w->fig), IKZ_OK);
    return w;
}

void world_free(struct world *w)
{
    figures_free(&w->fig);
    aggregate_free(&w->agg);
    exports_free(&w->ex);
    register_free(&w->reg);
    labels_free(&w->labels);
    taskareas_free(&w->areas);
    findings_free(&w->f);
    fixture_remove(w->dir);
    free(w);
}
