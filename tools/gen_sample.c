/* gen_sample.c: writes the sample export in sample-data/ (projekte.csv and
 * beteiligungen.csv) from the Hessen register of the end of 2020 (the
 * GV-ISys CSV, for its coordinates), deterministically.
 *
 * The sample must reproduce the press release at Stichtag 2024-12-31
 * (514 funded projects, 2,410 participations, 47 OZG cooperations since
 * 2021 with 176 Gemeinden, the Birkenau/Mörlenbach/Gorxheimertal
 * cooperation saving 86,000 EUR a year, 30 %) and otherwise look like the
 * real thing: partners are geographic neighbours (GV-ISys coordinates),
 * mostly in one Landkreis, approvals grow from 2004 on, grants follow the
 * programme's rates. The targets are met by construction (sizes are drawn,
 * then adjusted to the exact sum), not by searching seeds.
 *
 * A fixed-seed splitmix64 and no hash tables: the same register gives the
 * same bytes on every machine. The output is written in the dialect of a
 * German Excel export (`;`, BOM, CRLF, DD.MM.YYYY, 86.000,00) so that the
 * sample exercises the reader.
 *
 * Bromskirchen (06635005) was incorporated into Allendorf (Eder)
 * (06635001) on 1 January 2023. The export holds keys as a funding
 * database does: projects approved before 2023 name Bromskirchen by its
 * own key, later ones name Allendorf (Eder). The report counts them at the
 * Gebietsstand of the sample's GV100AD (30.11.2023), through
 * sample-data/gebietsaenderungen.csv. So that the press release's figures
 * hold there too, no project takes both as members and no OZG cooperation
 * takes Bromskirchen; one project approved before 2023 names both (an
 * extra row), which the report must count once. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "findings.h"
#include "register.h"
#include "splitmix.h"
#include "values.h"

/* ---------------------------------------------------------------------- */
/* Targets of the press release                                            */

#define ACTIVE_PROJECTS 514
#define PARTICIPATIONS 2410
#define OZG_PROJECTS 47
#define OZG_GEMEINDEN 176
#define OZG_WITH_KREIS 7          /* OZG cooperations a Landkreis joins */
#define REVOKED_BEFORE 11         /* revoked on or before 2024-12-31 */
#define REVOKED_LATER 3           /* active at 2024-12-31, revoked in 2025 */
#define APPROVED_LATER 15         /* approved in 2025 */

/* ---------------------------------------------------------------------- */
/* Deterministic random numbers                                            */

static struct splitmix _rng = {0x1C2A2004ULL}; /* fixed seed */

static uint32_t _below(uint32_t n) { return splitmix_below(&_rng, n); }
static double _unit(void) { return splitmix_unit(&_rng); }

/* ---------------------------------------------------------------------- */
/* The Gemeinden with their coordinates                                    */

struct place {
    uint32_t kommune; /* index into the register */
    double lon, lat;
    char short_name[96]; /* "Bensheim" for "Bensheim, Stadt" */
};

static struct kommune_register _reg;
static uint32_t _bromskirchen, _allendorf; /* register indices */
#define MERGER_DAY 20230101 /* Bromskirchen incorporated into Allendorf (Eder) */
static struct place *_place; /* the Gemeinden */
static size_t _n_place;

struct _coord_load {
    size_t n;
};

static double _coord(const char *s)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%s", s ? s : "0");
    for (char *p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    return strtod(buf, NULL);
}

static enum ikz_status _coord_row(void *ctx, const struct csv_record *rec)
{
    (void)ctx;
    if (!rec->field[0] || strcmp(rec->field[0], "60") != 0)
        return IKZ_OK;
    char ags[9];
    snprintf(ags, sizeof ags, "%s%s%s%s", rec->field[1], rec->field[2], rec->field[3], rec->field[4]);
    long k = register_find(&_reg, ags);
    if (k < 0)
        return IKZ_OK; /* gemeindefreies Gebiet */
    struct place *p = &_place[_n_place++];
    p->kommune = (uint32_t)k;
    p->lon = _coord(rec->field[5]);
    p->lat = _coord(rec->field[6]);
    snprintf(p->short_name, sizeof p->short_name, "%s", _reg.kommune[k].name);
    char *comma = strchr(p->short_name, ',');
    if (comma)
        *comma = '\0';
    return IKZ_OK;
}

static int _load(const char *path)
{
    struct findings f;
    findings_init(&f, 100);
    if (register_load(path, path, NULL, NULL, &_reg, &f) != IKZ_OK) {
        findings_print(&f, stderr, 20, true);
        return -1;
    }
    _place = calloc(_reg.n, sizeof *_place);
    struct csvfile *cf;
    static const char *const names[] = {"satzart", "land", "rb", "kreis", "gemeinde", "laengengrad", "breitengrad"};
    static const bool required[] = {true, true, true, true, true, true, true};
    if (!_place || csvfile_open(path, path, NULL, &f, &cf) != IKZ_OK)
        return -1;
    int rc = csvfile_bind(cf, names, required, 7) == IKZ_OK && csvfile_each(cf, _coord_row, NULL) == IKZ_OK ? 0 : -1;
    csvfile_close(cf);
    findings_free(&f);
    return rc;
}

static long _place_of(const char *ags)
{
    for (size_t i = 0; i < _n_place; i++)
        if (strcmp(_reg.kommune[_place[i].kommune].ags, ags) == 0)
            return (long)i;
    return -1;
}

static double _dist2(const struct place *a, const struct place *b)
{
    double dx = (a->lon - b->lon) * 0.65; /* a degree of longitude is shorter at 50° N */
    double dy = a->lat - b->lat;
    return dx * dx + dy * dy;
}

/* ---------------------------------------------------------------------- */
/* Projects                                                                */

struct project {
    char id[24];
    const char *area;
    char titel[200];
    ikz_date bewilligt, widerrufen;
    int64_t foerder, kosten, einsparung; /* cents; kosten < 0: empty */
    uint32_t member[40];                 /* register indices; member[0] leads */
    uint32_t n_member;
    bool names_both;                     /* an extra row names Bromskirchen beside Allendorf (Eder) */
};

static struct project _proj[ACTIVE_PROJECTS + REVOKED_BEFORE + APPROVED_LATER];
static size_t _n_proj;

static bool _has(const struct project *p, uint32_t k)
{
    for (uint32_t i = 0; i < p->n_member; i++)
        if (p->member[i] == k)
            return true;
    return false;
}

/* True if taking register index k into p would put Bromskirchen and
 * Allendorf (Eder) into one project. */
static bool _conflict(const struct project *p, uint32_t k)
{
    return (k == _bromskirchen && _has(p, _allendorf)) || (k == _allendorf && _has(p, _bromskirchen));
}

/* Adds the nearest Gemeinden to the seed until the project has `size`
 * members; same_kreis keeps to the seed's Kreis while it has candidates.
 * used (may be NULL) marks Gemeinden that may not be taken. */
static void _neighbours(struct project *p, size_t seed, uint32_t size, bool same_kreis, const bool *used)
{
    static size_t order[1024];
    size_t n = 0;
    for (size_t i = 0; i < _n_place; i++)
        if (i != seed && !(used && used[i]) && !_has(p, _place[i].kommune))
            order[n++] = i;
    uint32_t kreis = _reg.kommune[_place[seed].kommune].kreis;
    /* Selection sort of the few nearest: sizes are small. */
    for (int pass = same_kreis ? 0 : 1; pass < 2 && p->n_member < size; pass++) {
        for (;;) {
            if (p->n_member >= size)
                break;
            size_t best = SIZE_MAX;
            for (size_t j = 0; j < n; j++) {
                if (order[j] == SIZE_MAX || (pass == 0 && _reg.kommune[_place[order[j]].kommune].kreis != kreis) ||
                    _conflict(p, _place[order[j]].kommune))
                    continue;
                if (best == SIZE_MAX || _dist2(&_place[order[j]], &_place[seed]) < _dist2(&_place[order[best]], &_place[seed]))
                    best = j;
            }
            if (best == SIZE_MAX)
                break;
            p->member[p->n_member++] = _place[order[best]].kommune;
            order[best] = SIZE_MAX;
        }
    }
}

static uint32_t _kreis_kommune_of(uint32_t gemeinde)
{
    const struct kreis *kr = &_reg.kreis[_reg.kommune[gemeinde].kreis];
    return kommune_art_is_kreis(kr->art) ? kr->kommune : UINT32_MAX;
}

static size_t _count_gemeinden(const struct project *p)
{
    size_t n = 0;
    for (uint32_t i = 0; i < p->n_member; i++)
        n += !kommune_art_is_kreis(_reg.kommune[p->member[i]].art);
    return n;
}

/* The programme's grant rates. */
static int64_t _grant(const struct project *p)
{
    if (strcmp(p->area, "VERBAND") == 0)
        return 15000000 * (int64_t)_count_gemeinden(p);
    return p->n_member <= 2 ? 5000000 : p->n_member == 3 ? 7500000 : 10000000;
}

/* Costs before the cooperation and savings of 10 to 40 per cent; about one
 * project in seven reports neither. */
static void _money(struct project *p)
{
    p->foerder = _grant(p);
    if (_below(7) == 0) {
        p->kosten = p->einsparung = -1;
        return;
    }
    int64_t euros = 40000 + 15000 * (int64_t)p->n_member + (int64_t)_below(400) * 1000;
    p->kosten = euros * 100 + (_below(3) == 0 ? (int64_t)_below(100) : 0);
    double share = 0.10 + 0.30 * _unit();
    p->einsparung = (int64_t)llround((double)p->kosten * share / 100.0) * 100;
}

static const char *const _areas[] = {"DIGITAL", "DATENSCHUTZ", "CYBER", "FEUERWEHR", "ORDNUNG", "FINANZEN",
                                     "PERSONAL", "BAU", "BAUHOF", "ABFALL", "STANDESAMT", "SOZIAL", "VERBAND",
                                     "SONSTIGE"};
static const unsigned _area_weight[] = {9, 4, 3, 12, 10, 8, 5, 6, 9, 5, 9, 5, 4, 4};

static const char *_pick_area(void)
{
    unsigned total = 0, n = sizeof _areas / sizeof _areas[0];
    for (unsigned i = 0; i < n; i++)
        total += _area_weight[i];
    unsigned r = _below(total);
    for (unsigned i = 0; i < n; i++) {
        if (r < _area_weight[i])
            return _areas[i];
        r -= _area_weight[i];
    }
    return _areas[0];
}

/* Titles that fit the area; @1 is the lead's name, @2 the second one's. */
static const struct {
    const char *area;
    const char *pattern;
} _titles[] = {
    {"OZG", "Gemeinsame Umsetzung des Onlinezugangsgesetzes @1 und Partner"},
    {"OZG", "Digitalisierungsmanager für das OZG: @1 mit @2"},
    {"OZG", "Interkommunales OZG-Servicebüro @1"},
    {"DIGITAL", "Gemeinsame IT-Betreuung @1 und @2"},
    {"DIGITAL", "Interkommunaler IT-Verbund @1"},
    {"DATENSCHUTZ", "Gemeinsamer Datenschutzbeauftragter @1"},
    {"CYBER", "Informationssicherheitsbeauftragter für @1 und Nachbarn"},
    {"FEUERWEHR", "Gemeinsame Beschaffung und Wartung von Feuerwehrtechnik @1"},
    {"FEUERWEHR", "Atemschutzwerkstatt @1/@2"},
    {"ORDNUNG", "Gemeinsamer Ordnungsbehördenbezirk @1"},
    {"ORDNUNG", "Interkommunale Ordnungspolizei @1 und @2"},
    {"FINANZEN", "Gemeinsame Kasse und Steuerverwaltung @1"},
    {"PERSONAL", "Gemeinsame Personalabrechnung @1 und @2"},
    {"BAU", "Gemeinsame Bauverwaltung @1"},
    {"BAUHOF", "Interkommunaler Bauhof @1/@2"},
    {"ABFALL", "Gemeinsame Abfallentsorgung @1"},
    {"STANDESAMT", "Gemeinsames Standesamt @1; @2"},
    {"STANDESAMT", "Standesamtsbezirk @1"},
    {"SOZIAL", "Seniorenberatung @1 und @2"},
    {"VERBAND", "Gemeindeverwaltungsverband @1"},
    {"SONSTIGE", "Gemeinsames Tourismusbüro @1"},
};

static const char *_short(uint32_t k)
{
    for (size_t i = 0; i < _n_place; i++)
        if (_place[i].kommune == k)
            return _place[i].short_name;
    return _reg.kommune[k].name; /* a Landkreis */
}

/* Copies pattern into out with @1 and @2 replaced by a and b. */
static void _fill(char *out, size_t outsz, const char *pattern, const char *a, const char *b)
{
    size_t o = 0;
    for (const char *p = pattern; *p && o + 1 < outsz; p++) {
        const char *sub = NULL;
        if (p[0] == '@' && (p[1] == '1' || p[1] == '2'))
            sub = *++p == '1' ? a : b;
        if (!sub) {
            out[o++] = *p;
            continue;
        }
        while (*sub && o + 1 < outsz)
            out[o++] = *sub++;
    }
    out[o] = '\0';
}

static void _title(struct project *p)
{
    size_t n = 0, pick;
    for (size_t i = 0; i < sizeof _titles / sizeof _titles[0]; i++)
        n += strcmp(_titles[i].area, p->area) == 0;
    pick = _below((uint32_t)n);
    for (size_t i = 0; i < sizeof _titles / sizeof _titles[0]; i++) {
        if (strcmp(_titles[i].area, p->area) != 0)
            continue;
        if (pick-- == 0) {
            const char *second = p->n_member > 1 ? _short(p->member[1]) : _short(p->member[0]);
            _fill(p->titel, sizeof p->titel, _titles[i].pattern, _short(p->member[0]), second);
            return;
        }
    }
}

static ikz_date _date_in(int year)
{
    int m = 1 + (int)_below(12), d = 1 + (int)_below(28);
    return date_make(year, m, d);
}

/* A project size: mostly two to five partners, a few large ones. */
static uint32_t _draw_size(void)
{
    uint32_t r = _below(100);
    if (r < 25)
        return 2;
    if (r < 50)
        return 3;
    if (r < 65)
        return 4;
    if (r < 75)
        return 5;
    if (r < 87)
        return 6 + _below(3);
    if (r < 96)
        return 9 + _below(6);
    return 15 + _below(10);
}

/* Approval years 2004..2024 with counts that grow over time. */
static int _draw_year(void)
{
    uint32_t total = 0;
    for (int y = 2004; y <= 2024; y++)
        total += (uint32_t)(y - 2000);
    uint32_t r = _below(total);
    for (int y = 2004; y <= 2024; y++) {
        if (r < (uint32_t)(y - 2000))
            return y;
        r -= (uint32_t)(y - 2000);
    }
    return 2024;
}

/* ---------------------------------------------------------------------- */
/* Building the export                                                     */

static void _ozg(void)
{
    static bool used[1024];
    static const int per_year[4] = {8, 11, 13, 15}; /* 2021..2024: 47 */
    used[_place_of("06635005")] = true; /* no OZG cooperation takes Bromskirchen */
    uint32_t sizes[OZG_PROJECTS];
    sizes[0] = 3; /* Birkenau, Mörlenbach, Gorxheimertal */
    uint32_t sum = 3;
    for (int i = 1; i < OZG_PROJECTS; i++)
        sum += sizes[i] = 3;
    while (sum < OZG_GEMEINDEN) {
        uint32_t i = 1 + _below(OZG_PROJECTS - 1);
        if (sizes[i] < 6) {
            sizes[i]++;
            sum++;
        }
    }
    int year = 2021, left = per_year[0];
    for (int i = 0; i < OZG_PROJECTS; i++) {
        struct project *p = &_proj[_n_proj++];
        p->area = "OZG";
        while (left == 0)
            left = per_year[++year - 2021];
        left--;
        if (i == 0) {
            static const char *const trio[] = {"06431004", "06431017", "06431008"};
            for (int j = 0; j < 3; j++) {
                long pl = _place_of(trio[j]);
                used[pl] = true;
                p->member[p->n_member++] = _place[pl].kommune;
            }
            p->bewilligt = date_make(2023, 6, 14);
            snprintf(p->titel, sizeof p->titel,
                     "Gemeinsamer Digitalisierungsmanager zur Umsetzung des OZG (Birkenau, Mörlenbach, Gorxheimertal)");
            p->foerder = 7500000;
            p->kosten = 28666667; /* 86,000 / 286,666.67 = 30 % */
            p->einsparung = 8600000;
            continue;
        }
        size_t seed;
        do
            seed = _below((uint32_t)_n_place);
        while (used[seed]);
        used[seed] = true;
        p->member[p->n_member++] = _place[seed].kommune;
        _neighbours(p, seed, sizes[i], true, used);
        for (uint32_t j = 1; j < p->n_member; j++)
            for (size_t pl = 0; pl < _n_place; pl++)
                if (_place[pl].kommune == p->member[j])
                    used[pl] = true;
        if (i % 6 == 1 && _kreis_kommune_of(p->member[0]) != UINT32_MAX)
            p->member[p->n_member++] = _kreis_kommune_of(p->member[0]);
        p->bewilligt = _date_in(year);
        _title(p);
        _money(p);
    }
}

/* Sizes for the other active projects that add up to exactly `total`. */
static void _sizes(uint32_t *size, size_t n, uint32_t total)
{
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += size[i] = _draw_size();
    while (sum != total) {
        uint32_t i = _below((uint32_t)n);
        if (sum < total && size[i] < 24) {
            size[i]++;
            sum++;
        } else if (sum > total && size[i] > 2) {
            size[i]--;
            sum--;
        }
    }
}

static void _other(struct project *p, uint32_t size, int year)
{
    p->area = _pick_area();
    size_t seed = _below((uint32_t)_n_place);
    p->member[p->n_member++] = _place[seed].kommune;
    /* One in five joins a Landkreis; most stay inside one Kreis. */
    bool with_kreis = size >= 3 && _below(5) == 0 && _kreis_kommune_of(p->member[0]) != UINT32_MAX &&
                      strcmp(p->area, "VERBAND") != 0;
    _neighbours(p, seed, with_kreis ? size - 1 : size, _below(100) < 85, NULL);
    if (with_kreis)
        p->member[p->n_member++] = _kreis_kommune_of(p->member[0]);
    p->bewilligt = _date_in(year);
    _title(p);
    _money(p);
}

static int _cmp_project(const void *a, const void *b)
{
    const struct project *x = a, *y = b;
    return strcmp(x->id, y->id);
}

static void _assign_ids(void)
{
    /* IKZ-YYYY-NNN in order of approval, numbered within the year. */
    size_t idx[sizeof _proj / sizeof _proj[0]];
    for (size_t i = 0; i < _n_proj; i++)
        idx[i] = i;
    for (size_t i = 1; i < _n_proj; i++)
        for (size_t j = i; j > 0 && _proj[idx[j - 1]].bewilligt > _proj[idx[j]].bewilligt; j--) {
            size_t t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    int year = 0, nr = 0;
    for (size_t i = 0; i < _n_proj; i++) {
        struct project *p = &_proj[idx[i]];
        if (date_year(p->bewilligt) != year) {
            year = date_year(p->bewilligt);
            nr = 0;
        }
        snprintf(p->id, sizeof p->id, "IKZ-%04d-%03d", year, ++nr);
    }
    qsort(_proj, _n_proj, sizeof *_proj, _cmp_project);
}

/* ---------------------------------------------------------------------- */
/* Writing                                                                 */

static void _amount(FILE *fp, int64_t cents)
{
    if (cents < 0)
        return;
    /* German form with thousands dots: 286.666,67 */
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(cents / 100));
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        fputc(digits[i], fp);
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            fputc('.', fp);
    }
    fprintf(fp, ",%02lld", (long long)(cents % 100));
}

static void _text(FILE *fp, const char *s)
{
    if (!strpbrk(s, ";\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static int _write(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/projekte.csv", dir);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    fputs("\xEF\xBB\xBFprojekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;"
          "ausgangskosten_eur_jahr;einsparung_eur_jahr\r\n", fp);
    for (size_t i = 0; i < _n_proj; i++) {
        const struct project *p = &_proj[i];
        char d[11];
        fprintf(fp, "%s;", p->id);
        _text(fp, p->titel);
        date_format_de(p->bewilligt, d);
        fprintf(fp, ";%s;%s;", p->area, d);
        if (p->widerrufen) {
            date_format_de(p->widerrufen, d);
            fputs(d, fp);
        }
        fputc(';', fp);
        _amount(fp, p->foerder);
        fputc(';', fp);
        _amount(fp, p->kosten);
        fputc(';', fp);
        _amount(fp, p->einsparung);
        fputs("\r\n", fp);
    }
    if (fclose(fp) != 0)
        return -1;

    snprintf(path, sizeof path, "%s/beteiligungen.csv", dir);
    fp = fopen(path, "wb");
    if (!fp)
        return -1;
    fputs("\xEF\xBB\xBFprojekt_id;ags;rolle\r\n", fp);
    for (size_t i = 0; i < _n_proj; i++) {
        const struct project *p = &_proj[i];
        for (uint32_t j = 0; j < p->n_member; j++) {
            /* From the merger on, the database knows only Allendorf (Eder). */
            uint32_t k = p->member[j] == _bromskirchen && p->bewilligt >= MERGER_DAY ? _allendorf : p->member[j];
            fprintf(fp, "%s;%s;%s\r\n", p->id, _reg.kommune[k].ags, j == 0 ? "federfuehrend" : "beteiligt");
        }
        if (p->names_both)
            fprintf(fp, "%s;%s;beteiligt\r\n", p->id, _reg.kommune[_bromskirchen].ags);
    }
    return fclose(fp);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen-sample REGISTER.csv OUTPUT-DIR\n");
        return 64;
    }
    if (_load(argv[1]) != 0) {
        fprintf(stderr, "gen-sample: cannot read the register %s\n", argv[1]);
        return 66;
    }
    long b = register_find(&_reg, "06635005"), a = register_find(&_reg, "06635001");
    if (b < 0 || a < 0) {
        fprintf(stderr, "gen-sample: the register lacks Bromskirchen or Allendorf (Eder)\n");
        return 65;
    }
    _bromskirchen = (uint32_t)b;
    _allendorf = (uint32_t)a;
    _ozg();
    uint32_t ozg_members = 0;
    for (size_t i = 0; i < _n_proj; i++)
        ozg_members += _proj[i].n_member;

    size_t n_other = ACTIVE_PROJECTS - OZG_PROJECTS;
    uint32_t size[ACTIVE_PROJECTS];
    _sizes(size, n_other, PARTICIPATIONS - ozg_members);
    for (size_t i = 0; i < n_other; i++) {
        struct project *p = &_proj[_n_proj++];
        _other(p, size[i], _draw_year());
        if (i < REVOKED_LATER) /* revoked in 2025: still counts at 2024-12-31 */
            p->widerrufen = _date_in(2025);
        if (p->widerrufen && p->widerrufen < p->bewilligt)
            p->widerrufen = p->bewilligt;
    }
    /* Projects that do not count at 2024-12-31. */
    for (int i = 0; i < REVOKED_BEFORE; i++) {
        struct project *p = &_proj[_n_proj++];
        int year = 2006 + (int)_below(15);
        _other(p, 2 + _below(4), year);
        p->widerrufen = _date_in(year + 1 + (int)_below(3));
    }
    for (int i = 0; i < APPROVED_LATER; i++) {
        struct project *p = &_proj[_n_proj++];
        _other(p, 2 + _below(5), 2025);
        if (i % 3 == 0) {
            p->area = "OZG";
            _title(p);
        }
    }
    _assign_ids();
    /* The first project (by id) that counts at 2024-12-31, approved before
     * the merger, with Allendorf (Eder): it names Bromskirchen too. */
    struct project *both = NULL;
    for (size_t i = 0; i < _n_proj; i++) {
        struct project *p = &_proj[i];
        bool counts = p->bewilligt <= 20241231 && !(p->widerrufen && p->widerrufen <= 20241231);
        if (counts && p->bewilligt < MERGER_DAY && _has(p, _allendorf) && (!both || strcmp(p->id, both->id) < 0))
            both = p;
    }
    if (!both) {
        fprintf(stderr, "gen-sample: no project before 2023 with Allendorf (Eder) to name both\n");
        return 70;
    }
    both->names_both = true;
    if (_write(argv[2]) != 0) {
        fprintf(stderr, "gen-sample: cannot write to %s\n", argv[2]);
        return 73;
    }
    register_free(&_reg);
    free(_place);
    return 0;
}
