#!/usr/bin/env bash
# Measures the configurator against its budgets in one go: builds the native and WASM benchmarks
# (and the page unless given one), runs them, measures the download, runs the page benchmark when
# bench/page_bench.mjs exists, prints one table and writes results.json under the work folder.
# The tracked bench/results.json holds the figures the README quotes: write it (--results
# bench/results.json) only in the commit that updates the README's table.
#
# Usage: bench/run.sh [--quick|--full] [--dist DIR [--page-build DIR]] [--results FILE]
#   --quick   (default) no 1,000,000-unit fleet: a few minutes once built; what CI runs
#   --full    adds the 1M-unit fleet natively and in WASM (the 95 MB file is generated once)
#   --dist    measure this built page (e.g. dist/ after ./wasm_build.sh) instead of building one;
#             --page-build names its CMake tree (APOS_WASM_BUILD) for the per-function size listing
#   --results where the figures go (default: results.json in APOS_BENCH_DIR)
# Environment: APOS_BENCH_DIR (default build/bench-run) holds the builds and raw results;
#              APOS_BENCH_JOBS (default: nproc) limits build parallelism.
# Exit status: non-zero when a build fails or a benchmark crashes. Missed budgets are reported,
# never fatal (an out-of-memory stop of the 1M WASM run is a missed memory budget, not a crash).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=quick
DIST=""
PAGE_BUILD=""
RESULTS=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) MODE=quick ;;
        --full) MODE=full ;;
        --dist) DIST="$(cd "$2" && pwd)"; shift ;;
        --page-build) PAGE_BUILD="$(cd "$2" && pwd)"; shift ;;
        --results) RESULTS="$(realpath -m "$2")"; shift ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

WORK="${APOS_BENCH_DIR:-$ROOT/build/bench-run}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
JOBS="${APOS_BENCH_JOBS:-$(nproc)}"
[[ -n "$RESULTS" ]] || RESULTS="$WORK/results.json"
FLEETS="$WORK/fleets"
RAW="$WORK/raw"
rm -rf "$RAW" && mkdir -p "$RAW"
STEPS="$RAW/steps.tsv"   # step <TAB> ok|crashed|out_of_memory|skipped <TAB> detail
: >"$STEPS"
cut -d' ' -f1-3 /proc/loadavg >"$RAW/load-start.txt"   # the table says how busy the machine was
# Debian's em++ runs its JS optimizer with node and needs acorn from Debian's node folder.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

log() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >>"$STEPS"; }
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "bench/run.sh: need root to install: $*" >&2; return 1; fi
}

# ---- what the measurements need ----------------------------------------------------------
is_installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }
wanted=(cmake g++ make python3 libbenchmark-dev nlohmann-json3-dev emscripten nodejs brotli wabt binaryen gzip)
missing=()
for package in "${wanted[@]}"; do is_installed "$package" || missing+=("$package"); done
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# ---- builds --------------------------------------------------------------------------------
fleet_targets=(apos_bench_fleets)
[[ $MODE == full ]] && fleet_targets+=(apos_bench_fleet_1m)

log "native benchmarks (Release) in $WORK/native"
# The presets `bench` and `bench-wasm` hold the settings (warnings are not errors there: at -O3
# GCC 12 adds false ones, bug 105329, that would turn into a failed measurement); only the
# folders can change here.
cmake --preset bench -S "$ROOT" -B "$WORK/native" -DAPOS_BENCH_FLEET_DIR="$FLEETS" >"$RAW/native-configure.log" 2>&1
cmake --build "$WORK/native" -j"$JOBS" --target apos_bench apos_bench_plain "${fleet_targets[@]}" >"$RAW/native-build.log" \
    || { tail -30 "$RAW/native-build.log"; exit 1; }

log "WASM harness (em++ -O3) in $WORK/wasm"
# em++ must never see /usr/include (glibc headers): the header-only nlohmann is staged aside.
NLOHMANN_STAGE="$ROOT/build/_deps/include"
[[ -f "$NLOHMANN_STAGE/nlohmann/json.hpp" ]] || { mkdir -p "$NLOHMANN_STAGE" && cp -r /usr/include/nlohmann "$NLOHMANN_STAGE/"; }
cmake --preset bench-wasm -S "$ROOT" -B "$WORK/wasm" -DAPOS_BENCH_FLEET_DIR="$FLEETS" >"$RAW/wasm-configure.log" 2>&1
cmake --build "$WORK/wasm" -j"$JOBS" --target apos_bench_plain >"$RAW/wasm-build.log" \
    || { tail -30 "$RAW/wasm-build.log"; exit 1; }
WASM_HARNESS="$WORK/wasm/bench/apos_bench_plain.js"

if [[ -z "$DIST" ]]; then
    log "page build (wasm_build.sh) into $WORK/dist"
    PAGE_BUILD="$WORK/page-build"
    DIST="$WORK/dist"
    APOS_WASM_BUILD="$PAGE_BUILD" APOS_DIST="$DIST" "$ROOT/wasm_build.sh" >"$RAW/page-build.log" 2>&1 \
        || { tail -30 "$RAW/page-build.log"; exit 1; }
fi

# ---- runs ----------------------------------------------------------------------------------
# Runs one benchmark command with stdout to $1; a non-zero exit is a crash unless the harness
# said it ran out of memory first.
run_step() {
    local name="$1" out="$2"
    shift 2
    local status=0
    "$@" >"$out" 2>"$out.stderr" || status=$?
    if [[ $status -eq 0 ]]; then
        record "$name" ok
    elif grep -q '"event":"out_of_memory"' "$out"; then
        record "$name" out_of_memory "exit $status; $(grep -h '"event":"out_of_memory"' "$out" | head -n1)"
        log "$name stopped: out of memory"
    else
        record "$name" crashed "exit $status; $(tail -n3 "$out.stderr" | tr '\n\t' '  ' | cut -c1-300)"
        log "$name CRASHED (exit $status), see $out.stderr"
    fi
}

log "native Google Benchmark (single-device scenarios, 5 repetitions)"
run_step gbench_device "$RAW/gbench-device.txt" "$WORK/native/bin/apos_bench" \
    --benchmark_filter='^BM_(LoadCatalog|EligibilityOneDevice|QuoteTenLines|Timeline)$' \
    --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$RAW/gbench-device.json" --benchmark_out_format=json
log "native Google Benchmark (fleets)"
gbench_fleet_flags=(--fleet_dir="$FLEETS")
[[ $MODE == full ]] && gbench_fleet_flags+=(--fleet_1m)
run_step gbench_fleet "$RAW/gbench-fleet.txt" "$WORK/native/bin/apos_bench" "${gbench_fleet_flags[@]}" \
    --benchmark_filter='^BM_Fleet' --benchmark_out="$RAW/gbench-fleet.json" --benchmark_out_format=json

fleet_sizes=(10000 100000)
[[ $MODE == full ]] && fleet_sizes+=(1000000)
for platform in native wasm; do
    if [[ $platform == native ]]; then harness=("$WORK/native/bin/apos_bench_plain"); else harness=(node "$WASM_HARNESS"); fi
    log "plain harness, $platform: single-device scenarios"
    run_step "plain_${platform}_device" "$RAW/plain-$platform-device.jsonl" "${harness[@]}"
    for units in "${fleet_sizes[@]}"; do
        # One process per size: each fleet gets its own memory reading; 1M runs once.
        repeats=3
        [[ $units -ge 1000000 ]] && repeats=1
        log "plain harness, $platform: fleet of $units"
        run_step "plain_${platform}_fleet_$units" "$RAW/plain-$platform-fleet-$units.jsonl" \
            "${harness[@]}" --fleet "$units" --fleet-dir "$FLEETS" --repeats "$repeats"
    done
done

log "size report of $DIST"
size_flags=(--dist "$DIST" --work "$WORK/size-work" --out "$RAW/size.json")
[[ -n "$PAGE_BUILD" ]] && size_flags+=(--page-build "$PAGE_BUILD")
run_step size_report "$RAW/size.txt" python3 "$ROOT/bench/size_report.py" "${size_flags[@]}"

if [[ -f "$ROOT/bench/page_bench.mjs" ]]; then
    log "page benchmark (headless Chromium)"
    # Each run loads a 100k-row fleet into the page (a minute on a busy 2-core machine): --quick
    # takes the median of two runs, --full the script's default.
    page_flags=(--dist "$DIST" --out "$RAW/page.json")
    [[ $MODE == quick ]] && page_flags+=(--runs 2)
    run_step page_bench "$RAW/page-bench.txt" node "$ROOT/bench/page_bench.mjs" "${page_flags[@]}"
else
    record page_bench skipped "bench/page_bench.mjs is not there yet"
fi

# ---- table and results.json ------------------------------------------------------------------
python3 "$ROOT/bench/report.py" --raw "$RAW" --mode "$MODE" --out "$RESULTS"
if grep -q $'\tcrashed\t' "$STEPS"; then
    log "a benchmark crashed:"
    grep $'\tcrashed\t' "$STEPS" >&2
    exit 1
fi
