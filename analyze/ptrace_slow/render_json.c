/*
 * ptrace-slow's keys in the JSON envelope: target, method, flow, hops,
 * verdict, latency_budget, record_route (when the probes carried it),
 * findings, evidence, stats.
 */
#include "analyze/common/jsonout.h"
#include "analyze/flow/stats.h"
#include "analyze/ptrace_slow/render.h"

/* Replies by kind, unreachables by their code: {"time-exceeded": 9, "port-unreachable": 3}. */
static json_t *
jhop_answers(const struct path_hop *h)
{
	json_t *ans = json_object();
	int k, code;

	for (k = RK_TIME_EXCEEDED; k <= RK_UDP; k++) {
		if (k == RK_UNREACH) {
			for (code = 0; code < 16; code++)
				if (h->unreach[code] > 0)
					json_object_set_new(ans, corr_answer_name(RK_UNREACH,
					    (uint8_t)code), json_integer(h->unreach[code]));
		} else if (h->answers[k] > 0) {
			json_object_set_new(ans, corr_answer_name((enum reply_kind)k, 0),
			    json_integer(h->answers[k]));
		}
	}
	return ans;
}

static json_t *
jpair(double lo, double hi)
{
	json_t *a = json_array();

	json_array_append_new(a, jo_num(lo));
	json_array_append_new(a, jo_num(hi));
	return a;
}

/* The 95 % Wilson interval of a hop's loss, over the probes that could be answered. */
static json_t *
jloss_ci(const struct path_hop *h)
{
	double lo, hi;

	if (h->opportunities == 0)
		return json_null();
	stats_wilson(h->lost, h->opportunities, &lo, &hi);
	return jpair(100 * lo, 100 * hi);
}

/* The times and the reply TTL, null for a hop that never answered. */
static void
jhop_times(json_t *o, const struct path_hop *h)
{
	json_t *rtt;

	if (h->received == 0) {
		json_object_set_new(o, "rtt_ms", json_null());
		json_object_set_new(o, "jitter_ms", json_null());
		json_object_set_new(o, "reply_ttl", json_null());
		json_object_set_new(o, "return_hops", json_null());
		return;
	}
	rtt = json_object();
	json_object_set_new(rtt, "min", jo_num(h->rtt.min));
	json_object_set_new(rtt, "p25", jo_num(h->rtt.p25));
	json_object_set_new(rtt, "median", jo_num(h->rtt.median));
	json_object_set_new(rtt, "median_ci", jpair(h->rtt.median_lo, h->rtt.median_hi));
	json_object_set_new(rtt, "avg", jo_num(h->rtt.avg));
	json_object_set_new(rtt, "max", jo_num(h->rtt.max));
	json_object_set_new(rtt, "stdev", jo_num(h->rtt.stdev));
	json_object_set_new(o, "rtt_ms", rtt);
	json_object_set_new(o, "jitter_ms", jo_num(h->rtt.jitter));
	json_object_set_new(o, "reply_ttl", json_integer(h->reply_ttl));
	json_object_set_new(o, "return_hops", json_integer(h->return_hops));
}

/* The RFC 4950 label stack a router quoted. */
static json_t *
jhop_mpls(const struct path_hop *h)
{
	json_t *m = json_array();
	int i;

	for (i = 0; i < h->n_mpls; i++) {
		json_t *e = json_object();

		json_object_set_new(e, "label", json_integer(h->mpls[i].label));
		json_object_set_new(e, "tc", json_integer(h->mpls[i].tc));
		json_object_set_new(e, "s", json_integer(h->mpls[i].s));
		json_object_set_new(e, "ttl", json_integer(h->mpls[i].ttl));
		json_array_append_new(m, e);
	}
	return m;
}

static json_t *
jhop(const struct path_hop *h)
{
	json_t *o = json_object(), *addrs = json_array(), *flags = json_array();
	unsigned int bit;
	int i;

	json_object_set_new(o, "ttl", json_integer(h->ttl));
	json_object_set_new(o, "address", jo_addr(&h->addr));
	if (h->name[0] != '\0')
		json_object_set_new(o, "name", json_string(h->name));
	for (i = 0; i < h->naddrs; i++) {
		json_t *a = json_object();

		json_object_set_new(a, "address", jo_addr(&h->addrs[i].addr));
		json_object_set_new(a, "count", json_integer(h->addrs[i].count));
		json_array_append_new(addrs, a);
	}
	json_object_set_new(o, "addresses", addrs);
	json_object_set_new(o, "sent", json_integer(h->sent));
	json_object_set_new(o, "received", json_integer(h->received));
	json_object_set_new(o, "answers", jhop_answers(h));
	json_object_set_new(o, "loss_pct", jo_num(h->loss_pct));
	json_object_set_new(o, "loss_ci_pct", jloss_ci(h));
	json_object_set_new(o, "lost", json_integer(h->lost));
	json_object_set_new(o, "missing", json_integer(h->missing));
	if (h->beyond_sent > 0) {
		json_object_set_new(o, "beyond_sent", json_integer(h->beyond_sent));
		json_object_set_new(o, "beyond_received", json_integer(h->beyond_received));
	}
	jhop_times(o, h);
	if (h->late)
		json_object_set_new(o, "late", json_integer(h->late));
	if (h->dups)
		json_object_set_new(o, "duplicates", json_integer(h->dups));
	for (bit = 0; path_flag_name(bit) != NULL; bit++)
		if (h->flags & (1u << bit))
			json_array_append_new(flags, json_string(path_flag_name(bit)));
	json_object_set_new(o, "flags", flags);
	if (h->n_mpls > 0)
		json_object_set_new(o, "mpls", jhop_mpls(h));
	return o;
}

static void
jverdict(json_t *v, const struct path_verdict *pv)
{
	json_object_set_new(v, "kind", json_string(path_verdict_name(pv->kind)));
	json_object_set_new(v, "hop", pv->hop > 0 ? json_integer(pv->hop) : json_null());
	json_object_set_new(v, "address", jo_addr(&pv->addr));
	json_object_set_new(v, "link", jo_link(pv->has_link, &pv->from, &pv->to));
	json_object_set_new(v, "added_ms", pv->added_ms > 0 ? jo_num(pv->added_ms) : json_null());
	json_object_set_new(v, "cause", jo_str(pv->cause));
	json_object_set_new(v, "loss_pct", pv->loss_pct > 0 ? jo_num(pv->loss_pct) : json_null());
	json_object_set_new(v, "capacity_kbps", pv->capacity_kbps > 0 ?
	    jo_num(pv->capacity_kbps) : json_null());
	json_object_set_new(v, "p_value", pv->p_value >= 0 ? json_real(pv->p_value) : json_null());
	json_object_set_new(v, "significant", json_boolean(pv->significant));
	json_object_set_new(v, "confidence", json_string(confidence_name(pv->confidence)));
	json_object_set_new(v, "confidence_reason", jo_str(pv->confidence_reason));
	json_object_set_new(v, "reason", jo_str(pv->reason));
	json_object_set_new(v, "summary", json_string(pv->summary));
}

/* The latency budget: each link's step, cause, share and queueing. */
static json_t *
jbudget(const struct path_result *r)
{
	json_t *b = json_array();
	size_t i;

	for (i = 0; i < r->nlinks; i++) {
		const struct path_link *l = &r->links[i];
		json_t *o = json_object();

		json_object_set_new(o, "from", jo_end(&l->from));
		json_object_set_new(o, "to", jo_end(&l->to));
		json_object_set_new(o, "added_ms", jo_num(l->added_ms));
		json_object_set_new(o, "share", jo_num(l->share));
		json_object_set_new(o, "cause", json_string(l->cause));
		json_object_set_new(o, "queue_ms", l->rounds > 0 ? jo_num(l->queue_ms) : json_null());
		json_object_set_new(o, "queue_p90_ms", l->rounds > 0 ? jo_num(l->queue_p90_ms) :
		    json_null());
		json_object_set_new(o, "rounds", json_integer(l->rounds));
		if (l->tunnel)
			json_object_set_new(o, "tunnel", json_true());
		json_object_set_new(o, "noise_ms", jo_num(l->noise_ms));
		if (l->has_baseline)
			json_object_set_new(o, "baseline_ms", jo_num(l->baseline_ms));
		if (l->has_distance)
			json_object_set_new(o, "distance_km", jo_num(l->distance_km));
		json_array_append_new(b, o);
	}
	return b;
}

/*
 * The identifiers per-flow load balancing hashes, for a later run's
 * --baseline to probe with (baseline.h): the ICMP identifier (and the
 * checksum the probes held, when the front end gave it), or the ports.
 */
static json_t *
jflow(const struct path_result *r)
{
	json_t *o = json_object();

	if (r->proto == 1) {
		json_object_set_new(o, "icmp_id", json_integer(r->flow_id));
		if (r->flow_cksum != 0)
			json_object_set_new(o, "icmp_checksum", json_integer(r->flow_cksum));
	} else {
		json_object_set_new(o, "source_port", json_integer(r->flow_id));
		json_object_set_new(o, "destination_port", json_integer(r->dport));
	}
	return o;
}

/* A finding carries only the numbers its kind has. */
static json_t *
jfinding(const struct path_finding *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string(path_finding_name(f->kind)));
	json_object_set_new(o, "hop", f->hop > 0 ? json_integer(f->hop) : json_null());
	json_object_set_new(o, "address", jo_addr(&f->addr));
	if (f->has_link)
		json_object_set_new(o, "link", jo_link(true, &f->from, &f->to));
	if (f->added_ms > 0)
		json_object_set_new(o, "added_ms", jo_num(f->added_ms));
	if (f->capacity_kbps > 0)
		json_object_set_new(o, "capacity_kbps", jo_num(f->capacity_kbps));
	if (f->kind == FK_QUEUEING || f->kind == FK_LOSSY_LINK || f->kind == FK_SLOW_LINK ||
	    f->kind == FK_OVER_BUDGET)
		json_object_set_new(o, "located", json_boolean(f->located));
	if (f->cause != NULL)
		json_object_set_new(o, "cause", json_string(f->cause));
	if (f->kind == FK_LOSSY_LINK || f->kind == FK_RATE_LIMITED || f->loss_pct > 0)
		json_object_set_new(o, "loss_pct", jo_num(f->loss_pct));
	if (f->p_value >= 0)
		json_object_set_new(o, "p_value", json_real(f->p_value));
	json_object_set_new(o, "summary", json_string(f->summary));
	return o;
}

/*
 * What the packets say of a NAT: seen at a hop (a quote rewritten), or
 * none visible, which is not none (a NAT that translates its quotes
 * back, as RFC 5508 asks, does not show).
 */
static json_t *
jnat(const struct path_result *r)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_NAT) {
			json_object_set_new(o, "visible", json_true());
			json_object_set_new(o, "hop", json_integer(r->findings[i].hop));
			return o;
		}
	json_object_set_new(o, "visible", json_false());
	json_object_set_new(o, "note", json_string("no NAT visible: a NAT that translates the "
	    "quotes in ICMP errors back (RFC 5508) does not show in them"));
	return o;
}

/* Addresses and the hops that wrote them (null where none is known). */
static void
jrr_slots(json_t *o, const char *key, const char *hkey, const struct fl_addr *a,
    const int *hop, int n)
{
	json_t *addrs = json_array(), *hops = json_array();
	int i;

	for (i = 0; i < n; i++) {
		json_array_append_new(addrs, jo_addr(&a[i]));
		json_array_append_new(hops, hop != NULL && hop[i] > 0 ? json_integer(hop[i]) :
		    json_null());
	}
	json_object_set_new(o, key, addrs);
	if (hkey != NULL)
		json_object_set_new(o, hkey, hops);
	else
		json_decref(hops);
}

/*
 * What Record Route showed of the way back (route.c): the slots as
 * recorded, split into the way out and the way back, and whether the
 * way back crosses the verdict's link.  Unanswered proves nothing.
 */
static json_t *
jrr(const struct path_rr *rr)
{
	json_t *o = json_object(), *wb;

	json_object_set_new(o, "sent", json_integer(rr->sent));
	json_object_set_new(o, "replies", json_integer(rr->replies));
	json_object_set_new(o, "answered", json_boolean(rr->answered));
	if (rr->stripped > 0)
		json_object_set_new(o, "stripped", json_integer(rr->stripped));
	if (rr->unreadable > 0)
		json_object_set_new(o, "unreadable", json_integer(rr->unreadable));
	if (!rr->answered) {
		json_object_set_new(o, "note", json_string("no answer carried Record Route back: "
		    "many networks drop or strip IP options, so this proves nothing"));
		return o;
	}
	jrr_slots(o, "recorded", NULL, rr->rec, NULL, rr->nrec);
	json_object_set_new(o, "split", json_boolean(rr->split));
	jrr_slots(o, "forward", "forward_hops", rr->fwd, rr->fwd_hop, rr->nfwd);
	jrr_slots(o, "back", "back_hops", rr->back, rr->back_hop, rr->nback);
	json_object_set_new(o, "complete", json_boolean(!rr->full));
	if (rr->link == RRL_UNKNOWN) {
		json_object_set_new(o, "way_back", json_null());
	} else {
		wb = json_object();
		json_object_set_new(wb, "from", json_integer(rr->link_from));
		json_object_set_new(wb, "to", json_integer(rr->link_to));
		json_object_set_new(wb, "crosses_link", json_boolean(rr->link == RRL_CROSSES));
		json_object_set_new(o, "way_back", wb);
	}
	return o;
}

int
render_json_path(json_t *root, const struct path_result *r, const char *host,
    const char *method)
{
	json_t *target = json_object(), *hops = json_array(), *v = json_object();
	json_t *fs = json_array(), *st;
	size_t i;
	int t;

	if (target == NULL || hops == NULL || v == NULL || fs == NULL)
		return -1;
	json_object_set_new(target, "host", jo_str(host));
	json_object_set_new(target, "address", jo_addr(&r->dst));
	json_object_set_new(root, "target", target);
	json_object_set_new(root, "method", json_string(method));
	if (r->probes > 0)
		json_object_set_new(root, "flow", jflow(r));
	for (t = r->first_ttl; t > 0 && t <= r->last_ttl; t++)
		if (r->hops[t].probed)
			json_array_append_new(hops, jhop(&r->hops[t]));
	json_object_set_new(root, "hops", hops);
	jverdict(v, &r->verdict);
	json_object_set_new(root, "verdict", v);
	json_object_set_new(root, "latency_budget", jbudget(r));
	json_object_set_new(root, "nat", jnat(r));
	if (r->rr.sent > 0)
		json_object_set_new(root, "record_route", jrr(&r->rr));
	for (i = 0; i < r->nfindings; i++)
		json_array_append_new(fs, jfinding(&r->findings[i]));
	json_object_set_new(root, "findings", fs);
	json_object_set_new(root, "evidence", jo_evidence(&r->ev));
	st = json_object();
	json_object_set_new(st, "probes", json_integer(r->probes));
	json_object_set_new(st, "replies", json_integer(r->replies));
	json_object_set_new(st, "rounds", json_integer(r->rounds));
	json_object_set_new(st, "noise_ms", jo_num(r->noise_ms));
	json_object_set_new(st, "unplaced", json_integer(r->unplaced));
	json_object_set_new(st, "queue_undecided", json_integer(r->queue_undecided));
	json_object_set_new(st, "destination_ttl",
	    r->dest_ttl > 0 ? json_integer(r->dest_ttl) : json_null());
	json_object_set_new(root, "stats", st);
	return 0;
}
