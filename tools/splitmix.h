/* splitmix.h: the deterministic random numbers of the data generators
 * (tools/gen_sample.c, bench/gen_bench.c). splitmix64 with a fixed seed
 * per generator: the same seed gives the same bytes on every machine. */
#ifndef IKZ_SPLITMIX_H
#define IKZ_SPLITMIX_H

#include <stdint.h>

struct splitmix {
    uint64_t state;
};

static inline uint64_t splitmix_next(struct splitmix *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static inline uint32_t splitmix_below(struct splitmix *r, uint32_t n) { return (uint32_t)(splitmix_next(r) % n); }

/* Uniform in [0, 1). */
static inline double splitmix_unit(struct splitmix *r)
{
    return (double)(splitmix_next(r) >> 11) / 9007199254740992.0;
}

#endif
