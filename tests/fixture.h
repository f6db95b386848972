/* fixture.h: temporary directories and files for the tests. */
#ifndef IKZ_TEST_FIXTURE_H
#define IKZ_TEST_FIXTURE_H

#include <stddef.h>

/* A fresh directory under $TMPDIR (or /tmp); the caller frees the string. */
char *fixture_dir(void);

/* Writes content (len bytes, or strlen when len is (size_t)-1) to dir/name
 * and returns the path (caller frees). Fails the test on error. */
char *fixture_write(const char *dir, const char *name, const char *content, size_t len);

/* The whole file, NUL-terminated (caller frees); NULL if unreadable. */
char *fixture_read(const char *path, size_t *len);

struct findings;

/* Fails the test unless finding i of f, formatted as on stderr without
 * "ikz-report: ", is exactly expected (and says so when there is no
 * finding i). */
void fixture_assert_finding(const struct findings *f, size_t i, const char *expected);

/* Removes dir and everything below it, and frees dir. */
void fixture_remove(char *dir);

#endif
