#!/usr/bin/env python3
"""
Writes the fuzz targets' seed corpora, reproducibly (python3, no extra
packages):

  tests/fuzz/corpus/fuzz_packet/    inputs in fuzz_packet.c's framing
  tests/fuzz/corpus/fuzz_capture/   whole pcap and pcapng files

Valid seeds come from the book captures in ../shared/captures (copied
byte for byte, and cut into frames), and from synthetic traceroutes;
edge-* and bad-* seeds are built here, field by field, with the RFC
that defines each field named where it is built.  Every file in the
corpus directories except regress-* (reproducers of fixed or open bugs,
kept by hand) is rewritten by this script.

  tests/fuzz/gen_seeds.py [--captures DIR]
"""

import argparse
import os
import random
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")

# fuzz_packet.c's link type indices, and the LINKTYPE_ numbers files use.
LINK_INDEX = {"en10mb": 0, "sll": 1, "sll2": 2, "raw": 3, "ipv4": 4,
              "null": 5, "loop": 6, "ieee80211": 7}
LINKTYPE = {"en10mb": 1, "sll": 113, "sll2": 276, "raw": 101, "ipv4": 228,
            "null": 0, "loop": 108, "ieee80211": 105}

SRC = "10.0.0.2"
DST = "203.0.113.9"
T0 = 1700000000 * 10**9             # ns, the synthetic captures' start


def addr(s):
    return bytes(int(x) for x in s.split("."))


def cksum(b):
    """RFC 1071 one's complement sum, as it goes in the header."""
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


# ---------------------------------------------------------------- IPv4 etc.

def ip4(src, dst, proto, payload, ttl=64, ident=0x1000, tos=0, df=False,
        mf=False, frag=0, opts=b"", ihl=None, tot_len=None, version=4):
    """RFC 791 header; ihl and tot_len override the honest values."""
    while len(opts) % 4:
        opts += b"\0"
    hl = 20 + len(opts)
    vihl = (version << 4) | ((hl // 4) if ihl is None else ihl)
    tot = hl + len(payload) if tot_len is None else tot_len
    fl = (0x4000 if df else 0) | (0x2000 if mf else 0) | frag
    h = struct.pack("!BBHHHBBH4s4s", vihl, tos, tot & 0xFFFF, ident, fl, ttl,
                    proto, 0, addr(src), addr(dst)) + opts
    h = h[:10] + struct.pack("!H", cksum(h)) + h[12:]
    return h + payload


def icmp(typ, code, rest=b"\0\0\0\0", body=b""):
    """RFC 792: type, code, checksum, four type-specific bytes, body."""
    h = struct.pack("!BBH", typ, code, 0) + rest + body
    return h[:2] + struct.pack("!H", cksum(h)) + h[4:]


def echo(typ, ident, seq, data=b""):
    return icmp(typ, 0, struct.pack("!HH", ident, seq), data)


def udp(src, dst, sport, dport, payload=b"", length=None, csum=None):
    """RFC 768; csum None: computed over the pseudo-header."""
    ln = 8 + len(payload) if length is None else length
    h = struct.pack("!HHHH", sport, dport, ln & 0xFFFF, 0) + payload
    if csum is None:
        ph = addr(src) + addr(dst) + struct.pack("!BBH", 0, 17, len(h))
        csum = cksum(ph + h) or 0xFFFF
    return h[:6] + struct.pack("!H", csum) + h[8:]


def tcp(src, dst, sport, dport, seq, ack=0, flags=0x02, win=64240, opts=b"",
        payload=b"", doff=None):
    """RFC 9293 section 3.1; doff overrides the data offset."""
    while len(opts) % 4:
        opts += b"\0"
    off = (20 + len(opts)) // 4 if doff is None else doff
    h = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF,
                    ack & 0xFFFFFFFF, off << 4, flags, win, 0, 0) + opts + payload
    ph = addr(src) + addr(dst) + struct.pack("!BBH", 0, 6, len(h))
    return h[:16] + struct.pack("!H", cksum(ph + h)) + h[18:]


MSS = b"\x02\x04\x05\xb4"
SACKOK = b"\x04\x02"
WSCALE = b"\x03\x03\x07"
TSOPT = b"\x08\x0a" + struct.pack("!II", 0x01020304, 0)
NOP = b"\x01"
EOL = b"\x00"


def ext_header(objs, csum=True, version=2):
    """RFC 4884 section 7: version 2, reserved, checksum, then objects."""
    body = b"".join(objs)
    h = struct.pack("!BBH", version << 4, 0, 0) + body
    if csum:
        h = h[:2] + struct.pack("!H", cksum(h)) + h[4:]
    return h


def ext_obj(cls, ctype, data, length=None):
    """RFC 4884 object: length (header included), class, C-type."""
    ln = 4 + len(data) if length is None else length
    return struct.pack("!HBB", ln, cls, ctype) + data


def mpls_obj(labels):
    """RFC 4950: class 1, C-type 1, one 32-bit entry per label."""
    ent = b""
    for i, (label, tc, ttl) in enumerate(labels):
        s = 1 if i == len(labels) - 1 else 0
        ent += struct.pack("!I", (label << 12) | (tc << 9) | (s << 8) | ttl)
    return ext_obj(1, 1, ent)


def icmp_error(typ, code, quote, ext=None, rfc4884=True, rest=None):
    """
    An ICMP error quoting `quote`.  With an extension and rfc4884, the
    quote is zero-padded to 128 bytes and its length goes in byte 5 in
    32-bit words (RFC 4884 section 4); without rfc4884 the extension
    follows a 128-byte quote with a zero length field (the compatibility
    case of section 5).
    """
    if rest is None:
        rest = b"\0\0\0\0"
    if ext is not None:
        quote = (quote + b"\0" * 128)[:128] if len(quote) < 128 else quote
        if rfc4884:
            rest = rest[:1] + bytes([len(quote) // 4]) + rest[2:]
        return icmp(typ, code, rest, quote + ext)
    return icmp(typ, code, rest, quote)


# ---------------------------------------------------------------- links

def ether(payload, etype=0x0800, vlans=()):
    """Ethernet II, with 802.1Q / 802.1ad tags as (tpid, tci)."""
    h = bytes.fromhex("00005e005301") + bytes.fromhex("020000000002")
    for tpid, tci in vlans:
        h += struct.pack("!HH", tpid, tci)
    return h + struct.pack("!H", etype) + payload


def sll(payload, proto=0x0800, pkttype=0):
    """Linux cooked capture v1: 16 bytes, protocol last."""
    return struct.pack("!HHH8sH", pkttype, 1, 6, bytes.fromhex("020000000002"),
                       proto) + payload


def sll2(payload, proto=0x0800, pkttype=0):
    """Linux cooked capture v2: 20 bytes, protocol first."""
    return struct.pack("!HHIHBB8s", proto, 0, 2, 1, pkttype, 6,
                       bytes.fromhex("020000000002")) + payload


def null(payload, fam=2, big=False):
    """BSD loopback: the family in the capturing host's byte order."""
    return struct.pack(">I" if big else "<I", fam) + payload


def loop(payload, fam=2):
    """OpenBSD loopback: the family in network byte order."""
    return struct.pack("!I", fam) + payload


def frame(link, ip):
    """An IP datagram in each link type's header."""
    return {"en10mb": ether, "sll": sll, "sll2": sll2, "raw": lambda p: p,
            "ipv4": lambda p: p, "null": null, "loop": loop,
            "ieee80211": lambda p: p}[link](ip)


# ------------------------------------------------------- fuzz_packet input

def packet_input(link, frames, live=False, any_port=False, no_late=False):
    """
    fuzz_packet.c's framing.  frames: (t_us, data) or (t_us, data,
    wirelen); a wirelen above len(data) is a frame cut by the snap length.
    """
    out = bytes([LINK_INDEX[link] | (8 if live else 0) |
                 (0x10 if any_port else 0) | (0x20 if no_late else 0)])
    prev = None
    for f in frames:
        t, data = f[0], f[1]
        wire = f[2] if len(f) > 2 else len(data)
        data = data[:0xFFFF]
        flags, extra = 0, 0
        if wire > len(data):
            flags, extra = 1, min(wire - len(data) - 1, 0xFFFF)
        elif wire < len(data):
            flags, extra = 2, len(data) - wire
        dt = 0 if prev is None else t - prev
        dt = max(-2**31, min(2**31 - 1, dt))
        prev = t if prev is None else prev + dt
        out += struct.pack("!HBHi", len(data), flags, extra, dt) + data
    return out


# --------------------------------------------------------- capture files

def pcap(linktype, frames, nsec=False, big=False, snaplen=262144,
         version=(2, 4)):
    """
    A classic pcap file.  frames: (t_ns, data[, wirelen[, caplen]]);
    caplen overrides the recorded length to lie about the data.
    """
    e = ">" if big else "<"
    magic = 0xA1B23C4D if nsec else 0xA1B2C3D4
    out = struct.pack(e + "IHHiIII", magic, version[0], version[1], 0, 0,
                      snaplen, linktype)
    for f in frames:
        t, data = f[0], f[1]
        wire = f[2] if len(f) > 2 else len(data)
        incl = f[3] if len(f) > 3 else len(data)
        frac = t % 10**9 if nsec else (t % 10**9) // 1000
        out += struct.pack(e + "IIII", (t // 10**9) & 0xFFFFFFFF, frac, incl,
                           wire) + data
    return out


def ng_opt(code, value, big=False):
    pad = b"\0" * (-len(value) % 4)
    return struct.pack(">HH" if big else "<HH", code, len(value)) + value + pad


def ng_opts(*opts, big=False):
    return b"".join(opts) + (ng_opt(0, b"", big) if opts else b"")


def ng_block(btype, body, big=False):
    """pcapng block: type, total length, body (padded), total length."""
    e = ">" if big else "<"
    body += b"\0" * (-len(body) % 4)
    ln = 12 + len(body)
    return struct.pack(e + "II", btype, ln) + body + struct.pack(e + "I", ln)


def ng_shb(opts=b"", big=False, section_len=-1):
    e = ">" if big else "<"
    return ng_block(0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0,
                                            section_len) + opts, big)


def ng_idb(linktype, snaplen=262144, opts=b"", big=False):
    e = ">" if big else "<"
    return ng_block(1, struct.pack(e + "HHI", linktype, 0, snaplen) + opts, big)


def ng_epb(ifid, ts_units, data, wirelen=None, opts=b"", big=False, caplen=None):
    e = ">" if big else "<"
    wire = len(data) if wirelen is None else wirelen
    cap = len(data) if caplen is None else caplen
    body = struct.pack(e + "IIIII", ifid, (ts_units >> 32) & 0xFFFFFFFF,
                       ts_units & 0xFFFFFFFF, cap, wire)
    return ng_block(6, body + data + b"\0" * (-len(data) % 4) + opts, big)


def ng_spb(data, wirelen=None):
    return ng_block(3, struct.pack("<I", len(data) if wirelen is None else wirelen) + data)


def ng_nrb():
    rec = struct.pack("<HH", 1, 4 + len(b"gw.example\0")) + addr("10.0.0.1") + b"gw.example\0"
    rec += b"\0" * (-len(rec) % 4)
    return ng_block(4, rec + struct.pack("<HH", 0, 0) + ng_opts(ng_opt(1, b"names")))


def ng_isb(ifid, ts_units):
    return ng_block(5, struct.pack("<III", ifid, ts_units >> 32, ts_units & 0xFFFFFFFF) +
                    ng_opts(ng_opt(4, struct.pack("<Q", 10)), ng_opt(5, struct.pack("<Q", 0))))


def pcapng(linktype, frames, tsresol=None, big=False, extra_blocks=()):
    """A one-interface pcapng file; frames: (t_ns, data[, wirelen])."""
    opts = [ng_opt(2, b"eth0", big)]
    if tsresol is not None:
        opts.append(ng_opt(9, bytes([tsresol]), big))
    out = ng_shb(ng_opts(ng_opt(4, b"gen_seeds.py", big), big=big), big) + \
        ng_idb(linktype, opts=ng_opts(*opts, big=big), big=big)
    out += b"".join(extra_blocks)
    for f in frames:
        t, data = f[0], f[1]
        wire = f[2] if len(f) > 2 else None
        if tsresol is None:
            units = t // 1000
        elif tsresol & 0x80:
            units = (t * (1 << (tsresol & 0x7F))) // 10**9
        else:
            units = (t * 10**tsresol) // 10**9
        out += ng_epb(0, units, data, wire, big=big)
    return out


def read_capture(path):
    """(linktype, [(t_ns, data, wirelen)]) of a pcap or pcapng file."""
    b = open(path, "rb").read()
    magic = struct.unpack("<I", b[:4])[0]
    frames = []
    if magic == 0x0A0D0D0A:
        e = "<" if struct.unpack("<I", b[8:12])[0] == 0x1A2B3C4D else ">"
        off, lt, res = 0, None, 10**6
        while off + 12 <= len(b):
            bt, bl = struct.unpack(e + "II", b[off:off + 8])
            body = b[off + 8:off + bl - 4]
            if bt == 1:
                lt = struct.unpack(e + "H", body[:2])[0]
            elif bt == 6:
                _, hi, lo, cap, wire = struct.unpack(e + "IIIII", body[:20])
                frames.append((((hi << 32) | lo) * 10**9 // res, body[20:20 + cap], wire))
            off += bl
        return lt, frames
    e = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    m, _, _, _, _, _, lt = struct.unpack(e + "IHHiIII", b[:24])
    nsec = m == 0xA1B23C4D or m == 0x4D3CB2A1
    off = 24
    while off + 16 <= len(b):
        s, frac, cap, wire = struct.unpack(e + "IIII", b[off:off + 16])
        frames.append((s * 10**9 + (frac if nsec else frac * 1000), b[off + 16:off + 16 + cap], wire))
        off += 16 + cap
    return lt, frames


# ------------------------------------------------- synthetic traceroutes

ROUTERS = ["10.0.0.1", "192.0.2.1", "192.0.2.5", "198.51.100.1",
           "198.51.100.9", "198.51.100.17", "192.0.2.33", "192.0.2.65",
           "198.51.100.129", "192.0.2.129"] + ["198.18.%d.1" % t for t in range(11, 256)]


def probe(proto, ttl, n, ident=0x4242):
    """The n-th probe of a run, and its identifying key fields."""
    if proto == 1:                    # ICMP echo: identifier, sequence
        return ip4(SRC, DST, 1, echo(8, ident, n, b"\0" * 32), ttl=ttl, ident=n)
    if proto == 17:                   # classic traceroute: a port per probe
        return ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33434 + n, b"\0" * 24),
                   ttl=ttl, ident=n)
    return ip4(SRC, DST, 6, tcp(SRC, DST, 40000, 80, 0x10000 + n,
                                opts=MSS + SACKOK + TSOPT + NOP + WSCALE),
               ttl=ttl, ident=n, df=True)


def dest_reply(proto, pkt, n, rst=False, ident=0x4242):
    """What the destination itself answers a probe with."""
    if proto == 1:
        return ip4(DST, SRC, 1, echo(0, ident, n, b"\0" * 32), ttl=52)
    if proto == 17:
        return ip4(DST, SRC, 1, icmp_error(3, 3, pkt[:28]), ttl=52)
    flags = 0x14 if rst else 0x12
    return ip4(DST, SRC, 6, tcp(DST, SRC, 80, 40000, 0x7000, 0x10000 + n + 1,
                                flags, opts=MSS), ttl=52)


def trace(proto, dest_ttl, nq=3, max_ttl=None, rtt=None, lost=lambda t, q: False,
          silent=(), unreach=None, mpls=(), compat=(), dup=(), late=(),
          early=(), multipath=(), gap_ms=50, seed=1, rst=False):
    """
    A traceroute in capture order as (t_us, ip datagram): probes for TTL
    1..max_ttl, nq each, and whatever answers them.  rtt(t) is hop t's
    base round trip in ms; the other arguments name TTLs (or (ttl, q)
    pairs) that behave as their names say.
    """
    rng = random.Random(seed)
    max_ttl = max_ttl or dest_ttl
    rtt = rtt or (lambda t: 0.5 + 0.3 * t)
    pkts, n, t_send = [], 0, T0 // 1000
    for ttl in range(1, max_ttl + 1):
        for q in range(nq):
            n += 1
            p = probe(proto, ttl, n)
            t_send += gap_ms * 1000
            pkts.append((t_send, p))
            if ttl in silent or lost(ttl, q) or (unreach and ttl > unreach[0]):
                continue
            hop = min(ttl, dest_ttl)
            t_rep = t_send + int((rtt(hop) + rng.uniform(0, 0.6)) * 1000)
            if (ttl, q) in late:
                t_rep += 6 * 10**6
            if (ttl, q) in early:
                t_rep = t_send - 300
            if unreach and ttl == unreach[0]:
                r = ip4(ROUTERS[ttl - 1], SRC, 1, icmp_error(3, unreach[1], p[:28]),
                        ttl=255 - ttl)
            elif ttl >= dest_ttl:
                r = dest_reply(proto, p, n, rst)
            else:
                router = ROUTERS[ttl - 1]
                if ttl in multipath and q % 2:
                    router = ROUTERS[ttl + 3]
                if ttl in mpls:
                    ext = ext_header([mpls_obj([(16000 + ttl, 0, 1), (24000 + ttl, 5, 1)]),
                                      ext_obj(2, 1, b"\x00\x00\x00\x07")])
                    body = icmp_error(11, 0, p, ext)
                elif ttl in compat:
                    ext = ext_header([mpls_obj([(17000 + ttl, 0, 255)])])
                    body = icmp_error(11, 0, p, ext, rfc4884=False)
                else:
                    body = icmp_error(11, 0, p[:28])
                # Return paths: 255-based routers, a longer way back at hop 3.
                r = ip4(router, SRC, 1, body, ttl=255 - ttl - (4 if ttl == 3 else 0))
            pkts.append((t_rep, r))
            if (ttl, q) in dup:
                pkts.append((t_rep + 150, r))
    pkts.sort(key=lambda x: x[0])
    return pkts


TRACES = {
    # A fixed 40 ms step from hop 4 on: the latency budget's largest step
    # (distance: clean).  The name, from when a step was a "bottleneck", is
    # kept: the committed corpus files carry it.
    "udp-bottleneck": dict(proto=17, dest_ttl=7, nq=4,
                           rtt=lambda t: 0.5 + 0.3 * t + (40.0 if t >= 4 else 0)),
    # Loss that starts at hop 4 and persists.
    "icmp-lossy": dict(proto=1, dest_ttl=6, nq=8, seed=2,
                       lost=lambda t, q: t >= 4 and q % 2 == 0),
    # A silent router, a rise that does not persist, SYN/ACK at the end.
    "tcp-silent": dict(proto=6, dest_ttl=5, max_ttl=7,
                       silent=(2,), rtt=lambda t: 20.0 if t == 3 else 0.5 + 0.3 * t),
    # Administratively prohibited at hop 3.
    "udp-unreach": dict(proto=17, dest_ttl=8, max_ttl=6, unreach=(3, 13)),
    # MPLS label stacks (RFC 4884 and the 128-byte compatibility form).
    "icmp-mpls": dict(proto=1, dest_ttl=6, mpls=(2, 3), compat=(4,)),
    # Replies that are duplicated, late, reordered or from two routers.
    "udp-odd": dict(proto=17, dest_ttl=5, nq=3, dup=((2, 0),), late=((3, 1),),
                    early=((1, 2),), multipath=(2,)),
    # Nothing beyond hop 3.
    "icmp-incomplete": dict(proto=1, dest_ttl=9, max_ttl=6,
                            lost=lambda t, q: t > 3),
    # The destination refuses the connection.
    "tcp-rst": dict(proto=6, dest_ttl=4, rst=True),
    # A router limiting its ICMP rate: a burst, then about one a second.
    "udp-ratelimit": dict(proto=17, dest_ttl=4, nq=12, gap_ms=100,
                          lost=lambda t, q: t == 2 and q >= 2 and q % 10),
}

TRACE_LINKS = ["en10mb", "sll2", "null", "loop", "sll", "en10mb", "ipv4",
               "raw", "sll"]


# -------------------------------------------------------- edge and bad

def te_for(p, quote_len=None, **kw):
    q = p if quote_len is None else p[:quote_len]
    return ip4("192.0.2.1", SRC, 1, icmp_error(11, 0, q, **kw), ttl=254)


def edge_packets():
    """name -> list of (t_us, datagram[, wirelen]) and the link to use."""
    t = T0 // 1000
    e = {}
    u = probe(17, 1, 1)

    # Options in the outer header (record route) and in the quote (RFC 791).
    rr = b"\x07\x0b\x04" + addr("192.0.2.1") + addr("0.0.0.0")
    pu = ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435, b"x" * 12), ttl=1,
             opts=b"\x94\x04\x00\x00")          # router alert
    e["edge-te-ip-options"] = ("en10mb", [
        (t, pu),
        (t + 900, ip4("192.0.2.1", SRC, 1, icmp_error(11, 0, pu[:24 + 8]), ttl=254, opts=rr))])
    # RFC 4884 length field and an MPLS object (RFC 4950), plus one more object.
    pi = probe(1, 2, 7)
    mp = ext_header([mpls_obj([(16001, 0, 1), (299792, 7, 254)]),
                     ext_obj(2, 0x0c, b"\x00\x00\x00\x02")])
    e["edge-rfc4884-mpls"] = ("sll", [(t, pi), (t + 1500, te_for(pi, ext=mp))])
    e["edge-rfc4884-nocsum"] = ("raw", [(t, pi), (t + 1500, te_for(pi, ext=ext_header(
        [mpls_obj([(3, 0, 1)])], csum=False)))])
    # The compatibility case: no length field, extensions after 128 bytes.
    e["edge-compat128-mpls"] = ("en10mb", [(t, pi), (t + 1500, te_for(
        pi, ext=ext_header([mpls_obj([(16, 1, 64)])]), rfc4884=False))])
    # More labels than the decoder keeps.
    e["edge-mpls-many-labels"] = ("en10mb", [(t, pi), (t + 1500, te_for(
        pi, ext=ext_header([mpls_obj([(100 + i, 0, 1) for i in range(12)])])))])
    # A 128-byte quote whose tail is not an extension.
    e["edge-quote-200"] = ("raw", [(t, probe(1, 2, 9)), (t + 800, te_for(
        ip4(SRC, DST, 1, echo(8, 0x4242, 9, b"\xaa" * 180), ttl=2, ident=9)))])
    # Destination unreachable, fragmentation needed, with the next-hop MTU.
    e["edge-unreach-mtu"] = ("en10mb", [(t, u), (t + 700, ip4(
        "192.0.2.1", SRC, 1, icmp_error(3, 4, u[:28], rest=b"\0\0\x05\x78"), ttl=254))])
    e["edge-paramprob-redirect-quench"] = ("raw", [
        (t, u),
        (t + 100, ip4("192.0.2.1", SRC, 1, icmp_error(12, 0, u[:28], rest=b"\x08\0\0\0"))),
        (t + 200, ip4("192.0.2.1", SRC, 1, icmp_error(5, 1, u[:28], rest=addr("10.0.0.9")))),
        (t + 300, ip4("192.0.2.1", SRC, 1, icmp_error(4, 0, u[:28]))),
        (t + 400, ip4("192.0.2.1", SRC, 1, icmp(13, 0, b"\0\x01\0\x01", b"\0" * 12)))])
    # TCP options (RFC 9293 3.2), odd ones too.
    syn = lambda o, n=1: ip4(SRC, DST, 6, tcp(SRC, DST, 40001, 443, 1000 + n, opts=o),
                             ttl=64, df=True)
    e["edge-tcp-options"] = ("en10mb", [
        (t, syn(MSS + SACKOK + TSOPT + NOP + WSCALE)),
        (t + 30000, ip4(DST, SRC, 6, tcp(DST, SRC, 443, 40001, 555, 1002, 0x12,
                                         opts=MSS + NOP + NOP + SACKOK + NOP + WSCALE)))])
    e["edge-tcp-options-odd"] = ("raw", [
        (t, syn(b"\x02\x03\x05\xb4" + NOP * 4, 2)),         # MSS with length 3
        (t + 1, syn(b"\x08\x01" + NOP * 6, 3)),             # length below 2
        (t + 2, syn(b"\xfe\x20" + NOP * 6, 4)),             # runs past the header
        (t + 3, syn(NOP * 3 + EOL + MSS, 5)),               # MSS after the end
        (t + 4, syn(b"\x02\x04\x05", 6))])                  # cut inside the option
    # 802.1Q, 802.1ad + 802.1Q, and more tags than the decoder follows.
    e["edge-vlan"] = ("en10mb", [(t, ether(u, vlans=[(0x8100, 100)]))], True)
    e["edge-qinq"] = ("en10mb", [(t, ether(u, vlans=[(0x88a8, 10), (0x8100, 20)]))], True)
    e["edge-vlan-7-tags"] = ("en10mb", [(t, ether(u, vlans=[(0x8100, i) for i in range(7)]))], True)
    # Fragments: the first (MF), and a later one.
    big = ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33434, b"\x55" * 64), ttl=3, ident=77)
    e["edge-fragments"] = ("raw", [
        (t, ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33434, b"\x55" * 64)[:40], ttl=3,
                ident=77, mf=True, tot_len=60)),
        (t + 1, ip4(SRC, DST, 17, b"\x55" * 32, ttl=3, ident=77, frag=5)),
        (t + 900, te_for(ip4(SRC, DST, 17, b"\x55" * 32, ttl=3, ident=77, frag=5))),
        (t + 901, te_for(big))])
    # Echo request and reply; a UDP datagram back on the probe's ports.
    e["edge-echo-and-udp-reply"] = ("en10mb", [
        (t, probe(1, 64, 1)), (t + 20000, ip4(DST, SRC, 1, echo(0, 0x4242, 1, b"\0" * 32), ttl=57)),
        (t + 30000, u), (t + 50000, ip4(DST, SRC, 17, udp(DST, SRC, 33435, 40000, b"pong")))])
    # A bare ACK for a SYN (RFC 9293: ack = seq + 1), and a SYN answered
    # by a RST without ACK.
    sp = probe(6, 9, 40)
    e["edge-tcp-bare-ack"] = ("raw", [
        (t, sp), (t + 9000, ip4(DST, SRC, 6, tcp(DST, SRC, 80, 40000, 9, 0x10000 + 41, 0x10))),
        (t + 9500, probe(6, 9, 41)),
        (t + 9900, ip4(DST, SRC, 6, tcp(DST, SRC, 80, 40000, 0, 0, 0x04)))])
    # Not IPv4: IPv6, ARP, an unknown ethertype; the quote is IPv6.
    v6 = bytes([0x60, 0, 0, 0, 0, 8, 17, 64]) + b"\x20\x01\x0d\xb8" + b"\0" * 11 + b"\x01" + \
        b"\x20\x01\x0d\xb8" + b"\0" * 11 + b"\x02" + b"\0" * 8
    e["edge-not-ipv4"] = ("en10mb", [
        (t, ether(v6, 0x86dd)),
        (t + 1, ether(bytes.fromhex("0001080006040001020000000002") + addr(SRC) + b"\0" * 6 +
                      addr("10.0.0.1"), 0x0806)),
        (t + 2, ether(b"\0" * 46, 0x88cc)),
        (t + 3, ether(ip4("192.0.2.1", SRC, 1, icmp_error(11, 0, v6)), 0x0800))], True)
    e["edge-raw-ipv6"] = ("raw", [(t, v6)])
    # Every loopback family: host order, the other order, IPv6 (24, 28, 30).
    e["edge-null-families"] = ("null", [
        (t, null(u)), (t + 1, null(u, big=True)), (t + 2, null(v6, 24)),
        (t + 3, null(v6, 28, True)), (t + 4, null(v6, 30)), (t + 5, null(u, 7))], True)
    e["edge-loop-families"] = ("loop", [(t, loop(u)), (t + 1, loop(v6, 24)), (t + 2, loop(u, 0))], True)
    e["edge-sll-outgoing"] = ("sll", [(t, sll(u, pkttype=4)), (t + 1, sll(v6, 0x86dd)),
                                      (t + 2, sll(b"\0" * 28, 0x0806))], True)
    e["edge-sll2-outgoing"] = ("sll2", [(t, sll2(u, pkttype=4)), (t + 1, sll2(v6, 0x86dd))], True)
    e["edge-unsupported-link"] = ("ieee80211", [(t, u)])
    # Link padding: an IP datagram shorter than its frame.
    e["edge-padded"] = ("en10mb", [(t, ether(ip4(SRC, DST, 6, tcp(SRC, DST, 1, 2, 3, flags=0x10)) +
                                             b"\0" * 6))], True)
    # Snapped: every kind cut by a 40-byte snap length.
    full = [probe(1, 1, 1), u, probe(6, 1, 2), te_for(u), big]
    e["edge-snapped-40"] = ("raw", [(t + i, p[:40], len(p)) for i, p in enumerate(full)])
    e["edge-snapped-20"] = ("raw", [(t + i, p[:20], len(p)) for i, p in enumerate(full)])
    # The record claims fewer bytes on the wire than were captured.
    e["edge-wirelen-below-caplen"] = ("raw", [(t + i, p, len(p) // 2) for i, p in enumerate(full)])

    # Malformed (captured whole, but the headers lie).
    e["bad-ihl-below-5"] = ("raw", [(t, ip4(SRC, DST, 17, udp(SRC, DST, 1, 2), ihl=4)),
                                    (t + 1, ip4(SRC, DST, 17, udp(SRC, DST, 1, 2), ihl=0))])
    e["bad-ihl-beyond-packet"] = ("raw", [(t, ip4(SRC, DST, 17, b"", ihl=15))])
    e["bad-totlen-below-ihl"] = ("raw", [(t, ip4(SRC, DST, 17, udp(SRC, DST, 1, 2), tot_len=12)),
                                         (t + 1, ip4(SRC, DST, 17, udp(SRC, DST, 1, 2),
                                                     opts=b"\1" * 8, tot_len=24))])
    e["bad-totlen-beyond-frame"] = ("en10mb", [(t, ether(ip4(SRC, DST, 17, udp(SRC, DST, 1, 2),
                                                             tot_len=1500)))], True)
    e["bad-ip-version"] = ("raw", [(t, ip4(SRC, DST, 17, udp(SRC, DST, 1, 2), version=5)),
                                   (t + 1, ip4(SRC, DST, 17, udp(SRC, DST, 1, 2), version=0))])
    e["bad-tcp-doff"] = ("raw", [
        (t, ip4(SRC, DST, 6, tcp(SRC, DST, 1, 2, 3, doff=4))),
        (t + 1, ip4(SRC, DST, 6, tcp(SRC, DST, 1, 2, 3, doff=0))),
        (t + 2, ip4(SRC, DST, 6, tcp(SRC, DST, 1, 2, 3, doff=15))),
        (t + 3, ip4(SRC, DST, 6, tcp(SRC, DST, 1, 2, 3, doff=8), tot_len=36))])
    e["bad-udp-length"] = ("raw", [
        (t, ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33434, b"abcd", length=0))),
        (t + 1, ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435, b"abcd", length=7))),
        (t + 2, ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33436, b"abcd", length=0xffff))),
        (t + 3, ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33437, b"abcd", length=13)))])
    e["bad-icmp-short"] = ("raw", [(t, ip4("192.0.2.1", SRC, 1, b"\x0b\x00\x00\x00")),
                                   (t + 1, ip4("192.0.2.1", SRC, 1, b"\x0b\x00\xf4\xff\x00\x00"))])
    e["bad-ext-object-length-0"] = ("raw", [(t, pi), (t + 1, te_for(pi, ext=ext_header(
        [ext_obj(1, 1, struct.pack("!I", 0x3e8140), length=0)])))])
    e["bad-ext-object-length-3"] = ("raw", [(t, pi), (t + 1, te_for(pi, ext=ext_header(
        [ext_obj(1, 1, b"", length=3)])))])
    e["bad-ext-object-beyond-end"] = ("raw", [(t, pi), (t + 1, te_for(pi, ext=ext_header(
        [mpls_obj([(5, 0, 1)]), ext_obj(1, 1, struct.pack("!I", 0x3e8140), length=400)])))])
    e["bad-ext-checksum"] = ("raw", [(t, pi), (t + 1, te_for(pi, ext=ext_header(
        [mpls_obj([(5, 0, 1)])])[:-1] + b"\x42"))])
    e["bad-ext-version"] = ("raw", [(t, pi), (t + 1, te_for(pi, ext=ext_header(
        [mpls_obj([(5, 0, 1)])], version=1)))])
    # RFC 4884 length beyond the message, and an odd one below 128 bytes.
    e["bad-rfc4884-length"] = ("raw", [
        (t, u), (t + 1, ip4("192.0.2.1", SRC, 1, icmp(11, 0, b"\0\xff\0\0", u[:28]))),
        (t + 2, ip4("192.0.2.1", SRC, 1, icmp(11, 0, b"\0\x03\0\0", u[:28] + b"\x20\0\0\0"))),
        (t + 3, ip4("192.0.2.1", SRC, 3, icmp(3, 3, b"\0\x01\0\0", u[:28])))])
    # The quote lies: IHL below 5, total length below IHL, not IPv4.
    e["bad-quote-headers"] = ("raw", [
        (t, u),
        (t + 1, te_for(ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435), ihl=3))),
        (t + 2, te_for(ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435), tot_len=8))),
        (t + 3, te_for(ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435), ihl=15))),
        (t + 4, te_for(ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435), version=6))),
        (t + 5, te_for(ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435), tot_len=22)))])
    # Empty and one-byte frames on every link type.
    for link in LINK_INDEX:
        e["bad-empty-frames-" + link] = (link, [(t, b""), (t + 1, b"\x45"), (t + 2, b"", 60),
                                               (t + 3, b"\x08", 1500)], True)
    return e


def quote_cuts():
    """
    Per probe protocol: the probe, then its time-exceeded with the quote
    cut at every length that changes what can be read (up to the IP
    header and 8 transport bytes; 20 for TCP), each twice: cut by the
    snap length (longer on the wire), and captured whole but short.
    """
    out = {}
    t = T0 // 1000
    for proto, name in ((17, "udp"), (6, "tcp"), (1, "icmp")):
        p = probe(proto, 1, 1)
        if proto == 17:                 # a 24-byte header: options in the quote
            p = ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33435, b"\0" * 12), ttl=1,
                    opts=b"\x01\x01\x01\x00")
        ihl = (p[0] & 15) * 4
        whole = te_for(p)
        frs = [(t, p)]
        for n in range(0, ihl + (20 if proto == 6 else 8) + 1):
            frs.append((t + 500 + 2 * n, whole[:28 + n], len(whole)))
            frs.append((t + 501 + 2 * n, te_for(p, quote_len=n)))
        out["edge-quote-cut-every-length-" + name] = frs
    return out


# ------------------------------------------------------------------ IPv6

S6 = bytes.fromhex("20010db8000000000000000000000001")
D6 = bytes.fromhex("20010db8000100000000000000000007")
R6 = bytes.fromhex("20010db800ff00000000000000000005")
LL6 = bytes.fromhex("fe800000000000000000000000000001")
MAC_A = bytes.fromhex("02000000000a")


def ip6(src, dst, nxt, payload, hlim=64, tclass=0, flow=0, plen=None):
    """RFC 8200 section 3; plen overrides the honest payload length."""
    pl = len(payload) if plen is None else plen
    return struct.pack("!IHBB16s16s", 0x60000000 | tclass << 20 | flow, pl & 0xFFFF, nxt,
                       hlim, src, dst) + payload


def sum6(src, dst, nxt, l4):
    """The RFC 8200 8.1 pseudo-header checksum."""
    return cksum(src + dst + struct.pack("!IxxxB", len(l4), nxt) + l4)


def icmp6(src, dst, typ, code, rest=b"\0\0\0\0", body=b"", hlim=64, ext=b""):
    """RFC 4443 2.1 in an IPv6 packet (behind the extension headers ext)."""
    m = struct.pack("!BBH", typ, code, 0) + rest + body
    m = m[:2] + struct.pack("!H", sum6(src, dst, 58, m)) + m[4:]
    return ip6(src, dst, ext[0] if ext else 58, (ext[1] if ext else b"") + m, hlim=hlim)


def udp6(src, dst, sport, dport, payload=b"", hlim=64):
    u = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
    u = u[:6] + struct.pack("!H", sum6(src, dst, 17, u) or 0xFFFF) + u[8:]
    return ip6(src, dst, 17, u, hlim=hlim)


def ext6(kind, nxt, body):
    """An extension header (RFC 8200 4, RFC 4302 for AH) of kind, naming nxt."""
    if kind == 44:
        return struct.pack("!BB", nxt, 0) + body
    if kind == 51:
        return struct.pack("!BB", nxt, (len(body) + 2) // 4 - 2) + body
    return struct.pack("!BB", nxt, (len(body) + 2) // 8 - 1) + body


def chain6(kinds, upper, l4):
    """The headers of kinds (bodies given) in order, then upper's bytes."""
    out = l4
    nxt = upper
    for kind, body in reversed(kinds):
        out = ext6(kind, nxt, body) + out
        nxt = kind
    return nxt, out


def ip6_packets():
    """IPv6 frames of each kind the decoder reads, sound, cut and hostile."""
    out = {}
    echo_rq = icmp6(S6, D6, 128, 0, struct.pack("!HH", 0x4242, 1), b"faultlin")
    echo_rp = icmp6(D6, S6, 129, 0, struct.pack("!HH", 0x4242, 1), b"faultlin", hlim=55)
    probe = udp6(S6, D6, 40000, 33434, b"faultlin", hlim=1)
    out["ip6-echo"] = ("en10mb", [(0, ether(echo_rq, 0x86dd)), (1000, ether(echo_rp, 0x86dd))],
                       True)
    out["ip6-echo-sll"] = ("sll", [(0, sll(echo_rq, 0x86dd))], True)
    out["ip6-echo-null"] = ("null", [(0, null(echo_rq, fam=30))], True)
    out["ip6-udp-tcp"] = ("raw", [(0, probe), (10, ip6(S6, D6, 6, struct.pack(
        "!HHIIBBHHH", 41394, 443, 1, 0, 0xa0, 2, 64800, 0, 0) +
        bytes.fromhex("020405a004020101010303070000"), hlim=1))])
    hbh = bytes.fromhex("050200000100")
    pad6 = bytes.fromhex("010400000000")
    rh = bytes.fromhex("0201") + b"\0" * 4 + bytes.fromhex("20010db8000200000000000000000009")
    frag0 = struct.pack("!HI", 0, 0xabcd1234)
    ah = struct.pack("!HII", 0, 0x1000, 1) + b"\0" * 12
    kinds = [(0, hbh), (60, pad6), (43, rh), (44, frag0), (51, ah), (60, pad6)]
    nxt, body = chain6(kinds, 17, probe[40:])
    out["ip6-chain-every-kind"] = ("raw", [(0, ip6(S6, D6, nxt, body, hlim=1))])
    nxt, body = chain6([(60, pad6)], 50, struct.pack("!II", 0x2000, 1) + b"\x5a" * 24)
    out["ip6-esp"] = ("raw", [(0, ip6(S6, D6, nxt, body))])
    later = ip6(S6, D6, 44, ext6(44, 17, struct.pack("!HI", 185 << 3 | 1, 7)) + b"\x82" * 64)
    first = ip6(S6, D6, 44, ext6(44, 17, struct.pack("!HI", 1, 7)) +
                struct.pack("!HHHH", 40000, 33434, 1480, 0) + b"x" * 32)
    out["ip6-fragments"] = ("raw", [(0, first), (5, later)])
    # ICMPv6 errors quoting the probe: every type and a few codes.
    errs = []
    for i, (t, c, rest) in enumerate([(3, 0, b"\0" * 4), (3, 1, b"\0" * 4), (1, 0, b"\0" * 4),
                                      (1, 1, b"\0" * 4), (1, 3, b"\0" * 4), (1, 4, b"\0" * 4),
                                      (1, 5, b"\0" * 4), (1, 6, b"\0" * 4),
                                      (2, 0, struct.pack("!I", 1280)),
                                      (4, 1, struct.pack("!I", 6))]):
        errs.append((i * 100, icmp6(R6, S6, t, c, rest, probe)))
    out["ip6-icmp6-errors"] = ("raw", errs)
    # RFC 4884 4.5: ICMPv6's length counts 64-bit words; an MPLS label stack after.
    q = probe + b"\0" * (128 - len(probe))
    ext = ext_header([mpls_obj([(16, 0, 1), (3, 5, 254)])])
    out["ip6-icmp6-rfc4884-mpls"] = ("raw", [
        (0, icmp6(R6, S6, 3, 0, bytes([16, 0, 0, 0]), q + ext)),
        (10, icmp6(R6, S6, 1, 4, bytes([16, 0, 0, 0]), q + ext)),
        (20, icmp6(R6, S6, 3, 0, b"\0" * 4, q + ext)),         # compatibility case
        (30, icmp6(R6, S6, 3, 0, bytes([255, 0, 0, 0]), q + ext))])
    qc = ip6(S6, D6, nxt, body, hlim=1)
    nxt2, body2 = chain6(kinds, 58, echo_rq[40:])
    out["ip6-icmp6-quoted-chain"] = ("raw", [
        (0, icmp6(R6, S6, 3, 0, b"\0" * 4, ip6(S6, D6, nxt2, body2, hlim=1))),
        (10, icmp6(R6, S6, 3, 0, b"\0" * 4, later)), (20, icmp6(R6, S6, 3, 0, b"\0" * 4, qc))])
    # NDP, RFC 4861 4.
    sll_o = bytes([1, 1]) + MAC_A
    tll_o = bytes([2, 1]) + MAC_A
    mtu_o = struct.pack("!BBHI", 5, 1, 0, 1500)
    pfx_o = struct.pack("!BBBBIII16s", 3, 4, 64, 0xc0, 2592000, 604800, 0,
                        bytes.fromhex("20010db8000100000000000000000000"))
    allr = bytes.fromhex("ff020000000000000000000000000001")
    snm = bytes.fromhex("ff0200000000000000000001ff000007")
    out["ip6-ndp"] = ("en10mb", [
        (0, ether(icmp6(S6, snm, 135, 0, b"\0" * 4, D6 + sll_o, hlim=255), 0x86dd)),
        (10, ether(icmp6(D6, S6, 136, 0, bytes([0x60, 0, 0, 0]), D6 + tll_o, hlim=255), 0x86dd)),
        (20, ether(icmp6(LL6, bytes.fromhex("ff020000000000000000000000000002"), 133, 0,
                         b"\0" * 4, sll_o, hlim=255), 0x86dd)),
        (30, ether(icmp6(LL6, allr, 134, 0, struct.pack("!BBH", 64, 0xc0, 1800),
                         struct.pack("!II", 30000, 1000) + sll_o + mtu_o + pfx_o, hlim=255),
                   0x86dd))], True)
    # Hostile: lengths that lie, options that overrun, chains past the frame.
    out["bad-ip6-hostile"] = ("raw", [
        (0, icmp6(S6, snm, 135, 0, b"\0" * 4, D6 + bytes([1, 0]) + MAC_A, hlim=255)),
        (1, icmp6(S6, snm, 135, 0, b"\0" * 4, D6 + bytes([1, 9]) + MAC_A, hlim=255)),
        (2, ip6(S6, D6, 60, ext6(60, 17, bytes.fromhex("01c800000000")) + probe[40:])),
        (3, ip6(S6, D6, 60, b"".join(ext6(60, 60, pad6) for _ in range(200)))),
        (4, ip6(S6, D6, 60, b"".join(ext6(60, 60, pad6) for _ in range(20)), plen=4000)),
        (5, ip6(S6, D6, 51, struct.pack("!BBHI", 17, 0, 0, 1) + probe[40:])),
        (6, ip6(S6, D6, 51, struct.pack("!BBHI", 17, 200, 0, 1) + probe[40:])),
        (7, ip6(S6, D6, 60, ext6(60, 0, pad6) + ext6(0, 17, hbh) + probe[40:])),
        (8, ip6(S6, D6, 44, ext6(44, 44, frag0) + ext6(44, 17, frag0) + probe[40:])),
        (9, ip6(S6, D6, 58, b"\x80\0\0\0")),
        (10, icmp6(R6, S6, 3, 0, bytes([200, 0, 0, 0]), probe)),
        (11, icmp6(R6, S6, 3, 0, b"\0" * 4, probe[:44])),
        (12, probe[:30], len(probe)),
        (13, ip6(S6, D6, 60, b"".join(ext6(60, 60, pad6) for _ in range(20)))[:100], 200)])
    out["bad-ip6-version"] = ("en10mb", [(0, ether(echo_req_v4(), 0x86dd))], True)
    return out


def echo_req_v4():
    return ip4(SRC, DST, 1, echo(8, 0x4242, 1, b"faultlin"))


# -------------------------------------------------------------- writing

def write(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def clean(d):
    os.makedirs(d, exist_ok=True)
    for n in os.listdir(d):
        if not n.startswith("regress-"):
            os.unlink(os.path.join(d, n))


def main():
    ap = argparse.ArgumentParser(description=__doc__.strip().split("\n")[0])
    ap.add_argument("--captures", default=os.path.join(ROOT, "..", "shared", "captures"))
    args = ap.parse_args()
    dp = os.path.join(CORPUS, "fuzz_packet")
    dc = os.path.join(CORPUS, "fuzz_capture")
    clean(dp)
    clean(dc)

    # Valid: the book's captures, whole and cut into frames.
    caps = sorted(n for n in os.listdir(args.captures) if n.endswith((".pcap", ".pcapng")))
    if not caps:
        sys.exit("no captures in %s" % args.captures)
    by_lt = {1: "en10mb", 113: "sll", 276: "sll2", 101: "raw", 228: "ipv4", 0: "null", 108: "loop"}
    for name in caps:
        raw = open(os.path.join(args.captures, name), "rb").read()
        write(dc, name, raw)
        lt, frames = read_capture(os.path.join(args.captures, name))
        link = by_lt[lt]
        fr = [(t // 1000, d, w) for t, d, w in frames]
        base = os.path.splitext(name)[0]
        if len(fr) > 80:                 # a sample of the long one
            fr = fr[:40] + fr[200:230]
        write(dp, "cap-%s" % base, packet_input(link, fr))
        write(dp, "cap-%s-live" % base, packet_input(link, fr, live=True, any_port=True))
        # One frame of each kind, alone.
        seen = set()
        for i, (t, d, w) in enumerate(frames):
            kind = (d[12:14], d[23:24], d[34:35] if d[23:24] == b"\x01" else d[47:48])
            if kind in seen:
                continue
            seen.add(kind)
            write(dp, "frame-%s-%03d" % (base, i + 1), packet_input(link, [(t // 1000, d, w)]))

    # Valid: synthetic traceroutes, for the correlator and the inference.
    for i, (name, kw) in enumerate(sorted(TRACES.items())):
        link = TRACE_LINKS[i % len(TRACE_LINKS)]
        pk = trace(**kw)
        fr = [(t, frame(link, p)) for t, p in pk]
        write(dp, "trace-%s-%s" % (name, link), packet_input(link, fr))
        write(dp, "trace-%s-%s-live" % (name, link), packet_input(link, fr, live=True,
                                                                  no_late=(i % 2 == 0)))
        frn = [(t * 1000, d) for t, d in fr]
        if i % 3 == 0:
            write(dc, "trace-%s-%s.pcap" % (name, link), pcap(LINKTYPE[link], frn))
        elif i % 3 == 1:
            write(dc, "trace-%s-%s-nsec-be.pcap" % (name, link),
                  pcap(LINKTYPE[link], frn, nsec=True, big=True))
        else:
            write(dc, "trace-%s-%s.pcapng" % (name, link), pcapng(LINKTYPE[link], frn))

    # Edge and malformed packets: fuzz_packet inputs, and one file of them all.
    edges = edge_packets()
    allraw = []
    for name, spec in sorted(edges.items()):
        link, frs = spec[0], spec[1]
        framed = len(spec) > 2            # already carries its link header
        fr = [(f[0], f[1] if framed else frame(link, f[1])) + tuple(f[2:]) for f in frs]
        write(dp, name, packet_input(link, fr))
        if link == "raw" or (link == "en10mb" and not framed):
            allraw += [(f[0] * 1000, f[1]) + tuple(f[2:]) for f in frs]
    # A live run's UDP flow, and a datagram back on its ports.
    u = probe(17, 64, 3)
    write(dp, "edge-udp-reply-live", packet_input("raw", [
        (0, u), (30000, ip4(DST, SRC, 17, udp(DST, SRC, 33437, 40000, b"pong"))),
        (40000, ip4("192.0.2.77", DST, 17, udp("192.0.2.77", DST, 5353, 5353)))],
        live=True))
    for name, frs in sorted(quote_cuts().items()):
        write(dp, name, packet_input("raw", frs))
        write(dc, name + ".pcap", pcap(101, [(f[0] * 1000, f[1]) + tuple(f[2:]) for f in frs]))
    write(dc, "edge-packets-raw.pcap", pcap(101, [(f[0] * 1000, f[1]) + tuple(f[2:])
                                                  for f in allraw], snaplen=65535))
    # IPv6 frames of each kind (issue 13): fuzz_packet inputs and captures.
    v6raw = []
    for name, spec in sorted(ip6_packets().items()):
        link, frs = spec[0], spec[1]
        write(dp, name, packet_input(link, frs))
        write(dp, name + "-live", packet_input(link, frs, live=True))
        write(dc, name + ".pcap", pcap(LINKTYPE[link], [(f[0] * 1000, f[1]) + tuple(f[2:])
                                                       for f in frs], snaplen=65535))
        if link == "raw":
            v6raw += [(f[0] * 1000, f[1]) + tuple(f[2:]) for f in frs]
    write(dc, "ip6-packets-raw.pcapng", pcapng(101, v6raw))

    # Capture files: formats and blocks.
    tr = [(t * 1000, frame("en10mb", p)) for t, p in trace(**TRACES["udp-bottleneck"])][:12]
    write(dc, "edge-nsec.pcap", pcap(1, tr, nsec=True))
    write(dc, "edge-be.pcap", pcap(1, tr, big=True))
    write(dc, "edge-pcap-2.2.pcap", pcap(1, tr[:3], version=(2, 2)))
    for link in ("sll", "sll2", "raw", "ipv4", "null", "loop"):
        write(dc, "edge-link-%s.pcap" % link,
              pcap(LINKTYPE[link], [(t, frame(link, d[14:])) for t, d in tr[:6]]))
    write(dc, "edge-link-unsupported.pcap", pcap(105, tr[:3]))
    # More probes than the correlator's first index holds (it grows at 512).
    many = []
    for n in range(530):
        pr = ip4(SRC, DST, 17, udp(SRC, DST, 40000, 33434 + n), ttl=1 + n % 30, ident=n)
        many.append((T0 + n * 10**6, pr))
        if n % 10 == 0:
            many.append((T0 + n * 10**6 + 400000, te_for(pr)))
    write(dc, "edge-many-probes.pcap", pcap(101, many))
    write(dc, "edge-snaplen-64.pcap", pcap(1, [(t, d[:64], len(d)) for t, d in tr], snaplen=64))
    ts6 = tr[0][0] // 1000
    write(dc, "edge-pcapng-blocks.pcapng",
          ng_shb(ng_opts(ng_opt(2, b"x86_64"), ng_opt(3, b"Linux"), ng_opt(4, b"gen_seeds.py"))) +
          ng_idb(1, opts=ng_opts(ng_opt(2, b"eth0"), ng_opt(9, b"\x06"), ng_opt(11, b"\0udp"))) +
          ng_nrb() + ng_epb(0, ts6, tr[0][1], opts=ng_opts(ng_opt(2, struct.pack("<I", 1)))) +
          ng_block(0x00000BAD, struct.pack("<I", 32473) + b"custom") +
          ng_spb(tr[1][1]) + ng_epb(0, ts6 + 900, tr[2][1]) + ng_isb(0, ts6 + 1000) +
          ng_block(0x40000BAD, struct.pack("<I", 32473) + b"custom, do not copy") +
          ng_block(0x12345678, b"unknown block type") +
          # A second section, with its own interface.
          ng_shb(b"") + ng_idb(1) + ng_epb(0, ts6 + 2000, tr[3][1]))
    write(dc, "edge-pcapng-two-interfaces.pcapng",
          ng_shb() + ng_idb(1) + ng_idb(1, snaplen=96) + ng_epb(0, ts6, tr[0][1]) +
          ng_epb(1, ts6 + 5, tr[1][1][:96], len(tr[1][1])) + ng_epb(0, ts6 + 9, tr[2][1]))
    write(dc, "edge-pcapng-be.pcapng", pcapng(1, tr[:6], big=True))
    write(dc, "edge-pcapng-tsresol-ns.pcapng", pcapng(1, tr[:6], tsresol=9))
    write(dc, "edge-pcapng-tsresol-2p10.pcapng", pcapng(1, tr[:6], tsresol=0x8a))
    write(dc, "edge-pcapng-tsresol-s.pcapng", pcapng(1, tr[:6], tsresol=0))

    # Malformed capture files.
    good = pcap(1, tr[:3])
    write(dc, "bad-empty", b"")
    write(dc, "bad-pcap-header-only.pcap", good[:24])
    write(dc, "bad-pcap-header-cut.pcap", good[:13])
    write(dc, "bad-pcap-magic", b"\xd4\xc3\xb2\xa2" + good[4:])
    first = 24 + 16 + len(tr[0][1])
    for k in (1, 4, 8, 12, 15):
        write(dc, "bad-pcap-record-header-cut-%02d.pcap" % k, good[:first + k])
    write(dc, "bad-pcap-record-data-cut.pcap", good[:first + 16 + 10])
    write(dc, "bad-pcap-caplen-over-snaplen.pcap",
          pcap(1, [(t, d) for t, d in tr[:3]], snaplen=60))
    write(dc, "bad-pcap-caplen-huge.pcap", pcap(1, [tr[0], (tr[1][0], tr[1][1], 70, 0x7fffffff)]))
    write(dc, "bad-pcap-caplen-over-wirelen.pcap", pcap(1, [(t, d, 40) for t, d in tr[:3]]))
    write(dc, "bad-pcap-snaplen-0.pcap", pcap(1, tr[:3], snaplen=0))
    write(dc, "bad-pcap-version-9.pcap", pcap(1, tr[:2], version=(9, 0)))
    write(dc, "bad-pcapng-shb-only.pcapng", ng_shb())
    write(dc, "bad-pcapng-no-idb.pcapng", ng_shb() + ng_epb(0, ts6, tr[0][1]))
    write(dc, "bad-pcapng-bad-ifid.pcapng", ng_shb() + ng_idb(1) + ng_epb(3, ts6, tr[0][1]))
    blk = ng_epb(0, ts6, tr[0][1])
    write(dc, "bad-pcapng-block-cut.pcapng", ng_shb() + ng_idb(1) + blk[:len(blk) - 9])
    write(dc, "bad-pcapng-length-mismatch.pcapng",
          ng_shb() + ng_idb(1) + blk[:-4] + struct.pack("<I", len(blk) + 4))
    write(dc, "bad-pcapng-length-unaligned.pcapng",
          ng_shb() + ng_idb(1) + blk[:4] + struct.pack("<I", len(blk) - 2) + blk[8:-4] +
          struct.pack("<I", len(blk) - 2))
    write(dc, "bad-pcapng-epb-caplen-over-block.pcapng",
          ng_shb() + ng_idb(1) + ng_epb(0, ts6, tr[0][1], caplen=4000))
    write(dc, "bad-pcapng-mixed-linktypes.pcapng",
          ng_shb() + ng_idb(1) + ng_idb(113) + ng_epb(1, ts6, sll(tr[0][1][14:])))
    write(dc, "bad-pcapng-option-overrun.pcapng",
          ng_shb() + ng_block(1, struct.pack("<HHI", 1, 0, 0) + struct.pack("<HH", 9, 200) + b"\x06\0\0\0") +
          ng_epb(0, ts6, tr[0][1]))


if __name__ == "__main__":
    main()
