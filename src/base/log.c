/* log.c: formats the log lines described in log.h. */
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum log_level _level = LOG_LEVEL_INFO;
static int _file = -1;

void log_set_level(enum log_level level) { _level = level; }

enum ikz_status log_open_file(const char *path)
{
    /* The log's directory may be the output directory of a first run. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        mkdir(dir, 0777);
    }
    /* O_NONBLOCK: a FIFO without a reader fails at once instead of
     * holding the run (and its lock) forever; only a regular file is a log. */
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0640);
    if (fd < 0)
        return IKZ_ERR_CANTCREAT;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        errno = EINVAL;
        return IKZ_ERR_CANTCREAT;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    if (_file >= 0)
        close(_file);
    _file = fd;
    return IKZ_OK;
}

static double _now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double log_elapsed(void)
{
    static double start = -1;
    double now = _now();
    if (start < 0)
        start = now;
    return now - start;
}

void log_progress(const char *fmt, ...)
{
    /* Per thread: the readers of two files report their own progress. */
    static _Thread_local double start, last, after = 1.0;
    static _Thread_local int tty = -1;
    if (tty < 0) {
        tty = isatty(STDERR_FILENO);
        start = last = _now();
#ifdef IKZ_TEST_HOOKS
        /* The tests cannot wait a second for a line: they shorten both. */
        const char *t = getenv("IKZ_TEST_PROGRESS_AFTER");
        if (t)
            after = atof(t);
#endif
        last -= after;
    }
    double now = _now();
    if (!tty || _level < LOG_LEVEL_INFO || now - start < after || now - last < after)
        return;
    last = now;
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    log_msg(LOG_LEVEL_INFO, "%s", line);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    static const char *const names[] = {"ERROR", "WARN", "INFO", "DEBUG"};
    if (level > _level)
        return;

    char stamp[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);

    /* One fprintf for the whole line would need a buffer; stderr is
     * unbuffered, so build the line first to keep it in one write(). */
    char line[2048];
    int n = snprintf(line, sizeof line, "%s ikz-report[%ld] %s ", stamp, (long)getpid(), names[level]);
    va_list ap;
    va_start(ap, fmt);
    if (n >= 0 && (size_t)n < sizeof line)
        vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s\n", line);
    /* A log file that fails must not fail the run: stderr has the line. */
    if (_file >= 0)
        dprintf(_file, "%s\n", line);
}
