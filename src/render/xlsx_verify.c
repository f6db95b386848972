/* xlsx_verify.c: see xlsx_verify.h. */
#include "xlsx_verify.h"

#include <expat.h>
#include <minizip/unzip.h>
#include <pthread.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testhook.h"

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

/* One part of the zip: where it is, and what reading it back found. */
struct _part {
    char name[256];
    unz64_file_pos pos;
    unsigned long long size; /* uncompressed, to share the work */
    int worker;
    bool done;
    int rc;                  /* of _read_part */
    struct _count count;
    unsigned long line;
};

/* The read-back runs on both cores: each worker opens the zip itself and
 * reads its own parts in zip order, stopping at its first failure. The
 * first failure in zip order is then the same as a single reader's: every
 * part before it belongs to a worker that had not failed yet. */
struct _worker {
    const char *path;
    struct _part *part;
    size_t n_parts;
    int id;
};

static void *_work(void *arg)
{
    const struct _worker *w = arg;
    char *buf = malloc(CHUNK);
    unzFile zf = buf ? unzOpen64(w->path) : NULL;
    for (size_t i = 0; i < w->n_parts; i++) {
        struct _part *p = &w->part[i];
        if (p->worker != w->id)
            continue;
        p->done = true;
        if (!zf || unzGoToFilePos64(zf, &p->pos) != UNZ_OK)
            p->rc = -1;
        else
            p->rc = _read_part(zf, _ends_with(p->name, ".xml") || _ends_with(p->name, ".rels"), buf, &p->count,
                               &p->line);
        if (p->rc != 0)
            break;
    }
    if (zf)
        unzClose(zf);
    free(buf);
    return NULL;
}

/* The table of contents, each part given to the worker with less to read
 * so far, largest parts first: at `national` one sheet is two thirds of
 * the bytes, and the other worker reads everything else meanwhile. */
static enum ikz_status _list_parts(const char *path, int workers, struct _part **out, size_t *n_out,
                                   struct ikz_error *err)
{
    unzFile zf = unzOpen64(path);
    if (!zf)
        return ikz_fail(err, IKZ_ERR_IO, "%s: not a readable workbook after writing", path);
    unz_global_info64 gi;
    struct _part *part = NULL;
    if (unzGetGlobalInfo64(zf, &gi) != UNZ_OK || !(part = calloc(gi.number_entry ? gi.number_entry : 1, sizeof *part))) {
        unzClose(zf);
        return ikz_fail(err, IKZ_ERR_IO, "%s: its table of contents does not read back", path);
    }
    enum ikz_status st = IKZ_OK;
    size_t n = 0;
    for (int e = unzGoToFirstFile(zf); e == UNZ_OK; e = unzGoToNextFile(zf)) {
        unz_file_info64 info;
        if (n == gi.number_entry || unzGetCurrentFileInfo64(zf, &info, part[n].name, sizeof part[n].name, NULL, 0,
                                                             NULL, 0) != UNZ_OK ||
            unzGetFilePos64(zf, &part[n].pos) != UNZ_OK) {
            st = ikz_fail(err, IKZ_ERR_IO, "%s: its table of contents does not read back", path);
            break;
        }
        part[n].worker = -1; /* not given yet */
        part[n++].size = info.uncompressed_size;
    }
    unzClose(zf);
    if (st != IKZ_OK) {
        free(part);
        return st;
    }
    unsigned long long load[2] = {0, 0};
    for (size_t k = 0; k < n; k++) { /* n is a few dozen parts */
        size_t big = SIZE_MAX;
        for (size_t i = 0; i < n; i++)
            if (part[i].worker < 0 && (big == SIZE_MAX || part[i].size > part[big].size))
                big = i;
        int to = workers > 1 && load[1] < load[0] ? 1 : 0;
        part[big].worker = to;
        load[to] += part[big].size;
    }
    *out = part;
    *n_out = n;
    return IKZ_OK;
}

enum ikz_status xlsx_verify(const char *path, const struct xlsx_expect *expect, size_t n_sheets,
                            struct ikz_error *err)
{
    int workers = testhook_serial() ? 1 : 2;
    struct _part *part = NULL;
    size_t n_parts = 0;
    enum ikz_status st = _list_parts(path, workers, &part, &n_parts, err);
    if (st != IKZ_OK)
        return st;
    struct _worker w[2] = {{path, part, n_parts, 0}, {path, part, n_parts, 1}};
    pthread_t thread;
    bool threaded = workers > 1 && pthread_create(&thread, NULL, _work, &w[1]) == 0;
    _work(&w[0]);
    if (threaded)
        pthread_join(thread, NULL);
    else if (workers > 1)
        _work(&w[1]);

    size_t sheets_seen = 0;
    for (size_t i = 0; i < n_parts && st == IKZ_OK; i++) {
        const struct _part *p = &part[i];
        /* A part not done follows its worker's failure, which is told
         * first; it is counted unread all the same. */
        if (!p->done || p->rc == -1) {
            st = ikz_fail(err, IKZ_ERR_IO, "%s: part %s does not read back (CRC or read error)", path, p->name);
            break;
        }
        if (p->rc == -2) {
            st = ikz_fail(err, IKZ_ERR_IO, "%s: part %s is not well-formed XML (line %lu): it was cut short", path,
                          p->name, p->line);
            break;
        }
        unsigned sheet = 0;
        char tail[8];
        if (sscanf(p->name, "xl/worksheets/sheet%u.xm%1s", &sheet, tail) == 2 && sheet >= 1 && sheet <= n_sheets) {
            const struct xlsx_expect *x = &expect[sheet - 1];
            sheets_seen++;
            if (p->count.cells != x->cells || p->count.last_row != x->last_row + 1)
                st = ikz_fail(err, IKZ_ERR_IO,
                              "%s: %s holds %zu cells up to row %u, %zu cells up to row %u were written: rows were "
                              "lost while writing",
                              path, p->name, p->count.cells, p->count.last_row, x->cells, x->last_row + 1);
        }
    }
    if (st == IKZ_OK && sheets_seen != n_sheets)
        st = ikz_fail(err, IKZ_ERR_IO, "%s: %zu of %zu sheets found after writing", path, sheets_seen, n_sheets);
    free(part);
    return st;
}
