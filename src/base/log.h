/* log.h: the job's log lines on stderr.
 *
 * Every line reads `YYYY-MM-DDTHH:MM:SSZ ikz-report[pid] LEVEL message`, so
 * that cron mail, syslog and a person at a terminal see the same thing. The
 * wall clock appears here and nowhere in the report itself. */
#ifndef IKZ_LOG_H
#define IKZ_LOG_H

#include "status.h"

enum log_level { LOG_LEVEL_ERROR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/* Lines above this level are dropped; the default is LOG_LEVEL_INFO. */
void log_set_level(enum log_level level);

/* Also appends every line to path (created 0640 if missing). IKZ_OK, or
 * IKZ_ERR_CANTCREAT with errno set. */
enum ikz_status log_open_file(const char *path);

/* A progress line ("reading X: N rows"): only on a terminal, only once the
 * run has taken a second, at most one a second. Under cron: nothing. (The
 * tests shorten the second with IKZ_TEST_PROGRESS_AFTER.) */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
void log_progress(const char *fmt, ...);

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void log_msg(enum log_level level, const char *fmt, ...);

/* Seconds since the first call, from a monotonic clock (for --verbose
 * timings of the phases; never in a report). */
double log_elapsed(void);

#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
