#!/bin/sh
# test-repl-language.sh — the REPL pieces of issue 12 through a
# pseudo-terminal (tmux): `help` alone prints help, ?enforse suggests
# enforce, ?x on a variable is one line, `ans` is the last result, and
# assigning to a builtin's name gives a note (only at the prompt).
# Skips (77) when tmux is missing.  Needs SYM (the built binary).
set -u
sym=${SYM:-sym}
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symrepl2.XXXXXX") || exit 99
sock="$tmp/tmux.sock"
sess=symrepl2
T() { tmux -S "$sock" "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT HUP INT TERM
export HOME="$tmp" SYM_HISTFILE="$tmp/history" TERM=xterm LC_ALL=C.UTF-8
unset TMUX
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
if ! T -f /dev/null new-session -d -s $sess -x 150 -y 60 \
        "$sym -q; echo \"[exit \$?]\"; sleep 5" 2>"$tmp/tmux.err"; then
    echo "SKIP: cannot start tmux: $(cat "$tmp/tmux.err")"
    exit 77
fi
screen() { T capture-pane -p -t $sess -S -400; }
wait_for() {
    n=0; limit=$(( ${2:-5} * 10 ))
    while [ $n -lt $limit ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
check() {
    if wait_for "$1" "${3:-5}"; then pass "$2"; else fail "$2: no /$1/"; screen | sed 's/^/  | /'; fi
}
send() { for a in "$@"; do T send-keys -t $sess -l "$a"; T send-keys -t $sess Enter; done; }
clear_screen() { T send-keys -t $sess C-l; T clear-history -t $sess; sleep 0.2; }

check '^sym>' "prompt appears"
send 'help'
check '^Sym: exact symmetry for machine learning' "help alone prints the overview"
if screen | grep -q '<builtin help'; then fail "help alone printed the builtin"; fi
clear_screen
send '?enforse'
check "did you mean 'enforce'" "?enforse suggests enforce"
clear_screen
send '?for'
check '^for    \[keyword\]' "?for has help"
clear_screen
send 'g = so(3)' '?g'
check '^g is a Lie algebra: so(3)' "?g is short"
lines=$(screen | grep -c .)
[ "$lines" -lt 12 ] || fail "?g printed $lines lines"
clear_screen
send '6*7' 'ans + 1'
check '^43$' "ans is the last result"
clear_screen
send 'S = 5'
check "note: 'S' now names your value and hides the builtin S(n)" "shadowing a builtin gives a note"
send 'S + 1'
check '^6$' "the user's S wins"
send 'type(builtin("S")(3))'
check '^"group"$' "builtin(\"S\") still reaches it"
send 'coords t, x' 't^2 - x^2'
check '^t² − x²$' "t is a coordinate"
[ $fails = 0 ] && echo "all REPL language checks passed"
[ $fails = 0 ]
