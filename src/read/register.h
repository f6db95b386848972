/* register.h: reading the official register of Kommunen
 * (Gemeindeverzeichnis).
 *
 * Three formats are read, told apart by their content: GV100AD, the
 * fixed-width file Destatis publishes (gv100ad.h), the GV-ISys
 * "Gemeindeverzeichnis, Auszug" as CSV (record types 10..60, see
 * docs/inputs.md) and the native `ags;name;art;einwohner`. A register may
 * cover all of Germany; a report is for one Land, and the Kommunen of
 * other Länder are kept apart, only to recognise a cross-border partner.
 * All three become the same table, struct kommune_register
 * (model/kommunen.h, with its lookups and free): every Kommune sorted by
 * key, plus one entry per Kreis. Gemeindefreie Gebiete,
 * Regierungsbezirke and the Land are not Kommunen and are left out. */
#ifndef IKZ_REGISTER_H
#define IKZ_REGISTER_H

#include "csvfile.h"
#include "findings.h"
#include "kommunen.h"
#include "status.h"

/* Loads the register at path (display names it in findings), keeping the
 * Kommunen of Land land (two digits; NULL: every Land) as the report's.
 * Returns IKZ_ERR_DATA when findings of severity fehler were made,
 * IKZ_ERR_NOINPUT when it cannot be opened. Free it with register_free(). */
enum ikz_status register_load(const char *path, const char *display, const struct csvfile_options *opt,
                              const char *land, struct kommune_register *out, struct findings *findings);

#endif
