/* net.c — construction, initialisation, forward, reverse and forward mode of
 * the networks of net.h.  Dense products go through CBLAS (row-major); the
 * quadratic gates are evaluated by loops over the upper triangle. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>

#include "nn/net.h"
#include "numeric/rng.h"

int nn_fail(char *err, int st, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, NN_ERR_LEN, fmt, ap); /* NN_ERR_LEN = SYM_ERR_LEN */
        va_end(ap);
    }
    return st;
}

static const char *const act_names[] = {"tanh", "sigmoid", "relu", "identity"};

const char *nn_act_name(NnAct a)
{
    return a >= NN_TANH && a <= NN_IDENTITY ? act_names[a] : "?";
}

int nn_act_parse(NnAct *a, const char *name)
{
    for (int i = 0; i < 4; i++)
        if (!strcmp(name, act_names[i])) {
            *a = (NnAct)i;
            return NN_OK;
        }
    return NN_E_ARG;
}

double nn_sigmoid(double x)
{
    if (x >= 0)
        return 1.0 / (1.0 + exp(-x));
    double e = exp(x);
    return e / (1.0 + e);
}

double nn_act_apply(NnAct a, double x)
{
    switch (a) {
    case NN_TANH:
        return tanh(x);
    case NN_SIGMOID:
        return nn_sigmoid(x);
    case NN_RELU:
        return x > 0 ? x : 0;
    default:
        return x;
    }
}

double nn_act_deriv(NnAct a, double x, double y)
{
    switch (a) {
    case NN_TANH:
        return 1 - y * y;
    case NN_SIGMOID:
        return y * (1 - y);
    case NN_RELU:
        return x > 0 ? 1 : 0;
    default:
        return 1;
    }
}

long nn_quad_size(int m)
{
    return (long)(m + 1) * (m + 2) / 2;
}

/* Lays out blocks and parameters once sizes, din, dout are set. */
static int net_layout(Net *net, char *err)
{
    net->layer_in = calloc((size_t)net->nlayers + 1, sizeof(int));
    net->blocks = calloc((size_t)net->nblocks, sizeof(NnBlock));
    if (!net->layer_in || !net->blocks)
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    long off = 0;
    int bi = 0;
    for (int l = 0; l < net->nlayers; l++) {
        int last = l == net->nlayers - 1;
        int nb = net->kind == NN_MLP ? 1 : net->sizes[l];
        int m = net->kind == NN_MLP ? net->sizes[l]
                                    : (l == 0 ? net->din : net->sizes[l - 1] * net->dout);
        int n = net->kind == NN_MLP ? net->sizes[l + 1] : net->dout;
        net->layer_in[l] = m;
        for (int j = 0; j < nb; j++) {
            NnBlock *b = net->blocks + bi++;
            b->layer = l;
            b->in = m;
            b->out = n;
            b->out_off = j * n;
            b->act = net->kind == NN_MLP && !last ? net->act : NN_IDENTITY;
            b->gate = net->kind == NN_EPNN && !last;
            b->ngate = b->gate ? nn_quad_size(m) : 0;
            b->nparams = (long)n * m + n + b->ngate;
            b->off = off;
            off += b->nparams;
            if (off > NN_MAX_PARAMS)
                return nn_fail(err, NN_E_LIMIT, "the network has more than %ld parameters",
                               (long)NN_MAX_PARAMS);
        }
    }
    net->layer_in[net->nlayers] = net->dout;
    net->nparams = off;
    net->theta = calloc((size_t)off + 1, sizeof(double));
    if (!net->theta)
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    return NN_OK;
}

int nn_net_init_mlp(Net *net, const int *sizes, int nsizes, NnAct act, char *err)
{
    memset(net, 0, sizeof *net);
    if (nsizes < 2 || nsizes > NN_MAX_LAYERS + 1)
        return nn_fail(err, NN_E_ARG, "an MLP needs between 2 and %d sizes, not %d",
                       NN_MAX_LAYERS + 1, nsizes);
    for (int i = 0; i < nsizes; i++)
        if (sizes[i] < 1 || sizes[i] > NN_MAX_WIDTH)
            return nn_fail(err, NN_E_ARG, "size %d is %d: sizes must be in [1, %d]", i + 1,
                           sizes[i], NN_MAX_WIDTH);
    net->kind = NN_MLP;
    net->act = act;
    net->nsizes = nsizes;
    net->sizes = malloc(sizeof(int) * (size_t)nsizes);
    if (!net->sizes)
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    memcpy(net->sizes, sizes, sizeof(int) * (size_t)nsizes);
    net->din = sizes[0];
    net->dout = sizes[nsizes - 1];
    net->nlayers = nsizes - 1;
    net->nblocks = nsizes - 1;
    return net_layout(net, err);
}

int nn_net_init_epnn(Net *net, int din, int n, const int *layers, int nlayers, char *err)
{
    memset(net, 0, sizeof *net);
    if (nlayers < 1 || nlayers > NN_MAX_LAYERS)
        return nn_fail(err, NN_E_ARG, "an EPNN needs between 1 and %d layers, not %d",
                       NN_MAX_LAYERS, nlayers);
    if (din < 1 || din > NN_MAX_WIDTH || n < 1 || n > NN_MAX_WIDTH)
        return nn_fail(err, NN_E_ARG, "representation dimensions must be in [1, %d]", NN_MAX_WIDTH);
    int nb = 0;
    for (int l = 0; l < nlayers; l++) {
        if (layers[l] < 1 || (long)layers[l] * n > NN_MAX_WIDTH)
            return nn_fail(err, NN_E_ARG,
                           "layer %d has %d blocks: each layer needs >= 1 block "
                           "and at most %d outputs",
                           l + 1, layers[l], NN_MAX_WIDTH);
        nb += layers[l];
    }
    if (layers[nlayers - 1] != 1)
        return nn_fail(err, NN_E_ARG,
                       "the last layer has %d blocks: it must have 1 (its "
                       "output is the network's output)",
                       layers[nlayers - 1]);
    net->kind = NN_EPNN;
    net->act = NN_SIGMOID;
    net->nsizes = nlayers;
    net->sizes = malloc(sizeof(int) * (size_t)nlayers);
    if (!net->sizes)
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    memcpy(net->sizes, layers, sizeof(int) * (size_t)nlayers);
    net->din = din;
    net->dout = n;
    net->nlayers = nlayers;
    net->nblocks = nb;
    return net_layout(net, err);
}

void nn_net_clear(Net *net)
{
    free(net->sizes);
    free(net->layer_in);
    free(net->blocks);
    free(net->theta);
    free(net->Nb);
    memset(net, 0, sizeof *net);
}

int nn_net_copy(Net *dst, const Net *src, char *err)
{
    int st = src->kind == NN_MLP
                 ? nn_net_init_mlp(dst, src->sizes, src->nsizes, src->act, err)
                 : nn_net_init_epnn(dst, src->din, src->dout, src->sizes, src->nsizes, err);
    if (st)
        return st;
    memcpy(dst->theta, src->theta, sizeof(double) * (size_t)src->nparams);
    dst->seed = src->seed;
    dst->enforced = src->enforced;
    memcpy(dst->enforced_by, src->enforced_by, sizeof dst->enforced_by);
    if (src->Nb) {
        size_t k = (size_t)src->nparams * (size_t)src->nred;
        dst->Nb = malloc(sizeof(double) * (k + 1));
        if (!dst->Nb) {
            nn_net_clear(dst);
            return nn_fail(err, NN_E_NOMEM, "out of memory");
        }
        memcpy(dst->Nb, src->Nb, sizeof(double) * k);
        dst->nred = src->nred;
    }
    return NN_OK;
}

/* alpha (nred) = least-squares coordinates of theta in span Nb, by the
   normal equations Nb^T Nb alpha = Nb^T theta (Cholesky; Nb has full
   column rank), then theta = Nb alpha. */
int nn_net_project(Net *net, double *alpha, char *err);

int nn_net_init_params(Net *net, uint64_t seed, char *err)
{
    Rng r;
    rng_init(&r, seed);
    net->seed = seed;
    for (int i = 0; i < net->nblocks; i++) {
        const NnBlock *b = net->blocks + i;
        double bound = 1.0 / sqrt((double)b->in);
        for (long k = 0; k < b->nparams; k++)
            net->theta[b->off + k] = rng_affine(-bound, 2 * bound, rng_uniform(&r));
    }
    if (net->Nb)
        return nn_net_project(net, NULL, err);
    return NN_OK;
}

/* --- tape --- */

void nn_tape_init(NnTape *t)
{
    memset(t, 0, sizeof *t);
}

static void tape_free_arrays(NnTape *t)
{
    if (t->lin)
        for (int i = 0; i <= t->nl; i++)
            free(t->lin[i]);
    for (int i = 0; i < t->nb; i++) {
        if (t->z)
            free(t->z[i]);
        if (t->s)
            free(t->s[i]);
        if (t->y)
            free(t->y[i]);
    }
    free(t->lin);
    free(t->z);
    free(t->s);
    free(t->y);
}

void nn_tape_clear(NnTape *t)
{
    tape_free_arrays(t);
    nn_tape_init(t);
}

/* Makes t's arrays for net and batch size B (kept when they fit). */
static int tape_ready(NnTape *t, const Net *net, int B)
{
    if (t->lin && t->B == B && t->nl == net->nlayers && t->nb == net->nblocks)
        return NN_OK;
    nn_tape_clear(t);
    t->B = B;
    t->nl = net->nlayers;
    t->nb = net->nblocks;
    t->lin = calloc((size_t)net->nlayers + 1, sizeof(double *));
    t->z = calloc((size_t)net->nblocks, sizeof(double *));
    t->s = calloc((size_t)net->nblocks, sizeof(double *));
    t->y = calloc((size_t)net->nblocks, sizeof(double *));
    if (!t->lin || !t->z || !t->s || !t->y)
        goto fail;
    for (int l = 0; l <= net->nlayers; l++)
        if (!(t->lin[l] = malloc(sizeof(double) * ((size_t)B * (size_t)net->layer_in[l] + 1))))
            goto fail;
    for (int i = 0; i < net->nblocks; i++) {
        t->z[i] = malloc(sizeof(double) * ((size_t)B * (size_t)net->blocks[i].out + 1));
        if (!t->z[i])
            goto fail;
        if (net->blocks[i].gate &&
            (!(t->s[i] = malloc(sizeof(double) * (size_t)B)) ||
             !(t->y[i] = malloc(sizeof(double) * (size_t)B * (size_t)net->blocks[i].in))))
            goto fail;
    }
    return NN_OK;
fail:
    nn_tape_clear(t);
    return NN_E_NOMEM;
}

/* Hs (m x m) = the symmetric matrix of the gate's quadratic part:
   x^T Hs x = sum_{k<=l} q_kl x_k x_l. */
static void gate_sym(double *Hs, const double *q, int m)
{
    const double *qq = q + 1 + m;
    for (int k = 0; k < m; k++) {
        Hs[(size_t)k * m + k] = qq[0];
        for (int l = k + 1; l < m; l++)
            Hs[(size_t)k * m + l] = Hs[(size_t)l * m + k] = qq[l - k] / 2;
        qq += m - k;
    }
}

/* Y (B x m) = X Hs and s[p] = q_0 + g . x_p + x_p . Y_p for the B rows of X;
   Hs is workspace (m x m).  grad_x s at x_p is then g + 2 Y_p. */
static void gate_eval(const double *q, const double *X, int B, int m, double *s, double *Y,
                      double *Hs)
{
    gate_sym(Hs, q, m);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, m, m, 1.0, X, m, Hs, m, 0.0, Y, m);
    for (int p = 0; p < B; p++) {
        const double *x = X + (size_t)p * m, *y = Y + (size_t)p * m;
        double acc = q[0];
        for (int k = 0; k < m; k++)
            acc += (q[1 + k] + y[k]) * x[k];
        s[p] = acc;
    }
}

/* The largest block input and output widths of net. */
static void max_widths(const Net *net, int *maxm, int *maxn)
{
    *maxm = *maxn = 1;
    for (int i = 0; i < net->nblocks; i++) {
        if (net->blocks[i].out > *maxn)
            *maxn = net->blocks[i].out;
        if (net->blocks[i].in > *maxm)
            *maxm = net->blocks[i].in;
    }
}

int nn_net_forward(const Net *net, const double *X, int B, double *Y, NnTape *t)
{
    NnTape local;
    nn_tape_init(&local);
    NnTape *tp = t ? t : &local;
    if (tape_ready(tp, net, B))
        return NN_E_NOMEM;
    memcpy(tp->lin[0], X, sizeof(double) * (size_t)B * (size_t)net->din);
    double *gy = NULL; /* gate workspace: Hs (m x m) */
    for (int i = 0; i < net->nblocks; i++) {
        const NnBlock *b = net->blocks + i;
        int m = b->in, n = b->out, wout = net->layer_in[b->layer + 1];
        const double *W = net->theta + b->off, *bias = W + (size_t)n * m;
        const double *Xl = tp->lin[b->layer];
        double *Z = tp->z[i], *O = tp->lin[b->layer + 1];
        for (int p = 0; p < B; p++)
            memcpy(Z + (size_t)p * n, bias, sizeof(double) * (size_t)n);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, n, m, 1.0, Xl, m, W, m, 1.0, Z, n);
        if (b->gate) {
            if (!gy) {
                int mm, mn;
                max_widths(net, &mm, &mn);
                gy = malloc(sizeof(double) * ((size_t)mm * mm + 1));
                if (!gy) {
                    if (!t)
                        nn_tape_clear(&local);
                    return NN_E_NOMEM;
                }
            }
            gate_eval(bias + n, Xl, B, m, tp->s[i], tp->y[i], gy);
            for (int p = 0; p < B; p++) {
                double g = nn_sigmoid(tp->s[i][p]);
                for (int j = 0; j < n; j++)
                    O[(size_t)p * wout + b->out_off + j] = Z[(size_t)p * n + j] * g;
            }
        } else {
            for (int p = 0; p < B; p++)
                for (int j = 0; j < n; j++)
                    O[(size_t)p * wout + b->out_off + j] =
                        nn_act_apply(b->act, Z[(size_t)p * n + j]);
        }
    }
    free(gy);
    if (Y)
        memcpy(Y, tp->lin[net->nlayers], sizeof(double) * (size_t)B * (size_t)net->dout);
    if (!t)
        nn_tape_clear(&local);
    return NN_OK;
}

int nn_net_backward(const Net *net, const NnTape *t, const double *dY, double *grad, double *dX)
{
    int B = t->B, maxm, maxn;
    max_widths(net, &maxm, &maxn);
    double **dl = calloc((size_t)net->nlayers + 1, sizeof(double *));
    double *dz = malloc(sizeof(double) * ((size_t)B * maxn + 1));
    double *ds = malloc(sizeof(double) * ((size_t)B + 1));
    /* gate workspace: Y = X Hs (B x m), Hs (m x m), ds * X (B x m), G (m x m) */
    double *gw = malloc(sizeof(double) * (2 * ((size_t)B * maxm + (size_t)maxm * maxm) + 1));
    int st = NN_E_NOMEM;
    if (!dl || !dz || !ds || !gw)
        goto done;
    for (int l = 0; l <= net->nlayers; l++)
        if (!(dl[l] = calloc((size_t)B * (size_t)net->layer_in[l] + 1, sizeof(double))))
            goto done;
    memcpy(dl[net->nlayers], dY, sizeof(double) * (size_t)B * (size_t)net->dout);
    for (int i = net->nblocks - 1; i >= 0; i--) {
        const NnBlock *b = net->blocks + i;
        int m = b->in, n = b->out, wout = net->layer_in[b->layer + 1];
        const double *W = net->theta + b->off, *q = W + (size_t)n * m + n;
        const double *Xl = t->lin[b->layer], *Z = t->z[i];
        const double *dO = dl[b->layer + 1];
        double *dXl = dl[b->layer];
        int any = 0;
        for (int p = 0; p < B; p++) {
            const double *d = dO + (size_t)p * wout + b->out_off;
            const double *z = Z + (size_t)p * n;
            double *dzp = dz + (size_t)p * n;
            if (b->gate) {
                double g = nn_sigmoid(t->s[i][p]), a = 0;
                for (int j = 0; j < n; j++) {
                    dzp[j] = d[j] * g;
                    a += d[j] * z[j];
                }
                ds[p] = a * g * (1 - g);
                any |= ds[p] != 0;
            } else {
                for (int j = 0; j < n; j++) {
                    double y = nn_act_apply(b->act, z[j]);
                    dzp[j] = d[j] * nn_act_deriv(b->act, z[j], y);
                }
            }
        }
        if (b->gate && any) {
            const double *Y = t->y[i];
            double *SX = gw, *G = SX + (size_t)B * m;
            for (int p = 0; p < B; p++) {
                const double *x = Xl + (size_t)p * m, *y = Y + (size_t)p * m;
                double *dxp = dXl + (size_t)p * m, *sx = SX + (size_t)p * m;
                for (int k = 0; k < m; k++) {
                    dxp[k] += ds[p] * (q[1 + k] + 2 * y[k]);
                    sx[k] = ds[p] * x[k];
                }
            }
            if (grad) {
                double *gq = grad + b->off + (long)n * m + n;
                cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, m, B, 1.0, SX, m, Xl, m,
                            0.0, G, m);
                for (int p = 0; p < B; p++) {
                    const double *sx = SX + (size_t)p * m;
                    gq[0] += ds[p];
                    for (int k = 0; k < m; k++)
                        gq[1 + k] += sx[k];
                }
                double *gqq = gq + 1 + m;
                for (int k = 0; k < m; k++) {
                    for (int l2 = k; l2 < m; l2++)
                        gqq[l2 - k] += G[(size_t)k * m + l2];
                    gqq += m - k;
                }
            }
        }
        if (grad) {
            double *gW = grad + b->off, *gb = gW + (size_t)n * m;
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, m, B, 1.0, dz, n, Xl, m, 1.0,
                        gW, m);
            for (int p = 0; p < B; p++)
                for (int j = 0; j < n; j++)
                    gb[j] += dz[(size_t)p * n + j];
        }
        if (b->layer > 0 || dX)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, m, n, 1.0, dz, n, W, m, 1.0,
                        dXl, m);
    }
    if (dX)
        memcpy(dX, dl[0], sizeof(double) * (size_t)B * (size_t)net->din);
    st = NN_OK;
done:
    if (dl)
        for (int l = 0; l <= net->nlayers; l++)
            free(dl[l]);
    free(dl);
    free(dz);
    free(ds);
    free(gw);
    return st;
}

int nn_net_jvp(const Net *net, const double *X, const double *V, int B, double *Y, double *dY)
{
    NnTape t;
    nn_tape_init(&t);
    if (nn_net_forward(net, X, B, Y, &t))
        return NN_E_NOMEM;
    int maxm, maxn;
    max_widths(net, &maxm, &maxn);
    double **tl = calloc((size_t)net->nlayers + 1, sizeof(double *));
    double *dz = malloc(sizeof(double) * ((size_t)B * maxn + 1));
    double *gw = malloc(sizeof(double) * ((size_t)B * maxm + (size_t)maxm * maxm + 1));
    int st = NN_E_NOMEM;
    if (!tl || !dz || !gw)
        goto done;
    for (int l = 0; l <= net->nlayers; l++)
        if (!(tl[l] = calloc((size_t)B * (size_t)net->layer_in[l] + 1, sizeof(double))))
            goto done;
    memcpy(tl[0], V, sizeof(double) * (size_t)B * (size_t)net->din);
    for (int i = 0; i < net->nblocks; i++) {
        const NnBlock *b = net->blocks + i;
        int m = b->in, n = b->out, wout = net->layer_in[b->layer + 1];
        const double *W = net->theta + b->off, *q = W + (size_t)n * m + n;
        const double *Xl = t.lin[b->layer], *Tl = tl[b->layer];
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, B, n, m, 1.0, Tl, m, W, m, 0.0, dz, n);
        double *Yg = gw, *Hs = gw + (size_t)B * m;
        if (b->gate) {
            gate_sym(Hs, q, m);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, B, m, m, 1.0, Xl, m, Hs, m, 0.0,
                        Yg, m);
        }
        for (int p = 0; p < B; p++) {
            const double *z = t.z[i] + (size_t)p * n;
            double *o = tl[b->layer + 1] + (size_t)p * wout + b->out_off;
            const double *dzp = dz + (size_t)p * n;
            if (b->gate) {
                double g = nn_sigmoid(t.s[i][p]), ds = 0;
                for (int k = 0; k < m; k++)
                    ds += (q[1 + k] + 2 * Yg[(size_t)p * m + k]) * Tl[(size_t)p * m + k];
                for (int j = 0; j < n; j++)
                    o[j] = dzp[j] * g + z[j] * g * (1 - g) * ds;
            } else {
                for (int j = 0; j < n; j++) {
                    double y = nn_act_apply(b->act, z[j]);
                    o[j] = nn_act_deriv(b->act, z[j], y) * dzp[j];
                }
            }
        }
    }
    memcpy(dY, tl[net->nlayers], sizeof(double) * (size_t)B * (size_t)net->dout);
    st = NN_OK;
done:
    if (tl)
        for (int l = 0; l <= net->nlayers; l++)
            free(tl[l]);
    free(tl);
    free(dz);
    free(gw);
    nn_tape_clear(&t);
    return st;
}
