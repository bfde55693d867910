#!/usr/bin/python3
"""bench_promote.py — peers for Sym's ADMM promotion solver (tests/bench).

  bench_promote.py gen DIR           write the benchmark problems to DIR
  bench_promote.py run DIR DRIVER    solve each with DRIVER (Sym's C ADMM),
                                     the same ADMM in NumPy and an SDP in
                                     cvxopt; print one Markdown table

Problems ("Lie-derivative-like" maps): L(c) has columns M_j c (j < q, M_j
p x N); a planted c* is annihilated by the first s generators
(M_j = R_j (I - c* c*^T / |c*|^2)), so L(c*) has rank q - s.  P1 uses
y = Theta c* + noise with m = 2N rows; P2 (exact interpolation) uses
y = Theta c* with m = N / 2 rows.  Files are read by bench_promote.c.

Times are CPU times (time.process_time; bench_promote uses
CLOCK_PROCESS_CPUTIME_ID) with one BLAS thread on every side
(run-promote.sh sets OPENBLAS_NUM_THREADS=1): the machines these run on
are shared.

Both ADMMs run the same algorithm (admm.h): same c-step systems, SVT,
residual balancing (mu 10, tau 2, every 10 iterations, at most 100
changes), same tolerances.  The SDP: ||Z||_* <= (tr W1 + tr W2)/2 with
[W1, Z; Z^T, W2] >= 0, and for P1 the epigraph t >= ||R c - Q^T y||^2
(Theta = Q R when m > N) as a rotated second-order cone, solved by
cvxopt.solvers.conelp at tolerance 1e-9 (the tightest these problems reach).
"""
import os
import subprocess
import sys
import time

import numpy as np
import scipy.linalg as sla

CAP = float(os.environ.get("SYM_BENCH_CAP", "120"))
SDP_TOL = float(os.environ.get("SYM_BENCH_SDP_TOL", "1e-9"))

CASES = [  # name, mode, p, q, N, s, gamma
    ("small-P1", "P1", 6, 3, 10, 1, 0.5),
    ("small-P2", "P2", 6, 3, 10, 1, 0.0),
    ("medium-P1", "P1", 20, 6, 30, 3, 1.0),
    ("medium-P2", "P2", 20, 6, 30, 3, 0.0),
    ("large-P1", "P1", 66, 10, 105, 5, 2.0),
    ("large-P2", "P2", 66, 10, 105, 5, 0.0),
]


def make_problem(rng, mode, p, q, N, s):
    cstar = rng.standard_normal(N)
    P = np.eye(N) - np.outer(cstar, cstar) / cstar.dot(cstar)
    blocks = []
    for j in range(q):
        R = rng.standard_normal((p, N)) / np.sqrt(N)
        blocks.append(R @ P if j < s else R)
    Lmat = np.vstack(blocks)  # rows j*p .. j*p+p-1 = column j of L(c)
    m = 2 * N if mode == "P1" else N // 2
    Theta = rng.standard_normal((m, N)) / np.sqrt(m)
    y = Theta @ cstar
    if mode == "P1":
        y = y + 0.01 * rng.standard_normal(m)
    return Theta, y, Lmat


def write_problem(path, mode, gamma, Theta, y, Lmat, p, q):
    m, N = Theta.shape
    with open(path, "w") as f:
        f.write("# bench_promote problem\n%s %.17g\n%d %d %d %d\n" % (mode, gamma, m, N, p, q))
        for row in Theta:
            f.write(" ".join("%.17g" % v for v in row) + "\n")
        f.write(" ".join("%.17g" % v for v in y) + "\n")
        for row in Lmat:
            f.write(" ".join("%.17g" % v for v in row) + "\n")


def read_problem(path):
    toks = []
    with open(path) as f:
        for line in f:
            if not line.startswith("#"):
                toks.extend(line.split())
    mode, gamma = toks[0], float(toks[1])
    m, N, p, q = (int(t) for t in toks[2:6])
    vals = np.array([float(t) for t in toks[6:]])
    Theta = vals[: m * N].reshape(m, N)
    y = vals[m * N : m * N + m]
    Lmat = vals[m * N + m :].reshape(p * q, N)
    return mode, gamma, Theta, y, Lmat, p, q


# ---- the same ADMM in NumPy -----------------------------------------------


def admm_numpy(mode, gamma, Theta, y, Lmat, p, q, eps_abs=1e-9, eps_rel=1e-7,
               max_iter=20000, mu=10.0, tau=2.0, every=10, max_changes=100):
    m, N = Theta.shape
    pq = p * q
    Lmat = np.ascontiguousarray(Lmat)
    LT = np.ascontiguousarray(Lmat.T)
    LtL = LT @ Lmat
    sqpq, sqN = np.sqrt(pq), np.sqrt(N)
    nrm = np.linalg.norm
    rho, delta = 1.0, 0.0
    if mode == "P1":
        G2 = 2 * Theta.T @ Theta
        b0 = 2 * Theta.T @ y

        def factor(rho):
            nonlocal delta
            scale = max(np.max(np.diag(G2 + rho * LtL)), 1e-300)
            while True:
                try:
                    return sla.cho_factor(G2 + rho * LtL + delta * np.eye(N), lower=True,
                                          check_finite=False)
                except np.linalg.LinAlgError:
                    delta = delta * 100 if delta > 0 else 1e-10 * scale

        F = factor(rho)
    else:
        U_, s_, Vt_ = np.linalg.svd(Theta, full_matrices=False)
        r = int(np.sum(s_ > max(m, N) * np.finfo(float).eps * s_[0]))
        B = Vt_[:r]
        d = (U_[:, :r].T @ y) / s_[:r]
        K = np.block([[LtL, B.T], [B, np.zeros((r, r))]])
        F = sla.lu_factor(K, check_finite=False)
        thr_num = 1.0
    c = np.zeros(N)
    Lc = Lmat @ c
    Z = Lc.copy()
    U = np.zeros(pq)
    changes = 0
    it = 0
    conv = False
    while it < max_iter:
        W = Z - U
        if mode == "P1":
            c = sla.cho_solve(F, b0 + rho * (LT @ W) + delta * c, check_finite=False)
        else:
            c = sla.lu_solve(F, np.concatenate([LT @ W + delta * c, d]),
                             check_finite=False)[:N]
        Lc = Lmat @ c
        Zp = Z
        A = (Lc + U).reshape(q, p).T  # column-major p x q
        Us, ss, Vts = sla.svd(A, full_matrices=False, check_finite=False)
        thr = (gamma if mode == "P1" else thr_num) / rho
        st = np.maximum(ss - thr, 0.0)
        Z = ((Us * st) @ Vts).T.reshape(pq)
        U = U + Lc - Z
        it += 1
        rp = nrm(Lc - Z)
        rd = rho * nrm(LT @ (Z - Zp))
        ep = sqpq * eps_abs + eps_rel * max(nrm(Lc), nrm(Z))
        ed = sqN * eps_abs + eps_rel * rho * nrm(LT @ U)
        if rp <= ep and rd <= ed:
            conv = True
            break
        if changes < max_changes and it % every == 0:
            f = tau if rp > mu * rd else (1 / tau if rd > mu * rp else 1.0)
            if f != 1.0:
                rho *= f
                U = U / f
                changes += 1
                if mode == "P1":
                    F = factor(rho)
    return c, it, conv


# ---- the SDP in cvxopt ------------------------------------------------------


def sdp_cvxopt(mode, gamma, Theta, y, Lmat, p, q, reps=5):
    from cvxopt import matrix, solvers, sparse, spmatrix

    m, N = Theta.shape
    n1 = p + q
    # variables: c (N), W1 lower (p(p+1)/2), W2 lower (q(q+1)/2), [t]
    idx = N
    w1 = {}
    for j in range(p):
        for i in range(j, p):
            w1[(i, j)] = idx
            idx += 1
    w2 = {}
    for j in range(q):
        for i in range(j, q):
            w2[(i, j)] = idx
            idx += 1
    nt = idx if mode == "P1" else None
    nvar = idx + (1 if mode == "P1" else 0)
    cost = np.zeros(nvar)
    wt = gamma / 2 if mode == "P1" else 0.5
    for i in range(p):
        cost[w1[(i, i)]] = wt
    for i in range(q):
        cost[w2[(i, i)]] = wt
    if mode == "P1":
        cost[nt] = 1.0
    # block 1: G x + s = 0 with s = [W1, Z; Z^T, W2]
    I, J, V = [], [], []

    def put(row, col, var, val):
        row, col, var, val = int(row), int(col), int(var), float(val)
        I.append(row + col * n1)
        J.append(var)
        V.append(-val)
        if row != col:
            I.append(col + row * n1)
            J.append(var)
            V.append(-val)

    for (i, j), v in w1.items():
        put(i, j, v, 1.0)
    for (i, j), v in w2.items():
        put(p + i, p + j, v, 1.0)
    for jj in range(q):
        for ii in range(p):
            row = Lmat[ii + jj * p]
            for b in np.nonzero(row)[0]:
                put(p + jj, ii, b, row[b])  # lower triangle: (p + jj, ii)
    Gsdp = spmatrix(V, I, J, (n1 * n1, nvar))
    if mode == "P1":
        # t >= |r|^2 with r = R c - Q^T y (Theta = QR) as a rotated
        # second-order cone, ||(t - 1, 2 r)|| <= t + 1: cvxopt's conelp
        # handles it natively (an (m+1) x (m+1) LMI for it was 5-50x slower)
        if m > N:
            Q, R = np.linalg.qr(Theta)
            yt = Q.T @ y
            A2 = R
        else:
            A2, yt = Theta, y
        k = A2.shape[0]
        I2, J2, V2 = [0, 1], [nt, nt], [-1.0, -1.0]
        h2 = np.zeros(k + 2)
        h2[0], h2[1] = 1.0, -1.0
        h2[2:] = -2.0 * yt
        for i in range(k):
            for b in range(N):
                if A2[i, b] != 0:
                    I2.append(2 + i)
                    J2.append(b)
                    V2.append(-2.0 * float(A2[i, b]))
        Gq = spmatrix(V2, I2, J2, (k + 2, nvar))
        G = sparse([Gq, Gsdp])
        h = matrix(np.concatenate([h2, np.zeros(n1 * n1)]))
        dims = {"l": 0, "q": [k + 2], "s": [n1]}
    else:
        G = Gsdp
        h = matrix(0.0, (n1 * n1, 1))
        dims = {"l": 0, "q": [], "s": [n1]}
    args = dict(c=matrix(cost), G=G, h=h, dims=dims)
    if mode == "P2":
        Aeq = np.zeros((m, nvar))
        Aeq[:, :N] = Theta
        args["A"] = matrix(Aeq)
        args["b"] = matrix(y)
    # A tolerance these degenerate (low-rank) SDPs reach: at 1e-11 every
    # solve ran the 200 iterations and ended "unknown"; at 1e-9 cvxopt ends
    # "optimal" in about 10-20 iterations.  Only solvers.conelp is timed (the
    # import and the construction above are not), median of `reps` solves.
    solvers.options.update({"show_progress": False, "abstol": SDP_TOL, "reltol": SDP_TOL,
                            "feastol": SDP_TOL, "maxiters": 200, "refinement": 2})
    ts = []
    for _ in range(reps):
        t0 = time.process_time()
        sol = solvers.conelp(**args)
        ts.append(time.process_time() - t0)
        if sum(ts) > 20:
            break
    x = np.array(sol["x"]).ravel() if sol["x"] is not None else None
    return (x[:N] if x is not None else None), sol["status"], sol["iterations"], ts


# ---- driver -----------------------------------------------------------------


def gen(d):
    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(20240819)
    with open(os.path.join(d, "cases.txt"), "w") as idx:
        for name, mode, p, q, N, s, gamma in CASES:
            Theta, y, Lmat = make_problem(rng, mode, p, q, N, s)
            write_problem(os.path.join(d, name + ".txt"), mode, gamma, Theta, y, Lmat, p, q)
            idx.write(name + "\n")


def run_sym(driver, path):
    out = subprocess.run([driver, "--reps", "9", path], check=True, capture_output=True,
                         text=True).stdout.split("\n")
    info = {}
    k = out.index("c")
    for line in out[:k]:
        key, val = line.split()
        info[key] = float(val)
    info["c"] = np.array([float(v) for v in out[k + 1 :] if v])
    return info


def timed(fn, reps):
    ts, r = [], None
    for _ in range(reps):
        t0 = time.process_time()
        r = fn()
        ts.append(time.process_time() - t0)
        if sum(ts) > 20:
            break
    return ts, r


def _child(conn, fn, args):
    conn.send(fn(*args))
    conn.close()


def capped(fn, args):
    """fn(*args) in a child process (imported modules are inherited, so
    neither process start nor imports are in fn's own timings); None if it
    takes over CAP CPU seconds."""
    import multiprocessing as mp
    a, b = mp.Pipe(False)
    proc = mp.get_context("fork").Process(target=_child, args=(b, fn, args))
    proc.start()
    got = None
    # the cap is on the child's CPU time (on a shared machine its wall time
    # also counts other processes)
    while cpu_seconds(proc.pid) < CAP:
        if a.poll(0.5):
            got = a.recv()
            break
        if not proc.is_alive():
            break
    proc.terminate()
    proc.join()
    return got


def cpu_seconds(pid):
    """CPU time (user + system) of a process so far, from /proc."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            w = f.read().rsplit(")", 1)[1].split()
        return (int(w[11]) + int(w[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def spread(ts):
    ts = sorted(ts)
    med = ts[len(ts) // 2] if len(ts) % 2 else 0.5 * (ts[len(ts) // 2 - 1] + ts[len(ts) // 2])
    return med, ts[0], ts[-1], len(ts)


def fmt_t(t):
    return "%.3g ms" % (t * 1e3) if t < 1 else "%.3g s" % t


def fmt_s(med, lo, hi, n):
    return "%s [%s–%s]" % (fmt_t(med), fmt_t(lo), fmt_t(hi)) if n > 1 else "%s (1 run)" % fmt_t(med)


def fmt_r(r):
    return "%.2g×" % r if r < 10 else "%.0f×" % r


def rel(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(b), 1e-300)


def run(d, driver):
    import cvxopt.solvers  # noqa: F401  (imported once, before the children fork)
    names = [l.strip() for l in open(os.path.join(d, "cases.txt")) if l.strip()]
    print("Times: median [min–max] over the runs; (×) = peer median / Sym median.")
    print("cvxopt: tolerance %g (abstol = reltol = feastol), status and "
          "iterations shown.\n" % SDP_TOL)
    print("| problem | m x N, p x q | iters | Sym ADMM (C) | NumPy ADMM | cvxopt SDP "
          "| rank L(c) | rel diff NumPy | rel diff cvxopt |")
    print("|---|---|---|---|---|---|---|---|---|")
    worst = worst_sdp = 0.0
    for name in names:
        mode, gamma, Theta, y, Lmat, p, q = read_problem(os.path.join(d, name + ".txt"))
        m, N = Theta.shape
        sym = run_sym(driver, os.path.join(d, name + ".txt"))
        ts = sym["time_s"]
        tns, (cn, itn, convn) = timed(lambda: admm_numpy(mode, gamma, Theta, y, Lmat, p, q),
                                      9 if ts < 1 else 3)
        tn = spread(tns)
        got = capped(sdp_cvxopt, (mode, gamma, Theta, y, Lmat, p, q))
        if got is None:
            cc, status, its, tc = None, "over %g s cap" % CAP, 0, None
        else:
            cc, status, its, tcs = got
            tc = spread(tcs)
        sv = np.linalg.svd((Lmat @ sym["c"]).reshape(q, p).T, compute_uv=False)
        rank = int(np.sum(sv > 1e-6 * max(sv[0], 1e-300)))
        dn = rel(cn, sym["c"])
        dc = rel(cc, sym["c"]) if cc is not None else float("nan")
        worst = max(worst, dn)
        worst_sdp = max(worst_sdp, dc if cc is not None else 0.0)
        conv = "" if sym["converged"] else " (not conv.)"
        cvx = ("%s (%s) [%s, %d it.]" % (fmt_s(*tc), fmt_r(tc[0] / ts), status, its)
               if tc else ">%g s [%s]" % (CAP, status))
        print("| %s (γ=%g) | %d x %d, %d x %d | %d%s | %s | %s (%s) | %s | %d | %.1e | %.1e |"
              % (name, gamma, m, N, p, q, sym["iterations"], conv,
                 fmt_s(ts, sym["time_min"], sym["time_max"], int(sym["runs"])),
                 fmt_s(*tn), fmt_r(tn[0] / ts), cvx, rank, dn, dc))
        sys.stdout.flush()
    print()
    # cvxopt at 1e-9 ends a few 1e-6 from the ADMM's answer on these
    # degenerate (low-rank) SDPs; the bound for it is 1e-5.
    print("worst relative difference: NumPy %.2e (%s 1e-6), cvxopt %.2e (%s 1e-5)"
          % (worst, "<=" if worst <= 1e-6 else "ABOVE", worst_sdp,
             "<=" if worst_sdp <= 1e-5 else "ABOVE"))
    return 0 if worst <= 1e-6 and worst_sdp <= 1e-5 else 1


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "gen":
        gen(sys.argv[2])
    elif len(sys.argv) >= 4 and sys.argv[1] == "run":
        sys.exit(run(sys.argv[2], sys.argv[3]))
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
