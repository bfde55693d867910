"""session.py — sym.Session: a Sym interpreter session in this process.

    s = sym.Session()
    s.eval("coords x, y\\nx^2 + y^2")   # value of the last expression, in Python
    s.run("print(1/3)")                # runs; printed text goes to sys.stdout
    s.set("X", numpy_array)            # or s.eval(code, X=numpy_array)
    s.call("discover", f, "gl(2)")     # a function with Python arguments

Errors raise sym.SymError (sym.SymSyntaxError for code that does not parse)
carrying Sym's message, file, line, column and the caret report.  Ctrl-C
(KeyboardInterrupt) stops the running computation: the call runs in a
worker thread while the main thread waits with a SIGINT handler that asks
libsym to stop (sym_interrupt); KeyboardInterrupt is raised when the call
has returned (Ctrl-C is caught this way only when Python's default SIGINT
handler is installed, and only in the main thread, where Python delivers
it).  The session stays usable.  Several sessions are independent; calls
into the library are serialised by one lock (libsym's interrupt flag is
process-wide, see sym/sym.h and _ffi.lock).
"""
import signal
import sys
import threading

from ._ffi import ffi, lib, take_string, borrowed_string, lock, busy, flush, release
from .convert import owned, to_python, from_python

_counter = [0]


def _locked(method):
    """Run method under the library lock (see _ffi.lock)."""
    def run(*args, **kwargs):
        with lock:
            return method(*args, **kwargs)
    run.__name__, run.__doc__ = method.__name__, method.__doc__
    return run


class SymError(Exception):
    """A Sym runtime error: message, file, line, col (0 when unknown) and
    report, the full text as the command line prints it."""

    def __init__(self, message, file="", line=0, col=0, report=""):
        super().__init__(report.rstrip("\n") or message)
        self.message, self.file, self.line, self.col = message, file, line, col
        self.report = report


class SymSyntaxError(SymError):
    """Sym code that does not parse."""


SymError.__module__ = SymSyntaxError.__module__ = "sym"   # as users name them


def _run_interruptibly(fn):
    """fn() (a library call) in a worker thread while this thread waits.
    In the main thread, Ctrl-C (SIGINT) during the call asks libsym to stop
    and KeyboardInterrupt is raised once the call has returned: a handler
    that only records the signal replaces Python's during the wait, so no
    exception can land while the worker runs.  Holds the library lock."""
    box = {}
    done = threading.Event()

    def work():
        try:
            box["r"] = fn()
        except BaseException as e:  # noqa: B902 — handed to the caller
            box["e"] = e
        finally:
            done.set()

    hits = []

    def on_sigint(signum, frame):
        hits.append(signum)
        lib.sym_interrupt()

    main = threading.current_thread() is threading.main_thread()
    old = signal.getsignal(signal.SIGINT) if main else None
    catch = old is signal.default_int_handler
    with lock:
        busy[0] = True
        try:
            if catch:
                signal.signal(signal.SIGINT, on_sigint)
            try:
                threading.Thread(target=work, name="sym-eval", daemon=True).start()
                while not done.wait(0.05):
                    if hits:
                        lib.sym_interrupt()  # again: a call clears the flag when it starts
            finally:
                if catch:
                    signal.signal(signal.SIGINT, old)
        finally:
            busy[0] = False
            flush()
    if hits:
        raise KeyboardInterrupt
    if "e" in box:
        raise box["e"]
    return box["r"]


class Session:
    """An independent Sym session (its own globals, coordinates, output
    format and precision).  sympy=False returns polynomials as strings."""

    def __init__(self, sympy=True, name="<python>"):
        with lock:
            self._S = ffi.gc(lib.sym_session_new(), lambda q: release(lib.sym_session_free, q))
        if self._S == ffi.NULL:
            raise MemoryError("cannot make a Sym session")
        self.sympy = sympy
        self.name = name
        self.output = ""   # the text printed by the last call

    # -- running code --------------------------------------------------------

    @_locked
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

    @_locked
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
        try:
            h = self._eval_handle(code, 0, kwargs)
        except (SymError, KeyboardInterrupt) as e:
            raise e.with_traceback(None)  # the user's line, not the binding's
        return to_python(h, self.sympy)

    def run(self, code, **kwargs):
        """Run code as a script runs (values of expression statements are
        printed); returns None."""
        try:
            h = self._eval_handle(code, 1, kwargs)
        except (SymError, KeyboardInterrupt) as e:
            raise e.with_traceback(None)
        with lock:
            text = take_string(lib.sym_value_print(h, lib.SYM_FMT_PLAIN))
            nil = lib.sym_value_kind(h) == lib.SYM_NIL
        if not nil and self._print_output:
            sys.stdout.write(text + "\n")
        return None

    def value(self, code, **kwargs):
        """Like eval, but returns the unconverted sym.Value handle."""
        from .convert import Value
        return Value(self._eval_handle(code, 0, kwargs))

    # -- globals and calls -------------------------------------------------

    @_locked
    def set(self, name, value):
        """Bind the global name to a Python value (see sym.convert)."""
        h = from_python(value)
        if lib.sym_session_set(self._S, name.encode(), h) != lib.SYM_OK:
            raise ValueError("'%s' cannot be a Sym name" % name)

    def __setitem__(self, name, value):
        self.set(name, value)

    @_locked
    def get(self, name):
        """The value bound to the global name, converted; KeyError if none."""
        h = owned(lib.sym_session_get(self._S, name.encode()))
        if h is None:
            raise KeyError(name)
        return to_python(h, self.sympy)

    __getitem__ = get

    @_locked
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

    @_locked
    def complete(self, prefix):
        """Keywords and bound names starting with prefix, sorted."""
        return take_string(lib.sym_complete(self._S, prefix.encode())).split()

    @_locked
    def plots(self):
        """Paths of the files written by plot builtins so far, in order."""
        return [borrowed_string(lib.sym_session_plot_path(self._S, i))
                for i in range(lib.sym_session_plot_count(self._S))]

    @_locked
    def latex(self, code):
        """The LaTeX form of the value of code."""
        h = self._eval_handle(code, 0, {})
        return take_string(lib.sym_value_print(h, lib.SYM_FMT_LATEX))


class Code:
    """Sym source text passed to Session.call as an expression, not a string:
    s.call("enforce", sym.Code("polys(scalars(SO(2)), 4)"), sym.Code("SO(2)"))."""

    def __init__(self, text):
        self.text = text


@_locked
def help(name=""):
    """Sym's help for a builtin name (the overview for ""); None if unknown."""
    return take_string(lib.sym_help(name.encode()))


@_locked
def keywords():
    """The language's reserved words (the lexer's table)."""
    out, i = [], 0
    while lib.sym_keyword_at(i) != ffi.NULL:
        out.append(borrowed_string(lib.sym_keyword_at(i)))
        i += 1
    return out


@_locked
def builtins():
    """Every builtin function name (the builtin table)."""
    out, i = [], 0
    while lib.sym_builtin_at(i) != ffi.NULL:
        out.append(borrowed_string(lib.sym_builtin_at(i)))
        i += 1
    return out
