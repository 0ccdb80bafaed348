#!/usr/bin/python3
# tests/bench/triage_mix.py: mixed client traffic for bench_triage.sh,
# python3 standard library only.
#
#   triage_mix.py HOST HTTP_PORT DNS_SERVER SECONDS WORKERS NAME...
#
# Until SECONDS have passed (or it is killed):
#   WORKERS threads, each fetching one of /s.bin, /m.bin, /l.bin (chosen
#     3:2:1 by a fixed-seed generator) from HOST:HTTP_PORT over a new
#     connection per request ("Connection: close"), reading the answer;
#   one thread asking DNS_SERVER for the NAMEs in turn, A and AAAA,
#     about 200 queries a second, each waited for up to 0.5 s.
# Prints "requests N bytes N queries N answered N" at the end.
import random
import socket
import struct
import sys
import threading
import time

host, port, dns, secs, workers = (sys.argv[1], int(sys.argv[2]), sys.argv[3],
                                  float(sys.argv[4]), int(sys.argv[5]))
names = sys.argv[6:] or ["www.lab.test"]
stop = time.monotonic() + secs
lock = threading.Lock()
tally = {"requests": 0, "bytes": 0, "queries": 0, "answered": 0}


def add(key, n):
    with lock:
        tally[key] += n


def fetch(seed):
    rnd = random.Random(seed)
    paths = ["/s.bin"] * 3 + ["/m.bin"] * 2 + ["/l.bin"]
    while time.monotonic() < stop:
        path = rnd.choice(paths)
        try:
            c = socket.create_connection((host, port), timeout=5)
            c.sendall(b"GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
                      % (path.encode(), host.encode()))
            n = 0
            while True:
                b = c.recv(65536)
                if not b:
                    break
                n += len(b)
            c.close()
            add("requests", 1)
            add("bytes", n)
        except OSError:
            time.sleep(0.01)


def query(qid, name, qtype):
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\x00" + struct.pack("!HH", qtype, 1)


def resolve():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.settimeout(0.5)
    qid = 0
    while time.monotonic() < stop:
        for name in names:
            for qtype in (1, 28):
                qid = (qid + 1) & 0xFFFF
                try:
                    s.sendto(query(qid, name, qtype), (dns, 53))
                    add("queries", 1)
                    s.recvfrom(4096)
                    add("answered", 1)
                except OSError:
                    pass
                time.sleep(0.005)


threads = [threading.Thread(target=fetch, args=(i,), daemon=True) for i in range(workers)]
threads.append(threading.Thread(target=resolve, daemon=True))
for t in threads:
    t.start()
try:
    for t in threads:
        t.join()
except KeyboardInterrupt:
    pass
print("requests %(requests)d bytes %(bytes)d queries %(queries)d answered %(answered)d"
      % tally, flush=True)
