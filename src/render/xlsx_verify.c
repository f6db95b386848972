/* xlsx_verify.c: see xlsx_verify.h. */
#define _GNU_SOURCE /* memmem */
#include "xlsx_verify.h"

#include <minizip/unzip.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

/* Inflates the current entry (checking its CRC) and tells whether needle
 * occurs in it; -1 on a read or CRC error. */
static int _scan(unzFile zf, const char *needle, char *buf)
{
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

enum ikz_status xlsx_verify(const char *path, const unsigned *last_row, size_t n_sheets, struct ikz_error *err)
{
    char *buf = malloc(CHUNK + 64);
    if (!buf)
        return ikz_fail(err, IKZ_ERR_OSERR, "%s: no memory to read the workbook back", path);
    unzFile zf = unzOpen64(path);
    if (!zf) {
        free(buf);
        return ikz_fail(err, IKZ_ERR_IO, "%s: not a readable workbook after writing", path);
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
        int found = _scan(zf, *needle ? needle : NULL, buf);
        if (found < 0) {
            ikz_fail(err, IKZ_ERR_IO, "%s: part %s does not read back (CRC or read error)", path, name);
            rc = -1;
        } else if (*needle && !found) {
            ikz_fail(err, IKZ_ERR_IO, "%s: %s lacks its last row %u: rows were lost while writing", path, name,
                     last_row[sheet - 1] + 1);
            rc = -1;
        }
    }
    if (rc == 0 && sheets_seen != n_sheets) {
        ikz_fail(err, IKZ_ERR_IO, "%s: %zu of %zu sheets found after writing", path, sheets_seen, n_sheets);
        rc = -1;
    }
    unzClose(zf);
    free(buf);
    return rc == 0 ? IKZ_OK : (err && err->status ? err->status : IKZ_ERR_IO);
}
