#!/usr/bin/python3
# tests/lab/fake_dns.py: a deliberately broken (or deliberately simple) DNS
# server for the lab, python3 standard library only.  lib.sh's
# lab_dns_server starts it inside a node; synprobe's DNS check is tested
# against it.
#
# usage: fake_dns.py [-a ADDR] [-p PORT] [-t SECONDS] MODE [NAME=IPV4...]
#   nxdomain   every query answered NXDOMAIN (RCODE 3)
#   servfail   every query answered SERVFAIL (RCODE 2)
#   no-answer  every query answered NOERROR with an empty answer section
#   drop       queries are read and never answered (the client times out)
#   answer     NAME=IPV4 pairs: an A query for NAME gets IPV4 (TTL 60); any
#              other type for NAME gets NOERROR with no answer; any other
#              name gets NXDOMAIN
#
# Message format: RFC 1035 section 4.1 (header, question, resource record).
# UDP only: the answers are small, so no client should need TCP.  Prints
# "fake_dns: listening on ADDR:PORT mode MODE" once bound, then one line per
# query: "query NAME TYPE -> RCODE [ANSWER]".  Exits after -t seconds.
#
# Whatever the mode, a query for READY_NAME is answered NOERROR (and
# logged as "ready-check", not "query"), so that lib.sh can ask this very
# server whether it serves before a test relies on it:
#
#   fake_dns.py --ask ADDR [-p PORT]   exit 0 when the server answers the
#                                      check within 0.5 s, else 1

import argparse
import socket
import struct
import sys
import time

RCODES = {"nxdomain": 3, "servfail": 2, "no-answer": 0}
READY_NAME = "ready.fake-dns.lab.test"
TYPE_NAMES = {1: "A", 28: "AAAA", 5: "CNAME", 15: "MX", 16: "TXT",
              33: "SRV", 65: "HTTPS", 12: "PTR", 2: "NS", 6: "SOA"}


def parse_question(msg):
    """Return (qname, qtype, end offset of the question) or None."""
    if len(msg) < 12:
        return None
    qdcount = struct.unpack("!H", msg[4:6])[0]
    if qdcount != 1:
        return None
    off, labels = 12, []
    while True:
        if off >= len(msg):
            return None
        n = msg[off]
        off += 1
        if n == 0:
            break
        # A question name is never compressed (RFC 1035 4.1.4 allows
        # pointers, but no resolver uses one in the question).
        if n & 0xC0 or off + n > len(msg):
            return None
        labels.append(msg[off:off + n].decode("ascii", "replace"))
        off += n
    if off + 4 > len(msg):
        return None
    qtype, _qclass = struct.unpack("!HH", msg[off:off + 4])
    return ".".join(labels).lower(), qtype, off + 4


def reply(msg, qend, rcode, answers):
    """The query's header and question with QR, RD echoed, RA and RCODE set,
    and the given A records (4-byte addresses) for the question name."""
    qid, flags = struct.unpack("!HH", msg[0:4])
    rd = flags & 0x0100
    opcode = flags & 0x7800
    out_flags = 0x8000 | opcode | 0x0400 | rd | 0x0080 | rcode
    head = struct.pack("!HHHHHH", qid, out_flags, 1, len(answers), 0, 0)
    body = msg[12:qend]
    for addr in answers:
        # Name: pointer to the question name at offset 12.
        body += struct.pack("!HHHIH", 0xC00C, 1, 1, 60, 4) + addr
    return head + body


def ask(addr, port):
    """Send the readiness query to ADDR:PORT; 0 if this server answers it."""
    qid = int(time.monotonic() * 1000) & 0xFFFF
    qname = b"".join(bytes([len(l)]) + l.encode("ascii")
                     for l in READY_NAME.split(".")) + b"\0"
    msg = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + qname + \
        struct.pack("!HH", 1, 1)
    c = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    c.settimeout(0.5)
    try:
        c.sendto(msg, (addr, port))
        while True:
            data, _ = c.recvfrom(4096)
            if len(data) >= 12 and struct.unpack("!H", data[0:2])[0] == qid \
                    and data[2] & 0x80:
                return 0
    except OSError:
        return 1


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "--ask":
        port = 53
        if len(sys.argv) == 5 and sys.argv[3] == "-p":
            port = int(sys.argv[4])
        return ask(sys.argv[2], port)
    ap = argparse.ArgumentParser(description="lab DNS server")
    ap.add_argument("-a", "--address", default="0.0.0.0")
    ap.add_argument("-p", "--port", type=int, default=53)
    ap.add_argument("-t", "--seconds", type=float, default=900)
    ap.add_argument("mode", choices=["nxdomain", "servfail", "no-answer",
                                     "drop", "answer"])
    ap.add_argument("names", nargs="*", help="NAME=IPV4 (mode answer)")
    args = ap.parse_args()

    table = {}
    for pair in args.names:
        name, sep, addr = pair.partition("=")
        if not sep:
            ap.error("expected NAME=IPV4, got %r" % pair)
        try:
            packed = socket.inet_aton(addr)
        except OSError:
            ap.error("bad IPv4 address %r" % addr)
        table.setdefault(name.rstrip(".").lower(), []).append(packed)
    if args.mode == "answer" and not table:
        ap.error("mode answer needs NAME=IPV4 pairs")

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((args.address, args.port))
    s.settimeout(0.2)
    print("fake_dns: listening on %s:%d mode %s" %
          (args.address, args.port, args.mode), flush=True)
    end = time.monotonic() + args.seconds
    while time.monotonic() < end:
        try:
            msg, peer = s.recvfrom(4096)
        except socket.timeout:
            continue
        q = parse_question(msg)
        if q is None:
            print("query from %s: malformed, %d bytes, ignored" %
                  (peer[0], len(msg)), flush=True)
            continue
        name, qtype, qend = q
        tname = TYPE_NAMES.get(qtype, str(qtype))
        if name == READY_NAME:
            s.sendto(reply(msg, qend, 0, []), peer)
            print("ready-check from %s" % peer[0], flush=True)
            continue
        if args.mode == "drop":
            print("query %s %s -> (dropped)" % (name, tname), flush=True)
            continue
        answers = []
        if args.mode == "answer":
            if name not in table:
                rcode = 3
            else:
                rcode = 0
                if qtype == 1:
                    answers = table[name]
        else:
            rcode = RCODES[args.mode]
        s.sendto(reply(msg, qend, rcode, answers), peer)
        print("query %s %s -> rcode %d%s" %
              (name, tname, rcode,
               "".join(" " + socket.inet_ntoa(a) for a in answers)),
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
