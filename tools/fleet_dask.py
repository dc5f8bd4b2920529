#!/usr/bin/env python3
"""Evaluates a large installed base on a Dask cluster with `apos fleet`, and merges the summaries.

    tools/fleet_dask.py fleet-*.csv --as-of 2026-11-26 --workers 2 --out summary.json
    tools/fleet_dask.py big.csv --partition-mb 64 --scheduler tcp://host:8786 --units-dir units/

Inputs are CSV files or globs. A file larger than --partition-mb (or any file, with --partitions N)
is cut into byte ranges that end on row boundaries (a quoted field may hold line breaks: the cut
follows the same quoting the reader uses); each part gets the file's header and keeps the line
numbers of the whole file in its errors (apos fleet --line-offset). Each part runs as one Dask
task: `apos fleet --format summary` on a worker. The summaries are merged with `apos fleet merge`
into the summary the whole input would give, written as JSON. With --units-dir each part also
writes its per-unit CSV there. A part that fails is retried, then named in the error (exit 1):
no part is ever left out of a summary that is written.

Without --scheduler a local cluster of --workers processes runs here. With --scheduler the
workers must see the input files and the apos binary (--apos) at the same paths (shared storage).
Known difference from one `apos fleet` over a whole file: a serial repeated in two different
parts is not a duplicate row for apos (each part checks its own rows), so the runner looks for
such serials itself and warns with their count (the summary then counts those rows as units,
where the whole file would count them as rows with errors); and the whole-file row limit does
not apply.

Exit codes: 0 success, 1 a part or the merge failed, 2 usage.
"""
import argparse
import contextlib
import csv
import datetime
import io
import glob
import mmap
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
BOM = b"\xef\xbb\xbf"
CHUNK = 64 * 1024 * 1024
# An opening quote: first character of a field (after a separator or a line break, or at the
# start). Anywhere else the reader takes a quote literally (12" screen).
OPEN_QUOTE = re.compile(rb'(?<![^,\r\n])"')
RECORD_BREAK = re.compile(rb"\r\n|\r|\n")


def _count(mm, start, end, quoted):
    """Line breaks in mm[start:end] as the reader counts them: outside quotes CR LF, CR and LF
    each end a line; inside a quoted field only LF does."""
    n = 0
    pos = start
    while pos < end:
        stop = min(end, pos + CHUNK)
        chunk = mm[pos:stop]
        if quoted:
            n += chunk.count(b"\n")
        else:
            n += chunk.count(b"\n") + chunk.count(b"\r") - chunk.count(b"\r\n")
            if chunk.endswith(b"\r") and stop < end and mm[stop:stop + 1] == b"\n":
                n -= 1  # a CR LF split between two chunks
        pos = stop
    return n


def row_starts(mm, targets):
    """The header's end and, per target byte offset, the first row start at or after it, as
    (offset, line) pairs with the 1-based line of that row in the whole file."""
    size = len(mm)
    pos = 3 if mm[:3] == BOM else 0
    line = 1
    quoted = False
    if mm[pos:pos + 1] == b'"':  # after a byte order mark the pattern cannot see a field start
        quoted = True
        pos += 1
    header = None
    found = []
    pending = sorted(set(t for t in targets if 0 < t < size))
    while pos < size:
        if quoted:
            q = mm.find(b'"', pos)
            if q < 0:  # never closed: the reader takes the rest of the file as one field
                break
            line += _count(mm, pos, q, True)
            if mm[q + 1:q + 2] == b'"':
                pos = q + 2  # an escaped quote, still inside the field
            else:
                pos = q + 1
                quoted = False
            continue
        match = OPEN_QUOTE.search(mm, pos)
        q = match.start() if match else size
        # Row starts before the next quoted field: the header's end, then the targets' boundaries.
        while header is None or pending:
            start = pos if header is None else max(pending[0] - 1, pos)
            if start >= q:
                break
            brk = RECORD_BREAK.search(mm, start, q)
            if not brk:
                break
            line += _count(mm, pos, brk.end(), False)
            pos = brk.end()
            if header is None:
                header = (pos, line)
            else:
                found.append((pos, line))
            pending = [t for t in pending if t > pos]
        line += _count(mm, pos, q, False)
        pos = q
        if match:
            pos = q + 1
            quoted = True
    if header is None:
        header = (size, line)
    return header, [f for f in found if f[0] < size]


def plan_parts(path, partitions, partition_mb, split_at):
    """The parts of one input file: (start, end, line_offset, first_line) byte ranges after the header."""
    size = os.path.getsize(path)
    if size == 0:
        return b"", [(0, 0, 0, 1)]
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        count = max(partitions, -(-size // (partition_mb * 1024 * 1024)) if partition_mb else 1)
        targets = list(split_at) if split_at else [size * k // count for k in range(1, count)]
        (header_end, header_line), starts = row_starts(mm, targets)
        header = mm[:header_end]
    bounds = [(header_end, header_line)] + [s for s in starts if s[0] > header_end] + [(size, None)]
    parts = []
    for (start, first_line), (end, _) in zip(bounds, bounds[1:]):
        if end > start or len(bounds) == 2:
            parts.append((start, end, first_line - header_line, first_line))
    return header, parts


# ---- On the workers ----------------------------------------------------------------------------

def part_serials(data):
    """The serials of a part's rows (a CSV text with its header), to find serials that two parts
    share: apos checks duplicates only within the text it is given."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig", "replace"), newline=""))
    header = next(rows, [])
    names = [h.strip().lower() for h in header]
    if "serial" not in names:
        return set()
    column = names.index("serial")
    return {r[column].strip() for r in rows if len(r) > column and r[column].strip()}


def evaluate_part(task):
    """Runs apos on one part; returns its summary JSON text, its row errors (stderr lines) and
    its serials. Raises when apos fails, so that Dask retries the part and then reports it."""
    # One line per bad row (not grouped): the runner gathers the parts' rows into one list.
    cmd = [task["apos"], "fleet", "--as-of", task["as_of"], "--line-offset", str(task["line_offset"]), "--errors", "each"]
    if task["catalog"]:
        cmd += ["--catalog", task["catalog"]]
    if task["range"] is None:
        cmd += ["--csv", task["path"]]
        data = None
        with open(task["path"], "rb") as f:
            serials = part_serials(f.read())
    else:
        start, end = task["range"]
        with open(task["path"], "rb") as f:
            f.seek(start)
            data = task["header"] + f.read(end - start)
        serials = part_serials(data)
        cmd += ["--csv", "-"]
    with tempfile.TemporaryDirectory(prefix="apos-part-") as tmp:
        summary_path = os.path.join(tmp, "summary.json")
        if task["units_path"]:
            cmd += ["--format", "csv", "--summary-to", summary_path]
            with open(task["units_path"], "wb") as units:
                done = subprocess.run(cmd, input=data, stdout=units, stderr=subprocess.PIPE)
        else:
            cmd += ["--format", "summary"]
            done = subprocess.run(cmd, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        errors = done.stderr.decode("utf-8", "replace")
        if data is not None:
            errors = errors.replace("apos: -:", "apos: %s:" % task["path"])
        if done.returncode != 0:
            last = "\n".join(errors.strip().splitlines()[-5:]) or "no message"
            raise RuntimeError("apos exited with %d: %s" % (done.returncode, last))
        if task["units_path"]:
            with open(summary_path, encoding="utf-8") as f:
                summary = f.read()
        else:
            summary = done.stdout.decode("utf-8")
    return {"summary": summary, "errors": errors, "serials": serials}


# ---- On the client -----------------------------------------------------------------------------

def find_apos(given):
    if given:
        return os.path.abspath(given) if os.sep in given else (shutil.which(given) or given)
    built = os.path.join(REPO, "build", "native", "bin", "apos")
    return built if os.path.exists(built) else (shutil.which("apos") or "apos")


def expand_inputs(patterns):
    files = []
    for pattern in patterns:
        matched = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        if not matched:
            raise SystemExit("fleet_dask: no file matches %s" % pattern)
        files.extend(os.path.abspath(m) for m in matched)
    for f in files:
        if not os.path.isfile(f):
            raise SystemExit("fleet_dask: %s is not a readable file" % f)
    return files


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("inputs", nargs="+", help="fleet CSV files or globs (quote globs so the program expands them)")
    p.add_argument("--as-of", default=datetime.date.today().isoformat(),
                   help="planning date for every part (default: today, taken once here)")
    p.add_argument("--catalog", help="catalog folder, as apos --catalog (must exist on the workers)")
    p.add_argument("--apos", help="the apos binary (default: build/native/bin/apos, else apos on PATH)")
    p.add_argument("--workers", type=int, default=2, help="local cluster size when no --scheduler (default 2)")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--partitions", type=int, default=1, help="cut each input file into at least N parts")
    p.add_argument("--partition-mb", type=int, default=64, help="cut parts no larger than about M MB (default 64)")
    p.add_argument("--split-at", help="comma-separated byte offsets to cut a single input at (the next row start "
                                      "at or after each); for tests and reproducible runs")
    p.add_argument("--retries", type=int, default=2, help="times a failed part is tried again (default 2)")
    p.add_argument("--units-dir", help="also write each part's per-unit CSV into this folder")
    p.add_argument("--errors", help="write the row errors of every part into this file")
    p.add_argument("--out", default="-", help="summary JSON file (default: standard output)")
    p.add_argument("--no-progress", action="store_true", help="do not show Dask's progress bar")
    args = p.parse_args(argv)
    if args.workers < 1 or args.partitions < 1 or args.partition_mb < 0 or args.retries < 0:
        p.error("--workers and --partitions must be 1 or more, --partition-mb and --retries 0 or more")
    if args.split_at:
        try:
            args.split_at = [int(x) for x in args.split_at.split(",") if x.strip()]
        except ValueError:
            p.error("--split-at takes byte offsets such as 1000,250000")
        if len(args.inputs) != 1:
            p.error("--split-at needs exactly one input file")
    return args


def make_tasks(args, files, apos):
    tasks = []
    for path in files:
        if args.split_at or args.partitions > 1 or os.path.getsize(path) > args.partition_mb * 1024 * 1024 > 0:
            header, parts = plan_parts(path, args.partitions, args.partition_mb, args.split_at)
        else:
            header, parts = b"", [None]
        stem = os.path.splitext(os.path.basename(path))[0]
        for i, part in enumerate(parts):
            task = {"apos": apos, "as_of": args.as_of, "catalog": args.catalog, "path": path, "units_path": None}
            if part is None:
                task.update(range=None, header=b"", line_offset=0, name=path)
                units_name = stem + ".csv"
            else:
                start, end, offset, first_line = part
                task.update(range=(start, end), header=header, line_offset=offset,
                            name="%s part %d of %d (bytes %d-%d, from line %d)"
                                 % (path, i + 1, len(parts), start, end, first_line))
                units_name = "%s.part-%04d.csv" % (stem, i + 1)
            if args.units_dir:
                task["units_path"] = os.path.join(os.path.abspath(args.units_dir), units_name)
            tasks.append(task)
    return tasks


def merge(apos, summaries):
    with tempfile.TemporaryDirectory(prefix="apos-merge-") as tmp:
        paths = []
        for i, text in enumerate(summaries):
            paths.append(os.path.join(tmp, "part-%05d.json" % i))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        done = subprocess.run([apos, "fleet", "merge"] + paths, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError("apos fleet merge failed: " + done.stderr.decode("utf-8", "replace").strip())
    return done.stdout.decode("utf-8")


def main(argv):
    args = parse_args(argv)
    try:
        from dask.distributed import Client, LocalCluster, progress, wait
    except ImportError:
        print("fleet_dask: needs Dask (Debian: apt-get install python3-dask python3-distributed)", file=sys.stderr)
        return 1
    files = expand_inputs(args.inputs)
    apos = find_apos(args.apos)
    if args.units_dir:
        os.makedirs(args.units_dir, exist_ok=True)
    tasks = make_tasks(args, files, apos)

    with contextlib.ExitStack() as stack:
        if args.scheduler:
            client = stack.enter_context(Client(args.scheduler))
        else:
            cluster = stack.enter_context(LocalCluster(n_workers=args.workers, threads_per_worker=1,
                                                       processes=True, dashboard_address=None))
            client = stack.enter_context(Client(cluster))
        futures = client.map(evaluate_part, tasks, retries=args.retries, pure=False)
        if not args.no_progress:
            with contextlib.redirect_stdout(sys.stderr):  # standard output may be the summary
                progress(futures)
                print()
        wait(futures)
        failed = []
        results = []
        for task, future in zip(tasks, futures):
            if future.status == "finished":
                results.append(future.result())
            else:
                failed.append((task["name"], future.exception()))
        if failed:
            for name, error in failed:
                print("fleet_dask: %s failed after %d retries: %s" % (name, args.retries, error), file=sys.stderr)
            print("fleet_dask: %d of %d parts failed; no summary written" % (len(failed), len(tasks)),
                  file=sys.stderr)
            return 1

    try:
        summary = merge(apos, [r["summary"] for r in results])
    except RuntimeError as e:
        print("fleet_dask: %s" % e, file=sys.stderr)
        return 1
    errors = "".join(r["errors"] for r in results)
    seen, shared = set(), set()
    for r in results:
        shared |= seen & r["serials"]
        seen |= r["serials"]
    if shared:
        examples = ", ".join(sorted(shared)[:5])
        print("fleet_dask: warning: %d serials appear in more than one part (%s%s); apos checks duplicates "
              "within a part, so the summary counts their later rows as units where one run over the whole "
              "file would count them as rows with errors" % (len(shared), examples, ", ..." if len(shared) > 5 else ""),
              file=sys.stderr)
    if args.errors:
        with open(args.errors, "w", encoding="utf-8") as f:
            f.write(errors)
    if args.out == "-":
        sys.stdout.write(summary)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(summary)
    print("fleet_dask: %d parts of %d files evaluated" % (len(tasks), len(files)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
