/*
 * Linear counting (analyze/common/distinct.c): distinct values counted
 * within a few per cent up to several times the bitmap's size, repeats
 * not counted, the O(1) estimate from the bits set equal to a full count,
 * and a saturated bitmap giving its bound rather than infinity.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/common/distinct.h"
#include "analyze/packet/addr.h"

static void
test_counts(void **st)
{
	static const uint32_t ns[] = { 1, 5, 20, 100, 287, 600, 1500, 3000 };
	uint8_t bits[1024 / 8];
	struct fl_addr a;
	unsigned int k;
	uint32_t i, set;
	double est;

	(void)st;
	memset(&a, 0, sizeof(a));
	a.family = 4;
	a.b[0] = 198;
	a.b[1] = 18;
	a.b[3] = 9;
	for (k = 0; k < sizeof(ns) / sizeof(ns[0]); k++) {
		memset(bits, 0, sizeof(bits));
		set = 0;
		/* ports in a row to one host, as a scan sends them, each twice */
		for (i = 0; i < 2 * ns[k]; i++)
			if (!distinct_add(bits, 1024, fl_addr_hash(&a, (uint16_t)(20000 + i % ns[k]))))
				set++;
		est = distinct_count(bits, 1024);
		if (fabs(est - ns[k]) > 0.08 * ns[k] + 1)
			fail_msg("%u distinct values counted as %.1f", ns[k], est);
		assert_true(fabs(distinct_estimate(set, 1024) - est) < 1e-9);
		for (i = 0; i < ns[k]; i++)
			assert_true(distinct_has(bits, 1024, fl_addr_hash(&a, (uint16_t)(20000 + i))));
	}
}

static void
test_saturated(void **st)
{
	uint8_t bits[64 / 8];
	uint32_t i;
	double est;

	(void)st;
	memset(bits, 0xff, sizeof(bits));
	est = distinct_count(bits, 64);
	assert_true(isfinite(est));
	assert_true(fabs(est - 64 * log(64.0)) < 1e-9);
	assert_true(fabs(distinct_estimate(64, 64) - est) < 1e-9);
	assert_true(fabs(distinct_estimate(0, 64)) < 1e-12);
	memset(bits, 0, sizeof(bits));
	for (i = 0; i < 10; i++)
		(void)distinct_add(bits, 64, 77);
	assert_true(fabs(distinct_count(bits, 64) - 64 * log(64.0 / 63)) < 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_saturated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
