/* json.c — Sym values as JSON and back: see json.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "json.h"
#include "interp.h"
#include "builtins.h"
#include "builtins_lie.h"
#include "builtins_model.h"
#include "model_value.h"
#include "exact/poly.h"
#include "numeric/dmat.h"
#include "arith.h"

#define JSON_MAX_DEPTH 200

/* ------------------------------------------------------------ writing */

static void put_str(StrBuf *sb, const char *s, size_t n)
{
    sb_putc(sb, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            sb_printf(sb, "\\%c", c);
        else if (c == '\n')
            sb_puts(sb, "\\n");
        else if (c == '\t')
            sb_puts(sb, "\\t");
        else if (c < 0x20)
            sb_printf(sb, "\\u%04x", c);
        else
            sb_putc(sb, (char)c);
    }
    sb_putc(sb, '"');
}

static void put_rat(StrBuf *sb, const fmpq_t q)
{
    char *s = fmpq_get_str(NULL, 10, q);
    put_str(sb, s, strlen(s));
    flint_free(s);
}

static int put_double(StrBuf *sb, double d)
{
    if (!isfinite(d))
        return -1;
    char buf[40];
    for (int p = 15; p <= 17; p++) {
        snprintf(buf, sizeof buf, "%.*g", p, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    sb_puts(sb, buf);
    return 0;
}

static void put_coords(StrBuf *sb, const PolyRing *R)
{
    sb_puts(sb, "\"coords\": [");
    for (slong i = 0; i < R->nvars; i++) {
        if (i)
            sb_puts(sb, ", ");
        put_str(sb, R->names[i], strlen(R->names[i]));
    }
    sb_putc(sb, ']');
}

static void put_terms(StrBuf *sb, const fmpq_mpoly_t p, const PolyRing *R)
{
    ulong *e = malloc(sizeof(ulong) * (size_t)(R->nvars + 1));
    fmpq_t c;
    fmpq_init(c);
    sb_putc(sb, '[');
    for (slong t = 0; t < fmpq_mpoly_length(p, R->ctx); t++) {
        fmpq_mpoly_get_term_coeff_fmpq(c, p, t, R->ctx);
        fmpq_mpoly_get_term_exp_ui(e, p, t, R->ctx);
        sb_puts(sb, t ? ", [" : "[");
        put_rat(sb, c);
        sb_puts(sb, ", [");
        for (slong i = 0; i < R->nvars; i++)
            sb_printf(sb, "%s%lu", i ? ", " : "", e[i]);
        sb_puts(sb, "]]");
    }
    sb_putc(sb, ']');
    fmpq_clear(c);
    free(e);
}

static Value *write_inner(StrBuf *sb, const Value *v, int depth);

static Value *write_space(StrBuf *sb, const Value *V, int depth)
{
    const ModelSpace *S = model_space_of(V);
    if (S->kind != MODEL_SECTIONS)
        return val_error(NULL, "a model space of layers cannot be saved as JSON (its basis is "
                               "not sections)");
    sb_puts(sb, "{\"model_space\": {");
    put_coords(sb, S->R);
    sb_puts(sb, ", \"basis\": [");
    for (slong j = 0; j < S->dim; j++) {
        Value *b = model_space_type.index(V, j + 1);
        if (j)
            sb_puts(sb, ", ");
        Value *e = val_is_error(b) ? val_ref(b) : write_inner(sb, b, depth + 1);
        val_unref(b);
        if (e)
            return e;
    }
    sb_puts(sb, "]}}");
    return NULL;
}

static Value *write_inner(StrBuf *sb, const Value *v, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return val_error(NULL, "nested too deeply to save");
    switch (v->kind) {
    case VAL_NIL:
        sb_puts(sb, "null");
        return NULL;
    case VAL_BOOL:
        sb_puts(sb, v->u.b ? "true" : "false");
        return NULL;
    case VAL_STR:
        put_str(sb, v->u.str.s, v->u.str.len);
        return NULL;
    case VAL_RAT:
        sb_puts(sb, "{\"rational\": ");
        put_rat(sb, v->u.q);
        sb_putc(sb, '}');
        return NULL;
    case VAL_REAL: {
        if (!mpfr_number_p(v->u.r))
            return val_error(NULL, "cannot save a real that is not finite");
        char *s = NULL;
        long prec = (long)mpfr_get_prec(v->u.r);
        mpfr_asprintf(&s, "%.*Rg", (int)(prec * 0.30103) + 2, v->u.r);
        sb_puts(sb, "{\"real\": ");
        put_str(sb, s, strlen(s));
        sb_printf(sb, ", \"bits\": %ld}", prec);
        mpfr_free_str(s);
        return NULL;
    }
    case VAL_LIST:
        sb_putc(sb, '[');
        for (long i = 0; i < v->u.list.n; i++) {
            if (i)
                sb_puts(sb, ", ");
            Value *e = write_inner(sb, v->u.list.items[i], depth + 1);
            if (e)
                return e;
        }
        sb_putc(sb, ']');
        return NULL;
    case VAL_RECORD:
        sb_puts(sb, "{\"record\": {");
        for (long i = 0; i < v->u.rec.n; i++) {
            if (i)
                sb_puts(sb, ", ");
            put_str(sb, v->u.rec.keys[i], strlen(v->u.rec.keys[i]));
            sb_puts(sb, ": ");
            Value *e = write_inner(sb, v->u.rec.vals[i], depth + 1);
            if (e)
                return e;
        }
        sb_puts(sb, "}}");
        return NULL;
    case VAL_MAT:
        sb_puts(sb, "{\"matrix\": [");
        for (slong i = 0; i < fmpq_mat_nrows(v->u.m); i++) {
            sb_puts(sb, i ? ", [" : "[");
            for (slong j = 0; j < fmpq_mat_ncols(v->u.m); j++) {
                if (j)
                    sb_puts(sb, ", ");
                put_rat(sb, fmpq_mat_entry(v->u.m, i, j));
            }
            sb_putc(sb, ']');
        }
        sb_puts(sb, "]}");
        return NULL;
    case VAL_FMAT:
        sb_puts(sb, "{\"fmatrix\": [");
        for (int i = 0; i < v->u.fm->rows; i++) {
            sb_puts(sb, i ? ", [" : "[");
            for (int j = 0; j < v->u.fm->cols; j++) {
                if (j)
                    sb_puts(sb, ", ");
                if (put_double(sb, DMAT_AT(v->u.fm, i, j)))
                    return val_error(NULL, "cannot save inf or nan in JSON");
            }
            sb_putc(sb, ']');
        }
        sb_puts(sb, "]}");
        return NULL;
    case VAL_POLY:
        sb_puts(sb, "{\"polynomial\": {");
        put_coords(sb, v->u.poly.ring);
        sb_puts(sb, ", \"terms\": ");
        put_terms(sb, v->u.poly.p, v->u.poly.ring);
        sb_puts(sb, "}}");
        return NULL;
    case VAL_PMAT:
        sb_puts(sb, "{\"polymatrix\": {");
        put_coords(sb, v->u.pmat.ring);
        sb_printf(sb, ", \"rows\": %ld, \"cols\": %ld, \"entries\": [", v->u.pmat.rows,
                  v->u.pmat.cols);
        for (long i = 0; i < v->u.pmat.rows * v->u.pmat.cols; i++) {
            if (i)
                sb_puts(sb, ", ");
            put_terms(sb, v->u.pmat.e + i, v->u.pmat.ring);
        }
        sb_puts(sb, "]}}");
        return NULL;
    case VAL_OBJ:
        if (val_is_obj(v, &lie_algebra_type)) {
            const MatAlgebra *g = v->u.obj.data;
            sb_puts(sb, "{\"algebra\": {\"name\": ");
            put_str(sb, g->name, strlen(g->name));
            sb_printf(sb, ", \"affine\": %s, \"basis\": [", g->affine ? "true" : "false");
            for (slong i = 0; i < g->dim; i++) {
                Value *m = val_mat(g->basis + i);
                if (i)
                    sb_puts(sb, ", ");
                write_inner(sb, m, depth + 1);
                val_unref(m);
            }
            sb_puts(sb, "]}}");
            return NULL;
        }
        if (model_space_of(v))
            return write_space(sb, v, depth);
        if (val_is_obj(v, &model_value_type)) {
            sb_puts(sb, "{\"model\": {\"space\": ");
            Value *e = write_space(sb, model_value_space(v), depth + 1);
            if (e)
                return e;
            sb_puts(sb, ", \"record\": ");
            /* the fit's record: every field but space */
            Value *coef = v->u.obj.type->field(v, "coef");
            val_unref(coef);
            StrBuf rec = STRBUF_INIT;
            Value *f = NULL;
            sb_puts(&rec, "{\"record\": {");
            const char *keys[] = {"coef",
                                  "formula",
                                  "gamma",
                                  "objective",
                                  "residual",
                                  "singular_values",
                                  "nuclear_norm",
                                  "rank",
                                  "symmetries",
                                  "gap",
                                  "closure_residual",
                                  "iterations",
                                  "converged",
                                  "interpolate",
                                  "interrupted",
                                  NULL};
            int n = 0;
            for (int k = 0; keys[k] && !f; k++) {
                Value *x = v->u.obj.type->field(v, keys[k]);
                if (val_is_error(x)) {
                    val_unref(x);
                    continue;
                }
                sb_puts(&rec, n++ ? ", " : "");
                put_str(&rec, keys[k], strlen(keys[k]));
                sb_puts(&rec, ": ");
                f = write_inner(&rec, x, depth + 2);
                val_unref(x);
            }
            sb_puts(&rec, "}}");
            if (!f)
                sb_puts(sb, sb_str(&rec));
            sb_free(&rec);
            if (f)
                return f;
            sb_puts(sb, "}}");
            return NULL;
        }
        return val_error(NULL,
                         "a %s cannot be saved as JSON (numbers, strings, lists, "
                         "records, matrices, polynomials, algebras, model spaces and "
                         "models can)",
                         val_kind_name(v));
    default:
        return val_error(NULL, "a %s cannot be saved as JSON", val_kind_name(v));
    }
}

Value *json_write(StrBuf *sb, const Value *v)
{
    Value *e = write_inner(sb, v, 0);
    if (!e)
        sb_putc(sb, '\n');
    return e;
}

/* ------------------------------------------------------------ reading */

typedef struct Reader {
    Interp *I;
    const char *s, *name;
    size_t len, pos;
    char err[300];
} Reader;

static int fail(Reader *r, const char *msg)
{
    if (!*r->err) {
        long line = 1, col = 1;
        for (size_t i = 0; i < r->pos && i < r->len; i++) {
            if (r->s[i] == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        snprintf(r->err, sizeof r->err, "%s:%ld:%ld: %s", r->name, line, col, msg);
    }
    return -1;
}

static void ws(Reader *r)
{
    while (r->pos < r->len && isspace((unsigned char)r->s[r->pos]))
        r->pos++;
}

static int peek(Reader *r)
{
    ws(r);
    return r->pos < r->len ? (unsigned char)r->s[r->pos] : -1;
}

static int expect(Reader *r, char c)
{
    if (peek(r) != c) {
        char m[40];
        snprintf(m, sizeof m, "expected '%c'", c);
        return fail(r, m);
    }
    r->pos++;
    return 0;
}

/* A JSON string into a malloc'ed buffer (UTF-8; \u escapes of the BMP). */
static char *read_str(Reader *r, size_t *n)
{
    if (expect(r, '"'))
        return NULL;
    StrBuf sb = STRBUF_INIT;
    while (r->pos < r->len && r->s[r->pos] != '"') {
        char c = r->s[r->pos++];
        if (c != '\\') {
            sb_putc(&sb, c);
            continue;
        }
        if (r->pos >= r->len)
            break;
        c = r->s[r->pos++];
        switch (c) {
        case 'n':
            sb_putc(&sb, '\n');
            break;
        case 't':
            sb_putc(&sb, '\t');
            break;
        case 'r':
            sb_putc(&sb, '\r');
            break;
        case 'b':
            sb_putc(&sb, '\b');
            break;
        case 'f':
            sb_putc(&sb, '\f');
            break;
        case 'u': {
            unsigned u = 0;
            if (r->pos + 4 > r->len || sscanf(r->s + r->pos, "%4x", &u) != 1) {
                sb_free(&sb);
                fail(r, "bad \\u escape");
                return NULL;
            }
            r->pos += 4;
            if (u < 0x80) {
                sb_putc(&sb, (char)u);
            } else if (u < 0x800) {
                sb_putc(&sb, (char)(0xC0 | (u >> 6)));
                sb_putc(&sb, (char)(0x80 | (u & 0x3F)));
            } else {
                sb_putc(&sb, (char)(0xE0 | (u >> 12)));
                sb_putc(&sb, (char)(0x80 | ((u >> 6) & 0x3F)));
                sb_putc(&sb, (char)(0x80 | (u & 0x3F)));
            }
            break;
        }
        default:
            sb_putc(&sb, c);
        }
    }
    if (r->pos >= r->len) {
        sb_free(&sb);
        fail(r, "unterminated string");
        return NULL;
    }
    r->pos++;
    *n = sb.len;
    if (!sb.s)
        sb_putc(&sb, '\0'), sb.len = 0;
    return sb_take(&sb);
}

static Value *read_value(Reader *r, int depth);

/* An integer read from JSON (a number without fraction): 1 and *out. */
static int json_long(const Value *v, long *out)
{
    if (val_get_long(v, out))
        return 1;
    if (v->kind == VAL_REAL && mpfr_integer_p(v->u.r) && mpfr_fits_slong_p(v->u.r, MPFR_RNDN)) {
        *out = mpfr_get_si(v->u.r, MPFR_RNDN);
        return 1;
    }
    return 0;
}

/* An exact rational from the text "p" or "p/q"; NULL if it is not one. */
static Value *rat_from_text(const char *s)
{
    const char *p = s + (*s == '-');
    int ok = isdigit((unsigned char)*p), slash = 0;
    for (; *p && ok; p++)
        if (*p == '/' && !slash && isdigit((unsigned char)p[1]))
            slash = 1;
        else if (!isdigit((unsigned char)*p))
            ok = 0;
    if (!ok)
        return NULL;
    Value *v = val_rat_si(0);
    if (fmpq_set_str(v->u.q, s, 10) || fmpz_is_zero(fmpq_denref(v->u.q))) {
        val_unref(v);
        return NULL;
    }
    fmpq_canonicalise(v->u.q);
    return v;
}

/* An exact rational from a JSON string "p/q". */
static Value *read_rat(Reader *r)
{
    size_t n;
    char *s = read_str(r, &n);
    if (!s)
        return NULL;
    Value *v = rat_from_text(s);
    if (!v)
        fail(r, "an exact number must be a string \"p\" or \"p/q\" of digits");
    free(s);
    return v;
}

static int read_coords(Reader *r, PolyRing **R)
{
    Value *l = read_value(r, 1);
    if (!l)
        return -1;
    PolyRing *cur = r->I->ring;
    int ok = l->kind == VAL_LIST && cur && (slong)l->u.list.n == cur->nvars;
    for (long i = 0; ok && i < l->u.list.n; i++)
        ok = l->u.list.items[i]->kind == VAL_STR &&
             strcmp(l->u.list.items[i]->u.str.s, cur->names[i]) == 0;
    if (!ok) {
        StrBuf sb = STRBUF_INIT;
        for (long i = 0; l->kind == VAL_LIST && i < l->u.list.n; i++)
            if (l->u.list.items[i]->kind == VAL_STR)
                sb_printf(&sb, "%s%s", i ? ", " : "", l->u.list.items[i]->u.str.s);
        char m[200];
        snprintf(m, sizeof m,
                 "the polynomials are over coordinates (%s): declare "
                 "coords %s first",
                 sb_str(&sb), sb_str(&sb));
        sb_free(&sb);
        val_unref(l);
        return fail(r, m);
    }
    val_unref(l);
    *R = cur;
    return 0;
}

static int read_terms(Reader *r, fmpq_mpoly_t p, PolyRing *R)
{
    Value *l = read_value(r, 1);
    if (!l)
        return -1;
    int st = 0;
    ulong *e = calloc((size_t)(R->nvars + 1), sizeof(ulong));
    fmpq_mpoly_zero(p, R->ctx);
    if (l->kind != VAL_LIST)
        st = fail(r, "terms must be a list of [coefficient, exponents]");
    for (long t = 0; !st && t < l->u.list.n; t++) {
        const Value *term = l->u.list.items[t];
        Value *cf =
            term->kind == VAL_LIST && term->u.list.n == 2 && term->u.list.items[0]->kind == VAL_STR
                ? rat_from_text(term->u.list.items[0]->u.str.s)
                : NULL;
        if (!cf || term->u.list.items[1]->kind != VAL_LIST ||
            (slong)term->u.list.items[1]->u.list.n != R->nvars) {
            val_unref(cf);
            st = fail(r, "a term must be [\"coefficient\", [one exponent per coordinate]]");
            break;
        }
        for (slong i = 0; i < R->nvars && !st; i++) {
            long x;
            if (!json_long(term->u.list.items[1]->u.list.items[i], &x) || x < 0 ||
                x > POLY_MAX_DEGREE)
                st = fail(r, "an exponent must be an integer from 0 to 10000");
            else
                e[i] = (ulong)x;
        }
        if (!st)
            fmpq_mpoly_push_term_fmpq_ui(p, cf->u.q, e, R->ctx);
        val_unref(cf);
    }
    fmpq_mpoly_sort_terms(p, R->ctx);
    fmpq_mpoly_combine_like_terms(p, R->ctx);
    free(e);
    val_unref(l);
    return st;
}

static Value *json_build(Reader *r, const char *kind, Value *rec);

/* The body of a {"kind": body} object, after the key (the caller reads
 * the closing brace). */
static Value *read_tagged(Reader *r, const char *kind, int depth)
{
    if (strcmp(kind, "rational") == 0)
        return read_rat(r);
    if (strcmp(kind, "record") == 0 || strcmp(kind, "polynomial") == 0 ||
        strcmp(kind, "polymatrix") == 0 || strcmp(kind, "algebra") == 0 ||
        strcmp(kind, "model_space") == 0 || strcmp(kind, "model") == 0) {
        /* an object of named parts, read in any order */
        if (expect(r, '{'))
            return NULL;
        Value *rec = val_record_new(kind, 0);
        PolyRing *R = NULL;
        Value *polyval = NULL;
        long rows = -1, cols = -1;
        while (peek(r) != '}') {
            size_t n;
            char *key = read_str(r, &n);
            if (!key || expect(r, ':')) {
                free(key);
                val_unref(rec);
                val_unref(polyval);
                return NULL;
            }
            int is_poly = strcmp(kind, "polynomial") == 0 || strcmp(kind, "polymatrix") == 0;
            if (is_poly && strcmp(key, "coords") == 0) {
                if (read_coords(r, &R)) {
                    free(key);
                    val_unref(rec);
                    return NULL;
                }
            } else if (is_poly && strcmp(key, "terms") == 0 && R) {
                polyval = val_poly_new(R);
                if (read_terms(r, polyval->u.poly.p, R)) {
                    free(key);
                    val_unref(rec);
                    val_unref(polyval);
                    return NULL;
                }
            } else if (is_poly && strcmp(key, "entries") == 0 && R && rows > 0 && cols > 0) {
                polyval = val_pmat_new(R, rows, cols);
                if (expect(r, '[')) {
                    free(key);
                    val_unref(rec);
                    val_unref(polyval);
                    return NULL;
                }
                for (long i = 0; i < rows * cols; i++) {
                    if ((i && expect(r, ',')) || read_terms(r, polyval->u.pmat.e + i, R)) {
                        free(key);
                        val_unref(rec);
                        val_unref(polyval);
                        return NULL;
                    }
                }
                if (expect(r, ']')) {
                    free(key);
                    val_unref(rec);
                    val_unref(polyval);
                    return NULL;
                }
            } else {
                Value *x = read_value(r, depth + 1);
                if (!x) {
                    free(key);
                    val_unref(rec);
                    val_unref(polyval);
                    return NULL;
                }
                if (is_poly && strcmp(key, "rows") == 0 && !json_long(x, &rows))
                    rows = -1;
                if (is_poly && strcmp(key, "cols") == 0 && !json_long(x, &cols))
                    cols = -1;
                Value *nr = arith_with_field(rec, key, x, NULL);
                val_unref(rec);
                val_unref(x);
                rec = nr;
            }
            free(key);
            if (peek(r) == ',')
                r->pos++;
            else
                break;
        }
        if (expect(r, '}')) {
            val_unref(rec);
            val_unref(polyval);
            return NULL;
        }
        if (strcmp(kind, "polynomial") == 0 || strcmp(kind, "polymatrix") == 0) {
            val_unref(rec);
            if (!polyval)
                fail(r, "a polynomial needs coords, then terms (or rows, cols, entries)");
            return polyval;
        }
        if (strcmp(kind, "record") == 0) {
            free(rec->u.rec.type);
            rec->u.rec.type = strdup("record");
            return rec;
        }
        return json_build(r, kind, rec);
    }
    if (strcmp(kind, "real") == 0) {
        size_t n;
        char *s = read_str(r, &n);
        if (!s)
            return NULL;
        long bits = r->I->prec;
        if (peek(r) == ',') {
            r->pos++;
            size_t m;
            char *k = read_str(r, &m);
            Value *b = k && !expect(r, ':') ? read_value(r, depth + 1) : NULL;
            if (!b || strcmp(k, "bits") != 0 || !json_long(b, &bits) || bits < 2 ||
                bits > 1000000) {
                free(k);
                free(s);
                val_unref(b);
                fail(r, "a real is {\"real\": \"digits\", \"bits\": precision}");
                return NULL;
            }
            free(k);
            val_unref(b);
        }
        mpfr_t x;
        mpfr_init2(x, bits);
        char *end;
        mpfr_strtofr(x, s, &end, 10, MPFR_RNDN);
        Value *v = *end ? NULL : val_real(x);
        mpfr_clear(x);
        free(s);
        if (!v)
            fail(r, "not a real number");
        return v;
    }
    if (strcmp(kind, "matrix") == 0 || strcmp(kind, "fmatrix") == 0) {
        Value *rows = read_value(r, depth + 1);
        if (!rows)
            return NULL;
        long nr = rows->kind == VAL_LIST ? rows->u.list.n : -1, nc = -1;
        int ok = nr > 0;
        for (long i = 0; ok && i < nr; i++) {
            const Value *row = rows->u.list.items[i];
            ok = row->kind == VAL_LIST && (nc < 0 || row->u.list.n == nc) && row->u.list.n > 0;
            if (ok)
                nc = row->u.list.n;
        }
        Value *m = NULL;
        if (ok && kind[0] == 'm') {
            m = val_mat_new(nr, nc);
            for (long i = 0; ok && i < nr; i++)
                for (long j = 0; ok && j < nc; j++) {
                    const Value *x = rows->u.list.items[i]->u.list.items[j];
                    Value *q = x->kind == VAL_STR ? rat_from_text(x->u.str.s) : NULL;
                    ok = q != NULL;
                    if (ok)
                        fmpq_set(fmpq_mat_entry(m->u.m, i, j), q->u.q);
                    val_unref(q);
                }
        } else if (ok) {
            DMat *d = dmat_zeros((int)nr, (int)nc);
            for (long i = 0; ok && d && i < nr; i++)
                for (long j = 0; ok && j < nc; j++) {
                    const Value *x = rows->u.list.items[i]->u.list.items[j];
                    ok = x->kind == VAL_REAL;
                    if (ok)
                        DMAT_AT(d, i, j) = mpfr_get_d(x->u.r, MPFR_RNDN);
                }
            m = d ? val_fmat(d) : NULL;
        }
        val_unref(rows);
        if (!ok || !m) {
            val_unref(m);
            fail(r, kind[0] == 'm' ? "a matrix is a non-empty list of equal rows of exact "
                                     "strings \"p/q\""
                                   : "an fmatrix is a non-empty list of equal rows of numbers");
            return NULL;
        }
        return m;
    }
    char m[120];
    snprintf(m, sizeof m, "unknown kind '%s'", kind);
    fail(r, m);
    return NULL;
}

/* A builtin called with positional arguments (borrowed). */
static Value *call_named(Reader *r, const char *name, Value **args, int n)
{
    Value *fn = val_builtin(builtin_find(name));
    Span none = {0};
    Value *v = interp_call(r->I, fn, args, n, &none);
    val_unref(fn);
    return v;
}

static Value *field_of(const Value *rec, const char *key)
{
    for (long i = 0; i < rec->u.rec.n; i++)
        if (strcmp(rec->u.rec.keys[i], key) == 0)
            return rec->u.rec.vals[i];
    return NULL;
}

/* algebra, model_space, model from the record of their parts (stolen). */
static Value *json_build(Reader *r, const char *kind, Value *rec)
{
    Value *out = NULL;
    char msg[200] = "";
    if (strcmp(kind, "algebra") == 0) {
        Value *basis = field_of(rec, "basis"), *aff = field_of(rec, "affine"),
              *name = field_of(rec, "name");
        if (!basis || basis->kind != VAL_LIST) {
            snprintf(msg, sizeof msg, "an algebra needs a basis (a list of matrices)");
        } else {
            Value *args[2] = {basis, aff ? aff : val_bool(0)};
            out = call_named(r, "algebra", args, 2);
            if (!aff)
                val_unref(args[1]);
            if (!val_is_error(out) && name && name->kind == VAL_STR) {
                MatAlgebra *g = out->u.obj.data; /* fresh: not shared yet */
                snprintf(g->name, sizeof g->name, "%s", name->u.str.s);
            }
        }
    } else if (strcmp(kind, "model_space") == 0) {
        Value *basis = field_of(rec, "basis"), *coords = field_of(rec, "coords");
        (void)coords;
        if (!basis || basis->kind != VAL_LIST || basis->u.list.n == 0)
            snprintf(msg, sizeof msg, "a model space needs a non-empty basis");
        else
            out = call_named(r, "span", &basis, 1);
    } else if (strcmp(kind, "model") == 0) {
        Value *space = field_of(rec, "space"), *info = field_of(rec, "record");
        if (!space || !model_space_of(space) || !info || info->kind != VAL_RECORD) {
            snprintf(msg, sizeof msg, "a model needs a space (a model_space) and a record");
        } else {
            Value *copy = val_record_new("record", info->u.rec.n);
            for (long i = 0; i < info->u.rec.n; i++)
                val_record_set(copy, i, info->u.rec.keys[i], val_ref(info->u.rec.vals[i]));
            const ModelSpace *S = model_space_of(space);
            Value *coef = field_of(copy, "coef");
            if (!coef || coef->kind != VAL_FMAT ||
                (slong)coef->u.fm->rows * coef->u.fm->cols != S->dim) {
                val_unref(copy);
                snprintf(msg, sizeof msg,
                         "the model's coef must be a float column of %ld "
                         "coordinates",
                         (long)S->dim);
            } else {
                out = model_value_new(space, copy);
            }
        }
    }
    val_unref(rec);
    if (*msg) {
        fail(r, msg);
        return NULL;
    }
    if (val_is_error(out)) {
        char m[260];
        snprintf(m, sizeof m, "%s", out->u.err.msg);
        val_unref(out);
        fail(r, m);
        return NULL;
    }
    return out;
}

static Value *read_value(Reader *r, int depth)
{
    if (depth > JSON_MAX_DEPTH) {
        fail(r, "nested too deeply");
        return NULL;
    }
    int c = peek(r);
    if (c == '"') {
        size_t n;
        char *s = read_str(r, &n);
        if (!s)
            return NULL;
        Value *v = val_str(s, n);
        free(s);
        return v;
    }
    if (c == '[') {
        r->pos++;
        long n = 0, cap = 8;
        Value **items = malloc(sizeof(Value *) * (size_t)cap);
        while (peek(r) != ']') {
            Value *x = read_value(r, depth + 1);
            if (!x) {
                for (long i = 0; i < n; i++)
                    val_unref(items[i]);
                free(items);
                return NULL;
            }
            if (n == cap)
                items = realloc(items, sizeof(Value *) * (size_t)(cap *= 2));
            items[n++] = x;
            if (peek(r) == ',')
                r->pos++;
            else
                break;
        }
        Value *l = NULL;
        if (!expect(r, ']')) {
            l = val_list_new(n);
            for (long i = 0; i < n; i++)
                val_list_set(l, i, items[i]);
        } else {
            for (long i = 0; i < n; i++)
                val_unref(items[i]);
        }
        free(items);
        return l;
    }
    if (c == '{') {
        r->pos++;
        if (peek(r) == '}') {
            r->pos++;
            return val_record_new("record", 0);
        }
        size_t n;
        char *key = read_str(r, &n);
        if (!key || expect(r, ':')) {
            free(key);
            return NULL;
        }
        static const char *const kinds[] = {"rational",    "real",       "record",     "matrix",
                                            "fmatrix",     "polynomial", "polymatrix", "algebra",
                                            "model_space", "model",      NULL};
        int tagged = 0;
        for (int k = 0; kinds[k]; k++)
            if (strcmp(kinds[k], key) == 0)
                tagged = 1;
        Value *v;
        if (tagged) {
            v = read_tagged(r, key, depth);
            free(key);
            if (v && expect(r, '}')) {
                val_unref(v);
                return NULL;
            }
            return v;
        }
        /* a plain JSON object (from another tool): a record */
        Value *rec = val_record_new("record", 0);
        for (;;) {
            Value *x = read_value(r, depth + 1);
            if (!x) {
                free(key);
                val_unref(rec);
                return NULL;
            }
            Value *nr = arith_with_field(rec, key, x, NULL);
            free(key);
            val_unref(rec);
            val_unref(x);
            rec = nr;
            if (peek(r) != ',')
                break;
            r->pos++;
            key = read_str(r, &n);
            if (!key || expect(r, ':')) {
                free(key);
                val_unref(rec);
                return NULL;
            }
        }
        if (expect(r, '}')) {
            val_unref(rec);
            return NULL;
        }
        return rec;
    }
    if (c == 't' && r->len - r->pos >= 4 && strncmp(r->s + r->pos, "true", 4) == 0) {
        r->pos += 4;
        return val_bool(1);
    }
    if (c == 'f' && r->len - r->pos >= 5 && strncmp(r->s + r->pos, "false", 5) == 0) {
        r->pos += 5;
        return val_bool(0);
    }
    if (c == 'n' && r->len - r->pos >= 4 && strncmp(r->s + r->pos, "null", 4) == 0) {
        r->pos += 4;
        return val_nil();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        /* a JSON number is a float (exact numbers are strings) */
        char buf[64];
        size_t k = 0;
        while (r->pos < r->len && k + 1 < sizeof buf &&
               (isdigit((unsigned char)r->s[r->pos]) || strchr("+-.eE", r->s[r->pos])))
            buf[k++] = r->s[r->pos++];
        buf[k] = '\0';
        char *end;
        double d = strtod(buf, &end);
        if (*end || !k) {
            fail(r, "bad number");
            return NULL;
        }
        return val_real_d(d);
    }
    fail(r, c < 0 ? "unexpected end of the file" : "unexpected character");
    return NULL;
}

Value *json_read(Interp *I, const char *text, size_t len, const char *name)
{
    Reader r = {I, text, name, len, 0, ""};
    Value *v = read_value(&r, 0);
    if (v && peek(&r) >= 0) {
        val_unref(v);
        v = NULL;
        fail(&r, "extra text after the value");
    }
    if (!v)
        return val_error(NULL, "%s", r.err[0] ? r.err : "cannot read JSON");
    return v;
}
