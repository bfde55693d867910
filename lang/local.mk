# lang/local.mk — files of this module (included by Makefile.am).
# lang/ turns text into a syntax tree; it knows nothing of values, FLINT or
# readline, and links alone (the parser tests need liblang.a only).
liblang_a_SOURCES += \
	lang/arena.h lang/arena.c \
	lang/ast.h lang/ast.c \
	lang/ast_dump.h lang/ast_dump.c \
	lang/diag.h lang/diag.c \
	lang/lexer.h lang/lexer.c \
	lang/parser.h lang/parser.c

# Replays the fuzz corpus and saved crashes (a plain program, no Check).
check_PROGRAMS += tests/fuzz/replay_parser
TESTS += tests/fuzz/replay_parser
tests_fuzz_replay_parser_SOURCES = tests/fuzz/replay_parser.c
tests_fuzz_replay_parser_LDADD = liblang.a

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_lexer tests/unit/test_parser
TESTS += tests/unit/test_lexer tests/unit/test_parser
tests_unit_test_lexer_SOURCES = tests/unit/test_lexer.c
tests_unit_test_lexer_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_lexer_LDADD = liblang.a $(CHECK_LIBS)
tests_unit_test_parser_SOURCES = tests/unit/test_parser.c
tests_unit_test_parser_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_parser_LDADD = liblang.a $(CHECK_LIBS)
endif

EXTRA_DIST += tests/fuzz/README tests/fuzz/fuzz_parser.c \
	tests/fuzz/corpus tests/fuzz/crashes
