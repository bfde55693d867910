"""sym — Sym, a language for symmetry in machine learning, from Python.

    import sym
    s = sym.Session()
    s.eval("coords x, y\\ndim(enforce(polys(scalars(SO(2)), 4), SO(2)))")  # Fraction(3)
    sym.equivariant_basis([A], [B])       # exact EMLP-style basis, NumPy out

The package binds libsymrt (the installed interpreter library, sym/sym.h) through
cffi: the engine is Sym's own C code, in this process.  See sym.convert for
the conversions, sym.session for errors and interrupts, and the Jupyter
kernel in sym.kernel (python3 -m sym.kernel).
"""
from .convert import Value
from .session import Session, SymError, SymSyntaxError, Code, help, keywords, builtins
from .api import equivariant_basis, enforce, discover, promote
from ._ffi import lib as _lib, borrowed_string as _bs

__version__ = _bs(_lib.sym_version())

__all__ = ["Session", "SymError", "SymSyntaxError", "Code", "Value", "help", "keywords",
           "builtins", "equivariant_basis", "enforce", "discover", "promote"]
