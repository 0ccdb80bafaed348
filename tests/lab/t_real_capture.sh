#!/bin/bash
# A real healthy path from a capture: Windows tracert to 4.2.2.1
# (../shared/captures/real-world/icmp_traceroute.pcapng: 9 hops, 0 loss,
# 11.6 ms, steps at hops 4 and 5).  Read with -r: clean, exit 0, the
# summary naming the largest step (hop 4 or 5).  No lab network is built
# (the reading is deterministic; LAB_RUNS repeats it all the same, default
# 1); well under a second a run.
# shellcheck source=tests/lab/lib.sh
. "$(dirname "$0")/lib.sh"
real_init 1 10
cap=${REAL_CAPTURE:-$LAB_REPO/../shared/captures/real-world/icmp_traceroute.pcapng}
[ -r "$cap" ] || lab_die "no capture $cap (the shared captures sit beside the repository)"
real_row real-capture healthy "clean, exit 0, summary names hop 4 or 5 (-r icmp_traceroute.pcapng)"
for _ in $(seq "$REAL_RUNS"); do
	t0=$(date +%s%N)
	"$PT" -n --json -r "$cap" >"$(lab_file cap.json)" 2>"$(lab_file cap.json.err)"
	REAL_RC=$?
	REAL_SECS=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
	REAL_JSON=$(lab_file cap.json)
	real_begin real-capture
	real_clean
	assert_json_true "$REAL_JSON" "$REAL_JQ_BUDGET | max_by(.added_ms) | .to.ttl == 4 or .to.ttl == 5" \
	    "real-capture: the largest step ends at hop 4 or 5"
	assert_json_true "$REAL_JSON" '.verdict.summary | test("\\bhop [45]\\b")' \
	    "real-capture: the summary names it"
	real_end
done
real_done
