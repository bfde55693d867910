/* native_call.h — running a long native computation (LAPACK, a huge GMP
 * product, the decimal text of a huge number) where Ctrl-C can abandon it.
 *
 * A native call cannot poll sym_interrupted, so it runs in a forked child
 * process that writes its result into a shared anonymous mapping; the
 * parent waits, polling sym_interrupted every 10 ms, and on Ctrl-C kills
 * the child (SIGKILL) and reports the interruption: the prompt is back
 * within about 10 ms, and nothing of the abandoned call stays (its memory
 * goes with the child).  Used only above a size threshold (a fork costs
 * about a millisecond).  If the child cannot be started the caller runs
 * the call inline (not interruptible). */
#ifndef SYM_NATIVE_CALL_H
#define SYM_NATIVE_CALL_H

#include <signal.h>
#include <stddef.h>

enum {
    NATIVE_OK = 0,
    NATIVE_INTERRUPTED = 1,
    NATIVE_NO_CHILD = 2,
    NATIVE_CHILD_DIED = 3,
    NATIVE_TOO_BIG = 4,
    NATIVE_OOM = 5 /* the child ran out of memory: *used is the
                      refused request, *status unset */
};

/* The work, run in the child: writes at most cap bytes of result to out,
 * sets *used, returns a status (0 = success) handed back to the parent. */
typedef int (*NativeFn)(void *arg, unsigned char *out, size_t cap, size_t *used);

/* Run fn(arg) in a child with a result buffer of cap bytes (counted against
 * the memory limit: NATIVE_TOO_BIG if it does not fit).  On NATIVE_OK,
 * *out is the result (*used bytes) and *status fn's return; release it
 * with native_release(*out, cap). */
int native_call(NativeFn fn, void *arg, size_t cap, volatile sig_atomic_t *interrupted,
                unsigned char **out, size_t *used, int *status);
void native_release(unsigned char *out, size_t cap);
/* The message of the last NATIVE_OOM ("out of memory: ..."). */
const char *native_last_oom(void);

#endif
