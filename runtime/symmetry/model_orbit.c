/* model_orbit.c — S(n)- and A(n)-equivariant layers between (direct sums
 * of) tensor powers of the permutation representation in closed form: the
 * orbit basis of set partitions (model_orbit.h), recognising the case, and
 * the accessors of an orbit space. */
#include <stdlib.h>
#include <string.h>
#include "symmetry/model_orbit.h"

void model_orbit_free(ModelOrbit *O)
{
    if (!O)
        return;
    for (slong L = 0; L <= MODEL_ORBIT_MAX_POS; L++)
        free(O->rgs[L]);
    free(O->qpos);
    free(O->ppos);
    free(O->qoff);
    free(O->poff);
    free(O->base);
    free(O->orb);
    free(O->ent_slot);
    free(O->ent_code);
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

/* The summands of a representation in coordinate order: tensor positions
   and coordinate offsets (off[count] = the dimension). */
typedef struct Summands {
    slong count, alloc, total;
    slong *pos, *off;
} Summands;

static void summands_push(Summands *S, slong pos, slong dim)
{
    if (S->count + 2 > S->alloc) {
        S->alloc = 2 * S->alloc + 8;
        S->pos = realloc(S->pos, S->alloc * sizeof(slong));
        S->off = realloc(S->off, S->alloc * sizeof(slong));
    }
    S->pos[S->count] = pos;
    S->off[S->count] = S->total;
    S->count++;
    S->total += dim;
    S->off[S->count] = S->total;
}

/* Append the summands of t: a product of std / dual / 1-dimensional
   trivial factors is one summand; sums, duals of sums and trivial(k) split
   (block diagonal, in coordinate order).  0 when t is of another kind. */
static int summands_add(Summands *S, const RepNode *t, slong n)
{
    slong pos = tree_positions(t);
    if (pos >= 0) {
        if (power_check(n, pos, t->dim) < 0)
            return 0;
        summands_push(S, pos, t->dim);
        return S->count <= MODEL_ORBIT_MAX_DIM;
    }
    switch (t->kind) {
    case REP_SUM:
        return summands_add(S, t->a, n) && summands_add(S, t->b, n);
    case REP_DUAL:
        /* blockwise: the dual of a sum is the sum of the duals */
        return summands_add(S, t->a, n);
    case REP_TRIVIAL:
        if (t->dim > MODEL_ORBIT_MAX_DIM)
            return 0;
        for (slong c = 0; c < t->dim; c++)
            summands_push(S, 0, 1);
        return S->count <= MODEL_ORBIT_MAX_DIM;
    default:
        return 0;
    }
}

static void summands_clear(Summands *S)
{
    free(S->pos);
    free(S->off);
}

/* 1 (S(n)) or 2 (A(n)) when (V, alg, disc) is the closed-form case, else
   0; *n its size and (when not 0) *out, *in the summands (to clear). */
static int orbit_case(const ModelSpace *V, const fmpq_mat_struct *alg, slong nalg,
                      const fmpq_mat_struct *disc, slong ndisc, slong *n, Summands *out,
                      Summands *in)
{
    memset(out, 0, sizeof *out);
    memset(in, 0, sizeof *in);
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
    if (V->orbit && V->orbit->n != *n)
        return 0;
    int want_alt = V->orbit ? V->orbit->alt : -1;
    int ok = summands_add(out, V->rout->tree, *n) && summands_add(in, V->rin->tree, *n) &&
             out->total == V->dout && in->total == V->din &&
             out->count <= MODEL_ORBIT_MAX_DIM / in->count;
    for (slong i = 0; ok && i < out->count; i++)
        for (slong j = 0; ok && j < in->count; j++)
            ok = out->pos[i] + in->pos[j] <= MODEL_ORBIT_MAX_POS;
    slong **perms = malloc((ndisc + 1) * sizeof(slong *));
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
        kind = 0;
    if (!kind) {
        summands_clear(out);
        summands_clear(in);
    }
    return kind;
}

/* ------------------------------------------------------------ partitions */

/* The restricted growth strings of length k with values < n in
   lexicographic order (*buf, *len strings).  Fails (QMAT_E_TOO_LARGE)
   past MODEL_ORBIT_MAX_DIM strings. */
static int rgs_list(unsigned char **buf, slong *len, slong k, slong n)
{
    unsigned char *a = calloc(k + 1, 1), *mx = calloc(k + 1, 1);
    slong cap = 0;
    int st = 0;
    *buf = NULL;
    *len = 0;
    /* mx[t] = max(a[0..t]); a[0] = 0 */
    for (;;) {
        if (*len >= MODEL_ORBIT_MAX_DIM) {
            st = QMAT_E_TOO_LARGE;
            break;
        }
        if (*len == cap) {
            cap = cap ? 2 * cap : 64;
            *buf = realloc(*buf, (size_t)cap * (size_t)(k + 1));
        }
        memcpy(*buf + (size_t)*len * (size_t)k, a, (size_t)k);
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

/* Number of blocks of the string a (length k). */
static slong string_blocks(const unsigned char *a, slong k)
{
    slong m = 0;
    for (slong t = 0; t < k; t++)
        if (a[t] + 1 > m)
            m = a[t] + 1;
    return m;
}

/* Slots: pair (i, j) of out / in summands is slot i * nin + j; the bias of
   out summand i is slot nout * nin + i.  Its string length, its out and
   in summand (-1: bias). */
static void slot_shape(const ModelOrbit *O, slong s, slong *L, slong *i, slong *j)
{
    if (s < O->nout * O->nin) {
        *i = s / O->nin;
        *j = s % O->nin;
        *L = O->qpos[*i] + O->ppos[*j];
    } else {
        *i = s - O->nout * O->nin;
        *j = -1;
        *L = O->qpos[*i];
    }
}

static slong slot_count(const ModelOrbit *O)
{
    return O->nout * O->nin + (O->bias ? O->nout : 0);
}

/* Full index of the first tuple of half h of string r in slot s (digits
   base n, out positions first; h swaps the values n-2 and n-1). */
static slong half_first_index(const ModelOrbit *O, slong s, slong r, int h, slong din, slong dout)
{
    slong L, i, j, q;
    slot_shape(O, s, &L, &i, &j);
    q = O->qpos[i];
    const unsigned char *a = O->rgs[L] + (size_t)r * (size_t)L;
    slong x = 0, y = 0;
    for (slong t = 0; t < L; t++) {
        slong v = a[t];
        if (h && v == O->n - 2)
            v = O->n - 1;
        else if (h && v == O->n - 1)
            v = O->n - 2;
        if (t < q)
            x = x * O->n + v;
        else
            y = y * O->n + v;
    }
    if (j < 0)
        return dout * din + O->qoff[i] + x;
    return (O->qoff[i] + x) * din + O->poff[j] + y;
}

typedef struct {
    slong first, slot, code;
} OrbitEntry;

static int entry_cmp(const void *x, const void *y)
{
    const OrbitEntry *a = x, *b = y;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* The orbits of every slot (two halves for A(n) when a string has >= n - 1
   blocks), sorted by first index: O->ent_*, O->first, O->orb, O->dim. */
static int orbit_index(ModelOrbit *O, slong din, slong dout)
{
    slong ns = slot_count(O), cnt = 0, total = 0, nsplit[MODEL_ORBIT_MAX_POS + 1] = {0};
    for (slong L = 0; L <= MODEL_ORBIT_MAX_POS; L++)
        for (slong r = 0; O->alt && O->rgs[L] && r < O->nrgs[L]; r++)
            nsplit[L] += string_blocks(O->rgs[L] + (size_t)r * (size_t)L, L) >= O->n - 1;
    O->base = malloc((ns + 1) * sizeof(slong));
    for (slong s = 0; s < ns; s++) {
        slong L, i, j;
        slot_shape(O, s, &L, &i, &j);
        O->base[s] = total;
        total += 2 * O->nrgs[L];
        cnt += O->nrgs[L] + nsplit[L];
        if (cnt > MODEL_ORBIT_MAX_DIM)
            return QMAT_E_TOO_LARGE;
    }
    OrbitEntry *e = malloc((cnt + 1) * sizeof(OrbitEntry));
    cnt = 0;
    for (slong s = 0; s < ns; s++) {
        slong L, i, j;
        slot_shape(O, s, &L, &i, &j);
        for (slong r = 0; r < O->nrgs[L]; r++) {
            int halves =
                O->alt && string_blocks(O->rgs[L] + (size_t)r * (size_t)L, L) >= O->n - 1 ? 2 : 1;
            for (int h = 0; h < halves; h++) {
                e[cnt].first = half_first_index(O, s, r, h, din, dout);
                e[cnt].slot = s;
                e[cnt++].code = 2 * r + h;
            }
        }
    }
    qsort(e, cnt, sizeof(OrbitEntry), entry_cmp);
    O->ent_slot = malloc((cnt + 1) * sizeof(slong));
    O->ent_code = malloc((cnt + 1) * sizeof(slong));
    O->first = malloc((cnt + 1) * sizeof(slong));
    O->orb = malloc((total + 1) * sizeof(slong));
    for (slong x = 0; x < total; x++)
        O->orb[x] = -1;
    for (slong x = 0; x < cnt; x++) {
        O->ent_slot[x] = e[x].slot;
        O->ent_code[x] = e[x].code;
        O->first[x] = e[x].first;
        O->orb[O->base[e[x].slot] + e[x].code] = x;
    }
    free(e);
    O->dim = cnt;
    return 0;
}

/* The orbit space of V for S(n) or A(n) (alt); takes the summand lists. */
static int orbit_build(ModelSpace *out, const ModelSpace *V, slong n, int alt, Summands *so,
                       Summands *si, char *err)
{
    /* V's shape through the public constructor (nothing of B is touched) */
    int st = model_space_init_layers(out, V->rin, V->rout, V->bias, err);
    ModelOrbit *O = calloc(1, sizeof *O);
    O->n = n;
    O->alt = alt;
    O->bias = V->bias;
    O->nout = so->count;
    O->nin = si->count;
    O->qpos = so->pos;
    O->qoff = so->off;
    O->ppos = si->pos;
    O->poff = si->off;
    /* the string lists of every length in use */
    for (slong s = 0; !st && s < slot_count(O); s++) {
        slong L, i, j;
        slot_shape(O, s, &L, &i, &j);
        if (!O->rgs[L])
            st = rgs_list(&O->rgs[L], &O->nrgs[L], L, n);
    }
    if (!st)
        st = orbit_index(O, V->din, V->dout);
    if (st) {
        model_orbit_free(O);
        return sym_error(err, st,
                         "the %s(%ld)-orbit basis exceeds the size limit (%ld orbits, %d "
                         "tensor positions)",
                         alt ? "A" : "S", (long)n, (long)MODEL_ORBIT_MAX_DIM, MODEL_ORBIT_MAX_POS);
    }
    out->orbit = O;
    out->dim = O->dim;
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
    slong n;
    Summands so, si;
    int kind = V->full || V->orbit ? orbit_case(V, alg, nalg, disc, ndisc, &n, &so, &si) : 0;
    if (kind)
        return orbit_build(out, V, n, kind == 2, &so, &si, err);
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

/* The summand s with off[s] <= x < off[s + 1]. */
static slong summand_of(const slong *off, slong count, slong x)
{
    slong lo = 0, hi = count - 1;
    while (lo < hi) {
        slong mid = lo + (hi - lo + 1) / 2;
        if (off[mid] <= x)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo;
}

slong model_orbit_class(const ModelSpace *V, slong i)
{
    const ModelOrbit *O = V->orbit;
    slong nw = V->dout * V->din, si, sj = -1, slot, q, k, x, y = 0;
    if (i < nw) {
        slong r = i / V->din, b = i % V->din;
        si = summand_of(O->qoff, O->nout, r);
        sj = summand_of(O->poff, O->nin, b);
        x = r - O->qoff[si];
        y = b - O->poff[sj];
        slot = si * O->nin + sj;
    } else {
        si = summand_of(O->qoff, O->nout, i - nw);
        x = i - nw - O->qoff[si];
        slot = O->nout * O->nin + si;
    }
    q = O->qpos[si];
    k = q + (sj >= 0 ? O->ppos[sj] : 0);
    unsigned char a[MODEL_ORBIT_MAX_POS + 1];
    slong digits[MODEL_ORBIT_MAX_POS + 1], label[MODEL_ORBIT_MAX_POS + 1], used = 0, r = -1;
    for (slong t = k - 1; t >= q; t--) {
        digits[t] = y % O->n;
        y /= O->n;
    }
    for (slong t = q - 1; t >= 0; t--) {
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
    slong lo = 0, hi = O->nrgs[k] - 1;
    while (lo <= hi) {
        slong mid = lo + (hi - lo) / 2;
        int c = rgs_cmp(O->rgs[k] + (size_t)mid * (size_t)k, a, k);
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
        /* σ: block u -> label[u], completed on the missing value */
        slong *perm = malloc((O->n + 1) * sizeof(slong));
        char *hit = calloc(O->n + 1, 1);
        for (slong u = 0; u < used; u++) {
            perm[u] = label[u];
            hit[label[u]] = 1;
        }
        for (slong v = 0; used < O->n && v < O->n; v++)
            if (!hit[v])
                perm[O->n - 1] = v;
        h = perm_parity(perm, O->n);
        free(perm);
        free(hit);
    }
    return O->orb[O->base[slot] + 2 * r + h];
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

/* Name of position t of a tuple with q out positions (i1..iq, then j..). */
static void position_name(StrBuf *sb, slong q, slong t)
{
    if (t < q)
        sb_printf(sb, "i%ld", (long)t + 1);
    else
        sb_printf(sb, "j%ld", (long)(t - q) + 1);
}

/* "(i1, i2 | j1)" for q out and p in positions. */
static void tuple_names(StrBuf *sb, slong q, slong p)
{
    sb_puts(sb, "(");
    for (slong t = 0; t < q + p; t++) {
        if (t == q)
            sb_puts(sb, t ? " | " : "| ");
        else if (t)
            sb_puts(sb, ", ");
        position_name(sb, q, t);
    }
    if (p == 0)
        sb_puts(sb, q ? " |" : "|");
    sb_puts(sb, ")");
}

void model_orbit_describe(StrBuf *sb, const ModelSpace *V, slong show)
{
    const ModelOrbit *O = V->orbit;
    int one = O->nout == 1 && O->nin == 1;
    sb_printf(sb, ": %s(%ld)-orbit basis of index tuples ", O->alt ? "A" : "S", (long)O->n);
    if (one) {
        tuple_names(sb, O->qpos[0], O->ppos[0]);
        if (O->bias) {
            sb_puts(sb, " and bias tuples (");
            for (slong t = 0; t < O->qpos[0]; t++) {
                if (t)
                    sb_puts(sb, ", ");
                position_name(sb, O->qpos[0], t);
            }
            sb_puts(sb, ")");
        }
    } else {
        sb_printf(sb,
                  "(i.. | j..) of the blocks W[s|t] between out summand s (of %ld) and in "
                  "summand t (of %ld)",
                  (long)O->nout, (long)O->nin);
        if (O->bias)
            sb_puts(sb, " and bias tuples (i..) of b[s]");
    }
    sb_puts(sb, "; each element is 1 on the tuples whose equal positions are exactly those "
                "joined by =");
    if (O->alt)
        sb_puts(sb, ", even / odd: whose values, block by block, extend to an even / odd "
                    "permutation of the first ones");
    for (slong e = 0; e < show && e < V->dim; e++) {
        slong L, i, j, r = O->ent_code[e] / 2;
        slot_shape(O, O->ent_slot[e], &L, &i, &j);
        const unsigned char *a = O->rgs[L] + (size_t)r * (size_t)L;
        if (one)
            sb_puts(sb, j >= 0 ? "\n  W: " : "\n  b: ");
        else if (j >= 0)
            sb_printf(sb, "\n  W[%ld|%ld]: ", (long)i + 1, (long)j + 1);
        else
            sb_printf(sb, "\n  b[%ld]: ", (long)i + 1);
        if (L == 0)
            sb_puts(sb, "(constant)");
        slong blocks = string_blocks(a, L);
        for (slong c = 0; c < blocks; c++) {
            if (c)
                sb_puts(sb, ", ");
            int first = 1;
            for (slong t = 0; t < L; t++)
                if (a[t] == c) {
                    if (!first)
                        sb_puts(sb, " = ");
                    position_name(sb, O->qpos[i], t);
                    first = 0;
                }
        }
        if (O->alt && O->orb[O->base[O->ent_slot[e]] + (O->ent_code[e] | 1)] >= 0)
            sb_puts(sb, O->ent_code[e] & 1 ? " (odd)" : " (even)");
    }
    if (show < V->dim)
        sb_printf(sb, "\n  ... (%ld more)", (long)(V->dim - show));
}
