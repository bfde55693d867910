/* builtins_data.c — data sets (named float columns) and seeded random
 * numbers: load, save, columns, data, sample, noise, rand, randn.
 * Glue only: CSV reading and writing is in numeric/csv, the generator in
 * numeric/rng.
 *
 * A data set is a VAL_OBJ of type "data" holding a CsvTable (column names
 * and an n x k DMat).  X.name is the column called name (n x 1), or else
 * the group of columns name1, name2, ... / name_1, name_2, ... in file
 * order (n x k); X[i] is row i (1 x k); length(X) is the number of rows.
 *
 * Random matrices are filled row by row from one stream, so the first
 * rows of sample(n + 1, ...) are sample(n, ...) with the same seed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include "convert.h"
#include "builtins_nn.h"
#include "nn/io.h"
#include "builtins.h"
#include "slice.h"
#include "interp.h"
#include "json.h"
#include "print.h"
#include "numeric/csv.h"
#include "numeric/dmat.h"
#include "numeric/rng.h"

/* Largest number of entries a data builtin makes (1 GiB of doubles). */
#define DATA_MAX_ENTRIES (1L << 27)
/* Rows shown when a data set is printed. */
#define DATA_SHOW_ROWS 5

/* ------------------------------------------------------------ the kind */

static void data_free(void *d)
{
    CsvTable *t = d;
    csv_table_clear(t);
    free(t);
}

static void data_print(StrBuf *sb, const Value *v, PrintFormat fmt)
{
    const CsvTable *t = v->u.obj.data;
    const DMat *A = t->data;
    (void)fmt;
    sb_printf(sb, "data: %d row%s, %d column%s (", A->rows, A->rows == 1 ? "" : "s", t->cols,
              t->cols == 1 ? "" : "s");
    for (int j = 0; j < t->cols; j++)
        sb_printf(sb, "%s%s", j ? ", " : "", t->names[j]);
    sb_putc(sb, ')');
    int show = A->rows < DATA_SHOW_ROWS || print_show_all ? A->rows : DATA_SHOW_ROWS;
    if (show == 0)
        return;
    char cell[32];
    int *w = calloc((size_t)t->cols, sizeof(int));
    if (!w)
        return;
    for (int j = 0; j < t->cols; j++) {
        w[j] = (int)strlen(t->names[j]);
        for (int i = 0; i < show; i++) {
            int n = snprintf(cell, sizeof cell, "%.10g", DMAT_AT(A, i, j));
            if (n > w[j])
                w[j] = n;
        }
    }
    sb_putc(sb, '\n');
    for (int j = 0; j < t->cols; j++)
        sb_printf(sb, "  %*s", w[j], t->names[j]);
    for (int i = 0; i < show; i++) {
        sb_putc(sb, '\n');
        for (int j = 0; j < t->cols; j++) {
            snprintf(cell, sizeof cell, "%.10g", DMAT_AT(A, i, j));
            sb_printf(sb, "  %*s", w[j], cell);
        }
    }
    if (A->rows > show)
        sb_printf(sb, "\n  ... %d more row%s", A->rows - show, A->rows - show == 1 ? "" : "s");
    free(w);
}

/* 1 if column name c is in the group g: g followed by digits only, or by
 * '_' and anything. */
static int in_group(const char *c, const char *g)
{
    size_t n = strlen(g);
    if (strncmp(c, g, n) != 0 || !c[n])
        return 0;
    if (c[n] == '_')
        return 1;
    for (const char *p = c + n; *p; p++)
        if (*p < '0' || *p > '9')
            return 0;
    return 1;
}

/* New n x |idx| float matrix of the columns idx[0 .. m) of t. */
static Value *data_columns(const CsvTable *t, const int *idx, int m)
{
    DMat *B = dmat_new(t->data->rows, m);
    if (!B)
        return val_error(NULL, "out of memory");
    for (int j = 0; j < m; j++)
        for (int i = 0; i < t->data->rows; i++)
            DMAT_AT(B, i, j) = DMAT_AT(t->data, i, idx[j]);
    return val_fmat(B);
}

static Value *data_field(const Value *v, const char *name)
{
    const CsvTable *t = v->u.obj.data;
    for (int j = 0; j < t->cols; j++)
        if (strcmp(t->names[j], name) == 0)
            return data_columns(t, &j, 1);
    int *idx = malloc(sizeof(int) * (size_t)(t->cols > 0 ? t->cols : 1));
    if (!idx)
        return val_error(NULL, "out of memory");
    int m = 0;
    for (int j = 0; j < t->cols; j++)
        if (in_group(t->names[j], name))
            idx[m++] = j;
    Value *r;
    if (m) {
        r = data_columns(t, idx, m);
    } else {
        StrBuf sb = STRBUF_INIT;
        for (int j = 0; j < t->cols; j++)
            sb_printf(&sb, "%s%s", j ? ", " : "", t->names[j]);
        r = val_error(NULL, "the data set has no column or group '%s' (columns: %s)", name,
                      sb_str(&sb));
        sb_free(&sb);
    }
    free(idx);
    return r;
}

static Value *data_index(const Value *v, long i)
{
    const CsvTable *t = v->u.obj.data;
    if (i < 1 || i > t->data->rows)
        return val_error(NULL, "index %ld out of range: the data set has %d row%s", i,
                         t->data->rows, t->data->rows == 1 ? "" : "s");
    DMat *r = dmat_new(1, t->cols);
    if (!r)
        return val_error(NULL, "out of memory");
    for (int j = 0; j < t->cols; j++)
        DMAT_AT(r, 0, j) = DMAT_AT(t->data, i - 1, j);
    return val_fmat(r);
}

static long data_length(const Value *v)
{
    return ((const CsvTable *)v->u.obj.data)->data->rows;
}

extern const ObjType data_type;

/* X[rows] with a list, range or ':' (slice.h): a data set of those rows. */
static Value *data_slice(Value *X, Value **idx, int nidx, const AstNode *n)
{
    if (nidx != 1)
        return val_error(&n->span, "a data set takes one index (rows); columns are X.name");
    Value *ix = idx[0];
    const CsvTable *t = X->u.obj.data;
    long *p, m;
    int s;
    Value *err =
        slice_positions(ix, t->data->rows, &n->kids[1]->span, "data set", "rows", &p, &m, &s);
    if (err)
        return err;
    CsvTable *u = malloc(sizeof *u);
    DMat *d = dmat_zeros((int)m, t->cols);
    char **names = calloc((size_t)(t->cols ? t->cols : 1), sizeof(char *));
    if (!u || !d || !names) {
        free(u);
        dmat_free(d);
        free(names);
        free(p);
        return val_error(&n->span, "out of memory");
    }
    for (int j = 0; j < t->cols; j++) {
        names[j] = strdup(t->names[j]);
        for (long i = 0; i < m; i++)
            DMAT_AT(d, i, j) = DMAT_AT(t->data, p[i], j);
    }
    free(p);
    csv_table_init(u);
    u->cols = t->cols;
    u->names = names;
    u->data = d;
    return val_obj(&data_type, u);
}

const ObjType data_type = {"data", data_free, data_print, data_index, data_field, data_length,
                           NULL,   NULL,      NULL,       NULL,       data_slice};

/* ------------------------------------------------------------ helpers */

/* The optional seed argument i (default 0). */
static Value *get_seed(Call *c, Value **a, int i, uint64_t *seed)
{
    long s = 0;
    if (a[i] && a[i]->kind != VAL_NIL) {
        Value *e = arg_long(c, a, i, 0, 0x7fffffffffffffffL, &s);
        if (e)
            return e;
    }
    *seed = (uint64_t)s;
    return NULL;
}

/* A rows x cols size within DATA_MAX_ENTRIES. */
static Value *check_size(Call *c, long rows, long cols)
{
    if (rows > 0 && cols > 0 && rows > DATA_MAX_ENTRIES / cols)
        return call_error(c, "%ld x %ld is too large (at most %ld entries)", rows, cols,
                          DATA_MAX_ENTRIES);
    return NULL;
}

/* A new data set value owning names (k of them) and A. */
static Value *data_value(char **names, int k, DMat *A)
{
    CsvTable *t = malloc(sizeof *t);
    if (!t) {
        for (int j = 0; j < k; j++)
            free(names[j]);
        free(names);
        dmat_free(A);
        return val_error(NULL, "out of memory");
    }
    t->cols = k;
    t->names = names;
    t->data = A;
    return val_obj(&data_type, t);
}

/* Builds the columns of record r (fields: n x 1 or n x k matrices or lists
 * of numbers, a field x of k > 1 columns becoming x1 .. xk) into a new
 * table t.  Returns NULL, or an error value for argument i of c (t is then
 * empty). */
static Value *record_to_table(Call *c, int i, const Value *r, CsvTable *t)
{
    csv_table_init(t);
    long nf = r->u.rec.n, k = 0, rows = -1;
    if (nf == 0)
        return arg_error(c, i, "the record has no fields: a data set needs at least one column");
    DMat **M = calloc((size_t)nf, sizeof(DMat *));
    if (!M)
        return call_error(c, "out of memory");
    Value *e = NULL;
    for (long f = 0; f < nf && !e; f++) {
        int nomem;
        const char *key = r->u.rec.keys[f];
        if (!(M[f] = convert_dmat_column(r->u.rec.vals[f], &nomem)))
            e = nomem ? call_error(c, "out of memory")
                      : arg_error(c, i,
                                  "field '%s' must be a matrix or a list of numbers for CSV, "
                                  "not a %s (a .json file keeps any record)",
                                  key, val_kind_name(r->u.rec.vals[f]));
        else if (rows >= 0 && M[f]->rows != rows)
            e = arg_error(c, i, "field '%s' has %d row%s, '%s' has %ld", key, M[f]->rows,
                          M[f]->rows == 1 ? "" : "s", r->u.rec.keys[0], rows);
        else if (M[f]->cols == 0)
            e = arg_error(c, i, "field '%s' has no columns", key);
        else {
            rows = M[f]->rows;
            k += M[f]->cols;
        }
    }
    if (!e && (k > 0x7fffffffL || (rows > 0 && rows > DATA_MAX_ENTRIES / k)))
        e = arg_error(c, i, "too large: %ld rows x %ld columns", rows, k);
    if (!e) {
        t->names = calloc((size_t)k, sizeof(char *));
        t->data = dmat_new((int)rows, (int)k);
        if (!t->names || !t->data)
            e = call_error(c, "out of memory");
    }
    for (long f = 0, j = 0; f < nf && !e; f++) {
        for (int q = 0; q < M[f]->cols && !e; q++, j++) {
            StrBuf sb = STRBUF_INIT;
            if (M[f]->cols == 1)
                sb_puts(&sb, r->u.rec.keys[f]);
            else
                sb_printf(&sb, "%s%d", r->u.rec.keys[f], q + 1);
            t->names[j] = sb_take(&sb);
            t->cols = (int)j + 1;
            for (int p = 0; p < rows; p++)
                DMAT_AT(t->data, p, j) = DMAT_AT(M[f], p, q);
            for (long u = 0; u < j && !e; u++)
                if (strcmp(t->names[u], t->names[j]) == 0)
                    e = arg_error(c, i, "duplicate column name '%s'", t->names[j]);
        }
    }
    for (long f = 0; f < nf; f++)
        dmat_free(M[f]);
    free(M);
    if (e)
        csv_table_clear(t);
    return e;
}

/* ------------------------------------------------------------ JSON */

/* 1 if path names a JSON file (ends in .json). */
static int json_path(const char *path)
{
    size_t n = strlen(path);
    return n > 5 && strcmp(path + n - 5, ".json") == 0;
}

static Value *json_save_file(Call *c, const char *path, const Value *v)
{
    StrBuf sb = STRBUF_INIT;
    Value *e = json_write(&sb, v);
    if (e) {
        sb_free(&sb);
        Value *err = arg_error(c, 1, "%s", e->u.err.msg);
        val_unref(e);
        return err;
    }
    FILE *f = fopen(path, "w");
    int bad = !f || fwrite(sb_str(&sb), 1, sb.len, f) != sb.len;
    if (f)
        bad |= fclose(f) != 0;
    sb_free(&sb);
    if (bad)
        return call_error(c, "cannot write '%s': %s", path, strerror(errno));
    return val_nil();
}

static Value *json_load_file(Call *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return call_error(c, "cannot open '%s': %s", path, strerror(errno));
    StrBuf sb = STRBUF_INIT;
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        sb_putn(&sb, buf, n);
    fclose(f);
    Value *v = json_read(c->I, sb_str(&sb), sb.len, path);
    sb_free(&sb);
    if (val_is_error(v)) {
        Value *e = call_error(c, "%s", v->u.err.msg);
        val_unref(v);
        return e;
    }
    return v;
}

/* ------------------------------------------------------------ builtins */

static Value *bi_load(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR)
        return arg_type_error(c, 0, "a file name string", a[0]);
    if (json_path(a[0]->u.str.s))
        return json_load_file(c, a[0]->u.str.s);
    if (nn_file_is_net(a[0]->u.str.s))
        return nn_builtin_load(c, a[0]->u.str.s);
    CsvTable *t = malloc(sizeof *t);
    if (!t)
        return call_error(c, "out of memory");
    csv_table_init(t);
    char *err = NULL;
    if (csv_read_file(t, a[0]->u.str.s, &err)) {
        Value *e = call_error(c, "%s", err);
        free(err);
        free(t);
        return e;
    }
    return val_obj(&data_type, t);
}

static Value *bi_save(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR)
        return arg_type_error(c, 0, "a file name string", a[0]);
    if (json_path(a[0]->u.str.s))
        return json_save_file(c, a[0]->u.str.s, a[1]);
    Value *X = a[1];
    if (nn_is_network(X))
        return nn_builtin_save(c, a[0]->u.str.s, X);
    CsvTable own;
    const CsvTable *t = &own;
    csv_table_init(&own);
    if (val_is_obj(X, &data_type)) {
        t = X->u.obj.data;
    } else if (X->kind == VAL_FMAT || X->kind == VAL_MAT || X->kind == VAL_LIST) {
        int nomem;
        own.data = convert_dmat_column(X, &nomem);
        if (!own.data)
            return nomem ? call_error(c, "out of memory")
                         : arg_type_error(c, 1, "a data set, a matrix or a record of columns", X);
        if (own.data->cols == 0) {
            csv_table_clear(&own);
            return arg_error(c, 1, "the matrix has no columns");
        }
        own.names = calloc((size_t)own.data->cols, sizeof(char *));
        for (int j = 0; own.names && j < own.data->cols; j++) {
            StrBuf sb = STRBUF_INIT;
            sb_printf(&sb, "c%d", j + 1);
            own.names[j] = sb_take(&sb);
            own.cols = j + 1;
        }
        if (!own.names) {
            csv_table_clear(&own);
            return call_error(c, "out of memory");
        }
    } else if (X->kind == VAL_RECORD) {
        Value *e = record_to_table(c, 1, X, &own);
        if (e)
            return e;
    } else {
        return arg_type_error(c, 1, "a data set, a matrix or a record of columns", X);
    }
    char *err = NULL;
    int st = csv_write_file(a[0]->u.str.s, (const char *const *)t->names, t->data, &err);
    csv_table_clear(&own);
    if (st) {
        Value *e = call_error(c, "%s", err);
        free(err);
        return e;
    }
    return val_nil();
}

static Value *bi_columns(Call *c, Value **a)
{
    if (!val_is_obj(a[0], &data_type))
        return arg_type_error(c, 0, "a data set", a[0]);
    const CsvTable *t = a[0]->u.obj.data;
    Value *l = val_list_new(t->cols);
    for (int j = 0; j < t->cols; j++)
        val_list_set(l, j, val_cstr(t->names[j]));
    return l;
}

static Value *bi_data(Call *c, Value **a)
{
    Value *r = a[0] && a[0]->kind != VAL_NIL ? a[0] : NULL;
    if (r && a[1]->u.rec.n > 0)
        return call_error(c, "give the columns either as one record or as keywords, not both");
    if (!r)
        r = a[1];
    else if (r->kind != VAL_RECORD)
        return arg_type_error(c, 0, "a record of columns", r);
    if (r->u.rec.n == 0)
        return call_error(c, "no columns: write data(x = A, dx = B) or data(record(...))");
    CsvTable t;
    Value *e = record_to_table(c, r == a[0] ? 0 : 1, r, &t);
    if (e)
        return e;
    return data_value(t.names, t.cols, t.data);
}

/* The box argument: a list of [lo, hi] pairs or an m x 2 matrix; sets
 * *lo and *hi (new arrays of *m entries). */
static Value *get_box(Call *c, Value *box, double **lo, double **hi, long *m)
{
    long n;
    int nomem = 0;
    DMat *B = NULL;
    if (box->kind == VAL_LIST) {
        n = box->u.list.n;
    } else if ((B = convert_dmat_column(box, &nomem))) {
        if (B->cols != 2) {
            Value *e = arg_error(c, 1, "the box must have 2 columns [lo, hi], not %d", B->cols);
            dmat_free(B);
            return e;
        }
        n = B->rows;
    } else {
        return nomem ? call_error(c, "out of memory")
                     : arg_type_error(c, 1, "a list of [lo, hi] pairs or an m x 2 matrix", box);
    }
    if (n == 0) {
        dmat_free(B);
        return arg_error(c, 1, "the box has no dimensions");
    }
    *lo = malloc(sizeof(double) * (size_t)n);
    *hi = malloc(sizeof(double) * (size_t)n);
    Value *e = NULL;
    if (!*lo || !*hi)
        e = call_error(c, "out of memory");
    for (long j = 0; j < n && !e; j++) {
        if (B) {
            (*lo)[j] = DMAT_AT(B, j, 0);
            (*hi)[j] = DMAT_AT(B, j, 1);
        } else {
            const Value *p = box->u.list.items[j];
            if (p->kind != VAL_LIST || p->u.list.n != 2 ||
                !convert_double(p->u.list.items[0], *lo + j) ||
                !convert_double(p->u.list.items[1], *hi + j)) {
                e = arg_error(c, 1, "entry %ld of the box must be a pair [lo, hi] of numbers",
                              j + 1);
                break;
            }
        }
        if (!isfinite((*lo)[j]) || !isfinite((*hi)[j]) || !((*lo)[j] <= (*hi)[j]))
            e = arg_error(c, 1, "dimension %ld of the box is [%g, %g]: need finite lo <= hi", j + 1,
                          (*lo)[j], (*hi)[j]);
    }
    dmat_free(B);
    if (e) {
        free(*lo);
        free(*hi);
        *lo = *hi = NULL;
        return e;
    }
    *m = n;
    return NULL;
}

static Value *bi_sample(Call *c, Value **a)
{
    long n = 0, m = 0;
    uint64_t seed;
    double *lo = NULL, *hi = NULL;
    Value *e;
    if ((e = arg_long(c, a, 0, 0, 0x7fffffffL, &n)) || (e = get_seed(c, a, 2, &seed)))
        return e;
    if ((e = get_box(c, a[1], &lo, &hi, &m)))
        return e;
    if ((e = check_size(c, n, m))) {
        free(lo);
        free(hi);
        return e;
    }
    DMat *P = dmat_new((int)n, (int)m);
    if (!P) {
        free(lo);
        free(hi);
        return call_error(c, "out of memory");
    }
    Rng r;
    rng_init(&r, seed);
    for (long i = 0; i < n; i++)
        for (long j = 0; j < m; j++)
            DMAT_AT(P, i, j) = rng_affine(lo[j], hi[j] - lo[j], rng_uniform(&r));
    free(lo);
    free(hi);
    return val_fmat(P);
}

static Value *bi_noise(Call *c, Value **a)
{
    double sigma;
    uint64_t seed;
    Value *e;
    if (!convert_double(a[1], &sigma))
        return arg_type_error(c, 1, "a number", a[1]);
    if (!isfinite(sigma) || sigma < 0)
        return arg_error(c, 1, "sigma must be a finite number >= 0");
    if ((e = get_seed(c, a, 2, &seed)))
        return e;
    int is_data = val_is_obj(a[0], &data_type), nomem = 0;
    DMat *A = is_data ? dmat_copy(((const CsvTable *)a[0]->u.obj.data)->data)
                      : convert_dmat_column(a[0], &nomem);
    if (!A)
        return is_data || nomem ? call_error(c, "out of memory")
                                : arg_type_error(c, 0, "a matrix or a data set", a[0]);
    Rng r;
    rng_init(&r, seed);
    for (int i = 0; i < A->rows; i++)
        for (int j = 0; j < A->cols; j++)
            DMAT_AT(A, i, j) = rng_affine(DMAT_AT(A, i, j), sigma, rng_normal(&r));
    if (!is_data)
        return val_fmat(A);
    const CsvTable *t = a[0]->u.obj.data;
    char **names = calloc((size_t)t->cols, sizeof(char *));
    for (int j = 0; names && j < t->cols; j++)
        if (!(names[j] = strdup(t->names[j]))) {
            for (int q = 0; q < j; q++)
                free(names[q]);
            free(names);
            names = NULL;
        }
    if (!names) {
        dmat_free(A);
        return call_error(c, "out of memory");
    }
    return data_value(names, t->cols, A);
}

/* rand and randn: a rows x cols matrix from the stream, row by row. */
static Value *random_matrix(Call *c, Value **a, int normal)
{
    long rows, cols;
    uint64_t seed;
    Value *e;
    if ((e = arg_long(c, a, 0, 0, 0x7fffffffL, &rows)) ||
        (e = arg_long(c, a, 1, 0, 0x7fffffffL, &cols)) || (e = get_seed(c, a, 2, &seed)) ||
        (e = check_size(c, rows, cols)))
        return e;
    DMat *A = dmat_new((int)rows, (int)cols);
    if (!A)
        return call_error(c, "out of memory");
    Rng r;
    rng_init(&r, seed);
    for (long i = 0; i < rows; i++)
        for (long j = 0; j < cols; j++)
            DMAT_AT(A, i, j) = normal ? rng_normal(&r) : rng_uniform(&r);
    return val_fmat(A);
}

static Value *bi_rand(Call *c, Value **a)
{
    return random_matrix(c, a, 0);
}

static Value *bi_randn(Call *c, Value **a)
{
    return random_matrix(c, a, 1);
}

const Builtin builtins_data[] = {
    {"load", "path", bi_load, "data",
     "Reads a CSV file (path relative to the current directory) into a data set: a header "
     "row of column names, then rows of numbers (doubles); '#' lines are comments.  X.name "
     "is a column, X.x the group x1, x2, ... (or x_1, x_2, ...), X[i] a row, length(X) the "
     "number of rows.  Errors give the line and column of a bad cell.  A path ending in "
     ".json reads a value saved by save (see save and man sym, FILES).",
     "save(\"/tmp/sym_help_load.csv\", record(x = [1, 2; 3, 4], y = [5; 6]));\n"
     "X = load(\"/tmp/sym_help_load.csv\");\ncolumns(X)",
     "[\"x1\", \"x2\", \"y\"]"},
    {"save", "path, X", bi_save, "data",
     "Writes X as a CSV file with a header row: a data set, a matrix (columns c1, c2, ...) or "
     "a record of columns, where a field x with k > 1 columns becomes x1 .. xk.  Values are "
     "written so that they read back exactly; returns nil.  A path ending in .json writes "
     "any number, string, list, record, matrix, polynomial, algebra, model space or fitted "
     "model as JSON, exact numbers as exact strings (\"3/4\"), which load reads back.",
     "save(\"/tmp/sym_help_save.csv\", [1/2; 3]);\nload(\"/tmp/sym_help_save.csv\").c1",
     "[0.5; 3]"},
    {"columns", "X", bi_columns, "data", "The column names of a data set, as a list of strings.",
     "columns(data(x = [1, 2; 3, 4], t = [0, 1]))", "[\"x1\", \"x2\", \"t\"]"},
    {"data", "rec = nil, **cols", bi_data, "data",
     "A data set from named columns, given as keywords or as one record: each value is an "
     "n x 1 column, a list of n numbers, or an n x k matrix whose columns become "
     "name1 .. namek.",
     "data(x = [1, 2; 3, 4], t = [0, 1]).x2", "[2; 4]"},
    {"sample", "n, box, seed = 0", bi_sample, "data",
     "n points drawn uniformly from a box, as an n x m float matrix; the box is a list of "
     "[lo, hi] pairs or an m x 2 matrix.  The same seed gives the same points on every "
     "machine (xoshiro256** seeded by splitmix64).",
     "sample(2, [[0, 1], [10, 20]], seed = 1)",
     "[0.7029218332, 15.2043662; 0.5741057, 13.91328602]"},
    {"noise", "A, sigma, seed = 0", bi_noise, "data",
     "A plus Gaussian noise of standard deviation sigma (a float matrix, or a data set with "
     "the same columns when A is one; a list of numbers counts as a column), reproducible "
     "from the seed.",
     "noise([1, 2; 3, 4], 0)", "[1, 2; 3, 4]"},
    {"rand", "rows, cols, seed = 0", bi_rand, "data",
     "A rows x cols float matrix of uniform numbers in [0, 1), reproducible from the seed.",
     "rand(1, 2)", "[0.6012629994, 0.7477740925;]"},
    {"randn", "rows, cols, seed = 0", bi_randn, "data",
     "A rows x cols float matrix of standard normal numbers, reproducible from the seed.",
     "randn(2, 1)", "[0.5981026484; 1.463459919]"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
