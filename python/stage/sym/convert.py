"""convert.py — Sym values to Python and back.

Out of Sym: nil -> None, bool -> bool, rational -> fractions.Fraction,
real -> float (rounded to the nearest double), string -> str, list ->
list, record -> dict, exact matrix -> NumPy object array of Fractions,
float matrix -> read-only NumPy float64 array sharing Sym's column-major
buffer (no copy; the buffer lives as long as the array), polynomial ->
SymPy expression when SymPy is installed (else its text), polynomial matrix
-> NumPy object array of those; anything else (functions, Lie algebras,
model spaces, ...) -> sym.Value, an opaque handle that can be passed back.

Into Sym: None, bool, int, Fraction, float, str, list/tuple, dict,
sym.Value, and NumPy arrays: float arrays -> float matrix (read in place
through their strides, one copy into Sym), integer, bool and object arrays
of int/Fraction -> exact matrix; 1-D arrays are column vectors.
"""
from fractions import Fraction
import numbers

import numpy as np

from ._ffi import ffi, lib, take_string, borrowed_string, lock, release

try:
    import sympy as _sympy
    from sympy.parsing.sympy_parser import (parse_expr, standard_transformations,
                                            convert_xor)
except ImportError:  # SymPy is optional
    _sympy = None


def owned(p):
    """Manage a SymValue * returned by the library (freed with the cdata)."""
    if p == ffi.NULL:
        return None
    return ffi.gc(p, lambda q: release(lib.sym_value_free, q))


class Value:
    """A Sym value with no Python counterpart (a function, a Lie algebra,
    a model space, ...).  str() is Sym's printout; pass it back to Session
    methods as an argument."""

    def __init__(self, handle):
        self._h = handle

    @property
    def kind(self):
        return borrowed_string(lib.sym_value_kind_name(self._h))

    def __str__(self):
        return take_string(lib.sym_value_print(self._h, lib.SYM_FMT_PLAIN))

    def _repr_latex_(self):
        return "$" + take_string(lib.sym_value_print(self._h, lib.SYM_FMT_LATEX)) + "$"

    def __repr__(self):
        return "<sym %s: %s>" % (self.kind, str(self))


def _poly(text, names, use_sympy):
    if not (use_sympy and _sympy):
        return text
    local = {n: _sympy.Symbol(n) for n in names}
    return parse_expr(text, local_dict=local,
                      transformations=standard_transformations + (convert_xor,))


def to_python(h, use_sympy=True):
    """The Python value of the handle h (see the module comment)."""
    with lock:
        return _to_python(h, use_sympy)


def _to_python(h, use_sympy):
    k = lib.sym_value_kind(h)
    if k == lib.SYM_NIL:
        return None
    if k == lib.SYM_BOOL:
        return bool(lib.sym_value_bool(h))
    if k == lib.SYM_RAT:
        return Fraction(int(take_string(lib.sym_value_rat_num(h))),
                        int(take_string(lib.sym_value_rat_den(h))))
    if k == lib.SYM_REAL:
        return float(take_string(lib.sym_value_real_str(h)))
    if k == lib.SYM_STR:
        n = ffi.new("size_t *")
        p = lib.sym_value_str(h, n)
        return ffi.buffer(p, n[0])[:].decode("utf-8", "replace")
    if k == lib.SYM_LIST:
        return [_to_python(owned(lib.sym_value_item(h, i)), use_sympy)
                for i in range(lib.sym_value_length(h))]
    if k == lib.SYM_RECORD:
        return {borrowed_string(lib.sym_value_key(h, i)):
                _to_python(owned(lib.sym_value_item(h, i)), use_sympy)
                for i in range(lib.sym_value_length(h))}
    rows, cols = lib.sym_value_rows(h), lib.sym_value_cols(h)
    if k == lib.SYM_MAT:
        a = np.empty((rows, cols), dtype=object)
        for i in range(rows):
            for j in range(cols):
                a[i, j] = Fraction(take_string(lib.sym_value_mat_entry(h, i, j)))
        return a
    if k == lib.SYM_FMAT:
        if rows * cols == 0:
            return np.zeros((rows, cols))
        keep = lib.sym_value_ref(h)
        data = ffi.gc(lib.sym_value_fmat_data(keep),
                      lambda _p, keep=keep: release(lib.sym_value_free, keep))
        a = np.frombuffer(ffi.buffer(data, 8 * rows * cols), dtype=np.float64)
        a = a.reshape((cols, rows)).T  # column-major, no copy
        a.setflags(write=False)        # Sym values are immutable
        return a
    if k == lib.SYM_POLY:
        names = take_string(lib.sym_value_poly_vars(h)).split()
        return _poly(take_string(lib.sym_value_print(h, lib.SYM_FMT_PLAIN)), names, use_sympy)
    if k == lib.SYM_PMAT:
        a = np.empty((rows, cols), dtype=object)
        for i in range(rows):
            for j in range(cols):
                a[i, j] = _to_python(owned(lib.sym_value_pmat_entry(h, i, j)), use_sympy)
        return a
    return Value(h)


def _exact_entry(x):
    if isinstance(x, (bool, np.bool_)):
        return str(int(x))
    if isinstance(x, (numbers.Integral, Fraction)):
        return str(Fraction(x))
    if isinstance(x, numbers.Rational):
        return "%d/%d" % (x.numerator, x.denominator)
    raise TypeError("an exact matrix entry must be an int or a Fraction, not %s"
                    % type(x).__name__)


def from_python(x):
    """A new handle for the Python value x (see the module comment);
    TypeError or ValueError when x has no Sym counterpart."""
    with lock:
        return _from_python(x)


def _from_python(x):
    if isinstance(x, Value):
        return x._h
    if x is None:
        return owned(lib.sym_value_nil())
    if isinstance(x, (bool, np.bool_)):
        return owned(lib.sym_value_new_bool(int(bool(x))))
    if isinstance(x, (numbers.Integral, Fraction)) or (
            isinstance(x, numbers.Rational) and not isinstance(x, float)):
        q = Fraction(x)
        return owned(lib.sym_value_new_rat(str(q.numerator).encode(),
                                           str(q.denominator).encode()))
    if isinstance(x, (float, np.floating)):
        return owned(lib.sym_value_new_real(float(x)))
    if isinstance(x, str):
        b = x.encode("utf-8")
        return owned(lib.sym_value_new_str(b, len(b)))
    if isinstance(x, np.ndarray):
        return _from_array(x)
    if isinstance(x, (list, tuple)):
        items = [_from_python(v) for v in x]
        return owned(lib.sym_value_new_list(ffi.new("SymValue *[]", items) if items
                                            else ffi.NULL, len(items)))
    if isinstance(x, dict):
        keys = [ffi.new("char[]", str(k).encode()) for k in x]
        vals = [_from_python(v) for v in x.values()]
        h = owned(lib.sym_value_new_record(ffi.new("char *[]", keys) if keys else ffi.NULL,
                                           ffi.new("SymValue *[]", vals) if vals else ffi.NULL,
                                           len(vals)))
        if h is None:
            raise ValueError("a record needs distinct non-empty field names")
        return h
    raise TypeError("cannot pass a %s to Sym" % type(x).__name__)


def _from_array(a):
    if a.ndim == 1:
        a = a.reshape((-1, 1))
    if a.ndim != 2:
        raise ValueError("Sym matrices have 2 dimensions, not %d" % a.ndim)
    rows, cols = a.shape
    if a.dtype.kind == "f":
        a64 = np.asarray(a, dtype=np.float64)
        if not (a64.flags.c_contiguous or a64.flags.f_contiguous):
            a64 = np.ascontiguousarray(a64)
        if not np.all(np.isfinite(a64)):
            raise ValueError("a float matrix for Sym must be finite (no NaN or inf)")
        # read in place (C or Fortran order) through the strides; a64 stays
        # alive during the call, which copies the numbers into Sym
        rs, cs = a64.strides[0] // 8, a64.strides[1] // 8
        data = ffi.cast("double *", a64.ctypes.data) if a64.size else ffi.NULL
        h = owned(lib.sym_value_new_fmat(rows, cols, data, rs, cs))
        if h is None:
            raise MemoryError("cannot make a %dx%d float matrix" % (rows, cols))
        return h
    if a.dtype.kind in "iub" or a.dtype == object:
        ents = [ffi.new("char[]", _exact_entry(v).encode()) for v in a.reshape(-1)]
        h = owned(lib.sym_value_new_mat(rows, cols,
                                        ffi.new("char *[]", ents) if ents else ffi.NULL))
        if h is None:
            raise ValueError("cannot make a %dx%d exact matrix" % (rows, cols))
        return h
    raise TypeError("cannot pass a NumPy array of dtype %s to Sym" % a.dtype)
