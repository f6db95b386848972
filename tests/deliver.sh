#!/usr/bin/env bash
# einliefern, the exporter's side of the drop (src/publish/deliver.h), each
# promise proved by doing it: a delivery that `sha256sum -c` accepts, with
# the very bytes and group-readable modes whatever the umask, and nothing
# else left in the drop; a date that exists is refused (73) and left byte
# for byte, or replaced with --ersetzen; a missing or incomplete export
# (66), an odd file name (65), a drop that cannot be written to (73), usage
# (64), the job file's drop; and, with tests/faultinject.c, every output
# call of a delivery made to fail in turn: the dated name then holds the
# old delivery or the complete new one, never a part, and no temporary
# directory is left.
# Usage: deliver.sh BINARY SOURCE_DIR [FAULTINJECT.so]
. "$(dirname "$0")/lib.sh"
lib=${3:-}

# Names, modes and hashes of every file of a directory, to prove it unchanged.
fingerprint() { (cd "$1" && find . -printf '%p %m\n' | sort && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
# Entries of the drop other than the dated deliveries (temporary directories).
leftovers() { find "$1" -mindepth 1 -maxdepth 1 -name '.*' -printf '%f\n'; }
# The last run's error line (log lines carry a timestamp).
message() { grep -a '^ikz-report: ' "$work/out"; }

mkdir -p "$work/export/unterordner" "$work/drop"
cp "$src/sample-data/projekte.csv" "$src/sample-data/beteiligungen.csv" "$src/sample-data/gebietsaenderungen.csv" "$work/export/"
printf 'Stand der Lieferung\n' >"$work/export/liesmich.txt"
printf 'alt\n' >"$work/export/SHA256SUMS"      # SRC's own seal: not copied
printf 'x\n' >"$work/export/.liesmich.txt.swp" # an editor's: not copied
printf 'x\n' >"$work/export/unterordner/a.csv"

# --- a delivery: the seal, the bytes, the modes, nothing else -------------------
(umask 077 && "$bin" einliefern --eingang "$work/drop" --von "$work/export" --datum 2026-11-24 >"$work/out" 2>&1)
rc=$?
d=$work/drop/2026-11-24
expect_eq "delivery: exit" 0 "$rc"
expect_true "delivery: says what it delivered" grep -q "INFO delivered 4 files (145649 bytes) from $work/export as $work/drop/2026-11-24, sealed with SHA256SUMS$" "$work/out"
expect_true "delivery: says what it skipped" grep -q "INFO $work/export: 3 entries not delivered (subdirectories, dotfiles, SHA256SUMS)$" "$work/out"
expect_eq "delivery: the files" "SHA256SUMS beteiligungen.csv gebietsaenderungen.csv liesmich.txt projekte.csv" "$(ls "$d" | tr '\n' ' ' | sed 's/ $//')"
(cd "$d" && sha256sum --strict -c SHA256SUMS >"$work/check" 2>&1)
expect_eq "delivery: sha256sum -c accepts the seal" 0 "$?"
expect_eq "delivery: the seal is what sha256sum writes, sorted" \
    "$(cd "$work/export" && LC_ALL=C sha256sum beteiligungen.csv gebietsaenderungen.csv liesmich.txt projekte.csv)" "$(cat "$d/SHA256SUMS")"
for f in projekte.csv beteiligungen.csv gebietsaenderungen.csv liesmich.txt; do
    expect_true "delivery: $f identical" cmp "$work/export/$f" "$d/$f"
done
expect_eq "delivery: modes under umask 077" "770 640 640 640 640 640" \
    "$(stat -c %a "$d" "$d"/* | tr '\n' ' ' | sed 's/ $//')"
expect_eq "delivery: no temporary directory left" "" "$(leftovers "$work/drop")"
# The job reads it.
"$bin" validate --input "$d" --register "$src/sample-data/GV100AD_301123.txt" --stichtag 2024-12-31 --templates "$src/templates" >"$work/validate" 2>&1
expect_eq "delivery: the job reads it" 0 "$?"

# A setgid drop (the package's 2770): the directory keeps the setgid bit.
mkdir -p "$work/sgid" && chmod 2770 "$work/sgid"
(umask 077 && "$bin" einliefern --eingang "$work/sgid" --von "$work/export" --datum 2026-11-24 --quiet >"$work/out" 2>&1)
expect_eq "setgid drop: exit" 0 "$?"
expect_eq "setgid drop: --quiet says nothing" "" "$(cat "$work/out")"
expect_eq "setgid drop: the delivery 2770" "2770" "$(stat -c %a "$work/sgid/2026-11-24")"

# --- the date exists: refused, untouched; --ersetzen replaces it -------------------
before=$(fingerprint "$d")
printf 'neu\n' >"$work/export/liesmich.txt"
"$bin" einliefern --eingang "$work/drop" --von "$work/export" --datum 2026-11-24 >"$work/out" 2>&1
expect_eq "exists: exit" 73 "$?"
expect_eq "exists: message" "ikz-report: $work/drop/2026-11-24 exists: a delivery of that date is there already; --ersetzen replaces it" "$(message)"
expect_eq "exists: the delivery untouched" "$before" "$(fingerprint "$d")"
expect_eq "exists: nothing left" "" "$(leftovers "$work/drop")"
"$bin" einliefern --eingang "$work/drop" --von "$work/export" --datum 2026-11-24 --ersetzen >"$work/out" 2>&1
expect_eq "--ersetzen: exit" 0 "$?"
expect_true "--ersetzen: says so" grep -q "sealed with SHA256SUMS; the previous delivery is replaced$" "$work/out"
expect_eq "--ersetzen: the new file" "neu" "$(cat "$d/liesmich.txt")"
expect_true "--ersetzen: sha256sum -c accepts the seal" sh -c "cd '$d' && sha256sum --quiet -c SHA256SUMS"
expect_eq "--ersetzen: the old one removed" "" "$(leftovers "$work/drop")"
"$bin" einliefern --eingang "$work/drop" --von "$work/export" --ersetzen >"$work/out" 2>&1
expect_eq "--ersetzen of a new date: exit" 0 "$?"
expect_true "default date: today" test -f "$work/drop/$(date +%F)/SHA256SUMS"
expect_true "--ersetzen of a new date: not 'replaced'" sh -c "! grep -q replaced '$work/out'"

# --- the export missing or incomplete: 66; an odd name: 65 -------------------------
before=$(fingerprint "$work/drop")
"$bin" einliefern --eingang "$work/drop" --von "$work/fehlt" --datum 2026-11-25 >"$work/out" 2>&1
expect_eq "no SRC: exit" 66 "$?"
expect_eq "no SRC: message" "ikz-report: cannot read $work/fehlt: No such file or directory" "$(message)"
mkdir -p "$work/halb" && cp "$src/sample-data/projekte.csv" "$work/halb/"
"$bin" einliefern --eingang "$work/drop" --von "$work/halb" --datum 2026-11-25 >"$work/out" 2>&1
expect_eq "no beteiligungen.csv: exit" 66 "$?"
expect_eq "no beteiligungen.csv: message" "ikz-report: $work/halb: no beteiligungen.csv (an export has projekte.csv and beteiligungen.csv)" "$(message)"
mkdir -p "$work/leer"
"$bin" einliefern --eingang "$work/drop" --von "$work/leer" --datum 2026-11-25 >"$work/out" 2>&1
expect_eq "empty SRC: exit" 66 "$?"
expect_eq "empty SRC: message" "ikz-report: $work/leer: no projekte.csv (an export has projekte.csv and beteiligungen.csv)" "$(message)"
cp "$work/export/"*.csv "$work/halb/" && mkfifo "$work/halb/zulieferung.csv"
"$bin" einliefern --eingang "$work/drop" --von "$work/halb" --datum 2026-11-25 >"$work/out" 2>&1
expect_eq "a FIFO in SRC: exit" 66 "$?"
expect_eq "a FIFO in SRC: message" "ikz-report: $work/halb/zulieferung.csv: not a regular file" "$(message)"
rm "$work/halb/zulieferung.csv" && printf 'x\n' >"$work/halb/a"$'\n'"b.csv"
"$bin" einliefern --eingang "$work/drop" --von "$work/halb" --datum 2026-11-25 >"$work/out" 2>&1
expect_eq "a newline in a name: exit" 65 "$?"
expect_eq "a newline in a name: message" "ikz-report: $work/halb: a file name with a newline or backslash cannot be sealed: 'a" "$(message)"
expect_eq "refused exports: the drop unchanged" "$before" "$(fingerprint "$work/drop")"

# --- a drop that cannot be written to: 73 ----------------------------------------
# (root passes any permission check, so the drop lies under a regular file.)
"$bin" einliefern --eingang "$work/export/liesmich.txt/eingang" --von "$work/export" >"$work/out" 2>&1
expect_eq "drop under a file: exit" 73 "$?"
expect_eq "drop under a file: message" "ikz-report: cannot deliver into $work/export/liesmich.txt/eingang: Not a directory" "$(message)"
"$bin" einliefern --eingang "$work/nirgends" --von "$work/export" >"$work/out" 2>&1
expect_eq "missing drop: exit, not created" "73 no" "$? $(test -e "$work/nirgends" && echo yes || echo no)"
if [ "$(id -u)" != 0 ]; then
    mkdir -p "$work/ro" && chmod 555 "$work/ro"
    "$bin" einliefern --eingang "$work/ro" --von "$work/export" >"$work/out" 2>&1
    expect_eq "read-only drop: exit" 73 "$?"
    expect_eq "read-only drop: message" "ikz-report: cannot create a directory in $work/ro: Permission denied" "$(message)"
fi

# --- usage: 64; the job file's drop --------------------------------------------------
"$bin" einliefern --eingang "$work/drop" >"$work/out" 2>&1
expect_eq "no --von: exit" 64 "$?"
expect_eq "no --von: message" "ikz-report: einliefern needs --von SRC" "$(message)"
"$bin" einliefern --von "$work/export" >"$work/out" 2>&1
expect_eq "no drop: exit" 64 "$?"
"$bin" einliefern --eingang "$work/drop" --von "$work/export" --datum 24.11.2026 >"$work/out" 2>&1
expect_eq "--datum DD.MM.YYYY: exit" 64 "$?"
expect_eq "--datum DD.MM.YYYY: message" "ikz-report: --datum: expected a date YYYY-MM-DD: '24.11.2026'" "$(message)"
"$bin" einliefern --eingang "$work/drop" --von "$work/export" --datum 2026-02-30 >"$work/out" 2>&1
expect_eq "--datum 2026-02-30: exit" 64 "$?"
for h in "einliefern --help" "einliefern -h" "help einliefern"; do
    "$bin" $h >"$work/out" 2>&1
    expect_eq "'$h': exit" 0 "$?"
    expect_true "'$h': the usage" grep -q "^Usage: ikz-report einliefern --eingang DIR --von SRC" "$work/out"
done
"$bin" --help | grep -q "ikz-report einliefern --eingang DIR --von SRC"
expect_eq "--help lists einliefern" 0 "$?"
printf '[job]\ninput = drop/*\noutput = berichte\n' >"$work/job.ini"
"$bin" einliefern --job "$work/job.ini" --von "$work/export" --datum 2026-11-26 >"$work/out" 2>&1
expect_eq "--job: exit" 0 "$?"
expect_true "--job: into input's DIR" test -f "$work/drop/2026-11-26/SHA256SUMS"
mkdir -p "$work/leer-drop" && printf '[job]\ninput = leer-drop/*\n' >"$work/leer.ini"
"$bin" einliefern --job "$work/leer.ini" --von "$work/export" --datum 2026-11-26 >"$work/out" 2>&1
expect_eq "--job, empty drop: exit" "0 yes" "$? $(test -f "$work/leer-drop/2026-11-26/SHA256SUMS" && echo yes)"
printf '[job]\ninput = drop/2026-11-24\n' >"$work/fest.ini"
"$bin" einliefern --job "$work/fest.ini" --von "$work/export" >"$work/out" 2>&1
expect_eq "--job, input not a drop: exit" 78 "$?"
expect_eq "--job, input not a drop: message" "ikz-report: $work/fest.ini:2: input: not a drop (DIR/*): '$work/drop/2026-11-24'" "$(message)"

# --- every output call of a delivery failing in turn ----------------------------------
# An LD_PRELOAD library cannot come before the sanitizers' runtime: the
# plain build passes it, the sanitizer build does not.
if [ -n "$lib" ]; then
    sweep() { # mode, with an existing delivery (1) or into a new date (0)
        local mode=$1 existing=$2 total n rc old new delivered=0
        rm -rf "$work/fd" && mkdir -p "$work/fd"
        # The previous delivery: made before liesmich.txt changed, so that
        # old and new differ.
        if [ "$existing" = 1 ]; then
            cp -r "$work/sgid/2026-11-24" "$work/fd/2026-11-24"
            old=$(fingerprint "$work/fd/2026-11-24")
        fi
        rm -f "$work/count"
        IKZ_FAULT_MODE=$mode IKZ_FAULT_COUNT=$work/count LD_PRELOAD=$lib "$bin" einliefern --eingang "$work/fd" \
            --von "$work/export" --datum 2026-11-24 --ersetzen --quiet ||
            { bad "sweep $mode: the delivery without a fault fails under the library"; return; }
        [ -s "$work/count" ] || { bad "sweep $mode: $lib was not loaded (no count)"; return; }
        total=$(cat "$work/count")
        new=$(fingerprint "$work/fd/2026-11-24")
        [ "$existing" = 1 ] && [ "$new" = "$old" ] && bad "sweep: the previous delivery is the new one"
        for n in $(seq 1 "$total"); do
            rm -rf "$work/fd" && mkdir -p "$work/fd"
            [ "$existing" = 1 ] && cp -r "$work/sgid/2026-11-24" "$work/fd/2026-11-24"
            IKZ_FAULT_MODE=$mode IKZ_FAULT_AT=$n LD_PRELOAD=$lib "$bin" einliefern --eingang "$work/fd" \
                --von "$work/export" --datum 2026-11-24 --ersetzen --quiet >"$work/out" 2>&1
            rc=$?
            local got="" left
            [ -e "$work/fd/2026-11-24" ] && got=$(fingerprint "$work/fd/2026-11-24")
            left=$(leftovers "$work/fd")
            if [ -n "$left" ]; then
                bad "sweep $mode existing=$existing N=$n: left $left"
            elif [ "$rc" = 0 ] && [ "$got" = "$new" ]; then
                ok
                delivered=$((delivered + 1))
            elif [ "$rc" != 0 ] && [ "$existing" = 1 ] && [ "$got" = "$old" ]; then
                ok
            elif [ "$rc" != 0 ] && [ "$existing" = 0 ] && [ -z "$got" ]; then
                ok
            elif [ "$mode" = full ] && [ "$rc" = 74 ] && [ "$got" = "$new" ] &&
                grep -q "it is complete, but a crash could lose it" "$work/out"; then
                ok # the drop cannot be synced, nor the rename undone (every call fails): complete, and said so
            else
                bad "sweep $mode existing=$existing N=$n: exit $rc, $(message), the dated name holds ${got:+something else}${got:-nothing}"
            fi
        done
        # A failed fsync, close of a written file or rename must fail the
        # delivery; only the closes of what was only read may fail without
        # consequence: the listing of SRC, its 4 files, and the three
        # directories opened at the end (SRC, the drop, the delivery).
        [ "$mode" = sync ] && expect_eq "sweep sync existing=$existing: deliveries despite a fault" 8 "$delivered"
        printf 'sweep %s existing=%s: %d calls, each failed in turn; %d delivered\n' "$mode" "$existing" "$total" "$delivered"
    }
    for mode in full sync; do
        sweep "$mode" 0
        sweep "$mode" 1
    done
fi
finish
