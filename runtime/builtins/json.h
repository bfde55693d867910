/* json.h — Sym values as JSON, readable back by load() and by other tools.
 *
 * The format (also in the manual, "FILES"): plain JSON where JSON has the
 * kind, a one-key object naming the kind where it does not.  Exact numbers
 * are exact strings, so nothing passes through a double.
 *   nil, true, false      null, true, false
 *   "text"                "text"
 *   float (a double)      a JSON number (the shortest that reads back)
 *   rational 3/4          {"rational": "3/4"}
 *   real                  {"real": "3.1415926535897932385", "bits": 64}
 *   list                  [ ... ]
 *   record                {"record": {"a": ..., "b": ...}}
 *   exact matrix          {"matrix": [["1", "-3/4"], ["0", "2"]]}
 *   float matrix          {"fmatrix": [[1.5, 2], [0, 1e-9]]}
 *   polynomial            {"polynomial": {"coords": ["x", "y"],
 *                           "terms": [["3/4", [2, 0]], ["-1", [0, 1]]]}}
 *                          (coefficient, then the exponent of each
 *                          coordinate)
 *   matrix of polynomials {"polymatrix": {"coords": [...], "rows": 2,
 *                           "cols": 1, "entries": [terms, terms]}}
 *   Lie algebra           {"algebra": {"name": "so(3)", "affine": false,
 *                           "basis": [matrix, ...]}}
 *   model space           {"model_space": {"coords": [...], "basis": [...]}}
 *   fitted model          {"model": {"space": model_space, "record": {...}}}
 * Reading polynomials needs the same coordinates declared (coords x, y)
 * so that they join the session's ring; a model space is rebuilt with
 * span() of its basis, whose canonical basis is the saved one, so the
 * coordinates of a model read back unchanged. */
#ifndef SYM_JSON_H
#define SYM_JSON_H

#include "value.h"

struct Interp;

/* Appends v as JSON to sb: NULL, or an error naming what cannot be saved. */
Value *json_write(StrBuf *sb, const Value *v);

/* The value of the JSON text (name is used in messages): a new reference
 * or an error. */
Value *json_read(struct Interp *I, const char *text, size_t len, const char *name);

#endif
