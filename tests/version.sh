#!/usr/bin/env bash
# One version, written once in debian/changelog: CMake's, the program's
# --version, the manifest of a run and the built man pages' headers must
# all say the changelog's (docs/packaging.md, "One version").
# Usage: version.sh BINARY SOURCE_DIR BUILD_DIR CMAKE_IKZ_VERSION CMAKE_PROJECT_VERSION
. "$(dirname "$0")/lib.sh"
build=$3
command -v dpkg-parsechangelog >/dev/null || skip "dpkg-parsechangelog is missing (dpkg-dev)"

want=$(dpkg-parsechangelog -l "$src/debian/changelog" -S Version)
expect_true "the changelog has a version" test -n "$want"
expect_eq "CMake's IKZ_VERSION is the changelog's" "$want" "$4"
expect_eq "CMake's project version is its numeric part" "${want%%[!0-9.]*}" "$5"
run --version
expect_eq "--version: exit" 0 "$rc"
expect_eq "--version" "ikz-report $want" "$(cat "$work/out")"
run run --input "$src/sample-data" --output "$work/out1" --year 2024 --quiet
expect_eq "sample run: exit" 0 "$rc"
expect_eq "the manifest's version" '"version":	"'"$want"'",' "$(grep -o '"version":.*' "$work/out1/2024/manifest.json")"
for page in ikz-report.1 ikz-report.ini.5; do
    expect_eq "$page: .TH names the version" "\"ikz-report $want\"" \
        "$(head -1 "$build/man/$page" | grep -o '"ikz-report[^"]*"')"
    expect_eq "$page: the source names none" '"ikz-report"' "$(head -1 "$src/docs/$page" | grep -o '"ikz-report[^"]*"')"
done
finish
