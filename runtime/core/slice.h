/* slice.h — indexing by lists, ranges and ':' (slicing).
 *
 * An index position may be an integer (as before), a list of integers
 * (a range 1:60 evaluates to one) or `:` (every position).  A slice
 * keeps the kind of what it slices: a list gives a list, a string a
 * string, a matrix a matrix (a vector a vector of the same orientation),
 * a data set a data set with the chosen rows. */
#ifndef SYM_SLICE_H
#define SYM_SLICE_H

#include "value.h"

/* The marker value that `:` alone evaluates to inside an index (an
 * immortal value; compare by pointer). */
Value *slice_all(void);

/* The 0-based positions an index value v (an integer, a list of integers
 * or ':') selects among the n `unit`s of `what` (for messages: "list",
 * "entries"): *out (malloc'ed, *m of them); *scalar set when v was a single
 * integer.  NULL, or an error at sp. */
Value *slice_positions(const Value *v, long n, const Span *sp, const char *what, const char *unit,
                       long **out, long *m, int *scalar);

/* 1 if one of idx[0 .. nidx) is a list or the ':' marker. */
int slice_wanted(Value **idx, int nidx);

/* obj[idx...] for the slicing forms; n is the AST_INDEX node (spans).
 * Returns a new reference or an error. */
Value *slice_index(Value *obj, Value **idx, int nidx, const AstNode *n);

#endif
