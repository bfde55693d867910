/* strbuf.h — a growable byte string, the one output buffer of the printer
 * and of error messages. */
#ifndef SYM_STRBUF_H
#define SYM_STRBUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct StrBuf {
    char *s; /* always NUL-terminated once anything is appended */
    size_t len, cap;
} StrBuf;

#define STRBUF_INIT                                                                                \
    {                                                                                              \
        NULL, 0, 0                                                                                 \
    }

void sb_putc(StrBuf *sb, char c);
void sb_puts(StrBuf *sb, const char *s);
void sb_putn(StrBuf *sb, const char *s, size_t n);
void sb_printf(StrBuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *sb, const char *fmt, va_list ap);
/* The contents (never NULL; "" if empty); the buffer keeps ownership. */
const char *sb_str(StrBuf *sb);
/* Hand the malloc'd contents to the caller and reset the buffer. */
char *sb_take(StrBuf *sb);
void sb_free(StrBuf *sb);

#endif
