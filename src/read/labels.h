/* labels.h: German texts keyed by name, from a template file.
 *
 * templates/kennzahlen.csv holds, for every key figure, its German label
 * and its definition (columns kennzahl, bezeichnung, definition), so the
 * ministry can reword them without a rebuild. */
#ifndef IKZ_LABELS_H
#define IKZ_LABELS_H

#include <stddef.h>

#include "csvfile.h"
#include "findings.h"
#include "status.h"

struct labels {
    char **key, **label, **definition; /* owned */
    size_t n;
};

/* Loads the file; IKZ_ERR_CONFIG (with findings) if it is unreadable, lacks
 * a column or names a key twice. */
enum ikz_status labels_load(const char *path, const char *display, const struct csvfile_options *opt, struct labels *out,
                            struct findings *findings);

/* The label or definition for key, or NULL; borrowed from the labels. */
const char *labels_label(const struct labels *labels, const char *key);
const char *labels_definition(const struct labels *labels, const char *key);

void labels_free(struct labels *labels);

#endif
