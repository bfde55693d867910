# runtime/base/base.mk — libsym layer 0: the interrupt flag and its poll,
# the growable string.
libsym_a_SOURCES += runtime/base/sym_interrupt.h runtime/base/sym_interrupt.c
libsym_a_SOURCES += runtime/base/strbuf.h runtime/base/strbuf.c
libsym_a_SOURCES += runtime/base/sym_status.h runtime/base/sym_status.c
