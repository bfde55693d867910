/* algebra.c — the core of the matrix Lie algebra engine: the incremental
 * echelon span, the MatAlgebra life cycle, brackets, coordinates, structure
 * constants and the Killing form.  Standard algebras are in
 * algebra_builtin.c, subalgebra operations in algebra_ops.c. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lie/algebra.h"

const char *algebra_strerror(int status)
{
    switch (status) {
    case ALG_OK:
        return "ok";
    case ALG_ERR_ARG:
        return "bad argument";
    case ALG_ERR_LIMIT:
        return "size limit exceeded";
    case ALG_ERR_DEPENDENT:
        return "linearly dependent basis";
    case ALG_ERR_NOT_MEMBER:
        return "not an element of the algebra";
    case ALG_ERR_NOT_CLOSED:
        return "span is not closed under the bracket";
    case ALG_ERR_NOT_HOM:
        return "not a representation (homomorphism check failed)";
    case ALG_ERR_SINGULAR:
        return "singular group element";
    case ALG_ERR_UNSUPPORTED:
        return "unsupported operation";
    default:
        return sym_strerror(status); /* another engine's code */
    }
}

void algebra_set_error(char *err, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(err, ALG_ERR_LEN, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------- span */

void algebra_span_init(AlgebraSpan *S, slong len, slong maxinput)
{
    S->len = len;
    S->rank = 0;
    S->alloc = 0;
    S->ninput = 0;
    S->maxinput = maxinput > 0 ? maxinput : 0;
    S->row = NULL;
    S->piv = NULL;
    S->coef = NULL;
}

void algebra_span_clear(AlgebraSpan *S)
{
    slong k;
    for (k = 0; k < S->rank; k++) {
        _fmpq_vec_clear(S->row[k], S->len);
        if (S->maxinput > 0)
            _fmpq_vec_clear(S->coef[k], S->maxinput);
    }
    flint_free(S->row);
    flint_free(S->piv);
    flint_free(S->coef);
    S->row = NULL;
    S->piv = NULL;
    S->coef = NULL;
    S->rank = S->alloc = S->ninput = 0;
}

/* Small fmpq vector helpers (FLINT 2.9 lacks most _fmpq_vec ops). */
static void vec_set(fmpq *r, const fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_set(r + i, v + i);
}

static void vec_zero(fmpq *r, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_zero(r + i);
}

static int vec_is_zero(const fmpq *r, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(r + i))
            return 0;
    return 1;
}

static void vec_neg(fmpq *r, const fmpq *v, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        fmpq_neg(r + i, v + i);
}

static void vec_scale(fmpq *r, slong len, const fmpq_t c)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(r + i))
            fmpq_mul(r + i, r + i, c);
}

/* v -= c * w on length len, skipping zero entries of w. */
static void vec_submul(fmpq *v, const fmpq *w, const fmpq_t c, slong len)
{
    slong i;
    for (i = 0; i < len; i++)
        if (!fmpq_is_zero(w + i))
            fmpq_submul(v + i, w + i, c);
}

int algebra_span_reduce(fmpq *res, const AlgebraSpan *S, const fmpq *v, fmpq *coef)
{
    slong k;
    fmpq_t c;
    int track = (coef != NULL && S->maxinput > 0);

    if (res != v)
        vec_set(res, v, S->len);
    if (track)
        vec_zero(coef, S->maxinput);
    fmpq_init(c);
    /* Rows are zero at the other rows' pivots, so res[piv[k]] is not
       changed by subtracting the other rows: one pass suffices. */
    for (k = 0; k < S->rank; k++) {
        if (fmpq_is_zero(res + S->piv[k]))
            continue;
        fmpq_set(c, res + S->piv[k]);
        vec_submul(res, S->row[k], c, S->len);
        if (track) {
            fmpq_neg(c, c);
            vec_submul(coef, S->coef[k], c, S->maxinput);
        }
    }
    fmpq_clear(c);
    return vec_is_zero(res, S->len);
}

int algebra_span_add(AlgebraSpan *S, const fmpq *v, fmpq *relation)
{
    slong k, p, idx;
    fmpq *res, *rc = NULL;
    fmpq_t c;
    int track = S->maxinput > 0;

    if (track && S->ninput >= S->maxinput)
        return -1;
    idx = S->ninput++;
    res = _fmpq_vec_init(S->len);
    if (track)
        rc = _fmpq_vec_init(S->maxinput);
    if (algebra_span_reduce(res, S, v, rc)) {
        if (track && relation != NULL) {
            vec_neg(relation, rc, S->maxinput);
            fmpq_one(relation + idx);
        }
        _fmpq_vec_clear(res, S->len);
        if (track)
            _fmpq_vec_clear(rc, S->maxinput);
        return 0;
    }
    /* residual res = v - sum(rc_j input_j): coefficients e_idx - rc */
    if (track) {
        vec_neg(rc, rc, S->maxinput);
        fmpq_one(rc + idx);
    }
    for (p = 0; fmpq_is_zero(res + p); p++)
        ;
    fmpq_init(c);
    fmpq_inv(c, res + p);
    vec_scale(res, S->len, c);
    if (track)
        vec_scale(rc, S->maxinput, c);
    for (k = 0; k < S->rank; k++) {
        if (fmpq_is_zero(S->row[k] + p))
            continue;
        fmpq_set(c, S->row[k] + p);
        vec_submul(S->row[k], res, c, S->len);
        if (track)
            vec_submul(S->coef[k], rc, c, S->maxinput);
    }
    fmpq_clear(c);
    if (S->rank == S->alloc) {
        S->alloc = S->alloc ? 2 * S->alloc : 8;
        S->row = flint_realloc(S->row, S->alloc * sizeof(fmpq *));
        S->piv = flint_realloc(S->piv, S->alloc * sizeof(slong));
        S->coef = flint_realloc(S->coef, S->alloc * sizeof(fmpq *));
    }
    S->row[S->rank] = res;
    S->piv[S->rank] = p;
    S->coef[S->rank] = rc;
    S->rank++;
    return 1;
}

void algebra_span_canonical(fmpq_mat_t M, const AlgebraSpan *S)
{
    slong *order, i, j, k, t;
    fmpz_t l, g;

    order = flint_malloc((S->rank + 1) * sizeof(slong));
    for (i = 0; i < S->rank; i++)
        order[i] = i;
    for (i = 1; i < S->rank; i++) /* insertion sort by pivot */
        for (j = i; j > 0 && S->piv[order[j - 1]] > S->piv[order[j]]; j--) {
            t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    fmpq_mat_clear(M);
    fmpq_mat_init(M, S->rank, S->len);
    fmpz_init(l);
    fmpz_init(g);
    for (i = 0; i < S->rank; i++) {
        const fmpq *r = S->row[order[i]];
        fmpz_one(l);
        for (k = 0; k < S->len; k++)
            fmpz_lcm(l, l, fmpq_denref(r + k));
        fmpz_zero(g);
        for (k = 0; k < S->len; k++) {
            fmpq_mul_fmpz(fmpq_mat_entry(M, i, k), r + k, l); /* integral */
            fmpz_gcd(g, g, fmpq_mat_entry_num(M, i, k));
        }
        /* g > 0 (the pivot is nonzero); the pivot entry stays positive */
        for (k = 0; k < S->len; k++)
            fmpq_div_fmpz(fmpq_mat_entry(M, i, k), fmpq_mat_entry(M, i, k), g);
    }
    fmpz_clear(l);
    fmpz_clear(g);
    flint_free(order);
}

void algebra_flatten(fmpq *v, const fmpq_mat_t A)
{
    slong i, j, c = fmpq_mat_ncols(A);
    for (i = 0; i < fmpq_mat_nrows(A); i++)
        for (j = 0; j < c; j++)
            fmpq_set(v + i * c + j, fmpq_mat_entry(A, i, j));
}

void algebra_unflatten(fmpq_mat_t A, const fmpq *v)
{
    slong i, j, c = fmpq_mat_ncols(A);
    for (i = 0; i < fmpq_mat_nrows(A); i++)
        for (j = 0; j < c; j++)
            fmpq_set(fmpq_mat_entry(A, i, j), v + i * c + j);
}

/* ------------------------------------------------------------- algebra */

void algebra_init(MatAlgebra *g)
{
    g->n = 0;
    g->dim = 0;
    g->basis = NULL;
    g->affine = 0;
    g->name[0] = '\0';
    g->span = flint_malloc(sizeof(AlgebraSpan));
    algebra_span_init(g->span, 0, 0);
}

void algebra_clear(MatAlgebra *g)
{
    slong i;
    for (i = 0; i < g->dim; i++)
        fmpq_mat_clear(g->basis + i);
    flint_free(g->basis);
    if (g->span != NULL) {
        algebra_span_clear(g->span);
        flint_free(g->span);
    }
    g->basis = NULL;
    g->span = NULL;
    g->dim = 0;
    g->n = 0;
}

/* Build g from `count` independent n x n matrices (copied).  g must be
   fresh (algebra_init).  Returns ALG_ERR_DEPENDENT if they are not. */
static int algebra_set_basis(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, slong n,
                             int affine, const char *name, char *err)
{
    slong i, nn = n * n;
    fmpq *v;

    algebra_clear(g);
    algebra_init(g);
    g->n = n;
    g->affine = affine;
    snprintf(g->name, sizeof(g->name), "%s", name ? name : "");
    algebra_span_clear(g->span);
    algebra_span_init(g->span, nn, count);
    v = _fmpq_vec_init(nn > 0 ? nn : 1);
    for (i = 0; i < count; i++) {
        algebra_flatten(v, mats + i);
        if (algebra_span_add(g->span, v, NULL) != 1) {
            algebra_set_error(err,
                              "basis matrix %ld is a linear combination "
                              "of the earlier ones",
                              (long)(i + 1));
            _fmpq_vec_clear(v, nn > 0 ? nn : 1);
            algebra_clear(g);
            algebra_init(g);
            return ALG_ERR_DEPENDENT;
        }
    }
    _fmpq_vec_clear(v, nn > 0 ? nn : 1);
    g->basis = flint_malloc((count + 1) * sizeof(fmpq_mat_struct));
    for (i = 0; i < count; i++)
        fmpq_mat_init_set(g->basis + i, mats + i);
    g->dim = count;
    return ALG_OK;
}

void algebra_init_set(MatAlgebra *g, const MatAlgebra *h)
{
    algebra_init(g);
    algebra_set_basis(g, h->basis, h->dim, h->n, h->affine, h->name, NULL);
}

/* Check shapes of user matrices: count >= 0, all n x n square,
   1 <= n <= max_n, affine => zero last row. */
static int check_mats_max(const fmpq_mat_struct *mats, slong count, slong n, int affine,
                          slong max_n, char *err)
{
    slong i, j;
    if (n < 1 || n > max_n) {
        algebra_set_error(err, "matrix size %ld out of range 1..%ld", (long)n, (long)max_n);
        return ALG_ERR_ARG;
    }
    for (i = 0; i < count; i++) {
        if (fmpq_mat_nrows(mats + i) != n || fmpq_mat_ncols(mats + i) != n) {
            algebra_set_error(err, "matrix %ld is %ldx%ld, expected %ldx%ld", (long)(i + 1),
                              (long)fmpq_mat_nrows(mats + i), (long)fmpq_mat_ncols(mats + i),
                              (long)n, (long)n);
            return ALG_ERR_ARG;
        }
        if (affine)
            for (j = 0; j < n; j++)
                if (!fmpq_is_zero(fmpq_mat_entry(mats + i, n - 1, j))) {
                    algebra_set_error(err,
                                      "matrix %ld is not affine (its last "
                                      "row is not zero)",
                                      (long)(i + 1));
                    return ALG_ERR_ARG;
                }
    }
    return ALG_OK;
}

/* The default bound on n: ALG_MAX_N, or ALG_MAX_N_ZERO for the zero
   algebra (count = 0, linear: a finite group's), which stores no matrix. */
static slong default_max_n(slong count, int affine)
{
    return count == 0 && !affine ? ALG_MAX_N_ZERO : ALG_MAX_N;
}

/* check_mats_max with the default bound. */
static int check_mats(const fmpq_mat_struct *mats, slong count, slong n, int affine, char *err)
{
    return check_mats_max(mats, count, n, affine, default_max_n(count, affine), err);
}

/* out = a copy of a, resized. */
static void mat_set_resize(fmpq_mat_t out, const fmpq_mat_t a)
{
    fmpq_mat_t t;
    if (out == a)
        return;
    fmpq_mat_init_set(t, a);
    fmpq_mat_swap(out, t);
    fmpq_mat_clear(t);
}

/* First pair i < j (0-based positions in mats) with [mats_i, mats_j] not in
   the span of g; returns 1 and sets bracket if found. */
static int find_open_pair(slong *bi, slong *bj, fmpq_mat_t bracket, const MatAlgebra *g,
                          const fmpq_mat_struct *mats, slong count)
{
    slong i, j;
    fmpq_mat_t c;
    fmpq_mat_init(c, g->n, g->n);
    for (i = 0; i < count; i++)
        for (j = i + 1; j < count; j++) {
            algebra_bracket(c, mats + i, mats + j, NULL);
            if (!algebra_is_member(g, c)) {
                *bi = i;
                *bj = j;
                if (bracket != NULL)
                    mat_set_resize(bracket, c);
                fmpq_mat_clear(c);
                return 1;
            }
        }
    fmpq_mat_clear(c);
    return 0;
}

static int init_basis(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, slong n, int affine,
                      int trust_closed, const char *name, slong max_n, char *err)
{
    int st;
    slong i, j;
    algebra_init(g);
    if (count < 0) {
        algebra_set_error(err, "negative basis size");
        return ALG_ERR_ARG;
    }
    if ((st = check_mats_max(mats, count, n, affine, max_n, err)) != ALG_OK)
        return st;
    if ((st = algebra_set_basis(g, mats, count, n, affine, name, err)) != ALG_OK)
        return st;
    if (!trust_closed && find_open_pair(&i, &j, NULL, g, mats, count)) {
        algebra_set_error(err,
                          "the bracket of basis elements %ld and %ld is "
                          "not in the span",
                          (long)(i + 1), (long)(j + 1));
        algebra_clear(g);
        algebra_init(g);
        return ALG_ERR_NOT_CLOSED;
    }
    return ALG_OK;
}

int algebra_init_basis(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, slong n, int affine,
                       int trust_closed, const char *name, char *err)
{
    return init_basis(g, mats, count, n, affine, trust_closed, name, default_max_n(count, affine),
                      err);
}

int algebra_init_basis_t(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, slong n,
                         const char *name, char *err)
{
    return init_basis(g, mats, count, n, 1, 1, name, ALG_MAX_T + 1, err);
}

int algebra_init_span(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, int affine,
                      const char *name, slong *bad_i, slong *bad_j, fmpq_mat_t bad_bracket,
                      char *err)
{
    int st;
    slong n, i, k, nn, *keep, nkeep = 0, bi, bj;
    AlgebraSpan S;
    fmpq_mat_struct *sel;
    fmpq *v;

    algebra_init(g);
    if (count < 1) {
        algebra_set_error(err, "an algebra needs at least one matrix");
        return ALG_ERR_ARG;
    }
    n = fmpq_mat_nrows(mats + 0);
    if ((st = check_mats(mats, count, n, affine, err)) != ALG_OK)
        return st;
    nn = n * n;
    keep = flint_malloc(count * sizeof(slong));
    v = _fmpq_vec_init(nn);
    algebra_span_init(&S, nn, 0);
    for (i = 0; i < count; i++) {
        algebra_flatten(v, mats + i);
        if (algebra_span_add(&S, v, NULL) == 1)
            keep[nkeep++] = i;
    }
    algebra_span_clear(&S);
    _fmpq_vec_clear(v, nn);
    sel = flint_malloc((nkeep + 1) * sizeof(fmpq_mat_struct));
    for (k = 0; k < nkeep; k++)
        sel[k] = mats[keep[k]]; /* shallow: read only */
    st = algebra_set_basis(g, sel, nkeep, n, affine, name, err);
    if (st == ALG_OK && find_open_pair(&bi, &bj, bad_bracket, g, sel, nkeep)) {
        /* user positions: the kept matrices; report the earliest pair in the
           user's own numbering */
        if (bad_i != NULL)
            *bad_i = keep[bi] + 1;
        if (bad_j != NULL)
            *bad_j = keep[bj] + 1;
        algebra_set_error(err,
                          "not closed: the bracket of matrices %ld and "
                          "%ld is not in their span",
                          (long)(keep[bi] + 1), (long)(keep[bj] + 1));
        algebra_clear(g);
        algebra_init(g);
        st = ALG_ERR_NOT_CLOSED;
    }
    flint_free(sel);
    flint_free(keep);
    return st;
}

/* g = algebra with the canonical basis of the span S of flattened n x n
   matrices (no checks: the caller knows the span is a subalgebra). */
int algebra_init_from_span(MatAlgebra *g, const AlgebraSpan *S, slong n, int affine,
                           const char *name, char *err)
{
    fmpq_mat_t M;
    fmpq_mat_struct *mats;
    slong i;
    int st;
    fmpq_mat_init(M, 0, 0);
    algebra_span_canonical(M, S);
    mats = flint_malloc((S->rank + 1) * sizeof(fmpq_mat_struct));
    for (i = 0; i < S->rank; i++) {
        fmpq_mat_init(mats + i, n, n);
        algebra_unflatten(mats + i, fmpq_mat_entry(M, i, 0));
    }
    algebra_init(g);
    st = algebra_set_basis(g, mats, S->rank, n, affine, name, err);
    for (i = 0; i < S->rank; i++)
        fmpq_mat_clear(mats + i);
    flint_free(mats);
    fmpq_mat_clear(M);
    return st;
}

int algebra_init_closure(MatAlgebra *g, const fmpq_mat_struct *mats, slong count, int affine,
                         const char *name, char *err)
{
    int st;
    slong n, nn, i, j, len = 0;
    AlgebraSpan S;
    fmpq_mat_struct *list; /* independent spanning matrices, grows */
    fmpq *v;
    fmpq_mat_t c;

    algebra_init(g);
    if (count < 1) {
        algebra_set_error(err, "closure needs at least one matrix");
        return ALG_ERR_ARG;
    }
    n = fmpq_mat_nrows(mats + 0);
    if ((st = check_mats(mats, count, n, affine, err)) != ALG_OK)
        return st;
    nn = n * n;
    v = _fmpq_vec_init(nn);
    list = flint_malloc(nn * sizeof(fmpq_mat_struct));
    algebra_span_init(&S, nn, 0);
    for (i = 0; i < count; i++) {
        algebra_flatten(v, mats + i);
        if (algebra_span_add(&S, v, NULL) == 1)
            fmpq_mat_init_set(list + len++, mats + i);
    }
    /* Bracket every pair of the list once; brackets outside the span join
       the list.  The span of the list is then closed.  len <= n^2 always,
       as the list is independent in gl(n). */
    fmpq_mat_init(c, n, n);
    for (i = 1; i < len; i++)
        for (j = 0; j < i; j++) {
            algebra_bracket(c, list + i, list + j, NULL);
            algebra_flatten(v, c);
            if (algebra_span_add(&S, v, NULL) == 1)
                fmpq_mat_init_set(list + len++, c);
        }
    fmpq_mat_clear(c);
    for (i = 0; i < len; i++)
        fmpq_mat_clear(list + i);
    flint_free(list);
    _fmpq_vec_clear(v, nn);
    algebra_clear(g);
    st = algebra_init_from_span(g, &S, n, affine, name, err);
    algebra_span_clear(&S);
    return st;
}

int algebra_bracket(fmpq_mat_t out, const fmpq_mat_t a, const fmpq_mat_t b, char *err)
{
    slong n = fmpq_mat_nrows(a);
    fmpq_mat_t t, u;
    if (fmpq_mat_ncols(a) != n || fmpq_mat_nrows(b) != n || fmpq_mat_ncols(b) != n) {
        algebra_set_error(err,
                          "bracket needs two square matrices of the same "
                          "size, got %ldx%ld and %ldx%ld",
                          (long)n, (long)fmpq_mat_ncols(a), (long)fmpq_mat_nrows(b),
                          (long)fmpq_mat_ncols(b));
        return ALG_ERR_ARG;
    }
    fmpq_mat_init(t, n, n);
    fmpq_mat_init(u, n, n);
    fmpq_mat_mul(t, a, b);
    fmpq_mat_mul(u, b, a);
    fmpq_mat_sub(t, t, u);
    fmpq_mat_swap(out, t);
    fmpq_mat_clear(t);
    fmpq_mat_clear(u);
    return ALG_OK;
}

int algebra_coords(fmpq *c, const MatAlgebra *g, const fmpq_mat_t a, char *err)
{
    slong nn = g->n * g->n;
    fmpq *v;
    int in;
    if (fmpq_mat_nrows(a) != g->n || fmpq_mat_ncols(a) != g->n) {
        algebra_set_error(err, "expected a %ldx%ld matrix, got %ldx%ld", (long)g->n, (long)g->n,
                          (long)fmpq_mat_nrows(a), (long)fmpq_mat_ncols(a));
        return ALG_ERR_ARG;
    }
    if (g->dim == 0) {
        if (!fmpq_mat_is_zero(a)) {
            algebra_set_error(err, "matrix is not in the zero algebra");
            return ALG_ERR_NOT_MEMBER;
        }
        return ALG_OK;
    }
    v = _fmpq_vec_init(nn);
    algebra_flatten(v, a);
    in = algebra_span_reduce(v, g->span, v, c);
    _fmpq_vec_clear(v, nn);
    if (!in) {
        algebra_set_error(err, "matrix is not an element of %s",
                          g->name[0] ? g->name : "the algebra");
        return ALG_ERR_NOT_MEMBER;
    }
    return ALG_OK;
}

int algebra_is_member(const MatAlgebra *g, const fmpq_mat_t a)
{
    slong nn = g->n * g->n;
    fmpq *v;
    int in;
    if (fmpq_mat_nrows(a) != g->n || fmpq_mat_ncols(a) != g->n)
        return 0;
    if (g->dim == 0)
        return fmpq_mat_is_zero(a);
    v = _fmpq_vec_init(nn);
    algebra_flatten(v, a);
    in = algebra_span_reduce(v, g->span, v, NULL);
    _fmpq_vec_clear(v, nn);
    return in;
}

void algebra_element(fmpq_mat_t out, const MatAlgebra *g, const fmpq *c)
{
    slong i;
    fmpq_mat_t t, s;
    fmpq_mat_init(t, g->n, g->n);
    fmpq_mat_init(s, g->n, g->n);
    for (i = 0; i < g->dim; i++) {
        if (fmpq_is_zero(c + i))
            continue;
        fmpq_mat_scalar_mul_fmpq(s, g->basis + i, c + i);
        fmpq_mat_add(t, t, s);
    }
    fmpq_mat_swap(out, t);
    fmpq_mat_clear(t);
    fmpq_mat_clear(s);
}

/* 1 when d^3 <= ALG_MAX_WORK. */
static int cube_ok(slong d)
{
    return d <= 1024 && d * d * d <= ALG_MAX_WORK;
}

int algebra_structure_constants(fmpq *c, const MatAlgebra *g, char *err)
{
    slong d = g->dim, i, j, k;
    fmpq_mat_t b;
    if (!cube_ok(d)) {
        algebra_set_error(err,
                          "structure constants of an algebra of "
                          "dimension %ld exceed the size limit",
                          (long)d);
        return ALG_ERR_LIMIT;
    }
    fmpq_mat_init(b, g->n, g->n);
    for (i = 0; i < d; i++) {
        vec_zero(c + (i * d + i) * d, d);
        for (j = i + 1; j < d; j++) {
            algebra_bracket(b, g->basis + i, g->basis + j, NULL);
            if (algebra_coords(c + (i * d + j) * d, g, b, err) != ALG_OK) {
                algebra_set_error(err, "internal: %s is not closed", g->name);
                fmpq_mat_clear(b);
                return ALG_ERR_NOT_CLOSED;
            }
            for (k = 0; k < d; k++)
                fmpq_neg(c + (j * d + i) * d + k, c + (i * d + j) * d + k);
        }
    }
    fmpq_mat_clear(b);
    return ALG_OK;
}

int algebra_killing(fmpq_mat_t K, const MatAlgebra *g, char *err)
{
    slong d = g->dim, i, j, k, l;
    fmpq *c;
    fmpq_mat_t out;
    fmpq_t t;
    int st;
    if (!cube_ok(d)) {
        algebra_set_error(err,
                          "Killing form of an algebra of dimension %ld "
                          "exceeds the size limit",
                          (long)d);
        return ALG_ERR_LIMIT;
    }
    c = _fmpq_vec_init(d * d * d + 1);
    if ((st = algebra_structure_constants(c, g, err)) != ALG_OK) {
        _fmpq_vec_clear(c, d * d * d + 1);
        return st;
    }
    /* (ad b_i)_{k,l} = c_il^k, so tr(ad_i ad_j) = sum_{k,l} c_il^k c_jk^l */
    fmpq_mat_init(out, d, d);
    fmpq_init(t);
    for (i = 0; i < d; i++)
        for (j = i; j < d; j++) {
            fmpq_zero(t);
            for (k = 0; k < d; k++)
                for (l = 0; l < d; l++) {
                    const fmpq *x = c + (i * d + l) * d + k;
                    const fmpq *y = c + (j * d + k) * d + l;
                    if (!fmpq_is_zero(x) && !fmpq_is_zero(y))
                        fmpq_addmul(t, x, y);
                }
            fmpq_set(fmpq_mat_entry(out, i, j), t);
            fmpq_set(fmpq_mat_entry(out, j, i), t);
        }
    fmpq_clear(t);
    fmpq_mat_swap(K, out);
    fmpq_mat_clear(out);
    _fmpq_vec_clear(c, d * d * d + 1);
    return ALG_OK;
}
