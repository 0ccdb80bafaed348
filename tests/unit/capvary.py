#!/usr/bin/env python3
"""Write a copy of a classic pcap with a capture defect, for the checks
that a capture's own defects are named and never read as network faults.

  capvary.py IN OUT copies N     every frame written N times in a row
  capvary.py IN OUT router       every frame followed by itself one router
                                 later: TTL one lower, other MACs, IP
                                 checksum redone, 50 us later
  capvary.py IN OUT same-ts      every frame stamped with the first's time
  capvary.py IN OUT ns-range     every fraction set to 1e9 or more
  capvary.py IN OUT backwards    every tenth frame stamped a second early
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from relink import cksum  # noqa: E402


def main():
    src, dst, kind = sys.argv[1:4]
    data = open(src, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        sys.exit("capvary.py: %s: not a little-endian classic pcap" % src)
    per_s = 10**9 if magic == 0xA1B23C4D else 10**6
    off, recs = 24, []
    while off + 16 <= len(data):
        ts, frac, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        recs.append([ts, frac, orig, data[off + 16:off + 16 + incl]])
        off += 16 + incl
    out = []
    if kind == "copies":
        n = int(sys.argv[4])
        for r in recs:
            out += [r] * n
    elif kind == "router":
        for ts, frac, orig, fr in recs:
            out.append([ts, frac, orig, fr])
            if fr[12:14] == b"\x08\x00" and fr[22] > 1:
                ip = bytearray(fr[14:])
                hl = (ip[0] & 15) * 4
                ip[8] -= 1
                ip[10:12] = b"\0\0"
                ip[10:12] = struct.pack(">H", cksum(bytes(ip[:hl])))
                mac = bytes.fromhex("0200000000aa0200000000bb")
                f2 = frac + per_s // 20000
                out.append([ts + f2 // per_s, f2 % per_s, orig, mac + fr[12:14] + bytes(ip)])
    elif kind == "same-ts":
        out = [[recs[0][0], recs[0][1], o, f] for _, _, o, f in recs]
    elif kind == "ns-range":
        out = [[t, per_s + 5, o, f] for t, _, o, f in recs]
    elif kind == "backwards":
        out = [[t - 1 if i % 10 == 9 else t, fr, o, f] for i, (t, fr, o, f) in enumerate(recs)]
    else:
        sys.exit("capvary.py: unknown kind %s" % kind)
    with open(dst, "wb") as f:
        f.write(data[:24])
        for ts, frac, orig, fr in out:
            f.write(struct.pack("<IIII", ts, frac, len(fr), orig))
            f.write(fr)


main()
