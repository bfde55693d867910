/* discrete.c — generators of finite and disconnected matrix groups as exact
 * matrices (conventions in discrete.h). */
#include <stdio.h>

#include "lie/discrete.h"

void discrete_init(DiscreteGens *G)
{
    G->n = 0;
    G->count = 0;
    G->gens = NULL;
    G->name[0] = '\0';
}

void discrete_clear(DiscreteGens *G)
{
    slong i;
    for (i = 0; i < G->count; i++)
        fmpq_mat_clear(G->gens + i);
    flint_free(G->gens);
    discrete_init(G);
}

int discrete_perm_matrix(fmpq_mat_t out, const slong *p, slong n, char *err)
{
    slong i;
    char *seen;
    fmpq_mat_t P;
    if (n < 1 || n > DISCRETE_MAX_N) {
        algebra_set_error(err, "permutation size %ld out of range 1..%d", (long)n, DISCRETE_MAX_N);
        return ALG_ERR_ARG;
    }
    seen = flint_calloc(n, 1);
    for (i = 0; i < n; i++) {
        if (p[i] < 0 || p[i] >= n || seen[p[i]]) {
            flint_free(seen);
            algebra_set_error(err, "not a permutation of 0..%ld", (long)(n - 1));
            return ALG_ERR_ARG;
        }
        seen[p[i]] = 1;
    }
    flint_free(seen);
    fmpq_mat_init(P, n, n);
    for (i = 0; i < n; i++)
        fmpq_one(fmpq_mat_entry(P, p[i], i));
    fmpq_mat_swap(out, P);
    fmpq_mat_clear(P);
    return ALG_OK;
}

/* Start G with room for `alloc` generators of size n. */
static void gens_start(DiscreteGens *G, slong n, slong alloc, const char *name)
{
    discrete_init(G);
    G->n = n;
    G->gens = flint_malloc((alloc + 1) * sizeof(fmpq_mat_struct));
    snprintf(G->name, sizeof G->name, "%s", name);
}

/* Append m unless it equals an existing generator. */
static void gens_push(DiscreteGens *G, const fmpq_mat_t m)
{
    slong i;
    for (i = 0; i < G->count; i++)
        if (fmpq_mat_equal(G->gens + i, m))
            return;
    fmpq_mat_init_set(G->gens + G->count, m);
    G->count++;
}

/* Append the permutation matrix of the cycle (c[0] c[1] ... c[len-1]),
   0-based points in a set of size n (n, len >= 1 and valid). */
static void push_cycle(DiscreteGens *G, slong n, const slong *c, slong len)
{
    slong *p = flint_malloc(n * sizeof(slong)), i;
    fmpq_mat_t P;
    for (i = 0; i < n; i++)
        p[i] = i;
    for (i = 0; i < len; i++)
        p[c[i]] = c[(i + 1) % len];
    fmpq_mat_init(P, n, n);
    discrete_perm_matrix(P, p, n, NULL);
    gens_push(G, P);
    fmpq_mat_clear(P);
    flint_free(p);
}

/* Append the cycle (a, a+1, ..., n-1), 0-based. */
static void push_range_cycle(DiscreteGens *G, slong n, slong a)
{
    slong *c = flint_malloc(n * sizeof(slong)), i;
    for (i = a; i < n; i++)
        c[i - a] = i;
    if (n - a >= 2)
        push_cycle(G, n, c, n - a);
    flint_free(c);
}

static int perm_range(DiscreteGens *G, slong n, slong lo, const char *what, char *err)
{
    if (n < lo || n > DISCRETE_MAX_N) {
        discrete_init(G);
        algebra_set_error(err, "%s(%ld): n must be in %ld..%d", what, (long)n, (long)lo,
                          DISCRETE_MAX_N);
        return ALG_ERR_ARG;
    }
    return ALG_OK;
}

int discrete_init_symmetric(DiscreteGens *G, slong n, char *err)
{
    slong c[2] = {0, 1};
    char name[48];
    int st;
    if ((st = perm_range(G, n, 1, "S", err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "S(%ld)", (long)n);
    gens_start(G, n, 2, name);
    if (n >= 2) {
        push_cycle(G, n, c, 2);
        push_range_cycle(G, n, 0);
    }
    return ALG_OK;
}

int discrete_init_alternating(DiscreteGens *G, slong n, char *err)
{
    slong c[3] = {0, 1, 2};
    char name[48];
    int st;
    if ((st = perm_range(G, n, 1, "A", err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "A(%ld)", (long)n);
    gens_start(G, n, 2, name);
    if (n >= 3) {
        push_cycle(G, n, c, 3);
        push_range_cycle(G, n, n % 2 == 1 ? 0 : 1);
    }
    return ALG_OK;
}

int discrete_init_cyclic(DiscreteGens *G, slong n, char *err)
{
    char name[48];
    int st;
    if ((st = perm_range(G, n, 1, "Z", err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "Z(%ld)", (long)n);
    gens_start(G, n, 1, name);
    push_range_cycle(G, n, 0);
    return ALG_OK;
}

int discrete_init_dihedral(DiscreteGens *G, slong n, char *err)
{
    slong *p, i;
    fmpq_mat_t P;
    char name[48];
    int st;
    if ((st = perm_range(G, n, 3, "D", err)) != ALG_OK)
        return st;
    snprintf(name, sizeof name, "D(%ld)", (long)n);
    gens_start(G, n, 2, name);
    push_range_cycle(G, n, 0);
    p = flint_malloc(n * sizeof(slong));
    for (i = 0; i < n; i++)
        p[i] = (n - i) % n;
    fmpq_mat_init(P, n, n);
    discrete_perm_matrix(P, p, n, NULL);
    gens_push(G, P);
    fmpq_mat_clear(P);
    flint_free(p);
    return ALG_OK;
}

int discrete_init_orthogonal(DiscreteGens *G, slong n, char *err)
{
    fmpq_mat_t R;
    char name[48];
    if (n < 1 || n > ALG_MAX_N) {
        discrete_init(G);
        algebra_set_error(err, "O(%ld): n must be in 1..%d", (long)n, ALG_MAX_N);
        return ALG_ERR_ARG;
    }
    snprintf(name, sizeof name, "O(%ld)", (long)n);
    gens_start(G, n, 1, name);
    fmpq_mat_init(R, n, n);
    fmpq_mat_one(R);
    fmpq_set_si(fmpq_mat_entry(R, 0, 0), -1, 1);
    gens_push(G, R);
    fmpq_mat_clear(R);
    return ALG_OK;
}

int discrete_init_lorentz(DiscreteGens *G, char *err)
{
    fmpq_mat_t P;
    slong i;
    (void)err;
    gens_start(G, 4, 2, "O(1, 3)");
    fmpq_mat_init(P, 4, 4);
    fmpq_mat_one(P);
    for (i = 1; i < 4; i++)
        fmpq_set_si(fmpq_mat_entry(P, i, i), -1, 1);
    gens_push(G, P); /* parity */
    fmpq_mat_one(P);
    fmpq_set_si(fmpq_mat_entry(P, 0, 0), -1, 1);
    gens_push(G, P); /* time reversal */
    fmpq_mat_clear(P);
    return ALG_OK;
}

int discrete_init_user(DiscreteGens *G, const fmpq_mat_struct *mats, slong count, slong n,
                       const char *name, char *err)
{
    slong i;
    fmpq_t d;
    discrete_init(G);
    if (n < 1 || n > ALG_MAX_N || count < 0) {
        algebra_set_error(err, "group generators: size %ld out of range 1..%d", (long)n, ALG_MAX_N);
        return ALG_ERR_ARG;
    }
    fmpq_init(d);
    for (i = 0; i < count; i++) {
        if (fmpq_mat_nrows(mats + i) != n || fmpq_mat_ncols(mats + i) != n) {
            fmpq_clear(d);
            algebra_set_error(err, "generator %ld is %ldx%ld, expected %ldx%ld", (long)(i + 1),
                              (long)fmpq_mat_nrows(mats + i), (long)fmpq_mat_ncols(mats + i),
                              (long)n, (long)n);
            return ALG_ERR_ARG;
        }
        fmpq_mat_det(d, mats + i);
        if (fmpq_is_zero(d)) {
            fmpq_clear(d);
            algebra_set_error(err, "generator %ld is singular", (long)(i + 1));
            return ALG_ERR_SINGULAR;
        }
    }
    fmpq_clear(d);
    gens_start(G, n, count, name ? name : "group");
    for (i = 0; i < count; i++) {
        fmpq_mat_init_set(G->gens + i, mats + i);
        G->count++;
    }
    return ALG_OK;
}

int discrete_affine_lift(fmpq_mat_t out, const fmpq_mat_t h, char *err)
{
    slong n = fmpq_mat_nrows(h), i, j;
    fmpq_mat_t R;
    if (fmpq_mat_ncols(h) != n || n + 1 > ALG_MAX_N) {
        algebra_set_error(err,
                          "affine lift needs a square matrix of size at "
                          "most %d",
                          ALG_MAX_N - 1);
        return ALG_ERR_ARG;
    }
    fmpq_mat_init(R, n + 1, n + 1);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            fmpq_set(fmpq_mat_entry(R, i, j), fmpq_mat_entry(h, i, j));
    fmpq_one(fmpq_mat_entry(R, n, n));
    fmpq_mat_swap(out, R);
    fmpq_mat_clear(R);
    return ALG_OK;
}

int discrete_element_of(fmpq_mat_t out, const MatAlgebra *g, const fmpq_mat_t h, char *err)
{
    if (g->affine && fmpq_mat_nrows(h) + 1 == g->n)
        return discrete_affine_lift(out, h, err);
    fmpq_mat_clear(out);
    fmpq_mat_init_set(out, h);
    return ALG_OK;
}
