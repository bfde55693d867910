"""session.py — sym.Session: a Sym interpreter session in this process.

    s = sym.Session()
    s.eval("coords x, y\\nx^2 + y^2")   # value of the last expression, in Python
    s.run("print(1/3)")                # runs; printed text goes to sys.stdout
    s.set("X", numpy_array)            # or s.eval(code, X=numpy_array)
    s.call("discover", f, "gl(2)")     # a function with Python arguments

Errors raise sym.SymError (sym.SymSyntaxError for code that does not parse)
carrying Sym's message, file, line, column and the caret report.  Ctrl-C
(KeyboardInterrupt) stops the running computation: the call runs in a
worker thread while this one waits, and an interrupt in the waiting thread
asks libsym to stop (sym_interrupt), waits for it, then re-raises.  The
session stays usable.  Several sessions are independent; calls into the
library are serialised by one lock (libsym's interrupt flag is
process-wide, see sym/sym.h).
"""
import sys
import threading

from ._ffi import ffi, lib, take_string, borrowed_string
from .convert import owned, to_python, from_python

_lock = threading.Lock()
_counter = [0]


class SymError(Exception):
    """A Sym runtime error: message, file, line, col (0 when unknown) and
    report, the full text as the command line prints it."""

    def __init__(self, message, file="", line=0, col=0, report=""):
        super().__init__(report.rstrip("\n") or message)
        self.message, self.file, self.line, self.col = message, file, line, col
        self.report = report


class SymSyntaxError(SymError):
    """Sym code that does not parse."""


def _run_interruptibly(fn):
    """fn() in a worker thread; KeyboardInterrupt here stops it."""
    box = {}

    def work():
        try:
            box["r"] = fn()
        except BaseException as e:  # noqa: B902 — handed to the caller
            box["e"] = e

    with _lock:
        t = threading.Thread(target=work, name="sym-eval", daemon=True)
        t.start()
        interrupted = False
        while t.is_alive():
            try:
                t.join(0.05)
            except KeyboardInterrupt:
                interrupted = True
                lib.sym_interrupt()
        if interrupted:
            raise KeyboardInterrupt
    if "e" in box:
        raise box["e"]
    return box["r"]


class Session:
    """An independent Sym session (its own globals, coordinates, output
    format and precision).  sympy=False returns polynomials as strings."""

    def __init__(self, sympy=True, name="<python>"):
        self._S = ffi.gc(lib.sym_session_new(), lib.sym_session_free)
        if self._S == ffi.NULL:
            raise MemoryError("cannot make a Sym session")
        self.sympy = sympy
        self.name = name
        self.output = ""   # the text printed by the last call

    # -- running code --------------------------------------------------------

    def _check(self, status):
        if status == lib.SYM_OK:
            return
        if status == lib.SYM_INTERRUPTED:
            raise KeyboardInterrupt("Sym computation interrupted")
        S = self._S
        cls = SymSyntaxError if status == lib.SYM_SYNTAX else SymError
        raise cls(borrowed_string(lib.sym_session_error_message(S)),
                  borrowed_string(lib.sym_session_error_file(S)),
                  lib.sym_session_error_line(S), lib.sym_session_error_col(S),
                  borrowed_string(lib.sym_session_error_report(S)))

    def _eval_handle(self, code, echo, kwargs):
        for k, v in kwargs.items():
            self.set(k, v)
        out = ffi.new("SymValue **")
        src = code.encode("utf-8")
        name = self.name.encode()
        status = _run_interruptibly(
            lambda: lib.sym_session_eval(self._S, name, src, echo, out))
        self.output = borrowed_string(lib.sym_session_output(self._S))
        if self.output and self._print_output:
            sys.stdout.write(self.output)
            sys.stdout.flush()
        self._check(status)
        return owned(out[0])

    _print_output = True

    def eval(self, code, **kwargs):
        """Run code (after binding each keyword argument as a global) and
        return the value of its last statement converted to Python (None
        unless it is an expression).  Printed text goes to sys.stdout."""
        return to_python(self._eval_handle(code, 0, kwargs), self.sympy)

    def run(self, code, **kwargs):
        """Run code as a script runs (values of expression statements are
        printed); returns None."""
        h = self._eval_handle(code, 1, kwargs)
        text = take_string(lib.sym_value_print(h, lib.SYM_FMT_PLAIN))
        if lib.sym_value_kind(h) != lib.SYM_NIL and self._print_output:
            sys.stdout.write(text + "\n")
        return None

    def value(self, code, **kwargs):
        """Like eval, but returns the unconverted sym.Value handle."""
        from .convert import Value
        return Value(self._eval_handle(code, 0, kwargs))

    # -- globals and calls -------------------------------------------------

    def set(self, name, value):
        """Bind the global name to a Python value (see sym.convert)."""
        h = from_python(value)
        if lib.sym_session_set(self._S, name.encode(), h) != lib.SYM_OK:
            raise ValueError("'%s' cannot be a Sym name" % name)

    def __setitem__(self, name, value):
        self.set(name, value)

    def get(self, name):
        """The value bound to the global name, converted; KeyError if none."""
        h = owned(lib.sym_session_get(self._S, name.encode()))
        if h is None:
            raise KeyError(name)
        return to_python(h, self.sympy)

    __getitem__ = get

    def get_or_none(self, name):
        """The value bound to name, converted, or None if unbound."""
        h = owned(lib.sym_session_get(self._S, name.encode()))
        return None if h is None else to_python(h, self.sympy)

    def call(self, fname, *args, **kwargs):
        """fname(args..., key = value...) with Python arguments (a string
        argument is passed as a string; wrap Sym code in sym.Code to pass
        an expression).  Returns the converted result."""
        _counter[0] += 1
        stem = "__py%d_" % _counter[0]
        parts = []
        for i, a in enumerate(args):
            if isinstance(a, Code):
                parts.append("(%s)" % a.text)
            else:
                self.set("%s%d" % (stem, i), a)
                parts.append("%s%d" % (stem, i))
        for k, a in kwargs.items():
            if isinstance(a, Code):
                parts.append("%s = (%s)" % (k, a.text))
            else:
                self.set("%s%s" % (stem, k), a)
                parts.append("%s = %s%s" % (k, stem, k))
        try:
            return self.eval("%s(%s)" % (fname, ", ".join(parts)))
        finally:
            # drop the temporaries (nil frees what they held)
            for i in range(len(args)):
                self.set("%s%d" % (stem, i), None)
            for k in kwargs:
                self.set("%s%s" % (stem, k), None)

    # -- front-end helpers -------------------------------------------------

    def complete(self, prefix):
        """Keywords and bound names starting with prefix, sorted."""
        return take_string(lib.sym_complete(self._S, prefix.encode())).split()

    def plots(self):
        """Paths of the files written by plot builtins so far, in order."""
        return [borrowed_string(lib.sym_session_plot_path(self._S, i))
                for i in range(lib.sym_session_plot_count(self._S))]

    def latex(self, code):
        """The LaTeX form of the value of code."""
        h = self._eval_handle(code, 0, {})
        return take_string(lib.sym_value_print(h, lib.SYM_FMT_LATEX))


class Code:
    """Sym source text passed to Session.call as an expression, not a string:
    s.call("enforce", sym.Code("polys(scalars(SO(2)), 4)"), sym.Code("SO(2)"))."""

    def __init__(self, text):
        self.text = text


def help(name=""):
    """Sym's help for a builtin name (the overview for ""); None if unknown."""
    return take_string(lib.sym_help(name.encode()))


def keywords():
    """The language's reserved words (the lexer's table)."""
    out, i = [], 0
    while lib.sym_keyword_at(i) != ffi.NULL:
        out.append(borrowed_string(lib.sym_keyword_at(i)))
        i += 1
    return out


def builtins():
    """Every builtin function name (the builtin table)."""
    out, i = [], 0
    while lib.sym_builtin_at(i) != ffi.NULL:
        out.append(borrowed_string(lib.sym_builtin_at(i)))
        i += 1
    return out
