#!/usr/bin/python3
# tests/lab/triage_host_peer.py: the outsiders and the odd clients of the
# host reader's lab tests (tests/lab/t_triage_host_*.sh), python3 standard
# library only.  Every address it is given is the lab's (198.18.0.0/15).
#
#   knock SRC HOST PORT COUNT GAP_MS
#                                  COUNT TCP connects from address SRC to
#                                  HOST:PORT, GAP_MS apart, each given up
#                                  after 1 s (a rogue source that keeps
#                                  trying a port)
#   nbns HOST COUNT GAP_MS         COUNT NetBIOS name queries (RFC 1002
#                                  4.2.12) from UDP port 137 to HOST:137, a
#                                  random name each, waiting for none
#   flood HOST PORT RATE SECS NET  SYNs to HOST:PORT at RATE a second for
#                                  SECS s, each from a random address of
#                                  NET (a.b.0.0/16) and a random port (a
#                                  spoofed SYN flood; raw socket, root)
#   backscatter HOST RATE SECS NET SYN-ACKs and resets to HOST from random
#                                  addresses of NET and ports, at RATE a
#                                  second for SECS s: the answers servers
#                                  send to SYNs that carried HOST's address
#   ntp HOST COUNT GAP_MS          COUNT NTP client requests (RFC 5905, mode
#                                  3) to HOST:123, each from a fresh port,
#                                  each waiting GAP_MS for an answer; prints
#                                  "answered N" too
#   ntpd SECS                      an NTP server on UDP 123 for SECS s: it
#                                  answers each request (mode 4), and
#                                  prints "ready" once bound
# Prints "sent N" at the end.
import random
import socket
import struct
import sys
import time


def knock(src, host, port, count, gap):
    n = 0
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(1.0)
        try:
            s.bind((src, 0))
            s.connect((host, port))
        except OSError:
            pass
        finally:
            s.close()
        n += 1
        time.sleep(gap)
    return n


def nb_name(name, suffix):
    # RFC 1001 14.1: first-level encoding, each half-byte as 'A' + value.
    raw = name.upper().ljust(15)[:15].encode() + bytes([suffix])
    enc = b"".join(bytes([0x41 + (b >> 4), 0x41 + (b & 15)]) for b in raw)
    return bytes([32]) + enc + b"\x00"


def nbns(host, count, gap):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 137))
    for _ in range(count):
        name = "LAB%05d" % random.randint(0, 99999)
        tid = random.randint(0, 65535)
        # header: id, flags (RD), 1 question; the question: NB, IN
        q = struct.pack("!HHHHHH", tid, 0x0100, 1, 0, 0, 0) + nb_name(name, 0x20) + \
            struct.pack("!HH", 0x20, 1)
        s.sendto(q, (host, 137))
        time.sleep(gap)
    return count


def csum(b):
    if len(b) % 2:
        b += b"\x00"
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return ~t & 0xffff


def segment(src, dst, sport, dport, flags, seq, ack):
    # RFC 9293 3.1: a 20-byte header, no options; RFC 791: a 20-byte header.
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 29200, 0, 0)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 6, len(tcp))
    tcp = tcp[:16] + struct.pack("!H", csum(pseudo + tcp)) + tcp[18:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp), random.randint(0, 65535), 0,
                     random.choice((52, 57, 115, 240)), 6, 0, socket.inet_aton(src),
                     socket.inet_aton(dst))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    return ip + tcp


def raw_loop(host, rate, secs, net, make):
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    a, b = net.split(".")[:2]
    n = 0
    start = time.monotonic()
    while True:
        now = time.monotonic() - start
        if now >= secs:
            break
        due = int(now * rate) + 1
        while n < due:
            src = "%s.%s.%d.%d" % (a, b, random.randint(0, 255), random.randint(1, 254))
            s.sendto(make(src), (host, 0))
            n += 1
        time.sleep(0.002)
    return n

def ntp(host, count, gap):
    answered = 0
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(gap)
        # LI 0, version 4, mode 3 (client); the transmit timestamp as a nonce
        q = bytes([0x23]) + bytes(39) + struct.pack("!Q", random.getrandbits(64))
        s.sendto(q, (host, 123))
        try:
            if s.recv(512):
                answered += 1
        except OSError:
            pass
        s.close()
    print("answered", answered, flush=True)
    return count


def ntpd(secs):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("0.0.0.0", 123))
    s.settimeout(0.5)
    print("ready", flush=True)
    end, n = time.monotonic() + secs, 0
    while time.monotonic() < end:
        try:
            q, peer = s.recvfrom(512)
        except OSError:
            continue
        if len(q) < 48:
            continue
        # LI 0, version 4, mode 4 (server), stratum 2; the client's nonce as origin
        a = bytes([0x24, 2, 6, 0xe9]) + bytes(20) + q[40:48] + bytes(16)
        s.sendto(a, peer)
        n += 1
    return n


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "knock":
        n = knock(args[0], args[1], int(args[2]), int(args[3]), int(args[4]) / 1000)
    elif mode == "nbns":
        n = nbns(args[0], int(args[1]), int(args[2]) / 1000)
    elif mode == "ntp":
        n = ntp(args[0], int(args[1]), int(args[2]) / 1000)
    elif mode == "ntpd":
        n = ntpd(float(args[0]))
    elif mode == "flood":
        host, port = args[0], int(args[1])
        n = raw_loop(host, float(args[2]), float(args[3]), args[4],
                     lambda src: segment(src, host, random.randint(1024, 65535), port, 0x02,
                                         random.getrandbits(32), 0))
    elif mode == "backscatter":
        host = args[0]
        n = raw_loop(host, float(args[1]), float(args[2]), args[3],
                     lambda src: segment(src, host, random.choice((80, 443, 25, 53, 8080)),
                                         random.randint(1024, 65535),
                                         random.choice((0x12, 0x12, 0x04, 0x14)),
                                         random.getrandbits(32), random.getrandbits(32)))
    else:
        sys.exit("triage_host_peer: unknown mode " + mode)
    print("sent", n, flush=True)


if __name__ == "__main__":
    main()
