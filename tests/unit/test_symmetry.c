/* test_symmetry.c — Check tests of libsym's symmetry layer through its C
 * API alone (links libsym.a, no interpreter): the bundle rules, enforce on
 * sections and layers (the sparse basis against the dense route),
 * discover's kernel, field algebras, kernel bundles
 * and the per-session kernel-ring cache, and the status numbering. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <flint/fmpq_vec.h>

#include "base/sym_status.h"
#include "exact/poly.h"
#include "lie/algebra.h"
#include "lie/discrete.h"
#include "lie/rep.h"
#include "symmetry/bundle.h"
#include "symmetry/discover.h"
#include "symmetry/field_algebra.h"
#include "symmetry/kernel.h"
#include "symmetry/model.h"
#include "symmetry/model_layer_rows.h"
#include "symmetry/model_orbit.h"
#include "exact/nullspace.h"

static PolyRing *ring_xy(void)
{
    const char *names[] = {"x", "y"};
    return polyring_new(2, names);
}

/* p = the polynomial of the string-free builder: c * x^a y^b added. */
static void add_term(fmpq_mpoly_t p, slong c, ulong a, ulong b, const PolyRing *R)
{
    ulong e[2] = {a, b};
    fmpq_t q;
    fmpq_init(q);
    fmpq_set_si(q, c, 1);
    fmpq_mpoly_t t;
    fmpq_mpoly_init(t, R->ctx);
    fmpq_mpoly_set_coeff_fmpq_ui(t, q, e, R->ctx);
    fmpq_mpoly_add(p, p, t, R->ctx);
    fmpq_mpoly_clear(t, R->ctx);
    fmpq_clear(q);
}

/* Dimension of the enforce of polys(E, d) (k components) under g. */
static slong enforce_dim(const LieBundle *E, PolyRing *R, slong k, slong d, const MatAlgebra *g,
                         const fmpq_mat_struct *disc, slong ndisc)
{
    ModelSpace V, S;
    char err[MODEL_ERR_LEN] = "";
    ck_assert_int_eq(model_space_init_polys(&V, E, R, k, d, err), 0);
    int st = model_space_enforce(&S, &V, g ? g->basis : NULL, g ? g->dim : 0, disc, ndisc, err);
    ck_assert_msg(st == 0, "enforce: %s", err);
    slong dim = S.dim;
    model_space_clear(&V);
    model_space_clear(&S);
    return dim;
}

START_TEST(test_bundle_generators)
{
    PolyRing *R = ring_xy();
    MatAlgebra so2;
    char err[SYM_ERR_LEN] = "";
    ck_assert_int_eq(algebra_init_so(&so2, 2, err), SYM_SUCCESS);
    /* forms: b = -Dv^T; for v = J x (J = so2 basis) Dv = J, so b = -J^T = J */
    LieBundle E;
    ck_assert_int_eq(bundle_init(&E, BUNDLE_FORMS, &so2, 0, 1, NULL, err), SYM_SUCCESS);
    ck_assert_int_eq(E.k, 2);
    PolyVec v;
    PolyMat b;
    polyvec_init(&v, 2, R);
    polymat_init(&b, 2, 2, R);
    ck_assert_int_eq(bundle_generator(&v, &b, &E, so2.basis, err), SYM_SUCCESS);
    for (slong i = 0; i < 2; i++)
        for (slong j = 0; j < 2; j++) {
            fmpq_t c;
            fmpq_init(c);
            ck_assert_int_eq(poly_get_constant(c, b.p + i * 2 + j, R, err), 0);
            ck_assert(fmpq_equal(c, fmpq_mat_entry(so2.basis, i, j)));
            fmpq_clear(c);
        }
    /* a 3x3 non-affine generator on two coordinates is refused with a message */
    fmpq_mat_t big;
    fmpq_mat_init(big, 3, 3);
    fmpq_set_si(fmpq_mat_entry(big, 2, 2), 1, 1); /* last row nonzero: not affine */
    err[0] = '\0';
    ck_assert_int_eq(bundle_generator(&v, &b, &E, big, err), SYM_E_ARG);
    ck_assert(strstr(err, "3x3") != NULL);
    fmpq_mat_clear(big);
    /* tensors (1,1) over R^2: fiber 4; its group matrix for h = -I is I */
    LieBundle T;
    ck_assert_int_eq(bundle_init(&T, BUNDLE_TENSORS, &so2, 1, 1, NULL, err), SYM_SUCCESS);
    ck_assert_int_eq(T.k, 4);
    fmpq_mat_t h, M, g;
    fmpq_mat_init(h, 2, 2);
    fmpq_mat_one(h);
    fmpq_mat_neg(h, h);
    fmpq_mat_init(M, 0, 0);
    fmpq_mat_init(g, 0, 0);
    ck_assert_int_eq(bundle_discrete_action(g, M, &T, h, err), SYM_SUCCESS);
    ck_assert_int_eq(fmpq_mat_nrows(M), 4);
    ck_assert(fmpq_mat_is_one(M));
    ck_assert(fmpq_mat_equal(g, h));
    fmpq_mat_zero(h);
    ck_assert_int_eq(bundle_discrete_action(g, M, &T, h, err), SYM_E_SINGULAR);
    fmpq_mat_clear(h);
    fmpq_mat_clear(M);
    fmpq_mat_clear(g);
    polyvec_clear(&v);
    polymat_clear(&b);
    algebra_clear(&so2);
    polyring_decref(R);
}
END_TEST

START_TEST(test_enforce_sections)
{
    PolyRing *R = ring_xy();
    MatAlgebra so2;
    char err[SYM_ERR_LEN] = "";
    ck_assert_int_eq(algebra_init_so(&so2, 2, err), SYM_SUCCESS);
    LieBundle S, F;
    ck_assert_int_eq(bundle_init(&S, BUNDLE_SCALARS, &so2, 0, 0, NULL, err), SYM_SUCCESS);
    ck_assert_int_eq(bundle_init(&F, BUNDLE_FIELDS, &so2, 1, 0, NULL, err), SYM_SUCCESS);
    /* invariant polynomials of degree <= 4 in x, y: 1, r^2, r^4 */
    ck_assert_int_eq(enforce_dim(&S, R, 1, 4, &so2, NULL, 0), 3);
    /* equivariant linear vector fields: a x + b J x (2 of 2*3 = 6 of degree <= 1) */
    ck_assert_int_eq(enforce_dim(&F, R, 2, 1, &so2, NULL, 0), 2);
    /* with the reflection diag(1, -1) (O(2)) only the radial field remains */
    fmpq_mat_t refl;
    fmpq_mat_init(refl, 2, 2);
    fmpq_set_si(fmpq_mat_entry(refl, 0, 0), 1, 1);
    fmpq_set_si(fmpq_mat_entry(refl, 1, 1), -1, 1);
    ck_assert_int_eq(enforce_dim(&F, R, 2, 1, &so2, refl, 1), 1);
    /* plain (no algebra) scalars: the same rule as scalars(so(2)) */
    LieBundle P;
    ck_assert_int_eq(bundle_init_plain(&P, 2, 1, err), SYM_SUCCESS);
    ck_assert_int_eq(enforce_dim(&P, R, 1, 4, &so2, NULL, 0), 3);
    ck_assert_int_eq(bundle_init_plain(&P, 2, 3, err), SYM_E_ARG);
    fmpq_mat_clear(refl);
    algebra_clear(&so2);
    polyring_decref(R);
}
END_TEST

START_TEST(test_enforce_layers)
{
    MatAlgebra so3;
    MatRep V, VV;
    char err[SYM_ERR_LEN] = "";
    ck_assert_int_eq(algebra_init_so(&so3, 3, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_std(&V, &so3, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_tensor(&VV, &V, &V, err), SYM_SUCCESS);
    /* so(3)-equivariant maps V (x) V -> V: the cross product only */
    ModelSpace L, S;
    ck_assert_int_eq(model_space_init_layers(&L, &VV, &V, 0, err), 0);
    ck_assert_int_eq(L.nfull, 27);
    ck_assert_int_eq(model_space_enforce(&S, &L, so3.basis, so3.dim, NULL, 0, err), 0);
    ck_assert_int_eq(S.dim, 1);
    model_space_clear(&S);
    model_space_clear(&L);
    /* with bias: b must be fixed by so(3) on V: none; W still the cross product */
    ck_assert_int_eq(model_space_init_layers(&L, &VV, &V, 1, err), 0);
    ck_assert_int_eq(model_space_enforce(&S, &L, so3.basis, so3.dim, NULL, 0, err), 0);
    ck_assert_int_eq(S.dim, 1);
    model_space_clear(&S);
    model_space_clear(&L);
    rep_clear(&VV);
    rep_clear(&V);
    algebra_clear(&so3);
}
END_TEST

/* Enforce on spaces stored sparse (B^T as canonical rows) against the
   dense route: nullspace of C B, basis (B N)^T put in canonical form by
   a dense rref; and the accessors (columns, combine, coords) against the
   materialised basis.  Random spans mix equivariant maps and random
   vectors, so the results are neither empty nor everything. */
static void dense_enforce(fmpq_mat_t out, const ModelSpace *V, const MatAlgebra *g)
{
    char err[MODEL_ERR_LEN] = "";
    SpMat C;
    fmpq_mat_t Cd, B, Y, N, P, T, R;
    slong rank;
    spmat_init(&C, V->nfull);
    ck_assert_int_eq(model_constraint_rows(&C, V, g->basis, g->dim, NULL, 0, err), 0);
    fmpq_mat_init(Cd, 0, 0);
    fmpq_mat_init(B, 0, 0);
    ck_assert_int_eq(spmat_get_qmat(Cd, &C), 0);
    ck_assert_int_eq(model_space_get_basis(B, V), 0);
    fmpq_mat_init(Y, Cd->r, B->c);
    fmpq_mat_mul(Y, Cd, B);
    fmpq_mat_init(N, 0, 0);
    ck_assert_int_eq(qmat_nullspace_dense(N, Y), 0);
    fmpq_mat_init(P, B->r, N->c);
    fmpq_mat_mul(P, B, N);
    fmpq_mat_init(T, P->c, P->r);
    fmpq_mat_transpose(T, P);
    fmpq_mat_init(R, 0, 0);
    ck_assert_int_eq(qmat_rref(R, &rank, T), 0);
    ck_assert_int_eq(rank, T->r);
    ck_assert_int_eq(qmat_canonicalise_rows(R), 0);
    fmpq_mat_swap(out, R); /* rows: the canonical basis */
    fmpq_mat_clear(R);
    fmpq_mat_clear(T);
    fmpq_mat_clear(P);
    fmpq_mat_clear(N);
    fmpq_mat_clear(Y);
    fmpq_mat_clear(B);
    fmpq_mat_clear(Cd);
    spmat_clear(&C);
}

static void check_accessors(const ModelSpace *S, flint_rand_t st)
{
    fmpq_mat_t B;
    fmpq_mat_init(B, 0, 0);
    ck_assert_int_eq(model_space_get_basis(B, S), 0);
    fmpq *col = _fmpq_vec_init(S->nfull), *f = _fmpq_vec_init(S->nfull);
    fmpq *c = _fmpq_vec_init(S->dim + 1), *c2 = _fmpq_vec_init(S->dim + 1);
    double *fd = malloc((S->nfull + 1) * sizeof(double)),
           *cd = malloc((S->dim + 1) * sizeof(double));
    for (slong j = 0; j < S->dim; j++) {
        model_space_basis_column(col, S, j);
        for (slong i = 0; i < S->nfull; i++)
            ck_assert(fmpq_equal(col + i, fmpq_mat_entry(B, i, j)));
    }
    for (slong j = 0; j < S->dim; j++) {
        fmpq_set_si(c + j, (slong)n_randint(st, 21) - 10, 1 + n_randint(st, 4));
        cd[j] = fmpq_get_d(c + j);
    }
    model_space_combine(f, S, c);
    model_space_combine_d(fd, S, cd);
    for (slong i = 0; i < S->nfull; i++) {
        fmpq_t s;
        fmpq_init(s);
        for (slong j = 0; j < S->dim; j++)
            fmpq_addmul(s, fmpq_mat_entry(B, i, j), c + j);
        ck_assert(fmpq_equal(s, f + i));
        ck_assert(fabs(fmpq_get_d(s) - fd[i]) <= 1e-9 * (1 + fabs(fd[i])));
        fmpq_clear(s);
    }
    ck_assert_int_eq(model_space_coords(c2, S, f), 0);
    for (slong j = 0; j < S->dim; j++)
        ck_assert(fmpq_equal(c + j, c2 + j));
    if (S->dim < S->nfull) { /* a unit vector at a non-pivot column is outside */
        for (slong t = 0; t < S->nfull; t++)
            fmpq_zero(f + t);
        slong np = 0;
        for (slong t = 0; t < S->nfull; t++) {
            int piv = 0;
            for (slong j = 0; j < S->dim; j++)
                piv |= S->piv[j] == t;
            if (!piv) {
                np = t;
                break;
            }
        }
        fmpq_one(f + np);
        ck_assert_int_eq(model_space_coords(c2, S, f), QMAT_E_NO_SOLUTION);
    }
    free(fd);
    free(cd);
    _fmpq_vec_clear(col, S->nfull);
    _fmpq_vec_clear(f, S->nfull);
    _fmpq_vec_clear(c, S->dim + 1);
    _fmpq_vec_clear(c2, S->dim + 1);
    fmpq_mat_clear(B);
}

START_TEST(test_enforce_sparse_vs_dense)
{
    MatAlgebra so3;
    MatRep V, VV;
    char err[SYM_ERR_LEN] = "";
    flint_rand_t st;
    flint_randinit(st);
    ck_assert_int_eq(algebra_init_so(&so3, 3, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_std(&V, &so3, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_tensor(&VV, &V, &V, err), SYM_SUCCESS);
    ModelSpace L, K, W, S;
    memset(&W, 0, sizeof W);
    fmpq_mat_t Kb, M, D, Sb, St;
    fmpq_mat_init(Kb, 0, 0);
    fmpq_mat_init(D, 0, 0);
    fmpq_mat_init(Sb, 0, 0);
    ck_assert_int_eq(model_space_init_layers(&L, &VV, &VV, 1, err), 0);
    /* full space: sparse enforce == dense route */
    ck_assert_int_eq(model_space_enforce(&K, &L, so3.basis, so3.dim, NULL, 0, err), 0);
    ck_assert_int_eq(K.dim, 4); /* W: identity, swap, trace form; b: delta */
    dense_enforce(D, &L, &so3);
    ck_assert_int_eq(model_space_get_basis(Kb, &K), 0);
    fmpq_mat_init(St, Kb->c, Kb->r);
    fmpq_mat_transpose(St, Kb);
    ck_assert(fmpq_mat_equal(St, D));
    fmpq_mat_clear(St);
    check_accessors(&K, st);
    for (slong it = 0; it < 40; it++) {
        /* W = span of a random mix of equivariant maps and random vectors */
        slong a = n_randint(st, 4), b = n_randint(st, 6), m = a + b;
        fmpq_mat_init(M, L.nfull, m);
        for (slong j = 0; j < a; j++)
            for (slong t = 0; t < K.dim; t++) {
                fmpq_t w;
                fmpq_init(w);
                fmpq_set_si(w, (slong)n_randint(st, 7) - 3, 1);
                for (slong i = 0; i < L.nfull; i++)
                    fmpq_addmul(fmpq_mat_entry(M, i, j), fmpq_mat_entry(Kb, i, t), w);
                fmpq_clear(w);
            }
        for (slong j = a; j < m; j++)
            for (slong i = 0; i < L.nfull; i++)
                if (n_randint(st, 3) == 0)
                    fmpq_set_si(fmpq_mat_entry(M, i, j), (slong)n_randint(st, 9) - 4,
                                1 + n_randint(st, 3));
        model_space_clear(&W);
        ck_assert_int_eq(model_space_init_layers(&W, &VV, &VV, 1, err), 0);
        ck_assert_int_eq(model_space_set_span(&W, M, err), 0);
        check_accessors(&W, st);
        ck_assert_int_eq(model_space_enforce(&S, &W, so3.basis, so3.dim, NULL, 0, err), 0);
        dense_enforce(D, &W, &so3);
        ck_assert_int_eq(S.dim, D->r);
        ck_assert_int_eq(model_space_get_basis(Sb, &S), 0);
        fmpq_mat_init(St, Sb->c, Sb->r);
        fmpq_mat_transpose(St, Sb);
        ck_assert(fmpq_mat_equal(St, D));
        fmpq_mat_clear(St);
        check_accessors(&S, st);
        model_space_clear(&S);
        fmpq_mat_clear(M);
    }
    model_space_clear(&W);
    model_space_clear(&K);
    model_space_clear(&L);
    fmpq_mat_clear(Kb);
    fmpq_mat_clear(D);
    fmpq_mat_clear(Sb);
    rep_clear(&VV);
    rep_clear(&V);
    algebra_clear(&so3);
    flint_randclear(st);
}
END_TEST

/* Layers between direct sums go block by block (model_blocks.c); the
   basis must be the flat solve's (an enforce on the space enforced with
   no generators, which is not full and so takes the flat route). */
static void blocks_vs_flat(const MatRep *rin, const MatRep *rout, int bias, const MatAlgebra *g,
                           const fmpq_mat_struct *disc, slong ndisc)
{
    char err[MODEL_ERR_LEN] = "";
    ModelSpace L, A, W, F;
    fmpq_mat_t BA, BF;
    ck_assert_int_eq(model_space_init_layers(&L, rin, rout, bias, err), 0);
    ck_assert_int_eq(model_space_enforce(&A, &L, g->basis, g->dim, disc, ndisc, err), 0);
    ck_assert_int_eq(model_space_enforce(&W, &L, NULL, 0, NULL, 0, err), 0);
    ck_assert_int_eq(W.dim, L.nfull);
    ck_assert(!W.full);
    ck_assert_int_eq(model_space_enforce(&F, &W, g->basis, g->dim, disc, ndisc, err), 0);
    fmpq_mat_init(BA, 0, 0);
    fmpq_mat_init(BF, 0, 0);
    ck_assert_int_eq(model_space_get_basis(BA, &A), 0);
    ck_assert_int_eq(model_space_get_basis(BF, &F), 0);
    ck_assert_int_eq(A.dim, F.dim);
    ck_assert(fmpq_mat_equal(BA, BF));
    fmpq_mat_clear(BA);
    fmpq_mat_clear(BF);
    model_space_clear(&A);
    model_space_clear(&W);
    model_space_clear(&F);
    model_space_clear(&L);
}

START_TEST(test_enforce_blocks)
{
    MatAlgebra so3;
    MatRep V, VV, T2, R1, R, Ro;
    char err[SYM_ERR_LEN] = "";
    ck_assert_int_eq(algebra_init_so(&so3, 3, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_std(&V, &so3, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_tensor(&VV, &V, &V, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_trivial(&T2, &so3, 2, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_sum(&R1, &T2, &V, err), SYM_SUCCESS);
    ck_assert_int_eq(rep_init_sum(&R, &R1, &VV, err), SYM_SUCCESS); /* 2 + 3 + 9 */
    ck_assert_int_eq(rep_init_sum(&Ro, &V, &T2, err), SYM_SUCCESS); /* 3 + 2 */
    fmpq_mat_t refl;
    fmpq_mat_init(refl, 3, 3);
    fmpq_one(fmpq_mat_entry(refl, 0, 0));
    fmpq_one(fmpq_mat_entry(refl, 1, 1));
    fmpq_set_si(fmpq_mat_entry(refl, 2, 2), -1, 1);
    for (int bias = 0; bias < 2; bias++) {
        blocks_vs_flat(&R, &R, bias, &so3, NULL, 0);
        blocks_vs_flat(&R, &Ro, bias, &so3, NULL, 0);
        blocks_vs_flat(&Ro, &R, bias, &so3, refl, 1);
        blocks_vs_flat(&R, &R, bias, &so3, refl, 1);
        blocks_vs_flat(&T2, &Ro, bias, &so3, NULL, 0);
    }
    fmpq_mat_clear(refl);
    rep_clear(&Ro);
    rep_clear(&R);
    rep_clear(&R1);
    rep_clear(&T2);
    rep_clear(&VV);
    rep_clear(&V);
    algebra_clear(&so3);
}
END_TEST

START_TEST(test_discover_kernel)
{
    PolyRing *R = ring_xy();
    MatAlgebra gl2;
    char err[SYM_ERR_LEN] = "";
    ck_assert_int_eq(algebra_init_gl(&gl2, 2, err), SYM_SUCCESS);
    /* F = x^2 + 4 y^2: its symmetry in gl(2) is one-dimensional */
    PolyVec F;
    polyvec_init(&F, 1, R);
    add_term(F.p, 1, 2, 0, R);
    add_term(F.p, 4, 0, 2, R);
    LieBundle sc;
    ck_assert_int_eq(bundle_init_plain(&sc, 2, 1, err), SYM_SUCCESS);
    PolyVec v[4], img[4];
    for (slong i = 0; i < 4; i++) {
        ck_assert_int_eq(discover_velocity(v + i, gl2.basis + i, R, err), 0);
        polyvec_init(img + i, 1, R);
        ck_assert_int_eq(discover_lie(img + i, &sc, NULL, v + i, &F, err), 0);
    }
    fmpq_mat_t N, Nt, C;
    fmpq_mat_init(N, 0, 0);
    ck_assert_int_eq(discover_kernel(N, img, 4, err), 0);
    ck_assert_int_eq(fmpq_mat_ncols(N), 1);
    /* the element sum N_i basis_i kills F, and is [0, -4; 1, 0] up to scale */
    fmpq_mat_init(Nt, 1, 4);
    fmpq_mat_init(C, 0, 0);
    fmpq_mat_transpose(Nt, N);
    discover_canonical_rows(C, Nt);
    fmpq_mat_t X;
    fmpq_mat_init(X, 2, 2);
    algebra_element(X, &gl2, fmpq_mat_entry(C, 0, 0));
    slong want[4] = {0, -4, 1, 0};
    for (slong i = 0; i < 4; i++)
        ck_assert(fmpz_equal_si(fmpq_numref(fmpq_mat_entry(X, i / 2, i % 2)), want[i]));
    fmpq_mat_clear(X);
    fmpq_mat_clear(C);
    fmpq_mat_clear(Nt);
    fmpq_mat_clear(N);
    for (slong i = 0; i < 4; i++) {
        polyvec_clear(v + i);
        polyvec_clear(img + i);
    }
    polyvec_clear(&F);
    algebra_clear(&gl2);
    polyring_decref(R);
}
END_TEST

START_TEST(test_field_algebra)
{
    PolyRing *R = ring_xy();
    char err[SYM_ERR_LEN] = "";
    /* X1 = d/dx, X2 = x d/dx: closed ([X1, X2] = X1 up to sign) */
    PolyVec X[3];
    for (int i = 0; i < 3; i++)
        polyvec_init(X + i, 2, R);
    add_term(X[0].p, 1, 0, 0, R);
    add_term(X[1].p, 1, 1, 0, R);
    FieldAlgebra A;
    ck_assert_int_eq(field_algebra_init(&A, X, 2, R, NULL, NULL, NULL, err), SYM_SUCCESS);
    ck_assert_int_eq(A.dim, 2);
    ck_assert(field_algebra_contains(&A, X + 1));
    field_algebra_clear(&A);
    /* adding X3 = x^2 d/dx is sl(2) (closed); x^3 d/dx is not */
    add_term(X[2].p, 1, 3, 0, R);
    slong bi = -1, bj = -1;
    PolyVec bad;
    ck_assert_int_eq(field_algebra_init(&A, X, 3, R, &bi, &bj, &bad, err), SYM_E_NOT_CLOSED);
    ck_assert(bi >= 0 && bj > bi);
    polyvec_clear(&bad);
    for (int i = 0; i < 3; i++)
        polyvec_clear(X + i);
    polyring_decref(R);
}
END_TEST

START_TEST(test_kernels)
{
    PolyRing *R = ring_xy();
    char err[SYM_ERR_LEN] = "";
    KernelContext K;
    kernel_context_init(&K);
    PolyRing *KR = kernel_ring(&K, R);
    ck_assert_ptr_nonnull(KR);
    ck_assert_int_eq(KR->nvars, 4);
    ck_assert_str_eq(KR->names[2], "xp");
    ck_assert(kernel_ring_is(&K, KR));
    PolyRing *KR2 = kernel_ring(&K, R);
    ck_assert_ptr_eq(KR, KR2); /* cached per context */
    polyring_decref(KR2);
    /* translation-invariant scalar kernels k(x, xp) of degree <= 2 on R^2:
       polynomials in x - xp, y - yp: 1, 2 linear, 3 quadratic = 6 */
    MatAlgebra t2;
    ck_assert_int_eq(algebra_init_t(&t2, 2, err), SYM_SUCCESS);
    LieBundle E;
    ck_assert_int_eq(bundle_init_kernels(&E, &t2, NULL, NULL, KR, 1, err), SYM_SUCCESS);
    ck_assert_int_eq(E.n, 4);
    ck_assert_int_eq(enforce_dim(&E, KR, 1, 2, &t2, NULL, 0), 6);
    algebra_clear(&t2);
    polyring_decref(KR);
    kernel_context_clear(&K);
    polyring_decref(R);
}
END_TEST

START_TEST(test_status)
{
    ck_assert_int_ne((int)QMAT_E_INTERRUPTED, (int)ALG_ERR_NOT_HOM);
    ck_assert_str_eq(sym_strerror(DISCOVER_ERR_INTERRUPTED), "interrupted");
    ck_assert_str_eq(algebra_strerror(QMAT_E_NO_SOLUTION), sym_strerror(SYM_E_NO_SOLUTION));
    char err[SYM_ERR_LEN];
    ck_assert_int_eq(sym_error(err, SYM_E_LIMIT, "n = %d", 3), SYM_E_LIMIT);
    ck_assert_str_eq(err, "n = 3");
    ck_assert_str_eq(sym_strerror(9999), "unknown error");
}
END_TEST

/* The sparse layer-row builder (model_layer_rows.c, used for reps past the
   dense size) has the same rows and kernel as model.c's dense builder, on
   small reps where both run: so(3) with the reflection of O(3), affine
   layers between R^3 (x) R^3 and R^3 + adjoint, and gl(2) with an
   invertible h. */
static void check_layer_rows_agree(const MatRep *A, const MatRep *B, const fmpq_mat_struct *alg,
                                   slong nalg, const fmpq_mat_struct *disc, slong ndisc)
{
    ModelSpace V;
    char err[MODEL_ERR_LEN] = "";
    ck_assert_int_eq(model_space_init_layers(&V, A, B, 1, err), 0);
    SpMat C1, C2;
    spmat_init(&C1, V.nfull);
    spmat_init(&C2, V.nfull);
    ck_assert_int_eq(model_constraint_rows(&C1, &V, alg, nalg, disc, ndisc, err), 0);
    ck_assert_int_eq(model_layer_rows(&C2, &V, alg, nalg, disc, ndisc, err), 0);
    ck_assert_int_eq(C1.r, C2.r);
    ck_assert_int_eq(C1.nnz, C2.nnz);
    fmpq_mat_t N1, N2;
    fmpq_mat_init(N1, 0, 0);
    fmpq_mat_init(N2, 0, 0);
    ck_assert_int_eq(spmat_nullspace(N1, &C1), 0);
    ck_assert_int_eq(spmat_nullspace(N2, &C2), 0);
    ck_assert_int_gt(fmpq_mat_ncols(N1), 0);
    ck_assert(fmpq_mat_equal(N1, N2));
    fmpq_mat_clear(N1);
    fmpq_mat_clear(N2);
    spmat_clear(&C1);
    spmat_clear(&C2);
    model_space_clear(&V);
}

START_TEST(test_layer_rows_sparse)
{
    char err[ALG_ERR_LEN] = "";
    MatAlgebra g, gl;
    MatRep r[6];
    DiscreteGens G;
    ck_assert_int_eq(algebra_init_so(&g, 3, err), 0);
    ck_assert_int_eq(discrete_init_orthogonal(&G, 3, err), 0);
    ck_assert_int_eq(rep_init_std(r + 0, &g, err), 0);
    ck_assert_int_eq(rep_init_tensor(r + 1, r + 0, r + 0, err), 0);
    ck_assert_int_eq(rep_init_adjoint(r + 2, &g, err), 0);
    ck_assert_int_eq(rep_init_sum(r + 3, r + 0, r + 2, err), 0);
    check_layer_rows_agree(r + 1, r + 3, g.basis, g.dim, G.gens, G.count);
    check_layer_rows_agree(r + 3, r + 1, g.basis, 2, NULL, 0);
    ck_assert_int_eq(algebra_init_gl(&gl, 2, err), 0);
    ck_assert_int_eq(rep_init_std(r + 4, &gl, err), 0);
    ck_assert_int_eq(rep_init_sym(r + 5, r + 4, 2, err), 0);
    fmpq_mat_t h;
    fmpq_mat_init(h, 2, 2);
    fmpq_set_si(fmpq_mat_entry(h, 0, 0), 2, 1);
    fmpq_set_si(fmpq_mat_entry(h, 0, 1), 1, 1);
    fmpq_set_si(fmpq_mat_entry(h, 1, 1), 1, 1);
    check_layer_rows_agree(r + 5, r + 5, gl.basis, 1, h, 1);
    fmpq_mat_clear(h);
    for (int i = 0; i < 6; i++)
        rep_clear(r + i);
    discrete_clear(&G);
    algebra_clear(&g);
    algebra_clear(&gl);
}
END_TEST

/* Number of set partitions of k positions into at most n blocks: the sum
   of Stirling numbers S(k, m), m <= n (the Bell number when n >= k); with
   alt, those with m >= n - 1 blocks count twice (A(n) splits their
   orbits in two). */
static slong partitions_at_most_alt(slong k, slong n, int alt)
{
    slong S[16][16] = {{0}}, tot = 0;
    S[0][0] = 1;
    for (slong i = 1; i <= k; i++)
        for (slong m = 1; m <= i; m++)
            S[i][m] = m * S[i - 1][m] + S[i - 1][m - 1];
    for (slong m = 0; m <= k && m <= n; m++)
        tot += S[k][m] * (alt && m >= n - 1 ? 2 : 1);
    return tot;
}

/* rep = std^k (trivial(1) for k = 0); with dual, the last factor is dual(std)
   and k >= 2 is built as hom(std, std^(k-1)). */
static void tensor_power(MatRep *r, const MatAlgebra *g, slong k, int dual)
{
    char err[ALG_ERR_LEN] = "";
    MatRep s, t, u;
    if (k == 0) {
        ck_assert_int_eq(rep_init_trivial(r, g, 1, err), 0);
        return;
    }
    ck_assert_int_eq(rep_init_std(&s, g, err), 0);
    ck_assert_int_eq(rep_init_std(&t, g, err), 0);
    for (slong i = 1; i < k - (dual ? 1 : 0); i++) {
        ck_assert_int_eq(rep_init_tensor(&u, &t, &s, err), 0);
        rep_clear(&t);
        t = u;
    }
    if (dual && k >= 2)
        ck_assert_int_eq(rep_init_hom(r, &s, &t, err), 0);
    else if (dual)
        ck_assert_int_eq(rep_init_dual(r, &t, err), 0);
    else {
        *r = t;
        rep_init(&t);
    }
    rep_clear(&s);
    rep_clear(&t);
}

/* S(n) on layers std^p -> std^q (+ bias): the closed-form orbit basis is
   taken (orbit set), has the partition count, satisfies the defining
   equations ρ_out(σ) W = W ρ_in(σ), ρ_out(σ) b = b on every tuple for each
   generator σ, and is IDENTICAL to the general exact solver's canonical
   basis of the same constraint rows. */
static void check_orbit_case_alt(slong n, slong p, slong q, int bias, int dual, int alt)
{
    char err[MODEL_ERR_LEN] = "";
    MatAlgebra g;
    MatRep rin, rout;
    DiscreteGens G;
    ModelSpace V, E;
    ck_assert_int_eq(algebra_init_basis(&g, NULL, 0, n, 0, 1, "0", err), 0);
    ck_assert_int_eq(
        alt ? discrete_init_alternating(&G, n, err) : discrete_init_symmetric(&G, n, err), 0);
    tensor_power(&rin, &g, p, dual);
    tensor_power(&rout, &g, q, 0);
    ck_assert_int_eq(model_space_init_layers(&V, &rin, &rout, bias, err), 0);
    ck_assert_int_eq(model_space_enforce(&E, &V, NULL, 0, G.gens, G.count, err), 0);
    ck_assert_msg(E.orbit != NULL, "S(%ld) p %ld q %ld: no orbit basis", (long)n, (long)p, (long)q);
    ck_assert_int_eq(E.orbit->alt, alt);
    ck_assert_int_eq(E.dim, partitions_at_most_alt(p + q, n, alt) +
                                (bias ? partitions_at_most_alt(q, n, alt) : 0));
    /* the defining equations, tuple by tuple */
    slong *perm = malloc((n + 1) * sizeof(slong)), k = p + q, nw = V.dout * V.din;
    for (slong t = 0; t < G.count; t++) {
        for (slong i = 0; i < n; i++)
            for (slong r = 0; r < n; r++)
                if (fmpq_is_one(fmpq_mat_entry(G.gens + t, r, i)))
                    perm[i] = r;
        for (slong x = 0; x < V.nfull; x++) {
            slong kk = x < nw ? k : q, y = x < nw ? x : x - nw, z = 0, w = 1;
            for (slong d = 0; d < kk; d++, y /= n, w *= n)
                z += perm[y % n] * w;
            if (x >= nw)
                z += nw;
            ck_assert_int_eq(model_orbit_class(&E, z), model_orbit_class(&E, x));
        }
    }
    free(perm);
    for (slong j = 0; j < E.dim; j++) {
        ck_assert_int_eq(model_orbit_class(&E, model_orbit_first_index(&E, j)), j);
        if (j)
            ck_assert(model_orbit_first_index(&E, j) > model_orbit_first_index(&E, j - 1));
    }
    /* the general route on the same rows */
    SpMat C;
    spmat_init(&C, V.nfull);
    ck_assert_int_eq(model_constraint_rows(&C, &V, NULL, 0, G.gens, G.count, err), 0);
    fmpq_mat_t N, B;
    fmpq_mat_init(N, 0, 0);
    fmpq_mat_init(B, 0, 0);
    ck_assert_int_eq(spmat_nullspace(N, &C), 0);
    ck_assert_int_eq(model_space_get_basis(B, &E), 0);
    ck_assert_msg(fmpq_mat_equal(N, B), "S(%ld) p %ld q %ld bias %d: bases differ", (long)n,
                  (long)p, (long)q, bias);
    /* coordinates and combination round-trip */
    fmpq *c = _fmpq_vec_init(E.dim + 1), *f = _fmpq_vec_init(V.nfull + 1),
         *c2 = _fmpq_vec_init(E.dim + 1);
    for (slong j = 0; j < E.dim; j++)
        fmpq_set_si(c + j, j * j - 3, j + 1);
    model_space_combine(f, &E, c);
    ck_assert_int_eq(model_space_coords(c2, &E, f), 0);
    for (slong j = 0; j < E.dim; j++)
        ck_assert(fmpq_equal(c + j, c2 + j));
    if (n >= 2 && k >= 1) {
        /* the last W tuple (n-1, ..., n-1) is in the orbit of (0, ..., 0)
           but not its first tuple: f is not constant on orbits any more */
        fmpq_add_si(f + nw - 1, f + nw - 1, 1);
        ck_assert_int_eq(model_space_coords(c2, &E, f), QMAT_E_NO_SOLUTION);
    }
    _fmpq_vec_clear(c, E.dim + 1);
    _fmpq_vec_clear(c2, E.dim + 1);
    _fmpq_vec_clear(f, V.nfull + 1);
    fmpq_mat_clear(N);
    fmpq_mat_clear(B);
    spmat_clear(&C);
    model_space_clear(&E);
    model_space_clear(&V);
    rep_clear(&rin);
    rep_clear(&rout);
    discrete_clear(&G);
    algebra_clear(&g);
}

static void check_orbit_case(slong n, slong p, slong q, int bias, int dual)
{
    check_orbit_case_alt(n, p, q, bias, dual, 0);
}

START_TEST(test_orbit_basis)
{
    check_orbit_case(5, 2, 3, 0, 0); /* T(5) of S(5): B(5) = 52 */
    check_orbit_case(3, 2, 2, 1, 0); /* n < k: 14 + 2 */
    check_orbit_case(2, 2, 2, 0, 0); /* partitions of 4 into <= 2 blocks: 8 */
    check_orbit_case(4, 1, 2, 1, 1); /* dual */
    check_orbit_case(4, 3, 1, 1, 1); /* hom(std, std^2) */
    check_orbit_case(1, 1, 1, 1, 0); /* S(1) */
    check_orbit_case(3, 0, 3, 0, 0); /* invariants of T(3) */
    check_orbit_case(6, 2, 2, 1, 0); /* B(4) + B(2) */
    /* A(n): orbits of >= n - 1 distinct values split by parity */
    check_orbit_case_alt(5, 2, 3, 0, 0, 1); /* T(5) of A(5): 63 (EMLP's notebook) */
    check_orbit_case_alt(3, 1, 2, 1, 0, 1);
    check_orbit_case_alt(4, 2, 2, 1, 1, 1);
    check_orbit_case_alt(4, 0, 3, 0, 0, 1);
    check_orbit_case_alt(6, 2, 3, 1, 0, 1);
    check_orbit_case_alt(3, 3, 2, 0, 0, 1);
    /* not S(n) or A(n): Z(4) and D(4) take the general route */
    char err[MODEL_ERR_LEN] = "";
    MatAlgebra g;
    MatRep s, t;
    DiscreteGens G;
    ModelSpace V, E;
    ck_assert_int_eq(algebra_init_basis(&g, NULL, 0, 4, 0, 1, "0", err), 0);
    ck_assert_int_eq(rep_init_std(&s, &g, err), 0);
    ck_assert_int_eq(rep_init_tensor(&t, &s, &s, err), 0);
    ck_assert_int_eq(model_space_init_layers(&V, &t, &s, 0, err), 0);
    int (*other[2])(DiscreteGens *, slong, char *) = {discrete_init_cyclic, discrete_init_dihedral};
    for (int i = 0; i < 2; i++) {
        ck_assert_int_eq(other[i](&G, 4, err), 0);
        ck_assert_int_eq(model_space_enforce(&E, &V, NULL, 0, G.gens, G.count, err), 0);
        ck_assert(E.orbit == NULL);
        ck_assert_int_gt(E.dim, 5); /* more than S(4)'s B(3) = 5 */
        model_space_clear(&E);
        discrete_clear(&G);
    }
    /* A(4) from generators the recogniser cannot prove, (1 2)(3 4) and
       (1 2 3): the general route gives the closed form's basis */
    fmpq_mat_struct P[2];
    const slong perm1[4] = {1, 0, 3, 2}, perm2[4] = {1, 2, 0, 3};
    fmpq_mat_init(P + 0, 4, 4);
    fmpq_mat_init(P + 1, 4, 4);
    ck_assert_int_eq(discrete_perm_matrix(P + 0, perm1, 4, err), 0);
    ck_assert_int_eq(discrete_perm_matrix(P + 1, perm2, 4, err), 0);
    ModelSpace E2;
    ck_assert_int_eq(model_space_enforce(&E, &V, NULL, 0, P, 2, err), 0);
    ck_assert(E.orbit == NULL);
    ck_assert_int_eq(discrete_init_alternating(&G, 4, err), 0);
    ck_assert_int_eq(model_space_enforce(&E2, &V, NULL, 0, G.gens, G.count, err), 0);
    ck_assert(E2.orbit != NULL && E2.orbit->alt);
    fmpq_mat_t B1, B2;
    fmpq_mat_init(B1, 0, 0);
    fmpq_mat_init(B2, 0, 0);
    ck_assert_int_eq(model_space_get_basis(B1, &E), 0);
    ck_assert_int_eq(model_space_get_basis(B2, &E2), 0);
    ck_assert(fmpq_mat_equal(B1, B2));
    fmpq_mat_clear(B1);
    fmpq_mat_clear(B2);
    fmpq_mat_clear(P + 0);
    fmpq_mat_clear(P + 1);
    model_space_clear(&E);
    model_space_clear(&E2);
    discrete_clear(&G);
    model_space_clear(&V);
    rep_clear(&s);
    rep_clear(&t);
    algebra_clear(&g);
}
END_TEST

/* Direct sums (trivial(k) + V + V (x) V ...): the closed form's basis
   satisfies rho_out(h) W = W rho_in(h), rho_out(h) b = b for every
   generator (dense matrices, element by element), has the expected
   dimension and is the general solver's canonical basis. */
static void check_orbit_sum(const MatRep *rin, const MatRep *rout, const DiscreteGens *G, int bias,
                            int alt, slong expect)
{
    char err[MODEL_ERR_LEN] = "";
    ModelSpace V, E;
    ck_assert_int_eq(model_space_init_layers(&V, rin, rout, bias, err), 0);
    ck_assert_int_eq(model_space_enforce(&E, &V, NULL, 0, G->gens, G->count, err), 0);
    ck_assert(E.orbit != NULL);
    ck_assert_int_eq(E.orbit->alt, alt);
    ck_assert_int_eq(E.dim, expect);
    fmpq_mat_t N, B, Ri, Ro, W, L, R;
    fmpq_mat_init(N, 0, 0);
    fmpq_mat_init(B, 0, 0);
    fmpq_mat_init(Ri, 0, 0);
    fmpq_mat_init(Ro, 0, 0);
    fmpq_mat_init(W, V.dout, V.din);
    fmpq_mat_init(L, V.dout, V.din);
    fmpq_mat_init(R, V.dout, V.din);
    ck_assert_int_eq(model_space_get_basis(B, &E), 0);
    for (slong t = 0; t < G->count; t++) {
        ck_assert_int_eq(rep_group_element(Ri, rin, G->gens + t, err), 0);
        ck_assert_int_eq(rep_group_element(Ro, rout, G->gens + t, err), 0);
        for (slong j = 0; j < E.dim; j++) {
            for (slong r = 0; r < V.dout; r++)
                for (slong c = 0; c < V.din; c++)
                    fmpq_set(fmpq_mat_entry(W, r, c), fmpq_mat_entry(B, r * V.din + c, j));
            fmpq_mat_mul(L, Ro, W);
            fmpq_mat_mul(R, W, Ri);
            ck_assert(fmpq_mat_equal(L, R));
            for (slong r = 0; bias && r < V.dout; r++) {
                fmpq_t s;
                fmpq_init(s);
                for (slong c = 0; c < V.dout; c++)
                    fmpq_addmul(s, fmpq_mat_entry(Ro, r, c),
                                fmpq_mat_entry(B, V.dout * V.din + c, j));
                ck_assert(fmpq_equal(s, fmpq_mat_entry(B, V.dout * V.din + r, j)));
                fmpq_clear(s);
            }
        }
    }
    SpMat C;
    spmat_init(&C, V.nfull);
    ck_assert_int_eq(model_constraint_rows(&C, &V, NULL, 0, G->gens, G->count, err), 0);
    ck_assert_int_eq(spmat_nullspace(N, &C), 0);
    ck_assert(fmpq_mat_equal(N, B));
    spmat_clear(&C);
    fmpq_mat_clear(N);
    fmpq_mat_clear(B);
    fmpq_mat_clear(Ri);
    fmpq_mat_clear(Ro);
    fmpq_mat_clear(W);
    fmpq_mat_clear(L);
    fmpq_mat_clear(R);
    model_space_clear(&E);
    model_space_clear(&V);
}

START_TEST(test_orbit_sums)
{
    char err[ALG_ERR_LEN] = "";
    for (int alt = 0; alt < 2; alt++) {
        MatAlgebra g;
        MatRep s, t2, tr, a, b, c, d, hm;
        DiscreteGens G;
        ck_assert_int_eq(algebra_init_basis(&g, NULL, 0, 4, 0, 1, "0", err), 0);
        ck_assert_int_eq(
            alt ? discrete_init_alternating(&G, 4, err) : discrete_init_symmetric(&G, 4, err), 0);
        ck_assert_int_eq(rep_init_std(&s, &g, err), 0);
        ck_assert_int_eq(rep_init_tensor(&t2, &s, &s, err), 0);
        ck_assert_int_eq(rep_init_trivial(&tr, &g, 2, err), 0);
        ck_assert_int_eq(rep_init_sum(&a, &tr, &s, err), 0); /* 2 V^0 + V */
        ck_assert_int_eq(rep_init_sum(&b, &a, &t2, err), 0); /* 2 V^0 + V + V^2 */
        ck_assert_int_eq(rep_init_dual(&c, &b, err), 0);     /* its dual */
        ck_assert_int_eq(rep_init_hom(&hm, &s, &s, err), 0);
        ck_assert_int_eq(rep_init_sum(&d, &hm, &s, err), 0); /* hom(V, V) + V */
        /* each block q x p: the partitions of q + p positions (A(4): those
           of 3 or 4 blocks twice); bias: of q, per out summand (counted by
           hand: 48 / 57, 33 / 42, 16 / 17) */
        check_orbit_sum(&b, &b, &G, 1, alt, alt ? 57 : 48);
        check_orbit_sum(&c, &d, &G, 0, alt, alt ? 42 : 33);
        check_orbit_sum(&d, &a, &G, 1, alt, alt ? 17 : 16);
        rep_clear(&s);
        rep_clear(&t2);
        rep_clear(&tr);
        rep_clear(&a);
        rep_clear(&b);
        rep_clear(&c);
        rep_clear(&d);
        rep_clear(&hm);
        discrete_clear(&G);
        algebra_clear(&g);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("symmetry");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_bundle_generators);
    tcase_add_test(tc, test_enforce_sections);
    tcase_add_test(tc, test_enforce_layers);
    tcase_add_test(tc, test_enforce_sparse_vs_dense);
    tcase_add_test(tc, test_enforce_blocks);
    tcase_add_test(tc, test_discover_kernel);
    tcase_add_test(tc, test_field_algebra);
    tcase_add_test(tc, test_kernels);
    tcase_add_test(tc, test_status);
    tcase_add_test(tc, test_layer_rows_sparse);
    tcase_add_test(tc, test_orbit_basis);
    tcase_add_test(tc, test_orbit_sums);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    flint_cleanup();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
