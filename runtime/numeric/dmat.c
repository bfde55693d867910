/* dmat.c — dense column-major double matrices (see dmat.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "base/sym_alloc.h"
#include "dmat.h"

#include <cblas.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "blas_threads.h"

DMat *dmat_new(int rows, int cols)
{
    DMat *A;
    size_t n;

    if (rows < 0 || cols < 0)
        return NULL;
    n = (size_t)rows * (size_t)cols;
    if (cols != 0 && n / (size_t)cols != (size_t)rows)
        return NULL;
    if (n > SIZE_MAX / sizeof(double))
        return NULL;
    /* size guard: past the memory limit, raise before allocating */
    if (n > 0 && !sym_alloc_fits(n * sizeof(double)))
        sym_alloc_raise(n * sizeof(double));
    A = malloc(sizeof *A);
    if (A == NULL)
        return NULL;
    A->rows = rows;
    A->cols = cols;
    A->data = NULL;
    if (n > 0) {
        /* counted: past the memory limit this raises (base/sym_alloc.h) */
        A->data = sym_xmalloc(n * sizeof(double));
        if (A->data == NULL) {
            free(A);
            return NULL;
        }
    }
    return A;
}

DMat *dmat_zeros(int rows, int cols)
{
    DMat *A = dmat_new(rows, cols);

    if (A != NULL && A->data != NULL)
        memset(A->data, 0, dmat_size(A) * sizeof(double));
    return A;
}

DMat *dmat_eye(int n)
{
    DMat *A = dmat_zeros(n, n);
    int i;

    if (A != NULL)
        for (i = 0; i < n; i++)
            DMAT_AT(A, i, i) = 1.0;
    return A;
}

void dmat_free(DMat *A)
{
    if (A == NULL)
        return;
    sym_free(A->data);
    free(A);
}

DMat *dmat_copy(const DMat *A)
{
    DMat *B = dmat_new(A->rows, A->cols);

    if (B != NULL && B->data != NULL)
        memcpy(B->data, A->data, dmat_size(A) * sizeof(double));
    return B;
}

double dmat_get(const DMat *A, int i, int j)
{
    if (i < 0 || j < 0 || i >= A->rows || j >= A->cols)
        return NAN;
    return DMAT_AT(A, i, j);
}

int dmat_set(DMat *A, int i, int j, double x)
{
    if (i < 0 || j < 0 || i >= A->rows || j >= A->cols)
        return DMAT_ERR_DIM;
    DMAT_AT(A, i, j) = x;
    return DMAT_OK;
}

size_t dmat_size(const DMat *A)
{
    return (size_t)A->rows * (size_t)A->cols;
}

int dmat_has_nonfinite(const DMat *A)
{
    size_t k, n = dmat_size(A);

    for (k = 0; k < n; k++)
        if (!isfinite(A->data[k]))
            return 1;
    return 0;
}

DMat *dmat_transpose(const DMat *A)
{
    DMat *B = dmat_new(A->cols, A->rows);
    int i, j;

    if (B == NULL)
        return NULL;
    for (j = 0; j < A->cols; j++)
        for (i = 0; i < A->rows; i++)
            DMAT_AT(B, j, i) = DMAT_AT(A, i, j);
    return B;
}

int dmat_mul_trans(DMat **C, const DMat *A, int transA, const DMat *B, int transB)
{
    int m = transA ? A->cols : A->rows;
    int k = transA ? A->rows : A->cols;
    int kb = transB ? B->cols : B->rows;
    int n = transB ? B->rows : B->cols;
    DMat *R;

    *C = NULL;
    if (k != kb)
        return DMAT_ERR_DIM;
    R = dmat_zeros(m, n);
    if (R == NULL)
        return DMAT_ERR_NOMEM;
    if (m > 0 && n > 0 && k > 0) {
        blas_threads_for_size((long)m * n * k);
        cblas_dgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans, m, n, k, 1.0, A->data,
                    A->rows > 1 ? A->rows : 1, B->data, B->rows > 1 ? B->rows : 1, 0.0, R->data,
                    m > 1 ? m : 1);
    }
    *C = R;
    return DMAT_OK;
}

int dmat_mul(DMat **C, const DMat *A, const DMat *B)
{
    return dmat_mul_trans(C, A, 0, B, 0);
}

static int dmat_addsub(DMat **C, const DMat *A, const DMat *B, double sign)
{
    DMat *R;
    size_t k, n;

    *C = NULL;
    if (A->rows != B->rows || A->cols != B->cols)
        return DMAT_ERR_DIM;
    R = dmat_new(A->rows, A->cols);
    if (R == NULL)
        return DMAT_ERR_NOMEM;
    n = dmat_size(A);
    for (k = 0; k < n; k++)
        R->data[k] = A->data[k] + sign * B->data[k];
    *C = R;
    return DMAT_OK;
}

int dmat_add(DMat **C, const DMat *A, const DMat *B)
{
    return dmat_addsub(C, A, B, 1.0);
}

int dmat_sub(DMat **C, const DMat *A, const DMat *B)
{
    return dmat_addsub(C, A, B, -1.0);
}

void dmat_scale(DMat *A, double c)
{
    size_t k, n = dmat_size(A);

    for (k = 0; k < n; k++)
        A->data[k] *= c;
}

double dmat_norm_max(const DMat *A)
{
    size_t k, n = dmat_size(A);
    double m = 0.0;

    for (k = 0; k < n; k++) {
        double a = fabs(A->data[k]);
        if (a > m || isnan(a))
            m = a;
    }
    return m;
}

double dmat_norm_fro(const DMat *A)
{
    size_t k, n = dmat_size(A);
    double scale = dmat_norm_max(A), sum = 0.0;

    if (scale == 0.0 || !isfinite(scale))
        return scale;
    for (k = 0; k < n; k++) {
        double t = A->data[k] / scale;
        sum += t * t;
    }
    return scale * sqrt(sum);
}
