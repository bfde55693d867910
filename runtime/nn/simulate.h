/* simulate.h — integrate dx/dt = f(x) for many initial conditions at once
 * with SUNDIALS CVODE (variable-order, variable-step Adams-Moulton with a
 * fixed-point corrector: non-stiff problems such as Hamiltonian mechanics).
 * The B systems are stacked into one state of B*n components, so f is
 * evaluated on a whole batch per call and all systems share CVODE's step
 * sizes (the error test covers every component).  Output is dense: states
 * at t = 0, dt, ..., steps*dt, each reached by CVODE in CV_NORMAL mode
 * (interpolated at the output times, within the tolerances). */
#ifndef SYM_NN_SIMULATE_H
#define SYM_NN_SIMULATE_H

#include <signal.h>

/* dX (B x n, row-major) = f(t, X); 0, or nonzero to stop with an error
   (the callback keeps its own message). */
typedef int (*NnRhsFn)(void *ctx, double t, const double *X, int B, int n, double *dX);

/* out (B x (steps+1) x n, row-major: system, time, component) = the
   trajectories from the rows of X0 (B x n).  rtol, atol > 0.  Returns 0,
   NN_E_ARG (the callback failed: its message is the caller's), NN_E_NUMERIC
   (CVODE failed: message in err with the time reached), NN_E_INTERRUPTED,
   NN_E_NOMEM. */
int nn_simulate(double *out, NnRhsFn f, void *ctx, const double *X0, int B, int n, double dt,
                long steps, double rtol, double atol, const volatile sig_atomic_t *interrupt,
                char *err);

#endif
