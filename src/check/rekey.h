/* rekey.h: following an old key through the territorial changes.
 *
 * The funding database keeps the keys it was given; the register knows
 * only the Kommunen of its Gebietsstand. A key the register lacks is
 * followed through the changes in force at that Gebietsstand (chains
 * included: A into B, B into C) to the Kommune that holds its territory
 * now. Changes dated after the Gebietsstand are not applied, so a rerun on
 * an older register uses the keys of its time with the same list. */
#ifndef IKZ_REKEY_H
#define IKZ_REKEY_H

#include <stdbool.h>

#include "findings.h"
#include "gebietsaenderungen.h"
#include "register.h"
#include "status.h"

/* Checks the list against the register at Gebietsstand `at` and attaches
 * it (reg->changes, reg->changes_at) for rekey_resolve(). Broken: a
 * cycle, two successors of one key at the same date, or a change in force
 * whose chain ends at a key that is neither in the register nor another
 * Land's Kommune. Each is a GEBIETSAENDERUNG_FEHLERHAFT finding naming
 * the line; the status is then IKZ_ERR_CONFIG. */
enum ikz_status rekey_attach(struct kommune_register *reg, const struct gebietsaenderungen *changes, ikz_date at,
                             struct findings *findings);

/* Follows ags through the attached changes in force. True if it ends at a
 * Kommune of the register (*kommune its index) or of another Land
 * (*kommune -1); *last is the last change applied (its neu is the key
 * now). False when no change applies. */
bool rekey_resolve(const struct kommune_register *reg, const char *ags, long *kommune,
                   const struct gebietsaenderung **last);

#endif
