#!/usr/bin/env bash
# probe-report reads results that carry strings from the network and
# from the user: real lab results with hostile values put into every
# string the report shows must give a page that is still well-formed,
# runs nothing and shows the text escaped (HTML), no raw HTML or link
# (Markdown), no control character (plain text), and in none of them a
# code point that reorders or breaks the text around it (shown by name).  Bad inputs give a
# one-line error, the documented exit status, and no output file.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${B:-build}/probe-report
# Debian's own python3 when there is one: it starts ten times faster
# than a version manager's shim, and this runs it 300 times.
PY=$(command -v /usr/bin/python3 || command -v python3 || echo python3)
CHECK="$PY tests/unit/report_check.py"
FIX=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh

checks_need xmllint jq "$PY"
checks_built


# ---- hostile values ----
#
# Each: the value (JSON, so control characters are JSON escapes); how
# the HTML page must spell it (escaped); the text a parser then reads
# back (what the page shows: controls and U+FFFE/U+FFFF dropped); how
# Markdown must spell it (null: not checked).
cat >"$tmp/values.json" <<'EOF'
[
 {"id": "script", "v": "<script>alert(1)</script>",
  "html": "&lt;script&gt;alert(1)&lt;/script&gt;", "text": "<script>alert(1)</script>",
  "md": "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"},
 {"id": "img", "v": "\"><img src=x onerror=alert(1)>",
  "html": "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", "text": "\"><img src=x onerror=alert(1)>",
  "md": "\"&gt;&lt;img src=x onerror=alert\\(1\\)&gt;"},
 {"id": "cdata", "v": "]]><!--",
  "html": "]]&gt;&lt;!--", "text": "]]><!--", "md": "\\]\\]&gt;&lt;\\!\\-\\-"},
 {"id": "entities", "v": "&amp;&#0;&#x0;",
  "html": "&amp;amp;&amp;#0;&amp;#x0;", "text": "&amp;&#0;&#x0;", "md": "&amp;amp;&amp;\\#0;&amp;\\#x0;"},
 {"id": "quote", "v": "' onmouseover='x",
  "html": "&#39; onmouseover=&#39;x", "text": "' onmouseover='x", "md": "' onmouseover='x"},
 {"id": "controls", "v": "C0:\u0001\u0002\u0008\u000b\u000c\u000e\u001b[31mred\u001b[0m\u0007\u007f\r|end",
  "html": "C0:[31mred[0m|end", "text": "C0:[31mred[0m|end", "md": "C0:\\[31mred\\[0m \\|end"},
 {"id": "nonchars", "v": "A\uFFFEB\uFFFFC",
  "html": "ABC", "text": "ABC", "md": null},
 {"id": "mdlink", "v": "[x](javascript:alert(1))",
  "html": "[x](javascript:alert(1))", "text": "[x](javascript:alert(1))",
  "md": "\\[x\\]\\(javascript:alert\\(1\\)\\)"},
 {"id": "bold", "v": "<b>bold</b>",
  "html": "&lt;b&gt;bold&lt;/b&gt;", "text": "<b>bold</b>", "md": "&lt;b&gt;bold&lt;/b&gt;"},
 {"id": "backticks", "v": "````x``` | a | b |",
  "html": "````x``` | a | b |", "text": "````x``` | a | b |",
  "md": "\\`\\`\\`\\`x\\`\\`\\` \\| a \\| b \\|"},
 {"id": "shell", "v": "it's $(reboot) `reboot`; rm -rf ~",
  "html": "it&#39;s $(reboot) `reboot`; rm -rf ~", "text": "it's $(reboot) `reboot`; rm -rf ~",
  "md": "it's $\\(reboot\\) \\`reboot\\`; rm \\-rf \\~"},
 {"id": "bidi", "v": "a\u202eb\u2066c\u2069d\u2028e\u2029f\u0085g\ufeffh\u200fi\u009bj",
  "html": "a&lt;U+202E&gt;b&lt;U+2066&gt;c&lt;U+2069&gt;d&lt;U+2028&gt;e&lt;U+2029&gt;f&lt;U+0085&gt;g&lt;U+FEFF&gt;h&lt;U+200F&gt;i&lt;U+009B&gt;j",
  "text": "a<U+202E>b<U+2066>c<U+2069>d<U+2028>e<U+2029>f<U+0085>g<U+FEFF>h<U+200F>i<U+009B>j",
  "md": "a&lt;U+202E&gt;b&lt;U+2066&gt;c&lt;U+2069&gt;d&lt;U+2028&gt;e&lt;U+2029&gt;f&lt;U+0085&gt;g&lt;U+FEFF&gt;h&lt;U+200F&gt;i&lt;U+009B&gt;j"}
]
EOF
# All of them in one string, and a 100 kB one.
jq '. + [{id: "all", v: (map(.v) | join(" ")), html: .[0].html, text: .[0].text, md: .[0].md},
    {id: "100kB", v: ("<i>" + ("0123456789<>&\"'"'"'" * 6700)),
     html: "&lt;i&gt;0123456789&lt;&gt;&amp;&quot;&#39;0123456789&lt;&gt;",
     text: "<i>0123456789<>&\"'"'"'0123456789<>&\"'"'"'",
     md: "&lt;i&gt;0123456789&lt;&gt;&amp;\"'"'"'0123456789"}]' \
    "$tmp/values.json" >"$tmp/v.json" || { echo "FAIL: jq"; exit 1; }
nvalues=$(jq length "$tmp/v.json")

# Every string the report shows that came from the network or the user,
# set to $h; the verdict's kind is kept, so the conclusion's sentence
# is built around the hostile strings.
TARGETED='
  .target.host = $h | .target.url = $h
  | .verdict.summary = $h | .verdict.confidence_reason = $h | .verdict.reason = $h
  | if has("findings") then .findings |= map(.summary = $h | .address = $h) else . end
  | if has("latency_budget") then .latency_budget |= map(.cause = $h
        | .from.address = $h | .to.address = $h) else . end
  | if has("baseline") then .baseline.started_at = $h else . end
  | .evidence |= (if type == "array" then map(.summary = $h) else . end)
  | if has("hops") then .hops |= map(.name = $h | .address = $h
        | .flags = [$h] | .addresses |= (if type == "array" then map(.address = $h) else . end)) else . end
  | if has("http") then .http.reason = $h | .http.headers |= map(.name = $h | .value = $h) else . end
  | if has("request") then .request.method = $h | .request.target = $h else . end
  | if has("transcript") then .transcript.request = $h | .transcript.response = $h else . end
  | .options |= ((. // {}) | with_entries(if (.value | type) == "string" then .value = $h else . end) | .[$h] = $h)
  | .capture.file = $h | .options.server_capture = $h
  | .source.interface = $h | .source.address = $h | .source.gateway = $h
  | .started_at = $h | .version = $h
  | if .tool == "pcap-triage" then .verdict.device = $h | .verdict.address = $h | .this_host = $h
        | .findings |= map(.device = $h | .kind = $h | .severity = $h)
        | .connections |= map(.client = $h | .server = $h | .outcome = $h | .fault_kind = $h)
        | .host.exposed |= map(.source = $h | .protocol = $h)
        | .host.downloads |= map(.file = $h | .server = $h | .name = $h | .via = $h
            | .executable = $h | .severity = $h)
        | .host.inbound |= map(.source = $h | .answer = $h | .protocol = $h)
        | .host.remote_calls |= map(.source = $h | .call = $h | .answer = $h)
        | .gateway.address = $h
    else . end
  | if .tool == "synprobe" then .probes.banner = {received: true, line: $h}
        | .probes.dns.resolver = $h | .probes.dns.status = $h
        | .probes.controls |= (if type == "array" then map(.answer = $h | .from = $h) else . end)
        | .probes.connect.result = $h
    else . end'
# Every string at all but the tool's name.
BLANKET='(.. | strings) |= $h | .tool = $tool'

# The suspect host's result with a few rows of each table: with 100 kB in
# every string, its 93 connections and 141 attempts would pass the 64 MB
# a result may have.
jq '.connections |= .[0:6] | .findings |= .[0:8] | .host.inbound |= .[0:6]' \
    "$FIX/report/triage_suspect.json" >"$tmp/triage_suspect.json" || { echo "FAIL: jq"; exit 1; }
cases=(
	"targeted:$FIX/ptrace/delay.json"
	"targeted:$FIX/ptrace/loss.json"
	"targeted:$FIX/report/congested.json"
	"targeted:$FIX/report/over_budget.json"
	"targeted:$FIX/report/slow_baseline.json"
	"targeted:$FIX/synprobe/pathdrop.json"
	"targeted:$FIX/synprobe/nxdomain.json"
	"targeted:$FIX/synprobe/silent.json"
	"targeted:$FIX/postprobe/post.json"
	"targeted:$FIX/postprobe/proxy.json"
	"targeted:$FIX/postprobe/https.json"
	"blanket:$FIX/ptrace/delay.json"
	"blanket:$FIX/report/over_budget.json"
	"blanket:$FIX/synprobe/pathdrop.json"
	"blanket:$FIX/postprobe/post.json"
	"targeted:$tmp/triage_suspect.json"
	"targeted:$FIX/report/triage_slow_path.json"
	"blanket:$tmp/triage_suspect.json"
)

declare -A tool_of
for c in "${cases[@]}"; do
	tool_of[$c]=$(jq -r .tool "${c#*:}")
done
# The code points that change how the text around them reads (C1
# controls, bidirectional controls, line and paragraph separators,
# U+FEFF: the "Trojan Source" class) are never in any output, raw: each
# is shown by its name, <U+202E>.
HAZARD='\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]|\xef\xbb\xbf'
has_hazard() { LC_ALL=C grep -qaP "$HAZARD" "$1"; }
show_hazard() { LC_ALL=C grep -naoP ".{0,20}($HAZARD).{0,20}" "$1" | head -n 1 | od -An -c | tr -s ' ' | head -c 160; }

# An event handler is an attribute: in a tag, outside the quoted values
# (the page escapes every " in text, so a raw " only delimits a value).
handler() { sed 's/"[^"]*"/""/g' "$1" | grep -oiP '<[^<>]*\son[a-z]+\s*=' | head -n 1 | cut -c1-80; }

pages=()
for ((i = 0; i < nvalues; i++)); do
	jq ".[$i]" "$tmp/v.json" >"$tmp/val.json"
	{ IFS= read -r id; IFS= read -r want_html; IFS= read -r want_text; IFS= read -r want_md; } \
	    < <(jq -r '.id, .html, .text, (.md // "")' "$tmp/val.json")
	for c in "${cases[@]}"; do
		mode=${c%%:*} src=${c#*:} tool=${tool_of[$c]}
		name=$id-$mode-$(basename "$(dirname "$src")")-$(basename "$src" .json)
		in=$tmp/$name.json
		filter=$TARGETED
		[ "$mode" = blanket ] && filter=$BLANKET
		if ! jq --slurpfile val "$tmp/val.json" --arg tool "$tool" \
		    "\$val[0].v as \$h | $filter" "$src" >"$in"; then
			fail "$name: jq could not build the input"
			continue
		fi
		# HTML.
		"$BIN" -o "$tmp/$name.html" "$in" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fail "$name: exit $rc, expected 0 ($(head -c 200 "$tmp/err" | cat -v))"
			continue
		fi
		pages+=("$tmp/$name.html")
		problems=()
		xmllint --noout "$tmp/$name.html" 2>"$tmp/xml.err" ||
		    problems+=("not well-formed: $(head -n 1 "$tmp/xml.err")")
		grep -qiE '<(script|img|iframe|object|embed|link|svg:script)[ >/]' "$tmp/$name.html" &&
		    problems+=("a raw tag: $(grep -oiE '<(script|img|iframe|object|embed|link)[ >/]' "$tmp/$name.html" | head -n 1)")
		[ -n "$(handler "$tmp/$name.html")" ] &&
		    problems+=("an event handler: $(handler "$tmp/$name.html")")
		has_ctrl "$tmp/$name.html" && problems+=("a control character: $(show_ctrl "$tmp/$name.html")")
		LC_ALL=C grep -qaP '\xef\xbf[\xbe\xbf]' "$tmp/$name.html" && problems+=("U+FFFE or U+FFFF")
		has_hazard "$tmp/$name.html" && problems+=("a bidirectional or separator code point: $(show_hazard "$tmp/$name.html")")
		grep -qF -- "$want_html" "$tmp/$name.html" ||
		    problems+=("the value is not there escaped as '${want_html:0:60}'")
		$CHECK text "$tmp/$name.html" "$want_text" >"$tmp/text.err" ||
		    problems+=("$(head -n 1 "$tmp/text.err")")
		if [ "${#problems[@]}" -eq 0 ]; then
			ok "$name.html: exit 0, well-formed, no tag or handler or control character, shown escaped"
		else
			fail "$name.html: ${problems[*]}"
		fi
		# Markdown.
		problems=()
		"$BIN" -f md "$in" >"$tmp/$name.md" 2>"$tmp/err" || problems+=("exit $?")
		cols=0
		[ "$tool" = ptrace-slow ] && cols=6
		$CHECK md "$tmp/$name.md" "$cols" >"$tmp/md.err" || problems+=("$(head -n 2 "$tmp/md.err")")
		has_ctrl "$tmp/$name.md" && problems+=("a control character: $(show_ctrl "$tmp/$name.md")")
		has_hazard "$tmp/$name.md" && problems+=("a bidirectional or separator code point: $(show_hazard "$tmp/$name.md")")
		if [ -n "$want_md" ] && ! grep -qF -- "$want_md" "$tmp/$name.md"; then
			problems+=("the value is not there escaped as '${want_md:0:60}'")
		fi
		if [ "${#problems[@]}" -eq 0 ]; then
			ok "$name.md: no raw HTML or link outside code blocks, fences closed, shown escaped"
		else
			fail "$name.md: ${problems[*]}"
		fi
		# Plain text.
		"$BIN" -f txt "$in" >"$tmp/$name.txt" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fail "$name.txt: exit $rc"
		elif has_ctrl "$tmp/$name.txt"; then
			fail "$name.txt: a control character: $(show_ctrl "$tmp/$name.txt")"
		elif has_hazard "$tmp/$name.txt"; then
			fail "$name.txt: a bidirectional or separator code point: $(show_hazard "$tmp/$name.txt")"
		elif [ "$id" = bidi ] && ! grep -qF -- "$want_text" "$tmp/$name.txt"; then
			fail "$name.txt: the value is not there as '${want_text:0:60}'"
		else
			ok "$name.txt: no control character, no bidirectional or separator code point"
		fi
	done
done
# Element by element and attribute by attribute, all the pages at once.
if $CHECK page "${pages[@]}" >"$tmp/page.err"; then
	ok "${#pages[@]} hostile pages: no element that fetches or runs, no handler, every href a #fragment"
else
	fail "hostile pages: $(head -n 5 "$tmp/page.err")"
fi

# ---- the user's own strings: --title and --owners ----
hostile_title=$'<script>alert(1)</script> \e[31m\a"><img src=x>'
"$BIN" --title "$hostile_title" -o "$tmp/title.html" "$FIX/ptrace/delay.json" &&
    xmllint --noout "$tmp/title.html" && ! grep -qiE '<(script|img)' "$tmp/title.html" &&
    ! has_ctrl "$tmp/title.html" && grep -qF '<title>&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/title.html" &&
    ok "--title: escaped in the page" || fail "--title: not escaped in the page"
for fmt in md txt; do
	"$BIN" --title "$hostile_title" -f "$fmt" "$FIX/ptrace/delay.json" >"$tmp/title.$fmt"
	if has_ctrl "$tmp/title.$fmt"; then
		fail "--title -f $fmt: a control character: $(show_ctrl "$tmp/title.$fmt")"
	elif [ "$fmt" = md ] && ! $CHECK md "$tmp/title.md" >"$tmp/md.err"; then
		fail "--title -f md: $(head -n 1 "$tmp/md.err")"
	else
		ok "--title -f $fmt: no control character, no raw HTML"
	fi
done
printf '%s\n' "198.18.2.0/24 isp <script>alert(1)</script> \"><img src=x onerror=alert(1)> it's \$(reboot)" \
    >"$tmp/owners"
"$BIN" --owners "$tmp/owners" -o "$tmp/owners.html" "$FIX/ptrace/delay.json" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ]; then
	fail "--owners with a hostile name: exit $rc ($(cat "$tmp/err"))"
elif xmllint --noout "$tmp/owners.html" && ! grep -qiE '<(script|img)[ >/]' "$tmp/owners.html" &&
    grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img' "$tmp/owners.html"; then
	ok "--owners: a hostile owner's name is escaped where it names who acts"
else
	fail "--owners: the hostile owner's name is not escaped"
fi
printf '198.18.2.0/24 isp a\033[31mb\n' >"$tmp/owners2"

# ---- the Wireshark command line ----
#
# The page shows "wireshark -r 'FILE' -Y 'FILTER'" to paste in a shell:
# read back as a shell reads it, it must give the same file name, so a
# quote or a $(...) in the name is inert and the name is not mangled.
frames=$(jq -r '[.evidence[] | select((.capture // "") == "") | .frame] | unique | map(tostring) | join(" ")' \
    "$FIX/postprobe/post.json")
for f in "/tmp/cap/it's \$(reboot) \`reboot\`; \"x\" \\ ~.pcap" "/srv/captures/café ünï ✓/post.pcap"; do
	jq --arg f "$f" '.capture.file = $f' "$FIX/postprobe/post.json" >"$tmp/cmd.json"
	if ! "$BIN" -o "$tmp/cmd.html" "$tmp/cmd.json"; then
		fail "capture file '$f': probe-report failed"
	elif $CHECK cmd "$tmp/cmd.html" "$f" "frame.number in {$frames}" >"$tmp/cmd.err"; then
		ok "capture file '$f': the wireshark command line gives the name back to a shell"
	else
		fail "capture file '$f': $(head -n 2 "$tmp/cmd.err")"
	fi
done

# ---- bad inputs: one line on stderr, the documented status, no output ----
out_dir=$tmp/outdir
mkdir -p "$out_dir"

# No report and no temporary file (.NAME.XXXXXX) left in the directory:
# checked after every expect (checks.sh), and on its own below.
expect_also() {	# LABEL
	local left
	left=$(ls -A "$out_dir")
	if [ -n "$left" ]; then
		fail "$1: left behind: $(echo "$left" | tr '\n' ' ')"
		rm -rf "${out_dir:?}"/* "${out_dir:?}"/.[!.]*
		return 1
	fi
	return 0
}


bad=$tmp/bad
mkdir -p "$bad"
echo '{"tool":"nmap","verdict":{"kind":"open"}}' >"$bad/nmap.json"
echo '[]' >"$bad/array.json"
echo '"x"' >"$bad/string.json"
echo '42' >"$bad/number.json"
echo '{"tool":"synprobe"}' >"$bad/noverdict.json"
echo '{"tool":"synprobe","verdict":{}}' >"$bad/nokind.json"
echo '{"tool":"synprobe","verdict":"open"}' >"$bad/verdictstring.json"
echo '{"tool":"ptrace-slow","verdict":{"kind":7}}' >"$bad/kindnumber.json"
echo '{"tool":["synprobe"],"verdict":{"kind":"open"}}' >"$bad/tooltype.json"
echo '{"tool":"synprobe","tool":"synprobe","verdict":{"kind":"open"}}' >"$bad/duplicate.json"
echo '{"tool":"synprobe","verdict":{"kind":"open","summary":"a\u0000b"}}' >"$bad/nul.json"
printf '{"tool":"synprobe","verdict":{"kind":"open","summary":"\xff\xfe"}}\n' >"$bad/latin1.json"
: >"$bad/empty.json"
head -c 3000 "$FIX/postprobe/post.json" >"$bad/cut.json"
# Hostile strings in the input must not reach the terminal raw either.
printf '{"tool":"nmap\\n\\u001b[31mred\\u0007","verdict":{"kind":"open"}}\n' >"$bad/tool-controls.json"
printf '{"tool":"synprobe","verdict":\033[31mred\007}\n' >"$bad/raw-controls.json"
mkdir -p "$bad/dir.json"
good=$FIX/synprobe/pathdrop.json
o=$out_dir/r.html

expect 66 "cannot open $bad/missing.json" -- -o "$o" "$bad/missing.json"
expect 66 "$bad/dir.json.*directory" -- -o "$o" "$bad/dir.json"
expect 66 "cannot open" -- -o "$o" "$good" "$bad/missing.json"
expect 65 "not JSON" -- -o "$o" Makefile
expect 65 "not JSON" -- -o "$o" "$bad/empty.json"
expect 65 "not JSON" -- -o "$o" "$bad/cut.json"
expect 65 "not JSON" -- -o "$o" "$bad/string.json"
expect 65 "not JSON" -- -o "$o" "$bad/number.json"
expect 65 "not JSON" -- -o "$o" "$bad/duplicate.json"
expect 65 "not JSON" -- -o "$o" "$bad/nul.json"
expect 65 "not JSON" -- -o "$o" "$bad/latin1.json"
expect 65 "not a faultline result" -- -o "$o" "$bad/nmap.json"
expect 65 "not a faultline result" -- -o "$o" "$bad/array.json"
expect 65 "not a faultline result" -- -o "$o" "$bad/tooltype.json"
expect 65 "without a verdict" -- -o "$o" "$bad/noverdict.json"
expect 65 "without a verdict" -- -o "$o" "$bad/nokind.json"
expect 65 "without a verdict" -- -o "$o" "$bad/verdictstring.json"
expect 65 "without a verdict" -- -o "$o" "$bad/kindnumber.json"
expect 65 "not a faultline result" -- -o "$o" "$good" "$bad/nmap.json"
expect 65 "not a faultline result" -- -o "$o" "$bad/tool-controls.json"
expect 65 "not JSON" -- -o "$o" "$bad/raw-controls.json"
expect 65 "control character" -- --owners "$tmp/owners2" -o "$o" "$good"
expect 66 "cannot open" -- --owners "$bad/missing" -o "$o" "$good"
expect 64 "--format: 'pdf' is not html, md or txt" -- --format pdf -o "$o" "$good"
expect 64 "--format: 'HTML' is not html, md or txt" -- -f HTML "$good"
expect 64 "no result file given" --
expect 64 "no result file given" -- -o "$o"
expect 64 "unknown option --bogus" -- --bogus "$good"
expect 64 "option -o needs an argument" -- -o
expect 64 "-o: empty file name" -- -o "" "$good"
expect 73 "cannot create $tmp/nonexistent/r.html" -- -o "$tmp/nonexistent/r.html" "$good"
# Renaming onto a directory fails at the very end: the finished
# temporary file must go too.
mkdir "$out_dir/adir"
"$BIN" -o "$out_dir/adir" "$good" 2>"$tmp/err"
rc=$?
rmdir "$out_dir/adir" 2>/dev/null
if [ "$rc" -ne 73 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
	fail "-o onto a directory: exit $rc, expected 73 and one line ($(cat "$tmp/err"))"
elif expect_also "-o onto a directory"; then
	ok "[73] -o onto a directory: $(cat "$tmp/err"), no temporary file left"
fi
# A write error half way (the file size limit: EFBIG, with SIGXFSZ
# ignored): 74, the temporary file removed, an older report untouched.
echo "the old report" >"$o"
(trap '' XFSZ; ulimit -f 8; exec "$BIN" -o "$o" "$FIX/postprobe/post.json") 2>"$tmp/err"
rc=$?
left=$(ls -A "$out_dir")
if [ "$rc" -ne 74 ] || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
	fail "write error: exit $rc, expected 74 and one line ($(cat "$tmp/err"))"
elif [ "$left" != "r.html" ] || [ "$(cat "$o")" != "the old report" ]; then
	fail "write error: the directory holds '$(echo "$left" | tr '\n' ' ')', r.html '$(head -c 40 "$o")'"
else
	ok "[74] write error half way: $(cat "$tmp/err"); no temporary file, the old report untouched"
fi
rm -f "$o"
(trap '' XFSZ; ulimit -f 8; exec "$BIN" "$FIX/postprobe/post.json") >"$tmp/stdout.html" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 74 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
    ok "[74] write error on standard output: $(cat "$tmp/err")" ||
    fail "write error on standard output: exit $rc, expected 74 ($(cat "$tmp/err"))"

# And a good run: the report alone, readable by all, no temporary file.
if "$BIN" -o "$o" "$good" 2>"$tmp/err" && [ "$(ls -A "$out_dir")" = "r.html" ] &&
    [ "$(stat -c %a "$o")" = 644 ] && [ ! -s "$tmp/err" ]; then
	ok "[0] a good run: r.html alone in its directory, mode 644, nothing on stderr"
else
	fail "a good run: the directory holds '$(ls -A "$out_dir" | tr '\n' ' ')', mode $(stat -c %a "$o" 2>/dev/null)"
fi

checks_end "probe-report hostile-input"
