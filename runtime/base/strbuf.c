/* strbuf.c — growable strings (see strbuf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/strbuf.h"
#include "base/sym_alloc.h"

static void sb_grow(StrBuf *sb, size_t extra)
{
    size_t need = sb->len + extra + 1;
    if (need <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < need)
        cap *= 2;
    /* Not counted (sb_take's strings are freed with free() all over the
       runtime), but guarded: growth past the memory limit raises. */
    if (cap < need || !sym_alloc_fits(cap - sb->cap))
        sym_alloc_raise(need);
    char *s = realloc(sb->s, cap);
    if (!s)
        sym_alloc_raise(cap);
    sb->s = s;
    sb->cap = cap;
}

void sb_putn(StrBuf *sb, const char *s, size_t n)
{
    sb_grow(sb, n);
    memcpy(sb->s + sb->len, s, n);
    sb->len += n;
    sb->s[sb->len] = '\0';
}

void sb_putc(StrBuf *sb, char c)
{
    sb_putn(sb, &c, 1);
}
void sb_puts(StrBuf *sb, const char *s)
{
    sb_putn(sb, s, strlen(s));
}

void sb_vprintf(StrBuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return;
    sb_grow(sb, (size_t)n);
    vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void sb_printf(StrBuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(sb, fmt, ap);
    va_end(ap);
}

const char *sb_str(StrBuf *sb)
{
    return sb->s ? sb->s : "";
}

char *sb_take(StrBuf *sb)
{
    char *s = sb->s ? sb->s : strdup("");
    sb->s = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void sb_free(StrBuf *sb)
{
    free(sb->s);
    sb->s = NULL;
    sb->len = sb->cap = 0;
}
