/* fuzz_builtins.h — calling every builtin with argument lists drawn from a
 * pool of values of every kind (shared by the libFuzzer harness
 * fuzz_builtins.c and replay_builtins.c). */
#ifndef SYM_FUZZ_BUILTINS_H
#define SYM_FUZZ_BUILTINS_H

#include <stddef.h>

/* Number of builtins and of pool values (after fuzz_builtins_init). */
int fuzz_builtins_count(void);
int fuzz_builtins_pool_size(void);
/* Load the pool script (builtins-pool.sym, found through $SYM_FUZZ_DIR,
 * $srcdir/tests/fuzz or tests/fuzz, unless path is given); 0 on success. */
int fuzz_builtins_init(const char *path);
/* Decode data into one call: bytes 0-1 the builtin (mod the count),
 * byte 2 the number of arguments (mod 7), then two bytes per argument:
 * the pool value (mod the pool size) and, if its high bit is set, the
 * parameter it is passed to by keyword (low bits mod the parameter
 * count).  Writes the call's text (NAME(p3, rows = p7)) to buf. */
void fuzz_builtins_decode(const unsigned char *data, size_t size, char *buf, size_t cap);
/* Run the text of one call in a fresh session that has the pool (1 s CPU
 * deadline, 512 MB memory limit, output discarded unless SYM_FUZZ_SHOW
 * is set).  Returns the RUN_* status; aborts on any other. */
int fuzz_builtins_run_text(const char *text);

#endif
