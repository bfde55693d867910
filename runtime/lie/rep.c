/* rep.c — representations of matrix Lie algebras: constructors (std,
 * trivial, adjoint, dual, sum, tensor, hom, sym, wedge, user), the
 * homomorphism check and the action of group elements through the
 * construction tree.  Conventions in rep.h. */
#include <stdio.h>
#include <string.h>

#include "lie/rep.h"

/* ------------------------------------------------------------ tree */

static RepNode *node_new(RepKind kind, slong dim, slong k, RepNode *a, RepNode *b)
{
    RepNode *n = flint_malloc(sizeof(RepNode));
    n->kind = kind;
    n->dim = dim;
    n->k = k;
    n->a = a;
    n->b = b;
    n->user = NULL;
    n->nuser = 0;
    return n;
}

static RepNode *node_copy(const RepNode *n)
{
    RepNode *c;
    slong i;
    if (n == NULL)
        return NULL;
    c = node_new(n->kind, n->dim, n->k, node_copy(n->a), node_copy(n->b));
    if (n->user != NULL) {
        c->user = flint_malloc((n->nuser + 1) * sizeof(fmpq_mat_struct));
        for (i = 0; i < n->nuser; i++)
            fmpq_mat_init_set(c->user + i, n->user + i);
        c->nuser = n->nuser;
    }
    return c;
}

static void node_free(RepNode *n)
{
    slong i;
    if (n == NULL)
        return;
    node_free(n->a);
    node_free(n->b);
    for (i = 0; i < n->nuser; i++)
        fmpq_mat_clear(n->user + i);
    flint_free(n->user);
    flint_free(n);
}

/* ------------------------------------------------------------ basics */

void rep_init(MatRep *r)
{
    r->alg = NULL;
    r->dim = 0;
    r->images = NULL;
    r->name[0] = '\0';
    r->tree = NULL;
}

void rep_clear(MatRep *r)
{
    slong i;
    if (r->images != NULL && r->alg != NULL)
        for (i = 0; i < r->alg->dim; i++)
            fmpq_mat_clear(r->images + i);
    flint_free(r->images);
    node_free(r->tree);
    rep_init(r);
}

/* 1 when a rep of dimension dim of g stores dense images. */
static int dense_size(const MatAlgebra *g, slong dim)
{
    return dim <= REP_MAX_DIM && (g->dim == 0 || dim * dim <= REP_MAX_ENTRIES / g->dim);
}

int rep_is_dense(const MatRep *r)
{
    return r->images != NULL;
}

/* The error for an operation that needs dense images of r. */
static int dense_limit(const MatRep *r, const char *what, char *err)
{
    algebra_set_error(err,
                      "%s: representation of dimension %ld exceeds the size limit of dense "
                      "matrices (dimension %d, dim(g) * dimension^2 <= %ld)",
                      what, (long)r->dim, REP_MAX_DIM, (long)REP_MAX_ENTRIES);
    return ALG_ERR_LIMIT;
}

/* Allocate r with zero images of size dim (no images when dim is past the
   dense size); takes ownership of tree (freed on failure).  r is
   initialised in all cases. */
static int rep_alloc(MatRep *r, const MatAlgebra *g, slong dim, RepNode *tree, const char *name,
                     char *err)
{
    slong i;
    rep_init(r);
    if (dim < 1 || dim > REP_MAX_IMPLICIT_DIM) {
        node_free(tree);
        if (dim < 1) {
            algebra_set_error(err, "a representation needs dimension >= 1");
            return ALG_ERR_ARG;
        }
        algebra_set_error(err,
                          "representation of dimension %ld exceeds the "
                          "size limit %ld",
                          (long)dim, (long)REP_MAX_IMPLICIT_DIM);
        return ALG_ERR_LIMIT;
    }
    r->alg = g;
    r->dim = dim;
    r->tree = tree;
    snprintf(r->name, sizeof r->name, "%s", name);
    if (!dense_size(g, dim))
        return ALG_OK;
    r->images = flint_malloc((g->dim + 1) * sizeof(fmpq_mat_struct));
    for (i = 0; i < g->dim; i++)
        fmpq_mat_init(r->images + i, dim, dim);
    return ALG_OK;
}

/* 1 if a and b are the same algebra (same pointer or equal bases). */
static int same_alg(const MatAlgebra *a, const MatAlgebra *b)
{
    slong i;
    if (a == b)
        return 1;
    if (a == NULL || b == NULL || a->n != b->n || a->dim != b->dim)
        return 0;
    for (i = 0; i < a->dim; i++)
        if (!fmpq_mat_equal(a->basis + i, b->basis + i))
            return 0;
    return 1;
}

static int check_pair(const MatRep *a, const MatRep *b, const char *what, MatRep *r, char *err)
{
    if (a->alg == NULL || b->alg == NULL || !same_alg(a->alg, b->alg)) {
        rep_init(r);
        algebra_set_error(err,
                          "%s: the representations are of different "
                          "algebras",
                          what);
        return ALG_ERR_ARG;
    }
    return ALG_OK;
}

static int check_one(const MatRep *a, const char *what, MatRep *r, char *err)
{
    if (a->alg == NULL || a->dim < 1) {
        rep_init(r);
        algebra_set_error(err, "%s: empty representation", what);
        return ALG_ERR_ARG;
    }
    return ALG_OK;
}

/* Fill the dense images of r from its tree (when r is dense but a child is
   not, e.g. wedge^d of a large rep). */
static int fill_from_tree(MatRep *r, char *err)
{
    slong i;
    int st = ALG_OK;
    SpMat D;
    spmat_init(&D, 0);
    for (i = 0; i < r->alg->dim && st == ALG_OK; i++) {
        st = rep_basis_image_sparse(&D, r, i, err);
        if (st == ALG_OK && spmat_get_qmat(r->images + i, &D) != QMAT_OK)
            st = dense_limit(r, "image", err);
    }
    spmat_clear(&D);
    if (st != ALG_OK)
        rep_clear(r);
    return st;
}

/* ------------------------------------------------------- constructors */

int rep_init_std(MatRep *r, const MatAlgebra *g, char *err)
{
    slong i;
    char name[64];
    int st;
    snprintf(name, sizeof name, "std(%.40s)", g->name);
    st = rep_alloc(r, g, g->n, node_new(REP_STD, g->n, 0, NULL, NULL), name, err);
    if (st != ALG_OK)
        return st;
    for (i = 0; i < g->dim; i++)
        fmpq_mat_set(r->images + i, g->basis + i);
    return ALG_OK;
}

int rep_init_trivial(MatRep *r, const MatAlgebra *g, slong k, char *err)
{
    char name[64];
    snprintf(name, sizeof name, "trivial(%.40s, %ld)", g->name, (long)k);
    return rep_alloc(r, g, k, node_new(REP_TRIVIAL, k, 0, NULL, NULL), name, err);
}

int rep_init_adjoint(MatRep *r, const MatAlgebra *g, char *err)
{
    slong i, j, k, d = g->dim;
    fmpq *c;
    fmpq_mat_t b;
    char name[64];
    int st;
    snprintf(name, sizeof name, "adjoint(%.40s)", g->name);
    st = rep_alloc(r, g, d, node_new(REP_ADJOINT, d, 0, NULL, NULL), name, err);
    if (st != ALG_OK)
        return st;
    c = _fmpq_vec_init(d);
    fmpq_mat_init(b, g->n, g->n);
    for (i = 0; i < d; i++)
        for (j = 0; j < d; j++) {
            algebra_bracket(b, g->basis + i, g->basis + j, NULL);
            if (algebra_coords(c, g, b, err) != ALG_OK) {
                fmpq_mat_clear(b);
                _fmpq_vec_clear(c, d);
                rep_clear(r);
                algebra_set_error(err, "adjoint: %s is not closed", g->name);
                return ALG_ERR_NOT_CLOSED;
            }
            for (k = 0; k < d; k++)
                fmpq_set(fmpq_mat_entry(r->images + i, k, j), c + k);
        }
    fmpq_mat_clear(b);
    _fmpq_vec_clear(c, d);
    return ALG_OK;
}

int rep_init_dual(MatRep *r, const MatRep *a, char *err)
{
    slong i;
    char name[64];
    int st;
    if ((st = check_one(a, "dual", r, err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "dual(%.50s)", a->name);
    st = rep_alloc(r, a->alg, a->dim, node_new(REP_DUAL, a->dim, 0, node_copy(a->tree), NULL), name,
                   err);
    if (st != ALG_OK || r->images == NULL)
        return st;
    if (a->images == NULL)
        return fill_from_tree(r, err);
    for (i = 0; i < a->alg->dim; i++) {
        fmpq_mat_transpose(r->images + i, a->images + i);
        fmpq_mat_neg(r->images + i, r->images + i);
    }
    return ALG_OK;
}

int rep_init_sum(MatRep *r, const MatRep *a, const MatRep *b, char *err)
{
    slong i, p, q, da = a->dim, db = b->dim;
    char name[64];
    int st;
    if ((st = check_pair(a, b, "sum", r, err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "%.30s + %.30s", a->name, b->name);
    st =
        rep_alloc(r, a->alg, da + db,
                  node_new(REP_SUM, da + db, 0, node_copy(a->tree), node_copy(b->tree)), name, err);
    if (st != ALG_OK || r->images == NULL)
        return st;
    if (a->images == NULL || b->images == NULL)
        return fill_from_tree(r, err);
    for (i = 0; i < a->alg->dim; i++) {
        for (p = 0; p < da; p++)
            for (q = 0; q < da; q++)
                fmpq_set(fmpq_mat_entry(r->images + i, p, q), fmpq_mat_entry(a->images + i, p, q));
        for (p = 0; p < db; p++)
            for (q = 0; q < db; q++)
                fmpq_set(fmpq_mat_entry(r->images + i, da + p, da + q),
                         fmpq_mat_entry(b->images + i, p, q));
    }
    return ALG_OK;
}

void rep_kron_sum(fmpq_mat_t out, const fmpq_mat_t A, const fmpq_mat_t B)
{
    slong da = fmpq_mat_nrows(A), db = fmpq_mat_nrows(B), p, q, s;
    fmpq_mat_zero(out);
    for (p = 0; p < da; p++)
        for (q = 0; q < da; q++) {
            const fmpq *x = fmpq_mat_entry(A, p, q);
            if (fmpq_is_zero(x))
                continue;
            for (s = 0; s < db; s++)
                fmpq_add(fmpq_mat_entry(out, p * db + s, q * db + s),
                         fmpq_mat_entry(out, p * db + s, q * db + s), x);
        }
    for (p = 0; p < da; p++)
        for (s = 0; s < db; s++)
            for (q = 0; q < db; q++) {
                const fmpq *x = fmpq_mat_entry(B, s, q);
                if (fmpq_is_zero(x))
                    continue;
                fmpq_add(fmpq_mat_entry(out, p * db + s, p * db + q),
                         fmpq_mat_entry(out, p * db + s, p * db + q), x);
            }
}

/* Guard da * db against overflow before rep_alloc checks it. */
static int product_dim(slong *d, slong da, slong db, MatRep *r, char *err)
{
    if (da > REP_MAX_IMPLICIT_DIM || db > REP_MAX_IMPLICIT_DIM ||
        (db > 0 && da > REP_MAX_IMPLICIT_DIM / db)) {
        rep_init(r);
        algebra_set_error(err,
                          "representation of dimension %ld x %ld exceeds "
                          "the size limit %ld",
                          (long)da, (long)db, (long)REP_MAX_IMPLICIT_DIM);
        return ALG_ERR_LIMIT;
    }
    *d = da * db;
    return ALG_OK;
}

int rep_init_tensor(MatRep *r, const MatRep *a, const MatRep *b, char *err)
{
    slong i, d;
    char name[64];
    int st;
    if ((st = check_pair(a, b, "tensor", r, err)) != ALG_OK)
        return st;
    if ((st = product_dim(&d, a->dim, b->dim, r, err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "%.30s * %.30s", a->name, b->name);
    st = rep_alloc(r, a->alg, d, node_new(REP_TENSOR, d, 0, node_copy(a->tree), node_copy(b->tree)),
                   name, err);
    if (st != ALG_OK || r->images == NULL)
        return st;
    if (a->images == NULL || b->images == NULL)
        return fill_from_tree(r, err);
    for (i = 0; i < a->alg->dim; i++)
        rep_kron_sum(r->images + i, a->images + i, b->images + i);
    return ALG_OK;
}

int rep_init_hom(MatRep *r, const MatRep *a, const MatRep *b, char *err)
{
    slong i, d;
    char name[64];
    fmpq_mat_t At;
    int st;
    if ((st = check_pair(a, b, "hom", r, err)) != ALG_OK)
        return st;
    if ((st = product_dim(&d, b->dim, a->dim, r, err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "hom(%.28s, %.28s)", a->name, b->name);
    st = rep_alloc(r, a->alg, d, node_new(REP_HOM, d, 0, node_copy(a->tree), node_copy(b->tree)),
                   name, err);
    if (st != ALG_OK || r->images == NULL)
        return st;
    if (a->images == NULL || b->images == NULL)
        return fill_from_tree(r, err);
    /* B X - X A on row-major vec(X) = B (x) I + I (x) (-A^T) */
    fmpq_mat_init(At, a->dim, a->dim);
    for (i = 0; i < a->alg->dim; i++) {
        fmpq_mat_transpose(At, a->images + i);
        fmpq_mat_neg(At, At);
        rep_kron_sum(r->images + i, b->images + i, At);
    }
    fmpq_mat_clear(At);
    return ALG_OK;
}

static int rep_init_power(MatRep *r, const MatRep *a, slong k, int strict, char *err)
{
    slong i, d;
    char name[64];
    int st;
    if ((st = check_one(a, strict ? "wedge" : "sym", r, err)) != ALG_OK)
        return st;
    d = strict ? rep_wedge_dim(a->dim, k) : rep_sym_dim(a->dim, k);
    if (k < 1 || d == 0 || (strict && k > a->dim)) {
        rep_init(r);
        algebra_set_error(err, "%s: power %ld out of range", strict ? "wedge" : "sym", (long)k);
        return ALG_ERR_ARG;
    }
    if (d < 0) {
        rep_init(r);
        algebra_set_error(err,
                          "%s^%ld of a %ld-dimensional representation "
                          "exceeds the size limit",
                          strict ? "wedge" : "sym", (long)k, (long)a->dim);
        return ALG_ERR_LIMIT;
    }
    snprintf(name, sizeof name, "%s(%.30s, %ld)", strict ? "wedge" : "sym", a->name, (long)k);
    st = rep_alloc(r, a->alg, d,
                   node_new(strict ? REP_WEDGE : REP_SYM, d, k, node_copy(a->tree), NULL), name,
                   err);
    if (st != ALG_OK || r->images == NULL)
        return st;
    if (a->images == NULL)
        return fill_from_tree(r, err);
    for (i = 0; i < a->alg->dim; i++) {
        st = strict ? rep_wedge_derivation(r->images + i, a->images + i, k, err)
                    : rep_sym_derivation(r->images + i, a->images + i, k, err);
        if (st != ALG_OK) {
            rep_clear(r);
            return st;
        }
    }
    return ALG_OK;
}

int rep_init_sym(MatRep *r, const MatRep *a, slong k, char *err)
{
    return rep_init_power(r, a, k, 0, err);
}

int rep_init_wedge(MatRep *r, const MatRep *a, slong k, char *err)
{
    return rep_init_power(r, a, k, 1, err);
}

int rep_check_hom(const MatRep *r, slong *bad_i, slong *bad_j, char *err)
{
    const MatAlgebra *g = r->alg;
    slong i, j, k, d;
    fmpq *c;
    fmpq_mat_t b, lhs, rhs, t;
    int st = ALG_OK;
    if (g == NULL)
        return ALG_OK;
    if (r->images == NULL)
        return dense_limit(r, "homomorphism check", err);
    d = g->dim;
    c = _fmpq_vec_init(d + 1);
    fmpq_mat_init(b, g->n, g->n);
    fmpq_mat_init(lhs, r->dim, r->dim);
    fmpq_mat_init(rhs, r->dim, r->dim);
    fmpq_mat_init(t, r->dim, r->dim);
    for (i = 0; i < d && st == ALG_OK; i++)
        for (j = i + 1; j < d && st == ALG_OK; j++) {
            algebra_bracket(b, g->basis + i, g->basis + j, NULL);
            if (algebra_coords(c, g, b, NULL) != ALG_OK) {
                algebra_set_error(err, "%s is not closed", g->name);
                st = ALG_ERR_NOT_CLOSED;
                break;
            }
            fmpq_mat_zero(lhs);
            for (k = 0; k < d; k++)
                if (!fmpq_is_zero(c + k)) {
                    fmpq_mat_scalar_mul_fmpq(t, r->images + k, c + k);
                    fmpq_mat_add(lhs, lhs, t);
                }
            algebra_bracket(rhs, r->images + i, r->images + j, NULL);
            if (!fmpq_mat_equal(lhs, rhs)) {
                if (bad_i != NULL)
                    *bad_i = i + 1;
                if (bad_j != NULL)
                    *bad_j = j + 1;
                algebra_set_error(err,
                                  "not a representation: rho([b%ld, b%ld])"
                                  " != [rho(b%ld), rho(b%ld)]",
                                  (long)(i + 1), (long)(j + 1), (long)(i + 1), (long)(j + 1));
                st = ALG_ERR_NOT_HOM;
            }
        }
    fmpq_mat_clear(b);
    fmpq_mat_clear(lhs);
    fmpq_mat_clear(rhs);
    fmpq_mat_clear(t);
    _fmpq_vec_clear(c, d + 1);
    return st;
}

int rep_init_user(MatRep *r, const MatAlgebra *g, const fmpq_mat_struct *images, slong count,
                  const char *name, slong *bad_i, slong *bad_j, char *err)
{
    slong i, d;
    int st;
    rep_init(r);
    if (count != g->dim) {
        algebra_set_error(err,
                          "a representation of %s needs %ld matrices, got "
                          "%ld",
                          g->name, (long)g->dim, (long)count);
        return ALG_ERR_ARG;
    }
    d = count > 0 ? fmpq_mat_nrows(images + 0) : 1;
    for (i = 0; i < count; i++)
        if (fmpq_mat_nrows(images + i) != d || fmpq_mat_ncols(images + i) != d) {
            algebra_set_error(err, "matrix %ld is %ldx%ld, expected %ldx%ld", (long)(i + 1),
                              (long)fmpq_mat_nrows(images + i), (long)fmpq_mat_ncols(images + i),
                              (long)d, (long)d);
            return ALG_ERR_ARG;
        }
    if (d > REP_MAX_DIM || !dense_size(g, d)) {
        algebra_set_error(err,
                          "a user representation of dimension %ld exceeds the size limit of "
                          "dense matrices (dimension %d, dim(g) * dimension^2 <= %ld)",
                          (long)d, REP_MAX_DIM, (long)REP_MAX_ENTRIES);
        return ALG_ERR_LIMIT;
    }
    st = rep_alloc(r, g, d, node_new(REP_USER, d, 0, NULL, NULL), name ? name : "rep", err);
    if (st != ALG_OK)
        return st;
    r->tree->user = flint_malloc((count + 1) * sizeof(fmpq_mat_struct));
    r->tree->nuser = count;
    for (i = 0; i < count; i++) {
        fmpq_mat_set(r->images + i, images + i);
        fmpq_mat_init_set(r->tree->user + i, images + i);
    }
    if ((st = rep_check_hom(r, bad_i, bad_j, err)) != ALG_OK)
        rep_clear(r);
    return st;
}

/* ------------------------------------------------------ group action */

/* out = blockdiag(A, B). */
static void block_diag(fmpq_mat_t out, const fmpq_mat_t A, const fmpq_mat_t B)
{
    slong da = fmpq_mat_nrows(A), db = fmpq_mat_nrows(B), p, q;
    fmpq_mat_t R;
    fmpq_mat_init(R, da + db, da + db);
    for (p = 0; p < da; p++)
        for (q = 0; q < da; q++)
            fmpq_set(fmpq_mat_entry(R, p, q), fmpq_mat_entry(A, p, q));
    for (p = 0; p < db; p++)
        for (q = 0; q < db; q++)
            fmpq_set(fmpq_mat_entry(R, da + p, da + q), fmpq_mat_entry(B, p, q));
    fmpq_mat_swap(out, R);
    fmpq_mat_clear(R);
}

static void kron(fmpq_mat_t out, const fmpq_mat_t A, const fmpq_mat_t B)
{
    fmpq_mat_t R;
    fmpq_mat_init(R, fmpq_mat_nrows(A) * fmpq_mat_nrows(B), fmpq_mat_ncols(A) * fmpq_mat_ncols(B));
    fmpq_mat_kronecker_product(R, A, B);
    fmpq_mat_swap(out, R);
    fmpq_mat_clear(R);
}

/* out = action of the element with std matrix h (inverse hinv) on the rep
   described by node. */
static int node_group(fmpq_mat_t out, const RepNode *node, const MatAlgebra *g, const fmpq_mat_t h,
                      const fmpq_mat_t hinv, char *err)
{
    fmpq_mat_t A, B;
    slong j, k;
    int st = ALG_OK;
    fmpq_mat_init(A, 0, 0);
    fmpq_mat_init(B, 0, 0);
    switch (node->kind) {
    case REP_STD:
        fmpq_mat_clear(A);
        fmpq_mat_init_set(A, h);
        fmpq_mat_swap(out, A);
        break;
    case REP_TRIVIAL:
        fmpq_mat_clear(A);
        fmpq_mat_init(A, node->dim, node->dim);
        fmpq_mat_one(A);
        fmpq_mat_swap(out, A);
        break;
    case REP_ADJOINT: {
        fmpq *c = _fmpq_vec_init(g->dim + 1);
        fmpq_mat_t t, u;
        fmpq_mat_clear(A);
        fmpq_mat_init(A, g->dim, g->dim);
        fmpq_mat_init(t, g->n, g->n);
        fmpq_mat_init(u, g->n, g->n);
        for (j = 0; j < g->dim && st == ALG_OK; j++) {
            fmpq_mat_mul(u, h, g->basis + j);
            fmpq_mat_mul(t, u, hinv);
            if (algebra_coords(c, g, t, NULL) != ALG_OK) {
                algebra_set_error(err,
                                  "adjoint action: the group element does "
                                  "not normalise %s",
                                  g->name);
                st = ALG_ERR_NOT_MEMBER;
                break;
            }
            for (k = 0; k < g->dim; k++)
                fmpq_set(fmpq_mat_entry(A, k, j), c + k);
        }
        fmpq_mat_clear(t);
        fmpq_mat_clear(u);
        _fmpq_vec_clear(c, g->dim + 1);
        if (st == ALG_OK)
            fmpq_mat_swap(out, A);
        break;
    }
    case REP_DUAL:
        /* (rho(h)^-1)^T = rho(h^-1)^T */
        st = node_group(A, node->a, g, hinv, h, err);
        if (st == ALG_OK) {
            fmpq_mat_clear(B);
            fmpq_mat_init(B, fmpq_mat_ncols(A), fmpq_mat_nrows(A));
            fmpq_mat_transpose(B, A);
            fmpq_mat_swap(out, B);
        }
        break;
    case REP_SUM:
    case REP_TENSOR:
        st = node_group(A, node->a, g, h, hinv, err);
        if (st == ALG_OK)
            st = node_group(B, node->b, g, h, hinv, err);
        if (st == ALG_OK) {
            if (node->kind == REP_SUM)
                block_diag(out, A, B);
            else
                kron(out, A, B);
        }
        break;
    case REP_HOM:
        /* X -> S X R^-1 on row-major vec(X): S (x) (R^-1)^T, R^-1 = R(h^-1) */
        st = node_group(A, node->a, g, hinv, h, err);
        if (st == ALG_OK)
            st = node_group(B, node->b, g, h, hinv, err);
        if (st == ALG_OK) {
            fmpq_mat_t At;
            fmpq_mat_init(At, fmpq_mat_ncols(A), fmpq_mat_nrows(A));
            fmpq_mat_transpose(At, A);
            kron(out, B, At);
            fmpq_mat_clear(At);
        }
        break;
    case REP_SYM:
    case REP_WEDGE:
        st = node_group(A, node->a, g, h, hinv, err);
        if (st == ALG_OK)
            st = node->kind == REP_SYM ? rep_sym_power(out, A, node->k, err)
                                       : rep_wedge_power(out, A, node->k, err);
        break;
    case REP_USER:
    default:
        algebra_set_error(err, "no group action is known for a user-given "
                               "representation");
        st = ALG_ERR_UNSUPPORTED;
        break;
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    return st;
}

int rep_group_inverse(fmpq_mat_t hinv, const MatRep *r, const fmpq_mat_t h, char *err)
{
    slong n;
    if (r->alg == NULL || r->tree == NULL) {
        algebra_set_error(err, "empty representation");
        return ALG_ERR_ARG;
    }
    n = r->alg->n;
    if (fmpq_mat_nrows(h) != n || fmpq_mat_ncols(h) != n) {
        algebra_set_error(err, "group element must be %ldx%ld, got %ldx%ld", (long)n, (long)n,
                          (long)fmpq_mat_nrows(h), (long)fmpq_mat_ncols(h));
        return ALG_ERR_ARG;
    }
    fmpq_mat_init(hinv, n, n);
    if (!fmpq_mat_inv(hinv, h)) {
        fmpq_mat_clear(hinv);
        algebra_set_error(err, "group element is singular");
        return ALG_ERR_SINGULAR;
    }
    return ALG_OK;
}

int rep_group_element(fmpq_mat_t out, const MatRep *r, const fmpq_mat_t h, char *err)
{
    fmpq_mat_t hinv;
    int st;
    if (r->alg != NULL && r->tree != NULL && r->dim > REP_MAX_DIM)
        return dense_limit(r, "group element", err);
    if ((st = rep_group_inverse(hinv, r, h, err)) != ALG_OK)
        return st;
    st = node_group(out, r->tree, r->alg, h, hinv, err);
    fmpq_mat_clear(hinv);
    return st;
}

int rep_image(fmpq_mat_t D, const MatRep *r, const fmpq_mat_t xi, char *err)
{
    const MatAlgebra *g = r->alg;
    if (fmpq_mat_nrows(xi) != g->n || fmpq_mat_ncols(xi) != g->n) {
        algebra_set_error(err, "the generator is %ldx%ld but %s has %ldx%ld matrices",
                          (long)fmpq_mat_nrows(xi), (long)fmpq_mat_ncols(xi), g->name, (long)g->n,
                          (long)g->n);
        return ALG_ERR_ARG;
    }
    if (r->images == NULL)
        return dense_limit(r, "image", err);
    fmpq *co = _fmpq_vec_init(g->dim + 1);
    if (algebra_coords(co, g, xi, NULL)) {
        _fmpq_vec_clear(co, g->dim + 1);
        algebra_set_error(err, "the generator is not an element of %s", g->name);
        return ALG_ERR_NOT_MEMBER;
    }
    fmpq_mat_t t;
    fmpq_mat_clear(D);
    fmpq_mat_init(D, r->dim, r->dim);
    fmpq_mat_init(t, r->dim, r->dim);
    for (slong j = 0; j < g->dim; j++)
        if (!fmpq_is_zero(co + j)) {
            fmpq_mat_scalar_mul_fmpq(t, r->images + j, co + j);
            fmpq_mat_add(D, D, t);
        }
    fmpq_mat_clear(t);
    _fmpq_vec_clear(co, g->dim + 1);
    return ALG_OK;
}
