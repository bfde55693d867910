/* algebra_builtin.c — the standard matrix Lie algebras gl, sl, so, so(p,q),
 * sp, t, se, aff with the bases documented in algebra.h. */
#include <stdio.h>

#include "lie/algebra.h"

/* A growable list of n x n matrices being assembled into a basis. */
typedef struct {
    slong n, len, alloc;
    fmpq_mat_struct *m;
} MatList;

static void list_init(MatList *L, slong n, slong alloc)
{
    L->n = n;
    L->len = 0;
    L->alloc = alloc > 0 ? alloc : 1;
    L->m = flint_malloc(L->alloc * sizeof(fmpq_mat_struct));
}

static void list_clear(MatList *L)
{
    slong i;
    for (i = 0; i < L->len; i++)
        fmpq_mat_clear(L->m + i);
    flint_free(L->m);
}

/* Append a zero matrix and return it. */
static fmpq_mat_struct *list_push(MatList *L)
{
    if (L->len == L->alloc) {
        L->alloc *= 2;
        L->m = flint_realloc(L->m, L->alloc * sizeof(fmpq_mat_struct));
    }
    fmpq_mat_init(L->m + L->len, L->n, L->n);
    return L->m + L->len++;
}

static void set_entry(fmpq_mat_struct *a, slong i, slong j, slong v)
{
    fmpq_set_si(fmpq_mat_entry(a, i, j), v, 1);
}

/* Append E_ij + s E_kl. */
static void push2(MatList *L, slong i, slong j, slong s, slong k, slong l)
{
    fmpq_mat_struct *a = list_push(L);
    set_entry(a, i, j, 1);
    set_entry(a, k, l, s);
}

/* The so(m) basis on coordinates off..off+m-1 (see algebra.h). */
static void push_so(MatList *L, slong m, slong off)
{
    slong i, j;
    if (m == 2) {
        push2(L, off + 1, off, -1, off, off + 1);
    } else if (m == 3) {
        push2(L, off + 2, off + 1, -1, off + 1, off + 2); /* L_x */
        push2(L, off + 0, off + 2, -1, off + 2, off + 0); /* L_y */
        push2(L, off + 1, off + 0, -1, off + 0, off + 1); /* L_z */
    } else {
        for (i = 0; i < m; i++)
            for (j = i + 1; j < m; j++)
                push2(L, off + i, off + j, -1, off + j, off + i);
    }
}

static void push_gl(MatList *L, slong m)
{
    slong i, j;
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
            set_entry(list_push(L), i, j, 1);
}

static void push_t(MatList *L, slong m)
{
    slong i;
    for (i = 0; i < m; i++)
        set_entry(list_push(L), i, m, 1);
}

static int range_error(MatAlgebra *g, char *err, const char *what, slong v, slong lo, slong hi)
{
    algebra_init(g);
    algebra_set_error(err, "%s(%ld): size must be in %ld..%ld", what, (long)v, (long)lo, (long)hi);
    return ALG_ERR_ARG;
}

/* g = algebra with the list as basis (trusted closed). */
static int finish(MatAlgebra *g, MatList *L, int affine, const char *name, char *err)
{
    int st = algebra_init_basis(g, L->m, L->len, L->n, affine, 1, name, err);
    list_clear(L);
    return st;
}

int algebra_init_gl(MatAlgebra *g, slong n, char *err)
{
    MatList L;
    char name[48];
    if (n < 1 || n > ALG_MAX_N)
        return range_error(g, err, "gl", n, 1, ALG_MAX_N);
    list_init(&L, n, n * n);
    push_gl(&L, n);
    snprintf(name, sizeof name, "gl(%ld)", (long)n);
    return finish(g, &L, 0, name, err);
}

int algebra_init_sl(MatAlgebra *g, slong n, char *err)
{
    MatList L;
    slong i, j;
    char name[48];
    if (n < 1 || n > ALG_MAX_N)
        return range_error(g, err, "sl", n, 1, ALG_MAX_N);
    list_init(&L, n, n * n);
    for (i = 0; i < n; i++)
        for (j = 0; j < n; j++)
            if (i != j)
                set_entry(list_push(&L), i, j, 1);
    for (i = 0; i + 1 < n; i++)
        push2(&L, i, i, -1, i + 1, i + 1);
    snprintf(name, sizeof name, "sl(%ld)", (long)n);
    return finish(g, &L, 0, name, err);
}

int algebra_init_so(MatAlgebra *g, slong n, char *err)
{
    MatList L;
    char name[48];
    if (n < 1 || n > ALG_MAX_N)
        return range_error(g, err, "so", n, 1, ALG_MAX_N);
    list_init(&L, n, n * n);
    push_so(&L, n, 0);
    snprintf(name, sizeof name, "so(%ld)", (long)n);
    return finish(g, &L, 0, name, err);
}

int algebra_init_so_pq(MatAlgebra *g, slong p, slong q, char *err)
{
    MatList L;
    slong i, j, n = p + q;
    char name[48];
    if (p < 0 || q < 0 || p > ALG_MAX_N || q > ALG_MAX_N || n < 1 || n > ALG_MAX_N) {
        algebra_init(g);
        algebra_set_error(err,
                          "so(%ld, %ld): need p, q >= 0 and 1 <= p + q "
                          "<= %d",
                          (long)p, (long)q, ALG_MAX_N);
        return ALG_ERR_ARG;
    }
    list_init(&L, n, n * n);
    push_so(&L, p, 0);
    push_so(&L, q, p);
    for (i = 0; i < p; i++)
        for (j = p; j < n; j++)
            push2(&L, i, j, 1, j, i);
    snprintf(name, sizeof name, "so(%ld, %ld)", (long)p, (long)q);
    return finish(g, &L, 0, name, err);
}

int algebra_init_sp(MatAlgebra *g, slong n2, char *err)
{
    MatList L;
    slong i, j, m = n2 / 2;
    char name[48];
    if (n2 < 2 || n2 > ALG_MAX_N || n2 % 2 != 0) {
        algebra_init(g);
        algebra_set_error(err, "sp(%ld): the size must be even, in 2..%d", (long)n2, ALG_MAX_N);
        return ALG_ERR_ARG;
    }
    list_init(&L, n2, n2 * n2);
    for (i = 0; i < m; i++)
        for (j = 0; j < m; j++)
            push2(&L, i, j, -1, m + j, m + i);
    for (i = 0; i < m; i++)
        for (j = i; j < m; j++) {
            if (i == j)
                set_entry(list_push(&L), i, m + i, 1);
            else
                push2(&L, i, m + j, 1, j, m + i);
        }
    for (i = 0; i < m; i++)
        for (j = i; j < m; j++) {
            if (i == j)
                set_entry(list_push(&L), m + i, i, 1);
            else
                push2(&L, m + i, j, 1, m + j, i);
        }
    snprintf(name, sizeof name, "sp(%ld)", (long)n2);
    return finish(g, &L, 0, name, err);
}

int algebra_init_t(MatAlgebra *g, slong m, char *err)
{
    MatList L;
    char name[48];
    if (m < 1 || m > ALG_MAX_T)
        return range_error(g, err, "t", m, 1, ALG_MAX_T);
    list_init(&L, m + 1, m);
    push_t(&L, m);
    snprintf(name, sizeof name, "t(%ld)", (long)m);
    int st = algebra_init_basis_t(g, L.m, L.len, L.n, name, err);
    list_clear(&L);
    return st;
}

int algebra_init_se(MatAlgebra *g, slong m, char *err)
{
    MatList L;
    char name[48];
    if (m < 1 || m + 1 > ALG_MAX_N)
        return range_error(g, err, "se", m, 1, ALG_MAX_N - 1);
    list_init(&L, m + 1, m * m + m);
    push_so(&L, m, 0);
    push_t(&L, m);
    snprintf(name, sizeof name, "se(%ld)", (long)m);
    return finish(g, &L, 1, name, err);
}

int algebra_init_aff(MatAlgebra *g, slong m, char *err)
{
    MatList L;
    char name[48];
    if (m < 1 || m + 1 > ALG_MAX_N)
        return range_error(g, err, "aff", m, 1, ALG_MAX_N - 1);
    list_init(&L, m + 1, m * m + m);
    push_gl(&L, m);
    push_t(&L, m);
    snprintf(name, sizeof name, "aff(%ld)", (long)m);
    return finish(g, &L, 1, name, err);
}
