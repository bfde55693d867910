/* interp.h — an interpreter session: globals, the current coordinate ring,
 * output format, and every source parsed so far (kept alive so spans and
 * function bodies stay valid). */
#ifndef SYM_INTERP_H
#define SYM_INTERP_H

#include <stdio.h>
#include <signal.h>
#include "value.h"
#include "env.h"
#include "parser.h"

#include "base/sym_interrupt.h" /* sym_interrupted */
#include "symmetry/kernel.h"

/* Exit statuses of running a source (also the process exit codes). */
enum { RUN_OK = 0, RUN_ERROR = 1, RUN_SYNTAX = 2, RUN_INTERRUPTED = 130 };

typedef struct Interp {
    Env *globals;
    PrintFormat format;
    FILE *out; /* results and print() */
    FILE *err; /* diagnostics */
    int depth; /* user-function call depth */
    int max_depth;
    long prec;             /* default MPFR precision in bits */
    struct PolyRing *ring; /* ring of the last `coords`, or NULL */
    KernelContext kernels; /* libsym's kernel-ring cache of this session */
    Source **sources;
    ParseResult **parses;
    int nsources, capsources;
    char **import_stack;
    int nimports;
    int echo;                      /* print values of expression statements */
    int interactive;               /* the REPL: notes on shadowed builtins */
    struct LiteralCache *literals; /* long number literals, parsed once
                                      (eval.c) */
    char **written;                /* files written by plot builtins, in order */
    int nwritten;
} Interp;

Interp *interp_new(void);
void interp_free(Interp *I);

/* Keep src alive for the session and parse it; the result is owned by the
 * session too. */
ParseResult *interp_parse(Interp *I, Source *src);

/* Parse and run a whole source (takes ownership of src).  Diagnostics and
 * runtime errors are printed to I->err; values of expression statements
 * are printed to I->out when echo is set.  Returns RUN_*. */
int interp_run_source(Interp *I, Source *src, int echo);

/* Run an already parsed tree (from interp_parse).  Returns RUN_*. */
int interp_run_tree(Interp *I, const AstNode *root, int echo);

/* Call a function value (user or builtin) with positional arguments
 * (borrowed).  Returns a new reference (possibly an error). */
Value *interp_call(Interp *I, Value *fn, Value **args, int nargs, const Span *span);

/* Record that a builtin wrote the file at path (plots), so front ends
 * such as the Jupyter kernel can show it. */
void interp_note_written(Interp *I, const char *path);

/* Read a file into a new Source (name = path); NULL if unreadable. */
Source *source_from_file(const char *path);

/* Print a runtime error value with its source line and traceback. */
void interp_report_error(Interp *I, const Value *err);

/* Evaluate one expression string in I (used by help-example tests);
 * returns a new reference. */
Value *interp_eval_string(Interp *I, const char *name, const char *text);

/* Run an already parsed tree and return the value of its last statement
 * (a new reference): the value of an expression statement, nil for any
 * other statement, or the error value (VAL_ERROR) of the first statement
 * that failed.  With echo set, values of the earlier expression statements
 * are printed to I->out as a script prints them, and a last expression
 * statement ended by ';' gives nil.  Errors are not printed. */
Value *interp_eval_tree(Interp *I, const AstNode *root, int echo);

#endif
