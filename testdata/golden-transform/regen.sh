#!/bin/bash
# Regenerates the goldens of merged, compared and filtered reports with the real go tool pprof (Go 1.27.3).
#
#   bash testdata/golden-transform/regen.sh
#
# cases.tsv (hand-written) has one case a line, TAB-separated: output file, pprof arguments (split on
# spaces; @TD@ stands for the testdata folder), pprof's exit status. For each case this writes pprof's
# standard output to the named file. The derived profiles in inputs/ are remade first from the demo
# profiles, so run this again whenever testdata/regen.sh has remade those.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
testdata=$(dirname "$here")
version=$(go env GOVERSION)
[ "$version" = go1.27.3 ] || { echo "regen.sh: need go1.27.3 on PATH, found $version" >&2; exit 1; }

demo=$testdata/demo/go1.27
python3 "$here/make-input.py" "$demo/mem.out" "$here/inputs/mem-dropframes.out" \
	--drop 'runtime\..*|fmt\..*|testing\.(\(\*B\)\.)?run.*' --keep 'runtime\.main|fmt\.Sprintf'
python3 "$here/make-input.py" "$demo/mem-b.out" "$here/inputs/mem-b-kilobytes.out" --rename bytes=kilobytes

# A neutral working directory, as the test runs pprof-list in one.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while IFS=$'\t' read -r name args status; do
	[ -n "$name" ] || continue
	read -r -a argv <<<"${args//@TD@/$testdata}"
	set +e
	(cd "$work" && TZ=UTC go tool pprof "${argv[@]}" >"$here/$name" 2>/dev/null)
	got=$?
	set -e
	if [ "$got" != "$status" ]; then
		echo "regen.sh: $name: pprof exited $got, cases.tsv says $status" >&2
		exit 1
	fi
done <"$here/cases.tsv"
echo "regen.sh: $(wc -l <"$here/cases.tsv") goldens written to $here"
