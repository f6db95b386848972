/* list_outputs.c: what a report holds, printed from the tables the job
 * writes it from, so that the end-to-end scripts compute their
 * expectations and never write a count, a file list or a sheet list by
 * hand (tests/lib.sh: outputs, listed). A new table, sheet or chart is a
 * row in figures.c or render_xlsx.c, and the tests follow it.
 *
 * Usage: list-outputs TEMPLATES_DIR YEAR
 * Prints lines of tab-separated fields:
 *   file  NAME             each file of OUTPUT/YEAR besides manifest.json
 *                          and presse/ (manifest.c's list; verify insists
 *                          on it), the CSV summaries first
 *   sheet KEY NAME CHARTS  the workbook's sheets in order (render_xlsx.c's
 *                          table), NAME from [blaetter] of texte.ini as
 *                          written there, and how many charts each holds
 *   files N, sheets N, charts N   the totals
 * Exit 0; 64 for a usage error; 78 when texte.ini cannot be read or
 * names no sheet KEY. */
#include <stdio.h>
#include <stdlib.h>

#include "findings.h"
#include "manifest.h"
#include "render_xlsx.h"
#include "text.h"
#include "texts.h"

int main(int argc, char **argv)
{
    char *end = NULL;
    long year = argc == 3 ? strtol(argv[2], &end, 10) : 0;
    if (argc != 3 || *end || year < 1000 || year > 9999) {
        fprintf(stderr, "usage: list-outputs TEMPLATES_DIR YEAR\n");
        return 64;
    }
    char *path = text_path_join(argv[1], "texte.ini");
    struct findings findings;
    findings_init(&findings, 10);
    struct texts texts = {0};
    int rc = path && texts_load(path, path, &texts, &findings) == IKZ_OK ? 0 : 78;
    if (rc)
        fprintf(stderr, "list-outputs: cannot read %s\n", path ? path : argv[1]);

    char buf[64];
    const char *name;
    size_t files = 0, charts = 0, sheets = render_xlsx_sheet_count();
    for (; rc == 0 && (name = manifest_report_file(files, (int)year, buf, sizeof buf)); files++)
        printf("file\t%s\n", name);
    for (size_t i = 0; rc == 0 && i < sheets; i++) {
        const char *key = render_xlsx_sheet_key(i), *sheet = texts_get(&texts, "blaetter", key);
        if (!sheet) {
            fprintf(stderr, "list-outputs: %s: [blaetter] %s is missing\n", path, key);
            rc = 78;
            break;
        }
        printf("sheet\t%s\t%s\t%zu\n", key, sheet, render_xlsx_sheet_charts(i));
        charts += render_xlsx_sheet_charts(i);
    }
    if (rc == 0)
        printf("files\t%zu\nsheets\t%zu\ncharts\t%zu\n", files, sheets, charts);
    if (rc == 0 && fflush(stdout) != 0)
        rc = 74;
    texts_free(&texts);
    findings_free(&findings);
    free(path);
    return rc;
}
