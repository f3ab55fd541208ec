#!/usr/bin/env python3
"""Draws icon.png (128x128): an envelope on a rounded indigo-to-teal tile, with a green accepted badge.
Pure Python (no PIL): signed-distance shapes, 4x4 supersampling, written with zlib."""
import math, struct, zlib, sys

N, S = 128, 4  # size, supersampling per axis

def rounded_rect(x, y, x0, y0, x1, y1, r):
    cx, cy = min(max(x, x0 + r), x1 - r), min(max(y, y0 + r), y1 - r)
    return math.hypot(x - cx, y - cy) - r if (x < x0 + r or x > x1 - r) and (y < y0 + r or y > y1 - r) else max(x0 - x, x - x1, y0 - y, y - y1)

def seg_dist(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)

def shade(x, y):
    # background tile with a diagonal gradient
    if rounded_rect(x, y, 4, 4, 124, 124, 26) > 0:
        return None
    t = (x + y) / 256.0
    col = (int(67 + (20 - 67) * t), int(56 + (184 - 56) * t), int(202 + (166 - 202) * t))
    # envelope body
    if rounded_rect(x, y, 22, 38, 98, 92, 7) <= 0:
        col = (255, 255, 255)
        if seg_dist(x, y, 25, 42, 60, 68) < 2.6 or seg_dist(x, y, 95, 42, 60, 68) < 2.6:
            col = (99, 102, 241)
    # accepted badge: green disc with white ring and check mark
    d = math.hypot(x - 96, y - 92)
    if d < 22:
        col = (255, 255, 255)
    if d < 18:
        col = (34, 197, 94)
        if seg_dist(x, y, 87, 92, 93, 99) < 2.8 or seg_dist(x, y, 93, 99, 105, 84) < 2.8:
            col = (255, 255, 255)
    return col

rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        r = g = b = a = 0
        for sy in range(S):
            for sx in range(S):
                c = shade(px + (sx + 0.5) / S, py + (sy + 0.5) / S)
                if c:
                    r += c[0]; g += c[1]; b += c[2]; a += 1
        row += bytes([r // a, g // a, b // a, 255 * a // (S * S)] if a else [0, 0, 0, 0])
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(sys.argv[1] if len(sys.argv) > 1 else "icon.png", "wb").write(png)
