#!/bin/sh
# run-enforce.sh — the enforce benchmark: Sym's exact enforce (the Sym
# scripts in tests/bench/enforce/, timed inside Sym with clock()) against
# the authors' float method in NumPy and SymPy exact (bench_enforce.py), as
# one Markdown table, then the wrong-dimension study of the float method.
# Usage: tests/bench/run-enforce.sh [DIR]   (from the build directory; SYM=
# path picks another sym binary, e.g. an -O2 build; SYM_BENCH_CAP=seconds
# caps each SymPy run, default 60; SYM_BENCH_FLOAT_CAP the float runs,
# default 600)
set -e
# CPU times with one BLAS thread on every side (the machine is shared)
export OPENBLAS_NUM_THREADS=1
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-/tmp/sym_bench_enforce}
sym=${SYM:-./sym}
if [ -z "$SYM" ]; then
    make sym
fi
mkdir -p "$dir"
: > "$dir/sym.txt"
echo "== Sym ($sym)"
for f in polys_so3 fields_so3 polys_so2 layers; do
    "$sym" "$here/enforce/$f.sym" | tee -a "$dir/sym.txt"
done
echo
echo "== Table (peer time and ratio peer / sym)"
/usr/bin/python3 "$here/bench_enforce.py" table "$dir/sym.txt"
echo
echo "== Wrong dimension: the float method's 1e-5 cut on invariant polynomials"
/usr/bin/python3 "$here/bench_enforce.py" svals 1 2 3 4 5
