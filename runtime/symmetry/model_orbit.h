/* model_orbit.h — the closed-form basis of the layers that the symmetric
 * group S(n) (or A(n)) leaves fixed, when both representations are tensor
 * products of its permutation representation V = std(S(n)) (duals and hom
 * spaces of them, trivial factors of dimension 1) or direct sums of such
 * (trivial(k): k summands V^0).
 *
 * Such a layer W : V^(x)p -> V^(x)q (and bias b in V^(x)q), entries
 * W[i1..iq | j1..jp] (out tuple i, in tuple j), is equivariant iff
 * W[σ(i) | σ(j)] = W[i | j] (and b[σ(i)] = b[i]) for every
 * permutation σ: the solutions are spanned by the indicators of the orbits
 * of S(n) on index tuples, and an orbit is the pattern of equal positions,
 * a set partition of the q + p positions (the q bias positions) with at
 * most n blocks: Bell numbers when n >= q + p.  No linear solve is done and
 * nothing of size n^(q+p) is formed.
 *
 * Canonical order: the indicators have disjoint supports, so the canonical
 * basis of model.h (rows of B^T in reduced echelon form) is the indicators
 * sorted by their first full index.  The first tuple of an orbit is its
 * restricted growth string (position t gets its block's value, a new block
 * the next unused value 0, 1, 2, ...) read as base-n digits, out positions
 * i1..iq most significant, then in positions j1..jp: full index
 * sum_t a_t n^(q+p-1-t); the bias orbits follow all W orbits (full index
 * dout*din + the out tuple).  Positions are numbered in the order of the
 * representations' index conventions (rep.h): tensor(a, b) a's first,
 * hom(a, b) b's then a's.
 *
 * Direct sums: W is block by block, W[s|t] between out summand s (q_s
 * positions) and in summand t (p_t positions) and b[s]; the orbits are
 * those of every block (a "slot"), the first tuple of an orbit of W[s|t]
 * at full index (qoff[s] + x) din + poff[t] + y for the first tuple's out
 * digits x and in digits y, and all orbits are sorted by first index.
 *
 * A(n) (n >= 3): a tuple with m <= n - 2 distinct values has the same
 * orbit as under S(n) (its stabiliser in S(n) holds a transposition); when
 * m >= n - 1 the S(n)-orbit is a torsor of S(n) and splits in two A(n)
 * orbits: the tuples σ(r) (σ applied to the values of the string r) with σ
 * even ("even" half, holding r itself) and odd.  The odd half's first
 * tuple is σ(r) for σ the transposition (n-2 n-1).  The orbits are then
 * sorted by first index (W orbits, then bias orbits).
 *
 * The space stores only the partitions (ModelOrbit); model.c's accessors
 * call the functions below (basis columns, combine, coords materialise
 * entries only when asked, within the size limits). */
#ifndef SYM_MODEL_ORBIT_H
#define SYM_MODEL_ORBIT_H

#include "base/strbuf.h"
#include "symmetry/model.h"

/* model_orbit_enforce's answer when the case does not apply. */
#define MODEL_ORBIT_NA (-1)
/* Largest number of orbits (the dimension) and of tensor positions. */
#define MODEL_ORBIT_MAX_DIM (WORD(1) << 22)
#define MODEL_ORBIT_MAX_POS 64

typedef struct ModelOrbit {
    slong n;    /* the group S(n) or A(n) */
    int alt;    /* 1: A(n) */
    int bias;   /* bias orbits present */
    slong nout; /* summands of rout: tensor positions qpos[s], coordinates */
    slong nin;  /* from qoff[s] (qoff[nout] = dout); the same for rin */
    slong *qpos, *qoff, *ppos, *poff;
    unsigned char *rgs[MODEL_ORBIT_MAX_POS + 1]; /* strings of length L, lexicographic */
    slong nrgs[MODEL_ORBIT_MAX_POS + 1];
    slong *base;                /* slot s: its (string, half) codes start at orb + base[s] */
    slong *orb;                 /* orbit of (slot, 2 r + h), -1: none */
    slong dim;                  /* orbits */
    slong *ent_slot, *ent_code; /* orbit j: its slot and code 2 r + h */
    slong *first;               /* orbit j: full index of its first tuple */
} ModelOrbit;

/* Free O (NULL allowed). */
void model_orbit_free(ModelOrbit *O);

/* The S(n) / A(n) case of model_space_enforce.  When V is a layer space of
   the kind above (full, or already an orbit space of the same group),
   every alg[i] is zero and the discrete elements are permutation matrices
   that provably generate S(n) (n = 1; or among them a transposition (a b)
   and an n-cycle σ with b = σ^k(a), gcd(k, n) = 1) or A(n), n >= 3 (all
   even, and among them a 3-cycle (a b c) and either an n-cycle σ with
   σ(a) = b, σ(b) = c (n odd) or an (n-1)-cycle σ fixing a with σ(b) = c
   (n even): conjugates of A(n)'s generators (1 2 3), (1 2 ... n) /
   (2 3 ... n)), out (initialised by the call) = the orbit space and the
   status is returned.  When V is an orbit space and
   the constraints are of another kind, V is materialised (within
   MODEL_MAX_COEFFS) and model_space_enforce runs on that.  When V is full
   with nfull > MODEL_MAX_COEFFS and the case does not apply, a size-limit
   error (out initialised).  Otherwise MODEL_ORBIT_NA and out untouched. */
int model_orbit_enforce(ModelSpace *out, const ModelSpace *V, const fmpq_mat_struct *alg,
                        slong nalg, const fmpq_mat_struct *disc, slong ndisc, char *err);

/* Accessors of an orbit space (V->orbit set); contracts as in model.h.
   The full index of the first tuple of orbit j (its pivot). */
slong model_orbit_first_index(const ModelSpace *V, slong j);
/* The orbit of full index i (0 <= i < nfull). */
slong model_orbit_class(const ModelSpace *V, slong i);
void model_orbit_basis_column(fmpq *col, const ModelSpace *V, slong j);
int model_orbit_get_basis(fmpq_mat_t M, const ModelSpace *V);
void model_orbit_combine(fmpq *f, const ModelSpace *V, const fmpq *c);
void model_orbit_combine_d(double *f, const ModelSpace *V, const double *c);
int model_orbit_coords(fmpq *c, const ModelSpace *V, const fmpq *f);

/* Append to sb the description of V's basis: a header line and, for the
   first `show` orbits, which positions are equal ("i1 = j1, i2, j2": the
   blocks, positions in a block equal, blocks distinct). */
void model_orbit_describe(StrBuf *sb, const ModelSpace *V, slong show);

#endif
