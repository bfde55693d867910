#!/bin/sh
# check.sh — the editor files must be what editors/generate.py makes from
# the current keyword and builtin tables (so they cannot drift: after adding
# a builtin, run `make editors-regen`), Vim must load the syntax without an
# error and colour a keyword, a builtin, a number, a string and a comment,
# and the TextMate grammar must be valid JSON whose patterns compile.
set -u
. "${SYM_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}/python/tests/stage.sh" || exit 99
out=$b/editors/check
rm -rf "$out" && mkdir -p "$out" || exit 99
"$PYTHON3" "$SYM_SRCDIR/editors/generate.py" "$out" || exit 1
fails=0
for f in vim/syntax/sym.vim vim/ftdetect/sym.vim emacs/sym-mode.el vscode/package.json \
         vscode/language-configuration.json vscode/syntaxes/sym.tmLanguage.json; do
    if ! diff -u "$SYM_SRCDIR/editors/$f" "$out/$f"; then
        echo "FAIL: editors/$f differs from the tables (run make editors-regen)"
        fails=$((fails + 1))
    fi
done
"$PYTHON3" - "$out/vscode/syntaxes/sym.tmLanguage.json" <<'PY' || fails=$((fails + 1))
import json, re, sys
g = json.load(open(sys.argv[1]))
for p in g["patterns"]:
    for k in ("match", "begin", "end"):
        if k in p:
            re.compile(p[k])
kw = [p for p in g["patterns"] if p["name"] == "keyword.control.sym"][0]
assert re.search(kw["match"], "while x") and not re.search(kw["match"], "whilex")
bi = [p for p in g["patterns"] if p["name"] == "support.function.builtin.sym"][0]
assert re.search(bi["match"], "enforce(V, G)") and not re.search(bi["match"], "enforced(V)")
PY
if command -v vim >/dev/null 2>&1; then
    probe=$b/editors/probe.sym
    printf '%s\n' 'while enforce(V, 12) # note' 'x = "s"' > "$probe"
    got=$(vim -Nu NONE -i NONE -es --cmd "set rtp^=$SYM_SRCDIR/editors/vim" \
        -c 'filetype on' -c 'syntax on' -c "edit $probe" \
        -c 'let r = [&filetype, synIDattr(synID(1, 1, 1), "name"), synIDattr(synID(1, 7, 1), "name"), synIDattr(synID(1, 18, 1), "name"), synIDattr(synID(1, 23, 1), "name"), synIDattr(synID(2, 6, 1), "name")]' \
        -c 'put =join(r)' -c '$print' -c 'qa!' 2>&1)
    want="sym symKeyword symBuiltin symNumber symComment symString"
    if [ "$got" != "$want" ]; then
        echo "FAIL: vim highlighting: got '$got', want '$want'"
        fails=$((fails + 1))
    fi
else
    echo "note: vim not found, the Vim syntax was not loaded"
fi
[ "$fails" = 0 ]
