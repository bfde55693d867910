#!/usr/bin/python3
"""bench_pendulum_torch.py — the same SymmNet neural ODE in PyTorch (CPU,
float64) as Sym's tests/bench/pendulum, timed on the same data, initial
parameters and number of Adam steps.

The network, the RK4 roll-out (one sub-step per dt = 0.2, loss over steps
1..4) and the so(3) penalty gamma * ||L-hat||_* follow runtime/nn/symm.h
line by line; the initial loss and penalty are checked against Sym's before
timing.  Prints the medians of both sides and the ratio.

usage: bench_pendulum_torch.py SYM_BUILD_DIR [STEP_REPS [RUN_STEPS]]
  STEP_REPS: timed single steps (default 50); RUN_STEPS: the full run
  (default 10000, the authors' configuration with n_traj = 100).
"""
import math
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)

build = sys.argv[1] if len(sys.argv) > 1 else "."
step_reps = int(sys.argv[2]) if len(sys.argv) > 2 else 50
run_steps = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
data = "/tmp/sym_pendulum1500.csv"
ntraj, gamma, lr = 100, 1e-4, 3e-4
driver = os.path.join(build, "tests/bench/pendulum")


def sym_run(steps, save=None):
    env = dict(os.environ, PENDULUM_NOPERM="1")
    if save:
        env["PENDULUM_SAVE"] = save
    p = subprocess.run([driver, data, "so3", str(ntraj), "0", str(steps)], env=env,
                       capture_output=True, text=True, check=True)
    secs = float(p.stdout.strip().split(",")[7])
    sym_run.last = p.stdout.strip()
    return secs, p.stderr


def load_net(path):
    lines = open(path).read().split("\n")
    assert lines[0] == "sym-network 1"
    n = int(lines[6].split()[1])
    return np.array([float.fromhex(x) for x in lines[7:7 + n]])


# --- data: chunks 1..ntraj in file order (PENDULUM_NOPERM) ---
rows = np.loadtxt(data, delimiter=",", skiprows=1)
C = torch.tensor(rows[:ntraj].reshape(ntraj, 5, 12))

# --- the network: SymmNet [3, 3, 1] on R^12 ---
layers, n = [3, 3, 1], 12
blocks = []  # (layer, m, gate)
for l, k in enumerate(layers):
    m = n if l == 0 else layers[l - 1] * n
    for _ in range(k):
        blocks.append((l, m, l < len(layers) - 1))


def split(theta):
    out, off = [], 0
    for (l, m, gate) in blocks:
        W = theta[off:off + n * m].reshape(n, m); off += n * m
        b = theta[off:off + n]; off += n
        q = None
        if gate:
            nq = (m + 1) * (m + 2) // 2
            q = theta[off:off + nq]; off += nq
        out.append((l, m, W, b, q))
    assert off == theta.numel()
    return out


def sym_matrix(q, m):
    """Hs with x^T Hs x = sum_{k<=l} q_kl x_k x_l (monomial order of Sym)."""
    iu = torch.triu_indices(m, m)
    U = torch.zeros(m, m)
    U = U.index_put((iu[0], iu[1]), q[1 + m:])
    return (U + U.T) / 2  # diagonal: q_kk (U_kk appears twice, halved)


def forward(params, X):
    x = X
    outs = []
    cur_layer = 0
    for (l, m, W, b, q) in params:
        if l != cur_layer:
            x = torch.cat(outs, dim=1)
            outs, cur_layer = [], l
        z = x @ W.T + b
        if q is not None:
            H = sym_matrix(q, m)
            s = q[0] + x @ q[1:1 + m] + ((x @ H) * x).sum(1)
            z = z * torch.sigmoid(s)[:, None]
        outs.append(z)
    return torch.cat(outs, dim=1)


def loss_fn(theta):
    params = split(theta)
    x = C[:, 0]
    h = 0.2
    acc = 0
    for t in range(1, 5):
        k1 = forward(params, x)
        k2 = forward(params, x + 0.5 * h * k1)
        k3 = forward(params, x + 0.5 * h * k2)
        k4 = forward(params, x + h * k3)
        x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        acc = acc + ((x - C[:, t]) ** 2).sum()
    return acc / (ntraj * 4 * 12)


# --- L-hat for so(3) (orthonormal L_x, L_y, L_z / sqrt 2) on four vectors ---
so3 = np.array([[[0, 0, 0], [0, 0, -1], [0, 1, 0]],
                [[0, 0, 1], [0, 0, 0], [-1, 0, 0]],
                [[0, -1, 0], [1, 0, 0], [0, 0, 0]]], dtype=float) / math.sqrt(2)
Bimg = [torch.tensor(np.kron(np.eye(4), g)) for g in so3]
cmax = math.ceil(np.abs(rows[:ntraj].ravel()).max() * 8) / 8


def box(m, c):
    s2 = c * c / 3
    G0 = np.full((m + 1, m + 1), c ** 4 / 9)
    G0[0, :] = G0[:, 0] = s2
    G0[0, 0] = 1
    for k in range(1, m + 1):
        G0[k, k] = c ** 4 / 5
    return math.sqrt(s2), s2, torch.tensor(np.linalg.cholesky(G0))


boxes = {}
for (l, m, gate) in blocks:
    c = cmax if l == 0 else 2.0
    boxes[(l, m)] = box(m, c)
Aimg = {}
for (l, m, gate) in blocks:
    if l == 0:
        Aimg[m] = Bimg
    else:
        Aimg[m] = [torch.block_diag(*([B] * (m // n))) for B in Bimg]


def lhat(theta):
    rowsL = [[] for _ in range(3)]
    for (l, m, W, b, q) in split(theta):
        s, s2, L0 = boxes[(l, m)]
        iu = torch.triu_indices(m, m, offset=1)
        for i in range(3):
            Bi, Ai = Bimg[i], Aimg[m][i]
            parts = [Bi @ b, s * (Bi @ W - W @ Ai).reshape(-1)]
            if q is not None:
                H = sym_matrix(q, m)
                M = -(H @ Ai + Ai.T @ H)
                parts.append(-s * (Ai.T @ q[1:1 + m]))
                w0 = torch.cat([torch.zeros(1), torch.diagonal(M)])
                parts.append(L0.T @ w0)
                parts.append(s2 * 2 * M[iu[0], iu[1]])
            rowsL[i].append(torch.cat(parts))
    return torch.stack([torch.cat(r) for r in rowsL])


def objective(theta):
    l = loss_fn(theta)
    pen = torch.linalg.matrix_norm(lhat(theta), ord="nuc")
    return l + gamma * pen, l, pen


# --- check against Sym at the same initial parameters ---
_, err = sym_run(1, save="/tmp/sym_pendulum_init.net")
theta0 = torch.tensor(load_net("/tmp/sym_pendulum_init.net"))
sym_l0, sym_p0 = (float(w) for w in err.split()[2::2])
with torch.no_grad():
    _, l0, p0 = objective(theta0)
print(f"initial loss   Sym {sym_l0:.12e}  torch {l0.item():.12e}")
print(f"initial ||L||* Sym {sym_p0:.12e}  torch {p0.item():.12e}")
assert abs(l0.item() - sym_l0) < 1e-10 * abs(sym_l0), "losses differ"
assert abs(p0.item() - sym_p0) < 1e-9 * abs(sym_p0), "penalties differ"


def torch_train(steps):
    theta = theta0.clone().requires_grad_(True)
    opt = torch.optim.Adam([theta], lr=lr)
    t0 = time.perf_counter()
    for _ in range(steps):
        opt.zero_grad()
        obj, _, _ = objective(theta)
        obj.backward()
        opt.step()
    return time.perf_counter() - t0


# one step: medians of STEP_REPS single steps (after warm-up), and of Sym's
# per-step time over runs of STEP_REPS steps
torch_train(3)
tt = [torch_train(1) for _ in range(step_reps)]
ts = [sym_run(step_reps)[0] / step_reps for _ in range(3)]
t_step, s_step = statistics.median(tt), statistics.median(ts)
print(f"one training step (n_traj = {ntraj}): torch {t_step * 1e3:.2f} ms, "
      f"Sym {s_step * 1e3:.2f} ms, ratio torch/Sym = {t_step / s_step:.1f}")
if run_steps > 0:
    tr = torch_train(run_steps)
    sr = sym_run(run_steps)[0]
    print(f"full run ({run_steps} steps, n_traj = {ntraj}): torch {tr:.1f} s, Sym {sr:.1f} s, "
          f"ratio torch/Sym = {tr / sr:.1f}")
    print("Sym's run (model,ntraj,seed,steps,train,val,test,s,sv1,sv2,sv3):", sym_run.last)
