#!/bin/sh
# run-script.sh — the golden test driver for .sym scripts.
#
# usage: run-script.sh DIR/NAME.sym
#
# Runs "$SYM DIR/NAME.sym" from the top of the source tree ($srcdir), so
# that file names in diagnostics read like tests/scripts/NAME.sym:3:5, and
# compares
#   stdout      with DIR/NAME.out
#   stderr      with DIR/NAME.err    (absent: stderr must be empty)
#   exit status with DIR/NAME.status (absent: 0)
# printing a unified diff for each mismatch.  Exit 0 if all match, 1 if not
# (the Automake test protocol).
#
# Float tolerance: when an output differs byte for byte, it still matches if
# every line has the same text outside numbers, every exact number (no
# decimal point, no exponent: 3, -2/3's parts, x^2) is the same, and every
# float token (a decimal point or an exponent: 0.1310377957, 1e-12) agrees
# within |a - b| <= RTOL max(|a|, |b|) + ATOL, RTOL = $SYM_FLOAT_RTOL
# (default 1e-6), ATOL = $SYM_FLOAT_ATOL (default 1e-9).  So a kernel that
# OpenBLAS picks at run time cannot fail a test, and exact output stays
# compared exactly.
#
# REGEN=1 rewrites the expected files from the actual run instead (a .err
# only when stderr is non-empty, a .status only when the status is not 0)
# and removes stale ones.  Review the diff before committing them.
#
# Environment: SYM (the sym binary, absolute path; default: sym on PATH),
# VALGRIND_CMD (a command prefix, e.g. valgrind options; default none),
# srcdir (the top source directory; default: .).

set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 DIR/NAME.sym" >&2
    exit 99
fi

sym=${SYM:-sym}
top=${srcdir:-.}
arg=$1

# The script's path relative to the top source directory.
case $arg in
    "$top"/*) rel=${arg#"$top"/} ;;
    *) rel=$arg ;;
esac
while :; do
    case $rel in
        ./*) rel=${rel#./} ;;
        *) break ;;
    esac
done

cd "$top" || exit 99
if [ ! -f "$rel" ]; then
    echo "run-script.sh: no such script: $top/$rel" >&2
    exit 99
fi

base=${rel%.sym}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symtest.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

# A fixed environment: no user history, library path or locale surprises.
LC_ALL=C.UTF-8
export LC_ALL
unset SYM_PATH

# With ./configure --enable-valgrind, VALGRIND_CMD runs sym under valgrind;
# an error valgrind finds makes sym exit 99, which fails the status check.
${VALGRIND_CMD:-} "$sym" "$rel" </dev/null >"$tmp/out" 2>"$tmp/err"
status=$?

if [ "${REGEN:-0}" = 1 ]; then
    cp "$tmp/out" "$base.out"
    if [ -s "$tmp/err" ]; then cp "$tmp/err" "$base.err"; else rm -f "$base.err"; fi
    if [ "$status" -ne 0 ]; then echo "$status" >"$base.status"; else rm -f "$base.status"; fi
    echo "regenerated $base.out (status $status)"
    exit 0
fi

# float_same EXPECTED ACTUAL: exit 0 if they match under the float tolerance.
float_same() {
    awk -v rtol="${SYM_FLOAT_RTOL:-1e-6}" -v atol="${SYM_FLOAT_ATOL:-1e-9}" '
    function split_nums(line, texts, nums,    n, pre, tok, start) {
        n = 0
        while (match(line, /-?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)([eE][-+]?[0-9]+)?/)) {
            start = RSTART
            pre = substr(line, 1, start - 1)
            tok = substr(line, start, RLENGTH)
            # a digit inside a name (x1, e2) is text
            if (start > 1 && substr(line, start - 1, 1) ~ /[A-Za-z_]/) {
                texts[n] = texts[n] pre tok
                line = substr(line, start + RLENGTH)
                continue
            }
            texts[n] = texts[n] pre
            n++
            nums[n] = tok
            texts[n] = ""
            line = substr(line, start + RLENGTH)
        }
        texts[n] = texts[n] line
        return n
    }
    function isfloat(t) { return t ~ /[.eE]/ }
    function absv(x) { return x < 0 ? -x : x }
    NR == FNR { want[FNR] = $0; nw = FNR; next }
    {
        nl = FNR
        if (FNR > nw) { bad = 1; exit }
        delete ta; delete na; delete tb; delete nb
        ta[0] = ""; tb[0] = ""
        ka = split_nums(want[FNR], ta, na)
        kb = split_nums($0, tb, nb)
        if (ka != kb) { bad = 1; exit }
        for (i = 0; i <= ka; i++) if (ta[i] != tb[i]) { bad = 1; exit }
        for (i = 1; i <= ka; i++) {
            if (na[i] == nb[i]) continue
            if (!isfloat(na[i]) || !isfloat(nb[i])) { bad = 1; exit }
            a = na[i] + 0; b = nb[i] + 0
            m = absv(a) > absv(b) ? absv(a) : absv(b)
            if (absv(a - b) > rtol * m + atol) { bad = 1; exit }
        }
    }
    END { if (!bad && nl != nw) bad = 1; exit bad }
    ' "$1" "$2"
}

fail=0
if ! cmp -s "$base.out" "$tmp/out" && float_same "$base.out" "$tmp/out"; then
    cp "$base.out" "$tmp/out"
fi
if [ -f "$base.err" ] && ! cmp -s "$base.err" "$tmp/err" && float_same "$base.err" "$tmp/err"; then
    cp "$base.err" "$tmp/err"
fi
if ! diff -u "$base.out" "$tmp/out" >"$tmp/d" 2>&1; then
    echo "FAIL: $rel: stdout differs from $base.out:"
    sed "s|$tmp/out|actual stdout|" "$tmp/d"
    fail=1
fi
if [ -f "$base.err" ]; then
    if ! diff -u "$base.err" "$tmp/err" >"$tmp/d" 2>&1; then
        echo "FAIL: $rel: stderr differs from $base.err:"
        sed "s|$tmp/err|actual stderr|" "$tmp/d"
        fail=1
    fi
elif [ -s "$tmp/err" ]; then
    echo "FAIL: $rel: unexpected stderr (no $base.err):"
    cat "$tmp/err"
    fail=1
fi
want=0
if [ -f "$base.status" ]; then
    want=$(tr -d ' \n' <"$base.status")
fi
if [ "$status" != "$want" ]; then
    echo "FAIL: $rel: exit status $status, expected $want"
    fail=1
fi
[ $fail = 0 ] && echo "PASS: $rel"
exit $fail
