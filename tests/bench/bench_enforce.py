#!/usr/bin/python3
"""bench_enforce.py — peers for Sym's enforce benchmark (run-enforce.sh).

For each case of run-enforce.sh (the same model space and the same
generators Sym's enforce uses) this runs

* the authors' float method (Otto et al.): for a polynomial model space of
  degree <= D in m variables with k outputs, sample N = C(m+D, D) + 1
  points uniformly in [-1, 1]^m, evaluate the Lie derivative of every basis
  function at every point for every generator (rows = points x outputs,
  columns = basis functions; a discrete generator h adds the sampled
  h.F - F), stack, SVD (NumPy, singular values only), and count singular
  values below 1e-5 * sigma_max as the nullity.  For linear layers (EMLP's
  equivariant maps) there is nothing to sample: the constraint matrix
  rho_out(xi) W - W rho_in(xi) = 0 itself, in float, gets the same SVD and
  cut.  Timed: sampling + building + SVD.
* SymPy exact: the same constraint operator by exact coefficient matching,
  built directly from the exponents (lie(xi, x^e) term by term, no
  sympy.Poly; for layers the exact sparse Kronecker constraint), then
  DomainMatrix(QQ).nullspace (sparse format; gmpy2 rationals when
  python3-gmpy2 is installed).  Timed: building + nullspace, in-process.
  Runs in a child process killed after CAP seconds (env SYM_BENCH_CAP,
  default 60): reported as ">CAP s".

Every figure is the median of up to 5 runs (fewer once runs pass 2 s),
printed as "median [min-max]".  Times are CPU times of the process
(time.process_time here, cputime() on the Sym side), with one BLAS thread
(run-enforce.sh sets OPENBLAS_NUM_THREADS=1): the machines these run on
are shared, and wall time would also count other processes.

Usage:
  bench_enforce.py table SYMRESULTS   the Markdown table; SYMRESULTS holds
                                      the "RESULT name unknowns dim secs runs"
                                      lines printed by tests/bench/enforce/*.sym
  bench_enforce.py svals [SEEDS]      the wrong-dimension study: singular
                                      values around the 1e-5 cut for the
                                      polynomial cases over several seeds
Must run with Debian's /usr/bin/python3 (NumPy, SymPy).
"""
import math
import multiprocessing as mp
import os
import statistics
import sys
import time

import numpy as np

CAP = float(os.environ.get("SYM_BENCH_CAP", "60"))


def cpu_seconds(pid):
    """CPU time (user + system) of a process so far, from /proc."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            w = f.read().rsplit(")", 1)[1].split()
        return (int(w[11]) + int(w[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0
FLOAT_CAP = float(os.environ.get("SYM_BENCH_FLOAT_CAP", "600"))
RTOL = 1e-5
SEED = int(os.environ.get("SYM_BENCH_SEED", "1"))

# ---------------------------------------------------------------------------
# generators: exactly the ones Sym's enforce uses (model_algebra_generators
# picks a generating set greedily from the basis; groups add their discrete
# generators)

J2 = [[0, -1], [1, 0]]
LX = [[0, 0, 0], [0, 0, -1], [0, 1, 0]]
LY = [[0, 0, 1], [0, 0, 0], [-1, 0, 0]]
REFL3 = [[-1, 0, 0], [0, 1, 0], [0, 0, 1]]
# so(1, 3): basis elements 1, 2 (rotations, generating so(3)) and 4 (the
# boost in the 0-1 plane) generate the algebra
SO13 = [
    [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, -1], [0, 0, 1, 0]],
    [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 0, 0], [0, -1, 0, 0]],
    [[0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]],
]
# S(5): the transposition (1 2) and the 5-cycle, as std(S(5)) prints them
S5 = [
    [[0, 1, 0, 0, 0], [1, 0, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0],
     [0, 0, 0, 0, 1]],
    [[0, 0, 0, 0, 1], [1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0],
     [0, 0, 0, 1, 0]],
]

# S(5) from the adjacent transpositions (1 2), (2 3), (3 4), (4 5): the
# Coxeter generators.  With no 5-cycle among them Sym's closed form
# (model_orbit.c) does not recognise the group, so Sym's row for them is its
# general route (constraint rows, then the equality-class kernel); every
# side uses these four generators in that row.


def _transposition5(i):
    m = [[int(r == c) for c in range(5)] for r in range(5)]
    m[i][i] = m[i + 1][i + 1] = 0
    m[i][i + 1] = m[i + 1][i] = 1
    return m


S5_COXETER = [_transposition5(i) for i in range(4)]

# name, kind, parameters
#   poly:  (m, D, vector, algebra generators, discrete generators)
#   layer: (n, k_in, k_out, algebra generators, discrete generators)
CASES = [
    ("so3_inv_8", "so(3) invariants, R³, deg ≤ 8", "poly", (3, 8, False, [LX, LY], [])),
    ("so3_inv_16", "so(3) invariants, R³, deg ≤ 16", "poly", (3, 16, False, [LX, LY], [])),
    ("so3_inv_24", "so(3) invariants, R³, deg ≤ 24", "poly", (3, 24, False, [LX, LY], [])),
    ("so3_fld_4", "so(3) vector fields, R³, deg ≤ 4", "poly", (3, 4, True, [LX, LY], [])),
    ("so3_fld_6", "so(3) vector fields, R³, deg ≤ 6", "poly", (3, 6, True, [LX, LY], [])),
    ("O3_fld_4", "O(3) vector fields, R³, deg ≤ 4", "poly", (3, 4, True, [LX, LY], [REFL3])),
    ("O3_fld_6", "O(3) vector fields, R³, deg ≤ 6", "poly", (3, 6, True, [LX, LY], [REFL3])),
    ("so2_inv_20", "so(2) invariants, R², deg ≤ 20", "poly", (2, 20, False, [J2], [])),
    ("so3_T2_T2", "so(3) maps (R³)^⊗2 → (R³)^⊗2", "layer", (3, 2, 2, [LX, LY], [])),
    ("S5_T2_T3", "S(5) T(5) invariants = maps V^⊗2 → V^⊗3 (Sym: closed form)", "layer",
     (5, 2, 3, [], S5)),
    ("S5c_T2_T3", "the same, S(5) from (1 2), (2 3), (3 4), (4 5) (Sym: general route)",
     "layer", (5, 2, 3, [], S5_COXETER)),
    ("so13_T3_T3", "so(1,3) maps (R⁴)^⊗3 → (R⁴)^⊗3", "layer", (4, 3, 3, SO13, [])),
]


def exponents(m, D):
    """All exponent tuples of m variables with total degree <= D."""
    out = []

    def rec(prefix, left):
        if len(prefix) == m - 1:
            for a in range(left + 1):
                out.append(tuple(prefix) + (a,))
            return
        for a in range(left + 1):
            rec(prefix + [a], left - a)

    rec([], D)
    return out


# ---------------------------------------------------------------------------
# the authors' float method


def float_poly(m, D, vector, gens, disc, seed=SEED, want_svals=False):
    """Sampled Lie-derivative operator, SVD, 1e-5 relative cut: nullity."""
    rng = np.random.default_rng(seed)
    ex = np.array(exponents(m, D))              # nb x m
    nb = len(ex)
    npts = math.comb(m + D, D) + 1
    X = rng.uniform(-1.0, 1.0, size=(npts, m))
    k = m if vector else 1

    def powers(P):
        # pw[i][:, a] = P[:, i] ** a, a = 0..D
        return [P[:, i:i + 1] ** np.arange(D + 1) for i in range(m)]

    def values(pw):
        V = np.ones((P_len(pw), nb))
        for i in range(m):
            V *= pw[i][:, ex[:, i]]
        return V

    def P_len(pw):
        return pw[0].shape[0]

    pw = powers(X)
    V = values(pw)
    # partial derivatives dV[j] = d/dx_j of every monomial at every point
    dV = []
    for j in range(m):
        G = np.ones((npts, nb))
        for i in range(m):
            if i == j:
                e = np.maximum(ex[:, i] - 1, 0)
                G *= pw[i][:, e] * ex[:, i]
            else:
                G *= pw[i][:, ex[:, i]]
        dV.append(G)
    blocks = []
    for A in gens:
        A = np.array(A, dtype=float)
        AX = X @ A.T                            # (A x) at every point
        grad_v = sum(dV[j] * AX[:, j:j + 1] for j in range(m))  # DF.(Ax)
        if not vector:
            blocks.append(-grad_v)
            continue
        # F = p e_c: lie = A[:, c] p - e_c (grad p . A x); rows point-major
        B = np.zeros((npts, k, k * nb))
        for c in range(k):
            for r in range(k):
                blk = A[r, c] * V
                if r == c:
                    blk = blk - grad_v
                B[:, r, c * nb:(c + 1) * nb] = blk
        blocks.append(B.reshape(npts * k, k * nb))
    for h in disc:
        h = np.array(h, dtype=float)
        Vh = values(powers(X @ np.linalg.inv(h).T))   # p(h^-1 x)
        if not vector:
            blocks.append(Vh - V)
            continue
        B = np.zeros((npts, k, k * nb))
        for c in range(k):
            for r in range(k):
                blk = h[r, c] * Vh
                if r == c:
                    blk = blk - V
                B[:, r, c * nb:(c + 1) * nb] = blk
        blocks.append(B.reshape(npts * k, k * nb))
    M = np.vstack(blocks)
    s = np.linalg.svd(M, compute_uv=False)
    nullity = M.shape[1] - int(np.sum(s >= RTOL * s[0]))
    if want_svals:
        return nullity, s
    return nullity


def tensor_alg(A, k):
    """rho(A) on V^{(x)k} for a Lie algebra element: sum of I(x)..A..(x)I."""
    n = A.shape[0]
    out = np.zeros((n ** k, n ** k))
    for pos in range(k):
        T = np.ones((1, 1))
        for i in range(k):
            T = np.kron(T, A if i == pos else np.eye(n))
        out += T
    return out


def tensor_grp(h, k):
    T = np.ones((1, 1))
    for _ in range(k):
        T = np.kron(T, h)
    return T


def float_layer(n, kin, kout, gens, disc):
    """The constraint matrix in float (no sampling), SVD, 1e-5 cut."""
    din, dout = n ** kin, n ** kout
    blocks = []
    pairs = [(tensor_alg(np.array(A, float), kin),
              tensor_alg(np.array(A, float), kout)) for A in gens]
    pairs += [(tensor_grp(np.array(h, float), kin),
               tensor_grp(np.array(h, float), kout)) for h in disc]
    for Ri, Ro in pairs:
        # rho_out W - W rho_in, W row-major
        blocks.append(np.kron(Ro, np.eye(din)) - np.kron(np.eye(dout), Ri.T))
    M = np.vstack(blocks)
    s = np.linalg.svd(M, compute_uv=False)
    return M.shape[1] - int(np.sum(s >= RTOL * s[0]))


# ---------------------------------------------------------------------------
# SymPy exact


def sympy_poly(m, D, vector, gens, disc):
    """The exact constraint built directly from exponents (no sympy.Poly):
    lie(A, x^e) = -sum_j e_j x^(e - u_j) (A x)_j, so column b (monomial e)
    gets -e_j A[j][l] on the monomial e - u_j + u_l; for a vector field
    F = x^e u_c the rows of output r add A[r][c] x^e.  A discrete generator
    h that is a signed permutation (REFL3 here) maps x^e to a signed
    monomial; any other h goes through sympy.Poly.  Then the same
    DomainMatrix(QQ).nullspace()."""
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix
    ex = exponents(m, D)
    nb = len(ex)
    k = m if vector else 1
    rows = {}
    rowid = {}

    def put(key, col, v):
        r = rowid.setdefault(key, len(rowid))
        row = rows.setdefault(r, {})
        v = row.get(col, 0) + v
        if v:
            row[col] = v
        else:
            row.pop(col, None)

    one = QQ(1)
    for gi, A in enumerate(gens):
        terms = [(j, l, A[j][l]) for j in range(m) for l in range(m) if A[j][l]]
        for b, e in enumerate(ex):
            gv = {}
            for j, l, a in terms:
                if e[j] == 0:
                    continue
                f = list(e)
                f[j] -= 1
                f[l] += 1
                f = tuple(f)
                gv[f] = gv.get(f, 0) + e[j] * a
            if not vector:
                for mono, v in gv.items():
                    if v:
                        put((gi, 0, mono), b, -v * one)
                continue
            for c in range(k):
                for r in range(k):
                    if A[r][c]:
                        put((gi, r, e), c * nb + b, A[r][c] * one)
                    if r == c:
                        for mono, v in gv.items():
                            if v:
                                put((gi, r, mono), c * nb + b, -v * one)
    for hi, h in enumerate(disc):
        import sympy
        hinv = sympy.Matrix(h).inv()
        signed_perm = all(sum(1 for v in hinv.row(i) if v) == 1 and
                          all(v in (0, 1, -1) for v in hinv.row(i)) for i in range(m))
        for b, e in enumerate(ex):
            if signed_perm:
                # x_i -> s x_pi(i)
                f = [0] * m
                sign = 1
                for i in range(m):
                    jj = next(j for j in range(m) if hinv[i, j])
                    f[jj] += e[i]
                    if hinv[i, jj] < 0 and e[i] % 2:
                        sign = -sign
                ph = {tuple(f): sign}
            else:
                xs = sympy.symbols("x0:%d" % m)
                sub = {xs[i]: sum(hinv[i, j] * xs[j] for j in range(m)) for i in range(m)}
                mono = sympy.Mul(*[x ** a for x, a in zip(xs, e)])
                ph = {t: QQ(v) for t, v in sympy.Poly(mono.subs(sub, simultaneous=True),
                                                      *xs, domain=QQ).terms()}
            for c in range(k):
                for r in range(k):
                    if h[r][c]:
                        for mono, v in ph.items():
                            put(("h", hi, r, mono), c * nb + b, h[r][c] * v * one)
                    if r == c:
                        put(("h", hi, r, e), c * nb + b, -one)
    ncol = k * nb
    M = DomainMatrix({i: r for i, r in rows.items() if r}, (max(len(rowid), 1), ncol), QQ)
    return M.nullspace().shape[0]


def sympy_layer(n, kin, kout, gens, disc):
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix

    def sparse(A):
        return {i: {j: v for j, v in enumerate(r) if v} for i, r in enumerate(A)}

    def eye(d):
        return {i: {i: 1} for i in range(d)}

    def skron(A, na, B, nb):
        out = {}
        for i, ra in A.items():
            for j, a in ra.items():
                for k2, rb in B.items():
                    for l2, b in rb.items():
                        r = out.setdefault(i * nb + k2, {})
                        r[j * nb + l2] = r.get(j * nb + l2, 0) + a * b
        return out

    def sadd(A, B, sgn=1):
        out = {i: dict(r) for i, r in A.items()}
        for i, r in B.items():
            o = out.setdefault(i, {})
            for j, v in r.items():
                o[j] = o.get(j, 0) + sgn * v
        return out

    def alg(A, k):
        tot = {}
        for pos in range(k):
            T, d = {0: {0: 1}}, 1
            for i in range(k):
                T = skron(T, d, sparse(A) if i == pos else eye(n), n)
                d *= n
            tot = sadd(tot, T)
        return tot

    def grp(h, k):
        T, d = {0: {0: 1}}, 1
        for _ in range(k):
            T = skron(T, d, sparse(h), n)
            d *= n
        return T

    def transpose(A):
        out = {}
        for i, r in A.items():
            for j, v in r.items():
                out.setdefault(j, {})[i] = v
        return out

    din, dout = n ** kin, n ** kout
    pairs = [(alg(A, kin), alg(A, kout)) for A in gens]
    pairs += [(grp(h, kin), grp(h, kout)) for h in disc]
    rows = {}
    off = 0
    for Ri, Ro in pairs:
        C = sadd(skron(Ro, dout, eye(din), din),
                 skron(eye(dout), dout, transpose(Ri), din), -1)
        for i, r in C.items():
            rr = {j: QQ(v) for j, v in r.items() if v}
            if rr:
                rows[off + i] = rr
        off += dout * din
    M = DomainMatrix(rows, (off, din * dout), QQ)
    return M.nullspace().shape[0]


# ---------------------------------------------------------------------------
# driver


def run_float(kind, par):
    t0 = time.process_time()
    k = float_poly(*par) if kind == "poly" else float_layer(*par)
    return k, time.process_time() - t0


def run_sympy(kind, par):
    t0 = time.process_time()
    k = sympy_poly(*par) if kind == "poly" else sympy_layer(*par)
    return k, time.process_time() - t0


def child(fn, kind, par, runs, q):
    out = []
    for _ in range(runs):
        out.append(fn(kind, par))
        if out[-1][1] > 2.0 or (len(out) >= 3 and sum(t for _, t in out) > 10):
            break
    q.put(out)


def capped(fn, kind, par, cap, runs):
    """(dimension, median seconds) or None when the cap was hit."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(fn, kind, par, runs, q))
    p.start()
    res = None
    # the cap is on the child's CPU time: on a shared machine its wall
    # time also counts other processes
    while cpu_seconds(p.pid) < cap:
        try:
            res = q.get(timeout=0.2)
            break
        except Exception:
            if not p.is_alive() and q.empty():
                break
    if res is None:
        p.terminate()
    p.join()
    if not res:
        return None
    ts = [t for _, t in res]
    return res[0][0], statistics.median(ts), min(ts), max(ts), len(ts)


def fmt_t(t):
    if t < 0.01:
        return "%.2g ms" % (t * 1e3)
    if t < 1:
        return "%.3g ms" % (t * 1e3)
    return "%.3g s" % t


def fmt_s(med, lo, hi, n):
    if n <= 1:
        return "%s (1 run)" % fmt_t(med)
    return "%s [%s–%s]" % (fmt_t(med), fmt_t(lo), fmt_t(hi))


def fmt_r(r):
    return "%.2gx" % r if r < 10 else "%.0fx" % r


def table(symfile):
    # import SymPy here, before the children fork, so its import time
    # (about 1 s) is not counted in the SymPy timings
    import sympy  # noqa: F401
    from sympy.polys.matrices import DomainMatrix  # noqa: F401
    sym = {}
    with open(symfile) as f:
        for line in f:
            w = line.split()
            if len(w) >= 12 and w[0] == "RESULT":
                # CPU times (cputime()), as the peers' process_time(); the
                # cold first run is a wall time (clock())
                sym[w[1]] = (int(w[2]), int(w[3]), float(w[9]), float(w[6]),
                             float(w[10]), float(w[11]), int(w[5]))
    head = ["case", "unknowns", "exact dim", "Sym median [min–max] (cold first run)",
            "NumPy float median [min–max] (dim found)", "float / Sym",
            "SymPy exact median [min–max]", "SymPy / Sym"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    bad = 0
    sympy_capped = set()
    for name, label, kind, par in CASES:
        if name not in sym:
            print("| %s | (no Sym result) |" % label)
            bad = 1
            continue
        n, d, ts, first, smin, smax, sruns = sym[name]
        fl = capped(run_float, kind, par, FLOAT_CAP, 5)
        family = name.rsplit("_", 1)[0]
        skip = family in sympy_capped
        sp = None if skip else capped(run_sympy, kind, par, CAP, 5)
        if sp is None:
            sympy_capped.add(family)
        row = [label, str(n), str(d), "%s (%s)" % (fmt_s(ts, smin, smax, sruns), fmt_t(first))]
        if fl is None:
            row += [">%g s" % FLOAT_CAP, ">%.0fx" % (FLOAT_CAP / ts)]
        else:
            mark = "" if fl[0] == d else " **wrong**"
            row += ["%s (%d%s)" % (fmt_s(*fl[1:]), fl[0], mark), fmt_r(fl[1] / ts)]
        if sp is None:
            row += [">%g s%s" % (CAP, " (not run: smaller case capped)"
                                  if skip else ""), ">%.0fx" % (CAP / ts)]
        else:
            if sp[0] != d:
                bad = 1
            row += ["%s%s" % (fmt_s(*sp[1:]), "" if sp[0] == d else
                                " (dim %d ≠ exact!)" % sp[0]),
                    fmt_r(sp[1] / ts)]
        print("| " + " | ".join(row) + " |", flush=True)
    return bad


def svals(seeds):
    """The wrong-dimension study of the float method's fixed 1e-5 cut on
    invariant polynomials (exact dimension floor(D/2) + 1): the nullity it
    finds per seed and degree, then, for so(2) of degree <= 10 and <= 20,
    sigma_i / sigma_max around the true rank r and the cut."""
    fams = [("so(2) invariants in R², deg ≤ D", 2, [J2], range(6, 21, 2)),
            ("so(3) invariants in R³, deg ≤ D", 3, [LX, LY], range(8, 17, 1))]
    print("nullity found by the float method (seeds %s) vs exact:" %
          ", ".join(map(str, seeds)))
    for label, m, gens, degs in fams:
        print("  " + label)
        for D in degs:
            ks = [float_poly(m, D, False, gens, [], seed=s) for s in seeds]
            ex = D // 2 + 1
            print("    D = %2d: exact %2d, float %s%s" % (
                D, ex, ks, "" if all(k == ex for k in ks) else "  WRONG"))
    for D in (10, 20):
        ex = D // 2 + 1
        k, s = float_poly(2, D, False, [J2], [], seed=seeds[0], want_svals=True)
        rel = s / s[0]
        r = len(s) - ex
        print("so(2) invariants deg <= %d (seed %d): %d columns, true rank %d, "
              "exact dimension %d, float nullity %d" %
              (D, seeds[0], len(s), r, ex, k))
        below = [i for i in range(r) if rel[i] < RTOL]
        print("  true nonzero singular values below the cut: %d; sigma_r / "
              "sigma_max = %.2e, sigma_(r+1) / sigma_max = %.2e" %
              (len(below), rel[r - 1], rel[r] if r < len(rel) else 0.0))
        lo = max(min(below[0] if below else r, r) - 3, 0)
        hi = min(lo + 6, r)
        print("  sigma_i / sigma_max, i = %d..%d (around the 1e-5 cut): %s" %
              (lo + 1, hi, " ".join("%.2e" % v for v in rel[lo:hi])))
        print("  i = %d..%d (the last true nonzero ones, then the true null "
              "ones): %s" % (r - 2, min(r + 3, len(rel)),
                             " ".join("%.2e" % v for v in rel[r - 3:r + 3])))


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "table":
        sys.exit(table(sys.argv[2]))
    if len(sys.argv) >= 2 and sys.argv[1] == "svals":
        seeds = [int(a) for a in sys.argv[2:]] or [1, 2, 3, 4, 5]
        svals(seeds)
        return
    print(__doc__)
    sys.exit(2)


if __name__ == "__main__":
    main()
