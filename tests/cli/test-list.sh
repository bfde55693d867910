#!/bin/sh
# test-list.sh — every .sym test in tests/scripts and examples must be
# listed in tests/local.mk (SYM_SCRIPT_TESTS / SYM_EXAMPLE_TESTS), and each
# must have its expected .out file, so none is forgotten by make check.
set -u
top=${srcdir:-.}
mk=$top/tests/local.mk
mk2=$top/tests/language.mk
fails=0
for f in "$top"/tests/scripts/*.sym "$top"/examples/*.sym; do
    [ -f "$f" ] || continue
    rel=${f#"$top"/}
    if ! grep -q "^[[:space:]]*$rel[[:space:]\\\\]*\$\|[[:space:]=]$rel[[:space:]\\\\]*\$" "$mk" "$mk2"; then
        echo "FAIL: $rel is not listed in tests/local.mk"
        fails=$((fails + 1))
    fi
    if [ ! -f "${f%.sym}.out" ]; then
        echo "FAIL: $rel has no ${rel%.sym}.out (make check REGEN=1 TESTS=$rel)"
        fails=$((fails + 1))
    fi
done
# ...and every .err/.status must be in EXTRA_DIST (for make dist).
for f in "$top"/tests/scripts/*.err "$top"/tests/scripts/*.status \
         "$top"/examples/*.err "$top"/examples/*.status; do
    [ -f "$f" ] || continue
    rel=${f#"$top"/}
    if ! grep -q "[[:space:]=]$rel[[:space:]\\\\]" "$mk" "$mk2" && ! grep -q "[[:space:]=]$rel\$" "$mk" "$mk2"; then
        echo "FAIL: $rel is not listed in tests/local.mk (SYM_EXPECTED)"
        fails=$((fails + 1))
    fi
done
[ $fails = 0 ] && echo "all .sym tests are listed"
[ $fails = 0 ]
