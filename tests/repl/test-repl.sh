#!/bin/sh
# test-repl.sh — the interactive REPL through a pseudo-terminal (tmux):
# evaluation, the history file (SYM_HISTFILE), tab completion of a builtin,
# continuation lines for an open `if` and `[`, Ctrl-C dropping a pending
# line and interrupting a running loop and a long discover (with the rest of
# its line), Ctrl-D leaving.
# Skips (77) when tmux is missing.  Needs SYM (the built binary).
set -u
sym=${SYM:-sym}
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux not installed"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/symrepl.XXXXXX") || exit 99
sock="$tmp/tmux.sock"
sess=symrepl
T() { tmux -S "$sock" "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT HUP INT TERM

export HOME="$tmp"
export SYM_HISTFILE="$tmp/history"
export TERM=xterm
export LC_ALL=C.UTF-8
unset TMUX
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

# Start the REPL; remain-on-exit keeps the pane after sym leaves.
if ! T -f /dev/null new-session -d -s $sess -x 100 -y 40 \
        "$sym -q; echo \"[exit \$?]\"; sleep 5" 2>"$tmp/tmux.err"; then
    echo "SKIP: cannot start tmux: $(cat "$tmp/tmux.err")"
    exit 77
fi

screen() { T capture-pane -p -t $sess -S -200; }
# wait_for REGEX [SECONDS] — poll the screen until REGEX appears.
wait_for() {
    n=0; limit=$(( ${2:-5} * 10 ))
    while [ $n -lt $limit ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
# count_prompts — number of "sym> " prompts on the screen.
count() { screen | grep -c -- "$1"; }
check() {
    if wait_for "$1" "${3:-5}"; then pass "$2"; else fail "$2: no /$1/"; screen | sed 's/^/  | /'; fi
}
# send TEXT... — type each argument literally, then press Enter.
send() { for a in "$@"; do T send-keys -t $sess -l "$a"; T send-keys -t $sess Enter; done; }
# key KEY... — press keys by name (Tab, C-c, C-d, Up).
key() { T send-keys -t $sess "$@"; }

check '^sym>' "prompt appears"
send '6*7'
check '^42$' "evaluates 6*7"

# continuation lines: an open `if` and an open `[`
send 'if 1 < 2'
check '^\.\.\.>' "continuation prompt after if"
send 'print("yes")' 'end'
check '^yes$' "if block runs after end"
send '[1, 2,'
check '^\.\.\.> *$' "continuation prompt after ["
send '3]'
check '^\[1, 2, 3\]$' "list completed on the next line"

# tab completion of a builtin name
T send-keys -t $sess -l 'nullsp'; key Tab
check '^sym> nullspace' "tab completes nullsp -> nullspace"
send '([1, 1;]) == [1; -1]'
check '^true$' "completed call runs"

# Ctrl-C drops a pending (incomplete) line
send 'x = [1,'
wait_for '^\.\.\.>' >/dev/null
key C-c
sleep 0.3
send 'print("after ctrl-c")'
check '^after ctrl-c$' "Ctrl-C drops the pending line"
if screen | grep -q 'error'; then fail "dropped line caused an error"; screen | sed 's/^/  | /'; fi

# Ctrl-C interrupts a running loop and the session goes on
send 'while true' 'end'
sleep 1
key C-c
check 'interrupted' "Ctrl-C interrupts while true" 5
send 'print("still alive")'
check '^still alive$' "session continues after the interrupt"

# Ctrl-C stops a long discover and the rest of its line; the session goes on
before=$(count 'interrupted$')
send 'coords x, y, z, w' 'r = discover(x^2 + y^2 + z^2 - w^2, d = 8); print("rest of the line")'
sleep 1
key C-c
n=0
while [ "$(count 'interrupted$')" -le "$before" ] && [ $n -lt 600 ]; do sleep 0.1; n=$((n + 1)); done
if [ "$(count 'interrupted$')" -gt "$before" ]; then
    pass "Ctrl-C interrupts discover(F, d = 8) (in about $n/10 s)"
else
    fail "Ctrl-C did not interrupt discover(F, d = 8)"; screen | sed 's/^/  | /'
fi
send 'print("alive after discover")'
check '^alive after discover$' "session continues after discover's interrupt" 10
if screen | grep -q '^rest of the line$'; then
    fail "the rest of the line ran after Ctrl-C"; screen | sed 's/^/  | /'
else
    pass "the rest of the line did not run"
fi

# Ctrl-D leaves with status 0
key C-d
check '^\[exit 0\]$' "Ctrl-D exits with status 0"

# the history file holds the lines entered
if [ -f "$SYM_HISTFILE" ] && grep -q '6\*7' "$SYM_HISTFILE"; then
    pass "history written to SYM_HISTFILE"
else
    fail "history file $SYM_HISTFILE missing or without 6*7"
fi

# a new session reads the history back: Up recalls the last line
T kill-session -t $sess 2>/dev/null
T -f /dev/null new-session -d -s $sess -x 100 -y 40 "$sym -q; sleep 5"
wait_for '^sym>' >/dev/null
key Up
check 'sym> print("alive after discover")' "history recalled in a new session"
key C-u C-d

echo "$fails failure(s)"
[ $fails = 0 ]
