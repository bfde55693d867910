# runtime/plot/plot.mk — the SVG plot writer and the plot/SINDy builtins
# (included by Makefile.am).  The lead registers builtins_plot in
# builtin_tables (runtime/core/builtins.c) and declares it in builtins.h.
libsym_a_SOURCES += \
	runtime/plot/svg.c runtime/plot/svg.h
libsym_a_SOURCES += runtime/plot/plot_out.h runtime/plot/plot_out.c
libsymrt_a_SOURCES += runtime/builtins/builtins_plot.c

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_svg
TESTS += tests/unit/test_svg
tests_unit_test_svg_SOURCES = tests/unit/test_svg.c
tests_unit_test_svg_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_svg_LDADD = $(UNIT_LDADD)
endif
