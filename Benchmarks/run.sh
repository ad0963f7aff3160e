#!/usr/bin/env bash
# Side-by-side benchmark: pprof-list against `go tool pprof` (Go 1.27.3) on generated heap profiles.
#
#   bash Benchmarks/run.sh --quick        # small + medium; pprof once per command on medium (~5 min)
#   bash Benchmarks/run.sh                # small + medium + large; pprof runs -top once on large (~10 min, 11 GiB)
#
# Options:
#   --quick              small and medium only, pprof once per command on medium
#   --runs N             pprof-list runs per command and profile (default 5)
#   --pprof-medium N     go tool pprof runs per command on medium (default 2; 1 with --quick)
#   --pprof-large WHAT   go tool pprof on large: "top" (default: -top once), "all" (every command once,
#                        about 30 min), or "none" (skip pprof on large; only pprof-list and the floor run)
#   --no-build           use the binary as it is (PPROF_LIST=path overrides the binary)
#   --reuse-pprof        keep go tool pprof's timings and outputs from the previous run (Benchmarks/out/)
#                        and time pprof-list only: for re-measuring pprof-list after a change
#   --only-new           only the runtime-shaped and fleet rows (minutes, not the half hour of medium/large)
#   --no-new             only small/medium/large, as before the runtime-shaped rows
#   --pprof-runtime N    go tool pprof runs per command on the 150k runtime-shaped profile (default 3)
#   --pprof-runtime-large N   … on the 1.5M one (default 1, -top only; 0 skips it)
#   --pprof-fleet N      go tool pprof runs of the fleet merge (default 3)
#   --settle S           seconds of rest before every timed run, of either tool (default 2; 0 for none)
#
# The runtime-shaped rows (generate_profile.py --size runtime / runtime-large): one sample per stack and
# size bucket, stacks almost never repeat, as a service's heap profile is. The fleet row merges 100 small
# runtime-shaped profiles of one service (--size fleet --fleet 100): `-top` over all 100 files at once.
#
# For every profile and command the commands alternate (pprof-list, pprof, pprof-list, …), each run under
# rusage.py (GNU time's `%e %U %S %M`, to the microsecond), after `--settle` seconds of rest: on this shared
# VM a run that starts right after one of pprof's 20-second runs on both cores takes up to 40% more CPU time
# for the same work, an effect that fades within seconds; the rest gives both tools the same start. The
# table shows medians of CPU time (user+sys), wall time and peak RSS, and pprof/pprof-list ratios. The floor is zlib's in-process inflate of the same file (inflate_floor.c);
# on the runtime rows the same aggregation in plain C (aggregate_floor.c) is timed too.
# Outputs must be byte-identical: small is checked for -raw, -top, -top -lines and -list; the other
# profiles compare the output of the first timed pprof run with pprof-list's. Results: Benchmarks/results.md.
# Generated profiles (deterministic, seed 1) live in Benchmarks/out/, which git ignores.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
out="$here/out"
quick=0
runs=5
pprof_medium=""
pprof_large=top
build=1
reuse=0
only_new=0
new_rows=1
pprof_runtime=3
pprof_runtime_large=1
pprof_fleet=3
settle=2
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --runs) runs=$2; shift ;;
        --pprof-medium) pprof_medium=$2; shift ;;
        --pprof-large) pprof_large=$2; shift ;;
        --no-build) build=0 ;;
        --reuse-pprof) reuse=1 ;;
        --only-new) only_new=1 ;;
        --no-new) new_rows=0 ;;
        --pprof-runtime) pprof_runtime=$2; shift ;;
        --pprof-runtime-large) pprof_runtime_large=$2; shift ;;
        --pprof-fleet) pprof_fleet=$2; shift ;;
        --settle) settle=$2; shift ;;
        -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
case "$pprof_large" in top|all|none) ;; *) echo "--pprof-large must be top, all or none" >&2; exit 2 ;; esac
if [ -z "$pprof_medium" ]; then pprof_medium=$([ $quick = 1 ] && echo 1 || echo 2); fi

export TZ=UTC
mkdir -p "$out"

bin=${PPROF_LIST:-$root/.build-bench/release/pprof-list}
if [ $build = 1 ] && [ -z "${PPROF_LIST:-}" ]; then
    # The Swift runtime linked statically, as a binary is shipped: a few milliseconds less dynamic linking.
    (cd "$root" && swift build -c release --static-swift-stdlib --scratch-path .build-bench 2>&1 | tail -1) >&2
fi
[ -x "$bin" ] || { echo "no pprof-list binary at $bin" >&2; exit 1; }

floor_bin="$out/inflate_floor"
if [ ! -x "$floor_bin" ] || [ "$here/inflate_floor.c" -nt "$floor_bin" ]; then
    cc -O2 -o "$floor_bin" "$here/inflate_floor.c" -lz
fi
plain_c_bin="$out/aggregate_floor"
if [ ! -x "$plain_c_bin" ] || [ "$here/aggregate_floor.c" -nt "$plain_c_bin" ]; then
    cc -O2 -o "$plain_c_bin" "$here/aggregate_floor.c" -lz
fi

sizes="small medium"
[ $quick = 1 ] || sizes="small medium large"
[ $only_new = 0 ] || sizes=""
new_sizes=""
[ $new_rows = 0 ] || new_sizes="runtime runtime-large fleet"
fleet_count=100
for size in $sizes $new_sizes; do
    file="$out/$size.pb.gz"
    if [ "$size" = fleet ]; then
        file="$out/fleet/instance-$(printf %03d $fleet_count).pb.gz"
        if [ ! -s "$file" ] || [ "$here/generate_profile.py" -nt "$file" ]; then
            echo "generating $out/fleet ($fleet_count profiles)" >&2
            rm -rf "$out/fleet.tmp"
            python3 "$here/generate_profile.py" --size fleet --fleet $fleet_count --seed 1 -o "$out/fleet.tmp" 2>/dev/null
            rm -rf "$out/fleet" && mv "$out/fleet.tmp" "$out/fleet"
        fi
    elif [ ! -s "$file" ] || [ "$here/generate_profile.py" -nt "$file" ]; then
        echo "generating $file" >&2
        python3 "$here/generate_profile.py" --size "$size" --seed 1 -o "$file.tmp" && mv "$file.tmp" "$file"
    fi
done

files_of() {  # the profile files of a row: one file, or the fleet's 100
    if [ "$1" = fleet ]; then ls "$out"/fleet/instance-*.pb.gz; else echo "$out/$1.pb.gz"; fi
}

list_regex='render.walkTree'
commands=("-top" "-top -lines" "-list $list_regex")
log="$out/timings.tsv"
if [ $reuse = 1 ]; then
    [ -f "$log" ] || { echo "--reuse-pprof: no previous $log" >&2; exit 1; }
    grep -P '^pprof\t' "$log" > "$out/timings.pprof" || true
    mv "$out/timings.pprof" "$log"
    rm -f "$out"/pprof-list-*.txt
else
    : > "$log"
    rm -f "$out"/pprof-*.txt
fi
mismatches="$out/mismatches.txt"
: > "$mismatches"

# run TOOL SIZE LABEL ARGS... : one timed run, appended to the log; stdout kept in $out/TOOL-SIZE-LABEL.txt.
run() {
    local tool=$1 size=$2 label=$3
    shift 3
    local stamp="$out/time.$$"
    local dest="$out/$tool-$size-${label// /_}.txt"
    sleep "$settle"
    if ! python3 "$here/rusage.py" -o "$stamp" "$@" > "$dest.run" 2>&1; then
        echo "FAILED: $*" >&2
        cat "$dest.run" >&2
        echo "$tool $size $label failed: $*" >> "$mismatches"
    fi
    [ -f "$dest" ] || mv "$dest.run" "$dest"
    rm -f "$dest.run"
    printf '%s\t%s\t%s\t%s\n' "$tool" "$size" "$label" "$(tail -1 "$stamp")" >> "$log"
    rm -f "$stamp"
}

ours_args() {  # pprof-list reads no source with -source_lookup=pprof's way, as pprof does
    case "$1" in -list*) echo "$1 -source_lookup=pprof" ;; *) echo "$1" ;; esac
}

compare() {  # compare SIZE LABEL
    local label=${2// /_}
    local go="$out/pprof-$1-$label.txt" ours="$out/pprof-list-$1-$label.txt"
    [ -f "$go" ] && [ -f "$ours" ] || return 0
    if cmp -s "$go" "$ours"; then
        echo "$1 $2: identical" >&2
    else
        echo "$1 $2: DIFFERENT ($go vs $ours)" >&2
        echo "$1 $2: outputs differ: diff $go $ours" >> "$mismatches"
    fi
}

# Conformance on small, -raw included (not timed).
small="$out/small.pb.gz"
if [ $only_new = 0 ]; then
    [ $reuse = 1 ] || go tool pprof -raw "$small" > "$out/pprof-small-raw.txt" 2>&1 || true
    "$bin" -raw "$small" > "$out/pprof-list-small-raw.txt" 2>&1 || true
    compare small "raw"
fi

for size in $sizes $new_sizes; do
    # shellcheck disable=SC2207
    files=($(files_of "$size"))
    row_commands=("${commands[@]}")
    case $size in
        runtime|runtime-large) row_commands=("-top" "-list $list_regex") ;;
        fleet) row_commands=("-top") ;;
    esac
    for command in "${row_commands[@]}"; do
        label=${command%% render*}
        case $size in
            runtime) pprof_runs=$pprof_runtime ;;
            runtime-large) [ "$command" = "-top" ] && pprof_runs=$pprof_runtime_large || pprof_runs=0 ;;
            fleet) pprof_runs=$pprof_fleet ;;
            small) pprof_runs=$runs ;;
            medium) pprof_runs=$pprof_medium ;;
            large)
                case "$pprof_large" in
                    all) pprof_runs=1 ;;
                    top) [ "$command" = "-top" ] && pprof_runs=1 || pprof_runs=0 ;;
                    none) pprof_runs=0 ;;
                esac ;;
        esac
        [ $reuse = 0 ] || pprof_runs=0
        total=$(( runs > pprof_runs ? runs : pprof_runs ))
        for ((i = 1; i <= total; i++)); do
            if [ $i -le $runs ]; then
                # shellcheck disable=SC2046
                run pprof-list "$size" "$label" "$bin" $(ours_args "$command") "${files[@]}"
                case $size in  # the same aggregation in plain C (aggregate_floor.c), on one file
                    runtime|runtime-large)
                        if [ "$label" = "-top" ]; then
                            run plain-c "$size" "$label" "$plain_c_bin" "${files[@]}"
                        else
                            run plain-c "$size" "$label" "$plain_c_bin" "${files[@]}" "$list_regex"
                        fi ;;
                esac
            fi
            if [ $i -le $pprof_runs ]; then
                echo "go tool pprof $command $size (run $i/$pprof_runs)" >&2
                # shellcheck disable=SC2086
                run pprof "$size" "$label" go tool pprof $command "${files[@]}"
            fi
        done
        compare "$size" "$label"
    done
    for ((i = 1; i <= 5; i++)); do  # the fleet's floor: every file inflated, one after another
        printf 'floor\t%s\tinflate\t%s\n' "$size" \
            "$(for f in "${files[@]}"; do "$floor_bin" "$f"; done | awk '{t += $1; n += $2} END {printf "%.6f %d", t, n}')" >> "$log"
    done
done

machine_cpu=$(lscpu | grep 'Model name' | sed 's/.*: *//')
machine_mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)

BENCH_SETTLE=$settle BENCH_NEW_ROWS=$new_rows python3 - "$log" "$mismatches" "$out" "$here/results.md" "$runs" "$pprof_medium" "$pprof_large" "$list_regex" \
    "$(nproc)" "$machine_cpu" "$machine_mem" "$commit" "$(go version)" "$(swift --version 2>&1 | head -1)" \
    "$reuse" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(cut -d' ' -f1-3 /proc/loadavg)" "$only_new" \
    "$pprof_runtime" "$pprof_runtime_large" "$pprof_fleet" "$fleet_count" <<'PY'
import os, statistics, sys
(log, mismatch_file, out, results, runs, pprof_medium, pprof_large, regex, cores, cpu, memory, commit, go_version,
 swift_version, reused, when, load, only_new, pprof_runtime, pprof_runtime_large, pprof_fleet,
 fleet_count) = sys.argv[1:]
NEW = ("runtime", "runtime-large", "fleet")
rows = {}
floor = {}
for line in open(log):
    tool, size, label, *fields = line.rstrip("\n").split("\t")
    parts = " ".join(fields).split()
    if tool == "floor":
        floor.setdefault(size, []).append(float(parts[0]))
        continue
    wall, user, system, rss = float(parts[0]), float(parts[1]), float(parts[2]), int(parts[3])
    rows.setdefault((size, label), {}).setdefault(tool, []).append((user + system, wall, rss))

def sizes_of(size):
    if size == "fleet":
        folder = os.path.join(out, "fleet")
        return sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 1e6
    path = os.path.join(out, size + ".pb.gz")
    return os.path.getsize(path) / 1e6 if os.path.exists(path) else 0

def med(values, index):
    return statistics.median(v[index] for v in values)

def secs(value):
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"

def mem(kib):
    return f"{kib / 1024:.1f} MiB" if kib < 1024 * 1024 else f"{kib / 1048576:.2f} GiB"

lines = []
lines.append("# pprof-list vs go tool pprof: benchmark results\n")
lines.append("Generated by `bash Benchmarks/run.sh` (see its header for the options); every number is a median "
             "of the runs shown. CPU = user + sys and RSS = max resident set size, from wait4's rusage to the microsecond "
             f"(`Benchmarks/rusage.py`), each run after {os.environ.get('BENCH_SETTLE', '0')} s of rest. Ratios are pprof ÷ pprof-list (higher is better for pprof-list). The floor is zlib's "
             "in-process inflate of the same file (`Benchmarks/inflate_floor.c`, median of 5).\n")
lines.append("## Machine\n")
lines.append(f"- `nproc`: {cores}; CPU: {cpu}; memory: {memory}")
lines.append(f"- {go_version}; {swift_version}; pprof-list at commit {commit}, "
             "built with `swift build -c release --static-swift-stdlib`")
lines.append(f"- pprof-list runs per cell: {runs}; go tool pprof: {runs} on small, {pprof_medium} on medium, "
             f"large: {pprof_large}")
lines.append(f"- finished {when}, load average at the end {load} (the machine is shared: compare CPU times)"
             + ("; go tool pprof's timings and outputs reused from the previous run (`--reuse-pprof`)" if reused == "1" else ""))
lines.append("")
lines.append("## Profiles\n")
lines.append("`python3 Benchmarks/generate_profile.py --size SIZE --seed 1 -o Benchmarks/out/SIZE.pb.gz`\n")
lines.append("| profile | gzip size | floor (zlib inflate) |")
lines.append("|---|---|---|")
for size in ("small", "medium", "large"):
    if size in floor:
        lines.append(f"| {size} | {sizes_of(size):.2f} MB | {secs(statistics.median(floor[size]))} |")
lines.append("")
lines.append("## Results\n")
lines.append("Commands: `pprof-list FLAGS FILE` (with `-source_lookup=pprof` added for `-list`) and "
             "`go tool pprof FLAGS FILE`, with `TZ=UTC`; FLAGS is `-top`, `-top -lines` or "
             f"`-list '{regex}'`.\n")
lines.append("| profile | command | pprof-list CPU | wall | max RSS | runs | pprof CPU | wall | max RSS | runs "
             "| CPU ratio | wall ratio | memory ratio | pprof-list wall ÷ floor |")
lines.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
summary = {}
# A run under 50 ms is mostly starting the process: a ratio to a time that small says little.
resolution = 0.05
def ratio(theirs, ours):
    return f"{theirs / ours:.0f}×" if ours >= resolution else "n/a"
def row(size, label, tools):
    ours = tools.get("pprof-list", [])
    theirs = tools.get("pprof", [])
    if not ours:
        return None
    cpu, wall, rss = med(ours, 0), med(ours, 1), med(ours, 2)
    cells = [size, f"`{label}`", secs(cpu), secs(wall), mem(rss), str(len(ours))]
    if theirs:
        tcpu, twall, trss = med(theirs, 0), med(theirs, 1), med(theirs, 2)
        cells += [secs(tcpu), secs(twall), mem(trss), str(len(theirs)),
                  ratio(tcpu, cpu), ratio(twall, wall), f"{trss / max(rss, 1):.1f}×"]
        summary[(size, label)] = (tcpu / max(cpu, 1e-3), trss / max(rss, 1))
    else:
        cells += ["–", "–", "–", "0", "–", "–", "–"]
    fl = statistics.median(floor.get(size, [0])) or 1e-9
    cells.append(f"{wall / fl:.1f}×" if wall >= resolution else "n/a")
    return "| " + " | ".join(cells) + " |"
for (size, label), tools in rows.items():
    if size not in NEW:
        text = row(size, label, tools)
        if text:
            lines.append(text)
lines.append("")
lines.append(f"n/a: a time under {resolution} s, mostly the process starting, too small for a ratio.\n")
lines.append("## Targets\n")
def check(ok, text):
    lines.append(f"- {'PASS' if ok else 'FAIL'}: {text}")
for label in ("-top", "-list"):
    if ("medium", label) in summary:
        ratio, memory_ratio = summary[("medium", label)]
        check(ratio >= 100, f"medium `{label}`: {ratio:.0f}× less CPU than pprof (target ≥ 100×)")
        check(memory_ratio >= 10, f"medium `{label}`: {memory_ratio:.1f}× less peak memory (target ≥ 10×)")
if ("large", "-top") in rows:
    ours = rows[("large", "-top")]["pprof-list"]
    wall, rss = med(ours, 1), med(ours, 2)
    check(wall < 10, f"large `-top`: {wall:.2f} s wall (target < 10 s)")
    check(rss < 1024 * 1024, f"large `-top`: {mem(rss)} peak (target < 1 GiB)")
    fl = statistics.median(floor["large"])
    check(wall <= 3 * fl, f"large `-top`: {wall / fl:.2f}× zlib's inflate time {fl:.2f} s (target ≤ 3×)")
lines.append("")
lines.append("## Conformance\n")
problems = [l.strip() for l in open(mismatch_file) if l.strip()]
if problems:
    lines.append("Outputs that are not byte-identical, or runs that failed:\n")
    lines += [f"- {p}" for p in problems]
else:
    lines.append("pprof-list's output was byte-identical to go tool pprof's for every compared command "
                 "(small: -raw, -top, -top -lines, -list; other profiles: the commands pprof ran).")
lines.append("")

# The runtime-shaped and fleet rows: a section of their own, so `--only-new` rewrites it alone.
begin, end = "<!-- run.sh new rows -->", "<!-- /run.sh new rows -->"
section = [begin, "## Runtime-shaped profiles and fleet merges\n"]
section.append(f"`bash Benchmarks/run.sh --only-new` (or a full run); pprof-list at commit {commit}, finished {when}, "
               f"load average {load}. pprof-list runs per cell: {runs}; go tool pprof: {pprof_runtime} per command on "
               f"runtime, {pprof_runtime_large} (`-top`) on runtime-large, {pprof_fleet} on fleet. Each run after "
               f"{os.environ.get('BENCH_SETTLE', '0')} s of rest (`--settle`); CPU and wall from wait4's rusage to the "
               "microsecond (`rusage.py`).\n")
section.append("- runtime: `generate_profile.py --size runtime` (150k samples, one per stack and size bucket, "
               "stacks almost never repeat); runtime-large: `--size runtime-large` (1.5M samples)")
section.append(f"- fleet: `generate_profile.py --size fleet --fleet {fleet_count}`: {fleet_count} profiles of one "
               "service (same program, each instance its own samples), `-top` over all files: one merged profile")
section.append("")
section.append("The machine is shared (2 cores, other jobs running): wall times and the floor drift with the load; "
               "compare CPU times. For A/B of a change, count instructions: `valgrind --tool=callgrind`.\n")
section.append("| profile | gzip size | floor (zlib inflate) |")
section.append("|---|---|---|")
for size in NEW:
    if size in floor:
        section.append(f"| {size} | {sizes_of(size):.2f} MB | {secs(statistics.median(floor[size]))} |")
section.append("")
section.append("| profile | command | pprof-list CPU | wall | max RSS | runs | pprof CPU | wall | max RSS | runs "
               "| CPU ratio | wall ratio | memory ratio | pprof-list wall ÷ floor |")
section.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (size, label), tools in sorted(rows.items(), key=lambda item: NEW.index(item[0][0]) if item[0][0] in NEW else -1):
    if size in NEW:
        text = row(size, label, tools)
        if text:
            section.append(text)
section.append("")
plain = [(size, label) for size in NEW for label in ("-top", "-list") if "plain-c" in rows.get((size, label), {})]
if plain:
    section.append("The same aggregation in plain C (`Benchmarks/aggregate_floor.c`: zlib's inflate into one buffer, a walk "
                   "of the wire bytes keeping only what the report needs, flat and cum per function or per listed "
                   "line with a stamp per node; no checks, names, sorting or output), run alternately with the "
                   "above. It is what the obvious program costs, not a lower bound: pprof-list decodes while it "
                   "inflates and reads ids eight bytes at a time.\n")
    section.append("| profile | command | plain C CPU | pprof-list CPU | pprof CPU | pprof ÷ plain C |")
    section.append("|---|---|---|---|---|---|")
    for size, label in plain:
        tools = rows[(size, label)]
        c = med(tools["plain-c"], 0)
        ours = med(tools["pprof-list"], 0) if "pprof-list" in tools else None
        go = med(tools["pprof"], 0) if "pprof" in tools else None
        section.append(f"| {size} | `{label}` | {secs(c)} | {secs(ours) if ours else '–'} | {secs(go) if go else '–'} | "
                       f"{f'{go / c:.0f}×' if go else '–'} |")
    section.append("")
section.append("Targets (issue 17):\n")
def check_new(ok, text):
    section.append(f"- {'PASS' if ok else 'FAIL'}: {text}")
for label in ("-top", "-list"):
    if ("runtime", label) in summary:
        ratio_, memory_ratio = summary[("runtime", label)]
        check_new(ratio_ >= 100, f"runtime `{label}`: {ratio_:.0f}× less CPU than pprof (target ≥ 100×)")
        check_new(memory_ratio >= 10, f"runtime `{label}`: {memory_ratio:.1f}× less peak memory (target ≥ 10×)")
if ("runtime", "-top") in rows and "runtime" in floor:
    wall = med(rows[("runtime", "-top")]["pprof-list"], 1)
    fl = statistics.median(floor["runtime"])
    check_new(wall <= 2 * fl, f"runtime `-top`: wall {wall:.3f} s, {wall / fl:.1f}× zlib's inflate {fl:.3f} s (target ≤ 2×)")
if ("fleet", "-top") in summary:
    ratio_, memory_ratio = summary[("fleet", "-top")]
    check_new(ratio_ >= 30, f"fleet `-top` ({fleet_count} profiles merged): {ratio_:.0f}× less CPU than pprof (target ≥ 30×)")
section.append(end)

previous = open(results).read() if os.path.exists(results) else ""
def cut(text, begin, end):
    """text without the section between the markers, and the section (or "")."""
    start = text.find(begin)
    stop = text.find(end)
    if start < 0 or stop < 0:
        return text, ""
    return text[:start] + text[stop + len(end):].lstrip("\n"), text[start:stop + len(end)]
rest, _ = cut(previous, begin, end)
if only_new == "1":
    document = rest.rstrip("\n").split("\n") if rest else lines
else:
    document = lines
    # What follows the generated part stays as it was: auto_escape.sh's section and the notes after it.
    kept = rest.find("<!-- auto_escape.sh")
    if kept >= 0:
        document = document + [rest[kept:].rstrip("\n")]
if os.environ.get("BENCH_NEW_ROWS", "1") == "1":
    document = document + [""] + section + [""]
    print("\n".join(section))
else:
    # `--no-new` measured none of those rows: their section stays as it was.
    _, previous_section = cut(previous, begin, end)
    if previous_section:
        document = document + [""] + [previous_section] + [""]
open(results, "w").write("\n".join(document))
PY
