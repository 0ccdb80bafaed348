#!/usr/bin/env python3
"""Rewrite a classic pcap of Ethernet frames under another link layer, or
write a synthetic probe series, for the -r checks of test_cli_ptrace_read.sh.

  relink.py IN OUT KIND     KIND: ppp, ppp-nocomp, hdlc, ppp-dir, pppoe,
                            pppoe-bare, vlan, qinq, mpls, sll, raw, loop,
                            null, ieee80211 (an unsupported one)
  relink.py --scan OUT KIND KIND: random-ttl (a SYN scan with scattered
                            TTLs), inbound (SYNs arriving with what their
                            path left of TTL 128), fingerprint (a dozen
                            probes of nmap's OS detection), flood
"""
import random
import struct
import sys

MAC = bytes.fromhex("020000000001020000000002")


def read_pcap(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    if magic not in (0xA1B2C3D4, 0xA1B23C4D):
        sys.exit("relink.py: %s: not a little-endian classic pcap" % path)
    lt = struct.unpack("<I", data[20:24])[0]
    if lt != 1:
        sys.exit("relink.py: %s: link type %d, not Ethernet" % (path, lt))
    off, recs = 24, []
    while off + 16 <= len(data):
        ts, frac, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        recs.append((ts, frac, data[off + 16:off + 16 + incl]))
        off += 16 + incl
    return magic, recs


def write_pcap(path, magic, lt, recs):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", magic, 2, 4, 0, 0, 65535, lt))
        for ts, frac, frame in recs:
            f.write(struct.pack("<IIII", ts, frac, len(frame), len(frame)))
            f.write(frame)


def ip_of(frame):
    """The IPv4 datagram of an Ethernet frame, or None."""
    if frame[12:14] != b"\x08\x00":
        return None
    return frame[14:]


def relink(ip, kind, outgoing):
    ppp = b"\xff\x03\x00\x21" + ip
    return {
        "ppp": (9, ppp),
        "ppp-nocomp": (9, b"\x21" + ip),
        "hdlc": (104, (b"\x0f\x00" if outgoing else b"\x8f\x00") + b"\x08\x00" + ip),
        "ppp-dir": (204, (b"\x01" if outgoing else b"\x00") + ppp),
        "pppoe": (1, MAC + b"\x88\x64" + b"\x11\x00\x00\x01" +
                  struct.pack(">H", len(ip) + 2) + b"\x00\x21" + ip),
        "pppoe-bare": (51, b"\x11\x00\x00\x01" + struct.pack(">H", len(ip) + 2) +
                       b"\x00\x21" + ip),
        "vlan": (1, MAC + b"\x81\x00\x00\x64\x08\x00" + ip),
        "qinq": (1, MAC + b"\x88\xa8\x00\xc8\x81\x00\x00\x64\x08\x00" + ip),
        "mpls": (1, MAC + b"\x88\x47" + bytes.fromhex("0006403f0007713f") + ip),
        "sll": (113, struct.pack(">HHH", 4 if outgoing else 0, 1, 6) + MAC[:6] +
                b"\x00\x00\x08\x00" + ip),
        "raw": (101, ip),
        "loop": (108, b"\x00\x00\x00\x02" + ip),
        "null": (0, b"\x02\x00\x00\x00" + ip),
        "ieee80211": (105, b"\x08\x02" + b"\x00" * 22 + ip),
    }[kind]


def cksum(b):
    if len(b) & 1:
        b += b"\0"
    s = sum(struct.unpack(">%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, ttl, payload, ident=1):
    h = struct.pack(">BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0, ttl, proto, 0,
                    bytes(map(int, src.split("."))), bytes(map(int, dst.split("."))))
    h = h[:10] + struct.pack(">H", cksum(h)) + h[12:]
    return h + payload


def syn(sport, dport, seq):
    return struct.pack(">HHIIBBHHH", sport, dport, seq, 0, 0x50, 0x02, 1024, 0, 0)


def scan(kind):
    rnd = random.Random(11)
    recs, t = [], 1_700_000_000.0
    a, b = "198.18.0.1", "198.18.9.9"
    if kind == "random-ttl":
        for i in range(400):
            ip = ipv4(a, b, 6, rnd.randint(37, 64), syn(40000, rnd.randint(1, 1024), i * 7919))
            recs.append((t, ip))
            t += 0.002
    elif kind == "inbound":
        for i in range(200):
            ip = ipv4(b, a, 6, 109 + (i % 2), syn(50000 + i, rnd.randint(1, 1024), i))
            recs.append((t, ip))
            t += 0.01
    elif kind == "fingerprint":
        for i, ttl in enumerate((39, 41, 39, 44, 39, 52, 39, 61, 39, 47, 39, 58)):
            ip = ipv4(a, b, 6, ttl, syn(41000 + i, 22 if i % 2 else 1, i * 104729))
            recs.append((t, ip))
            t += 0.1
    elif kind == "flood":
        for i in range(2000):
            icmp = struct.pack(">BBHHH", 8, 0, 0, 7, i)
            icmp = icmp[:2] + struct.pack(">H", cksum(icmp)) + icmp[4:]
            recs.append((t, ipv4(a, b, 1, 64, icmp)))
            t += 0.0005
    else:
        sys.exit("relink.py: unknown scan %s" % kind)
    return [(int(ts), int(round((ts % 1) * 1e6)), MAC + b"\x08\x00" + ip) for ts, ip in recs]


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--scan":
        write_pcap(sys.argv[2], 0xA1B2C3D4, 1, scan(sys.argv[3]))
        return
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    src, out, kind = sys.argv[1:]
    magic, recs = read_pcap(src)
    first = None
    res, lt = [], 1
    for ts, frac, frame in recs:
        ip = ip_of(frame)
        if ip is None:
            continue
        if first is None:
            first = ip[12:16]
        lt, f = relink(ip, kind, ip[12:16] == first)
        res.append((ts, frac, f))
    write_pcap(out, magic, lt, res)


if __name__ == "__main__":
    main()
