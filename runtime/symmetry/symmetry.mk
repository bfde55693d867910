# runtime/symmetry/symmetry.mk — libsym's symmetry layer: bundles and their
# Lie derivatives, model spaces and enforce, discover, promote.
libsym_a_SOURCES += \
	runtime/symmetry/bundle.h runtime/symmetry/bundle.c \
	runtime/symmetry/model.h runtime/symmetry/model.c \
	runtime/symmetry/discover.h runtime/symmetry/discover.c \
	runtime/symmetry/promote.h runtime/symmetry/promote.c
libsym_a_SOURCES += runtime/symmetry/field_algebra.h runtime/symmetry/field_algebra.c
libsym_a_SOURCES += runtime/symmetry/kernel.h runtime/symmetry/kernel.c
libsym_a_SOURCES += runtime/symmetry/model_blocks.h runtime/symmetry/model_blocks.c
libsym_a_SOURCES += runtime/symmetry/model_layer_rows.h runtime/symmetry/model_layer_rows.c
libsym_a_SOURCES += runtime/symmetry/model_orbit.h runtime/symmetry/model_orbit.c

# The symmetry layer's unit tests call its C API and link libsym.a alone.
if HAVE_CHECK
check_PROGRAMS += tests/unit/test_symmetry
TESTS += tests/unit/test_symmetry
tests_unit_test_symmetry_SOURCES = tests/unit/test_symmetry.c
tests_unit_test_symmetry_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_test_symmetry_LDADD = libsym.a $(CHECK_LIBS) $(LIBS)
endif

# Benchmark (not a test): the closed-form S(n) orbit basis against the general
# exact route (tests/bench/run-orbit.sh, tests/bench/README.md).
EXTRA_PROGRAMS += tests/bench/bench_orbit
tests_bench_bench_orbit_SOURCES = tests/bench/bench_orbit.c
tests_bench_bench_orbit_LDADD = libsym.a $(LIBS)
CLEANFILES += tests/bench/bench_orbit
EXTRA_DIST += tests/bench/run-orbit.sh
