/* fuzz_register.c: libFuzzer target for the register reader (GV-ISys and
 * native formats). */
#include "fuzz_common.h"
#include "register.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_init();
    const char *path = fuzz_file("kommunen.csv", data, size);
    struct findings f;
    findings_init(&f, 50);
    struct kommune_register reg;
    register_load(path, "kommunen.csv", &FUZZ_OPTIONS, NULL, &reg, &f);
    register_free(&reg);
    findings_free(&f);
    unlink(path);
    return 0;
}
