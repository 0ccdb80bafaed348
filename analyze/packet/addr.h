/*
 * Network addresses as the analysis sees them, of either family, and
 * their conversion to and from the sockets API's addresses.
 */
#ifndef FL_ADDR_H
#define FL_ADDR_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stdint.h>

#define FL_ADDRSTRLEN	46	/* INET6_ADDRSTRLEN */

struct fl_addr {
	uint8_t	family;		/* 0 (none), 4 or 6 */
	uint8_t	b[16];		/* network order; IPv4 uses b[0..3] */
};

void	fl_addr_v4(struct fl_addr *, uint32_t host_order);
uint32_t fl_addr_v4_host(const struct fl_addr *);

/* A sockaddr_in or sockaddr_in6 as an address and port (port may be NULL); -1 for others. */
int	fl_addr_from_sockaddr(const struct sockaddr *, struct fl_addr *, uint16_t *port);

/* The address and port as a sockaddr of its family in ss; returns its length. */
socklen_t fl_addr_to_sockaddr(const struct fl_addr *, uint16_t port, struct sockaddr_storage *ss);
bool	fl_addr_eq(const struct fl_addr *, const struct fl_addr *);
bool	fl_addr_is_set(const struct fl_addr *);
uint32_t fl_addr_hash(const struct fl_addr *, uint32_t seed);
const char *fl_addr_str(const struct fl_addr *, char *buf, unsigned int len);
int	fl_addr_parse(const char *s, struct fl_addr *out);
/* IPv6's unspecified ::, link-local fe80::/10 and loopback ::1 (RFC 4291 2.5); false for IPv4. */
bool	fl_addr_unspec6(const struct fl_addr *);
bool	fl_addr_link_local6(const struct fl_addr *);
bool	fl_addr_loopback6(const struct fl_addr *);


#endif
