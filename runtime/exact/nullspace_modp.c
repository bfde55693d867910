/* nullspace_modp.c — sparse Gaussian elimination modulo a word-size prime.
 *
 * Rows are compressed (sorted columns, nonzero residues).  Pivots follow a
 * Markowitz-style rule restricted to each row's last column: among a few
 * shortest active rows (bucket queue by length) take the one whose last
 * column has the fewest active rows, minimising (row length - 1) *
 * (column count - 1), the fill bound.  The pivot column is then eliminated
 * from every active row (column lists find them).
 *
 * Why the last column: eliminating P only adds columns <= P's pivot, so a
 * pivot row, once taken, keeps its pivot as its last column.  The pivot
 * rows are then an echelon basis of the row space ordered by last column,
 * and the pivot set is the set of last columns of the row space: column j
 * is a pivot iff it is independent of the columns after it.  The free
 * columns are exactly the columns where the kernel's reduced row echelon
 * form has its pivots, and the kernel vectors with the identity on the
 * free columns ARE that canonical form: no dense rref of the basis.
 * Substitution in increasing column order gives them (a pivot row holds
 * only columns below its pivot), sparse: unknown j's entries in the k
 * kernel vectors are one sparse row (SpKer) built with one scatter
 * accumulator; nothing of size n x k is allocated.
 *
 * Long rows are deferred.  On the constraints of tensor representations
 * most rows are dependent, and right-looking elimination keeps updating
 * them as they grow (so(3) on (R^3)^(x)5: 3.7e9 merged entries for a
 * basis of 374,305 pivot entries).  A row that grows past
 * NULLSPACE_DEFER_LEN leaves the active set.  After the elimination, the
 * kernel K of the pivot rows is computed, and a deferred row r is kept only
 * when r (K w) != 0 for a random w (a row in the span of the pivot rows
 * always gives 0; see nullspace_modp_kernel for why a false 0 is safe).
 * The few kept rows are reduced left-looking against the pivot rows,
 * largest pivot column first, and what is left becomes a pivot row on its
 * last column; then K is recomputed.
 */
#include <stdlib.h>
#include <string.h>
#include <flint/nmod_vec.h>
#include "exact/nullspace_modp.h"

slong nullspace_modp_defer_len = NULLSPACE_DEFER_LEN;

static int spker_slong_cmp(const void *a, const void *b)
{
    slong x = *(const slong *)a, y = *(const slong *)b;
    return x < y ? -1 : (x > y);
}

/* ---- integer rows ------------------------------------------------------ */

static ulong spz_hash(const slong *col, const fmpz *val, slong len)
{
    ulong h = (ulong)len * UWORD(0x9e3779b97f4a7c15);
    slong t;
    for (t = 0; t < len; t++) {
        h = (h ^ (ulong)col[t]) * UWORD(0x100000001b3);
        h = (h ^ fmpz_fdiv_ui(val + t, UWORD(1000000007))) * UWORD(0x9e37);
    }
    return h ^ (h >> 29);
}

static int spz_row_equal(const SpZMat *Z, slong a, slong b)
{
    slong la = Z->ptr[a + 1] - Z->ptr[a], t;
    if (la != Z->ptr[b + 1] - Z->ptr[b])
        return 0;
    for (t = 0; t < la; t++)
        if (Z->col[Z->ptr[a] + t] != Z->col[Z->ptr[b] + t] ||
            !fmpz_equal(Z->val + Z->ptr[a] + t, Z->val + Z->ptr[b] + t))
            return 0;
    return 1;
}

void spzmat_init_from_spmat(SpZMat *Z, const SpMat *C)
{
    slong i, t, len, pos, tsize = 4, mask, *table, h;
    fmpz_t l, g;
    Z->c = C->c;
    Z->r = 0;
    Z->ptr = flint_malloc((C->r + 1) * sizeof(slong));
    Z->col = flint_malloc((C->nnz + 1) * sizeof(slong));
    Z->alloc = C->nnz + 1;
    Z->val = _fmpz_vec_init(Z->alloc);
    Z->ptr[0] = 0;
    while (tsize < 2 * C->r)
        tsize *= 2;
    mask = tsize - 1;
    table = flint_malloc(tsize * sizeof(slong));
    for (t = 0; t < tsize; t++)
        table[t] = -1;
    fmpz_init(l);
    fmpz_init(g);
    for (i = 0; i < C->r; i++) {
        const slong b = C->ptr[i];
        len = C->ptr[i + 1] - b;
        if (len == 0)
            continue;
        pos = Z->ptr[Z->r];
        fmpz_one(l);
        for (t = 0; t < len; t++)
            fmpz_lcm(l, l, fmpq_denref(C->val + b + t));
        fmpz_zero(g);
        for (t = 0; t < len; t++) {
            fmpz *z = Z->val + pos + t;
            fmpz_divexact(z, l, fmpq_denref(C->val + b + t));
            fmpz_mul(z, z, fmpq_numref(C->val + b + t));
            fmpz_gcd(g, g, z);
            Z->col[pos + t] = C->col[b + t];
        }
        if (fmpz_sgn(Z->val + pos) < 0)
            fmpz_neg(g, g);
        for (t = 0; t < len; t++)
            fmpz_divexact(Z->val + pos + t, Z->val + pos + t, g);
        Z->ptr[Z->r + 1] = pos + len;
        /* drop a repeated row: leave it past ptr[r] to be overwritten */
        h = (slong)(spz_hash(Z->col + pos, Z->val + pos, len) & mask);
        while (table[h] >= 0 && !spz_row_equal(Z, table[h], Z->r))
            h = (h + 1) & mask;
        if (table[h] < 0) {
            table[h] = Z->r;
            Z->r++;
        }
    }
    Z->nnz = Z->ptr[Z->r];
    fmpz_clear(l);
    fmpz_clear(g);
    flint_free(table);
}

void spzmat_clear(SpZMat *Z)
{
    flint_free(Z->ptr);
    flint_free(Z->col);
    _fmpz_vec_clear(Z->val, Z->alloc);
}

/* ---- elimination state ------------------------------------------------- */

typedef struct {
    slong len, cap;
    slong *col;
    ulong *val;
} MRow;

typedef struct {
    slong nr, n;
    MRow *row;
    char *active;
    slong *ccount; /* active rows holding each column */
    slong **clist; /* rows that may hold each column (stale allowed) */
    slong *clen, *ccap;
    slong *head, *next, *prev, minlen; /* rows bucketed by length */
    slong *scol;                       /* merge scratch, n entries */
    slong defer_len;                   /* longer rows are deferred */
    slong *deferred, ndeferred;        /* rows set aside, in order */
    ulong *sval;
    nmod_t mod;
} Elim;

static void elim_bucket_insert(Elim *E, slong r)
{
    slong len = E->row[r].len;
    E->prev[r] = -1;
    E->next[r] = E->head[len];
    if (E->head[len] >= 0)
        E->prev[E->head[len]] = r;
    E->head[len] = r;
    if (len < E->minlen)
        E->minlen = len;
}

static void elim_bucket_remove(Elim *E, slong r)
{
    if (E->prev[r] >= 0)
        E->next[E->prev[r]] = E->next[r];
    else
        E->head[E->row[r].len] = E->next[r];
    if (E->next[r] >= 0)
        E->prev[E->next[r]] = E->prev[r];
}

static void elim_clist_push(Elim *E, slong j, slong r)
{
    if (E->clen[j] == E->ccap[j]) {
        E->ccap[j] = 2 * E->ccap[j] + 4;
        E->clist[j] = flint_realloc(E->clist[j], E->ccap[j] * sizeof(slong));
    }
    E->clist[j][E->clen[j]++] = r;
}

static void elim_init(Elim *E, const SpZMat *Z, ulong p)
{
    slong i, t, j;
    E->nr = Z->r;
    E->n = Z->c;
    nmod_init(&E->mod, p);
    E->row = flint_calloc(Z->r + 1, sizeof(MRow));
    E->active = flint_calloc(Z->r + 1, 1);
    E->ccount = flint_calloc(Z->c + 1, sizeof(slong));
    E->clist = flint_calloc(Z->c + 1, sizeof(slong *));
    E->clen = flint_calloc(Z->c + 1, sizeof(slong));
    E->ccap = flint_calloc(Z->c + 1, sizeof(slong));
    E->head = flint_malloc((Z->c + 2) * sizeof(slong));
    E->next = flint_malloc((Z->r + 1) * sizeof(slong));
    E->prev = flint_malloc((Z->r + 1) * sizeof(slong));
    E->scol = flint_malloc((Z->c + 1) * sizeof(slong));
    E->sval = flint_malloc((Z->c + 1) * sizeof(ulong));
    E->defer_len = nullspace_modp_defer_len;
    E->deferred = flint_malloc((Z->r + 1) * sizeof(slong));
    E->ndeferred = 0;
    for (j = 0; j <= Z->c; j++)
        E->head[j] = -1;
    E->minlen = Z->c + 1;
    for (i = 0; i < Z->r; i++) {
        MRow *R = E->row + i;
        slong len = Z->ptr[i + 1] - Z->ptr[i];
        R->col = flint_malloc((len + 1) * sizeof(slong));
        R->val = flint_malloc((len + 1) * sizeof(ulong));
        R->cap = len + 1;
        R->len = 0;
        for (t = Z->ptr[i]; t < Z->ptr[i + 1]; t++) {
            ulong v = fmpz_fdiv_ui(Z->val + t, p);
            if (v == 0)
                continue;
            R->col[R->len] = Z->col[t];
            R->val[R->len++] = v;
        }
        if (R->len == 0)
            continue;
        E->active[i] = 1;
        for (t = 0; t < R->len; t++) {
            E->ccount[R->col[t]]++;
            elim_clist_push(E, R->col[t], i);
        }
        elim_bucket_insert(E, i);
    }
}

static void elim_clear(Elim *E)
{
    slong i;
    for (i = 0; i < E->nr; i++) {
        flint_free(E->row[i].col);
        flint_free(E->row[i].val);
    }
    for (i = 0; i < E->n; i++)
        flint_free(E->clist[i]);
    flint_free(E->row);
    flint_free(E->active);
    flint_free(E->ccount);
    flint_free(E->clist);
    flint_free(E->clen);
    flint_free(E->ccap);
    flint_free(E->head);
    flint_free(E->next);
    flint_free(E->prev);
    flint_free(E->scol);
    flint_free(E->sval);
    flint_free(E->deferred);
}

/* Choose the pivot (row, position in row: always the row's last column);
   0 when no active row is left. */
static int elim_choose(Elim *E, slong *prow, slong *ppos)
{
    slong r, seen = 0, best = -1;
    while (E->minlen <= E->n && E->head[E->minlen] < 0)
        E->minlen++;
    if (E->minlen > E->n)
        return 0;
    for (r = E->head[E->minlen]; r >= 0 && seen < 4; r = E->next[r], seen++) {
        const MRow *R = E->row + r;
        slong cost = (R->len - 1) * (E->ccount[R->col[R->len - 1]] - 1);
        if (best < 0 || cost < best) {
            best = cost;
            *prow = r;
            *ppos = R->len - 1;
        }
        if (best == 0)
            break;
    }
    return 1;
}

/* Row r -= r[c] * P, where P[c] == 1 and P is no longer active. */
static void elim_reduce(Elim *E, slong r, const MRow *P, slong c)
{
    MRow *R = E->row + r;
    slong lo = 0, hi = R->len - 1, mid, i = 0, t = 0, k = 0;
    ulong nf;
    while (lo <= hi) {
        mid = (lo + hi) / 2;
        if (R->col[mid] == c)
            break;
        if (R->col[mid] < c)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    if (lo > hi)
        return; /* stale column-list entry */
    nf = nmod_neg(R->val[mid], E->mod);
    while (i < R->len || t < P->len) {
        if (t == P->len || (i < R->len && R->col[i] < P->col[t])) {
            E->scol[k] = R->col[i];
            E->sval[k++] = R->val[i++];
        } else if (i == R->len || R->col[i] > P->col[t]) {
            slong j = P->col[t];
            E->scol[k] = j;
            E->sval[k++] = nmod_mul(nf, P->val[t++], E->mod);
            E->ccount[j]++;
            elim_clist_push(E, j, r);
        } else {
            ulong v = nmod_add(R->val[i], nmod_mul(nf, P->val[t], E->mod), E->mod);
            if (v != 0) {
                E->scol[k] = R->col[i];
                E->sval[k++] = v;
            } else {
                E->ccount[R->col[i]]--;
            }
            i++;
            t++;
        }
    }
    elim_bucket_remove(E, r);
    if (k > R->cap) {
        R->cap = FLINT_MAX(k, 2 * R->cap);
        R->col = flint_realloc(R->col, R->cap * sizeof(slong));
        R->val = flint_realloc(R->val, R->cap * sizeof(ulong));
    }
    memcpy(R->col, E->scol, k * sizeof(slong));
    memcpy(R->val, E->sval, k * sizeof(ulong));
    R->len = k;
    if (k == 0) {
        E->active[r] = 0;
    } else if (k > E->defer_len) {
        /* a long row: set aside for the left-looking pass (it is most
           likely dependent, and would be updated again and again) */
        E->active[r] = 0;
        for (i = 0; i < k; i++)
            E->ccount[R->col[i]]--;
        E->deferred[E->ndeferred++] = r;
    } else {
        elim_bucket_insert(E, r);
    }
}

/* A binary max-heap of column indices. */
static void heap_push(slong *h, slong *hn, slong c)
{
    slong i = (*hn)++;
    while (i > 0 && h[(i - 1) / 2] < c) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = c;
}

static slong heap_pop(slong *h, slong *hn)
{
    slong top = h[0], last = h[--(*hn)], i = 0, m = *hn;
    while (2 * i + 1 < m) {
        slong c = 2 * i + 1;
        if (c + 1 < m && h[c + 1] > h[c])
            c++;
        if (h[c] <= last)
            break;
        h[i] = h[c];
        i = c;
    }
    if (m > 0)
        h[i] = last;
    return top;
}

/* The deferred rows, left-looking, after the right-looking elimination:
   each is reduced against the pivot rows, largest pivot column first (a
   pivot row only holds columns below its pivot, so a max-heap of the
   touched columns visits each once), and what is left, if anything,
   becomes a pivot row on its last column.  The pivot rows stay triangular
   by last column, which is all the back substitution needs. */
static int elim_deferred(Elim *E, slong *prow, slong *pcol, char *ispiv, slong *rank)
{
    slong n = E->n, d, *heap, *rowof, *keep, nkeep, hn, t;
    ulong *acc;
    char *inheap;
    int st = QMAT_OK;
    if (E->ndeferred == 0)
        return st;
    heap = flint_malloc((n + 1) * sizeof(slong));
    rowof = flint_malloc((n + 1) * sizeof(slong));
    keep = flint_malloc((n + 1) * sizeof(slong));
    acc = flint_calloc(n + 1, sizeof(ulong));
    inheap = flint_calloc(n + 1, 1);
    for (t = 0; t < *rank; t++)
        rowof[pcol[t]] = prow[t];
    for (d = 0; d < E->ndeferred && st == QMAT_OK; d++) {
        MRow *R = E->row + E->deferred[d];
        if ((d & 255) == 255 && sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        hn = 0;
        for (t = 0; t < R->len; t++) {
            slong c = R->col[t];
            acc[c] = R->val[t];
            inheap[c] = 1;
            heap_push(heap, &hn, c);
        }
        nkeep = 0;
        while (hn > 0) {
            slong c = heap_pop(heap, &hn);
            ulong v = acc[c];
            inheap[c] = 0;
            if (v == 0)
                continue;
            if (!ispiv[c]) {
                keep[nkeep++] = c; /* decreasing */
                continue;
            }
            {
                const MRow *P = E->row + rowof[c];
                ulong nf = nmod_neg(v, E->mod);
                acc[c] = 0;
                for (t = 0; t < P->len - 1; t++) {
                    slong j = P->col[t];
                    acc[j] = nmod_add(acc[j], nmod_mul(nf, P->val[t], E->mod), E->mod);
                    if (!inheap[j]) {
                        inheap[j] = 1;
                        heap_push(heap, &hn, j);
                    }
                }
            }
        }
        if (nkeep > 0) {
            slong c = keep[0];
            ulong inv = n_invmod(acc[c], E->mod.n);
            if (nkeep > R->cap) {
                R->cap = nkeep;
                R->col = flint_realloc(R->col, R->cap * sizeof(slong));
                R->val = flint_realloc(R->val, R->cap * sizeof(ulong));
            }
            for (t = 0; t < nkeep; t++) {
                slong j = keep[nkeep - 1 - t];
                R->col[t] = j;
                R->val[t] = nmod_mul(acc[j], inv, E->mod);
            }
            R->len = nkeep;
            prow[*rank] = E->deferred[d];
            pcol[*rank] = c;
            (*rank)++;
            ispiv[c] = 1;
            rowof[c] = E->deferred[d];
        }
        for (t = 0; t < nkeep; t++)
            acc[keep[t]] = 0;
    }
    flint_free(heap);
    flint_free(rowof);
    flint_free(keep);
    flint_free(acc);
    flint_free(inheap);
    return st;
}

void spker_clear(SpKer *K)
{
    flint_free(K->start);
    flint_free(K->len);
    flint_free(K->idx);
    flint_free(K->val);
    memset(K, 0, sizeof *K);
}

/* Append row j of K from the touched accumulator entries (sorted here),
   nonzero ones only; the accumulator is left zero.  0, or 1 past
   SPMAT_MAX_NNZ. */
static int spker_put_row(SpKer *K, slong j, slong *touch, slong ntouch, ulong *acc, char *mark)
{
    slong t, pos;
    if (K->nnz + ntouch > K->alloc) {
        slong na = FLINT_MAX(K->nnz + ntouch, 2 * K->alloc);
        if (na > SPMAT_MAX_NNZ)
            na = SPMAT_MAX_NNZ;
        if (K->nnz + ntouch > na)
            return 1;
        K->idx = flint_realloc(K->idx, na * sizeof(slong));
        K->val = flint_realloc(K->val, na * sizeof(ulong));
        K->alloc = na;
    }
    /* insertion sort is fine for the short rows; qsort otherwise */
    if (ntouch > 32) {
        qsort(touch, ntouch, sizeof(slong), spker_slong_cmp);
    } else {
        for (t = 1; t < ntouch; t++) {
            slong v = touch[t], u = t;
            while (u > 0 && touch[u - 1] > v) {
                touch[u] = touch[u - 1];
                u--;
            }
            touch[u] = v;
        }
    }
    pos = K->nnz;
    K->start[j] = pos;
    for (t = 0; t < ntouch; t++) {
        slong u = touch[t];
        if (acc[u] != 0) {
            K->idx[pos] = u;
            K->val[pos++] = acc[u];
        }
        acc[u] = 0;
        mark[u] = 0;
    }
    K->len[j] = pos - K->nnz;
    K->nnz = pos;
    return 0;
}

/* K (set here) = the kernel mod p of the pivot rows prow[0..rank) (pivot
   on each row's last column pcol[s]), by substitution in increasing column
   order: row j of K (n x k) = the entries of unknown j in the k kernel
   vectors; kernel vector t has 1 at free column t, piv[t].  A pivot row
   holds only columns below its pivot, so each unknown's row is computed
   from rows already known. */
static int elim_backsub(SpKer *K, const Elim *E, const slong *prow, const slong *pcol, slong rank,
                        const char *ispiv, slong *piv)
{
    slong n = E->n, k = n - rank, s, t, j, f, *prow_of, *touch;
    ulong *acc;
    char *mark;
    int st = QMAT_OK;
    memset(K, 0, sizeof *K);
    K->n = n;
    K->k = k;
    K->p = E->mod.n;
    K->start = flint_calloc(n + 1, sizeof(slong));
    K->len = flint_calloc(n + 1, sizeof(slong));
    prow_of = flint_malloc((n + 1) * sizeof(slong));
    touch = flint_malloc((k + 1) * sizeof(slong));
    acc = flint_calloc(k + 1, sizeof(ulong));
    mark = flint_calloc(k + 1, 1);
    for (s = 0; s < rank; s++)
        prow_of[pcol[s]] = prow[s];
    for (j = 0, f = 0; j < n && st == QMAT_OK; j++) {
        const MRow *P;
        slong ntouch = 0;
        if ((j & 1023) == 0 && sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        if (!ispiv[j]) {
            piv[f] = j;
            touch[0] = f;
            acc[f] = 1;
            mark[f] = 1;
            if (spker_put_row(K, j, touch, 1, acc, mark))
                st = QMAT_E_TOO_LARGE;
            f++;
            continue;
        }
        P = E->row + prow_of[j];
        for (t = 0; t + 1 < P->len; t++) {
            slong col = P->col[t], e;
            ulong v = nmod_neg(P->val[t], E->mod);
            for (e = K->start[col]; e < K->start[col] + K->len[col]; e++) {
                slong u = K->idx[e];
                if (!mark[u]) {
                    mark[u] = 1;
                    touch[ntouch++] = u;
                }
                acc[u] = nmod_add(acc[u], nmod_mul(v, K->val[e], E->mod), E->mod);
            }
        }
        if (spker_put_row(K, j, touch, ntouch, acc, mark))
            st = QMAT_E_TOO_LARGE;
    }
    /* K is already the canonical form (see the header comment) */
    if (st != QMAT_OK)
        spker_clear(K);
    flint_free(prow_of);
    flint_free(touch);
    flint_free(acc);
    flint_free(mark);
    return st;
}

int nullspace_modp_kernel(SpKer *K, slong *piv, const SpZMat *Z, ulong p)
{
    Elim E;
    slong n = Z->c, rank = 0, s, t = 0, i = 0, j, *prow, *pcol;
    char *ispiv;
    int st = QMAT_OK;

    memset(K, 0, sizeof *K);
    elim_init(&E, Z, p);
    prow = flint_malloc((FLINT_MIN(Z->r, n) + 1) * sizeof(slong));
    pcol = flint_malloc((FLINT_MIN(Z->r, n) + 1) * sizeof(slong));
    ispiv = flint_calloc(n + 1, 1);
    while (elim_choose(&E, &i, &t)) {
        MRow *P = E.row + i;
        slong c = P->col[t], m, cnt;
        ulong inv;
        if ((rank & 255) == 255 && sym_interrupt_poll()) {
            st = QMAT_E_INTERRUPTED;
            break;
        }
        elim_bucket_remove(&E, i);
        E.active[i] = 0;
        for (s = 0; s < P->len; s++)
            E.ccount[P->col[s]]--;
        inv = n_invmod(P->val[t], p);
        for (s = 0; s < P->len; s++)
            P->val[s] = nmod_mul(P->val[s], inv, E.mod);
        cnt = E.clen[c];
        for (m = 0; m < cnt; m++) {
            slong r = E.clist[c][m];
            if (E.active[r])
                elim_reduce(&E, r, P, c);
        }
        E.clen[c] = 0;
        prow[rank] = i;
        pcol[rank] = c;
        ispiv[c] = 1;
        rank++;
    }
    if (st == QMAT_OK)
        st = elim_backsub(K, &E, prow, pcol, rank, ispiv, piv);
    if (st == QMAT_OK && E.ndeferred > 0) {
        /* keep only the deferred rows that are independent of the pivot
           rows: r is in their span iff r K = 0; test r (K w) = 0 for a
           random w.  A dependent row always passes; an independent one
           passes with probability < 1/p, and then the kernel is too big
           and fails the exact check over Z (nullspace.c). */
        ulong *z = flint_calloc(n + 1, sizeof(ulong)),
              *w = flint_malloc((K->k + 1) * sizeof(ulong));
        slong d, m = 0, e;
        ulong seed = p ^ UWORD(0x9e3779b97f4a7c15);
        for (t = 0; t < K->k; t++) {
            seed = seed * UWORD(6364136223846793005) + UWORD(1442695040888963407);
            w[t] = n_mod2_preinv(seed >> 1, p, E.mod.ninv);
        }
        for (j = 0; j < n; j++)
            for (e = K->start[j]; e < K->start[j] + K->len[j]; e++)
                z[j] = nmod_add(z[j], nmod_mul(K->val[e], w[K->idx[e]], E.mod), E.mod);
        for (d = 0; d < E.ndeferred; d++) {
            const MRow *R = E.row + E.deferred[d];
            ulong dot = 0;
            for (t = 0; t < R->len; t++)
                dot = nmod_add(dot, nmod_mul(R->val[t], z[R->col[t]], E.mod), E.mod);
            if (dot != 0)
                E.deferred[m++] = E.deferred[d];
        }
        E.ndeferred = m;
        flint_free(z);
        flint_free(w);
        if (m > 0) {
            spker_clear(K);
            st = elim_deferred(&E, prow, pcol, ispiv, &rank);
            if (st == QMAT_OK)
                st = elim_backsub(K, &E, prow, pcol, rank, ispiv, piv);
        }
    }
    flint_free(prow);
    flint_free(pcol);
    flint_free(ispiv);
    elim_clear(&E);
    return st;
}
