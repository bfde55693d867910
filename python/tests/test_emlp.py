"""test_emlp.py — the EMLP dimensions (the same counts as
examples/enforce.sym and tests/scripts/enforce.sym), through the language and
through sym.equivariant_basis on explicit representation matrices, and an
enforced basis used as a PyTorch layer checked equivariant."""
from fractions import Fraction
import itertools

import numpy as np
import pytest

import sym


def emlp(s, G, a, b):
    return s.eval("dim(enforce(layers(%s, %s, false), %s))" % (a, b, G))


def test_emlp_table_in_the_language():
    s = sym.Session()
    s.run("V5 = std(S(5))\nW5 = std(A(5))\nV6 = std(S(6))\nR3 = std(SO(3))\n"
          "O3 = std(O(3))\nZ6 = std(Z(6))")
    assert emlp(s, "S(5)", "V5 * V5", "V5 * V5 * V5") == 52
    assert emlp(s, "A(5)", "W5 * W5", "W5 * W5 * W5") == 63
    assert emlp(s, "S(6)", "V6 * V6", "V6 * V6") == 15
    assert emlp(s, "SO(3)", "R3 * R3", "R3") == 1
    assert emlp(s, "O(3)", "O3 * O3", "O3") == 0
    assert emlp(s, "Z(6)", "Z6", "Z6") == 6


def perm(p):
    n = len(p)
    P = np.zeros((n, n), dtype=np.int64)
    for i, j in enumerate(p):
        P[j, i] = 1
    return P


def tensor(A):   # the action of a group element on V (x) V
    return np.kron(A, A)


def lie_tensor(X):   # the action of an algebra element on V (x) V
    n = X.shape[0]
    return np.kron(X, np.eye(n, dtype=np.int64)) + np.kron(np.eye(n, dtype=np.int64), X)


SO3 = [np.array(m) for m in ([[0, 0, 0], [0, 0, -1], [0, 1, 0]],
                             [[0, 0, 1], [0, 0, 0], [-1, 0, 0]],
                             [[0, -1, 0], [1, 0, 0], [0, 0, 0]])]


def test_equivariant_basis_counts():
    cyc6 = perm([1, 2, 3, 4, 5, 0])
    assert sym.equivariant_basis([], [], [cyc6], [cyc6]).shape == (36, 6)
    Q = sym.equivariant_basis([lie_tensor(X) for X in SO3], SO3)
    assert Q.shape == (27, 1)
    # the one map is the cross product: W (a (x) b) = a x b
    W = Q[:, 0].reshape(3, 9)
    a, b = [1, 2, 3], [4, 5, 7]
    v = W.dot(np.kron(a, b))
    c = np.cross(a, b)
    assert all(v[i] * c[0] == v[0] * c[i] for i in range(3)) and any(v)
    minus = -np.eye(3, dtype=np.int64)
    Q = sym.equivariant_basis([lie_tensor(X) for X in SO3], SO3, [tensor(minus)], [minus])
    assert Q.shape[1] == 0
    s6 = [perm([1, 0, 2, 3, 4, 5]), perm([1, 2, 3, 4, 5, 0])]
    Q = sym.equivariant_basis([], [], [tensor(P) for P in s6], [tensor(P) for P in s6])
    assert Q.shape == (1296, 15)
    assert all(isinstance(q, Fraction) for q in Q[:, 0])


def test_equivariant_basis_is_exact_and_checked():
    cyc = perm([1, 2, 0])
    Q = sym.equivariant_basis([], [], [cyc], [cyc])
    for c in range(Q.shape[1]):
        W = Q[:, c].reshape(3, 3)
        assert np.array_equal(cyc.dot(W), W.dot(cyc))
    with pytest.raises(TypeError):
        sym.equivariant_basis([np.array([[0.5]])], [np.array([[0.5]])])
    with pytest.raises(ValueError):
        sym.equivariant_basis([SO3[0]], [])


def test_torch_equivariant_layer():
    torch = pytest.importorskip("torch")
    n = 5
    gens = [perm([1, 0, 2, 3, 4]), perm([1, 2, 3, 4, 0])]
    Q = sym.equivariant_basis([], [], gens, gens)
    assert Q.shape == (25, 2)   # the identity and the all-ones matrix
    basis = torch.tensor(np.array(Q, dtype=np.float64).T.reshape(-1, n, n))

    class EquivariantLinear(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.c = torch.nn.Parameter(torch.randn(basis.shape[0], dtype=torch.float64))

        def forward(self, x):
            W = torch.einsum("k,kij->ij", self.c, basis)
            return x @ W.T

    torch.manual_seed(0)
    layer = EquivariantLinear()
    x = torch.randn(16, n, dtype=torch.float64)
    for p in itertools.islice(itertools.permutations(range(n)), 0, 120, 7):
        P = torch.tensor(perm(list(p)), dtype=torch.float64)
        assert torch.allclose(layer(x @ P.T), layer(x) @ P.T, atol=1e-12)
    # a generic dense layer is not equivariant: the check can fail
    dense = torch.nn.Linear(n, n, bias=False).double()
    P = torch.tensor(gens[1], dtype=torch.float64)
    assert not torch.allclose(dense(x @ P.T), dense(x) @ P.T, atol=1e-6)
