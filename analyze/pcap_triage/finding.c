/*
 * The finding model and its ranking (see finding.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/pcap_triage/finding.h"

static struct tri_finding *
find_same(struct tri_findings *l, enum tri_sev sev, enum tri_layer layer, const char *kind,
    const struct fl_addr *addr, uint16_t port)
{
	size_t i;

	for (i = l->n; i-- > 0;) {
		struct tri_finding *f = &l->v[i];

		if (f->sev == sev && f->layer == layer && strcmp(f->kind, kind) == 0 &&
		    f->port == port && fl_addr_eq(&f->addr, addr))
			return f;
	}
	return NULL;
}

struct tri_finding *
tri_finding_add(struct tri_findings *l, enum tri_sev sev, enum tri_layer layer, const char *kind,
    const struct fl_addr *addr, uint16_t port, uint32_t frame, int64_t ts, bool *merged)
{
	static const struct fl_addr none;
	struct tri_finding *f;

	if (addr == NULL)
		addr = &none;
	f = find_same(l, sev, layer, kind, addr, port);
	if (f != NULL) {
		f->count++;
		if (merged != NULL)
			*merged = true;
		if (ts < f->first_ts) {
			f->first_ts = ts;
			f->first_frame = frame;
		}
		return f;
	}
	if (merged != NULL)
		*merged = false;
	if (l->n >= TRI_MAX_FINDINGS) {
		l->not_kept++;
		return NULL;
	}
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		void *p = realloc(l->v, ncap * sizeof(*l->v));

		if (p == NULL) {
			l->oom = true;
			l->not_kept++;
			return NULL;
		}
		l->v = p;
		l->cap = ncap;
	}
	f = &l->v[l->n++];
	memset(f, 0, sizeof(*f));
	f->sev = sev;
	f->layer = layer;
	f->kind = kind;
	f->addr = *addr;
	f->port = port;
	f->side = FAULT_NONE;
	f->conf = CONF_LIKELY;
	f->count = 1;
	f->first_frame = frame;
	f->first_ts = ts;
	return f;
}

void
tri_finding_who(struct tri_finding *f, enum fault side, enum tri_who who, enum confidence conf,
    const char *fmt, ...)
{
	va_list ap;

	f->side = side;
	f->who = who;
	f->conf = conf;
	va_start(ap, fmt);
	vsnprintf(f->device, sizeof(f->device), fmt, ap);
	va_end(ap);
}

void
tri_finding_say(struct tri_finding *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f->summary, sizeof(f->summary), fmt, ap);
	va_end(ap);
}

void
tri_finding_fig(struct tri_finding *f, const char *name, double v)
{
	int i;

	for (i = 0; i < f->nfig; i++)
		if (strcmp(f->fig[i].name, name) == 0) {
			f->fig[i].v = v;
			return;
		}
	if (f->nfig < TRI_MAX_FIGS) {
		f->fig[f->nfig].name = name;
		f->fig[f->nfig++].v = v;
	}
}

double
tri_finding_get(const struct tri_finding *f, const char *name)
{
	int i;

	for (i = 0; i < f->nfig; i++)
		if (strcmp(f->fig[i].name, name) == 0)
			return f->fig[i].v;
	return NAN;
}

void
tri_finding_ev(struct tri_finding *f, uint32_t frame, const char *fmt, ...)
{
	va_list ap;

	if (frame == 0 || f->ev.n >= TRI_MAX_EV)
		return;
	va_start(ap, fmt);
	(void)evidence_vadd(&f->ev, frame, fmt, ap);
	va_end(ap);
}

static int
rank_cmp(const void *a, const void *b)
{
	const struct tri_finding *x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev < y->sev ? -1 : 1;
	if (x->layer != y->layer)
		return x->layer < y->layer ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	if (x->point != y->point)
		return x->point < y->point ? -1 : 1;
	if (x->first_ts != y->first_ts)
		return x->first_ts < y->first_ts ? -1 : 1;
	return x->first_frame < y->first_frame ? -1 : x->first_frame > y->first_frame;
}

void
tri_findings_rank(struct tri_findings *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), rank_cmp);
}

const struct tri_finding *
tri_findings_top(const struct tri_findings *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].sev == TRI_FAULT)
			return &l->v[i];
	return NULL;
}

void
tri_findings_free(struct tri_findings *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		evidence_free(&l->v[i].ev);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

const char *
tri_sev_name(enum tri_sev s)
{
	static const char *n[] = { "fault", "warning", "note" };

	return (unsigned int)s < 3 ? n[s] : "note";
}

const char *
tri_layer_name(enum tri_layer l)
{
	static const char *n[] = { "link", "arp", "dhcp", "ip", "dns", "tcp", "tls", "application",
		"host", "capture" };

	return (unsigned int)l < TL_COUNT ? n[l] : "capture";
}

const char *
tri_who_name(enum tri_who w)
{
	static const char *n[] = { "none", "this-host", "gateway", "lan-host", "router", "resolver",
		"dhcp-server", "client", "server", "path", "capture" };

	return (unsigned int)w < sizeof(n) / sizeof(n[0]) ? n[w] : "none";
}
