#!/usr/bin/env bash
# figures_coverage.sh: no key figure and no table column without its test
# and its definition, so that adding one (docs/architecture.md) cannot pass
# CI untested or undocumented. The names are read from
# src/compute/figures.c (the rows of _key_figures and of every
# table_column list); nothing here lists them. For every key figure K:
#   1. templates/kennzahlen.csv has its row (K;label;definition);
#   2. docs/definitions.md has its row in a table: | `K` | ...
#   3. tests/test_figures.c names "K" on a line that is not a comment
#      (its assertions look key figures up by name).
# For every column C of a table:
#   4. docs/definitions.md names `C` (the table's columns are defined
#      there);
#   5. tests/test_figures.c names C on a line that is not a comment (an
#      assertion by name or the expected header line of the table's CSV).
# Usage: figures_coverage.sh SOURCE_DIR
src=$(cd "${1:?usage: $0 SOURCE_DIR}" && pwd) || exit 1
. "$src/tests/lib.sh" --no-preamble
set -u
figures=$src/src/compute/figures.c
labels=$src/templates/kennzahlen.csv
defs=$src/docs/definitions.md
tests=$src/tests/test_figures.c
code_lines() { grep -v '^\s*\(/\*\|\*\|//\)' "$1"; }

keys=$(sed -n '/^} _key_figures\[\] = {/,/^};/p' "$figures" | grep -oE '^\s*\{"[a-z0-9_]+", CELL_' | sed -E 's/^\s*\{"([a-z0-9_]+)".*/\1/')
columns=$(awk '/^static const struct table_column _[a-z_]+_cols\[\] = \{/ {on = 1; next} on && /^};/ {on = 0} on' "$figures" |
    grep -oE '^\s*\{"[a-z0-9_]+", COLUMN_' | sed -E 's/^\s*\{"([a-z0-9_]+)".*/\1/' | sort -u)
[ -n "$keys" ] && ok || bad "no key figure found in $figures (has _key_figures moved?)"
[ -n "$columns" ] && ok || bad "no table column found in $figures (have the column lists moved?)"

for k in $keys; do
    grep -q "^$k;" "$labels" && ok || bad "key figure $k: no row in templates/kennzahlen.csv"
    grep -qF "| \`$k\` |" "$defs" && ok || bad "key figure $k: no row in docs/definitions.md"
    code_lines "$tests" | grep -qF "\"$k\"" && ok || bad "key figure $k: no assertion in tests/test_figures.c"
done
for c in $columns; do
    grep -qF "\`$c\`" "$defs" && ok || bad "column $c: not defined in docs/definitions.md"
    code_lines "$tests" | grep -qw "$c" && ok || bad "column $c: not named in tests/test_figures.c"
done
finish
