/*
 * A live run's start and end, the same for every probe command.  Start:
 * the raw socket, the capture handle (with a first filter), every output
 * file (a temporary file beside each, probes/cli/outfile.h), then the
 * drop of privileges, checked; nothing from the network is parsed before
 * it (the OpenBSD traceroute order).  End: the kernel's
 * counters, the -w file finished, the capture's facts in the envelope.
 * Failures exit with the status man pages document.
 */
#ifndef FL_LIVE_H
#define FL_LIVE_H

#include <stdbool.h>

#include <libnet.h>

#include "analyze/common/envelope.h"
#include "probes/cli/reportfile.h"
#include "probes/wire/capture.h"

struct live_cfg {
	const char	*iface;		/* -i; NULL: capture on "any", send by the route */
	int		 snaplen;
	bool		 immediate;	/* deliver each packet at once (probes) */
	int		 ring_mb;
	const char	*filter;	/* before the drop; NULL: none yet */
	const char	*wfile;		/* -w; NULL: none */
	struct report_file *rf;		/* --report; NULL: none */
};

struct live {
	libnet_t	*ln;
	/*
	 * IPv6's raw socket, opened beside IPv4's before the drop since a
	 * name's family is known only once it is resolved; NULL when this
	 * host cannot open one (ln6_err says why).
	 */
	libnet_t	*ln6;
	char		 ln6_err[256];
	struct capture	 cap;
	const char	*wfile;
};

/*
 * A probe command's start, after its options: the report file's set-up
 * (--report, --owners; the capture kept beside the report unless -w
 * names one: *wfile may be pointed at it, NULL for -r), and the
 * envelope's tool and start time.  Exits on a bad report name or owners
 * file.  The command's options go into the envelope after this, since
 * the report may have named the capture.
 */
void	live_start(struct fl_envelope *, struct report_file *, const char *tool,
	    const char *report, const char *owners, const char **wfile);

/* Open everything, then drop privileges.  Exits 77, 71 or 73 on failure. */
void	live_open(struct live *, const struct live_cfg *);

/*
 * The probes are done: the kernel's drop counters and the -w file's
 * facts (written, its hash, its frames) into env, the file finished
 * (exit 74 when it cannot be).  It replaces the old -w file only when
 * the run ends well (probes/cli/outfile.h): an error exit after this
 * still leaves the old one as it was.
 */
void	live_finish(struct live *, struct fl_envelope *);

void	live_close(struct live *);

#endif
