/* enforce_discover.c — a C program on libsym alone (no interpreter): the
 * Sym session
 *     coords x, y
 *     enforce(polys(scalars(so(2)), 2), so(2))     -- invariant quadratics
 *     discover(x^2 + y^2, gl(2))                    -- symmetries of a circle
 * computed through the engine's C API.
 *
 * Build against an installed libsym:
 *     cc enforce_discover.c $(pkg-config --cflags --libs libsym)
 * Every result is exact (FLINT rationals); the engines check C·N = 0 before
 * returning a nullspace. */
#include <stdio.h>
#include <stdlib.h>
#include <flint/fmpq_vec.h>
#include "exact/poly.h"
#include "lie/algebra.h"
#include "symmetry/bundle.h"
#include "symmetry/discover.h"
#include "symmetry/model.h"

static int fail(const char *what, const char *err)
{
    fprintf(stderr, "enforce_discover: %s: %s\n", what, err);
    return 1;
}

static void print_matrix(const fmpq_mat_t A)
{
    printf("[");
    for (slong i = 0; i < fmpq_mat_nrows(A); i++)
        for (slong j = 0; j < fmpq_mat_ncols(A); j++) {
            char *s = fmpq_get_str(NULL, 10, fmpq_mat_entry(A, i, j));
            printf("%s%s", j ? ", " : i ? "; " : "", s);
            flint_free(s);
        }
    printf("]");
}

/* enforce: the so(2)-invariant polynomials of degree <= 2 in x, y. */
static int run_enforce(PolyRing *R, const MatAlgebra *g)
{
    char err[MODEL_ERR_LEN] = "";
    LieBundle E;
    ModelSpace V, S;
    if (bundle_init(&E, BUNDLE_SCALARS, g, 0, 0, NULL, err))
        return fail("scalars", err);
    if (model_space_init_polys(&V, &E, R, 1, 2, err))
        return fail("polys", err);
    int st = model_space_enforce(&S, &V, g->basis, g->dim, NULL, 0, err);
    model_space_clear(&V);
    if (st)
        return fail("enforce", err);
    printf("enforce: %ld of %ld polynomials are invariant:\n", (long)S.dim, (long)S.nbefore);
    fmpq *f = _fmpq_vec_init(S.nfull);
    for (slong j = 0; j < S.dim && !st; j++) {
        PolyVec F;
        polyvec_init(&F, 1, R);
        model_space_basis_column(f, &S, j);
        st = model_space_section(&F, &S, f, err);
        if (!st) {
            char *s = poly_to_string(F.p, R, 0);
            printf("  %s\n", s);
            free(s);
        }
        polyvec_clear(&F);
    }
    _fmpq_vec_clear(f, S.nfull);
    model_space_clear(&S);
    return st ? fail("section", err) : 0;
}

/* discover: the elements of gl(2) whose Lie derivative kills x^2 + y^2. */
static int run_discover(PolyRing *R, const MatAlgebra *gl)
{
    char err[DISCOVER_ERR_LEN] = "";
    PolyVec F, *v = calloc(gl->dim, sizeof(PolyVec)), *img = calloc(gl->dim, sizeof(PolyVec));
    polyvec_init(&F, 1, R);
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, R->ctx);
    for (slong i = 0; i < 2; i++) { /* F = x^2 + y^2 */
        poly_set_var(t, i, R, NULL);
        fmpq_mpoly_mul(t, t, t, R->ctx);
        fmpq_mpoly_add(F.p, F.p, t, R->ctx);
    }
    fmpq_mpoly_clear(t, R->ctx);
    LieBundle scalars;
    bundle_init_plain(&scalars, R->nvars, 1, NULL);
    int st = 0;
    slong made = 0;
    for (; made < gl->dim && !st; made++) {
        st = discover_velocity(v + made, gl->basis + made, R, err);
        if (st)
            break;
        polyvec_init(img + made, 1, R);
        st = discover_lie(img + made, &scalars, NULL, v + made, &F, err);
    }
    fmpq_mat_t N, X;
    fmpq_mat_init(N, 0, 0);
    fmpq_mat_init(X, 2, 2);
    if (!st)
        st = discover_kernel(N, img, gl->dim, err);
    if (!st) { /* rows in discover's last-entry canonical form, as Sym prints them */
        fmpq_mat_t Nt, Nc;
        fmpq_mat_init(Nt, fmpq_mat_ncols(N), fmpq_mat_nrows(N));
        fmpq_mat_init(Nc, 0, 0);
        fmpq_mat_transpose(Nt, N);
        discover_canonical_rows(Nc, Nt);
        fmpq_mat_swap(Nt, Nc);
        fmpq_mat_clear(Nc);
        fmpq_mat_clear(N);
        fmpq_mat_init(N, fmpq_mat_ncols(Nt), fmpq_mat_nrows(Nt));
        fmpq_mat_transpose(N, Nt);
        fmpq_mat_clear(Nt);
    }
    if (!st) {
        printf("discover: %ld symmetr%s of x^2 + y^2 in gl(2):\n", (long)fmpq_mat_ncols(N),
               fmpq_mat_ncols(N) == 1 ? "y" : "ies");
        for (slong j = 0; j < fmpq_mat_ncols(N); j++) {
            fmpq_mat_zero(X);
            for (slong i = 0; i < gl->dim; i++) {
                fmpq_mat_t T;
                fmpq_mat_init(T, 2, 2);
                fmpq_mat_scalar_mul_fmpq(T, gl->basis + i, fmpq_mat_entry(N, i, j));
                fmpq_mat_add(X, X, T);
                fmpq_mat_clear(T);
            }
            printf("  ");
            print_matrix(X);
            printf("\n");
        }
    }
    for (slong i = 0; i < made && i < gl->dim; i++) {
        polyvec_clear(v + i);
        polyvec_clear(img + i);
    }
    free(v);
    free(img);
    polyvec_clear(&F);
    fmpq_mat_clear(N);
    fmpq_mat_clear(X);
    return st ? fail("discover", err) : 0;
}

int main(void)
{
    const char *names[] = {"x", "y"};
    PolyRing *R = polyring_new(2, names);
    MatAlgebra so2, gl2;
    char err[ALG_ERR_LEN] = "";
    if (!R)
        return fail("ring", "out of memory");
    if (algebra_init_so(&so2, 2, err) || algebra_init_gl(&gl2, 2, err))
        return fail("algebra", err);
    int st = run_enforce(R, &so2) || run_discover(R, &gl2);
    algebra_clear(&so2);
    algebra_clear(&gl2);
    polyring_decref(R);
    flint_cleanup();
    return st;
}
