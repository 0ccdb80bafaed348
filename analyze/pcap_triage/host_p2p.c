/*
 * Peer-to-peer swarms, named from the protocol's own evidence and never
 * from "many peers on one port" alone (DNS and NTP servers look like
 * that): a BitTorrent peer handshake on TCP (BEP 3: the byte 19, then
 * "BitTorrent protocol", 8 reserved bytes and the 20-byte info-hash), or
 * a DHT message on UDP (BEP 5: a bencoded KRPC dictionary with its "y"
 * key, query, response or error, and a 20-byte node "id").  Once a flow
 * shows one, its bytes count for the swarm of the address that is not
 * the remote peer's: the one that talks to many peers over it.  Peers are
 * counted with linear counting (distinct.h), in a fixed bitmap per swarm.
 */
#include <stdlib.h>
#include <string.h>

#include "analyze/common/distinct.h"
#include "analyze/pcap_triage/flowtab.h"
#include "analyze/pcap_triage/host.h"

#define P2P_IDLE	(300 * 1000000000LL)	/* a flow forgotten after 5 min idle */
#define PEER_BITS	4096

struct pkey {
	struct fl_addr	 a, b;		/* the flow's ends, in a fixed order */
	uint16_t	 pa, pb;
	uint8_t		 proto;
	uint8_t		 pad[3];
};

struct pflow {
	bool		 checked[2];	/* each direction's first payload read (TCP) */
	bool		 proven;
	int		 swarm;		/* index in swarms, -1 none */
};

struct swarm_st {
	struct host_swarm s;
	uint8_t		 peers[PEER_BITS / 8];
	uint32_t	 set;		/* bits set in peers */
	bool		 port_from_udp;	/* s.port is its DHT port, not a connection's */
};

struct host_p2p {
	struct tri_ctx	*c;
	struct flowtab	*flows;
	uint64_t	 all_bytes;	/* every IP packet's, for the swarm's share */
	struct swarm_st	 sw[HOST_MAX_SWARMS];
	size_t		 n;
	struct host_swarm out[HOST_MAX_SWARMS];
};

/* ---- the decoders ---- */

bool
p2p_bt_handshake(const struct cur *c, uint8_t infohash[20])
{
	static const char proto[] = "BitTorrent protocol";
	uint8_t len;
	size_t i;

	if (!cur_u8(c, 0, &len) || len != 19 || !cur_has(c, 0, 1 + 19 + 8 + 20))
		return false;
	for (i = 0; i < 19; i++)
		if (c->p[1 + i] != (uint8_t)proto[i])
			return false;
	return cur_copy(c, 1 + 19 + 8, infohash, 20);
}

/* "key" (bencoded: LEN:key) at off; true when it is there. */
static bool
benc_at(const struct cur *c, size_t off, const char *key)
{
	size_t n = strlen(key), i;

	if (!cur_has(c, off, n))
		return false;
	for (i = 0; i < n; i++)
		if (c->p[off + i] != (uint8_t)key[i])
			return false;
	return true;
}

/* Where key is in the first len bytes, or (size_t)-1. */
static size_t
benc_find(const struct cur *c, size_t len, const char *key)
{
	size_t off;

	for (off = 0; off < len; off++)
		if (benc_at(c, off, key))
			return off;
	return (size_t)-1;
}

bool
p2p_dht_krpc(const struct cur *c, char *y)
{
	size_t len = c->len < 1500 ? c->len : 1500, at;
	uint8_t first, last, kind;

	/* A dictionary, whole: 'd' ... 'e'. */
	if (len < 12 || !cur_u8(c, 0, &first) || first != 'd' || !cur_u8(c, c->len - 1, &last) ||
	    last != 'e')
		return false;
	/* "1:y1:q", "1:y1:r" or "1:y1:e": the message type. */
	if ((at = benc_find(c, len, "1:y1:")) == (size_t)-1 || !cur_u8(c, at + 5, &kind) ||
	    (kind != 'q' && kind != 'r' && kind != 'e'))
		return false;
	/* A query's or a response's node id: 20 bytes ("2:id20:"); an error has none. */
	if (kind != 'e' && benc_find(c, len, "2:id20:") == (size_t)-1)
		return false;
	if (kind == 'e' && benc_find(c, len, "1:eli") == (size_t)-1)
		return false;
	*y = (char)kind;
	return true;
}

/* ---- the reader ---- */

struct host_p2p *
host_p2p_new(struct tri_ctx *c, size_t max_flows)
{
	struct host_p2p *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->c = c;
	p->flows = flowtab_new(sizeof(struct pkey), sizeof(struct pflow), max_flows, NULL, NULL);
	if (p->flows == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

/* The swarm of address a, made on first use; NULL when the table is full. */
static struct swarm_st *
swarm_of(struct host_p2p *p, const struct fl_addr *a, int *idx)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (fl_addr_eq(&p->sw[i].s.host, a)) {
			*idx = (int)i;
			return &p->sw[i];
		}
	if (p->n >= HOST_MAX_SWARMS)
		return NULL;
	memset(&p->sw[p->n], 0, sizeof(p->sw[p->n]));
	p->sw[p->n].s.host = *a;
	*idx = (int)p->n;
	return &p->sw[p->n++];
}

/*
 * Which end of a newly proven flow is "us", the host in the swarm: one
 * already known as a swarm's host; else this host, or the end on a local
 * (private) network when the other is not; else the sender, which opened
 * the exchange with its handshake or query.
 */
static struct swarm_st *
swarm_for(struct host_p2p *p, const struct dec_pkt *pk, int *idx)
{
	const struct fl_addr *us = &pk->ip.src;
	size_t i;

	for (i = 0; i < p->n; i++)
		if (fl_addr_eq(&p->sw[i].s.host, &pk->ip.src) ||
		    fl_addr_eq(&p->sw[i].s.host, &pk->ip.dst)) {
			*idx = (int)i;
			return &p->sw[i];
		}
	if (tri_is_host(p->c, &pk->ip.dst) ||
	    (!tri_is_host(p->c, &pk->ip.src) && tri_addr_private(&pk->ip.dst) &&
	    !tri_addr_private(&pk->ip.src)))
		us = &pk->ip.dst;
	return swarm_of(p, us, idx);
}

/* A peer of w's host on this packet, and the host's port when it says which it listens on. */
static void
count_peer(struct swarm_st *w, const struct dec_pkt *pk, bool udp, bool inbound_open)
{
	bool out = fl_addr_eq(&pk->ip.src, &w->s.host);
	const struct fl_addr *peer = out ? &pk->ip.dst : &pk->ip.src;
	uint16_t port = out ? pk->l4.sport : pk->l4.dport;

	if (!distinct_add(w->peers, PEER_BITS, distinct_mix(fl_addr_hash(peer, 0))))
		w->set++;
	/* Its DHT port first; else the port an inbound handshake reached it on. */
	if ((udp && !w->port_from_udp) || (inbound_open && w->s.port == 0)) {
		w->s.port = port;
		w->port_from_udp = udp;
	}
}

void
host_p2p_feed(struct host_p2p *p, uint32_t frame, int64_t ts, const struct dec_pkt *pk)
{
	struct pkey k;
	struct pflow *f;
	struct swarm_st *w;
	uint8_t ih[20];
	bool fwd, created, tcp = pk->ip.proto == 6;
	char y;
	int dir, idx, cmp;
	bool opened = false;

	if (p == NULL || pk->status != DEC_OK)
		return;
	p->all_bytes += pk->ip.tot_len;
	if (pk->ip.frag != 0 || !(pk->l4.have & L4_PORTS) || (pk->ip.proto != 6 && pk->ip.proto != 17))
		return;
	if (p->n == 0 && pk->payload_len == 0)
		return;		/* nothing proven yet, nothing to prove with */
	memset(&k, 0, sizeof(k));
	cmp = memcmp(&pk->ip.src, &pk->ip.dst, sizeof(pk->ip.src));
	fwd = cmp < 0 || (cmp == 0 && pk->l4.sport <= pk->l4.dport);
	k.a = fwd ? pk->ip.src : pk->ip.dst;
	k.b = fwd ? pk->ip.dst : pk->ip.src;
	k.pa = fwd ? pk->l4.sport : pk->l4.dport;
	k.pb = fwd ? pk->l4.dport : pk->l4.sport;
	k.proto = pk->ip.proto;
	dir = fwd ? 0 : 1;
	f = flowtab_get(p->flows, &k, ts, P2P_IDLE, pk->payload_len > 0, &created);
	if (f == NULL)
		return;
	if (created)
		f->swarm = -1;
	if (!f->proven && pk->payload_len > 0 && (!tcp || !f->checked[dir])) {
		f->checked[dir] = true;
		if (tcp ? p2p_bt_handshake(&pk->payload, ih) : p2p_dht_krpc(&pk->payload, &y)) {
			w = swarm_for(p, pk, &idx);
			if (w == NULL)
				return;
			f->proven = true;
			f->swarm = idx;
			opened = tcp && !fl_addr_eq(&pk->ip.src, &w->s.host);
			if (w->s.first_frame == 0) {
				w->s.first_frame = frame;
				w->s.first_ts = ts;
			}
			if (tcp) {
				if (w->s.handshakes++ == 0) {
					w->s.handshake_frame = frame;
					for (int i = 0; i < 20; i++) {
						static const char hx[] = "0123456789abcdef";

						w->s.infohash[2 * i] = hx[ih[i] >> 4];
						w->s.infohash[2 * i + 1] = hx[ih[i] & 15];
					}
				}
			} else if (w->s.dht++ == 0) {
				w->s.dht_frame = frame;
			}
		}
	}
	if (!f->proven || f->swarm < 0 || (size_t)f->swarm >= p->n)
		return;
	w = &p->sw[f->swarm];
	count_peer(w, pk, !tcp, opened);
	if (fl_addr_eq(&pk->ip.src, &w->s.host))
		w->s.bytes_out += pk->ip.tot_len;
	else
		w->s.bytes_in += pk->ip.tot_len;
	w->s.frames++;
	w->s.last_ts = ts;
}

uint64_t
host_p2p_bytes(const struct host_p2p *p)
{
	return p->all_bytes;
}

const struct host_swarm *
host_p2p_list(struct host_p2p *p, size_t *n)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		p->out[i] = p->sw[i].s;
		p->out[i].peers = (uint32_t)(distinct_estimate(p->sw[i].set, PEER_BITS) + 0.5);
	}
	*n = p->n;
	return p->out;
}

void
host_p2p_free(struct host_p2p *p)
{
	if (p == NULL)
		return;
	flowtab_free(p->flows);
	free(p);
}
