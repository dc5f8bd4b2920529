#!/usr/bin/env python3
"""The CLI's input limits (README "Limits and errors"), with inputs too big to commit, made here:
each limit is met exactly and accepted where that is cheap to run, and passed by one and refused
with exit 1 and a message naming the limit. Usage: limits_check.py APOS_BINARY CATALOG_DIR"""
import os
import shutil
import subprocess
import sys
import tempfile

apos, catalog = sys.argv[1], sys.argv[2]
MB = 1024 * 1024
REQUEST = b'{"as_of": "2026-11-26", "items": [{"device": {"mtm": "21HD", "ship_date": "2026-10-01"}}]}'


def padded_request(size):
    return REQUEST + b" " * (size - len(REQUEST))  # trailing blanks: the same JSON


def fleet_rows(count):
    return b"serial,mtm,ship_date\n" + b"".join(b"S%d,21HD,2026-01-10\n" % i for i in range(count))


def catalog_with_policy_of(size, folder):
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(catalog):
        if name.endswith(".json"):
            shutil.copy(os.path.join(catalog, name), folder)
    with open(os.path.join(folder, "policy.json"), "rb+") as policy:
        policy.seek(0, os.SEEK_END)
        policy.write(b" " * (size - policy.tell()))
    return folder


def run(args, stdin=None):
    """Runs apos; standard input is written in pieces, and apos may stop reading it early."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([apos] + args, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                                   stdout=out, stderr=err)
        if stdin is not None:
            try:
                for at in range(0, len(stdin), MB):
                    process.stdin.write(stdin[at:at + MB])
                process.stdin.close()
            except BrokenPipeError:
                pass  # refused before the end: what a limit does
        code = process.wait(timeout=300)
        err.seek(0)
        return code, err.read().decode("utf-8", "replace")


with tempfile.TemporaryDirectory() as tmp:
    # name, args, standard input, expected exit, phrase expected on stderr
    rows = [
        ("request at 16 MB", ["quote", "--request", "-"], padded_request(16 * MB), 0, ""),
        ("request 16 MB + 1 byte", ["quote", "--request", "-"], padded_request(16 * MB + 1), 1,
         "apos: standard input is larger than 16 MB, the limit for this input"),
        ("catalog file at 64 MB", ["catalog", "check", "--catalog", catalog_with_policy_of(64 * MB, tmp + "/at")], None, 0, ""),
        ("catalog file 64 MB + 1 byte", ["catalog", "check", "--catalog", catalog_with_policy_of(64 * MB + 1, tmp + "/over")],
         None, 1, "/over/policy.json: /: the file has 67108865 bytes; the limit is 67108864 bytes"),
        ("fleet 256 MB + 1 byte", ["fleet", "--csv", "-", "--as-of", "2026-11-26"],
         fleet_rows(1) + b" " * (256 * MB + 1 - len(fleet_rows(1))), 1,
         "apos: standard input is larger than 256 MB, the limit for this input"),
        ("fleet 2,000,001 rows", ["fleet", "--csv", "-", "--as-of", "2026-11-26"], fleet_rows(2_000_001), 1,
         "apos: -:2000002: more than 2000000 rows; the rest was not read"),
    ]
    failed = 0
    for name, args, stdin, want_exit, phrase in rows:
        code, stderr = run(args, stdin)
        size = f"{len(stdin):,} bytes on stdin" if stdin is not None else "no stdin"
        if code != want_exit or phrase not in stderr:
            failed += 1
            print(f"FAIL {name}: apos {' '.join(args)} ({size})\n  expected exit {want_exit} and {phrase!r} on stderr\n"
                  f"  got exit {code}, stderr {stderr[:400]!r}")
        else:
            print(f"ok   {name}: exit {code}" + (f", {stderr.strip().splitlines()[0]}" if phrase else ""))
print(f"{len(rows) - failed} of {len(rows)} limit checks pass")
sys.exit(1 if failed else 0)
