/* render_text.c: the placeholder template engine, see render_text.h. */
#include "render_text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

enum variant { VARIANT_NOW, VARIANT_VORJAHR, VARIANT_DIFF, VARIANT_DIFF_PROZENT };
enum format { FORMAT_DEFAULT, FORMAT_RUND, FORMAT_GANZ, FORMAT_JAHR, FORMAT_LANG, FORMAT_ANFANG, FORMAT_WORT };

/* Press style writes the numbers up to twelve in words. */
static const char *const _words[13] = {"null", "eins", "zwei", "drei", "vier", "fünf", "sechs",
                                       "sieben", "acht", "neun", "zehn", "elf", "zwölf"};

static const char *const _months[12] = {"Januar", "Februar", "März", "April", "Mai", "Juni",
                                        "Juli", "August", "September", "Oktober", "November", "Dezember"};

struct _ctx {
    const char *display;
    long line;
    struct findings *findings;
    bool bad;
};

static void _error(struct _ctx *c, const char *placeholder, const char *why)
{
    findings_add(c->findings, FINDING_VORLAGE_FEHLERHAFT, c->display, c->line, NULL, placeholder, "%s", why);
    c->bad = true;
}

/* Formats one resolved value; false if the format does not fit its kind. */
static bool _format(const struct cell *c, enum variant var, enum format fmt, char *out, size_t outsz)
{
    char buf[64];
    const char *sign = "";
    if (c->kind == CELL_EMPTY || c->kind == CELL_UNKNOWN || c->kind == CELL_UNDEFINED) {
        snprintf(out, outsz, "k. A.");
        return true;
    }
    if (c->kind == CELL_TEXT) {
        if (fmt != FORMAT_DEFAULT)
            return false;
        snprintf(out, outsz, "%s", c->v.text);
        return true;
    }
    if (c->kind == CELL_DATE) {
        int y = c->v.date / 10000, m = c->v.date / 100 % 100, d = c->v.date % 100;
        if (fmt == FORMAT_JAHR)
            snprintf(out, outsz, "%d", y);
        else if (fmt == FORMAT_ANFANG && m == 1 && d == 1) /* "seit Anfang 2021" */
            snprintf(out, outsz, "Anfang %d", y);
        else if (fmt == FORMAT_LANG || fmt == FORMAT_ANFANG)
            snprintf(out, outsz, "%d. %s %d", d, _months[m - 1], y);
        else if (fmt == FORMAT_DEFAULT)
            snprintf(out, outsz, "%02d.%02d.%04d", d, m, y);
        else
            return false;
        return true;
    }
    if (fmt == FORMAT_JAHR || fmt == FORMAT_LANG || fmt == FORMAT_ANFANG)
        return false;
    if (fmt == FORMAT_WORT) { /* whole numbers 0..12 in words, rounded; others in digits */
        double x = c->kind == CELL_INT ? (double)c->v.i : c->kind == CELL_REAL ? c->v.r : NAN;
        if (isnan(x) || (var != VARIANT_NOW && var != VARIANT_VORJAHR))
            return false;
        double r = round(x);
        if (r == 0 && x > 0) /* not "null" for something: "weniger als 0,1" */
            return _format(c, var, FORMAT_DEFAULT, out, outsz);
        if (r >= 0 && r <= 12)
            snprintf(out, outsz, "%s", _words[(int)r]);
        else
            numfmt_real(r, 0, out, outsz);
        return true;
    }
    bool signed_out = var == VARIANT_DIFF || var == VARIANT_DIFF_PROZENT;
    if (c->kind == CELL_INT) {
        if (fmt == FORMAT_RUND)
            return false;
        numfmt_int(c->v.i, buf, sizeof buf);
        sign = signed_out && c->v.i > 0 ? "+" : "";
    } else if (c->kind == CELL_MONEY) {
        if (fmt == FORMAT_RUND)
            numfmt_euro_rounded(c->v.cents, buf, sizeof buf);
        else
            numfmt_euro(c->v.cents, buf, sizeof buf);
        sign = signed_out && c->v.cents > 0 ? "+" : "";
    } else { /* CELL_REAL */
        int decimals = fmt == FORMAT_DEFAULT ? 1 : 0;
        numfmt_real(c->v.r, decimals, buf, sizeof buf);
        bool zero = strcmp(buf, "0") == 0 || strcmp(buf, "0,0") == 0;
        /* A value that exists but rounds to nothing is not 0 in print:
         * "weniger als 1 Prozent". */
        if (zero && c->v.r > 0 && !signed_out) {
            snprintf(out, outsz, "weniger als %s", decimals ? "0,1" : "1");
            return true;
        }
        sign = signed_out && !zero && c->v.r > 0 ? "+" : "";
    }
    /* Print uses the minus sign U+2212, not the hyphen-minus. */
    if (buf[0] == '-')
        snprintf(out, outsz, "\xE2\x88\x92%s", buf + 1);
    else
        snprintf(out, outsz, "%s%s", sign, buf);
    return true;
}

/* The value called key: a value of the text's own (a project's name)
 * before a key figure. NULL if neither has it. */
static const struct cell *_lookup(const struct text_values *v, const char *key, bool *own)
{
    *own = false;
    for (size_t i = 0; i < v->n_extra; i++)
        if (strcmp(v->extra[i].key, key) == 0) {
            *own = true;
            return &v->extra[i].value;
        }
    return figures_key(v->now, key);
}

static bool _render(struct _ctx *c, const struct text_values *v, const char *p, const char *end, FILE *fp);

/* The end of the placeholder that starts at p ('{'): its matching '}',
 * counting the placeholders nested in its forms; NULL if it has none
 * before the line ends. */
static const char *_closing(const char *p)
{
    int depth = 0;
    for (; *p && *p != '\n'; p++) {
        if (*p == '{')
            depth++;
        else if (*p == '}' && --depth == 0)
            return p;
    }
    return NULL;
}

/* "{key?Einzahl|Mehrzahl}" or "{key?Einzahl|Mehrzahl|Keine}": the form
 * that agrees with the value (one is singular; the third form, when given,
 * for 0 and for no value). The chosen form may hold placeholders itself. */
static bool _forms(struct _ctx *c, const struct text_values *v, const char *name, const char *key,
                   const char *forms, const char *end, FILE *fp)
{
    bool own;
    char base[128];
    snprintf(base, sizeof base, "%s", key);
    char *dot = strchr(base, '.');
    bool vorjahr = dot && strcmp(dot, ".vorjahr") == 0; /* "{key.vorjahr?...}": the year before's number */
    if (vorjahr)
        *dot = '\0';
    const struct cell *k = _lookup(v, base, &own);
    if (k && vorjahr)
        k = own || !v->before ? NULL : figures_key(v->before, base);
    const char *bar[2] = {NULL, NULL};
    size_t nbars = 0;
    int depth = 0;
    for (const char *q = forms; q < end; q++) {
        if (*q == '{')
            depth++;
        else if (*q == '}')
            depth--;
        else if (*q == '|' && depth == 0) {
            if (nbars == 2) {
                nbars = 3;
                break;
            }
            bar[nbars++] = q;
        }
    }
    if (!k || nbars == 0 || nbars > 2) {
        _error(c, name, k ? "Einzahl|Mehrzahl oder Einzahl|Mehrzahl|Keine erwartet" : "unbekannter Platzhalter");
        return true;
    }
    bool none = k->kind == CELL_EMPTY || k->kind == CELL_UNKNOWN || k->kind == CELL_UNDEFINED ||
                (k->kind == CELL_INT && k->v.i == 0) || (k->kind == CELL_MONEY && k->v.cents == 0) ||
                (k->kind == CELL_REAL && k->v.r == 0.0);
    bool one = (k->kind == CELL_INT && k->v.i == 1) || (k->kind == CELL_MONEY && k->v.cents == 100);
    if (none && nbars == 2)
        return _render(c, v, bar[1] + 1, end, fp);
    if (one)
        return _render(c, v, forms, bar[0], fp);
    return _render(c, v, bar[0] + 1, nbars == 2 ? bar[1] : end, fp);
}

/* Writes the placeholder name ("key[.variant][:format]" or a choice of
 * forms) resolved; false only when writing failed. */
static bool _placeholder(struct _ctx *c, const struct text_values *v, const char *name, const char *name_end,
                         FILE *fp)
{
    char shown[160];
    size_t n = (size_t)(name_end - name);
    snprintf(shown, sizeof shown, "%.*s", (int)(n < sizeof shown ? n : sizeof shown - 1), name);
    const char *question = memchr(name, '?', n);
    char key[128];
    size_t klen = question ? (size_t)(question - name) : n;
    if (klen >= sizeof key) {
        _error(c, shown, "unbekannter Platzhalter");
        return true;
    }
    memcpy(key, name, klen);
    key[klen] = '\0';
    if (question)
        return _forms(c, v, shown, key, question + 1, name_end, fp);

    enum format fmt = FORMAT_DEFAULT;
    char *colon = strchr(key, ':');
    if (colon) {
        *colon++ = '\0';
        static const struct {
            const char *name;
            enum format fmt;
        } formats[] = {{"rund", FORMAT_RUND}, {"ganz", FORMAT_GANZ},     {"jahr", FORMAT_JAHR},
                       {"lang", FORMAT_LANG}, {"anfang", FORMAT_ANFANG}, {"wort", FORMAT_WORT}};
        size_t i = 0;
        while (i < sizeof formats / sizeof formats[0] && strcmp(colon, formats[i].name) != 0)
            i++;
        if (i == sizeof formats / sizeof formats[0]) {
            _error(c, shown, "unbekanntes Format (rund, ganz, jahr, lang, anfang, wort)");
            return true;
        }
        fmt = formats[i].fmt;
    }
    enum variant var = VARIANT_NOW;
    char *dot = strchr(key, '.');
    if (dot) {
        *dot++ = '\0';
        if (strcmp(dot, "vorjahr") == 0)
            var = VARIANT_VORJAHR;
        else if (strcmp(dot, "diff") == 0)
            var = VARIANT_DIFF;
        else if (strcmp(dot, "diff_prozent") == 0)
            var = VARIANT_DIFF_PROZENT;
        else {
            _error(c, shown, "unbekannte Variante (vorjahr, diff, diff_prozent)");
            return true;
        }
    }
    bool own;
    const struct cell *now = _lookup(v, key, &own);
    if (!now) {
        _error(c, shown, "unbekannter Platzhalter");
        return true;
    }
    if (own && var != VARIANT_NOW) {
        _error(c, shown, "Vorjahr und Veränderung gibt es nur für Kennzahlen");
        return true;
    }
    const struct cell *before = v->before ? figures_key(v->before, key) : NULL;
    struct cell value = *now, diff, pct;
    if (var == VARIANT_DIFF || var == VARIANT_DIFF_PROZENT) {
        if (now->kind == CELL_DATE || now->kind == CELL_TEXT) {
            _error(c, shown, "keine Veränderung für ein Datum");
            return true;
        }
        figures_change(now, before, &diff, &pct);
        if (var == VARIANT_DIFF_PROZENT && !figures_key_relative(key)) {
            _error(c, shown, "Veränderung in Prozent ist hier nicht sinnvoll; .diff gibt Prozentpunkte");
            return true;
        }
        value = var == VARIANT_DIFF ? diff : pct;
    } else if (var == VARIANT_VORJAHR) {
        if (before)
            value = *before;
        else
            cell_real(&value, NAN);
    }
    /* A text (a list of 50 names) is written as it is, never cut to a
     * buffer; numbers and dates fit in one. */
    if (value.kind == CELL_TEXT && fmt == FORMAT_DEFAULT)
        return fputs(value.v.text, fp) != EOF;
    char out[128];
    if (!_format(&value, var, fmt, out, sizeof out)) {
        _error(c, shown, "Format passt nicht zum Wert");
        return true;
    }
    if ((value.kind == CELL_EMPTY || value.kind == CELL_UNKNOWN || value.kind == CELL_UNDEFINED) && v->without_value)
        ++*v->without_value;
    return fputs(out, fp) != EOF;
}

/* Writes the text [p, end) with its placeholders resolved; false only when
 * writing failed (template errors are findings, c->bad). */
static bool _render(struct _ctx *c, const struct text_values *v, const char *p, const char *end, FILE *fp)
{
    bool written = true;
    for (; p < end; p++) { /* on after an error: every broken placeholder is named */
        if (p + 1 < end && ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))) {
            written &= fputc(*p++, fp) != EOF;
            continue;
        }
        if (*p != '{') {
            written &= fputc(*p, fp) != EOF;
            continue;
        }
        const char *close = _closing(p);
        if (!close || close >= end) {
            _error(c, "{", "Platzhalter ohne schließende Klammer");
            break;
        }
        written &= _placeholder(c, v, p + 1, close, fp);
        p = close;
    }
    return written;
}

enum ikz_status render_text(const char *tpl, const char *display, long first_line, const struct text_values *values,
                            char **out, struct findings *findings)
{
    struct _ctx c = {display, first_line, findings, false};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    if (!fp)
        return IKZ_ERR_OSERR;
    bool written = true;
    /* Line by line: a line starting with # is a comment, and findings
     * name the line. */
    for (const char *line = tpl; *line;) {
        const char *nl = strchr(line, '\n');
        const char *end = nl ? nl + 1 : line + strlen(line);
        if (*line != '#')
            written &= _render(&c, values, line, end, fp);
        line = end;
        c.line += nl != NULL;
    }
    /* Even a string in memory is checked: a text that lost a piece must
     * never be published. */
    if (fclose(fp) != 0 || !written) {
        free(buf);
        return IKZ_ERR_OSERR;
    }
    if (c.bad) {
        free(buf);
        return IKZ_ERR_CONFIG;
    }
    *out = buf;
    return IKZ_OK;
}
