/* bench_orbit.c — S(n)-equivariant layers between tensor powers of the
 * permutation representation V = std(S(n)): the closed-form orbit basis
 * (model_orbit.c, what enforce answers) against Sym's general exact route
 * on the same constraint rows (model_constraint_rows, then spmat_nullspace,
 * which solves these x_u = x_v systems without elimination, and the sparse
 * modular elimination spmat_nullspace_modular that every other group
 * takes), at the sizes the general route reaches.  Every general result is
 * checked IDENTICAL to the closed form's basis.
 *
 * Times are CPU seconds of this process (clock()) around the call, RUNS
 * runs each (default 5; the modular solver 1 run past 10,000 unknowns),
 * printed as median [min-max].  The general route's time includes building
 * its constraint rows (part of enforce).
 *
 * A(n) rows: the same with A(n)'s generators (its orbits of >= n - 1
 * distinct values split in two by parity).
 *
 * Usage: bench_orbit [RUNS]   (tests/bench/run-orbit.sh builds and runs it)
 * Not a test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "exact/nullspace.h"
#include "lie/discrete.h"
#include "symmetry/model.h"
#include "symmetry/model_orbit.h"

typedef struct {
    const char *name;
    slong n, p, q;
    int bias;
    int general;      /* 0: closed form only, 1: + classes, 2: + modular */
    int alt;          /* A(n) instead of S(n) */
    slong m0, m1, m2; /* when m0 + m1 + m2 > 0: both reps are m0 V^0 + m1 V + m2 V^2 */
} Case;

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void fmt_time(char *buf, size_t len, double s)
{
    if (s < 1e-3)
        snprintf(buf, len, "%.0f us", s * 1e6);
    else if (s < 1)
        snprintf(buf, len, "%.2f ms", s * 1e3);
    else
        snprintf(buf, len, "%.2f s", s);
}

/* "median [min-max]" of t[0..r-1] (sorted here). */
static void summary(char *buf, size_t len, double *t, int r)
{
    char a[24], b[24], c[24];
    qsort(t, r, sizeof(double), cmp_d);
    fmt_time(a, sizeof a, t[r / 2]);
    fmt_time(b, sizeof b, t[0]);
    fmt_time(c, sizeof c, t[r - 1]);
    if (r == 1)
        snprintf(buf, len, "%s (1 run)", a);
    else
        snprintf(buf, len, "%s [%s-%s]", a, b, c);
}

/* r = std^k (trivial(1) for k = 0). */
static void tensor_power(MatRep *r, const MatAlgebra *g, slong k)
{
    char err[ALG_ERR_LEN];
    MatRep s, u;
    if (k == 0) {
        rep_init_trivial(r, g, 1, err);
        return;
    }
    rep_init_std(&s, g, err);
    rep_init_std(r, g, err);
    for (slong i = 1; i < k; i++) {
        if (rep_init_tensor(&u, r, &s, err)) {
            fprintf(stderr, "tensor: %s\n", err);
            exit(1);
        }
        rep_clear(r);
        *r = u;
    }
    rep_clear(&s);
}

/* r = m0 V^0 + m1 V + m2 V^2 (EMLP's channel layout). */
static void channel_sum(MatRep *r, const MatAlgebra *g, slong m0, slong m1, slong m2)
{
    char err[ALG_ERR_LEN];
    MatRep v, v2, u;
    rep_init_std(&v, g, err);
    tensor_power(&v2, g, 2);
    rep_init_trivial(r, g, m0, err);
    for (slong i = 0; i < m1 + m2; i++) {
        if (rep_init_sum(&u, r, i < m1 ? &v : &v2, err)) {
            fprintf(stderr, "sum: %s\n", err);
            exit(1);
        }
        rep_clear(r);
        *r = u;
    }
    rep_clear(&v);
    rep_clear(&v2);
}

static double cpu_now(void)
{
    return (double)clock() / CLOCKS_PER_SEC;
}

/* The general route once: rows, then solver (classes or modular); N =
   the basis.  Returns its CPU time. */
static double general_once(fmpq_mat_t N, const ModelSpace *V, const DiscreteGens *G, int modular)
{
    char err[MODEL_ERR_LEN] = "";
    double t0 = cpu_now();
    SpMat C;
    spmat_init(&C, V->nfull);
    int st = model_constraint_rows(&C, V, NULL, 0, G->gens, G->count, err);
    if (!st)
        st = modular ? spmat_nullspace_modular(N, &C) : spmat_nullspace(N, &C);
    spmat_clear(&C);
    double t = cpu_now() - t0;
    if (st) {
        fprintf(stderr, "general route failed: %s (%d)\n", err, st);
        exit(1);
    }
    return t;
}

int main(int argc, char **argv)
{
    int runs = argc > 1 ? atoi(argv[1]) : 5;
    if (runs < 1)
        runs = 1;
    const Case cases[] = {
        {"S(5) T(5) invariants: R -> V^5", 5, 0, 5, 0, 2},
        {"S(5) V^2 -> V^3", 5, 2, 3, 0, 2},
        {"S(6) V^2 -> V^2", 6, 2, 2, 0, 2},
        {"S(8) V^2 -> V^2 + bias", 8, 2, 2, 1, 2},
        {"S(5) V^3 -> V^3", 5, 3, 3, 0, 2},
        {"S(7) V^2 -> V^3", 7, 2, 3, 0, 2},
        {"S(20) V^2 -> V^2", 20, 2, 2, 0, 2},
        {"S(30) V^2 -> V^2 + bias", 30, 2, 2, 1, 1},
        {"S(100) V^2 -> V^2 (T(4))", 100, 2, 2, 0, 0},
        {"S(100) T(6) invariants", 100, 0, 6, 0, 0},
        {"S(10) V^4 -> V^4", 10, 4, 4, 0, 0},
        {"S(12) V^5 -> V^5", 12, 5, 5, 0, 0},
        {"A(5) T(5) invariants: R -> V^5", 5, 0, 5, 0, 2, 1},
        {"A(6) V^2 -> V^3 + bias", 6, 2, 3, 1, 2, 1},
        {"A(100) T(2) invariants", 100, 0, 2, 0, 2, 1},
        {"A(100) V^2 -> V^2 (T(4))", 100, 2, 2, 0, 0, 1},
        {"S(6) 10V^0+10V+2V^2 -> itself", 6, 0, 0, 0, 2, 0, 10, 10, 2},
        {"S(6) 100V^0+100V+20V^2 -> itself", 6, 0, 0, 0, 0, 0, 100, 100, 20},
    };
    printf("case | unknowns | dim | closed form | general: rows + classes | general: rows + "
           "modular elimination\n");
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const Case *K = cases + c;
        char err[MODEL_ERR_LEN] = "";
        MatAlgebra g;
        DiscreteGens G;
        MatRep rin, rout;
        ModelSpace V, E;
        if (algebra_init_basis(&g, NULL, 0, K->n, 0, 1, "0", err) ||
            (K->alt ? discrete_init_alternating(&G, K->n, err)
                    : discrete_init_symmetric(&G, K->n, err))) {
            fprintf(stderr, "%s: %s\n", K->name, err);
            return 1;
        }
        if (K->m0 + K->m1 + K->m2 > 0) {
            channel_sum(&rin, &g, K->m0, K->m1, K->m2);
            channel_sum(&rout, &g, K->m0, K->m1, K->m2);
        } else {
            tensor_power(&rin, &g, K->p);
            tensor_power(&rout, &g, K->q);
        }
        if (model_space_init_layers(&V, &rin, &rout, K->bias, err)) {
            fprintf(stderr, "%s: %s\n", K->name, err);
            return 1;
        }
        double *t = malloc(runs * sizeof(double));
        for (int r = 0; r < runs; r++) {
            double t0 = cpu_now();
            int st = model_space_enforce(&E, &V, NULL, 0, G.gens, G.count, err);
            t[r] = cpu_now() - t0;
            if (st || !E.orbit) {
                fprintf(stderr, "%s: closed form not taken: %s\n", K->name, err);
                return 1;
            }
            if (r + 1 < runs)
                model_space_clear(&E);
        }
        char closed[128], gen[128] = "-", mod[128] = "-";
        summary(closed, sizeof closed, t, runs);
        for (int m = 0; m < 2 && m < K->general; m++) {
            int rr = m == 1 && V.nfull > 10000 ? 1 : runs;
            fmpq_mat_t N, B;
            fmpq_mat_init(N, 0, 0);
            fmpq_mat_init(B, 0, 0);
            for (int r = 0; r < rr; r++)
                t[r] = general_once(N, &V, &G, m);
            if (model_space_get_basis(B, &E) || !fmpq_mat_equal(N, B)) {
                fprintf(stderr, "%s: the general route's basis differs\n", K->name);
                return 1;
            }
            summary(m ? mod : gen, sizeof gen, t, rr);
            fmpq_mat_clear(N);
            fmpq_mat_clear(B);
        }
        printf("%s | %ld | %ld | %s | %s | %s\n", K->name, (long)V.nfull, (long)E.dim, closed, gen,
               mod);
        fflush(stdout);
        free(t);
        model_space_clear(&E);
        model_space_clear(&V);
        rep_clear(&rin);
        rep_clear(&rout);
        discrete_clear(&G);
        algebra_clear(&g);
    }
    flint_cleanup_master();
    return 0;
}
