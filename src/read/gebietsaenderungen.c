/* gebietsaenderungen.c: reads the change list, see gebietsaenderungen.h. */
#include "gebietsaenderungen.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "text.h"

enum { C_WIRKSAM, C_ALT, C_NAME_ALT, C_NEU, C_NAME_NEU, C_ART, C__COUNT };
static const char *const _columns[C__COUNT] = {"wirksam_ab", "ags_alt", "name_alt", "ags_neu", "name_neu", "art"};

static const struct {
    const char *name;
    enum change_art art;
} _arts[] = {
    {"Eingliederung", CHANGE_EINGLIEDERUNG},
    {"Zusammenschluss", CHANGE_ZUSAMMENSCHLUSS},
    {"Schlüsseländerung", CHANGE_SCHLUESSELAENDERUNG},
    {"Schluesselaenderung", CHANGE_SCHLUESSELAENDERUNG},
};

struct _load {
    struct gebietsaenderungen *out;
    size_t cap;
    struct findings *findings;
    const char *display;
};

static bool _key(const char *s) { return s && (digits_exact(s, 8) || digits_exact(s, 5)); }

static enum ikz_status _row(void *ctx, const struct csv_record *rec)
{
    struct _load *ld = ctx;
    if (rec->rejected)
        return IKZ_OK; /* the reader made its finding */
    const char *const *f = rec->field;
    struct gebietsaenderung c = {.line = rec->line};
    struct rule_result why;
    const char *bad = NULL, *value = NULL, *detail = NULL;
    long art = -1;
    for (size_t i = 0; f[C_ART] && i < sizeof _arts / sizeof _arts[0]; i++)
        if (text_equal_nocase(f[C_ART], _arts[i].name))
            art = _arts[i].art;
    if (!rule_date(f[C_WIRKSAM], true, &c.wirksam_ab, &why))
        bad = "wirksam_ab", value = f[C_WIRKSAM], detail = "Datum JJJJ-MM-TT oder TT.MM.JJJJ";
    else if (!_key(f[C_ALT]))
        bad = "ags_alt", value = f[C_ALT], detail = "8 Ziffern (Gemeinde) oder 5 (Kreis)";
    else if (!_key(f[C_NEU]))
        bad = "ags_neu", value = f[C_NEU], detail = "8 Ziffern (Gemeinde) oder 5 (Kreis)";
    else if (strlen(f[C_ALT]) != strlen(f[C_NEU]))
        bad = "ags_neu", value = f[C_NEU], detail = "alter und neuer Schlüssel müssen beide Gemeinden oder beide Kreise sein";
    else if (strcmp(f[C_ALT], f[C_NEU]) == 0)
        bad = "ags_neu", value = f[C_NEU], detail = "gleich dem alten Schlüssel";
    else if (art < 0)
        bad = "art", value = f[C_ART], detail = "Eingliederung, Zusammenschluss oder Schlüsseländerung";
    if (bad) {
        findings_add(ld->findings, FINDING_GEBIETSAENDERUNG_FEHLERHAFT, ld->display, rec->line, bad,
                     value ? value : "", "%s", detail);
        return IKZ_OK;
    }
    strcpy(c.alt, f[C_ALT]);
    strcpy(c.neu, f[C_NEU]);
    c.art = (enum change_art)art;
    c.name_alt = strdup(f[C_NAME_ALT] ? f[C_NAME_ALT] : "");
    c.name_neu = strdup(f[C_NAME_NEU] ? f[C_NAME_NEU] : "");
    struct gebietsaenderungen *out = ld->out;
    if (out->n == ld->cap) {
        size_t cap = ld->cap ? 2 * ld->cap : 16;
        struct gebietsaenderung *item = realloc(out->item, cap * sizeof *item);
        if (!item) {
            free(c.name_alt);
            free(c.name_neu);
            return IKZ_ERR_OSERR;
        }
        out->item = item;
        ld->cap = cap;
    }
    out->item[out->n++] = c;
    return c.name_alt && c.name_neu ? IKZ_OK : IKZ_ERR_OSERR;
}

enum ikz_status gebietsaenderungen_load(const char *path, const char *display, const struct csvfile_options *opt,
                                       struct gebietsaenderungen *out, struct findings *findings)
{
    memset(out, 0, sizeof *out);
    out->display = display;
    struct csvfile *cf;
    size_t errors_before = findings->errors;
    enum ikz_status st = csvfile_open(path, display, opt, findings, &cf);
    if (st != IKZ_OK)
        return st == IKZ_ERR_DATA ? IKZ_ERR_CONFIG : st;
    static const bool required[C__COUNT] = {true, true, true, true, true, true};
    struct _load ld = {.out = out, .findings = findings, .display = display};
    st = csvfile_bind(cf, _columns, required, C__COUNT);
    if (st == IKZ_OK)
        st = csvfile_each(cf, _row, &ld);
    csvfile_get_info(cf, &out->file);
    csvfile_close(cf);
    if (st == IKZ_ERR_DATA || (st == IKZ_OK && findings->errors > errors_before))
        st = IKZ_ERR_CONFIG; /* a broken list is configuration: exit 78 */
    return st;
}
