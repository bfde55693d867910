/* interp.c — a session: creation, the sources it keeps, error reports,
 * `coords`, and finding the files of `import`. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include <errno.h>
#include <sys/stat.h>
#include "interp.h"
#include "eval.h"
#include "builtins.h"
#include "help.h"
#include "diag.h"
#include "stdlib_files.h"
#include "exact/poly.h"
#include "base/sym_alloc.h"

Interp *interp_new(void)
{
    sym_alloc_init(); /* GMP and FLINT allocate through it from now on */
    Interp *I = calloc(1, sizeof *I);
    if (!I)
        abort();
    I->globals = env_new();
    I->format = FMT_PLAIN;
    I->out = stdout;
    I->err = stderr;
    I->max_depth = 250;
    I->prec = 128;
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++) {
            Value *v = val_builtin(b);
            env_set(I->globals, b->name, v);
            val_unref(v);
        }
    mpfr_t x;
    mpfr_init2(x, I->prec);
    mpfr_const_pi(x, MPFR_RNDN);
    Value *pi = val_real(x);
    mpfr_clear(x);
    env_set(I->globals, "pi", pi);
    val_unref(pi);
    return I;
}

void interp_free(Interp *I)
{
    if (!I)
        return;
    eval_literals_free(I);
    env_free(I->globals);
    for (int i = 0; i < I->nsources; i++) {
        parse_result_free(I->parses[i]);
        source_free(I->sources[i]);
    }
    free(I->sources);
    free(I->parses);
    free(I->import_stack);
    for (int i = 0; i < I->nwritten; i++)
        free(I->written[i]);
    free(I->written);
    if (I->ring)
        polyring_decref(I->ring);
    kernel_context_clear(&I->kernels);
    free(I);
}

ParseResult *interp_parse(Interp *I, Source *src)
{
    if (I->nsources == I->capsources) {
        I->capsources = I->capsources ? 2 * I->capsources : 16;
        I->sources = realloc(I->sources, sizeof(Source *) * (size_t)I->capsources);
        I->parses = realloc(I->parses, sizeof(ParseResult *) * (size_t)I->capsources);
        if (!I->sources || !I->parses)
            abort();
    }
    ParseResult *pr = parser_parse(src);
    I->sources[I->nsources] = src;
    I->parses[I->nsources] = pr;
    I->nsources++;
    return pr;
}

void interp_report_error(Interp *I, const Value *err)
{
    const Span *sp = &err->u.err.span;
    diag_print(I->err, "error", sp->src ? sp : NULL, err->u.err.msg);
    for (int i = 0; i < err->u.err.nframes; i++) {
        const Frame *f = &err->u.err.frames[i];
        int same = 0;
        while (i + same + 1 < err->u.err.nframes &&
               strcmp(err->u.err.frames[i + same + 1].name, f->name) == 0 &&
               err->u.err.frames[i + same + 1].span.offset == f->span.offset &&
               err->u.err.frames[i + same + 1].span.src == f->span.src)
            same++;
        if (f->span.src)
            fprintf(I->err, "%s:%d:%d: note: in %s%s", f->span.src->name, f->span.line, f->span.col,
                    strcmp(f->name, "import") == 0 ? "" : "call to ", f->name);
        if (f->span.src && same)
            fprintf(I->err, " (and %d more identical call%s)", same, same == 1 ? "" : "s");
        if (f->span.src)
            fputc('\n', I->err);
        i += same;
    }
    fflush(I->err);
}

void interp_note_written(Interp *I, const char *path)
{
    char **w = realloc(I->written, sizeof *w * (size_t)(I->nwritten + 1));
    if (!w)
        abort();
    I->written = w;
    if (!(w[I->nwritten] = strdup(path)))
        abort();
    I->nwritten++;
}

Value *eval_coords(Interp *I, const AstNode *n)
{
    const char *names[64];
    if (n->nkids > 64)
        return val_error(&n->span, "at most 64 coordinates");
    for (int i = 0; i < n->nkids; i++) {
        names[i] = n->kids[i]->text;
        for (int j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return val_error(&n->kids[i]->span, "coordinate '%s' named twice", names[i]);
    }
    /* the user's names win: a coordinate may hide a builtin (t for time
       in Minkowski space); say so once, where it happens */
    for (int i = 0; i < n->nkids; i++) {
        const Builtin *b = builtin_find(names[i]);
        if (b)
            help_note_shadow(I->err, &n->kids[i]->span, b);
    }
    PolyRing *R = polyring_new(n->nkids, names);
    if (!R)
        return val_error(&n->span, "cannot make the coordinate ring");
    if (I->ring)
        polyring_decref(I->ring);
    I->ring = R;
    return NULL;
}

Value *eval_ring_gen(Interp *I, int i)
{
    Value *v = val_poly_new(I->ring);
    poly_set_var(v->u.poly.p, i, I->ring, NULL);
    return v;
}

/* The bytes of a regular file (or a pipe); NULL with errno set if it
   cannot be opened or read, EISDIR for a directory. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        errno = EISDIR;
        return NULL;
    }
    StrBuf sb = STRBUF_INIT;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_putn(&sb, buf, n);
    int bad = ferror(f), saved = errno;
    fclose(f);
    if (bad) {
        sb_free(&sb);
        errno = saved ? saved : EIO;
        return NULL;
    }
    *len = sb.len;
    return sb_take(&sb);
}

Source *source_from_file(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text)
        return NULL;
    /* a UTF-8 byte-order mark is not part of the program */
    size_t skip = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
    Source *s = source_new(path, text + skip, len - skip);
    free(text);
    return s;
}

static char *dir_of(const char *file)
{
    const char *slash = strrchr(file, '/');
    if (!slash)
        return strdup(".");
    return strndup(file, (size_t)(slash - file));
}

Source *eval_resolve_import(Interp *I, const AstNode *n, char **path, Value **err)
{
    const char *name = n->text;
    StrBuf cand = STRBUF_INIT;
    Source *src = NULL;
    int saw_dir = 0;
    if (name[0] == '\0') {
        *err = val_error(&n->span, "import needs a file name, not an empty string");
        return NULL;
    }
    /* 1. absolute, or relative to the importing file */
    if (name[0] == '/') {
        sb_puts(&cand, name);
    } else {
        char *dir = dir_of(n->span.src ? n->span.src->name : ".");
        if (n->span.src && n->span.src->name[0] == '<')
            sb_puts(&cand, name);
        else
            sb_printf(&cand, "%s/%s", dir, name);
        free(dir);
    }
    src = source_from_file(sb_str(&cand));
    saw_dir |= !src && errno == EISDIR;
    /* 2. SYM_PATH directories, then the installed stdlib */
    const char *sympath = getenv("SYM_PATH");
    if (!src && name[0] != '/' && sympath) {
        char *copy = strdup(sympath), *save = NULL;
        for (char *d = strtok_r(copy, ":", &save); d && !src; d = strtok_r(NULL, ":", &save)) {
            sb_free(&cand);
            sb_printf(&cand, "%s/%s", d, name);
            src = source_from_file(sb_str(&cand));
            saw_dir |= !src && errno == EISDIR;
        }
        free(copy);
    }
    if (!src && name[0] != '/') {
        sb_free(&cand);
        sb_printf(&cand, "%s/%s", SYM_STDLIB_DIR, name);
        src = source_from_file(sb_str(&cand));
    }
    /* 3. the stdlib embedded in the binary */
    if (!src) {
        const char *text = stdlib_file_text(name);
        if (text) {
            sb_free(&cand);
            sb_printf(&cand, "<stdlib>/%s", name);
            src = source_new(sb_str(&cand), text, strlen(text));
        }
    }
    if (!src) {
        *err = saw_dir ? val_error(&n->span, "cannot import '%s': it is a directory", name)
                       : val_error(&n->span, "cannot import '%s': no such file", name);
        sb_free(&cand);
        return NULL;
    }
    *path = sb_take(&cand);
    return src;
}
