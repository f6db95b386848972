/* fuzz_projekte.c: libFuzzer target for the projekte.csv reader and the
 * cross checks. */
#include "check.h"
#include "exports.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    static struct task_areas areas;
    static int loaded;
    struct findings f;
    findings_init(&f, 50);
    if (!loaded) {
        if (taskareas_load(IKZ_SOURCE_DIR "/templates/aufgabenbereiche.csv", "a", NULL, &areas, &f) != IKZ_OK)
            abort();
        loaded = 1;
    }
    const char *path = fuzz_file("projekte.csv", data, size);
    struct exports ex;
    if (exports_load_projekte(path, "projekte.csv", &FUZZ_OPTIONS, &areas, &ex, &f) != IKZ_ERR_OSERR)
        check_projects(&ex, 0, "projekte.csv", &f); /* 0: every project, whatever its year */
    exports_free(&ex);
    findings_free(&f);
    unlink(path);
    return 0;
}
