#!/usr/bin/python3
"""pendulum-plot.py — test MSE against n_traj from pendulum-results.csv
(run-pendulum.sh), one line per model (median over seeds), drawn by Sym's
plot_lines as an SVG with a log y axis, and a Markdown table on stdout.

usage: pendulum-plot.py RESULTS.csv OUT.svg [SYM]
"""
import csv
import statistics
import subprocess
import sys

res, out = sys.argv[1], sys.argv[2]
sym = sys.argv[3] if len(sys.argv) > 3 else "./sym"
rows = [r for r in csv.DictReader(open(res)) if r["test_mse"] not in ("nan", "")]
models = [m for m in ["mlp", "so3", "so2", "poly"] if any(r["model"] == m for r in rows)]
ntrajs = sorted({int(r["ntraj"]) for r in rows})
names = {"mlp": "MLPNODE", "so3": "SymmNet so(3) promoted", "so2": "SymmNet so(2) enforced",
         "poly": "SymmNet gamma = 0"}
table = {}
for m in models:
    for n in ntrajs:
        v = [float(r["test_mse"]) for r in rows if r["model"] == m and int(r["ntraj"]) == n]
        if v:
            table[(m, n)] = (statistics.median(v), len(v))
print("| n_traj | " + " | ".join(names[m] for m in models) + " |")
print("|---" * (len(models) + 1) + "|")
for n in ntrajs:
    cells = []
    for m in models:
        if (m, n) in table:
            med, k = table[(m, n)]
            cells.append(f"{med:.3e}" + (f" ({k})" if k > 1 else ""))
        else:
            cells.append("—")
    print(f"| {n} | " + " | ".join(cells) + " |")
series, labels = [], []
for m in models:
    if all((m, n) in table for n in ntrajs):
        series.append("[" + ", ".join(repr(table[(m, n)][0]) for n in ntrajs) + "]")
        labels.append('"' + names[m] + '"')
script = (f'plot_lines("{out}", [{", ".join(map(str, ntrajs))}], [{", ".join(series)}], '
          f'title = "double spring pendulum: test MSE", xlabel = "n_traj", '
          f'ylabel = "test MSE", logy = true, labels = [{", ".join(labels)}])\n')
subprocess.run([sym, "-e", script], check=True, capture_output=True)
print(f"\nwrote {out}")
