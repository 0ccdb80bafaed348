/*
 * --baseline (baseline.h): an earlier ptrace-slow result read back, and
 * the stage that compares this run with it.  Links are matched by the
 * addresses at their ends, not by TTL, so a hop added or lost before
 * them does not shift the comparison: the ends both runs share are
 * anchors, and between two anchors the step now is set against the
 * step then (the budget's steps telescope, so a stretch's step is the
 * sum of its links' in either run, however each run split it).  A step
 * that grew by more than noise_k x the two runs' noise (their root sum
 * of squares) and than baseline_floor_ms or baseline_frac of the old
 * step, whichever is larger, is a slow link "since the baseline".  A hop
 * answered by other routers than in the baseline is a path change:
 * noted, and no fault by itself.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "analyze/ptrace_slow/baseline.h"
#include "analyze/ptrace_slow/stage.h"

/* Where a field lives, for the one-line error: "latency_budget[3].to.ttl". */
#define FIELD_LEN	64
#define AT_LEN		(2 * FIELD_LEN)

static const char *
proto_name(uint8_t proto)
{
	return proto == 1 ? "icmp" : proto == 17 ? "udp" : proto == 6 ? "tcp" : "?";
}

/* jansson's message quotes the input: only printable ASCII of it goes into err. */
static void
clean_copy(char *dst, size_t len, const char *src)
{
	size_t i;

	for (i = 0; len > 0 && i + 1 < len && src[i] != '\0'; i++)
		dst[i] = src[i] >= 0x20 && src[i] < 0x7f ? src[i] : '?';
	if (len > 0)
		dst[i] = '\0';
}

/* A string without NUL bytes, or NULL. */
static const char *
str_of(const json_t *v)
{
	const char *s;

	if (!json_is_string(v))
		return NULL;
	s = json_string_value(v);
	return strlen(s) == json_string_length(v) ? s : NULL;
}

static int
get_int(const json_t *o, const char *key, long lo, long hi, long *out, const char *where,
    char *err, size_t errlen)
{
	const json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi) {
		snprintf(err, errlen, "%s%s%s is not a whole number from %ld to %ld", where,
		    where[0] ? "." : "", key, lo, hi);
		return -1;
	}
	*out = (long)json_integer_value(v);
	return 0;
}

/* A figure in milliseconds, 0 to a day; absent or null gives -1 when optional. */
static int
get_ms(const json_t *o, const char *key, bool optional, double *out, const char *where,
    char *err, size_t errlen)
{
	const json_t *v = json_object_get(o, key);
	double d;

	if (optional && (v == NULL || json_is_null(v))) {
		*out = -1;
		return 0;
	}
	d = json_is_number(v) ? json_number_value(v) : NAN;
	if (!(d >= 0 && d <= 86400000.0)) {
		snprintf(err, errlen, "%s%s%s is not a number of milliseconds", where,
		    where[0] ? "." : "", key);
		return -1;
	}
	*out = d;
	return 0;
}

/* An address, or null for a silent hop when may_be_null. */
static int
get_addr(const json_t *o, const char *key, bool may_be_null, struct fl_addr *out,
    const char *where, char *err, size_t errlen)
{
	const json_t *v = json_object_get(o, key);
	const char *s = str_of(v);

	memset(out, 0, sizeof(*out));
	if (may_be_null && json_is_null(v))
		return 0;
	if (s == NULL || strlen(s) >= FL_ADDRSTRLEN || fl_addr_parse(s, out) != 0) {
		snprintf(err, errlen, "%s%s%s is not an address", where, where[0] ? "." : "", key);
		return -1;
	}
	return 0;
}

/* "2026-11-22T16:40:01.123Z" (render_time_iso), and the date to quote from it. */
static int
get_started(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	const char *s = str_of(json_object_get(root, "started_at"));
	size_t i, n;

	n = s != NULL ? strlen(s) : 0;
	for (i = 0; s != NULL && i < sizeof(shape) - 1; i++)
		if (i >= n || (shape[i] == 'd' ? s[i] < '0' || s[i] > '9' : s[i] != shape[i]))
			s = NULL;
	if (s != NULL && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9' && i < 29; i++)
			;
	if (s == NULL || i + 1 != n || s[i] != 'Z') {
		snprintf(err, errlen, "started_at is not a time such as 2026-11-22T16:40:01.123Z");
		return -1;
	}
	memcpy(bl->started_at, s, n + 1);
	snprintf(bl->date, sizeof(bl->date), "%.10s %.5s UTC", s, s + 11);
	return 0;
}

static int
get_method(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	const char *m = str_of(json_object_get(root, "method"));

	if (m != NULL && strcmp(m, "icmp") == 0)
		bl->proto = 1;
	else if (m != NULL && strcmp(m, "udp") == 0)
		bl->proto = 17;
	else if (m != NULL && strcmp(m, "tcp") == 0)
		bl->proto = 6;
	else {
		snprintf(err, errlen, "method is not icmp, udp or tcp");
		return -1;
	}
	return 0;
}

/* "flow" (render_json.c); a result written before it had none. */
static int
get_flow(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	const json_t *f = json_object_get(root, "flow");
	long v;

	if (f == NULL || json_is_null(f))
		return 0;
	if (!json_is_object(f)) {
		snprintf(err, errlen, "flow is not an object");
		return -1;
	}
	bl->flow.proto = bl->proto;
	if (bl->proto == 1) {
		if (get_int(f, "icmp_id", 0, 65535, &v, "flow", err, errlen) != 0)
			return -1;
		bl->flow.echo_id = (uint16_t)v;
		if (json_object_get(f, "icmp_checksum") != NULL) {
			if (get_int(f, "icmp_checksum", 1, 65535, &v, "flow", err, errlen) != 0)
				return -1;
			bl->flow.echo_cksum = (uint16_t)v;
		}
	} else {
		if (get_int(f, "source_port", 1, 65535, &v, "flow", err, errlen) != 0)
			return -1;
		bl->flow.sport = (uint16_t)v;
		if (get_int(f, "destination_port", 0, 65535, &v, "flow", err, errlen) != 0)
			return -1;
		bl->flow.dport = (uint16_t)v;
	}
	bl->has_flow = true;
	return 0;
}

static int
get_hop(const json_t *o, struct path_baseline_hop *h, int prev_ttl, const char *where,
    char *err, size_t errlen)
{
	const json_t *as, *a;
	char at[AT_LEN];
	size_t i;
	long ttl;

	if (!json_is_object(o)) {
		snprintf(err, errlen, "%s is not an object", where);
		return -1;
	}
	if (get_int(o, "ttl", 1, 255, &ttl, where, err, errlen) != 0)
		return -1;
	if (ttl <= prev_ttl) {
		snprintf(err, errlen, "%s.ttl does not follow the hop before it", where);
		return -1;
	}
	h->ttl = (uint8_t)ttl;
	if (get_addr(o, "address", true, &h->addr, where, err, errlen) != 0)
		return -1;
	as = json_object_get(o, "addresses");
	if (as == NULL)
		return 0;
	if (!json_is_array(as)) {
		snprintf(err, errlen, "%s.addresses is not an array", where);
		return -1;
	}
	json_array_foreach(as, i, a) {
		struct fl_addr one;

		snprintf(at, sizeof(at), "%s.addresses[%zu]", where, i);
		if (!json_is_object(a)) {
			snprintf(err, errlen, "%s is not an object", at);
			return -1;
		}
		if (get_addr(a, "address", false, &one, at, err, errlen) != 0)
			return -1;
		if (h->naddrs < PATH_MAX_RESP)
			h->addrs[h->naddrs++] = one;
	}
	return 0;
}

static int
get_hops(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	const json_t *hs = json_object_get(root, "hops"), *o;
	char where[FIELD_LEN];
	int prev = 0;
	size_t i;

	if (!json_is_array(hs) || json_array_size(hs) > 255) {
		snprintf(err, errlen, "hops is not an array of at most 255 hops");
		return -1;
	}
	bl->hops = calloc(json_array_size(hs) + 1, sizeof(*bl->hops));
	if (bl->hops == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	json_array_foreach(hs, i, o) {
		snprintf(where, sizeof(where), "hops[%zu]", i);
		if (get_hop(o, &bl->hops[i], prev, where, err, errlen) != 0)
			return -1;
		prev = bl->hops[i].ttl;
		bl->nhops++;
	}
	return 0;
}

static int
get_end(const json_t *l, const char *key, struct link_end *e, const char *where, char *err,
    size_t errlen)
{
	const json_t *o = json_object_get(l, key);
	char at[AT_LEN];
	long ttl;

	snprintf(at, sizeof(at), "%s.%s", where, key);
	if (!json_is_object(o)) {
		snprintf(err, errlen, "%s is not an object", at);
		return -1;
	}
	if (get_int(o, "ttl", 0, 255, &ttl, at, err, errlen) != 0 ||
	    get_addr(o, "address", true, &e->addr, at, err, errlen) != 0)
		return -1;
	e->ttl = (int)ttl;
	return 0;
}

/* The budget's links, each starting where the one before it ends. */
static int
get_links(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	const json_t *ls = json_object_get(root, "latency_budget"), *o;
	char where[FIELD_LEN];
	size_t i;

	if (ls == NULL) {
		snprintf(err, errlen, "no latency_budget: a result of a ptrace-slow older than the "
		    "latency budget; record the baseline again");
		return -1;
	}
	if (!json_is_array(ls) || json_array_size(ls) > 255) {
		snprintf(err, errlen, "latency_budget is not an array of at most 255 links");
		return -1;
	}
	bl->links = calloc(json_array_size(ls) + 1, sizeof(*bl->links));
	if (bl->links == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	json_array_foreach(ls, i, o) {
		struct path_baseline_link *l = &bl->links[i];
		const struct link_end *prev = i > 0 ? &bl->links[i - 1].to : NULL;

		snprintf(where, sizeof(where), "latency_budget[%zu]", i);
		if (!json_is_object(o)) {
			snprintf(err, errlen, "%s is not an object", where);
			return -1;
		}
		if (get_end(o, "from", &l->from, where, err, errlen) != 0 ||
		    get_end(o, "to", &l->to, where, err, errlen) != 0 ||
		    get_ms(o, "added_ms", false, &l->added_ms, where, err, errlen) != 0 ||
		    get_ms(o, "noise_ms", true, &l->noise_ms, where, err, errlen) != 0)
			return -1;
		if (prev != NULL ? l->from.ttl != prev->ttl || !fl_addr_eq(&l->from.addr, &prev->addr) :
		    l->from.ttl != 0) {
			snprintf(err, errlen, "%s does not start where the link before it ends", where);
			return -1;
		}
		if (l->to.ttl <= l->from.ttl) {
			snprintf(err, errlen, "%s ends before it starts", where);
			return -1;
		}
		bl->nlinks++;
	}
	return 0;
}

static int
get_stats(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	const json_t *st = json_object_get(root, "stats"), *d;
	long ttl;

	bl->noise_ms = -1;
	bl->dest_ttl = -1;
	if (st == NULL)
		return 0;
	if (!json_is_object(st)) {
		snprintf(err, errlen, "stats is not an object");
		return -1;
	}
	if (get_ms(st, "noise_ms", true, &bl->noise_ms, "stats", err, errlen) != 0)
		return -1;
	d = json_object_get(st, "destination_ttl");
	if (d != NULL && !json_is_null(d)) {
		if (get_int(st, "destination_ttl", 1, 255, &ttl, "stats", err, errlen) != 0)
			return -1;
		bl->dest_ttl = (int)ttl;
	}
	return 0;
}

static int
read_root(const json_t *root, struct path_baseline *bl, char *err, size_t errlen)
{
	const char *tool = str_of(json_object_get(root, "tool"));
	const json_t *t = json_object_get(root, "target"), *s = json_object_get(root, "source");

	if (tool == NULL || strcmp(tool, "ptrace-slow") != 0) {
		snprintf(err, errlen, "not a ptrace-slow result (no \"tool\": \"ptrace-slow\")");
		return -1;
	}
	if (get_started(root, bl, err, errlen) != 0 || get_method(root, bl, err, errlen) != 0)
		return -1;
	if (!json_is_object(t) || get_addr(t, "address", false, &bl->dst, "target", err, errlen) != 0) {
		if (!json_is_object(t))
			snprintf(err, errlen, "target is not an object");
		return -1;
	}
	if (bl->dst.family != 4) {
		snprintf(err, errlen, "target.address is not an IPv4 address");
		return -1;
	}
	if (json_is_object(s) && json_is_string(json_object_get(s, "address")) &&
	    get_addr(s, "address", false, &bl->src, "source", err, errlen) != 0)
		return -1;
	return get_flow(root, bl, err, errlen) != 0 || get_hops(root, bl, err, errlen) != 0 ||
	    get_links(root, bl, err, errlen) != 0 || get_stats(root, bl, err, errlen) != 0 ? -1 : 0;
}

int
path_baseline_parse(const char *buf, size_t len, struct path_baseline *bl, char *err,
    size_t errlen)
{
	json_error_t je;
	json_t *root;
	char text[JSON_ERROR_TEXT_LENGTH];
	int rc;

	memset(bl, 0, sizeof(*bl));
	if (len > PATH_BASELINE_MAX) {
		snprintf(err, errlen, "more than %u MiB: not a ptrace-slow result",
		    PATH_BASELINE_MAX >> 20);
		return -1;
	}
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		clean_copy(text, sizeof(text), je.text);
		snprintf(err, errlen, "not JSON, or cut short: %s (line %d, column %d)", text,
		    je.line, je.column);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(err, errlen, "not a ptrace-slow result (not a JSON object)");
		rc = -1;
	} else
		rc = read_root(root, bl, err, errlen);
	json_decref(root);
	if (rc != 0)
		path_baseline_free(bl);
	return rc;
}

void
path_baseline_free(struct path_baseline *bl)
{
	free(bl->hops);
	free(bl->links);
	memset(bl, 0, sizeof(*bl));
}

int
path_baseline_check(const struct path_baseline *bl, const struct fl_addr *dst, uint8_t proto,
    char *err, size_t errlen)
{
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];

	if (!fl_addr_eq(&bl->dst, dst)) {
		snprintf(err, errlen, "the baseline of %s traced %s, not %s: compare like with like",
		    bl->date, verdict_addr(&bl->dst, a), verdict_addr(dst, b));
		return -1;
	}
	if (bl->proto != proto) {
		snprintf(err, errlen, "the baseline of %s probed with %s, this run with %s: compare "
		    "like with like", bl->date, proto_name(bl->proto), proto_name(proto));
		return -1;
	}
	return 0;
}

bool
path_baseline_flow(const struct path_baseline *bl, struct path_flow *f)
{
	if (bl == NULL || !bl->has_flow)
		return false;
	*f = bl->flow;
	return true;
}

/*
 * A link's noise: the path's jitter (queue.c's median of 1.4826 x MAD
 * over links), or the link's own round-by-round spread where that is
 * larger (its upper quartile over its median, scaled as for a normal
 * spread: (p75 - median) / 0.6745), since queueing shows above the
 * median.
 */
double
path_link_noise(const struct path_work *w, size_t i)
{
	double n = w->noise_ms;

	if (w->lq != NULL && i < w->res->nlinks && w->lq[i].n >= 3)
		n = fmax(n, (w->lq[i].p75 - w->lq[i].median) / 0.6745);
	return n;
}

/*
 * The largest-step note (latency.c) was written before the user's
 * evidence was read: when that evidence calls its link (or a stretch
 * holding it) abnormal, the note says so too instead of "distance".
 */
void
path_relabel_largest(struct path_work *w, const struct link_end *from,
    const struct link_end *to, const char *cause, const char *words)
{
	static const char fixed[] = "fixed: distance or a long link";
	struct path_result *res = w->res;
	size_t i;

	for (i = 0; i < res->nfindings; i++) {
		struct path_finding *f = &res->findings[i];
		char *at, rest[sizeof(f->summary)];

		if (f->kind != FK_LARGEST_STEP || f->from.ttl < from->ttl || f->to.ttl > to->ttl)
			continue;
		f->cause = cause;
		if ((at = strstr(f->summary, fixed)) == NULL)
			continue;
		snprintf(rest, sizeof(rest), "%s", at + sizeof(fixed) - 1);
		*at = '\0';
		snprintf(at, sizeof(f->summary) - (size_t)(at - f->summary), "%s%s", words, rest);
	}
}

/* Each link's noise, kept in the result for a later run to compare against. */
static void
record_noise(struct path_work *w)
{
	struct path_result *res = w->res;
	size_t i;

	res->noise_ms = w->noise_ms;
	for (i = 0; i < res->nlinks; i++)
		res->links[i].noise_ms = path_link_noise(w, i);
}

/* The ends of the budget's links in order: this host first. */
struct end_at {
	struct link_end	e;
	double		cum;		/* the budget up to here */
};

/* Does this run's end c (an answering hop of res, or this host) stand where b did? */
static bool
same_end(const struct path_result *res, const struct link_end *b, const struct link_end *c)
{
	const struct path_hop *h;
	int i;

	if (b->ttl == 0 || c->ttl == 0)
		return b->ttl == 0 && c->ttl == 0;
	if (!fl_addr_is_set(&b->addr) || !fl_addr_is_set(&c->addr))
		return !fl_addr_is_set(&b->addr) && !fl_addr_is_set(&c->addr) && b->ttl == c->ttl;
	if (fl_addr_eq(&b->addr, &c->addr))
		return true;
	/* A hop that several routers answer for, one of them the baseline's. */
	h = &res->hops[c->ttl];
	for (i = 0; i < h->naddrs; i++)
		if (fl_addr_eq(&h->addrs[i].addr, &b->addr))
			return true;
	return false;
}

struct compare {
	struct path_work		*w;
	const struct path_baseline	*bl;
	struct end_at			*ce, *be;	/* this run's ends, the baseline's */
	size_t				 nce, nbe;
};

static int
ends_fill(struct compare *cm)
{
	const struct path_result *res = cm->w->res;
	const struct path_baseline *bl = cm->bl;
	size_t i;

	cm->ce = calloc(res->nlinks + 1, sizeof(*cm->ce));
	cm->be = calloc(bl->nlinks + 1, sizeof(*cm->be));
	if (cm->ce == NULL || cm->be == NULL)
		return -1;
	cm->nce = res->nlinks > 0 ? res->nlinks + 1 : 0;
	cm->nbe = bl->nlinks > 0 ? bl->nlinks + 1 : 0;
	for (i = 0; i < res->nlinks; i++) {
		cm->ce[i].e = res->links[i].from;
		cm->ce[i + 1].e = res->links[i].to;
		cm->ce[i + 1].cum = cm->ce[i].cum + res->links[i].added_ms;
	}
	for (i = 0; i < bl->nlinks; i++) {
		cm->be[i].e = bl->links[i].from;
		cm->be[i + 1].e = bl->links[i].to;
		cm->be[i + 1].cum = cm->be[i].cum + bl->links[i].added_ms;
	}
	return 0;
}

/* The largest noise of links [i0, i1) of this run, and of [j0, j1) of the baseline's. */
static double
noise_now(const struct path_result *res, size_t i0, size_t i1)
{
	double n = 0;

	for (; i0 < i1; i0++)
		n = fmax(n, res->links[i0].noise_ms);
	return n;
}

static double
noise_then(const struct path_baseline *bl, size_t j0, size_t j1, double now)
{
	double n = -1;

	for (; j0 < j1; j0++)
		n = fmax(n, bl->links[j0].noise_ms >= 0 ? bl->links[j0].noise_ms : bl->noise_ms);
	return n >= 0 ? n : now;	/* not recorded: taken as this run's */
}

/* A fault another stage found between TTLs from and to already blames the stretch. */
static bool
blamed(const struct path_result *res, int from, int to)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++) {
		const struct path_finding *f = &res->findings[i];

		if ((f->kind == FK_QUEUEING || f->kind == FK_SLOW_LINK) && f->has_link &&
		    f->to.ttl > from && f->to.ttl <= to)
			return true;
	}
	return false;
}

static bool
firm(const struct path_work *w, int ttl)
{
	return ttl == 0 || w->res->hops[ttl].rtt.n >= w->pp->min_samples;
}

/* The figures of one stretch, this run's and the baseline's. */
struct growth {
	double		now, then, grew;
	double		by_noise, limit;
	unsigned int	links_now, links_then;
};

/*
 * "The step on the link from hop 2 (...) to hop 3 (...) has grown to
 * 25.3 ms since the baseline of 2026-11-22 16:40 UTC (+20.1 ms, was
 * 5.2 ms): ...", and the rule that made it count; without the rule if
 * the sentence would not fit whole.
 */
static void
grown_words(const struct compare *cm, const struct growth *g, const struct link_end *a,
    const struct link_end *k, char *out, size_t len)
{
	const struct path_params *pp = cm->w->pp;
	char l1[64], l2[64], what[192], rule[160];
	int n;

	path_hop_label(cm->w->res, a->ttl, l1, sizeof(l1));
	path_hop_label(cm->w->res, k->ttl, l2, sizeof(l2));
	if (g->links_now == 1 && g->links_then == 1)
		n = snprintf(what, sizeof(what), "the link from %s to %s", l1, l2);
	else
		n = snprintf(what, sizeof(what), "the stretch from %s to %s (%u links now, %u then)",
		    l1, l2, g->links_now, g->links_then);
	if (n < 0 || (size_t)n >= sizeof(what))
		snprintf(what, sizeof(what), "the link to hop %d", k->ttl);
	n = snprintf(rule, sizeof(rule), ": more than the %.1f ms that counts, the larger of %g x "
	    "the two runs' noise (%.1f ms) and %g ms or %g %% of the old step", g->limit,
	    pp->noise_k, g->by_noise, pp->baseline_floor_ms, 100 * pp->baseline_frac);
	if (n < 0 || (size_t)n >= sizeof(rule))
		rule[0] = '\0';
	for (;;) {
		if (g->then <= pp->floor_ms)
			n = snprintf(out, len, "A step of %.1f ms has appeared on %s since the baseline "
			    "of %s (+%.1f ms, was %.1f ms)%s.", g->now, what, cm->bl->date, g->grew,
			    g->then, rule);
		else
			n = snprintf(out, len, "The step on %s has grown to %.1f ms since the baseline "
			    "of %s (+%.1f ms, was %.1f ms)%s.", what, g->now, cm->bl->date, g->grew,
			    g->then, rule);
		if ((n >= 0 && (size_t)n < len) || rule[0] == '\0')
			return;
		rule[0] = '\0';
	}
}

/*
 * The stretch between anchors i0 and i1 of this run (j0 and j1 of the
 * baseline's): its step now and then, and the finding when it grew.
 */
static int
stretch(struct compare *cm, size_t i0, size_t i1, size_t j0, size_t j1)
{
	struct path_work *w = cm->w;
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	const struct link_end *a = &cm->ce[i0].e, *k = &cm->ce[i1].e;
	double nn = noise_now(res, i0, i1), nt;
	struct path_finding f;
	struct growth g;

	g.now = cm->ce[i1].cum - cm->ce[i0].cum;
	g.then = cm->be[j1].cum - cm->be[j0].cum;
	g.grew = g.now - g.then;
	nt = noise_then(cm->bl, j0, j1, nn);
	g.by_noise = pp->noise_k * sqrt(nn * nn + nt * nt);
	g.limit = fmax(g.by_noise, fmax(pp->baseline_floor_ms, pp->baseline_frac * g.then));
	g.links_now = (unsigned int)(i1 - i0);
	g.links_then = (unsigned int)(j1 - j0);
	if (g.links_now == 1 && g.links_then == 1) {
		res->links[i0].has_baseline = true;
		res->links[i0].baseline_ms = g.then;
	}
	if (!(g.grew > g.limit) || blamed(res, a->ttl, k->ttl))
		return 0;
	if (g.links_now == 1)
		res->links[i0].cause = "baseline";
	path_relabel_largest(w, a, k, "baseline", "grown since the baseline");
	path_finding_init(&f, FK_SLOW_LINK, &res->hops[k->ttl]);
	f.has_link = true;
	f.from = *a;
	f.to = *k;
	f.added_ms = g.now;
	f.cause = "baseline";
	f.located = firm(w, a->ttl) && firm(w, k->ttl);
	grown_words(cm, &g, a, k, f.summary, sizeof(f.summary));
	return path_add_finding(w, &f);
}

/*
 * Anchors: the ends both runs share, in order, matched greedily (this
 * host always); each stretch between two of them is compared.
 */
static int
compare_steps(struct compare *cm)
{
	size_t i, j, i0 = 0, j0 = 0;

	if (cm->nce == 0 || cm->nbe == 0)
		return 0;
	for (i = 1; i < cm->nce; i++)
		for (j = j0 + 1; j < cm->nbe; j++) {
			if (!same_end(cm->w->res, &cm->be[j].e, &cm->ce[i].e))
				continue;
			if (stretch(cm, i0, i, j0, j) != 0)
				return -1;
			i0 = i;
			j0 = j;
			break;
		}
	return 0;
}

/* Did the probes use the baseline's flow?  A sentence either way. */
static void
flow_words(const struct path_work *w, char *buf, size_t len)
{
	const struct path_result *res = w->res;
	const struct path_flow *f = &w->pp->baseline->flow;
	bool same;

	if (!w->pp->baseline->has_flow) {
		snprintf(buf, len, "the baseline did not record its flow, so per-flow load "
		    "balancing may account for it");
		return;
	}
	if (res->proto == 1)
		same = f->echo_id == res->flow_id &&
		    (f->echo_cksum == 0 || res->flow_cksum == 0 || f->echo_cksum == res->flow_cksum);
	else
		same = f->sport == res->flow_id && f->dport == res->dport;
	if (same)
		snprintf(buf, len, "the probes used the baseline's own flow, so per-flow load "
		    "balancing does not explain it");
	else
		snprintf(buf, len, "the probes did not use the baseline's flow, so per-flow load "
		    "balancing may account for it");
}

/* Do the two sets of responders for one TTL share none? */
static bool
hop_changed(const struct path_hop *h, const struct path_baseline_hop *b)
{
	int i, j;

	if (!fl_addr_is_set(&h->addr) || !fl_addr_is_set(&b->addr))
		return false;	/* silent in one run: unknown, not changed */
	if (fl_addr_eq(&h->addr, &b->addr))
		return false;
	for (i = 0; i < h->naddrs; i++) {
		if (fl_addr_eq(&h->addrs[i].addr, &b->addr))
			return false;
		for (j = 0; j < b->naddrs; j++)
			if (fl_addr_eq(&h->addrs[i].addr, &b->addrs[j]))
				return false;
	}
	return true;
}

/* One finding naming every hop that other routers answer now, and a new length. */
static int
path_change(struct path_work *w)
{
	struct path_result *res = w->res;
	const struct path_baseline *bl = w->pp->baseline;
	struct path_finding f;
	char list[240] = "", length[80] = "", flow[120], a1[FL_ADDRSTRLEN], a2[FL_ADDRSTRLEN];
	size_t i, used = 0, shown = 0, changed = 0;
	int first = 0, n;

	for (i = 0; i < bl->nhops; i++) {
		const struct path_baseline_hop *b = &bl->hops[i];
		const struct path_hop *h = &res->hops[b->ttl];

		if (b->ttl < res->first_ttl || b->ttl > res->last_ttl || !h->probed ||
		    (res->dest_ttl > 0 && b->ttl > res->dest_ttl) || !hop_changed(h, b))
			continue;
		if (changed++ == 0)
			first = b->ttl;
		n = snprintf(list + used, sizeof(list) - used, "%shop %d is %s (was %s)",
		    used ? ", " : "", b->ttl, verdict_addr(&h->addr, a1), verdict_addr(&b->addr, a2));
		if (n > 0 && (size_t)n < sizeof(list) - used - 16) {
			used += (size_t)n;
			shown++;
		} else
			list[used] = '\0';
	}
	if (changed > shown)
		snprintf(list + used, sizeof(list) - used, " and %zu more", changed - shown);
	if (res->dest_ttl > 0 && bl->dest_ttl > 0 && res->dest_ttl != bl->dest_ttl) {
		snprintf(length, sizeof(length), "%sthe destination is %d hops away (was %d)",
		    changed ? "; " : "", res->dest_ttl, bl->dest_ttl);
		if (first == 0)
			first = res->dest_ttl;
	}
	if (first == 0)
		return 0;
	flow_words(w, flow, sizeof(flow));
	path_finding_init(&f, FK_PATH_CHANGE, &res->hops[first]);
	n = snprintf(f.summary, sizeof(f.summary), "The path differs from the baseline of %s: "
	    "%s%s; %s.  A changed path is not a fault by itself.", bl->date, list, length, flow);
	if (n < 0 || (size_t)n >= sizeof(f.summary))
		snprintf(f.summary, sizeof(f.summary), "The path differs from the baseline of %s: "
		    "%s%s.", bl->date, list, length);
	return path_add_finding(w, &f);
}

int
path_baseline_compare(struct path_work *w)
{
	const struct path_baseline *bl = w->pp->baseline;
	struct compare cm;
	char err[200];
	int rc = -1;

	record_noise(w);
	if (bl == NULL || path_baseline_check(bl, &w->res->dst, w->res->proto, err,
	    sizeof(err)) != 0)
		return 0;
	memset(&cm, 0, sizeof(cm));
	cm.w = w;
	cm.bl = bl;
	if (ends_fill(&cm) == 0 && compare_steps(&cm) == 0 && path_change(w) == 0)
		rc = 0;
	free(cm.ce);
	free(cm.be);
	return rc;
}
