/* eval.c — the tree-walking evaluator.
 *
 * Expressions evaluate to a new reference (an error value on failure, which
 * propagates by return).  Statements return an ExecStatus; the value of a
 * `return` or an error travels in *result.  Ctrl-C sets sym_interrupted,
 * polled at every loop iteration and call. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "interp.h"
#include "eval.h"
#include "arith.h"
#include "builtins.h"
#include "print.h"
#include "suggest.h"
#include "slice.h"
#include "help.h"
#include "base/sym_alloc.h"

typedef enum { EXEC_OK, EXEC_RETURN, EXEC_BREAK, EXEC_CONTINUE, EXEC_ERROR } ExecStatus;

/* An activation: the locals of a user function call (NULL at top level). */
typedef struct Scope {
    Env *locals;
    int in_loop;
} Scope;

static Value *eval_expr(Interp *I, Scope *S, const AstNode *n);
static ExecStatus exec_block(Interp *I, Scope *S, const AstNode *n, Value **result);

static Value *interrupted_error(const Span *sp)
{
    Value *e = val_error(sp, "interrupted");
    e->u.err.interrupted = 1;
    return e;
}

/* The error of an operation refused by the memory limit (after a raise
   to a recovery point, base/sym_alloc.h). */
static Value *oom_error(const Span *sp, size_t request)
{
    char msg[256];
    sym_alloc_oom_message(msg, sizeof msg, request);
    sym_alloc_grace(1); /* room for the message itself */
    Value *e = val_error(sp, "%s", msg);
    sym_alloc_grace(0);
    return e;
}

/* Session state a raise may leave changed: restored at a recovery point.
   (What it abandons is listed in base/sym_alloc.h.) */
typedef struct Saved {
    int depth, nimports, echo;
} Saved;

static void saved_take(Saved *s, const Interp *I)
{
    s->depth = I->depth;
    s->nimports = I->nimports;
    s->echo = I->echo;
}

static void saved_restore(const Saved *s, Interp *I)
{
    I->depth = s->depth;
    while (I->nimports > s->nimports)
        free(I->import_stack[--I->nimports]);
    I->echo = s->echo;
}

/* ---------------------------------------------------------------- names */

static Value *lookup(Interp *I, Scope *S, const char *name)
{
    Value *v = NULL;
    if (S && S->locals)
        v = env_get(S->locals, name);
    if (!v)
        v = env_get(I->globals, name);
    return v;
}

static void bind(Interp *I, Scope *S, const char *name, Value *v)
{
    env_set(S && S->locals ? S->locals : I->globals, name, v);
}

static Value *unknown_name(Interp *I, Scope *S, const AstNode *n)
{
    const char *best = suggest_name(I->globals, S ? S->locals : NULL, n->text);
    if (best)
        return val_error(&n->span, "unknown name '%s' (did you mean '%s'?)", n->text, best);
    return val_error(&n->span, "unknown name '%s'", n->text);
}

/* ---------------------------------------------------------------- calls */

typedef struct ArgList {
    int n;
    Value **vals;
    const char **keys; /* NULL for positional */
    Span *spans;
} ArgList;

static void args_free(ArgList *a)
{
    for (int i = 0; i < a->n; i++)
        val_unref(a->vals[i]);
    free(a->vals);
    free(a->keys);
    free(a->spans);
}

/* Evaluate the argument nodes of a call; on error returns it. */
static Value *eval_args(Interp *I, Scope *S, const AstNode *call, ArgList *a)
{
    int n = call->nkids - 1;
    a->n = 0;
    a->vals = calloc((size_t)(n ? n : 1), sizeof(Value *));
    a->keys = calloc((size_t)(n ? n : 1), sizeof(char *));
    a->spans = calloc((size_t)(n ? n : 1), sizeof(Span));
    for (int i = 0; i < n; i++) {
        const AstNode *k = call->kids[i + 1];
        const AstNode *e = k->kind == AST_KWARG ? k->kids[0] : k;
        if (k->kind == AST_KWARG) {
            for (int j = 0; j < a->n; j++)
                if (a->keys[j] && strcmp(a->keys[j], k->text) == 0)
                    return val_error(&k->span, "keyword '%s' given twice", k->text);
        }
        if (k->kind != AST_KWARG && i > 0 && call->kids[i]->kind == AST_KWARG)
            return val_error(&k->span,
                             "a positional argument cannot follow the keyword "
                             "argument '%s =' (which parameter would it be?)",
                             call->kids[i]->text);
        Value *v = eval_expr(I, S, e);
        if (val_is_error(v))
            return v;
        a->vals[a->n] = v;
        a->keys[a->n] = k->kind == AST_KWARG ? k->text : NULL;
        a->spans[a->n] = e->span;
        a->n++;
    }
    return NULL;
}

static Value *call_builtin(Interp *I, const Builtin *b, ArgList *a, const Span *sp)
{
    const BuiltinSig *sig = builtin_sig(b);
    Value *slot[BUILTIN_MAX_PARAMS] = {0};
    Span spans[BUILTIN_MAX_PARAMS];
    Value *rest = NULL;
    int last_collects = sig->variadic || sig->kwvariadic;
    int npos = last_collects ? sig->nparams - 1 : sig->nparams;
    int pos = 0;
    Value *err = NULL;
    for (int p = 0; p < BUILTIN_MAX_PARAMS; p++)
        spans[p] = *sp;
    long nrest = 0;
    for (int i = 0; i < a->n; i++)
        if (sig->variadic ? !a->keys[i] : (sig->kwvariadic && a->keys[i]))
            nrest++;
    if (sig->variadic) {
        long k = 0;
        for (int i = 0; i < a->n; i++)
            if (!a->keys[i])
                k++;
        nrest = k > npos ? k - npos : 0;
        rest = val_list_new(nrest);
    } else if (sig->kwvariadic) {
        rest = val_record_new("record", 0);
    }
    long ri = 0;
    for (int i = 0; i < a->n && !err; i++) {
        if (a->keys[i]) {
            int p;
            for (p = 0; p < npos; p++)
                if (strcmp(sig->names[p], a->keys[i]) == 0)
                    break;
            if (p == npos && sig->kwvariadic) {
                Value *nr = arith_with_field(rest, a->keys[i], a->vals[i], &a->spans[i]);
                val_unref(rest);
                rest = nr;
                continue;
            }
            if (p == npos) {
                err = val_error(&a->spans[i], "%s: unknown keyword '%s' (parameters: %s)", b->name,
                                a->keys[i], b->params);
                break;
            }
            if (slot[p]) {
                err = val_error(&a->spans[i], "%s: '%s' given twice", b->name, a->keys[i]);
                break;
            }
            slot[p] = a->vals[i];
            spans[p] = a->spans[i];
        } else if (pos < npos) {
            while (pos < npos && slot[pos])
                pos++;
            if (pos < npos) {
                slot[pos] = a->vals[i];
                spans[pos] = a->spans[i];
                pos++;
            } else if (sig->variadic) {
                val_list_set(rest, ri++, val_ref(a->vals[i]));
            } else {
                err = val_error(&a->spans[i], "%s takes at most %d argument%s (%s)", b->name, npos,
                                npos == 1 ? "" : "s", b->params);
            }
        } else if (sig->variadic && ri < nrest) {
            val_list_set(rest, ri++, val_ref(a->vals[i]));
        } else {
            err = val_error(&a->spans[i], "%s takes at most %d argument%s (%s), got %d", b->name,
                            npos, npos == 1 ? "" : "s", b->params, a->n);
        }
    }
    if (!err && sig->variadic && ri < nrest) {
        /* shrink: some positional args filled earlier slots */
        rest->u.list.n = ri;
    }
    for (int p = 0; p < npos && !err; p++)
        if (!slot[p] && !sig->optional[p])
            err = val_error(sp, "%s: missing argument '%s' (%s(%s))", b->name, sig->names[p],
                            b->name, b->params);
    if (err) {
        val_unref(rest);
        return err;
    }
    if (last_collects) {
        slot[sig->nparams - 1] = rest;
        spans[sig->nparams - 1] = *sp;
    }
    /* an object with an `argument` method (a fitted model) goes to
       builtins that do not know its type as that value (its exact
       section): the ObjType's overloading table, value.h */
    Value *conv[BUILTIN_MAX_PARAMS] = {0};
    for (int p = 0; p < sig->nparams; p++)
        if (slot[p] && slot[p]->kind == VAL_OBJ && slot[p]->u.obj.type->argument &&
            !(slot[p]->u.obj.type->aware && slot[p]->u.obj.type->aware(b->name))) {
            conv[p] = slot[p]->u.obj.type->argument(slot[p], &spans[p]);
            if (val_is_error(conv[p])) {
                Value *e = conv[p];
                for (int q = 0; q < p; q++)
                    val_unref(conv[q]);
                val_unref(rest);
                return e;
            }
            slot[p] = conv[p];
        }
    Call c = {I, b, *sp, spans};
    Value *r;
    SymRecover rc;
    Saved sv;
    saved_take(&sv, I);
    if (SYM_TRY(rc)) {
        r = b->fn(&c, slot);
        sym_recover_pop(&rc);
    } else {
        saved_restore(&sv, I);
        r = oom_error(sp, rc.request);
    }
    for (int p = 0; p < BUILTIN_MAX_PARAMS; p++)
        val_unref(conv[p]);
    val_unref(rest);
    /* Ctrl-C during a builtin: whatever it returned (a partial result, or
       an error it made of QMAT_E_INTERRUPTED and the like), the line stops
       here.  Builtins that return their current iterate on purpose (promote,
       path, sindy) clear the flag after warning. */
    if (sym_interrupted) {
        val_unref(r);
        return interrupted_error(sp);
    }
    if (!r)
        r = val_nil();
    if (val_is_error(r) && !r->u.err.span.src)
        r->u.err.span = *sp;
    return r;
}

static Value *call_user(Interp *I, Value *fn, ArgList *a, const Span *sp)
{
    const AstNode *def = fn->u.fn.def;
    int np = def->nparams;
    if (sym_interrupted)
        return interrupted_error(sp);
    if (I->depth >= I->max_depth)
        return val_error(sp, "recursion too deep (more than %d nested calls)", I->max_depth);
    Env *locals = fn->u.fn.captured ? env_copy(fn->u.fn.captured) : env_new();
    int *given = calloc((size_t)(np ? np : 1), sizeof(int));
    int pos = 0;
    Value *err = NULL;
    for (int i = 0; i < a->n && !err; i++) {
        int p = -1;
        if (a->keys[i]) {
            for (int j = 0; j < np; j++)
                if (strcmp(def->kids[j]->text, a->keys[i]) == 0)
                    p = j;
            if (p < 0)
                err =
                    val_error(&a->spans[i], "%s has no parameter '%s'", fn->u.fn.name, a->keys[i]);
        } else {
            while (pos < np && given[pos])
                pos++;
            p = pos;
            if (p >= np)
                err = val_error(&a->spans[i], "%s takes %d argument%s, got %d", fn->u.fn.name, np,
                                np == 1 ? "" : "s", a->n);
        }
        if (!err && given[p])
            err = val_error(&a->spans[i], "%s: argument '%s' given twice", fn->u.fn.name,
                            def->kids[p]->text);
        if (!err) {
            env_set(locals, def->kids[p]->text, a->vals[i]);
            given[p] = 1;
        }
    }
    Scope scope = {locals, 0};
    I->depth++;
    for (int p = 0; p < np && !err; p++) {
        if (given[p])
            continue;
        const AstNode *dflt = def->kids[p]->nkids ? def->kids[p]->kids[0] : NULL;
        if (!dflt) {
            err = val_error(sp, "%s: missing argument '%s'", fn->u.fn.name, def->kids[p]->text);
            break;
        }
        Value *dv = eval_expr(I, &scope, dflt);
        if (val_is_error(dv)) {
            err = dv;
            break;
        }
        env_set(locals, def->kids[p]->text, dv);
        val_unref(dv);
    }
    Value *result = NULL;
    if (!err) {
        const AstNode *body = def->kids[np];
        if (body->kind == AST_BLOCK) {
            ExecStatus st = exec_block(I, &scope, body, &result);
            if (st == EXEC_BREAK || st == EXEC_CONTINUE) {
                val_unref(result);
                result = val_error(sp, "'break' or 'continue' outside a loop");
            }
            if (!result)
                result = val_nil();
        } else {
            result = eval_expr(I, &scope, body);
        }
    } else {
        result = err;
    }
    I->depth--;
    free(given);
    env_free(locals);
    if (val_is_error(result) && !result->u.err.interrupted)
        val_error_push_frame(result, fn->u.fn.name, sp);
    return result;
}

static Value *call_value(Interp *I, Value *fn, ArgList *a, const Span *sp)
{
    if (fn->kind == VAL_BUILTIN)
        return call_builtin(I, fn->u.builtin, a, sp);
    if (fn->kind == VAL_FUNC)
        return call_user(I, fn, a, sp);
    if (fn->kind == VAL_OBJ && fn->u.obj.type->call) {
        for (int i = 0; i < a->n; i++)
            if (a->keys[i])
                return val_error(&a->spans[i], "a %s takes no keyword arguments",
                                 val_kind_name(fn));
        return fn->u.obj.type->call(I, fn, a->vals, a->n, sp);
    }
    return val_error(sp, "a %s is not a function", val_kind_name(fn));
}

Value *interp_call(Interp *I, Value *fn, Value **args, int nargs, const Span *span)
{
    ArgList a;
    a.n = nargs;
    a.vals = calloc((size_t)(nargs ? nargs : 1), sizeof(Value *));
    a.keys = calloc((size_t)(nargs ? nargs : 1), sizeof(char *));
    a.spans = calloc((size_t)(nargs ? nargs : 1), sizeof(Span));
    for (int i = 0; i < nargs; i++) {
        a.vals[i] = val_ref(args[i]);
        a.spans[i] = *span;
    }
    Value *r = call_value(I, fn, &a, span);
    args_free(&a);
    return r;
}

static Value *eval_call(Interp *I, Scope *S, const AstNode *n)
{
    Value *fn = eval_expr(I, S, n->kids[0]);
    if (val_is_error(fn))
        return fn;
    if (fn->kind != VAL_BUILTIN && fn->kind != VAL_FUNC &&
        !(fn->kind == VAL_OBJ && fn->u.obj.type->call)) {
        Value *e = val_error(&n->kids[0]->span, "a %s is not a function", val_kind_name(fn));
        val_unref(fn);
        return e;
    }
    ArgList a;
    Value *err = eval_args(I, S, n, &a);
    Value *r = err ? err : call_value(I, fn, &a, &n->span);
    args_free(&a);
    val_unref(fn);
    return r;
}

/* ------------------------------------------------------- literals, lists */

static Value *eval_list(Interp *I, Scope *S, const AstNode *n)
{
    Value *l = val_list_new(n->nkids);
    for (int i = 0; i < n->nkids; i++) {
        Value *v = eval_expr(I, S, n->kids[i]);
        if (val_is_error(v)) {
            val_unref(l);
            return v;
        }
        val_list_set(l, i, v);
    }
    return l;
}

static Value *eval_matrix(Interp *I, Scope *S, const AstNode *n)
{
    Value *rows = val_list_new(n->nkids);
    for (int r = 0; r < n->nkids; r++) {
        Value *row = eval_list(I, S, n->kids[r]);
        if (val_is_error(row)) {
            val_unref(rows);
            return row;
        }
        val_list_set(rows, r, row);
    }
    Value *m = arith_matrix_from_rows(rows, &n->span, n);
    val_unref(rows);
    return m;
}

/* Evaluate a range a:b or a:s:b to its start, step and count. */
static Value *range_parts(Interp *I, Scope *S, const AstNode *n, Value **start, Value **step,
                          long *count)
{
    Value *a = eval_expr(I, S, n->kids[0]);
    if (val_is_error(a))
        return a;
    Value *b = eval_expr(I, S, n->kids[1]);
    if (val_is_error(b)) {
        val_unref(a);
        return b;
    }
    Value *s = n->kids[2] ? eval_expr(I, S, n->kids[2]) : val_rat_si(1);
    if (val_is_error(s)) {
        val_unref(a);
        val_unref(b);
        return s;
    }
    Value *err = NULL;
    if (a->kind != VAL_RAT || b->kind != VAL_RAT || s->kind != VAL_RAT)
        err = val_error(&n->span, "a range needs rational bounds and step, not %s:%s",
                        val_kind_name(a), val_kind_name(b));
    else if (fmpq_is_zero(s->u.q))
        err = val_error(&n->kids[2]->span, "the step of a range cannot be 0");
    if (!err) {
        fmpq_t t;
        fmpq_init(t);
        fmpq_sub(t, b->u.q, a->u.q);
        fmpq_div(t, t, s->u.q);
        fmpz_t f;
        fmpz_init(f);
        fmpz_fdiv_q(f, fmpq_numref(t), fmpq_denref(t));
        if (fmpz_sgn(f) < 0)
            *count = 0;
        else if (fmpz_cmp_si(f, 10000000) >= 0)
            err = val_error(&n->span, "range too long (more than 10000000 elements)");
        else
            *count = fmpz_get_si(f) + 1;
        fmpz_clear(f);
        fmpq_clear(t);
    }
    val_unref(b);
    if (err) {
        val_unref(a);
        val_unref(s);
        return err;
    }
    *start = a;
    *step = s;
    return NULL;
}

static Value *range_item(Value *start, Value *step, long i)
{
    fmpq_t t;
    fmpq_init(t);
    fmpq_mul_si(t, step->u.q, i);
    fmpq_add(t, t, start->u.q);
    Value *v = val_rat(t);
    fmpq_clear(t);
    return v;
}

static Value *eval_range(Interp *I, Scope *S, const AstNode *n)
{
    Value *start, *step;
    long count;
    if (!n->kids[0])
        return val_error(&n->span, "':' alone selects every position only in an index "
                                   "read, as in A[:, 1]");
    Value *err = range_parts(I, S, n, &start, &step, &count);
    if (err)
        return err;
    Value *l = val_list_new(count);
    for (long i = 0; i < count; i++)
        val_list_set(l, i, range_item(start, step, i));
    val_unref(start);
    val_unref(step);
    return l;
}

/* ------------------------------------------------------------ operators */

/* a op b for the node n, under a recovery point (out of memory). */
static Value *binop_apply(Interp *I, const AstNode *n, Value *a, Value *b)
{
    Value *r;
    SymRecover rc;
    Saved sv;
    saved_take(&sv, I);
    if (SYM_TRY(rc)) {
        r = arith_binop(I, n->op, a, b, &n->span);
        sym_recover_pop(&rc);
    } else {
        saved_restore(&sv, I);
        r = oom_error(&n->span, rc.request);
    }
    return r;
}

static Value *eval_binary(Interp *I, Scope *S, const AstNode *n)
{
    if (n->op == OP_AND || n->op == OP_OR) {
        Value *a = eval_expr(I, S, n->kids[0]);
        if (val_is_error(a))
            return a;
        if (a->kind != VAL_BOOL) {
            Value *e = val_error(&n->kids[0]->span, "'%s' needs true or false, not a %s",
                                 ast_op_name(n->op), val_kind_name(a));
            val_unref(a);
            return e;
        }
        if ((n->op == OP_AND) != a->u.b)
            return a;
        val_unref(a);
        Value *b = eval_expr(I, S, n->kids[1]);
        if (!val_is_error(b) && b->kind != VAL_BOOL) {
            Value *e = val_error(&n->kids[1]->span, "'%s' needs true or false, not a %s",
                                 ast_op_name(n->op), val_kind_name(b));
            val_unref(b);
            return e;
        }
        return b;
    }
    /* The left spine of a chain such as a + b + c + ... is walked
       iteratively (the parser allows long flat sums, lang/parser.c):
       evaluate the leftmost operand, then each right operand and apply. */
    const AstNode *stack[64], **spine = stack;
    long ns = 0, cap = 64;
    const AstNode *m = n;
    while (m->kind == AST_BINARY && m->op != OP_AND && m->op != OP_OR) {
        if (ns == cap) {
            const AstNode **bigger = malloc(sizeof *bigger * (size_t)cap * 2);
            if (!bigger) {
                if (spine != stack)
                    free(spine);
                return val_error(&n->span, "out of memory");
            }
            memcpy(bigger, spine, sizeof *bigger * (size_t)ns);
            if (spine != stack)
                free(spine);
            spine = bigger;
            cap *= 2;
        }
        spine[ns++] = m;
        m = m->kids[0];
    }
    Value *a = eval_expr(I, S, m);
    for (long k = ns - 1; k >= 0 && !val_is_error(a); k--) {
        if (sym_interrupted) {
            val_unref(a);
            a = interrupted_error(&spine[k]->span);
            break;
        }
        Value *b = eval_expr(I, S, spine[k]->kids[1]);
        if (val_is_error(b)) {
            val_unref(a);
            a = b;
            break;
        }
        Value *r = binop_apply(I, spine[k], a, b);
        val_unref(a);
        val_unref(b);
        a = r;
    }
    if (spine != stack)
        free(spine);
    return a;
}

static Value *eval_unary(Interp *I, Scope *S, const AstNode *n)
{
    Value *a = eval_expr(I, S, n->kids[0]);
    if (val_is_error(a))
        return a;
    Value *r;
    if (n->op == OP_NOT) {
        if (a->kind != VAL_BOOL)
            r = val_error(&n->span, "'not' needs true or false, not a %s", val_kind_name(a));
        else
            r = val_bool(!a->u.b);
    } else {
        r = arith_neg(I, a, &n->span);
    }
    val_unref(a);
    return r;
}

/* ------------------------------------------------------- index and field */

static Value *eval_index(Interp *I, Scope *S, const AstNode *n)
{
    Value *obj = eval_expr(I, S, n->kids[0]);
    if (val_is_error(obj))
        return obj;
    int ni = n->nkids - 1;
    Value *idx[2] = {NULL, NULL};
    if (ni < 1 || ni > 2) {
        val_unref(obj);
        return val_error(&n->span, "an index takes one or two positions, not %d", ni);
    }
    for (int i = 0; i < ni; i++) {
        const AstNode *k = n->kids[i + 1];
        idx[i] = k->kind == AST_RANGE && !k->kids[0] ? slice_all() : eval_expr(I, S, k);
        if (val_is_error(idx[i])) {
            Value *e = idx[i];
            val_unref(obj);
            if (i)
                val_unref(idx[0]);
            return e;
        }
    }
    Value *r = slice_wanted(idx, ni) ? slice_index(obj, idx, ni, n) : arith_index(obj, idx, ni, n);
    val_unref(obj);
    val_unref(idx[0]);
    val_unref(idx[1]);
    return r;
}

static Value *eval_field(Interp *I, Scope *S, const AstNode *n)
{
    Value *obj = eval_expr(I, S, n->kids[0]);
    if (val_is_error(obj))
        return obj;
    Value *r = arith_field(obj, n->text, &n->span);
    val_unref(obj);
    return r;
}

static Value *eval_lambda(Interp *I, Scope *S, const AstNode *n)
{
    Value *f = calloc(1, sizeof *f);
    if (!f)
        abort();
    f->kind = VAL_FUNC;
    f->refcount = 1;
    f->u.fn.name = strdup("<lambda>");
    f->u.fn.def = n;
    f->u.fn.captured = S && S->locals ? env_copy(S->locals) : NULL;
    return f;
}

/* Number literals of more than LITERAL_CACHE_MIN characters are parsed
   once per session and kept by node (the session keeps every tree alive):
   a loop over a long literal does not convert it again each time. */
enum { LITERAL_CACHE_MIN = 40 };

typedef struct LiteralCache {
    const AstNode **keys;
    Value **vals;
    size_t n, cap; /* cap: a power of 2, or 0 */
} LiteralCache;

static size_t literal_slot(const LiteralCache *c, const AstNode *n)
{
    size_t h = ((size_t)n >> 4) * 0x9E3779B97F4A7C15ull;
    size_t i = h & (c->cap - 1);
    while (c->keys[i] && c->keys[i] != n)
        i = (i + 1) & (c->cap - 1);
    return i;
}

static void literal_put(Interp *I, const AstNode *n, Value *v)
{
    LiteralCache *c = I->literals;
    if (!c && !(c = I->literals = calloc(1, sizeof *c)))
        return;
    if (2 * (c->n + 1) > c->cap) {
        LiteralCache big = {NULL, NULL, 0, c->cap ? 2 * c->cap : 64};
        big.keys = calloc(big.cap, sizeof *big.keys);
        big.vals = calloc(big.cap, sizeof *big.vals);
        if (!big.keys || !big.vals) {
            free(big.keys);
            free(big.vals);
            return; /* not cached: parsed again next time */
        }
        for (size_t i = 0; i < c->cap; i++)
            if (c->keys[i]) {
                size_t j = literal_slot(&big, c->keys[i]);
                big.keys[j] = c->keys[i];
                big.vals[j] = c->vals[i];
            }
        free(c->keys);
        free(c->vals);
        big.n = c->n;
        *c = big;
    }
    size_t i = literal_slot(c, n);
    c->keys[i] = n;
    c->vals[i] = val_ref(v);
    c->n++;
}

void eval_literals_free(Interp *I)
{
    LiteralCache *c = I->literals;
    if (!c)
        return;
    for (size_t i = 0; i < c->cap; i++)
        val_unref(c->vals[i]);
    free(c->keys);
    free(c->vals);
    free(c);
    I->literals = NULL;
}

static Value *eval_number(Interp *I, const AstNode *n)
{
    if (n->text_len < LITERAL_CACHE_MIN)
        return arith_parse_number(n->text, &n->span);
    LiteralCache *c = I->literals;
    if (c && c->cap) {
        size_t i = literal_slot(c, n);
        if (c->keys[i] == n)
            return val_ref(c->vals[i]);
    }
    Value *v = arith_parse_number(n->text, &n->span);
    if (!val_is_error(v))
        literal_put(I, n, v);
    return v;
}

static Value *eval_expr(Interp *I, Scope *S, const AstNode *n)
{
    switch (n->kind) {
    case AST_NUM:
        return eval_number(I, n);
    case AST_STR:
        return val_str(n->text, n->text_len);
    case AST_NIL:
        return val_nil();
    case AST_TRUE:
        return val_bool(1);
    case AST_FALSE:
        return val_bool(0);
    case AST_NAME: {
        Value *v = lookup(I, S, n->text);
        return v ? val_ref(v) : unknown_name(I, S, n);
    }
    case AST_UNARY:
        return eval_unary(I, S, n);
    case AST_BINARY:
        return eval_binary(I, S, n);
    case AST_RANGE:
        return eval_range(I, S, n);
    case AST_CALL:
        return eval_call(I, S, n);
    case AST_INDEX:
        return eval_index(I, S, n);
    case AST_FIELD:
        return eval_field(I, S, n);
    case AST_LIST:
        return eval_list(I, S, n);
    case AST_MATRIX:
        return eval_matrix(I, S, n);
    case AST_LAMBDA:
        return eval_lambda(I, S, n);
    default:
        return val_error(&n->span, "a %s is not an expression", ast_kind_name(n->kind));
    }
}

/* ------------------------------------------------------------ statements */

/* Assign to a[i] / a[i, j] / r.name: build the changed copy, rebind. */
static Value *assign_target(Interp *I, Scope *S, const AstNode *t, Value *v)
{
    if (t->kind == AST_NAME) {
        const Builtin *b = builtin_find(t->text);
        Value *old = lookup(I, S, t->text);
        if (b && old && old->kind == VAL_BUILTIN && !(S && S->locals) && I->interactive)
            /* the user's name wins; at the REPL say what it hides */
            help_note_shadow(I->err, &t->span, b);
        bind(I, S, t->text, v);
        return NULL;
    }
    const AstNode *base = t->kids[0];
    Value *old = eval_expr(I, S, base);
    if (val_is_error(old))
        return old;
    Value *nv;
    if (t->kind == AST_FIELD) {
        nv = arith_with_field(old, t->text, v, &t->span);
    } else {
        Value *idx[2] = {NULL, NULL};
        int ni = t->nkids - 1;
        if (ni < 1 || ni > 2) {
            val_unref(old);
            return val_error(&t->span, "an index takes one or two positions");
        }
        for (int i = 0; i < ni; i++) {
            idx[i] = eval_expr(I, S, t->kids[i + 1]);
            if (val_is_error(idx[i])) {
                Value *e = idx[i];
                val_unref(old);
                val_unref(idx[0 == i ? 1 : 0]);
                return e;
            }
        }
        nv = arith_with_index(old, idx, ni, v, t);
        val_unref(idx[0]);
        val_unref(idx[1]);
    }
    val_unref(old);
    if (val_is_error(nv))
        return nv;
    Value *err = assign_target(I, S, base, nv);
    val_unref(nv);
    return err;
}

static ExecStatus exec_stmt(Interp *I, Scope *S, const AstNode *n, Value **result);

static ExecStatus exec_for(Interp *I, Scope *S, const AstNode *n, Value **result)
{
    const AstNode *it = n->kids[0];
    Value *start = NULL, *step = NULL, *seq = NULL;
    long count = 0;
    if (it->kind == AST_RANGE) {
        Value *err = range_parts(I, S, it, &start, &step, &count);
        if (err) {
            *result = err;
            return EXEC_ERROR;
        }
    } else {
        seq = eval_expr(I, S, it);
        if (val_is_error(seq)) {
            *result = seq;
            return EXEC_ERROR;
        }
        Value *l = arith_iterable(seq, &it->span);
        val_unref(seq);
        if (val_is_error(l)) {
            *result = l;
            return EXEC_ERROR;
        }
        seq = l;
        count = seq->u.list.n;
    }
    ExecStatus st = EXEC_OK;
    int was_in_loop = S ? S->in_loop : 0;
    Scope top = {NULL, 0};
    Scope *sc = S ? S : &top;
    sc->in_loop = 1;
    for (long i = 0; i < count; i++) {
        if (sym_interrupted) {
            *result = interrupted_error(&n->span);
            st = EXEC_ERROR;
            break;
        }
        Value *x = seq ? val_ref(seq->u.list.items[i]) : range_item(start, step, i);
        bind(I, sc, n->text, x);
        val_unref(x);
        Value *r = NULL;
        st = exec_block(I, sc, n->kids[1], &r);
        if (st == EXEC_BREAK) {
            st = EXEC_OK;
            break;
        }
        if (st == EXEC_CONTINUE)
            st = EXEC_OK;
        if (st != EXEC_OK) {
            *result = r;
            break;
        }
        val_unref(r);
    }
    sc->in_loop = was_in_loop;
    val_unref(start);
    val_unref(step);
    val_unref(seq);
    return st;
}

static Value *eval_condition(Interp *I, Scope *S, const AstNode *c)
{
    Value *v = eval_expr(I, S, c);
    if (val_is_error(v) || v->kind == VAL_BOOL)
        return v;
    Value *e = val_error(&c->span, "a condition must be true or false, not a %s", val_kind_name(v));
    val_unref(v);
    return e;
}

static ExecStatus exec_while(Interp *I, Scope *S, const AstNode *n, Value **result)
{
    Scope top = {NULL, 0};
    Scope *sc = S ? S : &top;
    int was_in_loop = sc->in_loop;
    sc->in_loop = 1;
    ExecStatus st = EXEC_OK;
    for (;;) {
        if (sym_interrupted) {
            *result = interrupted_error(&n->span);
            st = EXEC_ERROR;
            break;
        }
        Value *c = eval_condition(I, sc, n->kids[0]);
        if (val_is_error(c)) {
            *result = c;
            st = EXEC_ERROR;
            break;
        }
        int go = c->u.b;
        val_unref(c);
        if (!go)
            break;
        Value *r = NULL;
        st = exec_block(I, sc, n->kids[1], &r);
        if (st == EXEC_BREAK) {
            st = EXEC_OK;
            break;
        }
        if (st == EXEC_CONTINUE)
            st = EXEC_OK;
        if (st != EXEC_OK) {
            *result = r;
            break;
        }
        val_unref(r);
    }
    sc->in_loop = was_in_loop;
    return st;
}

static ExecStatus exec_import(Interp *I, const AstNode *n, Value **result);
static ExecStatus exec_coords(Interp *I, Scope *S, const AstNode *n, Value **result);

static void echo_value(Interp *I, Value *v)
{
    if (!I->echo || v->kind == VAL_NIL)
        return;
    /* the value printed last is `ans` */
    env_set(I->globals, "ans", v);
    StrBuf sb = STRBUF_INIT;
    if (v->kind == VAL_BUILTIN && strcmp(v->u.builtin->name, "help") == 0)
        help_overview(&sb); /* `help` alone, as the banner says */
    else
        print_value(&sb, v, I->format);
    if (!sym_interrupted) /* else the text holds "<interrupted>" */
        fprintf(I->out, "%s\n", sb_str(&sb));
    fflush(I->out);
    sb_free(&sb);
}

static ExecStatus exec_stmt(Interp *I, Scope *S, const AstNode *n, Value **result)
{
    switch (n->kind) {
    case AST_EXPRSTMT: {
        Value *v = eval_expr(I, S, n->kids[0]);
        if (val_is_error(v)) {
            *result = v;
            return EXEC_ERROR;
        }
        if (!S && !n->quiet) {
            echo_value(I, v);
            if (sym_interrupted) { /* while printing a huge number */
                val_unref(v);
                *result = interrupted_error(&n->span);
                return EXEC_ERROR;
            }
        }
        *result = v; /* last value: the result of a block function */
        return EXEC_OK;
    }
    case AST_ASSIGN: {
        Value *v = eval_expr(I, S, n->kids[1]);
        if (val_is_error(v)) {
            *result = v;
            return EXEC_ERROR;
        }
        Value *err = assign_target(I, S, n->kids[0], v);
        val_unref(v);
        if (err) {
            *result = err;
            return EXEC_ERROR;
        }
        return EXEC_OK;
    }
    case AST_FUNCDEF: {
        Value *f = calloc(1, sizeof *f);
        if (!f)
            abort();
        f->kind = VAL_FUNC;
        f->refcount = 1;
        f->u.fn.name = strdup(n->text);
        f->u.fn.def = n;
        bind(I, S, n->text, f);
        val_unref(f);
        return EXEC_OK;
    }
    case AST_IF: {
        Value *c = eval_condition(I, S, n->kids[0]);
        if (val_is_error(c)) {
            *result = c;
            return EXEC_ERROR;
        }
        int go = c->u.b;
        val_unref(c);
        if (go)
            return exec_block(I, S, n->kids[1], result);
        if (n->nkids > 2 && n->kids[2]) {
            if (n->kids[2]->kind == AST_IF)
                return exec_stmt(I, S, n->kids[2], result);
            return exec_block(I, S, n->kids[2], result);
        }
        return EXEC_OK;
    }
    case AST_FOR:
        return exec_for(I, S, n, result);
    case AST_WHILE:
        return exec_while(I, S, n, result);
    case AST_RETURN:
        if (!S) {
            *result = val_error(&n->span, "'return' outside a function");
            return EXEC_ERROR;
        }
        *result = n->nkids && n->kids[0] ? eval_expr(I, S, n->kids[0]) : val_nil();
        return val_is_error(*result) ? EXEC_ERROR : EXEC_RETURN;
    case AST_BREAK:
    case AST_CONTINUE:
        if (!(S && S->in_loop)) {
            *result = val_error(&n->span, "'%s' outside a loop",
                                n->kind == AST_BREAK ? "break" : "continue");
            return EXEC_ERROR;
        }
        return n->kind == AST_BREAK ? EXEC_BREAK : EXEC_CONTINUE;
    case AST_IMPORT:
        return exec_import(I, n, result);
    case AST_COORDS:
        return exec_coords(I, S, n, result);
    case AST_BLOCK:
        return exec_block(I, S, n, result);
    default:
        *result = val_error(&n->span, "cannot run a %s here", ast_kind_name(n->kind));
        return EXEC_ERROR;
    }
}

/* Run the statements of a block.  *result ends as the value of the last
 * expression statement (or NULL), or the return value / error. */
static ExecStatus exec_block(Interp *I, Scope *S, const AstNode *n, Value **result)
{
    *result = NULL;
    for (int i = 0; i < n->nkids; i++) {
        Value *r = NULL;
        ExecStatus st = exec_stmt(I, S, n->kids[i], &r);
        val_unref(*result);
        *result = r;
        if (st != EXEC_OK)
            return st;
        if (sym_interrupted) {
            val_unref(*result);
            *result = interrupted_error(&n->kids[i]->span);
            return EXEC_ERROR;
        }
    }
    return EXEC_OK;
}

/* ------------------------------------------------------ import and coords */

static ExecStatus exec_coords(Interp *I, Scope *S, const AstNode *n, Value **result)
{
    Value *err = eval_coords(I, n);
    if (err) {
        *result = err;
        return EXEC_ERROR;
    }
    for (int i = 0; i < n->nkids; i++) {
        Value *g = eval_ring_gen(I, i);
        bind(I, S, n->kids[i]->text, g);
        val_unref(g);
    }
    return EXEC_OK;
}

static ExecStatus exec_import(Interp *I, const AstNode *n, Value **result)
{
    char *path = NULL;
    Source *src = eval_resolve_import(I, n, &path, result);
    if (!src)
        return EXEC_ERROR;
    for (int i = 0; i < I->nimports; i++)
        if (strcmp(I->import_stack[i], path) == 0) {
            *result = val_error(&n->span, "import cycle: '%s' is already being imported", path);
            free(path);
            source_free(src);
            return EXEC_ERROR;
        }
    ParseResult *pr = interp_parse(I, src);
    if (pr->status != PARSE_OK) {
        for (int i = 0; i < pr->ndiags; i++)
            diag_print(I->err, "error", &pr->diags[i].span, pr->diags[i].message);
        *result = val_error(&n->span, "'%s' has syntax errors", path);
        free(path);
        return EXEC_ERROR;
    }
    I->import_stack = realloc(I->import_stack, sizeof(char *) * (size_t)(I->nimports + 1));
    I->import_stack[I->nimports++] = path;
    int echo = I->echo;
    I->echo = 0;
    Value *r = NULL;
    ExecStatus st = exec_block(I, NULL, pr->root, &r);
    I->echo = echo;
    free(I->import_stack[--I->nimports]);
    if (st == EXEC_ERROR) {
        *result = val_error_push_frame(r, "import", &n->span);
        return EXEC_ERROR;
    }
    val_unref(r);
    return EXEC_OK;
}

/* ------------------------------------------------------------ programs */

/* A top-level statement under a recovery point: out of memory outside a
   builtin or an operator (a number literal, a list display, ...). */
static ExecStatus exec_top(Interp *I, const AstNode *n, Value **result)
{
    ExecStatus st;
    SymRecover rc;
    Saved sv;
    saved_take(&sv, I);
    if (SYM_TRY(rc)) {
        st = exec_stmt(I, NULL, n, result);
        sym_recover_pop(&rc);
    } else {
        saved_restore(&sv, I);
        *result = oom_error(&n->span, rc.request);
        st = EXEC_ERROR;
    }
    return st;
}

int interp_run_tree(Interp *I, const AstNode *root, int echo)
{
    int saved = I->echo;
    I->echo = echo;
    int status = RUN_OK;
    for (int i = 0; i < root->nkids; i++) {
        Value *r = NULL;
        ExecStatus st = exec_top(I, root->kids[i], &r);
        if (st == EXEC_ERROR) {
            status = r->u.err.interrupted ? RUN_INTERRUPTED : RUN_ERROR;
            if (r->u.err.interrupted) {
                fputs("interrupted\n", I->err);
                fflush(I->err);
            } else {
                interp_report_error(I, r);
            }
            val_unref(r);
            break;
        }
        val_unref(r);
        if (sym_interrupted) { /* Ctrl-C inside an expression that cannot poll */
            fputs("interrupted\n", I->err);
            fflush(I->err);
            status = RUN_INTERRUPTED;
            break;
        }
    }
    I->echo = saved;
    return status;
}

int interp_run_source(Interp *I, Source *src, int echo)
{
    ParseResult *pr = interp_parse(I, src);
    if (pr->status != PARSE_OK) {
        for (int i = 0; i < pr->ndiags; i++)
            diag_print(I->err, "error", &pr->diags[i].span, pr->diags[i].message);
        if (pr->status == PARSE_INCOMPLETE && pr->ndiags == 0) {
            Span end = {src, 0, 0, (int)src->len, 0};
            diag_print(I->err, "error", &end, "unexpected end of input");
        }
        return RUN_SYNTAX;
    }
    return interp_run_tree(I, pr->root, echo);
}

Value *interp_eval_string(Interp *I, const char *name, const char *text)
{
    Source *src = source_new(name, text, strlen(text));
    ParseResult *pr = interp_parse(I, src);
    if (pr->status != PARSE_OK)
        return val_error(NULL, "syntax error in %s", name);
    Value *last = val_nil();
    for (int i = 0; i < pr->root->nkids; i++) {
        Value *r = NULL;
        ExecStatus st = exec_stmt(I, NULL, pr->root->kids[i], &r);
        if (st == EXEC_ERROR) {
            val_unref(last);
            return r;
        }
        val_unref(last);
        last = r ? r : val_nil();
    }
    return last;
}

Value *interp_eval_tree(Interp *I, const AstNode *root, int echo)
{
    int saved = I->echo;
    Value *last = val_nil();
    for (int i = 0; i < root->nkids; i++) {
        I->echo = echo && i + 1 < root->nkids;
        Value *r = NULL;
        ExecStatus st = exec_stmt(I, NULL, root->kids[i], &r);
        val_unref(last);
        if (st == EXEC_ERROR) {
            I->echo = saved;
            return r;
        }
        const AstNode *k = root->kids[i];
        if (r && k->kind == AST_EXPRSTMT && !(echo && k->quiet)) {
            last = r;
        } else {
            val_unref(r);
            last = val_nil();
        }
    }
    I->echo = saved;
    return last;
}
