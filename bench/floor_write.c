/* floor_write.c: the writing floor of the benchmark: CELLS cells (half
 * numbers, half distinct short strings, as names and titles are) in a
 * workbook with libxlsxwriter in its cheapest mode (constant_memory, as
 * ikz-report uses it), in sheets of at most a million rows and 9 columns,
 * and CSV_BYTES bytes written to a file.
 *   floor-write DIR CELLS CSV_BYTES */
#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: floor-write DIR CELLS CSV_BYTES\n");
        return 64;
    }
    char path[4096];
    long cells = atol(argv[2]), bytes = atol(argv[3]);
    snprintf(path, sizeof path, "%s/floor.xlsx", argv[1]);
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = argv[1]};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    char text[64];
    lxw_worksheet *ws = NULL;
    for (long i = 0; i < cells; i++) {
        long row = i / 9, col = i % 9;
        if (row % 1000000 == 0 && col == 0)
            ws = workbook_add_worksheet(wb, NULL);
        if (col % 2)
            worksheet_write_number(ws, (lxw_row_t)(row % 1000000), (lxw_col_t)col, (double)i, NULL);
        else {
            snprintf(text, sizeof text, "Gemeinde %08ld", i);
            worksheet_write_string(ws, (lxw_row_t)(row % 1000000), (lxw_col_t)col, text, NULL);
        }
    }
    if (workbook_close(wb) != LXW_NO_ERROR)
        return 74;
    snprintf(path, sizeof path, "%s/floor.csv", argv[1]);
    FILE *fp = fopen(path, "wb");
    static char line[64] = "06431004;Gemeinde 06431004;Gemeinde;06431;4711;5;1;0\r\n";
    for (long done = 0; fp && done < bytes; done += 64)
        fwrite(line, 1, 64, fp);
    return fp && fclose(fp) == 0 ? 0 : 74;
}
