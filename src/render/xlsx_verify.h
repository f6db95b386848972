/* xlsx_verify.h: reading a written workbook back before it is published.
 *
 * libxlsxwriter 1.1.4 streams rows through temporary files and does not
 * check those writes: on a full disk it can close a well-formed zip whose
 * sheets lack rows or end mid-tag. So the job reads the file back as a
 * spreadsheet program would, independently of the writer: minizip inflates
 * every part (CRC checked), expat parses every XML part to its end, and
 * each sheet must hold exactly the cells written to it, up to its last
 * row. Both libraries stay inside xlsx_verify.c. */
#ifndef IKZ_XLSX_VERIFY_H
#define IKZ_XLSX_VERIFY_H

#include <stddef.h>

#include "status.h"

/* What a sheet must hold: its cells (<c> elements) and its last row
 * (0-based). */
struct xlsx_expect {
    size_t cells;
    unsigned last_row;
};

/* expect[i] is sheet i + 1 (xl/worksheets/sheetN.xml). Returns IKZ_OK, or
 * IKZ_ERR_IO with what is wrong in err. */
enum ikz_status xlsx_verify(const char *path, const struct xlsx_expect *expect, size_t n_sheets,
                            struct ikz_error *err);

#endif
