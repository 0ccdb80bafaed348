# tests/unit/checks.sh: what the tests/unit/test_*.sh checks share.
# Source it after setting BIN (the program under test) and tmp (a
# scratch directory the caller removes).
#
#   ok TEXT / fail TEXT       count a check that passed / failed
#   checks_need TOOL...       fail the whole test unless each is installed
#   checks_built              fail the whole test unless $BIN is built
#   expect STATUS PATTERN -- ARGS...
#                             run $BIN ARGS: it must exit STATUS with
#                             exactly one line on stderr, "NAME: ...",
#                             matching PATTERN (extended regex), ending in
#                             a newline, with no control character, and
#                             nothing on stdout; then expect_also, when the
#                             test defines it, may check more
#   checks_end WHAT           print "N checks, N failed" and the verdict,
#                             and return non-zero on any failure

fails=0 checks=0

fail() { echo "FAIL: $*"; fails=$((fails + 1)); checks=$((checks + 1)); }
ok() { echo "ok   $*"; checks=$((checks + 1)); }

# C0 controls but tab and newline, and DEL: never in any output.
CTRL='[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]'
has_ctrl() { LC_ALL=C grep -qaP "$CTRL" "$1"; }
show_ctrl() { LC_ALL=C grep -naP "$CTRL" "$1" | head -n 1 | cut -c1-120 | cat -v; }

checks_need() {
	local t
	for t in "$@"; do
		if ! command -v "$t" >/dev/null; then
			echo "FAIL: $t is not installed: run 'make deps'"
			exit 1
		fi
	done
}

checks_built() {
	if [ ! -x "$BIN" ]; then
		echo "FAIL: $BIN not built: run 'make'"
		exit 1
	fi
}

expect() {	# STATUS PATTERN -- ARGS...
	local want=$1 pat=$2 rc lines name
	name=$(basename "$BIN")
	shift 3
	"$BIN" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	lines=$(wc -l <"$tmp/err")
	if [ "$rc" -ne "$want" ]; then
		fail "$name $*: exit $rc, expected $want ($(head -c 200 "$tmp/err" | cat -v))"
	elif [ "$lines" -ne 1 ] || [ "$(tail -c 1 "$tmp/err" | od -An -c | tr -d ' ')" != '\n' ]; then
		fail "$name $*: $lines lines on stderr, expected one: $(cat -v "$tmp/err" | head -n 3 | tr '\n' '|')"
	elif has_ctrl "$tmp/err"; then
		fail "$name $*: a control character on stderr: $(cat -v "$tmp/err")"
	elif ! grep -qE "^$name: .*$pat" "$tmp/err"; then
		fail "$name $*: '$(cat "$tmp/err")' does not match '$pat'"
	elif [ -s "$tmp/out" ]; then
		fail "$name $*: wrote $(wc -c <"$tmp/out") bytes on stdout: $(head -c 120 "$tmp/out" | cat -v)"
	elif ! declare -F expect_also >/dev/null || expect_also "$name $*"; then
		ok "[$rc] $name $*: $(cat "$tmp/err")"
	fi
}

checks_end() {	# WHAT
	echo "$checks checks, $fails failed"
	[ "$fails" -eq 0 ] && echo "all $1 checks passed"
	[ "$fails" -eq 0 ]
}
