/*
 * ptrace-slow: find the hop where latency or loss starts and persists.
 *
 * Order of business: parse options; open the raw socket, the capture and
 * every output file; drop privileges and check the drop; only then
 * resolve the target (no DNS answer is parsed with privileges, as in
 * OpenBSD's traceroute) and look at packets.  A saved capture (-r) goes
 * through the same correlator and inference as a live run.
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "probes/wire/capture.h"
#include "probes/cli/cli.h"
#include "analyze/flow/correlate.h"
#include "probes/wire/craft.h"
#include "analyze/packet/decode.h"
#include "analyze/ptrace_slow/infer.h"
#include "probes/host/localnet.h"
#include "probes/host/names.h"
#include "probes/cli/opts.h"
#include "probes/priv.h"
#include "analyze/ptrace_slow/render.h"
#include "probes/cli/reportfile.h"
#include "probes/host/resolve.h"
#include "probes/ptrace_slow/trace.h"

#define PROG	"ptrace-slow"

/* The parsed command line: the only global state (see STYLE.md). */
static struct {
	uint8_t		 proto;
	const char	*method;
	long		 port;		/* -1: the method's default */
	bool		 numeric;
	long		 first_ttl, max_ttl, nqueries;
	const char	*iface;
	const char	*source;
	const char	*wfile, *rfile;
	const char	*report, *owners;
	double		 wait_max, wait_here, wait_near;
	double		 interval;
	long		 rounds, max_rounds;
	bool		 json;
	const char	*host;
} opt = {
	.proto = 1, .method = "icmp", .port = -1,
	.first_ttl = 1, .max_ttl = 30, .nqueries = 1,
	.wait_max = 5, .wait_here = 3, .wait_near = 10,
	.interval = 0.1, .rounds = 10, .max_rounds = 40,
};

static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: " PROG " [-I | -U | -T] [-n] [-p port] [-f first_ttl] [-m max_ttl]\n"
	    "                   [-q nqueries] [-i interface] [-s source] [-w file]\n"
	    "                   [--rounds N] [--max-rounds N] [--interval secs]\n"
	    "                   [--wait max[,here,near]] [--json]\n"
	    "                   [--report file [--owners file]] host\n"
	    "       " PROG " -r file [-n] [--json] [--report file] [host]\n"
	    "\n"
	    "  -I, -U, -T        probe with ICMP echo (default), UDP, or TCP SYN\n"
	    "  -p port           UDP or TCP destination port (33434 / 80)\n"
	    "  -n                no reverse DNS lookups\n"
	    "  -f, -m            first and maximum TTL (1, 30)\n"
	    "  -q nqueries       probes per hop in each round (1)\n"
	    "  -i interface      send and capture on this interface\n"
	    "  -s source         source address\n"
	    "  -w file           write the capture (pcap) to file\n"
	    "  -r file           analyse a saved capture (pcap or pcapng) instead\n"
	    "  --rounds N        rounds before the verdict is judged (10)\n"
	    "  --max-rounds N    cap while the verdict is not yet significant (40)\n"
	    "  --interval secs   time between rounds (0.1)\n"
	    "  --wait m[,h,n]    give up on a probe after m s, or h x this hop's,\n"
	    "                    or n x a later hop's slowest reply (5,3,10)\n"
	    "  --json            JSON on standard output\n"
	    "  --report file     also write a report for a manager (HTML; .md or .txt by\n"
	    "                    name), keeping the capture beside it (see probe-report(1))\n"
	    "  --owners file     who runs which addresses, for the report\n"
	    "\n"
	    "Exit status: 0 clean, 1 fault found, 2 inconclusive, 64 usage, 65 bad\n"
	    "capture, 66 cannot open capture, 68 unknown host, 69 IPv6, 71 system\n"
	    "error, 73 cannot create output, 74 write error, 75 resolver failure,\n"
	    "77 no privilege.  See ptrace-slow(1).\n");
}

static void
parse_args(int argc, char **argv)
{
	enum { O_WAIT = 256, O_INTERVAL, O_ROUNDS, O_MAX_ROUNDS, O_JSON, O_REPORT, O_OWNERS };
	static const struct option longs[] = {
		{ "wait", required_argument, NULL, O_WAIT },
		{ "interval", required_argument, NULL, O_INTERVAL },
		{ "rounds", required_argument, NULL, O_ROUNDS },
		{ "max-rounds", required_argument, NULL, O_MAX_ROUNDS },
		{ "json", no_argument, NULL, O_JSON },
		{ "report", required_argument, NULL, O_REPORT },
		{ "owners", required_argument, NULL, O_OWNERS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char err[256];
	int ch;
	bool rounds_set = false;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":IUTnp:f:m:q:i:s:w:r:hV", longs, NULL)) != -1) {
		switch (ch) {
		case 'I':
			opt.proto = 1;
			opt.method = "icmp";
			break;
		case 'U':
			opt.proto = 17;
			opt.method = "udp";
			break;
		case 'T':
			opt.proto = 6;
			opt.method = "tcp";
			break;
		case 'n':
			opt.numeric = true;
			break;
		case 'p':
			if (opt_long(optarg, "-p", 1, 65535, &opt.port, err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case 'f':
			if (opt_long(optarg, "-f", 1, 255, &opt.first_ttl, err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case 'm':
			if (opt_long(optarg, "-m", 1, 255, &opt.max_ttl, err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case 'q':
			if (opt_long(optarg, "-q", 1, 10, &opt.nqueries, err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case 'i':
			if (strlen(optarg) == 0 || strlen(optarg) >= 16)
				cli_die(FL_EXIT_USAGE, "-i: '%s' is not an interface name", optarg);
			opt.iface = optarg;
			break;
		case 's':
			opt.source = optarg;
			break;
		case 'w':
			opt.wfile = optarg;
			break;
		case 'r':
			opt.rfile = optarg;
			break;
		case O_WAIT:
			if (opt_wait(optarg, &opt.wait_max, &opt.wait_here, &opt.wait_near,
			    err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case O_INTERVAL:
			if (opt_seconds(optarg, "--interval", 0.01, 60, &opt.interval,
			    err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case O_ROUNDS:
			if (opt_long(optarg, "--rounds", 1, 1000, &opt.rounds, err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			rounds_set = true;
			break;
		case O_MAX_ROUNDS:
			if (opt_long(optarg, "--max-rounds", 1, 1000, &opt.max_rounds,
			    err, sizeof(err)) != 0)
				cli_die(FL_EXIT_USAGE, "%s", err);
			break;
		case O_JSON:
			opt.json = true;
			break;
		case O_REPORT:
			opt.report = optarg;
			break;
		case O_OWNERS:
			opt.owners = optarg;
			break;
		default:
			cli_option_end(ch, argv, PROG, usage);
		}
	}
	if (optind < argc)
		opt.host = argv[optind++];
	if (optind < argc)
		cli_die(FL_EXIT_USAGE, "unexpected argument '%s' (see --help)", argv[optind]);
	if (opt.rfile == NULL && opt.host == NULL)
		cli_die(FL_EXIT_USAGE, "a host to trace is required (see --help)");
	if (opt.rfile != NULL && opt.wfile != NULL)
		cli_die(FL_EXIT_USAGE, "-r and -w cannot be used together");
	if (opt.first_ttl > opt.max_ttl)
		cli_die(FL_EXIT_USAGE, "-f %ld is beyond -m %ld", opt.first_ttl, opt.max_ttl);
	if (opt.port >= 0 && opt.proto == 1)
		cli_die(FL_EXIT_USAGE, "-p applies to UDP (-U) and TCP (-T) probes only");
	if (opt.port < 0)
		opt.port = opt.proto == 6 ? 80 : 33434;
	if (opt.max_rounds < opt.rounds) {
		if (rounds_set)
			opt.max_rounds = opt.rounds;
		else
			opt.rounds = opt.max_rounds;
	}
}

static json_t *
options_json(void)
{
	json_t *o = json_object();

	json_object_set_new(o, "method", json_string(opt.method));
	if (opt.proto != 1)
		json_object_set_new(o, "port", json_integer(opt.port));
	json_object_set_new(o, "numeric", json_boolean(opt.numeric));
	json_object_set_new(o, "first_ttl", json_integer(opt.first_ttl));
	json_object_set_new(o, "max_ttl", json_integer(opt.max_ttl));
	json_object_set_new(o, "queries", json_integer(opt.nqueries));
	json_object_set_new(o, "rounds", json_integer(opt.rounds));
	json_object_set_new(o, "max_rounds", json_integer(opt.max_rounds));
	json_object_set_new(o, "interval_s", json_real(opt.interval));
	json_object_set_new(o, "wait_s", json_pack("{s:f,s:f,s:f}", "max", opt.wait_max,
	    "here", opt.wait_here, "near", opt.wait_near));
	json_object_set_new(o, "interface", opt.iface ? json_string(opt.iface) : json_null());
	json_object_set_new(o, "source", opt.source ? json_string(opt.source) : json_null());
	json_object_set_new(o, "write", opt.wfile ? json_string(opt.wfile) : json_null());
	json_object_set_new(o, "read", opt.rfile ? json_string(opt.rfile) : json_null());
	json_object_set_new(o, "report", opt.report ? json_string(opt.report) : json_null());
	return o;
}

static void
progress(void *ctx, unsigned int round, uint32_t sent, uint32_t answered, int dest_ttl)
{
	(void)ctx;
	if (dest_ttl > 0)
		fprintf(stderr, "\r  round %u: %u probes sent, %u answered, destination at hop %d   ",
		    round, sent, answered, dest_ttl);
	else
		fprintf(stderr, "\r  round %u: %u probes sent, %u answered   ", round, sent, answered);
}

static int
exit_for(enum verdict_kind k)
{
	switch (k) {
	case VK_CLEAN:
		return FL_EXIT_OK;
	case VK_INCONCLUSIVE:
		return FL_EXIT_INCONCLUSIVE;
	default:
		return FL_EXIT_FAULT;
	}
}

/* Resolve, or exit with the status for why not (the -w file goes with cli_die()). */
static void
resolve_or_die(const char *host, struct fl_addr *a)
{
	char err[300];
	int status;

	switch (resolve_host(host, a, err, sizeof(err))) {
	case RES_OK:
		return;
	case RES_V6ONLY:
		status = FL_EXIT_NOIPV6;
		break;
	case RES_TEMP:
		status = FL_EXIT_TEMPFAIL;
		break;
	case RES_BAD:
		status = FL_EXIT_USAGE;
		break;
	default:
		status = FL_EXIT_NOHOST;
	}
	cli_die(status, "%s", err);
}

/* Reverse DNS for every responder, bounded in time. */
static void
name_hops(struct path_result *r)
{
	struct fl_addr addrs[PATH_MAX_HOPS];
	static char names[PATH_MAX_HOPS][NAMES_LEN];
	int t, n = 0, idx[PATH_MAX_HOPS];

	memset(addrs, 0, sizeof(addrs));
	for (t = r->first_ttl; t > 0 && t <= r->last_ttl; t++)
		if (fl_addr_is_set(&r->hops[t].addr)) {
			addrs[n] = r->hops[t].addr;
			idx[n++] = t;
		}
	names_lookup(addrs, names, n, 1500);
	for (t = 0; t < n; t++)
		memcpy(r->hops[idx[t]].name, names[t], sizeof(r->hops[0].name));
}

static int
report(const struct path_result *res, struct fl_envelope *env, const char *host,
    struct report_file *rf)
{
	json_t *root;
	char err[300];
	int rc = 0;

	if (!opt.json && render_text_path(stdout, res, env, host, opt.method) != 0)
		return -1;
	if (!opt.json && rf->path == NULL)
		return 0;
	root = render_json_envelope(env);
	if (root == NULL || render_json_path(root, res, host, opt.method) != 0) {
		json_decref(root);
		return -1;
	}
	if (opt.json && render_json_write(root, stdout) != 0)
		rc = -1;
	if (rc == 0 && report_file_write(rf, root, PROG " " FL_VERSION, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_IOERR, "%s", err);
	json_decref(root);
	return rc;
}

static int
run_file(struct fl_envelope *env, struct path_params *pp, struct report_file *rf)
{
	struct fl_addr want;
	struct path_result res;
	struct corr *c;
	struct capture cap;
	const struct corr_probe *p0 = NULL;
	char err[512];
	int32_t g;
	uint32_t i;
	FILE *in;

	memset(&want, 0, sizeof(want));
	in = priv_open_input(opt.rfile, err, sizeof(err));
	if (in == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	if (report_file_open(rf, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (priv_drop(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	if (opt.host != NULL)
		resolve_or_die(opt.host, &want);
	capture_init(&cap);
	if (capture_offline(&cap, in, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", opt.rfile, err);
	c = corr_new(NULL, (int64_t)(opt.wait_max * 1e9));
	if (c == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	if (capture_read_all(&cap, trace_feed_frame, c, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", opt.rfile, err);
	corr_finish(c);
	g = corr_best_trace(c, opt.host ? &want : NULL, 2);
	if (g < 0)
		cli_die(FL_EXIT_DATAERR, "%s: no traceroute found (no probes%s%s with varying TTL "
		    "among %u frames)", opt.rfile, opt.host ? " to " : "", opt.host ? opt.host : "",
		    cap.frames);
	if (infer_path(c, (uint32_t)g, pp, &res, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	for (i = 0; i < corr_nprobes(c) && p0 == NULL; i++)
		if (corr_probe(c, i)->group == (uint32_t)g)
			p0 = corr_probe(c, i);
	if (p0 != NULL)
		env->started_at = p0->ts;
	/* The capture's probes say which method was used, not our options. */
	opt.method = res.proto == 17 ? "udp" : res.proto == 6 ? "tcp" : "icmp";
	env->src = res.src;
	env->capture_file = opt.rfile;
	env->capture_mode = "read";
	env->capture_sha256 = cap.sha256;
	env->file_cut = cap.file_cut;
	env->file_err = cap.file_err;
	env->frames = cap.frames;
	env->cnt = corr_counters(c);
	if (!opt.numeric)
		name_hops(&res);
	if (report(&res, env, opt.host, rf) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	path_result_free(&res);
	corr_free(c);
	capture_close(&cap);
	return exit_for(res.verdict.kind);
}

/* Hold the flow's source port so no local program takes it meanwhile. */
static int
reserve_port(const struct craft_flow *f)
{
	struct sockaddr_in sin;
	int fd;

	if (f->proto == 1)
		return -2;
	fd = socket(AF_INET, (f->proto == 6 ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(f->sport);
	sin.sin_addr.s_addr = htonl(fl_addr_v4_host(&f->src));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
run_live(struct fl_envelope *env, struct path_params *pp, struct report_file *rf)
{
	struct fl_addr dst, src;
	struct craft_flow flow;
	struct craft cr;
	struct path_result res;
	struct trace_cfg cfg;
	struct trace_stats st;
	struct sigaction sa;
	struct corr_sig sig;
	struct corr *c;
	struct capture cap;
	struct route_info ri;
	libnet_t *ln;
	pcap_t *pc;
	char err[512], ifname[64] = "", filter[1200];
	int wfd = -1, held = -1, tries, saved;

	/*
	 * Privileged opens first, then the drop, and only then the name
	 * lookup (so no DNS answer is ever parsed with privileges) and the
	 * first packet.  The capture is on -i, or on "any" since the route,
	 * and so the interface, is not known before the name is.
	 */
	if (!priv_have_raw())
		cli_die(FL_EXIT_NOPERM, "raw sockets need root or cap_net_raw (try sudo, or "
		    "make install to set the capability)");
	ln = priv_open_raw4(opt.iface, err, sizeof(err));
	if (ln == NULL)
		cli_die(errno == EPERM || errno == EACCES ? FL_EXIT_NOPERM : FL_EXIT_OSERR, "%s", err);
	/*
	 * Probes and the ICMP errors about them fit in an Ethernet MTU
	 * (routers quote at most 576 bytes, RFC 1812); a short snap length
	 * also lets the 2 MB ring hold ~1300 frames of a round's burst.
	 */
	pc = priv_open_capture(opt.iface, 1500, true, 2, err, sizeof(err));
	if (pc == NULL)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	if (opt.wfile != NULL && (wfd = priv_create_output(opt.wfile, err, sizeof(err))) < 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (report_file_open(rf, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	capture_init(&cap);
	if (capture_live(&cap, pc, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	if (wfd >= 0) {
		/* From here on, an error exit leaves no -w file looking complete. */
		cli_on_die(capture_abort_hook, &cap);
		if (capture_write_to(&cap, wfd, opt.wfile, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_CANTCREAT, "%s: %s", opt.wfile, err);
	}
	if (priv_drop(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);

	resolve_or_die(opt.host, &dst);
	if (opt.source != NULL) {
		if (fl_addr_parse(opt.source, &src) != 0 || src.family != 4)
			cli_die(FL_EXIT_USAGE, "-s: '%s' is not an IPv4 address", opt.source);
		(void)iface_of(&src, ifname, sizeof(ifname));
	} else if (route_source(&dst, &src, ifname, sizeof(ifname), err, sizeof(err)) != 0) {
		cli_die(FL_EXIT_OSERR, "%s", err);
	}
	if (opt.iface != NULL)
		snprintf(ifname, sizeof(ifname), "%s", opt.iface);
	/* The gateway, for the report's claim on who runs the first hop. */
	if (localnet_route(&dst, &ri, err, sizeof(err)) == 0 && ri.found)
		env->gateway = ri.gateway;
	for (tries = 0; tries < 16; tries++) {
		if (craft_random_flow(&flow, opt.proto, &src, &dst, (uint16_t)opt.port,
		    err, sizeof(err)) != 0)
			cli_die(FL_EXIT_OSERR, "%s", err);
		held = reserve_port(&flow);
		if (held != -1)
			break;
	}
	if (held == -1)
		cli_die(FL_EXIT_OSERR, "no free local port for the probes");
	if (trace_filter(&flow, filter, sizeof(filter)) != 0 ||
	    capture_filter(&cap, filter, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);

	memset(&sig, 0, sizeof(sig));
	sig.src = src;
	sig.dst = dst;
	sig.proto = opt.proto;
	sig.a = opt.proto == 1 ? flow.echo_id : flow.sport;
	sig.b = opt.proto == 1 ? 0 : flow.dport;
	c = corr_new(&sig, (int64_t)(opt.wait_max * 1e9));
	if (c == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	craft_init(&cr, ln, &flow);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	memset(&cfg, 0, sizeof(cfg));
	cfg.first_ttl = (int)opt.first_ttl;
	cfg.max_ttl = (int)opt.max_ttl;
	cfg.nqueries = (int)opt.nqueries;
	cfg.rounds = (unsigned int)opt.rounds;
	cfg.max_rounds = (unsigned int)opt.max_rounds;
	cfg.interval_s = opt.interval;
	cfg.wait_max = opt.wait_max;
	cfg.wait_here = opt.wait_here;
	cfg.wait_near = opt.wait_near;
	cfg.stop = &interrupted;
	if (!opt.json && isatty(STDERR_FILENO))
		cfg.progress = progress;
	if (trace_run(&cfg, &cr, &cap, c, pp, &st, err, sizeof(err)) != 0) {
		saved = errno;
		if (cfg.progress)
			fprintf(stderr, "\n");
		cli_die(saved == EPERM || saved == EACCES ? FL_EXIT_NOPERM : FL_EXIT_OSERR,
		    "%s%s", err, saved == EPERM ? " (a local firewall refuses the probes)" : "");
	}
	if (cfg.progress)
		fprintf(stderr, "\r%-78s\r", "");
	if (held >= 0)
		close(held);
	env->have_drops = capture_drops(&cap, &env->pcap_recv, &env->pcap_drop,
	    &env->pcap_ifdrop) == 0;
	if (opt.wfile != NULL && capture_finish_write(&cap, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_IOERR, "%s: %s", opt.wfile, err);
	if (corr_ngroups(c) == 0)
		cli_die(FL_EXIT_OSERR, "none of the %u probes sent was seen on %s: the capture "
		    "cannot measure anything", st.sent, ifname[0] ? ifname : "any");
	cli_off_die(capture_abort_hook, &cap);
	if (infer_path(c, 0, pp, &res, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	env->src = src;
	env->iface = ifname[0] ? ifname : NULL;
	env->capture_file = opt.wfile;
	env->capture_mode = "written";
	env->capture_sha256 = cap.sha256;
	env->frames = cap.frames;
	env->sent = st.sent;
	env->sent_unseen = st.unseen;
	env->cnt = corr_counters(c);
	env->duration_s = st.duration_s;
	if (!opt.numeric)
		name_hops(&res);
	if (report(&res, env, opt.host, rf) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	path_result_free(&res);
	corr_free(c);
	capture_close(&cap);
	libnet_destroy(ln);
	return exit_for(res.verdict.kind);
}

int
main(int argc, char **argv)
{
	struct fl_envelope env;
	struct path_params pp;
	struct timespec now;
	json_t *options;
	struct report_file rf;
	char err[512];
	int rc;

	parse_args(argc, argv);
	rc = report_file_setup(&rf, opt.report, opt.owners, opt.rfile != NULL ? NULL : &opt.wfile,
	    err, sizeof(err));
	if (rc != 0)
		cli_die(rc, "%s", err);
	infer_path_defaults(&pp);
	options = options_json();
	memset(&env, 0, sizeof(env));
	env.tool = PROG;
	clock_gettime(CLOCK_REALTIME, &now);
	env.started_at = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
	env.options = options;
	rc = opt.rfile != NULL ? run_file(&env, &pp, &rf) : run_live(&env, &pp, &rf);
	json_decref(options);
	return rc;
}
