"""test_direct.py — sym.enforce, sym.discover and sym.promote with NumPy
data in and out."""
import numpy as np
import sympy

import sym


def test_enforce_polys():
    r = sym.enforce("polys(scalars(SO(2)), 4)", "SO(2)", coords="x, y")
    assert r["dim"] == 3
    x, y = sympy.symbols("x y")
    assert sympy.expand(r["basis"][1] - (x ** 2 + y ** 2)) == 0


def test_discover_exact_and_data():
    s = sym.Session()
    g = sym.discover("x^2 + 4*y^2", "gl(2)", coords="x, y", session=s)
    assert isinstance(g, sym.Value) and "dimension 1" in str(g)
    t = np.linspace(0, 2 * np.pi, 41)
    rng = np.random.default_rng(1)
    C = np.column_stack([np.cos(t), np.sin(t)]) + 0.01 * rng.standard_normal((41, 2))
    r = sym.discover(C, "gl(2)", session=s)
    assert isinstance(r, dict) and len(r["symmetries"]) == 1
    A = np.asarray(r["symmetries"][0], dtype=float)
    # a rotation generator: antisymmetric up to the noise
    assert np.linalg.norm(A + A.T) < 0.1 * np.linalg.norm(A)


def test_promote_rotation():
    rng = np.random.default_rng(1)
    X = rng.uniform(-1, 1, (30, 2))
    Y = np.column_stack([X[:, 0] / 2 - X[:, 1], X[:, 0] + X[:, 1] / 2])
    Y = Y + 0.01 * rng.standard_normal(Y.shape)
    r = sym.promote("polys(fields(gl(2)), 1)", X, Y, "gl(2)", coords="x, y", gamma=1)
    assert r["converged"]
    assert r["residual"] < 0.5   # the same measure as fit().residual at noise 0.01
    assert r["rank"] == 2
