#!/usr/bin/env python3
"""The repository checks can fail: each is run on a small fake tree in a temporary folder, once
clean (it must pass) and once with one fault (it must fail and name the fault).
usage: check_selftest.py TESTS_DIR"""
import json, os, subprocess, sys, tempfile, textwrap

tests_dir = os.path.abspath(sys.argv[1])
sys.path.insert(0, tests_dir)
import check_core_purity as purity  # noqa: E402  (its patterns, to prove each one can match)

failures = []


def expect(label, ok):
    print(("ok   " if ok else "FAIL ") + label)
    if not ok:
        failures.append(label)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def run(args):
    done = subprocess.run([sys.executable] + args, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


def fake_apos(folder, rules):
    """An executable that answers `rules --format json|markdown` like apos, for the given rules."""
    path = os.path.join(folder, "fake_apos")
    markdown = "# Rule reference\n\n| ID | Rule | Source |\n|---|---|---|\n" + "".join(
        f"| {r['id']} | {r['summary']} | {r['source']} |\n" for r in rules)
    write(path, f"#!{sys.executable}\n" + textwrap.dedent(f"""\
        import json, sys
        rules = {json.dumps(rules)!r}
        markdown = {markdown!r}
        sys.stdout.write(markdown if sys.argv[1:] == ["rules", "--format", "markdown"] else json.dumps({{"rules": json.loads(rules)}}))
        """))
    os.chmod(path, 0o755)
    return path, markdown


def rule(rule_id, family="Tests"):
    return {"id": rule_id, "family": family, "summary": "summary of " + rule_id, "source": "G:1"}


def scenario(name, expect):
    return {"name": name, "device": {"mtm": "21HD", "ship_date": "2026-01-01"}, "as_of": "2026-01-02",
            "offer": "kyd", "term": 1, "expect": expect}


def rule_tree(root, rules, rows, cpp, doc_ids):
    """A repository with the given registry, scenario rows, C++ test text and docs/RULES.md IDs."""
    apos, _ = fake_apos(root, rules)
    write(os.path.join(root, "docs", "RULES.md"),
          "# Rule reference\n\n| ID | Rule | Source |\n|---|---|---|\n" + "".join(f"| {i} | x | G:1 |\n" for i in doc_ids))
    write(os.path.join(root, "core", "src", "rules.cpp"), "".join(f'add("{r["id"]}");\n' for r in rules
                                                                     if r["family"] != "Partner programs"))
    write(os.path.join(root, "catalog", "programs.json"),
          json.dumps({"tables": [{"components": [{"rule": "NCB"}], "stacking_note": "STACK: they add up."}]}))
    write(os.path.join(root, "tests", "data", "scenarios", "rows.json"), json.dumps({"scenarios": rows}))
    write(os.path.join(root, "tests", "unit_fake.cpp"), cpp)
    return apos


def check_rule_ids():
    script = os.path.join(tests_dir, "check_rule_ids.py")
    rules = [rule("AAA-ONE"), rule("BBB-TWO"), rule("NCB", "Partner programs"), rule("STACK", "Partner programs")]
    ids = [r["id"] for r in rules]
    rows = [scenario("AAA-ONE: fires", {"status": "ineligible", "rule": "AAA-ONE"}),
            scenario("AAA-ONE: fires again", {"status": "ineligible", "rule": "AAA-ONE"}),
            scenario("BBB-TWO: fires", {"status": "ineligible", "rule": "BBB-TWO"})]
    cpp = textwrap.dedent("""\
        TEST(Fake, BbbTwoFires) { EXPECT_TRUE(fires("BBB-TWO")); }
        TEST(Fake, NcbPays) { EXPECT_EQ(amount("NCB"), 5); }
        TEST(Fake, NcbPaysLater) { EXPECT_EQ(amount("NCB"), 5); }
        TEST(Fake, StackAddsUp) { SCOPED_TRACE("STACK (P:1): sum"); EXPECT_EQ(total(), 7); }
        TEST(Fake, StackAddsUpLater) { SCOPED_TRACE("STACK (P:1): sum"); EXPECT_EQ(total(), 7); }
        """)
    with tempfile.TemporaryDirectory() as root:
        apos = rule_tree(root, rules, rows, cpp, ids)
        code, out = run([script, root, apos])
        expect("check_rule_ids passes on a complete fake tree", code == 0)
        if code != 0:
            print(out)

    # An ID listed only under "absent" (rows and C++) is not covered.
    absent_rows = rows + [scenario("CCC-THREE: stays silent", {"status": "eligible", "absent": ["CCC-THREE"]}),
                          scenario("CCC-THREE: stays silent again", {"status": "eligible", "absent": ["AAA-ONE", "CCC-THREE"]})]
    # Two of each, so that counting either kind would reach the two tests the check asks for.
    absent_cpp = cpp + ('TEST(Fake, CccSilent) { const Row row{.absent = {"CCC-THREE"}}; check(row); }\n'
                        'TEST(Fake, CccSilentToo) { check(R"({"expect": {"absent": ["CCC-THREE"]}})"); }\n')
    with tempfile.TemporaryDirectory() as root:
        apos = rule_tree(root, rules + [rule("CCC-THREE")], absent_rows, absent_cpp, ids + ["CCC-THREE"])
        code, out = run([script, root, apos])
        expect("check_rule_ids fails for an ID only listed under \"absent\"", code == 1 and "CCC-THREE: asserted to fire by 0 scenario row(s) and 0 C++ test(s)" in out)

    # An ID of the registry that docs/RULES.md does not list.
    with tempfile.TemporaryDirectory() as root:
        apos = rule_tree(root, rules, rows, cpp, [i for i in ids if i != "BBB-TWO"])
        code, out = run([script, root, apos])
        expect("check_rule_ids fails for an ID missing from docs/RULES.md", code == 1 and "BBB-TWO: not listed in docs/RULES.md" in out)

    # An ID implemented in no core file.
    with tempfile.TemporaryDirectory() as root:
        apos = rule_tree(root, rules, rows, cpp, ids)
        write(os.path.join(root, "core", "src", "rules.cpp"), 'add("AAA-ONE");\n')
        code, out = run([script, root, apos])
        expect("check_rule_ids fails for an ID no core file implements", code == 1 and "BBB-TWO: expected in exactly one core file" in out)


def check_core_purity():
    script = os.path.join(tests_dir, "check_core_purity.py")
    # One line per pattern that it must catch; every pattern needs one.
    examples = {
        "imgui": "#include <imgui.h>",
        "GLFW": "#include <GLFW/glfw3.h>",
        "emscripten": "#include <emscripten/bind.h>",
        "fstream": "#include <fstream>",
        "filesystem": "#include <filesystem>",
        "iostream": "#include <iostream>",
        "POSIX sys/": "#include <sys/stat.h>",
        "netinet": "#include <netinet/in.h>",
        "curl": "#include <curl/curl.h>",
        "windows.h": '#include "windows.h"',
        "unistd.h": "#include <unistd.h>",
        "C stdio file or console call": 'std::FILE* f = std::fopen(path, "r");',
        "file stream": "std::ifstream in(path);",
        "standard stream": 'std::cerr << "oops";',
        "Emscripten-only code": "#ifdef __EMSCRIPTEN__",
    }
    expect("every core purity pattern has an example", set(examples) == set(purity.PATTERNS))
    clean = "// Pure code.\n#include <cstdio>\n#include <string>\nstd::snprintf(buffer, sizeof buffer, \"%d\", n);\n"
    with tempfile.TemporaryDirectory() as core:
        write(os.path.join(core, "src", "pure.cpp"), clean)
        code, out = run([script, core])
        expect("check_core_purity passes on pure code (snprintf from <cstdio> allowed)", code == 0)
    for name, line in examples.items():
        pattern = purity.PATTERNS.get(name)
        expect(f"core purity pattern {name!r} matches {line!r}", pattern is not None and pattern.search(line) is not None)
        with tempfile.TemporaryDirectory() as core:
            write(os.path.join(core, "src", "impure.cpp"), clean + line + "\n")
            code, out = run([script, core])
            expect(f"check_core_purity fails on {line!r}", code == 1 and f"({name}" in out)


def check_rules_doc():
    script = os.path.join(tests_dir, "check_rules_doc.py")
    with tempfile.TemporaryDirectory() as root:
        apos, markdown = fake_apos(root, [rule("AAA-ONE")])
        doc = os.path.join(root, "RULES.md")
        write(doc, markdown)
        code, out = run([script, apos, doc])
        expect("check_rules_doc passes when the file is the generated text", code == 0)
        write(doc, markdown.replace("summary of AAA-ONE", "edited by hand"))
        code, out = run([script, apos, doc])
        expect("check_rules_doc fails with a diff and the command when the file differs",
               code == 1 and "-| AAA-ONE | edited by hand" in out and "rules --format markdown >" in out)


def check_services_doc():
    script = os.path.join(tests_dir, "check_services_doc.py")
    offerings = json.dumps({"offerings": [{"id": "svc-a"}, {"id": "svc-b"}]})
    header = "| Service | Source | Catalog offering |\n|---|---|---|\n"
    clean = header + "| Alpha | G:10-12 | `svc-a` |\n| Beta | G:20 | `svc-b` |\n| Gamma | G:30 | not offered, because it comes with the unit |\n"
    faults = {
        "a row with neither offering nor reason": (clean + "| Delta | G:40 | later |\n", "Delta): names no catalog offering and gives no reason"),
        "an offering the catalog lacks": (clean + "| Delta | G:40 | `svc-z` |\n", "offering `svc-z` is not in catalog/offerings.json"),
        "a catalog offering in no row": (clean.replace("| Beta | G:20 | `svc-b` |\n", ""), "catalog offering `svc-b` is in no row"),
        "a reason of one word": (clean + "| Delta | G:40 | not offered, because no |\n", "the reason says too little"),
    }
    with tempfile.TemporaryDirectory() as root:
        write(os.path.join(root, "catalog", "offerings.json"), offerings)
        write(os.path.join(root, "docs", "SERVICES.md"), clean)
        code, _ = run([script, root])
        expect("check_services_doc passes on a complete fake tree", code == 0)
        for label, (text, message) in faults.items():
            write(os.path.join(root, "docs", "SERVICES.md"), text)
            code, out = run([script, root])
            expect(f"check_services_doc fails for {label}", code == 1 and message in out)


check_rule_ids()
check_core_purity()
check_services_doc()
check_rules_doc()
print(f"{len(failures)} self-test failure(s)")
sys.exit(1 if failures else 0)
