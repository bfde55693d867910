/* builtins_bundle.c — bundles (scalars, fields, forms, tensors, sections),
 * the Lie derivative lie(ξ, F), brackets of matrices and vector fields and
 * the group action act(h, F).  Glue only: the work is in
 * runtime/exact/section and runtime/symmetry/bundle.  The object kinds are defined in
 * builtins_lie.c (see builtins_lie.h). */
#include <stdlib.h>
#include <string.h>
#include "convert.h"
#include "builtins.h"
#include "builtins_lie.h"
#include "interp.h"
#include "print.h"
#include "exact/poly.h"
#include "exact/section.h"

/* ------------------------------------------------------------ sections */

/* The coordinate ring of a value (its own, else the session's). */
static PolyRing *value_ring(Call *c, const Value *v)
{
    PolyRing *R = v ? convert_ring_any(v) : NULL;
    return R ? R : c->I->ring;
}

/* Read F as a section: a polynomial or rational (k = 1, *shape 0), a column
   of polynomials (*shape 1) or a list of polynomials (*shape 2).
   Initialises *F over R on success. */
static Value *get_section(Call *c, Value **a, int i, PolyRing *R, PolyVec *F, int *shape)
{
    Value *v = a[i];
    long item;
    switch (convert_section(F, v, R, shape, &item)) {
    case CONVERT_OK:
        return NULL;
    case CONVERT_OTHER_RING:
        if (item)
            return arg_error(c, i, "item %ld is over other coordinates", item);
        return arg_error(c, i,
                         *shape ? "the polynomials are over other coordinates"
                                : "the polynomial is over other coordinates");
    case CONVERT_NOT_POLY:
        return arg_error(c, i, "item %ld is a %s, not a polynomial", item,
                         val_kind_name(v->u.list.items[item - 1]));
    }
    return arg_type_error(c, i, "a polynomial, a column of polynomials or a list of polynomials",
                          v);
}

static Value *section_value(const PolyVec *F, int shape)
{
    PolyRing *R = F->R;
    if (shape == 0) {
        Value *p = val_poly_new(R);
        fmpq_mpoly_set(p->u.poly.p, F->p, R->ctx);
        return p;
    }
    if (shape == 1) {
        Value *m = val_pmat_new(R, F->len, 1);
        for (slong j = 0; j < F->len; j++)
            fmpq_mpoly_set(m->u.pmat.e + j, F->p + j, R->ctx);
        return m;
    }
    Value *l = val_list_new(F->len);
    for (slong j = 0; j < F->len; j++) {
        Value *p = val_poly_new(R);
        fmpq_mpoly_set(p->u.poly.p, F->p + j, R->ctx);
        val_list_set(l, j, p);
    }
    return l;
}

static void ring_names(char *buf, size_t len, const PolyRing *R)
{
    size_t o = 0;
    buf[0] = '\0';
    for (slong i = 0; i < R->nvars && o + 4 < len; i++)
        o += snprintf(buf + o, len - o, "%s%s", i ? ", " : "", R->names[i]);
}

/* v = the velocity field of the matrix ξ on R (A x, or A x + b for an
   (n+1)x(n+1) matrix with zero last row). */
static Value *velocity(Call *c, int i, const fmpq_mat_t A, PolyRing *R, PolyVec *v)
{
    slong n = R->nvars, r = fmpq_mat_nrows(A), k = fmpq_mat_ncols(A);
    char names[256];
    if (r != k)
        return arg_error(c, i, "the matrix is %ldx%ld, not square", (long)r, (long)k);
    polyvec_init(v, n, R);
    int st = section_velocity(v, A);
    if (!st)
        return NULL;
    polyvec_clear(v);
    ring_names(names, sizeof names, R);
    if (st == SECTION_VELOCITY_NOT_AFFINE)
        return arg_error(c, i,
                         "the matrix is %ldx%ld but there are %ld coordinates (%s) "
                         "(and it is not affine: its last row is not zero)",
                         (long)r, (long)r, (long)n, names);
    return arg_error(c, i, "the matrix is %ldx%ld but there %s %ld coordinate%s (%s)", (long)r,
                     (long)r, n == 1 ? "is" : "are", (long)n, n == 1 ? "" : "s", names);
}

static Value *bi_lie(Call *c, Value **a)
{
    Value *xi = a[0], *E = a[2];
    if (E && val_is_obj(E, &kernel_bundle_type))
        return kernel_builtin_lie(c, a);
    if (E && val_is_obj(E, &fields_algebra_type))
        return fields_algebra_builtin_lie(c, a);
    if (E && !val_is_obj(E, &lie_bundle_type))
        return arg_type_error(c, 2, "a bundle (scalars(g), fields(g), forms(g), ...)", E);
    const LieBundle *B = lie_bundle_of(E);
    PolyRing *R = value_ring(c, a[1]);
    if (!R && a[1]->kind == VAL_RAT && !E && xi->kind == VAL_MAT)
        return val_rat_si(0); /* a constant function, before any coords */
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    int geometric = xi->kind != VAL_MAT;
    PolyVec F, v, X;
    int shape, xshape;
    Value *e;
    if (geometric) {
        if ((e = get_section(c, a, 0, R, &X, &xshape)))
            return e;
        if (X.len != R->nvars) {
            slong xl = X.len;
            polyvec_clear(&X);
            return arg_error(c, 0,
                             "a vector field has %ld components (one per coordinate), not "
                             "%ld",
                             (long)R->nvars, (long)xl);
        }
        polyvec_init(&v, R->nvars, R);
        for (slong j = 0; j < R->nvars; j++)
            fmpq_mpoly_neg(v.p + j, X.p + j, R->ctx);
        polyvec_clear(&X);
    } else if ((e = velocity(c, 0, xi->u.m, R, &v))) {
        return e;
    }
    if ((e = get_section(c, a, 1, R, &F, &shape))) {
        polyvec_clear(&v);
        return e;
    }
    int kind = B ? B->kind : (shape == 0 ? BUNDLE_SCALARS : BUNDLE_FIELDS);
    fmpq_mat_t D;
    fmpq_mat_init(D, 0, 0);
    if (!B && shape != 0 && F.len != R->nvars) {
        e = arg_error(c, 1,
                      "%ld components, but a vector field has %ld: give the bundle, "
                      "lie(xi, F, sections(g, r))",
                      (long)F.len, (long)R->nvars);
        goto done;
    }
    LieBundle plain;
    if (!B) {
        memset(&plain, 0, sizeof plain); /* plain scalars or vector fields */
        plain.kind = kind;
        plain.n = R->nvars;
        plain.k = F.len;
    } else {
        const MatAlgebra *g = B->alg;
        if (B->n != R->nvars) {
            e = arg_error(c, 2, "the bundle is over R^%ld but there are %ld coordinates",
                          (long)B->n, (long)R->nvars);
            goto done;
        }
        if (F.len != B->k) {
            e = arg_error(c, 1, "the section has %ld components but the fiber has dimension %ld",
                          (long)F.len, (long)B->k);
            goto done;
        }
        if (geometric && kind == BUNDLE_SECTIONS) {
            e = arg_error(c, 0,
                          "sections of a representation need an algebra element, not a "
                          "vector field");
            goto done;
        }
        if (!geometric) {
            /* xi must be in the bundle's algebra; for sections, D = dρ(xi) */
            int member = fmpq_mat_nrows(xi->u.m) == g->n && algebra_is_member(g, xi->u.m);
            char err[ALG_ERR_LEN] = "";
            if (!member || (kind == BUNDLE_SECTIONS && rep_image(D, B->rep, xi->u.m, err))) {
                e = arg_error(c, 0, "the matrix is not an element of %s", g->name);
                goto done;
            }
        }
    }
    {
        PolyVec out;
        PolyMat b;
        slong k = F.len;
        int hasb = kind != BUNDLE_SCALARS;
        char err[POLY_ERR_LEN] = "";
        polymat_init(&b, k, k, R);
        if (hasb && bundle_fiber(&b, B ? B : &plain, &v, D, err)) {
            e = call_error(c, "%s", err);
            polymat_clear(&b);
            goto done;
        }
        polyvec_init(&out, k, R);
        int st = section_lie(&out, hasb ? &b : NULL, &v, &F, err);
        e = st ? call_error(c, "%s", err) : section_value(&out, shape);
        polyvec_clear(&out);
        polymat_clear(&b);
    }
done:
    fmpq_mat_clear(D);
    polyvec_clear(&F);
    polyvec_clear(&v);
    return e;
}

static Value *bi_bracket(Call *c, Value **a)
{
    if (a[0]->kind == VAL_MAT && a[1]->kind == VAL_MAT) {
        char err[ALG_ERR_LEN] = "";
        Value *r = val_mat_new(0, 0);
        int st = algebra_bracket(r->u.m, a[0]->u.m, a[1]->u.m, err);
        if (st) {
            val_unref(r);
            return call_error(c,
                              "the bracket needs two square matrices of one size (%ldx%ld "
                              "and %ldx%ld)",
                              (long)fmpq_mat_nrows(a[0]->u.m), (long)fmpq_mat_ncols(a[0]->u.m),
                              (long)fmpq_mat_nrows(a[1]->u.m), (long)fmpq_mat_ncols(a[1]->u.m));
        }
        return r;
    }
    PolyRing *R = value_ring(c, a[0]->kind == VAL_MAT ? a[1] : a[0]);
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    PolyVec X, Y, out;
    int sx, sy;
    Value *e = get_section(c, a, 0, R, &X, &sx);
    if (e)
        return e;
    if ((e = get_section(c, a, 1, R, &Y, &sy))) {
        polyvec_clear(&X);
        return e;
    }
    if (sx == 0 || sy == 0 || X.len != R->nvars || Y.len != R->nvars) {
        e = call_error(c, "bracket needs two matrices or two vector fields with %ld components",
                       (long)R->nvars);
    } else {
        char err[POLY_ERR_LEN] = "";
        polyvec_init(&out, R->nvars, R);
        int st = section_bracket(&out, &X, &Y, err);
        e = st ? call_error(c, "%s", err) : section_value(&out, sy);
        polyvec_clear(&out);
    }
    polyvec_clear(&X);
    polyvec_clear(&Y);
    return e;
}

/* act(h, F, E): (h·F)(x) = T_h F(h^-1 x). */
static Value *bi_act(Call *c, Value **a)
{
    Value *E = a[2];
    if (a[0]->kind != VAL_MAT)
        return arg_type_error(c, 0, "an exact invertible matrix", a[0]);
    if (E && !val_is_obj(E, &lie_bundle_type))
        return arg_type_error(c, 2, "a bundle", E);
    PolyRing *R = value_ring(c, a[1]);
    if (!R && a[1]->kind == VAL_RAT && !E)
        return val_ref(a[1]); /* a constant function, before any coords */
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    const fmpq_mat_struct *h = a[0]->u.m;
    slong n = R->nvars;
    char names[256];
    if (fmpq_mat_nrows(h) != n || fmpq_mat_ncols(h) != n) {
        ring_names(names, sizeof names, R);
        return arg_error(c, 0, "the matrix is %ldx%ld but there %s %ld coordinate%s (%s)",
                         (long)fmpq_mat_nrows(h), (long)fmpq_mat_ncols(h), n == 1 ? "is" : "are",
                         (long)n, n == 1 ? "" : "s", names);
    }
    PolyVec F, out;
    int shape;
    Value *e = get_section(c, a, 1, R, &F, &shape);
    if (e)
        return e;
    const LieBundle *B = lie_bundle_of(E);
    int kind = B ? B->kind : (shape == 0 ? BUNDLE_SCALARS : BUNDLE_FIELDS);
    fmpq_mat_t T;
    fmpq_mat_init(T, F.len, F.len);
    fmpq_mat_one(T);
    if (B && F.len != B->k) {
        e = arg_error(c, 1, "the section has %ld components but the fiber has dimension %ld",
                      (long)F.len, (long)B->k);
    } else if (kind == BUNDLE_FIELDS || kind == BUNDLE_FORMS) {
        if (F.len != n)
            e = arg_error(c, 1, "%ld components, but a vector field has %ld: give the bundle",
                          (long)F.len, (long)n);
        else if (fmpq_mat_is_zero(h) || !fmpq_mat_inv(T, h))
            e = arg_error(c, 0, "the matrix is singular");
        else if (kind == BUNDLE_FIELDS)
            fmpq_mat_set(T, h);
        else
            fmpq_mat_transpose(T, T);
    } else if (kind == BUNDLE_TENSORS || kind == BUNDLE_SECTIONS) {
        char err[ALG_ERR_LEN] = "";
        int st = bundle_group_matrix(T, B, h, err);
        if (st)
            e = call_error(c, "%s", err[0] ? err : algebra_strerror(st));
    }
    if (!e) {
        char err[POLY_ERR_LEN] = "";
        polyvec_init(&out, F.len, R);
        int st = section_act(&out, h, T, &F, err);
        e = st ? call_error(c, "%s", err) : section_value(&out, shape);
        polyvec_clear(&out);
    }
    fmpq_mat_clear(T);
    polyvec_clear(&F);
    return e;
}

/* ------------------------------------------------------------ bundles */

static Value *bundle_make(Call *c, Value **a, int kind, slong p, slong q, Value *rep)
{
    const MatAlgebra *g = lie_owner_algebra(a[0]);
    if (!g)
        return arg_type_error(c, 0, "a Lie algebra or a group", a[0]);
    LieBundle B;
    char err[ALG_ERR_LEN] = "";
    int st = bundle_init(&B, kind, g, p, q, rep ? lie_rep(rep) : NULL, err);
    if (st == ALG_ERR_ARG || (st && kind == BUNDLE_SECTIONS))
        return arg_error(c, 1, "%s", err);
    if (st)
        return call_error(c, "%s", err);
    return lie_bundle_new(&lie_bundle_type, &B, a[0], rep, NULL, NULL);
}

static Value *bi_scalars(Call *c, Value **a)
{
    return bundle_make(c, a, BUNDLE_SCALARS, 0, 0, NULL);
}
static Value *bi_fields(Call *c, Value **a)
{
    return bundle_make(c, a, BUNDLE_FIELDS, 1, 0, NULL);
}
static Value *bi_forms(Call *c, Value **a)
{
    return bundle_make(c, a, BUNDLE_FORMS, 0, 1, NULL);
}

static Value *bi_tensors(Call *c, Value **a)
{
    long p, q;
    Value *e = arg_long(c, a, 1, 0, 9, &p);
    if (e || (e = arg_long(c, a, 2, 0, 9, &q)))
        return e;
    return bundle_make(c, a, BUNDLE_TENSORS, p, q, NULL);
}

static Value *bi_sections(Call *c, Value **a)
{
    if (!lie_rep(a[1]))
        return arg_type_error(c, 1, "a representation", a[1]);
    return bundle_make(c, a, BUNDLE_SECTIONS, 0, 0, a[1]);
}

#define BUN "Lie derivatives"
const Builtin builtins_bundle[] = {
    {"bracket", "a, b", bi_bracket, BUN,
     "[a, b] = a b - b a for matrices; for vector fields (columns of polynomials) the geometric "
     "bracket DY X - DX Y.",
     "bracket([0, 1; 0, 0], [0, 0; 1, 0])", "[1, 0; 0, -1]"},
    {"lie", "xi, F, E = nil", bi_lie, BUN,
     "The Lie derivative lie(xi, F) = b F - DF v of a function or vector field (or a section of "
     "the bundle E) along the matrix xi (v = xi x, or A x + b for an affine matrix).  With a "
     "vector field X instead of a matrix: the geometric derivative L_X F.  The two differ "
     "in sign: lie(so(2)[1], x^3*y) = -x^4 + 3*x^2*y^2 but lie([-y; x], x^3*y) = x^4 - "
     "3*x^2*y^2, because xi moves functions by the group, (exp(t xi) F)(x) = F(exp(-t xi) x), "
     "whose derivative is -DF v, while L_X F = DF X; that sign makes xi -> lie(xi, .) a Lie "
     "algebra homomorphism (ranks and symmetries do not depend on it).",
     "coords x, y; [lie(so(2)[1], x^3*y), lie([-y; x], x^3*y)]",
     "[-x^4 + 3*x^2*y^2, x^4 - 3*x^2*y^2]"},
    {"act", "h, F, E = nil", bi_act, BUN,
     "The group element h acting on a function or vector field (or section of E): "
     "(h F)(x) = T_h F(h^-1 x).",
     "act(eye(1), 2)", "2"},
    {"scalars", "G", bi_scalars, BUN, "The bundle of scalar functions over the algebra's space.",
     "dim(scalars(so(3)))", "1"},
    {"fields", "G", bi_fields, BUN, "The tangent bundle (vector fields).", "dim(fields(so(3)))",
     "3"},
    {"forms", "G", bi_forms, BUN, "The cotangent bundle (1-forms).", "dim(forms(so(3)))", "3"},
    {"tensors", "G, p, q", bi_tensors, BUN, "Tensor fields with p upper and q lower indices.",
     "dim(tensors(so(2), 1, 1))", "4"},
    {"sections", "G, r", bi_sections, BUN, "Sections with fiber the representation r.",
     "dim(sections(so(3), adjoint(so(3))))", "3"},

    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
