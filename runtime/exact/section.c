/* section.c — polynomial vectors/matrices, the Lie derivative b·F − DF·v,
 * brackets, fiber generators and the sparse constraint-matrix builders
 * (see section.h for the conventions). */
#include "exact/section.h"

#include <stdlib.h>
#include <string.h>

/* ---- containers ---- */

void polyvec_init(PolyVec *v, slong len, PolyRing *R)
{
    v->len = len;
    v->R = polyring_incref(R);
    v->p = flint_malloc((size_t)(len > 0 ? len : 1) * sizeof(fmpq_mpoly_struct));
    for (slong i = 0; i < len; i++)
        fmpq_mpoly_init(v->p + i, R->ctx);
}

void polyvec_clear(PolyVec *v)
{
    for (slong i = 0; i < v->len; i++)
        fmpq_mpoly_clear(v->p + i, v->R->ctx);
    flint_free(v->p);
    polyring_decref(v->R);
    v->p = NULL;
    v->R = NULL;
    v->len = 0;
}

void polymat_init(PolyMat *M, slong rows, slong cols, PolyRing *R)
{
    M->rows = rows;
    M->cols = cols;
    M->R = polyring_incref(R);
    slong n = rows * cols;
    M->p = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(fmpq_mpoly_struct));
    for (slong i = 0; i < n; i++)
        fmpq_mpoly_init(M->p + i, R->ctx);
}

void polymat_clear(PolyMat *M)
{
    for (slong i = 0; i < M->rows * M->cols; i++)
        fmpq_mpoly_clear(M->p + i, M->R->ctx);
    flint_free(M->p);
    polyring_decref(M->R);
    M->p = NULL;
    M->R = NULL;
    M->rows = M->cols = 0;
}

static slong polys_degree(const fmpq_mpoly_struct *p, slong n, const PolyRing *R)
{
    slong d = -1;
    for (slong i = 0; i < n; i++) {
        slong t = fmpq_mpoly_total_degree_fits_si(p + i, R->ctx)
                      ? fmpq_mpoly_total_degree_si(p + i, R->ctx)
                      : WORD_MAX;
        if (t > d)
            d = t;
    }
    return d;
}

slong polyvec_degree(const PolyVec *v)
{
    return polys_degree(v->p, v->len, v->R);
}

slong polymat_degree(const PolyMat *M)
{
    return polys_degree(M->p, M->rows * M->cols, M->R);
}

/* ---- checks ---- */

static int same_ring(const PolyRing *A, const PolyRing *B, char *err)
{
    if (A == B)
        return POLY_OK;
    return poly_error(err, POLY_ERR_ARG,
                      "polynomials from different rings (ring #%lu with %ld variables "
                      "and ring #%lu with %ld variables)",
                      A->id, (long)A->nvars, B->id, (long)B->nvars);
}

static int check_len(slong have, slong want, const char *what, char *err)
{
    if (have != want)
        return poly_error(err, POLY_ERR_ARG, "%s has %ld entries, expected %ld", what, (long)have,
                          (long)want);
    return POLY_OK;
}

static int check_polys(const fmpq_mpoly_struct *p, slong n, const PolyRing *R, char *err)
{
    for (slong i = 0; i < n; i++) {
        int s = poly_check(p + i, R, err);
        if (s)
            return s;
    }
    return POLY_OK;
}

/* ---- constructors ---- */

int polyvec_set_affine(PolyVec *v, const fmpq_mat_t A, const fmpq_mat_t c, char *err)
{
    slong n = v->R->nvars;
    if (fmpq_mat_nrows(A) != v->len || fmpq_mat_ncols(A) != n)
        return poly_error(err, POLY_ERR_ARG, "matrix is %ldx%ld, expected %ldx%ld",
                          (long)fmpq_mat_nrows(A), (long)fmpq_mat_ncols(A), (long)v->len, (long)n);
    if (c != NULL && (fmpq_mat_nrows(c) != v->len || fmpq_mat_ncols(c) != 1))
        return poly_error(err, POLY_ERR_ARG, "offset must be a %ldx1 column", (long)v->len);
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, v->R->ctx);
    for (slong i = 0; i < v->len; i++) {
        fmpq_mpoly_zero(v->p + i, v->R->ctx);
        for (slong j = 0; j < n; j++) {
            fmpq_mpoly_gen(t, j, v->R->ctx);
            fmpq_mpoly_scalar_mul_fmpq(t, t, fmpq_mat_entry(A, i, j), v->R->ctx);
            fmpq_mpoly_add(v->p + i, v->p + i, t, v->R->ctx);
        }
        if (c != NULL)
            fmpq_mpoly_add_fmpq(v->p + i, v->p + i, fmpq_mat_entry(c, i, 0), v->R->ctx);
    }
    fmpq_mpoly_clear(t, v->R->ctx);
    return POLY_OK;
}

int section_velocity(PolyVec *v, const fmpq_mat_t A)
{
    slong n = v->R->nvars, r = fmpq_mat_nrows(A);
    if (r != fmpq_mat_ncols(A) || v->len != n || (r != n && r != n + 1))
        return SECTION_VELOCITY_SIZE;
    if (r == n)
        return polyvec_set_affine(v, A, NULL, NULL);
    for (slong j = 0; j <= n; j++)
        if (!fmpq_is_zero(fmpq_mat_entry(A, n, j)))
            return SECTION_VELOCITY_NOT_AFFINE;
    fmpq_mat_t M, b;
    fmpq_mat_window_init(M, A, 0, 0, n, n);
    fmpq_mat_window_init(b, A, 0, n, n, n + 1);
    int st = polyvec_set_affine(v, M, b, NULL);
    fmpq_mat_window_clear(M);
    fmpq_mat_window_clear(b);
    return st;
}

int polymat_set_fmpq_mat(PolyMat *M, const fmpq_mat_t A, char *err)
{
    if (fmpq_mat_nrows(A) != M->rows || fmpq_mat_ncols(A) != M->cols)
        return poly_error(err, POLY_ERR_ARG, "matrix is %ldx%ld, expected %ldx%ld",
                          (long)fmpq_mat_nrows(A), (long)fmpq_mat_ncols(A), (long)M->rows,
                          (long)M->cols);
    for (slong i = 0; i < M->rows; i++)
        for (slong j = 0; j < M->cols; j++)
            fmpq_mpoly_set_fmpq(polymat_entry(M, i, j), fmpq_mat_entry(A, i, j), M->R->ctx);
    return POLY_OK;
}

/* ---- calculus ---- */

int section_jacobian(PolyMat *J, const PolyVec *F, char *err)
{
    int s;
    slong n = F->R->nvars;
    if ((s = same_ring(J->R, F->R, err)))
        return s;
    if (J->rows != F->len || J->cols != n)
        return poly_error(err, POLY_ERR_ARG, "jacobian must be %ldx%ld", (long)F->len, (long)n);
    if ((s = check_polys(F->p, F->len, F->R, err)))
        return s;
    PolyMat T;
    polymat_init(&T, F->len, n, F->R);
    for (slong i = 0; i < F->len; i++)
        for (slong j = 0; j < n; j++)
            fmpq_mpoly_derivative(polymat_entry(&T, i, j), F->p + i, j, F->R->ctx);
    for (slong i = 0; i < F->len * n; i++)
        fmpq_mpoly_swap(J->p + i, T.p + i, F->R->ctx);
    polymat_clear(&T);
    return POLY_OK;
}

int section_lie(PolyVec *out, const PolyMat *b, const PolyVec *v, const PolyVec *F, char *err)
{
    int s;
    const PolyRing *R = F->R;
    slong n = R->nvars, k = F->len;
    if ((s = same_ring(out->R, R, err)) || (s = same_ring(v->R, R, err)) ||
        (b != NULL && (s = same_ring(b->R, R, err))))
        return s;
    if ((s = check_len(v->len, n, "velocity field", err)) ||
        (s = check_len(out->len, k, "output section", err)))
        return s;
    if (b != NULL && (b->rows != k || b->cols != k))
        return poly_error(err, POLY_ERR_ARG, "fiber generator is %ldx%ld, expected %ldx%ld",
                          (long)b->rows, (long)b->cols, (long)k, (long)k);
    PolyVec T;
    polyvec_init(&T, k, F->R);
    fmpq_mpoly_t d, t;
    fmpq_mpoly_init(d, R->ctx);
    fmpq_mpoly_init(t, R->ctx);
    s = POLY_OK;
    for (slong c = 0; c < k && s == POLY_OK; c++) {
        if (b != NULL)
            for (slong r = 0; r < k && s == POLY_OK; r++) {
                const fmpq_mpoly_struct *brc = polymat_entry(b, c, r);
                if (fmpq_mpoly_is_zero(brc, R->ctx))
                    continue;
                if (!(s = poly_mul(t, brc, F->p + r, R, err)))
                    s = poly_add(T.p + c, T.p + c, t, R, err);
            }
        for (slong i = 0; i < n && s == POLY_OK; i++) {
            if (fmpq_mpoly_is_zero(v->p + i, R->ctx))
                continue;
            if (!(s = poly_diff(d, F->p + c, i, R, err)) && !(s = poly_mul(t, d, v->p + i, R, err)))
                s = poly_sub(T.p + c, T.p + c, t, R, err);
        }
    }
    if (s == POLY_OK)
        for (slong c = 0; c < k; c++)
            fmpq_mpoly_swap(out->p + c, T.p + c, R->ctx);
    fmpq_mpoly_clear(d, R->ctx);
    fmpq_mpoly_clear(t, R->ctx);
    polyvec_clear(&T);
    return s;
}

int section_bracket(PolyVec *out, const PolyVec *X, const PolyVec *Y, char *err)
{
    int s;
    const PolyRing *R = X->R;
    slong n = R->nvars;
    if ((s = same_ring(Y->R, R, err)) || (s = same_ring(out->R, R, err)))
        return s;
    if ((s = check_len(X->len, n, "vector field", err)) ||
        (s = check_len(Y->len, n, "vector field", err)) ||
        (s = check_len(out->len, n, "output vector field", err)))
        return s;
    PolyVec T;
    polyvec_init(&T, n, X->R);
    fmpq_mpoly_t d, t;
    fmpq_mpoly_init(d, R->ctx);
    fmpq_mpoly_init(t, R->ctx);
    s = POLY_OK;
    for (slong i = 0; i < n && s == POLY_OK; i++)
        for (slong j = 0; j < n && s == POLY_OK; j++) {
            if (!(s = poly_diff(d, Y->p + i, j, R, err)) && !(s = poly_mul(t, d, X->p + j, R, err)))
                s = poly_add(T.p + i, T.p + i, t, R, err);
            if (s == POLY_OK && !(s = poly_diff(d, X->p + i, j, R, err)) &&
                !(s = poly_mul(t, d, Y->p + j, R, err)))
                s = poly_sub(T.p + i, T.p + i, t, R, err);
        }
    if (s == POLY_OK)
        for (slong i = 0; i < n; i++)
            fmpq_mpoly_swap(out->p + i, T.p + i, R->ctx);
    fmpq_mpoly_clear(d, R->ctx);
    fmpq_mpoly_clear(t, R->ctx);
    polyvec_clear(&T);
    return s;
}

int section_divergence(fmpq_mpoly_t out, const PolyVec *X, char *err)
{
    int s;
    const PolyRing *R = X->R;
    if ((s = check_len(X->len, R->nvars, "vector field", err)) ||
        (s = check_polys(X->p, X->len, R, err)))
        return s;
    fmpq_mpoly_t acc, d;
    fmpq_mpoly_init(acc, R->ctx);
    fmpq_mpoly_init(d, R->ctx);
    for (slong i = 0; i < R->nvars; i++) {
        fmpq_mpoly_derivative(d, X->p + i, i, R->ctx);
        fmpq_mpoly_add(acc, acc, d, R->ctx);
    }
    fmpq_mpoly_swap(out, acc, R->ctx);
    fmpq_mpoly_clear(acc, R->ctx);
    fmpq_mpoly_clear(d, R->ctx);
    return POLY_OK;
}

/* ---- fiber generators ---- */

static int fiber_jac(PolyMat *b, const PolyVec *v, int cotangent, char *err)
{
    int s;
    slong n = v->R->nvars;
    if ((s = same_ring(b->R, v->R, err)) || (s = check_len(v->len, n, "velocity field", err)))
        return s;
    if (b->rows != n || b->cols != n)
        return poly_error(err, POLY_ERR_ARG, "fiber generator must be %ldx%ld", (long)n, (long)n);
    PolyMat J;
    polymat_init(&J, n, n, v->R);
    s = section_jacobian(&J, v, err);
    if (s == POLY_OK)
        for (slong i = 0; i < n; i++)
            for (slong j = 0; j < n; j++) {
                if (cotangent) {
                    fmpq_mpoly_neg(polymat_entry(b, i, j), polymat_entry(&J, j, i), v->R->ctx);
                } else {
                    fmpq_mpoly_swap(polymat_entry(b, i, j), polymat_entry(&J, i, j), v->R->ctx);
                }
            }
    polymat_clear(&J);
    return s;
}

int section_fiber_tangent(PolyMat *b, const PolyVec *v, char *err)
{
    return fiber_jac(b, v, 0, err);
}

int section_fiber_cotangent(PolyMat *b, const PolyVec *v, char *err)
{
    return fiber_jac(b, v, 1, err);
}

int section_fiber_kron_sum(PolyMat *out, const PolyMat *b1, slong k1, const PolyMat *b2, slong k2,
                           char *err)
{
    int s;
    const PolyRing *R = out->R;
    if ((b1 != NULL && (s = same_ring(b1->R, R, err))) ||
        (b2 != NULL && (s = same_ring(b2->R, R, err))))
        return s;
    if ((b1 != NULL && (b1->rows != k1 || b1->cols != k1)) ||
        (b2 != NULL && (b2->rows != k2 || b2->cols != k2)) || k1 < 0 || k2 < 0)
        return poly_error(err, POLY_ERR_ARG, "fiber generators must be square of the given sizes");
    if (k1 > SECTION_MAX_FIBER || k2 > SECTION_MAX_FIBER || k1 * k2 > SECTION_MAX_FIBER)
        return poly_error(err, POLY_ERR_LIMIT, "fiber dimension %ld exceeds the limit %d",
                          (long)(k1 * k2), SECTION_MAX_FIBER);
    slong K = k1 * k2;
    if (out->rows != K || out->cols != K)
        return poly_error(err, POLY_ERR_ARG, "output generator must be %ldx%ld", (long)K, (long)K);
    PolyMat T;
    polymat_init(&T, K, K, out->R);
    /* (b1 ⊗ I)[(i,j),(i',j')] = b1[i][i'] δ_jj';  (I ⊗ b2) = δ_ii' b2[j][j']. */
    for (slong i = 0; i < k1; i++)
        for (slong j = 0; j < k2; j++)
            for (slong i2 = 0; i2 < k1; i2++)
                for (slong j2 = 0; j2 < k2; j2++) {
                    fmpq_mpoly_struct *e = polymat_entry(&T, i * k2 + j, i2 * k2 + j2);
                    if (b1 != NULL && j == j2)
                        fmpq_mpoly_add(e, e, polymat_entry(b1, i, i2), R->ctx);
                    if (b2 != NULL && i == i2)
                        fmpq_mpoly_add(e, e, polymat_entry(b2, j, j2), R->ctx);
                }
    for (slong i = 0; i < K * K; i++)
        fmpq_mpoly_swap(out->p + i, T.p + i, R->ctx);
    polymat_clear(&T);
    return POLY_OK;
}

int section_fiber_tensor(PolyMat *b, const PolyVec *v, slong p, slong q, char *err)
{
    int s;
    slong n = v->R->nvars;
    if (p < 0 || q < 0)
        return poly_error(err, POLY_ERR_ARG, "negative tensor type");
    if ((s = same_ring(b->R, v->R, err)) || (s = check_len(v->len, n, "velocity field", err)))
        return s;
    slong K = 1;
    for (slong i = 0; i < p + q; i++) {
        if (n > 0 && K > SECTION_MAX_FIBER / n)
            return poly_error(err, POLY_ERR_LIMIT, "tensor fiber dimension exceeds the limit %d",
                              SECTION_MAX_FIBER);
        K *= n;
    }
    if (b->rows != K || b->cols != K)
        return poly_error(err, POLY_ERR_ARG, "fiber generator must be %ldx%ld", (long)K, (long)K);
    if (p + q == 0) {
        fmpq_mpoly_zero(b->p, b->R->ctx);
        return POLY_OK;
    }
    PolyMat up, lo, acc, nxt;
    polymat_init(&up, n, n, v->R);
    polymat_init(&lo, n, n, v->R);
    if (!(s = section_fiber_tangent(&up, v, err)) && !(s = section_fiber_cotangent(&lo, v, err))) {
        /* Build slot by slot: acc (dimension m) -> acc ⊗ I + I ⊗ slot. */
        polymat_init(&acc, n, n, v->R);
        for (slong i = 0; i < n * n; i++)
            fmpq_mpoly_set(acc.p + i, (p > 0 ? up.p : lo.p) + i, v->R->ctx);
        slong m = n;
        for (slong slot = 1; slot < p + q && s == POLY_OK; slot++) {
            polymat_init(&nxt, m * n, m * n, v->R);
            s = section_fiber_kron_sum(&nxt, &acc, m, slot < p ? &up : &lo, n, err);
            polymat_clear(&acc);
            acc = nxt;
            m *= n;
        }
        if (s == POLY_OK)
            for (slong i = 0; i < K * K; i++)
                fmpq_mpoly_swap(b->p + i, acc.p + i, v->R->ctx);
        polymat_clear(&acc);
    }
    polymat_clear(&up);
    polymat_clear(&lo);
    return s;
}

/* ---- sparse accumulator for one column ---- */

typedef struct {
    fmpq *val;
    slong *touched;
    char *flag;
    slong ntouched, size;
} ColAcc;

static int colacc_init(ColAcc *A, slong size, char *err)
{
    memset(A, 0, sizeof *A);
    if (size > SECTION_MAX_ACCUMULATOR)
        return poly_error(err, POLY_ERR_LIMIT,
                          "constraint matrix has too many rows (%ld, limit %d)", (long)size,
                          SECTION_MAX_ACCUMULATOR);
    A->size = size;
    A->val = _fmpq_vec_init(size > 0 ? size : 1);
    A->touched = malloc((size_t)(size > 0 ? size : 1) * sizeof(slong));
    A->flag = calloc((size_t)(size > 0 ? size : 1), 1);
    if (A->touched == NULL || A->flag == NULL)
        return poly_error(err, POLY_ERR_MEMORY, "out of memory for the constraint matrix");
    return POLY_OK;
}

static void colacc_clear(ColAcc *A)
{
    if (A->val != NULL)
        _fmpq_vec_clear(A->val, A->size > 0 ? A->size : 1);
    free(A->touched);
    free(A->flag);
}

static inline fmpq *colacc_at(ColAcc *A, slong row)
{
    if (!A->flag[row]) {
        A->flag[row] = 1;
        A->touched[A->ntouched++] = row;
    }
    return A->val + row;
}

static int cmp_slong(const void *a, const void *b)
{
    slong x = *(const slong *)a, y = *(const slong *)b;
    return (x > y) - (x < y);
}

/* Emits the column's nonzeros in ascending row order and resets it. */
static int colacc_flush(ColAcc *A, slong col, SectionEmitFn emit, void *ctx, char *err)
{
    int s = POLY_OK;
    qsort(A->touched, (size_t)A->ntouched, sizeof(slong), cmp_slong);
    for (slong t = 0; t < A->ntouched; t++) {
        slong r = A->touched[t];
        if (s == POLY_OK && !fmpq_is_zero(A->val + r) && emit(ctx, r, col, A->val + r) != 0)
            s = poly_error(err, POLY_ERR_CALLBACK, "matrix entry callback failed");
        fmpq_zero(A->val + r);
        A->flag[r] = 0;
    }
    A->ntouched = 0;
    return s;
}

/* Terms of one polynomial: coefficients and exponent vectors. */
typedef struct {
    slong len;
    fmpq *c;
    ulong *e;
} TermList;

static void termlist_init(TermList *T, const fmpq_mpoly_t p, const PolyRing *R)
{
    slong n = R->nvars;
    T->len = fmpq_mpoly_length(p, R->ctx);
    T->c = _fmpq_vec_init(T->len > 0 ? T->len : 1);
    T->e = flint_malloc((size_t)((T->len > 0 ? T->len : 1) * (n > 0 ? n : 1)) * sizeof(ulong));
    for (slong t = 0; t < T->len; t++) {
        fmpq_mpoly_get_term_coeff_fmpq(T->c + t, p, t, R->ctx);
        if (n > 0)
            fmpq_mpoly_get_term_exp_ui(T->e + t * n, p, t, R->ctx);
    }
}

static void termlist_clear(TermList *T)
{
    _fmpq_vec_clear(T->c, T->len > 0 ? T->len : 1);
    flint_free(T->e);
}

/* ---- the Lie-derivative matrix ---- */

slong section_lie_matrix_degree(const PolyMat *b, const PolyVec *v, slong d)
{
    slong dv = polyvec_degree(v), db = b != NULL ? polymat_degree(b) : -1;
    slong m = dv - 1 > db ? dv - 1 : db;
    if (dv < 0 && db < 0)
        m = 0;               /* the zero operator */
    if (m > POLY_MAX_DEGREE) /* saturate: callers reject degrees above the limit */
        m = POLY_MAX_DEGREE + 1;
    if (d > POLY_MAX_DEGREE)
        d = POLY_MAX_DEGREE + 1;
    return d + m < 0 ? 0 : d + m;
}

int section_lie_matrix(SectionEmitFn emit, void *ctx, const PolyMat *b, const PolyVec *v, slong k,
                       slong d, slong *d_out, char *err)
{
    int s;
    const PolyRing *R = v->R;
    slong n = R->nvars;
    if (k < 0 || d < 0)
        return poly_error(err, POLY_ERR_ARG, "negative degree or fiber dimension");
    if (d > POLY_MAX_DEGREE)
        return poly_error(err, POLY_ERR_LIMIT, "degree exceeds the limit %d", POLY_MAX_DEGREE);
    if ((s = check_len(v->len, n, "velocity field", err)) || (s = check_polys(v->p, n, R, err)))
        return s;
    if (b != NULL) {
        if ((s = same_ring(b->R, R, err)))
            return s;
        if (b->rows != k || b->cols != k)
            return poly_error(err, POLY_ERR_ARG, "fiber generator is %ldx%ld, expected %ldx%ld",
                              (long)b->rows, (long)b->cols, (long)k, (long)k);
        if ((s = check_polys(b->p, k * k, R, err)))
            return s;
    }
    slong need = section_lie_matrix_degree(b, v, d);
    if (*d_out < 0)
        *d_out = need;
    else if (*d_out < need)
        return poly_error(err, POLY_ERR_ARG, "output degree %ld is below the needed %ld",
                          (long)*d_out, (long)need);
    if (*d_out > POLY_MAX_DEGREE)
        return poly_error(err, POLY_ERR_LIMIT, "output degree exceeds the limit %d",
                          POLY_MAX_DEGREE);

    MonoBasis Bin, Bout;
    ColAcc A;
    if ((s = monobasis_init(&Bin, n, d, err)))
        return s;
    if ((s = monobasis_init(&Bout, n, *d_out, err))) {
        monobasis_clear(&Bin);
        return s;
    }
    slong Nin = Bin.size, Nout = Bout.size;
    if ((double)k * (double)Nout > SECTION_MAX_ACCUMULATOR) {
        monobasis_clear(&Bin);
        monobasis_clear(&Bout);
        return poly_error(err, POLY_ERR_LIMIT, "constraint matrix has too many rows (limit %d)",
                          SECTION_MAX_ACCUMULATOR);
    }
    if ((s = colacc_init(&A, k * Nout, err))) {
        colacc_clear(&A);
        monobasis_clear(&Bin);
        monobasis_clear(&Bout);
        return s;
    }
    TermList *vt = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(TermList));
    for (slong i = 0; i < n; i++)
        termlist_init(vt + i, v->p + i, R);
    TermList *bt = NULL;
    if (b != NULL) {
        bt = flint_malloc((size_t)(k * k > 0 ? k * k : 1) * sizeof(TermList));
        for (slong i = 0; i < k * k; i++)
            termlist_init(bt + i, b->p + i, R);
    }
    ulong *ex = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(ulong));
    ex[0] = 0;
    fmpq_t tmp;
    fmpq_init(tmp);
    for (slong c = 0; c < k && s == POLY_OK; c++)
        for (slong j = 0; j < Nin && s == POLY_OK; j++) {
            const ulong *e = monobasis_exp(&Bin, j);
            /* b·F part: component r gets b[r][c] * x^e. */
            if (bt != NULL)
                for (slong r = 0; r < k; r++) {
                    const TermList *T = bt + r * k + c;
                    for (slong t = 0; t < T->len; t++) {
                        for (slong i = 0; i < n; i++)
                            ex[i] = e[i] + T->e[t * n + i];
                        fmpq *a = colacc_at(&A, r * Nout + monobasis_index(&Bout, ex));
                        fmpq_add(a, a, T->c + t);
                    }
                }
            /* −DF·v part: component c gets −Σ_i e_i x^(e − 1_i) v_i. */
            for (slong i = 0; i < n; i++) {
                if (e[i] == 0)
                    continue;
                const TermList *T = vt + i;
                for (slong t = 0; t < T->len; t++) {
                    for (slong l = 0; l < n; l++)
                        ex[l] = e[l] + T->e[t * n + l];
                    ex[i] -= 1;
                    fmpq *a = colacc_at(&A, c * Nout + monobasis_index(&Bout, ex));
                    fmpq_mul_ui(tmp, T->c + t, e[i]);
                    fmpq_sub(a, a, tmp);
                }
            }
            s = colacc_flush(&A, c * Nin + j, emit, ctx, err);
        }
    fmpq_clear(tmp);
    flint_free(ex);
    for (slong i = 0; i < n; i++)
        termlist_clear(vt + i);
    flint_free(vt);
    if (bt != NULL) {
        for (slong i = 0; i < k * k; i++)
            termlist_clear(bt + i);
        flint_free(bt);
    }
    colacc_clear(&A);
    monobasis_clear(&Bin);
    monobasis_clear(&Bout);
    return s;
}

/* ---- discrete group elements ---- */

static int check_group_element(fmpq_mat_t ginv, const fmpq_mat_t g, const fmpq_mat_t T, slong n,
                               slong k, char *err)
{
    if (fmpq_mat_nrows(g) != n || fmpq_mat_ncols(g) != n)
        return poly_error(err, POLY_ERR_ARG, "group element must be a %ldx%ld matrix", (long)n,
                          (long)n);
    if (fmpq_mat_nrows(T) != k || fmpq_mat_ncols(T) != k)
        return poly_error(err, POLY_ERR_ARG, "fiber matrix must be %ldx%ld", (long)k, (long)k);
    if (n > 0 && !fmpq_mat_inv(ginv, g))
        return poly_error(err, POLY_ERR_DOMAIN, "singular group element");
    return POLY_OK;
}

/* L[i] = (h x)_i = Σ_j h_ij x_j as polynomials of R. */
static void linear_forms(fmpq_mpoly_struct *L, const fmpq_mat_t h, const PolyRing *R)
{
    slong n = R->nvars;
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, R->ctx);
    for (slong i = 0; i < n; i++) {
        fmpq_mpoly_init(L + i, R->ctx);
        for (slong j = 0; j < n; j++) {
            if (fmpq_is_zero(fmpq_mat_entry(h, i, j)))
                continue;
            fmpq_mpoly_gen(t, j, R->ctx);
            fmpq_mpoly_scalar_mul_fmpq(t, t, fmpq_mat_entry(h, i, j), R->ctx);
            fmpq_mpoly_add(L + i, L + i, t, R->ctx);
        }
    }
    fmpq_mpoly_clear(t, R->ctx);
}

int section_act(PolyVec *out, const fmpq_mat_t g, const fmpq_mat_t T, const PolyVec *F, char *err)
{
    int s;
    const PolyRing *R = F->R;
    slong n = R->nvars, k = F->len;
    if ((s = same_ring(out->R, R, err)) || (s = check_len(out->len, k, "output section", err)))
        return s;
    fmpq_mat_t h;
    fmpq_mat_init(h, n, n);
    if ((s = check_group_element(h, g, T, n, k, err))) {
        fmpq_mat_clear(h);
        return s;
    }
    fmpq_mpoly_struct *L = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(fmpq_mpoly_struct));
    fmpq_mpoly_struct **Lp = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(fmpq_mpoly_struct *));
    linear_forms(L, h, R);
    for (slong i = 0; i < n; i++)
        Lp[i] = L + i;
    PolyVec G, O;
    polyvec_init(&G, k, F->R);
    polyvec_init(&O, k, F->R);
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, R->ctx);
    for (slong c = 0; c < k && s == POLY_OK; c++)
        s = poly_compose(G.p + c, F->p + c, R, Lp, R, err);
    for (slong r = 0; r < k && s == POLY_OK; r++)
        for (slong c = 0; c < k && s == POLY_OK; c++) {
            if (fmpq_is_zero(fmpq_mat_entry(T, r, c)))
                continue;
            fmpq_mpoly_scalar_mul_fmpq(t, G.p + c, fmpq_mat_entry(T, r, c), R->ctx);
            s = poly_add(O.p + r, O.p + r, t, R, err);
        }
    if (s == POLY_OK)
        for (slong r = 0; r < k; r++)
            fmpq_mpoly_swap(out->p + r, O.p + r, R->ctx);
    fmpq_mpoly_clear(t, R->ctx);
    polyvec_clear(&G);
    polyvec_clear(&O);
    for (slong i = 0; i < n; i++)
        fmpq_mpoly_clear(L + i, R->ctx);
    flint_free(L);
    flint_free(Lp);
    fmpq_mat_clear(h);
    return s;
}

int section_act_matrix(SectionEmitFn emit, void *ctx, const fmpq_mat_t g, const fmpq_mat_t T,
                       slong k, slong d, char *err)
{
    int s;
    slong n = fmpq_mat_nrows(g);
    if (k < 0 || d < 0)
        return poly_error(err, POLY_ERR_ARG, "negative degree or fiber dimension");
    if (d > POLY_MAX_DEGREE)
        return poly_error(err, POLY_ERR_LIMIT, "degree exceeds the limit %d", POLY_MAX_DEGREE);
    if (n > POLY_MAX_VARS)
        return poly_error(err, POLY_ERR_LIMIT, "too many variables");
    fmpq_mat_t h;
    fmpq_mat_init(h, n, n);
    if ((s = check_group_element(h, g, T, n, k, err))) {
        fmpq_mat_clear(h);
        return s;
    }
    MonoBasis B;
    if ((s = monobasis_init(&B, n, d, err))) {
        fmpq_mat_clear(h);
        return s;
    }
    slong N = B.size;
    ColAcc A;
    if ((double)k * (double)N > SECTION_MAX_ACCUMULATOR || (s = colacc_init(&A, k * N, err))) {
        if (s == POLY_OK)
            s = poly_error(err, POLY_ERR_LIMIT, "constraint matrix has too many rows (limit %d)",
                           SECTION_MAX_ACCUMULATOR);
        else
            colacc_clear(&A);
        monobasis_clear(&B);
        fmpq_mat_clear(h);
        return s;
    }
    /* A private ring for the images m(h x); names are irrelevant. */
    char **names = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(char *));
    for (slong i = 0; i < n; i++) {
        names[i] = flint_malloc(24);
        flint_sprintf(names[i], "x%wd", i + 1);
    }
    PolyRing *R = polyring_new(n, (const char *const *)names);
    for (slong i = 0; i < n; i++)
        flint_free(names[i]);
    flint_free(names);
    if (R == NULL) {
        colacc_clear(&A);
        monobasis_clear(&B);
        fmpq_mat_clear(h);
        return poly_error(err, POLY_ERR_MEMORY, "out of memory");
    }
    fmpq_mpoly_struct *L = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(fmpq_mpoly_struct));
    linear_forms(L, h, R);
    /* Images of the monomials of the previous and the current degree,
       indexed by position within their degree. */
    slong maxlayer = 1;
    for (slong t = 0; t <= d; t++) {
        slong lo = t > 0 ? B.count[n * (d + 1) + t - 1] : 0;
        slong hi = B.count[n * (d + 1) + t];
        if (hi - lo > maxlayer)
            maxlayer = hi - lo;
    }
    fmpq_mpoly_struct *prev = flint_malloc((size_t)maxlayer * sizeof(fmpq_mpoly_struct));
    fmpq_mpoly_struct *cur = flint_malloc((size_t)maxlayer * sizeof(fmpq_mpoly_struct));
    for (slong i = 0; i < maxlayer; i++) {
        fmpq_mpoly_init(prev + i, R->ctx);
        fmpq_mpoly_init(cur + i, R->ctx);
    }
    ulong *ex = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(ulong));
    fmpq_t cf, tmp;
    fmpq_init(cf);
    fmpq_init(tmp);
    slong prevlo = 0;
    for (slong t = 0; t <= d && s == POLY_OK; t++) {
        slong lo = t > 0 ? B.count[n * (d + 1) + t - 1] : 0;
        slong hi = B.count[n * (d + 1) + t];
        for (slong j = lo; j < hi; j++) {
            fmpq_mpoly_struct *img = cur + (j - lo);
            if (t == 0) {
                fmpq_mpoly_one(img, R->ctx);
                continue;
            }
            const ulong *e = monobasis_exp(&B, j);
            slong i = 0;
            while (e[i] == 0)
                i++;
            memcpy(ex, e, (size_t)n * sizeof(ulong));
            ex[i] -= 1;
            slong parent = monobasis_index(&B, ex) - prevlo;
            fmpq_mpoly_mul(img, prev + parent, L + i, R->ctx);
        }
        for (slong c = 0; c < k && s == POLY_OK; c++)
            for (slong j = lo; j < hi && s == POLY_OK; j++) {
                const fmpq_mpoly_struct *img = cur + (j - lo);
                slong len = fmpq_mpoly_length(img, R->ctx);
                for (slong u = 0; u < len; u++) {
                    fmpq_mpoly_get_term_coeff_fmpq(cf, img, u, R->ctx);
                    if (n > 0)
                        fmpq_mpoly_get_term_exp_ui(ex, img, u, R->ctx);
                    slong idx = n > 0 ? monobasis_index(&B, ex) : 0;
                    for (slong r = 0; r < k; r++) {
                        if (fmpq_is_zero(fmpq_mat_entry(T, r, c)))
                            continue;
                        fmpq *a = colacc_at(&A, r * N + idx);
                        fmpq_mul(tmp, cf, fmpq_mat_entry(T, r, c));
                        fmpq_add(a, a, tmp);
                    }
                }
                fmpq *a = colacc_at(&A, c * N + j);
                fmpq_sub_si(a, a, 1);
                s = colacc_flush(&A, c * N + j, emit, ctx, err);
            }
        fmpq_mpoly_struct *sw = prev;
        prev = cur;
        cur = sw;
        prevlo = lo;
    }
    fmpq_clear(cf);
    fmpq_clear(tmp);
    flint_free(ex);
    for (slong i = 0; i < maxlayer; i++) {
        fmpq_mpoly_clear(prev + i, R->ctx);
        fmpq_mpoly_clear(cur + i, R->ctx);
    }
    flint_free(prev);
    flint_free(cur);
    for (slong i = 0; i < n; i++)
        fmpq_mpoly_clear(L + i, R->ctx);
    flint_free(L);
    polyring_decref(R);
    colacc_clear(&A);
    monobasis_clear(&B);
    fmpq_mat_clear(h);
    return s;
}
