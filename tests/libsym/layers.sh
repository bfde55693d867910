#!/bin/sh
# layers.sh — runtime/ is layered one way: no include cycle, no include or
# symbol (nm of the object files) from a lower layer to a higher one.  See
# tests/libsym/layers.py.
top=${SYM_BUILDDIR:?run me from make check}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON3:-}
[ -n "$py" ] || { [ -x /usr/bin/python3 ] && py=/usr/bin/python3; } || py=python3
command -v "$py" >/dev/null 2>&1 || { echo "layers.sh: no python3: skipped"; exit 77; }
command -v nm >/dev/null 2>&1 || { echo "layers.sh: no nm: skipped"; exit 77; }
exec "$py" "$here/layers.py" --objects "$top"
