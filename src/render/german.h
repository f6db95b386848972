/* german.h: the German of the press texts, beyond the template engine.
 *
 * A press office writes "die Gemeinde Birkenau", "des Landkreises
 * Bergstraße", "der Wetteraukreis", "die Gemeinden Birkenau und Mörlenbach,
 * die Stadt Weinheim sowie der Landkreis Bergstraße"; numbers up to twelve
 * in words; dates as "31. Dezember 2024"; "die hessischen Kommunen". This
 * module knows those forms: from the register's kind of each Kommune (and
 * the kind word some names carry themselves) its noun phrase in the four
 * cases, lists of them, the number words and month names, and each Land's
 * name and adjective. It writes to a stream and keeps no state; the rules
 * are in docs/workbook.md ("Kommunen im Text"). */
#ifndef IKZ_GERMAN_H
#define IKZ_GERMAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kommunen.h"

enum kasus {
    KASUS_NAME, /* no article, no case: "Birkenau, Mörlenbach und Landkreis Bergstraße" */
    KASUS_NOM,
    KASUS_GEN,
    KASUS_DAT,
    KASUS_AKK,
    KASUS_IN    /* "in" with the dative, contracted: "im Landkreis Bergstraße", "in der Stadt Kassel" */
};

/* Names beyond this many are counted: "und vier weitere Kommunen". */
#define GERMAN_LIST_MAX 50

/* Writes the Kommunen k[0..n) as one noun phrase in kasus: grouped by
 * kind in the order they first appear, each group with its article,
 * capitalised at the start when capital. n == 0 writes nothing. False
 * when writing failed. */
bool german_kommunen(FILE *fp, const struct kommune *const *k, size_t n, enum kasus kasus, bool capital);

/* "null", "eins", ... "zwölf" for 0..12, else NULL. */
const char *german_number_word(long long n);

/* "Januar" .. "Dezember" for 1..12. */
const char *german_month(int month);

/* A Land by its two-digit key ("06"): its name ("Hessen") and adjective
 * stem as used before "Kommunen" with an article ("hessischen",
 * "Berliner"). NULL (or an unknown key): every Land, "Deutschland". */
struct german_land {
    const char *name;
    const char *adjektiv_en; /* "die hessischen Kommunen"; NULL for Deutschland */
};
struct german_land german_land(const char *key);

#endif
