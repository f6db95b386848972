/* render_text.c: the placeholder template engine, see render_text.h. */
#include "render_text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "numfmt.h"

enum variant { VARIANT_NOW, VARIANT_VORJAHR, VARIANT_DIFF, VARIANT_DIFF_PROZENT };
enum format { FORMAT_DEFAULT, FORMAT_RUND, FORMAT_GANZ, FORMAT_JAHR, FORMAT_LANG, FORMAT_WORT };

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
    if (c->kind == CELL_DATE) {
        int y = c->v.date / 10000, m = c->v.date / 100 % 100, d = c->v.date % 100;
        if (fmt == FORMAT_JAHR)
            snprintf(out, outsz, "%d", y);
        else if (fmt == FORMAT_LANG)
            snprintf(out, outsz, "%d. %s %d", d, _months[m - 1], y);
        else if (fmt == FORMAT_DEFAULT)
            snprintf(out, outsz, "%02d.%02d.%04d", d, m, y);
        else
            return false;
        return true;
    }
    if (fmt == FORMAT_JAHR || fmt == FORMAT_LANG)
        return false;
    if (fmt == FORMAT_WORT) { /* whole numbers 0..12 in words, rounded; others in digits */
        double x = c->kind == CELL_INT ? (double)c->v.i : c->kind == CELL_REAL ? c->v.r : NAN;
        if (isnan(x) || (var != VARIANT_NOW && var != VARIANT_VORJAHR))
            return false;
        double r = round(x);
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
        numfmt_real(c->v.r, fmt == FORMAT_DEFAULT ? 1 : 0, buf, sizeof buf);
        sign = signed_out && strcmp(buf, "0") != 0 && strcmp(buf, "0,0") != 0 && c->v.r > 0 ? "+" : "";
    }
    /* Print uses the minus sign U+2212, not the hyphen-minus. */
    if (buf[0] == '-')
        snprintf(out, outsz, "\xE2\x88\x92%s", buf + 1);
    else
        snprintf(out, outsz, "%s%s", sign, buf);
    return true;
}

/* Resolves "key[.variant][:format]" into text. */
static bool _resolve(struct _ctx *c, const struct text_values *v, const char *name, char *out, size_t outsz)
{
    char key[128];
    if (strlen(name) >= sizeof key) {
        _error(c, name, "unbekannter Platzhalter");
        return false;
    }
    strcpy(key, name);
    /* "{key?Einzahl|Mehrzahl}": the word that agrees with the value (one
     * is singular), for "1 gefördertes Projekt" and "514 geförderte
     * Projekte". */
    char *question = strchr(key, '?');
    if (question) {
        *question++ = '\0';
        char *bar = strchr(question, '|');
        const struct cell *k = figures_key(v->now, key);
        if (!bar || !k) {
            _error(c, name, bar ? "unbekannter Platzhalter" : "Einzahl|Mehrzahl erwartet");
            return false;
        }
        *bar++ = '\0';
        bool one = (k->kind == CELL_INT && k->v.i == 1) || (k->kind == CELL_MONEY && k->v.cents == 100);
        snprintf(out, outsz, "%s", one ? question : bar);
        return true;
    }
    enum format fmt = FORMAT_DEFAULT;
    char *colon = strchr(key, ':');
    if (colon) {
        *colon++ = '\0';
        if (strcmp(colon, "rund") == 0)
            fmt = FORMAT_RUND;
        else if (strcmp(colon, "ganz") == 0)
            fmt = FORMAT_GANZ;
        else if (strcmp(colon, "jahr") == 0)
            fmt = FORMAT_JAHR;
        else if (strcmp(colon, "lang") == 0)
            fmt = FORMAT_LANG;
        else if (strcmp(colon, "wort") == 0)
            fmt = FORMAT_WORT;
        else {
            _error(c, name, "unbekanntes Format (rund, ganz, jahr, lang, wort)");
            return false;
        }
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
            _error(c, name, "unbekannte Variante (vorjahr, diff, diff_prozent)");
            return false;
        }
    }
    const struct cell *now = figures_key(v->now, key);
    const struct cell *before = v->before ? figures_key(v->before, key) : NULL;
    if (!now) {
        _error(c, name, "unbekannter Platzhalter");
        return false;
    }
    struct cell value = *now, diff, pct;
    if (var == VARIANT_DIFF || var == VARIANT_DIFF_PROZENT) {
        if (now->kind == CELL_DATE || now->kind == CELL_TEXT) {
            _error(c, name, "keine Veränderung für ein Datum");
            return false;
        }
        figures_change(now, before, &diff, &pct);
        if (var == VARIANT_DIFF_PROZENT && !figures_key_relative(key)) {
            _error(c, name, "Veränderung in Prozent ist hier nicht sinnvoll; .diff gibt Prozentpunkte");
            return false;
        }
        value = var == VARIANT_DIFF ? diff : pct;
    } else if (var == VARIANT_VORJAHR) {
        if (before)
            value = *before;
        else
            cell_real(&value, NAN);
    }
    if (!_format(&value, var, fmt, out, outsz)) {
        _error(c, name, "Format passt nicht zum Wert");
        return false;
    }
    if ((value.kind == CELL_EMPTY || value.kind == CELL_UNKNOWN || value.kind == CELL_UNDEFINED) && v->without_value)
        ++*v->without_value;
    return true;
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
    bool line_start = true, written = true;
    for (const char *p = tpl; *p; p++) {
        if (line_start && *p == '#') { /* a comment line */
            while (*p && *p != '\n')
                p++;
            c.line++;
            if (!*p)
                break;
            continue;
        }
        line_start = *p == '\n';
        if (*p == '\n')
            c.line++;
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
            written &= fputc(*p++, fp) != EOF;
            continue;
        }
        if (*p != '{') {
            written &= fputc(*p, fp) != EOF;
            continue;
        }
        const char *end = strchr(p, '}');
        const char *nl = strchr(p, '\n');
        if (!end || (nl && nl < end)) {
            _error(&c, "{", "Platzhalter ohne schließende Klammer");
            break;
        }
        char name[160];
        size_t n = (size_t)(end - p - 1);
        snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), p + 1);
        char value[96];
        if (_resolve(&c, values, name, value, sizeof value))
            written &= fputs(value, fp) != EOF;
        p = end;
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
