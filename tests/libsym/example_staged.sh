#!/bin/sh
# example_staged.sh — `make install` into a staging directory, then build
# examples/libsym/enforce_discover.c against the STAGED libsym through
# pkg-config (libsym.pc), run it and compare its output with
# examples/libsym/enforce_discover.out.  Proves the installed headers,
# archive and pkg-config file are enough for a C program.
set -e
top=${SYM_BUILDDIR:?run me from make check}
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
MAKE=${MAKE:-make}
# A make of its own (not the parent's jobserver): the tree is already built.
unset MAKEFLAGS MFLAGS MAKELEVEL
stage=$(mktemp -d "${TMPDIR:-/tmp}/libsym-stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT INT TERM
if ! $MAKE -s -C "$top" install DESTDIR="$stage" >"$stage/install.log" 2>&1; then
    cat "$stage/install.log"
    echo "example_staged: make install DESTDIR=$stage failed"
    exit 1
fi
eval "$($MAKE -s --no-print-directory -C "$top" libsym-print-build | grep -E '^(CC|CFLAGS|LDFLAGS)=')"
pc=$(find "$stage" -name libsym.pc | head -n 1)
test -n "$pc" || { echo "example_staged: no libsym.pc was installed"; exit 1; }
PKG_CONFIG_PATH=$(dirname "$pc")
PKG_CONFIG_SYSROOT_DIR=$stage
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR
cflags=$(pkg-config --cflags libsym)
libs=$(pkg-config --libs libsym)
case "$cflags" in *"$stage"*) ;; *) echo "example_staged: Cflags do not point into the stage: $cflags"; exit 1;; esac
# shellcheck disable=SC2086
$CC $CFLAGS $cflags -o "$stage/enforce_discover" "$srcdir/examples/libsym/enforce_discover.c" \
    $LDFLAGS $libs
"$stage/enforce_discover" >"$stage/out"
if ! diff -u "$srcdir/examples/libsym/enforce_discover.out" "$stage/out"; then
    echo "example_staged: the output differs from examples/libsym/enforce_discover.out"
    exit 1
fi
echo "example_staged: built against the staged libsym ($libs) and ran"
