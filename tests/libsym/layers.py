#!/usr/bin/env python3
"""layers.py — checks that runtime/ is layered one way.

1. The #include graph of runtime/ (quoted includes resolved as the
   compiler does: the including file's folder, then runtime/, the
   interpreter folders, the top) has no cycle between files, and every
   edge goes to the same layer or a lower one:
       base < exact < lie < numeric < plot < symmetry < nn   (libsym)
       < core < builtins < cli                          (the interpreter)
   (numeric and plot do not need exact or lie; lower is allowed, not
   required.)
2. With --objects BUILDDIR: the same order holds for symbols (nm of the
   object files per layer): every undefined symbol of a layer's objects
   that some runtime object defines is defined in the same or a lower
   layer.
   One exception, by design: builtin_tables, the list of the bindings'
   tables (runtime/builtins/builtins_tables.c, like Lua's linit.c), is data
   the core registry reads; it is the only symbol core takes from above.
Prints the layer graph it found; exits 1 on a violation.
"""
import os, re, subprocess, sys

ORDER = ["base", "exact", "lie", "numeric", "plot", "symmetry", "nn", "core", "builtins", "cli"]
RANK = {l: i for i, l in enumerate(ORDER)}
ALLOWED_UP = {"builtin_tables"}


def layer_of(path):
    parts = path.split(os.sep)
    if len(parts) >= 2 and parts[0] == "runtime" and parts[1] in RANK:
        return parts[1]
    return None


def includes(src, root):
    files = []
    for d, _, fs in os.walk(os.path.join(root, "runtime")):
        for f in fs:
            if f.endswith((".c", ".h")) and f != "stdlib_files.c":
                files.append(os.path.relpath(os.path.join(d, f), root))
    search = ["runtime", "runtime/core", "runtime/builtins", "runtime/cli", "."]
    edges = {}
    for f in files:
        out = set()
        with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
            for line in fh:
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m:
                    continue
                name = m.group(1)
                for d in [os.path.dirname(f)] + search:
                    cand = os.path.normpath(os.path.join(d, name))
                    if os.path.exists(os.path.join(root, cand)):
                        if cand.startswith("runtime" + os.sep):
                            out.add(cand)
                        break
        edges[f] = out
    return edges


def find_cycle(edges):
    color, stack = {}, []

    def dfs(u):
        color[u] = 1
        stack.append(u)
        for v in sorted(edges.get(u, ())):
            if color.get(v) == 1:
                return stack[stack.index(v):] + [v]
            if not color.get(v):
                c = dfs(v)
                if c:
                    return c
        stack.pop()
        color[u] = 2
        return None

    for u in sorted(edges):
        if not color.get(u):
            c = dfs(u)
            if c:
                return c
    return None


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    objdir = None
    if len(sys.argv) > 2 and sys.argv[1] == "--objects":
        objdir = sys.argv[2]
    bad = 0
    edges = includes("runtime", root)
    cyc = find_cycle(edges)
    if cyc:
        print("include cycle: " + " -> ".join(cyc))
        bad = 1
    lg = {}
    for f, outs in edges.items():
        a = layer_of(f)
        for g in outs:
            b = layer_of(g)
            if a and b and a != b:
                lg.setdefault(a, set()).add(b)
                if RANK[b] > RANK[a]:
                    print("upward include: %s (%s) includes %s (%s)" % (f, a, g, b))
                    bad = 1
    print("include graph of the layers (file-level graph: %d files, no cycle%s):"
          % (len(edges), "" if not cyc else " FOUND"))
    for a in ORDER:
        print("  %-9s -> %s" % (a, ", ".join(sorted(lg.get(a, ()), key=RANK.get)) or "-"))
    if objdir:
        defs, undefs = {}, {}
        for d, _, fs in os.walk(os.path.join(objdir, "runtime")):
            for f in fs:
                if not f.endswith(".o"):
                    continue
                p = os.path.join(d, f)
                rel = os.path.relpath(p, objdir)
                src = os.path.join(root, rel[:-2] + ".c")
                if not os.path.exists(src) and not rel.endswith("stdlib_files.o"):
                    continue  # a stale object of a moved file
                lay = layer_of(rel)
                if not lay:
                    continue
                out = subprocess.run(["nm", p], capture_output=True, text=True).stdout
                for line in out.splitlines():
                    parts = line.split()
                    if len(parts) == 2 and parts[0] == "U":
                        undefs.setdefault(parts[1], set()).add((lay, rel))
                    elif len(parts) == 3 and parts[1] in "TDBRC":
                        defs[parts[2]] = lay
        sg = {}
        for sym, users in undefs.items():
            if sym not in defs:
                continue
            for lay, rel in users:
                b = defs[sym]
                if b != lay and sym not in ALLOWED_UP:
                    sg.setdefault(lay, set()).add(b)
                if RANK[b] > RANK[lay] and sym not in ALLOWED_UP:
                    print("upward symbol: %s (%s) uses %s defined in %s" % (rel, lay, sym, b))
                    bad = 1
        print("symbol graph of the layers (nm of the object files):")
        for a in ORDER:
            print("  %-9s -> %s" % (a, ", ".join(sorted(sg.get(a, ()), key=RANK.get)) or "-"))
    return bad


if __name__ == "__main__":
    sys.exit(main())
