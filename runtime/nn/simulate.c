/* simulate.c — CVODE (SUNDIALS >= 6) on a stacked batch of systems (see
 * simulate.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunnonlinsol/sunnonlinsol_fixedpoint.h>

#include "nn/net.h"
#include "nn/simulate.h"

typedef struct SimCtx {
    NnRhsFn f;
    void *ctx;
    int B, n;
    int failed;
    const volatile sig_atomic_t *interrupt;
    int interrupted;
    char msg[NN_ERR_LEN];
} SimCtx;

static int sim_rhs(sunrealtype t, N_Vector y, N_Vector ydot, void *user)
{
    SimCtx *s = user;
    if (s->interrupt && *s->interrupt) {
        s->interrupted = 1;
        return -1;
    }
    if (s->f(s->ctx, t, N_VGetArrayPointer(y), s->B, s->n, N_VGetArrayPointer(ydot))) {
        s->failed = 1;
        return -1;
    }
    return 0;
}

static void sim_errfn(int code, const char *module, const char *function, char *msg, void *user)
{
    (void)code;
    (void)module;
    SimCtx *s = user;
    snprintf(s->msg, sizeof s->msg, "%s: %s", function, msg);
}

int nn_simulate(double *out, NnRhsFn f, void *ctx, const double *X0, int B, int n, double dt,
                long steps, double rtol, double atol, const volatile sig_atomic_t *interrupt,
                char *err)
{
    if (B < 1 || n < 1 || !(dt > 0) || steps < 0 || !(rtol > 0) || !(atol > 0))
        return nn_fail(err, NN_E_ARG,
                       "simulate needs states, dt > 0, steps >= 0 and positive "
                       "tolerances");
    size_t N = (size_t)B * n;
    SimCtx s = {f, ctx, B, n, 0, interrupt, 0, ""};
    SUNContext sc = NULL;
    N_Vector y = NULL;
    void *mem = NULL;
    SUNNonlinearSolver nls = NULL;
    int st = NN_OK;
    if (SUNContext_Create(NULL, &sc) || !(y = N_VNew_Serial((sunindextype)N, sc)) ||
        !(mem = CVodeCreate(CV_ADAMS, sc))) {
        st = nn_fail(err, NN_E_NOMEM, "cannot create the CVODE solver");
        goto done;
    }
    memcpy(N_VGetArrayPointer(y), X0, sizeof(double) * N);
    for (int b = 0; b < B; b++)
        memcpy(out + (size_t)b * (steps + 1) * n, X0 + (size_t)b * n, sizeof(double) * n);
    if (CVodeInit(mem, sim_rhs, 0.0, y) || CVodeSStolerances(mem, rtol, atol) ||
        CVodeSetUserData(mem, &s) || CVodeSetErrHandlerFn(mem, sim_errfn, &s) ||
        CVodeSetMaxNumSteps(mem, 1000000) || !(nls = SUNNonlinSol_FixedPoint(y, 0, sc)) ||
        CVodeSetNonlinearSolver(mem, nls)) {
        st = nn_fail(err, NN_E_NUMERIC, "cannot set up CVODE%s%s", s.msg[0] ? ": " : "", s.msg);
        goto done;
    }
    for (long k = 1; k <= steps; k++) {
        sunrealtype t = 0;
        int flag = CVode(mem, (sunrealtype)(dt * (double)k), y, &t, CV_NORMAL);
        if (flag < 0) {
            if (s.interrupted)
                st = nn_fail(err, NN_E_INTERRUPTED, "interrupted");
            else if (s.failed)
                st = NN_E_ARG;
            else {
                char *name = CVodeGetReturnFlagName(flag); /* malloc'ed by SUNDIALS */
                st = nn_fail(err, NN_E_NUMERIC,
                             "CVODE stopped near t = %.2g before output %ld "
                             "(t = %g): %s%s",
                             (double)t, k, dt * (double)k, name ? name : "error",
                             flag == CV_TOO_MUCH_WORK ? " (the solution may blow up)"
                             : flag == CV_CONV_FAILURE || flag == CV_ERR_FAILURE
                                 ? " (the problem may be stiff or singular)"
                                 : "");
                free(name);
            }
            goto done;
        }
        const double *yv = N_VGetArrayPointer(y);
        for (int b = 0; b < B; b++)
            memcpy(out + ((size_t)b * (steps + 1) + k) * n, yv + (size_t)b * n, sizeof(double) * n);
    }
done:
    if (nls)
        SUNNonlinSolFree(nls);
    if (mem)
        CVodeFree(&mem);
    if (y)
        N_VDestroy(y);
    if (sc)
        SUNContext_Free(&sc);
    return st;
}
