#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20).
# Seeds come from the repository's own test data; findings land in build/fuzz/findings/.
# Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]   (APOS_FUZZ_BUILD=DIR: another build folder)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SECONDS_EACH="${1:-20}"; shift || true
TARGETS=("$@"); [[ ${#TARGETS[@]} -gt 0 ]] || TARGETS=(fuzz_catalog fuzz_quote_request fuzz_fleet_csv fuzz_fleet_xlsx fuzz_date fuzz_state)
if ! command -v clang++ >/dev/null || ! dpkg -s libclang-rt-14-dev >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null
fi
BUILD="$(realpath -m "${APOS_FUZZ_BUILD:-$ROOT/build/fuzz}")"
# The `fuzz` preset (CMakePresets.json) holds the settings; only the folder can change here.
cmake --preset fuzz -S "$ROOT" -B "$BUILD" >/dev/null
cmake --build "$BUILD" -j"${APOS_JOBS:-$(nproc)}" --target "${TARGETS[@]}"
mkdir -p "$BUILD/findings"
for target in "${TARGETS[@]}"; do
    corpus="$BUILD/corpus/$target"; mkdir -p "$corpus"
    case "$target" in
        fuzz_catalog) for f in "$ROOT"/catalog/*.json "$ROOT"/tests/cli/data/broken_catalog/*.json; do printf '\x02' | cat - "$f" > "$corpus/$(basename "$f").seed"; done ;;
        fuzz_quote_request) cp "$ROOT"/tests/cli/data/quote_*.json "$corpus/" ;;
        fuzz_fleet_csv) cp "$ROOT"/tests/cli/data/*.csv "$corpus/" 2>/dev/null || true ;;
        fuzz_fleet_xlsx)  # whole workbooks (odd first byte), and a sheet's XML alone (even)
            for f in "$ROOT"/tests/data/imports/*.xlsx; do printf '\x01' | cat - "$f" > "$corpus/$(basename "$f").seed"; done
            printf '\x00<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>mtm</t></is></c><c r="C1" t="inlineStr"><is><t>ship_date</t></is></c></row><row r="2"><c r="A2"><v>7</v></c><c r="B2" t="inlineStr"><is><t>21HD</t></is></c><c r="C2" s="1"><v>45426</v></c></row></sheetData></worksheet>\0<sst><si><t>serial</t></si></sst>' > "$corpus/sheet" ;;
        fuzz_date) printf '2024-02-29' > "$corpus/leap"; printf '9999-12-31' > "$corpus/last" ;;
        fuzz_state)  # links as the page writes them (browser and desktop tests), plus the state-* bad inputs below
            printf 'mtm=21HDCTO1WW&sn=PF4XYZ01&ship=2026-10-01&ch=distributor&qty=25&seg=education&asof=2026-11-26&svc=ext-onsite-nbd:4,adp:4,sbty:3,premier:4' > "$corpus/desktop"
            printf '#mtm=21JK&sn=PF%%20A%%26B&ship=2025-03-02&buy=2025-03-10&ch=distributor&cond=refurbished&cc=DE&qty=25&repl=1&seg=education&new=1&prog=NCB%%2CPDP&asof=2026-11-26&svc=ext-onsite-nbd%%3A4%%2Cadp%%3A4&ineligible=0' > "$corpus/every-key"
            printf 'mtm=21JK&ship=2025-13-01' > "$corpus/broken-link"; printf 'asof=2026-11-26' > "$corpus/fleet" ;;
    esac
    [[ -d "$ROOT/tests/data/bad" ]] && cp "$ROOT"/tests/data/bad/* "$corpus/" 2>/dev/null || true
    echo "== $target for ${SECONDS_EACH}s"
    "$BUILD/tests/fuzz/$target" "$corpus" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$BUILD/findings/$target-" -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|Done|ERROR|SUMMARY" || true
    if ls "$BUILD/findings/$target-"* >/dev/null 2>&1; then echo "finding for $target in $BUILD/findings"; exit 1; fi
done
