#!/bin/sh
# run-pendulum.sh — the sweep of the paper's network experiment (Otto et al.,
# arXiv 2311.00212) on Sym's engines: models x n_traj x seeds, one CSV line each.
#
# usage: tests/bench/run-pendulum.sh [STEPS [SEEDS [NTRAJS [MODELS]]]]
#   defaults: 10000 steps (the authors'), seeds "0", n_traj
#   "5 10 25 50 100 250 500", models "mlp so3 so2 poly".
# Run from the build directory after `make tests/bench/pendulum`; the data
# are made once by tests/bench/pendulum_data.sym.  Results go to stdout
# (and pendulum-results.csv).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sym=${SYM:-./sym}
steps=${1:-10000}
seeds=${2:-0}
ntrajs=${3:-"5 10 25 50 100 250 500"}
models=${4:-"mlp so3 so2 poly"}
data=/tmp/sym_pendulum1500.csv
[ -f "$data" ] || "$sym" "$here/pendulum_data.sym"
out=pendulum-results.csv
echo "model,ntraj,seed,steps,train_mse,val_mse,test_mse,seconds,sv1,sv2,sv3" | tee "$out"
for seed in $seeds; do
    for n in $ntrajs; do
        for m in $models; do
            ./tests/bench/pendulum "$data" "$m" "$n" "$seed" "$steps" | tee -a "$out"
        done
    done
done
