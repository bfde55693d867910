/* builtins_core.c — general builtins: printing, help, types, lists,
 * strings, records, and real (MPFR) functions. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "builtins.h"
#include "interp.h"
#include "arith.h"
#include "print.h"
#include "help.h"
#include "model_value.h"
#include "base/sym_alloc.h"

/* ---------------------------------------------------------------- output */

static Value *bi_print(Call *c, Value **a)
{
    Value *items = a[0];
    StrBuf sb = STRBUF_INIT;
    for (long i = 0; i < items->u.list.n; i++) {
        Value *v = items->u.list.items[i];
        if (i)
            sb_putc(&sb, ' ');
        if (v->kind == VAL_STR)
            sb_putn(&sb, v->u.str.s, v->u.str.len);
        else
            print_value(&sb, v, c->I->format);
    }
    if (sym_interrupted) { /* Ctrl-C while the text of a huge number was made */
        sb_free(&sb);
        Value *e = call_error(c, "interrupted");
        e->u.err.interrupted = 1;
        return e;
    }
    fprintf(c->I->out, "%s\n", sb_str(&sb));
    fflush(c->I->out);
    sb_free(&sb);
    return val_nil();
}

static Value *format_as(Value *v, PrintFormat fmt)
{
    if (v->kind == VAL_STR && fmt == FMT_PLAIN)
        return val_ref(v);
    StrBuf sb = STRBUF_INIT;
    print_value(&sb, v, fmt);
    Value *s = val_str(sb_str(&sb), sb.len);
    sb_free(&sb);
    return s;
}

static Value *bi_str(Call *c, Value **a)
{
    return format_as(a[0], FMT_PLAIN);
}
static Value *bi_latex(Call *c, Value **a)
{
    Value *s = format_as(a[0], FMT_LATEX);
    if (!a[1] || a[1]->kind == VAL_NIL)
        return s;
    if (a[1]->kind != VAL_STR) {
        val_unref(s);
        return arg_type_error(c, 1, "a file name string", a[1]);
    }
    FILE *f = fopen(a[1]->u.str.s, "w");
    if (!f) {
        val_unref(s);
        return arg_error(c, 1, "cannot write '%s': %s", a[1]->u.str.s, strerror(errno));
    }
    int bad = fwrite(s->u.str.s, 1, s->u.str.len, f) != s->u.str.len || fputc('\n', f) == EOF;
    bad |= fclose(f) != 0;
    val_unref(s);
    if (bad)
        return arg_error(c, 1, "cannot write '%s'", a[1]->u.str.s);
    return val_nil();
}

static Value *bi_help(Call *c, Value **a)
{
    StrBuf sb = STRBUF_INIT;
    if (!a[0])
        help_overview(&sb);
    else if (a[0]->kind == VAL_BUILTIN)
        help_builtin(&sb, a[0]->u.builtin);
    else if (a[0]->kind == VAL_STR) {
        Value *v = env_get(c->I->globals, a[0]->u.str.s);
        if (v && v->kind != VAL_BUILTIN)
            help_value(&sb, a[0]->u.str.s, v); /* ?x on a variable: short */
        else
            help_search(&sb, a[0]->u.str.s);
    } else
        help_value(&sb, NULL, a[0]);
    fputs(sb_str(&sb), c->I->out);
    fflush(c->I->out);
    sb_free(&sb);
    return val_nil();
}

static Value *bi_type(Call *c, Value **a)
{
    return val_cstr(val_kind_name(a[0]));
}

static Value *bi_error(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR)
        return arg_type_error(c, 0, "a string", a[0]);
    return val_error(&c->span, "%s", a[0]->u.str.s);
}

static Value *bi_assert(Call *c, Value **a)
{
    if (a[0]->kind != VAL_BOOL)
        return arg_type_error(c, 0, "true or false", a[0]);
    if (a[1] && a[1]->kind != VAL_STR && a[1]->kind != VAL_NIL)
        return arg_type_error(c, 1, "a string", a[1]);
    if (a[0]->u.b)
        return val_nil();
    if (a[1] && a[1]->kind == VAL_STR)
        return val_error(&c->span, "assertion failed: %s", a[1]->u.str.s);
    return val_error(&c->span, "assertion failed");
}

static Value *bi_clock(Call *c, Value **a)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return val_real_d((double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec);
}

/* memory(limit): the session's memory limit (base/sym_alloc.h). */
static Value *bi_memory(Call *c, Value **a)
{
    if (a[0] && a[0]->kind != VAL_NIL) {
        size_t lim;
        if (a[0]->kind == VAL_STR) {
            if (!sym_alloc_parse(a[0]->u.str.s, &lim))
                return arg_error(c, 0, "'%s' is not a size (e.g. 512M, 2G, or bytes)",
                                 a[0]->u.str.s);
        } else if (val_is_integer(a[0])) {
            if (fmpz_sgn(fmpq_numref(a[0]->u.q)) < 0 || !fmpz_abs_fits_ui(fmpq_numref(a[0]->u.q)))
                return arg_error(c, 0, "the limit must be a number of bytes >= 0");
            lim = (size_t)fmpz_get_ui(fmpq_numref(a[0]->u.q));
        } else {
            return arg_type_error(c, 0, "a number of bytes or a size such as \"2G\"", a[0]);
        }
        if (lim != 0 && lim < ((size_t)1 << 20))
            return arg_error(c, 0,
                             "a limit below 1 MB would not leave room for the "
                             "session (0 means no limit)");
        sym_alloc_set_limit(lim);
    }
    Value *r = val_record_new("memory", 3);
    val_record_set(r, 0, "used", val_rat_si((long)sym_alloc_used()));
    val_record_set(r, 1, "peak", val_rat_si((long)sym_alloc_peak()));
    val_record_set(r, 2, "limit", val_rat_si((long)sym_alloc_limit()));
    return r;
}

/* ---------------------------------------------------------------- lists */

static Value *bi_length(Call *c, Value **a)
{
    Value *v = a[0];
    switch (v->kind) {
    case VAL_LIST:
        return val_rat_si(v->u.list.n);
    case VAL_STR:
        return val_rat_si((long)v->u.str.len);
    case VAL_RECORD:
        return val_rat_si(v->u.rec.n);
    case VAL_MAT:
        return val_rat_si(fmpq_mat_nrows(v->u.m) * fmpq_mat_ncols(v->u.m));
    case VAL_PMAT:
        return val_rat_si(v->u.pmat.rows * v->u.pmat.cols);
    case VAL_OBJ:
        if (v->u.obj.type->length && v->u.obj.type->length(v) >= 0)
            return val_rat_si(v->u.obj.type->length(v));
        /* fall through */
    default:
        return arg_type_error(c, 0, "a list, string, record or matrix", v);
    }
}

static Value *bi_append(Call *c, Value **a)
{
    if (a[0]->kind != VAL_LIST)
        return arg_type_error(c, 0, "a list", a[0]);
    long n = a[0]->u.list.n;
    Value *l = val_list_new(n + 1);
    for (long i = 0; i < n; i++)
        val_list_set(l, i, val_ref(a[0]->u.list.items[i]));
    val_list_set(l, n, val_ref(a[1]));
    return l;
}

static Value *bi_concat(Call *c, Value **a)
{
    Value *parts = a[0];
    long n = 0;
    for (long i = 0; i < parts->u.list.n; i++) {
        if (parts->u.list.items[i]->kind != VAL_LIST)
            return call_error(c, "argument %ld must be a list, not a %s", i + 1,
                              val_kind_name(parts->u.list.items[i]));
        n += parts->u.list.items[i]->u.list.n;
    }
    Value *l = val_list_new(n);
    long k = 0;
    for (long i = 0; i < parts->u.list.n; i++)
        for (long j = 0; j < parts->u.list.items[i]->u.list.n; j++)
            val_list_set(l, k++, val_ref(parts->u.list.items[i]->u.list.items[j]));
    return l;
}

static Value *bi_reverse(Call *c, Value **a)
{
    if (a[0]->kind != VAL_LIST)
        return arg_type_error(c, 0, "a list", a[0]);
    long n = a[0]->u.list.n;
    Value *l = val_list_new(n);
    for (long i = 0; i < n; i++)
        val_list_set(l, i, val_ref(a[0]->u.list.items[n - 1 - i]));
    return l;
}

static Value *bi_range(Call *c, Value **a)
{
    long lo = 1, hi, step = 1;
    Value *e;
    if ((e = arg_long(c, a, 0, -100000000, 100000000, &hi)))
        return e;
    if (a[1]) {
        lo = hi;
        if ((e = arg_long(c, a, 1, -100000000, 100000000, &hi)))
            return e;
    }
    if (a[2] && (e = arg_long(c, a, 2, -100000000, 100000000, &step)))
        return e;
    if (step == 0)
        return arg_error(c, 2, "the step cannot be 0");
    long n =
        step > 0 ? (hi >= lo ? (hi - lo) / step + 1 : 0) : (lo >= hi ? (lo - hi) / -step + 1 : 0);
    if (n > 10000000)
        return call_error(c, "too many elements (%ld)", n);
    Value *l = val_list_new(n);
    for (long i = 0; i < n; i++)
        val_list_set(l, i, val_rat_si(lo + i * step));
    return l;
}

static Value *bi_map(Call *c, Value **a)
{
    Value *seq = arith_iterable(a[1], &c->arg_spans[1]);
    if (val_is_error(seq))
        return seq;
    Value *l = val_list_new(seq->u.list.n);
    for (long i = 0; i < seq->u.list.n; i++) {
        Value *r = interp_call(c->I, a[0], &seq->u.list.items[i], 1, &c->span);
        if (val_is_error(r)) {
            val_unref(l);
            val_unref(seq);
            return r;
        }
        val_list_set(l, i, r);
    }
    val_unref(seq);
    return l;
}

static Value *bi_filter(Call *c, Value **a)
{
    Value *seq = arith_iterable(a[1], &c->arg_spans[1]);
    if (val_is_error(seq))
        return seq;
    Value **keep = calloc((size_t)seq->u.list.n + 1, sizeof(Value *));
    long k = 0;
    Value *err = NULL;
    for (long i = 0; i < seq->u.list.n && !err; i++) {
        Value *r = interp_call(c->I, a[0], &seq->u.list.items[i], 1, &c->span);
        if (val_is_error(r))
            err = r;
        else if (r->kind != VAL_BOOL)
            err =
                call_error(c, "the function must return true or false, not a %s", val_kind_name(r)),
            val_unref(r);
        else {
            if (r->u.b)
                keep[k++] = seq->u.list.items[i];
            val_unref(r);
        }
    }
    Value *l = err;
    if (!err) {
        l = val_list_new(k);
        for (long i = 0; i < k; i++)
            val_list_set(l, i, val_ref(keep[i]));
    }
    free(keep);
    val_unref(seq);
    return l;
}

static Value *fold(Call *c, Value *seqv, AstOp op, long unit)
{
    Value *seq = arith_iterable(seqv, &c->arg_spans[0]);
    if (val_is_error(seq))
        return seq;
    Value *acc = seq->u.list.n ? val_ref(seq->u.list.items[0]) : val_rat_si(unit);
    for (long i = 1; i < seq->u.list.n; i++) {
        Value *r = arith_binop(c->I, op, acc, seq->u.list.items[i], &c->span);
        val_unref(acc);
        acc = r;
        if (val_is_error(acc))
            break;
    }
    val_unref(seq);
    return acc;
}

static Value *bi_sum(Call *c, Value **a)
{
    return fold(c, a[0], OP_ADD, 0);
}
static Value *bi_prod(Call *c, Value **a)
{
    return fold(c, a[0], OP_MUL, 1);
}

static Value *bi_record(Call *c, Value **a)
{
    Value *kw = a[0]; /* a record of the keyword arguments */
    return val_ref(kw);
}

static Value *bi_keys(Call *c, Value **a)
{
    if (a[0]->kind != VAL_RECORD)
        return arg_type_error(c, 0, "a record", a[0]);
    Value *l = val_list_new(a[0]->u.rec.n);
    for (long i = 0; i < a[0]->u.rec.n; i++)
        val_list_set(l, i, val_cstr(a[0]->u.rec.keys[i]));
    return l;
}

/* ---------------------------------------------------------------- numbers */

static Value *want_rat(Call *c, Value **a, int i)
{
    if (a[i]->kind != VAL_RAT)
        return arg_type_error(c, i, "a rational", a[i]);
    return NULL;
}

static Value *bi_num(Call *c, Value **a)
{
    Value *e = want_rat(c, a, 0);
    return e ? e : val_rat_fmpz(fmpq_numref(a[0]->u.q));
}

static Value *bi_den(Call *c, Value **a)
{
    Value *e = want_rat(c, a, 0);
    return e ? e : val_rat_fmpz(fmpq_denref(a[0]->u.q));
}

static Value *bi_abs(Call *c, Value **a)
{
    if (a[0]->kind == VAL_RAT) {
        Value *r = val_rat(a[0]->u.q);
        fmpq_abs(r->u.q, r->u.q);
        return r;
    }
    if (a[0]->kind == VAL_REAL) {
        Value *r = val_real(a[0]->u.r);
        mpfr_abs(r->u.r, r->u.r, MPFR_RNDN);
        return r;
    }
    return arg_type_error(c, 0, "a number", a[0]);
}

static Value *bi_floor(Call *c, Value **a)
{
    if (a[0]->kind == VAL_RAT) {
        fmpz_t f;
        fmpz_init(f);
        fmpz_fdiv_q(f, fmpq_numref(a[0]->u.q), fmpq_denref(a[0]->u.q));
        Value *r = val_rat_fmpz(f);
        fmpz_clear(f);
        return r;
    }
    if (a[0]->kind == VAL_REAL) {
        if (!mpfr_number_p(a[0]->u.r))
            return arg_error(c, 0, "not a finite number");
        mpz_t z;
        mpz_init(z);
        mpfr_get_z(z, a[0]->u.r, MPFR_RNDD);
        fmpz_t f;
        fmpz_init(f);
        fmpz_set_mpz(f, z);
        Value *r = val_rat_fmpz(f);
        fmpz_clear(f);
        mpz_clear(z);
        return r;
    }
    return arg_type_error(c, 0, "a number", a[0]);
}

static Value *real_fn(Call *c, Value **a, int (*f)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t), int domain)
{
    if (a[0]->kind != VAL_RAT && a[0]->kind != VAL_REAL)
        return arg_type_error(c, 0, "a number", a[0]);
    long prec = a[0]->kind == VAL_REAL ? (long)mpfr_get_prec(a[0]->u.r) : c->I->prec;
    mpfr_t x;
    mpfr_init2(x, prec);
    arith_to_mpfr(x, a[0]);
    Value *r = NULL;
    if (domain == 1 && mpfr_sgn(x) < 0)
        r = arg_error(c, 0, "%s of a negative number is not real", c->b->name);
    else if (domain == 2 && mpfr_sgn(x) <= 0)
        r = arg_error(c, 0, "log of a number <= 0 is not real");
    else {
        /* sin and cos: an argument known to prec bits carries an absolute
           error up to |x| 2^(1-prec), and so does the result (|f'| <= 1);
           a result below 4 |x| 2^-prec is zero to the working precision
           (cos(pi/2)) and is returned as 0. */
        mpfr_t bound;
        mpfr_init2(bound, 64);
        mpfr_abs(bound, x, MPFR_RNDU);
        mpfr_mul_2si(bound, bound, 2 - prec, MPFR_RNDU);
        f(x, x, MPFR_RNDN);
        if (domain == 3 && a[0]->kind == VAL_REAL && mpfr_cmpabs(x, bound) <= 0)
            mpfr_set_zero(x, 1);
        mpfr_clear(bound);
        r = val_real(x);
    }
    mpfr_clear(x);
    return r;
}

static Value *bi_sqrt(Call *c, Value **a)
{
    /* exact when the argument is the square of a rational */
    if (a[0]->kind == VAL_RAT && fmpq_sgn(a[0]->u.q) >= 0 &&
        fmpz_is_square(fmpq_numref(a[0]->u.q)) && fmpz_is_square(fmpq_denref(a[0]->u.q))) {
        Value *r = val_rat_si(0);
        fmpz_sqrt(fmpq_numref(r->u.q), fmpq_numref(a[0]->u.q));
        fmpz_sqrt(fmpq_denref(r->u.q), fmpq_denref(a[0]->u.q));
        return r;
    }
    return real_fn(c, a, mpfr_sqrt, 1);
}
static Value *bi_exp(Call *c, Value **a)
{
    return real_fn(c, a, mpfr_exp, 0);
}
static Value *bi_log(Call *c, Value **a)
{
    return real_fn(c, a, mpfr_log, 2);
}
static Value *bi_sin(Call *c, Value **a)
{
    return real_fn(c, a, mpfr_sin, 3);
}
static Value *bi_cos(Call *c, Value **a)
{
    return real_fn(c, a, mpfr_cos, 3);
}

static Value *bi_real(Call *c, Value **a)
{
    long bits = c->I->prec;
    Value *e;
    if (a[1] && (e = arg_long(c, a, 1, 2, 1000000, &bits)))
        return e;
    if (a[0]->kind != VAL_RAT && a[0]->kind != VAL_REAL)
        return arg_type_error(c, 0, "a number", a[0]);
    mpfr_t x;
    mpfr_init2(x, bits);
    arith_to_mpfr(x, a[0]);
    Value *r = val_real(x);
    mpfr_clear(x);
    return r;
}

static Value *bi_float(Call *c, Value **a)
{
    if (a[0]->kind != VAL_RAT && a[0]->kind != VAL_REAL)
        return arg_type_error(c, 0, "a number", a[0]);
    mpfr_t x;
    mpfr_init2(x, 53);
    arith_to_mpfr(x, a[0]);
    Value *r = val_real(x);
    mpfr_clear(x);
    return r;
}

static Value *bi_precision(Call *c, Value **a)
{
    long old = c->I->prec, bits;
    if (a[0]) {
        Value *e = arg_long(c, a, 0, 2, 1000000, &bits);
        if (e)
            return e;
        c->I->prec = bits;
        mpfr_t x;
        mpfr_init2(x, bits);
        mpfr_const_pi(x, MPFR_RNDN);
        Value *pi = val_real(x);
        mpfr_clear(x);
        env_set(c->I->globals, "pi", pi);
        val_unref(pi);
    }
    return val_rat_si(old);
}

static Value *bi_exact(Call *c, Value **a)
{
    if (val_is_obj(a[0], &model_value_type))
        return model_value_exact(a[0], -1, &c->arg_spans[0]);
    if (a[0]->kind == VAL_RAT)
        return val_ref(a[0]);
    if (a[0]->kind != VAL_REAL || !mpfr_number_p(a[0]->u.r))
        return arg_type_error(c, 0, "a finite real", a[0]);
    /* the exact binary value of the real */
    mpq_t q;
    mpq_init(q);
    mpfr_exp_t ex;
    mpz_t m;
    mpz_init(m);
    ex = mpfr_get_z_2exp(m, a[0]->u.r);
    mpq_set_z(q, m);
    if (ex >= 0)
        mpq_mul_2exp(q, q, (mp_bitcnt_t)ex);
    else
        mpq_div_2exp(q, q, (mp_bitcnt_t)-ex);
    Value *r = val_rat_si(0);
    fmpq_set_mpq(r->u.q, q);
    mpq_clear(q);
    mpz_clear(m);
    return r;
}

const Builtin builtins_core[] = {
    {"print", "*items", bi_print, "output",
     "Print the values separated by spaces (strings without quotes), then a newline.",
     "print(\"x =\", 3/4)", "x = 3/4\n"},
    {"str", "x", bi_str, "output", "The plain text of x (readable back as input), as a string.",
     "str([1, 1/2])", "\"[1, 1/2]\""},
    {"latex", "x, file = nil", bi_latex, "output",
     "The LaTeX text of x (math mode, valid for KaTeX and amsmath: prose in \\text{} with "
     "special characters escaped, R^n as \\mathbb{R}^{n}, floats as m \\times 10^{e}, "
     "records as aligned fields, objects as an array of lines), as a string; with file = "
     "\"path\" written to that file instead (and nil returned).",
     "latex(1/2)", "\"\\\\frac{1}{2}\""},
    {"help", "topic = nil", bi_help, "output",
     "help() lists the builtins by category; help(name) describes one; help(\"word\") "
     "searches names and descriptions.",
     NULL, NULL},
    {"type", "x", bi_type, "core", "The kind of x as a string.", "type(2/3)", "\"rational\""},
    {"error", "message", bi_error, "core", "Stop with an error carrying the message.", NULL, NULL},
    {"assert", "condition, message = nil", bi_assert, "core",
     "Stop with an error unless condition is true.", "assert(1 + 1 == 2)", ""},
    {"clock", "", bi_clock, "core", "Seconds since an arbitrary start (for timing).", NULL, NULL},
    {"memory", "limit = nil", bi_memory, "core",
     "The memory counted by the session's allocator (GMP, FLINT, values, float matrices) as a "
     "record (used, peak, limit; bytes).  memory(limit) sets the limit: bytes or a size such "
     "as \"512M\" or \"2G\"; 0 means none.  Past the limit an operation fails with an "
     "out-of-memory error and the session goes on.  Default: half of physical memory (sym "
     "--memory).",
     "memory(\"4G\").limit", "4294967296"},
    {"length", "x", bi_length, "lists",
     "Number of items of a list, characters of a string, fields of a record or entries of "
     "a matrix.",
     "length([4, 5, 6])", "3"},
    {"append", "list, item", bi_append, "lists", "A new list with item added at the end.",
     "append([1, 2], 3)", "[1, 2, 3]"},
    {"concat", "*lists", bi_concat, "lists", "The lists joined into one.", "concat([1], [2, 3])",
     "[1, 2, 3]"},
    {"reverse", "list", bi_reverse, "lists", "The list in reverse order.", "reverse([1, 2, 3])",
     "[3, 2, 1]"},
    {"range", "a, b = nil, step = 1", bi_range, "lists",
     "range(n) is [1, ..., n]; range(a, b) is [a, ..., b]; also a:b and a:step:b.", "range(2, 5)",
     "[2, 3, 4, 5]"},
    {"map", "f, list", bi_map, "lists", "[f(x) for each x of the list].",
     "map(x -> x^2, [1, 2, 3])", "[1, 4, 9]"},
    {"filter", "f, list", bi_filter, "lists", "The items x of the list with f(x) true.",
     "filter(x -> x > 1, [1, 2, 3])", "[2, 3]"},
    {"sum", "list", bi_sum, "lists", "The sum of the items (0 for an empty list).", "sum(1:100)",
     "5050"},
    {"prod", "list", bi_prod, "lists", "The product of the items (1 for an empty list).",
     "prod(1:5)", "120"},
    {"record", "**fields", bi_record, "records",
     "A record of the keyword arguments; read fields with r.name.", "record(a = 1, b = 2).b", "2"},
    {"keys", "r", bi_keys, "records", "The field names of a record.", "keys(record(a = 1, b = 2))",
     "[\"a\", \"b\"]"},
    {"num", "q", bi_num, "numbers", "Numerator of a rational.", "num(-6/4)", "-3"},
    {"den", "q", bi_den, "numbers", "Denominator of a rational (positive).", "den(-6/4)", "2"},
    {"abs", "x", bi_abs, "numbers", "Absolute value.", "abs(-2/3)", "2/3"},
    {"floor", "x", bi_floor, "numbers", "The largest integer <= x.", "floor(-7/2)", "-4"},
    {"sqrt", "x", bi_sqrt, "numbers",
     "Square root: exact for squares of rationals, else a real at the session precision.",
     "sqrt(9/4)", "3/2"},
    {"exp", "x", bi_exp, "numbers", "Exponential, a real.", "exp(0)", "1"},
    {"log", "x", bi_log, "numbers", "Natural logarithm of x > 0, a real.", "log(1)", "0"},
    {"sin", "x", bi_sin, "numbers",
     "Sine, a real.  A real argument is known to its precision p only, so a result below 4|x| 2^-p "
     "(sin(pi)) is zero to the working precision and is returned as 0.",
     "sin(0)", "0"},
    {"cos", "x", bi_cos, "numbers",
     "Cosine, a real.  A real argument is known to its precision p only, so a result below 4|x| "
     "2^-p (cos(pi/2)) is zero to the working precision and is returned as 0.",
     "cos(0)", "1"},
    {"real", "x, bits = precision()", bi_real, "numbers",
     "x as a multiprecision real with the given bits.", "real(1/4, 53)", "0.25"},
    {"float", "x", bi_float, "numbers", "x rounded to a double (53-bit real).", "float(1/8)",
     "0.125"},
    {"exact", "x", bi_exact, "numbers",
     "The exact rational value of a real (its binary value).  For a fitted model (fit, "
     "promote, sindy): the exact section sum c_b V[b] with each coordinate c_b the shortest "
     "decimal that reads back as the same double.",
     "exact(real(0.5))", "1/2"},
    {"precision", "bits = nil", bi_precision, "numbers",
     "Set the default precision of reals in bits (and of pi); returns the previous one.",
     "precision()", "128"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
