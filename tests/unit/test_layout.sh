#!/usr/bin/env bash
# The house's layout holds (README.md, "How it is built"): analyze/ never
# includes probes/ (what packets mean needs no privilege and no wire);
# includes are written from the top of the tree and name files that
# exist; and each folder includes only the folders below it:
#
#   analyze/packet < analyze/flow < analyze/common < a command's folder
#   (analyze/postprobe also reads with analyze/synprobe's rules and
#   analyze/pcap_triage's split of a connection's time; the
#   report reads results, so common and packet only), and on the probes
#   side the shared folders (wire, host, cli) include no command folder.
#
# Each rule is first shown to catch a planted violation, so this test can
# fail.  A new command is a folder on each side: add it to the table.
set -u
cd "$(dirname "$0")/../.." || exit 2
fails=0

# Folder -> the folders (besides itself) its files may include.
declare -A may=(
	[analyze/packet]=""
	[analyze/flow]="analyze/packet"
	[analyze/common]="analyze/packet analyze/flow"
	[analyze/ptrace_slow]="analyze/packet analyze/flow analyze/common"
	[analyze/synprobe]="analyze/packet analyze/flow analyze/common"
	[analyze/postprobe]="analyze/packet analyze/flow analyze/common analyze/synprobe analyze/pcap_triage"
	[analyze/report]="analyze/packet analyze/common"
	[analyze/pcap_triage]="analyze/packet analyze/flow analyze/common analyze/synprobe"
	[probes]="analyze/packet analyze/common"
	[probes/wire]="analyze/packet analyze/flow analyze/common probes probes/cli"
	[probes/host]="analyze/packet probes/cli"
	[probes/cli]="analyze/packet analyze/flow analyze/common analyze/report probes probes/wire"
	[probes/ptrace_slow]="analyze/packet analyze/flow analyze/common analyze/ptrace_slow analyze/report probes probes/wire probes/host probes/cli"
	[probes/synprobe]="analyze/packet analyze/flow analyze/common analyze/synprobe analyze/pcap_triage analyze/report probes probes/wire probes/host probes/cli"
	[probes/postprobe]="analyze/packet analyze/flow analyze/common analyze/postprobe analyze/synprobe analyze/pcap_triage analyze/report probes probes/wire probes/host probes/cli probes/synprobe"
	[probes/probe_report]="analyze/packet analyze/common analyze/report probes/cli"
	[probes/pcap_triage]="analyze/packet analyze/flow analyze/common analyze/pcap_triage probes probes/wire probes/cli"
)

# check_file FILE [FOLDER]: its quoted includes, against the table, as a
# file of FOLDER (default: its own).  Prints one line per violation;
# returns 1 when there is any.
check_file() {
	local f=$1 dir=${2:-} inc idir ok=0 allowed
	[ -n "$dir" ] || dir=$(dirname "$f")
	if [ -z "${may[$dir]+x}" ]; then
		echo "$f: folder $dir is not in the layout table (tests/unit/test_layout.sh)"
		return 1
	fi
	allowed=" $dir ${may[$dir]} "
	while IFS= read -r inc; do
		case $inc in
		analyze/*|probes/*) ;;
		*)
			echo "$f: #include \"$inc\" is not written from the top of the tree"
			ok=1
			continue ;;
		esac
		if [ ! -f "$inc" ]; then
			echo "$f: #include \"$inc\" names no file"
			ok=1
			continue
		fi
		idir=$(dirname "$inc")
		case $allowed in
		*" $idir "*) ;;
		*)
			echo "$f: includes $inc, but $dir may include only: ${may[$dir]:-nothing else}"
			ok=1 ;;
		esac
	done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
	return $ok
}

# The rules catch what they are meant to catch (a file planted outside the
# tree, read as if it were in the folder named).
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
planted() {
	local what=$1 dir=$2 line=$3
	printf '%s\n' "$line" >"$tmp/plant.c"
	if check_file "$tmp/plant.c" "$dir" >/dev/null; then
		echo "FAIL: a planted $what is not caught ($line in $dir)"
		fails=$((fails + 1))
	else
		echo "ok   planted $what is caught"
	fi
}
planted "include of probes/ from analyze/" analyze/flow '#include "probes/wire/capture.h"'
planted "include not from the top" analyze/flow '#include "correlate.h"'
planted "include of a missing file" analyze/flow '#include "analyze/flow/nothere.h"'
planted "upward include" analyze/packet '#include "analyze/flow/correlate.h"'
planted "command from a shared folder" probes/cli '#include "probes/synprobe/synscan.h"'

n=0
while IFS= read -r f; do
	n=$((n + 1))
	if ! check_file "$f"; then
		fails=$((fails + 1))
	fi
done < <(find analyze probes -name '*.[ch]' | sort)
if [ "$n" -lt 20 ]; then
	echo "FAIL: only $n source files found"
	fails=$((fails + 1))
fi
echo "ok   $n files checked"
[ "$fails" -eq 0 ]
