/* arith.h — operators on values: + - * / ^, comparisons, unary minus,
 * indexing, fields, matrices from rows, number literals.  Every function
 * borrows its operands and returns a new reference (an error on failure,
 * located at sp). */
#ifndef SYM_ARITH_H
#define SYM_ARITH_H

#include "interp.h"

Value *arith_binop(Interp *I, AstOp op, Value *a, Value *b, const Span *sp);
Value *arith_neg(Interp *I, Value *a, const Span *sp);
/* Exact rational from a literal "12", "0.25", "1e-3". */
Value *arith_parse_number(const char *text, const Span *sp);
/* rows: a list of lists (the evaluated rows of [a, b; c, d]).  Rational
 * entries give an exact matrix, reals a float matrix, polynomials a
 * polynomial matrix; rows that are matrices are stacked (block building). */
Value *arith_matrix_from_rows(Value *rows, const Span *sp, const AstNode *n);
Value *arith_index(Value *obj, Value **idx, int nidx, const AstNode *n);
Value *arith_field(Value *obj, const char *name, const Span *sp);
/* Copies of obj with one item or field replaced (for a[i] = v, r.f = v). */
Value *arith_with_index(Value *obj, Value **idx, int nidx, Value *v, const AstNode *n);
Value *arith_with_field(Value *obj, const char *name, Value *v, const Span *sp);
/* A list of the items a `for` walks over (lists, matrix rows, strings). */
Value *arith_iterable(Value *v, const Span *sp);
/* Promote a rational or real to an MPFR real of precision prec (r must be
 * initialised).  Returns 0 if v is not a number. */
int arith_to_mpfr(mpfr_t r, const Value *v);

#endif
