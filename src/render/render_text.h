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
 *
 * Counts are written 2.410, other numbers with one decimal (5,4), money in
 * whole euros, dates 31.12.2024. `{{` and `}}` are literal braces; lines
 * starting with `#` are comments. An unknown placeholder is an error that
 * names the template, the line and the placeholder. */
#ifndef IKZ_RENDER_TEXT_H
#define IKZ_RENDER_TEXT_H

#include "figures.h"
#include "findings.h"
#include "status.h"

struct text_values {
    const struct figures *now;
    const struct figures *before; /* one year earlier */
    size_t *without_value;        /* NULL, or counts placeholders written as "k. A." */
};

/* Renders tpl into a malloc'd string *out (caller frees). display names the
 * template in findings; first_line is the line tpl starts on in it.
 * IKZ_ERR_CONFIG after VORLAGE_FEHLERHAFT findings. */
enum ikz_status render_text(const char *tpl, const char *display, long first_line, const struct text_values *values,
                            char **out, struct findings *findings);

#endif
