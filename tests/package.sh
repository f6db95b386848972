#!/usr/bin/env bash
# The Debian package as an administrator meets it, on this machine, as root:
# build it twice in different directories (same binary), lintian, the
# hardening, the man pages; install it with apt-get; the empty drop; the
# nightly job as the package's user on the shipped sample exports, checked
# by verify; the drop the group's (2770) on install and upgrade, and an
# exporter in the group delivering with einliefern and with cp and
# sha256sum, each read by the job; the units (systemd-analyze verify and security, exposure at
# most 2.0); the failure notification; the cron.d fallback; remove and
# purge, and what is left. It installs and purges the package, so it runs
# only as root and refuses a machine where ikz-report is installed already.
# Usage: package.sh SOURCE_DIR
set -u
src=$1
work=$(mktemp -d)
lieferant=ikz-lieferant # an exporter, made and removed here
export_dir=
trap 'rm -rf "$work" ${export_dir:+"$export_dir"}; getent passwd $lieferant >/dev/null && userdel $lieferant' EXIT
. "$src/tests/lib.sh" --no-preamble
[ "$(id -u)" = 0 ] || skip "needs root: it installs and purges the package"
for t in dpkg-buildpackage dh lintian hardening-check mandoc systemd-analyze apt-get; do
    command -v "$t" >/dev/null || skip "$t is missing (tools/setup --test installs it)"
done
if dpkg-query -W -f='${Status}' ikz-report 2>/dev/null | grep -q 'ok installed'; then
    skip "ikz-report is installed on this machine; the test would purge it"
fi

# --- build twice, in two directories --------------------------------------------------
copy() { mkdir -p "$1" && (cd "$src" && git ls-files -z | xargs -0 cp --parents -t "$1"); }
copy "$work/a/ikz-report"
copy "$work/b/anderer-ort"
(cd "$work/a/ikz-report" && dpkg-buildpackage -us -uc -b >"$work/a/build.log" 2>&1)
expect_eq "dpkg-buildpackage" 0 "$?"
(cd "$work/b/anderer-ort" && dpkg-buildpackage -us -uc -b >"$work/b/build.log" 2>&1)
expect_eq "dpkg-buildpackage elsewhere" 0 "$?"
deb=$(ls "$work"/a/ikz-report_*_amd64.deb 2>/dev/null | head -1)
[ -f "$deb" ] || { bad "no .deb built: $(tail -5 "$work/a/build.log")"; finish; }
# dh_auto_test ran the fast suites (label "fast") on the build, and the
# benchmark's programs were not built.
expect_true "dh_auto_test ran the fast suites, all passed" \
    grep -Eq '^100% tests passed, 0 tests failed out of [1-9][0-9]+$' "$work/a/build.log"
expect_eq "dh_auto_test: only the label fast" "fast" "$(sed -n 's/^\([a-z]*\) *= .*sec\*proc.*/\1/p' "$work/a/build.log" | sort -u)"
expect_eq "no benchmark program built" "" "$(cd "$work/a/ikz-report" && find obj-* -name 'gen-bench' -o -name 'floor-read' -o -name 'floor-write' -o -path '*/bench/*' -type f | head -3)"
expect_true "a -dbgsym package beside it" test -n "$(ls "$work"/a/ikz-report-dbgsym_*_amd64.deb 2>/dev/null)"
dpkg-deb -x "$deb" "$work/a/root"
dpkg-deb -x "$(ls "$work"/b/ikz-report_*_amd64.deb)" "$work/b/root"
expect_true "two builds in different directories: the same binary" \
    cmp "$work/a/root/usr/bin/ikz-report" "$work/b/root/usr/bin/ikz-report"
bin=$work/a/root/usr/bin/ikz-report
expect_eq "no test hooks in the packaged binary" 0 "$(strings "$bin" | grep -c 'IKZ_TEST_')"
expect_eq "no build directory in the packaged binary" 0 "$(strings "$bin" | grep -c "$work")"

# --- lintian, hardening, man pages ----------------------------------------------------
lintian --fail-on error,warning "$deb" >"$work/lintian.log" 2>&1
expect_eq "lintian --fail-on error,warning: exit" 0 "$?"
# --pedantic: only the infos docs/packaging.md lists, with their reasons.
lintian --pedantic --display-info "$deb" 2>/dev/null | grep -v '^N:' | sed 's/ \[.*//' | sort -u >"$work/pedantic"
printf '%s\n' "I: ikz-report: package-contains-documentation-outside-usr-share-doc" \
    "I: ikz-report: spelling-error-in-binary autor author" \
    "I: ikz-report: spelling-error-in-binary Tage Stage" | sort >"$work/pedantic.expected"
expect_eq "lintian --pedantic: only the documented infos" "$(cat "$work/pedantic.expected")" "$(cat "$work/pedantic")"
hardening-check --nocfprotection "$bin" >"$work/hardening" 2>&1
expect_eq "hardening-check (control flow: see below)" 0 "$?"
for p in "Position Independent Executable: yes" "Stack protected: yes" "Fortify Source functions: yes" \
    "Read-only relocations: yes" "Immediate binding: yes"; do
    expect_true "hardening: $p" grep -q "$p" "$work/hardening"
done
# Bookworm's crt1.o and crti.o carry no IBT/SHSTK note, so no program linked
# against them gets one (docs/packaging.md); the code itself has the
# landing pads and the stack clash probes.
expect_true "hardening: -fcf-protection landing pads" sh -c "objdump -d '$bin' | grep -q endbr64"
expect_true "hardening: stack clash probes" sh -c "objdump -d '$bin' | grep -Eq 'or[q]? +\\\$0x0,\\(%rsp\\)'"
for m in "$src/docs/ikz-report.1" "$src/docs/ikz-report.ini.5"; do
    mandoc -T lint -W warning "$m" >"$work/mandoc" 2>&1
    expect_eq "mandoc -T lint $(basename "$m")" "" "$(cat "$work/mandoc")"
done
expect_true "man page compressed" test -f "$work/a/root/usr/share/man/man1/ikz-report.1.gz"
expect_true "ikz-report.ini(5) shipped" test -f "$work/a/root/usr/share/man/man5/ikz-report.ini.5.gz"
expect_true "copyright names the GV100AD licence" grep -q "Datenlizenz Deutschland" "$work/a/root/usr/share/doc/ikz-report/copyright"
expect_true "changelog shipped" test -f "$work/a/root/usr/share/doc/ikz-report/changelog.gz"

# --- install --------------------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/install.log" 2>&1
expect_eq "apt-get install ./ikz-report.deb" 0 "$?"
expect_true "system user ikz-report" sh -c "getent passwd ikz-report | grep -q ':/var/lib/ikz-report:/usr/sbin/nologin$'"
for d in /var/lib/ikz-report /var/lib/ikz-report/register /var/lib/ikz-report/berichte; do
    expect_eq "$d: owner and mode" "ikz-report ikz-report 750" "$(stat -c '%U %G %a' "$d")"
done
expect_eq "the drop: the group's, setgid" "ikz-report ikz-report 2770" "$(stat -c '%U %G %a' /var/lib/ikz-report/eingang)"
expect_eq "/var/log/ikz-report: owner and mode" "ikz-report adm 2750" "$(stat -c '%U %G %a' /var/log/ikz-report)"
expect_true "the register placed once" test -f /var/lib/ikz-report/register/GV100AD_301123.txt
# One version, the changelog's: the package, --version, the man pages, and
# (below) the manifest of the installed job's report.
version=$(dpkg-query -W -f='${Version}' ikz-report)
expect_eq "the package's version is the changelog's" "$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)" "$version"
expect_eq "ikz-report --version is the package's" "ikz-report $version" "$(ikz-report --version)"
expect_true "--help: the templates default to the conffiles" \
    sh -c "ikz-report run --help | grep -q -- '--templates DIR .*default /etc/ikz-report/templates\$'"
for m in man1/ikz-report.1 man5/ikz-report.ini.5; do
    expect_eq "$m: .TH names the package's version" "\"ikz-report $version\"" \
        "$(zcat "/usr/share/man/$m.gz" | head -1 | grep -o '"ikz-report[^"]*"')"
done
conffiles=$(dpkg-query -W -f='${Conffiles}\n' ikz-report | awk '{print $1}')
for f in /etc/ikz-report/jobs/nightly.ini /etc/ikz-report/jobs/jahresbericht.ini /etc/ikz-report/templates/texte.ini \
    /etc/ikz-report/templates/pressetext.txt /etc/ikz-report/benachrichtigung /etc/cron.d/ikz-report /etc/logrotate.d/ikz-report; do
    expect_true "conffile $f" sh -c "printf '%s\n' \"$conffiles\" | grep -qx '$f'"
done
if command -v logrotate >/dev/null; then
    logrotate -d /etc/logrotate.d/ikz-report >"$work/logrotate" 2>&1
    expect_eq "logrotate accepts the snippet: exit" 0 "$?"
    expect_eq "logrotate accepts the snippet: no error" "" "$(grep -i 'error' "$work/logrotate")"
else
    bad "logrotate is missing (tools/setup --test installs it)"
fi
expect_true "the nightly timer enabled" test -L /etc/systemd/system/timers.target.wants/ikz-report-nightly.timer
expect_true "the yearly timer enabled" test -L /etc/systemd/system/timers.target.wants/ikz-report-jahresbericht.timer

# --- the shipped sample, as the man page's EXAMPLES run it, and the autopkgtest --------
# As an ordinary user (nobody), into a directory of its own.
sample_out=$(mktemp -d /tmp/ikz-sample.XXXXXX) && chown nobody "$sample_out"
runuser -u nobody -- ikz-report run --input /usr/share/ikz-report/sample-data --output "$sample_out/out" --year 2024 \
    >"$work/out" 2>&1
expect_eq "the man page's example on the shipped sample: exit" 0 "$?"
expect_true "the man page's EXAMPLES run the shipped sample" \
    sh -c "zcat /usr/share/man/man1/ikz-report.1.gz | mandoc -T ascii | sed 's/.\x08//g' | grep -q 'ikz-report run --input /usr/share/ikz-report/sample-data --output out --year 2024'"
runuser -u nobody -- ikz-report verify "$sample_out/out/2024" >"$work/verify" 2>&1
expect_eq "verify accepts the sample's report" 0 "$?"
expect_true "the sample's report: the press release's 442 Kommunen" \
    grep -q "^kommunen_gesamt;Kommunen insgesamt;442" "$sample_out/out/2024/csv/kennzahlen.csv"
expect_true "debian/tests/control runs the test 'sample' on the package" \
    sh -c "grep -qx 'Tests: sample' '$src/debian/tests/control' && grep -qx 'Depends: @' '$src/debian/tests/control'"
rm -rf "$sample_out"/* && mkdir "$sample_out/tmp" && chown nobody "$sample_out/tmp"
runuser -u nobody -- env AUTOPKGTEST_TMP="$sample_out/tmp" sh "$src/debian/tests/sample" >"$work/out" 2>"$work/err"
expect_eq "autopkgtest sample (as nobody): exit" 0 "$?"
expect_eq "autopkgtest sample: nothing on stderr (it has no allow-stderr)" "" "$(cat "$work/err")"
expect_eq "autopkgtest sample: its line" "sample: report of 2024 published and verified" "$(cat "$work/out")"
rm -rf "$sample_out"

# --- the nightly job as the package's user ----------------------------------------------
as_ikz() { runuser -u ikz-report -- "$@"; }
as_ikz ikz-report run --job /etc/ikz-report/jobs/nightly.ini >"$work/out" 2>&1
expect_eq "empty drop: exit" 0 "$?"
expect_true "empty drop: one line" grep -q "no complete delivery in /var/lib/ikz-report/eingang yet (a directory YYYY-MM-DD sealed by SHA256SUMS); nothing to do" "$work/out"
# Deliveries of the day before yesterday, yesterday and today: the
# nightly job's Stichtag is the delivery's date, and one older than
# max-alter-tage (3) would fail the night.
d1=$(date -d '-2 days' +%F) d2=$(date -d '-1 day' +%F) d3=$(date +%F)
drop=/var/lib/ikz-report/eingang/$d1
as_ikz install -d "$drop"
as_ikz cp /usr/share/ikz-report/sample-data/projekte.csv /usr/share/ikz-report/sample-data/beteiligungen.csv "$drop/"
as_ikz sh -c "cd $drop && sha256sum *.csv >SHA256SUMS"
as_ikz ikz-report run --job /etc/ikz-report/jobs/nightly.ini >"$work/out" 2>&1
expect_eq "the installed nightly job: exit" 0 "$?"
expect_true "the installed nightly job: two days old, warned" grep -q "WARN delivery $drop is 2 days old" "$work/out"
year=$(date -d "$d1" +%Y)
report=/var/lib/ikz-report/berichte/$year
expect_true "report published" test -f "$report/ikz-bericht-$year.xlsx"
expect_eq "report owned by the package's user" "ikz-report" "$(stat -c %U "$report/manifest.json")"
ikz-report verify "$report" >"$work/verify" 2>&1
expect_eq "verify accepts the installed job's report" 0 "$?"
expect_eq "the manifest's version is the package's" '"version":	"'"$version"'",' "$(grep -o '"version":.*' "$report/manifest.json")"
expect_true "the report counts the press release's Kommunen" grep -q "^kommunen_gesamt;Kommunen insgesamt;442" "$report/csv/kennzahlen.csv"
# Root by hand on the package's output: refused, with the command to type,
# and nothing left that the package's user could not remove.
before=$(find /var/lib/ikz-report/berichte | sort)
ikz-report run --job /etc/ikz-report/jobs/nightly.ini >"$work/out" 2>&1
expect_eq "root on the package's output: exit 77 (EX_NOPERM)" 77 "$?"
expect_eq "root on the package's output: says how to run it" \
    "ikz-report: run it as ikz-report: runuser -u ikz-report -- ikz-report run --job /etc/ikz-report/jobs/nightly.ini" \
    "$(sed -n 2p "$work/out")"
expect_eq "root on the package's output: nothing written" "$before" "$(find /var/lib/ikz-report/berichte | sort)"
expect_eq "root never left a file the package's user cannot remove" "" \
    "$(find /var/lib/ikz-report /var/log/ikz-report ! -user ikz-report)"
as_ikz ikz-report run --job /etc/ikz-report/jobs/jahresbericht.ini >"$work/out" 2>&1
expect_eq "the installed yearly job: exit" 0 "$?"
expect_true "yearly report of last year" test -f "/var/lib/ikz-report/berichte/$(( $(date +%Y) - 1 ))/manifest.json"

# --- delivering: an exporter in the group ikz-report -----------------------------------
eingang=/var/lib/ikz-report/eingang
chmod 0750 "$eingang" # as earlier builds left it: an upgrade makes it the group's
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" >"$work/upgrade.log" 2>&1
expect_eq "installed again over itself (an upgrade): exit" 0 "$?"
expect_eq "upgrade: the drop the group's again" "ikz-report ikz-report 2770" "$(stat -c '%U %G %a' "$eingang")"
if useradd -M -G ikz-report -s /bin/sh "$lieferant"; then
    export_dir=$(mktemp -d /tmp/ikz-export.XXXXXX)
    cp /usr/share/ikz-report/sample-data/projekte.csv /usr/share/ikz-report/sample-data/beteiligungen.csv "$export_dir/"
    chmod 755 "$export_dir" && chmod 644 "$export_dir"/*
    # The exporter's own umask, which gives the group read access only.
    as_lieferant() { runuser -u "$lieferant" -- sh -c "umask 027 && $1"; }
    # (a) ikz-report einliefern
    as_lieferant "ikz-report einliefern --eingang $eingang --von $export_dir --datum $d2" >"$work/out" 2>&1
    expect_eq "einliefern by a member of the group: exit" 0 "$?"
    expect_eq "einliefern: owner, group and mode" "$lieferant ikz-report 2770" "$(stat -c '%U %G %a' "$eingang/$d2")"
    expect_eq "einliefern: the files" "$lieferant ikz-report 640" "$(stat -c '%U %G %a' "$eingang/$d2"/* | sort -u)"
    expect_true "einliefern: the job's user checks the seal" \
        as_ikz sh -c "cd $eingang/$d2 && sha256sum --quiet --strict -c SHA256SUMS"
    as_ikz ikz-report run --job /etc/ikz-report/jobs/nightly.ini >"$work/out" 2>&1
    expect_eq "the job on einliefern's delivery: exit" 0 "$?"
    report=/var/lib/ikz-report/berichte/$(date -d "$d2" +%Y)
    expect_true "the job read einliefern's delivery" \
        grep -q '"input_dir":'$'\t''"'"$d2"'",' "$report/manifest.json"
    # (b) plain cp, then SHA256SUMS last, as a script on the exporter's side
    as_lieferant "mkdir $eingang/$d3 && cp $export_dir/*.csv $eingang/$d3/ &&
        cd $eingang/$d3 && sha256sum *.csv >SHA256SUMS" >"$work/out" 2>&1
    expect_eq "cp and sha256sum by a member of the group: exit" 0 "$?"
    expect_eq "cp: the group the drop's" "ikz-report" "$(stat -c '%G' "$eingang/$d3" "$eingang/$d3"/* | sort -u)"
    as_ikz ikz-report run --job /etc/ikz-report/jobs/nightly.ini >"$work/out" 2>&1
    expect_eq "the job on the copied delivery: exit" 0 "$?"
    report=/var/lib/ikz-report/berichte/$(date -d "$d3" +%Y)
    expect_true "the job read the copied delivery" \
        grep -q '"input_dir":'$'\t''"'"$d3"'",' "$report/manifest.json"
    ikz-report verify "$report" >"$work/verify" 2>&1
    expect_eq "verify accepts it" 0 "$?"
    userdel "$lieferant"
else
    bad "useradd $lieferant failed"
fi

# --- the units --------------------------------------------------------------------------
units=(ikz-report-nightly.service ikz-report-nightly.timer ikz-report-jahresbericht.service
    ikz-report-jahresbericht.timer ikz-report-fehler@.service)
for u in "${units[@]}"; do
    expect_true "unit installed: $u" test -f "/lib/systemd/system/$u"
done
(cd /lib/systemd/system && systemd-analyze verify --man=no ikz-report-nightly.service ikz-report-nightly.timer \
    ikz-report-jahresbericht.service ikz-report-jahresbericht.timer ikz-report-fehler@x.service) >"$work/verify-units" 2>&1
expect_eq "systemd-analyze verify: no complaint" "" "$(grep -v 'Failed to connect\|running in a chroot\|System has not been booted' "$work/verify-units")"
for u in ikz-report-nightly.service ikz-report-jahresbericht.service ikz-report-fehler@.service; do
    score=$(systemd-analyze security --offline=true "/lib/systemd/system/$u" 2>&1 | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p')
    printf 'exposure %s %s\n' "$u" "$score" >&2
    expect_true "exposure of $u ($score) at most 2.0" awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 2.0) }'
done
# Nothing here runs systemd as PID 1, so the sandbox is checked by what the
# job does: every system call of a run (strace) must pass the unit's filter.
if command -v strace >/dev/null; then
    trace=$(mktemp -d /tmp/ikz-strace.XXXXXX) && chown ikz-report "$trace"
    as_ikz strace -f -qq -o "$trace/log" ikz-report run --job /etc/ikz-report/jobs/nightly.ini >/dev/null 2>&1
    sed -E 's/^[0-9]+ +//' "$trace/log" | grep -oE '^[a-z_0-9]+\(' | tr -d '(' | sort -u >"$work/used"
    members() { # the system calls of groups, nested groups resolved
        local todo=("$@") g x
        while [ ${#todo[@]} -gt 0 ]; do
            g=${todo[0]}
            todo=("${todo[@]:1}")
            for x in $(systemd-analyze syscall-filter "$g" </dev/null | awk '/^    [@a-z_0-9-]+$/ {print $1}'); do
                case $x in @*) todo+=("$x") ;; *) echo "$x" ;; esac
            done
        done
    }
    unit=/lib/systemd/system/ikz-report-nightly.service
    allow=$(sed -n 's/^SystemCallFilter=\([^~].*\)/\1/p' "$unit")
    deny=$(sed -n 's/^SystemCallFilter=~\(.*\)/\1/p' "$unit")
    members $allow | sort -u >"$work/allowed"
    members $deny | sort -u >"$work/denied"
    rm -rf "$trace"
    expect_true "strace saw the job's system calls" test "$(wc -l <"$work/used")" -gt 20
    expect_eq "system calls outside the unit's filter" "" "$(comm -23 "$work/used" "$work/allowed" | tr '\n' ' ')"
    expect_eq "system calls the unit's filter denies" "" "$(comm -12 "$work/used" "$work/denied" | tr '\n' ' ')"
else
    bad "strace is missing (tools/setup --test installs it)"
fi
for t in nightly jahresbericht; do
    expect_true "$t timer: Persistent, RandomizedDelaySec" sh -c "grep -q '^Persistent=true' /lib/systemd/system/ikz-report-$t.timer && grep -q '^RandomizedDelaySec=' /lib/systemd/system/ikz-report-$t.timer"
    expect_true "$t timer: outside the DST hour (02:00-03:00)" sh -c "! grep -Eq '^OnCalendar=.* 02:' /lib/systemd/system/ikz-report-$t.timer"
    expect_true "$t service: OnFailure notification" grep -q '^OnFailure=ikz-report-fehler@%n.service' "/lib/systemd/system/ikz-report-$t.service"
done

# --- the failure notification --------------------------------------------------------
# The recipient is set in one place, the conffile benachrichtigung; cron.d
# mails nothing itself. A fake sendmail, writable by the package's user,
# keeps the mail.
expect_eq "cron.d: MAILTO empty, its only MAILTO" 'MAILTO=""' "$(grep '^MAILTO' /etc/cron.d/ikz-report)"
expect_eq "systemd units: no MAILTO or EnvironmentFile of their own" "" \
    "$(grep -l '^[^#]*\(MAILTO\|EnvironmentFile\)' /lib/systemd/system/ikz-report*)"
mailbox=$(mktemp -d /tmp/ikz-mail.XXXXXX) && chown ikz-report "$mailbox"
printf '#!/bin/sh\ncat >"%s/mail"\n' "$mailbox" >"$work/sendmail"
chmod 755 "$work" "$work/sendmail"
sed -i 's/^MAILTO=.*/MAILTO=statistik@example.org/' /etc/ikz-report/benachrichtigung
IKZ_SENDMAIL="$work/sendmail" /usr/libexec/ikz-report/ikz-report-fehler ikz-report-nightly.service >"$work/out" 2>&1
expect_eq "notification: exit" 0 "$?"
cp "$mailbox/mail" "$work/mail"
expect_eq "notification: mailed to benachrichtigung's MAILTO" "To: statistik@example.org" "$(head -1 "$work/mail")"
expect_eq "notification: MIME-Version and the charset" "MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit" "$(sed -n 3,5p "$work/mail")"
expect_true "notification: subject names the unit" grep -q "^Subject: \[ikz-report\] ikz-report-nightly.service failed on " "$work/mail"
expect_true "notification: says nothing was published" grep -q "nothing new was published, the previous report is unchanged" "$work/mail"
printf '#!/bin/sh\nexit 1\n' >"$work/sendmail"
IKZ_SENDMAIL="$work/sendmail" /usr/libexec/ikz-report/ikz-report-fehler ikz-report-nightly.service >"$work/out" 2>&1
expect_eq "notification: a mail that cannot be sent is an error" 75 "$?"

# --- cron.d: the fallback without systemd, nothing with it or without the package -------
cronline() { grep "ikz-report-cron /etc/ikz-report/jobs/$1.ini" /etc/cron.d/ikz-report | sed 's/^\([^ ]* *\)\{5\}ikz-report *//'; }
expect_true "cron.d runs as the package's user" grep -Eq '^15 4 \* \* \* +ikz-report +' /etc/cron.d/ikz-report
line=$(cronline nightly)
if [ ! -d /run/systemd/system ]; then
    as_ikz sh -c "$line" >"$work/out" 2>&1
    expect_eq "cron without systemd: runs the job" 0 "$?"
    expect_true "cron without systemd: one line in cron.log" grep -q "exit=0: published$" /var/log/ikz-report/cron.log
    mkdir -p /run/systemd/system
    lines=$(wc -l </var/log/ikz-report/cron.log)
    as_ikz sh -c "$line" >"$work/out" 2>&1
    expect_eq "cron under systemd: silent" "" "$(cat "$work/out")"
    expect_eq "cron under systemd: does nothing" "$lines" "$(wc -l </var/log/ikz-report/cron.log)"
    rmdir /run/systemd/system /run/systemd 2>/dev/null
fi
# A failed night under cron: the wrapper mails benachrichtigung's MAILTO
# (cron's MAILTO is empty and would mail nothing).
printf '#!/bin/sh\ncat >"%s/mail"\n' "$mailbox" >"$work/sendmail" # it failed on purpose above
rm -f "$mailbox/mail"
as_ikz env MAILTO= IKZ_SENDMAIL="$work/sendmail" /usr/libexec/ikz-report/ikz-report-cron /etc/ikz-report/jobs/fehlt.ini \
    >"$work/out" 2>&1
expect_eq "cron, a failed night: the job's exit" 66 "$?"
[ -f "$mailbox/mail" ] || cat "$work/out" >&2
expect_eq "cron, a failed night: mailed to benachrichtigung's MAILTO" "To: statistik@example.org" "$(head -1 "$mailbox/mail" 2>/dev/null)"
expect_true "cron, a failed night: the mail has MIME-Version" grep -qx "MIME-Version: 1.0" "$mailbox/mail"
expect_true "cron, a failed night: the mail has the job's error" grep -q "fehlt.ini: cannot read the job file" "$mailbox/mail"
rm -rf "$mailbox"

# --- remove, then purge --------------------------------------------------------------
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq ikz-report >"$work/remove.log" 2>&1
expect_eq "apt-get remove" 0 "$?"
expect_true "remove keeps the reports" test -f "$report/manifest.json"
if [ -f /etc/cron.d/ikz-report ]; then
    lines=$(wc -l </var/log/ikz-report/cron.log)
    sh -c "$line" >"$work/out" 2>&1
    expect_eq "cron.d after remove: silent" "" "$(cat "$work/out")"
    expect_eq "cron.d after remove: does nothing" "$lines" "$(wc -l </var/log/ikz-report/cron.log)"
fi
expect_true "remove: no unit left" sh -c '! ls /lib/systemd/system/ikz-report* 2>/dev/null | grep -q .'
expect_eq "debconf knows the purge question, default no" "  ikz-report/purge-reports: false" "$(debconf-show ikz-report 2>&1)"
# Without an answer (noninteractive) purge keeps the published reports and
# says where they are; everything else goes.
reports=$(cd /var/lib/ikz-report/berichte && find . | sort)
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq ikz-report >"$work/purge.log" 2>&1
expect_eq "apt-get purge, noninteractive: exit" 0 "$?"
expect_true "purge, noninteractive: says where the reports are" \
    grep -q "ikz-report: purge keeps the published reports in /var/lib/ikz-report/berichte; delete them with rm -rf /var/lib/ikz-report" "$work/purge.log"
expect_eq "purge, noninteractive: the reports kept, all of them" "$reports" "$(cd /var/lib/ikz-report/berichte 2>/dev/null && find . | sort)"
expect_eq "purge, noninteractive: nothing else in /var/lib/ikz-report" "berichte" "$(ls -A /var/lib/ikz-report)"
leftovers() { # Home directories are no package's (a profiler's cache of a build may sit there).
    find / -xdev \( -path /proc -o -path "$work" -o -path "$src" -o -path /tmp -o -path /work -o -path /root -o -path /home \) -prune -o \
        -name '*ikz-report*' -print 2>/dev/null | sort
}
expect_eq "purge, noninteractive: nothing else left" "/var/lib/ikz-report" "$(leftovers)"
expect_eq "purge forgets the debconf answer" "" "$(debconf-show ikz-report 2>/dev/null)"
# Installed again, the kept reports are its own again; purge asks, and
# the answer yes (typed, debconf's teletype frontend) deletes them.
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/install.log" 2>&1
expect_eq "installed again over the kept reports: exit" 0 "$?"
expect_eq "installed again: the reports the package user's" "" "$(find /var/lib/ikz-report ! -user ikz-report)"
printf 'yes\n' | DEBIAN_FRONTEND=teletype dpkg --purge ikz-report >"$work/purge.log" 2>&1
expect_eq "dpkg --purge, asked and answered yes: exit" 0 "$?"
expect_true "purge asks through debconf" grep -q "Delete the published reports in /var/lib/ikz-report/berichte?" "$work/purge.log"
expect_eq "purge, answered yes: nothing of the package's left" "" "$(leftovers)"
expect_true "purge keeps the user, as policy asks" test -n "$(getent passwd ikz-report)"
finish
