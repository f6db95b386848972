#!/usr/bin/env bash
# tests/xmlpretty.c, the golden workbook's printer and comparer, on a small
# sheet written as libxlsxwriter writes one (one line) and on the reference
# itself: the pretty form exactly, and each kind of difference with its
# exact message (a number, a text, a shared string, a formula, an
# attribute, a cell or row on one side only, whitespace inside a text, the
# declaration, the cap on lines), the exit codes, and one number changed in
# a part of tests/golden/workbook/ named by its cell with both values.
#   xmlpretty.sh XMLPRETTY SOURCE_DIR
. "$(dirname "$0")/lib.sh"
xp=$bin

# The base sheet; A4's text keeps a leading blank, an ampersand and a tab,
# F4's is one blank.
printf '%s\n%s' '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' \
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:E5"/><sheetData><row r="1"><c r="A1" s="1" t="inlineStr"><is><t>Kennzahl</t></is></c><c r="B1" t="s"><v>0</v></c></row><row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve"> a &amp; b	</t></is></c><c r="E4"><f>SUM(E1:E3)</f><v>6</v></c><c r="F4" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row><row r="5"><c r="A5" s="3" t="inlineStr"><is><t>Darmstadt</t></is></c><c r="E5" s="6"><v>1.4</v></c></row></sheetData><pageMargins left="0.7" right="0.7"/><rowBreaks count="2"><brk id="10"/><brk id="20"/></rowBreaks></worksheet>' \
    >"$work/base.xml"
printf '%s' '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>Projekte</t></si><si><r><t>Beteili</t></r><r><t>gungen</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si></sst>' \
    >"$work/sst.xml"

# --- the pretty form ---------------------------------------------------
"$xp" pretty "$work/base.xml" >"$work/pretty.xml"
expect_eq "pretty: exit" 0 "$?"
expect_eq "pretty: one element per line, indented by depth, text exactly" \
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
  <dimension ref="A1:E5"/>
  <sheetData>
    <row r="1">
      <c r="A1" s="1" t="inlineStr">
        <is>
          <t>Kennzahl</t>
        </is>
      </c>
      <c r="B1" t="s">
        <v>0</v>
      </c>
    </row>
    <row r="4">
      <c r="A4" t="inlineStr">
        <is>
          <t xml:space="preserve"> a &amp; b&#9;</t>
        </is>
      </c>
      <c r="E4">
        <f>SUM(E1:E3)</f>
        <v>6</v>
      </c>
      <c r="F4" t="inlineStr">
        <is>
          <t xml:space="preserve"> </t>
        </is>
      </c>
    </row>
    <row r="5">
      <c r="A5" s="3" t="inlineStr">
        <is>
          <t>Darmstadt</t>
        </is>
      </c>
      <c r="E5" s="6">
        <v>1.4</v>
      </c>
    </row>
  </sheetData>
  <pageMargins left="0.7" right="0.7"/>
  <rowBreaks count="2">
    <brk id="10"/>
    <brk id="20"/>
  </rowBreaks>
</worksheet>' "$(cat "$work/pretty.xml")"
expect_eq "pretty: printing the pretty form again changes nothing" \
    "$(cat "$work/pretty.xml")" "$("$xp" pretty "$work/pretty.xml")"
# Text beside elements (none in a workbook) keeps its blanks: one line.
printf '<p>a <b>c</b> d<br/></p>' >"$work/mixed.xml"
expect_eq "pretty: mixed content on one line" '<p>a <b>c</b> d<br/></p>' "$("$xp" pretty "$work/mixed.xml")"

# --- the differences ---------------------------------------------------
# check NAME EXIT EXPECTED [OPTION...]: xmlpretty diff of the base sheet
# against $work/new.xml, labelled sheet3.
check() {
    local name=$1 want_rc=$2 want=$3 got rc
    shift 3
    got=$("$xp" diff "$@" sheet3 "$work/base.xml" "$work/new.xml" 2>&1)
    rc=$?
    expect_eq "$name: exit" "$want_rc" "$rc"
    expect_eq "$name" "$want" "$got"
}
edit() { sed "$1" "$work/base.xml" >"$work/new.xml"; }

cp "$work/pretty.xml" "$work/new.xml"
check "the pretty form against the part as written" 0 ''
edit 's|<v>1.4</v>|<v>1.1</v>|'
check "a number" 1 'sheet3 <sheetData/row r="5"/c r="E5">: 1.4 → 1.1'
edit 's|<t>Darmstadt</t>|<t>Darmstadt, Wissenschaftsstadt</t>|'
check "a text" 1 'sheet3 <sheetData/row r="5"/c r="A5">: "Darmstadt" → "Darmstadt, Wissenschaftsstadt"'
edit 's|<c r="B1" t="s"><v>0</v>|<c r="B1" t="s"><v>1</v>|'
check "a shared string, resolved" 1 'sheet3 <sheetData/row r="1"/c r="B1">: "Projekte" → "Beteiligungen"' \
    --strings "$work/sst.xml" "$work/sst.xml"
check "a shared string, without the table" 1 'sheet3 <sheetData/row r="1"/c r="B1">: shared string 0 → shared string 1'
edit 's|SUM(E1:E3)|SUM(E1:E4)|'
check "a formula" 1 'sheet3 <sheetData/row r="4"/c r="E4">: =SUM(E1:E3) (6) → =SUM(E1:E4) (6)'
edit 's|<c r="E5" s="6">|<c r="E5" s="7">|'
check "an attribute" 1 'sheet3 <sheetData/row r="5"/c r="E5">: s="6" → s="7"'
edit 's|<c r="A1" s="1" t=|<c r="A1" t=|; s|<c r="A5" s="3" t=|<c r="A5" s="3" t="str" x=|'
check "attributes removed, changed and added" 1 'sheet3 <sheetData/row r="1"/c r="A1">: s="1" → (none)
sheet3 <sheetData/row r="5"/c r="A5">: t="inlineStr" → t="str"
sheet3 <sheetData/row r="5"/c r="A5">: (none) → x="inlineStr"'
edit 's|<pageMargins left="0.7" right="0.7"/>|<pageMargins right="0.7" left="0.7"/>|'
check "the attributes' order" 1 'sheet3 <pageMargins>: attributes left right → attributes right left'
edit 's|<c r="E5" s="6"><v>1.4</v></c>||'
check "a cell removed" 1 'sheet3 <sheetData/row r="5"/c r="E5">: 1.4 → (none)'
edit 's|</sheetData>|<row r="6"><c r="A6" t="inlineStr"><is><t>Kassel</t></is></c><c r="E6"><v>2</v></c></row></sheetData>|'
check "a row added" 1 'sheet3 <sheetData/row r="6">: (none) → "Kassel", 2'
edit 's|<row r="4">.*<row r="5">|<row r="5">|'
check "a row removed, its cells' values shown" 1 'sheet3 <sheetData/row r="4">: " a & b\t", =SUM(E1:E3) (6), " " → (none)'
edit 's| a &amp; b|a \&amp; b|'
check "a blank inside a text" 1 'sheet3 <sheetData/row r="4"/c r="A4">: " a & b\t" → "a & b\t"'
edit 's|<t xml:space="preserve"> </t>|<t xml:space="preserve"/>|'
check "a text of one blank emptied" 1 'sheet3 <sheetData/row r="4"/c r="F4">: " " → ""'
# Rows are matched by their number, not their position: a row inserted
# after the first and one at the end, and a changed cell between them.
edit 's|<row r="4">|<row r="2"><c r="A2"><v>3</v></c></row><row r="4">|; s|<v>1.4</v>|<v>1.1</v>|; s|</sheetData>|<row r="6"><c r="A6"><v>2</v></c></row></sheetData>|'
check "rows inserted, matched by number" 1 'sheet3 <sheetData/row r="2">: (none) → 3
sheet3 <sheetData/row r="5"/c r="E5">: 1.4 → 1.1
sheet3 <sheetData/row r="6">: (none) → 2'
edit 's|<brk id="20"/>|<brk id="30"/>|'
check "an element told by its position" 1 'sheet3 <rowBreaks/brk[2]>: id="20" → id="30"'
edit 's|<dimension ref="A1:E5"/>|<dimension ref="A1:E6"/>|'
check "an attribute that names its element" 1 'sheet3 <dimension ref="A1:E5">: ref="A1:E5" → ref="A1:E6"'
edit 's|standalone="yes"|standalone="no"|'
check "the declaration" 1 'sheet3 <?xml?>: <?xml version="1.0" encoding="UTF-8" standalone="yes"?> → <?xml version="1.0" encoding="UTF-8" standalone="no"?>'
edit 's|<v>1.4</v>|<v>1.1</v>|; s|<v>6</v>|<v>7</v>|; s|<t>Kennzahl</t>|<t>Kennzahlen</t>|'
check "at most --max lines, then the count" 1 'sheet3 <sheetData/row r="1"/c r="A1">: "Kennzahl" → "Kennzahlen"
sheet3 <sheetData/row r="4"/c r="E4">: =SUM(E1:E3) (6) → =SUM(E1:E3) (7)
sheet3: 3 differences, the first 2 shown' --max 2

head -c 200 "$work/base.xml" >"$work/new.xml"
got=$("$xp" diff sheet3 "$work/base.xml" "$work/new.xml" 2>&1)
expect_eq "a part cut short: exit" 2 "$?"
expect_true "a part cut short: file and line ($got)" grep -q "^xmlpretty: $work/new.xml:2:[0-9]*: " <<<"$got"
"$xp" diff sheet3 "$work/base.xml" >/dev/null 2>&1
expect_eq "usage: exit" 2 "$?"

# --- the reference -----------------------------------------------------
# The first cell with a number in a reference sheet, one digit added: one
# line, naming its row and cell with both values (whatever the sample's
# figures are when this runs).
sheet=$src/tests/golden/workbook/xl/worksheets/sheet3.xml
read -r line cell old < <(awk 'match($0, /<c r="[A-Z]+[0-9]+"/) { c = substr($0, RSTART + 6, RLENGTH - 7); n = NR; next }
    n == NR - 1 && match($0, /<v>[0-9.]+<\/v>/) { print NR, c, substr($0, RSTART + 3, RLENGTH - 7); exit }' "$sheet")
sed "${line}s|<v>$old</v>|<v>${old}1</v>|" "$sheet" >"$work/new.xml"
got=$("$xp" diff xl/worksheets/sheet3.xml "$sheet" "$work/new.xml")
expect_eq "the reference: exit" 1 "$?"
expect_eq "the reference: one number changed" \
    "xl/worksheets/sheet3.xml <sheetData/row r=\"${cell//[A-Z]/}\"/c r=\"$cell\">: $old → ${old}1" "$got"
finish
