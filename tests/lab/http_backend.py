#!/usr/bin/python3
# tests/lab/http_backend.py: a slow HTTP/1.x origin for the lab, python3
# standard library only.  lib.sh's lab_backend_sleep starts it on the
# loopback address of a node, behind nginx (proxy_pass), so the client
# talks to a real nginx whose upstream takes SECONDS to answer: the
# "slow server" the postprobe tests look for.
#
# usage: http_backend.py [-a ADDR] [-p PORT] [-d SECONDS] [-t LIFETIME]
#
# Every request (any method) is read in full (the body by Content-Length),
# then the backend sleeps SECONDS and answers 200 with a one-line text body
# "slept S s, received N bytes".  One line per request is printed:
# "request METHOD PATH body N bytes slept S s".  Prints
# "http_backend: listening on ADDR:PORT delay S s" once bound and exits
# after LIFETIME seconds.

import argparse
import http.server
import socketserver
import sys
import threading
import time


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "lab-backend/1"
    sys_version = ""

    def answer(self):
        n = int(self.headers.get("Content-Length") or 0)
        # Read the whole body before answering, as an application would;
        # a short read means the client gave up.
        got = len(self.rfile.read(n)) if n > 0 else 0
        time.sleep(self.server.delay)
        body = ("slept %.1f s, received %d bytes\n" % (self.server.delay,
                                                      got)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        print("request %s %s body %d bytes slept %.1f s" %
              (self.command, self.path, got, self.server.delay), flush=True)

    do_GET = do_POST = do_PUT = do_HEAD = do_DELETE = answer

    def log_message(self, fmt, *args):
        pass


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-a", default="127.0.0.1")
    ap.add_argument("-p", type=int, default=8081)
    ap.add_argument("-d", type=float, default=0.0)
    ap.add_argument("-t", type=float, default=900.0)
    a = ap.parse_args()
    srv = Server((a.a, a.p), Handler)
    srv.delay = a.d
    # Bounded life even if nobody stops it.
    t = threading.Timer(a.t, srv.shutdown)
    t.daemon = True
    t.start()
    print("http_backend: listening on %s:%d delay %.1f s" % (a.a, a.p, a.d),
          flush=True)
    srv.serve_forever(poll_interval=0.2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
