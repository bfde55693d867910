/* builtins_discover.c — discover(): symmetries of a function, a vector field,
 * a section, exact points, float points or a float model: the generators xi
 * with lie(xi, F) = b_xi F - DF v_xi = 0 (Otto et al., arXiv 2311.00212,
 * "Discovering symmetry"); float decisions by the rank rule of
 * numeric/rankgap.h.  Glue only: the work is in runtime/symmetry/discover.c.
 *
 * Routes, chosen by the arguments:
 *   discover(F, g [, E])      F a polynomial / column / list, g an algebra:
 *                             exact sym(F) in g, a "subalgebra" value;
 *   discover(F, E)            the same with g the bundle's algebra;
 *   discover(F, d = k)        candidates: all vector fields of degree <= k;
 *   discover(P, g, d = k)     P an exact matrix of points (rows);
 *   discover(X, g, k = …, dim = …, tol = …)  X float points: local PCA;
 *   discover(c, V, g, tol = …)  c float coefficients of the model Σ c_b V[b]. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "convert.h"
#include "builtins_nn.h"
#include "builtins.h"
#include "builtins_lie.h"
#include "symmetry/discover.h"
#include "interp.h"
#include "builtins_model.h"
#include "print.h"
#include "lie/algebra.h"
#include "numeric/dlinalg.h"
#include "numeric/rankgap.h"

/* ------------------------------------------------------------ the kind */

typedef struct Discovered {
    int fields; /* 1: a space of vector fields of degree <= d */
    slong d;
    char parent[48]; /* the candidate algebra's name */
    int closed;
    Value *basis;    /* list of matrices or of columns */
    Value *alg;      /* an algebra value (closed matrix case) or NULL */
    Value *brackets; /* fields: list of brackets leaving the space */
    Value *variety;  /* points: list of vanishing polynomials, or NULL */
    slong npoints;
} Discovered;

static void disc_free(void *p)
{
    Discovered *D = p;
    val_unref(D->basis);
    val_unref(D->alg);
    val_unref(D->brackets);
    val_unref(D->variety);
    free(D);
}

static void disc_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const Discovered *D = v->u.obj.data;
    long dim = D->basis->u.list.n;
    if (D->fields)
        sb_printf(sb, "subspace of vector fields of degree <= %ld of dimension %ld, %s", (long)D->d,
                  dim, D->closed ? "closed under the bracket" : "not closed under the bracket");
    else
        sb_printf(sb, "subalgebra of %s of dimension %ld%s", D->parent, dim,
                  D->closed ? "" : " (not closed under the bracket)");
    if (D->variety) {
        sb_puts(sb, "\n  tangent to the zero set of ");
        for (long i = 0; i < D->variety->u.list.n; i++) {
            if (i)
                sb_puts(sb, ", ");
            print_value(sb, D->variety->u.list.items[i], fmt);
        }
        sb_printf(sb, " (%ld points, degree <= %ld)", (long)D->npoints, (long)D->d);
    }
    for (long i = 0; i < dim; i++) {
        sb_puts(sb, "\n  ");
        print_value(sb, D->basis->u.list.items[i], fmt);
    }
    if (D->brackets && D->brackets->u.list.n) {
        sb_puts(sb, "\n  brackets leaving it:");
        for (long i = 0; i < D->brackets->u.list.n; i++) {
            sb_puts(sb, "\n  ");
            print_value(sb, D->brackets->u.list.items[i], fmt);
        }
    }
}

static Value *disc_index(const Value *v, long i)
{
    const Discovered *D = v->u.obj.data;
    if (i < 1 || i > D->basis->u.list.n)
        return val_error(NULL, "index %ld is out of range: the dimension is %ld", i,
                         D->basis->u.list.n);
    return val_ref(D->basis->u.list.items[i - 1]);
}

static Value *disc_field(const Value *v, const char *name)
{
    const Discovered *D = v->u.obj.data;
    if (!strcmp(name, "basis"))
        return val_ref(D->basis);
    if (!strcmp(name, "dim"))
        return val_rat_si(D->basis->u.list.n);
    if (!strcmp(name, "closed"))
        return val_bool(D->closed);
    if (!strcmp(name, "algebra"))
        return D->alg ? val_ref(D->alg) : val_nil();
    if (!strcmp(name, "brackets"))
        return D->brackets ? val_ref(D->brackets) : val_list_new(0);
    if (!strcmp(name, "variety"))
        return D->variety ? val_ref(D->variety) : val_nil();
    return NULL;
}

static long disc_length(const Value *v)
{
    return ((const Discovered *)v->u.obj.data)->basis->u.list.n;
}

const ObjType discover_type = {"subalgebra", disc_free,   disc_print, disc_index,
                               disc_field,   disc_length, NULL};

/* ------------------------------------------------------------ helpers */

static PolyRing *ring_of(Call *c, const Value *v)
{
    PolyRing *R = v ? convert_ring_any(v) : NULL;
    return R || (v && v->kind == VAL_LIST) ? R : c->I->ring;
}

/* F as a section over R: *shape 0 polynomial, 1 column, 2 list. */
static Value *get_section(Call *c, int i, const Value *v, PolyRing *R, PolyVec *F, int *shape)
{
    long item;
    switch (convert_section(F, v, R, shape, &item)) {
    case CONVERT_OK:
        return NULL;
    case CONVERT_OTHER_RING:
    case CONVERT_NOT_POLY:
        if (item)
            return arg_error(c, i, "item %ld is not a polynomial in these coordinates", item);
        return arg_error(c, i,
                         *shape ? "the polynomials are over other coordinates"
                                : "the polynomial is over other coordinates");
    }
    return arg_type_error(c, i, "a polynomial, a column of polynomials or a list of polynomials",
                          v);
}

static Value *poly_value(const fmpq_mpoly_t p, PolyRing *R)
{
    Value *v = val_poly_new(R);
    fmpq_mpoly_set(v->u.poly.p, p, R->ctx);
    return v;
}

static Value *column_value(const PolyVec *F)
{
    Value *m = val_pmat_new(F->R, F->len, 1);
    for (slong j = 0; j < F->len; j++)
        fmpq_mpoly_set(m->u.pmat.e + j, F->p + j, F->R->ctx);
    return m;
}

static Value *fail(Call *c, const char *err)
{
    return call_error(c, "%s", err[0] ? err : "discovery failed");
}

static void coord_names(char *buf, size_t len, const PolyRing *R)
{
    size_t o = 0;
    buf[0] = '\0';
    for (slong i = 0; i < R->nvars && o + 4 < len; i++)
        o += snprintf(buf + o, len - o, "%s%s", i ? ", " : "", R->names[i]);
}

/* The algebra acts on R^n with n the number of coordinates of R. */
static Value *check_size(Call *c, int i, const MatAlgebra *g, const PolyRing *R)
{
    slong n = g->affine ? g->n - 1 : g->n;
    char names[200];
    if (n == R->nvars)
        return NULL;
    coord_names(names, sizeof names, R);
    return arg_error(c, i,
                     "the candidate algebra %s acts on R^%ld but there %s %ld "
                     "coordinate%s (%s)",
                     g->name, (long)n, R->nvars == 1 ? "is" : "are", (long)R->nvars,
                     R->nvars == 1 ? "" : "s", names);
}

static Value *get_double(Call *c, int i, Value *v, double *out, int neg)
{
    if (v->kind == VAL_RAT)
        *out = fmpq_get_d(v->u.q);
    else if (v->kind == VAL_REAL)
        *out = mpfr_get_d(v->u.r, MPFR_RNDN);
    else
        return arg_type_error(c, i, "a number", v);
    if (!isfinite(*out) || (!neg && *out < 0))
        return arg_error(c, i, "must be a finite number%s", neg ? "" : " >= 0");
    return NULL;
}

/* The matrices Σ_j N[j][t] ξ_j, canonical, as a list; closure; the algebra. */
static Value *matrix_result(Call *c, const MatAlgebra *g, const fmpq_mat_t N, Value *variety,
                            slong d, slong npoints)
{
    slong q = g->dim, r = fmpq_mat_ncols(N), n = g->n;
    fmpq_mat_t V, M, T, S;
    fmpq_mat_init(V, r, n * n);
    fmpq_mat_init(M, 0, 0);
    fmpq_mat_init(T, n, n);
    fmpq_mat_init(S, n, n);
    fmpq *co = _fmpq_vec_init(q + 1);
    for (slong t = 0; t < r; t++) {
        for (slong j = 0; j < q; j++)
            fmpq_set(co + j, fmpq_mat_entry(N, j, t));
        algebra_element(S, g, co);
        algebra_flatten(fmpq_mat_entry(V, t, 0), S);
    }
    _fmpq_vec_clear(co, q + 1);
    discover_canonical_rows(M, V);
    slong dim = fmpq_mat_nrows(M);
    Discovered *D = calloc(1, sizeof *D);
    snprintf(D->parent, sizeof D->parent, "%s", g->name);
    D->basis = val_list_new(dim);
    fmpq_mat_struct *mats = flint_malloc(sizeof(fmpq_mat_struct) * (size_t)(dim + 1));
    for (slong t = 0; t < dim; t++) {
        fmpq_mat_init(mats + t, n, n);
        algebra_unflatten(mats + t, fmpq_mat_entry(M, t, 0));
        val_list_set(D->basis, t, val_mat(mats + t));
    }
    discover_mat_closure(&D->closed, NULL, NULL, NULL, M, n);
    if (D->closed) {
        MatAlgebra *h = malloc(sizeof *h);
        char name[48], err[ALG_ERR_LEN] = "";
        snprintf(name, sizeof name, "sym in %.40s", g->name);
        if (algebra_init_basis(h, mats, dim, n, g->affine, 1, name, err) == ALG_OK) {
            D->alg = lie_alg_value(h);
        } else {
            algebra_clear(h);
            free(h);
        }
    }
    for (slong t = 0; t < dim; t++)
        fmpq_mat_clear(mats + t);
    flint_free(mats);
    D->variety = variety;
    D->d = d;
    D->npoints = npoints;
    fmpq_mat_clear(V);
    fmpq_mat_clear(M);
    fmpq_mat_clear(T);
    fmpq_mat_clear(S);
    return val_obj(&discover_type, D);
}

/* Velocities of the basis of g; *v flint_malloc'ed (clear each). */
static Value *velocities(Call *c, PolyVec **v, const MatAlgebra *g, PolyRing *R)
{
    char err[DISCOVER_ERR_LEN] = "";
    *v = flint_malloc(sizeof(PolyVec) * (size_t)(g->dim + 1));
    for (slong i = 0; i < g->dim; i++)
        if (discover_velocity(*v + i, g->basis + i, R, err)) {
            for (slong j = 0; j < i; j++)
                polyvec_clear(*v + j);
            flint_free(*v);
            return fail(c, err);
        }
    return NULL;
}

static void free_vecs(PolyVec *v, slong q)
{
    for (slong i = 0; i < q; i++)
        polyvec_clear(v + i);
    flint_free(v);
}

/* ------------------------------------------------------------ exact F */

static Value *discover_section(Call *c, Value **a)
{
    Value *Ev = NULL, *e = NULL;
    const MatAlgebra *g = NULL;
    long d = -1;
    PolyRing *R = ring_of(c, a[0]);
    if (!R || R->nvars == 0)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    int gi = a[1] && !val_is_obj(a[1], &lie_bundle_type); /* a[1] is the candidate algebra */
    if (a[1] && !gi) {
        if (a[2])
            return arg_error(c, 2, "the bundle is given twice (as argument 2 and as E)");
        Ev = a[1];
    } else if (a[2]) {
        if (!val_is_obj(a[2], &lie_bundle_type))
            return arg_type_error(c, 2, "a bundle (scalars(g), fields(g), ...)", a[2]);
        Ev = a[2];
    }
    if (gi && !(g = lie_owner_algebra(a[1])))
        return arg_type_error(c, 1, "a Lie algebra, a group or a bundle", a[1]);
    if (a[3]) {
        /* all vector fields of degree <= d: the fiber rule comes from the field
           itself (scalars, fields, forms, tensors), never from g */
        if (gi)
            return arg_error(c, 3,
                             "d = k searches all vector fields of degree <= k, not the "
                             "elements of %s: use discover(F, %s) for those, or discover(F, d "
                             "= k) / discover(F, E, d = k) with the bundle E of F",
                             g->name, g->name);
        if (Ev && lie_bundle_of(Ev)->kind == BUNDLE_SECTIONS)
            return arg_error(c, Ev == a[1] ? 1 : 2,
                             "d = k needs a bundle on which any vector "
                             "field acts (scalars, fields, forms, tensors); sections(g, r) is "
                             "acted on through g's representation only: use discover(F, g, E)");
        if (Ev && lie_bundle_of(Ev)->kind == BUNDLE_KERNELS)
            return arg_error(c, Ev == a[1] ? 1 : 2, "d = k is not supported for kernel bundles");
        if ((e = arg_long(c, a, 3, 0, DISCOVER_MAX_DEGREE, &d)))
            return e;
        if (Ev && lie_bundle_of(Ev)->n != R->nvars)
            return arg_error(c, Ev == a[1] ? 1 : 2,
                             "the bundle is over R^%ld but there are %ld "
                             "coordinates",
                             (long)lie_bundle_of(Ev)->n, (long)R->nvars);
    } else if (Ev) {
        g = lie_bundle_of(Ev)->alg;
    } else if (!g) {
        return call_error(c, "give the candidates: an algebra (gl(2)), a bundle, or d = k for "
                             "vector fields of degree <= k");
    }
    const LieBundle *B = lie_bundle_of(Ev);
    int Ei = Ev == a[1] ? 1 : 2;
    if (g && (e = check_size(c, 1, g, R)))
        return e;
    PolyVec F;
    int shape = 0;
    if ((e = get_section(c, 0, a[0], R, &F, &shape)))
        return e;
    LieBundle fib; /* the fiber rule: B's, or plain scalars / vector fields */
    memset(&fib, 0, sizeof fib);
    fib.kind = shape == 0 ? BUNDLE_SCALARS : BUNDLE_FIELDS;
    fib.n = R->nvars;
    fib.k = F.len;
    const MatRep *rep = NULL;
    if (B) {
        fib = *B;
        if (F.len != B->k)
            e = arg_error(c, 0,
                          "the section has %ld components but the fiber of the bundle has "
                          "dimension %ld",
                          (long)F.len, (long)B->k);
        if (!e && B->kind == BUNDLE_SECTIONS) {
            rep = B->rep;
            if (rep->alg->dim != g->dim || rep->alg->n != g->n)
                e = arg_error(c, Ei, "the bundle's representation is of another algebra");
            else if (!rep_is_dense(rep))
                e = arg_error(c, Ei,
                              "the bundle's representation (dimension %ld) exceeds the size "
                              "limit of dense matrices (dimension %d)",
                              (long)rep->dim, REP_MAX_DIM);
        }
    } else if (shape != 0 && F.len != R->nvars) {
        e = arg_error(c, 0, "%ld components, but a vector field has %ld: give the bundle",
                      (long)F.len, (long)R->nvars);
    }
    if (e) {
        polyvec_clear(&F);
        return e;
    }
    char err[DISCOVER_ERR_LEN] = "";
    PolyVec *v = NULL;
    slong q = 0;
    if (g) {
        if ((e = velocities(c, &v, g, R))) {
            polyvec_clear(&F);
            return e;
        }
        q = g->dim;
    } else if (discover_field_candidates(&v, &q, R, d, err)) {
        polyvec_clear(&F);
        return fail(c, err);
    }
    PolyVec *img = flint_malloc(sizeof(PolyVec) * (size_t)(q + 1));
    slong made = 0;
    int st = 0;
    for (; made < q && !st; made++) {
        polyvec_init(img + made, F.len, R);
        if (sym_interrupted) {
            st = DISCOVER_ERR_INTERRUPTED;
            snprintf(err, sizeof err, "interrupted");
            made++;
            break;
        }
        st = discover_lie(img + made, &fib, rep ? rep->images + made : NULL, v + made, &F, err);
    }
    fmpq_mat_t N;
    fmpq_mat_init(N, 0, 0);
    if (!st)
        st = discover_kernel(N, img, q, err);
    free_vecs(img, made);
    polyvec_clear(&F);
    if (st) {
        free_vecs(v, q);
        fmpq_mat_clear(N);
        return fail(c, err);
    }
    if (g) {
        e = matrix_result(c, g, N, NULL, 0, 0);
    } else {
        /* the kernel vectors are coefficient vectors of fields */
        fmpq_mat_t Nt, M;
        fmpq_mat_init(Nt, fmpq_mat_ncols(N), fmpq_mat_nrows(N));
        fmpq_mat_init(M, 0, 0);
        if (fmpq_mat_nrows(Nt) && fmpq_mat_ncols(Nt))
            fmpq_mat_transpose(Nt, N);
        discover_canonical_rows(M, Nt);
        slong dim = fmpq_mat_nrows(M), n = R->nvars;
        MonoBasis mb;
        monobasis_init(&mb, n, d, NULL);
        PolyVec *basis = flint_malloc(sizeof(PolyVec) * (size_t)(dim + 1));
        Discovered *D = calloc(1, sizeof *D);
        D->fields = 1;
        D->d = d;
        D->basis = val_list_new(dim);
        for (slong t = 0; t < dim; t++) {
            polyvec_init(basis + t, n, R);
            monobasis_poly_vec(basis[t].p, n, fmpq_mat_entry(M, t, 0), &mb, R, NULL);
            val_list_set(D->basis, t, column_value(basis + t));
        }
        enum { MAX_LEAVING = 6 };
        PolyVec out[MAX_LEAVING];
        slong nout = 0;
        st = discover_field_closure(&D->closed, out, &nout, MAX_LEAVING, basis, dim, d, err);
        D->brackets = val_list_new(nout);
        for (slong t = 0; t < nout; t++) {
            val_list_set(D->brackets, t, column_value(out + t));
            polyvec_clear(out + t);
        }
        free_vecs(basis, dim);
        monobasis_clear(&mb);
        fmpq_mat_clear(Nt);
        fmpq_mat_clear(M);
        e = val_obj(&discover_type, D);
        if (st) {
            val_unref(e);
            e = fail(c, err);
        }
    }
    free_vecs(v, q);
    fmpq_mat_clear(N);
    return e;
}

/* ------------------------------------------------------------ exact points */

static Value *discover_points(Call *c, Value **a)
{
    const fmpq_mat_struct *P = a[0]->u.m;
    PolyRing *R = c->I->ring;
    const MatAlgebra *g;
    long d;
    Value *e;
    if (!R || R->nvars == 0)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    if (!a[1] || !(g = lie_owner_algebra(a[1])))
        return a[1] ? arg_type_error(c, 1, "a Lie algebra or a group", a[1])
                    : call_error(c, "give the candidate algebra: discover(P, gl(2), d = 2)");
    if (!a[3])
        return call_error(c, "give the degree of the polynomials that cut out the points: "
                             "discover(P, g, d = 2) (a matrix of rows is read as points; write a "
                             "constant section as field(…) or give its bundle)");
    if ((e = arg_long(c, a, 3, 1, DISCOVER_MAX_DEGREE, &d)))
        return e;
    if (fmpq_mat_ncols(P) != R->nvars) {
        char names[200];
        coord_names(names, sizeof names, R);
        return arg_error(c, 0, "the points have %ld coordinates (columns) but there %s %ld (%s)%s",
                         (long)fmpq_mat_ncols(P), R->nvars == 1 ? "is" : "are", (long)R->nvars,
                         names,
                         fmpq_mat_ncols(P) == 1 ? "; a constant section "
                                                  "is written field(…)"
                                                : "");
    }
    if ((e = check_size(c, 1, g, R)))
        return e;
    char err[DISCOVER_ERR_LEN] = "";
    fmpq_mat_t H, N;
    fmpq_mat_init(H, 0, 0);
    fmpq_mat_init(N, 0, 0);
    if (discover_vanishing(H, P, d, err)) {
        fmpq_mat_clear(H);
        fmpq_mat_clear(N);
        return fail(c, err);
    }
    slong nh = fmpq_mat_nrows(H);
    MonoBasis mb;
    monobasis_init(&mb, R->nvars, d, NULL);
    fmpq_mpoly_struct *h = flint_malloc(sizeof(fmpq_mpoly_struct) * (size_t)(nh + 1));
    Value *variety = val_list_new(nh);
    for (slong j = 0; j < nh; j++) {
        fmpq_mpoly_init(h + j, R->ctx);
        monobasis_poly(h + j, fmpq_mat_entry(H, j, 0), &mb, R, NULL);
        val_list_set(variety, j, poly_value(h + j, R));
    }
    monobasis_clear(&mb);
    PolyVec *v = NULL;
    e = velocities(c, &v, g, R);
    if (!e) {
        if (discover_tangent_kernel(N, v, g->dim, h, nh, P, R, err))
            e = fail(c, err);
        else
            e = matrix_result(c, g, N, val_ref(variety), d, fmpq_mat_nrows(P));
        free_vecs(v, g->dim);
    }
    for (slong j = 0; j < nh; j++)
        fmpq_mpoly_clear(h + j, R->ctx);
    flint_free(h);
    val_unref(variety);
    fmpq_mat_clear(H);
    fmpq_mat_clear(N);
    return e;
}

/* ------------------------------------------------------------ float */

/* Σ_j w[j] B[j] as a float matrix value. */
static Value *combine(DMat *const *B, const double *w, slong q)
{
    DMat *A = dmat_zeros(B[0]->rows, B[0]->cols);
    if (!A)
        return val_error(NULL, "out of memory");
    for (slong j = 0; j < q; j++)
        for (size_t t = 0; t < dmat_size(A); t++)
            A->data[t] += w[j] * B[j]->data[t];
    for (size_t t = 0; t < dmat_size(A); t++)
        if (fabs(A->data[t]) < 1e-15)
            A->data[t] = 0; /* no -0 or 1e-17 noise in printed directions */
    return val_fmat(A);
}

static Value *str_value(const char *s)
{
    return val_str(s, strlen(s));
}

static Value *discover_float_points(Call *c, Value **a)
{
    const DMat *X = a[0]->u.fm;
    const MatAlgebra *g;
    long k = -1, mdim = 0;
    double tol = -1;
    Value *e;
    if (!a[1] || !(g = lie_owner_algebra(a[1])))
        return a[1] ? arg_type_error(c, 1, "a Lie algebra or a group", a[1])
                    : call_error(c, "give the candidate algebra: discover(X, gl(2))");
    if (g->dim == 0)
        return arg_error(c, 1, "the candidate algebra is zero");
    int n = X->cols, N = X->rows;
    if ((g->affine ? g->n - 1 : g->n) != n)
        return arg_error(c, 0, "the points have %d coordinates (columns) but %s acts on R^%ld", n,
                         g->name, (long)(g->affine ? g->n - 1 : g->n));
    if (a[3])
        return arg_error(c, 3, "d is for exact points; float points use k (neighbours) and dim");
    if (a[6] && (e = arg_long(c, a, 6, 2, 100000, &k)))
        return e;
    if (a[5] && (e = arg_long(c, a, 5, 1, 1000, &mdim)))
        return e;
    if (a[4] && (e = get_double(c, 4, a[4], &tol, 0)))
        return e;
    if (k < 0) {
        k = N - 1 < 10 ? N - 1 : 10;
        if (k < n - 1)
            k = n - 1;
    }
    char err[DISCOVER_ERR_LEN] = "";
    slong q = g->dim;
    DMat **B = calloc((size_t)q, sizeof *B), *Q = NULL, *lsv = NULL, *w = NULL, *V = NULL;
    int md = (int)mdim, st;
    double vscale = 0, nfloor = 0;
    st = discover_orthonormal(B, g->basis, q, err);
    if (!st)
        st = discover_tangent_form(&Q, &md, &lsv, &vscale, &nfloor, X, B, q, (int)k, err);
    if (!st && dlinalg_eigh(&w, &V, Q)) {
        st = 1;
        snprintf(err, sizeof err, "the eigenvalues of the quadratic form failed");
    }
    if (st) {
        e = fail(c, err);
    } else {
        /* singular values of the operator, descending (eigenvalues ascend) */
        double *s = malloc(sizeof(double) * (size_t)q);
        for (slong i = 0; i < q; i++)
            s[i] = sqrt(fmax(w->data[q - 1 - i], 0));
        /* The noise floor: a tangent direction still has a normal part of
           about theta_p |v(p)| at each point from the error of its estimated
           tangent space (discover_tangent_form), unless tol is given. */
        double floor = tol >= 0 ? tol : nfloor;
        RankGap rg;
        int full = md >= n;
        if (full) {
            rg.rank = (int)q;
            rg.nnull = 0;
            rg.threshold = 0;
            rg.gap = 0;
            rg.why = "the points fill an open set (no gap in the local singular values): "
                     "tangency decides nothing; give dim = ... for a tangent dimension";
        } else if (rankgap_decide(&rg, s, (int)q, vscale > 0 ? vscale : 1.0, floor, -1) < 0) {
            free(s);
            e = call_error(c, "the rank decision failed: %s", rg.why);
            goto done;
        }
        if (!full && tol < 0 && rg.nnull > 0 && rg.threshold == floor)
            rg.why = "the singular values below the data's noise floor (the normal part the "
                     "error of the local tangent spaces gives a tangent direction) are null";
        slong nsym = rg.nnull;
        Value *syms = val_list_new(nsym), *sv = val_list_new(q);
        for (slong t = 0; t < nsym; t++)
            val_list_set(syms, t, combine(B, V->data + (size_t)t * (size_t)q, q));
        for (slong t = 0; t < q; t++)
            val_list_set(sv, t, val_real_d(s[q - 1 - t]));
        /* the tangent dimension's decision, shown like the rank's */
        RankGap mg = {md, n - md, 0, 0, "given by dim"};
        if (mdim <= 0)
            rankgap_decide(&mg, lsv->data, n, 1.0, -1.0, DISCOVER_PCA_RATIO);
        e = val_record_new("symmetries", 13);
        val_record_set(e, 0, "values", convert_fmat_column(w->data, (int)q));
        val_record_set(e, 1, "symmetries", syms);
        val_record_set(e, 2, "dim", val_rat_si(nsym));
        val_record_set(e, 3, "gap", val_real_d(rg.gap));
        val_record_set(e, 4, "manifold_dim", val_rat_si(md));
        val_record_set(e, 5, "local_values", val_fmat(lsv));
        val_record_set(e, 6, "singular_values", sv);
        val_record_set(e, 7, "threshold", val_real_d(rg.threshold));
        val_record_set(e, 8, "noise", val_real_d(full ? 0 : tol >= 0 ? tol : floor));
        val_record_set(e, 9, "why",
                       str_value(nsym   ? rg.why
                                 : full ? rg.why
                                        : "no symmetry found: no singular value is below "
                                          "the noise floor and no gap reaches the minimum "
                                          "ratio"));
        val_record_set(e, 10, "rank", val_rat_si(rg.rank));
        val_record_set(e, 11, "manifold_gap", val_real_d(mg.gap));
        val_record_set(e, 12, "manifold_why", str_value(mg.why));
        lsv = NULL;
        free(s);
    }
done:
    for (slong i = 0; i < q; i++)
        dmat_free(B[i]);
    free(B);
    dmat_free(Q);
    dmat_free(lsv);
    dmat_free(w);
    dmat_free(V);
    return e;
}

/* discover(c, V, g, tol = …, box = …, measure = …): builtins_fit.c. */
static Value *discover_model(Call *c, Value **a)
{
    static const char *const unused[] = {"d", "tol", "dim", "k"};
    for (int i = 3; i <= 6; i++)
        if (i != 4 && a[i])
            return arg_error(c, i,
                             "%s is not used for a float model: discover(c, V, g, tol = …, "
                             "box = …, measure = …)",
                             unused[i - 3]);
    if (!a[2] || a[2]->kind == VAL_NIL)
        return call_error(c, "a float model needs its candidate algebra: discover(c, V, g) with "
                             "c the coordinates in the model space V");
    Value *b[7] = {a[0], a[1], a[2], NULL, a[4], a[7], a[8]};
    return fit_discover_model(c, b);
}

/* ------------------------------------------------------------ dispatch */

/* A group with discrete generators as candidates: discover finds Lie
   subalgebras only, so refuse rather than drop the discrete part. */
static Value *no_discrete(Call *c, Value **a, int i)
{
    const Value *v = a[i];
    if (v && val_is_obj(v, &lie_bundle_type))
        v = lie_bundle_value(v)->owner;
    const DiscreteGens *dg = v ? lie_group_gens(v) : NULL;
    if (!dg || dg->count == 0)
        return NULL;
    return arg_error(c, i,
                     "the candidate group has %ld discrete generator%s, and discover "
                     "finds the continuous symmetries (a subalgebra) only: pass its algebra, "
                     "and test a discrete element h with act(h, F) == F",
                     (long)dg->count, dg->count == 1 ? "" : "s");
}

/* Keywords a route does not use are refused, never ignored: the indices
   in `which` (F 0, g 1, E 2, d 3, tol 4, dim 5, k 6, box 7, measure 8). */
static Value *refuse(Call *c, Value **a, const char *which, const char *route)
{
    static const char *const names[] = {"F", "g", "E", "d", "tol", "dim", "k", "box", "measure"};
    for (const char *w = which; *w; w++) {
        int i = *w - '0';
        if (a[i])
            return arg_error(c, i, "%s is not used when discovering %s", names[i], route);
    }
    return NULL;
}

static Value *bi_discover(Call *c, Value **a)
{
    Value *e;
    if (nn_is_network(a[0])) {
        if (a[8])
            return arg_error(c, 8,
                             "a network's Lie derivative is measured on a box: "
                             "discover(net, G, box = b)");
        if (a[7] && a[2])
            return arg_error(c, 7, "the box is given twice (positionally and as box =)");
        Value *b[9];
        memcpy(b, a, sizeof b);
        if (a[7])
            b[2] = a[7], b[7] = NULL;
        return nn_builtin_discover(c, b);
    }
    if ((e = no_discrete(c, a, 1)) || (e = no_discrete(c, a, 2)))
        return e;
    int column = a[0]->kind == VAL_MAT && fmpq_mat_ncols(a[0]->u.m) == 1 &&
                 ((c->I->ring && c->I->ring->nvars != 1) ||
                  (a[1] && val_is_obj(a[1], &lie_bundle_type)) || a[2]);
    int model = a[1] && (a[1]->kind == VAL_LIST || model_space_of(a[1])) &&
                (a[0]->kind == VAL_FMAT || a[0]->kind == VAL_LIST);
    if (model)
        ; /* discover_model refuses d, dim, k */
    else if (a[0]->kind == VAL_FMAT)
        e = refuse(c, a, "278", "the symmetries of float points (they use g, k, dim, tol)");
    else if (a[0]->kind == VAL_MAT && !column)
        e = refuse(c, a, "245678", "the symmetries of exact points (they use g and d)");
    else
        e = refuse(c, a, "45678",
                   "the exact symmetries of a section (tol, dim, k, box and "
                   "measure are for float points and float models)");
    if (e)
        return e;
    if (a[1] && (a[1]->kind == VAL_LIST || model_space_of(a[1])) &&
        (a[0]->kind == VAL_FMAT || a[0]->kind == VAL_LIST))
        return discover_model(c, a);
    if (a[0]->kind == VAL_FMAT)
        return discover_float_points(c, a);
    /* An exact column is a constant section, as lie reads it (field(1, 0, 0)
       is the same), unless it is a set of points on a line: one coordinate
       and no bundle. */
    if (column)
        return discover_section(c, a);
    if (a[0]->kind == VAL_MAT)
        return discover_points(c, a);
    return discover_section(c, a);
}

const Builtin builtins_discover[] = {
    {"discover",
     "F, g = nil, E = nil, d = nil, tol = nil, dim = nil, k = nil, box = nil, measure = nil",
     bi_discover, "Lie derivatives",
     "Symmetries.  discover(F, g) or discover(F, g, E) / discover(F, E): the subalgebra of g "
     "leaving the function, vector field or section F fixed (exact; fields basis, dim, closed, "
     "algebra).  discover(F, d = k) or discover(F, E, d = k): the vector fields X of degree <= k "
     "with L_X F = 0 for the bundle E (scalars, fields, forms, tensors: Killing fields of a "
     "metric), whether they are closed under the bracket and the brackets that leave them.  "
     "discover(P, g, d = k) for an exact matrix of points (rows): the polynomials of degree <= "
     "k vanishing on them and the elements of g tangent to their zero set.  discover(X, g, k = "
     "10, dim = …, tol = …) for float points: local PCA tangent spaces (dimension from the "
     "local singular values; the full dimension when they show no gap) and the quadratic form "
     "Σ |(I - P) v|^2; record(values, symmetries, dim, gap, manifold_dim, local_values, "
     "singular_values, threshold, noise, why, rank, manifold_gap, manifold_why).  "
     "discover(c, V, g, tol = …, box = …, measure = …) for a float model (c the coordinates in a "
     "model space V, or the weights of "
     "a list of polynomials or field(…) columns): the operator ξ ↦ lie(ξ, F) measured like "
     "promote (orthonormal basis of g, L^2 of the uniform measure on box, default [-1, 1]^n, "
     "or of the points of measure); record(singular_values (ascending), directions, rank, gap, "
     "threshold, why, dim, symmetries, closure_residual).  Float ranks follow the rule of "
     "sym.1 (FLOAT DECISIONS): tol is an absolute noise floor; dim 0 means no symmetry found.  "
     "discover(net, G, box, tol = …) for a network: the singular values (descending) of its "
     "Lie derivative for G, the kept directions by the rank-gap rule, gap and closure.",
     "discover(fmat([1, 0; 3/5, 4/5; 0, 1; -4/5, 3/5; -1, 0; -3/5, -4/5; 0, -1; 4/5, -3/5]), "
     "so(2), k = 2).dim",
     "1"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
