/*
 * pcap-triage's result in the report: who acts for the verdict's device
 * (the verdict names a side and a device, not a hop), the connections
 * worth a row, and the page's tables: the findings ranked as the tool
 * ranked them, where the time goes per connection (with its bar), and
 * for a suspect host, the services it exposes to outsiders, the programs
 * it downloaded, the peer-to-peer swarms it is in, the unsolicited
 * attempts it drew and the remote calls it took.  Every string comes from the result file and is escaped.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/report/escape.h"
#include "analyze/report/report.h"

#define ROWS_MAX	30	/* connections with a row */
#define FINDINGS_MAX	60
#define EXPOSED_MAX	1024	/* exposed-service entries read (pcap-triage keeps one per caller) */

/* ---- who acts ---- */

/* The verdict's side and device, and its owner by --owners when listed. */
void
rp_triage_place(const json_t *root, const struct rp_owners *owners, struct rp_item *it)
{
	const json_t *v = rp_obj(root, "verdict");
	const char *who = rp_str(v, "who"), *dev = rp_str(v, "device"), *addr = rp_str(v, "address");
	struct rp_place *p = &it->place;
	const struct rp_owner *o;
	struct fl_addr a;

	if (*who == '\0' || strcmp(who, "none") == 0 || strcmp(who, "capture") == 0)
		return;
	p->set = true;
	p->hop = -1;
	snprintf(p->address, sizeof(p->address), "%s", *addr ? addr : "an unknown address");
	snprintf(p->text, sizeof(p->text), "%s", *dev ? dev : p->address);
	if (strcmp(who, "this-host") == 0 || strcmp(who, "client") == 0) {
		p->actor = RA_USER;
		snprintf(p->claim, sizeof(p->claim), "the machine the capture is centred on%s",
		    strcmp(who, "client") == 0 ? ", the connection's client" : "");
	} else if (strcmp(who, "server") == 0) {
		p->actor = RA_SERVER;
		snprintf(p->claim, sizeof(p->claim), "the connection's server");
	} else if (strcmp(who, "resolver") == 0 && strcmp(it->fault, "client") == 0) {
		/* The resolver answers for the name, and the name is wrong: the asker's. */
		p->actor = RA_USER;
		snprintf(p->claim, sizeof(p->claim), "the resolver answers that the name asked for "
		    "does not exist");
	} else if (strcmp(who, "gateway") == 0 || strcmp(who, "resolver") == 0 ||
	    strcmp(who, "dhcp-server") == 0 || strcmp(who, "lan-host") == 0) {
		p->actor = RA_OURS;
		snprintf(p->claim, sizeof(p->claim), "this host's %s, on its own network or chosen by it",
		    strcmp(who, "lan-host") == 0 ? "neighbour" : who);
	} else {
		/* A router, or the path: the capture alone does not say whose. */
		p->actor = RA_UNKNOWN;
	}
	if (*addr != '\0' && fl_addr_parse(addr, &a) == 0 && (o = rp_owners_find(owners, &a)) != NULL) {
		snprintf(p->owner, sizeof(p->owner), "%s", o->name);
		snprintf(p->claim, sizeof(p->claim), "the owners file lists it");
		if (o->has_role)
			p->actor = o->role;
	}
}

/*
 * Who acts, and what to do: by the verdict's side and device.  A
 * suspect host is no network fault, but its owner has work to do.
 */
void
rp_triage_who(struct rp_item *it)
{
	const char *who = rp_str(rp_obj(it->root, "verdict"), "who");
	const struct rp_place *p = &it->place;
	const char *advice;
	char owner[400] = "";

	if (strcmp(it->kind, "suspect-host") == 0) {
		it->actor = RA_USER;
		advice = "Have this machine checked for unwanted software, and for services it should "
		    "not offer to the Internet: the tables below list the attempts it drew, what it "
		    "answered and the programs it downloaded. The network is not at fault.";
	} else if (strcmp(it->kind, "cannot-judge") == 0) {
		it->actor = RA_UNKNOWN;
		advice = "Capture again, both directions, with a capture that keeps up (a larger "
		    "buffer, tcpdump -B, or a capture filter): this one misses too much to show a "
		    "fault or clear the network.";
	} else if (!it->is_fault) {
		it->actor = RA_NOBODY;
		advice = "Nothing to fix on the network, as far as this capture shows.";
	} else {
		it->actor = p->set ? p->actor : RA_UNKNOWN;
		if (strcmp(who, "this-host") == 0 || strcmp(who, "client") == 0)
			advice = "Look at this machine: the finding says what it does, with the frames.";
		else if (strcmp(who, "server") == 0)
			advice = "The server's owner must look at the server: the findings below give "
			    "the times and the frames.";
		else if (strcmp(who, "path") == 0)
			advice = "Run ptrace-slow toward the server from the same machine to find the "
			    "link: a capture shows the time spent on the wire, not where on the path.";
		else if (strcmp(who, "router") == 0)
			advice = "Ask whoever runs that router: its own ICMP message is the evidence.";
		else if (strcmp(who, "resolver") == 0 && it->actor == RA_USER)
			advice = "Check the spelling of the name; if it is right, the domain's owner "
			    "must publish it.";
		else if (strcmp(who, "resolver") == 0)
			advice = "Check the name server this machine uses: the findings below give its "
			    "answers and the frames.";
		else if (strcmp(who, "gateway") == 0)
			advice = "Check the gateway and the local network (cable, switch, Wi-Fi): "
			    "this machine's requests to it go unanswered.";
		else if (strcmp(who, "dhcp-server") == 0)
			advice = "Check the DHCP server: the findings below give its answers.";
		else
			advice = "Check that device: the findings below give the frames.";
	}
	if (p->set && p->owner[0] != '\0')
		snprintf(owner, sizeof(owner), ": %.95s runs %.60s (%.200s)", p->owner, p->address,
		    p->claim);
	snprintf(it->actor_text, sizeof(it->actor_text), "%s%s. %s", rp_actor_name(it->actor),
	    owner, advice);
}

/* ---- the connections worth a row ---- */

/*
 * The source of a fault finding, or a connection that failed and was not
 * an outsider's unsolicited attempt on the host the capture is centred on
 * (a scan's refused SYNs are the Internet's background, not a failure).
 */
bool
rp_triage_conn_bad(const json_t *root, const json_t *c)
{
	const char *o = rp_str(c, "outcome"), *me = rp_str(root, "this_host");

	if (json_is_true(json_object_get(c, "fault")))
		return true;
	if (strcmp(o, "established") == 0 || strcmp(o, "mid-stream") == 0 ||
	    strcmp(o, "half-open") == 0 || strcmp(o, "capture-ended") == 0)
		return false;
	return *me == '\0' || strcmp(rp_str(c, "server"), me) != 0;
}

/* A connection's life in ms (0 when not given). */
static double
conn_total(const json_t *c)
{
	double t = rp_num(rp_obj(c, "time"), "total_ms", 0);

	return isfinite(t) && t > 0 ? t : 0;
}

struct row {
	const json_t	*c;
	bool		 bad;
	double		 total;
	long long	 frame;
};

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;

	if (a->bad != b->bad)
		return a->bad ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return a->frame < b->frame ? -1 : a->frame > b->frame;
}

size_t
rp_triage_conns(const json_t *root, const json_t **v, size_t max)
{
	const json_t *arr = rp_arr(root, "connections"), *c;
	size_t i, n = 0, total = json_array_size(arr);
	struct row *all;

	if (total == 0 || max == 0 || (all = calloc(total, sizeof(*all))) == NULL)
		return 0;
	json_array_foreach(arr, i, c) {
		if (!json_is_object(c))
			continue;
		all[n].c = c;
		all[n].bad = rp_triage_conn_bad(root, c);
		all[n].total = conn_total(c);
		all[n].frame = rp_int(c, "first_frame", 0, UINT32_MAX, 0);
		n++;
	}
	qsort(all, n, sizeof(*all), cmp_rows);
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		v[i] = all[i].c;
	free(all);
	return n;
}

/* ---- the tables ---- */


static void
td_n(FILE *out, const json_t *o, const char *key)
{
	const json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;

	if (json_is_integer(v))
		fprintf(out, "<td class=\"n\">%lld</td>", (long long)json_integer_value(v));
	else if (json_is_number(v))
		fprintf(out, fabs(json_number_value(v)) >= 1000 ? "<td class=\"n\">%.0f</td>" :
		    "<td class=\"n\">%.3g</td>", json_number_value(v));
	else
		fputs("<td class=\"n\">-</td>", out);
}

/* "a:p", the table's way of naming one end. */
static void
td_end(FILE *out, const json_t *c, const char *addr, const char *port)
{
	char buf[FL_ADDRSTRLEN + 16];

	snprintf(buf, sizeof(buf), "%s port %lld", rp_str(c, addr), rp_int(c, port, 0, 65535, 0));
	rp_html_td(out, buf);
}

/* The first frames a finding cites. */
static void
td_frames(FILE *out, const json_t *f)
{
	const json_t *ev = rp_arr(f, "evidence"), *e;
	size_t i;

	fputs("<td class=\"n\">", out);
	json_array_foreach(ev, i, e) {
		if (i >= 6) {
			fputs(" ...", out);
			break;
		}
		fprintf(out, "%s%lld", i ? ", " : "", rp_int(e, "frame", 0, UINT32_MAX, 0));
	}
	if (json_array_size(ev) == 0)
		fputs("-", out);
	fputs("</td>", out);
}

static void
findings_table(FILE *out, const json_t *root)
{
	const json_t *arr = rp_arr(root, "findings"), *f;
	size_t i;

	if (json_array_size(arr) == 0)
		return;
	fputs("<h3>What the capture shows</h3>\n<p class=\"meta\">Every finding, faults first, "
	    "then warnings, then notes; in each, in dependency order (link, ARP, DHCP, IP, DNS, "
	    "TCP, TLS, application, this host).</p>\n<div class=\"scroll\"><table><thead><tr>"
	    "<th>Severity</th><th>What</th><th>Who</th><th>Finding</th><th class=\"n\">Frames</th>"
	    "</tr></thead><tbody>\n", out);
	json_array_foreach(arr, i, f) {
		if (i >= FINDINGS_MAX) {
			fprintf(out, "<tr><td colspan=\"5\">and %zu more (the JSON result has them "
			    "all)</td></tr>\n", json_array_size(arr) - FINDINGS_MAX);
			break;
		}
		fprintf(out, "<tr%s>", strcmp(rp_str(f, "severity"), "fault") == 0 ?
		    " class=\"fault\"" : "");
		rp_html_td(out, rp_str(f, "severity"));
		rp_html_td(out, rp_str(f, "kind"));
		rp_html_td(out, rp_str(f, "device"));
		rp_html_td(out, rp_str(f, "summary"));
		td_frames(out, f);
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

static const struct {
	const char *key, *name, *colour;
} bar_parts[] = {
	{ "connect_ms", "connect", "#1f5fa8" },
	{ "client_wait_ms", "client wait", "#a15c00" },
	{ "server_ms", "server", "#b3261e" },
	{ "transfer_ms", "transfer", "#2e7d32" },
};

/* One connection's where-the-time-goes bar: its parts in order, the rest of its life grey. */
void
rp_svg_time_bar(FILE *out, const json_t *conn, double scale_ms, int width)
{
	const json_t *t = rp_obj(conn, "time");
	double x = 0, total = conn_total(conn), d, w;
	size_t i;

	if (!(scale_ms > 0) || width < 10)
		return;
	fprintf(out, "<svg class=\"bar\" viewBox=\"0 0 %d 12\" width=\"%d\" height=\"12\" "
	    "role=\"img\" aria-label=\"where the time goes\">", width, width);
	for (i = 0; i < sizeof(bar_parts) / sizeof(bar_parts[0]); i++) {
		d = rp_num(t, bar_parts[i].key, -1);
		if (!(d > 0) || !isfinite(d))
			continue;
		w = d / scale_ms * width;
		if (x + w > width)
			w = width - x;
		if (w <= 0)
			break;
		fprintf(out, "<rect x=\"%.1f\" y=\"1\" width=\"%.1f\" height=\"10\" fill=\"%s\">"
		    "<title>%s %.1f ms</title></rect>", x, w < 1 ? 1 : w, bar_parts[i].colour,
		    bar_parts[i].name, d);
		x += w;
	}
	w = total / scale_ms * width - x;
	if (w > 0.5 && x < width)
		fprintf(out, "<rect x=\"%.1f\" y=\"4\" width=\"%.1f\" height=\"4\" fill=\"#c8ccd0\">"
		    "<title>the rest of the connection's life</title></rect>", x,
		    x + w > width ? width - x : w);
	fputs("</svg>", out);
}

static void
time_legend(FILE *out)
{
	size_t i;

	fputs("<p class=\"meta\">The bar: ", out);
	for (i = 0; i < sizeof(bar_parts) / sizeof(bar_parts[0]); i++)
		fprintf(out, "<span style=\"color:%s\">&#9632;</span> %s%s", bar_parts[i].colour,
		    bar_parts[i].name, i + 1 < sizeof(bar_parts) / sizeof(bar_parts[0]) ? ", " : "");
	fputs(", <span style=\"color:#8a8a8a\">&#9644;</span> the rest of the connection's life "
	    "(idle, or kept open); one scale for every row. Connect: from the first SYN to the "
	    "handshake's end; client wait: the client's longest wait before a request; server: "
	    "its longest time to answer, the round trip taken off; transfer: the answers' first "
	    "to last byte.</p>\n", out);
}

static void
conns_table(FILE *out, const json_t *root)
{
	const json_t *v[ROWS_MAX], *t;
	size_t i, n = rp_triage_conns(root, v, ROWS_MAX);
	long long total = rp_int(root, "connections_total", 0, INT64_MAX, 0);
	double scale = 0;
	const char *o, *fk;

	if (n == 0)
		return;
	for (i = 0; i < n; i++)
		if (conn_total(v[i]) > scale)
			scale = conn_total(v[i]);
	fprintf(out, "<h3>Where the time goes, per connection</h3>\n<p class=\"meta\">%zu of the "
	    "%lld TCP connections: those that failed or carry a fault first, then the longest."
	    "</p>\n", n, total > (long long)n ? total : (long long)n);
	time_legend(out);
	fputs("<div class=\"scroll\"><table><thead><tr><th>Client</th><th>Server</th>"
	    "<th>Outcome</th><th class=\"n\">Start s</th><th class=\"n\">Round trip ms</th>"
	    "<th class=\"n\">Connect ms</th><th class=\"n\">Client wait ms</th>"
	    "<th class=\"n\">Server ms</th><th class=\"n\">Transfer ms</th>"
	    "<th class=\"n\">Total ms</th><th>Time</th></tr></thead><tbody>\n", out);
	for (i = 0; i < n; i++) {
		t = rp_obj(v[i], "time");
		o = rp_str(v[i], "outcome");
		fk = rp_str(v[i], "fault_kind");
		fprintf(out, "<tr%s>", rp_triage_conn_bad(root, v[i]) ? " class=\"fault\"" : "");
		td_end(out, v[i], "client", "client_port");
		td_end(out, v[i], "server", "server_port");
		fputs("<td>", out);
		rp_html_esc(out, *o ? o : "-");
		if (*fk) {
			fputs(": ", out);
			rp_html_esc(out, fk);
		}
		fputs("</td>", out);
		td_n(out, v[i], "start_s");
		td_n(out, t, "rtt_ms");
		td_n(out, t, "connect_ms");
		td_n(out, t, "client_wait_ms");
		td_n(out, t, "server_ms");
		td_n(out, t, "transfer_ms");
		td_n(out, t, "total_ms");
		fputs("<td>", out);
		rp_svg_time_bar(out, v[i], scale, 120);
		fputs("</td></tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* The services this host answers outsiders on: one row per port, its callers counted. */
static void
exposed_table(FILE *out, const json_t *host)
{
	const json_t *arr = rp_arr(host, "exposed"), *e, *f;
	size_t i, j, rows = 0;
	bool seen;

	if (json_array_size(arr) == 0)
		return;
	fputs("<h3>Services this host exposes to outsiders</h3>\n<p class=\"meta\">A port on "
	    "which this host accepted a connection (SYN-ACK) or answered a datagram from an "
	    "address outside its own networks.</p>\n<div class=\"scroll\"><table><thead><tr>"
	    "<th>Protocol</th><th class=\"n\">Port</th><th class=\"n\">Outsiders answered</th>"
	    "<th>First caller</th><th class=\"n\">Attempt frame</th><th class=\"n\">Answer frame</th>"
	    "</tr></thead><tbody>\n", out);
	json_array_foreach(arr, i, e) {
		size_t callers = 0;

		/* Each row counts over the others: bounded, whatever the file holds. */
		if (i >= EXPOSED_MAX)
			break;
		seen = false;
		for (j = 0; j < i && !seen; j++) {
			f = json_array_get(arr, j);
			seen = rp_int(f, "port", 0, 65535, -1) == rp_int(e, "port", 0, 65535, -2) &&
			    strcmp(rp_str(f, "protocol"), rp_str(e, "protocol")) == 0;
		}
		if (seen || rows++ >= 40)
			continue;
		json_array_foreach(arr, j, f) {
			if (j >= EXPOSED_MAX)
				break;
			callers += rp_int(f, "port", 0, 65535, -1) == rp_int(e, "port", 0, 65535, -2) &&
			    strcmp(rp_str(f, "protocol"), rp_str(e, "protocol")) == 0;
		}
		fputs("<tr>", out);
		rp_html_td(out, rp_str(e, "protocol"));
		td_n(out, e, "port");
		fprintf(out, "<td class=\"n\">%zu</td>", callers);
		rp_html_td(out, rp_str(e, "source"));
		td_n(out, e, "attempt_frame");
		td_n(out, e, "answer_frame");
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

static void
downloads_table(FILE *out, const json_t *host)
{
	const json_t *arr = rp_arr(host, "downloads"), *d;
	size_t i;
	char from[400];

	if (json_array_size(arr) == 0)
		return;
	fputs("<h3>Programs this host downloaded</h3>\n<div class=\"scroll\"><table><thead><tr>"
	    "<th>File</th><th>From</th><th>Via</th><th>Kind</th><th class=\"n\">Size</th>"
	    "<th class=\"n\">Captured</th><th>Why it matters</th><th class=\"n\">Frames</th>"
	    "</tr></thead><tbody>\n", out);
	json_array_foreach(arr, i, d) {
		long long lookup = rp_int(d, "lookup_frame", 1, UINT32_MAX, 0);
		long long chain = rp_int(d, "chain_frame", 1, UINT32_MAX, 0);

		if (i >= 40)
			break;
		fprintf(out, "<tr%s>", strcmp(rp_str(d, "severity"), "warning") == 0 ?
		    " class=\"fault\"" : "");
		rp_html_td(out, rp_str(d, "file"));
		snprintf(from, sizeof(from), "%s%s%s%s", rp_str(d, "server"),
		    *rp_str(d, "name") ? " (" : "", rp_str(d, "name"), *rp_str(d, "name") ? ")" : "");
		rp_html_td(out, from);
		rp_html_td(out, rp_str(d, "via"));
		rp_html_td(out, *rp_str(d, "executable") ? rp_str(d, "executable") : "not a program");
		td_n(out, d, "size");
		td_n(out, d, "captured");
		fputs("<td>", out);
		if (json_is_true(json_object_get(d, "bare_ip")))
			fputs("from a bare IP address, no name looked up; ", out);
		if (lookup > 0)
			fprintf(out, "%.3g s after its name was looked up (frame %lld); ",
			    rp_num(d, "after_lookup_s", 0), lookup);
		if (chain > 0)
			fprintf(out, "after a call from outside (frame %lld); ", chain);
		rp_html_esc(out, rp_str(d, "severity"));
		fputs("</td>", out);
		fprintf(out, "<td class=\"n\">%lld, %lld</td></tr>\n",
		    rp_int(d, "request_frame", 0, UINT32_MAX, 0), rp_int(d, "data_frame", 0, UINT32_MAX, 0));
	}
	fputs("</tbody></table></div>\n", out);
}

/* A column of a plain table: its heading, the row's key, a number (right-aligned) or text. */
struct col {
	const char	*head, *key;
	bool		 num;
};

/*
 * A plain table: a row per entry of arr, at most max, the rest counted in
 * a last row ("and N more MORE"); rows whose "answer" is "open" are marked (an exposed port).
 */
static void
plain_table(FILE *out, const json_t *arr, const struct col *c, size_t nc, size_t max,
    const char *more)
{
	const json_t *e;
	size_t i, k;

	fputs("<div class=\"scroll\"><table><thead><tr>", out);
	for (k = 0; k < nc; k++)
		fprintf(out, "<th%s>%s</th>", c[k].num ? " class=\"n\"" : "", c[k].head);
	fputs("</tr></thead><tbody>\n", out);
	json_array_foreach(arr, i, e) {
		if (i >= max) {
			fprintf(out, "<tr><td colspan=\"%zu\">and %zu more %s</td></tr>\n", nc,
			    json_array_size(arr) - max, more);
			break;
		}
		fprintf(out, "<tr%s>", strcmp(rp_str(e, "answer"), "open") == 0 ? " class=\"fault\"" : "");
		for (k = 0; k < nc; k++) {
			if (c[k].num)
				td_n(out, e, c[k].key);
			else
				rp_html_td(out, rp_str(e, c[k].key));
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

static void
swarms_table(FILE *out, const json_t *host)
{
	static const struct col c[] = {
		{ "Protocol", "protocol", false }, { "Host", "host", false }, { "Port", "port", true },
		{ "Peers", "peers", true }, { "Handshake connections", "handshake_connections", true },
		{ "DHT exchanges", "dht_exchanges", true }, { "Bytes in", "bytes_in", true },
		{ "Bytes out", "bytes_out", true }, { "Share %", "share_pct", true },
		{ "Info-hash", "infohash", false }, { "First frame", "first_frame", true },
	};
	const json_t *arr = rp_arr(host, "swarms");

	if (json_array_size(arr) == 0)
		return;
	fputs("<h3>Peer-to-peer swarms</h3>\n<p class=\"meta\">Named from the protocol's own "
	    "frames (BitTorrent peer handshakes, DHT messages), never from many peers on one port "
	    "alone.</p>\n", out);
	plain_table(out, arr, c, sizeof(c) / sizeof(c[0]), 16, "swarms");
}

static void
inbound_table(FILE *out, const json_t *host)
{
	static const struct col c[] = {
		{ "Source", "source", false }, { "Protocol", "protocol", false }, { "Port", "port", true },
		{ "Attempts", "attempts", true }, { "Answer", "answer", false },
		{ "First frame", "first_frame", true },
	};
	const json_t *arr = rp_arr(host, "inbound");

	if (json_array_size(arr) == 0)
		return;
	fprintf(out, "<h3>Unsolicited attempts from outside</h3>\n<p class=\"meta\">%lld attempts "
	    "this host did not ask for, by source and port, with what it answered.</p>\n",
	    rp_int(host, "inbound_attempts", 0, INT64_MAX, 0));
	plain_table(out, arr, c, sizeof(c) / sizeof(c[0]), 40, "groups");
}

static void
calls_table(FILE *out, const json_t *host)
{
	const json_t *arr = rp_arr(host, "remote_calls"), *e;
	size_t i;

	if (json_array_size(arr) == 0)
		return;
	fputs("<h3>Remote calls from outside</h3>\n<div class=\"scroll\"><table><thead><tr>"
	    "<th>Source</th><th>Call</th><th>Port</th><th>Answer</th><th class=\"n\">Frame</th>"
	    "</tr></thead><tbody>\n", out);
	json_array_foreach(arr, i, e) {
		char port[32];

		if (i >= 40)
			break;
		fprintf(out, "<tr%s>", json_is_true(json_object_get(e, "accepted")) ?
		    " class=\"fault\"" : "");
		rp_html_td(out, rp_str(e, "source"));
		rp_html_td(out, rp_str(e, "call"));
		snprintf(port, sizeof(port), "%s %lld", rp_str(e, "protocol"),
		    rp_int(e, "port", 0, 65535, 0));
		rp_html_td(out, port);
		rp_html_td(out, rp_str(e, "answer"));
		td_n(out, e, "frame");
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* What uses the line: the top addresses and protocols by bytes. */
static void
traffic_table(FILE *out, const json_t *tr)
{
	const json_t *arr, *e;
	size_t i;

	if (json_array_size(rp_arr(tr, "talkers")) == 0)
		return;
	fprintf(out, "<h3>What uses the line</h3>\n<p class=\"meta\">%lld IP bytes in all; each "
	    "count is an upper bound, at most its error above the truth (space-saving counters)."
	    "</p>\n<div class=\"scroll\"><table><thead><tr><th>Address</th><th>Name</th>"
	    "<th class=\"n\">Bytes</th><th class=\"n\">Share %%</th><th>Protocol</th>"
	    "<th class=\"n\">Bytes</th><th class=\"n\">Share %%</th></tr></thead><tbody>\n",
	    rp_int(tr, "bytes", 0, INT64_MAX, 0));
	arr = rp_arr(tr, "talkers");
	for (i = 0; i < 10; i++) {
		const json_t *p = json_array_get(rp_arr(tr, "protocols"), i);

		e = json_array_get(arr, i);
		if (e == NULL && p == NULL)
			break;
		fputs("<tr>", out);
		if (e != NULL) {
			char a[FL_ADDRSTRLEN + 16];

			snprintf(a, sizeof(a), "%s%s", rp_str(e, "address"),
			    json_is_true(json_object_get(e, "this_host")) ? " (this host)" : "");
			rp_html_td(out, a);
			rp_html_td(out, rp_str(e, "name"));
			td_n(out, e, "bytes");
			td_n(out, e, "share_pct");
		} else {
			fputs("<td></td><td></td><td></td><td></td>", out);
		}
		if (p != NULL) {
			rp_html_td(out, rp_str(p, "protocol"));
			td_n(out, p, "bytes");
			td_n(out, p, "share_pct");
		} else {
			fputs("<td></td><td></td><td></td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</tbody></table></div>\n", out);
}

/* Where the capture was taken and what it holds, in one line. */
static void
capture_line(FILE *out, const json_t *root)
{
	const json_t *cp = rp_obj(root, "capture_point"), *dns = rp_obj(root, "dns");

	fprintf(out, "<p>%lld frames over %.1f s; connections seen at the client %lld, at the "
	    "server %lld, in the middle %lld, undecided %lld; %lld DNS queries, %lld answered, "
	    "%lld for names that do not exist (%lld of them normal search-list expansions).",
	    rp_int(rp_obj(root, "frames"), "all", 0, INT64_MAX, 0), rp_num(root, "duration_s", 0),
	    rp_int(cp, "client", 0, INT64_MAX, 0), rp_int(cp, "server", 0, INT64_MAX, 0),
	    rp_int(cp, "middle", 0, INT64_MAX, 0), rp_int(cp, "unknown", 0, INT64_MAX, 0),
	    rp_int(dns, "queries", 0, INT64_MAX, 0), rp_int(dns, "answered", 0, INT64_MAX, 0),
	    rp_int(dns, "nxdomain", 0, INT64_MAX, 0), rp_int(dns, "nxdomain_normal", 0, INT64_MAX, 0));
	if (*rp_str(root, "this_host")) {
		fputs(" The capture is centred on ", out);
		rp_html_esc(out, rp_str(root, "this_host"));
		if (*rp_str(rp_obj(root, "gateway"), "address")) {
			fputs(", whose gateway is ", out);
			rp_html_esc(out, rp_str(rp_obj(root, "gateway"), "address"));
		}
		fputs(".", out);
	}
	fputs("</p>\n", out);
}

void
rp_triage_html(FILE *out, const struct rp_item *it)
{
	const json_t *host = rp_obj(it->root, "host");

	capture_line(out, it->root);
	findings_table(out, it->root);
	exposed_table(out, host);
	downloads_table(out, host);
	swarms_table(out, host);
	calls_table(out, host);
	inbound_table(out, host);
	traffic_table(out, rp_obj(host, "traffic"));
	conns_table(out, it->root);
}
