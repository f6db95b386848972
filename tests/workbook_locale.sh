#!/usr/bin/env bash
# The ministry's cron runs with LANG=de_DE.UTF-8: the report must be the
# same bytes as under the C locale (a decimal comma in the sheet XML would
# break the workbook).
# Usage: workbook_locale.sh BINARY SOURCE_DIR
. "$(dirname "$0")/lib.sh"
locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' || skip "locale de_DE.UTF-8 is not generated (tools/test generates it)"

LC_ALL=C run run --input "$src/sample-data" --output "$work/c" --year 2024
expect_eq "C locale exit" 0 "$rc"
LANG=de_DE.UTF-8 LC_ALL=de_DE.UTF-8 run run --input "$src/sample-data" --output "$work/de" --year 2024
expect_eq "German locale exit" 0 "$rc"
if diff -r "$work/c/2024" "$work/de/2024" >/dev/null; then ok; else bad "report differs under de_DE.UTF-8"; fi
if unzip -p "$work/de/2024/ikz-bericht-2024.xlsx" 'xl/worksheets/sheet*.xml' | grep -q '<v>[0-9]*,[0-9]'; then
    bad "decimal comma in the sheet XML"
else ok; fi
finish
