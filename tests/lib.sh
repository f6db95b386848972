# lib.sh: the preamble and the assertions shared by the end-to-end
# scripts. A script's first command is
#     . "$(dirname "$0")/lib.sh"
# which sets -u, takes its first two arguments as bin (the binary) and src
# (the source tree, made absolute), and makes the scratch directory work,
# removed on exit with any background job still running. Further
# arguments are the script's own ($3, ...). package.sh, whose arguments
# and cleanup differ, sources it as `. lib.sh --no-preamble`: then it only
# defines the assertions.
#
# The harness's own tools (ls and sort order, printf '%f', LibreOffice's
# number and date formats) differ between locales, so the scripts run in
# C.UTF-8 whatever the caller's shell says: a ministry administrator's
# LANG=de_DE.UTF-8 must give the same verdict. The job itself is tested
# under de_DE.UTF-8 on purpose where that matters (workbook_locale.sh sets
# LC_ALL for its run), and tools/test runs the everyday suite once more
# under LANG=de_DE.UTF-8.
if [ "${1:-}" != --no-preamble ]; then
    set -u
    bin=${1:?usage: $0 BINARY SOURCE_DIR ...}
    src=$(cd "${2:?usage: $0 BINARY SOURCE_DIR ...}" && pwd) || exit 1
    work=$(mktemp -d)
    trap 'kill -9 $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
fi
export LC_ALL=C.UTF-8
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); printf 'FAIL: %s\n' "$*" >&2; }
expect_eq() { # name expected actual
    if [ "$2" == "$3" ]; then ok; else bad "$1: expected [$2], got [$3]"; fi
}
expect_true() { # name command...
    local name=$1
    shift
    if "$@"; then ok; else bad "$name"; fi
}
# Runs the binary; stdout+stderr to $work/out, exit code to $rc.
run() { "$bin" "$@" >"$work/out" 2>&1; rc=$?; }
# The finding lines of the last run (log lines carry a timestamp).
findings() { grep -a '^ikz-report: ' "$work/out"; }
# csv_fields FILE KEY COLUMN...: the named columns (by the header, not by
# position, so that a new column changes no test) of the row of an
# excel-de CSV whose first field is KEY, joined by ';'. For rows without a
# quoted ';'.
csv_fields() {
    local file=$1 key=$2
    shift 2
    tr -d '\r' <"$file" | sed '1s/^\xEF\xBB\xBF//' | awk -F';' -v key="$key" -v want="$*" '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == key { n = split(want, w, " "); out = "";
                    for (i = 1; i <= n; i++) out = out (i > 1 ? ";" : "") (w[i] in col ? $(col[w[i]]) : "?" w[i]);
                    print out }'
}
# The value of a key figure in a kennzahlen.csv (excel-de).
kennzahl() { grep -a "^$2;" "$1" | tr -d '\r' | awk -F';' '{print $NF}'; }
# deliver DROP DATE: the sample's exports as the delivery DROP/DATE,
# sealed last with SHA256SUMS as an exporter does (needs src).
deliver() {
    mkdir -p "$1/$2"
    cp "$src/sample-data/"* "$1/$2/"
    (cd "$1/$2" && sha256sum -- * >SHA256SUMS)
}
# What a report holds, printed by tests/list_outputs.c from the job's own
# tables: the tests compute counts and lists from it, never by hand.
# outputs PROGRAM [YEAR] reads it once (YEAR 2024, the templates of src);
# listed KIND prints the fields after KIND of its lines of that kind:
# file NAME; sheet KEY NAME CHARTS; files N; sheets N; charts N.
outputs() {
    "$1" "$src/templates" "${2:-2024}" >"$work/outputs" || { bad "list-outputs: exit $?"; finish; exit; }
}
listed() { awk -F'\t' -v k="$1" '$1 == k { sub(/^[^\t]*\t/, ""); print }' "$work/outputs"; }
# Exit 77 (ctest: skipped) with the reason on stderr.
skip() { printf 'SKIPPED: %s\n' "$*" >&2; exit 77; }
# The closing line, and the exit status.
finish() {
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
}
