/* areas.c: the task areas' lookup and free, see areas.h. Reading the
 * list is read/taskareas.c's. */
#include "areas.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"

long taskareas_find(const struct task_areas *areas, const char *name)
{
    /* Exports nearly always write the code exactly: try that first. */
    for (size_t i = 0; i < areas->n; i++)
        if (strcmp(areas->item[i].code, name) == 0)
            return (long)i;
    for (size_t i = 0; i < areas->n; i++)
        if (text_equal_nocase(areas->item[i].code, name) || text_equal_nocase(areas->item[i].label, name))
            return (long)i;
    return -1;
}

void taskareas_free(struct task_areas *areas)
{
    for (size_t i = 0; i < areas->n; i++) {
        free(areas->item[i].code);
        free(areas->item[i].label);
    }
    free(areas->item);
    memset(areas, 0, sizeof *areas);
}
