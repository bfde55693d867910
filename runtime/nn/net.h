/* net.h — neural networks for Sym: multilayer perceptrons and networks of
 * EPNN blocks (equivariance-promoting networks, Otto et al., arXiv
 * 2311.00212), their forward pass on a batch
 * of points, reverse mode (gradients with respect to parameters and inputs)
 * and forward mode (directional derivatives in the input).
 *
 * Engine layer: plain C and doubles; no interpreter value.  Batches are
 * row-major B x d arrays (point p at x[p*d .. p*d+d-1]).
 *
 * Architectures (fixed; the file format and the tests depend on them):
 *  - MLP, sizes s_0 .. s_L: layer l is a dense block z -> act(W z + b) from
 *    s_l to s_{l+1}; the last layer has no activation (identity), as
 *    PyTorch's Linear-tanh-...-Linear.  Parameters per block: W (s_{l+1} x
 *    s_l, row-major), then b.
 *  - EPNN, state representations of dimension din (input) and n (output),
 *    layers k_0 .. k_{L-1} (blocks per layer, k_{L-1} = 1): every block of
 *    layer l reads the whole layer input (dimension m_0 = din, m_l =
 *    k_{l-1} n) and writes n outputs; the layer output is the concatenation
 *    of its blocks.  A block is z (.) sigmoid(s) with z = A x + b and the
 *    invariant-quadratic gate s = q . phi(x), phi the monomials of degree
 *    <= 2 in order 1, x_1..x_m, x_1^2, x_1 x_2, .., x_1 x_m, x_2^2, ..
 *    (exact/monobasis.h order); the blocks of the last layer have no gate.
 *    Parameters per block: A (n x m row-major), b (n), then q (C(m+2, 2);
 *    absent without gate).
 *  - Parameters are one vector theta, blocks in order.  Initialisation
 *    (nn_net_init_params): PyTorch's default for nn.Linear, every weight
 *    and bias uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in the
 *    block's input dimension m (gate coefficients too), drawn in parameter
 *    order from numeric/rng.h seeded with `seed`.
 *  - Reduced coordinates: a network may carry a basis Nb (nparams x nred,
 *    row-major) with theta = Nb alpha; training then updates alpha
 *    (nn/symm.h makes Nb from exact nullspaces).
 *
 * Status codes: NN_OK, or NN_E_* with a one-line message in err
 * (NN_ERR_LEN bytes, may be NULL). */
#ifndef SYM_NN_NET_H
#define SYM_NN_NET_H

#include <stdint.h>
#include "base/sym_status.h"

#define NN_ERR_LEN SYM_ERR_LEN
#define NN_MAX_LAYERS 64
#define NN_MAX_WIDTH 4096
#define NN_MAX_PARAMS (1L << 26)

/* Status codes: aliases of base/sym_status.h (one numbering for libsym). */
enum {
    NN_OK = SYM_SUCCESS,
    NN_E_ARG = SYM_E_ARG,
    NN_E_NOMEM = SYM_E_NOMEM,
    NN_E_NONFINITE = SYM_E_NONFINITE,
    NN_E_NUMERIC = SYM_E_NUMERIC,
    NN_E_INTERRUPTED = SYM_E_INTERRUPTED,
    NN_E_FORMAT = SYM_E_FORMAT,
    NN_E_IO = SYM_E_IO,
    NN_E_LIMIT = SYM_E_LIMIT
};

typedef enum { NN_TANH = 0, NN_SIGMOID = 1, NN_RELU = 2, NN_IDENTITY = 3 } NnAct;
typedef enum { NN_MLP = 1, NN_EPNN = 2 } NnKind;

/* One block: reads the layer input (m values), writes out values at
   column out_off of the layer output. */
typedef struct NnBlock {
    int layer;
    int in, out;  /* m, n */
    int out_off;  /* column in the layer output */
    int gate;     /* EPNN: 1 when gated */
    NnAct act;    /* MLP: activation (identity on the last layer) */
    long off;     /* first parameter in theta */
    long ngate;   /* gate coefficients (0 without gate) */
    long nparams; /* n*m + n + ngate */
} NnBlock;

typedef struct Net {
    NnKind kind;
    NnAct act;     /* MLP hidden activation */
    int nsizes;    /* MLP: number of sizes; EPNN: number of layers */
    int *sizes;    /* MLP sizes s_0..; EPNN blocks per layer k_l */
    int din, dout; /* network input / output dimension */
    int nlayers;
    int *layer_in; /* nlayers + 1 widths: layer l input, last = dout */
    int nblocks;
    NnBlock *blocks;
    long nparams;
    double *theta;
    uint64_t seed;
    long nred;            /* reduced coordinates (0: none) */
    double *Nb;           /* nparams x nred row-major, or NULL */
    int enforced;         /* 1 when Nb comes from nn_symm_enforce */
    char enforced_by[64]; /* a label of the enforced algebra, "" if none */
} Net;

const char *nn_act_name(NnAct a);
/* NN_OK and *a from "tanh", "sigmoid", "relu", "identity"; else NN_E_ARG. */
int nn_act_parse(NnAct *a, const char *name);

/* net (zeroed by the call) = an MLP with sizes[0..nsizes-1] (nsizes >= 2,
   each in [1, NN_MAX_WIDTH]).  Parameters zero: call nn_net_init_params. */
int nn_net_init_mlp(Net *net, const int *sizes, int nsizes, NnAct act, char *err);
/* net = an EPNN network din -> n with layers[0..nlayers-1] blocks per layer
   (each >= 1, the last 1).  The gate's monomial count must stay within
   NN_MAX_PARAMS. */
int nn_net_init_epnn(Net *net, int din, int n, const int *layers, int nlayers, char *err);
void nn_net_clear(Net *net);
/* dst (zeroed by the call) = a deep copy of src. */
int nn_net_copy(Net *dst, const Net *src, char *err);

/* theta = PyTorch's default initialisation from seed (see above); with
   reduced coordinates theta is then projected on span Nb (least squares). */
int nn_net_init_params(Net *net, uint64_t seed, char *err);

/* Monomials of degree <= 2 in m variables: C(m+2, 2). */
long nn_quad_size(int m);

/* --- forward and reverse mode on a batch --- */

/* The tape of one forward pass (owned buffers; reused across calls with the
   same batch size). */
typedef struct NnTape {
    int B;
    double **lin; /* nlayers + 1 arrays: layer inputs, last = output */
    double **z;   /* per block: B x n, pre-activation / affine part */
    double **s;   /* per block: B gate values (EPNN gated), else NULL */
    double **y;   /* per gated block: X Hs (B x m), else NULL */
    int nl, nb;   /* the shape the arrays were made for: layers, blocks */
} NnTape;

void nn_tape_init(NnTape *t);
void nn_tape_clear(NnTape *t);

/* Y (B x dout, may be NULL: read t->lin[nlayers]) = net(X) for the B rows
   of X (B x din).  With t != NULL the intermediates are recorded for
   nn_net_backward.  NN_E_NOMEM only. */
int nn_net_forward(const Net *net, const double *X, int B, double *Y, NnTape *t);

/* Reverse mode through the pass recorded in t: grad (nparams, may be NULL)
   += d<dY, net(X)>/dtheta and dX (B x din, may be NULL) = d<dY, net(X)>/dX.
   dY is B x dout.  NN_E_NOMEM only. */
int nn_net_backward(const Net *net, const NnTape *t, const double *dY, double *grad, double *dX);

/* Forward mode: dY (B x dout) = Dnet(X) V for the B tangent rows V
   (B x din); Y (may be NULL) = net(X).  NN_E_NOMEM only. */
int nn_net_jvp(const Net *net, const double *X, const double *V, int B, double *Y, double *dY);

/* --- helpers shared by the engine files --- */
double nn_act_apply(NnAct a, double x);
/* Derivative of act at pre-activation x given y = act(x). */
double nn_act_deriv(NnAct a, double x, double y);
double nn_sigmoid(double x);
int nn_fail(char *err, int st, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
