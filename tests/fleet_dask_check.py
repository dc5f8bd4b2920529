#!/usr/bin/env python3
"""The Dask fleet runner (tools/fleet_dask.py) against one `apos fleet` over the whole file.

    fleet_dask_check.py APOS REPO split      row boundaries found as the reader finds them (no Dask)
    fleet_dask_check.py APOS REPO cluster    merged summaries == whole-file summary on a local cluster

`split` compares the runner's row-boundary scan with a line-by-line port of the reader's quoting
on thousands of random texts (quotes holding line breaks, "" escapes, literal quotes inside a
field, CR LF, lone CR, a byte order mark). `cluster` generates a fleet with quoted fields spanning
lines and a block of bad rows, evaluates it whole, then through the runner split several ways
(equal parts; cuts inside a quoted field and around the bad block, so one part holds only bad
rows; several files by a glob) and requires the same summary, the same row errors with the same
line numbers, and the same per-unit rows; a serial repeated in two parts must be warned about;
then a missing apos binary and a corrupt file must be reported by name with a non-zero exit. Exit 77 (skipped) when Dask is not installed.
"""
import glob
import json
import mmap
import os
import random
import subprocess
import sys
import tempfile

SKIP = 77
AS_OF = "2026-11-26"


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def reference_row_starts(text, bom):
    """Row starts (offset, line) the way the reader's CsvReader walks the text, byte by byte."""
    pos = 3 if text[:3] == bom else 0
    line = 1
    rows = []
    n = len(text)
    while pos < n:
        rows.append((pos, line))
        empty, quoted, was_quoted = True, False, False
        closed = True
        while pos < n:
            c = text[pos:pos + 1]
            pos += 1
            if quoted:
                if c == b'"' and text[pos:pos + 1] == b'"':
                    pos += 1
                elif c == b'"':
                    quoted = False
                elif c == b"\n":
                    line += 1
                empty = False if c != b'"' else empty
                continue
            if c == b'"' and empty and not was_quoted:
                quoted = was_quoted = True
            elif c == b",":
                empty, was_quoted = True, False
            elif c in (b"\n", b"\r"):
                if c == b"\r" and text[pos:pos + 1] == b"\n":
                    pos += 1
                line += 1
                break
            else:
                empty = False
        else:
            closed = not quoted
        if not closed:
            break
    return rows


def check_split(repo):
    sys.path.insert(0, os.path.join(repo, "tools"))
    import fleet_dask
    rng = random.Random(18)
    pieces = [b"a", b"b", b",", b'"', b'""', b"\n", b"\r\n", b"\r", b'x"y', b" ", b'"q\nq"', b'12" screen', b'"a,b"']
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.csv")
        for _ in range(4000):
            text = (fleet_dask.BOM if rng.random() < 0.2 else b"") + b"".join(
                rng.choice(pieces) for _ in range(rng.randint(1, 40)))
            with open(path, "wb") as f:
                f.write(text)
            targets = sorted(rng.sample(range(1, len(text) + 1), min(len(text), 5)))
            with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                header, found = fleet_dask.row_starts(mm, targets)
            rows = reference_row_starts(text, fleet_dask.BOM)
            want_header = rows[1] if len(rows) > 1 else None
            want = []
            for t in targets:
                later = [r for r in rows[1:] if r[0] >= t and r[0] < len(text)]
                if later and later[0] != want_header and later[0] not in want:
                    want.append(later[0])
            header_ok = header == want_header if want_header else header[0] == len(text)
            if not header_ok or want != found:
                fail("row starts of %r cut at %s: expected header %s, cuts %s; found %s, %s"
                     % (text, targets, want_header, want, header, found))
            checked += 1
    print("row boundaries agree with the reader on %d random texts" % checked)


# ---- On a local cluster ------------------------------------------------------------------------

def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600, **kw)


def make_fleet(repo, path):
    """A generated fleet, then: asset tags that span lines in some rows, a duplicate serial right
    after its first row, and a block of bad rows in the middle (bad dates, unknown machine types)."""
    done = run([sys.executable, os.path.join(repo, "tools", "generate_fleet.py"), "--units", "4000", "--seed", "18",
                "--as-of", AS_OF])
    if done.returncode != 0:
        fail("generate_fleet.py: " + done.stderr.decode())
    lines = done.stdout.decode("utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    out = []
    for i, row in enumerate(rows):
        if i % 50 == 3:  # the last column (asset_tag) becomes a quoted field over two lines
            head, tag = row.rstrip("\r\n").rsplit(",", 1)
            row = '%s,"%s\nsecond line, %s"\r\n' % (head, tag, "quoted" if i != 1003 else "SPLIT-INSIDE")
        out.append(row)
        if i % 301 == 10:
            out.append(row)  # the same serial again: a duplicate inside the same part
        if i == 2000:
            for k in range(25):
                fields = rows[k].rstrip("\r\n").split(",")
                fields[0] = "BAD-%03d" % k
                if k % 2:
                    fields[2] = "2025-02-30"
                else:
                    fields[1] = "ZZ99"
                out.append(",".join(fields) + "\n")
    text = header + "".join(out)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    data = text.encode("utf-8")
    inside = data.index(b"SPLIT-INSIDE") - 5  # within the quoted field, before its line break
    bad_start = data.index(b"\nBAD-000") + 1
    bad_end = data.index(b"\n", data.index(b"\nBAD-024") + 1) + 1
    return inside, bad_start, bad_end


def error_lines(stderr, path):
    """Row errors as `LINE: column: message`, whatever path the run gave the file."""
    out = []
    for line in stderr.splitlines():
        prefix = "apos: " + path + ":"
        if line.startswith(prefix):
            out.append(line[len(prefix):])
    return sorted(out, key=lambda e: (int(e.split(":")[0]), e))


def unit_rows(csv_text):
    rows = csv_text.splitlines(keepends=True)
    return rows[0], sorted(rows[1:])


def check_cluster(apos, repo):
    runner = os.path.join(repo, "tools", "fleet_dask.py")
    with tempfile.TemporaryDirectory(prefix="fleet-dask-check-") as tmp:
        fleet = os.path.join(tmp, "fleet.csv")
        inside, bad_start, bad_end = make_fleet(repo, fleet)
        whole = run([apos, "fleet", "--csv", fleet, "--as-of", AS_OF, "--format", "summary", "--errors", "each"])
        if whole.returncode != 0:
            fail("apos fleet on the whole file: " + whole.stderr.decode())
        whole_summary = json.loads(whole.stdout)
        whole_errors = error_lines(whole.stderr.decode(), fleet)
        if whole_summary["units"] < 3900 or whole_summary["rows_with_errors"] < 25:
            fail("the generated fleet is not what the test needs: %d units, %d bad rows"
                 % (whole_summary["units"], whole_summary["rows_with_errors"]))
        whole_units = unit_rows(run([apos, "fleet", "--csv", fleet, "--as-of", AS_OF, "--format", "csv"])
                                .stdout.decode("utf-8"))

        # Several files: the fleet cut into three files, each with the header.
        parts_dir = os.path.join(tmp, "files")
        os.makedirs(parts_dir)
        data = open(fleet, "rb").read()
        header_end = data.index(b"\n") + 1
        cuts = [header_end, bad_start, bad_end, len(data)]  # the middle file holds only bad rows
        for k in range(3):
            with open(os.path.join(parts_dir, "fleet-%d.csv" % k), "wb") as f:
                f.write(data[:header_end] + data[cuts[k]:cuts[k + 1]])

        splits = [
            ("four equal parts", [fleet, "--partitions", "4"], True),
            ("a cut inside a quoted field, and a part of only bad rows",
             [fleet, "--split-at", "%d,%d,%d" % (inside, bad_start, bad_end)], True),
            ("three files by a glob", [os.path.join(parts_dir, "fleet-*.csv")], False),
        ]
        for name, inputs, same_lines in splits:
            units_dir = os.path.join(tmp, "units-%d" % len(name))
            errors_file = os.path.join(tmp, "errors-%d.txt" % len(name))
            done = run([sys.executable, runner, "--apos", apos, "--as-of", AS_OF, "--workers", "2", "--no-progress",
                        "--units-dir", units_dir, "--errors", errors_file] + inputs)
            if done.returncode != 0:
                fail("%s: the runner failed: %s" % (name, done.stderr.decode()))
            merged = json.loads(done.stdout)
            for key in whole_summary:
                if merged.get(key) != whole_summary[key]:
                    fail("%s: summary field %s differs: merged %s, whole %s"
                         % (name, key, json.dumps(merged.get(key))[:300], json.dumps(whole_summary[key])[:300]))
            if merged != whole_summary:
                fail("%s: the merged summary has other fields than the whole file's" % name)
            part_files = sorted(glob.glob(os.path.join(units_dir, "*.csv")))
            if not part_files:
                fail("%s: no per-unit CSV written" % name)
            units_header, units = None, []
            for p in part_files:
                h, rows = unit_rows(open(p, encoding="utf-8", newline="").read())
                units_header = units_header or h
                units += rows
            if not same_lines:
                units = [r.split(",", 1)[1] for r in units]  # lines restart in each file
                want = sorted(r.split(",", 1)[1] for r in whole_units[1])
            else:
                want = whole_units[1]
            if units_header != whole_units[0] or sorted(units) != want:
                fail("%s: the per-unit rows of the parts differ from the whole file's (%d vs %d rows)"
                     % (name, len(units), len(want)))
            if same_lines:
                got_errors = error_lines(open(errors_file, encoding="utf-8").read(), fleet)
                if got_errors != whole_errors:
                    fail("%s: row errors differ (lines of the whole file expected): %s vs %s"
                         % (name, got_errors[:3], whole_errors[:3]))
            print("%s: %d parts, merged summary == whole (%d units, %d bad rows)"
                  % (name, len(part_files), merged["units"], merged["rows_with_errors"]))

        # A serial in two parts: apos cannot see it, the runner says so with the exact count.
        twice = os.path.join(tmp, "twice.csv")
        first_row = data[header_end:data.index(b"\n", header_end) + 1]
        with open(twice, "wb") as f:
            f.write(data + first_row)
        done = run([sys.executable, runner, "--apos", apos, "--as-of", AS_OF, "--workers", "2", "--no-progress",
                    "--partitions", "2", twice])
        stderr = done.stderr.decode()
        merged = json.loads(done.stdout) if done.returncode == 0 else {}
        if ("warning: 1 serials appear in more than one part" not in stderr
                or merged.get("units") != whole_summary["units"] + 1
                or merged.get("rows_with_errors") != whole_summary["rows_with_errors"]):
            fail("a serial in two parts must be warned about (and counted as a unit): exit %d, %s"
                 % (done.returncode, stderr[-500:]))
        print("a serial in two parts: warned, counted once more as a unit")

        # A part that cannot run: no apos on the workers.
        out = os.path.join(tmp, "never.json")
        done = run([sys.executable, runner, "--apos", os.path.join(tmp, "no-such-apos"), "--as-of", AS_OF,
                    "--workers", "2", "--no-progress", "--retries", "1", "--partitions", "2", "--out", out, fleet])
        stderr = done.stderr.decode()
        if done.returncode == 0 or os.path.exists(out) or stderr.count("part ") < 2 or "failed" not in stderr:
            fail("a missing apos binary must fail every part by name, and write no summary: exit %d, %s"
                 % (done.returncode, stderr[-500:]))
        print("a missing apos binary: exit %d, both parts named" % done.returncode)

        # A corrupt file among good ones: it is named; the others do not make a summary alone.
        corrupt = os.path.join(parts_dir, "fleet-3.csv")
        with open(corrupt, "w") as f:
            f.write("this is not,a fleet\n1,2\n")
        done = run([sys.executable, runner, "--apos", apos, "--as-of", AS_OF, "--workers", "2", "--no-progress",
                    "--out", out, os.path.join(parts_dir, "fleet-*.csv")])
        stderr = done.stderr.decode()
        if done.returncode != 1 or os.path.exists(out) or corrupt not in stderr or "mtm" not in stderr:
            fail("a corrupt file must be named with what is wrong, exit 1 and no summary: exit %d, %s"
                 % (done.returncode, stderr[-500:]))
        print("a corrupt file: exit 1, named with its problem")


def main(argv):
    if len(argv) != 3 or argv[2] not in ("split", "cluster"):
        print(__doc__)
        return 2
    apos, repo, what = argv
    if what == "split":
        check_split(repo)
        return 0
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        # The system's Python may have Dask where the first python3 on PATH has not.
        system = "/usr/bin/python3"
        if os.path.realpath(sys.executable) != os.path.realpath(system) and os.path.exists(system):
            if subprocess.run([system, "-c", "import dask.distributed"], capture_output=True).returncode == 0:
                os.execv(system, [system] + sys.argv)
        print("SKIPPED: Dask is not importable (apt-get install python3-dask python3-distributed)")
        return SKIP
    check_cluster(apos, repo)
    print("the Dask runner gives the whole file's summary")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
