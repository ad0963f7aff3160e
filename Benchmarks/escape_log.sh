#!/usr/bin/env bash
# Escape-log parsing speed: a 50 MB -m=2 log (real Go 1.27 logs of testdata repeated) joined onto a small
# profile, against the same run without the log; medians of 5 runs. The difference is the cost of reading,
# parsing and indexing the log.
#
# usage: Benchmarks/escape_log.sh [path/to/release/pprof-list]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-}
if [ -z "$binary" ]; then
    (cd "$repo" && swift build -c release --scratch-path .build-bench >/dev/null)
    binary=$repo/.build-bench/release/pprof-list
fi
work=$(mktemp -d /tmp/pprof-list-escape-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

seed_logs=("$repo"/testdata/seed/go1.27/*/escape*.log)
zcat "$repo/testdata/stdlib/go1.27/escape.log.gz" > "$work/stdlib.log"
: > "$work/big.log"
while [ "$(stat -c %s "$work/big.log")" -lt $((50 * 1024 * 1024)) ]; do
    cat "$work/stdlib.log" "${seed_logs[@]}" >> "$work/big.log"
done
size=$(stat -c %s "$work/big.log")
profile=$repo/testdata/seed/go1.27/example1/mem.out

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
run() {  # prints wall seconds of each of 5 runs
    for _ in 1 2 3 4 5; do
        local start end
        start=$(date +%s.%N)
        "$@" >/dev/null
        end=$(date +%s.%N)
        echo "$end - $start" | bc -l
    done
}

with_log=$(run "$binary" -escape "$work/big.log" -hot=3 "$profile" | median)
without_log=$(run "$binary" -hot=3 "$profile" | median)
printf 'escape log: %.1f MB, %d lines\n' "$(echo "$size / 1048576" | bc -l)" "$(wc -l < "$work/big.log")"
printf 'pprof-list with the log:    %.3f s (median of 5)\n' "$with_log"
printf 'pprof-list without the log: %.3f s (median of 5)\n' "$without_log"
printf 'parse + index + join:       %.3f s\n' "$(echo "$with_log - $without_log" | bc -l)"
