#!/usr/bin/env python3
"""
Checks on probe-report's output for the shell tests (test_report_*.sh),
with the standard library only.  Each command prints one line per
problem, "FILE: problem", and exits 1 when there was any.

  page FILE...            the HTML page is self-contained: it fetches
                          nothing, runs nothing, links only inside itself;
                          a URL may be spelled out only as text or in an
                          attribute a browser does not act on (a label)
  overview FILE N         a report of N results: an overview list of N
                          links, each to one of the N articles
  text FILE STRING        some text node or attribute of the page holds
                          STRING exactly, after XML parsing (so the page
                          escaped it, and did not mangle it)
  cmd FILE CAPTURE FILTER the page's "wireshark -r ... -Y ..." line, read
                          back as a shell reads it, is exactly those words
  md FILE [COLUMNS]       Markdown: fences balanced, and outside them no
                          raw HTML, no link, no autolink; table rows (if
                          COLUMNS) have COLUMNS cells
  headline FILE           print the text of each <p class="headline">
  dom FILE STRING...      a browser's serialised DOM (--dump-dom) shows
                          each STRING, tags dropped, entities decoded and
                          white space folded on both sides
"""
import html
import os
import re
import shlex
import sys
import xml.etree.ElementTree as ET

problems = 0


def bad(path, msg):
    global problems
    problems += 1
    print("%s: %s" % (os.path.basename(path), msg))


def parse(path):
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        bad(path, "not well-formed XML: %s" % e)
        return None


def local(tag):
    return tag.rsplit("}", 1)[-1].lower()


# Elements that fetch, embed, run or submit something.
FORBIDDEN_ELEMENTS = {
    "script", "link", "iframe", "frame", "frameset", "object", "embed",
    "applet", "img", "image", "picture", "source", "track", "audio",
    "video", "base", "form", "input", "button", "use", "foreignobject",
    "feimage", "animate", "set", "portal",
}
# Attributes that name something to fetch or somewhere to go.
FETCH_ATTRS = {
    "src", "srcset", "action", "formaction", "data", "poster", "background",
    "ping", "codebase", "archive", "cite", "longdesc", "manifest", "lowsrc",
    "dynsrc", "usemap",
}
URLISH = re.compile(r"(?i)https?://|javascript:|vbscript:|url\s*\(|@import|expression\s*\(")


def check_page(path):
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        bad(path, str(e))
        return
    if not raw.lstrip().lower().startswith(b"<!doctype html>"):
        bad(path, "does not start with <!DOCTYPE html>")
    root = parse(path)
    if root is None:
        return
    if local(root.tag) != "html":
        bad(path, "the root element is <%s>, not <html>" % local(root.tag))
    ids = {el.get("id") for el in root.iter() if el.get("id") is not None}
    for el in root.iter():
        tag = local(el.tag)
        if tag in FORBIDDEN_ELEMENTS:
            bad(path, "<%s> element" % tag)
        if tag == "meta" and el.get("http-equiv") is not None:
            bad(path, "<meta http-equiv=%r>" % el.get("http-equiv"))
        if tag == "style" and URLISH.search("".join(el.itertext())):
            bad(path, "the style sheet refers to something outside: %r"
                % URLISH.search("".join(el.itertext())).group(0))
        for name, value in el.attrib.items():
            n = local(name)
            if name.startswith("{") or n.startswith("xmlns"):
                bad(path, "<%s> has namespaced attribute %s" % (tag, name))
            if n.startswith("on"):
                bad(path, "<%s> has event handler %s=%r" % (tag, n, value[:60]))
            if n in FETCH_ATTRS:
                bad(path, "<%s> has %s=%r" % (tag, n, value[:60]))
            if n == "href":
                if not value.startswith("#"):
                    bad(path, "<%s> links outside: href=%r" % (tag, value[:60]))
                elif value[1:] not in ids:
                    bad(path, "<%s> links to #%s, which is no id on the page" % (tag, value[1:60]))
            m = URLISH.search(value)
            # Only the attributes a browser acts on: a label or a title
            # may well spell the URL the probe asked for, as text.
            if m and n in ("style", "href"):
                bad(path, "<%s %s=...> holds %r: %r" % (tag, n, m.group(0), value[:80]))


def check_overview(path, n):
    root = parse(path)
    if root is None:
        return
    sections = [el for el in root.iter() if local(el.tag) == "section"
                and "overview" in (el.get("class") or "").split()]
    if len(sections) != 1:
        bad(path, "%d overview sections, expected 1" % len(sections))
        return
    items = [el for el in sections[0].iter() if local(el.tag) == "li"]
    if len(items) != n:
        bad(path, "the overview lists %d results, expected %d" % (len(items), n))
    articles = [el.get("id") for el in root.iter() if local(el.tag) == "article"]
    if len(articles) != n:
        bad(path, "%d articles, expected %d" % (len(articles), n))
    for i, li in enumerate(items):
        links = [a.get("href") for a in li.iter() if local(a.tag) == "a"]
        want = "#" + articles[i] if i < len(articles) and articles[i] else None
        if want is None or links[:1] != [want]:
            bad(path, "overview item %d links to %r, expected %r" % (i + 1, links[:1], want))
        if not "".join(li.itertext()).strip():
            bad(path, "overview item %d is empty" % (i + 1))


def check_text(path, want):
    root = parse(path)
    if root is None:
        return
    for el in root.iter():
        for s in [el.text, el.tail] + list(el.attrib.values()):
            if s is not None and want in s:
                return
    bad(path, "no text node holds %r" % (want[:80] + ("..." if len(want) > 80 else "")))


def check_cmd(path, capture, filt):
    root = parse(path)
    if root is None:
        return
    cmds = ["".join(el.itertext()) for el in root.iter()
            if local(el.tag) == "code" and "".join(el.itertext()).startswith("wireshark ")]
    if not cmds:
        bad(path, "no wireshark command line")
        return
    want = ["wireshark", "-r", capture] + (["-Y", filt] if filt else [])
    for c in cmds:
        try:
            words = shlex.split(c, posix=True)
        except ValueError as e:
            bad(path, "the command line does not parse as a shell's: %s: %r" % (e, c[:120]))
            continue
        if words != want:
            bad(path, "a shell reads the command line as %r, expected %r" % (words, want))


FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def check_md(path, columns):
    with open(path, encoding="utf-8", errors="strict") as f:
        lines = f.read().split("\n")
    fence = None
    outside = []
    for ln, line in enumerate(lines, 1):
        m = FENCE.match(line)
        if fence is None:
            if m:
                if m.group(1)[0] == "`" and "`" in m.group(2):
                    bad(path, "line %d: a fence with a backtick in its info string" % ln)
                fence = m.group(1)
                continue
            outside.append((ln, line))
        elif m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                and m.group(2).strip() == "":
            fence = None
    if fence is not None:
        bad(path, "a code fence (%s) is never closed" % fence)
    for ln, line in outside:
        if unescaped(line, r"<[A-Za-z!/?]"):
            bad(path, "line %d: raw HTML outside a code block: %r" % (ln, line[:100]))
        if unescaped(line, r"\]\s*[(\[]") or unescaped(line, r"\]:"):
            bad(path, "line %d: a Markdown link: %r" % (ln, line[:100]))
        if unescaped(line, r"\(\s*javascript:"):
            bad(path, "line %d: an unescaped (javascript: %r" % (ln, line[:100]))
        if columns and line.startswith("|"):
            cells = len(unescaped(line, r"\|")) - 1
            if cells != columns:
                bad(path, "line %d: a table row with %d cells, expected %d: %r"
                    % (ln, cells, columns, line[:100]))


def unescaped(line, pattern):
    """The matches of pattern not escaped by an odd run of backslashes."""
    found = []
    for m in re.finditer(pattern, line):
        i, n = m.start(), 0
        while i > 0 and line[i - 1] == "\\":
            i -= 1
            n += 1
        if n % 2 == 0:
            found.append(m.group(0))
    return found


def headline(path):
    root = parse(path)
    if root is None:
        return
    for el in root.iter():
        if local(el.tag) == "p" and "headline" in (el.get("class") or "").split():
            print(" ".join("".join(el.itertext()).split()))


def fold(s):
    return " ".join(s.split())


def check_dom(path, wants):
    with open(path, encoding="utf-8", errors="replace") as f:
        dom = f.read()
    body = dom.split("<body", 1)[-1]
    text = fold(html.unescape(re.sub(r"<[^>]*>", " ", body)))
    if len(text) < 100:
        bad(path, "the DOM holds almost no text (%d characters)" % len(text))
    for w in map(fold, wants):
        if w not in text:
            bad(path, "the page as the browser read it does not show %r" % w[:100])


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    cmd, args = argv[1], argv[2:]
    if cmd == "page":
        for p in args:
            check_page(p)
    elif cmd == "overview" and len(args) == 2:
        check_overview(args[0], int(args[1]))
    elif cmd == "text" and len(args) == 2:
        check_text(args[0], args[1])
    elif cmd == "cmd" and len(args) == 3:
        check_cmd(args[0], args[1], args[2])
    elif cmd == "md" and len(args) in (1, 2):
        check_md(args[0], int(args[1]) if len(args) == 2 else 0)
    elif cmd == "dom" and len(args) >= 2:
        check_dom(args[0], args[1:])
    elif cmd == "headline" and len(args) == 1:
        headline(args[0])
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
