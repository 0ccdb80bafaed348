/*
 * ptrace-slow's inference: infer_path() runs the stages over one
 * trace (stage.h; the hop table in hops.c, the rules in latency.c,
 * loss.c and labels.c, the verdict in verdict.c), and the names the
 * renderers give verdicts, findings and flags.  man/ptrace-slow.1
 * states the rules for users; the numbers come from struct path_params.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

static const char *verdict_names[] = {
	"clean", "congested", "lossy-link", "slow-link", "over-budget", "unreachable",
	"incomplete", "inconclusive"
};
static const char *finding_names[] = {
	"congested", "lossy-link", "slow-link", "over-budget", "unreachable", "incomplete",
	"icmp-deprioritized", "rate-limited", "silent", "return-path", "multipath",
	"tool-timing", "nat", "path-change", "largest-step", "distance"
};
static const char *flag_names[HF_NFLAGS] = {
	"silent", "destination", "icmp-deprioritized", "rate-limited",
	"return-longer", "return-shorter", "queueing", "fault", "lossy-link",
	"unreachable", "multipath", "late-replies", "duplicates", "mpls", "nat"
};

const char *
path_verdict_name(enum verdict_kind k)
{
	return (unsigned int)k < sizeof(verdict_names) / sizeof(verdict_names[0]) ?
	    verdict_names[k] : "inconclusive";
}

const char *
path_finding_name(enum finding_kind k)
{
	return (unsigned int)k < sizeof(finding_names) / sizeof(finding_names[0]) ?
	    finding_names[k] : "finding";
}

const char *
path_flag_name(unsigned int bit)
{
	return bit < HF_NFLAGS ? flag_names[bit] : NULL;
}

void
infer_path_defaults(struct path_params *p)
{
	memset(p, 0, sizeof(*p));
	p->floor_ms = 2.0;
	p->noise_k = 3.0;
	p->persist_frac = 0.75;
	p->alpha = 0.01;
	p->base_loss = 0.01;
	p->min_samples = 3;
	p->queue_hi_ms = 10.0;
	p->normal_exceed = 0.10;
	p->terrestrial_ms = 250.0;
	p->baseline_floor_ms = 5.0;
	p->baseline_frac = 0.2;
	p->fibre_factor = 3.0;
}

/* Notes read best by hop; those about no hop come last.  Stable. */
static void
sort_findings(struct path_result *res)
{
	size_t i, j;

	for (i = 1; i < res->nfindings; i++) {
		struct path_finding f = res->findings[i];
		int key = f.hop > 0 ? f.hop : 1000;

		for (j = i; j > 0; j--) {
			int prev = res->findings[j - 1].hop > 0 ? res->findings[j - 1].hop : 1000;

			if (prev <= key)
				break;
			res->findings[j] = res->findings[j - 1];
		}
		res->findings[j] = f;
	}
}

static int
work_init(struct path_work *w, const struct corr *c, uint32_t group,
    const struct path_params *pp, struct path_result *res)
{
	const struct corr_group *g = corr_group(c, group);

	memset(w, 0, sizeof(*w));
	w->c = c;
	w->group = group;
	w->pp = pp;
	w->res = res;
	w->unreach_ttl = -1;
	w->unreach_probe = -1;
	w->fault = -1;
	res->src = g->src;
	res->dst = g->dst;
	res->proto = g->proto;
	res->dest_ttl = -1;
	res->first_ttl = 256;
	res->first_ts = g->first_ts;
	res->last_ts = g->last_ts;
	res->verdict.p_value = -1;
	res->hops = calloc(PATH_MAX_HOPS, sizeof(*res->hops));
	w->hw = calloc(PATH_MAX_HOPS, sizeof(*w->hw));
	return res->hops == NULL || w->hw == NULL ? -1 : 0;
}

static void
work_free(struct path_work *w)
{
	int t;

	if (w->hw != NULL)
		for (t = 0; t < PATH_MAX_HOPS; t++)
			free(w->hw[t].s);
	free(w->hw);
	free(w->lq);
}

/*
 * The stages, in order; each reads what the ones before it left.  The
 * sort keeps the notes about one hop in the order they were added, so
 * this order shows in the output: rate-limited and lossy link, then the
 * size and congestion faults, what the user's baseline and locations
 * say, slow ICMP, then silent, return path and multipath, then what
 * Record Route shows of the way back.  The verdict reads every finding
 * (and asks route.c about its link); its significance check comes last.
 */
static int
run_stages(struct path_work *w)
{
	if (path_hops_build(w) != 0)
		return -1;
	path_hops_summarise(w);
	path_loss_account(w);
	if (path_loss(w) != 0 ||
	    path_budget(w) != 0 ||
	    path_queue(w) != 0 ||
	    path_size(w) != 0 ||
	    path_faults(w) != 0 ||
	    path_baseline_compare(w) != 0 ||
	    path_locations_judge(w) != 0 ||
	    path_latency_labels(w) != 0 ||
	    path_labels(w) != 0 ||
	    path_nat(w) != 0 ||
	    path_route(w) != 0 ||
	    path_verdict(w) != 0 ||
	    path_verdict_evidence(w) != 0 ||
	    path_route_evidence(w) != 0 ||
	    path_labels_tool_timing(w) != 0)
		return -1;
	sort_findings(w->res);
	path_verdict_check(w);
	return 0;
}

int
infer_path(const struct corr *c, uint32_t group, const struct path_params *pp,
    struct path_result *res, char *errbuf, size_t errlen)
{
	struct path_work w;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if (corr_group(c, group) == NULL) {
		snprintf(errbuf, errlen, "no such probe group");
		return -1;
	}
	if (work_init(&w, c, group, pp, res) != 0 || run_stages(&w) != 0) {
		snprintf(errbuf, errlen, "out of memory");
		path_result_free(res);
		rc = -1;
	}
	work_free(&w);
	return rc;
}

void
path_result_free(struct path_result *res)
{
	free(res->hops);
	free(res->findings);
	free(res->links);
	evidence_free(&res->ev);
	res->hops = NULL;
	res->findings = NULL;
	res->links = NULL;
	res->nfindings = res->nlinks = 0;
}
