#!/usr/bin/env bash
# The sample's workbook against a reviewed reference, part by part, as
# libxlsxwriter's own test suite compares its output with Excel's: every
# part of the zip must be there, and no other, with the same content once
# what legitimately varies (the program's version in the Erläuterungen)
# is normalised. The reference is tests/golden/workbook/, one file per part,
# each XML part pretty-printed by tests/xmlpretty.c (one element per line),
# so that `git diff tests/golden` shows which cell changed, and a failure
# names the part, its sheet, the element and both values:
#   xl/worksheets/sheet3.xml (Kreise) <sheetData/row r="5"/c r="E5">: 1 → 2
# Usage: golden_workbook.sh BINARY SOURCE_DIR [--update]
#   --update rewrites the reference from this run, after an intended change;
#   then review `git diff tests/golden`. xmlpretty is taken from tests/
#   beside BINARY (the build tree's layout) unless XMLPRETTY names it.
. "$(dirname "$0")/lib.sh"
golden=$src/tests/golden/workbook
xp=${XMLPRETTY:-$(dirname "$bin")/tests/xmlpretty}
command -v unzip >/dev/null || skip "unzip is not installed (tools/test installs it)"
if [ ! -x "$xp" ]; then
    echo "FAIL: $xp is missing: build it (cmake --build build) or name it in XMLPRETTY" >&2
    exit 1
fi

run run --input "$src/sample-data" --output "$work/o" --year 2024
expect_eq "run exit" 0 "$rc"
mkdir -p "$work/got"
(cd "$work/got" && unzip -q "$work/o/2024/ikz-bericht-2024.xlsx")
# The version is the only thing that may differ between two builds.
find "$work/got" -type f -exec sed -i -E 's/ikz-report [0-9]+\.[0-9]+\.[0-9]+/ikz-report VERSION/g' {} +

# Every part of a workbook is XML; one that is not (an image, say) is
# stored and compared as it is.
is_xml() { case $1 in *.xml | *.rels) return 0 ;; *) return 1 ;; esac; }
parts() { (cd "$1" && find . -type f | sed 's|^\./||' | sort); }

if [ "${3:-}" = "--update" ]; then
    rm -rf "$golden"
    while IFS= read -r f; do
        mkdir -p "$(dirname "$golden/$f")"
        if is_xml "$f"; then
            "$xp" pretty "$work/got/$f" >"$golden/$f" || { echo "golden_workbook: $f: not written" >&2; exit 1; }
        else
            cp "$work/got/$f" "$golden/$f"
        fi
    done < <(parts "$work/got")
    echo "golden workbook updated: $(find "$golden" -type f | wc -l) parts; review with git diff tests/golden"
    exit 0
fi

missing=$(comm -23 <(parts "$golden") <(parts "$work/got") | tr '\n' ' ')
extra=$(comm -13 <(parts "$golden") <(parts "$work/got") | tr '\n' ' ')
if [ -n "$missing" ]; then bad "parts of the reference missing from the workbook: $missing"; else ok; fi
if [ -n "$extra" ]; then bad "parts of the workbook not in the reference: $extra"; else ok; fi

# A worksheet's label carries its sheet's name, from the reference's
# workbook.xml and its relationships (pretty-printed: one element a line).
declare -A sheet_of
while IFS=' ' read -r id target; do
    name=$(sed -n "s|.*<sheet name=\"\([^\"]*\)\".* r:id=\"$id\".*|\1|p" "$golden/xl/workbook.xml")
    sheet_of["xl/$target"]=$name
done < <(sed -n 's|.*<Relationship Id="\([^"]*\)".* Target="\(worksheets/[^"]*\)".*|\1 \2|p' "$golden/xl/_rels/workbook.xml.rels")

strings=()
if [ -f "$golden/xl/sharedStrings.xml" ] && [ -f "$work/got/xl/sharedStrings.xml" ]; then
    strings=(--strings "$golden/xl/sharedStrings.xml" "$work/got/xl/sharedStrings.xml")
fi
while IFS= read -r f; do
    [ -f "$work/got/$f" ] || continue # told above
    if ! is_xml "$f"; then
        if cmp -s "$golden/$f" "$work/got/$f"; then ok; else bad "$f differs from the reference (not XML: compared as bytes)"; fi
        continue
    fi
    # Kept as --update writes it, so that git diff shows elements.
    if ! "$xp" pretty "$golden/$f" 2>&1 | cmp -s - "$golden/$f"; then
        bad "$f: the reference is not one element per line as --update writes it"
    fi
    label=$f
    [ -n "${sheet_of[$f]:-}" ] && label="$f (${sheet_of[$f]})"
    "$xp" diff "${strings[@]}" "$label" "$golden/$f" "$work/got/$f" >"$work/diff" 2>&1
    case $? in
    0) ok ;;
    1) bad "$f differs from the reference:"$'\n'"$(cat "$work/diff")" ;;
    *) bad "$f: not compared: $(cat "$work/diff")" ;;
    esac
done < <(parts "$golden")
if [ "$failed" -gt 0 ]; then
    echo "after an intended change: tests/golden_workbook.sh $bin $src --update, then review git diff tests/golden" >&2
fi
finish
