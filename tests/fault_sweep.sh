#!/usr/bin/env bash
# Fault injection, in the spirit of SQLite's I/O-error tests: a sample run
# with its Nth output call (write, fwrite, fputs, fputc, fprintf, fflush,
# fclose, close, fsync, syncfs, rename) made to fail by tests/faultinject.c, for a
# spread of N over the whole run, the last calls (fsync, rename, close of
# the swap) every one. For each N exactly one of:
#   - a non-zero exit, and OUTPUT/2024 byte-identical to the report there
#     before, nothing else left in OUTPUT;
#   - exit 0, and OUTPUT/2024 byte-identical to a run without faults (the
#     same exports give the same bytes), which `verify` accepts.
# Prints how many N were tried and how many wrong publications it saw (0).
# Usage: fault_sweep.sh BINARY SOURCE_DIR FAULTINJECT.so [STEPS]
. "$(dirname "$0")/lib.sh"
lib=$3
steps=${4:-250}
fingerprint() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }

# The report without faults, and a previous report of the same year (an
# earlier Stichtag) that a failed run must leave as it was.
"$bin" run --input "$src/sample-data" --output "$work/clean" --year 2024 --quiet || exit 1
clean=$(fingerprint "$work/clean/2024")
"$bin" run --input "$src/sample-data" --output "$work/prev" --stichtag 2024-06-30 --quiet || exit 1
previous=$(fingerprint "$work/prev/2024")

# sweep MODE STEPS: N over the run's counted calls, a spread and the last
# 60 each, checking every outcome.
tried=0 n_failed=0 n_published=0 wrong=0
sweep() {
    local mode=$1 steps=$2 total list n rc left
    rm -f "$work/count"
    IKZ_TEST_SERIAL=1 IKZ_FAULT_MODE=$mode IKZ_FAULT_COUNT=$work/count LD_PRELOAD=$lib "$bin" run \
        --input "$src/sample-data" --output "$work/count-run-$mode" --year 2024 --quiet ||
        { bad "$mode: the run without a fault fails under the library"; return; }
    [ -s "$work/count" ] || { bad "$mode: $lib was not loaded (no count)"; return; }
    total=$(cat "$work/count")
    [ "$total" -gt 10 ] || { bad "$mode: only $total calls counted"; return; }
    list=$( (seq 1 "$(( (total + steps - 1) / steps ))" "$total"; seq "$(( total > 60 ? total - 59 : 1 ))" "$total") |
        sort -nu)
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
    echo "fault sweep ($mode): N up to $total"
}
sweep full "$steps"
sweep sync 1000 # every one: a few hundred calls
echo "fault sweep: $tried runs; $n_failed failed and left the previous report as it was, $n_published published a correct report, $wrong wrong publications"
expect_eq "wrong publications" 0 "$wrong"
finish
