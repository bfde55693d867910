# editors/local.mk — editor support for .sym files (Vim, Emacs, VS Code),
# generated from the keyword and builtin tables by editors/generate.py and
# checked against them by editors/check.sh (included by Makefile.am).
vimsyntaxdir = $(datadir)/vim/vimfiles/syntax
dist_vimsyntax_DATA = editors/vim/syntax/sym.vim
vimftdetectdir = $(datadir)/vim/vimfiles/ftdetect
dist_vimftdetect_DATA = editors/vim/ftdetect/sym.vim
emacslispdir = $(datadir)/emacs/site-lisp
dist_emacslisp_DATA = editors/emacs/sym-mode.el
vscodedir = $(pkgdatadir)/editors/vscode
dist_vscode_DATA = editors/vscode/package.json editors/vscode/language-configuration.json
vscodesyntaxdir = $(vscodedir)/syntaxes
dist_vscodesyntax_DATA = editors/vscode/syntaxes/sym.tmLanguage.json
EXTRA_DIST += editors/generate.py editors/check.sh

if HAVE_PYTHON3
TESTS += editors/check.sh
endif

# Rewrite the checked-in editor files from the current tables.
editors-regen: all
	SYM_BUILDDIR='$(abs_top_builddir)' SYM_SRCDIR='$(abs_top_srcdir)' PYTHON3='$(PYTHON3)' \
	  $(SHELL) -c '. $(abs_top_srcdir)/python/tests/stage.sh && "$$PYTHON3" $(abs_top_srcdir)/editors/generate.py $(abs_top_srcdir)/editors'
.PHONY: editors-regen
