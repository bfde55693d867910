/* sym/sym.h — the C embedding API of Sym (libsymrt, the interpreter library
 * over the engine library libsym): sessions that run Sym
 * code, values read and built from C, interrupts, completion and help.
 *
 * This is the only header a program embedding Sym includes (the Python
 * package binds exactly these declarations through cffi).  It exposes no
 * interpreter type: sessions and values are opaque handles.
 *
 * Ownership: every function returning `SymValue *` returns a new handle the
 * caller releases with sym_value_free; every function returning `char *`
 * returns a malloc'd string the caller releases with sym_string_free.  A `const
 * char *` result is borrowed: it lives as long as its owner (the handle, or
 * the session until its next call), as documented per function.
 *
 * Values are immutable: reading a value never changes it, and a handle stays
 * valid after its session is freed (values hold their own references).
 *
 * Sessions: each SymSession has its own globals, coordinate ring, output
 * format, precision, sources and captured output, so several sessions in
 * one process are independent.  What is still shared by the whole process:
 *   - the interrupt flag (sym_interrupt stops the computation running in
 *     any session; it is cleared when a session call starts);
 *   - the builtin table and its parsed signatures (parsed on first use,
 *     then read-only), the polynomial-ring id counter (rings are told apart
 *     by id, so ids only need to be distinct), the work stack that frees
 *     deeply nested values (runtime/value.c), the printer's real-digits
 *     setting (print_real_digits, never changed at run time), OpenBLAS's
 *     thread count, and the REPL's completion session (CLI only);
 *   - reference counts are plain integers: a value handed from one session
 *     to another (sym_session_get then sym_session_set) is shared, which
 *     is safe because values are immutable, but not across threads.
 * There is no global random state: random builtins take explicit seeds.
 * So a session may be used by one thread at a time, and two sessions must
 * not run at the same time in two threads (the Python package holds one
 * process-wide lock around session calls).
 *
 * Status codes: SYM_OK, SYM_ERROR (a runtime error), SYM_SYNTAX (the code
 * did not parse), SYM_INTERRUPTED (sym_interrupt was called). */
#ifndef SYM_SYM_H
#define SYM_SYM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum { SYM_OK = 0, SYM_ERROR = 1, SYM_SYNTAX = 2, SYM_INTERRUPTED = 130 };

/* Kinds of values (sym_value_kind). */
typedef enum {
    SYM_NIL,
    SYM_BOOL,
    SYM_RAT,
    SYM_REAL,
    SYM_STR,
    SYM_LIST,
    SYM_RECORD,
    SYM_MAT,  /* exact rational matrix */
    SYM_FMAT, /* float matrix (column-major doubles) */
    SYM_POLY, /* polynomial */
    SYM_PMAT, /* matrix (vector) of polynomials */
    SYM_FUNC, /* user function or builtin */
    SYM_OBJ   /* engine object: Lie algebra, model space, ... */
} SymKind;

/* Output formats of sym_value_print and of the session's echo. */
enum { SYM_FMT_PLAIN = 0, SYM_FMT_UNICODE = 1, SYM_FMT_LATEX = 2 };

typedef struct SymSession SymSession;
typedef struct SymValue SymValue;

/* --- sessions -------------------------------------------------------------- */

/* A new session with the builtins and the prelude loaded; NULL only when
 * memory runs out. */
SymSession *sym_session_new(void);
/* Release a session (NULL allowed).  Value handles stay valid. */
void sym_session_free(SymSession *S);

/* Parse and run `code` (named `name` in messages, e.g. "<python>"); the
 * value of the last statement (nil unless it is an expression) goes to
 * *out as a new handle when the status is SYM_OK, else *out = NULL.  With
 * echo set, values of the earlier expression statements are printed to the
 * session's output as a script prints them, and a last expression ended by
 * ';' gives nil.  Output of print() and the echo are captured: read them
 * with sym_session_output.  On failure the error is read with
 * sym_session_error_*.  out may be NULL (the value is dropped). */
int sym_session_eval(SymSession *S, const char *name, const char *code, int echo, SymValue **out);
/* The text printed (print(), echo) by the last sym_session_eval or
 * sym_session_call; borrowed, valid until the next session call. */
const char *sym_session_output(SymSession *S);
/* The last error: message (without location), source name, 1-based line
 * and column (0 when the error has no place), and the full report as the
 * command line prints it (file:line:col: error: ..., the source line, a
 * caret, traceback notes).  Borrowed, valid until the next session call;
 * "" and 0 after a success. */
const char *sym_session_error_message(SymSession *S);
const char *sym_session_error_file(SymSession *S);
int sym_session_error_line(SymSession *S);
int sym_session_error_col(SymSession *S);
const char *sym_session_error_report(SymSession *S);

/* Bind a global name to v (borrowed; the session takes its own reference).
 * Returns SYM_OK, or SYM_ERROR when name is not an identifier or is a
 * keyword. */
int sym_session_set(SymSession *S, const char *name, const SymValue *v);
/* The value bound to a global name (new handle), or NULL if unbound. */
SymValue *sym_session_get(SymSession *S, const char *name);
/* Call the function bound to global `fname` with positional arguments
 * (borrowed).  Status and *out as for sym_session_eval. */
int sym_session_call(SymSession *S, const char *fname, SymValue *const *args, int nargs,
                     SymValue **out);
/* The output format of the echo (SYM_FMT_*); plain by default. */
void sym_session_set_format(SymSession *S, int fmt);
/* Number of files written by plot builtins since the session was made;
 * sym_session_plot_path(S, i) is the i-th path (borrowed, lives with S). */
int sym_session_plot_count(SymSession *S);
const char *sym_session_plot_path(SymSession *S, int i);

/* Ask the running computation to stop (it returns SYM_INTERRUPTED).
 * Async-signal-safe and callable from any thread: it only sets a flag. */
void sym_interrupt(void);

/* Names bound in S (builtins, the prelude, user globals) and keywords that
 * start with prefix, sorted, one per line ("" if none).  Caller frees. */
char *sym_complete(SymSession *S, const char *prefix);
/* Help for a builtin name (signature, description, example), for "" the
 * overview by category; NULL when name is not a builtin.  Caller frees. */
char *sym_help(const char *name);
/* The i-th keyword of the language / the i-th builtin name (0-based), NULL
 * past the last.  Static strings. */
const char *sym_keyword_at(size_t i);
const char *sym_builtin_at(size_t i);
/* The library's version string ("0.1"). */
const char *sym_version(void);
/* Releases a string that a sym_ function returned as malloc'd. */
void sym_string_free(void *p);

/* --- reading values -------------------------------------------------------- */

void sym_value_free(SymValue *v); /* NULL allowed */
/* Another handle to the same value (freed separately). */
SymValue *sym_value_ref(const SymValue *v);
SymKind sym_value_kind(const SymValue *v);
/* "rational", "list", "Lie algebra", ... (static string). */
const char *sym_value_kind_name(const SymValue *v);
/* The value printed as Sym prints it (SYM_FMT_*).  Caller frees. */
char *sym_value_print(const SymValue *v, int fmt);
/* SYM_BOOL: 0 or 1. */
int sym_value_bool(const SymValue *v);
/* SYM_RAT: numerator and denominator in decimal (den > 0).  Caller frees
 * each.  NULL for another kind. */
char *sym_value_rat_num(const SymValue *v);
char *sym_value_rat_den(const SymValue *v);
/* SYM_REAL: the value in decimal with all the digits of its precision
 * ("3.1415...e0" style accepted by Python's float and mpmath), and the
 * precision in bits.  NULL/0 for another kind. */
char *sym_value_real_str(const SymValue *v);
long sym_value_real_prec(const SymValue *v);
/* SYM_STR: the bytes (borrowed, live with v) and their count. */
const char *sym_value_str(const SymValue *v, size_t *len);
/* SYM_LIST and SYM_RECORD: number of items / fields; SYM_MAT, SYM_FMAT,
 * SYM_PMAT: rows and columns.  0 for other kinds. */
long sym_value_length(const SymValue *v);
long sym_value_rows(const SymValue *v);
long sym_value_cols(const SymValue *v);
/* The i-th item of a list or the i-th field value of a record (0-based; a
 * new handle), NULL out of range. */
SymValue *sym_value_item(const SymValue *v, long i);
/* The i-th field name of a record (borrowed, lives with v), NULL out of
 * range; the record's type name or NULL. */
const char *sym_value_key(const SymValue *v, long i);
const char *sym_value_record_type(const SymValue *v);
/* SYM_MAT: entry (i, j) (0-based) as "p" or "p/q".  Caller frees. */
char *sym_value_mat_entry(const SymValue *v, long i, long j);
/* SYM_FMAT: the rows*cols doubles in column-major order.  Borrowed: valid
 * (and never changed) as long as the handle v lives.  NULL for another
 * kind. */
const double *sym_value_fmat_data(const SymValue *v);
/* SYM_PMAT: entry (i, j) as a polynomial value (new handle). */
SymValue *sym_value_pmat_entry(const SymValue *v, long i, long j);
/* SYM_POLY / SYM_PMAT: the coordinate names of its ring, one per line.
 * Caller frees.  NULL for another kind. */
char *sym_value_poly_vars(const SymValue *v);

/* --- building values ------------------------------------------------------- */

SymValue *sym_value_nil(void);
SymValue *sym_value_new_bool(int b);
/* A rational from decimal strings "p" and "q" (q may be NULL for 1); NULL
 * when either does not parse or q is 0. */
SymValue *sym_value_new_rat(const char *num, const char *den);
/* A 53-bit real. */
SymValue *sym_value_new_real(double d);
SymValue *sym_value_new_str(const char *s, size_t len);
/* A list of n items (borrowed). */
SymValue *sym_value_new_list(SymValue *const *items, long n);
/* A record of n fields (keys copied, values borrowed); NULL on a repeated
 * or empty key. */
SymValue *sym_value_new_record(const char *const *keys, SymValue *const *vals, long n);
/* An exact matrix from rows*cols decimal entries "p" or "p/q" given row by
 * row; NULL when an entry does not parse or has a zero denominator. */
SymValue *sym_value_new_mat(long rows, long cols, const char *const *entries);
/* A float matrix copied from rows*cols doubles with the given strides (in
 * doubles) between rows and between columns, so both C and Fortran order
 * buffers are read in place; NULL on a non-finite entry or no memory. */
SymValue *sym_value_new_fmat(long rows, long cols, const double *data, long row_stride,
                             long col_stride);

#ifdef __cplusplus
}
#endif

#endif
