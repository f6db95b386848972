/* rules.h: what makes a value of an export valid, as pure judgements.
 *
 * The readers parse; these functions judge. Each takes what a reader
 * found and returns true if it is valid, else false with the finding code
 * (and, where it helps the person fixing the export, a German hint) in
 * *why. None reports: the reader that knows file, line and column adds the
 * finding. A rule is the one place where docs/findings.md's condition for
 * its code lives. */
#ifndef IKZ_RULES_H
#define IKZ_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "areas.h"
#include "findings.h"
#include "kommunen.h"
#include "values.h"

/* Why a value is not valid: the finding code and an optional hint. */
struct rule_result {
    enum finding_code code;
    char hint[240]; /* "" when there is none */
};

/* A required field must not be empty (NULL is an absent column). */
bool rule_present(const char *v, struct rule_result *why);

/* An amount in euros with up to two decimals, not negative. An empty one
 * is MONEY_NONE when not required. */
bool rule_amount(const char *v, bool required, int64_t *cents, struct rule_result *why);

/* A date (ISO or German form). An empty one is 0 when not required. */
bool rule_date(const char *v, bool required, ikz_date *out, struct rule_result *why);

/* A task area of the controlled list; *index its position. */
bool rule_task_area(const struct task_areas *areas, const char *code, long *index, struct rule_result *why);

/* A revocation is not before the approval (both given). */
bool rule_revocation(ikz_date bewilligt, ikz_date widerrufen, struct rule_result *why);

/* Yearly savings are not above the costs they save on (both given). */
bool rule_savings(int64_t kosten_cents, int64_t einsparung_cents, struct rule_result *why);

/* A role is federfuehrend (any case, with or without umlaut) or
 * beteiligt; *lead says which. */
bool rule_role(const char *v, bool *lead, struct rule_result *why);

/* Where an AGS of an export leads. */
struct ags_match {
    long kommune; /* index in the register, or -1 */
    long outside; /* index in the register's other-Land Kommunen, or -1 */
    const struct gebietsaenderung *via; /* the last territorial change followed, or NULL */
};

/* An AGS is a Kommune of the register: true with m->kommune. Otherwise
 * false with a code: AGS_UMGESCHLUESSELT (a hinweis; m->kommune is the
 * successor) when the territorial changes in force lead to a Kommune of
 * the register; BETEILIGUNG_ANDERES_LAND (a hinweis; m->outside) for
 * another Land's Kommune, directly or through the changes;
 * AGS_ZURUECKGESCHLUESSELT (a hinweis; m->kommune the Kommune that had
 * the key at the Gebietsstand) when Schlüsseländerungen after the
 * Gebietsstand created the key; AGS_NACH_GEBIETSSTAND (a fehler; the hint
 * names date, art and predecessors) when a merger after the Gebietsstand
 * did; else AGS_UNBEKANNT with a hint at what was probably meant (a Kreis
 * with 000, a kreisfreie Stadt with 5 digits, a leading zero Excel
 * dropped). The last three depend on whether the participation is in the
 * report at all, which only the caller knows (exports_resolve_beteiligungen). */
bool rule_ags_known(const struct kommune_register *reg, const char *ags, struct ags_match *m, struct rule_result *why);

/* A Gemeinde's Einwohner are a whole number from 0. */
bool rule_einwohner(const char *v, int64_t *out, struct rule_result *why);

#endif
