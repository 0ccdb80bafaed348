/*
 * Every string a report shows came from a result file, and so possibly
 * from the network: these are the only ways it reaches a page.  All of
 * them take bytes that are not UTF-8 as U+FFFD and drop control
 * characters, so that no output holds one (tab and newline aside, where
 * the format keeps them).
 */
#ifndef FL_REPORT_ESCAPE_H
#define FL_REPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * The length of the valid UTF-8 sequence at p (1 to 4), or 0 when the
 * bytes there are not one (a cut, an overlong form, a surrogate).
 */
size_t	rp_utf8_len(const unsigned char *p, const unsigned char *end);

/*
 * XML/HTML escaping of untrusted text: control characters but tab and
 * newline dropped, U+FFFE and U+FFFF dropped, bytes that are not UTF-8
 * written as U+FFFD, so the page stays well-formed whatever came in.
 */
void	rp_html_esc(FILE *out, const char *s);
void	rp_html_escn(FILE *out, const char *s, size_t n);
/* The same, cut to max characters with an ellipsis (SVG text in a box). */
void	rp_html_esc_fit(FILE *out, const char *s, size_t max);
/* s as one word for a shell ('it'\''s'), then escaped for the page. */
void	rp_html_esc_shell(FILE *out, const char *s);

/*
 * Inline text for Markdown (md) or plain text: one line (newline, tab
 * and CR become a space), other controls dropped; in Markdown every
 * character with a meaning is escaped, and <, > and & as entities, so
 * that no raw HTML gets through.
 */
void	rp_text_esc(FILE *out, const char *s, bool md);
/* n bytes kept as they are (a transcript): tab and newline kept, other controls dropped. */
void	rp_text_verbatim(FILE *out, const char *s, size_t n);
/* s for a fixed-width column, into buf: printable ASCII and UTF-8 only, cut to fit. */
void	rp_text_printable(const char *s, char *buf, size_t len);

#endif
