/* files.c -- files written atomically: a temporary beside the target,
   renamed into place when complete. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/io_int.h"

int ilrs__tmp_create(const char *path, char **tmp, ilrs_error *err)
{
    *tmp = NULL;
    if (!path || !*path)
        return ilrs_error_set(err, ILRS_EINVAL, "empty output file name");
    size_t n = strlen(path) + 48;
    char *name = malloc(n);
    if (!name)
        return ilrs_error_set(err, ILRS_ENOMEM, "out of memory");
    /* O_EXCL with mode 0666 so the finished file gets the permissions the
       user's umask gives any new file (mkstemp would force 0600). */
    unsigned long salt = (unsigned long)(uintptr_t)name ^ (unsigned long)time(NULL);
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(name, n, "%s.%ld-%lx.tmp", path, (long)getpid(),
                 (salt + (unsigned long)attempt * 7919u) & 0xffffffu);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0666);
        if (fd >= 0) {
            close(fd);
            *tmp = name;
            return ILRS_OK;
        }
        if (errno != EEXIST)
            break;
    }
    int e = errno;
    free(name);
    return ilrs_error_set(err, ILRS_EIO, "%s: cannot write: %s", path,
                          strerror(e));
}

int ilrs__tmp_commit(const char *tmp, const char *path, ilrs_error *err)
{
    if (rename(tmp, path) != 0) {
        int e = errno;
        remove(tmp);
        return ilrs_error_set(err, ILRS_EIO, "%s: cannot write: %s", path,
                              strerror(e));
    }
    return ILRS_OK;
}
