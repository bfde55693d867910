#!/bin/sh
# test-harness.sh — the golden-test driver compares float tokens with a
# relative tolerance and everything else exactly (issue 10): a script
# printing 0.1 passes against 0.1000000004, but not against 0.5, a changed
# exact number, changed text, or a flipped sign.  Needs SYM.
set -u
sym=${SYM:-sym}
top=$(cd "$(dirname "$0")/../.." && pwd)
fails=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symharness.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

mkdir -p "$tmp/t"
cat >"$tmp/t/f.sym" <<'SYM'
print(fmat([1, 2; 3, 4]) / 10 + fmat([1, 1; 1, 1]) / 10^12)
print("n =", 3, "x^2 + 1")
SYM
# expect WANT-STATUS DESC EXPECTED-STDOUT
expect() {
    printf '%s\n' "$3" >"$tmp/t/f.out"
    (cd "$tmp" && SYM="$sym" srcdir="$tmp" sh "$top/tests/run-script.sh" t/f.sym >"$tmp/log" 2>&1)
    st=$?
    if [ "$st" = "$1" ]; then pass "$2"; else fail "$2: status $st"; cat "$tmp/log"; fi
}
expect 0 "the exact output" "$("$sym" "$tmp/t/f.sym")"
expect 0 "floats within the tolerance" '[0.1000000004, 0.2; 0.3, 0.4000001]
n = 3 x^2 + 1'
expect 1 "a float outside the tolerance" '[0.1, 0.2; 0.3, 0.5]
n = 3 x^2 + 1'
expect 1 "a flipped sign" '[-0.1, 0.2; 0.3, 0.4]
n = 3 x^2 + 1'
expect 1 "a changed exact number" '[0.1, 0.2; 0.3, 0.4]
n = 4 x^2 + 1'
expect 1 "a changed exponent of a polynomial" '[0.1, 0.2; 0.3, 0.4]
n = 3 x^3 + 1'
expect 1 "changed text" '[0.1, 0.2; 0.3, 0.4]
m = 3 x^2 + 1'
expect 1 "a missing line" '[0.1, 0.2; 0.3, 0.4]'
echo "$fails failure(s)"
[ "$fails" = 0 ]
