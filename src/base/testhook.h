/* testhook.h: a pause for the end-to-end tests of safe publishing.
 *
 * When the environment variable IKZ_TEST_PAUSE names a phase (locked, csv,
 * workbook, manifest, commit), the run prints "ikz-report: paused at PHASE"
 * to stderr when it gets there and sleeps up to 60 seconds, so that a test
 * can kill it with SIGKILL at exactly that point. Without the variable it
 * does nothing; the job never sets it. */
#ifndef IKZ_TESTHOOK_H
#define IKZ_TESTHOOK_H

#include <stdbool.h>

void testhook_pause(const char *phase);

/* The most rows a worksheet may hold: Excel's 1,048,576, or less when the
 * variable IKZ_TEST_SHEET_ROWS says so (the tests split a table across
 * sheets without writing a million rows). */
unsigned long testhook_sheet_rows(void);

/* True when IKZ_TEST_SERIAL is set: the run reads and writes on one core,
 * so that the fault-injection test's Nth call is the same call every run. */
bool testhook_serial(void);

#endif
