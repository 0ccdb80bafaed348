/*
 * postprobe: send an HTTP(S) POST, capture it both ways, and say who
 * answered what: the server itself, or something on the path in its
 * place; delivered intact or cut, stalled or slow.
 *
 * Order of business: parse options and read the files they name; open
 * the raw socket, the capture (filtering nothing in yet) and the output
 * file; drop privileges and check the drop; then the exchange through
 * libcurl (its socket aims the capture at the connection before the
 * SYN), then the locating probes: synprobe's when no connection could
 * be made, or the TTL-limited ones that find a responder nearer than the
 * server, and path MTU probes when the request stalled.
 */
#include <curl/curl.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "analyze/common/jsonout.h"
#include "analyze/common/readers.h"
#include "analyze/flow/correlate.h"
#include "analyze/flow/tcpstream.h"
#include "analyze/pcap_triage/render.h"
#include "analyze/pcap_triage/triage.h"
#include "analyze/postprobe/infer.h"
#include "analyze/postprobe/readers.h"
#include "analyze/postprobe/render.h"
#include "analyze/synprobe/infer.h"
#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/live.h"
#include "probes/cli/opts.h"
#include "probes/cli/replay.h"
#include "probes/cli/outfile.h"
#include "probes/cli/reportfile.h"
#include "probes/host/localnet.h"
#include "probes/host/target.h"
#include "probes/postprobe/flowtrace.h"
#include "probes/postprobe/httpx.h"
#include "probes/postprobe/mtuprobe.h"
#include "probes/priv.h"
#include "probes/synprobe/synscan.h"
#include "probes/wire/capture.h"
#include "probes/wire/craft.h"
#include "probes/wire/port.h"

#define PROG		"postprobe"
#define MAX_HEADERS	32
#define MAX_BODY	(64 << 20)

/* The parsed command line: the only global state (see STYLE.md). */
static struct {
	const char	*url;
	char		 host[256];
	uint16_t	 port;
	int		 family;	/* -4, -6; 0: the system's order */
	bool		 https;
	const char	*method;
	const char	*data_arg;	/* -d / --data-binary argument */
	bool		 data_binary;
	const char	*headers[MAX_HEADERS + 1];
	int		 nheaders;
	const char	*userpwd;
	bool		 insecure, follow, numeric, json, probe;
	const char	*cacert_file;
	double		 max_time;
	const char	*iface, *wfile, *rfile;
	const char	*report, *owners;
} opt = {
	.max_time = 30, .probe = true,
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: " PROG " [-4 | -6] [-d data | --data-binary @file] [-H 'Name: value']...\n"
	    "                 [-u user:pass]\n"
	    "                 [-X method] [-L] [-k] [--cacert file] [--max-time secs]\n"
	    "                 [--no-probe] [-i interface] [-w file] [--json] url\n"
	    "                 [--report file [--owners file]]\n"
	    "       " PROG " -r file [--json] [--report file] [url]\n"
	    "\n"
	    "  -4, -6                IPv4 or IPv6 only (default: the address the system\n"
	    "                        would use for a name with both)\n"
	    "  -d, --data data       the POST body (@file reads it, without line ends, as curl)\n"
	    "  --data-binary data    the POST body as is (@file reads it as is)\n"
	    "  -H, --header line     an extra request header (repeatable)\n"
	    "  -u, --user user:pass  HTTP authentication\n"
	    "  -X, --request method  another method than POST (e.g. GET, to compare)\n"
	    "  -L, --location        follow redirects (they are reported either way)\n"
	    "  -k, --insecure        do not verify the server's certificate\n"
	    "  --cacert file         trust this CA (PEM) for the server's certificate\n"
	    "  --max-time secs       give the whole exchange this long (30)\n"
	    "  --no-probe            no locating probes: only the exchange\n"
	    "  -i interface          capture on this interface\n"
	    "  -w file               write the capture (pcap)\n"
	    "  -r file               analyse a saved capture instead\n"
	    "  --json                JSON on standard output\n"
	    "  --report file         also write a report for a manager (HTML; .md or .txt\n"
	    "                        by name), keeping the capture beside it\n"
	    "  --owners file         who runs which addresses, for the report\n"
	    "\n"
	    "Exit status: 0 no fault, 1 a fault found, 2 unknown,\n" FL_EXIT_HELP "\n"
	    "See postprobe(1).\n");
}

/* -H: "Name: value", no line breaks smuggled in. */
static void
add_header(const char *arg)
{
	if (opt.nheaders >= MAX_HEADERS)
		cli_die(FL_EXIT_USAGE, "-H: at most %d headers", MAX_HEADERS);
	if (strchr(arg, ':') == NULL || strpbrk(arg, "\r\n") != NULL)
		cli_die(FL_EXIT_USAGE, "-H: '%s' is not 'Name: value'", arg);
	opt.headers[opt.nheaders++] = arg;
}

/* -X: an HTTP method token, as curl takes it. */
static const char *
method_arg(const char *arg)
{
	if (strlen(arg) == 0 || strlen(arg) > 15 ||
	    strspn(arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(arg))
		cli_die(FL_EXIT_USAGE, "-X: '%s' is not an HTTP method", arg);
	return arg;
}

/* What the options say together, once all are read. */
static void
check_args(void)
{
	char err[256];

	if (opt.rfile == NULL && opt.url == NULL)
		cli_die(FL_EXIT_USAGE, "a URL is required (see --help)");
	if (opt.rfile != NULL && opt.wfile != NULL)
		cli_die(FL_EXIT_USAGE, "-r and -w cannot be used together");
	/* The outputs are checked against these by live_start(). */
	cli_file_in("-r", opt.rfile);
	if (opt.data_arg != NULL && opt.data_arg[0] == '@')
		cli_file_in(opt.data_binary ? "--data-binary" : "-d", opt.data_arg + 1);
	cli_file_in("--cacert", opt.cacert_file);
	if (opt.url != NULL && httpx_parse_url(opt.url, opt.host, sizeof(opt.host), &opt.port,
	    &opt.https, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_USAGE, "%s", err);
	if (opt.url != NULL && opt.family != 0) {
		struct fl_addr a;

		if (fl_addr_parse(opt.host, &a) == 0 && a.family != opt.family)
			cli_die(FL_EXIT_USAGE, "%s is not an IPv%d address", opt.host, opt.family);
	}
	opt.headers[opt.nheaders] = NULL;
}

static void
parse_args(int argc, char **argv)
{
	enum { O_DATABIN = 256, O_CACERT, O_MAXTIME, O_NOPROBE, O_JSON, O_REPORT, O_OWNERS };
	static const struct option longs[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "data-binary", required_argument, NULL, O_DATABIN },
		{ "header", required_argument, NULL, 'H' },
		{ "user", required_argument, NULL, 'u' },
		{ "request", required_argument, NULL, 'X' },
		{ "location", no_argument, NULL, 'L' },
		{ "insecure", no_argument, NULL, 'k' },
		{ "cacert", required_argument, NULL, O_CACERT },
		{ "max-time", required_argument, NULL, O_MAXTIME },
		{ "no-probe", no_argument, NULL, O_NOPROBE },
		{ "json", no_argument, NULL, O_JSON },
		{ "report", required_argument, NULL, O_REPORT },
		{ "owners", required_argument, NULL, O_OWNERS },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cli_secs secs[] = {
		{ O_MAXTIME, "--max-time", 0.1, 3600, &opt.max_time },
		{ 0, NULL, 0, 0, NULL }
	};
	int ch;
	static const char shorts[] = ":46d:H:u:X:Lkni:w:r:hV";

	cli_stdout(argc, argv, shorts, longs, O_JSON, PROG);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (cli_secs_option(secs, ch, optarg))
			continue;
		switch (ch) {
		case 'd':
		case O_DATABIN:
			opt.data_arg = optarg;
			opt.data_binary = ch == O_DATABIN;
			break;
		case 'H':
			add_header(optarg);
			break;
		case 'u':
			if (strchr(optarg, ':') == NULL)
				cli_die(FL_EXIT_USAGE, "-u: expected user:password");
			opt.userpwd = optarg;
			break;
		case 'X':
			opt.method = method_arg(optarg);
			break;
		case 'L':
			opt.follow = true;
			break;
		case 'k':
			opt.insecure = true;
			break;
		case '4':
		case '6':
			opt.family = ch - '0';
			break;
		case 'n':
			opt.numeric = true;
			break;
		case O_CACERT:
			opt.cacert_file = optarg;
			break;
		case O_NOPROBE:
			opt.probe = false;
			break;
		case 'i':
			opt.iface = cli_iface_arg(optarg);
			break;
		case 'w':
			opt.wfile = optarg;
			break;
		case 'r':
			opt.rfile = optarg;
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
		opt.url = argv[optind++];
	if (optind < argc)
		cli_die(FL_EXIT_USAGE, "unexpected argument '%s' (see --help)", argv[optind]);
	check_args();
}

/* Read a whole file opened before the drop; -d strips CR and LF, as curl. */
static uint8_t *
slurp(const char *path, bool strip, size_t *len)
{
	char err[300];
	uint8_t *buf = NULL, *n;
	size_t cap = 0, got = 0, i, j;
	FILE *f = priv_open_input(path, err, sizeof(err));

	if (f == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	for (;;) {
		size_t r;

		if (got == cap) {
			cap = cap ? cap * 2 : 65536;
			if (cap > MAX_BODY + 1)
				cli_die(FL_EXIT_USAGE, "%s: larger than %d MB", path, MAX_BODY >> 20);
			n = realloc(buf, cap);
			if (n == NULL)
				cli_die(FL_EXIT_OSERR, "out of memory");
			buf = n;
		}
		r = fread(buf + got, 1, cap - got, f);
		got += r;
		if (r == 0)
			break;
	}
	if (ferror(f))
		cli_die(FL_EXIT_NOINPUT, "cannot read %s", path);
	if (f != stdin)
		fclose(f);
	if (strip) {
		for (i = j = 0; i < got; i++)
			if (buf[i] != '\r' && buf[i] != '\n')
				buf[j++] = buf[i];
		got = j;
	}
	*len = got;
	return buf;
}

static json_t *
options_json(void)
{
	json_t *o = json_object(), *h = json_array();
	int i;

	for (i = 0; i < opt.nheaders; i++)
		json_array_append_new(h, jo_name(opt.headers[i]));
	json_object_set_new(o, "method", json_string(opt.method ? opt.method : "POST"));
	json_object_set_new(o, "data", jo_name(opt.data_arg));
	json_object_set_new(o, "headers", h);
	json_object_set_new(o, "user", opt.userpwd ? json_true() : json_false());
	json_object_set_new(o, "insecure", json_boolean(opt.insecure));
	json_object_set_new(o, "cacert", jo_name(opt.cacert_file));
	json_object_set_new(o, "follow", json_boolean(opt.follow));
	json_object_set_new(o, "max_time_s", json_real(opt.max_time));
	json_object_set_new(o, "probe", json_boolean(opt.probe));
	json_object_set_new(o, "interface", jo_name(opt.iface));
	json_object_set_new(o, "write", jo_name(opt.wfile));
	json_object_set_new(o, "read", jo_name(opt.rfile));
	json_object_set_new(o, "report", jo_name(opt.report));
	return o;
}

static int
exit_for(enum fault f)
{
	return f == FAULT_NONE ? FL_EXIT_OK : f == FAULT_UNKNOWN ? FL_EXIT_INCONCLUSIVE : FL_EXIT_FAULT;
}

/* Everything a captured frame feeds (postprobe's readers), and the capture. */
struct sink {
	struct triage		*tri;	/* every connection, with pcap-triage's readers */
	struct http_reader	 hr;
	struct corr		*c;
	struct syn_local	*sl;
	struct readers		 rd;
	struct capture		*cap;
	struct fl_addr		 src;
	char			 err[256];
};

/* The sink's triage once its capture is finished (sink_finish), for report(). */
static struct triage *conns_tri;

static int
report(const struct http_result *r, const struct http_local *l, struct fl_envelope *env,
    const struct syn_plan *pl, struct report_file *rf)
{
	char err[300];
	json_t *root;
	int rc;

	if (!opt.json && render_text_http(stdout, r, l, env, opt.url, pl) != 0)
		return -1;
	if (!opt.json && conns_tri != NULL && render_text_conns(stdout, conns_tri) != 0)
		return -1;
	if (!opt.json && rf->path == NULL)
		return 0;
	root = render_json_envelope(env);
	if (root == NULL)
		return -1;
	rc = render_json_http(root, r, l, opt.url, pl) == 0 ? 0 : -1;
	if (rc == 0 && conns_tri != NULL)
		json_object_set_new(root, "capture_connections", render_json_conns(conns_tri));
	/* The page first: a failure then still has standard output for its JSON error. */
	if (rc == 0 && report_file_write(rf, root, PROG " " FL_VERSION, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_IOERR, "%s", err);
	if (rc == 0 && opt.json && render_json_write(root, stdout) != 0)
		rc = -1;
	json_decref(root);
	return rc;
}

static void
sink_release(struct sink *s)
{
	if (conns_tri == s->tri)
		conns_tri = NULL;
	triage_free(s->tri);
	tcps_free(s->hr.ts);
	http_wire_free(s->hr.wire);
	corr_free(s->c);
	free(s);
}

/* For cli_die(): an error exit frees the sink too. */
static void
sink_hook(void *s)
{
	sink_release(s);
}

static struct sink *
sink_new(struct capture *cap, struct syn_local *sl)
{
	struct sink *s = calloc(1, sizeof(*s));
	struct tri_opts to;
	struct readers own;
	int i;

	if (s == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	cli_on_die(sink_hook, s);
	memset(&to, 0, sizeof(to));
	to.numeric = opt.numeric;
	if ((s->hr.ts = tcps_new((size_t)4 << 20)) == NULL ||
	    (s->hr.wire = http_wire_new()) == NULL ||
	    (s->c = corr_new(NULL, 30 * 1000000000LL)) == NULL ||
	    (s->tri = triage_new(&to, 0)) == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	s->cap = cap;
	s->sl = sl;
	/* The triage first, claiming nothing: postprobe's readers see what they saw without it. */
	http_readers(&own, &s->hr, sl, s->c);
	readers_init(&s->rd);
	triage_readers(s->tri, &s->rd);
	for (i = 0; i < own.n; i++)
		readers_add(&s->rd, own.v[i].fn, own.v[i].ctx);
	return s;
}

/* The capture is over: every connection still open is judged. */
static void
sink_finish(struct sink *s)
{
	tcps_finish(s->hr.ts);
	if (!s->tri->finished)
		triage_finish(s->tri);
	conns_tri = s->tri;
}

static void
sink_free(struct sink *s)
{
	cli_off_die(sink_hook, s);
	sink_release(s);
}

/* The first connection in a capture that carries an HTTP request. */
static bool
plan_from_capture(const struct tcp_streams *ts, struct syn_plan *pl)
{
	struct http_msg m;
	size_t i, next;

	for (i = 0; i < tcps_count(ts); i++) {
		const struct tcp_conn *c = tcps_conn(ts, i);

		if (http_parse(c->c2s.data, c->c2s.len, 0, true, &m, &next) == HTTP_BAD ||
		    m.method[0] == '\0')
			continue;
		pl->src = c->cli;
		pl->dst = c->srv;
		pl->port = c->sport;
		return true;
	}
	return false;
}

static int
run_file(struct fl_envelope *env, struct report_file *rf)
{
	struct capture cap;
	struct syn_local sl;
	struct syn_plan pl;
	struct syn_result syn;
	struct http_local l;
	struct http_result r;
	struct sink *s;
	struct target t;
	char err[512], cut[320];
	FILE *in;
	int rc;

	in = priv_open_input(opt.rfile, err, sizeof(err));
	if (in == NULL)
		cli_die(FL_EXIT_NOINPUT, "%s", err);
	if (report_file_open(rf, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_CANTCREAT, "%s", err);
	if (outfile_drop_privileges(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	memset(&sl, 0, sizeof(sl));
	memset(&l, 0, sizeof(l));
	memset(&pl, 0, sizeof(pl));
	pl.full_ttl = 32;
	s = sink_new(&cap, &sl);
	replay_file(in, opt.rfile, &cap, &s->rd);
	sink_finish(s);
	corr_finish(s->c);
	if (opt.url != NULL) {
		target_resolve_af(opt.host, 3000, opt.family, &t);
		if (target_exit(t.status) != FL_EXIT_OK) {
			target_error(opt.host, &t, err, sizeof(err));
			cli_die(target_exit(t.status), "%s", err);
		}
		pl.dst = t.addr;
		pl.port = opt.port;
	} else if (!plan_from_capture(s->hr.ts, &pl)) {
		cli_die(FL_EXIT_DATAERR, "%s: no HTTP request found among %u frames%s", opt.rfile,
		    cap.frames, replay_cut_words(&cap, cut, sizeof(cut)));
	}
	if (infer_syn(s->c, &pl, &sl, &syn, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	/*
	 * synprobe's reading of the capture: postprobe's own captures carry
	 * its locating probes, and any capture says what the SYNs met.
	 */
	if (infer_http(s->hr.ts, s->hr.wire, s->c, &syn, &l, &pl, &r, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	http_adopt_split(&r, s->tri);
	env->src = pl.src;
	replay_envelope(env, &cap, opt.rfile);
	env->cnt = corr_counters(s->c);
	if (report(&r, &l, env, &pl, rf) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	rc = exit_for(r.v.fault);
	http_result_free(&r);
	syn_result_free(&syn);
	sink_free(s);
	replay_close(&cap);
	return rc;
}

/* libcurl's socket is bound: aim the capture at this host pair. */
static int
on_socket(void *ctx, const struct fl_addr *local, uint16_t lport, const struct fl_addr *remote,
    uint16_t rport)
{
	struct sink *s = ctx;
	struct corr_sig sig;
	char filter[600];

	if (syn_filter(local, remote, filter, sizeof(filter)) != 0 ||
	    capture_filter(s->cap, filter, s->err, sizeof(s->err)) != 0)
		return -1;
	s->src = *local;
	memset(&sig, 0, sizeof(sig));
	sig.src = *local;
	sig.dst = *remote;
	sig.proto = 6;
	sig.a = lport;
	sig.b = rport;
	return corr_add_sig(s->c, &sig) == 0 ? 0 : -1;
}

static int
cap_fd(void *ctx)
{
	return capture_fd(((struct sink *)ctx)->cap);
}

static void
service(void *ctx)
{
	struct sink *s = ctx;

	(void)capture_dispatch(s->cap, -1, replay_frame, &s->rd, s->err, sizeof(s->err));
}

/*
 * The capture hands packets over in blocks that close every 2 ms: read
 * until one passes with nothing new (at most 50 ms).
 */
static void
drain(struct sink *s)
{
	uint32_t before;
	int i;

	for (i = 0; i < 25; i++) {
		before = s->cap->frames;
		nanosleep(&(struct timespec){ 0, 2 * 1000000 }, NULL);
		service(s);
		if (i > 0 && s->cap->frames == before)
			break;
	}
}

/*
 * The locating probes: synprobe's schedule (with one SYN and one control
 * port when the connection worked, three SYNs and the control ports when
 * it did not), then path MTU probes when the request stalled.
 */
static int
locate(struct sink *s, libnet_t *ln, const struct fl_addr *dst, uint16_t port, bool failed,
    bool stalled, struct syn_local *sl)
{
	struct craft_flow flow;
	struct craft cr;
	struct syn_cfg cfg;
	struct corr_sig sig;
	int held[SYN_MAX_TRIES], i, n = failed ? 3 : 1;
	char err[256];

	if (craft_random_flow(&flow, 6, &s->src, dst, port, err, sizeof(err)) != 0)
		return -1;
	memset(&cfg, 0, sizeof(cfg));
	for (i = 0; i < n; i++)
		if ((held[i] = port_hold_any(&s->src, 6, &cfg.sports[i])) < 0)
			return -1;
	flow.sport = cfg.sports[0];
	memset(&sig, 0, sizeof(sig));
	sig.src = s->src;
	sig.dst = *dst;
	sig.proto = 6;
	for (i = 0; i < n; i++) {
		sig.a = cfg.sports[i];
		(void)corr_add_sig(s->c, &sig);
	}
	sig.proto = 1;
	sig.a = flow.echo_id;
	(void)corr_add_sig(s->c, &sig);
	craft_init(&cr, ln, &flow);
	cfg.dst = *dst;
	if (dst->family == 6)
		stalled = false;	/* path MTU probes are IPv4's (mtuprobe.c) */
	cfg.port = port;
	if (failed) {
		static const uint16_t common[] = { 22, 80, 443 };
		size_t k;

		for (k = 0; k < sizeof(common) / sizeof(common[0]); k++)
			if (common[k] != port)
				cfg.controls[cfg.ncontrols++] = common[k];
	} else {
		/*
		 * One other port, which a transparent proxy for this one does
		 * not intercept: the server's distance when echoes go unanswered.
		 */
		cfg.controls[cfg.ncontrols++] = port != 443 ? 443 : 80;
	}
	cfg.max_ttl = 30;
	cfg.attempts = n;
	cfg.wait_min = 0.25;
	cfg.wait_max = 2.0;
	cfg.host_wait = 4.0;
	cfg.banner_wait = 1.0;
	cfg.readers = &s->rd;
	cfg.stop = cli_stop_flag();
	if (syn_run(&cfg, &cr, s->cap, s->c, sl, err, sizeof(err)) != 0)
		return -1;
	if (stalled && mtu_run(&cr, s->cap, 30, 1.5, 40000, replay_frame, &s->rd, err, sizeof(err)) != 0)
		return -1;
	for (i = 0; i < n; i++)
		close(held[i]);
	return 0;
}

/*
 * The connection was cut by a reset: send copies of the request on its
 * own flow with growing TTLs (mtuprobe.h), up to the server's distance
 * when known, to see whether a copy that cannot reach the server draws
 * the reset too.
 */
static int
trace_flow(struct sink *s, libnet_t *ln, const struct httpx_obs *o, const struct tcp_conn *cn,
    int far)
{
	struct craft_flow flow;
	struct craft cr;
	char err[256];
	double rtt = cn->synack_ts > cn->syn_ts ? (double)(cn->synack_ts - cn->syn_ts) / 1e9 : 0.1;
	double wait = rtt * 4 < 0.3 ? 0.3 : rtt * 4 > 1.5 ? 1.5 : rtt * 4;

	/* The in-flow copies are built as IPv4 segments (craft_segment). */
	if (!cn->c2s.have_isn || !cn->s2c.have_isn || cn->c2s.len == 0 || o->remote.family == 6)
		return 0;
	if (craft_random_flow(&flow, 6, &o->local, &o->remote, o->rport, err, sizeof(err)) != 0)
		return -1;
	flow.sport = o->lport;
	craft_init(&cr, ln, &flow);
	/* Acknowledgements far beyond anything the server sent, so the answers stand out. */
	if (flow_trace_run(&cr, s->cap, cn->c2s.data, cn->c2s.len, cn->c2s.isn + 1,
	    cn->s2c.isn + 1 + (uint32_t)cn->s2c.len + 0x01000000u, flow.ipid_base,
	    far > 0 && far <= 30 ? far : 30, wait, replay_frame, &s->rd, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s: %s\n", PROG, err);
		return -1;
	}
	return 0;
}

static bool
is_tls_error(int code)
{
	return code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION ||
	    code == CURLE_SSL_CERTPROBLEM || code == CURLE_SSL_CIPHER ||
	    code == CURLE_SSL_CACERT_BADFILE || code == CURLE_SSL_ISSUER_ERROR ||
	    code == CURLE_SSL_CRL_BADFILE;
}

/* The request as libcurl takes it; the body and CA are read before the drop. */
static void
request_of(struct httpx_req *q, const uint8_t *body, size_t body_len, const uint8_t *ca,
    size_t ca_len)
{
	memset(q, 0, sizeof(*q));
	q->url = opt.url;
	q->method = opt.method;
	q->body = body ? body : (const uint8_t *)opt.data_arg;
	q->body_len = body_len;
	q->headers = opt.headers;
	q->userpwd = opt.userpwd;
	q->insecure = opt.insecure;
	q->cacert = ca;
	q->cacert_len = ca_len;
	q->max_time = opt.max_time;
	q->follow = opt.follow;
	q->family = opt.family;
	/*
	 * Without -4 or -6, the family of the address the system would use
	 * (getaddrinfo's first): libcurl's own happy eyeballs would race two
	 * connections, and the capture follows one.  A name that does not
	 * resolve is left to libcurl, whose failure name_failed() explains.
	 */
	if (q->family == 0)
		q->family = target_family(opt.host);
}

/* What libcurl saw of the exchange, for the rules. */
static void
local_of(struct http_local *l, const struct httpx_obs *o, size_t body_len)
{
	memset(l, 0, sizeof(*l));
	l->live = true;
	l->curl_code = o->code;
	snprintf(l->curl_error, sizeof(l->curl_error), "%s", o->error);
	l->tls = o->tls;
	l->verify_result = o->verify_result;
	l->status = o->status;
	l->c_dns = o->namelookup_ms;
	l->c_connect = o->connect_ms;
	l->c_tls = o->appconnect_ms;
	l->c_pretransfer = o->pretransfer_ms;
	l->c_start = o->starttransfer_ms;
	l->c_total = o->total_ms;
	l->out = o->out;
	l->outlen = o->outlen;
	l->in = o->in;
	l->inlen = o->inlen;
	l->local = o->local;
	l->remote = o->remote;
	l->lport = o->lport;
	l->rport = o->rport;
	snprintf(l->method, sizeof(l->method), "%s", opt.method ? opt.method : "POST");
	l->body_len = body_len;
	l->max_time = opt.max_time;
	l->tls_failed = is_tls_error(o->code);
	/* libcurl's codes for certificates this host could not load. */
	l->tls_local = o->code == CURLE_SSL_CACERT_BADFILE || o->code == CURLE_SSL_CERTPROBLEM ||
	    o->code == CURLE_SSL_CRL_BADFILE;
	l->timed_out = o->code == CURLE_OPERATION_TIMEDOUT;
}

/* libcurl could not resolve the name: say why, as synprobe does. */
static void
name_failed(struct syn_local *sl, struct http_local *l)
{
	struct target t;

	target_resolve_af(opt.host, 4000, opt.family, &t);
	sl->live = true;
	sl->dns_looked_up = sl->dns_failed = true;
	snprintf(sl->dns_status, sizeof(sl->dns_status), "%s", dns_status_name(t.status));
	snprintf(sl->dns_detail, sizeof(sl->dns_detail), "%s", t.detail);
	snprintf(sl->dns_resolver, sizeof(sl->dns_resolver), "%s", t.resolver);
	sl->dns_ms = t.ms;
	l->dns_failed = true;
}

/*
 * After the exchange: the locating probes when asked for (or when no
 * connection was made), and the in-flow trace when a reset cut it.
 * True when synprobe's reading of them is in *syn.
 */
static bool
probe_after(struct sink *s, libnet_t *ln, const struct httpx_obs *o, struct http_local *l,
    const struct syn_plan *pl, struct syn_result *syn)
{
	const struct tcp_conn *cn;
	bool failed, stalled, have_syn = false;
	char err[256];

	tcps_finish(s->hr.ts);
	/*
	 * libcurl keeps no connect time for a failed transfer: the SYN-ACK on
	 * the wire says whether the handshake happened.
	 */
	cn = tcps_find(s->hr.ts, &o->local, o->lport, &o->remote, o->rport);
	failed = !o->connected && !l->tls_failed && (cn == NULL || cn->synack_frame == 0);
	stalled = o->connected && o->status == 0 && !l->tls_failed;
	l->connect_failed = failed;
	if (opt.probe || failed) {
		if (locate(s, ln, &o->remote, o->rport, failed, stalled, s->sl) != 0)
			cli_die(FL_EXIT_OSERR, "the locating probes failed");
		if (infer_syn(s->c, pl, s->sl, syn, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_OSERR, "%s", err);
		have_syn = true;
	}
	if (opt.probe && !failed && cn != NULL && cn->synack_frame != 0 && cn->s2c.rst &&
	    trace_flow(s, ln, o, cn, have_syn ? syn->host_ttl : 0) != 0)
		cli_die(FL_EXIT_OSERR, "the in-flow trace failed");
	return have_syn;
}

static int
run_live(struct fl_envelope *env, struct report_file *rf)
{
	/*
	 * Whole packets (GSO super-packets on this side), in blocks.  Nothing
	 * comes in until the connection is known: IP protocol 253 is reserved
	 * for experiments (RFC 3692), and libpcap refuses a filter it can
	 * prove empty.
	 */
	const struct live_cfg lc = { opt.iface, 262144, false, 8, "ip proto 253", opt.wfile, rf };
	struct httpx_req q;
	struct httpx_obs o;
	struct httpx_hooks hooks;
	struct http_local l;
	struct http_result r;
	struct syn_local sl;
	struct syn_result syn;
	struct syn_plan pl;
	struct route_info ri;
	struct live lv;
	struct sink *s;
	uint8_t *body = NULL, *ca = NULL;
	size_t body_len = 0, ca_len = 0;
	bool have_syn = false;
	char err[512];
	int rc;

	/* Files first, while they can still be read. */
	if (opt.data_arg != NULL && opt.data_arg[0] == '@')
		body = slurp(opt.data_arg + 1, !opt.data_binary, &body_len);
	else if (opt.data_arg != NULL)
		body_len = strlen(opt.data_arg);
	if (opt.cacert_file != NULL)
		ca = slurp(opt.cacert_file, false, &ca_len);
	live_open(&lv, &lc);
	cli_catch_signals();

	memset(&sl, 0, sizeof(sl));
	memset(&pl, 0, sizeof(pl));
	pl.full_ttl = 32;
	pl.port = opt.port;
	s = sink_new(&lv.cap, &sl);
	request_of(&q, body, body_len, ca, ca_len);
	hooks.on_socket = on_socket;
	hooks.capture_fd = cap_fd;
	hooks.service = service;
	hooks.ctx = s;
	hooks.stop = cli_stop_flag();
	if (httpx_run(&q, &hooks, &o, err, sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s (%s)", err, s->err);
	drain(s);
	local_of(&l, &o, body_len);
	pl.src = o.local;
	pl.dst = o.remote;
	env->src = o.local;
	/* The gateway, for the report's claim on who runs the first hop. */
	if (fl_addr_is_set(&o.remote) && localnet_route(&o.remote, &ri, err, sizeof(err)) == 0 &&
	    ri.found)
		env->gateway = ri.gateway;

	if (o.code == CURLE_COULDNT_RESOLVE_HOST) {
		name_failed(&sl, &l);
		if (infer_syn(s->c, &pl, &sl, &syn, err, sizeof(err)) != 0)
			cli_die(FL_EXIT_OSERR, "%s", err);
		have_syn = true;
	} else if (fl_addr_is_set(&o.remote) && !*cli_stop_flag()) {
		if (o.remote.family == 6 && lv.ln6 == NULL)
			cli_die(FL_EXIT_OSERR, "%s: %s", opt.host, lv.ln6_err);
		have_syn = probe_after(s, o.remote.family == 6 ? lv.ln6 : lv.ln, &o, &l, &pl,
		    &syn);
	}
	sink_finish(s);
	corr_finish(s->c);
	if (infer_http(s->hr.ts, s->hr.wire, s->c, have_syn ? &syn : NULL, &l, &pl, &r, err,
	    sizeof(err)) != 0)
		cli_die(FL_EXIT_OSERR, "%s", err);
	http_adopt_split(&r, s->tri);

	live_finish(&lv, env);
	env->cnt = corr_counters(s->c);
	env->duration_s = (double)(cli_now_ns() - env->started_at) / 1e9;
	if (report(&r, &l, env, &pl, rf) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	rc = exit_for(r.v.fault);
	http_result_free(&r);
	if (have_syn)
		syn_result_free(&syn);
	httpx_obs_free(&o);
	sink_free(s);
	live_close(&lv);
	free(body);
	free(ca);
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
	return rc;
}
