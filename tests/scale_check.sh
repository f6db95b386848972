#!/usr/bin/env bash
# The benchmark's smoke test, with no timing: the hessen scale (the sample)
# and the land-xl scale (3,000 Kommunen, 20,000 projects, 100,000
# participations from bench/gen_bench.c) run through the job, and at
# land-xl the key figures are recomputed from the same CSV files by a
# second, simple computation in sqlite3.
# Usage: scale_check.sh BINARY SOURCE_DIR GEN_BENCH
. "$(dirname "$0")/lib.sh"
gen=$3
command -v sqlite3 >/dev/null || skip "sqlite3 is not installed (tools/test installs it)"

run run --input "$src/sample-data" --output "$work/hessen" --year 2024 --csv-dialect rfc4180
expect_eq "hessen: exit" 0 "$rc"

mkdir -p "$work/xl"
"$gen" "$work/xl" 3000 20000 100000
expect_eq "land-xl generated" "100001 20001 3001" \
    "$(wc -l <"$work/xl/beteiligungen.csv") $(wc -l <"$work/xl/projekte.csv") $(wc -l <"$work/xl/kommunen.csv")"
run run --input "$work/xl" --output "$work/xlout" --stichtag 2024-12-31 --csv-dialect rfc4180 --land alle
expect_eq "land-xl: exit" 0 "$rc"
k=$work/xlout/2024/csv/kennzahlen.csv
job() { grep "^$1," "$k" | awk -F, '{print $NF}'; }

# The second computation: plain SQL over the raw files.
sql() {
    sqlite3 -batch "$work/db" "$1"
}
sqlite3 -batch "$work/db" <<SQL
.mode csv
.separator ;
.import $work/xl/kommunen.csv kommunen
.import $work/xl/projekte.csv projekte
.import $work/xl/beteiligungen.csv beteiligungen
CREATE VIEW p AS SELECT projekt_id AS id, aufgabenbereich AS area,
    substr(bewilligt_am,7,4)||'-'||substr(bewilligt_am,4,2)||'-'||substr(bewilligt_am,1,2) AS bew,
    CASE widerrufen_am WHEN '' THEN NULL ELSE
        substr(widerrufen_am,7,4)||'-'||substr(widerrufen_am,4,2)||'-'||substr(widerrufen_am,1,2) END AS wid,
    CAST(replace(foerderbetrag_eur, ',', '.') AS REAL) AS grant_eur
    FROM projekte;
CREATE VIEW active AS SELECT * FROM p WHERE bew <= '2024-12-31' AND (wid IS NULL OR wid > '2024-12-31');
CREATE VIEW part AS SELECT DISTINCT b.projekt_id AS id, b.ags FROM beteiligungen b JOIN active a ON a.id = b.projekt_id;
CREATE VIEW ozg AS SELECT * FROM active WHERE area = 'OZG' AND bew >= '2021-01-01';
SQL
expect_eq "kommunen_gesamt" "$(sql 'SELECT count(*) FROM kommunen')" "$(job kommunen_gesamt)"
expect_eq "gemeinden_gesamt" "$(sql 'SELECT count(*) FROM kommunen WHERE length(ags) = 8')" "$(job gemeinden_gesamt)"
expect_eq "projekte_gefoerdert" "$(sql 'SELECT count(*) FROM active')" "$(job projekte_gefoerdert)"
expect_eq "beteiligungen" "$(sql 'SELECT count(*) FROM part')" "$(job beteiligungen)"
expect_eq "kommunen_beteiligt" "$(sql 'SELECT count(DISTINCT ags) FROM part')" "$(job kommunen_beteiligt)"
expect_eq "ozg_kooperationen" "$(sql 'SELECT count(*) FROM ozg')" "$(job ozg_kooperationen)"
expect_eq "ozg_gemeinden" "$(sql 'SELECT count(DISTINCT b.ags) FROM part b JOIN ozg o ON o.id = b.id WHERE length(b.ags) = 8')" "$(job ozg_gemeinden)"
expect_eq "ozg_kommunen" "$(sql 'SELECT count(DISTINCT b.ags) FROM part b JOIN ozg o ON o.id = b.id')" "$(job ozg_kommunen)"
expect_eq "foerdersumme_eur" "$(sql "SELECT printf('%.2f', sum(grant_eur)) FROM active")" "$(job foerdersumme_eur)"
expect_eq "projekte_je_kommune_mittelwert" \
    "$(sql "SELECT printf('%.6f', (SELECT count(*) FROM part) * 1.0 / (SELECT count(*) FROM kommunen))")" \
    "$(printf '%.6f' "$(job projekte_je_kommune_mittelwert)")"
expect_eq "projekte_je_kommune_max" \
    "$(sql 'SELECT max(n) FROM (SELECT count(*) AS n FROM part GROUP BY ags)')" "$(job projekte_je_kommune_max)"
expect_eq "beteiligte_je_projekt_max" \
    "$(sql 'SELECT max(n) FROM (SELECT count(*) AS n FROM part GROUP BY id)')" "$(job beteiligte_je_projekt_max)"
# One Kreis row, recomputed.
kreis=$(sed -n 2p "$work/xlout/2024/csv/kreise.csv" | cut -d, -f1)
expect_eq "kreise.csv: $kreis" \
    "$(sql "SELECT count(*) || ',' || count(DISTINCT id) FROM part WHERE substr(ags,1,5) = '$kreis'")" \
    "$(grep "^$kreis," "$work/xlout/2024/csv/kreise.csv" | awk -F, '{print $6 "," $7}')"
# The same export with beteiligungen.csv as UTF-16LE (Excel's "Unicode
# text"), several MB: the same figures, across the chunk boundaries.
mkdir -p "$work/xl16"
cp "$work/xl/kommunen.csv" "$work/xl/projekte.csv" "$work/xl16/"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$work/xl/beteiligungen.csv"; } >"$work/xl16/beteiligungen.csv"
run run --input "$work/xl16" --output "$work/xl16out" --stichtag 2024-12-31 --csv-dialect rfc4180 --land alle
expect_eq "UTF-16 export: exit" 0 "$rc"
if diff -r -x manifest.json "$work/xlout/2024" "$work/xl16out/2024" >/dev/null; then ok; else bad "UTF-16 export gives other figures"; fi
finish
