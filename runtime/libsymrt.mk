# runtime/libsymrt.mk — libsymrt.la, the installed shared library of the
# interpreter with the C embedding API (include/sym/sym.h) over it, and its
# pkg-config file sym.pc.  The layers: libsym (the engines, libsym.a and
# libsym.pc, runtime/libsym-install.mk) < the interpreter (libsymrt) < the
# embedding API (sym_*).  It is built from the same source lists as the sym
# program (libsym_a_SOURCES, libsymrt_a_SOURCES and liblang_a_SOURCES,
# whatever other fragments add to them), compiled a second time as PIC
# objects by libtool; only the sym_* names are exported.
lib_LTLIBRARIES = libsymrt.la
libsymrt_la_SOURCES = $(libsymrt_a_SOURCES) $(liblang_a_SOURCES) $(libsym_a_SOURCES) \
	runtime/sym_api.c include/sym/sym.h
nodist_libsymrt_la_SOURCES = $(nodist_libsymrt_a_SOURCES)
libsymrt_la_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/include
libsymrt_la_CFLAGS = $(AM_CFLAGS)
libsymrt_la_LDFLAGS = -version-info 0:0:0 -export-symbols-regex '^sym_' -no-undefined
libsymrt_la_LIBADD = $(READLINE_LIBS) $(LIBS)
symincludedir = $(includedir)/sym
syminclude_HEADERS = include/sym/sym.h

# pkgconfigdir is set by runtime/libsym-install.mk (libsym.pc).
pkgconfig_DATA += sym.pc
CLEANFILES += sym.pc
EXTRA_DIST += runtime/sym.pc.in
sym.pc: $(srcdir)/runtime/sym.pc.in Makefile
	$(AM_V_GEN)sed -e 's|@prefix[@]|$(prefix)|g' -e 's|@exec_prefix[@]|$(exec_prefix)|g' \
	  -e 's|@libdir[@]|$(libdir)|g' -e 's|@includedir[@]|$(includedir)|g' \
	  -e 's|@VERSION[@]|$(VERSION)|g' -e 's|@LIBS[@]|$(LIBS)|g' \
	  $(srcdir)/runtime/sym.pc.in > $@.tmp && mv $@.tmp $@

# A C program using only sym.h and libsymrt (the embedding API's unit test).
check_PROGRAMS += tests/unit/test_sym_api
TESTS += tests/unit/test_sym_api
tests_unit_test_sym_api_SOURCES = tests/unit/test_sym_api.c
tests_unit_test_sym_api_CPPFLAGS = -I$(top_srcdir)/include
tests_unit_test_sym_api_LDADD = libsymrt.la
