# runtime/nn/local.mk — networks (included by Makefile.am): MLP and EPNN
# blocks, reverse mode, L-hat and enforcement, Adam and RK4 roll-outs,
# the network file format, CVODE simulation.
libsym_a_SOURCES += \
	runtime/nn/net.h runtime/nn/net.c \
	runtime/nn/symm.h runtime/nn/symm.c \
	runtime/nn/train.h runtime/nn/train.c \
	runtime/nn/io.h runtime/nn/io.c \
	runtime/nn/simulate.h runtime/nn/simulate.c \
	runtime/nn/pointlie.h runtime/nn/pointlie.c

if HAVE_CHECK
check_PROGRAMS += tests/unit/test_nn
TESTS += tests/unit/test_nn
tests_unit_test_nn_SOURCES = tests/unit/test_nn.c
tests_unit_test_nn_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_nn_LDADD = $(UNIT_LDADD)
endif
EXTRA_DIST += tests/scripts/nn_truncated.net tests/scripts/nn_version.net
EXTRA_DIST += examples/lib/pendulum.sym
