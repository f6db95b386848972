/* texts.h: the German texts of the workbook, from templates/texte.ini.
 *
 * Titles, column headings, chart texts and the legend live in an INI file
 * so the ministry can reword them without a rebuild; inih parses it and
 * stays inside texts.c. A text is found by section and key. */
#ifndef IKZ_TEXTS_H
#define IKZ_TEXTS_H

#include <stddef.h>

#include "findings.h"
#include "status.h"

struct texts {
    char **section, **key, **value; /* owned */
    long *line;                     /* owned: the line of each entry */
    size_t n, cap;
    const char *display;            /* borrowed: the template's name in messages */
};

/* The words of a template finding for text that is not UTF-8 or holds a
 * character XML forbids, for every template the job reads. */
#define TEXTS_NOT_XML_SAFE "kein gültiges UTF-8 oder ein Steuerzeichen, U+FFFE oder U+FFFF (die Datei muss UTF-8 sein)"

/* Loads the file. IKZ_ERR_CONFIG with a VORLAGE_FEHLERHAFT finding for a
 * file that cannot be read or has a syntax error (the line is named). */
enum ikz_status texts_load(const char *path, const char *display, struct texts *out, struct findings *findings);

/* The text, or NULL; borrowed from texts. */
const char *texts_get(const struct texts *t, const char *section, const char *key);

void texts_free(struct texts *t);

#endif
