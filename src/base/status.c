/* status.c: names for the status codes of status.h, and the one way a
 * module says in words why it failed (struct ikz_error). */
#include "status.h"

#include <stdarg.h>
#include <stdio.h>

const char *ikz_strerror(enum ikz_status status)
{
    switch (status) {
    case IKZ_OK: return "success";
    case IKZ_ERR_USAGE: return "usage error";
    case IKZ_ERR_DATA: return "data errors in the exports";
    case IKZ_ERR_NOINPUT: return "input missing";
    case IKZ_ERR_SOFTWARE: return "internal error";
    case IKZ_ERR_OSERR: return "out of memory";
    case IKZ_ERR_CANTCREAT: return "cannot create output";
    case IKZ_ERR_IO: return "input/output error";
    case IKZ_ERR_TEMPFAIL: return "another run is active";
    case IKZ_ERR_NOPERM: return "not as this user";
    case IKZ_ERR_CONFIG: return "configuration error";
    }
    return "unknown status";
}

enum ikz_status ikz_fail(struct ikz_error *err, enum ikz_status status, const char *fmt, ...)
{
    if (!err || err->status != IKZ_OK || status == IKZ_OK)
        return status;
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return status;
}
