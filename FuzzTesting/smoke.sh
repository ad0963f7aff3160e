#!/usr/bin/env bash
# CI smoke test of the fuzz targets (called from .ci/run): build every target with libFuzzer and
# AddressSanitizer, replay testdata/malformed and the committed seeds through them, then fuzz each target
# for SMOKE_SECONDS (default 15) from a fresh corpus seeded from testdata. Exit status 1 if any input
# crashes, traps, leaks past the limits or hangs; the input is then in FuzzTesting/crashes/TARGET/.
#
#   FuzzTesting/smoke.sh                 # about 90 s, plus the build (about 60 s from scratch)
#   SMOKE_SECONDS=60 FuzzTesting/smoke.sh
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)

main() {
    seconds=${SMOKE_SECONDS:-15}
    started=$(date +%s)
    failed=()

    "$here/fuzz.sh" build || { echo "smoke.sh: building the fuzz targets failed" >&2; exit 1; }

    work=$(mktemp -d "${TMPDIR:-/tmp}/pprof-list-smoke.XXXXXX")
    trap 'rm -rf "$work"' EXIT

    # Replays: the malformed corpus through the targets that read that kind of input.
    replay() {
        local target=$1
        shift
        local files=()
        local f
        for f in "$@"; do [[ -f $f ]] && files+=("$f"); done
        [[ ${#files[@]} -gt 0 ]] || return 0
        if ! "$here/fuzz.sh" replay "$target" "${files[@]}" >"$work/replay-$target.log" 2>&1; then
            tail -40 "$work/replay-$target.log" >&2
            failed+=("$target (replaying testdata/malformed)")
        fi
    }
    malformed=$root/testdata/malformed
    replay FuzzProfile "$malformed"/profile/* "$malformed"/cli/*
    replay FuzzWireReader "$malformed"/profile/*.pb "$malformed"/cli/*
    replay FuzzProfileStreaming "$malformed"/profile/*.pb
    replay FuzzEscapeText $(find "$malformed/escape" -type f ! -name '*.json')
    replay FuzzEscapeJSON "$malformed"/escape/*.json
    # The regex seeds hold the patterns that backtrack and the syntax only Go or only RE2 accepts.
    replay FuzzRegex "$here"/seeds/FuzzRegex/*
    replay FuzzSourceReader "$here"/seeds/FuzzSourceReader/*

    # Short fuzzing runs, each from a fresh corpus of the seeds.
    for target in $("$here/fuzz.sh" targets); do
        if ! FUZZ_WORK=$work/corpus "$here/fuzz.sh" run "$target" "$seconds" >"$work/$target.log" 2>&1; then
            tail -60 "$work/$target.log" >&2
            failed+=("$target (fuzzing)")
        fi
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
        echo "smoke.sh: $target: ${runs:-?} inputs in $seconds s" >&2
    done

    echo "smoke.sh: $(($(date +%s) - started)) s" >&2
    if [[ ${#failed[@]} -gt 0 ]]; then
        printf 'smoke.sh: FAILED: %s\n' "${failed[@]}" >&2
        ls -l "$here"/crashes/*/ >&2 2>/dev/null
        exit 1
    fi
    echo "smoke.sh: ok" >&2
}

# On one line, so that bash has read the whole script before it runs.
main "$@"; exit
