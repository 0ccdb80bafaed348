/*
 * Address helpers shared by the decoder, the correlator and renderers.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>

#include "analyze/packet/addr.h"

void
fl_addr_v4(struct fl_addr *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->family = 4;
	a->b[0] = (uint8_t)(v >> 24);
	a->b[1] = (uint8_t)(v >> 16);
	a->b[2] = (uint8_t)(v >> 8);
	a->b[3] = (uint8_t)v;
}

uint32_t
fl_addr_v4_host(const struct fl_addr *a)
{
	return ((uint32_t)a->b[0] << 24) | ((uint32_t)a->b[1] << 16) |
	    ((uint32_t)a->b[2] << 8) | a->b[3];
}

int
fl_addr_from_sockaddr(const struct sockaddr *sa, struct fl_addr *a, uint16_t *port)
{
	memset(a, 0, sizeof(*a));
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)(const void *)sa;

		fl_addr_v4(a, ntohl(s4->sin_addr.s_addr));
		if (port != NULL)
			*port = ntohs(s4->sin_port);
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)(const void *)sa;

		a->family = 6;
		memcpy(a->b, &s6->sin6_addr, 16);
		if (port != NULL)
			*port = ntohs(s6->sin6_port);
		return 0;
	}
	return -1;
}

socklen_t
fl_addr_to_sockaddr(const struct fl_addr *a, uint16_t port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == 6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)(void *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(port);
		memcpy(&s6->sin6_addr, a->b, 16);
		return sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)ss;

		s4->sin_family = AF_INET;
		s4->sin_port = htons(port);
		s4->sin_addr.s_addr = htonl(fl_addr_v4_host(a));
		return sizeof(*s4);
	}
}

bool
fl_addr_is_set(const struct fl_addr *a)
{
	return a->family == 4 || a->family == 6;
}

bool
fl_addr_eq(const struct fl_addr *a, const struct fl_addr *b)
{
	if (a->family != b->family)
		return false;
	return memcmp(a->b, b->b, a->family == 6 ? 16 : 4) == 0;
}

uint32_t
fl_addr_hash(const struct fl_addr *a, uint32_t h)
{
	int i, n = a->family == 6 ? 16 : 4;

	h ^= a->family;
	h *= 16777619u;
	for (i = 0; i < n; i++) {
		h ^= a->b[i];
		h *= 16777619u;
	}
	return h;
}

const char *
fl_addr_str(const struct fl_addr *a, char *buf, unsigned int len)
{
	if (a->family == 4) {
		if (inet_ntop(AF_INET, a->b, buf, len) != NULL)
			return buf;
	} else if (a->family == 6) {
		if (inet_ntop(AF_INET6, a->b, buf, len) != NULL)
			return buf;
	}
	if (len > 0)
		buf[0] = '\0';
	return buf;
}

int
fl_addr_parse(const char *s, struct fl_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, s, out->b) == 1) {
		out->family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out->b) == 1) {
		out->family = 6;
		return 0;
	}
	return -1;
}

bool
fl_addr_unspec6(const struct fl_addr *a)
{
	static const uint8_t zero[16];

	return a->family == 6 && memcmp(a->b, zero, 16) == 0;
}

bool
fl_addr_link_local6(const struct fl_addr *a)
{
	return a->family == 6 && a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80;
}

bool
fl_addr_loopback6(const struct fl_addr *a)
{
	static const uint8_t one[16] = { [15] = 1 };

	return a->family == 6 && memcmp(a->b, one, 16) == 0;
}
