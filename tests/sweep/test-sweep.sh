#!/bin/sh
# test-sweep.sh — sweep and sweep_merge on tests/sweep/sweep.sym: a serial
# run, three shards as separate background processes, four shards under GNU
# parallel (skipped with a note when `parallel` is not installed), and a run
# cut short then resumed (a partial last row, as a killed writer leaves it,
# is repaired) must all merge to byte-identical CSV files; the merge must
# refuse an incomplete sweep.  Every command runs under timeout.
set -u
sym=${SYM:-./sym}
src=${srcdir:-.}
script=$src/tests/sweep/sweep.sym
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sym-sweep.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
run() { timeout 120 "$sym" "$script" "$@"; }

# serial
mkdir "$tmp/serial"
run "$tmp/serial/r.csv" >/dev/null || fail "serial run"
run "$tmp/serial/r.csv" merge >/dev/null || fail "serial merge"
[ "$(wc -l < "$tmp/serial/r.csv")" = 10 ] || fail "serial: expected a header and 9 rows"
grep -q '^8,4,3,187,' "$tmp/serial/r.csv" || fail "serial: S(4) maps V^3 -> V^3 should be 187"

# three local processes
mkdir "$tmp/local"
for i in 0 1 2; do
    run "$tmp/local/r.csv" $i 3 >/dev/null &
done
wait
run "$tmp/local/r.csv" merge >/dev/null || fail "local merge"
cmp -s "$tmp/serial/r.csv" "$tmp/local/r.csv" || fail "3 local shards differ from the serial run"

# GNU parallel
if command -v parallel >/dev/null 2>&1; then
    mkdir "$tmp/par"
    timeout 300 parallel --will-cite -j 2 "$sym" "$script" "$tmp/par/r.csv" {} 4 ::: 0 1 2 3 \
        >/dev/null || fail "GNU parallel run"
    run "$tmp/par/r.csv" merge >/dev/null || fail "parallel merge"
    cmp -s "$tmp/serial/r.csv" "$tmp/par/r.csv" || fail "GNU parallel shards differ from the serial run"
else
    echo "note: GNU parallel not installed, that part not run"
fi

# resume: shard 0 of 2 only, a killed writer's partial row, then the rest
mkdir "$tmp/res"
run "$tmp/res/r.csv" 0 2 >/dev/null || fail "resume: first shard"
if run "$tmp/res/r.csv" merge >/dev/null 2>&1; then
    fail "merge accepted an incomplete sweep"
fi
# the row of task 8 cut short, as a writer killed mid-row would leave it
part=$tmp/res/r.csv.part0of2
head -n 5 "$part" > "$tmp/cut" && printf '8,4,3,18' >> "$tmp/cut" && mv "$tmp/cut" "$part"
out=$(run "$tmp/res/r.csv" 0 2) || fail "resume: shard 0 again"
[ "$out" = "0 2 1 4" ] || fail "resume: shard 0 again should run task 8 only: $out"
[ "$(grep -c '^8,' "$part")" = 1 ] || fail "resume: the partial row was not repaired"
out=$(run "$tmp/res/r.csv" 1 2) || fail "resume: shard 1"
[ "$out" = "1 2 4 0" ] || fail "resume: shard 1: $out"
run "$tmp/res/r.csv" merge >/dev/null || fail "resume merge"
cmp -s "$tmp/serial/r.csv" "$tmp/res/r.csv" || fail "the resumed sweep differs from the serial run"
out=$(run "$tmp/res/r.csv") || fail "serial over a finished sweep"
[ "$out" = "0 1 0 9" ] || fail "a finished sweep ran tasks again: $out"

[ $fails = 0 ] && echo "sweep: serial, local shards, GNU parallel and resume agree"
[ $fails = 0 ]
