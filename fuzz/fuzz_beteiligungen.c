/* fuzz_beteiligungen.c: libFuzzer target for the beteiligungen.csv reader,
 * against a small fixed register and project list. */
#include "check.h"
#include "exports.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char _register[] = "ags;name;art;einwohner\n06431;Bergstraße;Landkreis;\n"
                                "06431004;Birkenau;Gemeinde;9873\n06431008;Gorxheimertal;Gemeinde;3900\n"
                                "06431017;Mörlenbach;Gemeinde;10000\n06411000;Darmstadt;kreisfreie Stadt;159878\n";
static const char _projekte[] = "projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;"
                                "ausgangskosten_eur_jahr;einsparung_eur_jahr\n"
                                "P1;a;OZG;14.06.2023;;75000;286666,67;86000\nP2;b;BAU;2019-03-01;;50000;;\n"
                                "P3;c;BAUHOF;2015-01-01;2020-06-30;50000;100000;20000\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    static struct task_areas areas;
    static struct kommune_register reg;
    static int loaded;
    struct findings f;
    findings_init(&f, 50);
    if (!loaded) {
        const char *r = fuzz_file("reg.csv", (const uint8_t *)_register, sizeof _register - 1);
        if (taskareas_load(IKZ_SOURCE_DIR "/templates/aufgabenbereiche.csv", "a", NULL, &areas, &f) != IKZ_OK ||
            register_load(r, "kommunen.csv", &FUZZ_OPTIONS, NULL, &reg, &f) != IKZ_OK)
            abort();
        unlink(r);
        loaded = 1;
    }
    struct exports ex;
    const char *p = fuzz_file("projekte.csv", (const uint8_t *)_projekte, sizeof _projekte - 1);
    if (exports_load_projekte(p, "projekte.csv", &FUZZ_OPTIONS, &areas, &ex, &f) != IKZ_OK)
        abort();
    unlink(p);
    const char *path = fuzz_file("beteiligungen.csv", data, size);
    if (exports_load_beteiligungen(path, "beteiligungen.csv", &FUZZ_OPTIONS, &reg, 0, &ex, &f) != IKZ_ERR_OSERR)
        check_projects(&ex, 0, "projekte.csv", &f); /* 0: every project, whatever its year */
    exports_free(&ex);
    findings_free(&f);
    unlink(path);
    return 0;
}
