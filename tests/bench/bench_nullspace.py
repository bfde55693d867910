#!/usr/bin/python3
"""bench_nullspace.py — peers for Sym's exact nullspace benchmark.

Reads DIR/cases.txt and the triplet files written by bench_nullspace (C),
runs SymPy Matrix.nullspace, SymPy DomainMatrix(QQ).nullspace (on gmpy2
integers when python3-gmpy2 is installed: SymPy picks it up by itself),
an economy-SVD null space (what scipy.linalg.null_space computes, without
the full square U it builds for a tall matrix) and NumPy Gram+eigh on the
same matrices, and prints one table with Sym's and dense FLINT's times
from the C run.

Timing is in-process and covers the solve only (matrix construction,
imports and process start are outside the clock), like the C side, and
is CPU time (time.process_time; the C side CLOCK_PROCESS_CPUTIME_ID) with
one BLAS thread (run-nullspace.sh sets OPENBLAS_NUM_THREADS=1): the
machines these run on are shared, and wall time would also count the
other processes.  Each
figure is the median of up to RUNS runs (env SYM_BENCH_RUNS, default 5;
fewer once a run takes over 2 s) and is printed as "median [min-max]".
Each peer runs in a child process killed after CAP seconds (env
SYM_BENCH_CAP, default 60; CPU seconds); a peer that hit the cap is skipped for the
larger cases of the same family.  Must run with Debian's /usr/bin/python3.
Usage: bench_nullspace.py [DIR]
"""
import multiprocessing as mp
import os
import statistics
import sys
import time
from fractions import Fraction

CAP = float(os.environ.get("SYM_BENCH_CAP", "60"))


def cpu_seconds(pid):
    """CPU time (user + system) of a process so far, from /proc."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            w = f.read().rsplit(")", 1)[1].split()
        return (int(w[11]) + int(w[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0
RUNS = int(os.environ.get("SYM_BENCH_RUNS", "5"))


def load(path):
    with open(path) as f:
        r, c, nnz = map(int, f.readline().split())
        trip = []
        for line in f:
            i, j, v = line.split()
            trip.append((int(i), int(j), Fraction(v)))
    return r, c, trip


def peer_sympy_matrix(r, c, trip):
    import sympy
    M = sympy.zeros(r, c)
    for i, j, v in trip:
        M[i, j] = sympy.Rational(v.numerator, v.denominator)
    t0 = time.process_time()
    k = len(M.nullspace())
    return k, time.process_time() - t0


def peer_sympy_domainmatrix(r, c, trip):
    from sympy import QQ
    from sympy.polys.matrices import DomainMatrix
    rows = {}
    for i, j, v in trip:
        rows.setdefault(i, {})[j] = QQ(v.numerator, v.denominator)
    M = DomainMatrix(rows, (r, c), QQ)
    t0 = time.process_time()
    k = M.nullspace().shape[0]
    return k, time.process_time() - t0


def dense_float(r, c, trip):
    import numpy as np
    A = np.zeros((r, c))
    for i, j, v in trip:
        A[i, j] = float(v)
    return A


def peer_scipy(r, c, trip):
    """scipy.linalg.null_space's algorithm (SVD, rank cut eps * max(r, c) *
    sigma_max) with an economy SVD: for a tall matrix (r > c, every case
    here) all right singular vectors come with full_matrices=False, so the
    r x r U that null_space asks for is never computed."""
    import numpy as np
    import scipy.linalg
    A = dense_float(r, c, trip)
    t0 = time.process_time()
    u, s, vh = scipy.linalg.svd(A, full_matrices=r < c, check_finite=False)
    tol = max(r, c) * np.finfo(float).eps * (s[0] if len(s) else 0.0)
    rank = int(np.sum(s > tol))
    k = vh[rank:, :].shape[0]
    return k, time.process_time() - t0


def peer_gram_eigh(r, c, trip):
    import numpy as np
    A = dense_float(r, c, trip)
    t0 = time.process_time()
    w = np.linalg.eigh(A.T @ A)[0]
    k = int(np.sum(w < 1e-10 * max(w.max(), 1e-300)))
    return k, time.process_time() - t0


PEERS = [
    ("SymPy Matrix", peer_sympy_matrix),
    ("SymPy DomainMatrix", peer_sympy_domainmatrix),
    ("SciPy economy SVD", peer_scipy),
    ("NumPy Gram+eigh", peer_gram_eigh),
]


def child(fn, path, runs, q):
    r, c, trip = load(path)
    out = []
    total = 0.0
    for _ in range(runs):
        k, t = fn(r, c, trip)
        out.append((k, t))
        total += t
        if t > 2.0 or (len(out) >= 3 and total > 10.0):
            break
    q.put(out)


def run_peer(fn, path):
    """(nullity, median, min, max seconds, runs) or None when capped."""
    ctx = mp.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(fn, path, RUNS, q))
    p.start()
    res = None
    # the cap is on the child's CPU time (+ 30 s for loading the matrix):
    # on a shared machine its wall time also counts other processes
    while cpu_seconds(p.pid) < CAP + 30:
        try:
            res = q.get(timeout=0.5)
            break
        except Exception:
            if not p.is_alive() and q.empty():
                break
    if res is None:
        p.terminate()
    p.join()
    if not res or any(t > CAP for _, t in res):
        return None
    ts = [t for _, t in res]
    return res[0][0], statistics.median(ts), min(ts), max(ts), len(ts)


def fmt_t(t):
    if t < 1e-3:
        return "%.3g ms" % (t * 1e3)
    if t < 1:
        return "%.3g ms" % (t * 1e3)
    return "%.3g s" % t


def fmt_spread(med, lo, hi, runs):
    if runs == 1:
        return "%s (1 run)" % fmt_t(med)
    return "%s [%s–%s]" % (fmt_t(med), fmt_t(lo), fmt_t(hi))


def fmt_ratio(t, sym):
    ratio = t / sym if sym > 0 else float("inf")
    return "%.2gx" % ratio if ratio < 10 else "%.0fx" % ratio


def fmt(t, sym):
    if t is None:
        return "skipped"
    if isinstance(t, str):
        return t
    return "%s (%s)" % (fmt_t(t), fmt_ratio(t, sym))


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/sym_bench_nullspace"
    cases = []
    with open(os.path.join(d, "cases.txt")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            w = line.split()
            cases.append(dict(name=w[0], family=w[1], n=int(w[2]),
                              nullity=int(w[5]), expect=int(w[6]),
                              sym=float(w[8]), dense=float(w[9]),
                              agree=int(w[10]), path=w[11],
                              smin=float(w[12]), smax=float(w[13]),
                              sruns=int(w[14])))
    capped = set()
    head = ["case", "unknowns", "nullity", "agree",
            "Sym sparse modular, median [min–max]", "dense FLINT (1 run)"] + \
        ["%s, median [min–max] (median / Sym)" % p[0] for p in PEERS]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for cs in cases:
        agree = cs["nullity"] == cs["expect"] and cs["agree"] != 0
        cells = []
        for name, fn in PEERS:
            key = (cs["family"], name)
            if key in capped:
                cells.append("skipped")
                continue
            res = run_peer(fn, cs["path"])
            if res is None:
                capped.add(key)
                cells.append(">%g s" % CAP)
                continue
            k, t, lo, hi, runs = res
            cell = "%s (%s)" % (fmt_spread(t, lo, hi, runs),
                                fmt_ratio(t, cs["sym"]))
            if k != cs["nullity"]:
                agree = False
                cell += " nullity %d!" % k
            cells.append(cell)
            sys.stderr.write("%s %s %.3f s\n" % (cs["name"], name, t))
        dense = None if cs["dense"] < 0 else cs["dense"]
        row = [cs["name"], str(cs["n"]), str(cs["nullity"]),
               "yes" if agree else "NO",
               fmt_spread(cs["sym"], cs["smin"], cs["smax"], cs["sruns"]),
               fmt(dense, cs["sym"])] + cells
        print("| " + " | ".join(row) + " |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
