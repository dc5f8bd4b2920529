#!/usr/bin/env python3
"""docs/RULES.md is the output of `apos rules --format markdown`: fails with a unified diff and
the command that regenerates it when the two differ."""
import difflib, subprocess, sys

apos, doc = sys.argv[1], sys.argv[2]
run = subprocess.run([apos, "rules", "--format", "markdown"], capture_output=True, text=True, timeout=60)
if run.returncode != 0:
    print(f"apos rules --format markdown exited with {run.returncode}:\n{run.stderr}")
    sys.exit(1)
try:
    with open(doc, encoding="utf-8") as f:
        stored = f.read()
except OSError as e:
    stored = ""
    print(f"cannot read {doc}: {e}")
if stored == run.stdout:
    print(f"{doc} matches the rule registry")
    sys.exit(0)
diff = difflib.unified_diff(stored.splitlines(keepends=True), run.stdout.splitlines(keepends=True),
                            doc, "apos rules --format markdown")
sys.stdout.writelines(diff)
print(f"\n{doc} is out of date with the rule registry. Regenerate it from the build directory's binary:\n"
      f"  {apos} rules --format markdown > {doc}")
sys.exit(1)
