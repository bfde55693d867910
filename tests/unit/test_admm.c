/* test_admm.c — Check tests for the ADMM promotion solver (runtime/numeric/admm).
 *
 * Random data come from FLINT's flint_rand_t with its fixed default seed, so
 * runs are reproducible; failures print the offending numbers to stderr.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <float.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include <flint/flint.h>
#include <flint/ulong_extras.h>

#include "numeric/admm.h"
#include "numeric/dlinalg.h"
#include "numeric/dmat.h"

static flint_rand_t rnd;

static void setup(void)
{
    flint_randinit(rnd);
    sym_interrupted = 0;
}

static void teardown(void)
{
    flint_randclear(rnd);
    flint_cleanup();
    sym_interrupted = 0;
}

/* Uniform in [-1, 1). */
static double urand(void)
{
    return (double)(n_randlimb(rnd) >> 11) * 0x1p-52 - 1.0;
}

static DMat *rand_mat(int r, int c)
{
    DMat *A = dmat_new(r, c);
    for (size_t i = 0; i < dmat_size(A); i++)
        A->data[i] = urand();
    return A;
}

/* Lmat for L(c) = diag(c), N x N. */
static DMat *diag_map(int N)
{
    DMat *L = dmat_zeros(N * N, N);
    for (int b = 0; b < N; b++)
        DMAT_AT(L, b + b * N, b) = 1.0;
    return L;
}

/* Lmat for L(c) = A diag(c) B^T with random A (p x N), B (q x N):
 * L_b = a_b b_b^T, so rank L(c) <= number of nonzeros of c. */
static DMat *rank1_map(int p, int q, int N)
{
    DMat *A = rand_mat(p, N), *B = rand_mat(q, N);
    DMat *L = dmat_new(p * q, N);
    for (int b = 0; b < N; b++)
        for (int j = 0; j < q; j++)
            for (int i = 0; i < p; i++)
                DMAT_AT(L, i + j * p, b) = DMAT_AT(A, i, b) * DMAT_AT(B, j, b);
    dmat_free(A);
    dmat_free(B);
    return L;
}

static int rank_of(const DMat *sv, double tol)
{
    int r = 0;
    for (int i = 0; i < sv->rows; i++)
        if (sv->data[i] > tol)
            r++;
    return r;
}

/* Lasso with orthonormal Theta: c = soft(Theta^T y, gamma / 2). */
START_TEST(test_lasso_closed_form)
{
    int m = 12, N = 6;
    for (int trial = 0; trial < 5; trial++) {
        DMat *R = rand_mat(m, N), *Q = NULL, *Rf = NULL;
        ck_assert_int_eq(dlinalg_qr(&Q, &Rf, R), 0);
        DMat *y = rand_mat(m, 1), *L = diag_map(N), *b = NULL;
        ck_assert_int_eq(dmat_mul_trans(&b, Q, 1, y, 0), 0);
        double gamma = 0.3 + 0.2 * trial;
        AdmmProblem prob = {Q, y, L, N, N};
        AdmmOptions opt;
        admm_options_init(&opt);
        opt.eps_rel = 1e-10;
        opt.eps_abs = 1e-12;
        AdmmResult res;
        admm_result_init(&res);
        ck_assert_int_eq(admm_solve(&res, &prob, gamma, &opt), ADMM_OK);
        ck_assert(res.converged);
        double l1 = 0;
        for (int i = 0; i < N; i++) {
            double bi = b->data[i], t = gamma / 2;
            double want = bi > t ? bi - t : (bi < -t ? bi + t : 0.0);
            if (fabs(res.c->data[i] - want) > 1e-7)
                fprintf(stderr, "lasso trial %d: c[%d] = %.17g, want %.17g\n", trial, i,
                        res.c->data[i], want);
            ck_assert(fabs(res.c->data[i] - want) <= 1e-7);
            l1 += fabs(res.c->data[i]);
        }
        ck_assert(fabs(res.nuclear_norm - l1) <= 1e-7);
        ck_assert(fabs(res.objective - (res.fit * res.fit + gamma * l1)) <= 1e-9);
        admm_result_clear(&res);
        dmat_free(R);
        dmat_free(Q);
        dmat_free(Rf);
        dmat_free(y);
        dmat_free(L);
        dmat_free(b);
    }
}
END_TEST

/* Default tolerances already give the lasso solution to about 1e-6. */
START_TEST(test_lasso_defaults)
{
    int m = 10, N = 5;
    DMat *R = rand_mat(m, N), *Q = NULL, *Rf = NULL;
    ck_assert_int_eq(dlinalg_qr(&Q, &Rf, R), 0);
    DMat *y = rand_mat(m, 1), *L = diag_map(N), *b = NULL;
    dmat_mul_trans(&b, Q, 1, y, 0);
    AdmmProblem prob = {Q, y, L, N, N};
    AdmmResult res;
    admm_result_init(&res);
    ck_assert_int_eq(admm_solve(&res, &prob, 0.4, NULL), ADMM_OK);
    ck_assert(res.converged);
    for (int i = 0; i < N; i++) {
        double bi = b->data[i], t = 0.2;
        double want = bi > t ? bi - t : (bi < -t ? bi + t : 0.0);
        ck_assert(fabs(res.c->data[i] - want) <= 1e-6);
    }
    admm_result_clear(&res);
    dmat_free(R);
    dmat_free(Q);
    dmat_free(Rf);
    dmat_free(y);
    dmat_free(L);
    dmat_free(b);
}
END_TEST

/* P2: feasibility to 1e-9, KKT conditions through the final dual, and no
 * random feasible direction decreases the nuclear norm. */
START_TEST(test_interp_kkt)
{
    int p = 5, q = 3, N = 8, m = 4;
    for (int trial = 0; trial < 4; trial++) {
        DMat *T = rand_mat(m, N), *L = rank1_map(p, q, N);
        DMat *cs = dmat_zeros(N, 1), *y = NULL;
        cs->data[trial % N] = 1.0;
        cs->data[(trial + 3) % N] = -0.5;
        dmat_mul(&y, T, cs);
        AdmmProblem prob = {T, y, L, p, q};
        AdmmOptions opt;
        admm_options_init(&opt);
        opt.eps_rel = 1e-10;
        opt.eps_abs = 1e-12;
        opt.max_iter = 100000;
        AdmmResult res;
        admm_result_init(&res);
        ck_assert_int_eq(admm_solve_interp(&res, &prob, &opt), ADMM_OK);
        ck_assert(res.converged);
        ck_assert(res.interpolate == 1);
        if (res.fit > 1e-9)
            fprintf(stderr, "interp trial %d: ||Theta c - y|| = %g\n", trial, res.fit);
        ck_assert(res.fit <= 1e-9);
        ck_assert(fabs(res.objective - res.nuclear_norm) == 0.0);
        /* Y = rho U is a subgradient of ||.||_* at Z: ||Y||_2 <= 1, <Y, Z> = ||Z||_* */
        DMat *Y = dmat_copy(res.U), *s = NULL;
        dmat_scale(Y, res.rho);
        ck_assert_int_eq(dlinalg_svd(NULL, &s, NULL, Y), 0);
        ck_assert(s->data[0] <= 1 + 1e-6);
        double inner = 0;
        for (int i = 0; i < p * q; i++)
            inner += Y->data[i] * res.Z->data[i];
        ck_assert(fabs(inner - res.nuclear_norm) <= 1e-6 * (1 + res.nuclear_norm));
        /* Lmat^T vec(Y) lies in the row space of Theta: its component in
         * null(Theta) vanishes. */
        DMat *g = NULL, *Nt = NULL, *proj = NULL;
        DMat vY = {p * q, 1, Y->data};
        ck_assert_int_eq(dmat_mul_trans(&g, L, 1, &vY, 0), 0);
        ck_assert_int_eq(dlinalg_nullspace(&Nt, NULL, T, DLINALG_TOL_GAP), 0);
        ck_assert_int_eq(dmat_mul_trans(&proj, Nt, 1, g, 0), 0);
        ck_assert(dmat_norm_max(proj) <= 1e-6);
        /* brute force: random feasible perturbations do not decrease ||L(c)||_* */
        for (int k = 0; k < 200; k++) {
            DMat *w = rand_mat(Nt->cols, 1), *dc = NULL, *c2 = NULL, *Lc = NULL;
            dmat_mul(&dc, Nt, w);
            dmat_scale(dc, 1e-3 * (1 + k % 10));
            dmat_add(&c2, res.c, dc);
            dmat_mul(&Lc, L, c2);
            DMat M = {p, q, Lc->data};
            double nn = 0;
            dlinalg_nuclear_norm(&nn, &M);
            if (nn < res.nuclear_norm - 1e-8)
                fprintf(stderr, "interp trial %d: perturbation %d lowers %.17g to %.17g\n", trial,
                        k, res.nuclear_norm, nn);
            ck_assert(nn >= res.nuclear_norm - 1e-8);
            dmat_free(w);
            dmat_free(dc);
            dmat_free(c2);
            dmat_free(Lc);
        }
        dmat_free(Y);
        dmat_free(s);
        dmat_free(g);
        dmat_free(Nt);
        dmat_free(proj);
        admm_result_clear(&res);
        dmat_free(T);
        dmat_free(L);
        dmat_free(cs);
        dmat_free(y);
    }
}
END_TEST

START_TEST(test_interp_infeasible)
{
    DMat *T = rand_mat(8, 4), *y = rand_mat(8, 1), *L = rank1_map(3, 2, 4);
    AdmmProblem prob = {T, y, L, 3, 2};
    AdmmResult res;
    admm_result_init(&res);
    ck_assert_int_eq(admm_solve_interp(&res, &prob, NULL), ADMM_ERR_INFEASIBLE);
    ck_assert_ptr_null(res.c);
    /* consistent overdetermined data are fine */
    DMat *c = rand_mat(4, 1), *y2 = NULL;
    dmat_mul(&y2, T, c);
    prob.y = y2;
    ck_assert_int_eq(admm_solve_interp(&res, &prob, NULL), ADMM_OK);
    ck_assert(res.fit <= 1e-9);
    ck_assert(dmat_norm_max(res.c) > 0);
    admm_result_clear(&res);
    dmat_free(T);
    dmat_free(y);
    dmat_free(L);
    dmat_free(c);
    dmat_free(y2);
}
END_TEST

/* Planted low-rank matrix regression, L(c) = mat(c) (Lmat = identity):
 * along a warm-started path with increasing gamma the rank of L(c) never
 * increases, it starts at the full rank and ends at 0.  With orthonormal
 * Theta the answer is known: mat(c) = SVT(mat(Theta^T y), gamma / 2). */
START_TEST(test_path_rank_monotone)
{
    int p = 6, q = 4, N = p * q, m = 2 * N;
    for (int trial = 0; trial < 4; trial++) {
        DMat *T = rand_mat(m, N), *L = dmat_eye(N), *Q = NULL, *Rf = NULL;
        int ortho = trial % 2 == 0;
        if (ortho) {
            dlinalg_qr(&Q, &Rf, T);
            dmat_free(T);
            T = Q;
        }
        DMat *a = rand_mat(p, 2), *b = rand_mat(2, q), *Cs = NULL, *y = NULL;
        dmat_mul(&Cs, a, b); /* rank 2 */
        DMat cs = {N, 1, Cs->data};
        dmat_mul(&y, T, &cs);
        for (int i = 0; i < m; i++)
            y->data[i] += 0.01 * urand();
        enum { NG = 14 };
        double gammas[NG];
        for (int i = 0; i < NG; i++)
            gammas[i] = 0.001 * pow(2.5, i);
        AdmmResult res[NG];
        for (int i = 0; i < NG; i++)
            admm_result_init(&res[i]);
        AdmmProblem prob = {T, y, L, p, q};
        AdmmOptions opt;
        admm_options_init(&opt);
        opt.eps_rel = 1e-10;
        int nd = 0;
        ck_assert_int_eq(admm_path(res, &nd, &prob, gammas, NG, &opt), ADMM_OK);
        ck_assert_int_eq(nd, NG);
        DMat *b0 = NULL, *s0 = NULL;
        dmat_mul_trans(&b0, T, 1, y, 0);
        DMat B0 = {p, q, b0->data};
        dlinalg_svd(NULL, &s0, NULL, &B0);
        int prev = q + 1, seen2 = 0;
        for (int i = 0; i < NG; i++) {
            ck_assert(res[i].converged);
            int r = rank_of(res[i].sv, 1e-7);
            if (r > prev || getenv("ADMM_DEBUG")) {
                fprintf(stderr, "path trial %d: rank %d at gamma %g after %d, it %d, sv", trial, r,
                        gammas[i], prev, res[i].iterations);
                for (int k = 0; k < res[i].sv->rows; k++)
                    fprintf(stderr, " %.3g", res[i].sv->data[k]);
                fprintf(stderr, "\n");
            }
            ck_assert_int_le(r, prev);
            prev = r;
            seen2 |= r == 2;
            if (ortho)
                for (int k = 0; k < q; k++) {
                    double want = s0->data[k] - gammas[i] / 2;
                    want = want > 0 ? want : 0;
                    ck_assert(fabs(res[i].sv->data[k] - want) <= 1e-7);
                }
            /* a cold start agrees with the warm-started solution */
            if (i % 4 == 1) {
                AdmmResult cold;
                AdmmOptions oc;
                admm_result_init(&cold);
                admm_options_init(&oc);
                oc.eps_rel = 1e-10;
                ck_assert_int_eq(admm_solve(&cold, &prob, gammas[i], &oc), ADMM_OK);
                DMat *dc = NULL;
                dmat_sub(&dc, cold.c, res[i].c);
                if (dmat_norm_fro(dc) > 1e-7 * (1 + dmat_norm_fro(res[i].c)))
                    fprintf(stderr, "path trial %d gamma %g: cold and warm c differ by %g\n", trial,
                            gammas[i], dmat_norm_fro(dc));
                ck_assert(dmat_norm_fro(dc) <= 1e-7 * (1 + dmat_norm_fro(res[i].c)));
                dmat_free(dc);
                admm_result_clear(&cold);
            }
        }
        ck_assert_int_eq(rank_of(res[0].sv, 1e-7), q);
        ck_assert(seen2);
        ck_assert_int_eq(prev, 0);
        for (int i = 0; i < NG; i++)
            admm_result_clear(&res[i]);
        dmat_free(T);
        dmat_free(L);
        dmat_free(Rf);
        dmat_free(a);
        dmat_free(b);
        dmat_free(Cs);
        dmat_free(y);
        dmat_free(b0);
        dmat_free(s0);
    }
}
END_TEST

static void stop_at(void *arg, const AdmmProgress *pr)
{
    int *at = arg;
    ck_assert(pr->r_primal >= 0 && pr->rho > 0);
    if (pr->iter >= *at)
        sym_interrupted = 1;
}

START_TEST(test_interrupt)
{
    int p = 6, q = 4, N = 10, m = 30;
    DMat *T = rand_mat(m, N), *L = rank1_map(p, q, N), *y = rand_mat(m, 1);
    AdmmProblem prob = {T, y, L, p, q};
    AdmmOptions opt;
    admm_options_init(&opt);
    opt.eps_rel = 1e-12;
    opt.eps_abs = 0;
    int at = 20;
    opt.callback = stop_at;
    opt.callback_arg = &at;
    opt.callback_every = 5;
    AdmmResult res, full;
    admm_result_init(&res);
    admm_result_init(&full);
    ck_assert_int_eq(admm_solve(&res, &prob, 0.5, &opt), ADMM_INTERRUPTED);
    ck_assert_int_eq(res.iterations, 20);
    ck_assert(!res.converged);
    ck_assert_ptr_nonnull(res.c);
    ck_assert(!dmat_has_nonfinite(res.c));
    ck_assert_ptr_nonnull(res.sv);
    /* resuming from the interrupted iterate reaches the cold-start answer */
    sym_interrupted = 0;
    AdmmOptions o2;
    admm_options_init(&o2);
    o2.eps_rel = 1e-10;
    o2.c0 = res.c;
    o2.Z0 = res.Z;
    o2.U0 = res.U;
    o2.rho = res.rho;
    AdmmResult warm;
    admm_result_init(&warm);
    ck_assert_int_eq(admm_solve(&warm, &prob, 0.5, &o2), ADMM_OK);
    admm_options_init(&o2);
    o2.eps_rel = 1e-10;
    ck_assert_int_eq(admm_solve(&full, &prob, 0.5, &o2), ADMM_OK);
    ck_assert(warm.converged && full.converged);
    DMat *d = NULL;
    dmat_sub(&d, warm.c, full.c);
    ck_assert(dmat_norm_fro(d) <= 1e-6 * (1 + dmat_norm_fro(full.c)));
    /* interrupted before the first iteration: the warm start comes back */
    sym_interrupted = 1;
    AdmmResult r0;
    admm_result_init(&r0);
    ck_assert_int_eq(admm_solve(&r0, &prob, 0.5, &o2), ADMM_INTERRUPTED);
    ck_assert_int_eq(r0.iterations, 0);
    sym_interrupted = 0;
    dmat_free(d);
    admm_result_clear(&r0);
    admm_result_clear(&warm);
    admm_result_clear(&full);
    admm_result_clear(&res);
    dmat_free(T);
    dmat_free(L);
    dmat_free(y);
}
END_TEST

START_TEST(test_dimension_errors)
{
    DMat *T = rand_mat(5, 4), *y = rand_mat(5, 1), *L = rank1_map(3, 2, 4);
    DMat *ybad = rand_mat(4, 1), *Lbad = rank1_map(3, 2, 5), *cbad = rand_mat(3, 1);
    DMat *Zbad = rand_mat(2, 3);
    AdmmResult res;
    admm_result_init(&res);
    AdmmProblem prob = {T, ybad, L, 3, 2};
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_ERR_DIM);
    ck_assert_int_eq(admm_solve_interp(&res, &prob, NULL), ADMM_ERR_DIM);
    prob.y = y;
    prob.Lmat = Lbad;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_ERR_DIM);
    prob.Lmat = L;
    prob.p = 2;
    prob.q = 3; /* p*q right, but shape swapped is allowed: only p*q matters */
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_OK);
    prob.p = 3;
    prob.q = 3;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_ERR_DIM);
    prob.q = 0;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_ERR_DIM);
    prob.q = 2;
    AdmmOptions opt;
    admm_options_init(&opt);
    opt.c0 = cbad;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, &opt), ADMM_ERR_DIM);
    opt.c0 = NULL;
    opt.Z0 = Zbad;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, &opt), ADMM_ERR_DIM);
    opt.Z0 = NULL;
    opt.U0 = Zbad;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, &opt), ADMM_ERR_DIM);
    ck_assert_ptr_null(res.c);
    ck_assert_int_eq(admm_solve(&res, NULL, 1.0, NULL), ADMM_ERR_ARG);
    ck_assert_str_eq(admm_strerror(ADMM_ERR_DIM),
                     "dimensions of Theta, y and the Lie-derivative map do not match");
    dmat_free(T);
    dmat_free(y);
    dmat_free(L);
    dmat_free(ybad);
    dmat_free(Lbad);
    dmat_free(cbad);
    dmat_free(Zbad);
}
END_TEST

START_TEST(test_nonfinite_and_args)
{
    DMat *T = rand_mat(5, 4), *y = rand_mat(5, 1), *L = rank1_map(3, 2, 4);
    AdmmResult res;
    admm_result_init(&res);
    AdmmProblem prob = {T, y, L, 3, 2};
    T->data[3] = NAN;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_ERR_NONFINITE);
    T->data[3] = 0.5;
    y->data[0] = INFINITY;
    ck_assert_int_eq(admm_solve_interp(&res, &prob, NULL), ADMM_ERR_NONFINITE);
    y->data[0] = 0.5;
    L->data[2] = NAN;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, NULL), ADMM_ERR_NONFINITE);
    L->data[2] = 0.5;
    ck_assert_int_eq(admm_solve(&res, &prob, NAN, NULL), ADMM_ERR_ARG);
    ck_assert_int_eq(admm_solve(&res, &prob, -1.0, NULL), ADMM_ERR_ARG);
    ck_assert_int_eq(admm_solve(&res, &prob, INFINITY, NULL), ADMM_ERR_ARG);
    AdmmOptions opt;
    admm_options_init(&opt);
    opt.rho = 0;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, &opt), ADMM_ERR_ARG);
    admm_options_init(&opt);
    opt.eps_rel = NAN;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, &opt), ADMM_ERR_ARG);
    admm_options_init(&opt);
    DMat *c0 = rand_mat(4, 1);
    c0->data[1] = NAN;
    opt.c0 = c0;
    ck_assert_int_eq(admm_solve(&res, &prob, 1.0, &opt), ADMM_ERR_NONFINITE);
    ck_assert_ptr_null(res.c);
    /* gamma = 0 is plain least squares */
    admm_options_init(&opt);
    opt.eps_rel = 1e-11;
    ck_assert_int_eq(admm_solve(&res, &prob, 0.0, &opt), ADMM_OK);
    double rl = 0;
    DMat *X = NULL;
    ck_assert_int_eq(dlinalg_lstsq(&X, &rl, NULL, T, y, -1), 0);
    ck_assert(fabs(res.fit - rl) <= 1e-9);
    admm_result_clear(&res);
    dmat_free(X);
    dmat_free(c0);
    dmat_free(T);
    dmat_free(y);
    dmat_free(L);
}
END_TEST

/* A direction that neither Theta nor L sees makes the c-step singular: the
 * proximal ridge keeps that coordinate at its starting value. */
START_TEST(test_singular_ridge)
{
    int m = 6, N = 4, p = 3, q = 2;
    DMat *T = rand_mat(m, N), *y = rand_mat(m, 1), *L = rank1_map(p, q, N);
    for (int i = 0; i < m; i++)
        DMAT_AT(T, i, 3) = 0;
    for (int i = 0; i < p * q; i++)
        DMAT_AT(L, i, 3) = 0;
    AdmmProblem prob = {T, y, L, p, q};
    AdmmResult res;
    admm_result_init(&res);
    ck_assert_int_eq(admm_solve(&res, &prob, 0.2, NULL), ADMM_OK);
    ck_assert(res.converged);
    ck_assert(res.ridge > 0);
    ck_assert(fabs(res.c->data[3]) <= 1e-12);
    admm_result_clear(&res);
    dmat_free(T);
    dmat_free(y);
    dmat_free(L);
}
END_TEST

static Suite *admm_suite(void)
{
    Suite *s = suite_create("admm");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_lasso_closed_form);
    tcase_add_test(tc, test_lasso_defaults);
    tcase_add_test(tc, test_interp_kkt);
    tcase_add_test(tc, test_interp_infeasible);
    tcase_add_test(tc, test_path_rank_monotone);
    tcase_add_test(tc, test_interrupt);
    tcase_add_test(tc, test_dimension_errors);
    tcase_add_test(tc, test_nonfinite_and_args);
    tcase_add_test(tc, test_singular_ridge);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(admm_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
