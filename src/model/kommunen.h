/* kommunen.h: the register of Kommunen as the run holds it, and its
 * lookups.
 *
 * Every Kommune (a Gemeinde with an 8-digit AGS, kreisfreie Städte
 * included, or a Landkreis with its 5-digit key) of the report's Land,
 * sorted by key so that a Landkreis comes just before its Gemeinden, plus
 * one entry per Kreis (Landkreis or kreisfreie Stadt) for the tables by
 * Kreis, and apart from them the Kommunen of other Länder, only to
 * recognise a cross-border partner. Gemeindefreie Gebiete,
 * Regierungsbezirke and the Land are not Kommunen and are not in it.
 *
 * read/register.h fills it from one of three formats, check/rekey.h
 * attaches the territorial changes, check/rules.h judges a key against it
 * and compute/ counts by it: so it lives below all of them and knows
 * nothing of files. */
#ifndef IKZ_KOMMUNEN_H
#define IKZ_KOMMUNEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "change_list.h"
#include "input_file.h"
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

/* A Kommune's name as a newspaper writes it, without the register's
 * addition after a comma ("Bensheim, Stadt" is "Bensheim"): the length of
 * that part of name. The one rule for every text that names a Kommune. */
size_t kommune_name_length(const char *name);

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
    struct input_file_info file; /* rows, bytes, SHA-256 as read */
    /* The lookups of register_find(), built by register_index(): per
     * 5-digit Kreis number a slot (or UINT32_MAX), per slot 1,001
     * positions: the Gemeinden by their last three digits, then the Kreis
     * itself. Two array accesses per AGS. */
    uint32_t *kreis_slot;
    uint32_t *position;
};

/* Builds the lookups of register_find() once reg->kommune is sorted,
 * complete and will not move (read/register.c calls it then).
 * IKZ_ERR_OSERR when out of memory; register_free() frees what was built
 * either way. */
enum ikz_status register_index(struct kommune_register *reg);

/* The Kommune of another Land with key ags, or NULL. */
const struct kommune_outside *register_find_outside(const struct kommune_register *reg, const char *ags);

/* Index of the Kommune with key ags (5 or 8 digits), or -1. */
long register_find(const struct kommune_register *reg, const char *ags);

/* Frees what reg owns (the names, the tables, both kinds of lookups; not
 * the borrowed change list) and zeroes it. */
void register_free(struct kommune_register *reg);

#endif
