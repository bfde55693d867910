#!/bin/sh
# recovery-sweep.sh — the recovery experiment as a Sym sweep
# (recovery_sweep.sym: ortho, m = 5, d = 2 and 4, r = 1-3, priors t and se,
# seeds 0-9, every search through the shipped promote): SHARDS shards
# (default JOBS) under GNU parallel on JOBS local cores (default nproc, one
# OpenBLAS thread each), resumable, then merged and compared with the
# authors' runs by recovery-compare.py (median n_recover against their
# [min, max] over 10 seeds, seconds per search against their dt).
# Usage: tests/bench/recovery-sweep.sh [OUT.csv]   (from the build directory;
# SYM=path picks the sym binary; default OUT /tmp/sym_recovery_sweep/r.csv;
# AUTHORS=dir holds the authors' CSVs, default ../shared/data/recovery)
# The same script runs as a Slurm array: sbatch --array=0-N --wrap
# "sym recovery_sweep.sym OUT.csv", then "sym recovery_sweep.sym OUT.csv merge".
set -e
here=$(cd "$(dirname "$0")" && pwd)
sym=${SYM:-./sym}
out=${1:-/tmp/sym_recovery_sweep/r.csv}
jobs=${JOBS:-$(nproc)}
shards=${SHARDS:-$jobs}
mkdir -p "$(dirname "$out")"
OPENBLAS_NUM_THREADS=1 parallel --will-cite -j "$jobs" \
    "$sym" "$here/recovery_sweep.sym" "$out" {} "$shards" ::: $(seq 0 $((shards - 1)))
"$sym" "$here/recovery_sweep.sym" "$out" merge
/usr/bin/python3 - "$out" > "$out.compare.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["set", "prior", "m", "r", "d", "seed", "n_recover", "n_lib", "dt", "tot_iters",
            "n_solves"])
for r in rows:
    w.writerow(["ortho", r["prior"], 5, r["r"], r["d"], r["seed"], r["n_recover"], r["n_lib"],
                "%.3f" % float(r["secs"]), r["iters"], r["solves"]])
PY
# AUTHORS: the directory of the authors' CSVs (default: recovery-compare.py's)
/usr/bin/python3 "$here/recovery-compare.py" "$out.compare.csv" ${AUTHORS:+"$AUTHORS"}
