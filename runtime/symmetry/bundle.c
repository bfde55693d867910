/* bundle.c — fiber generators and group actions of the bundle kinds (see
 * bundle.h).  Every per-kind decision of the symmetry layer is here. */
#include <string.h>
#include "symmetry/bundle.h"
#include "lie/discrete.h"

int bundle_init_plain(LieBundle *B, slong n, slong k, char *err)
{
    memset(B, 0, sizeof *B);
    B->n = n;
    B->k = k;
    if (k == 1) {
        B->kind = BUNDLE_SCALARS;
    } else if (k == n) {
        B->kind = BUNDLE_FIELDS;
        B->p = 1;
    } else {
        algebra_set_error(err,
                          "sections with %ld components over %ld coordinates: give the "
                          "bundle (span(Fs, E))",
                          (long)k, (long)n);
        return ALG_ERR_ARG;
    }
    return ALG_OK;
}

int bundle_rep_of(const MatRep *r, const MatAlgebra *g)
{
    if (r->alg == g)
        return 1;
    if (r->alg->n != g->n || r->alg->dim != g->dim)
        return 0;
    for (slong i = 0; i < g->dim; i++)
        if (!fmpq_mat_equal(r->alg->basis + i, g->basis + i))
            return 0;
    return 1;
}

int bundle_init(LieBundle *B, BundleKind kind, const MatAlgebra *g, slong p, slong q,
                const MatRep *rep, char *err)
{
    memset(B, 0, sizeof *B);
    slong n = g->affine ? g->n - 1 : g->n, k = 1;
    if (kind == BUNDLE_FIELDS || kind == BUNDLE_FORMS)
        k = n;
    if (kind == BUNDLE_TENSORS) {
        for (slong i = 0; i < p + q; i++) {
            k *= n;
            if (k > SECTION_MAX_FIBER) {
                algebra_set_error(err, "the fiber dimension %ld^%ld is too large", (long)n,
                                  (long)(p + q));
                return ALG_ERR_LIMIT;
            }
        }
    }
    if (kind == BUNDLE_SECTIONS) {
        if (!rep || !bundle_rep_of(rep, g)) {
            algebra_set_error(err, "the representation is of another algebra");
            return ALG_ERR_ARG;
        }
        if (rep->dim > SECTION_MAX_FIBER) {
            algebra_set_error(err, "the fiber dimension %ld is too large", (long)rep->dim);
            return ALG_ERR_LIMIT;
        }
        k = rep->dim;
    }
    if (kind == BUNDLE_KERNELS) {
        algebra_set_error(err, "kernel bundles: use bundle_init_kernels");
        return ALG_ERR_ARG;
    }
    B->kind = kind;
    B->n = n;
    B->k = k;
    B->p = p;
    B->q = q;
    B->alg = g;
    B->rep = kind == BUNDLE_SECTIONS ? rep : NULL;
    return ALG_OK;
}

int bundle_init_kernels(LieBundle *B, const MatAlgebra *g, const MatRep *rin, const MatRep *rout,
                        const PolyRing *R, int twoarg, char *err)
{
    memset(B, 0, sizeof *B);
    slong m = g->affine ? g->n - 1 : g->n;
    const MatRep *rv[2] = {rin, rout};
    slong dims[2] = {1, 1};
    for (int s = 0; s < 2; s++) {
        if (!rv[s])
            continue;
        if (!bundle_rep_of(rv[s], g)) {
            algebra_set_error(err, "the representation is of %s, not of %s", rv[s]->alg->name,
                              g->name);
            return ALG_ERR_ARG;
        }
        dims[s] = rv[s]->dim;
    }
    if (dims[0] * dims[1] > SECTION_MAX_FIBER) {
        algebra_set_error(err, "the fiber dimension %ld x %ld is too large", (long)dims[1],
                          (long)dims[0]);
        return ALG_ERR_LIMIT;
    }
    if (R->nvars != (twoarg ? 2 * m : m)) {
        algebra_set_error(err, "the kernel ring has %ld variables, not %ld", (long)R->nvars,
                          (long)(twoarg ? 2 * m : m));
        return ALG_ERR_ARG;
    }
    B->kind = BUNDLE_KERNELS;
    B->n = twoarg ? 2 * m : m;
    B->k = dims[0] * dims[1];
    B->alg = g;
    B->rep = rout;
    B->rin = rin;
    B->ring = R;
    B->m = m;
    B->din = dims[0];
    B->dout = dims[1];
    B->twoarg = twoarg;
    return ALG_OK;
}

int bundle_fiber(PolyMat *b, const LieBundle *B, const PolyVec *v, const fmpq_mat_t D, char *err)
{
    char perr[POLY_ERR_LEN] = "";
    int st = 0;
    switch (B->kind) {
    case BUNDLE_SCALARS:
        break; /* b = 0: as initialised */
    case BUNDLE_FIELDS:
        st = section_fiber_tangent(b, v, perr);
        break;
    case BUNDLE_FORMS:
        st = section_fiber_cotangent(b, v, perr);
        break;
    case BUNDLE_TENSORS:
        st = section_fiber_tensor(b, v, B->p, B->q, perr);
        break;
    case BUNDLE_SECTIONS:
        st = polymat_set_fmpq_mat(b, D, perr);
        break;
    case BUNDLE_KERNELS:
        algebra_set_error(err, "internal: kernel fibers come from bundle_generator");
        return ALG_ERR_ARG;
    }
    if (st) {
        algebra_set_error(err, "%s", perr);
        return ALG_ERR_ARG;
    }
    return ALG_OK;
}

/* D (k x k) = drho(xi) for r (NULL: the 1 x 1 zero); xi lies in r's algebra. */
static int rep_derivative(fmpq_mat_t D, const MatRep *r, const fmpq_mat_t xi, char *err)
{
    if (r)
        return rep_image(D, r, xi, err);
    fmpq_mat_clear(D);
    fmpq_mat_init(D, 1, 1);
    return ALG_OK;
}

/* The kernel rule: velocity blockdiag(A, A) (x, xp) + (t, t) for k(x, xp),
   A z for k(z); fiber drho_out (x) I - I (x) drho_in^T - tr(A) I. */
static int kernel_generator(PolyVec *v, PolyMat *b, const LieBundle *B, const fmpq_mat_t xi,
                            char *err)
{
    const MatAlgebra *g = B->alg;
    slong m = B->m, N = B->n, k = B->k;
    if (fmpq_mat_nrows(xi) != g->n || fmpq_mat_ncols(xi) != g->n) {
        algebra_set_error(err, "the generator is %ldx%ld but %s has %ldx%ld matrices",
                          (long)fmpq_mat_nrows(xi), (long)fmpq_mat_ncols(xi), g->name, (long)g->n,
                          (long)g->n);
        return ALG_ERR_ARG;
    }
    if (!algebra_is_member(g, xi)) {
        algebra_set_error(err, "the generator is not an element of %s", g->name);
        return ALG_ERR_NOT_MEMBER;
    }
    if (v->len != N || b->rows != k || b->cols != k || v->R != B->ring) {
        algebra_set_error(err, "internal: kernel generator shapes");
        return ALG_ERR_ARG;
    }
    fmpq_mat_t A2, t2, D1, D2, F;
    fmpq_mat_init(A2, N, N);
    fmpq_mat_init(t2, N, 1);
    fmpq_t tr;
    fmpq_init(tr);
    for (slong blk = 0; blk < N / m; blk++)
        for (slong i = 0; i < m; i++) {
            for (slong j = 0; j < m; j++)
                fmpq_set(fmpq_mat_entry(A2, blk * m + i, blk * m + j), fmpq_mat_entry(xi, i, j));
            if (g->affine && B->twoarg)
                fmpq_set(fmpq_mat_entry(t2, blk * m + i, 0), fmpq_mat_entry(xi, i, m));
        }
    for (slong i = 0; i < m; i++)
        fmpq_add(tr, tr, fmpq_mat_entry(xi, i, i));
    char perr[POLY_ERR_LEN] = "";
    int st = polyvec_set_affine(v, A2, t2, perr) ? ALG_ERR_ARG : ALG_OK;
    fmpq_mat_init(D1, 0, 0);
    fmpq_mat_init(D2, 0, 0);
    fmpq_mat_init(F, k, k);
    if (st)
        algebra_set_error(err, "%s", perr);
    if (!st)
        st = rep_derivative(D1, B->rin, xi, err);
    if (!st)
        st = rep_derivative(D2, B->rep, xi, err);
    if (!st) {
        fmpq_mat_transpose(D1, D1);
        fmpq_mat_neg(D1, D1);
        rep_kron_sum(F, D2, D1);
        for (slong i = 0; i < k; i++)
            fmpq_sub(fmpq_mat_entry(F, i, i), fmpq_mat_entry(F, i, i), tr);
        if (polymat_set_fmpq_mat(b, F, perr)) {
            algebra_set_error(err, "%s", perr);
            st = ALG_ERR_ARG;
        }
    }
    fmpq_mat_clear(A2);
    fmpq_mat_clear(t2);
    fmpq_mat_clear(D1);
    fmpq_mat_clear(D2);
    fmpq_mat_clear(F);
    fmpq_clear(tr);
    return st;
}

int bundle_generator(PolyVec *v, PolyMat *b, const LieBundle *B, const fmpq_mat_t xi, char *err)
{
    if (B->kind == BUNDLE_KERNELS)
        return kernel_generator(v, b, B, xi, err);
    slong n = v->R->nvars, r = fmpq_mat_nrows(xi);
    int st = section_velocity(v, xi);
    if (st == SECTION_VELOCITY_SIZE) {
        algebra_set_error(err, "the generator is %ldx%ld but there %s %ld coordinate%s", (long)r,
                          (long)fmpq_mat_ncols(xi), n == 1 ? "is" : "are", (long)n,
                          n == 1 ? "" : "s");
        return ALG_ERR_ARG;
    }
    if (st == SECTION_VELOCITY_NOT_AFFINE) {
        algebra_set_error(err,
                          "the generator is %ldx%ld but there are %ld coordinates (and it "
                          "is not affine: its last row is not zero)",
                          (long)r, (long)r, (long)n);
        return ALG_ERR_ARG;
    }
    if (st) {
        algebra_set_error(err, "the generator's velocity field could not be built");
        return ALG_ERR_ARG;
    }
    fmpq_mat_t D;
    fmpq_mat_init(D, 0, 0);
    if (B->kind == BUNDLE_SECTIONS)
        st = rep_image(D, B->rep, xi, err);
    if (!st)
        st = bundle_fiber(b, B, v, D, err);
    fmpq_mat_clear(D);
    return st;
}

/* T = the group action of h (m x m, lifted for affine algebras) on r
   (NULL: the 1 x 1 identity). */
static int rep_group(fmpq_mat_t T, const MatRep *r, const fmpq_mat_t h, char *err)
{
    if (!r) {
        fmpq_mat_clear(T);
        fmpq_mat_init(T, 1, 1);
        fmpq_mat_one(T);
        return ALG_OK;
    }
    fmpq_mat_t L;
    fmpq_mat_init(L, 0, 0);
    int st = discrete_element_of(L, r->alg, h, err);
    if (!st)
        st = rep_group_element(T, r, L, err);
    fmpq_mat_clear(L);
    return st;
}

int bundle_group_matrix(fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h, char *err)
{
    if (B->kind == BUNDLE_SECTIONS)
        return rep_group(T, B->rep, h, err);
    slong n = fmpq_mat_nrows(h);
    if (n != fmpq_mat_ncols(h)) {
        algebra_set_error(err, "the matrix is not square");
        return ALG_ERR_ARG;
    }
    fmpq_mat_t hi, acc, tmp;
    fmpq_mat_init(hi, n, n);
    if (!fmpq_mat_inv(hi, h)) {
        fmpq_mat_clear(hi);
        algebra_set_error(err, "the matrix is singular");
        return ALG_ERR_SINGULAR;
    }
    fmpq_mat_transpose(hi, hi);
    slong p = B->kind == BUNDLE_TENSORS ? B->p : B->kind == BUNDLE_FIELDS;
    slong q = B->kind == BUNDLE_TENSORS ? B->q : B->kind == BUNDLE_FORMS;
    fmpq_mat_init(acc, 1, 1);
    fmpq_mat_one(acc);
    for (slong s = 0; s < p + q; s++) {
        const fmpq_mat_struct *f = s < p ? h : hi;
        fmpq_mat_init(tmp, fmpq_mat_nrows(acc) * n, fmpq_mat_ncols(acc) * n);
        fmpq_mat_kronecker_product(tmp, acc, f);
        fmpq_mat_swap(acc, tmp);
        fmpq_mat_clear(tmp);
    }
    fmpq_mat_swap(T, acc);
    fmpq_mat_clear(acc);
    fmpq_mat_clear(hi);
    return ALG_OK;
}

/* The kernel rule: g = h on each block, T = rho_out(h) (x) rho_in(h)^-T / |det h|. */
static int kernel_discrete(fmpq_mat_t g, fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h,
                           char *err)
{
    slong m = B->m, N = B->n;
    if (fmpq_mat_nrows(h) != m || fmpq_mat_ncols(h) != m) {
        algebra_set_error(err, "the element is %ldx%ld but the kernels are over R^%ld",
                          (long)fmpq_mat_nrows(h), (long)fmpq_mat_ncols(h), (long)m);
        return ALG_ERR_ARG;
    }
    fmpq_t det;
    fmpq_init(det);
    fmpq_mat_det(det, h);
    if (fmpq_is_zero(det)) {
        fmpq_clear(det);
        algebra_set_error(err, "the element is singular");
        return ALG_ERR_SINGULAR;
    }
    fmpq_abs(det, det);
    fmpq_mat_t Ti, To, Tin;
    fmpq_mat_init(Ti, 0, 0);
    fmpq_mat_init(To, 0, 0);
    int st = rep_group(Ti, B->rin, h, err);
    if (!st)
        st = rep_group(To, B->rep, h, err);
    if (!st) {
        fmpq_mat_init(Tin, B->din, B->din);
        if (!fmpq_mat_inv(Tin, Ti)) {
            algebra_set_error(err, "the input representation of the element is singular");
            st = ALG_ERR_SINGULAR;
        } else {
            fmpq_mat_transpose(Tin, Tin);
            fmpq_mat_clear(T);
            fmpq_mat_init(T, B->k, B->k);
            fmpq_mat_kronecker_product(T, To, Tin);
            fmpq_inv(det, det);
            fmpq_mat_scalar_mul_fmpq(T, T, det);
            fmpq_mat_clear(g);
            fmpq_mat_init(g, N, N);
            for (slong blk = 0; blk < N / m; blk++)
                for (slong i = 0; i < m; i++)
                    for (slong j = 0; j < m; j++)
                        fmpq_set(fmpq_mat_entry(g, blk * m + i, blk * m + j),
                                 fmpq_mat_entry(h, i, j));
        }
        fmpq_mat_clear(Tin);
    }
    fmpq_mat_clear(Ti);
    fmpq_mat_clear(To);
    fmpq_clear(det);
    return st;
}

int bundle_discrete_action(fmpq_mat_t g, fmpq_mat_t T, const LieBundle *B, const fmpq_mat_t h,
                           char *err)
{
    if (B->kind == BUNDLE_KERNELS)
        return kernel_discrete(g, T, B, h, err);
    slong n = B->n;
    if (fmpq_mat_nrows(h) != n || fmpq_mat_ncols(h) != n) {
        algebra_set_error(err, "the element is %ldx%ld but there %s %ld coordinate%s",
                          (long)fmpq_mat_nrows(h), (long)fmpq_mat_ncols(h), n == 1 ? "is" : "are",
                          (long)n, n == 1 ? "" : "s");
        return ALG_ERR_ARG;
    }
    fmpq_mat_t hi;
    fmpq_mat_init(hi, n, n);
    int st = ALG_OK;
    if (!fmpq_mat_inv(hi, h)) {
        algebra_set_error(err, "the element is singular");
        st = ALG_ERR_SINGULAR;
    } else if (B->kind == BUNDLE_SCALARS) {
        fmpq_mat_clear(T);
        fmpq_mat_init(T, 1, 1);
        fmpq_mat_one(T);
    } else {
        st = bundle_group_matrix(T, B, h, err);
    }
    fmpq_mat_clear(hi);
    if (!st) {
        fmpq_mat_clear(g);
        fmpq_mat_init_set(g, h);
    }
    return st;
}
