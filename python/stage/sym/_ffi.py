"""_ffi.py — loads libsym through cffi (ABI mode) with the declarations of
sym/sym.h.  The library is $SYM_LIBRARY if set (the build tree's tests set
it), else the one installed with this package (_config.LIBRARY)."""
import os

from cffi import FFI

from ._cdef import CDEF

ffi = FFI()
ffi.cdef(CDEF)


def _library_path():
    path = os.environ.get("SYM_LIBRARY")
    if path:
        return path
    from ._config import LIBRARY
    return LIBRARY


lib = ffi.dlopen(_library_path())


def take_string(p):
    """A Python str from a malloc'd char * (freed here); None for NULL."""
    if p == ffi.NULL:
        return None
    try:
        return ffi.string(p).decode("utf-8", "replace")
    finally:
        lib.sym_free(p)


def borrowed_string(p):
    """A Python str from a borrowed const char *; None for NULL."""
    if p == ffi.NULL:
        return None
    return ffi.string(p).decode("utf-8", "replace")
