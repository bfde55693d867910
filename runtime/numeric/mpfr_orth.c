/* mpfr_orth.c — Cholesky and L^{-T} of an exact Gram matrix in MPFR
 * (see mpfr_orth.h).
 *
 * Invariant relied on: once the exact LDL^T check has passed, G is
 * symmetric positive definite, so every Cholesky pivot is positive in exact
 * arithmetic; a nonpositive MPFR pivot can only come from rounding.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "mpfr_orth.h"

#include <math.h>
#include <stdlib.h>

#include "dlinalg.h"

/* n*n MPFR entries, row-major (i, j) at [i * n + j]. */
typedef struct MpfrSquare {
    slong n;
    mpfr_t *e;
} MpfrSquare;

static int msq_init(MpfrSquare *M, slong n, mpfr_prec_t prec)
{
    slong k;

    M->n = n;
    M->e = NULL;
    if (n == 0)
        return DLINALG_OK;
    M->e = malloc((size_t)(n * n) * sizeof(mpfr_t));
    if (M->e == NULL)
        return DLINALG_ERR_NOMEM;
    for (k = 0; k < n * n; k++)
        mpfr_init2(M->e[k], prec);
    return DLINALG_OK;
}

static void msq_clear(MpfrSquare *M)
{
    slong k;

    for (k = 0; M->e != NULL && k < M->n * M->n; k++)
        mpfr_clear(M->e[k]);
    free(M->e);
    M->e = NULL;
}

#define MSQ(M, i, j) ((M)->e[(i) * (M)->n + (j)])

/* Square, exactly symmetric, positive definite (exact LDL^T: all pivots > 0). */
static int check_spd(const fmpq_mat_t G)
{
    slong n = fmpq_mat_nrows(G), i, j, l;
    fmpq_mat_t W;
    fmpq_t f, t;
    int st = DLINALG_OK;

    if (fmpq_mat_ncols(G) != n)
        return DLINALG_ERR_DIM;
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            if (!fmpq_equal(fmpq_mat_entry(G, i, j), fmpq_mat_entry(G, j, i)))
                return DLINALG_ERR_NOT_SYMMETRIC;
    if (n == 0)
        return DLINALG_OK;
    fmpq_mat_init(W, n, n);
    fmpq_mat_set(W, G);
    fmpq_init(f);
    fmpq_init(t);
    /* Only the lower triangle is updated: W stays symmetric in exact terms. */
    for (j = 0; j < n && st == DLINALG_OK; j++) {
        const fmpq *d = fmpq_mat_entry(W, j, j);
        if (fmpq_sgn(d) <= 0) {
            st = DLINALG_ERR_NOT_POSDEF;
            break;
        }
        for (i = j + 1; i < n; i++) {
            if (fmpq_is_zero(fmpq_mat_entry(W, i, j)))
                continue;
            fmpq_div(f, fmpq_mat_entry(W, i, j), d);
            for (l = j + 1; l <= i; l++) {
                fmpq_mul(t, f, fmpq_mat_entry(W, l, j));
                fmpq_sub(fmpq_mat_entry(W, i, l), fmpq_mat_entry(W, i, l), t);
            }
        }
    }
    fmpq_clear(f);
    fmpq_clear(t);
    fmpq_mat_clear(W);
    return st;
}

/* L (lower, zeros above) with G = L L^T in MPFR; L initialised by caller. */
static int mpfr_cholesky(MpfrSquare *L, const fmpq_mat_t G, mpfr_prec_t prec)
{
    slong n = L->n, i, j, k;
    mpfr_t acc, t;
    int st = DLINALG_OK;

    mpfr_init2(acc, prec);
    mpfr_init2(t, prec);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++)
            mpfr_set_zero(MSQ(L, i, j), 1);
    for (j = 0; j < n && st == DLINALG_OK; j++) {
        fmpq_get_mpfr(acc, fmpq_mat_entry(G, j, j), MPFR_RNDN);
        for (k = 0; k < j; k++) {
            mpfr_sqr(t, MSQ(L, j, k), MPFR_RNDN);
            mpfr_sub(acc, acc, t, MPFR_RNDN);
        }
        if (mpfr_sgn(acc) <= 0) {
            st = DLINALG_ERR_PRECISION;
            break;
        }
        mpfr_sqrt(MSQ(L, j, j), acc, MPFR_RNDN);
        for (i = j + 1; i < n; i++) {
            fmpq_get_mpfr(acc, fmpq_mat_entry(G, i, j), MPFR_RNDN);
            for (k = 0; k < j; k++) {
                mpfr_mul(t, MSQ(L, i, k), MSQ(L, j, k), MPFR_RNDN);
                mpfr_sub(acc, acc, t, MPFR_RNDN);
            }
            mpfr_div(MSQ(L, i, j), acc, MSQ(L, j, j), MPFR_RNDN);
        }
    }
    mpfr_clear(acc);
    mpfr_clear(t);
    return st;
}

/* M = L^{-1} (lower triangular) by forward substitution, column by column. */
static void mpfr_lower_inverse(MpfrSquare *M, const MpfrSquare *L, mpfr_prec_t prec)
{
    slong n = L->n, i, j, k;
    mpfr_t acc, t;

    mpfr_init2(acc, prec);
    mpfr_init2(t, prec);
    for (j = 0; j < n; j++) {
        for (i = 0; i < j; i++)
            mpfr_set_zero(MSQ(M, i, j), 1);
        mpfr_ui_div(MSQ(M, j, j), 1, MSQ(L, j, j), MPFR_RNDN);
        for (i = j + 1; i < n; i++) {
            mpfr_set_zero(acc, 1);
            for (k = j; k < i; k++) {
                mpfr_mul(t, MSQ(L, i, k), MSQ(M, k, j), MPFR_RNDN);
                mpfr_add(acc, acc, t, MPFR_RNDN);
            }
            mpfr_div(MSQ(M, i, j), acc, MSQ(L, i, i), MPFR_RNDN);
            mpfr_neg(MSQ(M, i, j), MSQ(M, i, j), MPFR_RNDN);
        }
    }
    mpfr_clear(acc);
    mpfr_clear(t);
}

/* *D = M (or M^T if transpose) rounded to nearest double. */
static int msq_to_dmat(DMat **D, const MpfrSquare *M, int transpose)
{
    slong n = M->n, i, j;
    DMat *R = dmat_new((int)n, (int)n);

    if (R == NULL)
        return DLINALG_ERR_NOMEM;
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++) {
            double x = mpfr_get_d(MSQ(M, i, j), MPFR_RNDN);
            if (!isfinite(x)) {
                dmat_free(R);
                return DLINALG_ERR_OVERFLOW;
            }
            if (transpose)
                DMAT_AT(R, j, i) = x;
            else
                DMAT_AT(R, i, j) = x;
        }
    *D = R;
    return DLINALG_OK;
}

static int check_args(const fmpq_mat_t G, mpfr_prec_t prec)
{
    if (prec < MPFR_ORTH_PREC_MIN || prec > MPFR_ORTH_PREC_MAX)
        return DLINALG_ERR_ARG;
    if (fmpq_mat_nrows(G) > 46340) /* n * n must fit an int-sized DMat */
        return DLINALG_ERR_DIM;
    return check_spd(G);
}

/* Shared body: the factor L, or T = L^{-T} when want_t. */
static int orth_compute(DMat **out, const fmpq_mat_t G, mpfr_prec_t prec, int want_t)
{
    MpfrSquare L, M;
    int st;

    *out = NULL;
    st = check_args(G, prec);
    if (st != DLINALG_OK)
        return st;
    M.e = NULL;
    M.n = 0;
    st = msq_init(&L, fmpq_mat_nrows(G), prec);
    if (st != DLINALG_OK)
        return st;
    st = mpfr_cholesky(&L, G, prec);
    if (st == DLINALG_OK && want_t) {
        st = msq_init(&M, L.n, prec);
        if (st == DLINALG_OK) {
            mpfr_lower_inverse(&M, &L, prec);
            st = msq_to_dmat(out, &M, 1);
        }
    } else if (st == DLINALG_OK) {
        st = msq_to_dmat(out, &L, 0);
    }
    msq_clear(&L);
    msq_clear(&M);
    return st;
}

int mpfr_orth_cholesky(DMat **L, const fmpq_mat_t G, mpfr_prec_t prec)
{
    return orth_compute(L, G, prec, 0);
}

int mpfr_orth_transform(DMat **T, const fmpq_mat_t G, mpfr_prec_t prec)
{
    return orth_compute(T, G, prec, 1);
}

int mpfr_orth_residual(double *err, const DMat *T, const fmpq_mat_t G, mpfr_prec_t prec)
{
    slong n = fmpq_mat_nrows(G), k = T->cols, i, j, l;
    mpfr_t *GT, acc, t, g, worst;

    if (prec < MPFR_ORTH_PREC_MIN || prec > MPFR_ORTH_PREC_MAX)
        return DLINALG_ERR_ARG;
    if (fmpq_mat_ncols(G) != n || T->rows != n)
        return DLINALG_ERR_DIM;
    if (dmat_has_nonfinite(T))
        return DLINALG_ERR_NONFINITE;
    GT = malloc((size_t)(n * k > 0 ? n * k : 1) * sizeof(mpfr_t));
    if (GT == NULL)
        return DLINALG_ERR_NOMEM;
    mpfr_inits2(prec, acc, t, g, worst, (mpfr_ptr)0);
    mpfr_set_zero(worst, 1);
    /* GT = G T, entry (i, j) at [i * k + j]. */
    for (i = 0; i < n; i++)
        for (j = 0; j < k; j++) {
            mpfr_init2(GT[i * k + j], prec);
            mpfr_set_zero(acc, 1);
            for (l = 0; l < n; l++) {
                fmpq_get_mpfr(g, fmpq_mat_entry(G, i, l), MPFR_RNDN);
                mpfr_mul_d(t, g, DMAT_AT(T, l, j), MPFR_RNDN);
                mpfr_add(acc, acc, t, MPFR_RNDN);
            }
            mpfr_set(GT[i * k + j], acc, MPFR_RNDN);
        }
    for (i = 0; i < k; i++)
        for (j = 0; j < k; j++) {
            mpfr_set_si(acc, i == j ? -1 : 0, MPFR_RNDN);
            for (l = 0; l < n; l++) {
                mpfr_mul_d(t, GT[l * k + j], DMAT_AT(T, l, i), MPFR_RNDN);
                mpfr_add(acc, acc, t, MPFR_RNDN);
            }
            mpfr_abs(acc, acc, MPFR_RNDN);
            if (mpfr_cmp(acc, worst) > 0)
                mpfr_set(worst, acc, MPFR_RNDN);
        }
    *err = mpfr_get_d(worst, MPFR_RNDU);
    for (i = 0; i < n * k; i++)
        mpfr_clear(GT[i]);
    free(GT);
    mpfr_clears(acc, t, g, worst, (mpfr_ptr)0);
    return DLINALG_OK;
}
