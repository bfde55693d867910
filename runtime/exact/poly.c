/* poly.c — polynomial rings and guarded polynomial arithmetic (see poly.h). */
#include "exact/poly.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int poly_error(char *err, int code, const char *fmt, ...)
{
    if (err != NULL) { /* the message convention of base/sym_status.h */
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, SYM_ERR_LEN, fmt, ap);
        va_end(ap);
    }
    return code;
}

/* ---- rings ---- */

static unsigned long polyring_next_id = 1;

PolyRing *polyring_new(slong n, const char *const *names)
{
    if (n < 0 || n > POLY_MAX_VARS || (n > 0 && names == NULL))
        return NULL;
    for (slong i = 0; i < n; i++)
        if (names[i] == NULL || names[i][0] == '\0')
            return NULL;
    PolyRing *R = calloc(1, sizeof *R);
    if (R == NULL)
        return NULL;
    R->names = calloc(n > 0 ? (size_t)n : 1, sizeof(char *));
    if (R->names == NULL) {
        free(R);
        return NULL;
    }
    for (slong i = 0; i < n; i++) {
        R->names[i] = strdup(names[i]);
        if (R->names[i] == NULL) {
            for (slong j = 0; j < i; j++)
                free(R->names[j]);
            free(R->names);
            free(R);
            return NULL;
        }
    }
    R->nvars = n;
    R->refcount = 1;
    R->id = polyring_next_id++;
    fmpq_mpoly_ctx_init(R->ctx, n, ORD_DEGLEX);
    return R;
}

PolyRing *polyring_incref(PolyRing *R)
{
    if (R != NULL)
        R->refcount++;
    return R;
}

void polyring_decref(PolyRing *R)
{
    if (R == NULL || --R->refcount > 0)
        return;
    for (slong i = 0; i < R->nvars; i++)
        free(R->names[i]);
    free(R->names);
    fmpq_mpoly_ctx_clear(R->ctx);
    free(R);
}

slong polyring_var_index(const PolyRing *R, const char *name)
{
    for (slong i = 0; i < R->nvars; i++)
        if (strcmp(R->names[i], name) == 0)
            return i;
    return -1;
}

/* ---- queries ---- */

slong poly_total_degree(const fmpq_mpoly_t p, const PolyRing *R)
{
    return fmpq_mpoly_total_degree_si(p, R->ctx);
}

slong poly_degree_var(const fmpq_mpoly_t p, slong i, const PolyRing *R)
{
    if (i < 0 || i >= R->nvars)
        return -2;
    return fmpq_mpoly_degree_si(p, i, R->ctx);
}

slong poly_length(const fmpq_mpoly_t p, const PolyRing *R)
{
    return fmpq_mpoly_length(p, R->ctx);
}

int poly_is_constant(const fmpq_mpoly_t p, const PolyRing *R)
{
    return fmpq_mpoly_is_fmpq(p, R->ctx);
}

int poly_check(const fmpq_mpoly_t p, const PolyRing *R, char *err)
{
    if (!fmpq_mpoly_total_degree_fits_si(p, R->ctx) ||
        fmpq_mpoly_total_degree_si(p, R->ctx) > POLY_MAX_DEGREE)
        return poly_error(err, POLY_ERR_LIMIT, "polynomial degree exceeds the limit %d",
                          POLY_MAX_DEGREE);
    return POLY_OK;
}

/* ---- estimates (doubles are used only for size estimates) ---- */

/* C(N, k) as a double, saturating at 1e300. */
static double binom_d(double N, double k)
{
    if (k < 0 || k > N)
        return 0.0;
    if (k > N - k)
        k = N - k;
    double r = 1.0;
    for (double i = 1; i <= k; i++) {
        r = r * (N - k + i) / i;
        if (r > 1e300)
            return 1e300;
    }
    return r;
}

/* Upper bound on the number of monomials of total degree <= D in n vars. */
static double dense_terms(slong n, slong D)
{
    if (D < 0)
        return 0.0;
    return binom_d((double)(n + D), (double)n);
}

static int check_result(double deg, double terms, const char *what, char *err)
{
    if (deg > POLY_MAX_DEGREE)
        return poly_error(err, POLY_ERR_LIMIT, "%s: result degree %.0f exceeds the limit %d", what,
                          deg, POLY_MAX_DEGREE);
    if (terms > POLY_MAX_TERMS)
        return poly_error(err, POLY_ERR_LIMIT, "%s: result may have about %.3g terms (limit %d)",
                          what, terms, POLY_MAX_TERMS);
    return POLY_OK;
}

/* ---- terms and constants ---- */

int poly_get_term(fmpq_t c, ulong *exps, const fmpq_mpoly_t p, slong i, const PolyRing *R,
                  char *err)
{
    if (i < 0 || i >= fmpq_mpoly_length(p, R->ctx))
        return poly_error(err, POLY_ERR_ARG, "term index %ld out of range", (long)i);
    if (!fmpq_mpoly_degrees_fit_si(p, R->ctx))
        return poly_error(err, POLY_ERR_LIMIT, "exponent too large");
    if (c != NULL)
        fmpq_mpoly_get_term_coeff_fmpq(c, p, i, R->ctx);
    if (exps != NULL && R->nvars > 0)
        fmpq_mpoly_get_term_exp_ui(exps, p, i, R->ctx);
    return POLY_OK;
}

int poly_get_constant(fmpq_t c, const fmpq_mpoly_t p, const PolyRing *R, char *err)
{
    if (!fmpq_mpoly_is_fmpq(p, R->ctx))
        return poly_error(err, POLY_ERR_ARG, "not a constant");
    fmpq_mpoly_get_fmpq(c, p, R->ctx);
    return POLY_OK;
}

void poly_set_fmpq(fmpq_mpoly_t p, const fmpq_t c, const PolyRing *R)
{
    fmpq_mpoly_set_fmpq(p, c, R->ctx);
}

int poly_set_var(fmpq_mpoly_t p, slong i, const PolyRing *R, char *err)
{
    if (i < 0 || i >= R->nvars)
        return poly_error(err, POLY_ERR_ARG, "variable index %ld out of range", (long)i);
    fmpq_mpoly_gen(p, i, R->ctx);
    return POLY_OK;
}

/* ---- arithmetic ---- */

int poly_add(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err)
{
    int s;
    if ((s = poly_check(a, R, err)) || (s = poly_check(b, R, err)))
        return s;
    double la = (double)fmpq_mpoly_length(a, R->ctx), lb = (double)fmpq_mpoly_length(b, R->ctx);
    if ((s = check_result(0, la + lb, "addition", err)))
        return s;
    fmpq_mpoly_add(r, a, b, R->ctx);
    return POLY_OK;
}

int poly_sub(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err)
{
    int s;
    if ((s = poly_check(a, R, err)) || (s = poly_check(b, R, err)))
        return s;
    double la = (double)fmpq_mpoly_length(a, R->ctx), lb = (double)fmpq_mpoly_length(b, R->ctx);
    if ((s = check_result(0, la + lb, "subtraction", err)))
        return s;
    fmpq_mpoly_sub(r, a, b, R->ctx);
    return POLY_OK;
}

void poly_neg(fmpq_mpoly_t r, const fmpq_mpoly_t a, const PolyRing *R)
{
    fmpq_mpoly_neg(r, a, R->ctx);
}

int poly_mul(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err)
{
    int s;
    if ((s = poly_check(a, R, err)) || (s = poly_check(b, R, err)))
        return s;
    if (fmpq_mpoly_is_zero(a, R->ctx) || fmpq_mpoly_is_zero(b, R->ctx)) {
        fmpq_mpoly_zero(r, R->ctx);
        return POLY_OK;
    }
    slong da = fmpq_mpoly_total_degree_si(a, R->ctx);
    slong db = fmpq_mpoly_total_degree_si(b, R->ctx);
    double terms = (double)fmpq_mpoly_length(a, R->ctx) * (double)fmpq_mpoly_length(b, R->ctx);
    double dense = dense_terms(R->nvars, da + db);
    if (dense < terms)
        terms = dense;
    if ((s = check_result((double)(da + db), terms, "product", err)))
        return s;
    fmpq_mpoly_mul(r, a, b, R->ctx);
    return POLY_OK;
}

void poly_scalar_mul(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_t c, const PolyRing *R)
{
    fmpq_mpoly_scalar_mul_fmpq(r, a, c, R->ctx);
}

int poly_pow(fmpq_mpoly_t r, const fmpq_mpoly_t a, slong e, const PolyRing *R, char *err)
{
    int s;
    if ((s = poly_check(a, R, err)))
        return s;
    if (e < 0) {
        if (!fmpq_mpoly_is_fmpq(a, R->ctx))
            return poly_error(err, POLY_ERR_DOMAIN, "negative power of a polynomial");
        if (fmpq_mpoly_is_zero(a, R->ctx))
            return poly_error(err, POLY_ERR_DOMAIN, "division by zero");
        if (e < -(slong)POLY_MAX_DEGREE)
            return poly_error(err, POLY_ERR_LIMIT, "exponent %ld exceeds the limit %d", (long)e,
                              POLY_MAX_DEGREE);
        fmpq_t c;
        fmpq_init(c);
        fmpq_mpoly_get_fmpq(c, a, R->ctx);
        fmpq_inv(c, c);
        fmpq_pow_si(c, c, -e);
        fmpq_mpoly_set_fmpq(r, c, R->ctx);
        fmpq_clear(c);
        return POLY_OK;
    }
    if (e == 0) {
        fmpq_mpoly_one(r, R->ctx);
        return POLY_OK;
    }
    if (fmpq_mpoly_is_zero(a, R->ctx)) {
        fmpq_mpoly_zero(r, R->ctx);
        return POLY_OK;
    }
    slong d = fmpq_mpoly_total_degree_si(a, R->ctx);
    if (e > POLY_MAX_DEGREE && (d > 0 || e > 100 * (slong)POLY_MAX_DEGREE))
        return poly_error(err, POLY_ERR_LIMIT, "exponent %ld exceeds the limit %d", (long)e,
                          POLY_MAX_DEGREE);
    double len = (double)fmpq_mpoly_length(a, R->ctx);
    double terms = binom_d(len + (double)e - 1.0, (double)e);
    double dense = dense_terms(R->nvars, d * e);
    if (dense < terms)
        terms = dense;
    if ((s = check_result((double)d * (double)e, terms, "power", err)))
        return s;
    if (!fmpq_mpoly_pow_ui(r, a, (ulong)e, R->ctx))
        return poly_error(err, POLY_ERR_LIMIT, "power too large");
    return POLY_OK;
}

int poly_div(fmpq_mpoly_t r, const fmpq_mpoly_t a, const fmpq_mpoly_t b, const PolyRing *R,
             char *err)
{
    if (!fmpq_mpoly_is_fmpq(b, R->ctx))
        return poly_error(err, POLY_ERR_DOMAIN, "cannot divide by a polynomial");
    if (fmpq_mpoly_is_zero(b, R->ctx))
        return poly_error(err, POLY_ERR_DOMAIN, "division by zero");
    fmpq_t c;
    fmpq_init(c);
    fmpq_mpoly_get_fmpq(c, b, R->ctx);
    fmpq_mpoly_scalar_div_fmpq(r, a, c, R->ctx);
    fmpq_clear(c);
    return POLY_OK;
}

int poly_diff(fmpq_mpoly_t r, const fmpq_mpoly_t a, slong i, const PolyRing *R, char *err)
{
    if (i < 0 || i >= R->nvars)
        return poly_error(err, POLY_ERR_ARG, "variable index %ld out of range", (long)i);
    int s = poly_check(a, R, err);
    if (s)
        return s;
    fmpq_mpoly_derivative(r, a, i, R->ctx);
    return POLY_OK;
}

/* ---- substitution ---- */

int poly_compose(fmpq_mpoly_t r, const fmpq_mpoly_t p, const PolyRing *R,
                 fmpq_mpoly_struct *const *q, const PolyRing *S, char *err)
{
    int s;
    if ((s = poly_check(p, R, err)))
        return s;
    slong n = R->nvars, len = fmpq_mpoly_length(p, R->ctx);
    slong *dq = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(slong));
    double *lq = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(double));
    ulong *e = flint_malloc((size_t)(n > 0 ? n : 1) * sizeof(ulong));
    for (slong j = 0; j < n; j++) {
        if ((s = poly_check(q[j], S, err)))
            goto done;
        dq[j] = fmpq_mpoly_total_degree_si(q[j], S->ctx);
        if (dq[j] < 0)
            dq[j] = 0;
        lq[j] = (double)fmpq_mpoly_length(q[j], S->ctx);
    }
    double maxdeg = 0.0, terms = 0.0;
    for (slong t = 0; t < len; t++) {
        if (n > 0)
            fmpq_mpoly_get_term_exp_ui(e, p, t, R->ctx);
        double deg = 0.0, tt = 1.0;
        for (slong j = 0; j < n; j++) {
            if (e[j] == 0)
                continue;
            deg += (double)e[j] * (double)dq[j];
            tt *= lq[j] < 1.0 ? 0.0 : binom_d(lq[j] + (double)e[j] - 1.0, (double)e[j]);
            if (tt > 1e300)
                tt = 1e300;
        }
        if (deg > maxdeg)
            maxdeg = deg;
        terms += tt;
    }
    if (maxdeg <= POLY_MAX_DEGREE) {
        double dense = dense_terms(S->nvars, (slong)maxdeg);
        if (dense < terms)
            terms = dense;
    }
    if ((s = check_result(maxdeg, terms, "substitution", err)))
        goto done;
    if (len == 0) {
        fmpq_mpoly_zero(r, S->ctx);
    } else if (n == 0) {
        fmpq_t c;
        fmpq_init(c);
        fmpq_mpoly_get_fmpq(c, p, R->ctx);
        fmpq_mpoly_set_fmpq(r, c, S->ctx);
        fmpq_clear(c);
    } else if (!fmpq_mpoly_compose_fmpq_mpoly(r, p, q, R->ctx, S->ctx)) {
        s = poly_error(err, POLY_ERR_LIMIT, "substitution too large");
    }
done:
    flint_free(dq);
    flint_free(lq);
    flint_free(e);
    return s;
}

int poly_subs(fmpq_mpoly_t r, const fmpq_mpoly_t p, slong i, const fmpq_mpoly_t q,
              const PolyRing *R, char *err)
{
    if (i < 0 || i >= R->nvars)
        return poly_error(err, POLY_ERR_ARG, "variable index %ld out of range", (long)i);
    slong n = R->nvars;
    fmpq_mpoly_struct *g = flint_malloc((size_t)n * sizeof *g);
    fmpq_mpoly_struct **gp = flint_malloc((size_t)n * sizeof *gp);
    for (slong j = 0; j < n; j++) {
        fmpq_mpoly_init(g + j, R->ctx);
        if (j == i)
            fmpq_mpoly_set(g + j, q, R->ctx);
        else
            fmpq_mpoly_gen(g + j, j, R->ctx);
        gp[j] = g + j;
    }
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, R->ctx);
    int s = poly_compose(t, p, R, gp, R, err);
    if (s == POLY_OK)
        fmpq_mpoly_swap(r, t, R->ctx);
    fmpq_mpoly_clear(t, R->ctx);
    for (slong j = 0; j < n; j++)
        fmpq_mpoly_clear(g + j, R->ctx);
    flint_free(g);
    flint_free(gp);
    return s;
}

/* ---- evaluation ---- */

int poly_eval_fmpq(fmpq_t v, const fmpq_mpoly_t p, fmpq *const *x, const PolyRing *R, char *err)
{
    int s = poly_check(p, R, err);
    if (s)
        return s;
    if (R->nvars == 0 || fmpq_mpoly_is_fmpq(p, R->ctx)) {
        fmpq_mpoly_get_fmpq(v, p, R->ctx);
        return POLY_OK;
    }
    if (x == NULL)
        return poly_error(err, POLY_ERR_ARG, "missing evaluation point");
    if (!fmpq_mpoly_evaluate_all_fmpq(v, p, x, R->ctx))
        return poly_error(err, POLY_ERR_LIMIT, "evaluation too large");
    return POLY_OK;
}

#define EVAL_BLOCK 128

int poly_eval_double_vec(double *out, slong ldout, const fmpq_mpoly_struct *ps, slong m,
                         const double *X, slong npoints, slong ld, const PolyRing *R, char *err)
{
    slong n = R->nvars;
    if (m < 0 || npoints < 0 || ld < npoints || (m > 1 && ldout < npoints))
        return poly_error(err, POLY_ERR_ARG, "bad dimensions for evaluation");
    if (m == 0 || npoints == 0)
        return POLY_OK;
    slong total = 0;
    for (slong j = 0; j < m; j++) {
        int s = poly_check(ps + j, R, err);
        if (s)
            return s;
        total += fmpq_mpoly_length(ps + j, R->ctx);
    }
    /* All terms of all polynomials: coefficients as doubles, exponents. */
    double *coef = malloc((size_t)(total > 0 ? total : 1) * sizeof(double));
    ulong *exps = malloc((size_t)(total > 0 ? total : 1) * (size_t)(n > 0 ? n : 1) * sizeof(ulong));
    slong *maxe = calloc((size_t)(n > 0 ? n : 1), sizeof(slong));
    slong *off = malloc((size_t)(n > 0 ? n : 1) * sizeof(slong));
    double *pw = NULL, *acc = NULL;
    int s = POLY_OK;
    if (coef == NULL || exps == NULL || maxe == NULL || off == NULL) {
        s = poly_error(err, POLY_ERR_MEMORY, "out of memory in evaluation");
        goto done;
    }
    fmpq_t c;
    fmpq_init(c);
    slong k = 0;
    for (slong j = 0; j < m; j++) {
        slong len = fmpq_mpoly_length(ps + j, R->ctx);
        for (slong t = 0; t < len; t++, k++) {
            fmpq_mpoly_get_term_coeff_fmpq(c, ps + j, t, R->ctx);
            coef[k] = fmpq_get_d(c);
            if (n > 0)
                fmpq_mpoly_get_term_exp_ui(exps + k * n, ps + j, t, R->ctx);
            for (slong i = 0; i < n; i++)
                if ((slong)exps[k * n + i] > maxe[i])
                    maxe[i] = (slong)exps[k * n + i];
        }
    }
    fmpq_clear(c);
    slong tabsize = 0;
    for (slong i = 0; i < n; i++) {
        off[i] = tabsize;
        tabsize += (maxe[i] + 1) * EVAL_BLOCK;
    }
    pw = malloc((size_t)(tabsize > 0 ? tabsize : 1) * sizeof(double));
    acc = malloc(EVAL_BLOCK * sizeof(double));
    if (pw == NULL || acc == NULL) {
        s = poly_error(err, POLY_ERR_MEMORY, "out of memory in evaluation");
        goto done;
    }
    for (slong t0 = 0; t0 < npoints; t0 += EVAL_BLOCK) {
        slong B = npoints - t0 < EVAL_BLOCK ? npoints - t0 : EVAL_BLOCK;
        for (slong i = 0; i < n; i++) {
            double *P = pw + off[i];
            const double *xi = X + i * ld + t0;
            for (slong t = 0; t < B; t++)
                P[t] = 1.0;
            for (slong e = 1; e <= maxe[i]; e++)
                for (slong t = 0; t < B; t++)
                    P[e * EVAL_BLOCK + t] = P[(e - 1) * EVAL_BLOCK + t] * xi[t];
        }
        k = 0;
        for (slong j = 0; j < m; j++) {
            double *o = out + j * ldout + t0;
            slong len = fmpq_mpoly_length(ps + j, R->ctx);
            for (slong t = 0; t < B; t++)
                o[t] = 0.0;
            for (slong u = 0; u < len; u++, k++) {
                for (slong t = 0; t < B; t++)
                    acc[t] = coef[k];
                for (slong i = 0; i < n; i++) {
                    ulong e = exps[k * n + i];
                    if (e == 0)
                        continue;
                    const double *P = pw + off[i] + (slong)e * EVAL_BLOCK;
                    for (slong t = 0; t < B; t++)
                        acc[t] *= P[t];
                }
                for (slong t = 0; t < B; t++)
                    o[t] += acc[t];
            }
        }
    }
done:
    free(coef);
    free(exps);
    free(maxe);
    free(off);
    free(pw);
    free(acc);
    return s;
}

int poly_eval_double(double *out, const fmpq_mpoly_t p, const double *X, slong npoints, slong ld,
                     const PolyRing *R, char *err)
{
    return poly_eval_double_vec(out, npoints, p, 1, X, npoints, ld, R, err);
}
