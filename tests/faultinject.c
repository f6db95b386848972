/* faultinject.c: an LD_PRELOAD library that makes output calls of a
 * process fail from the Nth on, in the spirit of SQLite's I/O-error tests.
 *
 * Counted calls: write, fwrite, fputs, fputc, fprintf, vfprintf, fflush,
 * fclose, close, fsync, syncfs, rename, renameat2 on anything but the terminal
 * (fd 0-2, stdin/stdout/stderr), whoever calls them: the job and the
 * libraries it writes through (libxlsxwriter, minizip, libcsv, stdio).
 * Two models, by IKZ_FAULT_MODE:
 *   full (default): the disk fills at the Nth call: it and every later
 *     one fail with ENOSPC (fclose and close still release the file);
 *   sync: only fsync, syncfs, close, fclose, rename and renameat2 are counted, and
 *     only the Nth fails (EIO), once: a disk that cannot make a file or a
 *     directory durable at one point.
 * IKZ_FAULT_AT=N chooses N (0: none); IKZ_FAULT_COUNT=FILE receives the
 * number of counted calls at exit, so a test can sweep N over a run;
 * IKZ_FAULT_TRACE=FILE receives the kind of each counted call, one line
 * each (line N: "write", "rename", ...), so that it can pick N of every
 * kind. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long _at = -1, _n;
static bool _sync_mode;

static void _init(void)
{
    if (_at >= 0)
        return;
    const char *s = getenv("IKZ_FAULT_AT"), *mode = getenv("IKZ_FAULT_MODE");
    _at = s ? atol(s) : 0;
    _sync_mode = mode && strcmp(mode, "sync") == 0;
}

/* dlsym returns an object pointer; POSIX allows this copy into a function
 * pointer, which ISO C's cast would not. */
#define REAL(name)                                                                                                 \
    static __typeof__(name) *real_##name;                                                                          \
    if (!real_##name)                                                                                              \
        *(void **)&real_##name = dlsym(RTLD_NEXT, #name)

/* Appends the kind of the counted call to IKZ_FAULT_TRACE, if set. The
 * file is opened at the first counted call and never closed (the process's
 * own calls are the ones counted). */
static int _trace_fd = -2; /* -2: not yet opened; -1: no trace */

static void _trace(const char *kind)
{
    if (_trace_fd == -2) {
        const char *path = getenv("IKZ_FAULT_TRACE");
        _trace_fd = path ? open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644) : -1;
    }
    if (_trace_fd < 0)
        return;
    REAL(write);
    char line[32];
    int len = snprintf(line, sizeof line, "%s\n", kind);
    if (len > 0 && (size_t)len < sizeof line && real_write(_trace_fd, line, (size_t)len) != len)
        _trace_fd = -1; /* the sweep then finds the trace shorter than the count */
}

/* A write-like call: fails from the Nth on in the full model. */
static bool _fail(const char *kind)
{
    _init();
    if (_sync_mode)
        return false;
    ++_n;
    _trace(kind);
    return _n >= _at && _at > 0;
}

/* fsync, close, fclose, rename: counted in both models. */
static bool _fail_sync(const char *kind)
{
    _init();
    ++_n;
    _trace(kind);
    return _at > 0 && (_sync_mode ? _n == _at : _n >= _at);
}

static bool _terminal(FILE *fp) { return fp == stdout || fp == stderr || fp == stdin; }

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    if (fd > 2 && _fail("write")) {
        errno = ENOSPC;
        return -1;
    }
    return real_write(fd, buf, n);
}

size_t fwrite(const void *p, size_t size, size_t n, FILE *fp)
{
    REAL(fwrite);
    if (!_terminal(fp) && _fail("fwrite")) {
        errno = ENOSPC;
        return 0;
    }
    return real_fwrite(p, size, n, fp);
}

int fputs(const char *s, FILE *fp)
{
    REAL(fputs);
    if (!_terminal(fp) && _fail("fputs")) {
        errno = ENOSPC;
        return EOF;
    }
    return real_fputs(s, fp);
}

int fputc(int c, FILE *fp)
{
    REAL(fputc);
    if (!_terminal(fp) && _fail("fputc")) {
        errno = ENOSPC;
        return EOF;
    }
    return real_fputc(c, fp);
}

int vfprintf(FILE *fp, const char *fmt, va_list ap)
{
    REAL(vfprintf);
    if (!_terminal(fp) && _fail("vfprintf")) {
        errno = ENOSPC;
        return -1;
    }
    return real_vfprintf(fp, fmt, ap);
}

int fprintf(FILE *fp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = vfprintf(fp, fmt, ap);
    va_end(ap);
    return rc;
}

int fflush(FILE *fp)
{
    REAL(fflush);
    if (fp && !_terminal(fp) && _fail("fflush")) {
        errno = ENOSPC;
        return EOF;
    }
    return real_fflush(fp);
}

int fclose(FILE *fp)
{
    REAL(fclose);
    bool fail = !_terminal(fp) && _fail_sync("fclose");
    int rc = real_fclose(fp);
    if (fail) {
        errno = ENOSPC;
        return EOF;
    }
    return rc;
}

int close(int fd)
{
    REAL(close);
    bool fail = fd > 2 && _fail_sync("close");
    int rc = real_close(fd);
    if (fail) {
        errno = EIO;
        return -1;
    }
    return rc;
}

int fsync(int fd)
{
    REAL(fsync);
    if (_fail_sync("fsync")) {
        errno = EIO;
        return -1;
    }
    return real_fsync(fd);
}

int syncfs(int fd)
{
    REAL(syncfs);
    if (_fail_sync("syncfs")) {
        errno = EIO;
        return -1;
    }
    return real_syncfs(fd);
}

int rename(const char *a, const char *b)
{
    REAL(rename);
    if (_fail_sync("rename")) {
        errno = ENOSPC;
        return -1;
    }
    return real_rename(a, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
    REAL(renameat2);
    if (_fail_sync("renameat2")) {
        errno = ENOSPC;
        return -1;
    }
    return real_renameat2(da, a, db, b, flags);
}

__attribute__((destructor)) static void _report(void)
{
    const char *path = getenv("IKZ_FAULT_COUNT");
    if (!path)
        return;
    long counted = _n;
    _at = 0; /* the report itself is never made to fail, nor traced */
    _trace_fd = -1;
    FILE *fp = fopen(path, "w");
    if (fp) {
        fprintf(fp, "%ld\n", counted);
        fclose(fp);
    }
}
