/* algebra_ops.c — subalgebra operations on matrix Lie algebras: center,
 * derived algebra, centralizer, normalizer, sum, intersection.  Results have
 * canonical bases (see algebra.h). */
#include <stdio.h>

#include "lie/algebra.h"

/* v += c * w (length len), skipping zeros of w. */
static void vec_addmul(fmpq *v, const fmpq *w, slong len, const fmpq *c)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(w + i))
            fmpq_addmul(v + i, w + i, c);
}

/* How the constraint images f_j(b) of a basis matrix b are computed. */
typedef enum { CON_BRACKET, CON_BRACKET_MOD, CON_MOD } ConKind;

/* Kernel of x -> (f_0(x), ..., f_{m-1}(x)) on g, as a list of coordinate
   vectors.  Constraint j: CON_BRACKET f_j(x) = [x, h_j]; CON_BRACKET_MOD
   f_j(x) = [x, h_j] reduced modulo span(h); CON_MOD (m = 1) f(x) = x reduced
   modulo span(h).  The kernel is refined one constraint at a time, so the
   working size stays dim(g) x n^2. */
typedef struct {
    slong d, kd;
    fmpq **K; /* kd vectors of length d */
} Kernel;

static void kernel_clear(Kernel *k)
{
    slong s;
    for (s = 0; s < k->kd; s++)
        _fmpq_vec_clear(k->K[s], k->d);
    flint_free(k->K);
}

static void kernel_compute(Kernel *ker, const MatAlgebra *g, const MatAlgebra *h, ConKind kind)
{
    slong d = g->dim, n = g->n, nn = n * n, i, j, s, m, nkd;
    fmpq **W, *img, *rel, **newK;
    fmpq_mat_t c;
    AlgebraSpan S;

    ker->d = d;
    ker->kd = d;
    ker->K = flint_malloc((d + 1) * sizeof(fmpq *));
    for (s = 0; s < d; s++) {
        ker->K[s] = _fmpq_vec_init(d);
        fmpq_one(ker->K[s] + s);
    }
    m = (kind == CON_MOD) ? 1 : h->dim;
    W = flint_malloc((d + 1) * sizeof(fmpq *));
    for (i = 0; i < d; i++)
        W[i] = _fmpq_vec_init(nn);
    img = _fmpq_vec_init(nn);
    rel = _fmpq_vec_init(d + 1);
    fmpq_mat_init(c, n, n);
    for (j = 0; j < m && ker->kd > 0; j++) {
        for (i = 0; i < d; i++) {
            if (kind == CON_MOD) {
                algebra_flatten(W[i], g->basis + i);
            } else {
                algebra_bracket(c, g->basis + i, h->basis + j, NULL);
                algebra_flatten(W[i], c);
            }
            if (kind != CON_BRACKET && h->dim > 0)
                algebra_span_reduce(W[i], h->span, W[i], NULL);
        }
        algebra_span_init(&S, nn, ker->kd);
        newK = flint_malloc((ker->kd + 1) * sizeof(fmpq *));
        nkd = 0;
        for (s = 0; s < ker->kd; s++) {
            for (i = 0; i < nn; i++)
                fmpq_zero(img + i);
            for (i = 0; i < d; i++)
                if (!fmpq_is_zero(ker->K[s] + i))
                    vec_addmul(img, W[i], nn, ker->K[s] + i);
            if (algebra_span_add(&S, img, rel) == 0) {
                slong t;
                newK[nkd] = _fmpq_vec_init(d);
                for (t = 0; t <= s; t++)
                    if (!fmpq_is_zero(rel + t))
                        vec_addmul(newK[nkd], ker->K[t], d, rel + t);
                nkd++;
            }
        }
        algebra_span_clear(&S);
        kernel_clear(ker);
        ker->K = newK;
        ker->kd = nkd;
    }
    fmpq_mat_clear(c);
    _fmpq_vec_clear(rel, d + 1);
    _fmpq_vec_clear(img, nn);
    for (i = 0; i < d; i++)
        _fmpq_vec_clear(W[i], nn);
    flint_free(W);
}

/* out = subalgebra of g spanned by the kernel vectors (canonical basis). */
static int from_kernel(MatAlgebra *out, const MatAlgebra *g, const Kernel *k, const char *name,
                       char *err)
{
    slong s, nn = g->n * g->n;
    fmpq_mat_t a;
    fmpq *v;
    AlgebraSpan S;
    int st;
    fmpq_mat_init(a, g->n, g->n);
    v = _fmpq_vec_init(nn + 1);
    algebra_span_init(&S, nn, 0);
    for (s = 0; s < k->kd; s++) {
        algebra_element(a, g, k->K[s]);
        algebra_flatten(v, a);
        algebra_span_add(&S, v, NULL);
    }
    st = algebra_init_from_span(out, &S, g->n, g->affine, name, err);
    algebra_span_clear(&S);
    _fmpq_vec_clear(v, nn + 1);
    fmpq_mat_clear(a);
    return st;
}

static int same_n(MatAlgebra *out, const MatAlgebra *a, const MatAlgebra *b, const char *what,
                  char *err)
{
    if (a->n == b->n)
        return ALG_OK;
    algebra_init(out);
    algebra_set_error(err,
                      "%s: the algebras act on different sizes (%ld and "
                      "%ld)",
                      what, (long)a->n, (long)b->n);
    return ALG_ERR_ARG;
}

int algebra_centralizer(MatAlgebra *out, const MatAlgebra *h, const MatAlgebra *g, char *err)
{
    Kernel k;
    char name[48];
    int st;
    if ((st = same_n(out, h, g, "centralizer", err)) != ALG_OK)
        return st;
    kernel_compute(&k, g, h, CON_BRACKET);
    snprintf(name, sizeof name, "centralizer in %.30s", g->name);
    st = from_kernel(out, g, &k, name, err);
    kernel_clear(&k);
    return st;
}

int algebra_center(MatAlgebra *out, const MatAlgebra *g, char *err)
{
    int st = algebra_centralizer(out, g, g, err);
    if (st == ALG_OK)
        snprintf(out->name, sizeof out->name, "center(%.38s)", g->name);
    return st;
}

int algebra_normalizer(MatAlgebra *out, const MatAlgebra *h, const MatAlgebra *g, char *err)
{
    Kernel k;
    char name[48];
    int st;
    if ((st = same_n(out, h, g, "normalizer", err)) != ALG_OK)
        return st;
    kernel_compute(&k, g, h, CON_BRACKET_MOD);
    snprintf(name, sizeof name, "normalizer in %.30s", g->name);
    st = from_kernel(out, g, &k, name, err);
    kernel_clear(&k);
    return st;
}

int algebra_intersection(MatAlgebra *out, const MatAlgebra *a, const MatAlgebra *b, char *err)
{
    Kernel k;
    int st;
    if ((st = same_n(out, a, b, "intersection", err)) != ALG_OK)
        return st;
    kernel_compute(&k, a, b, CON_MOD);
    st = from_kernel(out, a, &k, "intersection", err);
    kernel_clear(&k);
    return st;
}

int algebra_derived(MatAlgebra *out, const MatAlgebra *g, char *err)
{
    slong i, j, nn = g->n * g->n;
    AlgebraSpan S;
    fmpq_mat_t c;
    fmpq *v;
    char name[48];
    int st;
    fmpq_mat_init(c, g->n, g->n);
    v = _fmpq_vec_init(nn + 1);
    algebra_span_init(&S, nn, 0);
    for (i = 0; i < g->dim; i++)
        for (j = i + 1; j < g->dim; j++) {
            algebra_bracket(c, g->basis + i, g->basis + j, NULL);
            algebra_flatten(v, c);
            algebra_span_add(&S, v, NULL);
        }
    snprintf(name, sizeof name, "[%.20s, %.20s]", g->name, g->name);
    st = algebra_init_from_span(out, &S, g->n, g->affine, name, err);
    algebra_span_clear(&S);
    _fmpq_vec_clear(v, nn + 1);
    fmpq_mat_clear(c);
    return st;
}

int algebra_is_subalgebra(const MatAlgebra *h, const MatAlgebra *g)
{
    slong i;
    if (h->n != g->n)
        return 0;
    for (i = 0; i < h->dim; i++)
        if (!algebra_is_member(g, h->basis + i))
            return 0;
    return 1;
}

int algebra_sum(MatAlgebra *out, const MatAlgebra *a, const MatAlgebra *b, char *err)
{
    slong i, nn = a->n * a->n;
    fmpq_mat_struct *all;
    MatAlgebra tmp;
    AlgebraSpan S;
    fmpq *v;
    int st;
    if ((st = same_n(out, a, b, "sum", err)) != ALG_OK)
        return st;
    all = flint_malloc((a->dim + b->dim + 1) * sizeof(fmpq_mat_struct));
    for (i = 0; i < a->dim; i++)
        all[i] = a->basis[i]; /* shallow, read only */
    for (i = 0; i < b->dim; i++)
        all[a->dim + i] = b->basis[i];
    if (a->dim + b->dim == 0) {
        algebra_span_init(&S, nn, 0);
        st = algebra_init_from_span(out, &S, a->n, a->affine, "0", err);
        algebra_span_clear(&S);
        flint_free(all);
        return st;
    }
    st = algebra_init_span(&tmp, all, a->dim + b->dim, a->affine && b->affine, "sum", NULL, NULL,
                           NULL, err);
    flint_free(all);
    if (st != ALG_OK) {
        algebra_clear(&tmp);
        algebra_init(out);
        if (st == ALG_ERR_NOT_CLOSED)
            algebra_set_error(err,
                              "the sum of %s and %s is not closed under "
                              "the bracket",
                              a->name, b->name);
        return st;
    }
    v = _fmpq_vec_init(nn + 1);
    algebra_span_init(&S, nn, 0);
    for (i = 0; i < tmp.dim; i++) {
        algebra_flatten(v, tmp.basis + i);
        algebra_span_add(&S, v, NULL);
    }
    st = algebra_init_from_span(out, &S, a->n, tmp.affine, "sum", err);
    algebra_span_clear(&S);
    _fmpq_vec_clear(v, nn + 1);
    algebra_clear(&tmp);
    return st;
}
