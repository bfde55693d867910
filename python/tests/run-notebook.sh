#!/bin/sh
# run-notebook.sh — runs examples/tutorial.ipynb headless (nbclient) on the
# build tree's Sym kernel and checks its outputs, then the kernel's
# completion, help and interrupt (python/tests/check_notebook.py).
set -u
. "${SYM_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/python/tests/stage.sh" || exit 99
"$PYTHON3" -c 'import nbclient, nbformat, ipykernel' 2>/dev/null || { echo "SKIP: nbclient/ipykernel not found"; exit 77; }
jp=$b/python/jupyter
rm -rf "$jp" && mkdir -p "$jp/kernels/sym" "$jp/work" || exit 99
sed -e "s|@PYTHON3@|$PYTHON3|g" "$SYM_SRCDIR/python/kernel.json.in" > "$jp/kernels/sym/kernel.json" || exit 99
JUPYTER_PATH=$jp; export JUPYTER_PATH
JUPYTER_RUNTIME_DIR=$jp/runtime; export JUPYTER_RUNTIME_DIR
JUPYTER_CONFIG_DIR=$jp/config; export JUPYTER_CONFIG_DIR
IPYTHONDIR=$jp/ipython; export IPYTHONDIR
PYDEVD_DISABLE_FILE_VALIDATION=1; export PYDEVD_DISABLE_FILE_VALIDATION
exec "$PYTHON3" "$SYM_SRCDIR/python/tests/check_notebook.py" "$SYM_SRCDIR/examples/tutorial.ipynb" "$jp/work"
