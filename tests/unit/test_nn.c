/* test_nn.c — Check tests for runtime/nn: every gradient against central
 * finite differences (dense layers with each activation, EPNN blocks and
 * their gate, forward mode, the L-hat operator and its adjoint, the
 * nuclear-norm penalty, the RK4 roll-out), exact enforcement checked by
 * equivariance N(R x) = R N(x) at random points for random exact rotations,
 * and Adam reducing a loss. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "nn/io.h"
#include "nn/net.h"
#include "nn/symm.h"
#include "nn/train.h"
#include "numeric/rng.h"

static double frand(Rng *r)
{
    return 2 * rng_uniform(r) - 1;
}

/* f(theta) = <dY, N(X)> ; checks grad theta and grad X by central
   differences with relative tolerance tol. */
static void check_backward(Net *net, int B, uint64_t seed, double tol)
{
    Rng r;
    rng_init(&r, seed);
    size_t nx = (size_t)B * net->din, ny = (size_t)B * net->dout;
    double *X = malloc(sizeof(double) * nx), *dY = malloc(sizeof(double) * ny);
    double *Y = malloc(sizeof(double) * ny), *g = calloc((size_t)net->nparams, sizeof(double));
    double *dX = malloc(sizeof(double) * nx);
    for (size_t i = 0; i < nx; i++)
        X[i] = frand(&r);
    for (size_t i = 0; i < ny; i++)
        dY[i] = frand(&r);
    NnTape t;
    nn_tape_init(&t);
    ck_assert_int_eq(nn_net_forward(net, X, B, Y, &t), 0);
    ck_assert_int_eq(nn_net_backward(net, &t, dY, g, dX), 0);
    nn_tape_clear(&t);
    const double h = 1e-6;
    double maxerr = 0, scale = 1e-3;
    for (long k = 0; k < net->nparams; k++) {
        double save = net->theta[k], fp = 0, fm = 0;
        net->theta[k] = save + h;
        nn_net_forward(net, X, B, Y, NULL);
        for (size_t i = 0; i < ny; i++)
            fp += dY[i] * Y[i];
        net->theta[k] = save - h;
        nn_net_forward(net, X, B, Y, NULL);
        for (size_t i = 0; i < ny; i++)
            fm += dY[i] * Y[i];
        net->theta[k] = save;
        double fd = (fp - fm) / (2 * h);
        maxerr = fmax(maxerr, fabs(fd - g[k]));
        scale = fmax(scale, fabs(fd));
    }
    ck_assert_msg(maxerr < tol * scale, "theta gradient: max error %g (scale %g)", maxerr, scale);
    maxerr = 0;
    for (size_t k = 0; k < nx; k++) {
        double save = X[k], fp = 0, fm = 0;
        X[k] = save + h;
        nn_net_forward(net, X, B, Y, NULL);
        for (size_t i = 0; i < ny; i++)
            fp += dY[i] * Y[i];
        X[k] = save - h;
        nn_net_forward(net, X, B, Y, NULL);
        for (size_t i = 0; i < ny; i++)
            fm += dY[i] * Y[i];
        X[k] = save;
        maxerr = fmax(maxerr, fabs((fp - fm) / (2 * h) - dX[k]));
    }
    ck_assert_msg(maxerr < tol * scale, "input gradient: max error %g", maxerr);
    /* forward mode: dY = DN(X) V against differences along V */
    double *V = malloc(sizeof(double) * nx), *Xp = malloc(sizeof(double) * nx);
    double *Ym = malloc(sizeof(double) * ny), *J = malloc(sizeof(double) * ny);
    for (size_t i = 0; i < nx; i++)
        V[i] = frand(&r);
    ck_assert_int_eq(nn_net_jvp(net, X, V, B, NULL, J), 0);
    for (size_t i = 0; i < nx; i++)
        Xp[i] = X[i] + h * V[i];
    nn_net_forward(net, Xp, B, Y, NULL);
    for (size_t i = 0; i < nx; i++)
        Xp[i] = X[i] - h * V[i];
    nn_net_forward(net, Xp, B, Ym, NULL);
    maxerr = 0;
    for (size_t i = 0; i < ny; i++)
        maxerr = fmax(maxerr, fabs((Y[i] - Ym[i]) / (2 * h) - J[i]));
    ck_assert_msg(maxerr < tol * fmax(1, scale), "forward mode: max error %g", maxerr);
    free(V);
    free(Xp);
    free(Ym);
    free(J);
    free(X);
    free(dY);
    free(Y);
    free(g);
    free(dX);
}

START_TEST(test_mlp_gradients)
{
    static const int sizes[] = {3, 5, 4, 2};
    for (int a = 0; a < 4; a++) {
        Net net;
        char err[NN_ERR_LEN];
        ck_assert_int_eq(nn_net_init_mlp(&net, sizes, 4, (NnAct)a, err), 0);
        ck_assert_int_eq(net.nparams, 3 * 5 + 5 + 5 * 4 + 4 + 4 * 2 + 2);
        nn_net_init_params(&net, 7, err);
        check_backward(&net, 6, 11 + a, 1e-6);
        nn_net_clear(&net);
    }
}
END_TEST

START_TEST(test_init_scheme)
{
    static const int sizes[] = {4, 3};
    Net net;
    char err[NN_ERR_LEN];
    nn_net_init_mlp(&net, sizes, 2, NN_TANH, err);
    nn_net_init_params(&net, 0, err);
    Rng r;
    rng_init(&r, 0);
    for (long k = 0; k < net.nparams; k++) {
        double u = rng_affine(-0.5, 1.0, rng_uniform(&r));
        ck_assert(net.theta[k] == u);
        ck_assert(fabs(net.theta[k]) <= 0.5);
    }
    nn_net_clear(&net);
}
END_TEST

START_TEST(test_epnn_gradients)
{
    static const int layers[] = {2, 3, 1};
    Net net;
    char err[NN_ERR_LEN];
    ck_assert_int_eq(nn_net_init_epnn(&net, 4, 3, layers, 3, err), 0);
    /* blocks: 2 x (3x4 + 3 + 15) + 3 x (3x6 + 3 + 28) + (3x9 + 3) */
    ck_assert_int_eq(net.nparams, 2 * 30 + 3 * 49 + 30);
    nn_net_init_params(&net, 3, err);
    check_backward(&net, 5, 21, 1e-6);
    nn_net_clear(&net);
    static const int bad[] = {2, 2};
    ck_assert_int_ne(nn_net_init_epnn(&net, 4, 3, bad, 2, err), 0);
    ck_assert(strstr(err, "last layer") != NULL);
    nn_net_clear(&net);
}
END_TEST

/* so(3) generators L_x, L_y, L_z as exact and (Frobenius-orthonormal) double
   images on `copies` copies of R^3. */
static const int so3[3][3][3] = {{{0, 0, 0}, {0, 0, -1}, {0, 1, 0}},
                                 {{0, 0, 1}, {0, 0, 0}, {-1, 0, 0}},
                                 {{0, -1, 0}, {1, 0, 0}, {0, 0, 0}}};

static void so3_images(fmpq_mat_struct *E, double *D, int copies)
{
    int d = 3 * copies;
    for (int g = 0; g < 3; g++) {
        if (E)
            fmpq_mat_init(E + g, d, d);
        for (int c = 0; c < copies; c++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) {
                    if (E)
                        fmpq_set_si(fmpq_mat_entry(E + g, 3 * c + i, 3 * c + j), so3[g][i][j], 1);
                    if (D)
                        D[(size_t)g * d * d + (size_t)(3 * c + i) * d + 3 * c + j] =
                            so3[g][i][j] / sqrt(2.0);
                }
    }
}

START_TEST(test_lhat_adjoint_and_penalty)
{
    static const int layers[] = {2, 1};
    Net net;
    char err[NN_ERR_LEN];
    ck_assert_int_eq(nn_net_init_epnn(&net, 6, 3, layers, 2, err), 0);
    nn_net_init_params(&net, 5, err);
    double *Ain = calloc(3 * 36, sizeof(double)), *Aout = calloc(3 * 9, sizeof(double));
    so3_images(NULL, Ain, 2);
    so3_images(NULL, Aout, 1);
    fmpq_t c0, c1;
    fmpq_init(c0);
    fmpq_init(c1);
    fmpq_set_si(c0, 3, 2);
    fmpq_set_si(c1, 2, 1);
    NnSymm S;
    ck_assert_int_eq(nn_symm_init(&S, &net, 3, Ain, Aout, c0, c1, 128, err), 0);
    size_t sz = (size_t)3 * S.ncols;
    double *L = malloc(sizeof(double) * sz), *G = malloc(sizeof(double) * sz);
    double *g = calloc((size_t)net.nparams, sizeof(double));
    Rng r;
    rng_init(&r, 9);
    for (size_t i = 0; i < sz; i++)
        G[i] = frand(&r);
    /* <G, L theta> = <L^T G, theta> */
    nn_symm_apply(&S, &net, net.theta, L);
    nn_symm_adjoint(&S, &net, G, g);
    double lhs = 0, rhs = 0;
    for (size_t i = 0; i < sz; i++)
        lhs += G[i] * L[i];
    for (long k = 0; k < net.nparams; k++)
        rhs += g[k] * net.theta[k];
    ck_assert_msg(fabs(lhs - rhs) < 1e-10 * fmax(1, fabs(lhs)), "adjoint: %g vs %g", lhs, rhs);
    /* penalty gradient vs differences */
    double v;
    memset(g, 0, sizeof(double) * (size_t)net.nparams);
    ck_assert_int_eq(nn_penalty(&v, NULL, &S, &net, 1.0, g), 0);
    double maxerr = 0;
    for (long k = 0; k < net.nparams; k += 3) {
        double save = net.theta[k], vp, vm;
        net.theta[k] = save + 1e-6;
        nn_penalty(&vp, NULL, &S, &net, 0, NULL);
        net.theta[k] = save - 1e-6;
        nn_penalty(&vm, NULL, &S, &net, 0, NULL);
        net.theta[k] = save;
        maxerr = fmax(maxerr, fabs((vp - vm) / 2e-6 - g[k]));
    }
    ck_assert_msg(maxerr < 1e-6, "penalty gradient: max error %g", maxerr);
    /* the row norm is the L^2 norm of lie(xi, block): check the linear part
       of block 1 against Monte Carlo on the box would be slow; check the
       gate of a pure x_1^2 instead: lie_z (x^2) = -2 x (-y) = 2xy. */
    memset(net.theta, 0, sizeof(double) * (size_t)net.nparams);
    long oq = net.blocks[0].off + 3 * 6 + 3;
    net.theta[oq + 1 + 6] = 1; /* x_1^2 */
    nn_symm_apply(&S, &net, net.theta, L);
    double n2 = 0;
    for (long j = 0; j < S.ncols; j++)
        n2 += L[2 * S.ncols + j] * L[2 * S.ncols + j];
    /* generator L_z / sqrt 2: lie = sqrt(2) x y; E[2 x^2 y^2] = 2 (c^2/3)^2 = 2 (3/4)^2 */
    ck_assert_msg(fabs(n2 - 2 * 0.5625) < 1e-12, "||lie||^2 = %.17g", n2);
    free(L);
    free(G);
    free(g);
    free(Ain);
    free(Aout);
    nn_symm_clear(&S);
    fmpq_clear(c0);
    fmpq_clear(c1);
    nn_net_clear(&net);
}
END_TEST

START_TEST(test_ode_gradient)
{
    static const int sizes[] = {2, 6, 2};
    Net net;
    char err[NN_ERR_LEN];
    nn_net_init_mlp(&net, sizes, 3, NN_TANH, err);
    nn_net_init_params(&net, 1, err);
    Rng r;
    rng_init(&r, 4);
    double C[3 * 4 * 2];
    for (int i = 0; i < 24; i++)
        C[i] = frand(&r);
    NnData D = {.ode = 1, .n = 3, .C = C, .len = 4, .dt = 0.3, .substeps = 2};
    double *g = calloc((size_t)net.nparams, sizeof(double)), l;
    ck_assert_int_eq(nn_loss(&l, &net, &D, g), 0);
    double maxerr = 0, scale = 1e-3;
    for (long k = 0; k < net.nparams; k++) {
        double save = net.theta[k], lp, lm;
        net.theta[k] = save + 1e-6;
        nn_loss(&lp, &net, &D, NULL);
        net.theta[k] = save - 1e-6;
        nn_loss(&lm, &net, &D, NULL);
        net.theta[k] = save;
        double fd = (lp - lm) / 2e-6;
        maxerr = fmax(maxerr, fabs(fd - g[k]));
        scale = fmax(scale, fabs(fd));
    }
    ck_assert_msg(maxerr < 1e-6 * scale, "ODE gradient: max error %g (scale %g)", maxerr, scale);
    free(g);
    nn_net_clear(&net);
}
END_TEST

/* R = (I - S)^{-1} (I + S) for a rational skew S: an exact rotation. */
static void cayley(double R[9], Rng *r)
{
    fmpq_mat_t S, I, P, M, Rm;
    fmpq_mat_init(S, 3, 3);
    fmpq_mat_init(I, 3, 3);
    fmpq_mat_init(P, 3, 3);
    fmpq_mat_init(M, 3, 3);
    fmpq_mat_init(Rm, 3, 3);
    for (int k = 0; k < 3; k++) {
        int i = k == 2 ? 1 : 0, j = k == 0 ? 1 : 2;
        fmpq_set_si(fmpq_mat_entry(S, i, j), (slong)(rng_next(r) % 9) - 4,
                    1 + (ulong)(rng_next(r) % 5));
        fmpq_neg(fmpq_mat_entry(S, j, i), fmpq_mat_entry(S, i, j));
    }
    fmpq_mat_one(I);
    fmpq_mat_add(P, I, S);
    fmpq_mat_sub(M, I, S);
    fmpq_mat_inv(M, M);
    fmpq_mat_mul(Rm, M, P);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            R[3 * i + j] = fmpq_get_d(fmpq_mat_entry(Rm, i, j));
    fmpq_mat_clear(S);
    fmpq_mat_clear(I);
    fmpq_mat_clear(P);
    fmpq_mat_clear(M);
    fmpq_mat_clear(Rm);
}

START_TEST(test_enforce_equivariance)
{
    static const int layers[] = {3, 2, 1};
    Net net;
    char err[NN_ERR_LEN];
    ck_assert_int_eq(nn_net_init_epnn(&net, 6, 6, layers, 3, err), 0);
    fmpq_mat_struct Ein[3], Eout[3];
    so3_images(Ein, NULL, 2);
    so3_images(Eout, NULL, 2);
    ck_assert_msg(nn_symm_enforce(&net, Ein, Eout, 3, NULL, NULL, 0, "so(3)", err) == 0, "%s", err);
    ck_assert(net.nred > 0 && net.nred < net.nparams);
    nn_net_init_params(&net, 2, err);
    Rng r;
    rng_init(&r, 17);
    /* train a few steps so the parameters are not just the initial ones */
    double X[8 * 6], Y[8 * 6], RX[8 * 6], NX[8 * 6];
    for (int t = 0; t < 5; t++) {
        double R[9];
        cayley(R, &r);
        for (int i = 0; i < 48; i++)
            X[i] = 1.5 * frand(&r);
        for (int p = 0; p < 8; p++)
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 3; i++) {
                    double acc = 0;
                    for (int j = 0; j < 3; j++)
                        acc += R[3 * i + j] * X[6 * p + 3 * c + j];
                    RX[6 * p + 3 * c + i] = acc;
                }
        nn_net_forward(&net, X, 8, Y, NULL);
        nn_net_forward(&net, RX, 8, NX, NULL);
        double maxerr = 0, scale = 0;
        for (int p = 0; p < 8; p++)
            for (int c = 0; c < 2; c++)
                for (int i = 0; i < 3; i++) {
                    double acc = 0;
                    for (int j = 0; j < 3; j++)
                        acc += R[3 * i + j] * Y[6 * p + 3 * c + j];
                    maxerr = fmax(maxerr, fabs(acc - NX[6 * p + 3 * c + i]));
                    scale = fmax(scale, fabs(acc));
                }
        ck_assert_msg(maxerr < 1e-12 * fmax(1, scale), "N(Rx) - R N(x): %g", maxerr);
        ck_assert(scale > 1e-6);
        NnData D = {.n = 8, .X = X, .Y = X};
        NnTrainOpts o;
        nn_train_opts_default(&o);
        o.steps = 20;
        o.lr = 1e-2;
        NnTrainResult res;
        ck_assert_msg(nn_train(&net, &D, NULL, &o, &res, err) == 0, "%s", err);
        nn_train_result_clear(&res);
    }
    /* an unconstrained network is not equivariant (the test can fail) */
    Net free_net;
    nn_net_init_epnn(&free_net, 6, 6, layers, 3, err);
    nn_net_init_params(&free_net, 2, err);
    double R[9];
    cayley(R, &r);
    nn_net_forward(&free_net, X, 8, Y, NULL);
    for (int p = 0; p < 8; p++)
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < 3; i++) {
                double acc = 0;
                for (int j = 0; j < 3; j++)
                    acc += R[3 * i + j] * X[6 * p + 3 * c + j];
                RX[6 * p + 3 * c + i] = acc;
            }
    nn_net_forward(&free_net, RX, 8, NX, NULL);
    double d = 0;
    for (int p = 0; p < 8; p++)
        for (int i = 0; i < 3; i++) {
            double acc = 0;
            for (int j = 0; j < 3; j++)
                acc += R[3 * i + j] * Y[6 * p + j];
            d = fmax(d, fabs(acc - NX[6 * p + i]));
        }
    ck_assert(d > 1e-3);
    nn_net_clear(&free_net);
    for (int g = 0; g < 3; g++) {
        fmpq_mat_clear(Ein + g);
        fmpq_mat_clear(Eout + g);
    }
    nn_net_clear(&net);
}
END_TEST

/* Discrete generators alone: the coordinate swap P of R^2 on input and
   output (S(2)); N(P x) = P N(x) after enforcement. */
START_TEST(test_enforce_discrete)
{
    static const int layers[] = {2, 1};
    Net net;
    char err[NN_ERR_LEN];
    ck_assert_int_eq(nn_net_init_epnn(&net, 2, 2, layers, 2, err), 0);
    fmpq_mat_t P;
    fmpq_mat_init(P, 2, 2);
    fmpq_one(fmpq_mat_entry(P, 0, 1));
    fmpq_one(fmpq_mat_entry(P, 1, 0));
    ck_assert_msg(nn_symm_enforce(&net, NULL, NULL, 0, P, P, 1, "S(2)", err) == 0, "%s", err);
    ck_assert(net.nred > 0 && net.nred < net.nparams);
    nn_net_init_params(&net, 4, err);
    Rng r;
    rng_init(&r, 5);
    double X[20], PX[20], Y[20], PY[20];
    for (int i = 0; i < 20; i++)
        X[i] = 2 * frand(&r);
    for (int p = 0; p < 10; p++) {
        PX[2 * p] = X[2 * p + 1];
        PX[2 * p + 1] = X[2 * p];
    }
    nn_net_forward(&net, X, 10, Y, NULL);
    nn_net_forward(&net, PX, 10, PY, NULL);
    double d = 0;
    for (int p = 0; p < 10; p++)
        d = fmax(d, fmax(fabs(PY[2 * p] - Y[2 * p + 1]), fabs(PY[2 * p + 1] - Y[2 * p])));
    ck_assert_msg(d < 1e-13, "N(Px) - P N(x): %g", d);
    fmpq_mat_clear(P);
    nn_net_clear(&net);
}
END_TEST

START_TEST(test_save_load_bits)
{
    static const int layers[] = {2, 1};
    Net net, back;
    char err[NN_ERR_LEN];
    nn_net_init_epnn(&net, 2, 2, layers, 2, err);
    fmpq_mat_t P;
    fmpq_mat_init(P, 2, 2);
    fmpq_one(fmpq_mat_entry(P, 0, 1));
    fmpq_one(fmpq_mat_entry(P, 1, 0));
    nn_symm_enforce(&net, NULL, NULL, 0, P, P, 1, "S(2)", err);
    fmpq_mat_clear(P);
    nn_net_init_params(&net, 8, err);
    net.theta[0] = 0x1.23456789abcdefp-1000; /* a subnormal-range value survives too */
    char path[] = "/tmp/sym_test_nn_XXXXXX";
    int fd = mkstemp(path);
    ck_assert(fd >= 0);
    close(fd);
    ck_assert_msg(nn_net_save(&net, path, err) == 0, "%s", err);
    ck_assert_msg(nn_net_load(&back, path, err) == 0, "%s", err);
    ck_assert_int_eq(back.nparams, net.nparams);
    ck_assert(memcmp(back.theta, net.theta, sizeof(double) * (size_t)net.nparams) == 0);
    ck_assert_int_eq(back.nred, net.nred);
    ck_assert(memcmp(back.Nb, net.Nb, sizeof(double) * (size_t)(net.nparams * net.nred)) == 0);
    ck_assert_str_eq(back.enforced_by, "S(2)");
    nn_net_clear(&back);
    /* every truncation is an error, never a half network */
    FILE *f = fopen(path, "r");
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    char *buf = malloc((size_t)len);
    fseek(f, 0, SEEK_SET);
    ck_assert(fread(buf, 1, (size_t)len, f) == (size_t)len);
    fclose(f);
    for (long cut = 0; cut < len - 1; cut += 7) {
        f = fopen(path, "w");
        fwrite(buf, 1, (size_t)cut, f);
        fclose(f);
        ck_assert_msg(nn_net_load(&back, path, err) != 0, "a file cut at %ld loaded", cut);
    }
    free(buf);
    unlink(path);
    nn_net_clear(&net);
}
END_TEST

/* The MLP's Lie derivative at points against central differences along
   A x, and the gradient of its nuclear norm (reverse over forward mode)
   against differences in theta, for tanh and sigmoid. */
START_TEST(test_pointlie)
{
    static const int sizes[] = {6, 7, 5, 6};
    for (int a = 0; a < 2; a++) {
        Net net;
        char err[NN_ERR_LEN];
        nn_net_init_mlp(&net, sizes, 4, a ? NN_SIGMOID : NN_TANH, err);
        nn_net_init_params(&net, 12 + a, err);
        double *A = calloc(3 * 36, sizeof(double));
        so3_images(NULL, A, 2);
        Rng r;
        rng_init(&r, 3);
        double X[7 * 6];
        for (int i = 0; i < 42; i++)
            X[i] = 1.5 * frand(&r);
        NnPointLie P;
        ck_assert_int_eq(nn_pointlie_init(&P, &net, 3, A, A, X, 7, err), 0);
        long nc = nn_pointlie_ncols(&P, &net);
        double *L = malloc(sizeof(double) * 3 * nc);
        ck_assert_int_eq(nn_pointlie_apply(&P, &net, L), 0);
        /* row i at point p: (B N(x) - (N(x + h Ax) - N(x - h Ax)) / 2h) / sqrt 7 */
        double Y[6], Yp[6], Ym[6], xp[6], xm[6], maxerr = 0;
        for (int i = 0; i < 3; i++)
            for (int p = 0; p < 7; p++) {
                const double *x = X + 6 * p, *Ai = A + 36 * i;
                for (int k = 0; k < 6; k++) {
                    double v = 0;
                    for (int j = 0; j < 6; j++)
                        v += Ai[6 * k + j] * x[j];
                    xp[k] = x[k] + 1e-6 * v;
                    xm[k] = x[k] - 1e-6 * v;
                }
                nn_net_forward(&net, x, 1, Y, NULL);
                nn_net_forward(&net, xp, 1, Yp, NULL);
                nn_net_forward(&net, xm, 1, Ym, NULL);
                for (int k = 0; k < 6; k++) {
                    double bn = 0;
                    for (int j = 0; j < 6; j++)
                        bn += Ai[6 * k + j] * Y[j];
                    double want = (bn - (Yp[k] - Ym[k]) / 2e-6) / sqrt(7.0);
                    maxerr = fmax(maxerr, fabs(want - L[i * nc + 6 * p + k]));
                }
            }
        ck_assert_msg(maxerr < 1e-8, "L-hat at points: max error %g", maxerr);
        double v, *g = calloc((size_t)net.nparams, sizeof(double));
        ck_assert_int_eq(nn_penalty_points(&v, NULL, &P, &net, 1.0, g), 0);
        maxerr = 0;
        for (long k = 0; k < net.nparams; k++) {
            double save = net.theta[k], vp, vm;
            net.theta[k] = save + 1e-6;
            nn_penalty_points(&vp, NULL, &P, &net, 0, NULL);
            net.theta[k] = save - 1e-6;
            nn_penalty_points(&vm, NULL, &P, &net, 0, NULL);
            net.theta[k] = save;
            maxerr = fmax(maxerr, fabs((vp - vm) / 2e-6 - g[k]));
        }
        ck_assert_msg(maxerr < 1e-6, "point penalty gradient: max error %g", maxerr);
        free(g);
        free(L);
        free(A);
        nn_pointlie_clear(&P);
        nn_net_clear(&net);
    }
}
END_TEST

START_TEST(test_adam_regression)
{
    static const int sizes[] = {1, 16, 1};
    Net net;
    char err[NN_ERR_LEN];
    nn_net_init_mlp(&net, sizes, 3, NN_TANH, err);
    nn_net_init_params(&net, 0, err);
    double X[40], Y[40];
    for (int i = 0; i < 40; i++) {
        X[i] = -1 + 2.0 * i / 39;
        Y[i] = sin(3 * X[i]);
    }
    NnData D = {.n = 40, .X = X, .Y = Y};
    NnTrainOpts o;
    nn_train_opts_default(&o);
    o.steps = 2000;
    o.lr = 1e-2;
    NnTrainResult res;
    ck_assert_int_eq(nn_train(&net, &D, &D, &o, &res, err), 0);
    ck_assert(res.ncurve == 201);
    ck_assert_msg(res.loss < 1e-2 * res.curve_train[0], "%g -> %g", res.curve_train[0], res.loss);
    nn_train_result_clear(&res);
    /* NaN in the data: an error naming step 1 */
    Y[3] = NAN;
    ck_assert_int_eq(nn_train(&net, &D, NULL, &o, &res, err), NN_E_NONFINITE);
    ck_assert(strstr(err, "step 1") != NULL);
    nn_train_result_clear(&res);
    nn_net_clear(&net);
}
END_TEST

static Suite *nn_suite(void)
{
    Suite *s = suite_create("nn");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_mlp_gradients);
    tcase_add_test(tc, test_init_scheme);
    tcase_add_test(tc, test_epnn_gradients);
    tcase_add_test(tc, test_lhat_adjoint_and_penalty);
    tcase_add_test(tc, test_ode_gradient);
    tcase_add_test(tc, test_enforce_equivariance);
    tcase_add_test(tc, test_adam_regression);
    tcase_add_test(tc, test_enforce_discrete);
    tcase_add_test(tc, test_save_load_bits);
    tcase_add_test(tc, test_pointlie);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(nn_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
