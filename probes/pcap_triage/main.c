/*
 * pcap-triage: read any capture the way an expert does, and say what is
 * wrong, where, and whose it is.
 *
 * Order of business: parse options; open every input (or, live, the
 * capture handle and the -w file) while privileged; drop privileges and
 * check the drop; then read.  Saved captures are read in the order of
 * their first frames: a file that starts before the one before it has
 * ended was taken at another point (the client's and the server's), and
 * is read as a second point, compared with the first but never merged
 * into it (-R names a second point's files outright).  A tcpdump-style
 * filter and --host focus the reading; frames keep their numbers in
 * their file (numbered on across the files of one point).  Nothing is
 * sent on the network.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <pcap/pcap.h>

#include "analyze/common/envelope.h"
#include "analyze/common/readers.h"
#include "analyze/pcap_triage/compare.h"
#include "analyze/pcap_triage/render.h"
#include "analyze/pcap_triage/triage.h"
#include "probes/cli/cli.h"
#include "probes/cli/files.h"
#include "probes/cli/live.h"
#include "probes/cli/opts.h"
#include "probes/cli/outfile.h"
#include "probes/cli/reportfile.h"
#include "probes/pcap_triage/points.h"
#include "probes/priv.h"
#include "probes/wire/capture.h"

#define PROG		"pcap-triage"
#define MAX_FILES	POINT_MAX_FILES

/* The parsed command line: the only global state (see STYLE.md). */
static struct {
	const char	*rfiles[MAX_FILES], *bfiles[MAX_FILES];
	int		 nr, nb;
	const char	*iface, *wfile, *host;
	long		 count, flows;
	double		 seconds;
	bool		 json, numeric, one_point;
	char		*filter;
	uint32_t	 local_net[8], local_mask[8];	/* --local PREFIX */
	int		 nlocal;
} opt = { .flows = TRI_DEFAULT_FLOWS };

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: " PROG " [-n] [--json] [--host addr] [--one-point] -r file... [-R file...]\n"
	    "                [filter expression]\n"
	    "       " PROG " [-n] [--json] [--host addr] -i interface [-G seconds | -c count]\n"
	    "                [-w file] [filter expression]\n"
	    "\n"
	    "  -r file...            read saved captures (pcap, pcapng, any link type); several\n"
	    "                        files of one capture point are one timeline, a file that\n"
	    "                        overlaps the one before is a second point, compared\n"
	    "  -R file...            the files of a second capture point (the other side's)\n"
	    "  --one-point           all -r files are one point, even where they overlap\n"
	    "  -i interface          capture live on it (this host's traffic)\n"
	    "  -G seconds            stop a live capture after this long (default: SIGINT)\n"
	    "  -c count              stop a live capture after this many frames\n"
	    "  -w file               write the live capture (pcap) to file\n"
	    "  --host addr           read only the traffic to and from addr, and take it for\n"
	    "                        this host\n"
	    "  --max-flows N         flows followed at once per reader (32768)\n"
	    "  --local PREFIX        a local network (a.b.c.d/len; repeatable, at most 8);\n"
	    "                        default: learned from DHCP, ARP and this host's address\n"
	    "  -n                    no names from the capture's own DNS answers\n"
	    "  --json                JSON on standard output\n"
	    "  filter expression     tcpdump's syntax (pcap-filter(7)); after the files\n"
	    "\n"
	    "Exit status: 0 no fault, 1 a fault found, 2 the capture cannot be judged,\n"
	    FL_EXIT_HELP "\n"
	    "See pcap-triage(1).\n");
}

static bool
is_file(const char *path)
{
	return strcmp(path, "-") == 0 || access(path, F_OK) == 0;
}

/* The filter expression: the words left, joined with spaces. */
static void
take_filter(int argc, char **argv, int from)
{
	size_t len = 0;
	int i;

	for (i = from; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if (len == 0)
		return;
	opt.filter = calloc(1, len);
	if (opt.filter == NULL)
		cli_die(FL_EXIT_OSERR, "out of memory");
	for (i = from; i < argc; i++) {
		if (i > from)
			strcat(opt.filter, " ");
		strcat(opt.filter, argv[i]);
	}
}

static void
add_file(const char **v, int *n, const char *path, const char *what)
{
	if (*n >= MAX_FILES)
		cli_die(FL_EXIT_USAGE, "%s: at most %d files", what, MAX_FILES);
	v[(*n)++] = path;
}

static void
check_args(void)
{
	struct fl_addr a;
	int i;

	if (opt.nr == 0 && opt.iface == NULL)
		cli_die(FL_EXIT_USAGE, "-r file or -i interface is required (see --help)");
	if (opt.nr > 0 && opt.iface != NULL)
		cli_die(FL_EXIT_USAGE, "-r and -i cannot be used together");
	if (opt.nb > 0 && opt.nr == 0)
		cli_die(FL_EXIT_USAGE, "-R goes with -r (the first point's capture)");
	if (opt.nr > 0 && (opt.wfile != NULL || opt.count > 0 || opt.seconds > 0))
		cli_die(FL_EXIT_USAGE, "-w, -G and -c are for a live capture (-i)");
	if (opt.count > 0 && opt.seconds > 0)
		cli_die(FL_EXIT_USAGE, "-G and -c cannot be used together");
	if (opt.host != NULL && fl_addr_parse(opt.host, &a) != 0)
		cli_die(FL_EXIT_USAGE, "--host: '%s' is not an IPv4 or IPv6 address", opt.host);
	for (i = 0; i < opt.nr + opt.nb; i++) {
		const char *p = i < opt.nr ? opt.rfiles[i] : opt.bfiles[i - opt.nr];

		if (strcmp(p, "-") == 0 && opt.nr + opt.nb > 1)
			cli_die(FL_EXIT_USAGE, "standard input (-) can only be read alone");
		cli_file_in(i < opt.nr ? "-r" : "-R", p);
	}
}

/* --local a.b.c.d/len: one bounded parse, the option named in every refusal. */
static void
local_arg(const char *s)
{
	char buf[32], *slash, *end;
	struct fl_addr a;
	long len = 32;
	uint32_t mask;

	if (opt.nlocal >= 8)
		cli_die(FL_EXIT_USAGE, "--local: at most 8 prefixes");
	if (snprintf(buf, sizeof(buf), "%s", s) >= (int)sizeof(buf))
		cli_die(FL_EXIT_USAGE, "--local: '%s' is not an IPv4 prefix", s);
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash++ = '\0';
		len = strtol(slash, &end, 10);
		if (*slash == '\0' || *end != '\0' || len < 0 || len > 32)
			cli_die(FL_EXIT_USAGE, "--local: '%s': the length must be 0 to 32", s);
	}
	if (fl_addr_parse(buf, &a) != 0 || a.family != 4)
		cli_die(FL_EXIT_USAGE, "--local: '%s' is not an IPv4 prefix", s);
	mask = len == 0 ? 0 : len == 32 ? 0xffffffffu : ~((1u << (32 - len)) - 1);
	opt.local_net[opt.nlocal] = fl_addr_v4_host(&a) & mask;
	opt.local_mask[opt.nlocal++] = mask;
}

static void
parse_args(int argc, char **argv)
{
	enum { O_JSON = 256, O_HOST, O_ONE, O_FLOWS, O_LOCAL };
	static const struct option longs[] = {
		{ "json", no_argument, NULL, O_JSON },
		{ "host", required_argument, NULL, O_HOST },
		{ "one-point", no_argument, NULL, O_ONE },
		{ "max-flows", required_argument, NULL, O_FLOWS },
		{ "local", required_argument, NULL, O_LOCAL },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct cli_num nums[] = {
		{ 'c', "-c", 1, 2000000000L, &opt.count },
		{ O_FLOWS, "--max-flows", 64, 4194304, &opt.flows },
		{ 0, NULL, 0, 0, NULL }
	};
	const struct cli_secs secs[] = {
		{ 'G', "-G", 0.1, 86400 * 7, &opt.seconds },
		{ 0, NULL, 0, 0, NULL }
	};
	static const char shorts[] = "+:nr:R:i:G:c:w:hV";
	int ch, last = 0;	/* last: 'r' or 'R' while their files go on */

	cli_stdout(argc, argv, shorts, longs, O_JSON, PROG);
	opterr = 0;
	for (;;) {
		/* Files after -r (or -R) until an option or a word that is not a file. */
		while (last != 0 && optind < argc && argv[optind][0] != '-' && is_file(argv[optind])) {
			if (last == 'r')
				add_file(opt.rfiles, &opt.nr, argv[optind], "-r");
			else
				add_file(opt.bfiles, &opt.nb, argv[optind], "-R");
			optind++;
		}
		last = 0;
		if ((ch = getopt_long(argc, argv, shorts, longs, NULL)) == -1)
			break;
		if (cli_num_option(nums, ch, optarg) || cli_secs_option(secs, ch, optarg))
			continue;
		switch (ch) {
		case 'n':
			opt.numeric = true;
			break;
		case 'r':
			add_file(opt.rfiles, &opt.nr, optarg, "-r");
			last = 'r';
			break;
		case 'R':
			add_file(opt.bfiles, &opt.nb, optarg, "-R");
			last = 'R';
			break;
		case 'i':
			opt.iface = cli_iface_arg(optarg);
			break;
		case 'w':
			opt.wfile = optarg;
			break;
		case O_JSON:
			opt.json = true;
			break;
		case O_HOST:
			opt.host = optarg;
			break;
		case O_ONE:
			opt.one_point = true;
			break;
		case O_LOCAL:
			local_arg(optarg);
			break;
		default:
			cli_option_end(ch, argv, PROG, usage);
		}
	}
	take_filter(argc, argv, optind);
	check_args();
}

/* The filter expression with --host folded in. */
static char *
full_filter(void)
{
	char *f = NULL;
	int rc;

	if (opt.host != NULL && opt.filter != NULL)
		rc = asprintf(&f, "(host %s) and (%s)", opt.host, opt.filter);
	else if (opt.host != NULL)
		rc = asprintf(&f, "host %s", opt.host);
	else if (opt.filter != NULL)
		rc = asprintf(&f, "%s", opt.filter);
	else
		return NULL;
	if (rc < 0)
		cli_die(FL_EXIT_OSERR, "out of memory");
	return f;
}

static json_t *
options_json(void)
{
	json_t *o = json_object(), *r = json_array(), *b = json_array();
	int i;

	for (i = 0; i < opt.nr; i++)
		json_array_append_new(r, json_string(opt.rfiles[i]));
	for (i = 0; i < opt.nb; i++)
		json_array_append_new(b, json_string(opt.bfiles[i]));
	json_object_set_new(o, "read", r);
	json_object_set_new(o, "second_point", b);
	json_object_set_new(o, "interface", opt.iface ? json_string(opt.iface) : json_null());
	json_object_set_new(o, "write", opt.wfile ? json_string(opt.wfile) : json_null());
	json_object_set_new(o, "seconds", opt.seconds > 0 ? json_real(opt.seconds) : json_null());
	json_object_set_new(o, "count", opt.count > 0 ? json_integer(opt.count) : json_null());
	json_object_set_new(o, "filter", opt.filter ? json_string(opt.filter) : json_null());
	json_object_set_new(o, "host", opt.host ? json_string(opt.host) : json_null());
	json_object_set_new(o, "numeric", json_boolean(opt.numeric));
	json_object_set_new(o, "max_flows", json_integer(opt.flows));
	return o;
}

/* ---- the result ---- */

static int
exit_for(const struct point *pts, int npts, const struct tri_compare *cmp)
{
	int i;

	if (cmp != NULL && tri_findings_top(&cmp->f) != NULL)
		return FL_EXIT_FAULT;
	for (i = 0; i < npts; i++)
		if (pts[i].t->top != NULL)
			return FL_EXIT_FAULT;
	/* No fault, but a capture too defective to say so (the verdict's cannot-judge). */
	if (strcmp(pts[0].t->v.kind, "cannot-judge") == 0)
		return FL_EXIT_INCONCLUSIVE;
	return FL_EXIT_OK;
}

static int
report(struct point *pts, int npts, const struct tri_compare *cmp, struct fl_envelope *env)
{
	struct tri_point tp[2];
	json_t *root;
	char sha[65];
	int i, rc;

	for (i = 0; i < npts; i++) {
		tp[i].label = npts > 1 ? (i == 0 ? "A" : "B") : NULL;
		tp[i].t = pts[i].t;
		tp[i].files = pts[i].files;
		tp[i].nfiles = pts[i].nfiles;
	}
	if (pts[0].nfiles > 0) {
		memcpy(sha, pts[0].files[0].sha256, sizeof(sha));
		if (env->capture_sha256 == NULL)
			env->capture_sha256 = sha;
	}
	if (!opt.json)
		return render_text_triage(stdout, tp, npts, cmp, env);
	root = render_json_envelope(env);
	if (root == NULL || render_json_triage(root, tp, npts, cmp) != 0)
		cli_die(FL_EXIT_OSERR, "out of memory");
	rc = render_json_write(root, stdout);
	json_decref(root);
	return rc;
}

static int
conclude(struct point *pts, int npts, struct fl_envelope *env)
{
	struct tri_compare cmp;
	bool compared = false;
	int i, rc;

	for (i = 0; i < npts; i++) {
		triage_finish(pts[i].t);
		if (!triage_readable(pts[i].t))
			cli_die(FL_EXIT_DATAERR, "%s: no IPv4, IPv6 or ARP frame among %u frames%s%s",
			    pts[i].nfiles > 0 ? pts[i].files[0].path : opt.iface, pts[i].base,
			    pts[i].t->ctx.frames < pts[i].base ? " (after the filter: " : "",
			    pts[i].t->ctx.frames < pts[i].base ? (pts[i].t->ctx.frames == 0 ? "none)" :
			    "no IP)") : "");
	}
	if (npts == 2) {
		if (tri_compare(pts[0].t, pts[1].t, &cmp) != 0)
			cli_die(FL_EXIT_OSERR, "out of memory");
		compared = true;
	}
	env->started_at = pts[0].t->ctx.first_ts;
	if (report(pts, npts, compared ? &cmp : NULL, env) != 0)
		cli_die(FL_EXIT_IOERR, "writing the report: %s", strerror(errno));
	rc = exit_for(pts, npts, compared ? &cmp : NULL);
	if (compared)
		tri_compare_free(&cmp);
	return rc;
}

static void
tri_options(struct tri_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->numeric = opt.numeric;
	o->max_flows = (size_t)opt.flows;
	if (opt.host != NULL)
		(void)fl_addr_parse(opt.host, &o->host);
	memcpy(o->local_net, opt.local_net, sizeof(o->local_net));
	memcpy(o->local_mask, opt.local_mask, sizeof(o->local_mask));
	o->nlocal = opt.nlocal;
}

static int
by_time(const void *a, const void *b)
{
	const struct point_input *x = a, *y = b;

	if (x->second != y->second)
		return x->second ? 1 : -1;
	return x->first_ts < y->first_ts ? -1 : x->first_ts > y->first_ts;
}

static int
run_files(struct fl_envelope *env)
{
	static struct point_input in[2 * MAX_FILES];
	static struct point pts[2];
	char err[512], *expr = full_filter();
	struct tri_opts o;
	int n = 0, i, npts = 1, rc;
	int64_t a_end;

	for (i = 0; i < opt.nr + opt.nb; i++, n++) {
		in[n].path = i < opt.nr ? opt.rfiles[i] : opt.bfiles[i - opt.nr];
		in[n].second = i >= opt.nr;
		in[n].in = priv_open_input(in[n].path, err, sizeof(err));
		if (in[n].in == NULL)
			cli_die(FL_EXIT_NOINPUT, "%s", err);
	}
	if (outfile_drop_privileges(err, sizeof(err)) != 0)
		cli_die(FL_EXIT_NOPERM, "%s", err);
	for (i = 0; i < n; i++)
		in[i].first_ts = point_first_ts(&in[i]);
	qsort(in, (size_t)n, sizeof(in[0]), by_time);
	tri_options(&o);
	point_init(&pts[0], &o, 0);
	for (i = 0; i < n; i++) {
		struct point *p = &pts[0];

		/* A file that starts before the first point's last frame was taken elsewhere. */
		a_end = pts[0].last_ts;
		if (in[i].second || (!opt.one_point && i > 0 && in[i].first_ts + 1000000 < a_end)) {
			if (npts == 1) {
				point_init(&pts[1], &o, 1);
				npts = 2;
			}
			p = &pts[1];
		}
		point_read(p, &in[i], expr, env);
	}
	env->capture_sha256 = NULL;
	rc = conclude(pts, npts, env);
	for (i = 0; i < npts; i++)
		point_free(&pts[i]);
	free(expr);
	return rc;
}

static int
run_live(struct fl_envelope *env)
{
	char *expr = full_filter();
	struct live_cfg lc = { opt.iface, POINT_SNAPLEN, false, 32, expr, opt.wfile, NULL };
	struct tri_opts o;
	volatile sig_atomic_t *stop;
	static struct point pts[1];
	struct live lv;
	struct pollfd pfd;
	char err[512];
	int64_t end;
	int rc;

	live_open(&lv, &lc);
	tri_options(&o);
	point_init(&pts[0], &o, 0);
	pts[0].files[0].path = opt.wfile != NULL ? opt.wfile : opt.iface;
	pts[0].nfiles = 1;
	cli_catch_signals();
	stop = cli_stop_flag();
	pfd.fd = capture_fd(&lv.cap);
	pfd.events = POLLIN;
	end = cli_mono_ns() + (int64_t)(opt.seconds * 1e9);
	while (!*stop && (opt.count == 0 || lv.cap.frames < (uint32_t)opt.count) &&
	    (opt.seconds == 0 || cli_mono_ns() < end)) {
		if (poll(&pfd, 1, 100) < 0 && errno != EINTR)
			cli_die(FL_EXIT_OSERR, "poll: %s", strerror(errno));
		if (capture_dispatch(&lv.cap, opt.count > 0 ? (int)(opt.count - lv.cap.frames) : -1,
		    point_frame, &pts[0], err, sizeof(err)) < 0)
			cli_die(FL_EXIT_OSERR, "%s", err);
	}
	live_finish(&lv, env);
	env->duration_s = opt.seconds;
	pts[0].files[0].frames = lv.cap.frames;
	pts[0].base = lv.cap.frames;
	pts[0].files[0].first_frame = 1;
	if (env->have_drops && env->pcap_drop > 0)
		triage_kernel_drops(pts[0].t, env->pcap_recv, env->pcap_drop);
	rc = conclude(pts, 1, env);
	point_free(&pts[0]);
	live_close(&lv);
	free(expr);
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
	live_start(&env, &rf, PROG, NULL, NULL, opt.nr > 0 ? NULL : &opt.wfile);
	env.options = options = options_json();
	rc = opt.nr > 0 ? run_files(&env) : run_live(&env);
	json_decref(options);
	free(opt.filter);
	return rc;
}
