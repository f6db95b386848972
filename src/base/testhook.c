/* testhook.c: see testhook.h. */
#include "testhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

unsigned long testhook_sheet_rows(void)
{
    const unsigned long excel = 1048576ul;
    const char *v = getenv("IKZ_TEST_SHEET_ROWS");
    unsigned long n = v ? strtoul(v, NULL, 10) : 0;
    return n >= 4 && n < excel ? n : excel;
}

bool testhook_serial(void) { return getenv("IKZ_TEST_SERIAL") != NULL; }

void testhook_pause(const char *phase)
{
    const char *want = getenv("IKZ_TEST_PAUSE");
    if (!want || strcmp(want, phase) != 0)
        return;
    fprintf(stderr, "ikz-report: paused at %s\n", phase);
    fflush(stderr);
    for (int i = 0; i < 60; i++)
        sleep(1);
}
