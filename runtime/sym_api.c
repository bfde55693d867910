/* sym_api.c — the C embedding API (include/sym/sym.h): sessions over
 * Interp, value handles over Value, captured output and errors. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <mpfr.h>
#include <flint/fmpz.h>
#include "config.h"
#include "sym/sym.h"
#include "interp.h"
#include "model_value.h"
#include "eval.h"
#include "repl.h"
#include "print.h"
#include "help.h"
#include "builtins.h"
#include "diag.h"
#include "lexer.h"
#include "exact/poly.h"
#include "numeric/dmat.h"

struct SymSession {
    Interp *I;
    char *output; /* captured output of the last call */
    char *err_msg, *err_file, *err_report;
    int err_line, err_col;
};

struct SymValue {
    Value *v;
};

/* A handle holding a new reference to v (stolen); NULL if v is NULL. */
static SymValue *wrap(Value *v)
{
    if (!v)
        return NULL;
    SymValue *h = malloc(sizeof *h);
    if (!h) {
        val_unref(v);
        return NULL;
    }
    h->v = v;
    return h;
}

static char *dup_or_empty(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

static void clear_error(SymSession *S)
{
    free(S->err_msg);
    free(S->err_file);
    free(S->err_report);
    S->err_msg = dup_or_empty("");
    S->err_file = dup_or_empty("");
    S->err_report = dup_or_empty("");
    S->err_line = S->err_col = 0;
}

static void set_error(SymSession *S, const char *msg, const Span *sp, char *report)
{
    clear_error(S);
    free(S->err_msg);
    S->err_msg = dup_or_empty(msg);
    if (sp && sp->src) {
        free(S->err_file);
        S->err_file = dup_or_empty(sp->src->name);
        S->err_line = sp->line;
        S->err_col = sp->col;
    }
    free(S->err_report);
    S->err_report = report ? report : dup_or_empty(msg);
}

SymSession *sym_session_new(void)
{
    SymSession *S = calloc(1, sizeof *S);
    if (!S)
        return NULL;
    S->I = interp_new();
    S->output = dup_or_empty("");
    clear_error(S);
    /* the prelude's output, if any, is dropped */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem) {
        S->I->out = S->I->err = mem;
        interp_load_prelude(S->I);
        fclose(mem);
        free(buf);
    }
    S->I->out = stdout;
    S->I->err = stderr;
    return S;
}

void sym_session_free(SymSession *S)
{
    if (!S)
        return;
    interp_free(S->I);
    free(S->output);
    free(S->err_msg);
    free(S->err_file);
    free(S->err_report);
    free(S);
}

/* Capturing the session's output and diagnostics around one call. */
typedef struct Capture {
    char *out, *err;
    size_t outlen, errlen;
    FILE *fout, *ferr;
} Capture;

static void capture_begin(SymSession *S, Capture *c)
{
    memset(c, 0, sizeof *c);
    c->fout = open_memstream(&c->out, &c->outlen);
    c->ferr = open_memstream(&c->err, &c->errlen);
    if (!c->fout || !c->ferr)
        abort();
    S->I->out = c->fout;
    S->I->err = c->ferr;
    sym_interrupted = 0;
    clear_error(S);
}

/* Ends the capture: the output goes to S->output; returns the diagnostics
 * text (malloc'd). */
static char *capture_end(SymSession *S, Capture *c)
{
    fclose(c->fout);
    fclose(c->ferr);
    S->I->out = stdout;
    S->I->err = stderr;
    free(S->output);
    S->output = c->out;
    return c->err;
}

/* Turns an error value into the session's error; returns the status. */
static int report_value_error(SymSession *S, Capture *c, Value *err)
{
    int interrupted = err->u.err.interrupted;
    if (interrupted) {
        free(capture_end(S, c));
        set_error(S, "interrupted", NULL, NULL);
    } else {
        interp_report_error(S->I, err);
        char *report = capture_end(S, c);
        set_error(S, err->u.err.msg, &err->u.err.span, report);
    }
    sym_interrupted = 0;
    return interrupted ? SYM_INTERRUPTED : SYM_ERROR;
}

int sym_session_eval(SymSession *S, const char *name, const char *code, int echo, SymValue **out)
{
    if (out)
        *out = NULL;
    Capture c;
    capture_begin(S, &c);
    Source *src = source_new(name ? name : "<embed>", code ? code : "", code ? strlen(code) : 0);
    ParseResult *pr = interp_parse(S->I, src);
    if (pr->status != PARSE_OK) {
        const char *msg = "unexpected end of input";
        Span end = {src, 0, 0, (int)src->len, 0};
        const Span *sp = &end;
        for (int i = 0; i < pr->ndiags; i++)
            diag_print(S->I->err, "error", &pr->diags[i].span, pr->diags[i].message);
        if (pr->ndiags > 0) {
            msg = pr->diags[0].message;
            sp = &pr->diags[0].span;
        } else {
            diag_print(S->I->err, "error", &end, msg);
        }
        /* the line and column of the end of input */
        if (sp == &end) {
            end.line = 1;
            end.col = 1;
            for (size_t i = 0; i < src->len; i++) {
                if (src->text[i] == '\n') {
                    end.line++;
                    end.col = 1;
                } else {
                    end.col++;
                }
            }
        }
        char *msgcopy = dup_or_empty(msg);
        char *report = capture_end(S, &c);
        set_error(S, msgcopy, sp, report);
        free(msgcopy);
        return SYM_SYNTAX;
    }
    Value *v = interp_eval_tree(S->I, pr->root, echo);
    if (val_is_error(v)) {
        int st = report_value_error(S, &c, v);
        val_unref(v);
        return st;
    }
    free(capture_end(S, &c));
    if (out)
        *out = wrap(v);
    else
        val_unref(v);
    return SYM_OK;
}

const char *sym_session_output(SymSession *S)
{
    return S->output;
}
const char *sym_session_error_message(SymSession *S)
{
    return S->err_msg;
}
const char *sym_session_error_file(SymSession *S)
{
    return S->err_file;
}
int sym_session_error_line(SymSession *S)
{
    return S->err_line;
}
int sym_session_error_col(SymSession *S)
{
    return S->err_col;
}
const char *sym_session_error_report(SymSession *S)
{
    return S->err_report;
}

static int is_identifier(const char *s)
{
    if (!s || !(isalpha((unsigned char)*s) || *s == '_'))
        return 0;
    for (const char *p = s; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_'))
            return 0;
    for (size_t i = 0; lexer_keyword_at(i); i++)
        if (strcmp(lexer_keyword_at(i), s) == 0)
            return 0;
    return 1;
}

int sym_session_set(SymSession *S, const char *name, const SymValue *v)
{
    if (!is_identifier(name) || !v)
        return SYM_ERROR;
    env_set(S->I->globals, name, v->v);
    return SYM_OK;
}

SymValue *sym_session_get(SymSession *S, const char *name)
{
    Value *v = name ? env_get(S->I->globals, name) : NULL;
    return v ? wrap(val_ref(v)) : NULL;
}

int sym_session_call(SymSession *S, const char *fname, SymValue *const *args, int nargs,
                     SymValue **out)
{
    if (out)
        *out = NULL;
    Capture c;
    capture_begin(S, &c);
    Value *fn = fname ? env_get(S->I->globals, fname) : NULL;
    if (!fn || (fn->kind != VAL_FUNC && fn->kind != VAL_BUILTIN)) {
        free(capture_end(S, &c));
        StrBuf sb = STRBUF_INIT;
        sb_printf(&sb, "'%s' is not a function", fname ? fname : "(null)");
        set_error(S, sb_str(&sb), NULL, NULL);
        sb_free(&sb);
        return SYM_ERROR;
    }
    Value **a = calloc((size_t)(nargs > 0 ? nargs : 1), sizeof *a);
    if (!a)
        abort();
    for (int i = 0; i < nargs; i++)
        a[i] = args[i]->v;
    Span none = {NULL, 0, 0, 0, 0};
    Value *v = interp_call(S->I, fn, a, nargs, &none);
    free(a);
    if (val_is_error(v)) {
        int st = report_value_error(S, &c, v);
        val_unref(v);
        return st;
    }
    free(capture_end(S, &c));
    if (out)
        *out = wrap(v);
    else
        val_unref(v);
    return SYM_OK;
}

void sym_session_set_format(SymSession *S, int fmt)
{
    if (fmt == SYM_FMT_PLAIN || fmt == SYM_FMT_UNICODE || fmt == SYM_FMT_LATEX)
        S->I->format = (PrintFormat)fmt;
}

int sym_session_plot_count(SymSession *S)
{
    return S->I->nwritten;
}

const char *sym_session_plot_path(SymSession *S, int i)
{
    return i >= 0 && i < S->I->nwritten ? S->I->written[i] : NULL;
}

void sym_interrupt(void)
{
    sym_interrupted = 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *sym_complete(SymSession *S, const char *prefix)
{
    size_t plen = prefix ? strlen(prefix) : 0, n = 0, cap = 64;
    const char **names = malloc(cap * sizeof *names);
    if (!names)
        abort();
    size_t it = 0;
    const char *name;
    for (size_t k = 0;; k++) {
        if (lexer_keyword_at(k))
            name = lexer_keyword_at(k);
        else if (!(name = env_name_at(S->I->globals, &it)))
            break;
        if (plen && strncmp(name, prefix, plen) != 0)
            continue;
        if (n == cap && !(names = realloc(names, (cap *= 2) * sizeof *names)))
            abort();
        names[n++] = name;
    }
    qsort(names, n, sizeof *names, cmp_str);
    StrBuf sb = STRBUF_INIT;
    sb_puts(&sb, "");
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
            sb_printf(&sb, "%s\n", names[i]);
    free(names);
    return sb_take(&sb);
}

char *sym_help(const char *name)
{
    StrBuf sb = STRBUF_INIT;
    if (!name || !*name) {
        help_overview(&sb);
    } else {
        const Builtin *b = builtin_find(name);
        if (!b)
            return NULL;
        help_builtin(&sb, b);
    }
    sb_puts(&sb, "");
    return sb_take(&sb);
}

const char *sym_keyword_at(size_t i)
{
    return lexer_keyword_at(i);
}

const char *sym_builtin_at(size_t i)
{
    for (int t = 0; builtin_tables[t]; t++)
        for (const Builtin *b = builtin_tables[t]; b->name; b++)
            if (i-- == 0)
                return b->name;
    return NULL;
}

const char *sym_version(void)
{
    return PACKAGE_VERSION;
}
void sym_string_free(void *p)
{
    free(p);
}

/* --- reading values --- */

void sym_value_free(SymValue *v)
{
    if (!v)
        return;
    val_unref(v->v);
    free(v);
}

SymValue *sym_value_ref(const SymValue *h)
{
    return wrap(val_ref(h->v));
}

/* The record a value reads as: a record, or the report of a fitted model
   (model_value.h), which reads like one; NULL otherwise. */
static const Value *record_of(const Value *v)
{
    if (v->kind == VAL_RECORD)
        return v;
    if (val_is_obj(v, &model_value_type))
        return model_value_info(v);
    return NULL;
}

SymKind sym_value_kind(const SymValue *h)
{
    if (record_of(h->v))
        return SYM_RECORD;
    switch (h->v->kind) {
    case VAL_NIL:
        return SYM_NIL;
    case VAL_BOOL:
        return SYM_BOOL;
    case VAL_RAT:
        return SYM_RAT;
    case VAL_REAL:
        return SYM_REAL;
    case VAL_STR:
        return SYM_STR;
    case VAL_LIST:
        return SYM_LIST;
    case VAL_RECORD:
        return SYM_RECORD;
    case VAL_MAT:
        return SYM_MAT;
    case VAL_FMAT:
        return SYM_FMAT;
    case VAL_POLY:
        return SYM_POLY;
    case VAL_PMAT:
        return SYM_PMAT;
    case VAL_FUNC:
    case VAL_BUILTIN:
        return SYM_FUNC;
    default:
        return SYM_OBJ;
    }
}

const char *sym_value_kind_name(const SymValue *h)
{
    return val_kind_name(h->v);
}

char *sym_value_print(const SymValue *h, int fmt)
{
    StrBuf sb = STRBUF_INIT;
    if (fmt != SYM_FMT_UNICODE && fmt != SYM_FMT_LATEX)
        fmt = SYM_FMT_PLAIN;
    print_value(&sb, h->v, (PrintFormat)fmt);
    sb_puts(&sb, "");
    return sb_take(&sb);
}

int sym_value_bool(const SymValue *h)
{
    return h->v->kind == VAL_BOOL && h->v->u.b;
}

char *sym_value_rat_num(const SymValue *h)
{
    return h->v->kind == VAL_RAT ? fmpz_get_str(NULL, 10, fmpq_numref(h->v->u.q)) : NULL;
}

char *sym_value_rat_den(const SymValue *h)
{
    return h->v->kind == VAL_RAT ? fmpz_get_str(NULL, 10, fmpq_denref(h->v->u.q)) : NULL;
}

char *sym_value_real_str(const SymValue *h)
{
    if (h->v->kind != VAL_REAL)
        return NULL;
    char *s = NULL;
    if (mpfr_asprintf(&s, "%Re", h->v->u.r) < 0)
        return NULL;
    char *d = strdup(s); /* mpfr's allocator may differ from free() */
    mpfr_free_str(s);
    return d;
}

long sym_value_real_prec(const SymValue *h)
{
    return h->v->kind == VAL_REAL ? (long)mpfr_get_prec(h->v->u.r) : 0;
}

const char *sym_value_str(const SymValue *h, size_t *len)
{
    if (h->v->kind != VAL_STR)
        return NULL;
    if (len)
        *len = h->v->u.str.len;
    return h->v->u.str.s;
}

long sym_value_length(const SymValue *h)
{
    const Value *v = h->v, *r = record_of(v);
    return v->kind == VAL_LIST ? v->u.list.n : r ? r->u.rec.n : 0;
}

long sym_value_rows(const SymValue *h)
{
    const Value *v = h->v;
    switch (v->kind) {
    case VAL_MAT:
        return fmpq_mat_nrows(v->u.m);
    case VAL_FMAT:
        return v->u.fm->rows;
    case VAL_PMAT:
        return v->u.pmat.rows;
    default:
        return 0;
    }
}

long sym_value_cols(const SymValue *h)
{
    const Value *v = h->v;
    switch (v->kind) {
    case VAL_MAT:
        return fmpq_mat_ncols(v->u.m);
    case VAL_FMAT:
        return v->u.fm->cols;
    case VAL_PMAT:
        return v->u.pmat.cols;
    default:
        return 0;
    }
}

SymValue *sym_value_item(const SymValue *h, long i)
{
    const Value *v = h->v;
    if (v->kind == VAL_LIST && i >= 0 && i < v->u.list.n)
        return wrap(val_ref(v->u.list.items[i]));
    const Value *r = record_of(v);
    if (r && i >= 0 && i < r->u.rec.n)
        return wrap(val_ref(r->u.rec.vals[i]));
    return NULL;
}

const char *sym_value_key(const SymValue *h, long i)
{
    const Value *r = record_of(h->v);
    return r && i >= 0 && i < r->u.rec.n ? r->u.rec.keys[i] : NULL;
}

const char *sym_value_record_type(const SymValue *h)
{
    const Value *r = record_of(h->v);
    return r ? r->u.rec.type : NULL;
}

char *sym_value_mat_entry(const SymValue *h, long i, long j)
{
    const Value *v = h->v;
    if (v->kind != VAL_MAT || i < 0 || j < 0 || i >= fmpq_mat_nrows(v->u.m) ||
        j >= fmpq_mat_ncols(v->u.m))
        return NULL;
    return fmpq_get_str(NULL, 10, fmpq_mat_entry(v->u.m, i, j));
}

const double *sym_value_fmat_data(const SymValue *h)
{
    return h->v->kind == VAL_FMAT ? h->v->u.fm->data : NULL;
}

SymValue *sym_value_pmat_entry(const SymValue *h, long i, long j)
{
    const Value *v = h->v;
    if (v->kind != VAL_PMAT || i < 0 || j < 0 || i >= v->u.pmat.rows || j >= v->u.pmat.cols)
        return NULL;
    PolyRing *R = v->u.pmat.ring;
    Value *p = val_poly_new(R);
    fmpq_mpoly_set(p->u.poly.p, &v->u.pmat.e[i * v->u.pmat.cols + j], R->ctx);
    return wrap(p);
}

char *sym_value_poly_vars(const SymValue *h)
{
    const Value *v = h->v;
    PolyRing *R = v->kind == VAL_POLY   ? v->u.poly.ring
                  : v->kind == VAL_PMAT ? v->u.pmat.ring
                                        : NULL;
    if (!R)
        return NULL;
    StrBuf sb = STRBUF_INIT;
    sb_puts(&sb, "");
    for (slong i = 0; i < R->nvars; i++)
        sb_printf(&sb, "%s\n", R->names[i]);
    return sb_take(&sb);
}

/* --- building values --- */

SymValue *sym_value_nil(void)
{
    return wrap(val_nil());
}
SymValue *sym_value_new_bool(int b)
{
    return wrap(val_bool(b != 0));
}
SymValue *sym_value_new_real(double d)
{
    return wrap(val_real_d(d));
}
SymValue *sym_value_new_str(const char *s, size_t len)
{
    return wrap(val_str(s, len));
}

/* Parses "p" or "p/q" (q != 0) into q; 1 on success. */
static int parse_rat(fmpq_t q, const char *num, const char *den)
{
    fmpz_t n, d;
    fmpz_init(n);
    fmpz_init_set_ui(d, 1);
    const char *slash = den ? NULL : strchr(num, '/');
    char *head = slash ? strndup(num, (size_t)(slash - num)) : NULL;
    int ok = num && *num && fmpz_set_str(n, head ? head : num, 10) == 0;
    if (ok && (den || slash))
        ok = fmpz_set_str(d, den ? den : slash + 1, 10) == 0 && !fmpz_is_zero(d);
    free(head);
    if (ok) {
        fmpz_set(fmpq_numref(q), n);
        fmpz_set(fmpq_denref(q), d);
        fmpq_canonicalise(q);
    }
    fmpz_clear(n);
    fmpz_clear(d);
    return ok;
}

SymValue *sym_value_new_rat(const char *num, const char *den)
{
    if (!num || strchr(num, '/') || (den && strchr(den, '/')))
        return NULL;
    fmpq_t q;
    fmpq_init(q);
    SymValue *h = parse_rat(q, num, den) ? wrap(val_rat(q)) : NULL;
    fmpq_clear(q);
    return h;
}

SymValue *sym_value_new_list(SymValue *const *items, long n)
{
    if (n < 0)
        return NULL;
    Value *l = val_list_new(n);
    for (long i = 0; i < n; i++)
        val_list_set(l, i, val_ref(items[i]->v));
    return wrap(l);
}

SymValue *sym_value_new_record(const char *const *keys, SymValue *const *vals, long n)
{
    if (n < 0)
        return NULL;
    for (long i = 0; i < n; i++) {
        if (!keys[i] || !*keys[i])
            return NULL;
        for (long j = 0; j < i; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                return NULL;
    }
    Value *r = val_record_new(NULL, n);
    for (long i = 0; i < n; i++)
        val_record_set(r, i, keys[i], val_ref(vals[i]->v));
    return wrap(r);
}

SymValue *sym_value_new_mat(long rows, long cols, const char *const *entries)
{
    if (rows < 0 || cols < 0 || rows > 1000000 || cols > 1000000)
        return NULL;
    Value *m = val_mat_new(rows, cols);
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < cols; j++)
            if (!entries[i * cols + j] ||
                !parse_rat(fmpq_mat_entry(m->u.m, i, j), entries[i * cols + j], NULL)) {
                val_unref(m);
                return NULL;
            }
    return wrap(m);
}

SymValue *sym_value_new_fmat(long rows, long cols, const double *data, long row_stride,
                             long col_stride)
{
    if (rows < 0 || cols < 0 || rows > 100000000 || cols > 100000000 || (rows && cols && !data))
        return NULL;
    DMat *d = dmat_new((int)rows, (int)cols);
    if (!d)
        return NULL;
    for (long j = 0; j < cols; j++)
        for (long i = 0; i < rows; i++) {
            double x = data[i * row_stride + j * col_stride];
            if (!isfinite(x)) {
                dmat_free(d);
                return NULL;
            }
            d->data[i + j * rows] = x;
        }
    return wrap(val_fmat(d));
}
