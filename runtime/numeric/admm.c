/* admm.c — ADMM for nuclear-norm promotion problems (see admm.h).
 *
 * One workspace (AdmmWork) holds every buffer so that the iteration itself
 * allocates nothing except what dlinalg_svd returns.  Invariants inside the
 * loop: Lc = Lmat c for the current c; U is the dual scaled by the current
 * rho; the c-step factor matches the current rho (P1) or never depends on
 * it (P2).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "admm.h"

#include <cblas.h>
#include <float.h>
#include <lapacke.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "blas_threads.h"
#include "dlinalg.h"

#define LD(x) ((x) > 1 ? (x) : 1)

const char *admm_strerror(int status)
{
    switch (status) {
    case ADMM_OK:
        return "ok";
    case ADMM_INTERRUPTED:
        return "interrupted";
    case ADMM_ERR_DIM:
        return "dimensions of Theta, y and the Lie-derivative map do not match";
    case ADMM_ERR_NOMEM:
        return "out of memory";
    case ADMM_ERR_NONFINITE:
        return "NaN or Inf in the input";
    case ADMM_ERR_ARG:
        return "bad gamma or solver option";
    case ADMM_ERR_INFEASIBLE:
        return "Theta c = y has no solution (interpolation infeasible)";
    case ADMM_ERR_NUMERIC:
        return "numerical failure in the solver (factorisation, SVD or overflow)";
    default:
        return sym_strerror(status); /* another engine's code */
    }
}

void admm_options_init(AdmmOptions *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->rho = 1.0;
    opt->eps_abs = 1e-9;
    opt->eps_rel = 1e-7;
    opt->max_iter = 20000;
    opt->balance = 1;
    opt->mu = 10.0;
    opt->tau = 2.0;
    opt->balance_every = 10;
    opt->max_rho_changes = 100;
    opt->callback_every = 100;
}

void admm_result_init(AdmmResult *res)
{
    memset(res, 0, sizeof *res);
}

void admm_result_clear(AdmmResult *res)
{
    dmat_free(res->c);
    dmat_free(res->Z);
    dmat_free(res->U);
    dmat_free(res->sv);
    admm_result_init(res);
}

typedef struct AdmmWork {
    int m, N, p, q, pq, interp;
    int nk;          /* order of the c-step system: N (P1) or N + r (P2) */
    int r;           /* P2: rank of Theta */
    const double *L; /* Lmat data, pq x N (borrowed) */
    double *G;       /* P1: Theta^T Theta; P2: unused */
    double *LtL;     /* Lmat^T Lmat */
    double *K;       /* factor of the c-step system, nk x nk */
    int *ipiv;       /* P2: LU pivots */
    double *b0;      /* P1: 2 Theta^T y (N); P2: d (r), B stored in Bm */
    double *Bm;      /* P2: r x N constraint rows */
    double *c, *cprev, *Lc, *Z, *Zprev, *U, *W, *rhs, *tN;
    double delta; /* proximal ridge */
} AdmmWork;

static void work_clear(AdmmWork *w)
{
    free(w->G);
    free(w->LtL);
    free(w->K);
    free(w->ipiv);
    free(w->b0);
    free(w->Bm);
    free(w->c);
    free(w->cprev);
    free(w->Lc);
    free(w->Z);
    free(w->Zprev);
    free(w->U);
    free(w->W);
    free(w->rhs);
    free(w->tN);
}

static double *dalloc(size_t n)
{
    return calloc(n ? n : 1, sizeof(double));
}

static double vnorm(const double *x, int n)
{
    return n > 0 ? cblas_dnrm2(n, x, 1) : 0.0;
}

/* Checks the problem and a warm start; returns a status. */
static int check_problem(const AdmmProblem *prob, const AdmmOptions *opt)
{
    if (!prob || !prob->Theta || !prob->y || !prob->Lmat)
        return ADMM_ERR_ARG;
    const DMat *T = prob->Theta, *y = prob->y, *L = prob->Lmat;
    if (prob->p < 1 || prob->q < 1 || T->cols < 1 || T->rows < 0)
        return ADMM_ERR_DIM;
    if ((long)prob->p * prob->q > 100000000L)
        return ADMM_ERR_DIM;
    if (y->rows != T->rows || y->cols != 1 || L->cols != T->cols || L->rows != prob->p * prob->q)
        return ADMM_ERR_DIM;
    if (dmat_has_nonfinite(T) || dmat_has_nonfinite(y) || dmat_has_nonfinite(L))
        return ADMM_ERR_NONFINITE;
    if (!(opt->rho > 0) || !isfinite(opt->rho) || !(opt->eps_abs >= 0) || !(opt->eps_rel >= 0) ||
        !isfinite(opt->eps_abs) || !isfinite(opt->eps_rel) || opt->eps_abs + opt->eps_rel <= 0 ||
        opt->max_iter < 0 || !(opt->mu > 1) || !(opt->tau > 1) || !isfinite(opt->mu) ||
        !isfinite(opt->tau) || opt->balance_every < 1 || opt->max_rho_changes < 0)
        return ADMM_ERR_ARG;
    if (opt->c0 && (opt->c0->rows != T->cols || opt->c0->cols != 1))
        return ADMM_ERR_DIM;
    if (opt->Z0 && (opt->Z0->rows != prob->p || opt->Z0->cols != prob->q))
        return ADMM_ERR_DIM;
    if (opt->U0 && (opt->U0->rows != prob->p || opt->U0->cols != prob->q))
        return ADMM_ERR_DIM;
    if ((opt->c0 && dmat_has_nonfinite(opt->c0)) || (opt->Z0 && dmat_has_nonfinite(opt->Z0)) ||
        (opt->U0 && dmat_has_nonfinite(opt->U0)))
        return ADMM_ERR_NONFINITE;
    return ADMM_OK;
}

/* P1: factor K = 2 G + rho LtL + delta I by Cholesky (lower).  If it is not
 * positive definite or badly conditioned, a proximal ridge delta is added
 * (and kept for later refactorisations). */
static int factor_p1(AdmmWork *w, double rho)
{
    int N = w->N;
    double scale = 0;
    for (int i = 0; i < N; i++) {
        double d = 2 * w->G[i + (size_t)i * N] + rho * w->LtL[i + (size_t)i * N];
        if (d > scale)
            scale = d;
    }
    if (scale <= 0)
        scale = 1;
    blas_threads_for_size((long)N * N * N);
    for (int attempt = 0; attempt < 8; attempt++) {
        for (size_t i = 0; i < (size_t)N * N; i++)
            w->K[i] = 2 * w->G[i] + rho * w->LtL[i];
        for (int i = 0; i < N; i++)
            w->K[i + (size_t)i * N] += w->delta;
        double anorm = LAPACKE_dlange(LAPACK_COL_MAJOR, '1', N, N, w->K, N);
        lapack_int info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', N, w->K, N);
        double rcond = 0;
        if (info == 0 && LAPACKE_dpocon(LAPACK_COL_MAJOR, 'L', N, w->K, N, anorm, &rcond) != 0)
            rcond = 0;
        if (info == 0 && rcond >= N * DBL_EPSILON)
            return ADMM_OK;
        w->delta = w->delta > 0 ? w->delta * 100 : 1e-10 * scale;
    }
    return ADMM_ERR_NUMERIC;
}

/* P2: factor K = [LtL + delta I, B^T; B, 0] by LU, ridge as in factor_p1. */
static int factor_p2(AdmmWork *w)
{
    int N = w->N, r = w->r, n = w->nk;
    double scale = 0;
    for (int i = 0; i < N; i++)
        if (w->LtL[i + (size_t)i * N] > scale)
            scale = w->LtL[i + (size_t)i * N];
    if (scale <= 0)
        scale = 1;
    blas_threads_for_size((long)n * n * n);
    for (int attempt = 0; attempt < 8; attempt++) {
        memset(w->K, 0, sizeof(double) * (size_t)n * n);
        for (int j = 0; j < N; j++) {
            for (int i = 0; i < N; i++)
                w->K[i + (size_t)j * n] = w->LtL[i + (size_t)j * N];
            w->K[j + (size_t)j * n] += w->delta;
            for (int i = 0; i < r; i++) {
                double b = w->Bm[i + (size_t)j * r];
                w->K[(N + i) + (size_t)j * n] = b;
                w->K[j + (size_t)(N + i) * n] = b;
            }
        }
        double anorm = LAPACKE_dlange(LAPACK_COL_MAJOR, '1', n, n, w->K, n);
        lapack_int info = LAPACKE_dgetrf(LAPACK_COL_MAJOR, n, n, w->K, n, w->ipiv);
        double rcond = 0;
        if (info == 0 && LAPACKE_dgecon(LAPACK_COL_MAJOR, '1', n, w->K, n, anorm, &rcond) != 0)
            rcond = 0;
        if (info == 0 && rcond >= n * DBL_EPSILON)
            return ADMM_OK;
        w->delta = w->delta > 0 ? w->delta * 100 : 1e-10 * scale;
    }
    return ADMM_ERR_NUMERIC;
}

/* Sets up the workspace: sizes, Gram matrices, P2 constraint rows. */
static int work_init(AdmmWork *w, const AdmmProblem *prob, int interp)
{
    memset(w, 0, sizeof *w);
    int m = prob->Theta->rows, N = prob->Theta->cols;
    w->m = m;
    w->N = N;
    w->p = prob->p;
    w->q = prob->q;
    w->pq = prob->p * prob->q;
    w->interp = interp;
    w->L = prob->Lmat->data;
    size_t NN = (size_t)N * N, pq = (size_t)w->pq;
    w->LtL = dalloc(NN);
    w->c = dalloc(N);
    w->cprev = dalloc(N);
    w->tN = dalloc(N);
    w->Lc = dalloc(pq);
    w->Z = dalloc(pq);
    w->Zprev = dalloc(pq);
    w->U = dalloc(pq);
    w->W = dalloc(pq);
    if (!w->LtL || !w->c || !w->cprev || !w->tN || !w->Lc || !w->Z || !w->Zprev || !w->U || !w->W)
        return ADMM_ERR_NOMEM;
    blas_threads_for_size((long)N * N * w->pq);
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, N, w->pq, 1.0, w->L, LD(w->pq), 0.0, w->LtL,
                N);
    for (int j = 0; j < N; j++)
        for (int i = 0; i < j; i++)
            w->LtL[i + (size_t)j * N] = w->LtL[j + (size_t)i * N];
    const double *T = prob->Theta->data, *y = prob->y->data;
    if (!interp) {
        w->nk = N;
        w->G = dalloc(NN);
        w->K = dalloc(NN);
        w->b0 = dalloc(N);
        w->rhs = dalloc(N);
        if (!w->G || !w->K || !w->b0 || !w->rhs)
            return ADMM_ERR_NOMEM;
        if (m > 0) {
            blas_threads_for_size((long)N * N * m);
            cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, N, m, 1.0, T, LD(m), 0.0, w->G, N);
            for (int j = 0; j < N; j++)
                for (int i = 0; i < j; i++)
                    w->G[i + (size_t)j * N] = w->G[j + (size_t)i * N];
            cblas_dgemv(CblasColMajor, CblasTrans, m, N, 2.0, T, LD(m), y, 1, 0.0, w->b0, 1);
        }
        return ADMM_OK;
    }
    /* P2: Theta = U S V^T; B = V_r^T, d = S_r^{-1} U_r^T y. */
    int r = 0;
    if (m > 0) {
        DMat *Us = NULL, *s = NULL, *Vt = NULL;
        int st = dlinalg_svd(&Us, &s, &Vt, prob->Theta);
        if (st != 0)
            return st == DLINALG_ERR_NOMEM ? ADMM_ERR_NOMEM : ADMM_ERR_NUMERIC;
        int k = s->rows;
        double s1 = k > 0 ? s->data[0] : 0;
        double tol = (m > N ? m : N) * DBL_EPSILON * s1;
        while (r < k && s->data[r] > tol)
            r++;
        w->Bm = dalloc((size_t)r * N);
        w->b0 = dalloc(r);
        double *proj = dalloc(m);
        if (!w->Bm || !w->b0 || !proj) {
            free(proj);
            dmat_free(Us);
            dmat_free(s);
            dmat_free(Vt);
            return ADMM_ERR_NOMEM;
        }
        for (int i = 0; i < r; i++) {
            double ui = cblas_ddot(m, Us->data + (size_t)i * m, 1, y, 1);
            w->b0[i] = ui / s->data[i];
            cblas_daxpy(m, ui, Us->data + (size_t)i * m, 1, proj, 1);
            for (int j = 0; j < N; j++)
                w->Bm[i + (size_t)j * r] = Vt->data[i + (size_t)j * k];
        }
        double ny = vnorm(y, m), dist = 0;
        for (int i = 0; i < m; i++)
            dist += (y[i] - proj[i]) * (y[i] - proj[i]);
        free(proj);
        dmat_free(Us);
        dmat_free(s);
        dmat_free(Vt);
        if (sqrt(dist) > 1e-8 * ny)
            return ADMM_ERR_INFEASIBLE;
    }
    w->r = r;
    w->nk = N + r;
    size_t nk = (size_t)w->nk;
    w->K = dalloc(nk * nk);
    w->ipiv = calloc(nk, sizeof(int));
    w->rhs = dalloc(nk);
    if (!w->K || !w->ipiv || !w->rhs)
        return ADMM_ERR_NOMEM;
    return ADMM_OK;
}

/* c-step: solves for the new c given Z, U, rho and the previous c. */
static void c_step(AdmmWork *w, double rho)
{
    int N = w->N, pq = w->pq;
    for (int i = 0; i < pq; i++)
        w->W[i] = w->Z[i] - w->U[i];
    memcpy(w->cprev, w->c, sizeof(double) * (size_t)N);
    blas_threads_for_size((long)N * pq);
    if (!w->interp) {
        cblas_dgemv(CblasColMajor, CblasTrans, pq, N, rho, w->L, pq, w->W, 1, 0.0, w->rhs, 1);
        for (int i = 0; i < N; i++)
            w->rhs[i] += w->b0[i] + w->delta * w->cprev[i];
        LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', N, 1, w->K, N, w->rhs, N);
    } else {
        cblas_dgemv(CblasColMajor, CblasTrans, pq, N, 1.0, w->L, pq, w->W, 1, 0.0, w->rhs, 1);
        for (int i = 0; i < N; i++)
            w->rhs[i] += w->delta * w->cprev[i];
        for (int i = 0; i < w->r; i++)
            w->rhs[N + i] = w->b0[i];
        LAPACKE_dgetrs(LAPACK_COL_MAJOR, 'N', w->nk, 1, w->K, w->nk, w->ipiv, w->rhs, w->nk);
    }
    memcpy(w->c, w->rhs, sizeof(double) * (size_t)N);
    cblas_dgemv(CblasColMajor, CblasNoTrans, pq, N, 1.0, w->L, pq, w->c, 1, 0.0, w->Lc, 1);
}

/* Z-step: Z = SVT_thr(Lc + U); *nucZ gets ||Z||_*. */
static int z_step(AdmmWork *w, double thr, double *nucZ)
{
    int pq = w->pq;
    for (int i = 0; i < pq; i++)
        w->W[i] = w->Lc[i] + w->U[i];
    DMat A = {w->p, w->q, w->W};
    DMat *Us = NULL, *s = NULL, *Vt = NULL;
    int st = dlinalg_svd(&Us, &s, &Vt, &A);
    if (st != 0)
        return st == DLINALG_ERR_NOMEM ? ADMM_ERR_NOMEM : ADMM_ERR_NUMERIC;
    int k = s->rows, p = w->p, q = w->q;
    memset(w->Z, 0, sizeof(double) * (size_t)pq);
    double nuc = 0;
    for (int i = 0; i < k; i++) {
        double si = s->data[i] - thr;
        if (si <= 0)
            break;
        nuc += si;
        /* Z += si * u_i v_i^T */
        cblas_dger(CblasColMajor, p, q, si, Us->data + (size_t)i * p, 1, Vt->data + i, k, w->Z, p);
    }
    dmat_free(Us);
    dmat_free(s);
    dmat_free(Vt);
    *nucZ = nuc;
    return ADMM_OK;
}

static double fit_norm(const AdmmProblem *prob, const double *c, double *tmp_m)
{
    int m = prob->Theta->rows, N = prob->Theta->cols;
    if (m == 0)
        return 0;
    memcpy(tmp_m, prob->y->data, sizeof(double) * (size_t)m);
    cblas_dgemv(CblasColMajor, CblasNoTrans, m, N, 1.0, prob->Theta->data, m, c, 1, -1.0, tmp_m, 1);
    return vnorm(tmp_m, m);
}

static DMat *dmat_from(const double *x, int rows, int cols)
{
    DMat *A = dmat_new(rows, cols);
    if (A && A->data)
        memcpy(A->data, x, sizeof(double) * (size_t)rows * cols);
    return A;
}

/* Fills res from the workspace (c, Z, U, sv, norms); returns a status. */
static int fill_result(AdmmResult *res, const AdmmWork *w, const AdmmProblem *prob, double gamma,
                       double rho)
{
    res->c = dmat_from(w->c, w->N, 1);
    res->Z = dmat_from(w->Z, w->p, w->q);
    res->U = dmat_from(w->U, w->p, w->q);
    double *tm = dalloc(w->m);
    if (!res->c || !res->Z || !res->U || !tm) {
        free(tm);
        return ADMM_ERR_NOMEM;
    }
    DMat A = {w->p, w->q, w->Lc};
    int st = dlinalg_svd(NULL, &res->sv, NULL, &A);
    if (st != 0) {
        free(tm);
        return st == DLINALG_ERR_NOMEM ? ADMM_ERR_NOMEM : ADMM_ERR_NUMERIC;
    }
    double nuc = 0;
    for (int i = 0; i < res->sv->rows; i++)
        nuc += res->sv->data[i];
    res->nuclear_norm = nuc;
    res->fit = fit_norm(prob, w->c, tm);
    free(tm);
    res->gamma = w->interp ? 0 : gamma;
    res->interpolate = w->interp;
    res->objective = w->interp ? nuc : res->fit * res->fit + gamma * nuc;
    res->rho = rho;
    res->ridge = w->delta;
    return ADMM_OK;
}

static int admm_run(AdmmResult *res, const AdmmProblem *prob, double gamma,
                    const AdmmOptions *optin, int interp)
{
    AdmmOptions defaults;
    if (!optin) {
        admm_options_init(&defaults);
        optin = &defaults;
    }
    const AdmmOptions *opt = optin;
    if (!res)
        return ADMM_ERR_ARG;
    admm_result_clear(res);
    int st = check_problem(prob, opt);
    if (st)
        return st;
    if (!interp && (!(gamma >= 0) || !isfinite(gamma)))
        return ADMM_ERR_ARG;

    AdmmWork w;
    st = work_init(&w, prob, interp);
    double rho = opt->rho;
    if (!st)
        st = interp ? factor_p2(&w) : factor_p1(&w, rho);
    if (st) {
        work_clear(&w);
        return st;
    }
    int N = w.N, pq = w.pq;
    if (opt->c0)
        memcpy(w.c, opt->c0->data, sizeof(double) * (size_t)N);
    cblas_dgemv(CblasColMajor, CblasNoTrans, pq, N, 1.0, w.L, pq, w.c, 1, 0.0, w.Lc, 1);
    if (opt->Z0)
        memcpy(w.Z, opt->Z0->data, sizeof(double) * (size_t)pq);
    else
        memcpy(w.Z, w.Lc, sizeof(double) * (size_t)pq);
    if (opt->U0)
        memcpy(w.U, opt->U0->data, sizeof(double) * (size_t)pq);

    double thr_num = interp ? 1.0 : gamma;
    double rp = INFINITY, rd = INFINITY, ep = 0, ed = 0, nucZ = 0;
    int iter = 0, converged = 0, changes = 0, status = ADMM_OK;
    double *tm = dalloc(w.m);
    if (!tm) {
        work_clear(&w);
        return ADMM_ERR_NOMEM;
    }
    while (iter < opt->max_iter) {
        if (sym_interrupt_poll()) {
            status = ADMM_INTERRUPTED;
            break;
        }
        c_step(&w, rho);
        memcpy(w.Zprev, w.Z, sizeof(double) * (size_t)pq);
        st = z_step(&w, thr_num / rho, &nucZ);
        if (st) {
            status = st;
            break;
        }
        for (int i = 0; i < pq; i++) {
            w.U[i] += w.Lc[i] - w.Z[i];
            w.W[i] = w.Z[i] - w.Zprev[i];
        }
        iter++;
        /* residuals and tolerances */
        double s2 = 0;
        for (int i = 0; i < pq; i++) {
            double d = w.Lc[i] - w.Z[i];
            s2 += d * d;
        }
        rp = sqrt(s2);
        cblas_dgemv(CblasColMajor, CblasTrans, pq, N, rho, w.L, pq, w.W, 1, 0.0, w.tN, 1);
        rd = vnorm(w.tN, N);
        cblas_dgemv(CblasColMajor, CblasTrans, pq, N, rho, w.L, pq, w.U, 1, 0.0, w.tN, 1);
        double nLc = vnorm(w.Lc, pq), nZ = vnorm(w.Z, pq);
        ep = sqrt((double)pq) * opt->eps_abs + opt->eps_rel * (nLc > nZ ? nLc : nZ);
        ed = sqrt((double)N) * opt->eps_abs + opt->eps_rel * vnorm(w.tN, N);
        if (!isfinite(rp) || !isfinite(rd)) {
            status = ADMM_ERR_NUMERIC;
            break;
        }
        if (opt->callback && opt->callback_every > 0 && iter % opt->callback_every == 0) {
            AdmmProgress pr = {iter, rho, rp, rd, ep, ed, nucZ, fit_norm(prob, w.c, tm)};
            opt->callback(opt->callback_arg, &pr);
        }
        if (rp <= ep && rd <= ed) {
            converged = 1;
            break;
        }
        if (opt->balance && changes < opt->max_rho_changes && iter % opt->balance_every == 0) {
            double f = 1.0;
            if (rp > opt->mu * rd)
                f = opt->tau;
            else if (rd > opt->mu * rp)
                f = 1.0 / opt->tau;
            if (f != 1.0) {
                rho *= f;
                for (int i = 0; i < pq; i++)
                    w.U[i] /= f;
                changes++;
                if (!interp && (st = factor_p1(&w, rho)) != 0) {
                    status = st;
                    break;
                }
            }
        }
    }
    free(tm);
    if (status == ADMM_OK || status == ADMM_INTERRUPTED) {
        res->iterations = iter;
        res->converged = converged;
        res->r_primal = rp;
        res->r_dual = rd;
        res->eps_primal = ep;
        res->eps_dual = ed;
        st = fill_result(res, &w, prob, gamma, rho);
        if (st)
            status = st;
    }
    work_clear(&w);
    if (status != ADMM_OK && status != ADMM_INTERRUPTED)
        admm_result_clear(res);
    return status;
}

int admm_solve(AdmmResult *res, const AdmmProblem *prob, double gamma, const AdmmOptions *opt)
{
    return admm_run(res, prob, gamma, opt, 0);
}

int admm_solve_interp(AdmmResult *res, const AdmmProblem *prob, const AdmmOptions *opt)
{
    return admm_run(res, prob, 0.0, opt, 1);
}

int admm_path(AdmmResult *results, int *ndone, const AdmmProblem *prob, const double *gammas, int n,
              const AdmmOptions *opt)
{
    if (ndone)
        *ndone = 0;
    if (!results || n < 0 || (n > 0 && !gammas))
        return ADMM_ERR_ARG;
    AdmmOptions o;
    if (opt)
        o = *opt;
    else
        admm_options_init(&o);
    DMat *Uw = NULL;
    int status = ADMM_OK;
    for (int i = 0; i < n; i++) {
        if (i > 0) {
            const AdmmResult *prev = &results[i - 1];
            dmat_free(Uw);
            Uw = dmat_copy(prev->U);
            if (!Uw) {
                status = ADMM_ERR_NOMEM;
                break;
            }
            /* the dual of the optimum scales with gamma */
            if (gammas[i - 1] > 0 && isfinite(gammas[i]) && gammas[i] >= 0)
                dmat_scale(Uw, gammas[i] / gammas[i - 1]);
            o.c0 = prev->c;
            o.Z0 = prev->Z;
            o.U0 = Uw;
            o.rho = prev->rho;
        }
        status = admm_solve(&results[i], prob, gammas[i], &o);
        if (status == ADMM_OK || status == ADMM_INTERRUPTED)
            if (ndone)
                *ndone = i + 1;
        if (status != ADMM_OK)
            break;
    }
    dmat_free(Uw);
    return status;
}
