# runtime/numeric/local.mk — files of this module (included by Makefile.am).
# Float linear algebra (LAPACKE/OpenBLAS) and MPFR orthonormalisation.

libsym_a_SOURCES += \
	runtime/numeric/dmat.c runtime/numeric/dmat.h \
	runtime/numeric/blas_threads.c runtime/numeric/blas_threads.h \
	runtime/numeric/dlinalg.c runtime/numeric/dlinalg.h \
	runtime/numeric/mpfr_orth.c runtime/numeric/mpfr_orth.h
libsym_a_SOURCES += runtime/numeric/rankgap.c runtime/numeric/rankgap.h

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_dlinalg tests/unit/test_mpfr_orth
TESTS += tests/unit/test_dlinalg tests/unit/test_mpfr_orth

tests_unit_test_dlinalg_SOURCES = tests/unit/test_dlinalg.c
tests_unit_test_dlinalg_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_dlinalg_LDADD = $(UNIT_LDADD)

tests_unit_test_mpfr_orth_SOURCES = tests/unit/test_mpfr_orth.c
tests_unit_test_mpfr_orth_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_mpfr_orth_LDADD = $(UNIT_LDADD)

check_PROGRAMS += tests/unit/test_rankgap
TESTS += tests/unit/test_rankgap
tests_unit_test_rankgap_SOURCES = tests/unit/test_rankgap.c
tests_unit_test_rankgap_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rankgap_LDADD = $(UNIT_LDADD)
endif
