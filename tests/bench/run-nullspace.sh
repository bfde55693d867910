#!/bin/sh
# run-nullspace.sh — build (if needed) and run the exact nullspace benchmark:
# Sym's sparse modular solver and dense FLINT (bench_nullspace, C), then the
# Python peers on the same matrices (bench_nullspace.py), as one table.
# Usage: tests/bench/run-nullspace.sh [DIR]   (from the build directory;
# SYM_BENCH_CAP=seconds caps each peer run, default 60)
set -e
# CPU times with one BLAS thread on every side (the machine is shared)
export OPENBLAS_NUM_THREADS=1
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/sym_bench_nullspace}
bench=tests/bench/bench_nullspace
if [ ! -x "$bench" ] || [ "$here/bench_nullspace.c" -nt "$bench" ]; then
    make "$bench"
fi
mkdir -p "$dir"
echo "== Sym (C): sparse modular vs dense FLINT"
"$bench" "$dir"
echo
echo "== Table (peer time and ratio peer / sym)"
/usr/bin/python3 "$here/bench_nullspace.py" "$dir"
