#!/usr/bin/env python3
"""Writes the seeds of fuzz_http (tests/fuzz/corpus/fuzz_http/).

The input format is described at the top of fuzz_http.c: a 9-byte header
(caps and ISNs), then segments of one connection, each a 6-byte header
and its payload.  Valid exchanges (the book's failing POST and Google
GET, read from ../shared/captures, and hand-written ones), edge cases of
reassembly and of HTTP framing, and malformed messages.  Files named
regress-* are kept by hand and never rewritten.

    tests/fuzz/gen_http_seeds.py [--captures ../shared/captures]
"""
import argparse
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus', 'fuzz_http')

FLAG_BITS = {'F': 2, 'S': 4, 'R': 8, 'A': 16, 'P': 32}
CAPS = {'4M': 0, '16': 1, '300': 2, '4096': 3}


def header(cap='4M', memlim=False, handshake=False, ex=0, isn_c=1000, isn_s=5000):
    b0 = CAPS[cap] | (4 if memlim else 0) | (8 if handshake else 0) | ((ex & 15) << 4)
    return bytes([b0]) + struct.pack('>II', isn_c & 0xffffffff, isn_s & 0xffffffff)


def seg(d, flags='', data=b'', delta=0, cut=None, absolute=False):
    """d: 0 client to server, 1 back.  delta: from where the direction's
    last segment ended, or (absolute) from ISN + 1."""
    h = d
    for f in flags:
        h |= FLAG_BITS[f]
    if cut is not None:
        h |= 64
    if absolute:
        h |= 128
    return bytes([h]) + struct.pack('>hHB', delta, len(data), cut or 0) + data


def exchange(req, rsp, split=0, fin=True, **hdr):
    """A handshake, the request, the response (in pieces of split bytes), FINs."""
    out = header(handshake=True, **hdr) + seg(0, 'PA', req)
    pieces = [rsp[i:i + split] for i in range(0, len(rsp), split)] if split else [rsp]
    for p in pieces:
        out += seg(1, 'A', p)
    if fin:
        out += seg(0, 'FA') + seg(1, 'FA', delta=0)
    return out


# --- the book's captures, read with nothing but the standard library ---

def pcap_frames(data):
    magic = struct.unpack('<I', data[:4])[0]
    if magic == 0xa1b2c3d4:
        e = '<'
    elif magic == 0xd4c3b2a1:
        e = '>'
    else:
        yield from pcapng_frames(data)
        return
    off = 24
    while off + 16 <= len(data):
        _, _, caplen, _ = struct.unpack(e + 'IIII', data[off:off + 16])
        yield data[off + 16:off + 16 + caplen]
        off += 16 + caplen


def pcapng_frames(data):
    off = 0
    while off + 12 <= len(data):
        btype, blen = struct.unpack('<II', data[off:off + 8])
        if blen < 12:
            return
        if btype == 6:
            caplen = struct.unpack('<I', data[off + 20:off + 24])[0]
            yield data[off + 28:off + 28 + caplen]
        off += blen


def tcp_segments(frames):
    """(src, sport, dst, dport, seq, ack, flags, payload) of Ethernet/IPv4/TCP frames."""
    for f in frames:
        if len(f) < 14 + 20 or f[12:14] != b'\x08\x00':
            continue
        ip = f[14:]
        ihl = (ip[0] & 15) * 4
        tot = struct.unpack('>H', ip[2:4])[0]
        if ip[9] != 6 or len(ip) < ihl + 20:
            continue
        tcp = ip[ihl:tot]
        sport, dport, seq, ack, off_flags = struct.unpack('>HHIIH', tcp[:14])
        doff = (off_flags >> 12) * 4
        yield (ip[12:16], sport, ip[16:20], dport, seq, ack, off_flags & 0x3f, tcp[doff:])


def book_seed(path, cport, with_syn=True):
    """One connection of a capture, every segment at its own sequence number."""
    with open(path, 'rb') as fh:
        segs = [s for s in tcp_segments(pcap_frames(fh.read())) if cport in (s[1], s[3])]
    isn = [None, None]
    for s in segs:
        d = 0 if s[1] == cport else 1
        if s[6] & 2:
            isn[d] = s[4]
            if s[6] & 0x10:
                isn[1 - d] = s[5] - 1
    out = header(isn_c=isn[0], isn_s=isn[1])
    for s in segs:
        d = 0 if s[1] == cport else 1
        if not with_syn and (s[6] & 2) and not (s[6] & 0x10):
            continue
        flags = ''.join(c for c, b in (('F', 1), ('S', 2), ('R', 4), ('P', 8), ('A', 16)) if s[6] & b)
        if s[6] & 2:
            delta = (s[4] - isn[d]) & 0xffffffff
        else:
            delta = (s[4] - isn[d] - 1) & 0xffffffff
        if delta >= 0x8000:
            delta -= 0x100000000
        out += seg(d, flags, s[7], delta=delta, absolute=True)
    return out


GET = b'GET / HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: faultline\r\n\r\n'
OK = b'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello'
POST = (b'POST /flashmail.asp HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n'
        b'Content-Length: 11\r\nHost: www.discoverconsoles.com\r\n\r\nvalidate=on')
FORBIDDEN = (b'HTTP/1.1 403 Forbidden\r\nContent-Length: 16\r\nContent-Type: text/html\r\n'
             b'Server: Microsoft-IIS/6.0\r\n\r\n<html>403</html>')
CHUNKED = (b'HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n'
           b'5;name=value\r\nhello\r\n1A\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\nX-Trailer: 1\r\n\r\n')
TLS_HELLO = bytes.fromhex('16030100a5010000a103035b909d9b720bbc0cbc2b92a84897cfbd3904cc160a8503909f770433'
                          'd4de000020c02bc02fc02cc030cca9cca8c013c014009c009d002f0035c012000a0100005800'
                          '00001800160000136578616d706c652e756c666865696d2e6e6574')


def seeds(captures):
    s = {}
    # Valid exchanges.
    s['valid-get-200'] = exchange(GET, OK)
    s['valid-get-200-split'] = exchange(GET, OK, split=7)
    s['valid-post-403'] = exchange(POST, FORBIDDEN, split=40)
    s['valid-chunked'] = exchange(GET, CHUNKED, split=16)
    s['valid-pipelined'] = (header(handshake=True) +
                            seg(0, 'PA', GET + POST[:60]) + seg(0, 'PA', POST[60:] + b'HEAD / HTTP/1.1\r\n\r\n') +
                            seg(1, 'A', OK + b'HTTP/1.1 100 Continue\r\n\r\n') + seg(1, 'A', FORBIDDEN) +
                            seg(1, 'A', b'HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n'))
    s['valid-close-delimited'] = exchange(b'GET / HTTP/1.0\r\n\r\n', b'HTTP/1.0 200 OK\r\n\r\n<html>bye</html>')
    s['valid-204-304'] = exchange(GET + GET, b'HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n'
                                  b'HTTP/1.1 304 Not Modified\r\n\r\n')
    s['valid-connect'] = exchange(b'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n' + TLS_HELLO,
                                  b'HTTP/1.1 200 Connection established\r\n\r\n\x16\x03\x03\x00\x10')
    s['valid-lf-only'] = exchange(b'GET / HTTP/1.1\nHost: a\n\n', b'HTTP/1.1 200 OK\nContent-Length: 2\n\nhi')
    # Reassembly edges.
    s['edge-reversed'] = (header(handshake=True) + seg(0, 'PA', GET[40:], delta=40) +
                          seg(0, 'PA', GET[20:40], delta=-len(GET) + 20) +
                          seg(0, 'PA', GET[:20], delta=-40) + seg(1, 'A', OK))
    s['edge-duplicates'] = (header(handshake=True) + seg(0, 'PA', GET) + seg(0, 'PA', GET, delta=-len(GET)) +
                            seg(1, 'A', OK[:30]) + seg(1, 'A', OK[:30], delta=-30) + seg(1, 'A', OK[30:]))
    s['edge-overlap-conflict'] = (header(handshake=True) + seg(0, 'PA', GET[:30]) +
                                  seg(0, 'PA', b'XXXXXXXXXX' + GET[30:], delta=-10) + seg(1, 'A', OK))
    s['edge-hole-filled'] = (header(handshake=True) + seg(0, 'PA', GET[:10]) +
                             seg(0, 'PA', GET[20:], delta=10) + seg(0, 'PA', GET[10:20], delta=-len(GET) + 10) +
                             seg(1, 'A', OK))
    s['edge-hole-open'] = (header(handshake=True) + seg(0, 'PA', GET[:10]) + seg(0, 'PA', GET[20:], delta=10) +
                           seg(1, 'A', OK[:20]) + seg(1, 'FA', OK[40:], delta=20))
    s['edge-wrap'] = exchange(GET, OK, split=5, isn_c=0xfffffff0, isn_s=0xffffffe0)
    s['edge-wrap-absolute'] = (header(isn_c=0xffffffff, isn_s=0x7fffffff) +
                               seg(0, 'PA', GET[10:], delta=10, absolute=True) +
                               seg(0, 'PA', GET[:10], delta=0, absolute=True) + seg(1, 'PA', OK, absolute=True))
    s['edge-no-syn'] = (header(isn_c=123456, isn_s=654321) + seg(0, 'PA', GET[25:], delta=5000) +
                        seg(0, 'PA', GET[:25], delta=-len(GET)) + seg(1, 'PA', OK, delta=9000))
    # Without a SYN, an earlier segment that does not reach the start waits for one that bridges the hole.
    s['edge-no-syn-bridged'] = (header(isn_c=77, isn_s=88) + seg(0, 'PA', GET[40:], delta=5000) +
                                seg(0, 'PA', GET[:20], delta=-len(GET)) + seg(0, 'PA', GET[20:40], delta=0) +
                                seg(1, 'PA', OK))
    s['edge-no-syn-then-syn'] = (header(isn_c=77, isn_s=88) + seg(0, 'PA', GET[40:], delta=40) +
                                 seg(0, 'PA', GET[:20], delta=-len(GET)) + seg(0, 'S', absolute=True) +
                                 seg(0, 'PA', GET[20:40], delta=20, absolute=True) + seg(1, 'SA') + seg(1, 'A', OK))
    s['edge-roles-by-syn'] = header() + seg(1, 'PA', OK) + seg(1, 'S') + seg(0, 'SA') + seg(0, 'A', GET)
    # The limits on held ranges (1024) and spans take over a thousand segments, which
    # slows every run that mutates them by a factor of three: the unit tests cover them.
    s['edge-some-holes'] = header(handshake=True) + b''.join(seg(0, 'PA', b'h', delta=1) for _ in range(40))
    s['edge-synack-only'] = (header() + seg(1, 'SA') + seg(0, 'A') + seg(0, 'PA', GET) + seg(1, 'PA', OK))
    s['edge-syn-late'] = (header() + seg(0, 'PA', GET[5:], delta=5) + seg(0, 'S', delta=0, absolute=True) +
                          seg(0, 'PA', GET[:5], absolute=True) + seg(1, 'SA') + seg(1, 'A', OK))
    s['edge-syn-data'] = header() + seg(0, 'S', GET) + seg(1, 'SA') + seg(1, 'A', OK)
    s['edge-snapped'] = (header(handshake=True) + seg(0, 'PA', GET) + seg(1, 'A', OK[:30]) +
                         seg(1, 'A', OK[30:], cut=10))
    s['edge-rst'] = (header(handshake=True) + seg(0, 'PA', GET) + seg(1, 'RA', b'connection reset') +
                     seg(1, 'A', OK))
    s['edge-reuse'] = (exchange(GET, OK) + seg(0, 'S', delta=77, absolute=True) +
                       seg(1, 'SA', delta=99) + seg(0, 'PA', GET, absolute=True, delta=77))
    s['edge-cap16'] = exchange(GET, OK, cap='16')
    s['edge-cap300'] = exchange(GET * 5, OK * 5, split=100, cap='300')
    s['edge-memlimit'] = exchange(GET * 60, OK * 40, split=1000, memlim=True)
    s['edge-tiny-segments'] = (header(handshake=True) + b''.join(seg(0, 'PA', GET[i:i + 1]) for i in range(len(GET))) +
                               b''.join(seg(1, 'A', OK[i:i + 3]) for i in range(0, len(OK), 3)))
    s['edge-excerpt'] = exchange(b'GET /\\x HTTP/1.1\r\nX: \t\x80\xff\r\n\r\n', OK, ex=15)
    # Malformed HTTP.
    s['bad-tls-clienthello'] = exchange(TLS_HELLO, b'\x15\x03\x01\x00\x02\x02\x28')
    s['bad-binary'] = exchange(bytes(range(256)), bytes(range(255, -1, -1)))
    s['bad-obs-fold'] = exchange(b'GET / HTTP/1.1\r\nX: a\r\n b\r\n\r\n', OK)
    s['bad-space-before-colon'] = exchange(b'GET / HTTP/1.1\r\nHost : a\r\n\r\n', OK)
    s['bad-conflicting-length'] = exchange(GET, b'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello')
    s['bad-length-junk'] = exchange(b'POST / HTTP/1.1\r\nContent-Length: 1e3\r\n\r\n', OK)
    s['bad-chunk-hex'] = exchange(GET, b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\nhello\r\n0\r\n\r\n')
    s['bad-chunk-huge'] = exchange(GET, b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\n')
    s['bad-chunk-no-crlf'] = exchange(GET, b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhiX0\r\n\r\n')
    s['bad-te-http10'] = exchange(GET, b'HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n')
    s['bad-bare-cr'] = exchange(b'GET / HTTP/1.1\rHost: a\r\n\r\n', b'HTTP/1.1 200 OK\r\rContent-Length: 0\r\n\r\n')
    s['bad-http2-preface'] = exchange(b'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', b'\x00\x00\x12\x04\x00\x00\x00\x00\x00')
    s['bad-status'] = exchange(GET, b'HTTP/1.1 20 OK\r\n\r\nHTTP/1.1 999 Huh\r\n\r\n')
    # The book's captures, one connection each.
    for name, path, cport, syn in (('book-http-fault-post-2580', 'http-fault-post.pcap', 2580, True),
                                   ('book-http-fault-post-2579', 'http-fault-post.pcap', 2579, False),
                                   ('book-http-google', 'http_google.pcapng', 1606, True)):
        p = os.path.join(captures, path)
        if os.path.exists(p):
            s[name] = book_seed(p, cport, syn)
        else:
            print('gen_http_seeds: %s not found, skipped' % p, file=sys.stderr)
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--captures', default=os.path.join(HERE, '..', '..', '..', 'shared', 'captures'))
    args = ap.parse_args()
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if not f.startswith('regress-'):
            os.unlink(os.path.join(OUT, f))
    s = seeds(args.captures)
    for name, data in sorted(s.items()):
        with open(os.path.join(OUT, name), 'wb') as fh:
            fh.write(data)
    print('gen_http_seeds: %d seeds in %s' % (len(s), OUT))


if __name__ == '__main__':
    main()
