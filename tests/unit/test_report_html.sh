#!/usr/bin/env bash
# probe-report on every saved lab result: the HTML page is well-formed
# (as XML and as HTML) and self-contained (it fetches nothing, runs
# nothing, links only inside itself); Markdown and plain text are
# written too; several results make one page with an overview.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${B:-build}/probe-report
PY=$(command -v /usr/bin/python3 || command -v python3 || echo python3)
CHECK="$PY tests/unit/report_check.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh

checks_need xmllint "$PY"
checks_built

# libxml2's HTML parser knows HTML 4 only: it names each HTML5 and SVG
# element it meets "invalid" (and still exits 0).  Those names are
# expected; any other message, or another element name, is a failure.
HTML5_SVG='article|aside|figure|figcaption|footer|header|main|nav|section|time|mark|svg|g|rect|line|polyline|polygon|path|circle|ellipse|text|tspan|title|desc|defs|clipPath|pattern|marker'

# A src= or on...= attribute: in a tag, outside the quoted values (the
# page escapes every " in text, so a raw " only delimits a value).
src_attr() { sed 's/"[^"]*"/""/g' "$1" | grep -oiP '<[^<>]*\s(src|srcset|on[a-z]+)\s*=' | head -n 1 | cut -c1-80; }

# One page: well-formed as XML and as HTML; no reference outside itself.
check_page() {	# FILE LABEL
	local f=$1 what=$2 rc
	xmllint --noout "$f" >"$tmp/xml.err" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ] || [ -s "$tmp/xml.err" ]; then
		fail "$what: xmllint --noout: exit $rc: $(head -n 3 "$tmp/xml.err")"
	else
		ok "$what: well-formed XML"
	fi
	xmllint --html --noout "$f" >"$tmp/html.err" 2>&1
	rc=$?
	# Each message is "FILE:LINE: HTML parser error : TEXT", then the
	# line it is about and a caret: only the first counts.
	grep -E '^[^ ]+:[0-9]+: [A-Za-z ]*(error|warning) : ' "$tmp/html.err" |
	    grep -vE "HTML parser error : Tag ($HTML5_SVG) invalid\$" >"$tmp/html.bad"
	if [ "$rc" -ne 0 ] || [ -s "$tmp/html.bad" ]; then
		fail "$what: xmllint --html: exit $rc: $(head -n 3 "$tmp/html.bad")"
	else
		ok "$what: parses as HTML"
	fi
	# Raw text first: none of these can appear in escaped text.
	if grep -qiE '<(link|script|iframe|object|embed|img|base|meta http-equiv)[ >/]' "$f"; then
		fail "$what: $(grep -oiE '<(link|script|iframe|object|embed|img|base|meta http-equiv)[ >/]' "$f" | sort -u | tr '\n' ' ')"
	elif grep -qiE 'url\(|@import' "$f"; then
		fail "$what: $(grep -noiE '.{0,40}(url\(|@import).{0,40}' "$f" | head -n 2)"
	elif [ -n "$(src_attr "$f")" ]; then
		fail "$what: $(src_attr "$f")"
	else
		ok "$what: no <script>, <link>, <iframe>, <object>, <embed>, src=, url(, @import"
	fi
	# Then the parsed page: every element and attribute.
	if $CHECK page "$f" >"$tmp/page.err"; then
		ok "$what: self-contained (every href a #fragment on the page, no URL where a browser acts on it)"
	else
		fail "$what: $(sed "s/^[^:]*: //" "$tmp/page.err" | head -n 5)"
	fi
}

# Markdown opens with "# Title", plain text with the title underlined.
titled() {	# FORMAT FILE
	case $1 in
	md) head -n 1 "$2" | grep -q '^# ' ;;
	txt) sed -n 3p "$2" | grep -q '^==*$' ;;
	esac
}

fixtures=(tests/fixtures/*/*.json)
[ "${#fixtures[@]}" -gt 30 ] || fail "only ${#fixtures[@]} fixtures found under tests/fixtures/*/"

for j in "${fixtures[@]}"; do
	name=$(basename "$(dirname "$j")")-$(basename "$j" .json)
	out=$tmp/$name.html
	"$BIN" -o "$out" "$j" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$out" ] || [ -s "$tmp/err" ]; then
		fail "$j: probe-report -o $name.html exited $rc ($(head -c 200 "$tmp/err"))"
		continue
	fi
	ok "$j: probe-report -o $name.html exit 0, $(wc -c <"$out") bytes"
	check_page "$out" "$name.html"
	for fmt in md txt; do
		"$BIN" --format "$fmt" "$j" >"$tmp/$name.$fmt" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -ne 0 ] || [ ! -s "$tmp/$name.$fmt" ] || [ -s "$tmp/err" ]; then
			fail "$j: --format $fmt exited $rc, $(wc -c <"$tmp/$name.$fmt") bytes ($(head -c 200 "$tmp/err"))"
		elif ! titled "$fmt" "$tmp/$name.$fmt"; then
			fail "$j: --format $fmt: not a $fmt title: $(head -n 3 "$tmp/$name.$fmt" | tr '\n' '|')"
		elif [ "$fmt" = md ] && ! $CHECK md "$tmp/$name.md" 6 >"$tmp/md.err"; then
			fail "$j: --format md: $(head -n 2 "$tmp/md.err")"
		else
			ok "$j: --format $fmt exit 0, $(wc -l <"$tmp/$name.$fmt") lines"
		fi
	done
done

# The format follows -o's name unless --format says otherwise.
for fmt in md txt; do
	if "$BIN" -o "$tmp/r.$fmt" tests/fixtures/ptrace/delay.json && titled "$fmt" "$tmp/r.$fmt"; then
		ok "-o r.$fmt writes $fmt"
	else
		fail "-o r.$fmt does not write $fmt"
	fi
done

# Each result's status, as the overview lines begin (rp_status_word).
STATUS='Fault|No fault|No network fault|Cannot be judged|Not placed|Over the latency budget|Older result'

# Several results, one page: an overview list linking to each.
multi() {	# LABEL FILE...
	local label=$1 n
	shift
	n=$#
	"$BIN" -o "$tmp/multi.html" "$@" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
		fail "$label: $n results: exit $rc ($(head -c 200 "$tmp/err"))"
		return
	fi
	ok "$label: $n results in one page, exit 0"
	check_page "$tmp/multi.html" "$label"
	if $CHECK overview "$tmp/multi.html" "$n" >"$tmp/ov.err"; then
		ok "$label: an overview list of $n results, each linked to its article"
	else
		fail "$label: $(sed "s/^[^:]*: //" "$tmp/ov.err" | head -n 3)"
	fi
	grep -q "<strong>$n checks, [0-9]* found a fault.</strong>" "$tmp/multi.html" &&
	    ok "$label: the overview counts $n checks" || fail "$label: no '$n checks' count"
	for fmt in md txt; do
		"$BIN" -f "$fmt" "$@" >"$tmp/multi.$fmt" 2>"$tmp/err"
		rc=$?
		if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
			fail "$label: --format $fmt exit $rc"
		elif [ "$(grep -cE "^ *[0-9]+\. ($STATUS)" "$tmp/multi.$fmt")" -ne "$n" ]; then
			fail "$label: --format $fmt: $(grep -cE "^ *[0-9]+\. ($STATUS)" "$tmp/multi.$fmt") overview lines, expected $n"
		else
			ok "$label: --format $fmt lists the $n results"
		fi
	done
}
multi "one of each kind" tests/fixtures/ptrace/delay.json tests/fixtures/synprobe/pathdrop.json \
    tests/fixtures/postprobe/post.json tests/fixtures/postprobe/proxy.json
multi "ptrace-slow's kinds" tests/fixtures/report/congested.json tests/fixtures/report/slow_link.json \
    tests/fixtures/report/over_budget.json tests/fixtures/report/clean_step.json \
    tests/fixtures/report/loss_unplaced.json tests/fixtures/ptrace/delay.json
# A report takes at most 64 results.
multi "every fixture" "${fixtures[@]:0:64}"

checks_end "probe-report HTML"
