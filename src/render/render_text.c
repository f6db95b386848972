/* render_text.c: the placeholder template engine, see render_text.h. */
#include "render_text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "german.h"
#include "numfmt.h"

enum variant { VARIANT_NOW, VARIANT_VORJAHR, VARIANT_DIFF, VARIANT_DIFF_PROZENT };
enum format {
    FORMAT_DEFAULT,
    FORMAT_RUND,
    FORMAT_GANZ,
    FORMAT_JAHR,
    FORMAT_LANG,
    FORMAT_ANFANG,
    FORMAT_SEIT,
    FORMAT_WORT,
    FORMAT_PROZENT,
    FORMAT_KASUS /* a list of Kommunen in a case (struct _format_name.kasus) */
};

/* The formats by name; a capitalised name starts a sentence ("{kreis:Nom}",
 * "{ozg_seit:Seit}"). */
static const struct _format_name {
    const char *name;
    enum format fmt;
    enum kasus kasus;
    bool capital;
} _formats[] = {
    {"rund", FORMAT_RUND, KASUS_NAME, false},     {"ganz", FORMAT_GANZ, KASUS_NAME, false},
    {"jahr", FORMAT_JAHR, KASUS_NAME, false},     {"lang", FORMAT_LANG, KASUS_NAME, false},
    {"anfang", FORMAT_ANFANG, KASUS_NAME, false}, {"seit", FORMAT_SEIT, KASUS_NAME, false},
    {"Seit", FORMAT_SEIT, KASUS_NAME, true},      {"wort", FORMAT_WORT, KASUS_NAME, false},
    {"prozent", FORMAT_PROZENT, KASUS_NAME, false},
    {"nom", FORMAT_KASUS, KASUS_NOM, false},      {"Nom", FORMAT_KASUS, KASUS_NOM, true},
    {"gen", FORMAT_KASUS, KASUS_GEN, false},      {"Gen", FORMAT_KASUS, KASUS_GEN, true},
    {"dat", FORMAT_KASUS, KASUS_DAT, false},      {"Dat", FORMAT_KASUS, KASUS_DAT, true},
    {"akk", FORMAT_KASUS, KASUS_AKK, false},      {"Akk", FORMAT_KASUS, KASUS_AKK, true},
    {"in", FORMAT_KASUS, KASUS_IN, false},        {"In", FORMAT_KASUS, KASUS_IN, true},
};
#define FORMAT_NAMES "rund, ganz, jahr, lang, anfang, seit, wort, prozent, nom, gen, dat, akk, in"

struct _ctx {
    const char *display;
    long line;
    struct findings *findings;
    bool bad;
    char missing[160]; /* strict: the first placeholder printed without a value */
};

static void _error(struct _ctx *c, const char *placeholder, const char *why)
{
    findings_add(c->findings, FINDING_VORLAGE_FEHLERHAFT, c->display, c->line, NULL, placeholder, "%s", why);
    c->bad = true;
}

static bool _valueless(const struct cell *c)
{
    return c->kind == CELL_EMPTY || c->kind == CELL_UNKNOWN || c->kind == CELL_UNDEFINED;
}

/* A date in running text: "31. Dezember 2024". */
static void _date_long(ikz_date date, char *out, size_t outsz)
{
    snprintf(out, outsz, "%d. %s %d", date % 100, german_month(date / 100 % 100), date / 10000);
}

/* Formats one resolved value; false if the format does not fit its kind. */
static bool _format(const struct cell *c, enum variant var, const struct _format_name *f, char *out, size_t outsz)
{
    char buf[64];
    const char *sign = "";
    enum format fmt = f ? f->fmt : FORMAT_DEFAULT;
    if (fmt == FORMAT_KASUS)
        return false; /* only for Kommunen */
    if (_valueless(c)) {
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
        bool anfang = m == 1 && d == 1; /* "seit Anfang 2021" */
        char day[48];
        _date_long(c->v.date, day, sizeof day);
        if (fmt == FORMAT_JAHR)
            snprintf(out, outsz, "%d", y);
        else if (fmt == FORMAT_ANFANG && anfang)
            snprintf(out, outsz, "Anfang %d", y);
        else if (fmt == FORMAT_LANG || fmt == FORMAT_ANFANG)
            snprintf(out, outsz, "%s", day);
        else if (fmt == FORMAT_SEIT && anfang)
            snprintf(out, outsz, "%ceit Anfang %d", f->capital ? 'S' : 's', y);
        else if (fmt == FORMAT_SEIT) /* "seit dem 29. Februar 2024" */
            snprintf(out, outsz, "%ceit dem %s", f->capital ? 'S' : 's', day);
        else if (fmt == FORMAT_DEFAULT)
            snprintf(out, outsz, "%02d.%02d.%04d", d, m, y);
        else
            return false;
        return true;
    }
    if (fmt == FORMAT_JAHR || fmt == FORMAT_LANG || fmt == FORMAT_ANFANG || fmt == FORMAT_SEIT)
        return false;
    if (fmt == FORMAT_WORT) { /* whole numbers 0..12 in words, rounded; others in digits */
        double x = c->kind == CELL_INT ? (double)c->v.i : c->kind == CELL_REAL ? c->v.r : NAN;
        if (isnan(x) || (var != VARIANT_NOW && var != VARIANT_VORJAHR))
            return false;
        double r = round(x);
        if (r == 0 && x > 0) /* not "null" for something: "weniger als 0,1" */
            return _format(c, var, NULL, out, outsz);
        const char *word = r >= 0 && r <= 12 ? german_number_word((long long)r) : NULL;
        if (word)
            snprintf(out, outsz, "%s", word);
        else
            numfmt_real(r, 0, out, outsz);
        return true;
    }
    bool signed_out = var == VARIANT_DIFF || var == VARIANT_DIFF_PROZENT;
    if (fmt == FORMAT_PROZENT) { /* "+4,9 Prozent", "unverändert" */
        if (var != VARIANT_DIFF_PROZENT || c->kind != CELL_REAL)
            return false;
        numfmt_real(c->v.r, 1, buf, sizeof buf);
        if (c->v.r == 0)
            snprintf(out, outsz, "unverändert");
        else if (strcmp(buf, "0,0") == 0 || strcmp(buf, "-0,0") == 0)
            snprintf(out, outsz, "weniger als 0,1 Prozent %s", c->v.r > 0 ? "mehr" : "weniger");
        else
            snprintf(out, outsz, "%s%s Prozent", c->v.r > 0 ? "+" : buf[0] == '-' ? "\xE2\x88\x92" : "",
                     buf[0] == '-' ? buf + 1 : buf);
        return true;
    }
    if (c->kind == CELL_INT) {
        if (fmt == FORMAT_RUND)
            return false;
        numfmt_int(c->v.i, buf, sizeof buf);
        sign = signed_out && c->v.i > 0 ? "+" : "";
    } else if (c->kind == CELL_MONEY) {
        if (fmt == FORMAT_RUND && c->v.cents > 0 && c->v.cents < 50 && !signed_out) {
            snprintf(out, outsz, "weniger als 1"); /* never "rund 0 Euro" for something */
            return true;
        }
        if (fmt == FORMAT_RUND)
            numfmt_euro_rounded(c->v.cents, buf, sizeof buf);
        else
            numfmt_euro(c->v.cents, buf, sizeof buf);
        sign = signed_out && c->v.cents > 0 ? "+" : "";
        if (fmt == FORMAT_RUND && !signed_out) { /* "rund 86.000": the word says it is rounded */
            snprintf(out, outsz, "rund %s", buf);
            return true;
        }
    } else { /* CELL_REAL */
        int decimals = fmt == FORMAT_DEFAULT ? 1 : 0;
        numfmt_real(c->v.r, decimals, buf, sizeof buf);
        bool zero = strcmp(buf, "0") == 0 || strcmp(buf, "0,0") == 0;
        /* A value that exists but rounds to nothing is not 0 in print:
         * "weniger als 1 Prozent"; one that rounds up to 100 is not all:
         * "knapp 100 Prozent". */
        if (zero && c->v.r > 0 && !signed_out) {
            snprintf(out, outsz, "weniger als %s", decimals ? "0,1" : "1");
            return true;
        }
        if (fmt == FORMAT_GANZ && !signed_out && c->v.r >= 99.5 && c->v.r < 100) {
            snprintf(out, outsz, "knapp 100");
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

/* A value: a text's own (a project's Kommunen, its name) or a key figure. */
struct _value {
    const struct cell *cell;       /* NULL: unknown */
    const struct text_value *own;  /* the text's own value, or NULL */
};

/* The value called key: a value of the text's own before a common one
 * (the Land's name) before a key figure. */
static struct _value _lookup(const struct text_values *v, const char *key)
{
    const struct text_value *lists[2] = {v->extra, v->common};
    size_t n[2] = {v->n_extra, v->n_common};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < n[l]; i++)
            if (strcmp(lists[l][i].key, key) == 0)
                return (struct _value){&lists[l][i].value, &lists[l][i]};
    return (struct _value){figures_key(v->now, key), NULL};
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

/* Splits "key[.variant][:format]" in place; false (and a finding) if the
 * variant or format is unknown. */
static bool _parse_name(struct _ctx *c, const char *shown, char *key, enum variant *var,
                        const struct _format_name **fmt)
{
    *fmt = NULL;
    *var = VARIANT_NOW;
    char *colon = strchr(key, ':');
    if (colon) {
        *colon++ = '\0';
        size_t i = 0;
        while (i < sizeof _formats / sizeof _formats[0] && strcmp(colon, _formats[i].name) != 0)
            i++;
        if (i == sizeof _formats / sizeof _formats[0]) {
            _error(c, shown, "unbekanntes Format (" FORMAT_NAMES ")");
            return false;
        }
        *fmt = &_formats[i];
    }
    char *dot = strchr(key, '.');
    if (dot) {
        *dot++ = '\0';
        if (strcmp(dot, "vorjahr") == 0)
            *var = VARIANT_VORJAHR;
        else if (strcmp(dot, "diff") == 0)
            *var = VARIANT_DIFF;
        else if (strcmp(dot, "diff_prozent") == 0)
            *var = VARIANT_DIFF_PROZENT;
        else {
            _error(c, shown, "unbekannte Variante (vorjahr, diff, diff_prozent)");
            return false;
        }
    }
    return true;
}

/* The value of key in variant var into *out (a list stays in found);
 * false (and a finding) if there is none. */
static bool _resolve(struct _ctx *c, const struct text_values *v, const char *shown, const char *key,
                     enum variant var, struct _value *found, struct cell *out)
{
    *found = _lookup(v, key);
    if (!found->cell) {
        _error(c, shown, "unbekannter Platzhalter");
        return false;
    }
    if (found->own && var != VARIANT_NOW) {
        _error(c, shown, "Vorjahr und Veränderung gibt es nur für Kennzahlen");
        return false;
    }
    const struct cell *now = found->cell;
    const struct cell *before = v->before ? figures_key(v->before, key) : NULL;
    *out = *now;
    if (var == VARIANT_DIFF || var == VARIANT_DIFF_PROZENT) {
        if (now->kind == CELL_DATE || now->kind == CELL_TEXT) {
            _error(c, shown, "keine Veränderung für ein Datum");
            return false;
        }
        if (var == VARIANT_DIFF_PROZENT && !figures_key_relative(key)) {
            _error(c, shown, "Veränderung in Prozent ist hier nicht sinnvoll; .diff gibt Prozentpunkte");
            return false;
        }
        struct cell diff, pct;
        figures_change(now, before, &diff, &pct);
        *out = var == VARIANT_DIFF ? diff : pct;
    } else if (var == VARIANT_VORJAHR) {
        if (before)
            *out = *before;
        else
            cell_real(out, NAN);
    }
    return true;
}

/* "{key?Einzahl|Mehrzahl}" or "{key?Einzahl|Mehrzahl|Keine}": the form
 * that agrees with the value (one is singular, and so is a number that
 * rounds to one; the third form, when given, for 0, an empty list and
 * no value); "{key??Etwas|Nichts}" the first form unless 0, an empty
 * list or no value. key may have a variant ("{key.diff_prozent?...}"). The
 * chosen form may hold placeholders itself. */
static bool _forms(struct _ctx *c, const struct text_values *v, const char *name, char *key, const char *forms,
                   const char *end, FILE *fp)
{
    enum variant var;
    const struct _format_name *fmt;
    struct _value found;
    struct cell k;
    if (!_parse_name(c, name, key, &var, &fmt) || !_resolve(c, v, name, key, var, &found, &k))
        return true;
    /* "{key??Etwas|Nichts}": the first form unless the value is 0, an
     * empty list or none, whatever its number. */
    bool any = *forms == '?';
    forms += any;
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
    if (fmt || nbars == 0 || nbars > (any ? 1u : 2u)) {
        _error(c, name, any ? "??Etwas|Nichts erwartet" : "Einzahl|Mehrzahl oder Einzahl|Mehrzahl|Keine erwartet");
        return true;
    }
    bool none, one;
    if (found.own && found.own->kommunen) {
        none = found.own->n_kommunen == 0;
        one = found.own->n_kommunen == 1;
    } else {
        none = _valueless(&k) || (k.kind == CELL_INT && k.v.i == 0) || (k.kind == CELL_MONEY && k.v.cents == 0) ||
               (k.kind == CELL_REAL && k.v.r == 0.0);
        one = (k.kind == CELL_INT && k.v.i == 1) || (k.kind == CELL_MONEY && k.v.cents == 100) ||
              (k.kind == CELL_REAL && round(k.v.r) == 1.0); /* "an durchschnittlich einem Projekt" */
    }
    if (any)
        return none ? _render(c, v, bar[0] + 1, end, fp) : _render(c, v, forms, bar[0], fp);
    if (none && nbars == 2)
        return _render(c, v, bar[1] + 1, end, fp);
    if (one)
        return _render(c, v, forms, bar[0], fp);
    return _render(c, v, bar[0] + 1, nbars == 2 ? bar[1] : end, fp);
}

/* A placeholder printed without a value: in a press text (strict) the
 * paragraph cannot be written, elsewhere it reads "k. A.". */
static void _without_value(struct _ctx *c, const struct text_values *v, const char *shown)
{
    if (v->strict && !c->missing[0])
        snprintf(c->missing, sizeof c->missing, "%s", shown);
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

    enum variant var;
    const struct _format_name *fmt;
    struct _value found;
    struct cell value;
    if (!_parse_name(c, shown, key, &var, &fmt) || !_resolve(c, v, shown, key, var, &found, &value))
        return true;
    if (found.own && found.own->kommunen) { /* Kommunen: a noun phrase in a case */
        if (fmt && fmt->fmt != FORMAT_KASUS) {
            _error(c, shown, "Kommunen haben einen Fall (nom, gen, dat, akk, in) oder kein Format");
            return true;
        }
        if (found.own->n_kommunen == 0) {
            _without_value(c, v, shown);
            return fputs("k. A.", fp) != EOF;
        }
        return german_kommunen(fp, found.own->kommunen, found.own->n_kommunen, fmt ? fmt->kasus : KASUS_NAME,
                               fmt && fmt->capital);
    }
    /* A text (a list of 50 names) is written as it is, never cut to a
     * buffer; numbers and dates fit in one. */
    if (value.kind == CELL_TEXT && !fmt)
        return fputs(value.v.text, fp) != EOF;
    char out[128];
    if (!_format(&value, var, fmt, out, sizeof out)) {
        _error(c, shown, fmt && fmt->fmt == FORMAT_KASUS ? "einen Fall haben nur Kommunen" : "Format passt nicht zum Wert");
        return true;
    }
    if (_valueless(&value))
        _without_value(c, v, shown);
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
    struct _ctx c = {display, first_line, findings, false, ""};
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
    if (c.missing[0]) {
        if (values->missing)
            snprintf(values->missing, RENDER_MISSING_MAX, "%s", c.missing);
        free(buf);
        return IKZ_ERR_DATA;
    }
    *out = buf;
    return IKZ_OK;
}

void render_text_common(const char *land, bool aktuell, struct text_common *out)
{
    memset(out, 0, sizeof *out);
    struct german_land l = german_land(land);
    bool article = strcmp(l.name, "Saarland") == 0; /* "im Saarland" */
    snprintf(out->in, sizeof out->in, "%s %s", article ? "im" : "in", l.name);
    if (l.adjektiv_en)
        snprintf(out->kommunen, sizeof out->kommunen, "%s Kommunen", l.adjektiv_en);
    else
        snprintf(out->kommunen, sizeof out->kommunen, "Kommunen %s", out->in);
    static const char *const keys[TEXT_COMMON_VALUES] = {"land_name", "land_in", "land_adjektiv", "land_kommunen",
                                                         "aktuell"};
    for (size_t i = 0; i < TEXT_COMMON_VALUES; i++)
        out->v[i].key = keys[i];
    cell_text(&out->v[0].value, l.name);
    cell_text(&out->v[1].value, out->in);
    cell_text(&out->v[2].value, l.adjektiv_en); /* NULL: empty */
    cell_text(&out->v[3].value, out->kommunen);
    cell_int(&out->v[4].value, aktuell);
}
