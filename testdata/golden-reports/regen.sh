#!/usr/bin/env bash
# Records the goldens of pprof's -traces, -peek and -tags reports (and of -tagshow/-taghide, -tagroot/-tagleaf,
# -prune_from, -relative_percentages, -normalize, `[binary] profile`, profiles without mappings and strings that
# are not UTF-8) with the real `go tool pprof` (Go 1.27.3), on the profiles testdata/regen.sh made and those
# testdata/nomapping/generate.py writes (it builds nothing itself; it runs generate.py, which is deterministic).
#
#   bash testdata/golden-reports/regen.sh
#
# Writes, for each profile <dir>/<stem>.out below, the folder <dir>/golden-reports/<stem>/: one file per
# command (pprof's stdout), `<name>.stderr` when pprof wrote to stderr, `unstable.txt` when a command's
# output varied between runs, and commands.tsv in the format of the golden/ folders (testdata/README.md,
# "commands.tsv"): output file, arguments (the profile is appended last; @TD@ is the testdata folder),
# exit status, stderr file or `-`. The golden replay test (Tests/PprofTests/Golden) finds them there.
# Run it again after testdata/regen.sh has remade the profiles: these goldens describe those profiles.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
TD=$(dirname "$here")
[[ $(go env GOVERSION) == go1.27.3 ]] || { echo "regen.sh: need go1.27.3 on PATH, found $(go env GOVERSION)" >&2; exit 1; }
PPROF=$(go tool -n pprof)
REPEAT=4
export TZ=UTC

# A fresh directory whose name occurs in no profile path, as the golden replay runs from a neutral one.
RUNDIR=$(mktemp -d)
trap 'rm -rf "$RUNDIR"' EXIT

# gold PROFILE NAME ARGS...: PROFILE is relative to testdata/; ARGS may not contain blanks.
gold() {
	local profile=$1 name=$2
	shift 2
	local stem dir a rc rc2 errf extra
	stem=$(basename "$profile" .out)
	dir="$TD/$(dirname "$profile")/golden-reports/$stem"
	local -a real=()
	for a in "$@"; do
		[[ "$a" != *" "* && "$a" != *$'\t'* ]] || { echo "regen.sh: argument with blank: '$a'" >&2; exit 1; }
		real+=("${a//@TD@/$TD}")
	done
	mkdir -p "$dir"
	errf="$dir/${name%.txt}.stderr"
	rc=0
	(cd "$RUNDIR" && "$PPROF" "${real[@]}" "$TD/$profile") >"$dir/$name" 2>"$errf" || rc=$?
	for _ in $(seq 2 "$REPEAT"); do
		rc2=0
		(cd "$RUNDIR" && "$PPROF" "${real[@]}" "$TD/$profile") >"$RUNDIR/out" 2>"$RUNDIR/err" || rc2=$?
		if ! cmp -s "$dir/$name" "$RUNDIR/out" || ! cmp -s "$errf" "$RUNDIR/err" || [[ $rc != "$rc2" ]]; then
			echo "$name" >>"$dir/unstable.txt"
			break
		fi
	done
	if [[ -s "$errf" ]]; then extra=$(basename "$errf"); else rm -f "$errf"; extra=-; fi
	printf '%s\t%s\t%s\t%s\n' "$name" "$*" "$rc" "$extra" >>"$dir/commands.tsv"
}

python3 "$TD/nomapping/generate.py"

# Fresh folders.
for profile in demo/go1.27/cpu.out demo/go1.27/mem.out demo/go1.19/cpu.out demo/go1.19/mem.out \
	seed/go1.27/example1/mem.out stdlib/go1.27/mem.out generated/small/mem.out \
	nomapping/cpu.out nomapping/utf8.out generics/go1.27/tls.out generics/go1.27/mem.out; do
	rm -rf "$TD/$(dirname "$profile")/golden-reports/$(basename "$profile" .out)"
done

# CPU profile with pprof.Do labels (worker=a|b), two sample types (samples/count, cpu/nanoseconds).
p=demo/go1.27/cpu.out
gold $p traces.txt -traces
gold $p traces-lines.txt -traces -lines
gold $p traces-noinlines.txt -traces -noinlines
gold $p traces-addresses.txt -traces -addresses
gold $p traces-samples.txt -traces -sample_index=samples
gold $p traces-mean.txt -traces -mean
gold $p traces-tagfocus-worker-a.txt -traces -tagfocus=worker=a
gold $p traces-focus-Labeled.txt -traces -focus=Labeled
gold $p traces-hide-runtime.txt -traces -hide=runtime
gold $p traces-unit-s.txt -traces -unit=s
gold $p tags.txt -tags
gold $p tags-samples.txt -tags -sample_index=samples
gold $p tags-focus-Spin.txt -tags -focus=Spin
gold $p tags-tagignore-worker-a.txt -tags -tagignore=worker=a
gold $p tags-unit-ms.txt -tags -unit=ms
gold $p tags-focus-nomatch.txt -tags -focus=NoSuchFunc
gold $p tags-tagshow-work.txt -tags -tagshow=work
gold $p tags-taghide-worker.txt -tags -taghide=worker
gold $p tags-tagshow-nomatch.txt -tags -tagshow=nomatch
gold $p traces-taghide-worker.txt -traces -taghide=worker
gold $p top-tagshow-worker.txt -top -tagshow=worker
gold $p raw-taghide-worker.txt -raw -taghide=worker
gold $p peek-Labeled.txt -peek=Labeled
gold $p peek-Spin-anchored.txt '-peek=demo\.Spin$'
gold $p peek-demo-lines.txt -peek=demo -lines
gold $p peek-demo-noinlines.txt -peek=demo -noinlines
gold $p peek-Spin-cum.txt -peek=Spin -cum
gold $p peek-mcall-samples.txt -peek=runtime.mcall -sample_index=samples
gold $p peek-demo-focus-Labeled.txt -peek=demo -focus=Labeled
gold $p peek-demo-tagfocus-worker-b.txt -peek=demo -tagfocus=worker=b
gold $p peek-all.txt -peek=.
gold $p peek-all-mean.txt -peek=. -mean
gold $p peek-nomatch.txt -peek=NoSuchFunc

# Heap profile (-memprofilerate=1): numeric `bytes` labels, four sample types, inlined newPoint, recursive Rec.
p=demo/go1.27/mem.out
gold $p traces.txt -traces
gold $p traces-lines.txt -traces -lines
gold $p traces-alloc_objects.txt -traces -sample_index=alloc_objects
gold $p traces-inuse_space.txt -traces -sample_index=inuse_space
gold $p traces-focus-Rec.txt -traces -focus=Rec
gold $p traces-filefunctions.txt -traces -filefunctions
gold $p traces-files.txt -traces -files
gold $p traces-diff_base.txt -traces -diff_base @TD@/demo/go1.27/mem-b.out
gold $p traces-merge.txt -traces @TD@/demo/go1.27/mem-b.out
gold $p tags.txt -tags
gold $p tags-alloc_objects.txt -tags -sample_index=alloc_objects
gold $p tags-inuse_space.txt -tags -sample_index=inuse_space
gold $p tags-unit-kB.txt -tags -unit=kB
gold $p tags-focus-BuildPoints.txt -tags -focus=BuildPoints
gold $p tags-tagfocus-16B.txt -tags -tagfocus=bytes=16B
gold $p tags-diff_base.txt -tags -diff_base @TD@/demo/go1.27/mem-b.out
gold $p tags-base.txt -tags -base @TD@/demo/go1.27/mem-b.out
gold $p tags-divide_by.txt -tags -divide_by=1024
gold $p tags-tagshow-b-taghide-by.txt -tags -tagshow=b -taghide=by
gold $p tags-taghide-nomatch.txt -tags -taghide=nomatch
gold $p traces-tagshow-pprof-diff_base.txt -traces -tagshow=pprof -diff_base @TD@/demo/go1.27/mem-b.out
gold $p peek-Rec.txt '-peek=demo\.Rec$'
gold $p peek-BuildPoints-lines.txt -peek=BuildPoints -lines
gold $p peek-newPoint.txt -peek=newPoint
gold $p peek-demo-alloc_objects.txt -peek=demo -sample_index=alloc_objects
gold $p peek-Format-focus.txt -peek=Format -focus=Format
gold $p peek-Rec-base.txt -peek=Rec -base @TD@/demo/go1.27/mem-b.out
gold $p peek-demo-hide.txt -peek=demo -hide=newPoint
gold $p peek-demo-trim.txt -peek=demo -lines -trim_path=/tmp/pprof-list-testdata/go1.27/demo/src
gold $p peek-all.txt -peek=.
gold $p peek-all-lines.txt -peek=. -lines
# pprof builds -peek's graph untrimmed: these three flags change nothing.
gold $p peek-demo-nodecount2.txt -peek=demo -nodecount=2
gold $p peek-demo-edgefraction.txt -peek=demo -edgefraction=0.5
gold $p peek-demo-nodefraction.txt -peek=demo -nodefraction=0.5
gold $p peek-demo-unit-kB.txt -peek=demo -unit=kB
gold $p peek-demo-show_from.txt -peek=demo -show_from=Benchmark
gold $p traces-divide_by.txt -traces -divide_by=3
gold $p traces-show_from.txt -traces -show_from=BuildPoints

# Go 1.19 profiles (no Function.start_line).
p=demo/go1.19/cpu.out
gold $p traces.txt -traces
gold $p tags.txt -tags
gold $p peek-Labeled.txt -peek=Labeled
p=demo/go1.19/mem.out
gold $p traces-lines.txt -traces -lines
gold $p tags.txt -tags
gold $p peek-demo.txt -peek=demo

p=seed/go1.27/example1/mem.out
gold $p traces.txt -traces
gold $p tags.txt -tags
gold $p peek-Benchmark-lines.txt -peek=BenchmarkAssignmentIndirect -lines

p=stdlib/go1.27/mem.out
gold $p traces.txt -traces
gold $p tags.txt -tags
gold $p peek-Marshal.txt '-peek=json\.Marshal$'
gold $p peek-all.txt -peek=.

# Synthetic deep stacks (recursion walkTree -> visitNode -> visitChildren (inline) -> walkTree).
p=generated/small/mem.out
gold $p traces-tagfocus.txt -traces -tagfocus=bytes=1kB:2kB
gold $p traces-parseBuffer-lines.txt -traces -lines -focus=parseBuffer
gold $p tags.txt -tags
gold $p peek-walkTree.txt '-peek=render\.walkTree$'
gold $p peek-render-lines.txt -peek=render -lines

# Issue 13: label pseudo frames, -prune_from, -relative_percentages, -normalize, and their granularities.
p=demo/go1.27/cpu.out
gold $p top-tagroot-worker.txt -top -tagroot=worker
gold $p top-lines-tagleaf-worker.txt -top -lines -tagleaf=worker
gold $p top-noinlines-tagroot-worker.txt -top -noinlines -tagroot=worker
gold $p top-addresses-tagroot-worker.txt -top -addresses -tagroot=worker
gold $p top-filefunctions-tagleaf-worker.txt -top -filefunctions -tagleaf=worker
gold $p top-tagroot-nomatch.txt -top -tagroot=nokey
gold $p top-tagroot-commas.txt -top -tagroot=,
gold $p top-tagroot-focus-a.txt '-top' '-tagroot=worker' '-focus=^a$'
gold $p top-tagroot-focus-a-relative.txt '-top' '-tagroot=worker' '-focus=^a$' -relative_percentages
gold $p top-tagroot-hide-worker.txt -top -tagroot=worker -hide=worker
gold $p traces-tagroot-worker.txt -traces -tagroot=worker
gold $p traces-tagleaf-worker-nokey.txt -traces -tagleaf=worker,nokey
gold $p traces-addresses-tagleaf-worker.txt -traces -addresses -tagleaf=worker
gold $p raw-tagroot-worker.txt -raw -tagroot=worker
gold $p peek-Labeled-tagroot-worker.txt -peek=Labeled -tagroot=worker
gold $p tags-tagroot-worker.txt -tags -tagroot=worker
gold $p top-focus-Spin-relative.txt -top -focus=Spin -relative_percentages
gold $p top-tagfocus-worker-a-relative.txt -top -tagfocus=worker=a -relative_percentages
gold $p peek-Spin-focus-Labeled-relative.txt -peek=Spin -relative_percentages -focus=Labeled
gold $p traces-focus-Labeled-relative.txt -traces -relative_percentages -focus=Labeled
gold $p tags-focus-Labeled-relative.txt -tags -relative_percentages -focus=Labeled
gold $p top-prune_from-Spin.txt -top -prune_from=Spin
gold $p top-prune_from-badregexp.txt '-top' '-prune_from=['
gold $p top-binary.txt -top @TD@/nomapping/tiny.elf

p=demo/go1.27/mem.out
gold $p traces-tagleaf-bytes.txt -traces -tagleaf=bytes
gold $p top-tagleaf-bytes-unit-kB.txt -top -tagleaf=bytes -unit=kB
gold $p top-tagroot-bytes-unit-MB.txt -top -tagroot=bytes -unit=MB
gold $p top-tagleaf-bytes-nokey-tagroot-bytes-cum.txt -top -tagleaf=bytes,nokey -tagroot=bytes -cum
gold $p raw-tagleaf-bytes.txt -raw -tagleaf=bytes
gold $p top-lines-prune_from-Format.txt -top -lines -prune_from=Format
gold $p top-noinlines-prune_from-newPoint.txt -top -noinlines -prune_from=newPoint
gold $p traces-noinlines-prune_from-BuildPoints.txt -traces -noinlines -prune_from=BuildPoints
gold $p list-Rec-noinlines-prune_from-Rec.txt -list=Rec -noinlines -prune_from=Rec
gold $p top-prune_from-Rec-focus-Rec-relative.txt -top -prune_from=Rec -relative_percentages -focus=Rec
gold $p list-BuildPoints-focus-relative.txt -list=BuildPoints -relative_percentages -focus=Benchmark
gold $p top-normalize-base.txt -top -normalize -base @TD@/demo/go1.27/mem-b.out
gold $p top-normalize-diff_base.txt -top -normalize -diff_base @TD@/demo/go1.27/mem-b.out
gold $p top-normalize-diff_base-alloc_objects.txt -top -normalize -diff_base @TD@/demo/go1.27/mem-b.out -sample_index=alloc_objects
gold $p traces-normalize-base.txt -traces -normalize -base @TD@/demo/go1.27/mem-b.out
gold $p top-normalize-nobase.txt -top -normalize
# `pprof BINARY profile...`: the binary (a bare ELF header) names the main mapping; a Go profile is symbolized.
gold $p top-binary.txt -top @TD@/nomapping/tiny.elf
gold $p list-BuildPoints-binary.txt -list=BuildPoints @TD@/nomapping/tiny.elf
gold $p top-binary-merge.txt -top @TD@/nomapping/tiny.elf @TD@/demo/go1.27/mem-b.out
gold $p top-notelf.txt -top @TD@/nomapping/notelf.bin

# Generics over interface and func types, and the TLS handshake benchmark.
p=generics/go1.27/tls.out
gold $p top-tagleaf-bytes.txt -top -tagleaf=bytes -nodecount=15
gold $p top-prune_from-hmac.txt -top -prune_from=hmac -nodecount=15
gold $p top-focus-hmac-relative.txt -top -focus=hmac -relative_percentages -nodecount=15
gold $p top-normalize-base.txt -top -normalize -base @TD@/generics/go1.27/mem.out -nodecount=15
p=generics/go1.27/mem.out
gold $p top-prune_from-shape.txt -top -prune_from=go.shape
gold $p traces-tagroot-bytes-relative.txt -traces -tagroot=bytes -relative_percentages -focus=Benchmark

# Profiles without mappings (testdata/nomapping/generate.py): pprof's fake mapping, merging, a binary.
p=nomapping/cpu.out
gold $p raw.txt -raw
gold $p top.txt -top
gold $p top-lines.txt -top -lines
gold $p top-addresses.txt -top -addresses
gold $p top-noinlines.txt -top -noinlines
gold $p top-filefunctions.txt -top -filefunctions
gold $p traces.txt -traces
gold $p traces-addresses.txt -traces -addresses
gold $p tags.txt -tags
gold $p peek-main.txt -peek=main
gold $p list-work.txt -list=main.work
gold $p raw-merge.txt -raw @TD@/nomapping/cpu2.out
gold $p top-merge.txt -top @TD@/nomapping/cpu2.out
gold $p top-merge-go.txt -top @TD@/demo/go1.27/cpu.out
gold $p top-diff_base.txt -top -diff_base @TD@/nomapping/cpu2.out
gold $p top-binary.txt -top @TD@/nomapping/tiny.elf
gold $p traces-binary.txt -traces @TD@/nomapping/tiny.elf
gold $p top-binary-merge.txt -top @TD@/nomapping/tiny.elf @TD@/nomapping/cpu2.out
gold $p top-tagroot-thread.txt -top -tagroot=thread
gold $p traces-tagleaf-thread-request.txt -traces -tagleaf=thread,request
gold $p top-tagleaf-request-unit-kB.txt -top -tagleaf=request -unit=kB
gold $p raw-tagroot-thread.txt -raw -tagroot=thread
gold $p top-prune_from-next.txt -top -prune_from=next

# Strings that are not UTF-8, printed byte for byte (and Go's tabwriter escape byte 0xff in -tags).
p=nomapping/utf8.out
gold $p raw.txt -raw
gold $p top.txt -top
gold $p top-lines.txt -top -lines
gold $p traces.txt -traces
gold $p tags.txt -tags
gold $p peek-main.txt -peek=main
gold $p list-main.txt -list=main
gold $p top-tagroot-who.txt -top -tagroot=who
gold $p traces-tagleaf-who.txt -traces -tagleaf=who
gold $p top-focus-caf.txt -top -focus=caf
gold $p list-ok-source.txt -list=main.ok -trim_path=/src/app -source_path=@TD@/nomapping/src

for profile in demo/go1.27/cpu.out demo/go1.27/mem.out demo/go1.19/cpu.out demo/go1.19/mem.out \
	seed/go1.27/example1/mem.out stdlib/go1.27/mem.out generated/small/mem.out \
	nomapping/cpu.out nomapping/utf8.out generics/go1.27/tls.out generics/go1.27/mem.out; do
	dir="$TD/$(dirname "$profile")/golden-reports/$(basename "$profile" .out)"
	sort -o "$dir/commands.tsv" "$dir/commands.tsv"
	[[ ! -f "$dir/unstable.txt" ]] || sort -o "$dir/unstable.txt" "$dir/unstable.txt"
done
folders=$(find "$TD" -type d -name golden-reports)
# shellcheck disable=SC2086
if grep -rlF -e "$TD" $folders >&2; then
	echo "regen.sh: WARNING: the goldens above contain the repo path $TD (location-dependent)" >&2
fi
# shellcheck disable=SC2086
echo "regen.sh: $(find $folders -name commands.tsv -exec cat {} + | wc -l) goldens written" >&2
