#!/usr/bin/env bash
# Builds the web app into dist/ (page, apos.js + apos.wasm, catalog, font) and the single-file
# offline page dist/offline/apos-configurator.html. `--serve` then serves dist/ on :8080.
#
# Usage: ./wasm_build.sh [--serve] [--port N] [--clean]
# Needs Debian 12; installs what is missing (as root, or through sudo). Third-party sources and
# generated files live under build/ (never committed); the output is dist/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DEPS="$ROOT/build/_deps"
# APOS_WASM_BUILD and APOS_DIST let parallel builds (several work trees, CI jobs) keep apart.
BUILD="${APOS_WASM_BUILD:-$ROOT/build/wasm}"
DIST="${APOS_DIST:-$ROOT/dist}"
FONT_SRC="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_OUT="$ROOT/build/fonts/apos-sans.ttf"
# Latin-1 plus the few symbols the UI draws: en/em dash, bullet, ellipsis, euro, arrows,
# <= >=, check and cross marks. web/app/look.cpp asks ImGui for exactly these ranges.
FONT_UNICODES="U+0020-007E,U+00A0-00FF,U+2013-2014,U+2022,U+2026,U+20AC,U+2190-2193,U+2264-2265,U+2713,U+2717"

SERVE=0
PORT=8080
CLEAN=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --serve) SERVE=1 ;;
        --port) PORT="$2"; shift ;;
        --clean) CLEAN=1 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "wasm_build.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

# Debian's em++ runs its JS optimizer with node and needs acorn from Debian's node folder.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

log() { printf '\033[1m[wasm_build]\033[0m %s\n' "$*"; }
die() { printf '[wasm_build] error: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $*"; fi
}

# ---- 1. Debian packages ------------------------------------------------------------------
APT_UPDATED=0
apt_update_once() {
    if [[ $APT_UPDATED -eq 0 ]]; then as_root apt-get update; APT_UPDATED=1; fi
}

is_installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }

ensure_packages() {
    local wanted=(emscripten nlohmann-json3-dev fonts-dejavu-core python3-fonttools dpkg-dev xz-utils cmake make python3)
    local missing=()
    for p in "${wanted[@]}"; do is_installed "$p" || missing+=("$p"); done
    if [[ ${#missing[@]} -gt 0 ]]; then
        log "installing ${missing[*]}"
        apt_update_once
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
    fi
    command -v em++ >/dev/null || die "em++ not found after installing emscripten"
}

# ---- 2. Third-party sources (cached under build/_deps) ------------------------------------
fetch_imgui() { "$ROOT/tools/fetch_imgui.sh"; }
# zlib and expat for the .xlsx reader, from their Debian source packages.
fetch_xlsx_deps() { "$ROOT/tools/fetch_xlsx_deps.sh"; }

# em++ must never see /usr/include (glibc headers): copy the header-only library aside.
stage_nlohmann() {
    if [[ ! -f "$DEPS/include/nlohmann/json.hpp" ]]; then
        mkdir -p "$DEPS/include"
        cp -r /usr/include/nlohmann "$DEPS/include/"
    fi
}

subset_font() {
    if [[ -f "$FONT_OUT" && "$FONT_OUT" -nt "$0" ]]; then return; fi
    mkdir -p "$(dirname "$FONT_OUT")"
    # Debian's python3-fonttools lives in the system interpreter (a pyenv python3 may lack it).
    local py=python3
    [[ -x /usr/bin/python3 ]] && py=/usr/bin/python3
    log "subsetting DejaVuSans to Latin-1 + symbols"
    "$py" -m fontTools.subset "$FONT_SRC" --unicodes="$FONT_UNICODES" \
        --layout-features='' --no-hinting --drop-tables+=FFTM --output-file="$FONT_OUT"
}

# ---- 3. Configure and build ------------------------------------------------------------------
# The `web` preset (CMakePresets.json) holds every setting; only the folder can change here.
configure_and_build() {
    [[ $CLEAN -eq 1 ]] && rm -rf "$BUILD"
    cmake --preset web -S "$ROOT" -B "$BUILD" >/dev/null
    cmake --build "$BUILD" --target apos_web apos_web_offline apos_xlsx_reader apos_fleet_worker -j"${APOS_JOBS:-$(nproc)}"
}

# ---- 4. dist/ ---------------------------------------------------------------------------------
assemble_dist() {
    local out
    out="$(find "$BUILD" -name apos.js -path '*web*' | head -n1)"
    [[ -n "$out" ]] || die "apos.js not found under $BUILD"
    out="$(dirname "$out")"
    rm -rf "$DIST" && mkdir -p "$DIST/catalog" "$DIST/font" "$DIST/offline"
    cp "$ROOT/index.html" "$DIST/"
    cp "$ROOT/web/page/host.css" "$ROOT/web/page/host.js" "$ROOT/web/page/favicon.svg" "$DIST/"
    cp "$out/apos.js" "$out/apos.wasm" "$DIST/"
    cp "$out/apos-xlsx.wasm" "$DIST/"  # the workbook reader, fetched when a workbook arrives
    cp "$out/apos-fleet.wasm" "$DIST/"  # the fleet workers' module, fetched for the first large fleet
    cp "$FONT_OUT" "$DIST/font/apos-sans.ttf"
    if compgen -G "$ROOT/catalog/*.json" >/dev/null; then
        cp "$ROOT"/catalog/*.json "$DIST/catalog/"
    else
        log "WARNING: catalog/ has no JSON files yet; the page will show a catalog error"
    fi
    local py=python3
    [[ -x /usr/bin/python3 ]] && py=/usr/bin/python3
    "$py" "$ROOT/web/tools/make_offline_page.py" --page "$ROOT/index.html" --page-dir "$ROOT/web/page" \
        --script "$out/apos-offline.js" --xlsx-reader "$out/apos-xlsx.wasm" --fleet-worker "$out/apos-fleet.wasm" --catalog "$DIST/catalog" --font "$FONT_OUT" \
        --out "$DIST/offline/apos-configurator.html"
}

report_sizes() {
    log "sizes (raw / gzip -9):"
    local f
    for f in "$DIST/apos.wasm" "$DIST/apos.js" "$DIST/apos-xlsx.wasm" "$DIST/apos-fleet.wasm" "$DIST/font/apos-sans.ttf" "$DIST/offline/apos-configurator.html"; do
        printf '    %-44s %9d B  %9d B\n' "${f#$ROOT/}" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)"
    done
}

ensure_packages
fetch_imgui
fetch_xlsx_deps
stage_nlohmann
subset_font
configure_and_build
assemble_dist
report_sizes
log "dist/ is ready: $DIST"

if [[ $SERVE -eq 1 ]]; then
    log "serving dist/ on http://localhost:$PORT (Ctrl+C to stop)"
    cd "$DIST" && exec python3 -m http.server "$PORT" --bind 127.0.0.1
fi
