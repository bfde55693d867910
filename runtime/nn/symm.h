/* symm.h — the three symmetry operations on networks of net.h (promoting
 * symmetry in networks, Otto et al., arXiv 2311.00212): exact enforcement of equivariance block by
 * block, the Lie-derivative operator L-hat of every EPNN block as a linear map of its parameters
 * (for promotion by a nuclear norm and for discovery), and the nuclear norm with its gradient.
 *
 * Representations: the caller (the builtins) gives the images of a basis of
 * the algebra on the network's input and output spaces — exact rationals
 * for enforcement, doubles in an orthonormal basis of the algebra (the
 * Frobenius inner product of the defining matrices) for L-hat.  Hidden
 * layers carry k copies of the output representation (block diagonal).
 *
 * L-hat of a block with input images A_i (m x m) and output images B_i
 * (n x n), measured in L^2 of the uniform probability measure on the box
 * [-c, c]^m (c rational: the gate monomials' Gram matrix is exact and its
 * one non-diagonal block, on 1, x_1^2 .. x_m^2, is factored in MPFR):
 *  - linear part z = A x + b: lie_i z = (B_i A - A A_i) x + B_i b, so the
 *    row of generator i holds B_i b, then sqrt(c^2/3) (B_i A - A A_i)
 *    row-major;
 *  - gate s = q . phi(x) (trivial output): lie_i s = -grad s . A_i x, whose
 *    monomial coefficients are l = -A_i^T g on x_k and M = -(H A_i + A_i^T H)
 *    on the quadratic monomials (H the symmetric matrix of q's quadratic
 *    part); the row holds sqrt(c^2/3) l, then L0^T (0, M_11..M_mm) (L0 the
 *    Cholesky factor of the Gram matrix of 1, x_k^2), then (c^2/3) 2 M_kl
 *    for k < l in monomial order.
 * The squared norm of row i is ||lie_i(block)||^2 in that measure, summed
 * over blocks: the rows of all blocks are concatenated (one subalgebra
 * common to all layers, as the authors' SymmNet.lhat). */
#ifndef SYM_NN_SYMM_H
#define SYM_NN_SYMM_H

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>

#include "nn/net.h"

typedef struct NnSymmBlock {
    int m, n;
    double *A;    /* K x m x m input images (row-major each) */
    double s, s2; /* sqrt(c^2/3), c^2/3 */
    double *L0;   /* (m+1) x (m+1) lower Cholesky factor, row-major (gated blocks) */
    long col;     /* first column of this block in L-hat */
    long ncols;
} NnSymmBlock;

typedef struct NnSymm {
    int K; /* orthonormal generators */
    int nblocks;
    NnSymmBlock *blk;
    double *B;  /* K x n x n output images */
    long ncols; /* columns of L-hat */
} NnSymm;

/* S (zeroed by the call) for net (EPNN only) with K orthonormal generator
   images Ain (K x din x din) and Aout (K x n x n), boxes [-c0, c0] on the
   first layer's input and [-c1, c1] on later layers (c > 0).  prec: MPFR
   bits for the Cholesky factors. */
int nn_symm_init(NnSymm *S, const Net *net, int K, const double *Ain, const double *Aout,
                 const fmpq_t c0, const fmpq_t c1, long prec, char *err);
void nn_symm_clear(NnSymm *S);

/* L (K x S->ncols row-major) = L-hat of the network with parameters theta. */
void nn_symm_apply(const NnSymm *S, const Net *net, const double *theta, double *L);
/* grad (nparams) += the adjoint of L-hat applied to G (K x S->ncols). */
void nn_symm_adjoint(const NnSymm *S, const Net *net, const double *G, double *grad);

/* *value = ||L||_* and, when G != NULL, G (K x ncols) = U V^T over the
   singular values above 1e-13 sigma_1 (a subgradient); sv (K, may be NULL)
   = the singular values, descending.  L is K x ncols row-major.
   NN_E_NUMERIC when the SVD fails or L has NaN/Inf. */
int nn_nuclear(double *value, double *G, double *sv, const double *L, int K, long ncols);

/* Exact enforcement: Nb of net = block-diagonal basis of the parameters
   that satisfy, for every block, W A_i = B_i W, B_i b = 0 and the gate's
   invariance (A_i^T g = 0, H A_i + A_i^T H = 0) for the algebra images
   (nalg of them; any spanning set) and, for the discrete elements (ndisc),
   Q W = W P, Q b = b, P^T g = g, P^T H P = H (P, Q the input / output
   images).  Ain/Pin: din x din; Aout/Qout: n x n; hidden layers use
   block-diagonal copies of the output images.  Each block's nullspace is
   computed by the exact sparse solver (checked C N = 0); theta is
   projected on the new span.  *dims (may be NULL) = the reduced
   dimension.  interrupt (may be NULL) is polled. */
int nn_symm_enforce(Net *net, const fmpq_mat_struct *Ain, const fmpq_mat_struct *Aout, int nalg,
                    const fmpq_mat_struct *Pin, const fmpq_mat_struct *Qout, int ndisc,
                    const char *label, char *err);

/* theta = Nb alpha for alpha the least-squares coordinates of theta in span
   Nb (alpha: nred, may be NULL). */
int nn_net_project(Net *net, double *alpha, char *err);

#endif
