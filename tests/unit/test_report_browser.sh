#!/usr/bin/env bash
# probe-report's page in a real browser (headless Chromium): one report
# of each kind, and one of several results, drawn at desktop and at
# phone width.  Each picture must have the window's size and not be
# blank, and the page the browser built must show the conclusion and
# who should act, as probe-report -f txt words them.  Printed to PDF,
# every page has text and each result after the first begins a page.  The pictures and
# PDFs are kept in tests/artifacts/report/ for a person to look at.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${B:-build}/probe-report
ART=tests/artifacts/report
FIX=tests/fixtures
PY=$(command -v /usr/bin/python3 || command -v python3 || echo python3)
CHECK="$PY tests/unit/report_check.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh

CHROMIUM=$(command -v chromium || true)
if [ -z "$CHROMIUM" ]; then
	echo "FAIL: chromium is not installed: run 'make deps' (Debian package chromium)"
	exit 1
fi
checks_need "$PY" pdfinfo pdftotext
checks_built
mkdir -p "$ART" || exit 1

# The checker itself first: it must decode every row filter right.
if $PY tests/unit/png_check.py --selftest >"$tmp/self.out"; then
	ok "png_check.py: $(cat "$tmp/self.out")"
else
	fail "png_check.py --selftest: $(cat "$tmp/self.out")"
fi

# Headless, offline, no state kept between runs; root needs --no-sandbox.
browser() {	# LOG ARGS...
	local log=$1 profile
	shift
	profile=$(mktemp -d "$tmp/profile.XXXXXX")
	timeout -k 5 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
	    --no-first-run --disable-background-networking --disable-component-update \
	    --disable-sync --user-data-dir="$profile" --hide-scrollbars "$@" 2>"$log"
}

# What the report concludes, from its plain-text form: each result's
# sentence (after the status, "Fault on the network path. ") and its
# "Who should act" line.
conclusions() {	# TXT
	sed -nE 's/^(Fault [a-z ]+|No fault found|Not placed yet|Over the latency budget|Older result: not judged)\. //p' "$1"
}
actors() {	# TXT
	sed -nE 's/^  Who should act: //p' "$1"
}

# Printed to PDF (the print stylesheet): every page has text, and each
# result's conclusion is printed.  With several results, result N
# (N > 1) begins a page of its own, whose first line is its heading
# "N. ...", with its conclusion on that page, in order.  The PDF is kept
# beside the pictures.
printed() {	# NAME HTML CONCLUSION...
	local name=$1 html=$2 pdf pages p i prev=1 rc want
	shift 2
	pdf=$ART/$name.pdf
	rm -f "$pdf"
	browser "$tmp/chromium.log" --no-pdf-header-footer --print-to-pdf="$PWD/$pdf" "file://$html"
	rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$pdf" ]; then
		fail "$name printed: chromium exited $rc, no $pdf ($(grep -v dbus "$tmp/chromium.log" | tail -n 2))"
		return
	fi
	pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	if [ -z "$pages" ] || [ "$pages" -lt "$#" ] || [ "$pages" -gt $((8 * $#)) ]; then
		fail "$name printed: ${pages:-no} pages for $# results (one to eight each)"
		return
	fi
	for ((p = 1; p <= pages; p++)); do
		pdftotext -layout -f "$p" -l "$p" "$pdf" "$tmp/page$p.raw" 2>/dev/null
		# Folded: the text wraps at other places than on the page.
		tr -s ' \n' '  ' <"$tmp/page$p.raw" >"$tmp/page$p.txt"
		if ! grep -q '[A-Za-z]' "$tmp/page$p.txt"; then
			fail "$name printed: page $p of $pages is blank"
			return
		fi
	done
	cat "$tmp"/page*.txt >"$tmp/all.txt"
	i=0
	for c in "$@"; do
		i=$((i + 1))
		want=$(echo "$c" | tr -s ' ' | cut -d' ' -f1-5)
		if ! grep -qF "$want" "$tmp/all.txt"; then
			fail "$name printed: result $i's conclusion ('$want') is on no page"
			return
		fi
		[ "$#" -gt 1 ] && [ "$i" -gt 1 ] || continue
		for ((p = prev + 1; p <= pages; p++)); do
			grep -m 1 '[^ ]' "$tmp/page$p.raw" | grep -qE "^ *$i\. " && break
		done
		if [ "$p" -gt "$pages" ]; then
			fail "$name printed: no page after page $prev begins with result $i's heading"
			return
		elif ! grep -qF "$want" "$tmp/page$p.txt"; then
			fail "$name printed: result $i begins page $p, but its conclusion is not there"
			return
		fi
		prev=$p
	done
	if [ "$#" -gt 1 ]; then
		ok "$name printed: $pages pages, none blank, each result from the second on begins a page with its heading and conclusion ($pdf)"
	else
		ok "$name printed: $pages pages, none blank, with the conclusion ($pdf)"
	fi
}

report() {	# NAME RESULT...
	local name=$1 html w h size png rc
	shift
	html=$tmp/$name.html
	if ! "$BIN" -o "$html" "$@" || ! "$BIN" -f txt "$@" >"$tmp/$name.txt"; then
		fail "$name: probe-report failed"
		return
	fi
	mapfile -t heads < <(conclusions "$tmp/$name.txt")
	mapfile -t whos < <(actors "$tmp/$name.txt")
	if [ "${#heads[@]}" -ne $# ] || [ "${#whos[@]}" -ne $# ]; then
		fail "$name: -f txt has ${#heads[@]} conclusions and ${#whos[@]} 'Who should act' lines for $# results"
		return
	fi
	# The page and the text must say the same thing.
	if [ "$($CHECK headline "$html")" = "$(printf '%s\n' "${heads[@]}" | tr -s ' ')" ]; then
		ok "$name: the page's headline is the text's conclusion: ${heads[0]:0:90}..."
	else
		fail "$name: the page's headline '$($CHECK headline "$html" | head -n 1)' is not the text's '${heads[0]}'"
	fi

	for size in desktop:1280x2000 phone:390x2400; do
		w=${size#*:} h=${w#*x} w=${w%x*} size=${size%%:*}
		png=$ART/$name-$size.png
		rm -f "$png"
		browser "$tmp/chromium.log" --window-size="$w,$h" --screenshot="$PWD/$png" "file://$html"
		rc=$?
		if [ "$rc" -ne 0 ] || [ ! -s "$png" ]; then
			fail "$name at $size: chromium exited $rc, no $png ($(grep -v dbus "$tmp/chromium.log" | tail -n 2))"
			continue
		fi
		if $PY tests/unit/png_check.py "$png" "$w" "$h" >"$tmp/png.out"; then
			ok "$name at $size: $(head -n 1 "$tmp/png.out")"
		else
			fail "$name at $size: $(tail -n +2 "$tmp/png.out" | tr '\n' ' ')"
		fi
		echo "     picture: $png"
	done

	printed "$name" "$html" "${heads[@]}"

	browser "$tmp/chromium.log" --window-size=1280,2000 --dump-dom "file://$html" >"$tmp/$name.dom"
	rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$tmp/$name.dom" ]; then
		fail "$name: chromium --dump-dom exited $rc ($(grep -v dbus "$tmp/chromium.log" | tail -n 2))"
	elif $CHECK dom "$tmp/$name.dom" "${heads[@]}" "Who should act" "${whos[@]}" >"$tmp/dom.err"; then
		ok "$name: the browser's page shows the conclusion and who should act"
	else
		fail "$name: $(head -n 3 "$tmp/dom.err")"
	fi
}

t0=$(date +%s)
report ptrace-delay "$FIX/ptrace/delay.json"
report ptrace-congested "$FIX/report/congested.json"
report ptrace-clean-step "$FIX/report/clean_step.json"
report ptrace-over-budget "$FIX/report/over_budget.json"
report synprobe-pathdrop "$FIX/synprobe/pathdrop.json"
report postprobe-post "$FIX/postprobe/post.json"
report postprobe-proxy "$FIX/postprobe/proxy.json"
report multi "$FIX/report/congested.json" "$FIX/synprobe/pathdrop.json" "$FIX/postprobe/post.json" \
    "$FIX/postprobe/proxy.json" "$FIX/report/clean_step.json"
echo "pictures in $ART/ ($(($(date +%s) - t0)) s)"

checks_end "probe-report browser"
