/* floor_read.c: the reading floor of the benchmark: every input file
 * parsed with libcsv, the fields ignored. What ikz-report adds on top of
 * this is its own overhead.
 *   floor-read FILE... */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static void _field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    ++*(size_t *)data;
}

static void _row(int c, void *data)
{
    (void)c;
    (void)data;
}

int main(int argc, char **argv)
{
    static char buf[1 << 20];
    size_t fields = 0;
    for (int i = 1; i < argc; i++) {
        FILE *fp = fopen(argv[i], "rb");
        if (!fp) {
            perror(argv[i]);
            return 66;
        }
        struct csv_parser p;
        csv_init(&p, CSV_APPEND_NULL);
        csv_set_delim(&p, ';');
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, fp)) > 0)
            if (csv_parse(&p, buf, n, _field, _row, &fields) != n)
                return 65;
        csv_fini(&p, _field, _row, &fields);
        csv_free(&p);
        fclose(fp);
    }
    printf("%zu fields\n", fields);
    return 0;
}
