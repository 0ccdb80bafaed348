/*
 * pcap-triage's reading of one capture point: its readers in order (the
 * shared context; the capture's defects, so that copies of frames reach
 * no one after it; then link, names, ICMP, TCP and the applications),
 * fed once per frame, then judged at the end: the findings ranked and
 * the top verdict chosen in dependency order (finding.h).
 *
 * Several files from one capture point are one timeline: feed them all
 * through the same readers, frames numbered on across the files.  Two
 * capture points are two triages, compared by compare.c.
 */
#ifndef FL_TRIAGE_H
#define FL_TRIAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "analyze/common/readers.h"
#include "analyze/common/verdict.h"
#include "analyze/pcap_triage/capture.h"
#include "analyze/pcap_triage/context.h"
#include "analyze/pcap_triage/host.h"
#include "analyze/pcap_triage/readers.h"
#include "analyze/pcap_triage/tcp.h"

struct triage {
	struct tri_ctx	 ctx;
	struct cdef	*cdef;
	struct tri_link	*link;
	struct tri_names *names;
	struct tri_icmp	*icmp;
	struct tri_tcp	*tcp;
	struct tri_apps	*apps;
	struct tri_hostr *host;		/* this host as a suspect (host.h) */
	bool		 finished;
	struct readers	 rd;		/* its readers, behind the one triage_readers() adds */
	/* the result, after triage_finish() */
	struct verdict	 v;
	const struct tri_finding *top;
	uint32_t	 faults, warnings, notes;
	unsigned int	 kernel_recv, kernel_drop;
};

/* NULL when out of memory.  point: 0, or 1 for a second capture point. */
struct triage *triage_new(const struct tri_opts *, int point);
/*
 * One reader into r that hands every frame to the triage's readers, in
 * order, and claims none: pcap-triage's only reader, and in front of
 * another command's readers (synprobe's, postprobe's), which see every
 * frame as they would without it while the triage sees every frame
 * whatever they claim.  Put it first.
 */
void	triage_readers(struct triage *, struct readers *r);
/* A live capture's kernel counters: packets the kernel dropped are a defect of the capture. */
void	triage_kernel_drops(struct triage *, unsigned int recv, unsigned int drop);
/* The end of the capture: everything still open is judged, findings ranked, the verdict set. */
void	triage_finish(struct triage *);
void	triage_free(struct triage *);

/* Whether the capture held anything this reads (IPv4, IPv6 or ARP frames). */
bool	triage_readable(const struct triage *);

#endif
