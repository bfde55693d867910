#!/bin/sh
# run-install.sh — `make install DESTDIR=...` into a staging directory, then
# use what was installed: the header, library and pkg-config file (build
# and run examples/embed.c), the Python package (import it from the staged
# site directory), the kernel spec and the editor files.
set -u
. "${SYM_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/python/tests/stage.sh" || exit 99
dest=$b/python/install-stage
rm -rf "$dest"
${MAKE:-make} -s --no-print-directory -C "$b" install DESTDIR="$dest" > "$b/python/install.log" 2>&1 || {
    cat "$b/python/install.log"; echo "FAIL: make install"; exit 1; }
eval "$(${MAKE:-make} -s --no-print-directory -C "$b" print-install-dirs)"
fails=0
for f in "$libdir/libsymrt.so.0" "$includedir/sym/sym.h" "$libdir/pkgconfig/sym.pc" \
         "$datadir/jupyter/kernels/sym/kernel.json" "$pythondir/sym/__init__.py" \
         "$pythondir/sym/_cdef.py" "$pythondir/sym/kernel.py" \
         "$datadir/vim/vimfiles/syntax/sym.vim" "$datadir/emacs/site-lisp/sym-mode.el" \
         "$pkgdatadir/editors/vscode/syntaxes/sym.tmLanguage.json"; do
    [ -f "$dest$f" ] || { echo "FAIL: $f was not installed"; fails=$((fails + 1)); }
done
# C: the installed header, library and pkg-config file
flags=$(PKG_CONFIG_PATH="$dest$libdir/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" \
        pkg-config --cflags --libs sym) || { echo "FAIL: pkg-config sym"; fails=$((fails + 1)); }
if ${CC:-cc} ${CFLAGS:-} ${LDFLAGS:-} "$SYM_SRCDIR/examples/embed.c" $flags -o "$b/python/embed"; then
    out=$(LD_LIBRARY_PATH="$dest$libdir" "$b/python/embed")
    want=$(printf '%s\n' 6 'subalgebra of gl(2) of dimension 1' '  [0, -4; 1, 0]')
    [ "$out" = "$want" ] || { echo "FAIL: embed printed '$out'"; fails=$((fails + 1)); }
else
    echo "FAIL: cannot build examples/embed.c against the installed library"; fails=$((fails + 1))
fi
# Python: the installed package (its _config names $libdir; the staged copy
# is reached through SYM_LIBRARY) and the kernel spec
got=$(PYTHONPATH="$dest$pythondir" SYM_LIBRARY="$dest$libdir/libsymrt.so.0" JUPYTER_PATH="$dest$datadir/jupyter" \
      "$PYTHON3" -c '
import sym, os
from jupyter_client.kernelspec import KernelSpecManager
from sym import _config
spec = KernelSpecManager().get_kernel_spec("sym")
print(sym.__file__.startswith(os.environ["PYTHONPATH"]), sym.Session().eval("dim(so(3))"),
      spec.argv[1:3], _config.LIBRARY)')
want="True 3 ['-m', 'sym.kernel'] $libdir/libsymrt.so.0"
[ "$got" = "$want" ] || { echo "FAIL: installed package: got '$got', want '$want'"; fails=$((fails + 1)); }
[ "$fails" = 0 ]
