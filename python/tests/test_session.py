"""test_session.py — sym.Session: conversions both ways, errors with their
place, independent sessions, interrupts, completion and help."""
from fractions import Fraction
import os
import signal
import threading
import time

import numpy as np
import pytest
import sympy

import sym


@pytest.fixture
def s():
    return sym.Session()


def test_scalars_out(s):
    assert s.eval("1/3 + 1") == Fraction(4, 3)
    assert type(s.eval("2")) is Fraction
    assert s.eval("true") is True
    assert s.eval("nil") is None
    assert s.eval("x = 1") is None
    assert s.eval('"héllo"') == "héllo"
    assert abs(s.eval("float(1/3)") - 1 / 3) < 1e-15
    assert s.eval("2^100") == 2 ** 100


def test_structures_out(s):
    assert s.eval('record(a = 1, b = [1/2, "x"])') == {"a": 1, "b": [Fraction(1, 2), "x"]}
    m = s.eval("[1, 2/3; -4, 5]")
    assert m.dtype == object and m.shape == (2, 2)
    assert m[0, 1] == Fraction(2, 3) and isinstance(m[0, 1], Fraction)


def test_float_matrix_no_copy(s):
    a = s.eval("fmat([1, 2, 3; 4, 5, 6])")
    assert a.dtype == np.float64 and a.shape == (2, 3)
    assert np.array_equal(a, [[1, 2, 3], [4, 5, 6]])
    assert not a.flags.writeable       # Sym values are immutable
    assert a.flags.f_contiguous         # Sym's own column-major buffer
    b = s.eval("fmat([1, 2, 3; 4, 5, 6])")
    del s
    import gc
    gc.collect()
    assert a.sum() == 21 and b.sum() == 21  # the buffer outlives the session


def test_polynomials(s):
    p = s.eval("coords x, y\n3/4*x^2*y - y")
    x, y = sympy.symbols("x y")
    assert sympy.simplify(p - (sympy.Rational(3, 4) * x ** 2 * y - y)) == 0
    assert sym.Session(sympy=False).eval("coords x, y\nx^2 + y") == "x^2 + y"
    F = s.eval("[x - y; x*y]")
    assert F.shape == (2, 1) and sympy.expand(F[1, 0] - x * y) == 0


def test_values_in(s):
    assert s.eval("X", X=Fraction(-2, 6)) == Fraction(-1, 3)
    assert s.eval("type(X)", X=2.5) == "real"
    assert s.eval("X + 1", X=3) == 4
    assert s.eval("length(L)", L=[1, "a", None]) == 3
    assert s.eval("R.b", R={"a": 1, "b": "x"}) == "x"
    C = np.arange(6.0).reshape(2, 3)
    assert s.eval("type(C)", C=C) == "float matrix"
    assert np.array_equal(s.eval("C", C=C), C)
    assert np.array_equal(s.eval("C", C=np.asfortranarray(C)), C)
    assert np.array_equal(s.eval("C", C=C[:, ::2]), C[:, ::2])   # strided view
    E = np.array([[1, 2], [3, 4]])
    assert s.eval("det(E)", E=E) == -2
    assert s.eval("type(E)", E=E) == "matrix"
    Q = np.array([[Fraction(1, 2), 0], [0, 2]], dtype=object)
    assert s.eval("inv(Q)", Q=Q)[0, 0] == 2
    assert s.eval("size(v)", v=np.array([1.0, 2.0, 3.0])) == [3, 1]
    with pytest.raises(ValueError):
        s.set("N", np.array([[np.nan]]))
    with pytest.raises(TypeError):
        s.set("N", object())
    with pytest.raises(ValueError):
        s.set("end", 1)
    s["k"] = 7
    assert s["k"] == 7
    with pytest.raises(KeyError):
        s.get("nosuch")


def test_call(s):
    assert s.call("det", np.array([[1, 2], [3, 4]])) == -2
    assert s.call("round", 2.345, digits=1) == pytest.approx(2.3)
    assert s.call("dim", sym.Code("so(3)")) == 3


def test_output_goes_to_stdout(s, capsys):
    s.run('print("hello")\n1 + 1')
    assert capsys.readouterr().out == "hello\n2\n"
    assert s.eval('print("a")\n5') == 5
    assert capsys.readouterr().out == "a\n"


def test_error_with_location(s):
    with pytest.raises(sym.SymError) as ei:
        s.eval("a = 1\nb = [1, 2] + [1; 2]")
    e = ei.value
    assert (e.file, e.line, e.col) == ("<python>", 2, 5)
    assert "cannot add" in e.message
    assert "<python>:2:5: error:" in str(e) and "^" in e.report
    with pytest.raises(sym.SymSyntaxError) as ei:
        s.eval("1 +")
    assert ei.value.line == 1
    assert s.eval("a") == 1   # the session goes on


def test_independent_sessions():
    a, b = sym.Session(), sym.Session()
    a.run("x = 1\ncoords u, v")
    b.run("x = 2")
    assert a.eval("x") != b.eval("x")
    assert b.eval("x") == 2
    with pytest.raises(sym.SymError):
        b.eval("u")
    a.eval("precision(200)")
    assert b.eval("precision()") == 128


def test_interrupt(s):
    # Ctrl-C after 0.5 s, pressed again every 2 s while the loop still runs
    # (as an impatient user would): one signal can arrive before the call
    # has installed its handler on a loaded machine, and the test must not
    # hang on that.  The presses stop once the call has returned.
    returned = threading.Event()

    def press():
        delay = 0.5
        for _ in range(15):
            if returned.wait(delay):
                return
            os.kill(os.getpid(), signal.SIGINT)
            delay = 2.0

    presser = threading.Thread(target=press, daemon=True)
    presser.start()
    t0 = time.time()
    try:
        with pytest.raises(KeyboardInterrupt):
            s.eval("n = 0\nwhile true\n  n = n + 1\nend")
    finally:
        returned.set()
        presser.join()
    assert time.time() - t0 < 30
    assert s.eval("n") > 0          # the loop ran, then stopped
    assert s.eval("1 + 1") == 2     # and the session goes on


def test_complete_help_tables(s):
    assert s.complete("equiv") == ["equivariant"]
    assert "while" in s.complete("wh")
    assert "enforce(V, G" in sym.help("enforce")
    assert sym.help("nosuch") is None
    assert "if" in sym.keywords() and "enforce" in sym.builtins()


def test_opaque_values(s):
    g = s.eval("so(3)")
    assert isinstance(g, sym.Value) and g.kind == "Lie algebra"
    assert s.eval("dim(g)", g=g) == 3
    assert "so(3)" in str(g)
