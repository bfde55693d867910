#!/bin/sh
# run-promote.sh — build (if needed) and run the promotion benchmark: the
# problems of bench_promote.py (P1 regularised and P2 interpolation, three
# sizes) solved by Sym's C ADMM (bench_promote), the same ADMM in NumPy and
# an interior-point SDP (cvxopt), as one table with the relative differences
# of the solutions (must be <= 1e-6; the script exits 1 otherwise).
# Usage: tests/bench/run-promote.sh [DIR]   (from the build directory;
# BENCH_PROMOTE=path overrides the driver)
set -e
# CPU times with one BLAS thread on every side (the machine is shared)
export OPENBLAS_NUM_THREADS=1
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/sym_bench_promote}
bench=${BENCH_PROMOTE:-tests/bench/bench_promote}
if [ -z "$BENCH_PROMOTE" ] && { [ ! -x "$bench" ] || [ "$here/bench_promote.c" -nt "$bench" ]; }; then
    make "$bench"
fi
mkdir -p "$dir"
/usr/bin/python3 "$here/bench_promote.py" gen "$dir"
echo "== promotion: Sym's ADMM (C) vs NumPy ADMM vs cvxopt SDP (time, ratio peer / sym)"
/usr/bin/python3 "$here/bench_promote.py" run "$dir" "$bench"
