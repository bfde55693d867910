# stdlib/local.mk — the standard library written in Sym (embedded in sym).
dist_stdlib_DATA += stdlib/prelude.sym
dist_stdlib_DATA += stdlib/symmetry.sym
EXTRA_DIST += stdlib/embed.sh
