#!/usr/bin/env bash
# The sample's workbook against a reviewed reference, part by part, as
# libxlsxwriter's own test suite compares its output with Excel's: every
# part of the zip must be there, and no other, with the same content once
# what legitimately varies (the program's version in the Erläuterungen)
# is normalised. The reference is tests/golden/workbook/, one file per part,
# so that a review sees which sheet changed and how.
# Usage: golden_workbook.sh BINARY SOURCE_DIR [--update]
. "$(dirname "$0")/lib.sh"
golden=$src/tests/golden/workbook
command -v unzip >/dev/null || skip "unzip is not installed (tools/test installs it)"

run run --input "$src/sample-data" --output "$work/o" --year 2024
expect_eq "run exit" 0 "$rc"
mkdir -p "$work/got"
(cd "$work/got" && unzip -q "$work/o/2024/ikz-bericht-2024.xlsx")
# The version is the only thing that may differ between two builds.
find "$work/got" -type f -exec sed -i -E 's/ikz-report [0-9]+\.[0-9]+\.[0-9]+/ikz-report VERSION/g' {} +

if [ "${3:-}" = "--update" ]; then
    rm -rf "$golden"
    mkdir -p "$(dirname "$golden")"
    cp -r "$work/got" "$golden"
    echo "golden workbook updated: $(find "$golden" -type f | wc -l) parts; review with git diff"
    exit 0
fi

expect_eq "the same parts" "$(cd "$golden" && find . -type f | sort)" "$(cd "$work/got" && find . -type f | sort)"
while IFS= read -r f; do
    if cmp -s "$golden/$f" "$work/got/$f"; then
        ok
    else
        at=$(cmp "$golden/$f" "$work/got/$f" 2>/dev/null | grep -o 'byte [0-9]*' | cut -d' ' -f2)
        at=${at:-1}
        bad "$f differs from the reference at byte $at: expected '$(tail -c +$((at > 60 ? at - 60 : 1)) "$golden/$f" | head -c 160)', got '$(tail -c +$((at > 60 ? at - 60 : 1)) "$work/got/$f" | head -c 160)'"
    fi
done < <(cd "$golden" && find . -type f | sort)
finish
