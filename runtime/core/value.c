/* value.c — construction, reference counting and comparison of values
 * (see value.h for the ownership rule). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "value.h"
#include "exact/poly.h"
#include "numeric/dmat.h"
#include "env.h"
#include "base/sym_alloc.h"

static Value nil_value = {VAL_NIL, -1, {0}};
static Value true_value = {VAL_BOOL, -1, {.b = 1}};
static Value false_value = {VAL_BOOL, -1, {.b = 0}};

/* Values, strings, lists and records are counted by the session's
   allocator (base/sym_alloc.h): past the memory limit this raises. */
static void *xmalloc(size_t n)
{
    return sym_xcalloc(1, n ? n : 1);
}

/* Size guard before growth: a request that cannot fit under the memory
   limit raises before anything is allocated, so nothing is abandoned. */
static void guard(double bytes)
{
    if (bytes > 1e18 || !sym_alloc_fits((size_t)bytes))
        sym_alloc_raise(bytes > 1e18 ? (size_t)-1 : (size_t)bytes);
}

static Value *val_alloc(ValKind k)
{
    Value *v = xmalloc(sizeof *v);
    v->kind = k;
    v->refcount = 1;
    return v;
}

Value *val_nil(void)
{
    return &nil_value;
}
Value *val_bool(int b)
{
    return b ? &true_value : &false_value;
}

Value *val_rat_si(long n)
{
    Value *v = val_alloc(VAL_RAT);
    fmpq_init(v->u.q);
    fmpq_set_si(v->u.q, n, 1);
    return v;
}

Value *val_rat(const fmpq_t q)
{
    Value *v = val_alloc(VAL_RAT);
    fmpq_init(v->u.q);
    fmpq_set(v->u.q, q);
    return v;
}

Value *val_rat_fmpz(const fmpz_t z)
{
    Value *v = val_alloc(VAL_RAT);
    fmpq_init(v->u.q);
    fmpz_set(fmpq_numref(v->u.q), z);
    fmpz_one(fmpq_denref(v->u.q));
    return v;
}

Value *val_real(const mpfr_t r)
{
    Value *v = val_alloc(VAL_REAL);
    mpfr_init2(v->u.r, mpfr_get_prec(r));
    mpfr_set(v->u.r, r, MPFR_RNDN);
    return v;
}

Value *val_real_d(double d)
{
    Value *v = val_alloc(VAL_REAL);
    mpfr_init2(v->u.r, 53);
    mpfr_set_d(v->u.r, d, MPFR_RNDN);
    return v;
}

Value *val_str(const char *s, size_t len)
{
    Value *v = val_alloc(VAL_STR);
    v->u.str.s = xmalloc(len + 1);
    memcpy(v->u.str.s, s, len);
    v->u.str.s[len] = '\0';
    v->u.str.len = len;
    return v;
}

Value *val_cstr(const char *s)
{
    return val_str(s, strlen(s));
}

Value *val_list_new(long n)
{
    guard((double)sizeof(Value *) * (double)(n > 0 ? n : 1) + sizeof(Value));
    Value *v = val_alloc(VAL_LIST);
    v->u.list.n = n;
    v->u.list.items = xmalloc(sizeof(Value *) * (size_t)(n > 0 ? n : 1));
    return v;
}

void val_list_set(Value *list, long i, Value *item)
{
    val_unref(list->u.list.items[i]);
    list->u.list.items[i] = item;
}

Value *val_record_new(const char *type, long n)
{
    Value *v = val_alloc(VAL_RECORD);
    v->u.rec.n = n;
    v->u.rec.keys = xmalloc(sizeof(char *) * (size_t)(n > 0 ? n : 1));
    v->u.rec.vals = xmalloc(sizeof(Value *) * (size_t)(n > 0 ? n : 1));
    v->u.rec.type = strdup(type ? type : "record");
    return v;
}

void val_record_set(Value *rec, long i, const char *key, Value *val)
{
    free(rec->u.rec.keys[i]);
    val_unref(rec->u.rec.vals[i]);
    rec->u.rec.keys[i] = strdup(key);
    rec->u.rec.vals[i] = val;
}

Value *val_mat(const fmpq_mat_t m)
{
    Value *v = val_alloc(VAL_MAT);
    fmpq_mat_init(v->u.m, fmpq_mat_nrows(m), fmpq_mat_ncols(m));
    fmpq_mat_set(v->u.m, m);
    return v;
}

Value *val_mat_new(long rows, long cols)
{
    /* fmpq entries and row pointers (FLINT 2.9's fmpq_mat_init) */
    guard((double)rows * (double)cols * sizeof(fmpq) + (double)rows * sizeof(fmpq *) +
          sizeof(Value));
    Value *v = val_alloc(VAL_MAT);
    fmpq_mat_init(v->u.m, rows, cols);
    return v;
}

Value *val_fmat(DMat *d)
{
    Value *v = val_alloc(VAL_FMAT);
    v->u.fm = d;
    return v;
}

Value *val_poly_new(PolyRing *R)
{
    Value *v = val_alloc(VAL_POLY);
    polyring_incref(R);
    v->u.poly.ring = R;
    fmpq_mpoly_init(v->u.poly.p, R->ctx);
    return v;
}

Value *val_pmat_new(PolyRing *R, long rows, long cols)
{
    guard((double)rows * (double)cols * sizeof(fmpq_mpoly_struct) + sizeof(Value));
    Value *v = val_alloc(VAL_PMAT);
    polyring_incref(R);
    v->u.pmat.ring = R;
    v->u.pmat.rows = rows;
    v->u.pmat.cols = cols;
    long n = rows * cols;
    v->u.pmat.e = xmalloc(sizeof(fmpq_mpoly_struct) * (size_t)(n > 0 ? n : 1));
    for (long i = 0; i < n; i++)
        fmpq_mpoly_init(v->u.pmat.e + i, R->ctx);
    return v;
}

Value *val_obj(const ObjType *t, void *data)
{
    Value *v = val_alloc(VAL_OBJ);
    v->u.obj.type = t;
    v->u.obj.data = data;
    return v;
}

Value *val_builtin(const struct Builtin *b)
{
    Value *v = val_alloc(VAL_BUILTIN);
    v->u.builtin = b;
    return v;
}

/* Messages are built as "a %s" with a kind name; make "a integer" read
 * "an integer" (the kind names that start with a vowel).  Returns a new
 * malloc'd string and frees msg. */
static char *fix_articles(char *msg)
{
    static const char *const vowel_kinds[] = {"integer", "error", "empty", NULL};
    StrBuf out = STRBUF_INIT;
    const char *p = msg;
    while (*p) {
        int fixed = 0;
        if ((p == msg || p[-1] == ' ' || p[-1] == '(') && (p[0] == 'a' || p[0] == 'A') &&
            p[1] == ' ')
            for (int k = 0; vowel_kinds[k]; k++)
                if (strncmp(p + 2, vowel_kinds[k], strlen(vowel_kinds[k])) == 0) {
                    sb_putc(&out, p[0]);
                    sb_puts(&out, "n ");
                    p += 2;
                    fixed = 1;
                    break;
                }
        if (!fixed)
            sb_putc(&out, *p++);
    }
    free(msg);
    return sb_take(&out);
}

Value *val_verror(const Span *span, const char *fmt, va_list ap)
{
    Value *v = val_alloc(VAL_ERROR);
    StrBuf sb = STRBUF_INIT;
    sb_vprintf(&sb, fmt, ap);
    v->u.err.msg = sb_take(&sb);
    v->u.err.msg = fix_articles(v->u.err.msg);
    if (span)
        v->u.err.span = *span;
    return v;
}

Value *val_error(const Span *span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Value *v = val_verror(span, fmt, ap);
    va_end(ap);
    return v;
}

Value *val_error_push_frame(Value *err, const char *name, const Span *span)
{
    if (!span || !name)
        return err;
    if (err->u.err.nframes >= 64) {
        /* keep the innermost frames and always the outermost call */
        Frame *last = &err->u.err.frames[63];
        free(last->name);
        last->name = strdup(name);
        last->span = *span;
        return err;
    }
    Frame *f = realloc(err->u.err.frames, sizeof(Frame) * (size_t)(err->u.err.nframes + 1));
    if (!f)
        return err;
    err->u.err.frames = f;
    f[err->u.err.nframes].name = strdup(name);
    f[err->u.err.nframes].span = *span;
    err->u.err.nframes++;
    return err;
}

Value *val_ref(Value *v)
{
    if (v && v->refcount >= 0)
        v->refcount++;
    return v;
}

/* Values whose last reference went away while another value was being
 * destroyed: freed by val_unref's loop instead of by recursion, so that
 * freeing a deeply nested list or record cannot overflow the C stack. */
static Value **dead_stack;
static long dead_n, dead_cap;
static int destroying;

static void dead_push(Value *v)
{
    if (dead_n == dead_cap) {
        long cap = dead_cap ? 2 * dead_cap : 256;
        Value **s = realloc(dead_stack, sizeof *s * (size_t)cap);
        if (!s)
            abort();
        dead_stack = s;
        dead_cap = cap;
    }
    dead_stack[dead_n++] = v;
}

/* Drop one reference held by a value being destroyed. */
static void val_unref_child(Value *v)
{
    if (v && v->refcount >= 0 && --v->refcount == 0)
        dead_push(v);
}

static void val_destroy(Value *v)
{
    switch (v->kind) {
    case VAL_RAT:
        fmpq_clear(v->u.q);
        break;
    case VAL_REAL:
        mpfr_clear(v->u.r);
        break;
    case VAL_STR:
        sym_free(v->u.str.s);
        break;
    case VAL_LIST:
        for (long i = 0; i < v->u.list.n; i++)
            val_unref_child(v->u.list.items[i]);
        sym_free(v->u.list.items);
        break;
    case VAL_RECORD:
        for (long i = 0; i < v->u.rec.n; i++) {
            free(v->u.rec.keys[i]);
            val_unref_child(v->u.rec.vals[i]);
        }
        sym_free(v->u.rec.keys);
        sym_free(v->u.rec.vals);
        free(v->u.rec.type);
        break;
    case VAL_MAT:
        fmpq_mat_clear(v->u.m);
        break;
    case VAL_FMAT:
        dmat_free(v->u.fm);
        break;
    case VAL_POLY:
        fmpq_mpoly_clear(v->u.poly.p, v->u.poly.ring->ctx);
        polyring_decref(v->u.poly.ring);
        break;
    case VAL_PMAT:
        for (long i = 0; i < v->u.pmat.rows * v->u.pmat.cols; i++)
            fmpq_mpoly_clear(v->u.pmat.e + i, v->u.pmat.ring->ctx);
        sym_free(v->u.pmat.e);
        polyring_decref(v->u.pmat.ring);
        break;
    case VAL_FUNC:
        free(v->u.fn.name);
        if (v->u.fn.captured)
            env_free(v->u.fn.captured);
        break;
    case VAL_OBJ:
        if (v->u.obj.type->free)
            v->u.obj.type->free(v->u.obj.data);
        break;
    case VAL_ERROR:
        free(v->u.err.msg);
        for (int i = 0; i < v->u.err.nframes; i++)
            free(v->u.err.frames[i].name);
        free(v->u.err.frames);
        break;
    default:
        break;
    }
    sym_free(v);
}

void val_unref(Value *v)
{
    if (!v || v->refcount < 0)
        return;
    if (--v->refcount != 0)
        return;
    if (destroying) { /* reached from a destructor (env_free, obj free) */
        dead_push(v);
        return;
    }
    destroying = 1;
    val_destroy(v);
    while (dead_n > 0)
        val_destroy(dead_stack[--dead_n]);
    destroying = 0;
}

const char *val_kind_name(const Value *v)
{
    switch (v->kind) {
    case VAL_NIL:
        return "nil";
    case VAL_BOOL:
        return "bool";
    case VAL_RAT:
        return fmpz_is_one(fmpq_denref(v->u.q)) ? "integer" : "rational";
    case VAL_REAL:
        return "real";
    case VAL_STR:
        return "string";
    case VAL_LIST:
        return "list";
    case VAL_RECORD:
        return "record";
    case VAL_MAT:
        return "matrix";
    case VAL_FMAT:
        return "float matrix";
    case VAL_POLY:
        return "polynomial";
    case VAL_PMAT:
        return "polynomial matrix";
    case VAL_FUNC:
        return "function";
    case VAL_BUILTIN:
        return "builtin function";
    case VAL_OBJ:
        return v->u.obj.type->name;
    case VAL_ERROR:
        return "error";
    }
    return "?";
}

int val_is_error(const Value *v)
{
    return v && v->kind == VAL_ERROR;
}
int val_truthy(const Value *v)
{
    return v->kind == VAL_BOOL && v->u.b;
}

int val_is_integer(const Value *v)
{
    return v->kind == VAL_RAT && fmpz_is_one(fmpq_denref(v->u.q));
}

int val_get_long(const Value *v, long *out)
{
    if (!val_is_integer(v) || !fmpz_fits_si(fmpq_numref(v->u.q)))
        return 0;
    *out = fmpz_get_si(fmpq_numref(v->u.q));
    return 1;
}

int val_is_obj(const Value *v, const ObjType *t)
{
    return v->kind == VAL_OBJ && v->u.obj.type == t;
}

/* Lists and records nested deeper than this compare unequal (a deep
 * comparison would overflow the C stack). */
#define EQUAL_MAX_DEPTH 2000

static int val_equal_depth(const Value *a, const Value *b, int depth);

int val_equal(const Value *a, const Value *b)
{
    return val_equal_depth(a, b, 0);
}

static int val_equal_depth(const Value *a, const Value *b, int depth)
{
    if (depth > EQUAL_MAX_DEPTH)
        return 0;
    if (a == b)
        return 1;
    if (a->kind == VAL_REAL || b->kind == VAL_REAL) {
        if (a->kind == VAL_REAL && b->kind == VAL_REAL)
            return mpfr_equal_p(a->u.r, b->u.r);
        const Value *r = a->kind == VAL_REAL ? a : b;
        const Value *q = a->kind == VAL_REAL ? b : a;
        if (q->kind != VAL_RAT)
            return 0;
        mpq_t t;
        mpq_init(t);
        fmpq_get_mpq(t, q->u.q);
        int eq = mpfr_cmp_q(r->u.r, t) == 0;
        mpq_clear(t);
        return eq;
    }
    if ((a->kind == VAL_POLY && b->kind == VAL_RAT) ||
        (a->kind == VAL_RAT && b->kind == VAL_POLY)) {
        const Value *p = a->kind == VAL_POLY ? a : b, *q = a->kind == VAL_POLY ? b : a;
        return fmpq_mpoly_equal_fmpq(p->u.poly.p, q->u.q, p->u.poly.ring->ctx);
    }
    if ((a->kind == VAL_PMAT && b->kind == VAL_MAT) ||
        (a->kind == VAL_MAT && b->kind == VAL_PMAT)) {
        const Value *p = a->kind == VAL_PMAT ? a : b, *m = a->kind == VAL_PMAT ? b : a;
        if (p->u.pmat.rows != fmpq_mat_nrows(m->u.m) || p->u.pmat.cols != fmpq_mat_ncols(m->u.m))
            return 0;
        for (long i = 0; i < p->u.pmat.rows; i++)
            for (long j = 0; j < p->u.pmat.cols; j++)
                if (!fmpq_mpoly_equal_fmpq(p->u.pmat.e + i * p->u.pmat.cols + j,
                                           fmpq_mat_entry(m->u.m, i, j), p->u.pmat.ring->ctx))
                    return 0;
        return 1;
    }
    if (a->kind != b->kind)
        return 0;
    switch (a->kind) {
    case VAL_NIL:
        return 1;
    case VAL_BOOL:
        return a->u.b == b->u.b;
    case VAL_RAT:
        return fmpq_equal(a->u.q, b->u.q);
    case VAL_STR:
        return a->u.str.len == b->u.str.len && memcmp(a->u.str.s, b->u.str.s, a->u.str.len) == 0;
    case VAL_LIST:
        if (a->u.list.n != b->u.list.n)
            return 0;
        for (long i = 0; i < a->u.list.n; i++)
            if (!val_equal_depth(a->u.list.items[i], b->u.list.items[i], depth + 1))
                return 0;
        return 1;
    case VAL_RECORD:
        if (a->u.rec.n != b->u.rec.n)
            return 0;
        for (long i = 0; i < a->u.rec.n; i++)
            if (strcmp(a->u.rec.keys[i], b->u.rec.keys[i]) ||
                !val_equal_depth(a->u.rec.vals[i], b->u.rec.vals[i], depth + 1))
                return 0;
        return 1;
    case VAL_MAT:
        return fmpq_mat_nrows(a->u.m) == fmpq_mat_nrows(b->u.m) &&
               fmpq_mat_ncols(a->u.m) == fmpq_mat_ncols(b->u.m) && fmpq_mat_equal(a->u.m, b->u.m);
    case VAL_POLY:
        return a->u.poly.ring == b->u.poly.ring &&
               fmpq_mpoly_equal(a->u.poly.p, b->u.poly.p, a->u.poly.ring->ctx);
    case VAL_PMAT:
        if (a->u.pmat.ring != b->u.pmat.ring || a->u.pmat.rows != b->u.pmat.rows ||
            a->u.pmat.cols != b->u.pmat.cols)
            return 0;
        for (long i = 0; i < a->u.pmat.rows * a->u.pmat.cols; i++)
            if (!fmpq_mpoly_equal(a->u.pmat.e + i, b->u.pmat.e + i, a->u.pmat.ring->ctx))
                return 0;
        return 1;
    case VAL_FMAT:
        if (a->u.fm->rows != b->u.fm->rows || a->u.fm->cols != b->u.fm->cols)
            return 0;
        for (size_t i = 0; i < (size_t)a->u.fm->rows * (size_t)a->u.fm->cols; i++)
            if (a->u.fm->data[i] != b->u.fm->data[i])
                return 0;
        return 1;
    case VAL_BUILTIN:
        return a->u.builtin == b->u.builtin;
    default:
        return 0;
    }
}
