/*
 * blast.c: UDP load for a lab link, steady or switched on and off.
 *
 * A rate-limited link (tc tbf) only builds a queue while more arrives than
 * it can send.  Sent steadily above the link rate the queue sits full and
 * every probe sees the same delay; switched on (above the rate) and off, the
 * queue fills and drains, so probes crossing the link find it anywhere from
 * empty to full.  That varying delay is what the lab's queueing scenario is
 * meant to show.  --random draws each on and off period uniformly between
 * half and one and a half times its mean, so probes sent at a fixed interval
 * do not lock onto one phase of the cycle.
 *
 * usage: blast -d ADDR -p PORT -r RATE_KBIT -t SECONDS [-s SIZE]
 *              [--onoff ON_MS,OFF_MS] [--random] [-S SEED]
 *        blast -l PORT -t SECONDS          (sink: receive and count)
 *
 * The rate counts whole frames on the wire: payload plus UDP, IP and
 * Ethernet headers, which is what tbf charges for.  The sink prints
 * "blast: listening on port P" on stdout once bound.  Both modes stop after
 * SECONDS, or on SIGTERM or SIGINT, and report what they sent or received
 * on stderr.
 *
 * Exit status: 0 on a normal end, 1 on a setup or runtime error, 2 on a
 * usage error.
 */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BLAST_MAX_SIZE 65000
/* Frame bytes beyond the payload: UDP 8 + Ethernet 14, plus the IP header. */
#define BLAST_L2_UDP   22
/* When the sender falls this far behind, skip ahead instead of bursting. */
#define BLAST_MAX_LAG_NS 20000000LL

/* Set from the signal handler only; everything else lives in structs. */
static volatile sig_atomic_t blast_stop;

struct blast_opts {
	const char *dst;
	const char *port_str;
	long long port;
	long long rate_kbit;
	long long seconds;
	long long size;
	long long on_ms;
	long long off_ms;
	long long seed;
	int random;
	int sink;
};

static void
on_signal(int sig)
{
	(void)sig;
	blast_stop = 1;
}

static int64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void
sleep_until(int64_t t)
{
	struct timespec ts;

	ts.tv_sec = t / 1000000000;
	ts.tv_nsec = t % 1000000000;
	/* A signal cuts the sleep short; the caller checks blast_stop. */
	(void)clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

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

/* A period of mean ms, or drawn from [mean/2, 3*mean/2] with --random. */
static int64_t
period_ns(long long mean_ms, int random, uint64_t *rng)
{
	int64_t mean = (int64_t)mean_ms * 1000000;

	if (!random || mean == 0)
		return mean;
	return mean / 2 + (int64_t)(rng_next(rng) % (uint64_t)(mean + 1));
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

/* ON_MS,OFF_MS: both parts go through parse_num under the option's name. */
static int
parse_onoff(const char *arg, struct blast_opts *o, char *errbuf, size_t errlen)
{
	char part[32];
	const char *comma = strchr(arg, ',');
	size_t n;

	if (comma == NULL || (n = (size_t)(comma - arg)) >= sizeof part) {
		snprintf(errbuf, errlen, "--onoff: '%s' is not ON_MS,OFF_MS", arg);
		return -1;
	}
	memcpy(part, arg, n);
	part[n] = '\0';
	if (parse_num(part, 1, 60000, "--onoff ON_MS", &o->on_ms, errbuf,
	    errlen) < 0)
		return -1;
	return parse_num(comma + 1, 0, 60000, "--onoff OFF_MS", &o->off_ms,
	    errbuf, errlen);
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: blast -d ADDR -p PORT -r RATE_KBIT -t SECONDS [-s SIZE]\n"
	    "             [--onoff ON_MS,OFF_MS] [--random] [-S SEED]\n"
	    "       blast -l PORT -t SECONDS\n"
	    "  -d  destination address (numeric IPv4 or IPv6)\n"
	    "  -p  destination UDP port\n"
	    "  -r  sending rate while on, in kbit/s of whole frames\n"
	    "  -t  stop after this many seconds\n"
	    "  -s  UDP payload bytes per packet (default 1000)\n"
	    "  --onoff   send for ON_MS, pause for OFF_MS, repeat "
	    "(default: always on)\n"
	    "  --random  draw each period from [mean/2, 3*mean/2]\n"
	    "  -S  seed for --random (default: time and pid)\n"
	    "  -l  sink mode: receive on PORT and count\n");
}

/* Returns 0 when options are good, 1 when help was asked for, -1 on error. */
static int
parse_opts(int argc, char **argv, struct blast_opts *o, char *errbuf,
    size_t errlen)
{
	static const struct option longopts[] = {
		{ "onoff", required_argument, NULL, 'O' },
		{ "random", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof *o);
	o->size = 1000;
	o->seed = -1;
	o->seconds = -1;
	while ((c = getopt_long(argc, argv, "d:p:r:t:s:S:l:h", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			o->dst = optarg;
			break;
		case 'p':
		case 'l':
			if (parse_num(optarg, 1, 65535, c == 'p' ? "-p" : "-l",
			    &o->port, errbuf, errlen) < 0)
				return -1;
			o->port_str = optarg;
			o->sink = c == 'l';
			break;
		case 'r':
			if (parse_num(optarg, 1, 10000000, "-r", &o->rate_kbit,
			    errbuf, errlen) < 0)
				return -1;
			break;
		case 't':
			if (parse_num(optarg, 1, 86400, "-t", &o->seconds, errbuf,
			    errlen) < 0)
				return -1;
			break;
		case 's':
			if (parse_num(optarg, 1, BLAST_MAX_SIZE, "-s", &o->size,
			    errbuf, errlen) < 0)
				return -1;
			break;
		case 'S':
			if (parse_num(optarg, 0, LLONG_MAX, "-S", &o->seed, errbuf,
			    errlen) < 0)
				return -1;
			break;
		case 'O':
			if (parse_onoff(optarg, o, errbuf, errlen) < 0)
				return -1;
			break;
		case 'R':
			o->random = 1;
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
	if (o->seconds < 0) {
		snprintf(errbuf, errlen, "-t SECONDS is required");
		return -1;
	}
	if (o->port_str == NULL) {
		snprintf(errbuf, errlen, "-p PORT (or -l PORT) is required");
		return -1;
	}
	if (!o->sink && (o->dst == NULL || o->rate_kbit == 0)) {
		snprintf(errbuf, errlen, "-d ADDR and -r RATE_KBIT are required");
		return -1;
	}
	return 0;
}

static int
setup_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal must cut sleeps and waits short. */
	if (sigaction(SIGTERM, &sa, NULL) < 0 ||
	    sigaction(SIGINT, &sa, NULL) < 0)
		return -1;
	return 0;
}

static int
run_sink(const struct blast_opts *o)
{
	static char buf[BLAST_MAX_SIZE + 1];
	struct sockaddr_in6 sin6;
	struct pollfd pfd;
	int64_t start = mono_ns(), deadline, first = 0, last = 0;
	uint64_t pkts = 0, bytes = 0;
	int fd, zero = 0;

	fd = socket(AF_INET6, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "blast: socket: %s\n", strerror(errno));
		return 1;
	}
	/* One socket for both families: IPv4 arrives as mapped addresses. */
	(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_addr = in6addr_any;
	sin6.sin6_port = htons((uint16_t)o->port);
	if (bind(fd, (struct sockaddr *)&sin6, sizeof sin6) < 0) {
		fprintf(stderr, "blast: bind port %lld: %s\n", o->port,
		    strerror(errno));
		close(fd);
		return 1;
	}
	printf("blast: listening on port %lld\n", o->port);
	fflush(stdout);

	deadline = start + o->seconds * 1000000000LL;
	pfd.fd = fd;
	pfd.events = POLLIN;
	while (!blast_stop) {
		int64_t now = mono_ns();
		ssize_t n;

		if (now >= deadline)
			break;
		if (poll(&pfd, 1, (int)((deadline - now) / 1000000) + 1) <= 0)
			continue;
		while ((n = recv(fd, buf, sizeof buf, MSG_DONTWAIT)) >= 0) {
			last = mono_ns();
			if (pkts == 0)
				first = last;
			pkts++;
			bytes += (uint64_t)n;
		}
	}
	close(fd);
	fprintf(stderr, "blast: received %" PRIu64 " packets, %" PRIu64
	    " payload bytes", pkts, bytes);
	if (pkts > 1 && last > first)
		fprintf(stderr, ", %.0f kbit/s of payload over %.1f s",
		    (double)bytes * 8 / ((double)(last - first) / 1e6),
		    (double)(last - first) / 1e9);
	fprintf(stderr, "\n");
	return 0;
}

static int
run_sender(const struct blast_opts *o)
{
	static char payload[BLAST_MAX_SIZE];
	struct addrinfo hints, *ai;
	uint64_t rng, sent = 0, errors = 0;
	int64_t start, deadline, next, phase_end, gap_ns, frame;
	int fd, rc, on = 1;

	memset(&hints, 0, sizeof hints);
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	rc = getaddrinfo(o->dst, o->port_str, &hints, &ai);
	if (rc != 0) {
		fprintf(stderr, "blast: -d %s: %s\n", o->dst, gai_strerror(rc));
		return 1;
	}
	fd = socket(ai->ai_family, SOCK_DGRAM, 0);
	if (fd < 0) {
		fprintf(stderr, "blast: socket: %s\n", strerror(errno));
		freeaddrinfo(ai);
		return 1;
	}
	frame = o->size + BLAST_L2_UDP + (ai->ai_family == AF_INET6 ? 40 : 20);
	gap_ns = frame * 8 * 1000000 / o->rate_kbit;
	rng = o->seed >= 0 ? (uint64_t)o->seed :
	    (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	memset(payload, 'b', sizeof payload);

	start = mono_ns();
	deadline = start + o->seconds * 1000000000LL;
	next = start;
	phase_end = o->on_ms > 0 ? start + period_ns(o->on_ms, o->random, &rng) :
	    deadline;
	while (!blast_stop && next < deadline) {
		if (next >= phase_end) {
			/* Switch phase; an off period of 0 means always on. */
			if (on && o->off_ms > 0) {
				on = 0;
				phase_end += period_ns(o->off_ms, o->random, &rng);
			} else {
				on = 1;
				phase_end += period_ns(o->on_ms, o->random, &rng);
			}
			/* The next packet goes out when the off period ends. */
			if (!on)
				next = phase_end;
			continue;
		}
		sleep_until(next);
		if (blast_stop)
			break;
		if (sendto(fd, payload, (size_t)o->size, 0, ai->ai_addr,
		    ai->ai_addrlen) < 0)
			errors++;
		else
			sent++;
		next += gap_ns;
		/* After a stall, carry on at the rate rather than catch up. */
		if (mono_ns() - next > BLAST_MAX_LAG_NS)
			next = mono_ns();
	}
	fprintf(stderr, "blast: sent %" PRIu64 " packets of %lld bytes to %s "
	    "port %lld (%" PRId64 "-byte frames at %lld kbit/s while on), %"
	    PRIu64 " send errors\n", sent, o->size, o->dst, o->port, frame,
	    o->rate_kbit, errors);
	close(fd);
	freeaddrinfo(ai);
	return 0;
}

int
main(int argc, char **argv)
{
	struct blast_opts opts;
	char errbuf[160];

	switch (parse_opts(argc, argv, &opts, errbuf, sizeof errbuf)) {
	case 0:
		break;
	case 1:
		usage(stdout);
		return 0;
	default:
		fprintf(stderr, "blast: %s (try blast -h)\n", errbuf);
		return 2;
	}
	if (setup_signals() < 0) {
		fprintf(stderr, "blast: signals: %s\n", strerror(errno));
		return 1;
	}
	return opts.sink ? run_sink(&opts) : run_sender(&opts);
}
