/*
 * The libcurl side of postprobe (see httpx.h).
 */
#include <sys/socket.h>

#include <arpa/inet.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "probes/postprobe/httpx.h"
#include "probes/host/localnet.h"

struct run {
	const struct httpx_hooks *hooks;
	struct httpx_obs	*obs;
	bool			 hook_failed;
	size_t			 outcap, incap;
};

int
httpx_parse_url(const char *url, char *host, size_t hostlen, uint16_t *port, bool *https,
    char *err, size_t errlen)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *h = NULL, *p = NULL;
	int rc = -1;

	if (u == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK) {
		snprintf(err, errlen, "'%s' is not a URL", url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0)) {
		snprintf(err, errlen, "'%s': only http:// and https:// URLs", url);
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK || h[0] == '\0') {
		snprintf(err, errlen, "'%s' has no host", url);
		goto out;
	}
	if (strlen(h) >= hostlen) {
		snprintf(err, errlen, "'%s': the host name is too long", url);
		goto out;
	}
	/* Brackets mark an IPv6 literal; keep it bare for the caller. */
	if (h[0] == '[') {
		snprintf(host, hostlen, "%.*s", (int)strlen(h) - 2, h + 1);
	} else {
		snprintf(host, hostlen, "%s", h);
	}
	*https = strcmp(scheme, "https") == 0;
	*port = *https ? 443 : 80;
	if (curl_url_get(u, CURLUPART_PORT, &p, 0) == CURLUE_OK)
		*port = (uint16_t)atoi(p);
	rc = 0;
out:
	curl_free(scheme);
	curl_free(h);
	curl_free(p);
	curl_url_cleanup(u);
	return rc;
}

/*
 * libcurl asks us for its socket: bind it to the source the route would
 * choose, so the local port is known, and let the caller aim the
 * capture at the connection before connect() sends its SYN.
 */
static curl_socket_t
open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *a)
{
	struct run *r = clientp;
	struct httpx_obs *o = r->obs;
	struct sockaddr_storage ss;
	socklen_t sl;
	struct route_info ri;
	struct fl_addr bound;
	char err[160];
	int fd;

	if (purpose != CURLSOCKTYPE_IPCXN ||
	    !((a->family == AF_INET && a->addrlen >= sizeof(struct sockaddr_in)) ||
	    (a->family == AF_INET6 && a->addrlen >= sizeof(struct sockaddr_in6))) ||
	    fl_addr_from_sockaddr(&a->addr, &o->remote, &o->rport) != 0)
		return CURL_SOCKET_BAD;
	if (localnet_source(&o->remote, NULL, &ri, &o->local, err, sizeof(err)) != 0)
		return CURL_SOCKET_BAD;
	fd = socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
	if (fd < 0)
		return CURL_SOCKET_BAD;
	sl = fl_addr_to_sockaddr(&o->local, 0, &ss);
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 ||
	    (sl = sizeof(ss), getsockname(fd, (struct sockaddr *)&ss, &sl)) != 0 ||
	    fl_addr_from_sockaddr((struct sockaddr *)&ss, &bound, &o->lport) != 0) {
		close(fd);
		return CURL_SOCKET_BAD;
	}
	if (r->hooks != NULL && r->hooks->on_socket != NULL &&
	    r->hooks->on_socket(r->hooks->ctx, &o->local, o->lport, &o->remote, o->rport) != 0) {
		r->hook_failed = true;
		close(fd);
		return CURL_SOCKET_BAD;
	}
	return fd;
}

static void
keep(char **buf, size_t *len, size_t *cap, const char *data, size_t n)
{
	size_t room;

	if (*buf == NULL) {
		*buf = malloc(HTTPX_TRANSCRIPT + 1);
		if (*buf == NULL)
			return;
		*cap = HTTPX_TRANSCRIPT;
	}
	room = *cap - *len;
	if (n > room)
		n = room;
	memcpy(*buf + *len, data, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* What libcurl sends and receives, as it hands it to TLS or TCP. */
static int
on_debug(CURL *h, curl_infotype type, char *data, size_t size, void *clientp)
{
	struct run *r = clientp;
	struct httpx_obs *o = r->obs;

	(void)h;
	switch (type) {
	case CURLINFO_HEADER_OUT:
	case CURLINFO_DATA_OUT:
		keep(&o->out, &o->outlen, &r->outcap, data, size);
		break;
	case CURLINFO_HEADER_IN:
		/* Each response starts a new transcript (redirects, 100 Continue). */
		if (size >= 5 && memcmp(data, "HTTP/", 5) == 0) {
			o->inlen = 0;
			snprintf(o->status_line, sizeof(o->status_line), "%.*s",
			    (int)(size > 2 ? size - 2 : size), data);
		}
		keep(&o->in, &o->inlen, &r->incap, data, size);
		break;
	case CURLINFO_DATA_IN:
		keep(&o->in, &o->inlen, &r->incap, data, size);
		break;
	default:
		break;
	}
	return 0;
}

static size_t
on_body(char *data, size_t size, size_t n, void *clientp)
{
	struct run *r = clientp;

	(void)data;
	r->obs->received += size * n;
	return size * n;
}

static double
ms(CURL *h, CURLINFO what)
{
	curl_off_t us = 0;

	(void)curl_easy_getinfo(h, what, &us);
	return (double)us / 1000.0;
}

int
httpx_run(const struct httpx_req *q, const struct httpx_hooks *hooks, struct httpx_obs *o,
    char *err, size_t errlen)
{
	struct curl_slist *hl = NULL;
	struct curl_blob ca;
	struct run r;
	CURLM *m = NULL;
	CURL *h = NULL;
	CURLMsg *msg;
	char ebuf[CURL_ERROR_SIZE] = "";
	int running = 0, left, i, rc = -1;

	memset(o, 0, sizeof(*o));
	memset(&r, 0, sizeof(r));
	r.hooks = hooks;
	r.obs = o;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		snprintf(err, errlen, "libcurl initialisation failed");
		return -1;
	}
	h = curl_easy_init();
	m = curl_multi_init();
	if (h == NULL || m == NULL) {
		snprintf(err, errlen, "libcurl initialisation failed");
		goto out;
	}
	for (i = 0; q->headers != NULL && q->headers[i] != NULL; i++)
		hl = curl_slist_append(hl, q->headers[i]);
	curl_easy_setopt(h, CURLOPT_URL, q->url);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(h, CURLOPT_IPRESOLVE, q->family == 6 ? CURL_IPRESOLVE_V6 :
	    q->family == 4 ? CURL_IPRESOLVE_V4 : CURL_IPRESOLVE_WHATEVER);
	curl_easy_setopt(h, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_USERAGENT, "faultline-postprobe/" FL_VERSION);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, &r);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, on_debug);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, &r);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, q->follow ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	if (hl != NULL)
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	if (q->userpwd != NULL)
		curl_easy_setopt(h, CURLOPT_USERPWD, q->userpwd);
	if (q->insecure) {
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (q->cacert != NULL) {
		ca.data = (void *)(uintptr_t)q->cacert;
		ca.len = q->cacert_len;
		ca.flags = CURL_BLOB_COPY;
		curl_easy_setopt(h, CURLOPT_CAINFO_BLOB, &ca);
	}
	if (q->max_time > 0)
		curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(q->max_time * 1000));
	if (q->method == NULL || strcmp(q->method, "POST") == 0) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)q->body_len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, q->body_len ? (const char *)q->body : "");
	} else if (strcmp(q->method, "GET") == 0 && q->body_len == 0) {
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	} else {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, q->method);
		if (q->body_len > 0) {
			curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)q->body_len);
			curl_easy_setopt(h, CURLOPT_POSTFIELDS, (const char *)q->body);
		}
	}
	o->sent = q->body_len;
	curl_multi_add_handle(m, h);

	/* Run the exchange, reading the capture all along. */
	do {
		struct curl_waitfd extra;
		int nextra = 0;

		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		if (hooks != NULL && hooks->capture_fd != NULL && hooks->capture_fd(hooks->ctx) >= 0) {
			extra.fd = hooks->capture_fd(hooks->ctx);
			extra.events = CURL_WAIT_POLLIN;
			extra.revents = 0;
			nextra = 1;
		}
		if (running)
			(void)curl_multi_poll(m, nextra ? &extra : NULL, (unsigned int)nextra, 20, NULL);
		if (hooks != NULL && hooks->service != NULL)
			hooks->service(hooks->ctx);
		if (hooks != NULL && hooks->stop != NULL && *hooks->stop)
			break;
	} while (running);

	o->code = running ? CURLE_ABORTED_BY_CALLBACK : CURLE_OK;
	while ((msg = curl_multi_info_read(m, &left)) != NULL)
		if (msg->msg == CURLMSG_DONE)
			o->code = msg->data.result;
	if (r.hook_failed) {
		snprintf(err, errlen, "could not aim the capture at the connection");
		goto out;
	}
	snprintf(o->error, sizeof(o->error), "%s", ebuf[0] ? ebuf : curl_easy_strerror(o->code));
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &o->status);
	curl_easy_getinfo(h, CURLINFO_REDIRECT_COUNT, &o->redirects);
	{
		char *red = NULL;

		if (curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &red) == CURLE_OK && red != NULL)
			snprintf(o->redirect_url, sizeof(o->redirect_url), "%s", red);
	}
	curl_easy_getinfo(h, CURLINFO_SSL_VERIFYRESULT, &o->verify_result);
	o->namelookup_ms = ms(h, CURLINFO_NAMELOOKUP_TIME_T);
	o->connect_ms = ms(h, CURLINFO_CONNECT_TIME_T);
	o->appconnect_ms = ms(h, CURLINFO_APPCONNECT_TIME_T);
	o->pretransfer_ms = ms(h, CURLINFO_PRETRANSFER_TIME_T);
	o->starttransfer_ms = ms(h, CURLINFO_STARTTRANSFER_TIME_T);
	o->total_ms = ms(h, CURLINFO_TOTAL_TIME_T);
	o->connected = o->connect_ms > 0;
	o->tls = strncmp(q->url, "https:", 6) == 0;
	rc = 0;
out:
	if (m != NULL && h != NULL)
		curl_multi_remove_handle(m, h);
	if (h != NULL)
		curl_easy_cleanup(h);
	if (m != NULL)
		curl_multi_cleanup(m);
	curl_slist_free_all(hl);
	curl_global_cleanup();
	return rc;
}

void
httpx_obs_free(struct httpx_obs *o)
{
	free(o->out);
	free(o->in);
	o->out = o->in = NULL;
}
