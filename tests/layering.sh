#!/usr/bin/env bash
# Each library stays inside its one module, and leaf modules never print:
# the includes and calls are checked against the table below, so a second
# user of libxlsxwriter or a printf in a reader fails the build's tests.
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
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
