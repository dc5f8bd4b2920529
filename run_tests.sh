#!/usr/bin/env bash
# Runs every test of the project on a Debian 12 machine, installing what is missing: the
# formatting check, the native suite (unit, rule scenarios, headless UI, CLI golden files,
# repository checks), the same suite under AddressSanitizer + UBSan, a short libFuzzer run of
# every parser, the web build (which also proves the core compiles with em++) with its browser
# tests in headless Chromium, the desktop build's screenshots under Xvfb, and bench/run.sh
# --quick (budgets reported, not asserted). Every build is a named preset (cmake --list-presets).
# At the end, also on failure, a table gives each stage's time in seconds.
#
# Usage: ./run_tests.sh [--quick]     (--quick: formatting check and native suite only)
# Environment: APOS_JOBS (default: nproc) limits build and test parallelism.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1
JOBS="${APOS_JOBS:-$(nproc)}"

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# ---- stages and their times ------------------------------------------------------------------
STAGE_NAMES=()
STAGE_SECONDS=()
STAGE_START=0
CURRENT=""
RUN_START=$(date +%s)
stage() {
    finish_stage
    CURRENT="$1"
    STAGE_START=$(date +%s)
    printf '\n\033[1m== %s\033[0m\n' "$CURRENT"
}
finish_stage() {
    if [[ -n "$CURRENT" ]]; then
        STAGE_NAMES+=("$CURRENT")
        STAGE_SECONDS+=($(($(date +%s) - STAGE_START)))
        CURRENT=""
    fi
}
report() {
    local status=$?
    local failed="$CURRENT"
    finish_stage
    printf '\n%-64s %8s\n' "stage" "seconds"
    local i
    for i in "${!STAGE_NAMES[@]}"; do
        local mark=""
        [[ $status -ne 0 && "${STAGE_NAMES[$i]}" == "$failed" ]] && mark="  FAILED"
        printf '%-64s %8d%s\n' "${STAGE_NAMES[$i]}" "${STAGE_SECONDS[$i]}" "$mark"
    done
    printf '%-64s %8d\n' "total" $(($(date +%s) - RUN_START))
    if [[ $status -eq 0 ]]; then echo "all tests passed"; else echo "FAILED in: $failed (exit $status)"; fi
}
trap report EXIT

# ---- what the tests need ---------------------------------------------------------------------
stage "packages"
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v g++ >/dev/null || need+=(g++)
command -v python3 >/dev/null || need+=(python3)
command -v clang-format-14 >/dev/null || command -v clang-format >/dev/null || need+=(clang-format)
dpkg -s libgtest-dev >/dev/null 2>&1 || need+=(libgtest-dev)
dpkg -s nlohmann-json3-dev >/dev/null 2>&1 || need+=(nlohmann-json3-dev)
dpkg -s dpkg-dev >/dev/null 2>&1 || need+=(dpkg-dev)  # apt-get source, for the ImGui, zlib and expat sources
# .xlsx workbooks: read with zlib and expat, the opportunity export written with libxlsxwriter.
for pkg in zlib1g-dev libexpat1-dev libxlsxwriter-dev pkg-config; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
# The fleet's Dask runner (tools/fleet_dask.py) is tested on a local cluster in the native suite.
dpkg -s python3-dask >/dev/null 2>&1 || need+=(python3-dask)
dpkg -s python3-distributed >/dev/null 2>&1 || need+=(python3-distributed)
if [[ $QUICK -eq 0 ]]; then
    command -v em++ >/dev/null || need+=(emscripten)
fi
if [[ ${#need[@]} -gt 0 ]]; then
    echo "installing ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# The headless UI test of the native suite compiles Dear ImGui's core from its source package.
tools/fetch_imgui.sh

stage "formatting (tools/check_format.sh)"
tools/check_format.sh

stage "native build and tests (preset native)"
cmake --preset native >/dev/null
cmake --build --preset native -j"$JOBS"
ctest --preset native -j"$JOBS"

if [[ $QUICK -eq 1 ]]; then exit 0; fi

stage "the same tests under AddressSanitizer and UBSan (preset sanitizers)"
cmake --preset sanitizers >/dev/null
cmake --build --preset sanitizers -j"$JOBS"
ctest --preset sanitizers -j"$JOBS"

stage "short fuzz run of every parser (preset fuzz)"
tests/fuzz/run.sh "${APOS_FUZZ_SECONDS:-15}"

# The web build compiles the core with em++ as well, so the wasm-core preset (the core alone,
# for a quick check by hand) is not built again here.
web_built=0
if [[ -x ./wasm_build.sh && -x tests/browser/run.sh ]]; then
    stage "web app build (preset web)"
    APOS_JOBS="$JOBS" ./wasm_build.sh
    web_built=1
    stage "browser tests"
    tests/browser/run.sh
fi

if [[ -x tests/desktop/run.sh ]]; then
    # The desktop preset shares the native tree: only the window itself is compiled.
    stage "desktop window under Xvfb: screenshots checked (preset desktop)"
    tests/desktop/run.sh
fi

stage "benchmarks against the budgets (presets bench, bench-wasm; reported, not asserted)"
bench_flags=(--quick)
# The page just built is the one to measure (saves building it again).
if [[ $web_built -eq 1 ]]; then
    bench_flags+=(--dist "${APOS_DIST:-$ROOT/dist}" --page-build "${APOS_WASM_BUILD:-$ROOT/build/wasm}")
fi
APOS_BENCH_JOBS="$JOBS" bench/run.sh "${bench_flags[@]}"
