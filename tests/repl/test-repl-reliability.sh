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
sess=symrel
scrollback=300
. "$(dirname "$0")/tmux-lib.sh"
mkdir "$tmp/histdir"
export SYM_HISTFILE="$tmp/histdir"
start_repl 150 50 "echo \$\$ > $tmp/pid; exec $sym -q --memory 64M 2>&1"

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
