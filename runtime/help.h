/* help.h — the manual at the prompt, made from the builtin tables. */
#ifndef SYM_HELP_H
#define SYM_HELP_H

#include "builtins.h"

/* The builtins by category, and how to get more. */
void help_overview(StrBuf *sb);
/* One builtin: signature, description, example with its output. */
void help_builtin(StrBuf *sb, const Builtin *b);
/* A builtin of that exact name, else every builtin whose name or text
 * contains the word. */
void help_search(StrBuf *sb, const char *word);

#endif
