#!/usr/bin/env bash
# Deliveries end to end (docs/operations.md, "Lieferungen"): a job's drop
# of sealed deliveries, read by the real binary. The delivery's date is the
# Stichtag; a newer delivery cut short, unsealed or dated in the future is
# passed over with a warning; a stale one is 66; a sharp fall against the
# last report is 65 unless accepted; a plain directory's seal is checked
# when there; a project with one participant is 65 unless --max-fehler
# allows it; old deliveries are removed, the ones reports name are kept.
# Usage: deliveries.sh BINARY SOURCE_DIR
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8 # date and sort as the harness expects, in any locale

day() { date -d "$1 days" +%F; }   # day -2: the day before yesterday
de() { date -d "$1" +%d.%m.%Y; }    # 2026-12-03 -> 03.12.2026
today=$(day 0)
year=$(date +%Y)

# job DIR [KEY = VALUE lines]: DIR/job.ini reading DIR/eingang/*.
job() {
    local dir=$1
    shift
    mkdir -p "$dir/eingang"
    { printf '[job]\ninput = eingang/*\noutput = berichte\ntemplates = %s\n' "$src/templates"; printf '%s\n' "$@"; } >"$dir/job.ini"
}
hash() { sha256sum "$1" | cut -c1-64; }

# --- the delivery's date is the Stichtag -----------------------------------------
j=$work/datum
job "$j"
deliver "$j/eingang" "$(day -1)"
run run --job "$j/job.ini"
expect_eq "delivery of yesterday: exit" 0 "$rc"
k=$j/berichte/$(date -d "$(day -1)" +%Y)/csv/kennzahlen.csv
expect_eq "Stichtag is the delivery's date" "$(de "$(day -1)")" "$(kennzahl "$k" stichtag)"
expect_true "press text: Stichtag der Förderdaten" grep -q "Stichtag der Förderdaten: $(de "$(day -1)")\." \
    "$j/berichte/$(date -d "$(day -1)" +%Y)/pressetext.txt"
expect_true "delivery logged" grep -q "INFO delivery $j/eingang/$(day -1) (sealed, 4 files)$" "$work/out"
expect_eq "yesterday's delivery is not old" "" "$(grep -a 'WARN' "$work/out")"
run verify "$j/berichte/$(date -d "$(day -1)" +%Y)"
expect_eq "verify exit" 0 "$rc"
seal_hash=$(hash "$j/eingang/$(day -1)/SHA256SUMS")
expect_true "verify names the delivery and its seal" grep -q "^delivery $(day -1) of $(day -1), SHA256SUMS sha256 $seal_hash$" "$work/out"

# --- two days old: used, with a warning and a hinweis ----------------------------
j=$work/warn
job "$j"
deliver "$j/eingang" "$(day -2)"
run run --job "$j/job.ini"
expect_eq "two days old: exit" 0 "$rc"
expect_true "two days old: warned" grep -q "WARN delivery $j/eingang/$(day -2) is 2 days old (warn-alter-tage 1): the report describes the exports of $(day -2)$" "$work/out"
expect_true "two days old: in the Prüfbericht" grep -q "LIEFERUNG_ALT" "$j/berichte/$(date -d "$(day -2)" +%Y)/pruefbericht.csv"

# --- stale: 66, nothing published, the previous report untouched ------------------
j=$work/alt
job "$j"
deliver "$j/eingang" "$(day -1)"
run run --job "$j/job.ini"
expect_eq "stale: the first report" 0 "$rc"
y=$(date -d "$(day -1)" +%Y)
before=$(hash "$j/berichte/$y/manifest.json")
rm -r "$j/eingang/$(day -1)"
deliver "$j/eingang" "$(day -10)"
run run --job "$j/job.ini"
expect_eq "stale: exit" 66 "$rc"
expect_true "stale: names the delivery and its age" grep -q "ERROR delivery $j/eingang/$(day -10) is 10 days old, older than max-alter-tage 3: the export has not been delivered since; nothing published$" "$work/out"
expect_eq "stale: the previous report untouched" "$before" "$(hash "$j/berichte/$y/manifest.json")"
run run --job "$j/job.ini" --max-alter-tage 10
expect_eq "stale: within --max-alter-tage 10" 0 "$rc"
rm -r "$j/berichte"
mkdir -p "$j/berichte/$y"
printf '{"program": "ikz-report", "stichtag": "%s"}\n' "$(day -1)" >"$j/berichte/$y/manifest.json" # a report exists (this job's: the run replaces it)
job "$j" "max_alter_tage = 0"
run run --job "$j/job.ini"
expect_eq "stale: max_alter_tage = 0 switches it off" 0 "$rc"
job "$j"
run run --job "$j/job.ini" --stichtag "$(day -30)"
expect_eq "stale: a rerun with a Stichtag is not checked" 0 "$rc"

# --- dated after today: never taken -----------------------------------------------
j=$work/zukunft
job "$j"
deliver "$j/eingang" "$today"
deliver "$j/eingang" "$(day 2)"
run run --job "$j/job.ini"
expect_eq "future: exit" 0 "$rc"
expect_true "future: warned" grep -q "WARN delivery $j/eingang/$(day 2) not used: dated after today ($(de "$today"))$" "$work/out"
expect_eq "future: today's is read" "$(de "$today")" "$(kennzahl "$j/berichte/$year/csv/kennzahlen.csv" stichtag)"
expect_true "future: in the Prüfbericht" grep -q "^$(day 2);;;;LIEFERUNG_UEBERSPRUNGEN;hinweis;" "$j/berichte/$year/pruefbericht.csv"

# --- a newer delivery cut short or unsealed: the one before is read --------------------
j=$work/halb
job "$j"
deliver "$j/eingang" "$(day -1)"
deliver "$j/eingang" "$today"
head -c 40000 "$src/sample-data/beteiligungen.csv" >"$j/eingang/$today/beteiligungen.csv" # a copy under way
run run --job "$j/job.ini"
expect_eq "cut short: exit" 0 "$rc"
expect_true "cut short: warned with file and line" grep -q "WARN delivery $j/eingang/$today not used: $today/SHA256SUMS:2: SHA-256 von beteiligungen.csv stimmt nicht (unvollständig kopiert oder geändert?): erwartet" "$work/out"
expect_eq "cut short: yesterday's delivery read" "$(de "$(day -1)")" "$(kennzahl "$j/berichte/$(date -d "$(day -1)" +%Y)/csv/kennzahlen.csv" stichtag)"
expect_eq "cut short: all participations" "$(kennzahl "$work/datum/berichte/$(date -d "$(day -1)" +%Y)/csv/kennzahlen.csv" beteiligungen)" "$(kennzahl "$j/berichte/$(date -d "$(day -1)" +%Y)/csv/kennzahlen.csv" beteiligungen)"
rm "$j/eingang/$today/SHA256SUMS"
run run --job "$j/job.ini"
expect_eq "unsealed: exit" 0 "$rc"
expect_true "unsealed: warned" grep -q "WARN delivery $j/eingang/$today not used: $today/SHA256SUMS: fehlt: die Lieferung ist nicht versiegelt (noch in Arbeit?)$" "$work/out"
job "$j" "siegel = wenn-vorhanden"
run run --job "$j/job.ini"
# Taken on faith, the copy cut short is read as it is: its broken rows stop the run.
expect_eq "unsealed, siegel = wenn-vorhanden: the cut file read, exit" 65 "$rc"
expect_true "unsealed, siegel = wenn-vorhanden: taken" grep -q "INFO delivery $j/eingang/$today (not sealed; siegel = wenn-vorhanden)$" "$work/out"
job "$j"
touch "$j/eingang/$(day -1)/notiz.txt"
run run --job "$j/job.ini"
expect_eq "no complete delivery once a report exists: exit" 66 "$rc"
expect_true "an unlisted file: warned" grep -q "WARN delivery $j/eingang/$(day -1) not used: $(day -1)/notiz.txt: nicht in SHA256SUMS aufgeführt" "$work/out"
expect_true "no complete delivery: said" grep -q "ERROR no complete delivery in $j/eingang (a directory YYYY-MM-DD sealed by SHA256SUMS); nothing published$" "$work/out"

# --- a plain directory: its seal checked when there --------------------------------
p=$work/plain
mkdir -p "$p"
cp "$src/sample-data/"* "$p/"
run run --input "$p" --output "$work/o-plain" --year 2024
expect_eq "plain, no seal: exit" 0 "$rc"
run run --input "$p" --output "$work/o-plain2" --year 2024 --siegel pflicht
expect_eq "plain, no seal, siegel pflicht: exit" 66 "$rc"
(cd "$p" && sha256sum -- * >SHA256SUMS)
run run --input "$p" --output "$work/o-plain3" --year 2024
expect_eq "plain, sealed: exit" 0 "$rc"
expect_true "plain, sealed: the manifest names it" grep -q '"sha256sums":'$'\t''"'"$(hash "$p/SHA256SUMS")"'"' "$work/o-plain3/2024/manifest.json"
printf 'IKZ-2099-001;06433005;beteiligt\n' >>"$p/beteiligungen.csv"
run run --input "$p" --output "$work/o-plain4" --year 2024
expect_eq "plain, seal mismatch: exit" 65 "$rc"
expect_eq "plain, seal mismatch: the finding" "ikz-report: SHA256SUMS:2: Lieferung stimmt nicht mit ihrer Prüfsummenliste SHA256SUMS überein; nicht verwendet (SHA-256 von beteiligungen.csv stimmt nicht (unvollständig kopiert oder geändert?): erwartet $(grep ' beteiligungen.csv$' "$p/SHA256SUMS" | cut -c1-12)…, gelesen $(hash "$p/beteiligungen.csv" | cut -c1-12)…) [LIEFERUNG_UNVOLLSTAENDIG]" "$(findings)"
expect_true "plain, seal mismatch: nothing published" test ! -e "$work/o-plain4/2024"
run validate --input "$p" --year 2024
expect_eq "plain, seal mismatch: validate exit" 65 "$rc"

# --- a sharp fall against the last report: 65, unless accepted ---------------------------
j=$work/rueckgang
job "$j"
deliver "$j/eingang" "$(day -1)"
run run --job "$j/job.ini"
expect_eq "fall: the first report" 0 "$rc"
y=$(date -d "$(day -1)" +%Y)
before=$(hash "$j/berichte/$y/manifest.json")
p0=$(kennzahl "$j/berichte/$y/csv/kennzahlen.csv" projekte_gefoerdert)
b0=$(kennzahl "$j/berichte/$y/csv/kennzahlen.csv" beteiligungen)
# Tonight's export lacks every third project and its participations.
mkdir -p "$j/eingang/$today"
cp "$src/sample-data/"* "$j/eingang/$today/"
awk -F';' 'NR == 1 || NR % 3 != 0' "$src/sample-data/projekte.csv" >"$j/eingang/$today/projekte.csv"
awk -F';' 'NR == FNR { keep[$1] = 1; next } FNR == 1 || keep[$1]' "$j/eingang/$today/projekte.csv" \
    "$src/sample-data/beteiligungen.csv" >"$j/eingang/$today/beteiligungen.csv"
(cd "$j/eingang/$today" && sha256sum -- * >SHA256SUMS)
run run --job "$j/job.ini"
expect_eq "fall: exit" 65 "$rc"
expect_true "fall: the finding names both values and the report" grep -q "^ikz-report: $y/manifest.json: column 'projekte_gefoerdert': Kennzahl gegenüber dem zuletzt veröffentlichten Bericht stärker gefallen als max_rueckgang_prozent erlaubt; nichts veröffentlicht '[0-9]*' ($p0 im Bericht zum $(de "$(day -1)"), jetzt [0-9]*; erlaubt sind 10 Prozent weniger (max_rueckgang_prozent); --rueckgang-erlauben nimmt den Rückgang einmal an) \[LIEFERUNG_RUECKGANG\]$" "$work/out"
expect_true "fall: participations too" grep -q "^ikz-report: $y/manifest.json: column 'beteiligungen': .* ($b0 im Bericht zum" "$work/out"
expect_eq "fall: the last report untouched" "$before" "$(hash "$j/berichte/$y/manifest.json")"
expect_true "fall: the findings beside the reports" grep -q "LIEFERUNG_RUECKGANG" "$j/berichte/pruefbericht-$year.csv"
run run --job "$j/job.ini" --max-rueckgang-prozent 50
expect_eq "fall: within --max-rueckgang-prozent 50" 0 "$rc"
# Tonight's report replaced yesterday's (the same year) or stands beside
# it (the first of January): bring back yesterday's as the last report.
rm -r "$j/berichte/$year"
run run --job "$j/job.ini" --stichtag "$(day -1)" --input "$j/eingang/$(day -1)"
run run --job "$j/job.ini" --rueckgang-erlauben
expect_eq "fall: accepted with --rueckgang-erlauben" 0 "$rc"
expect_true "fall: accepted, and said so" grep -q "WARN projekte_gefoerdert fell from $p0 (report of $(de "$(day -1)")) to [0-9]*; accepted (--rueckgang-erlauben)$" "$work/out"
expect_eq "fall: the report is tonight's" "$(de "$today")" "$(kennzahl "$j/berichte/$year/csv/kennzahlen.csv" stichtag)"
run run --job "$j/job.ini" --year 2024
expect_eq "fall: an explicit rerun is not compared" 0 "$rc"

# --- a project with one participant: 65, or left out under --max-fehler --------------------
c=$work/ein
mkdir -p "$c"
cp "$src/tests/bad-input/_base/"*.csv "$c/"
cp "$src/tests/bad-input/ein_beteiligter/beteiligungen.csv" "$c/"
run run --input "$c" --output "$c/o" --year 2024
expect_eq "one participant: exit" 65 "$rc"
run run --input "$c" --output "$c/o" --year 2024 --max-fehler 1
expect_eq "one participant under --max-fehler 1: exit" 0 "$rc"
run run --input "$src/tests/bad-input/_base" --output "$c/base" --year 2024
expect_eq "one participant: the project is left out" \
    "$(( $(kennzahl "$c/base/2024/csv/kennzahlen.csv" projekte_gefoerdert) - 1 ))" \
    "$(kennzahl "$c/o/2024/csv/kennzahlen.csv" projekte_gefoerdert)"

# --- retention: old complete deliveries go, named and incomplete ones stay ---------------------
j=$work/aufbewahrung
job "$j"
deliver "$j/eingang" "$(day -500)"
deliver "$j/eingang" "$(day -450)"
deliver "$j/eingang" "$(day -420)"
rm "$j/eingang/$(day -420)/SHA256SUMS"
deliver "$j/eingang" "$(day -1)"
mkdir -p "$j/eingang/archiv" "$j/eingang/.einliefern-$today-1" "$j/berichte/2000"
printf '{"stichtag": "2000-12-31", "lieferung": {"name": "%s"}}\n' "$(day -450)" >"$j/berichte/2000/manifest.json"
run run --job "$j/job.ini"
expect_eq "retention: exit" 0 "$rc"
expect_true "retention: the old one removed" test ! -e "$j/eingang/$(day -500)"
expect_true "retention: one line for it" grep -q "INFO removed delivery $j/eingang/$(day -500): older than aufbewahrung-tage 400$" "$work/out"
expect_true "retention: the one a report names kept" test -f "$j/eingang/$(day -450)/SHA256SUMS"
expect_true "retention: the incomplete one left" test -f "$j/eingang/$(day -420)/projekte.csv"
expect_true "retention: the incomplete one named" grep -q "WARN $j/eingang/$(day -420) left alone: older than aufbewahrung-tage 400, but SHA256SUMS: fehlt" "$work/out"
expect_true "retention: a foreign entry named" grep -q "WARN $j/eingang/archiv left alone: not a delivery (a directory named YYYY-MM-DD)$" "$work/out"
expect_true "retention: the newest kept" test -f "$j/eingang/$(day -1)/SHA256SUMS"
expect_true "retention: a delivery being written untouched" test -d "$j/eingang/.einliefern-$today-1"
deliver "$j/eingang" "$(day -600)"
run run --job "$j/job.ini" --aufbewahrung-tage 0
expect_true "retention: 0 keeps everything" test -d "$j/eingang/$(day -600)"
run run --job "$j/job.ini" --year 2024
expect_true "retention: a rerun removes nothing" test -d "$j/eingang/$(day -600)"

finish
