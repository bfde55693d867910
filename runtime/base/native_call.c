/* native_call.c — fork, shared result buffer, poll, kill (see
 * native_call.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "native_call.h"
#include "sym_alloc.h"

/* The header at the start of the mapping. */
typedef struct Header {
    volatile int done;
    int status;
    size_t used;
    char msg[400]; /* the child's out-of-memory message */
} Header;

enum { HDR = 512 }; /* the result starts here */

static char last_oom[400];

const char *native_last_oom(void)
{
    return last_oom;
}

static size_t page_round(size_t n)
{
    long ps = sysconf(_SC_PAGESIZE);
    size_t p = ps > 0 ? (size_t)ps : 4096;
    return (n + p - 1) / p * p;
}

int native_call(NativeFn fn, void *arg, size_t cap, volatile sig_atomic_t *interrupted,
                unsigned char **out, size_t *used, int *status)
{
    size_t total = page_round(HDR + cap);
    if (total < cap || !sym_alloc_fits(total))
        return NATIVE_TOO_BIG;
    void *map = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return NATIVE_NO_CHILD;
    Header *h = map;
    h->done = 0;
    unsigned char *buf = (unsigned char *)map + HDR;
    fflush(NULL); /* the child must not flush the parent's buffers again */
    pid_t pid = fork();
    if (pid < 0) {
        munmap(map, total);
        return NATIVE_NO_CHILD;
    }
    if (pid == 0) {
        /* out of memory in the child is reported, not fatal */
        sym_recover_reset();
        SymRecover rc;
        size_t u = 0;
        int st = 0;
        if (SYM_TRY(rc)) {
            st = fn(arg, buf, cap, &u);
            sym_recover_pop(&rc);
            h->done = 1;
        } else {
            u = rc.request;
            sym_alloc_grace(1);
            sym_alloc_oom_message(h->msg, sizeof h->msg, u);
            h->done = 2;
        }
        h->status = st;
        h->used = u;
        __sync_synchronize();
        _exit(0);
    }
    int wst = 0, result = NATIVE_CHILD_DIED;
    for (;;) {
        pid_t r = waitpid(pid, &wst, WNOHANG);
        if (r == pid) {
            if (WIFEXITED(wst) && h->done == 1)
                result = NATIVE_OK;
            else if (WIFEXITED(wst) && h->done == 2)
                result = NATIVE_OOM, *used = h->used,
                snprintf(last_oom, sizeof last_oom, "%s", h->msg);
            break;
        }
        if (r < 0 && errno != EINTR)
            break;
        if (*interrupted) {
            kill(pid, SIGKILL);
            while (waitpid(pid, &wst, 0) < 0 && errno == EINTR)
                ;
            result = NATIVE_INTERRUPTED;
            break;
        }
        struct timespec ts = {0, 10 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    if (result != NATIVE_OK) {
        munmap(map, total);
        return result;
    }
    *status = h->status;
    *used = h->used;
    /* hand the caller the buffer; the header stays in front of it */
    *out = buf;
    return NATIVE_OK;
}

void native_release(unsigned char *out, size_t cap)
{
    if (out) {
        size_t total = page_round(HDR + cap);
        munmap(out - HDR, total);
    }
}
