/* rng.c — splitmix64 seeding, xoshiro256**, uniform and normal doubles.
 * See rng.h for the exact definitions this file must keep. */
#include <math.h>
#include "rng.h"

/* One step of splitmix64 (Steele, Lea & Flood 2014): advance *x by the
 * golden-ratio increment and mix. */
static uint64_t splitmix64_next(uint64_t *x)
{
    uint64_t z = (*x += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

void rng_init(Rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64_next(&x);
    /* splitmix64 is a bijection of its counter, so four outputs are never
     * all zero; keep the invariant explicit anyway. */
    if (!(r->s[0] | r->s[1] | r->s[2] | r->s[3]))
        r->s[0] = 1;
    r->have_spare = 0;
    r->spare = 0.0;
}

uint64_t rng_next(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double rng_uniform(Rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* x * y rounded to double on its own: the volatile store stops the compiler
 * from fusing it into a following add (GCC contracts by default). */
static double mul_rounded(double x, double y)
{
    volatile double p = x * y;
    return p;
}

double rng_affine(double a, double b, double x)
{
    return a + mul_rounded(b, x);
}

double rng_normal(Rng *r)
{
    if (r->have_spare) {
        r->have_spare = 0;
        return r->spare;
    }
    double u, v, s;
    do {
        /* 2 * uniform - 1 is exact: a 53-bit value times 2, minus 1. */
        u = 2.0 * rng_uniform(r) - 1.0;
        v = 2.0 * rng_uniform(r) - 1.0;
        s = mul_rounded(u, u) + mul_rounded(v, v);
    } while (s >= 1.0 || s == 0.0);
    double f = sqrt(-2.0 * log(s) / s);
    r->spare = mul_rounded(v, f);
    r->have_spare = 1;
    return mul_rounded(u, f);
}
