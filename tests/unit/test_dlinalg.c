/* test_dlinalg.c — Check tests for the float engine: dmat, dlinalg, blas_threads.
 *
 * Random matrices come from FLINT's flint_rand_t with its fixed default
 * seed, so every run sees the same inputs; a failing property prints the
 * input matrix to stderr before the assertion fires.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <flint/flint.h>
#include <flint/ulong_extras.h>

#include "numeric/blas_threads.h"
#include "numeric/dlinalg.h"
#include "numeric/dmat.h"

static flint_rand_t rnd;

static void setup(void)
{
    flint_randinit(rnd);
}

static void teardown(void)
{
    flint_randclear(rnd);
    flint_cleanup();
}

/* Uniform in [-1, 1). */
static double urand(void)
{
    return (double)(n_randlimb(rnd) >> 11) * 0x1p-52 - 1.0;
}

static DMat *rand_mat(int m, int n)
{
    DMat *A = dmat_new(m, n);
    size_t k;

    ck_assert_ptr_nonnull(A);
    for (k = 0; k < dmat_size(A); k++)
        A->data[k] = urand();
    return A;
}

static void dump(const char *name, const DMat *A)
{
    int i, j;

    fprintf(stderr, "%s (%d x %d) =\n", name, A->rows, A->cols);
    for (i = 0; i < A->rows; i++) {
        for (j = 0; j < A->cols; j++)
            fprintf(stderr, " %.17g", DMAT_AT(A, i, j));
        fprintf(stderr, "\n");
    }
}

/* Asserts cond; on failure prints the input A first. */
#define CHECK_ON(cond, A, ...)                                                                     \
    do {                                                                                           \
        if (!(cond))                                                                               \
            dump("failing input", (A));                                                            \
        ck_assert_msg((cond), __VA_ARGS__);                                                        \
    } while (0)

/* ||X - Y||_F / max(1, ||Y||_F). */
static double rel_diff(const DMat *X, const DMat *Y)
{
    DMat *D;
    double r, ny = dmat_norm_fro(Y);

    ck_assert_int_eq(dmat_sub(&D, X, Y), DLINALG_OK);
    r = dmat_norm_fro(D) / (ny > 1.0 ? ny : 1.0);
    dmat_free(D);
    return r;
}

/* max |Q^T Q - I|. */
static double orth_err(const DMat *Q)
{
    DMat *G, *I;
    double e;

    ck_assert_int_eq(dmat_mul_trans(&G, Q, 1, Q, 0), DLINALG_OK);
    I = dmat_eye(Q->cols);
    e = rel_diff(G, I);
    dmat_free(G);
    dmat_free(I);
    return e;
}

/* A = B C + noise * E with B m x r, C r x n. */
static DMat *planted(int m, int n, int r, double noise)
{
    DMat *B = rand_mat(m, r), *C = rand_mat(r, n), *A;
    size_t k;

    ck_assert_int_eq(dmat_mul(&A, B, C), DLINALG_OK);
    for (k = 0; k < dmat_size(A); k++)
        A->data[k] += noise * urand();
    dmat_free(B);
    dmat_free(C);
    return A;
}

static const int shapes[][2] = {{5, 3}, {3, 5}, {4, 4}, {1, 1},   {0, 4},  {4, 0},
                                {0, 0}, {1, 6}, {7, 1}, {30, 12}, {12, 30}};
#define NSHAPES ((int)(sizeof shapes / sizeof shapes[0]))

START_TEST(test_dmat_basics)
{
    DMat *A = dmat_zeros(2, 3), *B, *C, *T;

    ck_assert_int_eq(dmat_set(A, 1, 2, 5.0), DMAT_OK);
    ck_assert_int_eq(dmat_set(A, 2, 0, 1.0), DMAT_ERR_DIM);
    ck_assert(dmat_get(A, 1, 2) == 5.0);
    ck_assert(isnan(dmat_get(A, -1, 0)));
    ck_assert(A->data[1 + 2 * 2] == 5.0); /* column-major */
    T = dmat_transpose(A);
    ck_assert(T->rows == 3 && T->cols == 2 && dmat_get(T, 2, 1) == 5.0);
    ck_assert_int_eq(dmat_mul(&C, A, A), DMAT_ERR_DIM);
    ck_assert_ptr_null(C);
    ck_assert_int_eq(dmat_mul(&C, A, T), DMAT_OK);
    ck_assert(C->rows == 2 && C->cols == 2 && dmat_get(C, 1, 1) == 25.0);
    dmat_free(C);
    ck_assert_int_eq(dmat_add(&C, A, T), DMAT_ERR_DIM);
    B = dmat_copy(A);
    dmat_scale(B, 2.0);
    ck_assert_int_eq(dmat_sub(&C, B, A), DMAT_OK);
    ck_assert(rel_diff(C, A) == 0.0);
    dmat_free(C);
    ck_assert_int_eq(dmat_add(&C, A, A), DMAT_OK);
    ck_assert(rel_diff(C, B) == 0.0);
    dmat_free(C);
    ck_assert_ptr_null(dmat_new(-1, 2));
    /* Products with an empty inner dimension are zero matrices. */
    dmat_free(B);
    B = dmat_new(2, 0);
    dmat_free(T);
    T = dmat_new(0, 3);
    ck_assert_int_eq(dmat_mul(&C, B, T), DMAT_OK);
    ck_assert(C->rows == 2 && C->cols == 3 && dmat_norm_max(C) == 0.0);
    dmat_free(C);
    dmat_free(A);
    dmat_free(B);
    dmat_free(T);
}
END_TEST

START_TEST(test_svd_reconstructs)
{
    int t, trial;

    for (t = 0; t < NSHAPES; t++)
        for (trial = 0; trial < 5; trial++) {
            int m = shapes[t][0], n = shapes[t][1], k = m < n ? m : n, i, j;
            DMat *A = rand_mat(m, n), *U, *s, *Vt, *US, *R, *s2;

            ck_assert_int_eq(dlinalg_svd(&U, &s, &Vt, A), DLINALG_OK);
            ck_assert(U->rows == m && U->cols == k && s->rows == k && s->cols == 1);
            ck_assert(Vt->rows == k && Vt->cols == n);
            for (i = 0; i < k; i++) {
                CHECK_ON(s->data[i] >= 0 && (i == 0 || s->data[i] <= s->data[i - 1]), A,
                         "singular values not sorted (shape %d x %d)", m, n);
            }
            US = dmat_copy(U);
            for (j = 0; j < k; j++)
                for (i = 0; i < m; i++)
                    DMAT_AT(US, i, j) *= s->data[j];
            ck_assert_int_eq(dmat_mul(&R, US, Vt), DLINALG_OK);
            CHECK_ON(rel_diff(R, A) <= 1e-12, A, "U S Vt != A: %g", rel_diff(R, A));
            CHECK_ON(orth_err(U) <= 1e-12, A, "U not orthonormal");
            ck_assert_int_eq(dlinalg_svd(NULL, &s2, NULL, A), DLINALG_OK);
            for (i = 0; i < k; i++)
                CHECK_ON(fabs(s2->data[i] - s->data[i]) <= 1e-12 * s->data[0], A,
                         "values-only svd differs");
            dmat_free(A);
            dmat_free(U);
            dmat_free(s);
            dmat_free(s2);
            dmat_free(Vt);
            dmat_free(US);
            dmat_free(R);
        }
}
END_TEST

START_TEST(test_lstsq_normal_equations)
{
    int trial;

    for (trial = 0; trial < 10; trial++) {
        int m = 8 + (int)n_randint(rnd, 10), n = 1 + (int)n_randint(rnd, 6), p = 1 + trial % 3;
        int rank;
        double resid;
        DMat *A = rand_mat(m, n), *B = rand_mat(m, p), *X, *AtA, *AtB, *Xne, *AX, *R;

        ck_assert_int_eq(dlinalg_lstsq(&X, &resid, &rank, A, B, -1.0), DLINALG_OK);
        ck_assert_int_eq(dmat_mul_trans(&AtA, A, 1, A, 0), DLINALG_OK);
        ck_assert_int_eq(dmat_mul_trans(&AtB, A, 1, B, 0), DLINALG_OK);
        ck_assert_int_eq(dlinalg_solve(&Xne, AtA, AtB), DLINALG_OK);
        CHECK_ON(rel_diff(X, Xne) <= 1e-10, A, "lstsq != normal equations: %g", rel_diff(X, Xne));
        ck_assert_int_eq(rank, n);
        ck_assert_int_eq(dmat_mul(&AX, A, X), DLINALG_OK);
        ck_assert_int_eq(dmat_sub(&R, AX, B), DLINALG_OK);
        ck_assert(fabs(resid - dmat_norm_fro(R)) <= 1e-12 * (1 + resid));
        dmat_free(A);
        dmat_free(B);
        dmat_free(X);
        dmat_free(AtA);
        dmat_free(AtB);
        dmat_free(Xne);
        dmat_free(AX);
        dmat_free(R);
    }
}
END_TEST

START_TEST(test_lstsq_rank_deficient_and_edges)
{
    DMat *A = planted(10, 6, 3, 0.0), *B = rand_mat(10, 2), *X, *Bbad = rand_mat(9, 2);
    DMat *E = dmat_new(0, 3), *EB = dmat_new(0, 1);
    double resid;
    int rank;

    ck_assert_int_eq(dlinalg_lstsq(&X, &resid, &rank, A, B, 1e-10), DLINALG_OK);
    CHECK_ON(rank == 3, A, "rank %d, expected 3", rank);
    dmat_free(X);
    ck_assert_int_eq(dlinalg_lstsq(&X, &resid, &rank, A, Bbad, -1.0), DLINALG_ERR_DIM);
    ck_assert_ptr_null(X);
    ck_assert_int_eq(dlinalg_lstsq(&X, &resid, &rank, A, B, NAN), DLINALG_ERR_ARG);
    ck_assert_int_eq(dlinalg_lstsq(&X, &resid, &rank, E, EB, -1.0), DLINALG_OK);
    ck_assert(X->rows == 3 && X->cols == 1 && rank == 0 && resid == 0.0);
    dmat_free(X);
    dmat_free(A);
    dmat_free(B);
    dmat_free(Bbad);
    dmat_free(E);
    dmat_free(EB);
}
END_TEST

START_TEST(test_eigh)
{
    int trial;

    for (trial = 0; trial < 10; trial++) {
        int n = 1 + (int)n_randint(rnd, 12), i, j;
        DMat *M = rand_mat(n, n), *S = dmat_new(n, n), *w, *V, *AV, *VD;

        for (j = 0; j < n; j++)
            for (i = 0; i < n; i++)
                DMAT_AT(S, i, j) = DMAT_AT(M, i, j) + DMAT_AT(M, j, i);
        ck_assert_int_eq(dlinalg_eigh(&w, &V, S), DLINALG_OK);
        for (i = 1; i < n; i++)
            CHECK_ON(w->data[i - 1] <= w->data[i], S, "eigenvalues not ascending");
        ck_assert_int_eq(dmat_mul(&AV, S, V), DLINALG_OK);
        VD = dmat_copy(V);
        for (j = 0; j < n; j++)
            for (i = 0; i < n; i++)
                DMAT_AT(VD, i, j) *= w->data[j];
        CHECK_ON(rel_diff(AV, VD) <= 1e-12, S, "A V != V diag(w)");
        CHECK_ON(orth_err(V) <= 1e-12, S, "V not orthogonal");
        dmat_free(M);
        dmat_free(S);
        dmat_free(w);
        dmat_free(V);
        dmat_free(AV);
        dmat_free(VD);
    }
}
END_TEST

START_TEST(test_eigh_errors)
{
    DMat *A = rand_mat(3, 3), *R = rand_mat(2, 3), *w, *V, *E = dmat_new(0, 0);

    DMAT_AT(A, 0, 1) = 1.0;
    DMAT_AT(A, 1, 0) = 2.0;
    ck_assert_int_eq(dlinalg_eigh(&w, &V, A), DLINALG_ERR_NOT_SYMMETRIC);
    ck_assert_ptr_null(w);
    ck_assert_ptr_null(V);
    ck_assert_int_eq(dlinalg_eigh(&w, &V, R), DLINALG_ERR_DIM);
    ck_assert_int_eq(dlinalg_eigh(&w, NULL, E), DLINALG_OK);
    ck_assert(w->rows == 0);
    dmat_free(w);
    dmat_free(A);
    dmat_free(R);
    dmat_free(E);
}
END_TEST

START_TEST(test_cholesky)
{
    int trial;

    for (trial = 0; trial < 10; trial++) {
        int n = 1 + (int)n_randint(rnd, 10), i, j;
        DMat *M = rand_mat(n, n), *A, *L, *LLt;

        ck_assert_int_eq(dmat_mul_trans(&A, M, 1, M, 0), DLINALG_OK);
        for (i = 0; i < n; i++)
            DMAT_AT(A, i, i) += 1.0;
        ck_assert_int_eq(dlinalg_cholesky(&L, A), DLINALG_OK);
        for (j = 1; j < n; j++)
            for (i = 0; i < j; i++)
                ck_assert(DMAT_AT(L, i, j) == 0.0);
        ck_assert_int_eq(dmat_mul_trans(&LLt, L, 0, L, 1), DLINALG_OK);
        CHECK_ON(rel_diff(LLt, A) <= 1e-13, A, "L L^T != A");
        dmat_free(M);
        dmat_free(A);
        dmat_free(L);
        dmat_free(LLt);
    }
}
END_TEST

START_TEST(test_cholesky_indefinite)
{
    DMat *A = dmat_new(2, 2), *Z = dmat_zeros(1, 1), *L;

    DMAT_AT(A, 0, 0) = 1;
    DMAT_AT(A, 0, 1) = 2;
    DMAT_AT(A, 1, 0) = 2;
    DMAT_AT(A, 1, 1) = 1;
    ck_assert_int_eq(dlinalg_cholesky(&L, A), DLINALG_ERR_NOT_POSDEF);
    ck_assert_ptr_null(L);
    ck_assert_int_eq(dlinalg_cholesky(&L, Z), DLINALG_ERR_NOT_POSDEF);
    ck_assert_str_eq(dlinalg_strerror(DLINALG_ERR_NOT_POSDEF), "matrix is not positive definite");
    dmat_free(A);
    dmat_free(Z);
}
END_TEST

START_TEST(test_qr)
{
    int t;

    for (t = 0; t < NSHAPES; t++) {
        int m = shapes[t][0], n = shapes[t][1], k = m < n ? m : n, i, j;
        DMat *A = rand_mat(m, n), *Q, *R, *QR;

        ck_assert_int_eq(dlinalg_qr(&Q, &R, A), DLINALG_OK);
        ck_assert(Q->rows == m && Q->cols == k && R->rows == k && R->cols == n);
        CHECK_ON(orth_err(Q) <= 1e-13, A, "Q^T Q != I");
        for (j = 0; j < n; j++)
            for (i = j + 1; i < k; i++)
                ck_assert(DMAT_AT(R, i, j) == 0.0);
        ck_assert_int_eq(dmat_mul(&QR, Q, R), DLINALG_OK);
        CHECK_ON(rel_diff(QR, A) <= 1e-13, A, "Q R != A");
        dmat_free(A);
        dmat_free(Q);
        dmat_free(R);
        dmat_free(QR);
    }
}
END_TEST

START_TEST(test_solve_inv)
{
    int trial;

    for (trial = 0; trial < 10; trial++) {
        int n = 1 + (int)n_randint(rnd, 10), i;
        DMat *A = rand_mat(n, n), *B = rand_mat(n, 3), *X, *AX, *Ai, *AAi, *I;

        for (i = 0; i < n; i++)
            DMAT_AT(A, i, i) += 4.0; /* well conditioned */
        ck_assert_int_eq(dlinalg_solve(&X, A, B), DLINALG_OK);
        ck_assert_int_eq(dmat_mul(&AX, A, X), DLINALG_OK);
        CHECK_ON(rel_diff(AX, B) <= 1e-13, A, "A X != B");
        ck_assert_int_eq(dlinalg_inv(&Ai, A), DLINALG_OK);
        ck_assert_int_eq(dmat_mul(&AAi, A, Ai), DLINALG_OK);
        I = dmat_eye(n);
        CHECK_ON(rel_diff(AAi, I) <= 1e-13, A, "A inv(A) != I");
        dmat_free(A);
        dmat_free(B);
        dmat_free(X);
        dmat_free(AX);
        dmat_free(Ai);
        dmat_free(AAi);
        dmat_free(I);
    }
}
END_TEST

START_TEST(test_solve_singular)
{
    DMat *A = dmat_new(2, 2), *B = dmat_new(2, 2), *R = rand_mat(2, 3), *X;

    DMAT_AT(A, 0, 0) = 1;
    DMAT_AT(A, 0, 1) = 2;
    DMAT_AT(A, 1, 0) = 2;
    DMAT_AT(A, 1, 1) = 4;
    DMAT_AT(B, 0, 0) = 0.1;
    DMAT_AT(B, 0, 1) = 0.3; /* singular, not exactly in floats */
    DMAT_AT(B, 1, 0) = 0.2;
    DMAT_AT(B, 1, 1) = 0.6;
    ck_assert_int_eq(dlinalg_inv(&X, A), DLINALG_ERR_SINGULAR);
    ck_assert_ptr_null(X);
    ck_assert_int_eq(dlinalg_inv(&X, B), DLINALG_ERR_SINGULAR);
    ck_assert_int_eq(dlinalg_inv(&X, R), DLINALG_ERR_DIM);
    ck_assert_int_eq(dlinalg_solve(&X, A, R), DLINALG_ERR_SINGULAR);
    ck_assert_int_eq(dlinalg_solve(&X, R, A), DLINALG_ERR_DIM);
    dmat_free(A);
    dmat_free(B);
    dmat_free(R);
}
END_TEST

START_TEST(test_rank_planted_gap)
{
    static const int cases[][3] = {{10, 8, 3}, {6, 12, 2}, {20, 20, 5},
                                   {15, 4, 1}, {4, 15, 3}, {40, 30, 12}};
    int c, trial;

    for (c = 0; c < (int)(sizeof cases / sizeof cases[0]); c++)
        for (trial = 0; trial < 3; trial++) {
            int m = cases[c][0], n = cases[c][1], r = cases[c][2];
            DMat *A = planted(m, n, r, 1e-10), *N, *AN, *s;
            DRankInfo ri;

            ck_assert_int_eq(dlinalg_rank(&ri, A, DLINALG_TOL_GAP), DLINALG_OK);
            CHECK_ON(ri.rank == r && ri.by_gap, A, "%d x %d planted rank %d, found %d", m, n, r,
                     ri.rank);
            ck_assert_int_eq(dlinalg_svd(NULL, &s, NULL, A), DLINALG_OK);
            ck_assert(ri.s_before == s->data[r - 1]);
            ck_assert(ri.s_after == (r < s->rows ? s->data[r] : 0.0));
            CHECK_ON(ri.gap >= 1e6 && ri.s_after < 1e-8, A, "gap %g s_after %g", ri.gap,
                     ri.s_after);
            ck_assert(ri.gap == ri.s_before / ri.s_after);
            ck_assert_int_eq(dlinalg_nullspace(&N, &ri, A, DLINALG_TOL_GAP), DLINALG_OK);
            ck_assert(N->rows == n && N->cols == n - r);
            CHECK_ON(orth_err(N) <= 1e-12, A, "nullspace basis not orthonormal");
            ck_assert_int_eq(dmat_mul(&AN, A, N), DLINALG_OK);
            CHECK_ON(dmat_norm_max(AN) <= 1e-8, A, "A N too large: %g", dmat_norm_max(AN));
            /* The explicit tolerance agrees when it sits inside the gap. */
            ck_assert_int_eq(dlinalg_rank(&ri, A, 1e-7), DLINALG_OK);
            ck_assert(ri.rank == r && !ri.by_gap);
            dmat_free(A);
            dmat_free(N);
            dmat_free(AN);
            dmat_free(s);
        }
}
END_TEST

START_TEST(test_rank_exact_and_full)
{
    DMat *A = planted(9, 7, 4, 0.0), *F = rand_mat(6, 6), *Z = dmat_zeros(3, 5);
    DMat *one = dmat_new(1, 1), *N;
    DRankInfo ri;

    /* Exactly rank 4 in exact terms: the tail sits below the floor. */
    ck_assert_int_eq(dlinalg_rank(&ri, A, DLINALG_TOL_GAP), DLINALG_OK);
    CHECK_ON(ri.rank == 4, A, "exact rank 4, found %d", ri.rank);
    ck_assert(ri.s_after <= ri.floor && ri.gap > 1e12);
    /* Full rank, well conditioned: the only gap is to the floor. */
    ck_assert_int_eq(dlinalg_rank(&ri, F, DLINALG_TOL_GAP), DLINALG_OK);
    CHECK_ON(ri.rank == 6 && ri.s_after == 0.0, F, "full rank, found %d", ri.rank);
    ck_assert(ri.gap == ri.s_before / ri.floor);
    ck_assert_int_eq(dlinalg_nullspace(&N, &ri, F, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(N->rows == 6 && N->cols == 0);
    dmat_free(N);
    /* Zero matrix: rank 0, nullspace everything. */
    ck_assert_int_eq(dlinalg_rank(&ri, Z, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(ri.rank == 0 && ri.gap == 0.0 && ri.s_before == 0.0);
    ck_assert_int_eq(dlinalg_nullspace(&N, &ri, Z, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(N->rows == 5 && N->cols == 5 && orth_err(N) <= 1e-15);
    dmat_free(N);
    /* 1 x 1. */
    DMAT_AT(one, 0, 0) = -3.0;
    ck_assert_int_eq(dlinalg_rank(&ri, one, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(ri.rank == 1 && ri.s_before == 3.0 && ri.gap == 1.0 / DBL_EPSILON);
    DMAT_AT(one, 0, 0) = 0.0;
    ck_assert_int_eq(dlinalg_rank(&ri, one, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(ri.rank == 0);
    dmat_free(A);
    dmat_free(F);
    dmat_free(Z);
    dmat_free(one);
}
END_TEST

START_TEST(test_rank_from_sv_rules)
{
    const double s[] = {1.0, 1e-3, 1e-6, 0.0};
    const double bad[] = {1.0, 2.0};
    DRankInfo ri;

    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 4, 4, 5, 1e-4), DLINALG_OK);
    ck_assert(ri.rank == 2 && ri.s_before == 1e-3 && ri.s_after == 1e-6);
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 4, 4, 5, 1e-2), DLINALG_OK);
    ck_assert(ri.rank == 1);
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 4, 4, 5, 0.0), DLINALG_OK);
    ck_assert(ri.rank == 3 && isinf(ri.gap));
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 4, 4, 5, 2.0), DLINALG_OK);
    ck_assert(ri.rank == 0 && ri.gap == 0.0);
    /* Gap mode: ratios 1e3, 1e3, 1e-6/(5 eps) ~ 9e9 -> rank 3. */
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 4, 4, 5, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(ri.rank == 3 && ri.by_gap && ri.s_after == 0.0);
    ck_assert(ri.floor == 5 * DBL_EPSILON);
    /* Ties go to the smaller rank. */
    {
        const double t[] = {1.0, 0x1p-20, 0x1p-40}; /* ratios 2^20, 2^20, ~1365 */
        ck_assert_int_eq(dlinalg_rank_from_sv(&ri, t, 3, 3, 3, DLINALG_TOL_GAP), DLINALG_OK);
        ck_assert_int_eq(ri.rank, 1);
    }
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, bad, 2, 2, 2, DLINALG_TOL_GAP), DLINALG_ERR_ARG);
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 4, 4, 4, NAN), DLINALG_ERR_ARG);
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, s, 3, 4, 5, 0.1), DLINALG_ERR_ARG);
    ck_assert_int_eq(dlinalg_rank_from_sv(&ri, NULL, 0, 0, 7, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(ri.rank == 0);
}
END_TEST

START_TEST(test_nuclear_norm)
{
    DMat *A = dmat_zeros(3, 2), *E = dmat_new(0, 0);
    double nn;

    DMAT_AT(A, 0, 0) = 3.0;
    DMAT_AT(A, 1, 1) = -4.0;
    ck_assert_int_eq(dlinalg_nuclear_norm(&nn, A), DLINALG_OK);
    ck_assert(fabs(nn - 7.0) <= 1e-14);
    ck_assert_int_eq(dlinalg_nuclear_norm(&nn, E), DLINALG_OK);
    ck_assert(nn == 0.0);
    dmat_free(A);
    dmat_free(E);
}
END_TEST

START_TEST(test_nonfinite_rejected)
{
    double bad[] = {NAN, INFINITY, -INFINITY};
    int b;

    for (b = 0; b < 3; b++) {
        DMat *A = rand_mat(3, 3), *B = rand_mat(3, 1), *X, *Y, *Z;
        DRankInfo ri;
        double d;
        int r;

        DMAT_AT(A, 1, 1) = bad[b];
        ck_assert_int_eq(dlinalg_svd(&X, &Y, &Z, A), DLINALG_ERR_NONFINITE);
        ck_assert_ptr_null(X);
        ck_assert_ptr_null(Y);
        ck_assert_ptr_null(Z);
        ck_assert_int_eq(dlinalg_lstsq(&X, &d, &r, A, B, -1), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_eigh(&X, &Y, A), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_cholesky(&X, A), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_qr(&X, &Y, A), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_solve(&X, A, B), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_inv(&X, A), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_nuclear_norm(&d, A), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_rank(&ri, A, DLINALG_TOL_GAP), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_nullspace(&X, &ri, A, 1e-3), DLINALG_ERR_NONFINITE);
        ck_assert_ptr_null(X);
        /* NaN in the right-hand side too. */
        DMAT_AT(A, 1, 1) = 5.0;
        DMAT_AT(B, 2, 0) = bad[b];
        ck_assert_int_eq(dlinalg_solve(&X, A, B), DLINALG_ERR_NONFINITE);
        ck_assert_int_eq(dlinalg_lstsq(&X, &d, &r, A, B, -1), DLINALG_ERR_NONFINITE);
        dmat_free(A);
        dmat_free(B);
    }
    ck_assert_str_eq(dlinalg_strerror(DLINALG_ERR_NONFINITE), "matrix has NaN or infinite entries");
    ck_assert_str_eq(dlinalg_strerror(12345), "unknown error");
}
END_TEST

START_TEST(test_empty_matrices)
{
    DMat *A = dmat_new(0, 3), *B = dmat_new(3, 0), *E = dmat_new(0, 0), *N, *X, *Q, *R;
    DRankInfo ri;

    ck_assert_int_eq(dlinalg_nullspace(&N, &ri, A, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(N->rows == 3 && N->cols == 3 && ri.rank == 0 && orth_err(N) == 0.0);
    dmat_free(N);
    ck_assert_int_eq(dlinalg_nullspace(&N, &ri, B, DLINALG_TOL_GAP), DLINALG_OK);
    ck_assert(N->rows == 0 && N->cols == 0);
    dmat_free(N);
    ck_assert_int_eq(dlinalg_inv(&X, E), DLINALG_OK);
    ck_assert(X->rows == 0 && X->cols == 0);
    dmat_free(X);
    ck_assert_int_eq(dlinalg_cholesky(&X, E), DLINALG_OK);
    dmat_free(X);
    ck_assert_int_eq(dlinalg_qr(&Q, &R, B), DLINALG_OK);
    ck_assert(Q->rows == 3 && Q->cols == 0 && R->rows == 0 && R->cols == 0);
    dmat_free(Q);
    dmat_free(R);
    dmat_free(A);
    dmat_free(B);
    dmat_free(E);
}
END_TEST

START_TEST(test_blas_threads)
{
#ifdef HAVE_OPENBLAS
    const char *env = getenv("OPENBLAS_NUM_THREADS");

    if (env != NULL && env[0] != '\0') {
        blas_threads_for_size(1L << 40);
        ck_assert_int_eq(blas_threads_last(), 0); /* user's choice kept */
        return;
    }
    blas_threads_for_size(10);
    ck_assert_int_eq(blas_threads_last(), 1);
    blas_threads_for_size(BLAS_THREADS_WORK_THRESHOLD);
    ck_assert_int_eq(blas_threads_last(), 2);
    blas_threads_for_size(BLAS_THREADS_WORK_THRESHOLD - 1);
    ck_assert_int_eq(blas_threads_last(), 1);
#else
    blas_threads_for_size(1L << 40);
    ck_assert_int_eq(blas_threads_last(), 0);
#endif
}
END_TEST

static Suite *dlinalg_suite(void)
{
    Suite *s = suite_create("dlinalg");
    TCase *tc = tcase_create("core");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_dmat_basics);
    tcase_add_test(tc, test_svd_reconstructs);
    tcase_add_test(tc, test_lstsq_normal_equations);
    tcase_add_test(tc, test_lstsq_rank_deficient_and_edges);
    tcase_add_test(tc, test_eigh);
    tcase_add_test(tc, test_eigh_errors);
    tcase_add_test(tc, test_cholesky);
    tcase_add_test(tc, test_cholesky_indefinite);
    tcase_add_test(tc, test_qr);
    tcase_add_test(tc, test_solve_inv);
    tcase_add_test(tc, test_solve_singular);
    tcase_add_test(tc, test_rank_planted_gap);
    tcase_add_test(tc, test_rank_exact_and_full);
    tcase_add_test(tc, test_rank_from_sv_rules);
    tcase_add_test(tc, test_nuclear_norm);
    tcase_add_test(tc, test_nonfinite_rejected);
    tcase_add_test(tc, test_empty_matrices);
    tcase_add_test(tc, test_blas_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(dlinalg_suite());
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
