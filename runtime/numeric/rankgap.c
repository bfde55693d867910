/* rankgap.c — the numerical rank rule: a noise floor plus a minimum gap
 * ratio, able to answer "none".  See rankgap.h for the rule. */
#include <math.h>
#include "rankgap.h"

double rankgap_floor(double scale, double tol)
{
    return tol >= 0 ? tol : RANKGAP_DEFAULT_REL * scale;
}

int rankgap_decide(RankGap *out, const double *sv, int n, double scale, double tol,
                   double min_ratio)
{
    out->rank = 0;
    out->nnull = 0;
    out->threshold = 0;
    out->gap = 0;
    out->why = "no singular values";
    if (n <= 0)
        return 0;
    if (!(scale > 0) || !isfinite(scale) || isnan(tol) || isnan(min_ratio)) {
        out->rank = -1;
        out->why = "the operator's size is not a positive number";
        return -1;
    }
    for (int i = 0; i < n; i++)
        if (!isfinite(sv[i]) || sv[i] < 0) {
            out->rank = -1;
            out->why = "a singular value is NaN, infinite or negative";
            return -1;
        }
    double f = rankgap_floor(scale, tol);
    double ratio_min = min_ratio >= 0 ? min_ratio : RANKGAP_DEFAULT_RATIO;
    int r0 = 0;
    while (r0 < n && sv[r0] > f)
        r0++;
    int best = -1;
    double bestratio = 0;
    for (int r = 1; r <= r0; r++) {
        double ratio;
        if (r == n)
            break;
        double den = sv[r] > f ? sv[r] : f;
        ratio = den > 0 ? sv[r - 1] / den : HUGE_VAL;
        if (r < r0 && ratio < ratio_min)
            continue;
        if (best < 0 || ratio > bestratio) {
            best = r;
            bestratio = ratio;
        }
    }
    if (r0 == 0) {
        out->rank = 0;
        out->nnull = n;
        out->threshold = f;
        out->gap = 0;
        out->why = tol >= 0 ? "every singular value is at or below tol"
                            : "every singular value is at or below the round-off floor";
        return 0;
    }
    if (best < 0) { /* r0 == n and no gap of min_ratio */
        out->rank = n;
        out->nnull = 0;
        out->threshold = f;
        out->gap = 0;
        out->why = "none: no singular value is below the floor and no gap reaches the "
                   "minimum ratio";
        return n;
    }
    out->rank = best;
    out->nnull = n - best;
    out->gap = sv[best] > 0 ? sv[best - 1] / sv[best] : HUGE_VAL;
    if (best == r0) {
        out->threshold = f;
        out->why = tol >= 0 ? "the singular values below tol are null"
                            : "the singular values below the round-off floor are null";
    } else {
        out->threshold = sqrt(sv[best - 1] * sv[best]);
        out->why = "the largest gap above the floor reaches the minimum ratio";
    }
    return best;
}
