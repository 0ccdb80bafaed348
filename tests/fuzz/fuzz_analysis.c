/*
 * The analysis and reporting half of every fuzz target: whatever a
 * hostile capture left in the correlator, the TCP reassembler and the
 * HTTP wire notes must survive every command's inference (ptrace-slow's,
 * synprobe's, postprobe's) and both renderers, and the results must
 * hold together.
 */
#include <string.h>

#include "fuzz_analysis.h"
#include "analyze/ptrace_slow/infer.h"
#include "analyze/synprobe/infer.h"
#include "analyze/ptrace_slow/render.h"
#include "analyze/synprobe/render.h"
#include "analyze/postprobe/render.h"

/*
 * A live run leaves an unanswered probe undecided while it may still be
 * answered; here, for a second after it was sent (trace.c's predicate
 * needs its send schedule).
 */
static bool
resolved(void *ctx, const struct corr_probe *p)
{
	const struct fuzz_run *run = ctx;

	return p->reply >= 0 || p->ts <= run->last_ts - 1000000000;
}

/* The reports go nowhere; opened once, for speed, and never closed. */
static FILE *
devnull(void)
{
	static FILE *out;

	if (out == NULL)
		out = fopen("/dev/null", "w");
	FUZZ_CHECK(out != NULL);
	return out;
}

static const char *
method_of(uint8_t proto)
{
	return proto == 1 ? "icmp" : proto == 17 ? "udp" : "tcp";
}

/* What the correlator says of its probes and replies must agree. */
static void
check_corr(const struct corr *c)
{
	const struct corr_counters *cnt = corr_counters(c);
	uint32_t i, n = corr_nprobes(c);

	FUZZ_CHECK(cnt != NULL);
	FUZZ_CHECK(cnt->probes == n);
	FUZZ_CHECK(corr_probe(c, n) == NULL && corr_reply(c, corr_nreplies(c)) == NULL);
	FUZZ_CHECK(corr_group(c, corr_ngroups(c)) == NULL);
	for (i = 0; i < n; i++) {
		const struct corr_probe *p = corr_probe(c, i);
		const struct corr_reply *r;

		FUZZ_CHECK(p->group < corr_ngroups(c));
		/* The index holds the latest probe with each key. */
		FUZZ_CHECK(corr_find(c, &p->key) >= (int32_t)i);
		if (p->reply >= 0) {
			r = corr_reply(c, (uint32_t)p->reply);
			FUZZ_CHECK(r != NULL && r->probe == (int32_t)i && !r->dup);
		}
		if (p->late_reply >= 0) {
			r = corr_reply(c, (uint32_t)p->late_reply);
			FUZZ_CHECK(r != NULL && r->probe == (int32_t)i && r->late);
		}
	}
	for (i = 0; i < corr_nreplies(c); i++) {
		const struct corr_reply *r = corr_reply(c, i);

		FUZZ_CHECK(r->probe < (int32_t)n);
		FUZZ_CHECK(r->n_mpls <= DEC_MAX_MPLS);
		FUZZ_CHECK(corr_reply_kind_name(r->kind) != NULL);
	}
}

static void
check_result(const struct path_result *res)
{
	int t;

	FUZZ_CHECK(res->hops != NULL);
	FUZZ_CHECK(res->replies <= res->probes);
	FUZZ_CHECK((unsigned int)res->verdict.kind <= VK_INCONCLUSIVE);
	FUZZ_CHECK(res->verdict.summary[0] != '\0');
	FUZZ_CHECK(res->last_ttl >= 0 && res->last_ttl < PATH_MAX_HOPS);
	for (t = 0; t < PATH_MAX_HOPS; t++) {
		const struct path_hop *h = &res->hops[t];

		FUZZ_CHECK(h->received <= h->sent);
		FUZZ_CHECK(h->naddrs <= PATH_MAX_RESP && h->n_mpls <= DEC_MAX_MPLS);
		FUZZ_CHECK(!h->probed || (t >= res->first_ttl && t <= res->last_ttl));
	}
}

static void
report(const struct corr *c, uint32_t group, const struct path_result *res,
    const struct fuzz_run *run)
{
	struct fl_envelope env;
	uint32_t i;
	json_t *root;
	FILE *out = devnull();

	memset(&env, 0, sizeof(env));
	env.tool = "ptrace-slow";
	env.src = res->src;
	env.frames = run->frames;
	env.cnt = corr_counters(c);
	for (i = 0; i < corr_nprobes(c); i++)
		if (corr_probe(c, i)->group == group) {
			env.started_at = corr_probe(c, i)->ts;
			break;
		}
	if (run->live) {
		env.iface = "eth0";
		env.have_drops = true;
		env.pcap_recv = run->frames;
		env.sent = res->probes + 1;
		env.sent_unseen = 1;
		env.duration_s = (double)(run->last_ts - env.started_at) / 1e9;
	} else {
		env.capture_file = run->capture_file;
		env.capture_mode = "read";
		env.capture_sha256 = run->sha256;
		env.file_cut = run->file_cut;
		env.file_err = run->file_err;
	}
	root = render_json_envelope(&env);
	FUZZ_CHECK(root != NULL);
	FUZZ_CHECK(render_json_path(root, res, run->live ? "fuzz.example" : NULL,
	    method_of(res->proto)) == 0);
	FUZZ_CHECK(render_json_write(root, out) == 0);
	json_decref(root);
	FUZZ_CHECK(render_text_path(out, res, &env, run->live ? "fuzz.example" : NULL,
	    method_of(res->proto)) == 0);
}

/*
 * The fuzz input has no route table: the first ARP target stands in for
 * the gateway a live run would know beforehand, in every notes reader.
 */
static bool
arp_target(void *ctx, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	struct syn_local *l = ctx;

	(void)frame;
	(void)ts;
	if (p->is_arp && !fl_addr_is_set(&l->arp_for))
		l->arp_for = p->arp_tpa;
	return false;
}

/* The commands' reader sets, with the ARP stand-in before synprobe's and postprobe's. */
void
fuzz_run_init(struct fuzz_run *run, bool live, const struct corr_sig *sig, int64_t late_ns)
{
	struct readers r;
	int i;

	memset(run, 0, sizeof(*run));
	run->live = live;
	run->path_c = corr_new(sig, late_ns);
	run->syn_c = corr_new(sig, late_ns);
	run->http_c = corr_new(sig, late_ns);
	run->hr.ts = tcps_new((size_t)1 << 20);
	run->hr.wire = http_wire_new();
	FUZZ_CHECK(run->path_c != NULL && run->syn_c != NULL && run->http_c != NULL);
	FUZZ_CHECK(run->hr.ts != NULL && run->hr.wire != NULL);
	readers_init(&run->path_r);
	readers_add(&run->path_r, corr_reader, run->path_c);
	syn_readers(&r, &run->syn_l, run->syn_c);
	readers_init(&run->syn_r);
	readers_add(&run->syn_r, arp_target, &run->syn_l);
	for (i = 0; i < r.n; i++)
		readers_add(&run->syn_r, r.v[i].fn, r.v[i].ctx);
	/* postprobe's: the HTTP reader keeps the in-flow trace's frames first. */
	http_readers(&r, &run->hr, &run->http_sl, run->http_c);
	readers_init(&run->http_r);
	readers_add(&run->http_r, r.v[0].fn, r.v[0].ctx);
	readers_add(&run->http_r, arp_target, &run->http_sl);
	for (i = 1; i < r.n; i++)
		readers_add(&run->http_r, r.v[i].fn, r.v[i].ctx);
}

void
fuzz_packet_in(struct fuzz_run *run, uint32_t frame, int64_t ts, const struct dec_pkt *p)
{
	readers_packet(&run->path_r, frame, ts, p);
	readers_packet(&run->syn_r, frame, ts, p);
	readers_packet(&run->http_r, frame, ts, p);
	FUZZ_CHECK(run->syn_l.arp_replies + run->syn_l.arp_requests <= frame);
}

static void
check_syn(const struct syn_result *r)
{
	size_t i;
	int t;

	FUZZ_CHECK(r->v.kind != NULL && r->v.summary[0] != '\0');
	FUZZ_CHECK((unsigned int)r->v.fault <= FAULT_UNKNOWN && (unsigned int)r->v.confidence <= CONF_AMBIGUOUS);
	FUZZ_CHECK(r->natt <= SYN_MAX_ATT && r->nctl <= SYN_MAX_CTRL);
	FUZZ_CHECK(r->path_max >= 0 && r->path_max <= SYN_MAX_TTL);
	FUZZ_CHECK(r->v.hop >= 0 && r->v.hop <= 256);
	FUZZ_CHECK(r->ev.n <= r->ev.cap);
	for (i = 0; i < r->ev.n; i++)
		FUZZ_CHECK(r->ev.v[i].frame != 0 && r->ev.v[i].summary[0] != '\0');
	for (t = 0; t <= r->path_max; t++)
		FUZZ_CHECK(!r->path_syn[t].sent || r->path_syn[t].frame != 0);
}

static void
report_syn(const struct syn_result *r, const struct syn_local *l, const struct fuzz_run *run)
{
	struct fl_envelope env;
	json_t *root;
	FILE *out = devnull();

	memset(&env, 0, sizeof(env));
	env.tool = "synprobe";
	env.src = r->plan.src;
	env.frames = run->frames;
	env.capture_file = run->capture_file;
	env.capture_mode = "read";
	env.capture_sha256 = run->sha256;
	root = render_json_envelope(&env);
	FUZZ_CHECK(root != NULL);
	FUZZ_CHECK(render_json_syn(root, r, l, "fuzz.example") == 0);
	FUZZ_CHECK(render_json_write(root, out) == 0);
	json_decref(root);
	FUZZ_CHECK(render_text_syn(out, r, l, &env, NULL) == 0);
}

/* synprobe's reading of the same capture, as a saved and a live run. */
static void
analyse_syn(struct fuzz_run *run)
{
	struct corr *c = run->syn_c;
	struct syn_plan plan;
	struct syn_result r;
	struct syn_local l = run->syn_l;
	char err[128];

	memset(&plan, 0, sizeof(plan));
	plan.full_ttl = 32;
	if (!syn_guess_target(c, &run->syn_l, &plan))
		return;
	if (run->live) {
		/* What a live run adds: its own observations, varied by the input. */
		l.live = true;
		l.sent = run->frames;
		l.conn_tried = true;
		snprintf(l.conn_result, sizeof(l.conn_result), "%s",
		    run->frames % 3 == 0 ? "timeout" : run->frames % 3 == 1 ? "connected" : "refused");
		l.banner_expected = run->frames % 2 == 0;
		l.login_tried = run->frames % 5 == 0;
		l.login_code = 530;
	}
	FUZZ_CHECK(infer_syn(c, &plan, &l, &r, err, sizeof(err)) == 0);
	check_syn(&r);
	report_syn(&r, &l, run);
	syn_result_free(&r);
	FUZZ_CHECK(infer_syn_two_sided(c, c, &plan, &r, err, sizeof(err)) == 0);
	check_syn(&r);
	report_syn(&r, &l, run);
	syn_result_free(&r);
}

static void
check_http(const struct http_result *r)
{
	size_t i;

	FUZZ_CHECK(r->v.kind != NULL && r->v.summary[0] != '\0');
	FUZZ_CHECK((unsigned int)r->v.fault <= FAULT_UNKNOWN && (unsigned int)r->v.confidence <= CONF_AMBIGUOUS);
	FUZZ_CHECK(r->status >= 0 && r->status <= 999);
	FUZZ_CHECK(r->nheaders >= 0 && r->nheaders <= HTTP_MAX_HEADERS);
	FUZZ_CHECK(r->nexchanges >= 0);
	FUZZ_CHECK(r->ev.n <= r->ev.cap);
	FUZZ_CHECK(memchr(r->method, '\0', sizeof(r->method)) != NULL);
	FUZZ_CHECK(memchr(r->target, '\0', sizeof(r->target)) != NULL);
	FUZZ_CHECK(memchr(r->reason, '\0', sizeof(r->reason)) != NULL);
	for (i = 0; i < r->ev.n; i++)
		FUZZ_CHECK(r->ev.v[i].frame != 0 && r->ev.v[i].summary[0] != '\0');
}

static void
report_http(const struct http_result *r, const struct http_local *l, const struct syn_plan *pl,
    const struct fuzz_run *run)
{
	struct fl_envelope env;
	json_t *root;
	FILE *out = devnull();
	const char *url = l->live ? "http://fuzz.example/form" : NULL;

	memset(&env, 0, sizeof(env));
	env.tool = "postprobe";
	env.src = pl->src;
	env.frames = run->frames;
	env.capture_file = run->capture_file;
	env.capture_mode = l->live ? "write" : "read";
	env.capture_sha256 = run->sha256;
	root = render_json_envelope(&env);
	FUZZ_CHECK(root != NULL);
	FUZZ_CHECK(render_json_http(root, r, l, url, pl) == 0);
	FUZZ_CHECK(render_json_write(root, out) == 0);
	json_decref(root);
	FUZZ_CHECK(render_text_http(out, r, l, &env, url, pl) == 0);
}

/*
 * postprobe's reading: the first connection carrying a request (as
 * postprobe -r), else synprobe's guess at the target (postprobe -r FILE
 * URL); saved, then as the live run that bound that connection would see
 * it, with libcurl's outcome varied by the input.
 */
static void
analyse_http(struct fuzz_run *run)
{
	struct corr *c = run->http_c;
	static const char out[] = "POST /form HTTP/1.1\r\nHost: fuzz.example\r\n\r\na=1";
	static const char in[] = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
	struct syn_plan pl;
	struct syn_result syn;
	struct http_result r;
	struct http_local l;
	struct http_msg m;
	const struct tcp_conn *conn = NULL;
	size_t i, next;
	char err[128];
	int pass;

	tcps_finish(run->hr.ts);
	memset(&pl, 0, sizeof(pl));
	pl.full_ttl = 32;
	for (i = 0; i < tcps_count(run->hr.ts); i++) {
		const struct tcp_conn *tc = tcps_conn(run->hr.ts, i);

		if (http_parse(tc->c2s.data, tc->c2s.len, 0, true, &m, &next) != HTTP_BAD &&
		    m.method[0] != '\0') {
			conn = tc;
			pl.src = tc->cli;
			pl.dst = tc->srv;
			pl.port = tc->sport;
			break;
		}
	}
	if (conn == NULL && !syn_guess_target(c, &run->http_sl, &pl))
		return;
	FUZZ_CHECK(infer_syn(c, &pl, &run->http_sl, &syn, err, sizeof(err)) == 0);
	for (pass = 0; pass < 2; pass++) {
		memset(&l, 0, sizeof(l));
		if (pass == 1) {
			l.live = true;
			l.local = pl.src;
			l.remote = pl.dst;
			l.rport = pl.port;
			l.lport = conn != NULL ? conn->cport : 0;
			l.tls = pl.port == 443;
			l.curl_code = (int)(run->frames % 4) * 7;	/* 0, 7, 14, 21 */
			l.connect_failed = l.curl_code == 7;
			l.timed_out = l.curl_code == 28;
			l.tls_failed = run->frames % 6 == 5;
			l.status = l.curl_code == 0 ? 403 : 0;
			l.c_dns = 0.1;
			l.c_connect = 1.0;
			l.c_tls = l.tls ? 2.0 : 0;
			l.c_pretransfer = 2.5;
			l.c_start = run->frames % 2 ? 5.0 : 0;
			l.c_total = 6.0;
			l.out = out;
			l.outlen = sizeof(out) - 1;
			l.in = in;
			l.inlen = run->frames % 3 ? sizeof(in) - 1 : 7;
			snprintf(l.method, sizeof(l.method), "POST");
			l.max_time = 30;
		}
		FUZZ_CHECK(infer_http(run->hr.ts, run->hr.wire, c, &syn, &l, &pl, &r, err,
		    sizeof(err)) == 0);
		check_http(&r);
		report_http(&r, &l, &pl, run);
		http_result_free(&r);
	}
	syn_result_free(&syn);
}

void
fuzz_analyse(struct fuzz_run *run)
{
	struct corr *c = run->path_c;
	struct path_params pp;
	struct path_result res;
	char err[256];
	int32_t best;
	uint32_t g;

	corr_finish(c);
	corr_finish(run->syn_c);
	corr_finish(run->http_c);
	check_corr(c);
	check_corr(run->syn_c);
	check_corr(run->http_c);
	best = corr_best_trace(c, NULL, 2);
	FUZZ_CHECK(best < (int32_t)corr_ngroups(c));
	if (corr_ngroups(c) > 0)
		FUZZ_CHECK(corr_best_trace(c, &corr_group(c, 0)->dst, 1) >= 0);
	infer_path_defaults(&pp);
	if (run->live) {
		pp.resolved = resolved;
		pp.ctx = run;
	}
	for (g = 0; g < corr_ngroups(c); g++) {
		FUZZ_CHECK(infer_path(c, g, &pp, &res, err, sizeof(err)) == 0);
		check_result(&res);
		report(c, g, &res, run);
		path_result_free(&res);
	}
	FUZZ_CHECK(infer_path(c, corr_ngroups(c), &pp, &res, err, sizeof(err)) == -1);
	analyse_syn(run);
	analyse_http(run);
	fuzz_run_free(run);
}

void
fuzz_run_free(struct fuzz_run *run)
{
	tcps_free(run->hr.ts);
	http_wire_free(run->hr.wire);
	corr_free(run->path_c);
	corr_free(run->syn_c);
	corr_free(run->http_c);
	memset(run, 0, sizeof(*run));
}
