#!/bin/sh
# run-large.sh — the large exact enforce cases of tests/bench/enforce/large.sym
# (so(3) on (R^3)^(x)5 and so(1,3) on (R^4)^(x)4, each -> itself), each in
# its own process under /usr/bin/time for its wall time and peak memory,
# RUNS times (default 3), for the sym binary SYM (default ./sym) and, when
# SYM_OLD names another binary (e.g. a build of an older commit), for it too,
# alternating the two so that both see the same machine load.  Prints one
# line per run and then a median [min-max] summary per binary and case.
# Usage: tests/bench/run-large.sh [CASE...]   (from the build directory;
# default cases so13_T4 so3_T5)
here=$(cd "$(dirname "$0")" && pwd)
sym=${SYM:-./sym}
runs=${RUNS:-3}
out=$(mktemp)
cases=${*:-so13_T4 so3_T5}
for c in $cases; do
    for r in $(seq "$runs"); do
        for b in "$sym" ${SYM_OLD:+"$SYM_OLD"}; do
            line=$(cd "$here/enforce" && /usr/bin/time -f "TIME %e %M" "$b" large.sym "$c" 2>&1 |
                   awk '/^RESULT/ {d = $4; s = $5} /^TIME/ {w = $2; m = $3} END {print d, s, w, m}')
            echo "$b $c $line" | tee -a "$out"
        done
    done
done
echo
echo "binary case dim: in-Sym seconds median [min-max], peak RSS MB median [min-max]"
sort -k1,1 -k2,2 "$out" | awk '
    function summary(   i, j, t, ms) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
            if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
            if (m[j] < m[i]) { t = m[i]; m[i] = m[j]; m[j] = t }
        }
        printf "%s %s dim %s: %.2f s [%.2f-%.2f], %.0f MB [%.0f-%.0f] (%d runs)\n", key1, key2, dim,
               s[int((n + 1) / 2)], s[1], s[n], m[int((n + 1) / 2)] / 1024, m[1] / 1024, m[n] / 1024, n
    }
    { k = $1 " " $2; if (k != prev && n) summary(); if (k != prev) n = 0
      prev = k; key1 = $1; key2 = $2; dim = $3; n++; s[n] = $4; m[n] = $6 }
    END { if (n) summary() }'
rm -f "$out"
