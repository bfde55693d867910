/* builtins_language.c — joining and measuring: hcat, vcat, norm.
 * Glue only: the block building of [A, B; C, D] (arith_matrix_from_rows)
 * does the joining, so hcat(L) is [L1, L2, ...] and vcat(L) is
 * [L1; L2; ...] with the same kind rules (exact, float, polynomial). */
#include <math.h>
#include <stdlib.h>
#include "builtins.h"
#include "interp.h"
#include "arith.h"
#include "print.h"
#include "numeric/dmat.h"
#include "exact/poly.h"
#include "eval.h"
#include <ctype.h>
#include <string.h>

/* The items to join: a single list argument, or the arguments. */
static Value *join_items(Call *c, Value **a)
{
    Value *rest = a[0];
    if (rest->u.list.n == 1 && rest->u.list.items[0]->kind == VAL_LIST)
        rest = rest->u.list.items[0];
    if (rest->u.list.n == 0)
        return call_error(c, "nothing to join (give a non-empty list of matrices or columns)");
    return val_ref(rest);
}

static Value *bi_hcat(Call *c, Value **a)
{
    Value *items = join_items(c, a);
    if (val_is_error(items))
        return items;
    Value *rows = val_list_new(1);
    val_list_set(rows, 0, items);
    Value *m = arith_matrix_from_rows(rows, &c->span, NULL);
    val_unref(rows);
    if (val_is_error(m))
        m->u.err.span = c->span;
    return m;
}

static Value *bi_vcat(Call *c, Value **a)
{
    Value *items = join_items(c, a);
    if (val_is_error(items))
        return items;
    Value *rows = val_list_new(items->u.list.n);
    for (long i = 0; i < items->u.list.n; i++) {
        Value *r = val_list_new(1);
        val_list_set(r, 0, val_ref(items->u.list.items[i]));
        val_list_set(rows, i, r);
    }
    val_unref(items);
    Value *m = arith_matrix_from_rows(rows, &c->span, NULL);
    val_unref(rows);
    return m;
}

/* Euclidean norm of a list, vector or matrix (Frobenius): a double for
 * float input, else an MPFR real at the session precision (exact 0 and
 * perfect squares stay rational). */
static Value *bi_norm(Call *c, Value **a)
{
    Value *A = a[0];
    if (A->kind == VAL_FMAT) {
        double s = 0, scale = 0;
        long n = (long)A->u.fm->rows * A->u.fm->cols;
        for (long i = 0; i < n; i++)
            if (fabs(A->u.fm->data[i]) > scale)
                scale = fabs(A->u.fm->data[i]);
        for (long i = 0; scale > 0 && i < n; i++)
            s += (A->u.fm->data[i] / scale) * (A->u.fm->data[i] / scale);
        return val_real_d(scale * sqrt(s));
    }
    fmpq_t sum;
    fmpq_init(sum);
    mpfr_t acc, t;
    mpfr_init2(acc, c->I->prec);
    mpfr_init2(t, c->I->prec);
    mpfr_set_zero(acc, 1);
    int real = 0;
    Value *err = NULL;
    if (A->kind == VAL_MAT) {
        for (long i = 0; i < fmpq_mat_nrows(A->u.m); i++)
            for (long j = 0; j < fmpq_mat_ncols(A->u.m); j++)
                fmpq_addmul(sum, fmpq_mat_entry(A->u.m, i, j), fmpq_mat_entry(A->u.m, i, j));
    } else if (A->kind == VAL_LIST || A->kind == VAL_RAT || A->kind == VAL_REAL) {
        long n = A->kind == VAL_LIST ? A->u.list.n : 1;
        for (long i = 0; i < n && !err; i++) {
            const Value *x = A->kind == VAL_LIST ? A->u.list.items[i] : A;
            if (x->kind == VAL_RAT) {
                fmpq_addmul(sum, x->u.q, x->u.q);
            } else if (x->kind == VAL_REAL) {
                real = 1;
                mpfr_sqr(t, x->u.r, MPFR_RNDN);
                mpfr_add(acc, acc, t, MPFR_RNDN);
            } else {
                err = arg_type_error(c, 0, "a list of numbers, a vector or a matrix", x);
            }
        }
    } else {
        err = arg_type_error(c, 0, "a list of numbers, a vector or a matrix", A);
    }
    Value *r = err;
    if (!err) {
        if (!real && fmpz_is_square(fmpq_numref(sum)) && fmpz_is_square(fmpq_denref(sum))) {
            fmpz_sqrt(fmpq_numref(sum), fmpq_numref(sum));
            fmpz_sqrt(fmpq_denref(sum), fmpq_denref(sum));
            r = val_rat(sum);
        } else {
            fmpq_get_mpfr(t, sum, MPFR_RNDN);
            mpfr_add(acc, acc, t, MPFR_RNDN);
            mpfr_sqrt(acc, acc, MPFR_RNDN);
            r = val_real(acc);
        }
    }
    fmpq_clear(sum);
    mpfr_clear(acc);
    mpfr_clear(t);
    return r;
}

static Value *bi_builtin(Call *c, Value **a)
{
    if (a[0]->kind != VAL_STR)
        return arg_type_error(c, 0, "a builtin's name as a string", a[0]);
    const Builtin *b = builtin_find(a[0]->u.str.s);
    if (!b)
        return arg_error(c, 0, "there is no builtin '%s'", a[0]->u.str.s);
    return val_builtin(b);
}

/* q = p moved from ring A to ring B, variables matched by name: 0, or -1
 * with the name of a variable of p that B lacks in *missing. */
static int poly_move(fmpq_mpoly_t q, const fmpq_mpoly_t p, const PolyRing *A, const PolyRing *B,
                     const char **missing)
{
    slong *map = malloc(sizeof(slong) * (size_t)(A->nvars ? A->nvars : 1));
    ulong *ea = malloc(sizeof(ulong) * (size_t)(A->nvars ? A->nvars : 1));
    ulong *eb = calloc((size_t)(B->nvars ? B->nvars : 1), sizeof(ulong));
    if (!map || !ea || !eb)
        abort();
    for (slong i = 0; i < A->nvars; i++)
        map[i] = polyring_var_index(B, A->names[i]);
    fmpq_mpoly_zero(q, B->ctx);
    fmpq_t cf;
    fmpq_init(cf);
    int st = 0;
    for (slong k = 0; k < fmpq_mpoly_length(p, A->ctx) && !st; k++) {
        fmpq_mpoly_get_term_exp_ui(ea, p, k, A->ctx);
        for (slong j = 0; j < B->nvars; j++)
            eb[j] = 0;
        for (slong i = 0; i < A->nvars; i++) {
            if (ea[i] == 0)
                continue;
            if (map[i] < 0) {
                *missing = A->names[i];
                st = -1;
                break;
            }
            eb[map[i]] = ea[i];
        }
        if (st)
            break;
        fmpq_mpoly_get_term_coeff_fmpq(cf, p, k, A->ctx);
        fmpq_mpoly_push_term_fmpq_ui(q, cf, eb, B->ctx);
    }
    fmpq_mpoly_sort_terms(q, B->ctx);
    fmpq_mpoly_combine_like_terms(q, B->ctx);
    fmpq_clear(cf);
    free(map);
    free(ea);
    free(eb);
    return st;
}

static Value *missing_error(Call *c, const char *missing, const PolyRing *B)
{
    StrBuf sb = STRBUF_INIT;
    for (slong i = 0; i < B->nvars; i++)
        sb_printf(&sb, "%s%s", i ? ", " : "", B->names[i]);
    Value *e =
        arg_error(c, 0, "'%s' is not one of the current coordinates (%s)", missing, sb_str(&sb));
    sb_free(&sb);
    return e;
}

static Value *move_value(Call *c, Value *v, PolyRing *B)
{
    const char *missing = NULL;
    if (v->kind == VAL_POLY) {
        if (v->u.poly.ring == B)
            return val_ref(v);
        Value *r = val_poly_new(B);
        if (poly_move(r->u.poly.p, v->u.poly.p, v->u.poly.ring, B, &missing)) {
            val_unref(r);
            return missing_error(c, missing, B);
        }
        return r;
    }
    if (v->kind == VAL_PMAT) {
        if (v->u.pmat.ring == B)
            return val_ref(v);
        Value *r = val_pmat_new(B, v->u.pmat.rows, v->u.pmat.cols);
        for (long i = 0; i < v->u.pmat.rows * v->u.pmat.cols; i++)
            if (poly_move(r->u.pmat.e + i, v->u.pmat.e + i, v->u.pmat.ring, B, &missing)) {
                val_unref(r);
                return missing_error(c, missing, B);
            }
        return r;
    }
    if (v->kind == VAL_LIST) {
        Value *l = val_list_new(v->u.list.n);
        for (long i = 0; i < v->u.list.n; i++) {
            Value *m = move_value(c, v->u.list.items[i], B);
            if (val_is_error(m)) {
                val_unref(l);
                return m;
            }
            val_list_set(l, i, m);
        }
        return l;
    }
    return val_ref(v); /* numbers, exact matrices: no ring */
}

static Value *bi_to_coords(Call *c, Value **a)
{
    if (!c->I->ring)
        return call_error(c, "no coordinates yet: declare them with coords x, y, ...");
    Value *v = a[0];
    if (v->kind != VAL_POLY && v->kind != VAL_PMAT && v->kind != VAL_LIST && v->kind != VAL_RAT &&
        v->kind != VAL_MAT)
        return arg_type_error(c, 0, "a polynomial, a matrix of polynomials or a list of them", v);
    return move_value(c, v, c->I->ring);
}

static Value *bi_show(Call *c, Value **a)
{
    StrBuf sb = STRBUF_INIT;
    print_show_all = 1;
    print_value(&sb, a[0], c->I->format);
    print_show_all = 0;
    fprintf(c->I->out, "%s\n", sb_str(&sb));
    fflush(c->I->out);
    sb_free(&sb);
    return val_nil();
}

/* declare_coords(names): the `coords` statement with the names computed
 * (coords x1, ..., xm for an m known only at run time).  Same checks and
 * limit as the statement; returns the generators instead of binding them. */
static Value *bi_declare_coords(Call *c, Value **a)
{
    Value *L = a[0];
    if (L->kind != VAL_LIST)
        return arg_type_error(c, 0, "a list of names (strings)", L);
    long n = L->u.list.n;
    if (n > 64)
        return call_error(c, "at most 64 coordinates (got %ld)", n);
    const char *names[64];
    for (long i = 0; i < n; i++) {
        const Value *v = L->u.list.items[i];
        if (v->kind != VAL_STR)
            return call_error(c, "name %ld is not a string", i + 1);
        const char *s = v->u.str.s;
        int ok = (isalpha((unsigned char)s[0]) || s[0] == '_') && strlen(s) == (size_t)v->u.str.len;
        for (const char *q = s; ok && *q; q++)
            ok = isalnum((unsigned char)*q) || *q == '_';
        /* the keywords of lang/lexer.c: a coordinate must print as a name */
        static const char *const kw[] = {"if",       "elseif", "else",     "end",    "for",
                                         "in",       "while",  "function", "return", "break",
                                         "continue", "import", "coords",   "and",    "or",
                                         "not",      "true",   "false",    "nil"};
        for (size_t k = 0; ok && k < sizeof kw / sizeof kw[0]; k++)
            ok = strcmp(s, kw[k]) != 0;
        if (!ok)
            return call_error(c,
                              "'%s' is not a name (letters, digits and _, not starting with "
                              "a digit, not a keyword)",
                              s);
        names[i] = s;
        for (long j = 0; j < i; j++)
            if (strcmp(names[i], names[j]) == 0)
                return call_error(c, "coordinate '%s' named twice", s);
    }
    /* no shadowing note: the names are not bound, so no builtin is hidden */
    PolyRing *R = polyring_new(n, names);
    if (!R)
        return call_error(c, "cannot make the coordinate ring");
    if (c->I->ring)
        polyring_decref(c->I->ring);
    c->I->ring = R;
    Value *out = val_list_new(n);
    for (long i = 0; i < n; i++)
        val_list_set(out, i, eval_ring_gen(c->I, (int)i));
    return out;
}

const Builtin builtins_language[] = {
    {"show", "x", bi_show, "output",
     "Prints x whole: otherwise a matrix of more than 24 rows shows its first 10, a model "
     "space its first 24 basis elements and a data set its first 5 rows, each saying how "
     "many more there are.",
     "show(eye(2))", "[1, 0; 0, 1]\n"},
    {"declare_coords", "names", bi_declare_coords, "polynomials",
     "The `coords` statement with computed names: declares the strings in names as the "
     "coordinates (replacing the current ones, as `coords` does) and returns their "
     "polynomials in order, so a script can work in a dimension known only at run time: "
     "X = declare_coords(map(i -> \"x\" + str(i), 1:m)). Names are letters, digits and _, "
     "at most 64, none twice; they are not bound as variables (index the list).",
     "X = declare_coords([\"u\", \"v\"]); (X[1] + X[2])^2", "u^2 + 2*u*v + v^2"},
    {"to_coords", "p", bi_to_coords, "polynomials",
     "Moves a polynomial (or a list or matrix of them, a vector field) made under an earlier "
     "`coords` into the current coordinates, matching variables by name; an error names a "
     "variable of p that is no longer a coordinate.",
     "coords x, y; p = x^2 - y; coords x, y, z; to_coords(p) + z", "x^2 - y + z"},
    {"builtin", "name", bi_builtin, "output",
     "The builtin function called name, even where a variable or a coordinate of that name "
     "hides it (coords t, x, y, z makes t a coordinate; builtin(\"t\")(2) is still the "
     "translation algebra).",
     "builtin(\"dim\")(so(3))", "3"},
    {"hcat", "*items", bi_hcat, "matrices",
     "Joins matrices or columns side by side: hcat([c1, c2, c3]) or hcat(c1, c2, c3) is "
     "[c1, c2, c3] (same number of rows; exact, float or polynomial as the entries).",
     "hcat([[1; 2], [3; 4], [5; 6]])", "[1, 3, 5; 2, 4, 6]"},
    {"vcat", "*items", bi_vcat, "matrices",
     "Stacks matrices or rows: vcat([r1, r2]) or vcat(r1, r2) is [r1; r2] (same number of "
     "columns).",
     "vcat([[1, 2;], [3, 4;]])", "[1, 2; 3, 4]"},
    {"norm", "A", bi_norm, "matrices",
     "The Euclidean norm of a list of numbers or a vector, the Frobenius norm of a matrix: "
     "exact when the sum of squares is the square of a rational, a real at the session "
     "precision otherwise, a float for a float matrix.",
     "norm([3; 4])", "5"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
