# runtime/base/local.mk — the base layer under every engine: the one
# allocator with a memory limit (GMP, FLINT and Sym's own allocations).
libsymrt_a_SOURCES += runtime/base/sym_alloc.h runtime/base/sym_alloc.c
libsymrt_a_SOURCES += runtime/base/atomic_file.h runtime/base/atomic_file.c
libsymrt_a_SOURCES += runtime/base/native_call.h runtime/base/native_call.c
