#!/usr/bin/env python3
"""
Writes the seeds of fuzz_report (tests/fuzz/corpus/fuzz_report/): the
input is an owners file, a NUL, then results' JSON separated by NULs
(fuzz_report.c).  Valid seeds are the lab's recorded results, alone,
with the demo owners file, and several in one report; edge and
malformed seeds bend one thing each: wrong types, missing objects,
hostile strings, out-of-range numbers, cut JSON, bad owners lines.

  python3 tests/fuzz/gen_report_seeds.py
"""
import glob
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "corpus", "fuzz_report")


def write(name, owners, *results):
    parts = [owners.encode() if isinstance(owners, str) else owners]
    for r in results:
        parts.append(r if isinstance(r, bytes) else json.dumps(r).encode())
    data = b"\0".join(parts)
    h = hashlib.sha1(data).hexdigest()[:10]
    with open(os.path.join(OUT, "%s-%s" % (name, h)), "wb") as f:
        f.write(data)


def load(rel):
    with open(os.path.join(ROOT, "tests", "fixtures", rel)) as f:
        return json.load(f)


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in glob.glob(os.path.join(OUT, "*")):
        os.remove(old)
    with open(os.path.join(ROOT, "tests", "lab", "demo-owners.txt")) as f:
        owners = f.read()
    fixtures = sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*", "*.json")))
    for path in fixtures:
        rel = os.path.relpath(path, os.path.join(ROOT, "tests", "fixtures"))
        name = rel.replace("/", "-")[:-5]
        with open(path, "rb") as f:
            raw = f.read()
        write("valid-" + name, "", raw)
    # With owners, and several in one report.
    for rel in ("ptrace/delay.json", "synprobe/pathdrop.json", "postprobe/proxy.json"):
        write("owners-" + rel.replace("/", "-")[:-5], owners, load(rel))
    write("multi", owners, load("ptrace/delay.json"), load("synprobe/pathdrop.json"),
          load("postprobe/post.json"), load("postprobe/proxy.json"))

    hostile = "<script>alert(1)</script>\"'&\x01\x1b[31m\u202e\ud7ff javascript:x http://e/"
    d = load("ptrace/delay.json")
    d["target"] = {"host": hostile, "address": hostile}
    d["verdict"]["summary"] = hostile
    for h in d.get("hops", [])[:2]:
        h["name"] = hostile
    write("edge-hostile-ptrace", "198.18.0.0/24 ours <b>x</b>\n", d)
    p = load("postprobe/post.json")
    p["http"]["reason"] = hostile
    p["http"]["headers"] = [{"name": hostile, "value": hostile}] * 3
    if isinstance(p.get("transcript"), dict):
        p["transcript"]["request"] = hostile * 4
        p["transcript"]["response"] = hostile + "\r\n\r\n" + hostile
    write("edge-hostile-http", "", p)
    # Types bent: numbers as strings, objects as arrays, huge values.
    d = load("ptrace/delay.json")
    d["verdict"]["hop"] = "3"
    d["verdict"]["confidence"] = 7
    write("edge-types", "", d)
    d = load("ptrace/delay.json")
    for h in d.get("hops", []):
        h["ttl"] = 2 ** 63
        h["median_ms"] = -1e308
    write("edge-numbers", "", d)
    s = load("synprobe/pathdrop.json")
    s["verdict"] = []
    write("edge-no-verdict", "", s)
    s = load("synprobe/pathdrop.json")
    s["evidence"] = [{"frame": i} for i in range(200)]
    write("edge-many-frames", "", s)
    # Malformed.
    raw = json.dumps(load("postprobe/slow.json")).encode()
    write("bad-cut", "", raw[: len(raw) // 2])
    write("bad-not-object", "", b"[1,2,3]")
    write("bad-empty", "", b"")
    write("bad-owners", "198.18.0.0/33 ours x\nnot-an-address isp y\n198.18.1.0/24 nobody z\n" + "a" * 300,
          load("ptrace/clean.json"))


if __name__ == "__main__":
    main()
