/*
 * pcap-triage's terminal report: what was read, the verdict, the
 * findings (faults, then warnings, then notes), where the time goes per
 * connection, DNS, and the capture's footer.
 */
#include <math.h>
#include <string.h>

#include "analyze/common/textout.h"
#include "analyze/pcap_triage/render.h"

#define MAX_NOTES	12
#define MAX_CONNS	20

static void
wrap(FILE *out, const char *indent, const char *text, int width)
{
	const char *p = text;
	int col;

	while (*p != '\0') {
		const char *end = p, *brk = NULL;

		col = (int)strlen(indent);
		while (*end != '\0' && col < width) {
			if (*end == ' ')
				brk = end;
			end++;
			col++;
		}
		if (*end != '\0' && brk != NULL)
			end = brk;
		fprintf(out, "%s%.*s\n", indent, (int)(end - p), p);
		p = end;
		while (*p == ' ')
			p++;
	}
}

static void
evidence(FILE *out, const struct evidence_list *ev, const char *indent)
{
	size_t i;

	for (i = 0; i < ev->n; i++) {
		uint32_t f = ev->v[i].frame;

		if (f & EVIDENCE_SERVER_FRAME)
			fprintf(out, "%sB %6u  %s\n", indent, f & ~EVIDENCE_SERVER_FRAME, ev->v[i].summary);
		else
			fprintf(out, "%s%8u  %s\n", indent, f, ev->v[i].summary);
	}
}

static void
finding(FILE *out, const struct tri_finding *f, bool frames)
{
	char head[300];

	snprintf(head, sizeof(head), "  %-7s %-5s %s: %s%s", f->sev == TRI_FAULT ? "FAULT" :
	    f->sev == TRI_WARNING ? "warning" : "note", tri_layer_name(f->layer), f->kind, f->device,
	    f->point == 1 ? " [point B]" : "");
	fprintf(out, "%s", head);
	if (f->count > 1)
		fprintf(out, " (x%u)", f->count);
	fputc('\n', out);
	wrap(out, "      ", f->summary, 100);
	if (frames && f->ev.n > 0)
		evidence(out, &f->ev, "      ");
}

static void
num(FILE *out, double v)
{
	if (isnan(v))
		fprintf(out, " %9s", "-");
	else if (v >= 10000)
		fprintf(out, " %8.1fs", v / 1000);
	else
		fprintf(out, " %9.1f", v);
}

static void
connections(FILE *out, const struct triage *t, const char *title)
{
	const struct tri_conn_sum *cs;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN], ends[120];
	uint64_t total;
	size_t n, i, shown = 0;

	cs = tri_tcp_conns(t->tcp, &n, &total);
	if (n == 0)
		return;
	fprintf(out, "\n%s: where the time goes (ms)\n", title);
	fprintf(out, "  %-44s %-7s %9s %9s %9s %9s %9s %9s  %s\n", "client -> server", "point",
	    "rtt", "connect", "client", "server", "transfer", "total", "outcome");
	for (i = 0; i < n && shown < MAX_CONNS; i++) {
		const struct tri_conn_sum *c = &cs[i];

		if (n > MAX_CONNS && !c->fault && c->exchanges == 0 && c->rate_class == NULL)
			continue;
		snprintf(ends, sizeof(ends), "%s:%u -> %s:%u", verdict_addr(&c->cli, a), c->cport,
		    verdict_addr(&c->srv, b), c->sport);
		fprintf(out, "  %-44s %-7s", ends, c->point);
		num(out, c->rtt_ms);
		num(out, c->connect_ms);
		num(out, c->client_wait_ms);
		num(out, c->server_ms);
		num(out, c->transfer_ms);
		num(out, c->total_ms);
		fprintf(out, "  %s", c->outcome);
		if (c->rate_class != NULL)
			fprintf(out, ", %s-limited, %.2f Mbit/s", c->rate_class,
			    isnan(c->rate_bps) ? 0 : c->rate_bps / 1e6);
		fputc('\n', out);
		shown++;
	}
	if (total > shown)
		fprintf(out, "  ... %llu connections in all (--json lists %zu)\n",
		    (unsigned long long)total, n);
}

int
render_text_conns(FILE *out, const struct triage *t)
{
	const struct tri_conn_sum *cs;
	char a[FL_ADDRSTRLEN], b[FL_ADDRSTRLEN];
	uint64_t total;
	size_t n, i, failed, faulted, named = 0;

	cs = tri_tcp_conns(t->tcp, &n, &total);
	tri_conns_tally(cs, n, &failed, &faulted);
	fprintf(out, "\nEvery TCP connection in the capture: %llu", (unsigned long long)total);
	if (total > n)
		fprintf(out, " (%zu kept for this report, the first to end; the rest counted)", n);
	fprintf(out, "; of %s, %zu failed and %zu got through with a fault%s\n",
	    total > n ? "those kept" : "them", failed, faulted, failed + faulted > 0 ? ":" : ".");
	for (i = 0; i < n && named < MAX_CONNS; i++) {
		const struct tri_conn_sum *c = &cs[i];

		if (!tri_conn_failed(c) && !c->fault)
			continue;
		fprintf(out, "  %s:%u -> %s:%u  %s%s%s (frames %u to %u)\n", verdict_addr(&c->cli, a),
		    c->cport, verdict_addr(&c->srv, b), c->sport, c->outcome,
		    !tri_conn_failed(c) && c->fault_kind ? ", then " : "",
		    !tri_conn_failed(c) && c->fault_kind ? c->fault_kind : "", c->first_frame,
		    c->last_frame);
		named++;
	}
	if (failed + faulted > named)
		fprintf(out, "  ... and %zu more (--json lists every one kept)\n",
		    failed + faulted - named);
	connections(out, t, "Each connection");
	return ferror(out) ? -1 : 0;
}

static void
point(FILE *out, const struct tri_point *pt)
{
	const struct triage *t = pt->t;
	const struct tri_ctx *c = &t->ctx;
	const struct tri_points *pp = tri_tcp_points(t->tcp);
	const struct tri_dns_stats *ds = tri_names_stats(t->names);
	struct fl_addr h, ga;
	const struct tri_hop *g;
	char hs[TRI_ADDR_TEXT], gs[TRI_ADDR_TEXT], mac[18];
	size_t i, notes = 0;
	int k;

	if (pt->label != NULL)
		fprintf(out, "\n== Point %s:", pt->label);
	else
		fprintf(out, "Read");
	for (k = 0; k < pt->nfiles; k++)
		fprintf(out, "%s %s", k ? "," : "", pt->files[k].path);
	fprintf(out, ": %llu frames over %.1f s", (unsigned long long)c->frames,
	    c->frames ? (double)(c->last_ts - c->first_ts) / 1e9 : 0.0);
	if (tri_host(c, &h))
		fprintf(out, "; this host %s", tri_addr_text(c, &h, hs));
	g = tri_gateway(c, &ga);
	if (g != NULL)
		fprintf(out, ", gateway %s%s%s", fl_addr_is_set(&ga) ? tri_addr_text(c, &ga, gs) : "",
		    fl_addr_is_set(&ga) ? " " : "", tri_mac_text(g->mac, mac));
	if (pp->client + pp->server + pp->middle > 0)
		fprintf(out, "; captured at the %s", pp->client >= pp->server && pp->client >= pp->middle ?
		    "client" : pp->server >= pp->middle ? "server" : "middle of the path");
	fprintf(out, ".\n");
	if (c->f.n > 0)
		fprintf(out, "\nFindings (%u fault%s, %u warning%s, %u note%s):\n", t->faults,
		    t->faults == 1 ? "" : "s", t->warnings, t->warnings == 1 ? "" : "s", t->notes,
		    t->notes == 1 ? "" : "s");
	for (i = 0; i < c->f.n; i++) {
		const struct tri_finding *f = &c->f.v[i];

		if (f->sev == TRI_NOTE && notes++ >= MAX_NOTES)
			continue;
		finding(out, f, f->sev != TRI_NOTE);
	}
	if (notes > MAX_NOTES)
		fprintf(out, "  ... %zu more notes in --json\n", notes - MAX_NOTES);
	connections(out, t, "Connections");
	if (ds->queries > 0)
		fprintf(out, "\nDNS: %llu queries, %llu answered (slowest %.1f ms), %llu NXDOMAIN "
		    "(%llu normal), %llu SERVFAIL, %llu REFUSED, %llu unanswered; %llu resolver%s.\n",
		    (unsigned long long)ds->queries, (unsigned long long)ds->answered, ds->answer_ms_max,
		    (unsigned long long)ds->nxdomain, (unsigned long long)ds->search_nx,
		    (unsigned long long)ds->servfail, (unsigned long long)ds->refused,
		    (unsigned long long)ds->unanswered, (unsigned long long)ds->resolvers,
		    ds->resolvers == 1 ? "" : "s");
}

int
render_text_triage(FILE *out, const struct tri_point *pts, int npts, const struct tri_compare *cmp,
    const struct fl_envelope *env)
{
	const struct tri_finding *top = cmp != NULL ? tri_findings_top(&cmp->f) : NULL;
	size_t i;
	int k;

	for (k = 0; k < npts && top == NULL; k++)
		top = pts[k].t->top;
	for (k = 0; k < npts; k++)
		point(out, &pts[k]);
	if (cmp != NULL) {
		fprintf(out, "\n== The two points compared: %u connection%s in both", cmp->shared,
		    cmp->shared == 1 ? "" : "s");
		if (!isnan(cmp->clock_offset_s))
			fprintf(out, " (B's clock %+.3f s from A's)", cmp->clock_offset_s);
		fprintf(out, ".\n");
		if (cmp->caveat[0] != '\0')
			wrap(out, "  Caveat: ", cmp->caveat, 100);
		for (i = 0; i < cmp->f.n; i++)
			finding(out, &cmp->f.v[i], true);
	}
	if (top != NULL) {
		fprintf(out, "\nVerdict: %s: %s, %s\n", to_fault_word(top->side), top->kind, top->device);
		wrap(out, "  ", top->summary, 100);
		fprintf(out, "  Confidence: %s; %s layer, the first failure in dependency order.\n",
		    confidence_name(top->conf), tri_layer_name(top->layer));
		if (top->ev.n > 0) {
			fprintf(out, "\nEvidence (frame numbers in the capture%s):\n",
			    npts > 1 ? "; B: the second point's" : "");
			evidence(out, &top->ev, "  ");
		}
	} else {
		fprintf(out, "\nVerdict: %s\n", strcmp(pts[0].t->v.kind, "no-fault") == 0 ? "NO FAULT" :
		    strcmp(pts[0].t->v.kind, "cannot-judge") == 0 ?
		    "CANNOT BE JUDGED: cannot-judge (the capture misses too much)" :
		    "NO NETWORK FAULT: suspect-host (see the host findings)");
		wrap(out, "  ", pts[0].t->v.summary, 100);
	}
	to_capture(out, env);
	return ferror(out) ? -1 : 0;
}
