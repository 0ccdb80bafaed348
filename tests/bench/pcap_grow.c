/*
 * pcap_grow.c: a long capture made from a short lab one, for the memory
 * benchmark (bench_memory.sh, issue 16).
 *
 * usage: pcap_grow -c CLIENT IN OUT BYTES
 *
 * Writes IN's frames again and again to OUT until OUT holds at least
 * BYTES bytes.  Copy k is shifted in time by k times (IN's span + 2 s),
 * so the copies follow one another as the rounds of one long run would,
 * and each copy is made a run of its own where the tools tell runs
 * apart: the ICMP echo sequence numbers move on by k times the span of
 * IN's sequence numbers (modulo 2^16, as a long ping or traceroute wraps),
 * and CLIENT's TCP and UDP ports of 1024 and above by k times 1009
 * (within 1024-65535), in the packets themselves and in the packets that
 * ICMP errors quote; checksums are adjusted (RFC 1624) so that every
 * packet stays valid.  Frames of link types other than Ethernet, Linux
 * cooked (v1, v2) and raw IPv4 are copied unchanged.
 *
 * tests/unit/capvary.py writes the small variants of one capture the
 * defect checks need; this is C because it writes gigabytes.
 *
 * Exit status: 0 when OUT was written, 1 on an error, 2 on a usage error.
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct frame {
	struct pcap_pkthdr h;
	u_char *data;
};

static uint16_t
get16(const u_char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void
put16(u_char *p, uint16_t v)
{
	p[0] = (u_char)(v >> 8);
	p[1] = (u_char)v;
}

/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). */
static void
fix_sum(u_char *sum, uint16_t old, uint16_t new)
{
	uint32_t s = (uint16_t)~get16(sum) + (uint16_t)~old + new;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	put16(sum, (uint16_t)~s);
}

/* Replace a 16-bit field, keeping the checksum at sum valid (sum may be NULL). */
static void
set_field(u_char *f, uint16_t v, u_char *sum, int udp)
{
	uint16_t old = get16(f);

	put16(f, v);
	if (sum == NULL || (udp && get16(sum) == 0))
		return;
	fix_sum(sum, old, v);
	if (udp && get16(sum) == 0)
		put16(sum, 0xffff);
}

static int
l3_offset(int dlt, const u_char *p, size_t len)
{
	size_t off;

	switch (dlt) {
	case DLT_EN10MB:
		off = 12;
		while (off + 2 <= len && (get16(p + off) == 0x8100 || get16(p + off) == 0x88a8))
			off += 4;
		return off + 2 <= len && get16(p + off) == 0x0800 ? (int)off + 2 : -1;
	case DLT_LINUX_SLL:
		return len >= 16 && get16(p + 14) == 0x0800 ? 16 : -1;
	case DLT_LINUX_SLL2:
		return len >= 20 && get16(p) == 0x0800 ? 20 : -1;
	case DLT_RAW:
	case 228:	/* DLT_IPV4 */
		return 0;
	default:
		return -1;
	}
}

static uint32_t client;		/* network order */
static uint16_t seq_step;	/* per copy */
static unsigned copy;

static uint16_t
port_for(uint16_t port)
{
	if (port < 1024)
		return port;
	return (uint16_t)(1024 + (port - 1024 + copy * 1009u) % 64512u);
}

/*
 * Rewrite the transport header at t (len bytes there) of a packet from src
 * to dst; sum_fix: adjust the packet's own checksum.  Returns nothing: what
 * does not fit is left alone.
 */
static void
rewrite_l4(int proto, u_char *t, size_t len, uint32_t src, uint32_t dst)
{
	u_char *sum;
	int udp = proto == 17;

	if (proto == 1) {
		if (len < 8 || (t[0] != 8 && t[0] != 0))
			return;
		set_field(t + 6, (uint16_t)(get16(t + 6) + copy * seq_step), t + 2, 0);
		return;
	}
	if (proto != 6 && proto != 17)
		return;
	if (len < 4)
		return;
	sum = NULL;
	if (udp && len >= 8)
		sum = t + 6;
	else if (!udp && len >= 18)
		sum = t + 16;
	if (src == client)
		set_field(t, port_for(get16(t)), sum, udp);
	if (dst == client)
		set_field(t + 2, port_for(get16(t + 2)), sum, udp);
}

static uint16_t
sum16(const u_char *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += get16(p + i);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void
rewrite(int dlt, struct frame *f, const struct pcap_pkthdr *h, const u_char *src)
{
	u_char *ip, *t, *q, *qt;
	size_t len, ihl, qihl, tlen;
	int off;

	f->h = *h;
	memcpy(f->data, src, h->caplen);
	off = l3_offset(dlt, f->data, h->caplen);
	if (off < 0 || (size_t)off + 20 > h->caplen)
		return;
	ip = f->data + off;
	len = h->caplen - (size_t)off;
	ihl = (size_t)(ip[0] & 15) * 4;
	if ((ip[0] >> 4) != 4 || ihl < 20 || ihl > len || (get16(ip + 6) & 0x1fff) != 0)
		return;
	t = ip + ihl;
	tlen = len - ihl;
	if (get16(ip + 2) < ihl + tlen)
		tlen = get16(ip + 2) > ihl ? get16(ip + 2) - ihl : 0;
	if (ip[9] == 1 && tlen >= 8 + 20 && (t[0] == 3 || t[0] == 11 || t[0] == 12)) {
		uint32_t qs, qd;

		/* An error: rewrite the packet it quotes, then its own checksum. */
		q = t + 8;
		qihl = (size_t)(q[0] & 15) * 4;
		if ((q[0] >> 4) != 4 || qihl < 20 || 8 + qihl > tlen)
			return;
		memcpy(&qs, q + 12, 4);
		memcpy(&qd, q + 16, 4);
		qt = q + qihl;
		rewrite_l4(q[9], qt, tlen - 8 - qihl, qs, qd);
		if (tlen == (size_t)get16(ip + 2) - ihl) {
			put16(t + 2, 0);
			put16(t + 2, sum16(t, tlen));
		}
		return;
	}
	{
		uint32_t s, d;

		memcpy(&s, ip + 12, 4);
		memcpy(&d, ip + 16, 4);
		rewrite_l4(ip[9], t, tlen, s, d);
	}
}

int
main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	struct frame *fr = NULL;
	size_t n = 0, cap = 0, i;
	pcap_t *in, *dead;
	pcap_dumper_t *out;
	unsigned long long want, written = 24;
	struct timeval span, first = { 0, 0 }, last = { 0, 0 };
	unsigned seq_lo = 65536, seq_hi = 0;
	u_char *buf;
	int ch, dlt;

	while ((ch = getopt(argc, argv, "c:")) != -1) {
		if (ch != 'c' || inet_pton(AF_INET, optarg, &client) != 1) {
			fprintf(stderr, "pcap_grow: -c needs an IPv4 address\n");
			return 2;
		}
	}
	if (argc - optind != 3 || client == 0) {
		fprintf(stderr, "usage: pcap_grow -c CLIENT IN OUT BYTES\n");
		return 2;
	}
	want = strtoull(argv[optind + 2], NULL, 10);
	if ((in = pcap_open_offline(argv[optind], err)) == NULL) {
		fprintf(stderr, "pcap_grow: %s\n", err);
		return 1;
	}
	dlt = pcap_datalink(in);
	while (pcap_next_ex(in, &h, &d) == 1) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			if ((fr = realloc(fr, cap * sizeof(*fr))) == NULL) {
				perror("pcap_grow");
				return 1;
			}
		}
		fr[n].h = *h;
		if ((fr[n].data = malloc(h->caplen ? h->caplen : 1)) == NULL) {
			perror("pcap_grow");
			return 1;
		}
		memcpy(fr[n].data, d, h->caplen);
		if (n == 0)
			first = h->ts;
		last = h->ts;
		{
			int off = l3_offset(dlt, d, h->caplen);

			if (off >= 0 && (size_t)off + 28 <= h->caplen && (d[off] >> 4) == 4 &&
			    d[off + 9] == 1 && (d[off] & 15) == 5 &&
			    (d[off + 20] == 8 || d[off + 20] == 0)) {
				unsigned s = get16(d + off + 26);

				seq_lo = s < seq_lo ? s : seq_lo;
				seq_hi = s > seq_hi ? s : seq_hi;
			}
		}
		n++;
	}
	if (n == 0) {
		fprintf(stderr, "pcap_grow: %s holds no frame\n", argv[optind]);
		return 1;
	}
	seq_step = seq_hi >= seq_lo ? (uint16_t)(seq_hi - seq_lo + 1) : 0;
	timersub(&last, &first, &span);
	span.tv_sec += 2;
	dead = pcap_open_dead(dlt, pcap_snapshot(in));
	if ((out = pcap_dump_open(dead, argv[optind + 1])) == NULL) {
		fprintf(stderr, "pcap_grow: %s\n", pcap_geterr(dead));
		return 1;
	}
	if ((buf = malloc(262144)) == NULL)
		return 1;
	for (copy = 0; written < want; copy++) {
		struct timeval shift = { (time_t)span.tv_sec * copy, 0 };
		long long us = (long long)span.tv_usec * copy;

		shift.tv_sec += us / 1000000;
		shift.tv_usec = us % 1000000;
		for (i = 0; i < n && written < want; i++) {
			struct frame f;
			struct pcap_pkthdr nh;

			if (fr[i].h.caplen > 262144)
				continue;
			f.data = buf;
			rewrite(dlt, &f, &fr[i].h, fr[i].data);
			nh = f.h;
			timeradd(&fr[i].h.ts, &shift, &nh.ts);
			pcap_dump((u_char *)out, &nh, f.data);
			written += 16 + nh.caplen;
		}
	}
	if (pcap_dump_flush(out) != 0) {
		fprintf(stderr, "pcap_grow: writing %s failed\n", argv[optind + 1]);
		return 1;
	}
	pcap_dump_close(out);
	fprintf(stderr, "pcap_grow: %zu frames x %u copies, %llu bytes\n", n, copy, written);
	return 0;
}
