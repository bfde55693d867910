/* poly.h — polynomial rings and guarded polynomial arithmetic over Q.
 *
 * A PolyRing is a refcounted FLINT fmpq_mpoly context plus variable names.
 * Polynomials are plain fmpq_mpoly_t objects of that ring; a holder of a
 * polynomial must also hold a reference to its ring (FLINT needs the context
 * to free it).
 *
 * Term order: ORD_DEGLEX, so terms are stored (and printed) by descending
 * total degree, ties broken lexicographically with x1 > x2 > ... .
 *
 * Every fallible function returns an int status (POLY_OK = 0 on success)
 * and, on failure, writes a message into err (a caller buffer of at least
 * POLY_ERR_LEN bytes; err may be NULL).  On failure the output argument is
 * left in a valid but unspecified state.  No function here aborts on bad
 * input: all FLINT calls are guarded.  Unless stated otherwise, outputs may
 * alias inputs, and all polynomials passed together belong to the ring R.
 *
 * Limits: the total degree of any result is at most POLY_MAX_DEGREE, and
 * operations whose result may have more than POLY_MAX_TERMS terms (by a cheap
 * upper estimate) are refused with POLY_ERR_LIMIT.
 */
#ifndef SYM_POLY_H
#define SYM_POLY_H

#include "base/sym_status.h"
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mpoly.h>

#define POLY_ERR_LEN SYM_ERR_LEN
#define POLY_MAX_DEGREE 10000
#define POLY_MAX_TERMS 2000000
#define POLY_MAX_VARS 4096

/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    POLY_OK = SYM_SUCCESS,
    POLY_ERR_ARG = SYM_E_ARG,          /* bad argument: index out of range, ring mismatch, size */
    POLY_ERR_DOMAIN = SYM_E_DOMAIN,    /* division by zero or by a polynomial, singular matrix */
    POLY_ERR_LIMIT = SYM_E_LIMIT,      /* degree / term-count / size limit exceeded */
    POLY_ERR_MEMORY = SYM_E_NOMEM,     /* allocation failure */
    POLY_ERR_CALLBACK = SYM_E_CALLBACK /* a caller callback returned nonzero */
};

typedef struct PolyRing {
    long refcount;
    slong nvars;
    char **names;
    fmpq_mpoly_ctx_t ctx;
    unsigned long id;
} PolyRing;

/* Writes a formatted message into err (if non-NULL) and returns code. */
int poly_error(char *err, int code, const char *fmt, ...);

/* ---- rings ---- */

/* A new ring Q[names[0], ..., names[n-1]] with refcount 1 and a fresh id
   (ids are unique for the life of the process, starting at 1).  The names
   are copied.  n = 0 is allowed: the ring of rational constants.  Returns
   NULL if n < 0, n > POLY_MAX_VARS, a name is NULL/empty, or out of memory. */
PolyRing *polyring_new(slong n, const char *const *names);

/* Adds a reference; returns R (NULL passes through). */
PolyRing *polyring_incref(PolyRing *R);

/* Drops a reference; frees names and context at zero.  NULL is a no-op. */
void polyring_decref(PolyRing *R);

/* Index of the variable called name, or -1. */
slong polyring_var_index(const PolyRing *R, const char *name);

/* ---- basic queries (never fail) ---- */

/* Total degree; -1 for the zero polynomial.  Valid for degrees fitting slong
   (always true for polynomials built through this module). */
slong poly_total_degree(const fmpq_mpoly_t p, const PolyRing *R);

/* Degree in variable i (0 <= i < nvars), -1 for zero; -2 if i out of range. */
slong poly_degree_var(const fmpq_mpoly_t p, slong i, const PolyRing *R);

/* Number of terms. */
slong poly_length(const fmpq_mpoly_t p, const PolyRing *R);

/* 1 if p is a constant (including 0). */
int poly_is_constant(const fmpq_mpoly_t p, const PolyRing *R);

/* ---- guarded operations ---- */

/* Checks that p is usable by this module: total degree <= POLY_MAX_DEGREE. */
int poly_check(const fmpq_mpoly_t p, const PolyRing *R, char *err);

/* Term i (0 <= i < length) in ring order: coefficient c and exponents
   exps[0..nvars-1]. */
int poly_get_term(fmpq_t c, ulong *exps, const fmpq_mpoly_t p, slong i, const PolyRing *R,
                  char *err);

/* c = p if p is constant; error "not a constant" otherwise. */
int poly_get_constant(fmpq_t c, const fmpq_mpoly_t p, const PolyRing *R, char *err);

void poly_set_fmpq(fmpq_mpoly_t p, const fmpq_t c, const PolyRing *R);

/* p = x_i.  Fails if i is out of range. */
int poly_set_var(fmpq_mpoly_t p, slong i, const PolyRing *R, char *err);

int poly_add(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err);
int poly_sub(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err);
void poly_neg(fmpq_mpoly_t r, const fmpq_mpoly_t a, const PolyRing *R);

/* r = a*b; fails if deg a + deg b > POLY_MAX_DEGREE or the term estimate
   exceeds POLY_MAX_TERMS. */
int poly_mul(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err);

void poly_scalar_mul(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_t c, const PolyRing *R);

/* r = a^e for e >= 0 (0^0 = 1).  Fails if e < 0 ("negative power of a
   polynomial"; a constant nonzero a is inverted instead), if e*deg a >
   POLY_MAX_DEGREE, or the term estimate exceeds POLY_MAX_TERMS. */
int poly_pow(fmpq_mpoly_t r, const fmpq_mpoly_t a, slong e, const PolyRing *R, char *err);

/* r = a / b where b must be a nonzero constant.  Errors: "division by zero",
   "cannot divide by a polynomial" (even if b divides a). */
int poly_div(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err);

/* r = d a / d x_i. */
int poly_diff(fmpq_mpoly_t r, const fmpq_mpoly_t a, slong i, const PolyRing *R, char *err);

/* r = p with x_i replaced by q (q in the same ring). */
int poly_subs(fmpq_mpoly_t r, const fmpq_mpoly_t p, slong i, const fmpq_mpoly_t q,
              const PolyRing *R, char *err);

/* r (in ring S) = p(q[0], ..., q[nvars(R)-1]) where p is in R and the q[j]
   are in S.  r must not alias the q[j].  Degree and term caps are checked
   from the exponents of p before composing. */
int poly_compose(fmpq_mpoly_t r, const fmpq_mpoly_t p, const PolyRing *R,
                 fmpq_mpoly_struct *const *q, const PolyRing *S, char *err);

/* v = p(x) exactly, x[0..nvars-1] rationals (x may be NULL if nvars = 0). */
int poly_eval_fmpq(fmpq_t v, const fmpq_mpoly_t p, fmpq *const *x, const PolyRing *R, char *err);

/* Float evaluation at npoints points.  X is column-major: coordinate i of
   point t is X[t + i*ld] (ld >= npoints).  out[t] = p(point t).  The
   coefficients are rounded to double once; monomials are evaluated with
   per-variable power tables, blockwise over points.  Returns POLY_ERR_MEMORY
   or POLY_ERR_ARG (npoints < 0, ld < npoints) on failure. */
int poly_eval_double(double *out, const fmpq_mpoly_t p, const double *X, slong npoints, slong ld,
                     const PolyRing *R, char *err);

/* The same for m polynomials: out[t + j*ldout] = ps[j](point t). */
int poly_eval_double_vec(double *out, slong ldout, const fmpq_mpoly_struct *ps, slong m,
                         const double *X, slong npoints, slong ld, const PolyRing *R, char *err);

/* ---- printing (poly_print.c) ---- */

enum { POLY_FMT_PLAIN = 0, POLY_FMT_UNICODE = 1, POLY_FMT_LATEX = 2 };

/* A malloc'd string for p (caller frees with free()); NULL on out of memory
   or an unknown format.  Terms in ring order (descending total degree).
   PLAIN is readable back (by Sym and by fmpq_mpoly_set_str_pretty):
     -x^4 + 3*x^2*y^2 - 1/2*z + 1      (zero is "0")
   UNICODE: superscript exponents, U+2212 minus, integer coefficients
   juxtaposed, non-integer coefficients in parentheses, factors juxtaposed
   when every variable name is one character and joined by U+00B7 otherwise:
     −x⁴ + 3x²y² − (1/2)z + 1           3·x1²·x2  (names x1, x2)
   LATEX: -x^{4} + 3 x^{2} y^{2} - \frac{1}{2} z + 1; a name with trailing
   digits gets a subscript (x1 -> x_{1}), Greek letter names become macros
   (alpha -> \alpha), other multi-letter names \mathrm{...}. */
char *poly_to_string(const fmpq_mpoly_t p, const PolyRing *R, int format);

/* A malloc'd string for the rational c in the given format (used for matrix
   printing too): plain "-1/2", unicode "−1/2", latex "-\frac{1}{2}". */
char *poly_fmpq_to_string(const fmpq_t c, int format);

#endif
