/* print.h — the one printer: plain (ASCII, readable back as input),
 * unicode (the terminal default) and latex. */
#ifndef SYM_PRINT_H
#define SYM_PRINT_H

#include "value.h"

/* Append v to sb in the given format. */
void print_value(StrBuf *sb, const Value *v, PrintFormat fmt);
/* A rational in the given format ("-3/4", "−3/4", "-\frac{3}{4}"). */
void print_rat(StrBuf *sb, const fmpq_t q, PrintFormat fmt);
/* An exact matrix ([1, 2; 3, 4] plain, a grid in unicode, bmatrix latex). */
void print_qmat(StrBuf *sb, const fmpq_mat_t m, PrintFormat fmt);
/* The current default precision for printing reals, in decimal digits
 * (0: from the value's own precision). */
extern int print_real_digits;
/* Set while show() prints: no matrix is shortened. */
extern int print_show_all;
/* Significant digits of a number held in a double (float matrix entries and
   reals of at most 53 bits), the same for every kind that holds one. */
#define PRINT_FLOAT_DIGITS 10

#endif
