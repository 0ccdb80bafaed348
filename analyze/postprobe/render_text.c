/*
 * postprobe's terminal report: the verdict in a sentence, the status,
 * the timing breakdown, the transcript as Wireshark's Follow TCP Stream
 * shows it, and the frames that prove it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analyze/common/textout.h"
#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/render.h"

static void
phase(FILE *out, const char *name, double v)
{
	if (v >= 0)
		fprintf(out, "  %-14s %9.1f ms\n", name, v);
}

static const char *
split_ms(double v, char *buf)
{
	if (isnan(v))
		return "-";
	snprintf(buf, 24, "%.1f ms", v);
	return buf;
}

/* Where the time went, phase by phase. */
static void
timing(FILE *out, const struct http_result *r)
{
	char b[4][24];

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
	if (!r->has_split)
		return;
	/* The same exchange as pcap-triage splits it: the verdict's figures. */
	fprintf(out, "  split: round trip %s, client waits %s, server %s (a round trip taken "
	    "off), transfer %s\n", split_ms(r->split_rtt, b[0]), split_ms(r->split_client, b[1]),
	    split_ms(r->split_server, b[2]), split_ms(r->split_transfer, b[3]));
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
	if (r->t_total >= 0 || r->t_connect >= 0)
		timing(out, r);
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
