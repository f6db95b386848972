#!/usr/bin/env bash
# Hostile templates: every file of templates/ missing, unreadable, empty,
# in the wrong encoding, with a character XML forbids, or with a line too
# long for the INI reader. Each is exit 78 (EX_CONFIG) naming the file, and
# the line where there is one, never 74 (which sends the operator to the
# disk) and never a report; `validate` exits 78 exactly where `run` does.
# Usage: templates.sh BINARY SOURCE_DIR
. "$(dirname "$0")/lib.sh"

# fresh: a copy of templates/ in $work/t to break.
fresh() { rm -rf "$work/t" "$work/o"; cp -r "$src/templates" "$work/t"; }
# attempt NAME EXPECTED-LINE: run and validate both exit 78 with the line
# (the finding or the log's ERROR line), and nothing is published.
attempt() {
    local name=$1 want=$2 mode
    for mode in run validate; do
        if [ "$mode" = run ]; then
            run run --input "$src/sample-data" --output "$work/o" --year 2024 --templates "$work/t"
        else
            run validate --input "$src/sample-data" --year 2024 --templates "$work/t"
        fi
        expect_eq "$name: $mode exit" 78 "$rc"
        if grep -aqxF -- "$want" <(sed 's/^[0-9TZ:-]* ikz-report\[[0-9]*\] //' "$work/out"); then ok; else
            bad "$name: $mode: expected the line [$want] in: $(cat "$work/out")"
        fi
    done
    [ ! -e "$work/o/2024" ] && ok || bad "$name: published"
}

# The two lists: missing, a FIFO, a device, a directory, only a header.
for list in kennzahlen aufgabenbereiche; do
    f=$work/t/$list.csv
    fresh; rm "$f"
    attempt "$list missing" "ERROR cannot open $f: No such file or directory"
    fresh; rm "$f"; mkfifo "$f"
    attempt "$list FIFO" "ERROR cannot read $f: not a regular file (a FIFO)"
    fresh; rm "$f"; ln -s /dev/zero "$f"
    attempt "$list /dev/zero" "ERROR cannot read $f: not a regular file (a device or socket)"
    fresh; rm "$f"; mkdir "$f"
    attempt "$list directory" "ERROR cannot read $f: not a regular file (a directory)"
    fresh; head -1 "$src/templates/$list.csv" >"$f"
    attempt "$list header only" "ikz-report: $f:1: Vorlage in templates/ fehlerhaft (die Liste hat keine Zeile) [VORLAGE_FEHLERHAFT]"
done

# A character XML forbids in a list is the template's fault (78, with its
# line), not a hinweis with the character replaced as in an export.
for list in kennzahlen aufgabenbereiche; do
    f=$work/t/$list.csv
    fresh; sed -i "4s/;\([^;]*\)/;$(printf '\xef\xbf\xbe')\1/" "$f"
    attempt "$list U+FFFE" "ikz-report: $f:4: column 'bezeichnung': Vorlage in templates/ fehlerhaft (1 Steuerzeichen, U+FFFE oder U+FFFF) [VORLAGE_FEHLERHAFT]"
done

# texte.ini: Latin-1, a U+FFFE, a line longer than inih's 199 bytes whose
# rest would have been an entry of its own.
ini=$work/t/texte.ini
notxml="kein gültiges UTF-8 oder ein Steuerzeichen, U+FFFE oder U+FFFF (die Datei muss UTF-8 sein)"
fresh; iconv -f UTF-8 -t ISO-8859-1 "$src/templates/texte.ini" >"$ini" 2>/dev/null
n=$(grep -n '[äöüÄÖÜß]' "$src/templates/texte.ini" | grep -v '^[0-9]*:;' | head -1 | cut -d: -f1)
attempt "texte.ini Latin-1" "ikz-report: $ini:$n: Vorlage in templates/ fehlerhaft ($notxml) [VORLAGE_FEHLERHAFT]"
fresh; n=$(grep -n '^uebersicht = ' "$ini" | head -1 | cut -d: -f1)
sed -i "${n}s/= /= $(printf '\xef\xbf\xbe')/" "$ini"
attempt "texte.ini U+FFFE" "ikz-report: $ini:$n: Vorlage in templates/ fehlerhaft ($notxml) [VORLAGE_FEHLERHAFT]"
fresh; n=$(grep -n '^vorjahr_text = ' "$ini" | head -1 | cut -d: -f1)
sed -i "${n}s/= .*/= $(printf 'x%.0s' $(seq 195)) Quelle: Land = Hessen/" "$ini"
attempt "texte.ini long line" "ikz-report: $ini:$n: Vorlage in templates/ fehlerhaft (keine gültige INI-Zeile (Abschnitt [name] oder schluessel = text, höchstens 199 Bytes)) [VORLAGE_FEHLERHAFT]"
# 199 bytes and its line end are still a line (the bound is inih's).
fresh; sed -i "${n}s/= .*/= $(printf 'x%.0s' $(seq $((199 - 15))))/" "$ini"
expect_eq "texte.ini line of 199 bytes" 199 "$(sed -n "${n}p" "$ini" | wc -c | awk '{print $1 - 1}')"
run validate --input "$src/sample-data" --year 2024 --templates "$work/t" --quiet
expect_eq "texte.ini line of 199 bytes: validate" 0 "$rc"

# A line of exactly 199 bytes and its line end is one line: a U+FFFE two
# lines further down is named at its own line.
fresh; sed -i "${n}s/= .*/= $(printf 'x%.0s' $(seq $((199 - 15))))/" "$ini"
m=$((n + 2))
sed -i "${m}s/= /= $(printf '\xef\xbf\xbe')/" "$ini"
attempt "a line of 199 bytes, then a U+FFFE" "ikz-report: $ini:$m: Vorlage in templates/ fehlerhaft ($notxml) [VORLAGE_FEHLERHAFT]"
# Two faults: the first one met is named, with its own words.
fresh; first=$(grep -n '^uebersicht = ' "$ini" | head -1 | cut -d: -f1)
sed -i "${first}a uebersicht = noch einmal" "$ini"
sed -i "$((first + 5))s/= /= $(printf '\xef\xbf\xbe')/" "$ini"
attempt "a key twice, then a U+FFFE" "ikz-report: $ini:$((first + 1)): Vorlage in templates/ fehlerhaft (Schlüssel doppelt im selben Abschnitt) [VORLAGE_FEHLERHAFT]"

# A footer Excel cannot hold (255 characters with its codes, each & doubled):
# libxlsxwriter refused it and the run ended as an I/O error (74).
fresh; sed -i "s/^fusszeile = .*/fusszeile = $(printf '\\&%.0s' $(seq 180))/" "$ini"
attempt "footer too long" "ikz-report: $ini: Vorlage in templates/ fehlerhaft ([bericht] fusszeile, seite und von: die Fußzeile hat mit Blattname und Seitenzahlen höchstens 255 Zeichen, ein & zählt doppelt (hier 383)) [VORLAGE_FEHLERHAFT]"

# A sheet's name missing: every text the workbook asks for is judged before
# anything is written (xlsx_texts_resolve), by run and validate alike.
fresh; n=$(grep -n '^uebersicht = ' "$ini" | head -1 | cut -d: -f1)
sed -i "${n}d" "$ini"
attempt "[blaetter] uebersicht missing" "ikz-report: $ini: Vorlage in templates/ fehlerhaft (Text [blaetter] uebersicht fehlt) [VORLAGE_FEHLERHAFT]"
export TMPDIR=$work/scratch
mkdir -p "$TMPDIR"
run validate --input "$src/sample-data" --year 2024 --templates "$work/t"
expect_eq "validate writes nothing, not even a scratch file" "" "$(ls -A "$TMPDIR")"
unset TMPDIR
# A text the workbook shows only in some reports (rows left out for a
# fehler: none in the sample) is required all the same.
fresh; n=$(grep -n '^ausgeschlossen = ' "$ini" | head -1 | cut -d: -f1)
sed -i "${n}d" "$ini"
attempt "[erlaeuterungen] ausgeschlossen missing" "ikz-report: $ini: Vorlage in templates/ fehlerhaft (Text [erlaeuterungen] ausgeschlossen fehlt) [VORLAGE_FEHLERHAFT]"
fresh; sed -i '/^bestand_x = /d' "$ini"
attempt "[diagramme] bestand_x missing" "ikz-report: $ini: Vorlage in templates/ fehlerhaft (Text [diagramme] bestand_x fehlt) [VORLAGE_FEHLERHAFT]"
# Every text the writers look up by a fixed name is on the list that
# xlsx_texts_resolve checks (_fixed_texts in xlsx_texts.c). The writers
# are every file of the workbook that calls book_text(); at least one must.
writers=$(grep -l 'book_text(' "$src"/src/render/*.c)
[ -n "$writers" ] || bad "no file of src/render/ calls book_text()"
for pair in $(grep -ho 'book_text(&\?b, "[a-z_]*", "[a-z_]*")' $writers | sed -E 's/book_text\(&?b, "([a-z_]*)", "([a-z_]*)"\)/\1:\2/' | sort -u); do
    if grep -q "{\"${pair%%:*}\", \"${pair#*:}\"}" "$src/src/render/xlsx_texts.c"; then ok; else bad "[${pair%%:*}] ${pair#*:} is looked up but not in _fixed_texts"; fi
done

# The press templates: Latin-1, empty, only blanks; a BOM is no part of the text.
for tpl in pressetext kreistext projekttext; do
    f=$work/t/$tpl.txt
    fresh; iconv -f UTF-8 -t ISO-8859-1 "$src/templates/$tpl.txt" >"$f" 2>/dev/null
    n=$(grep -n '[äöüÄÖÜß„“–]' "$src/templates/$tpl.txt" | head -1 | cut -d: -f1)
    attempt "$tpl Latin-1" "ikz-report: $f:$n: Vorlage in templates/ fehlerhaft ($notxml) [VORLAGE_FEHLERHAFT]"
    fresh; : >"$f"
    attempt "$tpl empty" "ikz-report: $f: Vorlage in templates/ fehlerhaft (die Vorlage ist leer) [VORLAGE_FEHLERHAFT]"
    fresh; printf '  \n\n\t\n' >"$f"
    attempt "$tpl blanks" "ikz-report: $f: Vorlage in templates/ fehlerhaft (die Vorlage ist leer) [VORLAGE_FEHLERHAFT]"
    fresh; { grep '^#' "$src/templates/$tpl.txt"; printf '\n  \n'; } >"$f"
    attempt "$tpl only comments" "ikz-report: $f: Vorlage in templates/ fehlerhaft (die Vorlage ist leer) [VORLAGE_FEHLERHAFT]"
done
fresh; { printf '\xef\xbb\xbf'; cat "$src/templates/pressetext.txt"; } >"$work/t/pressetext.txt"
run run --input "$src/sample-data" --output "$work/o" --year 2024 --templates "$work/t"
expect_eq "pressetext with BOM: exit" 0 "$rc"
"$bin" run --input "$src/sample-data" --output "$work/plain" --year 2024 --quiet
if cmp -s "$work/o/2024/pressetext.txt" "$work/plain/2024/pressetext.txt"; then ok; else
    bad "pressetext with BOM: the text differs from the one without"
fi
finish
