/*
 * probe-report's --owners file (owners.h): who runs which addresses, in
 * the user's own words, read line by line with every line checked, and
 * the longest prefix that holds an address.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/report/owners.h"

#define OWNERS_LINE	512	/* a line's bytes, its newline and NUL included */

static bool
role_of(const char *w, enum rp_actor *a)
{
	static const struct { const char *w; enum rp_actor a; } roles[] = {
		{ "ours", RA_OURS }, { "isp", RA_ISP }, { "upstream", RA_ISP },
		{ "server", RA_SERVER }, { "user", RA_USER },
	};
	size_t i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(w, roles[i].w) == 0) {
			*a = roles[i].a;
			return true;
		}
	return false;
}

/* "198.18.0.0/24" (a bare address is a host prefix). */
static int
parse_prefix(const char *s, struct fl_addr *net, int *plen)
{
	char buf[64], *slash, *end;
	long l;
	int max;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash++ = '\0';
	if (fl_addr_parse(buf, net) != 0)
		return -1;
	max = net->family == 4 ? 32 : 128;
	if (slash == NULL) {
		*plen = max;
		return 0;
	}
	errno = 0;
	l = strtol(slash, &end, 10);
	if (errno != 0 || end == slash || *end != '\0' || l < 0 || l > max)
		return -1;
	*plen = (int)l;
	return 0;
}

static bool
in_prefix(const struct fl_addr *a, const struct fl_addr *net, int plen)
{
	int i, full = plen / 8, rest = plen % 8;

	if (a->family != net->family)
		return false;
	for (i = 0; i < full; i++)
		if (a->b[i] != net->b[i])
			return false;
	return rest == 0 || ((a->b[full] ^ net->b[full]) & (0xff << (8 - rest)) & 0xff) == 0;
}

/* A line as read: the comment cut off; -1 when it is too long or holds a control character. */
static int
line_check(char *line, const char *fname, unsigned int ln, char *err, size_t errlen)
{
	size_t len = strlen(line);
	char *p;

	if (len == OWNERS_LINE - 1 && line[len - 1] != '\n') {
		snprintf(err, errlen, "%s:%u: line too long", fname, ln);
		return -1;
	}
	if ((p = strchr(line, '#')) != NULL)
		*p = '\0';
	for (p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') {
			snprintf(err, errlen, "%s:%u: control character", fname, ln);
			return -1;
		}
	return 0;
}

/* "PREFIX [ROLE] NAME..." into e: 1, or 0 for a blank line, or -1 with the problem. */
static int
line_parse(char *line, struct rp_owner *e, const char *fname, unsigned int ln, char *err,
    size_t errlen)
{
	char *w, *save;
	size_t len;

	w = strtok_r(line, " \t\r\n", &save);
	if (w == NULL)
		return 0;
	memset(e, 0, sizeof(*e));
	if (parse_prefix(w, &e->net, &e->plen) != 0) {
		snprintf(err, errlen, "%s:%u: '%.60s' is not an address prefix", fname, ln, w);
		return -1;
	}
	w = strtok_r(NULL, " \t\r\n", &save);
	if (w != NULL && role_of(w, &e->role)) {
		e->has_role = true;
		w = strtok_r(NULL, " \t\r\n", &save);
	}
	if (w == NULL) {
		snprintf(err, errlen, "%s:%u: no owner name after the prefix", fname, ln);
		return -1;
	}
	/* The name is the rest of the line, spaces folded. */
	for (; w != NULL; w = strtok_r(NULL, " \t\r\n", &save)) {
		len = strlen(e->name);
		snprintf(e->name + len, sizeof(e->name) - len, "%s%s", len ? " " : "", w);
	}
	return 1;
}

static int
owners_add(struct rp_owners *o, const struct rp_owner *e, const char *fname, char *err,
    size_t errlen)
{
	if (o->n == o->cap) {
		size_t ncap = o->cap ? o->cap * 2 : 16;
		struct rp_owner *nv;

		/*
		 * The limit before realloc, not after it: a grown block
		 * freed here left o->v pointing at the one realloc had
		 * already freed, and rp_owners_free freed it again.
		 */
		if (ncap > 100000 || (nv = realloc(o->v, ncap * sizeof(*nv))) == NULL) {
			snprintf(err, errlen, "%s: too many prefixes", fname);
			return -1;
		}
		o->v = nv;
		o->cap = ncap;
	}
	o->v[o->n++] = *e;
	return 0;
}

int
rp_owners_load(struct rp_owners *o, FILE *in, const char *fname, char *err, size_t errlen)
{
	char line[OWNERS_LINE];
	struct rp_owner e;
	unsigned int ln = 0;
	int rc;

	while (fgets(line, sizeof(line), in) != NULL) {
		ln++;
		if (line_check(line, fname, ln, err, errlen) != 0 ||
		    (rc = line_parse(line, &e, fname, ln, err, errlen)) < 0)
			return -1;
		if (rc > 0 && owners_add(o, &e, fname, err, errlen) != 0)
			return -1;
	}
	if (ferror(in)) {
		snprintf(err, errlen, "%s: read error", fname);
		return -1;
	}
	return 0;
}

void
rp_owners_free(struct rp_owners *o)
{
	free(o->v);
	memset(o, 0, sizeof(*o));
}

const struct rp_owner *
rp_owners_find(const struct rp_owners *o, const struct fl_addr *a)
{
	const struct rp_owner *best = NULL;
	size_t i;

	for (i = 0; o != NULL && i < o->n; i++)
		if (in_prefix(a, &o->v[i].net, o->v[i].plen) && (best == NULL || o->v[i].plen > best->plen))
			best = &o->v[i];
	return best;
}
