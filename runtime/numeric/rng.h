/* rng.h — a portable, documented pseudo-random generator for Sym's data
 * builtins (sample, noise, rand, randn).
 *
 * The generator is xoshiro256** (Blackman & Vigna, 2018) whose 256-bit state
 * is filled from the 64-bit seed by four steps of splitmix64.  Both use only
 * 64-bit unsigned integer arithmetic, so a seed gives the same bit stream on
 * every machine.  Uniform doubles take the top 53 bits of an output, scaled
 * by 2^-53 (exact), so they are identical everywhere too.  Normal deviates
 * use Marsaglia's polar method: besides exact operations they need only
 * IEEE sqrt (correctly rounded everywhere) and libm log; every product is
 * rounded on its own (no fused multiply-add), so results agree on x86-64 and
 * arm64 with the same libm.
 *
 * Changing any of this changes every seeded result users have saved: the
 * first outputs for seed 0 are pinned in tests/unit/test_rng.c. */
#ifndef SYM_NUMERIC_RNG_H
#define SYM_NUMERIC_RNG_H

#include <stdint.h>

typedef struct Rng {
    uint64_t s[4];  /* xoshiro256** state, never all zero */
    int have_spare; /* the polar method makes normals in pairs */
    double spare;
} Rng;

/* Seeds r: s[i] = the i-th output of splitmix64 started at `seed`. */
void rng_init(Rng *r, uint64_t seed);

/* The next 64-bit output of xoshiro256**. */
uint64_t rng_next(Rng *r);

/* A uniform double in [0, 1): (rng_next >> 11) * 2^-53. */
double rng_uniform(Rng *r);

/* A standard normal deviate (mean 0, variance 1), Marsaglia polar method on
 * pairs u, v = 2 rng_uniform - 1; the second of each pair is kept for the
 * next call. */
double rng_normal(Rng *r);

/* a + b * x with the product rounded before the sum (never an FMA), so
 * scaled deviates are the same on every machine. */
double rng_affine(double a, double b, double x);

#endif
