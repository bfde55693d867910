#!/bin/sh
# run-pytest.sh — the Python package's pytest suite against the build tree
# (make check; no install): the package sources from the source tree and the
# generated _cdef.py/_config.py from the build tree are staged together, and
# SYM_LIBRARY points at the freshly built libsymrt.
set -u
. "${SYM_SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}/python/tests/stage.sh" || exit 99
exec "$PYTHON3" -m pytest -q -p no:cacheprovider "$SYM_SRCDIR/python/tests"
