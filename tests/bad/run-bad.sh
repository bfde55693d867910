#!/bin/sh
# run-bad.sh — the bad-input corpus: every case of tests/bad/cases.txt,
# then every error script of tests/scripts (those with a NAME.status),
# each with its expected message and exit status.
#
# cases.txt: one case per line, four fields separated by TABs:
#     CLASS  STATUS  MESSAGE  PROGRAM
# PROGRAM is written to case.sym (printf %b: \n is a newline) and run as
# `$SYM case.sym` in a fresh temporary directory; a PROGRAM starting
# with "$ " is instead a shell command run there (with $SYM set), for
# command-line cases.  A case passes when the exit status is STATUS,
# stderr contains MESSAGE, no sanitizer or signal report appears, and
# (for STATUS 1 or 2 of a script) the first line of stderr reads
# case.sym:LINE:COL: error: ...  Lines starting with # are comments.
# REGEN=1 rewrites MESSAGE and STATUS from the actual runs (review the
# diff).  Prints the cases by class; exit 0 if all passed.
set -u
sym=${SYM:-sym}
top=${srcdir:-.}
top=$(cd "$top" && pwd)
cases=$top/tests/bad/cases.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symbad.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
LC_ALL=C.UTF-8
export LC_ALL SYM=$sym
unset SYM_PATH
SYM_HISTFILE=/dev/null
export SYM_HISTFILE
tab=$(printf '\t')
fail=0
n=0
regen=${REGEN:-0}
: > "$tmp/new"
: > "$tmp/classes"

sanitizer_report() {
    grep -q -e 'Sanitizer' -e 'runtime error:' -e 'Segmentation fault' -e 'Aborted' "$1"
}

while IFS= read -r line; do
    case $line in
        ''|'#'*) printf '%s\n' "$line" >> "$tmp/new"; continue ;;
    esac
    class=${line%%"$tab"*}; rest=${line#*"$tab"}
    want=${rest%%"$tab"*}; rest=${rest#*"$tab"}
    msg=${rest%%"$tab"*}; prog=${rest#*"$tab"}
    n=$((n + 1))
    d=$tmp/c$n
    mkdir -p "$d"
    # Out of memory in the middle of a GMP/FLINT operation abandons what
    # that operation had allocated (by design: runtime/base/sym_alloc.h),
    # so LeakSanitizer is off for the oom class only.
    saved_asan=${ASAN_OPTIONS-}
    if [ "$class" = oom ]; then
        ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
        export ASAN_OPTIONS
    fi
    case $prog in
        '$ '*)
            (cd "$d" && timeout 60 sh -c "${prog#\$ }") > "$d/out" 2> "$d/err" < /dev/null
            st=$? ; script=0 ;;
        *)
            printf '%b' "$prog" > "$d/case.sym"
            (cd "$d" && timeout 60 "$sym" case.sym) > "$d/out" 2> "$d/err" < /dev/null
            st=$? ; script=1 ;;
    esac
    ASAN_OPTIONS=$saved_asan
    first=$(head -n 1 "$d/err")
    if [ "$regen" = 1 ]; then
        m=${first#*error: }
        [ "$script" = 1 ] || m=$first
        printf '%s\t%s\t%s\t%s\n' "$class" "$st" "$m" "$prog" >> "$tmp/new"
    fi
    ok=1
    [ "$st" = "$want" ] || ok=0
    if [ -n "$msg" ] && ! grep -qF -- "$msg" "$d/err"; then ok=0; fi
    if sanitizer_report "$d/err"; then ok=0; fi
    if [ "$script" = 1 ] && { [ "$want" = 1 ] || [ "$want" = 2 ]; }; then
        printf '%s\n' "$first" | grep -qE '^case\.sym:[0-9]+:[0-9]+: error: ' || ok=0
    fi
    if [ "$ok" = 0 ]; then
        fail=$((fail + 1))
        echo "FAIL [$class] $(printf '%s' "$prog" | cut -c1-200)"
        echo "  want status $want and '$msg'; got status $st:"
        head -n 8 "$d/err" | cut -c1-300 | sed 's/^/  | /'
    fi
    echo "$class" >> "$tmp/classes"
    rm -rf "$d"
done < "$cases"

# The error scripts of the golden tests, with their .err and .status.
nscripts=0
for st_file in "$top"/tests/scripts/*.status; do
    [ -f "$st_file" ] || continue
    base=${st_file%.status}
    rel=${base#"$top"/}
    nscripts=$((nscripts + 1))
    (cd "$top" && timeout 60 "$sym" "$rel.sym") > "$tmp/out" 2> "$tmp/err" < /dev/null
    st=$?
    if [ "$st" != "$(cat "$st_file")" ] || ! cmp -s "$tmp/err" "$base.err" ||
       sanitizer_report "$tmp/err"; then
        fail=$((fail + 1))
        echo "FAIL [script] $rel.sym: status $st (want $(cat "$st_file"))"
        diff "$base.err" "$tmp/err" | head -n 8
    fi
    echo "script" >> "$tmp/classes"
done

[ "$regen" = 1 ] && cp "$tmp/new" "$cases"
echo "bad-input corpus: $((n + nscripts)) cases ($n in cases.txt, $nscripts error scripts), $fail failed"
sort "$tmp/classes" | uniq -c | sed 's/^/  /'
[ "$fail" = 0 ]
