/*
 * pcap-triage's readers, one module each, all fed once per frame in one
 * streaming pass (analyze/common/readers.h), each adding its findings to
 * the shared context (context.h):
 *
 *   link.c    ARP unanswered, address conflicts (RFC 5227), DHCP with no
 *             offer or a NAK, a gateway that sends nothing back
 *   names.c   DNS per query: answered, NXDOMAIN, SERVFAIL, REFUSED, no
 *             answer; which resolver; names for addresses
 *   icmp.c    ICMP errors with the router that sent them and what they
 *             quote; pings; traceroutes told from routing loops
 *   tcp.c     per connection: the handshake (synprobe's rules), where the
 *             time goes, retransmissions, windows, resets, rate limits
 *   apps.c    HTTP statuses, TLS alerts, FTP/SMTP/POP3/IMAP errors, UDP
 *             answered by port unreachable
 *
 * The capture's own defects are capture.c's (capture.h), a reader the
 * probe commands can use alone.  Each module: _new (NULL when out of
 * memory), _reader (the reader_fn), _finish (what is still open is
 * judged, at the end of the capture), _free.
 */
#ifndef FL_TRIAGE_READERS_H
#define FL_TRIAGE_READERS_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/packet/decode.h"
#include "analyze/pcap_triage/context.h"

struct tri_link;
struct tri_link	*tri_link_new(struct tri_ctx *);
bool	tri_link_reader(void *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	tri_link_finish(struct tri_link *);
void	tri_link_free(struct tri_link *);

/* DNS as names.c reads it, for the summary. */
struct tri_dns_stats {
	uint64_t	queries, answered, nxdomain, servfail, refused, unanswered, other_rcode;
	uint64_t	search_nx, empty;	/* NXDOMAIN for search-list expansions; empty answers */
	double		answer_ms_max, answer_ms_sum;
	uint64_t	resolvers;		/* distinct resolvers asked (of the first few) */
};
struct tri_names;
struct tri_names *tri_names_new(struct tri_ctx *);
bool	tri_names_reader(void *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	tri_names_finish(struct tri_names *);
const struct tri_dns_stats *tri_names_stats(const struct tri_names *);
void	tri_names_free(struct tri_names *);

struct tri_icmp;
struct tri_icmp	*tri_icmp_new(struct tri_ctx *);
bool	tri_icmp_reader(void *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	tri_icmp_finish(struct tri_icmp *);
void	tri_icmp_free(struct tri_icmp *);

struct tri_tcp;
struct tri_conn;
struct tri_tcp	*tri_tcp_new(struct tri_ctx *);
bool	tri_tcp_reader(void *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	tri_tcp_finish(struct tri_tcp *);
void	tri_tcp_free(struct tri_tcp *);

struct tri_apps;
struct tri_apps	*tri_apps_new(struct tri_ctx *);
bool	tri_apps_reader(void *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	tri_apps_finish(struct tri_apps *);
void	tri_apps_free(struct tri_apps *);

/* apps_udp.c, inside the apps reader: UDP services that never answer. */
struct app_udp;
struct app_udp	*app_udp_new(struct tri_ctx *);
void	app_udp_feed(struct app_udp *, uint32_t frame, int64_t ts, const struct dec_pkt *);
void	app_udp_finish(struct app_udp *);
void	app_udp_free(struct app_udp *);

#endif
