/* discrete.h — generators of finite groups and of the other components of
 * matrix groups, as exact rational matrices of the standard representation.
 *
 * Conventions of algebra.h apply (status codes, err buffers, resized
 * outputs).  A permutation p of {0..n-1} (given by its images p[i]) acts as
 * the permutation matrix P with P e_i = e_{p(i)}, i.e. P[p(i)][i] = 1.
 * Cycles below are written 1-based as usual: (12...n) sends 1 -> 2 -> ... ->
 * n -> 1.  These are generating sets: symmetric means invariant under each
 * generator (the group they generate).  Push a generator h through a
 * representation with rep_group_element (rep.h).
 */
#ifndef SYM_LIE_DISCRETE_H
#define SYM_LIE_DISCRETE_H

#include "lie/algebra.h"

/* Largest n of a permutation group (S(n), A(n), Z(n), D(n)). */
#define DISCRETE_MAX_N ALG_MAX_N_ZERO

typedef struct DiscreteGens {
    slong n; /* generators are n x n */
    slong count;
    fmpq_mat_struct *gens; /* owned */
    char name[48];
} DiscreteGens;

/* Empty set of generators (n = 0, count = 0).  Every DiscreteGens must be
   cleared.  The constructors below initialise G themselves (on error G is
   empty, still to be cleared). */
void discrete_init(DiscreteGens *G);
void discrete_clear(DiscreteGens *G);

/* out (n x n) = permutation matrix of p (p[i] = image of i, 0-based).
   ALG_ERR_ARG unless p is a permutation of 0..n-1, 1 <= n <= DISCRETE_MAX_N. */
int discrete_perm_matrix(fmpq_mat_t out, const slong *p, slong n, char *err);

/* S(n), 1 <= n <= 64: (12) and (12...n), duplicates dropped (S(1): none;
   S(2): (12) only). */
int discrete_init_symmetric(DiscreteGens *G, slong n, char *err);
/* A(n), 1 <= n <= 64: (123) and (12...n) for odd n, (123) and (23...n) for
   even n, duplicates dropped (A(1), A(2): none; A(3): (123)). */
int discrete_init_alternating(DiscreteGens *G, slong n, char *err);
/* Z(n), 1 <= n <= 64: the cyclic shift (12...n) (Z(1): none). */
int discrete_init_cyclic(DiscreteGens *G, slong n, char *err);
/* D(n), 3 <= n <= 64: the symmetries of the regular n-gon as a permutation
   representation on its vertices 0..n-1: the rotation i -> i+1 mod n and
   the reflection i -> -i mod n (fixing vertex 0). */
int discrete_init_dihedral(DiscreteGens *G, slong n, char *err);
/* O(n) = SO(n) plus one reflection, 1 <= n <= ALG_MAX_N: the single
   generator diag(-1, 1, ..., 1). */
int discrete_init_orthogonal(DiscreteGens *G, slong n, char *err);
/* O(1, 3) = SO+(1, 3) plus parity P = diag(1, -1, -1, -1) and time
   reversal T = diag(-1, 1, 1, 1) (eta = diag(-1, 1, 1, 1) as in so(1, 3)). */
int discrete_init_lorentz(DiscreteGens *G, char *err);
/* User generators: count >= 0 invertible n x n matrices (copied), with
   1 <= n <= ALG_MAX_N (ALG_ERR_ARG / ALG_ERR_SINGULAR). */
int discrete_init_user(DiscreteGens *G, const fmpq_mat_struct *mats, slong count, slong n,
                       const char *name, char *err);

/* out ((n+1) x (n+1)) = [h, 0; 0, 1], the lift of a linear group element to
   the affine matrices of t(n), se(n), aff(n).  ALG_ERR_ARG unless h square. */
int discrete_affine_lift(fmpq_mat_t out, const fmpq_mat_t h, char *err);

/* out (initialised; resized) = the linear group element h as an element
   of the algebra g's group: its affine lift [h, 0; 0, 1] when g is affine
   and h is (n-1) x (n-1) for g's n, else a copy of h.  Errors as
   discrete_affine_lift. */
int discrete_element_of(fmpq_mat_t out, const MatAlgebra *g, const fmpq_mat_t h, char *err);

#endif
