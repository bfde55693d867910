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

fail=0
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
