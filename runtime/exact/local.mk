# runtime/exact/local.mk — files of this module (included by Makefile.am).
# Exact linear algebra: guarded dense fmpq_mat operations, sparse matrices,
# verified multi-modular nullspace.

libsym_a_SOURCES += \
	runtime/exact/qmat.h runtime/exact/qmat.c \
	runtime/exact/spmat.h runtime/exact/spmat.c \
	runtime/exact/nullspace.h runtime/exact/nullspace.c \
	runtime/exact/nullspace_modp.h runtime/exact/nullspace_modp.c \
	runtime/exact/nullspace_classes.c runtime/exact/union_find.h

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_qmat tests/unit/test_nullspace
TESTS += tests/unit/test_qmat tests/unit/test_nullspace
tests_unit_test_qmat_SOURCES = tests/unit/test_qmat.c
tests_unit_test_qmat_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_qmat_LDADD = $(UNIT_LDADD)
tests_unit_test_nullspace_SOURCES = tests/unit/test_nullspace.c
tests_unit_test_nullspace_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_nullspace_LDADD = $(UNIT_LDADD)
endif

# Benchmark (not a test): make tests/bench/bench_nullspace, then
# tests/bench/run-nullspace.sh.
# (EXTRA_PROGRAMS is not preset in Makefile.am; if another fragment sets it,
# make both use += and add "EXTRA_PROGRAMS =" to Makefile.am.)
EXTRA_PROGRAMS += tests/bench/bench_nullspace
tests_bench_bench_nullspace_SOURCES = tests/bench/bench_nullspace.c
tests_bench_bench_nullspace_LDADD = libsym.a $(LIBS)
CLEANFILES += tests/bench/bench_nullspace
EXTRA_DIST += tests/bench/bench_nullspace.py tests/bench/run-nullspace.sh \
	tests/bench/README.md
