/* sym_status.c — messages of the libsym status codes (see sym_status.h). */
#include <stdarg.h>
#include <stdio.h>
#include "base/sym_status.h"

const char *sym_strerror(int status)
{
    switch ((SymStatus)status) {
    case SYM_SUCCESS:
        return "ok";
    case SYM_E_ARG:
        return "invalid argument";
    case SYM_E_DIM:
        return "dimensions do not match";
    case SYM_E_NOT_SQUARE:
        return "matrix is not square";
    case SYM_E_LIMIT:
        return "size limit exceeded";
    case SYM_E_NOMEM:
        return "out of memory";
    case SYM_E_INTERRUPTED:
        return "interrupted";
    case SYM_E_SINGULAR:
        return "matrix is singular";
    case SYM_E_NO_SOLUTION:
        return "linear system has no solution";
    case SYM_E_INTERNAL:
        return "internal error: exact check failed";
    case SYM_E_DOMAIN:
        return "division by zero or by a polynomial";
    case SYM_E_CALLBACK:
        return "a callback failed";
    case SYM_E_DEPENDENT:
        return "linearly dependent basis";
    case SYM_E_NOT_MEMBER:
        return "not an element of the algebra";
    case SYM_E_NOT_CLOSED:
        return "span is not closed under the bracket";
    case SYM_E_NOT_HOM:
        return "not a representation (homomorphism check failed)";
    case SYM_E_UNSUPPORTED:
        return "unsupported operation";
    case SYM_E_NONFINITE:
        return "NaN or Inf in the input";
    case SYM_E_NOT_POSDEF:
        return "matrix is not positive definite";
    case SYM_E_NOT_SYMMETRIC:
        return "matrix is not symmetric";
    case SYM_E_NOCONV:
        return "iteration did not converge";
    case SYM_E_LAPACK:
        return "LAPACK reported an error";
    case SYM_E_OVERFLOW:
        return "result is too large for a double";
    case SYM_E_PRECISION:
        return "precision too low for this matrix";
    case SYM_E_NUMERIC:
        return "numerical failure";
    case SYM_E_INFEASIBLE:
        return "the constraints have no solution";
    case SYM_E_IO:
        return "input/output error";
    case SYM_E_EMPTY:
        return "nothing to do (empty input)";
    case SYM_E_FORMAT:
        return "the file is not in the expected format";
    case SYM_STATUS_COUNT:
        break;
    }
    return "unknown error";
}

int sym_error(char *err, int status, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, SYM_ERR_LEN, fmt, ap);
        va_end(ap);
    }
    return status;
}
