/*
 * libFuzzer target for ptrace-slow's --baseline: path_baseline_parse()
 * on the input as the file's bytes, and, when it is taken, what the
 * front end and the analysis do with it: path_baseline_check(),
 * path_baseline_flow(), then infer_path() with it on a fixed trace
 * (fuzz_trace.c) and both reports.
 *
 * What must hold, whatever came in:
 *   - a refusal has a one-line reason and keeps nothing;
 *   - a baseline taken has hops with rising TTLs, links chained from
 *     this host (TTL 0) with each ending after it starts, finite
 *     non-negative steps, and a date of printable ASCII;
 *   - every sentence of the inference is whole UTF-8, and the JSON it
 *     writes reads back as a baseline.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz_analysis.h"
#include "fuzz_trace.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_taken(const struct path_baseline *bl)
{
	size_t i;

	FUZZ_CHECK(bl->nhops <= 255 && bl->nlinks <= 255);
	for (i = 0; i < bl->nhops; i++) {
		FUZZ_CHECK(bl->hops[i].ttl >= 1);
		FUZZ_CHECK(i == 0 || bl->hops[i].ttl > bl->hops[i - 1].ttl);
		FUZZ_CHECK(bl->hops[i].naddrs <= PATH_MAX_RESP);
	}
	for (i = 0; i < bl->nlinks; i++) {
		const struct path_baseline_link *l = &bl->links[i];

		FUZZ_CHECK(l->from.ttl == (i == 0 ? 0 : bl->links[i - 1].to.ttl));
		FUZZ_CHECK(l->to.ttl > l->from.ttl && l->to.ttl <= 255);
		FUZZ_CHECK(l->added_ms >= 0 && l->added_ms <= 86400000.0);
		FUZZ_CHECK(l->noise_ms >= -1);
	}
	for (i = 0; bl->date[i] != '\0'; i++)
		FUZZ_CHECK(bl->date[i] >= 0x20 && bl->date[i] < 0x7f);
	FUZZ_CHECK(i > 0 && strlen(bl->started_at) >= 20);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct path_baseline bl;
	struct path_flow flow;
	char err[256];

	err[0] = '\0';
	if (path_baseline_parse((const char *)data, size, &bl, err, sizeof(err)) != 0) {
		FUZZ_CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
		FUZZ_CHECK(bl.hops == NULL && bl.links == NULL && bl.nhops == 0);
		return 0;
	}
	check_taken(&bl);
	if (path_baseline_flow(&bl, &flow))
		FUZZ_CHECK(flow.proto == bl.proto);
	if (path_baseline_check(&bl, &bl.dst, bl.proto, err, sizeof(err)) != 0)
		FUZZ_CHECK(!"a baseline unlike itself");
	(void)path_baseline_check(&bl, &bl.src, 17, err, sizeof(err));
	fuzz_trace_infer(&bl, NULL, true);
	path_baseline_free(&bl);
	return 0;
}
