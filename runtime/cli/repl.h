/* repl.h — the interactive loop (the only place besides main.c that knows
 * about Readline). */
#ifndef SYM_REPL_H
#define SYM_REPL_H

#include "interp.h"

/* Run the REPL on the terminal until Ctrl-D; returns the exit status. */
int repl_run(Interp *I, int quiet);
/* Run the embedded stdlib prelude in I (silently). */
void interp_load_prelude(Interp *I);

#endif
