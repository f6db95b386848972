/* press_values.h: the values of one project's or one Kreis's paragraph.
 *
 * The Land paragraph needs only the key figures; a project paragraph
 * (templates/projekttext.txt) and a Kreis paragraph (templates/kreistext.txt)
 * need values of their own: names in German enumeration ("Birkenau,
 * Mörlenbach und Gorxheimertal"), the lead, the task area, the project's
 * savings, a Kreis's counts and its largest cooperation. This module
 * computes them from the same aggregate as the tables, so a Kreis
 * paragraph states exactly the numbers of kreise.csv. Every key starts
 * with projekt_ or kreis_, so none hides a key figure. */
#ifndef IKZ_PRESS_VALUES_H
#define IKZ_PRESS_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "figures.h"
#include "status.h"
#include "table.h"

/* A value of one text's own, looked up before the key figures. A list of
 * Kommunen (kommunen non-NULL) is written as a noun phrase in the case
 * the placeholder asks for ("{projekt_partner:nom}"); its value is the
 * count. */
struct text_value {
    const char *key;
    struct cell value;
    const struct kommune *const *kommunen;
    size_t n_kommunen;
};

#define PRESS_VALUES_MAX 40
#define PRESS_OWNED_MAX 8

struct press_values {
    struct text_value v[PRESS_VALUES_MAX];
    size_t n;
    char *owned[PRESS_OWNED_MAX]; /* the enumerations */
    size_t n_owned;
    const struct kommune **lists[PRESS_OWNED_MAX]; /* the lists of Kommunen */
    size_t n_lists;
    struct text_value spare; /* where a value beyond the bound goes */
    bool full;               /* a value or a text beyond the bounds: a programming error */
};

/* The index of the project called id in in->ex, or -1. */
long press_find_projekt(const struct exports *ex, const char *id);

/* The values of project p (an index into in->ex->projekt). Both fill at
 * most PRESS_VALUES_MAX values; more is IKZ_ERR_SOFTWARE, never a write
 * past the array. */
enum ikz_status press_values_projekt(const struct figures_input *in, size_t p, struct press_values *out);

/* The values of Kreis k (an index into in->reg->kreis). */
enum ikz_status press_values_kreis(const struct figures_input *in, size_t k, struct press_values *out);

void press_values_free(struct press_values *pv);

#endif
