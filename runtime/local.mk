# runtime/local.mk — the evaluator, values, printer, builtins, REPL.
libsymrt_a_SOURCES += \
	runtime/value.h runtime/value.c runtime/strbuf.h runtime/strbuf.c \
	runtime/env.h runtime/env.c runtime/interp.h runtime/interp.c \
	runtime/eval.h runtime/eval.c runtime/arith.h runtime/arith.c runtime/access.c \
	runtime/print.h runtime/print.c runtime/suggest.h runtime/suggest.c \
	runtime/builtins.h runtime/builtins.c runtime/help.h runtime/help.c \
	runtime/builtins_core.c runtime/builtins_matrix.c runtime/builtins_poly.c \
	runtime/builtins_lie.c runtime/builtins_lie.h runtime/builtins_rep.c runtime/builtins_bundle.c runtime/model.h runtime/model.c runtime/builtins_model.c runtime/discover.h runtime/discover.c runtime/builtins_discover.c runtime/promote.h runtime/promote.c runtime/builtins_fit.c runtime/builtins_kernel.c runtime/builtins_fields_algebra.c runtime/builtins_numeric.h runtime/builtins_numeric.c \
	runtime/builtins_nn.h runtime/builtins_nn.c \
	runtime/repl.h runtime/repl.c runtime/stdlib_files.h
libsymrt_a_SOURCES += runtime/builtins_sweep.c
nodist_libsymrt_a_SOURCES = runtime/stdlib_files.c
BUILT_SOURCES += runtime/stdlib_files.c
CLEANFILES += runtime/stdlib_files.c
runtime/stdlib_files.c: $(dist_stdlib_DATA) $(srcdir)/stdlib/embed.sh
	$(AM_V_GEN)$(MKDIR_P) runtime && $(SHELL) $(srcdir)/stdlib/embed.sh $(dist_stdlib_DATA:%=$(srcdir)/%) > $@.tmp && mv $@.tmp $@
