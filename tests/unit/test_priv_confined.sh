#!/usr/bin/env bash
# Privileged calls live in probes/priv.c only (as mtr keeps them in one
# place), and nothing in analyze/ prints or exits on its own.  Output
# files are replaced and removed only by probes/cli/outfile.c, the
# guardian that outlives the privilege drop (a file truncated or removed
# anywhere else could be left half-made by a failed run).  Each rule is
# first shown to catch a planted violation, so this test can fail.
set -u
cd "$(dirname "$0")/../.." || exit 2
fails=0

PRIV='\b(libnet_init|pcap_create|pcap_open_live|pcap_activate|setuid|seteuid|setreuid|setresuid|setgid|setegid|setregid|setresgid|setgroups|initgroups|cap_set_proc|cap_set_flag|prctl)[[:space:]]*\(|\b(SOCK_RAW|SOCK_PACKET|PF_PACKET|AF_PACKET)\b'
OUTFILE='\b(rename|renameat|renameat2|unlink|unlinkat|remove|truncate|ftruncate)[[:space:]]*\(|\bO_TRUNC\b'
ANALYZE='(\bprintf[[:space:]]*\(|fprintf[[:space:]]*\([[:space:]]*(stderr|stdout)|\bputs[[:space:]]*\(|\bputchar[[:space:]]*\(|\bexit[[:space:]]*\(|\babort[[:space:]]*\(|\berr[x]?[[:space:]]*\()'

check() {	# name, pattern, files...
	local name=$1 pat=$2
	shift 2
	local hits
	hits=$(grep -nE "$pat" "$@" 2>/dev/null | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)')
	if [ -n "$hits" ]; then
		echo "FAIL $name:"
		echo "$hits"
		fails=$((fails + 1))
	else
		echo "ok   $name"
	fi
}

# The patterns must catch what they are meant to catch.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'x = libnet_init(LIBNET_RAW4, d, e);\nif (setresuid(1,1,1)) ;\nfd = socket(AF_INET, SOCK_RAW, 1);\n' >"$tmp/bad.c"
printf 'printf("x");\nfprintf(stderr, "y");\nexit(1);\n' >"$tmp/bad_analyze.c"
[ "$(grep -cE "$PRIV" "$tmp/bad.c")" -eq 3 ] || { echo "FAIL: privileged-call pattern misses planted calls"; fails=$((fails + 1)); }
[ "$(grep -cE "$ANALYZE" "$tmp/bad_analyze.c")" -eq 3 ] || { echo "FAIL: analyze pattern misses planted calls"; fails=$((fails + 1)); }
printf '(void)unlink(path);\nfd = open(p, O_WRONLY | O_TRUNC);\nrename(a, b);\nftruncate(fd, 0);\n' >"$tmp/bad_out.c"
[ "$(grep -cE "$OUTFILE" "$tmp/bad_out.c")" -eq 4 ] || { echo "FAIL: output-file pattern misses planted calls"; fails=$((fails + 1)); }

mapfile -t others < <(find probes analyze -name '*.[ch]' ! -name priv.c ! -name priv.h | sort)
[ "${#others[@]}" -gt 5 ] || { echo "FAIL: source files not found"; exit 1; }
check "privileged calls only in probes/priv.c" "$PRIV" "${others[@]}"
grep -qE 'libnet_init|pcap_create|setresuid|cap_set_proc' probes/priv.c ||
	{ echo "FAIL: probes/priv.c no longer holds the privileged calls"; fails=$((fails + 1)); }
mapfile -t probes_src < <(find probes -name '*.[ch]' ! -path probes/cli/outfile.c | sort)
check "output files replaced and removed only in probes/cli/outfile.c" "$OUTFILE" "${probes_src[@]}"
grep -qE 'renameat' probes/cli/outfile.c ||
	{ echo "FAIL: probes/cli/outfile.c no longer commits the output files"; fails=$((fails + 1)); }
mapfile -t analyze < <(find analyze -name '*.[ch]' | sort)
check "analyze/ neither prints nor exits" "$ANALYZE" "${analyze[@]}"

[ "$fails" -eq 0 ]
