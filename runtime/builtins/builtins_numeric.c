/* builtins_numeric.c — float linear algebra builtins (LAPACKE through
 * runtime/numeric): conversion of exact matrices to floats, svd, rank and
 * nullspace with the gap that decided them, least squares, eigh. */
#include <math.h>
#include "convert.h"
#include "builtins.h"
#include "builtins_numeric.h"
#include "interp.h"
#include "numeric/dmat.h"
#include "numeric/dlinalg.h"
#include "numeric/rankgap.h"
#include "base/native_call.h"
#include <string.h>

static Value *want_fmat(Call *c, Value **a, int i, DMat **out)
{
    *out = convert_dmat(a[i]);
    if (!*out)
        return arg_type_error(c, i, "a matrix", a[i]);
    return NULL;
}

static Value *dl_fail(Call *c, int st)
{
    return call_error(c, "%s", dlinalg_strerror(st));
}

static int get_tol(Value *tol, double *t)
{
    if (!tol || tol->kind == VAL_NIL) {
        *t = DLINALG_TOL_GAP;
        return 1;
    }
    if (tol->kind == VAL_RAT) {
        *t = fmpq_get_d(tol->u.q);
        return *t >= 0;
    }
    if (tol->kind == VAL_REAL) {
        *t = mpfr_get_d(tol->u.r, MPFR_RNDN);
        return *t >= 0;
    }
    return 0;
}

/* The rank rule of rankgap.h on the singular values of A (tol absolute, < 0
   the default), as the relative tolerance dlinalg's tol mode takes: the
   threshold lies between the last kept and the first null value, so
   #{s_i > rel s_1} is the decided rank. */
static int decide_rel(double *rel, RankGap *rg, const DMat *A, double tol)
{
    DMat *s = NULL;
    int st = dlinalg_svd(NULL, &s, NULL, A);
    if (st)
        return st;
    int k = s->rows;
    double s1 = k > 0 ? s->data[0] : 0;
    if (rankgap_decide(rg, s->data, k, s1 > 0 ? s1 : 1.0, tol, -1) < 0) {
        dmat_free(s);
        return DLINALG_ERR_ARG;
    }
    /* all zero (or empty): any tolerance gives rank 0 */
    *rel = s1 > 0 ? rg->threshold / s1 : 0;
    dmat_free(s);
    return 0;
}

Value *numeric_rank(Call *c, Value *A, Value *tol)
{
    double t, rel;
    if (!get_tol(tol, &t))
        return call_error(c, "tol must be a nonnegative number");
    RankGap rg;
    int st = decide_rel(&rel, &rg, A->u.fm, t);
    if (st)
        return dl_fail(c, st);
    return val_rat_si(rg.rank);
}

Value *numeric_nullspace(Call *c, Value *A, Value *tol)
{
    double t, rel;
    if (!get_tol(tol, &t))
        return call_error(c, "tol must be a nonnegative number");
    RankGap rg;
    int st = decide_rel(&rel, &rg, A->u.fm, t);
    if (st)
        return dl_fail(c, st);
    DRankInfo info;
    DMat *N = NULL;
    st = dlinalg_nullspace(&N, &info, A->u.fm, rel);
    if (st)
        return dl_fail(c, st);
    if (info.rank != rg.rank) {
        dmat_free(N);
        return call_error(c, "the nullspace's rank (%d) disagrees with the decision (%d)",
                          info.rank, rg.rank);
    }
    return val_fmat(N);
}

static Value *bi_fmat(Call *c, Value **a)
{
    DMat *d;
    Value *e = want_fmat(c, a, 0, &d);
    return e ? e : val_fmat(d);
}

/* An SVD of at least this many m*n*min(m, n) flops (about 0.1 s) runs in
   a child process that Ctrl-C can abandon (base/native_call.h). */
#define SVD_NATIVE_MIN 1e8

static int svd_worker(void *arg, unsigned char *out, size_t cap, size_t *used)
{
    DMat *U = NULL, *s = NULL, *Vt = NULL;
    int st = dlinalg_svd(&U, &s, &Vt, arg);
    if (st)
        return st;
    size_t nu = dmat_size(U), ns = dmat_size(s), nv = dmat_size(Vt);
    if ((nu + ns + nv) * sizeof(double) > cap)
        return DLINALG_ERR_NOMEM;
    memcpy(out, U->data, nu * sizeof(double));
    memcpy(out + nu * sizeof(double), s->data, ns * sizeof(double));
    memcpy(out + (nu + ns) * sizeof(double), Vt->data, nv * sizeof(double));
    *used = (nu + ns + nv) * sizeof(double);
    return 0;
}

/* The thin SVD of A in a child; 0, or a dlinalg status, or -1 when
   interrupted (or -2: run inline). */
static int svd_abandonable(DMat **U, DMat **s, DMat **Vt, DMat *A)
{
    int m = A->rows, n = A->cols, k = m < n ? m : n;
    if ((double)m * n * k < SVD_NATIVE_MIN || dmat_has_nonfinite(A))
        return -2;
    size_t cap = ((size_t)m * k + k + (size_t)k * n) * sizeof(double);
    unsigned char *out = NULL;
    size_t used = 0;
    int status = 0;
    int st = native_call(svd_worker, A, cap, &sym_interrupted, &out, &used, &status);
    if (st == NATIVE_INTERRUPTED)
        return -1;
    if (st == NATIVE_TOO_BIG || st == NATIVE_OOM)
        return DLINALG_ERR_NOMEM;
    if (st != NATIVE_OK)
        return -2;
    if (status) {
        native_release(out, cap);
        return status;
    }
    *U = dmat_new(m, k);
    *s = dmat_new(k, 1);
    *Vt = dmat_new(k, n);
    if (*U && *s && *Vt) {
        memcpy((*U)->data, out, dmat_size(*U) * sizeof(double));
        memcpy((*s)->data, out + dmat_size(*U) * sizeof(double), (size_t)k * sizeof(double));
        memcpy((*Vt)->data, out + (dmat_size(*U) + (size_t)k) * sizeof(double),
               dmat_size(*Vt) * sizeof(double));
    }
    native_release(out, cap);
    return 0;
}

static Value *bi_svd(Call *c, Value **a)
{
    DMat *A, *U = NULL, *s = NULL, *Vt = NULL;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    int st = svd_abandonable(&U, &s, &Vt, A);
    if (st == -1) {
        dmat_free(A);
        Value *ie = call_error(c, "interrupted");
        ie->u.err.interrupted = 1;
        return ie;
    }
    if (st == -2)
        st = dlinalg_svd(&U, &s, &Vt, A);
    dmat_free(A);
    if (st)
        return dl_fail(c, st);
    Value *r = val_record_new("record", 3);
    val_record_set(r, 0, "U", val_fmat(U));
    val_record_set(r, 1, "s", val_fmat(s));
    val_record_set(r, 2, "Vt", val_fmat(Vt));
    return r;
}

static Value *bi_frank(Call *c, Value **a)
{
    DMat *A;
    double t;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    if (!get_tol(a[1], &t)) {
        dmat_free(A);
        return arg_error(c, 1, "tol must be a nonnegative number");
    }
    /* the rank rule of rankgap.h (sym.1, FLOAT DECISIONS); tol is absolute */
    DMat *s = NULL;
    int st = dlinalg_svd(NULL, &s, NULL, A);
    dmat_free(A);
    if (st)
        return dl_fail(c, st);
    RankGap rg;
    int k = s->rows;
    double scale = k > 0 && s->data[0] > 0 ? s->data[0] : 1.0;
    if (rankgap_decide(&rg, s->data, k, scale, a[1] && a[1]->kind != VAL_NIL ? t : -1, -1) < 0) {
        dmat_free(s);
        return call_error(c, "the rank decision failed: %s", rg.why);
    }
    Value *r = val_record_new("record", 7);
    val_record_set(r, 0, "rank", val_rat_si(rg.rank));
    val_record_set(r, 1, "gap", val_real_d(rg.gap));
    val_record_set(r, 2, "tol", a[1] && a[1]->kind != VAL_NIL ? val_real_d(t) : val_nil());
    val_record_set(r, 3, "threshold", val_real_d(rg.threshold));
    val_record_set(r, 4, "nnull", val_rat_si(rg.nnull));
    val_record_set(r, 5, "why", val_cstr(rg.why));
    val_record_set(r, 6, "singular_values", val_fmat(s));
    return r;
}

static Value *bi_lstsq(Call *c, Value **a)
{
    DMat *A, *B, *X = NULL;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    if ((e = want_fmat(c, a, 1, &B))) {
        dmat_free(A);
        return e;
    }
    double resid;
    int rank;
    int st = dlinalg_lstsq(&X, &resid, &rank, A, B, -1.0);
    dmat_free(A);
    dmat_free(B);
    if (st)
        return dl_fail(c, st);
    Value *r = val_record_new("record", 3);
    val_record_set(r, 0, "x", val_fmat(X));
    val_record_set(r, 1, "residual", val_real_d(resid));
    val_record_set(r, 2, "rank", val_rat_si(rank));
    return r;
}

static Value *bi_eigh(Call *c, Value **a)
{
    DMat *A, *w = NULL, *V = NULL;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    int st = dlinalg_eigh(&w, &V, A);
    dmat_free(A);
    if (st)
        return dl_fail(c, st);
    Value *r = val_record_new("record", 2);
    val_record_set(r, 0, "values", val_fmat(w));
    val_record_set(r, 1, "vectors", val_fmat(V));
    return r;
}

static Value *bi_nuclear_norm(Call *c, Value **a)
{
    DMat *A;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    double n;
    int st = dlinalg_nuclear_norm(&n, A);
    dmat_free(A);
    return st ? dl_fail(c, st) : val_real_d(n);
}

static Value *bi_chol(Call *c, Value **a)
{
    DMat *A, *L = NULL;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    int st = dlinalg_cholesky(&L, A);
    dmat_free(A);
    return st ? dl_fail(c, st) : val_fmat(L);
}

static Value *bi_qr(Call *c, Value **a)
{
    DMat *A, *Q = NULL, *R = NULL;
    Value *e = want_fmat(c, a, 0, &A);
    if (e)
        return e;
    int st = dlinalg_qr(&Q, &R, A);
    dmat_free(A);
    if (st)
        return dl_fail(c, st);
    Value *r = val_record_new("record", 2);
    val_record_set(r, 0, "Q", val_fmat(Q));
    val_record_set(r, 1, "R", val_fmat(R));
    return r;
}

const Builtin builtins_numeric[] = {
    {"fmat", "A", bi_fmat, "float linear algebra",
     "A float (double) copy of a matrix: the explicit exact-to-float conversion.", "fmat([1, 2;])",
     "[1, 2;]"},
    {"svd", "A", bi_svd, "float linear algebra",
     "Reduced singular value decomposition (LAPACK dgesdd): record(U, s, Vt).",
     "svd([3, 0; 0, 4]).s", "[4; 3]"},
    {"frank", "A, tol = nil", bi_frank, "float linear algebra",
     "Numerical rank of a matrix with what decided it: record(rank, gap, tol, threshold, "
     "nnull, why, singular_values), by the rule of sym.1 (FLOAT DECISIONS): singular values "
     "at or below tol (absolute; default 1e-10 times the largest) are zero, and above it a "
     "rank needs a gap of at least 100; nnull 0 means none.",
     "frank([1, 0; 0, 1/10^12]).rank", "1"},
    {"lstsq", "A, B", bi_lstsq, "float linear algebra",
     "Least squares min |A X - B| (LAPACK dgelsd): record(x, residual, rank).",
     "lstsq([1; 1], [1; 3]).x", "[2;]"},
    {"eigh", "A", bi_eigh, "float linear algebra",
     "Eigenvalues (ascending) and eigenvectors of a symmetric matrix: record(values, vectors).",
     "eigh([2, 0; 0, 1]).values", "[1; 2]"},
    {"chol", "A", bi_chol, "float linear algebra",
     "The lower Cholesky factor L of a symmetric positive definite matrix (A = L L^T, "
     "LAPACK dpotrf).",
     "chol([4, 2; 2, 5])", "[2, 0; 1, 2]"},
    {"qr", "A", bi_qr, "float linear algebra",
     "Reduced QR decomposition A = Q R (LAPACK dgeqrf, dorgqr): record(Q, R).",
     "size(qr([1, 0; 0, 1; 0, 0]).Q)", "[3, 2]"},
    {"nuclear_norm", "A", bi_nuclear_norm, "float linear algebra",
     "The sum of the singular values.", "nuclear_norm([3, 0; 0, -4])", "7"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
