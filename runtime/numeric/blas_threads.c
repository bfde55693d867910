/* blas_threads.c — pin OpenBLAS threads by problem size (see blas_threads.h). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "blas_threads.h"

#include <stdlib.h>

#ifdef HAVE_OPENBLAS
/* Declared here: OpenBLAS's own header clashes with other cblas.h copies. */
void openblas_set_num_threads(int);
#endif

static int blas_threads_current = 0;

/* 1 if the user chose the thread count through the environment. */
static int blas_threads_user_set(void)
{
    static int checked = 0, user = 0;

    if (!checked) {
        const char *s = getenv("OPENBLAS_NUM_THREADS");
        user = (s != NULL && s[0] != '\0');
        checked = 1;
    }
    return user;
}

void blas_threads_for_size(long work)
{
#ifdef HAVE_OPENBLAS
    int want = work < BLAS_THREADS_WORK_THRESHOLD ? 1 : 2;

    if (blas_threads_user_set() || want == blas_threads_current)
        return;
    openblas_set_num_threads(want);
    blas_threads_current = want;
#else
    (void)work;
    (void)blas_threads_user_set;
#endif
}

int blas_threads_last(void)
{
    return blas_threads_current;
}
