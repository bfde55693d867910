/* model_blocks.c — enforce on layers between direct sums, block by block
 * (see model_blocks.h).
 *
 * The generators become pairs (rho_out, rho_in, shift) exactly as in the
 * flat route (model.c): algebra images (shift 0), the rational half turns
 * of rotation generators, and the discrete generators (shift 1).  The
 * blocks of a side are the classes of its coordinates joined by a nonzero
 * of any of its matrices; each is an invariant subspace, so the constraint
 * rows of W_ab involve W_ab only.  Two blocks are of one type when their
 * coordinates carry the same matrices (in increasing coordinate order).
 */
#include <stdlib.h>
#include <string.h>
#include "symmetry/model_blocks.h"
#include "exact/nullspace.h"
#include "exact/union_find.h"

/* The blocks of one side: comp[i] = block of coordinate i; block c holds
   the coordinates idx[start[c] .. start[c + 1]) (increasing); type[c] its
   type, rep[t] the first block of type t. */
typedef struct {
    slong dim, nblocks, ntypes;
    slong *comp, *start, *idx, *type, *rep;
} Blocks;

static void blocks_clear(Blocks *B)
{
    flint_free(B->comp);
    flint_free(B->start);
    flint_free(B->idx);
    flint_free(B->type);
    flint_free(B->rep);
    memset(B, 0, sizeof *B);
}

/* 1 when blocks a and b of B carry the same matrices M[0..m). */
static int blocks_same(const Blocks *B, slong a, slong b, const fmpq_mat_struct *M, slong m)
{
    slong la = B->start[a + 1] - B->start[a];
    const slong *ia = B->idx + B->start[a], *ib = B->idx + B->start[b];
    if (la != B->start[b + 1] - B->start[b])
        return 0;
    for (slong s = 0; s < m; s++)
        for (slong i = 0; i < la; i++)
            for (slong j = 0; j < la; j++)
                if (!fmpq_equal(fmpq_mat_entry(M + s, ia[i], ia[j]),
                                fmpq_mat_entry(M + s, ib[i], ib[j])))
                    return 0;
    return 1;
}

static ulong blocks_hash(const Blocks *B, slong a, const fmpq_mat_struct *M, slong m)
{
    slong la = B->start[a + 1] - B->start[a];
    const slong *ia = B->idx + B->start[a];
    ulong h = (ulong)la * UWORD(0x9e3779b97f4a7c15);
    for (slong s = 0; s < m; s++)
        for (slong i = 0; i < la; i++)
            for (slong j = 0; j < la; j++) {
                const fmpq *q = fmpq_mat_entry(M + s, ia[i], ia[j]);
                if (!fmpq_is_zero(q))
                    h = (h ^ (ulong)(i * la + j) ^
                         ((ulong)fmpz_fdiv_ui(fmpq_numref(q), 1000003) << 20) ^
                         ((ulong)fmpz_fdiv_ui(fmpq_denref(q), 1009) << 40)) *
                        UWORD(0x100000001b3);
            }
    return h ^ (h >> 31);
}

/* The blocks and types of a side of dimension dim carrying M[0..m). */
static void blocks_init(Blocks *B, slong dim, const fmpq_mat_struct *M, slong m)
{
    slong *parent = flint_malloc((dim + 1) * sizeof(slong)), *cnt, c, t;
    ulong *hash;
    memset(B, 0, sizeof *B);
    B->dim = dim;
    for (slong i = 0; i < dim; i++)
        parent[i] = i;
    for (slong s = 0; s < m; s++)
        for (slong i = 0; i < dim; i++)
            for (slong j = 0; j < dim; j++)
                if (i != j && !fmpq_is_zero(fmpq_mat_entry(M + s, i, j))) {
                    slong u = union_find_root(parent, i), v = union_find_root(parent, j);
                    if (u != v)
                        parent[FLINT_MAX(u, v)] = FLINT_MIN(u, v);
                }
    /* blocks numbered by their least coordinate */
    B->comp = flint_malloc((dim + 1) * sizeof(slong));
    for (slong i = 0; i < dim; i++) {
        slong r = union_find_root(parent, i);
        B->comp[i] = r == i ? B->nblocks++ : B->comp[r];
    }
    flint_free(parent);
    cnt = flint_calloc(B->nblocks + 2, sizeof(slong));
    for (slong i = 0; i < dim; i++)
        cnt[B->comp[i] + 1]++;
    for (c = 0; c < B->nblocks; c++)
        cnt[c + 1] += cnt[c];
    B->start = flint_malloc((B->nblocks + 1) * sizeof(slong));
    memcpy(B->start, cnt, (B->nblocks + 1) * sizeof(slong));
    B->idx = flint_malloc((dim + 1) * sizeof(slong));
    for (slong i = 0; i < dim; i++)
        B->idx[cnt[B->comp[i]]++] = i;
    flint_free(cnt);
    /* types: equal hash, then equal matrices */
    B->type = flint_malloc((B->nblocks + 1) * sizeof(slong));
    B->rep = flint_malloc((B->nblocks + 1) * sizeof(slong));
    hash = flint_malloc((B->nblocks + 1) * sizeof(ulong));
    for (c = 0; c < B->nblocks; c++) {
        hash[c] = blocks_hash(B, c, M, m);
        for (t = 0; t < B->ntypes; t++)
            if (hash[B->rep[t]] == hash[c] && blocks_same(B, B->rep[t], c, M, m))
                break;
        if (t == B->ntypes)
            B->rep[B->ntypes++] = c;
        B->type[c] = t;
    }
    flint_free(hash);
}

/* Rows of Bo W - W Ai = 0 on block (a of the output, b of the input) of
   sizes p x q, and, when bias, of (Bo - shift I) b = 0 into Cb. */
static int blocks_rows(SpMat *Cw, SpMat *Cb, const Blocks *O, slong a, const Blocks *I, slong b,
                       const fmpq_mat_struct *Mo, const fmpq_mat_struct *Mi, int shift)
{
    slong p = O->start[a + 1] - O->start[a], q = I->start[b + 1] - I->start[b];
    const slong *ro = O->idx + O->start[a], *ci = I->idx + I->start[b];
    slong *cols = flint_malloc((p + q + 2) * sizeof(slong));
    fmpq *vals = _fmpq_vec_init(p + q + 2);
    int st = 0;
    for (slong r = 0; r < p && !st; r++)
        for (slong c = 0; c < q && !st; c++) {
            slong t = 0;
            for (slong k = 0; k < p; k++)
                if (!fmpq_is_zero(fmpq_mat_entry(Mo, ro[r], ro[k]))) {
                    cols[t] = k * q + c;
                    fmpq_set(vals + t++, fmpq_mat_entry(Mo, ro[r], ro[k]));
                }
            for (slong k = 0; k < q; k++)
                if (!fmpq_is_zero(fmpq_mat_entry(Mi, ci[k], ci[c]))) {
                    cols[t] = r * q + k;
                    fmpq_neg(vals + t++, fmpq_mat_entry(Mi, ci[k], ci[c]));
                }
            if (t)
                st = spmat_append_row(Cw, cols, vals, t);
        }
    for (slong r = 0; Cb && r < p && !st; r++) {
        slong t = 0;
        for (slong k = 0; k < p; k++)
            if (!fmpq_is_zero(fmpq_mat_entry(Mo, ro[r], ro[k]))) {
                cols[t] = k;
                fmpq_set(vals + t++, fmpq_mat_entry(Mo, ro[r], ro[k]));
            }
        if (shift) {
            cols[t] = r;
            fmpq_set_si(vals + t++, -1, 1);
        }
        if (t)
            st = spmat_append_row(Cb, cols, vals, t);
    }
    flint_free(cols);
    _fmpq_vec_clear(vals, p + q + 2);
    return st;
}

/* The pairs (rho_out, rho_in, shift) of the flat route; 0 when one does
   not fit (the flat route reports it). */
static int blocks_generators(fmpq_mat_struct **Mo, fmpq_mat_struct **Mi, int **shift, slong *m,
                             const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                             const fmpq_mat_struct *disc, slong ndisc)
{
    const MatRep *A = V->rin, *B = V->rout;
    slong cap = 2 * nalg + ndisc + 1, n = A->alg->n;
    char aerr[ALG_ERR_LEN];
    int ok = 1;
    *Mo = flint_malloc(cap * sizeof(fmpq_mat_struct));
    *Mi = flint_malloc(cap * sizeof(fmpq_mat_struct));
    *shift = flint_malloc(cap * sizeof(int));
    *m = 0;
    for (slong i = 0; i < nalg && ok; i++) {
        fmpq_mat_init(*Mo + *m, 0, 0);
        fmpq_mat_init(*Mi + *m, 0, 0);
        (*shift)[*m] = 0;
        (*m)++;
        ok = !rep_image(*Mi + *m - 1, A, alg + i, aerr) &&
             !rep_image(*Mo + *m - 1, B, alg + i, aerr);
    }
    /* the half turns exp(pi xi) = I + 2 xi^2 of generators with xi^3 = -xi */
    for (slong i = 0; i < nalg && ok && !A->alg->affine; i++) {
        const fmpq_mat_struct *xi = alg + i;
        if (fmpq_mat_nrows(xi) != n || fmpq_mat_ncols(xi) != n || fmpq_mat_is_zero(xi))
            continue;
        fmpq_mat_t x2, x3, h;
        fmpq_mat_init(x2, n, n);
        fmpq_mat_init(x3, n, n);
        fmpq_mat_init(h, n, n);
        fmpq_mat_mul(x2, xi, xi);
        fmpq_mat_mul(x3, x2, xi);
        fmpq_mat_add(x3, x3, xi);
        if (fmpq_mat_is_zero(x3)) {
            fmpq_mat_one(h);
            fmpq_mat_add(h, h, x2);
            fmpq_mat_add(h, h, x2);
            fmpq_mat_init(*Mo + *m, 0, 0);
            fmpq_mat_init(*Mi + *m, 0, 0);
            if (!rep_group_element(*Mi + *m, A, h, aerr) &&
                !rep_group_element(*Mo + *m, B, h, aerr)) {
                (*shift)[*m] = 1;
                (*m)++;
            } else {
                fmpq_mat_clear(*Mo + *m);
                fmpq_mat_clear(*Mi + *m);
            }
        }
        fmpq_mat_clear(x2);
        fmpq_mat_clear(x3);
        fmpq_mat_clear(h);
    }
    for (slong j = 0; j < ndisc && ok; j++) {
        if (A->alg->affine) {
            ok = 0;
            break;
        }
        fmpq_mat_init(*Mo + *m, 0, 0);
        fmpq_mat_init(*Mi + *m, 0, 0);
        (*shift)[*m] = 1;
        (*m)++;
        ok = !rep_group_element(*Mi + *m - 1, A, disc + j, aerr) &&
             !rep_group_element(*Mo + *m - 1, B, disc + j, aerr);
    }
    return ok;
}

/* A row of a block kernel, placed: its leading full coordinate, its
   blocks (b < 0: a bias row) and its row in the block kernel. */
typedef struct {
    slong lead, a, b, row;
} Placed;

static int placed_cmp(const void *x, const void *y)
{
    const Placed *p = x, *q = y;
    return p->lead < q->lead ? -1 : (p->lead > q->lead);
}

int model_blocks_enforce(SpMat *Nt, int *used, const ModelSpace *V, const fmpq_mat_struct *alg,
                         slong nalg, const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    fmpq_mat_struct *Mo, *Mi;
    int *shift, st = 0;
    slong m, din = V->din, dout = V->dout;
    Blocks O, I;
    *used = 0;
    if (V->kind != MODEL_LAYERS || !V->full || din == 0 || dout == 0)
        return 0;
    if (!blocks_generators(&Mo, &Mi, &shift, &m, V, alg, nalg, disc, ndisc)) {
        for (slong s = 0; s < m; s++) {
            fmpq_mat_clear(Mo + s);
            fmpq_mat_clear(Mi + s);
        }
        flint_free(Mo);
        flint_free(Mi);
        flint_free(shift);
        return 0;
    }
    blocks_init(&O, dout, Mo, m);
    blocks_init(&I, din, Mi, m);
    /* worth it when there are blocks and either few pairs of types or many
       copies of each (each pair is one small solve with its own overhead;
       thousands of distinct tiny blocks are one easy flat system) */
    slong pairs = O.ntypes * I.ntypes, copies = O.nblocks * I.nblocks;
    if ((O.nblocks > 1 || I.nblocks > 1) &&
        (pairs <= MODEL_BLOCKS_MAX_PAIRS || pairs <= copies / 8)) {
        /* one kernel per pair of types (W) and per output type (b) */
        slong nt = pairs, nrows = 0, nnz = 0;
        SpMat *Kw = flint_calloc(nt + 1, sizeof(SpMat)),
              *Kb = flint_calloc(O.ntypes + 1, sizeof(SpMat));
        *used = 1;
        for (slong ta = 0; ta < O.ntypes && !st; ta++)
            for (slong tb = 0; tb < I.ntypes && !st; tb++) {
                slong a = O.rep[ta], b = I.rep[tb];
                slong p = O.start[a + 1] - O.start[a], q = I.start[b + 1] - I.start[b];
                SpMat Cw, Cb;
                int bias = V->bias && tb == 0;
                spmat_init(&Cw, p * q);
                spmat_init(&Cb, p);
                for (slong s = 0; s < m && !st; s++)
                    st =
                        blocks_rows(&Cw, bias ? &Cb : NULL, &O, a, &I, b, Mo + s, Mi + s, shift[s]);
                spmat_init(Kw + ta * I.ntypes + tb, 0);
                if (!st)
                    st = spmat_nullspace_rows(Kw + ta * I.ntypes + tb, &Cw);
                if (bias) {
                    spmat_init(Kb + ta, 0);
                    if (!st)
                        st = spmat_nullspace_rows(Kb + ta, &Cb);
                }
                spmat_clear(&Cw);
                spmat_clear(&Cb);
                if (!st && sym_interrupt_poll())
                    st = QMAT_E_INTERRUPTED;
            }
        /* place every copy of every block kernel row */
        for (slong a = 0; a < O.nblocks && !st; a++) {
            for (slong b = 0; b < I.nblocks; b++) {
                const SpMat *K = Kw + O.type[a] * I.ntypes + I.type[b];
                nrows += K->r;
                nnz += K->nnz;
            }
            if (V->bias) {
                nrows += Kb[O.type[a]].r;
                nnz += Kb[O.type[a]].nnz;
            }
        }
        if (!st && nnz > SPMAT_MAX_NNZ)
            st = QMAT_E_TOO_LARGE;
        Placed *P = st ? NULL : flint_malloc((nrows + 1) * sizeof(Placed));
        slong np = 0;
        for (slong a = 0; a < O.nblocks && !st; a++) {
            const slong *ro = O.idx + O.start[a];
            for (slong b = 0; b < I.nblocks; b++) {
                const SpMat *K = Kw + O.type[a] * I.ntypes + I.type[b];
                slong q = I.start[b + 1] - I.start[b];
                const slong *ci = I.idx + I.start[b];
                for (slong r = 0; r < K->r; r++) {
                    slong e = K->col[K->ptr[r]];
                    P[np].lead = ro[e / q] * din + ci[e % q];
                    P[np].a = a;
                    P[np].b = b;
                    P[np++].row = r;
                }
            }
            if (V->bias)
                for (slong r = 0; r < Kb[O.type[a]].r; r++) {
                    const SpMat *K = Kb + O.type[a];
                    P[np].lead = dout * din + ro[K->col[K->ptr[r]]];
                    P[np].a = a;
                    P[np].b = -1;
                    P[np++].row = r;
                }
        }
        if (!st) {
            SpMat R;
            slong len = 0;
            for (slong t = 0; t < nt; t++)
                for (slong r = 0; r < Kw[t].r; r++)
                    len = FLINT_MAX(len, Kw[t].ptr[r + 1] - Kw[t].ptr[r]);
            for (slong t = 0; V->bias && t < O.ntypes; t++)
                for (slong r = 0; r < Kb[t].r; r++)
                    len = FLINT_MAX(len, Kb[t].ptr[r + 1] - Kb[t].ptr[r]);
            slong *cols = flint_malloc((len + 1) * sizeof(slong));
            qsort(P, np, sizeof(Placed), placed_cmp);
            spmat_init(&R, V->nfull);
            for (slong i = 0; i < np && !st; i++) {
                const slong *ro = O.idx + O.start[P[i].a];
                const SpMat *K;
                slong t = 0;
                if ((i & 4095) == 4095 && sym_interrupt_poll()) {
                    st = QMAT_E_INTERRUPTED;
                    break;
                }
                if (P[i].b >= 0) {
                    slong q = I.start[P[i].b + 1] - I.start[P[i].b];
                    const slong *ci = I.idx + I.start[P[i].b];
                    K = Kw + O.type[P[i].a] * I.ntypes + I.type[P[i].b];
                    for (slong s = K->ptr[P[i].row]; s < K->ptr[P[i].row + 1]; s++)
                        cols[t++] = ro[K->col[s] / q] * din + ci[K->col[s] % q];
                } else {
                    K = Kb + O.type[P[i].a];
                    for (slong s = K->ptr[P[i].row]; s < K->ptr[P[i].row + 1]; s++)
                        cols[t++] = dout * din + ro[K->col[s]];
                }
                st = spmat_append_row(&R, cols, K->val + K->ptr[P[i].row], t);
            }
            flint_free(cols);
            if (!st)
                spmat_swap(Nt, &R);
            spmat_clear(&R);
        }
        flint_free(P);
        for (slong t = 0; t < nt; t++)
            spmat_clear(Kw + t);
        for (slong t = 0; V->bias && t < O.ntypes; t++)
            spmat_clear(Kb + t);
        flint_free(Kw);
        flint_free(Kb);
        if (st)
            sym_error(err, st, "%s", qmat_strerror(st));
    }
    blocks_clear(&O);
    blocks_clear(&I);
    for (slong s = 0; s < m; s++) {
        fmpq_mat_clear(Mo + s);
        fmpq_mat_clear(Mi + s);
    }
    flint_free(Mo);
    flint_free(Mi);
    flint_free(shift);
    return st;
}
