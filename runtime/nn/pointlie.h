/* pointlie.h — the end-to-end Lie derivative of an MLP at sample points
 * (the authors' SymmMLPNODE, for promoting symmetry in networks): for orthonormal
 * generators with input images A_i (din x din) and output images B_i
 * (dout x dout),
 *     row i of L-hat = ( B_i N(x_p) - DN(x_p) A_i x_p )_p / sqrt(npts),
 * the empirical L^2 measure of the points, DN A x by forward mode.  Its
 * adjoint (for the gradient of a nuclear norm) is reverse mode through the
 * forward-mode pass: second derivatives of the activations enter.
 * MLPs only (dense layers). */
#ifndef SYM_NN_POINTLIE_H
#define SYM_NN_POINTLIE_H

#include "nn/net.h"

typedef struct NnPointLie {
    int K;
    double *A, *B; /* K x din x din, K x dout x dout (owned) */
    double *X;     /* npts x din (owned) */
    int npts;
} NnPointLie;

/* P (zeroed by the call) = copies of the images and points. */
int nn_pointlie_init(NnPointLie *P, const Net *net, int K, const double *A, const double *B,
                     const double *X, int npts, char *err);
void nn_pointlie_clear(NnPointLie *P);
/* Columns of L-hat: npts * dout. */
long nn_pointlie_ncols(const NnPointLie *P, const Net *net);
/* L (K x ncols, row-major) = L-hat at theta = net->theta. */
int nn_pointlie_apply(const NnPointLie *P, const Net *net, double *L);
/* grad (nparams) += the adjoint of theta -> L-hat applied to G (K x ncols). */
int nn_pointlie_adjoint(const NnPointLie *P, const Net *net, const double *G, double *grad);

#endif
