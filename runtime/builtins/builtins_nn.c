/* builtins_nn.c — networks in the language: mlp, epnn, train, params, and the
 * network cases of enforce, discover, save and load.  Glue only: values are
 * converted to plain arrays and the work is done by runtime/nn.
 *
 * A network value is immutable: train and enforce return new networks.  An
 * epnn remembers its two representation values (references) so that
 * enforce, discover and promotion can map algebra elements to matrices. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "builtins_lie.h"
#include "builtins_nn.h"
#include "interp.h"
#include "nn/io.h"
#include "nn/net.h"
#include "nn/symm.h"
#include "nn/train.h"
#include "nn/simulate.h"
#include "nn/pointlie.h"
#include "exact/poly.h"
#include "numeric/dlinalg.h"
#include "numeric/dmat.h"
#include "numeric/mpfr_orth.h"
#include "numeric/rankgap.h"
#include "numeric/rng.h"

typedef struct NetVal {
    Net net;
    Value *rin, *rout; /* representation values (epnn built in this session), or NULL */
    Value *history;    /* record of the last training, or NULL */
    int have_box;      /* box: the half-width of the first layer's box used */
    fmpq_t box;        /* by the last training with a candidate */
} NetVal;

/* Points at which discover samples an MLP's Lie derivative. */
#define NN_DISCOVER_POINTS 512

static void netval_free(void *p)
{
    NetVal *v = p;
    nn_net_clear(&v->net);
    val_unref(v->rin);
    val_unref(v->rout);
    val_unref(v->history);
    fmpq_clear(v->box);
    free(v);
}

static void sizes_print(StrBuf *sb, const int *s, int n)
{
    sb_puts(sb, "[");
    for (int i = 0; i < n; i++)
        sb_printf(sb, "%s%d", i ? ", " : "", s[i]);
    sb_puts(sb, "]");
}

static void netval_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    (void)fmt;
    const NetVal *N = v->u.obj.data;
    const Net *net = &N->net;
    if (net->kind == NN_MLP) {
        sb_puts(sb, "network mlp(");
        sizes_print(sb, net->sizes, net->nsizes);
        sb_printf(sb, ", \"%s\"): %ld parameters", nn_act_name(net->act), net->nparams);
    } else {
        sb_printf(sb, "network epnn(%d -> %d, layers = ", net->din, net->dout);
        sizes_print(sb, net->sizes, net->nsizes);
        sb_printf(sb, "): %ld parameters", net->nparams);
    }
    if (net->Nb)
        sb_printf(sb, ", enforced %s: %ld free", net->enforced_by[0] ? net->enforced_by : "",
                  net->nred);
    if (N->history) {
        for (long i = 0; i < N->history->u.rec.n; i++)
            if (!strcmp(N->history->u.rec.keys[i], "steps")) {
                long s = 0;
                val_get_long(N->history->u.rec.vals[i], &s);
                sb_printf(sb, ", trained %ld steps", s);
            }
    }
}

static Value *col_value(const double *x, long n)
{
    DMat *D = dmat_new((int)n, 1);
    if (!D)
        return val_error(NULL, "out of memory");
    memcpy(D->data, x, sizeof(double) * (size_t)n);
    return val_fmat(D);
}

static Value *netval_field(const Value *v, const char *name)
{
    const NetVal *N = v->u.obj.data;
    const Net *net = &N->net;
    if (!strcmp(name, "params"))
        return col_value(net->theta, net->nparams);
    if (!strcmp(name, "nparams"))
        return val_rat_si(net->nparams);
    if (!strcmp(name, "free"))
        return val_rat_si(net->Nb ? net->nred : net->nparams);
    if (!strcmp(name, "kind"))
        return val_cstr(net->kind == NN_MLP ? "mlp" : "epnn");
    if (!strcmp(name, "sizes") || !strcmp(name, "layers")) {
        Value *l = val_list_new(net->nsizes);
        for (int i = 0; i < net->nsizes; i++)
            val_list_set(l, i, val_rat_si(net->sizes[i]));
        return l;
    }
    if (!strcmp(name, "din"))
        return val_rat_si(net->din);
    if (!strcmp(name, "dout"))
        return val_rat_si(net->dout);
    if (N->history)
        for (long i = 0; i < N->history->u.rec.n; i++)
            if (!strcmp(N->history->u.rec.keys[i], name))
                return val_ref(N->history->u.rec.vals[i]);
    return NULL;
}

/* Row-major doubles from a float or exact matrix, or a list of numbers (a
   single point: 1 x n).  NULL when v is none of these. */
static double *value_rows(const Value *v, int *rows, int *cols)
{
    double *x = NULL;
    if (v->kind == VAL_FMAT) {
        const DMat *D = v->u.fm;
        *rows = D->rows;
        *cols = D->cols;
        x = malloc(sizeof(double) * ((size_t)D->rows * D->cols + 1));
        for (int i = 0; x && i < D->rows; i++)
            for (int j = 0; j < D->cols; j++)
                x[(size_t)i * D->cols + j] = DMAT_AT(D, i, j);
    } else if (v->kind == VAL_MAT) {
        slong r = fmpq_mat_nrows(v->u.m), k = fmpq_mat_ncols(v->u.m);
        *rows = (int)r;
        *cols = (int)k;
        x = malloc(sizeof(double) * ((size_t)r * k + 1));
        for (slong i = 0; x && i < r; i++)
            for (slong j = 0; j < k; j++)
                x[i * k + j] = fmpq_get_d(fmpq_mat_entry(v->u.m, i, j));
    } else if (v->kind == VAL_LIST) {
        *rows = 1;
        *cols = (int)v->u.list.n;
        x = malloc(sizeof(double) * ((size_t)v->u.list.n + 1));
        for (long i = 0; x && i < v->u.list.n; i++) {
            const Value *e = v->u.list.items[i];
            if (e->kind == VAL_RAT)
                x[i] = fmpq_get_d(e->u.q);
            else if (e->kind == VAL_REAL)
                x[i] = mpfr_get_d(e->u.r, MPFR_RNDN);
            else {
                free(x);
                return NULL;
            }
        }
    }
    return x;
}

/* NULL, or an error naming the first NaN/Inf entry of x (rows x cols). */
static Value *check_finite(const Span *sp, const char *what, const double *x, long rows, int cols)
{
    for (long i = 0; i < rows; i++)
        for (int j = 0; j < cols; j++)
            if (!isfinite(x[(size_t)i * cols + j]))
                return val_error(sp, "%s has NaN or Inf at row %ld, column %d", what, i + 1, j + 1);
    return NULL;
}

static Value *netval_call(struct Interp *I, Value *self, Value **args, int nargs, const Span *sp)
{
    (void)I;
    const Net *net = &((const NetVal *)self->u.obj.data)->net;
    if (nargs != 1)
        return val_error(sp,
                         "a network takes one argument (a point or a matrix of points), "
                         "not %d",
                         nargs);
    int rows, cols, point = 0;
    double *x = value_rows(args[0], &rows, &cols);
    if (!x)
        return val_error(sp,
                         "a network is applied to a point (list or column) or a float "
                         "matrix of points (rows), not a %s",
                         val_kind_name(args[0]));
    if (cols == 1 && rows == net->din && net->din != 1) {
        point = 1;
        cols = rows;
        rows = 1;
    } else if (args[0]->kind == VAL_LIST)
        point = 1;
    if (cols != net->din) {
        free(x);
        return val_error(sp, "the network takes points of dimension %d, not %d", net->din, cols);
    }
    Value *e = check_finite(sp, "the input", x, rows, cols);
    if (e) {
        free(x);
        return e;
    }
    double *y = malloc(sizeof(double) * ((size_t)rows * net->dout + 1));
    if (!y || nn_net_forward(net, x, rows, y, NULL)) {
        free(x);
        free(y);
        return val_error(sp, "out of memory");
    }
    DMat *D = point ? dmat_new(net->dout, 1) : dmat_new(rows, net->dout);
    if (D)
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < net->dout; j++) {
                if (point)
                    DMAT_AT(D, j, 0) = y[j];
                else
                    DMAT_AT(D, i, j) = y[(size_t)i * net->dout + j];
            }
    free(x);
    free(y);
    return D ? val_fmat(D) : val_error(sp, "out of memory");
}

const ObjType nn_net_type = {"network",    netval_free, netval_print, NULL,
                             netval_field, NULL,        NULL,         netval_call};

/* Every network value is made here, so the type is callable before the
   first one exists. */
static NetVal *netval_new(void)
{
    NetVal *v = calloc(1, sizeof(NetVal));
    if (v)
        fmpq_init(v->box);
    return v;
}

int nn_is_network(const Value *v)
{
    return val_is_obj(v, &nn_net_type);
}

static Value *net_fail(Call *c, int st, const char *err)
{
    if (st == NN_E_INTERRUPTED)
        return val_error(&c->span, "interrupted");
    return call_error(c, "%s", err[0] ? err : "network error");
}

/* A list of positive integers (at most max entries). */
static Value *int_list(Call *c, Value **a, int i, int **out, int *n)
{
    const Value *v = a[i];
    if (v->kind != VAL_LIST || v->u.list.n < 1 || v->u.list.n > NN_MAX_LAYERS + 1)
        return arg_type_error(c, i, "a list of positive integers", v);
    int *s = malloc(sizeof(int) * (size_t)v->u.list.n);
    if (!s)
        return call_error(c, "out of memory");
    for (long k = 0; k < v->u.list.n; k++) {
        long x;
        if (!val_get_long(v->u.list.items[k], &x) || !val_is_integer(v->u.list.items[k]) || x < 1 ||
            x > NN_MAX_WIDTH) {
            free(s);
            return arg_error(c, i, "entry %ld must be an integer in [1, %d]", k + 1, NN_MAX_WIDTH);
        }
        s[k] = (int)x;
    }
    *out = s;
    *n = (int)v->u.list.n;
    return NULL;
}

static Value *get_seed(Call *c, Value **a, int i, uint64_t *seed)
{
    long s = 0;
    if (a[i] && a[i]->kind != VAL_NIL) {
        Value *e = arg_long(c, a, i, 0, 0x7fffffffffffffffL, &s);
        if (e)
            return e;
    }
    *seed = (uint64_t)s;
    return NULL;
}

/* mlp(sizes, activation = "tanh", seed = 0) */
static Value *bi_mlp(Call *c, Value **a)
{
    int *sizes, n;
    Value *e = int_list(c, a, 0, &sizes, &n);
    if (e)
        return e;
    NnAct act = NN_TANH;
    if (a[1] && a[1]->kind != VAL_NIL) {
        if (a[1]->kind != VAL_STR || nn_act_parse(&act, a[1]->u.str.s)) {
            free(sizes);
            return arg_error(c, 1,
                             "the activation is \"tanh\", \"sigmoid\", \"relu\" or "
                             "\"identity\"");
        }
    }
    uint64_t seed;
    if ((e = get_seed(c, a, 2, &seed))) {
        free(sizes);
        return e;
    }
    NetVal *N = netval_new();
    char err[NN_ERR_LEN] = "";
    int st = N ? nn_net_init_mlp(&N->net, sizes, n, act, err) : NN_E_NOMEM;
    free(sizes);
    if (!st)
        st = nn_net_init_params(&N->net, seed, err);
    if (st) {
        if (N)
            netval_free(N);
        return n < 2 ? arg_error(c, 0, "%s", err) : net_fail(c, st, err);
    }
    return val_obj(&nn_net_type, N);
}

/* 1 when the two reps belong to the same algebra (same basis). */
static int same_algebra(const MatAlgebra *g, const MatAlgebra *h)
{
    if (g == h)
        return 1;
    if (g->dim != h->dim || g->n != h->n)
        return 0;
    for (slong i = 0; i < g->dim; i++)
        if (!fmpq_mat_equal(g->basis + i, h->basis + i))
            return 0;
    return 1;
}

/* epnn(rep_in, rep_out, layers = [3, 3, 1], seed = 0) */
static Value *bi_epnn(Call *c, Value **a)
{
    const MatRep *ri = lie_rep(a[0]), *ro = lie_rep(a[1]);
    if (!ri)
        return arg_type_error(c, 0, "a representation (std(g), r + s, ...)", a[0]);
    if (!ro)
        return arg_type_error(c, 1, "a representation (std(g), r + s, ...)", a[1]);
    if (!same_algebra(ri->alg, ro->alg))
        return arg_error(c, 1,
                         "rep_in and rep_out must be representations of one algebra "
                         "(%s and %s differ)",
                         ri->alg->name, ro->alg->name);
    int *layers = NULL, n = 0;
    static const int def[] = {3, 3, 1};
    Value *e = NULL;
    if (a[2] && a[2]->kind != VAL_NIL) {
        if ((e = int_list(c, a, 2, &layers, &n)))
            return e;
    } else {
        layers = malloc(sizeof def);
        memcpy(layers, def, sizeof def);
        n = 3;
    }
    uint64_t seed;
    if ((e = get_seed(c, a, 3, &seed))) {
        free(layers);
        return e;
    }
    NetVal *N = netval_new();
    char err[NN_ERR_LEN] = "";
    int st = N ? nn_net_init_epnn(&N->net, (int)ri->dim, (int)ro->dim, layers, n, err) : NN_E_NOMEM;
    free(layers);
    if (!st)
        st = nn_net_init_params(&N->net, seed, err);
    if (st) {
        if (N)
            netval_free(N);
        return st == NN_E_ARG ? arg_error(c, 2, "%s", err) : net_fail(c, st, err);
    }
    N->rin = val_ref(a[0]);
    N->rout = val_ref(a[1]);
    return val_obj(&nn_net_type, N);
}

/* params(net) */
static Value *bi_params(Call *c, Value **a)
{
    if (!nn_is_network(a[0]))
        return arg_type_error(c, 0, "a network", a[0]);
    const Net *net = &((const NetVal *)a[0]->u.obj.data)->net;
    return col_value(net->theta, net->nparams);
}

/* A copy of the network value's data (reps and history shared). */
static NetVal *netval_copy(const NetVal *src, char *err)
{
    NetVal *N = netval_new();
    if (!N || nn_net_copy(&N->net, &src->net, err)) {
        if (N)
            netval_free(N);
        return NULL;
    }
    N->rin = src->rin ? val_ref(src->rin) : NULL;
    N->rout = src->rout ? val_ref(src->rout) : NULL;
    N->have_box = src->have_box;
    fmpq_set(N->box, src->box);
    return N;
}

/* --- images of algebra elements on the network's representations --- */

/* Exact images of xs[0..k-1] on rep r: out (initialised by the call). */
static Value *rep_images(Call *c, int argi, const MatRep *r, const fmpq_mat_struct *xs, slong k,
                         fmpq_mat_struct **out, int group)
{
    fmpq_mat_struct *m = flint_malloc(sizeof(fmpq_mat_struct) * (size_t)(k + 1));
    for (slong i = 0; i < k; i++) {
        char err[ALG_ERR_LEN] = "";
        fmpq_mat_init(m + i, r->dim, r->dim);
        int st =
            group ? rep_group_element(m + i, r, xs + i, err) : rep_image(m + i, r, xs + i, err);
        if (st) {
            for (slong j = 0; j <= i; j++)
                fmpq_mat_clear(m + j);
            flint_free(m);
            return arg_error(c, argi,
                             "%s %ld is not usable on the network's representations "
                             "(%s): %s",
                             group ? "discrete generator" : "element", (long)i + 1, r->name,
                             err[0] ? err : algebra_strerror(st));
        }
    }
    *out = m;
    return NULL;
}

static void mats_free(fmpq_mat_struct *m, slong k)
{
    if (!m)
        return;
    for (slong i = 0; i < k; i++)
        fmpq_mat_clear(m + i);
    flint_free(m);
}

static Value *need_reps(Call *c, const NetVal *N, const char *what)
{
    if (N->net.kind != NN_EPNN)
        return call_error(c,
                          "%s needs an epnn network (an MLP's elementwise activation does "
                          "not commute with a general representation)",
                          what);
    if (!N->rin)
        return call_error(c,
                          "%s: this network was loaded from a file, which does not store "
                          "representations; build it with epnn(rep_in, rep_out, layers) in the "
                          "session",
                          what);
    return NULL;
}

/* A label without spaces for the file format. */
static void make_label(char *out, size_t n, const MatAlgebra *g)
{
    snprintf(out, n, "%s", g->name[0] ? g->name : "algebra");
    for (char *p = out; *p; p++)
        if (*p == ' ' || *p == '\t')
            *p = '_';
}

/* enforce(net, G) */
Value *nn_builtin_enforce(Call *c, Value **a)
{
    const NetVal *N = a[0]->u.obj.data;
    Value *e = need_reps(c, N, "enforce");
    if (e)
        return e;
    const MatAlgebra *g = lie_owner_algebra(a[1]);
    if (!g)
        return arg_type_error(c, 1, "a Lie algebra or a group", a[1]);
    if (a[2] && a[2]->kind != VAL_NIL)
        return arg_error(c, 2,
                         "enforce(net, G): give discrete generators through the group "
                         "G = group(g, [h, ...])");
    const MatRep *ri = lie_rep(N->rin), *ro = lie_rep(N->rout);
    const DiscreteGens *D = lie_group_gens(a[1]);
    slong nd = D ? D->count : 0;
    fmpq_mat_struct *Ai = NULL, *Ao = NULL, *Pi = NULL, *Qo = NULL;
    if ((e = rep_images(c, 1, ri, g->basis, g->dim, &Ai, 0)) ||
        (e = rep_images(c, 1, ro, g->basis, g->dim, &Ao, 0)) ||
        (nd && (e = rep_images(c, 1, ri, D->gens, nd, &Pi, 1))) ||
        (nd && (e = rep_images(c, 1, ro, D->gens, nd, &Qo, 1)))) {
        mats_free(Ai, Ai ? g->dim : 0);
        mats_free(Ao, Ao ? g->dim : 0);
        mats_free(Pi, Pi ? nd : 0);
        return e;
    }
    char err[NN_ERR_LEN] = "", label[64];
    make_label(label, sizeof label, g);
    NetVal *M = netval_copy(N, err);
    int st =
        M ? nn_symm_enforce(&M->net, Ai, Ao, (int)g->dim, Pi, Qo, (int)nd, label, err) : NN_E_NOMEM;
    mats_free(Ai, g->dim);
    mats_free(Ao, g->dim);
    mats_free(Pi, nd);
    mats_free(Qo, nd);
    if (st) {
        if (M)
            netval_free(M);
        if (st == NN_E_INTERRUPTED)
            sym_interrupted = 0;
        return net_fail(c, st, err);
    }
    return val_obj(&nn_net_type, M);
}

/* *T (K x K) = the transform to an orthonormal basis of g in the Frobenius
   inner product tr(A^T B): orthonormal element j = sum_i T_ij basis_i
   (exact Gram matrix, Cholesky in MPFR). */
static Value *orth_transform(Call *c, const MatAlgebra *g, DMat **T)
{
    slong K = g->dim, n = g->n;
    fmpq_mat_t Gm;
    fmpq_mat_init(Gm, K, K);
    fmpq_t t;
    fmpq_init(t);
    for (slong i = 0; i < K; i++)
        for (slong j = 0; j < K; j++) {
            fmpq_zero(fmpq_mat_entry(Gm, i, j));
            for (slong r = 0; r < n; r++)
                for (slong q = 0; q < n; q++) {
                    fmpq_mul(t, fmpq_mat_entry(g->basis + i, r, q),
                             fmpq_mat_entry(g->basis + j, r, q));
                    fmpq_add(fmpq_mat_entry(Gm, i, j), fmpq_mat_entry(Gm, i, j), t);
                }
        }
    fmpq_clear(t);
    int ost = mpfr_orth_transform(T, Gm, c->I->prec > 128 ? c->I->prec : 128);
    fmpq_mat_clear(Gm);
    if (ost)
        return call_error(c, "cannot orthonormalise the candidate basis: %s",
                          dlinalg_strerror(ost));
    return NULL;
}

/* The L-hat operator of N for the candidate algebra value G: an orthonormal
   basis of G (Frobenius), its images on the reps, the boxes. */
static Value *build_symm(Call *c, int argi, const NetVal *N, Value *G, const fmpq_t c0, NnSymm *S,
                         double **basis_out, int *K_out)
{
    const MatAlgebra *g = lie_owner_algebra(G);
    if (!g)
        return arg_type_error(c, argi, "a Lie algebra (the candidate symmetries)", G);
    if (g->dim < 1)
        return arg_error(c, argi, "the candidate algebra is zero");
    const MatRep *ri = lie_rep(N->rin), *ro = lie_rep(N->rout);
    fmpq_mat_struct *Ai = NULL, *Ao = NULL;
    Value *e;
    if ((e = rep_images(c, argi, ri, g->basis, g->dim, &Ai, 0)))
        return e;
    if ((e = rep_images(c, argi, ro, g->basis, g->dim, &Ao, 0))) {
        mats_free(Ai, g->dim);
        return e;
    }
    slong K = g->dim, n = g->n;
    DMat *T = NULL;
    if ((e = orth_transform(c, g, &T))) {
        mats_free(Ai, K);
        mats_free(Ao, K);
        return e;
    }
    int din = N->net.din, dout = N->net.dout;
    double *ai = calloc((size_t)K * din * din + 1, sizeof(double));
    double *ao = calloc((size_t)K * dout * dout + 1, sizeof(double));
    double *basis = calloc((size_t)K * n * n + 1, sizeof(double));
    for (slong j = 0; ai && ao && basis && j < K; j++)
        for (slong i = 0; i < K; i++) {
            double w = DMAT_AT(T, i, j);
            if (w == 0)
                continue;
            for (int r = 0; r < din; r++)
                for (int s = 0; s < din; s++)
                    ai[(size_t)j * din * din + (size_t)r * din + s] +=
                        w * fmpq_get_d(fmpq_mat_entry(Ai + i, r, s));
            for (int r = 0; r < dout; r++)
                for (int s = 0; s < dout; s++)
                    ao[(size_t)j * dout * dout + (size_t)r * dout + s] +=
                        w * fmpq_get_d(fmpq_mat_entry(Ao + i, r, s));
            for (slong r = 0; r < n; r++)
                for (slong s = 0; s < n; s++)
                    basis[(size_t)j * n * n + (size_t)r * n + s] +=
                        w * fmpq_get_d(fmpq_mat_entry(g->basis + i, r, s));
        }
    dmat_free(T);
    mats_free(Ai, K);
    mats_free(Ao, K);
    fmpq_t c1;
    fmpq_init(c1);
    fmpq_set_si(c1, 2, 1);
    char err[NN_ERR_LEN] = "";
    int st = ai && ao && basis ? nn_symm_init(S, &N->net, (int)K, ai, ao, c0, c1,
                                              c->I->prec > 128 ? c->I->prec : 128, err)
                               : NN_E_NOMEM;
    fmpq_clear(c1);
    free(ai);
    free(ao);
    if (st) {
        free(basis);
        return net_fail(c, st, err);
    }
    if (basis_out)
        *basis_out = basis;
    else
        free(basis);
    *K_out = (int)K;
    return NULL;
}

/* c0 = the box half-width: argument i (a positive number), or max |x| over
   the states rounded up to a multiple of 1/8. */
static Value *get_box(Call *c, Value **a, int i, const double *x, size_t nx, fmpq_t c0)
{
    if (a[i] && a[i]->kind != VAL_NIL) {
        if (a[i]->kind == VAL_RAT && fmpq_sgn(a[i]->u.q) > 0) {
            fmpq_set(c0, a[i]->u.q);
            return NULL;
        }
        double d;
        if (a[i]->kind == VAL_REAL && (d = mpfr_get_d(a[i]->u.r, MPFR_RNDN)) > 0 && isfinite(d)) {
            fmpq_set_si(c0, (slong)ceil(d * 1024), 1024);
            return NULL;
        }
        return arg_error(c, i, "box is the positive half-width b of the box [-b, b]^n");
    }
    double m = 0;
    for (size_t k = 0; k < nx; k++)
        m = fmax(m, fabs(x[k]));
    if (m == 0)
        m = 1;
    fmpq_set_si(c0, (slong)ceil(m * 8), 8);
    return NULL;
}

/* The record of a float decision on singular values sv (K, descending). */
static Value *decision_record(Call *c, const double *L, long P, const double *basis, slong n, int K,
                              double tol)
{
    DMat *Lm = dmat_new(K, (int)P), *U = NULL, *s = NULL, *Vt = NULL;
    if (!Lm)
        return call_error(c, "out of memory");
    for (int i = 0; i < K; i++)
        for (long j = 0; j < P; j++)
            DMAT_AT(Lm, i, j) = L[(size_t)i * P + j];
    if (dmat_has_nonfinite(Lm)) {
        dmat_free(Lm);
        return call_error(c, "the network's Lie derivative is not finite");
    }
    int st = dlinalg_svd(&U, &s, &Vt, Lm);
    dmat_free(Lm);
    dmat_free(Vt);
    if (st) {
        dmat_free(U);
        dmat_free(s);
        return call_error(c, "SVD failed: %s", dlinalg_strerror(st));
    }
    double *sv = calloc((size_t)K + 1, sizeof(double));
    if (!sv) {
        dmat_free(U);
        dmat_free(s);
        return call_error(c, "out of memory");
    }
    for (int i = 0; i < K && i < s->rows; i++)
        sv[i] = s->data[i];
    RankGap rg;
    double scale = sv[0] > 0 ? sv[0] : 1;
    rankgap_decide(&rg, sv, K, scale, tol, -1);
    if (rg.rank < 0) {
        free(sv);
        dmat_free(U);
        dmat_free(s);
        return call_error(c, "cannot decide the rank: %s", rg.why);
    }
    /* kept directions: left singular vectors rank..K-1, as matrices */
    int kept = K - rg.rank;
    Value *syms = val_list_new(kept);
    double *mats = calloc((size_t)(kept ? kept : 1) * n * n, sizeof(double));
    for (int q = 0; q < kept; q++) {
        double *A = mats + (size_t)q * n * n, big = 0;
        for (int i = 0; i < K; i++) {
            double u = DMAT_AT(U, i, rg.rank + q);
            for (slong k = 0; k < n * n; k++)
                A[k] += u * basis[(size_t)i * n * n + k];
        }
        for (slong k = 0; k < n * n; k++)
            if (fabs(A[k]) > fabs(big))
                big = A[k];
        DMat *M = dmat_new((int)n, (int)n);
        for (slong r = 0; r < n; r++)
            for (slong t = 0; t < n; t++) {
                A[r * n + t] *= big < 0 ? -1 : 1;
                DMAT_AT(M, r, t) = A[r * n + t];
            }
        val_list_set(syms, q, val_fmat(M));
    }
    /* closure residual of the kept span: brackets minus their projection */
    double num = 0, den = 0;
    for (int p = 0; p < kept; p++)
        for (int q = p + 1; q < kept; q++) {
            double *Br = calloc((size_t)n * n, sizeof(double));
            const double *X = mats + (size_t)p * n * n, *Y = mats + (size_t)q * n * n;
            for (slong r = 0; r < n; r++)
                for (slong t = 0; t < n; t++)
                    for (slong k = 0; k < n; k++)
                        Br[r * n + t] += X[r * n + k] * Y[k * n + t] - Y[r * n + k] * X[k * n + t];
            for (slong k = 0; k < n * n; k++)
                den += Br[k] * Br[k];
            /* the kept matrices are orthonormal (U orthogonal, basis orthonormal) */
            for (int w = 0; w < kept; w++) {
                const double *Z = mats + (size_t)w * n * n;
                double dot = 0;
                for (slong k = 0; k < n * n; k++)
                    dot += Z[k] * Br[k];
                for (slong k = 0; k < n * n; k++)
                    Br[k] -= dot * Z[k];
            }
            for (slong k = 0; k < n * n; k++)
                num += Br[k] * Br[k];
            free(Br);
        }
    free(mats);
    DMat *sc = dmat_new(K, 1);
    for (int i = 0; i < K; i++)
        DMAT_AT(sc, i, 0) = sv[i];
    Value *r = val_record_new("symmetries", 7);
    val_record_set(r, 0, "values", val_fmat(sc));
    val_record_set(r, 1, "dim", val_rat_si(kept));
    val_record_set(r, 2, "symmetries", syms);
    val_record_set(r, 3, "gap", val_real_d(rg.gap));
    val_record_set(r, 4, "threshold", val_real_d(rg.threshold));
    val_record_set(r, 5, "why", val_cstr(rg.why));
    val_record_set(r, 6, "closure", val_real_d(den > 1e-24 ? sqrt(num / den) : 0));
    dmat_free(U);
    dmat_free(s);
    free(sv);
    return r;
}

/* *P = the end-to-end Lie derivative of an MLP for the candidate value G
   (its matrices acting on copies of R^n in the inputs and outputs) at
   NN_DISCOVER_POINTS uniform points of [-c0, c0]^din from seed 0;
   *basis_out (may be NULL) = the orthonormal basis (K x n x n). */
static Value *mlp_pointlie(Call *c, int argi, const Net *net, Value *G, const fmpq_t c0,
                           NnPointLie *P, double **basis_out, int *n_out)
{
    const MatAlgebra *g = lie_owner_algebra(G);
    if (!g)
        return arg_type_error(c, argi, "a Lie algebra (the candidate symmetries)", G);
    int n = (int)g->n, K = (int)g->dim, din = net->din, dout = net->dout;
    if (g->affine || K < 1 || din % n || dout % n)
        return arg_error(c, argi,
                         "for an MLP the candidate's matrices act on copies of R^%d: "
                         "the network's %d inputs and %d outputs must be multiples of %d (and "
                         "the algebra linear)",
                         n, din, dout, n);
    DMat *T = NULL;
    Value *e = orth_transform(c, g, &T);
    if (e)
        return e;
    int npts = NN_DISCOVER_POINTS;
    double *basis = calloc((size_t)K * n * n + 1, sizeof(double));
    double *A = calloc((size_t)K * din * din + 1, sizeof(double));
    double *B = calloc((size_t)K * dout * dout + 1, sizeof(double));
    double *X = malloc(sizeof(double) * ((size_t)npts * din + 1));
    if (!basis || !A || !B || !X) {
        dmat_free(T);
        free(basis);
        free(A);
        free(B);
        free(X);
        return call_error(c, "out of memory");
    }
    for (int j = 0; j < K; j++)
        for (int i = 0; i < K; i++)
            for (int k = 0; k < n * n; k++)
                basis[(size_t)j * n * n + k] +=
                    DMAT_AT(T, i, j) * fmpq_get_d(fmpq_mat_entry(g->basis + i, k / n, k % n));
    dmat_free(T);
    for (int j = 0; j < K; j++) {
        const double *M = basis + (size_t)j * n * n;
        for (int r = 0; r < din; r++)
            for (int k = 0; k < n; k++)
                A[(size_t)j * din * din + (size_t)r * din + r / n * n + k] = M[(r % n) * n + k];
        for (int r = 0; r < dout; r++)
            for (int k = 0; k < n; k++)
                B[(size_t)j * dout * dout + (size_t)r * dout + r / n * n + k] = M[(r % n) * n + k];
    }
    Rng r;
    rng_init(&r, 0);
    double b = fmpq_get_d(c0);
    for (size_t k = 0; k < (size_t)npts * din; k++)
        X[k] = rng_affine(-b, 2 * b, rng_uniform(&r));
    char err[NN_ERR_LEN] = "";
    int st = nn_pointlie_init(P, net, K, A, B, X, npts, err);
    free(A);
    free(B);
    free(X);
    if (st) {
        free(basis);
        return net_fail(c, st, err);
    }
    if (basis_out)
        *basis_out = basis;
    else
        free(basis);
    if (n_out)
        *n_out = n;
    return NULL;
}

static Value *mlp_discover(Call *c, Value **a, const NetVal *N, const fmpq_t c0, double tol)
{
    NnPointLie P;
    double *basis = NULL;
    int n = 0;
    Value *e = mlp_pointlie(c, 1, &N->net, a[1], c0, &P, &basis, &n);
    if (e)
        return e;
    long nc = nn_pointlie_ncols(&P, &N->net);
    double *L = malloc(sizeof(double) * ((size_t)P.K * nc + 1));
    Value *res;
    if (!L || nn_pointlie_apply(&P, &N->net, L))
        res = call_error(c, "out of memory");
    else
        res = decision_record(c, L, nc, basis, n, P.K, tol);
    free(L);
    free(basis);
    nn_pointlie_clear(&P);
    return res;
}

/* discover(net, G, box = E slot, tol = ...): arguments as the discover
   builtin passes them: a[0] net, a[1] G, a[2] box (the E slot), a[4] tol. */
Value *nn_builtin_discover(Call *c, Value **a)
{
    const NetVal *N = a[0]->u.obj.data;
    Value *e = N->net.kind == NN_EPNN ? need_reps(c, N, "discover") : NULL;
    if (e)
        return e;
    if (!a[1] || a[1]->kind == VAL_NIL)
        return call_error(c, "discover(net, G): give the candidate algebra G");
    for (int i = 3; i < 7; i++)
        if (i != 4 && a[i] && a[i]->kind != VAL_NIL)
            return arg_error(c, i, "discover(net, G, box, tol = ...) takes no such argument");
    double tol = -1;
    if (a[4] && a[4]->kind != VAL_NIL) {
        if (a[4]->kind == VAL_RAT)
            tol = fmpq_get_d(a[4]->u.q);
        else if (a[4]->kind == VAL_REAL)
            tol = mpfr_get_d(a[4]->u.r, MPFR_RNDN);
        if (!(tol >= 0))
            return arg_error(c, 4, "tol must be a number >= 0");
    }
    fmpq_t c0;
    fmpq_init(c0);
    if (a[2] && a[2]->kind != VAL_NIL) {
        double one = 1;
        e = get_box(c, a, 2, &one, 1, c0);
    } else if (N->have_box) {
        fmpq_set(c0, N->box);
    } else {
        fmpq_one(c0);
    }
    if (e) {
        fmpq_clear(c0);
        return e;
    }
    if (N->net.kind == NN_MLP) {
        e = mlp_discover(c, a, N, c0, tol);
        fmpq_clear(c0);
        return e;
    }
    NnSymm S;
    double *basis = NULL;
    int K = 0;
    e = build_symm(c, 1, N, a[1], c0, &S, &basis, &K);
    fmpq_clear(c0);
    if (e)
        return e;
    double *L = malloc(sizeof(double) * ((size_t)K * S.ncols + 1));
    Value *r;
    if (!L) {
        r = call_error(c, "out of memory");
    } else {
        nn_symm_apply(&S, &N->net, N->net.theta, L);
        r = decision_record(c, L, S.ncols, basis, lie_owner_algebra(a[1])->n, K, tol);
    }
    free(L);
    free(basis);
    nn_symm_clear(&S);
    return r;
}

/* --- train --- */

static void progress_line(void *ctx, long step, long steps, double loss, double pen,
                          const double *sv, int K)
{
    (void)ctx;
    fprintf(stderr, "\rstep %ld/%ld  loss %.4e", step, steps, loss);
    if (K) {
        fprintf(stderr, "  penalty %.4e  sv", pen);
        for (int i = 0; i < K && i < 6; i++)
            fprintf(stderr, " %.3g", sv[i]);
    }
    fprintf(stderr, "   ");
    fflush(stderr);
}

/* Chunks from a list of len x d matrices: *C (n x len x d row-major). */
static Value *get_chunks(Call *c, int i, const Value *v, int d, double **C, int *n, int *len)
{
    if (v->kind != VAL_LIST || v->u.list.n < 1)
        return arg_type_error(c, i,
                              "a list of trajectory chunks (float matrices, one state "
                              "per row)",
                              v);
    long nc = v->u.list.n;
    double *buf = NULL;
    int L = 0;
    for (long k = 0; k < nc; k++) {
        int rows, cols;
        double *x = value_rows(v->u.list.items[k], &rows, &cols);
        if (!x || v->u.list.items[k]->kind == VAL_LIST) {
            free(x);
            free(buf);
            return arg_error(c, i, "chunk %ld is a %s, not a matrix of states", k + 1,
                             val_kind_name(v->u.list.items[k]));
        }
        if (k == 0) {
            L = rows;
            if (L < 2) {
                free(x);
                return arg_error(c, i, "a chunk needs at least 2 states (rows), not %d", L);
            }
            buf = malloc(sizeof(double) * (size_t)nc * L * d);
            if (!buf) {
                free(x);
                return call_error(c, "out of memory");
            }
        }
        if (rows != L || cols != d) {
            free(x);
            free(buf);
            return arg_error(c, i,
                             "chunk %ld is %d x %d; every chunk must be %d x %d (states "
                             "of dimension %d)",
                             k + 1, rows, cols, L, d, d);
        }
        Value *e = check_finite(&c->arg_spans[i], "a chunk", x, rows, cols);
        if (e) {
            free(x);
            free(buf);
            return e;
        }
        memcpy(buf + (size_t)k * L * d, x, sizeof(double) * (size_t)L * d);
        free(x);
    }
    *C = buf;
    *n = (int)nc;
    *len = L;
    return NULL;
}

static Value *get_pos(Call *c, Value **a, int i, double *out)
{
    if (!a[i] || a[i]->kind == VAL_NIL)
        return NULL;
    double d;
    if (a[i]->kind == VAL_RAT)
        d = fmpq_get_d(a[i]->u.q);
    else if (a[i]->kind == VAL_REAL)
        d = mpfr_get_d(a[i]->u.r, MPFR_RNDN);
    else
        return arg_type_error(c, i, "a number", a[i]);
    if (!(d >= 0) || !isfinite(d))
        return arg_error(c, i, "must be a finite number >= 0");
    *out = d;
    return NULL;
}

static Value *curve_record(const NnTrainResult *r)
{
    DMat *s = dmat_new((int)r->ncurve, 1), *t = dmat_new((int)r->ncurve, 1),
         *v = dmat_new((int)r->ncurve, 1);
    for (long i = 0; s && t && v && i < r->ncurve; i++) {
        DMAT_AT(s, i, 0) = (double)r->curve_step[i];
        DMAT_AT(t, i, 0) = r->curve_train[i];
        DMAT_AT(v, i, 0) = r->curve_val[i];
    }
    Value *rec = val_record_new("curve", 3);
    val_record_set(rec, 0, "step", val_fmat(s));
    val_record_set(rec, 1, "train", val_fmat(t));
    val_record_set(rec, 2, "val", val_fmat(v));
    return rec;
}

/* train(net, X, Y, dt, steps, lr, gamma, candidate, box, val, substeps, every) */
static Value *bi_train(Call *c, Value **a)
{
    if (!nn_is_network(a[0]))
        return arg_type_error(c, 0, "a network (mlp(...) or epnn(...))", a[0]);
    const NetVal *N = a[0]->u.obj.data;
    const Net *net = &N->net;
    int ode = a[3] && a[3]->kind != VAL_NIL;
    NnData D = {0}, V = {0};
    double *X = NULL, *Y = NULL, *Xv = NULL, *Yv = NULL;
    Value *e = NULL;
    NnTrainOpts o;
    nn_train_opts_default(&o);
    long steps = 1000, every = 10, sub = 1;
    if ((a[4] && (e = arg_long(c, a, 4, 0, 100000000L, &steps))) ||
        (a[10] && (e = arg_long(c, a, 10, 1, 10000, &sub))) ||
        (a[11] && (e = arg_long(c, a, 11, 1, 100000000L, &every))) ||
        (e = get_pos(c, a, 5, &o.lr)) || (e = get_pos(c, a, 6, &o.gamma)))
        return e;
    o.steps = steps;
    o.val_every = every;
    if (ode) {
        if (a[2] && a[2]->kind != VAL_NIL)
            return arg_error(c, 2, "the neural-ODE form train(net, chunks, dt = ...) takes no Y");
        if (net->din != net->dout)
            return arg_error(c, 0, "a neural ODE needs as many outputs as inputs (%d -> %d)",
                             net->din, net->dout);
        double dt = 0;
        if ((e = get_pos(c, a, 3, &dt)))
            return e;
        if (!(dt > 0))
            return arg_error(c, 3, "dt must be > 0");
        D.ode = 1;
        D.dt = dt;
        D.substeps = (int)sub;
        if ((e = get_chunks(c, 1, a[1], net->din, &X, &D.n, &D.len)))
            return e;
        D.C = X;
        if (a[9] && a[9]->kind != VAL_NIL) {
            if ((e = get_chunks(c, 9, a[9], net->din, &Xv, &V.n, &V.len))) {
                free(X);
                return e;
            }
            V.ode = 1;
            V.C = Xv;
            V.dt = dt;
            V.substeps = (int)sub;
        }
    } else {
        if (a[10])
            return arg_error(c, 10, "substeps is for the neural-ODE form (give dt)");
        if (!a[2] || a[2]->kind == VAL_NIL)
            return call_error(c, "train(net, X, Y) for regression, or train(net, chunks, dt = "
                                 "...) for a neural ODE");
        int r1, c1, r2, c2;
        X = value_rows(a[1], &r1, &c1);
        Y = value_rows(a[2], &r2, &c2);
        if (!X || !Y || a[1]->kind == VAL_LIST || a[2]->kind == VAL_LIST) {
            free(X);
            free(Y);
            return arg_type_error(c, X ? 2 : 1, "a matrix of points (rows)", X ? a[2] : a[1]);
        }
        if (net->dout == 1 && r2 == 1 && c2 == r1 && r1 > 1)
            c2 = 1, r2 = r1; /* a row of targets */
        if (c1 != net->din || c2 != net->dout || r1 != r2 || r1 < 1) {
            free(X);
            free(Y);
            return call_error(c,
                              "X is %d x %d and Y %d x %d: the network maps %d inputs to %d "
                              "outputs (one point per row, as many rows in Y as in X)",
                              r1, c1, r2, c2, net->din, net->dout);
        }
        if ((e = check_finite(&c->arg_spans[1], "X", X, r1, c1)) ||
            (e = check_finite(&c->arg_spans[2], "Y", Y, r2, c2))) {
            free(X);
            free(Y);
            return e;
        }
        D.n = r1;
        D.X = X;
        D.Y = Y;
        if (a[9] && a[9]->kind != VAL_NIL) {
            const Value *vl = a[9];
            int ok = vl->kind == VAL_LIST && vl->u.list.n == 2;
            int r3 = 0, c3 = 0, r4 = 0, c4 = 0;
            if (ok) {
                Xv = value_rows(vl->u.list.items[0], &r3, &c3);
                Yv = value_rows(vl->u.list.items[1], &r4, &c4);
            }
            if (!ok || !Xv || !Yv || c3 != net->din || c4 != net->dout || r3 != r4 ||
                check_finite(NULL, "", Xv, r3, c3) || check_finite(NULL, "", Yv, r4, c4)) {
                free(X);
                free(Y);
                free(Xv);
                free(Yv);
                return arg_error(c, 9,
                                 "val is [Xv, Yv]: finite matrices with %d and %d "
                                 "columns and as many rows",
                                 net->din, net->dout);
            }
            V.n = r3;
            V.X = Xv;
            V.Y = Yv;
        }
    }
    NnSymm S;
    memset(&S, 0, sizeof S);
    int have_S = 0;
    fmpq_t box;
    fmpq_init(box);
    char err[NN_ERR_LEN] = "";
    if (o.gamma > 0 && (!a[7] || a[7]->kind == VAL_NIL))
        e = arg_error(c, 6, "gamma > 0 promotes a candidate symmetry: give candidate = G");
    if (!e && a[8] && a[8]->kind != VAL_NIL && (!a[7] || a[7]->kind == VAL_NIL))
        e = arg_error(c, 8, "box is the measure of the candidate's penalty: give candidate = G");
    NnPointLie Pt;
    memset(&Pt, 0, sizeof Pt);
    int have_Pt = 0;
    if (!e && a[7] && a[7]->kind != VAL_NIL && net->kind == NN_MLP) {
        fmpq_t c0;
        fmpq_init(c0);
        size_t nx = ode ? (size_t)D.n * D.len * net->din : (size_t)D.n * net->din;
        if (!(e = get_box(c, a, 8, ode ? D.C : D.X, nx, c0)))
            e = mlp_pointlie(c, 7, net, a[7], c0, &Pt, NULL, NULL);
        fmpq_set(box, c0);
        fmpq_clear(c0);
        have_Pt = !e;
    } else if (!e && a[7] && a[7]->kind != VAL_NIL) {
        if (!(e = need_reps(c, N, "train with a candidate"))) {
            fmpq_t c0;
            fmpq_init(c0);
            size_t nx = ode ? (size_t)D.n * D.len * net->din : (size_t)D.n * net->din;
            int K;
            if (!(e = get_box(c, a, 8, ode ? D.C : D.X, nx, c0)))
                e = build_symm(c, 7, N, a[7], c0, &S, NULL, &K);
            fmpq_set(box, c0);
            fmpq_clear(c0);
            have_S = !e;
        }
    }
    NetVal *M = e ? NULL : netval_copy(N, err);
    if (!e && !M)
        e = call_error(c, "out of memory");
    if (e) {
        free(X);
        free(Y);
        free(Xv);
        free(Yv);
        if (have_S)
            nn_symm_clear(&S);
        if (have_Pt)
            nn_pointlie_clear(&Pt);
        fmpq_clear(box);
        return e;
    }
    if (have_S || have_Pt) {
        M->have_box = 1;
        fmpq_set(M->box, box);
    }
    fmpq_clear(box);
    o.S = have_S ? &S : NULL;
    o.Pt = have_Pt ? &Pt : NULL;
    o.interrupt = &sym_interrupted;
    if (isatty(2)) {
        o.progress = progress_line;
        o.progress_every = steps >= 200 ? steps / 200 : 1;
    }
    NnTrainResult res;
    int K = have_S ? S.K : have_Pt ? Pt.K : 0;
    int st = nn_train(&M->net, &D, (V.n ? &V : NULL), &o, &res, err);
    if (o.progress)
        fprintf(stderr, "\n");
    free(X);
    free(Y);
    free(Xv);
    free(Yv);
    if (have_S)
        nn_symm_clear(&S);
    if (have_Pt)
        nn_pointlie_clear(&Pt);
    if (st) {
        nn_train_result_clear(&res);
        netval_free(M);
        return call_error(c, "%s", err);
    }
    if (res.interrupted) {
        fprintf(stderr,
                "warning: training interrupted at step %ld of %ld; returning the "
                "network as it is now\n",
                res.steps, steps);
        sym_interrupted = 0;
    }
    Value *h = val_record_new("training", 6);
    val_record_set(h, 0, "loss", val_real_d(res.loss));
    val_record_set(h, 1, "steps", val_rat_si(res.steps));
    val_record_set(h, 2, "curve", curve_record(&res));
    val_record_set(h, 3, "interrupted", val_bool(res.interrupted));
    val_record_set(h, 4, "penalty", res.sv ? val_real_d(res.penalty) : val_nil());
    val_record_set(h, 5, "sv", res.sv ? col_value(res.sv, K) : val_nil());
    nn_train_result_clear(&res);
    M->history = h;
    return val_obj(&nn_net_type, M);
}

/* --- save and load (called by the data builtins) --- */

Value *nn_builtin_save(Call *c, const char *path, Value *net)
{
    char err[NN_ERR_LEN] = "";
    int st = nn_net_save(&((const NetVal *)net->u.obj.data)->net, path, err);
    return st ? call_error(c, "%s", err) : val_nil();
}

Value *nn_builtin_load(Call *c, const char *path)
{
    NetVal *N = netval_new();
    char err[NN_ERR_LEN] = "";
    int st = N ? nn_net_load(&N->net, path, err) : NN_E_NOMEM;
    if (st) {
        if (N)
            netval_free(N);
        return call_error(c, "%s", err);
    }
    return val_obj(&nn_net_type, N);
}

/* --- simulate --- */

/* A polynomial vector field compiled to double terms. */
typedef struct PolyField {
    int n;
    long *nterms; /* per component */
    double **coef;
    ulong **exps; /* nterms x n per component */
} PolyField;

typedef struct SimUser {
    Call *c;
    Value *fn;      /* user function or builtin, or NULL */
    const Net *net; /* network, or NULL */
    PolyField *pf;  /* polynomial field, or NULL */
    Value *error;   /* the first error of the callback */
} SimUser;

static void polyfield_free(PolyField *pf)
{
    if (!pf)
        return;
    for (int i = 0; i < pf->n; i++) {
        free(pf->coef ? pf->coef[i] : NULL);
        free(pf->exps ? pf->exps[i] : NULL);
    }
    free(pf->nterms);
    free(pf->coef);
    free(pf->exps);
    free(pf);
}

/* v: a column of polynomials (VAL_PMAT) or one polynomial (VAL_POLY, a
   field on R^1). */
static PolyField *polyfield_new(const Value *v)
{
    int single = v->kind == VAL_POLY;
    const PolyRing *R = single ? v->u.poly.ring : v->u.pmat.ring;
    int n = single ? 1 : (int)v->u.pmat.rows;
    PolyField *pf = calloc(1, sizeof *pf);
    if (!pf)
        return NULL;
    pf->n = n;
    pf->nterms = calloc((size_t)n, sizeof(long));
    pf->coef = calloc((size_t)n, sizeof(double *));
    pf->exps = calloc((size_t)n, sizeof(ulong *));
    if (!pf->nterms || !pf->coef || !pf->exps) {
        polyfield_free(pf);
        return NULL;
    }
    fmpq_t q;
    fmpq_init(q);
    for (int i = 0; i < n; i++) {
        const fmpq_mpoly_struct *p = single ? v->u.poly.p : v->u.pmat.e + i;
        slong t = fmpq_mpoly_length(p, R->ctx);
        pf->nterms[i] = t;
        pf->coef[i] = malloc(sizeof(double) * (size_t)(t + 1));
        pf->exps[i] = malloc(sizeof(ulong) * (size_t)(t * n + 1));
        if (!pf->coef[i] || !pf->exps[i]) {
            fmpq_clear(q);
            polyfield_free(pf);
            return NULL;
        }
        for (slong k = 0; k < t; k++) {
            fmpq_mpoly_get_term_coeff_fmpq(q, p, k, R->ctx);
            pf->coef[i][k] = fmpq_get_d(q);
            fmpq_mpoly_get_term_exp_ui(pf->exps[i] + k * n, p, k, R->ctx);
        }
    }
    fmpq_clear(q);
    return pf;
}

static int sim_rhs_value(void *ctx, double t, const double *X, int B, int n, double *dX)
{
    (void)t;
    SimUser *u = ctx;
    if (u->net)
        return nn_net_forward(u->net, X, B, dX, NULL);
    if (u->pf) {
        for (int b = 0; b < B; b++) {
            const double *x = X + (size_t)b * n;
            for (int i = 0; i < n; i++) {
                double acc = 0;
                for (long k = 0; k < u->pf->nterms[i]; k++) {
                    double term = u->pf->coef[i][k];
                    const ulong *e = u->pf->exps[i] + k * n;
                    for (int j = 0; j < n; j++)
                        for (ulong p = 0; p < e[j]; p++)
                            term *= x[j];
                    acc += term;
                }
                dX[(size_t)b * n + i] = acc;
            }
        }
        return 0;
    }
    DMat *M = dmat_new(B, n);
    if (!M) {
        u->error = call_error(u->c, "out of memory");
        return -1;
    }
    for (int b = 0; b < B; b++)
        for (int j = 0; j < n; j++)
            DMAT_AT(M, b, j) = X[(size_t)b * n + j];
    Value *arg = val_fmat(M);
    Value *r = interp_call(u->c->I, u->fn, &arg, 1, &u->c->span);
    val_unref(arg);
    if (val_is_error(r)) {
        u->error = r;
        return -1;
    }
    int rows = 0, cols = 0;
    double *y = value_rows(r, &rows, &cols);
    if (!y || r->kind == VAL_LIST || rows != B || cols != n) {
        u->error = call_error(u->c,
                              "f must return a %d x %d matrix (one derivative per row) "
                              "for a %d x %d matrix of states, not a %s",
                              B, n, B, n, val_kind_name(r));
        free(y);
        val_unref(r);
        return -1;
    }
    val_unref(r);
    memcpy(dX, y, sizeof(double) * (size_t)B * n);
    free(y);
    return 0;
}

/* simulate(f, X0, dt, steps, rtol = 1e-10, atol = 1e-10) */
static Value *bi_simulate(Call *c, Value **a)
{
    SimUser u = {c, NULL, NULL, NULL, NULL};
    int n = 0;
    if (nn_is_network(a[0])) {
        u.net = &((const NetVal *)a[0]->u.obj.data)->net;
        if (u.net->din != u.net->dout)
            return arg_error(c, 0,
                             "a network used as a vector field needs as many outputs as "
                             "inputs (%d -> %d)",
                             u.net->din, u.net->dout);
        n = u.net->din;
    } else if (a[0]->kind == VAL_PMAT) {
        if (a[0]->u.pmat.cols != 1 || a[0]->u.pmat.rows != a[0]->u.pmat.ring->nvars)
            return arg_error(c, 0,
                             "a polynomial vector field needs one component per "
                             "coordinate (%ld), as a column",
                             (long)a[0]->u.pmat.ring->nvars);
        n = (int)a[0]->u.pmat.rows;
        if (!(u.pf = polyfield_new(a[0])))
            return call_error(c, "out of memory");
    } else if (a[0]->kind == VAL_POLY) {
        if (a[0]->u.poly.ring->nvars != 1)
            return arg_error(c, 0,
                             "a single polynomial is a field on R^1, but there are %ld "
                             "coordinates: give a column with one component per coordinate",
                             (long)a[0]->u.poly.ring->nvars);
        n = 1;
        if (!(u.pf = polyfield_new(a[0])))
            return call_error(c, "out of memory");
    } else if (a[0]->kind == VAL_FUNC || a[0]->kind == VAL_BUILTIN) {
        u.fn = a[0];
    } else {
        return arg_type_error(c, 0,
                              "a network, a column of polynomials or a function of a "
                              "matrix of states",
                              a[0]);
    }
    int B, cols;
    double *X0 = value_rows(a[1], &B, &cols);
    if (!X0) {
        polyfield_free(u.pf);
        return arg_type_error(c, 1, "a matrix of initial states (rows) or one state (list)", a[1]);
    }
    if (n && cols != n) {
        free(X0);
        polyfield_free(u.pf);
        return arg_error(c, 1, "the states have %d components but the vector field %d", cols, n);
    }
    n = cols;
    Value *e = check_finite(&c->arg_spans[1], "X0", X0, B, n);
    double dt = 0, rtol = 1e-10, atol = 1e-10;
    long steps = 0;
    if (!e)
        e = get_pos(c, a, 2, &dt);
    if (!e && !(dt > 0))
        e = arg_error(c, 2, "dt must be > 0");
    if (!e)
        e = arg_long(c, a, 3, 0, 100000000L, &steps);
    if (!e)
        e = get_pos(c, a, 4, &rtol);
    if (!e)
        e = get_pos(c, a, 5, &atol);
    if (!e && (!(rtol > 0) || !(atol > 0)))
        e = arg_error(c, !(rtol > 0) ? 4 : 5, "tolerances must be > 0");
    if (!e && (double)B * (double)(steps + 1) * n > 5e8)
        e = call_error(c, "%d systems x %ld outputs x %d components is too large", B, steps + 1, n);
    double *out = e ? NULL : malloc(sizeof(double) * ((size_t)B * (steps + 1) * n + 1));
    if (!e && !out)
        e = call_error(c, "out of memory");
    if (e) {
        free(X0);
        free(out);
        polyfield_free(u.pf);
        return e;
    }
    char err[NN_ERR_LEN] = "";
    int st =
        nn_simulate(out, sim_rhs_value, &u, X0, B, n, dt, steps, rtol, atol, &sym_interrupted, err);
    free(X0);
    polyfield_free(u.pf);
    if (st) {
        free(out);
        if (u.error)
            return u.error;
        return net_fail(c, st, err);
    }
    Value *l = val_list_new(B);
    for (int b = 0; b < B; b++) {
        DMat *T = dmat_new((int)steps + 1, n);
        if (!T) {
            val_unref(l);
            free(out);
            return call_error(c, "out of memory");
        }
        for (long k = 0; k <= steps; k++)
            for (int j = 0; j < n; j++)
                DMAT_AT(T, k, j) = out[((size_t)b * (steps + 1) + k) * n + j];
        val_list_set(l, b, val_fmat(T));
    }
    free(out);
    return l;
}

const Builtin builtins_nn[] = {
    {"mlp", "sizes, activation = \"tanh\", seed = 0", bi_mlp, "networks",
     "A multilayer perceptron with layer sizes [n_in, h_1, ..., n_out]: dense layers "
     "z -> act(W z + b) with act one of \"tanh\", \"sigmoid\", \"relu\", \"identity\", the "
     "last layer without activation.  Weights and biases start uniform in "
     "[-1/sqrt(fan_in), 1/sqrt(fan_in)] (PyTorch's default) from the seed.  A network is "
     "called on a point or on a float matrix of points (rows): net(x).  Fields: params, "
     "nparams, sizes, kind, and after train: loss, steps, curve, sv.",
     "mlp([12, 42, 42, 42, 12])", "network mlp([12, 42, 42, 42, 12], \"tanh\"): 4674 parameters"},
    {"epnn", "rep_in, rep_out, layers = [3, 3, 1], seed = 0", bi_epnn, "networks",
     "A network of EPNN blocks (the authors' SymmNet): each block is z * sigmoid(s) with "
     "z = A x + b between representations and s = q . [monomials of degree <= 2 of x] an "
     "invariant quadratic gate; layers[l] blocks read the whole previous layer (rep_in for "
     "the first, copies of rep_out after), the last layer has one block and no gate.  "
     "enforce(net, G) restricts every block to its exact equivariant subspace; "
     "train(..., candidate = G, gamma = ...) promotes G; discover(net, G) reports the "
     "singular values of the network's Lie derivative.",
     "g = so(3); r = std(g) + std(g); epnn(r, r, layers = [2, 1])",
     "network epnn(6 -> 6, layers = [2, 1]): 218 parameters"},
    {"train",
     "net, X, Y = nil, dt = nil, steps = 1000, lr = 3e-4, gamma = 0, candidate = nil, "
     "box = nil, val = nil, substeps = 1, every = 10",
     bi_train, "networks",
     "Full-batch Adam on the mean squared error, returning the trained network (a new "
     "value).  train(net, X, Y): regression on the rows of X and Y.  train(net, chunks, dt = "
     "h): a neural ODE dx/dt = net(x) fitted to trajectory chunks (a list of float "
     "matrices, one state per row, spacing h) by RK4 roll-outs with `substeps` steps per "
     "interval and the loss over predicted steps 1..k.  candidate = G records the singular "
     "values of the network's Lie derivative for G, and gamma > 0 adds gamma times its "
     "nuclear norm: for an epnn block by block in L2 of the uniform measure on [-box, box] "
     "(first layer; [-2, 2] after), for an MLP end to end at 512 seeded points of the box "
     "(G acting on copies of R^n); box defaults to max |x| of the data rounded up to 1/8.  val = "
     "[Xv, Yv] "
     "(or chunks) gives the validation curve recorded every `every` steps (net.curve: step, "
     "train, val).  NaN/Inf stop with an error naming the step; Ctrl-C returns the network "
     "as it is with a warning.",
     "net = train(mlp([1, 8, 1], seed = 1), [0; 1; 2], [0; 1; 4], steps = 300, lr = 0.05);\n"
     "net.loss < 0.05",
     "true"},
    {"params", "net", bi_params, "networks",
     "The parameters of a network as a float column (blocks in order; each block W "
     "row-major, b, then the gate's coefficients).",
     "size(params(mlp([2, 3, 1])))", "[13, 1]"},
    {"simulate", "f, X0, dt, steps, rtol = 1e-10, atol = 1e-10", bi_simulate, "networks",
     "Integrates dx/dt = f(x) from every row of X0 (or one state given as a list) with "
     "SUNDIALS CVODE (Adams-Moulton, fixed-point corrector; relative and absolute "
     "tolerances rtol, atol), returning one float matrix per initial state: the states at "
     "t = 0, dt, ..., steps*dt (rows).  f is a column of polynomials in the coordinates, a "
     "network, or a function taking the B x n matrix of all current states and returning "
     "their derivatives (one row each).",
     "coords x, y\nT = simulate([-y; x], [1, 0], 0.5, 4);\n"
     "abs(T[1][5, 1] - cos(2)) < 1e-8",
     "true"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
