/*
 * libFuzzer target for ptrace-slow's --locations: path_locations_parse()
 * on the input as the file's bytes, path_locations_find() for every
 * entry's own prefix and for addresses taken from the input, then
 * infer_path() with the places on a fixed trace (fuzz_trace.c) and both
 * reports.
 *
 * What must hold, whatever came in:
 *   - a refusal says which line ("line N: ...") on one line, keeps nothing;
 *   - entries taken are longest prefix first, no prefix twice, no host
 *     bits set, latitude and longitude in range, names UTF-8 without
 *     control characters;
 *   - an entry's own prefix finds an entry at least as long that holds it;
 *   - every sentence of the inference is whole UTF-8.
 */
#include <stdint.h>
#include <string.h>

#include <jansson.h>

#include "fuzz_analysis.h"
#include "fuzz_trace.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static uint32_t
mask(int plen)
{
	return plen == 0 ? 0 : 0xffffffffu << (32 - plen);
}

static void
check_taken(const struct path_locations *locs)
{
	struct fl_addr a;
	json_t *s;
	size_t i, k;

	for (i = 0; i < locs->n; i++) {
		const struct path_location *l = &locs->v[i], *f;

		FUZZ_CHECK(l->plen <= 32 && (l->net & ~mask(l->plen)) == 0);
		FUZZ_CHECK(l->lat >= -90 && l->lat <= 90 && l->lon >= -180 && l->lon <= 180);
		FUZZ_CHECK(l->line >= 1);
		FUZZ_CHECK(i == 0 || locs->v[i - 1].plen > l->plen ||
		    (locs->v[i - 1].plen == l->plen && locs->v[i - 1].net < l->net));
		for (k = 0; l->name[k] != '\0'; k++)
			FUZZ_CHECK((unsigned char)l->name[k] >= 0x20 && l->name[k] != 0x7f);
		s = json_string(l->name);
		FUZZ_CHECK(s != NULL);
		json_decref(s);
		fl_addr_v4(&a, l->net);
		f = path_locations_find(locs, &a);
		FUZZ_CHECK(f != NULL && f->plen >= l->plen && (l->net & mask(f->plen)) == f->net);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct path_locations locs;
	struct fl_addr a;
	char err[256];
	size_t i;

	err[0] = '\0';
	if (path_locations_parse((const char *)data, size, &locs, err, sizeof(err)) != 0) {
		FUZZ_CHECK(strncmp(err, "line ", 5) == 0 && strchr(err, '\n') == NULL);
		FUZZ_CHECK(locs.v == NULL && locs.n == 0);
		return 0;
	}
	check_taken(&locs);
	for (i = 0; i + 4 <= size && i < 64; i += 4) {
		fl_addr_v4(&a, (uint32_t)data[i] << 24 | (uint32_t)data[i + 1] << 16 |
		    (uint32_t)data[i + 2] << 8 | data[i + 3]);
		(void)path_locations_find(&locs, &a);
	}
	fuzz_trace_infer(NULL, &locs, false);
	path_locations_free(&locs);
	return 0;
}
