/*
 * IPv6 frames for pcap-triage's readers (see view6.h).
 */
#include <string.h>

#include "analyze/packet/cursor.h"
#include "analyze/pcap_triage/view6.h"

static const struct {
	uint8_t	t6, c6, t4, c4;
} map[] = {
	{ 1, 0, 3, 0 }, { 1, 1, 3, 13 }, { 1, 2, 3, 11 }, { 1, 3, 3, 1 }, { 1, 4, 3, 3 },
	{ 1, 5, 3, 9 }, { 1, 6, 3, 10 }, { 1, 7, 3, 5 },
	{ 3, 0, 11, 0 }, { 3, 1, 11, 1 },
	{ 4, 0, 12, 0 }, { 4, 1, 12, 1 }, { 4, 2, 12, 2 }, { 4, 3, 12, 3 },
	{ 128, 0, 8, 0 }, { 129, 0, 0, 0 },
};

/* An unreachable code ICMPv4 has no counterpart for: a code past its table (kind "unreachable"). */
#define UNREACH_OTHER	255

/* ICMPv6 to ICMPv4's type and code; false when the type has none (NDP, MLD, ...). */
static bool
to_v4(uint8_t t6, uint8_t c6, uint8_t *t4, uint8_t *c4)
{
	size_t i;

	if (t6 == 2) {
		*t4 = 3;
		*c4 = 4;
		return true;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].t6 == t6 && (map[i].c6 == c6 || t6 >= 128)) {
			*t4 = map[i].t4;
			*c4 = t6 >= 128 ? c6 : map[i].c4;
			return true;
		}
	if (t6 == 1 || t6 == 3 || t6 == 4) {
		*t4 = t6 == 1 ? 3 : t6 == 3 ? 11 : 12;
		*c4 = t6 == 1 ? UNREACH_OTHER : c6;
		return true;
	}
	return false;
}

static bool
to_v6(uint8_t t4, uint8_t c4, uint8_t *t6, uint8_t *c6)
{
	size_t i;

	if (t4 == 3 && c4 == 4) {
		*t6 = 2;
		*c6 = 0;
		return true;
	}
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].t4 == t4 && (map[i].c4 == c4 || map[i].t6 >= 128)) {
			*t6 = map[i].t6;
			*c6 = map[i].t6 >= 128 ? c4 : map[i].c6;
			return true;
		}
	if (t4 == 3 || t4 == 11 || t4 == 12) {
		*t6 = t4 == 3 ? 1 : t4 == 11 ? 3 : 4;
		*c6 = t4 == 3 ? 255 : c4;
		return true;
	}
	return false;
}

/* An ICMPv6 header as ICMPv4's, in a packet or in a quote. */
static void
map_icmp(struct dec_ip *ip, struct dec_l4 *l4)
{
	uint8_t t, c;

	if (ip->proto != IPPROTO6_ICMPV6 || !(l4->have & L4_ICMP) ||
	    !to_v4(l4->icmp_type, l4->icmp_code, &t, &c))
		return;
	ip->proto = 1;
	l4->icmp_type = t;
	l4->icmp_code = c;
}

static uint16_t
v6_len(uint16_t plen)
{
	return plen > 65535 - 40 ? 65535 : (uint16_t)(plen + 40);
}

bool
tri_view6(const struct dec_pkt *p, struct dec_pkt *v)
{
	if (!p->is_ipv6)
		return false;
	*v = *p;
	v->status = p->ip6_status;
	v->why = p->ip6_why;
	v->ip.tot_len = v6_len(p->ip6.plen);
	v->ip.id = 0;
	v->ip_bytes = cur_make(NULL, 0);
	if (v->is_ndp)
		return true;
	map_icmp(&v->ip, &v->l4);
	if (v->is_icmp_err) {
		if (v->l4.icmp_type == 3 && v->l4.icmp_code == 4)
			v->err.mtu = v->err.mtu6 > 65535 ? 65535 : (uint16_t)v->err.mtu6;
		if (v->err.q_is_ipv6) {
			v->err.q_ip.tot_len = v6_len(v->err.q_ip6.plen);
			map_icmp(&v->err.q_ip, &v->err.q_l4);
		}
	}
	return true;
}

const char *
tri_icmp_name(const struct dec_pkt *p, uint8_t type, uint8_t code)
{
	uint8_t t6, c6;

	if (p->ip.src.family == 6 && to_v6(type, code, &t6, &c6))
		return dec_icmp6_name(t6, c6);
	return dec_icmp_name(type, code);
}

const char *
tri_icmp_proto(const struct dec_pkt *p)
{
	return p->ip.src.family == 6 ? "ICMPv6" : "ICMP";
}
