/* promote.c — design matrices and the exact-then-float Lie-derivative
 * operator of promotion (see promote.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "symmetry/promote.h"
#include "exact/monobasis.h"
#include "exact/qmat.h"
#include "numeric/dlinalg.h"
#include "numeric/mpfr_orth.h"
#include "base/strbuf.h"

static int entries_ok(long r, long c)
{
    return r >= 0 && c >= 0 && (c == 0 || r <= PROMOTE_MAX_ENTRIES / c);
}

void promote_op_init(PromoteOp *op)
{
    memset(op, 0, sizeof *op);
}

void promote_op_clear(PromoteOp *op)
{
    dmat_free(op->Lmat);
    dmat_free(op->T);
    dmat_free(op->gens);
    dmat_free(op->Dmat);
    dmat_free(op->Fmat);
    memset(op, 0, sizeof *op);
}

/* ------------------------------------------------------------ exact images */

typedef struct ImageCtx {
    fmpq_mat_struct *M;       /* out x ncols */
    const fmpq_mat_struct *B; /* nfull x ncols */
} ImageCtx;

/* M[row, :] += val * B[col, :] */
static int image_emit(void *ctx, slong row, slong col, const fmpq_t val)
{
    ImageCtx *x = ctx;
    if (row < 0 || row >= fmpq_mat_nrows(x->M) || col < 0 || col >= fmpq_mat_nrows(x->B))
        return 1;
    for (slong b = 0; b < fmpq_mat_ncols(x->B); b++)
        if (!fmpq_is_zero(fmpq_mat_entry(x->B, col, b)))
            fmpq_addmul(fmpq_mat_entry(x->M, row, b), val, fmpq_mat_entry(x->B, col, b));
    return 0;
}

void promote_images_clear(fmpq_mat_struct *M, slong q)
{
    if (!M)
        return;
    for (slong i = 0; i < q; i++)
        fmpq_mat_clear(M + i);
    flint_free(M);
}

int promote_lie_images(fmpq_mat_struct **Mout, slong *dout, const ModelSpace *V, const fmpq_mat_t B,
                       const fmpq_mat_struct *gens, slong q, char *err)
{
    *Mout = NULL;
    if (V->kind != MODEL_SECTIONS)
        return sym_error(err, PROMOTE_ERR_ARG,
                         "promotion needs a space of polynomial sections "
                         "(polys, span), not layers");
    if (fmpq_mat_nrows(B) != V->nfull)
        return sym_error(err, PROMOTE_ERR_ARG, "the basis has %ld rows, not %ld",
                         (long)fmpq_mat_nrows(B), (long)V->nfull);
    LieBundle plain;
    const LieBundle *Bd = model_space_bundle(V, &plain, err);
    if (!Bd)
        return PROMOTE_ERR_ARG;
    int kind = Bd->kind;
    PolyVec *v = flint_malloc((q + 1) * sizeof(PolyVec));
    PolyMat *b = flint_malloc((q + 1) * sizeof(PolyMat));
    int st = 0;
    slong d = 0;
    for (slong i = 0; i < q; i++) {
        polyvec_init(v + i, V->n, V->R);
        polymat_init(b + i, V->k, V->k, V->R);
    }
    for (slong i = 0; i < q && !st; i++) {
        if (bundle_generator(v + i, b + i, Bd, gens + i, err))
            st = PROMOTE_ERR_ARG;
        if (!st) {
            slong di =
                section_lie_matrix_degree(kind == BUNDLE_SCALARS ? NULL : b + i, v + i, V->d);
            d = di > d ? di : d;
        }
    }
    slong nout = 0;
    if (!st) {
        nout = monobasis_size(V->n, d);
        if (nout < 0 || !qmat_size_ok(V->k * nout, fmpq_mat_ncols(B)) ||
            !entries_ok(V->k * nout, fmpq_mat_ncols(B)))
            st = sym_error(err, PROMOTE_ERR_LIMIT,
                           "the Lie derivatives are too large (degree %ld "
                           "in %ld variables)",
                           (long)d, (long)V->n);
    }
    fmpq_mat_struct *M = NULL;
    if (!st) {
        M = flint_malloc((q + 1) * sizeof(fmpq_mat_struct));
        for (slong i = 0; i < q; i++)
            fmpq_mat_init(M + i, V->k * nout, fmpq_mat_ncols(B));
    }
    for (slong i = 0; i < q && !st; i++) {
        ImageCtx ctx = {M + i, B};
        slong dd = d;
        char perr[POLY_ERR_LEN] = "";
        if (section_lie_matrix(image_emit, &ctx, kind == BUNDLE_SCALARS ? NULL : b + i, v + i, V->k,
                               V->d, &dd, perr))
            st = sym_error(err, PROMOTE_ERR_ARG, "%s", perr[0] ? perr : "Lie derivative failed");
    }
    for (slong i = 0; i < q; i++) {
        polyvec_clear(v + i);
        polymat_clear(b + i);
    }
    flint_free(v);
    flint_free(b);
    if (st) {
        promote_images_clear(M, M ? q : 0);
        return st;
    }
    *Mout = M;
    *dout = d;
    return 0;
}

/* ------------------------------------------------------------ measures */

/* m-th moment of the uniform probability measure on [a, b]:
   (b^(m+1) - a^(m+1)) / ((m+1)(b - a)). */
static void moment(fmpq_t r, const fmpq_t a, const fmpq_t b, ulong m)
{
    fmpq_t t, u;
    fmpq_init(t);
    fmpq_init(u);
    fmpq_pow_si(t, b, (slong)m + 1);
    fmpq_pow_si(u, a, (slong)m + 1);
    fmpq_sub(r, t, u);
    fmpq_sub(t, b, a);
    fmpq_mul_ui(t, t, m + 1);
    fmpq_div(r, r, t);
    fmpq_clear(t);
    fmpq_clear(u);
}

int promote_box_gram(fmpq_mat_t G, slong n, slong d, const fmpq *lo, const fmpq *hi, char *err)
{
    for (slong j = 0; j < n; j++)
        if (fmpq_cmp(lo + j, hi + j) >= 0)
            return sym_error(err, PROMOTE_ERR_ARG, "the box has lo >= hi in dimension %ld",
                             (long)j + 1);
    MonoBasis mb;
    char perr[POLY_ERR_LEN] = "";
    if (monobasis_init(&mb, n, d, perr))
        return sym_error(err, PROMOTE_ERR_LIMIT, "%s", perr);
    slong N = mb.size;
    if (!qmat_size_ok(N, N)) {
        monobasis_clear(&mb);
        return sym_error(err, PROMOTE_ERR_LIMIT, "the Gram matrix is too large (%ld monomials)",
                         (long)N);
    }
    /* mom[j*(2d+1) + m] = m-th moment in coordinate j */
    fmpq *mom = _fmpq_vec_init(n * (2 * d + 1) + 1);
    for (slong j = 0; j < n; j++)
        for (slong m = 0; m <= 2 * d; m++)
            moment(mom + j * (2 * d + 1) + m, lo + j, hi + j, (ulong)m);
    fmpq_mat_clear(G);
    fmpq_mat_init(G, N, N);
    for (slong a = 0; a < N; a++)
        for (slong b = a; b < N; b++) {
            fmpq *e = fmpq_mat_entry(G, a, b);
            fmpq_one(e);
            const ulong *ea = monobasis_exp(&mb, a), *eb = monobasis_exp(&mb, b);
            for (slong j = 0; j < n; j++)
                fmpq_mul(e, e, mom + j * (2 * d + 1) + (slong)(ea[j] + eb[j]));
            fmpq_set(fmpq_mat_entry(G, b, a), e);
        }
    _fmpq_vec_clear(mom, n * (2 * d + 1) + 1);
    monobasis_clear(&mb);
    return 0;
}

/* *E (new m x size) = the monomials of mb at the rows of X (m x n). */
static int eval_monomials(DMat **E, const MonoBasis *mb, const DMat *X)
{
    int m = X->rows;
    slong n = mb->nvars, d = mb->degree;
    if (!entries_ok(m, mb->size) || !entries_ok(n, d + 1))
        return PROMOTE_ERR_LIMIT;
    DMat *R = dmat_new(m, (int)mb->size);
    double *pw = malloc((size_t)(n * (d + 1) + 1) * sizeof(double));
    if (!R || !pw) {
        dmat_free(R);
        free(pw);
        return PROMOTE_ERR_NOMEM;
    }
    for (int t = 0; t < m; t++) {
        for (slong j = 0; j < n; j++) {
            double x = DMAT_AT(X, t, j), p = 1;
            for (slong e = 0; e <= d; e++) {
                pw[j * (d + 1) + e] = p;
                p *= x;
            }
        }
        for (slong a = 0; a < mb->size; a++) {
            const ulong *ex = monobasis_exp(mb, a);
            double v = 1;
            for (slong j = 0; j < n; j++)
                v *= pw[j * (d + 1) + (slong)ex[j]];
            DMAT_AT(R, t, a) = v;
        }
    }
    free(pw);
    *E = R;
    return 0;
}

/* *F (new r x nout) with <f, g>_mu = (F f) . (F g) for scalar polynomials of
   degree <= d (coefficients in monobasis order). */
static int measure_factor(DMat **F, slong n, slong d, const PromoteMeasure *mu, mpfr_prec_t prec,
                          char *err)
{
    *F = NULL;
    if (mu->kind == PROMOTE_BOX) {
        fmpq_mat_t G;
        fmpq_mat_init(G, 0, 0);
        int st = promote_box_gram(G, n, d, mu->lo, mu->hi, err);
        DMat *L = NULL;
        if (st) {
            fmpq_mat_clear(G);
            return st;
        }
        for (int tries = 0; tries < 4; tries++) {
            st = mpfr_orth_cholesky(&L, G, prec);
            if (st != DLINALG_ERR_PRECISION)
                break;
            prec *= 4;
            if (prec > MPFR_ORTH_PREC_MAX)
                break;
        }
        fmpq_mat_clear(G);
        if (st)
            return sym_error(err, PROMOTE_ERR_NUMERIC,
                             "orthonormalising the monomials on the box: "
                             "%s",
                             dlinalg_strerror(st));
        *F = dmat_transpose(L);
        dmat_free(L);
        return *F ? 0 : sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    }
    const DMat *P = mu->points;
    if (!P || P->rows < 1 || P->cols != n)
        return sym_error(err, PROMOTE_ERR_ARG,
                         "the measure's points must be an m x %ld matrix "
                         "with m >= 1",
                         (long)n);
    if (dmat_has_nonfinite(P))
        return sym_error(err, PROMOTE_ERR_ARG, "the measure's points contain NaN or Inf");
    MonoBasis mb;
    char perr[POLY_ERR_LEN] = "";
    if (monobasis_init(&mb, n, d, perr))
        return sym_error(err, PROMOTE_ERR_LIMIT, "%s", perr);
    DMat *E = NULL;
    int st = eval_monomials(&E, &mb, P);
    monobasis_clear(&mb);
    if (st)
        return sym_error(err, st, "the measure's points are too many");
    dmat_scale(E, 1.0 / sqrt((double)P->rows));
    if (E->rows > E->cols) {
        /* only E^T E matters: replace E by R of E = Q R */
        DMat *Q = NULL, *R = NULL;
        st = dlinalg_qr(&Q, &R, E);
        dmat_free(Q);
        dmat_free(E);
        if (st)
            return sym_error(err, PROMOTE_ERR_NUMERIC, "QR of the evaluation matrix: %s",
                             dlinalg_strerror(st));
        E = R;
    }
    *F = E;
    return 0;
}

/* ------------------------------------------------------------ the operator */

int promote_op_build(PromoteOp *op, const ModelSpace *V, const fmpq_mat_t Bin,
                     const fmpq_mat_struct *gens, slong q, const PromoteMeasure *mu,
                     mpfr_prec_t prec, char *err)
{
    promote_op_init(op);
    if (q < 1)
        return sym_error(err, PROMOTE_ERR_ARG, "the candidate algebra is empty");
    slong n = fmpq_mat_nrows(gens);
    for (slong i = 0; i < q; i++)
        if (fmpq_mat_nrows(gens + i) != n || fmpq_mat_ncols(gens + i) != n)
            return sym_error(err, PROMOTE_ERR_ARG, "the generators have different sizes");
    if (V->kind != MODEL_SECTIONS)
        return sym_error(err, PROMOTE_ERR_ARG,
                         "promotion needs a space of polynomial sections "
                         "(polys, span), not layers");
    if (prec < MPFR_ORTH_PREC_MIN)
        prec = MPFR_ORTH_PREC_MIN;
    /* algebra: exact Frobenius Gram, orthonormalised in MPFR */
    fmpq_mat_t Ga;
    fmpq_mat_init(Ga, q, q);
    for (slong i = 0; i < q; i++)
        for (slong j = 0; j < q; j++) {
            fmpq *e = fmpq_mat_entry(Ga, i, j);
            for (slong r = 0; r < n; r++)
                for (slong s = 0; s < n; s++)
                    fmpq_addmul(e, fmpq_mat_entry(gens + i, r, s), fmpq_mat_entry(gens + j, r, s));
        }
    DMat *T = NULL;
    int st = mpfr_orth_transform(&T, Ga, prec < 256 ? 256 : prec);
    fmpq_mat_clear(Ga);
    if (st == DLINALG_ERR_NOT_POSDEF)
        return sym_error(err, PROMOTE_ERR_ARG, "the candidate generators are linearly dependent");
    if (st)
        return sym_error(err, PROMOTE_ERR_NUMERIC, "orthonormalising the algebra: %s",
                         dlinalg_strerror(st));
    op->T = T;
    op->n = n;
    op->q = (int)q;
    if (!entries_ok(n * n, q) || !(op->gens = dmat_new((int)(n * n), (int)q))) {
        promote_op_clear(op);
        return sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    }
    for (slong i = 0; i < q; i++)
        for (slong r = 0; r < n; r++)
            for (slong s = 0; s < n; s++)
                DMAT_AT(op->gens, r * n + s, i) = fmpq_get_d(fmpq_mat_entry(gens + i, r, s));
    /* the basis */
    fmpq_mat_t Bown;
    const fmpq_mat_struct *B = Bin;
    if (!Bin) {
        fmpq_mat_init(Bown, 0, 0);
        if (model_space_get_basis(Bown, V)) {
            fmpq_mat_clear(Bown);
            promote_op_clear(op);
            return sym_error(err, PROMOTE_ERR_LIMIT, "the model space's basis is too large");
        }
        B = Bown;
    }
    fmpq_mat_struct *M = NULL;
    slong dout = 0;
    st = promote_lie_images(&M, &dout, V, B, gens, q, err);
    slong N = fmpq_mat_ncols(B);
    if (!Bin)
        fmpq_mat_clear(Bown);
    if (st) {
        promote_op_clear(op);
        return st;
    }
    DMat *F = NULL;
    st = measure_factor(&F, V->n, dout, mu, prec, err);
    if (st) {
        promote_images_clear(M, q);
        promote_op_clear(op);
        return st;
    }
    slong nout = F->cols, r = F->rows, k = V->k, p = k * r;
    if (p < 1 || !entries_ok(p * q, N) || N > 0x7fffffff) {
        dmat_free(F);
        promote_images_clear(M, q);
        promote_op_clear(op);
        return sym_error(err, PROMOTE_ERR_LIMIT, "the operator is too large (%ld x %ld x %ld)",
                         (long)p, (long)q, (long)N);
    }
    op->p = (int)p;
    op->N = (int)N;
    op->Lmat = dmat_zeros((int)(p * q), (int)N);
    DMat *Md = dmat_new((int)nout, (int)N), *P = NULL;
    if (!op->Lmat || !Md) {
        dmat_free(Md);
        dmat_free(F);
        promote_images_clear(M, q);
        promote_op_clear(op);
        return sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    }
    for (slong i = 0; i < q && !st; i++)
        for (slong c = 0; c < k && !st; c++) {
            for (slong a = 0; a < nout; a++)
                for (slong b = 0; b < N; b++)
                    DMAT_AT(Md, a, b) = fmpq_get_d(fmpq_mat_entry(M + i, c * nout + a, b));
            st = dmat_mul(&P, F, Md); /* r x N */
            if (st)
                break;
            /* L_b[(c*r + a), j] += T[i][j] * P[a][b] */
            for (slong j = 0; j < q; j++) {
                double t = DMAT_AT(T, i, j);
                if (t == 0)
                    continue;
                for (slong b = 0; b < N; b++)
                    for (slong a = 0; a < r; a++)
                        DMAT_AT(op->Lmat, (c * r + a) + j * p, b) += t * DMAT_AT(P, a, b);
            }
            dmat_free(P);
            P = NULL;
        }
    dmat_free(Md);
    dmat_free(F);
    promote_images_clear(M, q);
    if (st) {
        promote_op_clear(op);
        return sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    }
    if (dmat_has_nonfinite(op->Lmat)) {
        promote_op_clear(op);
        return sym_error(err, PROMOTE_ERR_NUMERIC, "the operator overflowed (box too large?)");
    }
    return 0;
}

/* Dense accumulation of a section_act_matrix. */
static int dense_emit(void *ctx, slong row, slong col, const fmpq_t val)
{
    fmpq_mat_struct *A = ctx;
    if (row < 0 || col < 0 || row >= fmpq_mat_nrows(A) || col >= fmpq_mat_ncols(A))
        return 1;
    fmpq_add(fmpq_mat_entry(A, row, col), fmpq_mat_entry(A, row, col), val);
    return 0;
}

int promote_op_add_discrete(PromoteOp *op, const ModelSpace *V, const fmpq_mat_t Bin,
                            const fmpq_mat_struct *disc, slong nd, const PromoteMeasure *mu,
                            mpfr_prec_t prec, char *err)
{
    if (nd <= 0)
        return 0;
    if (V->kind != MODEL_SECTIONS)
        return sym_error(err, PROMOTE_ERR_ARG, "promotion needs a space of polynomial sections");
    if (prec < MPFR_ORTH_PREC_MIN)
        prec = MPFR_ORTH_PREC_MIN;
    fmpq_mat_t Bown;
    const fmpq_mat_struct *B = Bin;
    fmpq_mat_init(Bown, 0, 0);
    if (!Bin) {
        if (model_space_get_basis(Bown, V)) {
            fmpq_mat_clear(Bown);
            return sym_error(err, PROMOTE_ERR_LIMIT, "the model space's basis is too large");
        }
        B = Bown;
    }
    slong nfull = fmpq_mat_nrows(B), N = fmpq_mat_ncols(B), k = V->k;
    DMat *F = NULL;
    int st = measure_factor(&F, V->n, V->d, mu, prec, err);
    if (st) {
        fmpq_mat_clear(Bown);
        return st;
    }
    slong r = F->rows, nout = F->cols, pd = k * r;
    if (nout * k != nfull || !entries_ok(pd * nd, N) || !entries_ok(nfull, nfull)) {
        dmat_free(F);
        fmpq_mat_clear(Bown);
        return sym_error(err, PROMOTE_ERR_LIMIT, "the discrete penalty is too large (%ld x %ld)",
                         (long)(pd * nd), (long)N);
    }
    DMat *D = dmat_zeros((int)(pd * nd), (int)N), *Ed = dmat_new((int)nout, (int)N), *P = NULL;
    DMat *Fm = dmat_zeros((int)pd, (int)N);
    fmpq_mat_t A, E, g, Tm;
    fmpq_mat_init(A, nfull, nfull);
    fmpq_mat_init(E, nfull, N);
    fmpq_mat_init(g, 0, 0);
    fmpq_mat_init(Tm, 0, 0);
    char merr[MODEL_ERR_LEN] = "";
    if (!D || !Ed || !Fm)
        st = sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    for (slong c = 0; c < k && !st; c++) { /* the coordinates of F_b itself */
        for (slong a = 0; a < nout; a++)
            for (slong b = 0; b < N; b++)
                DMAT_AT(Ed, a, b) = fmpq_get_d(fmpq_mat_entry(B, c * nout + a, b));
        if (dmat_mul(&P, F, Ed)) {
            st = sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
            break;
        }
        for (slong b = 0; b < N; b++)
            for (slong a = 0; a < r; a++)
                DMAT_AT(Fm, c * r + a, b) = DMAT_AT(P, a, b);
        dmat_free(P);
        P = NULL;
    }
    for (slong j = 0; j < nd && !st; j++) {
        if (model_discrete_action(g, Tm, V, disc + j, j, merr)) {
            st = sym_error(err, PROMOTE_ERR_ARG, "%s", merr);
            break;
        }
        fmpq_mat_zero(A);
        if (section_act_matrix(dense_emit, A, g, Tm, k, V->d, merr)) {
            st = sym_error(err, PROMOTE_ERR_ARG, "discrete generator %ld: %s", (long)j + 1,
                           merr[0] ? merr : "its action failed");
            break;
        }
        fmpq_mat_mul(E, A, B); /* full coefficients of K_h F_b - F_b */
        for (slong c = 0; c < k && !st; c++) {
            for (slong a = 0; a < nout; a++)
                for (slong b = 0; b < N; b++)
                    DMAT_AT(Ed, a, b) = fmpq_get_d(fmpq_mat_entry(E, c * nout + a, b));
            if (dmat_mul(&P, F, Ed)) { /* r x N */
                st = sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
                break;
            }
            for (slong b = 0; b < N; b++)
                for (slong a = 0; a < r; a++)
                    DMAT_AT(D, j * pd + c * r + a, b) = DMAT_AT(P, a, b);
            dmat_free(P);
            P = NULL;
        }
    }
    fmpq_mat_clear(A);
    fmpq_mat_clear(E);
    fmpq_mat_clear(g);
    fmpq_mat_clear(Tm);
    fmpq_mat_clear(Bown);
    dmat_free(Ed);
    dmat_free(F);
    if (!st && dmat_has_nonfinite(D))
        st =
            sym_error(err, PROMOTE_ERR_NUMERIC, "the discrete penalty overflowed (box too large?)");
    if (st) {
        dmat_free(D);
        dmat_free(Fm);
        return st;
    }
    op->nd = (int)nd;
    op->pd = (int)pd;
    op->Dmat = D;
    op->Fmat = Fm;
    return 0;
}

int promote_op_admm(DMat **Lbig, int *Pout, int *Qout, const PromoteOp *op)
{
    int p = op->p, q = op->q, nd = op->nd, pd = op->pd, N = op->N;
    int P = p + nd * pd, Q = q + nd;
    *Lbig = NULL;
    if (!entries_ok((slong)P * Q, N))
        return PROMOTE_ERR_LIMIT;
    DMat *L = nd ? dmat_zeros(P * Q, N) : dmat_copy(op->Lmat);
    if (!L)
        return PROMOTE_ERR_NOMEM;
    for (int b = 0; nd && b < N; b++) {
        for (int j = 0; j < q; j++)
            for (int i = 0; i < p; i++)
                DMAT_AT(L, i + j * P, b) = DMAT_AT(op->Lmat, i + j * p, b);
        for (int t = 0; t < nd; t++)
            for (int a = 0; a < pd; a++)
                DMAT_AT(L, (p + t * pd + a) + (q + t) * P, b) = DMAT_AT(op->Dmat, t * pd + a, b);
    }
    *Lbig = L;
    *Pout = P;
    *Qout = Q;
    return 0;
}

int promote_op_discrete(DMat **r, double *fnorm, const PromoteOp *op, const double *c)
{
    DMat *R = dmat_zeros(op->nd, 1);
    if (!R)
        return PROMOTE_ERR_NOMEM;
    for (int t = 0; t < op->nd; t++) {
        double s2 = 0;
        for (int a = 0; a < op->pd; a++) {
            double v = 0;
            for (int b = 0; b < op->N; b++)
                v += DMAT_AT(op->Dmat, t * op->pd + a, b) * c[b];
            s2 += v * v;
        }
        R->data[t] = sqrt(s2);
    }
    double f2 = 0;
    for (int a = 0; op->Fmat && a < op->pd; a++) {
        double v = 0;
        for (int b = 0; b < op->N; b++)
            v += DMAT_AT(op->Fmat, a, b) * c[b];
        f2 += v * v;
    }
    *fnorm = sqrt(f2);
    *r = R;
    return 0;
}

int promote_op_apply(DMat **L, const PromoteOp *op, const double *c)
{
    DMat *R = dmat_zeros(op->p, op->q);
    if (!R)
        return PROMOTE_ERR_NOMEM;
    for (int b = 0; b < op->N; b++) {
        if (c[b] == 0)
            continue;
        for (int e = 0; e < op->p * op->q; e++)
            R->data[e] += c[b] * DMAT_AT(op->Lmat, e, b);
    }
    *L = R;
    return 0;
}

/* ------------------------------------------------------------ symmetries */

/* Column l of S (nn rows) = right singular vector row `row` of Vt mapped to
   the generators (T v), its largest entry made positive, tiny entries 0. */
static void direction_to_gens(DMat *S, int l, const PromoteOp *op, const DMat *Vt, int row)
{
    int q = op->q, nn = (int)(op->n * op->n);
    for (int i = 0; i < q; i++) {
        double a = 0;
        for (int j = 0; j < q; j++)
            a += DMAT_AT(op->T, i, j) * DMAT_AT(Vt, row, j);
        for (int e = 0; e < nn; e++)
            DMAT_AT(S, e, l) += a * DMAT_AT(op->gens, e, i);
    }
    int big = 0;
    for (int e = 1; e < nn; e++)
        if (fabs(DMAT_AT(S, e, l)) > fabs(DMAT_AT(S, big, l)) * (1 + 1e-9))
            big = e;
    if (nn && DMAT_AT(S, big, l) < 0)
        for (int e = 0; e < nn; e++)
            DMAT_AT(S, e, l) = -DMAT_AT(S, e, l);
    for (int e = 0; e < nn; e++)
        if (fabs(DMAT_AT(S, e, l)) < 1e-15)
            DMAT_AT(S, e, l) = 0;
}

int promote_symmetries(DMat **sout, RankGap *rg, DMat **syms, DMat **all, double *closure,
                       const PromoteOp *op, const DMat *L, double tol, double scale)
{
    int p = L->rows, q = L->cols, n = (int)op->n, nn = n * n;
    if (all)
        *all = NULL;
    if (q != op->q)
        return PROMOTE_ERR_ARG;
    int rows = p > q ? p : q;
    DMat *Lp = dmat_zeros(rows, q);
    if (!Lp)
        return PROMOTE_ERR_NOMEM;
    for (int j = 0; j < q; j++)
        for (int i = 0; i < p; i++)
            DMAT_AT(Lp, i, j) = DMAT_AT(L, i, j);
    DMat *s = NULL, *Vt = NULL;
    int st = dlinalg_svd(NULL, &s, &Vt, Lp);
    dmat_free(Lp);
    if (st)
        return PROMOTE_ERR_NUMERIC;
    double s1 = q ? s->data[0] : 0;
    /* sizes are measured against the operator's size: the largest singular
       value, or the caller's scale (for a symmetric model every singular
       value is tiny); the rule is rankgap.h's */
    double ref = s1 > scale ? s1 : scale;
    if (!(ref > 0))
        ref = 1;
    /* With a scale, the operator's size without cancellations leads the
       list as a virtual first value: a gap between it and s_1 says every
       direction is (approximately) a symmetry, which a single singular value
       (q = 1) could not say otherwise. */
    double *sv = malloc(sizeof(double) * (size_t)(q + 1));
    if (!sv) {
        dmat_free(s);
        dmat_free(Vt);
        return PROMOTE_ERR_NOMEM;
    }
    int off = scale > 0 ? 1 : 0;
    sv[0] = ref;
    for (int i = 0; i < q; i++)
        sv[i + off] = s->data[i];
    int dec = rankgap_decide(rg, sv, q + off, ref, tol, -1);
    free(sv);
    if (dec < 0) {
        dmat_free(s);
        dmat_free(Vt);
        return PROMOTE_ERR_NUMERIC;
    }
    if (off) { /* back to the real singular values */
        rg->rank = rg->rank > 0 ? rg->rank - 1 : 0;
        rg->nnull = q - rg->rank;
        if (rg->nnull == q && q > 0)
            rg->gap = s->data[0] > 0 ? ref / s->data[0] : HUGE_VAL;
    }
    int r = rg->rank;
    int m = q - r;
    DMat *S = dmat_zeros(nn, m), *A = all ? dmat_zeros(nn, q) : NULL;
    if (!S || (all && !A)) {
        dmat_free(s);
        dmat_free(Vt);
        dmat_free(S);
        dmat_free(A);
        return PROMOTE_ERR_NOMEM;
    }
    for (int l = 0; l < m; l++)
        direction_to_gens(S, l, op, Vt, r + l);
    for (int l = 0; A && l < q; l++)
        direction_to_gens(A, l, op, Vt, l);
    if (all)
        *all = A;
    dmat_free(Vt);
    /* closure of the kept span under the bracket */
    double num = 0, den = 0;
    if (m >= 2) {
        DMat *Q = NULL, *R = NULL;
        st = dlinalg_qr(&Q, &R, S);
        dmat_free(R);
        double *C = malloc((size_t)nn * sizeof(double)), *A = malloc((size_t)nn * sizeof(double));
        for (int a = 0; !st && C && A && a < m; a++)
            for (int b = a + 1; b < m; b++) {
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) {
                        double v = 0;
                        for (int t = 0; t < n; t++)
                            v += DMAT_AT(S, i * n + t, a) * DMAT_AT(S, t * n + j, b) -
                                 DMAT_AT(S, i * n + t, b) * DMAT_AT(S, t * n + j, a);
                        C[i * n + j] = v;
                    }
                memcpy(A, C, (size_t)nn * sizeof(double));
                for (int l = 0; l < Q->cols; l++) {
                    double dot = 0;
                    for (int e = 0; e < nn; e++)
                        dot += DMAT_AT(Q, e, l) * C[e];
                    for (int e = 0; e < nn; e++)
                        A[e] -= dot * DMAT_AT(Q, e, l);
                }
                for (int e = 0; e < nn; e++) {
                    num += A[e] * A[e];
                    den += C[e] * C[e];
                }
            }
        free(C);
        free(A);
        dmat_free(Q);
        st = 0;
    }
    *closure = den > 1e-24 ? sqrt(num / den) : 0;
    *sout = s;
    *syms = S;
    return 0;
}

/* ------------------------------------------------------------ data */

int promote_basis_d(DMat **Bd, const ModelSpace *V, char *err)
{
    if (!entries_ok(V->nfull, V->dim) || V->nfull > 0x7fffffff)
        return sym_error(err, PROMOTE_ERR_LIMIT, "the model space is too large for floats");
    DMat *B = dmat_zeros((int)V->nfull, (int)V->dim);
    if (!B)
        return sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    fmpq *col = _fmpq_vec_init(V->nfull + 1);
    for (slong j = 0; j < V->dim; j++) {
        model_space_basis_column(col, V, j);
        for (slong i = 0; i < V->nfull; i++)
            DMAT_AT(B, i, j) = fmpq_get_d(col + i);
    }
    _fmpq_vec_clear(col, V->nfull + 1);
    *Bd = B;
    return 0;
}

int promote_design(DMat **Theta, const ModelSpace *V, const DMat *Bd, const DMat *X, char *err)
{
    *Theta = NULL;
    if (V->kind != MODEL_SECTIONS)
        return sym_error(err, PROMOTE_ERR_ARG,
                         "fitting needs a space of polynomial sections "
                         "(polys, span), not layers");
    if (X->cols != V->n)
        return sym_error(err, PROMOTE_ERR_ARG,
                         "X has %d column%s but the models have %ld "
                         "coordinate%s",
                         X->cols, X->cols == 1 ? "" : "s", (long)V->n, V->n == 1 ? "" : "s");
    if (Bd->rows != V->nfull)
        return sym_error(err, PROMOTE_ERR_ARG, "the coefficients have %d rows, not %ld", Bd->rows,
                         (long)V->nfull);
    if (dmat_has_nonfinite(X))
        return sym_error(err, PROMOTE_ERR_ARG, "X contains NaN or Inf");
    slong k = V->k, m = X->rows, N = Bd->cols;
    if (!entries_ok(m * k, N))
        return sym_error(err, PROMOTE_ERR_LIMIT, "the design matrix is too large (%ld x %ld)",
                         (long)(m * k), (long)N);
    MonoBasis mb;
    char perr[POLY_ERR_LEN] = "";
    if (monobasis_init(&mb, V->n, V->d, perr))
        return sym_error(err, PROMOTE_ERR_LIMIT, "%s", perr);
    DMat *E = NULL;
    int st = eval_monomials(&E, &mb, X);
    slong nd = mb.size;
    monobasis_clear(&mb);
    if (st)
        return sym_error(err, st, "too many data points");
    DMat *Th = dmat_zeros((int)(m * k), (int)N), *Bc = dmat_new((int)nd, (int)N), *P = NULL;
    if (!Th || !Bc) {
        dmat_free(E);
        dmat_free(Th);
        dmat_free(Bc);
        return sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    }
    for (slong c = 0; c < k && !st; c++) {
        for (slong a = 0; a < nd; a++)
            for (slong b = 0; b < N; b++)
                DMAT_AT(Bc, a, b) = DMAT_AT(Bd, c * nd + a, b);
        st = dmat_mul(&P, E, Bc);
        for (slong t = 0; !st && t < m; t++)
            for (slong b = 0; b < N; b++)
                DMAT_AT(Th, t * k + c, b) = DMAT_AT(P, t, b);
        dmat_free(P);
        P = NULL;
    }
    dmat_free(E);
    dmat_free(Bc);
    if (st) {
        dmat_free(Th);
        return sym_error(err, PROMOTE_ERR_NOMEM, "out of memory");
    }
    *Theta = Th;
    return 0;
}

int promote_flatten(DMat **y, const DMat *Y)
{
    DMat *r = dmat_new(Y->rows * Y->cols, 1);
    if (!r)
        return PROMOTE_ERR_NOMEM;
    for (int t = 0; t < Y->rows; t++)
        for (int c = 0; c < Y->cols; c++)
            r->data[t * Y->cols + c] = DMAT_AT(Y, t, c);
    *y = r;
    return 0;
}

/* ------------------------------------------------------------ formulas */

static void put_poly(StrBuf *sb, const MonoBasis *mb, const PolyRing *R, const double *f,
                     double cut)
{
    int any = 0;
    for (slong deg = mb->degree; deg >= 0; deg--)
        for (slong a = 0; a < mb->size; a++) {
            const ulong *e = monobasis_exp(mb, a);
            slong td = 0;
            for (slong j = 0; j < mb->nvars; j++)
                td += (slong)e[j];
            if (td != deg || !(fabs(f[a]) > cut))
                continue;
            char num[40];
            snprintf(num, sizeof num, "%.6g", fabs(f[a]));
            if (any)
                sb_puts(sb, f[a] < 0 ? " - " : " + ");
            else if (f[a] < 0)
                sb_putc(sb, '-');
            any = 1;
            int unit = strcmp(num, "1") == 0 && deg > 0;
            if (!unit)
                sb_puts(sb, num);
            int first = unit;
            for (slong j = 0; j < mb->nvars; j++) {
                if (!e[j])
                    continue;
                if (!first)
                    sb_putc(sb, '*');
                first = 0;
                sb_puts(sb, R->names[j]);
                if (e[j] > 1)
                    sb_printf(sb, "^%lu", (unsigned long)e[j]);
            }
        }
    if (!any)
        sb_putc(sb, '0');
}

char *promote_formula(const ModelSpace *V, const double *f)
{
    if (V->kind != MODEL_SECTIONS)
        return NULL;
    MonoBasis mb;
    if (monobasis_init(&mb, V->n, V->d, NULL))
        return NULL;
    double big = 0;
    for (slong i = 0; i < V->nfull; i++)
        big = fabs(f[i]) > big ? fabs(f[i]) : big;
    StrBuf sb = STRBUF_INIT;
    if (V->k > 1)
        sb_putc(&sb, '[');
    for (slong c = 0; c < V->k; c++) {
        if (c)
            sb_puts(&sb, "; ");
        put_poly(&sb, &mb, V->R, f + c * mb.size, PROMOTE_FORMULA_CUT * big);
    }
    if (V->k > 1)
        sb_putc(&sb, ']');
    monobasis_clear(&mb);
    char *s = strdup(sb_str(&sb));
    sb_free(&sb);
    return s;
}
