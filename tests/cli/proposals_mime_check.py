#!/usr/bin/env python3
"""apos proposals end to end: each e-mail draft it writes is read back by Python's own MIME
parser (email.policy.default) and must be a text/html message with the right headers and the
customer's proposal as its body; the printable page and the mail-merge CSV agree with the drafts.
Usage: proposals_mime_check.py APOS TESTS_CLI_DIR"""
import csv, email, email.policy, io, json, os, re, subprocess, sys, tempfile

apos, folder = sys.argv[1], sys.argv[2]
fleet = os.path.join(folder, "data", "fleet_proposals.csv")
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


with tempfile.TemporaryDirectory() as out:
    run = subprocess.run([apos, "proposals", "--csv", fleet, "--as-of", "2026-11-26", "--horizon", "365",
                          "--out", out, "--partner-name", "Zoë's IT <Nord>", "--partner-email",
                          "renew@northwind.example", "--partner-contact", "+1 555 0100"],
                         capture_output=True, timeout=120)
    if run.returncode != 0:
        sys.exit(f"apos proposals failed ({run.returncode}): {run.stderr.decode()}")
    answer = json.loads(run.stdout)
    proposals = answer["proposals"]
    check(len(proposals) >= 2, f"expected several proposals, got {len(proposals)}")
    for p in proposals:
        path = os.path.join(out, p["slug"] + ".eml")
        raw = open(path, "rb").read()
        check(b"\n" not in raw.replace(b"\r\n", b""), f"{path}: a line ends without CR")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        check(not msg.defects, f"{path}: parser defects {msg.defects}")
        check(msg.get_content_type() == "text/html", f"{path}: content type {msg.get_content_type()}")
        check(msg.get_content_charset() == "utf-8", f"{path}: charset {msg.get_content_charset()}")
        check(msg["MIME-Version"] == "1.0", f"{path}: MIME-Version {msg['MIME-Version']}")
        sender = msg["From"].addresses
        check(len(sender) == 1 and sender[0].addr_spec == "renew@northwind.example"
              and sender[0].display_name == "Zoë's IT <Nord>", f"{path}: From {msg['From']!r}")
        check(msg["Date"].datetime.date().isoformat() == "2026-11-26", f"{path}: Date {msg['Date']}")
        customer = p["customer"] or "your organisation"
        check(customer in str(msg["Subject"]), f"{path}: Subject {msg['Subject']!r} lacks {customer!r}")
        contact = p["contact"]
        if "@" in contact:
            check(msg["To"] is not None and msg["To"].addresses[0].addr_spec == contact, f"{path}: To {msg['To']}")
        else:
            check(msg["To"] is None, f"{path}: a To header without a customer address")
        html = msg.get_content()
        escaped = customer.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
        check("Service renewal proposal for " + escaped in html, f"{path}: the body does not name {customer!r}")
        check("Sample catalog" in html, f"{path}: no sample-catalog notice")
        check(p["total"]["text"] in html, f"{path}: total {p['total']['text']} not in the body")
        check(html.count('<section class="proposal"') == 1, f"{path}: one customer per draft")
        shown = re.sub(r"<style>.*?</style>", "", html, flags=re.S).lower()  # CSS has its own "margin"
        for word in ("partner price", "margin", "program"):
            check(word not in shown, f"{path}: {word!r} in a customer's draft")
    page = open(os.path.join(out, "proposals.html"), encoding="utf-8").read()
    check(page.count('<section class="proposal"') == len(proposals), "proposals.html: one section per customer")
    check("break-after:page" in page and "@media print" in page, "proposals.html: no page break for print")
    rows = list(csv.DictReader(io.StringIO(open(os.path.join(out, "mail-merge.csv"), encoding="utf-8",
                                                newline="").read())))
    check([r["customer"] for r in rows] == [p["customer"] for p in proposals], "mail-merge.csv: customers")
    for r, p in zip(rows, proposals):
        check(r["total"] == f"{p['total']['minor'] / 100:.2f}" and r["units"] == str(p["units"]),
              f"mail-merge.csv: {r}")
        check(r["earliest_deadline"] == (p["earliest_deadline"] or ""), f"mail-merge.csv: deadline {r}")

for f in failures:
    print("FAIL", f)
print(f"{len(proposals)} drafts checked, {len(failures)} problems")
sys.exit(1 if failures else 0)
