/* builtins_rep.c — representations (std, trivial, adjoint, dual, sym, wedge,
 * hom, rep), groups (group, O, SO, S, A, Z, D) and equivariant linear maps.
 * Glue only: the work is in runtime/lie and runtime/exact/nullspace.  The
 * object kinds are defined in builtins_lie.c (see builtins_lie.h). */
#include <stdlib.h>
#include <string.h>
#include "builtins.h"
#include "builtins_lie.h"
#include "symmetry/model.h"
#include "interp.h"
#include "exact/spmat.h"
#include "exact/nullspace.h"

/* The algebra (borrowed) of argument i, an algebra or a group. */
static Value *want_owner(Call *c, Value **a, int i, const MatAlgebra **g)
{
    *g = a[i] ? lie_owner_algebra(a[i]) : NULL;
    return *g ? NULL : arg_type_error(c, i, "a Lie algebra or a group", a[i]);
}

static Value *want_rep(Call *c, Value **a, int i, const LieRep **R)
{
    if (!a[i] || !val_is_obj(a[i], &lie_rep_type))
        return arg_type_error(c, i, "a representation", a[i]);
    *R = a[i]->u.obj.data;
    return NULL;
}

static Value *rep_result(Call *c, LieRep *R, int st, const char *err, Value *owner)
{
    Value *cands[1] = {owner};
    if (st) {
        rep_clear(&R->r);
        free(R);
        return lie_alg_fail(c, st, err);
    }
    return lie_rep_value(R, cands, 1);
}

/* A result built from reps A and B (either may be NULL). */
static Value *rep_result2(Call *c, LieRep *R, int st, const char *err, const LieRep *A,
                          const LieRep *B)
{
    Value *cands[4] = {A->owner, B ? B->owner : NULL, A->group, B ? B->group : NULL};
    if (st) {
        rep_clear(&R->r);
        free(R);
        return lie_alg_fail(c, st, err);
    }
    return lie_rep_value(R, cands, 4);
}

static Value *bi_std(Call *c, Value **a)
{
    const MatAlgebra *g;
    Value *e = want_owner(c, a, 0, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    return rep_result(c, R, rep_init_std(&R->r, g, err), err, a[0]);
}

static Value *bi_trivial(Call *c, Value **a)
{
    const MatAlgebra *g;
    long k = 1;
    Value *e = want_owner(c, a, 0, &g);
    if (e || (a[1] && (e = arg_long(c, a, 1, 1, REP_MAX_DIM, &k))))
        return e;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    return rep_result(c, R, rep_init_trivial(&R->r, g, k, err), err, a[0]);
}

static Value *bi_adjoint(Call *c, Value **a)
{
    const MatAlgebra *g;
    Value *e = want_owner(c, a, 0, &g);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    return rep_result(c, R, rep_init_adjoint(&R->r, g, err), err, a[0]);
}

static Value *bi_dual(Call *c, Value **a)
{
    const LieRep *A = NULL;
    Value *e = want_rep(c, a, 0, &A);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    return rep_result2(c, R, rep_init_dual(&R->r, &A->r, err), err, A, NULL);
}

static Value *power(Call *c, Value **a, int wedge)
{
    const LieRep *A = NULL;
    long k;
    Value *e = want_rep(c, a, 0, &A);
    if (e || (e = arg_long(c, a, 1, 1, wedge ? (long)A->r.dim : REP_MAX_DIM, &k)))
        return e;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    int st = wedge ? rep_init_wedge(&R->r, &A->r, k, err) : rep_init_sym(&R->r, &A->r, k, err);
    return rep_result2(c, R, st, err, A, NULL);
}

static Value *bi_sym(Call *c, Value **a)
{
    return power(c, a, 0);
}
static Value *bi_wedge(Call *c, Value **a)
{
    return power(c, a, 1);
}

static Value *bi_hom(Call *c, Value **a)
{
    const LieRep *A = NULL, *B = NULL;
    Value *e = want_rep(c, a, 0, &A);
    if (e || (e = want_rep(c, a, 1, &B)))
        return e;
    char err[ALG_ERR_LEN] = "";
    LieRep *R = malloc(sizeof *R);
    return rep_result2(c, R, rep_init_hom(&R->r, &A->r, &B->r, err), err, A, B);
}

static Value *bi_rep(Call *c, Value **a)
{
    const MatAlgebra *g;
    Value *e = want_owner(c, a, 0, &g);
    if (e)
        return e;
    fmpq_mat_struct *m;
    slong count, d;
    if ((e = lie_get_mats(c, a, 1, &m, &count, &d, 0)))
        return e;
    if (count != g->dim) {
        flint_free(m);
        return arg_error(c, 1, "%s has dimension %ld: give one matrix per basis element, not %ld",
                         g->name, (long)g->dim, (long)count);
    }
    char err[ALG_ERR_LEN] = "";
    slong bi = 0, bj = 0;
    LieRep *R = malloc(sizeof *R);
    int st = rep_init_user(&R->r, g, m, count, "rep", &bi, &bj, err);
    flint_free(m);
    if (st == ALG_ERR_NOT_HOM) {
        rep_clear(&R->r);
        free(R);
        return arg_error(c, 1,
                         "not a representation: rho([b%ld, b%ld]) != [rho(b%ld), rho(b%ld)] "
                         "(items %ld and %ld)",
                         (long)bi, (long)bj, (long)bi, (long)bj, (long)bi, (long)bj);
    }
    return rep_result(c, R, st, err, a[0]);
}

static Value *bi_equivariant(Call *c, Value **a)
{
    const LieRep *A = NULL, *B = NULL;
    Value *e = want_rep(c, a, 0, &A);
    if (e || (e = want_rep(c, a, 1, &B)))
        return e;
    const MatAlgebra *g = A->r.alg;
    const DiscreteGens *G = NULL;
    if (a[2]) {
        if (!(G = lie_group_gens(a[2])) && !val_is_obj(a[2], &lie_algebra_type))
            return arg_type_error(c, 2, "a group", a[2]);
    } else {
        G = lie_group_gens(B->group);
        if (!G)
            G = lie_group_gens(A->group);
    }
    int same = B->r.alg == g || (B->r.alg->n == g->n && B->r.alg->dim == g->dim);
    for (slong i = 0; same && B->r.alg != g && i < g->dim; i++)
        same = fmpq_mat_equal(B->r.alg->basis + i, g->basis + i);
    if (!same)
        return call_error(c, "the representations are of different algebras (%s and %s)", g->name,
                          B->r.alg->name);
    slong din = A->r.dim, dout = B->r.dim;
    if (din > REP_MAX_ENTRIES / dout)
        return call_error(c,
                          "too many unknowns (%ld x %ld): equivariant() returns dense matrices, "
                          "at most %ld entries (the size limit); use dim(enforce(layers(...)))",
                          (long)dout, (long)din, (long)REP_MAX_ENTRIES);
    if (G && G->count && G->n != g->n && !(g->affine && G->n + 1 == g->n))
        return arg_error(c, 2, "the group's matrices are %ldx%ld but the algebra's are %ldx%ld",
                         (long)G->n, (long)G->n, (long)g->n, (long)g->n);
    /* the equivariant maps are the layers without bias that every element
       of g and every discrete generator leaves fixed: symmetry/model.c */
    ModelSpace V, S;
    char err[MODEL_ERR_LEN] = "";
    int st = model_space_init_layers(&V, &A->r, &B->r, 0, err);
    if (st) {
        model_space_clear(&V);
        return call_error(c, "%s", err);
    }
    st = model_space_enforce(&S, &V, g->basis, g->dim, G ? G->gens : NULL, G ? G->count : 0, err);
    model_space_clear(&V);
    fmpq_mat_t N;
    fmpq_mat_init(N, 0, 0);
    if (!st)
        st = model_space_get_basis(N, &S);
    model_space_clear(&S);
    if (st) {
        fmpq_mat_clear(N);
        return st == QMAT_E_INTERRUPTED ? val_error(&c->span, "interrupted")
                                        : call_error(c, "%s", err[0] ? err : qmat_strerror(st));
    }
    slong k = fmpq_mat_ncols(N);
    Value *l = val_list_new(k);
    for (slong j = 0; j < k; j++) {
        Value *W = val_mat_new(dout, din);
        for (slong r = 0; r < dout; r++)
            for (slong b = 0; b < din; b++)
                fmpq_set(fmpq_mat_entry(W->u.m, r, b), fmpq_mat_entry(N, r * din + b, j));
        val_list_set(l, j, W);
    }
    fmpq_mat_clear(N);
    return l;
}

/* ------------------------------------------------------------ groups */

/* A group value from an algebra value (reference taken) and generators
   (initialised; moved into the group). */
static Value *group_value(Value *alg, DiscreteGens *G)
{
    LieGroup *L = malloc(sizeof *L);
    L->alg = val_ref(alg);
    L->gens = *G;
    return val_obj(&lie_group_type, L);
}

/* action(r): the algebra (or group) of r acting on R^dim(r) through the
   matrices of r: the basis dρ(ξ_i), and for a group the discrete generators
   pushed through r.  A bundle over that algebra then has coordinates acted
   on by r instead of the defining representation. */
static Value *bi_action(Call *c, Value **a)
{
    const LieRep *R = NULL;
    Value *e = want_rep(c, a, 0, &R);
    if (e)
        return e;
    char err[ALG_ERR_LEN] = "";
    const MatRep *r = &R->r;
    if (!rep_is_dense(r))
        return arg_error(c, 0,
                         "the representation (dimension %ld) exceeds the size limit of dense "
                         "matrices (dimension %d)",
                         (long)r->dim, REP_MAX_DIM);
    MatAlgebra *g = malloc(sizeof *g);
    char name[48];
    snprintf(name, sizeof name, "action(%.36s)", r->name);
    int st = algebra_init_basis(g, r->images, r->alg->dim, r->dim, 0, 1, name, err);
    if (st) {
        algebra_clear(g);
        free(g);
        return lie_alg_fail(c, st, err);
    }
    Value *av = lie_alg_value(g);
    const DiscreteGens *D = R->group ? lie_group_gens(R->group) : NULL;
    if (!D || D->count == 0)
        return av;
    fmpq_mat_struct *h = flint_malloc(sizeof(fmpq_mat_struct) * (size_t)D->count);
    for (slong i = 0; i < D->count; i++)
        fmpq_mat_init(h + i, r->dim, r->dim);
    for (slong i = 0; i < D->count && !st; i++)
        st = rep_group_element(h + i, r, D->gens + i, err);
    DiscreteGens G;
    if (!st)
        st = discrete_init_user(&G, h, D->count, r->dim, name, err);
    for (slong i = 0; i < D->count; i++)
        fmpq_mat_clear(h + i);
    flint_free(h);
    if (st) {
        val_unref(av);
        return lie_alg_fail(c, st, err);
    }
    Value *gv = group_value(av, &G);
    val_unref(av);
    return gv;
}

static Value *bi_group(Call *c, Value **a)
{
    if (!a[0] || !val_is_obj(a[0], &lie_algebra_type))
        return arg_type_error(c, 0, "a Lie algebra", a[0]);
    const MatAlgebra *g = a[0]->u.obj.data;
    fmpq_mat_struct *m = NULL;
    slong count = 0, n = g->n;
    Value *e;
    if (a[1] && (e = lie_get_mats(c, a, 1, &m, &count, &n, 1)))
        return e;
    slong want = g->affine ? g->n - 1 : g->n;
    if (count && n != want && n != g->n) {
        flint_free(m);
        return arg_error(c, 1, "the generators are %ldx%ld but %s acts on R^%ld", (long)n, (long)n,
                         g->name, (long)want);
    }
    DiscreteGens G;
    char err[ALG_ERR_LEN] = "";
    int st = discrete_init_user(&G, m, count, count ? n : want < 1 ? 1 : want, "group", err);
    flint_free(m);
    if (st) {
        discrete_clear(&G);
        return arg_error(c, 1, "%s", err[0] ? err : algebra_strerror(st));
    }
    snprintf(G.name, sizeof G.name, "group(%.30s)", g->name);
    return group_value(a[0], &G);
}

static Value *make_group(Call *c, int (*alg)(MatAlgebra *, slong, char *), slong n,
                         int (*gens)(DiscreteGens *, slong, char *), const char *name)
{
    char err[ALG_ERR_LEN] = "";
    MatAlgebra *g = malloc(sizeof *g);
    int st = alg ? alg(g, n, err) : algebra_init_basis(g, NULL, 0, n, 0, 1, "0", err);
    if (st) {
        algebra_clear(g);
        free(g);
        return lie_alg_fail(c, st, err);
    }
    if (!alg)
        snprintf(g->name, sizeof g->name, "0 (%ldx%ld)", (long)n, (long)n);
    Value *av = lie_alg_value(g);
    DiscreteGens G;
    st = gens ? gens(&G, n, err) : (discrete_init(&G), G.n = n, ALG_OK);
    if (st) {
        discrete_clear(&G);
        val_unref(av);
        return lie_alg_fail(c, st, err);
    }
    snprintf(G.name, sizeof G.name, "%s(%ld)", name, (long)n);
    Value *r = group_value(av, &G);
    val_unref(av);
    return r;
}

/* O(p, q) or SO(p, q): so(p, q) plus reflections of the first time-like
   and the first space-like coordinate (O), or their product (SO); with
   det = 1 the product stays in SO(p, q) and reverses time. */
static Value *indefinite_group(Call *c, long p, long q, int special)
{
    char err[ALG_ERR_LEN] = "";
    long n = p + q;
    MatAlgebra *g = malloc(sizeof *g);
    int st = algebra_init_so_pq(g, p, q, err);
    if (st) {
        algebra_clear(g);
        free(g);
        return lie_alg_fail(c, st, err);
    }
    Value *av = lie_alg_value(g);
    fmpq_mat_struct h[2];
    slong count = 0;
    for (int k = 0; k < 2; k++) {
        fmpq_mat_init(h + k, n, n);
        fmpq_mat_one(h + k);
    }
    if (special < 0) {
        count = 0; /* the connected component only */
    } else if (special) {
        fmpq_set_si(fmpq_mat_entry(h, 0, 0), -1, 1);
        fmpq_set_si(fmpq_mat_entry(h, p, p), -1, 1);
        count = 1;
    } else {
        fmpq_set_si(fmpq_mat_entry(h, 0, 0), -1, 1);
        fmpq_set_si(fmpq_mat_entry(h + 1, p, p), -1, 1);
        count = 2;
    }
    DiscreteGens G;
    char name[32];
    snprintf(name, sizeof name, "%s(%ld, %ld)", special < 0 ? "SO+" : special ? "SO" : "O", p, q);
    if (p == 1 && q == 3 && !special)
        st = discrete_init_lorentz(&G, err);
    else
        st = discrete_init_user(&G, h, count, n, name, err);
    for (int k = 0; k < 2; k++)
        fmpq_mat_clear(h + k);
    if (st) {
        discrete_clear(&G);
        val_unref(av);
        return lie_alg_fail(c, st, err);
    }
    snprintf(G.name, sizeof G.name, "%s", name);
    Value *r = group_value(av, &G);
    val_unref(av);
    return r;
}

static Value *orthogonal(Call *c, Value **a, int special)
{
    long n, q;
    Value *e = arg_long(c, a, 0, a[1] ? 0 : 1, ALG_MAX_N, &n);
    if (e)
        return e;
    if (a[1]) {
        if ((e = arg_long(c, a, 1, 0, ALG_MAX_N, &q)))
            return e;
        if (n < 1 || q < 1 || n + q > ALG_MAX_N)
            return call_error(c, "needs p >= 1 and q >= 1 with p + q <= %d", ALG_MAX_N);
        return indefinite_group(c, n, q, special);
    }
    return special ? make_group(c, algebra_init_so, n, NULL, "SO")
                   : make_group(c, algebra_init_so, n, discrete_init_orthogonal, "O");
}

static Value *bi_O(Call *c, Value **a)
{
    return orthogonal(c, a, 0);
}
static Value *bi_SO(Call *c, Value **a)
{
    return orthogonal(c, a, 1);
}

static Value *bi_lorentz(Call *c, Value **a)
{
    (void)a;
    return indefinite_group(c, 1, 3, -1);
}

static Value *finite_group(Call *c, Value **a, int (*gens)(DiscreteGens *, slong, char *),
                           const char *name, long lo)
{
    long n;
    Value *e = arg_long(c, a, 0, lo, DISCRETE_MAX_N, &n);
    return e ? e : make_group(c, NULL, n, gens, name);
}

static Value *bi_S(Call *c, Value **a)
{
    return finite_group(c, a, discrete_init_symmetric, "S", 1);
}
static Value *bi_A(Call *c, Value **a)
{
    return finite_group(c, a, discrete_init_alternating, "A", 1);
}
static Value *bi_Z(Call *c, Value **a)
{
    return finite_group(c, a, discrete_init_cyclic, "Z", 1);
}
static Value *bi_D(Call *c, Value **a)
{
    return finite_group(c, a, discrete_init_dihedral, "D", 3);
}

#define REP "representations"
const Builtin builtins_rep[] = {
    {"std", "g", bi_std, REP, "The standard (defining) representation of an algebra or group.",
     "dim(std(so(3)))", "3"},
    {"trivial", "g, k = 1", bi_trivial, REP, "k copies of the trivial representation.",
     "dim(trivial(so(3), 2))", "2"},
    {"adjoint", "g", bi_adjoint, REP, "The adjoint representation.", "dim(adjoint(sl(2)))", "3"},
    {"dual", "r", bi_dual, REP, "The dual representation (-A^T).", "dual(std(so(2)))[1]",
     "[0, -1; 1, 0]"},
    {"sym", "r, k", bi_sym, REP, "The k-th symmetric power.", "dim(sym(std(so(3)), 2))", "6"},
    {"wedge", "r, k", bi_wedge, REP, "The k-th exterior power.", "dim(wedge(std(so(3)), 2))", "3"},
    {"hom", "r, s", bi_hom, REP, "Linear maps from r to s (X -> B X - X A).",
     "dim(hom(std(so(3)), trivial(so(3))))", "3"},
    {"rep", "g, mats", bi_rep, REP,
     "A representation given by the images of the basis (the homomorphism property is "
     "checked).",
     "dim(rep(so(2), [[0, -2; 2, 0]]))", "2"},
    {"equivariant", "r_in, r_out, G = nil", bi_equivariant, REP,
     "A basis (canonical, exact) of the linear maps W with r_out(xi) W = W r_in(xi) for every "
     "basis element, and for each discrete generator of the group (of G, or of the "
     "representations' group).",
     "length(equivariant(std(so(3)) * std(so(3)), std(so(3))))", "1"},
    {"action", "r", bi_action, REP,
     "The algebra (or group) of the representation r acting on the coordinates "
     "R^dim(r) by the matrices of r, so that bundles and model spaces over it use r "
     "on the base: e.g. scalars(action(std(so(3)) * std(so(3)))) for functions of "
     "3x3 matrices.",
     "dim(action(sym(std(so(3)), 2)))", "3"},
    {"group", "g, gens = []", bi_group, REP,
     "The group generated by exp(g) and the given invertible matrices.",
     "dim(group(so(2), [[1, 0; 0, -1]]))", "1"},
    {"O", "n, q = nil", bi_O, REP,
     "The orthogonal group: so(n) plus the reflection diag(-1, 1, ...).  O(p, q): so(p, q) "
     "plus a time and a space reflection; O(1, 3) is the Lorentz group with parity "
     "diag(1, -1, -1, -1) and time reversal diag(-1, 1, 1, 1).",
     "dim(O(3))", "3"},
    {"SO", "n, q = nil", bi_SO, REP,
     "The rotation group SO(n) (connected: so(n) only).  SO(p, q): so(p, q) plus the "
     "product of a time and a space reflection (determinant 1).",
     "dim(SO(3))", "3"},
    {"lorentz", "", bi_lorentz, REP,
     "SO+(1, 3), the proper orthochronous Lorentz group: so(1, 3) without discrete "
     "generators.",
     "dim(lorentz())", "6"},
    {"S", "n", bi_S, REP, "The symmetric group permuting n coordinates.", "dim(S(3))", "0"},
    {"A", "n", bi_A, REP, "The alternating group on n coordinates.", "dim(A(4))", "0"},
    {"Z", "n", bi_Z, REP, "The cyclic group shifting n coordinates.", "dim(Z(4))", "0"},
    {"D", "n", bi_D, REP, "The dihedral group of the n-gon on its n vertices.", "dim(D(4))", "0"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
