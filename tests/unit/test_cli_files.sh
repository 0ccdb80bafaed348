#!/usr/bin/env bash
# The files a run names, on every command (issue 16): a capture whose
# name is not UTF-8 keeps its JSON fields, escaped.
set -u
cd "$(dirname "$0")/../.." || exit 2
BINDIR=${FL_BIN:-${B:-build}}
CAP=../shared/captures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/unit/checks.sh
. tests/unit/checks.sh
checks_need jq

# ---- names that are not UTF-8 ----
#
# jansson refuses such a string, and the field was silently lost: the
# name is kept, each stray byte as \xNN.
latin=$tmp/$(printf 'caf\xe9')
mkdir -p "$latin"
cp "$CAP/icmp-tracert-slow.pcap" "$CAP/ftpclientdenied.pcap" "$CAP/ftpserverdenied.pcap" \
    "$CAP/http-fault-post.pcap" "$latin/"
esc="$tmp/caf\\xe9"
for run in "ptrace-slow icmp-tracert-slow.pcap" "synprobe ftpclientdenied.pcap" \
    "postprobe http-fault-post.pcap"; do
	set -- $run
	"$BINDIR/$1" -n --json -r "$latin/$2" >"$tmp/latin.json" 2>"$tmp/err"
	got=$(jq -r '[.options.read, .capture.file] | map(. // "MISSING") | join(" ")' "$tmp/latin.json" 2>/dev/null)
	if [ "$got" = "$esc/$2 $esc/$2" ]; then
		ok "$1 -r with a name that is not UTF-8: options.read and capture.file kept, escaped"
	else
		fail "$1 -r with a name that is not UTF-8: options.read, capture.file are '$got'"
	fi
done
"$BINDIR/synprobe" -n --json -r "$latin/ftpclientdenied.pcap" \
    --server-capture "$latin/ftpserverdenied.pcap" >"$tmp/latin.json" 2>"$tmp/err"
got=$(jq -r '.options.server_capture // "MISSING"' "$tmp/latin.json" 2>/dev/null)
[ "$got" = "$esc/ftpserverdenied.pcap" ] &&
    ok "synprobe --server-capture with a name that is not UTF-8: kept, escaped" ||
    fail "synprobe --server-capture with a name that is not UTF-8: '$got'"

checks_end "command-line files"
