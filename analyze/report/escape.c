/*
 * The report's escaping (escape.h), in one place so that what an
 * untrusted string may become is read in one file: HTML and SVG text,
 * Markdown and plain text, a terminal's line, and the UTF-8 check and
 * the code points that change how text reads under all of them.
 */
#include <stdint.h>
#include <string.h>

#include "analyze/report/escape.h"

size_t
rp_utf8_len(const unsigned char *p, const unsigned char *end)
{
	uint32_t cp;
	size_t n, i;

	if (p >= end)
		return 0;
	if (*p < 0x80)
		return 1;
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2, cp = *p & 0x1f;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3, cp = *p & 0x0f;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4, cp = *p & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

uint32_t
rp_utf8_hazard(const unsigned char *p, size_t len)
{
	uint32_t cp;

	if (len == 2)
		cp = (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	else if (len == 3)
		cp = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	else
		return 0;
	/* C1 controls, U+0085 (NEL) among them: a terminal may act on them. */
	if (cp >= 0x80 && cp <= 0x9f)
		return cp;
	/* Unicode's Bidi_Control code points: the "Trojan Source" reordering. */
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
		return cp;
	/* Line and paragraph separators: a line break that no one sees coming. */
	if (cp == 0x2028 || cp == 0x2029)
		return cp;
	/* U+FEFF: invisible, and a byte order mark at the start of a file. */
	if (cp == 0xfeff)
		return cp;
	return 0;
}

void
rp_hazard_name(uint32_t cp, char buf[RP_HAZARD_NAME])
{
	snprintf(buf, RP_HAZARD_NAME, "<U+%04X>", (unsigned int)(cp & 0xffff));
}

/* ---- HTML and SVG ---- */

void
rp_html_escn(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	uint32_t cp;
	size_t len;

	while (p < end) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		case '\t':
		case '\n':
			fputc(*p, out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				break;
			len = rp_utf8_len(p, end);
			if (len == 0) {
				fputs("\xef\xbf\xbd", out);	/* U+FFFD */
				break;
			}
			/* U+FFFE and U+FFFF are not XML characters. */
			if ((cp = rp_utf8_hazard(p, len)) != 0)
				fprintf(out, "&lt;U+%04X&gt;", (unsigned int)cp);
			else if (!(len == 3 && p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xbe))
				fwrite(p, 1, len, out);
			p += len;
			continue;
		}
		p++;
	}
}

void
rp_html_esc(FILE *out, const char *s)
{
	if (s != NULL)
		rp_html_escn(out, s, strlen(s));
}

/*
 * How many bytes of s hold its first max characters (UTF-8), a hazard
 * counted as the width of the name shown for it; *cut when s goes on.
 */
static size_t
utf8_span(const char *s, size_t max, bool *cut)
{
	const unsigned char *u = (const unsigned char *)s, *end = u + strlen(s);
	size_t i = 0, chars = 0, len, w;

	while (s[i] != '\0' && chars < max) {
		len = rp_utf8_len(u + i, end);
		w = len > 1 && rp_utf8_hazard(u + i, len) != 0 ? RP_HAZARD_NAME - 1 : 1;
		if (chars + w > max)
			break;
		i++;
		while (((unsigned char)s[i] & 0xc0) == 0x80)
			i++;
		chars += w;
	}
	*cut = s[i] != '\0';
	return i;
}

/* Untrusted text, escaped, cut to max characters with an ellipsis. */
void
rp_html_esc_fit(FILE *out, const char *s, size_t max)
{
	bool cut;
	size_t n;

	if (max == 0)
		return;
	n = utf8_span(s, max, &cut);
	if (cut) {
		n = utf8_span(s, max - 1, &cut);
		rp_html_escn(out, s, n);
		fputs("\xe2\x80\xa6", out);
	} else {
		rp_html_escn(out, s, n);
	}
}

/* 'file' for a shell, then escaped for the page. */
void
rp_html_esc_shell(FILE *out, const char *s)
{
	const char *q;

	fputs("&#39;", out);
	/* Runs between quotes go whole to the escaper, so UTF-8 stays whole. */
	while ((q = strchr(s, '\'')) != NULL) {
		rp_html_escn(out, s, (size_t)(q - s));
		fputs("&#39;\\&#39;&#39;", out);
		s = q + 1;
	}
	rp_html_esc(out, s);
	fputs("&#39;", out);
}

/* ---- Markdown and plain text ---- */

/*
 * Valid UTF-8 as is, a hazard by its name (its < and > as entities when
 * md), anything else as U+FFFD; returns the bytes consumed.
 */
static size_t
put_utf8(FILE *out, const unsigned char *p, const unsigned char *end, bool md)
{
	size_t len = rp_utf8_len(p, end);
	uint32_t cp;

	if (len == 0) {
		fputs("\xef\xbf\xbd", out);
		return 1;
	}
	if ((cp = rp_utf8_hazard(p, len)) != 0)
		fprintf(out, md ? "&lt;U+%04X&gt;" : "<U+%04X>", (unsigned int)cp);
	else
		fwrite(p, 1, len, out);
	return len;
}

/* Inline text: one line, escaped for Markdown when md. */
void
rp_text_esc(FILE *out, const char *s, bool md)
{
	static const char special[] = "\\`*_{}[]()#+-.!|~";
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	const unsigned char *end = p + strlen((const char *)p);

	while (p < end) {
		if (*p >= 0x80) {
			p += put_utf8(out, p, end, md);
			continue;
		}
		if (*p == '\n' || *p == '\t' || *p == '\r')
			fputc(' ', out);
		else if (*p < 0x20 || *p == 0x7f)
			;	/* other controls: dropped */
		else if (md && *p == '<')
			fputs("&lt;", out);
		else if (md && *p == '>')
			fputs("&gt;", out);
		else if (md && *p == '&')
			fputs("&amp;", out);
		else {
			if (md && strchr(special, *p) != NULL)
				fputc('\\', out);
			fputc(*p, out);
		}
		p++;
	}
}

/*
 * A transcript's bytes as they are, but for what a terminal or a page
 * would act on: tab and newline kept, other controls dropped.
 */
void
rp_text_verbatim(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;

	while (p < end) {
		if (*p >= 0x80) {
			p += put_utf8(out, p, end, false);
			continue;
		}
		if (*p == '\n' || *p == '\t' || (*p >= 0x20 && *p != 0x7f))
			fputc(*p, out);
		p++;
	}
}

/* Plain text for a fixed-width column: printable ASCII and UTF-8 only, cut to fit. */
void
rp_text_printable(const char *s, char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	size_t o = 0, n;
	uint32_t cp;

	while (p < end && o + 1 < len) {
		if (*p < 0x80) {
			if (*p >= 0x20 && *p != 0x7f)
				buf[o++] = (char)*p;
			p++;
			continue;
		}
		n = rp_utf8_len(p, end);
		if (n == 0)
			break;
		if ((cp = rp_utf8_hazard(p, n)) != 0) {
			if (o + RP_HAZARD_NAME > len)
				break;
			rp_hazard_name(cp, buf + o);
			o += RP_HAZARD_NAME - 1;
			p += n;
			continue;
		}
		if (o + n + 1 > len)
			break;
		memcpy(buf + o, p, n);
		o += n;
		p += n;
	}
	buf[o] = '\0';
}

void
rp_text_line(const char *s, char *buf, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	size_t o = 0, n;
	uint32_t cp;

	if (len == 0)
		return;
	while (p < end && o + 1 < len) {
		n = rp_utf8_len(p, end);
		if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f))) {
			buf[o++] = '?';
			p++;
			continue;
		}
		if ((cp = rp_utf8_hazard(p, n)) != 0) {
			if (o + RP_HAZARD_NAME > len)
				break;
			rp_hazard_name(cp, buf + o);
			o += RP_HAZARD_NAME - 1;
		} else {
			if (o + n + 1 > len)
				break;
			memcpy(buf + o, p, n);
			o += n;
		}
		p += n;
	}
	buf[o] = '\0';
}

void
rp_json_verbatim(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n, *run = p;
	uint32_t cp;
	size_t len;

	while (p < end) {
		len = *p < 0x80 ? 1 : rp_utf8_len(p, end);
		if (len > 1 && (cp = rp_utf8_hazard(p, len)) != 0) {
			fwrite(run, 1, (size_t)(p - run), out);
			fprintf(out, "\\u%04x", (unsigned int)cp);
			run = p + len;
		}
		p += len > 0 ? len : 1;
	}
	fwrite(run, 1, (size_t)(p - run), out);
}

size_t
rp_utf8_whole(const unsigned char *p, size_t n)
{
	size_t i, need;

	/* The last lead byte among the final three, and what it needs. */
	for (i = n; i > 0 && n - i < 3; i--) {
		unsigned char c = p[i - 1];

		if ((c & 0xc0) == 0x80)
			continue;
		need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 && c <= 0xef ? 3 :
		    c >= 0xc2 && c <= 0xdf ? 2 : 1;
		return n - (i - 1) < need ? i - 1 : n;
	}
	return n;
}

void
rp_html_td(FILE *out, const char *s)
{
	fputs("<td>", out);
	rp_html_esc(out, *s ? s : "-");
	fputs("</td>", out);
}
