/*
 * Capture points read into their triages (see points.h).  The filter is
 * applied with pcap_offline_filter() frame by frame rather than set on
 * the handle, so that a frame keeps the number it has in its file (the
 * number Wireshark shows) whether or not the frames before it matched.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "probes/cli/cli.h"
#include "probes/cli/opts.h"
#include "probes/pcap_triage/points.h"

void
point_frame(void *ctx, const struct capture_frame *f)
{
	struct point *p = ctx;

	if (p->have_prog) {
		struct pcap_pkthdr h;

		memset(&h, 0, sizeof(h));
		h.ts.tv_sec = (time_t)(f->ts / 1000000000);
		h.ts.tv_usec = (suseconds_t)(f->ts % 1000000000 / 1000);
		h.caplen = f->caplen;
		h.len = f->len;
		if (pcap_offline_filter(&p->prog, &h, f->data) == 0)
			return;
	}
	if (f->ts > p->last_ts)
		p->last_ts = f->ts;
	readers_record(&p->rd, p->base + f->frame, f->ts, f->ts_clamped, f->data, f->caplen,
	    f->len, f->linktype);
}

void
point_init(struct point *p, const struct tri_opts *o, int which)
{
	memset(p, 0, sizeof(*p));
	p->t = triage_new(o, which);
	if (p->t == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	readers_init(&p->rd);
	triage_readers(p->t, &p->rd);
}

void
point_free(struct point *p)
{
	if (p->have_prog)
		pcap_freecode(&p->prog);
	p->have_prog = false;
	triage_free(p->t);
	p->t = NULL;
}

/* The filter compiled for a file's link type. */
static void
compile(struct point *p, int linktype, const char *expr)
{
	pcap_t *dead;

	if (expr == NULL || (p->have_prog && p->prog_linktype == linktype))
		return;
	if (p->have_prog)
		pcap_freecode(&p->prog);
	p->have_prog = false;
	dead = pcap_open_dead(linktype, POINT_SNAPLEN);
	if (dead == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	if (pcap_compile(dead, &p->prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0)
		cli_die(FL_EXIT_USAGE, "filter '%s': %s", expr, pcap_geterr(dead));
	pcap_close(dead);
	p->have_prog = true;
	p->prog_linktype = linktype;
}

int64_t
point_first_ts(struct point_input *in)
{
	char err[PCAP_ERRBUF_SIZE] = "";
	struct pcap_pkthdr *h;
	const u_char *d;
	int64_t ts = 0;
	FILE *g;
	pcap_t *p;
	int fd;

	if (in->in == stdin)
		return 0;
	fd = dup(fileno(in->in));
	if (fd < 0 || (g = fdopen(fd, "rb")) == NULL)
		cli_die(FL_EXIT_OSERR, "%s: %s", in->path, strerror(errno));
	p = pcap_fopen_offline_with_tstamp_precision(g, PCAP_TSTAMP_PRECISION_NANO, err);
	if (p == NULL) {
		fclose(g);
		cli_die(FL_EXIT_DATAERR, "%s: not a capture file libpcap can read (%s)", in->path, err);
	}
	if (pcap_next_ex(p, &h, &d) == 1)
		ts = (int64_t)h->ts.tv_sec * 1000000000 + h->ts.tv_usec;
	pcap_close(p);
	/* The descriptor was shared: the file goes back to its start for the real reading. */
	if (fseek(in->in, 0, SEEK_SET) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: cannot be read twice: %s", in->path, strerror(errno));
	return ts;
}

static void
point_close_hook(void *cap)
{
	capture_close(cap);
}

void
point_read(struct point *p, struct point_input *in, const char *expr, struct fl_envelope *env)
{
	struct capture cap;
	struct tri_file *tf;
	char err[512];

	if (p->nfiles >= POINT_MAX_FILES)
		cli_die(FL_EXIT_USAGE, "at most %d files a point", POINT_MAX_FILES);
	capture_init(&cap);
	/* Closed by an exit too (compile()'s for a bad filter among them): nothing leaks. */
	cli_on_die(point_close_hook, &cap);
	if (capture_offline(&cap, in->in, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", in->path, err);
	compile(p, cap.linktype, expr);
	if (capture_read_all(&cap, point_frame, p, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", in->path, err);
	cli_off_die(point_close_hook, &cap);
	tf = &p->files[p->nfiles++];
	tf->path = in->path;
	memcpy(tf->sha256, cap.sha256, sizeof(tf->sha256));
	tf->first_frame = p->base + 1;
	tf->frames = cap.frames;
	tf->cut = cap.file_cut;
	snprintf(tf->cut_why, sizeof(tf->cut_why), "%s", cap.file_cut ? cap.file_err : "");
	p->base += cap.frames;
	if (env->capture_file == NULL) {
		env->capture_file = in->path;
		env->capture_mode = "read";
		env->file_cut = cap.file_cut;
		env->file_err = tf->cut && tf->cut_why[0] ? tf->cut_why : NULL;
	}
	env->frames += cap.frames;
	capture_close(&cap);
}
