#!/bin/sh
# test-interrupt.sh — Ctrl-C (SIGINT) stops long builtins and the rest of
# the line (issue 10, item 7): a script gets SIGINT while a builtin runs and
# must exit with status 130, print "interrupted", never run the statements
# after it, and stop promptly.  A computation inside one LAPACK call cannot
# poll: a second SIGINT stops the process at once.  Needs SYM.  The stop
# limits are generous (a loaded machine, sanitizers): the cases inside one
# FLINT call (discover's modular rref, a polynomial product) stop when that
# call returns; the report shows the measured latency.
set -u
sym=${SYM:-sym}
fails=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symint.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
LC_ALL=C.UTF-8; export LC_ALL

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# interrupt DESC WAIT LIMIT SIGNALS SCRIPT: run SCRIPT, send SIGNALS SIGINTs
# (0.3 s apart) after WAIT seconds, then require exit 130 within LIMIT
# seconds, no "after" on stdout and "interrupted" on stderr.
interrupt() {
    desc=$1; wait_s=$2; limit=$3; nsig=$4
    printf '%s\n' "$5" >"$tmp/s.sym"
    "$sym" "$tmp/s.sym" >"$tmp/out" 2>"$tmp/err" </dev/null &
    pid=$!
    sleep "$wait_s"
    if ! kill -0 "$pid" 2>/dev/null; then
        wait "$pid"
        fail "$desc: finished before the signal (make the work larger)"
        return
    fi
    k=0
    while [ $k -lt "$nsig" ]; do
        kill -INT "$pid" 2>/dev/null
        k=$((k + 1))
        [ $k -lt "$nsig" ] && sleep 0.3
    done
    waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt $((limit * 10)) ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        fail "$desc: still running ${limit} s after SIGINT"
        return
    fi
    wait "$pid"
    st=$?
    if [ "$st" != 130 ]; then fail "$desc: status $st, expected 130"; sed 's/^/  /' "$tmp/err"; return; fi
    if grep -q after "$tmp/out"; then fail "$desc: the rest of the line ran"; return; fi
    if ! grep -q interrupted "$tmp/err"; then fail "$desc: no 'interrupted' message"; return; fi
    pass "$desc (stopped in about $waited/10 s)"
}

interrupt "discover(F, d = 8) in 4 variables" 1 60 1 \
'coords x, y, z, w
r = discover(x^2 + y^2 + z^2 - w^2, d = 8); print("after")
print("after")'

interrupt "a Sym loop" 1 10 1 \
's = 0
while true
  s = s + 1
end; print("after")
print("after")'

interrupt "convolve of a large image" 1 10 1 \
'I = rand(1500, 1500); K = rand(41, 41); C = convolve(I, K); print("after")
print("after")'

interrupt "a long polynomial product, the next statement of the line" 0.5 60 1 \
'coords x, y, z
F = (x + y + z + 1)^60; G = F * F; print("after")
print("after")'

interrupt "one long LAPACK call, Ctrl-C twice" 1 10 2 \
'A = rand(2500, 2500); s = svd(A); print("after")
print("after")'

echo "$fails failure(s)"
[ "$fails" = 0 ]
