# tests/bench/bench.mk — the recovery experiment driver (Otto et al., arXiv 2311.00212),
# included by Makefile.am.  Benchmark, not a test: make tests/bench/recovery,
# then tests/bench/recovery.sh.
EXTRA_PROGRAMS += tests/bench/recovery
tests_bench_recovery_SOURCES = tests/bench/recovery.c
tests_bench_recovery_LDADD = libsym.a $(LIBS)
CLEANFILES += tests/bench/recovery
EXTRA_DIST += tests/bench/recovery.sh tests/bench/recovery-compare.py \
	tests/bench/recovery-results.csv
# The network experiment (the double spring pendulum of Otto et al., arXiv 2311.00212): make tests/bench/pendulum, then
# tests/bench/run-pendulum.sh; tests/bench/bench_pendulum_torch.py times
# the same SymmNet in PyTorch.
EXTRA_PROGRAMS += tests/bench/pendulum
tests_bench_pendulum_SOURCES = tests/bench/pendulum.c
tests_bench_pendulum_LDADD = libsymrt.a liblang.a libsym.a $(READLINE_LIBS) $(LIBS)
CLEANFILES += tests/bench/pendulum
EXTRA_DIST += tests/bench/run-pendulum.sh tests/bench/pendulum_data.sym \
	tests/bench/bench_pendulum_torch.py tests/bench/pendulum-plot.py
# Issue 14: the large exact enforce cases and the recovery experiment as a
# Sym sweep (tests/bench/README.md).
EXTRA_DIST += tests/bench/run-large.sh tests/bench/enforce/large.sym \
	tests/bench/recovery-sweep.sh tests/bench/recovery_sweep.sym \
	tests/bench/recovery-sweep-results.csv tests/bench/recovery-sweep-remaining.csv
EXTRA_DIST += tests/bench/run-emlp.sh tests/bench/enforce/emlp_sum.sym
# The enforce benchmark (run-enforce.sh) and the inputs and results the
# README's tables come from, so that a release carries the whole harness.
EXTRA_DIST += tests/bench/run-enforce.sh tests/bench/bench_enforce.py \
	tests/bench/enforce/fields_so3.sym tests/bench/enforce/layers.sym \
	tests/bench/enforce/polys_so2.sym tests/bench/enforce/polys_so3.sym \
	tests/bench/enforce/timing.sym tests/bench/pendulum-results.csv \
	tests/bench/pendulum-mse.svg
