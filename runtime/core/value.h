/* value.h — Sym's values: refcounted, immutable once built.
 *
 * THE OWNERSHIP RULE (everything in runtime/ follows it):
 *   - a function that takes a Value * borrows it: it neither frees it nor
 *     keeps it without val_ref();
 *   - a function that returns a Value * returns a new reference, which the
 *     caller must val_unref() (or hand on as a result).
 * Values never change after they are returned to the evaluator, so sharing
 * is always safe; math values cannot form cycles.
 *
 * Errors are values too (VAL_ERROR): a message, the span where it happened
 * and a traceback of enclosing calls.  They propagate by return.
 *
 * Engine objects (Lie algebras, representations, groups, bundles, model
 * spaces, ...) are VAL_OBJ values with an ObjType that knows how to free and
 * print them, so a builtin file can add a kind without touching this file. */
#ifndef SYM_VALUE_H
#define SYM_VALUE_H

#include <stddef.h>
#include <stdarg.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpq_mpoly.h>
#include <mpfr.h>
#include "ast.h"
#include "base/strbuf.h"

struct PolyRing;
struct DMat;
struct Interp;
struct Builtin;

typedef enum {
    VAL_NIL,
    VAL_BOOL,
    VAL_RAT,
    VAL_REAL,
    VAL_STR,
    VAL_LIST,
    VAL_RECORD,
    VAL_MAT,     /* exact rational matrix (fmpq_mat) */
    VAL_FMAT,    /* float matrix (DMat, column-major double) */
    VAL_POLY,    /* polynomial over a coordinate ring */
    VAL_PMAT,    /* matrix of polynomials over one ring (vectors: 1 column) */
    VAL_FUNC,    /* user function or lambda */
    VAL_BUILTIN, /* C builtin */
    VAL_OBJ,     /* engine object: see ObjType */
    VAL_ERROR
} ValKind;

/* Output formats of the one printer. */
typedef enum { FMT_PLAIN, FMT_UNICODE, FMT_LATEX } PrintFormat;

typedef struct Value Value;

/* The type of an engine object.  print appends the value (as `print` and
 * the REPL show it) to sb; index (optional) implements obj[i]; field
 * (optional) implements obj.name; both return a new reference or NULL if
 * unsupported (the evaluator then reports the error). */
typedef struct ObjType {
    const char *name; /* "Lie algebra", "representation", ... */
    void (*free)(void *data);
    void (*print)(StrBuf *sb, const Value *v, PrintFormat fmt);
    Value *(*index)(const Value *v, long i); /* 1-based */
    Value *(*field)(const Value *v, const char *name);
    long (*length)(const Value *v); /* for length(); -1 */
    /* a op b where a or b is of this type; NULL if unsupported. */
    Value *(*binop)(AstOp op, const Value *a, const Value *b, const Span *sp);
    /* The overloading table of the evaluator (NULL: not supported), so
       core never names a binding's type:
       call:     v(args...) for callable objects (fitted models, networks),
                 positional arguments borrowed, a new reference or an error;
       argument: what a builtin receives instead of v when aware(builtin)
                 is 0 (a fitted model becomes its exact section);
       slice:    v[idx...] with list / range / ':' indices (data sets). */
    Value *(*call)(struct Interp *I, Value *v, Value **args, int nargs, const Span *sp);
    Value *(*argument)(const Value *v, const Span *sp);
    int (*aware)(const char *builtin);
    Value *(*slice)(Value *v, Value **idx, int nidx, const struct AstNode *n);
} ObjType;

/* Callable objects (fitted models, networks) fill ObjType.call. */

/* A traceback line: the call made at `span` to function `name`. */
typedef struct Frame {
    char *name;
    Span span;
} Frame;

typedef struct Func {
    char *name;           /* "f", or "<lambda>" */
    const AstNode *def;   /* AST_FUNCDEF or AST_LAMBDA (kept alive by the
                             session, which owns every parse) */
    struct Env *captured; /* lambdas: snapshot of the locals; NULL */
} Func;

struct Value {
    ValKind kind;
    long refcount; /* < 0: immortal (nil, true, false) */
    union {
        int b;
        fmpq_t q;
        mpfr_t r;
        struct {
            char *s;
            size_t len;
        } str;
        struct {
            long n;
            Value **items;
        } list;
        struct {
            long n;
            char **keys;
            Value **vals;
            char *type;
        } rec;
        fmpq_mat_t m;
        struct DMat *fm;
        struct {
            struct PolyRing *ring;
            fmpq_mpoly_t p;
        } poly;
        struct {
            struct PolyRing *ring;
            long rows, cols;
            fmpq_mpoly_struct *e;
        } pmat; /* row-major entries */
        Func fn;
        const struct Builtin *builtin;
        struct {
            const ObjType *type;
            void *data;
        } obj;
        struct {
            char *msg;
            Span span;
            Frame *frames;
            int nframes;
            int interrupted;
        } err;
    } u;
};

/* --- constructors (each returns a new reference) --- */
Value *val_nil(void);
Value *val_bool(int b);
Value *val_rat_si(long n);
Value *val_rat(const fmpq_t q); /* copies q */
Value *val_rat_fmpz(const fmpz_t z);
Value *val_real(const mpfr_t r); /* copies r at its precision */
Value *val_real_d(double d);     /* 53-bit real */
Value *val_str(const char *s, size_t len);
Value *val_cstr(const char *s);
Value *val_list_new(long n);                         /* items NULL: fill with val_list_set */
void val_list_set(Value *list, long i, Value *item); /* 0-based; steals item */
Value *val_record_new(const char *type, long n);
void val_record_set(Value *rec, long i, const char *key, Value *v); /* steals v */
Value *val_mat(const fmpq_mat_t m);                                 /* copies */
Value *val_mat_new(long rows, long cols);                      /* zero; fill u.m before sharing */
Value *val_fmat(struct DMat *d);                               /* steals d */
Value *val_poly_new(struct PolyRing *R);                       /* zero poly; takes a ring ref */
Value *val_pmat_new(struct PolyRing *R, long rows, long cols); /* zeros */
Value *val_obj(const ObjType *t, void *data);                  /* steals data */
Value *val_builtin(const struct Builtin *b);

/* Errors: message formatted printf-style; span may be NULL. */
Value *val_error(const Span *span, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
Value *val_verror(const Span *span, const char *fmt, va_list ap);
/* Add a traceback frame (function `name` called at `span`); steals and
 * returns err. */
Value *val_error_push_frame(Value *err, const char *name, const Span *span);

/* --- references --- */
Value *val_ref(Value *v); /* returns v */
void val_unref(Value *v); /* NULL allowed */

/* --- queries --- */
const char *val_kind_name(const Value *v); /* "rational", "list", or the
                                              ObjType name */
int val_is_error(const Value *v);
int val_truthy(const Value *v);     /* only bool is allowed in
                                       conditions; see eval.c */
int val_is_integer(const Value *v); /* rational with denominator 1 */
/* Fits in long: sets *out, returns 1; else 0. */
int val_get_long(const Value *v, long *out);
int val_is_obj(const Value *v, const ObjType *t);
/* Structural equality for ==; 1 equal, 0 not.  Reals compare by value. */
int val_equal(const Value *a, const Value *b);

#endif
