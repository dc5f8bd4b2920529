#!/usr/bin/env python3
"""Checks a screenshot of the desktop window: a PNG of the expected size that is not blank.

Reads the PNG with the standard library only (zlib): 8-bit RGB or RGBA, not interlaced, which is
what apos_desktop writes through stb_image_write.

    png_check.py FILE.png --size 1440x900 [--min-colours 64]
                 [--region X,Y,W,H:MIN_COLOURS ...] [--colour R,G,B:TOLERANCE:MIN_PIXELS ...]

--region: the rectangle holds at least MIN_COLOURS distinct colours (something is drawn there).
--colour: at least MIN_PIXELS pixels are within TOLERANCE (per channel) of R,G,B.
Exit 0 when every check holds, 1 otherwise (each failure printed), 2 on usage errors.
"""
import argparse
import struct
import sys
import zlib


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour_type, _, _, interlace = header
    if depth != 8 or colour_type not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour_type}, interlace {interlace}")
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else up_left)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def pixels(rows, channels, x, y, w, h):
    for row in rows[y:y + h]:
        for i in range(x, x + w):
            yield row[i * channels:i * channels + 3]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("png")
    parser.add_argument("--size", required=True)
    parser.add_argument("--min-colours", type=int, default=64)
    parser.add_argument("--region", action="append", default=[])
    parser.add_argument("--colour", action="append", default=[])
    args = parser.parse_args()

    failures = []
    width, height, channels, rows = read_png(args.png)
    want_w, want_h = (int(v) for v in args.size.split("x"))
    if (width, height) != (want_w, want_h):
        failures.append(f"size {width}x{height}, expected {want_w}x{want_h}")
    colours = set(pixels(rows, channels, 0, 0, width, height))
    if len(colours) < args.min_colours:
        failures.append(f"only {len(colours)} distinct colours (blank?), expected at least {args.min_colours}")
    for spec in args.region:
        rect, minimum = spec.split(":")
        x, y, w, h = (int(v) for v in rect.split(","))
        found = len(set(pixels(rows, channels, x, y, min(w, width - x), min(h, height - y))))
        if found < int(minimum):
            failures.append(f"region {rect}: {found} distinct colours, expected at least {minimum}")
    for spec in args.colour:
        rgb, tolerance, minimum = spec.split(":")
        want = [int(v) for v in rgb.split(",")]
        tol = int(tolerance)
        count = sum(1 for p in pixels(rows, channels, 0, 0, width, height)
                    if all(abs(p[c] - want[c]) <= tol for c in range(3)))
        if count < int(minimum):
            failures.append(f"colour {rgb}±{tol}: {count} pixels, expected at least {minimum}")
    for failure in failures:
        print(f"{args.png}: {failure}", file=sys.stderr)
    if not failures:
        print(f"{args.png}: {width}x{height}, {len(colours)} colours: ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
