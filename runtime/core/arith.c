/* arith.c — the operators of the language on every value kind.
 *
 * Numbers: rational op rational stays exact; a real on either side makes
 * the result real (MPFR at the session precision).  Exact matrices use the
 * guarded qmat engine, polynomials the guarded poly engine, float matrices
 * the DMat engine.  Lists of equal length combine elementwise, like
 * vectors.  Engine objects may define their own operators (ObjType.binop). */
#include <stdlib.h>
#include <string.h>
#include "convert.h"
#include <math.h>
#include "base/sym_alloc.h"
#include "base/native_call.h"
#include "interp.h"
#include "arith.h"
#include "exact/qmat.h"
#include "exact/poly.h"
#include "numeric/dmat.h"

static const char *op_verb(AstOp op)
{
    switch (op) {
    case OP_ADD:
        return "add";
    case OP_SUB:
        return "subtract";
    case OP_MUL:
        return "multiply";
    case OP_DIV:
        return "divide";
    case OP_POW:
        return "raise";
    default:
        return "compare";
    }
}

static Value *kind_error(AstOp op, const Value *a, const Value *b, const Span *sp)
{
    if (op == OP_POW)
        return val_error(sp, "cannot raise a %s to a %s power", val_kind_name(a), val_kind_name(b));
    return val_error(sp, "cannot %s a %s and a %s (operator '%s')", op_verb(op), val_kind_name(a),
                     val_kind_name(b), ast_op_name(op));
}

int arith_to_mpfr(mpfr_t r, const Value *v)
{
    if (v->kind == VAL_REAL) {
        mpfr_set(r, v->u.r, MPFR_RNDN);
        return 1;
    }
    if (v->kind == VAL_RAT) {
        mpq_t t;
        mpq_init(t);
        fmpq_get_mpq(t, v->u.q);
        mpfr_set_q(r, t, MPFR_RNDN);
        mpq_clear(t);
        return 1;
    }
    return 0;
}

static int is_number(const Value *v)
{
    return v->kind == VAL_RAT || v->kind == VAL_REAL;
}

/* ---------------------------------------------------------------- numbers */

static Value *rat_pow(const fmpq_t a, const fmpq_t e, const Span *sp)
{
    if (!fmpz_is_one(fmpq_denref(e)))
        return NULL; /* caller goes to reals */
    if (!fmpz_fits_si(fmpq_numref(e)))
        return val_error(sp, "exponent too large");
    slong n = fmpz_get_si(fmpq_numref(e));
    if (fmpq_is_zero(a) && n < 0)
        return val_error(sp, "division by zero (0 to a negative power)");
    /* size guard: result bits ~ |n| * bits(a) */
    slong bits = (slong)fmpz_bits(fmpq_numref(a)) + (slong)fmpz_bits(fmpq_denref(a)) - 2;
    if (bits < 1)
        bits = 1;
    ulong un = n < 0 ? -(ulong)n : (ulong)n;
    if (!fmpq_is_zero(a) && !fmpq_is_one(a) &&
        !(fmpz_is_pm1(fmpq_numref(a)) && fmpz_is_one(fmpq_denref(a)))) {
        double est = (double)un * (double)bits;
        if (est > 1e8)
            return val_error(sp, "result too large (about %.0f bits)", est);
    }
    fmpq_t t; /* built in a local: GCC -O2 misjudges the union member's size */
    fmpq_init(t);
    if (n >= 0) {
        fmpz_pow_ui(fmpq_numref(t), fmpq_numref(a), un);
        fmpz_pow_ui(fmpq_denref(t), fmpq_denref(a), un);
    } else {
        fmpz_pow_ui(fmpq_numref(t), fmpq_denref(a), un);
        fmpz_pow_ui(fmpq_denref(t), fmpq_numref(a), un);
    }
    fmpq_canonicalise(t);
    Value *v = val_rat(t);
    fmpq_clear(t);
    return v;
}

/* ---- products and powers large enough to take a while: computed where
   Ctrl-C can abandon them (base/native_call.h) ---- */

enum { NATIVE_MIN_BITS = 1 << 24 }; /* results past ~16 Mbit (~0.05 s of GMP) */

typedef struct QJob {
    AstOp op;
    const fmpq *a, *b;
    const Span *sp;
} QJob;

/* Export z as sign byte, 8-byte length, magnitude bytes; 0 if it fits. */
static int put_fmpz(unsigned char **p, unsigned char *end, const fmpz_t z)
{
    mpz_t m;
    mpz_init(m);
    fmpz_get_mpz(m, z);
    size_t n = (mpz_sizeinbase(m, 2) + 7) / 8;
    if ((size_t)(end - *p) < 9 + n) {
        mpz_clear(m);
        return -1;
    }
    (*p)[0] = mpz_sgn(m) < 0;
    memcpy(*p + 1, &n, 8);
    size_t cnt = 0;
    mpz_export(*p + 9, &cnt, 1, 1, 0, 0, m);
    *p += 9 + n;
    mpz_clear(m);
    return 0;
}

static void get_fmpz(const unsigned char **p, fmpz_t z)
{
    size_t n;
    memcpy(&n, *p + 1, 8);
    mpz_t m;
    mpz_init(m);
    mpz_import(m, n, 1, 1, 0, 0, *p + 9);
    if ((*p)[0])
        mpz_neg(m, m);
    fmpz_set_mpz(z, m);
    mpz_clear(m);
    *p += 9 + n;
}

static Value *rat_pow(const fmpq_t a, const fmpq_t e, const Span *sp);

/* In the child: the result, exported; 1 if it is an error (message). */
static int qjob_run(void *arg, unsigned char *out, size_t cap, size_t *used)
{
    const QJob *j = arg;
    Value *r;
    if (j->op == OP_POW) {
        r = rat_pow(j->a, j->b, j->sp);
    } else {
        r = val_rat_si(0);
        if (j->op == OP_MUL)
            fmpq_mul(r->u.q, j->a, j->b);
        else
            fmpq_div(r->u.q, j->a, j->b);
    }
    unsigned char *p = out;
    if (val_is_error(r)) {
        size_t n = strlen(r->u.err.msg);
        n = n < cap - 1 ? n : cap - 1;
        memcpy(out, r->u.err.msg, n);
        out[n] = 0;
        *used = n + 1;
        return 1;
    }
    if (put_fmpz(&p, out + cap, fmpq_numref(r->u.q)) ||
        put_fmpz(&p, out + cap, fmpq_denref(r->u.q)))
        return 2;
    *used = (size_t)(p - out);
    return 0;
}

/* a op b in a child process when the result may pass NATIVE_MIN_BITS
   bits; NULL to compute it inline. */
static Value *rat_native(AstOp op, const fmpq_t a, const fmpq_t b, const Span *sp)
{
    double an = (double)fmpz_bits(fmpq_numref(a)), ad = (double)fmpz_bits(fmpq_denref(a));
    double bn = (double)fmpz_bits(fmpq_numref(b)), bd = (double)fmpz_bits(fmpq_denref(b));
    double est;
    if (op == OP_MUL || op == OP_DIV) {
        est = an + ad + bn + bd;
    } else { /* integer exponent (rat_pow's size guard refuses > 1e8 bits) */
        if (!fmpz_is_one(fmpq_denref(b)) || !fmpz_fits_si(fmpq_numref(b)) ||
            fmpz_bits(fmpq_numref(a)) + fmpz_bits(fmpq_denref(a)) <= 2)
            return NULL;
        double n = fabs((double)fmpz_get_si(fmpq_numref(b)));
        if (n * (an + ad - 2 > 1 ? an + ad - 2 : 1) > 1e8)
            return NULL;     /* rat_pow's size guard says it is too large */
        est = n * (an + ad); /* a bound on the bits of the result */
    }
    if (est < NATIVE_MIN_BITS)
        return NULL;
    QJob j = {op, a, b, sp};
    size_t cap = (size_t)(est / 8) + 256;
    unsigned char *out = NULL;
    size_t used = 0;
    int status = 0;
    int st = native_call(qjob_run, &j, cap, &sym_interrupted, &out, &used, &status);
    if (st == NATIVE_NO_CHILD)
        return NULL;
    if (st == NATIVE_INTERRUPTED) {
        Value *e = val_error(sp, "interrupted");
        e->u.err.interrupted = 1;
        return e;
    }
    if (st == NATIVE_TOO_BIG || st == NATIVE_OOM) {
        char msg[256];
        sym_alloc_oom_message(msg, sizeof msg, cap);
        return val_error(sp, "%s", st == NATIVE_OOM ? native_last_oom() : msg);
    }
    if (st != NATIVE_OK)
        return val_error(sp, "the computation failed (its worker process died: out of memory?)");
    Value *r;
    if (status == 1) {
        r = val_error(sp, "%s", (const char *)out);
    } else if (status != 0) {
        r = val_error(sp, "the computation failed (result larger than expected)");
    } else {
        r = val_rat_si(0);
        const unsigned char *p = out;
        get_fmpz(&p, fmpq_numref(r->u.q));
        get_fmpz(&p, fmpq_denref(r->u.q));
    }
    native_release(out, cap);
    return r;
}

/* prec: the session precision, used when a rational meets a real of lower
   precision. */
static Value *number_binop(AstOp op, const Value *a, const Value *b, const Span *sp, long prec)
{
    if (a->kind == VAL_RAT && b->kind == VAL_RAT) {
        switch (op) {
        case OP_LT:
            return val_bool(fmpq_cmp(a->u.q, b->u.q) < 0);
        case OP_LE:
            return val_bool(fmpq_cmp(a->u.q, b->u.q) <= 0);
        case OP_GT:
            return val_bool(fmpq_cmp(a->u.q, b->u.q) > 0);
        case OP_GE:
            return val_bool(fmpq_cmp(a->u.q, b->u.q) >= 0);
        case OP_POW: {
            Value *r = rat_native(op, a->u.q, b->u.q, sp);
            if (!r)
                r = rat_pow(a->u.q, b->u.q, sp);
            if (r)
                return r;
            break; /* non-integer exponent: real */
        }
        case OP_DIV:
            if (fmpq_is_zero(b->u.q))
                return val_error(sp, "division by zero");
            /* fall through */
        default: {
            Value *r = op == OP_MUL || op == OP_DIV ? rat_native(op, a->u.q, b->u.q, sp) : NULL;
            if (r)
                return r;
            r = val_rat_si(0);
            if (op == OP_ADD)
                fmpq_add(r->u.q, a->u.q, b->u.q);
            else if (op == OP_SUB)
                fmpq_sub(r->u.q, a->u.q, b->u.q);
            else if (op == OP_MUL)
                fmpq_mul(r->u.q, a->u.q, b->u.q);
            else
                fmpq_div(r->u.q, a->u.q, b->u.q);
            return r;
        }
        }
    }
    /* a real keeps its precision (the smaller of two reals); a rational
       alone (2^(1/2)) gets the session's */
    if (a->kind == VAL_REAL && b->kind == VAL_REAL)
        prec = mpfr_get_prec(a->u.r) < mpfr_get_prec(b->u.r) ? mpfr_get_prec(a->u.r)
                                                             : mpfr_get_prec(b->u.r);
    else if (a->kind == VAL_REAL)
        prec = mpfr_get_prec(a->u.r);
    else if (b->kind == VAL_REAL)
        prec = mpfr_get_prec(b->u.r);
    mpfr_t x, y;
    mpfr_init2(x, prec);
    mpfr_init2(y, prec);
    arith_to_mpfr(x, a);
    arith_to_mpfr(y, b);
    Value *r = NULL;
    int c;
    switch (op) {
    case OP_LT:
    case OP_LE:
    case OP_GT:
    case OP_GE:
        if (mpfr_nan_p(x) || mpfr_nan_p(y)) {
            r = val_bool(0);
            break;
        }
        c = mpfr_cmp(x, y);
        r = val_bool(op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0);
        break;
    case OP_ADD:
        mpfr_add(x, x, y, MPFR_RNDN);
        break;
    case OP_SUB:
        mpfr_sub(x, x, y, MPFR_RNDN);
        break;
    case OP_MUL:
        mpfr_mul(x, x, y, MPFR_RNDN);
        break;
    case OP_DIV:
        if (mpfr_zero_p(y)) {
            r = val_error(sp, "division by zero");
            break;
        }
        mpfr_div(x, x, y, MPFR_RNDN);
        break;
    case OP_POW:
        if (mpfr_sgn(x) < 0 && !mpfr_integer_p(y)) {
            r = val_error(sp, "a negative number to a non-integer power is not real");
            break;
        }
        mpfr_pow(x, x, y, MPFR_RNDN);
        break;
    default:
        r = kind_error(op, a, b, sp);
    }
    if (!r)
        r = val_real(x);
    mpfr_clear(x);
    mpfr_clear(y);
    return r;
}

/* ---------------------------------------------------------------- matrices */

static Value *qmat_status_error(int st, const Span *sp, const char *what)
{
    return val_error(sp, "%s: %s", what, qmat_strerror(st));
}

static Value *mat_scalar(AstOp op, const Value *m, const fmpq_t s, int scalar_left, const Span *sp)
{
    if (op == OP_DIV && scalar_left)
        return val_error(sp, "cannot divide a number by a matrix (use inv)");
    if (op == OP_DIV && fmpq_is_zero(s))
        return val_error(sp, "division by zero");
    if (op != OP_MUL && op != OP_DIV)
        return val_error(sp,
                         "cannot %s a matrix and a number (operator '%s'); "
                         "use eye(n) to add a multiple of the identity",
                         op_verb(op), ast_op_name(op));
    Value *r = val_mat(m->u.m);
    if (op == OP_MUL)
        fmpq_mat_scalar_mul_fmpq(r->u.m, r->u.m, s);
    else
        fmpq_mat_scalar_div_fmpz(r->u.m, r->u.m, fmpq_numref(s)),
            fmpq_mat_scalar_mul_fmpz(r->u.m, r->u.m, fmpq_denref(s));
    return r;
}

static Value *mat_binop(AstOp op, const Value *a, const Value *b, const Span *sp)
{
    if (a->kind == VAL_MAT && b->kind == VAL_RAT)
        return op == OP_POW ? NULL : mat_scalar(op, a, b->u.q, 0, sp);
    if (a->kind == VAL_RAT && b->kind == VAL_MAT)
        return mat_scalar(op, b, a->u.q, 1, sp);
    if (a->kind != VAL_MAT || b->kind != VAL_MAT)
        return NULL;
    Value *r = val_mat_new(0, 0);
    int st;
    switch (op) {
    case OP_ADD:
        st = qmat_add(r->u.m, a->u.m, b->u.m);
        break;
    case OP_SUB:
        st = qmat_sub(r->u.m, a->u.m, b->u.m);
        break;
    case OP_MUL:
        st = qmat_mul(r->u.m, a->u.m, b->u.m);
        break;
    default:
        val_unref(r);
        return val_error(sp, "cannot %s two matrices with '%s'%s", op_verb(op), ast_op_name(op),
                         op == OP_DIV ? " (use A * inv(B))" : "");
    }
    if (st) {
        Value *e = val_error(sp, "cannot %s a %ldx%ld and a %ldx%ld matrix", op_verb(op),
                             (long)fmpq_mat_nrows(a->u.m), (long)fmpq_mat_ncols(a->u.m),
                             (long)fmpq_mat_nrows(b->u.m), (long)fmpq_mat_ncols(b->u.m));
        if (st != QMAT_E_DIM) {
            val_unref(e);
            e = qmat_status_error(st, sp, op_verb(op));
        }
        val_unref(r);
        return e;
    }
    return r;
}

/* Largest entry size (bits of numerator plus denominator) of M. */
#define MAT_POW_MAX_BITS 4000000
static slong mat_entry_bits(const fmpq_mat_t M)
{
    slong best = 0;
    for (slong i = 0; i < fmpq_mat_nrows(M); i++)
        for (slong j = 0; j < fmpq_mat_ncols(M); j++) {
            const fmpq *q = fmpq_mat_entry(M, i, j);
            slong b = (slong)fmpz_bits(fmpq_numref(q)) + (slong)fmpz_bits(fmpq_denref(q));
            if (b > best)
                best = b;
        }
    return best;
}

static Value *mat_pow(const Value *a, const Value *b, const Span *sp)
{
    long e;
    if (!val_get_long(b, &e))
        return val_error(sp, "a matrix power needs an integer exponent, not a %s",
                         val_kind_name(b));
    if (fmpq_mat_nrows(a->u.m) != fmpq_mat_ncols(a->u.m))
        return val_error(sp, "only a square matrix has powers (this one is %ldx%ld)",
                         (long)fmpq_mat_nrows(a->u.m), (long)fmpq_mat_ncols(a->u.m));
    /* Small exponents directly; large ones by square-and-multiply here,
     * checking entry sizes after each product so that a huge power stops
     * with an error instead of exhausting memory. */
    Value *r = val_mat_new(0, 0);
    int st = qmat_pow(r->u.m, a->u.m, e >= -2 && e <= 64 ? e : (e < 0 ? -1 : 1));
    if (!st && (e < -2 || e > 64)) {
        ulong n = e < 0 ? -(ulong)e : (ulong)e;
        fmpq_mat_t base, t;
        fmpq_mat_init_set(base, r->u.m);
        fmpq_mat_init(t, fmpq_mat_nrows(base), fmpq_mat_ncols(base));
        fmpq_mat_one(r->u.m);
        while (!st && n) {
            if (n & 1) {
                st = qmat_mul(t, r->u.m, base);
                fmpq_mat_swap(t, r->u.m);
            }
            n >>= 1;
            if (!st && n) {
                st = qmat_mul(t, base, base);
                fmpq_mat_swap(t, base);
            }
            if (!st && (mat_entry_bits(r->u.m) > MAT_POW_MAX_BITS ||
                        mat_entry_bits(base) > MAT_POW_MAX_BITS)) {
                fmpq_mat_clear(t);
                fmpq_mat_clear(base);
                val_unref(r);
                return val_error(sp, "matrix power too large (entries over %ld bits)",
                                 (long)MAT_POW_MAX_BITS);
            }
            if (!st && sym_interrupted)
                st = QMAT_E_INTERRUPTED;
        }
        fmpq_mat_clear(t);
        fmpq_mat_clear(base);
    }
    if (st) {
        val_unref(r);
        return st == QMAT_E_SINGULAR ? val_error(sp, "a singular matrix has no negative powers")
                                     : qmat_status_error(st, sp, "matrix power");
    }
    return r;
}

static double number_to_d(const Value *v)
{
    return v->kind == VAL_RAT ? fmpq_get_d(v->u.q) : mpfr_get_d(v->u.r, MPFR_RNDN);
}

static Value *fmat_binop(AstOp op, const Value *a, const Value *b, const Span *sp)
{
    if (is_number(a) || is_number(b)) {
        const Value *m = is_number(a) ? b : a;
        double s = number_to_d(is_number(a) ? a : b);
        if (op == OP_MUL || (op == OP_DIV && is_number(b))) {
            if (op == OP_DIV && s == 0)
                return val_error(sp, "division by zero");
            DMat *d = convert_dmat(m);
            if (!d)
                return val_error(sp, "out of memory");
            dmat_scale(d, op == OP_MUL ? s : 1.0 / s);
            return val_fmat(d);
        }
        return kind_error(op, a, b, sp);
    }
    DMat *x = convert_dmat(a), *y = convert_dmat(b), *z = NULL;
    if (!x || !y) {
        dmat_free(x);
        dmat_free(y);
        return val_error(sp, "out of memory");
    }
    int st = DMAT_ERR_DIM;
    if (op == OP_ADD)
        st = dmat_add(&z, x, y);
    else if (op == OP_SUB)
        st = dmat_sub(&z, x, y);
    else if (op == OP_MUL)
        st = dmat_mul(&z, x, y);
    else {
        dmat_free(x);
        dmat_free(y);
        return kind_error(op, a, b, sp);
    }
    Value *r = st ? val_error(sp, "cannot %s a %dx%d and a %dx%d matrix", op_verb(op), x->rows,
                              x->cols, y->rows, y->cols)
                  : val_fmat(z);
    dmat_free(x);
    dmat_free(y);
    return r;
}

static Value *ring_mismatch(const PolyRing *A, const PolyRing *B, const Span *sp)
{
    StrBuf sa = STRBUF_INIT, sb = STRBUF_INIT;
    for (slong i = 0; i < A->nvars; i++)
        sb_printf(&sa, "%s%s", i ? ", " : "", A->names[i]);
    for (slong i = 0; i < B->nvars; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", B->names[i]);
    Value *e = val_error(sp,
                         "polynomials of two different coordinate rings: "
                         "(%s) from one 'coords', (%s) from another; "
                         "to_coords(p) moves p into the current coordinates",
                         sb_str(&sa), sb_str(&sb));
    sb_free(&sa);
    sb_free(&sb);
    return e;
}

static Value *poly_binop(AstOp op, const Value *a, const Value *b, const Span *sp)
{
    PolyRing *R = convert_ring(a) ? convert_ring(a) : convert_ring(b);
    if (convert_ring(a) && convert_ring(b) && convert_ring(a) != convert_ring(b))
        return ring_mismatch(convert_ring(a), convert_ring(b), sp);
    char err[POLY_ERR_LEN];
    Value *r = val_poly_new(R);
    fmpq_mpoly_t x, y;
    fmpq_mpoly_init(x, R->ctx);
    fmpq_mpoly_init(y, R->ctx);
    int st = 0;
    Value *res = NULL;
    if (op == OP_POW) {
        long e;
        if (a->kind != VAL_POLY || !val_get_long(b, &e)) {
            res = val_error(sp, "a polynomial power needs a nonnegative integer exponent");
        } else {
            st = poly_pow(r->u.poly.p, a->u.poly.p, e, R, err);
        }
    } else if (!convert_poly(x, a, R) || !convert_poly(y, b, R)) {
        res = kind_error(op, a, b, sp);
    } else {
        switch (op) {
        case OP_ADD:
            st = poly_add(r->u.poly.p, x, y, R, err);
            break;
        case OP_SUB:
            st = poly_sub(r->u.poly.p, x, y, R, err);
            break;
        case OP_MUL:
            st = poly_mul(r->u.poly.p, x, y, R, err);
            break;
        case OP_DIV:
            st = poly_div(r->u.poly.p, x, y, R, err);
            break;
        default:
            res = kind_error(op, a, b, sp);
        }
    }
    fmpq_mpoly_clear(x, R->ctx);
    fmpq_mpoly_clear(y, R->ctx);
    if (!res && st)
        res = val_error(sp, "%s", err);
    if (res) {
        val_unref(r);
        return res;
    }
    return r;
}

/* Polynomial matrices: entries of exact matrices become constants. */
static Value *to_pmat(const Value *v, PolyRing *R)
{
    if (v->kind == VAL_PMAT)
        return val_ref((Value *)v);
    if (v->kind != VAL_MAT)
        return NULL;
    long r = fmpq_mat_nrows(v->u.m), c = fmpq_mat_ncols(v->u.m);
    Value *m = val_pmat_new(R, r, c);
    for (long i = 0; i < r; i++)
        for (long j = 0; j < c; j++)
            poly_set_fmpq(m->u.pmat.e + i * c + j, fmpq_mat_entry(v->u.m, i, j), R);
    return m;
}

static Value *pmat_binop(AstOp op, const Value *a, const Value *b, const Span *sp)
{
    PolyRing *R = convert_ring(a) ? convert_ring(a) : convert_ring(b);
    if (convert_ring(a) && convert_ring(b) && convert_ring(a) != convert_ring(b))
        return ring_mismatch(convert_ring(a), convert_ring(b), sp);
    char err[POLY_ERR_LEN];
    int st = 0;
    /* scalar times matrix */
    if (a->kind == VAL_RAT || a->kind == VAL_POLY || b->kind == VAL_RAT || b->kind == VAL_POLY) {
        const Value *s = (a->kind == VAL_RAT || a->kind == VAL_POLY) ? a : b;
        const Value *mv = s == a ? b : a;
        if (!(op == OP_MUL || (op == OP_DIV && s == b)))
            return kind_error(op, a, b, sp);
        Value *m = to_pmat(mv, R);
        if (!m)
            return kind_error(op, a, b, sp);
        fmpq_mpoly_t sp_;
        fmpq_mpoly_init(sp_, R->ctx);
        convert_poly(sp_, s, R);
        Value *r = val_pmat_new(R, m->u.pmat.rows, m->u.pmat.cols);
        for (long i = 0; i < m->u.pmat.rows * m->u.pmat.cols && !st; i++)
            st = op == OP_MUL ? poly_mul(r->u.pmat.e + i, m->u.pmat.e + i, sp_, R, err)
                              : poly_div(r->u.pmat.e + i, m->u.pmat.e + i, sp_, R, err);
        fmpq_mpoly_clear(sp_, R->ctx);
        val_unref(m);
        if (st) {
            val_unref(r);
            return val_error(sp, "%s", err);
        }
        return r;
    }
    Value *x = to_pmat(a, R), *y = to_pmat(b, R);
    if (!x || !y) {
        val_unref(x);
        val_unref(y);
        return kind_error(op, a, b, sp);
    }
    Value *r = NULL;
    long xr = x->u.pmat.rows, xc = x->u.pmat.cols, yr = y->u.pmat.rows, yc = y->u.pmat.cols;
    if (op == OP_ADD || op == OP_SUB) {
        if (xr != yr || xc != yc) {
            r = val_error(sp, "cannot %s a %ldx%ld and a %ldx%ld matrix", op_verb(op), xr, xc, yr,
                          yc);
        } else {
            r = val_pmat_new(R, xr, xc);
            for (long i = 0; i < xr * xc && !st; i++)
                st = op == OP_ADD
                         ? poly_add(r->u.pmat.e + i, x->u.pmat.e + i, y->u.pmat.e + i, R, err)
                         : poly_sub(r->u.pmat.e + i, x->u.pmat.e + i, y->u.pmat.e + i, R, err);
        }
    } else if (op == OP_MUL) {
        if (xc != yr) {
            r = val_error(sp, "cannot multiply a %ldx%ld and a %ldx%ld matrix", xr, xc, yr, yc);
        } else {
            r = val_pmat_new(R, xr, yc);
            fmpq_mpoly_t t;
            fmpq_mpoly_init(t, R->ctx);
            for (long i = 0; i < xr && !st; i++)
                for (long j = 0; j < yc && !st; j++)
                    for (long k = 0; k < xc && !st; k++) {
                        st =
                            poly_mul(t, x->u.pmat.e + i * xc + k, y->u.pmat.e + k * yc + j, R, err);
                        if (!st)
                            st = poly_add(r->u.pmat.e + i * yc + j, r->u.pmat.e + i * yc + j, t, R,
                                          err);
                    }
            fmpq_mpoly_clear(t, R->ctx);
        }
    } else {
        r = kind_error(op, a, b, sp);
    }
    val_unref(x);
    val_unref(y);
    if (st) {
        val_unref(r);
        return val_error(sp, "%s", err);
    }
    return r;
}

/* ------------------------------------------------------------ lists */

static Value *list_binop(Interp *I, AstOp op, Value *a, Value *b, const Span *sp)
{
    long n;
    if (a->kind == VAL_LIST && b->kind == VAL_LIST) {
        if (a->u.list.n != b->u.list.n)
            return val_error(sp, "cannot %s lists of lengths %ld and %ld", op_verb(op), a->u.list.n,
                             b->u.list.n);
        n = a->u.list.n;
    } else {
        n = a->kind == VAL_LIST ? a->u.list.n : b->u.list.n;
    }
    Value *r = val_list_new(n);
    for (long i = 0; i < n; i++) {
        Value *x = a->kind == VAL_LIST ? a->u.list.items[i] : a;
        Value *y = b->kind == VAL_LIST ? b->u.list.items[i] : b;
        Value *z = arith_binop(I, op, x, y, sp);
        if (val_is_error(z)) {
            val_unref(r);
            return z;
        }
        val_list_set(r, i, z);
    }
    return r;
}

/* ------------------------------------------------------------ dispatch */

Value *arith_binop(Interp *I, AstOp op, Value *a, Value *b, const Span *sp)
{
    if (op == OP_EQ || op == OP_NE) {
        int eq = val_equal(a, b);
        return val_bool(op == OP_EQ ? eq : !eq);
    }
    if (a->kind == VAL_OBJ && a->u.obj.type->binop) {
        Value *r = a->u.obj.type->binop(op, a, b, sp);
        if (r)
            return r;
    }
    if (b->kind == VAL_OBJ && b->u.obj.type->binop) {
        Value *r = b->u.obj.type->binop(op, a, b, sp);
        if (r)
            return r;
    }
    if (is_number(a) && is_number(b))
        return number_binop(op, a, b, sp, I ? I->prec : 128);
    if (a->kind == VAL_STR && b->kind == VAL_STR) {
        if (op == OP_ADD) {
            size_t n = a->u.str.len + b->u.str.len;
            if (n < a->u.str.len || n == (size_t)-1 || !sym_alloc_fits(n + 1)) {
                char b1[32], b2[32];
                return val_error(sp,
                                 "out of memory: the string would have %s, over the "
                                 "memory limit of %s (see memory())",
                                 sym_alloc_format(b1, n), sym_alloc_format(b2, sym_alloc_limit()));
            }
            Value *r = val_str(a->u.str.s, a->u.str.len);
            r->u.str.s = sym_xrealloc(r->u.str.s, n + 1); /* raises past the limit */
            memcpy(r->u.str.s + a->u.str.len, b->u.str.s, b->u.str.len);
            r->u.str.len = n;
            r->u.str.s[n] = 0;
            return r;
        }
        if (op >= OP_LT && op <= OP_GE) {
            int c = strcmp(a->u.str.s, b->u.str.s);
            return val_bool(op == OP_LT   ? c < 0
                            : op == OP_LE ? c <= 0
                            : op == OP_GT ? c > 0
                                          : c >= 0);
        }
    }
    if (op >= OP_LT && op <= OP_GE)
        return val_error(sp, "cannot compare a %s and a %s with '%s'", val_kind_name(a),
                         val_kind_name(b), ast_op_name(op));
    if (a->kind == VAL_LIST || b->kind == VAL_LIST) {
        /* elementwise with another list of the same length or a scalar */
        const Value *o = a->kind == VAL_LIST ? b : a;
        if (o->kind == VAL_LIST || is_number(o) || o->kind == VAL_POLY)
            return list_binop(I, op, a, b, sp);
        return kind_error(op, a, b, sp);
    }
    if (a->kind == VAL_MAT && op == OP_POW)
        return mat_pow(a, b, sp);
    if ((a->kind == VAL_MAT || b->kind == VAL_MAT) && (a->kind == VAL_MAT || a->kind == VAL_RAT) &&
        (b->kind == VAL_MAT || b->kind == VAL_RAT)) {
        Value *r = mat_binop(op, a, b, sp);
        if (r)
            return r;
    }
    if (a->kind == VAL_FMAT || b->kind == VAL_FMAT ||
        ((a->kind == VAL_MAT || b->kind == VAL_MAT) &&
         (a->kind == VAL_REAL || b->kind == VAL_REAL)))
        if ((a->kind == VAL_FMAT || a->kind == VAL_MAT || is_number(a)) &&
            (b->kind == VAL_FMAT || b->kind == VAL_MAT || is_number(b)))
            return fmat_binop(op, a, b, sp);
    if (a->kind == VAL_PMAT || b->kind == VAL_PMAT ||
        ((a->kind == VAL_MAT || b->kind == VAL_MAT) &&
         (a->kind == VAL_POLY || b->kind == VAL_POLY)))
        return pmat_binop(op, a, b, sp);
    if ((a->kind == VAL_POLY && (b->kind == VAL_POLY || b->kind == VAL_RAT)) ||
        (b->kind == VAL_POLY && a->kind == VAL_RAT))
        return poly_binop(op, a, b, sp);
    return kind_error(op, a, b, sp);
}

Value *arith_neg(Interp *I, Value *a, const Span *sp)
{
    if (a->kind == VAL_RAT) {
        Value *r = val_rat(a->u.q);
        fmpq_neg(r->u.q, r->u.q);
        return r;
    }
    if (a->kind == VAL_REAL) {
        Value *r = val_real(a->u.r);
        mpfr_neg(r->u.r, r->u.r, MPFR_RNDN);
        return r;
    }
    if (a->kind == VAL_MAT || a->kind == VAL_FMAT || a->kind == VAL_POLY || a->kind == VAL_PMAT ||
        a->kind == VAL_LIST || a->kind == VAL_OBJ) {
        Value *m1 = val_rat_si(-1);
        Value *r = arith_binop(I, OP_MUL, m1, a, sp);
        val_unref(m1);
        return r;
    }
    return val_error(sp, "cannot negate a %s", val_kind_name(a));
}

Value *arith_parse_number(const char *text, const Span *sp)
{
    /* mantissa digits with an optional point, then an optional exponent */
    fmpz_t m;
    fmpz_init(m);
    long frac = 0, exp = 0;
    int seen_point = 0;
    const char *p = text;
    size_t ndig = 0;
    for (; *p && *p != 'e' && *p != 'E'; p++) {
        if (*p == '.') {
            seen_point = 1;
            continue;
        }
        if (*p < '0' || *p > '9')
            break;
        ndig++;
        if (seen_point)
            frac++;
    }
    /* All digits at once (GMP's subquadratic conversion), not digit by
       digit (quadratic: a million digits took 20 s). */
    if (!sym_alloc_fits(2 * ndig + 64)) {
        fmpz_clear(m);
        char b[32];
        return val_error(sp,
                         "the number has %zu digits: too large for the memory limit of %s "
                         "(see memory())",
                         ndig, sym_alloc_format(b, sym_alloc_limit()));
    }
    if (ndig > 0) {
        char *digits = sym_xmalloc(ndig + 1), *d = digits;
        for (const char *q = text; q < p; q++)
            if (*q != '.')
                *d++ = *q;
        *d = '\0';
        fmpz_set_str(m, digits, 10);
        sym_free(digits);
    }
    if (*p == 'e' || *p == 'E') {
        char *end;
        exp = strtol(p + 1, &end, 10);
        if (exp > 100000 || exp < -100000) {
            fmpz_clear(m);
            return val_error(sp, "exponent of '%s' too large", text);
        }
    }
    Value *v = val_rat_si(0);
    long e = exp - frac;
    fmpz_t t;
    fmpz_init(t);
    fmpz_set_ui(t, 10);
    fmpz_pow_ui(t, t, (ulong)(e < 0 ? -e : e));
    if (e >= 0) {
        fmpz_mul(fmpq_numref(v->u.q), m, t);
    } else {
        fmpq_set_fmpz_frac(v->u.q, m, t); /* m / 10^-e in lowest terms */
    }
    fmpz_clear(t);
    fmpz_clear(m);
    return v;
}
