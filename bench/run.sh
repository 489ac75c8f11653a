#!/usr/bin/env bash
# The consortium-scale benchmark (SPEC §10), on generated consortia of N
# requirements over 20 area sheets, 12 vendors and 40 member towns:
# - `fairbid evaluate` end to end (workbook and JSON) against the two floors
#   of examples/floor.rs, both measured in the same run: the floor (calamine
#   reading every input cell, then rust_xlsxwriter writing as many cells as
#   fairbid's workbook holds, on one thread) and the two-thread floor (the
#   same work on both cores: inputs split over 2 threads by size, sheets
#   filled on 2 threads in constant memory, deflate level 2);
# - `check`, `template` (from the matrix) and `draft --apply` (with the
#   responses and the requests) on the same inputs: time and peak memory.
#
#   bench/run.sh                      # N = 2,000, 20,000 and 200,000
#   bench/run.sh --sizes "2000 20000" --runs 5
#   bench/run.sh --bin path/to/other/fairbid   # another build, e.g. an older commit
#
# Each size is run --runs times (default 3; --runs-large times, default 1,
# at 200,000 and above) and the fastest run counts, for every command and
# each floor alike: other work on the machine only ever slows a run down.
# Peak memory is the largest of the runs (/usr/bin/time -v, maximum resident
# set size). The builds and the generated inputs go to $CARGO_TARGET_DIR
# (default target/): inputs in bench-data, made again only when the
# generator changes. The closing lines say which SPEC §10 target is met.
set -euo pipefail

cd "$(dirname "$0")/.."

sizes="2000 20000 200000"
runs=3
runs_large=1
vendors=12
members=40
seed=1
tgt=${CARGO_TARGET_DIR:-target}
bin=$tgt/release/fairbid
while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) sizes="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --runs-large) runs_large="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

if [ ! -x /usr/bin/time ]; then
    echo "bench/run.sh: /usr/bin/time is missing; install it (Debian/Ubuntu: apt-get install -y time)" >&2
    exit 2
fi

echo "building (release) ..." >&2
cargo build --release --quiet --bin fairbid --example scale --example floor

scale=$tgt/release/examples/scale
floor=$tgt/release/examples/floor
data=$tgt/bench-data
mkdir -p "$data"
generator=$(sha256sum "$scale" | cut -c1-16)

# Seconds and peak KiB of one command, from /usr/bin/time -v. The first
# argument is the highest exit code that still counts as a run (check
# exits 1 when it finds errors, and that is a finished check).
measure() {
    local ok=$1 log code=0
    shift
    log=$(mktemp)
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || code=$?
    if [ "$code" -gt "$ok" ]; then
        cat "$log" >&2
        rm -f "$log"
        echo "bench/run.sh: $1 ${2:-} exited $code" >&2
        return 1
    fi
    awk -F': ' '
        /Elapsed \(wall clock\)/ {
            n = split($2, p, ":"); s = 0
            for (i = 1; i <= n; i++) s = s * 60 + p[i]
        }
        /Maximum resident set size/ { kb = $2 }
        END { printf "%.3f %d\n", s, kb }' "$log"
    rm -f "$log"
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 < b + 0) ? a : b }'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b == "" || a + 0 > b + 0) ? a : b }'; }
# The value of KEY in a line of key=value pairs.
field() { sed -n "s/.*\\b$1=\\([0-9.]*\\).*/\\1/p" <<<"$2"; }

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo "machine: ${cpu:-unknown CPU}, $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "fairbid: $bin; vendors $vendors, members $members, seed $seed; best of $runs runs ($runs_large at N >= 200000)"
echo

commands="evaluate check template draft"
# Keyed "command,N": best seconds and largest peak KiB. Keyed "N": the floors.
declare -A secs peak floor1 read1 write1 floor2 read2 write2
for n in $sizes; do
    dir="$data/n$n"
    stamp="n=$n vendors=$vendors members=$members seed=$seed generator=$generator"
    if [ "$(cat "$dir/.generated" 2>/dev/null)" != "$stamp" ]; then
        echo "generating N = $n ..." >&2
        rm -rf "$dir"
        "$scale" --requirements "$n" --vendors "$vendors" --members "$members" --seed "$seed" "$dir" >&2
        echo "$stamp" >"$dir/.generated"
    fi
    out="$data/out-$n"
    mkdir -p "$out"
    req=(--requirements "$dir/requirements.xlsx")
    inputs=("${req[@]}" --responses "$dir/responses" --settings "$dir/settings.toml")
    tries=$runs
    [ "$n" -ge 200000 ] && tries=$runs_large
    for _ in $(seq "$tries"); do
        echo "N = $n: evaluate, floors, check, template, draft --apply ..." >&2
        # Command substitutions, not < <(…): a failed run stops the script.
        res_evaluate=$(measure 0 "$bin" evaluate "${inputs[@]}" --requests "$dir/requests.xlsx" \
            -o "$out/evaluation.xlsx" --json "$out/evaluation.json" --force --quiet)
        line=$("$floor" --requirements "$dir/requirements.xlsx" --responses "$dir/responses" \
            --requests "$dir/requests.xlsx" --workbook "$out/evaluation.xlsx")
        res_check=$(measure 1 "$bin" check "${inputs[@]}")
        res_template=$(measure 0 "$bin" template "${req[@]}" --settings "$dir/settings.toml" \
            -o "$out/form.xlsx" --force)
        res_draft=$(measure 0 "$bin" draft "${inputs[@]}" --requests "$dir/requests.xlsx" \
            -o "$out/draft.xlsx" --apply --force)
        for c in $commands; do
            var=res_$c
            read -r s kb <<<"${!var}"
            secs[$c,$n]=$(min "$s" "${secs[$c,$n]:-}")
            peak[$c,$n]=$(max "$kb" "${peak[$c,$n]:-}")
        done
        # Each floor is the fastest of its own runs, its parts from that run.
        f=$(field floor_s "$line")
        if [ -z "${floor1[$n]:-}" ] || [ "$(min "$f" "${floor1[$n]}")" = "$f" ]; then
            floor1[$n]=$f read1[$n]=$(field read_s "$line") write1[$n]=$(field write_s "$line")
        fi
        f=$(field par_floor_s "$line")
        if [ -z "${floor2[$n]:-}" ] || [ "$(min "$f" "${floor2[$n]}")" = "$f" ]; then
            floor2[$n]=$f read2[$n]=$(field par_read_s "$line") write2[$n]=$(field par_write_s "$line")
        fi
    done
done

ref=""
for n in $sizes; do [ "$n" = 20000 ] && ref=20000; done
# Time at N over time at 20,000, when 20,000 was measured.
growth() {
    if [ -n "$ref" ]; then
        awk -v a="${secs[$1,$2]}" -v b="${secs[$1,$ref]}" 'BEGIN { printf "%.2fx", a / b }'
    else
        echo "-"
    fi
}

echo "evaluate against the floors (ratio = evaluate s / floor s; ratio2 = evaluate s / floor2 s, the one held to a target):"
printf '%9s  %10s  %8s  %10s  %8s  %6s  %8s  %8s  %8s  %6s  %8s  %8s\n' \
    N "evaluate s" "peak MiB" "growth/20k" "floor s" ratio "read s" "write s" \
    "floor2 s" ratio2 "read2 s" "write2 s"
for n in $sizes; do
    awk -v n="$n" -v e="${secs[evaluate,$n]}" -v kb="${peak[evaluate,$n]}" -v g="$(growth evaluate "$n")" \
        -v f1="${floor1[$n]}" -v r1="${read1[$n]}" -v w1="${write1[$n]}" \
        -v f2="${floor2[$n]}" -v r2="${read2[$n]}" -v w2="${write2[$n]}" 'BEGIN {
        printf "%9d  %10.2f  %8.0f  %10s  %8.2f  %6.2f  %8.2f  %8.2f  %8.2f  %6.2f  %8.2f  %8.2f\n",
            n, e, kb / 1024, g, f1, e / f1, r1, w1, f2, e / f2, r2, w2
    }'
done
echo
echo "the other commands on the same inputs (seconds, peak MiB, growth of time over N = 20000):"
printf '%9s  %8s  %6s  %7s  %10s  %6s  %7s  %8s  %6s  %7s\n' \
    N "check s" MiB growth "template s" MiB growth "draft s" MiB growth
for n in $sizes; do
    printf '%9d' "$n"
    for c in check template draft; do
        w=8
        [ "$c" = template ] && w=10
        awk -v w="$w" -v s="${secs[$c,$n]}" -v kb="${peak[$c,$n]}" -v g="$(growth "$c" "$n")" \
            'BEGIN { printf "  %*.2f  %6.0f  %7s", w, s, kb / 1024, g }'
    done
    echo
done
echo
echo "floor = read s (calamine, every cell of every input, one thread) + write s (rust_xlsxwriter, fairbid's cells, one thread)"
echo "floor2 = the same on 2 threads: inputs split by size, sheets split by cells and streamed (constant memory), deflate level 2"
echo "draft = draft --apply with the responses and the requests; template = the response form from the matrix"
echo "targets (SPEC §10): evaluate <= 1.25 x floor2 at N = 20000 and 200000; time at 200000 <= 11 x time at 20000;"
echo "                    peak <= 512 MiB at N = 200000, for evaluate, draft --apply and template alike"
# One verdict a target and size, for the sizes measured.
verdict() { awk -v v="$2" -v t="$3" -v what="$1" 'BEGIN { printf "  %-44s %8s  %s\n", what, v, (v + 0 <= t + 0) ? "met" : "MISSED" }'; }
for n in $sizes; do
    [ "$n" = 20000 ] || [ "$n" = 200000 ] || continue
    verdict "evaluate / floor2 at $n (<= 1.25)" \
        "$(awk -v e="${secs[evaluate,$n]}" -v f="${floor2[$n]}" 'BEGIN { printf "%.2f", e / f }')" 1.25
    [ "$n" = 200000 ] || continue
    for c in evaluate draft template; do
        if [ -n "$ref" ]; then
            verdict "$c time 200000 / 20000 (<= 11)" "$(growth "$c" "$n" | tr -d x)" 11
        fi
        verdict "$c peak MiB at 200000 (<= 512)" \
            "$(awk -v kb="${peak[$c,$n]}" 'BEGIN { printf "%.0f", kb / 1024 }')" 512
    done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
