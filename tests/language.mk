# tests/language.mk — the tests of issue 12 (slicing, joining, help,
# model values, JSON, printing, LaTeX, plots, the tutorial).  Listed here
# rather than in tests/local.mk so that branches merge cleanly;
# tests/cli/test-list.sh reads both.
SYM_LANGUAGE_TESTS = \
	tests/scripts/slicing.sym \
	tests/scripts/help_more.sym \
	tests/scripts/coords_shadow.sym \
	tests/scripts/slicing_err.sym \
	tests/scripts/printing.sym \
	tests/scripts/models.sym \
	tests/scripts/models_err.sym \
	tests/scripts/json.sym \
	tests/scripts/json_err.sym \
	tests/scripts/conventions.sym \
	tests/scripts/coeffs_model.sym \
	examples/tutorial.sym

SYM_LANGUAGE_EXPECTED = $(SYM_LANGUAGE_TESTS:.sym=.out) \
	tests/scripts/coords_shadow.err \
	tests/scripts/slicing_err.err tests/scripts/slicing_err.status \
	tests/scripts/models_err.err tests/scripts/models_err.status \
	tests/scripts/json_err.err tests/scripts/json_err.status

SYM_LANGUAGE_SHELL_TESTS = tests/cli/test-unicode.sh tests/katex/test-katex.sh \
	tests/cli/test-plots.sh tests/repl/test-repl-language.sh

TESTS += $(SYM_LANGUAGE_TESTS) $(SYM_LANGUAGE_SHELL_TESTS)
EXTRA_DIST += $(SYM_LANGUAGE_TESTS) $(SYM_LANGUAGE_EXPECTED) $(SYM_LANGUAGE_SHELL_TESTS) \
	tests/language.mk tests/katex/package.json tests/katex/package-lock.json \
	tests/katex/render.js tests/katex/cases.sym tests/cli/svg_bounds.py
