#!/usr/bin/env bash
# -escape=auto speed on the seed module (testdata/seed/src, module flaws): the three seed profiles
# (example1, 3, 5: three test packages, one `go test -c` command) reported with the compiler's analysis run
# by pprof-list, three ways:
#   cold   empty pprof-list cache and an empty Go build cache (the standard library is compiled too: a new machine)
#   first  empty pprof-list cache, the Go build cache warm but the three packages edited (a comment added):
#          the compiler analyses them again, as after a code change
#   cached the same command again: served from pprof-list's cache, no compiler started
# Medians of 5 runs (cold: 1 run). Needs go on the PATH.
#
# usage: Benchmarks/auto_escape.sh [path/to/release/pprof-list]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
binary=${1:-}
if [ -z "$binary" ]; then
    (cd "$repo" && swift build -c release --scratch-path .build-bench >/dev/null)
    binary=$repo/.build-bench/release/pprof-list
fi
command -v go >/dev/null || { echo "auto_escape.sh: go is not on PATH" >&2; exit 1; }
work=$(mktemp -d /tmp/pprof-list-auto-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -R "$repo/testdata/seed/src" "$work/src"
root=$(cat "$repo/testdata/seed/go1.27/build-root")
profiles=("$repo"/testdata/seed/go1.27/example{1,3,5}/mem.out)
export GOTOOLCHAIN=local PPROF_LIST_ESCAPE=auto

run_once() {  # prints wall seconds
    local start end
    start=$(date +%s.%N)
    "$binary" -escape=auto -trim_path "$root" -source_path "$work/src" "${profiles[@]}" >/dev/null 2>"$work/stderr" \
        || { cat "$work/stderr" >&2; exit 1; }
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
edit_packages() {
    local n=$1
    for ex in example1 example3 example5; do echo "// edit $n" >> "$work/src/$ex/${ex}_test.go"; done
}

cold=$(XDG_CACHE_HOME=$work/cache-cold GOCACHE=$work/gocache-cold run_once)
gocache=$(go env GOCACHE)
first=$(for i in 1 2 3 4 5; do edit_packages "$i"; XDG_CACHE_HOME=$work/cache-$i GOCACHE=$gocache run_once; done | median)
cached=$(for i in 1 2 3 4 5; do XDG_CACHE_HOME=$work/cache-5 GOCACHE=$gocache run_once; done | median)
section=$(cat <<SECTION
<!-- auto_escape.sh: this section is rewritten by Benchmarks/auto_escape.sh -->
## -escape=auto on the seed module

\`bash Benchmarks/auto_escape.sh\`: the three seed profiles (example1, 3, 5) with \`-escape=auto\`, sources in a
copy of testdata/seed/src (three test packages, one \`go test -c\` command); $(go version | cut -d' ' -f3-),
pprof-list release build at commit $(cd "$repo" && git rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC').
Wall time, medians of 5 runs (cold: 1 run).

| run | what happens | wall |
|---|---|---|
| cold | empty pprof-list cache, empty Go build cache: the standard library is compiled too | $(printf '%.2f' "$cold") s |
| first | empty pprof-list cache, Go build cache warm, the three packages edited: the compiler analyses them | $(printf '%.2f' "$first") s |
| cached | the same command again: pprof-list's cache, only \`go env\` runs | $(printf '%.2f' "$cached") s |
<!-- /auto_escape.sh -->
SECTION
)
echo "$section"
python3 - "$repo/Benchmarks/results.md" "$section" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- auto_escape\.sh:.*?<!-- /auto_escape\.sh -->\n?", re.S)
text = pattern.sub(lambda _: section + "\n", text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
