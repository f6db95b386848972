/* render_csv.h: writes a table as CSV in one of two dialects.
 *
 * excel-de is for press officers who double-click the file in a German
 * Excel: `;`, decimal comma, dates as 31.12.2024, UTF-8 with BOM (else Excel
 * guesses Windows-1252), CRLF. rfc4180 is for programs: `,`, decimal point,
 * ISO dates, no BOM, LF. Rows and columns are the same in both; numbers
 * never carry thousands separators. A text cell that a spreadsheet would
 * run as a formula is neutralised with a leading apostrophe (OWASP). */
#ifndef IKZ_RENDER_CSV_H
#define IKZ_RENDER_CSV_H

#include <stdio.h>

#include "status.h"
#include "table.h"

enum csv_dialect { CSV_DIALECT_EXCEL_DE, CSV_DIALECT_RFC4180 };

/* Parses "excel-de" or "rfc4180"; false for anything else. */
bool csv_dialect_parse(const char *name, enum csv_dialect *out);

/* Writes t to fp. Returns IKZ_OK, or IKZ_ERR_IO on a write error (errno
 * set). */
enum ikz_status render_csv(const struct table *t, enum csv_dialect dialect, FILE *fp);

/* Formats one cell as render_csv() would, without quoting, into out. */
void render_csv_cell(const struct cell *c, enum csv_dialect dialect, char *out, size_t outsz);

#endif
