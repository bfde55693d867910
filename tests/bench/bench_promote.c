/* bench_promote.c — times Sym's ADMM promotion solver on a problem file.
 *
 * File format (whitespace separated, '#' lines ignored):
 *   MODE GAMMA          MODE is P1 (regularised) or P2 (interpolation)
 *   m N p q
 *   Theta, m rows of N numbers
 *   y, m numbers
 *   Lmat, p*q rows of N numbers (column b = vec(L_b), column-major)
 * Output (one "key value" per line, then the solution):
 *   time_s T (median of REPS solves), time_min, time_max, runs, iterations, converged, objective,
 *   fit, nuclear_norm, rho, r_primal, r_dual, then "c" and N lines.
 *
 * Usage: bench_promote [--reps K] [--eps-rel E] [--eps-abs E] FILE
 * Not a test: run it through tests/bench/run-promote.sh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "numeric/admm.h"

static int read_tok(FILE *f, char *buf, size_t n)
{
    int ch;
    for (;;) {
        ch = fgetc(f);
        if (ch == EOF)
            return 0;
        if (ch == '#') {
            while (ch != '\n' && ch != EOF)
                ch = fgetc(f);
            continue;
        }
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
            break;
    }
    size_t k = 0;
    while (ch != EOF && ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
        if (k + 1 < n)
            buf[k++] = (char)ch;
        ch = fgetc(f);
    }
    buf[k] = 0;
    return 1;
}

static int read_num(FILE *f, double *x)
{
    char buf[128], *end;
    if (!read_tok(f, buf, sizeof buf))
        return 0;
    *x = strtod(buf, &end);
    return *end == 0;
}

static int read_rows(FILE *f, DMat *A)
{
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < A->cols; j++)
            if (!read_num(f, &DMAT_AT(A, i, j)))
                return 0;
    return 1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* CPU time (shared machine) */
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int reps = 5;
    AdmmOptions opt;
    admm_options_init(&opt);
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--reps") && i + 1 < argc)
            reps = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--eps-rel") && i + 1 < argc)
            opt.eps_rel = atof(argv[++i]);
        else if (!strcmp(argv[i], "--eps-abs") && i + 1 < argc)
            opt.eps_abs = atof(argv[++i]);
        else
            path = argv[i];
    }
    if (!path || reps < 1 || reps > 1000) {
        fprintf(stderr, "usage: bench_promote [--reps K] [--eps-rel E] [--eps-abs E] FILE\n");
        return 2;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return 1;
    }
    char mode[16];
    double gamma, dm, dN, dp, dq;
    if (!read_tok(f, mode, sizeof mode) || !read_num(f, &gamma) || !read_num(f, &dm) ||
        !read_num(f, &dN) || !read_num(f, &dp) || !read_num(f, &dq) ||
        (strcmp(mode, "P1") && strcmp(mode, "P2")) || dm < 0 || dN < 1 || dp < 1 || dq < 1 ||
        dm > 1e6 || dN > 1e5 || dp * dq > 1e7) {
        fprintf(stderr, "%s: bad header\n", path);
        fclose(f);
        return 1;
    }
    int m = (int)dm, N = (int)dN, p = (int)dp, q = (int)dq;
    DMat *T = dmat_new(m, N), *y = dmat_new(m, 1), *L = dmat_new(p * q, N);
    if (!T || !y || !L || !read_rows(f, T) || !read_rows(f, y) || !read_rows(f, L)) {
        fprintf(stderr, "%s: truncated or bad data\n", path);
        fclose(f);
        return 1;
    }
    fclose(f);
    AdmmProblem prob = {T, y, L, p, q};
    int interp = !strcmp(mode, "P2");
    double *times = malloc(sizeof(double) * (size_t)reps);
    AdmmResult res;
    admm_result_init(&res);
    int st = 0;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        st = interp ? admm_solve_interp(&res, &prob, &opt) : admm_solve(&res, &prob, gamma, &opt);
        times[r] = now() - t0;
        if (st) {
            fprintf(stderr, "%s: %s\n", path, admm_strerror(st));
            return 1;
        }
    }
    qsort(times, (size_t)reps, sizeof(double), cmp_double);
    printf("time_s %.6g\ntime_min %.6g\ntime_max %.6g\nruns %d\n", times[reps / 2], times[0],
           times[reps - 1], reps);
    printf("iterations %d\nconverged %d\n", res.iterations, res.converged);
    printf("objective %.17g\nfit %.17g\nnuclear_norm %.17g\n", res.objective, res.fit,
           res.nuclear_norm);
    printf("rho %.17g\nr_primal %.3g\nr_dual %.3g\nc\n", res.rho, res.r_primal, res.r_dual);
    for (int i = 0; i < N; i++)
        printf("%.17g\n", res.c->data[i]);
    admm_result_clear(&res);
    free(times);
    dmat_free(T);
    dmat_free(y);
    dmat_free(L);
    return 0;
}
