/* symm.c — L-hat of EPNN blocks, nuclear norms, and exact enforcement
 * (see symm.h for the formulas). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <lapacke.h>
#include <cblas.h>
#include <stdio.h>
#include <flint/fmpq_vec.h>

#include "nn/symm.h"
#include "exact/nullspace.h"
#include "exact/spmat.h"
#include "numeric/dmat.h"
#include "numeric/mpfr_orth.h"

/* --- L-hat --- */

/* Copies of the K output images on the diagonal of m x m matrices
   (m = copies * n). */
static void blockdiag(double *dst, const double *src, int K, int n, int copies)
{
    int m = n * copies;
    memset(dst, 0, sizeof(double) * (size_t)K * m * m);
    for (int i = 0; i < K; i++)
        for (int c = 0; c < copies; c++)
            for (int r = 0; r < n; r++)
                for (int k = 0; k < n; k++)
                    dst[(size_t)i * m * m + (size_t)(c * n + r) * m + c * n + k] =
                        src[(size_t)i * n * n + (size_t)r * n + k];
}

static void qdiv(fmpq_t r, const fmpq_t a, slong d)
{
    fmpz_t z;
    fmpz_init_set_si(z, d);
    fmpq_div_fmpz(r, a, z);
    fmpz_clear(z);
}

/* L0 (lower, row-major) and s, s2 for m variables on [-c, c]. */
static int box_factors(NnSymmBlock *b, int m, const fmpq_t c, int gate, long prec, char *err)
{
    fmpq_t c2, v;
    fmpq_init(c2);
    fmpq_init(v);
    fmpq_mul(c2, c, c);
    int st = NN_OK;
    fmpq_mat_t G;
    fmpq_mat_init(G, 1, 1);
    qdiv(fmpq_mat_entry(G, 0, 0), c2, 3);
    b->s2 = fmpq_get_d(fmpq_mat_entry(G, 0, 0));
    DMat *L = NULL;
    if (mpfr_orth_cholesky(&L, G, prec)) {
        st = nn_fail(err, NN_E_NUMERIC, "cannot factor the box's Gram matrix");
        goto done;
    }
    b->s = L->data[0];
    dmat_free(L);
    L = NULL;
    if (gate) {
        fmpq_mat_clear(G);
        fmpq_mat_init(G, m + 1, m + 1);
        fmpq_one(fmpq_mat_entry(G, 0, 0));
        for (int k = 1; k <= m; k++) {
            qdiv(v, c2, 3);
            fmpq_set(fmpq_mat_entry(G, 0, k), v);
            fmpq_set(fmpq_mat_entry(G, k, 0), v);
            for (int l = 1; l <= m; l++) {
                fmpq_mul(v, c2, c2);
                qdiv(v, v, k == l ? 5 : 9);
                fmpq_set(fmpq_mat_entry(G, k, l), v);
            }
        }
        if (mpfr_orth_cholesky(&L, G, prec)) {
            st = nn_fail(err, NN_E_NUMERIC, "cannot factor the gate's Gram matrix");
            goto done;
        }
        b->L0 = malloc(sizeof(double) * (size_t)(m + 1) * (m + 1));
        if (!b->L0) {
            st = nn_fail(err, NN_E_NOMEM, "out of memory");
            goto done;
        }
        for (int i = 0; i <= m; i++)
            for (int j = 0; j <= m; j++)
                b->L0[(size_t)i * (m + 1) + j] = DMAT_AT(L, i, j);
    }
done:
    dmat_free(L);
    fmpq_mat_clear(G);
    fmpq_clear(c2);
    fmpq_clear(v);
    return st;
}

int nn_symm_init(NnSymm *S, const Net *net, int K, const double *Ain, const double *Aout,
                 const fmpq_t c0, const fmpq_t c1, long prec, char *err)
{
    memset(S, 0, sizeof *S);
    if (net->kind != NN_EPNN)
        return nn_fail(err, NN_E_ARG,
                       "the Lie-derivative operator of blocks needs an epnn network");
    if (fmpq_sgn(c0) <= 0 || fmpq_sgn(c1) <= 0)
        return nn_fail(err, NN_E_ARG, "the box half-widths must be positive");
    int n = net->dout;
    S->K = K;
    S->nblocks = net->nblocks;
    S->blk = calloc((size_t)net->nblocks, sizeof(NnSymmBlock));
    S->B = malloc(sizeof(double) * ((size_t)K * n * n + 1));
    if (!S->blk || !S->B) {
        nn_symm_clear(S);
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    }
    memcpy(S->B, Aout, sizeof(double) * (size_t)K * n * n);
    long col = 0;
    for (int i = 0; i < net->nblocks; i++) {
        const NnBlock *nb = net->blocks + i;
        NnSymmBlock *b = S->blk + i;
        int m = nb->in;
        b->m = m;
        b->n = n;
        b->A = malloc(sizeof(double) * ((size_t)K * m * m + 1));
        if (!b->A) {
            nn_symm_clear(S);
            return nn_fail(err, NN_E_NOMEM, "out of memory");
        }
        if (nb->layer == 0)
            memcpy(b->A, Ain, sizeof(double) * (size_t)K * m * m);
        else
            blockdiag(b->A, Aout, K, n, m / n);
        int st = box_factors(b, m, nb->layer == 0 ? c0 : c1, nb->gate, prec, err);
        if (st) {
            nn_symm_clear(S);
            return st;
        }
        b->col = col;
        b->ncols = n + (long)n * m + (nb->gate ? m + (m + 1) + (long)m * (m - 1) / 2 : 0);
        col += b->ncols;
    }
    S->ncols = col;
    return NN_OK;
}

void nn_symm_clear(NnSymm *S)
{
    if (S->blk)
        for (int i = 0; i < S->nblocks; i++) {
            free(S->blk[i].A);
            free(S->blk[i].L0);
        }
    free(S->blk);
    free(S->B);
    memset(S, 0, sizeof *S);
}

/* H (m x m, symmetric) from the quadratic coefficients qq (upper triangle). */
static void quad_matrix(double *H, const double *qq, int m)
{
    for (int k = 0; k < m; k++) {
        H[(size_t)k * m + k] = qq[0];
        for (int l = k + 1; l < m; l++)
            H[(size_t)k * m + l] = H[(size_t)l * m + k] = qq[l - k] / 2;
        qq += m - k;
    }
}

void nn_symm_apply(const NnSymm *S, const Net *net, const double *theta, double *L)
{
    int K = S->K;
    for (int bi = 0; bi < S->nblocks; bi++) {
        const NnBlock *nb = net->blocks + bi;
        const NnSymmBlock *b = S->blk + bi;
        int m = b->m, n = b->n;
        const double *W = theta + nb->off, *bias = W + (size_t)n * m, *q = bias + n;
        double *H = NULL, *M = NULL;
        if (nb->gate) {
            H = malloc(sizeof(double) * (size_t)m * m);
            M = malloc(sizeof(double) * (size_t)m * m);
            if (H)
                quad_matrix(H, q + 1 + m, m);
        }
        for (int i = 0; i < K; i++) {
            const double *Bi = S->B + (size_t)i * n * n, *Ai = b->A + (size_t)i * m * m;
            double *row = L + (size_t)i * S->ncols + b->col;
            for (int r = 0; r < n; r++) {
                double acc = 0;
                for (int k = 0; k < n; k++)
                    acc += Bi[(size_t)r * n + k] * bias[k];
                row[r] = acc;
            }
            double *X = row + n;
            /* X = B W - W A */
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, m, n, b->s, Bi, n, W, m, 0.0,
                        X, m);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, m, m, -b->s, W, m, Ai, m, 1.0,
                        X, m);
            if (!nb->gate || !H || !M)
                continue;
            double *g = X + (size_t)n * m;
            const double *gq = q + 1;
            for (int c = 0; c < m; c++) {
                double acc = 0;
                for (int k = 0; k < m; k++)
                    acc += Ai[(size_t)k * m + c] * gq[k];
                g[c] = -b->s * acc;
            }
            /* M = -(H A + A^T H) */
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, -1.0, H, m, Ai, m, 0.0,
                        M, m);
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, m, m, -1.0, Ai, m, H, m, 1.0, M,
                        m);
            double *r0 = g + m;
            for (int j = 0; j <= m; j++) {
                double acc = 0; /* (L0^T w0)_j = sum_k L0[k][j] w0[k], w0[0] = 0 */
                for (int k = j > 1 ? j : 1; k <= m; k++)
                    acc += b->L0[(size_t)k * (m + 1) + j] * M[(size_t)(k - 1) * m + (k - 1)];
                r0[j] = acc;
            }
            double *cr = r0 + m + 1;
            for (int k = 0; k < m; k++)
                for (int l = k + 1; l < m; l++)
                    *cr++ = b->s2 * 2 * M[(size_t)k * m + l];
        }
        free(H);
        free(M);
    }
}

void nn_symm_adjoint(const NnSymm *S, const Net *net, const double *G, double *grad)
{
    int K = S->K;
    for (int bi = 0; bi < S->nblocks; bi++) {
        const NnBlock *nb = net->blocks + bi;
        const NnSymmBlock *b = S->blk + bi;
        int m = b->m, n = b->n;
        double *gW = grad + nb->off, *gb = gW + (size_t)n * m, *gq = gb + n;
        double *C = nb->gate ? malloc(sizeof(double) * (size_t)m * m) : NULL;
        for (int i = 0; i < K; i++) {
            const double *Bi = S->B + (size_t)i * n * n, *Ai = b->A + (size_t)i * m * m;
            const double *row = G + (size_t)i * S->ncols + b->col;
            for (int k = 0; k < n; k++) {
                double acc = 0;
                for (int r = 0; r < n; r++)
                    acc += Bi[(size_t)r * n + k] * row[r];
                gb[k] += acc;
            }
            const double *X = row + n;
            /* gW += s (B^T X - X A^T) */
            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, n, m, n, b->s, Bi, n, X, m, 1.0,
                        gW, m);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, m, -b->s, X, m, Ai, m, 1.0,
                        gW, m);
            if (!nb->gate || !C)
                continue;
            const double *g = X + (size_t)n * m;
            for (int k = 0; k < m; k++) {
                double acc = 0;
                for (int c = 0; c < m; c++)
                    acc += Ai[(size_t)k * m + c] * g[c];
                gq[1 + k] += -b->s * acc;
            }
            const double *r0 = g + m, *cr = r0 + m + 1;
            /* C = the symmetric cotangent of M */
            for (int k = 0; k < m; k++) {
                double acc = 0; /* (L0 r0)_{k+1} */
                for (int j = 0; j <= k + 1; j++)
                    acc += b->L0[(size_t)(k + 1) * (m + 1) + j] * r0[j];
                C[(size_t)k * m + k] = acc;
            }
            for (int k = 0; k < m; k++)
                for (int l = k + 1; l < m; l++) {
                    double v = b->s2 * *cr++;
                    C[(size_t)k * m + l] = C[(size_t)l * m + k] = v;
                }
            /* gradH = -(C A^T + A C) */
            double *GH = malloc(sizeof(double) * (size_t)m * m);
            if (!GH)
                continue;
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, m, m, -1.0, C, m, Ai, m, 0.0,
                        GH, m);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, m, m, -1.0, Ai, m, C, m, 1.0,
                        GH, m);
            double *qq = gq + 1 + m;
            for (int k = 0; k < m; k++) {
                qq[0] += GH[(size_t)k * m + k];
                for (int l = k + 1; l < m; l++)
                    qq[l - k] += (GH[(size_t)k * m + l] + GH[(size_t)l * m + k]) / 2;
                qq += m - k;
            }
            free(GH);
        }
        free(C);
    }
}

int nn_nuclear(double *value, double *G, double *sv, const double *L, int K, long ncols)
{
    size_t tot = (size_t)K * (size_t)ncols;
    for (size_t i = 0; i < tot; i++)
        if (!isfinite(L[i]))
            return NN_E_NUMERIC;
    int k = K < ncols ? K : (int)ncols;
    double *A = malloc(sizeof(double) * (tot + 1)), *s = malloc(sizeof(double) * (size_t)(k + 1));
    double *U = malloc(sizeof(double) * ((size_t)K * k + 1));
    double *Vt = malloc(sizeof(double) * ((size_t)k * ncols + 1));
    int st = NN_E_NOMEM;
    if (!A || !s || !U || !Vt)
        goto done;
    memcpy(A, L, sizeof(double) * tot);
    st = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, 'S', K, (lapack_int)ncols, A, (lapack_int)ncols, s, U, k,
                        Vt, (lapack_int)ncols)
             ? NN_E_NUMERIC
             : NN_OK;
    if (st)
        goto done;
    double tot_s = 0;
    for (int r = 0; r < k; r++)
        tot_s += s[r];
    *value = tot_s;
    if (sv) {
        for (int r = 0; r < K; r++)
            sv[r] = r < k ? s[r] : 0;
    }
    if (G) {
        memset(G, 0, sizeof(double) * tot);
        for (int r = 0; r < k; r++) {
            if (!(s[r] > 1e-13 * s[0]))
                break;
            for (int i = 0; i < K; i++) {
                double u = U[(size_t)i * k + r];
                double *gi = G + (size_t)i * ncols;
                const double *v = Vt + (size_t)r * ncols;
                for (long j = 0; j < ncols; j++)
                    gi[j] += u * v[j];
            }
        }
    }
done:
    free(A);
    free(s);
    free(U);
    free(Vt);
    return st;
}

/* --- exact enforcement --- */

/* A sparse row under construction: a dense accumulator over the block's
   parameters and the list of touched columns. */
typedef struct RowAcc {
    long n;
    fmpq *v;
    char *mark;
    slong *cols;
    long ncols;
    fmpq *vals;
} RowAcc;

static int rowacc_init(RowAcc *r, long n)
{
    r->n = n;
    r->v = _fmpq_vec_init(n);
    r->vals = _fmpq_vec_init(n);
    r->mark = calloc((size_t)n, 1);
    r->cols = malloc(sizeof(slong) * (size_t)n);
    r->ncols = 0;
    return r->mark && r->cols ? 0 : NN_E_NOMEM;
}

static void rowacc_clear(RowAcc *r)
{
    _fmpq_vec_clear(r->v, r->n);
    _fmpq_vec_clear(r->vals, r->n);
    free(r->mark);
    free(r->cols);
}

/* v[col] += a * b (b may be NULL: += a). */
static void rowacc_add(RowAcc *r, long col, const fmpq_t a, const fmpq_t b)
{
    if (fmpq_is_zero(a) || (b && fmpq_is_zero(b)))
        return;
    if (!r->mark[col]) {
        r->mark[col] = 1;
        r->cols[r->ncols++] = col;
    }
    if (b)
        fmpq_addmul(r->v + col, a, b);
    else
        fmpq_add(r->v + col, r->v + col, a);
}

static int slong_cmp(const void *a, const void *b)
{
    slong x = *(const slong *)a, y = *(const slong *)b;
    return x < y ? -1 : x > y;
}

/* Appends the row to C (skipping it when zero) and resets. */
static int rowacc_flush(RowAcc *r, SpMat *C)
{
    qsort(r->cols, (size_t)r->ncols, sizeof(slong), slong_cmp);
    slong len = 0;
    slong *cols = malloc(sizeof(slong) * ((size_t)r->ncols + 1));
    if (!cols)
        return NN_E_NOMEM;
    for (long i = 0; i < r->ncols; i++) {
        long c = r->cols[i];
        if (!fmpq_is_zero(r->v + c)) {
            cols[len] = c;
            fmpq_set(r->vals + len, r->v + c);
            len++;
        }
        fmpq_zero(r->v + c);
        r->mark[c] = 0;
    }
    r->ncols = 0;
    int st = len ? spmat_append_row(C, cols, r->vals, len) : 0;
    free(cols);
    return st ? NN_E_NOMEM : NN_OK;
}

/* The m x m matrix for block input of layer l: A itself (layer 0) or
   block-diagonal copies of Bout. */
static void input_image(fmpq_mat_t out, const fmpq_mat_t A0, const fmpq_mat_t Bout, int layer,
                        int m)
{
    if (layer == 0) {
        fmpq_mat_set(out, A0);
        return;
    }
    int n = (int)fmpq_mat_nrows(Bout);
    fmpq_mat_zero(out);
    for (int c = 0; c < m / n; c++)
        for (int r = 0; r < n; r++)
            for (int k = 0; k < n; k++)
                fmpq_set(fmpq_mat_entry(out, c * n + r, c * n + k), fmpq_mat_entry(Bout, r, k));
}

/* Index of q for the quadratic monomial x_k x_l (k <= l) within the gate. */
static long quad_index(int m, int k, int l)
{
    /* 1 + m + (k m - k (k - 1) / 2) + (l - k) */
    return 1 + m + (long)k * m - (long)k * (k - 1) / 2 + (l - k);
}

/* Rows for one element: infinitesimal (disc = 0: W A - B W, B b, A^T g,
   H A + A^T H) or discrete (disc = 1: W P - Q W, Q b - b, P^T g - g,
   P^T H P - H). */
static int block_rows(SpMat *C, RowAcc *R, const NnBlock *b, const fmpq_mat_t A, const fmpq_mat_t B,
                      int disc)
{
    int m = b->in, n = b->out, st = 0;
    fmpq_t one, mone, half, t;
    fmpq_init(one);
    fmpq_init(mone);
    fmpq_init(half);
    fmpq_init(t);
    fmpq_one(one);
    fmpq_set_si(mone, -1, 1);
    fmpq_set_si(half, 1, 2);
    long ob = (long)n * m, oq = ob + n;
    for (int r = 0; r < n && !st; r++)
        for (int c = 0; c < m && !st; c++) {
            for (int k = 0; k < m; k++)
                rowacc_add(R, (long)r * m + k, fmpq_mat_entry(A, k, c), NULL);
            for (int k = 0; k < n; k++) {
                fmpq_neg(t, fmpq_mat_entry(B, r, k));
                rowacc_add(R, (long)k * m + c, t, NULL);
            }
            st = rowacc_flush(R, C);
        }
    for (int r = 0; r < n && !st; r++) {
        for (int k = 0; k < n; k++)
            rowacc_add(R, ob + k, fmpq_mat_entry(B, r, k), NULL);
        if (disc)
            rowacc_add(R, ob + r, mone, NULL);
        st = rowacc_flush(R, C);
    }
    if (b->gate) {
        for (int c = 0; c < m && !st; c++) {
            for (int k = 0; k < m; k++)
                rowacc_add(R, oq + 1 + k, fmpq_mat_entry(A, k, c), NULL);
            if (disc)
                rowacc_add(R, oq + 1 + c, mone, NULL);
            st = rowacc_flush(R, C);
        }
        /* H_ab = coef(a, b) q_{min,max}: 1 on the diagonal, 1/2 off it */
        for (int k = 0; k < m && !st; k++)
            for (int l = k; l < m && !st; l++) {
                if (!disc) {
                    /* (H A)_kl + (A^T H)_kl = sum_j H_kj A_jl + A_jk H_jl */
                    for (int j = 0; j < m; j++) {
                        const fmpq *a1 = fmpq_mat_entry(A, j, l), *a2 = fmpq_mat_entry(A, j, k);
                        if (!fmpq_is_zero(a1))
                            rowacc_add(R, oq + quad_index(m, k < j ? k : j, k < j ? j : k),
                                       j == k ? one : half, a1);
                        if (!fmpq_is_zero(a2))
                            rowacc_add(R, oq + quad_index(m, l < j ? l : j, l < j ? j : l),
                                       j == l ? one : half, a2);
                    }
                } else {
                    /* (P^T H P)_kl - H_kl = sum_ab P_ak H_ab P_bl - H_kl */
                    for (int a = 0; a < m; a++) {
                        const fmpq *pa = fmpq_mat_entry(A, a, k);
                        if (fmpq_is_zero(pa))
                            continue;
                        for (int bb = 0; bb < m; bb++) {
                            const fmpq *pb = fmpq_mat_entry(A, bb, l);
                            if (fmpq_is_zero(pb))
                                continue;
                            fmpq_mul(t, pa, pb);
                            rowacc_add(R, oq + quad_index(m, a < bb ? a : bb, a < bb ? bb : a),
                                       a == bb ? one : half, t);
                        }
                    }
                    fmpq_set_si(t, -1, k == l ? 1 : 2);
                    rowacc_add(R, oq + quad_index(m, k, l), t, NULL);
                }
                st = rowacc_flush(R, C);
            }
    }
    fmpq_clear(one);
    fmpq_clear(mone);
    fmpq_clear(half);
    fmpq_clear(t);
    return st;
}

int nn_symm_enforce(Net *net, const fmpq_mat_struct *Ain, const fmpq_mat_struct *Aout, int nalg,
                    const fmpq_mat_struct *Pin, const fmpq_mat_struct *Qout, int ndisc,
                    const char *label, char *err)
{
    if (net->kind != NN_EPNN)
        return nn_fail(err, NN_E_ARG,
                       "enforce needs an epnn network: an MLP's elementwise "
                       "activation does not commute with a general representation");
    int nb = net->nblocks;
    fmpq_mat_struct *N = flint_malloc(sizeof(fmpq_mat_struct) * (size_t)nb);
    int done = 0, st = NN_OK;
    long nred = 0;
    for (int i = 0; i < nb && !st; i++) {
        const NnBlock *b = net->blocks + i;
        SpMat C;
        spmat_init(&C, b->nparams);
        RowAcc R;
        fmpq_mat_t A;
        fmpq_mat_init(A, b->in, b->in);
        if (rowacc_init(&R, b->nparams))
            st = nn_fail(err, NN_E_NOMEM, "out of memory");
        for (int g = 0; g < nalg && !st; g++) {
            input_image(A, Ain + g, Aout + g, b->layer, b->in);
            if (block_rows(&C, &R, b, A, Aout + g, 0))
                st = nn_fail(err, NN_E_NOMEM, "out of memory");
        }
        for (int g = 0; g < ndisc && !st; g++) {
            input_image(A, Pin + g, Qout + g, b->layer, b->in);
            if (block_rows(&C, &R, b, A, Qout + g, 1))
                st = nn_fail(err, NN_E_NOMEM, "out of memory");
        }
        rowacc_clear(&R);
        fmpq_mat_clear(A);
        fmpq_mat_init(N + i, 0, 0);
        done++;
        if (!st) {
            int ns = spmat_nullspace(N + i, &C);
            if (ns)
                st = nn_fail(err, ns == QMAT_E_INTERRUPTED ? NN_E_INTERRUPTED : NN_E_NUMERIC,
                             "block %d: %s", i + 1, qmat_strerror(ns));
            else
                nred += fmpq_mat_ncols(N + i);
        }
        spmat_clear(&C);
    }
    if (!st) {
        double *Nb = calloc((size_t)net->nparams * (size_t)(nred ? nred : 1), sizeof(double));
        if (!Nb)
            st = nn_fail(err, NN_E_NOMEM, "out of memory");
        long col = 0;
        for (int i = 0; i < nb && Nb; i++) {
            const NnBlock *b = net->blocks + i;
            long k = fmpq_mat_ncols(N + i);
            for (long r = 0; r < b->nparams; r++)
                for (long j = 0; j < k; j++)
                    Nb[(size_t)(b->off + r) * nred + col + j] =
                        fmpq_get_d(fmpq_mat_entry(N + i, r, j));
            col += k;
        }
        if (Nb) {
            free(net->Nb);
            net->Nb = Nb;
            net->nred = nred;
            net->enforced = 1;
            snprintf(net->enforced_by, sizeof net->enforced_by, "%s", label ? label : "");
            st = nn_net_project(net, NULL, err);
        }
    }
    for (int i = 0; i < done; i++)
        fmpq_mat_clear(N + i);
    flint_free(N);
    return st;
}

/* Least squares of theta on the columns c0..c1-1 of Nb restricted to the
   rows r0..r1-1 (normal equations, Cholesky). */
static int project_range(Net *net, double *alpha, long r0, long r1, long c0, long c1, char *err)
{
    long k = net->nred, m = c1 - c0, P = r1 - r0;
    if (m <= 0) {
        memset(net->theta + r0, 0, sizeof(double) * (size_t)P);
        return NN_OK;
    }
    double *G = calloc((size_t)m * m, sizeof(double)), *rhs = calloc((size_t)m, sizeof(double));
    if (!G || !rhs) {
        free(G);
        free(rhs);
        return nn_fail(err, NN_E_NOMEM, "out of memory");
    }
    const double *A = net->Nb + (size_t)r0 * k + c0;
    cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, (int)m, (int)m, (int)P, 1.0, A, (int)k, A,
                (int)k, 0.0, G, (int)m);
    cblas_dgemv(CblasRowMajor, CblasTrans, (int)P, (int)m, 1.0, A, (int)k, net->theta + r0, 1, 0.0,
                rhs, 1);
    int info = LAPACKE_dposv(LAPACK_ROW_MAJOR, 'L', (lapack_int)m, 1, G, (lapack_int)m, rhs, 1);
    int st = NN_OK;
    if (info)
        st = nn_fail(err, NN_E_NUMERIC, "the reduced basis is rank deficient (dposv %d)", info);
    else {
        cblas_dgemv(CblasRowMajor, CblasNoTrans, (int)P, (int)m, 1.0, A, (int)k, rhs, 1, 0.0,
                    net->theta + r0, 1);
        if (alpha)
            memcpy(alpha + c0, rhs, sizeof(double) * (size_t)m);
    }
    free(G);
    free(rhs);
    return st;
}

/* Block by block when Nb is block diagonal along the network's blocks (as
   nn_symm_enforce makes it), else on the whole basis. */
int nn_net_project(Net *net, double *alpha, char *err)
{
    long P = net->nparams, k = net->nred;
    if (!net->Nb)
        return NN_OK;
    if (k == 0) {
        memset(net->theta, 0, sizeof(double) * (size_t)P);
        return NN_OK;
    }
    long *lo = calloc((size_t)net->nblocks, sizeof(long)),
         *hi = calloc((size_t)net->nblocks, sizeof(long));
    int blockwise = lo && hi;
    for (int b = 0; blockwise && b < net->nblocks; b++) {
        const NnBlock *B = net->blocks + b;
        lo[b] = k;
        hi[b] = 0;
        for (long i = B->off; i < B->off + B->nparams; i++)
            for (long j = 0; j < k; j++)
                if (net->Nb[(size_t)i * k + j] != 0) {
                    if (j < lo[b])
                        lo[b] = j;
                    if (j + 1 > hi[b])
                        hi[b] = j + 1;
                }
        if (hi[b] == 0)
            lo[b] = hi[b] = b ? hi[b - 1] : 0;
        if (lo[b] != (b ? hi[b - 1] : 0))
            blockwise = 0;
    }
    if (blockwise && hi[net->nblocks - 1] != k)
        blockwise = 0;
    int st = NN_OK;
    if (blockwise)
        for (int b = 0; b < net->nblocks && !st; b++)
            st = project_range(net, alpha, net->blocks[b].off,
                               net->blocks[b].off + net->blocks[b].nparams, lo[b], hi[b], err);
    else
        st = project_range(net, alpha, 0, P, 0, k, err);
    free(lo);
    free(hi);
    return st;
}
