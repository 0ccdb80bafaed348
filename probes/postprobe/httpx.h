/*
 * postprobe's HTTP exchange, through libcurl over the kernel's TCP (no
 * hand-made HTTP client, no user-space TCP).  The socket is opened
 * through libcurl's open-socket callback and bound first, so that the
 * capture filter names the connection before its SYN leaves; the
 * capture is read while the exchange runs; libcurl's own timings and its
 * view of the exchange (the only transcript there is for HTTPS) are kept.
 */
#ifndef FL_HTTPX_H
#define FL_HTTPX_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analyze/packet/addr.h"

struct httpx_req {
	const char	*url;
	const char	*method;	/* NULL: POST */
	const uint8_t	*body;
	size_t		 body_len;
	const char	**headers;	/* "Name: value", NULL-terminated */
	const char	*userpwd;
	bool		 insecure;
	const uint8_t	*cacert;	/* PEM, read before the privilege drop */
	size_t		 cacert_len;
	double		 max_time;	/* seconds */
	bool		 follow;	/* follow redirects */
	int		 family;	/* 4 or 6: connect over that family only; 0: either */
};

#define HTTPX_TRANSCRIPT	(64 * 1024)

struct httpx_obs {
	int		 code;		/* CURLcode */
	char		 error[256];
	bool		 connected;	/* the TCP handshake completed */
	struct fl_addr	 local, remote;
	uint16_t	 lport, rport;
	long		 status;
	char		 status_line[160];
	long		 redirects;
	char		 redirect_url[512];
	double		 namelookup_ms, connect_ms, appconnect_ms, pretransfer_ms,
			 starttransfer_ms, total_ms;	/* libcurl's, from the start */
	long		 verify_result;	/* X509 verification result, 0 ok */
	bool		 tls;
	size_t		 sent, received;	/* body bytes */
	/* What libcurl sent and received, headers and bodies, capped. */
	char		*out, *in;
	size_t		 outlen, inlen;
};

/* Called once the socket is bound, before it connects. */
struct httpx_hooks {
	int	(*on_socket)(void *ctx, const struct fl_addr *local, uint16_t lport,
		    const struct fl_addr *remote, uint16_t rport);
	int	(*capture_fd)(void *ctx);
	void	(*service)(void *ctx);	/* read what the capture holds */
	void	*ctx;
	/* Set by SIGINT or SIGTERM: end the exchange where it is (NULL: never). */
	volatile sig_atomic_t *stop;
};

/* One exchange.  Returns 0 (the result, good or bad, is in obs) or -1. */
int	httpx_run(const struct httpx_req *, const struct httpx_hooks *, struct httpx_obs *,
	    char *err, size_t errlen);
void	httpx_obs_free(struct httpx_obs *);

/* Check a URL: http or https, a host, an optional port.  0 or -1. */
int	httpx_parse_url(const char *url, char *host, size_t hostlen, uint16_t *port,
	    bool *https, char *err, size_t errlen);

#endif
