/*
 * The code points that change how text around them reads (issue 16,
 * finding 7): which they are, and what each writer of
 * analyze/report/escape.c makes of them, byte for byte.  The commands'
 * standard output goes through rp_text_verbatim() and rp_json_verbatim()
 * a buffer at a time, so a sequence cut by a buffer is held back
 * (rp_utf8_whole()).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "analyze/report/escape.h"

static char *
out_of(int how, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_non_null(out);
	switch (how) {
	case 'h': rp_html_esc(out, s); break;
	case 'm': rp_text_esc(out, s, true); break;
	case 't': rp_text_esc(out, s, false); break;
	case 'v': rp_text_verbatim(out, s, strlen(s)); break;
	case 'j': rp_json_verbatim(out, s, strlen(s)); break;
	case 'f': rp_html_esc_fit(out, s, 12); break;
	}
	fclose(out);
	return buf;
}

static void
test_which(void **st)
{
	static const struct {
		const char	*utf8;
		uint32_t	 cp;
	} cases[] = {
		{ "\xc2\x85", 0x85 }, { "\xc2\x80", 0x80 }, { "\xc2\x9f", 0x9f },
		{ "\xd8\x9c", 0x61c }, { "\xe2\x80\x8e", 0x200e }, { "\xe2\x80\x8f", 0x200f },
		{ "\xe2\x80\xa8", 0x2028 }, { "\xe2\x80\xa9", 0x2029 },
		{ "\xe2\x80\xaa", 0x202a }, { "\xe2\x80\xae", 0x202e },
		{ "\xe2\x81\xa6", 0x2066 }, { "\xe2\x81\xa9", 0x2069 }, { "\xef\xbb\xbf", 0xfeff },
		/* Ordinary text around them: not hazards. */
		{ "\xc2\xa0", 0 }, { "\xc3\xa9", 0 }, { "\xe2\x80\xa6", 0 }, { "\xe2\x80\xaf", 0 },
		{ "\xe2\x81\xaa", 0 }, { "\xe2\x80\x8d", 0 }, { "\xef\xbf\xbd", 0 },
	};
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(rp_utf8_hazard((const unsigned char *)cases[i].utf8,
		    strlen(cases[i].utf8)), cases[i].cp);
}

static void
test_writers(void **st)
{
	/* a RLO b LRI c LS d NEL e BOM f */
	static const char s[] = "a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x80\xa8" "d\xc2\x85" "e\xef\xbb\xbf" "f";
	static const struct {
		int		 how;
		const char	*want;
	} cases[] = {
		{ 'h', "a&lt;U+202E&gt;b&lt;U+2066&gt;c&lt;U+2028&gt;d&lt;U+0085&gt;e&lt;U+FEFF&gt;f" },
		{ 'm', "a&lt;U+202E&gt;b&lt;U+2066&gt;c&lt;U+2028&gt;d&lt;U+0085&gt;e&lt;U+FEFF&gt;f" },
		{ 't', "a<U+202E>b<U+2066>c<U+2028>d<U+0085>e<U+FEFF>f" },
		{ 'v', "a<U+202E>b<U+2066>c<U+2028>d<U+0085>e<U+FEFF>f" },
		{ 'j', "a\\u202eb\\u2066c\\u2028d\\u0085e\\ufefff" },
		/* A hazard counts as its name's width: cut before it when it does not fit. */
		{ 'f', "a&lt;U+202E&gt;b\xe2\x80\xa6" },
	};
	char *got;
	size_t i;

	(void)st;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		got = out_of(cases[i].how, s);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
	/* JSON text otherwise as it is, escapes and all. */
	got = out_of('j', "{\"a\": \"\\n\xc3\xa9\\u0000\"}");
	assert_string_equal(got, "{\"a\": \"\\n\xc3\xa9\\u0000\"}");
	free(got);
}

static void
test_line(void **st)
{
	char buf[64];

	(void)st;
	rp_text_line("cannot open caf\xe9\xe2\x80\xae.pcap\n\x1b[31m", buf, sizeof(buf));
	assert_string_equal(buf, "cannot open caf?<U+202E>.pcap??[31m");
	/* Cut before a name that does not fit whole. */
	rp_text_line("ab\xe2\x80\xae", buf, 8);
	assert_string_equal(buf, "ab");
}

static void
test_whole(void **st)
{
	static const unsigned char euro[] = "x\xe2\x82\xac";
	static const unsigned char emoji[] = "\xf0\x9f\x98\x80";

	(void)st;
	assert_int_equal(rp_utf8_whole(euro, 4), 4);
	assert_int_equal(rp_utf8_whole(euro, 3), 1);
	assert_int_equal(rp_utf8_whole(euro, 2), 1);
	assert_int_equal(rp_utf8_whole(euro, 1), 1);
	assert_int_equal(rp_utf8_whole(emoji, 4), 4);
	assert_int_equal(rp_utf8_whole(emoji, 3), 0);
	/* Bytes that are no lead are not held back: they are written as U+FFFD. */
	assert_int_equal(rp_utf8_whole((const unsigned char *)"a\x80\x80\x80", 4), 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_which),
		cmocka_unit_test(test_writers),
		cmocka_unit_test(test_line),
		cmocka_unit_test(test_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
