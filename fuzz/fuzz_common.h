/* fuzz_common.h: what the libFuzzer targets share. The readers take paths
 * (they stream files, they never hold them), so each input is written to
 * one temporary file per process first. */
#ifndef IKZ_FUZZ_COMMON_H
#define IKZ_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvfile.h"
#include "log.h"

/* Writes data to this process's scratch file and returns its path. */
static inline const char *fuzz_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/ikz-fuzz-%ld-%s", (long)getpid(), name);
    FILE *fp = fopen(path, "wb");
    if (!fp)
        abort();
    if (size && fwrite(data, 1, size, fp) != size)
        abort();
    fclose(fp);
    return path;
}

/* Small limits so that the fuzzer reaches them. */
static const struct csvfile_options FUZZ_OPTIONS = {.limits = {.max_field_bytes = 4096, .max_columns = 64}};

/* Quiet logs. */
static inline void fuzz_init(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    log_set_level(LOG_LEVEL_ERROR);
}

#endif
