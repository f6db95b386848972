#!/usr/bin/env bash
# Gebietsstand end to end: a register archive with two GV100AD files (the
# older made from the 2020 CSV, in ISO-8859-1 with CRLF), reruns of past
# years on the register of their time, a Stichtag older than every
# register, a cross-border partner, an unresolvable key (65), a broken
# change list (78), and a rerun on exports whose keys were updated after
# later changes (issue 19).
# Usage: gebietsstand.sh BINARY SOURCE_DIR GV100AD-FROM-CSV
. "$(dirname "$0")/lib.sh"
from_csv=$3

mkdir -p "$work/archiv"
"$from_csv" "$src/tests/gv-isys-auszug-hessen.csv" 20201231 "$work/archiv/GV100AD_311220.txt"
cp "$src/sample-data/GV100AD_301123.txt" "$work/archiv/"

# 2024: the register of 30.11.2023, Bromskirchen counted at Allendorf (Eder).
run run --input "$src/sample-data" --register "$work/archiv" --output "$work/o" --year 2024
expect_eq "2024 exit" 0 "$rc"
k=$work/o/2024/csv/kennzahlen.csv
expect_eq "2024 Gebietsstand" 30.11.2023 "$(kennzahl "$k" gebietsstand)"
expect_eq "2024 Kommunen" 442 "$(kennzahl "$k" kommunen_gesamt)"
expect_eq "2024 Gemeinden" 421 "$(kennzahl "$k" gemeinden_gesamt)"
expect_eq "2024 participations" 2410 "$(kennzahl "$k" beteiligungen)"
expect_eq "2024 Bromskirchen is no Kommune" "" "$(grep -a '^06635005;' "$work/o/2024/csv/kommunen.csv")"
if grep -q "register $work/archiv/GV100AD_301123.txt (Gebietsstand 2023-11-30) chosen from 2" "$work/out"; then ok; else bad "2024 register choice not logged"; fi

# 2022: the register of 31.12.2020, where Bromskirchen is a Gemeinde of its
# own; the Eingliederung of 2023 is not in force there.
run run --input "$src/sample-data" --register "$work/archiv" --output "$work/o" --year 2022
expect_eq "2022 exit" 0 "$rc"
k=$work/o/2022/csv/kennzahlen.csv
expect_eq "2022 Gebietsstand" 31.12.2020 "$(kennzahl "$k" gebietsstand)"
expect_eq "2022 Kommunen" 443 "$(kennzahl "$k" kommunen_gesamt)"
expect_eq "2022 Gemeinden" 422 "$(kennzahl "$k" gemeinden_gesamt)"
expect_eq "2022 nothing re-keyed" 0 "$(kennzahl "$k" beteiligungen_umgeschluesselt)"
expect_eq "2022 Bromskirchen is a Kommune" "06635005;Bromskirchen" "$(grep -a '^06635005;' "$work/o/2022/csv/kommunen.csv" | cut -d';' -f1,2)"
if grep -q "read as ISO-8859-1" "$work/out"; then ok; else bad "2022: ISO-8859-1 not logged"; fi

# 2019: older than every register: the oldest, with a hinweis.
run run --input "$src/sample-data" --register "$work/archiv" --output "$work/o" --year 2019
expect_eq "2019 exit" 0 "$rc"
expect_eq "2019 hinweis" \
    'GV100AD_311220.txt;;;;REGISTER_NACH_STICHTAG;hinweis;Gebietsstand des Gemeindeverzeichnisses liegt nach dem Stichtag (Gebietsstand 31.12.2020, Stichtag 31.12.2019: es gibt kein älteres Verzeichnis)' \
    "$(grep -a REGISTER_NACH_STICHTAG "$work/o/2019/pruefbericht.csv" | tr -d '\r')"

# Without --register the input directory is searched the same way.
mkdir -p "$work/in"
cp "$src/sample-data/"* "$work/in/"
cp "$work/archiv/GV100AD_311220.txt" "$work/in/"
run run --input "$work/in" --output "$work/o2" --year 2022
expect_eq "input directory archive" 31.12.2020 "$(kennzahl "$work/o2/2022/csv/kennzahlen.csv" gebietsstand)"

# A partner of another Land (Mainz, Rhineland-Palatinate): a hinweis, not
# counted, counted in its own key figure.
line=$(grep -a -m1 ';federfuehrend' "$work/in/beteiligungen.csv" | tr -d '\r')
id=${line%%;*}
n=$(grep -an "^$id;" "$work/in/beteiligungen.csv" | tail -1 | cut -d: -f1)
sed -i "${n}a $id;07315000;beteiligt\r" "$work/in/beteiligungen.csv"
rm "$work/in/GV100AD_311220.txt"
run run --input "$work/in" --output "$work/o3" --year 2024 --verbose
expect_eq "cross-border exit" 0 "$rc"
k=$work/o3/2024/csv/kennzahlen.csv
expect_eq "cross-border not counted" 2410 "$(kennzahl "$k" beteiligungen)"
expect_eq "cross-border key figure" 1 "$(kennzahl "$k" beteiligungen_anderes_land)"
expect_eq "cross-border finding" \
    "ikz-report: beteiligungen.csv:$((n + 1)): column 'ags': Kommune eines anderen Landes; die Beteiligung wird nicht gezählt '07315000' (Mainz, Stadt, Land 07) [BETEILIGUNG_ANDERES_LAND]" \
    "$(findings | grep BETEILIGUNG_ANDERES_LAND)"

# A key neither in the register nor in the change list: 65, as ever.
sed -i "$((n + 1))s/07315000/06635444/" "$work/in/beteiligungen.csv"
run run --input "$work/in" --output "$work/o4" --year 2024
expect_eq "unresolvable exit" 65 "$rc"
expect_eq "unresolvable finding" \
    "ikz-report: beteiligungen.csv:$((n + 1)): column 'ags': Gemeindeschlüssel ist keine Kommune des Gemeindeverzeichnisses '06635444' [AGS_UNBEKANNT]" \
    "$(findings | head -1)"
[ ! -e "$work/o4/2024" ] && ok || bad "unresolvable: published"

# A broken change list: 78, file and line named, nothing published.
sed -i "$((n + 1))d" "$work/in/beteiligungen.csv"
printf '2020-01-01;06635010;A;06635011;B;Schlüsseländerung\n2021-01-01;06635011;B;06635010;A;Schlüsseländerung\n' \
    >>"$work/in/gebietsaenderungen.csv"
run run --input "$work/in" --output "$work/o5" --year 2024
expect_eq "broken list exit" 78 "$rc"
expect_eq "broken list finding" \
    "ikz-report: gebietsaenderungen.csv:3: column 'ags_alt': Liste der Gebietsänderungen fehlerhaft '06635010' (Kreislauf: die Kette der Änderungen führt zu 06635010 zurück) [GEBIETSAENDERUNG_FEHLERHAFT]" \
    "$(findings | head -1)"
[ ! -e "$work/o5/2024" ] && ok || bad "broken list: published"
# Reruns with later data (issue 19): the funding database took the keys of
# changes made after 31.12.2020, and 2022 is rerun on the register of
# 31.12.2020. Schwarzenborn (06634023) got the new key 06634900 on
# 01.07.2021; its participations count at 06634023 as before, each with a
# hinweis. 2022 on the unchanged exports: 1911 participations, Schwarzenborn
# in 7 projects.
mkdir -p "$work/rr"
cp "$src/sample-data/projekte.csv" "$src/sample-data/beteiligungen.csv" "$src/sample-data/gebietsaenderungen.csv" "$work/rr/"
sed -i 's/;06634023;/;06634900;/' "$work/rr/beteiligungen.csv"
printf '01.07.2021;06634023;Schwarzenborn, Stadt;06634900;Schwarzenborn, Stadt;Schlüsseländerung\r\n' \
    >>"$work/rr/gebietsaenderungen.csv"
run run --input "$work/rr" --register "$work/archiv/GV100AD_311220.txt" --output "$work/o6" --year 2022
expect_eq "backwards exit" 0 "$rc"
k=$work/o6/2022/csv/kennzahlen.csv
expect_eq "backwards participations" 1911 "$(kennzahl "$k" beteiligungen)"
expect_eq "backwards not re-keyed forwards" 0 "$(kennzahl "$k" beteiligungen_umgeschluesselt)"
expect_eq "backwards counted at the old key" "06634023;Schwarzenborn, Stadt;Stadt;06634;Schwalm-Eder-Kreis;1159;7;0;1" \
    "$(csv_fields "$work/o6/2022/csv/kommunen.csv" 06634023 ags name art kreis kreis_name einwohner projekte federfuehrend ozg_projekte)"
expect_eq "backwards no new key" "" "$(grep -a '^06634900;' "$work/o6/2022/csv/kommunen.csv")"
# 7 of the 9 rows belong to projects funded at 31.12.2022 or 31.12.2021;
# the other two (projects approved in 2024) are placed at 06634023
# without a finding.
pb=$work/o6/2022/pruefbericht.csv
expect_eq "backwards hinweise" 7 "$(grep -ac ';AGS_ZURUECKGESCHLUESSELT;hinweis;' "$pb")"
n=$(grep -an ';06634900;' "$work/rr/beteiligungen.csv" | head -1 | cut -d: -f1)
expect_eq "backwards hinweis text" \
    "beteiligungen.csv;$n;ags;06634900;AGS_ZURUECKGESCHLUESSELT;hinweis;Gemeindeschlüssel erst nach dem Gebietsstand durch Schlüsseländerung vergeben; die Beteiligung zählt beim früheren Schlüssel (Schlüsseländerung von 06634023 zu 06634900 zum 01.07.2021; gezählt bei 06634023 Schwarzenborn, Stadt)" \
    "$(grep -a ';AGS_ZURUECKGESCHLUESSELT;' "$pb" | head -1 | tr -d '\r"')"

# A project approved after the Stichtag names the key of a merger of
# 01.01.2023 (Hofbieber and Dipperz into 06631900) twice: not judged, one
# hinweis for the key, the figures as before.
printf '01.01.2023;06631013;Hofbieber;06631900;Neustadt;Zusammenschluss\r\n01.01.2023;06631003;Dipperz;06631900;Neustadt;Zusammenschluss\r\n' \
    >>"$work/rr/gebietsaenderungen.csv"
printf 'IKZ-2023-900;Spaeteres Projekt;ABFALL;01.06.2023;;1.000,00;;\r\n' >>"$work/rr/projekte.csv"
printf 'IKZ-2023-900;06631900;federfuehrend\r\nIKZ-2023-900;06634900;beteiligt\r\nIKZ-2023-900;06631900;beteiligt\r\n' \
    >>"$work/rr/beteiligungen.csv"
nb=$(wc -l <"$work/rr/beteiligungen.csv")
run run --input "$work/rr" --register "$work/archiv/GV100AD_311220.txt" --output "$work/o7" --year 2022
expect_eq "later project exit" 0 "$rc"
k=$work/o7/2022/csv/kennzahlen.csv
expect_eq "later project participations" 1911 "$(kennzahl "$k" beteiligungen)"
expect_eq "later project not funded" "$(kennzahl "$work/o6/2022/csv/kennzahlen.csv" projekte_gefoerdert)" \
    "$(kennzahl "$k" projekte_gefoerdert)"
pb=$work/o7/2022/pruefbericht.csv
expect_eq "later project: one hinweis for the key" \
    "beteiligungen.csv;$((nb - 2));ags;06631900;AGS_NICHT_GEPRUEFT;hinweis;Gemeindeschlüssel ist keine Kommune des Gemeindeverzeichnisses; nicht geprüft und nicht gezählt, da das Projekt am Stichtag und ein Jahr davor nicht gefördert ist (projekt_id IKZ-2023-900; 2 Zeilen mit diesem Schlüssel; Zusammenschluss zum 01.01.2023 aus 06631013, 06631003; Gebietsstand 31.12.2020)" \
    "$(grep -a ';06631900;' "$pb" | tr -d '\r"')"
expect_eq "later project: backwards key without a finding" 7 "$(grep -ac ';AGS_ZURUECKGESCHLUESSELT;hinweis;' "$pb")"

# The database took the merger's key for Hofbieber in projects funded in
# 2022: 65, each row a fehler naming the change and the predecessors.
sed -i 's/;06631013;/;06631900;/' "$work/rr/beteiligungen.csv"
n=$(grep -an ';06631900;' "$work/rr/beteiligungen.csv" | head -1 | cut -d: -f1)
run run --input "$work/rr" --register "$work/archiv/GV100AD_311220.txt" --output "$work/o8" --year 2022
expect_eq "merger exit" 65 "$rc"
expect_eq "merger finding" \
    "ikz-report: beteiligungen.csv:$n: column 'ags': Gemeindeschlüssel einer Kommune, die erst nach dem Gebietsstand aus einer Gebietsänderung hervorging; die Beteiligung lässt sich nicht auf die Vorgängerinnen aufteilen '06631900' (Zusammenschluss zum 01.01.2023 aus 06631013, 06631003; Gebietsstand 31.12.2020) [AGS_NACH_GEBIETSSTAND]" \
    "$(findings | head -1)"
expect_eq "merger fehler count" 7 "$(findings | grep -c 'AGS_NACH_GEBIETSSTAND')"
[ ! -e "$work/o8/2022" ] && ok || bad "merger: published"
# The records' Gebietsstand against the file's name and the Stichtag: a
# GV100AD_300624.txt whose records say 30.06.2025 is a fehler (65, nothing
# published); the 2023 register given for 2022 is a hinweis (a past year
# on a later map is legitimate, but said).
mkdir -p "$work/falsch"
cp "$src/sample-data/projekte.csv" "$src/sample-data/beteiligungen.csv" "$src/sample-data/gebietsaenderungen.csv" "$work/falsch/"
sed 's/^\(..\)20231130/\120250630/' "$src/sample-data/GV100AD_301123.txt" >"$work/falsch/GV100AD_300624.txt"
run run --input "$work/falsch" --output "$work/o9" --stichtag 2024-12-31
expect_eq "mislabelled register exit" 65 "$rc"
expect_eq "mislabelled register finding" \
    "ikz-report: GV100AD_300624.txt: column 'gebietsstand (Stellen 3-10)': Gebietsstand des Gemeindeverzeichnisses ungültig, nicht in allen Sätzen gleich oder ein anderer als im Dateinamen '20250630' (der Dateiname nennt den 30.06.2024, die Sätze den 30.06.2025) [REGISTER_GEBIETSSTAND]" \
    "$(findings)"
[ ! -e "$work/o9/2024" ] && ok || bad "mislabelled register: published"
run run --input "$src/sample-data" --register "$src/sample-data/GV100AD_301123.txt" --output "$work/o10" --year 2022
expect_eq "later register given exit" 0 "$rc"
expect_eq "later register given hinweis" \
    'GV100AD_301123.txt;;;;REGISTER_NACH_STICHTAG;hinweis;Gebietsstand des Gemeindeverzeichnisses liegt nach dem Stichtag (Gebietsstand 30.11.2023, Stichtag 31.12.2022: dieses Verzeichnis wurde angegeben)' \
    "$(grep -a REGISTER_NACH_STICHTAG "$work/o10/2022/pruefbericht.csv" | tr -d '\r"')"
expect_eq "later register given: Gebietsstand" 30.11.2023 "$(kennzahl "$work/o10/2022/csv/kennzahlen.csv" gebietsstand)"
run run --input "$src/sample-data" --register "$src/sample-data/GV100AD_301123.txt" --output "$work/o11" --year 2024
expect_eq "register before the Stichtag: no hinweis" "" "$(grep -a REGISTER_NACH_STICHTAG "$work/o11/2024/pruefbericht.csv")"
finish
