/* field_algebra.c — Lie algebras of polynomial vector fields (see
 * field_algebra.h). */
#include <stdlib.h>
#include <string.h>
#include <flint/fmpq_vec.h>
#include "symmetry/field_algebra.h"

/* v (n*size) = the flattened coefficients of X in A's monomial basis. */
static int flatten(fmpq *v, const FieldAlgebra *A, const PolyVec *X, char *err)
{
    return monobasis_coeffs_vec(v, X->p, X->len, &A->M, A->R, err);
}

void field_algebra_clear(FieldAlgebra *A)
{
    for (slong i = 0; i < A->dim; i++)
        polyvec_clear(A->X + i);
    free(A->X);
    if (A->sc)
        _fmpq_vec_clear(A->sc, A->dim * A->dim * A->dim + 1);
    monobasis_clear(&A->M);
    if (A->span) {
        algebra_span_clear(A->span);
        free(A->span);
    }
    polyring_decref(A->R);
    free(A->orig);
    memset(A, 0, sizeof *A);
}

int field_algebra_init(FieldAlgebra *A, const PolyVec *X, slong q, PolyRing *R, slong *bad_i,
                       slong *bad_j, PolyVec *bad, char *err)
{
    memset(A, 0, sizeof *A);
    slong n = R->nvars, d = 0;
    if (q < 1 || q > FIELD_ALGEBRA_MAX) {
        algebra_set_error(err, "give 1 to %d fields", FIELD_ALGEBRA_MAX);
        return ALG_ERR_LIMIT;
    }
    for (slong j = 0; j < q; j++) {
        slong dj = polyvec_degree(X + j);
        d = dj > d ? dj : d;
    }
    A->R = polyring_incref(R);
    A->deg = d > 0 ? 2 * d - 1 : 0;
    if (A->deg < d)
        A->deg = d;
    char perr[POLY_ERR_LEN] = "";
    if (monobasis_init(&A->M, n, A->deg, perr)) {
        field_algebra_clear(A);
        algebra_set_error(err, "%s", perr);
        return ALG_ERR_LIMIT;
    }
    slong len = n * A->M.size;
    if (len > 200000 || len < 0) {
        field_algebra_clear(A);
        algebra_set_error(err, "the fields' degree %ld is too large for %ld coordinates", (long)d,
                          (long)n);
        return ALG_ERR_LIMIT;
    }
    fmpq *v = _fmpq_vec_init(len + 1);
    int st = ALG_OK;
    /* keep the independent fields */
    AlgebraSpan S;
    algebra_span_init(&S, len, 0);
    A->X = calloc(q + 1, sizeof(PolyVec));
    A->orig = calloc(q + 1, sizeof(slong));
    for (slong j = 0; j < q && !st; j++) {
        if (flatten(v, A, X + j, perr)) {
            algebra_set_error(err, "%s", perr);
            st = ALG_ERR_ARG;
        } else if (algebra_span_add(&S, v, NULL) == 1) {
            polyvec_init(A->X + A->dim, n, R);
            for (slong t = 0; t < n; t++)
                fmpq_mpoly_set(A->X[A->dim].p + t, X[j].p + t, R->ctx);
            A->orig[A->dim++] = j;
        }
    }
    algebra_span_clear(&S);
    /* the tracked span of the basis, then closure and structure constants */
    slong dim = A->dim;
    if (!st) {
        A->span = malloc(sizeof *A->span);
        algebra_span_init(A->span, len, dim);
        for (slong j = 0; j < dim; j++) {
            flatten(v, A, A->X + j, NULL);
            algebra_span_add(A->span, v, NULL);
        }
        A->sc = _fmpq_vec_init(dim * dim * dim + 1);
    }
    fmpq *co = _fmpq_vec_init(dim + 1);
    for (slong i = 0; !st && i < dim; i++)
        for (slong j = i + 1; !st && j < dim; j++) {
            PolyVec br;
            polyvec_init(&br, n, R);
            if (section_bracket(&br, A->X + i, A->X + j, perr) || flatten(v, A, &br, perr)) {
                algebra_set_error(err, "%s", perr);
                st = ALG_ERR_ARG;
            } else if (!algebra_span_reduce(v, A->span, v, co)) {
                if (bad_i)
                    *bad_i = A->orig[i];
                if (bad_j)
                    *bad_j = A->orig[j];
                if (bad) {
                    polyvec_init(bad, n, R);
                    for (slong t = 0; t < n; t++)
                        fmpq_mpoly_set(bad->p + t, br.p + t, R->ctx);
                }
                algebra_set_error(err, "the span is not closed under the bracket");
                st = ALG_ERR_NOT_CLOSED;
            } else {
                /* [X_i, X_j] = -bracket(X_i, X_j) = -sum co_k X_k */
                for (slong k = 0; k < dim; k++) {
                    fmpq_neg(A->sc + (i * dim + j) * dim + k, co + k);
                    fmpq_set(A->sc + (j * dim + i) * dim + k, co + k);
                }
            }
            polyvec_clear(&br);
        }
    _fmpq_vec_clear(co, dim + 1);
    _fmpq_vec_clear(v, len + 1);
    if (st)
        field_algebra_clear(A);
    return st;
}

int field_algebra_contains(const FieldAlgebra *A, const PolyVec *X)
{
    slong len = A->R->nvars * A->M.size;
    if (X->len != A->R->nvars || polyvec_degree(X) > A->deg)
        return 0;
    fmpq *v = _fmpq_vec_init(len + 1);
    int in = !flatten(v, A, X, NULL) && algebra_span_reduce(v, A->span, v, NULL);
    _fmpq_vec_clear(v, len + 1);
    return in;
}

int field_algebra_lie(PolyVec *out, const FieldAlgebra *A, const PolyVec *X, const PolyVec *F,
                      int scalar, char *err)
{
    if (!field_algebra_contains(A, X)) {
        algebra_set_error(err, "the field is not an element of the algebra");
        return ALG_ERR_NOT_MEMBER;
    }
    char perr[POLY_ERR_LEN] = "";
    PolyMat b;
    polymat_init(&b, F->len, F->len, A->R);
    int st = scalar ? 0 : section_fiber_tangent(&b, X, perr);
    if (!st)
        st = section_lie(out, scalar ? NULL : &b, X, F, perr);
    polymat_clear(&b);
    if (st) {
        algebra_set_error(err, "%s", perr);
        return ALG_ERR_ARG;
    }
    return ALG_OK;
}
