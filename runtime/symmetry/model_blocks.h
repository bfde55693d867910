/* model_blocks.h — enforce on layers between direct sums, block by block.
 *
 * When the representations of a layer space split into invariant blocks
 * (direct sums, k copies of the trivial representation, permutation
 * representations with several orbits), the constraints of enforce are
 * block diagonal in the blocks W_ab of W (and b_a of b).  The blocks are
 * found from the matrices the constraints use (connected components of
 * their nonzero patterns), grouped into types (equal matrices on every
 * generator), each pair of types is solved once with the sparse exact
 * solver (spmat_nullspace_rows: class shortcut, modular method, checked),
 * and its basis is replicated into every pair of copies.  The result is
 * the canonical basis of the flat solve: the block kernels have disjoint
 * supports and each is canonical in its block's coordinates, whose order
 * is that of the full coordinates.
 */
#ifndef SYM_MODEL_BLOCKS_H
#define SYM_MODEL_BLOCKS_H

#include "symmetry/model.h"

/* The block route is taken when there are at most this many pairs of
   types, or at least 8 pairs of blocks per pair of types. */
#define MODEL_BLOCKS_MAX_PAIRS 4096

/* For a full layer space V with the generators of model_space_enforce: when
   V's representations have more than one block on a side (and the pairs
   of types are few or much repeated, MODEL_BLOCKS_MAX_PAIRS), Nt (initialised;
   reset) = the canonical basis rows of the symmetric subspace (dim x nfull)
   and *used = 1; otherwise, or when a generator does not fit (the flat
   route then reports it), *used = 0 and Nt is untouched.  Returns 0 or a
   QMAT_E_* code (QMAT_E_INTERRUPTED, QMAT_E_TOO_LARGE) with a message in
   err. */
int model_blocks_enforce(SpMat *Nt, int *used, const ModelSpace *V, const fmpq_mat_struct *alg,
                         slong nalg, const fmpq_mat_struct *disc, slong ndisc, char *err);

#endif
