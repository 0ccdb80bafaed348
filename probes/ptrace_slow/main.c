/*
 * ptrace-slow: find the hop where latency or loss starts and persists.
 *
 * Order of business: parse options; open the raw socket, the capture and
 * every output file; drop privileges and check the drop; only then
 * resolve the target (no DNS answer is parsed with privileges, as in
 * OpenBSD's traceroute) and look at packets.  A saved capture (-r) goes
 * through the same readers and inference as a live run.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "analyze/common/jsonout.h"
#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/ptrace_slow/baseline.h"
#include "analyze/ptrace_slow/infer.h"
#include "analyze/ptrace_slow/locations.h"
#include "analyze/ptrace_slow/render.h"
#include "analyze/ptrace_slow/shape.h"
#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/live.h"
#include "probes/cli/opts.h"
#include "probes/cli/replay.h"
#include "probes/cli/outfile.h"
#include "probes/cli/reportfile.h"
#include "probes/host/localnet.h"
#include "probes/host/names.h"
#include "probes/host/target.h"
#include "probes/priv.h"
#include "probes/ptrace_slow/trace.h"
#include "probes/wire/capture.h"
#include "probes/wire/craft.h"
#include "probes/wire/port.h"

#define PROG	"ptrace-slow"

/* The parsed command line: the only global state (see STYLE.md). */
static struct {
	uint8_t		 proto;
	const char	*method;
	int		 family;	/* -4, -6; 0: the system's order */
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
	double		 expect_rtt_ms;	/* --expect-rtt; 0: none */
	const char	*baseline, *locations;	/* --baseline, --locations */
	bool		 json;
	bool		 both;		/* --both: IPv4 and IPv6 in one run */
	const char	*host;
} opt = {
	.proto = 1, .method = "icmp", .port = -1,
	.first_ttl = 1, .max_ttl = 30, .nqueries = 1,
	.wait_max = 5, .wait_here = 3, .wait_near = 10,
	.interval = 1.25, .rounds = 10, .max_rounds = 60,
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: " PROG " [-4 | -6] [-I | -U | -T] [-n] [-p port] [-f first_ttl] [-m max_ttl]\n"
	    "                   [-q nqueries] [-i interface] [-s source] [-w file]\n"
	    "                   [--rounds N] [--max-rounds N] [--interval secs]\n"
	    "                   [--wait max[,here,near]] [--expect-rtt ms]\n"
	    "                   [--baseline file.json] [--locations file] [--both] [--json]\n"
	    "                   [--report file [--owners file]] host\n"
	    "       " PROG " -r file [-n] [--expect-rtt ms] [--baseline file.json]\n"
	    "                   [--locations file] [--json] [--report file] [host]\n"
	    "\n"
	    "  -4, -6            IPv4 or IPv6 only (default: the address the system\n"
	    "                    would use for a name with both)\n"
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
	    "  --max-rounds N    cap while a finding is not yet placed (60)\n"
	    "  --interval secs   mean time between rounds after the first five (1.25;\n"
	    "                    random, so no periodic load falls into step)\n"
	    "  --wait m[,h,n]    give up on a probe after m s, or h x this hop's,\n"
	    "                    or n x a later hop's slowest reply (5,3,10)\n"
	    "  --expect-rtt ms   the round trip the destination should keep within (your\n"
	    "                    service level): above it is a fault, over-budget\n"
	    "  --baseline file   an earlier --json result to this host: a step new or\n"
	    "                    grown since is a fault, slow-link; its flow is reused\n"
	    "  --locations file  \"address-or-prefix lat lon\" lines: a step far beyond\n"
	    "                    what fibre allows between two places is slow-link\n"
	    "  --both            probe the name's IPv4 and IPv6 addresses in one run and\n"
	    "                    say how the two differ (outcome, round trip)\n"
	    "  --json            JSON on standard output\n"
	    "  --report file     also write a report for a manager (HTML; .md or .txt by\n"
	    "                    name), keeping the capture beside it (see probe-report(1))\n"
	    "  --owners file     who runs which addresses, for the report\n"
	    "\n"
	    "Exit status: 0 clean, 1 a fault found, 2 inconclusive,\n" FL_EXIT_HELP "\n"
	    "See ptrace-slow(1).\n");
}

/* What the options say together, once all are read. */
static void
check_args(bool rounds_set)
{
	if (opt.rfile == NULL && opt.host == NULL)
		cli_die(FL_EXIT_USAGE, "a host to trace is required (see --help)");
	if (opt.rfile != NULL && opt.wfile != NULL)
		cli_die(FL_EXIT_USAGE, "-r and -w cannot be used together");
	if (opt.both && (opt.family != 0 || opt.rfile != NULL || opt.baseline != NULL))
		cli_die(FL_EXIT_USAGE, "--both probes both families: not with -4, -6, -r or --baseline");
	/* The outputs are checked against it by live_start(). */
	cli_file_in("-r", opt.rfile);
	cli_file_in("--baseline", opt.baseline);
	cli_file_in("--locations", opt.locations);
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

/* A number of milliseconds, over 0 and at most a minute. */
static double
ms_arg(const char *name, const char *arg)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (*arg == '\0' || *end != '\0' || isnan(v) || isinf(v) || strpbrk(arg, "xX") != NULL)
		cli_die(FL_EXIT_USAGE, "%s: '%s' is not a number of milliseconds", name, arg);
	if (errno == ERANGE || v <= 0 || v > 60000)
		cli_die(FL_EXIT_USAGE, "%s: %s is out of range (over 0, at most 60000 ms)", name, arg);
	return v;
}

static void
parse_args(int argc, char **argv)
{
	enum { O_WAIT = 256, O_INTERVAL, O_ROUNDS, O_MAX_ROUNDS, O_JSON, O_REPORT, O_OWNERS,
		O_EXPECT_RTT, O_BASELINE, O_LOCATIONS, O_BOTH };
	static const struct option longs[] = {
		{ "wait", required_argument, NULL, O_WAIT },
		{ "interval", required_argument, NULL, O_INTERVAL },
		{ "rounds", required_argument, NULL, O_ROUNDS },
		{ "max-rounds", required_argument, NULL, O_MAX_ROUNDS },
		{ "json", no_argument, NULL, O_JSON },
		{ "report", required_argument, NULL, O_REPORT },
		{ "owners", required_argument, NULL, O_OWNERS },
		{ "expect-rtt", required_argument, NULL, O_EXPECT_RTT },
		{ "baseline", required_argument, NULL, O_BASELINE },
		{ "locations", required_argument, NULL, O_LOCATIONS },
		{ "both", no_argument, NULL, O_BOTH },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cli_num nums[] = {
		{ 'p', "-p", 1, 65535, &opt.port },
		{ 'f', "-f", 1, 255, &opt.first_ttl },
		{ 'm', "-m", 1, 255, &opt.max_ttl },
		{ 'q', "-q", 1, 10, &opt.nqueries },
		{ O_ROUNDS, "--rounds", 1, 1000, &opt.rounds },
		{ O_MAX_ROUNDS, "--max-rounds", 1, 1000, &opt.max_rounds },
		{ 0, NULL, 0, 0, NULL }
	};
	const struct cli_secs secs[] = {
		{ O_INTERVAL, "--interval", 0.01, 60, &opt.interval },
		{ 0, NULL, 0, 0, NULL }
	};
	char err[256];
	int ch;
	bool rounds_set = false;
	static const char shorts[] = ":46IUTnp:f:m:q:i:s:w:r:hV";

	cli_stdout(argc, argv, shorts, longs, O_JSON, PROG);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (cli_num_option(nums, ch, optarg) || cli_secs_option(secs, ch, optarg)) {
			rounds_set |= ch == O_ROUNDS;
			continue;
		}
		switch (ch) {
		case 'I':
		case 'U':
		case 'T':
			opt.proto = ch == 'I' ? 1 : ch == 'U' ? 17 : 6;
			opt.method = ch == 'I' ? "icmp" : ch == 'U' ? "udp" : "tcp";
			break;
		case '4':
		case '6':
			opt.family = ch - '0';
			break;
		case 'n':
			opt.numeric = true;
			break;
		case 'i':
			opt.iface = cli_iface_arg(optarg);
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
		case O_JSON:
			opt.json = true;
			break;
		case O_REPORT:
			opt.report = optarg;
			break;
		case O_OWNERS:
			opt.owners = optarg;
			break;
		case O_EXPECT_RTT:
			opt.expect_rtt_ms = ms_arg("--expect-rtt", optarg);
			break;
		case O_BASELINE:
			opt.baseline = optarg;
			break;
		case O_LOCATIONS:
			opt.locations = optarg;
			break;
		case O_BOTH:
			opt.both = true;
			break;
		default:
			cli_option_end(ch, argv, PROG, usage);
		}
	}
	if (optind < argc)
		opt.host = argv[optind++];
	if (optind < argc)
		cli_die(FL_EXIT_USAGE, "unexpected argument '%s' (see --help)", argv[optind]);
	check_args(rounds_set);
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
	json_object_set_new(o, "expect_rtt_ms", opt.expect_rtt_ms > 0 ?
	    json_real(opt.expect_rtt_ms) : json_null());
	json_object_set_new(o, "baseline", jo_name(opt.baseline));
	json_object_set_new(o, "locations", jo_name(opt.locations));
	json_object_set_new(o, "interval_s", json_real(opt.interval));
	json_object_set_new(o, "wait_s", json_pack("{s:f,s:f,s:f}", "max", opt.wait_max,
	    "here", opt.wait_here, "near", opt.wait_near));
	json_object_set_new(o, "interface", jo_name(opt.iface));
	json_object_set_new(o, "source", jo_name(opt.source));
	json_object_set_new(o, "write", jo_name(opt.wfile));
	json_object_set_new(o, "read", jo_name(opt.rfile));
	json_object_set_new(o, "report", jo_name(opt.report));
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

/*
 * The user's evidence (--baseline, --locations): opened before the
 * privilege drop, like every input, and read and parsed after it.
 */
#define LOCATIONS_BYTES	(16u << 20)

static struct {
	FILE			*bfile, *lfile;
	struct path_baseline	 bl;
	struct path_locations	 locs;
	bool			 have_bl, have_locs;
} ev;

static void
evidence_open(void)
{
	char err[512];

	if (opt.baseline != NULL &&
	    (ev.bfile = priv_open_input(opt.baseline, err, sizeof(err))) == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	if (opt.locations != NULL &&
	    (ev.lfile = priv_open_input(opt.locations, err, sizeof(err))) == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
}

/* All of f, at most max bytes; exits 65 on a larger file, 74 on a read error. */
static char *
slurp(FILE *f, const char *name, size_t max, size_t *len)
{
	size_t cap = 65536, n = 0, got;
	char *buf = malloc(cap + 1), *nb;

	if (buf == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n > max) {
			free(buf);
			cli_die(FL_EXIT_DATAERR, "%s: more than %zu bytes: not a file this reads",
			    name, max);
		}
		if (n == cap) {
			cap *= 2;
			if ((nb = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				cli_die(FL_EXIT_OSERR, "out of memory");
			}
			buf = nb;
		}
	}
	if (ferror(f)) {
		free(buf);
		cli_die(FL_EXIT_IOERR, "%s: %s", name, strerror(errno));
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

static void
evidence_read(struct path_params *pp)
{
	char err[512], *buf;
	size_t len;
	int rc;

	if (ev.bfile != NULL) {
		buf = slurp(ev.bfile, opt.baseline, PATH_BASELINE_MAX, &len);
		rc = path_baseline_parse(buf, len, &ev.bl, err, sizeof(err));
		free(buf);
		if (rc != 0)
			cli_die(FL_EXIT_DATAERR, "%s: %s", opt.baseline, err);
		fclose(ev.bfile);
		ev.have_bl = true;
		pp->baseline = &ev.bl;
	}
	if (ev.lfile != NULL) {
		buf = slurp(ev.lfile, opt.locations, LOCATIONS_BYTES, &len);
		rc = path_locations_parse(buf, len, &ev.locs, err, sizeof(err));
		free(buf);
		if (rc != 0)
			cli_die(FL_EXIT_DATAERR, "%s: %s", opt.locations, err);
		fclose(ev.lfile);
		ev.have_locs = true;
		pp->locations = &ev.locs;
	}
}

/* Like with like: the baseline must be of this target, by this method. */
static void
baseline_matches(const struct fl_addr *dst, uint8_t proto)
{
	char err[400];

	if (ev.have_bl && path_baseline_check(&ev.bl, dst, proto, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_DATAERR, "%s: %s", opt.baseline, err);
}

/* Resolve, or exit with the status for why not (the -w file goes with cli_die()). */
static void
resolve_or_die(const char *host, struct fl_addr *a, json_t *options)
{
	struct target t;
	char err[400];

	target_resolve_af(host, 3000, opt.family, &t);
	if (target_exit(t.status) != FL_EXIT_OK) {
		target_error(host, &t, err, sizeof(err));
		cli_die(target_exit(t.status), "%s", err);
	}
	*a = t.addr;
	if (options == NULL)
		return;
	/* Which family, and why: -4/-6, the address given, or the system's order. */
	json_object_set_new(options, "family", json_integer(a->family));
	json_object_set_new(options, "family_from", json_string(opt.family != 0 ? "option" :
	    !t.looked_up ? "address" : t.both ? "system order" : "only family"));
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

/* One family's outcome for --both's JSON. */
static json_t *
dual_side(const struct path_result *r)
{
	json_t *o = json_object();
	char a[FL_ADDRSTRLEN];

	json_object_set_new(o, "target", json_string(fl_addr_str(&r->dst, a, sizeof(a))));
	json_object_set_new(o, "kind", json_string(path_verdict_name(r->verdict.kind)));
	json_object_set_new(o, "hop", r->verdict.hop > 0 ? json_integer(r->verdict.hop) :
	    json_null());
	json_object_set_new(o, "address", fl_addr_is_set(&r->verdict.addr) ?
	    json_string(fl_addr_str(&r->verdict.addr, a, sizeof(a))) : json_null());
	json_object_set_new(o, "destination_ttl", r->dest_ttl > 0 ? json_integer(r->dest_ttl) :
	    json_null());
	json_object_set_new(o, "destination_rtt_ms", r->dest_ttl > 0 &&
	    r->hops[r->dest_ttl].rtt.n > 0 ? json_real(r->hops[r->dest_ttl].rtt.median) :
	    json_null());
	json_object_set_new(o, "summary", json_string(r->verdict.summary));
	return o;
}

static json_t *
dual_json(const struct path_result *v4, const struct path_result *v6, bool same,
    const char *summary)
{
	json_t *o = json_object();

	json_object_set_new(o, "ipv4", dual_side(v4));
	json_object_set_new(o, "ipv6", dual_side(v6));
	json_object_set_new(o, "same", json_boolean(same));
	json_object_set_new(o, "summary", json_string(summary));
	return o;
}

static int
report(const struct path_result *res, struct fl_envelope *env, const char *host,
    struct report_file *rf, const struct path_result *other)
{
	const struct path_result *v4 = res, *v6 = other;
	json_t *root;
	char err[300], dual[600] = "";
	bool same = false;
	int rc = 0;

	if (other != NULL) {
		if (res->dst.family == 6) {
			v4 = other;
			v6 = res;
		}
		same = path_dual_compare(v4, v6, dual, sizeof(dual));
	}
	if (!opt.json && render_text_path(stdout, res, env, host, opt.method) != 0)
		return -1;
	if (!opt.json && other != NULL &&
	    fprintf(stdout, "\nDual stack (--both): %s\nOver IPv%d: %s\n", dual,
	    other->dst.family, other->verdict.summary) < 0)
		return -1;
	if (!opt.json && rf->path == NULL)
		return 0;
	root = render_json_envelope(env);
	if (root == NULL || render_json_path(root, res, host, opt.method) != 0) {
		json_decref(root);
		return -1;
	}
	if (other != NULL)
		json_object_set_new(root, "dual_stack", dual_json(v4, v6, same, dual));
	/* The page first: a failure then still has standard output for its JSON error. */
	if (report_file_write(rf, root, PROG " " FL_VERSION, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_IOERR, "%s", err);
	if (opt.json && render_json_write(root, stdout) != 0)
		rc = -1;
	json_decref(root);
	return rc;
}

/*
 * The probe series -r reads: a traceroute (analyze/ptrace_slow/shape.h),
 * the one to the host asked for, else the one that answered most.  A
 * capture with none is refused with what it holds instead; one whose
 * link type the decoder does not read, with that link type.
 */
static uint32_t
pick_trace(const struct corr *c, const struct capture *cap, const struct fl_addr *want)
{
	char why[400], cut[320];
	int32_t g;
	const char *name;

	g = trace_pick(c, opt.host ? want : NULL, why, sizeof(why));
	if (g >= 0)
		return (uint32_t)g;
	if (!dec_linktype_supported(cap->linktype)) {
		name = pcap_datalink_val_to_name(cap->linktype);
		cli_die(FL_EXIT_DATAERR, "%s: link type %s (%d) is not one ptrace-slow reads "
		    "(Ethernet with VLAN tags, PPPoE or MPLS, PPP, Cisco HDLC, Linux cooked, raw "
		    "IP, loopback)", opt.rfile, name != NULL ? name : "unknown", cap->linktype);
	}
	cli_die(FL_EXIT_DATAERR, "%s: no traceroute among %u frames: %s%s", opt.rfile,
	    cap->frames, why, replay_cut_words(cap, cut, sizeof(cut)));
	return 0;
}

/*
 * In -r mode the options are what the capture held: its method, TTLs,
 * rounds and probes per hop, not this command's defaults.
 */
static void
options_from_capture(json_t *o, const struct corr *c, uint32_t g, const struct path_result *res)
{
	json_object_set_new(o, "method", json_string(opt.method));
	json_object_del(o, "port");
	if (res->proto != 1)
		json_object_set_new(o, "port", json_integer(res->dport));
	json_object_set_new(o, "first_ttl", json_integer(res->first_ttl));
	json_object_set_new(o, "max_ttl", json_integer(res->last_ttl));
	json_object_set_new(o, "queries", json_integer(trace_per_hop(c, g)));
	json_object_set_new(o, "rounds", json_integer(res->rounds));
	/*
	 * A long capture: the statistics are over evenly spaced blocks of
	 * rounds, the counts over all of them (correlate.h).
	 */
	if (res->round_stride > 1) {
		json_object_set_new(o, "rounds_in_capture", json_integer(res->rounds_read));
		json_object_set_new(o, "rounds_kept_every", json_integer(res->round_stride));
	}
	json_object_del(o, "max_rounds");
	json_object_del(o, "interval_s");
	json_object_set_new(o, "from_capture", json_true());
}

static int
run_file(struct fl_envelope *env, struct path_params *pp, struct report_file *rf)
{
	struct path_result res;
	struct readers rd;
	struct capture cap;
	struct fl_addr want;
	struct corr *c;
	const struct corr_probe *p0 = NULL;
	char err[512];
	uint32_t i, g;
	FILE *in;
	int rc;

	in = priv_open_input(opt.rfile, err, sizeof(err));
	if (in == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	if (report_file_open(rf, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (outfile_drop_privileges(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	evidence_read(pp);
	memset(&want, 0, sizeof(want));
	if (opt.host != NULL)
		resolve_or_die(opt.host, &want, NULL);
	c = replay_corr(corr_new(NULL, (int64_t)(opt.wait_max * 1e9)));
	readers_init(&rd);
	readers_add(&rd, corr_reader, c);
	replay_file(in, opt.rfile, &cap, &rd);
	corr_finish(c);
	g = pick_trace(c, &cap, &want);
	baseline_matches(&corr_group(c, g)->dst, corr_group(c, g)->proto);
	if (infer_path(c, g, pp, &res, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	for (i = 0; i < corr_nprobes(c) && p0 == NULL; i++)
		if (corr_probe(c, i)->group == g)
			p0 = corr_probe(c, i);
	if (p0 != NULL)
		env->started_at = p0->ts;
	/* The capture's probes say which method was used, not our options. */
	opt.method = res.proto == 17 ? "udp" : res.proto == 6 ? "tcp" : "icmp";
	options_from_capture(env->options, c, g, &res);
	env->src = res.src;
	replay_envelope(env, &cap, opt.rfile);
	env->cnt = corr_counters(c);
	if (!opt.numeric)
		name_hops(&res);
	if (report(&res, env, opt.host, rf, NULL) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	rc = exit_for(res.verdict.kind);
	path_result_free(&res);
	replay_corr_free(c);
	replay_close(&cap);
	return rc;
}

/*
 * The way to dst: the source address (the route's, or -s), the
 * interface, and the gateway (for the report's claim on who runs hop 1).
 */
static void
route_to(const struct fl_addr *dst, struct fl_addr *src, struct fl_envelope *env,
    char *ifname, size_t iflen)
{
	struct route_info ri;
	struct fl_addr want;
	char err[300];

	if (opt.source != NULL && (fl_addr_parse(opt.source, &want) != 0 ||
	    want.family != dst->family))
		cli_die(FL_EXIT_USAGE, "-s: '%s' is not an IPv%d address", opt.source,
		    dst->family);
	if (opt.source != NULL && localnet_iface_of(&want, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_USAGE, "-s: %s is not an address of this host", opt.source);
	if (localnet_source(dst, opt.source ? &want : NULL, &ri, src, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	snprintf(ifname, iflen, "%s", opt.iface ? opt.iface : ri.ifname);
	env->gateway = ri.gateway;
}

/*
 * With --baseline, its flow: the identifiers per-flow load balancing
 * hashes (ICMP identifier and checksum, or the ports), so the probes take
 * its path if it is still there.  When its source port is taken here,
 * pick_flow() goes on with random ones, and the path-change finding says
 * the flows differ.
 */
static void
baseline_flow(struct craft_flow *flow)
{
	struct path_flow pf;

	if (!ev.have_bl || !path_baseline_flow(&ev.bl, &pf) || pf.proto != opt.proto)
		return;
	if (pf.proto == 1) {
		flow->echo_id = pf.echo_id;
		if (pf.echo_cksum != 0)
			flow->echo_cksum = pf.echo_cksum;
	} else {
		flow->sport = pf.sport;
		flow->dport = pf.dport;
	}
}

/*
 * A random flow (or the baseline's), with its UDP or TCP source port held
 * for the run so no local program is given it.  Returns the holding
 * descriptor (-1 for ICMP).
 */
static int
pick_flow(struct craft_flow *flow, const struct fl_addr *src, const struct fl_addr *dst)
{
	char err[300];
	int tries, held;

	for (tries = 0; tries < 16; tries++) {
		if (craft_random_flow(flow, opt.proto, src, dst, (uint16_t)opt.port,
		    err, sizeof(err)) != 0)
			cli_die(FL_EXIT_OSERR, "%s", err);
		if (tries == 0)
			baseline_flow(flow);
		if (opt.proto == 1)
			return -1;
		if ((held = port_hold(src, opt.proto, flow->sport)) >= 0)
			return held;
	}
	cli_die(FL_EXIT_OSERR, "no free local port for the probes");
}

/* The correlator, told which flow is ours. */
static struct corr *
new_corr(const struct craft_flow *flow)
{
	struct corr_sig sig;

	memset(&sig, 0, sizeof(sig));
	sig.src = flow->src;
	sig.dst = flow->dst;
	sig.proto = opt.proto;
	sig.a = opt.proto == 1 ? flow->echo_id : flow->sport;
	sig.b = opt.proto == 1 ? 0 : flow->dport;
	return replay_corr(corr_new(&sig, (int64_t)(opt.wait_max * 1e9)));
}

static void
trace_config(struct trace_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->proto = opt.proto;
	cfg->first_ttl = (int)opt.first_ttl;
	cfg->max_ttl = (int)opt.max_ttl;
	cfg->nqueries = (int)opt.nqueries;
	cfg->rounds = (unsigned int)opt.rounds;
	cfg->max_rounds = (unsigned int)opt.max_rounds;
	cfg->interval_s = opt.interval;
	cfg->wait_max = opt.wait_max;
	cfg->wait_here = opt.wait_here;
	cfg->wait_near = opt.wait_near;
	cfg->stop = cli_stop_flag();
	if (!opt.json && isatty(STDERR_FILENO))
		cfg->progress = progress;
}

/* Send the schedule and read what comes back; exits on a failed send or capture. */
static void
probe(struct live *lv, const struct craft_flow *flow, struct corr *c,
    const struct path_params *pp, struct trace_stats *st)
{
	struct trace_cfg cfg;
	struct craft cr;
	char err[512];
	int saved;

	craft_init(&cr, flow->dst.family == 6 ? lv->ln6 : lv->ln, flow);
	trace_config(&cfg);
	cli_catch_signals();
	if (trace_run(&cfg, &cr, &lv->cap, c, pp, st, err, sizeof(err)) != 0) {
		saved = errno;
		if (cfg.progress)
			fprintf(stderr, "\n");
		cli_die(saved == EPERM || saved == EACCES ? FL_EXIT_NOPERM : FL_EXIT_OSERR,
		    "%s%s", err, saved == EPERM ? " (a local firewall refuses the probes)" : "");
	}
	if (cfg.progress)
		fprintf(stderr, "\r%-78s\r", "");
}

/* One family's trace of a run: its target, flow, correlator and result. */
struct family_run {
	struct fl_addr		 dst, src, gateway;
	struct corr		*c;
	struct trace_stats	 st;
	struct path_result	 res;
	char			 ifname[64];
};

/* Probe one family's address (route, flow, filter, schedule). */
static void
trace_family(struct live *lv, struct fl_envelope *env, const struct path_params *pp,
    struct family_run *fr)
{
	struct craft_flow flow;
	char err[512], filter[1200];
	int held;

	if (fr->dst.family == 6 && lv->ln6 == NULL)
		cli_die(FL_EXIT_OSERR, "%s: %s", opt.host, lv->ln6_err);
	route_to(&fr->dst, &fr->src, env, fr->ifname, sizeof(fr->ifname));
	fr->gateway = env->gateway;
	held = pick_flow(&flow, &fr->src, &fr->dst);
	if (trace_filter(&flow, filter, sizeof(filter)) != 0 ||
	    capture_filter(&lv->cap, filter, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	fr->c = new_corr(&flow);
	probe(lv, &flow, fr->c, pp, &fr->st);
	if (held >= 0)
		close(held);
}

/* Its reading, once the capture is finished. */
static void
infer_family(struct family_run *fr, const struct path_params *pp)
{
	char err[512];

	if (corr_ngroups(fr->c) == 0)
		cli_die(FL_EXIT_OSERR, "none of the %u probes sent was seen on %s: the capture "
		    "cannot measure anything", fr->st.sent, fr->ifname[0] ? fr->ifname : "any");
	if (infer_path(fr->c, 0, pp, &fr->res, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	if (!opt.numeric)
		name_hops(&fr->res);
}

/*
 * --both: the name's address in the system's order first, then its
 * first of the other family; a name without both is refused.
 */
static void
resolve_both(struct fl_addr *first, struct fl_addr *second, json_t *options)
{
	struct target t;
	char err[400];

	resolve_or_die(opt.host, first, options);
	target_resolve_af(opt.host, 3000, first->family == 4 ? 6 : 4, &t);
	if (target_exit(t.status) != FL_EXIT_OK) {
		target_error(opt.host, &t, err, sizeof(err));
		cli_die(target_exit(t.status), "--both: %s", err);
	}
	*second = t.addr;
}

/* The worse of two runs' exit statuses: a fault, then inconclusive, then clean. */
static int
worse(int a, int b)
{
	return a == 1 || b == 1 ? 1 : a == 2 || b == 2 ? 2 : a > b ? a : b;
}

static int
run_live(struct fl_envelope *env, struct path_params *pp, struct report_file *rf)
{
	/*
	 * Probes and the ICMP errors about them fit in an Ethernet MTU
	 * (routers quote at most 576 bytes, RFC 1812); a short snap length
	 * also lets the 2 MB ring hold ~1300 frames of a round's burst.  The
	 * capture is on -i, or on "any" since the route, and so the
	 * interface, is not known before the name is.
	 */
	const struct live_cfg lc = { opt.iface, 1500, true, 2, NULL, opt.wfile, rf };
	struct family_run fr[2];
	struct live lv;
	int rc, n = opt.both ? 2 : 1, i;

	memset(fr, 0, sizeof(fr));
	live_open(&lv, &lc);
	evidence_read(pp);
	if (opt.both)
		resolve_both(&fr[0].dst, &fr[1].dst, env->options);
	else
		resolve_or_die(opt.host, &fr[0].dst, env->options);
	baseline_matches(&fr[0].dst, opt.proto);
	for (i = 0; i < n; i++)
		trace_family(&lv, env, pp, &fr[i]);
	live_finish(&lv, env);
	for (i = 0; i < n; i++)
		infer_family(&fr[i], pp);
	env->src = fr[0].src;
	env->gateway = fr[0].gateway;
	env->iface = fr[0].ifname[0] ? fr[0].ifname : NULL;
	env->cnt = corr_counters(fr[0].c);
	for (i = 0; i < n; i++) {
		env->sent += fr[i].st.sent;
		env->sent_unseen += fr[i].st.unseen;
		env->duration_s += fr[i].st.duration_s;
	}
	if (report(&fr[0].res, env, opt.host, rf, opt.both ? &fr[1].res : NULL) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	rc = exit_for(fr[0].res.verdict.kind);
	if (opt.both)
		rc = worse(rc, exit_for(fr[1].res.verdict.kind));
	for (i = 0; i < n; i++) {
		path_result_free(&fr[i].res);
		replay_corr_free(fr[i].c);
	}
	live_close(&lv);
	return rc;
}

int
main(int argc, char **argv)
{
	struct fl_envelope env;
	struct path_params pp;
	json_t *options;
	struct report_file rf;
	int rc;

	parse_args(argc, argv);
	evidence_open();
	infer_path_defaults(&pp);
	pp.read_capture = opt.rfile != NULL;
	pp.expect_rtt_ms = opt.expect_rtt_ms;
	live_start(&env, &rf, PROG, opt.report, opt.owners, opt.rfile != NULL ? NULL : &opt.wfile);
	env.options = options = options_json();
	rc = opt.rfile != NULL ? run_file(&env, &pp, &rf) : run_live(&env, &pp, &rf);
	json_decref(options);
	return rc;
}
