/* sym_interrupt.c — the interrupt flag (see sym_interrupt.h). */
#include "base/sym_interrupt.h"

volatile sig_atomic_t sym_interrupted = 0;

void sym_interrupt_set(void)
{
    sym_interrupted = 1;
}

void sym_interrupt_clear(void)
{
    sym_interrupted = 0;
}

int sym_interrupt_poll(void)
{
    return sym_interrupted != 0;
}
