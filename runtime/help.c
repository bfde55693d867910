/* help.c — help(), help(name) and help("word") from the builtin tables. */
#define _GNU_SOURCE
#include <string.h>
#include <strings.h>
#include "help.h"

void help_builtin(StrBuf *sb, const Builtin *b)
{
    sb_printf(sb, "%s(%s)    [%s]\n  %s\n", b->name, b->params, b->category, b->help);
    if (b->example) {
        sb_printf(sb, "  example:\n    sym> %s\n", b->example);
        if (b->example_out && *b->example_out) {
            const char *p = b->example_out;
            while (*p) {
                const char *nl = strchr(p, '\n');
                size_t n = nl ? (size_t)(nl - p) : strlen(p);
                sb_printf(sb, "    %.*s\n", (int)n, p);
                p += n + (nl ? 1 : 0);
            }
        }
    }
}

void help_overview(StrBuf *sb)
{
    sb_puts(sb, "Sym: exact symmetry for machine learning.  help(name) for one builtin, "
                "help(\"word\") to search.\n"
                "Language: x = 1; f(x) = x^2; if/elseif/else/end; for x in 1:10 ... end; "
                "while ... end;\n"
                "  function f(a, b = 2) ... end; [1, 2; 3, 4] is a matrix, [1, 2] a list; "
                "coords x, y declares coordinates;\n"
                "  import \"file.sym\"; # starts a comment.  `man sym` has the whole manual.\n");
    const char *seen[64];
    int nseen = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++) {
            int known = 0;
            for (int i = 0; i < nseen; i++)
                if (strcmp(seen[i], b->category) == 0)
                    known = 1;
            if (known || nseen == 64)
                continue;
            seen[nseen++] = b->category;
            sb_printf(sb, "\n%s:\n ", b->category);
            int col = 1;
            for (int u = 0; builtin_tables[u]; u++)
                for (const Builtin *c = builtin_tables[u]; c->name; c++)
                    if (strcmp(c->category, b->category) == 0) {
                        if (col + (int)strlen(c->name) + 1 > 78) {
                            sb_puts(sb, "\n ");
                            col = 1;
                        }
                        sb_printf(sb, " %s", c->name);
                        col += (int)strlen(c->name) + 1;
                    }
            sb_putc(sb, '\n');
        }
}

void help_search(StrBuf *sb, const char *word)
{
    const Builtin *exact = builtin_find(word);
    if (exact) {
        help_builtin(sb, exact);
        return;
    }
    int found = 0;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++)
            if (strcasestr(b->name, word) || strcasestr(b->help, word) ||
                strcasestr(b->category, word)) {
                sb_printf(sb, "%-14s %s\n", b->name, b->help);
                found++;
            }
    if (!found)
        sb_printf(sb, "nothing about '%s'; help() lists every builtin\n", word);
}
