# runtime/numeric/stlsq.mk — SINDy's sequentially thresholded least squares
# (included by Makefile.am).
libsym_a_SOURCES += runtime/numeric/stlsq.c runtime/numeric/stlsq.h

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_stlsq
TESTS += tests/unit/test_stlsq
tests_unit_test_stlsq_SOURCES = tests/unit/test_stlsq.c
tests_unit_test_stlsq_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_stlsq_LDADD = $(UNIT_LDADD)
endif
