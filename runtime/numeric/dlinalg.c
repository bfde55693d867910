/* dlinalg.c — checked LAPACKE wrappers for Sym's float engine (see dlinalg.h).
 *
 * Pattern of every wrapper: check shapes and finiteness, treat empty
 * matrices without LAPACK, copy the input (LAPACK overwrites), pin BLAS
 * threads, call LAPACKE, map info to a status, build the outputs.
 * Leading dimensions are max(1, rows) as LAPACK demands.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "dlinalg.h"

#include <float.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blas_threads.h"

#define LD(x) ((x) > 1 ? (x) : 1)
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

const char *dlinalg_strerror(int status)
{
    switch (status) {
    case DLINALG_OK:
        return "ok";
    case DLINALG_ERR_DIM:
        return "matrix dimensions do not match";
    case DLINALG_ERR_NOMEM:
        return "out of memory";
    case DLINALG_ERR_NONFINITE:
        return "matrix has NaN or infinite entries";
    case DLINALG_ERR_SINGULAR:
        return "matrix is singular";
    case DLINALG_ERR_NOT_POSDEF:
        return "matrix is not positive definite";
    case DLINALG_ERR_NOT_SYMMETRIC:
        return "matrix is not symmetric";
    case DLINALG_ERR_NOCONV:
        return "iteration did not converge";
    case DLINALG_ERR_LAPACK:
        return "LAPACK reported an error";
    case DLINALG_ERR_ARG:
        return "invalid argument";
    case DLINALG_ERR_OVERFLOW:
        return "result is too large for a double";
    case DLINALG_ERR_PRECISION:
        return "precision too low for this matrix";
    default:
        return sym_strerror(status); /* another engine's code */
    }
}

/* Status for a LAPACKE return value; info > 0 means what `positive` says. */
static int status_from_info(lapack_int info, int positive)
{
    if (info == 0)
        return DLINALG_OK;
    if (info == LAPACK_WORK_MEMORY_ERROR || info == LAPACK_TRANSPOSE_MEMORY_ERROR)
        return DLINALG_ERR_NOMEM;
    if (info > 0)
        return positive;
    return DLINALG_ERR_LAPACK;
}

static int check_symmetric(const DMat *A)
{
    double tol = DLINALG_SYM_TOL * dmat_norm_max(A);
    int i, j;

    for (j = 0; j < A->cols; j++)
        for (i = j + 1; i < A->rows; i++)
            if (fabs(DMAT_AT(A, i, j) - DMAT_AT(A, j, i)) > tol)
                return DLINALG_ERR_NOT_SYMMETRIC;
    return DLINALG_OK;
}

/* Checks a square symmetric finite input. */
static int check_square_sym(const DMat *A)
{
    if (A->rows != A->cols)
        return DLINALG_ERR_DIM;
    if (dmat_has_nonfinite(A))
        return DLINALG_ERR_NONFINITE;
    return check_symmetric(A);
}

static int all_finite(const double *x, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

/* SVD core for k = min(m, n) > 0.  jobz: 'N' values only, 'S' reduced,
 * 'A' full (U m x m, Vt n x n), 'O' with m >= n (Vt n x n, U dropped).
 * Outputs not produced by jobz are left NULL. */
/* The sign convention of singular and eigen vectors (LAPACK leaves it to
   the kernel): the first entry whose magnitude is within 1e-9 of the
   vector's largest is positive.  Vectors are x[i * stride], i < n.  Returns
   -1 when the vector must be negated, else 1. */
static double sign_of(const double *x, int n, int stride)
{
    double mx = 0;
    for (int i = 0; i < n; i++)
        mx = fmax(mx, fabs(x[(size_t)i * stride]));
    for (int i = 0; i < n; i++)
        if (fabs(x[(size_t)i * stride]) >= (1 - 1e-9) * mx)
            return x[(size_t)i * stride] < 0 ? -1.0 : 1.0;
    return 1.0;
}

static int svd_raw(DMat **U, DMat **s, DMat **Vt, const DMat *A, char jobz)
{
    int m = A->rows, n = A->cols, k = MIN(m, n);
    int ucols = jobz == 'A' ? m : k, vrows = jobz == 'A' || jobz == 'O' ? n : k;
    int wantu = jobz == 'S' || jobz == 'A', wantv = jobz != 'N';
    DMat *a = dmat_copy(A), *sv = dmat_new(k, 1);
    DMat *u = wantu ? dmat_new(m, ucols) : NULL;
    DMat *vt = wantv ? dmat_new(vrows, n) : NULL;
    lapack_int info;
    int st;

    if (a == NULL || sv == NULL || (wantu && u == NULL) || (wantv && vt == NULL)) {
        st = DLINALG_ERR_NOMEM;
        goto fail;
    }
    blas_threads_for_size((long)m * n * k);
    info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, jobz, m, n, a->data, LD(m), sv->data,
                          wantu ? u->data : NULL, wantu ? LD(m) : 1, wantv ? vt->data : NULL,
                          wantv ? LD(vrows) : 1);
    st = status_from_info(info, DLINALG_ERR_NOCONV);
    if (st != DLINALG_OK)
        goto fail;
    if (!all_finite(sv->data, (size_t)k)) {
        st = DLINALG_ERR_OVERFLOW;
        goto fail;
    }
    if (wantv) { /* normalise signs by the right vectors, flipping the left ones with them */
        for (int j = 0; j < vrows; j++)
            if (sign_of(vt->data + j, n, vrows) < 0) {
                for (int i = 0; i < n; i++)
                    DMAT_AT(vt, j, i) = -DMAT_AT(vt, j, i);
                if (wantu && j < ucols)
                    for (int i = 0; i < m; i++)
                        DMAT_AT(u, i, j) = -DMAT_AT(u, i, j);
            }
    } else if (wantu) {
        for (int j = 0; j < ucols; j++)
            if (sign_of(u->data + (size_t)j * m, m, 1) < 0)
                for (int i = 0; i < m; i++)
                    DMAT_AT(u, i, j) = -DMAT_AT(u, i, j);
    }
    dmat_free(a);
    *s = sv;
    if (U != NULL)
        *U = u;
    else
        dmat_free(u);
    if (Vt != NULL)
        *Vt = vt;
    else
        dmat_free(vt);
    return DLINALG_OK;
fail:
    dmat_free(a);
    dmat_free(sv);
    dmat_free(u);
    dmat_free(vt);
    return st;
}

int dlinalg_svd(DMat **U, DMat **s, DMat **Vt, const DMat *A)
{
    int m = A->rows, n = A->cols, k = MIN(m, n);
    DMat *u = NULL, *sv = NULL, *vt = NULL;
    int st;

    if (U != NULL)
        *U = NULL;
    if (Vt != NULL)
        *Vt = NULL;
    *s = NULL;
    if (dmat_has_nonfinite(A))
        return DLINALG_ERR_NONFINITE;
    if (k == 0) {
        sv = dmat_new(0, 1);
        u = U != NULL ? dmat_new(m, 0) : NULL;
        vt = Vt != NULL ? dmat_new(0, n) : NULL;
        if (sv == NULL || (U != NULL && u == NULL) || (Vt != NULL && vt == NULL)) {
            dmat_free(sv);
            dmat_free(u);
            dmat_free(vt);
            return DLINALG_ERR_NOMEM;
        }
    } else {
        char jobz = (U == NULL && Vt == NULL) ? 'N' : 'S';
        st = svd_raw(&u, &sv, &vt, A, jobz);
        if (st != DLINALG_OK)
            return st;
    }
    *s = sv;
    if (U != NULL)
        *U = u;
    else
        dmat_free(u);
    if (Vt != NULL)
        *Vt = vt;
    else
        dmat_free(vt);
    return DLINALG_OK;
}

int dlinalg_lstsq(DMat **X, double *resid, int *rank, const DMat *A, const DMat *B, double rcond)
{
    int m = A->rows, n = A->cols, p = B->cols, k = MIN(m, n), ldb = LD(MAX(m, n));
    DMat *a = NULL, *b = NULL, *x = NULL, *sv = NULL, *ax = NULL, *r = NULL;
    lapack_int lrank = 0, info;
    int st = DLINALG_ERR_NOMEM, i, j;

    *X = NULL;
    if (B->rows != m)
        return DLINALG_ERR_DIM;
    if (isnan(rcond) || isinf(rcond))
        return DLINALG_ERR_ARG;
    if (dmat_has_nonfinite(A) || dmat_has_nonfinite(B))
        return DLINALG_ERR_NONFINITE;
    x = dmat_zeros(n, p);
    if (x == NULL)
        goto done;
    if (k > 0 && p > 0) {
        a = dmat_copy(A);
        b = dmat_zeros(ldb, p);
        sv = dmat_new(k, 1);
        if (a == NULL || b == NULL || sv == NULL)
            goto done;
        for (j = 0; j < p; j++)
            for (i = 0; i < m; i++)
                DMAT_AT(b, i, j) = DMAT_AT(B, i, j);
        blas_threads_for_size((long)m * n * k + (long)m * n * p);
        info = LAPACKE_dgelsd(LAPACK_COL_MAJOR, m, n, p, a->data, LD(m), b->data, ldb, sv->data,
                              rcond, &lrank);
        st = status_from_info(info, DLINALG_ERR_NOCONV);
        if (st != DLINALG_OK)
            goto done;
        for (j = 0; j < p; j++)
            for (i = 0; i < n; i++)
                DMAT_AT(x, i, j) = DMAT_AT(b, i, j);
        if (dmat_has_nonfinite(x)) {
            st = DLINALG_ERR_OVERFLOW;
            goto done;
        }
    } else if (k > 0 && rank != NULL) {
        /* No right-hand side: still report the rank LAPACK would use. */
        DRankInfo ri;
        double rc = rcond < 0 ? DBL_EPSILON : rcond;
        st = dlinalg_rank(&ri, A, rc);
        if (st != DLINALG_OK)
            goto done;
        lrank = ri.rank;
    }
    if (resid != NULL) {
        st = dmat_mul(&ax, A, x);
        if (st != DLINALG_OK)
            goto done;
        st = dmat_sub(&r, ax, B);
        if (st != DLINALG_OK)
            goto done;
        *resid = dmat_norm_fro(r);
    }
    if (rank != NULL)
        *rank = (int)lrank;
    *X = x;
    x = NULL;
    st = DLINALG_OK;
done:
    dmat_free(a);
    dmat_free(b);
    dmat_free(x);
    dmat_free(sv);
    dmat_free(ax);
    dmat_free(r);
    return st;
}

int dlinalg_eigh(DMat **w, DMat **V, const DMat *A)
{
    int n = A->rows, st;
    DMat *a, *ev;
    lapack_int info;

    *w = NULL;
    if (V != NULL)
        *V = NULL;
    st = check_square_sym(A);
    if (st != DLINALG_OK)
        return st;
    a = dmat_copy(A);
    ev = dmat_new(n, 1);
    if (a == NULL || ev == NULL) {
        dmat_free(a);
        dmat_free(ev);
        return DLINALG_ERR_NOMEM;
    }
    if (n > 0) {
        blas_threads_for_size((long)n * n * n);
        info = LAPACKE_dsyevd(LAPACK_COL_MAJOR, V != NULL ? 'V' : 'N', 'L', n, a->data, LD(n),
                              ev->data);
        st = status_from_info(info, DLINALG_ERR_NOCONV);
        if (st != DLINALG_OK) {
            dmat_free(a);
            dmat_free(ev);
            return st;
        }
    }
    if (V != NULL) /* the sign convention of sign_of */
        for (int j = 0; j < n; j++)
            if (sign_of(a->data + (size_t)j * n, n, 1) < 0)
                for (int i = 0; i < n; i++)
                    DMAT_AT(a, i, j) = -DMAT_AT(a, i, j);
    *w = ev;
    if (V != NULL)
        *V = a;
    else
        dmat_free(a);
    return DLINALG_OK;
}

int dlinalg_cholesky(DMat **L, const DMat *A)
{
    int n = A->rows, st, i, j;
    DMat *a;
    lapack_int info;

    *L = NULL;
    st = check_square_sym(A);
    if (st != DLINALG_OK)
        return st;
    a = dmat_copy(A);
    if (a == NULL)
        return DLINALG_ERR_NOMEM;
    if (n > 0) {
        blas_threads_for_size((long)n * n * n / 3);
        info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', n, a->data, LD(n));
        st = status_from_info(info, DLINALG_ERR_NOT_POSDEF);
        if (st != DLINALG_OK) {
            dmat_free(a);
            return st;
        }
    }
    for (j = 1; j < n; j++)
        for (i = 0; i < j; i++)
            DMAT_AT(a, i, j) = 0.0;
    *L = a;
    return DLINALG_OK;
}

int dlinalg_qr(DMat **Q, DMat **R, const DMat *A)
{
    int m = A->rows, n = A->cols, k = MIN(m, n), i, j, st = DLINALG_ERR_NOMEM;
    DMat *a = NULL, *q = NULL, *r = NULL;
    double *tau = NULL;
    lapack_int info;

    *Q = NULL;
    *R = NULL;
    if (dmat_has_nonfinite(A))
        return DLINALG_ERR_NONFINITE;
    q = dmat_new(m, k);
    r = dmat_zeros(k, n);
    if (q == NULL || r == NULL)
        goto fail;
    if (k > 0) {
        a = dmat_copy(A);
        tau = malloc((size_t)k * sizeof(double));
        if (a == NULL || tau == NULL)
            goto fail;
        blas_threads_for_size((long)m * n * k);
        info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, m, n, a->data, LD(m), tau);
        st = status_from_info(info, DLINALG_ERR_LAPACK);
        if (st != DLINALG_OK)
            goto fail;
        for (j = 0; j < n; j++)
            for (i = 0; i <= j && i < k; i++)
                DMAT_AT(r, i, j) = DMAT_AT(a, i, j);
        info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, m, k, k, a->data, LD(m), tau);
        st = status_from_info(info, DLINALG_ERR_LAPACK);
        if (st != DLINALG_OK)
            goto fail;
        memcpy(q->data, a->data, (size_t)m * (size_t)k * sizeof(double));
    }
    dmat_free(a);
    free(tau);
    *Q = q;
    *R = r;
    return DLINALG_OK;
fail:
    dmat_free(a);
    dmat_free(q);
    dmat_free(r);
    free(tau);
    return st;
}

int dlinalg_solve(DMat **X, const DMat *A, const DMat *B)
{
    int n = A->rows, p = B->cols, st = DLINALG_ERR_NOMEM;
    DMat *a = NULL, *b = NULL;
    lapack_int *ipiv = NULL, info;
    double anorm, rc = 0.0;

    *X = NULL;
    if (A->cols != n || B->rows != n)
        return DLINALG_ERR_DIM;
    if (dmat_has_nonfinite(A) || dmat_has_nonfinite(B))
        return DLINALG_ERR_NONFINITE;
    b = dmat_copy(B);
    if (b == NULL)
        goto fail;
    if (n > 0) {
        a = dmat_copy(A);
        ipiv = malloc((size_t)n * sizeof(lapack_int));
        if (a == NULL || ipiv == NULL)
            goto fail;
        blas_threads_for_size((long)n * n * (n + p));
        anorm = LAPACKE_dlange(LAPACK_COL_MAJOR, '1', n, n, a->data, LD(n));
        info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, n, n, a->data, LD(n), ipiv);
        st = status_from_info(info, DLINALG_ERR_SINGULAR);
        if (st != DLINALG_OK)
            goto fail;
        info = LAPACKE_dgecon(LAPACK_COL_MAJOR, '1', n, a->data, LD(n), anorm, &rc);
        st = status_from_info(info, DLINALG_ERR_LAPACK);
        if (st != DLINALG_OK)
            goto fail;
        if (!(rc >= DBL_EPSILON)) {
            st = DLINALG_ERR_SINGULAR;
            goto fail;
        }
        if (p > 0) {
            info =
                LAPACKE_dgetrs(LAPACK_COL_MAJOR, 'N', n, p, a->data, LD(n), ipiv, b->data, LD(n));
            st = status_from_info(info, DLINALG_ERR_LAPACK);
            if (st != DLINALG_OK)
                goto fail;
            if (dmat_has_nonfinite(b)) {
                st = DLINALG_ERR_OVERFLOW;
                goto fail;
            }
        }
    }
    dmat_free(a);
    free(ipiv);
    *X = b;
    return DLINALG_OK;
fail:
    dmat_free(a);
    dmat_free(b);
    free(ipiv);
    return st;
}

int dlinalg_inv(DMat **Ainv, const DMat *A)
{
    DMat *id;
    int st;

    *Ainv = NULL;
    if (A->rows != A->cols)
        return DLINALG_ERR_DIM;
    id = dmat_eye(A->rows);
    if (id == NULL)
        return DLINALG_ERR_NOMEM;
    st = dlinalg_solve(Ainv, A, id);
    dmat_free(id);
    return st;
}

int dlinalg_nuclear_norm(double *out, const DMat *A)
{
    DMat *s;
    double sum = 0.0;
    int st = dlinalg_svd(NULL, &s, NULL, A), i;

    if (st != DLINALG_OK)
        return st;
    for (i = 0; i < s->rows; i++)
        sum += s->data[i];
    dmat_free(s);
    if (!isfinite(sum))
        return DLINALG_ERR_OVERFLOW;
    *out = sum;
    return DLINALG_OK;
}

int dlinalg_rank_from_sv(DRankInfo *info, const double *s, int k, int m, int n, double tol)
{
    DRankInfo ri;
    int i, p, r;

    if (m < 0 || n < 0 || k != MIN(m, n) || isnan(tol) || isinf(tol))
        return DLINALG_ERR_ARG;
    for (i = 0; i < k; i++)
        if (!isfinite(s[i]) || s[i] < 0 || (i > 0 && s[i] > s[i - 1]))
            return DLINALG_ERR_ARG;
    memset(&ri, 0, sizeof ri);
    ri.tol = tol;
    ri.by_gap = tol < 0;
    if (k == 0 || s[0] == 0.0) {
        ri.s_after = k > 0 ? s[0] : 0.0;
        *info = ri;
        return DLINALG_OK;
    }
    /* Below DBL_MIN a singular value is noise whatever s_1 is. */
    ri.floor = MAX((double)MAX(m, n) * DBL_EPSILON * s[0], DBL_MIN);
    if (ri.by_gap) {
        double best = -1.0;
        for (p = 0; p < k && s[p] > ri.floor; p++)
            ;
        r = 0;
        for (i = 1; i <= p; i++) {
            double next = i < k ? s[i] : 0.0;
            double ratio = s[i - 1] / MAX(next, ri.floor);
            if (ratio > best) {
                best = ratio;
                r = i;
            }
        }
        ri.rank = r;
        ri.gap = r > 0 ? best : 0.0;
    } else {
        double thr = tol * s[0];
        for (r = 0; r < k && s[r] > thr; r++)
            ;
        ri.rank = r;
    }
    ri.s_before = ri.rank > 0 ? s[ri.rank - 1] : 0.0;
    ri.s_after = ri.rank < k ? s[ri.rank] : 0.0;
    if (!ri.by_gap)
        ri.gap = ri.rank == 0 ? 0.0 : (ri.s_after == 0.0 ? INFINITY : ri.s_before / ri.s_after);
    *info = ri;
    return DLINALG_OK;
}

int dlinalg_rank(DRankInfo *info, const DMat *A, double tol)
{
    DMat *s;
    int st;

    if (isnan(tol) || isinf(tol))
        return DLINALG_ERR_ARG;
    st = dlinalg_svd(NULL, &s, NULL, A);
    if (st != DLINALG_OK)
        return st;
    st = dlinalg_rank_from_sv(info, s->data, s->rows, A->rows, A->cols, tol);
    dmat_free(s);
    return st;
}

int dlinalg_nullspace(DMat **N, DRankInfo *info, const DMat *A, double tol)
{
    int m = A->rows, n = A->cols, i, j, st;
    DMat *s = NULL, *vt = NULL, *ns;
    DRankInfo ri;

    *N = NULL;
    if (isnan(tol) || isinf(tol))
        return DLINALG_ERR_ARG;
    if (dmat_has_nonfinite(A))
        return DLINALG_ERR_NONFINITE;
    if (MIN(m, n) == 0) {
        st = dlinalg_rank_from_sv(&ri, NULL, 0, m, n, tol);
        ns = dmat_eye(n);
    } else {
        st = svd_raw(NULL, &s, &vt, A, m < n ? 'A' : 'O');
        if (st != DLINALG_OK)
            return st;
        st = dlinalg_rank_from_sv(&ri, s->data, s->rows, m, n, tol);
        ns = st == DLINALG_OK ? dmat_new(n, n - ri.rank) : NULL;
        if (ns != NULL)
            for (j = 0; j < n - ri.rank; j++)
                for (i = 0; i < n; i++)
                    DMAT_AT(ns, i, j) = DMAT_AT(vt, ri.rank + j, i);
        dmat_free(s);
        dmat_free(vt);
    }
    if (st != DLINALG_OK) {
        dmat_free(ns);
        return st;
    }
    if (ns == NULL)
        return DLINALG_ERR_NOMEM;
    if (info != NULL)
        *info = ri;
    *N = ns;
    return DLINALG_OK;
}
