/* latex.h — LaTeX that renders: every value printed in the latex format is
 * one valid math-mode expression (KaTeX and amsmath).
 *
 * Numbers, matrices and polynomials come from the printer as before.
 * What is prose — strings, record keys, the descriptions engine objects
 * print ("Lie algebra of dimension 3 (3x3 matrices)") — goes into \text{}
 * with the special characters escaped; R^n, <=, >= and NxN in prose
 * become \mathbb{R}^{n}, \le, \ge and N\times N; several lines become an
 * array; floats in e-notation become m \times 10^{e}. */
#ifndef SYM_LATEX_H
#define SYM_LATEX_H

#include "value.h"

/* Appends v as LaTeX (math mode) to sb. */
void latex_value(StrBuf *sb, const Value *v);

/* Appends math text s[0 .. n) with numbers in e-notation (1.5e-09)
 * rewritten as 1.5 \times 10^{-9}, inf as \infty and nan as \text{NaN}. */
void latex_math_text(StrBuf *sb, const char *s, size_t n);

/* 1 if the printer's own latex output of v is already valid math (a
 * number, a matrix, a polynomial); the printer hands the other kinds to
 * latex_value. */
int latex_is_math(const Value *v);

/* Set while an engine object prints for latex_value: the printer then
 * wraps each math part it emits in LATEX_MATH_OPEN ... LATEX_MATH_CLOSE so
 * that the prose around it can be told apart. */
extern int latex_marking;
#define LATEX_MATH_OPEN '\001'
#define LATEX_MATH_CLOSE '\002'

#endif
