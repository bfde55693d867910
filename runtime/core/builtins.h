/* builtins.h — the one table of builtin functions.
 *
 * Builtins are data: name, parameters, C function, category, help text and
 * an example with its expected output.  Help, completion, arity and
 * keyword errors, and the help-example tests all come from the tables.
 * Each builtins_*.c file defines one table ending with {NULL}. */
#ifndef SYM_BUILTINS_H
#define SYM_BUILTINS_H

#include "value.h"

struct Interp;

/* What a builtin gets besides its arguments.  args[i] is the value given
 * for parameter i (borrowed), or NULL when an optional parameter was not
 * given; a variadic parameter `*rest` receives a list. */
typedef struct Call {
    struct Interp *I;
    const struct Builtin *b;
    Span span;             /* the whole call */
    const Span *arg_spans; /* per parameter: the argument's span (the call
                              span for a missing one) */
} Call;

typedef Value *(*BuiltinFn)(Call *c, Value **args);

typedef struct Builtin {
    const char *name;
    const char *params; /* "A, b, k = 1, *rest": '=' marks an optional
                           parameter (its default is documentation:
                           the C function sees NULL), '*' variadic */
    BuiltinFn fn;
    const char *category;
    const char *help;        /* what it does, what it returns */
    const char *example;     /* Sym input run by the help-example test */
    const char *example_out; /* its expected plain output */
} Builtin;

#define BUILTIN_MAX_PARAMS 12

/* A parsed parameter list (made once per builtin at startup). */
typedef struct BuiltinSig {
    int nparams, nrequired, variadic; /* variadic: last param collects */
    int kwvariadic;                   /* last param `**name` collects keywords in a record */
    char names[BUILTIN_MAX_PARAMS][32];
    int optional[BUILTIN_MAX_PARAMS];
} BuiltinSig;

void builtin_sig_parse(BuiltinSig *sig, const Builtin *b);
/* The parsed parameter list of a builtin of builtin_tables, parsed once on
   first use and kept (calls are a hot path). */
const BuiltinSig *builtin_sig(const Builtin *b);
/* Every table, NULL-terminated. */
extern const Builtin *const builtin_tables[];
/* Look a builtin up by name; NULL if none. */
const Builtin *builtin_find(const char *name);

/* --- helpers for builtin bodies (all return new references) --- */
Value *call_error(Call *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Error pointing at argument i. */
Value *arg_error(Call *c, int i, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* "name: argument i (param) must be <expected>, not <kind>" */
Value *arg_type_error(Call *c, int i, const char *expected, const Value *got);
/* Integer argument within [lo, hi]: NULL and *out set, or an error. */
Value *arg_long(Call *c, Value **a, int i, long lo, long hi, long *out);

/* The tables (one per builtins_*.c). */
extern const Builtin builtins_core[];
extern const Builtin builtins_matrix[];
extern const Builtin builtins_poly[];
extern const Builtin builtins_lie[];
extern const Builtin builtins_numeric[];
extern const Builtin builtins_rep[];
extern const Builtin builtins_bundle[];
extern const Builtin builtins_data[];
extern const Builtin builtins_plot[];
extern const Builtin builtins_model[];
extern const Builtin builtins_discover[];
extern const Builtin builtins_sweep[];
extern const Builtin builtins_fit[];
extern const Builtin builtins_kernel[];
extern const Builtin builtins_language[];
extern const Builtin builtins_field_plot[];

/* discover(c, V, g, E, tol, box, measure) on a float model (builtins_fit.c). */
Value *fit_discover_model(Call *c, Value **a);
extern const Builtin builtins_nn[];

#endif
