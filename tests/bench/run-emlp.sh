#!/bin/sh
# run-emlp.sh — EMLP's direct-sum layer k(10V0 + 10V + 2V2) -> itself for
# S(6) (tests/bench/enforce/emlp_sum.sym; k = 10 is EMLP's 100V0 + 100V +
# 20V2, 2,016,400 unknowns, dimension 84,000), each case in its own process
# under /usr/bin/time, RUNS times (default 3), solved three ways, alternated
# so that all see the same load:
#   closed  this binary (SYM, default ./sym) with S(6) itself: the
#           closed-form orbit basis (model_orbit.c)
#   blocks  this binary, S(6) from generators the closed form does not
#           recognise (emlp_sum.sym says why they generate S(6)), block by
#           block (model_blocks.c)
#   flat    this binary, the same space solved as one system
#   old     SYM_OLD (when set, e.g. a build of main), which always solves
#           flat; a case it refuses prints its error and "-" figures
# Prints one line per run, then per way and k the median [min-max] of the
# time inside Sym (clock() around enforce), the CPU time (user + system) and
# the peak RSS.  Usage: tests/bench/run-emlp.sh [K...]  (default 1 2 5 10)
here=$(cd "$(dirname "$0")" && pwd)
sym=$(cd "$(dirname "${SYM:-./sym}")" && pwd)/$(basename "${SYM:-./sym}")
old=${SYM_OLD:+$(cd "$(dirname "$SYM_OLD")" && pwd)/$(basename "$SYM_OLD")}
runs=${RUNS:-3}
out=$(mktemp)
ks=${*:-1 2 5 10}
one() { # way binary k [flat]
    line=$(cd "$here/enforce" && /usr/bin/time -f "TIME %e %M %U %S" "$2" emlp_sum.sym "$3" $4 2>&1 |
           awk '/^RESULT/ {d = $4; s = $5}
                /error/ {err = $0}
                /^TIME/ {m = $3; u = $4 + $5}
                END {if (d == "") {print "- - - -"; print err > "/dev/stderr"}
                     else print d, s, m, u}')
    echo "$1 k=$3 $line" | tee -a "$out"
}
for k in $ks; do
    for r in $(seq "$runs"); do
        one closed "$sym" "$k" closed
        one blocks "$sym" "$k"
        one flat "$sym" "$k" flat
        [ -n "$old" ] && one old "$old" "$k"
    done
done
echo
echo "way k dim: in-Sym seconds, CPU seconds (user + sys), peak RSS MB; each median [min-max]"
grep -v ' - - - -$' "$out" | sort -k2,2V -k1,1 | awk '
    function summary(   i, j, t, mid) {
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
            if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
            if (m[j] < m[i]) { t = m[i]; m[i] = m[j]; m[j] = t }
            if (u[j] < u[i]) { t = u[i]; u[i] = u[j]; u[j] = t }
        }
        mid = int((n + 1) / 2)
        printf "%s %s dim %s: %.3f s [%.3f-%.3f], CPU %.2f s [%.2f-%.2f], %.0f MB [%.0f-%.0f] (%d runs)\n",
               key1, key2, dim, s[mid], s[1], s[n], u[mid], u[1], u[n],
               m[mid] / 1024, m[1] / 1024, m[n] / 1024, n
    }
    { k = $1 " " $2; if (k != prev && n) summary(); if (k != prev) n = 0
      prev = k; key1 = $1; key2 = $2; dim = $3; n++; s[n] = $4; m[n] = $5; u[n] = $6 }
    END { if (n) summary() }'
grep ' - - - -$' "$out" | sort -u | sed 's/ - - - -$/: failed (see its error above)/'
rm -f "$out"
