# runtime/base/local.mk — libsym layer 0, under every engine: the one
# allocator with a memory limit (GMP, FLINT and Sym's own allocations),
# atomic file writes, abandonable native calls, the status codes, the
# interrupt flag and its poll, the growable string.
libsym_a_SOURCES += runtime/base/sym_alloc.h runtime/base/sym_alloc.c
libsym_a_SOURCES += runtime/base/atomic_file.h runtime/base/atomic_file.c
libsym_a_SOURCES += runtime/base/native_call.h runtime/base/native_call.c
libsym_a_SOURCES += runtime/base/sym_interrupt.h runtime/base/sym_interrupt.c
libsym_a_SOURCES += runtime/base/strbuf.h runtime/base/strbuf.c
libsym_a_SOURCES += runtime/base/sym_status.h runtime/base/sym_status.c
