/* pendulum.c — the paper's network experiment (Otto et al., arXiv 2311.00212) on Sym's
 * engines: neural ODEs on the double spring pendulum chunks written by
 * tests/bench/pendulum_data.sym, for one model, n_traj and seed per run.
 *
 * usage: pendulum DATA.csv MODEL NTRAJ SEED [STEPS [LR [GAMMA]]]
 *   MODEL: mlp       MLPNODE [12, 42, 42, 42, 12], tanh
 *          so3       SymmNet [3, 3, 1], so(3) promoted, gamma = 1e-4 (GAMMA)
 *          so2       SymmNet [3, 3, 1], so(2) about z enforced exactly
 *          poly      SymmNet [3, 3, 1], gamma = 0 (baseline)
 *   The 1500 chunks are permuted with the seed (xoshiro256**, Fisher-Yates):
 *   500 train (the first NTRAJ used), 500 validation, 500 test.  Adam
 *   (lr 3e-4 default), full batch, STEPS (default 10000), RK4 with one
 *   sub-step per dt = 0.2, loss over predicted steps 1..4; network weights
 *   from the same seed.
 * Environment: PENDULUM_NOPERM=1 keeps the file's order (chunks 1..NTRAJ
 * train); PENDULUM_SAVE=FILE writes the initial network there and prints
 * its loss and penalty on stderr (for the PyTorch comparison);
 * PENDULUM_DIRECTIONS=1 prints, for SymmNets, the singular values of L-hat
 * at the end with their directions in so(3) (coordinates in the orthonormal
 * basis L_x, L_y, L_z / sqrt 2).
 * Prints one CSV line: model,ntraj,seed,steps,train_mse,val_mse,test_mse,
 *   seconds,sv1,sv2,sv3 (the singular values of the so(3) L-hat of SymmNets
 *   at the end; empty for the MLP). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <lapacke.h>

#include "nn/net.h"
#include "nn/symm.h"
#include "nn/train.h"
#include "nn/io.h"
#include "numeric/csv.h"
#include "numeric/rng.h"

static const int so3[3][3][3] = {{{0, 0, 0}, {0, 0, -1}, {0, 1, 0}},
                                 {{0, 0, 1}, {0, 0, 0}, {-1, 0, 0}},
                                 {{0, -1, 0}, {1, 0, 0}, {0, 0, 0}}};

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s DATA.csv mlp|so3|so2|poly NTRAJ SEED [STEPS [LR [GAMMA]]]\n",
                argv[0]);
        return 2;
    }
    const char *model = argv[2];
    int ntraj = atoi(argv[3]);
    uint64_t seed = strtoull(argv[4], NULL, 10);
    long steps = argc > 5 ? atol(argv[5]) : 10000;
    double lr = argc > 6 ? atof(argv[6]) : 3e-4;
    double gamma = argc > 7 ? atof(argv[7]) : 1e-4;
    CsvTable t;
    csv_table_init(&t);
    char *cerr = NULL;
    if (csv_read_file(&t, argv[1], &cerr)) {
        fprintf(stderr, "%s\n", cerr);
        return 1;
    }
    int N = t.data->rows, d = 12, len = t.data->cols / d;
    if (N < 1500 || t.data->cols != len * d || ntraj < 1 || ntraj > 500) {
        fprintf(stderr, "need 1500 chunks of 12-dimensional states and 1 <= NTRAJ <= 500\n");
        return 1;
    }
    /* permutation from the seed */
    int *perm = malloc(sizeof(int) * (size_t)N);
    for (int i = 0; i < N; i++)
        perm[i] = i;
    Rng r;
    rng_init(&r, 42 + seed);
    for (int i = N - 1; i > 0 && !getenv("PENDULUM_NOPERM"); i--) {
        int j = (int)(rng_next(&r) % (uint64_t)(i + 1));
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
    }
    double *C = malloc(sizeof(double) * (size_t)N * len * d);
    for (int i = 0; i < N; i++)
        for (int k = 0; k < len * d; k++)
            C[(size_t)i * len * d + k] = DMAT_AT(t.data, perm[i], k);
    csv_table_clear(&t);
    NnData D = {.ode = 1, .n = ntraj, .C = C, .len = len, .dt = 0.2, .substeps = 1};
    NnData V = {
        .ode = 1, .n = 500, .C = C + (size_t)500 * len * d, .len = len, .dt = 0.2, .substeps = 1};
    NnData T = {
        .ode = 1, .n = 500, .C = C + (size_t)1000 * len * d, .len = len, .dt = 0.2, .substeps = 1};
    Net net;
    char err[NN_ERR_LEN] = "";
    int epnn = strcmp(model, "mlp") != 0, st;
    static const int mlp_sizes[] = {12, 42, 42, 42, 12}, layers[] = {3, 3, 1};
    if (epnn)
        st = nn_net_init_epnn(&net, d, d, layers, 3, err);
    else
        st = nn_net_init_mlp(&net, mlp_sizes, 5, NN_TANH, err);
    if (st) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    /* so(3) on four copies of R^3: exact images, and orthonormal doubles */
    fmpq_mat_struct E[3];
    double *Ad = calloc(3 * 144, sizeof(double));
    for (int g = 0; g < 3; g++) {
        fmpq_mat_init(E + g, d, d);
        for (int c = 0; c < 4; c++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) {
                    fmpq_set_si(fmpq_mat_entry(E + g, 3 * c + i, 3 * c + j), so3[g][i][j], 1);
                    Ad[g * 144 + (3 * c + i) * 12 + 3 * c + j] = so3[g][i][j] / sqrt(2.0);
                }
    }
    if (!strcmp(model, "so2") &&
        nn_symm_enforce(&net, E + 2, E + 2, 1, NULL, NULL, 0, "so(2)", err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    nn_net_init_params(&net, seed, err);
    NnSymm S;
    int haveS = 0;
    if (epnn) {
        double m = 0;
        for (size_t k = 0; k < (size_t)ntraj * len * d; k++)
            m = fmax(m, fabs(C[k]));
        fmpq_t c0, c1;
        fmpq_init(c0);
        fmpq_init(c1);
        fmpq_set_si(c0, (slong)ceil(m * 8), 8);
        fmpq_set_si(c1, 2, 1);
        if (nn_symm_init(&S, &net, 3, Ad, Ad, c0, c1, 128, err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        haveS = 1;
        fmpq_clear(c0);
        fmpq_clear(c1);
    }
    NnTrainOpts o;
    nn_train_opts_default(&o);
    o.steps = steps;
    o.lr = lr;
    o.val_every = steps;
    o.S = haveS ? &S : NULL;
    o.gamma = !strcmp(model, "so3") ? gamma : 0;
    if (getenv("PENDULUM_SAVE")) {
        /* the initial network and its loss, for tests/bench/bench_pendulum_torch.py */
        double l0 = NAN, p0 = 0;
        nn_loss(&l0, &net, &D, NULL);
        if (haveS)
            nn_penalty(&p0, NULL, &S, &net, 0, NULL);
        if (nn_net_save(&net, getenv("PENDULUM_SAVE"), err))
            fprintf(stderr, "%s\n", err);
        fprintf(stderr, "initial loss %.17g penalty %.17g\n", l0, p0);
    }
    NnTrainResult res;
    double t0 = now();
    if (nn_train(&net, &D, &V, &o, &res, err)) {
        printf("%s,%d,%llu,%ld,nan,nan,nan,%.3f,,,  # %s\n", model, ntraj, (unsigned long long)seed,
               steps, now() - t0, err);
        return 0;
    }
    double secs = now() - t0, vl = NAN, tl = NAN;
    nn_loss(&vl, &net, &V, NULL);
    nn_loss(&tl, &net, &T, NULL);
    printf("%s,%d,%llu,%ld,%.6e,%.6e,%.6e,%.2f", model, ntraj, (unsigned long long)seed, steps,
           res.loss, vl, tl, secs);
    if (res.sv)
        printf(",%.4e,%.4e,%.4e\n", res.sv[0], res.sv[1], res.sv[2]);
    else
        printf(",,,\n");
    if (haveS && getenv("PENDULUM_DIRECTIONS")) {
        /* the left singular vectors of L-hat: coordinates of the directions
           in the orthonormal basis L_x, L_y, L_z / sqrt 2, smallest last */
        size_t sz = (size_t)3 * S.ncols;
        double *L = malloc(sizeof(double) * sz), sv[3], U[9], *Vt = malloc(sizeof(double) * sz);
        nn_symm_apply(&S, &net, net.theta, L);
        if (!LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'S', 3, (lapack_int)S.ncols, L, (lapack_int)S.ncols,
                            sv, U, 3, Vt, (lapack_int)S.ncols))
            for (int j = 0; j < 3; j++)
                fprintf(stderr, "sigma %.4e direction (%+.4f, %+.4f, %+.4f)\n", sv[j], U[j],
                        U[3 + j], U[6 + j]);
        free(L);
        free(Vt);
    }
    nn_train_result_clear(&res);
    if (haveS)
        nn_symm_clear(&S);
    for (int g = 0; g < 3; g++)
        fmpq_mat_clear(E + g);
    free(Ad);
    free(C);
    free(perm);
    nn_net_clear(&net);
    return 0;
}
