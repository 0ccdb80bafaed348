#!/usr/bin/env python3
"""A BitTorrent-like swarm for pcap-triage's host reader (t_triage_host_swarm.sh).

  triage_swarm.py peers PORT INFOHASH ADDR...   in the peers' node: on each
      ADDR, a TCP listener on PORT that answers a peer handshake (BEP 3) with
      its own and then 16 KB of piece data, and a UDP socket on PORT that
      answers a DHT ping (BEP 5) with a response.  Prints "listening on".
  triage_swarm.py leech PORT INFOHASH LPORT ADDR...   in the host's node:
      from UDP port LPORT, a DHT ping to each ADDR (its answer awaited), and
      a TCP connection to each with the handshake, the piece data read.
      Prints "peers N" (those that answered both).

Everything is bounded: every socket has a timeout, the peers stop after
120 s.
"""
import os
import selectors
import socket
import sys
import time


def handshake(infohash):
    return bytes([19]) + b"BitTorrent protocol" + bytes(8) + infohash + b"-FL0001-" + os.urandom(6).hex().encode()


def node_id():
    return os.urandom(20)


def ping(tid):
    return b"d1:ad2:id20:" + node_id() + b"e1:q4:ping1:t2:" + tid + b"1:y1:qe"


def pong(tid):
    return b"d1:rd2:id20:" + node_id() + b"e1:t2:" + tid + b"1:y1:re"


def peers(port, infohash, addrs):
    sel = selectors.DefaultSelector()
    for a in addrs:
        t = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        t.bind((a, port))
        t.listen(8)
        t.setblocking(False)
        sel.register(t, selectors.EVENT_READ, "tcp")
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.bind((a, port))
        u.setblocking(False)
        sel.register(u, selectors.EVENT_READ, "udp")
    print("listening on", port, len(addrs), flush=True)
    end = time.time() + 120
    while time.time() < end:
        for key, _ in sel.select(timeout=1):
            s = key.fileobj
            if key.data == "udp":
                try:
                    m, src = s.recvfrom(1500)
                except OSError:
                    continue
                i = m.find(b"1:t2:")
                if m.startswith(b"d") and i >= 0:
                    s.sendto(pong(m[i + 5:i + 7]), src)
                continue
            try:
                c, _ = s.accept()
            except OSError:
                continue
            c.settimeout(5)
            try:
                got = b""
                while len(got) < 68:
                    b = c.recv(68 - len(got))
                    if not b:
                        break
                    got += b
                if got[:20] == bytes([19]) + b"BitTorrent protocol":
                    c.sendall(handshake(infohash) + b"\x00\x00\x40\x09\x07" + bytes(16384))
            except OSError:
                pass
            finally:
                c.close()


def leech(port, infohash, lport, addrs):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.bind(("0.0.0.0", lport))
    u.settimeout(2)
    ok = 0
    for n, a in enumerate(addrs):
        tid = b"%02d" % (n % 100)
        answered = False
        for _ in range(3):
            u.sendto(ping(tid), (a, port))
            try:
                m, _ = u.recvfrom(1500)
                answered = m.startswith(b"d1:r")
                break
            except socket.timeout:
                continue
        t = socket.create_connection((a, port), timeout=5)
        got = 0
        try:
            t.sendall(handshake(infohash))
            while got < 68 + 5 + 16384:
                b = t.recv(65536)
                if not b:
                    break
                got += len(b)
        finally:
            t.close()
        ok += answered and got >= 68
    print("peers", ok, flush=True)


def main():
    mode, port, infohash = sys.argv[1], int(sys.argv[2]), bytes.fromhex(sys.argv[3])
    if len(infohash) != 20:
        sys.exit("triage_swarm: the info-hash is 20 bytes, 40 hex digits")
    if mode == "peers":
        peers(port, infohash, sys.argv[4:])
    elif mode == "leech":
        leech(port, infohash, int(sys.argv[4]), sys.argv[5:])
    else:
        sys.exit("triage_swarm: unknown mode " + mode)


if __name__ == "__main__":
    main()
