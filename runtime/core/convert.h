/* convert.h — the one set of value -> engine conversions of the
 * interpreter: numbers to doubles, matrices to float matrices (DMat),
 * rationals and polynomials to polynomials of a ring, and the ring a value
 * lives in.  Bindings and the arithmetic use these instead of their own
 * copies.  None of them raises an error value: they answer 0 / NULL and
 * the caller words the message (it knows the argument). */
#ifndef SYM_CONVERT_H
#define SYM_CONVERT_H

#include "value.h"
#include "exact/poly.h"
#include "numeric/dmat.h"
#include "exact/section.h"

/* *x = the number v (exact rational rounded once, or a float): 1, else 0. */
int convert_double(const Value *v, double *x);

/* A new DMat of the exact or float matrix v (exact entries rounded once);
   NULL if v is neither, larger than a DMat can hold, or memory ran out. */
DMat *convert_dmat(const Value *v);

/* convert_dmat, and also a list of numbers as a column.  NULL with
 *nomem = 0 when v is none of these, *nomem = 1 when memory ran out. */
DMat *convert_dmat_column(const Value *v, int *nomem);

/* A new float column value of x[0..n-1] (an error value if memory ran out). */
Value *convert_fmat_column(const double *x, int n);

/* The ring of a polynomial or polynomial-matrix value, else NULL. */
PolyRing *convert_ring(const Value *v);

/* convert_ring, also looking through the items of a list (the first item
   that has a ring); NULL if none has one. */
PolyRing *convert_ring_any(const Value *v);

/* p (in R) = the rational or polynomial value v (of ring R): 1, else 0. */
int convert_poly(fmpq_mpoly_t p, const Value *v, const PolyRing *R);

/* The answers of convert_section. */
enum {
    CONVERT_OK = 0,
    CONVERT_NOT_SECTION, /* v is of another kind */
    CONVERT_OTHER_RING,  /* a polynomial of another ring (*item: list item, or 0) */
    CONVERT_NOT_POLY     /* list item *item (1-based) is not a polynomial */
};

/* F (initialised over R on success only) = v read as a section: a
   polynomial or rational (*shape 0), a column of polynomials or an exact
   column (*shape 1), or a non-empty list of polynomials and rationals
   (*shape 2).  *shape is set on failure too, for the caller's wording. */
int convert_section(PolyVec *F, const Value *v, PolyRing *R, int *shape, long *item);

#endif
