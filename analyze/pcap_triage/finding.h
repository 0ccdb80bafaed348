/*
 * pcap-triage's findings: each labelled problem or fact a reader finds
 * (fault, warning or note), the side and the device it concerns, the
 * frames that show it, its key figures and one plain sentence; and the
 * ranking that picks the top verdict in dependency order (link, ARP,
 * DHCP, IP, DNS, TCP, TLS, application: the earliest failure explains
 * the ones after it).  Readers fill findings; renderers print them.
 */
#ifndef FL_TRIAGE_FINDING_H
#define FL_TRIAGE_FINDING_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/common/verdict.h"
#include "analyze/packet/addr.h"

enum tri_sev { TRI_FAULT, TRI_WARNING, TRI_NOTE };

/*
 * The layer a finding belongs to, in the order of dependency.  The
 * capture's own defects come last: they are never a network fault; nor
 * are the host layer's security findings (host.h), never faults either.
 */
enum tri_layer {
	TL_LINK, TL_ARP, TL_DHCP, TL_IP, TL_DNS, TL_TCP, TL_TLS, TL_APP, TL_HOST, TL_CAPTURE, TL_COUNT
};

/* Who a finding is about. */
enum tri_who {
	TW_NONE,
	TW_HOST,	/* this host: the capture's own machine */
	TW_GATEWAY,	/* the gateway of this host's network */
	TW_LAN,		/* a host on this host's network */
	TW_ROUTER,	/* a router at an address */
	TW_RESOLVER,	/* a DNS resolver */
	TW_DHCP,	/* a DHCP server */
	TW_CLIENT,	/* the client of a connection */
	TW_SERVER,	/* the server of a connection */
	TW_PATH,	/* the path between two ends */
	TW_CAPTURE	/* the capture itself */
};

#define TRI_MAX_FIGS	8
#define TRI_MAX_EV	12	/* evidence frames kept per finding */
#define TRI_MAX_FINDINGS 512	/* findings kept; more are counted, not kept */

struct tri_fig {
	const char	*name;		/* static: "handshake_ms", "retransmissions" */
	double		 v;
};

struct tri_finding {
	enum tri_sev	 sev;
	enum tri_layer	 layer;
	const char	*kind;		/* static: "dns-nxdomain", "zero-window", ... */
	enum fault	 side;		/* whose fault (FAULT_NONE for notes and capture defects) */
	enum confidence	 conf;
	enum tri_who	 who;
	struct fl_addr	 addr;		/* the device or side named, when it has an address */
	uint16_t	 port;		/* the service, when one is concerned (0 none) */
	char		 device[128];	/* "the resolver 8.8.8.8", "a router at 10.2.99.99" */
	char		 summary[600];	/* one plain sentence (or two) */
	struct tri_fig	 fig[TRI_MAX_FIGS];
	int		 nfig;
	struct evidence_list ev;
	uint32_t	 count;		/* occurrences merged into this finding */
	uint32_t	 first_frame;
	int64_t		 first_ts;
	int		 point;		/* the capture point (0, or 1 for a second point) */
	int		 rank;		/* within a layer, higher first (the host layer's chain); 0 */
};

struct tri_findings {
	struct tri_finding *v;
	size_t		 n, cap;
	uint64_t	 not_kept;	/* past TRI_MAX_FINDINGS */
	bool		 oom;
};

/*
 * A new finding, merged with an earlier one of the same kind, layer,
 * address and port (count goes up, the frames are added): NULL when it
 * cannot be kept (counted in not_kept) or memory ran out.  The caller
 * fills the rest; *merged tells whether it was already there (then the
 * sentence and figures are the first occurrence's unless rewritten).
 */
struct tri_finding *tri_finding_add(struct tri_findings *, enum tri_sev, enum tri_layer,
	    const char *kind, const struct fl_addr *addr, uint16_t port, uint32_t frame,
	    int64_t ts, bool *merged);

/* Set the side, who, device text (printf-style) and confidence. */
void	tri_finding_who(struct tri_finding *, enum fault side, enum tri_who who,
	    enum confidence conf, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	tri_finding_say(struct tri_finding *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A key figure (replaced when the name is already there). */
void	tri_finding_fig(struct tri_finding *, const char *name, double v);
/* Cite a frame (at most TRI_MAX_EV are kept). */
void	tri_finding_ev(struct tri_finding *, uint32_t frame, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The figure's value, or NaN when absent. */
double	tri_finding_get(const struct tri_finding *, const char *name);

/* Faults first, then warnings, then notes; in each, by layer, then time. */
void	tri_findings_rank(struct tri_findings *);
/* The first fault after ranking, or NULL. */
const struct tri_finding *tri_findings_top(const struct tri_findings *);
void	tri_findings_free(struct tri_findings *);

const char *tri_sev_name(enum tri_sev);		/* "fault", "warning", "note" */
const char *tri_layer_name(enum tri_layer);	/* "link", "arp", ..., "capture" */
const char *tri_who_name(enum tri_who);		/* "this-host", "gateway", ... */

#endif
