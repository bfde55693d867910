/* sym_status.h — the one status enum and message convention of libsym.
 *
 * Every engine function that can fail returns an int status: SYM_SUCCESS (0) or
 * one SYM_E_* code below, and, when it takes a `char *err`, writes a
 * one-line message there (at most SYM_ERR_LEN bytes including the NUL;
 * err may be NULL).  Engine headers keep their historical names (QMAT_E_*,
 * ALG_ERR_*, POLY_ERR_*, DLINALG_ERR_*, ADMM_*, DISCOVER_ERR_*,
 * PROMOTE_ERR_*, SVG_ERR_*, DMAT_ERR_*) as ALIASES of these values, so a
 * code means the same thing whichever engine returned it: a caller that
 * receives a status from model.c (which forwards exact, algebra and
 * polynomial codes) can test st == SYM_E_INTERRUPTED without knowing which
 * engine stopped.  sym_strerror names every code.
 *
 * Out of memory (the rule, HACKING.md "Out of memory"): user-sized work is
 * refused beforehand by a documented limit (SYM_E_LIMIT); a large buffer an
 * engine mallocs itself is checked (SYM_E_NOMEM, outputs valid); other
 * allocations go through the process allocator, which does not return NULL
 * to an engine (base/sym_alloc raises to the front end's recovery point).
 */
#ifndef SYM_BASE_SYM_STATUS_H
#define SYM_BASE_SYM_STATUS_H

#define SYM_ERR_LEN 256

typedef enum SymStatus {
    SYM_SUCCESS = 0,
    SYM_E_ARG,           /* bad argument: size, index, ring, option */
    SYM_E_DIM,           /* dimensions do not match */
    SYM_E_NOT_SQUARE,    /* the operation needs a square matrix */
    SYM_E_LIMIT,         /* a documented size limit would be exceeded */
    SYM_E_NOMEM,         /* an allocation failed */
    SYM_E_INTERRUPTED,   /* sym_interrupt_poll() answered 1 */
    SYM_E_SINGULAR,      /* a matrix / group element is singular */
    SYM_E_NO_SOLUTION,   /* a linear system is inconsistent */
    SYM_E_INTERNAL,      /* a verified computation failed its own check */
    SYM_E_DOMAIN,        /* division by zero, by a polynomial */
    SYM_E_CALLBACK,      /* a caller's callback returned nonzero */
    SYM_E_DEPENDENT,     /* a given basis is linearly dependent */
    SYM_E_NOT_MEMBER,    /* not an element of the algebra / subspace */
    SYM_E_NOT_CLOSED,    /* a span is not closed under the bracket */
    SYM_E_NOT_HOM,       /* a representation is not a homomorphism */
    SYM_E_UNSUPPORTED,   /* not defined for this object */
    SYM_E_NONFINITE,     /* NaN or Inf in a float input */
    SYM_E_NOT_POSDEF,    /* Cholesky of a non positive definite matrix */
    SYM_E_NOT_SYMMETRIC, /* a symmetric input is not */
    SYM_E_NOCONV,        /* an iteration did not converge */
    SYM_E_LAPACK,        /* LAPACK reported another error */
    SYM_E_OVERFLOW,      /* a result is not representable as a double */
    SYM_E_PRECISION,     /* MPFR precision too low */
    SYM_E_NUMERIC,       /* another numerical failure */
    SYM_E_INFEASIBLE,    /* an interpolation constraint has no solution */
    SYM_E_IO,            /* a file could not be read or written */
    SYM_E_EMPTY,         /* nothing to draw / no data */
    SYM_E_FORMAT,        /* a file is not in the expected format */
    SYM_STATUS_COUNT
} SymStatus;

/* A static description of status (any int: unknown codes say so). */
const char *sym_strerror(int status);

/* Write the printf-style message into err (SYM_ERR_LEN bytes, may be NULL)
   and return status: `return sym_error(err, SYM_E_ARG, "...", ...);`. */
int sym_error(char *err, int status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
