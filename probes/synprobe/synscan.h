/*
 * synprobe's schedule.  At the start, all at once: a crafted SYN to the
 * port, the kernel's own connect() to it, an echo request, SYNs to the
 * control ports, and TTL-limited SYNs and echo requests for every TTL.
 * The SYN is retried after an adaptive timeout (4 x the slowest reply
 * seen, between a floor and a ceiling); when the host gives no sign of
 * life the run waits long enough for the last router's ARP to give up.
 * When the port accepts and the server speaks first, the banner is read
 * (and an FTP login tried when asked).
 */
#ifndef FL_SYNSCAN_H
#define FL_SYNSCAN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/synprobe/infer.h"
#include "probes/wire/capture.h"
#include "probes/wire/craft.h"

#define SYN_MAX_TRIES	10

struct syn_cfg {
	struct fl_addr	 dst;
	uint16_t	 port;
	uint16_t	 controls[SYN_MAX_CTRL];
	int		 ncontrols;
	int		 max_ttl;
	int		 attempts;
	uint16_t	 sports[SYN_MAX_TRIES];	/* a fresh source port per SYN attempt */
	double		 wait_min, wait_max;	/* bounds of the adaptive timeout, s */
	double		 host_wait;		/* how long a silent host may take, s */
	double		 banner_wait;		/* s */
	bool		 banner_expected;
	const char	*ftp_user, *ftp_pass;
	volatile sig_atomic_t *stop;
	/*
	 * Who reads the captured frames: synprobe's readers (its notes into
	 * the run's syn_local, then the correlator), or postprobe's, which
	 * read its streams from the same capture too.
	 */
	const struct readers *readers;
};

/*
 * Run the probes.  Every frame goes to cfg->readers (which feed c and
 * the notes in *l); what is seen outside the capture lands in *l too.  Returns 0, or -1 with err filled
 * when the capture fails (a refused send is an observation, not an
 * error).
 */
int	syn_run(const struct syn_cfg *, struct craft *, struct capture *, struct corr *,
	    struct syn_local *l, char *err, size_t errlen);

/* The filter admitting this run's traffic, its ICMP errors and ARP. */
int	syn_filter(const struct fl_addr *src, const struct fl_addr *dst, char *buf, size_t len);

#endif
