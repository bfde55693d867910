#!/bin/sh
# recovery.sh — runs the recovery experiment grid (Otto et al., arXiv 2311.00212) with
# tests/bench/recovery, 10 seeds per case, two seeds at a time (one
# OpenBLAS thread each), and appends one CSV row per (case, seed) to
# tests/bench/recovery-results.csv.  Rows already in the file are skipped, so
# an interrupted run resumes.  Then prints the comparison with the authors'
# data (recovery-compare.py).
#
# Usage: tests/bench/recovery.sh [PART...]   PART in d2 d3 d4 se30 (default all,
#        in that order).  Environment: RECOVERY=path of the driver (default:
#        build it with `make tests/bench/recovery` in BUILD_DIR, default .),
#        JOBS (default 2), OUT (default tests/bench/recovery-results.csv),
#        SEEDS (default "0 1 2 3 4 5 6 7 8 9").
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-.}
if [ -z "${RECOVERY:-}" ]; then
    make -C "$BUILD_DIR" tests/bench/recovery >/dev/null
    RECOVERY=$(cd "$BUILD_DIR" && pwd)/tests/bench/recovery
fi
OUT=${OUT:-$here/recovery-results.csv}
JOBS=${JOBS:-2}
SEEDS=${SEEDS:-"0 1 2 3 4 5 6 7 8 9"}
export OPENBLAS_NUM_THREADS=1
[ -s "$OUT" ] || echo "set,prior,m,r,d,seed,n_recover,n_lib,dt,tot_iters,n_solves" > "$OUT"

jobs_for() { # part -> lines "set prior m r d seed"
    case $1 in
    d2) for s in $SEEDS; do for p in t se; do for r in 1 2 3; do for m in 5 10; do
            echo "ortho $p $m $r 2 $s"; done; done; done
            for m in 5 10; do echo "quad se $m 1 1 $s"; done
            for r in 1 2; do for m in 5 6 7 8 9 10; do echo "quad se $m $r 2 $s"; done; done
        done ;;
    d3) for s in $SEEDS; do for p in t se; do for r in 1 2 3; do for m in 6 7 8 9 10; do
            echo "ortho $p $m $r 3 $s"; done; done; done; done ;;
    d4) for s in $SEEDS; do for p in t se; do for r in 1 2 3; do for m in 5 6 7 8 9 10; do
            echo "ortho $p $m $r 4 $s"; done; done; done; done ;;
    se30) for s in $SEEDS; do echo "ortho se 30 1 2 $s"; done ;;
    *) echo "unknown part $1" >&2; exit 2 ;;
    esac
}

parts=${*:-"d2 d3 d4 se30"}
for part in $parts; do
    jobs_for "$part" | while read -r set p m r d s; do
        if ! grep -q "^$set,$p,$m,$r,$d,$s," "$OUT"; then
            echo "$set $p $m $r $d $s"
        fi
    done | xargs -r -P "$JOBS" -L 1 sh -c '"$0" "$@" >> "'"$OUT"'"' "$RECOVERY" \
        || echo "recovery.sh: some runs of part $part failed (see above)" >&2
done
/usr/bin/python3 "$here/recovery-compare.py" "$OUT"
