#!/usr/bin/env bash
# The bad-input corpus: every case in tests/bad-input/ is the valid export
# of tests/bad-input/_base with the files of the case laid over it. Its
# `expected` file gives the exit code and, one `finding` line each, the
# complete list of findings the run must print, messages included, in
# order (paths relative to the case). The test fails if the list or the
# exit code differ in any way (a finding missing, an extra one, another
# message), if a run with a fehler published anything, or if it crashed.
# Then the hostile files that cannot live in git, made here: a directory,
# a FIFO, a symlink to /dev/zero, an unreadable file, a 100 MB field and a
# line with 100,000 columns.
# Usage: bad_input.sh BINARY SOURCE_DIR
. "$(dirname "$0")/lib.sh"
corpus=$src/tests/bad-input

# "CODE file line" for every finding of the last run (the hostile files).
codes() {
    grep -a '^ikz-report: ' "$work/out" | sed -n -E \
        -e 's#^ikz-report: (.*/)?([^/:]+):([0-9]+): .*\[([A-Z_]+)\]$#\4 \2 \3#p' \
        -e 's#^ikz-report: (.*/)?([^/:]+): .*\[([A-Z_]+)\]$#\3 \2 0#p'
}

# Every finding line of the last run, as the `expected` files hold them.
found() { # case directory
    grep -a '^ikz-report: ' "$work/out" | sed -e 's#^ikz-report: #finding #' -e "s#$1/##g"
}

for dir in "$corpus"/*/; do
    name=$(basename "$dir")
    [ "$name" = _base ] && continue
    case_dir=$work/$name
    mkdir -p "$case_dir"
    cp "$corpus/_base/"*.csv "$case_dir/"
    for f in "$dir"*.csv; do [ -e "$f" ] && cp "$f" "$case_dir/"; done
    run run --input "$case_dir" --output "$work/out-$name" --year 2024 --verbose # every finding, hinweise too
    want_exit=$(sed -n 's/^exit //p' "$dir/expected")
    expect_eq "$name: exit" "$want_exit" "$rc"
    expect_eq "$name: findings" "$(grep -a '^finding ' "$dir/expected")" "$(found "$case_dir")"
    if [ "$want_exit" != 0 ]; then
        [ ! -e "$work/out-$name/2024" ] && ok || bad "$name: published despite a fehler"
        [ -s "$work/out-$name/pruefbericht-2024.csv" ] && ok || bad "$name: no pruefbericht-2024.csv"
    else
        [ -f "$work/out-$name/2024/pruefbericht.csv" ] && ok || bad "$name: not published"
    fi
done

# Characters XML forbids became U+FFFD in what was published.
expect_eq "zeichen_ersetzt: U+FFFD in ozg.csv" 1 \
    "$(grep -ac $'Digitalisierungs\xEF\xBF\xBDmanager \xEF\xBF\xBD' "$work/out-zeichen_ersetzt/2024/csv/ozg.csv")"

# A file-level fehler stops the run whatever --max-fehler allows.
for name in utf16_ungueltig kodierung_1252_dann_utf8; do
    run run --input "$work/$name" --output "$work/out-max-$name" --year 2024 --max-fehler 1000
    expect_eq "$name with --max-fehler 1000: exit" 65 "$rc"
    [ ! -e "$work/out-max-$name/2024" ] && ok || bad "$name: published under --max-fehler"
done

# --- hostile files ----------------------------------------------------------------
base() { rm -rf "$work/h"; mkdir -p "$work/h"; cp "$corpus/_base/"*.csv "$work/h/"; }
hostile() { # name expected_exit expected_message
    run run --input "$work/h" --output "$work/out-h" --year 2024
    expect_eq "$1: exit" "$2" "$rc"
    if grep -qF -- "$3" "$work/out"; then ok; else bad "$1: message '$3' missing: $(grep -v INFO "$work/out" | head -3)"; fi
    [ ! -e "$work/out-h/2024" ] && ok || bad "$1: published"
}
base; rm "$work/h/projekte.csv"; mkdir "$work/h/projekte.csv"
hostile "a directory" 66 "cannot read $work/h/projekte.csv: not a regular file (a directory)"
base; rm "$work/h/projekte.csv"; mkfifo "$work/h/projekte.csv"
hostile "a FIFO (must not hang)" 66 "cannot read $work/h/projekte.csv: not a regular file (a FIFO)"
base; rm "$work/h/beteiligungen.csv"; ln -s /dev/zero "$work/h/beteiligungen.csv"
hostile "a symlink to /dev/zero" 66 "cannot read $work/h/beteiligungen.csv: not a regular file (a device or socket)"
base; rm "$work/h/kommunen.csv"
hostile "a missing register" 66 "cannot open $work/h/kommunen.csv: No such file or directory"
if [ "$(id -u)" != 0 ]; then
    base; chmod 000 "$work/h/projekte.csv"
    hostile "an unreadable file" 66 "cannot open $work/h/projekte.csv: Permission denied"
else
    # As nobody: the templates from a copy it can read, wherever the
    # source tree lies.
    base; cp -r "$src/templates" "$work/tpl"; chmod -R a+rX "$work"; chmod 000 "$work/h/projekte.csv"
    run_as() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    mkdir -m 777 "$work/out-u"
    run_as "$bin" run --input "$work/h" --output "$work/out-u" --year 2024 --templates "$work/tpl" >"$work/out" 2>&1; rc=$?
    expect_eq "an unreadable file: exit" 66 "$rc"
    if grep -qF "cannot open $work/h/projekte.csv: Permission denied" "$work/out"; then ok; else bad "unreadable: $(head -3 "$work/out")"; fi
fi

# A 100 MB field: a finding, not 100 MB of memory.
base
{ head -1 "$corpus/_base/projekte.csv"; printf 'P1;'; head -c 100000000 /dev/zero | tr '\0' 'x'; printf ';OZG;2023-01-01;;50000;;\n'; } >"$work/h/projekte.csv"
if command -v /usr/bin/time >/dev/null; then
    /usr/bin/time -f '%M' -o "$work/rss" "$bin" run --input "$work/h" --output "$work/out-h" --year 2024 >"$work/out" 2>&1; rc=$?
    rss=$(tail -1 "$work/rss")
    [ "$rss" -lt 200000 ] && ok || bad "100 MB field: peak RSS ${rss} KiB"
else
    run run --input "$work/h" --output "$work/out-h" --year 2024
fi
expect_eq "100 MB field: exit" 65 "$rc"
if codes | grep -qx "CSV_SYNTAX projekte.csv 2"; then ok; else bad "100 MB field: $(codes)"; fi

# 100,000 columns in one line.
base
{ head -1 "$corpus/_base/projekte.csv"; printf 'P1;t;OZG;2023-01-01;;50000;;'; seq 100000 | tr '\n' ';'; printf '\n'; } >"$work/h/projekte.csv"
run run --input "$work/h" --output "$work/out-h" --year 2024
expect_eq "100,000 columns: exit" 65 "$rc"
if codes | grep -qx "FELDANZAHL projekte.csv 2"; then ok; else bad "100,000 columns: $(codes)"; fi

# The limits are configurable.
base
run run --input "$work/h" --output "$work/out-h" --year 2024 --max-field-bytes 10
expect_eq "a 10-byte field limit: exit" 65 "$rc"
if codes | grep -qx "CSV_SYNTAX projekte.csv 1"; then ok; else bad "field limit: $(codes)"; fi
run run --input "$work/h" --output "$work/out-h" --year 2024 --max-columns 5
expect_eq "a 5-column limit: exit" 65 "$rc"
finish
