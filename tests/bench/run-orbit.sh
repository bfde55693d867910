#!/bin/sh
# run-orbit.sh — build (if needed) and run the S(n) orbit-basis benchmark
# (bench_orbit.c): the closed-form basis that enforce takes for S(n) on
# tensor powers of std(S(n)) against Sym's general exact route on the same
# constraint rows (the equality-class solver and the sparse modular
# elimination), CPU time, median [min-max] of RUNS runs (default 5).
# Usage: tests/bench/run-orbit.sh [RUNS]   (from the build directory)
set -e
here=$(cd "$(dirname "$0")" && pwd)
bench=tests/bench/bench_orbit
if [ ! -x "$bench" ] || [ "$here/bench_orbit.c" -nt "$bench" ]; then
    make "$bench"
fi
"$bench" "${1:-5}"
