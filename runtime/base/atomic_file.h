/* atomic_file.h — replace a file's contents all at once or not at all.
 *
 * The bytes are written to a temporary file in the target's directory,
 * flushed to disk (fsync) and renamed over the target, so a reader sees
 * the old file or the new one, never a fragment, and on any error (full
 * disk, no permission, a directory in the way) the old file is untouched
 * and the temporary file removed.  A target that exists and is not a
 * regular file (a device such as /dev/stdout, a pipe) is written in place,
 * never replaced. */
#ifndef SYM_ATOMIC_FILE_H
#define SYM_ATOMIC_FILE_H

#include <stddef.h>

/* Write n bytes of data to path.  0 on success; -1 with errno set (the
 * system's reason) on failure. */
int atomic_write_file(const char *path, const char *data, size_t n);

#endif
