#!/usr/bin/env bash
# Builds two heap profiles of testdata/generics/src with Go 1.27.3 and records `go tool pprof` goldens for
# them: the names pprof's symbolizer simplifies (`Collect[go.shape.interface { Area float64 }]`) in every
# report, in -raw (`s=N(original)`) and in -focus/-show/-list matching.
#   mem.out  BenchmarkShapes: generic code instantiated with interface, func, struct and map types
#   tls.out  BenchmarkTLSHandshake: TLS 1.3 handshakes, whose key schedule is generic over hash.Hash
#            (`hmac.New[go.shape.interface { BlockSize() int; ... }]`), as in every TLS program's profile
#
#   bash testdata/generics/regen.sh
#
# Writes testdata/generics/go1.27/{mem.out,tls.out,bench.txt,bench-tls.txt} and golden/{mem,tls}/ (files,
# commands.tsv as described in testdata/README.md; -list goldens read the sources with
# -source_path=@TD@/generics/src). As in
# testdata/regen.sh the sources are built in the fixed root /tmp/pprof-list-testdata/go1.27/generics/src
# (deleted before and after), with a fresh GOCACHE, GOPROXY=off, GOFLAGS='', GOTOOLCHAIN=local, GOENV=off,
# CGO_ENABLED=0, GOWORK=off, and pprof runs with TZ=UTC from a fresh temporary directory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
TD=$(dirname "$here")
[[ $(go env GOVERSION) == go1.27.3 ]] || { echo "regen.sh: need go1.27.3 on PATH, found $(go env GOVERSION)" >&2; exit 1; }
PPROF=$(go tool -n pprof)
ROOT=/tmp/pprof-list-testdata/go1.27/generics
out="$here/go1.27"
REPEAT=4

RUNDIR=$(mktemp -d)
CACHE=$(mktemp -d)
trap 'rm -rf "$RUNDIR" "$CACHE" "$ROOT"' EXIT
rm -rf "$ROOT" "$out"
mkdir -p "$ROOT" "$out"
cp -r "$here/src" "$ROOT/src"
gotest() { # go test arguments...
	(cd "$ROOT/src" && env GOCACHE="$CACHE" GOPROXY=off GOFLAGS= GOTOOLCHAIN=local GOENV=off CGO_ENABLED=0 GOWORK=off TZ=UTC \
		go test -run none -benchmem -memprofilerate=1 "$@")
}
gotest -bench Shapes -benchtime=2000x -memprofile mem.out >"$out/bench.txt"
gotest -bench TLSHandshake -benchtime=20x -memprofile tls.out >"$out/bench-tls.txt"
cp "$ROOT/src/mem.out" "$ROOT/src/tls.out" "$out/"
rm -rf "$ROOT"

stem=mem
g="$out/golden/$stem"
gold() { # NAME ARGS... (no blanks; @TD@ is the testdata folder)
	local name=$1 a rc rc2 errf extra
	shift
	local -a real=()
	for a in "$@"; do real+=("${a//@TD@/$TD}"); done
	errf="$g/${name%.txt}.stderr"
	rc=0
	mkdir -p "$g"
	(cd "$RUNDIR" && TZ=UTC "$PPROF" "${real[@]}" "$out/$stem.out") >"$g/$name" 2>"$errf" || rc=$?
	for _ in $(seq 2 "$REPEAT"); do
		rc2=0
		(cd "$RUNDIR" && TZ=UTC "$PPROF" "${real[@]}" "$out/$stem.out") >"$RUNDIR/out" 2>"$RUNDIR/err" || rc2=$?
		if ! cmp -s "$g/$name" "$RUNDIR/out" || ! cmp -s "$errf" "$RUNDIR/err" || [[ $rc != "$rc2" ]]; then
			echo "$name" >>"$g/unstable.txt"
			break
		fi
	done
	if [[ -s "$errf" ]]; then extra=$(basename "$errf"); else rm -f "$errf"; extra=-; fi
	printf '%s\t%s\t%s\t%s\n' "$name" "$*" "$rc" "$extra" >>"$g/commands.tsv"
}

src="-source_path=@TD@/generics/src"
trim="-trim_path=$ROOT/src"
gold raw.txt -raw
for si in alloc_space alloc_objects inuse_space; do
	gold "top.$si.txt" -top -sample_index=$si
	gold "top-lines.$si.txt" -top -lines -sample_index=$si
done
gold top-cum.txt -top -cum
gold top-noinlines.txt -top -noinlines
gold top-filefunctions.txt -top -filefunctions
gold traces.txt -traces
gold traces-lines.txt -traces -lines
gold tags.txt -tags
gold peek-Collect.txt -peek=Collect
gold peek-shape-lines.txt -peek=go\\.shape -lines
# Matching sees the simplified name: "Area()" is gone from Collect's name, kept in the method's.
gold top-focus-simplified.txt '-top' '-focus=Collect\[go\.shape\.interface\s\{\sArea\sfloat64\s\}\]'
gold top-focus-original.txt '-top' '-focus=Area\(\)'
gold top-show-func.txt '-top' '-show=\[go\.shape\.func\s'
gold top-hide-shape.txt -top -hide=go.shape
gold list.Collect.trim.txt -list 'generics\.Collect' "$trim" "$src"
gold list.Apply.trim.txt -list 'Apply\[go\.shape\.func\sint\]$' "$trim" "$src"
gold list.Put.trim.txt -list 'Area\(\)\s\w+\s\}\]\)\.Put' "$trim" "$src"
gold list.original.trim.txt -list 'func\(int\)' "$trim" "$src"
gold top-merge-self.txt -top -nodecount=6 @TD@/generics/go1.27/mem.out
gold top-diff_base-self.txt -top -nodecount=6 -diff_base @TD@/generics/go1.27/mem.out

# The TLS handshakes: the key schedule's generic functions, their callers and callees, their lines.
stem=tls
g="$out/golden/$stem"
gold raw.txt -raw
gold top.txt -top
gold top-lines.txt -top -lines
gold top-cum-nodecount20.txt -top -cum -nodecount=20
gold traces-focus-hmac.txt -traces -focus=hmac
gold tags.txt -tags
gold peek-hmac.txt -peek=hmac
gold peek-tls13-lines.txt -peek=tls13 -lines
gold top-focus-simplified.txt '-top' '-focus=hmac\.New\[go\.shape\.interface\s\{\sBlockSize\sint;'
gold top-show-shape.txt -top -show=go.shape

for g in "$out"/golden/*/; do
	sort -o "$g/commands.tsv" "$g/commands.tsv"
	[[ ! -f "$g/unstable.txt" ]] || sort -o "$g/unstable.txt" "$g/unstable.txt"
	if grep -rlF -e "$TD" "$g" >&2; then
		echo "regen.sh: WARNING: the goldens above contain the repo path $TD (location-dependent)" >&2
	fi
	echo "regen.sh: $(wc -l <"$g/commands.tsv") goldens written to $g" >&2
done
