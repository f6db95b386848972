#!/usr/bin/env bash
# Truncation sweep, beside the fault sweep: tonight's delivery with
# beteiligungen.csv or projekte.csv cut short, as a copy still under way
# leaves it, under a seal of the whole file. It must never be published:
# with yesterday's complete delivery in the drop the run exits 0 and
# publishes yesterday's (the manifest names it); without one it exits 66
# and publishes nothing. Cuts at line boundaries and at offsets inside
# lines; by default a spread of them (every line boundary of the first and
# last ten lines, every Nth in between, 20 inside lines), with ALL every
# line boundary of both files (about 3,000 runs).
# Usage: truncation_sweep.sh BINARY SOURCE_DIR [ALL]
. "$(dirname "$0")/lib.sh"
all=${3:-}
export LC_ALL=C.UTF-8

yesterday=$(date -d '-1 day' +%F)
today=$(date +%F)
for case in mit ohne; do
    mkdir -p "$work/$case/eingang"
    printf '[job]\ninput = eingang/*\noutput = berichte\ntemplates = %s\n' "$src/templates" >"$work/$case/job.ini"
    deliver "$work/$case/eingang" "$today"
done
deliver "$work/mit/eingang" "$yesterday"
# Without a delivery before, a report of an earlier night exists (its
# delivery since removed): a drop with no complete delivery is then 66.
mkdir -p "$work/ohne/berichte/2000"
printf '{"stichtag": "2000-12-31"}\n' >"$work/ohne/berichte/2000/manifest.json"

# The byte offsets to cut at in FILE: line ends (after each '\n') and 20
# offsets inside lines, one per line spread over the file.
offsets() {
    local file=$1 size lines step
    size=$(stat -c %s "$file")
    lines=$(wc -l <"$file")
    step=1
    [ -z "$all" ] && step=$(( lines / 20 > 1 ? lines / 20 : 1 ))
    awk -v step="$step" -v lines="$lines" '{ pos += length($0) + 1
        if (NR <= 10 || NR > lines - 10 || NR % step == 0) print pos }' "$file" | grep -vx "$size"
    awk -v lines="$lines" 'BEGIN { srand(19) } { start[NR] = pos; pos += length($0) + 1; len[NR] = length($0) }
        END { for (i = 1; i <= 20; i++) { n = 1 + int(rand() * lines); if (len[n] > 1) print start[n] + 1 + int(rand() * (len[n] - 1)) } }' "$file"
}

tried=0 wrong=0
for name in beteiligungen.csv projekte.csv; do
    full=$src/sample-data/$name
    for off in $(offsets "$full" | sort -nu); do
        for case in mit ohne; do
            head -c "$off" "$full" >"$work/$case/eingang/$today/$name"
            [ "$case" = mit ] && rm -rf "$work/mit/berichte"
            "$bin" run --job "$work/$case/job.ini" --quiet >"$work/out" 2>&1
            rc=$?
            tried=$((tried + 1))
            if [ "$case" = mit ]; then
                m=$work/mit/berichte/$(date -d "$yesterday" +%Y)/manifest.json
                if [ "$rc" != 0 ] || ! grep -q "\"name\":"$'\t'"\"$yesterday\"" "$m" 2>/dev/null; then
                    bad "$name cut at $off, yesterday's delivery there: exit $rc, $(tail -1 "$work/out")"
                    wrong=$((wrong + 1))
                fi
            elif [ "$rc" != 66 ] || [ "$(find "$work/ohne/berichte" -name manifest.json | wc -l)" != 1 ]; then
                bad "$name cut at $off, no delivery before: exit $rc (expected 66), $(tail -1 "$work/out")"
                wrong=$((wrong + 1))
            fi
        done
        cp "$full" "$work/mit/eingang/$today/$name"
        cp "$full" "$work/ohne/eingang/$today/$name"
    done
done
# The whole files again: tonight's delivery is read (the sweep's control).
"$bin" run --job "$work/mit/job.ini" --quiet >"$work/out" 2>&1
expect_eq "whole files: exit" 0 "$?"
expect_true "whole files: tonight's delivery published" grep -q "\"name\":"$'\t'"\"$today\"" "$work/mit/berichte/$(date +%Y)/manifest.json"
echo "truncation sweep: $tried runs, $wrong published from a cut file or with a wrong exit"
finish
