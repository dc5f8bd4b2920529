#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20).
# Seeds come from the repository's own test data; findings land in build/fuzz/findings/.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_EACH="${1:-20}"; shift || true
TARGETS=("$@"); [[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(fuzz_catalog fuzz_quote_request fuzz_fleet_csv fuzz_date)
if ! command -v clang++ >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
fi
BUILD="$ROOT/build/fuzz"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAPOS_BUILD_FUZZ=ON \
      -DAPOS_BUILD_TESTS=OFF -DAPOS_BUILD_CLI=OFF -DAPOS_WERROR=OFF >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target "${TARGETS[@]}"
mkdir -p "$BUILD/findings"
for target in "${TARGETS[@]}"; do
    corpus="$BUILD/corpus/$target"; mkdir -p "$corpus"
    case "$target" in
        fuzz_catalog) for f in "$ROOT"/catalog/*.json "$ROOT"/tests/cli/data/broken_catalog/*.json; do printf '\x02' | cat - "$f" > "$corpus/$(basename "$f").seed"; done ;;
        fuzz_quote_request) cp "$ROOT"/tests/cli/data/quote_*.json "$corpus/" ;;
        fuzz_fleet_csv) cp "$ROOT"/tests/cli/data/*.csv "$corpus/" 2>/dev/null || true ;;
        fuzz_date) printf '2024-02-29' > "$corpus/leap"; printf '9999-12-31' > "$corpus/last" ;;
    esac
    [[ -d "$ROOT/tests/data/bad" ]] && cp "$ROOT"/tests/data/bad/* "$corpus/" 2>/dev/null || true
    echo "== $target for ${SECONDS_EACH}s"
    "$BUILD/tests/fuzz/$target" "$corpus" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$BUILD/findings/$target-" -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY" || true
    if ls "$BUILD/findings/$target-"* >/dev/null 2>&1; then echo "finding for $target in $BUILD/findings"; exit 1; fi
done
