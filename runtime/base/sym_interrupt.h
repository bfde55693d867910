/* sym_interrupt.h — the interrupt flag of libsym and its poll.
 *
 * A front end's SIGINT handler (the REPL, the script runner, a Python
 * binding) calls sym_interrupt_set(); engines poll sym_interrupt_poll() at
 * safe points (between rows, iterations, candidates) and return their
 * *_INTERRUPTED status with every output valid.  The caller that handled
 * the interrupt calls sym_interrupt_clear() before the next command.
 *
 * The flag is a volatile sig_atomic_t: setting it is async-signal-safe.
 * It is the only process-wide mutable state of libsym (a signal has no
 * context to write to); engines never write it. */
#ifndef SYM_BASE_SYM_INTERRUPT_H
#define SYM_BASE_SYM_INTERRUPT_H

#include <signal.h>

/* Nonzero once an interrupt was requested.  Prefer the functions below;
   the variable is visible for signal handlers and legacy pollers. */
extern volatile sig_atomic_t sym_interrupted;

/* Request an interrupt (async-signal-safe). */
void sym_interrupt_set(void);
/* Forget a request (the front end, after reporting "interrupted"). */
void sym_interrupt_clear(void);
/* 1 if an interrupt was requested, else 0.  Cheap: call it in loops. */
int sym_interrupt_poll(void);

#endif
