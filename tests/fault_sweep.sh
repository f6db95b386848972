#!/usr/bin/env bash
# Fault injection, in the spirit of SQLite's I/O-error tests: a sample run
# with its Nth output call (write, fwrite, fputs, fputc, fprintf, fflush,
# fclose, close, fsync, syncfs, rename) made to fail by tests/faultinject.c,
# in both of its models (full: the disk fills from the Nth call on; sync:
# only the Nth fsync, syncfs, close or rename fails). For each N exactly
# one of:
#   - a non-zero exit, and OUTPUT/2024 byte-identical to the report there
#     before, nothing else left in OUTPUT;
#   - exit 0, and OUTPUT/2024 byte-identical to a run without faults (the
#     same exports give the same bytes), which `verify` accepts.
# Which N, by the fourth argument or else IKZ_FAULT_SWEEP:
#   sampled (the default, ctest's): in each model, up to 20 N of every kind
#     of call the run makes (write, fwrite, ..., rename), picked with a
#     fixed seed (IKZ_FAULT_SEED, default 22; another seed, another pick),
#     and the last 10 calls (the commit);
#   full (tools/test, so CI): those, a spread of 250 N over the whole run,
#     every one of its last 60, and every call of the sync model;
#   a number STEPS: full with a spread of STEPS.
# Prints how many N were tried and how many wrong publications it saw (0).
# Usage: fault_sweep.sh BINARY SOURCE_DIR FAULTINJECT.so [sampled|full|STEPS]
. "$(dirname "$0")/lib.sh"
lib=$3
scope=${4:-${IKZ_FAULT_SWEEP:-sampled}}
seed=${IKZ_FAULT_SEED:-22}
per_kind=20
case "$scope" in
sampled) steps=0 ;;
full) steps=250 ;;
*[!0-9]* | '') echo "fault_sweep.sh: expected sampled, full or a number: '$scope'" >&2; exit 64 ;;
*) steps=$scope scope=full ;;
esac
fingerprint() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# The report without faults, and a previous report of the same year (an
# earlier Stichtag) that a failed run must leave as it was.
"$bin" run --input "$src/sample-data" --output "$work/clean" --year 2024 --quiet || exit 1
clean=$(fingerprint "$work/clean/2024")
"$bin" run --input "$src/sample-data" --output "$work/prev" --stichtag 2024-06-30 --quiet || exit 1
previous=$(fingerprint "$work/prev/2024")

# pick TRACE: up to per_kind line numbers of each kind of call in TRACE
# (one kind a line), chosen with the seed. Park and Miller's generator:
# its products stay below 2^53, so every awk draws the same numbers.
pick() {
    awk -v seed="$seed" -v k="$per_kind" '
        function draw(n) { x = (x * 16807) % 2147483647; return x % n }
        { if (!($1 in n)) kinds[++nkinds] = $1; at[$1, ++n[$1]] = NR }
        END {
            x = seed % 2147483646 + 1
            for (i = 1; i <= nkinds; i++) {
                c = kinds[i]
                for (j = 1; j <= k && j <= n[c]; j++) { # a partial Fisher-Yates shuffle
                    r = j + draw(n[c] - j + 1)
                    t = at[c, j]; at[c, j] = at[c, r]; at[c, r] = t
                    print at[c, j]
                }
            }
        }' "$1"
}

# sweep MODE: N over the run's counted calls as the scope says, checking
# every outcome.
tried=0 n_failed=0 n_published=0 wrong=0
sweep() {
    local mode=$1 total list n rc left
    rm -f "$work/count" "$work/trace"
    IKZ_TEST_SERIAL=1 IKZ_FAULT_MODE=$mode IKZ_FAULT_COUNT=$work/count IKZ_FAULT_TRACE=$work/trace LD_PRELOAD=$lib \
        "$bin" run --input "$src/sample-data" --output "$work/count-run-$mode" --year 2024 --quiet ||
        { bad "$mode: the run without a fault fails under the library"; return; }
    [ -s "$work/count" ] || { bad "$mode: $lib was not loaded (no count)"; return; }
    total=$(cat "$work/count")
    [ "$total" -gt 10 ] || { bad "$mode: only $total calls counted"; return; }
    [ "$(head -n "$total" "$work/trace" | wc -l)" = "$total" ] || { bad "$mode: the trace is shorter than the count"; return; }
    head -n "$total" "$work/trace" >"$work/kinds"
    list=$( (pick "$work/kinds"
             seq "$(( total > 10 ? total - 9 : 1 ))" "$total"
             if [ "$scope" = full ] && [ "$mode" = sync ]; then seq 1 "$total"; fi
             if [ "$scope" = full ] && [ "$mode" = full ]; then
                 seq 1 "$(( (total + steps - 1) / steps ))" "$total"
                 seq "$(( total > 60 ? total - 59 : 1 ))" "$total"
             fi) | sort -nu)
    echo "fault sweep ($mode, $scope): $(wc -w <<<"$list") N of $total calls of $(sort -u "$work/kinds" | wc -l) kinds ($(sort "$work/kinds" | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2}'))"
    for n in $list; do
        tried=$((tried + 1))
        rm -rf "$work/o"
        cp -a "$work/prev" "$work/o"
        IKZ_TEST_SERIAL=1 IKZ_FAULT_MODE=$mode IKZ_FAULT_AT=$n LD_PRELOAD=$lib "$bin" run --input "$src/sample-data" \
            --output "$work/o" --year 2024 --quiet >"$work/out" 2>&1
        rc=$?
        left=$(cd "$work/o" && ls -A | tr '\n' ' ' | sed 's/ $//')
        if [ "$rc" != 0 ]; then
            n_failed=$((n_failed + 1))
            if [ "$(fingerprint "$work/o/2024")" != "$previous" ] || [ "$left" != ".lock 2024" ]; then
                wrong=$((wrong + 1))
                bad "$mode: call $n of $total failed (exit $rc) and OUTPUT changed: $left"
            else
                ok
            fi
        else
            n_published=$((n_published + 1))
            if [ "$(fingerprint "$work/o/2024")" != "$clean" ] || ! "$bin" verify "$work/o/2024" >/dev/null 2>&1; then
                wrong=$((wrong + 1))
                bad "$mode: call $n of $total failed, exit 0, and the report differs from a clean run's"
            else
                ok
            fi
        fi
    done
}
sweep full
sweep sync
echo "fault sweep: $tried runs; $n_failed failed and left the previous report as it was, $n_published published a correct report, $wrong wrong publications"
expect_eq "wrong publications" 0 "$wrong"
finish
