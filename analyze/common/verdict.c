/*
 * The shared verdict vocabulary: names, and the evidence list every
 * command's reading fills.
 */
#include <stdio.h>
#include <stdlib.h>

#include "analyze/common/verdict.h"

const char *
fault_name(enum fault f)
{
	static const char *n[] = { "none", "client", "path", "server", "unknown" };

	return (unsigned int)f < sizeof(n) / sizeof(n[0]) ? n[f] : "unknown";
}

const char *
confidence_name(enum confidence c)
{
	static const char *n[] = { "certain", "likely", "ambiguous" };

	return (unsigned int)c < sizeof(n) / sizeof(n[0]) ? n[c] : "ambiguous";
}

const char *
verdict_addr(const struct fl_addr *a, char *buf)
{
	return fl_addr_is_set(a) ? fl_addr_str(a, buf, FL_ADDRSTRLEN) : "?";
}

int
evidence_vadd(struct evidence_list *l, uint32_t frame, const char *fmt, va_list ap)
{
	size_t i;

	if (frame == 0)
		return 0;
	for (i = 0; i < l->n; i++)
		if (l->v[i].frame == frame)
			return 0;
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		void *p = realloc(l->v, ncap * sizeof(*l->v));

		if (p == NULL)
			return -1;
		l->v = p;
		l->cap = ncap;
	}
	vsnprintf(l->v[l->n].summary, sizeof(l->v[0].summary), fmt, ap);
	l->v[l->n++].frame = frame;
	return 0;
}

int
evidence_add(struct evidence_list *l, uint32_t frame, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = evidence_vadd(l, frame, fmt, ap);
	va_end(ap);
	return rc;
}

void
evidence_free(struct evidence_list *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}
