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

say() { printf '\033[1m[fetch_imgui]\033[0m %s\n' "$*"; }
fail() { printf '[fetch_imgui] error: %s\n' "$*" >&2; exit 1; }
# Root's commands (deb-src entries, apt-get update) run through sudo for anyone else.
SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)

if [[ -f "$IMGUI_DIR/imgui.cpp" && -f "$IMGUI_DIR/backends/imgui_impl_glfw.cpp" ]]; then
    exit 0
fi

# `apt-get source` needs deb-src entries; Debian 12 images usually ship only `deb`.
if [[ -z "$(apt-cache showsrc imgui 2>/dev/null)" ]]; then
    say "enabling Debian source packages (deb-src)"
    if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
        # deb822 format: same mirrors and suites, Types switched to deb-src.
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
            | "${SUDO[@]}" tee /etc/apt/sources.list.d/debian-src.sources >/dev/null
    elif [[ -f /etc/apt/sources.list ]] && grep -q '^deb ' /etc/apt/sources.list; then
        sed -n 's/^deb /deb-src /p' /etc/apt/sources.list \
            | "${SUDO[@]}" tee /etc/apt/sources.list.d/debian-src.list >/dev/null
    else
        fail "no Debian apt sources found to derive deb-src entries from"
    fi
    "${SUDO[@]}" apt-get update
fi

version="$(apt-cache showsrc imgui | sed -n 's/^Version: //p' | grep "^$IMGUI_VERSION" | head -n1 || true)"
[[ -n "$version" ]] || fail "Debian has no imgui $IMGUI_VERSION source package"
say "fetching Dear ImGui sources (imgui $version) with apt-get source"
mkdir -p "$DEPS/src"
(cd "$DEPS/src" && apt-get source --download-only "imgui=$version")
tarball="$(ls "$DEPS"/src/imgui_"$IMGUI_VERSION"*.orig.tar.* | head -n1)"
[[ -f "$tarball" ]] || fail "imgui source tarball not found in $DEPS/src"
rm -rf "$IMGUI_DIR.tmp" && mkdir -p "$IMGUI_DIR.tmp"
tar -xf "$tarball" -C "$IMGUI_DIR.tmp" --strip-components=1
rm -rf "$IMGUI_DIR" && mv "$IMGUI_DIR.tmp" "$IMGUI_DIR"
[[ -f "$IMGUI_DIR/imgui.cpp" ]] || fail "imgui.cpp missing from $tarball"
