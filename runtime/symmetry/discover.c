/* discover.c — the discovery engine: exact kernels of ξ ↦ lie(ξ, F),
 * last-entry canonical bases, closure checks, vanishing ideals of exact
 * points and tangency, and the float local-PCA quadratic form.  See
 * discover.h for the contracts. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "symmetry/discover.h"
#include "exact/nullspace.h"
#include "lie/algebra.h"
#include "numeric/dlinalg.h"
#include "numeric/rankgap.h"

static int poly_status(int st)
{
    return st == POLY_OK ? DISCOVER_OK : st == POLY_ERR_ARG ? DISCOVER_ERR_ARG : DISCOVER_ERR_LIMIT;
}

static int qmat_fail(char *err, int st)
{
    return sym_error(err, st == QMAT_E_TOO_LARGE ? DISCOVER_ERR_LIMIT : DISCOVER_ERR_ARG,
                     "the exact nullspace failed: %s", qmat_strerror(st));
}

int discover_velocity(PolyVec *v, const fmpq_mat_t A, PolyRing *R, char *err)
{
    slong n = R->nvars, r = fmpq_mat_nrows(A);
    polyvec_init(v, n, R);
    int st = section_velocity(v, A);
    if (!st)
        return 0;
    polyvec_clear(v);
    if (st == SECTION_VELOCITY_NOT_AFFINE)
        return sym_error(err, DISCOVER_ERR_ARG,
                         "the candidate matrices are %ldx%ld but there "
                         "are %ld coordinates (and they are not affine)",
                         (long)r, (long)r, (long)n);
    if (st == SECTION_VELOCITY_SIZE)
        return sym_error(err, DISCOVER_ERR_ARG,
                         "the candidate matrices are %ldx%ld but there %s %ld "
                         "coordinate%s",
                         (long)r, (long)fmpq_mat_ncols(A), n == 1 ? "is" : "are", (long)n,
                         n == 1 ? "" : "s");
    return poly_status(st);
}

int discover_lie(PolyVec *out, const LieBundle *B, const fmpq_mat_t D, const PolyVec *v,
                 const PolyVec *F, char *err)
{
    slong k = F->len;
    PolyMat b;
    int st = POLY_OK, hasb = B->kind != BUNDLE_SCALARS;
    if (B->kind == BUNDLE_KERNELS)
        return sym_error(err, DISCOVER_ERR_ARG, "kernel bundles are not supported here");
    if (B->kind == BUNDLE_SECTIONS && (!D || fmpq_mat_nrows(D) != k || fmpq_mat_ncols(D) != k))
        return sym_error(err, DISCOVER_ERR_ARG, "the fiber generator does not match the section");
    if ((B->kind == BUNDLE_FIELDS || B->kind == BUNDLE_FORMS) && k != v->len)
        return sym_error(err, DISCOVER_ERR_ARG, "a vector field has %ld components, not %ld",
                         (long)v->len, (long)k);
    polymat_init(&b, k, k, F->R);
    if (hasb && bundle_fiber(&b, B, v, D, err))
        st = POLY_ERR_ARG;
    if (!st)
        st = section_lie(out, hasb ? &b : NULL, v, F, err);
    polymat_clear(&b);
    return poly_status(st);
}

/* N = the q x q identity (everything is in the kernel). */
static void set_identity(fmpq_mat_t N, slong q)
{
    fmpq_mat_clear(N);
    fmpq_mat_init(N, q, q);
    fmpq_mat_one(N);
}

int discover_kernel(fmpq_mat_t N, const PolyVec *images, slong q, char *err)
{
    slong D = -1, k = q ? images[0].len : 0;
    for (slong i = 0; i < q; i++) {
        slong di = polyvec_degree(images + i);
        if (images[i].len != k)
            return sym_error(err, DISCOVER_ERR_ARG, "the images have different lengths");
        if (di > D)
            D = di;
    }
    if (D < 0) {
        set_identity(N, q);
        return DISCOVER_OK;
    }
    MonoBasis B;
    int st = monobasis_init(&B, images[0].R->nvars, D, err);
    if (st)
        return poly_status(st);
    slong rows = k * B.size;
    if (!qmat_size_ok(rows, q)) {
        monobasis_clear(&B);
        return sym_error(err, DISCOVER_ERR_LIMIT, "the operator (%ld x %ld) is too large",
                         (long)rows, (long)q);
    }
    fmpq_mat_t C;
    fmpq_mat_init(C, rows, q);
    fmpq *col = _fmpq_vec_init(rows);
    for (slong i = 0; i < q && !st; i++) {
        if (sym_interrupt_poll()) {
            st = sym_error(err, DISCOVER_ERR_INTERRUPTED, "interrupted");
            break;
        }
        st = monobasis_coeffs_vec(col, images[i].p, k, &B, images[i].R, err);
        for (slong r = 0; r < rows && !st; r++)
            fmpq_set(fmpq_mat_entry(C, r, i), col + r);
    }
    _fmpq_vec_clear(col, rows);
    monobasis_clear(&B);
    if (st) {
        fmpq_mat_clear(C);
        return st == DISCOVER_ERR_INTERRUPTED ? st : poly_status(st);
    }
    int qs = qmat_nullspace(N, C);
    fmpq_mat_clear(C);
    return qs ? qmat_fail(err, qs) : DISCOVER_OK;
}

void discover_canonical_rows(fmpq_mat_t M, const fmpq_mat_t V)
{
    slong c = fmpq_mat_ncols(V);
    AlgebraSpan S;
    fmpq_mat_t C;
    fmpq *rev = _fmpq_vec_init(c + 1);
    algebra_span_init(&S, c, 0);
    for (slong r = 0; r < fmpq_mat_nrows(V); r++) {
        for (slong j = 0; j < c; j++)
            fmpq_set(rev + j, fmpq_mat_entry(V, r, c - 1 - j));
        algebra_span_add(&S, rev, NULL);
    }
    fmpq_mat_init(C, 0, 0);
    algebra_span_canonical(C, &S);
    slong rank = fmpq_mat_nrows(C);
    fmpq_mat_clear(M);
    fmpq_mat_init(M, rank, c);
    for (slong i = 0; i < rank; i++)
        for (slong j = 0; j < c; j++)
            fmpq_set(fmpq_mat_entry(M, i, j), fmpq_mat_entry(C, rank - 1 - i, c - 1 - j));
    fmpq_mat_clear(C);
    algebra_span_clear(&S);
    _fmpq_vec_clear(rev, c + 1);
}

void discover_mat_closure(int *closed, slong *bad_i, slong *bad_j, fmpq_mat_t bracket,
                          const fmpq_mat_t M, slong n)
{
    slong dim = fmpq_mat_nrows(M), len = n * n;
    AlgebraSpan S;
    fmpq_mat_t A, B, Cm;
    fmpq *v = _fmpq_vec_init(len + 1);
    algebra_span_init(&S, len, 0);
    for (slong i = 0; i < dim; i++)
        algebra_span_add(&S, fmpq_mat_entry(M, i, 0), NULL);
    fmpq_mat_init(A, n, n);
    fmpq_mat_init(B, n, n);
    fmpq_mat_init(Cm, n, n);
    *closed = 1;
    for (slong i = 0; i < dim && *closed; i++)
        for (slong j = i + 1; j < dim && *closed; j++) {
            algebra_unflatten(A, fmpq_mat_entry(M, i, 0));
            algebra_unflatten(B, fmpq_mat_entry(M, j, 0));
            algebra_bracket(Cm, A, B, NULL);
            algebra_flatten(v, Cm);
            if (!algebra_span_reduce(v, &S, v, NULL)) {
                *closed = 0;
                if (bad_i)
                    *bad_i = i;
                if (bad_j)
                    *bad_j = j;
                if (bracket) {
                    fmpq_mat_clear(bracket);
                    fmpq_mat_init(bracket, n, n);
                    algebra_bracket(bracket, A, B, NULL);
                }
            }
        }
    fmpq_mat_clear(A);
    fmpq_mat_clear(B);
    fmpq_mat_clear(Cm);
    algebra_span_clear(&S);
    _fmpq_vec_clear(v, len + 1);
}

int discover_field_candidates(PolyVec **X, slong *count, PolyRing *R, slong d, char *err)
{
    slong n = R->nvars;
    if (n < 1)
        return sym_error(err, DISCOVER_ERR_ARG, "no coordinates: declare them first (coords x, y)");
    if (d < 0 || d > DISCOVER_MAX_DEGREE)
        return sym_error(err, DISCOVER_ERR_LIMIT, "the degree %ld is out of range (0 to %d)",
                         (long)d, DISCOVER_MAX_DEGREE);
    slong N = monobasis_size(n, d);
    if (N < 0 || N > DISCOVER_MAX_CANDIDATES / n)
        return sym_error(err, DISCOVER_ERR_LIMIT,
                         "too many candidate vector fields of degree <= %ld "
                         "in %ld variables (at most %d)",
                         (long)d, (long)n, DISCOVER_MAX_CANDIDATES);
    MonoBasis B;
    int st = monobasis_init(&B, n, d, err);
    if (st)
        return poly_status(st);
    *count = n * N;
    *X = flint_malloc(sizeof(PolyVec) * (size_t)(*count));
    for (slong c = 0; c < n; c++)
        for (slong j = 0; j < N; j++) {
            PolyVec *x = *X + c * N + j;
            polyvec_init(x, n, R);
            monobasis_monomial(x->p + c, &B, j, R, NULL);
        }
    monobasis_clear(&B);
    return DISCOVER_OK;
}

int discover_field_closure(int *closed, PolyVec *out, slong *nout, slong maxout,
                           const PolyVec *basis, slong dim, slong d, char *err)
{
    *closed = 1;
    *nout = 0;
    if (dim == 0)
        return DISCOVER_OK;
    PolyRing *R = basis[0].R;
    slong n = R->nvars;
    MonoBasis B;
    int st = monobasis_init(&B, n, d, err);
    if (st)
        return poly_status(st);
    slong len = n * B.size;
    fmpq *v = _fmpq_vec_init(len + 1);
    AlgebraSpan S;
    algebra_span_init(&S, len, 0);
    for (slong i = 0; i < dim && !st; i++) {
        st = monobasis_coeffs_vec(v, basis[i].p, n, &B, R, err);
        if (!st)
            algebra_span_add(&S, v, NULL);
    }
    PolyVec br;
    polyvec_init(&br, n, R);
    for (slong i = 0; i < dim && !st; i++)
        for (slong j = i + 1; j < dim && !st; j++) {
            if (sym_interrupt_poll()) {
                st = sym_error(err, DISCOVER_ERR_INTERRUPTED, "interrupted");
                break;
            }
            st = section_bracket(&br, basis + i, basis + j, err);
            if (st)
                break;
            int inside = 0;
            if (polyvec_degree(&br) <= d) {
                st = monobasis_coeffs_vec(v, br.p, n, &B, R, err);
                inside = !st && algebra_span_reduce(v, &S, v, NULL);
            }
            if (!st && !inside) {
                *closed = 0;
                if (*nout < maxout) {
                    polyvec_init(out + *nout, n, R);
                    for (slong t = 0; t < n; t++)
                        fmpq_mpoly_swap(out[*nout].p + t, br.p + t, R->ctx);
                    (*nout)++;
                }
            }
        }
    polyvec_clear(&br);
    algebra_span_clear(&S);
    _fmpq_vec_clear(v, len + 1);
    monobasis_clear(&B);
    return st == DISCOVER_ERR_INTERRUPTED ? st : poly_status(st);
}

/* Kernel of the rows-as-constraints matrix C, transposed into rows, in
   last-entry canonical form. */
static int kernel_rows(fmpq_mat_t H, const fmpq_mat_t C, char *err)
{
    fmpq_mat_t K, Kt;
    fmpq_mat_init(K, 0, 0);
    int qs = qmat_nullspace(K, C);
    if (qs) {
        fmpq_mat_clear(K);
        return qmat_fail(err, qs);
    }
    fmpq_mat_init(Kt, fmpq_mat_ncols(K), fmpq_mat_nrows(K));
    if (fmpq_mat_ncols(K) > 0 && fmpq_mat_nrows(K) > 0)
        fmpq_mat_transpose(Kt, K);
    discover_canonical_rows(H, Kt);
    fmpq_mat_clear(Kt);
    fmpq_mat_clear(K);
    return DISCOVER_OK;
}

int discover_vanishing(fmpq_mat_t H, const fmpq_mat_t P, slong d, char *err)
{
    slong m = fmpq_mat_nrows(P), n = fmpq_mat_ncols(P);
    if (d < 1 || d > DISCOVER_MAX_DEGREE)
        return sym_error(err, DISCOVER_ERR_LIMIT, "the degree %ld is out of range (1 to %d)",
                         (long)d, DISCOVER_MAX_DEGREE);
    MonoBasis B;
    int st = monobasis_init(&B, n, d, err);
    if (st)
        return poly_status(st);
    if (!qmat_size_ok(m, B.size)) {
        monobasis_clear(&B);
        return sym_error(err, DISCOVER_ERR_LIMIT, "too many points for degree %ld", (long)d);
    }
    fmpq_mat_t E;
    fmpq_t t;
    fmpq_init(t);
    fmpq_mat_init(E, m, B.size);
    for (slong p = 0; p < m; p++)
        for (slong j = 0; j < B.size; j++) {
            const ulong *e = monobasis_exp(&B, j);
            fmpq_one(fmpq_mat_entry(E, p, j));
            for (slong c = 0; c < n; c++)
                if (e[c]) {
                    fmpq_pow_si(t, fmpq_mat_entry(P, p, c), (slong)e[c]);
                    fmpq_mul(fmpq_mat_entry(E, p, j), fmpq_mat_entry(E, p, j), t);
                }
        }
    fmpq_clear(t);
    monobasis_clear(&B);
    if (m == 0) {
        fmpq_mat_t I;
        fmpq_mat_init(I, fmpq_mat_ncols(E), fmpq_mat_ncols(E));
        fmpq_mat_one(I);
        discover_canonical_rows(H, I);
        fmpq_mat_clear(I);
        fmpq_mat_clear(E);
        return DISCOVER_OK;
    }
    st = kernel_rows(H, E, err);
    fmpq_mat_clear(E);
    return st;
}

int discover_tangent_kernel(fmpq_mat_t N, const PolyVec *v, slong q, const fmpq_mpoly_struct *h,
                            slong nh, const fmpq_mat_t P, PolyRing *R, char *err)
{
    slong m = fmpq_mat_nrows(P), n = R->nvars;
    if (fmpq_mat_ncols(P) != n)
        return sym_error(err, DISCOVER_ERR_ARG, "the points have %ld coordinates, not %ld",
                         (long)fmpq_mat_ncols(P), (long)n);
    if (nh == 0 || m == 0) {
        set_identity(N, q);
        return DISCOVER_OK;
    }
    if (!qmat_size_ok(m * nh, q))
        return sym_error(err, DISCOVER_ERR_LIMIT, "too many tangency conditions");
    fmpq_mat_t C;
    fmpq_mat_init(C, m * nh, q);
    fmpq **x = flint_malloc(sizeof(fmpq *) * (size_t)(n + 1));
    PolyVec H, g;
    LieBundle sc;
    bundle_init_plain(&sc, R->nvars, 1, NULL);
    polyvec_init(&H, 1, R);
    polyvec_init(&g, 1, R);
    int st = DISCOVER_OK;
    for (slong j = 0; j < nh && !st; j++) {
        fmpq_mpoly_set(H.p, h + j, R->ctx);
        for (slong i = 0; i < q && !st; i++) {
            st = discover_lie(&g, &sc, NULL, v + i, &H, err); /* −∇h·v */
            for (slong p = 0; p < m && !st; p++) {
                for (slong c = 0; c < n; c++)
                    x[c] = fmpq_mat_entry(P, p, c);
                st = poly_status(poly_eval_fmpq(fmpq_mat_entry(C, p * nh + j, i), g.p, x, R, err));
            }
        }
    }
    polyvec_clear(&H);
    polyvec_clear(&g);
    flint_free(x);
    if (!st) {
        int qs = qmat_nullspace(N, C);
        if (qs)
            st = qmat_fail(err, qs);
    }
    fmpq_mat_clear(C);
    return st;
}

/* ------------------------------------------------------------ float */

int discover_orthonormal(DMat **B, const fmpq_mat_struct *A, slong q, char *err)
{
    for (slong i = 0; i < q; i++)
        B[i] = NULL;
    for (slong i = 0; i < q; i++) {
        slong m = fmpq_mat_nrows(A + i);
        DMat *w = dmat_new((int)m, (int)m);
        if (!w)
            goto nomem;
        for (slong r = 0; r < m; r++)
            for (slong c = 0; c < m; c++)
                DMAT_AT(w, r, c) = fmpq_get_d(fmpq_mat_entry(A + i, r, c));
        double n0 = dmat_norm_fro(w);
        for (slong j = 0; j < i; j++) {
            double dot = 0;
            size_t sz = dmat_size(w);
            for (size_t t = 0; t < sz; t++)
                dot += w->data[t] * B[j]->data[t];
            for (size_t t = 0; t < sz; t++)
                w->data[t] -= dot * B[j]->data[t];
        }
        double nn = dmat_norm_fro(w);
        if (!(nn > 1e-12 * n0)) {
            dmat_free(w);
            for (slong j = 0; j < i; j++)
                dmat_free(B[j]);
            return sym_error(err, DISCOVER_ERR_NUMERIC, "the candidate matrices are dependent");
        }
        dmat_scale(w, 1 / nn);
        B[i] = w;
    }
    return DISCOVER_OK;
nomem:
    for (slong j = 0; j < q; j++)
        dmat_free(B[j]);
    return sym_error(err, DISCOVER_ERR_LIMIT, "out of memory");
}

typedef struct {
    double d;
    int i;
} DistIdx;

static int cmp_dist(const void *a, const void *b)
{
    const DistIdx *x = a, *y = b;
    return x->d < y->d ? -1 : x->d > y->d ? 1 : x->i - y->i;
}

/* Vt (new, r x n) = right singular vectors of the centred neighbourhood of
   point p, s (new) its singular values. */
static int local_pca(DMat **Vt, DMat **s, const DMat *X, int p, int k, DistIdx *buf)
{
    int N = X->rows, n = X->cols;
    for (int t = 0; t < N; t++) {
        double d = 0;
        for (int c = 0; c < n; c++) {
            double e = DMAT_AT(X, t, c) - DMAT_AT(X, p, c);
            d += e * e;
        }
        buf[t].d = d;
        buf[t].i = t;
    }
    qsort(buf, (size_t)N, sizeof *buf, cmp_dist); /* buf[0] is p itself */
    DMat *Y = dmat_new(k + 1, n);
    if (!Y)
        return DLINALG_ERR_NOMEM;
    for (int c = 0; c < n; c++) {
        double mean = 0;
        for (int t = 0; t <= k; t++)
            mean += DMAT_AT(X, buf[t].i, c);
        mean /= k + 1;
        for (int t = 0; t <= k; t++)
            DMAT_AT(Y, t, c) = DMAT_AT(X, buf[t].i, c) - mean;
    }
    int st = dlinalg_svd(NULL, s, Vt, Y);
    dmat_free(Y);
    return st;
}

int discover_tangent_form(DMat **Q, int *mdim, DMat **lsv, double *vscale, double *nfloor,
                          const DMat *X, DMat *const *B, slong q, int k, char *err)
{
    int N = X->rows, n = X->cols, st = DISCOVER_OK;
    if (n < 2)
        return sym_error(err, DISCOVER_ERR_ARG, "the points need at least 2 coordinates");
    if (k < 2 || k >= N || k + 1 < n)
        return sym_error(err, DISCOVER_ERR_ARG,
                         "k = %d neighbours: need %d <= k < %d (the number "
                         "of points)",
                         k, n - 1 > 2 ? n - 1 : 2, N);
    if (*mdim > n - 1)
        return sym_error(err, DISCOVER_ERR_ARG,
                         "dim = %d: the tangent spaces of points in R^%d "
                         "have dimension 1 to %d",
                         *mdim, n, n - 1);
    if (dmat_has_nonfinite(X))
        return sym_error(err, DISCOVER_ERR_NUMERIC, "the points have NaN or infinite coordinates");
    for (slong i = 0; i < q; i++)
        if (B[i]->rows != n && B[i]->rows != n + 1)
            return sym_error(err, DISCOVER_ERR_ARG,
                             "the candidate matrices are %dx%d but the "
                             "points have %d coordinates",
                             B[i]->rows, B[i]->rows, n);
    DMat **V = calloc((size_t)N, sizeof *V);
    DistIdx *buf = malloc(sizeof *buf * (size_t)N);
    double *avg = calloc((size_t)n, sizeof *avg);
    double *vel = malloc(sizeof *vel * (size_t)(n * (q ? q : 1)));
    double *loc = malloc(sizeof *loc * (size_t)N * (size_t)n); /* per-point normalised values */
    DMat *Qm = dmat_zeros((int)q, (int)q);
    if (!V || !buf || !avg || !vel || !Qm || !loc) {
        st = sym_error(err, DISCOVER_ERR_LIMIT, "out of memory");
        goto done;
    }
    for (int p = 0; p < N && !st; p++) {
        if (sym_interrupt_poll()) {
            st = sym_error(err, DISCOVER_ERR_INTERRUPTED, "interrupted");
            break;
        }
        DMat *s = NULL;
        int ls = local_pca(V + p, &s, X, p, k, buf);
        if (ls) {
            st = sym_error(err, DISCOVER_ERR_NUMERIC, "local PCA failed: %s", dlinalg_strerror(ls));
            break;
        }
        double s1 = s->rows ? s->data[0] : 0;
        for (int c = 0; c < n; c++)
            loc[(size_t)p * n + c] = c < s->rows && s1 > 0 ? s->data[c] / s1 : 0;
        for (int c = 0; c < s->rows && s1 > 0; c++)
            avg[c] += s->data[c] / s1 / N;
        dmat_free(s);
    }
    if (st)
        goto done;
    if (*mdim <= 0) {
        RankGap rg;
        *mdim = rankgap_decide(&rg, avg, n, 1.0, -1.0, DISCOVER_PCA_RATIO);
        if (*mdim < 1)
            *mdim = 1;
    }
    double vs2 = 0, nf2 = 0;
    for (int p = 0; p < N; p++) {
        const DMat *Vt = V[p];
        for (slong i = 0; i < q; i++) {
            const DMat *A = B[i];
            double *w = vel + i * n;
            for (int r = 0; r < n; r++) {
                double acc = A->rows == n + 1 ? DMAT_AT(A, r, n) : 0;
                for (int c = 0; c < n; c++)
                    acc += DMAT_AT(A, r, c) * DMAT_AT(X, p, c);
                w[r] = acc;
                vs2 += acc * acc;
                if (*mdim < n) {
                    double th = loc[(size_t)p * n + *mdim];
                    nf2 += th * th * acc * acc;
                }
            }
            for (int t = 0; t < *mdim && t < Vt->rows; t++) { /* w -= P w */
                double dot = 0;
                for (int c = 0; c < n; c++)
                    dot += DMAT_AT(Vt, t, c) * w[c];
                for (int c = 0; c < n; c++)
                    w[c] -= dot * DMAT_AT(Vt, t, c);
            }
        }
        for (slong i = 0; i < q; i++)
            for (slong j = 0; j <= i; j++) {
                double dot = 0;
                for (int c = 0; c < n; c++)
                    dot += vel[i * n + c] * vel[j * n + c];
                DMAT_AT(Qm, i, j) += dot;
                if (j != i)
                    DMAT_AT(Qm, j, i) += dot;
            }
    }
    if (lsv) {
        *lsv = dmat_new(n, 1);
        if (*lsv)
            memcpy((*lsv)->data, avg, sizeof(double) * (size_t)n);
    }
    if (vscale)
        *vscale = q > 0 ? sqrt(vs2 / (double)q) : 0;
    if (nfloor)
        *nfloor = q > 0 ? sqrt(nf2 / (double)q) : 0;
    *Q = Qm;
    Qm = NULL;
done:
    if (V)
        for (int p = 0; p < N; p++)
            dmat_free(V[p]);
    free(V);
    free(buf);
    free(avg);
    free(vel);
    free(loc);
    dmat_free(Qm);
    return st;
}
