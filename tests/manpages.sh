#!/usr/bin/env bash
# --help, ikz-report(1), ikz-report.ini(5) and the code agree: every long
# option of run/validate/projekttext and of einliefern (from main.c's
# option tables) is in its --help and is an item of ikz-report(1), with the
# same metavariable; every job key (job.c's table) is an option too and an
# item of ikz-report.ini(5), with the same metavariable; nothing is
# documented that the code lacks. Then what the pages promise and the code
# once did otherwise: the --templates and --register defaults, exit 78 for
# a job file's bad stichtag and missing output or input, and --input
# 'DIR/*' read as a drop like a job file's input = DIR/*.
# Usage: manpages.sh BINARY SOURCE_DIR
. "$(dirname "$0")/lib.sh"

# The pages as text to match: \- as -, fonts and \(aq gone.
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e "s/\\\\(aq/'/g" "$1"; }
plain "$src/docs/ikz-report.1" >"$work/man1"
plain "$src/docs/ikz-report.ini.5" >"$work/man5"
# Long options of the function FN in main.c, one a line.
options() { awk "/^static int $1\\(/,/^}/" "$src/src/main.c" | grep -o '{"[a-z-]*", [a-z_]*_argument' | cut -d'"' -f2; }
options _run >"$work/run-options"
options _einliefern >"$work/einliefern-options"
grep -o '\[JOB_[A-Z_]*\] = "[a-z-]*"' "$src/src/read/job.c" | cut -d'"' -f2 >"$work/keys"
expect_eq "main.c's run options found" 28 "$(wc -l <"$work/run-options")"
expect_eq "main.c's einliefern options found" 7 "$(wc -l <"$work/einliefern-options")"
expect_eq "job.c's keys found" 20 "$(wc -l <"$work/keys")"
"$bin" run --help >"$work/help-run"
"$bin" einliefern --help >"$work/help-einliefern"

# An option's metavariable in --help ("  --land NN  ..."; "" for a flag).
help_meta() { grep -E -- "^  (-h, )?--$2( |,|$)" "$1" | head -1 | sed -E "s/^  (-h, )?--$2( ([A-Z][A-Z|-]*))?.*/\\3/"; }
# ... and in a man page's item (".BI --land " NN"", ".B --flag", ".BR ... --flag").
man_item() { grep -E -- "^\\.(B|BI|BR) (.* )?$2( |\$)" "$1" | head -1; }
man_meta() { man_item "$1" "$2" | sed -nE 's/^\.BI [^ ]+ " ([^"]*)".*/\1/p'; }

for cmd in run einliefern; do
    while read -r o; do
        expect_true "$cmd --help lists --$o" grep -Eq -- "--$o( |,|\$)" "$work/help-$cmd"
        item=$(man_item "$work/man1" "--$o")
        expect_true "ikz-report(1) has an item --$o" test -n "$item"
        [ "$o" = help ] && continue
        expect_eq "--$o: the same metavariable in --help and ikz-report(1)" \
            "$(help_meta "$work/help-$cmd" "$o")" "$(man_meta "$work/man1" "--$o")"
    done <"$work/$cmd-options"
done
while read -r k; do
    expect_true "job key $k is an option of run" grep -qx "$k" "$work/run-options"
    expect_true "ikz-report.ini(5) has an item $k" test -n "$(man_item "$work/man5" "$k")"
    expect_eq "$k: the same metavariable in ikz-report.ini(5) and ikz-report(1)" \
        "$(man_meta "$work/man1" "--$k")" "$(man_meta "$work/man5" "$k")"
done <"$work/keys"
# Nothing documented that the code lacks.
all=$(cat "$work/run-options" "$work/einliefern-options" | sort -u)
for o in $(grep -ohE -- '(^|[ ,])--[a-z][a-z-]*' "$work/help-run" "$work/help-einliefern" | tr -d ' ,' | sort -u); do
    expect_true "--help's $o is an option" grep -qx -- "${o#--}" <<<"$all"
done
for o in $(grep -E '^\.(B|BI|BR) ' "$work/man1" | grep -oE -- '(^|[ "])--[a-z][a-z-]*' | tr -d ' "' | sort -u); do
    [ "$o" = --version ] && continue # a command, not an option of run or einliefern
    expect_true "ikz-report(1)'s item $o is an option" grep -qx -- "${o#--}" <<<"$all"
done
for k in $(sed -n '/^\.SH KEYS/,/^\.SH /p' "$work/man5" | sed -nE 's/^\.BI ([a-z-]+) .*/\1/p'); do
    expect_true "ikz-report.ini(5)'s key $k is a job key" grep -qx "$k" "$work/keys"
done

# --- the defaults the pages state ----------------------------------------------------
expect_true "--help: --templates defaults to the built-in directory" \
    grep -q -- "--templates DIR .*default $src/templates\$" "$work/help-run"
expect_true "ikz-report(1): --templates defaults to the package's conffiles" \
    sh -c "sed -n '/^\\.BI --templates/,/^\\.TP/p' '$work/man1' | grep -q 'Default: /etc/ikz-report/templates'"
expect_eq "ikz-report(1): no templates under /usr/share" "" "$(grep -n '/usr/share/ikz-report/templates' "$work/man1")"
expect_true "--help: --register defaults to the input directory" grep -q 'default: the input directory' "$work/help-run"

# --- exit codes the pages state ----------------------------------------------------------
cat >"$work/morgen.ini" <<EOI
[job]
input = $src/sample-data
output = $work/out
stichtag = morgen
EOI
run run --job "$work/morgen.ini"
expect_eq "job file stichtag = morgen: exit 78" 78 "$rc"
expect_eq "job file stichtag = morgen: file, line, key" "ikz-report: $work/morgen.ini:4: stichtag: not a date 'morgen'" \
    "$(head -1 "$work/out")"
run run --input "$src/sample-data" --output "$work/out" --stichtag morgen
expect_eq "--stichtag morgen: exit 64" 64 "$rc"
printf '[job]\ninput = %s/sample-data\n' "$src" >"$work/ohne-output.ini"
run run --job "$work/ohne-output.ini"
expect_eq "job file without output: exit 78" 78 "$rc"
expect_eq "job file without output: the message" \
    "ikz-report: $work/ohne-output.ini: output: missing; the job file must name it (or give --output on the command line)" \
    "$(head -1 "$work/out")"
run validate --job "$work/ohne-output.ini" --quiet
expect_eq "validate needs no output" 0 "$rc"
printf '[job]\noutput = %s/out\n' "$work" >"$work/ohne-input.ini"
run run --job "$work/ohne-input.ini"
expect_eq "job file without input: exit 78" 78 "$rc"
run run --output "$work/out"
expect_eq "no job file and no --input: exit 64" 64 "$rc"
expect_eq "no job file and no --input: the message" "ikz-report: --input DIR is required (or a job file with input)" \
    "$(head -1 "$work/out")"

# --- --input 'DIR/*': a drop, as in a job file -------------------------------------
mkdir -p "$work/eingang"
run run --input "$work/eingang/*" --output "$work/berichte"
expect_eq "--input 'DIR/*', empty drop: exit 0" 0 "$rc"
expect_true "--input 'DIR/*', empty drop: the drop's line" \
    grep -q "no complete delivery in $work/eingang yet" "$work/out"
today=$(date +%F)
deliver "$work/eingang" "$today"
run run --input "$work/eingang/*" --output "$work/berichte" --quiet
expect_eq "--input 'DIR/*': exit" 0 "$rc"
expect_true "--input 'DIR/*': the delivery read" \
    grep -q '"input_dir":'$'\t''"'"$today"'",' "$work/berichte/${today%%-*}/manifest.json"
run run --input "$work/eingang/$today" "$work/eingang/2026-01-01" --output "$work/berichte"
expect_eq "--input DIR/* unquoted, expanded by the shell: exit 64" 64 "$rc"
expect_eq "--input DIR/* unquoted: the hint" \
    "ikz-report: unexpected argument (a drop is --input 'DIR/*', quoted so that the shell does not expand it): '$work/eingang/2026-01-01'" \
    "$(head -1 "$work/out")"
run run --input "$work/nirgends/*" --output "$work/berichte"
expect_eq "--input 'DIR/*', DIR missing: exit 66" 66 "$rc"
expect_eq "--input 'DIR/*', DIR missing: the message" \
    "ikz-report: --input: cannot read $work/nirgends: No such file or directory" "$(head -1 "$work/out")"
finish
