/* status.c -- status codes and error detail. */
#include "ilrs/core.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    int code;
    const char *name;
    const char *text;
} status_table[] = {
    {ILRS_OK, "ILRS_OK", "success"},
    {ILRS_EINVAL, "ILRS_EINVAL", "invalid argument"},
    {ILRS_ENOMEM, "ILRS_ENOMEM", "out of memory"},
    {ILRS_EIO, "ILRS_EIO", "cannot read file"},
    {ILRS_EFORMAT, "ILRS_EFORMAT", "malformed input"},
    {ILRS_ERANGE, "ILRS_ERANGE", "outside the data's coverage"},
    {ILRS_ENOTFOUND, "ILRS_ENOTFOUND", "not found"},
    {ILRS_ENOCONV, "ILRS_ENOCONV", "iteration did not converge"},
    {ILRS_EUNSUPPORTED, "ILRS_EUNSUPPORTED", "not supported"},
    {ILRS_ELIMIT, "ILRS_ELIMIT", "size limit exceeded"},
    {ILRS_WDUBIOUS, "ILRS_WDUBIOUS", "result of doubtful accuracy"},
};

const char *ilrs_strerror(int code)
{
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].code == code)
            return status_table[i].text;
    return "unknown status";
}

const char *ilrs_err_name(int code)
{
    for (size_t i = 0; i < sizeof status_table / sizeof status_table[0]; i++)
        if (status_table[i].code == code)
            return status_table[i].name;
    return "unknown status";
}

int ilrs_error_set(ilrs_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->code = code;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return code;
}

void ilrs_error_clear(ilrs_error *err)
{
    if (err) {
        err->code = 0;
        err->msg[0] = '\0';
    }
}
