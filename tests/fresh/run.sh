#!/usr/bin/env bash
# tests/fresh/run.sh: what a newcomer gets.  Builds a bare Debian root
# (debootstrap --variant=minbase, plus git and ca-certificates to have
# cloned with), clones this repository into it, and runs the README's
# two commands there, read from README.md itself (the lines after the
# "fresh-machine" marker), exactly as written, as root.
#
#   tests/fresh/run.sh SUITE [MODE]
#     SUITE  bookworm (Debian 12) or trixie (Debian 13); 12 and 13 work too
#     MODE   full   the demo command, then the check command (every suite:
#                   unit, fuzz, lab, browser), once, inside the root
#            unit   the demo command, then "make unit-check" (no lab)
#            demo   the demo command only
#
# Environment:
#   FRESH_DIR     where roots are built (default /var/tmp/faultline-fresh);
#                 each run gets its own, removed at the end
#   FRESH_CACHE   downloaded .deb files, kept between runs, one directory
#                 per suite (default /var/cache/faultline-fresh).  Only
#                 archives are shared, never dpkg's state, so the cache
#                 hides no missing install step.
#   FRESH_MIRROR  Debian mirror (default http://deb.debian.org/debian)
#   FRESH_REPO    what to clone (default this checkout; its HEAD, so
#                 uncommitted work is not tested)
#   FRESH_KEEP=1  keep the root (and say where)
#
# Isolation: the root is entered with unshare --mount --pid --fork
# --mount-proc and chroot.  It has its own /proc, /sys, /dev/shm and a
# tmpfs /run (so "ip netns" writes there, never into the host's
# /run/netns), and a policy-rc.d that exits 101, so no package starts a
# daemon on the host's network.  Mounts and processes end with the
# namespaces.  The root shares the host's network namespace (apt needs
# the mirror); the lab adds nothing to it.  Kernel modules are the
# host's: a fresh root has no /lib/modules, and nothing here runs
# modprobe.
#
# Prints each stage's time; the last line is "N passed, N failed": the
# inner test runner's cases plus this script's own checks (both commands
# exit 0, the demo report is written, every suite ran, no compiler
# warning).  Exit status 0 only when nothing failed.
set -u

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=$(cd "$repo/../shared" 2>/dev/null && pwd) || shared=

usage() {
	echo "usage: $0 bookworm|trixie [full|unit|demo]" >&2
	exit 2
}
case ${1:-} in
bookworm|12) suite=bookworm ;;
trixie|13) suite=trixie ;;
*) usage ;;
esac
mode=${2:-full}
case $mode in full|unit|demo) ;; *) usage ;; esac

FRESH_DIR=${FRESH_DIR:-/var/tmp/faultline-fresh}
FRESH_CACHE=${FRESH_CACHE:-/var/cache/faultline-fresh}
FRESH_MIRROR=${FRESH_MIRROR:-http://deb.debian.org/debian}
FRESH_REPO=${FRESH_REPO:-$repo}

passed=0 failed=0
check() {	# message, then a command that must succeed
	local msg=$1
	shift
	if "$@"; then
		passed=$((passed + 1))
		echo "fresh: ok   $msg"
	else
		failed=$((failed + 1))
		echo "fresh: FAIL $msg"
	fi
}
die() {
	echo "fresh: error: $*" >&2
	echo "$passed passed, $((failed + 1)) failed"
	exit 1
}

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, namespaces)"
for t in debootstrap unshare chroot git mount findmnt; do
	command -v "$t" >/dev/null 2>&1 || die "missing $t (apt-get install -y debootstrap git util-linux mount)"
done

# The two command lines: the first two indented lines after the marker.
readme=$repo/README.md
mapfile -t cmds < <(awk '
	/<!-- fresh-machine:/ { on = 1; next }
	on && /^    [^ ]/ { sub(/^    /, ""); print; if (++n == 2) exit; next }
	on && n > 0 && !/^    / { exit }
' "$readme")
[ "${#cmds[@]}" = 2 ] || die "README.md: no two command lines after the fresh-machine marker"
demo_cmd=${cmds[0]}
check_cmd=${cmds[1]}
case $demo_cmd in *"make demo"*) ;; *) die "README.md: the first marked line does not run make demo: $demo_cmd" ;; esac
case $check_cmd in *"make deps check"*) ;; *) die "README.md: the second marked line does not run make deps check: $check_cmd" ;; esac

mkdir -p "$FRESH_DIR" "$FRESH_CACHE/$suite" || die "cannot make $FRESH_DIR or $FRESH_CACHE"
root=$(mktemp -d "$FRESH_DIR/$suite.XXXXXX") || die "cannot make a root under $FRESH_DIR"
# A root file system is world-readable: mktemp's 0700 would lock every
# user but root out of it (the probes drop to nobody, tests run as users).
chmod 755 "$root"
logs=$root.logs
mkdir -p "$logs"

# Nothing may be mounted under the root when it is removed: rm -rf must
# never reach through a bind mount into the host.
mounted_under() {
	findmnt -rn -o TARGET | awk -v r="$1/" 'index($0 "/", r) == 1' | grep -q .
}
cleanup() {
	if [ -n "${FRESH_KEEP:-}" ]; then
		echo "fresh: kept $root (logs in $logs)"
		return
	fi
	if mounted_under "$root"; then
		echo "fresh: warning: something is still mounted under $root; not removing it" >&2
		return
	fi
	rm -rf --one-file-system "$root"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

t_all=$(date +%s)
stage_start() { t_stage=$(date +%s); echo "fresh: == $1"; }
stage_end() { echo "fresh: -- $1: $(($(date +%s) - t_stage)) s"; }

# --- the bare root -------------------------------------------------------
stage_start "debootstrap $suite (minbase, plus git and ca-certificates)"
debootstrap --variant=minbase --include=git,ca-certificates \
    --cache-dir="$FRESH_CACHE/$suite" "$suite" "$root" "$FRESH_MIRROR" \
    >"$logs/debootstrap.log" 2>&1 || {
	tail -n 20 "$logs/debootstrap.log"
	die "debootstrap $suite failed (log: $logs/debootstrap.log)"
}
# The sources a Debian installation has: the release, its updates and
# its security updates.
security=${FRESH_SECURITY:-http://deb.debian.org/debian-security}
cat >"$root/etc/apt/sources.list" <<EOF
deb $FRESH_MIRROR $suite main
deb $FRESH_MIRROR $suite-updates main
deb $security $suite-security main
EOF
printf '#!/bin/sh\n# fresh root: no package starts a daemon\nexit 101\n' \
    >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"
# Keep the downloaded archives for the next run (the cache is bound over
# /var/cache/apt/archives).
echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' \
    >"$root/etc/apt/apt.conf.d/99fresh-keep-debs"
rm -f "$root/etc/apt/apt.conf.d/docker-clean"
stage_end debootstrap

# --- the clone -----------------------------------------------------------
mkdir -p "$root/work/shared"
git clone -q --no-hardlinks "$FRESH_REPO" "$root/work/faultline" ||
    die "git clone $FRESH_REPO failed"
echo "fresh: cloned $(git -C "$root/work/faultline" log -1 --format='%h %s')"

# inroot LOG CMD: CMD run by bash inside the root, as root, in the clone,
# with a clean environment; output to LOG.  Returns CMD's status.
inroot() {
	local log=$1 cmd=$2
	unshare --mount --pid --fork --mount-proc --propagation private \
	    /bin/bash -s "$root" "$shared" "$FRESH_CACHE/$suite" "$cmd" \
	    >"$log" 2>&1 <<'INNER'
set -e
r=$1 shared=$2 cache=$3 cmd=$4
# The root is a mount point of its own, as / is on a real machine
# ("ip netns exec" makes / a slave mount, which needs one).
mount --bind "$r" "$r"
mount -t proc proc "$r/proc"
mount -t sysfs sysfs "$r/sys"
mount --rbind /dev "$r/dev"
mount -t tmpfs -o mode=1777 tmpfs "$r/dev/shm"
mount -t tmpfs -o mode=755 tmpfs "$r/run"
mkdir -p "$r/run/lock"
mount --bind "$cache" "$r/var/cache/apt/archives"
[ -z "$shared" ] || mount --bind -o ro "$shared" "$r/work/shared"
# apt downloads as _apt into the bound cache.
chroot "$r" chown _apt:root /var/cache/apt/archives/partial 2>/dev/null || true
set +e
exec chroot "$r" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /bin/bash -c 'cd /work/faultline && eval "$1"' fresh "$cmd"
INNER
}

# last_summary LOG: the last "N passed, N failed" line.
last_summary() {
	grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" | tail -n 1
}

# --- the README's first command -------------------------------------------
stage_start "README command 1 in the $suite root: $demo_cmd"
inroot "$logs/demo.log" "$demo_cmd"
rc=$?
stage_end "command 1"
tail -n 12 "$logs/demo.log" | sed 's/^/fresh:   | /'
check "command 1 ($demo_cmd) exits 0 (got $rc)" [ "$rc" = 0 ]
check "the demo wrote its report (build/demo/demo-report.html)" \
    test -s "$root/work/faultline/build/demo/demo-report.html"
check "the demo refuses the false alarm (run 1: Verdict: CLEAN)" \
    grep -q "^Verdict: CLEAN" "$logs/demo.log"
check "the demo names the real fault (run 2: Verdict: CONGESTED at hop 2)" \
    grep -q "^Verdict: CONGESTED at hop 2 " "$logs/demo.log"

# --- the second command, or the unit tests ----------------------------------
case $mode in
full)
	stage_start "README command 2 in the $suite root: $check_cmd"
	inroot "$logs/check.log" "$check_cmd"
	rc=$?
	stage_end "command 2"
	cp -r "$root/work/faultline/build/test-logs" "$logs/" 2>/dev/null
	grep -E '^(== |FAIL|failed:)' "$logs/check.log" | sed 's/^/fresh:   | /'
	# A failed lab test's failed checks and errors, so that the CI's
	# own output says what went wrong (the logs stay on the CI machine).
	grep -hE '^    (FAIL: |lab: error: |lab: warning: )' "$logs/test-logs/lab.log" \
	    2>/dev/null | head -n 40 | sed 's/^ */fresh:   |   /'
	sum=$(last_summary "$logs/check.log")
	echo "fresh:   | $sum"
	check "command 2 ($check_cmd) exits 0 (got $rc)" [ "$rc" = 0 ]
	check "command 2 ends 'N passed, 0 failed'" \
	    grep -qE '^[1-9][0-9]* passed, 0 failed$' <<<"$sum"
	for s in "== unit tests" "== fuzz targets" "== lab tests"; do
		check "suite ran: $s" grep -qF "$s" "$logs/check.log"
	done
	check "suite ran: browser (test_report_browser.sh passed)" \
	    grep -q '^PASS test_report_browser.sh' "$logs/check.log"
	check "suite ran: lab tests passed" grep -q '^PASS t_ptrace_' "$logs/check.log"
	inner=$logs/check.log
	;;
unit)
	stage_start "make unit-check in the $suite root"
	inroot "$logs/check.log" "make unit-check"
	rc=$?
	stage_end "unit-check"
	cp -r "$root/work/faultline/build/test-logs" "$logs/" 2>/dev/null
	grep -E '^(== |FAIL|failed:)' "$logs/check.log" | sed 's/^/fresh:   | /'
	sum=$(last_summary "$logs/check.log")
	echo "fresh:   | $sum"
	check "make unit-check exits 0 (got $rc)" [ "$rc" = 0 ]
	check "make unit-check ends 'N passed, 0 failed'" \
	    grep -qE '^[1-9][0-9]* passed, 0 failed$' <<<"$sum"
	check "suite ran: fuzz targets" grep -qF "== fuzz targets" "$logs/check.log"
	inner=$logs/check.log
	;;
demo)
	inner= sum=
	;;
esac

# Every compiler line of both commands, the fuzz build's included.
warn=$(cat "$logs/demo.log" ${inner:+"$inner"} \
    "$root"/work/faultline/build/fuzz/runs/*/build.log 2>/dev/null |
    grep -E '\.[ch]:[0-9]+(:[0-9]+)?: (warning|error):|^([^ ]*/)?(cc1|cc|gcc|clang|ld)(-[0-9]+)?: (warning|error):' |
    sort -u)
[ -z "$warn" ] || echo "$warn" | head -n 20 | sed 's/^/fresh:   | /'
check "no compiler warning in the $suite build" [ -z "$warn" ]

echo "fresh: $suite $mode: $(($(date +%s) - t_all)) s in all; logs in $logs"
inner_p=0 inner_f=0
if [ -n "${sum:-}" ]; then
	inner_p=${sum%% passed*}
	inner_f=${sum#*passed, }
	inner_f=${inner_f%% failed}
fi
echo "$((passed + inner_p)) passed, $((failed + inner_f)) failed"
[ "$failed" = 0 ] && [ "$inner_f" = 0 ]
