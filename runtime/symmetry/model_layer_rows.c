/* model_layer_rows.c — the constraint rows of a layer space built from
 * SPARSE images of its representations (rep_image_sparse,
 * rep_group_element_sparse), so that layers between representations past
 * the dense size (rep.h) get their rows without any dense matrix of a
 * representation:
 *   dρ_out(ξ) W − W dρ_in(ξ) = 0,  dρ_out(ξ) b = 0          (algebra),
 *   ρ_out(h) W − W ρ_in(h) = 0,    ρ_out(h) b − b = 0        (group),
 * plus the implied half-turn rows of model.c (ξ³ = −ξ gives the rational
 * element h = I + 2ξ² of the connected group).  The rows are those of
 * model.c's dense builder, in the same order; model_constraint_rows calls
 * this for every layer space with a non-dense representation. */
#include <string.h>
#include "symmetry/model_layer_rows.h"
#include "lie/discrete.h"

/* Rows of Bm W - W Am = 0 and (Bm - shift I) b = 0; At = Am^T (its rows
   are Am's columns). */
static int sparse_rows(SpMat *C, const ModelSpace *V, const SpMat *Bm, const SpMat *At, int shift)
{
    slong din = V->din, dout = V->dout, mb = 0, ma = 0;
    for (slong r = 0; r < dout; r++)
        mb = FLINT_MAX(mb, Bm->ptr[r + 1] - Bm->ptr[r]);
    for (slong b = 0; b < din; b++)
        ma = FLINT_MAX(ma, At->ptr[b + 1] - At->ptr[b]);
    slong len = ma + mb + 2;
    slong *cols = malloc(len * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(len);
    int st = 0;
    for (slong r = 0; r < dout && !st; r++) {
        if ((r & 63) == 63 && sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        for (slong b = 0; b < din && !st; b++) {
            slong t = 0;
            for (slong s = Bm->ptr[r]; s < Bm->ptr[r + 1]; s++) {
                cols[t] = Bm->col[s] * din + b;
                fmpq_set(vals + t++, Bm->val + s);
            }
            for (slong s = At->ptr[b]; s < At->ptr[b + 1]; s++) {
                cols[t] = r * din + At->col[s];
                fmpq_neg(vals + t++, At->val + s);
            }
            if (t)
                st = spmat_append_row(C, cols, vals, t);
        }
    }
    for (slong r = 0; V->bias && r < dout && !st; r++) {
        slong t = 0;
        for (slong s = Bm->ptr[r]; s < Bm->ptr[r + 1]; s++) {
            cols[t] = dout * din + Bm->col[s];
            fmpq_set(vals + t++, Bm->val + s);
        }
        if (shift) {
            cols[t] = dout * din + r;
            fmpq_set_si(vals + t++, -1, 1);
        }
        if (t)
            st = spmat_append_row(C, cols, vals, t);
    }
    free(cols);
    _fmpq_vec_clear(vals, len);
    return st;
}

/* Rows for the pair (Bm, Am) (Am transposed here); a QMAT status gets its
   message. */
static int pair_rows(SpMat *C, const ModelSpace *V, const SpMat *Bm, const SpMat *Am, int shift,
                     char *err)
{
    /* Am^T: its rows are Am's columns */
    slong n = Am->c, *cnt = calloc(n + 2, sizeof(slong));
    for (slong t = 0; t < Am->nnz; t++)
        cnt[Am->col[t] + 1]++;
    for (slong i = 0; i < n; i++)
        cnt[i + 1] += cnt[i];
    SpMat At;
    spmat_init(&At, Am->r);
    slong *rows = malloc((Am->nnz + 1) * sizeof(slong)),
          *ord = malloc((Am->nnz + 1) * sizeof(slong));
    for (slong i = 0; i < Am->r; i++)
        for (slong t = Am->ptr[i]; t < Am->ptr[i + 1]; t++) {
            ord[cnt[Am->col[t]]] = t;
            rows[cnt[Am->col[t]]++] = i;
        }
    int st = 0;
    slong lo = 0, mx = 0;
    for (slong i = 0; i < n; i++) {
        mx = FLINT_MAX(mx, cnt[i] - lo);
        lo = cnt[i];
    }
    fmpq *v = _fmpq_vec_init(mx + 1);
    lo = 0;
    for (slong i = 0; i < n && !st; i++) {
        for (slong t = lo; t < cnt[i]; t++)
            fmpq_set(v + t - lo, Am->val + ord[t]);
        st = spmat_append_row(&At, rows + lo, v, cnt[i] - lo);
        lo = cnt[i];
    }
    _fmpq_vec_clear(v, mx + 1);
    free(rows);
    free(ord);
    free(cnt);
    if (!st)
        st = sparse_rows(C, V, Bm, &At, shift);
    spmat_clear(&At);
    if (st)
        sym_error(err, st, "%s", qmat_strerror(st));
    return st;
}

/* The half-turn rows of xi (see model.c's layer_half_turn_rows): skipped
   without error when xi is not a rotation generator or a rep has no group
   action. */
static int half_turn_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_t xi, char *err)
{
    const MatRep *A = V->rin, *B = V->rout;
    slong n = fmpq_mat_nrows(xi);
    if (A->alg->affine || n != fmpq_mat_ncols(xi) || fmpq_mat_is_zero(xi))
        return 0;
    fmpq_mat_t x2, x3, h;
    fmpq_mat_init(x2, n, n);
    fmpq_mat_init(x3, n, n);
    fmpq_mat_init(h, n, n);
    fmpq_mat_mul(x2, xi, xi);
    fmpq_mat_mul(x3, x2, xi);
    fmpq_mat_add(x3, x3, xi);
    int st = 0;
    if (fmpq_mat_is_zero(x3)) {
        char aerr[ALG_ERR_LEN] = "";
        SpMat Am, Bm;
        spmat_init(&Am, 0);
        spmat_init(&Bm, 0);
        fmpq_mat_one(h);
        fmpq_mat_add(h, h, x2);
        fmpq_mat_add(h, h, x2);
        if (!rep_group_element_sparse(&Am, A, h, aerr) &&
            !rep_group_element_sparse(&Bm, B, h, aerr))
            st = pair_rows(C, V, &Bm, &Am, 1, err);
        spmat_clear(&Am);
        spmat_clear(&Bm);
    }
    fmpq_mat_clear(x2);
    fmpq_mat_clear(x3);
    fmpq_mat_clear(h);
    return st;
}

int model_layer_rows(SpMat *C, const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                     const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    const MatRep *A = V->rin, *B = V->rout;
    if (V->kind != MODEL_LAYERS || !A || !B)
        return sym_error(err, ALG_ERR_ARG, "not a layer space");
    if (C->c != V->nfull)
        return sym_error(err, QMAT_E_DIM, "the constraint matrix has %ld columns, not %ld",
                         (long)C->c, (long)V->nfull);
    if (V->nfull > MODEL_MAX_COEFFS)
        return sym_error(err, QMAT_E_TOO_LARGE,
                         "too many coefficients (%ld) for constraint rows: at most %ld",
                         (long)V->nfull, (long)MODEL_MAX_COEFFS);
    SpMat Am, Bm;
    spmat_init(&Am, 0);
    spmat_init(&Bm, 0);
    int st = 0;
    for (slong i = 0; i < nalg && !st; i++) {
        st = rep_image_sparse(&Am, A, alg + i, err);
        if (!st)
            st = rep_image_sparse(&Bm, B, alg + i, err);
        if (!st)
            st = pair_rows(C, V, &Bm, &Am, 0, err);
    }
    for (slong i = 0; i < nalg && !st; i++)
        st = half_turn_rows(C, V, alg + i, err);
    fmpq_mat_t h;
    fmpq_mat_init(h, 0, 0);
    for (slong j = 0; j < ndisc && !st; j++) {
        char aerr[ALG_ERR_LEN] = "";
        st = discrete_element_of(h, A->alg, disc + j, aerr);
        if (!st)
            st = rep_group_element_sparse(&Am, A, h, aerr);
        if (!st)
            st = rep_group_element_sparse(&Bm, B, h, aerr);
        if (st)
            sym_error(err, st, "discrete generator %ld: %s", (long)j + 1,
                      aerr[0] ? aerr : algebra_strerror(st));
        else
            st = pair_rows(C, V, &Bm, &Am, 1, err);
    }
    fmpq_mat_clear(h);
    spmat_clear(&Am);
    spmat_clear(&Bm);
    return st;
}
