/*
 * What pcap-triage's readers share while they read one capture point:
 * the findings they add, the options, and what the capture teaches about
 * its own network as it streams by: which machine took it (this host),
 * the MAC addresses behind IPv4 addresses (ARP), the gateway (the MAC
 * that traffic to many addresses leaves through), the names the
 * capture's own DNS answers gave to addresses, and the decoder's counts.
 * Every table is bounded.  The context's reader (tri_ctx_reader) runs
 * before the others.
 */
#ifndef FL_TRIAGE_CONTEXT_H
#define FL_TRIAGE_CONTEXT_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/packet/decode.h"
#include "analyze/pcap_triage/finding.h"

struct tri_opts {
	bool		 numeric;	/* -n: addresses only, no names from DNS answers */
	struct fl_addr	 host;		/* --host: this host, and the focus; unset: inferred */
	size_t		 max_flows;	/* per reader's table; 0: the default */
	uint32_t	 local_net[8], local_mask[8];	/* --local PREFIX (host order) */
	int		 nlocal;
};

#define TRI_DEFAULT_FLOWS	32768
#define TRI_HOST_SLOTS		32
#define TRI_ARP_SLOTS		1024
#define TRI_NAME_SLOTS		4096
#define TRI_HOP_SLOTS		16
#define TRI_NAME_LEN		96

struct tri_talker {
	struct fl_addr	 a;
	uint64_t	 n, err;	/* frames (space-saving count and its error) */
	uint64_t	 sent, sent_init;	/* frames sent, of which with an initial TTL */
	uint8_t		 mac[6];
	bool		 has_mac;
};

struct tri_arp_ent {
	struct fl_addr	 ip;
	uint8_t		 mac[6];
	uint32_t	 frame;
};

/* A MAC that IPv4 traffic to other addresses than its own leaves through. */
struct tri_hop {
	uint8_t		 mac[6];
	uint64_t	 out, in;	/* frames to it for a foreign address; from it with a foreign source */
	struct fl_addr	 dst[2];	/* the first two distinct foreign destinations */
	int		 ndst;
	uint32_t	 first_out_frame, first_in_frame;
};

struct tri_name_ent {
	struct fl_addr	 a;
	char		 name[TRI_NAME_LEN];
	uint32_t	 frame;		/* the DNS answer that gave it */
	int64_t		 ts;
};

struct tri_ctx {
	struct tri_findings	 f;
	struct tri_opts		 opt;
	int			 point;		/* 0, or 1 for a second capture point */
	/* the capture */
	uint64_t		 frames, ipv4, arp_frames, ipv6, other, truncated, invalid;
	int64_t			 first_ts, last_ts;	/* last_ts: the latest seen (capture time "now") */
	uint32_t		 cur_frame;	/* the frame being read */
	int64_t			 cur_ts;
	int			 linktype;
	/* this host */
	struct tri_talker	 talk[TRI_HOST_SLOTS];
	int			 ntalk;
	/* the LAN */
	struct tri_arp_ent	 arp[TRI_ARP_SLOTS];
	struct tri_hop		 hop[TRI_HOP_SLOTS];
	int			 nhop;
	/* names from the capture's DNS answers */
	struct tri_name_ent	*names;		/* TRI_NAME_SLOTS, allocated on first use */
	uint64_t		 names_seen;
	/*
	 * The first source tcp.c found scanning, and its SYNs: a scan's
	 * unanswered packets are no evidence against a gateway (link.c).
	 */
	struct fl_addr		 scanner;
	uint64_t		 scanner_syns;
};

void	tri_ctx_init(struct tri_ctx *, const struct tri_opts *);
void	tri_ctx_free(struct tri_ctx *);

/* The context's own reading of a frame (never keeps it from the others). */
bool	tri_ctx_reader(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *);

/* This host: --host, else the address most frames go to or come from. */
bool	tri_host(const struct tri_ctx *, struct fl_addr *out);
bool	tri_is_host(const struct tri_ctx *, const struct fl_addr *);

/* The MAC ARP gave for an address; false when unknown. */
bool	tri_arp_mac(const struct tri_ctx *, const struct fl_addr *, uint8_t mac[6]);
/* The address ARP gave for a MAC; false when unknown. */
bool	tri_arp_ip(const struct tri_ctx *, const uint8_t mac[6], struct fl_addr *out);
/* Learn a mapping (the ARP reader and the DHCP reader add them). */
void	tri_arp_learn(struct tri_ctx *, const struct fl_addr *, const uint8_t mac[6], uint32_t frame);

/*
 * The gateway: the MAC that traffic to at least two foreign addresses
 * leaves through (the most used such), and its address when ARP gave it.
 * NULL when the capture shows none.
 */
const struct tri_hop *tri_gateway(const struct tri_ctx *, struct fl_addr *addr);

/* Whether a frame came through the gateway (its source MAC is the gateway's). */
bool	tri_via_gateway(const struct tri_ctx *, const struct dec_pkt *);

/* The name a DNS answer in the capture gave the address, or NULL (or -n). */
const char *tri_name_of(const struct tri_ctx *, const struct fl_addr *);
void	tri_name_learn(struct tri_ctx *, const struct fl_addr *, const char *name);
/* The entry, with the frame and time of the answer that gave the name (NULL when none; -n too). */
const struct tri_name_ent *tri_name_entry(const struct tri_ctx *, const struct fl_addr *);

/* "8.8.8.8" or "93.184.216.34 (example.com)"; buf of TRI_ADDR_TEXT bytes. */
#define TRI_ADDR_TEXT	(FL_ADDRSTRLEN + TRI_NAME_LEN + 4)
const char *tri_addr_text(const struct tri_ctx *, const struct fl_addr *, char *buf);

/* "00:24:81:a1:f6:79"; buf of 18 bytes. */
const char *tri_mac_text(const uint8_t mac[6], char *buf);

/* A finding for this context (its point set); see tri_finding_add(). */
struct tri_finding *tri_add(struct tri_ctx *, enum tri_sev, enum tri_layer, const char *kind,
	    const struct fl_addr *addr, uint16_t port, uint32_t frame, int64_t ts, bool *merged);

/* Initial TTLs hosts send with: 32, 64, 128, 255 (also 60 and 30 of old stacks). */
bool	tri_initial_ttl(uint8_t ttl);
/* Hops a packet crossed, from its TTL (the next common initial TTL above). */
int	tri_hops(uint8_t ttl);

/* Broadcast, multicast, 0.0.0.0: not one machine. */
bool	tri_addr_group(const struct fl_addr *);
/* RFC 1918, loopback, link-local, shared (RFC 6598) ranges. */
bool	tri_addr_private(const struct fl_addr *);

#endif
