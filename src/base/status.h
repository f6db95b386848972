/* status.h: the one status type every pipeline function returns.
 *
 * The values are the exit codes of sysexits.h, so main() can exit with a
 * status as it is and cron's mail, the operator and the tests all see the
 * same number. Nothing below main() exits or prints the status itself. */
#ifndef IKZ_STATUS_H
#define IKZ_STATUS_H

enum ikz_status {
    IKZ_OK = 0,
    IKZ_ERR_USAGE = 64,    /* EX_USAGE: bad command line */
    IKZ_ERR_DATA = 65,     /* EX_DATAERR: errors in the exports */
    IKZ_ERR_NOINPUT = 66,  /* EX_NOINPUT: an input file is missing or unreadable */
    IKZ_ERR_SOFTWARE = 70, /* EX_SOFTWARE: an internal error */
    IKZ_ERR_OSERR = 71,    /* EX_OSERR: out of memory and similar */
    IKZ_ERR_CANTCREAT = 73,/* EX_CANTCREAT: cannot create an output file */
    IKZ_ERR_IO = 74,       /* EX_IOERR: a read or write failed */
    IKZ_ERR_TEMPFAIL = 75, /* EX_TEMPFAIL: try again later (another run) */
    IKZ_ERR_NOPERM = 77,   /* EX_NOPERM: root on the package user's output */
    IKZ_ERR_CONFIG = 78    /* EX_CONFIG: a template or job file is wrong */
};

/* A static English phrase for the status; do not free. */
const char *ikz_strerror(enum ikz_status status);

/* What went wrong, in words. The module that fails fills it; the caller
 * that knows the context (main.c and the pipeline's report*.c) logs it. Modules below them
 * never print. The first failure is kept: later ones are its consequences. */
struct ikz_error {
    enum ikz_status status;
    char message[512];
};

/* Notes status and the formatted message in err (unless err is NULL or
 * already holds a failure) and returns status, for
 * `return ikz_fail(err, IKZ_ERR_IO, "cannot write %s: %s", path, strerror(e));` */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
enum ikz_status ikz_fail(struct ikz_error *err, enum ikz_status status, const char *fmt, ...);

#endif
