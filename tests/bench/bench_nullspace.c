/* bench_nullspace.c — times Sym's exact nullspace on equivariance matrices.
 *
 * Builds the constraint matrices of the performance cases (so(3) and so(1,3)
 * equivariant endomorphisms of tensor powers, so(3)-invariant polynomials),
 * times the sparse modular solver and dense FLINT (skipped when predicted
 * over 60 s; CPU time of the process, as the Python peers measure theirs:
 * on a shared machine wall time also counts other processes), checks the
 * results agree, and writes each matrix as a triplet
 * file plus a line in DIR/cases.txt for bench_nullspace.py (the peers).
 *
 * Usage: bench_nullspace [DIR [CASE]]   (default /tmp/sym_bench_nullspace;
 * CASE runs that case only, without writing cases.txt entries for others)
 * Not a test: run it through tests/bench/run-nullspace.sh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "exact/nullspace.h"

/* ---- triplet assembly -------------------------------------------------- */

typedef struct {
    slong n, alloc, rows, cols;
    slong *i, *j, *v;
} Trip;

static void trip_init(Trip *T, slong rows, slong cols)
{
    T->n = 0;
    T->alloc = 1024;
    T->rows = rows;
    T->cols = cols;
    T->i = malloc(T->alloc * sizeof(slong));
    T->j = malloc(T->alloc * sizeof(slong));
    T->v = malloc(T->alloc * sizeof(slong));
}

static void trip_clear(Trip *T)
{
    free(T->i);
    free(T->j);
    free(T->v);
}

static void trip_add(Trip *T, slong i, slong j, slong v)
{
    if (v == 0)
        return;
    if (T->n == T->alloc) {
        T->alloc *= 2;
        T->i = realloc(T->i, T->alloc * sizeof(slong));
        T->j = realloc(T->j, T->alloc * sizeof(slong));
        T->v = realloc(T->v, T->alloc * sizeof(slong));
    }
    T->i[T->n] = i;
    T->j[T->n] = j;
    T->v[T->n++] = v;
}

/* S = T (rows bucketed, repeated entries summed by spmat_append_row). */
static void trip_get_spmat(SpMat *S, const Trip *T)
{
    slong *start = calloc(T->rows + 1, sizeof(slong)), *fill, *cols, *vals;
    slong r, t;
    for (t = 0; t < T->n; t++)
        start[T->i[t] + 1]++;
    for (r = 0; r < T->rows; r++)
        start[r + 1] += start[r];
    fill = malloc((T->rows + 1) * sizeof(slong));
    memcpy(fill, start, (T->rows + 1) * sizeof(slong));
    cols = malloc((T->n + 1) * sizeof(slong));
    vals = malloc((T->n + 1) * sizeof(slong));
    for (t = 0; t < T->n; t++) {
        cols[fill[T->i[t]]] = T->j[t];
        vals[fill[T->i[t]]++] = T->v[t];
    }
    spmat_init(S, T->cols);
    for (r = 0; r < T->rows; r++)
        spmat_append_row_si(S, cols + start[r], vals + start[r], 1, start[r + 1] - start[r]);
    free(start);
    free(fill);
    free(cols);
    free(vals);
}

/* ---- constraint matrices ----------------------------------------------- */

/* dense dρ(A) on (R^m)^{⊗k}, size d = m^k, row-major */
static slong *tensor_rep(const slong *A, slong m, slong k, slong *pd)
{
    slong d = 1, a, c, s, stride, *R;
    for (s = 0; s < k; s++)
        d *= m;
    R = calloc(d * d, sizeof(slong));
    for (a = 0; a < d; a++)
        for (s = 0, stride = 1; s < k; s++, stride *= m) {
            slong ia = (a / stride) % m, jc;
            for (jc = 0; jc < m; jc++) {
                c = a + (jc - ia) * stride;
                R[a * d + c] += A[ia * m + jc];
            }
        }
    *pd = d;
    return R;
}

/* rows for dρ W − W dρ = 0, unknown W[a][b] at column b*d + a */
static void equivariance_rows(Trip *T, const slong *A, slong m, slong k)
{
    slong d, a, b, c, base = T->rows;
    slong *R = tensor_rep(A, m, k, &d);
    T->rows += d * d;
    for (b = 0; b < d; b++)
        for (a = 0; a < d; a++) {
            slong row = base + b * d + a;
            for (c = 0; c < d; c++) {
                trip_add(T, row, b * d + c, R[a * d + c]);
                trip_add(T, row, c * d + a, -R[c * d + b]);
            }
        }
    free(R);
}

static const slong LX[9] = {0, 0, 0, 0, 0, -1, 0, 1, 0};
static const slong LY[9] = {0, 0, 1, 0, 0, 0, -1, 0, 0};

static void build_so3_tensor(SpMat *S, slong k)
{
    Trip T;
    slong d = 1, s;
    for (s = 0; s < k; s++)
        d *= 3;
    trip_init(&T, 0, d * d);
    equivariance_rows(&T, LX, 3, k);
    equivariance_rows(&T, LY, 3, k);
    trip_get_spmat(S, &T);
    trip_clear(&T);
}

static void build_so13_tensor(SpMat *S, slong k)
{
    Trip T;
    slong d = 1, s, g, A[16];
    for (s = 0; s < k; s++)
        d *= 4;
    trip_init(&T, 0, d * d);
    for (g = 0; g < 6; g++) {
        memset(A, 0, sizeof A);
        if (g < 3) { /* boost K: E_0i + E_i0 */
            A[0 * 4 + g + 1] = 1;
            A[(g + 1) * 4 + 0] = 1;
        } else { /* rotation in the plane of the other two axes */
            slong p = (g - 3 + 1) % 3 + 1, q = (g - 3 + 2) % 3 + 1;
            A[q * 4 + p] = 1;
            A[p * 4 + q] = -1;
        }
        equivariance_rows(&T, A, 4, k);
    }
    trip_get_spmat(S, &T);
    trip_clear(&T);
}

/* monomials x^a y^b z^c of degree <= deg, index table */
static slong mono_index(slong a, slong b, slong c, slong deg)
{
    return (a * (deg + 1) + b) * (deg + 1) + c;
}

static void build_so3_poly(SpMat *S, slong deg)
{
    slong side = (deg + 1) * (deg + 1) * (deg + 1), *idx, n = 0, a, b, c;
    slong g, i, l, col;
    Trip T;
    idx = malloc(side * sizeof(slong));
    for (a = 0; a <= deg; a++)
        for (b = 0; a + b <= deg; b++)
            for (c = 0; a + b + c <= deg; c++)
                idx[mono_index(a, b, c, deg)] = n++;
    trip_init(&T, 2 * n, n);
    for (g = 0; g < 2; g++) {
        const slong *A = g == 0 ? LX : LY;
        for (a = 0; a <= deg; a++)
            for (b = 0; a + b <= deg; b++)
                for (c = 0; a + b + c <= deg; c++) {
                    slong e[3] = {a, b, c};
                    col = idx[mono_index(a, b, c, deg)];
                    /* -d m/dx_i * A[i][l] x_l */
                    for (i = 0; i < 3; i++)
                        for (l = 0; l < 3; l++) {
                            slong f[3] = {a, b, c};
                            if (e[i] == 0 || A[i * 3 + l] == 0)
                                continue;
                            f[i]--;
                            f[l]++;
                            trip_add(&T, g * n + idx[mono_index(f[0], f[1], f[2], deg)], col,
                                     -e[i] * A[i * 3 + l]);
                        }
                }
    }
    trip_get_spmat(S, &T);
    trip_clear(&T);
    free(idx);
}

/* ---- timing ------------------------------------------------------------ */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* shared machine: CPU time */
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void write_triplets(const char *path, const SpMat *S)
{
    FILE *f = fopen(path, "w");
    slong i, t;
    if (!f) {
        fprintf(stderr, "bench_nullspace: cannot write %s\n", path);
        return;
    }
    fprintf(f, "%ld %ld %ld\n", (long)S->r, (long)S->c, (long)S->nnz);
    for (i = 0; i < S->r; i++)
        for (t = S->ptr[i]; t < S->ptr[i + 1]; t++) {
            fprintf(f, "%ld %ld ", (long)i, (long)S->col[t]);
            fmpq_fprint(f, S->val + t);
            fputc('\n', f);
        }
    fclose(f);
}

typedef struct {
    const char *name, *family;
    int kind; /* 0 so3 tensor, 1 so3 poly, 2 so13 tensor */
    slong param, expect;
} Case;

int main(int argc, char **argv)
{
    static const Case cases[] = {
        {"so3_tensor_k2", "so3_tensor", 0, 2, 3},    {"so3_tensor_k3", "so3_tensor", 0, 3, 15},
        {"so3_tensor_k4", "so3_tensor", 0, 4, 91},   {"so3_tensor_k5", "so3_tensor", 0, 5, 603},
        {"so3_poly_d8", "so3_poly", 1, 8, 5},        {"so3_poly_d16", "so3_poly", 1, 16, 9},
        {"so3_poly_d24", "so3_poly", 1, 24, 13},     {"so13_tensor_k2", "so13_tensor", 2, 2, 4},
        {"so13_tensor_k3", "so13_tensor", 2, 3, 25}, {"so13_tensor_k4", "so13_tensor", 2, 4, 196},
    };
    const char *dir = argc > 1 ? argv[1] : "/tmp/sym_bench_nullspace";
    const char *only = argc > 2 ? argv[2] : NULL;
    char path[1024];
    FILE *idx;
    double prev_dense = 0, prev_n = 0;
    size_t c;
    int fail = 0;

    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/cases.txt", dir);
    idx = fopen(path, "w");
    if (!idx) {
        fprintf(stderr, "bench_nullspace: cannot write %s\n", path);
        return 1;
    }
    fprintf(idx, "# name family unknowns rows nnz nullity expected primes "
                 "sym_s dense_s agree file sym_min_s sym_max_s sym_runs\n");
    for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const Case *K = cases + c;
        SpMat S;
        if (only && strcmp(only, K->name) != 0)
            continue;
        fmpq_mat_t N, D, ND;
        NullspaceInfo info;
        double t[7], tsym, tdense = -1, t0;
        int runs = 0, st, agree = -1;
        slong n;
        if (K->kind == 0)
            build_so3_tensor(&S, K->param);
        else if (K->kind == 1)
            build_so3_poly(&S, K->param);
        else
            build_so13_tensor(&S, K->param);
        n = S.c;
        fmpq_mat_init(N, 0, 0);
        do {
            t0 = now();
            st = spmat_nullspace_modular_info(N, &info, &S);
            t[runs++] = now() - t0;
        } while (st == QMAT_OK && runs < 7 && t[0] < 20 &&
                 (runs < 3 || (t[0] < 2 && (runs < 5 || t[0] < 0.2))));
        qsort(t, runs, sizeof(double), cmp_double);
        tsym = t[runs / 2];
        if (st != QMAT_OK) {
            fprintf(stderr, "%s: %s\n", K->name, qmat_strerror(st));
            fail = 1;
        }
        /* dense FLINT: predicted from the previous case of the family by n^3 */
        if (c > 0 && strcmp(cases[c - 1].family, K->family) != 0)
            prev_dense = 0;
        if (!(prev_dense < 0) &&
            !(prev_dense > 0 && prev_dense * (n / prev_n) * (n / prev_n) * (n / prev_n) > 60.0) &&
            qmat_size_ok(S.r, S.c)) {
            fmpq_mat_init(D, 0, 0);
            fmpq_mat_init(ND, 0, 0);
            spmat_get_qmat(D, &S);
            t0 = now();
            qmat_nullspace_dense(ND, D);
            tdense = now() - t0;
            agree = fmpq_mat_equal(ND, N);
            if (!agree)
                fail = 1;
            fmpq_mat_clear(D);
            fmpq_mat_clear(ND);
            prev_dense = tdense;
        } else {
            prev_dense = -1;
        }
        prev_n = n;
        snprintf(path, sizeof path, "%s/%s.trip", dir, K->name);
        write_triplets(path, &S);
        if (N->c != K->expect)
            fail = 1;
        fprintf(idx,
                "%s %s %ld %ld %ld %ld %ld %ld %.6f %.6f %d %s "
                "%.6f %.6f %d\n",
                K->name, K->family, (long)n, (long)S.r, (long)S.nnz, (long)N->c, (long)K->expect,
                (long)info.primes, tsym, tdense, agree, path, t[0], t[runs - 1], runs);
        printf("%-16s n=%-6ld nullity=%-4ld (expect %ld) sym %.4f s "
               "[%.4f-%.4f, %d runs]  dense %s",
               K->name, (long)n, (long)N->c, (long)K->expect, tsym, t[0], t[runs - 1], runs,
               tdense < 0 ? "skipped" : "");
        if (tdense >= 0)
            printf("%.3f s %s", tdense, agree ? "agree" : "DIFFER");
        printf("\n");
        fflush(stdout);
        fmpq_mat_clear(N);
        spmat_clear(&S);
    }
    fclose(idx);
    flint_cleanup_master();
    return fail;
}
