/*
 * libpcap plumbing shared by every command: live and saved captures
 * through one callback, and the hashing streams behind -w and -r.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "probes/wire/capture.h"
#include "analyze/common/digest.h"

void
capture_init(struct capture *c)
{
	memset(c, 0, sizeof(*c));
	c->wfd = -1;
	c->rfd = -1;
}

/* fopencookie() write side: to the descriptor, through the hash. */
static ssize_t
hash_write(void *cookie, const char *buf, size_t n)
{
	struct capture *c = cookie;
	size_t done = 0;
	ssize_t w;

	if (c->aborting)
		return (ssize_t)n;
	while (done < n) {
		w = write(c->wfd, buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			c->werror = true;
			return -1;
		}
		done += (size_t)w;
	}
	fl_sha256_update(c->wsha, buf, n);
	return (ssize_t)n;
}

static int
hash_wclose(void *cookie)
{
	struct capture *c = cookie;
	int rc = 0;

	if (c->wfd >= 0 && !c->aborting && fsync(c->wfd) != 0 &&
	    errno != EINVAL && errno != EROFS)
		c->werror = true;
	if (c->wfd >= 0 && close(c->wfd) != 0)
		rc = -1;
	c->wfd = -1;
	return c->werror ? -1 : rc;
}

/* fopencookie() read side: what libpcap reads is hashed as it goes. */
static ssize_t
hash_read(void *cookie, char *buf, size_t n)
{
	struct capture *c = cookie;
	ssize_t r;

	do
		r = read(c->rfd, buf, n);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		fl_sha256_update(c->rsha, buf, (size_t)r);
	return r;
}

static int
hash_rclose(void *cookie)
{
	(void)cookie;
	return 0;
}

int
capture_live(struct capture *c, pcap_t *p, char *err, size_t errlen)
{
	char perr[PCAP_ERRBUF_SIZE];

	c->p = p;
	c->live = true;
	c->linktype = pcap_datalink(p);
	if (pcap_setnonblock(p, 1, perr) != 0) {
		snprintf(err, errlen, "capture: %s", perr);
		return -1;
	}
	return 0;
}

int
capture_offline(struct capture *c, FILE *in, char *err, size_t errlen)
{
	cookie_io_functions_t io = { hash_read, NULL, NULL, hash_rclose };
	char perr[PCAP_ERRBUF_SIZE] = "";

	c->rin = in;
	c->rfd = fileno(in);
	c->rsha = fl_sha256_new();
	c->rfp = fopencookie(c, "rb", io);
	if (c->rfd < 0 || c->rsha == NULL || c->rfp == NULL) {
		snprintf(err, errlen, "cannot read the capture: %s", strerror(errno));
		return -1;
	}
	c->p = pcap_fopen_offline_with_tstamp_precision(c->rfp,
	    PCAP_TSTAMP_PRECISION_NANO, perr);
	if (c->p == NULL) {
		/* Unlike pcap_open_offline(), this leaves the stream open. */
		fclose(c->rfp);
		c->rfp = NULL;
		snprintf(err, errlen, "not a capture file libpcap can read (%s)", perr);
		return -1;
	}
	c->linktype = pcap_datalink(c->p);
	return 0;
}

int
capture_filter(struct capture *c, const char *expr, char *err, size_t errlen)
{
	struct bpf_program prog;

	if (pcap_compile(c->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		snprintf(err, errlen, "capture filter '%s': %s", expr, pcap_geterr(c->p));
		return -1;
	}
	if (pcap_setfilter(c->p, &prog) != 0) {
		snprintf(err, errlen, "capture filter: %s", pcap_geterr(c->p));
		pcap_freecode(&prog);
		return -1;
	}
	pcap_freecode(&prog);
	return 0;
}

int
capture_write_to(struct capture *c, int fd, char *err, size_t errlen)
{
	cookie_io_functions_t io = { NULL, hash_write, NULL, hash_wclose };

	c->wfd = fd;
	c->wsha = fl_sha256_new();
	c->wfp = fopencookie(c, "wb", io);
	if (c->wsha == NULL || c->wfp == NULL) {
		snprintf(err, errlen, "cannot write the capture: %s", strerror(errno));
		return -1;
	}
	c->dump = pcap_dump_fopen(c->p, c->wfp);
	if (c->dump == NULL) {
		snprintf(err, errlen, "cannot write the capture: %s", pcap_geterr(c->p));
		return -1;
	}
	return 0;
}

int
capture_fd(const struct capture *c)
{
	return c->p ? pcap_get_selectable_fd(c->p) : -1;
}

struct deliver {
	struct capture	*c;
	capture_cb		 cb;
	void		*ctx;
};

static void
deliver(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct deliver *d = (struct deliver *)user;
	struct capture_frame f;

	d->c->frames++;
	if (d->c->dump != NULL)
		pcap_dump((u_char *)d->c->dump, h, bytes);
	f.frame = d->c->frames;
	/*
	 * Opened at nanosecond precision: tv_usec holds nanoseconds.  A
	 * hostile file can hold any values; clamp them so the arithmetic on
	 * timestamps cannot overflow (up to the year 2255 is kept), and say
	 * so: a clamped stamp is a defect of the capture (frame_defects.h).
	 */
	{
		int64_t sec = h->ts.tv_sec, ns = h->ts.tv_usec;

		f.ts_clamped = sec < 0 || sec > 9000000000LL || ns < 0 || ns > 999999999;
		sec = sec < 0 ? 0 : sec > 9000000000LL ? 9000000000LL : sec;
		ns = ns < 0 ? 0 : ns > 999999999 ? 999999999 : ns;
		f.ts = sec * 1000000000 + ns;
	}
	f.data = bytes;
	f.caplen = h->caplen;
	f.len = h->len;
	f.linktype = d->c->linktype;
	d->cb(d->ctx, &f);
}

int
capture_dispatch(struct capture *c, int max, capture_cb cb, void *ctx, char *err, size_t errlen)
{
	struct deliver d = { c, cb, ctx };
	int n;

	n = pcap_dispatch(c->p, max, deliver, (u_char *)&d);
	if (n == PCAP_ERROR) {
		snprintf(err, errlen, "capture: %s", pcap_geterr(c->p));
		return -1;
	}
	return n < 0 ? 0 : n;
}

int
capture_pump(struct capture *c, double wait_s, capture_cb cb, void *ctx, char *err, size_t errlen)
{
	struct timespec now;
	struct pollfd pfd;
	int64_t end, t;

	clock_gettime(CLOCK_MONOTONIC, &now);
	end = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec + (int64_t)(wait_s * 1e9);
	pfd.fd = capture_fd(c);
	pfd.events = POLLIN;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		t = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
		if (t >= end)
			return 0;
		if (poll(&pfd, 1, 20) < 0 && errno != EINTR) {
			snprintf(err, errlen, "poll: %s", strerror(errno));
			return -1;
		}
		if (capture_dispatch(c, -1, cb, ctx, err, errlen) < 0)
			return -1;
	}
}

int
capture_read_all(struct capture *c, capture_cb cb, void *ctx, char *err, size_t errlen)
{
	struct deliver d = { c, cb, ctx };
	struct pcap_pkthdr *h;
	const u_char *bytes;
	char buf[8192];
	ssize_t r;
	int rc;

	while ((rc = pcap_next_ex(c->p, &h, &bytes)) == 1)
		deliver((u_char *)&d, h, bytes);
	if (rc == PCAP_ERROR) {
		c->file_cut = true;
		snprintf(c->file_err, sizeof(c->file_err), "%s", pcap_geterr(c->p));
	}
	/* Hash whatever libpcap did not read, so the digest is the file's. */
	for (;;) {
		r = read(c->rfd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		fl_sha256_update(c->rsha, buf, (size_t)r);
	}
	if (r < 0) {
		snprintf(err, errlen, "cannot read the capture: %s", strerror(errno));
		return -1;
	}
	fl_sha256_final(c->rsha, c->sha256);
	c->rsha = NULL;
	return 0;
}

int
capture_drops(struct capture *c, unsigned int *recv, unsigned int *drop, unsigned int *ifdrop)
{
	struct pcap_stat st;

	if (!c->live || pcap_stats(c->p, &st) != 0)
		return -1;
	*recv = st.ps_recv;
	*drop = st.ps_drop;
	*ifdrop = st.ps_ifdrop;
	return 0;
}

int
capture_finish_write(struct capture *c, char *err, size_t errlen)
{
	int rc;

	if (c->dump == NULL)
		return 0;
	if (pcap_dump_flush(c->dump) != 0)
		c->werror = true;
	/* pcap_dump_close() closes the stream, which closes the descriptor. */
	pcap_dump_close(c->dump);
	c->dump = NULL;
	c->wfp = NULL;
	rc = c->werror ? -1 : 0;
	if (rc != 0)
		snprintf(err, errlen, "error writing the capture file");
	fl_sha256_final(c->wsha, c->sha256);
	c->wsha = NULL;
	return rc;
}

void
capture_abort_hook(void *ctx)
{
	capture_abort_write(ctx);
}

void
capture_abort_write(struct capture *c)
{
	/* Nothing still buffered is written: the file is discarded whole (outfile.h). */
	c->aborting = true;
	if (c->dump != NULL) {
		pcap_dump_close(c->dump);
		c->dump = NULL;
		c->wfp = NULL;
	}
	fl_sha256_free(c->wsha);
	c->wsha = NULL;
}

void
capture_close(struct capture *c)
{
	if (c->dump != NULL)
		pcap_dump_close(c->dump);
	if (c->p != NULL)
		pcap_close(c->p);	/* closes rfp for offline handles */
	else if (c->rfp != NULL)
		fclose(c->rfp);
	if (c->rin != NULL && c->rin != stdin)
		fclose(c->rin);
	fl_sha256_free(c->wsha);
	fl_sha256_free(c->rsha);
	capture_init(c);
}
