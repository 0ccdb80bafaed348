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
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd;

	fd = socket(src->family == 6 ? AF_INET6 : AF_INET,
	    (proto == 6 ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	sl = fl_addr_to_sockaddr(src, port, &ss);
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
port_hold_any(const struct fl_addr *src, uint8_t proto, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	int fd = port_hold(src, proto, 0);

	if (fd < 0)
		return -1;
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		close(fd);
		return -1;
	}
	{
		struct fl_addr a;

		if (fl_addr_from_sockaddr((struct sockaddr *)&ss, &a, port) != 0) {
			close(fd);
			return -1;
		}
	}
	return fd;
}
