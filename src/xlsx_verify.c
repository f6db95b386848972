/* xlsx_verify.c: see xlsx_verify.h. */
#define _GNU_SOURCE /* memmem */
#include "xlsx_verify.h"

#include <minizip/unzip.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "log.h"

#define CHUNK 65536

/* Inflates the current entry (checking its CRC) and tells whether needle
 * occurs in it; -1 on a read or CRC error. */
static int _scan(unzFile zf, const char *needle)
{
    static char buf[CHUNK + 64];
    size_t keep = 0, nlen = needle ? strlen(needle) : 0;
    bool found = false;
    if (unzOpenCurrentFile(zf) != UNZ_OK)
        return -1;
    int n;
    while ((n = unzReadCurrentFile(zf, buf + keep, CHUNK)) > 0) {
        size_t len = keep + (size_t)n;
        buf[len] = '\0';
        if (needle && !found && memmem(buf, len, needle, nlen))
            found = true;
        /* Keep the tail, so a needle across two chunks is found too. */
        keep = nlen > 1 && len >= nlen - 1 ? nlen - 1 : 0;
        memmove(buf, buf + len - keep, keep);
    }
    if (unzCloseCurrentFile(zf) != UNZ_OK || n < 0)
        return -1; /* UNZ_CRCERROR among them */
    return found;
}

int xlsx_verify(const char *path, const unsigned *last_row, size_t n_sheets)
{
    unzFile zf = unzOpen64(path);
    if (!zf) {
        log_error("%s: not a readable workbook after writing", path);
        return -1;
    }
    int rc = 0;
    size_t sheets_seen = 0;
    for (int e = unzGoToFirstFile(zf); e == UNZ_OK && rc == 0; e = unzGoToNextFile(zf)) {
        char name[256];
        if (unzGetCurrentFileInfo64(zf, NULL, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK) {
            rc = -1;
            break;
        }
        unsigned sheet = 0;
        char tail[8];
        char needle[48] = "";
        if (sscanf(name, "xl/worksheets/sheet%u.xm%1s", &sheet, tail) == 2 && sheet >= 1 && sheet <= n_sheets) {
            snprintf(needle, sizeof needle, "<row r=\"%u\"", last_row[sheet - 1] + 1);
            sheets_seen++;
        }
        int found = _scan(zf, *needle ? needle : NULL);
        if (found < 0) {
            log_error("%s: part %s does not read back (CRC or read error)", path, name);
            rc = -1;
        } else if (*needle && !found) {
            log_error("%s: %s lacks its last row %u: rows were lost while writing", path, name,
                      last_row[sheet - 1] + 1);
            rc = -1;
        }
    }
    if (rc == 0 && sheets_seen != n_sheets) {
        log_error("%s: %zu of %zu sheets found after writing", path, sheets_seen, n_sheets);
        rc = -1;
    }
    unzClose(zf);
    return rc;
}
