#!/usr/bin/env bash
# The desktop window under Xvfb: builds the `desktop` preset (apos_desktop and the apos CLI from
# the same core, in the native build tree), renders a configured device, a fleet and a HiDPI
# (content scale 2) window to PNG, checks the pictures (size, not blank, known regions and colours) and that the quote the
# window rendered is the one `apos quote` computes for the same configuration. Also checks that
# bad input ends screenshot mode with exit 1 and bad arguments with exit 2.
#
# Usage: tests/desktop/run.sh        (Debian 12; installs what is missing, as root or via sudo)
# Output: build/desktop-shots/*.png (kept for a look), exit 0 when every check passed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
SHOTS="$ROOT/build/desktop-shots"
BIN="$ROOT/build/native/bin"
CHECK="python3 $ROOT/tests/desktop/png_check.py"

say() { printf '\033[1m[desktop]\033[0m %s\n' "$*"; }
fail() { printf '[desktop] FAIL: %s\n' "$*" >&2; FAILED=$((FAILED + 1)); }
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
FAILED=0

# ---- what it needs ------------------------------------------------------------------------
# xvfb + xauth (xvfb-run), Mesa's software OpenGL 3.3 (libgl1-mesa-dri), GLFW, stb, a TTF font,
# xrdb (x11-xserver-utils) to give the X server a content scale of 2.
need=()
for p in cmake g++ python3 xvfb xauth x11-xserver-utils libgl1-mesa-dri libglfw3-dev libstb-dev \
         nlohmann-json3-dev fonts-dejavu-core zlib1g-dev libexpat1-dev libxlsxwriter-dev pkg-config; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || need+=("$p")
done
if [[ ${#need[@]} -gt 0 ]]; then
    say "installing ${need[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Dear ImGui's sources come from Debian's source package (once).
"$ROOT/tools/fetch_imgui.sh"

# ---- build --------------------------------------------------------------------------------
say "building the desktop preset (apos_desktop, apos)"
cmake --preset desktop >/dev/null
cmake --build --preset desktop -j"$(nproc)"
rm -rf "$SHOTS" && mkdir -p "$SHOTS"

xvfb() { xvfb-run -a -s "-screen 0 ${XVFB_SCREEN:-1600x1000x24} -noreset" "$@"; }

# ---- 1. a configured device ---------------------------------------------------------------
# The same configuration twice: as the page's URL-hash string and as an `apos quote` request.
STATE='mtm=21HDCTO1WW&sn=PF4XYZ01&ship=2026-10-01&ch=distributor&qty=25&seg=education&asof=2026-11-26&svc=ext-onsite-nbd:4,adp:4,sbty:3,premier:4'
cat > "$SHOTS/device-request.json" <<'JSON'
{"as_of": "2026-11-26", "customer": {"segment": "education"},
 "items": [{"device": {"mtm": "21HDCTO1WW", "serial": "PF4XYZ01", "ship_date": "2026-10-01",
                       "channel": "distributor", "quantity": 25},
            "services": [{"id": "ext-onsite-nbd", "term_years": 4}, {"id": "adp", "term_years": 4},
                         {"id": "sbty", "term_years": 3}, {"id": "premier", "term_years": 4}]}]}
JSON
# 1440x900: the quote's totals row is on screen without scrolling.
say "device: 1440x900 screenshot"
if xvfb "$BIN/apos_desktop" --screenshot "$SHOTS/device.png" --size 1440x900 --state "$STATE" \
        >"$SHOTS/device-quote.json" 2>"$SHOTS/device.log"; then
    # Device panel (left), services (top right), quote with its totals (bottom right).
    $CHECK "$SHOTS/device.png" --size 1440x900 --min-colours 200 \
        --region 10,60,420,760:40 --region 450,60,980,440:40 --region 450,530,980,330:40 || fail "device.png"
    "$BIN/apos" quote --request "$SHOTS/device-request.json" >"$SHOTS/device-cli.json" || fail "apos quote"
    python3 - "$SHOTS/device-quote.json" "$SHOTS/device-cli.json" <<'PY' || fail "the rendered quote is not the CLI's"
import json, sys
shown, cli = (json.load(open(p)) for p in sys.argv[1:3])
if shown != cli:
    for key in sorted(set(shown) | set(cli)):
        if shown.get(key) != cli.get(key):
            print(f"  {key}: window {json.dumps(shown.get(key))[:200]}\n  {key}: CLI    {json.dumps(cli.get(key))[:200]}")
    sys.exit(1)
totals = cli["totals"]
if not cli["lines"] or totals["partner_price"]["minor"] <= 0:
    sys.exit("  the test configuration quotes nothing")
print(f"  rendered quote = apos quote: {len(cli['lines'])} lines, list {totals['list']['text']}, "
      f"partner price {totals['partner_price']['text']}")
PY
else
    fail "apos_desktop device screenshot: $(cat "$SHOTS/device.log")"
fi

# ---- 2. a fleet ---------------------------------------------------------------------------
say "fleet: 1280x800 screenshot of tests/cli/data/fleet_small.csv"
if xvfb "$BIN/apos_desktop" --screenshot "$SHOTS/fleet.png" --size 1280x800 --state 'asof=2026-11-26' \
        --fleet tests/cli/data/fleet_small.csv >/dev/null 2>"$SHOTS/fleet.log"; then
    # The fleet view is shown: its renewal radar has bars in the "closing in 0-30 days" red.
    $CHECK "$SHOTS/fleet.png" --size 1280x800 --min-colours 200 --region 10,60,1260,700:40 \
        --colour 214,58,48:6:1000 || fail "fleet.png"
else
    fail "apos_desktop fleet screenshot: $(cat "$SHOTS/fleet.log")"
fi

# ---- 3. HiDPI: an X server that says 192 dpi (content scale 2) ------------------------------
say "HiDPI: content scale 2, 2560x1600"
if XVFB_SCREEN=2600x1700x24 xvfb sh -c 'echo "Xft.dpi: 192" | xrdb -nocpp -merge && exec "$@"' sh \
        "$BIN/apos_desktop" --screenshot "$SHOTS/device-2x.png" --size 2560x1600 --state "$STATE" \
        >/dev/null 2>"$SHOTS/device-2x.log"; then
    grep -q 'content scale 2)' "$SHOTS/device-2x.log" || fail "content scale 2 not applied: $(cat "$SHOTS/device-2x.log")"
    $CHECK "$SHOTS/device-2x.png" --size 2560x1600 --min-colours 200 || fail "device-2x.png"
else
    fail "apos_desktop HiDPI screenshot: $(cat "$SHOTS/device-2x.log")"
fi

# ---- 3b. a workbook's second sheet (--sheet) ----------------------------------------------------
say "fleet: --fleet workbook --sheet Spares"
if xvfb "$BIN/apos_desktop" --screenshot "$SHOTS/fleet-sheet.png" --size 1280x800 --state 'asof=2025-06-01' \
        --fleet tests/data/imports/fleet_cells.xlsx --sheet Spares >/dev/null 2>"$SHOTS/fleet-sheet.log"; then
    $CHECK "$SHOTS/fleet-sheet.png" --size 1280x800 --min-colours 50 || fail "fleet-sheet.png"
else
    fail "apos_desktop --sheet screenshot: $(cat "$SHOTS/fleet-sheet.log")"
fi

# ---- 4. bad input and bad arguments -------------------------------------------------------
expect_exit() {  # expect_exit CODE DESCRIPTION ARGS...
    local want="$1" what="$2"; shift 2
    local got=0
    xvfb "$BIN/apos_desktop" "$@" >/dev/null 2>"$SHOTS/exit.log" || got=$?
    if [[ $got -ne $want ]]; then fail "$what: exit $got, expected $want ($(head -c 300 "$SHOTS/exit.log"))"
    else say "  $what: exit $got ($(head -n1 "$SHOTS/exit.log"))"; fi
}
say "bad input ends screenshot mode"
expect_exit 1 "bad --state" --screenshot "$SHOTS/bad.png" --state 'mtm=21HD&ship=2026-13-01'
LONG_STATE="mtm=21HD&pad=$(printf 'x%.0s' $(seq 1 9000))"  # 9,013 characters: over the 8,192 limit
expect_exit 1 "over-long --state" --screenshot "$SHOTS/bad.png" --state "$LONG_STATE"
grep -qx 'apos_desktop: state: 9,013 characters, the limit is 8,192' "$SHOTS/exit.log" ||
    fail "over-long --state: no message naming the length and the limit ($(head -c 300 "$SHOTS/exit.log"))"
expect_exit 1 "broken --catalog" --screenshot "$SHOTS/bad.png" --catalog tests/cli/data/broken_catalog
expect_exit 1 "missing --catalog" --screenshot "$SHOTS/bad.png" --catalog "$SHOTS/no-such-folder"
expect_exit 1 "missing --fleet" --screenshot "$SHOTS/bad.png" --fleet "$SHOTS/no-such.csv"
printf 'hello\nworld\n' > "$SHOTS/not-a-fleet.csv"
expect_exit 1 "--fleet without a header" --screenshot "$SHOTS/bad.png" --fleet "$SHOTS/not-a-fleet.csv"
expect_exit 1 "--sheet the workbook lacks" --screenshot "$SHOTS/bad.png" \
    --fleet tests/data/imports/fleet_cells.xlsx --sheet Returns
expect_exit 2 "--sheet without --fleet" --screenshot "$SHOTS/bad.png" --sheet Spares
expect_exit 2 "unknown argument" --screenshot "$SHOTS/bad.png" --no-such-option
expect_exit 2 "bad --size" --size 12
expect_exit 0 "--help" --help
[[ ! -e "$SHOTS/bad.png" ]] || fail "a screenshot was written for bad input"

# ---- 5. the web host's platform file is the only place that knows about Emscripten ----------
stray="$(grep -rln __EMSCRIPTEN__ web/ | grep -vE '^web/(platform|js)/' || true)"
[[ -z "$stray" ]] || fail "__EMSCRIPTEN__ outside web/platform and web/js: $stray"

if [[ $FAILED -gt 0 ]]; then
    say "$FAILED check(s) failed; pictures in $SHOTS"
    exit 1
fi
say "all desktop checks passed; pictures in $SHOTS"
