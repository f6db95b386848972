/* change_list.c: the change list's names and free, see change_list.h.
 * Reading it is read/gebietsaenderungen.c's. */
#include "change_list.h"

#include <stdlib.h>
#include <string.h>

const char *gebietsaenderung_art_name(enum change_art art)
{
    return art == CHANGE_EINGLIEDERUNG     ? "Eingliederung"
           : art == CHANGE_ZUSAMMENSCHLUSS ? "Zusammenschluss"
                                           : "Schlüsseländerung";
}

void gebietsaenderungen_free(struct gebietsaenderungen *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->item[i].name_alt);
        free(c->item[i].name_neu);
    }
    free(c->item);
    memset(c, 0, sizeof *c);
}
