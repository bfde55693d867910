/* fuzz_eval.h — the run function shared by the libFuzzer harness
 * fuzz_eval.c and the replay program replay_eval.c. */
#ifndef SYM_FUZZ_EVAL_H
#define SYM_FUZZ_EVAL_H

#include <stddef.h>

/* Parse and run size bytes of data (named name in diagnostics) in a
 * fresh session with the prelude loaded, echo on, all output sent to
 * /dev/null (stdout and stderr if $SYM_FUZZ_SHOW is set), recursion capped at 40 calls and a 1 s
 * CPU-time deadline (after which the run is interrupted).  Returns the RUN_* status; aborts if the
 * status is not one of them.  A crash is the caller's failure. */
int fuzz_eval_run(const char *name, const char *data, size_t size);

#endif
