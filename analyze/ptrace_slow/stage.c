/*
 * What every stage of ptrace-slow's inference needs: findings added to
 * the result, the ends of a link, and a hop named for a sentence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/stage.h"

void
path_finding_init(struct path_finding *f, enum finding_kind kind, const struct path_hop *h)
{
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->p_value = -1;
	if (h != NULL) {
		f->hop = h->ttl;
		f->addr = h->addr;
	}
}

int
path_add_finding(struct path_work *w, const struct path_finding *f)
{
	struct path_result *res = w->res;

	if (res->nfindings == w->fcap) {
		size_t ncap = w->fcap ? w->fcap * 2 : 8;
		void *n = realloc(res->findings, ncap * sizeof(*res->findings));

		if (n == NULL)
			return -1;
		res->findings = n;
		w->fcap = ncap;
	}
	res->findings[res->nfindings++] = *f;
	return 0;
}

struct link_end
path_end_of(const struct path_result *res, int ttl)
{
	struct link_end e;

	memset(&e, 0, sizeof(e));
	e.ttl = ttl;
	if (ttl == 0)
		e.addr = res->src;
	else
		e.addr = res->hops[ttl].addr;
	return e;
}

/* "hop 9 (129.250.4.197)" or "this host". */
const char *
path_hop_label(const struct path_result *res, int ttl, char *buf, size_t len)
{
	char a[FL_ADDRSTRLEN];

	if (ttl == 0)
		snprintf(buf, len, "this host");
	else if (fl_addr_is_set(&res->hops[ttl].addr))
		snprintf(buf, len, "hop %d (%s)", ttl, verdict_addr(&res->hops[ttl].addr, a));
	else
		snprintf(buf, len, "hop %d", ttl);
	return buf;
}

bool
path_responding(const struct path_result *res, int ttl)
{
	return res->hops[ttl].probed && res->hops[ttl].received > 0;
}

int
path_prev_answering(const struct path_result *res, int k)
{
	int t;

	for (t = k - 1; t > 0; t--)
		if (path_responding(res, t))
			return t;
	return 0;
}

int
path_link_at(const struct path_result *res, int k)
{
	size_t i;

	for (i = 0; i < res->nlinks; i++)
		if (res->links[i].to.ttl == k)
			return (int)i;
	return -1;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double
path_quantile(double *v, size_t n, double q)
{
	double pos;
	size_t i;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	pos = q * (double)(n - 1);
	i = (size_t)pos;
	return i + 1 < n ? v[i] + (pos - (double)i) * (v[i + 1] - v[i]) : v[n - 1];
}

double
path_median(double *v, size_t n)
{
	return path_quantile(v, n, 0.5);
}
