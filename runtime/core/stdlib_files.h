/* stdlib_files.h — the stdlib written in Sym, embedded in the binary
 * (stdlib_files.c is generated from stdlib/NAME.sym by stdlib/embed.sh). */
#ifndef SYM_STDLIB_FILES_H
#define SYM_STDLIB_FILES_H

/* The text of stdlib file `name` ("prelude.sym"), or NULL. */
const char *stdlib_file_text(const char *name);

#endif
