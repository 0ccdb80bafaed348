/*
 * --locations (locations.h): the user's file of places read line by
 * line, every line checked, and the stage that weighs each step of the
 * latency budget against the distance between its ends.  Light in fibre
 * covers about 200 km a millisecond, so a round trip costs at least
 * 1 ms per 100 km of great circle; real routes run 1.5 to 3 times
 * longer than the great circle.  A step above fibre_factor (3) x that,
 * plus max(floor_ms, noise_k x the link's noise), no route between the
 * two places explains: a slow link, "beyond-distance".  A step at or
 * below it is distance, and a note says so.
 */
#include <arpa/inet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/ptrace_slow/locations.h"
#include "analyze/ptrace_slow/stage.h"

#define EARTH_KM	6371.0
#define FIBRE_KM_PER_MS	100.0	/* of great circle, per ms of round trip */
#define NAME_MAX_BYTES	40	/* so that a summary holds two names whole */

/* The longest prefix first; among equals by address, so duplicates sit side by side. */
static int
cmp_loc(const void *pa, const void *pb)
{
	const struct path_location *a = pa, *b = pb;

	if (a->plen != b->plen)
		return a->plen > b->plen ? -1 : 1;
	if (a->net != b->net)
		return a->net < b->net ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static uint32_t
mask_of(int plen)
{
	return plen == 0 ? 0 : 0xffffffffu << (32 - plen);
}

/* "192.0.2.0/24" or "192.0.2.1"; 0, or -1 with the reason in why. */
static int
parse_prefix(const char *s, struct path_location *e, char *why, size_t len)
{
	char buf[24];
	const char *slash = strchr(s, '/'), *p;
	struct in_addr in;
	size_t n = slash != NULL ? (size_t)(slash - s) : strlen(s);
	int plen = 32;

	if (strchr(s, ':') != NULL) {
		snprintf(why, len, "'%.50s': IPv6 is not read yet", s);
		return -1;
	}
	if (n >= sizeof(buf)) {
		snprintf(why, len, "'%.50s' is not an IPv4 address or prefix", s);
		return -1;
	}
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, &in) != 1) {
		snprintf(why, len, "'%.50s' is not an IPv4 address or prefix", s);
		return -1;
	}
	if (slash != NULL) {
		plen = 0;
		for (p = slash + 1; *p >= '0' && *p <= '9' && p - slash <= 2; p++)
			plen = plen * 10 + (*p - '0');
		if (p == slash + 1 || *p != '\0' || plen > 32) {
			snprintf(why, len, "'%.50s': the prefix length is not 0 to 32", s);
			return -1;
		}
	}
	e->net = ntohl(in.s_addr);
	e->plen = (uint8_t)plen;
	if ((e->net & ~mask_of(plen)) != 0) {
		snprintf(why, len, "'%.50s' has bits set past its /%d", s, plen);
		return -1;
	}
	return 0;
}

/* Decimal degrees, "-33.8688" or "151": no exponent, no hexadecimal, no inf or nan. */
static int
parse_degrees(const char *s, double lo, double hi, double *out)
{
	const char *p = s;
	int digits = 0;

	if (*p == '+' || *p == '-')
		p++;
	for (; *p >= '0' && *p <= '9'; p++)
		digits++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			digits++;
	if (digits == 0 || digits > 20 || *p != '\0')
		return -1;
	*out = strtod(s, NULL);
	return *out >= lo && *out <= hi ? 0 : -1;
}

/*
 * A name is UTF-8 without control characters, nor the code points that
 * change how the text around them reads (the bidirectional controls,
 * the line and paragraph separators, the byte order mark): it is
 * quoted in reports.
 */
static bool
name_ok(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t c;

	while (i < n) {
		if (s[i] < 0x80) {
			if (s[i] < 0x20 || s[i] == 0x7f)
				return false;
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf) {
			len = 2;
			c = s[i] & 0x1f;
		} else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			len = 3;
			c = s[i] & 0x0f;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			len = 4;
			c = s[i] & 0x07;
		} else
			return false;
		if (i + len > n)
			return false;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			c = c << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
		    (c >= 0xd800 && c <= 0xdfff) || (c >= 0x80 && c <= 0x9f) || c == 0x61c ||
		    c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) ||
		    (c >= 0x2066 && c <= 0x2069) || c == 0xfeff)
			return false;
		i += len;
	}
	return true;
}

/* The rest of the line as the name, runs of blanks folded to one space. */
static int
take_name(char *rest, struct path_location *e, char *why, size_t len)
{
	char *w, *save;
	size_t used = 0, n;

	for (w = strtok_r(rest, " \t", &save); w != NULL; w = strtok_r(NULL, " \t", &save)) {
		n = strlen(w);
		if (used + (used > 0) + n > NAME_MAX_BYTES) {
			snprintf(why, len, "the name is longer than %d bytes", NAME_MAX_BYTES);
			return -1;
		}
		if (used > 0)
			e->name[used++] = ' ';
		memcpy(e->name + used, w, n);
		used += n;
	}
	e->name[used] = '\0';
	if (!name_ok((const unsigned char *)e->name, used)) {
		snprintf(why, len, "the name is not UTF-8 text");
		return -1;
	}
	return 0;
}

/* One line, its comment cut off: 1 and e filled, 0 blank, -1 with why. */
static int
parse_line(char *line, struct path_location *e, char *why, size_t len)
{
	char *w[3], *save, *hash;
	int i;

	if ((hash = strchr(line, '#')) != NULL)
		*hash = '\0';
	for (i = 0; line[i] != '\0'; i++)
		if (((unsigned char)line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7f) {
			snprintf(why, len, "a control character (0x%02x)", (unsigned char)line[i]);
			return -1;
		}
	memset(e, 0, sizeof(*e));
	w[0] = strtok_r(line, " \t", &save);
	if (w[0] == NULL)
		return 0;
	w[1] = strtok_r(NULL, " \t", &save);
	w[2] = w[1] != NULL ? strtok_r(NULL, " \t", &save) : NULL;
	if (w[2] == NULL) {
		snprintf(why, len, "want ADDRESS-or-PREFIX LATITUDE LONGITUDE [NAME]");
		return -1;
	}
	if (parse_prefix(w[0], e, why, len) != 0)
		return -1;
	if (parse_degrees(w[1], -90, 90, &e->lat) != 0) {
		snprintf(why, len, "'%.30s' is not a latitude in decimal degrees, -90 to 90", w[1]);
		return -1;
	}
	if (parse_degrees(w[2], -180, 180, &e->lon) != 0) {
		snprintf(why, len, "'%.30s' is not a longitude in decimal degrees, -180 to 180",
		    w[2]);
		return -1;
	}
	return take_name(save != NULL ? save : (char *)"", e, why, len) == 0 ? 1 : -1;
}

static int
add(struct path_locations *locs, size_t *cap, const struct path_location *e)
{
	if (locs->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *nv;

		if (ncap > PATH_LOCATIONS_MAX)
			ncap = PATH_LOCATIONS_MAX;
		if (locs->n == ncap || (nv = realloc(locs->v, ncap * sizeof(*locs->v))) == NULL)
			return -1;
		locs->v = nv;
		*cap = ncap;
	}
	locs->v[locs->n++] = *e;
	return 0;
}

/* After the sort: the same prefix twice is a mistake in the file, not a choice. */
static int
duplicates(const struct path_locations *locs, char *err, size_t errlen)
{
	size_t i;

	for (i = 1; i < locs->n; i++) {
		const struct path_location *a = &locs->v[i - 1], *b = &locs->v[i];
		struct in_addr in;
		char s[INET_ADDRSTRLEN];

		if (a->plen != b->plen || a->net != b->net)
			continue;
		in.s_addr = htonl(b->net);
		inet_ntop(AF_INET, &in, s, sizeof(s));
		snprintf(err, errlen, "line %u: %s/%u is given again (first on line %u)",
		    b->line, s, b->plen, a->line);
		return -1;
	}
	return 0;
}

int
path_locations_parse(const char *buf, size_t len, struct path_locations *locs, char *err,
    size_t errlen)
{
	char line[PATH_LOCATIONS_LINE + 1], why[160];
	struct path_location e;
	size_t pos = 0, cap = 0, n;
	unsigned int ln = 0;
	const char *nl;
	int rc;

	memset(locs, 0, sizeof(*locs));
	while (pos < len) {
		ln++;
		nl = memchr(buf + pos, '\n', len - pos);
		n = nl != NULL ? (size_t)(nl - (buf + pos)) : len - pos;
		if (n > 0 && buf[pos + n - 1] == '\r')
			n--;
		if (n > PATH_LOCATIONS_LINE) {
			snprintf(err, errlen, "line %u: longer than %d bytes", ln, PATH_LOCATIONS_LINE);
			goto fail;
		}
		if (memchr(buf + pos, '\0', n) != NULL) {
			snprintf(err, errlen, "line %u: a NUL byte", ln);
			goto fail;
		}
		memcpy(line, buf + pos, n);
		line[n] = '\0';
		pos = nl != NULL ? (size_t)(nl - buf) + 1 : len;
		if ((rc = parse_line(line, &e, why, sizeof(why))) < 0) {
			snprintf(err, errlen, "line %u: %s", ln, why);
			goto fail;
		}
		if (rc == 0)
			continue;
		e.line = ln;
		if (add(locs, &cap, &e) != 0) {
			snprintf(err, errlen, "line %u: more than %d entries, or out of memory", ln,
			    PATH_LOCATIONS_MAX);
			goto fail;
		}
	}
	if (locs->n > 1)
		qsort(locs->v, locs->n, sizeof(*locs->v), cmp_loc);
	if (duplicates(locs, err, errlen) == 0)
		return 0;
fail:
	path_locations_free(locs);
	return -1;
}

void
path_locations_free(struct path_locations *locs)
{
	free(locs->v);
	memset(locs, 0, sizeof(*locs));
}

const struct path_location *
path_locations_find(const struct path_locations *locs, const struct fl_addr *a)
{
	uint32_t h;
	size_t i;

	if (locs == NULL || a == NULL || a->family != 4)
		return NULL;
	h = fl_addr_v4_host(a);
	for (i = 0; i < locs->n; i++)
		if ((h & mask_of(locs->v[i].plen)) == locs->v[i].net)
			return &locs->v[i];
	return NULL;
}

double
path_great_circle_km(double lat1, double lon1, double lat2, double lon2)
{
	double r = M_PI / 180, dlat = (lat2 - lat1) * r, dlon = (lon2 - lon1) * r;
	double h = sin(dlat / 2) * sin(dlat / 2) +
	    cos(lat1 * r) * cos(lat2 * r) * sin(dlon / 2) * sin(dlon / 2);

	return 2 * EARTH_KM * asin(sqrt(fmin(1, fmax(0, h))));
}

/* "between Paris and Frankfurt", "within Paris", or the coordinates when unnamed. */
static void
places(const struct path_location *a, const struct path_location *b, bool names, char *buf,
    size_t len)
{
	if (names && a->name[0] != '\0' && strcmp(a->name, b->name) == 0)
		snprintf(buf, len, "within %s", a->name);
	else if (names && a->name[0] != '\0' && b->name[0] != '\0')
		snprintf(buf, len, "between %s and %s", a->name, b->name);
	else
		snprintf(buf, len, "between %.2f,%.2f and %.2f,%.2f", a->lat, a->lon, b->lat, b->lon);
}

static bool
blamed_at(const struct path_result *res, int to)
{
	size_t i;

	for (i = 0; i < res->nfindings; i++)
		if ((res->findings[i].kind == FK_QUEUEING || res->findings[i].kind == FK_SLOW_LINK) &&
		    res->findings[i].has_link && res->findings[i].to.ttl == to)
			return true;
	return false;
}

/*
 * The sentence, with the places' names; a name is UTF-8 and a cut could
 * split a character, so a sentence too long for them gives the
 * coordinates instead.
 */
static void
judge_words(const struct path_result *res, const struct path_link *l, bool beyond,
    const struct path_location *la, const struct path_location *lk, double most, double fibre,
    double factor, double slack, char *out, size_t len)
{
	char l1[96], l2[96], where[140];
	int pass, n = 0;

	path_hop_label(res, l->from.ttl, l1, sizeof(l1));
	path_hop_label(res, l->to.ttl, l2, sizeof(l2));
	for (pass = 0; pass < 2; pass++) {
		places(la, lk, pass == 0, where, sizeof(where));
		if (beyond)
			n = snprintf(out, len, "The link from %s to %s adds %.1f ms %s, %.0f km apart: "
			    "fibre explains at most %.1f ms (%g x %.1f ms: 1 ms of round trip per 100 km, "
			    "on a route up to %g times the great circle) and noise %.1f ms, which leaves "
			    "%.1f ms no route between them explains.", l1, l2, l->added_ms, where,
			    l->distance_km, most, factor, fibre, factor, slack,
			    l->added_ms - most - slack);
		else
			n = snprintf(out, len, "The link from %s to %s adds %.1f ms %s, %.0f km apart: "
			    "fibre and noise allow up to %.1f ms (%g x %.1f ms, and %.1f ms of noise), "
			    "so the step is distance, not a fault.", l1, l2, l->added_ms, where,
			    l->distance_km, most + slack, factor, fibre, slack);
		if (n >= 0 && (size_t)n < len)
			return;
	}
}

static int
judge_link(struct path_work *w, size_t i)
{
	struct path_result *res = w->res;
	const struct path_params *pp = w->pp;
	struct path_link *l = &res->links[i];
	const struct path_location *la, *lk;
	struct path_finding f;
	double fibre, most, slack;

	la = path_locations_find(pp->locations, &l->from.addr);
	lk = path_locations_find(pp->locations, &l->to.addr);
	if (la == NULL || lk == NULL)
		return 0;
	l->has_distance = true;
	l->distance_km = path_great_circle_km(la->lat, la->lon, lk->lat, lk->lon);
	fibre = l->distance_km / FIBRE_KM_PER_MS;
	most = pp->fibre_factor * fibre;
	slack = fmax(pp->floor_ms, pp->noise_k * path_link_noise(w, i));
	if (strcmp(l->cause, "distance") != 0 && strcmp(l->cause, "mpls-tunnel") != 0)
		return 0;	/* other evidence has spoken */
	path_finding_init(&f, FK_DISTANCE, &res->hops[l->to.ttl]);
	f.has_link = true;
	f.from = l->from;
	f.to = l->to;
	f.added_ms = l->added_ms;
	if (l->added_ms > most + slack) {
		if (blamed_at(res, l->to.ttl))
			return 0;
		f.kind = FK_SLOW_LINK;
		f.cause = l->cause = "beyond-distance";
		f.located = (l->from.ttl == 0 || res->hops[l->from.ttl].rtt.n >= pp->min_samples) &&
		    res->hops[l->to.ttl].rtt.n >= pp->min_samples;
		judge_words(res, l, true, la, lk, most, fibre, pp->fibre_factor, slack,
		    f.summary, sizeof(f.summary));
		path_relabel_largest(w, &l->from, &l->to, l->cause,
		    "beyond what the distance explains");
		return path_add_finding(w, &f);
	}
	if (l->added_ms <= slack)
		return 0;	/* too small a step to say anything of */
	f.cause = "distance";
	judge_words(res, l, false, la, lk, most, fibre, pp->fibre_factor, slack, f.summary,
	    sizeof(f.summary));
	return path_add_finding(w, &f);
}

int
path_locations_judge(struct path_work *w)
{
	size_t i;

	if (w->pp->locations == NULL)
		return 0;
	for (i = 0; i < w->res->nlinks; i++)
		if (judge_link(w, i) != 0)
			return -1;
	return 0;
}
