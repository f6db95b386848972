/* xlsx_verify.h: reading a written workbook back before it is published.
 *
 * libxlsxwriter 1.1.4 streams rows through temporary files and does not
 * check those writes: on a full disk it can close a well-formed workbook
 * whose sheets lack rows. So the job reads the file back (minizip, inside
 * xlsx_verify.c): every part must inflate with a correct CRC, and every
 * sheet must hold the last row written to it. */
#ifndef IKZ_XLSX_VERIFY_H
#define IKZ_XLSX_VERIFY_H

#include <stddef.h>

#include "status.h"

/* last_row[i] is the 0-based last row written to sheet i + 1. Returns
 * IKZ_OK, or IKZ_ERR_IO with what is wrong in err. */
enum ikz_status xlsx_verify(const char *path, const unsigned *last_row, size_t n_sheets, struct ikz_error *err);

#endif
