#!/usr/bin/python3
# tests/lab/triage_peer.py: the ends of the conversations pcap-triage's lab
# tests capture (tests/lab/t_triage_*.sh), python3 standard library only.
#
# Servers (listen on every address, PORT; exit after -t seconds):
#   serve PORT BYTES [DELAY]  an HTTP server: each request is answered, after
#                             DELAY s, by "200 OK" with BYTES of body
#   noread PORT [BYTES]       accepts, with a small receive buffer, reads
#                             BYTES (default 0) and then stops reading: the
#                             sender meets a zero window
#   sink PORT                 accepts and reads everything
#   smtp PORT                 enough SMTP to take one mail (220, 250, 354, 221)
# Clients:
#   slow HOST PORT WAIT PATH  connects, waits WAIT s, then GETs PATH
#   push HOST PORT SECS MS    sends 500 bytes every MS ms for SECS s
#   blast HOST PORT SECS      sends as fast as it can for SECS s
#   udp HOST PORT COUNT       COUNT datagrams, 300 ms apart, waiting for none
#   mail HOST PORT            one mail through the smtp server above
#   get HOST PORT PATH RCVBUF GETs PATH with a receive buffer of RCVBUF
#                             bytes, reading all of the answer
#
# Servers print "listening on PORT" once bound.  They listen on IPv4 and
# IPv6 at once; a client's HOST with a colon is an IPv6 address.
import socket
import sys
import threading
import time


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def listener(port, rcvbuf=0):
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind(("::", port))
    s.listen(64)
    print("listening on", port, flush=True)
    return s


def read_head(c):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = c.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def serve_one(c, nbytes, delay):
    try:
        read_head(c)
        time.sleep(delay)
        body = b"x" * nbytes
        c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                  % nbytes + body)
    except OSError:
        pass
    finally:
        c.close()


def read_then_stop(c, want):
    got = 0
    try:
        while got < want:
            chunk = c.recv(min(4096, want - got))
            if not chunk:
                break
            got += len(chunk)
    except OSError:
        pass


def smtp_one(c):
    f = c.makefile("rwb", buffering=0)
    try:
        f.write(b"220 mail.lab.test ESMTP\r\n")
        in_data = False
        for line in f:
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    f.write(b"250 2.0.0 queued\r\n")
                continue
            cmd = line[:4].upper()
            if cmd in (b"EHLO", b"HELO"):
                f.write(b"250-mail.lab.test\r\n250 OK\r\n")
            elif cmd == b"DATA":
                in_data = True
                f.write(b"354 go on\r\n")
            elif cmd == b"QUIT":
                f.write(b"221 bye\r\n")
                break
            else:
                f.write(b"250 OK\r\n")
    except OSError:
        pass
    finally:
        c.close()


def server(mode, args, end):
    port = int(args[0])
    s = listener(port, 2048 if mode == "noread" else 0)
    s.settimeout(0.2)
    held = []
    while time.monotonic() < end:
        try:
            c, _ = s.accept()
        except socket.timeout:
            continue
        if mode == "serve":
            delay = float(args[2]) if len(args) > 2 else 0.0
            threading.Thread(target=serve_one, args=(c, int(args[1]), delay),
                             daemon=True).start()
        elif mode == "noread":
            held.append(c)
            want = int(args[1]) if len(args) > 1 else 0
            if want:
                threading.Thread(target=read_then_stop, args=(c, want), daemon=True).start()
        elif mode == "sink":
            threading.Thread(target=lambda k: [None for _ in iter(lambda: k.recv(65536), b"")],
                             args=(c,), daemon=True).start()
        elif mode == "smtp":
            threading.Thread(target=smtp_one, args=(c,), daemon=True).start()


def connect(host, port, rcvbuf=0):
    c = socket.socket(family(host), socket.SOCK_STREAM)
    if rcvbuf:
        # Before connect(), so the handshake's window scale follows it.
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    c.settimeout(10)
    c.connect((host, int(port)))
    return c


def client(mode, args):
    host, port = args[0], args[1]
    # RFC 3986 3.2.2: an IPv6 literal goes in brackets in the Host header.
    hosthdr = "[%s]" % host if ":" in host else host
    if mode == "udp":
        u = socket.socket(family(host), socket.SOCK_DGRAM)
        for _ in range(int(args[2])):
            try:
                u.sendto(b"triage probe\n", (host, int(port)))
            except OSError:
                pass
            time.sleep(0.3)
        return
    c = connect(host, port, int(args[3]) if mode == "get" else 0)
    if mode == "get":
        c.sendall(b"GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                  % (args[2].encode(), hosthdr.encode()))
        while c.recv(65536):
            pass
    elif mode == "slow":
        time.sleep(float(args[2]))
        c.sendall(b"GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                  % (args[3].encode(), hosthdr.encode()))
        while c.recv(65536):
            pass
    elif mode in ("push", "blast"):
        end = time.monotonic() + float(args[2])
        chunk = b"p" * (500 if mode == "push" else 65536)
        # Never blocked past SECS: once a vanished peer's data fills the
        # send buffer, a blocking send would wait for ever.
        c.settimeout(0.2 if mode == "push" else 0)
        while time.monotonic() < end:
            try:
                c.send(chunk)
            except (BlockingIOError, socket.timeout):
                if mode == "blast":
                    time.sleep(0.01)
            except OSError:
                break
            if mode == "push":
                time.sleep(float(args[3]) / 1000)
        # Leave without a FIN or a reset: the test ends the capture first.
        time.sleep(0.5)
        return
    elif mode == "mail":
        f = c.makefile("rwb", buffering=0)
        f.readline()
        for cmd in (b"EHLO c.lab.test", b"MAIL FROM:<a@lab.test>", b"RCPT TO:<b@lab.test>",
                    b"DATA"):
            f.write(cmd + b"\r\n")
            line = f.readline()
            while line[3:4] == b"-":
                line = f.readline()
        f.write(b"Subject: triage\r\n\r\nhello\r\n.\r\n")
        f.readline()
        f.write(b"QUIT\r\n")
        f.readline()
    c.close()


def main():
    argv = sys.argv[1:]
    secs = 120.0
    if len(argv) >= 2 and argv[0] == "-t":
        secs = float(argv[1])
        argv = argv[2:]
    mode, args = argv[0], argv[1:]
    if mode in ("serve", "noread", "sink", "smtp"):
        server(mode, args, time.monotonic() + secs)
    else:
        client(mode, args)


if __name__ == "__main__":
    main()
