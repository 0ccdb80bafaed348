/*
 * Everything that needs privilege, in one place: the raw socket, the
 * live capture handle, the files opened on the user's behalf, and the
 * drop of privileges that must follow them before any packet is parsed.
 * tests/unit/test_priv_confined.sh fails if these calls appear anywhere
 * else in the tree.
 */
#ifndef FL_PRIV_H
#define FL_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libnet.h>
#include <pcap/pcap.h>

/* Raw IPv4 socket with IP_HDRINCL through libnet; dev may be NULL. */
libnet_t *priv_open_raw4(const char *dev, char *err, size_t errlen);

/* Raw IPv6 socket (IPPROTO_RAW: the header is ours) through libnet; dev may be NULL. */
libnet_t *priv_open_raw6(const char *dev, char *err, size_t errlen);

/*
 * A live capture on dev ("any" when NULL), kernel timestamps at
 * nanosecond precision when offered, not promiscuous.  Probe traffic
 * wants immediate delivery and a small ring; a payload capture (HTTP)
 * wants whole packets, which on the sending side can be 64 KB GSO
 * super-packets, and a larger ring delivered in blocks every 2 ms.
 */
pcap_t	*priv_open_capture(const char *dev, int snaplen, bool immediate, int ring_mb,
	    char *err, size_t errlen);

/* An input file ("-" is standard input), opened before the drop. */
FILE	*priv_open_input(const char *path, char *err, size_t errlen);

/*
 * Give up every privilege for good: supplementary groups, then gid and
 * uid (to "nobody" when running as root), then all capabilities, and
 * no_new_privs.  Then check that none of it can be regained.  Returns
 * 0, or -1 with err filled: the caller must exit.  The front ends call
 * it through outfile_drop_privileges() (probes/cli/outfile.h), which
 * first has the output files' guardian lower itself.
 */
int	 priv_drop(char *err, size_t errlen);

/*
 * In the output files' guardian: keep of root's powers only
 * CAP_DAC_OVERRIDE and CAP_FOWNER (none for a user's run), with the
 * bounding set and no_new_privs.  0, or -1.
 */
int	 priv_lower_guardian(void);

/* True when this process may open raw sockets (root or CAP_NET_RAW). */
bool	 priv_have_raw(void);

#endif
