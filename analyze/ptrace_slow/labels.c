/*
 * Labels that are noted and never blamed: a silent router, a return
 * path of another length, several routers for one TTL, and a capture
 * whose length went on the tracing tool's own waiting.
 */
#include <math.h>
#include <stdio.h>

#include "analyze/ptrace_slow/stage.h"

/* Not answering is not losing: a router that never answers while later hops do. */
static int
silent_hops(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_finding f;
	int t;

	for (t = res->first_ttl; t > 0 && t <= res->last_ttl; t++) {
		struct path_hop *h = &res->hops[t];

		if (!h->probed || !(h->flags & HF_SILENT) || t > w->last_resp)
			continue;
		path_finding_init(&f, FK_SILENT, h);
		snprintf(f.summary, sizeof(f.summary),
		    "hop %d never answered (%u probes) but later hops did: the router does not "
		    "send time-exceeded messages, which is policy, not a fault.", t, h->sent);
		if (path_add_finding(w, &f) != 0)
			return -1;
	}
	return 0;
}

/* One note for every hop whose reply TTL hints at asymmetric routing. */
static int
return_path(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_finding f;
	char list[200] = "";
	size_t used = 0;
	int t, nret = 0, longer = 0;

	for (t = res->first_ttl; t > 0 && t <= res->last_ttl; t++) {
		struct path_hop *h = &res->hops[t];
		int n;

		if (!h->probed || !(h->flags & (HF_RETURN_LONGER | HF_RETURN_SHORTER)))
			continue;
		nret++;
		if (h->flags & HF_RETURN_LONGER)
			longer++;
		n = snprintf(list + used, sizeof(list) - used, "%s%d (%d back)",
		    used ? ", " : "", t, h->return_hops);
		if (n > 0 && (size_t)n < sizeof(list) - used)
			used += (size_t)n;
	}
	if (nret == 0)
		return 0;
	path_finding_init(&f, FK_RETURN_PATH, NULL);
	snprintf(f.summary, sizeof(f.summary),
	    "The TTL of the replies suggests a return path %s than the way out "
	    "at hop%s %s: routing is asymmetric there, so a delay seen at those "
	    "hops may lie on the way back (a hint, not a fault).",
	    longer * 2 >= nret ? "longer" : "shorter", nret > 1 ? "s" : "", list);
	return path_add_finding(w, &f);
}

static int
multipath(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_finding f;
	int t;

	for (t = res->first_ttl; t > 0 && t <= res->last_ttl; t++) {
		struct path_hop *h = &res->hops[t];

		if (!h->probed || !(h->flags & HF_MULTIPATH))
			continue;
		path_finding_init(&f, FK_MULTIPATH, h);
		snprintf(f.summary, sizeof(f.summary),
		    "%d different routers answered at hop %d: load balancing or a route "
		    "change during the run.", h->naddrs, t);
		if (path_add_finding(w, &f) != 0)
			return -1;
	}
	return 0;
}

int
path_labels(struct path_work *w)
{
	if (silent_hops(w) != 0 || return_path(w) != 0 || multipath(w) != 0)
		return -1;
	return 0;
}

/*
 * Where the capture's length went, when it was not the network: a
 * capture of at least 5 s and more than 20 times its slowest reply was
 * spent waiting out unanswered probes and on the tool's own pauses
 * between a reply and the next probe (as with Windows tracert).
 */
int
path_labels_tool_timing(struct path_work *w)
{
	struct path_result *res = w->res;
	struct path_finding f;
	const struct corr_probe *p, *prev = NULL;
	double span, wait_unans = 0, pauses = 0, max_pause = 0, gap, scale = 1;
	char waited[120] = "";
	uint32_t i, unans = 0, pairs = 0;

	span = (double)(res->last_ts - res->first_ts) / 1e9;
	if (!w->pp->read_capture || span < 5 || span * 1000 < 20 * res->max_rtt_ms)
		return 0;
	for (i = 0; i < corr_nprobes(w->c); i++) {
		p = corr_probe(w->c, i);
		if (p->group != w->group)
			continue;
		/* A thinned trace: only probes sent one after the other say what came between. */
		if (prev != NULL && w->thinned && p->round > prev->round + 1)
			prev = NULL;
		if (prev != NULL) {
			pairs++;
			if (prev->reply < 0) {
				wait_unans += (double)(p->ts - prev->ts) / 1e9;
				unans++;
			} else {
				gap = (double)(p->ts - corr_reply(w->c, (uint32_t)prev->reply)->ts) / 1e9;
				if (gap > 0) {
					pauses += gap;
					max_pause = fmax(max_pause, gap);
				}
			}
		}
		prev = p;
	}
	/* What the pairs kept show, for the whole capture's probes. */
	if (w->thinned && pairs > 0)
		scale = (double)corr_group(w->c, w->group)->nprobes / pairs;
	wait_unans *= scale;
	pauses *= scale;
	unans = (uint32_t)(unans * scale + 0.5);
	path_finding_init(&f, FK_TOOL_TIMING, NULL);
	if (unans > 0)
		snprintf(waited, sizeof(waited), "%.1f s went on waiting out %u unanswered "
		    "probe%s and ", wait_unans, unans, unans == 1 ? "" : "s");
	snprintf(f.summary, sizeof(f.summary),
	    "The trace took %.1f s, but no reply took longer than %.0f ms: %s%.1f s on the "
	    "tracing program's own pauses between probes (up to %.1f s), so its slowness is "
	    "the tool's timing, not the network's.",
	    span, res->max_rtt_ms, waited, pauses, max_pause);
	return path_add_finding(w, &f);
}
