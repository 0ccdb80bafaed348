/*
 * pcap-triage's JSON keys, added to the envelope (man/pcap-triage.1,
 * JSON): the verdict, each capture point's findings, connections (where
 * the time goes, what limits the rate), DNS, the capture's defects and
 * the limits met; with two points, their comparison.
 */
#include <math.h>
#include <string.h>

#include "analyze/common/jsonout.h"
#include "analyze/pcap_triage/render.h"

static json_t *
evidence_json(const struct evidence_list *ev)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < ev->n; i++) {
		uint32_t f = ev->v[i].frame;
		json_t *e = json_object();

		json_object_set_new(e, "frame", json_integer(f & ~EVIDENCE_SERVER_FRAME));
		if (f & EVIDENCE_SERVER_FRAME)
			json_object_set_new(e, "point", json_string("B"));
		json_object_set_new(e, "summary", json_string(ev->v[i].summary));
		json_array_append_new(a, e);
	}
	return a;
}

static json_t *
finding_json(const struct tri_finding *f)
{
	json_t *o = json_object(), *figs = json_object();
	int i;

	json_object_set_new(o, "severity", json_string(tri_sev_name(f->sev)));
	json_object_set_new(o, "layer", json_string(tri_layer_name(f->layer)));
	json_object_set_new(o, "kind", json_string(f->kind));
	json_object_set_new(o, "fault", json_string(fault_name(f->side)));
	json_object_set_new(o, "who", json_string(tri_who_name(f->who)));
	json_object_set_new(o, "device", jo_str(f->device));
	json_object_set_new(o, "address", jo_addr(&f->addr));
	json_object_set_new(o, "port", f->port ? json_integer(f->port) : json_null());
	json_object_set_new(o, "confidence", json_string(confidence_name(f->conf)));
	json_object_set_new(o, "summary", json_string(f->summary));
	json_object_set_new(o, "count", json_integer(f->count));
	if (f->point == 1)
		json_object_set_new(o, "point", json_string("B"));
	else if (f->point == 2)
		json_object_set_new(o, "point", json_string("both"));
	for (i = 0; i < f->nfig; i++)
		json_object_set_new(figs, f->fig[i].name, jo_num(f->fig[i].v));
	json_object_set_new(o, "figures", figs);
	json_object_set_new(o, "evidence", evidence_json(&f->ev));
	return o;
}

static json_t *
findings_json(const struct tri_findings *l)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, finding_json(&l->v[i]));
	return a;
}

static json_t *
ms(double v)
{
	return isnan(v) ? json_null() : jo_num(v);
}

static json_t *
conn_json(const struct tri_conn_sum *c, int64_t t0)
{
	json_t *o = json_object(), *t = json_object();
	int i;

	json_object_set_new(o, "client", jo_addr(&c->cli));
	json_object_set_new(o, "client_port", json_integer(c->cport));
	json_object_set_new(o, "server", jo_addr(&c->srv));
	json_object_set_new(o, "server_port", json_integer(c->sport));
	json_object_set_new(o, "first_frame", json_integer(c->first_frame));
	json_object_set_new(o, "last_frame", json_integer(c->last_frame));
	/* When, in seconds from the capture's first frame (probe-report's timeline). */
	json_object_set_new(o, "start_s", jo_num((double)(c->start_ts - t0) / 1e9));
	json_object_set_new(o, "end_s", jo_num((double)(c->end_ts - t0) / 1e9));
	json_object_set_new(o, "capture_point", json_string(c->point));
	json_object_set_new(o, "outcome", json_string(c->outcome));
	json_object_set_new(t, "rtt_ms", ms(c->rtt_ms));
	json_object_set_new(t, "connect_ms", ms(c->connect_ms));
	json_object_set_new(t, "client_wait_ms", ms(c->client_wait_ms));
	json_object_set_new(t, "server_ms", ms(c->server_ms));
	json_object_set_new(t, "transfer_ms", ms(c->transfer_ms));
	json_object_set_new(t, "total_ms", ms(c->total_ms));
	json_object_set_new(o, "time", t);
	json_object_set_new(o, "exchanges", json_integer(c->exchanges));
	json_object_set_new(o, "bytes_to_server", json_integer((json_int_t)c->bytes_c2s));
	json_object_set_new(o, "bytes_to_client", json_integer((json_int_t)c->bytes_s2c));
	json_object_set_new(o, "retransmissions_to_server", json_integer(c->rexmits_c2s));
	json_object_set_new(o, "retransmissions_to_client", json_integer(c->rexmits_s2c));
	json_object_set_new(o, "zero_window_ms", json_integer(c->zero_window_ms));
	json_object_set_new(o, "fault", json_boolean(c->fault));
	json_object_set_new(o, "fault_kind", jo_str(c->fault_kind));
	if (c->rate_class != NULL) {
		json_t *r = json_object(), *tp = json_array();

		json_object_set_new(r, "class", json_string(c->rate_class));
		json_object_set_new(r, "direction", json_string(c->rate_dir));
		json_object_set_new(r, "mbps", isnan(c->rate_bps) ? json_null() : jo_num(c->rate_bps / 1e6));
		json_object_set_new(r, "step_s", jo_num(c->tp_step_s));
		for (i = 0; i < c->ntp; i++)
			json_array_append_new(tp, jo_num(c->tp_bps[i] / 1e6));
		json_object_set_new(r, "mbps_over_time", tp);
		json_object_set_new(o, "rate", r);
	}
	return o;
}

json_t *
render_json_conns(const struct triage *t)
{
	const struct tri_conn_sum *cs;
	json_t *o = json_object(), *a = json_array();
	uint64_t total;
	size_t n, i, failed, faulted;

	cs = tri_tcp_conns(t->tcp, &n, &total);
	tri_conns_tally(cs, n, &failed, &faulted);
	for (i = 0; i < n; i++)
		json_array_append_new(a, conn_json(&cs[i], t->ctx.first_ts));
	json_object_set_new(o, "total", json_integer((json_int_t)total));
	json_object_set_new(o, "kept", json_integer((json_int_t)n));
	json_object_set_new(o, "failed", json_integer((json_int_t)failed));
	json_object_set_new(o, "with_fault", json_integer((json_int_t)faulted));
	json_object_set_new(o, "connections", a);
	return o;
}

static json_t *
point_json(const struct tri_point *pt)
{
	const struct triage *t = pt->t;
	const struct tri_ctx *c = &t->ctx;
	const struct tri_conn_sum *cs;
	const struct tri_points *pp = tri_tcp_points(t->tcp);
	const struct tri_dns_stats *ds = tri_names_stats(t->names);
	const struct cdef_stats *cd = cdef_stats(t->cdef);
	const struct tri_hop *g;
	struct fl_addr host, ga;
	json_t *o = json_object(), *a, *x;
	uint64_t total;
	size_t n, i;
	char mac[18];

	if (pt->label != NULL)
		json_object_set_new(o, "point", json_string(pt->label));
	a = json_array();
	for (i = 0; i < (size_t)pt->nfiles; i++) {
		x = json_object();
		json_object_set_new(x, "file", json_string(pt->files[i].path));
		json_object_set_new(x, "sha256", jo_str(pt->files[i].sha256));
		json_object_set_new(x, "first_frame", json_integer(pt->files[i].first_frame));
		json_object_set_new(x, "frames", json_integer(pt->files[i].frames));
		if (pt->files[i].cut) {
			json_object_set_new(x, "file_cut_short", json_true());
			json_object_set_new(x, "file_error", jo_str(pt->files[i].cut_why));
		}
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "files", a);
	json_object_set_new(o, "this_host", tri_host(c, &host) ? jo_addr(&host) : json_null());
	g = tri_gateway(c, &ga);
	if (g != NULL)
		json_object_set_new(o, "gateway", json_pack("{s:o,s:s}", "address", jo_addr(&ga),
		    "mac", tri_mac_text(g->mac, mac)));
	else
		json_object_set_new(o, "gateway", json_null());
	json_object_set_new(o, "capture_point", json_pack("{s:i,s:i,s:i,s:i}", "client", pp->client,
	    "server", pp->server, "middle", pp->middle, "unknown", pp->unknown));
	json_object_set_new(o, "frames", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
	    "all", (json_int_t)c->frames, "ipv4", (json_int_t)c->ipv4, "arp", (json_int_t)c->arp_frames,
	    "ipv6", (json_int_t)c->ipv6, "other", (json_int_t)c->other,
	    "truncated", (json_int_t)c->truncated, "malformed", (json_int_t)c->invalid));
	json_object_set_new(o, "duration_s", jo_num(c->frames > 0 ?
	    (double)(c->last_ts - c->first_ts) / 1e9 : 0));
	json_object_set_new(o, "counts", json_pack("{s:i,s:i,s:i}", "faults", t->faults,
	    "warnings", t->warnings, "notes", t->notes));
	json_object_set_new(o, "findings", findings_json(&c->f));
	json_object_set_new(o, "host", render_json_host(t));
	cs = tri_tcp_conns(t->tcp, &n, &total);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, conn_json(&cs[i], c->first_ts));
	json_object_set_new(o, "connections", a);
	json_object_set_new(o, "connections_total", json_integer((json_int_t)total));
	json_object_set_new(o, "dns", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}",
	    "queries", (json_int_t)ds->queries, "answered", (json_int_t)ds->answered,
	    "nxdomain", (json_int_t)ds->nxdomain, "nxdomain_normal", (json_int_t)ds->search_nx,
	    "servfail", (json_int_t)ds->servfail, "refused", (json_int_t)ds->refused,
	    "unanswered", (json_int_t)ds->unanswered, "empty_answers", (json_int_t)ds->empty,
	    "slowest_ms", jo_num(ds->answer_ms_max)));
	json_object_set_new(o, "capture_defects", json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:I,"
	    "s:I,s:I}",
	    "exact_copies", (json_int_t)cd->fd->exact_dups,
	    "router_copies", (json_int_t)cd->fd->router_dups,
	    "timestamps_not_advancing", (json_int_t)cd->fd->ts_still,
	    "timestamps_backwards", (json_int_t)cd->fd->ts_back,
	    "timestamps_out_of_range", (json_int_t)cd->fd->ts_range,
	    "one_directional_connections", (json_int_t)cd->oneway_flows,
	    "bytes_acked_not_captured", (json_int_t)cd->unseen_bytes,
	    "checksums_checked", (json_int_t)cd->cksum_checked,
	    "checksum_offload", (json_int_t)(cd->cksum_bad_own + cd->cksum_bad_super),
	    "checksum_errors", (json_int_t)cd->cksum_bad_other,
	    "names_from_dns", (json_int_t)c->names_seen));
	json_object_set_new(o, "limits", json_pack("{s:I,s:I,s:I,s:I}",
	    "max_flows", (json_int_t)c->opt.max_flows,
	    "connections_not_listed", (json_int_t)(total - n),
	    "findings_not_kept", (json_int_t)c->f.not_kept,
	    "flows_evicted", (json_int_t)cd->flows_evicted));
	return o;
}

/* The verdict of several points: the comparison's fault, else the first point's, else the next. */
static struct verdict
overall(const struct tri_point *pts, int npts, const struct tri_compare *cmp)
{
	const struct tri_finding *top = cmp != NULL ? tri_findings_top(&cmp->f) : NULL;
	struct verdict v;
	int i;

	if (top == NULL)
		for (i = 0; i < npts; i++)
			if (pts[i].t->top != NULL)
				return pts[i].t->v;
	if (top == NULL)
		return pts[0].t->v;
	memset(&v, 0, sizeof(v));
	v.fault = top->side;
	v.kind = top->kind;
	v.addr = top->addr;
	v.confidence = top->conf;
	snprintf(v.confidence_reason, sizeof(v.confidence_reason), "the two capture points compared");
	snprintf(v.summary, sizeof(v.summary), "%s", top->summary);
	return v;
}

int
render_json_triage(json_t *root, const struct tri_point *pts, int npts, const struct tri_compare *cmp)
{
	struct verdict v = overall(pts, npts, cmp);
	const struct tri_finding *top = NULL;
	json_t *jv = jo_verdict(&v), *a;
	int i;

	for (i = 0; i < npts && top == NULL; i++)
		top = pts[i].t->top;
	if (cmp != NULL && tri_findings_top(&cmp->f) != NULL)
		top = tri_findings_top(&cmp->f);
	if (top != NULL) {
		json_object_set_new(jv, "layer", json_string(tri_layer_name(top->layer)));
		json_object_set_new(jv, "who", json_string(tri_who_name(top->who)));
		json_object_set_new(jv, "device", jo_str(top->device));
		json_object_set_new(jv, "evidence", evidence_json(&top->ev));
	}
	json_object_set_new(root, "verdict", jv);
	if (npts == 1) {
		json_t *p = point_json(&pts[0]);

		json_object_update(root, p);
		json_decref(p);
	} else {
		a = json_array();
		for (i = 0; i < npts; i++)
			json_array_append_new(a, point_json(&pts[i]));
		json_object_set_new(root, "points", a);
		if (cmp != NULL) {
			json_t *c = json_object();

			json_object_set_new(c, "shared_connections", json_integer(cmp->shared));
			json_object_set_new(c, "matched_by_service", json_integer(cmp->matched_loosely));
			json_object_set_new(c, "clock_offset_s", isnan(cmp->clock_offset_s) ? json_null() :
			    jo_num(cmp->clock_offset_s));
			json_object_set_new(c, "caveat", jo_str(cmp->caveat));
			json_object_set_new(c, "findings", findings_json(&cmp->f));
			json_object_set_new(root, "comparison", c);
		}
	}
	/* The envelope's evidence: the top finding's frames. */
	json_object_set_new(root, "evidence", top != NULL ? evidence_json(&top->ev) : json_array());
	return 0;
}
