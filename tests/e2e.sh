#!/usr/bin/env bash
# End-to-end runs of the real binary on real files: the press-release
# figures of sample-data/, both CSV dialects, reruns, encodings, and the
# exact error line and exit code of each kind of failure.
# The files a report holds come from tests/list_outputs.c (LIST_OUTPUTS).
# Usage: e2e.sh BINARY SOURCE_DIR LIST_OUTPUTS
. "$(dirname "$0")/lib.sh"
outputs "$3"

# The value of a key figure in an excel-de kennzahlen.csv.

# --- the sample export reproduces the press release ----------------------
run run --input "$src/sample-data" --output "$work/out1" --year 2024
expect_eq "sample run exit" 0 "$rc"
k=$work/out1/2024/csv/kennzahlen.csv
expect_eq "projekte_gefoerdert" 514 "$(kennzahl "$k" projekte_gefoerdert)"
expect_eq "beteiligungen" 2410 "$(kennzahl "$k" beteiligungen)"
expect_eq "ozg_kooperationen" 47 "$(kennzahl "$k" ozg_kooperationen)"
expect_eq "ozg_gemeinden" 176 "$(kennzahl "$k" ozg_gemeinden)"
# At the GV100AD's Gebietsstand 30.11.2023, after Bromskirchen's
# incorporation into Allendorf (Eder): the press release's 442 (421 + 21).
expect_eq "kommunen_gesamt" 442 "$(kennzahl "$k" kommunen_gesamt)"
expect_eq "gemeinden_gesamt" 421 "$(kennzahl "$k" gemeinden_gesamt)"
expect_eq "gebietsstand" 30.11.2023 "$(kennzahl "$k" gebietsstand)"
# Three rows name Bromskirchen (06635005): two participations are counted at
# Allendorf (Eder) only through the change list; the third project names
# Allendorf (Eder) too and counts it once.
expect_eq "beteiligungen_umgeschluesselt" 2 "$(kennzahl "$k" beteiligungen_umgeschluesselt)"
expect_eq "re-keyings in the Prüfbericht" 3 "$(grep -c ';AGS_UMGESCHLUESSELT;hinweis;' "$work/out1/2024/pruefbericht.csv")"
expect_eq "gebietsstand in the manifest" '"gebietsstand":	"2023-11-30",' "$(grep -o '"gebietsstand":.*' "$work/out1/2024/manifest.json")"
expect_eq "kreise_gesamt" 21 "$(kennzahl "$k" kreise_gesamt)"
expect_eq "stichtag" 31.12.2024 "$(kennzahl "$k" stichtag)"
expect_eq "projekte_je_kommune_mittelwert" 5,452489 "$(kennzahl "$k" projekte_je_kommune_mittelwert)"
birkenau=$(grep -a '^IKZ-2023-021;' "$work/out1/2024/csv/ozg.csv" | tr -d '\r')
expect_eq "Birkenau cooperation" \
    'IKZ-2023-021;Gemeinsamer Digitalisierungsmanager zur Umsetzung des OZG (Birkenau, Mörlenbach, Gorxheimertal);14.06.2023;06431004;Birkenau;3;Birkenau; Gorxheimertal; Mörlenbach;86000,00;30' \
    "$(printf '%s' "$birkenau" | sed 's/"//g')"
expect_eq "excel-de starts with a BOM" "efbbbf" "$(head -c3 "$k" | od -An -tx1 | tr -d ' \n')"
expect_eq "excel-de ends lines with CRLF" "0d0a" "$(tail -c2 "$k" | od -An -tx1 | tr -d ' \n')"
# Every file a report holds, and nothing else: the job's tables' files,
# the manifest, and a paragraph in presse/ for each row of kreise.csv.
expect_eq "the report's files" "$( (listed file; echo manifest.json) | sort)" \
    "$(cd "$work/out1/2024" && find . -type f ! -path './presse/*' | sed 's|^\./||' | sort)"
expect_eq "a Kreis paragraph for each row of kreise.csv" "$(($(wc -l <"$work/out1/2024/csv/kreise.csv") - 1))" \
    "$(find "$work/out1/2024/presse" -type f -name 'kreis-*.txt' | wc -l)"
expect_eq "kommunen.csv rows" 443 "$(wc -l <"$work/out1/2024/csv/kommunen.csv")"
expect_eq "only the report and the lock in OUTPUT" ".lock 2024" "$(cd "$work/out1" && ls -A | tr '\n' ' ' | sed 's/ $//')"

# --- a second run gives the same bytes -----------------------------------
run run --input "$src/sample-data" --output "$work/out1" --year 2024
expect_eq "rerun exit" 0 "$rc"
run run --input "$src/sample-data" --output "$work/out2" --stichtag 31.12.2024
if diff -r "$work/out1/2024" "$work/out2/2024" >/dev/null; then ok; else bad "rerun differs"; fi

# --- rfc4180: the same rows and columns, other number forms --------------
run run --input "$src/sample-data" --output "$work/rfc" --year 2024 --csv-dialect rfc4180
expect_eq "rfc4180 exit" 0 "$rc"
r=$work/rfc/2024/csv/kennzahlen.csv
expect_eq "rfc4180 has no BOM" "6b65" "$(head -c2 "$r" | od -An -tx1 | tr -d ' \n')"
expect_eq "rfc4180 mean" "projekte_je_kommune_mittelwert,\"Projekte je Kommune, Mittelwert\",5.452489" \
    "$(grep '^projekte_je_kommune_mittelwert,' "$r")"
expect_eq "rfc4180 date" "stichtag,Stichtag,2024-12-31" "$(grep '^stichtag,' "$r")"
for name in $(listed file | sed -n 's|^csv/||p'); do
    expect_eq "$name line count in both dialects" "$(wc -l <"$work/out1/2024/csv/$name")" "$(wc -l <"$work/rfc/2024/csv/$name")"
done

# --- the same export in Windows-1252 and with LF gives the same report ---
mkdir -p "$work/cp1252"
cp "$src/sample-data/GV100AD_301123.txt" "$src/sample-data/gebietsaenderungen.csv" "$src/sample-data/beteiligungen.csv" "$work/cp1252/"
tail -c +4 "$src/sample-data/projekte.csv" | iconv -f UTF-8 -t WINDOWS-1252 | tr -d '\r' >"$work/cp1252/projekte.csv"
run run --input "$work/cp1252" --output "$work/out3" --year 2024
expect_eq "cp1252 exit" 0 "$rc"
if grep -q 'not valid UTF-8, read as Windows-1252' "$work/out"; then ok; else bad "cp1252 not logged"; fi
# The same figures and press text (the manifest names the inputs' hashes,
# the Prüfbericht their paths).
if diff -r "$work/out1/2024/csv" "$work/out3/2024/csv" >/dev/null && cmp -s "$work/out1/2024/pressetext.txt" "$work/out3/2024/pressetext.txt"; then ok; else bad "cp1252 report differs"; fi

# --- a past year: the Stichtag filters ------------------------------------
run run --input "$src/sample-data" --output "$work/out1" --year 2020
expect_eq "2020 exit" 0 "$rc"
expect_eq "2020 OZG" 0 "$(kennzahl "$work/out1/2020/csv/kennzahlen.csv" ozg_kooperationen)"
expect_eq "2020 stichtag" 31.12.2020 "$(kennzahl "$work/out1/2020/csv/kennzahlen.csv" stichtag)"
expect_eq "2024 report still there" 514 "$(kennzahl "$k" projekte_gefoerdert)"

# --- usage errors: exit 64 -------------------------------------------------
run
expect_eq "no command exit" 64 "$rc"
expect_eq "no command message" "ikz-report: a command is required" "$(head -1 "$work/out")"
run run --input x --output y --year 20x4
expect_eq "bad year exit" 64 "$rc"
expect_eq "bad year message" "ikz-report: --year: expected a year such as 2024: '20x4'" "$(head -1 "$work/out")"
run run --input x --output y --year 2024 --stichtag 2024-01-01
expect_eq "year and stichtag exit" 64 "$rc"
run run --input x --output y --quiet --verbose
expect_eq "quiet and verbose exit" 64 "$rc"
expect_eq "quiet and verbose message" "ikz-report: --quiet and --verbose exclude each other" "$(head -1 "$work/out")"
run run --input x --output y --csv-dialect excel
expect_eq "bad dialect message" "ikz-report: --csv-dialect: expected excel-de or rfc4180: 'excel'" "$(head -1 "$work/out")"
run run --output y
expect_eq "missing input option" "ikz-report: --input DIR is required (or a job file with input)" "$(head -1 "$work/out")"
run --version
expect_eq "version" 0 "$rc"

# --- missing input: exit 66 -----------------------------------------------
run run --input "$work/nowhere" --output "$work/o" --year 2024
expect_eq "missing input exit" 66 "$rc"
if grep -q "cannot open $work/nowhere: No such file or directory" "$work/out"; then ok; else bad "missing input message"; fi

# --- data errors: exit 65, exact finding, previous report untouched --------
mkdir -p "$work/bad"
cp "$src/sample-data/"* "$work/bad/"
sed -i '12s/;[0-9][0-9]\.[0-9][0-9]\.\([0-9]\{4\}\);/;31.02.\1;/' "$work/bad/projekte.csv"
before=$(cd "$work/out1/2024" && find . -type f -exec sha256sum {} + | sort)
run run --input "$work/bad" --output "$work/out1" --year 2024
expect_eq "data error exit" 65 "$rc"
id=$(sed -n 12p "$work/bad/projekte.csv" | cut -d';' -f1)
year=$(sed -n 12p "$work/bad/projekte.csv" | cut -d';' -f4 | cut -d. -f3)
expect_eq "data error finding" \
    "ikz-report: projekte.csv:12: column 'bewilligt_am': Datum ungültig (erwartet JJJJ-MM-TT oder TT.MM.JJJJ) '31.02.$year' [DATUM_UNGUELTIG]" \
    "$(findings | head -1)"
expect_eq "previous report untouched" "$before" "$(cd "$work/out1/2024" && find . -type f -exec sha256sum {} + | sort)"
expect_eq "no temporary directory after failure" ".lock 2020 2024 pruefbericht-2024.csv" "$(cd "$work/out1" && ls -A | tr '\n' ' ' | sed 's/ $//')"
if grep -q "nothing published; the findings are in $work/out1/pruefbericht-2024.csv" "$work/out"; then ok; else bad "failure report path not logged"; fi
expect_eq "failure report names the finding" "projekte.csv;12;bewilligt_am;31.02.$year;DATUM_UNGUELTIG;fehler;Datum ungültig (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)" \
    "$(sed -n 2p "$work/out1/pruefbericht-2024.csv" | tr -d '\r')"
[ -n "$id" ] && ok || bad "fixture line 12 has no id"

# --- an unknown AGS in beteiligungen.csv names line and hint --------------
cp "$src/sample-data/projekte.csv" "$work/bad/"
sed -i '3s/;06\([0-9]*\);/;6\1;/' "$work/bad/beteiligungen.csv"
ags=$(sed -n 3p "$work/bad/beteiligungen.csv" | cut -d';' -f2)
run run --input "$work/bad" --output "$work/o" --year 2024
expect_eq "unknown AGS exit" 65 "$rc"
if findings | head -1 | grep -q "^ikz-report: beteiligungen.csv:3: column 'ags': Gemeindeschlüssel ist keine Kommune des Gemeindeverzeichnisses '$ags' (führende Null verloren (Excel?): gemeint ist wohl 0$ags "; then ok; else bad "unknown AGS finding: $(findings | head -1)"; fi

# --- --register names another register file -------------------------------
mkdir -p "$work/reg"
cp "$src/sample-data/projekte.csv" "$src/sample-data/beteiligungen.csv" "$work/reg/"
run run --input "$work/reg" --register "$src/tests/gv-isys-auszug-hessen.csv" --output "$work/o4" --year 2024
expect_eq "--register exit" 0 "$rc"
# The register of the end of 2020 still has Bromskirchen: 443 Kommunen,
# and the project that names both Bromskirchen and Allendorf (Eder) has
# two participations there, so 2,411.
expect_eq "--register Kommunen" 443 "$(kennzahl "$work/o4/2024/csv/kennzahlen.csv" kommunen_gesamt)"
expect_eq "--register figures" 2411 "$(kennzahl "$work/o4/2024/csv/kennzahlen.csv" beteiligungen)"

# --- cannot create output: exit 73 ------------------------------------------
touch "$work/file"
run run --input "$src/sample-data" --output "$work/file/sub" --year 2024
expect_eq "output under a file exit" 73 "$rc"

# --- a template error: exit 78 ----------------------------------------------
mkdir -p "$work/tpl"
cp "$src/templates/"* "$work/tpl/"
grep -v '^ozg_gemeinden;' "$src/templates/kennzahlen.csv" >"$work/tpl/kennzahlen.csv"
run run --input "$src/sample-data" --output "$work/o5" --year 2024 --templates "$work/tpl"
expect_eq "template error exit" 78 "$rc"
expect_eq "template error finding" \
    "ikz-report: $work/tpl/kennzahlen.csv: column 'kennzahl': Vorlage in templates/ fehlerhaft 'ozg_gemeinden' (Bezeichnung der Kennzahl fehlt) [VORLAGE_FEHLERHAFT]" \
    "$(findings | head -1)"
[ ! -e "$work/o5/2024" ] && ok || bad "template error published"

# --land: a Land's report counts the projects with at least one participant
# of that Land. Five Hessian projects, IKZ-2004-001 also with Berlin: for
# Berlin one project with one participation, its four Hessian partners
# cross-border; for Hessen all five, Berlin the one cross-border partner.
mkdir -p "$work/zwei"
{ head -6 "$src/sample-data/projekte.csv"
  # revoked long ago, its participations no longer exported: it stays in
  # the time series of the database's own Land's report
  echo 'IKZ-2010-900;Alt;CYBER;01.03.2010;01.01.2015;10.000,00;;'; } >"$work/zwei/projekte.csv"
{ head -1 "$src/sample-data/beteiligungen.csv"; grep -a '^IKZ-2004-00[1-5];' "$src/sample-data/beteiligungen.csv"
  echo 'IKZ-2004-001;11000000;beteiligt'; } >"$work/zwei/beteiligungen.csv"
cp "$src/sample-data/GV100AD_301123.txt" "$work/zwei/"
hessen_rows=$(grep -ac '^IKZ-2004-00[1-5];' "$src/sample-data/beteiligungen.csv")
run run --input "$work/zwei" --output "$work/o11" --year 2024 --land 11
expect_eq "--land 11: exit" 0 "$rc"
k=$work/o11/2024/csv/kennzahlen.csv
expect_eq "--land 11: projects" 1 "$(kennzahl "$k" projekte_gefoerdert)"
expect_eq "--land 11: participations" 1 "$(kennzahl "$k" beteiligungen)"
expect_eq "--land 11: cross-border" 4 "$(kennzahl "$k" beteiligungen_anderes_land)"
expect_eq "--land 11: participants per project, mean" 1 "$(kennzahl "$k" beteiligte_je_projekt_mittelwert)"
expect_eq "--land 11: participants per project, min" 1 "$(kennzahl "$k" beteiligte_je_projekt_min)"
run run --input "$work/zwei" --output "$work/o06" --year 2024 --land 06
k=$work/o06/2024/csv/kennzahlen.csv
expect_eq "--land 06: projects" 5 "$(kennzahl "$k" projekte_gefoerdert)"
expect_eq "--land 06: participations" "$hessen_rows" "$(kennzahl "$k" beteiligungen)"
expect_eq "--land 06: cross-border" 1 "$(kennzahl "$k" beteiligungen_anderes_land)"
expect_eq "--land 06: a project without participations in the time series" "2010;1" \
    "$(csv_fields "$work/o06/2024/csv/zeitreihe.csv" 2010 jahr neu_bewilligt)"
run projekttext --input "$work/zwei" --year 2024 --land 11 --projekt IKZ-2004-002
expect_eq "--land 11: projekttext of a Hessian project: exit" 65 "$rc"
expect_true "--land 11: projekttext says why" grep -q "ERROR project IKZ-2004-002 has no participant in Land 11 (--land)$" "$work/out"

# The log's own words: singular and plural, the register's format.
run run --input "$src/sample-data" --output "$work/olog" --year 2024
expect_true "one territorial change, singular" grep -q "INFO $src/sample-data/gebietsaenderungen.csv: 1 territorial change$" "$work/out"
expect_true "findings counted in the plural, errors in it too" grep -q "INFO 3 findings: 0 errors (fehler), 3 notices (hinweise)$" "$work/out"
expect_true "the register's Land and format" grep -q "INFO $src/sample-data/GV100AD_301123.txt: 442 Kommunen (421 Gemeinden, 21 Kreise) of Land 06, GV100AD format$" "$work/out"
run run --input "$src/sample-data" --output "$work/olog2" --year 2024 --land alle
expect_true "every Land" grep -q "Kreise) of every Land, GV100AD format$" "$work/out"

finish
