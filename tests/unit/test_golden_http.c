/*
 * Golden tests for postprobe: saved captures in, who answered what out,
 * read the way postprobe -r reads them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "fixtures.h"
#include "analyze/postprobe/infer.h"

/* A capture read as postprobe -r reads it (fixtures.h). */
#define sink	http_capture

/*
 * postprobe -r, short of printing: dst (with port) is the URL's address
 * when given, else the plan is the first HTTP exchange's; the locating
 * probes in the capture are read the way synprobe reads them.
 */
static void
replay(const char *path, const char *dst, uint16_t port, struct sink *s,
    struct syn_result *syn, struct http_result *r)
{
	struct http_local l;
	struct syn_plan pl;
	struct http_msg m;
	char err[256];
	size_t i, next;

	assert_int_equal(load_http(path, s, err, sizeof(err)), 0);
	memset(&pl, 0, sizeof(pl));
	pl.full_ttl = 32;
	if (dst != NULL) {
		assert_int_equal(fl_addr_parse(dst, &pl.dst), 0);
		pl.port = port;
	}
	for (i = 0; dst == NULL && i < tcps_count(s->hr.ts); i++) {
		const struct tcp_conn *c = tcps_conn(s->hr.ts, i);

		if (http_parse(c->c2s.data, c->c2s.len, 0, true, &m, &next) != HTTP_BAD &&
		    m.method[0] != '\0') {
			pl.src = c->cli;
			pl.dst = c->srv;
			pl.port = c->sport;
			break;
		}
	}
	assert_true(fl_addr_is_set(&pl.dst));
	memset(&l, 0, sizeof(l));
	assert_int_equal(infer_syn(s->c, &pl, &s->sl, syn, err, sizeof(err)), 0);
	assert_int_equal(infer_http(s->hr.ts, s->hr.wire, s->c, syn, &l, &pl, r, err, sizeof(err)), 0);
}

static void
done(struct sink *s, struct syn_result *syn, struct http_result *r)
{
	http_result_free(r);
	syn_result_free(syn);
	free_http(s);
}

/* The book: the web mail form's POST, refused by the server itself. */
static void
test_book_post_403(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;
	char a[FL_ADDRSTRLEN];

	(void)st;
	replay(SHARED_CAPTURES "/http-fault-post.pcap", NULL, 0, &s, &syn, &r);
	assert_int_equal(r.v.fault, FAULT_SERVER);
	assert_string_equal(r.v.kind, "http-client-error");
	assert_int_equal(r.status, 403);
	assert_string_equal(r.reason, "Forbidden");
	assert_string_equal(r.method, "POST");
	assert_string_equal(r.target, "/flashmail.asp");
	assert_string_equal(fl_addr_str(&r.v.addr, a, sizeof(a)), "216.23.168.114");
	assert_non_null(strstr(r.v.summary, "403 Forbidden from 216.23.168.114 in reply to the POST"));
	assert_true(r.request_acked);
	assert_int_equal(r.retransmits, 0);
	assert_false(r.reset);
	assert_int_equal(r.nexchanges, 2);
	/* The transcript, reassembled from the packets. */
	assert_true(r.transcript_capture);
	assert_non_null(r.req_text);
	assert_true(strncmp(r.req_text, "POST /flashmail.asp HTTP/1.1", 28) == 0);
	assert_non_null(strstr(r.req_text, "Content-Type: application/x-www-form-urlencoded"));
	assert_true(strncmp(r.resp_text, "HTTP/1.1 403 Forbidden", 22) == 0);
	assert_non_null(strstr(r.resp_text, "Server: Microsoft-IIS/6.0"));
	/* Timed on the wire: 32.5 ms to connect, 46 ms for the server to answer. */
	assert_true(r.timing_from_capture);
	assert_true(r.t_connect > 32 && r.t_connect < 33);
	assert_true(r.t_wait > 40 && r.t_wait < 50);
	assert_true(r.ev.n >= 4);
	/* IIS's IP IDs are one counter: the 403 follows the SYN-ACK's 1549. */
	assert_int_equal(r.resp_id_fit, 1);
	assert_int_equal(r.resp_id_prev, 1549);
	assert_int_equal(r.resp_ipid, 1552);
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.confidence_reason, "IP ID (1552) follows the server's last (1549)"));
	done(&s, &syn, &r);
}

/*
 * A copy of a capture with one IPv4 packet's IP ID changed (the first
 * whose header carries from), its header checksum made right again.
 */
static void
patch_ipid(const char *in, const char *out, uint16_t from, uint16_t to)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(in, err);
	pcap_dumper_t *d;
	bool done_one = false;

	assert_non_null(p);
	d = pcap_dump_open(p, out);
	assert_non_null(d);
	while (pcap_next_ex(p, &h, &data) == 1) {
		u_char buf[65536];
		size_t i, k;

		assert_true(h->caplen <= sizeof(buf));
		memcpy(buf, data, h->caplen);
		for (i = 0; !done_one && i + 20 <= h->caplen; i++) {
			uint32_t sum = 0;

			if (buf[i] != 0x45 || buf[i + 4] != from >> 8 || buf[i + 5] != (from & 0xff))
				continue;
			for (k = 0; k < 20; k += 2)
				sum += (uint32_t)buf[i + k] << 8 | buf[i + k + 1];
			while (sum >> 16)
				sum = (sum & 0xffff) + (sum >> 16);
			if (sum != 0xffff)
				continue;	/* not a header: its checksum does not hold */
			buf[i + 4] = (u_char)(to >> 8);
			buf[i + 5] = (u_char)to;
			buf[i + 10] = buf[i + 11] = 0;
			for (sum = 0, k = 0; k < 20; k += 2)
				sum += (uint32_t)buf[i + k] << 8 | buf[i + k + 1];
			while (sum >> 16)
				sum = (sum & 0xffff) + (sum >> 16);
			buf[i + 10] = (u_char)(~sum >> 8);
			buf[i + 11] = (u_char)~sum;
			done_one = true;
		}
		pcap_dump((u_char *)d, h, buf);
	}
	pcap_dump_close(d);
	pcap_close(p);
	assert_true(done_one);
}

/*
 * The same 403, but its first packet's IP ID far off the server's
 * counter (as from a device that copies the server's address and TTL
 * into an answer of its own): still the server's by every other sign,
 * but no longer sure.
 */
static void
test_book_post_403_foreign_ipid(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;
	char path[] = "/tmp/fl-ipid-XXXXXX";
	int fd = mkstemp(path);

	(void)st;
	assert_true(fd >= 0);
	close(fd);
	patch_ipid(SHARED_CAPTURES "/http-fault-post.pcap", path, 1552, 1552 + 30000);
	replay(path, NULL, 0, &s, &syn, &r);
	unlink(path);
	assert_int_equal(r.status, 403);
	assert_int_equal(r.resp_ipid, 1552 + 30000);
	assert_int_equal(r.resp_id_fit, -1);
	assert_int_equal(r.v.confidence, CONF_AMBIGUOUS);
	assert_non_null(strstr(r.v.confidence_reason, "breaks the server's sequence (last 1549)"));
	done(&s, &syn, &r);
}

/* The baseline: GET / answered 200 OK. */
static void
test_google_get_200(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;

	(void)st;
	replay(SHARED_CAPTURES "/http_google.pcapng", NULL, 0, &s, &syn, &r);
	assert_int_equal(r.v.fault, FAULT_NONE);
	assert_string_equal(r.v.kind, "ok");
	assert_int_equal(r.status, 200);
	assert_string_equal(r.method, "GET");
	assert_string_equal(r.target, "/");
	done(&s, &syn, &r);
}

static bool
evidence_has(const struct http_result *r, const char *what)
{
	size_t i;

	for (i = 0; i < r->ev.n; i++)
		if (strstr(r->ev.v[i].summary, what) != NULL)
			return true;
	return false;
}

/*
 * The lab's captures (tests/fixtures/postprobe/README.md): each kind, read
 * back from what postprobe -w wrote.  dst is the URL's address for the
 * captures without an HTTP request in clear.
 */
#define LAB_SERVER	"198.18.3.2"

static const struct {
	const char	*name;
	const char	*dst;
	uint16_t	 port;
	enum fault	 fault;
	const char	*kind;
	int		 status;
	int		 hop;
	const char	*addr;
	enum confidence	 conf;
} lab[] = {
	{ "ok", NULL, 0, FAULT_NONE, "ok", 200, 4, LAB_SERVER, CONF_CERTAIN },
	{ "get", NULL, 0, FAULT_NONE, "ok", 200, 4, LAB_SERVER, CONF_CERTAIN },
	{ "small", NULL, 0, FAULT_NONE, "ok", 200, 4, LAB_SERVER, CONF_CERTAIN },
	{ "post", NULL, 0, FAULT_SERVER, "http-client-error", 403, 4, LAB_SERVER, CONF_CERTAIN },
	{ "err", NULL, 0, FAULT_SERVER, "http-server-error", 500, 4, LAB_SERVER, CONF_CERTAIN },
	{ "slow", NULL, 0, FAULT_SERVER, "slow-server", 200, 4, LAB_SERVER, CONF_CERTAIN },
	{ "proxy", NULL, 0, FAULT_PATH, "answered-by-middlebox", 403, 3, "198.18.2.2", CONF_CERTAIN },
	{ "proxy_get", NULL, 0, FAULT_NONE, "ok", 200, 3, "198.18.2.2", CONF_CERTAIN },
	/* The server drops echoes: the ttl-3 echo expiring at r3 places the proxy. */
	{ "proxy_noecho", NULL, 0, FAULT_PATH, "answered-by-middlebox", 403, 3, "198.18.2.2",
	  CONF_CERTAIN },
	/* ... and r3 is silent: the control port's reset gives the server's distance. */
	{ "proxy_silent", NULL, 0, FAULT_PATH, "answered-by-middlebox", 403, 3, NULL, CONF_LIKELY },
	{ "reset", NULL, 0, FAULT_PATH, "reset-on-path", 0, 2, "198.18.1.2", CONF_CERTAIN },
	/* The same, recorded without the in-flow trace: placed by the reset's TTL alone. */
	{ "reset_ttl", NULL, 0, FAULT_PATH, "reset-on-path", 0, 2, "198.18.1.2", CONF_LIKELY },
	/* The injector forges the server's TTL: only the in-flow trace places it. */
	{ "forged", NULL, 0, FAULT_PATH, "reset-on-path", 0, 2, "198.18.1.2", CONF_CERTAIN },
	{ "large", NULL, 0, FAULT_PATH, "pmtu-blackhole", 0, 2, "198.18.1.2", CONF_LIKELY },
	{ "refused", LAB_SERVER, 8080, FAULT_SERVER, "refused", 0, 4, LAB_SERVER, CONF_CERTAIN },
	{ "filtered", LAB_SERVER, 8080, FAULT_SERVER, "filtered-near-host", 0, 4, LAB_SERVER,
	  CONF_AMBIGUOUS },
	/* HTTPS from the packets alone: the answer is encrypted, the failure is not. */
	{ "https", LAB_SERVER, 443, FAULT_UNKNOWN, "encrypted", 0, -1, LAB_SERVER, CONF_AMBIGUOUS },
	{ "nocert", LAB_SERVER, 443, FAULT_SERVER, "tls-failure", 0, -1, LAB_SERVER, CONF_LIKELY },
};

static void
test_lab_kinds(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;
	char path[256], a[FL_ADDRSTRLEN];
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(lab) / sizeof(lab[0]); i++) {
		snprintf(path, sizeof(path), FIXTURES "/postprobe/%s.pcap", lab[i].name);
		print_message("%s\n", lab[i].name);
		replay(path, lab[i].dst, lab[i].port, &s, &syn, &r);
		assert_int_equal(r.v.fault, lab[i].fault);
		assert_string_equal(r.v.kind, lab[i].kind);
		assert_int_equal(r.status, lab[i].status);
		if (lab[i].hop >= 0)
			assert_int_equal(r.v.hop, lab[i].hop);
		if (lab[i].addr != NULL)
			assert_string_equal(fl_addr_str(&r.v.addr, a, sizeof(a)), lab[i].addr);
		else
			assert_false(fl_addr_is_set(&r.v.addr));
		assert_int_equal(r.v.confidence, lab[i].conf);
		assert_true(r.v.summary[0] != '\0');
		assert_true(r.ev.n > 0);
		done(&s, &syn, &r);
	}
}

/* The refused POST: delivered intact, the 403 from the server's own distance. */
static void
test_lab_post_403(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;

	(void)st;
	replay(FIXTURES "/postprobe/post.pcap", NULL, 0, &s, &syn, &r);
	assert_string_equal(r.method, "POST");
	assert_string_equal(r.reason, "Forbidden");
	assert_true(r.request_acked);
	assert_false(r.reset);
	assert_int_equal(r.retransmits, 0);
	assert_true(r.transcript_capture);
	assert_true(strncmp(r.req_text, "POST /form HTTP/1.1", 19) == 0);
	assert_true(strncmp(r.resp_text, "HTTP/1.1 403 Forbidden", 22) == 0);
	/* nginx's answer comes from three routers away (64 - 3), as its SYN-ACK. */
	assert_int_equal(r.resp_ttl, 61);
	assert_int_equal(r.synack_ttl, 61);
	done(&s, &syn, &r);
}

/* The proxy answers from nearer than the server's SYN-ACK would: one TTL more. */
static void
test_lab_proxy(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;

	(void)st;
	replay(FIXTURES "/postprobe/proxy.pcap", NULL, 0, &s, &syn, &r);
	assert_true(strstr(r.v.summary, "198.18.2.2") != NULL);
	/* Everything in the server's name comes from two routers away (64 - 2)... */
	assert_int_equal(r.synack_ttl, 62);
	assert_int_equal(r.resp_ttl, 62);
	/* ...and a SYN with TTL 3 is answered in its name, short of hop 4. */
	assert_true(evidence_has(&r, "answering a ttl-3 SYN"));
	done(&s, &syn, &r);
}

/* Two seconds of server wait on a sub-millisecond path. */
static void
test_lab_slow(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;

	(void)st;
	replay(FIXTURES "/postprobe/slow.pcap", NULL, 0, &s, &syn, &r);
	assert_true(r.timing_from_capture);
	assert_true(r.t_wait > 1900 && r.t_wait < 2500);
	assert_true(r.rtt_ms >= 0 && r.rtt_ms < 50);
	assert_true(r.t_connect >= 0 && r.t_connect < 50);
	done(&s, &syn, &r);
}

/* The large POST: full-size segments lost, small probes pass, no ICMP. */
static void
test_lab_pmtu(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;

	(void)st;
	replay(FIXTURES "/postprobe/large.pcap", NULL, 0, &s, &syn, &r);
	assert_true(r.mtu.probed);
	assert_false(r.mtu.frag_needed);
	assert_true(r.mtu.smallest_lost > r.mtu.largest_ok);
	assert_true(r.retransmits > 0);
	assert_int_equal(r.status, 0);
	done(&s, &syn, &r);
}

/* The reset: not from the server's distance. */
static void
test_lab_reset(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;
	char a[FL_ADDRSTRLEN];

	(void)st;
	replay(FIXTURES "/postprobe/reset.pcap", NULL, 0, &s, &syn, &r);
	assert_true(r.reset);
	/* The reset comes from one router away (64 - 1), the SYN-ACK from three. */
	assert_int_equal(r.rst_ttl, 63);
	assert_int_equal(r.synack_ttl, 61);
	/*
	 * The in-flow trace: copies of the request with ttl 1 to 4; ttl 2
	 * expires at r2, ttl 3 draws the reset (r2 resets what it forwards,
	 * so it comes back across 2 hops), which places r2 on the link to
	 * hop 3.  Its frames are kept out of the stream: the transcript is
	 * the request alone, sent once.
	 */
	assert_int_equal(r.zt.sent, 4);
	assert_int_equal(r.zt.expired, 2);
	assert_string_equal(fl_addr_str(&r.zt.expired_from, a, sizeof(a)), "198.18.1.2");
	assert_int_equal(r.zt.answered, 3);
	assert_true(r.zt.answered_rst);
	assert_int_equal(r.zt.answer_ttl, 63);
	assert_true(r.v.has_link);
	assert_int_equal(r.v.from.ttl, 2);
	assert_int_equal(r.v.to.ttl, 3);
	assert_int_equal(r.retransmits, 0);
	assert_non_null(strstr(r.v.confidence_reason, "ttl 3"));
	assert_null(strstr(r.v.confidence_reason, "forged"));
	done(&s, &syn, &r);

	/* Without the trace, the reset's TTL alone: likely, no link. */
	replay(FIXTURES "/postprobe/reset_ttl.pcap", NULL, 0, &s, &syn, &r);
	assert_int_equal(r.zt.sent, 0);
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	done(&s, &syn, &r);
}

/*
 * The injector that forges the server's TTL: its reset arrives with 61,
 * as the SYN-ACK does, so TTLs alone would blame the server; the ttl-3
 * copy of the request drew it, and its TTL is named as forged.
 */
static void
test_lab_reset_forged(void **st)
{
	struct sink s;
	struct syn_result syn;
	struct http_result r;

	(void)st;
	replay(FIXTURES "/postprobe/forged.pcap", NULL, 0, &s, &syn, &r);
	assert_int_equal(r.rst_ttl, 61);
	assert_int_equal(r.synack_ttl, 61);
	assert_int_equal(r.zt.answered, 3);
	assert_int_equal(r.zt.answer_ttl, 61);
	assert_int_equal(r.v.fault, FAULT_PATH);
	assert_int_equal(r.v.hop, 2);
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	assert_non_null(strstr(r.v.confidence_reason, "forged"));
	done(&s, &syn, &r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_book_post_403),
		cmocka_unit_test(test_book_post_403_foreign_ipid),
		cmocka_unit_test(test_google_get_200),
		cmocka_unit_test(test_lab_kinds),
		cmocka_unit_test(test_lab_post_403),
		cmocka_unit_test(test_lab_proxy),
		cmocka_unit_test(test_lab_slow),
		cmocka_unit_test(test_lab_pmtu),
		cmocka_unit_test(test_lab_reset_forged),
		cmocka_unit_test(test_lab_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
