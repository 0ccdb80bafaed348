/*
 * pcap-triage's DNS reader (names.c): per query, answered or not, by
 * which resolver; what is normal (NXDOMAIN for a search-list expansion,
 * an empty AAAA answer) is no fault.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "test_triage.h"

static struct scene sc;
static struct node cli, r1, r2;

static void
setup_nodes(void)
{
	cli = node(IP4(10, 1, 0, 5), 1);
	r1 = node(IP4(10, 1, 0, 53), 2);
	r2 = node(IP4(10, 1, 0, 54), 3);
	memset(&sc, 0, sizeof(sc));
}

static void
query(int64_t ms, const struct node *r, uint16_t id, const char *name, uint16_t qtype)
{
	uint8_t m[512];

	sc_udp(&sc, ms * MS, &cli, NULL, 40000 + id, r, NULL, 53, m, sc_dns(m, id, false, 0, name, qtype, 0),
	    64);
}

static void
answer(int64_t ms, const struct node *r, uint16_t id, const char *name, uint16_t qtype, uint8_t rcode,
    uint32_t addr)
{
	uint8_t m[512];

	sc_udp(&sc, ms * MS, r, NULL, 53, &cli, NULL, 40000 + id, m,
	    sc_dns(m, id, true, rcode, name, qtype, addr), 64);
}

static void
test_servfail_refused(void **st)
{
	const struct tri_finding *f;
	struct triage *t;

	(void)st;
	setup_nodes();
	query(0, &r1, 1, "broken.example.org", 1);
	answer(35, &r1, 1, "broken.example.org", 1, 2, 0);
	t = sc_run(&sc, NULL);
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "dns-servfail");
	assert_int_equal(f->side, FAULT_SERVER);
	assert_int_equal(f->who, TW_RESOLVER);
	assert_true(tri_cites(f, 1) && tri_cites(f, 2));
	triage_free(t);

	setup_nodes();
	query(0, &r1, 1, "www.example.org", 1);
	answer(2, &r1, 1, "www.example.org", 1, 5, 0);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "dns-refused");
	triage_free(t);
}

/* The same name fails at one resolver and is answered by the other. */
static void
test_inconsistent(void **st)
{
	struct triage *t;

	(void)st;
	setup_nodes();
	query(0, &r1, 1, "www.example.org", 1);
	answer(20, &r1, 1, "www.example.org", 1, 2, 0);
	query(21, &r2, 1, "www.example.org", 1);
	answer(30, &r2, 1, "www.example.org", 1, 0, IP4(192, 0, 2, 80));
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "dns-inconsistent");
	assert_non_null(strstr(t->top->device, "10.1.0.53"));
	triage_free(t);
}

/* Search-list NXDOMAIN, an empty AAAA answer, reverse lookups failing: all normal. */
static void
test_normal(void **st)
{
	struct triage *t;
	struct fl_addr a;

	(void)st;
	setup_nodes();
	query(0, &r1, 1, "www.example.org.corp.example", 1);
	answer(3, &r1, 1, "www.example.org.corp.example", 1, 3, 0);
	query(4, &r1, 2, "www.example.org", 1);
	answer(9, &r1, 2, "www.example.org", 1, 0, IP4(192, 0, 2, 80));
	query(10, &r1, 3, "www.example.org", 28);
	answer(14, &r1, 3, "www.example.org", 28, 0, 0);
	query(20, &r1, 4, "80.2.0.192.in-addr.arpa", 12);
	answer(24, &r1, 4, "80.2.0.192.in-addr.arpa", 12, 3, 0);
	query(30, &r1, 5, "printer", 1);
	answer(31, &r1, 5, "printer", 1, 3, 0);
	t = sc_run(&sc, NULL);
	if (t->top != NULL)
		fail_msg("a fault: %s: %s", t->top->kind, t->top->summary);
	assert_non_null(tri_find(t, "dns-nxdomain-normal"));
	assert_int_equal(tri_names_stats(t->names)->empty, 1);
	/* The answer names the address, with the name asked. */
	fl_addr_v4(&a, IP4(192, 0, 2, 80));
	assert_string_equal(tri_name_of(&t->ctx, &a), "www.example.org");
	triage_free(t);
}

static void
test_nxdomain(void **st)
{
	struct triage *t;

	(void)st;
	setup_nodes();
	query(0, &r1, 9, "wwww.exmaple.org", 1);
	answer(25, &r1, 9, "wwww.exmaple.org", 1, 3, 0);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "dns-nxdomain");
	assert_true(fabs(tri_finding_get(t->top, "answer_ms") - 25) < 0.5);
	triage_free(t);
}

/* Retries and no answer; a resolver that says port unreachable; a late answer refused. */
static void
test_no_answer(void **st)
{
	struct triage *t;
	const struct tri_finding *f;

	(void)st;
	setup_nodes();
	query(0, &r1, 1, "www.example.org", 1);
	query(1000, &r1, 1, "www.example.org", 1);
	query(3000, &r1, 1, "www.example.org", 1);
	t = sc_run(&sc, NULL);
	f = t->top;
	assert_non_null(f);
	assert_string_equal(f->kind, "dns-no-answer");
	assert_int_equal((int)tri_finding_get(f, "queries"), 3);
	triage_free(t);

	setup_nodes();
	query(0, &r1, 1, "www.example.org", 1);
	sc_icmp_err(&sc, 1 * MS, &r1, cli.mac, 3, 3, 0, 64);
	t = sc_run(&sc, NULL);
	assert_non_null(t->top);
	assert_string_equal(t->top->kind, "dns-port-unreachable");
	assert_true(tri_cites(t->top, 2));
	triage_free(t);

	/* The answer after the client gave up: the client refuses it; a note. */
	setup_nodes();
	query(0, &r1, 1, "www.example.org", 1);
	answer(40, &r1, 1, "www.example.org", 1, 0, IP4(192, 0, 2, 1));
	answer(41, &r1, 1, "www.example.org", 1, 0, IP4(192, 0, 2, 1));
	sc_icmp_err(&sc, 41 * MS, &cli, r1.mac, 3, 3, 2, 64);
	t = sc_run(&sc, NULL);
	assert_null(t->top);
	assert_non_null(tri_find(t, "dns-late-answer"));
	triage_free(t);
}

/* Answered only after a retry: time lost, a warning. */
static void
test_retried(void **st)
{
	struct triage *t;

	(void)st;
	setup_nodes();
	query(0, &r1, 1, "www.example.org", 1);
	query(1000, &r1, 1, "www.example.org", 1);
	answer(1010, &r1, 1, "www.example.org", 1, 0, IP4(192, 0, 2, 1));
	t = sc_run(&sc, NULL);
	assert_null(t->top);
	assert_non_null(tri_find(t, "dns-retried"));
	triage_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_servfail_refused),
		cmocka_unit_test(test_inconsistent),
		cmocka_unit_test(test_normal),
		cmocka_unit_test(test_nxdomain),
		cmocka_unit_test(test_no_answer),
		cmocka_unit_test(test_retried),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
