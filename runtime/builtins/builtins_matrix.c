/* builtins_matrix.c — exact matrix builtins: construction, transpose,
 * inverse, determinant, rank, rref, nullspace (sparse modular, checked),
 * solve, kron, image.  Glue only: the work is in runtime/exact. */
#include <stdlib.h>
#include <string.h>
#include "builtins.h"
#include "interp.h"
#include "arith.h"
#include "exact/qmat.h"
#include "exact/nullspace.h"
#include "exact/poly.h"
#include "numeric/dmat.h"
#include "builtins_numeric.h"

static Value *want_mat(Call *c, Value **a, int i)
{
    if (!a[i] || a[i]->kind != VAL_MAT)
        return arg_type_error(c, i, "an exact matrix", a[i]);
    return NULL;
}

static Value *qmat_fail(Call *c, int st)
{
    return call_error(c, "%s", qmat_strerror(st));
}

static Value *bi_eye(Call *c, Value **a)
{
    long n;
    Value *e = arg_long(c, a, 0, 0, 4096, &n);
    if (e)
        return e;
    Value *m = val_mat_new(n, n);
    fmpq_mat_one(m->u.m);
    return m;
}

static Value *bi_zeros(Call *c, Value **a)
{
    long r, k;
    Value *e = arg_long(c, a, 0, 0, 1 << 20, &r);
    if (e)
        return e;
    k = r;
    if (a[1] && (e = arg_long(c, a, 1, 0, 1 << 20, &k)))
        return e;
    if (!qmat_size_ok(r, k))
        return call_error(c, "matrix too large (%ld x %ld)", r, k);
    return val_mat_new(r, k);
}

static Value *bi_matrix(Call *c, Value **a)
{
    /* a list of lists (rows) or a list of numbers (a column) */
    if (a[0]->kind == VAL_MAT)
        return val_ref(a[0]);
    if (a[0]->kind != VAL_LIST)
        return arg_type_error(c, 0, "a list of rows", a[0]);
    Value *rows = a[0];
    int column = rows->u.list.n > 0 && rows->u.list.items[0]->kind != VAL_LIST;
    Value *tmp = val_list_new(rows->u.list.n);
    for (long i = 0; i < rows->u.list.n; i++) {
        Value *r = rows->u.list.items[i];
        if (column) {
            Value *one = val_list_new(1);
            val_list_set(one, 0, val_ref(r));
            val_list_set(tmp, i, one);
        } else if (r->kind != VAL_LIST) {
            val_unref(tmp);
            return arg_error(c, 0, "row %ld is a %s, not a list", i + 1, val_kind_name(r));
        } else {
            val_list_set(tmp, i, val_ref(r));
        }
    }
    Value *m = rows->u.list.n ? arith_matrix_from_rows(tmp, &c->span, NULL) : val_mat_new(0, 0);
    val_unref(tmp);
    return m;
}

static Value *bi_size(Call *c, Value **a)
{
    long r, k;
    if (a[0]->kind == VAL_MAT) {
        r = fmpq_mat_nrows(a[0]->u.m);
        k = fmpq_mat_ncols(a[0]->u.m);
    } else if (a[0]->kind == VAL_PMAT) {
        r = a[0]->u.pmat.rows;
        k = a[0]->u.pmat.cols;
    } else if (a[0]->kind == VAL_FMAT) {
        r = a[0]->u.fm->rows;
        k = a[0]->u.fm->cols;
    } else
        return arg_type_error(c, 0, "a matrix", a[0]);
    Value *l = val_list_new(2);
    val_list_set(l, 0, val_rat_si(r));
    val_list_set(l, 1, val_rat_si(k));
    return l;
}

static Value *bi_transpose(Call *c, Value **a)
{
    if (a[0]->kind == VAL_PMAT) {
        long r = a[0]->u.pmat.rows, k = a[0]->u.pmat.cols;
        Value *t = val_pmat_new(a[0]->u.pmat.ring, k, r);
        for (long i = 0; i < r; i++)
            for (long j = 0; j < k; j++)
                fmpq_mpoly_set(t->u.pmat.e + j * r + i, a[0]->u.pmat.e + i * k + j,
                               a[0]->u.pmat.ring->ctx);
        return t;
    }
    if (a[0]->kind == VAL_FMAT) {
        DMat *d = dmat_transpose(a[0]->u.fm);
        return d ? val_fmat(d) : call_error(c, "out of memory");
    }
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    Value *t = val_mat_new(0, 0);
    qmat_transpose(t->u.m, a[0]->u.m);
    return t;
}

static Value *bi_inv(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    Value *r = val_mat_new(0, 0);
    int st = qmat_inv(r->u.m, a[0]->u.m);
    if (st) {
        val_unref(r);
        if (st == QMAT_E_SINGULAR)
            return arg_error(c, 0, "the matrix is singular (determinant 0)");
        if (st == QMAT_E_NOT_SQUARE)
            return arg_error(c, 0, "only a square matrix has an inverse (this one is %ldx%ld)",
                             (long)fmpq_mat_nrows(a[0]->u.m), (long)fmpq_mat_ncols(a[0]->u.m));
        return qmat_fail(c, st);
    }
    return r;
}

static Value *bi_det(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    Value *d = val_rat_si(0);
    int st = qmat_det(d->u.q, a[0]->u.m);
    if (st) {
        val_unref(d);
        return st == QMAT_E_NOT_SQUARE
                   ? arg_error(c, 0, "only a square matrix has a determinant (this one is %ldx%ld)",
                               (long)fmpq_mat_nrows(a[0]->u.m), (long)fmpq_mat_ncols(a[0]->u.m))
                   : qmat_fail(c, st);
    }
    return d;
}

static Value *bi_trace(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    if (fmpq_mat_nrows(a[0]->u.m) != fmpq_mat_ncols(a[0]->u.m))
        return arg_error(c, 0, "only a square matrix has a trace");
    Value *t = val_rat_si(0);
    for (slong i = 0; i < fmpq_mat_nrows(a[0]->u.m); i++)
        fmpq_add(t->u.q, t->u.q, fmpq_mat_entry(a[0]->u.m, i, i));
    return t;
}

static Value *bi_rank(Call *c, Value **a)
{
    if (a[0]->kind == VAL_FMAT)
        return numeric_rank(c, a[0], a[1]);
    if (a[0]->kind != VAL_MAT)
        return arg_type_error(c, 0, "a matrix", a[0]);
    if (a[1] && a[1]->kind != VAL_NIL)
        return arg_error(c, 1,
                         "tol is for float matrices: the rank of an exact matrix is exact "
                         "(fmat(A) for a float rank)");
    slong r;
    int st = qmat_rank(&r, a[0]->u.m);
    return st ? qmat_fail(c, st) : val_rat_si(r);
}

static Value *bi_rref(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    Value *r = val_mat_new(0, 0);
    int st = qmat_rref(r->u.m, NULL, a[0]->u.m);
    if (st) {
        val_unref(r);
        return qmat_fail(c, st);
    }
    return r;
}

static Value *bi_nullspace(Call *c, Value **a)
{
    if (a[0]->kind == VAL_FMAT)
        return numeric_nullspace(c, a[0], a[1]);
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    if (a[1] && a[1]->kind != VAL_NIL)
        return arg_error(c, 1,
                         "tol is for float matrices: the nullspace of an exact matrix is "
                         "exact (fmat(A) for a float one)");
    Value *n = val_mat_new(0, 0);
    int st = qmat_nullspace(n->u.m, a[0]->u.m);
    if (st) {
        val_unref(n);
        if (st == QMAT_E_INTERRUPTED)
            return val_error(&c->span, "interrupted");
        return qmat_fail(c, st);
    }
    return n;
}

static Value *bi_image(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    Value *n = val_mat_new(0, 0);
    int st = qmat_colspace(n->u.m, a[0]->u.m);
    if (st) {
        val_unref(n);
        return qmat_fail(c, st);
    }
    return n;
}

static Value *bi_solve(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    if ((e = want_mat(c, a, 1)))
        return e;
    Value *x = val_mat_new(0, 0);
    int st = qmat_solve(x->u.m, a[0]->u.m, a[1]->u.m);
    if (st == QMAT_E_NO_SOLUTION) {
        val_unref(x);
        return val_nil();
    }
    if (st) {
        val_unref(x);
        return st == QMAT_E_DIM
                   ? call_error(c, "A has %ld rows but b has %ld", (long)fmpq_mat_nrows(a[0]->u.m),
                                (long)fmpq_mat_nrows(a[1]->u.m))
                   : qmat_fail(c, st);
    }
    return x;
}

static Value *bi_kron(Call *c, Value **a)
{
    Value *e = want_mat(c, a, 0);
    if (e)
        return e;
    if ((e = want_mat(c, a, 1)))
        return e;
    Value *k = val_mat_new(0, 0);
    int st = qmat_kron(k->u.m, a[0]->u.m, a[1]->u.m);
    if (st) {
        val_unref(k);
        return qmat_fail(c, st);
    }
    return k;
}

const Builtin builtins_matrix[] = {
    {"eye", "n", bi_eye, "matrices", "The n x n identity matrix.", "eye(2)", "[1, 0; 0, 1]"},
    {"zeros", "rows, cols = rows", bi_zeros, "matrices", "A zero matrix.", "zeros(1, 3)",
     "[0, 0, 0;]"},
    {"matrix", "rows", bi_matrix, "matrices",
     "A matrix from a list of rows (lists), or a column from a list of numbers.",
     "matrix([[1, 2], [3, 4]])", "[1, 2; 3, 4]"},
    {"size", "A", bi_size, "matrices", "[rows, columns] of a matrix.", "size([1, 2; 3, 4; 5, 6])",
     "[3, 2]"},
    {"transpose", "A", bi_transpose, "matrices", "The transpose.", "transpose([1, 2; 3, 4])",
     "[1, 3; 2, 4]"},
    {"inv", "A", bi_inv, "matrices", "The exact inverse of a square nonsingular matrix.",
     "inv([2, 0; 0, 4])", "[1/2, 0; 0, 1/4]"},
    {"det", "A", bi_det, "matrices", "The exact determinant.", "det([1, 2; 3, 4])", "-2"},
    {"trace", "A", bi_trace, "matrices", "The trace.", "trace([1, 2; 3, 4])", "5"},
    {"rank", "A, tol = nil", bi_rank, "linear algebra",
     "Rank: exact for an exact matrix; for a float matrix by the rule of sym.1 (FLOAT "
     "DECISIONS: singular values at or below tol, absolute, default 1e-10 times the largest, "
     "are zero; above it a rank needs a gap of 100; frank shows the numbers).",
     "rank([1, 2; 2, 4])", "1"},
    {"rref", "A", bi_rref, "linear algebra", "Reduced row echelon form.", "rref([2, 4; 1, 3])",
     "[1, 0; 0, 1]"},
    {"nullspace", "A, tol = nil", bi_nullspace, "linear algebra",
     "A basis of {v : A v = 0} as columns: exact (sparse modular elimination, checked A N = 0 "
     "over the integers), canonical (the transpose is in reduced echelon form, rows primitive "
     "integer vectors).  A float matrix gives the right singular vectors beyond the rank "
     "(decided as for rank; tol is absolute).",
     "nullspace([1, 1, 1;])", "[1, 0; 0, 1; -1, -1]"},
    {"image", "A", bi_image, "linear algebra", "A basis of the column space (pivot columns).",
     "image([1, 2; 2, 4])", "[1; 2]"},
    {"solve", "A, b", bi_solve, "linear algebra",
     "One exact solution x of A x = b (free variables 0), or nil when there is none.",
     "solve([1, 1; 1, -1], [2; 0])", "[1; 1]"},
    {"kron", "A, B", bi_kron, "matrices", "The Kronecker product.", "kron(eye(2), [1, 2;])",
     "[1, 2, 0, 0; 0, 0, 1, 2]"},
    {NULL, NULL, NULL, NULL, NULL, NULL, NULL}};
