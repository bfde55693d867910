/* recovery.c — the recovery ("statistical dimension") experiment of
 * Otto et al. (arXiv 2311.00212, the recovery experiment): how many random samples does
 * nuclear-norm symmetry promotion need to recover a polynomial with a hidden symmetry?
 *
 * For one case (set ortho|quad, prior t|se, m, r, d) and one seed:
 *   - ground truth F = phi_d(y(x)), phi_d with Uniform[0,1) coefficients on
 *     every monomial of degree <= d in r variables (constant included);
 *     ortho: y_k = u_k^T x with U (m x r, orthonormal columns) from the SVD
 *     of an m x r standard normal matrix; quad: y_k = |x - c_k|^2 with
 *     c_k ~ Uniform[-1,1]^m.  Expanded (in doubles: this is the data
 *     generator) in the monomial library of degree deg = d (ortho) or 2d
 *     (quad) in m variables, monobasis order: c_true, N = C(m+deg, deg);
 *   - N+1 nested training points Uniform[-1,1]^m, Y = Theta c_true;
 *   - L-hat at Ns points Uniform[-1,1]^m (Ns = C(m+deg,deg)+1 for se,
 *     C(m+deg-1,deg-1)+1 for t): L(c)[j,i] = -grad F_c(p_j) . v_i(p_j) with
 *     the Frobenius-normalised generators (se: rotations
 *     (x_b e_a - x_a e_b)/sqrt2 for a<b, then translations e_a; t: e_a);
 *   - for n training points: min ||L(c)||_* s.t. Theta_n c = Y_n by ADMM
 *     (c-step on the affine set through a null basis of Theta_n, Z-step
 *     singular value soft thresholding at 1/rho, residual balancing);
 *     success iff ||c - c_true||_inf / ||c_true||_inf < 5e-3;
 *   - binary search for the smallest successful n in [1, N+1] (at most 15
 *     steps, assuming monotonicity), ADMM warm-started from the previous
 *     solve's (Z, U, rho).
 * L is never formed as a (Ns q) x N matrix: c -> gradients at the points
 * (Dm, Ns m x N) then the generators act pointwise; L^T L = Dm^T K Dm with
 * K_j = M_j M_j^T = I (t) or I + (|p_j|^2 I - p_j p_j^T)/2 (se).
 *
 * Output: one CSV row per seed:
 *   set,prior,m,r,d,seed,n_recover,n_lib,dt,tot_iters,n_solves
 * Usage: recovery [options] SET PRIOR M R D SEED0 [SEED1]
 *   runs seeds SEED0..SEED1 (default SEED1 = SEED0); options
 *   --eps-rel E (default 1e-4) --eps-abs E (1e-9) --max-iter K (20000)
 *   --alpha A (over-relaxation, default 1) --thresh T (5e-3) --header
 *   --verbose (twice: ADMM progress) --selftest (checks L^T L against the
 *   explicit operator and the rank of L(c_true), then exits).
 * Stopping rule: ||L(c) - Z||_F <= sqrt(Ns q) eps_abs + eps_rel max(||L(c)||,
 *   ||Z||) and rho ||Z - Z_prev||_F <= sqrt(Ns q) eps_abs + eps_rel rho ||U||.
 *   eps_rel = 1e-4 gives the same n_recover as 1e-5..1e-8 on the d = 2, 3
 *   cases checked (successful solves end ~1e-5 from c_true, failures
 *   >= 1e-2 away) with 3-4x fewer iterations.
 * Not a test: tests/bench/recovery.sh runs the grid.
 */
/* FLINT headers first: cblas.h pulls in complex.h, whose I breaks them */
#include "exact/monobasis.h"

#include <cblas.h>
#include <float.h>
#include <lapacke.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "numeric/dlinalg.h"
#include "numeric/dmat.h"
#include "numeric/rng.h"

typedef struct Options {
    double eps_rel, eps_abs, thresh, alpha;
    int max_iter, verbose;
} Options;

/* One case and seed: everything that does not depend on n. */
typedef struct Case {
    int quad, se, m, r, d, deg, seed;
    int N, Ns, q;    /* library size, L-hat points, algebra dim */
    MonoBasis B;     /* m variables, degree deg */
    double *ctrue;   /* N */
    double *X;       /* (N+1) x m training points, row-major */
    double *Theta;   /* (N+1) x N, column-major, leading dim N+1 */
    double *Y;       /* N+1 */
    double *P;       /* Ns x m sample points, row-major */
    double *Dm;      /* (Ns m) x N gradients, column-major, row j*m+a;
                        freed after L^T L is formed */
    int *na, **idx;  /* per variable a: the na[a] monomials containing x_a */
    double **Ga;     /* per variable a: Ns x na[a], d/dx_a of those at p_j */
    double *cg, *hg; /* scratch: N and Ns */
    double *LtL;     /* N x N */
} Case;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static double *dal(size_t n)
{
    return calloc(n ? n : 1, sizeof(double));
}

static long binom(int n, int k)
{
    long b = 1;
    for (int i = 1; i <= k; i++)
        b = b * (n - k + i) / i;
    return b;
}

/* out += a * P * Q for dense coefficient vectors in basis B (terms above
 * the basis degree are dropped: callers never produce them). */
static void poly_mul_add(double *out, const double *Pc, const double *Qc, double a,
                         const MonoBasis *B, ulong *e)
{
    slong S = B->size, n = B->nvars;
    for (slong i = 0; i < S; i++) {
        if (Pc[i] == 0)
            continue;
        const ulong *ei = monobasis_exp(B, i);
        for (slong j = 0; j < S; j++) {
            if (Qc[j] == 0)
                continue;
            const ulong *ej = monobasis_exp(B, j);
            for (slong v = 0; v < n; v++)
                e[v] = ei[v] + ej[v];
            slong idx = monobasis_index(B, e);
            if (idx >= 0)
                out[idx] += a * Pc[i] * Qc[j];
        }
    }
}

static void case_clear(Case *C)
{
    monobasis_clear(&C->B);
    free(C->ctrue);
    free(C->X);
    free(C->Theta);
    free(C->Y);
    free(C->P);
    free(C->Dm);
    free(C->LtL);
    for (int a = 0; a < C->m && C->Ga; a++) {
        free(C->Ga[a]);
        free(C->idx[a]);
    }
    free(C->Ga);
    free(C->idx);
    free(C->na);
    free(C->cg);
    free(C->hg);
    memset(C, 0, sizeof *C);
}

/* Builds the ground truth, data, gradient operator and L^T L.  Returns 0
 * or prints why it failed and returns 1. */
static int case_init(Case *C, int quad, int se, int m, int r, int d, int seed)
{
    char err[256] = "";
    memset(C, 0, sizeof *C);
    C->quad = quad;
    C->se = se;
    C->m = m;
    C->r = r;
    C->d = d;
    C->seed = seed;
    C->deg = quad ? 2 * d : d;
    if (monobasis_init(&C->B, m, C->deg, err)) {
        fprintf(stderr, "monobasis: %s\n", err);
        return 1;
    }
    int N = C->N = (int)C->B.size;
    C->Ns = se ? (int)binom(m + C->deg, C->deg) + 1 : (int)binom(m + C->deg - 1, C->deg - 1) + 1;
    C->q = se ? m * (m + 1) / 2 : m;
    int Ns = C->Ns;
    Rng rt, rx, rp;
    rng_init(&rt, 1000003ULL * (uint64_t)seed + 1);
    rng_init(&rx, 1000003ULL * (uint64_t)seed + 2);
    rng_init(&rp, 1000003ULL * (uint64_t)seed + 3);

    /* features y_k as polynomials in x */
    size_t S = (size_t)N;
    double *yk = dal(S * r);
    if (!yk) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    if (!quad) {
        DMat *G = dmat_new(m, r), *U = NULL, *s = NULL;
        if (!G) {
            free(yk);
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        for (int j = 0; j < r; j++)
            for (int i = 0; i < m; i++)
                DMAT_AT(G, i, j) = rng_normal(&rt);
        if (dlinalg_svd(&U, &s, NULL, G)) {
            fprintf(stderr, "svd failed\n");
            dmat_free(G);
            free(yk);
            return 1;
        }
        for (int k = 0; k < r; k++)
            for (int i = 0; i < m; i++)
                yk[k * S + 1 + i] = DMAT_AT(U, i, k); /* degree-1 monomials follow 1 */
        dmat_free(G);
        dmat_free(U);
        dmat_free(s);
    } else {
        ulong *e = calloc(m, sizeof(ulong));
        if (!e) {
            free(yk);
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        for (int k = 0; k < r; k++) {
            double cc = 0;
            for (int i = 0; i < m; i++) {
                double ci = rng_affine(-1.0, 2.0, rng_uniform(&rt));
                cc += ci * ci;
                yk[k * S + 1 + i] = -2 * ci;
                memset(e, 0, m * sizeof(ulong));
                e[i] = 2;
                yk[k * S + monobasis_index(&C->B, e)] = 1.0;
            }
            yk[k * S] = cc;
        }
        free(e);
    }
    /* phi_d(y): coefficients on monomials of degree <= d in r variables */
    MonoBasis Br;
    if (monobasis_init(&Br, r, d, err)) {
        fprintf(stderr, "monobasis: %s\n", err);
        free(yk);
        return 1;
    }
    double *pw = dal(S * (d + 1) * r); /* pw[(k*(d+1)+e)*S] = y_k^e */
    ulong *e = calloc(m, sizeof(ulong));
    C->ctrue = dal(S);
    double *acc = dal(S), *tmp = dal(S);
    if (!pw || !e || !C->ctrue || !acc || !tmp) {
        free(yk);
        free(pw);
        free(e);
        free(acc);
        free(tmp);
        monobasis_clear(&Br);
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (int k = 0; k < r; k++) {
        pw[(size_t)(k * (d + 1)) * S] = 1.0;
        for (int t = 1; t <= d; t++)
            poly_mul_add(pw + (size_t)(k * (d + 1) + t) * S, pw + (size_t)(k * (d + 1) + t - 1) * S,
                         yk + k * S, 1.0, &C->B, e);
    }
    for (slong a = 0; a < Br.size; a++) {
        double coef = rng_uniform(&rt);
        const ulong *ea = monobasis_exp(&Br, a);
        memset(acc, 0, S * sizeof(double));
        acc[0] = 1.0;
        for (int k = 0; k < r; k++) {
            if (ea[k] == 0)
                continue;
            memset(tmp, 0, S * sizeof(double));
            poly_mul_add(tmp, acc, pw + (size_t)(k * (d + 1) + ea[k]) * S, 1.0, &C->B, e);
            memcpy(acc, tmp, S * sizeof(double));
        }
        for (size_t i = 0; i < S; i++)
            C->ctrue[i] += coef * acc[i];
    }
    free(acc);
    free(tmp);
    free(pw);
    free(yk);
    monobasis_clear(&Br);

    /* training data */
    int nt = N + 1;
    C->X = dal((size_t)nt * m);
    C->Theta = dal((size_t)nt * N);
    C->Y = dal(nt);
    C->P = dal((size_t)Ns * m);
    C->Dm = dal((size_t)Ns * m * N);
    C->LtL = dal((size_t)N * N);
    if (!C->X || !C->Theta || !C->Y || !C->P || !C->Dm || !C->LtL) {
        free(e);
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    int D = C->deg;
    double *pt = dal((size_t)m * (D + 1));
    if (!pt) {
        free(e);
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (int i = 0; i < nt; i++) {
        for (int a = 0; a < m; a++)
            C->X[(size_t)i * m + a] = rng_affine(-1.0, 2.0, rng_uniform(&rx));
        for (int a = 0; a < m; a++) {
            pt[a * (D + 1)] = 1;
            for (int t = 1; t <= D; t++)
                pt[a * (D + 1) + t] = pt[a * (D + 1) + t - 1] * C->X[(size_t)i * m + a];
        }
        double yv = 0;
        for (int b = 0; b < N; b++) {
            const ulong *eb = monobasis_exp(&C->B, b);
            double v = 1;
            for (int a = 0; a < m; a++)
                v *= pt[a * (D + 1) + eb[a]];
            C->Theta[i + (size_t)b * nt] = v;
            yv += v * C->ctrue[b];
        }
        C->Y[i] = yv;
    }
    /* L-hat points and gradients of the monomials there */
    size_t R = (size_t)Ns * m;
    for (int j = 0; j < Ns; j++) {
        for (int a = 0; a < m; a++)
            C->P[(size_t)j * m + a] = rng_affine(-1.0, 2.0, rng_uniform(&rp));
        for (int a = 0; a < m; a++) {
            pt[a * (D + 1)] = 1;
            for (int t = 1; t <= D; t++)
                pt[a * (D + 1) + t] = pt[a * (D + 1) + t - 1] * C->P[(size_t)j * m + a];
        }
        for (int b = 0; b < N; b++) {
            const ulong *eb = monobasis_exp(&C->B, b);
            for (int a = 0; a < m; a++) {
                if (eb[a] == 0)
                    continue;
                double v = (double)eb[a] * pt[a * (D + 1) + eb[a] - 1];
                for (int a2 = 0; a2 < m; a2++)
                    if (a2 != a)
                        v *= pt[a2 * (D + 1) + eb[a2]];
                C->Dm[(size_t)j * m + a + (size_t)b * R] = v;
            }
        }
    }
    free(pt);
    free(e);
    /* the nonzero blocks of Dm, per variable (Dm is mostly zeros: only the
     * monomials containing x_a have a nonzero d/dx_a) */
    C->na = calloc(m, sizeof(int));
    C->idx = calloc(m, sizeof(int *));
    C->Ga = calloc(m, sizeof(double *));
    C->cg = dal(N);
    C->hg = dal(Ns);
    if (!C->na || !C->idx || !C->Ga || !C->cg || !C->hg) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (int a = 0; a < m; a++) {
        for (int b = 0; b < N; b++)
            if (monobasis_exp(&C->B, b)[a] > 0)
                C->na[a]++;
        C->idx[a] = calloc(C->na[a] ? C->na[a] : 1, sizeof(int));
        C->Ga[a] = dal((size_t)Ns * C->na[a]);
        if (!C->idx[a] || !C->Ga[a]) {
            fprintf(stderr, "out of memory\n");
            return 1;
        }
        int t = 0;
        for (int b = 0; b < N; b++)
            if (monobasis_exp(&C->B, b)[a] > 0) {
                C->idx[a][t] = b;
                for (int j = 0; j < Ns; j++)
                    C->Ga[a][j + (size_t)t * Ns] = C->Dm[(size_t)j * m + a + (size_t)b * R];
                t++;
            }
    }
    /* L^T L = Dm^T (K Dm) */
    double *KD = dal(R * N);
    if (!KD) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    memcpy(KD, C->Dm, R * N * sizeof(double));
    if (se) {
        for (int b = 0; b < N; b++)
            for (int j = 0; j < Ns; j++) {
                const double *x = C->P + (size_t)j * m;
                const double *g = C->Dm + (size_t)b * R + (size_t)j * m;
                double *o = KD + (size_t)b * R + (size_t)j * m;
                double xx = 0, xg = 0;
                for (int a = 0; a < m; a++) {
                    xx += x[a] * x[a];
                    xg += x[a] * g[a];
                }
                for (int a = 0; a < m; a++)
                    o[a] = g[a] + 0.5 * (xx * g[a] - x[a] * xg);
            }
    }
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, N, N, (int)R, 1.0, C->Dm, (int)R, KD,
                (int)R, 0.0, C->LtL, N);
    free(KD);
    free(C->Dm);
    C->Dm = NULL;
    for (int j = 0; j < N; j++)
        for (int i = 0; i < j; i++) {
            double v = 0.5 * (C->LtL[i + (size_t)j * N] + C->LtL[j + (size_t)i * N]);
            C->LtL[i + (size_t)j * N] = C->LtL[j + (size_t)i * N] = v;
        }
    return 0;
}

/* g (Ns m, entry j*m+a = d/dx_a F_c(p_j)) = Dm c, from the blocks. */
static void grad_apply(const Case *C, const double *c, double *g)
{
    int m = C->m, Ns = C->Ns;
    for (int a = 0; a < m; a++) {
        int na = C->na[a];
        for (int t = 0; t < na; t++)
            C->cg[t] = c[C->idx[a][t]];
        cblas_dgemv(CblasColMajor, CblasNoTrans, Ns, na, 1.0, C->Ga[a], Ns, C->cg, 1, 0.0, C->hg,
                    1);
        for (int j = 0; j < Ns; j++)
            g[(size_t)j * m + a] = C->hg[j];
    }
}

/* out (N) = Dm^T h, from the blocks. */
static void grad_adj(const Case *C, const double *h, double *out)
{
    int m = C->m, Ns = C->Ns;
    memset(out, 0, sizeof(double) * (size_t)C->N);
    for (int a = 0; a < m; a++) {
        int na = C->na[a];
        for (int j = 0; j < Ns; j++)
            C->hg[j] = h[(size_t)j * m + a];
        cblas_dgemv(CblasColMajor, CblasTrans, Ns, na, 1.0, C->Ga[a], Ns, C->hg, 1, 0.0, C->cg, 1);
        for (int t = 0; t < na; t++)
            out[C->idx[a][t]] += C->cg[t];
    }
}

/* Lc (Ns x q, column-major) = L(c) given g = Dm c. */
static void apply_gen(const Case *C, const double *g, double *Lc)
{
    int m = C->m, Ns = C->Ns;
    const double s2 = 1.0 / sqrt(2.0);
    for (int j = 0; j < Ns; j++) {
        const double *x = C->P + (size_t)j * m, *gj = g + (size_t)j * m;
        int col = 0;
        if (C->se)
            for (int a = 0; a < m; a++)
                for (int b = a + 1; b < m; b++, col++)
                    Lc[j + (size_t)col * Ns] = -(gj[a] * x[b] - gj[b] * x[a]) * s2;
        for (int a = 0; a < m; a++, col++)
            Lc[j + (size_t)col * Ns] = -gj[a];
    }
}

/* h (Ns m) = adjoint of apply_gen applied to W (Ns x q). */
static void apply_gen_adj(const Case *C, const double *W, double *h)
{
    int m = C->m, Ns = C->Ns;
    const double s2 = 1.0 / sqrt(2.0);
    for (int j = 0; j < Ns; j++) {
        const double *x = C->P + (size_t)j * m;
        double *hj = h + (size_t)j * m;
        int col = 0;
        for (int a = 0; a < m; a++)
            hj[a] = 0;
        if (C->se)
            for (int a = 0; a < m; a++)
                for (int b = a + 1; b < m; b++, col++) {
                    double w = W[j + (size_t)col * Ns] * s2;
                    hj[a] -= w * x[b];
                    hj[b] += w * x[a];
                }
        for (int a = 0; a < m; a++, col++)
            hj[a] -= W[j + (size_t)col * Ns];
    }
}

/* For q >= GRAM_SVT_MIN_Q (se(m), m >= 24) the Z-step takes the
 * eigenvectors of W^T W above thr^2 (dsyevr, range 'V') instead of a full
 * SVD of W: 1.5x faster for se(30) (q = 465), slower for q = 120.  Only
 * singular values above thr matter, and the squared ones are resolved to
 * ~eps * s_max^2, far below thr^2 for the ratios s_max / thr met here. */
#define GRAM_SVT_MIN_Q 300

typedef struct GramWork {
    double *G, *w, *V, *WV;
    lapack_int *isuppz;
} GramWork;

/* Z (p x q) = SVT_thr(W) for p >= q through the Gram matrix; returns 0 or 1
 * if LAPACK fails. */
static int svt_gram(double *Z, const double *W, int p, int q, double thr, GramWork *g)
{
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, q, p, 1.0, W, p, 0.0, g->G, q);
    lapack_int M = 0;
    double vu = 0;
    for (int i = 0; i < q; i++)
        vu += g->G[i + (size_t)i * q];
    if (LAPACKE_dsyevr(LAPACK_COL_MAJOR, 'V', 'V', 'L', q, g->G, q, thr * thr, 2 * vu + 1, 0, 0,
                       0.0, &M, g->w, g->V, q, g->isuppz) != 0)
        return 1;
    memset(Z, 0, sizeof(double) * (size_t)p * q);
    if (M == 0)
        return 0;
    /* Z = W V diag(1 - thr/s) V^T */
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, p, M, q, 1.0, W, p, g->V, q, 0.0, g->WV,
                p);
    for (int i = 0; i < M; i++) {
        double si = sqrt(g->w[i]), f = si > thr ? 1 - thr / si : 0;
        cblas_dscal(p, f, g->WV + (size_t)i * p, 1);
    }
    cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, p, q, M, 1.0, g->WV, p, g->V, q, 0.0, Z,
                p);
    return 0;
}

/* ADMM state carried between solves (warm start). */
typedef struct Warm {
    double *Z, *U;
    double rho;
    int valid;
} Warm;

/* Solves min ||L(c)||_* s.t. Theta_n c = Y_n; writes c (N); returns the
 * number of iterations, -1 on a numerical failure (counted as a failed
 * recovery) or -2 when memory runs out.  wm: warm start in, state out. */
static int solve_n(double *c, const Case *C, int n, const Options *o, Warm *wm)
{
    int N = C->N, Ns = C->Ns, q = C->q, m = C->m, nt = N + 1;
    size_t pq = (size_t)Ns * q, R = (size_t)Ns * m;
    double tsetup = now_s();
    /* Theta_n = U S V^T, full V */
    int kmin = n < N ? n : N;
    double *A = dal((size_t)n * N), *s = dal(kmin), *Uu = dal((size_t)n * n),
           *Vt = dal((size_t)N * N);
    if (!A || !s || !Uu || !Vt) {
        free(A);
        free(s);
        free(Uu);
        free(Vt);
        return -2;
    }
    for (int b = 0; b < N; b++)
        memcpy(A + (size_t)b * n, C->Theta + (size_t)b * nt, n * sizeof(double));
    if (LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'A', n, N, A, n, s, Uu, n, Vt, N) != 0) {
        free(A);
        free(s);
        free(Uu);
        free(Vt);
        return -1;
    }
    int rank = 0;
    while (rank < kmin && s[rank] > (n > N ? n : N) * DBL_EPSILON * s[0])
        rank++;
    int k = N - rank;
    double *c0 = dal(N), *Nb = dal((size_t)N * k); /* Nb: N x k, column-major */
    if (!c0 || !Nb) {
        free(A);
        free(s);
        free(Uu);
        free(Vt);
        free(c0);
        free(Nb);
        return -2;
    }
    for (int i = 0; i < rank; i++) {
        double ui = cblas_ddot(n, Uu + (size_t)i * n, 1, C->Y, 1) / s[i];
        for (int b = 0; b < N; b++)
            c0[b] += ui * Vt[i + (size_t)b * N];
    }
    for (int t = 0; t < k; t++)
        for (int b = 0; b < N; b++)
            Nb[b + (size_t)t * N] = Vt[(rank + t) + (size_t)b * N];
    free(A);
    free(s);
    free(Uu);
    free(Vt);
    if (k == 0) {
        memcpy(c, c0, N * sizeof(double));
        free(c0);
        free(Nb);
        return 0;
    }
    /* H = Nb^T LtL Nb (+ ridge), rhs0 = Nb^T LtL c0 */
    double *T1 = dal((size_t)N * k), *H = dal((size_t)k * k), *s0 = dal(N), *r0 = dal(k);
    if (!T1 || !H || !s0 || !r0) {
        free(T1);
        free(H);
        free(s0);
        free(r0);
        free(c0);
        free(Nb);
        return -2;
    }
    cblas_dsymm(CblasColMajor, CblasLeft, CblasLower, N, k, 1.0, C->LtL, N, Nb, N, 0.0, T1, N);
    cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, k, k, N, 1.0, Nb, N, T1, N, 0.0, H, k);
    cblas_dsymv(CblasColMajor, CblasLower, N, 1.0, C->LtL, N, c0, 1, 0.0, s0, 1);
    cblas_dgemv(CblasColMajor, CblasTrans, N, k, 1.0, Nb, N, s0, 1, 0.0, r0, 1);
    free(T1);
    double hmax = 0;
    for (int i = 0; i < k; i++)
        if (H[i + (size_t)i * k] > hmax)
            hmax = H[i + (size_t)i * k];
    double delta = 1e-12 * (hmax > 0 ? hmax : 1);
    double *Hf = dal((size_t)k * k);
    int ok = 0;
    if (!Hf) {
        free(H);
        free(s0);
        free(r0);
        free(c0);
        free(Nb);
        return -2;
    }
    for (int att = 0; att < 6 && !ok; att++, delta *= 100) {
        memcpy(Hf, H, (size_t)k * k * sizeof(double));
        for (int i = 0; i < k; i++)
            Hf[i + (size_t)i * k] += delta;
        ok = LAPACKE_dpotrf(LAPACK_COL_MAJOR, 'L', k, Hf, k) == 0;
    }
    delta /= 100;
    free(H);
    if (!ok) {
        free(Hf);
        free(c0);
        free(Nb);
        free(s0);
        free(r0);
        return -1;
    }
    if (o->verbose)
        fprintf(stderr, "  setup %.3f s (k = %d)\n", now_s() - tsetup, k);
    /* iteration */
    double *z = dal(k), *rhs = dal(k), *g = dal(R), *h = dal(R), *tN = dal(N);
    double *Lc = dal(pq), *Z = dal(pq), *U = dal(pq), *W = dal(pq), *Zp = dal(pq);
    int p = Ns, kk = p < q ? p : q;
    double *sv = dal(kk), *Us = dal((size_t)p * kk), *Vs = dal((size_t)kk * q);
    GramWork gw0 = {dal((size_t)q * q), dal(q), dal((size_t)q * q), dal((size_t)p * q),
                    calloc(2 * (size_t)q, sizeof(lapack_int))},
             *gw = &gw0;
    int nomem = !z || !rhs || !g || !h || !tN || !Lc || !Z || !U || !W || !Zp || !sv || !Us ||
                !Vs || !gw->G || !gw->w || !gw->V || !gw->WV || !gw->isuppz;
    if (!wm->Z) {
        wm->Z = dal(pq);
        wm->U = dal(pq);
    }
    nomem = nomem || !wm->Z || !wm->U;
    double rho = 1.0;
    if (nomem) {
        /* fall through to the cleanup with no iteration */
    } else if (wm->valid) {
        memcpy(Z, wm->Z, pq * sizeof(double));
        memcpy(U, wm->U, pq * sizeof(double));
        rho = wm->rho;
    } else {
        /* Z = L(c0), U = 0 */
        grad_apply(C, c0, g);
        apply_gen(C, g, Z);
    }
    int it = 0, changes = 0, fail = nomem;
    while (!nomem && it < o->max_iter) {
        /* c-step: Nb^T L^T L Nb z = Nb^T (L^T (Z - U) - L^T L c0) */
        for (size_t i = 0; i < pq; i++)
            W[i] = Z[i] - U[i];
        apply_gen_adj(C, W, h);
        grad_adj(C, h, tN);
        cblas_dgemv(CblasColMajor, CblasTrans, N, k, 1.0, Nb, N, tN, 1, 0.0, rhs, 1);
        for (int i = 0; i < k; i++)
            rhs[i] += delta * z[i] - r0[i];
        LAPACKE_dpotrs(LAPACK_COL_MAJOR, 'L', k, 1, Hf, k, rhs, k);
        memcpy(z, rhs, k * sizeof(double));
        memcpy(c, c0, N * sizeof(double));
        cblas_dgemv(CblasColMajor, CblasNoTrans, N, k, 1.0, Nb, N, z, 1, 1.0, c, 1);
        grad_apply(C, c, g);
        apply_gen(C, g, Lc);
        /* Z-step */
        memcpy(Zp, Z, pq * sizeof(double));
        /* over-relaxation (Boyd §3.4.3): L(c) -> alpha L(c) + (1 - alpha) Z_prev
         * in the Z- and U-steps */
        const double al = o->alpha;
        for (size_t i = 0; i < pq; i++)
            W[i] = al * Lc[i] + (1 - al) * Zp[i] + U[i];
        double thr = 1.0 / rho;
        if (q >= GRAM_SVT_MIN_Q && p >= q) {
            if (svt_gram(Z, W, p, q, thr, gw)) {
                fail = 1;
                break;
            }
        } else {
            if (LAPACKE_dgesdd(LAPACK_COL_MAJOR, 'S', p, q, W, p, sv, Us, p, Vs, kk) != 0) {
                fail = 1;
                break;
            }
            memset(Z, 0, pq * sizeof(double));
            for (int i = 0; i < kk; i++) {
                double si = sv[i] - thr;
                if (si <= 0)
                    break;
                cblas_dger(CblasColMajor, p, q, si, Us + (size_t)i * p, 1, Vs + i, kk, Z, p);
            }
        }
        /* U-step and residuals */
        double rp2 = 0, dz2 = 0, nl2 = 0, nz2 = 0, nu2 = 0;
        for (size_t i = 0; i < pq; i++) {
            double rr = Lc[i] - Z[i], dz = Z[i] - Zp[i];
            U[i] += al * Lc[i] + (1 - al) * Zp[i] - Z[i];
            rp2 += rr * rr;
            dz2 += dz * dz;
            nl2 += Lc[i] * Lc[i];
            nz2 += Z[i] * Z[i];
            nu2 += U[i] * U[i];
        }
        it++;
        double rp = sqrt(rp2), rd = rho * sqrt(dz2);
        double ep = sqrt((double)pq) * o->eps_abs + o->eps_rel * sqrt(nl2 > nz2 ? nl2 : nz2);
        double ed = sqrt((double)pq) * o->eps_abs + o->eps_rel * rho * sqrt(nu2);
        if (!isfinite(rp) || !isfinite(rd)) {
            fail = 1;
            break;
        }
        if (o->verbose > 1 && it % 100 == 0)
            fprintf(stderr, "  it %d rho %g rp %.3g/%.3g rd %.3g/%.3g\n", it, rho, rp, ep, rd, ed);
        if (rp <= ep && rd <= ed)
            break;
        if (changes < 50 && it % 10 == 0) {
            double f = 1;
            if (rp > 10 * rd)
                f = 2;
            else if (rd > 10 * rp)
                f = 0.5;
            if (f != 1) {
                rho *= f;
                for (size_t i = 0; i < pq; i++)
                    U[i] /= f;
                changes++;
            }
        }
    }
    if (!fail) {
        memcpy(wm->Z, Z, pq * sizeof(double));
        memcpy(wm->U, U, pq * sizeof(double));
        wm->rho = rho;
        wm->valid = 1;
    }
    free(z);
    free(rhs);
    free(g);
    free(h);
    free(tN);
    free(Lc);
    free(Z);
    free(U);
    free(W);
    free(gw->G);
    free(gw->w);
    free(gw->V);
    free(gw->WV);
    free(gw->isuppz);
    free(Zp);
    free(sv);
    free(Us);
    free(Vs);
    free(Hf);
    free(c0);
    free(Nb);
    free(s0);
    free(r0);
    return nomem ? -2 : fail ? -1 : it;
}

static double rel_err(const double *c, const double *ct, int N)
{
    double num = 0, den = 0;
    for (int i = 0; i < N; i++) {
        double d = fabs(c[i] - ct[i]);
        if (d > num || isnan(d))
            num = d;
        if (fabs(ct[i]) > den)
            den = fabs(ct[i]);
    }
    return num / den;
}

/* Checks L^T L against the explicit operator on random vectors. */
static int selftest(const Case *C)
{
    int N = C->N;
    size_t pq = (size_t)C->Ns * C->q, R = (size_t)C->Ns * C->m;
    double *c = dal(N), *g = dal(R), *Lc = dal(pq), *h = dal(R), *t1 = dal(N), *t2 = dal(N);
    if (!c || !g || !Lc || !h || !t1 || !t2) {
        free(c);
        free(g);
        free(Lc);
        free(h);
        free(t1);
        free(t2);
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    Rng rr;
    rng_init(&rr, 99);
    for (int i = 0; i < N; i++)
        c[i] = rng_normal(&rr);
    grad_apply(C, c, g);
    apply_gen(C, g, Lc);
    apply_gen_adj(C, Lc, h);
    grad_adj(C, h, t1);
    cblas_dsymv(CblasColMajor, CblasLower, N, 1.0, C->LtL, N, c, 1, 0.0, t2, 1);
    double e = 0, nn = 0;
    for (int i = 0; i < N; i++) {
        e = fmax(e, fabs(t1[i] - t2[i]));
        nn = fmax(nn, fabs(t1[i]));
    }
    /* rank of L(c_true): the symmetry the ground truth has (PAPER §5.1) */
    grad_apply(C, C->ctrue, g);
    apply_gen(C, g, Lc);
    DMat Lm = {C->Ns, C->q, Lc}, *sv = NULL;
    DRankInfo ri;
    if (dlinalg_svd(NULL, &sv, NULL, &Lm) == 0 &&
        dlinalg_rank_from_sv(&ri, sv->data, sv->rows, C->Ns, C->q, 1e-9) == 0)
        printf("selftest: rank L(c_true) = %d of %d\n", ri.rank, C->q);
    dmat_free(sv);
    printf("selftest: |L^T L c - adj(L(c))|/| | = %.3g, N=%d Ns=%d q=%d |ctrue|_inf=%.3g\n", e / nn,
           N, C->Ns, C->q, dmat_norm_max(&(DMat){N, 1, C->ctrue}));
    free(c);
    free(g);
    free(Lc);
    free(h);
    free(t1);
    free(t2);
    return e / nn < 1e-10 ? 0 : 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: recovery [--eps-rel E] [--eps-abs E] [--max-iter K] [--alpha A]\n"
                    "       [--thresh T] [--header] [--verbose] [--selftest]\n"
                    "       ortho|quad t|se M R D SEED0 [SEED1]\n");
}

int main(int argc, char **argv)
{
    Options o = {1e-4, 1e-9, 5e-3, 1.0, 20000, 0};
    int header = 0, self = 0, ai = 1;
    for (; ai < argc && strncmp(argv[ai], "--", 2) == 0; ai++) {
        const char *a = argv[ai];
        if (!strcmp(a, "--header"))
            header = 1;
        else if (!strcmp(a, "--verbose"))
            o.verbose++;
        else if (!strcmp(a, "--selftest"))
            self = 1;
        else if (ai + 1 < argc && !strcmp(a, "--eps-rel"))
            o.eps_rel = atof(argv[++ai]);
        else if (ai + 1 < argc && !strcmp(a, "--eps-abs"))
            o.eps_abs = atof(argv[++ai]);
        else if (ai + 1 < argc && !strcmp(a, "--max-iter"))
            o.max_iter = atoi(argv[++ai]);
        else if (ai + 1 < argc && !strcmp(a, "--alpha"))
            o.alpha = atof(argv[++ai]);
        else if (ai + 1 < argc && !strcmp(a, "--thresh"))
            o.thresh = atof(argv[++ai]);
        else {
            usage();
            return 2;
        }
    }
    if (argc - ai < 6) {
        usage();
        return 2;
    }
    int quad = !strcmp(argv[ai], "quad"), se = !strcmp(argv[ai + 1], "se");
    if ((!quad && strcmp(argv[ai], "ortho")) || (!se && strcmp(argv[ai + 1], "t"))) {
        usage();
        return 2;
    }
    int m = atoi(argv[ai + 2]), r = atoi(argv[ai + 3]), d = atoi(argv[ai + 4]);
    int s0 = atoi(argv[ai + 5]), s1 = argc - ai > 6 ? atoi(argv[ai + 6]) : s0;
    if (m < 1 || r < 1 || r > m || d < 1 || d > 8 || s0 < 0 || s1 < s0) {
        usage();
        return 2;
    }
    if (header)
        printf("set,prior,m,r,d,seed,n_recover,n_lib,dt,tot_iters,n_solves\n");
    for (int seed = s0; seed <= s1; seed++) {
        double t0 = now_s();
        Case C;
        if (case_init(&C, quad, se, m, r, d, seed)) {
            case_clear(&C);
            return 1;
        }
        if (self) {
            int st = selftest(&C);
            case_clear(&C);
            return st;
        }
        int N = C.N;
        double *c = dal(N);
        if (!c) {
            fprintf(stderr, "recovery: out of memory\n");
            case_clear(&C);
            return 1;
        }
        Warm wm = {NULL, NULL, 1.0, 0};
        long tot = 0;
        int lo = 1, hi = N + 1, steps = 0, solves = 0;
        while (lo < hi && steps < 15) {
            int mid = lo + (hi - lo) / 2;
            int its = solve_n(c, &C, mid, &o, &wm);
            if (its == -2) {
                fprintf(stderr, "recovery: out of memory (n = %d)\n", mid);
                free(wm.Z);
                free(wm.U);
                free(c);
                case_clear(&C);
                return 1;
            }
            steps++;
            solves++;
            int okk = 0;
            double err = NAN;
            if (its >= 0) {
                tot += its;
                err = rel_err(c, C.ctrue, N);
                okk = err < o.thresh;
            }
            if (o.verbose)
                fprintf(stderr, "seed %d n %d: iters %d err %.3g %s\n", seed, mid, its, err,
                        okk ? "ok" : "fail");
            if (okk)
                hi = mid;
            else
                lo = mid + 1;
        }
        double dt = now_s() - t0;
        printf("%s,%s,%d,%d,%d,%d,%d,%d,%.3f,%ld,%d\n", quad ? "quad" : "ortho", se ? "se" : "t", m,
               r, d, seed, hi, N, dt, tot, solves);
        fflush(stdout);
        free(wm.Z);
        free(wm.U);
        free(c);
        case_clear(&C);
    }
    return 0;
}
