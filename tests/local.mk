# tests/local.mk — files of this module (included by Makefile.am).
