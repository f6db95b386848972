/* rekey.h: following an old key through the territorial changes.
 *
 * The funding database keeps the keys it was given; the register knows
 * only the Kommunen of its Gebietsstand. A key the register lacks is
 * followed through the changes in force at that Gebietsstand (chains
 * included: A into B, B into C) to the Kommune that holds its territory
 * now. Changes dated after the Gebietsstand are not applied, so a rerun on
 * an older register uses the keys of its time with the same list. A key
 * that only such a later change created is followed backwards instead
 * (rekey_resolve_back): through Schlüsseländerungen to the key it had at
 * the Gebietsstand; a merger's successor cannot be split among its
 * predecessors and is only named. */
#ifndef IKZ_REKEY_H
#define IKZ_REKEY_H

#include <stdbool.h>

#include "change_list.h"
#include "findings.h"
#include "kommunen.h"
#include "status.h"

/* Checks the list against the register at Gebietsstand `at` and attaches
 * it (reg->changes, reg->changes_at) for rekey_resolve(). Broken: a
 * cycle, two successors of one key at the same date, or a change in force
 * whose chain ends at a key that is neither in the register nor another
 * Land's Kommune. A cycle counts whether it runs over all dates or only
 * among the changes in force at the Gebietsstand. Each is a
 * GEBIETSAENDERUNG_FEHLERHAFT finding naming the line; the status is then
 * IKZ_ERR_CONFIG (IKZ_ERR_OSERR when memory runs out). */
enum ikz_status rekey_attach(struct kommune_register *reg, const struct gebietsaenderungen *changes, ikz_date at,
                             struct findings *findings);

/* Follows ags through the attached changes in force. True if it ends at a
 * Kommune of the register (*kommune its index) or of another Land
 * (*kommune -1); *last is the last change applied (its neu is the key
 * now). False when no change applies. */
bool rekey_resolve(const struct kommune_register *reg, const char *ags, long *kommune,
                   const struct gebietsaenderung **last);

/* What following a key backwards found. */
enum rekey_back {
    REKEY_BACK_NONE,    /* no change after the Gebietsstand created the key */
    REKEY_BACK_KOMMUNE, /* 1:1 Schlüsseländerungen lead back to a Kommune of the register */
    REKEY_BACK_MERGER   /* the key is the successor of a merger (or of several keys) */
};

/* Follows ags backwards through the attached changes dated after the
 * Gebietsstand whose ags_neu it is (the latest first, then the one before
 * from its ags_alt on, chains included). KOMMUNE: each step was a
 * Schlüsseländerung, the only change into its key on its day, and the
 * chain reaches a Kommune of the register (*kommune its index; *change
 * the change whose ags_alt that Kommune is). MERGER: a step reaches a key
 * into which an Eingliederung, a Zusammenschluss or more than one change
 * led on one day (*change one of them: its date, art and ags_neu; its
 * predecessors are every ags_alt into that ags_neu on that day). NONE
 * otherwise, and when no list is attached. */
enum rekey_back rekey_resolve_back(const struct kommune_register *reg, const char *ags, long *kommune,
                                   const struct gebietsaenderung **change);

#endif
