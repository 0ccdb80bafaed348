/*
 * The shared pieces of the terminal reports (see textout.h).
 */
#include "analyze/common/textout.h"

const char *
to_fault_word(enum fault f)
{
	switch (f) {
	case FAULT_NONE:
		return "NO FAULT";
	case FAULT_CLIENT:
		return "CLIENT fault";
	case FAULT_PATH:
		return "PATH fault";
	case FAULT_SERVER:
		return "SERVER fault";
	default:
		return "UNKNOWN";
	}
}

void
to_verdict(FILE *out, const struct verdict *v)
{
	char a[FL_ADDRSTRLEN];

	fprintf(out, "\n\nVerdict: %s: %s", to_fault_word(v->fault), v->kind ? v->kind : "unknown");
	if (v->hop > 0)
		fprintf(out, " at hop %d", v->hop);
	if (fl_addr_is_set(&v->addr))
		fprintf(out, " (%s)", fl_addr_str(&v->addr, a, sizeof(a)));
	fprintf(out, "\n  %s\n  Confidence: %s (%s).\n", v->summary, confidence_name(v->confidence),
	    v->confidence_reason);
}

void
to_evidence(FILE *out, const struct evidence_list *ev, int width, size_t max)
{
	size_t i;

	if (ev->n == 0)
		return;
	fprintf(out, "\nEvidence (frame numbers in the capture):\n");
	for (i = 0; i < ev->n && (max == 0 || i < max); i++) {
		uint32_t f = ev->v[i].frame;

		if (f >= EVIDENCE_SERVER_FRAME)
			fprintf(out, "  server %*u  %s\n", width > 7 ? width - 7 : 1,
			    f - EVIDENCE_SERVER_FRAME, ev->v[i].summary);
		else
			fprintf(out, "  %*u  %s\n", width, f, ev->v[i].summary);
	}
	if (max > 0 && ev->n > max)
		fprintf(out, "  ... %zu more in --json\n", ev->n - max);
}

/* The capture's own defects: copies left out, timestamps not to be trusted. */
static void
to_frame_defects(FILE *out, const struct fdef_stats *fd, uint64_t rtt_bad)
{
	uint64_t copies = fd->exact_dups + fd->router_dups;
	char why[400];

	if (copies > 0) {
		fprintf(out, "Note: %llu %s (a capture on a mirror port or on two interfaces?)",
		    (unsigned long long)copies, copies == 1 ? "frame is a copy of another" :
		    "frames are copies of others");
		if (fd->router_dups > 0)
			fprintf(out, ", %llu of them the same packet again one router later (a capture "
			    "on both sides of a router?)", (unsigned long long)fd->router_dups);
		fprintf(out, "; left out, not counted as probes or replies.\n");
	}
	if (!fd->ts_defective && rtt_bad == 0)
		return;
	fdef_ts_text(fd, why, sizeof(why));
	fprintf(out, "Warning: the capture's timestamps cannot be trusted: %s", why[0] ? why :
	    "replies stamped the same time as their probes");
	if (rtt_bad > 0)
		fprintf(out, "; %llu round trip%s measured from them mean%s nothing",
		    (unsigned long long)rtt_bad, rtt_bad == 1 ? "" : "s", rtt_bad == 1 ? "s" : "");
	fprintf(out, ".\n");
}

void
to_capture(FILE *out, const struct fl_envelope *e)
{
	fprintf(out, "\nCapture: %u frames", e->frames);
	if (e->capture_file)
		fprintf(out, ", %s %s (sha256 %.16s...)", e->capture_mode, e->capture_file,
		    e->capture_sha256 ? e->capture_sha256 : "");
	if (e->have_drops)
		fprintf(out, ", %u dropped by the kernel", e->pcap_drop);
	if (e->sent_unseen > 0)
		fprintf(out, ", %u probes sent but not seen on the wire", e->sent_unseen);
	if (e->cnt != NULL && (e->cnt->truncated || e->cnt->invalid))
		fprintf(out, ", %llu truncated and %llu malformed packets ignored",
		    (unsigned long long)e->cnt->truncated, (unsigned long long)e->cnt->invalid);
	fprintf(out, ".\n");
	if (e->file_cut)
		fprintf(out, "Warning: the capture file ends inside a packet (%s); analysed what "
		    "was there.\n", e->file_err ? e->file_err : "cut short");
	if (e->cnt != NULL && e->cnt->fd != NULL)
		to_frame_defects(out, e->cnt->fd, e->cnt->rtt_bad);
}
