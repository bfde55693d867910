#!/bin/sh
# test-unicode.sh — the unicode printer (the terminal default) lays out
# matrices inside algebras and model spaces with every line indented, and
# shortens long matrices with a note.  Needs SYM (the built binary).
set -u
sym=${SYM:-sym}
export LC_ALL=C.UTF-8
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symuni.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# every line after the header of so(3) and of a model space starts with
# two blanks (the grid's later lines used to start at column 1)
"$sym" --format=unicode -e 'so(3)' > "$tmp/so3" 2>&1 || fail "so(3) failed"
[ "$(wc -l < "$tmp/so3")" -eq 10 ] || fail "so(3): expected 10 lines, got $(cat "$tmp/so3")"
tail -n +2 "$tmp/so3" | grep -v '^  [⎡⎢⎣]' && fail "so(3): a line not indented"
"$sym" --format=unicode -e 'coords x, y; enforce(polys(fields(so(2)), 1), so(2))' \
    > "$tmp/V" 2>&1 || fail "model space failed"
tail -n +2 "$tmp/V" | grep -v '^  [⎡⎢⎣]' && fail "model space: a line not indented"
# W = grids of layers: the later lines line up under the grid
"$sym" --format=unicode -e 'layers(std(so(2)), std(so(2)), bias = false)' > "$tmp/L" 2>&1
grep -c '^  W = ⎡' "$tmp/L" | grep -qx 4 || fail "layers: expected 4 'W =' lines"
grep -c '^      ⎣' "$tmp/L" | grep -qx 4 || fail "layers: second grid lines not aligned"
# a long matrix: 10 rows and a note; show() prints all 30
"$sym" --format=unicode -e 'C = vcat(map(i -> [i;], 1:30)); C' > "$tmp/C" 2>&1
[ "$(wc -l < "$tmp/C")" -eq 11 ] || fail "long matrix: expected 11 lines"
grep -q '20 more rows (show(x) prints all)' "$tmp/C" || fail "long matrix: no note"
"$sym" --format=unicode -e 'C = vcat(map(i -> [i;], 1:30)); show(C)' > "$tmp/S" 2>&1
[ "$(wc -l < "$tmp/S")" -eq 30 ] || fail "show: expected 30 lines"
[ $fails = 0 ] && echo "unicode layout ok"
[ $fails = 0 ]
