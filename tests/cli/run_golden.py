#!/usr/bin/env python3
"""Runs each case of tests/cli/cases.json through the apos binary and compares exit code,
stdout (JSON, compared as values) and the start of stderr with tests/cli/golden/<name>.json.
APOS_UPDATE_GOLDEN=1 rewrites the golden files from the current output."""
import json, os, shutil, subprocess, sys, tempfile

apos, folder = sys.argv[1], sys.argv[2]
cases = json.load(open(os.path.join(folder, "cases.json")))["cases"]
update = os.environ.get("APOS_UPDATE_GOLDEN") == "1"
failed = 0
for case in cases:
    # @TMP@: a fresh folder per case for commands that write files (apos proposals --out).
    tmp = tempfile.mkdtemp(prefix="apos-golden-")
    args = [a.replace("@DATA@", os.path.join(folder, "data")).replace("@TMP@", tmp) for a in case["args"]]
    run = subprocess.run([apos] + args, capture_output=True, text=True, timeout=60,
                         input=case.get("stdin"))
    shutil.rmtree(tmp, ignore_errors=True)
    data_dir = os.path.join(folder, "data")
    run.stdout = run.stdout.replace(data_dir, "@DATA@").replace(tmp, "@TMP@")  # no machine-specific paths
    run.stderr = run.stderr.replace(data_dir, "@DATA@").replace(tmp, "@TMP@")
    try:
        stdout = json.loads(run.stdout) if run.stdout.strip() else None
    except json.JSONDecodeError:
        stdout = {"text": run.stdout.splitlines()}
    got = {"exit": run.returncode, "stdout": stdout, "stderr": run.stderr.strip().splitlines()[:12]}
    path = os.path.join(folder, "golden", case["name"] + ".json")
    if update:
        with open(path, "w") as f:
            json.dump(got, f, indent=1, sort_keys=True, ensure_ascii=False)
            f.write("\n")
        continue
    if not os.path.exists(path):
        print(f"FAIL {case['name']}: no golden file {path} (run with APOS_UPDATE_GOLDEN=1 after checking the output)")
        failed += 1
        continue
    want = json.load(open(path))
    if got != want:
        failed += 1
        print(f"FAIL {case['name']}: apos {' '.join(args)}")
        for key in ("exit", "stderr"):
            if got[key] != want[key]:
                print(f"  {key}: expected {want[key]!r}\n  {' ' * len(key)}  got      {got[key]!r}")
        if got["stdout"] != want["stdout"]:
            a = json.dumps(want["stdout"], indent=1, sort_keys=True).splitlines()
            b = json.dumps(got["stdout"], indent=1, sort_keys=True).splitlines()
            import difflib
            print("\n".join(list(difflib.unified_diff(a, b, "golden", "now", lineterm=""))[:60]))
    else:
        print(f"ok   {case['name']}")
print(f"{len(cases) - failed} of {len(cases)} CLI cases match")
sys.exit(1 if failed else 0)
