#!/usr/bin/env bash
# regen.sh — regenerate every generated file under testdata/ from real Go toolchains.
#
# Usage:   bash testdata/regen.sh                  (from anywhere; takes ~3-6 minutes on 2 cores)
#          bash testdata/regen.sh --only noinline  (only the "noinline" section below; leaves every other file alone)
#          bash testdata/regen.sh --only fixed     (only the "fixed" section below; leaves every other file alone)
#          bash testdata/regen.sh --only generated (only the "generated" section below; leaves every other file alone)
#
# Sections:
#   (all)     seed examples built with -gcflags='-m -m', the demo module, encoding/json (stdlib), and their goldens.
#   noinline  seed examples 2 and 4 built AGAIN with -gcflags='-m -m -l' (inlining disabled), written next to the
#             normal files as seed/<tag>/exampleN/{mem-noinline.out,escape-noinline.log,bench-noinline.txt,
#             json-noinline/,golden/mem-noinline/}. Reason: with inlining (the default) modern toolchains inline
#             wrapHandler and its closures and devirtualise the interface calls, so BenchmarkHandler (Go 1.27) and
#             BenchmarkInterfaces (both toolchains) allocate nothing. Only with -l do they allocate again as the
#             article describes: example2 line 19 `var r http.Request` (moved to heap: r), example4 lines 24/25
#             `x2 := X{"bill"}` / `foo(x2)` (moved to heap: x2, x2 escapes to heap).
#             A full run includes this section (the full run deletes and rewrites seed/<tag>/exampleN);
#             `--only noinline` reruns it alone, deleting and rewriting only those *-noinline files.
#   fixed     Go 1.27.3 only: seed example1 FIXED as the article suggests (testdata/seed/src-fixed: line 17
#             `x2 := &X{p: &i2}` instead of `x2 := &X{}` + line 18 `x2.p = &i2`; every other line unchanged, so
#             the line numbers match), built with the same go test command as mem.out (-gcflags='-m -m',
#             -memprofilerate=1) in the SAME build root /tmp/pprof-list-testdata/go1.27/seed/src (so the file name in
#             both profiles is identical and -base / -diff_base line up), own fresh GOCACHE. Writes
#             seed/go1.27/example1/{mem-fixed.out,escape-fixed.log,bench-fixed.txt,golden/mem-fixed/}. Its -list
#             goldens use -source_path=@TD@/seed/src-fixed (not @SRC@, which always means testdata/seed/src),
#             its diff goldens use the unfixed seed/go1.27/example1/mem.out as the base. A full run includes it;
#             `--only fixed` reruns it alone (needs the committed seed/go1.27/example1/mem.out for the diff goldens).
#   generated Go 1.27.3 pprof only: two heap profiles written by Benchmarks/generate_profile.py (the synthetic
#             ~33-frame stacks the benchmarks use, with inlined frames and the recursion render.walkTree ->
#             (*Visitor).visitNode -> (*Visitor).visitChildren (inline) -> walkTree), so the conformance goldens
#             also cover profiles far larger and deeper than the testdata programs produce:
#               generated/small/mem.out  generate_profile.py --size small --seed 1                  (2200 samples)
#               generated/deep/mem.out   generate_profile.py --samples 6000 --functions 900 --seed 2
#             and golden/mem/ for each: the heap_commands set plus -list goldens in the .nosrc form only (the
#             profiles name source files under /home/build/go/pkg/mod/ that exist nowhere, so pprof prints its
#             ` Error: open ...` line; @SRC@ is never used). The -list regexps match only generated application
#             functions, never the standard library (whose fake GOROOT /usr/local/go/src may exist on a machine).
#             The generator is deterministic from --seed (Python's random), so a rerun writes the same profile
#             (byte for byte with the same zlib). A full run includes this section; `--only generated` reruns it
#             alone (needs python3 and Go 1.27.3, not Go 1.19).
#
# Inputs (committed, hand-written Go programs):
#   testdata/seed/src/   module "flaws"            the five examples of the escape-analysis-flaws article
#   testdata/seed/src-fixed/  module "flaws"       only example1/example1_test.go, with example 1 fixed (section fixed)
#   testdata/demo/src/   module "example.com/demo" inlining / recursion / fmt / labels / CPU demo
#   Benchmarks/generate_profile.py                 synthetic heap profiles (section generated; run with python3)
#
# Outputs (all produced by real toolchains or, for generated/, by the generator; never edited by hand):
#   testdata/{seed/<tag>/<example>,demo/<tag>,stdlib/go1.27}/   profiles, escape logs, bench output, json
#   testdata/generated/{small,deep}/mem.out                     generate_profile.py output (section generated)
#   .../golden/<stem>/                                          output of the REAL `go tool pprof` (Go 1.27.3)
#                                                               for the profile ../../<stem>.out
#   .../golden/<stem>/commands.tsv                              one line per golden, 4 TAB-separated columns:
#        1 golden stdout file (relative to the golden dir)
#        2 pprof arguments, space-separated (no `go tool pprof`, no profile path: the profile
#          ../../<stem>.out is ALWAYS appended as the last argument). Tokens to substitute:
#             @SRC@  absolute path of the matching src folder in the repo (testdata/seed/src or testdata/demo/src)
#             @TD@   absolute path of the repo's testdata/ folder (used for second profiles: -diff_base @TD@/...)
#        3 exit status of pprof
#        4 file holding pprof's stderr (`<name>.stderr`), or `-` when stderr was empty
#   <tag> is go1.27 (Go 1.27.3, `go` on PATH; override with GO127=...) or go1.19 (Go 1.19.8, GO119=...).
#
# Reproducibility rules the goldens rely on:
#   * Sources are copied to the FIXED build root /tmp/pprof-list-testdata/<tag>/{seed,demo}/src so the file
#     names recorded in profiles do not depend on where the repo is cloned. The build root is deleted before
#     and after the run, so tests see the "missing source" state.
#   * pprof runs with TZ=UTC, from a fresh `mktemp -d` directory (its basename never occurs in profile paths;
#     pprof's source lookup uses the cwd's basename as a heuristic when -source_path is not given).
#   * -list goldens come in three forms: `.trim` (-trim_path=<build root src> -source_path=@SRC@, generated
#     while the build root exists), `.srcpath` (-source_path=@SRC@ only; pprof's basename heuristic strips
#     through "/src/"), `.nosrc` (no flags, generated AFTER the build root was deleted: ` Error: open ...`).
#   * Builds use a fresh GOCACHE (so escape logs are complete and JSON is written), GOPROXY=off,
#     GOFLAGS='', GOTOOLCHAIN=local, GOENV=off, CGO_ENABLED=0.
#   * Each golden command is run $REPEAT (4) times; commands whose output differed between runs are listed in
#     golden/<stem>/unstable.txt (pprof sorts some ties with an unstable sort). Best effort: a command not
#     listed there may still be unstable (seen: `-top -files` on Go >= 1.20 profiles).
set -euo pipefail

usage() { sed -n '4,7p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2; exit 2; }
ONLY=                    # empty = everything; "noinline" / "fixed" / "generated" = only that section
while (($#)); do
	case $1 in
	--only) (($# >= 2)) || usage; ONLY=$2; shift 2 ;;
	--only=*) ONLY=${1#--only=}; shift ;;
	-h | --help) usage ;;
	*) echo "regen.sh: unknown argument '$1'" >&2; usage ;;
	esac
done
case $ONLY in
"" | noinline | fixed | generated) ;;
*) echo "regen.sh: unknown section '$ONLY' (known: noinline, fixed, generated)" >&2; exit 2 ;;
esac

TD="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT=/tmp/pprof-list-testdata
GO127="${GO127:-go}"
GO119="${GO119:-/usr/lib/go-1.19/bin/go}"
PYTHON="${PYTHON:-python3}"
GENERATOR="$(cd "$TD/.." && pwd)/Benchmarks/generate_profile.py"

export GOPROXY=off GOFLAGS= GOTOOLCHAIN=local GOENV=off CGO_ENABLED=0 GOWORK=off GO111MODULE=on TZ=UTC LC_ALL=C
unset GOEXPERIMENT GODEBUG GOAMD64 GOARCH GOOS GOROOT GOPATH GOCACHE 2>/dev/null || true

START=$(date +%s)
log() { echo "[regen $(($(date +%s) - START))s] $*" >&2; }

check_version() { # gobin want
	local v
	v=$("$1" env GOVERSION)
	[[ "$v" == "$2" ]] || { echo "regen.sh: $1 is $v, want $2" >&2; exit 1; }
}
check_version "$GO127" go1.27.3
# sections fixed and generated use Go 1.27.3 only
[[ $ONLY == fixed || $ONLY == generated ]] || check_version "$GO119" go1.19.8

# The pprof that `go tool pprof` runs (Go >= 1.24 builds it on demand and caches it; `go tool -n` prints its path).
PPROF=$("$GO127" tool -n pprof)
[[ -x "$PPROF" ]] || { echo "regen.sh: cannot resolve go tool pprof" >&2; exit 1; }

rm -rf "$ROOT"
mkdir -p "$ROOT"
RUNDIR=$(mktemp -d)                    # cwd for every pprof invocation
SPEC="$ROOT/golden-spec.tsv"           # dir, name, args, phase
: >"$SPEC"
trap 'rm -rf "$RUNDIR"' EXIT

SEED_EXAMPLES="example1 example2 example3 example4 example5"
SEED_N=100000        # iterations per seed benchmark (memprofilerate=1: exact counts)
SEED_DEFAULT_N=1000000   # example1 at the default MemProfileRate (mem-defaultrate.out)
DEMO_N=20000         # demo mem.out / mem-trimpath.out
DEMO_B_N=10000       # demo mem-b.out (second profile for -base/-diff_base/merge)
DEMO_MEM_BENCH='Build|Format|Rec'
REPEAT=4             # each golden command is run this many times to detect unstable output
NOINLINE_EXAMPLES="example2 example4"   # seed examples that allocate only with -gcflags=-l (see top)
FIXED_TAG=go1.27     # section fixed: toolchain tag (Go 1.27.3 only)
# section generated: output folder under testdata/generated and the generator arguments (-o is added).
# small: the benchmarks' "small" preset (many functions, few samples: wide and shallow in shared stacks);
# deep: fewer functions, almost three times the samples, another seed, so more samples share stack prefixes,
# more samples go through the recursion at render.walkTree and the aggregates merge many more samples.
GENERATED_PROFILES=("small:--size small --seed 1" "deep:--samples 6000 --functions 900 --seed 2")

# ---------------------------------------------------------------------------------------------------
# 1. Build, run benchmarks, collect profiles / escape logs / JSON
# ---------------------------------------------------------------------------------------------------
copy_json() { # srcdir dstdir
	rm -rf "$2"
	mkdir -p "$2"
	cp -R "$1"/. "$2"/
}

build_toolchain() { # tag gobin
	local tag=$1 GO=$2 b="$ROOT/$1"
	export GOCACHE="$ROOT/gocache-$tag" GOPATH="$ROOT/gopath-$tag" GOTMPDIR=
	mkdir -p "$b/seed" "$b/demo" "$GOCACHE" "$GOPATH"
	cp -R "$TD/seed/src" "$b/seed/src"
	cp -R "$TD/demo/src" "$b/demo/src"
	# Where the profiles name their sources: `pprof-list` with no arguments trims it (its -trim_path).
	mkdir -p "$TD/seed/$tag"
	echo "$b/seed/src" >"$TD/seed/$tag/build-root"

	local ex out
	for ex in $SEED_EXAMPLES; do
		log "$tag seed/$ex"
		out="$TD/seed/$tag/$ex"
		rm -rf "$out"
		mkdir -p "$out"
		(
			cd "$b/seed/src/$ex"
			"$GO" test -gcflags='-m -m' -run none -bench . -benchmem -benchtime=${SEED_N}x \
				-memprofilerate=1 -memprofile mem.out >"$out/bench.txt" 2>"$out/escape.log"
			cp mem.out "$out/mem.out"
			"$GO" test -c -o /dev/null -gcflags="-json=0,$b/json/seed/$ex" >/dev/null 2>&1
			copy_json "$b/json/seed/$ex" "$out/json"
			if [[ $ex == example1 ]]; then
				# same -gcflags => build-cache hit, stderr is only a replay of escape.log
				"$GO" test -gcflags='-m -m' -run none -bench . -benchmem -benchtime=${SEED_DEFAULT_N}x \
					-memprofile mem-defaultrate.out >"$out/bench-defaultrate.txt" 2>/dev/null
				cp mem-defaultrate.out "$out/mem-defaultrate.out"
			fi
		)
	done

	log "$tag demo"
	out="$TD/demo/$tag"
	rm -rf "$out"
	mkdir -p "$out"
	(
		cd "$b/demo/src"
		"$GO" test -gcflags='-m -m' -run none -bench "$DEMO_MEM_BENCH" -benchmem -benchtime=${DEMO_N}x \
			-memprofilerate=1 -memprofile mem.out >"$out/bench.txt" 2>"$out/escape.log"
		cp mem.out "$out/mem.out"
		"$GO" test -gcflags='-m -m' -run none -bench "$DEMO_MEM_BENCH" -benchmem -benchtime=${DEMO_B_N}x \
			-memprofilerate=1 -memprofile mem-b.out >"$out/bench-b.txt" 2>/dev/null
		cp mem-b.out "$out/mem-b.out"
		# CPU profile of all benchmarks; BenchmarkLabeled runs under pprof labels worker=a / worker=b.
		"$GO" test -gcflags='-m -m' -run none -bench . -benchtime=300ms \
			-cpuprofile cpu.out >"$out/bench-cpu.txt" 2>/dev/null
		cp cpu.out "$out/cpu.out"
		# -trimpath: file names in the profile become module-relative (example.com/demo/demo.go)
		"$GO" test -trimpath -gcflags='-m -m' -run none -bench "$DEMO_MEM_BENCH" -benchmem -benchtime=${DEMO_N}x \
			-memprofilerate=1 -memprofile mem-trimpath.out >"$out/bench-trimpath.txt" 2>"$out/escape-trimpath.log"
		cp mem-trimpath.out "$out/mem-trimpath.out"
		"$GO" test -c -o /dev/null -gcflags="-json=0,$b/json/demo" >/dev/null 2>&1
		copy_json "$b/json/demo" "$out/json"
	)

	if [[ $tag == go1.27 ]]; then
		log "$tag stdlib encoding/json"
		out="$TD/stdlib/$tag"
		rm -rf "$out"
		mkdir -p "$out"
		(
			cd "$(mktemp -d "$ROOT/stdlib.XXXXXX")"
			"$GO" test -run none -bench 'BenchmarkCodeMarshal$' -benchmem -benchtime=200x \
				-memprofile mem.out -gcflags='encoding/json/...=-m=2' encoding/json >"$out/bench.txt" 2>escape.log
			cp mem.out "$out/mem.out"
			# ~8.5 MB of text: stored gzip-compressed (gzip -n: no name/timestamp => byte-stable)
			gzip -n -9 -c escape.log >"$out/escape.log.gz"
		)
	fi
	unset GOCACHE GOPATH GOTMPDIR
}

# noinline section: examples 2 and 4 with -gcflags='-m -m -l', own fresh GOCACHE, same build root.
build_noinline() { # tag gobin
	local tag=$1 GO=$2 b="$ROOT/$1"
	export GOCACHE="$ROOT/gocache-noinline-$tag" GOPATH="$ROOT/gopath-$tag" GOTMPDIR=
	mkdir -p "$b/seed" "$GOCACHE" "$GOPATH"
	[[ -d "$b/seed/src" ]] || cp -R "$TD/seed/src" "$b/seed/src"

	local ex out
	for ex in $NOINLINE_EXAMPLES; do
		log "$tag seed/$ex (noinline, -l)"
		out="$TD/seed/$tag/$ex"
		mkdir -p "$out"
		rm -rf "$out/mem-noinline.out" "$out/escape-noinline.log" "$out/bench-noinline.txt" "$out/json-noinline"
		(
			cd "$b/seed/src/$ex"
			"$GO" test -gcflags='-m -m -l' -run none -bench . -benchmem -benchtime=${SEED_N}x \
				-memprofilerate=1 -memprofile mem-noinline.out >"$out/bench-noinline.txt" 2>"$out/escape-noinline.log"
			cp mem-noinline.out "$out/mem-noinline.out"
			"$GO" test -c -o /dev/null -gcflags="-l -json=0,$b/json-noinline/seed/$ex" >/dev/null 2>&1
			copy_json "$b/json-noinline/seed/$ex" "$out/json-noinline"
		)
	done
	unset GOCACHE GOPATH GOTMPDIR
}

# fixed section: example1 with the article's fix (seed/src-fixed), Go 1.27.3, own fresh GOCACHE, and the SAME
# build root as the unfixed example1, so both profiles name the same file and -base/-diff_base line up.
build_fixed() { # tag gobin
	local tag=$1 GO=$2 b="$ROOT/$1"
	export GOCACHE="$ROOT/gocache-fixed-$tag" GOPATH="$ROOT/gopath-$tag" GOTMPDIR=
	local f="$TD/seed/src-fixed/example1/example1_test.go" o="$TD/seed/src/example1/example1_test.go"
	# the fix touches lines 17-18 only: every other line (and so every line number) must be unchanged
	cmp -s <(sed '17,18d' "$o") <(sed '17,18d' "$f") ||
		{ echo "regen.sh: $f differs from $o outside lines 17-18" >&2; exit 1; }
	mkdir -p "$b/seed" "$GOCACHE" "$GOPATH"
	[[ -d "$b/seed/src" ]] || cp -R "$TD/seed/src" "$b/seed/src"
	cp -R "$TD/seed/src-fixed"/. "$b/seed/src"/           # overlay: example1_test.go (and go.mod) fixed

	local out="$TD/seed/$tag/example1"
	log "$tag seed/example1 (fixed)"
	mkdir -p "$out"
	rm -rf "$out/mem-fixed.out" "$out/escape-fixed.log" "$out/bench-fixed.txt"
	(
		cd "$b/seed/src/example1"
		"$GO" test -gcflags='-m -m' -run none -bench . -benchmem -benchtime=${SEED_N}x \
			-memprofilerate=1 -memprofile mem-fixed.out >"$out/bench-fixed.txt" 2>"$out/escape-fixed.log"
		cp mem-fixed.out "$out/mem-fixed.out"
	)
	cp -R "$TD/seed/src"/. "$b/seed/src"/                 # restore the unfixed sources in the build root
	unset GOCACHE GOPATH GOTMPDIR
}

if [[ -z $ONLY ]]; then
	build_toolchain go1.27 "$GO127"
	build_toolchain go1.19 "$GO119"
fi
if [[ -z $ONLY || $ONLY == noinline ]]; then
	build_noinline go1.27 "$GO127"
	build_noinline go1.19 "$GO119"
fi
if [[ -z $ONLY || $ONLY == fixed ]]; then
	build_fixed "$FIXED_TAG" "$GO127"
fi

# generated section: synthetic profiles from the benchmarks' generator (no Go build involved).
build_generated() {
	local entry name args out
	for entry in "${GENERATED_PROFILES[@]}"; do
		name=${entry%%:*} args=${entry#*:}
		out="$TD/generated/$name"
		log "generated/$name ($args)"
		rm -rf "$out"
		mkdir -p "$out"
		# shellcheck disable=SC2086 # $args is a word list of generator flags
		"$PYTHON" "$GENERATOR" $args -o "$out/mem.out" 2>/dev/null
	done
}
if [[ -z $ONLY || $ONLY == generated ]]; then
	build_generated
fi

# ---------------------------------------------------------------------------------------------------
# 2. Golden outputs of the real Go 1.27.3 pprof
# ---------------------------------------------------------------------------------------------------
# gold DIR NAME PHASE ARGS...   (DIR = .../golden/<stem>; phase 1 = build root present, 2 = after deletion)
gold() {
	local dir=$1 name=$2 phase=$3
	shift 3
	local a
	for a in "$@"; do
		[[ "$a" != *" "* && "$a" != *$'\t'* ]] || { echo "regen.sh: argument with blank: '$a'" >&2; exit 1; }
	done
	printf '%s\t%s\t%s\t%s\n' "$dir" "$name" "$*" "$phase" >>"$SPEC"
}

heap_commands() { # golden-dir
	local g=$1 si
	gold "$g" raw.txt 2 -raw
	for si in alloc_space alloc_objects inuse_space inuse_objects; do
		gold "$g" "top.$si.txt" 2 -top -sample_index=$si
		gold "$g" "top-lines.$si.txt" 2 -top -lines -sample_index=$si
		gold "$g" "top-cum-nodecount5.$si.txt" 2 -top -cum -nodecount=5 -sample_index=$si
		gold "$g" "top-nodecount3.$si.txt" 2 -top -nodecount=3 -sample_index=$si
	done
	gold "$g" top.txt 2 -top
	gold "$g" top-unit-MB.txt 2 -top -unit=MB
	gold "$g" top-unit-B.txt 2 -top -unit=B
	gold "$g" top-files.txt 2 -top -files
	gold "$g" top-mean-nodecount4.txt 2 -top -mean -nodecount=4
	gold "$g" top-sample_index1.txt 2 -top -sample_index=1
	gold "$g" top-alloc_objects-legacyflag.txt 2 -top -alloc_objects
	gold "$g" top-noinlines.txt 2 -top -noinlines
	gold "$g" top-hide-runtime.txt 2 -top -hide=runtime
	gold "$g" top-focus-testing.txt 2 -top -focus=testing
	gold "$g" top-focus-nomatch.txt 2 -top -focus=NoSuchFunc
	gold "$g" top-sample_index-bogus.txt 2 -top -sample_index=bogus
	gold "$g" top-sample_index-outofrange.txt 2 -top -sample_index=7
	gold "$g" list.nomatch.txt 2 -list NoSuchFunc
}

# list_commands DIR SLUG REGEX TRIMROOT [sample indices...]
list_commands() {
	local g=$1 slug=$2 re=$3 trim=$4 si
	shift 4
	for si in "$@"; do
		gold "$g" "list.$slug.$si.trim.txt" 1 -list "$re" -sample_index=$si "-trim_path=$trim" -source_path=@SRC@
		gold "$g" "list.$slug.$si.srcpath.txt" 1 -list "$re" -sample_index=$si -source_path=@SRC@
		gold "$g" "list.$slug.$si.nosrc.txt" 2 -list "$re" -sample_index=$si
	done
}

if [[ -z $ONLY ]]; then
	for tag in go1.27 go1.19; do
		# seed examples
		for ex in $SEED_EXAMPLES; do
			g="$TD/seed/$tag/$ex/golden/mem"
			heap_commands "$g"
			trim="$ROOT/$tag/seed/src"
			list_commands "$g" flaws '^flaws/' "$trim" alloc_space alloc_objects
			case $ex in
			example1) list_commands "$g" BenchmarkAssignmentIndirect BenchmarkAssignmentIndirect "$trim" alloc_space alloc_objects ;;
			example2)
				list_commands "$g" BenchmarkLiteralFunctions BenchmarkLiteralFunctions "$trim" alloc_space alloc_objects
				list_commands "$g" BenchmarkHandler BenchmarkHandler "$trim" alloc_space alloc_objects
				list_commands "$g" wrapHandler wrapHandler "$trim" alloc_space
				list_commands "$g" foo 'example2\.foo' "$trim" alloc_space
				;;
			example3) list_commands "$g" BenchmarkSliceMapAssignment BenchmarkSliceMapAssignment "$trim" alloc_space alloc_objects ;;
			example4)
				list_commands "$g" BenchmarkInterfaces BenchmarkInterfaces "$trim" alloc_space alloc_objects
				list_commands "$g" foo 'example4\.foo' "$trim" alloc_space alloc_objects
				;;
			example5) list_commands "$g" BenchmarkUnknown BenchmarkUnknown "$trim" alloc_space alloc_objects ;;
			esac
			if [[ $ex == example1 ]]; then
				g="$TD/seed/$tag/$ex/golden/mem-defaultrate"
				heap_commands "$g"
				list_commands "$g" BenchmarkAssignmentIndirect BenchmarkAssignmentIndirect "$trim" alloc_space alloc_objects
			fi
		done

		# demo
		d="$TD/demo/$tag"
		trim="$ROOT/$tag/demo/src"
		g="$d/golden/mem"
		heap_commands "$g"
		list_commands "$g" Rec 'demo\.Rec$' "$trim" alloc_space alloc_objects
		list_commands "$g" BuildPoints-Format 'demo\.(BuildPoints|Format)$' "$trim" alloc_space alloc_objects
		list_commands "$g" newPoint 'demo\.newPoint' "$trim" alloc_space alloc_objects
		list_commands "$g" Benchmark 'demo\.Benchmark' "$trim" alloc_space alloc_objects
		list_commands "$g" demo '^example\.com/demo\.' "$trim" alloc_space alloc_objects inuse_space inuse_objects
		gold "$g" list.BuildPoints-noinlines.alloc_space.trim.txt 1 -list 'demo\.BuildPoints' -noinlines "-trim_path=$trim" -source_path=@SRC@
		gold "$g" list.Format-unit-MB.alloc_space.trim.txt 1 -list 'demo\.Format$' -unit=MB "-trim_path=$trim" -source_path=@SRC@
		gold "$g" list.Rec-hide.alloc_space.trim.txt 1 -list 'demo\.Rec$' '-hide=demo\.Rec' "-trim_path=$trim" -source_path=@SRC@
		gold "$g" top-focus-BuildPoints.txt 2 -top -focus=BuildPoints
		gold "$g" top-lines-nodecount6.txt 2 -top -lines -nodecount=6
		gold "$g" top-diff_base-nodecount4.txt 2 -top -nodecount=4 -diff_base "@TD@/demo/$tag/mem-b.out"
		gold "$g" top-base-nodecount4.txt 2 -top -nodecount=4 -base "@TD@/demo/$tag/mem-b.out"
		gold "$g" top-merge-nodecount4.txt 2 -top -nodecount=4 "@TD@/demo/$tag/mem-b.out"
		gold "$g" list.Rec-diff_base.alloc_space.trim.txt 1 -list 'demo\.Rec$' -diff_base "@TD@/demo/$tag/mem-b.out" "-trim_path=$trim" -source_path=@SRC@

		g="$d/golden/mem-b"
		gold "$g" raw.txt 2 -raw
		gold "$g" top.txt 2 -top
		gold "$g" top-nodecount3.alloc_objects.txt 2 -top -nodecount=3 -sample_index=alloc_objects

		g="$d/golden/mem-trimpath"
		heap_commands "$g"
		for si in alloc_space alloc_objects; do
			gold "$g" "list.Rec.$si.trim.txt" 1 -list 'demo\.Rec$' -sample_index=$si -trim_path=example.com/demo -source_path=@SRC@
			gold "$g" "list.demo.$si.trim.txt" 1 -list '^example\.com/demo\.' -sample_index=$si -trim_path=example.com/demo -source_path=@SRC@
		done

		g="$d/golden/cpu"
		gold "$g" raw.txt 2 -raw
		for si in samples cpu; do
			gold "$g" "top.$si.txt" 2 -top -sample_index=$si
			gold "$g" "top-lines.$si.txt" 2 -top -lines -sample_index=$si
			gold "$g" "top-cum-nodecount5.$si.txt" 2 -top -cum -nodecount=5 -sample_index=$si
			gold "$g" "top-nodecount3.$si.txt" 2 -top -nodecount=3 -sample_index=$si
		done
		gold "$g" top.txt 2 -top
		gold "$g" top-unit-ms.txt 2 -top -unit=ms
		gold "$g" top-files.txt 2 -top -files
		gold "$g" top-mean-nodecount4.txt 2 -top -mean -nodecount=4
		gold "$g" top-tagfocus-worker-a.txt 2 -top -tagfocus=worker=a
		gold "$g" top-tagignore-worker-a.txt 2 -top -tagignore=worker=a
		gold "$g" top-focus-Labeled.txt 2 -top -focus=Labeled
		gold "$g" top-sample_index-bogus.txt 2 -top -sample_index=bogus
		gold "$g" list.nomatch.txt 2 -list NoSuchFunc
		list_commands "$g" Spin 'demo\.Spin$' "$trim" samples cpu
		list_commands "$g" Labeled 'demo\.Labeled' "$trim" cpu
		list_commands "$g" demo '^example\.com/demo\.' "$trim" cpu
	done

	g="$TD/stdlib/go1.27/golden/mem"
	gold "$g" raw.txt 2 -raw
	gold "$g" top-lines-nodecount20.txt 2 -top -lines -nodecount=20
	gold "$g" top-nodecount20.txt 2 -top -nodecount=20
fi

# noinline section: golden/mem-noinline for examples 2 and 4 (same command set as the seed mem.out goldens)
if [[ -z $ONLY || $ONLY == noinline ]]; then
for tag in go1.27 go1.19; do
	trim="$ROOT/$tag/seed/src"
	for ex in $NOINLINE_EXAMPLES; do
		g="$TD/seed/$tag/$ex/golden/mem-noinline"
		heap_commands "$g"
		list_commands "$g" flaws '^flaws/' "$trim" alloc_space alloc_objects
		case $ex in
		example2)
			list_commands "$g" BenchmarkLiteralFunctions BenchmarkLiteralFunctions "$trim" alloc_space alloc_objects
			list_commands "$g" BenchmarkHandler BenchmarkHandler "$trim" alloc_space alloc_objects
			list_commands "$g" wrapHandler 'example2\.wrapHandler' "$trim" alloc_space alloc_objects
			list_commands "$g" foo 'example2\.foo' "$trim" alloc_space alloc_objects
			;;
		example4)
			list_commands "$g" BenchmarkInterfaces BenchmarkInterfaces "$trim" alloc_space alloc_objects
			list_commands "$g" foo 'example4\.foo' "$trim" alloc_space alloc_objects
			;;
		esac
	done
done
fi

# fixed section: golden/mem-fixed (example1 fixed), alone and against the unfixed mem.out as -diff_base / -base.
# Sources: -source_path=@TD@/seed/src-fixed (@SRC@ would be testdata/seed/src, the UNFIXED file), so only the
# .trim form: a .srcpath form cannot find src-fixed (its basename "src-fixed" is not in the profile's path).
if [[ -z $ONLY || $ONLY == fixed ]]; then
	tag=$FIXED_TAG
	trim="$ROOT/$tag/seed/src"
	g="$TD/seed/$tag/example1/golden/mem-fixed"
	base="@TD@/seed/$tag/example1/mem.out"
	fixsrc="-source_path=@TD@/seed/src-fixed"
	gold "$g" top.txt 2 -top
	gold "$g" top-lines.txt 2 -top -lines
	for si in alloc_space alloc_objects; do
		gold "$g" "list.BenchmarkAssignmentIndirect.$si.trim.txt" 1 -list BenchmarkAssignmentIndirect -sample_index=$si "-trim_path=$trim" "$fixsrc"
	done
	for flag in diff_base base; do
		gold "$g" "top-$flag.txt" 2 -top "-$flag" "$base"
		gold "$g" "top-lines-$flag.txt" 2 -top -lines "-$flag" "$base"
		gold "$g" "list.BenchmarkAssignmentIndirect-$flag.alloc_space.trim.txt" 1 -list BenchmarkAssignmentIndirect "-$flag" "$base" "-trim_path=$trim" "$fixsrc"
	done
fi

# generated section: golden/mem for each generated profile. The sources it names do not exist, so -list goldens
# come only in the .nosrc form (phase 2): header, then ` Error: open /home/build/go/pkg/mod/...`. No @SRC@.
# list_nosrc DIR SLUG REGEX [sample indices...]
list_nosrc() {
	local g=$1 slug=$2 re=$3 si
	shift 3
	for si in "$@"; do
		gold "$g" "list.$slug.$si.nosrc.txt" 2 -list "$re" -sample_index=$si
	done
}
if [[ -z $ONLY || $ONLY == generated ]]; then
	for entry in "${GENERATED_PROFILES[@]}"; do
		name=${entry%%:*}
		g="$TD/generated/$name/golden/mem"
		heap_commands "$g"
		# the recursion walkTree -> visitNode -> visitChildren (inlined into visitNode) -> walkTree
		list_nosrc "$g" walkTree 'render\.walkTree$' alloc_space alloc_objects inuse_space inuse_objects
		list_nosrc "$g" Visitor 'render\.\(\*Visitor\)\.visit' alloc_space alloc_objects
		list_nosrc "$g" render '^github\.com/acme/storefront/internal/render\.' alloc_space inuse_objects
		list_nosrc "$g" main 'main\.main$' alloc_space
		# many routines at once (every generated function whose verb is "render"), in pprof's routine order
		list_nosrc "$g" render-verb '\.render[A-Z]' alloc_space
		# a function of this seed that allocates itself AND is inlined into its callers (flat in -top "(inline)")
		case $name in
		small) list_nosrc "$g" parseBuffer 'event\.\(\*Setting\)\.parseBuffer$' alloc_space alloc_objects ;;
		deep) list_nosrc "$g" filterPrice 'user\.filterPrice$' alloc_space alloc_objects ;;
		esac
	done
fi

# run_phase PHASE: execute the spec lines of that phase
run_phase() {
	local want=$1 dir name args phase stem prof t1 rc rc2 errf extra rel a
	while IFS=$'\t' read -r dir name args phase; do
		[[ $phase == "$want" ]] || continue
		stem=$(basename "$dir")
		prof="$(dirname "$(dirname "$dir")")/$stem.out"
		local -a argv=() real=()
		read -r -a argv <<<"$args"
		rel=${dir#"$TD"/}
		for a in "${argv[@]}"; do
			a=${a//@SRC@/$TD/${rel%%/*}/src}
			a=${a//@TD@/$TD}
			real+=("$a")
		done
		mkdir -p "$dir"
		t1="$dir/$name"
		errf="$dir/${name%.txt}.stderr"
		rc=0
		(cd "$RUNDIR" && "$PPROF" "${real[@]}" "$prof") >"$t1" 2>"$errf" || rc=$?
		for _ in $(seq 2 "$REPEAT"); do
			rc2=0
			(cd "$RUNDIR" && "$PPROF" "${real[@]}" "$prof") >"$RUNDIR/out2" 2>"$RUNDIR/err2" || rc2=$?
			if ! cmp -s "$t1" "$RUNDIR/out2" || ! cmp -s "$errf" "$RUNDIR/err2" || [[ $rc != "$rc2" ]]; then
				echo "$name" >>"$dir/unstable.txt"
				break
			fi
		done
		if [[ -s "$errf" ]]; then extra=$(basename "$errf"); else rm -f "$errf"; extra=-; fi
		printf '%s\t%s\t%s\t%s\n' "$name" "$args" "$rc" "$extra" >>"$dir/commands.tsv"
	done <"$SPEC"
}

# fresh golden dirs
cut -f1 "$SPEC" | sort -u | while read -r dir; do rm -rf "$dir"; done
log "goldens phase 1 (build root present)"
run_phase 1
rm -rf "${ROOT:?}/go1.27" "${ROOT:?}/go1.19"
log "goldens phase 2 (build root deleted)"
run_phase 2

# sort commands.tsv for stable diffs; sanity checks
cut -f1 "$SPEC" | sort -u | while read -r dir; do
	sort -o "$dir/commands.tsv" "$dir/commands.tsv"
	[[ ! -f "$dir/unstable.txt" ]] || sort -o "$dir/unstable.txt" "$dir/unstable.txt"
done
if grep -rlF --include='*.txt' --include='*.stderr' -e "$TD" "$TD"/seed/go1.* "$TD"/demo/go1.* "$TD"/stdlib "$TD"/generated >&2; then
	echo "regen.sh: WARNING: the goldens above contain the repo path $TD (location-dependent)" >&2
fi

rm -rf "$ROOT"
log "done; testdata size: $(du -sh "$TD" | cut -f1)"
