# tests/unit/unit.mk — Check unit tests of the Lie-derivative convention on
# every bundle kind, enforce, discover and promote (driven through the
# interpreter).  Included by Makefile.am.  The tests call
# interp_load_prelude (repl.o), hence readline: UNIT_LDADD carries
# $(READLINE_LIBS).
if HAVE_CHECK
check_PROGRAMS += tests/unit/test_lie_bundles tests/unit/test_model \
	tests/unit/test_discover tests/unit/test_promote
TESTS += tests/unit/test_lie_bundles tests/unit/test_model \
	tests/unit/test_discover tests/unit/test_promote
tests_unit_test_lie_bundles_SOURCES = tests/unit/test_lie_bundles.c tests/unit/session.h
tests_unit_test_lie_bundles_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_lie_bundles_LDADD = $(UNIT_LDADD)
tests_unit_test_model_SOURCES = tests/unit/test_model.c tests/unit/session.h
tests_unit_test_model_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_model_LDADD = $(UNIT_LDADD)
tests_unit_test_discover_SOURCES = tests/unit/test_discover.c tests/unit/session.h
tests_unit_test_discover_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_discover_LDADD = $(UNIT_LDADD)
tests_unit_test_promote_SOURCES = tests/unit/test_promote.c tests/unit/session.h
tests_unit_test_promote_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_promote_LDADD = $(UNIT_LDADD)
endif
