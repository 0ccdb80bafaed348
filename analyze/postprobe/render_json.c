/*
 * postprobe's keys in the shared JSON envelope: the target, the
 * request and its answer, the timings (the capture's or libcurl's, and
 * libcurl's own clock when live), the transcript, and what the path MTU
 * probes, the IP IDs and the in-flow trace showed.
 */
#include <math.h>
#include <string.h>

#include "analyze/common/jsonout.h"
#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/render.h"

static json_t *
json_target(const struct http_result *r, const char *url, const struct syn_plan *pl)
{
	json_t *t = json_object();

	json_object_set_new(t, "url", jo_str(url));
	json_object_set_new(t, "host", jo_str(r->host));
	json_object_set_new(t, "address", jo_addr(&pl->dst));
	json_object_set_new(t, "port", json_integer(pl->port));
	return t;
}

static json_t *
json_request(const struct http_result *r)
{
	json_t *q = json_object();

	json_object_set_new(q, "method", jo_str(r->method));
	json_object_set_new(q, "target", jo_str(r->target));
	json_object_set_new(q, "bytes", json_integer((json_int_t)r->request_len));
	json_object_set_new(q, "acknowledged", json_boolean(r->request_acked));
	json_object_set_new(q, "retransmissions", json_integer(r->retransmits));
	return q;
}

static json_t *
json_http(const struct http_result *r)
{
	json_t *h = json_object(), *hd = json_array();
	int k;

	json_object_set_new(h, "status", r->status > 0 ? json_integer(r->status) : json_null());
	json_object_set_new(h, "reason", jo_str(r->reason));
	json_object_set_new(h, "version", jo_str(r->version));
	for (k = 0; k < r->nheaders; k++) {
		json_t *o = json_object();

		json_object_set_new(o, "name", json_string(r->headers[k].name));
		json_object_set_new(o, "value", json_string(r->headers[k].value));
		json_array_append_new(hd, o);
	}
	json_object_set_new(h, "headers", hd);
	json_object_set_new(h, "bytes", json_integer((json_int_t)r->response_len));
	json_object_set_new(h, "exchanges_in_capture", json_integer(r->nexchanges));
	return h;
}

static json_t *
split_num(double v)
{
	return isnan(v) ? json_null() : jo_num(v);
}

static json_t *
json_timing(const struct http_result *r)
{
	json_t *tm = json_object();

	json_object_set_new(tm, "dns", jo_ms_known(r->t_dns));
	json_object_set_new(tm, "connect", jo_ms_known(r->t_connect));
	json_object_set_new(tm, "tls", jo_ms_known(r->t_tls));
	json_object_set_new(tm, "request_sent", jo_ms_known(r->t_request));
	json_object_set_new(tm, "server_wait", jo_ms_known(r->t_wait));
	json_object_set_new(tm, "transfer", jo_ms_known(r->t_transfer));
	json_object_set_new(tm, "total", jo_ms_known(r->t_total));
	json_object_set_new(tm, "rtt", jo_ms_known(r->rtt_ms));
	json_object_set_new(tm, "source", json_string(r->timing_from_capture ? "capture" : "libcurl"));
	if (r->has_split)
		json_object_set_new(tm, "split", json_pack("{s:o,s:o,s:o,s:o,s:o}",
		    "rtt", split_num(r->split_rtt), "client_wait", split_num(r->split_client),
		    "server", split_num(r->split_server), "transfer", split_num(r->split_transfer),
		    "fault", jo_str(r->split_fault)));
	else
		json_object_set_new(tm, "split", json_null());
	return tm;
}

/* libcurl's own clock, from the start of the transfer (curl -w's). */
static json_t *
json_libcurl(const struct http_local *l)
{
	json_t *c = json_object();

	json_object_set_new(c, "namelookup", jo_ms_known(l->c_dns));
	json_object_set_new(c, "connect", jo_ms_known(l->c_connect));
	json_object_set_new(c, "appconnect", jo_ms_known(l->c_tls));
	json_object_set_new(c, "pretransfer", jo_ms_known(l->c_pretransfer));
	json_object_set_new(c, "starttransfer", jo_ms_known(l->c_start));
	json_object_set_new(c, "total", jo_ms_known(l->c_total));
	json_object_set_new(c, "result", jo_str(l->curl_error));
	return c;
}

static json_t *
json_transcript(const struct http_result *r)
{
	json_t *tr = json_object();

	json_object_set_new(tr, "source", json_string(r->transcript_capture ? "capture" : "libcurl"));
	json_object_set_new(tr, "request", jo_str(r->req_text));
	json_object_set_new(tr, "response", jo_str(r->resp_text));
	return tr;
}

static json_t *
json_path_mtu(const struct http_mtu *mtu)
{
	json_t *m = json_object();

	json_object_set_new(m, "largest_ok", json_integer(mtu->largest_ok));
	json_object_set_new(m, "smallest_lost", mtu->smallest_lost ?
	    json_integer(mtu->smallest_lost) : json_null());
	json_object_set_new(m, "frag_needed", json_boolean(mtu->frag_needed));
	json_object_set_new(m, "last_hop_large", json_integer(mtu->last_hop_large));
	return m;
}

/* Whether each follows the server's IP ID counter: true, false, or null (cannot say). */
static json_t *
json_ip_id(const struct http_result *r)
{
	json_t *ids = json_object();

	json_object_set_new(ids, "answer", r->resp_ipid ? json_integer(r->resp_ipid) : json_null());
	json_object_set_new(ids, "answer_follows_server", r->resp_id_fit == 0 ? json_null() :
	    json_boolean(r->resp_id_fit > 0));
	json_object_set_new(ids, "reset", r->reset && r->rst_ipid ? json_integer(r->rst_ipid) :
	    json_null());
	json_object_set_new(ids, "reset_follows_server", r->rst_id_fit == 0 ? json_null() :
	    json_boolean(r->rst_id_fit > 0));
	return ids;
}

static json_t *
json_flow_trace(const struct http_ztrace *zt)
{
	json_t *z = json_object();
	char ab[FL_ADDRSTRLEN];

	json_object_set_new(z, "copies", json_integer(zt->sent));
	json_object_set_new(z, "max_ttl", json_integer(zt->max_ttl));
	json_object_set_new(z, "expired_up_to", json_integer(zt->expired));
	json_object_set_new(z, "expired_from", zt->expired ?
	    json_string(fl_addr_str(&zt->expired_from, ab, sizeof(ab))) : json_null());
	json_object_set_new(z, "answered_at", zt->answered ?
	    json_integer(zt->answered) : json_null());
	json_object_set_new(z, "answer", zt->answered == 0 ? json_null() :
	    json_string(zt->answered_rst ? "reset" : "icmp-error"));
	json_object_set_new(z, "answer_ttl", zt->answered ?
	    json_integer(zt->answer_ttl) : json_null());
	return z;
}

int
render_json_http(json_t *root, const struct http_result *r, const struct http_local *l,
    const char *url, const struct syn_plan *pl)
{
	json_object_set_new(root, "target", json_target(r, url, pl));
	json_object_set_new(root, "verdict", jo_verdict(&r->v));
	json_object_set_new(root, "request", json_request(r));
	json_object_set_new(root, "http", json_http(r));
	json_object_set_new(root, "timing_ms", json_timing(r));
	if (l->live)
		json_object_set_new(root, "libcurl_ms", json_libcurl(l));
	json_object_set_new(root, "transcript", json_transcript(r));
	if (r->mtu.probed)
		json_object_set_new(root, "path_mtu", json_path_mtu(&r->mtu));
	if (r->found)
		json_object_set_new(root, "ip_id", json_ip_id(r));
	if (r->zt.sent > 0)
		json_object_set_new(root, "flow_trace", json_flow_trace(&r->zt));
	json_object_set_new(root, "findings", json_array());
	json_object_set_new(root, "evidence", jo_evidence(&r->ev));
	return 0;
}
