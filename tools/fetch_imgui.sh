#!/usr/bin/env bash
# Puts Dear ImGui 1.86's sources in build/_deps/imgui-1.86 (once) from Debian's source package:
# Debian's libimgui-dev has no imgui.cpp to compile for WebAssembly or for the headless UI test.
# Used by wasm_build.sh, run_tests.sh and tests/desktop/run.sh. Needs dpkg-dev and xz-utils.
#
# Usage: tools/fetch_imgui.sh      (installs deb-src entries as root or through sudo when missing)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/build/_deps"
IMGUI_VERSION="1.86"
IMGUI_DIR="$DEPS/imgui-$IMGUI_VERSION"

log() { printf '\033[1m[fetch_imgui]\033[0m %s\n' "$*"; }
die() { printf '[fetch_imgui] error: %s\n' "$*" >&2; exit 1; }
as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $*"; fi
}

if [[ -f "$IMGUI_DIR/imgui.cpp" && -f "$IMGUI_DIR/backends/imgui_impl_glfw.cpp" ]]; then
    exit 0
fi

# `apt-get source` needs deb-src entries; Debian 12 images usually ship only `deb`.
if [[ -z "$(apt-cache showsrc imgui 2>/dev/null)" ]]; then
    log "enabling Debian source packages (deb-src)"
    if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
        # deb822 format: same mirrors and suites, Types switched to deb-src.
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            | as_root tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    elif [[ -f /etc/apt/sources.list ]] && grep -q '^deb ' /etc/apt/sources.list; then
        sed -n 's/^deb /deb-src /p' /etc/apt/sources.list \
            | as_root tee /etc/apt/sources.list.d/debian-src.list >/dev/null
    else
        die "no Debian apt sources found to derive deb-src entries from"
    fi
    as_root apt-get update
fi

version="$(apt-cache showsrc imgui | sed -n 's/^Version: //p' | grep "^$IMGUI_VERSION" | head -n1 || true)"
[[ -n "$version" ]] || die "Debian has no imgui $IMGUI_VERSION source package"
log "fetching Dear ImGui sources (imgui $version) with apt-get source"
mkdir -p "$DEPS/src"
(cd "$DEPS/src" && apt-get source --download-only "imgui=$version")
tarball="$(ls "$DEPS"/src/imgui_"$IMGUI_VERSION"*.orig.tar.* | head -n1)"
[[ -f "$tarball" ]] || die "imgui source tarball not found in $DEPS/src"
rm -rf "$IMGUI_DIR.tmp" && mkdir -p "$IMGUI_DIR.tmp"
tar -xf "$tarball" -C "$IMGUI_DIR.tmp" --strip-components=1
rm -rf "$IMGUI_DIR" && mv "$IMGUI_DIR.tmp" "$IMGUI_DIR"
[[ -f "$IMGUI_DIR/imgui.cpp" ]] || die "imgui.cpp missing from $tarball"
