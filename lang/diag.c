/* diag.c — printing a diagnostic with its source line and a caret.
 * Columns count bytes; the caret line puts one blank per UTF-8 character
 * (and copies tabs) so the caret lines up in a terminal. */
#include "diag.h"

void diag_print(FILE *out, const char *kind, const Span *span, const char *message)
{
    if (kind == NULL)
        kind = "error";
    if (message == NULL)
        message = "";
    if (span == NULL || span->src == NULL || span->src->text == NULL) {
        fprintf(out, "sym: %s: %s\n", kind, message);
        return;
    }
    const Source *src = span->src;
    fprintf(out, "%s:%d:%d: %s: %s\n", src->name ? src->name : "<input>", span->line, span->col,
            kind, message);
    if (span->offset < 0 || (size_t)span->offset > src->len)
        return;
    /* The line holding the span's first byte. */
    size_t off = (size_t)span->offset;
    size_t start = off, end = off;
    while (start > 0 && src->text[start - 1] != '\n')
        start--;
    while (end < src->len && src->text[end] != '\n')
        end++;
    if (end > start && src->text[end - 1] == '\r')
        end--;
    /* control bytes (a NUL, an escape) are not copied raw: '?' keeps the
       caret in its column */
    for (size_t i = start; i < end; i++) {
        unsigned char c = (unsigned char)src->text[i];
        fputc(c < 0x20 && c != '\t' ? '?' : c == 0x7f ? '?' : c, out);
    }
    fputc('\n', out);
    /* Caret line: tabs copied so the caret lines up, other bytes blank. */
    for (size_t i = start; i < off && i < end; i++) {
        unsigned char c = (unsigned char)src->text[i];
        if ((c & 0xC0) != 0x80) /* one blank per UTF-8 character */
            fputc(c == '\t' ? '\t' : ' ', out);
    }
    fputc('^', out);
    size_t last = off + (span->length > 0 ? (size_t)span->length : 1);
    if (last > end)
        last = end;
    for (size_t i = off + 1; i < last; i++)
        if (((unsigned char)src->text[i] & 0xC0) != 0x80)
            fputc('~', out);
    fputc('\n', out);
}
