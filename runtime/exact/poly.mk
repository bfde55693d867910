# runtime/exact/poly.mk — polynomial rings, printing, monomial bases and
# polynomial sections (included by Makefile.am).
libsym_a_SOURCES += runtime/exact/poly.h runtime/exact/poly.c \
	runtime/exact/poly_print.c \
	runtime/exact/monobasis.h runtime/exact/monobasis.c \
	runtime/exact/section.h runtime/exact/section.c

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_poly tests/unit/test_section
TESTS += tests/unit/test_poly tests/unit/test_section
tests_unit_test_poly_SOURCES = tests/unit/test_poly.c
tests_unit_test_poly_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_poly_LDADD = $(UNIT_LDADD)
tests_unit_test_section_SOURCES = tests/unit/test_section.c
tests_unit_test_section_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_section_LDADD = $(UNIT_LDADD)
endif
