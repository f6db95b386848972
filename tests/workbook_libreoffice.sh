#!/usr/bin/env bash
# Opens the workbook in a real spreadsheet program, LibreOffice, headless:
# every table sheet must hold the values of the CSV of the same run, and
# the Übersicht the key figures.
# Usage: workbook_libreoffice.sh BINARY SOURCE_DIR CSVCOMPARE
set -u
bin=$1
src=$2
compare=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$src/tests/lib.sh"
command -v soffice >/dev/null || skip "LibreOffice (soffice) is not installed (tools/test installs libreoffice-calc-nogui)"
command -v unzip >/dev/null || skip "unzip is not installed (tools/test installs it)"

run run --input "$src/sample-data" --output "$work/o" --year 2024 --csv-dialect rfc4180
expect_eq "run exit" 0 "$rc"
# Every sheet as CSV with the cells' values, not as shown (token 9 false).
soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$work/lo" "$work/o/2024/ikz-bericht-2024.xlsx" >"$work/lo.log" 2>&1
sheets=$(unzip -p "$work/o/2024/ikz-bericht-2024.xlsx" xl/workbook.xml | grep -o '<sheet name=' | wc -l)
expect_eq "every sheet of workbook.xml read" "$sheets" "$(ls "$work/lo" 2>/dev/null | wc -l)"
c=$work/o/2024/csv
sheet() { echo "$work/lo/ikz-bericht-2024-$1.csv"; }
check() { # name sheet_csv ours_csv sheet_cols ours_cols
    if "$compare" "$2" "$3" 2 1 "$4" "$5" >"$work/cmp" 2>&1; then ok; else bad "$1: $(head -5 "$work/cmp")"; fi
}
check Kommunen "$(sheet Kommunen)" "$c/kommunen.csv" all all
check Kreise "$(sheet Kreise)" "$c/kreise.csv" all all
check Aufgabenbereiche "$(sheet Aufgabenbereiche)" "$c/aufgabenbereiche.csv" 0,2,3,4,5,6,7 all
check Zeitreihe "$(sheet Zeitreihe)" "$c/zeitreihe.csv" all all
check Größenklassen "$(sheet Größenklassen)" "$c/groessenklassen.csv" all all
check OZG "$(sheet OZG)" "$c/ozg.csv" all all
check "Übersicht labels and values" "$(sheet Übersicht)" "$c/kennzahlen.csv" 0,1 1,2

# The Zeichenerklärung as a reader sees it (token 9 true: as shown): an
# exact 0 is '–', a change against 0 'x', a negative value carries U+2212,
# a savings figure not reported is '.' (LibreOffice's profile is en-US:
# decimal points).
soffice -env:UserInstallation="file://$work/profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1031,false,true,true,false,false,-1' \
    --outdir "$work/shown" "$work/o/2024/ikz-bericht-2024.xlsx" >"$work/shown.log" 2>&1
shown() { echo "$work/shown/ikz-bericht-2024-$1.csv"; }
expect_eq "Übersicht: zero and not meaningful, as shown" \
    'Beteiligungen von Kommunen anderer Länder;–;–;–;x' \
    "$(grep '^Beteiligungen von Kommunen anderer' "$(shown Übersicht)")"
expect_eq "Übersicht: the minus sign, as shown" \
    'Rangkorrelation Einwohner – Projekte (Spearman);−0.01;−0.02;0.01;x' \
    "$(grep '^Rangkorrelation' "$(shown Übersicht)")"
if [ "$(grep -c ',,$' "$c/ozg.csv")" -gt 0 ]; then ok; else bad "the sample has no OZG project without savings"; fi
expect_eq "OZG: projects without savings, as shown" \
    "$(grep -c ',,$' "$c/ozg.csv")" "$(grep -c ';\.;\.$' "$(shown OZG)")"
finish
