/* rep_sparse.c — images dρ(ξ) and group elements ρ(h) of a representation
 * as sparse matrices, built from its construction tree (RepNode) without a
 * dense matrix of the whole rep: tensor products are Kronecker sums
 * A (x) I + I (x) B (algebra) or Kronecker products (group), sums block
 * diagonals, duals (negated) transposes, sym^k / wedge^k the derivation on
 * the multi-index bases (rep_tensor.c).  Conventions in rep.h; this is what
 * makes reps past the dense size (REP_MAX_DIM) usable. */
#include <stdio.h>
#include <string.h>

#include "lie/rep.h"

/* Convert a QMAT_E_* status of an SpMat append into ALG_ERR_LIMIT. */
static int nnz_limit(slong dim, char *err)
{
    algebra_set_error(err,
                      "the sparse matrix of a representation of dimension %ld exceeds the "
                      "size limit (%ld rows or nonzeros)",
                      (long)dim, (long)SPMAT_MAX_NNZ);
    return ALG_ERR_LIMIT;
}

/* out = an empty d x d matrix with no row yet (out initialised). */
static void sp_reset(SpMat *out, slong d)
{
    spmat_clear(out);
    spmat_init(out, d);
}

static int sp_from_dense(SpMat *out, const fmpq_mat_t A, char *err)
{
    if (spmat_set_qmat(out, A) != QMAT_OK)
        return nnz_limit(fmpq_mat_nrows(A), err);
    return ALG_OK;
}

/* out = c I_d (c = 0: the zero matrix). */
static int sp_scalar(SpMat *out, slong d, slong c, char *err)
{
    slong i;
    fmpq_t one;
    fmpq_init(one);
    fmpq_set_si(one, c, 1);
    sp_reset(out, d);
    for (i = 0; i < d; i++)
        if (spmat_append_row(out, &i, one, c != 0) != QMAT_OK) {
            fmpq_clear(one);
            return nnz_limit(d, err);
        }
    fmpq_clear(one);
    return ALG_OK;
}

/* out = A^T, negated when neg. */
static int sp_transpose(SpMat *out, const SpMat *A, int neg, char *err)
{
    slong i, t, *cnt = flint_calloc(A->c + 2, sizeof(slong)), *rows, *ord, lo = 0, mx = 0;
    int st = ALG_OK;
    for (t = 0; t < A->nnz; t++)
        cnt[A->col[t] + 1]++;
    for (i = 0; i < A->c; i++)
        cnt[i + 1] += cnt[i];
    rows = flint_malloc((A->nnz + 1) * sizeof(slong));
    ord = flint_malloc((A->nnz + 1) * sizeof(slong));
    for (i = 0; i < A->r; i++)
        for (t = A->ptr[i]; t < A->ptr[i + 1]; t++) {
            ord[cnt[A->col[t]]] = t;
            rows[cnt[A->col[t]]++] = i;
        }
    for (i = 0; i < A->c; i++) {
        mx = FLINT_MAX(mx, cnt[i] - lo);
        lo = cnt[i];
    }
    fmpq *v = _fmpq_vec_init(mx + 1);
    SpMat R;
    spmat_init(&R, A->r);
    lo = 0;
    for (i = 0; i < A->c && st == ALG_OK; i++) {
        slong len = cnt[i] - lo;
        for (t = 0; t < len; t++) {
            if (neg)
                fmpq_neg(v + t, A->val + ord[lo + t]);
            else
                fmpq_set(v + t, A->val + ord[lo + t]);
        }
        if (spmat_append_row(&R, rows + lo, v, len) != QMAT_OK)
            st = nnz_limit(A->c, err);
        lo = cnt[i];
    }
    _fmpq_vec_clear(v, mx + 1);
    flint_free(rows);
    flint_free(ord);
    flint_free(cnt);
    if (st == ALG_OK) {
        spmat_clear(out);
        *out = R;
    } else {
        spmat_clear(&R);
    }
    return st;
}

/* out = A (x) I_db + I_da (x) B (kron_sum = 1) or A (x) B (kron_sum = 0),
   index p * db + s. */
static int sp_kron(SpMat *out, const SpMat *A, const SpMat *B, int kron_sum, char *err)
{
    slong da = A->r, db = B->r, p, s, t, u, mx = 0, mb = 0;
    int st = ALG_OK;
    for (p = 0; p < da; p++)
        mx = FLINT_MAX(mx, A->ptr[p + 1] - A->ptr[p]);
    for (s = 0; s < db; s++)
        mb = FLINT_MAX(mb, B->ptr[s + 1] - B->ptr[s]);
    slong cap = kron_sum ? mx + mb : mx * mb;
    slong *cols = flint_malloc((cap + 1) * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(cap + 1);
    SpMat R;
    spmat_init(&R, kron_sum ? da * db : A->c * B->c);
    for (p = 0; p < da && st == ALG_OK; p++)
        for (s = 0; s < db && st == ALG_OK; s++) {
            slong len = 0;
            if (kron_sum) {
                for (t = A->ptr[p]; t < A->ptr[p + 1]; t++) {
                    cols[len] = A->col[t] * db + s;
                    fmpq_set(vals + len++, A->val + t);
                }
                for (u = B->ptr[s]; u < B->ptr[s + 1]; u++) {
                    cols[len] = p * db + B->col[u];
                    fmpq_set(vals + len++, B->val + u);
                }
            } else {
                for (t = A->ptr[p]; t < A->ptr[p + 1]; t++)
                    for (u = B->ptr[s]; u < B->ptr[s + 1]; u++) {
                        cols[len] = A->col[t] * B->c + B->col[u];
                        fmpq_mul(vals + len++, A->val + t, B->val + u);
                    }
            }
            if (spmat_append_row(&R, cols, vals, len) != QMAT_OK)
                st = nnz_limit(da * db, err);
        }
    flint_free(cols);
    _fmpq_vec_clear(vals, cap + 1);
    if (st == ALG_OK) {
        spmat_clear(out);
        *out = R;
    } else {
        spmat_clear(&R);
    }
    return st;
}

/* out = blockdiag(A, B). */
static int sp_blockdiag(SpMat *out, const SpMat *A, const SpMat *B, char *err)
{
    slong p, t, mx = 0;
    int st = ALG_OK;
    for (p = 0; p < A->r; p++)
        mx = FLINT_MAX(mx, A->ptr[p + 1] - A->ptr[p]);
    for (p = 0; p < B->r; p++)
        mx = FLINT_MAX(mx, B->ptr[p + 1] - B->ptr[p]);
    slong *cols = flint_malloc((mx + 1) * sizeof(slong));
    SpMat R;
    spmat_init(&R, A->c + B->c);
    for (p = 0; p < A->r && st == ALG_OK; p++)
        if (spmat_append_row(&R, A->col + A->ptr[p], A->val + A->ptr[p],
                             A->ptr[p + 1] - A->ptr[p]) != QMAT_OK)
            st = nnz_limit(A->r + B->r, err);
    for (p = 0; p < B->r && st == ALG_OK; p++) {
        slong len = B->ptr[p + 1] - B->ptr[p];
        for (t = 0; t < len; t++)
            cols[t] = A->c + B->col[B->ptr[p] + t];
        if (spmat_append_row(&R, cols, B->val + B->ptr[p], len) != QMAT_OK)
            st = nnz_limit(A->r + B->r, err);
    }
    flint_free(cols);
    if (st == ALG_OK) {
        spmat_clear(out);
        *out = R;
    } else {
        spmat_clear(&R);
    }
    return st;
}

/* ------------------------------------------------------------ algebra */

/* out = dρ(x) on the rep described by node, x = sum_j c_j basis_j of g
   (xm: the matrix x itself, n x n). */
static int node_image(SpMat *out, const RepNode *node, const MatAlgebra *g, const fmpq *c,
                      const fmpq_mat_t xm, char *err)
{
    SpMat A, B;
    slong j, k;
    int st = ALG_OK;
    if (node->dim > SPMAT_MAX_NNZ)
        return nnz_limit(node->dim, err);
    spmat_init(&A, 0);
    spmat_init(&B, 0);
    switch (node->kind) {
    case REP_STD:
        st = sp_from_dense(out, xm, err);
        break;
    case REP_TRIVIAL:
        st = sp_scalar(out, node->dim, 0, err);
        break;
    case REP_USER: {
        fmpq_mat_t D, t;
        fmpq_mat_init(D, node->dim, node->dim);
        fmpq_mat_init(t, node->dim, node->dim);
        for (j = 0; j < node->nuser; j++)
            if (!fmpq_is_zero(c + j)) {
                fmpq_mat_scalar_mul_fmpq(t, node->user + j, c + j);
                fmpq_mat_add(D, D, t);
            }
        st = sp_from_dense(out, D, err);
        fmpq_mat_clear(D);
        fmpq_mat_clear(t);
        break;
    }
    case REP_ADJOINT: {
        /* column j = coordinates of [x, b_j] */
        fmpq_mat_t D, b;
        fmpq *co = _fmpq_vec_init(g->dim + 1);
        fmpq_mat_init(D, g->dim, g->dim);
        fmpq_mat_init(b, g->n, g->n);
        for (j = 0; j < g->dim && st == ALG_OK; j++) {
            algebra_bracket(b, xm, g->basis + j, NULL);
            if (algebra_coords(co, g, b, NULL) != ALG_OK) {
                algebra_set_error(err, "adjoint: %s is not closed", g->name);
                st = ALG_ERR_NOT_CLOSED;
                break;
            }
            for (k = 0; k < g->dim; k++)
                fmpq_set(fmpq_mat_entry(D, k, j), co + k);
        }
        if (st == ALG_OK)
            st = sp_from_dense(out, D, err);
        fmpq_mat_clear(D);
        fmpq_mat_clear(b);
        _fmpq_vec_clear(co, g->dim + 1);
        break;
    }
    case REP_DUAL:
        st = node_image(&A, node->a, g, c, xm, err);
        if (st == ALG_OK)
            st = sp_transpose(out, &A, 1, err);
        break;
    case REP_SUM:
    case REP_TENSOR:
    case REP_HOM:
        st = node_image(&A, node->a, g, c, xm, err);
        if (st == ALG_OK)
            st = node_image(&B, node->b, g, c, xm, err);
        if (st == ALG_OK && node->kind == REP_SUM)
            st = sp_blockdiag(out, &A, &B, err);
        else if (st == ALG_OK && node->kind == REP_TENSOR)
            st = sp_kron(out, &A, &B, 1, err);
        else if (st == ALG_OK) {
            /* hom(a, b): B (x) I + I (x) (-A^T) */
            SpMat At;
            spmat_init(&At, 0);
            st = sp_transpose(&At, &A, 1, err);
            if (st == ALG_OK)
                st = sp_kron(out, &B, &At, 1, err);
            spmat_clear(&At);
        }
        break;
    case REP_SYM:
    case REP_WEDGE:
        st = node_image(&A, node->a, g, c, xm, err);
        if (st == ALG_OK)
            st = rep_power_derivation_sparse(out, &A, node->k, node->kind == REP_WEDGE, err);
        break;
    default:
        algebra_set_error(err, "unknown representation node");
        st = ALG_ERR_ARG;
    }
    spmat_clear(&A);
    spmat_clear(&B);
    return st;
}

/* out = dρ of the element with coordinates c (and matrix xm). */
static int image_coords(SpMat *D, const MatRep *r, const fmpq *c, const fmpq_mat_t xm, char *err)
{
    if (r->alg == NULL || r->tree == NULL) {
        algebra_set_error(err, "empty representation");
        return ALG_ERR_ARG;
    }
    return node_image(D, r->tree, r->alg, c, xm, err);
}

int rep_image_sparse(SpMat *D, const MatRep *r, const fmpq_mat_t xi, char *err)
{
    const MatAlgebra *g = r->alg;
    if (g == NULL || r->tree == NULL) {
        algebra_set_error(err, "empty representation");
        return ALG_ERR_ARG;
    }
    if (fmpq_mat_nrows(xi) != g->n || fmpq_mat_ncols(xi) != g->n) {
        algebra_set_error(err, "the generator is %ldx%ld but %s has %ldx%ld matrices",
                          (long)fmpq_mat_nrows(xi), (long)fmpq_mat_ncols(xi), g->name, (long)g->n,
                          (long)g->n);
        return ALG_ERR_ARG;
    }
    fmpq *co = _fmpq_vec_init(g->dim + 1);
    int st = ALG_OK;
    if (algebra_coords(co, g, xi, NULL)) {
        algebra_set_error(err, "the generator is not an element of %s", g->name);
        st = ALG_ERR_NOT_MEMBER;
    } else {
        st = image_coords(D, r, co, xi, err);
    }
    _fmpq_vec_clear(co, g->dim + 1);
    return st;
}

int rep_basis_image_sparse(SpMat *D, const MatRep *r, slong i, char *err)
{
    const MatAlgebra *g = r->alg;
    if (g == NULL || i < 0 || i >= g->dim) {
        algebra_set_error(err, "basis element %ld out of range", (long)i + 1);
        return ALG_ERR_ARG;
    }
    fmpq *co = _fmpq_vec_init(g->dim + 1);
    fmpq_one(co + i);
    int st = image_coords(D, r, co, g->basis + i, err);
    _fmpq_vec_clear(co, g->dim + 1);
    return st;
}

/* -------------------------------------------------------------- group */

/* out = the action of h on a dense-sized node (adjoint; sym / wedge of at
   most REP_MAX_DIM), by the dense rule of rep.c. */
static int dense_group(SpMat *out, const RepNode *node, const MatAlgebra *g, const fmpq_mat_t h,
                       char *err)
{
    MatRep t;
    fmpq_mat_t D;
    rep_init(&t);
    t.alg = g;
    t.dim = node->dim;
    t.tree = (RepNode *)node; /* borrowed for the call, not freed */
    fmpq_mat_init(D, 0, 0);
    int st = rep_group_element(D, &t, h, err);
    if (st == ALG_OK)
        st = sp_from_dense(out, D, err);
    fmpq_mat_clear(D);
    return st;
}

/* out = the action of the element with std matrix h (inverse hinv) on the
   rep described by node. */
static int node_group_sparse(SpMat *out, const RepNode *node, const MatAlgebra *g,
                             const fmpq_mat_t h, const fmpq_mat_t hinv, char *err)
{
    SpMat A, B;
    int st = ALG_OK;
    if (node->dim > SPMAT_MAX_NNZ)
        return nnz_limit(node->dim, err);
    spmat_init(&A, 0);
    spmat_init(&B, 0);
    switch (node->kind) {
    case REP_STD:
        st = sp_from_dense(out, h, err);
        break;
    case REP_TRIVIAL:
        st = sp_scalar(out, node->dim, 1, err);
        break;
    case REP_SYM:
    case REP_WEDGE:
        if (node->dim > REP_MAX_DIM || (node->a != NULL && node->a->dim > REP_MAX_DIM)) {
            /* the power of the child's sparse action */
            st = node_group_sparse(&A, node->a, g, h, hinv, err);
            if (st == ALG_OK)
                st = rep_power_group_sparse(out, &A, node->k, node->kind == REP_WEDGE, err);
        } else {
            st = dense_group(out, node, g, h, err);
        }
        break;
    case REP_ADJOINT:
        st = dense_group(out, node, g, h, err);
        break;
    case REP_DUAL:
        /* (rho(h)^-1)^T = rho(h^-1)^T */
        st = node_group_sparse(&A, node->a, g, hinv, h, err);
        if (st == ALG_OK)
            st = sp_transpose(out, &A, 0, err);
        break;
    case REP_SUM:
    case REP_TENSOR:
        st = node_group_sparse(&A, node->a, g, h, hinv, err);
        if (st == ALG_OK)
            st = node_group_sparse(&B, node->b, g, h, hinv, err);
        if (st == ALG_OK)
            st = node->kind == REP_SUM ? sp_blockdiag(out, &A, &B, err)
                                       : sp_kron(out, &A, &B, 0, err);
        break;
    case REP_HOM: {
        /* S (x) (R^-1)^T, R^-1 = R(h^-1) */
        SpMat At;
        spmat_init(&At, 0);
        st = node_group_sparse(&A, node->a, g, hinv, h, err);
        if (st == ALG_OK)
            st = node_group_sparse(&B, node->b, g, h, hinv, err);
        if (st == ALG_OK)
            st = sp_transpose(&At, &A, 0, err);
        if (st == ALG_OK)
            st = sp_kron(out, &B, &At, 0, err);
        spmat_clear(&At);
        break;
    }
    case REP_USER:
    default:
        algebra_set_error(err, "no group action is known for a user-given "
                               "representation");
        st = ALG_ERR_UNSUPPORTED;
        break;
    }
    spmat_clear(&A);
    spmat_clear(&B);
    return st;
}

int rep_group_element_sparse(SpMat *out, const MatRep *r, const fmpq_mat_t h, char *err)
{
    fmpq_mat_t hinv;
    int st;
    if ((st = rep_group_inverse(hinv, r, h, err)) != ALG_OK)
        return st;
    st = node_group_sparse(out, r->tree, r->alg, h, hinv, err);
    fmpq_mat_clear(hinv);
    return st;
}
