#!/usr/bin/env bash
# Runs every test of the project on a Debian 12 machine, installing what is missing:
# the native suite (unit, rule scenarios, CLI golden files, repository checks), the same
# suite under AddressSanitizer + UBSan, a short libFuzzer run of every parser, the core
# compiled by Debian's em++, the web build with its browser tests in headless Chromium, the
# desktop build's screenshots under Xvfb, and bench/run.sh --quick (budgets reported, not asserted).
#
# Usage: ./run_tests.sh [--quick]     (--quick: native suite only)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
QUICK=0
[[ "${1:-}" == "--quick" ]] && QUICK=1

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# ---- what the tests need ---------------------------------------------------------------
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v g++ >/dev/null || need+=(g++)
command -v python3 >/dev/null || need+=(python3)
dpkg -s libgtest-dev >/dev/null 2>&1 || need+=(libgtest-dev)
dpkg -s nlohmann-json3-dev >/dev/null 2>&1 || need+=(nlohmann-json3-dev)
if [[ $QUICK -eq 0 ]]; then
    command -v em++ >/dev/null || need+=(emscripten)
fi
if [[ ${#need[@]} -gt 0 ]]; then
    step "installing ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

start=$(date +%s)
step "native build and tests"
cmake --preset native >/dev/null
cmake --build --preset native -j"$(nproc)"
ctest --preset native -j"$(nproc)"

if [[ $QUICK -eq 1 ]]; then exit 0; fi

step "the same tests under AddressSanitizer and UBSan"
cmake --preset sanitizers >/dev/null
cmake --build --preset sanitizers -j"$(nproc)"
ctest --preset sanitizers -j"$(nproc)"

step "short fuzz run of every parser (tests/fuzz/run.sh SECONDS for longer runs)"
tests/fuzz/run.sh "${APOS_FUZZ_SECONDS:-15}"

step "the core through Debian's em++ (it must stay portable)"
mkdir -p build/_deps/include
[[ -d build/_deps/include/nlohmann ]] || cp -r /usr/include/nlohmann build/_deps/include/
cmake --preset wasm-core >/dev/null
cmake --build --preset wasm-core -j"$(nproc)"

web_built=0
if [[ -x ./wasm_build.sh && -x tests/browser/run.sh ]]; then
    step "web app build and browser tests"
    ./wasm_build.sh
    tests/browser/run.sh
    web_built=1
fi

if [[ -x tests/desktop/run.sh ]]; then
    step "desktop window under Xvfb: screenshots checked"
    tests/desktop/run.sh
fi

step "benchmarks against the budgets (reported, not asserted; a crash fails)"
bench_flags=(--quick)
# The page just built is the one to measure (saves building it again).
if [[ $web_built -eq 1 ]]; then
    bench_flags+=(--dist "${APOS_DIST:-$ROOT/dist}" --page-build "${APOS_WASM_BUILD:-$ROOT/build/wasm}")
fi
bench/run.sh "${bench_flags[@]}"

step "all tests passed in $(( $(date +%s) - start )) s"
