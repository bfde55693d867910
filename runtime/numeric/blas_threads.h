/* blas_threads.h — choose how many OpenBLAS threads a float operation uses.
 *
 * Small matrices run faster on one thread (thread start-up dominates), large
 * ones gain from two (the machines Sym targets have two cores).  Every
 * dlinalg/dmat wrapper calls blas_threads_for_size before its BLAS/LAPACK
 * call.  Without OpenBLAS (HAVE_OPENBLAS undefined) this does nothing.
 */
#ifndef SYM_NUMERIC_BLAS_THREADS_H
#define SYM_NUMERIC_BLAS_THREADS_H

/* Work (roughly the flop count: m*n*k for a product, m*n*min(m,n) for a
 * factorisation; 8e6 is a 200 x 200 x 200 product) below which one thread
 * is used; at or above it two. */
#define BLAS_THREADS_WORK_THRESHOLD 8000000L

/* Sets the OpenBLAS thread count for an operation of the given work: 1 below
 * BLAS_THREADS_WORK_THRESHOLD, 2 from it on.  Does nothing when the user set
 * OPENBLAS_NUM_THREADS in the environment (their choice wins), when OpenBLAS
 * is absent, or when the count is already the one wanted.  Not thread-safe:
 * call from the interpreter thread. */
void blas_threads_for_size(long work);

/* The thread count last set by blas_threads_for_size, 0 if it never set one
 * (no OpenBLAS, user override, or not yet called).  For tests. */
int blas_threads_last(void);

#endif
