/* model_orbit.c — S(n)-equivariant layers between tensor powers of the
 * permutation representation in closed form: the orbit basis of set
 * partitions (model_orbit.h), recognising the case, and the accessors of
 * an orbit space. */
#include <stdlib.h>
#include <string.h>
#include "symmetry/model_orbit.h"

void model_orbit_free(ModelOrbit *O)
{
    if (!O)
        return;
    free(O->rgs);
    free(O->orb);
    free(O->ent);
    free(O->first);
    free(O);
}

/* ------------------------------------------------------------ recognition */

/* Number of std(S(n)) factors of the tree, or -1 when it is not a tensor /
   hom / dual product of std and 1-dimensional trivial factors. */
static slong tree_positions(const RepNode *t)
{
    if (!t)
        return -1;
    switch (t->kind) {
    case REP_STD:
        return 1;
    case REP_TRIVIAL:
        return t->dim == 1 ? 0 : -1;
    case REP_DUAL:
        /* a permutation matrix P has (P^-1)^T = P: the dual acts alike */
        return tree_positions(t->a);
    case REP_TENSOR:
    case REP_HOM: {
        slong a = tree_positions(t->a), b = tree_positions(t->b);
        return a < 0 || b < 0 ? -1 : a + b;
    }
    default:
        return -1;
    }
}

/* n^k when it fits (and equals dim), else -1. */
static slong power_check(slong n, slong k, slong dim)
{
    slong r = 1;
    for (slong t = 0; t < k; t++) {
        if (r > dim / n)
            return -1;
        r *= n;
    }
    return r == dim ? r : -1;
}

/* perm[i] = image of i when P is an n x n permutation matrix (P e_i =
   e_perm[i]); 0 otherwise. */
static int perm_of(slong *perm, const fmpq_mat_t P, slong n)
{
    if (fmpq_mat_nrows(P) != n || fmpq_mat_ncols(P) != n)
        return 0;
    char *hit = calloc(n + 1, 1);
    int ok = 1;
    for (slong i = 0; ok && i < n; i++) {
        perm[i] = -1;
        for (slong r = 0; ok && r < n; r++) {
            const fmpq *x = fmpq_mat_entry(P, r, i);
            if (fmpq_is_zero(x))
                continue;
            if (!fmpq_is_one(x) || perm[i] >= 0 || hit[r])
                ok = 0;
            else {
                perm[i] = r;
                hit[r] = 1;
            }
        }
        if (perm[i] < 0)
            ok = 0;
    }
    free(hit);
    return ok;
}

static slong gcd_si(slong a, slong b)
{
    while (b) {
        slong t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* 1 when the permutations (all of {0..n-1}) generate S(n): a transposition
   (a b) and an n-cycle σ with b = σ^k(a), gcd(k, n) = 1 among them (then
   σ^k is an n-cycle taking a to b, and a transposition of two consecutive
   points of an n-cycle generates S(n) with it). */
static int generate_symmetric(slong *const *perms, slong m, slong n)
{
    if (n == 1)
        return 1;
    for (slong t = 0; t < m; t++) {
        slong moved = 0, a = -1, b = -1;
        for (slong i = 0; i < n; i++)
            if (perms[t][i] != i) {
                moved++;
                if (a < 0)
                    a = i;
                else
                    b = i;
            }
        if (moved != 2)
            continue;
        for (slong s = 0; s < m; s++) {
            slong len = 0, x = a, kb = -1;
            do {
                if (x == b)
                    kb = len;
                x = perms[s][x];
                len++;
            } while (x != a && len <= n);
            if (len == n && kb > 0 && gcd_si(kb, n) == 1)
                return 1;
        }
    }
    return 0;
}

/* Parity (0 even, 1 odd) of the permutation perm of {0..n-1}. */
static int perm_parity(const slong *perm, slong n)
{
    char *seen = calloc(n + 1, 1);
    slong cycles = 0;
    for (slong i = 0; i < n; i++)
        if (!seen[i]) {
            cycles++;
            for (slong x = i; !seen[x]; x = perm[x])
                seen[x] = 1;
        }
    free(seen);
    return (int)((n - cycles) & 1);
}

/* Length of the cycle of perm through a. */
static slong cycle_length(const slong *perm, slong a, slong n)
{
    slong len = 1;
    for (slong x = perm[a]; x != a && len <= n; x = perm[x])
        len++;
    return len;
}

/* 1 when the permutations (n >= 3) generate A(n): all even, and a 3-cycle
   τ = (a b c) with an n-cycle σ, σ(a) = b, σ(b) = c (n odd) or an
   (n-1)-cycle σ fixing a with σ(b) = c (n even) among them.  Relabelling
   a, b, c, ... as 1, 2, 3, ... along σ turns them into (1 2 3) and
   (1 2 ... n) / (2 3 ... n), which generate A(n). */
static int generate_alternating(slong *const *perms, slong m, slong n)
{
    if (n < 3)
        return 0;
    for (slong t = 0; t < m; t++)
        if (perm_parity(perms[t], n))
            return 0;
    for (slong t = 0; t < m; t++) {
        slong moved = 0;
        for (slong i = 0; i < n; i++)
            moved += perms[t][i] != i;
        if (moved != 3)
            continue;
        for (slong a = 0; a < n; a++) {
            if (perms[t][a] == a)
                continue;
            slong b = perms[t][a], c = perms[t][b];
            for (slong s = 0; s < m; s++) {
                const slong *sg = perms[s];
                if (n % 2 == 1 && cycle_length(sg, a, n) == n && sg[a] == b && sg[b] == c)
                    return 1;
                if (n % 2 == 0 && sg[a] == a && cycle_length(sg, b, n) == n - 1 && sg[b] == c)
                    return 1;
            }
        }
    }
    return 0;
}

/* 1 (S(n)) or 2 (A(n)) when (V, alg, disc) is the closed-form case, else
   0; *n, *q, *p its sizes. */
static int orbit_case(const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                      const fmpq_mat_struct *disc, slong ndisc, slong *n, slong *q, slong *p)
{
    if (V->kind != MODEL_LAYERS || !V->rin || !V->rout)
        return 0;
    const MatAlgebra *g = V->rin->alg;
    if (!g || g->dim != 0 || g->affine || V->rout->alg->dim != 0 || V->rout->alg->n != g->n)
        return 0;
    *n = g->n;
    for (slong i = 0; i < nalg; i++)
        if (fmpq_mat_nrows(alg + i) != *n || fmpq_mat_ncols(alg + i) != *n ||
            !fmpq_mat_is_zero(alg + i))
            return 0;
    *p = tree_positions(V->rin->tree);
    *q = tree_positions(V->rout->tree);
    if (*p < 0 || *q < 0 || *p + *q > MODEL_ORBIT_MAX_POS || power_check(*n, *p, V->din) < 0 ||
        power_check(*n, *q, V->dout) < 0)
        return 0;
    if (V->orbit && (V->orbit->n != *n || V->orbit->p != *p || V->orbit->q != *q))
        return 0;
    int want_alt = V->orbit ? V->orbit->alt : -1;
    slong **perms = malloc((ndisc + 1) * sizeof(slong *));
    int ok = 1;
    slong made = 0;
    for (; ok && made < ndisc; made++) {
        perms[made] = malloc((*n + 1) * sizeof(slong));
        ok = perm_of(perms[made], disc + made, *n);
    }
    int kind = 0;
    if (ok)
        kind = generate_symmetric(perms, ndisc, *n)     ? 1
               : generate_alternating(perms, ndisc, *n) ? 2
                                                        : 0;
    for (slong t = 0; t < made; t++)
        free(perms[t]);
    free(perms);
    if (kind && want_alt >= 0 && want_alt != (kind == 2))
        return 0;
    return kind;
}

/* ------------------------------------------------------------ partitions */

/* Append the restricted growth strings of length k with values < n in
   lexicographic order to *buf (length *len strings so far, capacity in
   strings *cap).  Fails (QMAT_E_TOO_LARGE) past MODEL_ORBIT_MAX_DIM. */
static int rgs_list(unsigned char **buf, slong *len, slong *cap, slong k, slong n, slong width)
{
    unsigned char *a = calloc(k + 1, 1), *mx = calloc(k + 1, 1);
    int st = 0;
    /* mx[t] = max(a[0..t]); a[0] = 0 */
    for (;;) {
        if (*len >= MODEL_ORBIT_MAX_DIM) {
            st = QMAT_E_TOO_LARGE;
            break;
        }
        if (*len == *cap) {
            *cap = *cap ? 2 * *cap : 64;
            *buf = realloc(*buf, (size_t)*cap * (size_t)(width + 1));
        }
        memcpy(*buf + (size_t)*len * (size_t)width, a, (size_t)k);
        (*len)++;
        slong t = k - 1;
        while (t >= 1 && !(a[t] <= mx[t - 1] && a[t] + 1 < n))
            t--;
        if (t < 1)
            break;
        a[t]++;
        mx[t] = a[t] > mx[t - 1] ? a[t] : mx[t - 1];
        for (slong u = t + 1; u < k; u++) {
            a[u] = 0;
            mx[u] = mx[u - 1];
        }
    }
    free(a);
    free(mx);
    return st;
}

static const unsigned char *orbit_rgs(const ModelOrbit *O, slong j)
{
    slong kw = O->q + O->p;
    return j < O->nw ? O->rgs + (size_t)j * (size_t)kw
                     : O->rgs + (size_t)O->nw * (size_t)kw + (size_t)(j - O->nw) * (size_t)O->q;
}

/* Number of blocks of the string a (length k). */
static slong string_blocks(const unsigned char *a, slong k)
{
    slong m = 0;
    for (slong t = 0; t < k; t++)
        if (a[t] + 1 > m)
            m = a[t] + 1;
    return m;
}

/* Full index of the first tuple of half h of string r. */
static slong half_first_index(const ModelOrbit *O, slong r, int h, slong nwfull)
{
    const unsigned char *a = orbit_rgs(O, r);
    slong k = r < O->nw ? O->q + O->p : O->q, x = 0;
    for (slong t = 0; t < k; t++) {
        slong v = a[t];
        if (h && v == O->n - 2)
            v = O->n - 1;
        else if (h && v == O->n - 1)
            v = O->n - 2;
        x = x * O->n + v;
    }
    return r < O->nw ? x : nwfull + x;
}

typedef struct {
    slong first, code;
} OrbitEntry;

static int entry_cmp(const void *x, const void *y)
{
    const OrbitEntry *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* The orbits of O's strings (two halves for A(n) when m >= n - 1), sorted
   by first index: O->ent, O->first, O->orb; the count. */
static slong orbit_index(ModelOrbit *O, slong nwfull)
{
    slong ns = O->nw + O->nb, cnt = 0;
    OrbitEntry *e = malloc((2 * ns + 1) * sizeof(OrbitEntry));
    for (slong r = 0; r < ns; r++) {
        slong k = r < O->nw ? O->q + O->p : O->q;
        int halves = O->alt && string_blocks(orbit_rgs(O, r), k) >= O->n - 1 ? 2 : 1;
        for (int h = 0; h < halves; h++) {
            e[cnt].first = half_first_index(O, r, h, nwfull);
            e[cnt++].code = 2 * r + h;
        }
    }
    /* W orbits have smaller indices than bias orbits: one sort suffices */
    qsort(e, cnt, sizeof(OrbitEntry), entry_cmp);
    O->ent = malloc((cnt + 1) * sizeof(slong));
    O->first = malloc((cnt + 1) * sizeof(slong));
    O->orb = malloc((2 * ns + 1) * sizeof(slong));
    for (slong i = 0; i < 2 * ns; i++)
        O->orb[i] = -1;
    for (slong j = 0; j < cnt; j++) {
        O->ent[j] = e[j].code;
        O->first[j] = e[j].first;
        O->orb[e[j].code] = j;
    }
    free(e);
    return cnt;
}

/* The orbit space of V for S(n) or A(n) (alt) (V's shape, sizes n, q, p). */
static int orbit_build(ModelSpace *out, const ModelSpace *V, slong n, int alt, slong q, slong p,
                       char *err)
{
    /* V's shape through the public constructor (nothing of B is touched) */
    int st = model_space_init_layers(out, V->rin, V->rout, V->bias, err);
    if (st)
        return st;
    ModelOrbit *O = calloc(1, sizeof *O);
    O->n = n;
    O->alt = alt;
    O->q = q;
    O->p = p;
    O->bias = V->bias;
    unsigned char *w = NULL, *b = NULL;
    slong cw = 0, cb = 0;
    st = rgs_list(&w, &O->nw, &cw, q + p, n, q + p);
    if (!st && V->bias)
        st = rgs_list(&b, &O->nb, &cb, q, n, q);
    if (!st && (O->nw + O->nb) * (alt ? 2 : 1) > MODEL_ORBIT_MAX_DIM)
        st = QMAT_E_TOO_LARGE;
    if (st) {
        free(w);
        free(b);
        free(O);
        out->orbit = NULL;
        return sym_error(err, st,
                         "the %s(%ld)-orbit basis of %ld + %ld tensor positions exceeds the size "
                         "limit (%ld orbits)",
                         alt ? "A" : "S", (long)n, (long)q, (long)p, (long)MODEL_ORBIT_MAX_DIM);
    }
    size_t sw = (size_t)O->nw * (size_t)(q + p), sb = (size_t)O->nb * (size_t)q;
    O->rgs = malloc(sw + sb + 1);
    if (sw)
        memcpy(O->rgs, w, sw);
    if (sb)
        memcpy(O->rgs + sw, b, sb);
    free(w);
    free(b);
    out->orbit = O;
    out->dim = orbit_index(O, V->dout * V->din);
    out->full = 0;
    out->enforced = 1;
    out->nbefore = V->dim;
    return 0;
}

/* Materialise an orbit space as an ordinary one, through the public
   constructors (model_space_init_layers, model_space_set_span). */
static int orbit_materialise(ModelSpace *T, const ModelSpace *V, char *err)
{
    int st = model_space_init_layers(T, V->rin, V->rout, V->bias, err);
    if (st)
        return st;
    fmpq_mat_t M;
    fmpq_mat_init(M, 0, 0);
    if (V->nfull > MODEL_MAX_COEFFS || model_orbit_get_basis(M, V)) {
        fmpq_mat_clear(M);
        return sym_error(err, QMAT_E_TOO_LARGE,
                         "the orbit basis (%ld coefficients x %ld) exceeds the size limit of "
                         "stored bases (%ld coefficients, %ld entries)",
                         (long)V->nfull, (long)V->dim, (long)MODEL_MAX_COEFFS,
                         (long)QMAT_MAX_ENTRIES);
    }
    st = model_space_set_span(T, M, err);
    fmpq_mat_clear(M);
    T->nbefore = V->nbefore;
    T->enforced = V->enforced;
    return st;
}

int model_orbit_enforce(ModelSpace *out, const ModelSpace *V, const fmpq_mat_struct *alg,
                        slong nalg, const fmpq_mat_struct *disc, slong ndisc, char *err)
{
    slong n, q, p;
    int kind = V->full || V->orbit ? orbit_case(V, alg, nalg, disc, ndisc, &n, &q, &p) : 0;
    if (kind)
        return orbit_build(out, V, n, kind == 2, q, p, err);
    if (V->orbit) {
        ModelSpace T;
        int st = orbit_materialise(&T, V, err);
        if (st) {
            model_space_clear(&T);
            model_space_init_layers(out, V->rin, V->rout, V->bias, NULL);
            return st;
        }
        st = model_space_enforce(out, &T, alg, nalg, disc, ndisc, err);
        model_space_clear(&T);
        return st;
    }
    if (V->kind == MODEL_LAYERS && V->nfull > MODEL_MAX_COEFFS) {
        model_space_init_layers(out, V->rin, V->rout, V->bias, NULL);
        return sym_error(err, QMAT_E_TOO_LARGE,
                         "too many coefficients (%ld) for the general exact solve: at most %ld "
                         "(only S(n) and A(n) acting on tensor products of std have a closed "
                         "form past that)",
                         (long)V->nfull, (long)MODEL_MAX_COEFFS);
    }
    return MODEL_ORBIT_NA;
}

/* ------------------------------------------------------------ accessors */

slong model_orbit_first_index(const ModelSpace *V, slong j)
{
    return V->orbit->first[j];
}

static int rgs_cmp(const unsigned char *a, const unsigned char *b, slong k)
{
    return k ? memcmp(a, b, (size_t)k) : 0;
}

slong model_orbit_class(const ModelSpace *V, slong i)
{
    const ModelOrbit *O = V->orbit;
    int w = i < V->dout * V->din;
    slong k = w ? O->q + O->p : O->q, x = w ? i : i - V->dout * V->din;
    unsigned char a[MODEL_ORBIT_MAX_POS + 1];
    slong digits[MODEL_ORBIT_MAX_POS + 1], label[MODEL_ORBIT_MAX_POS + 1], used = 0, r = -1;
    for (slong t = k - 1; t >= 0; t--) {
        digits[t] = x % O->n;
        x /= O->n;
    }
    for (slong t = 0; t < k; t++) {
        slong u = 0;
        while (u < used && label[u] != digits[t])
            u++;
        if (u == used)
            label[used++] = digits[t];
        a[t] = (unsigned char)u;
    }
    slong lo = w ? 0 : O->nw, hi = w ? O->nw - 1 : O->nw + O->nb - 1;
    while (lo <= hi) {
        slong mid = lo + (hi - lo) / 2;
        int c = rgs_cmp(orbit_rgs(O, mid), a, k);
        if (c == 0) {
            r = mid;
            break;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    if (r < 0)
        return -1; /* not reached: every tuple has <= n distinct values */
    int h = 0;
    if (O->alt && used >= O->n - 1) {
        /* σ: block i -> label[i], completed on the missing value */
        slong *perm = malloc((O->n + 1) * sizeof(slong));
        char *hit = calloc(O->n + 1, 1);
        for (slong i = 0; i < used; i++) {
            perm[i] = label[i];
            hit[label[i]] = 1;
        }
        for (slong v = 0; used < O->n && v < O->n; v++)
            if (!hit[v])
                perm[O->n - 1] = v;
        h = perm_parity(perm, O->n);
        free(perm);
        free(hit);
    }
    return O->orb[2 * r + h];
}

void model_orbit_basis_column(fmpq *col, const ModelSpace *V, slong j)
{
    for (slong i = 0; i < V->nfull; i++)
        fmpq_set_si(col + i, model_orbit_class(V, i) == j, 1);
}

int model_orbit_get_basis(fmpq_mat_t M, const ModelSpace *V)
{
    if (!qmat_size_ok(V->nfull, V->dim))
        return QMAT_E_TOO_LARGE;
    fmpq_mat_clear(M);
    fmpq_mat_init(M, V->nfull, V->dim);
    for (slong i = 0; i < V->nfull; i++)
        fmpq_one(fmpq_mat_entry(M, i, model_orbit_class(V, i)));
    return 0;
}

void model_orbit_combine(fmpq *f, const ModelSpace *V, const fmpq *c)
{
    for (slong i = 0; i < V->nfull; i++)
        fmpq_set(f + i, c + model_orbit_class(V, i));
}

void model_orbit_combine_d(double *f, const ModelSpace *V, const double *c)
{
    for (slong i = 0; i < V->nfull; i++)
        f[i] = c[model_orbit_class(V, i)];
}

int model_orbit_coords(fmpq *c, const ModelSpace *V, const fmpq *f)
{
    for (slong j = 0; j < V->dim; j++)
        fmpq_set(c + j, f + model_orbit_first_index(V, j));
    for (slong i = 0; i < V->nfull; i++)
        if (!fmpq_equal(f + i, c + model_orbit_class(V, i)))
            return QMAT_E_NO_SOLUTION;
    return 0;
}

/* ------------------------------------------------------------ printing */

/* Name of position t of a W tuple (out i1..iq, then in j1..jp). */
static void position_name(StrBuf *sb, const ModelOrbit *O, slong t)
{
    if (t < O->q)
        sb_printf(sb, "i%ld", (long)t + 1);
    else
        sb_printf(sb, "j%ld", (long)(t - O->q) + 1);
}

void model_orbit_describe(StrBuf *sb, const ModelSpace *V, slong show)
{
    const ModelOrbit *O = V->orbit;
    slong k = O->q + O->p;
    sb_printf(sb, ": %s(%ld)-orbit basis of index tuples (", O->alt ? "A" : "S", (long)O->n);
    for (slong t = 0; t < k; t++) {
        if (t == O->q)
            sb_puts(sb, t ? " | " : "| ");
        else if (t)
            sb_puts(sb, ", ");
        position_name(sb, O, t);
    }
    if (O->p == 0)
        sb_puts(sb, k ? " |" : "|");
    sb_puts(sb, ")");
    if (O->bias) {
        sb_puts(sb, " and bias tuples (");
        for (slong t = 0; t < O->q; t++) {
            if (t)
                sb_puts(sb, ", ");
            position_name(sb, O, t);
        }
        sb_puts(sb, ")");
    }
    sb_puts(sb, "; each element is 1 on the tuples whose equal positions are exactly those "
                "joined by =");
    if (O->alt)
        sb_puts(sb, ", even / odd: whose values, block by block, extend to an even / odd "
                    "permutation of the first ones");
    for (slong j = 0; j < show && j < V->dim; j++) {
        slong r = O->ent[j] / 2;
        const unsigned char *a = orbit_rgs(O, r);
        slong kj = r < O->nw ? k : O->q;
        sb_puts(sb, r < O->nw ? "\n  W: " : "\n  b: ");
        if (kj == 0)
            sb_puts(sb, "(constant)");
        slong blocks = 0;
        for (slong t = 0; t < kj; t++)
            if (a[t] + 1 > blocks)
                blocks = a[t] + 1;
        for (slong c = 0; c < blocks; c++) {
            if (c)
                sb_puts(sb, ", ");
            int first = 1;
            for (slong t = 0; t < kj; t++)
                if (a[t] == c) {
                    if (!first)
                        sb_puts(sb, " = ");
                    position_name(sb, O, t);
                    first = 0;
                }
        }
        if (O->alt && O->orb[(O->ent[j] | 1)] >= 0)
            sb_puts(sb, O->ent[j] & 1 ? " (odd)" : " (even)");
    }
    if (show < V->dim)
        sb_printf(sb, "\n  ... (%ld more)", (long)(V->dim - show));
}
