#!/bin/sh
# run-large.sh — the large exact enforce cases of tests/bench/enforce/large.sym
# (so(3) on (R^3)^(x)5 and so(1,3) on (R^4)^(x)4, each -> itself), each in
# its own process under /usr/bin/time for its wall time and peak memory,
# RUNS times (default 3), for the sym binary SYM (default ./sym) and, when
# SYM_OLD names another binary (e.g. a build of an older commit), for it too,
# alternating the two so that both see the same machine load.  Prints one
# line per run and then a median [min-max] summary per binary and case:
# the time inside Sym (clock() around enforce), the process's CPU time
# (user + system: on a shared machine the wall time also counts the time
# other processes hold the cores) and its peak resident memory.
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
            line=$(cd "$here/enforce" && /usr/bin/time -f "TIME %e %M %U %S" "$b" large.sym "$c" 2>&1 |
                   awk '/^RESULT/ {d = $4; s = $5}
                        /^TIME/ {w = $2; m = $3; u = $4 + $5} END {print d, s, w, m, u}')
            echo "$b $c $line" | tee -a "$out"
        done
    done
done
echo
echo "binary case dim: in-Sym wall seconds, CPU seconds (user + sys), peak RSS MB;" \
     "each median [min-max]"
sort -k1,1 -k2,2 "$out" | awk '
    function summary(   i, j, t, mid) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
            if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
            if (m[j] < m[i]) { t = m[i]; m[i] = m[j]; m[j] = t }
            if (u[j] < u[i]) { t = u[i]; u[i] = u[j]; u[j] = t }
        }
        mid = int((n + 1) / 2)
        printf "%s %s dim %s: wall %.2f s [%.2f-%.2f], CPU %.2f s [%.2f-%.2f], %.0f MB [%.0f-%.0f] (%d runs)\n",
               key1, key2, dim, s[mid], s[1], s[n], u[mid], u[1], u[n],
               m[mid] / 1024, m[1] / 1024, m[n] / 1024, n
    }
    { k = $1 " " $2; if (k != prev && n) summary(); if (k != prev) n = 0
      prev = k; key1 = $1; key2 = $2; dim = $3; n++; s[n] = $4; m[n] = $6; u[n] = $7 }
    END { if (n) summary() }'
rm -f "$out"
