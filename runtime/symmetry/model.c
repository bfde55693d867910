/* model.c — model spaces (polynomial sections, affine layers), their exact
 * constraint operators and enforce.  See model.h for the conventions. */
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include "symmetry/model.h"
#include "symmetry/model_blocks.h"
#include "exact/nullspace.h"
#include "exact/qmat.h"
#include "exact/monobasis.h"
#include <flint/fmpq_vec.h>
#include "lie/discrete.h"
#include "symmetry/model_layer_rows.h"
#include "symmetry/model_orbit.h"

/* ------------------------------------------------------------ the space */

void model_space_clear(ModelSpace *V)
{
    polyring_decref(V->R);
    model_orbit_free(V->orbit); /* model_orbit.c */
    spmat_clear(&V->Bt);
    free(V->piv);
    memset(V, 0, sizeof *V);
}

static void space_init(ModelSpace *V, int kind)
{
    memset(V, 0, sizeof *V);
    V->kind = kind;
    spmat_init(&V->Bt, 0);
}

int model_space_init_polys(ModelSpace *V, const LieBundle *E, PolyRing *R, slong k, slong d,
                           char *err)
{
    space_init(V, MODEL_SECTIONS);
    slong size = monobasis_size(R->nvars, d);
    if (size < 0 || k < 1 || size > MODEL_MAX_COEFFS / k)
        return sym_error(err, QMAT_E_TOO_LARGE,
                         "too many coefficients: %ld component(s) of degree <= %ld in %ld "
                         "variables (at most %ld)",
                         (long)k, (long)d, (long)R->nvars, (long)MODEL_MAX_COEFFS);
    if (E)
        V->bundle = *E;
    V->has_bundle = E != NULL;
    V->R = polyring_incref(R);
    V->n = R->nvars;
    V->k = k;
    V->d = d;
    V->nfull = V->dim = V->nbefore = k * size;
    V->full = 1;
    return 0;
}

int model_space_init_layers(ModelSpace *V, const MatRep *A, const MatRep *B, int bias, char *err)
{
    space_init(V, MODEL_LAYERS);
    if (!A || !B)
        return sym_error(err, ALG_ERR_ARG, "layers need two representations");
    slong din = A->dim, dout = B->dim;
    if (din > 0 && dout > (MODEL_MAX_FULL_COEFFS - dout) / din)
        return sym_error(err, QMAT_E_TOO_LARGE, "too many coefficients (%ld x %ld)", (long)dout,
                         (long)din);
    const MatAlgebra *g = A->alg, *h = B->alg;
    int same = g == h || (g->n == h->n && g->dim == h->dim);
    for (slong i = 0; same && g != h && i < g->dim; i++)
        same = fmpq_mat_equal(g->basis + i, h->basis + i);
    if (!same)
        return sym_error(err, ALG_ERR_ARG,
                         "the representations are of different algebras "
                         "(%s and %s)",
                         g->name, h->name);
    V->rin = A;
    V->rout = B;
    V->din = din;
    V->dout = dout;
    V->bias = bias;
    V->nfull = V->dim = V->nbefore = dout * din + (bias ? dout : 0);
    V->full = 1;
    return 0;
}

/* V's basis := the rows of T (dim x nfull, canonical rows: moved in). */
static void set_rows(ModelSpace *V, SpMat *T)
{
    spmat_swap(&V->Bt, T);
    V->dim = V->Bt.r;
    V->full = 0;
    free(V->piv);
    V->piv = malloc((V->dim + 1) * sizeof(slong));
    for (slong j = 0; j < V->dim; j++)
        V->piv[j] = V->Bt.col[V->Bt.ptr[j]];
}

int model_space_set_span(ModelSpace *V, const fmpq_mat_t M, char *err)
{
    if (fmpq_mat_nrows(M) != V->nfull)
        return sym_error(err, QMAT_E_DIM, "%ld coefficients, not %ld", (long)fmpq_mat_nrows(M),
                         (long)V->nfull);
    slong m = fmpq_mat_ncols(M), rank;
    fmpq_mat_t T, Rr;
    fmpq_mat_init(T, m, V->nfull);
    fmpq_mat_transpose(T, M);
    fmpq_mat_init(Rr, 0, 0);
    int st = qmat_rref(Rr, &rank, T);
    fmpq_mat_clear(T);
    if (st) {
        fmpq_mat_clear(Rr);
        return sym_error(err, st, "%s", qmat_strerror(st));
    }
    fmpq_mat_init(T, rank, V->nfull);
    for (slong i = 0; i < rank; i++)
        for (slong j = 0; j < V->nfull; j++)
            fmpq_set(fmpq_mat_entry(T, i, j), fmpq_mat_entry(Rr, i, j));
    fmpq_mat_clear(Rr);
    st = qmat_canonicalise_rows(T);
    SpMat S;
    spmat_init(&S, V->nfull);
    if (!st)
        st = spmat_set_qmat(&S, T);
    fmpq_mat_clear(T);
    if (st) {
        spmat_clear(&S);
        return sym_error(err, st, "%s", qmat_strerror(st));
    }
    set_rows(V, &S);
    spmat_clear(&S);
    V->nbefore = V->dim;
    return 0;
}

void model_space_basis_column(fmpq *col, const ModelSpace *V, slong j)
{
    if (V->orbit) {
        model_orbit_basis_column(col, V, j);
        return;
    }
    for (slong i = 0; i < V->nfull; i++)
        fmpq_set_si(col + i, V->full && i == j, 1);
    if (!V->full)
        for (slong s = V->Bt.ptr[j]; s < V->Bt.ptr[j + 1]; s++)
            fmpq_set(col + V->Bt.col[s], V->Bt.val + s);
}

int model_space_get_basis(fmpq_mat_t M, const ModelSpace *V)
{
    if (V->orbit)
        return model_orbit_get_basis(M, V);
    if (!qmat_size_ok(V->nfull, V->dim))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_clear(M);
    if (V->full) {
        fmpq_mat_init(M, V->nfull, V->nfull);
        fmpq_mat_one(M);
    } else {
        fmpq_mat_init(M, V->nfull, V->dim);
        for (slong j = 0; j < V->dim; j++)
            for (slong s = V->Bt.ptr[j]; s < V->Bt.ptr[j + 1]; s++)
                fmpq_set(fmpq_mat_entry(M, V->Bt.col[s], j), V->Bt.val + s);
    }
    return 0;
}

void model_space_combine(fmpq *f, const ModelSpace *V, const fmpq *c)
{
    if (V->orbit) {
        model_orbit_combine(f, V, c);
        return;
    }
    if (V->full) {
        for (slong i = 0; i < V->nfull; i++)
            fmpq_set(f + i, c + i);
        return;
    }
    for (slong i = 0; i < V->nfull; i++)
        fmpq_zero(f + i);
    for (slong j = 0; j < V->dim; j++)
        if (!fmpq_is_zero(c + j))
            for (slong s = V->Bt.ptr[j]; s < V->Bt.ptr[j + 1]; s++)
                fmpq_addmul(f + V->Bt.col[s], V->Bt.val + s, c + j);
}

void model_space_combine_d(double *f, const ModelSpace *V, const double *c)
{
    if (V->orbit) {
        model_orbit_combine_d(f, V, c);
        return;
    }
    if (V->full) {
        for (slong i = 0; i < V->nfull; i++)
            f[i] = c[i];
        return;
    }
    for (slong i = 0; i < V->nfull; i++)
        f[i] = 0;
    for (slong j = 0; j < V->dim; j++)
        if (c[j] != 0)
            for (slong s = V->Bt.ptr[j]; s < V->Bt.ptr[j + 1]; s++)
                f[V->Bt.col[s]] += fmpq_get_d(V->Bt.val + s) * c[j];
}

int model_space_coords(fmpq *c, const ModelSpace *V, const fmpq *f)
{
    if (V->orbit)
        return model_orbit_coords(c, V, f);
    if (V->full) {
        for (slong i = 0; i < V->nfull; i++)
            fmpq_set(c + i, f + i);
        return 0;
    }
    /* the pivot column of basis vector j is zero in every other one */
    for (slong j = 0; j < V->dim; j++)
        fmpq_div(c + j, f + V->piv[j], V->Bt.val + V->Bt.ptr[j]);
    fmpq *g = _fmpq_vec_init(V->nfull + 1);
    model_space_combine(g, V, c);
    int ok = 1;
    for (slong i = 0; ok && i < V->nfull; i++)
        ok = fmpq_equal(g + i, f + i);
    _fmpq_vec_clear(g, V->nfull + 1);
    return ok ? 0 : QMAT_E_NO_SOLUTION;
}

int model_space_section(PolyVec *F, const ModelSpace *V, const fmpq *f, char *err)
{
    MonoBasis M;
    int st = monobasis_init(&M, V->n, V->d, err);
    if (st)
        return st;
    st = monobasis_poly_vec(F->p, V->k, f, &M, V->R, err);
    monobasis_clear(&M);
    return st;
}

int model_space_section_coeffs(fmpq *f, const ModelSpace *V, const PolyVec *F, char *err)
{
    if (F->len != V->k || F->R != V->R)
        return sym_error(err, POLY_ERR_ARG,
                         "the model has %ld component(s) over %s "
                         "coordinates; the space has %ld",
                         (long)F->len, F->R == V->R ? "the same" : "other", (long)V->k);
    slong deg = polyvec_degree(F);
    if (deg > V->d)
        return sym_error(err, POLY_ERR_ARG,
                         "the model has degree %ld, more than the space's "
                         "%ld",
                         (long)deg, (long)V->d);
    MonoBasis M;
    int st = monobasis_init(&M, V->n, V->d, err);
    if (st)
        return st;
    st = monobasis_coeffs_vec(f, F->p, F->len, &M, V->R, err);
    monobasis_clear(&M);
    return st;
}

/* ------------------------------------------------------------ constraints */

/* Entries collected column by column, appended to an SpMat row by row. */
typedef struct Triplets {
    slong n, alloc, maxrow;
    slong *row, *col;
    fmpq *val;
} Triplets;

static int triplet_emit(void *ctx, slong row, slong col, const fmpq_t val)
{
    Triplets *T = ctx;
    if (T->n == T->alloc) {
        slong na = T->alloc ? 2 * T->alloc : 1024;
        if (na > SPMAT_MAX_NNZ)
            return 1;
        T->row = realloc(T->row, na * sizeof(slong));
        T->col = realloc(T->col, na * sizeof(slong));
        fmpq *nv = _fmpq_vec_init(na);
        for (slong i = 0; i < T->n; i++)
            fmpq_swap(nv + i, T->val + i);
        _fmpq_vec_clear(T->val, T->alloc);
        T->val = nv;
        T->alloc = na;
    }
    T->row[T->n] = row;
    T->col[T->n] = col;
    fmpq_set(T->val + T->n, val);
    T->n++;
    if (row > T->maxrow)
        T->maxrow = row;
    return 0;
}

static void triplets_clear(Triplets *T)
{
    free(T->row);
    free(T->col);
    if (T->alloc)
        _fmpq_vec_clear(T->val, T->alloc);
    memset(T, 0, sizeof *T);
}

/* Append the rows of T (in row order) to C. */
static int triplets_flush(SpMat *C, const Triplets *T)
{
    if (T->n == 0)
        return 0;
    slong nr = T->maxrow + 1;
    slong *start = calloc(nr + 1, sizeof(slong)), *order = malloc(T->n * sizeof(slong));
    for (slong t = 0; t < T->n; t++)
        start[T->row[t] + 1]++;
    for (slong r = 0; r < nr; r++)
        start[r + 1] += start[r];
    slong *pos = malloc((nr + 1) * sizeof(slong));
    memcpy(pos, start, (nr + 1) * sizeof(slong));
    for (slong t = 0; t < T->n; t++)
        order[pos[T->row[t]]++] = t;
    slong maxlen = 0;
    for (slong r = 0; r < nr; r++)
        if (start[r + 1] - start[r] > maxlen)
            maxlen = start[r + 1] - start[r];
    slong *cols = malloc((maxlen + 1) * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(maxlen + 1);
    int st = 0;
    for (slong r = 0; r < nr && !st; r++) {
        slong len = start[r + 1] - start[r];
        if (!len)
            continue;
        for (slong t = 0; t < len; t++) {
            slong e = order[start[r] + t];
            cols[t] = T->col[e];
            fmpq_set(vals + t, T->val + e);
        }
        st = spmat_append_row(C, cols, vals, len);
    }
    free(start);
    free(order);
    free(pos);
    free(cols);
    _fmpq_vec_clear(vals, maxlen + 1);
    return st;
}

const LieBundle *model_space_bundle(const ModelSpace *V, LieBundle *plain, char *err)
{
    if (V->has_bundle)
        return &V->bundle;
    return bundle_init_plain(plain, V->n, V->k, err) ? NULL : plain;
}

int model_discrete_action(fmpq_mat_t g, fmpq_mat_t Tm, const ModelSpace *V, const fmpq_mat_t h,
                          slong j, char *err)
{
    LieBundle plain;
    const LieBundle *B = model_space_bundle(V, &plain, err);
    if (!B)
        return ALG_ERR_ARG;
    if (B->kind != BUNDLE_KERNELS && (fmpq_mat_nrows(h) != V->n || fmpq_mat_ncols(h) != V->n))
        return sym_error(err, ALG_ERR_ARG,
                         "discrete generator %ld is %ldx%ld but there %s "
                         "%ld coordinate%s",
                         (long)j + 1, (long)fmpq_mat_nrows(h), (long)fmpq_mat_ncols(h),
                         V->n == 1 ? "is" : "are", (long)V->n, V->n == 1 ? "" : "s");
    char aerr[ALG_ERR_LEN] = "";
    int st = bundle_discrete_action(g, Tm, B, h, aerr);
    if (st == ALG_ERR_SINGULAR && B->kind != BUNDLE_KERNELS &&
        !strcmp(aerr, "the element is singular"))
        sym_error(err, st, "discrete generator %ld is singular", (long)j + 1);
    else if (st)
        sym_error(err, st, "discrete generator %ld: %s", (long)j + 1,
                  aerr[0] ? aerr : algebra_strerror(st));
    return st;
}

static int section_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                        const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    LieBundle plain;
    const LieBundle *B = model_space_bundle(V, &plain, err);
    if (!B)
        return ALG_ERR_ARG;
    int kind = B->kind;
    if (B->n != V->n)
        return sym_error(err, ALG_ERR_ARG,
                         "the bundle is over R^%ld but there are %ld "
                         "coordinates",
                         (long)B->n, (long)V->n);
    int st = 0;
    for (slong i = 0; i < nalg && !st; i++) {
        PolyVec v;
        PolyMat b;
        polyvec_init(&v, V->n, V->R);
        polymat_init(&b, V->k, V->k, V->R);
        st = bundle_generator(&v, &b, B, alg + i, err);
        if (!st) {
            Triplets T;
            memset(&T, 0, sizeof T);
            slong dout = -1;
            st = section_lie_matrix(triplet_emit, &T, kind == BUNDLE_SCALARS ? NULL : &b, &v, V->k,
                                    V->d, &dout, err);
            if (!st && (st = triplets_flush(C, &T)))
                sym_error(err, st, "%s", qmat_strerror(st));
            triplets_clear(&T);
        }
        polyvec_clear(&v);
        polymat_clear(&b);
    }
    for (slong j = 0; j < ndisc && !st; j++) {
        fmpq_mat_t g, Tm;
        fmpq_mat_init(g, 0, 0);
        fmpq_mat_init(Tm, 0, 0);
        st = model_discrete_action(g, Tm, V, disc + j, j, err);
        if (!st) {
            Triplets T;
            memset(&T, 0, sizeof T);
            st = section_act_matrix(triplet_emit, &T, g, Tm, V->k, V->d, err);
            if (!st && (st = triplets_flush(C, &T)))
                sym_error(err, st, "%s", qmat_strerror(st));
            triplets_clear(&T);
        }
        fmpq_mat_clear(g);
        fmpq_mat_clear(Tm);
    }
    return st;
}

/* Nonzero pattern of a dense matrix by rows (or, with bycol, by columns). */
typedef struct Pattern {
    slong *start, *idx;
} Pattern;

static void pattern_init(Pattern *P, const fmpq_mat_t M, int bycol)
{
    slong r = fmpq_mat_nrows(M), c = fmpq_mat_ncols(M);
    slong outer = bycol ? c : r, inner = bycol ? r : c, nnz = 0;
    P->start = malloc((outer + 1) * sizeof(slong));
    for (slong a = 0; a < outer; a++)
        for (slong b = 0; b < inner; b++)
            nnz += !fmpq_is_zero(bycol ? fmpq_mat_entry(M, b, a) : fmpq_mat_entry(M, a, b));
    P->idx = malloc((nnz + 1) * sizeof(slong));
    nnz = 0;
    for (slong a = 0; a < outer; a++) {
        P->start[a] = nnz;
        for (slong b = 0; b < inner; b++)
            if (!fmpq_is_zero(bycol ? fmpq_mat_entry(M, b, a) : fmpq_mat_entry(M, a, b)))
                P->idx[nnz++] = b;
    }
    P->start[outer] = nnz;
}

static void pattern_clear(Pattern *P)
{
    free(P->start);
    free(P->idx);
}

/* Rows of Bm W - W Am = 0 and (Bm - shift I) b = 0 (layer unknowns). */
static int layer_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_t Bm, const fmpq_mat_t Am,
                      int shift)
{
    slong din = V->din, dout = V->dout, len = din + dout + 1;
    slong *cols = malloc(len * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(len);
    Pattern PB, PA;
    pattern_init(&PB, Bm, 0);
    pattern_init(&PA, Am, 1);
    int st = 0;
    for (slong r = 0; r < dout && !st; r++)
        for (slong b = 0; b < din && !st; b++) {
            slong t = 0;
            for (slong s = PB.start[r]; s < PB.start[r + 1]; s++) {
                slong k = PB.idx[s];
                cols[t] = k * din + b;
                fmpq_set(vals + t++, fmpq_mat_entry(Bm, r, k));
            }
            for (slong s = PA.start[b]; s < PA.start[b + 1]; s++) {
                slong k = PA.idx[s];
                cols[t] = r * din + k;
                fmpq_neg(vals + t++, fmpq_mat_entry(Am, k, b));
            }
            if (t)
                st = spmat_append_row(C, cols, vals, t);
        }
    for (slong r = 0; V->bias && r < dout && !st; r++) {
        slong t = 0;
        for (slong s = PB.start[r]; s < PB.start[r + 1]; s++) {
            cols[t] = dout * din + PB.idx[s];
            fmpq_set(vals + t++, fmpq_mat_entry(Bm, r, PB.idx[s]));
        }
        if (shift) {
            cols[t] = dout * din + r;
            fmpq_set_si(vals + t++, -1, 1);
        }
        if (t)
            st = spmat_append_row(C, cols, vals, t);
    }
    pattern_clear(&PB);
    pattern_clear(&PA);
    free(cols);
    _fmpq_vec_clear(vals, len);
    return st;
}

/* Implied rows that make the exact solve cheaper.  A generator with
   xi^3 = -xi (a rotation generator: eigenvalues 0, +-i) exponentiates
   rationally, h = exp(pi xi) = I + 2 xi^2, an element of the connected
   group, so every solution of the algebra rows also satisfies
   rho_out(h) W = W rho_in(h): adding those rows leaves the kernel as it
   is.  On tensor powers h acts by a signed permutation, so they are
   equalities and x = 0 rows (half turns kill every entry of odd parity)
   that the sparse elimination takes first, at no fill: on so(3)
   (R^3)^(x)5 -> itself they remove three quarters of the unknowns before
   any real elimination.  Skipped (no rows, no error) when xi is not of
   that kind, the algebra is affine, or a representation has no group
   action (user representations). */
static int layer_half_turn_rows(SpMat *C, const ModelSpace *V, const MatRep *A, const MatRep *B,
                                const fmpq_mat_t xi, char *err)
{
    slong n = fmpq_mat_nrows(xi);
    if (A->alg->affine || n != fmpq_mat_ncols(xi) || fmpq_mat_is_zero(xi))
        return 0;
    fmpq_mat_t x2, x3, h, Am, Bm;
    fmpq_mat_init(x2, n, n);
    fmpq_mat_init(x3, n, n);
    fmpq_mat_init(h, n, n);
    fmpq_mat_init(Am, 0, 0);
    fmpq_mat_init(Bm, 0, 0);
    fmpq_mat_mul(x2, xi, xi);
    fmpq_mat_mul(x3, x2, xi);
    fmpq_mat_add(x3, x3, xi);
    int st = 0;
    if (fmpq_mat_is_zero(x3)) {
        char aerr[ALG_ERR_LEN] = "";
        fmpq_mat_one(h);
        fmpq_mat_add(h, h, x2);
        fmpq_mat_add(h, h, x2);
        if (!rep_group_element(Am, A, h, aerr) && !rep_group_element(Bm, B, h, aerr) &&
            (st = layer_rows(C, V, Bm, Am, 1)))
            sym_error(err, st, "%s", qmat_strerror(st));
    }
    fmpq_mat_clear(x2);
    fmpq_mat_clear(x3);
    fmpq_mat_clear(h);
    fmpq_mat_clear(Am);
    fmpq_mat_clear(Bm);
    return st;
}

static int layers_constraint(SpMat *C, const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                             const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    const MatRep *A = V->rin, *B = V->rout;
    fmpq_mat_t Am, Bm, h;
    fmpq_mat_init(Am, 0, 0);
    fmpq_mat_init(Bm, 0, 0);
    fmpq_mat_init(h, 0, 0);
    int st = 0;
    for (slong i = 0; i < nalg && !st; i++) {
        st = rep_image(Am, A, alg + i, err);
        if (!st)
            st = rep_image(Bm, B, alg + i, err);
        if (!st && (st = layer_rows(C, V, Bm, Am, 0)))
            sym_error(err, st, "%s", qmat_strerror(st));
    }
    for (slong i = 0; i < nalg && !st; i++)
        st = layer_half_turn_rows(C, V, A, B, alg + i, err);
    for (slong j = 0; j < ndisc && !st; j++) {
        char aerr[ALG_ERR_LEN] = "";
        st = discrete_element_of(h, A->alg, disc + j, aerr);
        if (!st)
            st = rep_group_element(Am, A, h, aerr);
        if (!st)
            st = rep_group_element(Bm, B, h, aerr);
        if (st)
            sym_error(err, st, "discrete generator %ld: %s", (long)j + 1,
                      aerr[0] ? aerr : algebra_strerror(st));
        else if ((st = layer_rows(C, V, Bm, Am, 1)))
            sym_error(err, st, "%s", qmat_strerror(st));
    }
    fmpq_mat_clear(Am);
    fmpq_mat_clear(Bm);
    fmpq_mat_clear(h);
    return st;
}

int model_constraint_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                          const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    if (C->c != V->nfull)
        return sym_error(err, QMAT_E_DIM, "the constraint matrix has %ld columns, not %ld",
                         (long)C->c, (long)V->nfull);
    if (V->kind == MODEL_LAYERS && (!rep_is_dense(V->rin) || !rep_is_dense(V->rout)))
        return model_layer_rows(C, V, alg, nalg, disc, ndisc, err); /* model_layer_rows.c */
    if (V->kind == MODEL_LAYERS)
        return layers_constraint(C, V, alg, nalg, disc, ndisc, err);
    return section_rows(C, V, alg, nalg, disc, ndisc, err);
}

int model_algebra_generators(fmpq_mat_struct **gens, slong *ngens, const MatAlgebra *g, char *err)
{
    fmpq_mat_struct *m = flint_malloc((g->dim + 1) * sizeof(fmpq_mat_struct));
    slong cnt = 0, have = 0;
    MatAlgebra h;
    algebra_init(&h);
    for (slong i = 0; i < g->dim && have < g->dim; i++) {
        if (cnt && algebra_is_member(&h, g->basis + i))
            continue;
        fmpq_mat_init_set(m + cnt, g->basis + i);
        cnt++;
        algebra_clear(&h);
        char aerr[ALG_ERR_LEN] = "";
        int st = algebra_init_closure(&h, m, cnt, g->affine, "generated", aerr);
        if (st) {
            algebra_clear(&h);
            for (slong j = 0; j < cnt; j++)
                fmpq_mat_clear(m + j);
            flint_free(m);
            return sym_error(err, st, "%s", aerr[0] ? aerr : algebra_strerror(st));
        }
        have = h.dim;
    }
    algebra_clear(&h);
    *gens = m;
    *ngens = cnt;
    return 0;
}

static int copy_space_shape(ModelSpace *out, const ModelSpace *V)
{
    space_init(out, V->kind);
    out->bundle = V->bundle;
    out->has_bundle = V->has_bundle;
    out->rin = V->rin;
    out->rout = V->rout;
    out->R = polyring_incref(V->R);
    out->n = V->n;
    out->k = V->k;
    out->d = V->d;
    out->din = V->din;
    out->dout = V->dout;
    out->bias = V->bias;
    out->nfull = V->nfull;
    return 0;
}

int model_space_enforce(ModelSpace *out, const ModelSpace *V, const fmpq_mat_struct *alg,
                        slong nalg, const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    int ost = model_orbit_enforce(out, V, alg, nalg, disc, ndisc, err); /* S(n): closed form */
    if (ost != MODEL_ORBIT_NA)
        return ost;
    copy_space_shape(out, V);
    SpMat C, Nt;
    spmat_init(&C, V->nfull);
    spmat_init(&Nt, 0);
    /* layers between direct sums: block by block (model_blocks.h) */
    int used = 0;
    int st = model_blocks_enforce(&Nt, &used, V, alg, nalg, disc, ndisc, err);
    if (used || st) {
        spmat_clear(&C);
        if (!st)
            set_rows(out, &Nt);
        spmat_clear(&Nt);
        out->full = 0;
        out->nbefore = V->dim;
        out->enforced = 1;
        return st;
    }
    st = model_constraint_rows(&C, V, alg, nalg, disc, ndisc, err);
    if (!st) {
        if (V->full) {
            st = spmat_nullspace_rows(&Nt, &C);
        } else {
            /* the kernel of C B, then its rows times B^T */
            SpMat Bc, Y;
            spmat_init(&Bc, 0);
            spmat_init(&Y, 0);
            st = spmat_transpose(&Bc, &V->Bt);
            if (!st)
                st = spmat_mul(&Y, &C, &Bc);
            spmat_clear(&Bc);
            if (!st)
                st = spmat_nullspace_rows(&Nt, &Y);
            spmat_clear(&Y);
            if (!st) {
                /* Nt is canonical and B^T in reduced echelon form, so the
                   rows of Nt B^T are too, up to scale: B^T's pivot columns
                   hold one nonzero each */
                spmat_init(&Y, 0);
                st = spmat_mul(&Y, &Nt, &V->Bt);
                if (!st) {
                    spmat_rows_primitive(&Y);
                    spmat_swap(&Nt, &Y);
                }
                spmat_clear(&Y);
            }
        }
        if (st)
            sym_error(err, st, "%s", qmat_strerror(st));
    }
    spmat_clear(&C);
    if (!st)
        set_rows(out, &Nt); /* already canonical: moved, not copied */
    spmat_clear(&Nt);
    out->full = 0;
    out->nbefore = V->dim;
    out->enforced = 1;
    return st;
}
