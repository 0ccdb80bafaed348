/*
 * libFuzzer target for probe-report's input side: the --owners file
 * parser (rp_owners_load) and the reading of results (json_loads, then
 * rp_item_read), then every renderer (HTML, Markdown, plain text) on
 * what was read, into memory.
 *
 * Input: parts separated by NUL bytes.  The first part is the owners
 * file; each following part (at most MAX_ITEMS) is one result's JSON.
 * An input without a NUL is a single result and no owners file.
 *
 * What must hold, whatever came in:
 *   - the HTML page has no element the page does not write itself:
 *     every string from a result is escaped, so "<script", "<img",
 *     "<iframe", "<link" or a link out of the page cannot appear raw;
 *   - no output holds a C0 control character other than tab and line
 *     feed, nor DEL.
 * A broken invariant aborts, which the fuzzer reports as a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "analyze/report/report.h"

#define MAX_ITEMS	4

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const raw_tags[] = {
	"<script", "<img", "<iframe", "<link", "<object", "<embed", "<base", "<form",
	"<meta http-equiv", "<a href=\"http", "<a href=\"javascript",
};

static void
check_output(const char *buf, size_t len, enum rp_format fmt)
{
	size_t i, t;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			fprintf(stderr, "fuzz_report: control byte 0x%02x at %zu of format %d\n",
			    c, i, (int)fmt);
			abort();
		}
	}
	if (fmt != RF_HTML)
		return;
	for (i = 0; i < len; i++) {
		if (buf[i] != '<')
			continue;
		for (t = 0; t < sizeof(raw_tags) / sizeof(raw_tags[0]); t++) {
			size_t n = strlen(raw_tags[t]);

			if (len - i >= n && strncasecmp(buf + i, raw_tags[t], n) == 0) {
				fprintf(stderr, "fuzz_report: raw %s at %zu\n", raw_tags[t], i);
				abort();
			}
		}
	}
}

static void
render(const struct rp_item *items, size_t n)
{
	static const enum rp_format fmts[] = { RF_HTML, RF_MD, RF_TXT };
	struct rp_meta m = { NULL, 0, "probe-report fuzz" };
	size_t i, len;
	char *buf;
	FILE *out;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		buf = NULL;
		len = 0;
		if ((out = open_memstream(&buf, &len)) == NULL)
			return;
		(void)report_write(out, fmts[i], items, n, &m);
		fclose(out);
		check_output(buf, len, fmts[i]);
		free(buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct rp_item items[MAX_ITEMS];
	struct rp_owners owners = { NULL, 0, 0 };
	json_t *roots[MAX_ITEMS];
	const uint8_t *p = data, *end = data + size, *nul;
	size_t n = 0, i;
	char err[512];
	FILE *in;

	nul = memchr(p, '\0', size);
	if (nul != NULL) {
		/* The owners file: a stream over exactly its bytes (none: no file). */
		if (nul > p && (in = fmemopen((void *)(uintptr_t)p, (size_t)(nul - p), "r")) != NULL) {
			if (rp_owners_load(&owners, in, "owners", err, sizeof(err)) != 0)
				rp_owners_free(&owners);
			fclose(in);
		}
		p = nul + 1;
	}
	while (p <= end && n < MAX_ITEMS) {
		json_error_t je;
		json_t *root;

		nul = memchr(p, '\0', (size_t)(end - p));
		root = json_loadb((const char *)p, (size_t)((nul ? nul : end) - p),
		    JSON_REJECT_DUPLICATES, &je);
		if (root != NULL) {
			if (rp_item_read(root, "result.json", &owners, &items[n], err, sizeof(err)) == 0)
				roots[n++] = root;
			else
				json_decref(root);
		}
		if (nul == NULL)
			break;
		p = nul + 1;
	}
	if (n > 0)
		render(items, n);
	for (i = 0; i < n; i++)
		json_decref(roots[i]);
	rp_owners_free(&owners);
	return 0;
}
