# stage.sh — sourced by the test scripts: stages the sym package of the
# build tree in $stage and sets PYTHONPATH, SYM_LIBRARY and, for ASan
# builds, the preload that lets Python load an ASan-instrumented libsymrt.
b=${SYM_BUILDDIR:?run from make check}
PYTHON3=${PYTHON3:-/usr/bin/python3}
"$PYTHON3" -c 'import numpy, cffi, pytest' 2>/dev/null || { echo "SKIP: python3 with numpy, cffi and pytest not found"; exit 77; }
stage=$b/python/stage
rm -rf "$stage" && mkdir -p "$stage/sym" || exit 99
cp "$SYM_SRCDIR"/python/sym/*.py "$stage/sym/" && cp "$b"/python/sym/_cdef.py "$b"/python/sym/_config.py "$stage/sym/" || exit 99
PYTHONPATH=$stage; export PYTHONPATH
SYM_LIBRARY=$b/.libs/libsymrt.so; export SYM_LIBRARY
PYTHONDONTWRITEBYTECODE=1; export PYTHONDONTWRITEBYTECODE
if [ "${SYM_ASAN:-}" = yes ]; then
    LD_PRELOAD=$(${CC:-cc} -print-file-name=libasan.so); export LD_PRELOAD
    # Python itself is not instrumented and keeps memory until exit
    # (libsym's own leaks are checked by tests/unit/test_sym_api)
    ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0; export ASAN_OPTIONS
fi
