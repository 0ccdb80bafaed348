/*
 * probe-report's model: a probe result (the JSON envelope any command
 * writes) read back into what a manager needs first (what is wrong, in
 * plain words; who must act; how sure we are) and what the engineer
 * needs below it (the place, the evidence, the run).  The result files
 * are input like any other: every field is checked for type and range,
 * and a hostile string stays a string (the renderers escape it).
 *
 * model.c reads them; html.c (with the svg_*.c pictures) and text.c
 * turn the items into a page, written only to the stream they are given.
 */
#ifndef FL_REPORT_H
#define FL_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analyze/packet/addr.h"
#include "analyze/report/actor.h"		/* who must act */
#include "analyze/report/escape.h"		/* escaping of untrusted strings */
#include "analyze/report/json_read.h"	/* rp_str, rp_int...: checked reads */
#include "analyze/report/owners.h"		/* --owners FILE */

/* A place on the path, and who runs it as far as the evidence goes. */
struct rp_place {
	bool		set;
	int		hop;		/* 0: this machine; -1 unknown */
	char		address[FL_ADDRSTRLEN];
	char		name[256];	/* reverse DNS, "" when none */
	char		owner[128];	/* who runs it, "" when unknown */
	char		claim[320];	/* the evidence for owner */
	enum rp_actor	actor;		/* who acts for a fault here */
	char		text[720];	/* "our gateway 198.18.0.2, 1 hop out", "a router at X, 3 hops out" */
};

enum rp_tool { RT_PTRACE, RT_SYN, RT_HTTP, RT_TRIAGE };

/* One result, read. */
struct rp_item {
	const json_t	*root;		/* borrowed: the renderers read the details */
	const char	*file;		/* where it came from (for the page) */
	enum rp_tool	 tool;
	const char	*tool_name;
	char		 target[300];	/* host, host:port or URL, for sentences */
	char		 fault[12];	/* none, client, path, server, unknown */
	char		 kind[40];
	char		 cause[40];	/* ptrace-slow: the verdict's cause, "" when none */
	bool		 is_fault;
	char		 confidence[12];	/* certain, likely, ambiguous */
	char		 confidence_reason[400];
	char		 headline[1600];	/* the conclusion, in plain words */
	enum rp_actor	 actor;
	char		 actor_text[2400];	/* who should act, and what to do */
	struct rp_place	 place;		/* where, when the fault has a place */
	struct rp_place	 place_from;	/* a link's other end (ptrace-slow: its near end) */
	char		 summary[1200];	/* the tool's own, for the engineer */
	uint32_t	 frames[64];	/* the evidence's frame numbers, sorted, unique */
	size_t		 nframes;
	char		 filter[700];	/* Wireshark display filter for them */
};

/* Labels for the table and the page. */
const char *rp_status_word(const struct rp_item *);	/* "Fault on the network path" */
const char *rp_actor_name(enum rp_actor);

/* ptrace-slow: the verdict blames a link (congested, lossy-link, slow-link). */
bool	rp_blames_link(const struct rp_item *);
/* ... for delay that every later hop carries (congested, slow-link). */
bool	rp_blames_delay(const struct rp_item *);

/*
 * Read one result.  root must stay alive while the item is used.
 * -1 when root is not a faultline result, with the reason in err.
 */
int	rp_item_read(const json_t *root, const char *file, const struct rp_owners *,
	    struct rp_item *, char *err, size_t errlen);

/* How a report is written. */
enum rp_format { RF_HTML, RF_MD, RF_TXT };

/* The format a file name asks for: .md, .txt (or .text), else HTML. */
enum rp_format report_format_for(const char *path);

struct rp_meta {
	const char	*title;		/* NULL: a default */
	int64_t		 generated_ns;	/* when the report was written */
	const char	*generator;	/* "probe-report 0.1.0" */
};

/* The whole report, to out; -1 on a write error. */
int	report_write(FILE *out, enum rp_format, const struct rp_item *, size_t n,
	    const struct rp_meta *);

/* html.c */
int	report_html(FILE *out, const struct rp_item *, size_t n, const struct rp_meta *);
/* text.c: Markdown, or plain text (md == false). */
int	report_text(FILE *out, const struct rp_item *, size_t n, const struct rp_meta *, bool md);

/*
 * The pictures, as inline SVG, one file each (svg_chain.c ... svg_waterfall.c);
 * each writes nothing when it has nothing to draw.
 */
void	rp_svg_path_chain(FILE *out, const struct rp_item *);
void	rp_svg_latency(FILE *out, const struct rp_item *);
void	rp_svg_loss(FILE *out, const struct rp_item *);
void	rp_svg_boxes(FILE *out, const struct rp_item *);
void	rp_svg_waterfall(FILE *out, const struct rp_item *);
/* ptrace-slow's latency budget: what each link adds to the round trip (svg_budget.c). */
void	rp_svg_budget(FILE *out, const struct rp_item *);
/* pcap-triage's connections over the capture's time (svg_timeline.c). */
void	rp_svg_timeline(FILE *out, const struct rp_item *);
/* One connection's where-the-time-goes bar, width px, scaled so that scale_ms fills it. */
void	rp_svg_time_bar(FILE *out, const json_t *conn, double scale_ms, int width);

/* pcap-triage (triage.c): who acts for the verdict's device, and the page's tables. */
void	rp_triage_place(const json_t *root, const struct rp_owners *, struct rp_item *);
void	rp_triage_html(FILE *out, const struct rp_item *);
/* The connections worth a row: failed or faulted first, then the slowest; n kept. */
size_t	rp_triage_conns(const json_t *root, const json_t **v, size_t max);
/* A connection that failed (not an outsider's attempt on this host), or a fault came from. */
bool	rp_triage_conn_bad(const json_t *root, const json_t *conn);
/* Who acts for the verdict, and what to do. */
void	rp_triage_who(struct rp_item *);

#endif
