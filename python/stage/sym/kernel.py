"""kernel.py — a Jupyter kernel for the Sym language (ipykernel).

Cells are Sym code run in one sym.Session: printed text and the values of
expression statements go to the cell's stdout, the value of the last
expression is the cell's result as text/plain and, for numbers, matrices,
lists and polynomials, text/latex, plots written
by plot builtins (plot_lines, plot_quiver, plot_svals) are shown inline as
SVG, errors show Sym's caret report, `?name` or `name?` shows a builtin's
help (the builtin table), tab completion offers keywords and bound names,
and "interrupt kernel" stops a long computation and keeps the session.

Run: python3 -m sym.kernel -f CONNECTION_FILE (what the installed kernel
spec share/jupyter/kernels/sym/kernel.json does).
"""
import re

from ipykernel.kernelbase import Kernel

from . import __version__
from .session import Session, SymError, help as sym_help
from ._ffi import lib, take_string, lock

_NAME_END = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_NAME_AT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Values shown as LaTeX too; the others (strings, records, Lie algebras, model
# spaces, ...) print as prose and show as plain text only.
_MATH_KINDS = (lib.SYM_BOOL, lib.SYM_RAT, lib.SYM_REAL, lib.SYM_LIST, lib.SYM_MAT,
               lib.SYM_FMAT, lib.SYM_POLY, lib.SYM_PMAT)


class SymKernel(Kernel):
    implementation = "sym"
    implementation_version = __version__
    language = "sym"
    language_version = __version__
    language_info = {"name": "sym", "mimetype": "text/x-sym", "file_extension": ".sym",
                     "codemirror_mode": "julia", "pygments_lexer": "julia"}
    banner = "Sym %s: a language for symmetry in machine learning" % __version__

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sym = Session(sympy=False, name="<cell>")
        self.sym._print_output = False

    def _stream(self, name, text):
        if text and not self.silent:
            self.send_response(self.iopub_socket, "stream", {"name": name, "text": text})

    def do_execute(self, code, silent, store_history=True, user_expressions=None,
                   allow_stdin=False):
        self.silent = silent
        stripped = code.strip()
        m = re.fullmatch(r"\?\s*([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*)\s*\?", stripped)
        if m:
            name = m.group(1) or m.group(2)
            text = sym_help(name)
            if text is None:
                text = "'%s' is not a builtin; try ?help or help()\n" % name
            self._stream("stdout", text)
            return self._ok()
        nplots = len(self.sym.plots())
        try:
            h = self.sym._eval_handle(code, 1, {})
        except SymError as e:
            self._stream("stdout", self.sym.output)
            self._stream("stderr", e.report)
            return self._error(type(e).__name__, e.message, [e.report])
        except KeyboardInterrupt:
            self._stream("stdout", self.sym.output)
            self._stream("stderr", "interrupted\n")
            return self._error("KeyboardInterrupt", "interrupted", ["interrupted"])
        self._stream("stdout", self.sym.output)
        for path in self.sym.plots()[nplots:]:
            try:
                with open(path, encoding="utf-8") as f:
                    svg = f.read()
            except OSError as e:
                self._stream("stderr", "cannot show %s: %s\n" % (path, e))
                continue
            if not silent:
                self.send_response(self.iopub_socket, "display_data",
                                   {"data": {"image/svg+xml": svg, "text/plain": path},
                                    "metadata": {}})
        with lock:
            kind = lib.sym_value_kind(h)
            plain = take_string(lib.sym_value_print(h, lib.SYM_FMT_PLAIN))
            latex = take_string(lib.sym_value_print(h, lib.SYM_FMT_LATEX))
        if kind != lib.SYM_NIL and not silent:
            data = {"text/plain": plain}
            if kind in _MATH_KINDS:
                data["text/latex"] = "$$" + latex + "$$"
            self.send_response(self.iopub_socket, "execute_result",
                               {"execution_count": self.execution_count, "data": data,
                                "metadata": {}})
        return self._ok()

    def _ok(self):
        return {"status": "ok", "execution_count": self.execution_count,
                "payload": [], "user_expressions": {}}

    def _error(self, ename, evalue, traceback):
        content = {"ename": ename, "evalue": evalue, "traceback": traceback}
        if not self.silent:
            self.send_response(self.iopub_socket, "error", content)
        content.update(status="error", execution_count=self.execution_count)
        return content

    def _name_before(self, code, pos):
        m = _NAME_END.search(code[:pos])
        return (m.group(0), m.start()) if m else ("", pos)

    def do_complete(self, code, cursor_pos):
        prefix, start = self._name_before(code, cursor_pos)
        return {"status": "ok", "matches": self.sym.complete(prefix) if prefix else [],
                "cursor_start": start, "cursor_end": cursor_pos, "metadata": {}}

    def do_inspect(self, code, cursor_pos, detail_level=0, omit_sections=()):
        name = ""
        for m in _NAME_AT.finditer(code):
            if m.start() <= cursor_pos <= m.end():
                name = m.group(0)
        text = sym_help(name) if name else None
        return {"status": "ok", "found": text is not None,
                "data": {"text/plain": text} if text else {}, "metadata": {}}


if __name__ == "__main__":
    from ipykernel.kernelapp import IPKernelApp
    IPKernelApp.launch_instance(kernel_class=SymKernel)
