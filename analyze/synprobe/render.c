/*
 * synprobe's renderers: its keys in the shared JSON envelope, and the
 * terminal report (the verdict in a sentence, what was tried, the
 * frames that prove it).
 */
#include <math.h>
#include <string.h>

#include "analyze/synprobe/infer.h"
#include "analyze/common/jsonout.h"
#include "analyze/synprobe/render.h"
#include "analyze/common/textout.h"




/* How a probe was answered: "syn-ack", "time-exceeded", "port-unreachable"... */
static const char *
answer_name(enum reply_kind k, uint8_t type, uint8_t code)
{
	(void)type;
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
	json_object_set_new(j, "answer", jo_str(answer_name(o->answer, o->icmp_type, o->icmp_code)));
	json_object_set_new(j, "frame", json_integer(o->frame));
	if (o->answer != RK_NONE) {
		json_object_set_new(j, "reply_frame", json_integer(o->reply_frame));
		json_object_set_new(j, "rtt_ms", jo_num(o->rtt_ms));
		json_object_set_new(j, "reply_ttl", json_integer(o->reply_ttl));
	}
	return j;
}


int
render_json_syn(json_t *root, const struct syn_result *r, const struct syn_local *l,
    const char *host)
{
	json_t *t = json_object(), *v = jo_verdict(&r->v), *p = json_object(), *a;
	json_t *syn = json_object(), *att = json_array(), *ctl = json_array(), *path = json_array();
	int k;

	json_object_set_new(t, "host", jo_str(host));
	json_object_set_new(t, "address", jo_addr(&r->plan.dst));
	json_object_set_new(t, "port", json_integer(r->plan.port));
	json_object_set_new(root, "target", t);

	if (r->caveat[0] != '\0')
		json_object_set_new(v, "caveat", json_string(r->caveat));
	json_object_set_new(root, "verdict", v);

	/* What was tried, and how each thing was answered. */
	if (l->live) {
		json_t *d = json_object(), *c = json_object(), *bn = json_object(), *loc = json_object();

		json_object_set_new(d, "status", json_string(l->dns_looked_up ? l->dns_status : "literal"));
		json_object_set_new(d, "resolver", jo_str(l->dns_resolver));
		json_object_set_new(d, "ms", jo_num(l->dns_ms));
		json_object_set_new(d, "detail", jo_str(l->dns_detail));
		json_object_set_new(p, "dns", d);
		json_object_set_new(loc, "route", json_boolean(!l->no_route));
		json_object_set_new(loc, "interface", jo_str(l->ifname));
		json_object_set_new(loc, "gateway", jo_addr(&l->gateway));
		json_object_set_new(loc, "gateway_state", jo_str(l->gw_state));
		json_object_set_new(loc, "arp_requests", json_integer(l->arp_requests));
		json_object_set_new(loc, "arp_replies", json_integer(l->arp_replies));
		json_object_set_new(loc, "send_error", l->send_errno ? json_string(strerror(l->send_errno)) :
		    json_null());
		json_object_set_new(p, "local", loc);
		json_object_set_new(c, "result", jo_str(l->conn_result));
		json_object_set_new(c, "ms", jo_num(l->conn_ms));
		json_object_set_new(c, "source_port", l->conn_sport ? json_integer(l->conn_sport) :
		    json_null());
		json_object_set_new(p, "connect", c);
		json_object_set_new(bn, "expected", json_boolean(l->banner_expected));
		json_object_set_new(bn, "received", json_boolean(l->banner_received));
		json_object_set_new(bn, "line", l->banner_received ? json_string(l->banner) : json_null());
		json_object_set_new(bn, "ms", jo_num(l->banner_ms));
		if (l->login_tried) {
			json_object_set_new(bn, "login_code", json_integer(l->login_code));
			json_object_set_new(bn, "login_line", jo_str(l->login_line));
		}
		json_object_set_new(p, "banner", bn);
	}
	for (k = 0; k < r->natt; k++) {
		const struct syn_attempt *s = &r->att[k];
		json_t *o = json_object();

		json_object_set_new(o, "frame", json_integer(s->frame));
		json_object_set_new(o, "source_port", json_integer(s->sport));
		json_object_set_new(o, "kernel", json_boolean(s->kernel));
		json_object_set_new(o, "answer", jo_str(answer_name(s->answer, s->icmp_type, s->icmp_code)));
		if (s->answer != RK_NONE) {
			json_object_set_new(o, "from", jo_addr(&s->from));
			json_object_set_new(o, "reply_frame", json_integer(s->reply_frame));
			json_object_set_new(o, "reply_ttl", json_integer(s->reply_ttl));
			json_object_set_new(o, "rtt_ms", jo_num(s->rtt_ms));
		}
		json_array_append_new(att, o);
	}
	json_object_set_new(syn, "attempts", json_integer(r->natt));
	a = NULL;
	for (k = 0; k < r->natt && a == NULL; k++)
		if (r->att[k].answer != RK_NONE)
			a = jo_str(answer_name(r->att[k].answer, r->att[k].icmp_type, r->att[k].icmp_code));
	json_object_set_new(syn, "answer", a ? a : json_null());
	json_object_set_new(syn, "tries", att);
	json_object_set_new(p, "syn", syn);
	{
		json_t *pg = json_object();

		json_object_set_new(pg, "sent", json_integer(r->ping_sent));
		json_object_set_new(pg, "received", json_integer(r->ping_received));
		if (r->ping.answer != RK_NONE) {
			json_object_set_new(pg, "rtt_ms", jo_num(r->ping.rtt_ms));
			json_object_set_new(pg, "reply_ttl", json_integer(r->ping.reply_ttl));
		}
		json_object_set_new(p, "ping", pg);
	}
	for (k = 0; k < r->nctl; k++) {
		json_t *o = json_object();

		json_object_set_new(o, "port", json_integer(r->ctl[k].port));
		json_object_set_new(o, "answer", jo_str(answer_name(r->ctl[k].o.answer,
		    r->ctl[k].o.icmp_type, r->ctl[k].o.icmp_code)));
		json_object_set_new(o, "from", jo_addr(&r->ctl[k].o.from));
		json_array_append_new(ctl, o);
	}
	json_object_set_new(p, "controls", ctl);
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
	json_object_set_new(p, "path", path);
	json_object_set_new(p, "host_ttl", r->host_ttl > 0 ? json_integer(r->host_ttl) : json_null());
	json_object_set_new(p, "host_alive", json_boolean(r->host_alive));
	if (r->two_sided) {
		json_t *s = json_object();

		json_object_set_new(s, "syns_arrived", json_integer(r->server_syns));
		json_object_set_new(s, "replies_sent", json_integer(r->server_replies));
		json_object_set_new(p, "server_side", s);
	}
	json_object_set_new(root, "probes", p);

	json_object_set_new(root, "findings", json_array());
	json_object_set_new(root, "evidence", jo_evidence(&r->ev));
	return 0;
}



static void
text_obs(FILE *out, const struct syn_probe_obs *o)
{
	char a[FL_ADDRSTRLEN];
	const char *n = answer_name(o->answer, o->icmp_type, o->icmp_code);

	if (!o->sent)
		fprintf(out, "%-34s", "-");
	else if (n == NULL)
		fprintf(out, "%-34s", "no answer");
	else {
		char buf[64];

		snprintf(buf, sizeof(buf), "%s from %s", n, fl_addr_str(&o->from, a, sizeof(a)));
		fprintf(out, "%-34s", buf);
	}
}

int
render_text_syn(FILE *out, const struct syn_result *r, const struct syn_local *l,
    const struct fl_envelope *e, const char *host)
{
	char a[FL_ADDRSTRLEN];
	int k;

	fprintf(out, "synprobe %s:%u (%s)", host ? host : fl_addr_str(&r->plan.dst, a, sizeof(a)),
	    r->plan.port, fl_addr_str(&r->plan.dst, a, sizeof(a)));
	if (e->capture_file && strcmp(e->capture_mode, "read") == 0)
		fprintf(out, ", from %s", e->capture_file);
	else if (e->duration_s > 0)
		fprintf(out, ", %.1f s", e->duration_s);
	to_verdict(out, &r->v);
	if (r->caveat[0] != '\0')
		fprintf(out, "  Note: %s.\n", r->caveat);

	fprintf(out, "\nWhat was tried:\n");
	if (l->live && l->dns_looked_up)
		fprintf(out, "  %-22s %s via %s, %.0f ms\n", "name", l->dns_status,
		    l->dns_resolver[0] ? l->dns_resolver : "?", l->dns_ms);
	if (r->natt > 0) {
		int answered = 0;

		for (k = 0; k < r->natt; k++)
			answered += r->att[k].answer != RK_NONE;
		fprintf(out, "  %-22s %d sent, %d answered", "SYN to the port", r->natt, answered);
		for (k = 0; k < r->natt; k++)
			if (r->att[k].answer != RK_NONE) {
				fprintf(out, " (%s)", answer_name(r->att[k].answer, r->att[k].icmp_type,
				    r->att[k].icmp_code));
				break;
			}
		fprintf(out, "\n");
	}
	if (l->live && l->conn_tried)
		fprintf(out, "  %-22s %s after %.0f ms\n", "connect()", l->conn_result, l->conn_ms);
	if (l->live && l->banner_expected)
		fprintf(out, "  %-22s %s\n", "banner", l->banner_received ? l->banner : "none");
	if (l->live && l->login_tried)
		fprintf(out, "  %-22s %s\n", "login", l->login_line[0] ? l->login_line : "no reply");
	if (r->ping_sent > 0)
		fprintf(out, "  %-22s %u of %u answered\n", "ping", r->ping_received, r->ping_sent);
	for (k = 0; k < r->nctl; k++) {
		char label[32];

		snprintf(label, sizeof(label), "port %u", r->ctl[k].port);
		fprintf(out, "  %-22s ", label);
		text_obs(out, &r->ctl[k].o);
		fprintf(out, "\n");
	}
	if (r->path_max > 0) {
		fprintf(out, "  %-22s %-34s %s\n", "TTL-limited", "SYN to the port", "echo request");
		for (k = 1; k <= r->path_max; k++) {
			char label[32];

			if (!r->path_syn[k].sent && !r->path_icmp[k].sent)
				continue;
			snprintf(label, sizeof(label), "  ttl %d", k);
			fprintf(out, "  %-22s ", label);
			text_obs(out, &r->path_syn[k]);
			fprintf(out, " ");
			text_obs(out, &r->path_icmp[k]);
			fprintf(out, "\n");
			if ((r->host_ttl > 0 && k >= r->host_ttl) ||
			    (k > r->last_syn_hop + 1 && k > r->last_icmp_hop + 1 && r->host_ttl < 0 &&
			    k > 3))
				break;
		}
	}
	if (r->two_sided)
		fprintf(out, "  %-22s %u SYN%s arrived, %u answer%s sent\n", "server's capture",
		    r->server_syns, r->server_syns == 1 ? "" : "s", r->server_replies,
		    r->server_replies == 1 ? "" : "s");

	to_evidence(out, &r->ev, 12, 0);
	to_capture(out, e);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
