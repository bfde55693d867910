"""make_tutorial.py — writes examples/tutorial.ipynb, the classroom tutorial
as a Sym notebook.  Each code cell carries metadata "sym": the substrings
its outputs must contain ("expect"), and whether it must show LaTeX, only
plain text (prose values such as Lie algebras), an SVG plot or an error; python/tests/check_notebook.py checks them after running
the notebook headless.

usage: python3 python/make_tutorial.py > examples/tutorial.ipynb
"""
import sys

import nbformat
from nbformat.v4 import new_notebook, new_markdown_cell, new_code_cell

cells = []


def md(text):
    cells.append(new_markdown_cell(text.strip()))


def code(text, expect=(), latex=False, svg=False, error=False, plain=False):
    c = new_code_cell(text.strip())
    c.metadata["sym"] = {"expect": list(expect), "latex": latex, "plain": plain, "svg": svg,
                         "error": error}
    cells.append(c)


md("""
# Symmetry in machine learning, with Sym

This notebook is the classroom tutorial of Sym (Otto, Zolman, Kutz, Brunton,
*A unified framework to enforce, discover, and promote symmetry in machine
learning*): Lie algebras, Lie derivatives, invariants, discovering the
symmetry of a conic, and promoting symmetry while fitting data.  Every cell is
Sym code; results are exact unless a float matrix is involved.  Type `?name`
for the help of a builtin and press Tab to complete a name.
""")
md("""
## 1. Lie algebras
A Lie algebra is a space of matrices closed under the bracket `[A, B] = AB - BA`.
`so(3)` is the algebra of rotations of R³; its basis satisfies `[Lx, Ly] = Lz`.
""")
code("g = so(3)\ng", expect=["so(3): Lie algebra of dimension 3"], plain=True)
code("bracket(g[1], g[2]) == g[3]", expect=["true"], latex=True)
code("killing(g)", expect=["[-2, 0, 0; 0, -2, 0; 0, 0, -2]"], latex=True)
code("?closure", expect=["closure(mats"])
code("closure([[0, 1; 0, 0], [0, 0; 1, 0]])", expect=["dimension 3"])
md("""
## 2. Lie derivatives
Declare coordinates; a matrix ξ acts on them by the velocity field v(x) = ξx,
and `lie(xi, F)` is the Lie derivative of a function or vector field F.  It
vanishes exactly when F is invariant (or equivariant).
""")
code("coords x, y\nJ = so(2)[1]\nlie(J, x^2 + y^2)", expect=["0"], latex=True)
code("lie(J, x^3*y)", expect=["-x^4 + 3*x^2*y^2"], latex=True)
code("lie(J, [x^2; 0])", expect=["[2*x*y; x^2]"], latex=True)
md("""
## 3. Enforcing symmetry: invariants and equivariant layers
`enforce` keeps the exact nullspace of the Lie-derivative constraints.  The
SO(2)-invariant polynomials of degree ≤ 4 are polynomials in r² = x² + y².
""")
code("V = polys(scalars(SO(2)), 4)\nS = enforce(V, SO(2))\nS",
     expect=["model space of dimension 3", "x^2 + y^2"], plain=True)
code('print("invariants d = 0..6:", map(d -> dim(enforce(polys(scalars(SO(2)), d), SO(2))), 0:6))',
     expect=["[1, 1, 2, 2, 3, 3, 4]"])
code("r = std(SO(3))\nlength(equivariant(r * r, r))", expect=["1"])
code("Z6 = std(Z(6))\ndim(enforce(layers(Z6, Z6, false), Z(6)))", expect=["6"])
md("""
## 4. Discovering the symmetry of a conic
The ellipse x² + 4y² = 1 is not rotation invariant; `discover` finds the
subalgebra of gl(2) that leaves it invariant: one generator, a rotation
rescaled to the ellipse.
""")
code("discover(x^2 + 4*y^2, gl(2))", expect=["subalgebra of gl(2) of dimension 1", "[0, -4; 1, 0]"])
md("From noisy samples of a circle the same question has a float answer, with the numbers that decide it:")
code("C = fmat(matrix(map(k -> [(1 - (k/5)^2)/(1 + (k/5)^2), 2*(k/5)/(1 + (k/5)^2)], range(-20, 21))))\n"
     "d = discover(noise(C, 0.01, seed = 1), gl(2))\nlength(d.symmetries)", expect=["1"])
md("""
## 5. Promoting symmetry while fitting data
`promote` fits a model to data with a nuclear-norm penalty that favours
symmetric models; the singular values show how many symmetries survive.
The vector field below is a rotation plus a scaling, so it commutes with
the two-dimensional algebra of rotations and scalings.
""")
code("V = polys(fields(gl(2)), 1)\nX = sample(30, [[-1, 1], [-1, 1]], seed = 1)\n"
     "Y = noise(eval([x/2 - y; x + y/2], X), 0.05, seed = 2)\n"
     "r = promote(V, X, Y, gl(2), gamma = 1)\nr.rank", expect=["2"])
code('P = path(V, X, Y, gl(2), [0.001, 0.01, 0.1, 1, 10])\n'
     'plot_svals("tutorial_svals.svg", P.gammas, P.singular_values, P.kept, "singular values along the path")',
     svg=True)
md("""
## 6. Errors
Errors point at the code, as in the command line; the session goes on.
""")
code("[1, 2] + [1; 2]", expect=["error: cannot add a list and a matrix", "^"], error=True)
code("1 + 1", expect=["2"])

for i, c in enumerate(cells):
    c.id = "cell-%02d" % i   # stable ids: regenerating gives the same file
nb = new_notebook(cells=cells)
nb.metadata["kernelspec"] = {"name": "sym", "display_name": "Sym", "language": "sym"}
nb.metadata["language_info"] = {"name": "sym", "file_extension": ".sym"}
nbformat.write(nb, sys.stdout)
