"""check_notebook.py — runs examples/tutorial.ipynb headless with nbclient
on the Sym kernel and checks each cell against its metadata "sym" (the
substrings its outputs must contain, LaTeX, an SVG plot, an error); then
drives the kernel directly: completion, inspection (?help), an interrupt
that stops a long loop and keeps the session.

usage: python3 check_notebook.py NOTEBOOK WORKDIR   (kernel spec "sym" on
JUPYTER_PATH; see run-notebook.sh)
"""
import sys
import time

import nbformat
from nbclient import NotebookClient
from jupyter_client.manager import start_new_kernel

fails = []


def text_of(outputs):
    parts = []
    for o in outputs:
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("execute_result", "display_data"):
            parts.append(o.data.get("text/plain", ""))
        elif o.output_type == "error":
            parts.extend(o.traceback)
    return "\n".join(parts)


def check_notebook(path, workdir):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="sym", timeout=300, allow_errors=True,
                            resources={"metadata": {"path": workdir}})
    client.execute()
    ncode = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        ncode += 1
        want = cell.metadata.get("sym", {})
        text = text_of(cell.outputs)
        where = "cell %d (%s)" % (i, cell.source.splitlines()[0][:40])
        for s in want.get("expect", []):
            if s not in text:
                fails.append("%s: output lacks %r; got %r" % (where, s, text))
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if bool(errors) != bool(want.get("error")):
            fails.append("%s: error expected %s, got %s" % (where, want.get("error"), text))
        res = [o for o in cell.outputs if o.output_type == "execute_result"]
        if want.get("plain") and (not res or "text/latex" in res[-1].data):
            fails.append("%s: not a plain-text-only result" % where)
        if want.get("latex"):
            res = [o for o in cell.outputs if o.output_type == "execute_result"]
            if not res or not res[-1].data.get("text/latex", "").startswith("$$"):
                fails.append("%s: no text/latex result" % where)
        if want.get("svg"):
            svgs = [o for o in cell.outputs if o.output_type == "display_data"
                    and "<svg" in o.data.get("image/svg+xml", "")]
            if not svgs:
                fails.append("%s: no inline SVG" % where)
    if ncode < 10:
        fails.append("only %d code cells ran" % ncode)


def reply(kc, msg_id):
    while True:
        r = kc.get_shell_msg(timeout=60)
        if r["parent_header"].get("msg_id") == msg_id:
            return r["content"]


def check_kernel():
    km, kc = start_new_kernel(kernel_name="sym")
    try:
        c = reply(kc, kc.complete("x = equiv", 9))
        if c["matches"] != ["equivariant"] or c["cursor_start"] != 4:
            fails.append("completion: %r" % c)
        c = reply(kc, kc.inspect("enforce(V, G)", 3))
        if not c["found"] or "enforce(V, G" not in c["data"]["text/plain"]:
            fails.append("inspect: %r" % c)
        kc.execute("n = 0")
        msg = kc.execute("while true\n  n = n + 1\nend", stop_on_error=False)
        time.sleep(1.0)
        t0 = time.time()
        km.interrupt_kernel()
        c = reply(kc, msg)
        if c["status"] != "error" or c.get("ename") != "KeyboardInterrupt" or time.time() - t0 > 30:
            fails.append("interrupt: %r" % c)
        msg = kc.execute("n > 0")
        c = reply(kc, msg)
        if c["status"] != "ok":
            fails.append("after the interrupt: %r" % c)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


check_notebook(sys.argv[1], sys.argv[2])
check_kernel()
for f in fails:
    print("FAIL:", f)
print("%d failure(s)" % len(fails))
sys.exit(1 if fails else 0)
