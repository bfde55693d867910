# runtime/numeric/admm.mk — the ADMM promotion solver (included by Makefile.am).

libsym_a_SOURCES += runtime/numeric/admm.c runtime/numeric/admm.h

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_admm
TESTS += tests/unit/test_admm
tests_unit_test_admm_SOURCES = tests/unit/test_admm.c
tests_unit_test_admm_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_admm_LDADD = $(UNIT_LDADD)
endif

# Benchmark (not a test): make tests/bench/bench_promote, then
# tests/bench/run-promote.sh.
EXTRA_PROGRAMS += tests/bench/bench_promote
tests_bench_bench_promote_SOURCES = tests/bench/bench_promote.c
tests_bench_bench_promote_LDADD = libsym.a $(LIBS)
CLEANFILES += tests/bench/bench_promote
EXTRA_DIST += tests/bench/bench_promote.py tests/bench/run-promote.sh
