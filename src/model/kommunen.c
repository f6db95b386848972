/* kommunen.c: the register's names, lookups and free, see kommunen.h.
 * Reading it is read/register.c's. */
#include "kommunen.h"

#include <stdlib.h>
#include <string.h>

static const char *const _art_names[ART__COUNT] = {
    [ART_GEMEINDE] = "Gemeinde",
    [ART_STADT] = "Stadt",
    [ART_KREISFREIE_STADT] = "kreisfreie Stadt",
    [ART_MARKT] = "Markt",
    [ART_STADTKREIS] = "Stadtkreis",
    [ART_GROSSE_KREISSTADT] = "große Kreisstadt",
    [ART_LANDKREIS] = "Landkreis",
    [ART_KREIS] = "Kreis",
    [ART_REGIONALVERBAND] = "Regionalverband",
};

const char *kommune_art_name(enum kommune_art art) { return _art_names[art]; }

const char *register_format_name(enum register_format format)
{
    return format == REGISTER_GV100AD ? "GV100AD" : format == REGISTER_GVISYS ? "GV-ISys" : "nativ";
}

bool kommune_art_is_kreis(enum kommune_art art)
{
    return art == ART_LANDKREIS || art == ART_KREIS || art == ART_REGIONALVERBAND;
}

size_t kommune_name_length(const char *name)
{
    const char *comma = strstr(name, ", ");
    return comma ? (size_t)(comma - name) : strlen(name);
}

/* ---------------------------------------------------------------------- */
/* Lookups                                                                 */

#define KREIS_NUMBERS 100000u /* 5-digit Kreis keys */
#define SLOT 1001u              /* 000..999 and the Kreis itself */
#define NONE UINT32_MAX

/* The digits of s as a number if s is exactly n digits, else NONE. */
static uint32_t _number(const char *s, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return NONE;
        v = v * 10 + (uint32_t)(s[i] - '0');
    }
    return s[n] == '\0' ? v : NONE;
}

static int _cmp_outside(const void *key, const void *elem)
{
    return strcmp(key, ((const struct kommune_outside *)elem)->ags);
}

const struct kommune_outside *register_find_outside(const struct kommune_register *reg, const char *ags)
{
    if (reg->n_outside == 0)
        return NULL;
    return bsearch(ags, reg->outside, reg->n_outside, sizeof *reg->outside, _cmp_outside);
}

long register_find(const struct kommune_register *reg, const char *ags)
{
    if (!reg->kreis_slot)
        return -1;
    uint32_t kreis = _number(ags, 5), gemeinde = 1000;
    if (kreis == NONE) {
        uint32_t v = _number(ags, 8);
        if (v == NONE)
            return -1;
        kreis = v / 1000;
        gemeinde = v % 1000;
    }
    uint32_t slot = reg->kreis_slot[kreis];
    if (slot == NONE)
        return -1;
    uint32_t pos = reg->position[(size_t)slot * SLOT + gemeinde];
    return pos == NONE ? -1 : (long)pos;
}

enum ikz_status register_index(struct kommune_register *reg)
{
    reg->kreis_slot = malloc(KREIS_NUMBERS * sizeof *reg->kreis_slot);
    if (!reg->kreis_slot)
        return IKZ_ERR_OSERR;
    for (uint32_t k = 0; k < KREIS_NUMBERS; k++)
        reg->kreis_slot[k] = NONE;
    uint32_t slots = 0;
    for (size_t i = 0; i < reg->n; i++) {
        uint32_t k = _number(reg->kommune[i].ags, 5);
        if (k == NONE)
            k = _number(reg->kommune[i].ags, 8) / 1000;
        if (reg->kreis_slot[k] == NONE)
            reg->kreis_slot[k] = slots++;
    }
    reg->position = malloc((size_t)(slots ? slots : 1) * SLOT * sizeof *reg->position);
    if (!reg->position)
        return IKZ_ERR_OSERR;
    for (size_t i = 0; i < (size_t)(slots ? slots : 1) * SLOT; i++)
        reg->position[i] = NONE;
    for (size_t i = 0; i < reg->n; i++) {
        uint32_t k = _number(reg->kommune[i].ags, 5), g = 1000;
        if (k == NONE) {
            uint32_t v = _number(reg->kommune[i].ags, 8);
            k = v / 1000;
            g = v % 1000;
        }
        reg->position[(size_t)reg->kreis_slot[k] * SLOT + g] = (uint32_t)i;
    }
    return IKZ_OK;
}

void register_free(struct kommune_register *reg)
{
    for (size_t i = 0; i < reg->n_outside; i++)
        free(reg->outside[i].name);
    free(reg->outside);
    for (size_t i = 0; i < reg->n; i++)
        free(reg->kommune[i].name);
    for (size_t i = 0; i < reg->n_kreise; i++)
        free(reg->kreis[i].owned_name);
    free(reg->kommune);
    free(reg->kreis);
    free(reg->kreis_slot);
    free(reg->position);
    free(reg->changes_by_alt);
    free(reg->changes_by_neu);
    free(reg->chain_end);
    memset(reg, 0, sizeof *reg);
}
