/*
 * libFuzzer target for the packet decoder: frames through dec_packet(),
 * the correlator, path inference and both renderers.
 *
 * Input (README.md has an example):
 *   byte 0     bits 0-2: link type, an index into linktypes[] below
 *              (7 is one the decoder does not handle);
 *              bit 3: correlate with a signature, as a live run does,
 *              taken from the first probe-like frame; else without, as
 *              for a saved file;
 *              bit 4: that signature accepts any destination port;
 *              bit 5: no threshold for late replies.
 *   then frames, each a 9-byte header and its bytes:
 *              caplen  u16 big-endian, cut to what is left of the input
 *              flags   u8: bit 0, the snap length cut the frame
 *                      (wirelen = caplen + 1 + extra); else bit 1, the
 *                      record claims fewer bytes on the wire than were
 *                      captured, as a hostile file can
 *                      (wirelen = caplen - min(extra, caplen)); else
 *                      wirelen = caplen
 *              extra   u16 big-endian
 *              dt      s32 big-endian, microseconds since the previous
 *                      frame (negative: captured out of order)
 *              data    caplen bytes
 *   A frame header cut short ends the input.
 *
 * Each frame is copied into a buffer of exactly caplen bytes, so that
 * AddressSanitizer sees a read one byte past the capture.
 */
#include <pcap/dlt.h>
#include <string.h>

#include "analyze/packet/decode.h"
#include "fuzz_analysis.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2	276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4	228
#endif

#define FRAME_HDR	9
#define TS_START	INT64_C(1700000000000000000)	/* 2023-11-14, in ns */

static const int linktypes[8] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_IPV4, DLT_NULL,
	DLT_LOOP, DLT_IEEE802_11
};

struct frame {
	const uint8_t	*data;
	uint32_t	 caplen, wirelen;
	int32_t		 dt_us;
};

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint32_t
be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

/* The frame at *off, advancing *off past it; false at the end. */
static bool
next_frame(const uint8_t *in, size_t size, size_t *off, struct frame *f)
{
	const uint8_t *h = in + *off;
	uint32_t extra;

	if (size - *off < FRAME_HDR)
		return false;
	f->caplen = be16(h);
	if (f->caplen > size - *off - FRAME_HDR)
		f->caplen = (uint32_t)(size - *off - FRAME_HDR);
	extra = be16(h + 3);
	if (h[2] & 1)
		f->wirelen = f->caplen + 1 + extra;
	else if (h[2] & 2)
		f->wirelen = f->caplen - (extra < f->caplen ? extra : f->caplen);
	else
		f->wirelen = f->caplen;
	f->dt_us = (int32_t)((uint32_t)h[5] << 24 | (uint32_t)h[6] << 16 |
	    (uint32_t)h[7] << 8 | h[8]);
	f->data = h + FRAME_HDR;
	*off += FRAME_HDR + f->caplen;
	return true;
}

/* What the decoder filled must describe the frame it was given. */
static void
check_decoded(const struct dec_pkt *p, const uint8_t *buf, const struct frame *f, int lt)
{
	char flags[32];

	FUZZ_CHECK((unsigned int)p->status <= DEC_OTHER);
	FUZZ_CHECK(p->linktype == lt);
	FUZZ_CHECK((p->status == DEC_OK) == (p->why == NULL));
	if (p->why != NULL)
		FUZZ_CHECK(strlen(p->why) > 0);
	if (p->payload.len > 0) {
		FUZZ_CHECK(p->payload.p >= buf && p->payload.len <= f->caplen &&
		    (size_t)(p->payload.p - buf) <= f->caplen - p->payload.len);
		/* Touch every byte the cursor claims: ASan checks each. */
		(void)cur_cksum(&p->payload, 0);
	}
	if (p->status == DEC_OK) {
		FUZZ_CHECK(p->ip.hlen >= 20 && p->ip.hlen <= 60 && p->ip.hlen <= p->ip.tot_len);
		FUZZ_CHECK(p->payload.len <= p->payload_len);
	}
	/* IPv6 stays DEC_OTHER for the IPv4 readers; its own outcome has its reason. */
	if (p->is_ipv6) {
		FUZZ_CHECK(p->status == DEC_OTHER && p->why != NULL && strcmp(p->why, "IPv6") == 0);
		FUZZ_CHECK((unsigned int)p->ip6_status < DEC_OTHER);
		FUZZ_CHECK((p->ip6_status == DEC_OK) == (p->ip6_why == NULL));
		FUZZ_CHECK(p->ip6.l4_off <= 40u + p->ip6.plen);
		if (p->ip6_status == DEC_OK) {
			FUZZ_CHECK(p->ip.src.family == 6 && p->ip.hlen == 40);
			FUZZ_CHECK(p->payload.len <= p->payload_len);
		}
		if (p->is_ndp)
			FUZZ_CHECK(p->ndp.type >= 133 && p->ndp.type <= 136);
		FUZZ_CHECK(dec_icmp6_name(p->l4.icmp_type, p->l4.icmp_code) != NULL);
	}
	if (p->is_icmp_err && p->err.q_is_ipv6)
		FUZZ_CHECK(p->err.q_ip6.l4_off <= 40u + p->err.q_ip6.plen);
	if (p->is_icmp_err) {
		FUZZ_CHECK(p->err.q_len <= f->caplen);
		FUZZ_CHECK(p->err.n_mpls <= DEC_MAX_MPLS);
		FUZZ_CHECK(p->quote_ok == (p->err.q_status == DEC_OK));
		FUZZ_CHECK(p->quote_ok || p->err.q_why != NULL);
	}
	/* The one-line summary helpers, into a buffer cut at every length. */
	FUZZ_CHECK(dec_icmp_name(p->l4.icmp_type, p->l4.icmp_code) != NULL);
	(void)dec_tcp_flags(p->l4.tcp_flags, flags, sizeof(flags));
	FUZZ_CHECK(strlen(flags) < sizeof(flags));
	{
		unsigned int len = f->caplen % 24;
		char *small = malloc(len);

		FUZZ_CHECK(small != NULL || len == 0);
		(void)dec_tcp_flags(p->l4.tcp_flags, small, len);
		if (len > 0)
			FUZZ_CHECK(strlen(small) < len);
		free(small);
	}
}

/* Decode one frame from its own exactly sized copy. */
static void
decode(const struct frame *f, int lt, struct dec_pkt *p, uint8_t **copy)
{
	/* Even an empty frame gets its own allocation: ASan flags any read. */
	*copy = malloc(f->caplen);
	FUZZ_CHECK(*copy != NULL || f->caplen == 0);
	if (f->caplen > 0)
		memcpy(*copy, f->data, f->caplen);
	(void)dec_packet(*copy, f->caplen, f->wirelen, lt, p);
	check_decoded(p, *copy, f, lt);
}

/* A live run's signature: the flow of the first probe-like frame. */
static bool
find_sig(const uint8_t *in, size_t size, int lt, bool any_port, struct corr_sig *sig)
{
	struct frame f;
	struct dec_pkt p;
	struct corr_key k;
	size_t off = 1;
	uint8_t *copy;
	bool found = false;

	memset(sig, 0, sizeof(*sig));
	while (!found && next_frame(in, size, &off, &f)) {
		decode(&f, lt, &p, &copy);
		found = corr_probe_key(&p, &k);
		free(copy);
	}
	if (!found)
		return false;
	sig->src = k.src;
	sig->dst = k.dst;
	sig->proto = k.proto;
	sig->a = k.a;
	sig->b = any_port ? 0 : k.b;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	struct fuzz_run run;
	struct corr_sig sig;
	struct frame f;
	struct dec_pkt p;
	uint8_t *copy;
	int64_t ts = TS_START;
	size_t off = 1;
	bool live;
	int lt;

	if (size < 1)
		return 0;
	lt = linktypes[in[0] & 7];
	FUZZ_CHECK(dec_linktype_supported(lt) == ((in[0] & 7) != 7));
	live = (in[0] & 0x08) != 0;
	if (live && !find_sig(in, size, lt, (in[0] & 0x10) != 0, &sig))
		live = false;	/* nothing to sign: everything would be foreign */
	fuzz_run_init(&run, live, live ? &sig : NULL, (in[0] & 0x20) ? 0 : INT64_C(5000000000));
	run.last_ts = ts;
	run.capture_file = "fuzz.pcap";
	run.sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
	while (next_frame(in, size, &off, &f)) {
		ts += (int64_t)f.dt_us * 1000;
		if (ts > run.last_ts)
			run.last_ts = ts;
		decode(&f, lt, &p, &copy);
		run.frames++;
		fuzz_packet_in(&run, run.frames, ts, &p);
		free(copy);
	}
	FUZZ_CHECK(corr_counters(run.path_c)->frames == run.frames);
	fuzz_analyse(&run);
	return 0;
}
