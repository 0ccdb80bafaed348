/*
 * ptrace-slow's result beyond its verdict (path.h): the latency budget
 * read back, checked and clamped like every other field of an untrusted
 * file; the words a manager reads for its causes and for the findings;
 * the parts of model.c's sentences that come from them (where the time
 * goes, the links over a budget, a slow link's capacity...); and how the
 * report reads an older result, written before ptrace-slow told distance
 * from a fault.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/report/json_read.h"
#include "analyze/report/path.h"

#define MS_LIMIT	1e6	/* 1000 s: a step beyond is junk */


static double
clamp(double v, double lo, double hi)
{
	if (!(v >= lo))
		return lo;
	return v > hi ? hi : v;
}

void
rp_fmt_ms(double ms, char *buf, size_t len)
{
	if (ms < 0.1)
		snprintf(buf, len, "less than 0.1 ms");
	else if (ms >= 1000)
		snprintf(buf, len, "%.1f s", ms / 1000);
	else if (ms >= 10)
		snprintf(buf, len, "%.0f ms", ms);
	else
		snprintf(buf, len, "%.1f ms", ms);
}

static void
link_read(const json_t *o, struct rp_link *l)
{
	const json_t *from = rp_obj(o, "from"), *to = rp_obj(o, "to");

	memset(l, 0, sizeof(*l));
	l->from_ttl = (int)rp_int(from, "ttl", 0, 255, -1);
	l->to_ttl = (int)rp_int(to, "ttl", 0, 255, -1);
	l->from_addr = rp_str(from, "address");
	l->to_addr = rp_str(to, "address");
	l->added_ms = clamp(rp_num(o, "added_ms", 0), 0, MS_LIMIT);
	l->share = json_is_number(json_object_get(o, "share")) ?
	    clamp(rp_num(o, "share", 0), 0, 1) : -1;
	/* Queueing is measured or not (null); a small negative median is noise, not a gain. */
	l->queue_ms = json_is_number(json_object_get(o, "queue_ms")) ?
	    clamp(rp_num(o, "queue_ms", 0), 0, MS_LIMIT) : -1;
	l->queue_p90_ms = json_is_number(json_object_get(o, "queue_p90_ms")) ?
	    clamp(rp_num(o, "queue_p90_ms", 0), 0, MS_LIMIT) : -1;
	l->cause = rp_str(o, "cause");
	l->tunnel = json_is_true(json_object_get(o, "tunnel"));
}

void
rp_budget_read(const json_t *root, bool fault_on_link, struct rp_budget *b)
{
	const json_t *arr = rp_arr(root, "latency_budget"), *o;
	const json_t *v = rp_obj(root, "verdict");
	size_t i, total = arr != NULL ? json_array_size(arr) : 0;
	long long to = rp_int(rp_obj(rp_obj(v, "link"), "to"), "ttl", 1, 255, -1);

	if (to < 0)
		to = rp_int(v, "hop", 1, 255, -1);
	b->n = 0;
	b->total_ms = 0;
	b->fault = -1;
	for (i = 0; i < total && b->n < RP_MAX_LINKS; i++) {
		o = json_array_get(arr, i);
		if (!json_is_object(o))
			continue;
		link_read(o, &b->v[b->n]);
		b->total_ms += b->v[b->n].added_ms;
		if (fault_on_link && to > 0 && b->v[b->n].to_ttl == to && b->fault < 0)
			b->fault = (int)b->n;
		b->n++;
	}
	b->more = total - i;
	if (b->total_ms > MS_LIMIT)
		b->total_ms = MS_LIMIT;
}

size_t
rp_budget_top(const struct rp_budget *b, size_t *idx, size_t max)
{
	size_t i, j, n = 0;

	for (i = 0; i < b->n && max > 0; i++) {
		if (b->v[i].added_ms <= 0)
			continue;
		if (n < max)
			j = n++;
		else if (b->v[idx[max - 1]].added_ms < b->v[i].added_ms)
			j = max - 1;
		else
			continue;
		for (; j > 0 && b->v[idx[j - 1]].added_ms < b->v[i].added_ms; j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
	return n;
}

/* "hop 2 (198.18.1.2)", or "this machine" for TTL 0. */
static void
end_words(int ttl, const char *addr, char *buf, size_t len)
{
	if (ttl == 0)
		snprintf(buf, len, "this machine");
	else if (ttl < 0)
		snprintf(buf, len, "an unnamed hop");
	else if (*addr != '\0')
		snprintf(buf, len, "hop %d (%.64s)", ttl, addr);
	else
		snprintf(buf, len, "hop %d", ttl);
}

void
rp_link_words(const struct rp_link *l, char *buf, size_t len)
{
	char a[96], b[96];

	end_words(l->from_ttl, l->from_addr, a, sizeof(a));
	end_words(l->to_ttl, l->to_addr, b, sizeof(b));
	/* A tunnel whose cause says so is not named twice. */
	snprintf(buf, len, "the link from %s to %s%s", a, b,
	    l->tunnel && strcmp(l->cause, "mpls-tunnel") != 0 ? " (an MPLS tunnel)" : "");
}

/* ptrace-slow's causes (man/ptrace-slow.1), for a manager. */
const char *
rp_cause_words(const char *cause, bool brief)
{
	static const struct {
		const char	*cause;
		const char	*words, *brief;
	} causes[] = {
		{ "distance", "distance or a long link, which is normal", "distance or a long link" },
		{ "mpls-tunnel", "an MPLS tunnel, counted as one link, which is normal",
		  "an MPLS tunnel" },
		{ "queueing", "packets waiting in a queue: congestion", "queueing (congestion)" },
		{ "standing-queue", "a queue that stays full: congestion", "a full queue (congestion)" },
		{ "filling-queue", "a queue filling up: congestion", "a queue filling (congestion)" },
		{ "serialisation", "a low-capacity link", "a low-capacity link" },
		{ "satellite-or-detour", "a satellite link or a long detour", "satellite or detour" },
		{ "baseline", "grown since the baseline", "grown since the baseline" },
		{ "beyond-distance", "more than the distance between its ends explains",
		  "beyond what its distance explains" },
		/* An older result's words. */
		{ "fixed-delay", "a fixed step (an older ptrace-slow's reading)", "a fixed step" },
	};
	size_t i;

	for (i = 0; i < sizeof(causes) / sizeof(causes[0]); i++)
		if (strcmp(cause, causes[i].cause) == 0)
			return brief ? causes[i].brief : causes[i].words;
	return *cause != '\0' ? cause : "not given";
}

const char *
rp_finding_label(const char *kind)
{
	static const struct {
		const char	*kind;
		const char	*label;
	} labels[] = {
		{ "congested", "Congestion" },
		{ "queueing", "Congestion" },
		{ "lossy-link", "Packet loss" },
		{ "slow-link", "A slow link" },
		{ "over-budget", "Over the latency budget" },
		{ "unreachable", "Unreachable" },
		{ "incomplete", "The trace stops" },
		{ "icmp-deprioritized", "A router slow to answer (not a fault)" },
		{ "rate-limited", "A router that limits its answers (not a fault)" },
		{ "silent", "A router that never answers (not a fault)" },
		{ "return-path", "The way back differs (a hint)" },
		{ "multipath", "Several routers for one hop" },
		{ "tool-timing", "The tracing program's own pauses" },
		{ "nat", "Address translation (NAT) on the path" },
		{ "path-change", "The path changed since the baseline" },
		{ "largest-step", "Where the time goes" },
		{ "distance", "A step its distance explains (not a fault)" },
		/* An older result's. */
		{ "latency-rise", "A latency step (an older ptrace-slow's reading)" },
	};
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(kind, labels[i].kind) == 0)
			return labels[i].label;
	return "Finding";
}

/* Whether a finding is worth a line: not when the verdict's summary already says it. */
static bool
finding_shown(const json_t *f, const json_t *verdict)
{
	const char *s = rp_str(f, "summary"), *vs = rp_str(verdict, "summary");

	if (!json_is_object(f) || (*s == '\0' && *rp_str(f, "kind") == '\0'))
		return false;
	return *s == '\0' || strstr(vs, s) == NULL;
}

/* Routers that only answer us oddly: one line for all of a kind, however many. */
static bool
grouped(const char *kind)
{
	return strcmp(kind, "icmp-deprioritized") == 0 || strcmp(kind, "rate-limited") == 0 ||
	    strcmp(kind, "silent") == 0;
}

size_t
rp_findings_lines(const json_t *root, struct rp_finding_line *v, size_t max)
{
	const json_t *verdict = rp_obj(root, "verdict"), *f;
	size_t i, k, n = 0, used;
	long long hop;

	json_array_foreach(rp_arr(root, "findings"), i, f) {
		if (i >= 256)
			break;
		if (!finding_shown(f, verdict))
			continue;
		hop = rp_int(f, "hop", 1, 255, -1);
		for (k = 0; k < n && !(grouped(rp_str(f, "kind")) &&
		    strcmp(rp_str(v[k].f, "kind"), rp_str(f, "kind")) == 0); k++)
			;
		if (k == n) {
			if (n == max)
				continue;
			v[n].f = f;
			v[n].more = 0;
			v[n].nhops = 0;
			v[n].hops[0] = '\0';
			n++;
		} else {
			v[k].more++;
		}
		if (hop <= 0)
			continue;
		used = strlen(v[k].hops);
		if (used + 8 < sizeof(v[k].hops))
			snprintf(v[k].hops + used, sizeof(v[k].hops) - used, "%s%d",
			    used ? ", " : "", (int)hop);
		v[k].nhops++;
	}
	return n;
}

/* A hop's flags hold name. */
static bool
hop_flagged(const json_t *h, const char *name)
{
	const json_t *f;
	size_t i;

	json_array_foreach(rp_arr(h, "flags"), i, f) {
		if (i >= 32)
			break;
		if (json_is_string(f) && strcmp(json_string_value(f), name) == 0)
			return true;
	}
	return false;
}

double
rp_dest_median(const json_t *root)
{
	const json_t *hops = rp_arr(root, "hops"), *h, *dest = NULL;
	long long dttl = rp_int(rp_obj(root, "stats"), "destination_ttl", 1, 255, -1);
	size_t i;

	json_array_foreach(hops, i, h) {
		if (i >= 255)
			break;
		if (hop_flagged(h, "destination") || rp_int(h, "ttl", 1, 255, -2) == dttl) {
			dest = h;
			break;
		}
	}
	if (dest == NULL)
		return -1;
	return clamp(rp_num(rp_obj(dest, "rtt_ms"), "median", -1), -1, MS_LIMIT);
}

/*
 * The baseline's date: the result's own field when it has one, else the
 * time ptrace-slow's sentence names ("since the baseline of DATE"), only
 * the characters an ISO 8601 time holds.
 */
void
rp_baseline_date(const json_t *root, char *buf, size_t len)
{
	const char *s = rp_str(rp_obj(root, "baseline"), "started_at"), *at;
	size_t n = 0;

	if (len == 0)
		return;
	if (*s == '\0' && (at = strstr(rp_str(rp_obj(root, "verdict"), "summary"),
	    "the baseline of ")) != NULL)
		s = at + strlen("the baseline of ");
	while (n + 1 < len && n < 40 && s[n] != '\0' && strchr("0123456789-:.+TZ", s[n]) != NULL)
		n++;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

const char *
rp_rule_cause(const json_t *root, const char *kind)
{
	const json_t *v = rp_obj(root, "verdict"), *f;
	size_t i;

	if (*rp_str(v, "cause") != '\0')
		return rp_str(v, "cause");
	if (strcmp(kind, "inconclusive") != 0)
		return "";
	json_array_foreach(rp_arr(root, "findings"), i, f) {
		if (i >= 256)
			break;
		if (strcmp(rp_str(f, "kind"), "lossy-link") == 0)
			return "unplaced-loss";
	}
	return "";
}

bool
rp_old_bottleneck(const char *kind)
{
	return strcmp(kind, "bottleneck") == 0;
}

bool
rp_old_congestion(const char *kind, const char *cause)
{
	return rp_old_bottleneck(kind) && strcmp(cause, "queueing") == 0;
}

/* ---- the report's sentences: ptrace-slow's template variables (model.c's rules) ---- */

/* %L: the verdict's loss, or for a loss not yet placed the finding's. */
static void
var_loss(const json_t *root, char *buf, size_t len)
{
	const json_t *v = rp_obj(root, "verdict"), *f;
	double pct = rp_num(v, "loss_pct", 0);
	size_t i;

	json_array_foreach(rp_arr(root, "findings"), i, f) {
		if (pct > 0 || i >= 256)
			break;
		if (strcmp(rp_str(f, "kind"), "lossy-link") == 0)
			pct = rp_num(f, "loss_pct", 0);
	}
	snprintf(buf, len, "%.0f%%", pct < 0 ? 0 : pct > 100 ? 100 : pct);
}

/* One link's part of the round trip: "the link from A to B: +50 ms (100%)". */
static void
link_share(const struct rp_budget *b, const struct rp_link *l, char *buf, size_t len)
{
	char words[240], ms[32];

	rp_link_words(l, words, sizeof(words));
	rp_fmt_ms(l->added_ms, ms, sizeof(ms));
	if (l->share >= 0 && b->total_ms >= 1)
		snprintf(buf, len, "%s: +%s (%.0f%%)", words, ms, 100 * l->share);
	else
		snprintf(buf, len, "%s: +%s", words, ms);
}

/*
 * %G: where a healthy path's time goes, as a sentence after the first
 * (a leading space), or nothing when the result has no budget: the
 * largest step, and the next when it holds a fifth of the time too.
 */
static void
var_where(const json_t *root, char *buf, size_t len)
{
	struct rp_budget b;
	size_t top[2], n;
	char one[300], two[300], total[32];
	const char *c0, *c1;

	buf[0] = '\0';
	rp_budget_read(root, false, &b);
	if (b.n == 0)
		return;
	n = rp_budget_top(&b, top, 2);
	if (b.total_ms < 1 || n == 0) {
		snprintf(buf, len, " Its whole round trip takes under 1 ms: no link takes a "
		    "noticeable time.");
		return;
	}
	rp_fmt_ms(b.total_ms, total, sizeof(total));
	link_share(&b, &b.v[top[0]], one, sizeof(one));
	c0 = rp_cause_words(b.v[top[0]].cause, false);
	if (n < 2 || b.v[top[1]].share < 0.2) {
		snprintf(buf, len, " Most of its %s round trip is spent on %s, %s.", total, one, c0);
		return;
	}
	link_share(&b, &b.v[top[1]], two, sizeof(two));
	c1 = rp_cause_words(b.v[top[1]].cause, false);
	if (strcmp(c0, c1) == 0)
		snprintf(buf, len, " Most of its %s round trip is spent on %s, and on %s; both "
		    "%s.", total, one, two, c0);
	else
		snprintf(buf, len, " Most of its %s round trip is spent on %s, %s; and on %s, "
		    "%s.", total, one, c0, two, c1);
}

/* %O: the links that add the most, up to three. */
static void
var_top(const json_t *root, char *buf, size_t len)
{
	struct rp_budget b;
	size_t top[3], n, i, o = 0;
	char one[300];

	rp_budget_read(root, false, &b);
	n = rp_budget_top(&b, top, 3);
	buf[0] = '\0';
	for (i = 0; i < n && o + 1 < len; i++) {
		/* After the first, only links that hold a tenth of the time: the rest is noise. */
		if (i > 0 && b.v[top[i]].added_ms < 0.1 * b.total_ms)
			break;
		link_share(&b, &b.v[top[i]], one, sizeof(one));
		o += (size_t)snprintf(buf + o, len - o, "%s%s", i ? "; " : "", one);
	}
	if (n == 0)
		snprintf(buf, len, "none stands out: the time is spread along the path");
}

/* %Q: the worst tenth's queueing on the verdict's link, ", 103 ms in the worst tenth". */
static void
var_p90(const json_t *root, char *buf, size_t len)
{
	struct rp_budget b;
	char ms[32];

	buf[0] = '\0';
	rp_budget_read(root, true, &b);
	if (b.fault < 0 || b.v[b.fault].queue_p90_ms < 0.1)
		return;
	rp_fmt_ms(b.v[b.fault].queue_p90_ms, ms, sizeof(ms));
	snprintf(buf, len, ", %s in the worst tenth", ms);
}

/* %K: the slow link's capacity, "about 1.0 Mbit/s". */
static void
var_capacity(const json_t *root, char *buf, size_t len)
{
	double k = rp_num(rp_obj(root, "verdict"), "capacity_kbps", -1);

	if (!(k > 0) || k > 1e9)
		snprintf(buf, len, "a low rate");
	else if (k >= 1000)
		snprintf(buf, len, "about %.1f Mbit/s", k / 1000);
	else
		snprintf(buf, len, "about %.0f kbit/s", k);
}

/* %Y: "the baseline of DATE", or the baseline when the result dates none. */
static void
var_baseline(const json_t *root, char *buf, size_t len)
{
	char d[48];

	rp_baseline_date(root, d, sizeof(d));
	if (*d != '\0')
		snprintf(buf, len, "the earlier measurement (the baseline) of %s", d);
	else
		snprintf(buf, len, "the earlier measurement (the baseline)");
}

/* %Z: the verdict's link's step in the baseline, ", against 2.1 ms then", or nothing. */
static void
var_then(const json_t *root, char *buf, size_t len)
{
	const json_t *arr = rp_arr(root, "latency_budget"), *o;
	struct rp_budget b;
	char ms[32];
	double then;

	buf[0] = '\0';
	rp_budget_read(root, true, &b);
	if (b.fault < 0 || (o = json_array_get(arr, (size_t)b.fault)) == NULL ||
	    !json_is_number(json_object_get(o, "baseline_ms")))
		return;
	then = clamp(rp_num(o, "baseline_ms", 0), 0, MS_LIMIT);
	rp_fmt_ms(then, ms, sizeof(ms));
	snprintf(buf, len, ", against %s then", ms);
}

/*
 * %B: the RTT budget the user set: the options' when the result records
 * it, else what the verdict is over it by, from the destination's round trip.
 */
static void
var_budget(const json_t *root, char *buf, size_t len)
{
	const json_t *o = rp_obj(root, "options");
	double b = rp_num(o, "expect_rtt_ms", rp_num(o, "expect_rtt", -1));
	double d = rp_dest_median(root), over = rp_num(rp_obj(root, "verdict"), "added_ms", -1);

	if (!(b > 0) && d > 0 && over > 0 && over < d)
		b = d - over;
	if (b > 0 && b < 1e6)
		rp_fmt_ms(b, buf, len);
	else
		snprintf(buf, len, "the round trip");
}

/* %E: the destination's round trip (median). */
static void
var_dest(const json_t *root, char *buf, size_t len)
{
	double d = rp_dest_median(root);

	if (d >= 0)
		rp_fmt_ms(d, buf, len);
	else
		snprintf(buf, len, "longer than expected");
}

bool
rp_path_var(char c, const json_t *root, char *buf, size_t len)
{
	switch (c) {
	case 'L': var_loss(root, buf, len); return true;
	case 'G': var_where(root, buf, len); return true;
	case 'O': var_top(root, buf, len); return true;
	case 'Q': var_p90(root, buf, len); return true;
	case 'K': var_capacity(root, buf, len); return true;
	case 'Y': var_baseline(root, buf, len); return true;
	case 'Z': var_then(root, buf, len); return true;
	case 'B': var_budget(root, buf, len); return true;
	case 'E': var_dest(root, buf, len); return true;
	default: return false;
	}
}
