#!/bin/sh
# recovery-sweep.sh — the recovery experiment as a Sym sweep
# (recovery_sweep.sym: ortho and quad, priors t(m) and se(m), the authors'
# cases from m = 5 to 50, every search through the shipped promote),
# resumable, then merged and compared with the authors' runs by
# recovery-compare.py (Sym's median n_recover against their [min, max],
# median CPU seconds per search against their median dt).
# Usage (from the build directory):
#   tests/bench/recovery-sweep.sh [OUT.csv]          every task: SHARDS shards
#       (default JOBS) under GNU parallel on JOBS local cores (default nproc)
#   tests/bench/recovery-sweep.sh OUT.csv K...       only tasks K... (indices
#       from "sym recovery_sweep.sym list"), one at a time, in that order:
#       task K alone is shard K of 100000 (more shards than points)
# One OpenBLAS thread per process.  SYM=path picks the sym binary; default
# OUT /tmp/sym_recovery_sweep/r.csv; AUTHORS=dir holds the authors' CSVs
# (default ../shared/data/recovery); NICE=n runs each process under
# nice -n n; UNTIL=HH:MM (UTC) starts no task after that time and kills a
# running one then (its row is not written; rerunning resumes).
# The same script runs as a Slurm array: sbatch --array=0-N --wrap
# "sym recovery_sweep.sym OUT.csv", then "sym recovery_sweep.sym OUT.csv merge".
set -e
here=$(cd "$(dirname "$0")" && pwd)
sym=${SYM:-./sym}
out=${1:-/tmp/sym_recovery_sweep/r.csv}
[ $# -gt 0 ] && shift
jobs=${JOBS:-$(nproc)}
shards=${SHARDS:-$jobs}
nice="nice -n ${NICE:-0}"
mkdir -p "$(dirname "$out")"
export OPENBLAS_NUM_THREADS=1
if [ $# -eq 0 ]; then
    parallel --will-cite -j "$jobs" \
        $nice "$sym" "$here/recovery_sweep.sym" "$out" {} "$shards" ::: $(seq 0 $((shards - 1)))
else
    for k in "$@"; do
        limit=
        if [ -n "$UNTIL" ]; then
            left=$(($(date -u -d "$UNTIL" +%s) - $(date -u +%s)))
            [ "$left" -gt 0 ] || { echo "$UNTIL reached: stopping before task $k"; break; }
            limit="timeout --signal=KILL $left"
        fi
        echo "$(date -u +%T) task $k"
        $limit $nice "$sym" "$here/recovery_sweep.sym" "$out" "$k" 100000 ||
            echo "task $k stopped (status $?)"
    done
fi
if [ $# -eq 0 ]; then
    "$sym" "$here/recovery_sweep.sym" "$out" merge
else
    "$sym" "$here/recovery_sweep.sym" "$out" merge partial
fi
# AUTHORS: the directory of the authors' CSVs (default: recovery-compare.py's)
/usr/bin/python3 "$here/recovery-compare.py" "$out" ${AUTHORS:+"$AUTHORS"}
