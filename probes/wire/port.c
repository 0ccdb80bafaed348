/*
 * Holding the probes' local port (see port.h).
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <string.h>
#include <unistd.h>

#include "probes/wire/port.h"

int
port_hold(const struct fl_addr *src, uint8_t proto, uint16_t port)
{
	struct sockaddr_in sin;
	int fd;

	fd = socket(AF_INET, (proto == 6 ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(port);
	sin.sin_addr.s_addr = htonl(fl_addr_v4_host(src));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
port_hold_any(const struct fl_addr *src, uint8_t proto, uint16_t *port)
{
	struct sockaddr_in sin;
	socklen_t sl = sizeof(sin);
	int fd = port_hold(src, proto, 0);

	if (fd < 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)&sin, &sl) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(sin.sin_port);
	return fd;
}
