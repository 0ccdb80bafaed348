/*
 * postprobe's rules on what a live run saw through libcurl, with no
 * capture behind it: who is at fault when the TLS set-up fails.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "analyze/postprobe/infer.h"

static void
run(struct http_local *l, struct http_result *r)
{
	struct tcp_streams *ts = tcps_new((size_t)1 << 20);
	struct http_wire *w = http_wire_new();
	struct corr *c = corr_new(NULL, 1000000000LL);
	struct syn_plan pl;
	char err[128];

	assert_non_null(ts);
	assert_non_null(w);
	assert_non_null(c);
	memset(&pl, 0, sizeof(pl));
	assert_int_equal(fl_addr_parse("198.18.0.1", &pl.src), 0);
	assert_int_equal(fl_addr_parse("198.18.3.2", &pl.dst), 0);
	pl.port = 443;
	pl.full_ttl = 32;
	l->live = true;
	l->tls = true;
	l->tls_failed = true;
	l->c_total = 12;
	tcps_finish(ts);
	corr_finish(c);
	assert_int_equal(infer_http(ts, w, c, NULL, l, &pl, r, err, sizeof(err)), 0);
	tcps_free(ts);
	http_wire_free(w);
	corr_free(c);
}

/*
 * CURLE_SSL_CACERT_BADFILE: this host's CA bundle cannot be read (found
 * on a bare root whose bundle the probe, dropped to nobody, could not
 * open).  libcurl's message names no "CA file"; the code decides.
 */
static void
test_tls_local_bundle(void **st)
{
	struct http_local l;
	struct http_result r;

	(void)st;
	memset(&l, 0, sizeof(l));
	l.tls_local = true;
	snprintf(l.curl_error, sizeof(l.curl_error),
	    "error setting certificate file: /etc/ssl/certs/ca-certificates.crt");
	run(&l, &r);
	assert_int_equal(r.v.fault, FAULT_CLIENT);
	assert_string_equal(r.v.kind, "tls-failure");
	assert_int_equal(r.v.confidence, CONF_CERTAIN);
	assert_non_null(strstr(r.v.summary, "cannot load its own certificates"));
	assert_null(strstr(r.v.summary, "server's certificate is not trusted"));
	http_result_free(&r);
}

/* A certificate the client does not trust: the server's to fix. */
static void
test_tls_untrusted_server(void **st)
{
	struct http_local l;
	struct http_result r;

	(void)st;
	memset(&l, 0, sizeof(l));
	snprintf(l.curl_error, sizeof(l.curl_error),
	    "SSL certificate problem: self-signed certificate");
	run(&l, &r);
	assert_int_equal(r.v.fault, FAULT_SERVER);
	assert_string_equal(r.v.kind, "tls-failure");
	assert_int_equal(r.v.confidence, CONF_LIKELY);
	assert_non_null(strstr(r.v.summary, "server's certificate is not trusted"));
	http_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tls_local_bundle),
		cmocka_unit_test(test_tls_untrusted_server),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
