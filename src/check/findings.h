/* findings.h: what the checks found in the exports.
 *
 * A reader or check never prints and never decides the exit code: it adds a
 * finding (file, physical line where the record starts, column, value as
 * found, stable code, severity, German message) and goes on, so one run
 * reports every problem at once. The report module decides what the
 * findings mean for the run. Codes and their German texts are the table in
 * findings.c; docs/findings.md lists them for the people who fix exports. */
#ifndef IKZ_FINDINGS_H
#define IKZ_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

enum finding_severity {
    SEVERITY_FEHLER, /* the row (or file) cannot be used */
    SEVERITY_HINWEIS /* used, but worth a look */
};

/* Keep in the order of the table in findings.c. */
enum finding_code {
    FINDING_DATEI_LEER,
    FINDING_SPALTE_FEHLT,
    FINDING_CSV_SYNTAX,
    FINDING_FELDANZAHL,
    FINDING_KODIERUNG,
    FINDING_DATEI_KODIERUNG,
    FINDING_SPALTE_DOPPELT,
    FINDING_ZEICHEN_ERSETZT,
    FINDING_PFLICHTFELD_LEER,
    FINDING_REGISTER_AGS_UNGUELTIG,
    FINDING_REGISTER_AGS_DOPPELT,
    FINDING_REGISTER_ART_UNGUELTIG,
    FINDING_REGISTER_KREIS_FEHLT,
    FINDING_REGISTER_LEER,
    FINDING_REGISTER_SATZ_UNGUELTIG,
    FINDING_REGISTER_GEBIETSSTAND,
    FINDING_REGISTER_NACH_STICHTAG,
    FINDING_EINWOHNER_UNGUELTIG,
    FINDING_PROJEKT_DOPPELT,
    FINDING_AUFGABENBEREICH_UNBEKANNT,
    FINDING_DATUM_UNGUELTIG,
    FINDING_WIDERRUF_VOR_BEWILLIGUNG,
    FINDING_BETRAG_UNGUELTIG,
    FINDING_BETRAG_NEGATIV,
    FINDING_BETRAG_ZU_GROSS,
    FINDING_EINSPARUNG_UEBER_KOSTEN,
    FINDING_AGS_UNBEKANNT,
    FINDING_PROJEKT_UNBEKANNT,
    FINDING_ROLLE_UNGUELTIG,
    FINDING_BETEILIGUNG_DOPPELT,
    FINDING_BETEILIGUNG_ANDERES_LAND,
    FINDING_AGS_UMGESCHLUESSELT,
    FINDING_AGS_ZURUECKGESCHLUESSELT,
    FINDING_AGS_NACH_GEBIETSSTAND,
    FINDING_AGS_NICHT_GEPRUEFT,
    FINDING_GEBIETSAENDERUNG_FEHLERHAFT,
    FINDING_PROJEKT_OHNE_BETEILIGTE,
    FINDING_PROJEKT_EIN_BETEILIGTER,
    FINDING_FEDERFUEHRUNG_FEHLT,
    FINDING_FEDERFUEHRUNG_MEHRFACH,
    FINDING_ZELLE_GEKUERZT,
    FINDING_VORLAGE_FEHLERHAFT,
    FINDING_PROJEKTTEXT_OHNE_PROJEKT,
    FINDING_PROJEKTTEXT_UNVOLLSTAENDIG,
    FINDING_LIEFERUNG_UNVOLLSTAENDIG,
    FINDING_LIEFERUNG_UEBERSPRUNGEN,
    FINDING_LIEFERUNG_ALT,
    FINDING_LIEFERUNG_RUECKGANG,
    FINDING__COUNT
};

struct finding {
    enum finding_code code;
    const char *file; /* display name; borrowed, must outlive the list */
    long line;        /* physical line where the record starts; 0: whole file */
    const char *column; /* static string or NULL */
    char *value;      /* owned: escaped, shortened copy, or NULL */
    char *detail;     /* owned: extra German text (hint), or NULL */
    size_t seq;       /* order of adding, for stable sorting */
};

struct findings {
    struct finding *item; /* the first `limit` findings */
    size_t n, cap, limit;
    size_t total;                     /* all findings, stored or not */
    size_t by_code[FINDING__COUNT];   /* all findings by code */
    size_t errors;                    /* all findings of severity fehler */
};

/* A list that stores at most `limit` findings and counts the rest. */
void findings_init(struct findings *f, size_t limit);
void findings_free(struct findings *f);

/* Adds a finding. value may be NULL; detail is a printf format or NULL.
 * Out of memory only loses the stored copy, never the counts. */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
void findings_add(struct findings *f, enum finding_code code, const char *file, long line,
                  const char *column, const char *value, const char *detail, ...);

/* Sorts the stored findings from index start on by line, stably. */
void findings_sort_from(struct findings *f, size_t start);

/* Moves every finding of src to the end of dst (stored ones as far as
 * dst's limit allows; counts always) and empties src. */
void findings_move(struct findings *dst, struct findings *src);

/* Static strings for a code; do not free. */
const char *finding_code_name(enum finding_code code);
const char *finding_message(enum finding_code code);
enum finding_severity finding_severity(enum finding_code code);
const char *finding_severity_name(enum finding_severity severity);

/* Formats one finding as
 *   file:line: column 'x': message 'value' (detail) [CODE]
 * into out (size outsz). */
void finding_format(const struct finding *fi, char *out, size_t outsz);

/* Prints the first max findings to fp (only the fehler unless
 * with_hinweise), each line prefixed by "ikz-report: ", and a line counting
 * those not shown. IKZ_ERR_IO on a write error. */
enum ikz_status findings_print(const struct findings *f, FILE *fp, size_t max, bool with_hinweise);

#endif
