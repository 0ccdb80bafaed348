/*
 * Capture: a live libpcap handle or a saved file, delivered frame by
 * frame (numbered from 1 as Wireshark numbers them) to the same
 * callback, optionally written to a pcap file whose SHA-256 is computed
 * as it is written.  Reading a file hashes it the same way.
 */
#ifndef FL_CAPTURE_H
#define FL_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

struct fl_sha256;

struct capture_frame {
	uint32_t	frame;
	int64_t		ts;		/* ns since the epoch */
	const uint8_t	*data;
	uint32_t	caplen, len;
	int		linktype;
	bool		ts_clamped;	/* the record's timestamp was out of range */
};

typedef void (*capture_cb)(void *ctx, const struct capture_frame *);

struct capture {
	pcap_t		*p;
	int		 linktype;
	bool		 live;
	uint32_t	 frames;
	/* writing (-w) */
	FILE		*wfp;
	pcap_dumper_t	*dump;
	struct fl_sha256 *wsha;
	int		 wfd;
	bool		 werror;
	bool		 aborting;	/* discard whatever is still buffered */
	/* reading (-r) */
	FILE		*rin;		/* the file given to capture_offline() */
	FILE		*rfp;		/* hashing stream libpcap reads */
	int		 rfd;
	struct fl_sha256 *rsha;
	bool		 file_cut;	/* the file ended inside a record */
	char		 file_err[256];
	char		 sha256[65];	/* of the file read or written */
};

void	capture_init(struct capture *);

/* Take an activated live handle; sets non-blocking mode. */
int	capture_live(struct capture *, pcap_t *p, char *err, size_t errlen);

/*
 * Open a saved capture (pcap or pcapng, any link type) from a stream,
 * which the capture then owns (closed by capture_close()).
 */
int	capture_offline(struct capture *, FILE *in, char *err, size_t errlen);

int	capture_filter(struct capture *, const char *expr, char *err, size_t errlen);

/*
 * Write every delivered frame to fd as pcap: the -w file's temporary
 * file (probes/cli/outfile.h), which its run commits or discards.
 */
int	capture_write_to(struct capture *, int fd, char *err, size_t errlen);

/* Descriptor to poll() on for a live capture. */
int	capture_fd(const struct capture *);

/* Live: deliver what is ready (at most max frames). Returns count or -1. */
int	capture_dispatch(struct capture *, int max, capture_cb, void *ctx, char *err, size_t errlen);

/* Live: deliver everything that comes in for wait_s seconds.  0 or -1. */
int	capture_pump(struct capture *, double wait_s, capture_cb, void *ctx, char *err,
	    size_t errlen);

/*
 * File: deliver every frame.  A file cut inside a record is not fatal
 * (file_cut and file_err say where); an unreadable file is.
 */
int	capture_read_all(struct capture *, capture_cb, void *ctx, char *err, size_t errlen);

/* Kernel drop counters for a live capture. */
int	capture_drops(struct capture *, unsigned int *recv, unsigned int *drop,
	    unsigned int *ifdrop);

/* Flush and close the written file; sha256 is then valid. */
int	capture_finish_write(struct capture *, char *err, size_t errlen);

/* A failed run: stop writing, whatever is still buffered discarded with the file. */
void	capture_abort_write(struct capture *);
/* The same for cli_on_die(): ctx is the struct capture written to. */
void	capture_abort_hook(void *ctx);

void	capture_close(struct capture *);

#endif
