#!/bin/sh
# test-repl-language.sh — the REPL pieces of issue 12 through a
# pseudo-terminal (tmux): `help` alone prints help, ?enforse suggests
# enforce, ?x on a variable is one line, `ans` is the last result, and
# assigning to a builtin's name gives a note (only at the prompt).
# Skips (77) when tmux is missing.  Needs SYM (the built binary).
set -u
sess=symrepl2
scrollback=400
. "$(dirname "$0")/tmux-lib.sh"
start_repl 150 60 "$sym -q; echo \"[exit \$?]\"; sleep 5"
# clear_screen — Ctrl-L, then wait until the visible pane holds only the
# prompt before dropping the history, so no later check reads old lines.
clear_screen() {
    key C-l
    n=0
    while [ "$(T capture-pane -p -t $sess | grep -c .)" -gt 1 ] && [ $n -lt 100 ]; do
        sleep 0.1; n=$((n + 1))
    done
    T clear-history -t $sess
}

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
