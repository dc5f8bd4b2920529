#!/usr/bin/env python3
"""Every rule ID of RULES.md is implemented in exactly one file of core/ (programs: data under
their ID in catalog/programs.json) and named by at least two tests under tests/."""
import json, os, re, sys

root = sys.argv[1]
# The list kept in the repository; when the shared RULES.md sits beside the checkout, it must agree.
listed = os.path.join(root, "tests", "data", "rule_ids.txt")
ids = [l.strip() for l in open(listed, encoding="utf-8") if l.strip() and not l.startswith("#")]
rules_md = os.path.join(root, "..", "shared", "domain", "RULES.md")
if os.path.exists(rules_md):
    text = open(rules_md, encoding="utf-8").read()
    in_md = [i for i in re.findall(r"^\| ([A-Z0-9]+(?:-[A-Z0-9]+)*) \|", text, re.M) if i != "ID"]
    if in_md != ids:
        print("tests/data/rule_ids.txt differs from RULES.md:", sorted(set(in_md) ^ set(ids)))
        sys.exit(1)
programs = {"NCB", "DEAL-REG", "REBATE", "VOL-DISC", "SPIFF", "PDP", "STACK"}

def files_under(folder, exts):
    for base, _, names in os.walk(os.path.join(root, folder)):
        for n in names:
            if n.endswith(exts):
                path = os.path.join(base, n)
                yield path, open(path, encoding="utf-8", errors="replace").read()

core = list(files_under("core", (".cpp", ".hpp")))
tests = [(p, t) for p, t in files_under("tests", (".cpp", ".json", ".csv")) if "/golden/" not in p]
catalog_programs = open(os.path.join(root, "catalog", "programs.json"), encoding="utf-8").read()
problems = []
for rule in ids:
    quoted = '"%s"' % rule
    in_core = [p for p, t in core if quoted in t]
    if rule in programs:
        if rule != "STACK" and quoted not in catalog_programs:
            problems.append(f"{rule}: not in catalog/programs.json")
    elif len(in_core) != 1:
        problems.append(f"{rule}: expected in exactly one core file, found {len(in_core)}: {in_core}")
    # Count test rows/cases: occurrences of the quoted ID across test files.
    named = re.compile(r"(?<![A-Z0-9-])%s(?![A-Z0-9-])" % re.escape(rule))
    uses = sum(len(named.findall(t)) for p, t in tests)
    if uses < 2:
        problems.append(f"{rule}: named by {uses} test(s), expected at least 2")
print(f"{len(ids)} rule IDs checked")
for p in problems:
    print("  " + p)
sys.exit(1 if problems else 0)
