/*
 * Every string a report shows came from a result file, and so possibly
 * from the network: these are the only ways it reaches a page (and, for
 * the probe commands, the terminal: probes/cli/cli.c).  All of them take
 * bytes that are not UTF-8 as U+FFFD and drop control characters, so
 * that no output holds one (tab and newline aside, where the format
 * keeps them), and show the code points that change how the text around
 * them reads (rp_utf8_hazard()) by name, "<U+202E>", instead.
 */
#ifndef FL_REPORT_ESCAPE_H
#define FL_REPORT_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * The length of the valid UTF-8 sequence at p (1 to 4), or 0 when the
 * bytes there are not one (a cut, an overlong form, a surrogate).
 */
size_t	rp_utf8_len(const unsigned char *p, const unsigned char *end);

/*
 * The code point of the valid len-byte sequence at p when it is one that
 * changes how the text around it is shown and is never seen itself, 0
 * otherwise: the C1 controls (U+0080-U+009F, U+0085 NEL among them), the
 * bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069, the "Trojan Source" reordering), the line and paragraph
 * separators (U+2028, U+2029) and U+FEFF.  Every writer here shows such
 * a code point by its name instead: rp_hazard_name() ("<U+202E>").
 */
uint32_t rp_utf8_hazard(const unsigned char *p, size_t len);
#define RP_HAZARD_NAME	9	/* "<U+202E>" and its NUL */
void	rp_hazard_name(uint32_t cp, char buf[RP_HAZARD_NAME]);

/*
 * How many of the n bytes at p end on a whole UTF-8 sequence: n, or
 * fewer when the last sequence is cut (a stream's buffer ended inside
 * it), so that a filter can hold the rest back for the next write.
 */
size_t	rp_utf8_whole(const unsigned char *p, size_t n);

/*
 * XML/HTML escaping of untrusted text: control characters but tab and
 * newline dropped, U+FFFE and U+FFFF dropped, bytes that are not UTF-8
 * written as U+FFFD, so the page stays well-formed whatever came in.
 */
void	rp_html_esc(FILE *out, const char *s);
/* A table cell holding s, escaped; "-" when s is empty. */
void	rp_html_td(FILE *out, const char *s);
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
/*
 * n bytes of JSON text (jansson's: UTF-8, controls escaped) as they are,
 * but for the hazards, written as \u escapes ("\u202e"): the same
 * string to a JSON reader, nothing a terminal acts on.  Such a code
 * point can only be inside a string, where an escape means it.
 */
void	rp_json_verbatim(FILE *out, const char *s, size_t n);
/*
 * s as one line for a terminal (an error message), into buf: every
 * control character and every byte that is not UTF-8 as '?', cut to fit.
 */
void	rp_text_line(const char *s, char *buf, size_t len);

#endif
