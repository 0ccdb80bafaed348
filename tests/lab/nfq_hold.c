/*
 * nfq_hold.c: delay and loss for lab links, on kernels built without netem.
 *
 * An iptables NFQUEUE rule hands each matching packet to this program.  It
 * drops LOSS percent of them at once and gives the rest back to the kernel
 * DELAY ms (plus a uniform 0..JITTER ms) after they arrived.  The kernel keeps
 * a held packet queued until its verdict comes, so verdicts go out in release
 * order rather than packet-id order; a min-heap keyed on (release time,
 * arrival number) picks the next one, which keeps packets of equal delay in
 * the order they came.  With -o the release time never goes backwards, so
 * jitter stretches gaps between packets but never reorders them.
 *
 * With -b RATE_KBIT the holder is also a slow link: each packet first waits
 * for the link to finish sending the packets before it, then takes its own
 * length over RATE to send (serialisation), and only then starts its DELAY.
 * tbf cannot stand in for this: it lets a sparse probe through at once, so a
 * probe crossing a tbf link sees no step at all, while on a real 1 Mbit/s
 * link a 1500-byte packet takes 12 ms more than a 60-byte one.  The length
 * is the IP packet's (IPv4 total length, IPv6 40 + payload length), read
 * from the first bytes the kernel copies; link-layer framing is not
 * counted.  GSO packets are then split by the kernel before they are
 * queued, so each segment is timed on its own, as on a wire.
 *
 * usage: nfq_hold -q QUEUE [-d DELAY_MS] [-j JITTER_MS] [-l LOSS_PERCENT]
 *                 [-b RATE_KBIT] [-s SEED] [-t MAX_SECONDS] [-m MAXLEN] [-o]
 *
 * It prints "nfq_hold: queue N ready ..." on stdout once the queue is bound,
 * so the caller inserts the iptables rule only then and loses no packet at
 * startup.  It exits after MAX_SECONDS (default 120) so that nothing lingers
 * if its caller dies, and on SIGTERM, SIGINT or SIGHUP; either way it first
 * releases every packet it still holds.
 *
 * Exit status: 0 on a normal end, 1 on a setup or runtime error, 2 on a
 * usage error.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/netfilter.h>
#include <linux/netlink.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define HOLD_DEFAULT_SECONDS 120
#define HOLD_DEFAULT_MAXLEN  65536
/* Room for a few seconds of a saturated veth's queue notifications. */
#define HOLD_RCVBUF          (16u << 20)
/* Bounds how long one burst of arrivals can put off due releases. */
#define HOLD_RECV_BATCH      64
/* With -b, the bytes of each packet copied to us: enough for an IP header. */
#define HOLD_COPY_RANGE      64

/* Set from the signal handler only; everything else lives in structs. */
static volatile sig_atomic_t hold_stop;

struct hold_opts {
	uint16_t queue;
	int64_t delay_us;
	int64_t jitter_us;
	uint32_t loss_ppm;	/* loss as parts per million of packets */
	uint64_t seed;
	int64_t max_seconds;
	uint32_t maxlen;
	int keep_order;
	int64_t rate_kbit;	/* -b: serialise at this rate; 0: no link model */
};

struct held_pkt {
	int64_t due_us;
	uint64_t seq;		/* arrival number: breaks ties in due time */
	uint32_t id;		/* the kernel's packet id for the verdict */
};

struct hold_stats {
	uint64_t seen;
	uint64_t lost;
	uint64_t released;
	uint64_t released_at_exit;
	uint64_t overflow;	/* heap full: accepted at once */
	uint64_t verdict_errors;
	uint64_t enobufs;
	uint64_t no_header;
	uint64_t no_length;	/* -b: no IP length readable; timed as 0 bytes */
	uint64_t bytes;		/* -b: IP bytes serialised */
	int64_t peak_backlog_us; /* -b: longest wait for the link */
	size_t peak_held;
};

struct hold_state {
	const struct hold_opts *opts;
	struct nfq_q_handle *qh;
	struct held_pkt *heap;
	size_t len;
	size_t cap;
	uint64_t next_seq;
	int64_t last_due_us;
	int64_t link_free_ns;	/* -b: when the link has sent all before */
	uint64_t rng;
	struct hold_stats st;
};

static void
on_signal(int sig)
{
	(void)sig;
	hold_stop = 1;
}

static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int64_t
mono_us(void)
{
	return mono_ns() / 1000;
}

/*
 * The IP length of a packet from its first bytes (RFC 791 total length;
 * RFC 8200: 40 plus the payload length), or -1 when the copy is too short
 * or not IP.  A jumbogram's payload length of 0 counts as unreadable.
 */
static long
ip_length(const unsigned char *p, int n)
{
	if (p == NULL || n < 1)
		return -1;
	switch (p[0] >> 4) {
	case 4:
		if (n < 4)
			return -1;
		return (long)p[2] << 8 | p[3];
	case 6:
		if (n < 6 || (p[4] == 0 && p[5] == 0))
			return -1;
		return 40 + ((long)p[4] << 8 | p[5]);
	default:
		return -1;
	}
}

/*
 * -b: when this packet has been sent over the slow link, in ns: it waits
 * for the link to be free (the packets before it), then takes its length
 * over the rate.
 */
static int64_t
serialise(struct hold_state *hs, struct nfq_data *nfa, int64_t now_ns)
{
	unsigned char *data = NULL;
	int n = nfq_get_payload(nfa, &data);
	long len = ip_length(data, n);
	int64_t start = now_ns, wait_us;

	if (len < 0) {
		hs->st.no_length++;
		len = 0;
	}
	hs->st.bytes += (uint64_t)len;
	if (hs->link_free_ns > start)
		start = hs->link_free_ns;
	wait_us = (start - now_ns) / 1000;
	if (wait_us > hs->st.peak_backlog_us)
		hs->st.peak_backlog_us = wait_us;
	/* bits / (kbit/s) = ms; times 1e6 for ns. */
	hs->link_free_ns = start + (int64_t)len * 8 * 1000000 / hs->opts->rate_kbit;
	return hs->link_free_ns;
}

/* splitmix64: small, seedable, and plenty for picking losses and jitter. */
static uint64_t
rng_next(uint64_t *s)
{
	uint64_t z;

	*s += 0x9e3779b97f4a7c15ULL;
	z = *s;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n]; the modulo bias is far below anything a lab measures. */
static uint64_t
rng_upto(uint64_t *s, uint64_t n)
{
	return rng_next(s) % (n + 1);
}

/*
 * The one parser for numbers from the command line: the whole argument must
 * be a decimal integer within [lo, hi].  Fills errbuf naming the option.
 */
static int
parse_num(const char *arg, long long lo, long long hi, const char *opt,
    long long *out, char *errbuf, size_t errlen)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (arg[0] == '\0' || *end != '\0' || errno == ERANGE ||
	    v < lo || v > hi) {
		snprintf(errbuf, errlen, "%s: '%s' is not a number from %lld to %lld",
		    opt, arg, lo, hi);
		return -1;
	}
	*out = v;
	return 0;
}

static int
held_before(const struct held_pkt *a, const struct held_pkt *b)
{
	if (a->due_us != b->due_us)
		return a->due_us < b->due_us;
	return a->seq < b->seq;
}

static void
heap_push(struct hold_state *hs, const struct held_pkt *p)
{
	size_t i = hs->len++;

	while (i > 0) {
		size_t parent = (i - 1) / 2;

		if (!held_before(p, &hs->heap[parent]))
			break;
		hs->heap[i] = hs->heap[parent];
		i = parent;
	}
	hs->heap[i] = *p;
}

static struct held_pkt
heap_pop(struct hold_state *hs)
{
	struct held_pkt top = hs->heap[0];
	struct held_pkt last = hs->heap[--hs->len];
	size_t i = 0;

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		const struct held_pkt *mp = &last;

		if (l < hs->len && held_before(&hs->heap[l], mp)) {
			m = l;
			mp = &hs->heap[l];
		}
		if (r < hs->len && held_before(&hs->heap[r], mp))
			m = r;
		if (m == i)
			break;
		hs->heap[i] = hs->heap[m];
		i = m;
	}
	if (hs->len > 0)
		hs->heap[i] = last;
	return top;
}

static void
verdict(struct hold_state *hs, uint32_t id, uint32_t v)
{
	if (nfq_set_verdict(hs->qh, id, v, 0, NULL) < 0)
		hs->st.verdict_errors++;
}

static int
on_packet(struct nfq_q_handle *qh, struct nfgenmsg *nfmsg,
    struct nfq_data *nfa, void *data)
{
	struct hold_state *hs = data;
	const struct hold_opts *o = hs->opts;
	struct nfqnl_msg_packet_hdr *ph;
	struct held_pkt p;
	uint32_t id;

	(void)qh;
	(void)nfmsg;
	ph = nfq_get_msg_packet_hdr(nfa);
	if (ph == NULL) {
		/* Without an id there is nothing to give a verdict on. */
		hs->st.no_header++;
		return 0;
	}
	id = ntohl(ph->packet_id);
	hs->st.seen++;

	if (o->loss_ppm > 0 && rng_upto(&hs->rng, 999999) < o->loss_ppm) {
		hs->st.lost++;
		verdict(hs, id, NF_DROP);
		return 0;
	}
	if (hs->len == hs->cap) {
		/* The kernel's maxlen should stop this first; never stall. */
		hs->st.overflow++;
		verdict(hs, id, NF_ACCEPT);
		return 0;
	}

	if (o->rate_kbit > 0)
		p.due_us = serialise(hs, nfa, mono_ns()) / 1000 + o->delay_us;
	else
		p.due_us = mono_us() + o->delay_us;
	if (o->jitter_us > 0)
		p.due_us += (int64_t)rng_upto(&hs->rng, (uint64_t)o->jitter_us);
	if (o->keep_order && p.due_us < hs->last_due_us)
		p.due_us = hs->last_due_us;
	hs->last_due_us = p.due_us;
	p.seq = hs->next_seq++;
	p.id = id;
	heap_push(hs, &p);
	if (hs->len > hs->st.peak_held)
		hs->st.peak_held = hs->len;
	return 0;
}

static void
release_due(struct hold_state *hs, int64_t now)
{
	while (hs->len > 0 && hs->heap[0].due_us <= now) {
		struct held_pkt p = heap_pop(hs);

		verdict(hs, p.id, NF_ACCEPT);
		hs->st.released++;
	}
}

/* Reads what the socket has now, but at most HOLD_RECV_BATCH messages. */
static int
drain_socket(struct nfq_handle *h, int fd, struct hold_state *hs,
    char *buf, size_t buflen)
{
	int i;

	for (i = 0; i < HOLD_RECV_BATCH; i++) {
		ssize_t n = recv(fd, buf, buflen, MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK ||
			    errno == EINTR)
				return 0;
			if (errno == ENOBUFS) {
				hs->st.enobufs++;
				continue;
			}
			return -1;
		}
		if (n == 0)
			return 0;
		nfq_handle_packet(h, buf, (int)n);
	}
	return 0;
}

/*
 * The kernel's own counters for the queue: packets it dropped because the
 * queue was full, or because it could not hand them to us.
 */
static void
kernel_counters(unsigned queue, unsigned long *qdrop, unsigned long *udrop)
{
	FILE *f = fopen("/proc/net/netfilter/nfnetlink_queue", "r");
	char line[256];

	*qdrop = *udrop = 0;
	if (f == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned q, portid, total, mode, range;
		unsigned long qd, ud;

		if (sscanf(line, "%u %u %u %u %u %lu %lu", &q, &portid, &total,
		    &mode, &range, &qd, &ud) == 7 && q == queue) {
			*qdrop = qd;
			*udrop = ud;
			break;
		}
	}
	fclose(f);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: nfq_hold -q QUEUE [-d DELAY_MS] [-j JITTER_MS] "
	    "[-l LOSS_PERCENT]\n"
	    "                [-b RATE_KBIT] [-s SEED] [-t MAX_SECONDS] "
	    "[-m MAXLEN] [-o]\n"
	    "  -q  NFQUEUE number to bind (0-65535)\n"
	    "  -d  delay every accepted packet this many ms (default 0)\n"
	    "  -j  add a uniform 0..JITTER_MS ms to each delay (default 0)\n"
	    "  -l  drop this percentage of packets (default 0)\n"
	    "  -b  a slow link of RATE_KBIT kbit/s: each packet waits for the\n"
	    "      ones before it, then its IP length over the rate, then the\n"
	    "      delay (default: no rate, no serialisation)\n"
	    "  -s  seed for loss and jitter (default: time and pid)\n"
	    "  -t  exit after this many seconds (default %d)\n"
	    "  -m  kernel queue length limit (default %d)\n"
	    "  -o  never reorder: jitter only stretches gaps\n",
	    HOLD_DEFAULT_SECONDS, HOLD_DEFAULT_MAXLEN);
}

/* Returns 0 when options are good, 1 when help was asked for, -1 on error. */
static int
parse_opts(int argc, char **argv, struct hold_opts *o, char *errbuf,
    size_t errlen)
{
	long long v;
	int c, have_queue = 0;

	memset(o, 0, sizeof *o);
	o->max_seconds = HOLD_DEFAULT_SECONDS;
	o->maxlen = HOLD_DEFAULT_MAXLEN;
	o->seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);

	while ((c = getopt(argc, argv, "q:d:j:l:b:s:t:m:oh")) != -1) {
		switch (c) {
		case 'q':
			if (parse_num(optarg, 0, 65535, "-q", &v, errbuf, errlen))
				return -1;
			o->queue = (uint16_t)v;
			have_queue = 1;
			break;
		case 'd':
			if (parse_num(optarg, 0, 60000, "-d", &v, errbuf, errlen))
				return -1;
			o->delay_us = v * 1000;
			break;
		case 'j':
			if (parse_num(optarg, 0, 60000, "-j", &v, errbuf, errlen))
				return -1;
			o->jitter_us = v * 1000;
			break;
		case 'l':
			if (parse_num(optarg, 0, 100, "-l", &v, errbuf, errlen))
				return -1;
			o->loss_ppm = (uint32_t)v * 10000;
			break;
		case 'b':
			if (parse_num(optarg, 1, 100000000, "-b", &v, errbuf,
			    errlen))
				return -1;
			o->rate_kbit = v;
			break;
		case 's':
			if (parse_num(optarg, 0, LLONG_MAX, "-s", &v, errbuf,
			    errlen))
				return -1;
			o->seed = (uint64_t)v;
			break;
		case 't':
			if (parse_num(optarg, 1, 86400, "-t", &v, errbuf, errlen))
				return -1;
			o->max_seconds = v;
			break;
		case 'm':
			if (parse_num(optarg, 1, 1000000, "-m", &v, errbuf,
			    errlen))
				return -1;
			o->maxlen = (uint32_t)v;
			break;
		case 'o':
			o->keep_order = 1;
			break;
		case 'h':
			return 1;
		default:
			snprintf(errbuf, errlen, "unknown option");
			return -1;
		}
	}
	if (optind != argc) {
		snprintf(errbuf, errlen, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	if (!have_queue) {
		snprintf(errbuf, errlen, "-q QUEUE is required");
		return -1;
	}
	return 0;
}

/* Blocks the stop signals except while waiting in ppoll, so none is missed. */
static int
setup_signals(sigset_t *waitmask)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &block, waitmask) < 0)
		return -1;
	sigdelset(waitmask, SIGTERM);
	sigdelset(waitmask, SIGINT);
	sigdelset(waitmask, SIGHUP);
	if (sigaction(SIGTERM, &sa, NULL) < 0 ||
	    sigaction(SIGINT, &sa, NULL) < 0 ||
	    sigaction(SIGHUP, &sa, NULL) < 0)
		return -1;
	return 0;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 16];
	struct hold_opts opts;
	struct hold_state hs;
	struct nfq_handle *h;
	struct pollfd pfd;
	sigset_t waitmask;
	char errbuf[160];
	int64_t deadline;
	unsigned long qdrop, udrop;
	int fd, one = 1, status = 0;

	switch (parse_opts(argc, argv, &opts, errbuf, sizeof errbuf)) {
	case 0:
		break;
	case 1:
		usage(stdout);
		return 0;
	default:
		fprintf(stderr, "nfq_hold: %s (try nfq_hold -h)\n", errbuf);
		return 2;
	}

	memset(&hs, 0, sizeof hs);
	hs.opts = &opts;
	hs.rng = opts.seed;
	hs.cap = opts.maxlen;
	hs.heap = calloc(hs.cap, sizeof *hs.heap);
	if (hs.heap == NULL) {
		fprintf(stderr, "nfq_hold: cannot allocate %zu held packets\n",
		    hs.cap);
		return 1;
	}
	if (setup_signals(&waitmask) < 0) {
		fprintf(stderr, "nfq_hold: signals: %s\n", strerror(errno));
		return 1;
	}

	h = nfq_open();
	if (h == NULL) {
		fprintf(stderr, "nfq_hold: nfq_open: %s\n", strerror(errno));
		return 1;
	}
	hs.qh = nfq_create_queue(h, opts.queue, on_packet, &hs);
	if (hs.qh == NULL) {
		fprintf(stderr, "nfq_hold: cannot bind queue %u: %s "
		    "(already bound?)\n", opts.queue, strerror(errno));
		nfq_close(h);
		return 1;
	}
	/*
	 * Only the verdict matters, so ask for no payload at all; a slow link
	 * needs each packet's length, so the IP header's first bytes.
	 */
	if (nfq_set_mode(hs.qh, opts.rate_kbit > 0 ? NFQNL_COPY_PACKET :
	    NFQNL_COPY_META, opts.rate_kbit > 0 ? HOLD_COPY_RANGE : 0) < 0) {
		fprintf(stderr, "nfq_hold: cannot set copy mode\n");
		status = 1;
		goto out;
	}
	if (nfq_set_queue_maxlen(hs.qh, opts.maxlen) < 0) {
		fprintf(stderr, "nfq_hold: cannot set queue maxlen %u\n",
		    opts.maxlen);
		status = 1;
		goto out;
	}
	/*
	 * GSO packets are held whole rather than split into segments first;
	 * the payload is never read, and it saves verdicts on a busy link.
	 * Older kernels refuse the flag, which only costs speed.  A slow link
	 * times each segment as the wire would, so it lets the kernel split
	 * them.
	 */
	if (opts.rate_kbit == 0)
		(void)nfq_set_queue_flags(hs.qh, NFQA_CFG_F_GSO, NFQA_CFG_F_GSO);

	fd = nfq_fd(h);
	nfnl_rcvbufsiz(nfq_nfnlh(h), HOLD_RCVBUF);
	/* A full socket buffer must not abort recv(); the kernel counts it. */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &one, sizeof one);

	printf("nfq_hold: queue %u ready (delay %" PRId64 " ms, jitter %" PRId64
	    " ms, loss %u%%, seed %" PRIu64 ", max %" PRId64 " s%s", opts.queue,
	    opts.delay_us / 1000, opts.jitter_us / 1000, opts.loss_ppm / 10000,
	    opts.seed, opts.max_seconds, opts.keep_order ? ", in order" : "");
	if (opts.rate_kbit > 0)
		printf(", link %" PRId64 " kbit/s", opts.rate_kbit);
	printf(")\n");
	fflush(stdout);

	deadline = mono_us() + opts.max_seconds * 1000000;
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		int64_t now = mono_us(), wake;
		struct timespec ts;
		int n;

		release_due(&hs, now);
		if (hold_stop || now >= deadline)
			break;
		wake = deadline;
		if (hs.len > 0 && hs.heap[0].due_us < wake)
			wake = hs.heap[0].due_us;
		ts.tv_sec = (wake - now) / 1000000;
		ts.tv_nsec = (long)((wake - now) % 1000000) * 1000;
		n = ppoll(&pfd, 1, &ts, &waitmask);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "nfq_hold: poll: %s\n", strerror(errno));
			status = 1;
			break;
		}
		if (n > 0 && drain_socket(h, fd, &hs, buf, sizeof buf) < 0) {
			fprintf(stderr, "nfq_hold: recv: %s\n", strerror(errno));
			status = 1;
			break;
		}
	}

	/* Whatever is still held goes on now rather than being lost. */
	while (hs.len > 0) {
		struct held_pkt p = heap_pop(&hs);

		verdict(&hs, p.id, NF_ACCEPT);
		hs.st.released_at_exit++;
	}
	kernel_counters(opts.queue, &qdrop, &udrop);
	fprintf(stderr, "nfq_hold: queue %u: %" PRIu64 " packets, %" PRIu64
	    " lost, %" PRIu64 " released on time, %" PRIu64 " at exit, %" PRIu64
	    " overflow; peak %zu held; %" PRIu64 " verdict errors, %" PRIu64
	    " ENOBUFS; kernel queue_dropped %lu user_dropped %lu\n",
	    opts.queue, hs.st.seen, hs.st.lost, hs.st.released,
	    hs.st.released_at_exit, hs.st.overflow, hs.st.peak_held,
	    hs.st.verdict_errors, hs.st.enobufs, qdrop, udrop);
	if (opts.rate_kbit > 0)
		fprintf(stderr, "nfq_hold: queue %u: link %" PRId64 " kbit/s: %"
		    PRIu64 " IP bytes sent, %" PRIu64 " packets without a "
		    "readable length; longest wait for the link %" PRId64
		    " us\n", opts.queue, opts.rate_kbit, hs.st.bytes,
		    hs.st.no_length, hs.st.peak_backlog_us);
out:
	nfq_destroy_queue(hs.qh);
	nfq_close(h);
	free(hs.heap);
	return status;
}
