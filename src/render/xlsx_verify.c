/* xlsx_verify.c: see xlsx_verify.h. */
#include "xlsx_verify.h"

#include <expat.h>
#include <minizip/unzip.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK 65536

/* What expat found in one part. */
struct _count {
    size_t cells, rows;
    unsigned last_row; /* the r attribute of the last <row>, 1-based */
};

static void XMLCALL _start(void *data, const XML_Char *name, const XML_Char **attr)
{
    struct _count *c = data;
    if (strcmp(name, "c") == 0) {
        c->cells++;
    } else if (strcmp(name, "row") == 0) {
        c->rows++;
        for (size_t i = 0; attr[i]; i += 2)
            if (strcmp(attr[i], "r") == 0)
                c->last_row = (unsigned)strtoul(attr[i + 1], NULL, 10);
    }
}

/* Inflates the current entry (minizip checks its CRC) and, for an XML
 * part, parses it with expat to its very end. -1 on a read or CRC error,
 * -2 when the XML is not well-formed (*line the line expat stopped at). */
static int _read_part(unzFile zf, bool xml, char *buf, struct _count *count, unsigned long *line)
{
    XML_Parser p = xml ? XML_ParserCreate(NULL) : NULL;
    if (xml && !p)
        return -1;
    if (p) {
        XML_SetUserData(p, count);
        XML_SetStartElementHandler(p, _start);
    }
    int rc = unzOpenCurrentFile(zf) == UNZ_OK ? 0 : -1;
    int n = 0;
    while (rc == 0 && (n = unzReadCurrentFile(zf, buf, CHUNK)) > 0)
        if (p && XML_Parse(p, buf, n, 0) == XML_STATUS_ERROR)
            rc = -2;
    if (rc == 0 && n < 0)
        rc = -1;
    if (rc == 0 && p && XML_Parse(p, buf, 0, 1) == XML_STATUS_ERROR)
        rc = -2; /* ends inside an element: a part cut short */
    if (rc == -2)
        *line = (unsigned long)XML_GetCurrentLineNumber(p);
    if (unzCloseCurrentFile(zf) != UNZ_OK && rc == 0)
        rc = -1; /* UNZ_CRCERROR among them */
    if (p)
        XML_ParserFree(p);
    return rc;
}

static bool _ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

enum ikz_status xlsx_verify(const char *path, const struct xlsx_expect *expect, size_t n_sheets,
                            struct ikz_error *err)
{
    char *buf = malloc(CHUNK);
    if (!buf)
        return ikz_fail(err, IKZ_ERR_OSERR, "%s: no memory to read the workbook back", path);
    unzFile zf = unzOpen64(path);
    if (!zf) {
        free(buf);
        return ikz_fail(err, IKZ_ERR_IO, "%s: not a readable workbook after writing", path);
    }
    enum ikz_status st = IKZ_OK;
    size_t sheets_seen = 0;
    for (int e = unzGoToFirstFile(zf); e == UNZ_OK && st == IKZ_OK; e = unzGoToNextFile(zf)) {
        char name[256];
        if (unzGetCurrentFileInfo64(zf, NULL, name, sizeof name, NULL, 0, NULL, 0) != UNZ_OK) {
            st = ikz_fail(err, IKZ_ERR_IO, "%s: its table of contents does not read back", path);
            break;
        }
        bool xml = _ends_with(name, ".xml") || _ends_with(name, ".rels");
        struct _count count = {0};
        unsigned long line = 0;
        int rc = _read_part(zf, xml, buf, &count, &line);
        if (rc == -1) {
            st = ikz_fail(err, IKZ_ERR_IO, "%s: part %s does not read back (CRC or read error)", path, name);
            break;
        }
        if (rc == -2) {
            st = ikz_fail(err, IKZ_ERR_IO, "%s: part %s is not well-formed XML (line %lu): it was cut short", path,
                          name, line);
            break;
        }
        unsigned sheet = 0;
        char tail[8];
        if (sscanf(name, "xl/worksheets/sheet%u.xm%1s", &sheet, tail) == 2 && sheet >= 1 && sheet <= n_sheets) {
            const struct xlsx_expect *x = &expect[sheet - 1];
            sheets_seen++;
            if (count.cells != x->cells || count.last_row != x->last_row + 1)
                st = ikz_fail(err, IKZ_ERR_IO,
                              "%s: %s holds %zu cells up to row %u, %zu cells up to row %u were written: rows were "
                              "lost while writing",
                              path, name, count.cells, count.last_row, x->cells, x->last_row + 1);
        }
    }
    if (st == IKZ_OK && sheets_seen != n_sheets)
        st = ikz_fail(err, IKZ_ERR_IO, "%s: %zu of %zu sheets found after writing", path, sheets_seen, n_sheets);
    unzClose(zf);
    free(buf);
    return st;
}
