/*
 * The correlator: which reply answers which probe.
 *
 * Probes are learnt from the capture itself (our own probes are
 * captured on their way out, with kernel timestamps), so a live run and
 * a saved capture go through exactly the same code.  A live run names
 * its own flow with a signature and everything else is foreign; a saved
 * capture has no signature, so every probe-like packet is kept, grouped
 * by flow, and the caller picks the group it wants.
 *
 * The capture's own defects are read first (frame_defects.h): a copy of
 * a frame just seen (a mirror port, a capture on two interfaces, or both
 * sides of a router) is neither a probe nor a reply, and a round trip
 * measured from a stamp that is out of range, or one of 0 (the clock did
 * not advance between probe and reply), is marked.
 */
#ifndef FL_CORRELATE_H
#define FL_CORRELATE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/flow/frame_defects.h"
#include "analyze/packet/addr.h"
#include "analyze/packet/decode.h"

/*
 * What identifies one probe among the others of its flow, chosen from
 * fields that routers quote back but that flow hashing ignores:
 *   ICMP echo: a = identifier, c = sequence
 *   UDP:       a = source port, b = destination port, c = checksum
 *   TCP:       a = source port, b = destination port, c = sequence
 */
struct corr_key {
	struct fl_addr	src, dst;
	uint8_t		proto;
	uint16_t	a, b;
	uint32_t	c;
};

/* One run's flow, for live captures. b == 0 accepts any destination port. */
#define CORR_MAX_SIGS	8
struct corr_sig {
	struct fl_addr	src, dst;
	uint8_t		proto;
	uint16_t	a, b;
};

enum reply_kind {
	RK_NONE = 0,
	RK_TIME_EXCEEDED,	/* ICMP 11: a router on the way */
	RK_UNREACH,		/* ICMP 3 */
	RK_PARAM,		/* ICMP 12 */
	RK_OTHER_ICMP,		/* source quench, redirect */
	RK_ECHO_REPLY,		/* ICMP 0 */
	RK_SYNACK,
	RK_RST,
	RK_ACK,			/* a bare ACK acknowledging the SYN */
	RK_UDP			/* a UDP datagram back on the probe's ports */
};

struct corr_probe {
	uint32_t	frame;
	int64_t		ts;		/* ns since the epoch */
	struct corr_key	key;
	uint8_t		ttl, tos;
	uint16_t	ipid, len;
	uint8_t		tcp_flags;
	uint8_t		attempt;	/* 1 + earlier probes with the same key */
	/*
	 * The probe carried IP options (Record Route): routers handle such
	 * packets on their slow path, so its round trip is not the path's.
	 */
	bool		has_opts;
	bool		ts_bad;		/* its stamp is out of range (FDEF_TS_BAD) */
	uint32_t	group;
	uint32_t	round;		/* its group's round (see corr_group) */
	/*
	 * In a group whose rounds are thinned (corr_group_ttl() not NULL):
	 * when the group's probe before it at the same TTL was sent, kept or
	 * not, -1 for none.  0 otherwise.
	 */
	int64_t		prev_ts;
	int32_t		reply;		/* first counted reply, or -1 */
	int32_t		late_reply;	/* first reply after the wait, or -1 */
	uint16_t	nreplies;	/* all replies, duplicates included */
};

struct corr_reply {
	uint32_t	frame;
	int64_t		ts;
	int32_t		probe;		/* -1 while unmatched */
	enum reply_kind	kind;
	uint8_t		icmp_type, icmp_code;
	struct fl_addr	from;
	uint8_t		ttl;		/* of the reply itself */
	uint16_t	ipid;
	uint16_t	mtu;
	uint8_t		q_ttl;		/* TTL left in the quoted probe */
	uint8_t		tcp_flags;
	uint16_t	tcp_win;
	bool		dup, late;
	bool		ts_bad;		/* its stamp is out of range (FDEF_TS_BAD) */
	/*
	 * The round trip says nothing of the network: a stamp of the probe
	 * or the reply is bad, or both carry the same time.
	 */
	bool		rtt_bad;
	int64_t		rtt;		/* ns, valid when probe >= 0 */
	uint8_t		n_mpls;
	struct dec_mpls	mpls[DEC_MAX_MPLS];
	/*
	 * An ICMP error whose quote is the probe rewritten (matched by its
	 * destination, protocol and IP ID instead of its key): a NAT on the
	 * way that did not translate the quote back (RFC 5508 asks it to).
	 * CORR_NAT_* bits say what differs; q_src and q_sport are the quote's.
	 */
	uint8_t		nat;
	struct fl_addr	q_src;
	uint16_t	q_sport;
	/*
	 * The reply's own IP options: a Record Route kept in corr_rr()
	 * (index rr, -1 for none), or one that did not read soundly.
	 */
	int32_t		rr;
	bool		has_opts, rr_bad;
};

/* A reply's Record Route (decode.h's, the addresses in the order recorded). */
struct corr_rr {
	uint8_t		n;
	bool		full;
	struct fl_addr	addr[DEC_MAX_RR];
};

#define CORR_NAT_SRC	0x01	/* the quoted source address */
#define CORR_NAT_PORT	0x02	/* the quoted source port (UDP, TCP) or ICMP identifier */
#define CORR_NAT_ID	0x04	/* the probe's own identity: sequence or checksum */

/*
 * Probes of one source, destination and protocol (and ICMP identifier).
 *
 * Its counts are over every probe read.  The probes themselves are kept
 * by round: a round is one pass over the TTLs (a new one starts where the
 * TTL falls, as traceroutes send them) or CORR_ROUND_MAX probes at TTLs
 * that do not fall (a ping or SYN stream).  While a group has at most
 * CORR_GROUP_KEEP probes all its rounds are kept; past that only every
 * stride-th round (rounds 0, stride, 2 stride, ...), the stride doubling
 * as the capture goes on, so that a long capture leaves evenly spaced
 * whole rounds and memory does not grow with the file.  Rounds go by
 * blocks of CORR_BLOCK consecutive ones (the block is kept when its
 * number is a multiple of the stride), so that the time between one
 * round and the next, which rate limits are read from, stays the
 * capture's own within a block; probes that carried IP options are kept
 * whatever their round, up to CORR_OPTS_KEEP.  Once a group is thinned
 * its counts per TTL over every probe are kept (corr_group_ttl()), for
 * the first CORR_COUNTED groups thinned.  A probe not kept
 * stays until its replies can no longer come (corr_new's horizon), so
 * that they are matched and counted, and is then forgotten.
 */
#define CORR_ROUND_MAX		256
#define CORR_BLOCK		16	/* rounds kept or left out together */
#define CORR_GROUP_KEEP		(1u << 13)
#define CORR_TOTAL_KEEP		(1u << 16)	/* over every group */
#define CORR_OPTS_KEEP		1024
#define CORR_COUNTED		64
struct corr_group {
	struct fl_addr	src, dst;
	uint8_t		proto;
	uint16_t	a;		/* ICMP identifier, else 0 */
	uint32_t	nprobes, nanswered;
	uint32_t	ttls_probed, ttls_answered;	/* distinct TTLs */
	uint64_t	probed_bits[4], answered_bits[4];
	int64_t		first_ts, last_ts;
	uint32_t	rounds;		/* read so far */
	uint32_t	stride;		/* rounds kept: every stride-th (1: all) */
	uint32_t	round_len;	/* probes in the current round */
	int16_t		prev_ttl;	/* of the latest probe, -1 before the first */
};

struct corr_counters {
	uint64_t	frames;		/* fed in */
	uint64_t	truncated;	/* cut short by the snap length */
	uint64_t	invalid;	/* malformed */
	uint64_t	not_ipv4;	/* neither IPv4 nor IPv6: ARP, other link payloads (an older name) */
	uint64_t	ipv6;		/* IPv6 frames read (view6.h) */
	uint64_t	probes;		/* kept as probes */
	uint64_t	foreign_probes;	/* probe-like, not ours (live) */
	uint64_t	untracked;	/* over the probe limit */
	uint64_t	replies;	/* matched to a probe */
	uint64_t	foreign_replies;/* reply-like, matching no probe (after corr_finish) */
	uint64_t	quote_truncated;/* ICMP errors whose quote was cut */
	uint64_t	quote_invalid;	/* ICMP errors with a malformed quote */
	uint64_t	duplicates;	/* more replies to an answered probe (not copies) */
	uint64_t	late;
	uint64_t	reordered;	/* reply captured before its probe */
	uint64_t	copies;		/* frames that copy another: neither probes nor replies */
	uint64_t	rtt_bad;	/* counted and late replies whose rtt_bad is set */
	uint64_t	sampled_out;	/* probes matched and counted, then not kept (corr_group) */
	const struct fdef_stats *fd;	/* the copies and the timestamps, frame by frame */
};

struct corr;

/*
 * sig: our flow (live), or NULL to keep every probe-like packet (file).
 * late_ns: a reply later than this after its probe counts as late.  A
 * reply is looked for up to the horizon, 2 late_ns + 1 s after its probe
 * (60 s when late_ns is 0), in capture time; one that comes later counts
 * as foreign.  Returns NULL when out of memory.
 */
struct corr *corr_new(const struct corr_sig *sig, int64_t late_ns);
void	corr_free(struct corr *);

/* One more flow of ours (a run may probe several).  -1 when full. */
int	corr_add_sig(struct corr *, const struct corr_sig *);

/* Feed one decoded frame; frames are numbered from 1 in capture order. */
void	corr_feed(struct corr *, uint32_t frame, int64_t ts, const struct dec_pkt *);
/* corr_feed() as a reader (analyze/common/readers.h): ctx is the correlator. */
bool	corr_reader(void *corr, uint32_t frame, int64_t ts, const struct dec_pkt *);

/*
 * Match replies that were captured before their probe; whatever still
 * matches nothing is counted as foreign.  Call once, at the end.  In a
 * capture that was compacted (corr_group), the probes of rounds not kept
 * go now, and the replies matching nothing but those of the last horizon.
 */
void	corr_finish(struct corr *);

const struct corr_counters *corr_counters(const struct corr *);
/*
 * Probes and replies held right now (kept ones and the window still
 * waiting for replies): what the correlator's memory grows with.
 */
uint32_t corr_held(const struct corr *);
uint32_t corr_nprobes(const struct corr *);
const struct corr_probe *corr_probe(const struct corr *, uint32_t i);
uint32_t corr_nreplies(const struct corr *);
const struct corr_reply *corr_reply(const struct corr *, uint32_t i);
/* A reply's Record Route, by its rr index; NULL for -1 or out of range. */
const struct corr_rr *corr_rr(const struct corr *, int32_t i);
uint32_t corr_ngroups(const struct corr *);
const struct corr_group *corr_group(const struct corr *, uint32_t i);

/* A thinned group's counts at one TTL, over every probe read. */
struct corr_ttl {
	uint32_t	sent, answered;	/* answered: a counted reply, in time */
	uint32_t	late, dups;
	uint32_t	opts_sent, opts_answered;	/* of them, probes with IP options */
	/* ns, over answers to probes without options with a sound round trip; -1 for none */
	int64_t		min_rtt;
	uint32_t	min_probe_frame, min_reply_frame;
};
/* NULL when group g's rounds are all kept (count its probes instead). */
const struct corr_ttl *corr_group_ttl(const struct corr *, uint32_t g, uint8_t ttl);

/* The latest probe with this key, or -1. */
int32_t	corr_find(const struct corr *, const struct corr_key *);

/*
 * The group that looks most like a traceroute (most distinct TTLs
 * answered, then probed, then replies), optionally only towards dst.
 * Returns -1 when no group probed at least min_ttls distinct TTLs.
 */
int32_t	corr_best_trace(const struct corr *, const struct fl_addr *dst, uint32_t min_ttls);

/* The key a probe-like packet would have; false if it is not one. */
bool	corr_probe_key(const struct dec_pkt *, struct corr_key *);

const char *corr_reply_kind_name(enum reply_kind);
/* The same, with an unreachable's code named: "port-unreachable", "admin-prohibited", ... */
const char *corr_answer_name(enum reply_kind, uint8_t icmp_code);

/*
 * How many hops a reply crossed, from its TTL on arrival and the next
 * common initial TTL at or above it (32, 64, 128, 255): the sender's
 * distance, counted the way TTL-limited probes count it.
 */
int	corr_return_hops(int reply_ttl);

#endif
