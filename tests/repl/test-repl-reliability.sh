#!/bin/sh
# test-repl-reliability.sh — the REPL keeps the session (issue 15), through
# a pseudo-terminal (tmux):
#   - SYM_HISTFILE a directory: one warning at start, the session works;
#   - a pasted 5000-line function is parsed once, not once per line (the
#     REPL's resident memory stays under 300 MB; it was 1.34 GB for 2000
#     lines when every continuation line re-parsed and kept the block);
#   - out of memory under a small limit (sym --memory 64M) is an error at
#     the operation and the session, its variables included, goes on.
# Skips (77) when tmux is missing.  Needs SYM (the built binary).
set -u
sym=${SYM:-sym}
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux not installed"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/symrepl2.XXXXXX") || exit 99
sock="$tmp/tmux.sock"
sess=symrel
T() { tmux -S "$sock" "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT HUP INT TERM

export HOME="$tmp"
mkdir "$tmp/histdir"
export SYM_HISTFILE="$tmp/histdir"
export TERM=xterm
export LC_ALL=C.UTF-8
unset TMUX
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }

if ! T -f /dev/null new-session -d -s $sess -x 150 -y 50 \
        "echo \$\$ > $tmp/pid; exec $sym -q --memory 64M 2>&1" 2>"$tmp/tmux.err"; then
    echo "SKIP: cannot start tmux: $(cat "$tmp/tmux.err")"
    exit 77
fi
screen() { T capture-pane -p -t $sess -S -300; }
wait_for() {
    n=0; limit=$(( ${2:-5} * 10 ))
    while [ $n -lt $limit ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
check() {
    if wait_for "$1" "${3:-5}"; then pass "$2"; else fail "$2: no /$1/"; screen | tail -n 20 | sed 's/^/  | /'; fi
}
send() { for a in "$@"; do T send-keys -t $sess -l "$a"; T send-keys -t $sess Enter; done; }

check '^sym>' "prompt appears"
check "history will not be saved to '$tmp/histdir': Is a directory" "one warning for a directory as SYM_HISTFILE"
n=$(screen | grep -c 'history will not be saved')
[ "$n" = 1 ] && pass "the warning is given once" || fail "the warning appears $n times"

# out of memory at the operation; the session and its variables go on
send 'keep = 41'
send 'x = 3^(10^7); y = x * x; z = y * y; w = z * z'
check 'out of memory: .* more would exceed the memory limit of 64 MB' "out of memory is an error" 20
send 'print(keep + 1)'
check '^42$' "variables survive out of memory"
send 's = "ab"' 'while true' 's = s + s' 'end'
check 'the string would have' "string doubling stops at the limit" 20
send 'A = zeros(5000, 5000)'
check 'out of memory: 3[0-9][0-9] MB more' "a large exact matrix is refused" 20
send 'print(keep * 2)'
check '^82$' "session still usable"

# a pasted 5000-line function
{
    echo 'function f(x)'
    i=0
    while [ $i -lt 5000 ]; do echo "  x = x + 1"; i=$((i + 1)); done
    echo '  return x'
    echo 'end'
} > "$tmp/paste.sym"
T load-buffer -b paste "$tmp/paste.sym"
T paste-buffer -b paste -t $sess
send 'print(f(1))'
check '^5001$' "the pasted function runs" 120
pid=$(cat "$tmp/pid")
rss=$(ps -o rss= -p "$pid" 2>/dev/null | tr -d ' ')
if [ -n "$rss" ] && [ "$rss" -lt 300000 ]; then
    pass "resident memory after the paste: $rss KB"
else
    fail "resident memory after the paste: ${rss:-?} KB (limit 300000)"
fi

echo "$fails failure(s)"
[ $fails = 0 ]
