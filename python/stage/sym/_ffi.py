"""_ffi.py — loads libsymrt through cffi (ABI mode) with the declarations of
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
        lib.sym_string_free(p)


def borrowed_string(p):
    """A Python str from a borrowed const char *; None for NULL."""
    if p == ffi.NULL:
        return None
    return ffi.string(p).decode("utf-8", "replace")


# --- one lock for libsym ---------------------------------------------------
# libsym's values are reference-counted without atomics and a few pieces
# of its state are process-wide (sym/sym.h), so every library call happens
# under `lock`.  A long evaluation runs in a worker thread while the thread
# that holds the lock waits (see session.py); meanwhile Python may collect
# garbage handles, in any thread: their frees are deferred (`busy`) and done
# by `flush` when the evaluation is over.
import threading

lock = threading.RLock()
busy = [False]
_pending = []


def release(fn, p):
    """Free p with fn now if no evaluation runs, else after it."""
    if not busy[0] and lock.acquire(blocking=False):
        try:
            if busy[0]:
                _pending.append((fn, p))
            else:
                fn(p)
        finally:
            lock.release()
    else:
        _pending.append((fn, p))


def flush():
    """Do the deferred frees (the caller holds lock and busy is clear)."""
    while _pending:
        fn, p = _pending.pop()
        fn(p)
