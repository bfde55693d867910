# runtime/local.mk — the interpreter (libsymrt.a): runtime/core (values,
# environments, evaluator, printer, help, builtin registry), runtime/builtins
# (the bindings to libsym) and runtime/cli (REPL; main.c is the sym program).
libsymrt_a_SOURCES += \
	runtime/core/value.h runtime/core/value.c runtime/core/convert.h runtime/core/convert.c \
	runtime/core/env.h runtime/core/env.c runtime/core/interp.h runtime/core/interp.c \
	runtime/core/eval.h runtime/core/eval.c runtime/core/arith.h runtime/core/arith.c runtime/core/access.c \
	runtime/core/print.h runtime/core/print.c runtime/core/suggest.h runtime/core/suggest.c \
	runtime/core/builtins.h runtime/core/builtins.c runtime/core/help.h runtime/core/help.c \
	runtime/builtins/builtins_tables.c \
	runtime/builtins/builtins_core.c runtime/builtins/builtins_matrix.c runtime/builtins/builtins_poly.c \
	runtime/builtins/builtins_lie.c runtime/builtins/builtins_lie.h runtime/builtins/builtins_rep.c runtime/builtins/builtins_bundle.c runtime/builtins/builtins_model.h runtime/builtins/builtins_model.c runtime/builtins/builtins_discover.c runtime/builtins/builtins_fit.c runtime/builtins/builtins_kernel.c runtime/builtins/builtins_fields_algebra.c runtime/builtins/builtins_numeric.h runtime/builtins/builtins_numeric.c \
	runtime/builtins/builtins_nn.h runtime/builtins/builtins_nn.c \
	runtime/cli/repl.h runtime/cli/repl.c runtime/core/stdlib_files.h
libsymrt_a_SOURCES += runtime/builtins/builtins_sweep.c
nodist_libsymrt_a_SOURCES = runtime/core/stdlib_files.c
BUILT_SOURCES += runtime/core/stdlib_files.c
CLEANFILES += runtime/core/stdlib_files.c
runtime/core/stdlib_files.c: $(dist_stdlib_DATA) $(srcdir)/stdlib/embed.sh
	$(AM_V_GEN)$(MKDIR_P) runtime/core && $(SHELL) $(srcdir)/stdlib/embed.sh $(dist_stdlib_DATA:%=$(srcdir)/%) > $@.tmp && mv $@.tmp $@
