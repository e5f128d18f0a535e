#!/usr/bin/env python3
# make-seeds.py — seed corpora for the fuzz targets, cut from the real data
#
# Copyright 2026 The Levelmap authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-seeds.py DATA_DIR MANIFEST_DIR OUT_DIR
#
# Writes OUT_DIR/{csv,dbf,shapefile,manifest,scenario}/ with small slices of the
# reference data (the head of every table, the first records of every
# shapefile set) and the manifests, so that the fuzzers start from real
# structure instead of nothing. Standard library only; the data are only
# read.
import os
import struct
import sys

CSV_LINES = 12
RECORDS = 3


def write(out_dir, target, name, data):
    folder = os.path.join(out_dir, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def csv_seeds(vintage_dir, prefix, out_dir):
    for name in sorted(os.listdir(vintage_dir)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(vintage_dir, name), "rb") as f:
            lines = [f.readline() for _ in range(CSV_LINES)]
        write(out_dir, "csv", prefix + name, b"".join(lines))


def dbf_slice(data, n):
    """The header and the first n records, the count made to agree."""
    header_length, record_length = struct.unpack_from("<HH", data, 8)
    n = min(n, struct.unpack_from("<I", data, 4)[0])
    head = bytearray(data[:header_length])
    struct.pack_into("<I", head, 4, n)
    return bytes(head) + data[header_length:header_length + n * record_length] + b"\x1a"


def shp_slice(shp, shx, n):
    """The first n records of a .shp/.shx pair, offsets and lengths and
    the header's bounding box made to agree."""
    records = []
    for i in range(n):
        offset, length = struct.unpack_from(">ii", shx, 100 + 8 * i)
        records.append(shp[offset * 2:offset * 2 + 8 + length * 2])
    boxes = [struct.unpack_from("<4d", r, 12) for r in records if len(r) >= 44
             and struct.unpack_from("<i", r, 8)[0] != 0]
    header = bytearray(shp[:100])
    if boxes:
        struct.pack_into("<4d", header, 36,
                         min(b[0] for b in boxes), min(b[1] for b in boxes),
                         max(b[2] for b in boxes), max(b[3] for b in boxes))
    index = bytearray(shx[:100])
    body = b""
    entries = b""
    for r in records:
        entries += struct.pack(">ii", (100 + len(body)) // 2, (len(r) - 8) // 2)
        body += r
    struct.pack_into(">i", header, 24, (100 + len(body)) // 2)
    struct.pack_into(">i", index, 24, (100 + len(entries)) // 2)
    return bytes(header) + body, bytes(index) + entries


def shapefile_seeds(vintage_dir, prefix, out_dir):
    folder = os.path.join(vintage_dir, "boundaries")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".shp"):
            continue
        base = os.path.join(folder, name[:-4])
        with open(base + ".shp", "rb") as f:
            shp = f.read()
        with open(base + ".shx", "rb") as f:
            shx = f.read()
        with open(base + ".dbf", "rb") as f:
            dbf = f.read()
        n = min(RECORDS, (len(shx) - 100) // 8)
        # The smallest records make the best seeds: a region is 20 kB.
        small_shp, small_shx = shp_slice(shp, shx, n)
        if len(small_shp) > 64 * 1024:
            small_shp, small_shx = shp_slice(shp, shx, 1)
            n = 1
        small_dbf = dbf_slice(dbf, n)
        write(out_dir, "dbf", prefix + name[:-4] + ".dbf", small_dbf)
        write(out_dir, "shapefile", prefix + name[:-4],
              struct.pack("<II", len(small_shp), len(small_shx)) + small_shp + small_shx + small_dbf)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: make-seeds.py DATA_DIR MANIFEST_DIR OUT_DIR")
    data_dir, manifest_dir, out_dir = sys.argv[1:]
    for vintage in sorted(os.listdir(data_dir)):
        vintage_dir = os.path.join(data_dir, vintage)
        if not os.path.isdir(os.path.join(vintage_dir, "boundaries")):
            continue
        csv_seeds(vintage_dir, vintage + "-", out_dir)
        shapefile_seeds(vintage_dir, vintage + "-", out_dir)
    for name in sorted(os.listdir(manifest_dir)):
        if name.endswith(".xml"):
            with open(os.path.join(manifest_dir, name), "rb") as f:
                write(out_dir, "manifest", name, f.read())
        elif name.endswith(".levelmap"):
            with open(os.path.join(manifest_dir, name), "rb") as f:
                write(out_dir, "scenario", name, f.read())


if __name__ == "__main__":
    main()
