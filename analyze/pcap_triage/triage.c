/*
 * One capture point's reading, start to end (see triage.h): the readers
 * set up and fed, then judged in dependency order, the capture's own
 * defects turned into findings of the capture (never faults), and the
 * top verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/triage.h"

struct triage *
triage_new(const struct tri_opts *o, int point)
{
	struct triage *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	tri_ctx_init(&t->ctx, o);
	t->ctx.point = point;
	t->cdef = cdef_new(t->ctx.opt.max_flows);
	t->link = tri_link_new(&t->ctx);
	t->names = tri_names_new(&t->ctx);
	t->icmp = tri_icmp_new(&t->ctx);
	t->tcp = tri_tcp_new(&t->ctx);
	t->apps = tri_apps_new(&t->ctx);
	t->host = tri_hostr_new(&t->ctx);
	if (t->cdef == NULL || t->link == NULL || t->names == NULL || t->icmp == NULL ||
	    t->tcp == NULL || t->apps == NULL || t->host == NULL) {
		triage_free(t);
		return NULL;
	}
	return t;
}

/* Every frame to the readers (readers_record() gave an IPv6 frame its own reading). */
static bool
triage_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct triage *t = ctx;

	readers_packet(&t->rd, frame, ts, p);
	return false;
}

void
triage_readers(struct triage *t, struct readers *r)
{
	readers_init(&t->rd);
	/* The context counts every frame; the capture's reader then keeps copies from the rest. */
	readers_add(&t->rd, tri_ctx_reader, &t->ctx);
	readers_add(&t->rd, cdef_reader, t->cdef);
	readers_add(&t->rd, tri_link_reader, t->link);
	readers_add(&t->rd, tri_names_reader, t->names);
	readers_add(&t->rd, tri_icmp_reader, t->icmp);
	readers_add(&t->rd, tri_tcp_reader, t->tcp);
	readers_add(&t->rd, tri_apps_reader, t->apps);
	readers_add(&t->rd, tri_hostr_reader, t->host);
	readers_add(r, triage_reader, t);
}

bool
triage_readable(const struct triage *t)
{
	return t->ctx.ipv4 > 0 || t->ctx.ipv6 > 0 || t->ctx.arp_frames > 0;
}

static struct tri_finding *
capture_finding(struct triage *t, enum tri_sev sev, const char *kind, uint32_t frame)
{
	struct tri_finding *f = tri_add(&t->ctx, sev, TL_CAPTURE, kind, NULL, 0, frame, 0, NULL);

	if (f != NULL)
		tri_finding_who(f, FAULT_NONE, TW_CAPTURE, CONF_LIKELY, "the capture");
	return f;
}

/* The capture's own defects, each a finding of the capture. */
static void
capture_findings(struct triage *t)
{
	const struct cdef_stats *s = cdef_stats(t->cdef);
	struct tri_ctx *c = &t->ctx;
	struct tri_finding *f;
	char a[18], b[18], h[TRI_ADDR_TEXT];
	const struct fdef_stats *fd = s->fd;

	if (fd->exact_dups > 0 && (f = capture_finding(t, TRI_NOTE, "duplicate-frames", fd->exact_frame))) {
		tri_finding_say(f, "%llu frames are exact copies of a frame just before them (frame %u "
		    "repeats frame %u): the capture saw each of those packets twice (a mirror port "
		    "copying both directions, or a capture on \"any\" seeing a packet on two "
		    "interfaces). The copies are left out of the reading; not a network fault.",
		    (unsigned long long)fd->exact_dups, fd->exact_frame, fd->exact_orig);
		tri_finding_fig(f, "copies", (double)fd->exact_dups);
		tri_finding_ev(f, fd->exact_orig, "a frame");
		tri_finding_ev(f, fd->exact_frame, "its exact copy");
	}
	if (fd->router_dups > 0 && (f = capture_finding(t, TRI_NOTE, "router-copies", fd->router_frame))) {
		if (fd->router_macs)
			tri_finding_say(f, "%llu frames are the same packet seen again after a router "
			    "(TTL one lower, MAC %s in and %s out; frame %u is frame %u forwarded): the "
			    "capture was taken on both sides of a router. The second copies are left out "
			    "of the reading; not a network fault.", (unsigned long long)fd->router_dups,
			    tri_mac_text(fd->router_mac_in, a), tri_mac_text(fd->router_mac_out, b),
			    fd->router_frame, fd->router_orig);
		else
			tri_finding_say(f, "%llu frames are the same packet seen again after a router "
			    "(TTL one lower; frame %u is frame %u forwarded): the capture was taken on "
			    "both sides of a router. The second copies are left out of the reading; not "
			    "a network fault.", (unsigned long long)fd->router_dups, fd->router_frame,
			    fd->router_orig);
		tri_finding_fig(f, "copies", (double)fd->router_dups);
		tri_finding_ev(f, fd->router_orig, "a packet before the router");
		tri_finding_ev(f, fd->router_frame, "the same packet after it, TTL one lower");
	}
	if (fd->ts_defective) {
		char why[400];

		fdef_ts_text(fd, why, sizeof(why));
		if ((f = capture_finding(t, TRI_WARNING, "broken-timestamps", fd->ts_range_frame ?
		    fd->ts_range_frame : fd->ts_back_frame ? fd->ts_back_frame : fd->ts_still_frame))) {
			tri_finding_say(f, "The capture's timestamps cannot be trusted: %s. Times and "
			    "delays read from those frames are the capture's, not the network's.", why);
			tri_finding_fig(f, "frames", (double)(fd->ts_still + fd->ts_back + fd->ts_range));
		}
	}
	if (s->oneway_flows > 0 && (f = capture_finding(t, TRI_WARNING, "one-directional",
	    s->oneway_frame))) {
		tri_finding_say(f, "The capture sees only one direction of %llu of %llu TCP "
		    "connections (from %s first): their peers acknowledge data the capture never "
		    "shows (asymmetric routing, or a tap or filter that sees one direction). Their "
		    "loss and timing cannot be read; not a network fault.",
		    (unsigned long long)s->oneway_flows, (unsigned long long)s->tcp_flows,
		    tri_addr_text(c, &s->oneway_src, h));
		tri_finding_fig(f, "connections", (double)s->oneway_flows);
		tri_finding_ev(f, s->oneway_frame, "a packet of a connection seen one way only");
	}
	if (s->unseen_events > 0 && (f = capture_finding(t, TRI_WARNING, "capture-dropped",
	    s->unseen_frame))) {
		tri_finding_say(f, "%llu bytes, in %llu places, were acknowledged by their receiver "
		    "but never captured: the capture dropped packets (the kernel or the tap could not "
		    "keep up). Those gaps are the capture's, not loss on the network.",
		    (unsigned long long)s->unseen_bytes, (unsigned long long)s->unseen_events);
		tri_finding_fig(f, "bytes", (double)s->unseen_bytes);
		tri_finding_ev(f, s->unseen_frame, "an ACK for bytes the capture never saw");
	}
	/* Sent by this host, too large for a link, or received with only TCP's or UDP's wrong: offload. */
	if (s->cksum_bad_own + s->cksum_bad_super + s->cksum_bad_vlink > 0 &&
	    (f = capture_finding(t, TRI_NOTE,
	    "checksum-offload", s->cksum_own_frame))) {
		uint64_t n = s->cksum_bad_own + s->cksum_bad_super + s->cksum_bad_vlink;

		tri_finding_say(f, "%llu of %llu frames checked carry a wrong checksum: %s checksum "
		    "offload (the NIC, or a virtual link, fills the checksum in after the capture took "
		    "the packet, or never). Not corruption.", (unsigned long long)n,
		    (unsigned long long)s->cksum_checked, s->cksum_bad_vlink > 0 ?
		    "sent by the capturing host itself, larger than any link, or received with the "
		    "IPv4 header's checksum right and the TCP or UDP one unfilled, as a virtual link "
		    "or receive offload leaves them:" :
		    "all sent by the capturing host itself or larger than any link:");
		tri_finding_fig(f, "frames", (double)n);
		tri_finding_ev(f, s->cksum_own_frame ? s->cksum_own_frame : s->cksum_other_frame,
		    "a frame with a checksum not filled in");
	}
	if (s->cksum_bad_other > 0 && (f = capture_finding(t, TRI_WARNING,
	    "checksum-errors", s->cksum_other_frame))) {
		tri_finding_say(f, "%llu of %llu frames checked that came from other machines carry a "
		    "wrong IPv4 header checksum, which no offload leaves: corruption on a link. The "
		    "receiver drops such packets, which then look like loss.",
		    (unsigned long long)s->cksum_bad_other, (unsigned long long)s->cksum_checked_other);
		tri_finding_fig(f, "frames", (double)s->cksum_bad_other);
		tri_finding_ev(f, s->cksum_other_frame, "a frame with a wrong checksum");
	}
	if (t->kernel_drop > 0 && (f = capture_finding(t, TRI_WARNING, "kernel-dropped", 0))) {
		tri_finding_say(f, "The kernel dropped %u of %u packets before the capture could take "
		    "them (the reader fell behind): gaps in the reading are the capture's, not the "
		    "network's.", t->kernel_drop, t->kernel_recv);
		tri_finding_fig(f, "dropped", t->kernel_drop);
	}
	if ((c->truncated > 0 || c->invalid > 0) &&
	    (f = capture_finding(t, TRI_NOTE, "undecodable-frames", 0))) {
		tri_finding_say(f, "%llu frames were cut short by the capture's snap length and %llu "
		    "are malformed; they were counted and left out.",
		    (unsigned long long)c->truncated, (unsigned long long)c->invalid);
		tri_finding_fig(f, "truncated", (double)c->truncated);
		tri_finding_fig(f, "malformed", (double)c->invalid);
	}
	if (c->f.not_kept > 0 && (f = capture_finding(t, TRI_NOTE, "findings-not-kept", 0))) {
		tri_finding_say(f, "%llu further findings were counted but not kept (at most %d are).",
		    (unsigned long long)c->f.not_kept, TRI_MAX_FINDINGS);
		tri_finding_fig(f, "not_kept", (double)c->f.not_kept);
	}
}

void
triage_kernel_drops(struct triage *t, unsigned int recv, unsigned int drop)
{
	t->kernel_recv = recv;
	t->kernel_drop = drop;
}

/*
 * No fault, but a capture too defective to say so: most connections
 * seen one way only, or a third or more of the TCP bytes that were
 * acknowledged never captured (a capture that missed a few packets of a
 * big transfer still shows what went wrong, and says so in its
 * capture-dropped warning).  Why into why.
 */
static bool
unjudgeable(const struct triage *t, char *why, size_t len)
{
	const struct cdef_stats *s = cdef_stats(t->cdef);

	if (s->tcp_flows > 0 && s->oneway_flows * 2 > s->tcp_flows) {
		snprintf(why, len, "%llu of its %llu TCP connections were captured one way only",
		    (unsigned long long)s->oneway_flows, (unsigned long long)s->tcp_flows);
		return true;
	}
	if (t->ctx.frames > 100 && s->unseen_bytes > 0 &&
	    s->unseen_bytes * 3 >= s->tcp_bytes + s->unseen_bytes) {
		snprintf(why, len, "%llu of the %llu TCP bytes acknowledged were never captured",
		    (unsigned long long)s->unseen_bytes,
		    (unsigned long long)(s->tcp_bytes + s->unseen_bytes));
		return true;
	}
	return false;
}

static void
set_verdict(struct triage *t)
{
	char why[200];
	const char *story;
	size_t sl;
	int k;
	const struct tri_finding *top = tri_findings_top(&t->ctx.f);
	struct verdict *v = &t->v;
	size_t i;

	memset(v, 0, sizeof(*v));
	t->faults = t->warnings = t->notes = 0;
	for (i = 0; i < t->ctx.f.n; i++) {
		if (t->ctx.f.v[i].sev == TRI_FAULT)
			t->faults++;
		else if (t->ctx.f.v[i].sev == TRI_WARNING)
			t->warnings++;
		else
			t->notes++;
	}
	t->top = top;
	if (top == NULL) {
		v->fault = FAULT_NONE;
		v->kind = "no-fault";
		v->confidence = CONF_LIKELY;
		snprintf(v->confidence_reason, sizeof(v->confidence_reason),
		    "every reader judged what the capture holds and none found a fault");
		snprintf(v->summary, sizeof(v->summary), "No fault: %llu frames read%s%s.",
		    (unsigned long long)t->ctx.frames, t->warnings ? "; see the warnings" : "",
		    t->warnings ? " below" : "");
		/* Security findings are no network fault: the verdict says what this host did. */
		if (tri_hostr_result(t->host)->story[0] != '\0') {
			v->kind = "suspect-host";
			snprintf(v->confidence_reason, sizeof(v->confidence_reason), "no reader found a "
			    "network fault; the host layer's warnings say what this host did");
			snprintf(v->summary, sizeof(v->summary), "%s", tri_hostr_result(t->host)->story);
		}
		/* Exit status 2: what the capture lacks would hide a fault. */
		if (unjudgeable(t, why, sizeof(why))) {
			v->fault = FAULT_UNKNOWN;
			v->kind = "cannot-judge";
			v->confidence = CONF_AMBIGUOUS;
			snprintf(v->confidence_reason, sizeof(v->confidence_reason), "the capture "
			    "misses too much: %s", why);
			k = snprintf(v->summary, sizeof(v->summary), "No fault found, but the capture "
			    "cannot show one: %s (see the capture's warnings).", why);
			/* Then what this host did, as much of it as fits. */
			story = tri_hostr_result(t->host)->story;
			if (k > 0 && (size_t)k + 2 < sizeof(v->summary) && story[0] != '\0') {
				sl = strnlen(story, sizeof(v->summary) - (size_t)k - 2);
				v->summary[k] = ' ';
				memcpy(v->summary + k + 1, story, sl);
				v->summary[k + 1 + sl] = '\0';
			}
		}
		return;
	}
	v->fault = top->side == FAULT_NONE ? FAULT_UNKNOWN : top->side;
	v->kind = top->kind;
	v->addr = top->addr;
	v->confidence = top->conf;
	snprintf(v->confidence_reason, sizeof(v->confidence_reason), "%s: the first failure in "
	    "dependency order (link, ARP, DHCP, IP, DNS, TCP, TLS, application)%s",
	    tri_layer_name(top->layer), t->faults > 1 ? ", which may explain the faults after it" : "");
	snprintf(v->summary, sizeof(v->summary), "%s", top->summary);
}

void
triage_finish(struct triage *t)
{
	if (t->finished)
		return;
	t->finished = true;
	cdef_finish(t->cdef);
	tri_link_finish(t->link);
	tri_names_finish(t->names);
	tri_icmp_finish(t->icmp);
	tri_tcp_finish(t->tcp);
	tri_apps_finish(t->apps);
	tri_hostr_finish(t->host);
	capture_findings(t);
	tri_findings_rank(&t->ctx.f);
	set_verdict(t);
}

void
triage_free(struct triage *t)
{
	if (t == NULL)
		return;
	cdef_free(t->cdef);
	tri_link_free(t->link);
	tri_names_free(t->names);
	tri_icmp_free(t->icmp);
	tri_tcp_free(t->tcp);
	tri_apps_free(t->apps);
	tri_hostr_free(t->host);
	tri_ctx_free(&t->ctx);
	free(t);
}
