#!/usr/bin/env bash
# Builds and runs the libFuzzer targets of pprof-list. See README.md.
#
#   FuzzTesting/fuzz.sh build [TARGET...]            build (all targets by default)
#   FuzzTesting/fuzz.sh run TARGET [SECONDS] [-- LIBFUZZER-ARGS...]
#                                                     fuzz TARGET (default 1200 s) from its corpus
#   FuzzTesting/fuzz.sh replay TARGET FILE...         run TARGET once on each file (a crasher, a corpus)
#   FuzzTesting/fuzz.sh corpus TARGET                 (re)fill TARGET's corpus with seeds, print its path
#   FuzzTesting/fuzz.sh minimize TARGET CRASHER       minimise a crasher to CRASHER.min
#   FuzzTesting/fuzz.sh targets                       list the targets
#
# Environment: FUZZ_WORK (default /tmp/pprof-list-fuzz) holds the corpora, which grow across runs and are
# never committed; crashers go to FuzzTesting/crashes/TARGET/ (ignored by git). FUZZ_JOBS=N runs N
# fuzzing processes in parallel (libFuzzer -fork=N; default 1: others share this machine).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
scratch=${FUZZ_SCRATCH:-$root/.build-fuzz}
work=${FUZZ_WORK:-/tmp/pprof-list-fuzz}
crashes=$here/crashes
targets=(FuzzWireReader FuzzProfile FuzzProfileStreaming FuzzEscapeText FuzzEscapeJSON FuzzRegex FuzzSourceReader)
sanitizers=fuzzer,address

export SWIFT_BACKTRACE=enable=no
# Swift seeds its hasher per process; a crash that depends on dictionary order must replay.
export SWIFT_DETERMINISTIC_HASHING=1
# Leaks are checked (LeakSanitizer); a failed malloc returns NULL, as the loaders handle it.
export ASAN_OPTIONS=${ASAN_OPTIONS:-allocator_may_return_null=1}

die() { echo "fuzz.sh: $*" >&2; exit 2; }

check_target() {
    local t
    for t in "${targets[@]}"; do [[ $t == "$1" ]] && return 0; done
    die "unknown target $1 (targets: ${targets[*]})"
}

binary() { echo "$scratch/release/$1"; }

build() {
    local list=("$@")
    [[ ${#list[@]} -gt 0 ]] || list=("${targets[@]}")
    local t
    for t in "${list[@]}"; do check_target "$t"; done
    # SwiftPM keeps the build plan of a path dependency across builds and misses files added to or
    # removed from the main package: drop the plan so that it is made again (the objects stay).
    rm -f "$scratch/release.yaml" "$scratch/release/description.json"
    for t in "${list[@]}"; do
        # The main package's modules compile once, instrumented, and are shared by every target.
        (cd "$here" && swift build -c release --scratch-path "$scratch" --product "$t" \
            -Xswiftc "-sanitize=$sanitizers" -Xswiftc -g >&2)
        # SwiftPM cannot link an executable whose main() is libFuzzer's: link the library by hand. The
        # system libraries' own link flags do not travel with a static archive: zlib, RE2 and the C++
        # runtime RE2 and its C face (CRE2) need.
        swiftc "-sanitize=$sanitizers" -g -use-ld=lld "$scratch/release/lib$t.a" -lz -lre2 -lstdc++ -o "$(binary "$t")"
        echo "built $(binary "$t")" >&2
    done
}

ensure_built() {
    local missing=() t
    for t in "$@"; do [[ -x $(binary "$t") ]] || missing+=("$t"); done
    [[ ${#missing[@]} -eq 0 ]] || build "${missing[@]}"
}

# Copies seed files (each under 256 KiB) into a corpus directory; gzip'ed profiles also go in inflated,
# so the wire reader and the raw path of the loader start from real protobuf.
seed() {
    local target=$1 dir=$2 f
    mkdir -p "$dir"
    add() { [[ -f $1 && $(stat -c %s "$1") -le 262144 ]] && cp -f "$1" "$dir/$2" || true; }
    inflated() { [[ -f $1 ]] && gzip -dc "$1" >"$dir/$2" 2>/dev/null || rm -f "$dir/$2"; }
    key() { echo "$1" | sed -e "s|^$root/||" -e 's|[/%]|_|g'; }
    case $target in
    FuzzWireReader)
        while IFS= read -r f; do inflated "$f" "$(key "$f").pb"; done < <(find "$root/testdata" -name '*.out' -size -64k)
        ;;
    FuzzProfile)
        while IFS= read -r f; do
            add "$f" "$(key "$f")"
            inflated "$f" "$(key "$f").pb"
        done < <(find "$root/testdata" -name '*.out' -size -64k)
        if [[ -d $root/testdata/malformed ]]; then
            while IFS= read -r f; do add "$f" "$(key "$f")"; done \
                < <(find "$root/testdata/malformed" -type f \( -path '*/profile/*' -o -path '*/cli/*' \))
        fi
        ;;
    FuzzProfileStreaming)
        # The first byte picks the shape (see FuzzChecks+Streaming.swift): each profile with a window
        # boundary 36 bytes and 400 bytes into it, and without padding in two gzip members.
        while IFS= read -r f; do
            local k
            k=$(key "$f")
            { printf '\x0b'; gzip -dc "$f"; } >"$dir/$k.near.pb" 2>/dev/null || rm -f "$dir/$k.near.pb"
            { printf '\x73'; gzip -dc "$f"; } >"$dir/$k.far.pb" 2>/dev/null || rm -f "$dir/$k.far.pb"
            { printf '\x06'; gzip -dc "$f"; } >"$dir/$k.members.pb" 2>/dev/null || rm -f "$dir/$k.members.pb"
        done < <(find "$root/testdata" -name '*.out' -size -64k)
        ;;
    FuzzEscapeText)
        while IFS= read -r f; do add "$f" "$(key "$f")"; done < <(find "$root/testdata" -name '*.log' -size -64k)
        if [[ -d $root/testdata/malformed/escape ]]; then
            while IFS= read -r f; do add "$f" "$(key "$f")"; done < <(find "$root/testdata/malformed/escape" -type f ! -name '*.json')
        fi
        ;;
    FuzzEscapeJSON)
        while IFS= read -r f; do add "$f" "$(key "$f")"; done < <(find "$root/testdata" -name '*.json' -size -64k)
        ;;
    FuzzRegex) ;;  # its seeds are all in seeds/FuzzRegex/
    FuzzSourceReader)
        while IFS= read -r f; do add "$f" "$(key "$f")"; done < <(find "$root/testdata" -name '*.go' -size -64k | head -50)
        ;;
    esac
    if [[ -d $here/seeds/$target ]]; then
        for f in "$here/seeds/$target"/*; do add "$f" "seed-$(basename "$f")"; done
    fi
}

corpus() {
    check_target "$1"
    seed "$1" "$work/$1"
    echo "$work/$1"
}

run() {
    local target=$1 seconds=${2:-1200}
    shift $(($# >= 2 ? 2 : 1))
    [[ ${1:-} == -- ]] && shift
    check_target "$target"
    ensure_built "$target"
    seed "$target" "$work/$target"
    mkdir -p "$crashes/$target"
    local jobs=${FUZZ_JOBS:-1} parallel=() extra=()
    [[ $jobs -gt 1 ]] && parallel=(-fork="$jobs" -ignore_crashes=1)
    # Shorter inputs, more of them: the wire walk costs input size times nesting depth (at most 8), and
    # an escape log of 16 KiB has a few hundred lines, plenty for the parsers' line-level logic.
    case $target in
    FuzzWireReader) extra=(-max_len=4096) ;;
    FuzzEscape*) extra=(-max_len=16384) ;;
    # A pattern and a name: pprof's are under a few KiB; longer ones only slow the search down.
    FuzzRegex) extra=(-max_len=4096) ;;
    # Past the reader's 64 KiB chunk, and past the 64 KiB line limit.
    FuzzSourceReader) extra=(-max_len=200000) ;;
    esac
    [[ -f $here/dicts/$target.dict ]] && extra+=(-dict="$here/dicts/$target.dict")
    # -timeout: any single input taking 10 s is a hang (linear-time decoding takes milliseconds here).
    # -malloc_limit_mb: one allocation sized by a declared length, not by bytes that exist, is a crash.
    # -rss_limit_mb: the inflated cap is 16 MiB while fuzzing, so 2 GiB means a leak or a blow-up.
    nice -n 5 "$(binary "$target")" "$work/$target" \
        -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -max_total_time="$seconds" \
        -print_final_stats=1 -artifact_prefix="$crashes/$target/" "${extra[@]}" "${parallel[@]}" "$@"
}

replay() {
    local target=$1
    shift
    check_target "$target"
    ensure_built "$target"
    [[ $# -gt 0 ]] || die "replay needs files"
    "$(binary "$target")" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -runs=1 "$@"
}

minimize() {
    local target=$1 crasher=$2
    check_target "$target"
    ensure_built "$target"
    "$(binary "$target")" -minimize_crash=1 -max_total_time="${FUZZ_MINIMIZE_SECONDS:-120}" -timeout=10 \
        -exact_artifact_path="$crasher.min" "$crasher"
}

main() {
    [[ $# -ge 1 ]] || die "usage: fuzz.sh build|run|replay|corpus|minimize|targets ..."
    local command=$1
    shift
    case $command in
    build) build "$@" ;;
    run) [[ $# -ge 1 ]] || die "run needs a target"; run "$@" ;;
    replay) [[ $# -ge 1 ]] || die "replay needs a target"; replay "$@" ;;
    corpus) [[ $# -eq 1 ]] || die "corpus needs a target"; corpus "$1" ;;
    minimize) [[ $# -eq 2 ]] || die "minimize needs a target and a file"; minimize "$@" ;;
    targets) printf '%s\n' "${targets[@]}" ;;
    *) die "unknown command $command" ;;
    esac
}

# On one line, so that bash has read the whole script before it runs: editing it during a long run is safe.
main "$@"; exit
