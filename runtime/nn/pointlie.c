/* pointlie.c — an MLP's Lie derivative at points and its adjoint (see
 * pointlie.h).  The forward pass carries values h and tangents t through
 * each dense layer (z = W h + b, tz = W t; h' = act(z), t' = act'(z) tz);
 * reverse mode through it needs act'' as well. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>

#include "nn/pointlie.h"

int nn_pointlie_init(NnPointLie *P, const Net *net, int K, const double *A, const double *B,
                     const double *X, int npts, char *err)
{
    memset(P, 0, sizeof *P);
    if (net->kind != NN_MLP)
        return nn_fail(err, NN_E_ARG, "the end-to-end Lie derivative is for MLPs");
    size_t na = (size_t)K * net->din * net->din, nb = (size_t)K * net->dout * net->dout;
    size_t nx = (size_t)npts * net->din;
    P->A = malloc(sizeof(double) * (na + 1));
    P->B = malloc(sizeof(double) * (nb + 1));
    P->X = malloc(sizeof(double) * (nx + 1));
    if (!P->A || !P->B || !P->X) {
        nn_pointlie_clear(P);
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    }
    memcpy(P->A, A, sizeof(double) * na);
    memcpy(P->B, B, sizeof(double) * nb);
    memcpy(P->X, X, sizeof(double) * nx);
    P->K = K;
    P->npts = npts;
    return NN_OK;
}

void nn_pointlie_clear(NnPointLie *P)
{
    free(P->A);
    free(P->B);
    free(P->X);
    memset(P, 0, sizeof *P);
}

long nn_pointlie_ncols(const NnPointLie *P, const Net *net)
{
    return (long)P->npts * net->dout;
}

static double act2(NnAct a, double y)
{
    switch (a) {
    case NN_TANH:
        return -2 * y * (1 - y * y);
    case NN_SIGMOID:
        return y * (1 - y) * (1 - 2 * y);
    default:
        return 0;
    }
}

/* Values and tangents of every layer for the rows of X with tangents V:
   h[l], t[l] (B x s_l), z[l], tz[l] (B x s_{l+1}). */
typedef struct Pass {
    int L;
    double **h, **t, **z, **tz;
} Pass;

static void pass_free(Pass *p)
{
    for (int l = 0; l <= p->L; l++) {
        if (p->h)
            free(p->h[l]);
        if (p->t)
            free(p->t[l]);
        if (l < p->L) {
            if (p->z)
                free(p->z[l]);
            if (p->tz)
                free(p->tz[l]);
        }
    }
    free(p->h);
    free(p->t);
    free(p->z);
    free(p->tz);
}

static int pass_run(Pass *p, const Net *net, const double *X, const double *V, int B)
{
    int L = net->nlayers;
    p->L = L;
    p->h = calloc((size_t)L + 1, sizeof(double *));
    p->t = calloc((size_t)L + 1, sizeof(double *));
    p->z = calloc((size_t)L + 1, sizeof(double *));
    p->tz = calloc((size_t)L + 1, sizeof(double *));
    if (!p->h || !p->t || !p->z || !p->tz)
        return NN_E_NOMEM;
    for (int l = 0; l <= L; l++) {
        size_t w = (size_t)B * net->layer_in[l] + 1;
        if (!(p->h[l] = malloc(sizeof(double) * w)) || !(p->t[l] = malloc(sizeof(double) * w)))
            return NN_E_NOMEM;
        if (l < L) {
            size_t wz = (size_t)B * net->blocks[l].out + 1;
            if (!(p->z[l] = malloc(sizeof(double) * wz)) ||
                !(p->tz[l] = malloc(sizeof(double) * wz)))
                return NN_E_NOMEM;
        }
    }
    memcpy(p->h[0], X, sizeof(double) * (size_t)B * net->din);
    memcpy(p->t[0], V, sizeof(double) * (size_t)B * net->din);
    for (int l = 0; l < L; l++) {
        const NnBlock *b = net->blocks + l;
        int m = b->in, n = b->out;
        const double *W = net->theta + b->off, *bias = W + (size_t)n * m;
        for (int q = 0; q < B; q++)
            memcpy(p->z[l] + (size_t)q * n, bias, sizeof(double) * n);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, n, m, 1.0, p->h[l], m, W, m, 1.0,
                    p->z[l], n);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, n, m, 1.0, p->t[l], m, W, m, 0.0,
                    p->tz[l], n);
        for (size_t k = 0; k < (size_t)B * n; k++) {
            double y = nn_act_apply(b->act, p->z[l][k]);
            p->h[l + 1][k] = y;
            p->t[l + 1][k] = nn_act_deriv(b->act, p->z[l][k], y) * p->tz[l][k];
        }
    }
    return NN_OK;
}

/* V (npts x din) = rows A x_p. */
static void tangents(double *V, const double *A, const double *X, int npts, int din)
{
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, npts, din, din, 1.0, X, din, A, din, 0.0,
                V, din);
}

int nn_pointlie_apply(const NnPointLie *P, const Net *net, double *L)
{
    int din = net->din, dout = net->dout, np = P->npts;
    long nc = nn_pointlie_ncols(P, net);
    double w = 1 / sqrt((double)np);
    double *V = malloc(sizeof(double) * ((size_t)np * din + 1));
    if (!V)
        return NN_E_NOMEM;
    int st = NN_OK;
    for (int i = 0; i < P->K && !st; i++) {
        tangents(V, P->A + (size_t)i * din * din, P->X, np, din);
        Pass p = {0};
        st = pass_run(&p, net, P->X, V, np);
        if (!st) {
            const double *Y = p.h[net->nlayers], *J = p.t[net->nlayers];
            double *row = L + (size_t)i * nc;
            /* row = w (Y B_i^T - J) */
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, np, dout, dout, w, Y, dout,
                        P->B + (size_t)i * dout * dout, dout, 0.0, row, dout);
            for (long k = 0; k < nc; k++)
                row[k] -= w * J[k];
        }
        pass_free(&p);
    }
    free(V);
    return st;
}

int nn_pointlie_adjoint(const NnPointLie *P, const Net *net, const double *G, double *grad)
{
    int din = net->din, dout = net->dout, np = P->npts, Lr = net->nlayers;
    long nc = nn_pointlie_ncols(P, net);
    double w = 1 / sqrt((double)np);
    int maxw = 1;
    for (int l = 0; l <= Lr; l++)
        if (net->layer_in[l] > maxw)
            maxw = net->layer_in[l];
    size_t big = (size_t)np * maxw + 1;
    double *V = malloc(sizeof(double) * ((size_t)np * din + 1));
    double *hb = malloc(sizeof(double) * big), *tb = malloc(sizeof(double) * big);
    double *zb = malloc(sizeof(double) * big), *tzb = malloc(sizeof(double) * big);
    int st = V && hb && tb && zb && tzb ? NN_OK : NN_E_NOMEM;
    for (int i = 0; i < P->K && !st; i++) {
        tangents(V, P->A + (size_t)i * din * din, P->X, np, din);
        Pass p = {0};
        if ((st = pass_run(&p, net, P->X, V, np))) {
            pass_free(&p);
            break;
        }
        const double *Gi = G + (size_t)i * nc;
        /* cotangents of the output value and tangent */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, np, dout, dout, w, Gi, dout,
                    P->B + (size_t)i * dout * dout, dout, 0.0, hb, dout);
        for (long k = 0; k < nc; k++)
            tb[k] = -w * Gi[k];
        for (int l = Lr - 1; l >= 0; l--) {
            const NnBlock *b = net->blocks + l;
            int m = b->in, n = b->out;
            const double *W = net->theta + b->off;
            double *gW = grad + b->off, *gb = gW + (size_t)n * m;
            for (size_t k = 0; k < (size_t)np * n; k++) {
                double z = p.z[l][k], y = p.h[l + 1][k];
                double d1 = nn_act_deriv(b->act, z, y), d2 = act2(b->act, y);
                zb[k] = hb[k] * d1 + tb[k] * d2 * p.tz[l][k];
                tzb[k] = tb[k] * d1;
            }
            /* z = W h + b, tz = W t */
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, m, np, 1.0, zb, n, p.h[l], m,
                        1.0, gW, m);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, m, np, 1.0, tzb, n, p.t[l], m,
                        1.0, gW, m);
            for (int q = 0; q < np; q++)
                for (int j = 0; j < n; j++)
                    gb[j] += zb[(size_t)q * n + j];
            if (l > 0) {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, np, m, n, 1.0, zb, n, W, m,
                            0.0, hb, m);
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, np, m, n, 1.0, tzb, n, W, m,
                            0.0, tb, m);
            }
        }
        pass_free(&p);
    }
    free(V);
    free(hb);
    free(tb);
    free(zb);
    free(tzb);
    return st;
}
