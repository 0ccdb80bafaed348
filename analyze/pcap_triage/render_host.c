/*
 * The host reader's result as JSON (man/pcap-triage.1, JSON: host): the
 * local networks and how they were found, when this host's stack came
 * up, the inbound attempts from outside by source and port with their
 * answers, the ports exposed, the remote calls and the downloads of
 * programs.  It reads what tri_hostr_finish() left; nothing here judges.
 */
#include <stdio.h>
#include <string.h>

#include "analyze/common/jsonout.h"
#include "analyze/pcap_triage/render.h"

static const char *
answer(const struct host_group *g)
{
	if (g->synack > 0 || g->replies > 0)
		return "open";
	if (g->rst > 0)
		return "closed";
	if (g->unreach > 0)
		return "unreachable";
	return "silent";
}

static json_t *
secs(int64_t ts, int64_t base)
{
	return base != 0 && ts != 0 ? jo_num((double)(ts - base) / 1e9) : json_null();
}

/* "tcp/443", "udp/53", "icmp": a protocol's name in the traffic table. */
static void
proto_text(const struct talk_key *k, char *buf, size_t len)
{
	const char *n = k->proto == 6 ? "tcp" : k->proto == 17 ? "udp" : k->proto == 1 ? "icmp" :
	    k->proto == 47 ? "gre" : k->proto == 50 ? "esp" : NULL;

	if (n != NULL && k->port != 0)
		snprintf(buf, len, "%s/%u", n, k->port);
	else if (n != NULL)
		snprintf(buf, len, "%s", n);
	else
		snprintf(buf, len, "ip/%u", k->proto);
}

/* What uses the line: the top addresses and protocols by bytes, and the bytes over time. */
static json_t *
traffic_json(const struct triage *t, const struct host_talk *k)
{
	json_t *o = json_object(), *a = json_array(), *x;
	char buf[40];
	size_t i, n;
	int b;

	json_object_set_new(o, "bytes", json_integer((json_int_t)k->bytes));
	json_object_set_new(o, "frames", json_integer((json_int_t)k->frames));
	for (i = n = 0; i < k->naddr && n < 10; i++) {
		const struct talk_cnt *c = &k->addr[i];

		x = json_object();
		json_object_set_new(x, "address", jo_addr(&c->key.a));
		json_object_set_new(x, "name", jo_str(tri_name_of(&t->ctx, &c->key.a)));
		json_object_set_new(x, "this_host", json_boolean(tri_is_host(&t->ctx, &c->key.a)));
		json_object_set_new(x, "bytes", json_integer((json_int_t)c->bytes));
		json_object_set_new(x, "bytes_error", json_integer((json_int_t)c->err));
		json_object_set_new(x, "share_pct", jo_num(k->bytes ? 100.0 * (double)c->bytes /
		    (double)k->bytes : 0));
		json_array_append_new(a, x);
		n++;
	}
	json_object_set_new(o, "talkers", a);
	a = json_array();
	for (i = 0; i < k->nproto && i < 10; i++) {
		const struct talk_cnt *c = &k->proto[i];

		proto_text(&c->key, buf, sizeof(buf));
		x = json_object();
		json_object_set_new(x, "protocol", json_string(buf));
		json_object_set_new(x, "bytes", json_integer((json_int_t)c->bytes));
		json_object_set_new(x, "bytes_error", json_integer((json_int_t)c->err));
		json_object_set_new(x, "share_pct", jo_num(k->bytes ? 100.0 * (double)c->bytes /
		    (double)k->bytes : 0));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "protocols", a);
	json_object_set_new(o, "bin_s", jo_num((double)k->bin_ns / 1e9));
	a = json_array();
	for (b = 0; b < k->nbins; b++)
		json_array_append_new(a, json_integer((json_int_t)k->bins[b]));
	json_object_set_new(o, "bytes_over_time", a);
	return o;
}

json_t *
render_json_host(const struct triage *t)
{
	const struct tri_host_result *r = tri_hostr_result(t->host);
	json_t *o = json_object(), *a, *x, *ex;
	char s[FL_ADDRSTRLEN + 4];
	struct fl_addr n;
	size_t i;
	int k;

	a = json_array();
	for (k = 0; k < r->nnets; k++) {
		int len = 0;
		uint32_t m = r->nets[k].mask;

		while (m & 0x80000000u) {
			len++;
			m <<= 1;
		}
		fl_addr_v4(&n, r->nets[k].net);
		verdict_addr(&n, s);
		snprintf(s + strlen(s), sizeof(s) - strlen(s), "/%d", len);
		json_array_append_new(a, json_pack("{s:s,s:s}", "prefix", s, "from", r->nets[k].how));
	}
	json_object_set_new(o, "local_networks", a);
	json_object_set_new(o, "assumed", jo_str(r->assumed));
	json_object_set_new(o, "stack_up", json_pack("{s:o,s:o,s:o}",
	    "dhcp_frame", r->dhcp_frame ? json_integer(r->dhcp_frame) : json_null(),
	    "first_own_frame", r->up_frame ? json_integer(r->up_frame) : json_null(),
	    "after_dhcp_s", r->dhcp_frame ? secs(r->up_ts, r->dhcp_ts) : json_null()));
	a = json_array();
	ex = json_array();
	for (i = 0; i < r->nin; i++) {
		const struct host_group *g = &r->in[i];

		x = json_object();
		json_object_set_new(x, "source", jo_addr(&g->src));
		json_object_set_new(x, "protocol", json_string(g->proto == 6 ? "tcp" : "udp"));
		json_object_set_new(x, "port", json_integer(g->port));
		json_object_set_new(x, "attempts", json_integer(g->attempts));
		json_object_set_new(x, "answer", json_string(answer(g)));
		json_object_set_new(x, "rst", json_integer(g->rst));
		json_object_set_new(x, "syn_ack", json_integer(g->synack));
		json_object_set_new(x, "unreachable", json_integer(g->unreach));
		json_object_set_new(x, "replies", json_integer(g->replies));
		json_object_set_new(x, "first_frame", json_integer(g->first_frame));
		json_object_set_new(x, "last_frame", json_integer(g->last_frame));
		json_object_set_new(x, "answer_frame", g->answer_frame ? json_integer(g->answer_frame) :
		    json_null());
		json_object_set_new(x, "before_stack_up", json_boolean(r->up_frame != 0 &&
		    g->first_ts < r->up_ts));
		json_object_set_new(x, "after_dhcp_s", r->dhcp_frame ? secs(g->first_ts, r->dhcp_ts) :
		    json_null());
		json_array_append_new(a, x);
		if (g->synack > 0 || g->replies > 0)
			json_array_append_new(ex, json_pack("{s:s,s:i,s:o,s:i,s:i}", "protocol",
			    g->proto == 6 ? "tcp" : "udp", "port", g->port, "source", jo_addr(&g->src),
			    "attempt_frame", g->first_frame, "answer_frame", g->answer_frame));
	}
	json_object_set_new(o, "inbound", a);
	json_object_set_new(o, "inbound_attempts", json_integer((json_int_t)r->in_attempts));
	json_object_set_new(o, "exposed", ex);
	a = json_array();
	for (i = 0; i < r->ncalls; i++) {
		const struct host_call *c = &r->calls[i];

		x = json_object();
		json_object_set_new(x, "source", jo_addr(&c->src));
		json_object_set_new(x, "protocol", json_string(c->proto == 6 ? "tcp" : "udp"));
		json_object_set_new(x, "port", json_integer(c->dport));
		json_object_set_new(x, "call", jo_str(c->what));
		json_object_set_new(x, "interface", jo_str(c->iface));
		json_object_set_new(x, "opnum", c->request_frame ? json_integer(c->opnum) : json_null());
		json_object_set_new(x, "frame", json_integer(c->frame));
		json_object_set_new(x, "request_frame", c->request_frame ? json_integer(c->request_frame) :
		    json_null());
		json_object_set_new(x, "answer", jo_str(c->answer));
		json_object_set_new(x, "answer_frame", c->answer_frame ? json_integer(c->answer_frame) :
		    json_null());
		json_object_set_new(x, "accepted", json_boolean(c->accepted));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "remote_calls", a);
	a = json_array();
	for (i = 0; i < r->ndl; i++) {
		const struct host_dl *d = &r->dl[i];

		x = json_object();
		json_object_set_new(x, "via", json_string(d->via));
		json_object_set_new(x, "server", jo_addr(&d->server));
		json_object_set_new(x, "port", json_integer(d->port));
		json_object_set_new(x, "name", jo_str(d->name));
		json_object_set_new(x, "host_header", jo_str(d->host_hdr));
		json_object_set_new(x, "file", jo_str(d->file));
		json_object_set_new(x, "executable", json_string(d->exe));
		json_object_set_new(x, "size", json_integer((json_int_t)d->size));
		json_object_set_new(x, "captured", json_integer((json_int_t)d->captured));
		json_object_set_new(x, "whole", json_boolean(d->whole));
		json_object_set_new(x, "sha256", jo_str(d->sha256));
		json_object_set_new(x, "request_frame", json_integer(d->request_frame));
		json_object_set_new(x, "data_frame", d->data_frame ? json_integer(d->data_frame) :
		    json_null());
		json_object_set_new(x, "lookup_frame", d->lookup_frame ? json_integer(d->lookup_frame) :
		    json_null());
		json_object_set_new(x, "after_lookup_s", d->looked_up ? jo_num(d->after_lookup_s) :
		    json_null());
		json_object_set_new(x, "bare_ip", json_boolean(d->bare_ip));
		json_object_set_new(x, "chain_frame", d->chain_frame ? json_integer(d->chain_frame) :
		    json_null());
		json_object_set_new(x, "severity", json_string(d->strength == 2 ? "warning" : "note"));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "downloads", a);
	a = json_array();
	for (i = 0; i < r->nswarms; i++) {
		const struct host_swarm *w = &r->swarms[i];

		x = json_object();
		json_object_set_new(x, "protocol", json_string("bittorrent"));
		json_object_set_new(x, "host", jo_addr(&w->host));
		json_object_set_new(x, "port", w->port ? json_integer(w->port) : json_null());
		json_object_set_new(x, "peers", json_integer(w->peers));
		json_object_set_new(x, "handshake_connections", json_integer(w->handshakes));
		json_object_set_new(x, "dht_exchanges", json_integer(w->dht));
		json_object_set_new(x, "infohash", jo_str(w->infohash));
		json_object_set_new(x, "bytes_in", json_integer((json_int_t)w->bytes_in));
		json_object_set_new(x, "bytes_out", json_integer((json_int_t)w->bytes_out));
		json_object_set_new(x, "share_pct", jo_num(r->all_bytes ? 100.0 *
		    (double)(w->bytes_in + w->bytes_out) / (double)r->all_bytes : 0));
		json_object_set_new(x, "first_frame", json_integer(w->first_frame));
		json_object_set_new(x, "handshake_frame", w->handshake_frame ?
		    json_integer(w->handshake_frame) : json_null());
		json_object_set_new(x, "dht_frame", w->dht_frame ? json_integer(w->dht_frame) :
		    json_null());
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "swarms", a);
	json_object_set_new(o, "traffic", traffic_json(t, &r->talk));
	return o;
}
