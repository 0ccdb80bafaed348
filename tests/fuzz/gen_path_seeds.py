#!/usr/bin/env python3
"""
Writes the seeds of fuzz_baseline and fuzz_locations
(tests/fuzz/corpus/fuzz_baseline/, corpus/fuzz_locations/).  Both
targets infer with what they read on one fixed trace (fuzz_trace.c:
routers 198.18.0.2 to 198.18.3.2, a 5 ms step into the third, the
destination 198.18.9.2, ICMP identifier 77), so the valid seeds name
those addresses and reach the comparison and the distance rules.

fuzz_baseline takes a --baseline file's bytes: ptrace-slow --json
results in render_json.c's shape (valid-), unusual but acceptable ones
(edge-: an older result without flow or noise, a silent hop, several
responders, another target or method, the step grown, the path
changed), and malformed ones (bad-: wrong types, out-of-range numbers,
broken chains, hostile strings, cut, nested, duplicated keys).

fuzz_locations takes a --locations file's bytes: places for the
trace's addresses near and far (valid-), prefixes /0 to /32, comments,
CRLF, UTF-8 names, the longest line (edge-), and each kind of bad line
(bad-).

  python3 tests/fuzz/gen_path_seeds.py
"""
import copy
import glob
import hashlib
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")

ME = "198.18.0.1"
DST = "198.18.9.2"
HOPS = ["198.18.0.2", "198.18.1.2", "198.18.2.2", "198.18.3.2", DST]
MINS = [0.2, 0.3, 5.4, 5.5, 5.6]


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    elif not isinstance(data, bytes):
        data = json.dumps(data, indent=2).encode()
    h = hashlib.sha1(data).hexdigest()[:10]
    with open(os.path.join(CORPUS, target, "%s-%s" % (name, h)), "wb") as f:
        f.write(data)


def end(ttl):
    return {"ttl": ttl, "address": ME if ttl == 0 else HOPS[ttl - 1]}


def result():
    """A clean run over the trace, as render_json.c writes it."""
    hops = []
    for i, a in enumerate(HOPS):
        m = MINS[i]
        hops.append({
            "ttl": i + 1, "address": a, "addresses": [{"address": a, "count": 12}],
            "sent": 12, "received": 12, "answers": {"time-exceeded": 12},
            "loss_pct": 0.0, "lost": 0, "missing": 0,
            "rtt_ms": {"min": m, "p25": m + 0.02, "median": m + 0.04, "avg": m + 0.04,
                       "max": m + 0.09, "stdev": 0.03},
            "jitter_ms": 0.03, "reply_ttl": 255 - i, "return_hops": i + 1,
            "flags": ["destination"] if a == DST else []})
    links, prev = [], 0.0
    for i in range(len(HOPS)):
        links.append({"from": end(i), "to": end(i + 1), "added_ms": round(MINS[i] - prev, 3),
                      "share": round((MINS[i] - prev) / MINS[-1], 3),
                      "cause": "distance", "queue_ms": 0.0, "queue_p90_ms": 0.02,
                      "rounds": 12, "noise_ms": 0.05})
        prev = MINS[i]
    return {
        "tool": "ptrace-slow", "version": "0.1.0", "started_at": "2026-11-22T16:40:01.123Z",
        "source": {"address": ME, "interface": "eth0", "gateway": "198.18.0.2"},
        "options": {"method": "icmp", "rounds": 12}, "capture": {"file": None, "frames": 120},
        "target": {"host": "dst.example", "address": DST}, "method": "icmp",
        "flow": {"icmp_id": 77, "icmp_checksum": 4660},
        "hops": hops,
        "verdict": {"kind": "clean", "hop": None, "summary": "healthy"},
        "latency_budget": links,
        "findings": [], "evidence": [],
        "stats": {"probes": 60, "replies": 60, "rounds": 12, "noise_ms": 0.05,
                  "unplaced": 0, "destination_ttl": 5}}


def baseline_seeds():
    t = "fuzz_baseline"
    r = result()
    write(t, "valid-same", r)
    write(t, "valid-compact", json.dumps(r, separators=(",", ":")))

    d = copy.deepcopy(r)            # the step into hop 3 was 0.1 ms: it grew
    for i in range(2, 5):
        d["hops"][i]["rtt_ms"]["min"] -= 5.0
    d["latency_budget"][2]["added_ms"] = 0.1
    write(t, "edge-step-grew", d)
    d = copy.deepcopy(r)            # another router at hop 3
    d["hops"][2]["address"] = "198.18.2.99"
    d["hops"][2]["addresses"] = [{"address": "198.18.2.99", "count": 12}]
    d["latency_budget"][1]["to"]["address"] = "198.18.2.99"
    d["latency_budget"][2]["from"]["address"] = "198.18.2.99"
    d["latency_budget"][2]["added_ms"] = 0.1
    write(t, "edge-path-changed", d)
    d = copy.deepcopy(r)            # older results: no flow, no noise
    del d["flow"]
    del d["stats"]["noise_ms"]
    for l in d["latency_budget"]:
        del l["noise_ms"]
    write(t, "edge-no-flow-no-noise", d)
    d = copy.deepcopy(r)            # hop 2 silent: one link over it
    d["hops"][1].update({"address": None, "addresses": [], "received": 0, "rtt_ms": None})
    d["latency_budget"][1:3] = [{"from": end(1), "to": end(3), "added_ms": 5.1,
                                 "cause": "distance", "noise_ms": 0.05}]
    write(t, "edge-silent-hop", d)
    d = copy.deepcopy(r)            # load balancing at hop 3
    d["hops"][2]["addresses"] = [{"address": a, "count": 4}
                                 for a in ("198.18.2.2", "198.18.2.3", "198.18.2.4",
                                           "198.18.2.5", "198.18.2.6", "198.18.2.7")]
    write(t, "edge-multipath", d)
    d = copy.deepcopy(r)
    d["target"]["address"] = "198.18.7.7"
    write(t, "edge-other-target", d)
    d = copy.deepcopy(r)
    d["method"] = "udp"
    d["flow"] = {"source_port": 40000, "destination_port": 33434}
    write(t, "edge-udp", d)
    d = copy.deepcopy(r)            # the destination one hop further
    d["stats"]["destination_ttl"] = 6
    write(t, "edge-longer", d)
    d = copy.deepcopy(r)
    d["latency_budget"] = []
    d["hops"] = []
    write(t, "edge-empty", d)
    d = copy.deepcopy(r)
    d["started_at"] = "2026-11-22T16:40:01Z"
    d["latency_budget"][3]["noise_ms"] = None
    d["latency_budget"][3]["added_ms"] = 86400000
    write(t, "edge-numbers", d)
    d = copy.deepcopy(r)            # a long path: 255 hops, each a link
    d["hops"] = [{"ttl": i, "address": "10.%d.%d.1" % (i // 256, i % 256)}
                 for i in range(1, 256)]
    d["latency_budget"] = [{"from": {"ttl": i, "address": ME if i == 0 else
                                     "10.%d.%d.1" % (i // 256, i % 256)},
                            "to": {"ttl": i + 1, "address": "10.%d.%d.1" % ((i + 1) // 256,
                                                                          (i + 1) % 256)},
                            "added_ms": 1.0, "noise_ms": 0.1} for i in range(0, 255)]
    write(t, "edge-255-hops", d)

    def bent(name, path, value, delete=False):
        d = copy.deepcopy(r)
        o = d
        for k in path[:-1]:
            o = o[k]
        if delete:
            del o[path[-1]]
        else:
            o[path[-1]] = value
        write(t, "bad-" + name, d)

    bent("tool", ["tool"], "synprobe")
    bent("no-tool", ["tool"], None, True)
    bent("date", ["started_at"], "yesterday")
    bent("date-control", ["started_at"], "2026-11-22T16:40:01.123Z\x07")
    bent("method", ["method"], "carrier-pigeon")
    bent("target-type", ["target"], [])
    bent("target-address", ["target", "address"], "198.18.9.256")
    bent("target-v6", ["target", "address"], "2001:db8::1")
    bent("flow-id", ["flow", "icmp_id"], 70000)
    bent("flow-type", ["flow"], "77")
    bent("hops-type", ["hops"], {})
    bent("hop-ttl-string", ["hops", 2, "ttl"], "3")
    bent("hop-ttl-order", ["hops", 2, "ttl"], 2)
    bent("hop-ttl-huge", ["hops", 2, "ttl"], 2 ** 63 - 1)
    bent("hop-not-object", ["hops", 1], 7)
    bent("hop-addresses", ["hops", 1, "addresses"], [{"address": {"a": 1}}])
    bent("hop-address-number", ["hops", 1, "address"], 3232235777)
    bent("link-chain", ["latency_budget", 1, "from", "ttl"], 2)
    bent("link-backwards", ["latency_budget", 1, "to", "ttl"], 1)
    bent("link-chain-address", ["latency_budget", 1, "from", "address"], "198.18.5.5")
    bent("link-to-null", ["latency_budget", 1, "to"], None)
    bent("link-negative", ["latency_budget", 1, "added_ms"], -1)
    bent("link-huge", ["latency_budget", 1, "added_ms"], 1e300)
    bent("link-string", ["latency_budget", 1, "added_ms"], "5")
    bent("link-noise", ["latency_budget", 1, "noise_ms"], True)
    bent("no-budget", ["latency_budget"], None, True)
    bent("dest-ttl", ["stats", "destination_ttl"], 256)
    bent("stats-type", ["stats"], [1])

    hostile = "<script>\u202e\x01\x1b[31m\ud7ff"
    d = copy.deepcopy(r)
    d["target"]["host"] = hostile
    d["verdict"]["summary"] = hostile
    d["hops"][0]["name"] = hostile
    write(t, "edge-hostile-strings", d)
    text = json.dumps(r)
    write(t, "bad-cut-half", text[:len(text) // 2])
    write(t, "bad-cut-last", text[:-1])
    write(t, "bad-duplicate-key", '{"tool": "ptrace-slow", "tool": "ptrace-slow"}')
    write(t, "bad-not-utf8", b'{"tool": "ptrace-\xff\xfeslow"}')
    write(t, "bad-nul", text.encode()[:40] + b"\0" + text.encode()[40:])
    write(t, "bad-nested", "[" * 5000)
    write(t, "bad-empty", "")
    write(t, "bad-array", "[]")
    write(t, "bad-null", "null")


def lon_at_km(km):
    return km / 6371.0 * 180 / math.pi


def locations_seeds():
    t = "fuzz_locations"
    near = "%s 48.8566 2.3522 Paris\n%s 50.1109 8.6821 Frankfurt\n" % (HOPS[1], HOPS[2])
    write(t, "valid-distance", "# the trace's routers\n" + near +
          "%s 50.1109 8.6821 Frankfurt\n%s 52.52 13.405 Berlin\n" % (HOPS[3], DST))
    write(t, "valid-beyond", "%s 0 0 A\n%s 0 %.6f B\n" % (HOPS[1], HOPS[2], lon_at_km(5)))
    write(t, "valid-prefixes", "198.18.0.0/16 1 1 all\n198.18.2.0/24 2 2\n198.18.2.2/32 3 3 one\n"
          "0.0.0.0/0 -33.8688 151.2093 Sydney\n198.18.0.1 0 0 this host\n")
    write(t, "edge-crlf-tabs-comments", "\r\n# c\r\n\t198.18.1.2\t+48.85\t-2.35\t# x\r\n"
          "198.18.2.2 -0.0 .5 Z\u00fcrich  Nord # trailing\n")
    write(t, "edge-unicode-names", "198.18.1.2 35.6762 139.6503 \u6771\u4eac\n"
          "198.18.2.2 -33.9249 18.4241 Kaapstad \U0001F30D\n")
    write(t, "edge-poles", "198.18.1.2 90 180\n198.18.2.2 -90 -180\n")
    write(t, "edge-same-place", "198.18.1.0/24 10 10 Here\n198.18.2.0/24 10 10 Here\n")
    write(t, "edge-longest-line", "198.18.1.2 0 0 " + "n" * 40 + " " * 457 + "\n")
    write(t, "edge-no-newline", "198.18.1.2 0 0")
    write(t, "edge-empty", "")
    write(t, "edge-many", "".join("10.%d.%d.0/24 %d %d\n" % (i // 256, i % 256, i % 90, i % 180)
                                  for i in range(700)))
    bad = {
        "latitude": "# x\n\n10.0.0.1 91 0\n",
        "longitude": "10.0.0.1 0 180.5\n",
        "exponent": "10.0.0.1 1e1 0\n",
        "nan": "10.0.0.1 nan 0\n",
        "hex": "10.0.0.1 0x10 0\n",
        "word": "ok 1 2\n",
        "prefix-33": "10.0.0.0/33 0 0\n",
        "prefix-empty": "10.0.0.0/ 0 0\n",
        "host-bits": "10.1.2.3/24 0 0\n",
        "ipv6": "2001:db8::/32 0 0\n",
        "leading-zero": "10.0.0.01 0 0\n",
        "short": "10.0.0.1 0\n",
        "control": "10.0.0.1 0 0 a\x01z\n",
        "cut-utf8": b"10.0.0.1 0 0 caf\xc3\n",
        "overlong": b"10.0.0.1 0 0 \xc0\xaf\n",
        "surrogate": b"10.0.0.1 0 0 \xed\xa0\x80\n",
        "bidi": "10.0.0.1 0 0 evil\u202egnp\n",
        "c1": "10.0.0.1 0 0 \u0085\n",
        "long-name": "10.0.0.1 0 0 " + "x" * 41 + "\n",
        "duplicate": "10.0.0.0/8 0 0\n10.0.0.1 0 0\n10.0.0.0/8 1 1\n",
        "nul": b"10.0.0.1 0 0\n1\x00.0.0.2 0 0\n",
        "long-line": "10.0.0.1 0 0" + " " * 600 + "\n",
    }
    for name, text in bad.items():
        write(t, "bad-" + name, text)


def main():
    for t in ("fuzz_baseline", "fuzz_locations"):
        os.makedirs(os.path.join(CORPUS, t), exist_ok=True)
        for old in glob.glob(os.path.join(CORPUS, t, "*")):
            if not os.path.basename(old).startswith("regress-"):
                os.remove(old)
    baseline_seeds()
    locations_seeds()


if __name__ == "__main__":
    main()
