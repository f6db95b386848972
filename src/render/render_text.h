/* render_text.h: German text from a template with named placeholders.
 *
 * The press text (templates/pressetext.txt) and the titles of the workbook
 * (templates/texte.ini) are templates. A placeholder names a key figure
 * and optionally a variant and a format:
 *
 *   {projekte_gefoerdert}              2.410 (this Stichtag)
 *   {projekte_gefoerdert.vorjahr}      the same one year earlier
 *   {projekte_gefoerdert.diff}         +45 (change against the year before)
 *   {projekte_gefoerdert.diff_prozent} +9,6 (change in per cent)
 *   {projekte_gefoerdert.diff_prozent:prozent}  +9,6 Prozent / unverändert
 *   {einsparung_eur_jahr:rund}         rund 86.000 / rund 34,6 Millionen /
 *                                      weniger als 1 (rounded for prose)
 *   {effizienzgewinn_prozent:ganz}     30 / knapp 100 (no decimals)
 *   {ozg_seit:lang}                    1. Januar 2021;  {stichtag:jahr} 2024
 *   {ozg_seit:anfang}                  Anfang 2021 (on 1 January; else as :lang)
 *   {ozg_seit:seit}, {ozg_seit:Seit}   seit Anfang 2021 / Seit dem 29. Februar 2024
 *   {projekte_je_kommune_mittelwert:wort}  fünf (0 to 12 in words)
 *   {projekt_partner:nom}              die Gemeinden A und B (Kommunen in a
 *                                      case: nom gen dat akk, in = "im ...";
 *                                      capitalised, :Nom, to start a sentence)
 *   {projekte_gefoerdert?Projekt|Projekte}       the form that agrees
 *   {n?ein Projekt|{n} Projekte|kein Projekt}    a third form for 0, an empty
 *                                      list or no value; forms may hold
 *                                      placeholders; a number that rounds
 *                                      to one takes the first form
 *   {n??es gibt welche|es gibt keine}  the first form unless 0, an empty
 *                                      list or no value
 *
 * A value that exists but rounds to nothing is "weniger als 1" (or 0,1).
 * Counts are written 2.410, other numbers with one decimal (5,4), money in
 * whole euros, dates 31.12.2024. `{{` and `}}` are literal braces; lines
 * starting with `#` are comments. An unknown placeholder is an error that
 * names the template, the line and the placeholder. */
#ifndef IKZ_RENDER_TEXT_H
#define IKZ_RENDER_TEXT_H

#include "figures.h"
#include "press_values.h" /* struct text_value */
#include "findings.h"
#include "status.h"

#define RENDER_MISSING_MAX 160

struct text_values {
    const struct figures *now;
    const struct figures *before; /* one year earlier */
    const struct text_value *extra; /* looked up before the key figures; no .vorjahr */
    size_t n_extra;
    const struct text_value *common; /* after extra: the Land, aktuell */
    size_t n_common;
    bool strict;   /* running text: a value printed without a value fails, never "k. A." */
    char *missing; /* strict: NULL or RENDER_MISSING_MAX bytes for that placeholder */
};

/* The values every paragraph has besides the key figures: the report's
 * Land (key "06", or NULL for every Land) as land_name ("Hessen"),
 * land_in ("in Hessen", "im Saarland"), land_adjektiv ("hessischen"; none
 * for every Land) and land_kommunen ("hessischen Kommunen", "Kommunen in
 * Deutschland"); and aktuell, 1 when the Stichtag is the data's own date
 * (the delivery's, or today) and 0 for a rerun. */
#define TEXT_COMMON_VALUES 5
struct text_common {
    struct text_value v[TEXT_COMMON_VALUES];
    char in[64], kommunen[80];
};
void render_text_common(const char *land, bool aktuell, struct text_common *out);

/* Renders tpl into a malloc'd string *out (caller frees). display names the
 * template in findings; first_line is the line tpl starts on in it.
 * IKZ_ERR_CONFIG after VORLAGE_FEHLERHAFT findings; IKZ_ERR_DATA when strict
 * and a placeholder the text prints has no value (named in missing). */
enum ikz_status render_text(const char *tpl, const char *display, long first_line, const struct text_values *values,
                            char **out, struct findings *findings);

#endif
