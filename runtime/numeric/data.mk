# runtime/numeric/data.mk — data sets and seeded random numbers (included by
# Makefile.am): the CSV engine, the portable generator, their builtins
# (table builtins_data, registered in runtime/core/builtins.c) and unit tests.

libsym_a_SOURCES += \
	runtime/numeric/csv.c runtime/numeric/csv.h \
	runtime/numeric/rng.c runtime/numeric/rng.h
libsymrt_a_SOURCES += runtime/builtins/builtins_data.c

EXTRA_DIST += examples/data/small.csv examples/data/bad_ragged.csv \
	examples/data/bad_cell.csv examples/data/bad_empty.csv examples/data/bad_dup.csv

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_csv tests/unit/test_rng
TESTS += tests/unit/test_csv tests/unit/test_rng

tests_unit_test_csv_SOURCES = tests/unit/test_csv.c
tests_unit_test_csv_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_csv_LDADD = $(UNIT_LDADD)

tests_unit_test_rng_SOURCES = tests/unit/test_rng.c
tests_unit_test_rng_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rng_LDADD = $(UNIT_LDADD)
endif
