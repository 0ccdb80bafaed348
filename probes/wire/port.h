/*
 * A local port held for the probes' flow: bound by an ordinary socket of
 * the probes' protocol, so that no local program is given it meanwhile
 * and the kernel's own stack treats its replies as for a port in use.
 */
#ifndef FL_PORT_H
#define FL_PORT_H

#include <stdint.h>

#include "analyze/packet/addr.h"

/*
 * Bind src:port for TCP (6) or UDP (17).  Returns the descriptor to
 * close when done, or -1 (the port is taken, or no socket).
 */
int	port_hold(const struct fl_addr *src, uint8_t proto, uint16_t port);

/* The same for a port the kernel picks, into *port. */
int	port_hold_any(const struct fl_addr *src, uint8_t proto, uint16_t *port);

#endif
