/* train.c — losses (regression, RK4 roll-outs with reverse mode through the
 * solver), the nuclear-norm penalty and Adam (see train.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cblas.h>

#include "nn/train.h"
#include "numeric/blas_threads.h"

void nn_train_opts_default(NnTrainOpts *o)
{
    memset(o, 0, sizeof *o);
    o->lr = 3e-4;
    o->beta1 = 0.9;
    o->beta2 = 0.999;
    o->eps = 1e-8;
    o->steps = 1000;
    o->val_every = 10;
}

void nn_train_result_clear(NnTrainResult *r)
{
    free(r->curve_step);
    free(r->curve_train);
    free(r->curve_val);
    free(r->sv);
    memset(r, 0, sizeof *r);
}

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static int loss_regression(double *mse, const Net *net, const NnData *D, double *grad)
{
    int B = D->n, dout = net->dout;
    size_t ny = (size_t)B * dout;
    NnTape t;
    nn_tape_init(&t);
    double *Y = malloc(sizeof(double) * (ny + 1));
    if (!Y || nn_net_forward(net, D->X, B, Y, grad ? &t : NULL)) {
        free(Y);
        nn_tape_clear(&t);
        return NN_E_NOMEM;
    }
    double acc = 0;
    for (size_t i = 0; i < ny; i++) {
        double r = Y[i] - D->Y[i];
        acc += r * r;
        Y[i] = 2 * r / (double)ny;
    }
    *mse = acc / (double)ny;
    int st = isfinite(*mse) ? NN_OK : NN_E_NONFINITE;
    if (!st && grad)
        st = nn_net_backward(net, &t, Y, grad, NULL);
    free(Y);
    nn_tape_clear(&t);
    return st;
}

/* Reverse-mode RK4 roll-out over all chunks at once (batch = chunks). */
static int loss_ode(double *mse, const Net *net, const NnData *D, double *grad)
{
    int B = D->n, d = net->din, k = D->len - 1, ss = D->substeps;
    size_t bd = (size_t)B * d;
    long nst = (long)k * ss; /* RK4 steps */
    double h = D->dt / ss;
    NnTape *tp = NULL;
    double *xs = malloc(sizeof(double) * (bd * (size_t)(nst + 1) + 1)); /* states */
    double *kv = malloc(sizeof(double) * (bd * 4 + 1));
    double *xin = malloc(sizeof(double) * (bd + 1));
    int st = NN_E_NOMEM;
    long ntape = grad ? nst * 4 : 0;
    if (grad) {
        tp = malloc(sizeof(NnTape) * (size_t)(ntape + 1));
        if (tp)
            for (long i = 0; i < ntape; i++)
                nn_tape_init(tp + i);
    }
    if (!xs || !kv || !xin || (grad && !tp))
        goto done;
    for (int c = 0; c < B; c++)
        memcpy(xs + (size_t)c * d, D->C + (size_t)c * D->len * d, sizeof(double) * d);
    for (long s = 0; s < nst; s++) {
        const double *x = xs + bd * s;
        double *xn = xs + bd * (s + 1);
        static const double cin[4] = {0, 0.5, 0.5, 1};
        for (int j = 0; j < 4; j++) {
            for (size_t i = 0; i < bd; i++)
                xin[i] = j ? x[i] + cin[j] * h * kv[bd * (j - 1) + i] : x[i];
            if (nn_net_forward(net, xin, B, kv + bd * j, grad ? tp + s * 4 + j : NULL))
                goto done;
        }
        for (size_t i = 0; i < bd; i++)
            xn[i] = x[i] + h / 6 * (kv[i] + 2 * kv[bd + i] + 2 * kv[2 * bd + i] + kv[3 * bd + i]);
        if (!all_finite(xn, bd)) {
            st = NN_E_NONFINITE;
            goto done;
        }
    }
    double acc = 0, cnt = (double)B * k * d;
    for (int t = 1; t <= k; t++)
        for (int c = 0; c < B; c++)
            for (int i = 0; i < d; i++) {
                double r = xs[bd * ((size_t)t * ss) + (size_t)c * d + i] -
                           D->C[((size_t)c * D->len + t) * d + i];
                acc += r * r;
            }
    *mse = acc / cnt;
    st = isfinite(*mse) ? NN_OK : NN_E_NONFINITE;
    if (st || !grad)
        goto done;
    /* reverse sweep: xb = cotangent of the current state */
    double *xb = calloc(bd + 1, sizeof(double)), *kb = malloc(sizeof(double) * (bd * 4 + 1));
    double *vb = malloc(sizeof(double) * (bd + 1));
    if (!xb || !kb || !vb) {
        free(xb);
        free(kb);
        free(vb);
        st = NN_E_NOMEM;
        goto done;
    }
    for (long s = nst; s >= 1 && !st; s--) {
        if (s % ss == 0) {
            int t = (int)(s / ss);
            for (int c = 0; c < B; c++)
                for (int i = 0; i < d; i++) {
                    size_t q = (size_t)c * d + i;
                    xb[q] += 2 * (xs[bd * s + q] - D->C[((size_t)c * D->len + t) * d + i]) / cnt;
                }
        }
        /* step s-1 -> s */
        static const double wk[4] = {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6};
        static const double cin[4] = {0, 0.5, 0.5, 1};
        for (int j = 0; j < 4; j++)
            for (size_t i = 0; i < bd; i++)
                kb[bd * j + i] = h * wk[j] * xb[i];
        for (int j = 3; j >= 0 && !st; j--) {
            st = nn_net_backward(net, tp + (s - 1) * 4 + j, kb + bd * j, grad, vb);
            for (size_t i = 0; i < bd; i++) {
                xb[i] += vb[i];
                if (j)
                    kb[bd * (j - 1) + i] += cin[j] * h * vb[i];
            }
        }
    }
    free(xb);
    free(kb);
    free(vb);
done:
    if (tp)
        for (long i = 0; i < ntape; i++)
            nn_tape_clear(tp + i);
    free(tp);
    free(xs);
    free(kv);
    free(xin);
    return st;
}

int nn_loss(double *mse, const Net *net, const NnData *D, double *grad)
{
    return D->ode ? loss_ode(mse, net, D, grad) : loss_regression(mse, net, D, grad);
}

int nn_penalty(double *value, double *sv, const NnSymm *S, const Net *net, double gamma,
               double *grad)
{
    size_t sz = (size_t)S->K * (size_t)S->ncols;
    double *L = malloc(sizeof(double) * (sz + 1)),
           *G = grad ? malloc(sizeof(double) * (sz + 1)) : NULL;
    if (!L || (grad && !G)) {
        free(L);
        free(G);
        return NN_E_NOMEM;
    }
    nn_symm_apply(S, net, net->theta, L);
    int st = nn_nuclear(value, G, sv, L, S->K, S->ncols);
    if (!st && grad) {
        for (size_t i = 0; i < sz; i++)
            G[i] *= gamma;
        nn_symm_adjoint(S, net, G, grad);
    }
    free(L);
    free(G);
    return st;
}

int nn_penalty_points(double *value, double *sv, const NnPointLie *P, const Net *net, double gamma,
                      double *grad)
{
    long nc = nn_pointlie_ncols(P, net);
    size_t sz = (size_t)P->K * (size_t)nc;
    double *L = malloc(sizeof(double) * (sz + 1)),
           *G = grad ? malloc(sizeof(double) * (sz + 1)) : NULL;
    int st = L && (G || !grad) ? nn_pointlie_apply(P, net, L) : NN_E_NOMEM;
    if (!st)
        st = nn_nuclear(value, G, sv, L, P->K, nc);
    if (!st && grad) {
        for (size_t i = 0; i < sz; i++)
            G[i] *= gamma;
        st = nn_pointlie_adjoint(P, net, G, grad);
    }
    free(L);
    free(G);
    return st;
}

/* The penalty of the options (blocks or points). */
static int penalty_of(const NnTrainOpts *o, double *value, double *sv, const Net *net, double gamma,
                      double *grad)
{
    return o->S ? nn_penalty(value, sv, o->S, net, gamma, grad)
                : nn_penalty_points(value, sv, o->Pt, net, gamma, grad);
}

static int curve_push(NnTrainResult *r, long step, double tr, double va)
{
    long n = r->ncurve + 1;
    long *s = realloc(r->curve_step, sizeof(long) * (size_t)n);
    if (!s)
        return NN_E_NOMEM;
    r->curve_step = s;
    double *a = realloc(r->curve_train, sizeof(double) * (size_t)n);
    if (!a)
        return NN_E_NOMEM;
    r->curve_train = a;
    double *b = realloc(r->curve_val, sizeof(double) * (size_t)n);
    if (!b)
        return NN_E_NOMEM;
    r->curve_val = b;
    s[n - 1] = step;
    a[n - 1] = tr;
    b[n - 1] = va;
    r->ncurve = n;
    return NN_OK;
}

/* The reduced basis Nb (P x k, row-major, mostly zeros: block diagonal)
   in compressed rows, for theta = Nb x and g_x = Nb^T g each step. */
typedef struct Csr {
    long *ptr, *col;
    double *val;
} Csr;

static int csr_from_dense(Csr *c, const double *A, long P, long k)
{
    long nnz = 0;
    for (size_t i = 0; i < (size_t)P * k; i++)
        nnz += A[i] != 0;
    c->ptr = malloc(sizeof(long) * (size_t)(P + 1));
    c->col = malloc(sizeof(long) * (size_t)(nnz + 1));
    c->val = malloc(sizeof(double) * (size_t)(nnz + 1));
    if (!c->ptr || !c->col || !c->val)
        return NN_E_NOMEM;
    long q = 0;
    for (long i = 0; i < P; i++) {
        c->ptr[i] = q;
        for (long j = 0; j < k; j++)
            if (A[(size_t)i * k + j] != 0) {
                c->col[q] = j;
                c->val[q++] = A[(size_t)i * k + j];
            }
    }
    c->ptr[P] = q;
    return NN_OK;
}

static void csr_free(Csr *c)
{
    free(c->ptr);
    free(c->col);
    free(c->val);
}

int nn_train(Net *net, const NnData *D, const NnData *V, const NnTrainOpts *o, NnTrainResult *res,
             char *err)
{
    memset(res, 0, sizeof *res);
    if (o->gamma > 0 && !o->S && !o->Pt)
        return nn_fail(err, NN_E_ARG, "gamma > 0 needs a candidate algebra");
    long P = net->nparams, k = net->Nb ? net->nred : P;
    int K = o->S ? o->S->K : o->Pt ? o->Pt->K : 0;
    double *g = malloc(sizeof(double) * ((size_t)P + 1));
    double *ga = malloc(sizeof(double) * ((size_t)k + 1));
    double *m1 = calloc((size_t)k + 1, sizeof(double)), *m2 = calloc((size_t)k + 1, sizeof(double));
    double *x = malloc(sizeof(double) * ((size_t)k + 1));
    double *prev = malloc(sizeof(double) * ((size_t)P + 1));
    double *sv = K ? calloc((size_t)K, sizeof(double)) : NULL;
    int st = NN_OK;
    Csr nb = {NULL, NULL, NULL};
    blas_threads_for_size(1); /* every product here is small */
    if (net->Nb && csr_from_dense(&nb, net->Nb, P, k)) {
        st = nn_fail(err, NN_E_NOMEM, "out of memory");
        goto done;
    }
    if (!g || !ga || !m1 || !m2 || !x || !prev || (K && !sv)) {
        st = nn_fail(err, NN_E_NOMEM, "out of memory");
        goto done;
    }
    if (net->Nb) {
        if ((st = nn_net_project(net, x, err)))
            goto done;
    } else {
        memcpy(x, net->theta, sizeof(double) * (size_t)P);
    }
    double b1t = 1, b2t = 1, loss = 0, pen = 0;
    for (long step = 1; step <= o->steps; step++) {
        if (o->interrupt && *o->interrupt) {
            res->interrupted = 1;
            break;
        }
        memset(g, 0, sizeof(double) * (size_t)P);
        st = nn_loss(&loss, net, D, g);
        int report =
            o->progress && o->progress_every > 0 && (step == 1 || step % o->progress_every == 0);
        if (!st && K && (o->gamma > 0 || report))
            st = penalty_of(o, &pen, sv, net, o->gamma, o->gamma > 0 ? g : NULL);
        if (st == NN_E_NOMEM) {
            st = nn_fail(err, st, "out of memory");
            goto done;
        }
        if (st || !isfinite(pen) || !all_finite(g, (size_t)P)) {
            res->bad_step = step;
            st = nn_fail(err, NN_E_NONFINITE,
                         "training produced NaN or Inf at step %ld (%s): lower lr or "
                         "rescale the data",
                         step, st ? "in the loss" : "in the gradient");
            goto done;
        }
        if (report)
            o->progress(o->ctx, step, o->steps, loss, pen, sv, K);
        if ((step - 1) % o->val_every == 0) {
            double vl = NAN;
            if (V && (st = nn_loss(&vl, net, V, NULL)) == NN_E_NOMEM) {
                st = nn_fail(err, st, "out of memory");
                goto done;
            }
            st = curve_push(res, step - 1, loss, vl);
            if (st) {
                st = nn_fail(err, st, "out of memory");
                goto done;
            }
        }
        if (net->Nb) {
            memset(ga, 0, sizeof(double) * (size_t)k);
            for (long i = 0; i < P; i++)
                for (long q = nb.ptr[i]; q < nb.ptr[i + 1]; q++)
                    ga[nb.col[q]] += nb.val[q] * g[i];
        } else
            memcpy(ga, g, sizeof(double) * (size_t)P);
        memcpy(prev, net->theta, sizeof(double) * (size_t)P);
        b1t *= o->beta1;
        b2t *= o->beta2;
        for (long i = 0; i < k; i++) {
            m1[i] = o->beta1 * m1[i] + (1 - o->beta1) * ga[i];
            m2[i] = o->beta2 * m2[i] + (1 - o->beta2) * ga[i] * ga[i];
            double mh = m1[i] / (1 - b1t), vh = m2[i] / (1 - b2t);
            x[i] -= o->lr * mh / (sqrt(vh) + o->eps);
        }
        if (net->Nb) {
            for (long i = 0; i < P; i++) {
                double acc = 0;
                for (long q = nb.ptr[i]; q < nb.ptr[i + 1]; q++)
                    acc += nb.val[q] * x[nb.col[q]];
                net->theta[i] = acc;
            }
        } else
            memcpy(net->theta, x, sizeof(double) * (size_t)P);
        res->steps = step;
    }
    st = nn_loss(&res->loss, net, D, NULL);
    if (st) {
        if (st == NN_E_NONFINITE) {
            memcpy(net->theta, prev, sizeof(double) * (size_t)P);
            res->bad_step = res->steps;
            st = nn_fail(err, st,
                         "training produced NaN or Inf after step %ld (in the loss): lower "
                         "lr or rescale the data",
                         res->steps);
        } else
            st = nn_fail(err, st, "out of memory");
        goto done;
    }
    if (K) {
        res->sv = calloc((size_t)K + 1, sizeof(double));
        if (!res->sv || penalty_of(o, &res->penalty, res->sv, net, 0, NULL)) {
            st = nn_fail(err, NN_E_NUMERIC, "cannot evaluate the penalty at the end");
            goto done;
        }
    }
    {
        double vl = NAN;
        if (V)
            nn_loss(&vl, net, V, NULL);
        if (curve_push(res, res->steps, res->loss, vl))
            st = nn_fail(err, NN_E_NOMEM, "out of memory");
    }
done:
    csr_free(&nb);
    free(g);
    free(ga);
    free(m1);
    free(m2);
    free(x);
    free(prev);
    free(sv);
    return st;
}
