/* csv.c — reading and writing CSV files of named double columns.
 * The format and the error messages are specified in csv.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/atomic_file.h"
#include "csv.h"

/* Longest cell text quoted back in an error message. */
#define CSV_SHOW_MAX 40

static void set_err(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_err(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) < 0)
        s = NULL;
    va_end(ap);
    *err = s ? s : strdup("out of memory");
}

void csv_table_init(CsvTable *t)
{
    t->cols = 0;
    t->names = NULL;
    t->data = NULL;
}

void csv_table_clear(CsvTable *t)
{
    for (int j = 0; j < t->cols; j++)
        free(t->names[j]);
    free(t->names);
    dmat_free(t->data);
    csv_table_init(t);
}

/* ------------------------------------------------------------ cells */

/* One cell of a line: its text (unquoted, NUL-terminated, in a buffer the
 * scanner owns) and the 1-based column where it starts. */
typedef struct Cell {
    char *text;
    size_t cap;
    int col;
} Cell;

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads the cell starting at *pp (before le) into c and moves *pp past
 * the following comma, or to le.  ls is the start of the line (for the
 * column).  Returns 0, or -1 with *what set to the syntax error. */
static int scan_cell(Cell *c, const char **pp, const char *ls, const char *le, const char **what)
{
    const char *p = *pp;
    while (p < le && is_blank(*p))
        p++;
    c->col = (int)(p - ls) + 1;
    size_t n = 0;
    size_t need = (size_t)(le - p) + 1;
    if (need > c->cap) {
        char *nt = realloc(c->text, need);
        if (!nt) {
            *what = "out of memory";
            return -1;
        }
        c->text = nt;
        c->cap = need;
    }
    if (p < le && *p == '"') {
        p++;
        for (;;) {
            if (p >= le) {
                *what = "unterminated quote";
                return -1;
            }
            if (*p == '"') {
                if (p + 1 < le && p[1] == '"') {
                    c->text[n++] = '"';
                    p += 2;
                    continue;
                }
                p++;
                break;
            }
            c->text[n++] = *p++;
        }
        while (p < le && is_blank(*p))
            p++;
        if (p < le && *p != ',') {
            *what = "text after a closing quote";
            return -1;
        }
    } else {
        const char *s = p;
        while (p < le && *p != ',')
            p++;
        const char *e = p;
        while (e > s && is_blank(e[-1]))
            e--;
        memcpy(c->text, s, (size_t)(e - s));
        n = (size_t)(e - s);
    }
    c->text[n] = '\0';
    *pp = p < le ? p + 1 : le;
    return 0;
}

/* Number of cells on the line [ls, le): commas outside quotes plus one. */
static int count_cells(const char *ls, const char *le)
{
    int n = 1, q = 0;
    for (const char *p = ls; p < le; p++) {
        if (*p == '"')
            q = !q;
        else if (*p == ',' && !q)
            n++;
    }
    return n;
}

/* 1 if s is a decimal number: [+-] digits [. digits] [(e|E) [+-] digits],
 * with at least one digit in the mantissa. */
static int is_decimal(const char *s)
{
    int digits = 0;
    if (*s == '+' || *s == '-')
        s++;
    while (*s >= '0' && *s <= '9')
        s++, digits++;
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9')
            s++, digits++;
    }
    if (!digits)
        return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-')
            s++;
        if (!(*s >= '0' && *s <= '9'))
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return *s == '\0';
}

/* The cell text as shown in messages: cut at CSV_SHOW_MAX bytes. */
static const char *shown(const char *s, char *buf, size_t cap)
{
    if (strlen(s) <= CSV_SHOW_MAX)
        return s;
    snprintf(buf, cap, "%.*s...", CSV_SHOW_MAX, s);
    return buf;
}

/* ------------------------------------------------------------ parse */

typedef struct Parser {
    const char *fname;
    locale_t cloc;
    Cell cell;
    double *vals; /* row-major rows x cols */
    size_t nvals, cap;
    long rows;
} Parser;

static int push_value(Parser *P, double x)
{
    if (P->nvals == P->cap) {
        size_t nc = P->cap ? 2 * P->cap : 256;
        double *nv = realloc(P->vals, nc * sizeof(double));
        if (!nv)
            return -1;
        P->vals = nv;
        P->cap = nc;
    }
    P->vals[P->nvals++] = x;
    return 0;
}

/* Parses the header line into t->names. */
static int parse_header(Parser *P, CsvTable *t, const char *ls, const char *le, long ln, char **err)
{
    int k = count_cells(ls, le);
    t->names = calloc((size_t)k, sizeof(char *));
    if (!t->names) {
        set_err(err, "out of memory");
        return -1;
    }
    const char *p = ls, *what;
    for (int j = 0; j < k; j++) {
        if (scan_cell(&P->cell, &p, ls, le, &what)) {
            set_err(err, "%s:%ld:%d: %s in the header", P->fname, ln, P->cell.col, what);
            return -1;
        }
        if (!P->cell.text[0]) {
            set_err(err, "%s:%ld:%d: column %d of the header has no name", P->fname, ln,
                    P->cell.col, j + 1);
            return -1;
        }
        for (int i = 0; i < j; i++)
            if (strcmp(t->names[i], P->cell.text) == 0) {
                set_err(err, "%s:%ld:%d: duplicate column name '%s' (columns %d and %d)", P->fname,
                        ln, P->cell.col, P->cell.text, i + 1, j + 1);
                return -1;
            }
        if (!(t->names[j] = strdup(P->cell.text))) {
            set_err(err, "out of memory");
            return -1;
        }
        t->cols = j + 1;
    }
    return 0;
}

/* Parses one data line into P->vals. */
static int parse_row(Parser *P, const CsvTable *t, const char *ls, const char *le, long ln,
                     char **err)
{
    int k = count_cells(ls, le);
    if (k != t->cols) {
        set_err(err, "%s:%ld: row has %d cell%s, the header has %d", P->fname, ln, k,
                k == 1 ? "" : "s", t->cols);
        return -1;
    }
    if (P->rows >= 0x7fffffffL || (size_t)P->rows * (size_t)k > ((size_t)-1) / 16) {
        set_err(err, "%s:%ld: too many rows", P->fname, ln);
        return -1;
    }
    const char *p = ls, *what;
    char buf[CSV_SHOW_MAX + 8];
    for (int j = 0; j < k; j++) {
        if (scan_cell(&P->cell, &p, ls, le, &what)) {
            set_err(err, "%s:%ld:%d: %s", P->fname, ln, P->cell.col, what);
            return -1;
        }
        const char *s = P->cell.text;
        if (!s[0]) {
            set_err(err, "%s:%ld:%d: empty cell in column '%s'", P->fname, ln, P->cell.col,
                    t->names[j]);
            return -1;
        }
        if (!is_decimal(s)) {
            set_err(err, "%s:%ld:%d: cell '%s' in column '%s' is not a number", P->fname, ln,
                    P->cell.col, shown(s, buf, sizeof buf), t->names[j]);
            return -1;
        }
        locale_t old = uselocale(P->cloc);
        errno = 0;
        double x = strtod(s, NULL);
        int e = errno;
        uselocale(old);
        if (e == ERANGE && isinf(x)) {
            set_err(err, "%s:%ld:%d: cell '%s' in column '%s' is too large for a double", P->fname,
                    ln, P->cell.col, shown(s, buf, sizeof buf), t->names[j]);
            return -1;
        }
        if (push_value(P, x)) {
            set_err(err, "out of memory");
            return -1;
        }
    }
    P->rows++;
    return 0;
}

static int parse_lines(Parser *P, CsvTable *t, const char *text, size_t len, char **err)
{
    const char *p = text, *end = text + len;
    long ln = 0;
    int have_header = 0;
    while (p < end) {
        const char *ls = p;
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        p = nl ? nl + 1 : end;
        ln++;
        if (le > ls && le[-1] == '\r')
            le--;
        const char *q = ls;
        while (q < le && (is_blank(*q) || *q == '\r'))
            q++;
        if (q == le || *q == '#')
            continue;
        const char *z = memchr(ls, '\0', (size_t)(le - ls));
        if (z) {
            set_err(err, "%s:%ld:%d: NUL byte (is this a text file?)", P->fname, ln,
                    (int)(z - ls) + 1);
            return -1;
        }
        if (!have_header) {
            if (parse_header(P, t, ls, le, ln, err))
                return -1;
            have_header = 1;
        } else if (parse_row(P, t, ls, le, ln, err)) {
            return -1;
        }
    }
    if (!have_header) {
        set_err(err, "%s: the file is empty (no header row)", P->fname);
        return -1;
    }
    return 0;
}

int csv_parse(CsvTable *t, const char *text, size_t len, const char *fname, char **err)
{
    Parser P = {fname, (locale_t)0, {NULL, 0, 0}, NULL, 0, 0, 0};
    *err = NULL;
    P.cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!P.cloc) {
        set_err(err, "cannot make the C locale");
        return -1;
    }
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) { /* a UTF-8 byte-order mark */
        text += 3;
        len -= 3;
    }
    int st = parse_lines(&P, t, text, len, err);
    if (!st) {
        t->data = dmat_new((int)P.rows, t->cols);
        if (!t->data) {
            set_err(err, "%s: out of memory for %ld rows", fname, P.rows);
            st = -1;
        } else {
            for (long i = 0; i < P.rows; i++)
                for (int j = 0; j < t->cols; j++)
                    DMAT_AT(t->data, i, j) = P.vals[(size_t)i * (size_t)t->cols + (size_t)j];
        }
    }
    if (st)
        csv_table_clear(t);
    free(P.vals);
    free(P.cell.text);
    freelocale(P.cloc);
    return st;
}

int csv_read_file(CsvTable *t, const char *path, char **err)
{
    *err = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        set_err(err, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    size_t n = 0, cap = 0;
    char *buf = NULL;
    for (;;) {
        if (cap - n < 4096) {
            size_t nc = cap ? 2 * cap : 65536;
            char *nb = realloc(buf, nc);
            if (!nb) {
                free(buf);
                fclose(f);
                set_err(err, "cannot read '%s': out of memory", path);
                return -1;
            }
            buf = nb;
            cap = nc;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0)
            break;
    }
    int bad = ferror(f), e = errno;
    fclose(f);
    if (bad) {
        free(buf);
        set_err(err, "cannot read '%s': %s", path, strerror(e));
        return -1;
    }
    int st = csv_parse(t, buf, n, path, err);
    free(buf);
    return st;
}

/* ------------------------------------------------------------ write */

/* Appends to a growing string; -1 when memory runs out. */
typedef struct Out {
    char *s;
    size_t n, cap;
} Out;

static int out_put(Out *o, const char *s, size_t n)
{
    if (o->n + n + 1 > o->cap) {
        size_t nc = o->cap ? o->cap : 256;
        while (nc < o->n + n + 1)
            nc *= 2;
        char *ns = realloc(o->s, nc);
        if (!ns)
            return -1;
        o->s = ns;
        o->cap = nc;
    }
    memcpy(o->s + o->n, s, n);
    o->n += n;
    o->s[o->n] = '\0';
    return 0;
}

static int out_name(Out *o, const char *name)
{
    if (name[0] && !strpbrk(name, ",\" #\t"))
        return out_put(o, name, strlen(name));
    int st = out_put(o, "\"", 1);
    for (const char *p = name; *p && !st; p++)
        st = *p == '"' ? out_put(o, "\"\"", 2) : out_put(o, p, 1);
    return st ? st : out_put(o, "\"", 1);
}

/* The shortest %.15g .. %.17g text of x that reads back as x (C locale
 * must be current). */
static int format_double(char *buf, size_t cap, double x)
{
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(buf, cap, "%.*g", prec, x);
        if (strtod(buf, NULL) == x)
            break;
    }
    return n;
}

char *csv_format(const char *const *names, const DMat *A, char **err)
{
    *err = NULL;
    for (int j = 0; j < A->cols; j++)
        if (strpbrk(names[j], "\r\n")) {
            set_err(err, "column name '%s' contains a line break", names[j]);
            return NULL;
        }
    for (int j = 0; j < A->cols; j++)
        for (int i = 0; i < A->rows; i++)
            if (!isfinite(DMAT_AT(A, i, j))) {
                set_err(err, "row %d of column '%s' is %s: a CSV file holds finite numbers only",
                        i + 1, names[j], isnan(DMAT_AT(A, i, j)) ? "nan" : "infinite");
                return NULL;
            }
    locale_t cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!cloc) {
        set_err(err, "cannot make the C locale");
        return NULL;
    }
    locale_t old = uselocale(cloc);
    Out o = {NULL, 0, 0};
    int st = 0;
    for (int j = 0; j < A->cols && !st; j++) {
        if (j)
            st = out_put(&o, ",", 1);
        if (!st)
            st = out_name(&o, names[j]);
    }
    if (!st)
        st = out_put(&o, "\n", 1);
    char buf[40];
    for (int i = 0; i < A->rows && !st; i++) {
        for (int j = 0; j < A->cols && !st; j++) {
            int n = format_double(buf, sizeof buf, DMAT_AT(A, i, j));
            st = (j && out_put(&o, ",", 1)) || out_put(&o, buf, (size_t)n);
        }
        if (!st)
            st = out_put(&o, "\n", 1);
    }
    uselocale(old);
    freelocale(cloc);
    if (st) {
        free(o.s);
        set_err(err, "out of memory");
        return NULL;
    }
    return o.s;
}

int csv_write_file(const char *path, const char *const *names, const DMat *A, char **err)
{
    char *text = csv_format(names, A, err);
    if (!text)
        return -1;
    /* a temporary file renamed over path: on error the old file stays */
    int bad = atomic_write_file(path, text, strlen(text)) != 0;
    int e = errno;
    free(text);
    if (bad) {
        set_err(err, "cannot write '%s': %s", path, strerror(e));
        return -1;
    }
    return 0;
}
