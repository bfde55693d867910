#!/bin/sh
# test-cli.sh — the sym command line: options, exit codes, -e, stdin,
# shebang scripts, args, output formats.  Needs SYM (the built binary).
set -u
sym=${SYM:-sym}
fails=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symcli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
LC_ALL=C.UTF-8; export LC_ALL

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# expect_status WANT DESC CMD... — run CMD, capture out/err, check status.
expect_status() {
    want=$1; desc=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    got=$?
    if [ "$got" = "$want" ]; then pass "$desc (status $got)"
    else fail "$desc: status $got, expected $want"; sed 's/^/  stderr: /' "$tmp/err"; fi
}
# expect_out TEXT DESC — the last stdout equals TEXT exactly.
expect_out() {
    if [ -n "$1" ]; then printf '%s\n' "$1" >"$tmp/want"; else : >"$tmp/want"; fi
    if cmp -s "$tmp/want" "$tmp/out"; then pass "$2"
    else fail "$2"; diff -u "$tmp/want" "$tmp/out" | sed 's/^/  /'; fi
}
# expect_grep FILE REGEX DESC
expect_grep() {
    if grep -q -- "$2" "$tmp/$1"; then pass "$3"
    else fail "$3: no /$2/ in $1"; sed 's/^/  /' "$tmp/$1"; fi
}

expect_status 0 "--help" "$sym" --help
expect_grep out "usage: sym" "--help shows usage"
if grep -q FLINT "$tmp/out" && grep -q GMP "$tmp/out" && grep -q MPFR "$tmp/out"; then
    pass "--help mentions the libraries"
else
    fail "--help does not mention the libraries (FLINT, GMP, MPFR)"
fi
expect_status 0 "--version" "$sym" --version
expect_grep out "^sym [0-9]" "--version names sym"
expect_grep out "FLINT [0-9]" "--version names FLINT"
expect_grep out "GMP [0-9]" "--version names GMP"
expect_grep out "MPFR [0-9]" "--version names MPFR"

expect_status 2 "unknown option" "$sym" --no-such-option
expect_grep err "unknown option" "unknown option is named"
expect_status 2 "missing file" "$sym" "$tmp/does-not-exist.sym"
expect_grep err "does-not-exist.sym" "missing file is named"
expect_status 2 "-e without expression" "$sym" -e
expect_status 2 "unknown format" "$sym" --format klingon -e 1

printf 'x = (1 +\n' >"$tmp/syntax.sym"
expect_status 2 "syntax error" "$sym" "$tmp/syntax.sym"
expect_grep err "syntax.sym:[0-9]*:[0-9]*: error:" "syntax error has file:line:col"
printf 'print("a")\n1/0\nprint("b")\n' >"$tmp/runtime.sym"
expect_status 1 "runtime error" "$sym" "$tmp/runtime.sym"
expect_out "a" "runtime error stops the script"
expect_grep err "runtime.sym:2:1: error: division by zero" "runtime error message"

expect_status 0 "-e 1+1" "$sym" -e '1+1'
expect_out "2" "-e '1+1' prints 2"
expect_status 0 "two -e" "$sym" -e 'a = 2' -e 'a^10'
expect_out "1024" "-e expressions share a session"
expect_status 1 "-e runtime error" "$sym" -e '1/0'
expect_status 2 "-e syntax error" "$sym" -e '1 +* 2'
expect_status 0 "-e with ;" "$sym" -e '1 + 1;'
expect_out "" "a trailing ; suppresses the value"

# a script on standard input
printf 'x = 3\nx^2\nprint("done")\n' | "$sym" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && pass "stdin script status" || fail "stdin script status $st"
expect_out "9
done" "stdin script output (assignments print nothing)"
printf '1/0\n' | "$sym" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 1 ] && pass "stdin runtime error status" || fail "stdin runtime error status $st"

# a #!/usr/bin/env sym script, run directly with the build dir on PATH
bindir=$(cd "$(dirname "$sym")" && pwd)
printf '#!/usr/bin/env sym\nprint("shebang", length(args))\nargs\n' >"$tmp/run.sym"
chmod +x "$tmp/run.sym"
PATH="$bindir:$PATH" "$tmp/run.sym" one "two words" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st = 0 ] && pass "shebang status" || { fail "shebang status $st"; cat "$tmp/err"; }
expect_out 'shebang 2
["one", "two words"]' "shebang script and args"

expect_status 0 "args empty" "$sym" "$tmp/run.sym"
expect_out 'shebang 0
[]' "no script arguments"

# output formats
expect_status 0 "--format latex" "$sym" --format latex -e '1/2' -e '[1, 2; 3, 4]'
expect_out '\frac{1}{2}
\begin{bmatrix}1 & 2 \\ 3 & 4\end{bmatrix}' "latex output"
expect_status 0 "--format=unicode" "$sym" --format=unicode -e '-1/2' -e '[1, 2; 3, 4]'
expect_out '−1/2
⎡1  2⎤
⎣3  4⎦' "unicode output"
expect_status 0 "--format plain" "$sym" --format plain -e '-1/2' -e '[1, 2; 3, 4]'
expect_out '-1/2
[1, 2; 3, 4]' "plain output"
# plain is the default when stdout is not a terminal
expect_status 0 "default format" "$sym" -e '[1/2, 2; 3, 4]'
expect_out '[1/2, 2; 3, 4]' "plain by default on a pipe"

echo "$fails failure(s)"
[ $fails = 0 ]
