/* stlsq.c — sequentially thresholded least squares (see stlsq.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dlinalg.h"
#include "stlsq.h"

void stlsq_params_init(StlsqParams *p)
{
    p->threshold = 0.1;
    p->alpha = 0.0;
    p->max_iter = 10;
    p->basis = NULL;
}

/* coef[0..n-1] = argmin |A_S c - y|^2 + alpha |c|^2 over the columns S with
 * on[j] != 0, zero elsewhere (ridge by stacking sqrt(alpha) I under A_S). */
static int fit_support(double *coef, const DMat *A, const double *y, const unsigned char *on,
                       double alpha)
{
    int m = A->rows, n = A->cols, s = 0;
    for (int j = 0; j < n; j++)
        s += on[j] != 0;
    memset(coef, 0, (size_t)n * sizeof *coef);
    if (s == 0)
        return DLINALG_OK;
    int rows = alpha > 0 ? m + s : m;
    DMat *As = dmat_zeros(rows, s), *b = dmat_zeros(rows, 1), *x = NULL;
    if (!As || !b) {
        dmat_free(As);
        dmat_free(b);
        return DLINALG_ERR_NOMEM;
    }
    for (int j = 0, c = 0; j < n; j++) {
        if (!on[j])
            continue;
        memcpy(&DMAT_AT(As, 0, c), &DMAT_AT(A, 0, j), (size_t)m * sizeof(double));
        if (alpha > 0)
            DMAT_AT(As, m + c, c) = sqrt(alpha);
        c++;
    }
    memcpy(b->data, y, (size_t)m * sizeof(double));
    int st = dlinalg_lstsq(&x, NULL, NULL, As, b, -1.0);
    if (st == DLINALG_OK)
        for (int j = 0, c = 0; j < n; j++)
            if (on[j])
                coef[j] = x->data[c++];
    dmat_free(As);
    dmat_free(b);
    dmat_free(x);
    return st;
}

/* STLSQ on one column y of length A->rows: coef (A->cols) gets the result,
 * *rounds the number of fits, *settled whether the support stopped. */
static int stlsq_column(double *coef, int *rounds, int *settled, const DMat *A, const double *y,
                        const StlsqParams *p, unsigned char *on)
{
    int n = A->cols, st = DLINALG_OK;
    memset(on, 1, (size_t)n);
    *rounds = 0;
    *settled = 0;
    while (*rounds < p->max_iter) {
        if ((st = fit_support(coef, A, y, on, p->alpha)))
            return st;
        ++*rounds;
        int changed = 0;
        for (int j = 0; j < n; j++)
            if (on[j] && !(fabs(coef[j]) >= p->threshold)) {
                on[j] = 0;
                coef[j] = 0.0;
                changed = 1;
            }
        if (!changed) {
            *settled = 1;
            return DLINALG_OK;
        }
    }
    /* Out of rounds with a fresh thresholding: refit on the final support. */
    return fit_support(coef, A, y, on, p->alpha);
}

int stlsq_fit(DMat **Xi, int *iterations, int *converged, const DMat *Theta, const DMat *dX,
              const StlsqParams *p)
{
    StlsqParams def;
    if (!p) {
        stlsq_params_init(&def);
        p = &def;
    }
    if (!Theta || !dX || Theta->rows != dX->rows)
        return DLINALG_ERR_DIM;
    if (p->basis && p->basis->rows != Theta->cols)
        return DLINALG_ERR_DIM;
    if (!isfinite(p->threshold) || p->threshold < 0 || !isfinite(p->alpha) || p->alpha < 0 ||
        p->max_iter < 1)
        return DLINALG_ERR_ARG;
    if (dmat_has_nonfinite(Theta) || dmat_has_nonfinite(dX) ||
        (p->basis && dmat_has_nonfinite(p->basis)))
        return DLINALG_ERR_NONFINITE;

    int st = DLINALG_OK;
    DMat *A = NULL, *Z = NULL;
    if (p->basis) {
        if ((st = dmat_mul(&A, Theta, p->basis)))
            return st;
    } else if (!(A = dmat_copy(Theta))) {
        return DLINALG_ERR_NOMEM;
    }
    int n = A->cols, k = dX->cols, most = 0, all_settled = 1;
    unsigned char *on = malloc((size_t)n + 1);
    double *coef = malloc(((size_t)n + 1) * sizeof *coef);
    Z = dmat_zeros(n, k);
    if (!on || !coef || !Z) {
        st = DLINALG_ERR_NOMEM;
        goto done;
    }
    for (int c = 0; c < k; c++) {
        int rounds, settled;
        st = stlsq_column(coef, &rounds, &settled, A, &DMAT_AT(dX, 0, c), p, on);
        if (st)
            goto done;
        if (n > 0)
            memcpy(&DMAT_AT(Z, 0, c), coef, (size_t)n * sizeof *coef);
        most = rounds > most ? rounds : most;
        all_settled &= settled;
    }
    if (p->basis) {
        DMat *X = NULL;
        if ((st = dmat_mul(&X, p->basis, Z)))
            goto done;
        dmat_free(Z);
        Z = X;
    }
    *Xi = Z;
    Z = NULL;
    if (iterations)
        *iterations = most;
    if (converged)
        *converged = all_settled;
done:
    free(on);
    free(coef);
    dmat_free(A);
    dmat_free(Z);
    return st;
}
