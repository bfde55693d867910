"""api.py — direct functions for the common tasks, NumPy in and out.  Each
runs in the session given (session=) or in a private module session.

equivariant_basis   exact basis of the W with rho_out(g) W = W rho_in(g)
enforce             exact basis of the symmetric subspace of a model space
discover            the symmetry subalgebra of a model or of data
promote             fit with a nuclear-norm penalty promoting symmetry
"""
from fractions import Fraction

import numpy as np

from .session import Session, Code

_default = []


def _session(session):
    if session is not None:
        return session
    if not _default:
        _default.append(Session())
    return _default[0]


def _exact(mats, what):
    out = []
    for M in mats:
        a = np.asarray(M)
        if a.dtype.kind == "f":
            if not np.all(a == np.round(a)):
                raise TypeError("%s: float matrices must have integer entries; pass "
                                "ints or Fractions for exact rational entries" % what)
            a = a.astype(np.int64)
        if a.ndim != 2 or a.shape[0] != a.shape[1]:
            raise ValueError("%s: each matrix must be square, not of shape %s" % (what, a.shape))
        out.append(a)
    return out


_EQB = """
function __sym_equivariant_basis(A, B, H, K, n, m)
  C = zeros(0, m * n)
  for i in 1:length(A)
    C = [C; kron(B[i], eye(n)) - kron(eye(m), transpose(A[i]))]
  end
  for i in 1:length(H)
    C = [C; kron(K[i], eye(n)) - kron(eye(m), transpose(H[i]))]
  end
  return nullspace(C)
end
"""


def equivariant_basis(lie_in, lie_out, discrete_in=(), discrete_out=(), session=None):
    """An exact basis of the linear maps W : V_in -> V_out with
    B_i W = W A_i for the Lie algebra generators (A_i on V_in, B_i on V_out)
    and K_k W = W H_k for the discrete generators (H_k on V_in, K_k on
    V_out), as EMLP's equivariant_basis.  Matrices are int, Fraction or
    integer-valued float arrays.  Returns Q, a NumPy object array of
    Fractions of shape (dim V_out * dim V_in, k): column c is W_c flattened
    row by row (W_c = Q[:, c].reshape(dim V_out, dim V_in)).  The nullspace
    is Sym's exact one (checked C Q = 0)."""
    A, B = _exact(lie_in, "lie_in"), _exact(lie_out, "lie_out")
    H, K = _exact(discrete_in, "discrete_in"), _exact(discrete_out, "discrete_out")
    if len(A) != len(B) or len(H) != len(K):
        raise ValueError("equivariant_basis: each generator needs its image on both sides")
    if not A and not H:
        raise ValueError("equivariant_basis: give at least one generator")
    n = (A or H)[0].shape[0]
    m = (B or K)[0].shape[0]
    for a in A + H:
        if a.shape[0] != n:
            raise ValueError("equivariant_basis: input generators of different sizes")
    for b in B + K:
        if b.shape[0] != m:
            raise ValueError("equivariant_basis: output generators of different sizes")
    s = _session(session)
    if s.get_or_none("__sym_equivariant_basis") is None:
        s.run(_EQB)
    Q = s.call("__sym_equivariant_basis", A, B, H, K, n, m)
    return np.asarray(Q, dtype=object).reshape((m * n, -1))


def enforce(space, group, coords=None, session=None):
    """The exact basis of the subspace of a Sym model space (Sym code, e.g.
    "polys(fields(SO(2)), 3)") invariant under a group or algebra (Sym
    code, e.g. "SO(2)"), after `coords` (e.g. "x, y") when given.  Returns
    a dict: dim, basis (SymPy expressions or strings, NumPy arrays of them
    for vector fields) and the Sym printout."""
    s = _session(session)
    if coords:
        s.run("coords " + coords)
    Vh = s.value("enforce((%s), (%s))" % (space, group))
    return {"dim": int(s.call("dim", Vh)), "basis": s.call("basis", Vh), "sym": str(Vh)}


def discover(target, algebra=None, coords=None, session=None, **options):
    """Sym's discover: the symmetry subalgebra of target (Sym code for a
    polynomial, a vector field or a model, or a NumPy array of data points,
    one per row) inside algebra (Sym code, e.g. "gl(2)").  Keyword options
    are discover's (d, tol, dim, k, E).  Returns the converted result (a
    Lie algebra handle for exact input, a record dict for data)."""
    s = _session(session)
    if coords:
        s.run("coords " + coords)
    t = Code(target) if isinstance(target, str) else target
    args = [t] + ([Code(algebra)] if algebra is not None else [])
    return s.call("discover", *args, **{k: (Code(v) if k == "E" and isinstance(v, str) else v)
                                        for k, v in options.items()})


def promote(space, X, Y, algebra, coords=None, session=None, **options):
    """Sym's promote: fit the model space (Sym code) to data X (points, one
    per row) and Y (values) with a nuclear-norm penalty that promotes
    symmetry in algebra (Sym code).  Keyword options are promote's (gamma,
    box, measure, tol, max_iter, interpolate).  Returns the result record
    as a dict (NumPy float arrays for its matrices)."""
    s = _session(session)
    if coords:
        s.run("coords " + coords)
    return s.call("promote", Code(space), np.asarray(X, dtype=float),
                  np.asarray(Y, dtype=float), Code(algebra), **options)
