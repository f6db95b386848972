#!/usr/bin/env bash
# The operator's promises, each proved by doing it: job files, validate,
# one run at a time (75), SIGKILL at every phase leaves the previous report
# intact and the next run cleans up, unwritable (73) and full (74) output,
# verify, the log file and the cron wrapper under env -i (the .deb: package.sh).
# The number of files a report holds comes from tests/list_outputs.c.
# Usage: operations.sh BINARY SOURCE_DIR BUILD_DIR LIST_OUTPUTS
. "$(dirname "$0")/lib.sh"
build=$3
outputs "$4"

# Hashes of every file of a report, to prove it unchanged.
fingerprint() { (cd "$1" && find . -type f -exec sha256sum {} + | sort); }
# Starts a run paused at a phase in the background; waits until it is there.
start_paused() { # phase output
    IKZ_TEST_PAUSE=$1 "$bin" run --input "$src/sample-data" --output "$2" --year 2024 >"$work/bg.log" 2>&1 &
    bg=$!
    for _ in $(seq 1 100); do
        grep -q "paused at $1" "$work/bg.log" && return 0
        sleep 0.1
    done
    bad "run did not reach phase $1: $(tail -3 "$work/bg.log")"
    return 1
}

# --- job files --------------------------------------------------------------
mkdir -p "$work/site/jobs" "$work/site/exporte/2026-11-01" "$work/site/exporte/2026-11-23"
cp "$src/sample-data/"* "$work/site/exporte/2026-11-23/"
(cd "$work/site/exporte/2026-11-23" && sha256sum -- * >SHA256SUMS) # sealed last, as an exporter does
printf 'kaputt\n' >"$work/site/exporte/2026-11-01/projekte.csv"
mkdir -p "$work/site/exporte/archiv" # greater by name than any date, but no date
cat >"$work/site/jobs/nightly.ini" <<INI
; a comment
[job]
input = ../exporte/*
output = ../berichte
stichtag = 2024-12-31
templates = $src/templates
log-file = ../ikz.log
INI
run run --job "$work/site/jobs/nightly.ini"
expect_eq "job: exit" 0 "$rc"
expect_true "job: relative output, newest export" test -f "$work/site/berichte/2024/csv/kennzahlen.csv"
expect_true "job: log file written" grep -q "published $work/site/jobs/../berichte/2024" "$work/site/ikz.log"
expect_true "job: newest export logged" grep -q "INFO delivery $work/site/jobs/../exporte/2026-11-23 (sealed, 4 files)$" "$work/out"
expect_true "job: the export directory in the manifest" grep -q '"input_dir":'$'\t''"2026-11-23",' "$work/site/berichte/2024/manifest.json"
# A drop that has received nothing yet: a scheduled run has nothing to do
# and says so in one line; validate, asked for data, fails.
mkdir -p "$work/leer/eingang"
printf '[job]\ninput = eingang/*\noutput = berichte\n' >"$work/leer/job.ini"
run run --job "$work/leer/job.ini"
expect_eq "empty drop: run exit" 0 "$rc"
expect_eq "empty drop: one line" 1 "$(wc -l <"$work/out")"
expect_true "empty drop: says so" grep -q "INFO no complete delivery in $work/leer/eingang yet (a directory YYYY-MM-DD sealed by SHA256SUMS); nothing to do$" "$work/out"
expect_true "empty drop: no report" test ! -e "$work/leer/berichte/$(date +%Y)"
run validate --job "$work/leer/job.ini"
expect_eq "empty drop: validate exit" 66 "$rc"
rmdir "$work/leer/eingang"
run run --job "$work/leer/job.ini"
expect_eq "missing drop: run exit" 66 "$rc"
run run --job "$work/site/jobs/nightly.ini" --year 2023 --csv-dialect rfc4180
expect_eq "job: --year overrides the file" 0 "$rc"
expect_eq "job: option wins" "stichtag,Stichtag,2023-12-31" "$(grep '^stichtag,' "$work/site/berichte/2023/csv/kennzahlen.csv")"
printf '[job]\ninput = x\nausgabe = y\n' >"$work/bad.ini"
run run --job "$work/bad.ini"
expect_eq "job: unknown key exit" 78 "$rc"
expect_eq "job: unknown key message" "ikz-report: $work/bad.ini:3: unknown key 'ausgabe'" "$(head -1 "$work/out")"
# The shipped job files, as in a fresh clone.
mkdir -p "$work/clone"
cp -r "$src/jobs" "$src/sample-data" "$src/templates" "$work/clone/"
run run --job "$work/clone/jobs/jahresbericht.ini" --year 2023
expect_eq "shipped jahresbericht.ini with --year" 0 "$rc"
expect_true "shipped jahresbericht.ini wrote out/2023" test -f "$work/clone/out/2023/ikz-bericht-2023.xlsx"
run run --job "$work/clone/jobs/nightly.ini"
expect_eq "shipped nightly.ini" 0 "$rc"
expect_true "shipped nightly.ini wrote this year's report" test -f "$work/clone/out/$(date +%Y)/pressetext.txt"
expect_true "shipped nightly.ini wrote the project paragraph it names" test -s "$work/clone/out/$(date +%Y)/presse/projekt-IKZ-2023-021.txt"
expect_true "shipped jobs log to out/ikz-report.log" grep -q "published" "$work/clone/out/ikz-report.log"

# --- validate -----------------------------------------------------------------
run validate --input "$src/sample-data" --stichtag 2024-12-31
expect_eq "validate exit" 0 "$rc"
expect_true "validate summary" grep -q "^$src/sample-data: 442 Kommunen, 540 projects, 2512 participations; 3 findings (0 errors)$" "$work/out"
mkdir -p "$work/bad"
cp "$src/sample-data/"* "$work/bad/"
sed -i '5s/;[A-Z]*;\([0-9.]*\);/;KULTUR;\1;/' "$work/bad/projekte.csv"
run validate --input "$work/bad"
expect_eq "validate bad exit" 65 "$rc"
expect_true "validate names the finding" grep -q "^ikz-report: projekte.csv:5: column 'aufgabenbereich': Aufgabenbereich steht nicht in der Liste templates/aufgabenbereiche.csv 'KULTUR' \[AUFGABENBEREICH_UNBEKANNT\]$" "$work/out"

# --- validate --befunde: every finding, not only the first 20 ---------------------
mkdir -p "$work/many"
cp "$src/sample-data/"* "$work/many/"
sed -i '2,31s/;[A-Z]*;\([0-9.]*\);/;KULTUR;\1;/' "$work/many/projekte.csv"
run validate --input "$work/many" --befunde "$work/befunde.csv"
expect_eq "validate --befunde: exit" 65 "$rc"
expect_eq "validate prints the first 20 fehler" 20 "$(grep -c '\[AUFGABENBEREICH_UNBEKANNT\]$' "$work/out")"
expect_true "validate says how many more, and how to get them" grep -q "^ikz-report: ... and 13 more findings (validate --befunde FILE writes them all)$" "$work/out"
expect_eq "--befunde writes every finding" 30 "$(grep -c ';AUFGABENBEREICH_UNBEKANNT;fehler;' "$work/befunde.csv")"
expect_eq "--befunde: the hinweise too, and the header" 34 "$(wc -l <"$work/befunde.csv")"
"$bin" validate --input "$work/many" --befunde - 2>/dev/null >"$work/stdout.csv"
expect_eq "--befunde - writes to stdout" "$(cat "$work/befunde.csv")" "$(cat "$work/stdout.csv")"
for h in "-h" "--help" "help" "help run" "help verify" "run -h" "validate --help"; do
    "$bin" $h >"$work/out" 2>&1; rc=$?
    expect_eq "'$h' exit" 0 "$rc"
    expect_true "'$h' prints a usage" grep -q "^Usage: ikz-report" "$work/out"
done
run help nichts
expect_eq "help of an unknown command" 64 "$rc"

# --- --max-fehler: publish without the bad row, and say so ------------------
run run --input "$work/bad" --output "$work/mf" --year 2024 --max-fehler 1
expect_eq "max-fehler 1 publishes" 0 "$rc"
expect_eq "one project left out" 513 "$(grep -a '^projekte_gefoerdert;' "$work/mf/2024/csv/kennzahlen.csv" | tr -d '\r' | cut -d';' -f3)"
expect_true "Prüfbericht lists it" grep -q "AUFGABENBEREICH_UNBEKANNT;fehler" "$work/mf/2024/pruefbericht.csv"
expect_true "manifest counts it" grep -q '"rejected_rows":	1' "$work/mf/2024/manifest.json"
run run --input "$work/bad" --output "$work/mf" --year 2024
expect_eq "max-fehler 0 refuses" 65 "$rc"

# --- an amount with an error: only the amount is missing, not the project ------
# Line 2 (IKZ-2004-001, costs 280.000,00, savings 42.457,00) saves more than
# it costs: both amounts go. Line 3 (IKZ-2004-002, 100.000,00) has a grant
# that is no amount: the grant goes. Both projects still count.
mkdir -p "$work/items"
cp "$src/sample-data/"* "$work/items/"
sed -i '2s/;42.457,00\r$/;300.000,00\r/; 3s/;100.000,00;/;viel;/' "$work/items/projekte.csv"
run run --input "$work/items" --output "$work/it" --year 2024 --max-fehler 3
expect_eq "item errors within --max-fehler 3 publish" 0 "$rc"
expect_true "item errors: the log counts amounts" grep -q "0 rows and 3 amounts with errors are left out (--max-fehler 3)" "$work/out"
k=$work/it/2024/csv/kennzahlen.csv
expect_eq "item errors: every project counts" 514 "$(kennzahl "$k" projekte_gefoerdert)"
expect_eq "item errors: one project fewer reports savings" 440 "$(kennzahl "$k" projekte_mit_einsparungsangabe)"
expect_eq "item errors: its savings are left out" 34580830,00 "$(kennzahl "$k" einsparung_eur_jahr)"
expect_eq "item errors: its costs are left out" 140858732,71 "$(kennzahl "$k" ausgangskosten_eur_jahr)"
expect_eq "item errors: the bad grant is left out" 47975000,00 "$(kennzahl "$k" foerdersumme_eur)"
expect_true "item errors: manifest counts amounts" grep -q '"missing_amounts":	3' "$work/it/2024/manifest.json"
expect_true "item errors: Prüfbericht names the savings" grep -q "^projekte.csv;2;einsparung_eur_jahr;300.000,00;EINSPARUNG_UEBER_KOSTEN;fehler;" "$work/it/2024/pruefbericht.csv"
run run --input "$work/items" --output "$work/it2" --year 2024 --max-fehler 2
expect_eq "item errors beyond --max-fehler 2 refuse" 65 "$rc"
expect_true "item errors beyond the limit: nothing published" test ! -e "$work/it2/2024"

# --- one run at a time ----------------------------------------------------------
run run --input "$src/sample-data" --output "$work/o" --year 2024
expect_eq "first report" 0 "$rc"
before=$(fingerprint "$work/o/2024")
if start_paused locked "$work/o"; then
    run run --input "$src/sample-data" --output "$work/o" --year 2024
    expect_eq "second run during a first: exit" 75 "$rc"
    expect_true "second run names the first" grep -q "another run (pid $bg) is writing to $work/o; nothing done, try again later" "$work/out"
    kill -9 $bg; wait $bg 2>/dev/null
fi

# --- SIGKILL at every phase leaves the previous report intact -------------------
for phase in csv workbook manifest commit; do
    if start_paused $phase "$work/o"; then
        kill -9 $bg; wait $bg 2>/dev/null
        expect_eq "killed at $phase: previous report intact" "$before" "$(fingerprint "$work/o/2024")"
        expect_true "killed at $phase: leftovers exist" compgen -G "$work/o/.tmp-2024-*" >/dev/null
    fi
done
run run --input "$src/sample-data" --output "$work/o" --year 2024
expect_eq "next run after the kills" 0 "$rc"
expect_eq "leftovers removed" ".lock 2024" "$(cd "$work/o" && ls -A | tr '\n' ' ' | sed 's/ $//')"
expect_eq "report identical after all that" "$before" "$(fingerprint "$work/o/2024")"

# --- full disk: exit 74, previous report intact ---------------------------------
( ulimit -f 40; "$bin" run --input "$src/sample-data" --output "$work/o" --year 2024 >"$work/out" 2>&1 ); rc=$?
expect_eq "file-size limit (a full disk) exit" 74 "$rc"
expect_eq "full disk: previous report intact" "$before" "$(fingerprint "$work/o/2024")"
expect_eq "full disk: nothing left behind" ".lock 2024" "$(cd "$work/o" && ls -A | tr '\n' ' ' | sed 's/ $//')"

# --- read-only output: exit 73, previous report intact -------------------------
if [ "$(id -u)" = 0 ]; then as_user() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }; else as_user() { "$@"; }; fi
cp -r "$work/o" "$work/ro"
chmod -R a+rX "$work" "$work/ro"
chmod 555 "$work/ro" "$work/ro/2024"
rm -f "$work/ro/.lock"
cp -r "$src/templates" "$work/tpl"; chmod -R a+rX "$work/tpl"
as_user "$bin" run --input "$src/sample-data" --output "$work/ro" --year 2024 --templates "$work/tpl" >"$work/out" 2>&1; rc=$?
expect_eq "read-only output exit" 73 "$rc"
expect_eq "read-only: previous report intact" "$before" "$(fingerprint "$work/ro/2024")"
chmod -R u+w "$work/ro"

# --- OUTPUT/YYYY that is no report of this job: 73, left untouched -----------------
# The swap once exchanged whatever was there and deleted it (issue 21). A
# regular file, a link (to a report, even), a directory without this job's
# manifest and one with another program's: each exits 73 naming the path
# and what it is, leaves it byte for byte, publishes nothing and leaves no
# temporary directory. A previous report is replaced (the runs above).
occupied() { # name expected-what
    run run --input "$src/sample-data" --output "$work/occ" --year 2024
    expect_eq "$1: exit" 73 "$rc"
    expect_true "$1: named, with what it is" grep -q "ERROR cannot publish to $work/occ/2024: it is $2, not a report of ikz-report (no manifest.json of it); left as it is, nothing published$" "$work/out"
    expect_eq "$1: nothing else in OUTPUT" ".lock 2024" "$(cd "$work/occ" && ls -A | tr '\n' ' ' | sed 's/ $//')"
}
mkdir -p "$work/occ"
printf 'Notizen des Referats\n' >"$work/occ/2024"
occupied "a regular file at OUTPUT/2024" "a regular file"
expect_eq "a regular file: untouched" "Notizen des Referats" "$(cat "$work/occ/2024")"
rm "$work/occ/2024"; ln -s "$work/o/2024" "$work/occ/2024"
occupied "a link to a report at OUTPUT/2024" "a symbolic link to $work/o/2024"
expect_eq "a link: untouched" "$work/o/2024" "$(readlink "$work/occ/2024")"
expect_eq "a link: its target untouched" "$before" "$(fingerprint "$work/o/2024")"
rm "$work/occ/2024"; mkdir "$work/occ/2024"; printf 'x\n' >"$work/occ/2024/eigene-datei.txt"
occupied "a directory without a manifest" "a directory"
expect_eq "a directory: untouched" "./eigene-datei.txt" "$(cd "$work/occ/2024" && find . -mindepth 1)"
printf '{"program": "anderes-programm", "stichtag": "2024-12-31", "outputs": []}\n' >"$work/occ/2024/manifest.json"
occupied "a directory with another program's manifest" "a directory"
expect_eq "another program's directory: untouched" "./eigene-datei.txt ./manifest.json" "$(cd "$work/occ/2024" && find . -mindepth 1 | sort | tr '\n' ' ' | sed 's/ $//')"
rm -r "$work/occ/2024"; mkfifo "$work/occ/2024"
occupied "a FIFO at OUTPUT/2024" "neither a file nor a directory"
expect_true "a FIFO: untouched" test -p "$work/occ/2024"

# --- verify ------------------------------------------------------------------------
"$bin" verify "$work/o/2024" >"$work/out" 2>&1; rc=$?
expect_eq "verify intact exit" 0 "$rc"
# The report's files and a paragraph for each row of kreise.csv.
files=$(($(listed files) + $(wc -l <"$work/o/2024/csv/kreise.csv") - 1))
expect_true "verify says intact" grep -q "^$work/o/2024: intact; $files files, Stichtag 2024-12-31, made by ikz-report" "$work/out"
expect_true "verify names the register" grep -q "^input   register GV100AD_301123.txt: 3547107 bytes, 16035 rows, sha256 $(sha256sum "$src/sample-data/GV100AD_301123.txt" | cut -c1-64)$" "$work/out"
printf 'x' | dd of="$work/o/2024/csv/kreise.csv" bs=1 seek=100 conv=notrunc 2>/dev/null
"$bin" verify "$work/o/2024" >"$work/out" 2>&1; rc=$?
expect_eq "verify: a changed byte" 65 "$rc"
expect_true "verify names the changed file" grep -q "^CHANGED csv/kreise.csv" "$work/out"
rm "$work/o/2024/pressetext.txt"; touch "$work/o/2024/extra.txt"
"$bin" verify "$work/o/2024" >"$work/out" 2>&1
expect_true "verify: missing file" grep -q "^MISSING pressetext.txt (or not a regular file)$" "$work/out"
expect_true "verify: added file" grep -q "^EXTRA   extra.txt$" "$work/out"
"$bin" verify "$work/nowhere" >"$work/out" 2>&1; rc=$?
expect_eq "verify without a manifest" 66 "$rc"

# A bad value in a job file: 78 with file and line (on the command line: 64).
printf '[job]\ninput = %s/sample-data\noutput = %s/jv\n; the allowance\nmax-fehler = viele\n' "$src" "$work" >"$work/bad-value.ini"
run run --job "$work/bad-value.ini"
expect_eq "job value: exit" 78 "$rc"
expect_eq "job value: file and line" "ikz-report: $work/bad-value.ini:5: max-fehler: expected a whole number from 0 'viele'" "$(findings)"
run run --job "$work/bad-value.ini" --max-fehler zwei
expect_eq "the same on the command line: exit" 64 "$rc"

# A FIFO as template, log file or job file never holds the run (and its
# lock): a template error (78), a warning, an unreadable job file (66).
mkdir -p "$work/fifo"
cp -r "$src/templates" "$work/fifo/t"
rm "$work/fifo/t/texte.ini"
mkfifo "$work/fifo/t/texte.ini" "$work/fifo/log" "$work/fifo/job.ini"
timeout 20 "$bin" run --input "$src/sample-data" --output "$work/fifo/o" --year 2024 --templates "$work/fifo/t" \
    >"$work/out" 2>&1; rc=$?
expect_eq "FIFO template: exit" 78 "$rc"
expect_true "FIFO template: named" grep -q "^ikz-report: $work/fifo/t/texte.ini: Vorlage in templates/ fehlerhaft (Datei nicht lesbar)" "$work/out"
timeout 20 "$bin" run --input "$src/sample-data" --output "$work/fifo/o" --year 2024 --log-file "$work/fifo/log" \
    >"$work/out" 2>&1; rc=$?
expect_eq "FIFO log file: published anyway" 0 "$rc"
expect_true "FIFO log file: warned" grep -q "WARN cannot open log file $work/fifo/log" "$work/out"
timeout 20 "$bin" run --job "$work/fifo/job.ini" >"$work/out" 2>&1; rc=$?
expect_eq "FIFO job file: exit" 66 "$rc"

# verify trusts nothing it need not: a fresh copy of the report for each case.
fresh() { rm -rf "$work/v"; cp -a "$work/clean2024" "$work/v"; }
"$bin" run --input "$src/sample-data" --output "$work/vo" --year 2024 --quiet
cp -a "$work/vo/2024" "$work/clean2024"
fresh; cp "$work/v/pressetext.txt" "$work/copy.txt"; rm "$work/v/pressetext.txt"; ln -s "$work/copy.txt" "$work/v/pressetext.txt"
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: a link to an identical copy" 65 "$rc"
expect_true "verify: the link is no file of the report" grep -q "^MISSING pressetext.txt (or not a regular file)$" "$work/out"
fresh; rm "$work/v/pressetext.txt"
grep -v '"pressetext.txt"' "$work/v/manifest.json" >"$work/m.json" && mv "$work/m.json" "$work/v/manifest.json"
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: a file removed with its manifest entry" 65 "$rc"
expect_true "verify: the set of files is fixed" grep -q "^MISSING the manifest names $(($(listed files) - 1)) files, a report holds $(listed files)$" "$work/out"
fresh; rm "$work/v/csv/ozg.csv"; mkfifo "$work/v/csv/ozg.csv"
timeout 10 "$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: a FIFO in a file's place (no hang)" 65 "$rc"
fresh; rm "$work/v/csv/ozg.csv"; ln -s /dev/zero "$work/v/csv/ozg.csv"
timeout 10 "$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: /dev/zero in a file's place (no endless read)" 65 "$rc"
# Whatever the manifest does not list is not the report's: an empty
# directory (also in csv/), a directory with a file, a link to a
# directory, a FIFO (issue 21: an empty directory once passed).
fresh; mkdir "$work/v/leer"
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: an empty directory added" 65 "$rc"
expect_eq "verify: names the empty directory" "EXTRA   leer/ (a directory)" "$(grep -v '^ok \|^input \|^delivery ' "$work/out" | head -1)"
expect_true "verify: not intact" grep -q "^$work/v: NOT intact; 36 files" "$work/out"
fresh; mkdir "$work/v/csv/alt"
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: an empty directory in csv/" 65 "$rc"
expect_eq "verify: names it" "EXTRA   csv/alt/ (a directory)" "$(grep '^EXTRA' "$work/out")"
fresh; mkdir "$work/v/alt"; cp "$work/v/pressetext.txt" "$work/v/alt/"
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: a directory with a file" 65 "$rc"
expect_eq "verify: names the directory and its file" "EXTRA   alt/ (a directory)|EXTRA   alt/pressetext.txt|" "$(grep '^EXTRA' "$work/out" | sort | tr '\n' '|')"
fresh; ln -s "$work/clean2024/csv" "$work/v/csv-link"; mkfifo "$work/v/fifo"
timeout 10 "$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: a link to a directory and a FIFO" 65 "$rc"
expect_eq "verify: names both" "EXTRA   csv-link (a symbolic link)|EXTRA   fifo (not a regular file)|" "$(grep '^EXTRA' "$work/out" | sort | tr '\n' '|')"
fresh
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: the fresh copy is intact" 0 "$rc"
expect_eq "verify: nothing extra in it" "" "$(grep -v '^ok \|^input \|^delivery \|: intact; ' "$work/out")"
fresh; printf 'garbage' >>"$work/v/manifest.json"
"$bin" verify "$work/v" >"$work/out" 2>&1; rc=$?
expect_eq "verify: trailing bytes after the manifest" 65 "$rc"
expect_true "verify: says the manifest is malformed" grep -q "manifest.json is not a valid manifest" "$work/out"

# --- the cron wrapper under env -i ----------------------------------------------------
env -i IKZ_REPORT="$bin" IKZ_CRON_LOG="$work/cron.log" "$src/cron/ikz-report-cron" "$work/site/jobs/nightly.ini" >"$work/out" 2>&1; rc=$?
expect_eq "cron wrapper exit" 0 "$rc"
expect_eq "cron wrapper is silent on success" "" "$(cat "$work/out")"
expect_true "cron wrapper logs a line" grep -Eq "^[0-9T:-]+Z ikz-report-cron\[[0-9]+\] job=$work/site/jobs/nightly.ini exit=0: published$" "$work/cron.log"
printf '[job]\ninput = %s\noutput = %s\nstichtag = 2024-12-31\ntemplates = %s\n' "$work/bad" "$work/cr" "$src/templates" >"$work/badjob.ini"
# A failure is mailed by the notification beside the wrapper, to the one
# recipient of the benachrichtigung file (a fake sendmail keeps the mail).
printf '#!/bin/sh\ncat >"%s/mail"\n' "$work" >"$work/sendmail" && chmod +x "$work/sendmail"
printf '# the one place\nMAILTO="statistik@example.org"\n' >"$work/benachrichtigung"
env -i IKZ_REPORT="$bin" IKZ_CRON_LOG="$work/cron.log" IKZ_SENDMAIL="$work/sendmail" \
    IKZ_BENACHRICHTIGUNG="$work/benachrichtigung" MAILTO=cron@example.org \
    "$src/cron/ikz-report-cron" "$work/badjob.ini" >"$work/out" 2>&1; rc=$?
expect_eq "cron wrapper passes the exit code on" 65 "$rc"
expect_true "cron wrapper prints its line" grep -q "exit=65: data errors in the exports; nothing published" "$work/out"
expect_true "cron wrapper prints the job's log too" grep -q "fehler.*see the Prüfbericht\|ERROR" "$work/out"
expect_eq "cron wrapper's mail: to the benachrichtigung's MAILTO, not cron's" "To: statistik@example.org" "$(head -1 "$work/mail")"
expect_eq "cron wrapper's mail: MIME headers" "MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8
Content-Transfer-Encoding: 8bit" "$(sed -n '3,5p' "$work/mail")"
expect_true "cron wrapper's mail: its line" grep -q "exit=65: data errors in the exports; nothing published" "$work/mail"
expect_true "cron wrapper's mail: the job's log" grep -q "ERROR" "$work/mail"
mkdir -p "$work/leer/eingang"
env -i IKZ_REPORT="$bin" IKZ_CRON_LOG="$work/cron.log" "$src/cron/ikz-report-cron" "$work/leer/job.ini" >"$work/out" 2>&1; rc=$?
expect_eq "cron wrapper, empty drop: exit" 0 "$rc"
expect_eq "cron wrapper, empty drop: silent" "" "$(cat "$work/out")"
expect_true "cron wrapper, empty drop: logs it" grep -q "job=$work/leer/job.ini exit=0: no complete delivery yet; nothing to do$" "$work/cron.log"

# --- progress: on a terminal, rows read; under cron (no terminal) nothing --------
"$build/bench/gen-bench" "$work/big" 2000 20000 300000 >/dev/null 2>&1 || mkdir -p "$work/big"
if command -v script >/dev/null && [ -f "$work/big/beteiligungen.csv" ]; then
    IKZ_TEST_PROGRESS_AFTER=0 script -qec "$bin run --input $work/big --output $work/bigout --stichtag 2024-12-31 --land alle" \
        /dev/null >"$work/tty.log" 2>&1
    expect_true "progress on a terminal" grep -q "beteiligungen.csv: 65536 rows read" "$work/tty.log"
    IKZ_TEST_PROGRESS_AFTER=0 "$bin" run --input "$work/big" --output "$work/bigout" --stichtag 2024-12-31 --land alle >"$work/out" 2>&1
    expect_eq "no progress without a terminal (cron)" "" "$(grep 'rows read' "$work/out")"
else
    bad "progress test needs script (util-linux) and gen-bench"
fi

# --- root on another user's output: 77, nothing written, the command to type ----------
# (the package's berichte/ belongs to ikz-report; tests/package.sh runs it there)
if [ "$(id -u)" = 0 ]; then
    mkdir -p "$work/fremd/out" && chown 65534 "$work/fremd/out"
    nobody=$(getent passwd 65534 | cut -d: -f1)
    run run --input "$src/sample-data" --output "$work/fremd/out" --year 2024 --log-file "$work/fremd/out/log"
    expect_eq "root on another user's output: exit" 77 "$rc"
    expect_eq "root on another user's output: the message" \
        "ikz-report: $work/fremd/out belongs to $nobody: a run as root would leave files there that $nobody cannot remove; nothing done
ikz-report: run it as $nobody: runuser -u $nobody -- ikz-report run --input $src/sample-data --output $work/fremd/out --year 2024 --log-file $work/fremd/out/log" \
        "$(cat "$work/out")"
    expect_eq "root on another user's output: nothing written, not even the log" "" "$(ls -A "$work/fremd/out")"
    chown 65534 "$work/fremd"
    run run --input "$src/sample-data" --output "$work/fremd/neu" --year 2024
    expect_eq "root making an output in another user's directory: exit" 77 "$rc"
    expect_true "root making an output in another user's directory: says where" \
        grep -qx "ikz-report: $work/fremd/neu would be made in $work/fremd, which belongs to $nobody: .*; nothing done" "$work/out"
    expect_true "root making an output in another user's directory: not made" test ! -e "$work/fremd/neu"
    run validate --input "$src/sample-data" --output "$work/fremd/out" --year 2024
    expect_eq "validate as root writes nothing, so it is not refused" 0 "$rc"
    run run --input "$src/sample-data" --output "$work/fremd/out" --year 2024 --stichtag "it's"
    expect_eq "a usage error first" 64 "$rc"
else
    echo "operations.sh: root runs not checked (not root)" >&2
fi

# (--help, the man pages and the code agree: tests/manpages.sh)
finish
