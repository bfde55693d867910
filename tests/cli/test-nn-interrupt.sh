#!/bin/sh
# test-nn-interrupt.sh — Ctrl-C (SIGINT) during train returns the network
# trained so far with a warning, and the script goes on (status 0).
set -u
sym=${SYM:-sym}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symnn.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
cat >"$tmp/t.sym" <<'SYM'
X = rand(200, 12, seed = 1)
net = train(mlp([12, 64, 64, 12], seed = 1), X, X, steps = 100000000)
print("interrupted ", net.interrupted)
SYM
"$sym" "$tmp/t.sym" >"$tmp/out" 2>"$tmp/err" </dev/null &
pid=$!
# wait until training runs (the interpreter has started), then interrupt
sleep 2
kill -INT $pid
wait $pid
st=$?
fails=0
[ $st = 0 ] || { echo "FAIL: status $st, expected 0"; fails=1; }
grep -q "^interrupted *true$" "$tmp/out" || { echo "FAIL: stdout:"; cat "$tmp/out"; fails=1; }
grep -q "warning: training interrupted at step" "$tmp/err" || { echo "FAIL: stderr:"; cat "$tmp/err"; fails=1; }
[ $fails = 0 ] && echo "ok: Ctrl-C during train returns the current network"
exit $fails
