/*
 * Probe crafting with libnet.
 *
 * All probes of one run share a flow (the Paris traceroute idea): the
 * same addresses, protocol, ports, TOS, and for ICMP the same
 * identifier and checksum, so per-flow load balancers keep them on one
 * path.  Each probe is told apart by a field that routers quote back in
 * their ICMP errors but that flow hashing ignores: the ICMP sequence
 * (with two payload bytes adjusted to hold the checksum constant), the
 * UDP checksum (reached the same way), or the TCP sequence number.
 * The IP ID carries the probe index too.  Bases are random per run.
 *
 * Over IPv6 (src and dst of family 6, sent on a LIBNET_RAW6 context) the
 * same: ICMPv6 echo (RFC 4443; its checksum covers the pseudo-header,
 * RFC 8200 8.1, and is held constant the same way), UDP (whose checksum
 * is mandatory there) or a TCP SYN, with the hop limit for the TTL and a
 * flow label held for the run.  IPv6 has no IP ID and no Record Route.
 */
#ifndef FL_CRAFT_H
#define FL_CRAFT_H

#include <stdint.h>

#include <libnet.h>

#include "analyze/flow/correlate.h"

#define CRAFT_PAYLOAD	20	/* bytes of ICMP and UDP payload, by default */
#define CRAFT_MAX_LEN	1500	/* largest probe, IP header included */

struct craft_flow {
	uint8_t		proto;		/* 1 ICMP echo, 17 UDP, 6 TCP SYN */
	struct fl_addr	src, dst;
	uint16_t	sport, dport;	/* UDP and TCP */
	uint16_t	echo_id;
	uint16_t	echo_cksum;	/* held constant across the run */
	uint16_t	seq_base;	/* ICMP sequence of probe 0 */
	uint16_t	udp_base;	/* UDP checksum of probe 0 */
	uint32_t	tcp_base;	/* TCP sequence of probe 0 */
	uint16_t	ipid_base;
	uint8_t		tos;
	uint16_t	length;		/* IP total length of ICMP and UDP probes; 0: default */
	bool		df;		/* don't fragment (path MTU probes) */
	bool		rr;		/* an IP Record Route option (craft_record_route) */
	/*
	 * IPv6 (src and dst of family 6): the flow label, held for the run
	 * like the 5-tuple (RFC 6437: routers may hash on it; Linux would
	 * pick its own per socket and re-hash it on TCP timeouts).
	 */
	uint32_t	flow_label;
};

struct craft {
	libnet_t	*l;
	libnet_ptag_t	 t_opt, t_l4, t_ipopt, t_ip;
	struct craft_flow f;
};

/* Most probes a run may send: UDP checksums must not wrap to 0. */
#define CRAFT_MAX_PROBES	60000

/* Random identifiers for a new run (from the kernel's CSPRNG). */
int	craft_random_flow(struct craft_flow *, uint8_t proto, const struct fl_addr *src,
	    const struct fl_addr *dst, uint16_t dport, char *err, size_t errlen);

void	craft_init(struct craft *, libnet_t *l, const struct craft_flow *);

/*
 * Build probe number idx with the given TTL; key receives the key the
 * correlator will give it.  Returns 0 or -1 with err filled.
 */
int	craft_build(struct craft *, uint16_t idx, uint8_t ttl, struct corr_key *key,
	    char *err, size_t errlen);

/*
 * Switch the context to another protocol or ports (synprobe sends SYNs
 * from several source ports to several ports, and ICMP echoes, through
 * one libnet context, which builds one packet at a time).  The other
 * identifiers are kept.
 */
void	craft_retarget(struct craft *, uint8_t proto, uint16_t sport, uint16_t dport);

/*
 * Probes of this IP total length (ICMP and UDP; 0 for the default) and
 * with DF set or not, for path MTU probing.  Returns -1 when the length
 * is out of range.
 */
int	craft_size(struct craft *, uint16_t length, bool df);

/*
 * Probes with (on) or without an IP Record Route option (RFC 791
 * section 3.1, type 7): CRAFT_RR_SLOTS empty slots, pointer 4, so the
 * header is 60 bytes (IHL 15), the largest there is.  The length set by
 * craft_size() stays the transport's: the option adds its 40 bytes.
 */
#define CRAFT_RR_SLOTS	9
void	craft_record_route(struct craft *, bool on);

/*
 * A TCP segment on the flow's ports with the given sequence and
 * acknowledgement numbers, ACK and PSH set, carrying payload (at most
 * CRAFT_SEGMENT_MAX bytes), with this IP ID and TTL and DF set: a copy
 * of a connection's data for the in-flow trace (0trace).  The context is
 * cleared before and after, so other probes build afresh.  Sent at once.
 * Returns 0, or -1 with err filled and errno preserved.
 */
#define CRAFT_SEGMENT_MAX	1200
int	craft_segment(struct craft *, uint32_t seq, uint32_t ack, const uint8_t *payload,
	    uint16_t plen, uint16_t ipid, uint8_t ttl, char *err, size_t errlen);

/* Send the probe last built.  Returns 0, or -1 with errno preserved. */
int	craft_send(struct craft *, char *err, size_t errlen);

/* The payload word that makes a one's complement sum come out as want. */
uint16_t craft_fix_word(uint32_t partial_sum, uint16_t want);

#endif
