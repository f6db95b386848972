# /etc/cron.d/ikz-report: the fallback for hosts without systemd. Where
# systemd runs, its timers (ikz-report-nightly.timer,
# ikz-report-jahresbericht.timer) schedule the job and these lines do
# nothing; they also do nothing once the package is removed. Runs as the
# package's user. Who is told of a failure is set in one place,
# /etc/ikz-report/benachrichtigung: the wrapper mails there itself, so
# cron mails nothing (MAILTO is empty).
SHELL=/bin/sh
PATH=/usr/bin:/bin
MAILTO=""

# Every night at 04:15 (outside the summer-time change): today's report.
15 4 * * *   ikz-report   test -x /usr/libexec/ikz-report/ikz-report-cron && [ ! -d /run/systemd/system ] && /usr/libexec/ikz-report/ikz-report-cron /etc/ikz-report/jobs/nightly.ini

# On 2 January at 05:15: the report of the previous year.
15 5 2 1 *   ikz-report   test -x /usr/libexec/ikz-report/ikz-report-cron && [ ! -d /run/systemd/system ] && /usr/libexec/ikz-report/ikz-report-cron /etc/ikz-report/jobs/jahresbericht.ini
