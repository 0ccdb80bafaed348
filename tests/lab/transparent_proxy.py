#!/usr/bin/python3
# tests/lab/transparent_proxy.py: an intercepting HTTP proxy for the lab,
# python3 standard library only.  lib.sh's lab_transparent_proxy starts it
# on a router and points an iptables nat REDIRECT at it, so connections the
# client makes to the server's port end here instead: the router
# completes the handshake in the server's name, and may answer in its
# place.  IPv4 only (the original destination comes from SO_ORIGINAL_DST).
#
# usage: transparent_proxy.py [-p PORT] [-t LIFETIME] MODE
#   deny-post  a POST is answered "403 Forbidden" by the proxy itself
#              (after its body has been read); other methods are relayed
#              to the original destination
#   deny       every request is answered 403 by the proxy
#   relay      every connection is relayed untouched
#
# The proxy's own answers carry "Server: lab-proxy" and nothing else that
# names it.  Prints "transparent_proxy: listening on PORT mode MODE" once
# bound, then one line per request: "METHOD PATH from ADDR:PORT to
# ORIG_ADDR:ORIG_PORT -> 403|relayed".  Exits after LIFETIME seconds.

import argparse
import select
import socket
import struct
import sys
import threading
import time

SO_ORIGINAL_DST = 80  # linux/netfilter_ipv4.h
MAX_HEAD = 65536
MAX_BODY = 64 * 1024 * 1024

FORBIDDEN = (b"<html><head><title>403 Forbidden</title></head><body>\r\n"
             b"<h1>403 Forbidden</h1>\r\n"
             b"<p>This request is not allowed.</p>\r\n</body></html>\r\n")


def original_dst(conn):
    raw = conn.getsockopt(socket.SOL_IP, SO_ORIGINAL_DST, 16)
    port, = struct.unpack("!H", raw[2:4])
    return socket.inet_ntoa(raw[4:8]), port


def read_head(conn):
    """The request head (through the blank line) and what followed it."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        if len(buf) > MAX_HEAD:
            return None, b""
        data = conn.recv(4096)
        if not data:
            return None, b""
        buf += data
    i = buf.index(b"\r\n\r\n") + 4
    return buf[:i], buf[i:]


def content_length(head):
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                return min(int(value.strip()), MAX_BODY)
            except ValueError:
                return 0
    return 0


def deny(conn, have, length):
    # Read the whole body first: closing a socket with unread data makes
    # the kernel send a RST, and this proxy answers, it does not reset.
    while have < length:
        data = conn.recv(65536)
        if not data:
            break
        have += len(data)
    conn.sendall(b"HTTP/1.1 403 Forbidden\r\n"
                 b"Server: lab-proxy\r\n"
                 b"Content-Type: text/html\r\n"
                 b"Content-Length: " + str(len(FORBIDDEN)).encode() + b"\r\n"
                 b"Connection: close\r\n\r\n" + FORBIDDEN)
    conn.shutdown(socket.SHUT_WR)
    end = time.monotonic() + 2
    while time.monotonic() < end:
        r, _, _ = select.select([conn], [], [], 0.2)
        if r and not conn.recv(65536):
            break


def relay(conn, dst, first):
    up = socket.create_connection(dst, timeout=5)
    up.sendall(first)
    open_ = {conn: up, up: conn}
    conn.setblocking(False)
    up.setblocking(False)
    idle_until = time.monotonic() + 30
    while open_ and time.monotonic() < idle_until:
        r, _, _ = select.select(list(open_), [], [], 0.2)
        for s in r:
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            peer = open_[s]
            if data:
                peer.setblocking(True)
                peer.sendall(data)
                peer.setblocking(False)
                idle_until = time.monotonic() + 30
            else:
                # Half-close: pass the FIN on and stop reading this side.
                try:
                    peer.shutdown(socket.SHUT_WR)
                except OSError:
                    pass
                del open_[s]
    up.close()


def serve(conn, peer, mode):
    try:
        conn.settimeout(10)
        dst = original_dst(conn)
        head, rest = read_head(conn)
        if head is None:
            return
        line = head.split(b"\r\n", 1)[0].decode("latin-1")
        method, _, path = line.partition(" ")
        path = path.rsplit(" ", 1)[0]
        if mode == "deny" or (mode == "deny-post" and method == "POST"):
            deny(conn, len(rest), content_length(head))
            what = "403"
        else:
            relay(conn, dst, head + rest)
            what = "relayed"
        print("%s %s from %s:%d to %s:%d -> %s" %
              (method, path, peer[0], peer[1], dst[0], dst[1], what),
              flush=True)
    except OSError as e:
        print("connection from %s:%d: %s" % (peer[0], peer[1], e), flush=True)
    finally:
        conn.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-p", type=int, default=3128)
    ap.add_argument("-t", type=float, default=900.0)
    ap.add_argument("mode", choices=["deny-post", "deny", "relay"])
    a = ap.parse_args()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", a.p))
    s.listen(128)
    s.settimeout(0.2)
    print("transparent_proxy: listening on %d mode %s" % (a.p, a.mode),
          flush=True)
    end = time.monotonic() + a.t
    while time.monotonic() < end:
        try:
            conn, peer = s.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn, peer, a.mode),
                         daemon=True).start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
