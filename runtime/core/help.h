/* help.h — the manual at the prompt, made from the builtin tables. */
#ifndef SYM_HELP_H
#define SYM_HELP_H

#include <stdio.h>
#include "builtins.h"

/* The builtins by category, and how to get more. */
void help_overview(StrBuf *sb);
/* One builtin: signature, description, example with its output. */
void help_builtin(StrBuf *sb, const Builtin *b);
/* A builtin of that exact name, else every builtin whose name or text
 * contains the word. */
void help_search(StrBuf *sb, const char *word);
/* The help of a keyword of the language (if, for, function, coords, ...):
 * 1 and appended to sb, or 0 if word is not one. */
int help_keyword(StrBuf *sb, const char *word);
/* help(v) for a value: a user function's signature and docstring, a
 * builtin's help, or for a variable (called name, may be NULL) its kind
 * and the first line of its value. */
void help_value(StrBuf *sb, const char *name, const Value *v);
/* A note at sp that the user's name hides builtin b, and how to reach it. */
void help_note_shadow(FILE *out, const Span *sp, const Builtin *b);

#endif
