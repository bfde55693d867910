# tests/local.mk — the test infrastructure (included by Makefile.am).
#
# Golden script tests: tests/scripts/NAME.sym with NAME.out (+ NAME.err,
# + NAME.status), and every examples/NAME.sym with examples/NAME.out, run by
# tests/run-script.sh from the top of the source tree.  Regenerate expected
# files with `make check REGEN=1 TESTS=tests/scripts/NAME.sym` (then review
# the diff).  tests/cli/test-list.sh fails when a .sym file is not listed
# here.  CLI and REPL tests are shell scripts; unit tests use Check.

TEST_EXTENSIONS = .sym .sh
AM_TESTS_ENVIRONMENT = SYM=$(abs_top_builddir)/sym; export SYM; \
	VALGRIND_CMD='$(VALGRIND_CMD)'; export VALGRIND_CMD; \
	SYM_BUILDDIR=$(abs_top_builddir); export SYM_BUILDDIR; \
	REGEN=$${REGEN:-0}; export REGEN; \
	LSAN_OPTIONS="suppressions=$(abs_top_srcdir)/tests/lsan.supp:print_suppressions=0$${LSAN_OPTIONS:+:$$LSAN_OPTIONS}"; \
	export LSAN_OPTIONS;
SYM_LOG_COMPILER = $(SHELL) $(srcdir)/tests/run-script.sh
SH_LOG_COMPILER = $(SHELL)

SYM_SCRIPT_TESTS = \
	tests/scripts/action.sym \
	tests/scripts/arith.sym \
	tests/scripts/control.sym \
	tests/scripts/coords.sym \
	tests/scripts/data.sym \
	tests/scripts/declare_coords.sym \
	tests/scripts/declare_coords_err_name.sym \
	tests/scripts/declare_coords_err_twice.sym \
	tests/scripts/data_err_box.sym \
	tests/scripts/data_err_cell.sym \
	tests/scripts/data_err_column.sym \
	tests/scripts/data_err_dup.sym \
	tests/scripts/data_err_empty.sym \
	tests/scripts/data_err_missing.sym \
	tests/scripts/data_err_ragged.sym \
	tests/scripts/discover.sym \
	tests/scripts/discover_err_coords.sym \
	tests/scripts/discover_err_degree.sym \
	tests/scripts/discover_err_size.sym \
	tests/scripts/discover_err_width.sym \
	tests/scripts/enforce.sym \
	tests/scripts/rep_large.sym \
	tests/scripts/enforce_orbit.sym \
	tests/scripts/rep_err_dense.sym \
	tests/scripts/enforce_err_base.sym \
	tests/scripts/enforce_err_gen.sym \
	tests/scripts/enforce_err_nocoords.sym \
	tests/scripts/enforce_err_notin.sym \
	tests/scripts/enforce_err_size.sym \
	tests/scripts/enforce_sums.sym \
	tests/scripts/err_arity.sym \
	tests/scripts/err_arity_user.sym \
	tests/scripts/err_dimension.sym \
	tests/scripts/err_divzero.sym \
	tests/scripts/err_end_without_block.sym \
	tests/scripts/err_in_function.sym \
	tests/scripts/err_index.sym \
	tests/scripts/err_kinds.sym \
	tests/scripts/err_matrix_list.sym \
	tests/scripts/err_matrix_too_large.sym \
	tests/scripts/err_recursion.sym \
	tests/scripts/err_singular.sym \
	tests/scripts/err_syntax.sym \
	tests/scripts/err_unknown_name.sym \
	tests/scripts/err_unterminated_string.sym \
	tests/scripts/fields_algebra.sym \
	tests/scripts/fit.sym \
	tests/scripts/float_print.sym \
	tests/scripts/trust_discover.sym \
	tests/scripts/trust_err_affine.sym \
	tests/scripts/trust_err_discover_column.sym \
	tests/scripts/trust_err_discover_discrete.sym \
	tests/scripts/trust_err_discover_gd.sym \
	tests/scripts/trust_err_discover_sections_d.sym \
	tests/scripts/trust_err_fit_y.sym \
	tests/scripts/trust_err_regulariser_discrete.sym \
	tests/scripts/trust_float.sym \
	tests/scripts/trust_promote.sym \
	tests/scripts/fit_err_box.sym \
	tests/scripts/fit_err_dims.sym \
	tests/scripts/fit_err_infeasible.sym \
	tests/scripts/fit_err_layers.sym \
	tests/scripts/functions.sym \
	tests/scripts/import.sym \
	tests/scripts/kernels.sym \
	tests/scripts/kernels_err_convolve.sym \
	tests/scripts/kernels_err_coords.sym \
	tests/scripts/kernels_err_fieldlie.sym \
	tests/scripts/kernels_err_fields.sym \
	tests/scripts/kernels_err_notin.sym \
	tests/scripts/kernels_err_rep.sym \
	tests/scripts/kernels_err_sample.sym \
	tests/scripts/kernels_err_spacing.sym \
	tests/scripts/lie.sym \
	tests/scripts/nn.sym \
	tests/scripts/nn_err_call.sym \
	tests/scripts/nn_err_blowup.sym \
	tests/scripts/nn_err_simulate_dims.sym \
	tests/scripts/nn_simulate.sym \
	tests/scripts/nn_err_candidate.sym \
	tests/scripts/nn_err_enforce_mlp.sym \
	tests/scripts/nn_err_gamma.sym \
	tests/scripts/nn_err_layers.sym \
	tests/scripts/nn_err_nan_data.sym \
	tests/scripts/nn_err_nan_step.sym \
	tests/scripts/nn_err_reps.sym \
	tests/scripts/nn_err_sizes.sym \
	tests/scripts/nn_err_truncated.sym \
	tests/scripts/nn_err_version.sym \
	tests/scripts/lie_err_act_rep.sym \
	tests/scripts/lie_err_components.sym \
	tests/scripts/lie_err_dim_matrix.sym \
	tests/scripts/lie_err_not_closed.sym \
	tests/scripts/lie_err_not_hom.sym \
	tests/scripts/lie_err_not_member.sym \
	tests/scripts/lie_err_size.sym \
	tests/scripts/lists.sym \
	tests/scripts/matrices.sym \
	tests/scripts/plot.sym \
	tests/scripts/poly.sym \
	tests/scripts/poly_err_coeffs.sym \
	tests/scripts/poly_err_coord.sym \
	tests/scripts/poly_err_degree.sym \
	tests/scripts/poly_err_div.sym \
	tests/scripts/poly_err_fromc.sym \
	tests/scripts/poly_err_mono.sym \
	tests/scripts/poly_err_monomial.sym \
	tests/scripts/poly_err_nocoords.sym \
	tests/scripts/poly_err_point.sym \
	tests/scripts/poly_err_ring.sym \
	tests/scripts/poly_err_size.sym \
	tests/scripts/reals.sym \
	tests/scripts/records.sym \
	tests/scripts/strings.sym \
	tests/scripts/symmetry_counts.sym

# Library files imported by the script tests (not tests themselves).
SYM_SCRIPT_LIBS = tests/scripts/lib/geometry.sym

# Every examples/NAME.sym (with examples/NAME.out).
SYM_EXAMPLE_TESTS = \
	examples/discover.sym \
	examples/enforce.sym \
	examples/invariants.sym \
	examples/pendulum.sym \
	examples/kernels.sym \
	examples/lie-basics.sym \
	examples/promote.sym \
	examples/recovery.sym \
	examples/sindy.sym \
	examples/tour.sym

SYM_SHELL_TESTS = tests/cli/test-cli.sh tests/cli/test-list.sh \
	tests/cli/test-interrupt.sh tests/cli/test-harness.sh \
	tests/cli/test-nn-interrupt.sh \
	tests/repl/test-repl.sh

TESTS += $(SYM_SCRIPT_TESTS) $(SYM_EXAMPLE_TESTS) $(SYM_SHELL_TESTS)
# Sweeps: serial, local shards, GNU parallel, resume; a Slurm job array
# (only with SYM_TEST_SLURM=1, as .ci/run sets it; skipped otherwise).
TESTS += tests/sweep/test-sweep.sh tests/sweep/test-slurm.sh
EXTRA_DIST += tests/sweep/sweep.sym tests/sweep/test-sweep.sh tests/sweep/test-slurm.sh

# Expected outputs: NAME.out always, NAME.err / NAME.status where present.
SYM_EXPECTED = $(SYM_SCRIPT_TESTS:.sym=.out) $(SYM_EXAMPLE_TESTS:.sym=.out) \
	tests/scripts/data_err_box.err \
	tests/scripts/rep_err_dense.err \
	tests/scripts/rep_err_dense.status \
	tests/scripts/declare_coords_err_name.err \
	tests/scripts/declare_coords_err_name.status \
	tests/scripts/declare_coords_err_twice.err \
	tests/scripts/declare_coords_err_twice.status \
	tests/scripts/nn_err_call.err \
	tests/scripts/nn_err_blowup.err \
	tests/scripts/nn_err_blowup.status \
	tests/scripts/nn_err_simulate_dims.err \
	tests/scripts/nn_err_simulate_dims.status \
	tests/scripts/nn_err_call.status \
	tests/scripts/nn_err_candidate.err \
	tests/scripts/nn_err_candidate.status \
	tests/scripts/nn_err_enforce_mlp.err \
	tests/scripts/nn_err_enforce_mlp.status \
	tests/scripts/nn_err_gamma.err \
	tests/scripts/nn_err_gamma.status \
	tests/scripts/nn_err_layers.err \
	tests/scripts/nn_err_layers.status \
	tests/scripts/nn_err_nan_data.err \
	tests/scripts/nn_err_nan_data.status \
	tests/scripts/nn_err_nan_step.err \
	tests/scripts/nn_err_nan_step.status \
	tests/scripts/nn_err_reps.err \
	tests/scripts/nn_err_reps.status \
	tests/scripts/nn_err_sizes.err \
	tests/scripts/nn_err_sizes.status \
	tests/scripts/nn_err_truncated.err \
	tests/scripts/nn_err_truncated.status \
	tests/scripts/nn_err_version.err \
	tests/scripts/nn_err_version.status \
	tests/scripts/data_err_box.status \
	tests/scripts/data_err_cell.err \
	tests/scripts/data_err_cell.status \
	tests/scripts/data_err_column.err \
	tests/scripts/data_err_column.status \
	tests/scripts/data_err_dup.err \
	tests/scripts/data_err_dup.status \
	tests/scripts/data_err_empty.err \
	tests/scripts/data_err_empty.status \
	tests/scripts/data_err_missing.err \
	tests/scripts/data_err_missing.status \
	tests/scripts/data_err_ragged.err \
	tests/scripts/data_err_ragged.status \
	tests/scripts/discover_err_coords.err \
	tests/scripts/discover_err_coords.status \
	tests/scripts/discover_err_degree.err \
	tests/scripts/discover_err_degree.status \
	tests/scripts/discover_err_size.err \
	tests/scripts/discover_err_size.status \
	tests/scripts/discover_err_width.err \
	tests/scripts/discover_err_width.status \
	tests/scripts/trust_err_discover_column.err \
	tests/scripts/trust_err_discover_column.status \
	tests/scripts/trust_err_discover_gd.err \
	tests/scripts/trust_err_discover_gd.status \
	tests/scripts/trust_err_discover_sections_d.err \
	tests/scripts/trust_err_discover_sections_d.status \
	tests/scripts/trust_err_discover_discrete.err \
	tests/scripts/trust_err_discover_discrete.status \
	tests/scripts/trust_err_regulariser_discrete.err \
	tests/scripts/trust_err_regulariser_discrete.status \
	tests/scripts/trust_err_affine.err \
	tests/scripts/trust_err_affine.status \
	tests/scripts/trust_err_fit_y.err \
	tests/scripts/trust_err_fit_y.status \
	tests/scripts/enforce_err_base.err \
	tests/scripts/enforce_err_base.status \
	tests/scripts/enforce_err_gen.err \
	tests/scripts/enforce_err_gen.status \
	tests/scripts/enforce_err_nocoords.err \
	tests/scripts/enforce_err_nocoords.status \
	tests/scripts/enforce_err_notin.err \
	tests/scripts/enforce_err_notin.status \
	tests/scripts/enforce_err_size.err \
	tests/scripts/enforce_err_size.status \
	tests/scripts/err_arity.err \
	tests/scripts/err_arity.status \
	tests/scripts/err_arity_user.err \
	tests/scripts/err_arity_user.status \
	tests/scripts/err_dimension.err \
	tests/scripts/err_dimension.status \
	tests/scripts/err_divzero.err \
	tests/scripts/err_divzero.status \
	tests/scripts/err_end_without_block.err \
	tests/scripts/err_end_without_block.status \
	tests/scripts/err_in_function.err \
	tests/scripts/err_in_function.status \
	tests/scripts/err_index.err \
	tests/scripts/err_index.status \
	tests/scripts/err_kinds.err \
	tests/scripts/err_kinds.status \
	tests/scripts/err_matrix_list.err \
	tests/scripts/err_matrix_list.status \
	tests/scripts/err_matrix_too_large.err \
	tests/scripts/err_matrix_too_large.status \
	tests/scripts/err_recursion.err \
	tests/scripts/err_recursion.status \
	tests/scripts/err_singular.err \
	tests/scripts/err_singular.status \
	tests/scripts/err_syntax.err \
	tests/scripts/err_syntax.status \
	tests/scripts/err_unknown_name.err \
	tests/scripts/err_unknown_name.status \
	tests/scripts/err_unterminated_string.err \
	tests/scripts/err_unterminated_string.status \
	tests/scripts/fit_err_box.err \
	tests/scripts/fit_err_box.status \
	tests/scripts/fit_err_dims.err \
	tests/scripts/fit_err_dims.status \
	tests/scripts/fit_err_infeasible.err \
	tests/scripts/fit_err_infeasible.status \
	tests/scripts/fit_err_layers.err \
	tests/scripts/fit_err_layers.status \
	tests/scripts/kernels_err_convolve.err \
	tests/scripts/kernels_err_convolve.status \
	tests/scripts/kernels_err_coords.err \
	tests/scripts/kernels_err_coords.status \
	tests/scripts/kernels_err_fieldlie.err \
	tests/scripts/kernels_err_fieldlie.status \
	tests/scripts/kernels_err_fields.err \
	tests/scripts/kernels_err_fields.status \
	tests/scripts/kernels_err_notin.err \
	tests/scripts/kernels_err_notin.status \
	tests/scripts/kernels_err_rep.err \
	tests/scripts/kernels_err_rep.status \
	tests/scripts/kernels_err_sample.err \
	tests/scripts/kernels_err_sample.status \
	tests/scripts/kernels_err_spacing.err \
	tests/scripts/kernels_err_spacing.status \
	tests/scripts/lie_err_act_rep.err \
	tests/scripts/lie_err_act_rep.status \
	tests/scripts/lie_err_components.err \
	tests/scripts/lie_err_components.status \
	tests/scripts/lie_err_dim_matrix.err \
	tests/scripts/lie_err_dim_matrix.status \
	tests/scripts/lie_err_not_closed.err \
	tests/scripts/lie_err_not_closed.status \
	tests/scripts/lie_err_not_hom.err \
	tests/scripts/lie_err_not_hom.status \
	tests/scripts/lie_err_not_member.err \
	tests/scripts/lie_err_not_member.status \
	tests/scripts/lie_err_size.err \
	tests/scripts/lie_err_size.status \
	tests/scripts/poly_err_coeffs.err \
	tests/scripts/poly_err_coeffs.status \
	tests/scripts/poly_err_coord.err \
	tests/scripts/poly_err_coord.status \
	tests/scripts/poly_err_degree.err \
	tests/scripts/poly_err_degree.status \
	tests/scripts/poly_err_div.err \
	tests/scripts/poly_err_div.status \
	tests/scripts/poly_err_fromc.err \
	tests/scripts/poly_err_fromc.status \
	tests/scripts/poly_err_mono.err \
	tests/scripts/poly_err_mono.status \
	tests/scripts/poly_err_monomial.err \
	tests/scripts/poly_err_monomial.status \
	tests/scripts/poly_err_nocoords.err \
	tests/scripts/poly_err_nocoords.status \
	tests/scripts/poly_err_point.err \
	tests/scripts/poly_err_point.status \
	tests/scripts/poly_err_ring.err \
	tests/scripts/poly_err_ring.status \
	tests/scripts/poly_err_size.err \
	tests/scripts/poly_err_size.status

EXTRA_DIST += tests/run-script.sh tests/lsan.supp \
	$(SYM_SCRIPT_TESTS) $(SYM_SCRIPT_LIBS) $(SYM_EXAMPLE_TESTS) \
	$(SYM_EXPECTED) $(SYM_SHELL_TESTS)

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_values tests/unit/test_print \
	tests/unit/test_help_examples
TESTS += tests/unit/test_values tests/unit/test_print \
	tests/unit/test_help_examples
tests_unit_test_values_SOURCES = tests/unit/test_values.c
tests_unit_test_values_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_values_LDADD = $(UNIT_LDADD)
tests_unit_test_print_SOURCES = tests/unit/test_print.c
tests_unit_test_print_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_print_LDADD = $(UNIT_LDADD)
tests_unit_test_help_examples_SOURCES = tests/unit/test_help_examples.c
tests_unit_test_help_examples_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_help_examples_LDADD = $(UNIT_LDADD) $(READLINE_LIBS)
check_PROGRAMS += tests/unit/test_keyword_audit
TESTS += tests/unit/test_keyword_audit
tests_unit_test_keyword_audit_SOURCES = tests/unit/test_keyword_audit.c
tests_unit_test_keyword_audit_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_keyword_audit_LDADD = $(UNIT_LDADD) $(READLINE_LIBS)
endif

# Replays the evaluator's fuzz corpus and saved crashes (tests/fuzz/README).
check_PROGRAMS += tests/fuzz/replay_eval
TESTS += tests/fuzz/replay_eval
tests_fuzz_replay_eval_SOURCES = tests/fuzz/replay_eval.c tests/fuzz/fuzz_eval.c tests/fuzz/fuzz_eval.h
tests_fuzz_replay_eval_LDADD = libsymrt.a liblang.a libsym.a $(READLINE_LIBS) $(LIBS)
EXTRA_DIST += tests/fuzz/eval-corpus tests/fuzz/eval-crashes tests/fuzz/fuzz_eval.c

# Issue 15: the builtin-call harness's corpus and sweep (every builtin with
# every pool value), and the forced-allocation-failure test (tests/fuzz/README).
check_PROGRAMS += tests/fuzz/replay_builtins tests/fuzz/alloc_fail
TESTS += tests/fuzz/replay_builtins tests/fuzz/alloc_fail
tests_fuzz_replay_builtins_SOURCES = tests/fuzz/replay_builtins.c tests/fuzz/fuzz_builtins.c tests/fuzz/fuzz_builtins.h
tests_fuzz_replay_builtins_LDADD = libsymrt.a liblang.a libsym.a $(READLINE_LIBS) $(LIBS)
tests_fuzz_alloc_fail_SOURCES = tests/fuzz/alloc_fail.c
tests_fuzz_alloc_fail_LDADD = libsymrt.a liblang.a libsym.a $(READLINE_LIBS) $(LIBS)
EXTRA_DIST += tests/fuzz/builtins-corpus tests/fuzz/builtins-crashes tests/fuzz/builtins-pool.sym

# Issue 15: the bad-input corpus (tests/bad/cases.txt and the error
# scripts), each case with its expected message and exit status.
TESTS += tests/bad/run-bad.sh
EXTRA_DIST += tests/bad/run-bad.sh tests/bad/cases.txt
TESTS += tests/repl/test-repl-reliability.sh
EXTRA_DIST += tests/repl/test-repl-reliability.sh tests/repl/tmux-lib.sh
