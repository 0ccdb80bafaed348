/*
 * synprobe's terminal report: the verdict in a sentence, what was tried
 * and how each thing was answered (name, the SYNs to the port, connect()
 * and the greeting, the ping, the control ports, the TTL-limited path,
 * the server's capture), and the frames that prove it.
 */
#include <string.h>

#include "analyze/common/textout.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/render.h"

/* One probe's answer in a column 34 wide. */
static void
text_obs(FILE *out, const struct syn_probe_obs *o)
{
	char a[FL_ADDRSTRLEN];
	const char *n = syn_answer_name(o->answer, o->icmp_code);

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

/* The full-TTL SYNs to the port: how many were answered, and the first answer. */
static void
text_attempts(FILE *out, const struct syn_result *r)
{
	int answered = 0, k;

	for (k = 0; k < r->natt; k++)
		answered += r->att[k].answer != RK_NONE;
	fprintf(out, "  %-22s %d sent, %d answered", "SYN to the port", r->natt, answered);
	for (k = 0; k < r->natt; k++)
		if (r->att[k].answer != RK_NONE) {
			fprintf(out, " (%s)", syn_answer_name(r->att[k].answer, r->att[k].icmp_code));
			break;
		}
	fprintf(out, "\n");
}

static void
text_controls(FILE *out, const struct syn_result *r)
{
	int k;

	for (k = 0; k < r->nctl; k++) {
		char label[32];

		snprintf(label, sizeof(label), "port %u", r->ctl[k].port);
		fprintf(out, "  %-22s ", label);
		text_obs(out, &r->ctl[k].o);
		fprintf(out, "\n");
	}
}

/*
 * The TTL-limited SYNs and echoes side by side, up to the host, or to a
 * few TTLs past the last router that answered when the host never did.
 */
static void
text_path(FILE *out, const struct syn_result *r)
{
	int k;

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

/* "What was tried:", one line for each kind of probe, live or from the capture. */
static void
text_tried(FILE *out, const struct syn_result *r, const struct syn_local *l)
{
	fprintf(out, "\nWhat was tried:\n");
	if (l->live && l->dns_looked_up)
		fprintf(out, "  %-22s %s via %s, %.0f ms\n", "name", l->dns_status,
		    l->dns_resolver[0] ? l->dns_resolver : "?", l->dns_ms);
	if (r->natt > 0)
		text_attempts(out, r);
	if (l->live && l->conn_tried)
		fprintf(out, "  %-22s %s after %.0f ms\n", "connect()", l->conn_result, l->conn_ms);
	if (l->live && l->banner_expected)
		fprintf(out, "  %-22s %s\n", "banner", l->banner_received ? l->banner : "none");
	if (l->live && l->login_tried)
		fprintf(out, "  %-22s %s\n", "login", l->login_line[0] ? l->login_line : "no reply");
	if (r->ping_sent > 0)
		fprintf(out, "  %-22s %u of %u answered\n", "ping", r->ping_received, r->ping_sent);
	text_controls(out, r);
	if (r->path_max > 0)
		text_path(out, r);
	if (r->two_sided)
		fprintf(out, "  %-22s %u SYN%s arrived, %u answer%s sent\n", "server's capture",
		    r->server_syns, r->server_syns == 1 ? "" : "s", r->server_replies,
		    r->server_replies == 1 ? "" : "s");
}

int
render_text_syn(FILE *out, const struct syn_result *r, const struct syn_local *l,
    const struct fl_envelope *e, const char *host)
{
	char a[FL_ADDRSTRLEN];

	fprintf(out, "synprobe %s:%u (%s)", host ? host : fl_addr_str(&r->plan.dst, a, sizeof(a)),
	    r->plan.port, fl_addr_str(&r->plan.dst, a, sizeof(a)));
	if (e->capture_file && strcmp(e->capture_mode, "read") == 0)
		fprintf(out, ", from %s", e->capture_file);
	else if (e->duration_s > 0)
		fprintf(out, ", %.1f s", e->duration_s);
	to_verdict(out, &r->v);
	if (r->caveat[0] != '\0')
		fprintf(out, "  Note: %s.\n", r->caveat);
	text_tried(out, r, l);
	to_evidence(out, &r->ev, 12, 0);
	to_capture(out, e);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
