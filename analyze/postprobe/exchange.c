/*
 * What postprobe read of the exchange, before any rule is asked: the
 * connection (live: the run's own; saved: the capture's HTTP exchange),
 * its request and answer (from the reassembled streams when plain, from
 * libcurl's transcript over TLS), and the time each phase took (on the
 * wire where the packets can say, libcurl's clock for the rest).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/flow/tls.h"
#include "analyze/postprobe/exchange.h"
#include "analyze/postprobe/wire.h"

static double
ms(int64_t a, int64_t b)
{
	return a > 0 && b > 0 ? (double)(b - a) / 1e6 : -1;
}

/* The time the byte at off of a direction was first seen, 0 if unknown. */
static int64_t
ts_at(const struct tcp_dir *d, size_t off)
{
	size_t i;

	for (i = 0; i < d->nspans; i++)
		if (off >= d->spans[i].off && off < d->spans[i].off + d->spans[i].len)
			return d->spans[i].ts;
	return 0;
}

/* A transcript: printable, line ends kept, cut long. */
static char *
excerpt(const uint8_t *data, size_t len, size_t max)
{
	size_t cap = max * 4 + 64;
	char *s = malloc(cap);

	if (s != NULL)
		(void)http_excerpt(data, len, s, cap, max);
	return s;
}

static void
copy_headers(struct http_result *r, const struct http_msg *m)
{
	int i;

	r->nheaders = m->nheaders < HTTP_MAX_HEADERS ? m->nheaders : HTTP_MAX_HEADERS;
	for (i = 0; i < r->nheaders; i++)
		r->headers[i] = m->headers[i];
}

/* A plain-HTTP exchange in a connection: the first request and its answer. */
static bool
exchange_of(const struct tcp_conn *c, struct http_msg *req, struct http_msg *resp,
    bool *have_resp)
{
	size_t next;
	enum http_status st;

	memset(req, 0, sizeof(*req));
	memset(resp, 0, sizeof(*resp));
	*have_resp = false;
	st = http_parse(c->c2s.data, c->c2s.len, 0, true, req, &next);
	if (st == HTTP_BAD || req->method[0] == '\0')
		return false;
	/* An answer to HEAD has no body; one that ends with the close ends at the FIN. */
	st = http_parse_ex(c->s2c.data, c->s2c.len, 0, false,
	    http_response_flags(req) | (c->s2c.fin ? HTTP_F_EOF : 0), resp, &next);
	*have_resp = st != HTTP_BAD && resp->status > 0;
	return true;
}

/* The connection the run made (live), or the capture's HTTP exchange. */
const struct tcp_conn *
exchange_pick(const struct tcp_streams *ts, const struct http_local *l, const struct syn_plan *pl,
    struct http_result *r)
{
	const struct tcp_conn *best = NULL, *tls = NULL, *c;
	struct http_msg req, resp;
	bool have;
	size_t i;

	if (l->live && l->lport != 0)
		return tcps_find(ts, &l->local, l->lport, &l->remote, l->rport);
	for (i = 0; i < tcps_count(ts); i++) {
		c = tcps_conn(ts, i);
		if (!fl_addr_eq(&c->srv, &pl->dst) || c->sport != pl->port)
			continue;
		if (!exchange_of(c, &req, &resp, &have)) {
			/* HTTPS: the connection is found, its messages are not readable. */
			if (best == NULL && tls_stream(c->c2s.data, c->c2s.len))
				tls = c;
			continue;
		}
		r->nexchanges++;
		/* The first that was answered, a POST if there is one. */
		if (best == NULL || (have && strcmp(req.method, "POST") == 0 &&
		    strcmp(r->method, "POST") != 0)) {
			best = c;
			snprintf(r->method, sizeof(r->method), "%s", req.method);
		}
	}
	return best != NULL ? best : tls;
}

/* libcurl's own phase timings, when the packets cannot give them. */
void
exchange_curl_timings(struct http_result *r, const struct http_local *l)
{
	r->t_dns = l->c_dns;
	r->t_connect = l->c_connect > 0 ? l->c_connect - l->c_dns : -1;
	r->t_tls = l->tls && l->c_tls > 0 ? l->c_tls - l->c_connect : 0;
	r->t_request = -1;
	r->t_wait = l->c_start > 0 ? l->c_start - l->c_pretransfer : -1;
	r->t_transfer = l->c_start > 0 ? l->c_total - l->c_start : -1;
	r->t_total = l->c_total;
}

/* The connection, and what the wire notes say of its server's packets. */
void
exchange_connection(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	struct http_result *r = x->r;
	const struct wconn *wc;
	const struct wdir *from_srv;
	int dir = 0;

	x->https = x->l->tls || (x->pl->port == 443 && (c == NULL ||
	    !exchange_of(c, &x->req, &x->resp, &x->have_resp)));
	if (c == NULL)
		return;
	r->found = true;
	r->cli = c->cli;
	r->srv = c->srv;
	r->cport = c->cport;
	r->sport = c->sport;
	r->retransmits = c->c2s.retransmits;
	wc = http_wire_conn(x->w, &c->cli, c->cport, &c->srv, c->sport, &dir);
	if (wc != NULL) {
		from_srv = x->from_srv = &wc->d[1 - dir];
		r->synack_ttl = c->synack_frame ? from_srv->first_ttl : 0;
		r->resp_ttl = from_srv->data_ttl;
		r->resp_ipid = from_srv->data_ipid;
		r->resp_id_fit = http_wire_id_fit(from_srv, from_srv->data_frame, &r->resp_id_prev);
		r->rst_ipid = from_srv->rst_ipid;
		r->rst_id_fit = from_srv->rst ? http_wire_id_fit(from_srv, from_srv->rst_frame,
		    &r->rst_id_prev) : 0;
	}
	flowtrace_read(x->w, wc, &r->zt);
	if (c->synack_frame && c->syn_frame)
		r->rtt_ms = ms(c->syn_ts, c->synack_ts);
}

/* A plain exchange: the messages and the transcript from the reassembled streams. */
static void
messages_from_capture(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	struct http_result *r = x->r;

	snprintf(r->method, sizeof(r->method), "%s", x->req.method);
	snprintf(r->target, sizeof(r->target), "%s", x->req.target);
	if (http_header(&x->req, "Host") != NULL)
		snprintf(r->host, sizeof(r->host), "%s", http_header(&x->req, "Host"));
	x->req_end = x->req.start + x->req.header_len + x->req.body_len;
	r->request_len = x->req.header_len + x->req.body_len;
	r->req_text = excerpt(c->c2s.data, c->c2s.len, 2048);
	r->resp_text = excerpt(c->s2c.data, c->s2c.len, 2048);
	r->transcript_capture = true;
	if (x->have_resp) {
		x->resp_end = x->resp.start + x->resp.header_len + x->resp.body_len;
		r->response_len = x->resp.header_len + x->resp.body_len;
	}
}

/* Live over TLS: the messages as libcurl's transcript has them. */
static void
messages_from_libcurl(struct exchange *x)
{
	const struct http_local *l = x->l;
	struct http_result *r = x->r;
	size_t next;

	if (l->out != NULL && http_parse((const uint8_t *)l->out, l->outlen, 0, true, &x->req,
	    &next) != HTTP_BAD) {
		snprintf(r->method, sizeof(r->method), "%s", x->req.method);
		snprintf(r->target, sizeof(r->target), "%s", x->req.target);
	}
	if (l->in != NULL && http_parse((const uint8_t *)l->in, l->inlen, 0, false, &x->resp,
	    &next) != HTTP_BAD && x->resp.status > 0)
		x->have_resp = true;
	r->req_text = l->out ? excerpt((const uint8_t *)l->out, l->outlen, 2048) : NULL;
	r->resp_text = l->in ? excerpt((const uint8_t *)l->in, l->inlen, 2048) : NULL;
	r->transcript_capture = false;
}

/* The messages: from the packets when plain, from libcurl when TLS. */
void
exchange_messages(struct exchange *x)
{
	const struct http_local *l = x->l;
	struct http_result *r = x->r;

	memset(&x->req, 0, sizeof(x->req));
	memset(&x->resp, 0, sizeof(x->resp));
	if (x->c != NULL && !x->https && exchange_of(x->c, &x->req, &x->resp, &x->have_resp))
		messages_from_capture(x);
	else if (l->live)
		messages_from_libcurl(x);
	if (r->method[0] == '\0')
		snprintf(r->method, sizeof(r->method), "%s", l->method[0] ? l->method : "POST");
	if (x->have_resp) {
		r->status = x->resp.status;
		snprintf(r->reason, sizeof(r->reason), "%s", x->resp.reason);
		snprintf(r->version, sizeof(r->version), "%s", x->resp.version);
		copy_headers(r, &x->resp);
	} else if (l->live && l->status > 0) {
		r->status = (int)l->status;
	}
}

/* Each phase timed on the wire, and whether the request was acknowledged. */
static void
timings_from_capture(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	const struct http_local *l = x->l;
	struct http_result *r = x->r;
	int64_t t_req_last, t_resp_first = 0, t_resp_last = 0, t_acked = 0;

	t_req_last = ts_at(&c->c2s, x->req_end - 1);
	if (x->have_resp) {
		t_resp_first = ts_at(&c->s2c, x->resp.start);
		t_resp_last = x->resp_end > 0 ? ts_at(&c->s2c, x->resp_end - 1) : 0;
		if (t_resp_last == 0)
			t_resp_last = c->s2c.last_data_ts;
	}
	if (x->from_srv != NULL && c->c2s.have_isn)
		t_acked = http_wire_acked_at(x->from_srv, c->c2s.isn, x->req_end);
	r->request_acked = t_acked > 0 || x->have_resp;
	r->t_connect = c->syn_frame && c->synack_frame ? ms(c->syn_ts, c->synack_ts) : -1;
	r->t_tls = 0;
	r->t_request = ms(ts_at(&c->c2s, x->req.start), t_req_last);
	r->t_wait = ms(t_req_last, t_resp_first);
	r->t_transfer = ms(t_resp_first, t_resp_last);
	r->t_dns = l->live ? l->c_dns : -1;
	r->t_total = c->syn_frame && t_resp_last ? ms(c->syn_ts, t_resp_last) +
	    (r->t_dns > 0 ? r->t_dns : 0) : (l->live ? l->c_total : -1);
	r->timing_from_capture = true;
}

/* Timings: the packets where they can say, libcurl for the rest. */
void
exchange_timings(struct exchange *x)
{
	const struct tcp_conn *c = x->c;
	struct http_result *r = x->r;

	if (c != NULL && !x->https && x->req_end > 0) {
		timings_from_capture(x);
	} else if (x->l->live) {
		exchange_curl_timings(r, x->l);
		r->request_acked = x->have_resp;
		if (c != NULL && c->syn_frame && c->synack_frame)
			r->t_connect = ms(c->syn_ts, c->synack_ts);
	}
}
