#!/usr/bin/env python3
"""Fleet end to end on a generated 1,000-unit fleet (fixed seed).

    fleet_sample_check.py APOS_BINARY PROJECT_DIR

1. tools/generate_fleet.py writes the fleet (with a few bad rows);
2. `apos fleet --format json` evaluates it;
3. the summary must equal the sum of the per-unit results: units and value per bucket, per
   customer, per machine type, in total, and expiries by month recomputed from each unit's
   coverage_end; every data row is either a unit or an error, never both;
4. for 20 sampled units, `apos eligibility` with the same inputs must list each of the unit's best
   offers as eligible with the same term, window and price, and each of its windows as an
   eligible offer's window. (`apos eligibility` has no flags for coverage_end or services held, so
   the sample is drawn from the units whose rows have neither.)
5. on a larger generated fleet (many batches), `--threads 1` and `--threads 3` print the same
   bytes in every format, on both output streams: threads change the speed, never the answer.
Exit 0 when everything holds; otherwise every mismatch is printed and the exit code is 1.
"""
import csv
import io
import json
import os
import random
import subprocess
import sys
import tempfile

AS_OF = "2026-11-26"
UNITS = 1000
SEED = 20261126
BAD_ROWS = "0.03"
SAMPLED = 20

failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message, file=sys.stderr)


def check_equal(what, got, expected):
    if got != expected:
        fail("%s: expected %r, got %r" % (what, expected, got))


def month_labels(as_of, count=24):
    year, month = int(as_of[:4]), int(as_of[5:7])
    labels = []
    for _ in range(count):
        labels.append("%04d-%02d" % (year, month))
        month += 1
        if month > 12:
            month, year = 1, year + 1
    return labels


def read_rows(text):
    """Data records of the CSV by their first line number (as the configurator counts them)."""
    rows = {}
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    start = reader.line_num + 1
    for record in reader:
        if record and any(cell.strip() for cell in record):
            rows[start] = dict(zip(header, record))
        start = reader.line_num + 1
    return rows


def check_summary(result, rows):
    units = result["units"]
    summary = result["summary"]
    check_equal("summary.units", summary["units"], len(units))

    unit_lines = [u["line"] for u in units]
    error_lines = {e["line"] for e in result["errors"]}
    check_equal("units have distinct lines", len(set(unit_lines)), len(unit_lines))
    check_equal("rows_with_errors", summary["rows_with_errors"], len(error_lines))
    both = set(unit_lines) & error_lines
    if both:
        fail("lines both evaluated and rejected: %s" % sorted(both)[:10])
    missing = set(rows) - set(unit_lines) - error_lines
    if missing:
        fail("data rows neither evaluated nor rejected: %s" % sorted(missing)[:10])
    if not error_lines:
        fail("the generated fleet has bad rows, but no errors were reported")

    currency = summary["value"]["currency"]
    total = 0
    buckets, customers, types = {}, {}, {}
    months = {label: 0 for label in month_labels(result["as_of"])}
    for u in units:
        value = u["value"]["minor"]
        check_equal("line %d value currency" % u["line"], u["value"]["currency"], currency)
        total += value
        for table, key in ((buckets, u["bucket"]), (customers, u["customer"] or "(no customer)"), (types, u["mt"])):
            entry = table.setdefault(key, [0, 0])
            entry[0] += 1
            entry[1] += value
        month = u["coverage_end"][:7]
        if month in months:
            months[month] += 1
    check_equal("summary.value", summary["value"]["minor"], total)

    for name, table, got in (("by_bucket", buckets, summary["by_bucket"]), ("by_customer", customers, summary["by_customer"]),
                             ("by_machine_type", types, summary["by_machine_type"])):
        for key, totals in got.items():
            expected = table.get(key, [0, 0])
            check_equal("%s[%s].units" % (name, key), totals["units"], expected[0])
            check_equal("%s[%s].value" % (name, key), totals["value"]["minor"], expected[1])
        extra = set(table) - set(got)
        if extra:
            fail("%s lacks %s" % (name, sorted(extra)[:10]))
    check_equal("by_bucket names", sorted(summary["by_bucket"]),
                sorted(["closing-0-30", "closing-31-60", "closing-61-90", "open-later", "lapsed", "nothing-to-sell"]))
    got_months = [(m["month"], m["units"]) for m in summary["expiries_by_month"]]
    check_equal("expiries_by_month", got_months, list(months.items()))

    # Each unit echoes its row.
    for u in units:
        row = rows.get(u["line"])
        if row is None:
            fail("unit line %d is not the first line of a data row" % u["line"])
            continue
        check_equal("line %d serial" % u["line"], u["serial"], row["serial"])
        check_equal("line %d customer" % u["line"], u["customer"], row["customer"])
        check_equal("line %d extra" % u["line"], u.get("extra"), [row["site"], row["asset_tag"]])
    used = sum(1 for b in summary["by_bucket"].values() if b["units"] > 0)
    if used < 4:
        fail("only %d buckets used: the generated fleet is not varied enough" % used)


def eligibility(apos, catalog, row):
    args = [apos, "eligibility", "--mtm", row["mtm"], "--ship-date", row["ship_date"], "--as-of", AS_OF, "--catalog", catalog]
    for column, flag in (("purchase_date", "--purchase-date"), ("channel", "--channel"), ("condition", "--condition"),
                         ("country", "--country"), ("quantity", "--quantity"), ("serial", "--serial")):
        if row.get(column, "").strip():
            args += [flag, row[column].strip()]
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        fail("%s -> exit %d: %s" % (" ".join(args), done.returncode, done.stderr.strip()))
        return None
    return json.loads(done.stdout)


def check_sample(apos, catalog, result, rows):
    candidates = [u for u in result["units"] if not rows[u["line"]]["coverage_end"].strip() and not rows[u["line"]]["services"].strip()]
    rng = random.Random(SEED)
    # Prefer units with something to sell, but keep a few without.
    selling = [u for u in candidates if u["best_offers"]]
    sample = rng.sample(selling, min(SAMPLED - 3, len(selling)))
    sample += rng.sample([u for u in candidates if u not in sample], min(SAMPLED - len(sample), len(candidates) - len(sample)))
    checked_offers = 0
    for u in sample:
        row = rows[u["line"]]
        answer = eligibility(apos, catalog, row)
        if answer is None:
            continue
        where = "line %d (%s %s)" % (u["line"], row["serial"], row["mtm"])
        check_equal(where + " coverage_end", answer["device"]["coverage_end"], u["coverage_end"])
        offers = answer["offers"]
        for best in u["best_offers"]:
            same = [o for o in offers if o["id"] == best["id"] and o["term_years"] == best["term_years"]]
            if len(same) != 1:
                fail("%s: best offer %s %dy appears %d times in eligibility" % (where, best["id"], best["term_years"], len(same)))
                continue
            o = same[0]
            check_equal("%s %s %dy status" % (where, best["id"], best["term_years"]), o["status"], "eligible")
            check_equal("%s %s %dy window" % (where, best["id"], best["term_years"]), o["window"], best["window"])
            check_equal("%s %s %dy price" % (where, best["id"], best["term_years"]), o["price"], best["price"])
            checked_offers += 1
        for w in u["windows"]:
            match = [o for o in offers if o["id"] == w["offering"] and o["status"] == "eligible" and o["window"]
                     and o["window"]["until"] == w["closes"]]
            if not match:
                fail("%s: window %s closing %s is no eligible offer's window" % (where, w["offering"], w["closes"]))
            else:
                check_equal("%s window %s days_left" % (where, w["offering"]), w["days_left"], match[0]["days_left"])
    if checked_offers == 0:
        fail("no best offers were compared")
    return len(sample), checked_offers


THREADED_UNITS = 30000


def check_threads(apos, catalog, generator, tmp):
    path = os.path.join(tmp, "threads.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        subprocess.run([sys.executable, generator, "--units", str(THREADED_UNITS), "--seed", str(SEED + 1), "--as-of",
                        AS_OF, "--bad-rows", BAD_ROWS, "--catalog", catalog], stdout=f, check=True)
    for form in ("csv", "json", "summary"):
        outputs = {}
        for threads in ("1", "3"):
            done = subprocess.run([apos, "fleet", "--csv", path, "--as-of", AS_OF, "--format", form, "--catalog", catalog,
                                   "--threads", threads], capture_output=True)
            outputs[threads] = (done.returncode, done.stdout, done.stderr)
        one, three = outputs["1"], outputs["3"]
        check_equal("--format %s exit code, 3 threads against 1" % form, three[0], one[0])
        if three[1] != one[1]:
            fail("--format %s: standard output differs between 1 and 3 threads (%d and %d bytes)"
                 % (form, len(one[1]), len(three[1])))
        if three[2] != one[2]:
            fail("--format %s: error output differs between 1 and 3 threads" % form)
        if form == "summary":
            check_equal("units in the threaded fleet (with bad rows)",
                        json.loads(one[1])["units"] + json.loads(one[1])["rows_with_errors"], THREADED_UNITS)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    apos, project = sys.argv[1], sys.argv[2]
    catalog = os.path.join(project, "catalog")
    generator = os.path.join(project, "tools", "generate_fleet.py")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "fleet.csv")
        with open(path, "w", encoding="utf-8", newline="") as f:
            subprocess.run([sys.executable, generator, "--units", str(UNITS), "--seed", str(SEED), "--as-of", AS_OF,
                            "--bad-rows", BAD_ROWS, "--catalog", catalog], stdout=f, check=True)
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        rows = read_rows(text)
        check_equal("generated rows", len(rows), UNITS)
        done = subprocess.run([apos, "fleet", "--csv", path, "--as-of", AS_OF, "--format", "json", "--catalog", catalog],
                              capture_output=True, text=True)
        if done.returncode != 0:
            print("apos fleet exited %d: %s" % (done.returncode, done.stderr), file=sys.stderr)
            return 1
        result = json.loads(done.stdout)
        check_summary(result, rows)
        sampled, offers = check_sample(apos, catalog, result, rows)
        check_threads(apos, catalog, generator, tmp)
    print("fleet sample: %d units, %d rows with errors, %d units re-checked with eligibility (%d best offers), %d failures"
          % (result["summary"]["units"], result["summary"]["rows_with_errors"], sampled, offers, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
