#!/usr/bin/env bash
# The press office's texts as they are sent: the project paragraph of the
# press release's cooperation (IKZ-2023-021), the regional paragraphs
# against kreise.csv, the project paragraphs a job asks for, and every
# singular form on a fixture of one project, with hand-worked text.
# Usage: press_texts.sh BINARY SOURCE_DIR
. "$(dirname "$0")/lib.sh"
sample=$src/sample-data

# --- projekttext: the press release's project -------------------------------
"$bin" projekttext --input "$sample" --projekt IKZ-2023-021 --year 2024 --quiet >"$work/p.txt" 2>"$work/p.err"
expect_eq "projekttext exit" 0 "$?"
expect_eq "projekttext IKZ-2023-021" \
    "Die Gemeinden Birkenau, Mörlenbach und Gorxheimertal arbeiten im Bereich „Onlinezugangsgesetz (OZG)“ zusammen (Projekt IKZ-2023-021, bewilligt am 14. Juni 2023). Die Gemeinde Birkenau hat die Umsetzung übernommen; die Gemeinden Mörlenbach und Gorxheimertal unterstützen den Prozess. Das führt zu Einsparungen der Personal- und Sachkosten in Höhe von jährlich rund 86.000 Euro; das ist ein Effizienzgewinn von 30 Prozent." \
    "$(cat "$work/p.txt")"
expect_eq "projekttext writes nothing else to stderr" "" "$(cat "$work/p.err")"
run projekttext --input "$sample" --projekt IKZ-2023-021 --year 2022
expect_eq "projekttext before approval: exit" 65 "$rc"
expect_true "projekttext before approval: says why" grep -q "ERROR project IKZ-2023-021 is not funded on 31.12.2022: approved on 14.06.2023$" "$work/out"
run projekttext --input "$sample" --projekt IKZ-0000-000 --year 2024
expect_eq "projekttext unknown project: exit" 65 "$rc"
expect_true "projekttext unknown project: says so" grep -q "ERROR $sample/projekte.csv: no project IKZ-0000-000$" "$work/out"
run projekttext --input "$sample" --year 2024
expect_eq "projekttext without --projekt: exit" 64 "$rc"

# --- regional paragraphs agree with kreise.csv ------------------------------
run run --input "$sample" --output "$work/o" --year 2024 --projekttexte "IKZ-2023-021, IKZ-0000-000"
expect_eq "run with projekttexte: exit" 0 "$rc"
r=$work/o/2024
words=(keinem einem zwei drei vier fünf sechs sieben acht neun zehn elf zwölf)
n_kreise=0
# kreis;name;art;kommunen;kommunen_beteiligt;beteiligungen;projekte;projekte_je_kommune;ozg_kooperationen
while IFS=';' read -r kreis name art kommunen beteiligt beteiligungen projekte je ozg; do
    ozg=${ozg%$'\r'}
    [ "$kreis" = $'\xEF\xBB\xBFkreis' ] && continue
    n_kreise=$((n_kreise + 1))
    f=$r/presse/kreis-$kreis.txt
    [ -f "$f" ] || { bad "no paragraph for $kreis"; continue; }
    p=$projekte; [ "$p" -le 12 ] && p=${words[$p]}
    k=$kommunen; [ "$k" -le 12 ] && k=${words[$k]}
    bt=$beteiligungen; [ "$bt" -le 12 ] && bt=${words[$bt]}
    if [ "$kommunen" = 1 ]; then
        want="war am 31. Dezember 2024 an $p geförderten IKZ-Projekt"
    elif [ "$beteiligt" = "$kommunen" ]; then
        want="alle $k Kommunen (die Gemeinden und der Kreis selbst) an geförderten IKZ-Projekten beteiligt, an $p Projekten mit zusammen $bt Beteiligungen."
    else
        b=$beteiligt; [ "$b" -le 12 ] && b=${words[$b]}
        want=" $b der $k Kommunen (die Gemeinden und der Kreis selbst) an geförderten IKZ-Projekten beteiligt, an $p Projekten mit zusammen $bt Beteiligungen."
    fi
    if grep -qF "$want" "$f"; then ok; else bad "$kreis: '$want' not in $(cat "$f")"; fi
    if [ "$kommunen" != 1 ] && ! grep -q "^Am 31. Dezember 2024 waren im " "$f"; then bad "$kreis: not 'Am 31. Dezember 2024 waren im …': $(cat "$f")"; fi
    o=$ozg; [ "$o" -le 12 ] && o=${words[$o]}
    case $ozg in
    0) if grep -q "Onlinezugangsgesetz" "$f"; then bad "$kreis: an OZG sentence without OZG cooperations"; else ok; fi ;;
    1) expect_true "$kreis: one OZG cooperation" grep -q "eine seit Anfang 2021 geförderte Kooperation\|an einer seit Anfang 2021" "$f" ;;
    *) expect_true "$kreis: $ozg OZG cooperations" grep -q "$o seit Anfang 2021 geförderte" "$f" ;;
    esac
done < <(tr -d '\r' <"$r/csv/kreise.csv")
expect_eq "a paragraph per Kreis and kreisfreie Stadt" 26 "$n_kreise"
expect_eq "presse/ holds the Kreise and the one project" 27 "$(ls "$r/presse" | wc -l)"
expect_eq "Landkreis Bergstraße, word for word" \
    "Am 31. Dezember 2024 waren im Landkreis Bergstraße alle 23 Kommunen (die Gemeinden und der Kreis selbst) an geförderten IKZ-Projekten beteiligt, an 27 Projekten mit zusammen 146 Beteiligungen. Darunter waren drei seit Anfang 2021 geförderte Kooperationen im Bereich „Onlinezugangsgesetz“. Die größte Kooperation mit Beteiligung aus dem Kreis war IKZ-2019-011 im Bereich „Abfallentsorgung“ mit 23 beteiligten Kommunen unter Federführung der Stadt Zwingenberg." \
    "$(cat "$r/presse/kreis-06431.txt")"
expect_eq "Frankfurt am Main, word for word" \
    "Die Stadt Frankfurt am Main war am 31. Dezember 2024 an drei geförderten IKZ-Projekten beteiligt. Das größte davon war IKZ-2024-025 im Bereich „Cybersicherheit“ mit 24 beteiligten Kommunen unter Federführung der Stadt Obertshausen." \
    "$(cat "$r/presse/kreis-06412.txt")"
expect_eq "the job's project paragraph is projekttext's" "$(cat "$work/p.txt")" "$(cat "$r/presse/projekt-IKZ-2023-021.txt")"
expect_true "an unfunded project asked for: a hinweis" grep -q "^Kommandozeile;;projekttexte;IKZ-0000-000;PROJEKTTEXT_OHNE_PROJEKT;hinweis;" "$r/pruefbericht.csv"
run verify "$r"
expect_eq "verify accepts presse/" 0 "$rc"
# A paragraph removed together with its manifest entry is found.
rm "$r/presse/kreis-06412.txt"
grep -v '"presse/kreis-06412.txt"' "$r/manifest.json" >"$work/m.json" && cat "$work/m.json" >"$r/manifest.json"
run verify "$r"
expect_eq "verify: a paragraph removed with its entry" 65 "$rc"
expect_true "verify names the count" grep -q "^MISSING the manifest names 25 Kreis paragraphs in presse/, and says 26$" "$work/out"

# --- a register without a Gebietsstand: the footnote leaves it out ------------
mkdir -p "$work/gvisys"
cp "$sample/projekte.csv" "$sample/beteiligungen.csv" "$work/gvisys/"
run run --input "$work/gvisys" --register "$src/tests/gv-isys-auszug-hessen.csv" --output "$work/gvisys-out" --year 2024
expect_eq "GV-ISys register: exit" 0 "$rc"
expect_eq "GV-ISys register: the footnote without a Gebietsstand" "Stichtag der Förderdaten: 31.12.2024." \
    "$(sed -n 3p "$work/gvisys-out/2024/pressetext.txt")"
expect_eq "GV-ISys register: no 'k. A.' and no warning" "" "$(grep -h 'k\. A\.\|WARN' "$work/gvisys-out/2024/pressetext.txt" "$work/out")"

# --- one project: every singular form --------------------------------------
# P-1 (OZG, 2022, costs 10.000, savings 3.000): Birkenau leads, Mörlenbach
# takes part. 2 of 442 Kommunen: mean 2/442 = 0,0045 projects.
f=$work/one
mkdir -p "$f"
cp "$sample/GV100AD_301123.txt" "$f/"
printf 'projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;ausgangskosten_eur_jahr;einsparung_eur_jahr\nP-1;Digitalisierung;OZG;2022-03-01;;75000;10000;3000\n' >"$f/projekte.csv"
printf 'projekt_id;ags;rolle\nP-1;06431004;federfuehrend\nP-1;06431017;beteiligt\n' >"$f/beteiligungen.csv"
run run --input "$f" --output "$work/one-out" --year 2024
expect_eq "one project: exit" 0 "$rc"
t=$work/one-out/2024
expect_eq "one project: the Land paragraph" \
    "Am 31. Dezember 2024 gab es ein gefördertes Projekt mit zwei Beteiligungen von Gemeinden, Städten und Landkreisen. Somit ist jede der 442 hessischen Kommunen (421 Gemeinden und 21 Kreise) an durchschnittlich weniger als 0,1 IKZ-Projekten beteiligt. Seit Anfang 2021 wurde eine Kooperation im Bereich „Onlinezugangsgesetz“ gefördert. Insgesamt sind zwei Gemeinden an dem geförderten Zusammenschluss beteiligt." \
    "$(sed -n 1p "$t/pressetext.txt")"
expect_eq "one project: savings and the year before" \
    "Das eine Projekt, das Kosten und Einsparung meldet, spart jährlich rund 3.000 Euro an Personal- und Sachkosten ein; das entspricht einem Effizienzgewinn von 30 Prozent. Ein Jahr zuvor, am 31. Dezember 2023, waren es ein gefördertes Projekt (unverändert) und zwei Beteiligungen." \
    "$(sed -n 2p "$t/pressetext.txt")"
expect_eq "one project: its Kreis" \
    "Am 31. Dezember 2024 waren im Landkreis Bergstraße zwei der 23 Kommunen (die Gemeinden und der Kreis selbst) an geförderten IKZ-Projekten beteiligt, an einem Projekt mit zwei Beteiligungen. Darunter war eine seit Anfang 2021 geförderte Kooperation im Bereich „Onlinezugangsgesetz“. Das Projekt mit Beteiligung aus dem Kreis war P-1 im Bereich „Onlinezugangsgesetz (OZG)“ mit zwei beteiligten Kommunen unter Federführung der Gemeinde Birkenau." \
    "$(cat "$t/presse/kreis-06431.txt")"
expect_eq "one project: a Kreis without projects" \
    "Am 31. Dezember 2024 war im Wetteraukreis noch keine der 26 Kommunen an einem geförderten IKZ-Projekt beteiligt." \
    "$(cat "$t/presse/kreis-06440.txt")"
"$bin" projekttext --input "$f" --projekt P-1 --year 2024 --quiet >"$work/p1.txt" 2>&1
expect_eq "one project: its paragraph, one partner" \
    "Die Gemeinden Birkenau und Mörlenbach arbeiten im Bereich „Onlinezugangsgesetz (OZG)“ zusammen (Projekt P-1, bewilligt am 1. März 2022). Die Gemeinde Birkenau hat die Umsetzung übernommen; die Gemeinde Mörlenbach unterstützt den Prozess. Das führt zu Einsparungen der Personal- und Sachkosten in Höhe von jährlich rund 3.000 Euro; das ist ein Effizienzgewinn von 30 Prozent." \
    "$(cat "$work/p1.txt")"

# --- running text never prints "k. A." ----------------------------------------
# A project template that prints the savings unguarded, on P-1 without
# savings: projekttext exits 65 naming the placeholder; the job leaves the
# paragraph out with a hinweis; a Land template that does it is exit 78.
tpl=$work/tpl
cp -r "$src/templates" "$tpl"
printf '{projekt_beteiligte:Nom}: jährlich {projekt_einsparung_eur_jahr:rund} Euro.\n' >"$tpl/projekttext.txt"
sed 's/^P-1;Digitalisierung;OZG;2022-03-01;;75000;10000;3000$/P-1;Digitalisierung;OZG;2022-03-01;;75000;;/' "$f/projekte.csv" >"$work/p.csv"
cp "$work/p.csv" "$f/projekte.csv"
run projekttext --input "$f" --projekt P-1 --year 2024 --templates "$tpl"
expect_eq "projekttext printing a missing value: exit" 65 "$rc"
expect_true "projekttext names the placeholder" grep -q "ERROR project P-1: its paragraph needs {projekt_einsparung_eur_jahr:rund}, which has no value$" "$work/out"
expect_eq "projekttext never prints k. A." "" "$(grep 'k\. A\.' "$work/out")"
run run --input "$f" --output "$work/unvoll" --year 2024 --templates "$tpl" --projekttexte P-1
expect_eq "projekttexte with a missing value: exit" 0 "$rc"
expect_true "projekttexte with a missing value: a hinweis" grep -q "^Kommandozeile;;projekttexte;P-1;PROJEKTTEXT_UNVOLLSTAENDIG;hinweis;" "$work/unvoll/2024/pruefbericht.csv"
expect_true "projekttexte with a missing value: no paragraph" test ! -e "$work/unvoll/2024/presse/projekt-P-1.txt"
cp "$src/templates/projekttext.txt" "$tpl/"
printf 'Effizienz: {effizienzgewinn_prozent:ganz} Prozent.\n' >"$tpl/pressetext.txt"
run run --input "$f" --output "$work/unvoll2" --year 2024 --templates "$tpl"
expect_eq "a Land template printing a missing value: exit" 78 "$rc"
expect_true "the finding names the placeholder" grep -q "kein Wert für {effizienzgewinn_prozent:ganz}" "$work/out"
expect_true "nothing published" test ! -e "$work/unvoll2/2024"
# Two projects whose ids make the same file name (IKZ/2023-021 and
# IKZ_2023-021): a paragraph each, the later one's name with "-2"; a
# project asked for twice still gets one.
mkdir -p "$work/gleich"
cp -r "$sample"/. "$work/gleich/"
sed -i 's/^IKZ-2023-021;/IKZ\/2023-021;/; s/^IKZ-2023-020;/IKZ_2023-021;/; s/^IKZ-2023-019;/IKZ_2023-021-2;/' \
    "$work/gleich/projekte.csv" "$work/gleich/beteiligungen.csv"
run run --input "$work/gleich" --output "$work/og" --year 2024 \
    --projekttexte "IKZ/2023-021,IKZ_2023-021,IKZ/2023-021,IKZ_2023-021-2"
expect_eq "look-alike ids: exit" 0 "$rc"
# The second look-alike gets "~2", which no id keeps in a file name, so
# it cannot take the name of the project IKZ_2023-021-2.
expect_eq "look-alike ids: one paragraph each" "projekt-IKZ_2023-021-2.txt projekt-IKZ_2023-021.txt projekt-IKZ_2023-021~2.txt" \
    "$(ls "$work/og/2024/presse" | grep '^projekt-' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')"
expect_true "look-alike ids: the first is IKZ/2023-021" grep -q "(Projekt IKZ/2023-021, " "$work/og/2024/presse/projekt-IKZ_2023-021.txt"
expect_true "look-alike ids: the second is IKZ_2023-021" grep -q "(Projekt IKZ_2023-021, " "$work/og/2024/presse/projekt-IKZ_2023-021~2.txt"
expect_true "look-alike ids: IKZ_2023-021-2 under its own name" grep -q "(Projekt IKZ_2023-021-2, " "$work/og/2024/presse/projekt-IKZ_2023-021-2.txt"
finish
