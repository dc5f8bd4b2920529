#!/usr/bin/env bash
# Puts zlib's and expat's sources in build/_deps/zlib and build/_deps/expat (once) from Debian's
# source packages, for the WebAssembly build's .xlsx reader (xlsx/CMakeLists.txt compiles them
# with em++'s C compiler); native builds link Debian's zlib1g-dev and libexpat1-dev instead.
# Used by wasm_build.sh. Needs dpkg-dev; tools/fetch_imgui.sh enables the deb-src entries.
#
# Usage: tools/fetch_xlsx_deps.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/build/_deps"

say() { printf '\033[1m[fetch_xlsx_deps]\033[0m %s\n' "$*"; }
fail() { printf '[fetch_xlsx_deps] error: %s\n' "$*" >&2; exit 1; }

# fetch PACKAGE DIR CHECK_FILE [SUBDIR]: the newest source version apt can download, its upstream
# sources unpacked with Debian's patches applied (only SUBDIR of it when given: expat's tarball is its whole repository).
fetch() {
    local package="$1" dir="$2" check="$3" sub="${4:-}"
    [[ -f "$dir/$check" ]] && return 0
    [[ -n "$(apt-cache showsrc "$package" 2>/dev/null)" ]] || "$ROOT/tools/fetch_imgui.sh" >/dev/null
    [[ -n "$(apt-cache showsrc "$package" 2>/dev/null)" ]] || fail "no Debian source package $package (deb-src entries?)"
    # The newest version first; a mirror may list a security update it no longer serves, and
    # every revision of one upstream version has the same upstream tarball.
    local version="" candidate
    mkdir -p "$DEPS/src"
    for candidate in $(apt-cache showsrc "$package" | sed -n 's/^Version: //p' | sort -Vr); do
        say "fetching $package $candidate with apt-get source"
        if (cd "$DEPS/src" && apt-get source --download-only "$package=$candidate" >/dev/null 2>&1); then
            version="$candidate"
            break
        fi
    done
    [[ -n "$version" ]] || fail "no version of the $package source package could be downloaded"
    # dpkg-source unpacks the upstream tarball and applies Debian's patches (its security fixes).
    local dsc="$DEPS/src/${package}_${version#*:}.dsc"
    [[ -f "$dsc" ]] || fail "$dsc not downloaded"
    rm -rf "$dir.tmp"
    dpkg-source --no-check -x "$dsc" "$dir.tmp" >/dev/null
    rm -rf "$dir" && mv "$dir.tmp${sub:+/$sub}" "$dir" && rm -rf "$dir.tmp"
    [[ -f "$dir/$check" ]] || fail "$check missing from $tarball"
}

fetch zlib "$DEPS/zlib" inflate.c
fetch expat "$DEPS/expat" lib/xmlparse.c expat
