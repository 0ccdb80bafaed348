/*
 * pcap-triage's reading of one host as a suspect: what reached it that
 * it never asked for, what it exposes to outsiders, the remote calls it
 * was sent from outside its local networks, and the programs it
 * downloaded.  These are security findings, never network faults: they
 * are warnings and notes of the host layer (finding.h), ranked by the
 * chain of evidence they belong to (an inbound attempt the host answers,
 * a remote call, then a lookup and an executable within seconds), and
 * the verdict of a capture with no fault says what the host did.
 *
 * host.c follows the inbound attempts and the local networks, host_rpc.c
 * reads DCE/RPC and SMB (pure decoders, fuzzed through fuzz_triage),
 * host_dl.c follows downloads (HTTP, FTP, TFTP); render_host.c turns the
 * result into JSON.  Every table is bounded.
 */
#ifndef FL_TRIAGE_HOST_H
#define FL_TRIAGE_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/packet/decode.h"
#include "analyze/pcap_triage/context.h"

#define HOST_MAX_GROUPS		4096	/* inbound (source, port) groups kept */
#define HOST_MAX_CALLS		256	/* remote calls kept */
#define HOST_MAX_DL		128	/* downloads kept */
#define HOST_MAX_SWARMS		16	/* addresses in a peer-to-peer swarm */
#define HOST_MAX_NETS		8	/* local networks */
#define HOST_NAME_LEN		128

/* An inbound attempt's answer from this host. */
enum host_answer { HA_SILENT, HA_CLOSED, HA_OPEN, HA_UNREACHABLE, HA_ANSWERED };

/* Attempts from one remote source to one port of this host (or any pair, until judged). */
struct host_group {
	struct fl_addr	 src, dst;
	uint16_t	 port;
	uint8_t		 proto;		/* 6 TCP, 17 UDP */
	uint32_t	 attempts, rst, synack, unreach, replies;
	uint32_t	 first_frame, last_frame, answer_frame;
	int64_t		 first_ts, last_ts;
};

struct host_net {
	uint32_t	 net, mask;	/* host order */
	const char	*how;		/* static: "--local", "DHCP", "ARP", "this host's address" */
};

/* A DCE/RPC or SMB exchange started from outside. */
struct host_call {
	struct fl_addr	 src, dst;
	uint16_t	 sport, dport;
	uint8_t		 proto;		/* 6 or 17 */
	char		 what[64];	/* "DCE/RPC bind", "NetrSendMessage", "SMB" */
	char		 iface[48];	/* the interface's name or UUID */
	uint16_t	 opnum;
	uint32_t	 frame, answer_frame, request_frame;
	int64_t		 ts;
	char		 answer[96];	/* what the host did: "bind rejected (provider rejection)" */
	bool		 accepted;	/* the host ran it (an acceptance or a response) */
	uint32_t	 count;
};

/* A program this host downloaded. */
struct host_dl {
	const char	*via;		/* "http", "ftp", "tftp", "tcp" */
	struct fl_addr	 server;
	uint16_t	 port;
	char		 file[HOST_NAME_LEN];
	char		 name[TRI_NAME_LEN];	/* the name looked up for the server, or "" */
	char		 host_hdr[96];		/* HTTP Host */
	const char	*exe;		/* "PE", "ELF", or "extension" */
	uint64_t	 size;		/* announced (Content-Length), else captured */
	uint64_t	 captured;	/* body bytes captured, in order */
	bool		 whole;
	char		 sha256[65];	/* "" unless whole */
	uint32_t	 request_frame, data_frame, lookup_frame;
	int64_t		 request_ts, lookup_ts;
	bool		 looked_up;	/* a DNS answer for the server, before */
	bool		 bare_ip;	/* no name for the server at all */
	double		 after_lookup_s;
	/* the chain: a remote call or an answered inbound attempt before it */
	uint32_t	 chain_frame;
	double		 chain_s;
	int		 strength;	/* 0 none, 1 note, 2 warning */
};

/* An address taking part in a peer-to-peer swarm (host_p2p.c). */
struct host_swarm {
	struct fl_addr	 host;
	uint16_t	 port;		/* its DHT port, else the one a peer's handshake reached; 0 */
	uint32_t	 handshakes, dht;	/* what proves it: connections opened with a BEP 3
					   handshake, UDP exchanges of BEP 5 messages */
	uint32_t	 peers;		/* distinct peers, estimated */
	uint64_t	 bytes_in, bytes_out, frames;	/* on the flows proven */
	uint32_t	 first_frame, handshake_frame, dht_frame;
	int64_t		 first_ts, last_ts;
	char		 infohash[41];	/* the first handshake's, hex; "" */
};

/* What is eating the line (host_talk.c): bytes by address, by protocol, over time. */
#define TALK_SLOTS		64	/* space-saving counters per table */
#define TALK_BINS		120	/* the series' bins, which double in width as needed */

struct talk_key {
	struct fl_addr	 a;		/* the address (the protocols' table: none) */
	uint8_t		 proto;		/* the protocols' table: 6, 17, 1... */
	uint8_t		 pad[2];
	uint16_t	 port;		/* the lower port of the two (TCP, UDP), else 0 */
};

struct talk_cnt {
	struct talk_key	 key;
	uint32_t	 h;
	uint64_t	 bytes;		/* an upper bound ... */
	uint64_t	 err;		/* ... over the truth by at most this */
	uint64_t	 frames;	/* since it took its slot */
};

struct host_talk {
	struct talk_cnt	 addr[TALK_SLOTS], proto[TALK_SLOTS];
	size_t		 naddr, nproto, last_a, last_b, last_p;
	uint64_t	 bytes, frames;
	int64_t		 t0, bin_ns;
	uint64_t	 bins[TALK_BINS];
	int		 nbins;		/* after finish: up to the last busy one */
};
void	host_talk_feed(struct host_talk *, int64_t ts, const struct dec_pkt *);
/* Sorted by bytes, the series cut after its last busy bin. */
void	host_talk_finish(struct host_talk *);

struct tri_hostr;
struct flowtab;

struct tri_hostr *tri_hostr_new(struct tri_ctx *);
bool	tri_hostr_reader(void *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	tri_hostr_finish(struct tri_hostr *);
void	tri_hostr_free(struct tri_hostr *);

/* The result, after finish. */
struct tri_host_result {
	struct host_net	 nets[HOST_MAX_NETS];
	int		 nnets;
	char		 assumed[200];	/* how the local networks were found */
	uint32_t	 dhcp_frame, up_frame;	/* this host's DHCP, its first own IP packet */
	int64_t		 dhcp_ts, up_ts;
	struct host_group *in;		/* inbound attempts from outside, to this host */
	size_t		 nin;
	uint64_t	 in_attempts;
	struct host_call *calls;
	size_t		 ncalls;
	struct host_dl	*dl;
	size_t		 ndl;
	struct host_talk talk;		/* this capture's bytes by address, protocol and time */
	struct host_swarm swarms[HOST_MAX_SWARMS];
	size_t		 nswarms;
	uint64_t	 all_bytes;	/* every IP packet's bytes in the capture */
	char		 story[560];	/* what this host did, for the verdict; "" when nothing */
};
const struct tri_host_result *tri_hostr_result(const struct tri_hostr *);

/*
 * The request-and-answer UDP service usually on a port ("NetBIOS name
 * service", "SNMP"), or NULL: how an application fault names what the
 * application waits for.
 */
const char *host_udp_service(uint16_t port);
/* Whether the service on a UDP port answers every request it takes (DNS, NTP, SNMP...). */
bool	host_udp_answers(uint16_t port);

/* ---- host_rpc.c: decoders on one segment's or datagram's payload ---- */

/*
 * A connection-oriented DCE/RPC PDU (C706 chapter 12): its type, and for
 * a bind the first interface, for a bind_ack the first result, for a
 * fault the status, for a request the opnum.  false when it is not one.
 */
struct rpc_pdu {
	uint8_t		 ptype;		/* 0 request, 2 response, 3 fault, 11 bind, 12 bind_ack, 13 bind_nak */
	uint16_t	 frag_len, opnum, result, reason;
	uint32_t	 call_id, status;
	uint8_t		 uuid[16];
	bool		 has_uuid, has_result;
	bool		 le;		/* little-endian integers (drep) */
};
bool	rpc_co_parse(const struct cur *, struct rpc_pdu *);
/* A connectionless DCE/RPC PDU (C706 chapter 12.5): version 4, header of 80 bytes. */
bool	rpc_cl_parse(const struct cur *, struct rpc_pdu *);
/* SMB1 or SMB2 over NetBIOS session service (RFC 1002) or direct TCP (port 445). */
bool	rpc_smb_parse(const struct cur *, bool *smb2, uint8_t *command);
/* The interface's well-known name, or NULL; "xxxxxxxx-xxxx-..." into buf (37 bytes). */
const char *rpc_iface_name(const uint8_t uuid[16], bool le, char *buf);
const char *rpc_ptype_name(uint8_t);
const char *rpc_status_name(uint32_t);

/* ---- host_p2p.c ---- */

/* A BitTorrent peer handshake (BEP 3) at the payload's start, and its info-hash. */
bool	p2p_bt_handshake(const struct cur *, uint8_t infohash[20]);
/* A BitTorrent DHT (BEP 5) KRPC message, the whole datagram; *y is 'q', 'r' or 'e'. */
bool	p2p_dht_krpc(const struct cur *, char *y);
struct host_p2p;
struct host_p2p *host_p2p_new(struct tri_ctx *, size_t max_flows);
void	host_p2p_feed(struct host_p2p *, uint32_t frame, int64_t ts, const struct dec_pkt *);
/* The swarms' addresses, peers estimated; and the capture's IP bytes. */
const struct host_swarm *host_p2p_list(struct host_p2p *, size_t *n);
uint64_t host_p2p_bytes(const struct host_p2p *);
void	host_p2p_free(struct host_p2p *);

/* ---- host_dl.c ---- */

struct host_dls;
struct host_dls *host_dls_new(struct tri_ctx *, size_t max_flows);
void	host_dls_feed(struct host_dls *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	host_dls_finish(struct host_dls *);
/* Downloads of programs found, in capture order. */
const struct host_dl *host_dls_list(const struct host_dls *, size_t *n);
/* The address that received download i. */
const struct fl_addr *host_dls_client(const struct host_dls *, size_t i);
void	host_dls_free(struct host_dls *);

/*
 * The body of a chunked HTTP message (RFC 9112 7.1) without its framing,
 * into out (at most cap bytes): the bytes written, and *whole when the
 * last chunk was reached within in.
 */
size_t	host_dechunk(const uint8_t *in, size_t len, uint8_t *out, size_t cap, bool *whole);
/* "PE" (MZ and its PE signature), "ELF", or NULL. */
const char *host_exe_magic(const uint8_t *p, size_t len);

#endif
