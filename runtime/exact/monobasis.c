/* monobasis.c — monomial bases by degree and combinatorial ranking
 * (see monobasis.h for the order). */
#include "exact/monobasis.h"

#include <stdlib.h>
#include <string.h>

slong monobasis_size(slong n, slong d)
{
    if (n < 0 || d < 0 || d > POLY_MAX_DEGREE)
        return -1;
    if (n == 0)
        return 1;
    /* C(n+d, d) computed incrementally: C(n+j, j) = C(n+j-1, j-1)*(n+j)/j. */
    ulong s = 1;
    for (slong j = 1; j <= d; j++) {
        ulong a = s, b = (ulong)(n + j);
        if (a > (ulong)MONOBASIS_MAX_SIZE * 64 || b > ((ulong)1 << 40))
            return -1;
        s = a * b / (ulong)j; /* exact: binomial recurrence */
        if (s > MONOBASIS_MAX_SIZE)
            return -1;
    }
    if (n > 0 && s > (ulong)(MONOBASIS_MAX_ENTRIES / n))
        return -1;
    return (slong)s;
}

int monobasis_init(MonoBasis *B, slong n, slong d, char *err)
{
    memset(B, 0, sizeof *B);
    if (n < 0 || d < 0)
        return poly_error(err, POLY_ERR_ARG, "negative degree or variable count");
    slong size = monobasis_size(n, d);
    if (size < 0)
        return poly_error(err, POLY_ERR_LIMIT,
                          "monomial basis of degree %ld in %ld variables is too large "
                          "(limits: %d monomials, degree %d)",
                          (long)d, (long)n, MONOBASIS_MAX_SIZE, POLY_MAX_DEGREE);
    B->count = malloc((size_t)(n + 1) * (size_t)(d + 1) * sizeof(slong));
    B->exps = malloc((size_t)(size * (n > 0 ? n : 1)) * sizeof(ulong));
    if (B->count == NULL || B->exps == NULL) {
        monobasis_clear(B);
        return poly_error(err, POLY_ERR_MEMORY, "out of memory for a monomial basis");
    }
    B->nvars = n;
    B->degree = d;
    B->size = size;
    for (slong m = 0; m <= n; m++)
        for (slong s = 0; s <= d; s++)
            B->count[m * (d + 1) + s] = (m == 0 || s == 0) ? 1
                                                           : B->count[(m - 1) * (d + 1) + s] +
                                                                 B->count[m * (d + 1) + s - 1];
    if (n == 0)
        return POLY_OK;
    /* Enumerate degree by degree, descending lex within a degree. */
    ulong *e = calloc((size_t)n, sizeof(ulong));
    if (e == NULL) {
        monobasis_clear(B);
        return poly_error(err, POLY_ERR_MEMORY, "out of memory for a monomial basis");
    }
    slong i = 0;
    for (slong t = 0; t <= d; t++) {
        memset(e, 0, (size_t)n * sizeof(ulong));
        e[0] = (ulong)t;
        for (;;) {
            memcpy(B->exps + i * n, e, (size_t)n * sizeof(ulong));
            i++;
            slong j = n - 2;
            while (j >= 0 && e[j] == 0)
                j--;
            if (j < 0)
                break;
            ulong tail = 0;
            for (slong k = j + 1; k < n; k++) {
                tail += e[k];
                e[k] = 0;
            }
            e[j]--;
            e[j + 1] = tail + 1;
        }
    }
    free(e);
    return POLY_OK;
}

void monobasis_clear(MonoBasis *B)
{
    free(B->exps);
    free(B->count);
    B->exps = NULL;
    B->count = NULL;
    B->size = 0;
}

slong monobasis_index(const MonoBasis *B, const ulong *e)
{
    slong n = B->nvars, d = B->degree, w = d + 1;
    ulong t = 0;
    for (slong i = 0; i < n; i++) {
        t += e[i];
        if (t > (ulong)d)
            return -1;
    }
    if (t == 0)
        return 0;
    slong idx = B->count[n * w + (slong)t - 1];
    slong rem = (slong)t;
    for (slong i = 0; i + 1 < n && rem > 0; i++) {
        slong m = n - i; /* variables i..n-1 */
        slong r = rem - (slong)e[i] - 1;
        if (r >= 0)
            idx += B->count[(m - 1) * w + r];
        rem -= (slong)e[i];
    }
    return idx;
}

static int check_ring(const MonoBasis *B, const PolyRing *R, char *err)
{
    if (R->nvars != B->nvars)
        return poly_error(err, POLY_ERR_ARG, "monomial basis has %ld variables, ring has %ld",
                          (long)B->nvars, (long)R->nvars);
    return POLY_OK;
}

int monobasis_monomial(fmpq_mpoly_t p, const MonoBasis *B, slong i, const PolyRing *R, char *err)
{
    int s = check_ring(B, R, err);
    if (s)
        return s;
    if (i < 0 || i >= B->size)
        return poly_error(err, POLY_ERR_ARG, "monomial index %ld out of range", (long)i);
    fmpq_mpoly_zero(p, R->ctx);
    if (B->nvars == 0) {
        fmpq_mpoly_one(p, R->ctx);
        return POLY_OK;
    }
    fmpq_t one;
    fmpq_init(one);
    fmpq_one(one);
    fmpq_mpoly_set_coeff_fmpq_ui(p, one, monobasis_exp(B, i), R->ctx);
    fmpq_clear(one);
    return POLY_OK;
}

int monobasis_coeffs(fmpq *v, const fmpq_mpoly_t p, const MonoBasis *B, const PolyRing *R,
                     char *err)
{
    int s = check_ring(B, R, err);
    if (s)
        return s;
    slong deg = fmpq_mpoly_total_degree_fits_si(p, R->ctx) ? fmpq_mpoly_total_degree_si(p, R->ctx)
                                                           : WORD_MAX;
    if (deg > B->degree)
        return poly_error(err, POLY_ERR_ARG,
                          "polynomial of degree %ld is not in the span of monomials of "
                          "degree <= %ld",
                          (long)deg, (long)B->degree);
    for (slong i = 0; i < B->size; i++)
        fmpq_zero(v + i);
    slong len = fmpq_mpoly_length(p, R->ctx), n = B->nvars;
    ulong *e = malloc((size_t)(n > 0 ? n : 1) * sizeof(ulong));
    if (e == NULL)
        return poly_error(err, POLY_ERR_MEMORY, "out of memory");
    e[0] = 0;
    for (slong t = 0; t < len; t++) {
        if (n > 0)
            fmpq_mpoly_get_term_exp_ui(e, p, t, R->ctx);
        fmpq_mpoly_get_term_coeff_fmpq(v + monobasis_index(B, e), p, t, R->ctx);
    }
    free(e);
    return POLY_OK;
}

int monobasis_poly(fmpq_mpoly_t p, const fmpq *v, const MonoBasis *B, const PolyRing *R, char *err)
{
    int s = check_ring(B, R, err);
    if (s)
        return s;
    fmpq_mpoly_t r;
    fmpq_mpoly_init(r, R->ctx);
    if (B->nvars == 0) {
        fmpq_mpoly_set_fmpq(r, v, R->ctx);
    } else {
        for (slong i = 0; i < B->size; i++)
            if (!fmpq_is_zero(v + i))
                fmpq_mpoly_push_term_fmpq_ui(r, v + i, monobasis_exp(B, i), R->ctx);
        fmpq_mpoly_sort_terms(r, R->ctx);
        fmpq_mpoly_combine_like_terms(r, R->ctx);
    }
    fmpq_mpoly_swap(p, r, R->ctx);
    fmpq_mpoly_clear(r, R->ctx);
    return POLY_OK;
}

int monobasis_coeffs_vec(fmpq *v, const fmpq_mpoly_struct *F, slong k, const MonoBasis *B,
                         const PolyRing *R, char *err)
{
    for (slong c = 0; c < k; c++) {
        int s = monobasis_coeffs(v + c * B->size, F + c, B, R, err);
        if (s)
            return s;
    }
    return POLY_OK;
}

int monobasis_poly_vec(fmpq_mpoly_struct *F, slong k, const fmpq *v, const MonoBasis *B,
                       const PolyRing *R, char *err)
{
    for (slong c = 0; c < k; c++) {
        int s = monobasis_poly(F + c, v + c * B->size, B, R, err);
        if (s)
            return s;
    }
    return POLY_OK;
}
