#!/usr/bin/env python3
"""Writes tests/corpus/: small hostile and odd captures for TESTLIST.

Every file is made from the repository's own fixtures (tests/fixtures/)
or from nothing, so the corpus carries no third-party capture.  The
output is deterministic: run it again and git sees no change.  The files
are committed, so `make check` needs no python; run this only to add a
case (then add its lines to TESTLIST).

    python3 tests/corpus/make.py
"""

import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIX = os.path.join(ROOT, "tests", "fixtures")

# Link types (https://www.tcpdump.org/linktypes.html).
LT_NULL, LT_EN10MB, LT_PPP, LT_RAW, LT_C_HDLC = 0, 1, 9, 101, 104
LT_LOOP, LT_SLL, LT_SLL2, LT_USER0 = 108, 113, 276, 147


def read_pcap(path):
    """(linktype, [(ts_ns, orig_len, data)]) of a classic pcap file."""
    with open(path, "rb") as f:
        d = f.read()
    magic = d[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        raise ValueError(path + ": not a pcap file")
    nsec = magic in (b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d")
    linktype = struct.unpack(e + "I", d[20:24])[0] & 0x0FFFFFFF
    frames, off = [], 24
    while off + 16 <= len(d):
        sec, frac, incl, orig = struct.unpack(e + "IIII", d[off:off + 16])
        data = d[off + 16:off + 16 + incl]
        frames.append((sec * 10**9 + (frac if nsec else frac * 1000), orig, data))
        off += 16 + incl
    return linktype, frames


def pcap_bytes(linktype, frames, snaplen=262144, raw_frac=None):
    """A nanosecond pcap file.  raw_frac(i, frac) may rewrite a record's
    fraction field as written (for out-of-range nanoseconds)."""
    out = [struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, snaplen, linktype)]
    for i, (ts, orig, data) in enumerate(frames):
        sec, frac = divmod(ts, 10**9)
        if raw_frac is not None:
            frac = raw_frac(i, frac)
        out.append(struct.pack("<IIII", sec, frac, len(data), orig) + data)
    return b"".join(out)


def block(e, btype, body):
    """A pcapng block: type, total length, body padded to 32 bits, length."""
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack(e + "II", btype, n) + body + struct.pack(e + "I", n)


def shb(e):
    return block(e, 0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1))


def idb(e, linktype, snaplen=262144):
    # if_tsresol (9) = 9: nanoseconds, then opt_endofopt.
    opts = struct.pack(e + "HHB", 9, 1, 9) + b"\0\0\0" + struct.pack(e + "HH", 0, 0)
    return block(e, 1, struct.pack(e + "HHI", linktype, 0, snaplen) + opts)


def epb(e, ifid, ts, orig, data):
    body = struct.pack(e + "IIIII", ifid, ts >> 32, ts & 0xFFFFFFFF, len(data), orig)
    return block(e, 6, body + data)


def pcapng_bytes(linktype, frames, e="<", snaplen=262144):
    return shb(e) + idb(e, linktype, snaplen) + b"".join(
        epb(e, 0, ts, orig, data) for ts, orig, data in frames)


# What is above IP in each base capture: Ethernet or Linux cooked v1.
def ip_frames(linktype, frames):
    """(ts, orig_len, ip packet, outgoing) for every IPv4 frame."""
    out, first_src = [], None
    for ts, orig, data in frames:
        if linktype == LT_EN10MB:
            hl, etype, outgoing = 14, data[12:14], None
            if first_src is None:
                first_src = data[6:12]
            outgoing = data[6:12] == first_src
        elif linktype == LT_SLL:
            hl, etype = 16, data[14:16]
            outgoing = data[0:2] == b"\0\x04"
        else:
            raise ValueError("base capture of link type %d" % linktype)
        if etype == b"\x08\x00":
            out.append((ts, orig - hl, data[hl:], outgoing))
    return out


MAC_A, MAC_B = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")


def eth(outgoing, etype):
    return (MAC_B + MAC_A if outgoing else MAC_A + MAC_B) + etype


# Each link type: (linktype, header maker).  The header is what goes in
# front of the IPv4 packet.
LINKS = {
    "ppp": (LT_PPP, lambda o, n: b"\xff\x03\x00\x21"),
    "chdlc": (LT_C_HDLC, lambda o, n: b"\x0f\x00\x08\x00"),
    # RFC 2516: ver/type 0x11, code 0 (session data), session 0x1234,
    # length of the PPP payload with its protocol field; then PPP's IPv4.
    "pppoe": (LT_EN10MB, lambda o, n: eth(o, b"\x88\x64") +
              struct.pack(">BBHH", 0x11, 0, 0x1234, n + 2) + b"\x00\x21"),
    # RFC 3032: label 16, bottom of stack, TTL 64.
    "mpls": (LT_EN10MB, lambda o, n: eth(o, b"\x88\x47") +
             struct.pack(">I", (16 << 12) | (1 << 8) | 64)),
    "sll": (LT_SLL, lambda o, n: struct.pack(">HHH", 4 if o else 0, 1, 6) +
            MAC_A + b"\0\0" + b"\x08\x00"),
    "sll2": (LT_SLL2, lambda o, n: b"\x08\x00\0\0" + struct.pack(">IHBB", 2, 1, 4 if o else 0, 6) +
             MAC_A + b"\0\0"),
    "raw": (LT_RAW, lambda o, n: b""),
    # DLT_NULL: AF_INET in the capturing host's order (little-endian
    # here); DLT_LOOP: in network order.
    "null": (LT_NULL, lambda o, n: struct.pack("<I", 2)),
    "loop": (LT_LOOP, lambda o, n: struct.pack(">I", 2)),
    # A link type none of the commands reads, with Ethernet inside.
    "user0": (LT_USER0, lambda o, n: eth(o, b"\x08\x00")),
}


def relink(name, ipf):
    lt, hdr = LINKS[name]
    frames = []
    for ts, orig, pkt, outgoing in ipf:
        h = hdr(outgoing, len(pkt))
        frames.append((ts, orig + len(h), h + pkt))
    return lt, frames


def main():
    files = {}
    trace_lt, trace = read_pcap(os.path.join(FIX, "ptrace", "clean.pcap"))
    queue_lt, queue = read_pcap(os.path.join(FIX, "ptrace", "queue.pcap"))
    http_lt, http = read_pcap(os.path.join(FIX, "postprobe", "ok.pcap"))
    syn_lt, syn = read_pcap(os.path.join(FIX, "synprobe", "refused.pcap"))

    trace_b = pcap_bytes(trace_lt, trace)
    http_b = pcap_bytes(http_lt, http)
    files["trace.pcap"] = trace_b
    files["http.pcap"] = http_b
    files["syn-refused.pcap"] = pcap_bytes(syn_lt, syn)

    # Truncations: inside the file header, just the header, inside the
    # first record's header, inside its data, in the middle, the last byte.
    rec0 = 24 + 16 + len(trace[0][2])
    files["empty.pcap"] = b""
    files["trunc-filehdr.pcap"] = trace_b[:12]
    files["header-only.pcap"] = trace_b[:24]
    files["trunc-rechdr.pcap"] = trace_b[:24 + 10]
    files["trunc-frame1.pcap"] = trace_b[:24 + 16 + 20]
    files["trunc-frame2.pcap"] = trace_b[:rec0 + 16 + 7]
    files["trunc-half.pcap"] = trace_b[:len(trace_b) // 2]
    files["trunc-lastbyte.pcap"] = trace_b[:-1]
    files["http-trunc-half.pcap"] = http_b[:len(http_b) // 2]
    files["http-trunc-lastbyte.pcap"] = http_b[:-1]

    # Capture defects, each a reading of its own (issue 16, findings 3
    # and 4): every frame twice; timestamps all equal, going backwards,
    # nanoseconds of 1e9 or more.
    files["dup-trace.pcap"] = pcap_bytes(trace_lt, [f for f in trace for _ in (0, 1)])
    t0 = queue[0][0]
    tn = queue[-1][0]
    files["ts-equal.pcap"] = pcap_bytes(queue_lt, [(t0, o, d) for _, o, d in queue])
    files["ts-backwards.pcap"] = pcap_bytes(queue_lt, [(t0 + tn - t, o, d) for t, o, d in queue])
    files["ts-nsec-overflow.pcap"] = pcap_bytes(queue_lt, queue,
                                                raw_frac=lambda i, frac: 10**9 + frac % 10**9)

    # Link types: the same traceroute and HTTP exchange over each.
    ipt, iph = ip_frames(trace_lt, trace), ip_frames(http_lt, http)
    for name in LINKS:
        files["link-%s-trace.pcap" % name] = pcap_bytes(*relink(name, ipt))
        files["link-%s-http.pcap" % name] = pcap_bytes(*relink(name, iph))

    # A snaplen of 0 in the file header (libpcap takes it for "no limit").
    files["snaplen0.pcap"] = pcap_bytes(trace_lt, trace, snaplen=0)

    # pcapng (draft-ietf-opsawg-pcapng).
    ng = pcapng_bytes(trace_lt, trace)
    files["trace.pcapng"] = ng
    files["ng-bigendian.pcapng"] = pcapng_bytes(trace_lt, trace, e=">")
    files["ng-snaplen0.pcapng"] = pcapng_bytes(trace_lt, trace, snaplen=0)
    files["ng-trunc-half.pcapng"] = ng[:len(ng) // 2]
    files["ng-shb-only.pcapng"] = shb("<")
    # Packets, but no interface they were captured on.
    files["ng-no-idb.pcapng"] = shb("<") + b"".join(epb("<", 0, t, o, d) for t, o, d in trace)
    # Two interfaces of different link types: Ethernet and raw IP,
    # frames alternating between them.
    two = [shb("<"), idb("<", LT_EN10MB), idb("<", LT_RAW)]
    for i, (t, o, d) in enumerate(trace):
        if i % 2 and d[12:14] == b"\x08\x00":
            two.append(epb("<", 1, t, o - 14, d[14:]))
        else:
            two.append(epb("<", 0, t, o, d))
    files["ng-two-idb.pcapng"] = b"".join(two)
    # A block length that is not a multiple of 4, in the middle; one
    # shorter than a block can be, first after the interface; one far
    # beyond the file.
    head = shb("<") + idb("<", trace_lt)
    epbs = [epb("<", 0, t, o, d) for t, o, d in trace]
    mid = len(epbs) // 2
    bad = bytearray(epbs[mid])
    bad[4:8] = struct.pack("<I", len(bad) - 1)
    files["ng-badlen-odd.pcapng"] = head + b"".join(epbs[:mid]) + bytes(bad) + b"".join(epbs[mid + 1:])
    bad = bytearray(epbs[0])
    bad[4:8] = struct.pack("<I", 8)
    files["ng-badlen-short.pcapng"] = head + bytes(bad) + b"".join(epbs[1:])
    bad = bytearray(epbs[mid])
    bad[4:8] = struct.pack("<I", 0x7FFFFFF0)
    files["ng-badlen-huge.pcapng"] = head + b"".join(epbs[:mid]) + bytes(bad) + b"".join(epbs[mid + 1:])
    # A second section whose header is in the other byte order: half
    # the frames little-endian, the rest big-endian.
    files["ng-shb-swapped.pcapng"] = (
        pcapng_bytes(trace_lt, trace[:mid]) + pcapng_bytes(trace_lt, trace[mid:], e=">"))

    # Not captures at all.
    files["not-a-capture.txt"] = (
        b"This is not a capture file.\nIt has two lines of text, and a pcap magic number\n"
        b"\xd4\xc3\xb2\xa1 only in the middle.\n")
    files["magic-only.pcap"] = trace_b[:4]
    with open(os.path.join(FIX, "ptrace", "clean.json"), "rb") as f:
        result = f.read()
    files["result-trunc.json"] = result[:len(result) // 2]

    for name, data in sorted(files.items()):
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    print("%d files in %s" % (len(files), os.path.relpath(HERE, ROOT)))


if __name__ == "__main__":
    main()
