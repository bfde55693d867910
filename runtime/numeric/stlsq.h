/* stlsq.h — sequentially thresholded least squares (SINDy's STLSQ).
 *
 * Given a library matrix Theta (m samples x N candidate functions) and the
 * derivatives dX (m x k), find a sparse Xi (N x k) with Theta Xi ~ dX, as
 * PySINDy's STLSQ does, one output column at a time:
 *
 *   support = every library column;
 *   repeat (at most max_iter fits):
 *     xi = argmin |Theta_S xi - dx|^2 + alpha |xi|^2 on the support S;
 *     drop from S every coefficient with |xi_j| < threshold;
 *   until the support stops changing.
 *
 * The returned coefficients are the last fit on the final support (zero
 * off it).  When max_iter runs out while the support still changes, the
 * last thresholding is applied and the result refitted once on the final
 * support, so a returned nonzero coefficient always comes from a fit on
 * exactly the support shown.
 *
 * Enforced libraries: with a basis B (N x r, its columns spanning the
 * symmetric coefficient vectors, e.g. an enforce() result), Xi is
 * restricted to Xi = B Z.  Sparsity is then sought in the enforced
 * coordinates: STLSQ runs on the library Theta B and thresholds Z (r x k),
 * and Xi = B Z is returned.  Thresholding Xi itself would leave the
 * column space of B; thresholding Z keeps every iterate symmetric.
 * B acts on each output column separately; when the symmetry couples the
 * outputs (equivariant vector fields), pass the block library
 * I_k (x) Theta (km x kN), vec(dX) (km x 1) and a kN x r basis instead.
 *
 * Conventions as in dmat.h/dlinalg.h: outputs first, new matrices owned by
 * the caller (dmat_free), inputs never modified, int status (dlinalg codes,
 * dlinalg_strerror explains them), outputs untouched on failure.
 */
#ifndef SYM_NUMERIC_STLSQ_H
#define SYM_NUMERIC_STLSQ_H

#include "dmat.h"

typedef struct StlsqParams {
    double threshold;  /* >= 0: coefficients with |xi| < threshold drop */
    double alpha;      /* >= 0: ridge weight (0: plain least squares) */
    int max_iter;      /* >= 1: most least-squares rounds per column */
    const DMat *basis; /* NULL, or N x r: restrict Xi = basis Z */
} StlsqParams;

/* Defaults: threshold 0.1, alpha 0, max_iter 10, no basis. */
void stlsq_params_init(StlsqParams *p);

/* Runs STLSQ (see the file comment).  *Xi gets the N x k coefficients;
 * *iterations (may be NULL) the largest number of least-squares rounds any
 * output column needed; *converged (may be NULL) 1 if every column's
 * support settled within max_iter, else 0.
 * Fails with DLINALG_ERR_DIM if Theta->rows != dX->rows or basis->rows !=
 * Theta->cols, DLINALG_ERR_ARG for a threshold/alpha that is negative or
 * not finite or max_iter < 1, DLINALG_ERR_NONFINITE for NaN/Inf data,
 * DLINALG_ERR_NOMEM, or any dlinalg_lstsq failure. */
int stlsq_fit(DMat **Xi, int *iterations, int *converged, const DMat *Theta, const DMat *dX,
              const StlsqParams *p);

#endif
