#!/usr/bin/python3
"""recovery-compare.py — compares tests/bench/recovery results with the authors'.

Usage: recovery-compare.py [OURS.csv] [AUTHORS_DIR]
  OURS.csv     rows set,prior,m,r,d,seed,n_recover,n_lib,dt,tot_iters,n_solves
               (recovery.c; default: recovery-results.csv next to this script)
               or the merged CSV of recovery_sweep.sym (task,set,prior,m,d,r,
               seed,n_recover,n_lib,solves,iters,secs,cpu): then times are
               medians of CPU seconds per search (cputime() in Sym) against the
               authors' median dt, and both sides' seed counts are printed
  AUTHORS_DIR  the authors' ortho_t_n.csv, ortho_se_n.csv, quad_se_n.csv
               (default: ../shared/data/recovery relative to the repository)
Prints one Markdown table row per (set, prior, r, d, m) that we ran: n_lib, our
median n_recover and seed count, the authors' median [min-max], whether our
median lies in their band, our mean seconds per search and the authors' mean
dt, then a summary line.  Standard library only (Debian's /usr/bin/python3).
"""
import csv
import os
import statistics
import sys


def load_authors(d):
    out = {}
    for fname, key in (("ortho_t_n.csv", ("ortho", "t")), ("ortho_se_n.csv", ("ortho", "se")),
                       ("quad_se_n.csv", ("quad", "se"))):
        path = os.path.join(d, fname)
        if not os.path.exists(path):
            continue
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                k = key + (int(row["r"]), int(row["d"]), int(row["m"]))
                out.setdefault(k, []).append((int(row["n_recover"]), int(row["n_lib"]),
                                              float(row["dt"])))
    return out


ORDER = {("ortho", "t"): 0, ("ortho", "se"): 1, ("quad", "se"): 2}


def load_ours(path, tcol):
    """Our rows by (set, prior, r, d, m), then seed: (n_recover, n_lib, time
    from column tcol), and the keys in table order."""
    ours = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            k = (row["set"], row["prior"], int(row["r"]), int(row["d"]), int(row["m"]))
            ours.setdefault(k, {})[int(row["seed"])] = (int(row["n_recover"]), int(row["n_lib"]),
                                                        float(row[tcol]))
    keys = sorted(ours, key=lambda k: (ORDER.get(k[:2], 9), k[3], k[2], k[4]))
    return ours, keys


def band(a, med, nlib):
    """The authors' side of one case a (their rows) against our median:
    (median [min-max] text, in-band mark, n_lib text, 1 when in band)."""
    amed = statistics.median(x[0] for x in a)
    lo = min(x[0] for x in a)
    hi = max(x[0] for x in a)
    ok = lo <= med <= hi
    if a[0][1] != nlib:
        nlib = "%d (authors %d)" % (nlib, a[0][1])
    return "%s [%d–%d]" % (fmt_med(amed), lo, hi), "yes" if ok else "**no**", nlib, int(ok)


def fmt_med(x):
    return ("%d" % x) if x == int(x) else ("%.1f" % x)


def sweep_table(path, authors):
    """The table for recovery_sweep.sym's merged CSV: medians on both sides."""
    ours, keys = load_ours(path, "cpu")
    print("| set | prior | r | d | m | n_lib | Sym seeds | Sym median | authors seeds "
          "| authors median [min–max] | in band | Sym CPU s/search (median) "
          "| authors dt (s, median) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    n_in = n_cmp = 0
    for k in keys:
        rows = list(ours[k].values())
        med = statistics.median(r[0] for r in rows)
        t = statistics.median(r[2] for r in rows)
        nlib = rows[0][1]
        a = authors.get(k)
        if a:
            aus, inband, nlib, ok = band(a, med, nlib)
            n_cmp += 1
            n_in += ok
            adts = "%.1f" % statistics.median(x[2] for x in a)
            na = "%d" % len(a)
        else:
            aus, inband, adts, na = "—", "—", "—", "0"
        print("| %s | %s | %d | %d | %d | %s | %d | %s | %s | %s | %s | %.2f | %s |" % (
            k[0], k[1], k[2], k[3], k[4], nlib, len(rows), fmt_med(med), na, aus, inband, t,
            adts))
    print()
    print("%d of %d compared cases have Sym's median inside the authors' [min, max]." % (n_in,
                                                                                          n_cmp))
    print("(Sym: CPU seconds of one whole search, setup included; authors: wall seconds of "
          "their CVXPY/SCS search on their machine.)")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ours_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "recovery-results.csv")
    adir = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "..", "..", "..", "shared",
                                                              "data", "recovery")
    authors = load_authors(adir)
    with open(ours_path, newline="") as f:
        if "cpu" in (csv.DictReader(f).fieldnames or []):
            return sweep_table(ours_path, authors)
    ours, keys = load_ours(ours_path, "dt")
    print("| set | prior | r | d | m | n_lib | seeds | ours: median | authors: median [min–max] "
          "| in band | ours s/search | authors dt (s) | ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    n_in = n_cmp = 0
    for k in keys:
        rows = list(ours[k].values())
        med = statistics.median(r[0] for r in rows)
        t = statistics.mean(r[2] for r in rows)
        nlib = rows[0][1]
        a = authors.get(k)
        if a:
            aus, inband, nlib, ok = band(a, med, nlib)
            adt = statistics.mean(x[2] for x in a)
            n_cmp += 1
            n_in += ok
            adts = "%.1f" % adt
            ratio = "%.2g" % (adt / t) if t > 0 else "-"
        else:
            aus, inband, adts, ratio = "—", "—", "—", "—"
        print("| %s | %s | %d | %d | %d | %s | %d | %s | %s | %s | %.2f | %s | %s |" % (
            k[0], k[1], k[2], k[3], k[4], nlib, len(rows), fmt_med(med), aus, inband, t, adts,
            ratio))
    print()
    print("%d of %d compared cases have our median inside the authors' [min, max]." % (n_in, n_cmp))
    print("(ratio = authors' mean dt / our mean seconds per search; the machines differ.)")


if __name__ == "__main__":
    main()
