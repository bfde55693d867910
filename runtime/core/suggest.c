/* suggest.c — "did you mean": the nearest bound name or keyword. */
#include <string.h>
#include "suggest.h"

static const char *const keywords[] = {
    "if",       "elseif", "else",   "end", "for", "in",  "while", "function", "return", "break",
    "continue", "import", "coords", "and", "or",  "not", "true",  "false",    "nil",    NULL};

int suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 99;
    int d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c)
                c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c)
                c = d[i][j - 1] + 1;
            /* adjacent transposition */
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < c)
                c = d[i - 2][j - 2] + 1;
            d[i][j] = c;
        }
    return d[la][lb] > 99 ? 99 : d[la][lb];
}

static void consider(const char *cand, const char *name, const char **best, int *bestd)
{
    int d = suggest_distance(cand, name);
    if (d < *bestd || (d == *bestd && *best && strcmp(cand, *best) < 0)) {
        *bestd = d;
        *best = cand;
    }
}

const char *suggest_name(const Env *globals, const Env *locals, const char *name)
{
    const char *best = NULL;
    int bestd = 99;
    const Env *envs[2] = {locals, globals};
    for (int e = 0; e < 2; e++) {
        if (!envs[e])
            continue;
        size_t i = 0;
        const char *n;
        while ((n = env_name_at(envs[e], &i)))
            consider(n, name, &best, &bestd);
    }
    for (int k = 0; keywords[k]; k++)
        consider(keywords[k], name, &best, &bestd);
    size_t len = strlen(name);
    int limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    return bestd <= limit ? best : NULL;
}
