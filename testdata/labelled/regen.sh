#!/usr/bin/env bash
# regen.sh — regenerate every generated file of the labelled corpus (testdata/labelled/) with real Go toolchains.
#
# Usage:   bash testdata/labelled/regen.sh              (from anywhere; 3-5 minutes on 2 cores)
#          bash testdata/labelled/regen.sh NAME...      (only these programs, e.g. own-go1.27 strings-go1.19)
#
# Programs (one folder each, NAME = <program>-<tag>; <tag> = go1.27 (Go 1.27.3, `go` on PATH, override with
# GO127=...) or go1.19 (Go 1.19.8, GO119=..., default /usr/lib/go-1.19/bin/go)):
#   own-go1.27, own-go1.19   the module example.com/labelled in src/ (packages shapes and shapes/store; the
#                            benchmarks are in shapes/store/store_test.go), -gcflags=example.com/labelled/...=-m=2
#   <pkg>-<tag>              a standard-library package's own benchmarks, -gcflags=<pkgpath>=-m=2 (the log covers
#                            exactly that package, its internal tests and its external test package <pkg>_test;
#                            json-go1.27: encoding/json/..., see STDLIB)
# The table STDLIB below lists, per program: folder name, package path, -bench regexp, -benchtime, memprofilerate
# (1 = every allocation, exact; "default" = the runtime's 512 KiB sampling).
#
# Outputs per program folder (all written by real toolchains; never edited by hand):
#   mem.out          the heap profile (go test -memprofile)
#   escape.log       the compiler's stderr of that go test command (-gcflags=PKG=-m=2); escape.log.gz (gzip -n -9)
#                    instead when it is over 1 MB
#   bench.txt        go test's stdout
#   json/            own-* only: the same build's diagnostics as -gcflags=example.com/labelled/...=-json=0,DIR
#                    (logopt files, one folder per package; not used by the labels, which read escape.log)
#   hot.tsv          rank_hot_lines.py on `go tool pprof -raw mem.out` (Go 1.27.3's pprof) and the escape log: the
#                    20 hottest lines as pprof-list's default report attributes them (the lines labels.tsv labels)
# labels.tsv (one file for all programs) is NOT generated: it is written by reading escape.log and the sources of
# the lines hot.tsv lists. After a regeneration the ranking may change (sampling, timing): run check_labels.py.
#
# Reproducibility rules (as testdata/regen.sh):
#   * Sources are copied to the FIXED build root /tmp/pprof-list-testdata/labelled/<tag>/src, so the file names in
#     profiles and logs do not depend on where the repo is cloned; standard-library tests run from a fixed empty
#     directory /tmp/pprof-list-testdata/labelled/<tag>/run-<pkg> (their file names are $GOROOT/src/...).
#     The build root is deleted before and after the run.
#   * Each toolchain builds with a fresh GOCACHE (so every escape log is complete: no cache-hit replay),
#     GOPROXY=off, GOFLAGS='', GOTOOLCHAIN=local, GOENV=off, CGO_ENABLED=0, TZ=UTC, LC_ALL=C.
#   * One go command at a time (the machine has 2 cores shared with others).
set -euo pipefail

TD="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT=/tmp/pprof-list-testdata/labelled
GO127="${GO127:-go}"
GO119="${GO119:-/usr/lib/go-1.19/bin/go}"
PYTHON="${PYTHON:-python3}"
HOT_N=20

export GOPROXY=off GOFLAGS= GOTOOLCHAIN=local GOENV=off CGO_ENABLED=0 GOWORK=off GO111MODULE=on TZ=UTC LC_ALL=C
unset GOEXPERIMENT GODEBUG GOAMD64 GOARCH GOOS GOROOT GOPATH GOCACHE 2>/dev/null || true

# name ; package path ; -bench regexp ; -benchtime ; memprofilerate [; -gcflags package pattern, default the package path]
# (";"-separated: the regexps hold "|"). json-go1.27 logs encoding/json/... : since Go 1.25 encoding/json is a thin
# layer over encoding/json/v2 and jsontext, where its work and allocations are.
STDLIB=(
	"strings-go1.27;strings;^Benchmark(BuildString_Builder|BuildString_ByteBuffer|Repeat|Map|ToUpper|ToLower|Replace|Join|ReplaceAll|ByteByteMap|HTMLEscapeNew|HTMLEscapeOld|Clone|ByteStringReplacerWriteString)$;60000x;1"
	"strconv-go1.27;strconv;^Benchmark(Quote|QuoteRune|UnquoteEasy|UnquoteHard)$;20000x;1"
	"fmt-go1.27;fmt;^Benchmark(Sprintf(String|QuoteString|Int|IntInt|PrefixedInt|Float|Complex|Boolean|HexString|HexBytes|Bytes|Stringer|Structure|Padding|TruncateString)|ManyArgs|FprintfBytes)$;5000x;1"
	"regexp-go1.27;regexp;^Benchmark(Compile|ReplaceAll|FindAllTenMatches|FindSubmatch|FindStringSubmatch|QuoteMetaAll|Literal|NotLiteral|OnePassShortA|NotOnePassShortA)$;2000x;1"
	"flate-go1.27;compress/flate;^Benchmark(Encode|Decode)$/^Digits$/^(Speed|Default|Compression)$/^1e4$;30x;1"
	"parser-go1.27;go/parser;^Benchmark(Parse|ParseOnly|Resolve)$;10x;1"
	"url-go1.27;net/url;.;3000x;1"
	"tls-go1.27;crypto/tls;^BenchmarkHandshakeServer$/^(RSA|ECDHE-P256-ECDSA-P256)$;100x;1"
	"htmltemplate-go1.27;html/template;^Benchmark(EscapedExecute|TemplateSpecialTags|JSValEscaperWithObj|CSSEscaper|StripTags|HTMLNospaceEscaper)$;2000x;1"
	"json-go1.27;encoding/json;^Benchmark(MarshalMap|UnmarshalMap|EncoderEncode|UnmarshalString|UnmarshalInt64|Issue10335|Unmapped|EncodeMarshaler)$;20000x;1;encoding/json/..."
	"strings-go1.19;strings;^Benchmark(BuildString_Builder|BuildString_ByteBuffer|Repeat|Map|ToUpper|ToLower|Replace|Join|ReplaceAll|ByteByteMap|HTMLEscapeNew|HTMLEscapeOld|Clone|ByteStringReplacerWriteString)$;60000x;1"
	"strconv-go1.19;strconv;^Benchmark(FormatInt|AppendInt|FormatFloat|Atof64|Quote|QuoteRune|UnquoteEasy|UnquoteHard|Itoa)$;2000x;1"
	"url-go1.19;net/url;.;3000x;1"
)

START=$(date +%s)
log() { echo "[labelled $(($(date +%s) - START))s] $*" >&2; }

check_version() { # gobin want
	local v
	v=$("$1" env GOVERSION)
	[[ "$v" == "$2" ]] || { echo "regen.sh: $1 is $v, want $2" >&2; exit 1; }
}
check_version "$GO127" go1.27.3
check_version "$GO119" go1.19.8
PPROF=$("$GO127" tool -n pprof)
[[ -x "$PPROF" ]] || { echo "regen.sh: cannot resolve go tool pprof" >&2; exit 1; }

SELECTED=("$@")
selected() {
	((${#SELECTED[@]} == 0)) && return 0
	local s
	for s in "${SELECTED[@]}"; do [[ $s == "$1" ]] && return 0; done
	return 1
}

gobin() { case $1 in go1.27) echo "$GO127" ;; go1.19) echo "$GO119" ;; esac; }

setup_tag() { # tag: fresh GOCACHE per toolchain, shared by that toolchain's programs within this run
	export GOCACHE="$ROOT/gocache-$1" GOPATH="$ROOT/gopath-$1" GOTMPDIR=
	mkdir -p "$GOCACHE" "$GOPATH"
}

# finish OUT LOG: store the log (gzip when over 1 MB) and rank the hot lines
finish() {
	local out=$1 logf=$2
	if (($(stat -c %s "$logf") > 1048576)); then
		gzip -n -9 -c "$logf" >"$out/escape.log.gz"
		rm -f "$out/escape.log"
	else
		cp "$logf" "$out/escape.log"
		rm -f "$out/escape.log.gz"
	fi
	(cd "$ROOT" && "$PPROF" -raw "$out/mem.out") >"$ROOT/raw.txt" 2>/dev/null
	"$PYTHON" "$TD/rank_hot_lines.py" "$ROOT/raw.txt" "$logf" "$HOT_N" >"$out/hot.tsv"
}

run_own() { # tag
	local tag=$1 GO out b
	GO=$(gobin "$tag")
	out="$TD/own-$tag"
	b="$ROOT/$tag/src"
	log "own-$tag"
	setup_tag "$tag"
	rm -rf "$b" "$out"
	mkdir -p "$(dirname "$b")" "$out"
	cp -R "$TD/src" "$b"
	(
		cd "$b"
		"$GO" test -gcflags='example.com/labelled/...=-m=2' -run '^$' -bench . -benchmem -benchtime=2000x \
			-memprofilerate=1 -memprofile "$out/mem.out" ./shapes/store >"$out/bench.txt" 2>"$ROOT/escape.log"
		# the same diagnostics as -json=0 logopt files (a fresh directory in the flags forces the compile)
		"$GO" test -c -o /dev/null -gcflags="example.com/labelled/...=-json=0,$ROOT/json-$tag" ./shapes/store >/dev/null 2>&1
	)
	mkdir -p "$out/json"
	cp -R "$ROOT/json-$tag"/. "$out/json"/
	finish "$out" "$ROOT/escape.log"
}

run_stdlib() { # entry
	local name pkg bench btime rate gcpat tag GO out run
	IFS=';' read -r name pkg bench btime rate gcpat <<<"$1"
	gcpat=${gcpat:-$pkg}
	tag=${name##*-}
	GO=$(gobin "$tag")
	out="$TD/$name"
	run="$ROOT/$tag/run-${pkg//\//_}"
	log "$name ($pkg, -gcflags=$gcpat=-m=2, -bench '$bench', $btime, memprofilerate=$rate)"
	setup_tag "$tag"
	rm -rf "$run" "$out"
	mkdir -p "$run" "$out"
	local -a rateflag=()
	[[ $rate == default ]] || rateflag=("-memprofilerate=$rate")
	(
		cd "$run"
		"$GO" test -gcflags="$gcpat=-m=2" -run '^$' -bench "$bench" -benchmem -benchtime="$btime" \
			"${rateflag[@]}" -memprofile "$out/mem.out" "$pkg" >"$out/bench.txt" 2>"$ROOT/escape.log"
	)
	finish "$out" "$ROOT/escape.log"
}

rm -rf "$ROOT"
mkdir -p "$ROOT"
trap 'rm -rf "$ROOT"' EXIT

for tag in go1.27 go1.19; do
	if selected "own-$tag"; then run_own "$tag"; fi
	for entry in "${STDLIB[@]}"; do
		name=${entry%%;*}
		[[ ${name##*-} == "$tag" ]] || continue
		if selected "$name"; then run_stdlib "$entry"; fi
	done
done

log "done; size: $(du -sh "$TD" | cut -f1)"
