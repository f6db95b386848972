#!/usr/bin/env bash
# The press office's German on every case a template meets: the real
# binary runs on small exports against the sample's (national) GV100AD and
# writes the Land paragraph, the Kreis paragraphs and a paragraph for
# every project. Each fixture's texts are compared word for word with
# tests/golden/press/FIXTURE.txt, which a person read and judged line by
# line. Every word must be German to hunspell (de_DE, plus the project's
# names and terms in tests/press-words.txt), and patterns that never
# belong in German running text must not appear.
#   press_corpus.sh BINARY SOURCE_DIR [--update]   (--update rewrites the corpus)
. "$(dirname "$0")/lib.sh"
update=${3:-}
register=$src/sample-data/GV100AD_301123.txt
golden=$src/tests/golden/press

# name -> AGS from the register: "Birkenau" (a Gemeinde, record 60) or
# "Kreis:Bergstraße" (record 40); the first match in the file.
awk '{ t = substr($0, 1, 2)
       if (t != "60" && t != "40") next
       key = t == "60" ? substr($0, 11, 8) : substr($0, 11, 5)
       name = substr($0, 23); sub(/   .*/, "", name)
       print (t == "40" ? "Kreis:" : "") name "\t" key }' "$register" >"$work/names"
ags() {
    local a
    a=$(awk -F'\t' -v n="$1" '$1 == n { print $2; exit }' "$work/names")
    [ -n "$a" ] || { echo "press_corpus.sh: no Kommune '$1' in the register" >&2; exit 2; }
    printf '%s' "$a"
}
# The first N Gemeinden (record 60) of the Kreise given, in register order.
gemeinden() { # N KREIS...
    local n=$1
    shift
    awk -F'\t' -v n="$n" -v kreise="$*" 'BEGIN { split(kreise, k, " "); for (i in k) want[k[i]] = 1 }
        $1 !~ /^Kreis:/ && $1 !~ /gemfr/ && (substr($2, 1, 5) in want) && c < n { print $1; c++ }' "$work/names"
}

# A fixture: projects as "ID;AREA;APPROVED;COSTS;SAVINGS" and participants
# as "ID;NAME;ROLE" (NAME as ags() takes it).
fixture() { # DIR
    mkdir -p "$1"
    printf 'projekt_id;titel;aufgabenbereich;bewilligt_am;widerrufen_am;foerderbetrag_eur;ausgangskosten_eur_jahr;einsparung_eur_jahr\n' >"$1/projekte.csv"
    printf 'projekt_id;ags;rolle\n' >"$1/beteiligungen.csv"
}
project() { # DIR ID AREA APPROVED COSTS SAVINGS
    printf '%s;Kooperation %s;%s;%s;;50.000,00;%s;%s\n' "$2" "$2" "$3" "$4" "$5" "$6" >>"$1/projekte.csv"
}
member() { # DIR ID NAME ROLE
    printf '%s;%s;%s\n' "$2" "$(ags "$3")" "$4" >>"$1/beteiligungen.csv"
}

# The texts of one report as the corpus holds them: the Land paragraph,
# every Kreis paragraph that names a participation plus the first city
# and the first Landkreis that do not, and every project paragraph.
corpus() { # REPORT_DIR
    local r=$1 f city=1 kreis=1
    echo "## Land"
    cat "$r/pressetext.txt"
    for f in "$r"/presse/kreis-*.txt; do
        if grep -q 'an keinem geförderten' "$f"; then # a city without a project: the first
            [ "$city" = 1 ] || continue
            city=0
        elif grep -q 'noch keine der' "$f"; then # a Kreis without one: the first
            [ "$kreis" = 1 ] || continue
            kreis=0
        fi
        echo "## $(basename "$f" .txt)"
        cat "$f"
        echo
    done
    for f in "$r"/presse/projekt-*.txt; do
        [ -e "$f" ] || continue
        echo "## $(basename "$f" .txt)"
        cat "$f"
    done
}

# Runs one fixture and compares (or with --update writes) its corpus.
check() { # NAME DIR YEAR_DIR OPTIONS...
    local name=$1 dir=$2 year=$3
    shift 3
    local ids
    ids=$(tail -n +2 "$dir/projekte.csv" | cut -d';' -f1 | tr '\n' ',')
    local input=(--input "$dir")
    [ "$1" = --job ] && input=() # the job names the drop
    run run "${input[@]}" --register "$register" --output "$work/out-$name" --projekttexte "$ids" "$@"
    expect_eq "$name: exit" 0 "$rc"
    [ "$rc" = 0 ] || { cat "$work/out" >&2; return; }
    corpus "$work/out-$name/$year" >"$work/$name.txt"
    if [ "$update" = --update ]; then
        mkdir -p "$golden"
        cp "$work/$name.txt" "$golden/$name.txt"
    fi
    if diff -u "$golden/$name.txt" "$work/$name.txt" >"$work/diff"; then ok; else bad "$name: the corpus changed:"; cat "$work/diff" >&2; fi
}

# --- the fixtures -------------------------------------------------------------
# None funded yet: the one project is approved after the Stichtag.
d=$work/keine; fixture "$d"
project "$d" P-1 OZG 01.03.2025 10.000,00 3.000,00
member "$d" P-1 Birkenau federfuehrend
member "$d" P-1 Mörlenbach beteiligt
check keine "$d" 2024 --year 2024

d=$work/eins; fixture "$d"
project "$d" P-1 OZG 01.03.2022 10.000,00 3.000,00
member "$d" P-1 Birkenau federfuehrend
member "$d" P-1 Kreis:Bergstraße beteiligt
check eins "$d" 2024 --year 2024

d=$work/zwei; fixture "$d"
project "$d" P-1 OZG 01.03.2022 10.000,00 3.000,00
member "$d" P-1 Birkenau federfuehrend
member "$d" P-1 Kreis:Bergstraße beteiligt
project "$d" P-2 DIGITAL 15.05.2023 "" ""
member "$d" P-2 Kreis:Bergstraße federfuehrend
member "$d" P-2 Kreis:Wetteraukreis beteiligt
check zwei "$d" 2024 --year 2024
# The same as the delivery of 31 December 2024 in a drop: its date is the
# Stichtag, and the text says "Aktuell".
mkdir -p "$work/drop/2024-12-31"
cp "$d"/*.csv "$work/drop/2024-12-31/"
(cd "$work/drop/2024-12-31" && sha256sum -- *.csv >SHA256SUMS)
printf '[job]\ninput = drop/*\nmax-alter-tage = 0\nwarn-alter-tage = 0\n' >"$work/aktuell.ini"
check aktuell "$d" 2024 --job "$work/aktuell.ini"

# Twelve and thirteen: project i joins Gemeinde i (lead) and Gemeinde i+1
# of the Landkreis Bergstraße; all OZG, all with savings.
for n in 12 13; do
    d=$work/n$n; fixture "$d"
    mapfile -t g < <(gemeinden $((n + 1)) 06431)
    for ((i = 1; i <= n; i++)); do
        project "$d" "P-$i" OZG 01.0$((i % 9 + 1)).2022 1.000,00 100,00
        member "$d" "P-$i" "${g[i - 1]}" federfuehrend
        member "$d" "P-$i" "${g[i]}" beteiligt
    done
    check "n$n" "$d" 2024 --year 2024
done
# A rerun for 2022 of the twelve: "Am 31. Dezember 2022 gab es".
check wiederholung "$work/n12" 2022 --year 2022

# Kinds and amounts: a Landkreis leading, a mixed list, 54 participants,
# two leads, none, savings of 0, of 5 cents, and of 99.999 per cent.
d=$work/gemischt; fixture "$d"
project "$d" IKZ-2004-006 FEUERWEHR 15.11.2004 1.000,00 0,00
member "$d" IKZ-2004-006 Neuberg federfuehrend
member "$d" IKZ-2004-006 "Erlensee, Stadt" beteiligt
member "$d" IKZ-2004-006 Kreis:Main-Kinzig-Kreis beteiligt
project "$d" IKZ-2020-001 DIGITAL 02.01.2020 "" ""
member "$d" IKZ-2020-001 Kreis:Bergstraße federfuehrend
member "$d" IKZ-2020-001 Birkenau beteiligt
member "$d" IKZ-2020-001 "Bensheim, Stadt" beteiligt
member "$d" IKZ-2020-001 Mörlenbach beteiligt
project "$d" IKZ-2021-060 OZG 01.07.2021 "" ""
member "$d" IKZ-2021-060 "Frankfurt am Main, Stadt" federfuehrend
while read -r name; do member "$d" IKZ-2021-060 "$name" beteiligt; done < <(gemeinden 53 06431 06432 06433)
project "$d" IKZ-2022-002 ABFALL 01.02.2022 100,00 0,05
member "$d" IKZ-2022-002 Kreis:Wetteraukreis federfuehrend
member "$d" IKZ-2022-002 Kreis:Main-Kinzig-Kreis beteiligt
project "$d" IKZ-2022-003 CYBER 01.03.2022 100.000,00 99.999,00
member "$d" IKZ-2022-003 Birkenau federfuehrend
member "$d" IKZ-2022-003 Mörlenbach federfuehrend
member "$d" IKZ-2022-003 Gorxheimertal beteiligt
project "$d" IKZ-2023-004 STANDESAMT 01.04.2023 0,00 0,00
member "$d" IKZ-2023-004 "Offenbach am Main, Stadt" beteiligt
member "$d" IKZ-2023-004 Kreis:Offenbach beteiligt
check gemischt "$d" 2024 --year 2024

# OZG since a leap day: "seit dem 29. Februar 2024".
d=$work/schaltjahr; fixture "$d"
project "$d" P-1 OZG 01.03.2024 10.000,00 3.000,00
member "$d" P-1 Birkenau federfuehrend
member "$d" P-1 Mörlenbach beteiligt
check schaltjahr "$d" 2024 --year 2024 --ozg-seit 2024-02-29

# Bayern: a Markt, a Landkreis, "bayerischen Kommunen".
d=$work/bayern; fixture "$d"
project "$d" P-1 OZG 01.03.2022 20.000,00 5.000,00
member "$d" P-1 "Garmisch-Partenkirchen, M" federfuehrend
member "$d" P-1 Kreis:Garmisch-Partenkirchen beteiligt
while read -r name; do member "$d" P-1 "$name" beteiligt; done < <(gemeinden 3 09180 | grep -v '^Garmisch')
check bayern "$d" 2024 --year 2024 --land 09

# Every Land: the city states, a Regionalverband, a Städteregion, a Region,
# a Kreis by name and one that carries its kind.
d=$work/alle; fixture "$d"
project "$d" P-1 DIGITAL 01.03.2022 "" ""
member "$d" P-1 "Berlin, Stadt" federfuehrend
member "$d" P-1 "Hamburg, Freie und Hansestadt" beteiligt
member "$d" P-1 "Kreis:Regionalverband Saarbrücken" beteiligt
member "$d" P-1 "Kreis:Städteregion Aachen" beteiligt
member "$d" P-1 "Kreis:Region Hannover" beteiligt
member "$d" P-1 Kreis:Steinfurt beteiligt
member "$d" P-1 Kreis:Rhein-Sieg-Kreis beteiligt
project "$d" P-2 OZG 01.03.2022 "" ""
member "$d" P-2 "Kreis:Regionalverband Saarbrücken" federfuehrend
member "$d" P-2 "Saarbrücken, Landeshauptstadt" beteiligt
check alle "$d" 2024 --year 2024 --land alle

# --- every word German, no pattern that never belongs there ----------------------
cat "$work"/*.txt | grep -v '^## ' >"$work/all"
if command -v hunspell >/dev/null && [ -e /usr/share/hunspell/de_DE.dic ]; then
    # Project ids are not words, and the register's names are the
    # register's; hunspell checks the rest against de_DE and the terms.
    { cat "$src/tests/press-words.txt"; cut -f1 "$work/names" | sed 's/^Kreis://; s/,.*//' | tr ' /' '\n\n' | sed 's/^\(.*[kK]reis\)$/\1\n\1es/'; } |
        grep -v '^$' | sort -u >"$work/words"
    sed 's/\b[A-Z]*-[0-9][0-9-]*\b//g' "$work/all" |
        hunspell -d de_DE -p "$work/words" -l -i utf-8 | sort -u >"$work/unknown"
    expect_eq "every word is German (hunspell de_DE and tests/press-words.txt)" "" "$(cat "$work/unknown")"
else
    bad "hunspell with hunspell-de-de is missing (tools/setup --test installs it)"
fi
never() { # what pattern (grep -P)
    local hits
    hits=$(grep -noP "$2" "$work/all" | head -5)
    expect_eq "never $1" "" "$hits"
}
never "a doubled word" '\b(\p{L}+) \1\b'
never '"k. A."' 'k\. A\.'
never "a digit 0–12 standing as a count" '(?<![\d.,:/-])\b(\d|1[0-2])\b(?![.,]\d)(?! (Euro|Prozent))(?!\.)'
never '"eins" before a word' '\beins \p{L}'
never '"null" as a count' '\bnull\b'
never '"1 …en"' '\b1 \p{L}+en\b'
never "a kind word doubled" '(Landkreis|Kreis|Stadt|Gemeinde|Regionalverband) \1'
never '"rund 0 Euro"' 'rund 0 Euro'
never "a date in digits in running text" '\bam \d\d?\.\d\d?\.'
never "an unfilled placeholder" '[{}]'
never '"Seit" before a bare date' '[Ss]eit \d'
finish
