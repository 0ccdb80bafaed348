/*
 * synprobe's keys in the shared JSON envelope: the target, the verdict
 * (with the caveat of a two-sided reading), and under "probes" what was
 * tried and how each thing was answered: name, route and gateway,
 * connect() and the greeting (live), the SYNs to the port, the ping,
 * the control ports, the TTL-limited path and the server's capture.
 */
#include <string.h>

#include "analyze/common/jsonout.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/render.h"

const char *
syn_answer_name(enum reply_kind k, uint8_t code)
{
	return k == RK_NONE ? NULL : corr_answer_name(k, code);
}

static json_t *
jobs(const struct syn_probe_obs *o)
{
	json_t *j;

	if (!o->sent)
		return json_null();
	j = json_object();
	json_object_set_new(j, "address", jo_addr(&o->from));
	json_object_set_new(j, "answer", jo_str(syn_answer_name(o->answer, o->icmp_code)));
	json_object_set_new(j, "frame", json_integer(o->frame));
	if (o->answer != RK_NONE) {
		json_object_set_new(j, "reply_frame", json_integer(o->reply_frame));
		json_object_set_new(j, "rtt_ms", jo_num(o->rtt_ms));
		json_object_set_new(j, "reply_ttl", json_integer(o->reply_ttl));
	}
	return j;
}

static json_t *
json_target(const struct syn_result *r, const char *host)
{
	json_t *t = json_object();

	json_object_set_new(t, "host", jo_str(host));
	json_object_set_new(t, "address", jo_addr(&r->plan.dst));
	json_object_set_new(t, "port", json_integer(r->plan.port));
	return t;
}

static json_t *
json_dns(const struct syn_local *l)
{
	json_t *d = json_object();

	json_object_set_new(d, "status", json_string(l->dns_looked_up ? l->dns_status : "literal"));
	json_object_set_new(d, "resolver", jo_str(l->dns_resolver));
	json_object_set_new(d, "ms", jo_num(l->dns_ms));
	json_object_set_new(d, "detail", jo_str(l->dns_detail));
	return d;
}

/* This host's route, gateway and sending. */
static json_t *
json_local(const struct syn_local *l)
{
	json_t *loc = json_object();

	json_object_set_new(loc, "route", json_boolean(!l->no_route));
	json_object_set_new(loc, "interface", jo_str(l->ifname));
	json_object_set_new(loc, "gateway", jo_addr(&l->gateway));
	json_object_set_new(loc, "gateway_state", jo_str(l->gw_state));
	json_object_set_new(loc, "arp_requests", json_integer(l->arp_requests));
	json_object_set_new(loc, "arp_replies", json_integer(l->arp_replies));
	json_object_set_new(loc, "send_error", l->send_errno ? json_string(strerror(l->send_errno)) :
	    json_null());
	return loc;
}

/* The kernel's own connect() to the port. */
static json_t *
json_connect(const struct syn_local *l)
{
	json_t *c = json_object();

	json_object_set_new(c, "result", jo_str(l->conn_result));
	json_object_set_new(c, "ms", jo_num(l->conn_ms));
	json_object_set_new(c, "source_port", l->conn_sport ? json_integer(l->conn_sport) :
	    json_null());
	return c;
}

/* The greeting of a server that speaks first, and the login. */
static json_t *
json_banner(const struct syn_local *l)
{
	json_t *bn = json_object();

	json_object_set_new(bn, "expected", json_boolean(l->banner_expected));
	json_object_set_new(bn, "received", json_boolean(l->banner_received));
	json_object_set_new(bn, "line", l->banner_received ? json_string(l->banner) : json_null());
	json_object_set_new(bn, "ms", jo_num(l->banner_ms));
	if (l->login_tried) {
		json_object_set_new(bn, "login_code", json_integer(l->login_code));
		json_object_set_new(bn, "login_line", jo_str(l->login_line));
	}
	return bn;
}

/* The full-TTL SYNs to the port: how many, the first answer, each try. */
static json_t *
json_syn(const struct syn_result *r)
{
	json_t *syn = json_object(), *att = json_array(), *a = NULL;
	int k;

	for (k = 0; k < r->natt; k++) {
		const struct syn_attempt *s = &r->att[k];
		json_t *o = json_object();

		json_object_set_new(o, "frame", json_integer(s->frame));
		json_object_set_new(o, "source_port", json_integer(s->sport));
		json_object_set_new(o, "kernel", json_boolean(s->kernel));
		json_object_set_new(o, "answer", jo_str(syn_answer_name(s->answer, s->icmp_code)));
		if (s->answer != RK_NONE) {
			json_object_set_new(o, "from", jo_addr(&s->from));
			json_object_set_new(o, "reply_frame", json_integer(s->reply_frame));
			json_object_set_new(o, "reply_ttl", json_integer(s->reply_ttl));
			json_object_set_new(o, "rtt_ms", jo_num(s->rtt_ms));
		}
		json_array_append_new(att, o);
	}
	json_object_set_new(syn, "attempts", json_integer(r->natt));
	for (k = 0; k < r->natt && a == NULL; k++)
		if (r->att[k].answer != RK_NONE)
			a = jo_str(syn_answer_name(r->att[k].answer, r->att[k].icmp_code));
	json_object_set_new(syn, "answer", a ? a : json_null());
	json_object_set_new(syn, "tries", att);
	return syn;
}

static json_t *
json_ping(const struct syn_result *r)
{
	json_t *pg = json_object();

	json_object_set_new(pg, "sent", json_integer(r->ping_sent));
	json_object_set_new(pg, "received", json_integer(r->ping_received));
	if (r->ping.answer != RK_NONE) {
		json_object_set_new(pg, "rtt_ms", jo_num(r->ping.rtt_ms));
		json_object_set_new(pg, "reply_ttl", json_integer(r->ping.reply_ttl));
	}
	return pg;
}

static json_t *
json_controls(const struct syn_result *r)
{
	json_t *ctl = json_array();
	int k;

	for (k = 0; k < r->nctl; k++) {
		json_t *o = json_object();

		json_object_set_new(o, "port", json_integer(r->ctl[k].port));
		json_object_set_new(o, "answer", jo_str(syn_answer_name(r->ctl[k].o.answer,
		    r->ctl[k].o.icmp_code)));
		json_object_set_new(o, "from", jo_addr(&r->ctl[k].o.from));
		json_array_append_new(ctl, o);
	}
	return ctl;
}

/* The TTL-limited SYNs and echoes, TTL by TTL. */
static json_t *
json_path(const struct syn_result *r)
{
	json_t *path = json_array();
	int k;

	for (k = 1; k <= r->path_max; k++) {
		json_t *o;

		if (!r->path_syn[k].sent && !r->path_icmp[k].sent)
			continue;
		o = json_object();
		json_object_set_new(o, "ttl", json_integer(k));
		json_object_set_new(o, "syn", jobs(&r->path_syn[k]));
		json_object_set_new(o, "icmp", jobs(&r->path_icmp[k]));
		json_array_append_new(path, o);
		/* Past the host, every TTL answers the same: stop there. */
		if (r->host_ttl > 0 && k >= r->host_ttl)
			break;
	}
	return path;
}

/* What was tried, and how each thing was answered. */
static json_t *
json_probes(const struct syn_result *r, const struct syn_local *l)
{
	json_t *p = json_object();

	if (l->live) {
		json_object_set_new(p, "dns", json_dns(l));
		json_object_set_new(p, "local", json_local(l));
		json_object_set_new(p, "connect", json_connect(l));
		json_object_set_new(p, "banner", json_banner(l));
	}
	json_object_set_new(p, "syn", json_syn(r));
	json_object_set_new(p, "ping", json_ping(r));
	json_object_set_new(p, "controls", json_controls(r));
	json_object_set_new(p, "path", json_path(r));
	json_object_set_new(p, "host_ttl", r->host_ttl > 0 ? json_integer(r->host_ttl) : json_null());
	json_object_set_new(p, "host_alive", json_boolean(r->host_alive));
	if (r->two_sided) {
		json_t *s = json_object();

		json_object_set_new(s, "syns_arrived", json_integer(r->server_syns));
		json_object_set_new(s, "replies_sent", json_integer(r->server_replies));
		json_object_set_new(p, "server_side", s);
	}
	return p;
}

int
render_json_syn(json_t *root, const struct syn_result *r, const struct syn_local *l,
    const char *host)
{
	json_t *v = jo_verdict(&r->v);

	json_object_set_new(root, "target", json_target(r, host));
	if (r->caveat[0] != '\0')
		json_object_set_new(v, "caveat", json_string(r->caveat));
	json_object_set_new(root, "verdict", v);
	json_object_set_new(root, "probes", json_probes(r, l));
	json_object_set_new(root, "findings", json_array());
	json_object_set_new(root, "evidence", jo_evidence(&r->ev));
	return 0;
}
