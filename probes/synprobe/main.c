/*
 * synprobe: can a TCP connection to HOST:PORT be made, and if not, is it
 * this machine, the path, or the server, which device, and how sure?
 *
 * Order of business: parse options; open the raw socket, the capture and
 * the output file; drop privileges and check the drop; then resolve the
 * name (itself a check: NXDOMAIN, SERVFAIL... is a client verdict),
 * look at this machine's route and gateway, probe, and read the result.
 * A saved capture (-r), or a client's and a server's (--server-capture),
 * goes through the same rules.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "analyze/common/jsonout.h"
#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/pcap_triage/render.h"
#include "analyze/pcap_triage/triage.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/readers.h"
#include "analyze/synprobe/render.h"
#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/live.h"
#include "probes/cli/opts.h"
#include "probes/cli/replay.h"
#include "probes/cli/outfile.h"
#include "probes/cli/reportfile.h"
#include "probes/host/localnet.h"
#include "probes/host/target.h"
#include "probes/priv.h"
#include "probes/synprobe/synscan.h"
#include "probes/wire/capture.h"
#include "probes/wire/craft.h"
#include "probes/wire/port.h"

#define PROG	"synprobe"

/* The parsed command line: the only global state (see STYLE.md). */
static struct {
	char		 host[256];
	uint16_t	 port;
	int		 family;	/* -4, -6; 0: the system's order */
	bool		 numeric;
	const char	*iface, *source, *wfile, *rfile, *sfile;
	uint16_t	 controls[SYN_MAX_CTRL];
	int		 ncontrols;
	long		 attempts, max_ttl;
	double		 wait_min, wait_max, banner_wait;
	int		 banner;	/* -1 by port, 0 never, 1 always */
	char		*ftp_user, *ftp_pass;
	bool		 json;
	const char	*report, *owners;
} opt = {
	.attempts = 3, .max_ttl = 30, .wait_min = 0.25, .wait_max = 2.0, .banner_wait = 3.0,
	.banner = -1,
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: " PROG " [-4 | -6] [-n] [-i interface] [-s source] [-w file] [--control-port port]...\n"
	    "                [--attempts N] [-m max_ttl] [--wait min,max] [--banner | --no-banner]\n"
	    "                [--banner-wait secs] [--ftp-login user:password] [--json] host:port\n"
	    "                [--report file [--owners file]]\n"
	    "       " PROG " -r file [--server-capture file] [--json] [--report file] [host:port]\n"
	    "\n"
	    "  host:port             the service; [address]:port for IPv6 literals\n"
	    "  -4, -6                IPv4 or IPv6 only (default: the address the system\n"
	    "                        would use for a name with both)\n"
	    "  -n                    no reverse DNS lookups\n"
	    "  -i interface          send and capture on this interface\n"
	    "  -s source             source address\n"
	    "  -w file               write the capture (pcap) to file\n"
	    "  -r file               analyse a saved capture (the client's side)\n"
	    "  --server-capture file the server's capture of the same problem (with -r)\n"
	    "  --control-port port   compare with this port (repeatable; 22, 80, 443)\n"
	    "  --attempts N          SYNs to the port before giving up (3)\n"
	    "  -m max_ttl            TTL-limited probes up to this TTL (30)\n"
	    "  --wait min,max        bounds of the adaptive timeout, seconds (0.25,2)\n"
	    "  --banner, --no-banner wait for a greeting whatever the port, or never\n"
	    "                        (default: on ports where the server speaks first)\n"
	    "  --banner-wait secs    how long to wait for it (3)\n"
	    "  --ftp-login user:pass try an FTP login after the greeting\n"
	    "  --json                JSON on standard output\n"
	    "  --report file         also write a report for a manager (HTML; .md or .txt\n"
	    "                        by name), keeping the capture beside it\n"
	    "  --owners file         who runs which addresses, for the report\n"
	    "\n"
	    "Exit status: 0 no fault, 1 a fault found, 2 unknown,\n" FL_EXIT_HELP "\n"
	    "See synprobe(1).\n");
}

/* "host:port", "[v6]:port"; the port is required and checked. */
static void
parse_target(const char *arg)
{
	const char *colon;
	char err[160];
	long port;
	size_t hl;

	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');

		if (close == NULL || close[1] != ':')
			cli_die(FL_EXIT_USAGE, "'%s' is not [address]:port", arg);
		hl = (size_t)(close - arg - 1);
		if (hl == 0 || hl >= sizeof(opt.host))
			cli_die(FL_EXIT_USAGE, "'%s' is not [address]:port", arg);
		memcpy(opt.host, arg + 1, hl);
		opt.host[hl] = '\0';
		colon = close + 1;
	} else {
		colon = strrchr(arg, ':');
		if (colon == NULL)
			cli_die(FL_EXIT_USAGE, "'%s' has no port: use host:port", arg);
		if (memchr(arg, ':', (size_t)(colon - arg)) != NULL)
			cli_die(FL_EXIT_USAGE, "'%s': put an IPv6 address in brackets, [address]:port",
			    arg);
		hl = (size_t)(colon - arg);
		if (hl == 0 || hl >= sizeof(opt.host))
			cli_die(FL_EXIT_USAGE, "'%s' has no host: use host:port", arg);
		memcpy(opt.host, arg, hl);
		opt.host[hl] = '\0';
	}
	if (opt_long(colon + 1, "port", 1, 65535, &port, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_USAGE, "%s", err);
	opt.port = (uint16_t)port;
}

/* --wait min,max */
static void
parse_wait(const char *arg)
{
	char buf[64], err[256], *comma;

	snprintf(buf, sizeof(buf), "%s", arg);
	comma = strchr(buf, ',');
	if (comma == NULL)
		cli_die(FL_EXIT_USAGE, "--wait: expected min,max, got '%s'", arg);
	*comma = '\0';
	if (opt_seconds(buf, "--wait min", 0.01, 10, &opt.wait_min, err, sizeof(err)) != 0 ||
	    opt_seconds(comma + 1, "--wait max", 0.01, 30, &opt.wait_max, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_USAGE, "%s", err);
	if (opt.wait_min > opt.wait_max)
		cli_die(FL_EXIT_USAGE, "--wait: min %g is above max %g", opt.wait_min, opt.wait_max);
}

/* --ftp-login user:password, the password kept out of ps(1) from now on. */
static void
parse_ftp_login(char *arg)
{
	char *colon = strchr(arg, ':');

	if (colon == NULL || colon == arg)
		cli_die(FL_EXIT_USAGE, "--ftp-login: expected user:password");
	opt.ftp_user = strndup(arg, (size_t)(colon - arg));
	opt.ftp_pass = strdup(colon + 1);
	if (opt.ftp_user == NULL || opt.ftp_pass == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	memset(colon + 1, 'x', strlen(colon + 1));
}

static void
add_control(const char *arg)
{
	char err[256];
	long v;

	if (opt.ncontrols >= SYN_MAX_CTRL)
		cli_die(FL_EXIT_USAGE, "--control-port: at most %d", SYN_MAX_CTRL);
	if (opt_long(arg, "--control-port", 1, 65535, &v, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_USAGE, "%s", err);
	opt.controls[opt.ncontrols++] = (uint16_t)v;
}

/* What the options say together, once all are read. */
static void
check_args(void)
{
	if (opt.rfile == NULL && opt.host[0] == '\0')
		cli_die(FL_EXIT_USAGE, "host:port is required (see --help)");
	if (opt.sfile != NULL && opt.rfile == NULL)
		cli_die(FL_EXIT_USAGE, "--server-capture goes with -r (the client's capture)");
	if (opt.rfile != NULL && opt.wfile != NULL)
		cli_die(FL_EXIT_USAGE, "-r and -w cannot be used together");
	/* One capture read twice is one side twice: not the independent evidence of two. */
	if (cli_same_file(opt.rfile, opt.sfile))
		cli_die(FL_EXIT_USAGE, "--server-capture %s is the capture -r reads: the server's "
		    "side must be a capture of its own", opt.sfile);
	/* The outputs are checked against these by live_start(). */
	cli_file_in("-r", opt.rfile);
	cli_file_in("--server-capture", opt.sfile);
	if (opt.ncontrols == 0) {
		static const uint16_t common[] = { 22, 80, 443 };
		size_t i;

		for (i = 0; i < sizeof(common) / sizeof(common[0]); i++)
			if (common[i] != opt.port)
				opt.controls[opt.ncontrols++] = common[i];
	}
}

static void
parse_args(int argc, char **argv)
{
	enum { O_CTRL = 256, O_ATT, O_WAIT, O_BANNER, O_NOBANNER, O_BWAIT, O_FTP, O_SERVER,
	    O_JSON, O_REPORT, O_OWNERS };
	static const struct option longs[] = {
		{ "control-port", required_argument, NULL, O_CTRL },
		{ "attempts", required_argument, NULL, O_ATT },
		{ "wait", required_argument, NULL, O_WAIT },
		{ "banner", no_argument, NULL, O_BANNER },
		{ "no-banner", no_argument, NULL, O_NOBANNER },
		{ "banner-wait", required_argument, NULL, O_BWAIT },
		{ "ftp-login", required_argument, NULL, O_FTP },
		{ "server-capture", required_argument, NULL, O_SERVER },
		{ "json", no_argument, NULL, O_JSON },
		{ "report", required_argument, NULL, O_REPORT },
		{ "owners", required_argument, NULL, O_OWNERS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cli_num nums[] = {
		{ 'm', "-m", 1, SYN_MAX_TTL, &opt.max_ttl },
		/* Each attempt has its own port and flow: at most 6 with the rest. */
		{ O_ATT, "--attempts", 1, 6, &opt.attempts },
		{ 0, NULL, 0, 0, NULL }
	};
	const struct cli_secs secs[] = {
		{ O_BWAIT, "--banner-wait", 0.1, 60, &opt.banner_wait },
		{ 0, NULL, 0, 0, NULL }
	};
	int ch;
	static const char shorts[] = ":46ni:s:w:r:m:hV";

	cli_stdout(argc, argv, shorts, longs, O_JSON, PROG);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (cli_num_option(nums, ch, optarg) || cli_secs_option(secs, ch, optarg))
			continue;
		switch (ch) {
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
		case O_CTRL:
			add_control(optarg);
			break;
		case O_WAIT:
			parse_wait(optarg);
			break;
		case O_BANNER:
		case O_NOBANNER:
			opt.banner = ch == O_BANNER;
			break;
		case O_FTP:
			parse_ftp_login(optarg);
			break;
		case O_SERVER:
			opt.sfile = optarg;
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
		parse_target(argv[optind++]);
	if (optind < argc)
		cli_die(FL_EXIT_USAGE, "unexpected argument '%s' (see --help)", argv[optind]);
	check_args();
}

static json_t *
options_json(void)
{
	json_t *o = json_object(), *c = json_array();
	int i;

	for (i = 0; i < opt.ncontrols; i++)
		json_array_append_new(c, json_integer(opt.controls[i]));
	json_object_set_new(o, "control_ports", c);
	json_object_set_new(o, "attempts", json_integer(opt.attempts));
	json_object_set_new(o, "max_ttl", json_integer(opt.max_ttl));
	json_object_set_new(o, "wait_s", json_pack("{s:f,s:f}", "min", opt.wait_min, "max",
	    opt.wait_max));
	json_object_set_new(o, "banner", opt.banner < 0 ? json_string("auto") :
	    json_boolean(opt.banner));
	json_object_set_new(o, "banner_wait_s", json_real(opt.banner_wait));
	json_object_set_new(o, "ftp_login", jo_name(opt.ftp_user));
	json_object_set_new(o, "numeric", json_boolean(opt.numeric));
	json_object_set_new(o, "interface", jo_name(opt.iface));
	json_object_set_new(o, "source", jo_name(opt.source));
	json_object_set_new(o, "write", jo_name(opt.wfile));
	json_object_set_new(o, "read", jo_name(opt.rfile));
	json_object_set_new(o, "report", jo_name(opt.report));
	json_object_set_new(o, "server_capture", jo_name(opt.sfile));
	return o;
}

static int
exit_for(enum fault f)
{
	return f == FAULT_NONE ? FL_EXIT_OK : f == FAULT_UNKNOWN ? FL_EXIT_INCONCLUSIVE : FL_EXIT_FAULT;
}

/* -r: every connection of the capture, read with pcap-triage's readers. */
static struct triage *file_tri;

static int
report(const struct syn_result *r, const struct syn_local *l, struct fl_envelope *env,
    struct report_file *rf)
{
	const char *host = opt.host[0] ? opt.host : NULL;
	char err[300];
	json_t *root;
	int rc;

	if (!opt.json && render_text_syn(stdout, r, l, env, host) != 0)
		return -1;
	if (!opt.json && file_tri != NULL && render_text_conns(stdout, file_tri) != 0)
		return -1;
	if (!opt.json && rf->path == NULL)
		return 0;
	root = render_json_envelope(env);
	if (root == NULL)
		return -1;
	rc = render_json_syn(root, r, l, host) == 0 ? 0 : -1;
	if (rc == 0 && file_tri != NULL)
		json_object_set_new(root, "capture_connections", render_json_conns(file_tri));
	/* The page first: a failure then still has standard output for its JSON error. */
	if (rc == 0 && report_file_write(rf, root, PROG " " FL_VERSION, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_IOERR, "%s", err);
	if (rc == 0 && opt.json && render_json_write(root, stdout) != 0)
		rc = -1;
	json_decref(root);
	return rc;
}

static void
tri_hook(void *t)
{
	triage_free(t);
}

/*
 * Read a saved capture into a new correlator (and l's notes); exits on
 * failure.  With tri, pcap-triage's readers read every frame too, for
 * every connection of the capture (file_tri).
 */
static struct corr *
read_capture(FILE *in, const char *path, struct capture *cap, struct syn_local *l, bool tri)
{
	struct tri_opts to;
	struct readers rd;
	struct corr *c;

	c = replay_corr(corr_new(NULL, 30 * 1000000000LL));
	readers_init(&rd);
	if (tri) {
		memset(&to, 0, sizeof(to));
		to.numeric = opt.numeric;
		if ((file_tri = triage_new(&to, 0)) == NULL)
			cli_die(FL_EXIT_OSERR, "out of memory");
		cli_on_die(tri_hook, file_tri);
		triage_readers(file_tri, &rd);
	}
	syn_readers_add(&rd, l, c);
	replay_file(in, path, cap, &rd);
	corr_finish(c);
	if (tri)
		triage_finish(file_tri);
	return c;
}

/* The address a name on the command line stands for, or the exit for why not. */
static struct fl_addr
resolve_or_die(const char *host)
{
	struct target t;
	char err[400];

	target_resolve_af(host, 3000, opt.family, &t);
	if (target_exit(t.status) != FL_EXIT_OK) {
		target_error(host, &t, err, sizeof(err));
		cli_die(target_exit(t.status), "%s", err);
	}
	return t.addr;
}

static int
run_file(struct fl_envelope *env, struct report_file *rf)
{
	struct capture ccap, scap;
	struct syn_local l;
	struct syn_result r;
	struct syn_plan plan;
	struct corr *cc, *sc = NULL;
	FILE *cin, *sin = NULL;
	char err[512], cut[320];
	int rc;

	cin = priv_open_input(opt.rfile, err, sizeof(err));
	if (cin == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	if (opt.sfile != NULL && (sin = priv_open_input(opt.sfile, err, sizeof(err))) == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	if (report_file_open(rf, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (outfile_drop_privileges(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	memset(&l, 0, sizeof(l));
	memset(&plan, 0, sizeof(plan));
	plan.full_ttl = 32;
	cc = read_capture(cin, opt.rfile, &ccap, &l, true);
	if (sin != NULL)
		sc = read_capture(sin, opt.sfile, &scap, NULL, false);
	if (!syn_guess_target(cc, &l, &plan))
		cli_die(FL_EXIT_DATAERR, "%s: no TCP SYN found among %u frames%s", opt.rfile,
		    ccap.frames, replay_cut_words(&ccap, cut, sizeof(cut)));
	if (opt.host[0] != '\0') {
		plan.dst = resolve_or_die(opt.host);
		plan.port = opt.port;
	}
	rc = sc != NULL ? infer_syn_two_sided(cc, sc, &plan, &r, err, sizeof(err)) :
	    infer_syn(cc, &plan, &l, &r, err, sizeof(err));
	if (rc != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	env->src = plan.src;
	replay_envelope(env, &ccap, opt.rfile);
	env->cnt = corr_counters(cc);
	if (r.natt > 0)
		env->started_at = r.att[0].ts;
	if (report(&r, &l, env, rf) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	rc = exit_for(r.v.fault);
	syn_result_free(&r);
	replay_corr_free(sc);
	replay_corr_free(cc);
	if (sc != NULL)
		replay_close(&scap);
	replay_close(&ccap);
	cli_off_die(tri_hook, file_tri);
	triage_free(file_tri);
	file_tri = NULL;
	return rc;
}

/* Finish the -w file, then report and leave. */
static int
conclude(struct live *lv, struct corr *c, const struct syn_local *l,
    const struct syn_result *r, struct fl_envelope *env, struct report_file *rf)
{
	live_finish(lv, env);
	env->sent = l->sent;
	env->cnt = c ? corr_counters(c) : NULL;
	env->duration_s = l->duration_s;
	if (report(r, l, env, rf) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	return exit_for(r->v.fault);
}

/*
 * A verdict this host reaches before sending anything (the name does not
 * resolve, there is no route): the same rules over an empty capture.
 */
static int
local_verdict(struct live *lv, const struct syn_plan *plan, const struct syn_local *l,
    struct fl_envelope *env, struct report_file *rf)
{
	struct syn_result r;
	struct corr *c = replay_corr(corr_new(NULL, 0));
	char err[128];
	int rc;

	if (infer_syn(c, plan, l, &r, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "out of memory");
	rc = conclude(lv, c, l, &r, env, rf);
	syn_result_free(&r);
	replay_corr_free(c);
	return rc;
}

/*
 * The name, as the system resolves it: a failure is itself the verdict
 * (the client's), with what the resolver said.  False when it failed.
 */
static bool
look_up(struct syn_local *l, struct syn_plan *plan)
{
	struct target t;

	target_resolve_af(opt.host, 4000, opt.family, &t);
	if (t.status == DNS_BAD_NAME) {
		char err[400];

		target_error(opt.host, &t, err, sizeof(err));
		cli_die(target_exit(t.status), "%s", err);
	}
	l->dns_looked_up = t.looked_up;
	snprintf(l->dns_status, sizeof(l->dns_status), "%s", dns_status_name(t.status));
	snprintf(l->dns_detail, sizeof(l->dns_detail), "%s", t.detail);
	snprintf(l->dns_resolver, sizeof(l->dns_resolver), "%s", t.resolver);
	l->dns_ms = t.ms;
	if (t.status != DNS_OK && t.status != DNS_LITERAL) {
		l->dns_failed = true;
		return false;
	}
	plan->dst = t.addr;
	return true;
}

/*
 * This host's way to the target: route, gateway, source (-s or the
 * route's).  False when there is no route (itself the verdict).
 */
static bool
route_to(struct syn_local *l, struct syn_plan *plan, struct route_info *ri,
    struct fl_envelope *env)
{
	char err[300];

	if (localnet_route(&plan->dst, ri, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	if (!ri->found) {
		l->no_route = true;
		snprintf(l->route_detail, sizeof(l->route_detail), "%s",
		    ri->rtn_type == 0 ? "no matching route" : "the matching route rejects it");
		return false;
	}
	snprintf(l->ifname, sizeof(l->ifname), "%s", ri->ifname);
	l->gateway = ri->gateway;
	env->gateway = ri->gateway;
	l->arp_for = fl_addr_is_set(&ri->gateway) ? ri->gateway : plan->dst;
	if (opt.source != NULL) {
		if (fl_addr_parse(opt.source, &plan->src) != 0 ||
		    plan->src.family != plan->dst.family)
			cli_die(FL_EXIT_USAGE, "-s: '%s' is not an IPv%d address", opt.source,
			    plan->dst.family);
		if (localnet_iface_of(&plan->src, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_USAGE, "-s: %s is not an address of this host", opt.source);
	} else if (fl_addr_is_set(&ri->prefsrc)) {
		plan->src = ri->prefsrc;
	} else if (plan->dst.family == 6) {
		/* IPv6 routes seldom name a source: the kernel's choice. */
		struct route_info r6;

		if (localnet_source(&plan->dst, NULL, &r6, &plan->src, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_OSERR, "%s", err);
	} else {
		cli_die(FL_EXIT_OSERR, "no source address for the route to %s", opt.host);
	}
	env->src = plan->src;
	env->iface = l->ifname[0] ? l->ifname : NULL;
	return true;
}

/*
 * The probes' flow, and a source port of its own for each SYN attempt,
 * held for the run (held[]: the descriptors to close).
 */
static void
pick_ports(struct craft_flow *flow, const struct syn_plan *plan, struct syn_cfg *cfg,
    int *held)
{
	char err[300];
	int i, tries;

	if (craft_random_flow(flow, 6, &plan->src, &plan->dst, opt.port, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	for (i = 0; i < opt.attempts; i++) {
		for (tries = 0; tries < 16; tries++) {
			uint16_t port = (uint16_t)(33000 + (flow->sport - 33000 + i * 7919 +
			    tries * 104729) % 28000);

			if ((held[i] = port_hold(&plan->src, 6, port)) >= 0) {
				cfg->sports[i] = port;
				break;
			}
		}
		if (held[i] < 0)
			cli_die(FL_EXIT_OSERR, "no free local port for the probes");
	}
	flow->sport = cfg->sports[0];
}

/* The correlator, told which flows are ours: each attempt's, and the echo's. */
static struct corr *
new_corr(const struct syn_plan *plan, const struct syn_cfg *cfg, uint16_t echo_id)
{
	struct corr_sig sig;
	struct corr *c;
	int i;

	c = replay_corr(corr_new(NULL, 30 * 1000000000LL));
	memset(&sig, 0, sizeof(sig));
	sig.src = plan->src;
	sig.dst = plan->dst;
	sig.proto = 6;
	for (i = 0; i < opt.attempts; i++) {
		sig.a = cfg->sports[i];
		if (corr_add_sig(c, &sig) != 0)
			cli_die(FL_EXIT_OSERR, "too many flows to follow");
	}
	sig.proto = 1;
	sig.a = echo_id;
	(void)corr_add_sig(c, &sig);
	return c;
}

static void
scan_config(struct syn_cfg *cfg, const struct syn_plan *plan, const struct readers *rd)
{
	cfg->dst = plan->dst;
	cfg->port = opt.port;
	memcpy(cfg->controls, opt.controls, sizeof(cfg->controls));
	cfg->ncontrols = opt.ncontrols;
	cfg->max_ttl = (int)opt.max_ttl;
	cfg->attempts = (int)opt.attempts;
	cfg->wait_min = opt.wait_min;
	cfg->wait_max = opt.wait_max;
	cfg->host_wait = 4.0;
	cfg->banner_wait = opt.banner_wait;
	cfg->banner_expected = opt.banner < 0 ? syn_speaks_first(opt.port) : opt.banner == 1;
	cfg->ftp_user = opt.ftp_user;
	cfg->ftp_pass = opt.ftp_pass;
	cfg->stop = cli_stop_flag();
	cfg->readers = rd;
}

static int
run_live(struct fl_envelope *env, struct report_file *rf)
{
	const struct live_cfg lc = { opt.iface, 1500, true, 2, NULL, opt.wfile, rf };
	struct craft_flow flow;
	struct craft cr;
	struct route_info ri;
	struct syn_local l;
	struct syn_plan plan;
	struct syn_result r;
	struct syn_cfg cfg;
	struct readers rd;
	struct live lv;
	struct corr *c;
	char err[512], filter[600];
	int held[SYN_MAX_TRIES], rc, i;

	live_open(&lv, &lc);
	memset(&l, 0, sizeof(l));
	memset(&plan, 0, sizeof(plan));
	memset(&cfg, 0, sizeof(cfg));
	l.live = true;
	plan.port = opt.port;
	plan.full_ttl = 32;
	if (!look_up(&l, &plan) || !route_to(&l, &plan, &ri, env))
		return local_verdict(&lv, &plan, &l, env, rf);
	pick_ports(&flow, &plan, &cfg, held);
	l.raw_sport = flow.sport;
	l.echo_id = flow.echo_id;
	if (syn_filter(&plan.src, &plan.dst, filter, sizeof(filter)) != 0 ||
	    capture_filter(&lv.cap, filter, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	c = new_corr(&plan, &cfg, flow.echo_id);
	syn_readers(&rd, &l, c);
	if (plan.dst.family == 6 && lv.ln6 == NULL)
		cli_die(FL_EXIT_OSERR, "%s: %s", opt.host, lv.ln6_err);
	craft_init(&cr, plan.dst.family == 6 ? lv.ln6 : lv.ln, &flow);
	scan_config(&cfg, &plan, &rd);
	cli_catch_signals();
	if (syn_run(&cfg, &cr, &lv.cap, c, &l, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	for (i = 0; i < opt.attempts; i++)
		close(held[i]);
	snprintf(l.gw_state, sizeof(l.gw_state), "%s",
	    localnet_neigh_name(localnet_neigh(ri.ifindex, &l.arp_for)));
	if (infer_syn(c, &plan, &l, &r, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	rc = conclude(&lv, c, &l, &r, env, rf);
	syn_result_free(&r);
	replay_corr_free(c);
	live_close(&lv);
	return rc;
}

int
main(int argc, char **argv)
{
	struct fl_envelope env;
	struct report_file rf;
	json_t *options;
	int rc;

	parse_args(argc, argv);
	live_start(&env, &rf, PROG, opt.report, opt.owners, opt.rfile != NULL ? NULL : &opt.wfile);
	env.options = options = options_json();
	rc = opt.rfile != NULL ? run_file(&env, &rf) : run_live(&env, &rf);
	json_decref(options);
	free(opt.ftp_user);
	free(opt.ftp_pass);
	return rc;
}
