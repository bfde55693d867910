/* builtins.c — the registry of builtin tables and the helpers builtin
 * bodies use to check arguments and report errors. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <ctype.h>
#include "builtins.h"
#include "interp.h"

/* builtin_tables[] (the list of every binding's table) is in
   runtime/builtins/builtins_tables.c: the registry knows no binding. */

const Builtin *builtin_find(const char *name)
{
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++)
            if (strcmp(b->name, name) == 0)
                return b;
    return NULL;
}

void builtin_sig_parse(BuiltinSig *sig, const Builtin *b)
{
    memset(sig, 0, sizeof *sig);
    const char *p = b->params;
    while (p && *p && sig->nparams < BUILTIN_MAX_PARAMS) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        int star = 0, kw = 0;
        if (p[0] == '*' && p[1] == '*') {
            kw = 1;
            p += 2;
        } else if (*p == '*') {
            star = 1;
            p++;
        }
        size_t n = 0;
        while (p[n] && (isalnum((unsigned char)p[n]) || p[n] == '_'))
            n++;
        if (n >= sizeof sig->names[0])
            n = sizeof sig->names[0] - 1;
        memcpy(sig->names[sig->nparams], p, n);
        sig->names[sig->nparams][n] = '\0';
        p += n;
        while (*p == ' ')
            p++;
        int opt = 0;
        if (*p == '=') {
            opt = 1;
            int depth = 0;
            while (*p && !(depth == 0 && *p == ',')) {
                if (*p == '(' || *p == '[')
                    depth++;
                if (*p == ')' || *p == ']')
                    depth--;
                p++;
            }
        }
        sig->optional[sig->nparams] = opt || star || kw;
        if (kw)
            sig->kwvariadic = 1;
        if (star)
            sig->variadic = 1;
        if (!opt && !star && !kw)
            sig->nrequired++;
        sig->nparams++;
    }
}

const BuiltinSig *builtin_sig(const Builtin *b)
{
    static BuiltinSig *sigs[16];
    for (int t = 0; builtin_tables[t] && t < 16; t++) {
        const Builtin *first = builtin_tables[t];
        long n = 0;
        while (first[n].name)
            n++;
        if (b < first || b >= first + n)
            continue;
        if (!sigs[t]) {
            sigs[t] = calloc((size_t)n, sizeof(BuiltinSig));
            if (!sigs[t])
                abort();
            for (long i = 0; i < n; i++)
                builtin_sig_parse(&sigs[t][i], first + i);
        }
        return &sigs[t][b - first];
    }
    /* not in a table (tests may build their own): parse into a scratch copy */
    static BuiltinSig scratch;
    builtin_sig_parse(&scratch, b);
    return &scratch;
}

Value *call_error(Call *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s: ", c->b->name);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    Value *e = val_error(&c->span, "%s", sb_str(&sb));
    sb_free(&sb);
    return e;
}

Value *arg_error(Call *c, int i, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    StrBuf sb = STRBUF_INIT;
    sb_printf(&sb, "%s: ", c->b->name);
    sb_vprintf(&sb, fmt, ap);
    va_end(ap);
    Value *e = val_error(&c->arg_spans[i], "%s", sb_str(&sb));
    sb_free(&sb);
    return e;
}

Value *arg_type_error(Call *c, int i, const char *expected, const Value *got)
{
    BuiltinSig sig;
    builtin_sig_parse(&sig, c->b);
    return arg_error(c, i, "argument %d (%s) must be %s, not a %s", i + 1,
                     i < sig.nparams ? sig.names[i] : "?", expected,
                     got ? val_kind_name(got) : "missing value");
}

Value *arg_long(Call *c, Value **a, int i, long lo, long hi, long *out)
{
    long v;
    if (a[i] && !val_get_long(a[i], &v) && val_is_integer(a[i])) /* beyond a long */
        return arg_error(c, i, "%s is out of range (%ld to %ld)",
                         fmpz_sgn(fmpq_numref(a[i]->u.q)) < 0 ? "a huge negative integer"
                                                              : "a huge integer",
                         lo, hi);
    if (!a[i] || !val_get_long(a[i], &v))
        return arg_type_error(c, i, "an integer", a[i]);
    if (v < lo || v > hi)
        return arg_error(c, i, "%ld is out of range (%ld to %ld)", v, lo, hi);
    *out = v;
    return NULL;
}
