/*
 * postprobe's renderers: its keys in the shared JSON envelope, and the
 * terminal report (the verdict in a sentence, the status, the timing
 * breakdown, the transcript as Wireshark's Follow TCP Stream shows it,
 * and the frames that prove it).
 */
#include <math.h>
#include <string.h>

#include "analyze/postprobe/infer.h"
#include "analyze/common/jsonout.h"
#include "analyze/postprobe/render.h"
#include "analyze/common/textout.h"





int
render_json_http(json_t *root, const struct http_result *r, const struct http_local *l,
    const char *url, const struct syn_plan *pl)
{
	json_t *t = json_object(), *v = jo_verdict(&r->v), *h = json_object(), *hd = json_array();
	json_t *tm = json_object(), *tr = json_object(), *q = json_object();
	int k;

	json_object_set_new(t, "url", jo_str(url));
	json_object_set_new(t, "host", jo_str(r->host));
	json_object_set_new(t, "address", jo_addr(&pl->dst));
	json_object_set_new(t, "port", json_integer(pl->port));
	json_object_set_new(root, "target", t);

	json_object_set_new(root, "verdict", v);

	json_object_set_new(q, "method", jo_str(r->method));
	json_object_set_new(q, "target", jo_str(r->target));
	json_object_set_new(q, "bytes", json_integer((json_int_t)r->request_len));
	json_object_set_new(q, "acknowledged", json_boolean(r->request_acked));
	json_object_set_new(q, "retransmissions", json_integer(r->retransmits));
	json_object_set_new(root, "request", q);

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
	json_object_set_new(root, "http", h);

	json_object_set_new(tm, "dns", jo_ms_known(r->t_dns));
	json_object_set_new(tm, "connect", jo_ms_known(r->t_connect));
	json_object_set_new(tm, "tls", jo_ms_known(r->t_tls));
	json_object_set_new(tm, "request_sent", jo_ms_known(r->t_request));
	json_object_set_new(tm, "server_wait", jo_ms_known(r->t_wait));
	json_object_set_new(tm, "transfer", jo_ms_known(r->t_transfer));
	json_object_set_new(tm, "total", jo_ms_known(r->t_total));
	json_object_set_new(tm, "rtt", jo_ms_known(r->rtt_ms));
	json_object_set_new(tm, "source", json_string(r->timing_from_capture ? "capture" : "libcurl"));
	json_object_set_new(root, "timing_ms", tm);
	if (l->live) {
		json_t *c = json_object();

		/* libcurl's own clock, from the start of the transfer (curl -w's). */
		json_object_set_new(c, "namelookup", jo_ms_known(l->c_dns));
		json_object_set_new(c, "connect", jo_ms_known(l->c_connect));
		json_object_set_new(c, "appconnect", jo_ms_known(l->c_tls));
		json_object_set_new(c, "pretransfer", jo_ms_known(l->c_pretransfer));
		json_object_set_new(c, "starttransfer", jo_ms_known(l->c_start));
		json_object_set_new(c, "total", jo_ms_known(l->c_total));
		json_object_set_new(c, "result", jo_str(l->curl_error));
		json_object_set_new(root, "libcurl_ms", c);
	}

	json_object_set_new(tr, "source", json_string(r->transcript_capture ? "capture" : "libcurl"));
	json_object_set_new(tr, "request", jo_str(r->req_text));
	json_object_set_new(tr, "response", jo_str(r->resp_text));
	json_object_set_new(root, "transcript", tr);
	if (r->mtu.probed) {
		json_t *m = json_object();

		json_object_set_new(m, "largest_ok", json_integer(r->mtu.largest_ok));
		json_object_set_new(m, "smallest_lost", r->mtu.smallest_lost ?
		    json_integer(r->mtu.smallest_lost) : json_null());
		json_object_set_new(m, "frag_needed", json_boolean(r->mtu.frag_needed));
		json_object_set_new(m, "last_hop_large", json_integer(r->mtu.last_hop_large));
		json_object_set_new(root, "path_mtu", m);
	}
	if (r->found) {
		json_t *ids = json_object();

		/* Whether each follows the server's IP ID counter: true, false, or null (cannot say). */
		json_object_set_new(ids, "answer", r->resp_ipid ? json_integer(r->resp_ipid) : json_null());
		json_object_set_new(ids, "answer_follows_server", r->resp_id_fit == 0 ? json_null() :
		    json_boolean(r->resp_id_fit > 0));
		json_object_set_new(ids, "reset", r->reset && r->rst_ipid ? json_integer(r->rst_ipid) :
		    json_null());
		json_object_set_new(ids, "reset_follows_server", r->rst_id_fit == 0 ? json_null() :
		    json_boolean(r->rst_id_fit > 0));
		json_object_set_new(root, "ip_id", ids);
	}
	if (r->zt.sent > 0) {
		json_t *z = json_object();
		char ab[FL_ADDRSTRLEN];

		json_object_set_new(z, "copies", json_integer(r->zt.sent));
		json_object_set_new(z, "max_ttl", json_integer(r->zt.max_ttl));
		json_object_set_new(z, "expired_up_to", json_integer(r->zt.expired));
		json_object_set_new(z, "expired_from", r->zt.expired ?
		    json_string(fl_addr_str(&r->zt.expired_from, ab, sizeof(ab))) : json_null());
		json_object_set_new(z, "answered_at", r->zt.answered ?
		    json_integer(r->zt.answered) : json_null());
		json_object_set_new(z, "answer", r->zt.answered == 0 ? json_null() :
		    json_string(r->zt.answered_rst ? "reset" : "icmp-error"));
		json_object_set_new(z, "answer_ttl", r->zt.answered ?
		    json_integer(r->zt.answer_ttl) : json_null());
		json_object_set_new(root, "flow_trace", z);
	}
	json_object_set_new(root, "findings", json_array());
	json_object_set_new(root, "evidence", jo_evidence(&r->ev));
	return 0;
}

static void
phase(FILE *out, const char *name, double v)
{
	if (v >= 0)
		fprintf(out, "  %-14s %9.1f ms\n", name, v);
}

/*
 * A transcript, each line indented and marked with its direction; on a
 * terminal the first lines say enough (--json has the excerpt whole).
 */
static void
transcript(FILE *out, const char *mark, const char *text, int max_lines)
{
	const char *p = text, *nl;
	int n = 0, more = 0;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		if (n++ < max_lines)
			fprintf(out, "  %s %.*s\n", mark, nl ? (int)(nl - p) : (int)strlen(p), p);
		else
			more++;
		p = nl ? nl + 1 : NULL;
	}
	if (more > 0)
		fprintf(out, "  %s [... %d more line%s in --json]\n", mark, more, more == 1 ? "" : "s");
}

int
render_text_http(FILE *out, const struct http_result *r, const struct http_local *l,
    const struct fl_envelope *e, const char *url, const struct syn_plan *pl)
{
	char a[FL_ADDRSTRLEN];

	if (url != NULL)
		fprintf(out, "postprobe %s (%s:%u)", url, fl_addr_str(&pl->dst, a, sizeof(a)), pl->port);
	else
		fprintf(out, "postprobe: %s %s%s%s (%s:%u)", r->method[0] ? r->method : "POST",
		    r->host[0] ? "http://" : "", r->host, r->target,
		    fl_addr_str(&pl->dst, a, sizeof(a)), pl->port);
	if (e->capture_file && strcmp(e->capture_mode, "read") == 0)
		fprintf(out, ", from %s", e->capture_file);
	else if (e->duration_s > 0)
		fprintf(out, ", %.1f s", e->duration_s);
	to_verdict(out, &r->v);
	if (r->status > 0)
		fprintf(out, "\nHTTP: %s %d %s, %zu bytes, to %s %s (%zu bytes)\n", r->version,
		    r->status, r->reason, r->response_len, r->method, r->target, r->request_len);
	if (r->t_total >= 0 || r->t_connect >= 0) {
		fprintf(out, "\nTiming (%s):\n", r->timing_from_capture ? "from the packets" :
		    "from libcurl");
		phase(out, "dns", r->t_dns);
		phase(out, "connect", r->t_connect);
		if (r->t_tls > 0)
			phase(out, "tls", r->t_tls);
		phase(out, "request sent", r->t_request);
		phase(out, "server wait", r->t_wait);
		phase(out, "transfer", r->t_transfer);
		phase(out, "total", r->t_total);
	}
	if (r->req_text != NULL || r->resp_text != NULL) {
		fprintf(out, "\nTranscript (%s):\n", r->transcript_capture ?
		    "reassembled from the captured packets" : "from libcurl; the wire is encrypted");
		transcript(out, ">", r->req_text, 16);
		transcript(out, "<", r->resp_text, 16);
	}
	if (l->live && l->curl_code != 0)
		fprintf(out, "\nlibcurl: %s\n", l->curl_error);
	to_evidence(out, &r->ev, 6, 0);
	to_capture(out, e);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
