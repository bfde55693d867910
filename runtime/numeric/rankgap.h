/* rankgap.h — the one rule that decides a numerical rank (every float
 * decision can answer "none" and shows the numbers that decided it): how many singular values of a
 * float operator are judged non-zero, and therefore how many directions are (approximate)
 * symmetries.  Used by discover, promote, path, frank and the networks.
 *
 * The rule (documented in sym.1, "FLOAT DECISIONS"):
 *   1. The noise floor f is tol when tol >= 0 (absolute), else
 *      RANKGAP_DEFAULT_REL * scale (round-off of a double computation on an
 *      operator of size scale).  Every singular value <= f is null.
 *   2. Above the floor, the cut r (sv[0..r-1] kept, sv[r..] null) is taken
 *      at a gap: ratio(r) = sv[r-1] / max(sv[r], f) >= min_ratio (default
 *      RANKGAP_DEFAULT_RATIO).  Among the cuts that qualify — including the
 *      floor cut r0 = #{sv > f} when r0 < n — the one with the largest
 *      ratio wins (ties: the smaller rank).
 *   3. When no cut qualifies and nothing is below the floor the answer is
 *      "none": rank n, nnull 0, gap 0.
 * So a rank never comes from the largest ratio alone: a spread of singular
 * values without a gap of min_ratio above the floor answers "none".
 *
 * Engine layer: plain C, no allocation, no state. */
#ifndef SYM_RANKGAP_H
#define SYM_RANKGAP_H

/* Relative noise floor when no tol is given: f = RANKGAP_DEFAULT_REL * scale. */
#define RANKGAP_DEFAULT_REL 1e-10
/* Minimum ratio sigma_r / sigma_{r+1} for a gap when none is given. */
#define RANKGAP_DEFAULT_RATIO 100.0

typedef struct RankGap {
    int rank;         /* singular values judged non-zero */
    int nnull;        /* directions judged null; 0 means "none" */
    double threshold; /* the cut that decided */
    double
        gap; /* sigma_rank / sigma_{rank+1} at the cut (HUGE_VAL if the next is 0), 0 if no gap */
    const char *why; /* one line: how the decision was made, for reports */
} RankGap;

/* sv: n singular values in descending order; scale: the operator's size (>0) that relative
   tolerances refer to; tol: absolute noise floor or <0 for the default; min_ratio: minimum gap
   ratio or <0 for the default. Fills *out by the rule above and returns out->rank.  threshold is
   the floor f when the floor decided (or nothing was null), else the geometric mean of the two
   singular values at the cut.  n <= 0 gives rank 0, nnull 0.  NaN singular values, or scale <= 0 /
   NaN, give rank -1 and a why that says so (callers report it as an error).  why points to static
   text. */
int rankgap_decide(RankGap *out, const double *sv, int n, double scale, double tol,
                   double min_ratio);

/* The floor f that rankgap_decide uses for these scale and tol. */
double rankgap_floor(double scale, double tol);

#endif
