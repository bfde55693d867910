# runtime/lie/local.mk — files of this module (included by Makefile.am).
# Matrix Lie algebras, representations and finite-group generators.
libsym_a_SOURCES += \
	runtime/lie/algebra.h runtime/lie/algebra.c \
	runtime/lie/algebra_builtin.c runtime/lie/algebra_ops.c \
	runtime/lie/rep.h runtime/lie/rep.c runtime/lie/rep_tensor.c \
	runtime/lie/rep_sparse.c \
	runtime/lie/discrete.h runtime/lie/discrete.c

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_algebra tests/unit/test_rep
TESTS += tests/unit/test_algebra tests/unit/test_rep
tests_unit_test_algebra_SOURCES = tests/unit/test_algebra.c
tests_unit_test_algebra_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_algebra_LDADD = $(UNIT_LDADD)
tests_unit_test_rep_SOURCES = tests/unit/test_rep.c
tests_unit_test_rep_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_rep_LDADD = $(UNIT_LDADD)
endif
