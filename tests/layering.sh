#!/usr/bin/env bash
# Each library stays inside its one module, leaf modules never print, and
# each stage folder includes only the folders below it: the includes and
# calls are checked against the tables below, so a second user of
# libxlsxwriter, a printf in a reader or a check that reaches into read/
# fails the build's tests.
set -uo pipefail
export LC_ALL=C.UTF-8 # sort order is the harness's, not the caller's (tests/lib.sh)
src="$2/src"
pass=0 fail=0
check() { # what, expected files (space-separated, relative to src/), grep pattern
    local what=$1 want=$2 pattern=$3 got
    got=$(cd "$src" && grep -rlE "$pattern" --include='*.c' --include='*.h' . 2>/dev/null | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')
    if [ "$got" = "$want" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL $what: expected in '$want', found in '$got'"
        fail=$((fail + 1))
    fi
}
check libcsv         "read/csvfile.c render/render_csv.c" '#include <csv\.h>'
check GSL            "compute/stats.c"        '#include <gsl/'
check libxlsxwriter  "render/render_xlsx.c render/xlsx_book.h render/xlsx_charts.c render/xlsx_sheets.c" '#include <xlsxwriter\.h>'
check minizip        "render/xlsx_verify.c"   '#include <minizip/'
check expat          "render/xlsx_verify.c"   '#include <expat\.h>'
check cJSON          "publish/manifest.c"     '#include <cjson/'
check libcrypto      "base/digest.c"          '#include <openssl/'
check inih           "read/inifile.c"         '#include <ini\.h>'
# Only the command line, the pipeline and the logger write to the terminal
# (the test hook's pause line is for the tests' eyes only).
check printing       "base/log.c base/testhook.c main.c report.c report_read.c" '^[^/*]*(\b(printf|puts|perror)\s*\(|\b(stdout|stderr)\b)'
check logging        "base/log.c base/log.h main.c report.c report_compute.c report_delivery.c report_read.c report_write.c" '\blog_(error|warn|info|debug|progress|msg)\s*\('

# The order of the stage folders (docs/architecture.md). Each folder of
# src/ is an include directory, so the folder of an included header is
# found by its name, and a name in two folders would be ambiguous.
dupes=$(cd "$src" && printf '%s\n' *.h */*.h | sed 's|.*/||' | sort | uniq -d | tr '\n' ' ' | sed 's/ $//')
if [ -z "$dupes" ]; then
    pass=$((pass + 1))
else
    echo "FAIL header names: in more than one folder of src/: $dupes"
    fail=$((fail + 1))
fi
# Each quoted include of a folder's files as "file: folder/header" (a
# header of src/ itself as "src/header", one found nowhere as "?/header").
includes_of() {
    (cd "$src" && grep -oE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]+"' -- "$1"/*.c "$1"/*.h 2>/dev/null) |
        while IFS=: read -r file line; do
            header=${line#*\"}
            header=${header%\"}
            if [ -f "$src/$header" ]; then
                echo "$file: src/$header"
            else
                where="?/$header"
                for found in "$src"/*/"$header"; do
                    [ -f "$found" ] && where=${found#"$src"/}
                done
                echo "$file: $where"
            fi
        done
}
declare -A may=()
layer() { # folder, what it may include: folders, or folder/header for one header of a folder
    may[$1]=$2
}
layer base    "base"
layer model   "base model"
# The rules and the findings list: a reader asks the rules whether a value
# is valid and adds the finding; nothing else of check/.
layer read    "base model read check/findings.h check/rules.h"
# The typed table: check_cell_lengths and findings_table work on compute's
# tables; table.h includes only base/, so this is no circle.
layer check   "base model check compute/table.h"
layer compute "base model read check compute"
layer render  "base model read check compute render"
layer publish "base model read check compute render publish"
for dir in "$src"/*/; do
    folder=$(basename "$dir")
    if [ -z "${may[$folder]+set}" ]; then
        echo "FAIL layers: src/$folder/ is not in the table of layers (tests/layering.sh)"
        fail=$((fail + 1))
        continue
    fi
    bad=$(includes_of "$folder" | while read -r file header; do
        ok=0
        for allowed in ${may[$folder]}; do
            case $allowed in
            */*) [ "$header" = "$allowed" ] && ok=1 ;;
            *) [ "${header%%/*}" = "$allowed" ] && ok=1 ;;
            esac
        done
        [ "$ok" = 1 ] || echo "${file%:} includes $header"
    done)
    if [ -z "$bad" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL layers: $folder/ may include only ${may[$folder]}:"
        echo "    ${bad//$'\n'/$'\n'    }"
        fail=$((fail + 1))
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
