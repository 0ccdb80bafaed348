/*
 * The words every command's verdict is written in: whose fault it is
 * (this host, the path, the server), how sure, the two ends of a link,
 * and the frames that prove it.  Each command adds its own kinds;
 * renderers and the report read these.
 */
#ifndef FL_VERDICT_H
#define FL_VERDICT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"

enum fault { FAULT_NONE, FAULT_CLIENT, FAULT_PATH, FAULT_SERVER, FAULT_UNKNOWN };
enum confidence { CONF_CERTAIN, CONF_LIKELY, CONF_AMBIGUOUS };

/* One end of a link; ttl 0 is this host. */
struct link_end {
	int		ttl;
	struct fl_addr	addr;
};

/*
 * A verdict as synprobe and postprobe give it (ptrace-slow's path verdict
 * has its own kinds and figures, and maps onto these words in the
 * report).  kind is a static string: "filtered-on-path", "ok", ...
 */
struct verdict {
	enum fault	 fault;
	const char	*kind;
	int		 hop;		/* 0: none */
	struct fl_addr	 addr;
	bool		 has_link;
	struct link_end	 from, to;
	enum confidence	 confidence;
	char		 confidence_reason[400];
	char		 summary[600];
};

/* Frames of a second capture (the server's, two-sided) count from here. */
#define EVIDENCE_SERVER_FRAME	0x80000000u

struct evidence {
	uint32_t	frame;		/* >= EVIDENCE_SERVER_FRAME: in the server's capture */
	char		summary[200];
};

/* The frames behind a verdict, in the order they were cited. */
struct evidence_list {
	struct evidence	*v;
	size_t		 n, cap;
};

/*
 * Cite a frame, with a line saying what it shows (printf-style); frame 0
 * and a frame already cited are left out.  0, or -1 out of memory.
 */
int	evidence_add(struct evidence_list *, uint32_t frame, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	evidence_vadd(struct evidence_list *, uint32_t frame, const char *fmt, va_list ap);
void	evidence_free(struct evidence_list *);

/* "none", "client", "path", "server", "unknown" */
const char *fault_name(enum fault);
/* "certain", "likely", "ambiguous" */
const char *confidence_name(enum confidence);

/* An address as text for a sentence, "?" when unset; buf is FL_ADDRSTRLEN long. */
const char *verdict_addr(const struct fl_addr *, char *buf);

#endif
