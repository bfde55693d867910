# runtime/libsym-install.mk — libsym, the engine library: its installed
# headers, its pkg-config file, the test that links it alone, and the C
# example built against the installed copy.
#
# Headers are installed under $(includedir)/libsym/ keeping their layer
# folders (base/, exact/, lie/, numeric/, plot/, symmetry/), so a program
# includes "symmetry/model.h" with the Cflags of libsym.pc.
libsym_basedir = $(includedir)/libsym/base
libsym_base_HEADERS = runtime/base/sym_interrupt.h runtime/base/strbuf.h runtime/base/sym_status.h \
	runtime/base/sym_alloc.h runtime/base/atomic_file.h runtime/base/native_call.h
libsym_exactdir = $(includedir)/libsym/exact
libsym_exact_HEADERS = runtime/exact/qmat.h runtime/exact/spmat.h runtime/exact/nullspace.h \
	runtime/exact/nullspace_modp.h runtime/exact/poly.h runtime/exact/monobasis.h \
	runtime/exact/section.h
libsym_liedir = $(includedir)/libsym/lie
libsym_lie_HEADERS = runtime/lie/algebra.h runtime/lie/rep.h runtime/lie/discrete.h
libsym_numericdir = $(includedir)/libsym/numeric
libsym_numeric_HEADERS = runtime/numeric/dmat.h runtime/numeric/dlinalg.h \
	runtime/numeric/mpfr_orth.h runtime/numeric/rankgap.h runtime/numeric/admm.h \
	runtime/numeric/stlsq.h runtime/numeric/csv.h runtime/numeric/rng.h \
	runtime/numeric/blas_threads.h
libsym_plotdir = $(includedir)/libsym/plot
libsym_plot_HEADERS = runtime/plot/svg.h runtime/plot/plot_out.h
libsym_symmetrydir = $(includedir)/libsym/symmetry
libsym_symmetry_HEADERS = runtime/symmetry/bundle.h runtime/symmetry/model.h \
	runtime/symmetry/discover.h runtime/symmetry/promote.h runtime/symmetry/field_algebra.h \
	runtime/symmetry/kernel.h

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = libsym.pc
CLEANFILES += libsym.pc
EXTRA_DIST += runtime/libsym.pc.in
libsym.pc: $(srcdir)/runtime/libsym.pc.in Makefile
	$(AM_V_GEN)sed -e 's|@prefix[@]|$(prefix)|g' -e 's|@exec_prefix[@]|$(exec_prefix)|g' \
	  -e 's|@libdir[@]|$(libdir)|g' -e 's|@includedir[@]|$(includedir)|g' \
	  -e 's|@VERSION[@]|$(VERSION)|g' -e 's|@LIBS[@]|$(LIBS)|g' \
	  -e 's|@CFLAGS[@]|$(FLINT_CFLAGS)|g' \
	  $(srcdir)/runtime/libsym.pc.in > $@.tmp && mv $@.tmp $@

# Every object of libsym.a and nothing else: an upward dependency is an
# undefined symbol at link time.
check_PROGRAMS += tests/libsym/link_only
TESTS += tests/libsym/link_only
tests_libsym_link_only_SOURCES = tests/libsym/link_only.c
tests_libsym_link_only_LDFLAGS = -Wl,--whole-archive,libsym.a,--no-whole-archive
tests_libsym_link_only_DEPENDENCIES = libsym.a
tests_libsym_link_only_LDADD = $(LIBS)

# The C example, built against a staged `make install` through libsym.pc.
TESTS += tests/libsym/example_staged.sh
EXTRA_DIST += HACKING.md tests/libsym/example_staged.sh examples/libsym/enforce_discover.c \
	examples/libsym/enforce_discover.out
# How the tree was configured, for tests that compile against it.
libsym-print-build:
	@echo "CC='$(CC)'"; echo "CFLAGS='$(CFLAGS)'"; echo "LDFLAGS='$(LDFLAGS)'"
.PHONY: libsym-print-build

# The include graph and the object files' symbols go one way (layers.py).
TESTS += tests/libsym/layers.sh
EXTRA_DIST += tests/libsym/layers.sh tests/libsym/layers.py
libsym_nndir = $(includedir)/libsym/nn
libsym_nn_HEADERS = runtime/nn/net.h runtime/nn/symm.h runtime/nn/train.h runtime/nn/io.h \
	runtime/nn/simulate.h runtime/nn/pointlie.h
