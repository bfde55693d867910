#!/bin/sh
# test-repl.sh — the interactive REPL through a pseudo-terminal (tmux):
# evaluation, the history file (SYM_HISTFILE), tab completion of a builtin,
# continuation lines for an open `if` and `[`, Ctrl-C dropping a pending
# line and interrupting a running loop and a long discover (with the rest of
# its line), Ctrl-D leaving.
# Skips (77) when tmux is missing.  Needs SYM (the built binary).
set -u
sess=symrepl
scrollback=200
. "$(dirname "$0")/tmux-lib.sh"

# Start the REPL; the pane stays 5 s after sym leaves to show its status.
start_repl 100 40 "$sym -q; echo \"[exit \$?]\"; sleep 5"

# interrupt WHAT SECONDS — press Ctrl-C and wait up to SECONDS for one more
# "interrupted" than before.  A press that lands before the computation has
# started only clears the line, so after SECONDS without an answer press
# once more (at most 3 presses).  Not faster: a second press while the first
# is still pending (inside a FLINT call that cannot be interrupted) leaves
# Sym, as documented.
interrupt() {
    before=$(count 'interrupted$')
    tries=0
    while [ "$tries" -lt 3 ]; do
        key C-c
        tries=$((tries + 1))
        n=0
        while [ $n -lt $(( $2 * 10 )) ]; do
            if [ "$(count 'interrupted$')" -gt "$before" ]; then
                pass "Ctrl-C interrupts $1 (press $tries, $n/10 s after it)"
                return 0
            fi
            sleep 0.1; n=$((n + 1))
        done
    done
    fail "Ctrl-C did not interrupt $1"; screen | tail -n 40 | sed 's/^/  | /'
}

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
interrupt "while true" 10
send 'print("still alive")'
check '^still alive$' "session continues after the interrupt"

# Ctrl-C stops a long discover and the rest of its line; the session goes on
send 'coords x, y, z, w' 'r = discover(x^2 + y^2 + z^2 - w^2, d = 8); print("rest of the line")'
sleep 1
interrupt "discover(F, d = 8)" 60
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
start_repl 100 40 "$sym -q; sleep 5"
wait_for '^sym>' >/dev/null
key Up
check 'sym> print("alive after discover")' "history recalled in a new session"
key C-u C-d

echo "$fails failure(s)"
[ $fails = 0 ]
