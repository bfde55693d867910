/* train.h — full-batch training of the networks of net.h: mean squared
 * error (+ gamma times the nuclear norm of L-hat, symm.h) minimised by Adam
 * (Kingma & Ba, 2015, with bias correction, as torch.optim.Adam and
 * optax.adam), for regression y = N(x) or for a neural ODE dx/dt = N(x)
 * fitted to trajectory chunks.
 *
 * Neural ODE: each chunk holds len states x_0 .. x_{len-1} at spacing dt;
 * the roll-out starts at x_0 and takes, per interval dt, `substeps` steps
 * of the classical Runge-Kutta scheme (RK4) of size dt / substeps; the loss
 * is the mean over chunks, predicted steps 1 .. len-1 and components of
 * (x_pred - x)^2.  Its gradient is exact reverse mode through the solver
 * (the adjoint of every RK4 stage), not the continuous adjoint.
 *
 * With reduced coordinates (net->Nb) Adam updates alpha, theta = Nb alpha. */
#ifndef SYM_NN_TRAIN_H
#define SYM_NN_TRAIN_H

#include <signal.h>
#include "nn/net.h"
#include "nn/symm.h"
#include "nn/pointlie.h"

typedef struct NnData {
    int ode;             /* 0: regression, 1: chunks */
    int n;               /* points (regression) or chunks */
    const double *X, *Y; /* regression: n x din, n x dout */
    const double *C;     /* chunks: n x len x d, row-major */
    int len;             /* states per chunk (>= 2) */
    double dt;           /* > 0 */
    int substeps;        /* >= 1 */
} NnData;

typedef struct NnTrainOpts {
    double lr, beta1, beta2, eps;
    long steps;
    double gamma;                           /* penalty weight (0: none) */
    const NnSymm *S;                        /* L-hat of EPNN blocks, or */
    const NnPointLie *Pt;                   /* L-hat of an MLP at points; one is required
                                               when gamma > 0 */
    long val_every;                         /* record the curve every so many steps (>= 1) */
    const volatile sig_atomic_t *interrupt; /* polled every step, may be NULL */
    /* called every progress_every steps (0: never) */
    void (*progress)(void *ctx, long step, long steps, double loss, double pen, const double *sv,
                     int K);
    void *ctx;
    long progress_every;
} NnTrainOpts;

typedef struct NnTrainResult {
    long steps;           /* steps completed */
    int interrupted;      /* 1 when stopped by the interrupt flag */
    double loss, penalty; /* at the final parameters (mse, ||L-hat||_*) */
    long ncurve;
    long *curve_step;                /* malloc'ed, ncurve entries */
    double *curve_train, *curve_val; /* mse; curve_val NaN without data */
    double *sv;                      /* K singular values of L-hat at the end, or NULL */
    long bad_step;                   /* step at which NaN/Inf appeared, or 0 */
} NnTrainResult;

/* Defaults: lr 3e-4 (the authors'), betas 0.9 / 0.999, eps 1e-8, 1000
   steps, gamma 0, curve every 10 steps. */
void nn_train_opts_default(NnTrainOpts *o);
void nn_train_result_clear(NnTrainResult *r);

/* *mse = the loss of net on D; grad (nparams, may be NULL) += its gradient
   in theta.  NN_E_NOMEM, or NN_E_NONFINITE when the roll-out or output is
   not finite. */
int nn_loss(double *mse, const Net *net, const NnData *D, double *grad);

/* *value = ||L-hat||_* (sv: K values, may be NULL); grad (may be NULL) +=
   gamma times its subgradient. */
int nn_penalty(double *value, double *sv, const NnSymm *S, const Net *net, double gamma,
               double *grad);
/* The same for an MLP's L-hat at points. */
int nn_penalty_points(double *value, double *sv, const NnPointLie *P, const Net *net, double gamma,
                      double *grad);

/* Trains net in place on D (validation V, may be NULL).  On NaN/Inf in the
   loss or gradient it stops with NN_E_NONFINITE, res->bad_step set, a
   message naming the step, and net restored to the parameters before that
   step.  On interrupt it returns NN_OK with res->interrupted = 1. */
int nn_train(Net *net, const NnData *D, const NnData *V, const NnTrainOpts *o, NnTrainResult *res,
             char *err);

#endif
