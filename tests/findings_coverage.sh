#!/usr/bin/env bash
# findings_coverage.sh: no finding code without its doc line and its test,
# and no rule without a mutation, so that a new column's rule cannot pass
# CI untested. The codes are read from src/check/findings.h (enum
# finding_code) and checked against the table in findings.c; nothing here
# lists them. For every code X:
#
#   1. findings.c names it: [FINDING_X] = {"X", ...
#   2. docs/findings.md has its row in the table of codes: | `X` | ...
#   3. a test produces it, by the first of these that applies:
#      a. a `finding` line of a tests/bad-input/*/expected ends in [X]
#         (bad_input.sh compares a case's whole list of findings), or
#      b. a line of tests/test_rules.c that is not a comment names
#         FINDING_X (its cases name only codes they expect a rule to
#         give), or
#      c. only for a code no rule of src/check/rules.c gives (a reader's,
#         a check's, a delivery's, a template's): a line of another
#         tests/test_*.c or tests/*.sh that is not a comment names it as a
#         word, X or FINDING_X (in an assertion, an expected line or the
#         grep an assertion runs).
#      A code a rule gives must be met by a or b: the rule's cases live
#      beside the rule's other cases, or in the corpus.
#   4. every function of src/check/rules.c that gives a code has an entry
#      in tools/mutations whose text lies inside that function, so that
#      tools/mutate proves a test catches the rule breaking.
#
# And every code in the table of docs/findings.md is a code of the enum.
# Usage: findings_coverage.sh SOURCE_DIR
src=$(cd "${1:?usage: $0 SOURCE_DIR}" && pwd) || exit 1
. "$src/tests/lib.sh" --no-preamble
set -u
header=$src/src/check/findings.h
table=$src/src/check/findings.c
rules=$src/src/check/rules.c
doc=$src/docs/findings.md
mutations=$src/tools/mutations

# The enum's codes, in order, without FINDING_ and without the count.
codes=$(sed -n '/^enum finding_code {/,/^};/p' "$header" | grep -oE '^\s*FINDING_[A-Z0-9_]+' | tr -d ' ' |
    sed 's/^FINDING_//' | grep -vx '_COUNT')
[ -n "$codes" ] && ok || bad "no codes found in enum finding_code of $header"

# The codes of docs/findings.md's first table (the one headed "code").
doc_codes=$(awk '/^\| code \|/ {t = 1; next} t && !/^\|/ {exit} t' "$doc" | sed -n -E 's/^\| `([A-Z0-9_]+)` \|.*/\1/p')

# "function CODE" for every code a function of rules.c gives; comments
# and the hints' German are not code.
rule_codes=$(sed -e 's#/\*.*\*/##' "$rules" | awk '
    /^[a-z].*\(/ && !/;$/ { fn = $0; sub(/\(.*/, "", fn); sub(/.*[ *]/, "", fn) }
    /^}/ { fn = "" }
    fn != "" { while (match($0, /FINDING_[A-Z0-9_]+/)) { print fn, substr($0, RSTART + 8, RLENGTH - 8); $0 = substr($0, RSTART + RLENGTH) } }' |
    sort -u)

# The functions of rules.c a mutation of tools/mutations changes.
mutated=$(awk -F'\t' -v rules="$rules" '
    $1 == "src/check/rules.c" { want[++n] = $2 }
    END {
        while ((getline line < rules) > 0) {
            if (line ~ /^[a-z].*\(/ && line !~ /;$/) { fn = line; sub(/\(.*/, "", fn); sub(/.*[ *]/, "", fn) }
            if (line ~ /^}/) fn = ""
            for (i = 1; i <= n; i++) if (fn != "" && index(line, want[i])) print fn
        }
    }' "$mutations" | sort -u)

# Lines of the tests that are not comments: test_rules.c's for rule 3b,
# the others' for rule 3c.
code_lines() { grep -vE '^\s*(#|/?\*|//)' "$@"; }
test_rules=$(code_lines "$src/tests/test_rules.c")
other_tests=$(for f in "$src"/tests/test_*.c "$src"/tests/*.sh; do
    case "$f" in */test_rules.c | */findings_coverage.sh) continue ;; esac
    code_lines "$f"
done)
bad_input=$(cat "$src"/tests/bad-input/*/expected | grep '^finding ')

for x in $codes; do
    grep -qE "^\s*\[FINDING_$x\] = \{\"$x\"," "$table" && ok || bad "$x: no row [FINDING_$x] = {\"$x\", ...} in src/check/findings.c"
    grep -qx "$x" <<<"$doc_codes" && ok || bad "$x: no row | \`$x\` | in the table of docs/findings.md"
    by_rule=$(awk -v x="$x" '$2 == x {print $1}' <<<"$rule_codes")
    if grep -qE "\[$x\]\$" <<<"$bad_input" || grep -qE "\bFINDING_$x\b" <<<"$test_rules"; then
        ok
    elif [ -n "$by_rule" ]; then
        bad "$x: given by $(echo $by_rule) in src/check/rules.c, but no case of tests/test_rules.c names FINDING_$x and no tests/bad-input/*/expected has a finding [$x]"
    elif grep -qE "\b(FINDING_)?$x\b" <<<"$other_tests"; then
        ok
    else
        bad "$x: no test produces it (no tests/bad-input/*/expected, tests/test_rules.c or other test names it)"
    fi
done

for x in $doc_codes; do
    grep -qx "$x" <<<"$codes" && ok || bad "docs/findings.md documents $x, which enum finding_code does not have"
done

# Rule 4: each function that gives a code, once.
[ -n "$rule_codes" ] && ok || bad "no rule of $rules gives a code (the parse above is broken)"
for fn in $(awk '{print $1}' <<<"$rule_codes" | sort -u); do
    grep -qx "$fn" <<<"$mutated" && ok ||
        bad "$fn (src/check/rules.c, gives $(awk -v f="$fn" '$1 == f {printf "%s ", $2}' <<<"$rule_codes")): no mutation in tools/mutations lies inside it"
done
finish
