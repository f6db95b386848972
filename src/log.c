/* log.c: formats the log lines described in log.h. */
#include "log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static enum log_level _level = LOG_LEVEL_INFO;

void log_set_level(enum log_level level) { _level = level; }

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
}
