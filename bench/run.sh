#!/usr/bin/env bash
# Measures the configurator against its budgets in one go: builds the native and WASM benchmarks
# (and the page unless given one), runs them, measures the download, runs the page benchmark when
# bench/page_bench.mjs exists, prints one table and writes results.json under the work folder.
# The tracked bench/results.json holds the figures the README quotes: write it (--results
# bench/results.json) only in the commit that updates the README's table.
#
# Usage: bench/run.sh [--quick|--full] [--peer-only] [--dist DIR [--page-build DIR]] [--results FILE]
#   --quick   (default) no 1,000,000-unit fleet: a few minutes once built; what CI runs
#   --full    adds the 1M-unit fleet natively and in WASM (the 95 MB file is generated once)
#   --peer-only  only `apos fleet` against the DuckDB peer (100k with --quick, 1M with --full)
#   --dist    measure this built page (e.g. dist/ after ./wasm_build.sh) instead of building one;
#             --page-build names its CMake tree (APOS_WASM_BUILD) for the per-function size listing
#   --results where the figures go (default: results.json in APOS_BENCH_DIR)
# Environment: APOS_BENCH_DIR (default build/bench-run) holds the builds and raw results;
#              APOS_BENCH_JOBS (default: nproc) limits build parallelism;
#              APOS_BENCH_THREADS (default: nproc) threads for `apos fleet` and the DuckDB peer.
# Exit status: non-zero when a build fails or a benchmark crashes. Missed budgets are reported,
# never fatal (an out-of-memory stop of the 1M WASM run is a missed memory budget, not a crash).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE=quick
DIST=""
PAGE_BUILD=""
RESULTS=""
PEER_ONLY=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) MODE=quick ;;
        --full) MODE=full ;;
        --dist) DIST="$(cd "$2" && pwd)"; shift ;;
        --page-build) PAGE_BUILD="$(cd "$2" && pwd)"; shift ;;
        --results) RESULTS="$(realpath -m "$2")"; shift ;;
        --peer-only) PEER_ONLY=1 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
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
wanted=(cmake g++ make python3 libbenchmark-dev nlohmann-json3-dev zlib1g-dev libexpat1-dev libxlsxwriter-dev pkg-config emscripten nodejs brotli wabt binaryen gzip time)
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
native_targets=(apos "${fleet_targets[@]}")   # apos: the CLI the DuckDB peer is timed against
[[ $PEER_ONLY == 1 ]] || native_targets+=(apos_bench apos_bench_plain)
cmake --build "$WORK/native" -j"$JOBS" --target "${native_targets[@]}" >"$RAW/native-build.log" \
    || { tail -30 "$RAW/native-build.log"; exit 1; }

# ---- the DuckDB peer (issue 14) ------------------------------------------------------------
# `apos fleet` computing its summary and bench/duckdb_peer.mjs answering the same questions in SQL,
# on the same fleet file with the same number of threads, each timed as a whole process (wall and
# CPU, GNU time). The ratio is DuckDB's wall time over ours: 1 or more means ours is faster.
# @duckdb/node-api comes from npm into $WORK/duckdb-peer (under build/, ignored by git); without
# npm or the registry the step is reported as skipped, never failed.
DUCKDB_NODE_API="@duckdb/node-api@1.5.6-r.1"
last_lines() { tail -n2 "$1" | tr '\n\t' '  ' | cut -c1-300; }
run_duckdb_peer() {
    local units=100000
    [[ $MODE == full ]] && units=1000000
    local csv="$FLEETS/fleet-$units.csv" threads="${APOS_BENCH_THREADS:-$(nproc)}"
    local peer_dir="$WORK/duckdb-peer" apos="$WORK/native/bin/apos" name="duckdb_peer_$units"
    local wanted_version="${DUCKDB_NODE_API##*@}" have_version=""
    local installed="$peer_dir/node_modules/@duckdb/node-api/package.json"
    have_version="$(node -p "require('$installed').version" 2>/dev/null || true)"
    if [[ $have_version != "$wanted_version" ]]; then
        if ! command -v npm >/dev/null; then
            record "$name" skipped "npm is not installed"
            log "DuckDB peer skipped: npm is not installed"
            return 0
        fi
        log "installing $DUCKDB_NODE_API into $peer_dir"
        mkdir -p "$peer_dir"
        if ! timeout 600 npm install --prefix "$peer_dir" --no-save --no-audit --no-fund --loglevel=error \
            --fetch-retries=1 "$DUCKDB_NODE_API" >"$RAW/duckdb-npm.log" 2>&1; then
            local why="npm install $DUCKDB_NODE_API failed: $(grep -m2 'npm error' "$RAW/duckdb-npm.log" | tr '\n' ' ' \
                | cut -c1-200)"
            record "$name" skipped "$why"
            log "DuckDB peer skipped: $why"
            return 0
        fi
    fi
    # Our side: `--format summary --threads N` once `apos fleet` takes them (it refuses an unknown
    # flag with a usage error); until then the per-unit JSON, thrown away, on one thread, and
    # DuckDB on one thread too.
    local ours_mode=summary note=""
    # One good row: a file with no unit exits 1 (issue 15), so a header alone cannot tell flags apart.
    printf 'serial,mtm,ship_date\nPROBE1,21JK,2026-01-10\n' >"$RAW/duckdb-probe.csv"
    if ! "$apos" fleet --csv "$RAW/duckdb-probe.csv" --as-of 2026-11-26 --format summary --threads 1 \
        >/dev/null 2>"$RAW/duckdb-probe.stderr"; then
        ours_mode=json threads=1
        note="apos fleet has no --format summary / --threads yet: --format json to /dev/null, one thread each"
        log "note: $note"
    fi
    local ours_out="$RAW/$name-apos.out"
    local ours=("$apos" fleet --csv "$csv" --as-of 2026-11-26 --format "$ours_mode")
    if [[ $ours_mode == summary ]]; then ours+=(--threads "$threads"); else ours_out=/dev/null; fi
    local peer=(node "$ROOT/bench/duckdb_peer.mjs" --csv "$csv" --as-of 2026-11-26 --threads "$threads"
        --node-modules "$peer_dir/node_modules" --catalog "$ROOT/catalog")
    log "DuckDB peer: fleet of $units, $threads threads: apos fleet, then DuckDB"
    local status=0
    /usr/bin/time -f '%e %U %S %M' -o "$RAW/$name-apos.time" "${ours[@]}" >"$ours_out" 2>"$RAW/$name-apos.stderr" \
        || status=$?
    if [[ $status -ne 0 ]]; then
        record "$name" crashed "apos fleet exit $status; $(last_lines "$RAW/$name-apos.stderr")"
        return 0
    fi
    /usr/bin/time -f '%e %U %S %M' -o "$RAW/$name-duckdb.time" "${peer[@]}" >"$RAW/$name-duckdb.json" \
        2>"$RAW/$name-duckdb.stderr" || status=$?
    if [[ $status -ne 0 ]]; then
        record "$name" crashed "duckdb_peer.mjs exit $status; $(last_lines "$RAW/$name-duckdb.stderr")"
        return 0
    fi
    # The same file with every unit's row written (the per-unit CSV), thrown away: issue 14's
    # second fleet budget.
    if [[ $ours_mode == summary ]]; then
        /usr/bin/time -f '%e %U %S %M' -o "$RAW/$name-apos-csv.time" "$apos" fleet --csv "$csv" --as-of 2026-11-26 \
            --format csv --threads "$threads" >/dev/null 2>"$RAW/$name-apos-csv.stderr" || status=$?
        if [[ $status -ne 0 ]]; then
            record "$name" crashed "apos fleet --format csv exit $status; $(last_lines "$RAW/$name-apos-csv.stderr")"
            return 0
        fi
    fi
    python3 - "$RAW" "$name" "$units" "$threads" "$ours_mode" "$note" "$ours_out" <<'PY'
# Puts both timings, the peer's own line and the bucket check in one file for report.py.
import json, sys
raw, name, units, threads, ours_mode, note, ours_out = sys.argv[1:]
def timing(path):
    wall, user, system, peak_kb = open(path).read().split()[-4:]
    return {"wall_s": float(wall), "cpu_s": float(user) + float(system), "peak_mb": int(peak_kb) * 1024 / 1e6}
peer = json.loads(open("%s/%s-duckdb.json" % (raw, name)).read().strip().splitlines()[-1])
ours, theirs = timing("%s/%s-apos.time" % (raw, name)), timing("%s/%s-duckdb.time" % (raw, name))
# The buckets are compared when our summary is JSON with them in it.
agree = "not compared (%s)" % ("no summary" if ours_mode != "summary" else "summary not read")
try:
    found = []
    def walk(v):
        if isinstance(v, dict):
            if "by_bucket" in v: found.append(v)
            for x in v.values(): walk(x)
    walk(json.load(open(ours_out)))
    if found:
        s = found[0]
        ours_buckets = {k: (b["units"] if isinstance(b, dict) else b) for k, b in s["by_bucket"].items()}
        diff = {k: [ours_buckets.get(k), n] for k, n in peer["buckets"].items() if ours_buckets.get(k) != n}
        if s.get("units") != peer["units"]: diff["units"] = [s.get("units"), peer["units"]]
        agree = "same units per bucket" if not diff else "differ (ours, DuckDB): %s" % json.dumps(diff)
except (OSError, ValueError, KeyError, TypeError):
    pass
out = {"units_in_file": int(units), "threads": int(threads), "ours_mode": ours_mode, "note": note,
       "ours": ours, "duckdb": theirs, "ratio_wall": theirs["wall_s"] / max(ours["wall_s"], 0.01),
       "buckets_check": agree, "peer": peer}
try:
    out["ours_csv"] = timing("%s/%s-apos-csv.time" % (raw, name))
except OSError:
    pass
json.dump(out, open("%s/peer-%s.json" % (raw, name), "w"), indent=1)
print("[bench] %s units, %s threads: apos fleet %.2f s wall, %.2f s CPU (--format %s); DuckDB %.2f s wall, "
      "%.2f s CPU (%.2f s load + query inside); DuckDB/ours %.2f; buckets: %s"
      % (units, threads, ours["wall_s"], ours["cpu_s"], ours_mode, theirs["wall_s"], theirs["cpu_s"],
         (peer["load_ms"] + peer["query_ms"]) / 1000, out["ratio_wall"], agree))
PY
    record "$name" ok "$note"
}

if [[ $PEER_ONLY == 1 ]]; then
    run_duckdb_peer
    python3 "$ROOT/bench/report.py" --raw "$RAW" --mode "$MODE" --out "$RESULTS" --peer-only
    if grep -q $'\tcrashed\t' "$STEPS"; then grep $'\tcrashed\t' "$STEPS" >&2; exit 1; fi
    exit 0
fi

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
    --benchmark_filter='^BM_(LoadCatalog|EligibilityOneDevice|EligibilityOneDeviceCold|EligibilityOneDeviceWords|QuoteTenLines|Timeline)$' \
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
    # With a fleet loaded into the page each run: 100,000 units (--full: 1,000,000, one run).
    page_flags=(--dist "$DIST" --out "$RAW/page.json")
    [[ $MODE == quick ]] && page_flags+=(--runs 2 --fleet-rows 100000)
    [[ $MODE == full ]] && page_flags+=(--runs 1 --fleet-rows 1000000)
    run_step page_bench "$RAW/page-bench.txt" node "$ROOT/bench/page_bench.mjs" "${page_flags[@]}"
else
    record page_bench skipped "bench/page_bench.mjs is not there yet"
fi

run_duckdb_peer

# ---- table and results.json ------------------------------------------------------------------
python3 "$ROOT/bench/report.py" --raw "$RAW" --mode "$MODE" --out "$RESULTS"
if grep -q $'\tcrashed\t' "$STEPS"; then
    log "a benchmark crashed:"
    grep $'\tcrashed\t' "$STEPS" >&2
    exit 1
fi
