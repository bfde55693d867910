/* field_algebra.h — Lie algebras of polynomial vector fields
 * (fields_algebra([X, ...]) in Sym).
 *
 * The fields are velocities: an element X acts on a section F by
 * lie(X, F) = b F − DF·X (b = 0 for functions, DX for vector fields), the
 * rule of a matrix A with v = A x.  For ξ ↦ lie(ξ, ·) to be a homomorphism
 * the algebra bracket is [X, Y] = DX·Y − DY·X = −bracket(X, Y) (bracket:
 * the geometric DY·X − DX·Y); for linear fields it is the commutator of the
 * matrices.  Closure is checked exactly on construction (each bracket's
 * monomial coefficients must lie in the span); dependent fields are dropped.
 *
 * Engine layer: plain C types.  Status ALG_OK (0) or an ALG_ERR_* code
 * (lie/algebra.h) with a one-line message in err (ALG_ERR_LEN, may be
 * NULL).  A FieldAlgebra owns its fields and one reference to its ring. */
#ifndef SYM_SYMMETRY_FIELD_ALGEBRA_H
#define SYM_SYMMETRY_FIELD_ALGEBRA_H

#include "exact/monobasis.h"
#include "exact/poly.h"
#include "exact/section.h"
#include "lie/algebra.h"

/* Largest number of fields. */
#define FIELD_ALGEBRA_MAX 64

typedef struct FieldAlgebra {
    PolyRing *R; /* reference */
    slong dim;
    PolyVec *X;        /* dim fields of length R->nvars */
    fmpq *sc;          /* dim^3 structure constants: [X_i, X_j] =
                          Σ_k sc[(i*dim+j)*dim+k] X_k */
    slong deg;         /* span-test degree: the largest monomial degree used */
    MonoBasis M;       /* basis of degree deg */
    AlgebraSpan *span; /* echelon form of the flattened basis */
    slong *orig;       /* orig[i]: the input position (0-based) of field i */
} FieldAlgebra;

/* A (uninitialised) = the algebra spanned by the q fields X[0..q-1] (each
   R->nvars polynomials over R): independent fields kept in order, closure
   checked.  ALG_ERR_NOT_CLOSED when a bracket leaves the span: then *bad_i
   < *bad_j are the input positions of the pair and bad (initialised by
   the call over R, may be NULL) their geometric bracket; A is cleared.
   ALG_ERR_LIMIT past FIELD_ALGEBRA_MAX fields or too large a degree. */
int field_algebra_init(FieldAlgebra *A, const PolyVec *X, slong q, PolyRing *R, slong *bad_i,
                       slong *bad_j, PolyVec *bad, char *err);

void field_algebra_clear(FieldAlgebra *A);

/* 1 if the field X (R->nvars polynomials over A->R) is in A, else 0. */
int field_algebra_contains(const FieldAlgebra *A, const PolyVec *X);

/* out (initialised, length F->len) = lie(X, F) = b F − DF·X for X in A and
   F a function (len 1, b = 0; with one coordinate) or a vector field (b =
   DX).  ALG_ERR_NOT_MEMBER when X is not in A. */
int field_algebra_lie(PolyVec *out, const FieldAlgebra *A, const PolyVec *X, const PolyVec *F,
                      int scalar, char *err);

#endif
