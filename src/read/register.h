/* register.h: the official register of Kommunen (Gemeindeverzeichnis).
 *
 * Three formats are read, told apart by their content: GV100AD, the
 * fixed-width file Destatis publishes (gv100ad.h), the GV-ISys
 * "Gemeindeverzeichnis, Auszug" as CSV (record types 10..60, see
 * docs/inputs.md) and the native `ags;name;art;einwohner`. A register may
 * cover all of Germany; a report is for one Land, and the Kommunen of
 * other Länder are kept apart, only to recognise a cross-border partner. Both become the
 * same table: every Kommune (a Gemeinde with an 8-digit AGS, kreisfreie
 * Städte included, or a Landkreis with its 5-digit key), sorted by key so
 * that a Landkreis comes just before its Gemeinden, plus one entry per
 * Kreis (Landkreis or kreisfreie Stadt) for the tables by Kreis.
 * Gemeindefreie Gebiete, Regierungsbezirke and the Land are not Kommunen
 * and are left out. */
#ifndef IKZ_REGISTER_H
#define IKZ_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csvfile.h"
#include "findings.h"
#include "gebietsaenderungen.h"
#include "status.h"
#include "values.h"

enum kommune_art {
    ART_GEMEINDE,
    ART_STADT,
    ART_KREISFREIE_STADT,
    ART_MARKT,
    ART_STADTKREIS,
    ART_GROSSE_KREISSTADT,
    ART_LANDKREIS,
    ART_KREIS,
    ART_REGIONALVERBAND,
    ART__COUNT
};

/* Static German name ("kreisfreie Stadt"); do not free. */
const char *kommune_art_name(enum kommune_art art);
/* True for the Kreis-level Kommunen: Landkreis, Kreis, Regionalverband. */
bool kommune_art_is_kreis(enum kommune_art art);

enum register_format { REGISTER_NATIVE, REGISTER_GVISYS, REGISTER_GV100AD };

/* "nativ", "GV-ISys" or "GV100AD"; static. */
const char *register_format_name(enum register_format format);

struct kommune {
    char ags[9];        /* 8 digits (Gemeinde) or 5 digits (Kreis) */
    char *name;         /* owned */
    enum kommune_art art;
    int64_t einwohner;  /* a Kreis: the sum of its Gemeinden */
    uint32_t kreis;     /* index into kommune_register.kreise */
};

struct kreis {
    char key[6];        /* first five digits of the AGS */
    const char *name;   /* borrowed from the Kommune, or owned_name */
    char *owned_name;   /* GV-ISys name of a kreisfreie Stadt's 40-record */
    enum kommune_art art; /* ART_LANDKREIS/KREIS/REGIONALVERBAND or the city's art */
    uint32_t kommune;   /* index of the Landkreis itself, or of the city */
    uint32_t kommunen;  /* Kommunen in it: its Gemeinden plus the Kreis itself */
};

/* A Kommune of another Land than the report's. */
struct kommune_outside {
    char ags[9];
    char *name; /* owned */
};

struct kommune_register {
    struct kommune *kommune; /* sorted by ags */
    size_t n;
    struct kreis *kreis;     /* sorted by key */
    size_t n_kreise;
    size_t n_gemeinden, n_kreis_kommunen;
    enum register_format format;
    ikz_date gebietsstand;   /* GV100AD: from its records; else 0 (not in the file) */
    struct kommune_outside *outside; /* other Länder's Kommunen, sorted by ags */
    size_t n_outside;
    /* The territorial changes in force at changes_at (check/rekey.h);
     * borrowed, NULL when there is no change list. */
    const struct gebietsaenderungen *changes;
    ikz_date changes_at;
    /* Their lookups, built by rekey_attach and freed here: the changes'
     * indices sorted by ags_alt and by ags_neu (each then by date, then by
     * line), and per change the last change of its chain at changes_at
     * (CHANGE_CYCLE never survives attaching). */
    size_t *changes_by_alt, *changes_by_neu, *chain_end;
    struct csvfile_info file; /* rows, bytes, SHA-256 as read */
    /* The lookups of register_find(): per 5-digit Kreis number a slot (or
     * UINT32_MAX), per slot 1,001 positions: the Gemeinden by their last
     * three digits, then the Kreis itself. Two array accesses per AGS. */
    uint32_t *kreis_slot;
    uint32_t *position;
};

/* Loads the register at path (display names it in findings), keeping the
 * Kommunen of Land land (two digits; NULL: every Land) as the report's.
 * Returns IKZ_ERR_DATA when findings of severity fehler were made,
 * IKZ_ERR_NOINPUT when it cannot be opened. */
enum ikz_status register_load(const char *path, const char *display, const struct csvfile_options *opt,
                              const char *land, struct kommune_register *out, struct findings *findings);

/* The Kommune of another Land with key ags, or NULL. */
const struct kommune_outside *register_find_outside(const struct kommune_register *reg, const char *ags);

/* Index of the Kommune with key ags (5 or 8 digits), or -1. */
long register_find(const struct kommune_register *reg, const char *ags);

void register_free(struct kommune_register *reg);

#endif
