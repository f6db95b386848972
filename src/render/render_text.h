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
 *   {einsparung_eur_jahr:rund}         86.000 / 34,6 Millionen (rounded for prose)
 *   {effizienzgewinn_prozent:ganz}     30 (no decimals)
 *   {ozg_seit:lang}                    1. Januar 2021;  {stichtag:jahr} 2024
 *   {ozg_seit:anfang}                  Anfang 2021 (on 1 January; else as :lang)
 *   {projekte_je_kommune_mittelwert:wort}  fünf (0 to 12 in words)
 *   {projekte_gefoerdert?Projekt|Projekte}       the form that agrees
 *   {n?ein Projekt|{n} Projekte|kein Projekt}    a third form for 0 or no
 *                                      value; forms may hold placeholders
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

struct text_values {
    const struct figures *now;
    const struct figures *before; /* one year earlier */
    size_t *without_value;        /* NULL, or counts placeholders written as "k. A." */
    const struct text_value *extra; /* looked up before the key figures; no .vorjahr */
    size_t n_extra;
};

/* Renders tpl into a malloc'd string *out (caller frees). display names the
 * template in findings; first_line is the line tpl starts on in it.
 * IKZ_ERR_CONFIG after VORLAGE_FEHLERHAFT findings. */
enum ikz_status render_text(const char *tpl, const char *display, long first_line, const struct text_values *values,
                            char **out, struct findings *findings);

#endif
