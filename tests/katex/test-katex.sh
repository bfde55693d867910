#!/bin/sh
# test-katex.sh — every latex() output of tests/katex/cases.sym (each kind
# of value: numbers, floats, matrices, polynomials, strings with special
# characters, records, algebras, groups, representations, bundles, model
# spaces, discover/fit/promote/sindy results, data sets) must render with
# KaTeX (strict, throwing on error) and show no e-notation float, R^n or
# <= as text.  KaTeX is the npm package of tests/katex/package.json:
# `npm install` there (.ci/run does), or point SYM_KATEX_DIR at a
# node_modules holding katex.  Skips (77) without node or KaTeX.
set -u
sym=${SYM:-sym}
top=${srcdir:-.}
here=$top/tests/katex
command -v node >/dev/null 2>&1 || { echo "SKIP: node not installed"; exit 77; }
dir=${SYM_KATEX_DIR:-$here/node_modules}
[ -f "$dir/katex/package.json" ] && dir=$(cd "$dir" && pwd) || {
    echo "SKIP: KaTeX not installed (cd tests/katex && npm install)"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/symkatex.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
(cd "$top" && "$sym" tests/katex/cases.sym) > "$tmp/out" 2> "$tmp/err"
st=$?
if [ $st != 0 ]; then
    echo "FAIL: sym tests/katex/cases.sym exited $st"; cat "$tmp/err"; exit 1
fi
# latex(x, file = ...) writes the same text to a file
(cd "$tmp" && "$sym" -e 'latex(so(2), file = "so2.tex"); latex(so(2))') > "$tmp/inline" 2>&1
if [ ! -s "$tmp/so2.tex" ]; then
    echo "FAIL: latex(x, file = ...) wrote nothing"; exit 1
fi
printf '%%%%\n' >> "$tmp/so2.tex"
cat "$tmp/so2.tex" >> "$tmp/out"
SYM_KATEX_DIR=$dir node "$here/render.js" < "$tmp/out"
