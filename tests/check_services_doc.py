#!/usr/bin/env python3
"""docs/SERVICES.md lists every service of the guide with the catalog offerings that sell it or a
reason none does: each row names offerings that exist in catalog/offerings.json or gives a reason
("not offered, because ..."), never neither, and every catalog offering is named by some row.

usage: check_services_doc.py ROOT"""
import json, os, re, sys

REASON = "not offered, because "
MIN_REASON_WORDS = 4


def rows(doc_text):
    """(line number, service, source, offering cell) of each table row after the header."""
    found = []
    for number, line in enumerate(doc_text.splitlines(), 1):
        cells = [c.strip() for c in line.strip().strip("|").split("|")] if line.startswith("|") else []
        if len(cells) != 3 or cells[0] in ("Service", "") or set(cells[0]) <= set("-"):
            continue
        found.append((number, cells[0], cells[1], cells[2]))
    return found


def problems(root):
    doc = open(os.path.join(root, "docs", "SERVICES.md"), encoding="utf-8").read()
    catalog = json.load(open(os.path.join(root, "catalog", "offerings.json"), encoding="utf-8"))
    known = {o["id"] for o in catalog["offerings"]}
    named = set()
    out = []
    table = rows(doc)
    if not table:
        out.append("docs/SERVICES.md has no service table")
    for number, service, source, cell in table:
        where = f"docs/SERVICES.md:{number} ({service})"
        if not re.fullmatch(r"(?:[GAP]:\d+(?:-\d+)?)(?:, (?:[GAP]:)?\d+(?:-\d+)?)*", source):
            out.append(f"{where}: source {source!r} is not a guide, FAQ or programs line such as G:215-228")
        ids = re.findall(r"`([^`]+)`", cell)
        if cell.startswith(REASON):
            if ids:
                out.append(f"{where}: gives a reason and offerings at once")
            if len(cell[len(REASON):].split()) < MIN_REASON_WORDS:
                out.append(f"{where}: the reason says too little: {cell!r}")
            continue
        if not ids:
            out.append(f"{where}: names no catalog offering and gives no reason (\"{REASON}...\")")
        for i in ids:
            if i not in known:
                out.append(f"{where}: offering `{i}` is not in catalog/offerings.json")
            named.add(i)
    for i in sorted(known - named):
        out.append(f"catalog offering `{i}` is in no row of docs/SERVICES.md")
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    found = problems(sys.argv[1])
    for p in found:
        print("FAIL " + p)
    if not found:
        print("docs/SERVICES.md: every service has its offering or its reason")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
