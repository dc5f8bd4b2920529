#!/usr/bin/env python3
"""Every rule of the registry (`apos rules --format json`) is listed in docs/RULES.md, is
implemented in exactly one file of core/ (partner programs: data under their ID in
catalog/programs.json) and is asserted to fire by at least two tests under tests/.

A test asserts that a rule fires when it is a scenario row whose expect.rule is the ID (or whose
expect_device.facts_include lists it), or a C++ test (TEST, TEST_F, TEST_P, or the code before
the first test, where table rows live) with a string literal opening with the ID, outside an
"absent" list. A row that
only lists the ID under "absent" proves the rule stays silent, not that it works.

usage: check_rule_ids.py ROOT APOS_BINARY"""
import json, os, re, subprocess, sys

MIN_TESTS = 2
PROGRAM_FAMILY = "Partner programs"
ID = r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*"


def registry(apos):
    run = subprocess.run([apos, "rules", "--format", "json"], capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        raise SystemExit(f"apos rules --format json exited with {run.returncode}: {run.stderr}")
    return json.loads(run.stdout)["rules"]


def ids_in_doc(path):
    text = open(path, encoding="utf-8").read()
    return [i for i in re.findall(r"^\| (%s) \|" % ID, text, re.M) if i != "ID"]


def files_under(root, folder, exts):
    for base, dirs, names in os.walk(os.path.join(root, folder)):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(exts):
                path = os.path.join(base, n)
                yield path, open(path, encoding="utf-8", errors="replace").read()


def scenario_firings(root):
    """rule ID -> number of scenario rows that expect it to fire."""
    counts = {}
    for path, text in files_under(root, os.path.join("tests", "data", "scenarios"), (".json",)):
        try:
            rows = json.loads(text).get("scenarios", [])
        except (ValueError, AttributeError):
            continue  # the scenario test itself reports a broken table
        for row in rows:
            if not isinstance(row, dict):
                continue
            fired = set()
            expect = row.get("expect") or {}
            if isinstance(expect, dict) and isinstance(expect.get("rule"), str):
                fired.add(expect["rule"])
            device = row.get("expect_device") or {}
            if isinstance(device, dict):
                fired.update(r for r in device.get("facts_include", []) if isinstance(r, str))
            for rule in fired:
                counts[rule] = counts.get(rule, 0) + 1
    return counts


# "absent" and the list after it: {..} in C++, [..] in JSON held in a C++ string.
ABSENT_LIST = re.compile(r"absent[^{}\[\]\n;]{0,40}[{\[][^{}\[\]]*[}\]]")
TEST_START = re.compile(r"^(?=TEST(?:_F|_P)?\()", re.M)


def cpp_blocks(root):
    """The C++ tests as text blocks, each with its "absent" lists taken out."""
    for path, text in files_under(root, "tests", (".cpp",)):
        for block in TEST_START.split(text):
            yield path, ABSENT_LIST.sub("", block)


def main():
    root, apos = sys.argv[1], sys.argv[2]
    rules = registry(apos)
    ids = [r["id"] for r in rules]
    programs = {r["id"] for r in rules if r["family"] == PROGRAM_FAMILY}
    problems = []

    doc_path = os.path.join(root, "docs", "RULES.md")
    in_doc = ids_in_doc(doc_path) if os.path.exists(doc_path) else []
    for rule in ids:
        if rule not in in_doc:
            problems.append(f"{rule}: not listed in docs/RULES.md (apos rules --format markdown > docs/RULES.md)")
    for rule in in_doc:
        if rule not in ids:
            problems.append(f"{rule}: listed in docs/RULES.md but not in the registry")
    seen = set()
    for rule in ids:
        if rule in seen:
            problems.append(f"{rule}: registered twice")
        seen.add(rule)

    core = list(files_under(root, "core", (".cpp", ".hpp")))
    program_data = json.load(open(os.path.join(root, "catalog", "programs.json"), encoding="utf-8"))
    component_rules = {c.get("rule") for t in program_data.get("tables", []) for c in t.get("components", [])}
    stacking_notes = " ".join(t.get("stacking_note", "") for t in program_data.get("tables", []))
    firings = scenario_firings(root)
    blocks = list(cpp_blocks(root))

    for rule in ids:
        quoted = '"%s"' % rule
        if rule in programs:
            named_in_note = re.search(r"(?<![A-Z0-9-])%s(?![A-Z0-9-])" % re.escape(rule), stacking_notes)
            if rule not in component_rules and not named_in_note:
                problems.append(f"{rule}: no component or stacking note of catalog/programs.json names it")
        else:
            in_core = [os.path.relpath(p, root) for p, t in core if quoted in t]
            if len(in_core) != 1:
                problems.append(f"{rule}: expected in exactly one core file, found {len(in_core)}: {in_core}")
        # In C++ the ID opens a string literal: "NCB", or a trace such as "STACK (P:275-290): ...".
        opens_literal = re.compile(r'"%s(?![A-Za-z0-9-])' % re.escape(rule))
        cpp = sum(1 for _, block in blocks if opens_literal.search(block))
        rows = firings.get(rule, 0)
        if rows + cpp < MIN_TESTS:
            problems.append(f"{rule}: asserted to fire by {rows} scenario row(s) and {cpp} C++ test(s), "
                            f"expected at least {MIN_TESTS} (rows listing it under \"absent\" do not count)")

    print(f"{len(ids)} rule IDs checked")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
