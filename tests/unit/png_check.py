#!/usr/bin/env python3
"""
A PNG screenshot is the expected size and not blank (stdlib only).

  png_check.py FILE WIDTH HEIGHT [MIN_INK_PERCENT [MIN_COLOURS]]
  png_check.py --selftest

Decodes 8-bit greyscale, RGB, grey+alpha and RGBA, non-interlaced PNGs
(all five row filters), and prints one line:

  FILE: WIDTHxHEIGHT, N% non-white, M colours

Exit status 0 when the size matches and there is more than
MIN_INK_PERCENT (default 1) of non-white pixels and more than
MIN_COLOURS (default 8) distinct colours; 1 otherwise, with the reason;
2 when the file is not a PNG this reads.  --selftest encodes images
with each filter and colour type, decodes them and compares.
"""
import struct
import sys
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}	# colour type -> samples per pixel


class PngError(Exception):
    pass


def chunks(data):
    pos = len(SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = data[pos + 8 + length:pos + 12 + length]
        if len(body) != length or len(crc) != 4:
            raise PngError("chunk %r cut short" % kind)
        if struct.unpack(">I", crc)[0] != zlib.crc32(kind + body) & 0xffffffff:
            raise PngError("chunk %r has a bad CRC" % kind)
        yield kind, body
        if kind == b"IEND":
            return
        pos += 12 + length
    raise PngError("no IEND chunk")


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(raw, width, height, bpp):
    """The image's rows, filters undone (PNG spec, section 9)."""
    stride = width * bpp
    rows = []
    prev = bytearray(stride)
    pos = 0
    for y in range(height):
        if pos + 1 + stride > len(raw):
            raise PngError("image data cut short at row %d" % y)
        ftype = raw[pos]
        line = bytearray(raw[pos + 1:pos + 1 + stride])
        pos += 1 + stride
        if ftype == 0:
            pass
        elif ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xff
        elif ftype == 2:
            for i in range(stride):
                line[i] = (line[i] + prev[i]) & 0xff
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xff
        elif ftype == 4:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                upleft = prev[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + paeth(left, prev[i], upleft)) & 0xff
        else:
            raise PngError("row %d has filter type %d" % (y, ftype))
        rows.append(line)
        prev = line
    return rows


def decode(path):
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(SIGNATURE):
        raise PngError("not a PNG file")
    ihdr, idat = None, []
    for kind, body in chunks(data):
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    if ihdr is None:
        raise PngError("no IHDR chunk")
    width, height, depth, ctype, _, _, interlace = ihdr
    if depth != 8 or ctype not in CHANNELS:
        raise PngError("bit depth %d, colour type %d: not 8-bit grey/RGB(A)" % (depth, ctype))
    if interlace != 0:
        raise PngError("interlaced")
    bpp = CHANNELS[ctype]
    rows = unfilter(zlib.decompress(b"".join(idat)), width, height, bpp)
    return width, height, bpp, rows


def stats(width, height, bpp, rows):
    """Share of non-white pixels (alpha 0 counts as white), distinct colours."""
    ink = 0
    colours = set()
    white = b"\xff" * (width * bpp)
    for line in rows:
        if line == white:	# most of a page: skip it at C speed
            colours.add(b"\xff" * bpp)
            continue
        for x in range(0, width * bpp, bpp):
            px = bytes(line[x:x + bpp])
            if bpp in (2, 4) and px[-1] == 0:
                px = b"\xff" * bpp
            colours.add(px)
            if any(v < 0xf0 for v in (px[:-1] if bpp in (2, 4) else px)):
                ink += 1
    return 100.0 * ink / (width * height), len(colours)


def encode(width, height, ctype, pixels, filters):
    """A PNG of pixels (rows of bytes), row y filtered with filters[y % len]."""
    bpp = CHANNELS[ctype]
    raw = bytearray()
    prev = bytearray(width * bpp)
    for y, line in enumerate(pixels):
        ftype = filters[y % len(filters)]
        out = bytearray(len(line))
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            upleft = prev[i - bpp] if i >= bpp else 0
            pred = (0, left, prev[i], (left + prev[i]) >> 1, paeth(left, prev[i], upleft))[ftype]
            out[i] = (line[i] - pred) & 0xff
        raw += bytes([ftype]) + out
        prev = line

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + \
            struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    return SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, ctype, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")


def selftest():
    import os
    import random
    import tempfile
    rnd = random.Random(1)
    failures = 0
    for ctype in sorted(CHANNELS):
        for filters in ([0], [1], [2], [3], [4], [0, 1, 2, 3, 4]):
            w, h, bpp = 13, 7, CHANNELS[ctype]
            pixels = [bytearray(rnd.randrange(256) for _ in range(w * bpp)) for _ in range(h)]
            fd, path = tempfile.mkstemp(suffix=".png")
            with os.fdopen(fd, "wb") as f:
                f.write(encode(w, h, ctype, pixels, filters))
            try:
                got = decode(path)
            finally:
                os.unlink(path)
            if got[:3] != (w, h, bpp) or got[3] != pixels:
                print("colour type %d, filters %s: decoded wrong" % (ctype, filters))
                failures += 1
    # A blank image is blank; a drawn one is not.
    white = [bytearray(b"\xff" * 30) for _ in range(10)]
    if stats(10, 10, 3, white) != (0.0, 1):
        print("a white image is not blank")
        failures += 1
    print("selftest: %d colour types x 6 filter patterns, %d failures" % (len(CHANNELS), failures))
    return 1 if failures else 0


def main(argv):
    if argv[1:] == ["--selftest"]:
        return selftest()
    if len(argv) < 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    path, want_w, want_h = argv[1], int(argv[2]), int(argv[3])
    min_ink = float(argv[4]) if len(argv) > 4 else 1.0
    min_colours = int(argv[5]) if len(argv) > 5 else 8
    try:
        width, height, bpp, rows = decode(path)
    except (OSError, PngError, zlib.error, struct.error) as e:
        print("%s: %s" % (path, e))
        return 2
    ink, ncolours = stats(width, height, bpp, rows)
    print("%s: %dx%d, %.1f%% non-white, %d colours" % (path, width, height, ink, ncolours))
    ok = True
    if (width, height) != (want_w, want_h):
        print("%s: %dx%d, expected %dx%d" % (path, width, height, want_w, want_h))
        ok = False
    if ink <= min_ink:
        print("%s: blank: %.2f%% non-white, expected more than %g%%" % (path, ink, min_ink))
        ok = False
    if ncolours <= min_colours:
        print("%s: %d colours, expected more than %d" % (path, ncolours, min_colours))
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
