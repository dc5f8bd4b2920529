#!/usr/bin/env bash
# Runs the browser tests against dist/ in Debian's headless Chromium. Installs Chromium, Node and
# the pinned playwright-core when missing; builds dist/ first if it is not there.
# Usage: tests/browser/run.sh [test name filter]  (APOS_DIST=DIR: test that dist instead of dist/).
# Exit status non-zero when a test fails.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else echo "run.sh: need root to run: $*" >&2; exit 1; fi
}

missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [[ ${#missing[@]} -gt 0 ]]; then
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
# playwright-core 1.65 needs Node 20 or newer (Debian 12's own nodejs is 18).
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$node_major" -lt 20 ]]; then
    echo "run.sh: Node $node_major found; playwright-core 1.65 needs Node >= 20" >&2
    exit 1
fi

# A relative APOS_DIST means the caller's folder: resolve it before leaving that folder (else a
# missing dist/ would be built into the shared default build/wasm instead).
[[ -z "${APOS_DIST:-}" ]] || export APOS_DIST="$(realpath -m "$APOS_DIST")"
[[ -z "${APOS_WASM_BUILD:-}" ]] || export APOS_WASM_BUILD="$(realpath -m "$APOS_WASM_BUILD")"
cd "$HERE"
if [[ ! -d node_modules/playwright-core ]]; then
    # The lockfile pins the version and carries no registry addresses.
    npm ci --no-audit --no-fund
fi
[[ -f "${APOS_DIST:-$ROOT/dist}/index.html" ]] || "$ROOT/wasm_build.sh"
exec node run_tests.mjs "$@"
