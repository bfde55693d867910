/* admm.h — ADMM solver for promoting symmetry (nuclear-norm regularised fits).
 *
 * Data: Theta (m x N), y (m x 1) and a linear map c -> L(c) = sum_b c_b L_b
 * into p x q matrices, given as Lmat (p*q x N) whose column b is vec(L_b)
 * (column-major, so Lmat * c is L(c) stored column-major).  Problems:
 *   (P1) min_c ||Theta c - y||^2 + gamma ||L(c)||_*          (admm_solve)
 *   (P2) min_c ||L(c)||_*  subject to  Theta c = y             (admm_solve_interp)
 *
 * Method (scaled ADMM, Boyd et al. 2011): split Z = L(c), scaled dual U.
 *   c-step  P1: (2 Theta^T Theta + rho Lmat^T Lmat) c = 2 Theta^T y + rho Lmat^T (Z - U),
 *           Cholesky-factored once, refactored only when rho changes;
 *           P2: least squares ||Lc - Z + U|| on the affine set Theta c = y
 *           through its KKT system [Lmat^T Lmat, B^T; B, 0] (B: orthonormal
 *           rows spanning the row space of Theta, from its SVD).  rho cancels
 *           from that system, so it is LU-factored exactly once.
 *           If a system is singular (or its reciprocal condition number is
 *           below N * DBL_EPSILON) a proximal ridge delta/2 ||c - c_prev||^2
 *           is added: it does not move the fixed points, it only picks the
 *           step along directions the problem does not determine.
 *   Z-step  singular-value soft-thresholding of L(c) + U at gamma/rho (P1)
 *           or 1/rho (P2), SVD by dgesdd (dlinalg_svd).
 *   U-step  U += L(c) - Z.
 * Residuals: primal r = ||L(c) - Z||_F, dual s = rho ||Lmat^T (Z - Z_prev)||.
 * Stop when r <= eps_pri and s <= eps_dual with
 *   eps_pri  = sqrt(p q) eps_abs + eps_rel max(||L(c)||_F, ||Z||_F),
 *   eps_dual = sqrt(N)   eps_abs + eps_rel rho ||Lmat^T U||,
 * defaults eps_abs = 1e-9 and eps_rel = 1e-7 (so the absolute part is
 * 1e-9 * sqrt(size of the residual)), or after max_iter (default 20000).
 * Residual balancing (Boyd §3.4.1, mu = 10, tau = 2): every balance_every
 * iterations, rho *= tau if r > mu s, rho /= tau if s > mu r (U rescaled),
 * at most max_rho_changes times so that ADMM's convergence proof applies
 * to the tail of the run.
 * Interrupts: sym_interrupted (defined by the runtime) is polled every
 * iteration; when set, the current iterate is returned with
 * ADMM_INTERRUPTED (the flag is left for the caller to clear).
 */
#ifndef SYM_NUMERIC_ADMM_H
#define SYM_NUMERIC_ADMM_H

#include <signal.h>

#include "dmat.h"

#include "base/sym_interrupt.h"

/* Status codes (admm_strerror explains them). */
enum {
    /* aliases of base/sym_status.h (one numbering for libsym) */
    ADMM_OK = SYM_SUCCESS, /* finished: converged or reached max_iter (see res->converged) */
    ADMM_INTERRUPTED = SYM_E_INTERRUPTED, /* interrupted; res holds the current iterate */
    ADMM_ERR_DIM = SYM_E_DIM, /* shapes of Theta, y, Lmat, p, q or warm start disagree */
    ADMM_ERR_NOMEM = SYM_E_NOMEM,
    ADMM_ERR_NONFINITE = SYM_E_NONFINITE,   /* NaN or Inf in an input */
    ADMM_ERR_ARG = SYM_E_ARG,               /* bad gamma or option value */
    ADMM_ERR_INFEASIBLE = SYM_E_INFEASIBLE, /* P2: Theta c = y has no solution */
    ADMM_ERR_NUMERIC = SYM_E_NUMERIC /* a factorisation or SVD failed, or iterates overflowed */
};

/* Progress report passed to the callback. */
typedef struct AdmmProgress {
    int iter;
    double rho;
    double r_primal, r_dual, eps_primal, eps_dual;
    double nuclear_Z; /* ||Z||_* (sum of the thresholded singular values) */
    double fit;       /* ||Theta c - y|| */
} AdmmProgress;

typedef void (*AdmmCallback)(void *arg, const AdmmProgress *progress);

typedef struct AdmmOptions {
    double rho;            /* initial penalty (default 1); with U0 it is U0's scale */
    double eps_abs;        /* default 1e-9 */
    double eps_rel;        /* default 1e-7 */
    int max_iter;          /* default 20000 */
    int balance;           /* residual balancing on (default 1) */
    double mu, tau;        /* default 10, 2 */
    int balance_every;     /* default 10 */
    int max_rho_changes;   /* default 100 */
    AdmmCallback callback; /* may be NULL */
    void *callback_arg;
    int callback_every; /* default 100; <= 0 disables */
    const DMat *c0;     /* warm start, N x 1, may be NULL */
    const DMat *Z0;     /* p x q, may be NULL (then Z = L(c0)) */
    const DMat *U0;     /* p x q scaled dual at rho, may be NULL (then 0) */
} AdmmOptions;

/* The problem data, all borrowed. */
typedef struct AdmmProblem {
    const DMat *Theta; /* m x N */
    const DMat *y;     /* m x 1 */
    const DMat *Lmat;  /* p*q x N */
    int p, q;
} AdmmProblem;

typedef struct AdmmResult {
    DMat *c;             /* N x 1 solution */
    DMat *Z, *U;         /* p x q split variable and scaled dual (for warm starts) */
    DMat *sv;            /* min(p, q) x 1 singular values of L(c), descending */
    double gamma;        /* gamma used (0 for P2) */
    int interpolate;     /* 1 for P2 */
    double objective;    /* P1: ||Theta c - y||^2 + gamma ||L(c)||_*; P2: ||L(c)||_* */
    double fit;          /* ||Theta c - y|| */
    double nuclear_norm; /* ||L(c)||_* */
    int iterations;
    int converged;
    double r_primal, r_dual, eps_primal, eps_dual;
    double rho;   /* final penalty (U is scaled by it) */
    double ridge; /* proximal ridge used in the c-step (0 if none) */
} AdmmResult;

/* Static message for a status code. */
const char *admm_strerror(int status);

/* Sets every option to its default. */
void admm_options_init(AdmmOptions *opt);

/* Empty result (all matrices NULL); admm_result_clear frees and re-empties. */
void admm_result_init(AdmmResult *res);
void admm_result_clear(AdmmResult *res);

/* Solves (P1) for gamma >= 0.  res must be initialised (admm_result_init);
 * its old contents are cleared.  Returns ADMM_OK (res->converged says
 * whether the tolerances were met), ADMM_INTERRUPTED (res holds the current
 * iterate) or an error, in which case res is left empty.  opt may be NULL
 * for defaults.  The result's matrices are owned by res. */
int admm_solve(AdmmResult *res, const AdmmProblem *prob, double gamma, const AdmmOptions *opt);

/* Solves (P2), exact interpolation; as admm_solve.  ADMM_ERR_INFEASIBLE
 * when y is not in the range of Theta (relative residual above 1e-8). */
int admm_solve_interp(AdmmResult *res, const AdmmProblem *prob, const AdmmOptions *opt);

/* Solves (P1) for gammas[0..n-1] in the order given, each warm-started
 * from the previous solution (its c, Z, rho and its dual scaled by the
 * ratio of the gammas); the first uses opt's warm start if any.
 * results[0..n-1] must be initialised; *ndone gets the number of results
 * filled (n on success; on interrupt it includes the interrupted one).
 * Returns the first status other than ADMM_OK, else ADMM_OK. */
int admm_path(AdmmResult *results, int *ndone, const AdmmProblem *prob, const double *gammas, int n,
              const AdmmOptions *opt);

#endif
