/* testhook.c: see testhook.h. Built with IKZ_TEST_HOOKS (the default for
 * a development build); a packaged build (-DIKZ_TEST_HOOKS=OFF) reads no
 * IKZ_TEST_ variable at all: the hooks are constants there. */
#include "testhook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef IKZ_TEST_HOOKS

unsigned long testhook_sheet_rows(void) { return 1048576ul; }
bool testhook_serial(void) { return false; }
void testhook_pause(const char *phase) { (void)phase; }

#else

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

#endif
