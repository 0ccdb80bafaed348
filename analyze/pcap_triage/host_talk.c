/*
 * What is eating the line: bytes by address and by protocol, and over
 * time, in fixed memory.  Addresses and protocols are counted with the
 * space-saving algorithm (Metwally, Agrawal and El Abbadi, ICDT 2005): a
 * table of TALK_SLOTS counters; a value not in it takes the smallest
 * counter's place and its count, which is kept as that value's possible
 * over-count (err), so every count is an upper bound within err of the
 * truth, and any value over 1/TALK_SLOTS of the bytes is in the table.
 * Time is counted in bins that double in width when they run out, so the
 * series always covers the whole capture in at most TALK_BINS bins.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/host.h"

/* Count bytes for key (hashed h) in the space-saving table v; the last hit is tried first. */
static void
ss_add(struct talk_cnt *v, size_t *n, size_t *last, const struct talk_key *key, uint32_t h,
    uint64_t bytes)
{
	size_t i, min = 0;

	if (*last < *n && v[*last].h == h && memcmp(&v[*last].key, key, sizeof(*key)) == 0) {
		v[*last].bytes += bytes;
		v[*last].frames++;
		return;
	}
	for (i = 0; i < *n; i++)
		if (v[i].h == h && memcmp(&v[i].key, key, sizeof(*key)) == 0) {
			v[i].bytes += bytes;
			v[i].frames++;
			*last = i;
			return;
		}
	if (*n < TALK_SLOTS) {
		i = (*n)++;
		memset(&v[i], 0, sizeof(v[i]));
	} else {
		for (i = 1; i < *n; i++)
			if (v[i].bytes < v[min].bytes)
				min = i;
		i = min;
		v[i].err = v[i].bytes;
		v[i].frames = 0;
	}
	v[i].key = *key;
	v[i].h = h;
	v[i].bytes += bytes;
	v[i].frames++;
	*last = i;
}

static void
count(struct talk_cnt *v, size_t *n, size_t *last, const struct talk_key *k, uint64_t bytes)
{
	ss_add(v, n, last, k, flowtab_hash(k, sizeof(*k), 0), bytes);
}

/* Halve the series: each pair of bins becomes one of twice the width. */
static void
fold(struct host_talk *t)
{
	int i;

	for (i = 0; i < TALK_BINS / 2; i++)
		t->bins[i] = t->bins[2 * i] + t->bins[2 * i + 1];
	memset(t->bins + TALK_BINS / 2, 0, sizeof(t->bins[0]) * (TALK_BINS / 2));
	t->bin_ns *= 2;
}

void
host_talk_feed(struct host_talk *t, int64_t ts, const struct dec_pkt *p)
{
	struct talk_key k;
	uint64_t b;
	int64_t at;
	uint16_t lo;

	if (p->status != DEC_OK || p->ip.src.family != 4)
		return;
	b = p->ip.tot_len;
	t->bytes += b;
	t->frames++;
	if (t->frames == 1) {
		t->t0 = ts;
		t->bin_ns = 1000000000LL;
	}
	at = ts - t->t0;
	if (at >= 0) {
		while (at / t->bin_ns >= TALK_BINS)
			fold(t);
		t->bins[at / t->bin_ns] += b;
	}
	memset(&k, 0, sizeof(k));
	k.a = p->ip.src;
	count(t->addr, &t->naddr, &t->last_a, &k, b);
	k.a = p->ip.dst;
	count(t->addr, &t->naddr, &t->last_b, &k, b);
	/* A protocol is the transport and the lower port (the service's, as a rule). */
	memset(&k, 0, sizeof(k));
	k.proto = p->ip.proto;
	if ((p->ip.proto == 6 || p->ip.proto == 17) && (p->l4.have & L4_PORTS) && p->ip.frag == 0) {
		lo = p->l4.sport < p->l4.dport ? p->l4.sport : p->l4.dport;
		k.port = lo;
	}
	count(t->proto, &t->nproto, &t->last_p, &k, b);
}

static int
by_bytes(const void *a, const void *b)
{
	const struct talk_cnt *x = a, *y = b;

	return x->bytes > y->bytes ? -1 : x->bytes < y->bytes;
}

void
host_talk_finish(struct host_talk *t)
{
	qsort(t->addr, t->naddr, sizeof(t->addr[0]), by_bytes);
	qsort(t->proto, t->nproto, sizeof(t->proto[0]), by_bytes);
	/* The bins in use: up to the last packet's. */
	for (t->nbins = TALK_BINS; t->nbins > 0 && t->bins[t->nbins - 1] == 0; t->nbins--)
		;
}
