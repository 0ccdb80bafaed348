/*
 * Golden tests for postprobe: saved captures in, who answered what out,
 * read the way postprobe -r reads them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "infer_http.h"

struct sink {
	struct tcp_streams	*ts;
	struct http_wire	*w;
	struct corr		*c;
	struct syn_local	 sl;
};

static void
feed(void *ctx, const struct capture_frame *f)
{
	struct sink *s = ctx;
	struct dec_pkt p;

	(void)dec_packet(f->data, f->caplen, f->len, f->linktype, &p);
	tcps_feed(s->ts, f->frame, f->ts, &p);
	http_note_frame(s->w, f->frame, f->ts, &p);
	syn_note_frame(&s->sl, f->frame, f->ts, &p);
	corr_feed(s->c, f->frame, f->ts, &p);
}

/* postprobe -r, short of printing; the plan is the first HTTP exchange's. */
static void
replay(const char *path, struct sink *s, struct http_result *r)
{
	struct http_local l;
	struct syn_plan pl;
	struct capture cap;
	struct http_msg m;
	char err[256];
	size_t i, next;
	FILE *in = fopen(path, "rb");

	assert_non_null(in);
	memset(s, 0, sizeof(*s));
	s->ts = tcps_new((size_t)4 << 20);
	s->w = http_wire_new();
	s->c = corr_new(NULL, 30 * 1000000000LL);
	capture_init(&cap);
	assert_int_equal(capture_offline(&cap, in, err, sizeof(err)), 0);
	assert_int_equal(capture_read_all(&cap, feed, s, err, sizeof(err)), 0);
	capture_close(&cap);
	tcps_finish(s->ts);
	corr_finish(s->c);
	memset(&pl, 0, sizeof(pl));
	pl.full_ttl = 32;
	for (i = 0; i < tcps_count(s->ts); i++) {
		const struct tcp_conn *c = tcps_conn(s->ts, i);

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
	assert_int_equal(infer_http(s->ts, s->w, s->c, NULL, &l, &pl, r, err, sizeof(err)), 0);
}

static void
done(struct sink *s, struct http_result *r)
{
	http_result_free(r);
	tcps_free(s->ts);
	http_wire_free(s->w);
	corr_free(s->c);
}

/* The book: the web mail form's POST, refused by the server itself. */
static void
test_book_post_403(void **st)
{
	struct sink s;
	struct http_result r;
	char a[FL_ADDRSTRLEN];

	(void)st;
	replay(SHARED_CAPTURES "/http-fault-post.pcap", &s, &r);
	assert_int_equal(r.fault, SF_SERVER);
	assert_string_equal(r.kind, "http-client-error");
	assert_int_equal(r.status, 403);
	assert_string_equal(r.reason, "Forbidden");
	assert_string_equal(r.method, "POST");
	assert_string_equal(r.target, "/flashmail.asp");
	assert_string_equal(fl_addr_str(&r.addr, a, sizeof(a)), "216.23.168.114");
	assert_non_null(strstr(r.summary, "403 Forbidden from 216.23.168.114 in reply to the POST"));
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
	assert_true(r.nevidence >= 4);
	done(&s, &r);
}

/* The baseline: GET / answered 200 OK. */
static void
test_google_get_200(void **st)
{
	struct sink s;
	struct http_result r;

	(void)st;
	replay(SHARED_CAPTURES "/http_google.pcapng", &s, &r);
	assert_int_equal(r.fault, SF_NONE);
	assert_string_equal(r.kind, "ok");
	assert_int_equal(r.status, 200);
	assert_string_equal(r.method, "GET");
	assert_string_equal(r.target, "/");
	done(&s, &r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_book_post_403),
		cmocka_unit_test(test_google_get_200),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
