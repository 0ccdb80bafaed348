/*
 * IPv6 frames for the readers (see view6.h).
 */
#include <string.h>

#include "analyze/packet/cursor.h"
#include "analyze/packet/view6.h"

/* An ICMPv6 header as ICMPv4's, in a packet or in a quote. */
static void
map_icmp(struct dec_ip *ip, struct dec_l4 *l4)
{
	uint8_t t, c;

	if (ip->proto != IPPROTO6_ICMPV6 || !(l4->have & L4_ICMP) ||
	    !dec_icmp6_as4(l4->icmp_type, l4->icmp_code, &t, &c))
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
dec_view6(const struct dec_pkt *p, struct dec_pkt *v)
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
dec_icmp_name_pkt(const struct dec_pkt *p, uint8_t type, uint8_t code)
{
	return dec_icmp_name_af(p->ip.src.family, type, code);
}

const char *
dec_icmp_proto(const struct dec_pkt *p)
{
	return p->ip.src.family == 6 ? "ICMPv6" : "ICMP";
}
