/* register.c: reads the GV100AD, GV-ISys and native registers, see
 * register.h. */
#include "register.h"

#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "gv100ad.h"
#include "rules.h"
#include "text.h"
#include "values.h"

static bool _art_is_city_kreis(enum kommune_art art)
{
    return art == ART_KREISFREIE_STADT || art == ART_STADTKREIS;
}

/* A register row before the Kreis structure is known. */
struct _entry {
    struct kommune k;
    long line;
};

/* The name a GV-ISys 40-record gives a kreisfreie Stadt's Kreis key. */
struct _city_name {
    char key[6];
    char *name;
};

struct _load {
    struct kommune_register *reg;
    const char *land; /* the report's Land (2 digits), or NULL for all */
    struct findings *findings;
    const char *display;
    struct _entry *entry;
    size_t n, cap;
    struct _city_name *city;
    size_t n_city;
    /* Inhabited gemeindefreie Gebiete (Textkennzeichen 65): no Kommunen,
     * but their people live in the Kreis (Lohheide in Celle: 764). */
    struct _unincorporated {
        char key[6];
        int64_t einwohner;
    } *gebiet;
    size_t n_gebiet;
};

static enum ikz_status _add(struct _load *ld, const char *ags, const char *name, enum kommune_art art, int64_t einwohner,
                long line)
{
    if (ld->n == ld->cap) {
        size_t cap = ld->cap ? 2 * ld->cap : 512;
        struct _entry *e = realloc(ld->entry, cap * sizeof *e);
        if (!e)
            return IKZ_ERR_OSERR;
        ld->entry = e;
        ld->cap = cap;
    }
    struct _entry *e = &ld->entry[ld->n];
    memset(e, 0, sizeof *e);
    strcpy(e->k.ags, ags);
    e->k.name = strdup(name ? name : "");
    e->k.art = art;
    e->k.einwohner = einwohner;
    e->line = line;
    if (!e->k.name)
        return IKZ_ERR_OSERR;
    ld->n++;
    return IKZ_OK;
}

/* Reads a Gemeinde's Einwohner; a finding and false if rule_einwohner
 * says it is not a count. */
static bool _einwohner(struct _load *ld, const char *column, const char *value, long line, int64_t *out)
{
    struct rule_result why;
    if (rule_einwohner(value, out, &why))
        return true;
    findings_add(ld->findings, why.code, ld->display, line, column, value ? value : "", NULL);
    return false;
}

/* ---------------------------------------------------------------------- */
/* Native format: ags;name;art;einwohner                                   */

enum { N_AGS, N_NAME, N_ART, N_EINWOHNER, N__COUNT };

static const struct {
    const char *name;
    enum kommune_art art;
} _native_arts[] = {
    {"Gemeinde", ART_GEMEINDE},
    {"Stadt", ART_STADT},
    {"kreisfreie Stadt", ART_KREISFREIE_STADT},
    {"Landkreis", ART_LANDKREIS},
    /* GV-ISys' own words, for registers converted from it. */
    {"kreisangehörige Gemeinde", ART_GEMEINDE},
    {"Markt", ART_MARKT},
    {"Stadtkreis", ART_STADTKREIS},
    {"große Kreisstadt", ART_GROSSE_KREISSTADT},
    {"Kreis", ART_KREIS},
    {"Regionalverband", ART_REGIONALVERBAND},
};

static enum ikz_status _native_row(void *ctx, const struct csv_record *rec)
{
    struct _load *ld = ctx;
    if (rec->rejected)
        return IKZ_OK; /* the reader made its finding */
    const char *ags = rec->field[N_AGS], *name = rec->field[N_NAME], *art_s = rec->field[N_ART];
    long line = rec->line;

    long art = -1;
    for (size_t i = 0; art_s && i < sizeof _native_arts / sizeof _native_arts[0]; i++)
        if (text_equal_nocase(art_s, _native_arts[i].name))
            art = _native_arts[i].art;
    if (art < 0) {
        findings_add(ld->findings, FINDING_REGISTER_ART_UNGUELTIG, ld->display, line, "art", art_s ? art_s : "", NULL);
        return IKZ_OK;
    }
    bool is_kreis = kommune_art_is_kreis((enum kommune_art)art);
    size_t want = is_kreis ? 5 : 8;
    if (!ags || !digits_exact(ags, want)) {
        findings_add(ld->findings, FINDING_REGISTER_AGS_UNGUELTIG, ld->display, line, "ags", ags ? ags : "",
                     "%s braucht %zu Ziffern", kommune_art_name((enum kommune_art)art), want);
        return IKZ_OK;
    }
    if (!name || !*name) {
        findings_add(ld->findings, FINDING_PFLICHTFELD_LEER, ld->display, line, "name", NULL, NULL);
        return IKZ_OK;
    }
    int64_t einwohner = 0;
    /* A Landkreis's Einwohner are the sum of its Gemeinden's, whatever the
     * row says, so the column may be empty there. */
    if (!is_kreis && !_einwohner(ld, "einwohner", rec->field[N_EINWOHNER], line, &einwohner))
        return IKZ_OK;
    return _add(ld, ags, name, (enum kommune_art)art, einwohner, line);
}

/* ---------------------------------------------------------------------- */
/* GV-ISys format                                                          */

enum { G_SATZART, G_TK, G_LAND, G_RB, G_KREIS, G_GEMEINDE, G_NAME, G_BEVOELKERUNG, G__COUNT };

/* Copies the digits of s into out, padded with leading zeros to width (Excel
 * drops them); false unless s is 1..width digits. */
static bool _key_part(const char *s, size_t width, char *out)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > width)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    memset(out, '0', width - n);
    memcpy(out + width - n, s, n);
    return true;
}

/* True if s holds nothing but blanks (space, tab, no-break space). */
static bool _blank(const char *s)
{
    for (; s && *s; s++)
        if (*s == ' ' || *s == '\t')
            continue;
        else if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s++;
        else
            return false;
    return true;
}

/* A Kommune's record needs its name: without one it would be an empty
 * row of the workbook and a gap in the press text. A fehler (exit 65)
 * naming the key; true when the name is there. */
static bool _named(struct _load *ld, const struct gv_record *rec, const char *ags, const char *name_column)
{
    if (!_blank(rec->name))
        return true;
    findings_add(ld->findings, FINDING_PFLICHTFELD_LEER, ld->display, rec->line, name_column, NULL,
                 "Kommune %s ohne Namen", ags);
    return false;
}

/* One record of the GV-ISys CSV or of GV100AD: the same rules decide
 * which records are Kommunen (docs/inputs.md). bev_column and name_column
 * name the population and the name field in findings. */
static enum ikz_status _gv_record(struct _load *ld, const struct gv_record *rec, const char *bev_column,
                      const char *name_column)
{
    long line = rec->line;
    if (rec->satzart != 40 && rec->satzart != 60)
        return IKZ_OK; /* Land, Regierungsbezirk, Region, Gemeindeverband: not Kommunen */
    bool gemeinde = rec->satzart == 60;
    const char *tk_s = rec->tk;
    int tk = tk_s && strlen(tk_s) == 2 && digits_exact(tk_s, 2) ? atoi(tk_s) : -1;

    char ags[9] = {0};
    const char *bad = NULL, *v = NULL;
    if (!_key_part(rec->land, 2, ags))
        bad = "land", v = rec->land;
    else if (!_key_part(rec->rb && *rec->rb ? rec->rb : "0", 1, ags + 2))
        bad = "rb", v = rec->rb; /* Länder without Regierungsbezirke have 0; an empty rb means the same */
    else if (!_key_part(rec->kreis, 2, ags + 3))
        bad = "kreis", v = rec->kreis;
    else if (gemeinde && !_key_part(rec->gemeinde, 3, ags + 5))
        bad = "gemeinde", v = rec->gemeinde;
    if (bad) {
        findings_add(ld->findings, FINDING_REGISTER_AGS_UNGUELTIG, ld->display, line, bad, v ? v : "", NULL);
        return IKZ_OK;
    }
    const char *name = rec->name ? rec->name : "";

    if (!gemeinde) {
        if (tk >= 41 && tk <= 45 && !_named(ld, rec, ags, name_column))
            return IKZ_OK;
        switch (tk) {
        case 41: /* kreisfreie Stadt, 42 Stadtkreis: a Gemeinde through its 60-record */
        case 42: {
            struct _city_name *c = realloc(ld->city, (ld->n_city + 1) * sizeof *c);
            if (!c)
                return IKZ_ERR_OSERR;
            ld->city = c;
            memcpy(c[ld->n_city].key, ags, 6);
            c[ld->n_city].name = strdup(name);
            if (!c[ld->n_city++].name)
                return IKZ_ERR_OSERR;
            return IKZ_OK;
        }
        case 43: return _add(ld, ags, name, ART_KREIS, 0, line);
        case 44: return _add(ld, ags, name, ART_LANDKREIS, 0, line);
        case 45: return _add(ld, ags, name, ART_REGIONALVERBAND, 0, line);
        default:
            findings_add(ld->findings, FINDING_REGISTER_ART_UNGUELTIG, ld->display, line, "textkennzeichen",
                         tk_s ? tk_s : "", "Satzart 40 erwartet 41 bis 45");
            return IKZ_OK;
        }
    }
    enum kommune_art art;
    switch (tk) {
    case 60: art = ART_MARKT; break;
    case 61: art = ART_KREISFREIE_STADT; break;
    case 62: art = ART_STADTKREIS; break;
    case 63: art = ART_STADT; break;
    case 64: art = ART_GEMEINDE; break;
    case 67: art = ART_GROSSE_KREISSTADT; break;
    case 65: { /* gemeindefreies Gebiet, bewohnt: its people count for its Kreis */
        int64_t einwohner;
        if (!_einwohner(ld, bev_column, rec->bevoelkerung, line, &einwohner))
            return IKZ_OK;
        struct _unincorporated *g = realloc(ld->gebiet, (ld->n_gebiet + 1) * sizeof *g);
        if (!g)
            return IKZ_ERR_OSERR;
        ld->gebiet = g;
        memcpy(g[ld->n_gebiet].key, ags, 5);
        g[ld->n_gebiet].key[5] = '\0';
        g[ld->n_gebiet++].einwohner = einwohner;
        return IKZ_OK;
    }
    case 66: /* gemeindefreies Gebiet, unbewohnt */
        return IKZ_OK;
    default:
        findings_add(ld->findings, FINDING_REGISTER_ART_UNGUELTIG, ld->display, line, "textkennzeichen",
                     tk_s ? tk_s : "", "Satzart 60 erwartet 60 bis 67");
        return IKZ_OK;
    }
    if (!_named(ld, rec, ags, name_column))
        return IKZ_OK;
    int64_t einwohner;
    if (!_einwohner(ld, bev_column, rec->bevoelkerung, line, &einwohner))
        return IKZ_OK;
    return _add(ld, ags, name, art, einwohner, line);
}

static enum ikz_status _gvisys_row(void *ctx, const struct csv_record *rec)
{
    if (rec->rejected)
        return IKZ_OK; /* the reader made its finding */
    const char *satzart = rec->field[G_SATZART];
    struct gv_record r = {
        .satzart = satzart && digits_exact(satzart, 2) ? atoi(satzart) : -1,
        .land = rec->field[G_LAND],
        .rb = rec->field[G_RB],
        .kreis = rec->field[G_KREIS],
        .gemeinde = rec->field[G_GEMEINDE],
        .name = rec->field[G_NAME],
        .tk = rec->field[G_TK],
        .bevoelkerung = rec->field[G_BEVOELKERUNG],
        .line = rec->line,
    };
    return _gv_record(ctx, &r, "bevoelkerung", "gemeindename");
}

static enum ikz_status _gv100ad_record(void *ctx, const struct gv_record *rec)
{
    return _gv_record(ctx, rec, "bevoelkerung (Stellen 140-150)", "name (Stellen 23-72)");
}

/* ---------------------------------------------------------------------- */
/* Building the table                                                      */

static int _cmp_entry(const void *a, const void *b)
{
    const struct _entry *x = a, *y = b;
    int c = strcmp(x->k.ags, y->k.ags);
    if (c)
        return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

static const char *_city_name(const struct _load *ld, const char *key)
{
    for (size_t i = 0; i < ld->n_city; i++)
        if (memcmp(ld->city[i].key, key, 5) == 0)
            return ld->city[i].name;
    return NULL;
}

/* Sorts the entries, drops duplicates, and links each Gemeinde to its Kreis. */
static enum ikz_status _build(struct _load *ld)
{
    struct kommune_register *reg = ld->reg;
    if (ld->n > 0) /* qsort and bsearch must not see a NULL array */
        qsort(ld->entry, ld->n, sizeof *ld->entry, _cmp_entry);
    reg->kommune = malloc((ld->n ? ld->n : 1) * sizeof *reg->kommune);
    reg->kreis = malloc((ld->n ? ld->n : 1) * sizeof *reg->kreis);
    if (!reg->kommune || !reg->kreis)
        return IKZ_ERR_OSERR;

    reg->outside = malloc((ld->n ? ld->n : 1) * sizeof *reg->outside);
    if (!reg->outside)
        return IKZ_ERR_OSERR;
    for (size_t i = 0; i < ld->n; i++) {
        struct _entry *e = &ld->entry[i];
        if (ld->land && strncmp(e->k.ags, ld->land, 2) != 0) {
            /* Another Land's Kommune: known, so that a cross-border partner
             * is told from a wrong key, but not a Kommune of the report. */
            struct kommune_outside *o = &reg->outside[reg->n_outside++];
            memcpy(o->ags, e->k.ags, sizeof o->ags);
            o->name = e->k.name;
            continue;
        }
        if (reg->n > 0 && strcmp(reg->kommune[reg->n - 1].ags, e->k.ags) == 0) {
            findings_add(ld->findings, FINDING_REGISTER_AGS_DOPPELT, ld->display, e->line, "ags", e->k.ags, NULL);
            free(e->k.name);
            continue;
        }
        struct kommune *k = &reg->kommune[reg->n];
        *k = e->k;
        bool kreis_level = kommune_art_is_kreis(k->art);
        struct kreis *last = reg->n_kreise ? &reg->kreis[reg->n_kreise - 1] : NULL;
        if (kreis_level || _art_is_city_kreis(k->art)) {
            if (last && memcmp(last->key, k->ags, 5) == 0) {
                findings_add(ld->findings, FINDING_REGISTER_AGS_DOPPELT, ld->display, e->line, "ags", k->ags,
                             "Kreisschlüssel %s ist schon vergeben", last->key);
                free(k->name);
                continue;
            }
            struct kreis *kr = &reg->kreis[reg->n_kreise++];
            memset(kr, 0, sizeof *kr);
            memcpy(kr->key, k->ags, 5);
            const char *city = kreis_level ? NULL : _city_name(ld, k->ags);
            if (city) {
                kr->owned_name = strdup(city);
                if (!kr->owned_name)
                    return IKZ_ERR_OSERR;
            }
            kr->art = k->art;
            kr->kommune = (uint32_t)reg->n;
            last = kr;
        } else if (!last || memcmp(last->key, k->ags, 5) != 0 || !kommune_art_is_kreis(last->art)) {
            char key[6];
            memcpy(key, k->ags, 5);
            key[5] = '\0';
            findings_add(ld->findings, FINDING_REGISTER_KREIS_FEHLT, ld->display, e->line, "ags", k->ags,
                         "kein Landkreis %s im Verzeichnis", key);
            free(k->name);
            continue;
        }
        k->kreis = (uint32_t)(last - reg->kreis);
        last->kommunen++;
        if (kreis_level)
            reg->n_kreis_kommunen++;
        else
            reg->n_gemeinden++;
        reg->n++;
    }
    enum ikz_status st = register_index(reg);
    if (st != IKZ_OK)
        return st;
    /* Names and Einwohner of the Kreise, now that the array stands still. */
    for (size_t i = 0; i < reg->n; i++) {
        struct kommune *k = &reg->kommune[i];
        struct kreis *kr = &reg->kreis[k->kreis];
        if (!kr->name)
            kr->name = kr->owned_name ? kr->owned_name : reg->kommune[kr->kommune].name;
        if (!kommune_art_is_kreis(k->art) && kommune_art_is_kreis(kr->art))
            reg->kommune[kr->kommune].einwohner += k->einwohner;
    }
    for (size_t i = 0; i < ld->n_gebiet; i++) {
        long k = register_find(reg, ld->gebiet[i].key);
        if (k >= 0 && kommune_art_is_kreis(reg->kommune[k].art))
            reg->kommune[k].einwohner += ld->gebiet[i].einwohner;
    }
    if (reg->n == 0)
        findings_add(ld->findings, FINDING_REGISTER_LEER, ld->display, 0, NULL, NULL, NULL);
    return IKZ_OK;
}

/* Reads a GV100AD file into ld's entries. */
static enum ikz_status _load_gv100ad(const char *path, const char *display, const struct csvfile_options *opt,
                                     struct _load *ld)
{
    struct kommune_register *out = ld->reg;
    out->format = REGISTER_GV100AD;
    return gv100ad_read(path, display, _gv100ad_record, ld, &out->gebietsstand, &out->file, ld->findings,
                        opt ? opt->error : NULL);
}

/* Reads a GV-ISys CSV or a native register into ld's entries. */
static enum ikz_status _load_csv(const char *path, const char *display, const struct csvfile_options *opt,
                                 struct _load *ld)
{
    struct kommune_register *out = ld->reg;
    struct csvfile *cf;
    enum ikz_status st = csvfile_open(path, display, opt, ld->findings, &cf);
    if (st != IKZ_OK)
        return st;
    if (csvfile_has_column(cf, "satzart")) {
        static const char *const names[G__COUNT] = {"satzart", "textkennzeichen", "land", "rb", "kreis",
                                                    "gemeinde", "gemeindename", "bevoelkerung"};
        static const bool required[G__COUNT] = {true, true, true, true, true, true, true, true};
        out->format = REGISTER_GVISYS;
        st = csvfile_bind(cf, names, required, G__COUNT);
        if (st == IKZ_OK)
            st = csvfile_each(cf, _gvisys_row, ld);
    } else {
        static const char *const names[N__COUNT] = {"ags", "name", "art", "einwohner"};
        static const bool required[N__COUNT] = {true, true, true, true};
        out->format = REGISTER_NATIVE;
        st = csvfile_bind(cf, names, required, N__COUNT);
        if (st == IKZ_OK)
            st = csvfile_each(cf, _native_row, ld);
    }
    csvfile_get_info(cf, &out->file);
    csvfile_close(cf);
    return st;
}

enum ikz_status register_load(const char *path, const char *display, const struct csvfile_options *opt,
                              const char *land, struct kommune_register *out, struct findings *findings)
{
    memset(out, 0, sizeof *out);
    struct _load ld = {.reg = out, .land = land, .findings = findings, .display = display};
    size_t errors_before = findings->errors;
    enum ikz_status st = gv100ad_detect(path) ? _load_gv100ad(path, display, opt, &ld)
                                              : _load_csv(path, display, opt, &ld);
    if (st == IKZ_OK)
        st = _build(&ld);
    else
        for (size_t i = 0; i < ld.n; i++)
            free(ld.entry[i].k.name);
    for (size_t i = 0; i < ld.n_city; i++)
        free(ld.city[i].name);
    free(ld.city);
    free(ld.gebiet);
    free(ld.entry);
    if (st == IKZ_OK && findings->errors > errors_before)
        st = IKZ_ERR_DATA;
    return st;
}

