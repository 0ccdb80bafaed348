/*
 * Golden tests for synprobe: captures written by synprobe -w in the lab,
 * one per verdict kind, read back as synprobe -r reads them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "analyze/synprobe/infer.h"
#include "analyze/synprobe/readers.h"

/* What synprobe -r does, short of printing: its readers, through replay_read(). */
static void
replay(const char *name, struct syn_local *l, struct syn_result *r)
{
	char path[256], err[256];
	struct syn_plan plan;
	struct readers rd;
	struct capture cap;
	struct corr *c;
	FILE *in;

	snprintf(path, sizeof(path), FIXTURES "/synprobe/%s.pcap", name);
	in = fopen(path, "rb");
	assert_non_null(in);
	memset(l, 0, sizeof(*l));
	c = corr_new(NULL, 30 * 1000000000LL);
	assert_non_null(c);
	syn_readers(&rd, l, c);
	assert_int_equal(replay_read(in, &cap, &rd, err, sizeof(err)), 0);
	corr_finish(c);
	memset(&plan, 0, sizeof(plan));
	plan.full_ttl = 32;
	if (!syn_guess_target(c, l, &plan))
		fail_msg("%s: no target found", name);
	assert_int_equal(infer_syn(c, &plan, l, r, err, sizeof(err)), 0);
	corr_free(c);
	capture_close(&cap);
}

static const struct {
	const char	*name;
	enum fault	 fault;
	const char	*kind;
	int		 hop;
	const char	*addr;
	enum confidence	 conf;
} cases[] = {
	{ "open", FAULT_NONE, "open", 4, "198.18.3.2", CONF_CERTAIN },
	{ "refused", FAULT_SERVER, "refused", 4, "198.18.3.2", CONF_CERTAIN },
	{ "hostreset", FAULT_SERVER, "refused", 4, "198.18.3.2", CONF_CERTAIN },
	{ "hostdrop", FAULT_SERVER, "filtered-near-host", 4, "198.18.3.2", CONF_AMBIGUOUS },
	{ "hostprohib", FAULT_SERVER, "prohibited-by-host", 4, "198.18.3.2", CONF_CERTAIN },
	{ "hostdown", FAULT_SERVER, "host-down", 4, "198.18.3.2", CONF_LIKELY },
	{ "silent", FAULT_SERVER, "service-silent", 4, "198.18.3.2", CONF_LIKELY },
	{ "pathdrop", FAULT_PATH, "filtered-on-path", 2, "198.18.1.2", CONF_LIKELY },
	{ "pathprohib", FAULT_PATH, "prohibited-on-path", 2, "198.18.1.2", CONF_CERTAIN },
	{ "r3prohib", FAULT_PATH, "prohibited-on-path", 3, "198.18.2.2", CONF_CERTAIN },
	{ "pathreset", FAULT_PATH, "reset-on-path", 2, "198.18.1.2", CONF_CERTAIN },
	{ "noroute", FAULT_PATH, "unreachable-on-path", 2, "198.18.1.2", CONF_CERTAIN },
	{ "reject", FAULT_PATH, "unreachable-on-path", 2, "198.18.1.2", CONF_CERTAIN },
	{ "indrop", FAULT_CLIENT, "blocked-locally", 0, "198.18.0.1", CONF_LIKELY },
	{ "deadgw", FAULT_CLIENT, "gateway-unreachable", 1, "198.18.0.2", CONF_LIKELY },
};

static void
test_lab_captures(void **st)
{
	struct syn_local l;
	struct syn_result r;
	char a[FL_ADDRSTRLEN];
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		replay(cases[i].name, &l, &r);
		if (r.v.fault != cases[i].fault || strcmp(r.v.kind, cases[i].kind) != 0 ||
		    r.v.hop != cases[i].hop || r.v.confidence != cases[i].conf)
			fail_msg("%s: %s/%s hop %d (%s), expected %s/%s hop %d (%s): %s",
			    cases[i].name, fault_name(r.v.fault), r.v.kind, r.v.hop,
			    confidence_name(r.v.confidence), fault_name(cases[i].fault),
			    cases[i].kind, cases[i].hop, confidence_name(cases[i].conf), r.v.summary);
		assert_string_equal(fl_addr_str(&r.v.addr, a, sizeof(a)), cases[i].addr);
		assert_true(r.ev.n > 0);
		syn_result_free(&r);
	}
}

/* The greeting is read from the wire itself. */
static void
test_open_reads_the_banner(void **st)
{
	struct syn_local l;
	struct syn_result r;

	(void)st;
	replay("open", &l, &r);
	assert_non_null(strstr(r.v.summary, "\"220"));
	syn_result_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lab_captures),
		cmocka_unit_test(test_open_reads_the_banner),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
