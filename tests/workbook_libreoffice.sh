#!/usr/bin/env bash
# Opens the workbook in a real spreadsheet program, LibreOffice, headless:
# every table sheet must hold the values of the CSV of the same run, and
# the Übersicht the key figures; and printed to PDF, as the press office
# prints it, every chart is whole on one page and no page holds only the
# repeated header, for the sample and for a national report of 3,000
# Kommunen (bench/gen_bench.c).
# Usage: workbook_libreoffice.sh BINARY SOURCE_DIR CSVCOMPARE GEN_BENCH
. "$(dirname "$0")/lib.sh"
compare=$3
gen=$4
command -v soffice >/dev/null || skip "LibreOffice (soffice) is not installed (tools/test installs libreoffice-calc-nogui)"
command -v unzip >/dev/null || skip "unzip is not installed (tools/test installs it)"
command -v pdftotext >/dev/null || skip "pdftotext is not installed (tools/test installs poppler-utils)"

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

# ---------------------------------------------------------------------------
# The printed workbook. LibreOffice prints it to PDF; pdftotext -bbox gives
# every word with its place, so a page's footer (in the bottom margin: the
# sheet's name, the Stichtag, "Seite x von y") is told from its body by
# position, not by reading order.

# ini SECTION KEY: a text of templates/texte.ini.
ini() { sed -n "/^\[$1\]/,/^\[/p" "$src/templates/texte.ini" | grep -m1 "^$2 = " | sed 's/^[^=]*= //'; }
# csv_fields: the fields of each line on stdin (comma-separated, quoted
# when a field holds a comma, as "Darmstadt, Wissenschaftsstadt"), one per
# line, a line's fields ended by an empty line.
csv_fields() {
    tr -d '\r' | awk '{
        f = ""; q = 0
        for (i = 1; i <= length($0); i++) {
            c = substr($0, i, 1)
            if (q) {
                if (c == "\"") { if (substr($0, i + 1, 1) == "\"") { f = f c; i++ } else q = 0 }
                else f = f c
            } else if (c == "\"") q = 1
            else if (c == ",") { print f; f = "" }
            else f = f c
        }
        print f
    }'
}
# pages PDF DIR: for page N, DIR/body.N (the words of the body on one
# line, each with a space either side), DIR/sheet.N (the footer's left
# part: the sheet's name) and DIR/outside.N (words beyond the body: above
# the top margin or below the footer, the parts of a chart cut by the
# page's edge, which LibreOffice clips but pdftotext still reads); prints
# the number of pages. The footer is the line of the right-hand "Seite".
pages() {
    mkdir -p "$2"
    pdftotext -bbox "$1" - | awk -v dir="$2" -v seite="$(ini bericht seite)" '
        function unescape(s) { gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&amp;/, "\\&", s); return s }
        function attr(s, name) { match(s, name "=\"[0-9.]+\""); return substr(s, RSTART + length(name) + 2, RLENGTH - length(name) - 3) + 0 }
        function flush(   i, body, sheet, out, foot) {
            if (n == 0) return
            foot = -1
            for (i = 1; i <= k; i++) if (t[i] == seite && x[i] > w / 2 && y[i] > foot) foot = y[i]
            body = " "; sheet = ""; out = ""
            for (i = 1; i <= k; i++)
                if (foot >= 0 && y[i] > foot - 2 && y[i] < foot + 2) { if (x[i] < w / 3) sheet = sheet (sheet == "" ? "" : " ") t[i] }
                else if (y[i] < 45 || (foot >= 0 && y[i] > foot)) out = out " " t[i]
                else body = body t[i] " "
            print body > (dir "/body." n); close(dir "/body." n)
            print sheet > (dir "/sheet." n); close(dir "/sheet." n)
            print out > (dir "/outside." n); close(dir "/outside." n)
        }
        /<page / { flush(); n++; k = 0; w = attr($0, "width") }
        /<word / { k++; y[k] = attr($0, "yMin"); x[k] = attr($0, "xMax"); s = $0; sub(/^.*">/, "", s); sub(/<\/word>.*$/, "", s); t[k] = unescape(s) }
        END { flush(); print n + 0 }'
}
# has FILE PHRASE: the page's body holds the phrase as whole words.
has() { grep -qF -- " $2 " "$1"; }

# The charts: [diagramme] key, [blaetter] key of the sheet, the category
# column (a [spalten] key).
charts='kreise kreise name
aufgabenbereiche aufgabenbereiche bezeichnung
zeitreihe zeitreihe jahr
bestand zeitreihe jahr
verteilung verteilung projekte'

# check_print NAME XLSX [all]: prints XLSX to PDF and checks it page by
# page. With "all" every category label of every chart must be on the
# chart's page; a chart of 90 Kreise or 50 classes shows only some of its
# labels, so there the title and the axis titles are checked.
check_print() {
    local name=$1 xlsx=$2 dir=$work/print-$1 n p s chart sheet cat title label heading col page labels charted found
    mkdir -p "$dir"
    soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf \
        --outdir "$dir" "$xlsx" >"$dir/pdf.log" 2>&1
    soffice -env:UserInstallation="file://$work/profile" --headless \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
        --outdir "$dir/csv" "$xlsx" >"$dir/csv.log" 2>&1
    local base pdf
    base=$(basename "$xlsx" .xlsx)
    pdf=$dir/$base.pdf
    [ -s "$pdf" ] || { bad "$name: no PDF: $(tail -3 "$dir/pdf.log")"; return; }
    n=$(pages "$pdf" "$dir/p")
    echo "$name: $n pages"

    # Nothing is cut by a page's edge, and no page holds only the repeated
    # header: each has a word that is not in its sheet's header row.
    # DIR/p/chart.N is the body without the sheet's title, which may begin
    # with a chart's title ("Geförderte IKZ-Projekte nach Aufgabenbereichen
    # am ...").
    local body sheet_title
    for ((p = 1; p <= n; p++)); do
        s=$(cat "$dir/p/sheet.$p")
        [ -n "$s" ] || { bad "$name: page $p has no footer naming its sheet"; continue; }
        sheet_title=$(sed -n 1p "$dir/csv/$base-$s.csv" | csv_fields | head -1)
        body=$(cat "$dir/p/body.$p")
        printf '%s\n' "${body/" $sheet_title "/ }" >"$dir/p/chart.$p"
        expect_eq "$name: page $p ($s): nothing beyond the page's body" "" "$(cat "$dir/p/outside.$p")"
        sed -n 2p "$dir/csv/$base-$s.csv" | csv_fields | tr ' ' '\n' | grep -v '^$' | sort -u >"$dir/heading-words"
        if tr ' ' '\n' <"$dir/p/body.$p" | grep -v '^$' | grep -qvxF -f "$dir/heading-words"; then
            ok
        else
            bad "$name: page $p ($s) holds only the header:$(cat "$dir/p/body.$p")"
        fi
    done

    # Each chart: its title on exactly one page, of its sheet, and its axis
    # titles (and category labels) on that page.
    while read -r chart sheet cat; do
        title=$(ini diagramme "${chart}_titel")
        s=$(ini blaetter "$sheet")
        page=
        for ((p = 1; p <= n; p++)); do
            if has "$dir/p/chart.$p" "$title"; then page="$page $p"; fi
        done
        page=${page# }
        case "$page" in
        '' | *' '*) bad "$name: chart '$title' has its title on pages [$page], not on one"; continue ;;
        esac
        expect_eq "$name: chart '$title' on its sheet" "$s" "$(cat "$dir/p/sheet.$page")"
        for label in "$(ini diagramme "${chart}_x")" "$(ini diagramme "${chart}_y")"; do
            if has "$dir/p/chart.$page" "$label"; then ok; else bad "$name: chart '$title' (page $page): axis title '$label' not on its page"; fi
        done
        [ "${3:-}" = all ] || continue
        heading=$(ini spalten "$sheet.$cat")
        [ -n "$heading" ] || heading=$(ini spalten "$cat")
        col=$(sed -n 2p "$dir/csv/$base-$s.csv" | csv_fields | grep -nxF -- "$heading" | cut -d: -f1)
        [ -n "$col" ] || { bad "$name: sheet $s has no column '$heading'"; continue; }
        labels=0
        while IFS= read -r label; do
            [ -n "$label" ] || break # the table's end (the Verteilung's summary goes on below)
            labels=$((labels + 1))
            if has "$dir/p/chart.$page" "$label"; then ok; else bad "$name: chart '$title' (page $page): category '$label' not on its page"; fi
        done < <(tail -n +3 "$dir/csv/$base-$s.csv" | while IFS= read -r row; do
            printf '%s\n' "$row" | csv_fields | sed -n "${col}p"
        done)
        [ "$labels" -gt 0 ] || bad "$name: chart '$title': no category labels in column '$heading'"
    done <<<"$charts"

    # Charts follow their table: once a page of a sheet shows a chart's
    # title, every later page of that sheet does (a page after it without
    # one holds the rest of a chart cut in two).
    charted=
    for ((p = 1; p <= n; p++)); do
        s=$(cat "$dir/p/sheet.$p")
        [ "$s" = "${charted%|*}" ] || charted=
        found=no
        while read -r chart sheet cat; do
            if has "$dir/p/chart.$p" "$(ini diagramme "${chart}_titel")"; then found=yes; fi
        done <<<"$charts"
        if [ "$found" = yes ]; then
            charted="$s|$p"
        elif [ -n "$charted" ]; then
            bad "$name: page $p ($s) follows the chart page ${charted##*|} and holds no chart title: a chart cut in two"
        fi
    done
}

check_print sample "$work/o/2024/ikz-bericht-2024.xlsx" all
# A national report: 3,000 Kommunen in about 90 Kreise, the Kommunen sheet
# on some 60 pages, a histogram of about 50 classes.
mkdir -p "$work/xl"
"$gen" "$work/xl" 3000 3000 12000 >/dev/null
run run --input "$work/xl" --output "$work/xlout" --stichtag 2024-12-31 --land alle
expect_eq "national: exit" 0 "$rc"
check_print national "$work/xlout/2024/ikz-bericht-2024.xlsx"
finish
