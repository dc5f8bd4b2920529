#!/usr/bin/env python3
"""Turns bench/run.sh's raw results into the budget table (printed) and bench/results.json.

    bench/report.py --raw DIR --mode quick|full --out bench/results.json

Budgets are reported, never asserted: this script exits 0 whatever is missed. Times are CPU
time (the build machines are shared and wall time swings with their load), except the DuckDB
peer's rows: whole-process wall time, since both sides may use several threads; memory is in MB of
10^6 bytes and sizes in KB of 1000 bytes, so a budget is read at its strictest.
Standard library only.
"""
import argparse
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys

# The budgets of issue 14 (they replaced those of issue 7, "Benchmarks and budgets").
DEVICE_NATIVE_US = 20
DEVICE_WASM_US = 60
FLEET_1M_NATIVE_S = 1.0  # `apos fleet`, 1M units, per-unit CSV written (whole process)
FLEET_1M_WASM_S = 3.0  # the plain harness under Node: context for the page's figure
FLEET_1M_MEMORY_MB = 300
PAGE_FLEET_1M_S = 5.0  # loaded and evaluated in the page; 100k in 1 s
PAGE_FLEET_100K_S = 1.0
PAGE_LONGEST_FRAME_MS = 50  # no frame longer while a fleet loads
FIRST_FRAME_MS = 300
DOWNLOAD_GZIP_KB = 400  # the first download (the workbook reader comes later)
SCROLL_FRAME_MS = 4


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def load_json_lines(pattern):
    lines = []
    for path in sorted(glob.glob(pattern)):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    try:
                        lines.append(json.loads(line))
                    except ValueError:
                        pass
    return lines


def command_line(args):
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None


def machine(raw):
    cpu = None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load_start = None
    if os.path.exists(os.path.join(raw, "load-start.txt")):
        load_start = open(os.path.join(raw, "load-start.txt")).read().strip()
    return {
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "os": command_line(["sh", "-c", ". /etc/os-release && echo $PRETTY_NAME"]),
        "kernel": platform.release(),
        "gxx": command_line(["g++", "--version"]),
        "emxx": command_line(["em++", "--version"]),
        "node": command_line(["node", "--version"]),
        "cmake": command_line(["cmake", "--version"]),
        "google_benchmark": command_line(["dpkg-query", "-W", "-f=${Version}", "libbenchmark-dev"]),
        "load_average_start": load_start,
        "load_average_end": " ".join(open("/proc/loadavg").read().split()[:3]) if os.path.exists("/proc/loadavg") else None,
    }


def gbench_rows(raw):
    """Google Benchmark entries by name; with repetitions, the median aggregate."""
    rows = {}
    for name in ["gbench-device.json", "gbench-fleet.json"]:
        data = load_json(os.path.join(raw, name)) or {}
        for b in data.get("benchmarks", []):
            if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                continue
            rows[b.get("run_name", b["name"])] = b
    return rows


def to_unit(value, unit, want):
    factor = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
    return value * factor[unit] / factor[want]


def gbench_cpu(rows, name, want):
    b = rows.get(name)
    return None if b is None else to_unit(b["cpu_time"], b.get("time_unit", "ns"), want)


def plain(lines, platform_name, scenario, rows=None):
    for line in lines:
        if line.get("platform") == platform_name and line.get("scenario") == scenario and (rows is None or line.get("rows") == rows):
            return line
    return None


def flatten(value, prefix=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from flatten(v, prefix + "/" + str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from flatten(v, prefix + "/" + str(i))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield prefix.lower(), float(value)


def page_metric(page, budget_word, patterns):
    """A figure of bench/page_bench.mjs: the entry of its own "budgets" list whose name holds
    `budget_word`, else the first number whose key path matches every regex of a pattern list."""
    if not page:
        return None, None
    for entry in page.get("budgets", []):
        if budget_word in entry.get("name", "") and isinstance(entry.get("measured_ms"), (int, float)):
            return float(entry["measured_ms"]), entry["name"]
    values = list(flatten(page))
    for pattern in patterns:
        for path, v in values:
            if all(re.search(p, path) for p in pattern):
                return v, path
    return None, None


def verdict(value, budget):
    if value is None:
        return "not measured"
    return "met" if value < budget else "missed"


def fmt(value, unit, digits=1):
    if value is None:
        return "-"
    if unit == "us" and value >= 1000:
        return "%.2f ms" % (value / 1000)
    return ("%." + str(digits) + "f %s") % (value, unit)


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--raw", required=True)
    p.add_argument("--mode", default="quick")
    p.add_argument("--out", required=True)
    p.add_argument("--peer-only", action="store_true", help="only the DuckDB peer's rows (bench/run.sh --peer-only)")
    args = p.parse_args(argv)
    raw = args.raw

    steps = []
    if os.path.exists(os.path.join(raw, "steps.tsv")):
        for line in open(os.path.join(raw, "steps.tsv")):
            name, status, detail = (line.rstrip("\n").split("\t") + ["", ""])[:3]
            steps.append({"step": name, "status": status, "detail": detail})
    status_of = {s["step"]: s for s in steps}

    gb = gbench_rows(raw)
    lines = load_json_lines(os.path.join(raw, "plain-*.jsonl"))
    size = load_json(os.path.join(raw, "size.json"))
    page = load_json(os.path.join(raw, "page.json"))

    table = []

    def row(metric, value, shown, budget_text, budget, note=""):
        table.append({"metric": metric, "value": value, "shown": shown, "budget": budget_text,
                      "result": verdict(value, budget) if budget is not None else "info", "note": note})

    def not_run(metric, budget_text, why):
        table.append({"metric": metric, "value": None, "shown": "-", "budget": budget_text, "result": "not run", "note": why})

    # `apos fleet` against the DuckDB peer (issue 14): wall time of each whole process, same file,
    # same threads; the budget is a ratio DuckDB / ours of at least 1 on the 1M-unit fleet.
    peers = {}
    for path in sorted(glob.glob(os.path.join(raw, "peer-duckdb_peer_*.json"))):
        entry = load_json(path)
        if entry:
            peers[entry["units_in_file"]] = entry
    for units, label in [(100_000, "100k"), (1_000_000, "1M")]:
        metric = "apos fleet vs DuckDB, %s units (wall, whole process)" % label
        budget_text = ">= 1 (DuckDB/ours)" + ("" if units == 1_000_000 else ", at 1M")
        step = status_of.get("duckdb_peer_%d" % units)
        entry = peers.get(units)
        if entry:
            r = entry["ratio_wall"]
            shown = "%.2f (ours %.2f s, DuckDB %.2f s, %d threads)" % (
                r, entry["ours"]["wall_s"], entry["duckdb"]["wall_s"], entry["threads"])
            note = "CPU ours %.2f s, DuckDB %.2f s; buckets: %s" % (
                entry["ours"]["cpu_s"], entry["duckdb"]["cpu_s"], entry["buckets_check"])
            note += "; " + entry["note"] if entry["note"] else ""
            table.append({"metric": metric, "value": r, "shown": shown, "budget": budget_text,
                          "result": ("met" if r >= 1 else "missed") if units == 1_000_000 else "info", "note": note})
        elif step:
            not_run(metric, budget_text, "%s: %s" % (step["status"], step["detail"]))
        elif not args.peer_only or (units == 1_000_000) == (args.mode == "full"):
            not_run(metric, budget_text, "--full only" if units == 1_000_000 else "--quick only")
        # The per-unit CSV of the same file: under 1 s at 1M (100k: pro rata, for context).
        metric = "apos fleet, per-unit CSV written, %s units (wall, whole process)" % label
        csv_budget = FLEET_1M_NATIVE_S * units / 1_000_000
        budget_text = "< %g s%s" % (csv_budget, "" if units == 1_000_000 else " (pro rata)")
        if entry and "ours_csv" in entry:
            t = entry["ours_csv"]
            row(metric, t["wall_s"], fmt(t["wall_s"], "s", 2), budget_text, csv_budget,
                "CPU %.2f s, peak %.0f MB, %d threads" % (t["cpu_s"], t["peak_mb"], entry["threads"]))
        elif entry or step:
            not_run(metric, budget_text, "not timed in this run")
    # One device: every offer's status, window and price (the budget), asked as the configurator
    # asks (evaluate_configuration, offers only, no words); reasons in words and fixes apart.
    # The row is the warm call (the device class's plan built by an earlier call, the unit's dates
    # and services new each call): what a partner editing a configuration waits for. The cold call
    # (a class met the first time, its plan built) is in the note.
    v = gbench_cpu(gb, "BM_EligibilityOneDevice", "us")
    cold = gbench_cpu(gb, "BM_EligibilityOneDeviceCold", "us")
    words = gbench_cpu(gb, "BM_EligibilityOneDeviceWords", "us")
    row("One device, all offers, class known (native, Google Benchmark)", v, fmt(v, "us"), "< 20 us", DEVICE_NATIVE_US,
        ", ".join(x for x in [cold and "class built in the call %s" % fmt(cold, "us"),
                               words and "with words and fixes %s" % fmt(words, "us")] if x))
    w = plain(lines, "wasm", "eligibility_one_device")
    wc = plain(lines, "wasm", "eligibility_one_device_cold")
    ww = plain(lines, "wasm", "eligibility_one_device_words")
    v = w and w["median_cpu_us"]
    row("One device, all offers, class known (WASM, Node)", v, fmt(v, "us"), "< 60 us", DEVICE_WASM_US,
        ", ".join(x for x in [w and "wall %.1f us" % w["median_wall_us"],
                               wc and "class built in the call %.1f us" % wc["median_cpu_us"],
                               ww and "with words and fixes %.1f us" % ww["median_cpu_us"]] if x))

    # Fleets: 1M against the budget; 100k against the same budget pro rata (what CI sees).
    def fleet_rows(label, units, native_budget_s, wasm_budget_s, memory_budget):
        name = "BM_FleetGenerated/%d" % units
        suffix = "" if units == 1_000_000 else " (pro rata)"
        if name in gb:
            v = gbench_cpu(gb, name, "s")
            rate = gb[name].get("items_per_second")
            row("Fleet %s units (native)" % label, v, fmt(v, "s", 2), "< %g s%s" % (native_budget_s, suffix), native_budget_s,
                rate and "%.0f units/s" % rate or "")
        else:
            not_run("Fleet %s units (native)" % label, "< %g s%s" % (native_budget_s, suffix), "--full only")
        w = plain(lines, "wasm", "fleet_generated", units)
        step = status_of.get("plain_wasm_fleet_%d" % units)
        if w:
            v = w["median_cpu_ms"] / 1000
            row("Fleet %s units (WASM, Node)" % label, v, fmt(v, "s", 2), "< %g s%s" % (wasm_budget_s, suffix), wasm_budget_s,
                "%.0f units/s; WASM/native %.2fx" % (w["rows_per_cpu_s"], ratio(lines, units) or 0))
        elif step and step["status"] == "out_of_memory":
            table.append({"metric": "Fleet %s units (WASM, Node)" % label, "value": None, "shown": "out of memory",
                          "budget": "< %g s%s" % (wasm_budget_s, suffix), "result": "missed", "note": step["detail"]})
        else:
            not_run("Fleet %s units (WASM, Node)" % label, "< %g s%s" % (wasm_budget_s, suffix),
                    step["detail"] if step else "--full only")
        budget_text = "< %d MB" % memory_budget if memory_budget else "-"
        if name in gb:
            v = gb[name].get("peak_rss_MB")
            row("Fleet %s units, peak RSS (native)" % label, v, fmt(v, "MB", 0), budget_text, memory_budget,
                "process peak: catalog + CSV text + parse + result")
        if w:
            v = w["memory_mb"]
            row("Fleet %s units, wasm heap reached (WASM)" % label, v, fmt(v, "MB", 0), budget_text, memory_budget)
        elif step and step["status"] == "out_of_memory":
            m = re.search(r'"wasm_heap_mb":([\d.]+)', step["detail"])
            table.append({"metric": "Fleet %s units, wasm heap reached (WASM)" % label, "value": m and float(m.group(1)),
                          "shown": (m and "> %s MB" % m.group(1)) or "out of memory", "budget": budget_text,
                          "result": "missed" if memory_budget else "info", "note": "allocation failed at the wasm memory limit"})

    def ratio(lines, units):
        n, w = plain(lines, "native", "fleet_generated", units), plain(lines, "wasm", "fleet_generated", units)
        return n and w and w["median_cpu_ms"] / n["median_cpu_ms"]

    fleet_rows("100k", 100_000, FLEET_1M_NATIVE_S / 10, FLEET_1M_WASM_S / 10, None)
    fleet_rows("1M", 1_000_000, FLEET_1M_NATIVE_S, FLEET_1M_WASM_S, FLEET_1M_MEMORY_MB)
    if args.mode != "full":
        for metric in ["Fleet 1M units, peak RSS (native)", "Fleet 1M units, wasm heap reached (WASM)"]:
            not_run(metric, "< %d MB" % FLEET_1M_MEMORY_MB, "--full only")

    # The page.
    first_frame, first_key = page_metric(page, "first frame", [[r"first.?frame"]])
    scroll, scroll_key = page_metric(page, "scroll", [[r"scroll", r"p95"], [r"scroll", r"median"]])
    page_step = status_of.get("page_bench")
    why = page_step["detail"] if page_step and page_step["status"] != "ok" else "no such figure in page.json"
    if first_frame is not None:
        row("First frame (headless Chromium)", first_frame, fmt(first_frame, "ms", 0), "< %d ms" % FIRST_FRAME_MS, FIRST_FRAME_MS, first_key)
    else:
        not_run("First frame (headless Chromium)", "< %d ms" % FIRST_FRAME_MS, why)
    if size:
        t = size["totals"]["wasm_js_catalog"]
        v = t["gzip9"] / 1000
        row("Download: wasm + js + catalog, gzip -9", v, fmt(v, "KB", 1), "< %d KB" % DOWNLOAD_GZIP_KB, DOWNLOAD_GZIP_KB,
            "%s; brotli %.1f KB" % (" + ".join(t["files"][:3]) + " + catalog", t["brotli11"] / 1000))
    else:
        not_run("Download: wasm + js + catalog, gzip -9", "< %d KB" % DOWNLOAD_GZIP_KB, "no size report")
    # A fleet loaded into the page (page_bench --fleet-rows): time, wasm memory, longest frame.
    def evaluated_by(load):
        workers = [w for w in load.get("workers") or [] if w]
        if workers:
            return "evaluated by %d Web Workers beside the page's reading" % max(workers)
        why = load.get("workers_failure")
        return "evaluated in the page's frames" + (" (workers: %s)" % why if why else "")

    load = (page or {}).get("fleet_load")
    if load:
        rows = load.get("rows", 0)
        budget_s = PAGE_FLEET_1M_S if rows >= 1_000_000 else PAGE_FLEET_100K_S * rows / 100_000
        v = load["load_ms"]["median"] / 1000
        row("Fleet of %s units loaded and evaluated in the page" % "{:,}".format(rows), v, fmt(v, "s", 2),
            "< %g s" % budget_s, budget_s, evaluated_by(load))
        mb = load["wasm_memory_bytes"]["median"] / 1e6
        row("Page wasm memory after %s units" % "{:,}".format(rows), mb, fmt(mb, "MB", 0), "< %d MB" % FLEET_1M_MEMORY_MB,
            FLEET_1M_MEMORY_MB if rows >= 1_000_000 else None, "the page module's; each worker has its own")
        longest = (load.get("longest_frame_work_ms") or {}).get("median")
        if longest is not None:
            row("Longest frame while the fleet loads", longest, fmt(longest, "ms", 1), "< %d ms" % PAGE_LONGEST_FRAME_MS,
                PAGE_LONGEST_FRAME_MS, "gap between frames %s" % fmt((load.get("longest_frame_gap_ms") or {}).get("median"), "ms", 1))
    else:
        not_run("Fleet loaded and evaluated in the page", "< %g s (1M), < %g s (100k)" % (PAGE_FLEET_1M_S, PAGE_FLEET_100K_S),
                "page_bench ran without --fleet-rows")
    if scroll is not None:
        row("Frame time scrolling 100k fleet rows", scroll, fmt(scroll, "ms", 2), "< 4 ms", SCROLL_FRAME_MS, scroll_key)
    else:
        not_run("Frame time scrolling 100k fleet rows", "< 4 ms", why)

    # Context rows: the other clicks and the WASM/native ratio of each scenario.
    for scenario, bench in [("load_catalog", "BM_LoadCatalog"), ("quote_ten_lines", "BM_QuoteTenLines"), ("timeline", "BM_Timeline")]:
        v = gbench_cpu(gb, bench, "us")
        w = plain(lines, "wasm", scenario)
        row("%s (native / WASM)" % scenario.replace("_", " "), v, "%s / %s" % (fmt(v, "us"), fmt(w and w["median_cpu_us"], "us")), "-", None)
    ratios = {}
    for scenario in ["load_catalog", "eligibility_one_device", "eligibility_one_device_cold", "quote_ten_lines",
                     "timeline"]:
        n, w = plain(lines, "native", scenario), plain(lines, "wasm", scenario)
        if n and w:
            ratios[scenario] = round(w["median_cpu_us"] / n["median_cpu_us"], 2)
    for units in [10_000, 100_000, 1_000_000]:
        r = ratio(lines, units)
        if r:
            ratios["fleet_%d" % units] = round(r, 2)
    row("WASM / native, same harness (CPU time)", None, "see note", "-", None,
        ", ".join("%s %.2fx" % kv for kv in ratios.items()) or "no pairs measured")

    if args.peer_only:
        table = [r for r in table if r["metric"].startswith("apos fleet")]
    m = machine(raw)
    print()
    print("Budgets (%s run, %s, %d cores, load %s; CPU time)" % (args.mode, m["cpu_model"], m["cores"] or 0, m["load_average_start"]))
    widths = [max(len(r["metric"]) for r in table), max(len(r["shown"]) for r in table), max(len(r["budget"]) for r in table), 12]
    header = ["metric", "value", "budget", "result"]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for r in table:
        print("  ".join(s.ljust(w) for s, w in zip([r["metric"], r["shown"], r["budget"], r["result"]], widths)) +
              ("  " + r["note"] if r["note"] else ""))
    for s in steps:
        if s["status"] not in ("ok",):
            print("step %s: %s %s" % (s["step"], s["status"], s["detail"]))

    results = {
        "schema": 1,
        "mode": args.mode,
        "machine": m,
        "notes": ["times are CPU time of the process (under Node: the whole Node process)",
                  "MB = 10^6 bytes, KB = 1000 bytes",
                  "fleets: tools/generate_fleet.py --seed 1 --as-of 2026-11-26 --bad-rows 0.01"],
        "budgets": table,
        "wasm_native_ratio_cpu": ratios,
        "steps": steps,
        "google_benchmark": gb,
        "plain": lines,
        "size": size,
        "page": page,
        "duckdb_peer": {str(units): entry for units, entry in peers.items()},
    }
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    print("written: %s" % args.out)


if __name__ == "__main__":
    main(sys.argv[1:])
