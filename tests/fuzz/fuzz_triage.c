/*
 * libFuzzer target for pcap-triage's whole pass: the input is a whole
 * pcap or pcapng file, read as `pcap-triage -r` reads it (capture_offline,
 * capture_read_all, every frame decoded from an exactly sized copy and
 * given to all the readers: the capture's defects, the context, link,
 * names, ICMP, TCP with synprobe's rules, the applications with the
 * reassembler), judged, compared with itself as a second point, and
 * rendered as JSON and text into /dev/null.
 *
 * Invariants (a broken one aborts): every finding has a kind, a sentence
 * and a count; its evidence frames are frames of the capture; the top
 * verdict is a fault when there is one, and none is a fault of the
 * capture layer; the counts add up; the flow tables stayed within their
 * bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "analyze/common/envelope.h"
#include "analyze/packet/decode.h"
#include "analyze/pcap_triage/compare.h"
#include "analyze/pcap_triage/render.h"
#include "analyze/pcap_triage/triage.h"
#include "probes/wire/capture.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define CHECK(c)	do { if (!(c)) { \
	fprintf(stderr, "invariant broken: %s (%s:%d)\n", #c, __FILE__, __LINE__); abort(); } } while (0)

struct run {
	struct readers	 rd;
	uint32_t	 frames;
};

static void
feed_copy(void *ctx, const struct capture_frame *f)
{
	struct run *r = ctx;
	uint8_t *copy = malloc(f->caplen ? f->caplen : 1);

	CHECK(copy != NULL);
	CHECK(f->frame == r->frames + 1);
	r->frames = f->frame;
	if (f->caplen > 0)
		memcpy(copy, f->data, f->caplen);
	readers_record(&r->rd, f->frame, f->ts, f->ts_clamped, copy, f->caplen, f->len,
	    f->linktype);
	free(copy);
}

static FILE *
memfile(const uint8_t *in, size_t size)
{
	size_t done = 0;
	ssize_t w;
	FILE *fp;
	int fd = memfd_create("fuzz_triage", MFD_CLOEXEC);

	CHECK(fd >= 0);
	while (done < size) {
		w = write(fd, in + done, size - done);
		CHECK(w > 0);
		done += (size_t)w;
	}
	CHECK(lseek(fd, 0, SEEK_SET) == 0);
	fp = fdopen(fd, "rb");
	CHECK(fp != NULL);
	return fp;
}

static void
check_findings(const struct tri_findings *l, uint32_t frames, bool two)
{
	size_t i, j;

	for (i = 0; i < l->n; i++) {
		const struct tri_finding *f = &l->v[i];

		CHECK(f->kind != NULL && f->kind[0] != '\0');
		CHECK(f->summary[0] != '\0');
		CHECK(f->count >= 1);
		CHECK(f->ev.n <= TRI_MAX_EV);
		CHECK(!(f->layer == TL_CAPTURE && f->sev == TRI_FAULT));
		for (j = 0; j < f->ev.n; j++) {
			uint32_t fr = f->ev.v[j].frame & ~EVIDENCE_SERVER_FRAME;

			CHECK(fr >= 1 && fr <= frames);
			CHECK(two || !(f->ev.v[j].frame & EVIDENCE_SERVER_FRAME));
		}
		if (i > 0)
			CHECK(l->v[i - 1].sev <= f->sev);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	struct fl_envelope env;
	struct tri_point pt[2];
	struct tri_compare cmp;
	struct tri_opts o;
	struct capture cap;
	struct triage *t;
	struct run r;
	char err[512];
	FILE *null;
	json_t *root;

	capture_init(&cap);
	if (capture_offline(&cap, memfile(in, size), err, sizeof(err)) != 0) {
		capture_close(&cap);
		return 0;
	}
	memset(&o, 0, sizeof(o));
	/* Small tables, so that the bounds and the early expiry are reached. */
	o.max_flows = 64;
	t = triage_new(&o, 0);
	CHECK(t != NULL);
	memset(&r, 0, sizeof(r));
	readers_init(&r.rd);
	triage_readers(t, &r.rd);
	/* One reader, the triage's, in front of its own: the context, the capture, link, names, ICMP, TCP, applications, host. */
	CHECK(r.rd.n == 1 && t->rd.n == 8);
	if (capture_read_all(&cap, feed_copy, &r, err, sizeof(err)) != 0) {
		triage_free(t);
		capture_close(&cap);
		return 0;
	}
	triage_finish(t);
	CHECK(t->ctx.frames == cap.frames);
	CHECK(t->ctx.ipv4 + t->ctx.ipv6 + t->ctx.arp_frames + t->ctx.other + t->ctx.truncated +
	    t->ctx.invalid == t->ctx.frames);
	CHECK(t->faults + t->warnings + t->notes == t->ctx.f.n);
	CHECK((t->top == NULL) == (t->faults == 0));
	CHECK(t->top == NULL || t->top->sev == TRI_FAULT);
	CHECK(t->v.summary[0] != '\0');
	check_findings(&t->ctx.f, cap.frames, false);
	CHECK(cdef_stats(t->cdef)->flows_peak <= 64);

	/* The same capture as both points: the comparison's own reading. */
	CHECK(tri_compare(t, t, &cmp) == 0);
	check_findings(&cmp.f, cap.frames, true);

	memset(&env, 0, sizeof(env));
	env.tool = "pcap-triage";
	env.capture_file = "fuzz.pcap";
	env.capture_mode = "read";
	env.capture_sha256 = cap.sha256;
	env.frames = cap.frames;
	memset(pt, 0, sizeof(pt));
	pt[0].t = t;
	pt[1].t = t;
	pt[0].label = "A";
	pt[1].label = "B";
	null = fopen("/dev/null", "w");
	CHECK(null != NULL);
	CHECK(render_text_triage(null, pt, 1, NULL, &env) == 0);
	CHECK(render_text_triage(null, pt, 2, &cmp, &env) == 0);
	root = render_json_envelope(&env);
	CHECK(root != NULL);
	CHECK(render_json_triage(root, pt, 1, NULL) == 0);
	CHECK(render_json_write(root, null) == 0);
	json_decref(root);
	root = render_json_envelope(&env);
	CHECK(root != NULL);
	CHECK(render_json_triage(root, pt, 2, &cmp) == 0);
	CHECK(render_json_write(root, null) == 0);
	json_decref(root);
	fclose(null);
	tri_compare_free(&cmp);
	triage_free(t);
	capture_close(&cap);
	return 0;
}
