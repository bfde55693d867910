/* builtins_kernel.c — kernel bundles and kernel model spaces (the integral
 * operators example of Otto et al., arXiv 2311.00212): polynomial integral kernels k(x, xp) of
 * operators (T u)(x) = ∫ k(x, xp) u(xp) dxp, steerable convolution kernels κ(z), sampling a kernel
 * on a pixel grid and a 2-D convolution of float matrices.
 *
 * Conventions (lie(xi, F) = b F − DF v with v the velocity field, the derivative
 * at t = 0 of (exp(t xi)·F)(x) = T F(exp(−t xi) x)):
 * an operator transforms by g·T = K_g ∘ T ∘ K_g⁻¹, so its kernel by
 *   (g·k)(x, y) = ρ_out(g) k(θ⁻¹x, θ⁻¹y) ρ_in(g)⁻¹ |det Dθ⁻¹(y)|,
 * and the Lie derivative is
 *   lie(ξ, k) = dρ_out(ξ) k − k dρ_in(ξ) − D_x k v(x) − D_y k v(y) − (div v)(y)
 * k. Translations give (∂_x + ∂_y) k = 0 (convolutions k = κ(x − y)); the
 * scaling v(x) = x gives x k_x + y k_y + k = 0.  The last term is the density
 * of the Lebesgue measure dy.  A kernel is a section over R^n x R^n with fiber
 * Hom(r_in, r_out) (dim r_out x dim r_in, stored row-major), i.e. a section
 * of a trivial bundle over the doubled coordinates with velocity (v(x), v(y))
 * and fiber generator dρ_out ⊗ I − I ⊗ dρ_inᵀ − tr(A) I (affine actions
 * only, so div v = tr A is constant), which the section machinery of
 * model.c handles as it is.  The rule itself is symmetry/bundle.c's; this
 * file is the binding.
 *
 * The kernel ring: the declared coordinates, then each name with the suffix
 * "p" (coords x, y gives x, y, xp, yp; more p's if a name is taken).  One
 * ring per coordinate declaration is cached in the session's KernelContext
 * (symmetry/kernel.h) so every kernels(...) of a session shares it.
 *
 * Steerable kernels κ(z) (steerable(G, d, r_in, r_out)) use the declared
 * coordinates as z = x − y: the velocity is the linear part A z (the
 * translation part cancels), the fiber generator as above, so
 *   κ(Rz) = ρ_out(R) κ(z) ρ_in(R)⁻¹ |det R|⁻¹.                              */
#include "convert.h"
#include "builtins.h"
#include "builtins_lie.h"
#include "exact/poly.h"
#include "exact/section.h"
#include "interp.h"
#include "builtins_model.h"
#include "numeric/dmat.h"
#include "symmetry/kernel.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Largest number of sample values (points times components). */
#define KERNEL_MAX_SAMPLES 4000000

/* ------------------------------------------------------------ the bundle */

static const char *rep_name(const Value *r)
{
    return r ? lie_rep(r)->name : "trivial";
}

static void kbundle_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    (void)fmt;
    const BundleValue *K = v->u.obj.data;
    if (K->b.twoarg)
        sb_printf(sb, "bundle of integral kernels k(x, xp) over R^%ld x R^%ld", (long)K->b.m,
                  (long)K->b.m);
    else
        sb_printf(sb, "bundle of steerable kernels k(z) over R^%ld", (long)K->b.m);
    sb_printf(sb, " with values Hom(%s, %s) (fiber dimension %ld), acted on by %s",
              rep_name(K->rin), rep_name(K->rep), (long)K->b.k, K->b.alg->name);
}

static long kbundle_length(const Value *v)
{
    return lie_bundle_of(v)->k;
}

static void kbundle_free(void *d)
{
    lie_bundle_type.free(d); /* the same data: BundleValue */
}

const ObjType kernel_bundle_type = {"kernel bundle", kbundle_free, kbundle_print, NULL, NULL,
                                    kbundle_length,  NULL};

static const BundleValue *kbundle_of(const Value *v)
{
    return v && val_is_obj(v, &kernel_bundle_type) ? v->u.obj.data : NULL;
}

/* A new kernel bundle value for the group or algebra a[0] and the optional
   representations a[i_in], a[i_out]; the ring is the kernel ring (twoarg)
   or the session ring. */
static Value *kbundle_make(Call *c, Value **a, int i_in, int i_out, int twoarg)
{
    const MatAlgebra *g = lie_owner_algebra(a[0]);
    if (!g)
        return arg_type_error(c, 0, "a Lie algebra or a group", a[0]);
    slong m = g->affine ? g->n - 1 : g->n;
    PolyRing *R = c->I->ring;
    if (!R)
        return call_error(c, "no coordinates: declare them first (coords x, y)");
    if (R->nvars != m)
        return arg_error(c, 0, "%s acts on R^%ld but there %s %ld coordinate%s", g->name, (long)m,
                         R->nvars == 1 ? "is" : "are", (long)R->nvars, R->nvars == 1 ? "" : "s");
    Value *rv[2] = {a[i_in], a[i_out]};
    for (int s = 0; s < 2; s++) {
        if (!rv[s])
            continue;
        const MatRep *r = lie_rep(rv[s]);
        if (!r)
            return arg_type_error(c, s ? i_out : i_in, "a representation", rv[s]);
        if (!bundle_rep_of(r, g))
            return arg_error(c, s ? i_out : i_in, "the representation is of %s, not of %s",
                             r->alg->name, g->name);
    }
    PolyRing *KR = twoarg ? kernel_ring(&c->I->kernels, R) : polyring_incref(R);
    if (!KR)
        return call_error(c, "out of memory");
    LieBundle B;
    char err[ALG_ERR_LEN] = "";
    Value *e;
    if (bundle_init_kernels(&B, g, rv[0] ? lie_rep(rv[0]) : NULL, rv[1] ? lie_rep(rv[1]) : NULL, KR,
                            twoarg, err))
        e = call_error(c, "%s", err);
    else
        e = lie_bundle_new(&kernel_bundle_type, &B, a[0], rv[1], rv[0], KR);
    polyring_decref(KR);
    return e;
}

/* The model space of all kernels of degree <= a[1] of the bundle E. */
static Value *kspace_make(Call *c, Value **a, Value *E)
{
    if (val_is_error(E))
        return E;
    long d;
    Value *e = arg_long(c, a, 1, 0, POLY_MAX_DEGREE, &d);
    if (e) {
        val_unref(E);
        return e;
    }
    const BundleValue *K = E->u.obj.data;
    char err[MODEL_ERR_LEN] = "";
    ModelSpace *V = malloc(sizeof *V);
    int st = model_space_init_polys(V, &K->b, K->ring, K->b.k, d, err);
    if (st) {
        val_unref(E);
        model_space_clear(V);
        free(V);
        return call_error(c, "%s", err);
    }
    Value *r = model_space_value(V, E, NULL, NULL);
    val_unref(E);
    return r;
}

/* kernels(G, d, r_in = trivial, r_out = trivial) */
static Value *bi_kernels(Call *c, Value **a)
{
    return kspace_make(c, a, kbundle_make(c, a, 2, 3, 1));
}

/* steerable(G, d, r_in = trivial, r_out = trivial) */
static Value *bi_steerable(Call *c, Value **a)
{
    return kspace_make(c, a, kbundle_make(c, a, 2, 3, 0));
}

/* kernel_bundle(G, r_in = trivial, r_out = trivial, steerable = false) */
static Value *bi_kernel_bundle(Call *c, Value **a)
{
    int two = 1;
    if (a[3]) {
        if (a[3]->kind != VAL_BOOL)
            return arg_type_error(c, 3, "true or false", a[3]);
        two = !a[3]->u.b;
    }
    return kbundle_make(c, a, 1, 2, two);
}

/* The kernel bundle of a[i]: a kernel bundle or a kernel model space. */
static const BundleValue *want_kbundle(Call *c, Value **a, int i, Value **e)
{
    *e = NULL;
    const BundleValue *K = kbundle_of(a[i]);
    const ModelSpace *V = model_space_of(a[i]);
    if (!K && V && V->kind == MODEL_SECTIONS)
        K = kbundle_of(model_space_bundle_value(a[i]));
    if (!K)
        *e = arg_type_error(c, i, "a kernel model space or kernel bundle", a[i]);
    return K;
}

/* kernel_coords(K): the variables of the kernel ring. */
static Value *bi_kernel_coords(Call *c, Value **a)
{
    Value *e;
    const BundleValue *K = want_kbundle(c, a, 0, &e);
    if (!K)
        return e;
    Value *l = val_list_new(K->ring->nvars);
    for (slong i = 0; i < K->ring->nvars; i++) {
        Value *p = val_poly_new(K->ring);
        poly_set_var(p->u.poly.p, i, K->ring, NULL);
        val_list_set(l, i, p);
    }
    return l;
}

/* Read a[i] as k polynomials over R: a polynomial, rational, column of
   polynomials or list of polynomials (*shape 0, 1, 2 as in lie). */
static Value *get_kernel(Call *c, Value **a, int i, PolyRing *R, PolyVec *F, int *shape)
{
    Value *v = a[i];
    long item;
    if (v->kind == VAL_LIST || v->kind == VAL_MAT) /* kernels: polynomials only */
        return arg_type_error(c, i, "a polynomial or a column of polynomials", v);
    switch (convert_section(F, v, R, shape, &item)) {
    case CONVERT_OK:
        return NULL;
    case CONVERT_OTHER_RING:
        return arg_error(c, i,
                         *shape ? "the polynomials are not over the kernel's coordinates"
                                : "the polynomial is not over the kernel's coordinates");
    }
    return arg_type_error(c, i, "a polynomial or a column of polynomials", v);
}

Value *kernel_builtin_lie(Call *c, Value **a)
{
    const BundleValue *K = kbundle_of(a[2]);
    if (!K)
        return arg_type_error(c, 2, "a kernel bundle", a[2]);
    if (a[0]->kind != VAL_MAT)
        return arg_type_error(c, 0, "an exact matrix (an element of the algebra)", a[0]);
    PolyVec F, v, out;
    PolyMat b;
    int shape;
    Value *e = get_kernel(c, a, 1, K->ring, &F, &shape);
    if (e)
        return e;
    if (F.len != K->b.k) {
        e = arg_error(c, 1, "the kernel has %ld components but the fiber has dimension %ld",
                      (long)F.len, (long)K->b.k);
        polyvec_clear(&F);
        return e;
    }
    polyvec_init(&v, K->b.n, K->ring);
    polymat_init(&b, K->b.k, K->b.k, K->ring);
    char err[ALG_ERR_LEN] = "";
    int st = bundle_generator(&v, &b, &K->b, a[0]->u.m, err);
    if (st) {
        e = arg_error(c, 0, "%s", err);
    } else {
        polyvec_init(&out, F.len, K->ring);
        st = section_lie(&out, &b, &v, &F, err);
        if (st) {
            e = call_error(c, "%s", err);
        } else if (shape == 0) {
            e = val_poly_new(K->ring);
            fmpq_mpoly_set(e->u.poly.p, out.p, K->ring->ctx);
        } else {
            e = val_pmat_new(K->ring, out.len, 1);
            for (slong j = 0; j < out.len; j++)
                fmpq_mpoly_set(e->u.pmat.e + j, out.p + j, K->ring->ctx);
        }
        polyvec_clear(&out);
    }
    polyvec_clear(&F);
    polyvec_clear(&v);
    polymat_clear(&b);
    return e;
}

/* ------------------------------------------------------------ sampling */

/* Collect the components of a[0]: polynomials (any ring R) or rationals. */
static Value *sample_components(Call *c, Value *v, const fmpq_mpoly_struct ***ps, fmpq **qs,
                                slong *k, PolyRing **R)
{
    *R = NULL;
    if (v->kind == VAL_POLY || v->kind == VAL_RAT) {
        *k = 1;
    } else if (v->kind == VAL_PMAT) {
        *k = v->u.pmat.rows * v->u.pmat.cols;
        *R = v->u.pmat.ring;
    } else if (v->kind == VAL_LIST && v->u.list.n > 0) {
        *k = v->u.list.n;
        for (long j = 0; j < v->u.list.n; j++) {
            Value *p = v->u.list.items[j];
            if (p->kind != VAL_POLY && p->kind != VAL_RAT)
                return arg_error(c, 0, "item %ld is a %s, not a polynomial", j + 1,
                                 val_kind_name(p));
            if (p->kind == VAL_POLY && *R && p->u.poly.ring != *R)
                return arg_error(c, 0, "item %ld is over other coordinates", j + 1);
            if (p->kind == VAL_POLY)
                *R = p->u.poly.ring;
        }
    } else {
        return arg_type_error(
            c, 0, "a polynomial kernel (a polynomial, a matrix or list of polynomials)", v);
    }
    if (v->kind == VAL_POLY)
        *R = v->u.poly.ring;
    *ps = calloc(*k + 1, sizeof(fmpq_mpoly_struct *));
    *qs = _fmpq_vec_init(*k + 1);
    for (slong j = 0; j < *k; j++) {
        Value *p = v->kind == VAL_LIST ? v->u.list.items[j] : v;
        if (v->kind == VAL_PMAT)
            (*ps)[j] = v->u.pmat.e + j;
        else if (p->kind == VAL_POLY)
            (*ps)[j] = p->u.poly.p;
        else
            fmpq_set(*qs + j, p->u.q);
    }
    return NULL;
}

/* sample_kernel(F, n, h = 1) */
static Value *bi_sample_kernel(Call *c, Value **a)
{
    long n;
    Value *e = arg_long(c, a, 1, 1, 10000, &n);
    if (e)
        return e;
    fmpq_t h;
    fmpq_init(h);
    fmpq_one(h);
    if (a[2]) {
        if (a[2]->kind == VAL_RAT) {
            fmpq_set(h, a[2]->u.q);
        } else if (a[2]->kind == VAL_REAL && mpfr_number_p(a[2]->u.r)) {
            mpq_t t; /* the float's exact value */
            mpq_init(t);
            mpq_set_d(t, mpfr_get_d(a[2]->u.r, MPFR_RNDN));
            fmpq_set_mpq(h, t);
            mpq_clear(t);
        } else {
            fmpq_clear(h);
            return arg_type_error(c, 2, "a number (the grid spacing)", a[2]);
        }
        if (fmpq_sgn(h) <= 0 || fmpz_bits(fmpq_numref(h)) > 2000 ||
            fmpz_bits(fmpq_denref(h)) > 2000) {
            fmpq_clear(h);
            return arg_error(c, 2, "the grid spacing must be positive (and not huge)");
        }
    }
    const fmpq_mpoly_struct **ps = NULL;
    fmpq *qs = NULL;
    slong k = 0;
    PolyRing *R;
    if ((e = sample_components(c, a[0], &ps, &qs, &k, &R))) {
        fmpq_clear(h);
        return e;
    }
    if (!R)
        R = c->I->ring;
    slong nv = R ? R->nvars : 0, m = kernel_ring_is(&c->I->kernels, R) ? nv / 2 : nv;
    if (m < 1 || m > 3) {
        e = R ? arg_error(c, 0, "kernels are sampled on R^1, R^2 or R^3, not R^%ld", (long)m)
              : call_error(c, "no coordinates: declare them first (coords x, y)");
    } else {
        slong pts = m == 1 ? n : m == 2 ? n * n : n * n * n;
        if (pts > KERNEL_MAX_SAMPLES / k)
            e = call_error(c, "too many samples (%ld points x %ld components)", (long)pts, (long)k);
    }
    if (e) {
        free(ps);
        _fmpq_vec_clear(qs, k + 1);
        fmpq_clear(h);
        return e;
    }
    /* grid coordinates c_i = (i - (n - 1)/2) h, exact */
    fmpq *grid = _fmpq_vec_init(n);
    for (long i = 0; i < n; i++) {
        fmpq_set_si(grid + i, 2 * i - (n - 1), 2);
        fmpq_mul(grid + i, grid + i, h);
    }
    fmpq *pt = _fmpq_vec_init(nv + 1);
    fmpq **ptp = malloc((nv + 1) * sizeof(fmpq *));
    for (slong i = 0; i < nv; i++)
        ptp[i] = pt + i;
    fmpq_t val;
    fmpq_init(val);
    long slices = m == 3 ? n : 1, rows = n, cols = m == 1 ? 1 : n;
    Value *comps = val_list_new(k);
    char err[POLY_ERR_LEN] = "";
    int st = 0;
    for (slong j = 0; j < k && !st; j++) {
        Value *sl = m == 3 ? val_list_new(slices) : NULL;
        for (long s = 0; s < slices && !st; s++) {
            DMat *D = dmat_zeros((int)rows, (int)cols);
            if (!D) {
                st = POLY_ERR_MEMORY;
                snprintf(err, sizeof err, "out of memory");
                break;
            }
            for (long r = 0; r < rows && !st; r++)
                for (long q = 0; q < cols && !st; q++) {
                    /* point: (r) / (r, q) / (s, r, q); kernel rings: second half 0 */
                    if (m == 1) {
                        fmpq_set(pt, grid + r);
                    } else if (m == 2) {
                        fmpq_set(pt, grid + r);
                        fmpq_set(pt + 1, grid + q);
                    } else {
                        fmpq_set(pt, grid + s);
                        fmpq_set(pt + 1, grid + r);
                        fmpq_set(pt + 2, grid + q);
                    }
                    if (ps[j])
                        st = poly_eval_fmpq(val, ps[j], ptp, R, err);
                    else
                        fmpq_set(val, qs + j);
                    DMAT_AT(D, r, q) = fmpq_get_d(val);
                }
            if (m == 3)
                val_list_set(sl, s, val_fmat(D));
            else
                sl = val_fmat(D);
        }
        val_list_set(comps, j, sl ? sl : val_nil());
    }
    if (st) {
        val_unref(comps);
        comps = call_error(c, "%s", err);
    } else if (k == 1) {
        Value *one = val_ref(comps->u.list.items[0]);
        val_unref(comps);
        comps = one;
    }
    fmpq_clear(val);
    free(ptp);
    _fmpq_vec_clear(pt, nv + 1);
    _fmpq_vec_clear(grid, n);
    free(ps);
    _fmpq_vec_clear(qs, k + 1);
    fmpq_clear(h);
    return comps;
}

/* ------------------------------------------------------------ convolution */

/* A new DMat copy of a float or exact matrix, or NULL. */
static DMat *as_dmat(const Value *v)
{
    if (v->kind == VAL_MAT &&
        (fmpq_mat_nrows(v->u.m) > 1000000 || fmpq_mat_ncols(v->u.m) > 1000000))
        return NULL;
    return convert_dmat(v);
}

/* convolve(image, kernel, mode = "same") */
static Value *bi_convolve(Call *c, Value **a)
{
    int mode = 0; /* 0 same, 1 valid, 2 full */
    if (a[2]) {
        const char *s = a[2]->kind == VAL_STR ? a[2]->u.str.s : NULL;
        if (s && !strcmp(s, "same"))
            mode = 0;
        else if (s && !strcmp(s, "valid"))
            mode = 1;
        else if (s && !strcmp(s, "full"))
            mode = 2;
        else
            return arg_error(c, 2, "the mode is \"same\", \"valid\" or \"full\"");
    }
    for (int i = 0; i < 2; i++)
        if (a[i]->kind != VAL_FMAT && a[i]->kind != VAL_MAT)
            return arg_type_error(c, i, "a float or exact matrix", a[i]);
    DMat *I = as_dmat(a[0]), *K = as_dmat(a[1]);
    if (!I || !K) {
        dmat_free(I);
        dmat_free(K);
        return call_error(c, "out of memory");
    }
    long M = I->rows, N = I->cols, kr = K->rows, kc = K->cols;
    long orow, ocol, offr, offc;
    if (mode == 0) {
        orow = M, ocol = N, offr = (kr - 1) / 2, offc = (kc - 1) / 2;
    } else if (mode == 1) {
        orow = M - kr + 1, ocol = N - kc + 1, offr = kr - 1, offc = kc - 1;
    } else {
        orow = M + kr - 1, ocol = N + kc - 1, offr = 0, offc = 0;
    }
    Value *e = NULL;
    if (kr == 0 || kc == 0 || M == 0 || N == 0)
        e = call_error(c, "empty image or kernel");
    else if (orow < 1 || ocol < 1)
        e = call_error(c,
                       "the kernel (%ldx%ld) is larger than the image (%ldx%ld) in mode \"valid\"",
                       kr, kc, M, N);
    else if ((double)orow * ocol * kr * kc > 4e9)
        e = call_error(c, "the convolution is too large");
    if (e) {
        dmat_free(I);
        dmat_free(K);
        return e;
    }
    DMat *O = dmat_zeros((int)orow, (int)ocol);
    if (!O) {
        dmat_free(I);
        dmat_free(K);
        return call_error(c, "out of memory");
    }
    /* full(i, j) = sum_{p, q} K(p, q) I(i - p, j - q); out(i, j) = full(i + offr,
     * j + offc) */
    for (long j = 0; j < ocol && !sym_interrupted; j++) /* Ctrl-C: call_builtin stops */
        for (long i = 0; i < orow; i++) {
            double s = 0;
            for (long q = 0; q < kc; q++) {
                long y = j + offc - q;
                if (y < 0 || y >= N)
                    continue;
                for (long p = 0; p < kr; p++) {
                    long x = i + offr - p;
                    if (x >= 0 && x < M)
                        s += DMAT_AT(K, p, q) * DMAT_AT(I, x, y);
                }
            }
            DMAT_AT(O, i, j) = s;
        }
    dmat_free(I);
    dmat_free(K);
    return val_fmat(O);
}

#define KER "kernels and convolutions"
const Builtin builtins_kernel[] = {
    {"kernels", "G, d, r_in = trivial, r_out = trivial", bi_kernels, KER,
     "The model space of polynomial integral kernels k(x, xp) of degree <= d (operators u -> "
     "integral of k(x, xp) u(xp) dxp), with values Hom(r_in, r_out) (dim r_out x dim r_in "
     "components, row-major).  The kernel coordinates are the declared ones followed by the same "
     "names with suffix p (coords x gives x, xp).  G acts on both arguments with the density of "
     "dxp: lie(xi, k) = drho_out k - k drho_in - D_x k v(x) - D_xp k v(xp) - div v k, so "
     "translations give convolutions k(x - xp).",
     "coords x; enforce(kernels(t(1), 2), t(1))",
     "model space of dimension 3 (6 before enforcing)\n  1\n  x - xp\n  x^2 - 2*x*xp + xp^2"},
    {"steerable", "G, d, r_in = trivial, r_out = trivial", bi_steerable, KER,
     "The model space of convolution kernels kappa(z) of degree <= d in the declared coordinates "
     "(z = x - xp) with values Hom(r_in, r_out); enforce(S, G) gives the steerable kernels kappa(R "
     "z) = rho_out(R) kappa(z) rho_in(R)^-1 (lie = drho_out kappa - kappa drho_in - D kappa A z - "
     "tr(A) kappa).",
     "coords x, y; dim(enforce(steerable(so(2), 2), so(2)))", "2"},
    {"kernel_bundle", "G, r_in = trivial, r_out = trivial, steerable = false", bi_kernel_bundle,
     KER,
     "The bundle of integral kernels k(x, xp) (or, with steerable = true, of kernels kappa(z)) "
     "with values Hom(r_in, r_out): for lie(xi, k, E).",
     "coords x; dim(kernel_bundle(t(1)))", "1"},
    {"kernel_coords", "K", bi_kernel_coords, KER,
     "The coordinates of a kernel space or bundle as polynomials (coords x: [x, xp]).",
     "coords x; kernel_coords(kernels(t(1), 1))", "[x, xp]"},
    {"sample_kernel", "F, n, h = 1", bi_sample_kernel, KER,
     "Samples the kernel F (a polynomial, or a matrix or list of polynomials: one float result per "
     "component) on the grid of n points per axis at (i - (n - 1)/2) h, i = 0..n-1: a float n x 1 "
     "column (R^1), an n x n matrix with entry (i, j) at (c_i, c_j) (R^2), or a list of n such "
     "slices (R^3).  A kernel k(x, xp) is sampled as k(z, 0).  Values are computed exactly and "
     "rounded once.",
     "coords x; sample_kernel(x^2, 3)", "[1; 0; 1]"},
    {"convolve", "image, kernel, mode = \"same\"", bi_convolve, KER,
     "The 2-D convolution out(i, j) = sum K(p, q) I(i - p, j - q) of float (or exact) matrices: "
     "mode \"same\" (the image's size, centred, zero padding), \"valid\" (only full overlaps) or "
     "\"full\".  No h^n quadrature weight is applied.",
     "convolve([1, 2; 3, 4], [0, 1;], \"full\")", "[0, 1, 2; 0, 3, 4]"},
    {"fields_algebra", "Xs", fields_algebra_builtin_new, "Lie algebras",
     "The Lie algebra spanned by polynomial vector fields (columns of polynomials; in 1-D plain "
     "polynomials), dependent ones dropped; an error names a bracket that leaves the span.  An "
     "element X acts by the velocity v = X (lie(X, F, A) = b F - DF X); the structure constants "
     "(A.structure) use [X, Y] = DX Y - DY X = -bracket(X, Y), which agrees with AB - BA for "
     "linear fields A x.",
     "coords x; dim(fields_algebra([1, x, x^2]))", "3"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
