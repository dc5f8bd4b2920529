#!/usr/bin/env python3
"""Deterministic synthetic fleet (installed base) for `apos fleet --csv`.

    python3 tools/generate_fleet.py --units N --seed S --as-of 2026-11-26 [--bad-rows FRACTION] > fleet.csv

The same arguments always give the same bytes. Machine types come from the catalog's
machine_types.json, weighted towards ThinkPads (then ThinkCentre, the rest rarer); ship dates
spread over the six years before --as-of, so a realistic share of units is lapsed; both channels;
some units with a proof-of-purchase date, an earlier extension (coverage_end), services already held;
a few hundred customers ("Customer 0042") of uneven size; and, with --bad-rows, a fraction of rows that
the configurator must reject (impossible dates, unknown machine types, duplicate serials).

Columns: serial,mtm,ship_date,purchase_date,channel,condition,country,coverage_end,services,customer,
quantity,site,asset_tag  (the last two are extra columns the configurator keeps as they are).

Standard library only.
"""
import argparse
import bisect
import csv
import datetime
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CATALOG = os.path.join(os.path.dirname(HERE), "catalog")

HEADER = ["serial", "mtm", "ship_date", "purchase_date", "channel", "condition", "country", "coverage_end",
          "services", "customer", "quantity", "site", "asset_tag"]

# Relative weight per series family: a typical commercial installed base is mostly ThinkPads.
FAMILY_WEIGHTS = [
    ("ThinkPad", 10.0),
    ("ThinkCentre", 4.0),
    ("ThinkStation", 1.0),
    ("IdeaPad", 1.2),
    ("IdeaCentre", 0.6),
    ("Lenovo V", 1.2),
    ("Chromebook", 1.0),
]
COUNTRIES = [("US", 80), ("CA", 6), ("GB", 4), ("DE", 4), ("FR", 3), ("JP", 3)]
SITES = ["Headquarters", "Berlin, DE", "Austin, TX", "Raleigh, NC", "Remote", "Warehouse \"B\"", "Toronto, ON", ""]
BAD_KINDS = ["bad-date", "unknown-mtm", "duplicate-serial"]
BAD_DATES = ["2025-02-30", "2024-13-01", "2023-04-31", "2025-00-10", "12/03/2024"]
UNKNOWN_MTMS = ["ZZ99", "9999ABCD", "XY12", "00AA"]


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--units", type=int, required=True, help="number of data rows")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same file)")
    p.add_argument("--as-of", default="2026-11-26", help="the planning date the fleet is generated around (YYYY-MM-DD)")
    p.add_argument("--bad-rows", type=float, default=0.0, help="fraction of rows the configurator should reject (0..1)")
    p.add_argument("--catalog", default=DEFAULT_CATALOG, help="catalog folder holding machine_types.json and policy.json")
    args = p.parse_args(argv)
    if args.units < 0:
        p.error("--units must be 0 or more")
    if not 0.0 <= args.bad_rows <= 1.0:
        p.error("--bad-rows must be between 0 and 1")
    try:
        args.as_of = datetime.date.fromisoformat(args.as_of)
    except ValueError:
        p.error("--as-of must be a date YYYY-MM-DD")
    return args


def plus_years(d, years):
    """Same month and day `years` later; 29 February becomes 1 March (as apos' Date::plus_years)."""
    try:
        return d.replace(year=d.year + years)
    except ValueError:
        return datetime.date(d.year + years, 3, 1)


def term_end(start, years):
    return plus_years(start, years) - datetime.timedelta(days=1)


class Picker:
    """Weighted choice through a cumulative table (fast for a million draws)."""

    def __init__(self, items, weights):
        self.items = list(items)
        self.cumulative = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)
        self.total = total

    def pick(self, rng):
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]


def family_weight(series):
    for prefix, weight in FAMILY_WEIGHTS:
        if series.startswith(prefix):
            return weight
    return 1.0


def load_catalog(folder):
    with open(os.path.join(folder, "machine_types.json"), encoding="utf-8") as f:
        types = json.load(f)["machine_types"]
    with open(os.path.join(folder, "policy.json"), encoding="utf-8") as f:
        policy = json.load(f)
    # Spread each family's weight over its types; top sellers count double.
    per_family = {}
    for t in types:
        per_family.setdefault(family_weight(t["series"]), []).append(t)
    weights = []
    for t in types:
        w = family_weight(t["series"])
        siblings = sum(2.0 if s.get("topseller") else 1.0 for s in per_family[w])
        weights.append(w * (2.0 if t.get("topseller") else 1.0) / siblings)
    return types, weights, policy


def cap_years(policy, mt):
    caps = policy["max_years"]
    if mt["brand"] == "think":
        return caps["think_e"] if mt["series"].startswith("ThinkPad E") else caps["think"]
    return caps["idea_lenovo"]


def serial_for(index, seed):
    # An odd multiplier modulo 2^40 is a bijection: unique serials that do not look sequential.
    mixed = (index * 0x9E3779B97F + seed * 7919) % (1 << 40)
    return "PF%010X" % mixed


def main(argv):
    args = parse_args(argv)
    rng = random.Random(args.seed)
    types, weights, policy = load_catalog(args.catalog)
    type_picker = Picker(types, weights)
    country_picker = Picker([c for c, _ in COUNTRIES], [w for _, w in COUNTRIES])
    customers = ["Customer %04d" % i for i in range(1, 351)]
    # Uneven customer sizes (Zipf-like): a few large accounts, many small ones.
    customer_picker = Picker(customers, [1.0 / (i + 1) ** 0.8 for i in range(len(customers))])
    site_picker = Picker(SITES, [30, 5, 5, 5, 10, 1, 3, 20])
    six_years = (args.as_of - plus_years(args.as_of, -6)).days
    distributor_days = policy.get("distributor_buffer_days", 45)

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(HEADER)
    serials = []
    for i in range(args.units):
        mt = type_picker.pick(rng)
        # Ship dates over the last six years, a little denser in recent years (fleets grow).
        age_days = int(six_years * (rng.random() ** 1.7))
        ship = args.as_of - datetime.timedelta(days=age_days)
        purchase = None
        if rng.random() < 0.35:
            purchase = min(ship + datetime.timedelta(days=rng.randint(0, 60)), args.as_of)
        channel = "distributor" if rng.random() < 0.3 else "direct"
        r = rng.random()
        condition = "new" if r < 0.95 else ("refurbished" if r < 0.98 else "open-box")
        country = country_picker.pick(rng)

        base_start = purchase or ship + datetime.timedelta(days=1)
        base_end = term_end(base_start, mt["base_years"])
        if channel == "distributor":
            base_end += datetime.timedelta(days=distributor_days)
        coverage_end = None
        services = []
        cap = cap_years(policy, mt)
        if condition == "new" and mt["base_years"] < cap and rng.random() < 0.18:
            # Extended earlier: coverage to base start + Y years, within the life limit.
            coverage_end = term_end(base_start, rng.randint(mt["base_years"] + 1, cap))
            services.append("extension")
        if mt["brand"] == "think" and rng.random() < 0.2:
            services.append("adp")
        if mt["series"].startswith(("ThinkPad", "ThinkCentre", "ThinkStation")) and rng.random() < 0.08:
            services.append("kyd")
        if (mt.get("sealed_battery") or mt["category"] == "tablet") and rng.random() < 0.05:
            services.append("sbty")
        if rng.random() < 0.03:
            services.append("premier")

        mtm = mt["mt"]
        if rng.random() < 0.6:  # a full MTM: MT + model + country suffix
            mtm += "%03d%s" % (rng.randint(0, 999), rng.choice(["US", "CA", "GE", "UK", "JP", "WW"]))
            mtm = mtm[:10]
        quantity = 1 if rng.random() < 0.9 else rng.choice([2, 3, 5, 10, 25, 50])
        customer = "" if rng.random() < 0.03 else customer_picker.pick(rng)
        serial = serial_for(i, args.seed)
        row = [serial, mtm, ship.isoformat(), purchase.isoformat() if purchase else "", channel, condition, country,
               coverage_end.isoformat() if coverage_end else "", ";".join(services), customer, str(quantity),
               site_picker.pick(rng), "AT-%07d" % (i + 1)]

        if args.bad_rows > 0 and rng.random() < args.bad_rows:
            kind = rng.choice(BAD_KINDS)
            if kind == "duplicate-serial" and not serials:
                kind = "bad-date"
            if kind == "bad-date":
                column = rng.choice([2, 2, 3, 7])  # ship_date mostly, sometimes purchase_date or coverage_end
                row[column] = rng.choice(BAD_DATES)
            elif kind == "unknown-mtm":
                row[1] = rng.choice(UNKNOWN_MTMS)
            else:
                row[0] = serials[rng.randrange(len(serials))]
        else:
            serials.append(serial)
        out.writerow(row)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:
        sys.exit(1)
