# tmux-lib.sh — what the REPL tests (tests/repl/test-repl*.sh) share: a
# scratch directory and private tmux server, the environment of a clean
# session, and the helpers that type into the pane and wait for its screen.
# Sourced, not run.  The caller sets `sess` (the session name) and
# `scrollback` (lines of history that `screen` captures) first, then starts
# its session with `start_repl WIDTH HEIGHT COMMAND`.
#
# Every wait polls the screen until the pattern appears or a limit passes:
# ${SYM_REPL_WAIT:-20} seconds unless a check names its own, generous because
# these tests run beside sanitizer builds on loaded 2-core machines (a wait
# costs nothing when the screen is already right).
sym=${SYM:-sym}
command -v tmux >/dev/null 2>&1 || { echo "SKIP: tmux not installed"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symrepl.XXXXXX") || exit 99
sock="$tmp/tmux.sock"
T() { tmux -S "$sock" "$@"; }
cleanup() { T kill-server >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT HUP INT TERM
export HOME="$tmp" SYM_HISTFILE="$tmp/history" TERM=xterm LC_ALL=C.UTF-8
unset TMUX
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
pass() { echo "ok: $*"; }
repl_wait=${SYM_REPL_WAIT:-20}

# start_repl WIDTH HEIGHT COMMAND — the pane runs COMMAND; skips (77) when
# tmux cannot start here.
start_repl() {
    if ! T -f /dev/null new-session -d -s "$sess" -x "$1" -y "$2" "$3" 2>"$tmp/tmux.err"; then
        echo "SKIP: cannot start tmux: $(cat "$tmp/tmux.err")"
        exit 77
    fi
}
screen() { T capture-pane -p -t "$sess" -S "-${scrollback:-200}"; }
# wait_for REGEX [SECONDS] — poll the screen until REGEX appears.
wait_for() {
    n=0; limit=$(( ${2:-$repl_wait} * 10 ))
    while [ $n -lt $limit ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.1; n=$((n + 1))
    done
    return 1
}
# count REGEX — lines of the screen matching REGEX.
count() { screen | grep -c -- "$1"; }
# check REGEX WHAT [SECONDS] — pass when REGEX appears, else fail and show
# the last 40 lines of the screen.
check() {
    if wait_for "$1" "${3:-$repl_wait}"; then pass "$2"
    else fail "$2: no /$1/"; screen | tail -n 40 | sed 's/^/  | /'; fi
}
# send TEXT... — type each argument literally, then press Enter.
send() { for a in "$@"; do T send-keys -t "$sess" -l "$a"; T send-keys -t "$sess" Enter; done; }
# key KEY... — press keys by name (Tab, C-c, C-d, Up).
key() { T send-keys -t "$sess" "$@"; }
