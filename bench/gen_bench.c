/* gen_bench.c: synthetic exports at any scale, for the benchmark.
 *
 *   gen-bench DIR KOMMUNEN PROJEKTE BETEILIGUNGEN
 *
 * Writes the register twice, as DIR/kommunen.csv (native format) and as
 * DIR/register/GV100AD_311224.txt (Destatis' fixed width, Gebietsstand
 * 31.12.2024, the same Kommunen), then DIR/projekte.csv and
 * DIR/beteiligungen.csv with the shape of the sample export: Kreise of 5 to
 * 60 Gemeinden grouped in Länder, a few kreisfreie Städte, a skewed
 * population; projects mostly of two to five neighbouring partners in one
 * Kreis, now and then with the Landkreis, OZG projects from 2021 on, a few
 * revoked; participations grouped by project, the lead first. The number of
 * participations is met exactly. Deterministic: a fixed-seed splitmix64.
 * Streams its output; memory grows with the number of Kommunen only. */
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "splitmix.h"

static struct splitmix _rng = {0xB3A7C4D1E5F60718ULL};

static uint32_t _below(uint32_t n) { return splitmix_below(&_rng, n); }
static double _unit(void) { return splitmix_unit(&_rng); }

struct kreis {
    char key[6];
    uint32_t first, n; /* its Gemeinden: gemeinde[first .. first + n) */
    int kreisfrei;
};

static char (*_gemeinde)[9]; /* AGS of every Gemeinde, grouped by Kreis */
static struct kreis *_kreis;
static uint32_t _n_gemeinden, _n_kreise;

static const char *const _areas[] = {"DIGITAL", "DATENSCHUTZ", "CYBER", "FEUERWEHR", "ORDNUNG", "FINANZEN",
                                     "PERSONAL", "BAU", "BAUHOF", "ABFALL", "STANDESAMT", "SOZIAL", "VERBAND",
                                     "SONSTIGE"};

/* One GV100AD record of 220 characters (all ASCII here). */
static void _gv(FILE *fp, const char *satz, const char *key, const char *name, const char *tk, double einwohner)
{
    char pop[16] = "";
    if (einwohner >= 0)
        snprintf(pop, sizeof pop, "%011.0f", einwohner);
    fprintf(fp, "%s20241231%-8s%-4s%-50s%-50s%-2s%-4s%-11s%-11s%-70s\n", satz, key, *satz == '6' ? "0000" : "", name,
            "", tk, "", "", pop, "");
}

static FILE *_create(const char *path)
{
    FILE *fp = fopen(path, "w");
    if (!fp) {
        perror(path);
        exit(73);
    }
    return fp;
}

static void _register(const char *dir, uint32_t kommunen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/kommunen.csv", dir);
    FILE *fp = _create(path);
    snprintf(path, sizeof path, "%s/register", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/register/GV100AD_311224.txt", dir);
    FILE *gv = _create(path);
    _gemeinde = malloc(kommunen * sizeof *_gemeinde);
    _kreis = malloc(kommunen * sizeof *_kreis);
    fputs("ags;name;art;einwohner\n", fp);
    uint32_t written = 0, land = 1, kreis_no = 1, rb = 0;
    while (written < kommunen) {
        struct kreis *k = &_kreis[_n_kreise];
        k->kreisfrei = _below(20) == 0;
        uint32_t size = k->kreisfrei ? 1 : 5 + _below(56);
        if (!k->kreisfrei && written + 1 + size > kommunen)
            size = kommunen - written > 1 ? kommunen - written - 1 : 0;
        if (!k->kreisfrei && size == 0)
            k->kreisfrei = 1, size = 1;
        /* The moduli tell the compiler each part fits its width. */
        snprintf(k->key, sizeof k->key, "%02u%u%02u", (unsigned)(land % 100), (unsigned)(rb % 10),
                 (unsigned)(kreis_no % 100));
        k->first = _n_gemeinden;
        k->n = size;
        char name[64];
        if (!k->kreisfrei) {
            fprintf(fp, "%s;Landkreis %s;Landkreis;\n", k->key, k->key);
            snprintf(name, sizeof name, "Landkreis %s", k->key);
            _gv(gv, "40", k->key, name, "44", -1);
            written++;
        }
        for (uint32_t g = 0; g < size; g++) {
            char *ags = _gemeinde[_n_gemeinden++];
            snprintf(ags, 9, "%.5s%03u", k->key, (unsigned)((k->kreisfrei ? 0 : g + 1) % 1000));
            /* Population: log-normal-ish, a few large towns. */
            double e = exp(7.5 + 1.2 * (_unit() + _unit() + _unit() - 1.5) * 1.4);
            if (k->kreisfrei)
                e = 80000 + 400000 * _unit();
            const char *art = k->kreisfrei ? "kreisfreie Stadt" : (e > 15000 ? "Stadt" : "Gemeinde");
            fprintf(fp, "%s;Gemeinde %s;%s;%.0f\n", ags, ags, art, e);
            snprintf(name, sizeof name, "Gemeinde %s", ags);
            _gv(gv, "60", ags, name, k->kreisfrei ? "61" : e > 15000 ? "63" : "64", e);
            written++;
        }
        _n_kreise++;
        if (++kreis_no > 99 || _below(25) == 0) { /* next Land or Regierungsbezirk */
            kreis_no = 1;
            if (++rb > 9) {
                rb = 0;
                land = land % 16 + 1;
            }
        }
    }
    fclose(fp);
    fclose(gv);
}

/* A project size: mostly two to five partners, a few large ones. */
static uint32_t _draw_size(void)
{
    uint32_t r = _below(100);
    if (r < 25) return 2;
    if (r < 50) return 3;
    if (r < 65) return 4;
    if (r < 75) return 5;
    if (r < 87) return 6 + _below(3);
    if (r < 96) return 9 + _below(6);
    return 15 + _below(10);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: gen-bench DIR KOMMUNEN PROJEKTE BETEILIGUNGEN\n");
        return 64;
    }
    const char *dir = argv[1];
    uint32_t kommunen = (uint32_t)strtoul(argv[2], NULL, 10);
    uint64_t projekte = strtoull(argv[3], NULL, 10), beteiligungen = strtoull(argv[4], NULL, 10);
    if (kommunen < 10 || projekte == 0 || beteiligungen < 2 * projekte) {
        fprintf(stderr, "gen-bench: need at least 10 Kommunen and 2 participations per project\n");
        return 64;
    }
    mkdir(dir, 0777); /* an existing directory is fine; a real failure shows at fopen */
    _register(dir, kommunen);

    char path[4096];
    snprintf(path, sizeof path, "%s/projekte.csv", dir);
    FILE *pf = fopen(path, "w");
    snprintf(path, sizeof path, "%s/beteiligungen.csv", dir);
    FILE *bf = fopen(path, "w");
    if (!pf || !bf) {
        perror(dir);
        return 73;
    }
    static char pbuf[1 << 20], bbuf[1 << 20];
    setvbuf(pf, pbuf, _IOFBF, sizeof pbuf);
    setvbuf(bf, bbuf, _IOFBF, sizeof bbuf);
    fputs("projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;"
          "ausgangskosten_eur_jahr;einsparung_eur_jahr\n", pf);
    fputs("projekt_id;ags;rolle\n", bf);

    /* Participations left to hand out; each project gets its drawn size,
     * bounded so that every later project can still have two. */
    uint64_t left = beteiligungen;
    double mean = (double)beteiligungen / (double)projekte;
    for (uint64_t p = 0; p < projekte; p++) {
        /* Bounded so that every later project can still have 2 to 40. */
        int64_t after = (int64_t)(projekte - p - 1), rest = (int64_t)left;
        int64_t size = (int64_t)llround((double)_draw_size() * mean / 4.7);
        int64_t lo = rest - 40 * after > 2 ? rest - 40 * after : 2, hi = rest - 2 * after;
        if (after == 0)
            size = rest;
        else if (size < lo)
            size = lo;
        else if (size > hi)
            size = hi;
        left -= (uint64_t)size;

        /* Neighbours: a run of Gemeinden in one Kreis (wrapping to the
         * next Kreise when it is small), sometimes with its Landkreis. */
        const struct kreis *k = &_kreis[_below(_n_kreise)];
        int with_kreis = !k->kreisfrei && size >= 3 && _below(5) == 0;
        uint32_t start = k->first + _below(k->n);
        int year = 2004 + (int)(20.0 * sqrt(_unit()));
        int ozg = year >= 2021 && _below(3) == 0;
        const char *area = ozg ? "OZG" : _areas[_below(sizeof _areas / sizeof _areas[0])];
        int revoked = _below(60) == 0 && year < 2023;
        int64_t grant = size <= 2 ? 50000 : size == 3 ? 75000 : 100000;
        uint64_t id = p + 1;
        fprintf(pf, "IKZ-%07" PRIu64 ";Gemeinsames Projekt %s %" PRIu64 " der Kommunen um %s;%s;%02d.%02d.%d;",
                id, area, id, _gemeinde[start], area, 1 + (int)_below(28), 1 + (int)_below(12), year);
        if (revoked)
            fprintf(pf, "%02d.%02d.%d", 1 + (int)_below(28), 1 + (int)_below(12), year + 1);
        if (_below(7) == 0) {
            fprintf(pf, ";%" PRId64 ",00;;\n", grant);
        } else {
            int64_t costs = 40000 + 15000 * (int64_t)size + (int64_t)_below(400) * 1000;
            int64_t savings = (int64_t)((double)costs * (0.10 + 0.30 * _unit()));
            fprintf(pf, ";%" PRId64 ",00;%" PRId64 ",%02u;%" PRId64 "\n", grant, costs, _below(100), savings);
        }
        uint64_t n = (uint64_t)(with_kreis ? size - 1 : size);
        if (n > _n_gemeinden)
            n = _n_gemeinden;
        for (uint64_t j = 0; j < n; j++)
            fprintf(bf, "IKZ-%07" PRIu64 ";%s;%s\n", id, _gemeinde[(start + j) % _n_gemeinden],
                    j == 0 ? "federfuehrend" : "beteiligt");
        if (with_kreis)
            fprintf(bf, "IKZ-%07" PRIu64 ";%s;beteiligt\n", id, k->key);
        else if (n < (uint64_t)size) /* more partners than Gemeinden: not at these scales */
            left += (uint64_t)size - n;
    }
    if (fclose(pf) != 0 || fclose(bf) != 0) {
        perror(dir);
        return 74;
    }
    return 0;
}
