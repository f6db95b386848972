#!/usr/bin/env bash
# The workbook read back: sheets in order, titles, real numbers, no formula
# anywhere (also for a title that looks like one), autofilter and frozen
# panes, charts with alternative text, print setup, document properties,
# the press text, the same bytes on a second run, and a template error.
# The sheets, their names and charts come from tests/list_outputs.c
# (LIST_OUTPUTS), never from a list here.
# Usage: workbook_structure.sh BINARY SOURCE_DIR LIST_OUTPUTS
. "$(dirname "$0")/lib.sh"
outputs "$3"
command -v unzip >/dev/null || skip "unzip is not installed (tools/test installs it)"

run run --input "$src/sample-data" --output "$work/o" --year 2024
expect_eq "run exit" 0 "$rc"
x=$work/o/2024/ikz-bericht-2024.xlsx
part() { unzip -p "$x" "$1"; }
# The part of the sheet called NAME, found through workbook.xml and its
# relationships as a spreadsheet program finds it, never by a number.
sheet() {
    local rid target
    rid=$(part xl/workbook.xml | grep -o "<sheet name=\"$1\" sheetId=\"[0-9]*\" r:id=\"rId[0-9]*\"" | grep -o 'rId[0-9]*')
    [ -n "$rid" ] || { echo "no-sheet-$1"; return; }
    target=$(part xl/_rels/workbook.xml.rels | grep -o "<Relationship Id=\"$rid\" [^>]*>" | grep -o 'Target="[^"]*"' | cut -d'"' -f2)
    echo "xl/$target"
}
sheet_names() { part xl/workbook.xml | grep -o 'sheet name="[^"]*"' | cut -d'"' -f2; }
# The name of the sheet with key KEY ([blaetter] of texte.ini).
name_of() { listed sheet | awk -F'\t' -v k="$1" '$1 == k { print $2 }'; }
# The charts of the sheet part PART: the alternative texts of its drawing.
charts_of() {
    local rels drawing
    rels=$(dirname "$1")/_rels/$(basename "$1").rels
    drawing=$(part "$rels" 2>/dev/null | grep -o 'Target="../drawings/drawing[0-9]*.xml"' | cut -d'"' -f2)
    [ -n "$drawing" ] && part "xl/${drawing#../}" | grep -o 'descr="[^"]*"'
}

expect_eq "sheets in order" "$(listed sheet | cut -f2 | tr '\n' '|')" "$(sheet_names | tr '\n' '|')"
expect_eq "A1 of the Übersicht is the title, a string" \
    '<c r="A1" s="1" t="inlineStr"><is><t>IKZ in Hessen: Kennzahlen zum Stichtag 31.12.2024 (Quelle: Förderdatenbank IKZ, Gemeindeverzeichnis des Statistischen Bundesamts)</t></is></c>' \
    "$(part "$(sheet "$(name_of uebersicht)")" | grep -o '<c r="A1"[^>]*><is><t>[^<]*</t></is></c>')"
n_sheets=0
while IFS= read -r name; do
    n_sheets=$((n_sheets + 1))
    s=$(part "$(sheet "$name")")
    case "$s" in *"<f>"*) bad "$name has a formula" ;; *) ok ;; esac
    case "$s" in *'fitToHeight="0" orientation="landscape"'*) ok ;; *) bad "$name print setup: $(grep -o '<pageSetup[^>]*>' <<<"$s")" ;; esac
    case "$s" in *"<oddFooter>&amp;L&amp;A&amp;CStichtag 31.12.2024&amp;RSeite &amp;P von &amp;N</oddFooter>"*) ok ;; *) bad "$name footer" ;; esac
    case "$s" in *'<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>'*) ok ;; *) bad "$name frozen panes" ;; esac
    case "$s" in *"<autoFilter ref=\"A2:"*) ok ;; *) bad "$name autofilter" ;; esac
done < <(sheet_names)
expect_eq "header rows repeat when printed, on every sheet" "$n_sheets" "$(part xl/workbook.xml | grep -o '_xlnm.Print_Titles' | wc -l)"
# The Erläuterungen say how to import a CSV with its keys as text (a
# double-click turns 06411000 into 6411000), and that the workbook is the
# file for people: the area, the term and the sentence of each row.
erl=$(part "$(sheet "$(name_of erlaeuterungen)")" | grep -o '<t>[^<]*</t>' | sed 's/<t>//; s/<\/t>//' | tr '\n' '|')
expect_true "Erläuterungen: importing a CSV" grep -qF \
    '|Dateien|CSV-Dateien wie kommunen.csv|Aus dem AGS 06411000 wird beim Doppelklick 6411000: die Spalten ags und kreis beim Import als Text festlegen (Excel: Daten &gt; Aus Text/CSV &gt; Daten transformieren; LibreOffice: Textimport).|' <<<"$erl"
expect_true "Erläuterungen: the workbook is for people" grep -qF \
    '|Dateien|Arbeitsmappe|Zum Lesen und Drucken ist diese Arbeitsmappe bestimmt; sie zeigt jeden Schlüssel mit führender Null.|' <<<"$erl"
# Kommunen: one row per Kommune of the register below title and header,
# one column per column of csv/kommunen.csv; counts as real numbers.
kommunen=$(($(wc -l <"$work/o/2024/csv/kommunen.csv") - 1))
# The column letter of column N (1: A, 27: AA).
letter() { local n=$1 l=; while [ "$n" -gt 0 ]; do l=$(printf "\\x$(printf %x $((65 + (n - 1) % 26)))")$l; n=$(((n - 1) / 26)); done; echo "$l"; }
# The column of NAME in the header of the CSV summary FILE.
column_of() { head -1 "$2" | tr -d '\r\357\273\277' | tr ';' '\n' | grep -nx "$1" | cut -d: -f1; }
columns=$(head -1 "$work/o/2024/csv/kommunen.csv" | tr ';' '\n' | wc -l)
expect_eq "Kommunen autofilter" "<autoFilter ref=\"A2:$(letter "$columns")$((kommunen + 2))\"/>" \
    "$(part "$(sheet "$(name_of kommunen)")" | grep -o '<autoFilter[^>]*>')"
birkenau=$(letter "$(column_of einwohner "$work/o/2024/csv/kommunen.csv")")$(($(grep -n '^06431004;' "$work/o/2024/csv/kommunen.csv" | cut -d: -f1) + 1))
expect_eq "Birkenau's Einwohner is a number" "<c r=\"$birkenau\" s=\"6\"><v>9926</v></c>" \
    "$(part "$(sheet "$(name_of kommunen)")" | grep -o "<c r=\"$birkenau\"[^>]*><v>[^<]*</v></c>")"
charts=$(listed charts)
expect_eq "every chart with alternative text" "$charts" "$(for d in $(unzip -l "$x" | grep -o 'xl/drawings/drawing[0-9]*.xml'); do part "$d"; done | grep -o 'descr="[^"]*"' | wc -l)"
while IFS=$'\t' read -r key name n; do
    expect_eq "$name: its charts" "$n" "$(charts_of "$(sheet "$name")" | wc -l)"
done < <(listed sheet)
if charts_of "$(sheet "$(name_of kreise)")" | grep -q 'descr="Balken: durchschnittliche Zahl geförderter Projekte je Kommune'; then ok; else bad "Kreise chart alt text"; fi
for i in $(seq 1 "$charts"); do
    c=$(part "xl/charts/chart$i.xml")
    expect_eq "chart$i has a title and two axis titles" 3 "$(grep -o '<c:title>' <<<"$c" | wc -l)"
done
core=$(part docProps/core.xml)
case "$core" in *'<dcterms:created xsi:type="dcterms:W3CDTF">2024-12-31T00:00:00Z</dcterms:created>'*) ok ;; *) bad "creation date" ;; esac
case "$core" in *'<dc:title>IKZ-Statistik Hessen zum Stichtag 31.12.2024</dc:title>'*) ok ;; *) bad "title property" ;; esac
case "$core" in *'<cp:keywords>IKZ, interkommunale Zusammenarbeit'*) ok ;; *) bad "keywords" ;; esac
# The sample's three re-keyings of Bromskirchen, below title and header.
p=$work/o/2024/pruefbericht.csv
expect_eq "Prüfbericht holds the three hinweise" "<dimension ref=\"A1:$(letter "$(head -1 "$p" | tr ';' '\n' | wc -l)")$(($(wc -l <"$p") + 1))\"/>" \
    "$(part "$(sheet "$(name_of pruefbericht)")" | grep -o '<dimension[^>]*>')"

# The press text, line by line. Its first paragraph is the press release's
# statistics paragraph (shared/seed): sentences 2 to 4 word for word; the
# first says "mit 2.410 Beteiligungen von Gemeinden, Städten und
# Landkreisen" where the release's "in 2.410 Gemeinden, Städte und
# Landkreise" counts participations as Gemeinden (docs/decisions.md).
# The second paragraph gives savings and efficiency on one basis and says
# how many projects report them.
p=$work/o/2024/pressetext.txt
expect_eq "press text: the Land paragraph" \
    "Am 31. Dezember 2024 gab es 514 geförderte Projekte mit 2.410 Beteiligungen von Gemeinden, Städten und Landkreisen. Somit ist jede der 442 hessischen Kommunen (421 Gemeinden und 21 Kreise) an durchschnittlich fünf IKZ-Projekten beteiligt. Seit Anfang 2021 wurden 47 Kooperationen im Bereich „Onlinezugangsgesetz“ gefördert. Insgesamt sind 176 Gemeinden an den geförderten Zusammenschlüssen beteiligt." \
    "$(sed -n 1p "$p")"
expect_eq "press text: savings on one basis, with its coverage" \
    "Die Kooperationen sparen jährlich rund 34,6 Millionen Euro an Personal- und Sachkosten ein; das entspricht einem Effizienzgewinn von 25 Prozent. Diese Angaben beruhen auf den 441 Projekten, die ihre Kosten und Einsparungen melden; 73 Projekte haben dazu keine Angaben gemacht. Ein Jahr zuvor, am 31. Dezember 2023, waren es 467 geförderte Projekte (+10,1 Prozent) und 2.135 Beteiligungen." \
    "$(sed -n 2p "$p")"
expect_eq "press text: sources" "Gebietsstand der Gemeinden und Kreise: 30.11.2023; Stichtag der Förderdaten: 31.12.2024." "$(sed -n 3p "$p")"
expect_eq "press text: three lines" 3 "$(wc -l <"$p")"
case "$(cat "$p")" in *"{"*|*"}"*|*"k. A."*) bad "press text has an unfilled placeholder" ;; *) ok ;; esac

# A second run gives the same bytes.
run run --input "$src/sample-data" --output "$work/o2" --year 2024
if cmp -s "$x" "$work/o2/2024/ikz-bericht-2024.xlsx" && cmp -s "$p" "$work/o2/2024/pressetext.txt"; then ok; else bad "second run differs"; fi

# A title that looks like a formula stays text in the workbook and is
# neutralised in the CSV.
mkdir -p "$work/evil"
cp "$src/sample-data/"* "$work/evil/"
sed -i 's/^IKZ-2023-021;[^;]*;/IKZ-2023-021;"=HYPERLINK(""http:\/\/evil.example"",""klick"")";/' "$work/evil/projekte.csv"
run run --input "$work/evil" --output "$work/o3" --year 2024 --csv-dialect rfc4180
expect_eq "formula title run" 0 "$rc"
y=$work/o3/2024/ikz-bericht-2024.xlsx
ozg=$(x=$y sheet "$(name_of ozg)")
if unzip -p "$y" "$ozg" | grep -qF 't="inlineStr"><is><t>=HYPERLINK("http://evil.example","klick")</t></is>'; then ok; else bad "formula title not a string"; fi
if unzip -p "$y" "$ozg" | grep -q '<f>'; then bad "formula in OZG sheet"; else ok; fi
if grep -qF "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klick\"\")\"" "$work/o3/2024/csv/ozg.csv"; then ok; else bad "formula title not neutralised in CSV"; fi

# A title holding "_x000D_" literally stays that text: OOXML would read it
# as a carriage return, so its underscore is written as _x005F_.
mkdir -p "$work/esc"
cp "$src/sample-data/"* "$work/esc/"
sed -i 's/^\(IKZ-2023-021;\)"\?[^;]*;/\1Manager _x000D_ Birkenau;/' "$work/esc/projekte.csv"
run run --input "$work/esc" --output "$work/o7" --year 2024
expect_eq "_x000D_ title run" 0 "$rc"
e=$work/o7/2024/ikz-bericht-2024.xlsx
expect_eq "_x000D_ escaped in the sheet" '<t>Manager _x005F_x000D_ Birkenau</t>' \
    "$(unzip -p "$e" "$(x=$e sheet "$(name_of ozg)")" | grep -o '<t>Manager [^<]*</t>')"

# A title longer than a cell holds (32,767 characters): cut in the
# workbook with a visible mark and a hinweis, whole in the CSV; validate
# reports the same hinweis as run.
mkdir -p "$work/long"
cp "$src/sample-data/"* "$work/long/"
long=$(head -c 40000 /dev/zero | tr '\0' 'x')
sed -i "s/^\(IKZ-2023-021;\)\"\?[^;]*;/\1$long;/" "$work/long/projekte.csv"
hint="ikz-report: ozg:23: column 'titel': Text länger als eine Zelle des Arbeitsblatts fasst; dort gekürzt und mit […] markiert (40000 Zeichen; im Arbeitsblatt nach 32767 gekürzt, in csv/ozg.csv vollständig) [ZELLE_GEKUERZT]"
run validate --input "$work/long" --year 2024
expect_eq "long title: validate exit" 0 "$rc"
expect_eq "long title: validate's hinweis" "$hint" "$(findings | grep ZELLE_GEKUERZT)"
run run --input "$work/long" --output "$work/o8" --year 2024 --verbose
expect_eq "long title: run exit" 0 "$rc"
expect_eq "long title: run's hinweis" "$hint" "$(findings | grep ZELLE_GEKUERZT)"
l=$work/o8/2024/ikz-bericht-2024.xlsx
cell=$(unzip -p "$l" "$(x=$l sheet "$(name_of ozg)")" | grep -o '<t>xxxx[^<]*</t>' | head -1)
expect_eq "long title: cut to 32,767 characters with the mark" 32767 "$(printf '%s' "$cell" | sed 's/<t>//; s/<\/t>//' | wc -m)"
expect_eq "long title: the mark" "x […]</t>" "$(printf '%s' "$cell" | tail -c 11)"
expect_eq "long title: whole in the CSV" 1 "$(grep -ac "$long" "$work/o8/2024/csv/ozg.csv")"

# Excel counts a cell's characters in UTF-16 units: a character above
# U+FFFF is two. 32,750 a and 30 emoji are 32,780 characters but 32,810
# units: the hinweis counts units, and the cut keeps 32,750 a and 6 emoji
# (32,762 units; a seventh would pass 32,763) before the mark, never half
# a surrogate pair (issue 21).
units() { printf '%s' "$1" | iconv -f UTF-8 -t UTF-16LE | wc -c | awk '{print $1 / 2}'; }
mkdir -p "$work/astral"
cp "$src/sample-data/"* "$work/astral/"
emoji=$(printf '\xF0\x9F\x98\x80%.0s' $(seq 30))
astral=$(head -c 32750 /dev/zero | tr '\0' 'a')$(printf "$emoji")
sed -i "s/^\(IKZ-2023-021;\)\"\?[^;]*;/\1$astral;/" "$work/astral/projekte.csv"
run run --input "$work/astral" --output "$work/o_astral" --year 2024 --verbose
expect_eq "astral title: run exit" 0 "$rc"
expect_eq "astral title: the hinweis counts UTF-16 units" \
    "ikz-report: ozg:23: column 'titel': Text länger als eine Zelle des Arbeitsblatts fasst; dort gekürzt und mit […] markiert (32810 Zeichen; im Arbeitsblatt nach 32767 gekürzt, in csv/ozg.csv vollständig) [ZELLE_GEKUERZT]" \
    "$(findings | grep ZELLE_GEKUERZT)"
a=$work/o_astral/2024/ikz-bericht-2024.xlsx
cell=$(unzip -p "$a" "$(x=$a sheet OZG)" | grep -o '<t>aaaa[^<]*</t>' | head -1 | sed 's/<t>//; s/<\/t>//')
expect_eq "astral title: cut to at most 32,767 UTF-16 units" 32766 "$(units "$cell")"
expect_eq "astral title: 6 whole emoji before the mark" "$(head -c 32750 /dev/zero | tr '\0' 'a')$(printf '\xF0\x9F\x98\x80%.0s' $(seq 6)) […]" "$cell"
expect_eq "astral title: whole in the CSV" 1 "$(grep -ac "$astral" "$work/o_astral/2024/csv/ozg.csv")"

# A long title with OOXML escapes: "_x0041_" is written "_x005F_x0041_",
# six characters more for libxlsxwriter's limit, read back as itself. The
# cut makes room for them (the run failed with 74 when the escaped text
# passed 32,767 characters).
mkdir -p "$work/esc"
cp "$src/sample-data/"* "$work/esc/"
esc=$(head -c 32700 /dev/zero | tr '\0' 'x')$(printf '_x0041_%.0s' $(seq 20))
sed -i "s/^\(IKZ-2023-021;\)\"\?[^;]*;/\1$esc;/" "$work/esc/projekte.csv"
run run --input "$work/esc" --output "$work/o_esc" --year 2024
expect_eq "escaped long title: run exit" 0 "$rc"
x=$work/o_esc/2024/ikz-bericht-2024.xlsx
cell=$(unzip -p "$x" "$(x=$x sheet OZG)" | grep -o '<t>xxxx[^<]*</t>' | head -1 | sed 's/<t>//; s/<\/t>//; s/_x005F_/_/g')
expect_eq "escaped long title: at most 32,767 characters as Excel reads it" 1 "$([ "$(printf '%s' "$cell" | wc -m)" -le 32767 ] && echo 1)"
expect_eq "escaped long title: the mark" " […]" "$(printf '%s' "$cell" | tail -c 6)"

# A table longer than a sheet continues on "NAME (2)" and so on, each with
# title and header, every row once (a sheet of 100 rows stands in for
# Excel's 1,048,576).
IKZ_TEST_SHEET_ROWS=100 "$bin" run --input "$src/sample-data" --output "$work/split" --year 2024 --csv-dialect rfc4180 >"$work/out" 2>&1
expect_eq "split: exit" 0 "$?"
z=$work/split/2024/ikz-bericht-2024.xlsx
# Kommunen and its parts of 98 rows each (100 less title and header), in
# the place of Kommunen among the sheets.
k=$(name_of kommunen)
parts=("$k")
for i in $(seq 2 $(((kommunen + 97) / 98))); do parts+=("$k ($i)"); done
expect_eq "split: sheets" "$(listed sheet | cut -f2 | awk -v k="$k" -v p="$(printf '%s|' "${parts[@]}")" '$0 == k { printf "%s", p; next } { print $0 "|" }' ORS= )" \
    "$(x=$z sheet_names | tr '\n' '|')"
rows=0
for name in "${parts[@]}"; do
    n=$(unzip -p "$z" "$(x=$z sheet "$name")" | grep -o '<row r="' | wc -l)
    rows=$((rows + n - 2))
done
expect_eq "split: every Kommune once" "$kommunen" "$rows"
expect_eq "split: part 2 starts with the 99th Kommune" "$(sed -n 100p "$work/split/2024/csv/kommunen.csv" | cut -d, -f1)" \
    "$(unzip -p "$z" "$(x=$z sheet "$k (2)")" | grep -o '<c r="A3"[^>]*><is><t>[^<]*' | sed 's/.*<t>//')"

# An unknown placeholder in the press template: exit 78, named, nothing published.
mkdir -p "$work/tpl"
cp "$src/templates/"* "$work/tpl/"
printf 'Es gibt {projekte} Projekte.\n' >>"$work/tpl/pressetext.txt"
run run --input "$src/sample-data" --output "$work/o4" --year 2024 --templates "$work/tpl"
expect_eq "unknown placeholder exit" 78 "$rc"
line=$(wc -l <"$work/tpl/pressetext.txt")
expect_eq "unknown placeholder finding" \
    "ikz-report: $work/tpl/pressetext.txt:$line: Vorlage in templates/ fehlerhaft 'projekte' (unbekannter Platzhalter) [VORLAGE_FEHLERHAFT]" \
    "$(findings | head -1)"
[ ! -e "$work/o4/2024" ] && ok || bad "published despite a template error"

# A workbook text missing from texte.ini: exit 78, the key named, nothing
# published. Two broken placeholders in texte.ini: both named, resolved
# before the workbook is written.
rm -rf "$work/tpl" && mkdir -p "$work/tpl" && cp "$src/templates/"* "$work/tpl/"
sed -i '/^kreise_alt *=/d' "$work/tpl/texte.ini"
run run --input "$src/sample-data" --output "$work/o5" --year 2024 --templates "$work/tpl"
expect_eq "missing text exit" 78 "$rc"
expect_eq "missing text finding" \
    "ikz-report: $work/tpl/texte.ini: Vorlage in templates/ fehlerhaft (Text [diagramme] kreise_alt fehlt) [VORLAGE_FEHLERHAFT]" \
    "$(findings)"
[ ! -e "$work/o5/2024" ] && ok || bad "published despite a missing text"
rm -rf "$work/tpl" && mkdir -p "$work/tpl" && cp "$src/templates/"* "$work/tpl/"
sed -i -e 's/^\(kreise_alt *=.*\)$/\1 {gibt_es_nicht}/' -e 's/^\(bestand_alt *=.*\)$/\1 {auch_nicht}/' "$work/tpl/texte.ini"
run run --input "$src/sample-data" --output "$work/o6" --year 2024 --templates "$work/tpl"
expect_eq "broken texts exit" 78 "$rc"
expect_eq "broken texts: both named" 2 "$(findings | grep -c 'unbekannter Platzhalter')"
[ ! -e "$work/o6/2024" ] && ok || bad "published despite broken texts"

# A sheet name Excel refuses: 78 with file and line, before anything is
# written (no "input/output error").
rm -rf "$work/tpl" && mkdir -p "$work/tpl" && cp "$src/templates/"* "$work/tpl/"
sed -i '/^\[blaetter\]/,/^\[/ s/^kommunen = .*/kommunen = Kommunen: Liste/' "$work/tpl/texte.ini"
line=$(grep -n '^kommunen = Kommunen: Liste' "$work/tpl/texte.ini" | cut -d: -f1)
run run --input "$src/sample-data" --output "$work/o9" --year 2024 --templates "$work/tpl"
expect_eq "bad sheet name exit" 78 "$rc"
expect_eq "bad sheet name finding" \
    "ikz-report: $work/tpl/texte.ini:$line: Vorlage in templates/ fehlerhaft 'Kommunen: Liste' ([blaetter] kommunen: ein Blattname enthält keines der Zeichen [ ] : * ? / \\) [VORLAGE_FEHLERHAFT]" \
    "$(findings)"
[ ! -e "$work/o9/2024" ] && ok || bad "published despite a bad sheet name"
finish
