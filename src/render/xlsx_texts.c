/* xlsx_texts.c: every text of the workbook, resolved and judged before a
 * workbook is written (xlsx_texts_resolve, render_xlsx.h). It walks the
 * sheets' table (xlsx_sheets.h) for each sheet's name, title, chart texts
 * and column headings, and a list of the texts the writers look up by a
 * fixed name. It needs no libxlsxwriter: validate and projekttext judge
 * the texts without creating a workbook. */
#include "render_xlsx.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_text.h"
#include "text.h"
#include "xlsx_sheets.h"

/* Why the resolved [blaetter] text i cannot name a sheet, or NULL: Excel
 * allows 31 characters (UTF-16 units, as it counts them), none of
 * []:*?/\\, no apostrophe at either end,
 * and one name once (case-insensitive). "NAME (2)" of a long table cuts
 * the name to 24 characters itself. */
static const char *_sheet_name_fault(const struct xlsx_texts *x, size_t i)
{
    const char *name = x->value[i];
    size_t units = text_utf16_units(name);
    if (units == 0)
        return "ein Blattname darf nicht leer sein";
    if (units > 31)
        return "ein Blattname hat höchstens 31 Zeichen";
    if (strpbrk(name, "[]:*?/\\"))
        return "ein Blattname enthält keines der Zeichen [ ] : * ? / \\";
    if (name[0] == '\'' || name[strlen(name) - 1] == '\'')
        return "ein Blattname beginnt und endet nicht mit einem Apostroph";
    for (size_t j = 0; j < i; j++)
        if (strcmp(x->source->section[j], "blaetter") == 0 && x->value[j] && text_equal_nocase(x->value[j], name))
            return "zwei Blätter tragen denselben Namen";
    return NULL;
}

static enum ikz_status _require_texts(const struct xlsx_texts *x, const struct figures *now,
                                      const struct table *pruefbericht, struct findings *findings);

enum ikz_status xlsx_texts_resolve(const struct texts *t, const struct figures *now, const struct figures *before,
                                   const struct table *pruefbericht, struct xlsx_texts *out,
                                   struct findings *findings)
{
    out->source = t;
    out->value = calloc(t->n ? t->n : 1, sizeof *out->value);
    if (!out->value)
        return IKZ_ERR_OSERR;
    struct text_values values = {.now = now, .before = before};
    enum ikz_status st = IKZ_OK;
    for (size_t i = 0; i < t->n; i++) {
        enum ikz_status one = render_text(t->value[i], t->display, t->line[i], &values, &out->value[i], findings);
        if (one != IKZ_OK && st == IKZ_OK)
            st = one; /* go on: one run names every broken text */
        const char *why = one == IKZ_OK && strcmp(t->section[i], "blaetter") == 0 ? _sheet_name_fault(out, i) : NULL;
        if (why) {
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, t->display, t->line[i], NULL, out->value[i],
                         "[blaetter] %s: %s", t->key[i], why);
            st = IKZ_ERR_CONFIG;
        }
    }
    if (st == IKZ_OK)
        st = _require_texts(out, now, pruefbericht, findings);
    return st;
}

void xlsx_texts_free(struct xlsx_texts *x)
{
    for (size_t i = 0; x->value && i < x->source->n; i++)
        free(x->value[i]);
    free(x->value);
    x->value = NULL;
}

/* The texts the workbook asks for by a fixed name (the sheets' own follow
 * from their table in xlsx_sheets.c). A lookup added to the writers
 * (render_xlsx.c, xlsx_sheets.c, xlsx_charts.c) is a line here, or
 * tests/templates.sh's check of this list fails. */
static const struct {
    const char *section, *key;
} _fixed_texts[] = {
    {"bericht", "dokument_titel"}, {"bericht", "thema"}, {"bericht", "autor"}, {"bericht", "schlagwoerter"},
    {"bericht", "fusszeile"}, {"bericht", "seite"}, {"bericht", "von"}, {"bericht", "symbol_x"},
    {"bericht", "symbol_punkt"},
    {"uebersicht", "kennzahl"}, {"uebersicht", "wert"}, {"uebersicht", "vorjahr"}, {"uebersicht", "diff"},
    {"uebersicht", "diff_prozent"},
    {"verteilung", "kennzahl"}, {"verteilung", "wert"}, {"verteilung", "mittelwert"}, {"verteilung", "median"},
    {"verteilung", "q1"}, {"verteilung", "q3"}, {"verteilung", "stdabw"}, {"verteilung", "anzahl"},
    {"pruefbericht", "weitere"},
    {"erlaeuterungen", "bereich"}, {"erlaeuterungen", "begriff"}, {"erlaeuterungen", "erlaeuterung"},
    {"erlaeuterungen", "kennzahl"}, {"erlaeuterungen", "vorjahr"}, {"erlaeuterungen", "vorjahr_text"},
    {"erlaeuterungen", "quelle"}, {"erlaeuterungen", "zeilen"}, {"erlaeuterungen", "projekte"},
    {"erlaeuterungen", "beteiligungen"}, {"erlaeuterungen", "register"}, {"erlaeuterungen", "gebietsaenderungen"},
    {"erlaeuterungen", "ausgeschlossen"}, {"erlaeuterungen", "ausgeschlossen_text"},
    {"erlaeuterungen", "einzelangaben"}, {"erlaeuterungen", "einzelangaben_text"},
    {"erlaeuterungen", "gebietsstand"}, {"erlaeuterungen", "gebietsstand_fehlt"}, {"erlaeuterungen", "stichtag"},
    {"erlaeuterungen", "ozg_seit"}, {"erlaeuterungen", "version"}, {"erlaeuterungen", "dateien"},
    {"erlaeuterungen", "csv"}, {"erlaeuterungen", "csv_text"}, {"erlaeuterungen", "arbeitsmappe"},
    {"erlaeuterungen", "arbeitsmappe_text"}, {"erlaeuterungen", "zeichen"}, {"erlaeuterungen", "strich"},
    {"erlaeuterungen", "strich_text"}, {"erlaeuterungen", "null"}, {"erlaeuterungen", "null_text"},
    {"erlaeuterungen", "punkt"}, {"erlaeuterungen", "x"}, {"erlaeuterungen", "leer"},
    {"erlaeuterungen", "leer_text"},
};

const char *xlsx_texts_get(const struct xlsx_texts *x, const char *section, const char *key)
{
    for (size_t i = 0; i < x->source->n; i++)
        if (strcmp(x->source->section[i], section) == 0 && strcmp(x->source->key[i], key) == 0)
            return x->value[i];
    return NULL;
}

const char *xlsx_texts_heading(const struct xlsx_texts *x, const struct table *t, size_t c)
{
    char key[96];
    snprintf(key, sizeof key, "%s.%s", t->name, t->column[c].name);
    const char *v = xlsx_texts_get(x, "spalten", key);
    return v ? v : xlsx_texts_get(x, "spalten", t->column[c].name);
}

static bool _require(const struct xlsx_texts *x, const char *section, const char *key, struct findings *findings)
{
    if (xlsx_texts_get(x, section, key))
        return true;
    findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, x->source->display, 0, NULL, NULL, "Text [%s] %s fehlt",
                 section, key);
    return false;
}

static enum ikz_status _require_texts(const struct xlsx_texts *x, const struct figures *now,
                                      const struct table *pruefbericht, struct findings *findings)
{
    bool ok = true;
    for (size_t i = 0; i < sizeof _fixed_texts / sizeof _fixed_texts[0]; i++)
        ok &= _require(x, _fixed_texts[i].section, _fixed_texts[i].key, findings);
    const struct sheet_def *s;
    for (size_t i = 0; (s = xlsx_sheet(i)); i++) {
        ok &= _require(x, "blaetter", s->key, findings);
        ok &= _require(x, "titel", s->key, findings);
        for (size_t c = 0; c < MAX_CHARTS; c++) {
            static const char *const parts[] = {"titel", "x", "y", "alt"};
            for (size_t p = 0; s->chart[c].type && p < sizeof parts / sizeof parts[0]; p++) {
                char k[64];
                snprintf(k, sizeof k, "%s_%s", s->chart[c].key, parts[p]);
                ok &= _require(x, "diagramme", k, findings);
            }
        }
        const struct table *t = s->table == FINDINGS_TABLE ? pruefbericht
                                : s->table >= 0 && s->table < TABLE__COUNT ? &now->table[s->table]
                                                                            : NULL;
        /* The headings of a sheet that shows its table as columns: every
         * column, [spalten] TABLE.COLUMN or else [spalten] COLUMN. The
         * Übersicht and the Erläuterungen have headings of their own. */
        if (s->headings == HEADINGS_OWN)
            t = NULL;
        for (size_t c = 0; t && c < t->ncols; c++) {
            if (xlsx_texts_heading(x, t, c))
                continue;
            findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, x->source->display, 0, NULL, NULL,
                         "Text [spalten] %s (oder %s.%s) fehlt", t->column[c].name, t->name, t->column[c].name);
            ok = false;
        }
    }
    if (!ok)
        return IKZ_ERR_CONFIG;
    /* Excel's footer holds 255 characters, its codes (&A, &P, a doubled &)
     * included; libxlsxwriter refuses a longer one. */
    char footer[XLSX_FOOTER_SIZE];
    size_t chars = 0;
    if (!xlsx_footer(xlsx_texts_get(x, "bericht", "fusszeile"), xlsx_texts_get(x, "bericht", "seite"),
                     xlsx_texts_get(x, "bericht", "von"), footer, sizeof footer, &chars)) {
        findings_add(findings, FINDING_VORLAGE_FEHLERHAFT, x->source->display, 0, NULL, NULL,
                     "[bericht] fusszeile, seite und von: die Fußzeile hat mit Blattname und Seitenzahlen "
                     "höchstens 255 Zeichen, ein & zählt doppelt (hier %zu)", chars);
        return IKZ_ERR_CONFIG;
    }
    return IKZ_OK;
}
