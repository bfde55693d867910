/* monobasis.h — the monomial basis of polynomials of total degree <= d in n
 * variables, and coefficient vectors with respect to it.
 *
 * Order (fixed; tests and printed matrices depend on it): ascending total
 * degree; within one degree, descending lexicographic in the exponent vector
 * (x1 before x2).  For (x, y), d = 2: 1, x, y, x^2, x*y, y^2.  For (x, y, z),
 * degree 2: x^2, x*y, x*z, y^2, y*z, z^2.
 *
 * The size is C(n+d, d).  Indices are computed by combinatorial ranking in
 * O(n), with no hashing.  Sections with k components use component-major
 * vectors: all coefficients of component 1, then of component 2, ... (entry
 * c*size + i is the coefficient of monomial i in component c).
 */
#ifndef SYM_MONOBASIS_H
#define SYM_MONOBASIS_H

#include "exact/poly.h"

#define MONOBASIS_MAX_SIZE 2000000
#define MONOBASIS_MAX_ENTRIES 50000000 /* size * nvars */

typedef struct MonoBasis {
    slong nvars;
    slong degree;
    slong size;
    ulong *exps;  /* size x nvars, row-major: exponents of monomial i */
    slong *count; /* (nvars+1) x (degree+1): count[m*(degree+1)+s] = C(m+s, m) */
} MonoBasis;

/* C(n+d, d) if it is at most MONOBASIS_MAX_SIZE (and size*n at most
   MONOBASIS_MAX_ENTRIES), else -1.  Also -1 for n < 0, d < 0 or
   d > POLY_MAX_DEGREE. */
slong monobasis_size(slong n, slong d);

/* Builds the basis of degree <= d in n >= 0 variables.  On failure (limits,
   memory, negative arguments) returns an error and leaves B cleared (safe to
   pass to monobasis_clear). */
int monobasis_init(MonoBasis *B, slong n, slong d, char *err);

void monobasis_clear(MonoBasis *B);

/* Index of the monomial with exponents e[0..n-1], or -1 if its total degree
   exceeds the basis degree. */
slong monobasis_index(const MonoBasis *B, const ulong *e);

/* Exponent vector of monomial i (0 <= i < size; not checked). */
static inline const ulong *monobasis_exp(const MonoBasis *B, slong i)
{
    return B->exps + i * B->nvars;
}

/* p = monomial i.  Fails if i is out of range or R has a different number
   of variables. */
int monobasis_monomial(fmpq_mpoly_t p, const MonoBasis *B, slong i, const PolyRing *R, char *err);

/* v[0..size-1] (initialised by the caller) = coefficients of p.  Fails with
   POLY_ERR_ARG if deg p > degree or the variable counts differ. */
int monobasis_coeffs(fmpq *v, const fmpq_mpoly_t p, const MonoBasis *B, const PolyRing *R,
                     char *err);

/* p = sum_i v[i] * monomial i. */
int monobasis_poly(fmpq_mpoly_t p, const fmpq *v, const MonoBasis *B, const PolyRing *R, char *err);

/* Component-major versions for k polynomials F[0..k-1]: v has k*size
   entries. */
int monobasis_coeffs_vec(fmpq *v, const fmpq_mpoly_struct *F, slong k, const MonoBasis *B,
                         const PolyRing *R, char *err);
int monobasis_poly_vec(fmpq_mpoly_struct *F, slong k, const fmpq *v, const MonoBasis *B,
                       const PolyRing *R, char *err);

#endif
