/* atomic_file.c — temporary file, fsync, rename (see atomic_file.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "atomic_file.h"

/* Write all of data to fd; -1 with errno on failure. */
static int write_all(int fd, const char *data, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

static int write_target(const char *path, const char *data, size_t n);

int atomic_write_file(const char *path, const char *data, size_t n)
{
    /* through a symbolic link: replace the file it names, keep the link */
    struct stat lst;
    if (lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
        char *real = realpath(path, NULL);
        if (real) {
            int r = write_target(real, data, n), e = errno;
            free(real);
            errno = e;
            return r;
        }
    }
    return write_target(path, data, n);
}

static int write_target(const char *path, const char *data, size_t n)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (/dev/stdout, /dev/full): written in place,
           never replaced */
        int fd = open(path, O_WRONLY | O_TRUNC);
        if (fd < 0)
            return -1;
        int bad = write_all(fd, data, n) != 0, e = errno;
        if (close(fd) != 0 && !bad)
            bad = 1, e = errno;
        errno = e;
        return bad ? -1 : 0;
    }
    size_t len = strlen(path);
    char *tmp = malloc(len + 16);
    if (!tmp) {
        errno = ENOMEM;
        return -1;
    }
    /* same directory as path, so rename() stays on one file system */
    snprintf(tmp, len + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        errno = e;
        return -1;
    }
    /* the mode a new file would get (or the old file's) rather than 0600 */
    mode_t mode;
    if (stat(path, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t um = umask(0);
        umask(um);
        mode = 0666 & ~um;
    }
    int bad = fchmod(fd, mode) != 0 || write_all(fd, data, n) != 0 || fsync(fd) != 0;
    int e = errno;
    if (close(fd) != 0 && !bad) {
        bad = 1;
        e = errno;
    }
    if (!bad && rename(tmp, path) != 0) {
        bad = 1;
        e = errno;
    }
    if (bad)
        unlink(tmp);
    free(tmp);
    if (bad) {
        errno = e;
        return -1;
    }
    return 0;
}
