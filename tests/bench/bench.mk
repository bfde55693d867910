# tests/bench/bench.mk — the recovery experiment driver (Otto et al., arXiv 2311.00212),
# included by Makefile.am.  Benchmark, not a test: make tests/bench/recovery,
# then tests/bench/recovery.sh.
EXTRA_PROGRAMS += tests/bench/recovery
tests_bench_recovery_SOURCES = tests/bench/recovery.c
tests_bench_recovery_LDADD = libsym.a $(LIBS)
CLEANFILES += tests/bench/recovery
EXTRA_DIST += tests/bench/recovery.sh tests/bench/recovery-compare.py \
	tests/bench/recovery-results.csv
