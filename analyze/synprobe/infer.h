/*
 * synprobe's inference: whose fault it is that a TCP connection cannot
 * be made (this host, the path, or the server), which device, how sure,
 * and the packets that prove it.  The rules read what the capture holds
 * (the SYN test, control probes, TTL-limited probes) plus what the live
 * run saw outside the capture (struct syn_local).
 */
#ifndef FL_INFER_SYN_H
#define FL_INFER_SYN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"
#include "analyze/flow/correlate.h"
#include "analyze/packet/decode.h"
#include "analyze/common/verdict.h"

#define SYN_MAX_TTL	64
#define SYN_MAX_CTRL	8
#define SYN_MAX_ATT	32

/* What the run is about. */
struct syn_plan {
	struct fl_addr	src, dst;
	uint16_t	port;
	int		full_ttl;	/* probes at or above this TTL are not TTL-limited (32) */
};

#define SYN_MAX_FLOWS	16
#define SYN_MAX_ARP	8

/*
 * A TCP connection as the wire shows it, for reading a saved capture
 * the way a live run reads its own connect(): did the client ever
 * acknowledge the SYN-ACK, did the server say anything?
 */
struct syn_flow {
	struct fl_addr	cli, srv;
	uint16_t	cport, sport;
	int64_t		syn_ts, synack_ts, cli_ack_ts, cli_rst_ts, cli_fin_ts, srv_data_ts;
	uint32_t	synack_frame, srv_data_frame, cli_end_frame;
	uint32_t	syns_after_synack;	/* the client kept sending SYNs */
	char		srv_line[120];		/* first line the server sent */
};

struct syn_arp {
	struct fl_addr	who;			/* asked for */
	uint32_t	requests, replies, frame;
};

/*
 * What a live run observed outside the capture.  A saved capture has
 * none of it (live == false) and the rules use the wire alone, through
 * the flows, ARP and quotes noted while it was read.
 */
struct syn_local {
	bool		live;
	/* name resolution */
	bool		dns_looked_up, dns_failed;
	char		dns_status[24], dns_detail[160];
	char		dns_resolver[FL_ADDRSTRLEN];
	double		dns_ms;
	/* this host's route and gateway */
	bool		no_route;
	char		route_detail[80];
	char		ifname[16];
	struct fl_addr	gateway;	/* unset when the target is on-link */
	char		gw_state[16];	/* neighbour state after the probes */
	/* sending */
	int		send_errno;	/* first hard error sending a probe, or 0 */
	uint32_t	sent;
	uint16_t	raw_sport, echo_id;
	/* ARP for the next hop seen in the capture (live or saved) */
	struct fl_addr	arp_for;	/* the gateway, or the target when on-link */
	uint32_t	arp_requests, arp_replies, arp_frame;
	/* noted from the wire, for saved captures */
	struct syn_flow	flows[SYN_MAX_FLOWS];
	int		nflows;
	struct syn_arp	arp[SYN_MAX_ARP];
	int		narp;
	struct fl_addr	quoted_src, quoted_dst;	/* a SYN quoted by an ICMP error */
	uint16_t	quoted_port;
	/* the kernel's own connect() to the port */
	bool		conn_tried;
	char		conn_result[16];	/* connected, refused, timeout, unreachable, eperm (refused to send), prohibited (answered so), ... */
	int		conn_errno;
	double		conn_ms;
	uint16_t	conn_sport;
	/* the application, where the server speaks first */
	bool		banner_expected, banner_received;
	char		banner[200];
	double		banner_ms;
	bool		login_tried;
	int		login_code;	/* the FTP reply code to PASS (230 ok) */
	char		login_line[200];
	double		duration_s;
};

/* One full-TTL SYN to the port (ours or the kernel's) and its answer. */
struct syn_attempt {
	uint32_t	frame, reply_frame;
	int64_t		ts;
	uint16_t	sport;
	uint32_t	seq;
	uint8_t		ttl;
	bool		kernel;		/* sent by connect(), not crafted */
	enum reply_kind	answer;		/* RK_NONE when unanswered */
	uint8_t		icmp_type, icmp_code;
	struct fl_addr	from;
	uint8_t		reply_ttl;
	uint16_t	reply_ipid;
	double		rtt_ms;
};

struct syn_probe_obs {
	bool		sent;
	uint32_t	frame, reply_frame;
	enum reply_kind	answer;
	uint8_t		icmp_type, icmp_code;
	struct fl_addr	from;
	uint8_t		reply_ttl;
	double		rtt_ms;
};

struct syn_control {
	uint16_t	port;
	struct syn_probe_obs o;
};

struct syn_result {
	struct syn_plan	plan;
	struct syn_attempt att[SYN_MAX_ATT];
	int		natt;
	struct syn_probe_obs ping;	/* the first answered full-TTL echo */
	uint32_t	ping_sent, ping_received;
	struct syn_control ctl[SYN_MAX_CTRL];
	int		nctl;
	struct syn_probe_obs path_syn[SYN_MAX_TTL + 1], path_icmp[SYN_MAX_TTL + 1];
	int		path_max;	/* largest TTL probed */
	int		host_ttl;	/* the host's distance in hops, -1 unknown */
	bool		host_alive;	/* something answered from the host itself */
	int		last_syn_hop;	/* last TTL whose limited SYN a router answered, 0 none */
	int		last_icmp_hop;	/* same for limited echoes */
	struct verdict	v;
	char		caveat[300];	/* two-sided: the captures are not one attempt */
	struct evidence_list ev;
	/* two-sided reading */
	bool		two_sided;
	uint32_t	server_syns, server_replies;
};

/*
 * Read one capture (live or saved): c holds our probes (or, for a
 * saved capture, whatever it held).  Returns 0, or -1 when out of memory.
 */
int	infer_syn(const struct corr *c, const struct syn_plan *, const struct syn_local *,
	    struct syn_result *, char *err, size_t errlen);

/*
 * The two captures of one problem: the client's and the server's.
 * Decides whether the SYNs reached the server and whether anything left
 * it, and says when the two files are not the same attempt.
 */
int	infer_syn_two_sided(const struct corr *client, const struct corr *server,
	    const struct syn_plan *, struct syn_result *, char *err, size_t errlen);

/*
 * Note what synprobe reads outside the correlator from a captured frame:
 * ARP (for local->arp_for, and every target), TCP connections, and SYNs
 * quoted by ICMP errors.  Called for every frame, live or saved.
 */
void	syn_note_frame(struct syn_local *, uint32_t frame, int64_t ts, const struct dec_pkt *);

/* Ports where the server speaks first (FTP, SSH, SMTP, POP3, IMAP...). */
bool	syn_speaks_first(uint16_t port);

/*
 * The target of a saved capture: the host and port most SYNs went to,
 * or else a SYN an ICMP error quoted (local->quoted_*; l may be NULL).
 * Returns false when the capture shows no SYN at all.
 */
bool	syn_guess_target(const struct corr *, const struct syn_local *, struct syn_plan *);

void	syn_result_free(struct syn_result *);

#endif
