/*
 * Where a fault is, and who runs that place as far as the evidence goes
 * (place.h): the user's --owners file first, then the target's and this
 * machine's own addresses, the gateway, the private and shared address
 * ranges, and last a reverse DNS name.  Nothing else is claimed: with
 * no evidence, the place is named and its owner left unknown.
 */
#include <ctype.h>
#include <string.h>

#include "analyze/report/place.h"

enum addr_class { AC_PUBLIC, AC_PRIVATE, AC_SHARED, AC_LOCAL };

/*
 * Only the ranges that say something about who runs an address: RFC 1918
 * (a private network), RFC 6598 (an ISP's carrier-grade NAT), loopback
 * and link-local.  The benchmarking and documentation ranges say nothing.
 */
static enum addr_class
addr_class(const struct fl_addr *a)
{
	if (a->family != 4)
		return AC_PUBLIC;
	if (a->b[0] == 10 || (a->b[0] == 172 && (a->b[1] & 0xf0) == 16) ||
	    (a->b[0] == 192 && a->b[1] == 168))
		return AC_PRIVATE;
	if (a->b[0] == 100 && (a->b[1] & 0xc0) == 64)
		return AC_SHARED;
	if (a->b[0] == 127 || (a->b[0] == 169 && a->b[1] == 254))
		return AC_LOCAL;
	return AC_PUBLIC;
}

/* What the whole result says about the path, for claims on one hop of it. */
struct ctx {
	const json_t		*root;
	const struct rp_owners	*owners;
	struct fl_addr		 gateway;	/* family 0 when unknown */
	struct fl_addr		 source;	/* this machine */
	struct fl_addr		 target;
};

/* The reverse DNS name a ptrace-slow hop carries, "" when none. */
static const char *
hop_name(const struct ctx *x, int hop)
{
	const json_t *hops = rp_arr(x->root, "hops"), *h;
	size_t i;

	json_array_foreach(hops, i, h)
		if (rp_int(h, "ttl", 0, 255, -1) == hop)
			return rp_str(h, "name");
	return "";
}

/* An address answering before hop: ptrace-slow's hops, synprobe's path. */
static bool
public_before(const struct ctx *x, int hop)
{
	const json_t *arr = rp_arr(x->root, "hops"), *h;
	struct fl_addr a;
	size_t i;

	if (arr == NULL)
		arr = rp_arr(rp_obj(x->root, "probes"), "path");
	json_array_foreach(arr, i, h) {
		long long ttl = rp_int(h, "ttl", 0, 255, -1);
		const char *s = rp_str(h, "address");

		if (*s == '\0')
			s = rp_str(rp_obj(h, "icmp"), "address");
		if (ttl < 1 || ttl >= hop || fl_addr_parse(s, &a) != 0)
			continue;
		if (addr_class(&a) == AC_PUBLIC)
			return true;
	}
	return false;
}

/* "core1.isp.example.net" -> "isp.example.net"; two labels, three under a short second-level one (co.uk). */
static void
domain_of(const char *name, char *out, size_t len)
{
	const char *dots[3] = { NULL, NULL, NULL }, *p, *from;
	size_t n = strlen(name);
	int k = 0;

	while (n > 0 && name[n - 1] == '.')
		n--;
	for (p = name + n; p > name && k < 3; p--)
		if (p[-1] == '.')
			dots[k++] = p;
	/* dots[0] starts the last label, dots[1] the last two... */
	if (k < 2) {
		snprintf(out, len, "%.*s", (int)n, name);
		return;
	}
	from = dots[1];
	if (dots[0] - dots[1] - 1 <= 3 && name + n - dots[0] == 2 && k >= 3)
		from = dots[2];
	snprintf(out, len, "%.*s", (int)(name + n - from), from);
}

static bool
valid_hostname(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '.' && *s != '_')
			return false;
	return n > 0 && n < 254;
}

/* The place before any claim: its hop, its address, its name when that is a valid one. */
static void
place_init(const struct ctx *x, int hop, const struct fl_addr *a, struct rp_place *p)
{
	memset(p, 0, sizeof(*p));
	p->set = true;
	p->hop = hop;
	if (a != NULL)
		fl_addr_str(a, p->address, sizeof(p->address));
	else
		snprintf(p->address, sizeof(p->address), "an unknown address");
	snprintf(p->name, sizeof(p->name), "%s", hop > 0 ? hop_name(x, hop) : "");
	if (!valid_hostname(p->name))
		p->name[0] = '\0';
}

/* Who runs the place ("" when the evidence names no one), why we say so, who acts. */
static void
claim(struct rp_place *p, enum rp_actor actor, const char *owner, const char *why)
{
	snprintf(p->owner, sizeof(p->owner), "%s", owner);
	snprintf(p->claim, sizeof(p->claim), "%s", why);
	p->actor = actor;
}

/* What the owners file says of a; false when it does not list a. */
static bool
claim_listed(const struct ctx *x, const struct fl_addr *a, bool is_target, const char *where,
    struct rp_place *p)
{
	const struct rp_owner *o = rp_owners_find(x->owners, a);
	char net[FL_ADDRSTRLEN];

	if (o == NULL)
		return false;
	snprintf(p->owner, sizeof(p->owner), "%s", o->name);
	snprintf(p->claim, sizeof(p->claim), "the owners file lists %s/%d as %s",
	    fl_addr_str(&o->net, net, sizeof(net)), o->plen, o->name);
	p->actor = o->has_role ? o->role : is_target ? RA_SERVER : RA_ISP;
	snprintf(p->text, sizeof(p->text), "%s's %s at %s%s", o->name,
	    is_target ? "server" : "router", p->address, where);
	return true;
}

/*
 * A private address is ours while no public one comes before it, and
 * inside an upstream network after one; a shared one is our ISP's.
 * false when a's range says nothing.
 */
static bool
claim_range(const struct ctx *x, const struct fl_addr *a, int hop, const char *where,
    struct rp_place *p)
{
	switch (addr_class(a)) {
	case AC_PRIVATE:
		if (!public_before(x, hop)) {
			claim(p, RA_OURS, "our network",
			    "a private (RFC 1918) address with no public one before it");
			snprintf(p->text, sizeof(p->text), "our router %s%s", p->address, where);
		} else {
			claim(p, RA_ISP, "",
			    "a private (RFC 1918) address after a public one: inside an upstream network");
			snprintf(p->text, sizeof(p->text),
			    "a router inside an upstream network, at %s%s", p->address, where);
		}
		return true;
	case AC_SHARED:
		claim(p, RA_ISP, "our ISP",
		    "a shared (RFC 6598) address: an ISP's carrier-grade NAT range");
		snprintf(p->text, sizeof(p->text), "our ISP's router %s%s", p->address, where);
		return true;
	default:
		return false;
	}
}

/* Last, the reverse DNS name's domain; with no name, say where it is and claim no owner. */
static void
claim_name(struct rp_place *p, const char *where)
{
	char dom[128], why[320];

	if (p->name[0] == '\0') {
		p->actor = RA_ISP;
		snprintf(p->text, sizeof(p->text), "a router at %s%s", p->address, where);
		return;
	}
	domain_of(p->name, dom, sizeof(dom));
	snprintf(why, sizeof(why), "its reverse DNS name is %s", p->name);
	claim(p, RA_ISP, dom, why);
	snprintf(p->text, sizeof(p->text), "a router of %s (%s, %s)%s", dom, p->name, p->address,
	    where);
}

/* The place at hop (0: this machine) with address, and the strongest claim the evidence makes. */
static void
place_resolve(const struct ctx *x, int hop, const char *address, struct rp_place *p)
{
	struct fl_addr a;
	char where[64];
	bool have = fl_addr_parse(address, &a) == 0;
	bool is_target = have && fl_addr_is_set(&x->target) && fl_addr_eq(&a, &x->target);

	if (have && fl_addr_is_set(&x->source) && fl_addr_eq(&a, &x->source))
		hop = 0;
	place_init(x, hop, have ? &a : NULL, p);
	if (hop > 0)
		snprintf(where, sizeof(where), ", %d hop%s out", hop, hop == 1 ? "" : "s");
	else
		where[0] = '\0';
	/* The user's own word first: it is the only claim of a name. */
	if (have && claim_listed(x, &a, is_target, where, p))
		return;
	if (is_target) {
		claim(p, RA_SERVER, "the server's owner", "it is the target's own address");
		snprintf(p->text, sizeof(p->text), "the server %s%s", p->address, where);
	} else if (hop == 0) {
		claim(p, RA_USER, "this machine", "it is this machine");
		snprintf(p->text, sizeof(p->text), "this machine (%s)", p->address);
	} else if (have && fl_addr_is_set(&x->gateway) && fl_addr_eq(&a, &x->gateway)) {
		claim(p, RA_OURS, "our network", "it is this machine's gateway");
		snprintf(p->text, sizeof(p->text), "our gateway %s%s", p->address, where);
	} else if (!have || !claim_range(x, &a, hop, where, p)) {
		claim_name(p, where);
	}
}

/*
 * The place is the verdict's hop (the device responsible, or the last one
 * known to pass the probe); with a link, place_from is the link's other
 * end (for ptrace-slow, the near end of the link that adds the delay).
 */
static void
set_place(const struct ctx *x, struct rp_item *it, const json_t *v)
{
	const json_t *link = rp_obj(v, "link"), *from = rp_obj(link, "from"), *to = rp_obj(link, "to");
	const json_t *other;
	long long hop = rp_int(v, "hop", 0, 255, -1);
	const char *addr = rp_str(v, "address");

	if (link != NULL && hop < 0)
		hop = rp_int(to, "ttl", 0, 255, -1);
	if (*addr != '\0' || hop >= 0)
		place_resolve(x, (int)hop, addr, &it->place);
	if (link == NULL)
		return;
	other = rp_int(to, "ttl", 0, 255, -1) == hop ? from : to;
	if (rp_int(other, "ttl", 0, 255, -1) == 0) {
		place_resolve(x, 0, rp_str(rp_obj(it->root, "source"), "address"), &it->place_from);
		return;
	}
	place_resolve(x, (int)rp_int(other, "ttl", 0, 255, -1), rp_str(other, "address"),
	    &it->place_from);
}

void
rp_place_read(const json_t *root, const struct rp_owners *owners, const json_t *v,
    struct rp_item *it)
{
	struct ctx x;
	const char *gw;

	memset(&x, 0, sizeof(x));
	x.root = root;
	x.owners = owners;
	gw = rp_str(rp_obj(root, "source"), "gateway");
	if (*gw == '\0')
		gw = rp_str(rp_obj(rp_obj(root, "probes"), "local"), "gateway");
	(void)fl_addr_parse(gw, &x.gateway);
	(void)fl_addr_parse(rp_str(rp_obj(root, "target"), "address"), &x.target);
	(void)fl_addr_parse(rp_str(rp_obj(root, "source"), "address"), &x.source);
	set_place(&x, it, v);
}
