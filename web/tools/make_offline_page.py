#!/usr/bin/env python3
"""Builds the single-file offline page (works from file://, no server) from index.html.

Inlines the page's CSS and scripts, the single-file apos JS (the wasm is base64 inside it),
the catalog files, the font, the workbook reader (apos-xlsx.wasm as base64, compiled only
when a workbook is opened) and the fleet workers' module (apos-fleet.wasm, likewise for the first
large fleet), and replaces the page's CSP by one that allows exactly these
inline blocks (by SHA-256 hash) and nothing else.
"""
import argparse
import base64
import hashlib
import json
import pathlib
import re
import sys

CATALOG_FILES = ["policy.json", "machine_types.json", "offerings.json", "programs.json", "recommendations.json"]


def script_safe(text: str) -> str:
    # "</script" inside an inline script would end it early; "<\/" means the same in JS and JSON strings.
    return text.replace("</", "<\\/")


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def replace_once(page: str, old: str, new: str) -> str:
    if page.count(old) != 1:
        sys.exit(f"make_offline_page: expected exactly one {old!r} in the page")
    return page.replace(old, new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--page", required=True, help="index.html")
    parser.add_argument("--page-dir", required=True, help="folder with host.css and host.js")
    parser.add_argument("--script", required=True, help="apos-offline.js (built with -sSINGLE_FILE=1)")
    parser.add_argument("--catalog", required=True, help="catalog folder")
    parser.add_argument("--font", required=True, help="subset TTF")
    parser.add_argument("--xlsx-reader", help="apos-xlsx.wasm; without it the page cannot open workbooks")
    parser.add_argument("--fleet-worker", help="apos-fleet.wasm; without it large fleets are evaluated on the page's thread")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    page = pathlib.Path(args.page).read_text(encoding="utf-8")
    page_dir = pathlib.Path(args.page_dir)
    css = (page_dir / "host.css").read_text(encoding="utf-8")
    host_js = script_safe((page_dir / "host.js").read_text(encoding="utf-8"))
    apos_js = script_safe(pathlib.Path(args.script).read_text(encoding="utf-8"))

    catalog_dir = pathlib.Path(args.catalog)
    # Kept as text so the core's error messages still point at the right lines.
    catalog = {name: (catalog_dir / name).read_text(encoding="utf-8")
               for name in CATALOG_FILES if (catalog_dir / name).exists()}
    font = base64.b64encode(pathlib.Path(args.font).read_bytes()).decode("ascii")
    inline = {"catalog": catalog, "font": font}
    if args.xlsx_reader:
        inline["xlsx_reader"] = base64.b64encode(pathlib.Path(args.xlsx_reader).read_bytes()).decode("ascii")
    if args.fleet_worker:
        inline["fleet_worker"] = base64.b64encode(pathlib.Path(args.fleet_worker).read_bytes()).decode("ascii")
    assets = script_safe(json.dumps(inline, ensure_ascii=False))

    page = replace_once(page, '  <link rel="icon" href="favicon.svg" type="image/svg+xml">\n', "")
    # Everything is inline: there is nothing to preload (and file:// could not fetch it).
    page, count = re.subn(r'  <!-- Preloads:[^\n]*-->\n(?:  <link rel="preload"[^\n]*\n)+', "", page)
    if count != 1:
        sys.exit("make_offline_page: the preload block of the page was not found")
    page = replace_once(page, '<link rel="stylesheet" href="host.css">', f"<style>\n{css}</style>")
    page = replace_once(page, '<script src="apos.js"></script>', f"<script>{apos_js}</script>")
    page = replace_once(page, '<script src="host.js"></script>',
                        f'<script type="application/json" id="apos-inline-assets">{assets}</script>\n'
                        f"  <script>{host_js}</script>")

    # From file:// nothing is "self": allow the inline blocks by hash, and data: for the wasm
    # (Emscripten fetches its base64 data: URL before decoding it itself).
    csp = ("default-src 'none'; "
           f"script-src {sha256(apos_js)} {sha256(host_js)} 'wasm-unsafe-eval'; "
           f"style-src {sha256(chr(10) + css)}; connect-src data:; worker-src blob:; "
           "base-uri 'none'; form-action 'none'")
    page, count = re.subn(r'content="default-src[^"]*"', f'content="{csp}"', page, count=1)
    if count != 1:
        sys.exit("make_offline_page: CSP meta tag not found in the page")

    out = pathlib.Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    main()
